/*
 * clgen.h — what the parts of clgen share: the grammar as read (modes,
 * commands, their syntax trees and nodes), the limits, the helpers.
 *
 *   clgen.c         main, errors, small string helpers
 *   clgen_read.c    the grammar file reader, macros, value tables, and
 *                   resolving names (modes, parents, slots)
 *   clgen_syntax.c  syntax trees, slots, and the matcher's graph (NFA)
 *   clgen_help.c    help texts: where each word's `?` text comes from
 *   clgen_emit.c    what it writes: tables, header, dispatch, handler
 *                   prototypes and argument structs, the man page
 */
#ifndef PMIPSIM_CLGEN_H
#define PMIPSIM_CLGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* the token and syntax kinds of the library, without the mode numbers
 * (cl_gen.h) that clgen is about to write */
#define CLGEN
#include "cl.h"

#define MAXMODES 64
#define MAXCMDS 1024
#define MAXSLOTS 40
#define MAXHELP 8192
#define MAXMACROS 128

/* CL_T_* by name, for the tables written out */
extern const char *const type_enum[];
extern int nerrors;

void die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* Reports FILE:LINE: message; the build fails at the end. */
void err(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void *xcalloc(size_t n, size_t sz);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *trim(char *s);
char *unquote(const char *file, int line, char *s);
int mode_find(const char *name);
char *colname(const char *s);

/* ---- data model --------------------------------------------------------- */

struct syn {
	int op;			/* S_* */
	int type;		/* CL_S_TOK: T_* */
	char *text;		/* keyword, or placeholder for args */
	char *name;		/* argument or group name, or NULL */
	char *hctx;		/* help context of a keyword ("any@src") */
	long long min, max;
	int slot;
	bool flag;		/* keyword stored as flag */
	struct syn **kids;
	int nkids;
	uint64_t slots;
	int node;		/* CL_S_TOK: node index (per command, relative) */
	int top;		/* index of the top-level item it belongs to */
};

struct node {
	int type;
	int flags;
	int slot;
	char *text;
	char *help;
	long long min, max;
	int *next;		/* node indices, -1 = END */
	int nnext;
	struct syn *tok;
};

struct col {
	char *col;
	char *slotname;
	char *literal;
	int slot;
};

struct mode {
	char *name;
	char *prompt;
	char *parentname;
	int parent;
	char *table;
	bool inherit;
	char *flag_col;
	char *title;
	bool config;
	const char *file;
	int line;
	int cmds[MAXCMDS];
	int ncmds;
};

struct cmd {
	const char *file;	/* base name */
	int line;
	char *syntax;		/* macros expanded */
	char *raw;		/* as written */
	char *doc;
	char *modenames[MAXMODES];
	int nmodes;
	int modes[MAXMODES];
	struct {
		char *word, *text;
	} help[64];
	int nhelp;
	int priv;
	char *enter;
	int enter_mode;
	char *table;
	struct col keys[16], sets[32];
	int nkeys, nsets;
	int order;
	bool has_order;
	char *sort;
	char *check, *handler, *after, *render;
	char *same;		/* ROW: see cl_cmd.same */
	int flags;
	char *nopoint;
	char *prefer;
	char *unset;
	/* derived */
	struct syn *root;
	char *slotnames[MAXSLOTS];
	int nslots, nxslots;
	struct node *nodes;
	int nnodes, capnodes;
	int *start;
	int nstart;
	int kind;
	int node_base;		/* global index of first node */
	int edge_base;		/* offset of its start list in cl_edges */
	int id;
};

#define F_PIPE 0x01
#define F_HIDDEN 0x02
#define F_NONO 0x04
#define F_NODEFAULT 0x08
#define F_FILE_OK 0x10
#define F_NOONLY 0x20
#define F_NEGATABLE 0x100	/* generator only: handler-only command with a no form */

extern struct mode modes[MAXMODES];
extern int nmodes;
extern struct cmd cmds[MAXCMDS];
extern int ncmds;

struct macro {
	char *name, *param, *body;
};
extern struct macro macros[MAXMACROS];
extern int nmacros;

/* values NAME "TITLE", then WORD NUMBER "HELP" lines */
#define MAXVTABLES 32
#define MAXVALUES 256
struct vtable {
	char *name, *title;
	const char *file;
	int line;
	int n;
	struct {
		char *word, *help;
		long long num;
	} v[MAXVALUES];
};
extern struct vtable vtables[MAXVTABLES];
extern int nvtables;
const struct vtable *vtable_find(const char *name);

struct section {
	const char *file;
	char *title;
	char *text;
};
extern struct section sections[64];
extern int nsections;


/* clgen_read.c */
void read_file(const char *path);
void resolve(void);

/* clgen_syntax.c */
void compile_cmd(struct cmd *c);

/* clgen_help.c */
void register_help(struct cmd *c);
void lookup_help(struct cmd *c, struct node *n, int idx);

/* clgen_emit.c */
void collect_fnargs(void);
void write_tables(const char *path);
void write_header(const char *path);
void write_dispatch(const char *path);
void write_protos(const char *path);
void write_man(const char *path);

#endif
