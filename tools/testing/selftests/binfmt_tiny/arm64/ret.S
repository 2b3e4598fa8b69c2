/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The smallest tiny program: 12 bytes, header included.  TINY_F_MAIN:
 * entered like main() with argc in w0 and x30 pointing to the kernel's
 * exit stub, it returns argc, and the stub calls exit_group(argc): 1 when
 * run without arguments.
 */
	.section .text.entry, "ax"
	.globl _start
_start:
	ret
