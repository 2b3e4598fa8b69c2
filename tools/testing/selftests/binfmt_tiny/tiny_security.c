// SPDX-License-Identifier: GPL-2.0
/*
 * binfmt_tiny: security properties behave as for ELF: setuid/setgid and
 * AT_SECURE, nosuid and noexec mounts, MDWE, mmap_min_addr, Landlock.
 *
 * Needs root: each test works on a tmpfs of its own, mounted in a private
 * mount namespace, and runs the programs under test as nobody (65534).
 */
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/auxvec.h>
#include <linux/landlock.h>

#include "tiny_test.h"

#ifndef PR_SET_MDWE
#define PR_SET_MDWE			65
#define PR_GET_MDWE			66
#define PR_MDWE_REFUSE_EXEC_GAIN	1
#endif

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset	444
#define __NR_landlock_add_rule		445
#define __NR_landlock_restrict_self	446
#endif

#define NOBODY	TINY_NOBODY

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

	RUN(res, .path = path,
	    .prepare = as_nobody ? tiny_drop_to_nobody : NULL);
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
 * Raise vm.mmap_min_addr over TINY_FIXED_BASE; the teardown restores it.
 * Returns false if the test skipped.
 */
static bool raise_min_addr(struct __test_metadata *_metadata, char *saved,
			   size_t size)
{
	size_t len;
	char *buf;

	if (tiny_read_file(min_addr_file, &buf, &len))
		SKIP(return false, "no %s", min_addr_file);
	snprintf(saved, size, "%s", buf);
	free(buf);
	ASSERT_EQ(0, write_sysctl(min_addr_file, "131072"));
	return true;
}

/* The exec happened, and the program died of SIGSEGV before it ran */
static void assert_never_ran(struct __test_metadata *_metadata,
			     const struct tiny_result *res)
{
	ASSERT_KILLED(res, SIGSEGV);
	/* fixed.tiny's first system call writes its message */
	ASSERT_EQ(0, res->len) TH_LOG("it ran: %s", res->out);
}

/*
 * TINY_F_FIXED loads at 0x10000: below vm.mmap_min_addr, a task without
 * CAP_SYS_RAWIO must not get that mapping.  Whether it may depends on the
 * credentials the program runs with, which exist only past the point of
 * no return, so, as for an ELF ET_EXEC linked there, the mapping fails
 * and the task is killed with SIGSEGV: it never runs.  Root
 * (CAP_SYS_RAWIO) runs it.
 */
TEST_F(security, fixed_below_mmap_min_addr)
{
	char *path = mount_copy(self->dir, 0, "fixed.tiny", 0755);
	struct tiny_result res;

	ASSERT_NE(NULL, path);
	if (!raise_min_addr(_metadata, self->min_addr,
			    sizeof(self->min_addr)))
		goto out;

	RUN(&res, .path = path, .prepare = tiny_drop_to_nobody);
	assert_never_ran(_metadata, &res);
	free(res.out);

	RUN(&res, .path = path);
	ASSERT_EXITED(&res, 0);
	free(res.out);
out:
	free(path);
}

/*
 * What counts are the credentials the program runs with, as for an ELF
 * ET_EXEC, not the caller's: a setuid-root copy run by nobody gets
 * CAP_SYS_RAWIO, and runs.
 */
TEST_F(security, fixed_setuid_root_below_mmap_min_addr)
{
	char *path = mount_copy(self->dir, 0, "fixed.tiny", 04755);
	struct tiny_result res;

	ASSERT_NE(NULL, path);
	if (!raise_min_addr(_metadata, self->min_addr,
			    sizeof(self->min_addr)))
		goto out;

	RUN(&res, .path = path, .prepare = tiny_drop_to_nobody);
	ASSERT_EXITED(&res, 0);
	free(res.out);
out:
	free(path);
}

/*
 * ... and a copy that is setuid to nobody, run by root, runs without
 * CAP_SYS_RAWIO in its effective set: it must not get the mapping.
 */
TEST_F(security, fixed_setuid_nobody_below_mmap_min_addr)
{
	char *path = mount_copy(self->dir, 0, "fixed.tiny", 0755);
	struct tiny_result res;

	ASSERT_NE(NULL, path);
	ASSERT_EQ(0, chown(path, NOBODY, NOBODY));
	ASSERT_EQ(0, chmod(path, 04755));
	if (!raise_min_addr(_metadata, self->min_addr,
			    sizeof(self->min_addr)))
		goto out;

	RUN(&res, .path = path);
	assert_never_ran(_metadata, &res);
	free(res.out);
out:
	free(path);
}

/*
 * The errno of a system call the kernel does not have (ENOSYS), from one
 * that no kernel has: what the Landlock calls fail with when
 * CONFIG_SECURITY_LANDLOCK is not set.
 */
static int no_syscall_errno(void)
{
	errno = 0;
	syscall(100000);
	return errno;
}

/*
 * Runs in the child: a Landlock domain that handles
 * LANDLOCK_ACCESS_FS_EXECUTE and allows it beneath the directories in
 * @arg, a NULL-terminated array, only.
 */
static int landlock_exec_beneath(void *arg)
{
	struct landlock_ruleset_attr ruleset = {
		.handled_access_fs = LANDLOCK_ACCESS_FS_EXECUTE,
	};
	struct landlock_path_beneath_attr rule = {
		.allowed_access = LANDLOCK_ACCESS_FS_EXECUTE,
	};
	const char *const *dir;
	int fd, ret = 0;

	fd = syscall(__NR_landlock_create_ruleset, &ruleset, sizeof(ruleset),
		     0);
	if (fd < 0)
		return -errno;
	for (dir = arg; *dir && !ret; dir++) {
		rule.parent_fd = open(*dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (rule.parent_fd < 0) {
			ret = -errno;
			break;
		}
		if (syscall(__NR_landlock_add_rule, fd,
			    LANDLOCK_RULE_PATH_BENEATH, &rule, 0))
			ret = -errno;
		close(rule.parent_fd);
	}
	if (!ret && (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
		     syscall(__NR_landlock_restrict_self, fd, 0)))
		ret = -errno;
	close(fd);
	return ret;
}

/*
 * Landlock's execute right applies to a tiny binary, and to a tiny script
 * interpreter, as to an ELF one: the exec fails with EACCES outside the
 * allowed directories, and the caller survives.
 */
TEST_F(security, landlock_execute)
{
	const char *const other[] = { self->dir, NULL };
	const char *const samples[] = { tiny_dir(), NULL };
	const char *const both[] = { self->dir, tiny_dir(), NULL };
	char *script = tiny_path(self->dir, "script"), *text, *expected;
	char *path = tiny_sample("exit42.tiny");
	char *echo = tiny_sample("echo.tiny");
	struct tiny_result res;
	int abi, err;

	abi = syscall(__NR_landlock_create_ruleset, NULL, 0,
		      LANDLOCK_CREATE_RULESET_VERSION);
	err = errno;
	/* not built, or not enabled at boot (not in lsm=, CONFIG_LSM) */
	if (abi < 0 && (err == no_syscall_errno() || err == EOPNOTSUPP))
		SKIP(goto out, "no Landlock: %s", strerror(err));
	ASSERT_LE(1, abi) TH_LOG("Landlock ABI: %s", strerror(err));

	/* execute is allowed in the test's directory, not the samples' */
	RUN(&res, .path = path, .prepare = landlock_exec_beneath,
	    .arg = (void *)other);
	ASSERT_EXEC_ERRNO(&res, EACCES);
	free(res.out);

	RUN(&res, .path = path, .prepare = landlock_exec_beneath,
	    .arg = (void *)samples);
	ASSERT_EXITED(&res, 42);
	free(res.out);

	/* a script in the test's directory, its tiny interpreter not */
	ASSERT_LT(0, asprintf(&text, "#!%s\n", echo));
	ASSERT_EQ(0, tiny_write_file(script, text, strlen(text), 0755));
	RUN(&res, .path = script, .prepare = landlock_exec_beneath,
	    .arg = (void *)other);
	ASSERT_EXEC_ERRNO(&res, EACCES);
	free(res.out);

	RUN(&res, .path = script, .prepare = landlock_exec_beneath,
	    .arg = (void *)both);
	ASSERT_EXITED(&res, 0);
	ASSERT_LT(0, asprintf(&expected, "%s\n", script));
	EXPECT_STREQ(expected, res.out);
	free(res.out);
	free(expected);
	free(text);
out:
	free(script);
	free(echo);
	free(path);
}

TEST_HARNESS_MAIN
