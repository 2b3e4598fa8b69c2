/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x86_64 part of binfmt_tiny (fs/binfmt_tiny.c): the entry register
 * state, the personality and the [tiny] page.  The entry ABI is specified
 * in Documentation/userspace-api/binfmt_tiny.rst.
 */
#ifndef _ASM_X86_BINFMT_TINY_H
#define _ASM_X86_BINFMT_TINY_H

#include <linux/stringify.h>
#include <linux/uaccess.h>
#include <linux/elf.h>
#include <asm/unistd.h>

/*
 * The [tiny] page: main() returns here, with its return value in %eax.
 * Assembled into the loader's .rodata, then copied to a page of its own.
 */
asm(".pushsection .rodata, \"a\"\n"
	"tiny_arch_stub:\n"
	"	movl	%eax, %edi\n"
	"	movl	$" __stringify(__NR_exit_group) ", %eax\n"
	"	syscall\n"
	"	ud2\n"
	"tiny_arch_stub_end:\n"
	".popsection\n"
);

extern const u8 tiny_arch_stub[], tiny_arch_stub_end[];

/* A 32-bit or x32 caller becomes a 64-bit task, as for a 64-bit ELF. */
static inline void tiny_arch_set_personality(void)
{
	set_personality_64bit();
}

/*
 * x86_64 tasks return from signal handlers through the SA_RESTORER they
 * must provide, so a tiny task does without a vDSO (and AT_SYSINFO_EHDR:
 * there is no TINY_ARCH_DLINFO()).
 */
static inline int tiny_arch_setup_additional_pages(struct linux_binprm *bprm)
{
	return 0;
}

/* Every general register zero, %rsp at argc. */
static inline void tiny_arch_start_thread(struct pt_regs *regs,
					  unsigned long pc, unsigned long sp)
{
	ELF_PLAT_INIT(regs, 0);
	start_thread(regs, pc, sp);
}

/*
 * main(argc, argv, envp) in %rdi, %rsi and %rdx, called: the return
 * address, the stub, is pushed.
 */
static inline int tiny_arch_start_main(struct pt_regs *regs,
				       unsigned long stub, unsigned long argc,
				       unsigned long argv, unsigned long envp)
{
	regs->sp -= sizeof(long);
	if (put_user(stub, (unsigned long __user *)regs->sp))
		return -EFAULT;
	regs->di = argc;
	regs->si = argv;
	regs->dx = envp;
	return 0;
}

#endif /* _ASM_X86_BINFMT_TINY_H */
