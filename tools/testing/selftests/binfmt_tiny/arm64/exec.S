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
	ldr	x9, [sp]			/* argc */
	add	x1, sp, #16			/* &argv[1] */
	ldr	x0, [x1]			/* argv[1] */
	add	x2, x1, x9, lsl #3		/* envp = &argv[argc + 1] */
	mov	x8, #__NR_execve
	svc	#0
	neg	w0, w0
	mov	x8, #__NR_exit_group
	svc	#0
