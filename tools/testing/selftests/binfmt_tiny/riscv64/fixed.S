/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TINY_F_FIXED: linked at, and loaded at, 0x10000, so it may use absolute
 * addresses.  Checks where it runs, then writes a message found through
 * its absolute address (lui/addi, not auipc).  Exit status: 0 good, 1 not
 * at 0x10008.
 */
#include <asm/unistd.h>

	.section .rodata
/* first, so that its length is known; tiny.lds puts it after the code */
msg:
	.ascii	"fixed at 0x10000\n"
	.set	msg_len, . - msg

	.section .text.entry, "ax"
	.globl _start
_start:
	lla	t0, _start
	li	t1, 0x10008
	bne	t0, t1, .Lwrong
	lui	t1, %hi(_start)
	addi	t1, t1, %lo(_start)
	bne	t0, t1, .Lwrong
	li	a0, 1
	lui	a1, %hi(msg)			/* absolute address */
	addi	a1, a1, %lo(msg)
	li	a2, msg_len
	li	a7, __NR_write
	ecall
	li	a0, 0
	j	.Lexit
.Lwrong:
	li	a0, 1
.Lexit:
	li	a7, __NR_exit_group
	ecall
