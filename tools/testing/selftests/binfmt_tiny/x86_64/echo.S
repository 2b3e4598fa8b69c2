/* SPDX-License-Identifier: GPL-2.0 */
/*
 * echo(1) in plain mode: writes its arguments, separated by spaces and
 * followed by a newline, reading argc and argv from the entry stack.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	movq	(%rsp), %rbx			/* argc */
	leaq	16(%rsp), %r12			/* &argv[1] */
	decq	%rbx
	jle	.Lnewline
.Lnext_arg:
	movq	(%r12), %rsi
	xorl	%edx, %edx
.Lstrlen:
	cmpb	$0, (%rsi, %rdx)
	je	.Lwrite
	incq	%rdx
	jmp	.Lstrlen
.Lwrite:
	call	write_out
	addq	$8, %r12
	decq	%rbx
	jz	.Lnewline
	leaq	space(%rip), %rsi
	movl	$1, %edx
	call	write_out
	jmp	.Lnext_arg
.Lnewline:
	leaq	newline(%rip), %rsi
	movl	$1, %edx
	call	write_out
	movl	$__NR_exit_group, %eax
	xorl	%edi, %edi
	syscall

/* write(1, %rsi, %rdx) */
write_out:
	movl	$__NR_write, %eax
	movl	$1, %edi
	syscall
	ret

space:
	.ascii	" "
newline:
	.ascii	"\n"
