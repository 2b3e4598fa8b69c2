/* SPDX-License-Identifier: GPL-2.0 */
/*
 * exit(0), the program tiny_bench execs: linked as bench_true.tiny
 * (plain), bench_true_main.tiny (TINY_F_MAIN, built with -DTINY_MAIN),
 * and from the same object as the static and static-PIE ELF programs it
 * is compared with.
 */
#include <asm/unistd.h>

	.section .text.entry, "ax"
	.globl _start
_start:
	mov	w0, #0
#ifdef TINY_MAIN
	ret
#else
	mov	x8, #__NR_exit_group
	svc	#0
#endif
