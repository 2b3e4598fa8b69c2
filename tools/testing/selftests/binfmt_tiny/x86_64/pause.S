/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writes "R" to stdout, then sleeps until a signal kills it, so that tests
 * can inspect a live tiny process (/proc/PID/maps, exe, stat, auxv), hold
 * its file busy or keep the binfmt_tiny module in use.  Position
 * independent: linked as pause.tiny (plain), pause_main.tiny (TINY_F_MAIN)
 * and pause_fixed.tiny (TINY_F_FIXED).
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	movl	$__NR_write, %eax
	movl	$1, %edi
	leaq	ready(%rip), %rsi
	movl	$1, %edx
	syscall
.Lpause:
	movl	$__NR_pause, %eax
	syscall
	jmp	.Lpause

ready:
	.ascii	"R"
