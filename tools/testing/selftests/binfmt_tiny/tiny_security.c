// SPDX-License-Identifier: GPL-2.0
/*
 * binfmt_tiny: security properties behave as for ELF: setuid/setgid and
 * AT_SECURE, nosuid and noexec mounts, MDWE, mmap_min_addr.
 *
 * Needs root: each test works on a tmpfs of its own, mounted in a private
 * mount namespace, and runs the programs under test as nobody (65534).
 */
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/auxvec.h>

#include "tiny_test.h"

#ifndef PR_SET_MDWE
#define PR_SET_MDWE			65
#define PR_GET_MDWE			66
#define PR_MDWE_REFUSE_EXEC_GAIN	1
#endif

#define NOBODY	65534

FIXTURE(security) {
	char dir[PATH_MAX];
	char min_addr[32];	/* vm.mmap_min_addr to restore */
};

FIXTURE_SETUP(security)
{
	if (!tiny_available(_metadata))
		return;
	if (geteuid())
		SKIP(return, "needs root");
	if (unshare(CLONE_NEWNS))
		SKIP(return, "no private mount namespace: %s", strerror(errno));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	ASSERT_EQ(0, tiny_mkdtemp(self->dir, sizeof(self->dir)));
}

static const char min_addr_file[] = "/proc/sys/vm/mmap_min_addr";

static int write_sysctl(const char *path, const char *val)
{
	ssize_t len = strlen(val);
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, val, len) != len)
		ret = -EIO;
	close(fd);
	return ret;
}

FIXTURE_TEARDOWN(security)
{
	tiny_kill_all();
	if (self->min_addr[0])
		write_sysctl(min_addr_file, self->min_addr);
	if (self->dir[0])
		tiny_rmtree(self->dir);
}

/*
 * Mount a tmpfs with @flags on <test dir>/mnt and copy sample @name into
 * it, owned by root with @mode.  Returns the copy's path.
 */
static char *mount_copy(const char *dir, unsigned long flags,
			const char *name, mode_t mode)
{
	char *mnt = tiny_path(dir, "mnt"), *from = tiny_sample(name), *to;

	to = tiny_path(mnt, name);
	if (chmod(dir, 0755) || mkdir(mnt, 0755) ||
	    mount("tmpfs", mnt, "tmpfs", flags, "mode=0755") ||
	    tiny_copy(from, to, 0755) || chown(to, 0, 0) || chmod(to, mode)) {
		free(to);
		to = NULL;
	}
	free(from);
	free(mnt);
	return to;
}

static int drop_to_nobody(void *arg)
{
	if (setgroups(0, NULL) || setresgid(NOBODY, NOBODY, NOBODY) ||
	    setresuid(NOBODY, NOBODY, NOBODY))
		return -errno;
	return 0;
}

static unsigned long kv(struct __test_metadata *_metadata,
			const char *out, const char *key)
{
	unsigned long v = -1;

	EXPECT_TRUE(tiny_kv(out, key, &v)) TH_LOG("no %s", key);
	return v;
}

#define AT(type)	"at_" #type

static void run_info(struct __test_metadata *_metadata, const char *path,
		     bool as_nobody, struct tiny_result *res)
{
	char buf[16];

	RUN(res, .path = path, .prepare = as_nobody ? drop_to_nobody : NULL);
	ASSERT_EXITED(res, 0);
	ASSERT_TRUE(tiny_kv_str(res->out, "procauxv", buf, sizeof(buf)));
}

TEST_F(security, unprivileged)
{
	char *path = mount_copy(self->dir, 0, "info.tiny", 0755);
	struct tiny_result res;

	ASSERT_NE(NULL, path);
	run_info(_metadata, path, true, &res);
	EXPECT_EQ(NOBODY, kv(_metadata, res.out, "uid"));
	EXPECT_EQ(NOBODY, kv(_metadata, res.out, "euid"));
	EXPECT_EQ(NOBODY, kv(_metadata, res.out, "egid"));
	EXPECT_EQ(0, kv(_metadata, res.out, AT(23)));	/* AT_SECURE */
	EXPECT_EQ(NOBODY, kv(_metadata, res.out, AT(11)));	/* AT_UID */
	EXPECT_EQ(NOBODY, kv(_metadata, res.out, AT(12)));	/* AT_EUID */
	free(res.out);
	free(path);
}

TEST_F(security, setuid_root)
{
	char *path = mount_copy(self->dir, 0, "info.tiny", 04755);
	struct tiny_result res;

	ASSERT_NE(NULL, path);
	run_info(_metadata, path, true, &res);
	EXPECT_EQ(NOBODY, kv(_metadata, res.out, "uid"));
	EXPECT_EQ(0, kv(_metadata, res.out, "euid"));
	EXPECT_EQ(0, kv(_metadata, res.out, "suid"));
	EXPECT_EQ(NOBODY, kv(_metadata, res.out, "egid"));
	EXPECT_EQ(1, kv(_metadata, res.out, AT(23)));	/* AT_SECURE */
	EXPECT_EQ(NOBODY, kv(_metadata, res.out, AT(11)));	/* AT_UID */
	EXPECT_EQ(0, kv(_metadata, res.out, AT(12)));	/* AT_EUID */
	free(res.out);
	free(path);
}

TEST_F(security, setgid_root)
{
	char *path = mount_copy(self->dir, 0, "info.tiny", 02755);
	struct tiny_result res;

	ASSERT_NE(NULL, path);
	run_info(_metadata, path, true, &res);
	EXPECT_EQ(NOBODY, kv(_metadata, res.out, "euid"));
	EXPECT_EQ(NOBODY, kv(_metadata, res.out, "gid"));
	EXPECT_EQ(0, kv(_metadata, res.out, "egid"));
	EXPECT_EQ(1, kv(_metadata, res.out, AT(23)));	/* AT_SECURE */
	EXPECT_EQ(NOBODY, kv(_metadata, res.out, AT(13)));	/* AT_GID */
	EXPECT_EQ(0, kv(_metadata, res.out, AT(14)));	/* AT_EGID */
	free(res.out);
	free(path);
}

TEST_F(security, setuid_nosuid_mount)
{
	char *path = mount_copy(self->dir, MS_NOSUID, "info.tiny",
				04755);
	struct tiny_result res;

	ASSERT_NE(NULL, path);
	run_info(_metadata, path, true, &res);
	EXPECT_EQ(NOBODY, kv(_metadata, res.out, "euid"));
	EXPECT_EQ(NOBODY, kv(_metadata, res.out, "suid"));
	EXPECT_EQ(0, kv(_metadata, res.out, AT(23)));	/* AT_SECURE */
	EXPECT_EQ(NOBODY, kv(_metadata, res.out, AT(12)));	/* AT_EUID */
	free(res.out);
	free(path);
}

TEST_F(security, noexec_mount)
{
	char *path = mount_copy(self->dir, MS_NOEXEC, "exit42.tiny",
				0755);
	struct tiny_result res;

	ASSERT_NE(NULL, path);
	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXEC_ERRNO(&res, EACCES);
	free(res.out);
	free(path);
}

/* As for ELF, a tiny script interpreter on a noexec mount is refused */
TEST_F(security, noexec_mount_interpreter)
{
	char *echo = mount_copy(self->dir, MS_NOEXEC, "echo.tiny", 0755);
	char *script = tiny_path(self->dir, "script"), *text;
	struct tiny_result res;

	ASSERT_NE(NULL, echo);
	ASSERT_LT(0, asprintf(&text, "#!%s\n", echo));
	ASSERT_EQ(0, tiny_write_file(script, text, strlen(text), 0755));
	ASSERT_EQ(0, tiny_run_path(script, &res));
	ASSERT_EXEC_ERRNO(&res, EACCES);
	free(res.out);
	free(text);
	free(script);
	free(echo);
}

TEST_F(security, mdwe_inherited)
{
	char *info = tiny_sample("info.tiny"), *exit42 = tiny_sample("exit42.tiny");
	struct tiny_result res;

	if (prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0))
		SKIP(goto out, "no PR_SET_MDWE: %s", strerror(errno));
	RUN(&res, .path = info);
	ASSERT_EXITED(&res, 0);
	EXPECT_EQ(PR_MDWE_REFUSE_EXEC_GAIN, kv(_metadata, res.out, "mdwe"));
	free(res.out);
	/* main mode, with its exit stub, also works under MDWE */
	RUN(&res, .path = exit42);
	ASSERT_EXITED(&res, 42);
	free(res.out);
out:
	free(exit42);
	free(info);
}

/*
 * TINY_F_FIXED loads at 0x10000: below vm.mmap_min_addr, a task without
 * CAP_SYS_RAWIO must not get that mapping.  Either the exec is refused, or,
 * as for an ELF ET_EXEC, the task is killed after the point of no return;
 * it must never run.
 */
TEST_F(security, fixed_below_mmap_min_addr)
{
	char *path = mount_copy(self->dir, 0, "fixed.tiny", 0755);
	struct tiny_result res;
	char *buf;
	size_t len;

	ASSERT_NE(NULL, path);
	if (tiny_read_file(min_addr_file, &buf, &len))
		SKIP(goto out, "no %s", min_addr_file);
	snprintf(self->min_addr, sizeof(self->min_addr), "%s", buf);
	free(buf);
	ASSERT_EQ(0, write_sysctl(min_addr_file, "131072"));

	RUN(&res, .path = path, .prepare = drop_to_nobody);
	TH_LOG("exec errno %d, wait status %#x", res.exec_errno, res.status);
	if (!res.exec_errno)
		ASSERT_TRUE(WIFSIGNALED(res.status));
	free(res.out);

	/* with CAP_SYS_RAWIO (root), it is allowed */
	RUN(&res, .path = path);
	ASSERT_EXITED(&res, 0);
	free(res.out);
out:
	free(path);
}

TEST_HARNESS_MAIN
