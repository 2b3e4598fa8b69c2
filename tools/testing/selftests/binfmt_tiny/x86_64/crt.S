/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Start-up code of the C samples, linked ahead of nolibc, whose _start
 * (weak) it replaces: the entry point.  Copies the initial bytes of .data
 * from the image to their place at the start of the bss (see tiny.lds),
 * then applies the static PIE's R_X86_64_RELATIVE relocations to the copy:
 * the word at base + r_offset becomes base + r_addend (nolibc uses no
 * ifunc and no TLS, so there is no other kind).  The image is linked at 0
 * (tiny.lds refuses relocations with TINY_F_FIXED), so base is the address
 * of the header.  Then does what nolibc's _start would have: calls
 * _start_c() with the entry stack pointer, 16-byte aligned at argc.
 */
	.section .text.entry, "ax"
	.globl	_start, __tiny_crt
_start:
__tiny_crt:
	leaq	__data_load(%rip), %rsi
	leaq	__data_start(%rip), %rdi
	leaq	__data_end(%rip), %rcx
	subq	%rdi, %rcx
	rep movsb				/* DF is clear at entry */

	leaq	__tiny_base(%rip), %rdx
	leaq	__rela_start(%rip), %rsi
	leaq	__rela_end(%rip), %rdi
.Lrela:
	cmpq	%rdi, %rsi
	jae	.Lmain
	movq	(%rsi), %rax			/* r_offset */
	movq	16(%rsi), %rcx			/* r_addend */
	addq	%rdx, %rcx
	movq	%rcx, (%rdx, %rax)
	addq	$24, %rsi			/* sizeof(Elf64_Rela) */
	jmp	.Lrela

.Lmain:
	movq	%rsp, %rdi
	call	_start_c

	.section .note.GNU-stack, "", %progbits
