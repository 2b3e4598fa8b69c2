/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writes to its own image, which is mapped read-only: must die of SIGSEGV.
 * Exit status 1 if the write went through.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	adr	x9, target
	strb	wzr, [x9]
	mov	x0, #1
	mov	x8, #__NR_exit_group
	svc	#0
target:
	nop
