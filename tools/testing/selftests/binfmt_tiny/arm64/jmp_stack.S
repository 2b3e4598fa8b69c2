/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copies code that exits with status 1 onto the stack and jumps to it,
 * after the cache maintenance that makes stored instructions fetchable:
 * the stack is not executable, so this must die of SIGSEGV instead.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	sub	sp, sp, #64
	adr	x9, payload
	mov	x10, sp
	mov	x11, #payload_len
1:	ldrb	w12, [x9], #1
	strb	w12, [x10], #1
	subs	x11, x11, #1
	b.ne	1b
	mov	x10, sp				/* one cache line */
	dc	cvau, x10
	dsb	ish
	ic	ivau, x10
	dsb	ish
	isb
	br	x10

payload:
	mov	x0, #1
	mov	x8, #__NR_exit_group
	svc	#0
	.set	payload_len, . - payload
