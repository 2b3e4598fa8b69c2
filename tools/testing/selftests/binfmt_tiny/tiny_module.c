// SPDX-License-Identifier: GPL-2.0
/*
 * binfmt_tiny built as a module (CONFIG_BINFMT_TINY=m): it cannot be
 * unloaded while a tiny program runs, and once it is unloaded a tiny
 * binary gets ENOEXEC.
 *
 * Contract with whoever runs the tests:
 *  - Runs as root (CAP_SYS_MODULE), uses delete_module(2) and
 *    finit_module(2) directly (no kmod tools needed).
 *  - The module file is $BINFMT_TINY_MODULE if set, else
 *    /lib/modules/binfmt_tiny.ko, else the one under
 *    /lib/modules/$(uname -r)/.  It is needed to load the module again
 *    after unloading it, or to load it if it is not loaded.
 *  - SKIPs when binfmt_tiny is built in (tiny binaries run, but there is
 *    no /sys/module/binfmt_tiny/initstate) and when it is neither loaded
 *    nor loadable.
 *  - Leaves the module loaded or not loaded, as it found it, so that a
 *    harness that loaded it can unload it afterwards.
 *  - Unloads the module and loads it again: do not run it concurrently
 *    with anything that execs tiny binaries.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "tiny_test.h"

#define MODULE_NAME	"binfmt_tiny"
#define SYSFS_MODULE	"/sys/module/" MODULE_NAME

FIXTURE(module) {
	char ko[PATH_MAX];
	bool was_loaded;
};

static bool loaded(void)
{
	return !access(SYSFS_MODULE "/initstate", F_OK);
}

static bool find_module_file(char *ko, size_t size)
{
	const char *env = getenv("BINFMT_TINY_MODULE");
	struct utsname u;

	if (env && *env) {
		snprintf(ko, size, "%s", env);
		return !access(ko, R_OK);
	}
	snprintf(ko, size, "/lib/modules/%s.ko", MODULE_NAME);
	if (!access(ko, R_OK))
		return true;
	if (uname(&u))
		return false;
	snprintf(ko, size, "/lib/modules/%s/kernel/fs/%s.ko", u.release,
		 MODULE_NAME);
	return !access(ko, R_OK);
}

static int load(const char *ko)
{
	int fd, ret = 0;

	fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (syscall(__NR_finit_module, fd, "", 0))
		ret = -errno;
	close(fd);
	return ret;
}

static int unload(void)
{
	return syscall(__NR_delete_module, MODULE_NAME, O_NONBLOCK) ? -errno : 0;
}

/*
 * Unload; a reference held by a task that was just reaped may take a
 * moment to go: retry for up to 2 s.
 */
static int unload_retry(void)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	int i, ret;

	for (i = 0; i < 100; i++) {
		ret = unload();
		if (ret != -EWOULDBLOCK)
			break;
		nanosleep(&ts, NULL);
	}
	return ret;
}

static long module_refs(void)
{
	size_t len;
	char *buf;
	long n;

	if (tiny_read_file(SYSFS_MODULE "/refcnt", &buf, &len))
		return -1;
	n = strtol(buf, NULL, 10);
	free(buf);
	return n;
}

/* The reference count, once it has settled at @want (for up to 2 s) */
static long refcnt_settled(long want)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	long n;
	int i;

	for (i = 0; i < 100; i++) {
		n = module_refs();
		if (n == want)
			break;
		nanosleep(&ts, NULL);
	}
	return n;
}

FIXTURE_SETUP(module)
{
	bool have_ko = find_module_file(self->ko, sizeof(self->ko));
	int probe = tiny_probe();

	if (probe == -ENOENT)
		SKIP(return, TINY_NO_SAMPLES);
	self->was_loaded = loaded();
	if (!self->was_loaded) {
		/* tiny binaries run, but there is no module: built in */
		if (!probe)
			SKIP(return, "binfmt_tiny is built in");
		if (!have_ko)
			SKIP(return, "binfmt_tiny is not loaded and no %.512s",
			     self->ko);
		ASSERT_EQ(0, load(self->ko));
		probe = tiny_probe();
	}
	ASSERT_EQ(0, probe);
	if (!have_ko)
		self->ko[0] = '\0';
}

FIXTURE_TEARDOWN(module)
{
	tiny_kill_all();
	if (self->was_loaded && !loaded() && self->ko[0])
		load(self->ko);
	if (!self->was_loaded && loaded())
		unload_retry();
}

/* Each tiny process pins the module; the reference goes when it exits */
TEST_F(module, refcnt_follows_processes)
{
	char *path = tiny_sample("pause_main.tiny");
	struct tiny_proc a, b;
	long base = module_refs();

	ASSERT_LE(0, base);
	ASSERT_EQ(0, tiny_pause(path, &a));
	ASSERT_EQ(0, tiny_pause(path, &b));
	ASSERT_EQ(base + 2, module_refs());
	tiny_kill(&a, NULL);
	ASSERT_EQ(base + 1, refcnt_settled(base + 1));
	tiny_kill(&b, NULL);
	ASSERT_EQ(base, refcnt_settled(base));
	free(path);
}

TEST_F(module, unload_busy)
{
	char *path = tiny_sample("pause.tiny"), *exit42 = tiny_sample("exit42.tiny");
	struct tiny_result res;
	struct tiny_proc proc;

	if (!self->ko[0])
		SKIP(return, "no binfmt_tiny.ko to load it again");
	ASSERT_EQ(0, tiny_pause(path, &proc));
	/* delete_module(2) reports a module in use as EWOULDBLOCK */
	ASSERT_EQ(-EWOULDBLOCK, unload());
	ASSERT_TRUE(loaded());
	/* the failed unload changed nothing */
	ASSERT_EQ(0, tiny_run_path(exit42, &res));
	ASSERT_EXITED(&res, 42);
	free(res.out);
	tiny_kill(&proc, NULL);
	ASSERT_EQ(0, unload_retry());
	ASSERT_FALSE(loaded());
	ASSERT_EQ(0, load(self->ko));
	free(exit42);
	free(path);
}

TEST_F(module, enoexec_after_unload)
{
	char *exit42 = tiny_sample("exit42.tiny"), *elf = tiny_sample("elf_exec");
	struct tiny_result res;

	if (!self->ko[0])
		SKIP(return, "no binfmt_tiny.ko to load it again");
	ASSERT_EQ(0, unload_retry());
	ASSERT_EQ(0, tiny_run_path(exit42, &res));
	ASSERT_EXEC_ERRNO(&res, ENOEXEC);
	free(res.out);
	/* other formats are unaffected */
	ASSERT_EQ(0, tiny_run_path(elf, &res));
	ASSERT_EXITED(&res, 7);
	free(res.out);

	ASSERT_EQ(0, load(self->ko));
	ASSERT_EQ(0, tiny_run_path(exit42, &res));
	ASSERT_EXITED(&res, 42);
	free(res.out);
	free(elf);
	free(exit42);
}

TEST_HARNESS_MAIN
