/*
 * archive.h — the configuration archive: every committed change (a
 * configuration session that changed something, a file copied in, a
 * replace or rollback) with when, who, what was typed, and the resulting
 * configuration, so that configure rollback N can return to it.  Kept in
 * DIR/archive.db, apart from the configuration itself.
 */
#ifndef PMIPSIM_ARCHIVE_H
#define PMIPSIM_ARCHIVE_H

#include <stdbool.h>
#include <time.h>

struct router;
struct strbuf;

#define ARCHIVE_MAX 14

/* Opens (creating) the archive at path; NULL path: in memory. */
int archive_open(struct router *r, const char *path);
void archive_close(struct router *r);
/* An entry keeps the first lines of what was typed, and how many more. */
#define ARCHIVE_WHAT_LINES 200

/* Records a committed change (written out soon after, or at the next
 * command: archive_flush): the running configuration as it is now, who
 * made it, and what was typed (more: lines typed after those in what,
 * which the caller did not keep). */
void archive_add(struct router *r, const char *who, const char *what, int more);
void archive_flush(struct router *r);
/* A shell sent something: a pending entry waits a little longer, so that
 * its render does not hold up the answer (bounded, see archive.c). */
void archive_postpone(struct router *r);
/* One entry, for show archive. */
struct archive_entry {
	int n;
	time_t at;
	char *who, *what;
	char *config;			/* when one entry was asked for */
};
/* Entry n (every entry, oldest first, when n is 0): how many, -1 when
 * there is no archive; free with archive_entries_free. */
int archive_entries(struct router *r, int n, struct archive_entry **out);
void archive_entries_free(struct archive_entry *v, int n);
/* The configuration text of entry n (caller frees), or NULL. */
char *archive_config(struct router *r, int n);

#endif
