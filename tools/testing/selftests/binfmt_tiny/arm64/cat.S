/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cat(1) in plain mode: copies stdin to stdout through a buffer on the
 * stack; exits 0 at end of input, 1 on an error.
 */
#include <asm/unistd.h>

#define BUF_SIZE	4096

	.section .text.entry, "ax"
	.globl _start
_start:
	sub	sp, sp, #BUF_SIZE
.Lread:
	mov	x0, #0
	mov	x1, sp
	mov	x2, #BUF_SIZE
	mov	x8, #__NR_read
	svc	#0
	cbz	x0, .Lexit
	tbnz	x0, #63, .Lfail
	mov	x19, x0				/* bytes left to write */
	mov	x20, sp
.Lwrite:
	mov	x0, #1
	mov	x1, x20
	mov	x2, x19
	mov	x8, #__NR_write
	svc	#0
	cmp	x0, #0
	b.le	.Lfail
	add	x20, x20, x0
	subs	x19, x19, x0
	b.ne	.Lwrite
	b	.Lread
.Lfail:
	mov	w0, #1
	b	1f
.Lexit:
	mov	w0, #0
1:	mov	x8, #__NR_exit_group
	svc	#0
