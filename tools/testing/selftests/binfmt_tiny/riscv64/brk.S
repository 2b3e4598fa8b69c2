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
 * exit stub.  A system call changes no register but a0, so the state is
 * kept in temporaries, which main() need not preserve.
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
	li	a0, 0
	li	a7, __NR_brk
	ecall
	mv	t1, a0				/* initial break */

	addi	sp, sp, -16
	sd	t1, 0(sp)
	li	a0, 1
	mv	a1, sp
	li	a2, 8
	li	a7, __NR_write
	ecall
	addi	sp, sp, 16

	li	t2, GROW
	add	t2, t1, t2			/* end of the grown heap */
	mv	a0, t2
	li	a7, __NR_brk
	ecall
	mv	t0, a0
	li	a0, 2
	bne	t0, t2, .Lexit

	li	a0, 3
	lbu	t0, 0(t1)
	bnez	t0, .Lexit
	lbu	t0, -1(t2)
	bnez	t0, .Lexit
	li	t0, 1
	sb	t0, 0(t1)
	sb	t0, -1(t2)

	li	a0, 0
	li	a1, MAPLEN
	li	a2, PROT_READ | PROT_WRITE
	li	a3, MAP_PRIVATE | MAP_ANONYMOUS
	li	a4, -1
	li	a5, 0
	li	a7, __NR_mmap
	ecall
	mv	t3, a0
	li	t0, -4095			/* -MAX_ERRNO..-1: an error */
	li	a0, 5
	bgeu	t3, t0, .Lexit

	/* [t3, t3 + MAPLEN) against [t1, t2) */
	li	a0, 6
	li	t4, MAPLEN
	add	t4, t3, t4			/* end of the mapping */
	bgeu	t3, t2, .Lno_overlap
	bgtu	t4, t1, .Lexit
.Lno_overlap:
	li	t0, 1
	sb	t0, 0(t3)
	sb	t0, -1(t4)

	mv	a0, t1
	li	a7, __NR_brk
	ecall
	mv	t0, a0
	li	a0, 4
	bne	t0, t1, .Lexit
	li	a0, 0
.Lexit:
#ifdef TINY_MAIN
	ret
#else
	li	a7, __NR_exit_group
	ecall
#endif
