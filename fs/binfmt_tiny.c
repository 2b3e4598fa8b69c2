// SPDX-License-Identifier: GPL-2.0-only
/*
 * binfmt_tiny: flat executables with an eight-byte header.
 *
 * A tiny binary is mapped whole, read-only and executable, at a page
 * aligned base and entered right after its header.  There are no program
 * headers, no relocations and no interpreter: everything the loader needs
 * is in the header, and everything it refuses, it refuses before the point
 * of no return.  (Only the LSMs' word on a TINY_F_FIXED address comes
 * later, as for an ELF ET_EXEC: it depends on the new credentials, which
 * begin_new_exec() computes.)  The format is specified, as a user-space
 * ABI, in Documentation/userspace-api/binfmt_tiny.rst.
 *
 * What depends on the architecture (the entry register state, the
 * personality, the code of the [tiny] page, the vDSO) comes from
 * <asm/binfmt_tiny.h>, as <asm/elf.h> serves binfmt_elf; an architecture
 * that provides it selects HAVE_BINFMT_TINY.
 */

#include <linux/binfmts.h>
#include <linux/binfmt_tiny.h>
#include <linux/cred.h>
#include <linux/elf.h>
#include <linux/elf-randomize.h>
#include <linux/fs.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mman.h>
#include <linux/module.h>
#include <linux/personality.h>
#include <linux/ptrace.h>
#include <linux/random.h>
#include <linux/sched/signal.h>
#include <linux/sched/task_stack.h>
#include <linux/sizes.h>
#include <linux/uaccess.h>
#include <linux/uidgid.h>

#include <asm/binfmt_tiny.h>

/* How far setup_arg_pages() grows the stack below the arguments, at most */
#define TINY_STACK_EXPAND	SZ_128K

static_assert(sizeof(struct tiny_header) == 8);

/**
 * struct tiny_layout - a validated tiny binary, relative to its base
 * @file_size: bytes in the file; all of them are mapped
 * @image_len: length of the file mapping, page aligned
 * @bss_len: length of the anonymous mapping after the image, page aligned
 * @total_len: @image_len + @bss_len
 * @flags: TINY_F_* bits from the header
 */
struct tiny_layout {
	unsigned long file_size;
	unsigned long image_len;
	unsigned long bss_len;
	unsigned long total_len;
	unsigned int flags;
};

#define TINY_SUPPORTED_FLAGS	(TINY_F_FIXED | TINY_F_MAIN)

/* The page of the arch's stub, and the NULL that ends the array */
static struct page *tiny_stub_pages[2];

static const struct vm_special_mapping tiny_stub_mapping = {
	.name	= "[tiny]",
	.pages	= tiny_stub_pages,
};

/**
 * tiny_parse() - validate a tiny header and lay the binary out
 * @hdr: the first bytes of the file (zero past its end)
 * @size: size of the file in bytes
 * @machine: ELF machine of the code this kernel runs natively
 * @page_size: the kernel's page size
 * @layout: filled in on success
 *
 * Depends on nothing but its arguments, so that the KUnit suite can feed
 * it every header there is, for every page size.
 *
 * The bss starts at the first TINY_BSS_UNIT boundary after the image, so
 * that a binary linked once runs on any page size.  Where that boundary is
 * not a page boundary, the last page of the image would have to be both
 * executable and writable: such a binary is refused.
 *
 * Return: 0 if this kernel can run the binary, -ENOEXEC if the file is not
 * a tiny binary for this kernel (another handler may still take it).
 */
static int tiny_parse(const struct tiny_header *hdr, loff_t size, u16 machine,
		      unsigned long page_size, struct tiny_layout *layout)
{
	if (memcmp(hdr->magic, TINY_MAGIC, sizeof(hdr->magic)))
		return -ENOEXEC;
	/* The header alone is not a program: there must be code. */
	if (size <= (loff_t)sizeof(*hdr) || size > (loff_t)TINY_MAX_SIZE)
		return -ENOEXEC;
	if (le16_to_cpu(hdr->machine) != machine)
		return -ENOEXEC;
	if (hdr->flags & ~TINY_SUPPORTED_FLAGS)
		return -ENOEXEC;

	layout->file_size = size;
	layout->image_len = ALIGN(layout->file_size, page_size);
	layout->bss_len = ALIGN(hdr->bss * TINY_BSS_UNIT, page_size);
	if (layout->bss_len &&
	    layout->image_len != ALIGN(layout->file_size, TINY_BSS_UNIT))
		return -ENOEXEC;
	/* At most TINY_MAX_SIZE and 255 units, page aligned: no overflow */
	layout->total_len = layout->image_len + layout->bss_len;
	layout->flags = hdr->flags;
	return 0;
}

/**
 * tiny_check_limits() - refuse an exec that its mappings would not survive
 * @bprm: the exec in progress
 * @layout: the binary's validated layout
 *
 * The mappings are made after the point of no return, where a failure can
 * only kill the task, so RLIMIT_DATA and RLIMIT_AS are checked here, the
 * way may_expand_vm() will count them: in pages, against everything the
 * exec maps.  That is the stack as setup_arg_pages() will grow it, the
 * image and bss, and the exit stub of a TINY_F_MAIN binary.
 *
 * Return: 0, or -ENOMEM if a limit would be exceeded.
 */
static int tiny_check_limits(const struct linux_binprm *bprm,
			     const struct tiny_layout *layout)
{
	unsigned long stack = bprm->vma->vm_end - bprm->vma->vm_start;
	unsigned long rlim_stack = bprm->rlim_stack.rlim_cur & PAGE_MASK;
	unsigned long total;

	stack = max(stack, min(rlim_stack, stack + TINY_STACK_EXPAND));
	total = stack + layout->total_len;
	if (layout->flags & TINY_F_MAIN)
		total += PAGE_SIZE;

	if (layout->bss_len >> PAGE_SHIFT > rlimit(RLIMIT_DATA) >> PAGE_SHIFT)
		return -ENOMEM;
	if (total >> PAGE_SHIFT > rlimit(RLIMIT_AS) >> PAGE_SHIFT)
		return -ENOMEM;
	return 0;
}

/**
 * tiny_map() - map the image and its bss into the new address space
 * @file: the tiny binary
 * @layout: its validated layout
 *
 * The image is a private, read-only, executable mapping of the file, so
 * it is demand paged and never copied.  The first mapping reserves room for
 * the bss too, which then replaces the part of it past the image.
 *
 * Return: the base address, or a negative errno cast to unsigned long.
 */
static unsigned long tiny_map(struct file *file,
			      const struct tiny_layout *layout)
{
	unsigned long addr = 0, base, bss;
	unsigned long flags = MAP_PRIVATE;

	if (layout->flags & TINY_F_FIXED) {
		addr = TINY_FIXED_BASE;
		flags |= MAP_FIXED_NOREPLACE;
	}

	base = vm_mmap(file, addr, layout->total_len, PROT_READ | PROT_EXEC,
		       flags, 0);
	if (IS_ERR_VALUE(base) || !layout->bss_len)
		return base;

	bss = vm_mmap(NULL, base + layout->image_len, layout->bss_len,
		      PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, 0);
	if (IS_ERR_VALUE(bss))
		return bss;
	return base;
}

/**
 * tiny_set_brk() - record the layout and place the heap
 * @mm: the new address space
 * @base: where the image was mapped
 * @layout: the binary's validated layout
 * @randomize: randomize_va_space as of this exec
 *
 * A relocatable tiny binary lives in the mmap area, as a static PIE does,
 * so its heap is placed as binfmt_elf places a static PIE's: out of the
 * mmap area, where the next mapping (the exit stub, say) would be put right
 * at the break in the bottom-up layout, and into the unused
 * ELF_ET_DYN_BASE region.  A TINY_F_FIXED binary keeps its heap after the
 * bss, as an ET_EXEC does.
 */
static void tiny_set_brk(struct mm_struct *mm, unsigned long base,
			 const struct tiny_layout *layout, int randomize)
{
	bool moved = false;

	mm->start_code = base;
	mm->end_code = base + layout->file_size;
	mm->start_data = base + layout->image_len;
	mm->end_data = base + layout->total_len;
	mm->brk = mm->end_data;

	if (!IS_ENABLED(CONFIG_COMPAT_BRK) &&
	    IS_ENABLED(CONFIG_ARCH_HAS_ELF_RANDOMIZE) &&
	    !(layout->flags & TINY_F_FIXED)) {
		mm->brk = PAGE_ALIGN(ELF_ET_DYN_BASE);
		moved = true;
	}

	if ((current->flags & PF_RANDOMIZE) && randomize > 1) {
		/* A heap that was not moved keeps a guard page from the bss. */
		if (!moved)
			mm->brk += PAGE_SIZE;
		mm->brk = arch_randomize_brk(mm);
		moved = true;
	}
	mm->start_brk = mm->brk;

#ifdef compat_brk_randomized
	if (moved)
		current->brk_randomized = 1;
#endif
}

/*
 * Every program that returns from main() lands on the stub page: map it now
 * instead of taking a page fault for it on the way out.  Should this fail,
 * the fault maps it as it would have anyway.
 */
static void tiny_prefault_stub(struct vm_area_struct *vma, unsigned long addr)
{
	vm_insert_page(vma, addr, tiny_stub_pages[0]);
}

/*
 * The search for a free range walks the VMA tree, so it needs the mmap lock
 * as much as the insertion does (as for the vDSO in map_vdso()).
 */
static unsigned long tiny_map_stub(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long addr;

	if (mmap_write_lock_killable(mm))
		return -EINTR;
	addr = mm_get_unmapped_area(NULL, 0, PAGE_SIZE, 0, 0);
	if (!IS_ERR_VALUE(addr)) {
		vma = _install_special_mapping(mm, addr, PAGE_SIZE,
					       VM_READ | VM_EXEC |
					       VM_MAYREAD | VM_MAYEXEC,
					       &tiny_stub_mapping);
		if (IS_ERR(vma))
			addr = PTR_ERR(vma);
		else
			tiny_prefault_stub(vma, addr);
	}
	mmap_write_unlock(mm);

	return addr;
}

/* Point @count entries at @p onwards at the NUL-terminated strings there. */
static int tiny_put_strings(unsigned long __user **sp, unsigned long *p,
			    int count)
{
	while (count-- > 0) {
		size_t len;

		if (put_user(*p, (*sp)++))
			return -EFAULT;
		len = strnlen_user((const char __user *)*p, MAX_ARG_STRLEN);
		if (!len || len > MAX_ARG_STRLEN)
			return -EINVAL;
		*p += len;
	}
	return put_user(0, (*sp)++) ? -EFAULT : 0;
}

/**
 * tiny_create_tables() - build the process-entry stack
 * @bprm: the exec in progress; bprm->p is lowered to the new stack pointer
 * @entry: the entry point, for AT_ENTRY
 *
 * Lays out, from the stack pointer up: argc, argv[], NULL, envp[], NULL and
 * the auxiliary vector, 16-byte aligned, with the 16 AT_RANDOM bytes above
 * them and the argument strings above those.
 *
 * Return: 0 or a negative errno.
 */
static int tiny_create_tables(struct linux_binprm *bprm, unsigned long entry)
{
	struct mm_struct *mm = current->mm;
	const struct cred *cred = current_cred();
	unsigned long *auxv = mm->saved_auxv;
	unsigned long __user *sp;
	unsigned long p = bprm->p;
	u8 random[16];
	int items, n = 0;
	int ret;

	get_random_bytes(random, sizeof(random));
	p -= sizeof(random);
	if (copy_to_user((void __user *)p, random, sizeof(random)))
		return -EFAULT;

#define TINY_AUX(id, val) do { auxv[n++] = (id); auxv[n++] = (val); } while (0)
	TINY_AUX(AT_HWCAP, ELF_HWCAP);
	TINY_AUX(AT_PAGESZ, PAGE_SIZE);
	TINY_AUX(AT_CLKTCK, CLOCKS_PER_SEC);
	TINY_AUX(AT_FLAGS, bprm_at_flags(bprm));
	TINY_AUX(AT_ENTRY, entry);
	TINY_AUX(AT_UID, from_kuid_munged(cred->user_ns, cred->uid));
	TINY_AUX(AT_EUID, from_kuid_munged(cred->user_ns, cred->euid));
	TINY_AUX(AT_GID, from_kgid_munged(cred->user_ns, cred->gid));
	TINY_AUX(AT_EGID, from_kgid_munged(cred->user_ns, cred->egid));
	TINY_AUX(AT_SECURE, bprm->secureexec);
	TINY_AUX(AT_RANDOM, p);
	TINY_AUX(AT_EXECFN, bprm->exec);
	if (bprm->have_execfd)
		TINY_AUX(AT_EXECFD, bprm->execfd);
#ifdef TINY_ARCH_DLINFO
	TINY_ARCH_DLINFO(TINY_AUX);
#endif
#undef TINY_AUX
	BUILD_BUG_ON(2 * 15 > AT_VECTOR_SIZE);
	/* AT_NULL, and clear what an earlier exec left in the rest. */
	memset(&auxv[n], 0, sizeof(mm->saved_auxv) - n * sizeof(*auxv));
	n += 2;

	items = 1 + (bprm->argc + 1) + (bprm->envc + 1) + n;
	sp = (unsigned long __user *)ALIGN_DOWN(p - items * sizeof(*sp), 16);
	bprm->p = (unsigned long)sp;

	if (put_user(bprm->argc, sp++))
		return -EFAULT;

	p = mm->arg_start;
	ret = tiny_put_strings(&sp, &p, bprm->argc);
	if (ret)
		return ret;
	mm->arg_end = p;
	mm->env_start = p;

	ret = tiny_put_strings(&sp, &p, bprm->envc);
	if (ret)
		return ret;
	mm->env_end = p;

	if (copy_to_user(sp, auxv, n * sizeof(*auxv)))
		return -EFAULT;
	return 0;
}

/*
 * Turn the entry of the process, as start_thread() left it, into a call of
 * main(argc, argv, envp) that returns into the exit stub at @stub.
 */
static int tiny_enter_main(struct linux_binprm *bprm, struct pt_regs *regs,
			   unsigned long stub)
{
	unsigned long argv = bprm->p + sizeof(long);
	unsigned long envp = argv + (bprm->argc + 1) * sizeof(long);

	return tiny_arch_start_main(regs, stub, bprm->argc, argv, envp);
}

static struct linux_binfmt tiny_format;

static int load_tiny_binary(struct linux_binprm *bprm)
{
	const struct tiny_header *hdr = (const struct tiny_header *)bprm->buf;
	struct pt_regs *regs = current_pt_regs();
	struct tiny_layout layout;
	unsigned long base, entry, stub = 0;
	int randomize;
	int ret;

	ret = tiny_parse(hdr, i_size_read(file_inode(bprm->file)), ELF_ARCH,
			 PAGE_SIZE, &layout);
	if (ret)
		return ret;
	if (!can_mmap_file(bprm->file))
		return -ENOEXEC;
	ret = tiny_check_limits(bprm, &layout);
	if (ret)
		return ret;

	/*
	 * A binfmt_misc "L" entry substitutes for a PT_INTERP, which a tiny
	 * binary does not have: run it natively, as binfmt_elf runs a binary
	 * without PT_INTERP, instead of having begin_new_exec() refuse it.
	 */
	bprm_drop_loader(bprm);

	ret = begin_new_exec(bprm);
	if (ret)
		return ret;

	tiny_arch_set_personality();
	/* Nothing in a tiny binary asks for it, so do not inherit it either. */
	current->personality &= ~READ_IMPLIES_EXEC;
	randomize = READ_ONCE(randomize_va_space);
	if (!(current->personality & ADDR_NO_RANDOMIZE) && randomize)
		current->flags |= PF_RANDOMIZE;

	setup_new_exec(bprm);

	ret = setup_arg_pages(bprm, randomize_stack_top(STACK_TOP),
			      EXSTACK_DISABLE_X);
	if (ret)
		return ret;

	base = tiny_map(bprm->file, &layout);
	if (IS_ERR_VALUE(base))
		return base;
	entry = base + sizeof(*hdr);
	tiny_set_brk(current->mm, base, &layout, randomize);

	/* From here on the mm pins this module, and with it the stub page. */
	set_binfmt(&tiny_format);

	ret = tiny_arch_setup_additional_pages(bprm);
	if (ret)
		return ret;

	ret = tiny_create_tables(bprm, entry);
	if (ret)
		return ret;
	current->mm->start_stack = bprm->p;

	if (layout.flags & TINY_F_MAIN) {
		stub = tiny_map_stub(current->mm);
		if (IS_ERR_VALUE(stub))
			return stub;
	}

	finalize_exec(bprm);
	tiny_arch_start_thread(regs, entry, bprm->p);
	if (stub)
		return tiny_enter_main(bprm, regs, stub);
	return 0;
}

static struct linux_binfmt tiny_format = {
	.module		= THIS_MODULE,
	.load_binary	= load_tiny_binary,
#if defined(CONFIG_BINFMT_ELF) && defined(CONFIG_ELF_CORE)
	/* A tiny process is a native process: dump it as ELF dumps one. */
	.core_dump	= binfmt_elf_core_dump,
	.min_coredump	= ELF_EXEC_PAGESIZE,
#endif
};

static int __init init_tiny_binfmt(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!page)
		return -ENOMEM;
	memcpy(page_address(page), tiny_arch_stub,
	       tiny_arch_stub_end - tiny_arch_stub);
	tiny_stub_pages[0] = page;
	register_binfmt(&tiny_format);
	return 0;
}

static void __exit exit_tiny_binfmt(void)
{
	unregister_binfmt(&tiny_format);
	__free_page(tiny_stub_pages[0]);
}

core_initcall(init_tiny_binfmt);
module_exit(exit_tiny_binfmt);

MODULE_DESCRIPTION("Kernel support for tiny flat binaries");
MODULE_LICENSE("GPL");

#if IS_ENABLED(CONFIG_BINFMT_TINY_KUNIT_TEST)
#include "tests/binfmt_tiny_kunit.c"
#endif
