/*
 * cl.h — the command-line parser library shared by pmipd, pmipsh's tests and
 * the unit tests.
 *
 * The grammar (grammar/NAME.cli) is compiled at build time by clgen into static
 * tables of this shape (cli/cl_tables.c).  The matcher (cli/match.c) walks the
 * tables to turn a typed line into a command and its typed arguments, to answer
 * `?` and to complete on Tab.  Nothing here touches a socket, a terminal or the
 * config store.
 */
#ifndef PMIPSIM_CL_H
#define PMIPSIM_CL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Token types a grammar node may have. */
enum cl_type {
	CL_T_KW,	/* keyword, matched by unique prefix */
	CL_T_WORD,	/* one free token */
	CL_T_LINE,	/* the rest of the line, spaces kept */
	CL_T_RANGE,	/* decimal integer in [min, max] */
	CL_T_IPV4,	/* A.B.C.D */
	CL_T_IPV4PFX,	/* A.B.C.D/M */
	CL_T_IPV6,	/* X:X:X:X::X */
	CL_T_IPV6PFX,	/* X:X:X:X::X/<0-128> */
	CL_T_MAC,	/* H.H.H */
	CL_T_IFNAME,	/* interface type and number, one or two tokens */
	CL_T_NAI,	/* [user]@realm */
	CL_T_HEX,	/* hexadecimal string */
	CL_T_END	/* pseudo node: the command may end here */
};

/* How well a token matched a node; lower is better.  Full-line candidates
 * are ranked by comparing these, token by token, from the left. */
enum cl_level {
	CL_L_EXACT = 0,	/* keyword typed in full */
	CL_L_PARTIAL,	/* keyword abbreviated */
	CL_L_TYPED,	/* number, address, interface ... */
	CL_L_WORD,	/* free word */
	CL_L_LINE,	/* rest of line */
	CL_L_NONE
};

#define CL_NODE_NOOK	0x01	/* in a `no` form the line may end before this node */
#define CL_NODE_PREFER	0x02	/* keyword wins an ambiguity with its siblings (sh = show) */
#define CL_NODE_FLAG	0x04	/* keyword stored as a flag (1), not as its text */

struct cl_node {
	uint8_t type;		/* enum cl_type */
	uint8_t flags;		/* CL_NODE_* */
	int8_t slot;		/* argument slot filled by this node, or -1 */
	const char *text;	/* keyword, or the placeholder shown by `?` */
	const char *help;
	int64_t min, max;	/* CL_T_RANGE bounds */
	uint32_t next;		/* offset into cl_edges */
	uint16_t nnext;
};

/* Syntax tree, kept for rendering a stored command back into text. */
enum cl_syn_op { CL_S_TOK, CL_S_SEQ, CL_S_OPT, CL_S_ALT };

struct cl_syn {
	uint8_t op;		/* enum cl_syn_op */
	uint8_t type;		/* CL_S_TOK: enum cl_type */
	int8_t slot;		/* CL_S_TOK: slot or -1 */
	uint8_t flags;		/* CL_NODE_FLAG */
	const char *text;	/* CL_S_TOK: keyword text */
	uint64_t slots;		/* bit mask of the slots used in this subtree */
	uint16_t nkids;
	const struct cl_syn *kids;
};

/* Store actions a command may declare. */
enum cl_kind {
	CL_K_NONE,	/* EXEC or handler-only command */
	CL_K_SET,	/* sets columns of the current mode's object */
	CL_K_ROW,	/* adds or replaces a row of a child table */
	CL_K_ENTER	/* finds or creates an object and enters its mode */
};

/* One column bound to an argument slot, or to a literal. */
struct cl_col {
	const char *col;
	int8_t slot;		/* -1 when literal is used */
	uint8_t type;		/* enum cl_type of the slot (CL_T_RANGE stores INTEGER) */
	uint8_t flag;		/* slot is a flag keyword: stored as 1 */
	const char *literal;
};

#define CL_CMD_PIPE	0x01	/* accepts output modifiers (| include ...) */
#define CL_CMD_HIDDEN	0x02	/* not listed by ? */
#define CL_CMD_NONO	0x04	/* has no `no` form */
#define CL_CMD_NODEFAULT 0x08	/* has no `default` form */
#define CL_CMD_FILE_OK	0x10	/* may appear in a config file */
#define CL_CMD_NOONLY	0x20	/* exists only as a `no` form (no 10 in an ACL) */

struct cl_cmd {
	const char *syntax;	/* as written in the grammar */
	const char *file;	/* grammar file base name ("acl") */
	const char *doc;
	uint32_t start;		/* offset into cl_edges: first nodes */
	uint16_t nstart;
	uint8_t nslots;		/* slots filled by the syntax */
	uint8_t nxslots;	/* extra slots filled by a check hook */
	const char *const *slot_names;	/* nslots + nxslots names */
	uint8_t kind;		/* enum cl_kind */
	uint8_t priv;		/* privilege needed (EXEC) */
	uint8_t flags;		/* CL_CMD_* */
	int16_t enter;		/* mode entered, or -1 */
	const char *table;	/* ROW: its table; ENTER: target mode's table */
	const char *order_by;	/* render order of rows, SQL */
	uint8_t nkeys, nsets;
	const struct cl_col *keys, *sets;
	int32_t render_order;	/* place in the parent's block */
	const struct cl_syn *syn;
	const char *unset;	/* SET: line rendered when nothing is set ("no ip address") */
	const char *same;	/* ROW: the column two rows of one parent are the same
				 * entry by (their content): adding one again adds
				 * nothing; its table has UNIQUE (parent, same) */
};

struct cl_mode {
	const char *name;	/* "config-if" */
	const char *prompt;	/* "(config-if)" ; "" for EXEC */
	int16_t parent;		/* enclosing mode, -1 for EXEC */
	const char *table;	/* object table, NULL: system singleton */
	bool inherit;		/* object is the parent's object (address dynamic) */
	const char *flag_col;	/* inherit modes: column that marks the block present */
	const char *title;
	uint16_t ncmds;
	const uint16_t *cmds;	/* commands of this mode, in render order */
	bool config;		/* a configuration mode (no, default, do, end) */
};

extern const struct cl_node cl_nodes[];
extern const uint16_t cl_edges[];
extern const struct cl_cmd cl_cmds[];
extern const struct cl_mode cl_modes[];
extern const unsigned cl_ncmds, cl_nmodes, cl_nnodes;

#define CL_EDGE_END 0xffff
#define CL_MAXSLOTS 40
#define CL_MAXTOKENS 96

/* A value table of the grammar (`values NAME`): keywords that stand for
 * numbers (IOS's port and protocol names, access technology types).  The
 * keywords, their help and the man page come from the same declaration. */
struct cl_value {
	const char *word;
	long long num;
	const char *help;
};

struct cl_values {
	const char *name;
	unsigned n;
	const struct cl_value *v;
};

/* The number of word in t, or -1; the word of num (the first one that
 * has it), or NULL. */
long long cl_value_num(const struct cl_values *t, const char *word);
const char *cl_value_word(const struct cl_values *t, long long num);

/* Mode numbers (CL_MODE_EXEC, CL_MODE_CONFIG, CL_MODE_CONFIG_IF, ...) and
 * the value tables (cl_values_NAME), generated from the grammar; clgen
 * insists the first two modes are these. */
#ifndef CLGEN	/* clgen itself, which writes them, goes without */
#include "cl_gen.h"
#endif

int cl_mode_find(const char *name);

/* --- value types (cli/types.c) ---------------------------------------- */

/* Result of checking one token against a typed node.  Canonical text is
 * written into out (NUL terminated, at most outsz bytes). */
bool cl_type_match(const struct cl_node *n, const char *tok, size_t len,
    char *out, size_t outsz);

bool cl_parse_ipv4(const char *s, size_t len, uint32_t *addr);
void cl_format_ipv4(uint32_t addr, char *out, size_t outsz);
bool cl_parse_u64(const char *s, size_t len, uint64_t max, uint64_t *out);
bool cl_parse_ipv6(const char *s, size_t len, uint8_t addr[16]);
void cl_format_ipv6(const uint8_t addr[16], char *out, size_t outsz);

/* Interface names: IOS spelling <-> canonical long form <-> Linux name. */
struct cl_iftype {
	const char *name;	/* "Ethernet" */
	const char *help;	/* "IEEE 802.3" */
	const char *numhelp;	/* shown for the number: "<0-15>" ... */
	uint8_t parts;		/* components in the number: 1 (Loopback0), 2 (1/0) ... up to 3 */
	uint8_t minparts;
	uint32_t max[3];	/* upper bound of each component */
};
extern const struct cl_iftype cl_iftypes[];
extern const unsigned cl_niftypes;

/* Matches an interface-type prefix (case-insensitive).  Returns the number of
 * types that match and the index of the first in *idx (exact match wins). */
int cl_iftype_lookup(const char *s, size_t len, int *idx);
/* Canonical form of "<type><number>" typed as one token; false if invalid. */
bool cl_ifname_canon(const char *s, size_t len, char *out, size_t outsz);
/* Linux name for a canonical IOS name ("Ethernet1/0" -> "eth4"); false when
 * the type has no Linux counterpart. */
bool cl_ifname_to_linux(const char *canon, char *out, size_t outsz);
/* IOS name for a Linux name ("eth4" -> "Ethernet1/0"); false if unmapped. */
bool cl_ifname_from_linux(const char *lname, char *out, size_t outsz);
/* Sort key so that Ethernet0/10 comes after Ethernet0/2. */
void cl_ifname_sortkey(const char *canon, char *out, size_t outsz);

/* --- tokens and matching (cli/match.c) -------------------------------- */

struct cl_tok {
	uint16_t off, len;	/* byte offset and length in the line */
};

int cl_tokenize(const char *line, struct cl_tok *toks, int max);

struct cl_val {
	const char *s;		/* canonical text, NUL terminated, or NULL */
	uint16_t off;		/* byte offset in the line of the token that gave it */
};

/* Output modifier parsed from "| include REGEX" and friends. */
enum cl_pipe { CL_PIPE_NONE, CL_PIPE_INCLUDE, CL_PIPE_EXCLUDE, CL_PIPE_BEGIN,
	CL_PIPE_SECTION, CL_PIPE_COUNT, CL_PIPE_JSON };

enum cl_status {
	CL_OK,
	CL_EMPTY,		/* blank line or comment */
	CL_INVALID,		/* err_pos says where */
	CL_INCOMPLETE,
	CL_AMBIGUOUS,
	CL_UNKNOWN_EXEC		/* EXEC: first word matched nothing */
};

struct cl_match {
	enum cl_status status;
	int err_pos;		/* byte offset of the offending token */
	int cmd;		/* index into cl_cmds */
	int mode;		/* mode the command belongs to */
	bool negate;		/* `no` form */
	bool dflt;		/* `default` form */
	bool do_exec;		/* reached through `do` */
	int mode_up;		/* parent-mode fallback: levels left */
	struct cl_val vals[CL_MAXSLOTS];
	enum cl_pipe pipe;
	const char *pipe_arg;	/* regex text */
	size_t bufused;
	/* storage for canonical values (not cleared between matches) */
	char buf[4096];
};

/* Matches line in mode (with the privilege given).  Fills m.  Never fails
 * for bad input: m->status says what the user did wrong. */
void cl_match_line(const char *line, int mode, int priv, struct cl_match *m);

/* `?` help.  Writes the IOS help text for the line as typed so far into
 * the callback, one line at a time.  width is the terminal width used to
 * wrap long help.  Returns false when the word before the cursor matches
 * nothing (the caller prints "% Unrecognized command"). */
typedef void (*cl_emit_fn)(void *ctx, const char *s, size_t len);
enum cl_help_status { CL_HELP_OK, CL_HELP_UNRECOGNIZED, CL_HELP_AMBIGUOUS };
enum cl_help_status cl_help(const char *line, int mode, int priv, unsigned width,
    cl_emit_fn emit, void *ctx);

/* Tab completion: on a unique keyword match, *insert gets the rest of the
 * word plus a space (caller appends it to the line).  Otherwise the
 * choices are emitted like `word?` help.  Returns the number of choices. */
int cl_complete(const char *line, int mode, int priv, char *insert, size_t insertsz,
    cl_emit_fn emit, void *ctx);

/* Renders the syntax tree of a command with the given slot values
 * (NULL = absent), appending to out.  Returns false if nothing is stored. */
struct strbuf;
bool cl_render_cmd(const struct cl_cmd *c, const char *const *vals, struct strbuf *out);

#endif
