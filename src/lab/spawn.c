/*
 * spawn.c — running programs for pmiplab (see spawn.h).
 *
 * A child that cannot exec tells the parent through a close-on-exec pipe,
 * so "cannot run" is told apart from "ran and failed".  Children of
 * spawn_run get their own process group: a timed-out exec line is killed
 * with everything it started.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lab/spawn.h"
#include "lab/xalloc.h"

volatile sig_atomic_t spawn_interrupted;

static void
on_signal(int sig)
{
	(void)sig;
	spawn_interrupted = 1;
}

void
spawn_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

void
spawn_ignore_signals(void)
{
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	spawn_interrupted = 0;
}

long long
spawn_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
spawn_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

char *
spawn_self_dir(void)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash;

	if (n <= 0 || (size_t)n >= sizeof(buf) - 1)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	return strdup(*buf ? buf : "/");
}

static char *
find_in(const char *dirs, const char *name)
{
	char *copy, *save = NULL, *p;

	if (dirs == NULL)
		return NULL;
	copy = xstrdup(dirs);
	for (char *d = strtok_r(copy, ":", &save); d; d = strtok_r(NULL, ":", &save)) {
		struct stat st;

		p = xasprintf("%s/%s", d, name);
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode) && access(p, X_OK) == 0) {
			free(copy);
			return p;
		}
		free(p);
	}
	free(copy);
	return NULL;
}

char *
spawn_find(const char *name, bool beside_self, const char *extra)
{
	char *p = NULL;

	if (beside_self) {
		char *dir = spawn_self_dir();

		p = find_in(dir, name);
		free(dir);
	}
	if (p == NULL)
		p = find_in(getenv("PATH"), name);
	if (p == NULL)
		p = find_in(extra, name);
	return p;
}

/* In the child: the environment, then exec; on failure errno goes to the
 * parent through fd and the child exits. */
static void
child_exec(char *const argv[], const struct spawn_opts *o, int fd)
{
	int e;

	for (size_t i = 0; i < o->nenv; i++)
		if (putenv(o->env[i]) != 0)
			break;
	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	execv(argv[0], argv);
	e = errno;
	if (write(fd, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

static void
redirect(int fd, const char *path, int flags)
{
	int f = open(path, flags | O_CLOEXEC, 0644);

	if (f < 0)
		_exit(126);
	if (dup2(f, fd) < 0)
		_exit(126);
	close(f);
}

/* the errno a failed exec sent, or 0 when the exec went through */
static int
exec_errno(int fd)
{
	int e = 0;
	ssize_t n;

	do
		n = read(fd, &e, sizeof(e));
	while (n < 0 && errno == EINTR);
	close(fd);
	return n == (ssize_t)sizeof(e) ? e : 0;
}

/* Reads what fd has within wait_ms; false at its end. */
static bool
drain(int fd, struct strbuf *out, int wait_ms)
{
	struct pollfd pfd = { fd, POLLIN, 0 };
	char buf[4096];
	ssize_t n;

	if (poll(&pfd, 1, wait_ms) <= 0)
		return true;
	n = read(fd, buf, sizeof(buf));
	if (n > 0)
		sb_add(out, buf, (size_t)n);
	return n != 0;
}

int
spawn_run(char *const argv[], const struct spawn_opts *o, char *why, size_t whylen)
{
	int errpipe[2], outpipe[2] = { -1, -1 }, status, e, nap = 1;
	bool reading = o->out != NULL;
	long long deadline = o->timeout_ms > 0 ? spawn_now_ms() + o->timeout_ms : 0;
	pid_t pid;

	if (pipe2(errpipe, O_CLOEXEC) < 0 || (o->out && pipe2(outpipe, O_CLOEXEC) < 0)) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(why, whylen, "fork: %s", strerror(errno));
		close(errpipe[0]);
		close(errpipe[1]);
		return -1;
	}
	if (pid == 0) {
		setpgid(0, 0);
		redirect(STDIN_FILENO, "/dev/null", O_RDONLY);
		if (o->quiet) {
			redirect(STDOUT_FILENO, "/dev/null", O_WRONLY);
			redirect(STDERR_FILENO, "/dev/null", O_WRONLY);
		}
		if (o->out && dup2(outpipe[1], STDOUT_FILENO) < 0)
			_exit(126);
		child_exec(argv, o, errpipe[1]);
	}
	setpgid(pid, pid);
	close(errpipe[1]);
	if (o->out)
		close(outpipe[1]);
	e = exec_errno(errpipe[0]);
	for (;;) {
		pid_t w = waitpid(pid, &status, WNOHANG);

		if (w == pid)
			break;
		if (w < 0 && errno != EINTR) {
			snprintf(why, whylen, "waitpid: %s", strerror(errno));
			status = -1;
			goto out;
		}
		if (spawn_interrupted || (deadline && spawn_now_ms() > deadline)) {
			kill(-pid, SIGKILL);
			waitpid(pid, &status, 0);
			if (spawn_interrupted)
				snprintf(why, whylen, "interrupted");
			else
				snprintf(why, whylen, "%s did not finish within %d s", argv[0], o->timeout_ms / 1000);
			status = -1;
			goto out;
		}
		if (reading)
			reading = drain(outpipe[0], o->out, nap);
		else
			spawn_sleep_ms(nap);
		/* most runs are short ip(8) calls: look often at first */
		if (nap < 20)
			nap *= 2;
	}
	if (o->out) {
		/* what is left, without waiting for a background child to close it */
		int fl = fcntl(outpipe[0], F_GETFL);
		char buf[4096];
		ssize_t n;

		fcntl(outpipe[0], F_SETFL, fl | O_NONBLOCK);
		while ((n = read(outpipe[0], buf, sizeof(buf))) > 0)
			sb_add(o->out, buf, (size_t)n);
	}
	if (e != 0) {
		snprintf(why, whylen, "cannot run %s: %s", argv[0], strerror(e));
		status = -1;
	} else if (WIFEXITED(status))
		status = WEXITSTATUS(status);
	else {
		snprintf(why, whylen, "%s was killed by signal %d", argv[0],
		    WIFSIGNALED(status) ? WTERMSIG(status) : 0);
		status = -1;
	}
out:
	if (o->out)
		close(outpipe[0]);
	return status;
}

pid_t
spawn_daemon(char *const argv[], const struct spawn_opts *o, int (*recorded)(pid_t, void *),
    void *arg, char *why, size_t whylen)
{
	int errpipe[2], gopipe[2], e;
	pid_t pid;
	char go = 'g';

	if (pipe2(errpipe, O_CLOEXEC) < 0) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		return -1;
	}
	if (pipe2(gopipe, O_CLOEXEC) < 0) {
		snprintf(why, whylen, "pipe: %s", strerror(errno));
		close(errpipe[0]);
		close(errpipe[1]);
		return -1;
	}
	pid = fork();
	if (pid < 0) {
		snprintf(why, whylen, "fork: %s", strerror(errno));
		close(errpipe[0]);
		close(errpipe[1]);
		close(gopipe[0]);
		close(gopipe[1]);
		return -1;
	}
	if (pid == 0) {
		char c = 0;
		ssize_t n;

		close(gopipe[1]);
		setsid();
		redirect(STDIN_FILENO, "/dev/null", O_RDONLY);
		redirect(STDOUT_FILENO, o->log ? o->log : "/dev/null", O_WRONLY | O_CREAT | O_APPEND);
		if (dup2(STDOUT_FILENO, STDERR_FILENO) < 0)
			_exit(126);
		do
			n = read(gopipe[0], &c, 1);
		while (n < 0 && errno == EINTR);
		/* no go: the parent could not record us, or died first */
		if (n != 1 || c != 'g')
			_exit(125);
		child_exec(argv, o, errpipe[1]);
	}
	close(errpipe[1]);
	close(gopipe[0]);
	if (recorded != NULL && recorded(pid, arg) < 0) {
		snprintf(why, whylen, "cannot record the pid of %s: %s", argv[0], strerror(errno));
		close(gopipe[1]);
		close(errpipe[0]);
		waitpid(pid, NULL, 0);
		return -1;
	}
	if (write(gopipe[1], &go, 1) != 1) {
		snprintf(why, whylen, "cannot start %s: %s", argv[0], strerror(errno));
		close(gopipe[1]);
		close(errpipe[0]);
		waitpid(pid, NULL, 0);
		return -1;
	}
	close(gopipe[1]);
	e = exec_errno(errpipe[0]);
	if (e != 0) {
		waitpid(pid, NULL, 0);
		snprintf(why, whylen, "cannot run %s: %s", argv[0], strerror(e));
		return -1;
	}
	return pid;
}
