/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Entry state dumper.  Writes, as native 64-bit words, the general
 * registers at entry (x0..x30), sp, NZCV, and the first 16 words on the
 * stack at entry: struct tiny_regs in tiny_arch.h.  x0 and x1 are saved
 * on the stack first, below the entry sp, to free a register for the
 * address of the dump; nothing before the mrs sets the flags.
 *
 * Built twice: regs.tiny (plain mode) then exits with exit_group(0);
 * regs_main.tiny (TINY_F_MAIN, -DTINY_MAIN) then waits for end of file on
 * stdin, so that the caller can look at the live process, and returns
 * argc + 100 from main().
 */
#include <asm/unistd.h>

#define NREGS	33
#define NSTACK	16

	.section .text.entry, "ax"
	.globl _start
_start:
	stp	x0, x1, [sp, #-16]!
	adr	x0, dump
	stp	x2, x3, [x0, #2 * 8]
	stp	x4, x5, [x0, #4 * 8]
	stp	x6, x7, [x0, #6 * 8]
	stp	x8, x9, [x0, #8 * 8]
	stp	x10, x11, [x0, #10 * 8]
	stp	x12, x13, [x0, #12 * 8]
	stp	x14, x15, [x0, #14 * 8]
	stp	x16, x17, [x0, #16 * 8]
	stp	x18, x19, [x0, #18 * 8]
	stp	x20, x21, [x0, #20 * 8]
	stp	x22, x23, [x0, #22 * 8]
	stp	x24, x25, [x0, #24 * 8]
	stp	x26, x27, [x0, #26 * 8]
	stp	x28, x29, [x0, #28 * 8]
	str	x30, [x0, #30 * 8]
	ldp	x2, x3, [sp], #16		/* sp is back at its entry value */
	stp	x2, x3, [x0]
	mov	x2, sp
	mrs	x3, nzcv
	stp	x2, x3, [x0, #31 * 8]

	add	x1, x0, #NREGS * 8
	mov	x4, #NSTACK
1:	ldr	x3, [x2], #8
	str	x3, [x1], #8
	subs	x4, x4, #1
	b.ne	1b

	mov	x0, #1
	adr	x1, dump
	mov	x2, #(NREGS + NSTACK) * 8
	mov	x8, #__NR_write
	svc	#0

#ifdef TINY_MAIN
.Lwait:
	mov	x0, #0
	adr	x1, buf
	mov	x2, #1
	mov	x8, #__NR_read
	svc	#0
	cmp	x0, #0
	b.gt	.Lwait
	adr	x0, dump
	ldr	x0, [x0]			/* argc, from x0 */
	add	w0, w0, #100
	ret
#else
	mov	x0, #0
	mov	x8, #__NR_exit_group
	svc	#0
#endif

	.bss
	.balign	8
dump:
	.skip	(NREGS + NSTACK) * 8
buf:
	.skip	8
