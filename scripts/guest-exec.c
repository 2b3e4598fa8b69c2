// SPDX-License-Identifier: GPL-2.0
/*
 * guest-exec FILE [ARG...]: execve(2) FILE directly.  A shell (and
 * execvp()) would run a file that gets ENOEXEC as a shell script, hiding
 * the result; this prints "errno N (message)" and exits 127 instead.
 * Built statically and put into the harness guest by scripts/initramfs.sh.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char *argv[])
{
	if (argc < 2) {
		fprintf(stderr, "usage: guest-exec FILE [ARG...]\n");
		return 2;
	}
	execve(argv[1], argv + 1, environ);
	printf("errno %d (%s)\n", errno, strerror(errno));
	return 127;
}
