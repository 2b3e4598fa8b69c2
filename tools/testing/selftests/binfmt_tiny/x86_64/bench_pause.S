/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sleeps until a signal kills it, with no bss and no output, so that
 * tiny_bench can count the mappings and the resident pages of a running
 * program in each format it is linked in (as bench_true.S is).
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	movl	$__NR_pause, %eax
	syscall
	jmp	_start
