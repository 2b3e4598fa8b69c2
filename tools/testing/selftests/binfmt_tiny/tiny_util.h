/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the binfmt_tiny selftests: run programs with fork() and
 * execve()/execveat()/fexecve() (never through a shell, which would retry
 * an ENOEXEC file as a script), capture their output, and read what
 * /proc says about them.
 */
#ifndef TINY_UTIL_H
#define TINY_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <linux/binfmt_tiny.h>

#include "tiny_arch.h"

/* The header, and where its fields are in the file */
#define TINY_HDR_SIZE		sizeof(struct tiny_header)
#define TINY_OFF_MACHINE	offsetof(struct tiny_header, machine)
#define TINY_OFF_FLAGS		offsetof(struct tiny_header, flags)
#define TINY_OFF_BSS		offsetof(struct tiny_header, bss)

/* The user and group ids of nobody */
#define TINY_NOBODY		65534

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#endif

enum tiny_how {
	TINY_EXECVE,		/* execve(path, ...) */
	TINY_EXECVEAT,		/* execveat(fd, path, ..., flags) */
	TINY_FEXECVE,		/* fexecve(fd, ...) */
};

struct tiny_cmd {
	const char *path;
	char *const *argv;	/* NULL: { path, NULL } */
	char *const *envp;	/* NULL: empty environment */
	enum tiny_how how;
	int fd;
	int flags;
	int stdin_fd;		/* > 0: the child's stdin; else an empty pipe */
	bool stdin_pipe;	/* child's stdin is a pipe from tiny_proc.in */
	/* runs in the child before the exec; returns 0 or a negative errno */
	int (*prepare)(void *arg);
	void *arg;
};

struct tiny_proc {
	pid_t pid;
	int out;		/* read end of the child's stdout */
	int in;			/* write end of the child's stdin, or -1 */
};

struct tiny_result {
	int exec_errno;		/* 0: the exec happened */
	int status;		/* wait status, when the exec happened */
	char *out;		/* stdout, NUL-terminated; free() it */
	size_t len;
};

struct tiny_map {
	unsigned long start, end, off, ino;
	char perms[5];
	char name[256];
};

/* Fields of /proc/PID/stat, see proc(5) */
struct tiny_stat {
	unsigned long start_code, end_code, start_stack;
	unsigned long start_data, end_data, start_brk;
	unsigned long arg_start, arg_end, env_start, env_end;
};

const char *tiny_dir(void);
char *tiny_sample(const char *name);
int tiny_probe(void);

int tiny_spawn(const struct tiny_cmd *cmd, struct tiny_proc *proc);
int tiny_wait(struct tiny_proc *proc, struct tiny_result *res);
int tiny_run(const struct tiny_cmd *cmd, struct tiny_result *res);
int tiny_run_path(const char *path, struct tiny_result *res);
int tiny_start_paused(const struct tiny_cmd *cmd, struct tiny_proc *proc);
int tiny_drop_to_nobody(void *arg);
int tiny_pause(const char *path, struct tiny_proc *proc);
void tiny_kill(struct tiny_proc *proc, int *status);
void tiny_kill_all(void);

int tiny_read_file(const char *path, char **buf, size_t *len);
int tiny_write_file(const char *path, const void *buf, size_t len,
		    mode_t mode);
int tiny_write_str(const char *path, const char *str);
int tiny_copy(const char *from, const char *to, mode_t mode);
int tiny_mkdtemp(char *dir, size_t size);
void tiny_rmtree(const char *dir);
char *tiny_path(const char *dir, const char *name);

int tiny_read_maps(pid_t pid, struct tiny_map *maps, int max);
const struct tiny_map *tiny_find_map(const struct tiny_map *maps, int n,
				     unsigned long addr);
bool tiny_vdso_map(const struct tiny_map *map);
int tiny_read_auxv(pid_t pid, unsigned long *auxv, size_t max);
unsigned long tiny_auxv_get(const unsigned long *auxv, unsigned long type,
			    bool *found);
int tiny_read_stat(pid_t pid, struct tiny_stat *st);

bool tiny_kv(const char *out, const char *key, unsigned long *val);
bool tiny_kv_str(const char *out, const char *key, char *buf, size_t size);

#endif /* TINY_UTIL_H */
