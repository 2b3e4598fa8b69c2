// SPDX-License-Identifier: GPL-2.0
/*
 * binfmt_tiny: core dumps.  A tiny program killed by a signal that dumps
 * core leaves the core file binfmt_elf writes for an ELF program: an ELF
 * ET_CORE file whose notes hold the registers (NT_PRSTATUS), the signal
 * (NT_SIGINFO), the command (NT_PRPSINFO), the auxiliary vector (NT_AUXV)
 * and the mapped files (NT_FILE), and a PT_LOAD for each mapping.
 * kernel.core_pattern (a file or a pipe), RLIMIT_CORE and fs.suid_dumpable
 * decide whether a core is written, and where, as for ELF.
 *
 * Needs root: the tests set kernel.core_pattern and fs.suid_dumpable, and
 * restore them.  The cores are those of crash.tiny and crash_main.tiny,
 * which store CRASH_MARKER in their bss and keep its address in a register
 * (TINY_PR_BSS in tiny_arch.h: %rbx, x19, s1).
 */
#include <assert.h>
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/procfs.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/auxvec.h>
#include <linux/elf.h>

#include "tiny_test.h"

#ifdef TINY_ARCH_MACHINE

#define CRASH_MARKER	0x52415348	/* what crash.tiny stores in its bss */
#define PATTERN_MAX	128		/* CORENAME_MAX_SIZE */
#define MAX_PHDRS	64
#define MAX_FILES	64
#define NOTE_ALIGN(n)	(((n) + 3UL) & ~3UL)

/*
 * The coredump_filter the crashing programs run with: anonymous private
 * and shared memory, the first page of executable file mappings ("ELF
 * headers") and private hugetlb; the kernel's default with
 * CONFIG_CORE_DUMP_DEFAULT_ELF_HEADERS, set so that the result does not
 * depend on the configuration.
 */
#define CORE_FILTER	"0x33"

static_assert(sizeof(elf_gregset_t) == TINY_PR_NREG * sizeof(__u64),
	      "NT_PRSTATUS registers are TINY_PR_NREG words");

static const char pattern_file[] = "/proc/sys/kernel/core_pattern";
static const char suid_dumpable_file[] = "/proc/sys/fs/suid_dumpable";
static const char filter_file[] = "/proc/self/coredump_filter";

static unsigned long page_size;

FIXTURE(core) {
	char dir[PATH_MAX];
	char pattern[PATTERN_MAX + 1];	/* kernel.core_pattern to restore */
	char suid_dumpable[16];		/* fs.suid_dumpable to restore */
	bool saved;
};

FIXTURE_VARIANT(core) {
	const char *how;	/* crash.tiny's argument */
	int sig;
};

FIXTURE_VARIANT_ADD(core, sigsegv) { .how = "s", .sig = SIGSEGV };
FIXTURE_VARIANT_ADD(core, sigabrt) { .how = "a", .sig = SIGABRT };
FIXTURE_VARIANT_ADD(core, sigquit) { .how = "q", .sig = SIGQUIT };

/* A sysctl's value without the newline; false if it cannot be read */
static bool read_sysctl(const char *path, char *val, size_t size)
{
	size_t len;
	char *buf;

	if (tiny_read_file(path, &buf, &len))
		return false;
	buf[strcspn(buf, "\n")] = '\0';
	snprintf(val, size, "%s", buf);
	free(buf);
	return true;
}

FIXTURE_SETUP(core)
{
	page_size = sysconf(_SC_PAGESIZE);
	if (!tiny_available(_metadata))
		return;
	if (geteuid())
		SKIP(return, "needs root");
	if (access(pattern_file, F_OK))
		SKIP(return, "no %s: CONFIG_COREDUMP is not set", pattern_file);
	if (access(filter_file, F_OK))
		SKIP(return, "no %s: CONFIG_ELF_CORE is not set", filter_file);
	ASSERT_TRUE(read_sysctl(pattern_file, self->pattern,
				sizeof(self->pattern)));
	ASSERT_TRUE(read_sysctl(suid_dumpable_file, self->suid_dumpable,
				sizeof(self->suid_dumpable)));
	self->saved = true;
	ASSERT_EQ(0, tiny_mkdtemp(self->dir, sizeof(self->dir)));
}

FIXTURE_TEARDOWN(core)
{
	char buf[PATTERN_MAX + 2];

	tiny_kill_all();
	if (self->saved) {
		/* first, or a relative pattern under 2 gets a warning */
		tiny_write_str(suid_dumpable_file, self->suid_dumpable);
		/* the newline ends the value, also an empty one */
		snprintf(buf, sizeof(buf), "%s\n", self->pattern);
		tiny_write_str(pattern_file, buf);
	}
	if (self->dir[0])
		tiny_rmtree(self->dir);
}

static void set_sysctl(struct __test_metadata *_metadata, const char *path,
		       const char *val)
{
	char back[PATTERN_MAX + 1];

	ASSERT_EQ(0, tiny_write_str(path, val)) TH_LOG("%s: %s", path, val);
	ASSERT_TRUE(read_sysctl(path, back, sizeof(back)));
	ASSERT_STREQ(val, back);
}

/* What the crashing child sets up before its exec */
struct crash_env {
	rlim_t core;		/* RLIMIT_CORE */
	bool nobody;		/* run as nobody */
};

static int crash_prepare(void *arg)
{
	const struct crash_env *env = arg;
	struct rlimit rl = { env->core, env->core };
	sigset_t set;
	int ret;

	/* what the test runner blocked or ignored, the exec would keep */
	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigaddset(&set, SIGQUIT);
	if (sigprocmask(SIG_UNBLOCK, &set, NULL) ||
	    signal(SIGABRT, SIG_DFL) == SIG_ERR ||
	    signal(SIGQUIT, SIG_DFL) == SIG_ERR)
		return -errno;
	if (setrlimit(RLIMIT_CORE, &rl))
		return -errno;
	/* inherited by the mm of the exec, as for ELF */
	ret = tiny_write_str(filter_file, CORE_FILTER);
	if (ret)
		return ret;
	return env->nobody ? tiny_drop_to_nobody(NULL) : 0;
}

/* Run @path with argument @how until it dies; *pid is its pid. */
static void crash(struct __test_metadata *_metadata, const char *path,
		  const char *how, const struct crash_env *env,
		  struct tiny_result *res, pid_t *pid)
{
	char *const argv[] = { (char *)path, (char *)how, NULL };
	struct tiny_cmd cmd = {
		.path = path, .argv = argv,
		.prepare = crash_prepare, .arg = (void *)env,
	};
	struct tiny_proc proc;
	int ret;

	memset(res, 0, sizeof(*res));
	ret = tiny_spawn(&cmd, &proc);
	ASSERT_EQ(0, ret) TH_LOG("exec %s: %s", path, strerror(abs(ret)));
	*pid = proc.pid;
	ASSERT_EQ(0, tiny_wait(&proc, res));
}

/* Wait up to @ms milliseconds for @path to appear */
static bool wait_for_file(const char *path, int ms)
{
	for (; ms > 0; ms -= 10) {
		if (!access(path, F_OK))
			return true;
		usleep(10000);
	}
	return !access(path, F_OK);
}

/* Entries in @dir other than . and .., or -1 */
static int dir_entries(const char *dir)
{
	struct dirent *de;
	int n = 0;
	DIR *d;

	d = opendir(dir);
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			n++;
	}
	closedir(d);
	return n;
}

static char *core_name(const char *dir, pid_t pid)
{
	char name[32];

	snprintf(name, sizeof(name), "core.%d", pid);
	return tiny_path(dir, name);
}

static __u64 get64(const char *p)
{
	__u64 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static __u32 get32(const char *p)
{
	__u32 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* A core file, parsed */
struct core {
	char *buf;
	size_t len;
	struct elf64_hdr eh;
	struct elf64_phdr ph[MAX_PHDRS];
	int nprstatus;
	prstatus_t prstatus;		/* the first thread's */
	__u64 regs[TINY_PR_NREG];	/* its pr_reg */
	bool have_siginfo, have_psinfo, have_entry;
	siginfo_t si;
	prpsinfo_t psinfo;
	__u64 entry;			/* AT_ENTRY in NT_AUXV */
	int file_maps;			/* NT_FILE entries of the tiny file */
	__u64 file_start, file_end, file_pgoff;
	int nfiles;			/* all NT_FILE entries */
	__u64 files[MAX_FILES][2];	/* their start and end */
};

static void parse_nt_file(struct __test_metadata *_metadata, struct core *c,
			  const char *desc, size_t size, const char *path)
{
	const char *name, *end = desc + size;
	__u64 count, i;

	ASSERT_LE(16, size);
	count = get64(desc);
	ASSERT_EQ(page_size, get64(desc + 8));
	ASSERT_LE(count, (size - 16) / 24)
		TH_LOG("NT_FILE: %llu entries", (unsigned long long)count);
	ASSERT_GE(MAX_FILES, count);
	c->nfiles = count;
	name = desc + 16 + count * 24;
	for (i = 0; i < count; i++) {
		const char *e = desc + 16 + i * 24;
		size_t n = strnlen(name, end - name);

		ASSERT_LT(n, (size_t)(end - name))
			TH_LOG("NT_FILE: name %llu runs past the note",
			       (unsigned long long)i);
		c->files[i][0] = get64(e);
		c->files[i][1] = get64(e + 8);
		if (!strcmp(name, path) && !c->file_maps++) {
			c->file_start = get64(e);
			c->file_end = get64(e + 8);
			c->file_pgoff = get64(e + 16);
		}
		name += n + 1;
	}
}

static void parse_note(struct __test_metadata *_metadata, struct core *c,
		       __u32 type, const char *desc, size_t size,
		       const char *path)
{
	size_t i;

	switch (type) {
	case NT_PRSTATUS:
		ASSERT_EQ(sizeof(prstatus_t), size);
		if (!c->nprstatus++) {
			memcpy(&c->prstatus, desc, size);
			memcpy(c->regs, &c->prstatus.pr_reg, sizeof(c->regs));
		}
		break;
	case NT_SIGINFO:
		ASSERT_EQ(sizeof(siginfo_t), size);
		memcpy(&c->si, desc, size);
		c->have_siginfo = true;
		break;
	case NT_PRPSINFO:
		ASSERT_EQ(sizeof(prpsinfo_t), size);
		memcpy(&c->psinfo, desc, size);
		c->have_psinfo = true;
		break;
	case NT_AUXV:
		ASSERT_EQ(0, size % 16);
		for (i = 0; i < size; i += 16) {
			if (get64(desc + i) == AT_ENTRY) {
				c->entry = get64(desc + i + 8);
				c->have_entry = true;
			}
		}
		break;
	case NT_FILE:
		parse_nt_file(_metadata, c, desc, size, path);
		break;
	}
}

/* The notes named "CORE" in PT_NOTE @ph; the others ("LINUX") are skipped */
static void parse_notes(struct __test_metadata *_metadata, struct core *c,
			const struct elf64_phdr *ph, const char *path)
{
	size_t off = ph->p_offset, end = ph->p_offset + ph->p_filesz;

	while (end - off >= sizeof(struct elf64_note)) {
		const char *name = c->buf + off + sizeof(struct elf64_note);
		size_t namesz, descsz;
		struct elf64_note nh;

		memcpy(&nh, c->buf + off, sizeof(nh));
		namesz = NOTE_ALIGN(nh.n_namesz);
		descsz = NOTE_ALIGN(nh.n_descsz);
		ASSERT_LE(sizeof(nh) + namesz + descsz, end - off)
			TH_LOG("note %#x runs past its PT_NOTE", nh.n_type);
		if (nh.n_namesz == sizeof("CORE") && !memcmp(name, "CORE", 5))
			parse_note(_metadata, c, nh.n_type, name + namesz,
				   nh.n_descsz, path);
		off += sizeof(nh) + namesz + descsz;
	}
}

/*
 * Read and parse the core @file of a program run from @path: an ELF64
 * ET_CORE file for this machine whose program headers and notes lie within
 * it.
 */
static void parse_core(struct __test_metadata *_metadata, const char *file,
		       const char *path, struct core *c)
{
	const struct elf64_hdr *eh = &c->eh;
	size_t phsize;
	int i;

	ASSERT_EQ(0, tiny_read_file(file, &c->buf, &c->len))
		TH_LOG("no core file %s", file);
	ASSERT_LE(sizeof(*eh), c->len);
	memcpy(&c->eh, c->buf, sizeof(c->eh));
	ASSERT_EQ(0, memcmp(eh->e_ident, ELFMAG, SELFMAG));
	ASSERT_EQ(ELFCLASS64, eh->e_ident[EI_CLASS]);
	ASSERT_EQ(ELFDATA2LSB, eh->e_ident[EI_DATA]);
	ASSERT_EQ(ET_CORE, eh->e_type);
	ASSERT_EQ(TINY_ARCH_MACHINE, eh->e_machine);
	ASSERT_EQ(sizeof(struct elf64_phdr), eh->e_phentsize);
	ASSERT_LT(0, eh->e_phnum);
	ASSERT_GE(MAX_PHDRS, eh->e_phnum);
	ASSERT_LE(eh->e_phoff, c->len);
	phsize = eh->e_phnum * sizeof(struct elf64_phdr);
	ASSERT_LE(phsize, c->len - eh->e_phoff);
	memcpy(c->ph, c->buf + eh->e_phoff, phsize);

	for (i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *ph = &c->ph[i];

		ASSERT_LE(ph->p_offset, c->len) TH_LOG("phdr %d", i);
		ASSERT_LE(ph->p_filesz, c->len - ph->p_offset)
			TH_LOG("phdr %d: the core is truncated", i);
		if (ph->p_type == PT_LOAD)
			ASSERT_LE(ph->p_filesz, ph->p_memsz);
		if (ph->p_type == PT_NOTE)
			parse_notes(_metadata, c, ph, path);
	}
}

/* The PT_LOAD whose memory holds @addr, or NULL */
static const struct elf64_phdr *load_at(const struct core *c, __u64 addr)
{
	int i;

	for (i = 0; i < c->eh.e_phnum; i++) {
		const struct elf64_phdr *ph = &c->ph[i];

		if (ph->p_type == PT_LOAD && ph->p_vaddr <= addr &&
		    addr - ph->p_vaddr < ph->p_memsz)
			return ph;
	}
	return NULL;
}

/* Whether NT_FILE lists a mapping that holds @addr */
static bool file_backed(const struct core *c, __u64 addr)
{
	int i;

	for (i = 0; i < c->nfiles; i++) {
		if (c->files[i][0] <= addr && addr < c->files[i][1])
			return true;
	}
	return false;
}

/* The [tiny] page of a live TINY_F_MAIN program, from /proc/PID/mem */
static void read_stub(struct __test_metadata *_metadata, char *page)
{
	char *path = tiny_sample("pause_main.tiny"), file[64];
	const struct tiny_map *stub = NULL;
	struct tiny_map maps[64];
	struct tiny_proc proc;
	int fd, n, i;

	ASSERT_EQ(0, tiny_pause(path, &proc));
	n = tiny_read_maps(proc.pid, maps, ARRAY_SIZE(maps));
	for (i = 0; i < n; i++) {
		if (!strcmp(maps[i].name, "[tiny]"))
			stub = &maps[i];
	}
	ASSERT_NE(NULL, stub) TH_LOG("pause_main.tiny has no [tiny] page");
	snprintf(file, sizeof(file), "/proc/%d/mem", proc.pid);
	fd = open(file, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ((ssize_t)page_size, pread(fd, page, page_size, stub->start));
	close(fd);
	tiny_kill(&proc, NULL);
	free(path);
}

/*
 * TINY_F_MAIN: the return address @ret is in the [tiny] exit stub.  The
 * stub is a special mapping, not a file's, and is dumped whole, as the
 * vDSO is: the page every TINY_F_MAIN process maps.
 */
static void check_stub(struct __test_metadata *_metadata,
		       const struct core *c, __u64 ret)
{
	const struct elf64_phdr *stub = load_at(c, ret);
	char *page;

	ASSERT_NE(NULL, stub) TH_LOG("no PT_LOAD holds %#llx", ret);
	EXPECT_EQ(0, stub->p_vaddr % page_size);
	EXPECT_EQ(page_size, stub->p_memsz);
	EXPECT_EQ(PF_R | PF_X, stub->p_flags);
	EXPECT_FALSE(file_backed(c, ret));
	ASSERT_EQ(page_size, stub->p_filesz);
	page = malloc(page_size);
	ASSERT_NE(NULL, page);
	read_stub(_metadata, page);
	EXPECT_EQ(0, memcmp(page, c->buf + stub->p_offset, page_size))
		TH_LOG("the dumped [tiny] page differs from the live one");
	free(page);
}

/*
 * The core @file is that of crash.tiny (@main_mode: crash_main.tiny), run
 * as @path with one argument by process @pid and killed by signal @sig:
 * check what it says about the process against what crash.tiny did.
 */
static void check_core(struct __test_metadata *_metadata, const char *file,
		       const char *path, pid_t pid, int sig, bool main_mode)
{
	char real[PATH_MAX], comm[sizeof(((prpsinfo_t *)0)->pr_fname) + 1];
	const struct elf64_phdr *image, *bss, *stack;
	char *tiny, *bytes, *top;
	__u64 pc, sp, bss_addr;
	struct core *c;
	size_t len, i;

	c = calloc(1, sizeof(*c));
	ASSERT_NE(NULL, c);
	ASSERT_NE(NULL, realpath(path, real));
	parse_core(_metadata, file, real, c);
	pc = c->regs[TINY_PR_PC];
	sp = c->regs[TINY_PR_SP];
	bss_addr = c->regs[TINY_PR_BSS];

	/* the registers and the signal of the one thread */
	ASSERT_EQ(1, c->nprstatus) TH_LOG("NT_PRSTATUS notes");
	EXPECT_EQ(sig, c->prstatus.pr_cursig);
	EXPECT_EQ(pid, c->prstatus.pr_pid);
	ASSERT_TRUE(c->have_siginfo) TH_LOG("no NT_SIGINFO");
	EXPECT_EQ(sig, c->si.si_signo);

	/* the file's one mapping, and the entry point right after the header */
	ASSERT_EQ(1, c->file_maps) TH_LOG("NT_FILE entries of %s", real);
	EXPECT_EQ(0, c->file_pgoff);
	EXPECT_EQ(0, c->file_start % page_size);
	ASSERT_TRUE(c->have_entry) TH_LOG("no AT_ENTRY in NT_AUXV");
	EXPECT_EQ(c->file_start + TINY_HDR_SIZE, c->entry);
	ASSERT_LE(c->file_start, pc) TH_LOG("pc %#llx", pc);
	ASSERT_GT(c->file_end, pc) TH_LOG("pc %#llx", pc);
	if (sig == SIGSEGV) {
		/* the write to _start, the first byte of code */
		EXPECT_EQ(SEGV_ACCERR, c->si.si_code);
		EXPECT_EQ(c->entry, (unsigned long)c->si.si_addr);
	} else {
		EXPECT_EQ(SI_USER, c->si.si_code);
		EXPECT_EQ(pid, c->si.si_pid);
	}
	ASSERT_TRUE(c->have_psinfo) TH_LOG("no NT_PRPSINFO");
	EXPECT_EQ(pid, c->psinfo.pr_pid);
	memcpy(comm, c->psinfo.pr_fname, sizeof(c->psinfo.pr_fname));
	comm[sizeof(c->psinfo.pr_fname)] = '\0';
	EXPECT_EQ(0, strncmp(comm, strrchr(real, '/') + 1, sizeof(comm) - 2))
		TH_LOG("pr_fname %s", comm);

	/*
	 * The image: read-only and executable, its first page dumped (the
	 * filter's "ELF headers"), which is all of crash.tiny: its bytes,
	 * then zeros.
	 */
	image = load_at(c, pc);
	ASSERT_NE(NULL, image) TH_LOG("no PT_LOAD holds pc %#llx", pc);
	EXPECT_EQ(c->file_start, image->p_vaddr);
	EXPECT_EQ(c->file_end - c->file_start, image->p_memsz);
	EXPECT_EQ(PF_R | PF_X, image->p_flags);
	ASSERT_EQ(page_size, image->p_filesz);
	ASSERT_EQ(0, tiny_read_file(real, &tiny, &len));
	ASSERT_GE(page_size, len);
	bytes = c->buf + image->p_offset;
	EXPECT_EQ(0, memcmp(tiny, bytes, len)) TH_LOG("image bytes differ");
	for (i = len; i < page_size && !bytes[i]; i++)
		;
	EXPECT_EQ(page_size, i) TH_LOG("image page not zero after the file");
	free(tiny);

	/* bss: one unit, a page, right after the image; written to, dumped */
	EXPECT_EQ(c->file_end, bss_addr);
	bss = load_at(c, bss_addr);
	ASSERT_NE(NULL, bss) TH_LOG("no PT_LOAD holds the bss %#llx", bss_addr);
	EXPECT_EQ(c->file_end, bss->p_vaddr);
	EXPECT_EQ((TINY_BSS_UNIT + page_size - 1) & ~(page_size - 1),
		  bss->p_memsz);
	EXPECT_EQ(PF_R | PF_W, bss->p_flags);
	ASSERT_EQ(bss->p_memsz, bss->p_filesz);
	EXPECT_EQ(CRASH_MARKER,
		  get32(c->buf + bss->p_offset + (bss_addr - bss->p_vaddr)));

	/*
	 * The stack, dumped: the stack pointer is where the kernel left it,
	 * at argc, above which the argument pointers are; in TINY_F_MAIN
	 * mode below that the return address into the exit stub, where the
	 * entry pushes it, else the return address is in a register.
	 */
	stack = load_at(c, sp);
	ASSERT_NE(NULL, stack) TH_LOG("no PT_LOAD holds sp %#llx", sp);
	EXPECT_EQ(PF_R | PF_W, stack->p_flags);
	ASSERT_LE(sp - stack->p_vaddr + 16, stack->p_filesz);
	top = c->buf + stack->p_offset + (sp - stack->p_vaddr);
	if (main_mode) {
		/* argc */
		EXPECT_EQ(2, get64(top + TINY_MAIN_PUSHED * 8));
#ifdef TINY_PR_RA
		check_stub(_metadata, c, c->regs[TINY_PR_RA]);
#else
		check_stub(_metadata, c, get64(top));
#endif
	} else {
		EXPECT_EQ(2, get64(top));	/* argc */
	}

	free(c->buf);
	free(c);
}

/* Set kernel.core_pattern to @dir/core.%p */
static void file_pattern(struct __test_metadata *_metadata, const char *dir)
{
	char pattern[PATTERN_MAX + 1];

	ASSERT_GT(sizeof(pattern),
		  (size_t)snprintf(pattern, sizeof(pattern), "%s/core.%%p",
				   dir));
	set_sysctl(_metadata, pattern_file, pattern);
}

/*
 * Crash @sample with core dumps to a file per kernel.core_pattern, named
 * after the pid by %p, and check the core; it must be the only file.
 */
static void dump_to_file(struct __test_metadata *_metadata, const char *dir,
			 const char *sample, const char *how, int sig,
			 bool main_mode)
{
	const struct crash_env env = { .core = RLIM_INFINITY };
	char *path = tiny_sample(sample), *core;
	struct tiny_result res;
	pid_t pid;

	file_pattern(_metadata, dir);
	crash(_metadata, path, how, &env, &res, &pid);
	ASSERT_KILLED(&res, sig);
	EXPECT_TRUE(WCOREDUMP(res.status));
	core = core_name(dir, pid);
	check_core(_metadata, core, path, pid, sig, main_mode);
	EXPECT_EQ(1, dir_entries(dir));
	free(res.out);
	free(core);
	free(path);
}

TEST_F(core, file_pattern)
{
	dump_to_file(_metadata, self->dir, "crash.tiny", variant->how,
		     variant->sig, false);
}

/*
 * TINY_F_MAIN: the same, and the return address into the exit stub on
 * the stack, and the stub's page
 */
TEST_F(core, main_mode)
{
	dump_to_file(_metadata, self->dir, "crash_main.tiny", variant->how,
		     variant->sig, true);
}

/* A core piped to the kernel.core_pattern program, a shell script here */
TEST_F(core, pipe_pattern)
{
	static const char script[] =
		"#!/bin/sh\n"
		"PATH=/bin:/usr/bin:/sbin:/usr/sbin\n"
		"cat >\"$1\" && : >\"$1.done\"\n";
	const struct crash_env env = { .core = RLIM_INFINITY };
	char *path = tiny_sample("crash.tiny"), *handler, *core, *done;
	char pattern[PATTERN_MAX + 1];
	struct tiny_result res;
	pid_t pid;

	handler = tiny_path(self->dir, "handler");
	core = tiny_path(self->dir, "pipe.core");
	ASSERT_LT(0, asprintf(&done, "%s.done", core));
	ASSERT_EQ(0, tiny_write_file(handler, script, strlen(script), 0755));
	ASSERT_GT(sizeof(pattern),
		  (size_t)snprintf(pattern, sizeof(pattern), "|%s %s",
				   handler, core));
	set_sysctl(_metadata, pattern_file, pattern);

	crash(_metadata, path, variant->how, &env, &res, &pid);
	ASSERT_KILLED(&res, variant->sig);
	EXPECT_TRUE(WCOREDUMP(res.status));
	ASSERT_TRUE(wait_for_file(done, 10000))
		TH_LOG("%s did not write %s", handler, core);
	check_core(_metadata, core, path, pid, variant->sig, false);
	free(res.out);
	free(done);
	free(core);
	free(handler);
	free(path);
}

/* RLIMIT_CORE 0: no core file; the same crash with a limit leaves one */
TEST_F(core, rlimit_core_zero)
{
	struct crash_env env = { .core = 0 };
	char *path = tiny_sample("crash.tiny"), *core;
	struct tiny_result res;
	pid_t pid;

	file_pattern(_metadata, self->dir);
	crash(_metadata, path, variant->how, &env, &res, &pid);
	ASSERT_KILLED(&res, variant->sig);
	EXPECT_FALSE(WCOREDUMP(res.status));
	EXPECT_EQ(0, dir_entries(self->dir)) TH_LOG("a core file was written");
	free(res.out);

	env.core = RLIM_INFINITY;
	crash(_metadata, path, variant->how, &env, &res, &pid);
	ASSERT_KILLED(&res, variant->sig);
	EXPECT_TRUE(WCOREDUMP(res.status));
	core = core_name(self->dir, pid);
	check_core(_metadata, core, path, pid, variant->sig, false);
	free(res.out);
	free(core);
	free(path);
}

/*
 * A setuid-root tiny program run by nobody does not dump core with
 * fs.suid_dumpable 0; with 2 it dumps one owned by root.  Its copy
 * without the setuid bit, run by nobody, dumps a core owned by nobody.
 * The copies are on a tmpfs of the test's own, mounted without nosuid in
 * a private mount namespace.
 */
TEST_F(core, setuid)
{
	const struct crash_env env = { .core = RLIM_INFINITY, .nobody = true };
	char *from = tiny_sample("crash.tiny"), *mnt, *cores, *plain, *suid;
	struct tiny_result res;
	struct stat st;
	char *core;
	pid_t pid;

	if (unshare(CLONE_NEWNS))
		SKIP(return, "no private mount namespace: %s", strerror(errno));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	mnt = tiny_path(self->dir, "mnt");
	cores = tiny_path(self->dir, "cores");
	plain = tiny_path(mnt, "crash.tiny");
	suid = tiny_path(mnt, "crash_suid.tiny");
	ASSERT_EQ(0, chmod(self->dir, 0755));
	ASSERT_EQ(0, mkdir(cores, 0777));
	ASSERT_EQ(0, chmod(cores, 0777));
	ASSERT_EQ(0, mkdir(mnt, 0755));
	ASSERT_EQ(0, mount("tmpfs", mnt, "tmpfs", 0, "mode=0755"));
	ASSERT_EQ(0, tiny_copy(from, plain, 0755));
	ASSERT_EQ(0, tiny_copy(from, suid, 0755));
	ASSERT_EQ(0, chown(plain, 0, 0));
	ASSERT_EQ(0, chown(suid, 0, 0));
	ASSERT_EQ(0, chmod(suid, 04755));
	file_pattern(_metadata, cores);
	set_sysctl(_metadata, suid_dumpable_file, "0");

	crash(_metadata, plain, variant->how, &env, &res, &pid);
	ASSERT_KILLED(&res, variant->sig);
	EXPECT_TRUE(WCOREDUMP(res.status));
	core = core_name(cores, pid);
	ASSERT_EQ(0, stat(core, &st)) TH_LOG("no %s", core);
	EXPECT_EQ(TINY_NOBODY, st.st_uid);
	EXPECT_EQ(0600, st.st_mode & 07777);
	check_core(_metadata, core, plain, pid, variant->sig, false);
	ASSERT_EQ(0, unlink(core));
	free(core);
	free(res.out);

	crash(_metadata, suid, variant->how, &env, &res, &pid);
	ASSERT_KILLED(&res, variant->sig);
	EXPECT_FALSE(WCOREDUMP(res.status));
	EXPECT_EQ(0, dir_entries(cores)) TH_LOG("a core file was written");
	free(res.out);

	set_sysctl(_metadata, suid_dumpable_file, "2");
	crash(_metadata, suid, variant->how, &env, &res, &pid);
	ASSERT_KILLED(&res, variant->sig);
	EXPECT_TRUE(WCOREDUMP(res.status));
	core = core_name(cores, pid);
	ASSERT_EQ(0, stat(core, &st)) TH_LOG("no %s", core);
	EXPECT_EQ(0, st.st_uid);
	check_core(_metadata, core, suid, pid, variant->sig, false);
	free(core);
	free(res.out);

	free(suid);
	free(plain);
	free(cores);
	free(mnt);
	free(from);
}

#else /* !TINY_ARCH_MACHINE */

TEST(arch)
{
	SKIP(return, TINY_NO_SAMPLES);
}

#endif

TEST_HARNESS_MAIN
