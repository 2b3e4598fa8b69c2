/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The smallest tiny program: 9 bytes, header included.  TINY_F_MAIN:
 * entered like main() with %eax zero, it returns 0 into the kernel's exit
 * stub, which calls exit_group(0).
 */
	.section .text.entry, "ax"
	.globl _start
_start:
	ret
