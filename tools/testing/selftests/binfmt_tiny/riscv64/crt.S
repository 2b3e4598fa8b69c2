/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Start-up code of the C samples, linked ahead of nolibc, whose _start
 * (weak) it replaces: the entry point.  Copies the initial bytes of .data
 * from the image to their place at the start of the bss (see tiny.lds),
 * then applies the static PIE's R_RISCV_RELATIVE relocations to the copy:
 * the word at base + r_offset becomes base + r_addend (nolibc uses no
 * ifunc and no TLS, so there is no other kind).  The image is linked at 0
 * (tiny.lds refuses relocations with TINY_F_FIXED), so base is the address
 * of the header.  Then does what nolibc's _start would have, but for
 * setting gp, which stays 0 (the samples are linked without relaxation):
 * calls _start_c() with the entry stack pointer, 16-byte aligned at argc.
 */
	.section .text.entry, "ax"
	.globl	_start, __tiny_crt
_start:
__tiny_crt:
	lla	t0, __data_load
	lla	t1, __data_start
	lla	t2, __data_end
.Lcopy:						/* 8-byte aligned and sized */
	bgeu	t1, t2, .Lcopied
	ld	t3, 0(t0)
	sd	t3, 0(t1)
	addi	t0, t0, 8
	addi	t1, t1, 8
	j	.Lcopy

.Lcopied:
	lla	t0, __tiny_base
	lla	t1, __rela_start
	lla	t2, __rela_end
.Lrela:
	bgeu	t1, t2, .Lmain
	ld	t3, 0(t1)			/* r_offset */
	ld	t4, 16(t1)			/* r_addend */
	add	t3, t3, t0
	add	t4, t4, t0
	sd	t4, 0(t3)
	addi	t1, t1, 24			/* sizeof(Elf64_Rela) */
	j	.Lrela

.Lmain:
	mv	a0, sp
	call	_start_c

	.section .note.GNU-stack, "", %progbits
