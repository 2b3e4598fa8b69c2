/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Dies of a signal that dumps core, for tiny_core.  One unit of bss;
 * linked as crash.tiny (plain) and crash_main.tiny (TINY_F_MAIN, built
 * with -DTINY_MAIN).  Stores CRASH_MARKER in the first word of bss and
 * keeps the address of bss in x19, so that a test finds both in the core
 * dump, leaves sp as the kernel set it (at argc in both modes; the return
 * address into the exit stub is in x30), then by the first character of
 * argv[1]:
 *	s	writes to its own image, which is read-only: SIGSEGV
 *	a	kill(getpid(), SIGABRT)
 *	q	kill(getpid(), SIGQUIT)
 * Exit status: 1 without an argument, 2 for another one, 3 if it survived.
 */
#include <asm/unistd.h>

#define CRASH_MARKER	0x52415348
#define SIGQUIT		3
#define SIGABRT		6

	.section .text.entry, "ax"
	.globl _start
_start:
	adr	x19, __bss_start		/* base + PAGE_ALIGN(size) */
	mov	w9, #(CRASH_MARKER & 0xffff)
	movk	w9, #(CRASH_MARKER >> 16), lsl #16
	str	w9, [x19]
#ifdef TINY_MAIN
	mov	x9, x0				/* argc */
	ldr	x10, [x1, #8]			/* argv[1] */
#else
	ldr	x9, [sp]
	ldr	x10, [sp, #16]
#endif
	mov	w0, #1
	cmp	x9, #2
	b.lo	.Lexit
	ldrb	w10, [x10]
	cmp	w10, #'s'
	b.eq	.Lsegv
	mov	w20, #SIGABRT
	cmp	w10, #'a'
	b.eq	.Lkill
	mov	w20, #SIGQUIT
	cmp	w10, #'q'
	b.eq	.Lkill
	mov	w0, #2
	b	.Lexit

.Lsegv:
	adr	x9, _start
	strb	wzr, [x9]
	b	.Lsurvived

.Lkill:
	mov	x8, #__NR_getpid
	svc	#0
	mov	w1, w20
	mov	x8, #__NR_kill
	svc	#0
.Lsurvived:
	mov	w0, #3
.Lexit:
	mov	x8, #__NR_exit_group
	svc	#0
