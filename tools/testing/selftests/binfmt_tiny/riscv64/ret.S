/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The smallest tiny program: 10 bytes, header included, a compressed ret.
 * TINY_F_MAIN: entered like main() with argc in a0 and ra pointing to the
 * kernel's exit stub, it returns argc, and the stub calls
 * exit_group(argc): 1 when run without arguments.
 */
	.section .text.entry, "ax"
	.globl _start
_start:
	ret
