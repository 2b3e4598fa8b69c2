/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry state dumper.  Writes, as native 64-bit words, the general
 * registers at entry (rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp, r8..r15),
 * rflags, and the first 16 words on the stack at entry: struct tiny_regs
 * in tiny_arch.h.
 *
 * Built twice: regs.tiny (plain mode) then exits with exit_group(0);
 * regs_main.tiny (TINY_F_MAIN, -DTINY_MAIN) then waits for end of file on
 * stdin, so that the caller can look at the live process, and returns
 * argc + 100 from main().
 */
#include <asm/unistd.h>

#define NREGS	17
#define NSTACK	16

	.section .text.entry, "ax"
	.globl _start
_start:
	movq	%rax, dump + 0 * 8(%rip)
	movq	%rbx, dump + 1 * 8(%rip)
	movq	%rcx, dump + 2 * 8(%rip)
	movq	%rdx, dump + 3 * 8(%rip)
	movq	%rsi, dump + 4 * 8(%rip)
	movq	%rdi, dump + 5 * 8(%rip)
	movq	%rbp, dump + 6 * 8(%rip)
	movq	%rsp, dump + 7 * 8(%rip)
	movq	%r8, dump + 8 * 8(%rip)
	movq	%r9, dump + 9 * 8(%rip)
	movq	%r10, dump + 10 * 8(%rip)
	movq	%r11, dump + 11 * 8(%rip)
	movq	%r12, dump + 12 * 8(%rip)
	movq	%r13, dump + 13 * 8(%rip)
	movq	%r14, dump + 14 * 8(%rip)
	movq	%r15, dump + 15 * 8(%rip)
	pushfq
	popq	%rax
	movq	%rax, dump + 16 * 8(%rip)

	cld
	movq	%rsp, %rsi
	leaq	dump + NREGS * 8(%rip), %rdi
	movl	$NSTACK, %ecx
	rep movsq

	movl	$__NR_write, %eax
	movl	$1, %edi
	leaq	dump(%rip), %rsi
	movl	$(NREGS + NSTACK) * 8, %edx
	syscall

#ifdef TINY_MAIN
.Lwait:
	movl	$__NR_read, %eax
	xorl	%edi, %edi
	leaq	buf(%rip), %rsi
	movl	$1, %edx
	syscall
	testq	%rax, %rax
	jg	.Lwait
	movq	dump + 5 * 8(%rip), %rax	/* argc, from %rdi */
	addl	$100, %eax
	ret
#else
	movl	$__NR_exit_group, %eax
	xorl	%edi, %edi
	syscall
#endif

	.bss
dump:
	.skip	(NREGS + NSTACK) * 8
buf:
	.skip	8
