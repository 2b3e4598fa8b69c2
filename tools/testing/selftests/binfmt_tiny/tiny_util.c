// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers for the binfmt_tiny selftests, see tiny_util.h.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tiny_util.h"

#define MAX_LIVE	8

/* Children that may still run: killed by tiny_kill_all() */
static pid_t live[MAX_LIVE];

static void live_add(pid_t pid)
{
	int i;

	for (i = 0; i < MAX_LIVE; i++) {
		if (!live[i]) {
			live[i] = pid;
			return;
		}
	}
}

static void live_del(pid_t pid)
{
	int i;

	for (i = 0; i < MAX_LIVE; i++) {
		if (live[i] == pid)
			live[i] = 0;
	}
}

void tiny_kill_all(void)
{
	int i;

	for (i = 0; i < MAX_LIVE; i++) {
		if (live[i]) {
			kill(live[i], SIGKILL);
			waitpid(live[i], NULL, 0);
			live[i] = 0;
		}
	}
}

/* The directory of the test program, where the samples are installed */
const char *tiny_dir(void)
{
	static char dir[PATH_MAX];
	ssize_t len;
	char *slash;

	if (dir[0])
		return dir;
	len = readlink("/proc/self/exe", dir, sizeof(dir) - 1);
	if (len < 0) {
		strcpy(dir, ".");
		return dir;
	}
	dir[len] = '\0';
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	return dir;
}

char *tiny_path(const char *dir, const char *name)
{
	char *path;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		abort();
	return path;
}

char *tiny_sample(const char *name)
{
	return tiny_path(tiny_dir(), name);
}

/*
 * Is binfmt_tiny there?  Returns -ENOEXEC if exit42.tiny is refused (no
 * binfmt_tiny), -ENOENT if the samples were not built (an architecture
 * without them, see tiny_arch.h), 0 otherwise, whatever the program then
 * does.
 */
int tiny_probe(void)
{
	struct tiny_result res;
	char *path = tiny_sample("exit42.tiny");
	int ret;

	if (access(path, F_OK)) {
		free(path);
		return -ENOENT;
	}
	ret = tiny_run_path(path, &res);
	free(path);
	if (ret)
		return ret;
	free(res.out);
	return res.exec_errno == ENOEXEC ? -ENOEXEC : 0;
}

struct exec_report {
	int stage;		/* 1: prepare, 2: exec */
	int err;
};

static void report(int fd, int stage, int err)
{
	struct exec_report r = { stage, err };

	if (write(fd, &r, sizeof(r)) != sizeof(r))
		_exit(126);
	_exit(127);
}

static void child(const struct tiny_cmd *cmd, int in, int out, int rep)
{
	char *const empty[] = { NULL };
	char *const argv0[] = { (char *)cmd->path, NULL };
	char *const *argv = cmd->argv ? cmd->argv : argv0;
	char *const *envp = cmd->envp ? cmd->envp : empty;
	int err;

	if (dup2(in, 0) < 0 || dup2(out, 1) < 0)
		report(rep, 1, errno);
	if (cmd->prepare) {
		err = cmd->prepare(cmd->arg);
		if (err)
			report(rep, 1, -err);
	}
	switch (cmd->how) {
	case TINY_EXECVE:
		execve(cmd->path, argv, envp);
		break;
	case TINY_EXECVEAT:
		syscall(__NR_execveat, cmd->fd, cmd->path, argv, envp,
			cmd->flags);
		break;
	case TINY_FEXECVE:
		fexecve(cmd->fd, argv, envp);
		break;
	}
	report(rep, 2, errno);
}

/*
 * Fork and exec.  Returns 0 once the exec has happened (the point of no
 * return passed: the child now runs the new program, or was killed on the
 * way); a positive errno if the exec failed and returned to the caller
 * (the child is reaped); a negative errno if the test could not set up.
 */
int tiny_spawn(const struct tiny_cmd *cmd, struct tiny_proc *proc)
{
	int in[2], out[2], rep[2];
	struct exec_report r;
	ssize_t n;
	pid_t pid;
	int ret;

	proc->pid = -1;
	proc->in = -1;
	proc->out = -1;
	if (pipe2(in, O_CLOEXEC))
		return -errno;
	if (pipe2(out, O_CLOEXEC)) {
		ret = -errno;
		goto close_in;
	}
	if (pipe2(rep, O_CLOEXEC)) {
		ret = -errno;
		goto close_out;
	}

	pid = fork();
	if (pid < 0) {
		ret = -errno;
		goto close_rep;
	}
	if (!pid)
		child(cmd, cmd->stdin_fd > 0 ? cmd->stdin_fd : in[0], out[1],
		      rep[1]);

	close(rep[1]);
	close(out[1]);
	close(in[0]);
	if (!cmd->stdin_pipe)
		close(in[1]);
	else
		proc->in = in[1];
	proc->out = out[0];
	proc->pid = pid;

	do {
		n = read(rep[0], &r, sizeof(r));
	} while (n < 0 && errno == EINTR);
	close(rep[0]);
	if (n == 0) {
		live_add(pid);
		return 0;
	}

	/* the exec returned, or the child failed before it */
	if (proc->in >= 0)
		close(proc->in);
	close(proc->out);
	proc->in = -1;
	proc->out = -1;
	waitpid(pid, NULL, 0);
	proc->pid = -1;
	if (n != sizeof(r))
		return -EPROTO;
	if (r.stage != 2)
		return r.err ? -r.err : -EPROTO;
	return r.err;

close_rep:
	close(rep[0]);
	close(rep[1]);
close_out:
	close(out[0]);
	close(out[1]);
close_in:
	close(in[0]);
	close(in[1]);
	return ret;
}

/* Read the child's stdout until EOF, then reap it. */
int tiny_wait(struct tiny_proc *proc, struct tiny_result *res)
{
	size_t size = 4096;
	ssize_t n;

	res->exec_errno = 0;
	res->status = -1;
	res->len = 0;
	res->out = malloc(size);
	if (!res->out)
		return -ENOMEM;
	for (;;) {
		if (res->len + 1 >= size) {
			char *p = realloc(res->out, size * 2);

			if (!p)
				return -ENOMEM;
			res->out = p;
			size *= 2;
		}
		n = read(proc->out, res->out + res->len, size - res->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		res->len += n;
	}
	res->out[res->len] = '\0';
	close(proc->out);
	if (proc->in >= 0)
		close(proc->in);
	proc->in = -1;
	proc->out = -1;
	if (waitpid(proc->pid, &res->status, 0) != proc->pid)
		return -errno;
	live_del(proc->pid);
	proc->pid = -1;
	return 0;
}

/*
 * Run a program to completion.  Returns 0 with res filled in (exec_errno
 * set if the exec failed), or a negative errno if the test could not set up.
 */
int tiny_run(const struct tiny_cmd *cmd, struct tiny_result *res)
{
	struct tiny_proc proc;
	int ret;

	memset(res, 0, sizeof(*res));
	ret = tiny_spawn(cmd, &proc);
	if (ret < 0)
		return ret;
	if (ret > 0) {
		res->exec_errno = ret;
		res->out = calloc(1, 1);
		return 0;
	}
	return tiny_wait(&proc, res);
}

int tiny_run_path(const char *path, struct tiny_result *res)
{
	struct tiny_cmd cmd = { .path = path };

	return tiny_run(&cmd, res);
}

/*
 * Start a program that writes one byte when it is ready (pause*.tiny) and
 * wait for that byte.  Returns 0, a positive exec errno, a negative errno.
 */
int tiny_start_paused(const struct tiny_cmd *cmd, struct tiny_proc *proc)
{
	char c;
	int ret;

	ret = tiny_spawn(cmd, proc);
	if (ret)
		return ret;
	if (read(proc->out, &c, 1) != 1) {
		tiny_kill(proc, NULL);
		return -EPIPE;
	}
	return 0;
}

/* A tiny_cmd prepare callback: become nobody (TINY_NOBODY), all ids */
int tiny_drop_to_nobody(void *arg)
{
	if (setgroups(0, NULL) ||
	    setresgid(TINY_NOBODY, TINY_NOBODY, TINY_NOBODY) ||
	    setresuid(TINY_NOBODY, TINY_NOBODY, TINY_NOBODY))
		return -errno;
	return 0;
}

/* Start pause.tiny or a variant: no arguments, empty environment */
int tiny_pause(const char *path, struct tiny_proc *proc)
{
	struct tiny_cmd cmd = { .path = path };

	return tiny_start_paused(&cmd, proc);
}

void tiny_kill(struct tiny_proc *proc, int *status)
{
	int st;

	if (proc->pid > 0) {
		kill(proc->pid, SIGKILL);
		waitpid(proc->pid, &st, 0);
		live_del(proc->pid);
		if (status)
			*status = st;
	}
	if (proc->out >= 0)
		close(proc->out);
	if (proc->in >= 0)
		close(proc->in);
	proc->pid = -1;
	proc->in = -1;
	proc->out = -1;
}

int tiny_read_file(const char *path, char **buf, size_t *len)
{
	size_t size = 4096;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	*len = 0;
	*buf = malloc(size);
	if (!*buf) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		if (*len + 1 >= size) {
			char *p = realloc(*buf, size * 2);

			if (!p) {
				close(fd);
				return -ENOMEM;
			}
			*buf = p;
			size *= 2;
		}
		n = read(fd, *buf + *len, size - *len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			n = -errno;
			close(fd);
			return n;
		}
		if (!n)
			break;
		*len += n;
	}
	(*buf)[*len] = '\0';
	close(fd);
	return 0;
}

int tiny_write_file(const char *path, const void *buf, size_t len,
		    mode_t mode)
{
	const char *p = buf;
	ssize_t n;
	int fd, ret = 0;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ret = n < 0 ? -errno : -EIO;
			break;
		}
		p += n;
		len -= n;
	}
	if (!ret && fchmod(fd, mode))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -errno;
	return ret;
}

/*
 * Write @str to an existing file (a sysctl, a binfmt_misc control file) in
 * one write().  Returns 0 or a negative errno, the write's own if it failed.
 */
int tiny_write_str(const char *path, const char *str)
{
	ssize_t len = strlen(str), n;
	int fd, ret = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, str, len);
	if (n < 0)
		ret = -errno;
	else if (n != len)
		ret = -EIO;
	if (close(fd) && !ret)
		ret = -errno;
	return ret;
}

int tiny_copy(const char *from, const char *to, mode_t mode)
{
	size_t len;
	char *buf;
	int ret;

	ret = tiny_read_file(from, &buf, &len);
	if (ret)
		return ret;
	ret = tiny_write_file(to, buf, len, mode);
	free(buf);
	return ret;
}

/*
 * A private temporary directory: under $TMPDIR or /tmp, or next to the
 * test programs if there is no usable /tmp (minimal systems).
 */
int tiny_mkdtemp(char *dir, size_t size)
{
	const char *const bases[] = { getenv("TMPDIR"), "/tmp", tiny_dir() };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(bases); i++) {
		if (!bases[i] || !*bases[i])
			continue;
		snprintf(dir, size, "%s/binfmt_tiny.XXXXXX", bases[i]);
		if (mkdtemp(dir))
			return 0;
	}
	return -errno;
}

/* Remove a directory, the files in it, and any mount on it. */
void tiny_rmtree(const char *dir)
{
	struct dirent *de;
	DIR *d;

	umount2(dir, MNT_DETACH);
	d = opendir(dir);
	if (d) {
		while ((de = readdir(d))) {
			char *path;

			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			path = tiny_path(dir, de->d_name);
			umount2(path, MNT_DETACH);
			if (unlink(path) && (errno == EISDIR || errno == EPERM))
				tiny_rmtree(path);
			free(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

int tiny_read_maps(pid_t pid, struct tiny_map *maps, int max)
{
	char path[64], line[512];
	int n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (n < max && fgets(line, sizeof(line), f)) {
		struct tiny_map *m = &maps[n];
		int pos = 0;

		m->name[0] = '\0';
		if (sscanf(line, "%lx-%lx %4s %lx %*x:%*x %lu %n", &m->start,
			   &m->end, m->perms, &m->off, &m->ino, &pos) < 5)
			continue;
		snprintf(m->name, sizeof(m->name), "%s", line + pos);
		m->name[strcspn(m->name, "\n")] = '\0';
		n++;
	}
	fclose(f);
	return n;
}

const struct tiny_map *tiny_find_map(const struct tiny_map *maps, int n,
				     unsigned long addr)
{
	int i;

	for (i = 0; i < n; i++) {
		if (maps[i].start <= addr && addr < maps[i].end)
			return &maps[i];
	}
	return NULL;
}

/* A mapping of the vDSO: its code ([vdso]) or its data ([vvar], ...) */
bool tiny_vdso_map(const struct tiny_map *map)
{
	return !strncmp(map->name, "[vdso", 5) ||
	       !strncmp(map->name, "[vvar", 5);
}

/* Returns the number of longs read, or a negative errno. */
int tiny_read_auxv(pid_t pid, unsigned long *auxv, size_t max)
{
	char path[64];
	ssize_t n;
	size_t len = 0;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/auxv", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while ((n = read(fd, (char *)auxv + len,
			 max * sizeof(long) - len)) > 0)
		len += n;
	close(fd);
	return len / sizeof(long);
}

unsigned long tiny_auxv_get(const unsigned long *auxv, unsigned long type,
			    bool *found)
{
	for (; auxv[0]; auxv += 2) {
		if (auxv[0] == type) {
			*found = true;
			return auxv[1];
		}
	}
	*found = false;
	return 0;
}

int tiny_read_stat(pid_t pid, struct tiny_stat *st)
{
	unsigned long v[52] = { 0 };
	char path[64], *buf, *p;
	size_t len;
	int i, ret;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	ret = tiny_read_file(path, &buf, &len);
	if (ret)
		return ret;
	/* field 2, the command name, is in parentheses: skip past it */
	p = strrchr(buf, ')');
	for (i = 3; p && i < 52; i++) {
		p = strchr(p, ' ');
		if (p)
			v[i] = strtoul(++p, NULL, 10);
	}
	free(buf);
	if (!p)
		return -EINVAL;
	st->start_code = v[26];
	st->end_code = v[27];
	st->start_stack = v[28];
	st->start_data = v[45];
	st->end_data = v[46];
	st->start_brk = v[47];
	st->arg_start = v[48];
	st->arg_end = v[49];
	st->env_start = v[50];
	st->env_end = v[51];
	return 0;
}

/* In "key=value" lines: the value of key, a number (0x for hex) */
bool tiny_kv(const char *out, const char *key, unsigned long *val)
{
	char buf[64];

	if (!tiny_kv_str(out, key, buf, sizeof(buf)))
		return false;
	*val = strtoul(buf, NULL, 0);
	return true;
}

bool tiny_kv_str(const char *out, const char *key, char *buf, size_t size)
{
	size_t klen = strlen(key);
	const char *p = out;

	while (p && *p) {
		if (!strncmp(p, key, klen) && p[klen] == '=') {
			size_t vlen;

			p += klen + 1;
			vlen = strcspn(p, "\n");
			if (vlen >= size)
				vlen = size - 1;
			memcpy(buf, p, vlen);
			buf[vlen] = '\0';
			return true;
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return false;
}
