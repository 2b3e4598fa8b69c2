/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copies code that exits with status 1 onto the stack and jumps to it,
 * after the fence.i that makes stored instructions fetchable: the stack is
 * not executable, so this must die of SIGSEGV instead.
 */
#include <asm/unistd.h>

	.section .rodata
/* first, so that its length is known: copied, never run in place */
payload:
	li	a0, 1
	li	a7, __NR_exit_group
	ecall
	.set	payload_len, . - payload

	.section .text.entry, "ax"
	.globl _start
_start:
	addi	sp, sp, -64
	lla	t0, payload
	mv	t1, sp
	li	t2, payload_len
1:	lbu	t3, 0(t0)
	sb	t3, 0(t1)
	addi	t0, t0, 1
	addi	t1, t1, 1
	addi	t2, t2, -1
	bnez	t2, 1b
	fence.i
	jr	sp
