/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hello world in plain mode, 48 bytes with the header.  Relies on the
 * entry state: every register other than sp is zero.  The message is
 * addressed with auipc and a compressed addi, which takes only a constant
 * (MSG_OFF, checked below): a label later in the file would make it a
 * full-size one.
 */
#include <asm/unistd.h>

#define MSG_OFF	24	/* from the auipc to msg */
#define MSG_LEN	14

	.section .text.entry, "ax"
	.globl _start
_start:
	li	a0, 1				/* fd 1 */
1:	auipc	a1, 0
	addi	a1, a1, MSG_OFF
	li	a2, MSG_LEN
	li	a7, __NR_write
	ecall
	li	a0, 0
	addi	a7, a7, __NR_exit - __NR_write
	ecall

msg:
	.ascii	"Hello, world!\n"
	.if	msg - 1b != MSG_OFF || . - msg != MSG_LEN
	.error	"MSG_OFF or MSG_LEN does not match the code"
	.endif
