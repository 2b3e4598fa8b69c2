// SPDX-License-Identifier: GPL-2.0
/*
 * tiny_bench: what it costs to exec a tiny binary, against ELF programs
 * that do the same thing (exit 0), measured side by side.
 *
 * Each candidate is spawned with vfork() + execve() and reaped with
 * wait4(), in rounds of N spawns.  Within a round the candidates take
 * turns every CHUNK spawns, round-robin, so that drift and slow spells
 * (a busy host, an emulator flushing its code cache) hit them all alike;
 * the time per spawn is the median of the rounds.  The floor is vfork() +
 * _exit() with no exec at all.  A variant of each program that pauses is
 * then run once to count its mappings and resident memory.
 *
 * Not run by run_kselftest.sh: "make bench" runs it in the harness guest,
 * and it runs as is on real hardware:
 *
 *	tiny_bench [-r ROUNDS] [-n SPAWNS] [-k CHUNK] [-d DIR] [-b BUSYBOX]
 *		   [-i] [-P SECONDS] [-x CANDIDATE]
 *
 * DIR holds the sample programs (default: the directory of tiny_bench).
 * -i says that the clock counts instructions, one a nanosecond (qemu's
 * -icount shift=0, as "make bench" runs it): the costs are then reported
 * in thousands of instructions per spawn instead of microseconds.  A
 * progress line goes to stderr every SECONDS of the clock (default 30).
 * -x spawns only CANDIDATE (main, plain, static, pie, busybox or floor),
 * SPAWNS times, and reports nothing else: for a profile of the kernel
 * (make bench BENCH_PROFILE=N).
 * Exits with 4 (skip) on an architecture without tiny programs.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "tiny_arch.h"

#ifdef TINY_ARCH_MACHINE

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
/* [vvar] and [vdso], where a tiny process has them */
#define VDSO_VMAS	(2 * TINY_ARCH_VDSO)

struct candidate {
	const char *name;
	const char *file;	/* NULL: the floor, no exec */
	const char *pause_file;	/* the variant that pauses */
	char *argv[3];
	char *pause_argv[3];
	/* results */
	double *us;		/* time per spawn, one per round */
	unsigned long minflt, spawns;
	long size, vmas, rss_kb;
};

enum { TINY_MAIN, TINY_PLAIN, ELF_STATIC, ELF_PIE, BUSYBOX, FLOOR, NCAND };

/* the names of -x */
static const char *const keys[NCAND] = {
	"main", "plain", "static", "pie", "busybox", "floor"
};

static struct candidate cands[NCAND] = {
	[TINY_MAIN]	= { "tiny, TINY_F_MAIN", "bench_true_main.tiny",
			    "bench_pause_main.tiny" },
	[TINY_PLAIN]	= { "tiny, plain entry", "bench_true.tiny",
			    "bench_pause.tiny" },
	[ELF_STATIC]	= { "static ELF (as + ld)", "bench_true.elf",
			    "bench_pause.elf" },
	[ELF_PIE]	= { "static-PIE ELF", "bench_true_pie.elf",
			    "bench_pause_pie.elf" },
	[BUSYBOX]	= { "busybox true", NULL, NULL,
			    { "true", NULL }, { "sleep", "1000", NULL } },
	[FLOOR]		= { "floor: vfork + _exit" },
};

/* The sample programs of the size table: tiny and ELF builds of each. */
static const char *const samples[] = { "exit42", "hello", "echo", "cat" };

static char *const empty_env[] = { NULL };
static char dir[PATH_MAX];
/* what a microsecond of the clock is: "us", or "kinsn" under -icount */
static const char *unit = "us";
static double progress_us = 30e6, start_us, last_us;
static long spawns_done, spawns_total;

static void die(const char *what)
{
	fprintf(stderr, "tiny_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static char *path_in_dir(const char *file)
{
	char *path;

	if (file[0] == '/')
		return strdup(file);
	if (asprintf(&path, "%s/%s", dir, file) < 0)
		die("asprintf");
	return path;
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* vfork() and exec @path (NULL: exit at once); the child's pid. */
static pid_t spawn(const char *path, char *const argv[])
{
	pid_t pid = vfork();

	if (pid == 0) {
		if (path)
			execve(path, argv, empty_env);
		_exit(path ? 127 : 0);
	}
	if (pid < 0)
		die("vfork");
	return pid;
}

/* @n spawns of @c, each reaped; adds up its page faults; the time taken. */
static double run_spawns(struct candidate *c, const char *path, int n)
{
	double start = now_us();
	struct rusage ru;
	int status, i;

	for (i = 0; i < n; i++) {
		pid_t pid = spawn(path, c->argv);

		if (wait4(pid, &status, 0, &ru) != pid)
			die("wait4");
		if (!WIFEXITED(status) || WEXITSTATUS(status)) {
			fprintf(stderr, "tiny_bench: %s: %s exited with status 0x%x\n",
				c->name, path ? path : "(no exec)", status);
			exit(1);
		}
		c->minflt += ru.ru_minflt;
		c->spawns++;
	}
	return now_us() - start;
}

/* A line on stderr every progress_us of the clock: spawns, rate, time left */
static void progress(int round)
{
	double t = now_us(), rate;

	if (t - last_us < progress_us)
		return;
	last_us = t;
	rate = spawns_done / ((t - start_us) / 1e6);
	/* under -i the clock's seconds are 10^9 instructions: no time left */
	fprintf(stderr, "tiny_bench: round %d, %ld of %ld spawns, %.0f/s",
		round + 1, spawns_done, spawns_total, rate);
	if (strcmp(unit, "us"))
		fprintf(stderr, " of the instruction clock\n");
	else
		fprintf(stderr, ", %.0f s left\n",
			(spawns_total - spawns_done) / rate);
}

/*
 * What an exec leaves to the kernel's deferred work (RCU callbacks that
 * free its mappings, mm and task) runs milliseconds later: let it run
 * between turns, untimed, so that it is not counted for the next one.
 */
#define SETTLE_US	20000

/* One round: @n spawns of every candidate, in turns of @chunk. */
static void run_round(char **paths, int r, int n, int chunk)
{
	int done, i;

	for (done = 0; done < n; done += chunk) {
		for (i = 0; i < NCAND; i++) {
			cands[i].us[r] += run_spawns(&cands[i], paths[i],
						     n - done < chunk ? n - done : chunk);
			usleep(SETTLE_US);
		}
		spawns_done += NCAND * (n - done < chunk ? n - done : chunk);
		progress(r);
	}
	for (i = 0; i < NCAND; i++)
		cands[i].us[r] /= n;
}

/* Field @key of /proc/PID/status, in kB; -1 if there is none. */
static long status_kb(pid_t pid, const char *key)
{
	char path[64], line[256];
	size_t len = strlen(key);
	long val = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, len) && line[len] == ':')
			val = strtol(line + len + 1, NULL, 10);
	fclose(f);
	return val;
}

/* The state letter of /proc/PID/stat, after the parenthesized comm. */
static char proc_state(pid_t pid)
{
	char path[64], buf[512], *p;
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return 0;
	buf[len] = 0;
	p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

static long count_lines(pid_t pid, const char *file)
{
	char path[64];
	long n = 0;
	FILE *f;
	int ch;

	snprintf(path, sizeof(path), "/proc/%d/%s", pid, file);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while ((ch = fgetc(f)) != EOF)
		n += ch == '\n';
	fclose(f);
	return n;
}

/* Run the pausing variant of @c until it sleeps; count its VMAs and RSS. */
static void measure_image(struct candidate *c, const char *path)
{
	int status, i;
	pid_t pid;

	c->vmas = -1;
	c->rss_kb = -1;
	if (!path)
		return;
	pid = spawn(path, c->pause_argv[0] ? c->pause_argv : c->argv);
	/* Sleeping in pause() (or nanosleep()): it has run its code. */
	for (i = 0; i < 5000 && proc_state(pid) != 'S'; i++)
		usleep(1000);
	if (proc_state(pid) == 'S') {
		c->vmas = count_lines(pid, "maps");
		c->rss_kb = status_kb(pid, "VmRSS");
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
}

static long file_size(const char *path)
{
	struct stat st;

	return path && !stat(path, &st) ? st.st_size : -1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void print_num(long v, const char *fmt)
{
	if (v < 0)
		printf("%*s", atoi(fmt + 1), "-");
	else
		printf(fmt, v);
}

/* Prints (tiny - @floor_us) / (ELF - @floor_us) for both tiny modes. */
static double print_ratio(const char *what, const double *med, double floor_us,
			  int elf)
{
	double main_ratio = (med[TINY_MAIN] - floor_us) / (med[elf] - floor_us);
	double plain_ratio = (med[TINY_PLAIN] - floor_us) / (med[elf] - floor_us);

	printf("%-56s %5.2f %5.2f\n", what, main_ratio, plain_ratio);
	return main_ratio;
}

static int target(const char *what, int met)
{
	printf("  %-62s %s\n", what, met ? "met" : "MISSED");
	return !met;
}

int main(int argc, char **argv)
{
	const char *busybox = "/bin/busybox";
	char *paths[NCAND], *pause_paths[NCAND];
	double med[NCAND], main_ratio, plain_ratio;
	char what[64];
	int rounds = 11, n = 2000, chunk = 100, missed = 0, only = -1;
	struct utsname uts;
	int opt, r, i;

	if (!realpath("/proc/self/exe", dir))
		die("/proc/self/exe");
	dirname(dir);
	while ((opt = getopt(argc, argv, "r:n:k:d:b:iP:x:")) != -1) {
		switch (opt) {
		case 'r':
			rounds = atoi(optarg);
			break;
		case 'n':
			n = atoi(optarg);
			break;
		case 'k':
			chunk = atoi(optarg);
			break;
		case 'd':
			snprintf(dir, sizeof(dir), "%s", optarg);
			break;
		case 'b':
			busybox = optarg;
			break;
		case 'i':
			unit = "kinsn";
			break;
		case 'P':
			progress_us = atof(optarg) * 1e6;
			break;
		case 'x':
			for (i = 0; i < NCAND; i++)
				if (!strcmp(optarg, keys[i]))
					only = i;
			if (only < 0) {
				fprintf(stderr, "tiny_bench: -x %s: not a candidate\n",
					optarg);
				return 2;
			}
			break;
		default:
			fprintf(stderr, "usage: %s [-r ROUNDS] [-n SPAWNS] [-k CHUNK]\n"
				"       [-d DIR] [-b BUSYBOX] [-i] [-P SECONDS] [-x CANDIDATE]\n",
				argv[0]);
			return 2;
		}
	}
	if (rounds < 1 || n < 1 || chunk < 1) {
		fprintf(stderr, "tiny_bench: ROUNDS, SPAWNS and CHUNK must be positive\n");
		return 2;
	}

	cands[BUSYBOX].file = busybox;
	cands[BUSYBOX].pause_file = busybox;
	for (i = 0; i < NCAND; i++) {
		struct candidate *c = &cands[i];

		paths[i] = c->file ? path_in_dir(c->file) : NULL;
		pause_paths[i] = c->pause_file ? path_in_dir(c->pause_file) : NULL;
		if (!c->argv[0])
			c->argv[0] = paths[i] ? basename(paths[i]) : "floor";
		if (paths[i] && access(paths[i], X_OK)) {
			fprintf(stderr, "tiny_bench: %s: %s\n", paths[i], strerror(errno));
			return 1;
		}
		c->us = calloc(rounds, sizeof(*c->us));
		if (!c->us)
			die("calloc");
		c->size = file_size(paths[i]);
	}

	if (only >= 0) {
		run_spawns(&cands[only], paths[only], n);
		printf("tiny_bench: %d spawns of %s\n", n, cands[only].name);
		return 0;
	}

	uname(&uts);
	printf("tiny_bench: Linux %s %s; %d rounds of %d spawns per candidate, in turns of %d\n",
	       uts.release, uts.machine, rounds, n, chunk);
	if (strcmp(unit, "us"))
		printf("tiny_bench: the clock counts instructions (-icount): costs in kinsn\n");
	fflush(stdout);

	/* Warm the page cache and the allocators first. */
	for (i = 0; i < NCAND; i++) {
		run_spawns(&cands[i], paths[i], 10);
		cands[i].minflt = 0;
		cands[i].spawns = 0;
	}

	spawns_total = (long)rounds * n * NCAND;
	start_us = now_us();
	last_us = start_us;
	for (r = 0; r < rounds; r++)
		run_round(paths, r, n, chunk);
	for (i = 0; i < NCAND; i++) {
		med[i] = median(cands[i].us, rounds);
		measure_image(&cands[i], pause_paths[i]);
	}

	snprintf(what, sizeof(what), "%s/spawn", unit);
	printf("\n%-22s %9s %11s %9s %12s %5s %8s\n", "candidate", "bytes",
	       what, "min..max", "minflt/exec", "VMAs", "RSS kB");
	for (i = 0; i < NCAND; i++) {
		struct candidate *c = &cands[i];

		printf("%-22s ", c->name);
		print_num(c->size, "%9ld");
		printf(" %11.1f %4.0f..%-4.0f %12.2f ", med[i], c->us[0],
		       c->us[rounds - 1], (double)c->minflt / c->spawns);
		print_num(c->vmas, "%5ld");
		printf(" ");
		print_num(c->rss_kb, "%8ld");
		printf("\n");
	}

	printf("\n%58s %s\n", "TINY_F_MAIN", "plain");
	print_ratio("time per spawn, tiny / static ELF", med, 0, ELF_STATIC);
	print_ratio("exec overhead (tiny - floor) / (static ELF - floor)",
		    med, med[FLOOR], ELF_STATIC);
	main_ratio = print_ratio("exec overhead (tiny - floor) / (static-PIE ELF - floor)",
				 med, med[FLOOR], ELF_PIE);
	plain_ratio = (med[TINY_PLAIN] - med[FLOOR]) / (med[ELF_PIE] - med[FLOOR]);

	printf("\n%-10s %11s %10s %7s\n", "sample", "tiny bytes", "ELF bytes", "ratio");
	for (i = 0; i < (int)ARRAY_SIZE(samples); i++) {
		char tiny[PATH_MAX + 16], elf[PATH_MAX + 16];
		long ts, es;

		snprintf(tiny, sizeof(tiny), "%s/%s.tiny", dir, samples[i]);
		snprintf(elf, sizeof(elf), "%s/%s.elf", dir, samples[i]);
		ts = file_size(tiny);
		es = file_size(elf);
		printf("%-10s %11ld %10ld %7.3f\n", samples[i], ts, es,
		       es > 0 ? (double)ts / es : 0);
	}

	printf("\ntargets:\n");
	missed += target("exec overhead vs static-PIE ELF <= 0.80 (TINY_F_MAIN)",
			 main_ratio <= 0.80);
	missed += target("exec overhead vs static-PIE ELF <= 0.78 (plain)",
			 plain_ratio <= 0.78);
	missed += target("time per spawn: TINY_F_MAIN within 2 % of plain",
			 med[TINY_MAIN] <= 1.02 * med[TINY_PLAIN]);
	missed += target("minor faults per exec: tiny < static ELF (both modes)",
			 cands[TINY_MAIN].minflt * cands[ELF_STATIC].spawns <
			 cands[ELF_STATIC].minflt * cands[TINY_MAIN].spawns &&
			 cands[TINY_PLAIN].minflt * cands[ELF_STATIC].spawns <
			 cands[ELF_STATIC].minflt * cands[TINY_PLAIN].spawns);
	snprintf(what, sizeof(what),
		 "VMAs of a running tiny program (plain, no bss) <= %d",
		 3 + VDSO_VMAS);
	missed += target(what, cands[TINY_PLAIN].vmas >= 0 &&
			 cands[TINY_PLAIN].vmas <= 3 + VDSO_VMAS);
	missed += target("RSS of a running tiny program <= static ELF",
			 cands[TINY_PLAIN].rss_kb >= 0 &&
			 cands[TINY_PLAIN].rss_kb <= cands[ELF_STATIC].rss_kb);
	snprintf(dir + strlen(dir), sizeof(dir) - strlen(dir), "/hello.tiny");
	missed += target("hello world <= 48 bytes", file_size(dir) > 0 &&
			 file_size(dir) <= 48);
	strcpy(strrchr(dir, '/'), "/exit42.tiny");
	snprintf(what, sizeof(what), "exit 42 = %d bytes", TINY_EXIT42_SIZE);
	missed += target(what, file_size(dir) == TINY_EXIT42_SIZE);
	printf("%d of 8 targets missed\n", missed);
	return 0;
}

#else /* !TINY_ARCH_MACHINE */

int main(void)
{
	fprintf(stderr, "tiny_bench: no tiny programs for this architecture\n");
	return 4;
}

#endif
