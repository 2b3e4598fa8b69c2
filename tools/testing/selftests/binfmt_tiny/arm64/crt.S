/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Start-up code of the C samples, linked ahead of nolibc, whose _start
 * (weak) it replaces: the entry point.  Copies the initial bytes of .data
 * from the image to their place at the start of the bss (see tiny.lds),
 * then applies the static PIE's R_AARCH64_RELATIVE relocations to the
 * copy: the word at base + r_offset becomes base + r_addend (nolibc uses
 * no ifunc and no TLS, so there is no other kind).  The image is linked at
 * 0 (tiny.lds refuses relocations with TINY_F_FIXED), so base is the
 * address of the header.  Then does what nolibc's _start would have:
 * calls _start_c() with the entry stack pointer, 16-byte aligned at argc.
 * adrp reaches all of a 16 MiB image at any 4 KiB aligned base.
 */
	.section .text.entry, "ax"
	.globl	_start, __tiny_crt
_start:
__tiny_crt:
	adrp	x0, __data_load
	add	x0, x0, :lo12:__data_load
	adrp	x1, __data_start
	add	x1, x1, :lo12:__data_start
	adrp	x2, __data_end
	add	x2, x2, :lo12:__data_end
.Lcopy:						/* 8-byte aligned and sized */
	cmp	x1, x2
	b.hs	.Lcopied
	ldr	x3, [x0], #8
	str	x3, [x1], #8
	b	.Lcopy

.Lcopied:
	adr	x0, __tiny_base
	adrp	x1, __rela_start
	add	x1, x1, :lo12:__rela_start
	adrp	x2, __rela_end
	add	x2, x2, :lo12:__rela_end
.Lrela:
	cmp	x1, x2
	b.hs	.Lmain
	ldr	x3, [x1]			/* r_offset */
	ldr	x4, [x1, #16]			/* r_addend */
	add	x4, x4, x0
	str	x4, [x0, x3]
	add	x1, x1, #24			/* sizeof(Elf64_Rela) */
	b	.Lrela

.Lmain:
	mov	x0, sp
	bl	_start_c

	.section .note.GNU-stack, "", %progbits
