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
	movzbl	_start - 1(%rip), %ecx		/* header: bss units */
	shll	$12, %ecx
	leaq	__bss_start(%rip), %rbx		/* base + PAGE_ALIGN(size) */
	leaq	(%rbx, %rcx), %r12		/* end of bss */

	movq	%rbx, %rdi
.Lzero:
	cmpq	%r12, %rdi
	jae	.Lzero_done
	cmpq	$0, (%rdi)
	jne	.Lnot_zero
	addq	$8, %rdi
	jmp	.Lzero
.Lzero_done:

	movq	%rbx, %rdi
.Lpage:
	cmpq	%r12, %rdi
	jae	.Lpage_done
	movb	$0x5a, (%rdi)
	movb	$0xa5, 4095(%rdi)
	cmpb	$0x5a, (%rdi)
	jne	.Lno_write
	cmpb	$0xa5, 4095(%rdi)
	jne	.Lno_write
	addq	$4096, %rdi
	jmp	.Lpage
.Lpage_done:

	cmpq	$1, (%rsp)			/* argc */
	je	.Lgood
	movb	$1, (%r12)
	movl	$3, %edi
	jmp	.Lexit
.Lgood:
	xorl	%edi, %edi
	jmp	.Lexit
.Lnot_zero:
	movl	$1, %edi
	jmp	.Lexit
.Lno_write:
	movl	$2, %edi
.Lexit:
	movl	$__NR_exit_group, %eax
	syscall
