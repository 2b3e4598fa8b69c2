// SPDX-License-Identifier: GPL-2.0
/*
 * binfmt_tiny: files that must be refused, with the exact errno, before
 * the point of no return, so that execve() returns to the caller.  The
 * malformed files are made at run time from exit42.tiny.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tiny_test.h"

/* Write a copy of exit42.tiny, changed as asked, to @path. */
static int make_variant(const char *path, int byte, int val, long size)
{
	char *sample = tiny_sample("exit42.tiny"), *buf;
	size_t len;
	int fd, ret;

	ret = tiny_read_file(sample, &buf, &len);
	free(sample);
	if (ret)
		return ret;
	if (byte >= 0)
		buf[byte] = val;
	if (size >= 0 && (size_t)size < len)
		len = size;
	ret = tiny_write_file(path, buf, len, 0755);
	free(buf);
	if (ret || size <= (long)len)
		return ret;
	/* grow it (sparse), as if the code went on */
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	ret = ftruncate(fd, size) ? -errno : 0;
	close(fd);
	return ret;
}

FIXTURE(malformed) {
	char dir[PATH_MAX];
};

FIXTURE_VARIANT(malformed) {
	int byte;		/* header byte to change, or -1 */
	int val;		/* its new value */
	long size;		/* truncate or extend to this size, or -1 */
};

#define BYTE(b, v)	{ .byte = (b), .val = (v), .size = -1 }
#define SIZE(s)		{ .byte = -1, .size = (s) }

FIXTURE_VARIANT_ADD(malformed, bad_magic_0) BYTE(0, 0x7e);
FIXTURE_VARIANT_ADD(malformed, bad_magic_1) BYTE(1, 't');
FIXTURE_VARIANT_ADD(malformed, bad_magic_2) BYTE(2, 'n');
FIXTURE_VARIANT_ADD(malformed, bad_magic_3) BYTE(3, 'y');
FIXTURE_VARIANT_ADD(malformed, empty) SIZE(0);
FIXTURE_VARIANT_ADD(malformed, truncated_1) SIZE(1);
FIXTURE_VARIANT_ADD(malformed, truncated_2) SIZE(2);
FIXTURE_VARIANT_ADD(malformed, truncated_3) SIZE(3);
FIXTURE_VARIANT_ADD(malformed, truncated_4) SIZE(4);
FIXTURE_VARIANT_ADD(malformed, truncated_5) SIZE(5);
FIXTURE_VARIANT_ADD(malformed, truncated_6) SIZE(6);
FIXTURE_VARIANT_ADD(malformed, truncated_7) SIZE(7);
FIXTURE_VARIANT_ADD(malformed, header_only) SIZE(8);
FIXTURE_VARIANT_ADD(malformed, machine_none) BYTE(4, 0);
FIXTURE_VARIANT_ADD(malformed, machine_i386) BYTE(4, 3);
/* the machines of the other architectures with tiny programs */
#if TINY_ARCH_MACHINE != EM_X86_64
FIXTURE_VARIANT_ADD(malformed, machine_x86_64) BYTE(4, EM_X86_64);
#endif
#if TINY_ARCH_MACHINE != EM_AARCH64
FIXTURE_VARIANT_ADD(malformed, machine_aarch64) BYTE(4, EM_AARCH64);
#endif
#if TINY_ARCH_MACHINE != EM_RISCV
FIXTURE_VARIANT_ADD(malformed, machine_riscv) BYTE(4, EM_RISCV);
#endif
FIXTURE_VARIANT_ADD(malformed, machine_high_byte) BYTE(5, 1);
FIXTURE_VARIANT_ADD(malformed, flag_0x04) BYTE(6, 0x04 | TINY_F_MAIN);
FIXTURE_VARIANT_ADD(malformed, flag_0x08) BYTE(6, 0x08 | TINY_F_MAIN);
FIXTURE_VARIANT_ADD(malformed, flag_0x10) BYTE(6, 0x10 | TINY_F_MAIN);
FIXTURE_VARIANT_ADD(malformed, flag_0x20) BYTE(6, 0x20 | TINY_F_MAIN);
FIXTURE_VARIANT_ADD(malformed, flag_0x40) BYTE(6, 0x40 | TINY_F_MAIN);
FIXTURE_VARIANT_ADD(malformed, flag_0x80) BYTE(6, 0x80 | TINY_F_MAIN);
/* one byte over the 16 MiB maximum */
FIXTURE_VARIANT_ADD(malformed, oversized) SIZE(TINY_MAX_SIZE + 1);
/* 4 GiB + 11 bytes: 11 if the size were truncated to 32 bits */
FIXTURE_VARIANT_ADD(malformed, oversized_4g) SIZE((4L << 30) + 11);

FIXTURE_SETUP(malformed)
{
	if (!tiny_available(_metadata))
		return;
	ASSERT_EQ(0, tiny_mkdtemp(self->dir, sizeof(self->dir)));
}

FIXTURE_TEARDOWN(malformed)
{
	tiny_kill_all();
	if (self->dir[0])
		tiny_rmtree(self->dir);
}

TEST_F(malformed, enoexec)
{
	char *path = tiny_path(self->dir, "variant");
	struct tiny_result res;
	int ret;

	ret = make_variant(path, variant->byte, variant->val, variant->size);
	if (ret == -EFBIG || ret == -ENOSPC)
		SKIP(return, "cannot make a file that large here");
	ASSERT_EQ(0, ret);
	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXEC_ERRNO(&res, ENOEXEC);
	free(res.out);
	free(path);
}

FIXTURE(refuse) {
	char dir[PATH_MAX];
};

FIXTURE_SETUP(refuse)
{
	if (!tiny_available(_metadata))
		return;
	ASSERT_EQ(0, tiny_mkdtemp(self->dir, sizeof(self->dir)));
}

FIXTURE_TEARDOWN(refuse)
{
	tiny_kill_all();
	if (self->dir[0])
		tiny_rmtree(self->dir);
}

/* Exactly the maximum size is fine */
TEST_F(refuse, max_size_runs)
{
	char *path = tiny_path(self->dir, "max");
	struct tiny_result res;

	ASSERT_EQ(0, make_variant(path, -1, 0, TINY_MAX_SIZE));
	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXITED(&res, 42);
	free(res.out);
	free(path);
}

/* A copy of bss.tiny with bss = 255 units: 1020 KiB */
static char *big_bss(const char *dir)
{
	char *from = tiny_sample("bss.tiny"), *to = tiny_path(dir, "bss"), *buf;
	size_t len;

	if (tiny_read_file(from, &buf, &len))
		abort();
	buf[TINY_OFF_BSS] = (char)255;
	if (tiny_write_file(to, buf, len, 0755))
		abort();
	free(buf);
	free(from);
	return to;
}

static int limit_data(void *arg)
{
	struct rlimit rl = { .rlim_cur = (unsigned long)arg,
			     .rlim_max = (unsigned long)arg };

	return setrlimit(RLIMIT_DATA, &rl) ? -errno : 0;
}

TEST_F(refuse, bss_over_rlimit_data)
{
	char *path = big_bss(self->dir);
	struct tiny_result res;

	RUN(&res, .path = path, .prepare = limit_data,
	    .arg = (void *)(512UL << 10));
	ASSERT_EXEC_ERRNO(&res, ENOMEM);
	free(res.out);
	free(path);
}

TEST_F(refuse, bss_within_rlimit_data)
{
	char *path = big_bss(self->dir);
	struct tiny_result res;

	RUN(&res, .path = path, .prepare = limit_data,
	    .arg = (void *)(2UL << 20));
	ASSERT_EXITED(&res, 0);
	free(res.out);
	free(path);
}

TEST_F(refuse, no_exec_permission)
{
	char *from = tiny_sample("exit42.tiny"), *path = tiny_path(self->dir, "x");
	struct tiny_result res;

	ASSERT_EQ(0, tiny_copy(from, path, 0644));
	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXEC_ERRNO(&res, EACCES);
	free(res.out);
	free(path);
	free(from);
}

/* More than the stack limit allows: E2BIG, and the caller survives */
TEST_F(refuse, arguments_too_big)
{
	char *path = tiny_sample("exit42.tiny");
	size_t str = 128 * 1024 - 1;
	struct tiny_result res;
	struct rlimit rl;
	char **envp;
	int i, n;

	ASSERT_EQ(0, getrlimit(RLIMIT_STACK, &rl));
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > (64UL << 20))
		SKIP(return, "stack limit too large to exceed cheaply");
	n = rl.rlim_cur / 4 / str + 2;
	envp = calloc(n + 1, sizeof(char *));
	ASSERT_NE(NULL, envp);
	for (i = 0; i < n; i++) {
		envp[i] = malloc(str);
		ASSERT_NE(NULL, envp[i]);
		memset(envp[i], 'x', str - 1);
		envp[i][str - 1] = '\0';
	}
	RUN(&res, .path = path, .envp = envp);
	ASSERT_EXEC_ERRNO(&res, E2BIG);
	free(res.out);
	for (i = 0; i < n; i++)
		free(envp[i]);
	free(envp);
	free(path);
}

/* The file of a running tiny program cannot be written */
TEST_F(refuse, text_busy)
{
	char *from = tiny_sample("pause.tiny"), *path = tiny_path(self->dir, "p");
	struct tiny_proc proc;
	int fd;

	ASSERT_EQ(0, tiny_copy(from, path, 0755));
	ASSERT_EQ(0, tiny_pause(path, &proc));
	fd = open(path, O_WRONLY);
	ASSERT_EQ(-1, fd);
	ASSERT_EQ(ETXTBSY, errno);
	ASSERT_EQ(-1, truncate(path, 0));
	ASSERT_EQ(ETXTBSY, errno);
	tiny_kill(&proc, NULL);

	fd = open(path, O_WRONLY);
	ASSERT_LE(0, fd);
	close(fd);
	free(path);
	free(from);
}

/* ... and a file open for writing cannot be executed */
TEST_F(refuse, open_for_write)
{
	char *from = tiny_sample("exit42.tiny"), *path = tiny_path(self->dir, "w");
	struct tiny_result res;
	int fd;

	ASSERT_EQ(0, tiny_copy(from, path, 0755));
	fd = open(path, O_WRONLY | O_CLOEXEC);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXEC_ERRNO(&res, ETXTBSY);
	free(res.out);
	close(fd);
	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXITED(&res, 42);
	free(res.out);
	free(path);
	free(from);
}

/* After any number of refusals, the caller and binfmt_tiny still work */
TEST_F(refuse, refusals_leave_no_trace)
{
	char *path = tiny_path(self->dir, "v"), *good = tiny_sample("exit42.tiny");
	struct tiny_result res;
	int i;

	for (i = 0; i < 32; i++) {
		ASSERT_EQ(0, make_variant(path, TINY_OFF_FLAGS, 0x80 | i, -1));
		ASSERT_EQ(0, tiny_run_path(path, &res));
		ASSERT_EXEC_ERRNO(&res, ENOEXEC);
		free(res.out);
	}
	ASSERT_EQ(0, tiny_run_path(good, &res));
	ASSERT_EXITED(&res, 42);
	free(res.out);
	free(good);
	free(path);
}

/*
 * RLIMIT_AS is checked before the point of no return against all that the
 * exec maps: the stack as setup_arg_pages() grows it (by 128 KiB, under
 * the RLIMIT_STACK set here), the image, the bss and the exit stub of a
 * TINY_F_MAIN binary.  Under that the exec fails with ENOMEM and the
 * caller survives; from there on the program runs as usual.  For the
 * programs that pause, the first limit that works must be their VmSize
 * less the vDSO: the check counts exactly what the exec maps, but for the
 * vDSO of the architectures that have one, which is mapped as for ELF,
 * without a limit.
 */
#define AS_STACK	(8UL << 20)	/* RLIMIT_STACK during the search */
#define AS_FIRST	(64UL << 10)
#define AS_STEP		4096UL
/*
 * well over the ~150 KiB the samples need (~400 KiB with 64 KiB pages),
 * and quick to reach under TCG
 */
#define AS_LAST		(1024UL << 10)

FIXTURE(rlimit_as) {
};

FIXTURE_VARIANT(rlimit_as) {
	const char *name;
	int status;		/* exit status */
	bool paused;		/* a pause program: check VmSize instead */
};

#define EXITS(n, s)	{ .name = (n), .status = (s) }
#define PAUSES(n)	{ .name = (n), .paused = true }

FIXTURE_VARIANT_ADD(rlimit_as, exit42_main) EXITS("exit42.tiny", 42);
FIXTURE_VARIANT_ADD(rlimit_as, exit_group_plain) EXITS("exit_group.tiny", 7);
FIXTURE_VARIANT_ADD(rlimit_as, bss_plain) EXITS("bss.tiny", 0);
FIXTURE_VARIANT_ADD(rlimit_as, pause_plain) PAUSES("pause.tiny");
FIXTURE_VARIANT_ADD(rlimit_as, pause_main) PAUSES("pause_main.tiny");

FIXTURE_SETUP(rlimit_as)
{
	tiny_available(_metadata);
}

FIXTURE_TEARDOWN(rlimit_as)
{
	tiny_kill_all();
}

/* RLIMIT_STACK AS_STACK and RLIMIT_AS @arg bytes */
static int limit_as(void *arg)
{
	struct rlimit as = { (unsigned long)arg, (unsigned long)arg };
	struct rlimit stack;

	if (getrlimit(RLIMIT_STACK, &stack))
		return -errno;
	stack.rlim_cur = AS_STACK;
	if (setrlimit(RLIMIT_STACK, &stack) || setrlimit(RLIMIT_AS, &as))
		return -errno;
	return 0;
}

/* VmSize of process @pid less its vDSO mappings, in KiB, or -1 */
static long vm_size_kb(pid_t pid)
{
	char path[64], *buf, *p;
	struct tiny_map maps[64];
	long kb = -1;
	size_t len;
	int i, n;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	if (tiny_read_file(path, &buf, &len))
		return -1;
	p = strstr(buf, "\nVmSize:");
	if (p)
		kb = strtol(p + strlen("\nVmSize:"), NULL, 10);
	free(buf);
	n = tiny_read_maps(pid, maps, ARRAY_SIZE(maps));
	if (kb < 0 || n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (tiny_vdso_map(&maps[i]))
			kb -= (maps[i].end - maps[i].start) >> 10;
	}
	return kb;
}

TEST_F(rlimit_as, enomem_until_it_fits)
{
	char *path = tiny_sample(variant->name);
	struct tiny_cmd cmd = { .path = path, .prepare = limit_as };
	struct tiny_result res;
	struct tiny_proc proc;
	unsigned long limit;
	int ret = -1;

	for (limit = AS_FIRST; limit <= AS_LAST; limit += AS_STEP) {
		cmd.arg = (void *)limit;
		if (variant->paused)
			ret = tiny_start_paused(&cmd, &proc);
		else
			ret = tiny_spawn(&cmd, &proc);
		ASSERT_NE(-EPIPE, ret)
			TH_LOG("RLIMIT_AS %lu KiB: died before it was ready",
			       limit >> 10);
		ASSERT_LE(0, ret) TH_LOG("setup: %s", strerror(-ret));
		if (!ret)
			break;
		ASSERT_EQ(ENOMEM, ret)
			TH_LOG("RLIMIT_AS %lu KiB: exec failed with %s",
			       limit >> 10, strerror(ret));
	}
	ASSERT_EQ(0, ret)
		TH_LOG("ENOMEM up to RLIMIT_AS %lu KiB", AS_LAST >> 10);
	TH_LOG("%s: ENOMEM below RLIMIT_AS %lu KiB", variant->name,
	       limit >> 10);

	if (variant->paused) {
		long kb = vm_size_kb(proc.pid);

		tiny_kill(&proc, NULL);
		ASSERT_EQ((long)(limit >> 10), kb) TH_LOG("VmSize, no vDSO");
	} else {
		ASSERT_EQ(0, tiny_wait(&proc, &res));
		ASSERT_EXITED(&res, variant->status);
		free(res.out);
	}
	free(path);
}

TEST_HARNESS_MAIN
