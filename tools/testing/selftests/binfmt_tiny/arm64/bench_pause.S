/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sleeps until a signal kills it, with no bss and no output, so that
 * tiny_bench can count the mappings and the resident pages of a running
 * program in each format it is linked in (as bench_true.S is).  arm64 has
 * no pause(2): ppoll(NULL, 0, NULL, NULL) waits for a signal the same way.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	mov	x0, #0
	mov	x1, #0
	mov	x2, #0
	mov	x3, #0
	mov	x8, #__NR_ppoll
	svc	#0
	b	_start
