// SPDX-License-Identifier: GPL-2.0
/*
 * A tiny program written in C and built with the kernel's nolibc, entered
 * through the start-up code of <arch>/crt.S, which hands the plain-mode
 * entry stack to nolibc's _start_c().  Prints its arguments and
 * environment, then whether /proc/self/cmdline and /proc/self/environ hold
 * exactly the same strings:
 *
 *	argc=<n>
 *	argv[<i>]=<string>	(n lines)
 *	envc=<n>
 *	envp[<i>]=<string>	(n lines)
 *	cmdline=ok|bad
 *	environ=ok|bad
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static char buf[4096];

/* Does @path hold the NUL-terminated strings of @vec, back to back? */
static const char *same_strings(const char *path, char **vec)
{
	const char *p = *vec;
	ssize_t len, i;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return "bad";
	while ((len = read(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < len; i++) {
			if (!p || buf[i] != *p)
				goto bad;
			if (*p)
				p++;
			else
				p = *++vec;
		}
	}
	close(fd);
	return len == 0 && !p ? "ok" : "bad";
bad:
	close(fd);
	return "bad";
}

int main(int argc, char **argv, char **envp)
{
	int i;

	printf("argc=%d\n", argc);
	for (i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	for (i = 0; envp[i]; i++)
		;
	printf("envc=%d\n", i);
	for (i = 0; envp[i]; i++)
		printf("envp[%d]=%s\n", i, envp[i]);
	printf("cmdline=%s\n", same_strings("/proc/self/cmdline", argv));
	printf("environ=%s\n", same_strings("/proc/self/environ", envp));
	return 0;
}
