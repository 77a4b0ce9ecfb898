/*
 * cmd.h — what a command handler, check hook or custom renderer gets.
 *
 * The grammar declares, per command, an optional check hook (runs first;
 * validates and may rewrite argument values, e.g. hash a secret), the store
 * action (done by the store), and then either a handler (side effects that
 * may fail, or the whole work of an EXEC command) or an after hook (side
 * effects of a change that cannot be refused, such as applying an
 * interface's configuration to the kernel; it returns nothing).  A hook or
 * handler that fails rolls the command back: a command with a handler runs
 * inside a savepoint, which a command without one does not need (its store
 * action is one statement).
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

/*
 * Output that goes on after the handler returns (a show of a million
 * bindings): produce appends the next piece to out, whole records, and
 * returns false with the last one.  The session asks for the next piece
 * when the shell has taken the last (and the pager wants more), between
 * other events: the output is never all in memory, and the router goes
 * on meanwhile.  done frees arg: after the last piece, or when the output
 * is dropped (q at --More--, Ctrl-^, the session ends).  What the handler
 * wrote to out comes first.
 */
typedef bool (*cmd_produce_fn)(void *arg, struct strbuf *out);
struct cmd_stream {
	cmd_produce_fn produce;		/* NULL: none */
	void (*done)(void *arg);
	void *arg;
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
	struct cmd_stream stream;	/* EXEC handlers: set with cmd_stream */
	char xbuf[2048];	/* storage for rewritten values */
	size_t xused;
};

/* An EXEC handler's output goes on with produce (see struct cmd_stream). */
void cmd_stream(struct cmd_ctx *x, cmd_produce_fn produce, void (*done)(void *arg), void *arg);

/*
 * The arguments of a command, as its check hook and handler get them: a
 * struct cmd_NAME_args that clgen generates from the grammar for each
 * cmd_NAME, one member per argument its commands declare (see
 * cmd_protos.h).  s is the text as typed (NULL when absent), slot where it
 * is kept; an argument the command at hand lacks has slot -1.  A number
 * (<a-b>) also has its value in n (0 when absent).
 */
struct cmd_arg {
	const char *s;
	int slot;
};

struct cmd_num {
	const char *s;
	int slot;
	long long n;
};

/* The value of a number argument, for the generated wrappers. */
long long cmd_num_of(const char *s);

/* Replaces the value of argument a (a member of the args struct), where
 * the store and the handler will see it; cmd_clear makes it absent.  false if the
 * command has no such argument or the scratch space is full. */
#define cmd_set(x, a, ...) cmd_set_slot((x), &(a).s, (a).slot, __VA_ARGS__)
bool cmd_set_slot(struct cmd_ctx *x, const char **sp, int slot, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The same with n bytes of text. */
#define cmd_setn(x, a, text, n) cmd_setn_slot((x), &(a).s, (a).slot, (text), (n))
bool cmd_setn_slot(struct cmd_ctx *x, const char **sp, int slot, const char *text, size_t n);
#define cmd_clear(x, a) cmd_clear_slot((x), &(a).s, (a).slot)
bool cmd_clear_slot(struct cmd_ctx *x, const char **sp, int slot);
/* Reports "% Invalid input detected at '^' marker." under argument a. */
#define cmd_bad(x, a) cmd_bad_slot((x), (a).slot)
int cmd_bad_slot(struct cmd_ctx *x, int slot);

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
	void (*after)(struct cmd_ctx *);
	void (*render)(struct cmd_render *);
};

extern const struct cmd_fns cmd_fns[];

/* The handler, hook and renderer prototypes, generated from the grammar. */
#include "cmd_protos.h"

#endif
