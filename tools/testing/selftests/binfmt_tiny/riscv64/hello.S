/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hello world in plain mode, 52 bytes with the header, most instructions
 * compressed.
 */
#include <asm/unistd.h>

	.section .rodata
/* first, so that its length is known; tiny.lds puts it after the code */
msg:
	.ascii	"Hello, world!\n"
	.set	msg_len, . - msg

	.section .text.entry, "ax"
	.globl _start
_start:
	li	a0, 1
	lla	a1, msg
	li	a2, msg_len
	li	a7, __NR_write
	ecall
	li	a0, 0
	li	a7, __NR_exit
	ecall
