/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copies code that exits with status 1 onto the stack and jumps to it: the
 * stack is not executable, so this must die of SIGSEGV instead.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	subq	$64, %rsp
	leaq	payload(%rip), %rsi
	movq	%rsp, %rdi
	movl	$payload_len, %ecx
	cld
	rep movsb
	jmp	*%rsp

payload:
	movl	$__NR_exit_group, %eax
	movl	$1, %edi
	syscall
	.set	payload_len, . - payload
