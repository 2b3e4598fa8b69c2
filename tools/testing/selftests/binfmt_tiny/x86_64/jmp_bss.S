/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copies code that exits with status 1 into bss and jumps to it: bss is
 * not executable, so this must die of SIGSEGV instead.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	leaq	payload(%rip), %rsi
	leaq	code(%rip), %rdi
	movl	$payload_len, %ecx
	cld
	rep movsb
	leaq	code(%rip), %rax
	jmp	*%rax

payload:
	movl	$__NR_exit_group, %eax
	movl	$1, %edi
	syscall
	.set	payload_len, . - payload

	.bss
code:
	.skip	64
