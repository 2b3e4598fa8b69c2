/* SPDX-License-Identifier: GPL-2.0 */
/*
 * echo(1) in plain mode: writes its arguments, separated by spaces and
 * followed by a newline, reading argc and argv from the entry stack.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	ldr	x19, [sp]			/* argc */
	add	x20, sp, #16			/* &argv[1] */
	subs	x19, x19, #1
	b.le	.Lnewline
.Lnext_arg:
	ldr	x1, [x20], #8
	mov	x2, #0
.Lstrlen:
	ldrb	w9, [x1, x2]
	cbz	w9, .Lwrite
	add	x2, x2, #1
	b	.Lstrlen
.Lwrite:
	bl	write_out
	subs	x19, x19, #1
	b.eq	.Lnewline
	adr	x1, space
	mov	x2, #1
	bl	write_out
	b	.Lnext_arg
.Lnewline:
	adr	x1, newline
	mov	x2, #1
	bl	write_out
	mov	x0, #0
	mov	x8, #__NR_exit_group
	svc	#0

/* write(1, x1, x2) */
write_out:
	mov	x0, #1
	mov	x8, #__NR_write
	svc	#0
	ret

space:
	.ascii	" "
newline:
	.ascii	"\n"
