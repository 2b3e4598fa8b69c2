/* SPDX-License-Identifier: GPL-2.0 */
/*
 * bss checker.  Reads the bss size from its own header (the byte before
 * _start), checks that every byte of that many 4 KiB units after the
 * page-aligned image reads as zero and that the first and last byte of
 * every page can be written.  With an argument it then writes the byte
 * just past the end of bss, which must fault.
 *
 * Exit status: 0 good, 1 bss not zeroed, 2 write not read back,
 * 3 the write past the end did not fault.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	adr	x9, _start
	ldurb	w10, [x9, #-1]			/* header: bss units */
	lsl	x10, x10, #12
	adr	x19, __bss_start		/* base + PAGE_ALIGN(size) */
	add	x20, x19, x10			/* end of bss */

	mov	x9, x19
.Lzero:
	cmp	x9, x20
	b.hs	.Lzero_done
	ldr	x10, [x9], #8
	cbnz	x10, .Lnot_zero
	b	.Lzero
.Lzero_done:

	mov	x9, x19
	mov	w11, #0x5a
	mov	w12, #0xa5
.Lpage:
	cmp	x9, x20
	b.hs	.Lpage_done
	strb	w11, [x9]
	strb	w12, [x9, #4095]
	ldrb	w10, [x9]
	cmp	w10, w11
	b.ne	.Lno_write
	ldrb	w10, [x9, #4095]
	cmp	w10, w12
	b.ne	.Lno_write
	add	x9, x9, #4096
	b	.Lpage
.Lpage_done:

	ldr	x10, [sp]			/* argc */
	cmp	x10, #1
	b.eq	.Lgood
	strb	w11, [x20]
	mov	w0, #3
	b	.Lexit
.Lgood:
	mov	w0, #0
	b	.Lexit
.Lnot_zero:
	mov	w0, #1
	b	.Lexit
.Lno_write:
	mov	w0, #2
.Lexit:
	mov	x8, #__NR_exit_group
	svc	#0
