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
 * exit stub.
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
#ifdef TINY_MAIN
	pushq	%rbx
	pushq	%r12
	pushq	%r13
#endif
	movl	$__NR_brk, %eax
	xorl	%edi, %edi
	syscall
	movq	%rax, %rbx			/* initial break */

	pushq	%rbx
	movl	$__NR_write, %eax
	movl	$1, %edi
	movq	%rsp, %rsi
	movl	$8, %edx
	syscall
	popq	%rbx

	leaq	GROW(%rbx), %r12
	movl	$__NR_brk, %eax
	movq	%r12, %rdi
	syscall
	cmpq	%r12, %rax
	movl	$2, %edi
	jne	.Lexit

	movl	$3, %edi
	cmpb	$0, (%rbx)
	jne	.Lexit
	cmpb	$0, -1(%r12)
	jne	.Lexit
	movb	$1, (%rbx)
	movb	$1, -1(%r12)

	movl	$__NR_mmap, %eax
	xorl	%edi, %edi
	movl	$MAPLEN, %esi
	movl	$(PROT_READ | PROT_WRITE), %edx
	movl	$(MAP_PRIVATE | MAP_ANONYMOUS), %r10d
	movq	$-1, %r8
	xorl	%r9d, %r9d
	syscall
	movq	%rax, %r13
	cmpq	$-4095, %rax			/* -MAX_ERRNO..-1: an error */
	movl	$5, %edi
	jae	.Lexit

	/* [r13, r13 + MAPLEN) against [rbx, r12) */
	movl	$6, %edi
	cmpq	%r12, %r13
	jae	.Lno_overlap
	leaq	MAPLEN(%r13), %rax
	cmpq	%rbx, %rax
	ja	.Lexit
.Lno_overlap:
	movb	$1, (%r13)
	movb	$1, MAPLEN - 1(%r13)

	movl	$__NR_brk, %eax
	movq	%rbx, %rdi
	syscall
	cmpq	%rbx, %rax
	movl	$4, %edi
	jne	.Lexit
	xorl	%edi, %edi
.Lexit:
#ifdef TINY_MAIN
	popq	%r13
	popq	%r12
	popq	%rbx
	movl	%edi, %eax
	ret
#else
	movl	$__NR_exit_group, %eax
	syscall
#endif
