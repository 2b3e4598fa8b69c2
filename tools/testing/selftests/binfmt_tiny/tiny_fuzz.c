// SPDX-License-Identifier: GPL-2.0
/*
 * tiny_fuzz: a fuzzer for the binfmt_tiny loader, meant for a debug kernel
 * (KASAN, UBSAN, KFENCE, lockdep, kmemleak, fault injection).  Not run by
 * run_kselftest.sh: the harness runs it with "make fuzz".
 *
 * Parts (-p, comma separated; default all):
 *  fuzz     generated and mutated tiny files (header fields, sizes, page
 *           boundaries, sparse files, rewrites between open and exec,
 *           hostile code), executed with random argv/envp sizes, rlimits,
 *           personalities, exec methods and from a 32-bit task.  Every
 *           outcome is predicted from the format specification and
 *           classified: refused with an errno (the caller alive), exited,
 *           or killed by a signal; anything else is a failure, printed
 *           with the seed and the case number (-c replays one case).
 *           A file that must be refused is exec'd by the worker itself
 *           (no child), which must go on as it was.
 *  failnth  /proc/thread-self/fail-nth = 1, 2, ... on the exec of the good
 *           samples until an exec sees no injected fault: each exec must
 *           fail with an errno or succeed (or be killed after the point of
 *           no return); then kmemleak must find no leak.
 *  conc     (binfmt_tiny as a module) execs on every CPU while a thread
 *           unloads and loads the module; delete_module() must fail with
 *           EWOULDBLOCK as long as a tiny process lives.
 *
 * The kernel log (/dev/kmsg) is checked after each batch for reports.
 * Exit status 0 if nothing failed, 4 (skip) on an architecture without
 * tiny programs.  Runs as root.
 *
 * The hostile code is machine code for the architecture of the fuzzer
 * (x86_64, arm64 or riscv64), see tmpl_code().
 *
 * TINY_FUZZ_FI_VERBOSE=N in the environment starts failnth at fail-nth N,
 * one exec a second, and leaves the fault injection messages (a stack
 * trace for each injected fault, ratelimited) on: to see which allocation
 * a given N fails.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "tiny_util.h"

#ifdef TINY_ARCH_MACHINE

#define TINY_F_FIXED		0x01
#define TINY_F_MAIN		0x02
#define TINY_MAX_SIZE		(16UL << 20)
#define UNIT			4096UL		/* of the bss field */
#define ARG_MAX_		(32 * UNIT)	/* the kernel's ARG_MAX */
#define MAX_ARG_STRLEN_		(32 * page)	/* 32 pages */
#define STACK_EXPAND		(128 * 1024)	/* by setup_arg_pages() */
#define STK_LIM			(8UL << 20)
#define MAX_WORKERS		8
#define WRITE_MAX		(16 * 1024)	/* bytes written, the rest sparse */
#define DEFAULT_SEED		0x7153a11dULL
#define HANG_SECONDS		60
#define LOOP_USEC		100000		/* timer for looping code */
#define PROGRESS_SECONDS	30		/* between progress lines */
#define RECURSE_STACK		(512 * 1024)	/* RLIMIT_STACK of call . */
#define STACK_SLACK		(256 * 1024)	/* stack besides the strings */
#define MODULE_NAME		"binfmt_tiny"
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

static __u64 seed = DEFAULT_SEED;
static long max_execs = 100000;
static long budget;		/* seconds, 0: none */
static int nworkers = 2;
static long replay = -1;
static bool verbose;
static const char *parts = "fuzz,failnth,conc";
static long conc_seconds = 10;
static int failnth_samples = 1000;
static char dir[PATH_MAX - 64];	/* where the samples are */
static unsigned long page;	/* the kernel's page size */
static rlim_t stack_rlim;	/* RLIMIT_STACK of a case that sets none */

static unsigned long page_align(unsigned long n)
{
	return (n + page - 1) & ~(page - 1);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * A progress line for a long part, at most every PROGRESS_SECONDS: @done
 * of @total (0: unknown) so far since @start, and the time left of
 * @deadline (0: none).
 */
static void progress(const char *part, const char *what, long done, long total,
		     double start, double deadline, double *last)
{
	double t = now();

	if (t - *last < PROGRESS_SECONDS)
		return;
	*last = t;
	printf("# %s: %ld", part, done);
	if (total)
		printf(" of %ld", total);
	printf(" %s in %.0f s (%.1f/s)", what, t - start,
	       done / (t - start > 0 ? t - start : 1));
	if (deadline)
		printf(", %.0f s left", deadline > t ? deadline - t : 0);
	printf("\n");
	fflush(stdout);
}

/* splitmix64: the state of case @n of a run is a function of seed and n */
static __u64 next(__u64 *s)
{
	__u64 z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static __u64 rnd(__u64 *s, __u64 n)
{
	return n ? next(s) % n : 0;
}

static bool chance(__u64 *s, unsigned int percent)
{
	return rnd(s, 1000) < percent * 10;
}

static bool permille(__u64 *s, unsigned int pm)
{
	return rnd(s, 1000) < pm;
}

/* ------------------------------------------------------------------ */
/* The kernel log                                                      */

static int kmsg_fd = -1;
static long reports;
static bool in_failnth;

static void kmsg_open(void)
{
	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (kmsg_fd < 0)
		printf("# no /dev/kmsg (%s): kernel log not checked\n",
		       strerror(errno));
	else
		lseek(kmsg_fd, 0, SEEK_END);
}

static const char *const bad_words[] = {
	"BUG:", "WARNING:", "KASAN", "UBSAN", "KFENCE", "Oops",
	"possible circular", "possible recursive", "lockdep",
	"DEBUG_LOCKS_WARN_ON", "general protection", "kernel BUG",
	"unreferenced object", "stack-protector", "Kernel panic",
	"inconsistent lock state", "suspicious RCU", "bad page",
	"Call Trace",
};

/* Reads the new records; returns how many reports they hold. */
static long kmsg_check(const char *when)
{
	char buf[8192];
	long found = 0;
	size_t i;

	if (kmsg_fd < 0)
		return 0;
	for (;;) {
		ssize_t n = read(kmsg_fd, buf, sizeof(buf) - 1);
		char *msg;

		if (n < 0 && errno == EPIPE)
			continue;
		if (n <= 0)
			break;
		buf[n] = '\0';
		msg = strchr(buf, ';');
		msg = msg ? msg + 1 : buf;
		for (i = 0; i < ARRAY_SIZE(bad_words); i++) {
			/* allocation failures print a trace on purpose */
			if (in_failnth && !strcmp(bad_words[i], "Call Trace"))
				continue;
			if (strstr(msg, bad_words[i]))
				break;
		}
		if (i == ARRAY_SIZE(bad_words))
			continue;
		found++;
		if (found <= 20)
			printf("# REPORT (%s): %s", when, msg);
	}
	reports += found;
	return found;
}

/* ------------------------------------------------------------------ */
/* Generated tiny files                                                */

enum tmpl {
	T_EXIT, T_RET, T_ARGC, T_NULL, T_SELFWRITE, T_INT3, T_LOOP,
	T_RECURSE, T_BRK, T_BSS, T_RANDOM, T_NTMPL
};

static const char *const tmpl_name[] = {
	"exit", "ret", "argc", "null", "selfwrite", "int3", "loop",
	"recurse", "brk", "bss", "random",
};

/* The cases by race: 0, 1 and 2 in fuzz_case() */
static const char *const race_name[] = {
	"no race", "rewritten before the exec", "racing writer",
};

/* Statistics, shared by the workers */
struct stats {
	long execs;
	long refused, exited, killed, killed_late;
	long failures;
	long err[160];
	long sig[65];
	long last_case;
	long in_worker;		/* of the refused: exec'd by the worker itself */
	/* the case a worker is exec'ing itself, -1: none */
	long worker_case[MAX_WORKERS];
	/* where the time goes: cases and microseconds by template */
	long tmpl_cases[T_NTMPL], tmpl_us[T_NTMPL];
	long race_cases[ARRAY_SIZE(race_name)], race_us[ARRAY_SIZE(race_name)];
};

static struct stats *st;

/* What a run of a case may end in */
enum want {
	W_ERRNO,	/* refused with errno .err */
	W_EXIT,		/* exited with .code */
	W_SIGNAL,	/* killed by .sig */
	W_RUN,		/* ran: any exit or signal */
	W_ANY,		/* a race: refused (ENOEXEC, ETXTBSY, ENOMEM), or ran */
};

struct expect {
	enum want want;
	int err, code, sig;
	/*
	 * Tight limits: killed after the point of no return (SIGSEGV,
	 * SIGKILL) or refused with ENOMEM, E2BIG or EFAULT is fine too.
	 */
	bool late_kill_ok;
	bool e2big_maybe;	/* the arguments are at the E2BIG limit */
};

struct tfile {
	unsigned char *buf;	/* the first bytes */
	size_t len;		/* of buf */
	size_t size;		/* of the file (sparse past len) */
	int tmpl;
	bool truncated;		/* the code does not fit */
};

static void put32(unsigned char *p, __u32 v)
{
	memcpy(p, &v, 4);
}

#if defined(__x86_64__)

/* the machines of the other architectures with tiny programs */
#define OTHER_MACHINE_1		EM_AARCH64
#define OTHER_MACHINE_2		EM_RISCV

/*
 * Random bytes that may run: no system call (the program could do
 * anything), and no far return or far call or jump through a selector
 * (lret, iret, lcall/ljmp *mem), whose stack or table read QEMU's TCG
 * does at an address cut to 32 bits as a supervisor access: a page fault
 * the kernel reports as an oops, for a static ELF file too, not the
 * loader's business.  Changes c[from..n), with c[from - 1] as context.
 */
static void defuse(unsigned char *c, size_t from, size_t n)
{
	size_t i;

	for (i = from ? from - 1 : 0; i < n; i++) {
		if (i >= from && (c[i] == 0xca || c[i] == 0xcb || c[i] == 0xcf))
			c[i] = 0x90;
		if (i + 1 >= n)
			break;
		if (c[i] == 0xff && ((c[i + 1] >> 3) & 7) >= 3 &&
		    ((c[i + 1] >> 3) & 7) <= 5 && ((c[i + 1] >> 3) & 7) != 4)
			c[i + 1] ^= 0x38;
		if ((c[i] == 0x0f && (c[i + 1] == 0x05 || c[i + 1] == 0x34)) ||
		    (c[i] == 0xcd && c[i + 1] == 0x80))
			c[i + 1] = 0x90;
	}
}

/*
 * The code of template @t (not T_RANDOM) in @c, for offset 8 of a file of
 * @size bytes, exiting with @code where it exits; returns its length.
 */
static size_t tmpl_code(int t, bool main_mode, size_t size, int code,
			unsigned char *c)
{
	size_t n = 0;

	switch (t) {
	case T_EXIT:	/* mov $231, %eax; mov $code, %edi; syscall */
		c[n++] = 0xb8; put32(c + n, 231); n += 4;
		c[n++] = 0xbf; put32(c + n, code); n += 4;
		c[n++] = 0x0f; c[n++] = 0x05;
		break;
	case T_RET:	/* mov $code, %al; ret */
		c[n++] = 0xb0; c[n++] = code; c[n++] = 0xc3;
		break;
	case T_ARGC:
		if (main_mode) {	/* mov %edi, %eax; ret */
			c[n++] = 0x89; c[n++] = 0xf8; c[n++] = 0xc3;
		} else {	/* mov (%rsp), %rdi; mov $231, %eax; syscall */
			c[n++] = 0x48; c[n++] = 0x8b; c[n++] = 0x3c;
			c[n++] = 0x24;
			c[n++] = 0xb8; put32(c + n, 231); n += 4;
			c[n++] = 0x0f; c[n++] = 0x05;
		}
		break;
	case T_NULL:	/* xor %eax, %eax; jmp *%rax */
		c[n++] = 0x31; c[n++] = 0xc0; c[n++] = 0xff; c[n++] = 0xe0;
		break;
	case T_SELFWRITE:	/* movb $0xc3, -7(%rip) */
		c[n++] = 0xc6; c[n++] = 0x05; put32(c + n, -7); n += 4;
		c[n++] = 0xc3;
		break;
	case T_INT3:
		c[n++] = 0xcc;
		break;
	case T_LOOP:	/* jmp . */
		c[n++] = 0xeb; c[n++] = 0xfe;
		break;
	case T_RECURSE:	/* call . */
		c[n++] = 0xe8; put32(c + n, -5); n += 4;
		break;
	case T_BRK: {
		static const unsigned char brk[] = {
			0xb8, 12, 0, 0, 0,		/* mov $12, %eax */
			0x31, 0xff,			/* xor %edi, %edi */
			0x0f, 0x05,			/* syscall: brk(0) */
			0x48, 0x8d, 0xb8, 0, 0, 0, 0x04, /* lea 64M(%rax), %rdi */
			0xb8, 12, 0, 0, 0,
			0x0f, 0x05,			/* brk(+64 MiB) */
			0x48, 0xc7, 0xc7, 0, 0xf0, 0xff, 0xff, /* mov $-4096, %rdi */
			0xb8, 12, 0, 0, 0,
			0x0f, 0x05,			/* brk(-4096) */
		};
		memcpy(c, brk, sizeof(brk));
		n = sizeof(brk);
		c[n++] = 0xb8; put32(c + n, 231); n += 4;
		c[n++] = 0x31; c[n++] = 0xff;
		c[n++] = 0x0f; c[n++] = 0x05;
		break;
	}
	case T_BSS: {	/* movb $1, bss(%rip); exit_group(0) */
		long target = page_align(size);

		c[n++] = 0xc6; c[n++] = 0x05;
		put32(c + n, (__u32)(target - (8 + 7))); n += 4;
		c[n++] = 0x01;
		c[n++] = 0xb8; put32(c + n, 231); n += 4;
		c[n++] = 0x31; c[n++] = 0xff;
		c[n++] = 0x0f; c[n++] = 0x05;
		break;
	}
	}
	return n;
}

#elif defined(__aarch64__)

#define OTHER_MACHINE_1		EM_X86_64
#define OTHER_MACHINE_2		EM_RISCV

/*
 * A64 instructions, 4 bytes each: the code at offset 8 of the file is
 * aligned for them.  A64_MOV() is mov xd, #imm16 (movz).
 */
#define A64_MOV(xd, imm16)	(0xd2800000 | (imm16) << 5 | (xd))
#define A64_SVC			0xd4000001	/* svc #0 */
#define A64_SVC_MASK		0xffe0001f	/* svc #imm16 */
#define A64_RET			0xd65f03c0	/* ret (x30) */

static __u32 get32(const unsigned char *p)
{
	__u32 v;

	memcpy(&v, p, 4);
	return v;
}

/*
 * Random bytes that may run: no system call (svc), which could do
 * anything.  Changes c[from..n) only: the top byte of an svc, which makes
 * it an undefined instruction.  Only whole words can be an svc: the bytes
 * that follow the file in its last page are zeros.
 */
static void defuse(unsigned char *c, size_t from, size_t n)
{
	size_t i;

	for (i = from & ~3UL; i + 4 <= n; i += 4) {
		if ((get32(c + i) & A64_SVC_MASK) == A64_SVC)
			c[i + 3] = 0;
	}
}

/* adrp xd, imm: xd = (pc & ~0xfff) + imm * 4096 */
static __u32 a64_adrp(int xd, unsigned long imm)
{
	return 0x90000000 | (imm & 3) << 29 | (imm >> 2 & 0x7ffff) << 5 | xd;
}

static size_t insn(unsigned char *c, size_t n, __u32 insn)
{
	put32(c + n, insn);
	return n + 4;
}

/* mov x8, #__NR_exit_group; mov x0, #code; svc #0 */
static size_t exit_code(unsigned char *c, size_t n, int code)
{
	n = insn(c, n, A64_MOV(8, __NR_exit_group));
	n = insn(c, n, A64_MOV(0, code));
	return insn(c, n, A64_SVC);
}

/*
 * The code of template @t (not T_RANDOM) in @c, for offset 8 of a file of
 * @size bytes, exiting with @code where it exits; returns its length.
 * Plain entry: every register zero, x30 too; TINY_F_MAIN: x0 = argc and
 * x30 into the exit stub, exit_group(x0).
 */
static size_t tmpl_code(int t, bool main_mode, size_t size, int code,
			unsigned char *c)
{
	size_t n = 0;

	switch (t) {
	case T_EXIT:
		n = exit_code(c, n, code);
		break;
	case T_RET:	/* mov x0, #code; ret */
		n = insn(c, n, A64_MOV(0, code));
		n = insn(c, n, A64_RET);
		break;
	case T_ARGC:
		if (main_mode) {
			n = insn(c, n, A64_RET);
		} else {
			n = insn(c, n, 0xf94003e0);	/* ldr x0, [sp] */
			n = insn(c, n, A64_MOV(8, __NR_exit_group));
			n = insn(c, n, A64_SVC);
		}
		break;
	case T_NULL:	/* mov x0, #0; br x0 */
		n = insn(c, n, A64_MOV(0, 0));
		n = insn(c, n, 0xd61f0000);
		break;
	case T_SELFWRITE:	/* adr x1, .; strb wzr, [x1]; exit_group(0) */
		n = insn(c, n, 0x10000001);
		n = insn(c, n, 0x3900003f);
		n = exit_code(c, n, 0);
		break;
	case T_INT3:	/* brk #0 */
		n = insn(c, n, 0xd4200000);
		break;
	case T_LOOP:	/* b . */
		n = insn(c, n, 0x14000000);
		break;
	case T_RECURSE:	/* 1: stp x29, x30, [sp, #-16]!; bl 1b */
		n = insn(c, n, 0xa9bf7bfd);
		n = insn(c, n, 0x97ffffff);
		break;
	case T_BRK:
		n = insn(c, n, A64_MOV(8, __NR_brk));
		n = insn(c, n, A64_MOV(0, 0));
		n = insn(c, n, A64_SVC);		/* brk(0) */
		n = insn(c, n, 0xd2a08001);	/* mov x1, #64 MiB */
		n = insn(c, n, 0x8b010000);	/* add x0, x0, x1 */
		n = insn(c, n, A64_SVC);		/* brk(+64 MiB) */
		n = insn(c, n, 0x9281ffe0);	/* mov x0, #-4096 */
		n = insn(c, n, A64_SVC);		/* brk(-4096) */
		n = exit_code(c, n, 0);
		break;
	case T_BSS:	/* adrp x1, bss; strb wzr, [x1]; exit_group(0) */
		n = insn(c, n, a64_adrp(1, page_align(size) / UNIT));
		n = insn(c, n, 0x3900003f);
		n = exit_code(c, n, 0);
		break;
	}
	return n;
}

#elif defined(__riscv)

#define OTHER_MACHINE_1		EM_X86_64
#define OTHER_MACHINE_2		EM_AARCH64

/* RV64 instructions, 4 bytes each (no compressed ones) */
#define RV_A0			10
#define RV_A1			11
#define RV_A7			17
#define RV_LI(rd, imm12)	((__u32)(imm12) << 20 | (rd) << 7 | 0x13)
#define RV_AUIPC(rd, imm20)	((__u32)(imm20) << 12 | (rd) << 7 | 0x17)
#define RV_ECALL		0x00000073
#define RV_RET			0x00008067	/* jalr zero, 0(ra) */

/*
 * Random bytes that may run: no system call (ecall), which could do
 * anything.  Instructions are 2 or 4 bytes, 2-byte aligned, so the 4
 * bytes at every even offset are looked at, past n as the zeros that
 * follow there (in the file, or after it in its last page), for any
 * funct3 0, funct12 0 SYSTEM instruction, ecall with any rs1 and rd.  The
 * last byte of it within c[from..n) is changed: a bit set in bits 8 to 31
 * makes it an illegal instruction, a changed opcode (the last byte of the
 * file) an OP-IMM one; neither makes another ecall.
 */
static void defuse(unsigned char *c, size_t from, size_t n)
{
	size_t i, j;
	__u32 w;

	for (i = from > 3 ? (from - 2) & ~1UL : 0; i < n; i += 2) {
		for (w = 0, j = 0; j < 4 && i + j < n; j++)
			w |= (__u32)c[i + j] << 8 * j;
		if ((w & 0xfff0707f) != RV_ECALL)
			continue;
		j = i + 3 < n ? i + 3 : n - 1;
		if (j == i)
			c[j] ^= 0x60;
		else
			c[j] |= j == i + 1 ? 0x10 : 0x80;
	}
}

/* sb zero, imm12(rs1) */
static __u32 rv_sb_zero(int rs1, unsigned long imm12)
{
	return (imm12 >> 5 & 0x7f) << 25 | rs1 << 15 | (imm12 & 0x1f) << 7 |
	       0x23;
}

static size_t insn(unsigned char *c, size_t n, __u32 insn)
{
	put32(c + n, insn);
	return n + 4;
}

/* li a7, __NR_exit_group; li a0, code; ecall */
static size_t exit_code(unsigned char *c, size_t n, int code)
{
	n = insn(c, n, RV_LI(RV_A7, __NR_exit_group));
	n = insn(c, n, RV_LI(RV_A0, code));
	return insn(c, n, RV_ECALL);
}

/*
 * The code of template @t (not T_RANDOM) in @c, for offset 8 of a file of
 * @size bytes, exiting with @code where it exits; returns its length.
 * Plain entry: every register zero, ra too; TINY_F_MAIN: a0 = argc and ra
 * into the exit stub, exit_group(a0).
 */
static size_t tmpl_code(int t, bool main_mode, size_t size, int code,
			unsigned char *c)
{
	long off, hi;
	size_t n = 0;

	switch (t) {
	case T_EXIT:
		n = exit_code(c, n, code);
		break;
	case T_RET:	/* li a0, code; ret */
		n = insn(c, n, RV_LI(RV_A0, code));
		n = insn(c, n, RV_RET);
		break;
	case T_ARGC:
		if (main_mode) {
			n = insn(c, n, RV_RET);
		} else {
			n = insn(c, n, 0x00013503);	/* ld a0, 0(sp) */
			n = insn(c, n, RV_LI(RV_A7, __NR_exit_group));
			n = insn(c, n, RV_ECALL);
		}
		break;
	case T_NULL:	/* jalr zero, 0(zero) */
		n = insn(c, n, 0x00000067);
		break;
	case T_SELFWRITE:	/* auipc a1, 0; sb zero, 0(a1); exit_group(0) */
		n = insn(c, n, RV_AUIPC(RV_A1, 0));
		n = insn(c, n, rv_sb_zero(RV_A1, 0));
		n = exit_code(c, n, 0);
		break;
	case T_INT3:	/* ebreak */
		n = insn(c, n, 0x00100073);
		break;
	case T_LOOP:	/* j . */
		n = insn(c, n, 0x0000006f);
		break;
	case T_RECURSE:	/* 1: addi sp, sp, -16; sd ra, 0(sp); jal ra, 1b */
		n = insn(c, n, 0xff010113);
		n = insn(c, n, 0x00113023);
		n = insn(c, n, 0xff9ff0ef);
		break;
	case T_BRK:
		n = insn(c, n, RV_LI(RV_A7, __NR_brk));
		n = insn(c, n, RV_LI(RV_A0, 0));
		n = insn(c, n, RV_ECALL);		/* brk(0) */
		n = insn(c, n, 0x040002b7);	/* lui t0, 0x4000: 64 MiB */
		n = insn(c, n, 0x00550533);	/* add a0, a0, t0 */
		n = insn(c, n, RV_ECALL);		/* brk(+64 MiB) */
		n = insn(c, n, 0xfffff537);	/* lui a0, 0xfffff: -4096 */
		n = insn(c, n, RV_ECALL);		/* brk(-4096) */
		n = exit_code(c, n, 0);
		break;
	case T_BSS:	/* auipc a1, hi; sb zero, lo(a1); exit_group(0) */
		off = page_align(size) - 8;
		hi = (off + 0x800) >> 12;
		n = insn(c, n, RV_AUIPC(RV_A1, hi & 0xfffff));
		n = insn(c, n, rv_sb_zero(RV_A1, (off - (hi << 12)) & 0xfff));
		n = exit_code(c, n, 0);
		break;
	}
	return n;
}

#endif

/* Code for template @t at offset 8 of a file of @size bytes, in @code. */
static size_t gen_code(__u64 *s, int t, unsigned char flags, size_t size,
		       int *code, unsigned char *c)
{
	size_t n, i;

	*code = (int)rnd(s, 256);
	if (t != T_RANDOM) {
		/* these exit with 0 */
		if (t == T_BRK || t == T_BSS)
			*code = 0;
		return tmpl_code(t, flags & TINY_F_MAIN, size, *code, c);
	}
	n = 1 + rnd(s, 64);
	for (i = 0; i < n; i++)
		c[i] = (unsigned char)next(s);
	defuse(c, 0, n);
	return n;
}

static const size_t boundary_sizes[] = {
	4095, 4096, 4097, 8191, 8192, 8193, 12287, 12288, 12289, 65535, 65536,
	65537, TINY_MAX_SIZE - 1, TINY_MAX_SIZE, TINY_MAX_SIZE + 1,
	TINY_MAX_SIZE - UNIT, TINY_MAX_SIZE + UNIT, 1UL << 30,
};

static size_t gen_size(__u64 *s, size_t code_len)
{
	unsigned int r = rnd(s, 100);

	if (r < 8)
		return rnd(s, 10);				/* 0..9 */
	if (r < 55)
		return 8 + code_len + rnd(s, 64);		/* fits */
	if (r < 75)
		return boundary_sizes[rnd(s, ARRAY_SIZE(boundary_sizes))];
	if (r < 92)
		return 9 + rnd(s, 64 * 1024);
	if (r < 98)
		return 9 + rnd(s, TINY_MAX_SIZE);		/* sparse */
	return TINY_MAX_SIZE + 1 + rnd(s, 1UL << 32);		/* too big */
}

/* Others: nearby, of the other architectures, byte-swapped, ... */
static const __u16 machines[] = {
	0, 3, 8, 40, TINY_ARCH_MACHINE - 1, TINY_ARCH_MACHINE + 1,
	OTHER_MACHINE_1, OTHER_MACHINE_2, (TINY_ARCH_MACHINE & 0xff) << 8,
	0xffff, TINY_ARCH_MACHINE + 256,
};

/* A file: a template, then mutations of the header and the size. */
static void gen_file(__u64 *s, struct tfile *f, int *code)
{
	unsigned char c[128];
	unsigned char flags, bss;
	__u16 machine = TINY_ARCH_MACHINE;
	size_t n, fill;
	unsigned int r;

	f->tmpl = rnd(s, 100) < 3 ? T_LOOP : (int)rnd(s, T_NTMPL);
	if (f->tmpl == T_LOOP && !permille(s, 50))
		f->tmpl = T_EXIT;	/* loops cost LOOP_USEC each: rare */

	/* flags: mostly valid, else one bit, else anything */
	r = rnd(s, 100);
	if (r < 75)
		flags = rnd(s, 4);
	else if (r < 90)
		flags = 1u << rnd(s, 8);
	else
		flags = next(s);
	r = rnd(s, 100);
	if (r < 40)
		bss = 0;
	else if (r < 60)
		bss = 1;
	else if (r < 70)
		bss = 255;
	else if (r < 75)
		bss = 254;
	else
		bss = next(s);
	if (chance(s, 8))
		machine = machines[rnd(s, ARRAY_SIZE(machines))];
	if (chance(s, 2))
		machine = next(s);

	/* the code depends on the size for T_BSS: size first */
	n = gen_code(s, f->tmpl, flags, 0, code, c);
	f->size = gen_size(s, n);
	if (f->tmpl == T_BSS)
		gen_code(s, f->tmpl, flags, f->size, code, c);

	f->len = f->size < WRITE_MAX ? f->size : WRITE_MAX;
	f->buf = calloc(1, f->len + 8 + sizeof(c));
	if (!f->buf)
		abort();
	memcpy(f->buf, "\x7fTNY", 4);
	f->buf[4] = machine & 0xff;
	f->buf[5] = machine >> 8;
	f->buf[6] = flags;
	f->buf[7] = bss;
	memcpy(f->buf + 8, c, n);
	f->truncated = f->size < 8 + n;

	/* padding after the code: zeros or noise */
	if (chance(s, 30) && f->len > 8 + n) {
		for (fill = 8 + n; fill < f->len; fill++)
			f->buf[fill] = (unsigned char)next(s);
		defuse(f->buf + 8, n, f->len - 8);
	}

	/* a bad magic byte now and then, never an ELF or #! file */
	if (chance(s, 6)) {
		f->buf[rnd(s, 4)] = (unsigned char)next(s);
		if (!memcmp(f->buf, "\177ELF", 4) ||
		    !memcmp(f->buf, "#!", 2))
			f->buf[0] = 0;
	}
}

/* ------------------------------------------------------------------ */
/* Expected outcome, from Documentation/userspace-api/binfmt_tiny.rst  */

/* The rlimits a case may set, in the order they are drawn */
enum { L_STACK, L_DATA, L_AS, L_NOFILE, NLIMITS };

struct env {
	rlim_t lim[NLIMITS];
	bool set[NLIMITS];	/* lim[] applies to the exec */
	unsigned long persona;
	bool timer;
};

static const rlim_t lim_stack[] = {
	16384, 65536, 131072, 524288, 1 << 20, 8 << 20, 64 << 20,
	RLIM_INFINITY,
};

static const rlim_t lim_data[] = {
	0, 4096, 65536, 1 << 20, 16 << 20, RLIM_INFINITY,
};

static const rlim_t lim_as[] = {
	65536, 1 << 20, 4 << 20, 16 << 20, 18 << 20, 64 << 20, RLIM_INFINITY,
};

static const rlim_t lim_nofile[] = { 0, 1, 3, 1024 };

static const struct limit {
	const char *name;
	int resource;
	unsigned int percent;		/* of the cases that set it */
	const rlim_t *vals;
	size_t nvals;
} limits[NLIMITS] = {
	[L_STACK] = { "stack", RLIMIT_STACK, 10, lim_stack,
		      ARRAY_SIZE(lim_stack) },
	[L_DATA] = { "data", RLIMIT_DATA, 10, lim_data, ARRAY_SIZE(lim_data) },
	[L_AS] = { "as", RLIMIT_AS, 10, lim_as, ARRAY_SIZE(lim_as) },
	[L_NOFILE] = { "nofile", RLIMIT_NOFILE, 5, lim_nofile,
		       ARRAY_SIZE(lim_nofile) },
};

/*
 * The loader's checks on the final file content, in their order, for an
 * exec with a stack of @stack bytes (exec_stack()), by a compat caller if
 * @compat.  The limits are checked in pages, against what the exec maps:
 * the stack, the image, the bss and the exit stub of TINY_F_MAIN.
 */
static int refuse(const unsigned char *hdr, size_t size, const struct env *e,
		  unsigned long stack, bool compat)
{
	unsigned long image, bss, total;

	if (size < 8 || memcmp(hdr, "\x7fTNY", 4))
		return -ENOEXEC;
	if (size <= 8 || size > TINY_MAX_SIZE)
		return -ENOEXEC;
	if ((hdr[4] | hdr[5] << 8) != TINY_ARCH_MACHINE)
		return -ENOEXEC;
	if (hdr[6] & ~(TINY_F_FIXED | TINY_F_MAIN))
		return -ENOEXEC;
	image = page_align(size);
	bss = page_align(hdr[7] * UNIT);
	/* the bss starts at the first unit boundary after the image */
	if (bss && image != ((size + UNIT - 1) & ~(UNIT - 1)))
		return -ENOEXEC;
	if (compat && !TINY_ARCH_COMPAT_EXEC)
		return -ENOEXEC;
	total = stack + image + bss + (hdr[6] & TINY_F_MAIN ? page : 0);
	if (e->set[L_DATA] && bss / page > e->lim[L_DATA] / page)
		return -ENOMEM;
	if (e->set[L_AS] && total / page > e->lim[L_AS] / page)
		return -ENOMEM;
	return 0;
}

/* What the code of a file that the loader takes does */
static void outcome(const struct tfile *f, int code, int argc,
		    struct expect *x)
{
	unsigned char flags = f->buf[6];

	x->code = code;
	if (f->truncated) {
		x->want = W_RUN;
		return;
	}
	switch (f->tmpl) {
	case T_EXIT:
	case T_BRK:
		x->want = W_EXIT;
		break;
	case T_RET:
		if (flags & TINY_F_MAIN) {
			x->want = W_EXIT;
		} else {
			/*
			 * returns to address argc (x86_64: on top of the
			 * stack), 9 at most, or 0 (the zeroed link register):
			 * below vm.mmap_min_addr
			 */
			x->want = W_SIGNAL;
			x->sig = SIGSEGV;
		}
		break;
	case T_ARGC:
		x->want = W_EXIT;
		x->code = (argc ? argc : 1) & 0xff;
		break;
	case T_NULL:
	case T_SELFWRITE:
	case T_RECURSE:
		x->want = W_SIGNAL;
		x->sig = SIGSEGV;
		break;
	case T_INT3:
		x->want = W_SIGNAL;
		x->sig = SIGTRAP;
		break;
	case T_LOOP:
		x->want = W_SIGNAL;
		x->sig = SIGALRM;
		break;
	case T_BSS:
		if (f->buf[7]) {
			x->want = W_EXIT;
		} else {
			x->want = W_SIGNAL;
			x->sig = SIGSEGV;
		}
		break;
	default:
		x->want = W_RUN;
		break;
	}
}

/* ------------------------------------------------------------------ */
/* Running one case                                                    */

enum how { H_EXECVE, H_EXECVEAT, H_EMPTY_PATH, H_PROC_FD, H_COMPAT };

static const char *const how_name[] = {
	"execve", "execveat", "execveat-empty-path", "proc-fd", "compat",
};

struct child_arg {
	enum how how;
	const char *path;	/* the file */
	const char *name;	/* its name in dirfd */
	int dirfd, fd;
	char **argv, **envp;
	const struct env *env;
	int devnull;
	pid_t ppid;		/* the worker */
	int err;		/* written by the child if the exec fails */
};

static char elf32[PATH_MAX];

static void ignore_alarm(int sig)
{
}

/* The case's personality and rlimits, in the task that will exec */
static void enter_env(const struct env *e)
{
	int i;

	if (e->persona)
		syscall(__NR_personality, e->persona);
	for (i = 0; i < NLIMITS; i++) {
		struct rlimit rl = { e->lim[i], e->lim[i] };

		if (e->set[i])
			syscall(__NR_setrlimit, limits[i].resource, &rl);
	}
}

/* The exec of a case, from the caller's current state; errno if it returns */
static void do_exec(const struct child_arg *a)
{
	char procfd[64];

	switch (a->how) {
	case H_EXECVE:
		syscall(__NR_execve, a->path, a->argv, a->envp);
		break;
	case H_EXECVEAT:
		syscall(__NR_execveat, a->dirfd, a->name, a->argv, a->envp, 0);
		break;
	case H_EMPTY_PATH:
		syscall(__NR_execveat, a->fd, "", a->argv, a->envp,
			AT_EMPTY_PATH);
		break;
	case H_PROC_FD:
		/*
		 * The worker's fd, not /proc/self: the same magic link, but
		 * without a /proc/PID of its own for every child.
		 */
		snprintf(procfd, sizeof(procfd), "/proc/%d/fd/%d", a->ppid,
			 a->fd);
		syscall(__NR_execve, procfd, a->argv, a->envp);
		break;
	case H_COMPAT:
		syscall(__NR_execve, elf32, a->argv, a->envp);
		break;
	}
}

static int child_fn(void *p)
{
	struct child_arg *a = p;
	const struct env *e = a->env;

	dup2(a->devnull, 1);
	dup2(a->devnull, 2);
	if (e->timer) {
		struct itimerval it = { { 0, 0 }, { 0, LOOP_USEC } };

		/*
		 * Until the exec, the timer must not run the fuzzer's own
		 * handler (or kill a slow exec that will fail): the exec
		 * resets the handler, and a SIGALRM still pending then
		 * kills the new program.
		 */
		signal(SIGALRM, ignore_alarm);
		setitimer(ITIMER_REAL, &it, NULL);
	}
	enter_env(e);
	do_exec(a);
	a->err = errno;
	_exit(127);
}

/* clone(CLONE_VM | CLONE_VFORK): no copy of the fuzzer's memory */
static pid_t spawn(struct child_arg *a)
{
	static char *stack;
	const size_t stack_size = 256 * 1024;

	if (!stack) {
		stack = mmap(NULL, stack_size, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
		if (stack == MAP_FAILED)
			abort();
	}
	a->err = -1;
	return clone(child_fn, stack + stack_size,
		     CLONE_VM | CLONE_VFORK | SIGCHLD, a);
}

static long cur_case;

static void on_hang(int sig)
{
	char msg[128];
	int n;

	(void)sig;
	n = snprintf(msg, sizeof(msg),
		     "FAIL seed=%#llx case=%ld: hang (no exit in %d s)\n",
		     seed, cur_case, HANG_SECONDS);
	if (write(1, msg, n) < 0)
		_exit(3);
	_exit(3);
}

struct args {
	char **argv, **envp;
	char *mem;
	int argc;
	size_t bytes;		/* strings and pointers, as the kernel counts */
};

/* argv/envp: mostly small, sometimes around ARG_MAX and MAX_ARG_STRLEN */
static void gen_args(__u64 *s, const char *path, struct args *a)
{
	unsigned int r = rnd(s, 1000);
	size_t total, used = 0, len;
	int envc, i, n;

	if (r < 900)
		total = rnd(s, 512);
	else if (r < 970)
		total = rnd(s, 64 * 1024);
	else if (r < 985)
		total = ARG_MAX_ - 8192 + rnd(s, 16384);
	else
		total = MAX_ARG_STRLEN_ - 64 + rnd(s, 128);
	a->argc = rnd(s, 100) < 3 ? 0 : 1 + (int)rnd(s, 8);
	envc = rnd(s, 8);
	if (r >= 985) {		/* one string at MAX_ARG_STRLEN */
		a->argc = 2;
		envc = 0;
	}
	n = a->argc + envc;
	a->argv = calloc(a->argc + 1, sizeof(char *));
	a->envp = calloc(envc + 1, sizeof(char *));
	a->mem = malloc(total + n + strlen(path) + 2);
	if (!a->argv || !a->envp || !a->mem)
		abort();
	memset(a->mem, 'a' + rnd(s, 26), total + n + strlen(path) + 2);
	a->bytes = strlen(path) + 1;
	for (i = 0; i < n; i++) {
		char *str = a->mem + used;

		if (i == 0 && a->argc) {
			len = strlen(path);
			memcpy(str, path, len);
		} else if (r >= 985 && i == 1) {
			len = total;
		} else {
			len = i == n - 1 ? total - (used < total ? used : total) :
			      rnd(s, total / n + 1);
		}
		str[len] = '\0';
		used += len + 1;
		a->bytes += len + 1;
		if (i < a->argc)
			a->argv[i] = str;
		else
			a->envp[i - a->argc] = str;
	}
	a->bytes += ((a->argc ? a->argc : 1) + envc) * sizeof(void *);
}

/* E2BIG from the common exec code: 1 yes, 0 no, -1 at the limit */
static int e2big(const struct args *a, const struct env *e)
{
	unsigned long limit = STK_LIM / 4 * 3;
	rlim_t stack = e->set[L_STACK] ? e->lim[L_STACK] : STK_LIM;
	int i;

	for (i = 0; a->argv[i]; i++)
		if (strlen(a->argv[i]) + 1 > MAX_ARG_STRLEN_)
			return 1;
	for (i = 0; a->envp[i]; i++)
		if (strlen(a->envp[i]) + 1 > MAX_ARG_STRLEN_)
			return 1;
	if (stack / 4 < limit)
		limit = stack / 4;
	if (limit < ARG_MAX_)
		limit = ARG_MAX_;
	if (a->bytes + 512 < limit)
		return 0;
	if (a->bytes > limit + 512)
		return 1;
	return -1;
}

/*
 * The stack of the exec of @ca, in bytes, as the loader counts it against
 * RLIMIT_AS: the pages that the strings were copied to, under the word at
 * the top (the file name the exec was given, or the /dev/fd one for a
 * descriptor, then envp, then argv, or "" for an empty one), grown by up
 * to STACK_EXPAND within RLIMIT_STACK, as setup_arg_pages() will.
 */
static unsigned long exec_stack(const struct child_arg *ca,
				const struct env *e)
{
	rlim_t rlim = e->set[L_STACK] ? e->lim[L_STACK] : stack_rlim;
	/* elf_exec32 execs its argv[1], the file, with argv + 1 */
	char *const *argv = ca->how == H_COMPAT ? ca->argv + 1 : ca->argv;
	unsigned long len, stack;
	char name[64];
	int i;

	switch (ca->how) {
	case H_EXECVEAT:
		len = snprintf(name, sizeof(name), "/dev/fd/%d/%s",
			       ca->dirfd, ca->name);
		break;
	case H_EMPTY_PATH:
		len = snprintf(name, sizeof(name), "/dev/fd/%d", ca->fd);
		break;
	case H_PROC_FD:
		len = snprintf(name, sizeof(name), "/proc/%d/fd/%d", ca->ppid,
			       ca->fd);
		break;
	default:
		len = strlen(ca->path);
		break;
	}
	len++;
	for (i = 0; ca->envp[i]; i++)
		len += strlen(ca->envp[i]) + 1;
	for (i = 0; argv[i]; i++)
		len += strlen(argv[i]) + 1;
	if (!i)
		len++;
	stack = page_align(sizeof(void *) + len);
	rlim &= ~(rlim_t)(page - 1);
	if (stack + STACK_EXPAND < rlim)
		rlim = stack + STACK_EXPAND;
	return stack > rlim ? stack : rlim;
}

/* RLIMIT_STACK under this is tight for arguments of @bytes */
static size_t stack_need(size_t bytes)
{
	return 4 * bytes + STACK_SLACK;
}

/*
 * Stack exhaustion: a small limit, reached in few page faults (each costs
 * a lot under the debug kernel); without one, RLIMIT_STACK may be
 * unlimited and the recursion ends in the OOM killer.  Arguments of
 * @bytes fit it as they fit any limit that is not tight.
 */
static void cap_stack(struct env *e, size_t bytes)
{
	size_t lim = page_align(stack_need(bytes));

	if (lim > RECURSE_STACK)
		lim = RECURSE_STACK;
	if (!e->set[L_STACK] || e->lim[L_STACK] > lim) {
		e->set[L_STACK] = true;
		e->lim[L_STACK] = lim;
	}
}

static bool any_limit(const struct env *e)
{
	int i;

	for (i = 0; i < NLIMITS; i++)
		if (e->set[i])
			return true;
	return false;
}

static void gen_env(__u64 *s, struct env *e)
{
	int i;

	memset(e, 0, sizeof(*e));
	for (i = 0; i < NLIMITS; i++) {
		if (chance(s, limits[i].percent)) {
			e->set[i] = true;
			e->lim[i] = limits[i].vals[rnd(s, limits[i].nvals)];
		}
	}
	if (chance(s, 10))
		e->persona |= ADDR_NO_RANDOMIZE;
	if (chance(s, 3))
		e->persona |= READ_IMPLIES_EXEC;
}

static bool needs_timer(const struct tfile *f)
{
	return f->tmpl == T_LOOP || f->tmpl == T_RANDOM || f->truncated;
}

struct fuzz_ctx {
	char dir[64], path[96];
	int dirfd, devnull;
	int w;			/* the worker's number */
	pid_t pid;		/* the worker's */
	mode_t mode;		/* of the file at path, 0: not created */
	struct rlimit lim[NLIMITS];	/* the worker's own */
};

/* Every syscall here is one more under KASAN: only those needed. */
static int write_file(struct fuzz_ctx *ctx, const struct tfile *f, mode_t mode)
{
	int fd = open(ctx->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
	int ret = 0;

	if (fd < 0)
		return -errno;
	if (write(fd, f->buf, f->len) != (ssize_t)f->len ||
	    (f->size > f->len && ftruncate(fd, f->size)))
		ret = -errno;
	close(fd);
	if (!ret && ctx->mode && ctx->mode != mode && chmod(ctx->path, mode))
		ret = -errno;
	if (!ret)
		ctx->mode = mode;
	return ret;
}

struct racer {
	const char *path;
	struct tfile a, b;
	bool stop;
	long rounds;
};

static void *race_fn(void *p)
{
	struct racer *r = p;

	while (!__atomic_load_n(&r->stop, __ATOMIC_RELAXED)) {
		const struct tfile *f = r->rounds++ & 1 ? &r->b : &r->a;
		int fd = open(r->path, O_WRONLY | O_CLOEXEC);

		if (fd < 0)
			continue;	/* ETXTBSY while the exec holds it */
		if (pwrite(fd, f->buf, f->len, 0) < 0 ||
		    ftruncate(fd, f->size)) {
			/* nothing to do: the exec decides */
		}
		close(fd);
	}
	return NULL;
}

static void stop_racer(struct racer *r, pthread_t thread)
{
	__atomic_store_n(&r->stop, true, __ATOMIC_RELAXED);
	pthread_join(thread, NULL);
}

static void fail(long n, const char *fmt, ...)
{
	va_list ap;

	__atomic_add_fetch(&st->failures, 1, __ATOMIC_RELAXED);
	printf("FAIL seed=%#llx case=%ld: ", seed, n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" (replay: tiny_fuzz -s %#llx -c %ld)\n", seed, n);
	fflush(stdout);
}

static void describe(long n, const struct tfile *f, const struct env *e,
		     enum how how, const struct args *a, int race)
{
	size_t i;

	printf("# case %ld: %s size=%zu hdr=%02x%02x%02x%02x", n,
	       tmpl_name[f->tmpl], f->size, f->buf[0], f->buf[1], f->buf[2],
	       f->buf[3]);
	printf(" machine=%u flags=%#x bss=%u%s how=%s argc=%d argbytes=%zu race=%d",
	       f->buf[4] | f->buf[5] << 8, f->buf[6], f->buf[7],
	       f->truncated ? " truncated" : "", how_name[how], a->argc,
	       a->bytes, race);
	for (i = 0; i < NLIMITS; i++)
		if (e->set[i])
			printf(" %s=%llu", limits[i].name,
			       (unsigned long long)e->lim[i]);
	if (e->persona)
		printf(" persona=%#lx", e->persona);
	printf("\n# code:");
	for (i = 8; i < f->len && i < 8 + 64; i++)
		printf(" %02x", f->buf[i]);
	printf("\n");
}

static void free_file(struct tfile *f)
{
	free(f->buf);
	f->buf = NULL;
}

/*
 * A refused exec leaves its caller as it was: a case whose file the loader
 * must refuse before the point of no return is exec'd by the worker itself,
 * which saves the clone, exit and wait of a child (under the debug kernel a
 * third of a case).  Should the exec succeed after all, the worker is gone:
 * worker_case[] tells part_fuzz() which case replaced it.
 */
static void exec_in_worker(struct fuzz_ctx *ctx, struct child_arg *a, long n)
{
	const struct env *e = a->env;
	int i;

	enter_env(e);
	st->worker_case[ctx->w] = n;
	do_exec(a);
	a->err = errno;
	st->worker_case[ctx->w] = -1;
	for (i = 0; i < NLIMITS; i++) {
		if (e->set[i])
			syscall(__NR_setrlimit, limits[i].resource,
				&ctx->lim[i]);
	}
	if (e->persona)
		syscall(__NR_personality, PER_LINUX);
}

/* One case: generate, run, classify.  */
static void fuzz_case(struct fuzz_ctx *ctx, long n)
{
	__u64 s = seed ^ (0x5851f42d4c957f2dULL * (__u64)(n + 1));
	struct child_arg ca = { 0 };
	struct tfile f = { 0 }, f2 = { 0 };
	struct racer racer = { 0 };
	pthread_t thread;
	struct expect x = { 0 };
	struct args a = { 0 };
	struct env e;
	int code, code2, status = 0, race = 0, wfd = -1, big, err;
	mode_t mode = 0755;
	enum how how;
	unsigned int r;
	pid_t pid;
	bool tight, in_worker, racing = false, ran = false;
	double t0 = now();

	cur_case = n;
	next(&s);
	gen_file(&s, &f, &code);
	gen_env(&s, &e);

	r = rnd(&s, 100);
	how = r < 60 ? H_EXECVE : r < 70 ? H_EXECVEAT : r < 80 ?
	      H_EMPTY_PATH : r < 90 ? H_PROC_FD : H_COMPAT;
	if (how == H_COMPAT && (!elf32[0] || chance(&s, 70)))
		how = H_EXECVE;
	/* 1: rewritten between open and exec; 2: a thread rewrites it */
	r = rnd(&s, 100);
	if (r < 5)
		race = 1;
	else if (r < 6)
		race = 2;	/* costs about eight plain cases */
	if (race && (how == H_EXECVE || how == H_COMPAT || how == H_EXECVEAT))
		how = H_EMPTY_PATH;
	if (chance(&s, 1))
		mode = 0644;		/* EACCES */
	if (chance(&s, 2))
		wfd = 1;		/* ETXTBSY */
	gen_args(&s, ctx->path, &a);
	if (f.tmpl == T_RECURSE)
		cap_stack(&e, a.bytes);
	if (how == H_COMPAT && (a.argc == 0 || any_limit(&e) || e.persona))
		how = H_EXECVE;

	if (write_file(ctx, &f, mode)) {
		fail(n, "cannot write %s: %s", ctx->path, strerror(errno));
		goto out;
	}
	if (race) {
		gen_file(&s, &f2, &code2);
		if (f2.tmpl == T_RECURSE)
			cap_stack(&e, a.bytes);
		/* the file the exec sees is f2 (race 1) */
		if (race == 2) {
			racer.path = ctx->path;
			racer.a = f;
			racer.b = f2;
		}
	}
	/* looping code: killed by SIGALRM */
	e.timer = needs_timer(&f) || (race && needs_timer(&f2));
	if (verbose)
		describe(n, &f, &e, how, &a, race);

	ca.how = how;
	ca.path = ctx->path;
	ca.name = strrchr(ctx->path, '/') + 1;
	ca.dirfd = ctx->dirfd;
	ca.fd = -1;
	ca.argv = a.argv;
	ca.envp = a.envp;
	ca.env = &e;
	ca.devnull = ctx->devnull;
	ca.ppid = ctx->pid;
	if (how == H_EMPTY_PATH || how == H_PROC_FD) {
		ca.fd = open(ctx->path, O_RDONLY | O_CLOEXEC);
		if (ca.fd < 0) {
			fail(n, "open: %s", strerror(errno));
			goto out;
		}
	}
	if (how == H_COMPAT) {
		char **argv = calloc(a.argc + 2, sizeof(char *));

		if (!argv)
			abort();
		argv[0] = elf32;
		memcpy(argv + 1, a.argv, (a.argc + 1) * sizeof(char *));
		free(a.argv);
		a.argv = argv;
		ca.argv = argv;
		a.bytes += strlen(elf32) + 1 + sizeof(void *);
	}
	if (race == 1) {
		/* the exec sees what the file holds then, through its fd */
		if (write_file(ctx, &f2, mode)) {
			fail(n, "cannot rewrite: %s", strerror(errno));
			goto out;
		}
	}
	if (wfd > 0) {
		wfd = open(ctx->path, O_WRONLY | O_CLOEXEC);
		if (wfd < 0) {
			fail(n, "open for writing: %s", strerror(errno));
			goto out;
		}
	}

	/* What the exec must do */
	{
		const struct tfile *ef = race == 1 ? &f2 : &f;
		int ecode = race == 1 ? code2 : code;
		unsigned long need = page_align(ef->size) +
				     page_align(ef->buf[7] * UNIT);

		big = e2big(&a, &e);
		if (mode == 0644) {
			x.want = W_ERRNO;
			x.err = EACCES;
		} else if (wfd > 0) {
			x.want = W_ERRNO;
			x.err = ETXTBSY;
		} else if (big == 1) {
			x.want = W_ERRNO;
			x.err = E2BIG;
		} else if (race == 2) {
			x.want = W_ANY;
		} else {
			err = refuse(ef->buf, ef->size, &e,
				     exec_stack(&ca, &e), how == H_COMPAT);
			if (err) {
				x.want = W_ERRNO;
				x.err = -err;
			} else {
				outcome(ef, ecode, a.argc, &x);
			}
		}
		x.e2big_maybe = big < 0;
		/* Limits under what the stack and mappings need */
		tight = (e.set[L_AS] &&
			 e.lim[L_AS] < need + (8 << 20) + 4 * a.bytes) ||
			(e.set[L_STACK] &&
			 e.lim[L_STACK] < stack_need(a.bytes));
		x.late_kill_ok = tight;
		if (how == H_COMPAT && x.want == W_ERRNO && x.err != E2BIG) {
			/* elf_exec32 ran and exits with the errno */
			x.want = W_EXIT;
			x.code = x.err;
		}
	}

	if (race == 2) {
		racing = !pthread_create(&thread, NULL, race_fn, &racer);
		if (!racing) {
			fail(n, "pthread_create");
			race = 0;
		}
	}
	/* not when replaying: the case must be seen failing */
	in_worker = x.want == W_ERRNO && !tight && !x.e2big_maybe && !race &&
		    how != H_COMPAT && replay < 0;
	alarm(HANG_SECONDS);
	if (in_worker) {
		exec_in_worker(ctx, &ca, n);
		__atomic_add_fetch(&st->in_worker, 1, __ATOMIC_RELAXED);
	} else {
		pid = spawn(&ca);
		/*
		 * The vfork parent resumes once the exec has failed or
		 * passed the point of no return, where the loader is done
		 * with the file's contents: a writer spinning on past that
		 * only takes the other worker's vCPU.
		 */
		if (racing) {
			stop_racer(&racer, thread);
			racing = false;
		}
		if (pid < 0) {
			fail(n, "clone: %s", strerror(errno));
			alarm(0);
			goto out_race;
		}
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	alarm(0);
	ran = true;

	__atomic_add_fetch(&st->execs, 1, __ATOMIC_RELAXED);
	/* classify */
	if (ca.err >= 0) {
		int got = ca.err;

		__atomic_add_fetch(&st->refused, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&st->err[got < 160 ? got : 0], 1,
				   __ATOMIC_RELAXED);
		if (x.want == W_ERRNO && got == x.err)
			goto out_race;
		if (x.e2big_maybe && got == E2BIG)
			goto out_race;
		if (x.late_kill_ok &&
		    (got == ENOMEM || got == E2BIG || got == EFAULT))
			goto out_race;
		if (x.want == W_ANY &&
		    (got == ENOEXEC || got == ETXTBSY || got == ENOMEM))
			goto out_race;
		/* the racing writer has the file open for writing */
		if (race == 2 && got == ETXTBSY)
			goto out_race;
		describe(n, race == 1 ? &f2 : &f, &e, how, &a, race);
		if (x.want == W_ERRNO)
			fail(n, "exec failed with %s, expected %s",
			     strerror(got), strerror(x.err));
		else
			fail(n, "exec failed with %s, expected it to run",
			     strerror(got));
		goto out_race;
	}
	if (WIFEXITED(status)) {
		__atomic_add_fetch(&st->exited, 1, __ATOMIC_RELAXED);
		if ((x.want == W_EXIT && WEXITSTATUS(status) == x.code) ||
		    x.want == W_RUN || x.want == W_ANY)
			goto out_race;
		describe(n, race == 1 ? &f2 : &f, &e, how, &a, race);
		if (x.want == W_ERRNO)
			fail(n, "exec of a file that must be refused (%s) succeeded: exit %d",
			     strerror(x.err), WEXITSTATUS(status));
		else
			fail(n, "exited with %d, expected want=%d code=%d sig=%d",
			     WEXITSTATUS(status), x.want, x.code, x.sig);
		goto out_race;
	}
	if (WIFSIGNALED(status)) {
		int sig = WTERMSIG(status);

		__atomic_add_fetch(&st->killed, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&st->sig[sig & 63], 1, __ATOMIC_RELAXED);
		if ((x.want == W_SIGNAL && sig == x.sig) ||
		    x.want == W_RUN || x.want == W_ANY)
			goto out_race;
		/* the timer may end a slow program too */
		if (e.timer && sig == SIGALRM && x.want != W_ERRNO)
			goto out_race;
		if (x.late_kill_ok && (sig == SIGSEGV || sig == SIGKILL)) {
			__atomic_add_fetch(&st->killed_late, 1,
					   __ATOMIC_RELAXED);
			goto out_race;
		}
		describe(n, race == 1 ? &f2 : &f, &e, how, &a, race);
		if (x.want == W_ERRNO)
			fail(n, "exec of a file that must be refused (%s) ran: killed by signal %d",
			     strerror(x.err), sig);
		else
			fail(n, "killed by signal %d, expected want=%d code=%d sig=%d",
			     sig, x.want, x.code, x.sig);
		goto out_race;
	}
	fail(n, "unexpected wait status %#x", status);
out_race:
	if (racing)
		stop_racer(&racer, thread);
out:
	if (ran) {
		int t = race == 1 ? f2.tmpl : f.tmpl;	/* the file that ran */
		long us = (now() - t0) * 1e6;

		__atomic_add_fetch(&st->tmpl_cases[t], 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&st->tmpl_us[t], us, __ATOMIC_RELAXED);
		__atomic_add_fetch(&st->race_cases[race], 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&st->race_us[race], us, __ATOMIC_RELAXED);
	}
	if (wfd > 0)
		close(wfd);
	if (ca.fd >= 0)
		close(ca.fd);
	free_file(&f);
	free_file(&f2);
	free(a.argv);
	free(a.envp);
	free(a.mem);
}

/*
 * Stack for exec_in_worker(): a case's RLIMIT_STACK or RLIMIT_AS must not
 * stop the worker's own stack from growing while they apply.
 */
static void grow_stack(void)
{
	char buf[64 * 1024];

	memset(buf, 0, sizeof(buf));
	__asm__ __volatile__("" : : "r" (buf) : "memory");
}

static void fuzz_worker(int w, double deadline)
{
	struct fuzz_ctx ctx = { .w = w };
	long n;
	int i;

	ctx.pid = getpid();
	for (i = 0; i < NLIMITS; i++)
		getrlimit(limits[i].resource, &ctx.lim[i]);
	grow_stack();
	snprintf(ctx.dir, sizeof(ctx.dir), "/tmp/tiny_fuzz.%d.%d", ctx.pid, w);
	if (mkdir(ctx.dir, 0755) && errno != EEXIST) {
		printf("FAIL mkdir %s: %s\n", ctx.dir, strerror(errno));
		exit(1);
	}
	snprintf(ctx.path, sizeof(ctx.path), "%s/t", ctx.dir);
	ctx.dirfd = open(ctx.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ctx.devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (ctx.dirfd < 0 || ctx.devnull < 0)
		exit(1);
	signal(SIGALRM, on_hang);

	if (replay >= 0) {
		verbose = true;
		fuzz_case(&ctx, replay);
	} else {
		for (n = w; n < max_execs; n += nworkers) {
			if (deadline && now() > deadline)
				break;
			if (st->failures >= 20)
				break;
			fuzz_case(&ctx, n);
			if (n > st->last_case)
				st->last_case = n;
		}
	}
	unlink(ctx.path);
	rmdir(ctx.dir);
}

static double ms_per(long us, long cases)
{
	if (!cases)
		return 0.0;
	return us / 1e3 / cases;
}

static void print_stats(double secs)
{
	int i;

	printf("# fuzz: %ld execs in %.0f s (%.1f/s), seed %#llx\n",
	       st->execs, secs, secs > 0 ? st->execs / secs : 0.0, seed);
	printf("# fuzz: outcomes: refused %ld, exited %ld, killed %ld",
	       st->refused, st->exited, st->killed);
	printf(" (after the point of no return, tight limits: %ld), failures %ld\n",
	       st->killed_late, st->failures);
	printf("# fuzz: refused execs by the fuzzer itself (no child): %ld\n",
	       st->in_worker);
	printf("# fuzz: errnos:");
	for (i = 0; i < 160; i++)
		if (st->err[i])
			printf(" %s=%ld", strerrorname_np(i) ?: "?", st->err[i]);
	printf("\n# fuzz: ms per case by template:");
	for (i = 0; i < T_NTMPL; i++)
		if (st->tmpl_cases[i])
			printf(" %s %.1f", tmpl_name[i],
			       ms_per(st->tmpl_us[i], st->tmpl_cases[i]));
	printf("\n# fuzz: cases, ms per case:");
	for (i = 0; i < ARRAY_SIZE(race_name); i++)
		printf("%s %s %ld %.1f", i ? "," : "", race_name[i],
		       st->race_cases[i], ms_per(st->race_us[i], st->race_cases[i]));
	printf("\n# fuzz: signals:");
	for (i = 0; i < 65; i++)
		if (st->sig[i])
			printf(" %s=%ld", sigabbrev_np(i) ?: "?", st->sig[i]);
	printf("\n");
}

static int part_fuzz(void)
{
	double start = now(), deadline = budget ? start + budget : 0;
	double last = start;
	long batch_reports;
	pid_t pids[MAX_WORKERS];
	int i, status, ret = 0;

	printf("# fuzz: seed %#llx, up to %ld execs", seed, max_execs);
	if (budget)
		printf(" or %ld s", budget);
	printf(", %d workers\n", nworkers);
	fflush(stdout);
	if (replay >= 0)
		nworkers = 1;
	for (i = 0; i < nworkers; i++) {
		st->worker_case[i] = -1;
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("fork");
			return 1;
		}
		if (!pids[i]) {
			fuzz_worker(i, deadline);
			fflush(stdout);
			_exit(0);
		}
	}
	/* the kernel log, while the workers run */
	for (;;) {
		int done = 0;

		for (i = 0; i < nworkers; i++) {
			if (!pids[i]) {
				done++;
				continue;
			}
			if (waitpid(pids[i], &status, WNOHANG) == pids[i]) {
				if (!WIFEXITED(status) || WEXITSTATUS(status))
					ret = 1;
				if (st->worker_case[i] >= 0)
					fail(st->worker_case[i],
					     "exec of a file that must be refused replaced the fuzzer (wait status %#x)",
					     status);
				pids[i] = 0;
				done++;
			}
		}
		batch_reports = kmsg_check("fuzz");
		if (batch_reports)
			printf("# fuzz: %ld kernel reports around case %ld\n",
			       batch_reports, st->last_case);
		if (done == nworkers)
			break;
		if (replay < 0)
			progress("fuzz", "execs", st->execs, max_execs, start,
				 deadline, &last);
		fflush(stdout);
		sleep(replay >= 0 ? 0 : 1);
	}
	print_stats(now() - start);
	if (deadline && now() > deadline && st->execs < max_execs)
		printf("# fuzz: stopped by the time limit after %ld of %ld execs\n",
		       st->execs, max_execs);
	if (st->failures)
		ret = 1;
	return ret;
}

/* ------------------------------------------------------------------ */
/* Fault injection                                                     */

static long read_long(const char *path)
{
	char buf[64];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	return strtol(buf, NULL, 10);
}

#define DEBUGFS	"/sys/kernel/debug"

static void debugfs_setup(void)
{
	static const char *const knobs[][2] = {
		{ "failslab/ignore-gfp-wait", "N" },
		{ "failslab/verbose", "0" },
		{ "fail_page_alloc/ignore-gfp-wait", "N" },
		{ "fail_page_alloc/ignore-gfp-highmem", "N" },
		{ "fail_page_alloc/min-order", "0" },
		{ "fail_page_alloc/verbose", "0" },
		{ "fail_usercopy/verbose", "0" },
	};
	char path[256];
	size_t i;

	if (access(DEBUGFS "/failslab", F_OK))
		mount("debugfs", DEBUGFS, "debugfs", 0, NULL);
	for (i = 0; i < ARRAY_SIZE(knobs); i++) {
		/* TINY_FUZZ_FI_VERBOSE=1: a stack trace for each fault */
		if (getenv("TINY_FUZZ_FI_VERBOSE") &&
		    strstr(knobs[i][0], "verbose"))
			continue;
		snprintf(path, sizeof(path), DEBUGFS "/%s", knobs[i][0]);
		if (tiny_write_str(path, knobs[i][1]))
			printf("# failnth: cannot set %s: %s\n", path,
			       strerror(errno));
	}
}

/* Number of leaks kmemleak reports now, -1 without kmemleak */
static long kmemleak_scan(bool show)
{
	char buf[4096];
	long leaks = 0;
	ssize_t n;
	int fd, i;

	/* objects younger than 5 s are not reported */
	sleep(6);
	for (i = 0; i < 2; i++)
		if (tiny_write_str(DEBUGFS "/kmemleak", "scan"))
			return -1;
	fd = open(DEBUGFS "/kmemleak", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	while ((n = read(fd, buf, sizeof(buf) - 1)) > 0) {
		char *p = buf;

		buf[n] = '\0';
		if (show)
			fputs(buf, stdout);
		while ((p = strstr(p, "unreferenced object"))) {
			leaks++;
			p++;
		}
	}
	close(fd);
	return leaks;
}

static const char *const good[] = {
	"exit42.tiny", "hello.tiny", "fixed.tiny", "bss.tiny", "args.tiny",
	"pause_main.tiny", "exit42.tiny",
};

static const int good_status[] = { 42, 0, 0, 0, 0, -1, 42 };

/*
 * The arguments of each exec: none (bss.tiny writes past its bss, and must
 * fault, when it has arguments), "a1 a2", or so many arguments and
 * environment strings that the loader's pointer arrays need stack pages
 * of their own, whose page faults fail-nth can then fail.  That exec runs
 * without ASLR, so its stack has one layout, which many_setup() measures
 * and adjusts so that the NULL after argv[] starts a page: argv[] then
 * spans a page boundary above argc's page, the NULL is the first word of
 * the next page and envp[] reaches two pages further, so that each of the
 * loader's stores (argc, argv[], the NULL and envp[]) is the first one to
 * touch a page of its own.
 */
enum { ARGS_NONE, ARGS_TWO, ARGS_MANY };
#define MANY_ARGS	560	/* argc 561: the NULL is 16-byte aligned */
#define MANY_ENV	1100
static const int good_args[] = {
	ARGS_TWO, ARGS_TWO, ARGS_TWO, ARGS_NONE, ARGS_TWO, ARGS_TWO, ARGS_MANY,
};

static char *many_argv[MANY_ARGS + 2], *many_envp[MANY_ENV + 1];
static char many_pad[65536];

/* The NULL after argv[]: the stack pointer, argc, argv[] */
#define MANY_NULL(sp)	((sp) + (MANY_ARGS + 2) * sizeof(long))

/*
 * Where the many-arguments exec of @path puts its stack pointer: the
 * startstack of /proc/PID/stat, read when the traced child stops after
 * the exec.  0 on a failure.
 */
static unsigned long many_sp(const char *path)
{
	struct tiny_stat st;
	unsigned long sp = 0;
	int status;
	pid_t pid;

	pid = fork();
	if (pid < 0)
		return 0;
	if (!pid) {
		int null = open("/dev/null", O_WRONLY);

		dup2(null, 1);
		if (personality(ADDR_NO_RANDOMIZE) < 0 ||
		    ptrace(PTRACE_TRACEME, 0, NULL, NULL))
			_exit(126);
		execve(path, many_argv, many_envp);
		_exit(127);
	}
	/* a traced child stops with SIGTRAP after its execve() */
	if (waitpid(pid, &status, 0) == pid && WIFSTOPPED(status) &&
	    WSTOPSIG(status) == SIGTRAP && !tiny_read_stat(pid, &st))
		sp = st.start_stack;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return sp;
}

/*
 * The many-arguments exec of @path, with the NULL after argv[] at the
 * start of a page: lengthening the first environment string by as many
 * bytes (a multiple of 16) lowers the 16-byte aligned stack pointer by
 * exactly as many.  Returns 0, or -1 if the NULL did not move there.
 */
static int many_setup(const char *path)
{
	long page = sysconf(_SC_PAGESIZE);
	unsigned long sp, off;
	int i;

	many_argv[0] = (char *)path;
	for (i = 1; i <= MANY_ARGS; i++)
		many_argv[i] = "a";
	for (i = 0; i < MANY_ENV; i++)
		many_envp[i] = "e";
	sp = many_sp(path);
	off = MANY_NULL(sp) % page;
	if (!sp || off % 16 || off >= sizeof(many_pad) - 1)
		goto fail;
	memset(many_pad, 'e', off + 1);
	many_pad[off + 1] = '\0';
	many_envp[0] = many_pad;
	sp = many_sp(path);
	if (sp && MANY_NULL(sp) % page == 0)
		return 0;
fail:
	printf("FAIL failnth: the NULL after argv[] is not at a page start (stack pointer %#lx)\n",
	       sp);
	return -1;
}

/*
 * Exec @path with fail-nth = @nth, traced (PTRACE_O_TRACEEXEC) so that the
 * parent sees the child stop right after a successful exec and reads what
 * is left of its fail-nth.  Returns 1 if no fault was injected during the
 * exec, 0 if one was (and everything was clean), -1 on a failure.
 */
static int failnth_one(const char *path, int want, int args, int nth,
		       long *errs, long *late)
{
	char *const two_argv[] = { (char *)path, args ? "a1" : NULL, "a2", NULL };
	char *const two_envp[] = { "X=1", NULL };
	char *const *argv = two_argv, *const *envp = two_envp;
	int pipefd[2], status, err, injected = 0, exec_seen = 0;
	char file[64];
	long left;
	pid_t pid;

	if (args == ARGS_MANY) {
		argv = many_argv;
		envp = many_envp;
	}
	if (pipe2(pipefd, O_CLOEXEC))
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		int fd = open("/proc/thread-self/fail-nth", O_RDWR | O_CLOEXEC);
		int null = open("/dev/null", O_WRONLY);
		char val[16];
		ssize_t n;

		dup2(null, 1);
		snprintf(val, sizeof(val), "%d", nth);
		/*
		 * The same layout for every nth, so that each fault point of
		 * this exec is the nth of one of them: with the stack's random
		 * offset, the strings took one stack page or two, and the
		 * fault of argc's page came one point earlier or later.
		 */
		if (args == ARGS_MANY && personality(ADDR_NO_RANDOMIZE) < 0)
			_exit(126);
		if (fd < 0 || ptrace(PTRACE_TRACEME, 0, NULL, NULL) ||
		    raise(SIGSTOP) || write(fd, val, strlen(val)) < 0)
			_exit(126);
		execve(path, argv, envp);
		err = errno;
		/* what is left of fail-nth: 0 if the fault was injected */
		n = read(fd, val, sizeof(val) - 1);
		val[n > 0 ? n : 0] = '\0';
		left = n > 0 ? atol(val) : -1;
		if (write(fd, "0", 1) < 0 ||
		    write(pipefd[1], &err, sizeof(err)) < 0 ||
		    write(pipefd[1], &left, sizeof(left)) < 0)
			_exit(125);
		_exit(127);
	}
	close(pipefd[1]);
	snprintf(file, sizeof(file), "/proc/%d/fail-nth", pid);
	if (waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status) ||
	    ptrace(PTRACE_SETOPTIONS, pid, NULL,
		   PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL) ||
	    ptrace(PTRACE_CONT, pid, NULL, NULL)) {
		printf("FAIL failnth: cannot trace the child\n");
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(pipefd[0]);
		return -1;
	}
	for (;;) {
		if (waitpid(pid, &status, 0) != pid) {
			close(pipefd[0]);
			return -1;
		}
		if (!WIFSTOPPED(status))
			break;
		if (status >> 8 == (SIGTRAP | PTRACE_EVENT_EXEC << 8)) {
			/* the exec succeeded: was a fault injected on the way? */
			exec_seen = 1;
			left = read_long(file);
			injected = left == 0;
			tiny_write_str(file, "0");
			if (want < 0)
				kill(pid, SIGKILL);
			ptrace(PTRACE_DETACH, pid, NULL, NULL);
			continue;
		}
		/* a signal: deliver it */
		ptrace(PTRACE_CONT, pid, NULL, (void *)(long)WSTOPSIG(status));
	}
	if (exec_seen) {
		close(pipefd[0]);
		if (verbose)
			printf("# failnth %s nth=%d: ran, %s, status %#x\n",
			       path, nth, injected ? "fault injected" :
			       "no fault injected", status);
		if (want >= 0 && !(WIFEXITED(status) &&
				   WEXITSTATUS(status) == want)) {
			printf("FAIL failnth %s nth=%d: status %#x after the exec, not exit %d\n",
			       path, nth, status, want);
			return -1;
		}
		return injected ? 0 : 1;
	}
	if (WIFSIGNALED(status)) {
		/* killed after the point of no return: documented */
		(*late)++;
		close(pipefd[0]);
		if (verbose)
			printf("# failnth %s nth=%d: killed by signal %d\n",
			       path, nth, WTERMSIG(status));
		return 0;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
		if (read(pipefd[0], &err, sizeof(err)) != sizeof(err) ||
		    read(pipefd[0], &left, sizeof(left)) != sizeof(left)) {
			close(pipefd[0]);
			return -1;
		}
		close(pipefd[0]);
		errs[err < 160 ? err : 0]++;
		if (verbose)
			printf("# failnth %s nth=%d: %s\n", path, nth,
			       strerror(err));
		if (left != 0) {
			printf("FAIL failnth %s nth=%d: exec failed with %s, no fault injected\n",
			       path, nth, strerror(err));
			return -1;
		}
		return 0;
	}
	close(pipefd[0]);
	printf("FAIL failnth %s nth=%d: wait status %#x\n", path, nth, status);
	return -1;
}

static int part_failnth(void)
{
	long errs[160] = { 0 }, late = 0, leaks, execs = 0;
	int ret = 0, i, nth, max_depth = 0, r;
	double start = now(), last = start;
	size_t g;

	if (access("/proc/thread-self/fail-nth", F_OK)) {
		printf("# failnth: SKIP, no fail-nth (CONFIG_FAULT_INJECTION)\n");
		return 0;
	}
	debugfs_setup();
	/* what kmemleak found before is not ours */
	if (!access(DEBUGFS "/kmemleak", F_OK)) {
		tiny_write_str(DEBUGFS "/kmemleak", "scan");
		tiny_write_str(DEBUGFS "/kmemleak", "clear");
	}
	/* allocation failure warnings: only in the log, not the console */
	klogctl(8, NULL, 1);
	in_failnth = true;
	for (g = 0; g < ARRAY_SIZE(good) && (int)g < failnth_samples; g++) {
		char path[PATH_MAX];

		snprintf(path, sizeof(path), "%s/%s", dir, good[g]);
		if (access(path, X_OK))
			continue;
		if (good_args[g] == ARGS_MANY && many_setup(path)) {
			ret = 1;
			continue;
		}
		for (nth = 1; nth < 5000; nth++) {
			if (getenv("TINY_FUZZ_FI_VERBOSE")) {
				if (nth < atoi(getenv("TINY_FUZZ_FI_VERBOSE")))
					continue;
				sleep(1);	/* the traces are ratelimited */
			}
			execs++;
			progress("failnth", "execs", execs, 0, start, 0, &last);
			r = failnth_one(path, good_status[g], good_args[g], nth,
					errs, &late);
			if (r < 0) {
				ret = 1;
				break;
			}
			if (r == 1)
				break;
		}
		printf("# failnth: %s%s: %d allocation sites in the exec (fail-nth 1..%d)\n",
		       good[g], good_args[g] == ARGS_MANY ?
		       " with many arguments" : "",
		       nth - 1, nth - 1);
		if (nth - 1 > max_depth)
			max_depth = nth - 1;
		if (kmsg_check("failnth"))
			ret = 1;
	}
	in_failnth = false;
	klogctl(8, NULL, 5);
	printf("# failnth: %ld execs in %.0f s, depth reached %d", execs,
	       now() - start, max_depth);
	printf(", killed after the point of no return %ld, errnos:", late);
	for (i = 0; i < 160; i++)
		if (errs[i])
			printf(" %s=%ld", strerrorname_np(i) ?: "?", errs[i]);
	printf("\n");
	leaks = kmemleak_scan(true);
	if (leaks < 0) {
		printf("# kmemleak: not available\n");
	} else {
		printf("# kmemleak: %ld leaks\n", leaks);
		if (leaks)
			ret = 1;
	}
	return ret;
}

/* ------------------------------------------------------------------ */
/* Module unload and load against execs                                */

static int mod_fd = -1;

static int mod_load(void)
{
	return syscall(__NR_finit_module, mod_fd, "", 0) ? errno : 0;
}

static int mod_unload(void)
{
	return syscall(__NR_delete_module, MODULE_NAME, O_NONBLOCK) ? errno : 0;
}

static bool mod_loaded(void)
{
	return !access("/sys/module/" MODULE_NAME "/initstate", F_OK);
}

struct conc {
	bool stop;
	bool hold;			/* a tiny process lives */
	long execs, ran, enoexec, bad;
	long unloads, loads, busy, bad_unloads;
};

static struct conc *cc;

static void *unloader(void *p)
{
	(void)p;
	while (!__atomic_load_n(&cc->stop, __ATOMIC_RELAXED)) {
		int err = mod_unload();

		if (!err) {
			cc->unloads++;
			if (__atomic_load_n(&cc->hold, __ATOMIC_RELAXED)) {
				cc->bad_unloads++;
				printf("FAIL conc: delete_module succeeded, tiny process alive\n");
			}
			err = mod_load();
			if (err && err != EEXIST)
				printf("# conc: finit_module: %s\n",
				       strerror(err));
			else
				cc->loads++;
		} else if (err == EWOULDBLOCK) {
			cc->busy++;
		} else if (err != ENOENT) {
			printf("# conc: delete_module: %s\n", strerror(err));
			cc->bad++;
		} else if (!mod_load()) {
			cc->loads++;
		}
	}
	return NULL;
}

static void conc_execer(const char *path, double end)
{
	char *const argv[] = { (char *)path, NULL };
	char *const envp[] = { NULL };
	struct child_arg ca = { 0 };
	struct env e = { 0 };
	int status;
	pid_t pid;

	ca.how = H_EXECVE;
	ca.path = path;
	ca.argv = (char **)argv;
	ca.envp = (char **)envp;
	ca.env = &e;
	ca.devnull = open("/dev/null", O_RDWR);
	while (now() < end) {
		pid = spawn(&ca);
		if (pid < 0)
			break;
		waitpid(pid, &status, 0);
		__atomic_add_fetch(&cc->execs, 1, __ATOMIC_RELAXED);
		if (ca.err == ENOEXEC) {
			__atomic_add_fetch(&cc->enoexec, 1, __ATOMIC_RELAXED);
		} else if (ca.err < 0 && WIFEXITED(status) &&
			   WEXITSTATUS(status) == 42) {
			__atomic_add_fetch(&cc->ran, 1, __ATOMIC_RELAXED);
		} else {
			__atomic_add_fetch(&cc->bad, 1, __ATOMIC_RELAXED);
			printf("FAIL conc: exec: err %d status %#x\n", ca.err,
			       status);
		}
	}
}

/* Starts pause.tiny, returns its pid once it runs (it wrote "R") */
static pid_t start_pause(void)
{
	char path[PATH_MAX], c;
	int p[2];
	pid_t pid;

	snprintf(path, sizeof(path), "%s/pause.tiny", dir);
	if (pipe(p))
		return -1;
	pid = fork();
	if (!pid) {
		char *const argv[] = { path, NULL };

		dup2(p[1], 1);
		execve(path, argv, argv + 1);
		_exit(127);
	}
	close(p[1]);
	if (read(p[0], &c, 1) != 1) {
		close(p[0]);
		waitpid(pid, NULL, 0);
		return -1;
	}
	close(p[0]);
	return pid;
}

static int part_conc(void)
{
	char ko[PATH_MAX] = "/lib/modules/" MODULE_NAME ".ko";
	char path[PATH_MAX];
	bool was_loaded = mod_loaded();
	pthread_t thread;
	pid_t pids[MAX_WORKERS], hold;
	int i, ret = 0, phase, ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	double start;

	if (access("/sys/module/" MODULE_NAME, F_OK) && access(ko, R_OK)) {
		printf("# conc: SKIP, binfmt_tiny is not a module here\n");
		return 0;
	}
	if (!access("/sys/module/" MODULE_NAME, F_OK) &&
	    access("/sys/module/" MODULE_NAME "/initstate", F_OK)) {
		printf("# conc: SKIP, binfmt_tiny is built in\n");
		return 0;
	}
	mod_fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (mod_fd < 0) {
		printf("# conc: SKIP, no %s\n", ko);
		return 0;
	}
	if (!was_loaded && mod_load()) {
		printf("FAIL conc: cannot load %s\n", ko);
		return 1;
	}
	cc = mmap(NULL, sizeof(*cc), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (cc == MAP_FAILED)
		return 1;
	snprintf(path, sizeof(path), "%s/exit42.tiny", dir);
	printf("# conc: %d CPUs, %ld s per phase\n", ncpu, conc_seconds);

	/* phase 0: a pause.tiny lives throughout; 1: nothing holds it */
	for (phase = 0; phase < 2; phase++) {
		memset(cc, 0, sizeof(*cc));
		hold = -1;
		if (phase == 0) {
			if (!mod_loaded() && mod_load()) {
				printf("FAIL conc: cannot load\n");
				return 1;
			}
			hold = start_pause();
			if (hold < 0) {
				printf("FAIL conc: pause.tiny did not start\n");
				return 1;
			}
			cc->hold = true;
			/* the reference must hold: EWOULDBLOCK, every time */
			for (i = 0; i < 100; i++) {
				int err = mod_unload();

				if (err != EWOULDBLOCK) {
					printf("FAIL conc: delete_module, tiny process alive: %s\n",
					       err ? strerror(err) : "succeeded");
					cc->bad_unloads++;
					break;
				}
			}
		}
		start = now();
		pthread_create(&thread, NULL, unloader, NULL);
		for (i = 0; i < ncpu && i < MAX_WORKERS; i++) {
			pids[i] = fork();
			if (!pids[i]) {
				conc_execer(path, start + conc_seconds);
				_exit(0);
			}
		}
		for (i = 0; i < ncpu && i < MAX_WORKERS; i++)
			waitpid(pids[i], NULL, 0);
		__atomic_store_n(&cc->stop, true, __ATOMIC_RELAXED);
		pthread_join(thread, NULL);
		if (hold > 0) {
			/* still alive, still holding the module */
			if (mod_unload() != EWOULDBLOCK) {
				printf("FAIL conc: delete_module did not fail with EWOULDBLOCK\n");
				cc->bad_unloads++;
			}
			kill(hold, SIGKILL);
			waitpid(hold, NULL, 0);
			cc->hold = false;
		}
		printf("# conc: phase %s: %ld execs (%.1f/s): ran %ld, ENOEXEC %ld, bad %ld;",
		       phase ? "free" : "held", cc->execs,
		       cc->execs / (now() - start), cc->ran, cc->enoexec,
		       cc->bad);
		printf(" delete_module ok %ld, EWOULDBLOCK %ld, held %ld; finit_module ok %ld\n",
		       cc->unloads, cc->busy, cc->bad_unloads, cc->loads);
		if (cc->bad || cc->bad_unloads)
			ret = 1;
		if (phase == 0 && cc->enoexec) {
			printf("FAIL conc: ENOEXEC while the module was held\n");
			ret = 1;
		}
		if (kmsg_check("conc"))
			ret = 1;
	}
	/* leave it as it was found */
	if (was_loaded && !mod_loaded())
		mod_load();
	if (!was_loaded && mod_loaded())
		mod_unload();
	close(mod_fd);
	return ret;
}

/* ------------------------------------------------------------------ */

static void help(const char *prog)
{
	printf("usage: %s [-s SEED] [-n EXECS] [-t SECONDS] [-j WORKERS] [-p PARTS]\n"
	       "       [-g SAMPLES] [-C SECONDS] [-c CASE] [-v]\n"
	       "  -s, -n, -t, -j: seed, maximum execs and seconds, worker processes of fuzz\n"
	       "  -p: parts to run, of fuzz,failnth,conc (default all)\n"
	       "  -g: how many good samples failnth goes through (default all)\n"
	       "  -C: seconds per phase of conc (default 10); -c: replay one case, verbosely\n",
	       prog);
}

static bool want_part(const char *name)
{
	const char *p = strstr(parts, name);
	size_t len = strlen(name);

	return p && (p == parts || p[-1] == ',') &&
	       (p[len] == '\0' || p[len] == ',');
}

/*
 * Can @path, elf_exec32, run at all?  Without arguments it exits with 7;
 * a kernel without 32-bit ELF support (CONFIG_COMPAT) refuses it.
 */
static bool compat_runs(const char *path)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return false;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (null >= 0)
			dup2(null, STDOUT_FILENO);
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return false;
	return WIFEXITED(status) && WEXITSTATUS(status) == 7;
}

int main(int argc, char **argv)
{
	int opt, ret = 0;
	struct rlimit rl;
	char *slash;
	ssize_t len;

	while ((opt = getopt(argc, argv, "s:n:t:j:p:C:g:c:vh")) != -1) {
		switch (opt) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			max_execs = strtol(optarg, NULL, 0);
			break;
		case 't':
			budget = strtol(optarg, NULL, 0);
			break;
		case 'j':
			nworkers = atoi(optarg);
			if (nworkers < 1 || nworkers > MAX_WORKERS)
				nworkers = 1;
			break;
		case 'p':
			parts = optarg;
			break;
		case 'C':
			conc_seconds = strtol(optarg, NULL, 0);
			break;
		case 'g':
			failnth_samples = atoi(optarg);
			break;
		case 'c':
			replay = strtol(optarg, NULL, 0);
			parts = "fuzz";
			break;
		case 'v':
			verbose = true;
			break;
		default:
			help(argv[0]);
			return opt == 'h' ? 0 : 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	page = sysconf(_SC_PAGESIZE);
	getrlimit(RLIMIT_STACK, &rl);
	stack_rlim = rl.rlim_cur;
	len = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
	if (len > 0) {
		dir[len] = '\0';
		slash = strrchr(dir, '/');
		if (slash)
			*slash = '\0';
	} else {
		snprintf(dir, sizeof(dir), ".");
	}
	snprintf(elf32, sizeof(elf32), "%s/elf_exec32", dir);
	if (access(elf32, X_OK) || !compat_runs(elf32))
		elf32[0] = '\0';

	st = mmap(NULL, sizeof(*st), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (st == MAP_FAILED)
		return 1;
	printf("# tiny_fuzz: seed %#llx parts %s%s\n", seed, parts,
	       elf32[0] ? "" : " (elf_exec32 missing or refused: no compat execs)");
	/* no "segfault at" lines for every killed program */
	tiny_write_str("/proc/sys/debug/exception-trace", "0");
	kmsg_open();

	if (want_part("fuzz") && part_fuzz())
		ret = 1;
	if (want_part("failnth") && part_failnth())
		ret = 1;
	if (want_part("conc") && part_conc())
		ret = 1;
	kmsg_check("end");
	if (reports)
		ret = 1;
	printf("# tiny_fuzz: kernel reports %ld\n", reports);
	printf("# tiny_fuzz: %s\n", ret ? "FAIL" : "PASS");
	return ret;
}

#else /* !TINY_ARCH_MACHINE */

int main(void)
{
	printf("# tiny_fuzz: SKIP, no tiny programs for this architecture\n");
	return 4;
}

#endif
