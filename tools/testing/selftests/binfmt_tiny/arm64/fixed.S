/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TINY_F_FIXED: linked at, and loaded at, 0x10000, so it may use absolute
 * addresses.  Checks where it runs, then writes a message found through
 * its absolute address, from a literal pool.  Exit status: 0 good, 1 not
 * at 0x10008.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	adr	x9, _start
	ldr	x10, =0x10008
	cmp	x9, x10
	b.ne	.Lwrong
	ldr	x10, =_start
	cmp	x9, x10
	b.ne	.Lwrong
	mov	x0, #1
	ldr	x1, =msg			/* absolute address */
	mov	x2, #msg_len
	mov	x8, #__NR_write
	svc	#0
	mov	x0, #0
	b	.Lexit
.Lwrong:
	mov	x0, #1
.Lexit:
	mov	x8, #__NR_exit_group
	svc	#0
	.ltorg

msg:
	.ascii	"fixed at 0x10000\n"
	.set	msg_len, . - msg
