// SPDX-License-Identifier: GPL-2.0
/*
 * binfmt_tiny and binfmt_misc: tiny binaries matched by binfmt_misc
 * entries, and a tiny program as the interpreter of entries with each
 * flag.  info.tiny is that interpreter: it prints its argument vector,
 * AT_FLAGS, AT_EXECFD and the first bytes of the file behind it,
 * /proc/self/exe, its credentials and AT_SECURE, which is what each
 * dispatch is specified to pass on (Documentation/admin-guide/binfmt-misc.rst).
 *
 * Needs root and binfmt_misc (mounted here if it is not, and unmounted
 * again).  Each test registers extension entries with extensions and
 * names of its own, which the teardown removes, in the parent process,
 * however the test ended.
 */
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/auxvec.h>
#include <linux/binfmts.h>

#include "tiny_test.h"

#define MISC_DIR	"/proc/sys/fs/binfmt_misc"
#define MAX_ENTRIES	2
#define NAME_LEN	64
#define ARGV0		"tiny-misc-argv0"

/* A payload for an interpreter: data, not a program of any format */
static const char payload[] = "binfmt_misc payload\n";

FIXTURE(misc) {
	char dir[PATH_MAX];		/* the test's files */
	char interp[PATH_MAX];		/* info.tiny, by its real path */
	char names[MAX_ENTRIES][NAME_LEN];	/* the entries registered */
	bool mounted;			/* binfmt_misc was mounted here */
};

/* Unmount binfmt_misc if it was mounted here */
static void misc_unmount(bool *mounted)
{
	if (*mounted && !umount2(MISC_DIR, 0))
		*mounted = false;
}

static bool misc_enabled(void)
{
	bool enabled;
	size_t len;
	char *buf;

	if (tiny_read_file(MISC_DIR "/status", &buf, &len))
		return false;
	enabled = !strncmp(buf, "enabled", 7);
	free(buf);
	return enabled;
}

/*
 * The teardown runs only once the setup is complete: whatever fails in
 * the setup undoes what it did first.
 */
FIXTURE_SETUP(misc)
{
	char *info;
	int ret;

	if (!tiny_available(_metadata))
		return;
	if (geteuid())
		SKIP(return, "needs root");
	if (access(MISC_DIR, F_OK))
		SKIP(return, "no binfmt_misc: no %s", MISC_DIR);
	info = tiny_sample("info.tiny");
	ASSERT_NE(NULL, realpath(info, self->interp));
	free(info);

	if (access(MISC_DIR "/register", F_OK)) {
		if (mount("binfmt_misc", MISC_DIR, "binfmt_misc", 0, NULL))
			SKIP(return, "cannot mount binfmt_misc: %s",
			     strerror(errno));
		self->mounted = true;
	}
	if (!misc_enabled()) {
		misc_unmount(&self->mounted);
		SKIP(return, "binfmt_misc is disabled");
	}
	ret = tiny_mkdtemp(self->dir, sizeof(self->dir));
	if (ret)
		misc_unmount(&self->mounted);
	ASSERT_EQ(0, ret);
}

FIXTURE_TEARDOWN_PARENT(misc)
{
	char path[128];
	int i;

	for (i = 0; i < MAX_ENTRIES; i++) {
		if (!self->names[i][0])
			continue;
		snprintf(path, sizeof(path), MISC_DIR "/%s", self->names[i]);
		tiny_write_str(path, "-1");
	}
	misc_unmount(&self->mounted);
	if (self->dir[0])
		tiny_rmtree(self->dir);
}

/*
 * Register an extension entry that runs @interp with @flags, in the first
 * free slot of @names, and return its extension in @ext: files named
 * *.<ext> go to it.  Returns 0 or the negative errno of the registration.
 */
static int add_entry(char names[][NAME_LEN], const char *interp,
		     const char *flags, char *ext, size_t size)
{
	char line[PATH_MAX + 128];
	int i, ret;

	for (i = 0; i < MAX_ENTRIES && names[i][0]; i++)
		;
	if (i == MAX_ENTRIES)
		return -ENOSPC;
	snprintf(ext, size, "tm%d%c", getpid(), 'a' + i);
	/* the teardown removes it even if the test dies right after this */
	snprintf(names[i], NAME_LEN, "binfmt_tiny_%s", ext);
	snprintf(line, sizeof(line), ":%s:E::%s::%s:%s", names[i], ext,
		 interp, flags);
	ret = tiny_write_str(MISC_DIR "/register", line);
	if (ret)
		names[i][0] = '\0';
	return ret;
}

/*
 * Entry @name is there and enabled, with @interp, @flags and @ext: for the
 * L tests, where a binary the entry failed to match would run the same.
 */
static void expect_entry(struct __test_metadata *_metadata, const char *name,
			 const char *interp, const char *flags,
			 const char *ext)
{
	char *path, *want, *buf;
	size_t len;

	path = tiny_path(MISC_DIR, name);
	ASSERT_LT(0, asprintf(&want, "enabled\ninterpreter %s\nflags: %s\n"
			      "extension .%s\n", interp, flags, ext));
	ASSERT_EQ(0, tiny_read_file(path, &buf, &len));
	EXPECT_STREQ(want, buf);
	free(buf);
	free(want);
	free(path);
}

/* A file @dir/<base>.<ext>: a copy of sample @sample, or the payload */
static char *make_file(const char *dir, const char *base, const char *ext,
		       const char *sample)
{
	char *name, *path, *from;
	int ret;

	if (asprintf(&name, "%s.%s", base, ext) < 0)
		abort();
	path = tiny_path(dir, name);
	free(name);
	if (sample) {
		from = tiny_sample(sample);
		ret = tiny_copy(from, path, 0755);
		free(from);
	} else {
		ret = tiny_write_file(path, payload, strlen(payload), 0755);
	}
	if (ret) {
		free(path);
		return NULL;
	}
	return path;
}

/* Run @path with @argv: info.tiny must run to its end */
static void run_info(struct __test_metadata *_metadata, const char *path,
		     char *const *argv, bool as_nobody,
		     struct tiny_result *res)
{
	char buf[16];

	RUN(res, .path = path, .argv = argv,
	    .prepare = as_nobody ? tiny_drop_to_nobody : NULL);
	ASSERT_EXITED(res, 0);
	ASSERT_TRUE(tiny_kv_str(res->out, "procauxv", buf, sizeof(buf)))
		TH_LOG("not info.tiny's output: %s", res->out);
}

/* info.tiny's argument @i was @want */
static void expect_arg(struct __test_metadata *_metadata, const char *out,
		       int i, const char *want)
{
	char key[16], buf[PATH_MAX];
	bool found;

	snprintf(key, sizeof(key), "argv%d", i);
	found = tiny_kv_str(out, key, buf, sizeof(buf));
	EXPECT_TRUE(found) TH_LOG("no %s", key);
	if (found)
		EXPECT_STREQ(want, buf) TH_LOG("%s", key);
}

static void expect_argc(struct __test_metadata *_metadata, const char *out,
			int argc)
{
	unsigned long v;

	ASSERT_TRUE(tiny_kv(out, "argc", &v));
	EXPECT_EQ(argc, v);
}

/* info.tiny saw exactly the arguments @want */
static void expect_argv(struct __test_metadata *_metadata, const char *out,
			char *const *want)
{
	int i;

	for (i = 0; want[i]; i++)
		expect_arg(_metadata, out, i, want[i]);
	expect_argc(_metadata, out, i);
}

/* ... @interp, @binary, then exactly @rest: what binfmt_misc splices */
static void expect_spliced_argv(struct __test_metadata *_metadata,
				const char *out, const char *interp,
				const char *binary, char *const *rest)
{
	int i;

	expect_arg(_metadata, out, 0, interp);
	expect_arg(_metadata, out, 1, binary);
	for (i = 0; rest[i]; i++)
		expect_arg(_metadata, out, i + 2, rest[i]);
	expect_argc(_metadata, out, i + 2);
}

/* /proc/self/exe was @path */
static void expect_exe(struct __test_metadata *_metadata, const char *out,
		       const char *path)
{
	char real[PATH_MAX], buf[PATH_MAX];

	ASSERT_NE(NULL, realpath(path, real));
	ASSERT_TRUE(tiny_kv_str(out, "exe", buf, sizeof(buf)));
	EXPECT_STREQ(real, buf);
}

/* The auxv entry @type, which must be there */
static unsigned long auxv_entry(struct __test_metadata *_metadata,
				const char *out, int type)
{
	unsigned long v = -1;
	char key[16];

	snprintf(key, sizeof(key), "at_%d", type);
	EXPECT_TRUE(tiny_kv(out, key, &v)) TH_LOG("no auxv entry %d", type);
	return v;
}

static bool has_auxv_entry(const char *out, int type)
{
	unsigned long v;
	char key[16];

	snprintf(key, sizeof(key), "at_%d", type);
	return tiny_kv(out, key, &v);
}

/* AT_EXECFD was there, and its file began with the payload */
static void expect_execfd(struct __test_metadata *_metadata, const char *out)
{
	char want[64], buf[64];
	size_t i, n = strlen(payload);

	if (n > 16)
		n = 16;
	for (i = 0; i < n; i++)
		snprintf(want + 2 * i, 3, "%02x", (unsigned char)payload[i]);
	want[2 * n] = '\0';
	EXPECT_TRUE(has_auxv_entry(out, AT_EXECFD));
	ASSERT_TRUE(tiny_kv_str(out, "execfd", buf, sizeof(buf)));
	EXPECT_STREQ(want, buf);
}

/* Neither AT_EXECFD nor anything read from it */
static void expect_no_execfd(struct __test_metadata *_metadata,
			     const char *out)
{
	char buf[64];

	EXPECT_FALSE(has_auxv_entry(out, AT_EXECFD));
	EXPECT_FALSE(tiny_kv_str(out, "execfd", buf, sizeof(buf)));
}

/*
 * L: the binary is loaded natively, the interpreter only substitutes for
 * a PT_INTERP.  A tiny binary has none, so it runs as if nothing matched.
 */
TEST_F(misc, loader_tiny_exit)
{
	struct tiny_result res;
	char ext[32], *path;

	ASSERT_EQ(0, add_entry(self->names, self->interp, "L", ext,
			       sizeof(ext)));
	expect_entry(_metadata, self->names[0], self->interp, "L", ext);
	path = make_file(self->dir, "x", ext, "exit42.tiny");
	ASSERT_NE(NULL, path);
	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXITED(&res, 42);
	ASSERT_EQ(0, res.len);
	free(res.out);
	free(path);
}

TEST_F(misc, loader_tiny_native)
{
	char *const argv[] = { ARGV0, "one", "two words", NULL };
	struct tiny_result res;
	char ext[32], *path;

	ASSERT_EQ(0, add_entry(self->names, self->interp, "L", ext,
			       sizeof(ext)));
	expect_entry(_metadata, self->names[0], self->interp, "L", ext);
	path = make_file(self->dir, "y", ext, "info.tiny");
	ASSERT_NE(NULL, path);
	run_info(_metadata, path, argv, false, &res);
	expect_argv(_metadata, res.out, argv);
	EXPECT_EQ(0, auxv_entry(_metadata, res.out, AT_FLAGS));
	expect_no_execfd(_metadata, res.out);
	expect_exe(_metadata, res.out, path);
	free(res.out);
	free(path);
}

/* The ELF baseline: a static ELF without PT_INTERP also runs natively */
TEST_F(misc, loader_elf_no_interp)
{
	struct tiny_result res;
	char ext[32], *path;

	ASSERT_EQ(0, add_entry(self->names, self->interp, "L", ext,
			       sizeof(ext)));
	expect_entry(_metadata, self->names[0], self->interp, "L", ext);
	path = make_file(self->dir, "e", ext, "exit42.elf");
	ASSERT_NE(NULL, path);
	ASSERT_EQ(0, tiny_run_path(path, &res));
	ASSERT_EXITED(&res, 42);
	free(res.out);
	free(path);
}

/*
 * T: the interpreter gets the binary through AT_EXECFD, the caller's argv
 * untouched, AT_FLAGS_TRANSPARENT_INTERP, and the binary as its exe.
 */
TEST_F(misc, transparent)
{
	char *const argv[] = { ARGV0, "one", "two words", NULL };
	struct tiny_result res;
	char ext[32], *path;

	ASSERT_EQ(0, add_entry(self->names, self->interp, "T", ext,
			       sizeof(ext)));
	path = make_file(self->dir, "z", ext, NULL);
	ASSERT_NE(NULL, path);
	run_info(_metadata, path, argv, false, &res);
	expect_argv(_metadata, res.out, argv);
	EXPECT_EQ(AT_FLAGS_TRANSPARENT_INTERP,
		  auxv_entry(_metadata, res.out, AT_FLAGS));
	expect_execfd(_metadata, res.out);
	expect_exe(_metadata, res.out, path);
	free(res.out);
	free(path);
}

/* P: argv is interpreter, binary, then the caller's argv from argv[0] */
TEST_F(misc, preserve_argv0)
{
	char *const argv[] = { ARGV0, "one", "two words", NULL };
	struct tiny_result res;
	char ext[32], *path;

	ASSERT_EQ(0, add_entry(self->names, self->interp, "P", ext,
			       sizeof(ext)));
	path = make_file(self->dir, "p", ext, NULL);
	ASSERT_NE(NULL, path);
	run_info(_metadata, path, argv, false, &res);
	expect_spliced_argv(_metadata, res.out, self->interp, path, argv);
	EXPECT_EQ(AT_FLAGS_PRESERVE_ARGV0,
		  auxv_entry(_metadata, res.out, AT_FLAGS));
	expect_no_execfd(_metadata, res.out);
	expect_exe(_metadata, res.out, self->interp);
	free(res.out);
	free(path);
}

/* No flags: the binary's path replaces the caller's argv[0] */
TEST_F(misc, no_flags)
{
	char *const argv[] = { ARGV0, "one", "two words", NULL };
	struct tiny_result res;
	char ext[32], *path;

	ASSERT_EQ(0, add_entry(self->names, self->interp, "", ext,
			       sizeof(ext)));
	path = make_file(self->dir, "n", ext, NULL);
	ASSERT_NE(NULL, path);
	run_info(_metadata, path, argv, false, &res);
	/* argv[0] is gone */
	expect_spliced_argv(_metadata, res.out, self->interp, path,
			    argv + 1);
	EXPECT_EQ(0, auxv_entry(_metadata, res.out, AT_FLAGS));
	expect_no_execfd(_metadata, res.out);
	expect_exe(_metadata, res.out, self->interp);
	free(res.out);
	free(path);
}

/* O: the binary is also open for the interpreter, on AT_EXECFD */
TEST_F(misc, open_binary)
{
	char *const argv[] = { ARGV0, "one", NULL };
	struct tiny_result res;
	char ext[32], *path;

	ASSERT_EQ(0, add_entry(self->names, self->interp, "O", ext,
			       sizeof(ext)));
	path = make_file(self->dir, "o", ext, NULL);
	ASSERT_NE(NULL, path);
	run_info(_metadata, path, argv, false, &res);
	expect_spliced_argv(_metadata, res.out, self->interp, path,
			    argv + 1);
	EXPECT_EQ(0, auxv_entry(_metadata, res.out, AT_FLAGS));
	expect_execfd(_metadata, res.out);
	expect_exe(_metadata, res.out, self->interp);
	free(res.out);
	free(path);
}

/*
 * C: the credentials come from the binary, setuid root here, run by
 * nobody; through an O entry the same file (a hard link) gives nothing.
 * On a tmpfs of the test's own, in a private mount namespace, so that no
 * nosuid mount is in the way and nobody can reach everything.
 */
TEST_F(misc, credentials_setuid)
{
	char *const argv[] = { ARGV0, NULL };
	char ext_c[32], ext_o[32], mnt[PATH_MAX], id[16];
	char *dir = tiny_path(self->dir, "mnt"), *info, *interp;
	char *setuid_c, *setuid_o;
	struct tiny_result res;

	if (unshare(CLONE_NEWNS))
		SKIP(return, "no private mount namespace: %s",
		     strerror(errno));
	ASSERT_EQ(0, mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL));
	ASSERT_EQ(0, chmod(self->dir, 0755));
	ASSERT_EQ(0, mkdir(dir, 0755));
	ASSERT_EQ(0, mount("tmpfs", dir, "tmpfs", 0, "mode=0755"));
	ASSERT_NE(NULL, realpath(dir, mnt));
	free(dir);

	/* an interpreter nobody can run, wherever the samples are */
	info = tiny_sample("info.tiny");
	interp = tiny_path(mnt, "info.tiny");
	ASSERT_EQ(0, tiny_copy(info, interp, 0755));
	free(info);
	ASSERT_EQ(0, add_entry(self->names, interp, "C", ext_c,
			       sizeof(ext_c)));
	ASSERT_EQ(0, add_entry(self->names, interp, "O", ext_o,
			       sizeof(ext_o)));

	setuid_c = make_file(mnt, "s", ext_c, NULL);
	ASSERT_NE(NULL, setuid_c);
	ASSERT_EQ(0, chown(setuid_c, 0, 0));
	ASSERT_EQ(0, chmod(setuid_c, 04755));
	ASSERT_LT(0, asprintf(&setuid_o, "%s/s.%s", mnt, ext_o));
	ASSERT_EQ(0, link(setuid_c, setuid_o));

	run_info(_metadata, setuid_c, argv, true, &res);
	EXPECT_EQ(TINY_NOBODY, auxv_entry(_metadata, res.out, AT_UID));
	EXPECT_EQ(0, auxv_entry(_metadata, res.out, AT_EUID));
	EXPECT_EQ(1, auxv_entry(_metadata, res.out, AT_SECURE));
	ASSERT_TRUE(tiny_kv_str(res.out, "euid", id, sizeof(id)));
	EXPECT_STREQ("0", id);
	ASSERT_TRUE(tiny_kv_str(res.out, "uid", id, sizeof(id)));
	EXPECT_STREQ("65534", id);
	/* C implies O */
	expect_execfd(_metadata, res.out);
	free(res.out);

	run_info(_metadata, setuid_o, argv, true, &res);
	EXPECT_EQ(TINY_NOBODY, auxv_entry(_metadata, res.out, AT_EUID));
	EXPECT_EQ(0, auxv_entry(_metadata, res.out, AT_SECURE));
	ASSERT_TRUE(tiny_kv_str(res.out, "euid", id, sizeof(id)));
	EXPECT_STREQ("65534", id);
	expect_execfd(_metadata, res.out);
	free(res.out);

	free(setuid_o);
	free(setuid_c);
	free(interp);
}

/*
 * binfmt_misc looks at a file before binfmt_tiny does: a tiny binary that
 * an entry matches goes to the entry's interpreter.
 */
TEST_F(misc, tiny_payload_to_interpreter)
{
	char *const argv[] = { ARGV0, "one", NULL };
	struct tiny_result res;
	char ext[32], *path;

	ASSERT_EQ(0, add_entry(self->names, self->interp, "P", ext,
			       sizeof(ext)));
	path = make_file(self->dir, "w", ext, "exit42.tiny");
	ASSERT_NE(NULL, path);
	run_info(_metadata, path, argv, false, &res);
	expect_spliced_argv(_metadata, res.out, self->interp, path, argv);
	EXPECT_EQ(AT_FLAGS_PRESERVE_ARGV0,
		  auxv_entry(_metadata, res.out, AT_FLAGS));
	expect_exe(_metadata, res.out, self->interp);
	free(res.out);
	free(path);
}

TEST_HARNESS_MAIN
