/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sleeps until a signal kills it, with no bss and no output, so that
 * tiny_bench can count the mappings and the resident pages of a running
 * program in each format it is linked in (as bench_true.S is).  riscv64
 * has no pause(2): ppoll(NULL, 0, NULL, NULL) waits for a signal the same
 * way.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	li	a0, 0
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a7, __NR_ppoll
	ecall
	j	_start
