// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests of binfmt_tiny: header validation, layout, the
 * process-entry stack and the [tiny] page.
 * Included by fs/binfmt_tiny.c, so that the static functions are in scope.
 */
#include <kunit/test.h>
#include <linux/anon_inodes.h>
#include <linux/file.h>
#include <linux/kthread.h>

/* A valid plain-mode header for the running kernel, in a bprm buffer. */
static void tiny_good_header(u8 *buf)
{
	struct tiny_header *hdr = (struct tiny_header *)buf;

	memset(buf, 0, BINPRM_BUF_SIZE);
	memcpy(hdr->magic, TINY_MAGIC, sizeof(hdr->magic));
	hdr->machine = cpu_to_le16(ELF_ARCH);
}

static int tiny_parse_buf(const u8 *buf, loff_t size, struct tiny_layout *l)
{
	return tiny_parse((const struct tiny_header *)buf, size, ELF_ARCH,
			  PAGE_SIZE, l);
}

static void tiny_smallest_binary_test(struct kunit *test)
{
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];

	tiny_good_header(buf);
	KUNIT_ASSERT_EQ(test, tiny_parse_buf(buf, 9, &l), 0);
	KUNIT_EXPECT_EQ(test, l.file_size, 9);
	KUNIT_EXPECT_EQ(test, l.image_len, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, l.bss_len, 0);
	KUNIT_EXPECT_EQ(test, l.total_len, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, l.flags, 0);
}

static void tiny_no_code_test(struct kunit *test)
{
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];
	loff_t size;

	tiny_good_header(buf);
	for (size = 0; size <= sizeof(struct tiny_header); size++)
		KUNIT_EXPECT_EQ_MSG(test, tiny_parse_buf(buf, size, &l),
				    -ENOEXEC, "size %lld", size);
}

static void tiny_magic_test(struct kunit *test)
{
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];
	int i;

	for (i = 0; i < 4; i++) {
		tiny_good_header(buf);
		buf[i] ^= 0x20;
		KUNIT_EXPECT_EQ_MSG(test, tiny_parse_buf(buf, 64, &l),
				    -ENOEXEC, "magic byte %d", i);
	}

	tiny_good_header(buf);
	memcpy(buf, ELFMAG, SELFMAG);
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, 64, &l), -ENOEXEC);

	memset(buf, 0, sizeof(buf));
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, 64, &l), -ENOEXEC);
}

static void tiny_machine_test(struct kunit *test)
{
	struct tiny_header *hdr;
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];

	tiny_good_header(buf);
	hdr = (struct tiny_header *)buf;

	hdr->machine = cpu_to_le16(ELF_ARCH + 1);
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, 64, &l), -ENOEXEC);
	hdr->machine = cpu_to_le16(EM_NONE);
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, 64, &l), -ENOEXEC);
	/* The field is little endian on every host. */
	hdr->machine = cpu_to_le16(ELF_ARCH);
	KUNIT_EXPECT_EQ(test, buf[4], ELF_ARCH & 0xff);
	KUNIT_EXPECT_EQ(test, buf[5], ELF_ARCH >> 8);
	buf[4] = ELF_ARCH >> 8;
	buf[5] = ELF_ARCH & 0xff;
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, 64, &l), -ENOEXEC);
	KUNIT_EXPECT_EQ(test, tiny_parse((struct tiny_header *)buf, 64,
					 swab16(ELF_ARCH), PAGE_SIZE, &l), 0);
}

static void tiny_flags_test(struct kunit *test)
{
	struct tiny_header *hdr;
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];
	int bit;

	tiny_good_header(buf);
	hdr = (struct tiny_header *)buf;

	for (bit = 0; bit < 8; bit++) {
		u8 flag = BIT(bit);
		int want = flag & TINY_SUPPORTED_FLAGS ? 0 : -ENOEXEC;

		hdr->flags = flag;
		KUNIT_EXPECT_EQ_MSG(test, tiny_parse_buf(buf, 64, &l), want,
				    "flag %#x", flag);
		if (!want)
			KUNIT_EXPECT_EQ(test, l.flags, flag);
	}

	KUNIT_EXPECT_TRUE(test, TINY_SUPPORTED_FLAGS & TINY_F_FIXED);
	if (IS_ENABLED(CONFIG_X86_64) && !IS_ENABLED(CONFIG_UML))
		KUNIT_EXPECT_TRUE(test, TINY_SUPPORTED_FLAGS & TINY_F_MAIN);

	hdr->flags = TINY_SUPPORTED_FLAGS;
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, 64, &l), 0);
	hdr->flags = TINY_SUPPORTED_FLAGS | 0x80;
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, 64, &l), -ENOEXEC);
}

static void tiny_size_limit_test(struct kunit *test)
{
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];

	tiny_good_header(buf);
	KUNIT_ASSERT_EQ(test, tiny_parse_buf(buf, TINY_MAX_SIZE, &l), 0);
	KUNIT_EXPECT_EQ(test, l.image_len, TINY_MAX_SIZE);
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, TINY_MAX_SIZE + 1, &l),
			-ENOEXEC);
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, LLONG_MAX, &l), -ENOEXEC);
	KUNIT_EXPECT_EQ(test, tiny_parse_buf(buf, -1, &l), -ENOEXEC);

	KUNIT_ASSERT_EQ(test, tiny_parse_buf(buf, PAGE_SIZE, &l), 0);
	KUNIT_EXPECT_EQ(test, l.image_len, PAGE_SIZE);
	KUNIT_ASSERT_EQ(test, tiny_parse_buf(buf, PAGE_SIZE + 1, &l), 0);
	KUNIT_EXPECT_EQ(test, l.image_len, 2 * PAGE_SIZE);
}

static void tiny_bss_test(struct kunit *test)
{
	struct tiny_header *hdr;
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];

	tiny_good_header(buf);
	hdr = (struct tiny_header *)buf;

	hdr->bss = 1;
	KUNIT_ASSERT_EQ(test, tiny_parse_buf(buf, 100, &l), 0);
	KUNIT_EXPECT_EQ(test, l.bss_len, PAGE_ALIGN(SZ_4K));
	KUNIT_EXPECT_EQ(test, l.total_len, PAGE_SIZE + PAGE_ALIGN(SZ_4K));

	hdr->bss = 255;
	KUNIT_ASSERT_EQ(test, tiny_parse_buf(buf, PAGE_SIZE + 1, &l), 0);
	KUNIT_EXPECT_EQ(test, l.bss_len, PAGE_ALIGN(255 * SZ_4K));
	KUNIT_EXPECT_GE(test, l.bss_len, 255 * SZ_4K);
	KUNIT_EXPECT_EQ(test, l.total_len, 2 * PAGE_SIZE + l.bss_len);
	KUNIT_EXPECT_EQ(test, l.bss_len % PAGE_SIZE, 0);
}

/*
 * The bss starts at the first 4 KiB boundary after the image on every page
 * size; where that is inside the image's last page, the binary is refused.
 */
static void tiny_page_size_test(struct kunit *test)
{
	static const struct {
		loff_t size;
		u8 bss;
		unsigned long page_size;
		int ret;
		unsigned long image_len, bss_len;
	} cases[] = {
		{ 100, 1, SZ_4K, 0, SZ_4K, SZ_4K },
		{ 100, 1, SZ_16K, -ENOEXEC },
		{ 100, 1, SZ_64K, -ENOEXEC },
		{ 100, 0, SZ_16K, 0, SZ_16K, 0 },
		{ 100, 0, SZ_64K, 0, SZ_64K, 0 },
		{ 3 * SZ_4K + 1, 1, SZ_16K, 0, SZ_16K, SZ_16K },
		{ 3 * SZ_4K + 1, 1, SZ_64K, -ENOEXEC },
		{ SZ_8K + 1, 1, SZ_16K, -ENOEXEC },
		{ SZ_64K, 3, SZ_4K, 0, SZ_64K, 3 * SZ_4K },
		{ SZ_64K, 3, SZ_16K, 0, SZ_64K, SZ_16K },
		{ SZ_64K, 3, SZ_64K, 0, SZ_64K, SZ_64K },
		{ SZ_64K, 17, SZ_64K, 0, SZ_64K, 2 * SZ_64K },
	};
	struct tiny_header *hdr;
	struct tiny_layout l;
	u8 buf[BINPRM_BUF_SIZE];
	int i;

	tiny_good_header(buf);
	hdr = (struct tiny_header *)buf;
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		hdr->bss = cases[i].bss;
		KUNIT_ASSERT_EQ_MSG(test, tiny_parse(hdr, cases[i].size,
						     ELF_ARCH,
						     cases[i].page_size, &l),
				    cases[i].ret, "case %d", i);
		if (cases[i].ret)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, l.image_len, cases[i].image_len,
				    "case %d", i);
		KUNIT_EXPECT_EQ_MSG(test, l.bss_len, cases[i].bss_len,
				    "case %d", i);
		KUNIT_EXPECT_EQ_MSG(test, l.total_len,
				    cases[i].image_len + cases[i].bss_len,
				    "case %d", i);
	}
}

/*
 * A user-space stack for tiny_create_tables(): the argument strings at the
 * bottom of a mapping in a KUnit address space, the stack pointer at its top.
 */
#define TINY_TEST_STACK		(4 * PAGE_SIZE)

static const char tiny_test_strings[] = "prog\0arg one\0KEY=value";

/* @argc + @envc strings, @len bytes at @strings, on a new stack */
static void tiny_test_bprm_strings(struct kunit *test,
				   struct linux_binprm *bprm,
				   const char *strings, size_t len,
				   int argc, int envc)
{
	unsigned long base;

	base = kunit_vm_mmap(test, NULL, 0, TINY_TEST_STACK,
			     PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(base));
	KUNIT_ASSERT_EQ(test, copy_to_user((void __user *)base, strings, len),
			0);

	current->mm->arg_start = base;
	memset(bprm, 0, sizeof(*bprm));
	bprm->argc = argc;
	bprm->envc = envc;
	bprm->p = base + TINY_TEST_STACK;
	bprm->exec = base;
}

static void tiny_test_bprm(struct kunit *test, struct linux_binprm *bprm)
{
	tiny_test_bprm_strings(test, bprm, tiny_test_strings,
			       sizeof(tiny_test_strings), 2, 1);
}

/* Word @i of the stack that tiny_create_tables() left at bprm->p. */
static unsigned long tiny_stack_word(struct kunit *test,
				     const struct linux_binprm *bprm, int i)
{
	unsigned long val;

	KUNIT_ASSERT_EQ(test, get_user(val, (unsigned long __user *)bprm->p + i),
			0);
	return val;
}

/* The stack index of auxiliary vector entry @type's value, or -1. */
static int tiny_auxv_find(struct kunit *test, const struct linux_binprm *bprm,
			  int first, unsigned long type)
{
	unsigned long id;
	int i;

	for (i = first; (id = tiny_stack_word(test, bprm, i)) != AT_NULL; i += 2)
		if (id == type)
			return i + 1;
	return -1;
}

/* The value of auxiliary vector entry @type, which must be there. */
static unsigned long tiny_auxv(struct kunit *test,
			       const struct linux_binprm *bprm, int first,
			       unsigned long type)
{
	int i = tiny_auxv_find(test, bprm, first, type);

	if (i < 0) {
		KUNIT_FAIL(test, "auxv entry %lu missing", type);
		return 0;
	}
	return tiny_stack_word(test, bprm, i);
}

static bool tiny_has_auxv(struct kunit *test, const struct linux_binprm *bprm,
			  int first, unsigned long type)
{
	return tiny_auxv_find(test, bprm, first, type) >= 0;
}

/* argc, argv[], envp[] and the auxiliary vector, as a program finds them */
static void tiny_create_tables_test(struct kunit *test)
{
	struct mm_struct *mm;
	struct linux_binprm bprm;
	unsigned long base, top, random;
	int auxv = 1 + 3 + 2;

	tiny_test_bprm(test, &bprm);
	mm = current->mm;
	base = mm->arg_start;
	top = bprm.p;
	KUNIT_ASSERT_EQ(test, tiny_create_tables(&bprm, base + 8), 0);

	KUNIT_EXPECT_EQ(test, bprm.p % 16, 0);
	KUNIT_EXPECT_EQ(test, tiny_stack_word(test, &bprm, 0), 2);
	KUNIT_EXPECT_EQ(test, tiny_stack_word(test, &bprm, 1), base);
	KUNIT_EXPECT_EQ(test, tiny_stack_word(test, &bprm, 2), base + 5);
	KUNIT_EXPECT_EQ(test, tiny_stack_word(test, &bprm, 3), 0);
	KUNIT_EXPECT_EQ(test, tiny_stack_word(test, &bprm, 4), base + 13);
	KUNIT_EXPECT_EQ(test, tiny_stack_word(test, &bprm, 5), 0);
	KUNIT_EXPECT_EQ(test, mm->arg_end, base + 13);
	KUNIT_EXPECT_EQ(test, mm->env_start, base + 13);
	KUNIT_EXPECT_EQ(test, mm->env_end, base + sizeof(tiny_test_strings));

	KUNIT_EXPECT_EQ(test, tiny_auxv(test, &bprm, auxv, AT_ENTRY), base + 8);
	KUNIT_EXPECT_EQ(test, tiny_auxv(test, &bprm, auxv, AT_PAGESZ), PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, tiny_auxv(test, &bprm, auxv, AT_EXECFN), base);
	KUNIT_EXPECT_EQ(test, tiny_auxv(test, &bprm, auxv, AT_FLAGS), 0);
	KUNIT_EXPECT_EQ(test, tiny_auxv(test, &bprm, auxv, AT_SECURE), 0);
	KUNIT_EXPECT_FALSE(test, tiny_has_auxv(test, &bprm, auxv, AT_EXECFD));
	/* AT_RANDOM: 16 bytes above the tables, below the old top */
	random = tiny_auxv(test, &bprm, auxv, AT_RANDOM);
	KUNIT_EXPECT_GT(test, random, bprm.p + auxv * sizeof(long));
	KUNIT_EXPECT_LE(test, random + 16, top);
	/* /proc/PID/auxv reads the saved copy: it must be the same */
	KUNIT_EXPECT_EQ(test, mm->saved_auxv[0],
			tiny_stack_word(test, &bprm, auxv));
	KUNIT_EXPECT_EQ(test, mm->saved_auxv[1],
			tiny_stack_word(test, &bprm, auxv + 1));
}

/* AT_FLAGS and AT_EXECFD for the interpreter of binfmt_misc entries */
static void tiny_create_tables_misc_test(struct kunit *test)
{
	static const struct {
		unsigned int interp_flags;
		unsigned long at_flags;
	} cases[] = {
		{ BINPRM_FLAGS_PRESERVE_ARGV0, AT_FLAGS_PRESERVE_ARGV0 },
		{ BINPRM_FLAGS_TRANSPARENT_INTERP, AT_FLAGS_TRANSPARENT_INTERP },
	};
	struct linux_binprm bprm;
	int auxv = 1 + 3 + 2;
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		tiny_test_bprm(test, &bprm);
		bprm.interp_flags = cases[i].interp_flags;
		bprm.have_execfd = 1;
		bprm.execfd = 7;
		KUNIT_ASSERT_EQ(test, tiny_create_tables(&bprm, 0), 0);
		KUNIT_EXPECT_EQ(test, tiny_auxv(test, &bprm, auxv, AT_FLAGS),
				cases[i].at_flags);
		KUNIT_EXPECT_EQ(test, tiny_auxv(test, &bprm, auxv, AT_EXECFD), 7);
	}
}

/* Strings that are not there fail the exec; they do not oops. */
static void tiny_create_tables_fault_test(struct kunit *test)
{
	struct linux_binprm bprm;

	tiny_test_bprm(test, &bprm);
	/* far above the mapping: nothing is mapped there */
	current->mm->arg_start = bprm.p + SZ_1G;
	KUNIT_EXPECT_LT(test, tiny_create_tables(&bprm, 0), 0);
}

/*
 * A stack page that is not there where one of the loader's stores goes:
 * that store fails the exec, and what was stored below the hole is there.
 * envp[] takes a page, so that everything stored before that store (the
 * AT_RANDOM bytes at the top, the words below it) is outside the hole.
 */
static void tiny_create_tables_hole_test(struct kunit *test)
{
	static const struct {
		int argc;
		int word;	/* the first word in the hole: an even one */
	} cases[] = {
		{ 1, 0 },	/* argc */
		{ 2, 2 },	/* argv[1] */
		{ 1, 2 },	/* the NULL after argv[] */
		{ 1, 4 },	/* envp[1] */
	};
	const int envc = PAGE_SIZE / sizeof(long);
	const int len = 2 * (2 + envc);
	unsigned long base, top, hole, dist;
	struct linux_binprm bprm;
	char *strings;
	int i;

	/* the argument and environment strings: "a", "a", ... */
	strings = kunit_kzalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, strings);
	for (i = 0; i < len; i += 2)
		strings[i] = 'a';
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		tiny_test_bprm_strings(test, &bprm, strings, len,
				       cases[i].argc, envc);
		base = bprm.exec;
		top = bprm.p;

		/* the word's distance from the top, on a whole stack */
		KUNIT_ASSERT_EQ(test, tiny_create_tables(&bprm, 0), 0);
		dist = top - (bprm.p + cases[i].word * sizeof(long));

		/* the same tables, from a top that puts it at a hole's start */
		hole = base + 2 * PAGE_SIZE;
		bprm.p = hole + dist;
		KUNIT_ASSERT_GE(test, bprm.p - 16, hole + PAGE_SIZE);
		KUNIT_ASSERT_LE(test, bprm.p, top);
		KUNIT_ASSERT_EQ(test, vm_munmap(hole, PAGE_SIZE), 0);
		KUNIT_EXPECT_EQ_MSG(test, tiny_create_tables(&bprm, 0),
				    -EFAULT, "case %d", i);
		KUNIT_EXPECT_EQ_MSG(test, bprm.p,
				    hole - cases[i].word * sizeof(long),
				    "case %d", i);
		if (cases[i].word > 0)
			KUNIT_EXPECT_EQ_MSG(test, tiny_stack_word(test, &bprm, 0),
					    cases[i].argc, "case %d", i);
		if (cases[i].word > 1)
			KUNIT_EXPECT_EQ_MSG(test, tiny_stack_word(test, &bprm, 1),
					    base, "case %d", i);
	}
}

/* A file its filesystem cannot mmap is refused before the exec begins. */
static const struct file_operations tiny_no_mmap_fops = {
	.owner = THIS_MODULE,
};

static void tiny_no_mmap_test(struct kunit *test)
{
	struct linux_binprm *bprm;
	struct tiny_layout l;
	struct file *file;

	bprm = kunit_kzalloc(test, sizeof(*bprm), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, bprm);
	tiny_good_header(bprm->buf);
	/* the header is good: the file is what is refused */
	KUNIT_ASSERT_EQ(test, tiny_parse_buf(bprm->buf, 64, &l), 0);
	file = anon_inode_create_getfile("[tiny_test]", &tiny_no_mmap_fops,
					 NULL, O_RDONLY, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR(file));
	i_size_write(file_inode(file), 64);
	bprm->file = file;
	KUNIT_EXPECT_EQ(test, load_tiny_binary(bprm), -ENOEXEC);
	fput(file);
}

/* The [tiny] page: read-only and executable, the stub's code in it */
static void tiny_stub_page_test(struct kunit *test)
{
	size_t len = tiny_arch_stub_end - tiny_arch_stub;
	struct vm_area_struct *vma;
	vm_flags_t flags = 0;
	unsigned long addr;
	u8 code[64];

	KUNIT_ASSERT_LE(test, len, sizeof(code));
	KUNIT_ASSERT_EQ(test, kunit_attach_mm(), 0);
	addr = tiny_map_stub(current->mm);
	KUNIT_ASSERT_FALSE(test, IS_ERR_VALUE(addr));
	KUNIT_EXPECT_EQ(test, offset_in_page(addr), 0);

	mmap_read_lock(current->mm);
	vma = vma_lookup(current->mm, addr);
	if (vma)
		flags = vma->vm_flags;
	mmap_read_unlock(current->mm);
	KUNIT_ASSERT_NOT_NULL(test, vma);
	KUNIT_EXPECT_EQ(test, flags & (VM_READ | VM_WRITE | VM_EXEC |
				       VM_MAYWRITE), VM_READ | VM_EXEC);
	KUNIT_ASSERT_EQ(test, copy_from_user(code, (void __user *)addr, len),
			0);
	KUNIT_EXPECT_MEMEQ(test, code, tiny_arch_stub, len);
}

/* With no room left in the address space, the exec fails with ENOMEM. */
static void tiny_stub_no_room_test(struct kunit *test)
{
	unsigned long len, addr;

	KUNIT_ASSERT_EQ(test, kunit_attach_mm(), 0);
	/* the largest free block that fits, down to a page: every gap */
	for (len = rounddown_pow_of_two(TASK_SIZE); len >= PAGE_SIZE;
	     len /= 2) {
		do {
			addr = vm_mmap(NULL, 0, len, PROT_NONE,
				       MAP_PRIVATE | MAP_ANONYMOUS |
				       MAP_NORESERVE, 0);
		} while (!IS_ERR_VALUE(addr));
	}
	KUNIT_EXPECT_EQ(test, (long)tiny_map_stub(current->mm), -ENOMEM);
}

struct tiny_mmap_reader {
	struct mm_struct *mm;
	struct completion locked;
	struct completion done;
};

static int tiny_mmap_reader_fn(void *data)
{
	struct tiny_mmap_reader *r = data;

	mmap_read_lock(r->mm);
	complete(&r->locked);
	wait_for_completion(&r->done);
	mmap_read_unlock(r->mm);
	return 0;
}

/*
 * A fatal signal that comes while the exec waits for the mmap lock ends
 * the wait: the exec fails with EINTR (and the signal kills the task).
 * A kthread holds the lock for reading, so that the wait is not skipped.
 */
static void tiny_stub_interrupted_test(struct kunit *test)
{
	struct tiny_mmap_reader r;
	struct task_struct *t;

	KUNIT_ASSERT_EQ(test, kunit_attach_mm(), 0);
	r.mm = current->mm;
	init_completion(&r.locked);
	init_completion(&r.done);
	t = kthread_run(tiny_mmap_reader_fn, &r, "tiny_mmap_reader");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	get_task_struct(t);
	wait_for_completion(&r.locked);

	allow_signal(SIGKILL);
	send_sig(SIGKILL, current, 1);
	KUNIT_EXPECT_EQ(test, (long)tiny_map_stub(current->mm), -EINTR);
	/* back to ignored, which also drops the pending SIGKILL */
	disallow_signal(SIGKILL);

	complete(&r.done);
	kthread_stop_put(t);
}

static struct kunit_case binfmt_tiny_test_cases[] = {
	KUNIT_CASE(tiny_smallest_binary_test),
	KUNIT_CASE(tiny_no_code_test),
	KUNIT_CASE(tiny_magic_test),
	KUNIT_CASE(tiny_machine_test),
	KUNIT_CASE(tiny_flags_test),
	KUNIT_CASE(tiny_size_limit_test),
	KUNIT_CASE(tiny_bss_test),
	KUNIT_CASE(tiny_page_size_test),
	KUNIT_CASE(tiny_create_tables_test),
	KUNIT_CASE(tiny_create_tables_misc_test),
	KUNIT_CASE(tiny_create_tables_fault_test),
	KUNIT_CASE(tiny_create_tables_hole_test),
	KUNIT_CASE(tiny_no_mmap_test),
	KUNIT_CASE(tiny_stub_page_test),
	KUNIT_CASE(tiny_stub_no_room_test),
	KUNIT_CASE(tiny_stub_interrupted_test),
	{}
};

static struct kunit_suite binfmt_tiny_test_suite = {
	.name = "binfmt_tiny",
	.test_cases = binfmt_tiny_test_cases,
};

kunit_test_suite(binfmt_tiny_test_suite);
