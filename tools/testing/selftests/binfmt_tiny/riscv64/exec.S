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
	ld	t0, 0(sp)			/* argc */
	addi	a1, sp, 16			/* &argv[1] */
	ld	a0, 0(a1)			/* argv[1] */
	slli	t0, t0, 3
	add	a2, a1, t0			/* envp = &argv[argc + 1] */
	li	a7, __NR_execve
	ecall
	neg	a0, a0
	li	a7, __NR_exit_group
	ecall
