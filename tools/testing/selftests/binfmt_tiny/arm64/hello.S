/* SPDX-License-Identifier: GPL-2.0 */
/* Hello world in plain mode, 54 bytes with the header. */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	mov	x0, #1
	adr	x1, msg
	mov	x2, #msg_len
	mov	x8, #__NR_write
	svc	#0
	mov	x0, #0
	mov	x8, #__NR_exit
	svc	#0

msg:
	.ascii	"Hello, world!\n"
	.set	msg_len, . - msg
