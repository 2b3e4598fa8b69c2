/* SPDX-License-Identifier: GPL-2.0 */
/*
 * echo(1) in plain mode: writes its arguments, separated by spaces and
 * followed by a newline, reading argc and argv from the entry stack.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	ld	s1, 0(sp)			/* argc */
	addi	s2, sp, 16			/* &argv[1] */
	addi	s1, s1, -1
	blez	s1, .Lnewline
.Lnext_arg:
	ld	a1, 0(s2)
	li	a2, 0
.Lstrlen:
	add	t0, a1, a2
	lbu	t0, 0(t0)
	beqz	t0, .Lwrite
	addi	a2, a2, 1
	j	.Lstrlen
.Lwrite:
	call	write_out
	addi	s2, s2, 8
	addi	s1, s1, -1
	beqz	s1, .Lnewline
	lla	a1, space
	li	a2, 1
	call	write_out
	j	.Lnext_arg
.Lnewline:
	lla	a1, newline
	li	a2, 1
	call	write_out
	li	a0, 0
	li	a7, __NR_exit_group
	ecall

/* write(1, a1, a2) */
write_out:
	li	a0, 1
	li	a7, __NR_write
	ecall
	ret

space:
	.ascii	" "
newline:
	.ascii	"\n"
