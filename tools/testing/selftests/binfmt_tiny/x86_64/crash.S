/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Dies of a signal that dumps core, for tiny_core.  One unit of bss;
 * linked as crash.tiny (plain) and crash_main.tiny (TINY_F_MAIN, built
 * with -DTINY_MAIN).  Stores CRASH_MARKER in the first word of bss and
 * keeps the address of bss in %rbx, so that a test finds both in the core
 * dump, leaves %rsp as the kernel set it (at argc, or at the return
 * address into the exit stub), then by the first character of argv[1]:
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
	leaq	__bss_start(%rip), %rbx		/* base + PAGE_ALIGN(size) */
	movl	$CRASH_MARKER, (%rbx)
#ifdef TINY_MAIN
	movl	%edi, %ecx			/* argc */
	movq	8(%rsi), %rax			/* argv[1] */
#else
	movq	(%rsp), %rcx
	movq	16(%rsp), %rax
#endif
	movl	$1, %edi
	cmpq	$2, %rcx
	jb	.Lexit
	movzbl	(%rax), %eax
	cmpb	$0x73, %al			/* 's' */
	je	.Lsegv
	movl	$SIGABRT, %r12d
	cmpb	$0x61, %al			/* 'a' */
	je	.Lkill
	movl	$SIGQUIT, %r12d
	cmpb	$0x71, %al			/* 'q' */
	je	.Lkill
	movl	$2, %edi
	jmp	.Lexit

.Lsegv:
	movb	$0, _start(%rip)
	jmp	.Lsurvived

.Lkill:
	movl	$__NR_getpid, %eax
	syscall
	movl	%eax, %edi
	movl	%r12d, %esi
	movl	$__NR_kill, %eax
	syscall
.Lsurvived:
	movl	$3, %edi
.Lexit:
	movl	$__NR_exit_group, %eax
	syscall
