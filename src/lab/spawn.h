/*
 * spawn.h — how pmiplab runs other programs: ip(8), pmipd, the exec lines
 * of a node.  Always an argument vector, never a shell line built from the
 * topology; every wait is bounded.
 */
#ifndef PMIPLAB_SPAWN_H
#define PMIPLAB_SPAWN_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "strbuf.h"

struct spawn_opts {
	char *const *env;	/* "KEY=VALUE" set in the child, or NULL */
	size_t nenv;
	int timeout_ms;		/* spawn_run: 0 waits for ever */
	bool quiet;		/* spawn_run: stdout and stderr to /dev/null */
	struct strbuf *out;	/* spawn_run: stdout collected here */
	const char *log;	/* spawn_daemon: stdout and stderr appended here */
};

/* Set by SIGINT/SIGTERM (see spawn_catch_signals); waits give up on it. */
extern volatile sig_atomic_t spawn_interrupted;
void spawn_catch_signals(void);
/* From here on SIGINT, SIGTERM and SIGHUP are ignored (a teardown that must
 * finish), and the flag is cleared. */
void spawn_ignore_signals(void);

/*
 * The full path of an executable called name: first in the directory of
 * the running pmiplab when beside_self (so a build tree finds its own
 * pmipd), then in PATH, then in extra (a colon-separated list, or NULL).
 * NULL when there is none.  The caller frees it.
 */
char *spawn_find(const char *name, bool beside_self, const char *extra);

/* The directory of the running pmiplab; NULL when unknown.  Caller frees. */
char *spawn_self_dir(void);

/*
 * Runs argv[0] (a path) in its own process group, stdin from /dev/null,
 * and waits for it.  Returns its exit status, or -1 with the reason in why
 * when it could not run, died of a signal, timed out (the whole group is
 * killed then) or was interrupted.
 */
int spawn_run(char *const argv[], const struct spawn_opts *o, char *why, size_t whylen);

/*
 * Starts argv[0] (a path) as a daemon child: a new session, stdin from
 * /dev/null, output appended to o->log.  The child execs only after
 * recorded(pid, arg) has returned 0 in the parent, so its pid is known
 * (written down, say) before it runs; if pmiplab dies before that, the
 * child exits instead.  Returns its pid, or -1 with the reason in why
 * (exec failures included).
 */
pid_t spawn_daemon(char *const argv[], const struct spawn_opts *o, int (*recorded)(pid_t, void *),
    void *arg, char *why, size_t whylen);

/* Sleeps ms milliseconds (shorter when a signal arrives). */
void spawn_sleep_ms(int ms);

/* Monotonic milliseconds, for deadlines. */
long long spawn_now_ms(void);

#endif
