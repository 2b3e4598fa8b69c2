// SPDX-License-Identifier: GPL-2.0
/*
 * An ordinary static ELF program (nolibc), built for the target as
 * elf_exec and, where the Makefile finds a working 32-bit compiler (CC32:
 * i686 for x86_64, 32-bit arm for arm64, rv32 for riscv64), as the compat
 * program elf_exec32.  Without arguments it prints "elf" and exits with 7.
 * Otherwise it runs execve(argv[1], &argv[1], envp) and, if that fails,
 * exits with the errno value.
 */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp)
{
	if (argc < 2) {
		printf("elf\n");
		return 7;
	}
	execve(argv[1], argv + 1, envp);
	return errno;
}
