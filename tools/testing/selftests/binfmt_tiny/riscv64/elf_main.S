/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ELF entry for a sample written for TINY_F_MAIN (exit42.S): calls its
 * _start like the kernel's exit stub would return from it, then exits
 * with the value it returned.  The entry point of exit42.elf.
 */
#include <asm/unistd.h>

	.text
	.globl elf_main_start
elf_main_start:
	call	_start
	li	a7, __NR_exit_group
	ecall
