/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writes "R" to stdout, then sleeps until a signal kills it, so that tests
 * can inspect a live tiny process (/proc/PID/maps, exe, stat, auxv), hold
 * its file busy or keep the binfmt_tiny module in use.  riscv64 has no
 * pause(2): ppoll(NULL, 0, NULL, NULL) waits for a signal the same way.
 * Position independent: linked as pause.tiny (plain), pause_main.tiny
 * (TINY_F_MAIN) and pause_fixed.tiny (TINY_F_FIXED).
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	li	a0, 1
	lla	a1, ready
	li	a2, 1
	li	a7, __NR_write
	ecall
.Lpause:
	li	a0, 0
	li	a1, 0
	li	a2, 0
	li	a3, 0
	li	a7, __NR_ppoll
	ecall
	j	.Lpause

ready:
	.ascii	"R"
