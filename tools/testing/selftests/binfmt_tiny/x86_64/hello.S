/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hello world in plain mode, 44 bytes with the header.  Relies on the
 * entry state: every general register other than %rsp is zero.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	movb	$__NR_write, %al
	movl	%eax, %edi			/* fd 1 */
	leaq	msg(%rip), %rsi
	movb	$msg_len, %dl
	syscall
	xorl	%edi, %edi
	pushq	$__NR_exit
	popq	%rax
	syscall

msg:
	.ascii	"Hello, world!\n"
	.set	msg_len, . - msg
