/* SPDX-License-Identifier: GPL-2.0 */
/*
 * execve(argv[1], &argv[1], envp): runs the program named by its first
 * argument with the remaining arguments and the same environment.  If
 * execve() fails, exits with the errno value.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	movq	(%rsp), %rcx			/* argc */
	leaq	16(%rsp), %rsi			/* &argv[1] */
	movq	(%rsi), %rdi			/* argv[1] */
	leaq	16(%rsp, %rcx, 8), %rdx		/* envp = &argv[argc + 1] */
	movl	$__NR_execve, %eax
	syscall
	movl	%eax, %edi
	negl	%edi
	movl	$__NR_exit_group, %eax
	syscall
