/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry state dumper.  Writes, as native 64-bit words, the general
 * registers at entry (x1..x31: ra, sp, gp, tp, t0..t2, s0, s1, a0..a7,
 * s2..s11, t3..t6), a zero word where other architectures have their
 * flags, and the first 16 words on the stack at entry: struct tiny_regs
 * in tiny_arch.h.  t0 is saved on the stack first, below the entry sp,
 * to free a register for the address of the dump.
 *
 * Built twice: regs.tiny (plain mode) then exits with exit_group(0);
 * regs_main.tiny (TINY_F_MAIN, -DTINY_MAIN) then waits for end of file on
 * stdin, so that the caller can look at the live process, and returns
 * argc + 100 from main().
 */
#include <asm/unistd.h>

#define NREGS	32
#define NSTACK	16

/* x<n> goes to word n - 1 of the dump */
#define SAVE(n)	sd	x##n, (n - 1) * 8(t0)

	.section .text.entry, "ax"
	.globl _start
_start:
	addi	sp, sp, -16
	sd	t0, 0(sp)
	lla	t0, dump
	SAVE(1)
	SAVE(3)
	SAVE(4)
	SAVE(6)
	SAVE(7)
	SAVE(8)
	SAVE(9)
	SAVE(10)
	SAVE(11)
	SAVE(12)
	SAVE(13)
	SAVE(14)
	SAVE(15)
	SAVE(16)
	SAVE(17)
	SAVE(18)
	SAVE(19)
	SAVE(20)
	SAVE(21)
	SAVE(22)
	SAVE(23)
	SAVE(24)
	SAVE(25)
	SAVE(26)
	SAVE(27)
	SAVE(28)
	SAVE(29)
	SAVE(30)
	SAVE(31)
	ld	t1, 0(sp)			/* t0 (x5) at entry */
	sd	t1, 4 * 8(t0)
	addi	sp, sp, 16			/* back at its entry value */
	SAVE(2)
	sd	zero, 31 * 8(t0)		/* no flags register */

	addi	t1, t0, NREGS * 8
	mv	t2, sp
	li	t3, NSTACK
1:	ld	t4, 0(t2)
	sd	t4, 0(t1)
	addi	t1, t1, 8
	addi	t2, t2, 8
	addi	t3, t3, -1
	bnez	t3, 1b

	li	a0, 1
	mv	a1, t0
	li	a2, (NREGS + NSTACK) * 8
	li	a7, __NR_write
	ecall

#ifdef TINY_MAIN
.Lwait:
	li	a0, 0
	lla	a1, buf
	li	a2, 1
	li	a7, __NR_read
	ecall
	bgtz	a0, .Lwait
	ld	a0, 9 * 8(t0)			/* argc, from a0 (x10) */
	addi	a0, a0, 100
	ret
#else
	li	a0, 0
	li	a7, __NR_exit_group
	ecall
#endif

	.bss
	.balign	8
dump:
	.skip	(NREGS + NSTACK) * 8
buf:
	.skip	8
