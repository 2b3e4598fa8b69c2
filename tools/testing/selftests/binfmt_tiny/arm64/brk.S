/* SPDX-License-Identifier: GPL-2.0 */
/*
 * brk(2) checker: writes the initial program break (a native 64-bit word)
 * to stdout, grows the heap by 64 MiB, checks that its first and last
 * bytes are zero and writable, maps 1 MiB of anonymous memory with
 * mmap(NULL, ...), which must not overlap the 64 MiB the heap grew into,
 * and writes to its first and last bytes, then shrinks the heap back.
 *
 * Built twice: brk.tiny (plain mode) exits with exit_group(); brk_main.tiny
 * (TINY_F_MAIN, -DTINY_MAIN) returns the status from main(), through the
 * exit stub.  A system call changes no register but x0, so the state is
 * kept in temporaries, which main() need not preserve.
 *
 * Exit status: 0 good, 2 growing refused, 3 heap not zeroed, 4 shrinking
 * failed, 5 mmap() failed, 6 the mapping overlaps the grown heap.
 */
#include <asm/unistd.h>
#include <asm/mman.h>

/* in <linux/mman.h>, which the assembler cannot read */
#define MAP_PRIVATE	0x02

#define GROW	(64 << 20)
#define MAPLEN	(1 << 20)

	.section .text.entry, "ax"
	.globl _start
_start:
	mov	x0, #0
	mov	x8, #__NR_brk
	svc	#0
	mov	x9, x0				/* initial break */

	str	x9, [sp, #-16]!
	mov	x0, #1
	mov	x1, sp
	mov	x2, #8
	mov	x8, #__NR_write
	svc	#0
	add	sp, sp, #16

	mov	x10, #GROW
	add	x10, x9, x10			/* end of the grown heap */
	mov	x0, x10
	mov	x8, #__NR_brk
	svc	#0
	cmp	x0, x10
	mov	w0, #2
	b.ne	.Lexit

	mov	w0, #3
	ldrb	w12, [x9]
	cbnz	w12, .Lexit
	ldurb	w12, [x10, #-1]
	cbnz	w12, .Lexit
	mov	w12, #1
	strb	w12, [x9]
	sturb	w12, [x10, #-1]

	mov	x0, #0
	mov	x1, #MAPLEN
	mov	x2, #(PROT_READ | PROT_WRITE)
	mov	x3, #(MAP_PRIVATE | MAP_ANONYMOUS)
	mov	x4, #-1
	mov	x5, #0
	mov	x8, #__NR_mmap
	svc	#0
	mov	x11, x0
	cmn	x0, #4095			/* -MAX_ERRNO..-1: an error */
	mov	w0, #5
	b.hs	.Lexit

	/* [x11, x11 + MAPLEN) against [x9, x10) */
	mov	w0, #6
	cmp	x11, x10
	b.hs	.Lno_overlap
	add	x12, x11, #MAPLEN
	cmp	x12, x9
	b.hi	.Lexit
.Lno_overlap:
	mov	w12, #1
	strb	w12, [x11]
	add	x13, x11, #MAPLEN
	sturb	w12, [x13, #-1]

	mov	x0, x9
	mov	x8, #__NR_brk
	svc	#0
	cmp	x0, x9
	mov	w0, #4
	b.ne	.Lexit
	mov	w0, #0
.Lexit:
#ifdef TINY_MAIN
	ret
#else
	mov	x8, #__NR_exit_group
	svc	#0
#endif
