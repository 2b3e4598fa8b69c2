/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The arm64 part of binfmt_tiny (fs/binfmt_tiny.c): the entry register
 * state, the personality and the [tiny] page.  The entry ABI is specified
 * in Documentation/userspace-api/binfmt_tiny.rst.
 */
#ifndef _ASM_ARM64_BINFMT_TINY_H
#define _ASM_ARM64_BINFMT_TINY_H

#include <linux/binfmts.h>
#include <linux/sched.h>
#include <linux/stringify.h>
#include <linux/elf.h>
#include <linux/processor.h>
#include <asm/unistd.h>

/*
 * The [tiny] page.  The syscall return writes x0 after a successful
 * execve(), so main() is entered through tiny_arch_stub, which loads argc
 * from the stack; it returns to tiny_arch_stub_exit.  Assembled into the
 * loader's .rodata, then copied to a page of its own.
 */
asm(".pushsection .rodata, \"a\"\n"
	"	.balign	4\n"
	"tiny_arch_stub:\n"
	"	ldr	x0, [sp]\n"
	"	br	x16\n"
	"tiny_arch_stub_exit:\n"
	"	mov	x8, #" __stringify(__NR_exit_group) "\n"
	"	svc	#0\n"
	"	udf	#0\n"
	"tiny_arch_stub_end:\n"
	".popsection\n"
);

extern const u8 tiny_arch_stub[], tiny_arch_stub_exit[], tiny_arch_stub_end[];

/* An AArch32 caller becomes an AArch64 task, as for a 64-bit ELF. */
static inline void tiny_arch_set_personality(void)
{
	clear_thread_flag(TIF_32BIT);
}

/*
 * Without SA_RESTORER the kernel returns from a signal handler through the
 * vDSO's sigreturn trampoline: map the vDSO, as for a static ELF.
 */
static inline int tiny_arch_setup_additional_pages(struct linux_binprm *bprm)
{
	return arch_setup_additional_pages(bprm, 0);
}

#define TINY_ARCH_DLINFO(aux)						\
	aux(AT_SYSINFO_EHDR, (unsigned long)current->mm->context.vdso)

/* start_thread() clears every general register: x0-x30 are zero. */
static inline void tiny_arch_start_thread(struct pt_regs *regs,
					  unsigned long pc, unsigned long sp)
{
	start_thread(regs, pc, sp);
}

/*
 * main(argc, argv, envp) in x0, x1 and x2, returning to the exit stub
 * through x30; sp stays at argc.  x16 holds main's address for the
 * trampoline, which loads x0.
 */
static inline int tiny_arch_start_main(struct pt_regs *regs,
				       unsigned long stub, unsigned long argc,
				       unsigned long argv, unsigned long envp)
{
	regs->regs[1] = argv;
	regs->regs[2] = envp;
	regs->regs[16] = regs->pc;
	regs->regs[30] = stub + (tiny_arch_stub_exit - tiny_arch_stub);
	regs->pc = stub;
	return 0;
}

#endif /* _ASM_ARM64_BINFMT_TINY_H */
