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
	lla	t0, _start
	lbu	t1, -1(t0)			/* header: bss units */
	slli	t1, t1, 12
	lla	s1, __bss_start			/* base + PAGE_ALIGN(size) */
	add	s2, s1, t1			/* end of bss */

	mv	t0, s1
.Lzero:
	bgeu	t0, s2, .Lzero_done
	ld	t1, 0(t0)
	bnez	t1, .Lnot_zero
	addi	t0, t0, 8
	j	.Lzero
.Lzero_done:

	mv	t0, s1
	li	t2, 0x5a
	li	t3, 0xa5
	li	t4, 4095
.Lpage:
	bgeu	t0, s2, .Lpage_done
	add	t5, t0, t4			/* the last byte of the page */
	sb	t2, 0(t0)
	sb	t3, 0(t5)
	lbu	t1, 0(t0)
	bne	t1, t2, .Lno_write
	lbu	t1, 0(t5)
	bne	t1, t3, .Lno_write
	addi	t0, t5, 1
	j	.Lpage
.Lpage_done:

	ld	t1, 0(sp)			/* argc */
	li	t0, 1
	beq	t1, t0, .Lgood
	sb	t2, 0(s2)
	li	a0, 3
	j	.Lexit
.Lgood:
	li	a0, 0
	j	.Lexit
.Lnot_zero:
	li	a0, 1
	j	.Lexit
.Lno_write:
	li	a0, 2
.Lexit:
	li	a7, __NR_exit_group
	ecall
