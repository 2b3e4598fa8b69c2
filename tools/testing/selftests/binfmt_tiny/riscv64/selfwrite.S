/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writes to its own image, which is mapped read-only: must die of SIGSEGV.
 * Exit status 1 if the write went through.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	lla	t0, target
	sb	zero, 0(t0)
	li	a0, 1
	li	a7, __NR_exit_group
	ecall
target:
	nop
