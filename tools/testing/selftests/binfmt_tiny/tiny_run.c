// SPDX-License-Identifier: GPL-2.0
/*
 * binfmt_tiny: run the sample tiny programs and check what they see:
 * exit status in both entry modes, output, arguments, environment,
 * auxiliary vector, registers, memory layout and protections, ASLR,
 * /proc, and exec chains with ELF programs and scripts.
 */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/auxvec.h>

#include "tiny_test.h"

#ifdef TINY_ARCH_MACHINE

#define PAGE_ALIGN(x)	(((x) + page_size - 1) & ~(page_size - 1))
/* How far brk.tiny grows the heap */
#define BRK_GROW	(64UL << 20)
/*
 * arch_randomize_brk() of a 64-bit task, x86_64's and the generic one of
 * arm64 and riscv: the break moves up by less than this
 */
#define BRK_RND_RANGE	(1024UL << 20)

static unsigned long page_size;

FIXTURE(run) {
	char dir[PATH_MAX];
	char legacy_va[16];	/* vm.legacy_va_layout to restore */
	char rvs[16];		/* kernel.randomize_va_space to restore */
};

static const char legacy_va_file[] = "/proc/sys/vm/legacy_va_layout";
static const char rvs_file[] = "/proc/sys/kernel/randomize_va_space";

FIXTURE_SETUP(run)
{
	page_size = sysconf(_SC_PAGESIZE);
	if (!tiny_available(_metadata))
		return;
	ASSERT_EQ(0, tiny_mkdtemp(self->dir, sizeof(self->dir)));
}

FIXTURE_TEARDOWN(run)
{
	tiny_kill_all();
	if (self->legacy_va[0])
		tiny_write_str(legacy_va_file, self->legacy_va);
	if (self->rvs[0])
		tiny_write_str(rvs_file, self->rvs);
	if (self->dir[0])
		tiny_rmtree(self->dir);
}

static off_t file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) ? -1 : st.st_size;
}

/* The mapping of the tiny file itself (offset 0), or NULL */
static const struct tiny_map *image_map(const struct tiny_map *maps, int n,
					const char *path)
{
	char real[PATH_MAX];
	int i;

	if (!realpath(path, real))
		return NULL;
	for (i = 0; i < n; i++) {
		if (!strcmp(maps[i].name, real) && !maps[i].off)
			return &maps[i];
	}
	return NULL;
}

static const struct tiny_map *named_map(const struct tiny_map *maps, int n,
					const char *name)
{
	int i;

	for (i = 0; i < n; i++) {
		if (!strcmp(maps[i].name, name))
			return &maps[i];
	}
	return NULL;
}

/* A copy of sample @name in @dir, with header byte @off set to @val. */
static char *patched(const char *dir, const char *name, int off, int val)
{
	char *from = tiny_sample(name), *to, *buf, tag[32];
	size_t len;

	snprintf(tag, sizeof(tag), "%s.%d.%d", name, off, val);
	to = tiny_path(dir, tag);
	if (tiny_read_file(from, &buf, &len) || len <= (size_t)off) {
		free(from);
		free(to);
		return NULL;
	}
	buf[off] = val;
	if (tiny_write_file(to, buf, len, 0755)) {
		free(to);
		to = NULL;
	}
	free(buf);
	free(from);
	return to;
}

/* The header of a sample for this architecture with @flags and @bss */
static void sample_header(char *hdr, int flags, int bss)
{
	memcpy(hdr, TINY_MAGIC, TINY_MAGIC_LEN);
	hdr[TINY_OFF_MACHINE] = TINY_ARCH_MACHINE & 0xff;
	hdr[TINY_OFF_MACHINE + 1] = TINY_ARCH_MACHINE >> 8;
	hdr[TINY_OFF_FLAGS] = flags;
	hdr[TINY_OFF_BSS] = bss;
}

/*
 * The smallest program: the header and a ret, in TINY_F_MAIN mode, which
 * exits with what main's return value register holds at entry
 */
TEST_F(run, smallest_program)
{
	char *path = tiny_sample("ret.tiny"), *buf;
	char want[TINY_HDR_SIZE + sizeof(TINY_RET_CODE) - 1];
	struct tiny_result res;
	size_t len;

	sample_header(want, TINY_F_MAIN, 0);
	memcpy(want + TINY_HDR_SIZE, TINY_RET_CODE,
	       sizeof(want) - TINY_HDR_SIZE);
	ASSERT_EQ(0, tiny_read_file(path, &buf, &len));
	ASSERT_EQ(sizeof(want), len);
	ASSERT_EQ(0, memcmp(buf, want, len));
	free(buf);
	/* argv is { path } */
	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXITED(&res, TINY_RET_STATUS(1));
	ASSERT_EQ(0, res.len);
	free(res.out);
	free(path);
}

TEST_F(run, exit42_main_return)
{
	char *path = tiny_sample("exit42.tiny"), *buf, want[TINY_HDR_SIZE];
	struct tiny_result res;
	size_t len;

	sample_header(want, TINY_F_MAIN, 0);
	ASSERT_EQ(0, tiny_read_file(path, &buf, &len));
	ASSERT_EQ(TINY_EXIT42_SIZE, len);
	ASSERT_EQ(0, memcmp(buf, want, TINY_HDR_SIZE));
	free(buf);
	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXITED(&res, 42);
	ASSERT_EQ(0, res.len);
	free(res.out);
	free(path);
}

TEST_F(run, exit_group)
{
	char *path = tiny_sample("exit_group.tiny");
	struct tiny_result res;

	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXITED(&res, 7);
	free(res.out);
	free(path);
}

TEST_F(run, hello_world)
{
	static const char hello[] = "Hello, world!\n";
	char *path = tiny_sample("hello.tiny");
	struct tiny_result res;

	ASSERT_EQ(TINY_HELLO_SIZE, file_size(path));
	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXITED(&res, 0);
	ASSERT_EQ(strlen(hello), res.len);
	ASSERT_EQ(0, memcmp(hello, res.out, res.len));
	free(res.out);
	free(path);
}

/*
 * Initialized data, pointers among them: the start-up code copies .data
 * from the image to the start of the bss and relocates it.
 */
TEST_F(run, initialized_data)
{
	static const char want[][20] = {
		"int=42\n", "array=1,-2,3,-4\n", "string=hello\n",
		"ptr_int=42\n", "ptr_str=tiny\n", "ptr_func=42\n",
		"ptr_table=two\n", "written=43\n", "bss=0\n",
	};
	char *path = tiny_sample("data.tiny");
	unsigned long base, data, image_end;
	struct tiny_result res;
	const char *p;
	size_t i;

	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXITED(&res, 42);
	for (i = 0; i < ARRAY_SIZE(want); i++)
		EXPECT_NE(NULL, strstr(res.out, want[i])) TH_LOG("no %s", want[i]);
	/* .data is at the start of the bss, the first page after the image */
	p = strstr(res.out, "base=");
	ASSERT_NE(NULL, p);
	base = strtoul(p + 5, NULL, 16);
	p = strstr(res.out, "data=");
	ASSERT_NE(NULL, p);
	data = strtoul(p + 5, NULL, 16);
	image_end = base + ((file_size(path) + getpagesize() - 1) &
			    ~(getpagesize() - 1UL));
	EXPECT_LE(image_end, data);
	EXPECT_GT(image_end + getpagesize(), data);
	free(res.out);
	free(path);
}

TEST_F(run, echo_args)
{
	char *path = tiny_sample("echo.tiny");
	char *const argv[] = { "echo", "one", "", "three", NULL };
	struct tiny_result res;

	RUN(&res, .path = path, .argv = argv);
	ASSERT_EXITED(&res, 0);
	ASSERT_STREQ("one  three\n", res.out);
	free(res.out);
	free(path);
}

TEST_F(run, cat_stdin)
{
	char *path = tiny_sample("cat.tiny"), *in = tiny_path(self->dir, "in");
	size_t i, len = 100000;
	struct tiny_result res;
	char *data = malloc(len);
	int fd;

	ASSERT_NE(NULL, data);
	for (i = 0; i < len; i++)
		data[i] = i * 7 + i / 251;
	ASSERT_EQ(0, tiny_write_file(in, data, len, 0644));
	fd = open(in, O_RDONLY);
	ASSERT_LE(0, fd);
	RUN(&res, .path = path, .stdin_fd = fd);
	close(fd);
	ASSERT_EXITED(&res, 0);
	ASSERT_EQ(len, res.len);
	ASSERT_EQ(0, memcmp(data, res.out, len));
	free(res.out);
	free(data);
	free(in);
	free(path);
}

/* What args.tiny prints for @argv and @envp */
static char *args_output(char *const *argv, char *const *envp)
{
	size_t size = 4096, len = 0;
	char *out = malloc(size);
	int argc, envc, i;

	for (argc = 0; argv[argc]; argc++)
		;
	for (envc = 0; envp[envc]; envc++)
		;
#define ADD(...) do {							\
	int __n = snprintf(out + len, size - len, __VA_ARGS__);	\
	if ((size_t)__n >= size - len) {				\
		size = (size + __n) * 2;				\
		out = realloc(out, size);				\
		if (!out)						\
			abort();					\
		snprintf(out + len, size - len, __VA_ARGS__);		\
	}								\
	len += __n;							\
} while (0)
	ADD("argc=%d\n", argc);
	for (i = 0; i < argc; i++)
		ADD("argv[%d]=%s\n", i, argv[i]);
	ADD("envc=%d\n", envc);
	for (i = 0; i < envc; i++)
		ADD("envp[%d]=%s\n", i, envp[i]);
	ADD("cmdline=ok\nenviron=ok\n");
#undef ADD
	return out;
}

static void check_args(struct __test_metadata *_metadata, char *const *argv,
		       char *const *envp)
{
	char *path = tiny_sample("args.tiny"), *expected;
	struct tiny_result res;

	expected = args_output(argv, envp);
	RUN(&res, .path = path, .argv = argv, .envp = envp);
	ASSERT_EXITED(&res, 0);
	ASSERT_EQ(strlen(expected), res.len);
	ASSERT_STREQ(expected, res.out);
	free(expected);
	free(res.out);
	free(path);
}

TEST_F(run, nolibc_args_env)
{
	char *const argv[] = { "args", "first", "second arg", "x=y", NULL };
	char *const envp[] = { "HOME=/", "EMPTY=", "PATH=/bin:/sbin", NULL };

	check_args(_metadata, argv, envp);
}

TEST_F(run, argv_empty_strings)
{
	char *const argv[] = { "", "", "middle", "", NULL };
	char *const envp[] = { "", "A=", "", NULL };

	check_args(_metadata, argv, envp);
}

TEST_F(run, argv_many)
{
	int i, n = 5000;
	char **argv = calloc(n + 1, sizeof(char *));
	char *const envp[] = { "ONE=1", NULL };

	ASSERT_NE(NULL, argv);
	for (i = 0; i < n; i++)
		ASSERT_LT(0, asprintf(&argv[i], "arg%d", i));
	check_args(_metadata, argv, envp);
	for (i = 0; i < n; i++)
		free(argv[i]);
	free(argv);
}

/* Since Linux 5.18 an empty argv becomes { "" } */
TEST_F(run, argv_null)
{
	char *const argv[] = { NULL };
	char *const expected_argv[] = { "", NULL };
	char *const envp[] = { "X=1", NULL };
	char *path = tiny_sample("args.tiny"), *expected;
	struct tiny_result res;

	expected = args_output(expected_argv, envp);
	RUN(&res, .path = path, .argv = argv, .envp = envp);
	ASSERT_EXITED(&res, 0);
	ASSERT_STREQ(expected, res.out);
	free(expected);
	free(res.out);
	free(path);
}

/*
 * Arguments and environment use at most a quarter of the stack limit
 * (at most 6 MiB, at least ARG_MAX), see fs/exec.c: fill it up to
 * within 64 KiB.
 */
static size_t arg_limit(void)
{
	struct rlimit rl;
	size_t limit = 6UL << 20;

	if (!getrlimit(RLIMIT_STACK, &rl) && rl.rlim_cur / 4 < limit)
		limit = rl.rlim_cur / 4;
	if (limit < 128 * 1024)
		limit = 128 * 1024;
	return limit;
}

TEST_F(run, env_near_arg_max)
{
	size_t limit = arg_limit(), str = 32 * 1024, total = 0;
	char *const argv[] = { "args", NULL };
	char **envp, name[16];
	int i, n;

	n = (limit - 64 * 1024) / (str + sizeof(char *));
	TH_LOG("%d environment strings of %zu bytes, limit %zu", n, str, limit);
	envp = calloc(n + 1, sizeof(char *));
	ASSERT_NE(NULL, envp);
	for (i = 0; i < n; i++) {
		envp[i] = malloc(str);
		ASSERT_NE(NULL, envp[i]);
		memset(envp[i], 'a' + i % 26, str - 1);
		envp[i][str - 1] = '\0';
		snprintf(name, sizeof(name), "E%06d=", i);
		memcpy(envp[i], name, strlen(name));
		total += str;
	}
	ASSERT_LT(limit - 128 * 1024, total + n * sizeof(char *));
	check_args(_metadata, argv, envp);
	for (i = 0; i < n; i++)
		free(envp[i]);
	free(envp);
}

TEST_F(run, proc_cmdline_environ)
{
	static const char cmdline[] = "pause\0a b\0\0c";
	static const char environ[] = "X=1\0Y=";
	char *const argv[] = { "pause", "a b", "", "c", NULL };
	char *const envp[] = { "X=1", "Y=", NULL };
	char *path = tiny_sample("pause.tiny"), file[64], *buf;
	struct tiny_cmd cmd = { .path = path, .argv = argv, .envp = envp };
	struct tiny_proc proc;
	size_t len;

	ASSERT_EQ(0, tiny_start_paused(&cmd, &proc));
	snprintf(file, sizeof(file), "/proc/%d/cmdline", proc.pid);
	ASSERT_EQ(0, tiny_read_file(file, &buf, &len));
	ASSERT_EQ(sizeof(cmdline), len);
	ASSERT_EQ(0, memcmp(cmdline, buf, len));
	free(buf);
	snprintf(file, sizeof(file), "/proc/%d/environ", proc.pid);
	ASSERT_EQ(0, tiny_read_file(file, &buf, &len));
	ASSERT_EQ(sizeof(environ), len);
	ASSERT_EQ(0, memcmp(environ, buf, len));
	free(buf);
	tiny_kill(&proc, NULL);
	free(path);
}

static void expect_at(struct __test_metadata *_metadata, const char *out,
		      int type, bool want, unsigned long val)
{
	char key[16];
	unsigned long v;
	bool found;

	snprintf(key, sizeof(key), "at_%d", type);
	found = tiny_kv(out, key, &v);
	EXPECT_EQ(true, found) TH_LOG("no auxv entry %d", type);
	if (found && want)
		EXPECT_EQ(val, v) TH_LOG("auxv entry %d", type);
}

TEST_F(run, auxv)
{
	char *path = tiny_sample("info.tiny"), buf[PATH_MAX];
	unsigned long base, entry, v;
	struct tiny_result res;

	RUN(&res, .path = path);
	ASSERT_EXITED(&res, 0);
	ASSERT_TRUE(tiny_kv(res.out, "base", &base));
	ASSERT_TRUE(tiny_kv(res.out, "entry", &entry));
	ASSERT_EQ(base + TINY_HDR_SIZE, entry);
	ASSERT_EQ(0, base % page_size);

	expect_at(_metadata, res.out, AT_PAGESZ, true, page_size);
	expect_at(_metadata, res.out, AT_ENTRY, true, entry);
	expect_at(_metadata, res.out, AT_SECURE, true, 0);
	expect_at(_metadata, res.out, AT_UID, true, getuid());
	expect_at(_metadata, res.out, AT_EUID, true, geteuid());
	expect_at(_metadata, res.out, AT_GID, true, getgid());
	expect_at(_metadata, res.out, AT_EGID, true, getegid());
	expect_at(_metadata, res.out, AT_HWCAP, false, 0);
	expect_at(_metadata, res.out, AT_FLAGS, false, 0);
	expect_at(_metadata, res.out, AT_RANDOM, false, 0);
	expect_at(_metadata, res.out, AT_EXECFN, false, 0);

	ASSERT_TRUE(tiny_kv_str(res.out, "random", buf, sizeof(buf)));
	ASSERT_EQ(32, strlen(buf));
	ASSERT_NE(0, strcmp(buf, "00000000000000000000000000000000"));
	ASSERT_TRUE(tiny_kv_str(res.out, "execfn", buf, sizeof(buf)));
	ASSERT_STREQ(path, buf);
	ASSERT_TRUE(tiny_kv_str(res.out, "procauxv", buf, sizeof(buf)));
	ASSERT_STREQ("ok", buf);
	/* the vDSO, where the architecture needs it (see the vdso test) */
	ASSERT_EQ(TINY_ARCH_VDSO, tiny_kv(res.out, "at_33", &v));
	if (TINY_ARCH_VDSO)
		ASSERT_EQ(0, v % page_size);
	free(res.out);
	free(path);
}

TEST_F(run, auxv_proc_pid)
{
	char *path = tiny_sample("pause.tiny");
	const struct tiny_map *image;
	struct tiny_map maps[64];
	unsigned long auxv[256];
	struct tiny_proc proc;
	bool found;
	int n;

	ASSERT_EQ(0, tiny_pause(path, &proc));
	n = tiny_read_maps(proc.pid, maps, 64);
	ASSERT_LT(0, n);
	image = image_map(maps, n, path);
	ASSERT_NE(NULL, image);
	ASSERT_LT(2, tiny_read_auxv(proc.pid, auxv, 256));
	ASSERT_EQ(image->start + TINY_HDR_SIZE,
		  tiny_auxv_get(auxv, AT_ENTRY, &found));
	ASSERT_TRUE(found);
	ASSERT_EQ(page_size, tiny_auxv_get(auxv, AT_PAGESZ, &found));
	ASSERT_TRUE(found);
	tiny_kill(&proc, NULL);
	free(path);
}

/*
 * The vDSO as the architecture needs it: none on x86_64, where a tiny
 * program makes its system calls itself and returns from its signal
 * handlers through the SA_RESTORER it provides; elsewhere the kernel
 * returns from a signal handler through the vDSO, which is mapped as for a
 * static ELF: its data ([vvar]) and its code ([vdso], once, where
 * AT_SYSINFO_EHDR points).
 */
TEST_F(run, vdso)
{
	char *path = tiny_sample("pause_main.tiny");
	const struct tiny_map *vdso = NULL;
	unsigned long auxv[256], ehdr;
	struct tiny_map maps[64];
	struct tiny_proc proc;
	int i, n, nvdso = 0, nvvar = 0, nother = 0;
	bool found;

	ASSERT_EQ(0, tiny_pause(path, &proc));
	n = tiny_read_maps(proc.pid, maps, 64);
	ASSERT_LT(0, n);
	for (i = 0; i < n; i++) {
		if (!tiny_vdso_map(&maps[i]))
			continue;
		TH_LOG("%lx-%lx %s %s", maps[i].start, maps[i].end,
		       maps[i].perms, maps[i].name);
		if (!strcmp(maps[i].name, "[vdso]")) {
			vdso = &maps[i];
			nvdso++;
		} else if (!strncmp(maps[i].name, "[vvar", 5)) {
			nvvar++;
		} else {
			nother++;
		}
	}
	ASSERT_LT(2, tiny_read_auxv(proc.pid, auxv, 256));
	ehdr = tiny_auxv_get(auxv, AT_SYSINFO_EHDR, &found);
	tiny_kill(&proc, NULL);
	free(path);
	EXPECT_EQ(TINY_ARCH_VDSO, nvdso);
	EXPECT_EQ(TINY_ARCH_VDSO, nvvar > 0);
	EXPECT_EQ(0, nother);
	ASSERT_EQ(TINY_ARCH_VDSO, found);
	if (vdso) {
		EXPECT_EQ(vdso->start, ehdr);
		EXPECT_STREQ("r-xp", vdso->perms);
	}
}

static void read_regs(struct __test_metadata *_metadata, int fd,
		      struct tiny_regs *regs)
{
	size_t len = 0;
	ssize_t n;

	while (len < sizeof(*regs)) {
		n = read(fd, (char *)regs + len, sizeof(*regs) - len);
		ASSERT_LT(0, n);
		len += n;
	}
}

/* Check plain-mode entry state, as dumped by regs.tiny */
static void check_plain_regs(struct __test_metadata *_metadata,
			     const struct tiny_regs *regs, unsigned long argc)
{
	int i;

	for (i = 0; i < TINY_NGPR; i++) {
		if (i != TINY_GPR_SP)
			EXPECT_EQ(0, regs->gpr[i])
				TH_LOG("%s", tiny_gpr_name(i));
	}
	ASSERT_EQ(0, regs->gpr[TINY_GPR_SP] % 16);
#ifdef TINY_FLAGS_CLEAR
	ASSERT_EQ(0, regs->flags & TINY_FLAGS_CLEAR);
#endif
	ASSERT_EQ(argc, regs->stack[0]);
	for (i = 1; i <= argc; i++)
		ASSERT_LT(regs->gpr[TINY_GPR_SP], regs->stack[i]);
	ASSERT_EQ(0, regs->stack[argc + 1]);
}

/* The registers a TINY_F_MAIN entry sets, besides the stack pointer */
static bool main_gpr(int i)
{
#ifdef TINY_GPR_MAIN
	if (i == TINY_GPR_MAIN)
		return true;
#endif
#ifdef TINY_GPR_RA
	if (i == TINY_GPR_RA)
		return true;
#endif
	return i == TINY_GPR_ARGC || i == TINY_GPR_ARGV || i == TINY_GPR_ENVP;
}

TEST_F(run, regs_plain)
{
	char *path = tiny_sample("regs.tiny");
	char *const argv[] = { "regs", "x", NULL };
	struct tiny_result res;
	struct tiny_regs regs;

	RUN(&res, .path = path, .argv = argv);
	ASSERT_EXITED(&res, 0);
	ASSERT_EQ(sizeof(regs), res.len);
	memcpy(&regs, res.out, sizeof(regs));
	check_plain_regs(_metadata, &regs, 2);
	free(res.out);
	free(path);
}

TEST_F(run, regs_main)
{
	char *path = tiny_sample("regs_main.tiny");
	char *const argv[] = { "regs_main", "a", "b", NULL };
	char *const envp[] = { "E=1", NULL };
	struct tiny_cmd cmd = { .path = path, .argv = argv, .envp = envp,
				.stdin_pipe = true };
	unsigned long argc, ret;
	const unsigned long *block;
	const struct tiny_map *m;
	struct tiny_map maps[64];
	struct tiny_result res;
	struct tiny_regs regs;
	struct tiny_proc proc;
	int i, n;

	ASSERT_EQ(0, tiny_spawn(&cmd, &proc));
	read_regs(_metadata, proc.out, &regs);
	n = tiny_read_maps(proc.pid, maps, 64);
	ASSERT_LT(0, n);

	/* the SysV block, above the return address where that is pushed */
	argc = regs.gpr[TINY_GPR_SP] + TINY_MAIN_PUSHED * sizeof(long);
	block = regs.stack + TINY_MAIN_PUSHED;
	EXPECT_EQ(0, argc % 16);
	EXPECT_EQ(3, regs.gpr[TINY_GPR_ARGC]);
	EXPECT_EQ(argc + 8, regs.gpr[TINY_GPR_ARGV]);
	EXPECT_EQ(argc + 8 + 4 * 8, regs.gpr[TINY_GPR_ENVP]);
	for (i = 0; i < TINY_NGPR; i++) {
		if (i != TINY_GPR_SP && !main_gpr(i))
			EXPECT_EQ(0, regs.gpr[i])
				TH_LOG("%s", tiny_gpr_name(i));
	}
#ifdef TINY_GPR_MAIN
	/* main's address, for the code in the [tiny] page that calls it */
	m = image_map(maps, n, path);
	ASSERT_NE(NULL, m);
	EXPECT_EQ(m->start + TINY_HDR_SIZE, regs.gpr[TINY_GPR_MAIN]);
#endif
#ifdef TINY_FLAGS_CLEAR
	EXPECT_EQ(0, regs.flags & TINY_FLAGS_CLEAR);
#endif
	EXPECT_EQ(3, block[0]);
	EXPECT_EQ(0, block[4]);
	EXPECT_EQ(0, block[6]);
	/* the return address is in the kernel's exit stub */
#ifdef TINY_GPR_RA
	ret = regs.gpr[TINY_GPR_RA];
#else
	ret = regs.stack[0];
#endif
	m = tiny_find_map(maps, n, ret);
	ASSERT_NE(NULL, m) TH_LOG("return address %#lx", ret);
	EXPECT_STREQ("[tiny]", m->name);
	EXPECT_STREQ("r-xp", m->perms);

	/* main() returns argc + 100: the stub exits with it */
	close(proc.in);
	proc.in = -1;
	ASSERT_EQ(0, tiny_wait(&proc, &res));
	ASSERT_EXITED(&res, 103);
	free(res.out);
	free(path);
}

TEST_F(run, bss_zeroed_writable)
{
	char *path = tiny_sample("bss.tiny");
	static const int units[] = { 1, 3, 16, 100 };
	struct tiny_result res;
	size_t i;

	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXITED(&res, 0);
	free(res.out);
	for (i = 0; i < ARRAY_SIZE(units); i++) {
		char *p = patched(self->dir, "bss.tiny", TINY_OFF_BSS,
				  units[i]);

		ASSERT_NE(NULL, p);
		TH_LOG("bss %d", units[i]);
		ASSERT_EQ(0, tiny_run_path(p, &res));
		ASSERT_EXITED(&res, 0);
		free(res.out);
		free(p);
	}
	free(path);
}

TEST_F(run, bss_255_units)
{
	char *p = patched(self->dir, "bss.tiny", TINY_OFF_BSS, 255);
	struct tiny_result res;

	ASSERT_NE(NULL, p);
	ASSERT_EQ(0, tiny_run_path(p, &res));
	ASSERT_EXITED(&res, 0);
	free(res.out);
	free(p);
}

/* A write just past the end of bss faults, also when there is no bss */
TEST_F(run, bss_end_faults)
{
	static const int units[] = { 2, 5, 0 };
	struct tiny_result res;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(units); i++) {
		char *p = patched(self->dir, "bss.tiny", TINY_OFF_BSS,
				  units[i]);
		char *const argv[] = { "bss", "past-end", NULL };

		ASSERT_NE(NULL, p);
		TH_LOG("bss %d", units[i]);
		RUN(&res, .path = p, .argv = argv);
		ASSERT_KILLED(&res, SIGSEGV);
		free(res.out);
		free(p);
	}
}

static void check_layout(struct __test_metadata *_metadata, const char *name,
			 unsigned long bss_units, bool main_mode,
			 unsigned long fixed_base)
{
	char *path = tiny_sample(name);
	const struct tiny_map *image, *bss, *m;
	unsigned long image_end, size = file_size(path);
	struct tiny_map maps[64];
	struct tiny_proc proc;
	struct stat st;
	int i, n;

	ASSERT_EQ(0, stat(path, &st));
	ASSERT_EQ(0, tiny_pause(path, &proc));
	n = tiny_read_maps(proc.pid, maps, 64);
	ASSERT_LT(0, n);
	for (i = 0; i < n; i++)
		TH_LOG("%lx-%lx %s %lx %lu %s", maps[i].start, maps[i].end,
		       maps[i].perms, maps[i].off, maps[i].ino, maps[i].name);

	image = image_map(maps, n, path);
	ASSERT_NE(NULL, image);
	ASSERT_STREQ("r-xp", image->perms);
	ASSERT_EQ(st.st_ino, image->ino);
	if (fixed_base)
		ASSERT_EQ(fixed_base, image->start);
	image_end = image->start + PAGE_ALIGN(size);
	ASSERT_EQ(image_end, image->end);

	bss = tiny_find_map(maps, n, image_end);
	if (bss_units) {
		ASSERT_NE(NULL, bss);
		ASSERT_EQ(image_end, bss->start);
		ASSERT_EQ(image_end + PAGE_ALIGN(bss_units * TINY_BSS_UNIT),
			  bss->end);
		ASSERT_STREQ("rw-p", bss->perms);
		ASSERT_EQ(0, bss->ino);
	}

	m = named_map(maps, n, "[stack]");
	ASSERT_NE(NULL, m);
	ASSERT_STREQ("rw-p", m->perms);

	m = named_map(maps, n, "[tiny]");
	if (main_mode) {
		ASSERT_NE(NULL, m);
		ASSERT_STREQ("r-xp", m->perms);
	}

	for (i = 0; i < n; i++) {
		EXPECT_FALSE(maps[i].perms[1] == 'w' && maps[i].perms[2] == 'x')
			TH_LOG("writable and executable: %s", maps[i].name);
	}
	tiny_kill(&proc, NULL);
	free(path);
}

TEST_F(run, maps_plain)
{
	check_layout(_metadata, "pause.tiny", 3, false, 0);
}

TEST_F(run, maps_main)
{
	check_layout(_metadata, "pause_main.tiny", 3, true, 0);
}

TEST_F(run, maps_fixed)
{
	check_layout(_metadata, "pause_fixed.tiny", 1, false, TINY_FIXED_BASE);
}

TEST_F(run, fixed_address)
{
	char *path = tiny_sample("fixed.tiny");
	struct tiny_result res;

	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXITED(&res, 0);
	ASSERT_STREQ("fixed at 0x10000\n", res.out);
	free(res.out);
	free(path);
}

TEST_F(run, fixed_main_flags)
{
	char *p = patched(self->dir, "exit42.tiny", TINY_OFF_FLAGS,
			  TINY_F_FIXED | TINY_F_MAIN);
	struct tiny_result res;

	ASSERT_NE(NULL, p);
	ASSERT_EQ(0, tiny_run_path(p, &res));
	ASSERT_EXITED(&res, 42);
	free(res.out);
	free(p);
}

TEST_F(run, brk_grow_shrink)
{
	char *path = tiny_sample("brk.tiny");
	struct tiny_result res;

	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXITED(&res, 0);
	ASSERT_EQ(sizeof(long), res.len);
	free(res.out);
	free(path);
}

static int limit_data(void *arg)
{
	struct rlimit rl = { .rlim_cur = (unsigned long)arg,
			     .rlim_max = (unsigned long)arg };

	return setrlimit(RLIMIT_DATA, &rl) ? -errno : 0;
}

TEST_F(run, brk_rlimit_data)
{
	char *path = tiny_sample("brk.tiny");
	struct tiny_result res;

	RUN(&res, .path = path, .prepare = limit_data,
	    .arg = (void *)(16UL << 20));
	ASSERT_EXITED(&res, 2);
	free(res.out);
	free(path);
}

static int aslr_mode(void)
{
	char *buf;
	size_t len;
	int v;

	if (tiny_read_file("/proc/sys/kernel/randomize_va_space", &buf, &len))
		return -1;
	v = atoi(buf);
	free(buf);
	return v;
}

static int no_randomize(void *arg)
{
	int pers = personality(0xffffffff);

	if (pers < 0 || personality(pers | ADDR_NO_RANDOMIZE) < 0)
		return -errno;
	return 0;
}

#define RUNS 4

static void info_layout(struct __test_metadata *_metadata, bool randomize,
			unsigned long *base, unsigned long *sp,
			unsigned long *brk)
{
	char *path = tiny_sample("info.tiny");
	char *const argv[] = { "info", NULL };
	struct tiny_result res;
	int i;

	for (i = 0; i < RUNS; i++) {
		RUN(&res, .path = path, .argv = argv,
		    .prepare = randomize ? NULL : no_randomize);
		ASSERT_EXITED(&res, 0);
		ASSERT_TRUE(tiny_kv(res.out, "base", &base[i]));
		ASSERT_TRUE(tiny_kv(res.out, "sp", &sp[i]));
		ASSERT_TRUE(tiny_kv(res.out, "brk", &brk[i]));
		TH_LOG("base %#lx sp %#lx brk %#lx", base[i], sp[i], brk[i]);
		free(res.out);
	}
	free(path);
}

static int distinct(const unsigned long *v)
{
	int i, j, n = 0;

	for (i = 0; i < RUNS; i++) {
		for (j = 0; j < i && v[j] != v[i]; j++)
			;
		n += j == i;
	}
	return n;
}

TEST_F(run, aslr_randomized)
{
	unsigned long base[RUNS], sp[RUNS], brk[RUNS];
	int rvs = aslr_mode();

	if (rvs <= 0)
		SKIP(return, "ASLR is off (randomize_va_space %d)", rvs);
	info_layout(_metadata, true, base, sp, brk);
	ASSERT_LT(1, distinct(base));
	ASSERT_LT(1, distinct(sp));
	if (rvs >= 2)
		ASSERT_LT(1, distinct(brk));
}

TEST_F(run, aslr_disabled_stable)
{
	unsigned long base[RUNS], sp[RUNS], brk[RUNS];

	info_layout(_metadata, false, base, sp, brk);
	ASSERT_EQ(1, distinct(base));
	ASSERT_EQ(1, distinct(sp));
	ASSERT_EQ(1, distinct(brk));
}

/* A prepare callback: exec with these personality(2) flags added */
static int add_personality(void *arg)
{
	int pers = personality(0xffffffff);

	if (pers < 0 || personality(pers | (unsigned long)arg) < 0)
		return -errno;
	return 0;
}

/* The state letter in /proc/PID/stat (R, S, ...), or 0 */
static char proc_state(pid_t pid)
{
	char path[64], *buf, *p, c = 0;
	size_t len;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (tiny_read_file(path, &buf, &len))
		return 0;
	p = strrchr(buf, ')');
	if (p && p[1] == ' ')
		c = p[2];
	free(buf);
	return c;
}

/*
 * Start sample @name, a program that sleeps in pause(2) (bench_pause*
 * tell nobody when they are there), with personality flags @pers, and
 * read its /proc/PID/stat once it sleeps: its exec is over then.  Returns
 * 0, a positive exec errno or a negative errno.
 */
static int paused_stat(const char *name, unsigned long pers,
		       struct tiny_proc *proc, struct tiny_stat *st)
{
	char *path = tiny_sample(name);
	struct tiny_cmd cmd = { .path = path, .prepare = add_personality,
				.arg = (void *)pers };
	int i, ret;

	ret = tiny_spawn(&cmd, proc);
	free(path);
	if (ret)
		return ret;
	for (i = 0; proc_state(proc->pid) != 'S'; i++) {
		if (i == 10000)
			return -ETIMEDOUT;
		usleep(1000);
	}
	return tiny_read_stat(proc->pid, st);
}

/*
 * Where binfmt_elf puts the heap of a static PIE (ELF_ET_DYN_BASE, see
 * load_elf_binary()) for a process with personality flags @pers, without
 * randomization.
 */
static void static_pie_brk(struct __test_metadata *_metadata,
			   unsigned long pers, unsigned long *brk)
{
	struct tiny_proc proc;
	struct tiny_stat st;

	ASSERT_EQ(0, paused_stat("bench_pause_pie.elf",
				 pers | ADDR_NO_RANDOMIZE, &proc, &st));
	tiny_kill(&proc, NULL);
	ASSERT_NE(0, st.start_brk);
	*brk = st.start_brk;
}

/*
 * The heap of a tiny binary without TINY_F_FIXED starts where a static
 * PIE's does, away from the mmap area that holds its image, bss and exit
 * stub.
 */
TEST_F(run, brk_static_pie_base)
{
	static const char *const names[] = { "pause.tiny", "pause_main.tiny" };
	struct tiny_map maps[64];
	struct tiny_proc proc;
	struct tiny_stat st;
	unsigned long base;
	size_t i;
	int n;

	static_pie_brk(_metadata, 0, &base);
	TH_LOG("static PIE: start_brk %#lx", base);
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		ASSERT_EQ(0, paused_stat(names[i], ADDR_NO_RANDOMIZE, &proc,
					 &st));
		n = tiny_read_maps(proc.pid, maps, 64);
		ASSERT_LT(0, n);
		tiny_kill(&proc, NULL);
		TH_LOG("%s: start_brk %#lx", names[i], st.start_brk);
		EXPECT_EQ(base, st.start_brk);
		EXPECT_EQ(NULL, tiny_find_map(maps, n, st.start_brk));
	}
}

/* The end of pause_fixed.tiny's bss (1 unit) */
static unsigned long fixed_bss_end(void)
{
	char *path = tiny_sample("pause_fixed.tiny");
	unsigned long end;

	end = TINY_FIXED_BASE + PAGE_ALIGN(file_size(path)) +
	      PAGE_ALIGN(TINY_BSS_UNIT);
	free(path);
	return end;
}

/* A TINY_F_FIXED binary's heap follows its bss, as an ELF ET_EXEC's does */
TEST_F(run, brk_fixed_after_bss)
{
	struct tiny_proc proc;
	struct tiny_stat st;

	ASSERT_EQ(0, paused_stat("pause_fixed.tiny", ADDR_NO_RANDOMIZE, &proc,
				 &st));
	tiny_kill(&proc, NULL);
	ASSERT_EQ(fixed_bss_end(), st.start_brk);
}

/* ... after a guard page, randomized, with randomize_va_space 2 */
TEST_F(run, brk_fixed_randomized)
{
	unsigned long brk[RUNS], low = fixed_bss_end() + page_size;
	int i, rvs = aslr_mode();
	struct tiny_proc proc;
	struct tiny_stat st;

	if (rvs != 2)
		SKIP(return, "brk not randomized (randomize_va_space %d)", rvs);
	for (i = 0; i < RUNS; i++) {
		ASSERT_EQ(0, paused_stat("pause_fixed.tiny", 0, &proc, &st));
		tiny_kill(&proc, NULL);
		TH_LOG("start_brk %#lx", st.start_brk);
		ASSERT_LE(low, st.start_brk);
		ASSERT_GT(low + BRK_RND_RANGE, st.start_brk);
		brk[i] = st.start_brk;
	}
	ASSERT_LT(1, distinct(brk));
}

/*
 * The initial break of brk.tiny or brk_main.tiny, run with personality
 * flags @pers; the program must exit 0: the heap grew by 64 MiB, and a
 * 1 MiB mmap() did not land in it.
 */
static void run_brk(struct __test_metadata *_metadata, const char *name,
		    unsigned long pers, unsigned long *brk)
{
	char *path = tiny_sample(name);
	struct tiny_result res;

	RUN(&res, .path = path, .prepare = add_personality,
	    .arg = (void *)pers);
	free(path);
	ASSERT_EXITED(&res, 0);
	ASSERT_EQ(sizeof(*brk), res.len);
	memcpy(brk, res.out, sizeof(*brk));
	free(res.out);
}

/*
 * The heap grows in both mmap layouts, with and without randomization, in
 * both entry modes, from where a static PIE's starts.
 */
FIXTURE(brk_layout) {};

FIXTURE_VARIANT(brk_layout) {
	const char *name;	/* brk.tiny or brk_main.tiny */
	bool bottom_up;		/* ADDR_COMPAT_LAYOUT: the legacy layout */
	bool aslr;		/* else ADDR_NO_RANDOMIZE */
};

#define LAYOUT(n, b, a)	{ .name = (n), .bottom_up = (b), .aslr = (a) }

FIXTURE_VARIANT_ADD(brk_layout, topdown_aslr_plain)
	LAYOUT("brk.tiny", false, true);
FIXTURE_VARIANT_ADD(brk_layout, topdown_aslr_main)
	LAYOUT("brk_main.tiny", false, true);
FIXTURE_VARIANT_ADD(brk_layout, topdown_noaslr_plain)
	LAYOUT("brk.tiny", false, false);
FIXTURE_VARIANT_ADD(brk_layout, topdown_noaslr_main)
	LAYOUT("brk_main.tiny", false, false);
FIXTURE_VARIANT_ADD(brk_layout, bottomup_aslr_plain)
	LAYOUT("brk.tiny", true, true);
FIXTURE_VARIANT_ADD(brk_layout, bottomup_aslr_main)
	LAYOUT("brk_main.tiny", true, true);
FIXTURE_VARIANT_ADD(brk_layout, bottomup_noaslr_plain)
	LAYOUT("brk.tiny", true, false);
FIXTURE_VARIANT_ADD(brk_layout, bottomup_noaslr_main)
	LAYOUT("brk_main.tiny", true, false);

FIXTURE_SETUP(brk_layout)
{
	page_size = sysconf(_SC_PAGESIZE);
	tiny_available(_metadata);
}

FIXTURE_TEARDOWN(brk_layout)
{
	tiny_kill_all();
}

TEST_F(brk_layout, grow_then_mmap)
{
	unsigned long pers = variant->bottom_up ? ADDR_COMPAT_LAYOUT : 0;
	unsigned long base, brk;
	int rvs = aslr_mode();

	if (variant->aslr && rvs != 2)
		SKIP(return, "brk not randomized (randomize_va_space %d)", rvs);
	run_brk(_metadata, variant->name,
		variant->aslr ? pers : pers | ADDR_NO_RANDOMIZE, &brk);
	static_pie_brk(_metadata, pers, &base);
	TH_LOG("initial break %#lx, a static PIE's %#lx", brk, base);
	ASSERT_EQ(0, brk % page_size);
	if (variant->aslr) {
		ASSERT_LE(base, brk);
		ASSERT_GT(base + BRK_RND_RANGE, brk);
	} else {
		ASSERT_EQ(base, brk);
	}
}

/*
 * vm.legacy_va_layout = 1 puts every process in the bottom-up layout: the
 * heap of a TINY_F_MAIN program grows all the same.
 */
TEST_F(run, brk_legacy_va_layout)
{
	unsigned long base, brk;
	char *buf, old[16];
	size_t len;
	int ret;

	if (tiny_read_file(legacy_va_file, &buf, &len))
		SKIP(return, "no %s", legacy_va_file);
	snprintf(old, sizeof(old), "%s", buf);
	free(buf);
	ret = tiny_write_str(legacy_va_file, "1");
	if (ret == -EACCES || ret == -EPERM)
		SKIP(return, "cannot write %s: %s", legacy_va_file,
		     strerror(-ret));
	ASSERT_EQ(0, ret);
	/* the teardown restores it */
	memcpy(self->legacy_va, old, sizeof(old));

	run_brk(_metadata, "brk_main.tiny", ADDR_NO_RANDOMIZE, &brk);
	static_pie_brk(_metadata, 0, &base);
	ASSERT_EQ(base, brk);
}

/*
 * kernel.randomize_va_space @value for the rest of the test (the teardown
 * restores it): 0 if it is set, else a SKIP reason.
 */
static const char *set_rvs(struct __test_metadata *_metadata, char *save,
			   const char *value)
{
	char *buf;
	size_t len;
	int ret;

	if (tiny_read_file(rvs_file, &buf, &len))
		return "no randomize_va_space";
	if (!save[0])
		snprintf(save, 16, "%s", buf);
	free(buf);
	ret = tiny_write_str(rvs_file, value);
	if (ret == -EACCES || ret == -EPERM)
		return "cannot write randomize_va_space";
	EXPECT_EQ(0, ret);
	return ret ? "cannot write randomize_va_space" : NULL;
}

/*
 * randomize_va_space 1 randomizes the stack and the mmap area but not the
 * heap, and 0 nothing, as for ELF: the heap starts where a static PIE's
 * does, and a TINY_F_FIXED binary's right after its bss (no guard page).
 */
static void brk_not_randomized(struct __test_metadata *_metadata,
			       char *save, const char *value)
{
	unsigned long base[RUNS], sp[RUNS], brk[RUNS], pie;
	struct tiny_proc proc;
	struct tiny_stat st;
	const char *why;

	why = set_rvs(_metadata, save, value);
	if (why)
		SKIP(return, "%s", why);
	ASSERT_EQ(0, paused_stat("bench_pause_pie.elf", 0, &proc, &st));
	tiny_kill(&proc, NULL);
	pie = st.start_brk;
	TH_LOG("randomize_va_space %s: static PIE start_brk %#lx", value, pie);

	info_layout(_metadata, true, base, sp, brk);
	ASSERT_EQ(1, distinct(brk));
	ASSERT_EQ(pie, brk[0]);
	/* the base is randomized with 1, not with 0 */
	ASSERT_EQ(value[0] == '0', distinct(base) == 1);

	ASSERT_EQ(0, paused_stat("pause_fixed.tiny", 0, &proc, &st));
	tiny_kill(&proc, NULL);
	ASSERT_EQ(fixed_bss_end(), st.start_brk);
}

TEST_F(run, brk_randomize_va_space_1)
{
	brk_not_randomized(_metadata, self->rvs, "1");
}

TEST_F(run, randomize_va_space_0)
{
	brk_not_randomized(_metadata, self->rvs, "0");
}

/* Runs the sample @name, which must be killed by @sig. */
static void sample_killed(struct __test_metadata *_metadata, const char *name,
			  int sig)
{
	char *path = tiny_sample(name);
	struct tiny_result res;

	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_KILLED(&res, sig);
	free(res.out);
	free(path);
}

TEST_F(run, write_image_segv)
{
	sample_killed(_metadata, "selfwrite.tiny", SIGSEGV);
}

TEST_F(run, exec_bss_segv)
{
	sample_killed(_metadata, "jmp_bss.tiny", SIGSEGV);
}

TEST_F(run, exec_stack_segv)
{
	sample_killed(_metadata, "jmp_stack.tiny", SIGSEGV);
}

static int read_implies_exec(void *arg)
{
	int pers = personality(0xffffffff);

	if (pers < 0 || personality(pers | READ_IMPLIES_EXEC) < 0)
		return -errno;
	return 0;
}

/* A tiny binary never runs with READ_IMPLIES_EXEC, even if inherited */
TEST_F(run, read_implies_exec_dropped)
{
	char *path = tiny_sample("pause.tiny"), file[64], *buf;
	struct tiny_cmd cmd = { .path = path, .prepare = read_implies_exec };
	struct tiny_map maps[64];
	struct tiny_proc proc;
	unsigned long pers;
	size_t len;
	int i, n;

	ASSERT_EQ(0, tiny_start_paused(&cmd, &proc));
	snprintf(file, sizeof(file), "/proc/%d/personality", proc.pid);
	ASSERT_EQ(0, tiny_read_file(file, &buf, &len));
	pers = strtoul(buf, NULL, 16);
	free(buf);
	EXPECT_EQ(0, pers & READ_IMPLIES_EXEC);
	n = tiny_read_maps(proc.pid, maps, 64);
	ASSERT_LT(0, n);
	for (i = 0; i < n; i++) {
		if (maps[i].perms[0] == 'r' && maps[i].perms[1] == 'w')
			EXPECT_EQ('-', maps[i].perms[2])
				TH_LOG("%s %s", maps[i].perms, maps[i].name);
	}
	tiny_kill(&proc, NULL);
	free(path);
}

TEST_F(run, proc_exe)
{
	char *path = tiny_sample("pause.tiny"), real[PATH_MAX], exe[PATH_MAX];
	struct tiny_proc proc;
	char file[64];
	ssize_t len;

	ASSERT_NE(NULL, realpath(path, real));
	ASSERT_EQ(0, tiny_pause(path, &proc));
	snprintf(file, sizeof(file), "/proc/%d/exe", proc.pid);
	len = readlink(file, exe, sizeof(exe) - 1);
	ASSERT_LT(0, len);
	exe[len] = '\0';
	ASSERT_STREQ(real, exe);
	tiny_kill(&proc, NULL);
	free(path);
}

TEST_F(run, proc_stat_layout)
{
	char *path = tiny_sample("pause.tiny");
	unsigned long size = file_size(path), image_end, bss_end;
	const struct tiny_map *image, *stack;
	struct tiny_map maps[64];
	struct tiny_proc proc;
	struct tiny_stat st;
	int i, n;

	ASSERT_EQ(0, tiny_pause(path, &proc));
	n = tiny_read_maps(proc.pid, maps, 64);
	ASSERT_LT(0, n);
	image = image_map(maps, n, path);
	ASSERT_NE(NULL, image);
	stack = named_map(maps, n, "[stack]");
	ASSERT_NE(NULL, stack);
	ASSERT_EQ(0, tiny_read_stat(proc.pid, &st));
	TH_LOG("code %#lx-%#lx data %#lx-%#lx brk %#lx stack %#lx",
	       st.start_code, st.end_code, st.start_data, st.end_data,
	       st.start_brk, st.start_stack);

	image_end = image->start + PAGE_ALIGN(size);
	/* pause.tiny: bss 3 */
	bss_end = image_end + PAGE_ALIGN(3 * TINY_BSS_UNIT);
	EXPECT_EQ(image->start, st.start_code);
	EXPECT_LT(image->start + TINY_HDR_SIZE, st.end_code);
	EXPECT_GE(image->start + size, st.end_code);
	EXPECT_LE(st.start_code, st.start_data);
	EXPECT_LE(st.start_data, st.end_data);
	EXPECT_GE(bss_end, st.end_data);
	/*
	 * Not after the bss: where a static PIE's heap is, with room to
	 * grow (brk_static_pie_base checks the address)
	 */
	for (i = 0; i < n; i++) {
		EXPECT_FALSE(maps[i].start < st.start_brk + BRK_GROW &&
			     maps[i].end > st.start_brk)
			TH_LOG("%lx-%lx %s in the heap's first 64 MiB",
			       maps[i].start, maps[i].end, maps[i].name);
	}
	EXPECT_LE(stack->start, st.start_stack);
	EXPECT_GT(stack->end, st.start_stack);
	EXPECT_LE(stack->start, st.arg_start);
	EXPECT_EQ(strlen(path) + 1, st.arg_end - st.arg_start);
	EXPECT_EQ(st.arg_end, st.env_start);
	EXPECT_EQ(st.env_start, st.env_end);	/* empty environment */
	EXPECT_GE(stack->end, st.env_end);
	tiny_kill(&proc, NULL);
	free(path);
}

TEST_F(run, execveat_empty_path)
{
	char *path = tiny_sample("exit42.tiny");
	struct tiny_result res;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	RUN(&res, .path = "", .how = TINY_EXECVEAT, .fd = fd,
	    .flags = AT_EMPTY_PATH);
	ASSERT_EXITED(&res, 42);
	free(res.out);
	close(fd);

	fd = open(path, O_PATH | O_CLOEXEC);
	ASSERT_LE(0, fd);
	RUN(&res, .path = "", .how = TINY_EXECVEAT, .fd = fd,
	    .flags = AT_EMPTY_PATH);
	ASSERT_EXITED(&res, 42);
	free(res.out);
	close(fd);
	free(path);
}

TEST_F(run, execveat_dirfd)
{
	struct tiny_result res;
	int fd;

	fd = open(tiny_dir(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	RUN(&res, .path = "exit42.tiny", .how = TINY_EXECVEAT, .fd = fd);
	ASSERT_EXITED(&res, 42);
	free(res.out);
	close(fd);
}

TEST_F(run, fexecve)
{
	char *path = tiny_sample("hello.tiny");
	struct tiny_result res;
	int fd;

	fd = open(path, O_RDONLY);
	ASSERT_LE(0, fd);
	RUN(&res, .path = path, .how = TINY_FEXECVE, .fd = fd);
	ASSERT_EXITED(&res, 0);
	ASSERT_STREQ("Hello, world!\n", res.out);
	free(res.out);
	close(fd);
	free(path);
}

TEST_F(run, tiny_execs_tiny)
{
	char *exec = tiny_sample("exec.tiny"), *exit42 = tiny_sample("exit42.tiny");
	char *hello = tiny_sample("hello.tiny");
	char *const argv1[] = { "exec", exit42, NULL };
	char *const argv2[] = { "exec", exec, hello, NULL };
	char *const argv3[] = { "exec", "/nonexistent", NULL };
	struct tiny_result res;

	RUN(&res, .path = exec, .argv = argv1);
	ASSERT_EXITED(&res, 42);
	free(res.out);
	RUN(&res, .path = exec, .argv = argv2);
	ASSERT_EXITED(&res, 0);
	ASSERT_STREQ("Hello, world!\n", res.out);
	free(res.out);
	/* a failed execve() returns to the tiny program */
	RUN(&res, .path = exec, .argv = argv3);
	ASSERT_EXITED(&res, ENOENT);
	free(res.out);
	free(exec);
	free(exit42);
	free(hello);
}

TEST_F(run, tiny_execs_elf)
{
	char *exec = tiny_sample("exec.tiny"), *elf = tiny_sample("elf_exec");
	char *const argv[] = { "exec", elf, NULL };
	struct tiny_result res;

	RUN(&res, .path = exec, .argv = argv);
	ASSERT_EXITED(&res, 7);
	ASSERT_STREQ("elf\n", res.out);
	free(res.out);
	free(exec);
	free(elf);
}

TEST_F(run, elf_execs_tiny)
{
	char *elf = tiny_sample("elf_exec"), *hello = tiny_sample("hello.tiny");
	char *exec = tiny_sample("exec.tiny");
	char *const argv[] = { "elf_exec", hello, NULL };
	char *const argv2[] = { "elf_exec", exec, elf, hello, NULL };
	struct tiny_result res;

	RUN(&res, .path = elf, .argv = argv);
	ASSERT_EXITED(&res, 0);
	ASSERT_STREQ("Hello, world!\n", res.out);
	free(res.out);
	/* ELF -> tiny -> ELF -> tiny */
	RUN(&res, .path = elf, .argv = argv2);
	ASSERT_EXITED(&res, 0);
	ASSERT_STREQ("Hello, world!\n", res.out);
	free(res.out);
	free(elf);
	free(hello);
	free(exec);
}

TEST_F(run, script_interpreter)
{
	char *echo = tiny_path(self->dir, "echo.tiny");
	char *script = tiny_path(self->dir, "script");
	char *from = tiny_sample("echo.tiny"), *text, *expected;
	char *const argv[] = { "script", "extra", NULL };
	struct tiny_result res;

	ASSERT_EQ(0, tiny_copy(from, echo, 0755));
	ASSERT_LT(0, asprintf(&text, "#!%s from-script\n", echo));
	ASSERT_EQ(0, tiny_write_file(script, text, strlen(text), 0755));
	RUN(&res, .path = script, .argv = argv);
	ASSERT_EXITED(&res, 0);
	ASSERT_LT(0, asprintf(&expected, "from-script %s extra\n", script));
	ASSERT_STREQ(expected, res.out);
	free(res.out);
	free(expected);
	free(text);
	free(from);
	free(script);
	free(echo);
}

/* elf_exec32 @sample x, with the personality(2) flags @pers added */
static int run_compat(const char *elf32, const char *sample,
		      unsigned long pers, struct tiny_result *res)
{
	char *path = tiny_sample(sample);
	char *const argv[] = { (char *)elf32, path, "x", NULL };
	struct tiny_cmd cmd = { .path = elf32, .argv = argv };
	int ret;

	if (pers) {
		cmd.prepare = add_personality;
		cmd.arg = (void *)pers;
	}
	ret = tiny_run(&cmd, res);
	free(path);
	return ret;
}

/*
 * Exec from a 32-bit (compat) task must work or be refused before the
 * point of no return: elf_exec32 exits with the errno if it is refused.
 * It works where the kernel leaves compat mode for the tiny program, as
 * for a 64-bit ELF (TINY_ARCH_COMPAT_EXEC); elsewhere it is refused with
 * ENOEXEC.
 */
TEST_F(run, compat_exec)
{
	char *elf32 = tiny_sample("elf_exec32");
	struct tiny_result res;
	struct tiny_regs r;
	int status;

	if (access(elf32, X_OK))
		SKIP(goto out, "elf_exec32 not built");
	RUN(&res, .path = elf32);
	free(res.out);
	if (res.exec_errno == ENOEXEC)
		SKIP(goto out, "no 32-bit ELF support (CONFIG_COMPAT)");
	ASSERT_EXITED(&res, 7);

	ASSERT_EQ(0, run_compat(elf32, "exit42.tiny", 0, &res));
	ASSERT_EQ(0, res.exec_errno);
	ASSERT_TRUE(WIFEXITED(res.status))
		TH_LOG("wait status %#x: killed after the point of no return?",
		       res.status);
	status = WEXITSTATUS(res.status);
	free(res.out);
	if (!TINY_ARCH_COMPAT_EXEC) {
		ASSERT_EQ(ENOEXEC, status);
		goto out;
	}
	ASSERT_EQ(42, status);

	/*
	 * Without ASLR, elf_exec32's stack ends at STACK_TOP itself, as one
	 * exec in 2048 puts it with ASLR: on riscv64 that was a page above
	 * TASK_SIZE_32, and the exec was killed with SIGSEGV.
	 */
	ASSERT_EQ(0, run_compat(elf32, "exit42.tiny", ADDR_NO_RANDOMIZE, &res));
	ASSERT_EXITED(&res, 42);
	free(res.out);

	/* the new program is a normal 64-bit process */
	ASSERT_EQ(0, run_compat(elf32, "regs.tiny", 0, &res));
	ASSERT_EXITED(&res, 0);
	ASSERT_EQ(sizeof(r), res.len);
	memcpy(&r, res.out, sizeof(r));
	check_plain_regs(_metadata, &r, 2);
	free(res.out);
out:
	free(elf32);
}

/*
 * The kernel log holds no report (lockdep, KASAN, a warning) with the
 * loader in its call trace, after TINY_F_MAIN programs ran.  Their exit
 * stub used to be placed by mm_get_unmapped_area() without the mmap lock,
 * which a kernel with lockdep reports as "suspicious RCU usage" in the
 * maple tree walk (found by tiny_fuzz).  Reports are printed once per
 * boot, so the whole log is read, whoever ran such a program first.
 */
TEST_F(run, kernel_log_no_loader_report)
{
	char *path = tiny_sample("exit42.tiny");
	struct tiny_result res;
	char rec[8192];
	ssize_t n;
	int fd;

	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXITED(&res, 42);
	free(res.out);
	free(path);

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		SKIP(return, "cannot read /dev/kmsg: %s", strerror(errno));
	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten while reading */
		if (n <= 0)
			break;
		rec[n] = '\0';
		EXPECT_EQ(NULL, strstr(rec, "load_tiny_binary"))
			TH_LOG("kernel log: %s", rec);
		EXPECT_EQ(NULL, strstr(rec, "tiny_map_stub"))
			TH_LOG("kernel log: %s", rec);
	}
	close(fd);
}

#else /* !TINY_ARCH_MACHINE */

TEST(arch)
{
	SKIP(return, TINY_NO_SAMPLES);
}

#endif

TEST_HARNESS_MAIN
