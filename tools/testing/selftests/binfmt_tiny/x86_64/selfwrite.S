/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writes to its own image, which is mapped read-only: must die of SIGSEGV.
 * Exit status 1 if the write went through.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	movb	$0xc3, target(%rip)
	movl	$__NR_exit_group, %eax
	movl	$1, %edi
	syscall
target:
	nop
