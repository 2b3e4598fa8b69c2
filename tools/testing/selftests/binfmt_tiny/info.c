// SPDX-License-Identifier: GPL-2.0
/*
 * A tiny program in C (nolibc, plain mode) that reports what it sees of
 * its own process, one "key=value" line each:
 *
 *	argc		the argument count, in decimal
 *	argv<i>		each argument, i in decimal
 *	base, entry	image base (entry - 8) and address of _start
 *	sp		stack pointer at entry (the address of argc)
 *	bss		address of a .bss variable
 *	brk		the initial program break
 *	uid, euid, suid, gid, egid, sgid
 *	mdwe		prctl(PR_GET_MDWE)
 *	at_<type>	each auxiliary vector entry, type in decimal
 *	random		the 16 bytes at AT_RANDOM, in hex
 *	execfn		the string at AT_EXECFN
 *	exe		where /proc/self/exe points
 *	execfd		if there is an AT_EXECFD entry: the first (up to 16)
 *			bytes of the file it refers to, in hex
 *	procauxv	ok if /proc/self/auxv matches the auxiliary vector
 *
 * As the interpreter of a binfmt_misc entry it shows what the dispatch
 * passed on: the argument vector, AT_FLAGS, AT_EXECFD and the binary
 * behind it, credentials and AT_SECURE.
 *
 * Numbers are in hex with a 0x prefix except argc and the ids.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef PR_GET_MDWE
#define PR_GET_MDWE	66
#endif

static unsigned long auxv_copy[512];

/* The first bytes of the file behind AT_EXECFD, if there is one */
static void print_execfd(const unsigned long *auxv)
{
	unsigned char buf[16];
	long n, i;

	for (; auxv[0]; auxv += 2) {
		if (auxv[0] != AT_EXECFD)
			continue;
		n = syscall(__NR_pread64, auxv[1], buf, sizeof(buf), 0);
		printf("execfd=");
		for (i = 0; i < n; i++)
			printf("%02x", buf[i]);
		printf("\n");
		return;
	}
}

static const char *proc_auxv_matches(const unsigned long *auxv)
{
	size_t len = 0, n;
	ssize_t ret;
	int fd;

	for (n = 0; auxv[n]; n += 2)
		;
	n = (n + 2) * sizeof(long);

	fd = open("/proc/self/auxv", O_RDONLY);
	if (fd < 0)
		return "bad";
	while ((ret = read(fd, (char *)auxv_copy + len,
			   sizeof(auxv_copy) - len)) > 0)
		len += ret;
	close(fd);
	if (len != n || memcmp(auxv_copy, auxv, n))
		return "bad";
	return "ok";
}

int main(int argc, char **argv, char **envp)
{
	unsigned int r, e, s;
	const unsigned char *random;
	const unsigned long *a;
	char exe[4096];
	ssize_t len;
	int i;

	printf("argc=%d\n", argc);
	for (i = 0; i < argc; i++)
		printf("argv%d=%s\n", i, argv[i]);
	printf("base=0x%lx\n", (unsigned long)_start - 8);
	printf("entry=0x%lx\n", (unsigned long)_start);
	printf("sp=0x%lx\n", (unsigned long)argv - sizeof(long));
	printf("bss=0x%lx\n", (unsigned long)auxv_copy);
	printf("brk=0x%lx\n", (unsigned long)_sys_brk(NULL));

	syscall(__NR_getresuid, &r, &e, &s);
	printf("uid=%u\neuid=%u\nsuid=%u\n", r, e, s);
	syscall(__NR_getresgid, &r, &e, &s);
	printf("gid=%u\negid=%u\nsgid=%u\n", r, e, s);
	printf("mdwe=%d\n", prctl(PR_GET_MDWE, 0, 0, 0, 0));

	for (a = _auxv; a[0]; a += 2)
		printf("at_%lu=0x%lx\n", a[0], a[1]);

	random = (const unsigned char *)getauxval(AT_RANDOM);
	if (random) {
		printf("random=");
		for (i = 0; i < 16; i++)
			printf("%02x", random[i]);
		printf("\n");
	}
	if (getauxval(AT_EXECFN))
		printf("execfn=%s\n", (const char *)getauxval(AT_EXECFN));
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len >= 0) {
		exe[len] = '\0';
		printf("exe=%s\n", exe);
	}
	print_execfd(_auxv);
	printf("procauxv=%s\n", proc_auxv_matches(_auxv));
	return 0;
}
