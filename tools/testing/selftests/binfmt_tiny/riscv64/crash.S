/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Dies of a signal that dumps core, for tiny_core.  One unit of bss;
 * linked as crash.tiny (plain) and crash_main.tiny (TINY_F_MAIN, built
 * with -DTINY_MAIN).  Stores CRASH_MARKER in the first word of bss and
 * keeps the address of bss in s1 (x9), so that a test finds both in the
 * core dump, leaves sp as the kernel set it (at argc in both modes; the
 * return address into the exit stub is in ra), then by the first
 * character of argv[1]:
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
	lla	s1, __bss_start			/* base + PAGE_ALIGN(size) */
	li	t0, CRASH_MARKER
	sw	t0, 0(s1)
#ifdef TINY_MAIN
	mv	t1, a0				/* argc */
	ld	t2, 8(a1)			/* argv[1] */
#else
	ld	t1, 0(sp)
	ld	t2, 16(sp)
#endif
	li	a0, 1
	li	t0, 2
	bltu	t1, t0, .Lexit
	lbu	t2, 0(t2)
	li	t0, 's'
	beq	t2, t0, .Lsegv
	li	s2, SIGABRT
	li	t0, 'a'
	beq	t2, t0, .Lkill
	li	s2, SIGQUIT
	li	t0, 'q'
	beq	t2, t0, .Lkill
	li	a0, 2
	j	.Lexit

.Lsegv:
	lla	t0, _start
	sb	zero, 0(t0)
	j	.Lsurvived

.Lkill:
	li	a7, __NR_getpid
	ecall
	mv	a1, s2
	li	a7, __NR_kill
	ecall
.Lsurvived:
	li	a0, 3
.Lexit:
	li	a7, __NR_exit_group
	ecall
