/*
 * store.h — the running configuration store: one SQLite database, with the
 * statements that carry out what the grammar says a command stores.  (The
 * startup-config is text: startup.h.)
 *
 * Transactions: a failing command changes nothing (its one statement, or its
 * savepoint, is undone); commands that arrive back to back share one outer
 * transaction that is committed when the daemon goes idle (store_flush),
 * so a pasted configuration is one write.
 */
#ifndef PMIPSIM_STORE_H
#define PMIPSIM_STORE_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "cl.h"

struct strbuf;
struct store;

/* Opens (creating the schema when the file is new) the database at path;
 * ":memory:" works.  Returns NULL with *err set (caller frees) on failure. */
struct store *store_open(const char *path, char **err);
void store_close(struct store *st);
sqlite3 *store_db(struct store *st);

/* A prepared statement for sql, cached; reset and with bindings cleared.
 * Owned by the store.  NULL (and a log line) if sql does not compile. */
sqlite3_stmt *store_prepare(struct store *st, const char *sql);
/* Index of the column called name in the result of s, or -1.  Fast when
 * asked again with the same statement and the same name constant.  For
 * statements of store_prepare only (remembered by address until their
 * store frees them). */
int store_col(sqlite3_stmt *s, const char *name);
/* Column name of the current row of s (a statement of store_prepare): its
 * text, NULL when it is NULL or there is no such column; its integer, dflt
 * then. */
const char *store_text(sqlite3_stmt *s, const char *name);
long long store_int(sqlite3_stmt *s, const char *name, long long dflt);
/* Runs sql that returns no rows.  0 or -1. */
int store_exec(struct store *st, const char *sql);

/* Per-command atomicity.  A command whose only write is one statement is
 * atomic without a savepoint (SQLite undoes a failing statement); anything
 * that may write more asks for one. */
void store_cmd_begin(struct store *st, bool savepoint);
void store_cmd_end(struct store *st, bool ok);
/* Commits the outer transaction, if one is open. */
void store_flush(struct store *st);

/* Carries out the store action of command c (in mode) with the given slot
 * values: set or clear columns of obj, add or delete a row, find or create
 * (or delete) an object.  *newobj gets the object an ENTER command selects.
 * Returns 0, or -1 with a message in err. */
int store_apply(struct store *st, const struct cl_cmd *c, int mode, const char *const *vals,
    bool negate, int64_t obj, int64_t *newobj, struct strbuf *err);

/* Empties every table (back to the factory default). */
int store_clear(struct store *st);

/*
 * What the configuration commands changed, for the engines: the tables
 * whose rows were added, changed or removed (bits ROWS_BIT(table) of
 * rows.h), and the first STORE_CHANGE_ROWS such rows.  A command rolled
 * back takes its changes with it.  store_take_changes hands over what
 * was gathered since it was last called, and starts again.
 */
#define STORE_CHANGE_ROWS 64
enum { STORE_INSERT = 1, STORE_UPDATE, STORE_DELETE };
struct store_changes {
	uint64_t tables;
	bool all;			/* every table: cleared, or loaded whole */
	int nrows;
	bool rows_lost;			/* more rows than rows[] holds */
	struct store_row_change {
		uint8_t table;		/* ROWS_T_... */
		uint8_t op;		/* STORE_INSERT, ... */
		int64_t id;
	} rows[STORE_CHANGE_ROWS];
};
void store_take_changes(struct store *st, struct store_changes *out);
/* Starts gathering them (after the boot's load: the engines start from
 * the whole configuration, and the load goes faster unwatched). */
void store_watch_changes(struct store *st);
/* Does c touch any table of mask (or everything)? */
bool store_changes_touch(const struct store_changes *c, uint64_t mask);

/* Counts committed changes since open (used for "configuration modified"). */
uint64_t store_generation(const struct store *st);

/* What a cache of store contents can check itself against.  Between two
 * stamps of one store with the same epoch, the rows changed only by the
 * statements counted in changes (sqlite3_total_changes64: rows inserted,
 * updated or deleted), and commands counts the store_cmd_begin calls. */
struct store_stamp {
	uint64_t epoch;		/* stores opened or closed, rollbacks, loads,
				 * clears: process-wide */
	uint64_t commands;
	int64_t changes;
};
void store_stamp(struct store *st, struct store_stamp *out);

#endif
