/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Common parts of the binfmt_tiny selftests built on kselftest_harness.h.
 */
#ifndef TINY_TEST_H
#define TINY_TEST_H

#include <errno.h>
#include <sys/wait.h>

#include "kselftest_harness.h"
#include "tiny_util.h"

/* Why tiny_probe() returned -ENOENT */
#define TINY_NO_SAMPLES	\
	"sample programs not built (x86_64, arm64 and riscv64 only)"

/*
 * For FIXTURE_SETUP(): skips, and returns false, unless binfmt_tiny and
 * the sample programs are there.
 */
static inline bool tiny_available(struct __test_metadata *_metadata)
{
	int probe = tiny_probe();

	if (probe == -ENOENT)
		SKIP(return false, TINY_NO_SAMPLES);
	if (probe == -ENOEXEC)
		SKIP(return false, "no binfmt_tiny: a tiny binary gets ENOEXEC");
	return true;
}

/* Run a program; its tiny_result must be released with free(res.out). */
#define RUN(res, ...) \
	ASSERT_EQ(0, tiny_run(&(struct tiny_cmd){ __VA_ARGS__ }, (res)))

/* The exec failed, and returned exactly this errno */
#define ASSERT_EXEC_ERRNO(res, err) do {				\
	const struct tiny_result *__r = (res);				\
	int __err = (err);						\
									\
	ASSERT_EQ(__err, __r->exec_errno)				\
		TH_LOG("exec: %s, expected %s",				\
		       strerror(__r->exec_errno), strerror(__err));	\
} while (0)

/* The program ran and exited with this status */
#define ASSERT_EXITED(res, code) do {					\
	const struct tiny_result *__r = (res);				\
									\
	ASSERT_EQ(0, __r->exec_errno)					\
		TH_LOG("exec failed: %s", strerror(__r->exec_errno));	\
	ASSERT_TRUE(WIFEXITED(__r->status))				\
		TH_LOG("not exited, wait status %#x", __r->status);	\
	ASSERT_EQ(code, WEXITSTATUS(__r->status));			\
} while (0)

/* The program ran and was killed by this signal */
#define ASSERT_KILLED(res, sig) do {					\
	const struct tiny_result *__r = (res);				\
									\
	ASSERT_EQ(0, __r->exec_errno)					\
		TH_LOG("exec failed: %s", strerror(__r->exec_errno));	\
	ASSERT_TRUE(WIFSIGNALED(__r->status))				\
		TH_LOG("not killed, wait status %#x", __r->status);	\
	ASSERT_EQ(sig, WTERMSIG(__r->status));				\
} while (0)

#endif /* TINY_TEST_H */
