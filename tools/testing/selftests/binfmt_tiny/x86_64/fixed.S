/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TINY_F_FIXED: linked at, and loaded at, 0x10000, so it may use absolute
 * addresses.  Checks where it runs, then writes a message found through
 * its absolute address.  Exit status: 0 good, 1 not at 0x10008.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	leaq	_start(%rip), %rax
	cmpq	$0x10008, %rax
	jne	.Lwrong
	cmpq	$_start, %rax
	jne	.Lwrong
	movl	$__NR_write, %eax
	movl	$1, %edi
	movl	$msg, %esi			/* absolute address */
	movl	$msg_len, %edx
	syscall
	xorl	%edi, %edi
	jmp	.Lexit
.Lwrong:
	movl	$1, %edi
.Lexit:
	movl	$__NR_exit_group, %eax
	syscall

msg:
	.ascii	"fixed at 0x10000\n"
	.set	msg_len, . - msg
