/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the binfmt_tiny selftests know of the architecture they run on,
 * from the entry ABI in Documentation/userspace-api/binfmt_tiny.rst and
 * the sample programs of <arch>/:
 *
 *  TINY_ARCH_MACHINE	the ELF machine (EM_*) of its tiny binaries
 *  struct tiny_regs	what regs.tiny and regs_main.tiny write: the
 *			TINY_NGPR general registers at entry (named by
 *			tiny_gpr_name()), a flags word, 16 words of stack
 *  TINY_GPR_*		indices into tiny_regs.gpr[]: the stack pointer,
 *			the arguments of a TINY_F_MAIN entry and, where the
 *			entry sets them, the registers holding main's
 *			address (TINY_GPR_MAIN) and the return address
 *			(TINY_GPR_RA)
 *  TINY_MAIN_PUSHED	words that a TINY_F_MAIN entry pushes below argc:
 *			the return address, where it is not in a register
 *  TINY_FLAGS_CLEAR	flags that are clear at entry, if any
 *  TINY_PR_*		indices into the pr_reg of a core's NT_PRSTATUS,
 *			TINY_PR_NREG 64-bit words: the pc, the stack
 *			pointer, the return address (TINY_PR_RA, if it is
 *			in a register) and TINY_PR_BSS, the register in
 *			which crash.tiny keeps the address of its bss
 *  TINY_RET_CODE	the code of ret.tiny, the smallest program
 *  TINY_RET_STATUS(argc)	its exit status with @argc arguments: what
 *			main's return value register holds at entry
 *  TINY_EXIT42_SIZE	the size of exit42.tiny, header included
 *  TINY_HELLO_SIZE	the size of hello.tiny, as the rst's table says
 *  TINY_ARCH_VDSO	1 if a tiny process has the vDSO ([vvar], [vdso]
 *			and AT_SYSINFO_EHDR), which the kernel returns
 *			from signal handlers through
 *  TINY_ARCH_COMPAT_EXEC	1 if a compat (32-bit) caller can exec a tiny
 *			binary, which then runs as a 64-bit task, 0 if the
 *			exec fails with ENOEXEC
 *
 * On any other architecture TINY_ARCH_MACHINE is not defined: the samples
 * are not built there, and the tests skip.
 */
#ifndef TINY_ARCH_H
#define TINY_ARCH_H

#include <linux/elf-em.h>

#if defined(__x86_64__)

#define TINY_ARCH_MACHINE	EM_X86_64

/* rax rbx rcx rdx rsi rdi rbp rsp r8..r15, then rflags */
#define TINY_NGPR		16
#define TINY_GPR_NAMES							\
	"rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp",		\
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"
#define TINY_GPR_SP		7
#define TINY_GPR_ARGC		5	/* rdi */
#define TINY_GPR_ARGV		4	/* rsi */
#define TINY_GPR_ENVP		3	/* rdx */
/* TINY_F_MAIN is entered as if called, the return address pushed */
#define TINY_MAIN_PUSHED	1
/* DF, which the psABI wants clear on entry to a process and a function */
#define TINY_FLAGS_CLEAR	0x400UL

/* pr_reg is struct user_regs_struct of <sys/user.h> */
#define TINY_PR_NREG		27
#define TINY_PR_PC		16	/* rip */
#define TINY_PR_SP		19	/* rsp */
#define TINY_PR_BSS		5	/* rbx */

#define TINY_RET_CODE		"\xc3"			/* ret */
#define TINY_RET_STATUS(argc)	0			/* %eax */
#define TINY_EXIT42_SIZE	11	/* mov $42, %al; ret */
#define TINY_HELLO_SIZE		44

/* Signal handlers return through the SA_RESTORER the caller provides */
#define TINY_ARCH_VDSO		0
#define TINY_ARCH_COMPAT_EXEC	1

#elif defined(__aarch64__)

#define TINY_ARCH_MACHINE	EM_AARCH64

/* x0..x30, sp, then NZCV */
#define TINY_NGPR		32
#define TINY_GPR_NAMES							\
	"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7",			\
	"x8", "x9", "x10", "x11", "x12", "x13", "x14", "x15",		\
	"x16", "x17", "x18", "x19", "x20", "x21", "x22", "x23",		\
	"x24", "x25", "x26", "x27", "x28", "x29", "x30", "sp"
#define TINY_GPR_SP		31
#define TINY_GPR_ARGC		0
#define TINY_GPR_ARGV		1
#define TINY_GPR_ENVP		2
#define TINY_GPR_MAIN		16
#define TINY_GPR_RA		30	/* lr */
#define TINY_MAIN_PUSHED	0

/* pr_reg is struct user_pt_regs of <asm/ptrace.h>: x0..x30, sp, pc, pstate */
#define TINY_PR_NREG		34
#define TINY_PR_PC		32
#define TINY_PR_SP		31
#define TINY_PR_RA		30
#define TINY_PR_BSS		19	/* x19 */

#define TINY_RET_CODE		"\xc0\x03\x5f\xd6"	/* ret */
#define TINY_RET_STATUS(argc)	(argc)			/* w0 */
#define TINY_EXIT42_SIZE	16	/* mov w0, #42; ret */
#define TINY_HELLO_SIZE		54

#define TINY_ARCH_VDSO		1
/* an AArch32 caller: TIF_32BIT is cleared, as for a 64-bit ELF */
#define TINY_ARCH_COMPAT_EXEC	1

#elif defined(__riscv) && __riscv_xlen == 64

#define TINY_ARCH_MACHINE	EM_RISCV

/* x1..x31, then a zero word for the flags there are not */
#define TINY_NGPR		31
#define TINY_GPR_NAMES							\
	"ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1",		\
	"a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7",			\
	"s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",	\
	"t3", "t4", "t5", "t6"
#define TINY_GPR_RA		0
#define TINY_GPR_SP		1
#define TINY_GPR_MAIN		4	/* t0 */
#define TINY_GPR_ARGC		9	/* a0 */
#define TINY_GPR_ARGV		10	/* a1 */
#define TINY_GPR_ENVP		11	/* a2 */
#define TINY_MAIN_PUSHED	0

/* pr_reg is struct user_regs_struct of <asm/ptrace.h>: pc, x1..x31 */
#define TINY_PR_NREG		32
#define TINY_PR_PC		0
#define TINY_PR_RA		1
#define TINY_PR_SP		2
#define TINY_PR_BSS		9	/* s1 */

#define TINY_RET_CODE		"\x82\x80"		/* c.ret */
#define TINY_RET_STATUS(argc)	(argc)			/* a0 */
#define TINY_EXIT42_SIZE	14	/* li a0, 42; c.ret */
#define TINY_HELLO_SIZE		48

#define TINY_ARCH_VDSO		1
/* an rv32 caller: TIF_32BIT is cleared, as for a 64-bit ELF */
#define TINY_ARCH_COMPAT_EXEC	1

#endif

#ifdef TINY_ARCH_MACHINE
struct tiny_regs {
	unsigned long gpr[TINY_NGPR];
	unsigned long flags;
	unsigned long stack[16];
};

static inline const char *tiny_gpr_name(int i)
{
	static const char *const names[TINY_NGPR] = { TINY_GPR_NAMES };

	return names[i];
}
#endif

#endif /* TINY_ARCH_H */
