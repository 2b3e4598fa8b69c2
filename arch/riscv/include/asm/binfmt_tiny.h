/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The riscv part of binfmt_tiny (fs/binfmt_tiny.c): the entry register
 * state, the personality and the [tiny] page.  The entry ABI is specified
 * in Documentation/userspace-api/binfmt_tiny.rst.
 */
#ifndef _ASM_RISCV_BINFMT_TINY_H
#define _ASM_RISCV_BINFMT_TINY_H

#include <linux/binfmts.h>
#include <linux/compat.h>
#include <linux/personality.h>
#include <linux/sched.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <linux/elf.h>
#include <linux/processor.h>
#include <asm/unistd.h>

/*
 * The [tiny] page.  The syscall return writes a0 after a successful
 * execve(), so main() is entered through tiny_arch_stub, which loads argc
 * from the stack; it returns to tiny_arch_stub_exit.  Assembled into the
 * loader's .rodata, then copied to a page of its own.
 */
asm(".pushsection .rodata, \"a\"\n"
	"	.balign	4\n"
	"	.option	push\n"
	"	.option	norvc\n"
	"tiny_arch_stub:\n"
	"	ld	a0, 0(sp)\n"
	"	jr	t0\n"
	"tiny_arch_stub_exit:\n"
	"	li	a7, " __stringify(__NR_exit_group) "\n"
	"	ecall\n"
	"	unimp\n"
	"tiny_arch_stub_end:\n"
	"	.option	pop\n"
	".popsection\n"
);

extern const u8 tiny_arch_stub[], tiny_arch_stub_exit[], tiny_arch_stub_end[];

/*
 * An rv32 caller becomes a 64-bit task, as SET_PERSONALITY() makes it for
 * a 64-bit ELF: start_thread() then sets UXL to 64.
 */
static inline void tiny_arch_set_personality(void)
{
	set_compat_task(false);
	if (personality(current->personality) != PER_LINUX32)
		set_personality(PER_LINUX | (current->personality & ~PER_MASK));
}

/*
 * The kernel returns from every signal handler through the vDSO's
 * sigreturn trampoline: map the vDSO, as for a static ELF.
 */
static inline int tiny_arch_setup_additional_pages(struct linux_binprm *bprm)
{
	return arch_setup_additional_pages(bprm, 0);
}

#define TINY_ARCH_DLINFO(aux)						\
	aux(AT_SYSINFO_EHDR, (unsigned long)current->mm->context.vdso)

/*
 * start_thread() sets only pc, sp and the status: clear every other
 * general register, x1-x31, which the caller left behind.
 */
static inline void tiny_arch_start_thread(struct pt_regs *regs,
					  unsigned long pc, unsigned long sp)
{
	memset(&regs->ra, 0, offsetofend(struct pt_regs, t6) -
	       offsetof(struct pt_regs, ra));
	start_thread(regs, pc, sp);
}

/*
 * main(argc, argv, envp) in a0, a1 and a2, returning to the exit stub
 * through ra; sp stays at argc.  t0 holds main's address for the
 * trampoline, which loads a0.
 */
static inline int tiny_arch_start_main(struct pt_regs *regs,
				       unsigned long stub, unsigned long argc,
				       unsigned long argv, unsigned long envp)
{
	regs->a1 = argv;
	regs->a2 = envp;
	regs->t0 = regs->epc;
	regs->ra = stub + (tiny_arch_stub_exit - tiny_arch_stub);
	regs->epc = stub;
	return 0;
}

#endif /* _ASM_RISCV_BINFMT_TINY_H */
