/*
 * cmd.h — what a command handler, check hook or custom renderer gets.
 *
 * The grammar declares, per command, an optional check hook (runs first;
 * validates and may rewrite argument values, e.g. hash a secret), the store
 * action (done by the store), and an optional handler (runs last; side
 * effects such as applying an address to the kernel, or the whole work of
 * an EXEC command).  All run inside the command's savepoint: a hook or
 * handler that fails rolls the command back.
 *
 * Handlers live in src/cmd/NAME.c, one file per grammar/NAME.cli.
 */
#ifndef PMIPSIM_CMD_H
#define PMIPSIM_CMD_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "cl.h"
#include "strbuf.h"

struct router;
struct session;
struct store;

#define MODE_DEPTH 16

/* Where a session (or a config file being loaded) is: the mode of each
 * level and the object each level edits (row id in the mode's table). */
struct modestack {
	int depth;
	int mode[MODE_DEPTH];
	int64_t obj[MODE_DEPTH];
};

enum {
	CMD_OK = 0,	/* go on (check hook) / done (handler) */
	CMD_DONE = 1,	/* check hook did the work itself: skip the store action */
	CMD_ASYNC = 2,	/* handler asked a question; it finishes later */
	CMD_ERR = -1	/* failed; the message is in out */
};

struct cmd_ctx {
	struct router *r;
	struct session *s;	/* NULL when a file is being loaded */
	struct modestack *ms;
	const struct cl_match *m;
	const struct cl_cmd *cmd;
	int mode;		/* mode the command runs in */
	int64_t obj;		/* object of that mode */
	int64_t newobj;		/* ENTER: the object selected */
	const char *vals[CL_MAXSLOTS];
	bool negate, dflt;
	struct strbuf *out;
	int bad_slot;		/* check hook: put the caret under this argument */
	char xbuf[2048];	/* storage for rewritten values */
	size_t xused;
};

/* Index of the slot called name in c, or -1. */
int cmd_slot(const struct cl_cmd *c, const char *name);
/* Value of the named slot, or NULL. */
const char *cmd_val(const struct cmd_ctx *x, const char *name);
/* Replaces the value of the named slot (NULL clears it).  Returns false if
 * the command has no such slot or the scratch space is full. */
bool cmd_setval(struct cmd_ctx *x, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The same for slot number slot (from cmd_slot; < 0 does nothing) and n
 * bytes of text: for hooks that set many values of one command. */
bool cmd_setslot(struct cmd_ctx *x, int slot, const char *text, size_t n);
/* Reports "% Invalid input detected at '^' marker." under the argument. */
int cmd_bad_arg(struct cmd_ctx *x, const char *name);

struct cmd_render {
	struct router *r;
	struct store *st;		/* the store being printed (store_prepare) */
	sqlite3 *db;
	const struct cl_cmd *cmd;
	const char *const *vals;	/* NULL: a renderer reads the row */
	sqlite3_stmt *row;		/* the row: the columns the syntax of the
					 * table's commands prints, and their
					 * literal columns */
	struct strbuf *out;		/* append the line, without indent or newline */
	int index;			/* row number among this command's rows */
	int64_t parent;			/* object the rows belong to */
};

/* Column value of the current row by name, or NULL. */
const char *render_col(const struct cmd_render *r, const char *name);

struct cmd_fns {
	int (*check)(struct cmd_ctx *);
	int (*handler)(struct cmd_ctx *);
	void (*render)(struct cmd_render *);
};

extern const struct cmd_fns cmd_fns[];

/* The handler, hook and renderer prototypes, generated from the grammar. */
#include "cmd_protos.h"

#endif
