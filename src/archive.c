/*
 * archive.c — the configuration archive (see archive.h).
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/time.h>
#include <time.h>

#include <event2/event.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "log.h"
#include "render.h"
#include "router.h"
#include "strbuf.h"

int
archive_open(struct router *r, const char *path)
{
	if (sqlite3_open_v2(path ? path : ":memory:", &r->archive,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_exec(r->archive, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; "
	    "CREATE TABLE IF NOT EXISTS archive (n INTEGER PRIMARY KEY AUTOINCREMENT, "
	    "at INTEGER NOT NULL, who TEXT NOT NULL, what TEXT NOT NULL, config TEXT NOT NULL)",
	    NULL, NULL, NULL) != SQLITE_OK) {
		log_warnx("archive %s: %s", path ? path : "(memory)", sqlite3_errmsg(r->archive));
		sqlite3_close(r->archive);
		r->archive = NULL;
		return -1;
	}
	return 0;
}

/* An entry waits for the end of the burst that made it: rendering a big
 * configuration takes a while, and the shell gets its prompt back first.
 * Anything that runs a command writes it out before (archive_flush). */
struct pending {
	struct router *r;
	time_t at;
	char *who, *what;
	int more;
	struct event *ev;
	uint64_t deadline;	/* ms (monotonic): written by then, whatever */
	bool sending;		/* output was waiting at the last look */
};

/* A shell still taking in the output of a big paste, or asking for
 * something right after it (a script's show running-config), would wait
 * for the render.  So the entry waits while output is being sent (looking
 * again every 20 ms) and until the shells have been quiet for 200 ms, for
 * at most two seconds in all. */
#define PENDING_POLL_MS 20
#define PENDING_QUIET_MS 200
#define PENDING_MAX_MS 2000
static struct pending pending;

static uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
pending_wait(unsigned ms)
{
	struct timeval tv = { 0, (suseconds_t)ms * 1000 };

	evtimer_add(pending.ev, &tv);
}

static void archive_write(struct router *r, time_t at, const char *who, const char *what,
    int more);

void
archive_flush(struct router *r)
{
	char *who = pending.who, *what = pending.what;

	/* (a scratch router, as configure replace uses, has no archive) */
	if (who == NULL || r != pending.r)
		return;
	pending.who = pending.what = NULL;
	archive_write(r, pending.at, who, what, pending.more);
	free(who);
	free(what);
}

void
archive_postpone(struct router *r)
{
	if (pending.who != NULL && pending.r == r && now_ms() < pending.deadline)
		pending_wait(PENDING_QUIET_MS);
}

static void
pending_cb(evutil_socket_t fd, short what, void *arg)
{
	struct router *r = arg;

	(void)fd;
	(void)what;
	if (pending.who != NULL && now_ms() < pending.deadline) {
		if (r->output_waiting && r->output_waiting(r)) {
			pending.sending = true;
			pending_wait(PENDING_POLL_MS);
			return;
		}
		if (pending.sending) {
			/* sent: the shell may come back with a question */
			pending.sending = false;
			pending_wait(PENDING_QUIET_MS);
			return;
		}
	}
	archive_flush(arg);
}

void
archive_close(struct router *r)
{
	archive_flush(r);
	if (pending.ev)
		event_free(pending.ev);
	pending.ev = NULL;
	sqlite3_close(r->archive);
	r->archive = NULL;
}

/* The archive is a convenience, not the configuration: it need not
 * survive a crash (synchronous off), and it keeps the first commands of a
 * big paste, not all of them. */
#define WHAT_MAX_LINES ARCHIVE_WHAT_LINES

void
archive_add(struct router *r, const char *who, const char *what, int more)
{
	if (r->archive == NULL)
		return;
	archive_flush(r);
	if (r->base == NULL) {
		archive_write(r, clock_now(), who, what, more);
		return;
	}
	pending.r = r;
	pending.more = more;
	pending.deadline = now_ms() + PENDING_MAX_MS;
	pending.sending = false;
	pending.at = clock_now();
	pending.who = strdup(who);
	pending.what = strdup(what);
	if (pending.who == NULL || pending.what == NULL)
		abort();
	if (pending.ev == NULL)
		pending.ev = evtimer_new(r->base, pending_cb, r);
	pending_wait(PENDING_POLL_MS);
}

static void
archive_write(struct router *r, time_t at, const char *who, const char *what, int more)
{
	struct strbuf cfg = STRBUF_INIT, cut = STRBUF_INIT;
	struct render_opts o = { false, false };
	sqlite3_stmt *s;
	int lines = 0;

	if (r->archive == NULL)
		return;
	for (const char *p = what; *p; p++)
		if (*p == '\n' && ++lines == WHAT_MAX_LINES && p[1]) {
			int rest = more;

			for (const char *q = p + 1; *q; q++)
				rest += *q == '\n';
			sb_add(&cut, what, (size_t)(p - what) + 1);
			sb_printf(&cut, "... and %d more\n", rest);
			what = cut.s;
			more = 0;
			break;
		}
	if (more > 0) {
		/* the caller kept the first lines only */
		sb_adds(&cut, what);
		sb_printf(&cut, "... and %d more\n", more);
		what = cut.s;
	}
	render_config(r, r->run, &cfg, &o);
	if (sqlite3_prepare_v2(r->archive, "INSERT INTO archive (at, who, what, config) "
	    "VALUES (?, ?, ?, ?)", -1, &s, NULL) != SQLITE_OK) {
		sb_free(&cfg);
		return;
	}
	sqlite3_bind_int64(s, 1, (sqlite3_int64)at);
	sqlite3_bind_text(s, 2, who, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, what, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, cfg.s, (int)cfg.len, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		log_warnx("archive: %s", sqlite3_errmsg(r->archive));
	sqlite3_finalize(s);
	sb_free(&cfg);
	sb_free(&cut);
	/* IOS keeps at most 14 */
	sqlite3_exec(r->archive, "DELETE FROM archive WHERE n <= (SELECT max(n) FROM archive) - 14",
	    NULL, NULL, NULL);
}

char *
archive_config(struct router *r, int n)
{
	sqlite3_stmt *s;
	char *cfg = NULL;

	archive_flush(r);
	if (r->archive == NULL || sqlite3_prepare_v2(r->archive,
	    "SELECT config FROM archive WHERE n=?", -1, &s, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_int(s, 1, n);
	if (sqlite3_step(s) == SQLITE_ROW)
		cfg = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return cfg;
}

int
archive_entries(struct router *r, int n, struct archive_entry **out)
{
	sqlite3_stmt *s;
	struct archive_entry *v = NULL;
	int k = 0;

	*out = NULL;
	archive_flush(r);
	if (r->archive == NULL || sqlite3_prepare_v2(r->archive, n ?
	    "SELECT n, at, who, what, config FROM archive WHERE n=?" :
	    "SELECT n, at, who, what, NULL FROM archive ORDER BY n", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (n)
		sqlite3_bind_int(s, 1, n);
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *cfg = (const char *)sqlite3_column_text(s, 4);

		v = realloc(v, (size_t)(k + 1) * sizeof(*v));
		if (v == NULL)
			abort();
		v[k] = (struct archive_entry){ .n = sqlite3_column_int(s, 0),
		    .at = (time_t)sqlite3_column_int64(s, 1),
		    .who = strdup((const char *)sqlite3_column_text(s, 2)),
		    .what = strdup((const char *)sqlite3_column_text(s, 3)),
		    .config = cfg ? strdup(cfg) : NULL };
		if (v[k].who == NULL || v[k].what == NULL || (cfg && v[k].config == NULL))
			abort();
		k++;
	}
	sqlite3_finalize(s);
	*out = v;
	return k;
}

void
archive_entries_free(struct archive_entry *v, int n)
{
	for (int i = 0; i < n; i++) {
		free(v[i].who);
		free(v[i].what);
		free(v[i].config);
	}
	free(v);
}
