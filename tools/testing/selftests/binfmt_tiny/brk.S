/* SPDX-License-Identifier: GPL-2.0 */
/*
 * brk(2) checker: writes the initial program break (a native 64-bit word)
 * to stdout, grows the heap by 64 MiB, checks that its first and last
 * bytes are zero and writable, then shrinks it back.
 *
 * Exit status: 0 good, 2 growing refused, 3 heap not zeroed, 4 shrinking
 * failed.
 */
#include <asm/unistd.h>

#define GROW	(64 << 20)

	.section .text.entry, "ax"
	.globl _start
_start:
	movl	$__NR_brk, %eax
	xorl	%edi, %edi
	syscall
	movq	%rax, %rbx			/* initial break */

	pushq	%rbx
	movl	$__NR_write, %eax
	movl	$1, %edi
	movq	%rsp, %rsi
	movl	$8, %edx
	syscall
	popq	%rbx

	leaq	GROW(%rbx), %r12
	movl	$__NR_brk, %eax
	movq	%r12, %rdi
	syscall
	cmpq	%r12, %rax
	movl	$2, %edi
	jne	.Lexit

	movl	$3, %edi
	cmpb	$0, (%rbx)
	jne	.Lexit
	cmpb	$0, -1(%r12)
	jne	.Lexit
	movb	$1, (%rbx)
	movb	$1, -1(%r12)

	movl	$__NR_brk, %eax
	movq	%rbx, %rdi
	syscall
	cmpq	%rbx, %rax
	movl	$4, %edi
	jne	.Lexit
	xorl	%edi, %edi
.Lexit:
	movl	$__NR_exit_group, %eax
	syscall
