/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writes "R" to stdout, then sleeps until a signal kills it, so that tests
 * can inspect a live tiny process (/proc/PID/maps, exe, stat, auxv), hold
 * its file busy or keep the binfmt_tiny module in use.  arm64 has no
 * pause(2): ppoll(NULL, 0, NULL, NULL) waits for a signal the same way.
 * Position independent: linked as pause.tiny (plain), pause_main.tiny
 * (TINY_F_MAIN) and pause_fixed.tiny (TINY_F_FIXED).
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	mov	x0, #1
	adr	x1, ready
	mov	x2, #1
	mov	x8, #__NR_write
	svc	#0
.Lpause:
	mov	x0, #0
	mov	x1, #0
	mov	x2, #0
	mov	x3, #0
	mov	x8, #__NR_ppoll
	svc	#0
	b	.Lpause

ready:
	.ascii	"R"
