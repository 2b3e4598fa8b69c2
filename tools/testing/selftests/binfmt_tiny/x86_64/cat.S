/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cat(1) in plain mode: copies stdin to stdout through a buffer on the
 * stack; exits 0 at end of input, 1 on an error.
 */
#include <asm/unistd.h>

#define BUF_SIZE	4096

	.section .text.entry, "ax"
	.globl _start
_start:
	subq	$BUF_SIZE, %rsp
.Lread:
	movl	$__NR_read, %eax
	xorl	%edi, %edi
	movq	%rsp, %rsi
	movl	$BUF_SIZE, %edx
	syscall
	testq	%rax, %rax
	jz	.Lexit
	js	.Lfail
	movq	%rax, %rbx			/* bytes left to write */
	movq	%rsp, %r12
.Lwrite:
	movl	$__NR_write, %eax
	movl	$1, %edi
	movq	%r12, %rsi
	movq	%rbx, %rdx
	syscall
	testq	%rax, %rax
	jle	.Lfail
	addq	%rax, %r12
	subq	%rax, %rbx
	jnz	.Lwrite
	jmp	.Lread
.Lfail:
	movl	$1, %edi
	jmp	1f
.Lexit:
	xorl	%edi, %edi
1:	movl	$__NR_exit_group, %eax
	syscall
