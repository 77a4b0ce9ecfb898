/*
 * clgen — compiles the grammar files (grammar/NAME.cli) into the parser tables, the handler
 * dispatch table and the command man page.
 *
 * Run by make, never installed:
 *   clgen -t cl_tables.c -H cl_gen.h -d cmd_dispatch.c -m pmipsim-commands.7 \
 *         grammar/base.cli grammar/interface.cli ...
 *
 * Grammar files are line oriented.  A declaration starts in column 0
 * (`mode NAME`, `cmd SYNTAX`, `define NAME(P) SYNTAX`, `section TITLE`,
 * `defaults mode M...`); the indented lines after it are its attributes.
 * See grammar/README.md for the language.  Every error is reported as
 * FILE:LINE: message and the build stops.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXMODES 64
#define MAXCMDS 1024
#define MAXSLOTS 40
#define MAXHELP 8192
#define MAXMACROS 128

enum { T_KW, T_WORD, T_LINE, T_RANGE, T_IPV4, T_IPV4PFX, T_IPV6, T_IPV6PFX, T_MAC,
	T_IFNAME, T_NAI, T_HEX, T_END };
static const char *const type_enum[] = { "CL_T_KW", "CL_T_WORD", "CL_T_LINE",
	"CL_T_RANGE", "CL_T_IPV4", "CL_T_IPV4PFX", "CL_T_IPV6", "CL_T_IPV6PFX",
	"CL_T_MAC", "CL_T_IFNAME", "CL_T_NAI", "CL_T_HEX", "CL_T_END" };

enum { S_TOK, S_SEQ, S_OPT, S_ALT };

static int nerrors;

static void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "clgen: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void
err(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s:%d: ", file, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	nerrors++;
}

static void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz);

	if (p == NULL)
		die("out of memory");
	return p;
}

static char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		die("out of memory");
	return p;
}

static char *
xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);

	if (p == NULL)
		die("out of memory");
	return p;
}

/* ---- data model --------------------------------------------------------- */

struct syn {
	int op;			/* S_* */
	int type;		/* S_TOK: T_* */
	char *text;		/* keyword, or placeholder for args */
	char *name;		/* argument or group name, or NULL */
	char *hctx;		/* help context of a keyword ("any@src") */
	long long min, max;
	int slot;
	bool flag;		/* keyword stored as flag */
	struct syn **kids;
	int nkids;
	uint64_t slots;
	int node;		/* S_TOK: node index (per command, relative) */
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

struct helpent {
	char *key;
	char *text;
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
	char *check, *handler, *render;
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

static struct mode modes[MAXMODES];
static int nmodes;
static struct cmd cmds[MAXCMDS];
static int ncmds;
static struct helpent helps[MAXHELP];
static int nhelps;

struct macro {
	char *name, *param, *body;
};
static struct macro macros[MAXMACROS];
static int nmacros;

struct section {
	const char *file;
	char *title;
	char *text;
};
static struct section sections[64];
static int nsections;

/* ---- small helpers ------------------------------------------------------ */

static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Splits the attribute value: a double-quoted string or the rest. */
static char *
unquote(const char *file, int line, char *s)
{
	size_t n;
	char *out, *o;

	s = trim(s);
	if (*s != '"')
		return xstrdup(s);
	n = strlen(s);
	if (n < 2 || s[n - 1] != '"') {
		err(file, line, "unterminated string");
		return xstrdup(s);
	}
	out = o = xcalloc(n, 1);
	for (size_t i = 1; i < n - 1; i++) {
		if (s[i] == '\\' && i + 1 < n - 1)
			i++;
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

static int
mode_find(const char *name)
{
	for (int i = 0; i < nmodes; i++)
		if (strcmp(modes[i].name, name) == 0)
			return i;
	return -1;
}

static const char *
help_get(const char *key)
{
	for (int i = 0; i < nhelps; i++)
		if (strcmp(helps[i].key, key) == 0)
			return helps[i].text;
	return NULL;
}

static void
help_put(const char *key, const char *text)
{
	if (help_get(key) != NULL)
		return;
	if (nhelps == MAXHELP)
		die("too many help entries");
	helps[nhelps].key = xstrdup(key);
	helps[nhelps].text = xstrdup(text);
	nhelps++;
}

static char *
colname(const char *s)
{
	char *c = xstrdup(s);

	for (char *p = c; *p; p++)
		if (*p == '-')
			*p = '_';
	return c;
}

/* ---- syntax parsing ----------------------------------------------------- */

struct lexer {
	const char *file;
	int line;
	char **toks;
	int ntoks, pos;
};

static void
lex_syntax(struct lexer *lx, const char *s)
{
	int cap = 16;

	lx->toks = xcalloc(cap, sizeof(char *));
	lx->ntoks = 0;
	lx->pos = 0;
	while (*s) {
		const char *b;

		if (isspace((unsigned char)*s)) {
			s++;
			continue;
		}
		if (lx->ntoks + 1 >= cap) {
			cap *= 2;
			lx->toks = realloc(lx->toks, cap * sizeof(char *));
			if (lx->toks == NULL)
				die("out of memory");
		}
		if (strchr("[]{}|", *s)) {
			lx->toks[lx->ntoks++] = xstrndup(s, 1);
			s++;
			continue;
		}
		b = s;
		/* '<a-b>' is one token even though it has no spaces to stop at */
		while (*s && !isspace((unsigned char)*s) && !strchr("[]{}|", *s))
			s++;
		lx->toks[lx->ntoks++] = xstrndup(b, s - b);
	}
}

static bool
is_ident(const char *s, size_t n)
{
	if (n == 0 || !(islower((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(islower((unsigned char)s[i]) || isdigit((unsigned char)s[i]) || s[i] == '_'))
			return false;
	return true;
}

static struct syn *
syn_new(int op)
{
	struct syn *s = xcalloc(1, sizeof(*s));

	s->op = op;
	s->slot = -1;
	s->node = -1;
	return s;
}

static void
syn_add(struct syn *p, struct syn *k)
{
	p->kids = realloc(p->kids, (p->nkids + 1) * sizeof(*p->kids));
	if (p->kids == NULL)
		die("out of memory");
	p->kids[p->nkids++] = k;
}

static struct syn *parse_seq(struct lexer *lx, const char *stops);

static struct syn *
parse_token(struct lexer *lx, const char *tok)
{
	struct syn *t = syn_new(S_TOK);
	const char *colon = strchr(tok, ':');
	const char *type = tok;

	if (colon != NULL && is_ident(tok, colon - tok)) {
		t->name = xstrndup(tok, colon - tok);
		type = colon + 1;
	}
	t->text = xstrdup(type);
	if (strcmp(type, "WORD") == 0)
		t->type = T_WORD;
	else if (strcmp(type, "LINE") == 0)
		t->type = T_LINE;
	else if (strcmp(type, "A.B.C.D") == 0)
		t->type = T_IPV4;
	else if (strcmp(type, "A.B.C.D/nn") == 0)
		t->type = T_IPV4PFX;
	else if (strcmp(type, "X:X:X:X::X") == 0)
		t->type = T_IPV6;
	else if (strcmp(type, "X:X:X:X::X/<0-128>") == 0)
		t->type = T_IPV6PFX;
	else if (strcmp(type, "H.H.H") == 0)
		t->type = T_MAC;
	else if (strcmp(type, "IFNAME") == 0)
		t->type = T_IFNAME;
	else if (strcmp(type, "NAI") == 0)
		t->type = T_NAI;
	else if (strcmp(type, "HEX") == 0)
		t->type = T_HEX;
	else if (type[0] == '<') {
		long long a, b;
		char tail;

		if (sscanf(type, "<%lld-%lld%c", &a, &b, &tail) != 3 || tail != '>' || a > b)
			err(lx->file, lx->line, "bad range '%s'", type);
		t->type = T_RANGE;
		t->min = a;
		t->max = b;
	} else {
		char *at = strchr(t->text, '@');

		if (at != NULL && at != t->text) {
			*at = '\0';
			t->hctx = xstrdup(at + 1);
		}
		if (!*type || strchr(type, ':') || strchr(type, '<'))
			err(lx->file, lx->line, "bad token '%s'", tok);
		t->type = T_KW;
	}
	return t;
}

static struct syn *
parse_item(struct lexer *lx)
{
	const char *tok = lx->toks[lx->pos];
	size_t n = strlen(tok);
	char *groupname = NULL;

	/* name: followed by a group names the group */
	if (n > 1 && tok[n - 1] == ':' && is_ident(tok, n - 1) && lx->pos + 1 < lx->ntoks &&
	    (strcmp(lx->toks[lx->pos + 1], "{") == 0 || strcmp(lx->toks[lx->pos + 1], "[") == 0)) {
		groupname = xstrndup(tok, n - 1);
		lx->pos++;
		tok = lx->toks[lx->pos];
	}
	if (strcmp(tok, "[") == 0 || strcmp(tok, "{") == 0) {
		bool opt = tok[0] == '[';
		const char *close = opt ? "]" : "}";
		struct syn *g = syn_new(opt ? S_OPT : S_ALT);

		g->name = groupname;
		lx->pos++;
		for (;;) {
			syn_add(g, parse_seq(lx, opt ? "]|" : "}|"));
			if (lx->pos >= lx->ntoks) {
				err(lx->file, lx->line, "missing '%s'", close);
				return g;
			}
			if (strcmp(lx->toks[lx->pos], "|") == 0) {
				lx->pos++;
				continue;
			}
			if (strcmp(lx->toks[lx->pos], close) == 0) {
				lx->pos++;
				break;
			}
			err(lx->file, lx->line, "unexpected '%s'", lx->toks[lx->pos]);
			lx->pos++;
		}
		return g;
	}
	if (groupname)
		err(lx->file, lx->line, "'%s:' must be followed by a group", groupname);
	lx->pos++;
	return parse_token(lx, tok);
}

static struct syn *
parse_seq(struct lexer *lx, const char *stops)
{
	struct syn *seq = syn_new(S_SEQ);

	while (lx->pos < lx->ntoks) {
		const char *t = lx->toks[lx->pos];

		if (strlen(t) == 1 && strchr(stops, t[0]))
			break;
		if (strcmp(t, "]") == 0 || strcmp(t, "}") == 0 || strcmp(t, "|") == 0) {
			err(lx->file, lx->line, "unexpected '%s'", t);
			lx->pos++;
			continue;
		}
		syn_add(seq, parse_item(lx));
	}
	if (seq->nkids == 0)
		err(lx->file, lx->line, "empty sequence in syntax");
	return seq;
}

/* Expands @macro(arg) references; $ in a macro body stands for arg. */
static char *
expand_macros(const char *file, int line, const char *s, int depth)
{
	size_t cap = strlen(s) * 4 + 64, n = 0;
	char *out = xcalloc(cap, 1);

	if (depth > 8) {
		err(file, line, "macro nesting too deep");
		return xstrdup(s);
	}
	const char *start = s;

	while (*s) {
		/* @name at the start of a token calls a macro; kw@ctx is a help context */
		if (*s == '@' && (s == start || strchr(" \t[{|:", s[-1]))) {
			const char *b = ++s, *lp, *rp;
			struct macro *m = NULL;
			char *name, *arg, *body, *exp;

			while (*s && (isalnum((unsigned char)*s) || *s == '_' || *s == '-'))
				s++;
			name = xstrndup(b, s - b);
			arg = xstrdup("");
			lp = s;
			if (*lp == '(') {
				rp = strchr(lp, ')');
				if (rp == NULL) {
					err(file, line, "missing ')' after @%s", name);
					rp = lp + strlen(lp) - 1;
				}
				free(arg);
				arg = xstrndup(lp + 1, rp - lp - 1);
				s = rp + 1;
			}
			for (int i = 0; i < nmacros; i++)
				if (strcmp(macros[i].name, name) == 0)
					m = &macros[i];
			if (m == NULL) {
				err(file, line, "unknown macro @%s", name);
				continue;
			}
			/* substitute $ by the argument */
			body = xcalloc(strlen(m->body) * (strlen(arg) + 1) + 1, 1);
			for (const char *p = m->body, *q; *p; p = q) {
				q = strchr(p, '$');
				if (q == NULL) {
					strcat(body, p);
					break;
				}
				strncat(body, p, q - p);
				strcat(body, arg);
				q++;
			}
			exp = expand_macros(file, line, body, depth + 1);
			while (n + strlen(exp) + 2 >= cap) {
				cap *= 2;
				out = realloc(out, cap);
				if (out == NULL)
					die("out of memory");
			}
			n += sprintf(out + n, " %s ", exp);
			free(exp);
			free(body);
			free(name);
			free(arg);
			continue;
		}
		if (n + 2 >= cap) {
			cap *= 2;
			out = realloc(out, cap);
			if (out == NULL)
				die("out of memory");
		}
		out[n++] = *s++;
		out[n] = '\0';
	}
	return out;
}

/* ---- graph construction ------------------------------------------------- */

static int
slot_of(struct cmd *c, const char *name)
{
	for (int i = 0; i < c->nslots + c->nxslots; i++)
		if (strcmp(c->slotnames[i], name) == 0)
			return i;
	return -1;
}

static bool
col_refers(struct cmd *c, const char *name)
{
	for (int i = 0; i < c->nkeys; i++)
		if (c->keys[i].slotname && strcmp(c->keys[i].slotname, name) == 0)
			return true;
	for (int i = 0; i < c->nsets; i++)
		if (c->sets[i].slotname && strcmp(c->sets[i].slotname, name) == 0)
			return true;
	return false;
}

static int
slot_add(struct cmd *c, const char *name)
{
	int s = slot_of(c, name);

	if (s >= 0)
		return s;
	if (c->nslots >= MAXSLOTS) {
		err(c->file, c->line, "too many arguments");
		return 0;
	}
	c->slotnames[c->nslots] = xstrdup(name);
	return c->nslots++;
}

/* Is name the name of an argument or a group anywhere in s? */
static bool
syn_has_name(const struct syn *s, const char *name)
{
	if (s->name != NULL && strcmp(s->name, name) == 0)
		return true;
	for (int i = 0; i < s->nkids; i++)
		if (syn_has_name(s->kids[i], name))
			return true;
	return false;
}

/* Assigns slots: named args, members of named groups, and keywords the
 * store refers to (flags).  Returns the slot mask of the subtree. */
static uint64_t
assign_slots(struct cmd *c, struct syn *s, const char *group)
{
	uint64_t mask = 0;

	if (s->op == S_TOK) {
		if (s->type == T_KW) {
			char *cn = colname(s->text);

			if (group != NULL)
				s->slot = slot_add(c, group);
			else if (col_refers(c, cn) && !syn_has_name(c->root, cn)) {
				/* a keyword the store names is a flag, unless an
				 * argument has that name ("dscp dscp:<0-63>"): then
				 * the column is the argument's value */
				s->slot = slot_add(c, cn);
				s->flag = true;
			}
			free(cn);
		} else {
			if (s->name == NULL && group == NULL) {
				err(c->file, c->line, "argument '%s' needs a name (name:%s)", s->text, s->text);
				return 0;
			}
			if (s->name == NULL)
				s->name = xstrdup(group);
			s->slot = slot_add(c, group ? group : s->name);
		}
		if (s->slot >= 0)
			mask |= 1ULL << s->slot;
		s->slots = mask;
		return mask;
	}
	for (int i = 0; i < s->nkids; i++)
		mask |= assign_slots(c, s->kids[i], s->name ? s->name : group);
	s->slots = mask;
	return mask;
}

struct iset {
	int *v;
	int n;
};

static void
iset_add(struct iset *s, int x)
{
	for (int i = 0; i < s->n; i++)
		if (s->v[i] == x)
			return;
	s->v = realloc(s->v, (s->n + 1) * sizeof(int));
	if (s->v == NULL)
		die("out of memory");
	s->v[s->n++] = x;
}

static struct iset
iset_copy(const struct iset *a)
{
	struct iset r = { NULL, 0 };

	for (int i = 0; i < a->n; i++)
		iset_add(&r, a->v[i]);
	return r;
}

static int
node_new(struct cmd *c, struct syn *t)
{
	struct node *n;

	if (c->nnodes == c->capnodes) {
		c->capnodes = c->capnodes ? c->capnodes * 2 : 16;
		c->nodes = realloc(c->nodes, c->capnodes * sizeof(*c->nodes));
		if (c->nodes == NULL)
			die("out of memory");
	}
	n = &c->nodes[c->nnodes];
	memset(n, 0, sizeof(*n));
	n->type = t->type;
	n->slot = t->slot;
	n->text = t->text;
	n->min = t->min;
	n->max = t->max;
	n->tok = t;
	if (t->flag)
		n->flags |= 0x04;
	t->node = c->nnodes;
	return c->nnodes++;
}

/* Returns the set of nodes that can come first in s, given what follows. */
static struct iset
build(struct cmd *c, struct syn *s, const struct iset *follow)
{
	struct iset r = { NULL, 0 };

	switch (s->op) {
	case S_TOK: {
		int id = node_new(c, s);
		struct node *n = &c->nodes[id];

		n->next = xcalloc(follow->n, sizeof(int));
		memcpy(n->next, follow->v, follow->n * sizeof(int));
		n->nnext = follow->n;
		iset_add(&r, id);
		return r;
	}
	case S_SEQ: {
		struct iset f = iset_copy(follow);

		for (int i = s->nkids - 1; i >= 0; i--) {
			struct iset g = build(c, s->kids[i], &f);

			free(f.v);
			f = g;
		}
		return f;
	}
	case S_OPT:
	case S_ALT:
		for (int i = 0; i < s->nkids; i++) {
			struct iset g = build(c, s->kids[i], follow);

			for (int j = 0; j < g.n; j++)
				iset_add(&r, g.v[j]);
			free(g.v);
		}
		if (s->op == S_OPT)
			for (int j = 0; j < follow->n; j++)
				iset_add(&r, follow->v[j]);
		return r;
	}
	return r;
}

static void
mark_top(struct syn *s, int top)
{
	s->top = top;
	for (int i = 0; i < s->nkids; i++)
		mark_top(s->kids[i], top);
}

static bool
subtree_has_slotname(struct cmd *c, struct syn *s, struct col *cols, int n)
{
	for (int i = 0; i < n; i++) {
		int sl = slot_of(c, cols[i].slotname ? cols[i].slotname : "");

		if (sl >= 0 && (s->slots & (1ULL << sl)))
			return true;
	}
	return false;
}

static bool
subtree_has_word(struct syn *s, const char *w)
{
	if (s->op == S_TOK)
		return strcmp(s->text, w) == 0 || (s->name && strcmp(s->name, w) == 0);
	for (int i = 0; i < s->nkids; i++)
		if (subtree_has_word(s->kids[i], w))
			return true;
	return false;
}

/* First top-level item that is no longer needed in a `no` form. */
static int
no_point(struct cmd *c)
{
	struct syn *r = c->root;
	int k = 0;

	if (c->nopoint != NULL) {
		for (int i = 0; i < r->nkids; i++)
			if (subtree_has_word(r->kids[i], c->nopoint))
				return i + 1;
		err(c->file, c->line, "no-point word '%s' not in syntax", c->nopoint);
		return r->nkids;
	}
	if (c->nkeys > 0) {
		for (int i = 0; i < r->nkids; i++)
			if (subtree_has_slotname(c, r->kids[i], c->keys, c->nkeys))
				k = i + 1;
		return k;
	}
	/* set commands and the rest: the leading keywords identify them */
	while (k < r->nkids && r->kids[k]->op == S_TOK && r->kids[k]->type == T_KW &&
	    r->kids[k]->slot < 0)
		k++;
	if (k == 0)
		k = 1;
	return k;
}

static const char *
help_for(struct cmd *c, const char *first, bool isfirst, const char *word)
{
	char key[512];
	const char *h;

	for (int i = 0; i < c->nhelp; i++)
		if (strcmp(c->help[i].word, word) == 0)
			return c->help[i].text;
	for (int m = 0; m < c->nmodes; m++) {
		snprintf(key, sizeof(key), "%s|%s|%s", modes[c->modes[m]].name,
		    isfirst ? "" : first, word);
		if ((h = help_get(key)) != NULL)
			return h;
	}
	return NULL;
}

/* Help of a node: keyword in its context (any@src), then the argument's
 * name, then the keyword itself; each from the command, then from the
 * other commands of the mode that start with the same keyword. */
static void
lookup_help(struct cmd *c, struct node *n, int idx)
{
	const char *first = c->root->kids[0]->op == S_TOK ? c->root->kids[0]->text : "";
	const char *h = NULL;
	char ctxword[256];

	if (n->tok->hctx) {
		snprintf(ctxword, sizeof(ctxword), "%s@%s", n->text, n->tok->hctx);
		h = help_for(c, first, idx == 0, ctxword);
	}
	if (h == NULL && n->type != T_KW && n->tok->name)
		h = help_for(c, first, idx == 0, n->tok->name);
	if (h == NULL && n->type == T_KW)
		h = help_for(c, first, idx == 0, n->text);
	if (h == NULL) {
		err(c->file, c->line, "no help for '%s'", n->type == T_KW ? n->text : n->tok->name);
		h = "";
	}
	n->help = xstrdup(h);
}

static void
register_help(struct cmd *c)
{
	char key[512];
	const char *first = c->root->kids[0]->op == S_TOK ? c->root->kids[0]->text : "";

	for (int i = 0; i < c->nhelp; i++) {
		bool isfirst = strcmp(c->help[i].word, first) == 0;

		for (int m = 0; m < c->nmodes; m++) {
			snprintf(key, sizeof(key), "%s|%s|%s", modes[c->modes[m]].name,
			    isfirst ? "" : first, c->help[i].word);
			help_put(key, c->help[i].text);
		}
	}
}

static void
check_slot_kinds(struct syn *s, int slot, bool *flag, bool *arg)
{
	if (s->op == S_TOK) {
		if (s->slot == slot && s->flag)
			*flag = true;
		if (s->slot == slot && s->type != T_KW)
			*arg = true;
		return;
	}
	for (int i = 0; i < s->nkids; i++)
		check_slot_kinds(s->kids[i], slot, flag, arg);
}

static void
compile_cmd(struct cmd *c)
{
	struct lexer lx = { c->file, c->line, NULL, 0, 0 };
	struct iset end = { NULL, 0 }, st;
	int np;

	lex_syntax(&lx, c->syntax);
	c->root = parse_seq(&lx, "");
	if (lx.pos != lx.ntoks)
		err(c->file, c->line, "trailing '%s' in syntax", lx.toks[lx.pos]);
	for (int i = 0; i < c->root->nkids; i++)
		mark_top(c->root->kids[i], i);
	assign_slots(c, c->root, NULL);
	/* a keyword stored as a flag must not share its slot with an argument */
	for (int i = 0; i < c->nslots; i++) {
		bool flag = false, arg = false;

		check_slot_kinds(c->root, i, &flag, &arg);
		if (flag && arg)
			err(c->file, c->line, "'%s' is both a keyword stored as a flag and an argument",
			    c->slotnames[i]);
	}
	/* store columns: bind to slots; unknown names become extra slots */
	for (int pass = 0; pass < 2; pass++) {
		struct col *cols = pass ? c->sets : c->keys;
		int n = pass ? c->nsets : c->nkeys;

		for (int i = 0; i < n; i++) {
			if (cols[i].literal) {
				cols[i].slot = -1;
				continue;
			}
			cols[i].slot = slot_of(c, cols[i].slotname);
			if (cols[i].slot < 0) {
				c->slotnames[c->nslots + c->nxslots] = xstrdup(cols[i].slotname);
				cols[i].slot = c->nslots + c->nxslots++;
				if (c->check == NULL && c->handler == NULL)
					err(c->file, c->line,
					    "column '%s' names no argument and no check hook fills it",
					    cols[i].col);
			}
		}
	}
	iset_add(&end, -1);
	st = build(c, c->root, &end);
	c->start = st.v;
	c->nstart = st.n;
	np = no_point(c);
	for (int i = 0; i < c->nnodes; i++) {
		if (c->nodes[i].tok->top >= np)
			c->nodes[i].flags |= 0x01;
	}
	if (c->enter) {
		c->enter_mode = mode_find(c->enter);
		if (c->enter_mode < 0)
			err(c->file, c->line, "unknown mode '%s'", c->enter);
		c->kind = 3;
	} else if (c->table)
		c->kind = 2;
	else if (c->nsets > 0)
		c->kind = 1;
	else
		c->kind = 0;
	if (c->kind == 3 && c->enter_mode >= 0 && !modes[c->enter_mode].inherit &&
	    modes[c->enter_mode].table == NULL)
		err(c->file, c->line, "mode '%s' has no object table", c->enter);
	if (c->kind == 2 && c->nkeys == 0 && c->sort == NULL)
		err(c->file, c->line, "row command needs a key");
}

/* ---- grammar file reader ------------------------------------------------ */

static const char *
basename_noext(const char *path)
{
	const char *b = strrchr(path, '/');
	char *s, *dot;

	s = xstrdup(b ? b + 1 : path);
	dot = strrchr(s, '.');
	if (dot)
		*dot = '\0';
	return s;
}

static void
parse_cols(struct cmd *c, int lineno, char *v, struct col *cols, int *n, int max)
{
	for (char *tok = strtok(v, " \t,"); tok; tok = strtok(NULL, " \t,")) {
		char *eq = strchr(tok, '=');

		if (*n >= max) {
			err(c->file, lineno, "too many columns");
			return;
		}
		memset(&cols[*n], 0, sizeof(cols[*n]));
		if (eq) {
			*eq = '\0';
			cols[*n].col = colname(tok);
			if (eq[1] == '"') {
				char *e = strrchr(eq + 2, '"');

				if (e)
					*e = '\0';
				cols[*n].literal = xstrdup(eq + 2);
			} else
				cols[*n].slotname = colname(eq + 1);
		} else {
			cols[*n].col = colname(tok);
			cols[*n].slotname = colname(tok);
		}
		(*n)++;
	}
}

static void
read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[4096];
	int lineno = 0;
	const char *file = basename_noext(path);
	struct mode *m = NULL;
	struct cmd *c = NULL;
	struct section *sec = NULL;
	char *defmodes[MAXMODES];
	int ndefmodes = 0;

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	while (fgets(buf, sizeof(buf), f)) {
		char *line = buf, *kw, *rest;
		bool indented;
		bool inq = false;

		lineno++;
		for (char *p = line; *p; p++) {
			if (*p == '"')
				inq = !inq;
			if (*p == '#' && !inq && (p == line || isspace((unsigned char)p[-1]))) {
				*p = '\0';
				break;
			}
		}
		indented = line[0] == ' ' || line[0] == '\t';
		line = trim(line);
		if (*line == '\0')
			continue;
		kw = line;
		rest = line + strcspn(line, " \t");
		if (*rest)
			*rest++ = '\0';
		rest = trim(rest);

		if (!indented) {
			m = NULL;
			c = NULL;
			if (strcmp(kw, "mode") == 0) {
				if (nmodes == MAXMODES)
					die("too many modes");
				if (mode_find(rest) >= 0)
					err(path, lineno, "mode '%s' declared twice", rest);
				m = &modes[nmodes++];
				memset(m, 0, sizeof(*m));
				m->name = xstrdup(rest);
				m->file = file;
				m->line = lineno;
				m->parent = -1;
				m->prompt = xstrdup("");
			} else if (strcmp(kw, "cmd") == 0) {
				if (ncmds == MAXCMDS)
					die("too many commands");
				c = &cmds[ncmds];
				memset(c, 0, sizeof(*c));
				c->id = ncmds++;
				c->file = file;
				c->line = lineno;
				c->syntax = expand_macros(path, lineno, rest, 0);
				c->raw = xstrdup(rest);
				c->priv = 15;
				c->enter_mode = -1;
				for (int i = 0; i < ndefmodes; i++)
					c->modenames[c->nmodes++] = defmodes[i];
			} else if (strcmp(kw, "define") == 0) {
				char *lp = strchr(rest, '('), *rp = strchr(rest, ')');

				if (nmacros == MAXMACROS)
					die("too many macros");
				if (lp == NULL || rp == NULL || rp < lp) {
					err(path, lineno, "define NAME(P) SYNTAX");
					continue;
				}
				macros[nmacros].name = xstrndup(rest, lp - rest);
				macros[nmacros].param = xstrndup(lp + 1, rp - lp - 1);
				macros[nmacros].body = xstrdup(trim(rp + 1));
				nmacros++;
			} else if (strcmp(kw, "defaults") == 0) {
				char *w = strtok(rest, " \t");

				if (w == NULL || strcmp(w, "mode") != 0) {
					err(path, lineno, "defaults mode M...");
					continue;
				}
				ndefmodes = 0;
				while ((w = strtok(NULL, " \t")) != NULL)
					defmodes[ndefmodes++] = xstrdup(w);
			} else if (strcmp(kw, "section") == 0) {
				sec = &sections[nsections++];
				sec->file = file;
				sec->title = unquote(path, lineno, rest);
				sec->text = xstrdup("");
			} else if (strcmp(kw, "text") == 0 && sec != NULL) {
				char *t = unquote(path, lineno, rest);
				char *nt = xcalloc(strlen(sec->text) + strlen(t) + 2, 1);

				sprintf(nt, "%s%s%s", sec->text, *sec->text ? " " : "", t);
				free(sec->text);
				sec->text = nt;
			} else
				err(path, lineno, "unknown declaration '%s'", kw);
			continue;
		}

		if (m != NULL) {
			if (strcmp(kw, "prompt") == 0)
				m->prompt = unquote(path, lineno, rest);
			else if (strcmp(kw, "parent") == 0)
				m->parentname = xstrdup(rest);
			else if (strcmp(kw, "object") == 0)
				m->table = xstrdup(rest);
			else if (strcmp(kw, "inherit") == 0) {
				m->inherit = true;
				m->flag_col = colname(rest);
			} else if (strcmp(kw, "title") == 0)
				m->title = unquote(path, lineno, rest);
			else
				err(path, lineno, "unknown mode attribute '%s'", kw);
			continue;
		}
		if (c == NULL) {
			err(path, lineno, "attribute outside a declaration");
			continue;
		}
		if (strcmp(kw, "mode") == 0) {
			c->nmodes = 0;
			for (char *w = strtok(rest, " \t"); w; w = strtok(NULL, " \t"))
				c->modenames[c->nmodes++] = xstrdup(w);
		} else if (strcmp(kw, "help") == 0) {
			char *w = rest, *t = rest + strcspn(rest, " \t");

			if (*t)
				*t++ = '\0';
			if (c->nhelp == 64)
				die("too many help lines");
			c->help[c->nhelp].word = xstrdup(w);
			c->help[c->nhelp].text = unquote(path, lineno, t);
			c->nhelp++;
		} else if (strcmp(kw, "doc") == 0) {
			char *t = unquote(path, lineno, rest);

			if (c->doc) {
				char *nd = xcalloc(strlen(c->doc) + strlen(t) + 2, 1);

				sprintf(nd, "%s %s", c->doc, t);
				free(c->doc);
				c->doc = nd;
			} else
				c->doc = t;
		} else if (strcmp(kw, "priv") == 0)
			c->priv = atoi(rest);
		else if (strcmp(kw, "enter") == 0)
			c->enter = xstrdup(rest);
		else if (strcmp(kw, "table") == 0)
			c->table = xstrdup(rest);
		else if (strcmp(kw, "key") == 0)
			parse_cols(c, lineno, rest, c->keys, &c->nkeys, 16);
		else if (strcmp(kw, "set") == 0)
			parse_cols(c, lineno, rest, c->sets, &c->nsets, 32);
		else if (strcmp(kw, "order") == 0) {
			c->order = atoi(rest);
			c->has_order = true;
		} else if (strcmp(kw, "sort") == 0)
			c->sort = unquote(path, lineno, rest);
		else if (strcmp(kw, "check") == 0)
			c->check = xstrdup(rest);
		else if (strcmp(kw, "handler") == 0)
			c->handler = xstrdup(rest);
		else if (strcmp(kw, "render") == 0)
			c->render = xstrdup(rest);
		else if (strcmp(kw, "no-point") == 0)
			c->nopoint = xstrdup(rest);
		else if (strcmp(kw, "prefer") == 0)
			c->prefer = xstrdup(rest);
		else if (strcmp(kw, "unset") == 0)
			c->unset = unquote(path, lineno, rest);
		else if (strcmp(kw, "flags") == 0) {
			for (char *w = strtok(rest, " \t"); w; w = strtok(NULL, " \t")) {
				if (strcmp(w, "pipe") == 0)
					c->flags |= F_PIPE;
				else if (strcmp(w, "hidden") == 0)
					c->flags |= F_HIDDEN;
				else if (strcmp(w, "nono") == 0)
					c->flags |= F_NONO;
				else if (strcmp(w, "nodefault") == 0)
					c->flags |= F_NODEFAULT;
				else if (strcmp(w, "noonly") == 0)
					c->flags |= F_NOONLY;
				else if (strcmp(w, "negatable") == 0)
					c->flags |= F_NEGATABLE;
				else
					err(path, lineno, "unknown flag '%s'", w);
			}
		} else
			err(path, lineno, "unknown command attribute '%s'", kw);
	}
	fclose(f);
}

/* ---- resolution --------------------------------------------------------- */

static bool
mode_is_config(int i)
{
	for (int d = 0; i >= 0 && d < MAXMODES; d++, i = modes[i].parent)
		if (strcmp(modes[i].name, "config") == 0)
			return true;
	return false;
}

static void
resolve(void)
{
	int seq = 0;

	if (nmodes < 2 || strcmp(modes[0].name, "exec") != 0 || strcmp(modes[1].name, "config") != 0)
		die("the first two modes must be exec and config");
	for (int i = 0; i < nmodes; i++) {
		if (modes[i].parentname) {
			modes[i].parent = mode_find(modes[i].parentname);
			if (modes[i].parent < 0)
				err(modes[i].file, modes[i].line, "unknown parent '%s'", modes[i].parentname);
		}
	}
	for (int i = 0; i < nmodes; i++)
		modes[i].config = mode_is_config(i);
	for (int i = 0; i < nmodes; i++)
		if (modes[i].inherit && modes[i].parent >= 0)
			modes[i].table = modes[modes[i].parent].table;

	/* modes of each command */
	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];
		int n = 0;

		if (c->nmodes == 0)
			err(c->file, c->line, "command has no mode");
		for (int j = 0; j < c->nmodes; j++) {
			if (strcmp(c->modenames[j], "@config") == 0) {
				for (int k = 0; k < nmodes; k++)
					if (modes[k].config)
						c->modes[n++] = k;
				continue;
			}
			c->modes[n] = mode_find(c->modenames[j]);
			if (c->modes[n] < 0)
				err(c->file, c->line, "unknown mode '%s'", c->modenames[j]);
			else
				n++;
		}
		c->nmodes = n;
		if (!c->has_order)
			c->order = 1000000 + seq;
		seq++;
		if (c->doc == NULL)
			err(c->file, c->line, "command has no doc line");
	}
	for (int i = 0; i < ncmds; i++)
		compile_cmd(&cmds[i]);
	for (int i = 0; i < ncmds; i++)
		if (cmds[i].root)
			register_help(&cmds[i]);
	/* a preferred keyword wins ambiguities wherever it appears */
	for (int i = 0; i < ncmds; i++) {
		if (cmds[i].prefer == NULL)
			continue;
		for (int j = 0; j < ncmds; j++)
			for (int k = 0; k < cmds[j].nnodes; k++)
				if (cmds[j].nodes[k].type == T_KW &&
				    strcmp(cmds[j].nodes[k].text, cmds[i].prefer) == 0)
					cmds[j].nodes[k].flags |= 0x02;
	}
	/* handler-only commands have no `no` form unless they say so */
	for (int i = 0; i < ncmds; i++)
		if (cmds[i].kind == 0 && !(cmds[i].flags & F_NEGATABLE))
			cmds[i].flags |= F_NONO | F_NODEFAULT;
	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];
		bool config = false;

		for (int j = 0; j < c->nmodes; j++)
			config |= modes[c->modes[j]].config;
		if (config)
			c->flags |= F_FILE_OK;
		for (int j = 0; j < c->nnodes; j++)
			lookup_help(c, &c->nodes[j], c->nodes[j].tok->top == 0 &&
			    c->nodes[j].tok == c->root->kids[0] ? 0 : 1);
		if (c->kind == 0 && c->handler == NULL)
			err(c->file, c->line, "command neither stores nor has a handler");
		for (int j = 0; j < c->nmodes; j++) {
			struct mode *m = &modes[c->modes[j]];

			m->cmds[m->ncmds++] = i;
		}
	}
	/* render order inside each mode: stable by order */
	for (int i = 0; i < nmodes; i++) {
		struct mode *m = &modes[i];

		for (int a = 1; a < m->ncmds; a++)
			for (int b = a; b > 0 && cmds[m->cmds[b - 1]].order > cmds[m->cmds[b]].order; b--) {
				int t = m->cmds[b];

				m->cmds[b] = m->cmds[b - 1];
				m->cmds[b - 1] = t;
			}
	}
}

/* ---- output ------------------------------------------------------------- */

static void
cstr(FILE *o, const char *s)
{
	if (s == NULL) {
		fputs("NULL", o);
		return;
	}
	fputc('"', o);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', o);
		if (*s == '\n') {
			fputs("\\n", o);
			continue;
		}
		fputc(*s, o);
	}
	fputc('"', o);
}

static int syn_count;

struct synq {
	struct syn **v;
	int n, cap;
};

static void
synq_push(struct synq *q, struct syn *s)
{
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 256;
		q->v = realloc(q->v, q->cap * sizeof(*q->v));
		if (q->v == NULL)
			die("out of memory");
	}
	q->v[q->n++] = s;
}

static void
write_tables(const char *path)
{
	FILE *o = fopen(path, "w");
	int nnodes = 0, nedges = 0, base;
	struct synq q = { NULL, 0, 0 };
	int *synidx;

	if (o == NULL)
		die("%s: %s", path, strerror(errno));
	fprintf(o, "/* Generated by clgen from the grammar files (grammar/NAME.cli); do not edit. */\n");
	fprintf(o, "#include \"cl.h\"\n\n");

	/* edges: per command, start list then each node's next list */
	fprintf(o, "const uint16_t cl_edges[] = {\n");
	base = 0;
	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];

		c->node_base = base;
		c->edge_base = nedges;
		fprintf(o, "\t/* %d: %s */\n\t", i, c->syntax);
		for (int j = 0; j < c->nstart; j++)
			fprintf(o, "%d, ", c->start[j] < 0 ? 0xffff : base + c->start[j]);
		nedges += c->nstart;
		for (int k = 0; k < c->nnodes; k++) {
			for (int j = 0; j < c->nodes[k].nnext; j++)
				fprintf(o, "%d, ", c->nodes[k].next[j] < 0 ? 0xffff : base + c->nodes[k].next[j]);
			nedges += c->nodes[k].nnext;
		}
		fprintf(o, "\n");
		base += c->nnodes;
	}
	fprintf(o, "\t0\n};\n\n");
	nnodes = base;

	fprintf(o, "const struct cl_node cl_nodes[] = {\n");
	{
		int e = 0;

		for (int i = 0; i < ncmds; i++) {
			struct cmd *c = &cmds[i];

			e += c->nstart;
			for (int k = 0; k < c->nnodes; k++) {
				struct node *n = &c->nodes[k];

				fprintf(o, "\t{ %s, %d, %d, ", type_enum[n->type], n->flags, n->slot);
				cstr(o, n->text);
				fputs(", ", o);
				cstr(o, n->help);
				fprintf(o, ", %lldLL, %lldLL, %d, %d },\n", n->min, n->max, e, n->nnext);
				e += n->nnext;
			}
		}
	}
	if (nnodes == 0)
		fprintf(o, "\t{ 0 }\n");
	fprintf(o, "};\n\n");

	/* syntax trees, breadth first so that kids are contiguous */
	for (int i = 0; i < ncmds; i++)
		synq_push(&q, cmds[i].root);
	for (int i = 0; i < q.n; i++)
		for (int k = 0; k < q.v[i]->nkids; k++)
			synq_push(&q, q.v[i]->kids[k]);
	synidx = xcalloc(q.n, sizeof(int));
	fprintf(o, "static const struct cl_syn syn[] = {\n");
	{
		/* index of the first kid of each entry */
		int next = ncmds;

		for (int i = 0; i < q.n; i++) {
			struct syn *s = q.v[i];
			static const char *const ops[] = { "CL_S_TOK", "CL_S_SEQ", "CL_S_OPT", "CL_S_ALT" };

			fprintf(o, "\t{ %s, %s, %d, %d, ", ops[s->op],
			    s->op == S_TOK ? type_enum[s->type] : "0", s->slot, s->flag ? 4 : 0);
			cstr(o, s->op == S_TOK ? s->text : NULL);
			fprintf(o, ", 0x%llxULL, %d, ", (unsigned long long)s->slots, s->nkids);
			if (s->nkids)
				fprintf(o, "&syn[%d] },\n", next);
			else
				fprintf(o, "NULL },\n");
			next += s->nkids;
		}
	}
	fprintf(o, "};\n\n");
	syn_count = q.n;

	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];

		fprintf(o, "static const char *const slots_%d[] = { ", i);
		for (int j = 0; j < c->nslots + c->nxslots; j++) {
			cstr(o, c->slotnames[j]);
			fputs(", ", o);
		}
		fprintf(o, "NULL };\n");
		for (int pass = 0; pass < 2; pass++) {
			struct col *cols = pass ? c->sets : c->keys;
			int n = pass ? c->nsets : c->nkeys;

			if (n == 0)
				continue;
			fprintf(o, "static const struct cl_col %s_%d[] = {\n", pass ? "sets" : "keys", i);
			for (int j = 0; j < n; j++) {
				int type = 0, flag = 0;

				for (int k = 0; k < c->nnodes; k++)
					if (c->nodes[k].slot == cols[j].slot && cols[j].slot >= 0) {
						if (c->nodes[k].type != T_KW || !(c->nodes[k].flags & 4))
							type = c->nodes[k].type;
						if (c->nodes[k].flags & 4)
							flag = 1;
					}
				fprintf(o, "\t{ ");
				cstr(o, cols[j].col);
				fprintf(o, ", %d, %s, %d, ", cols[j].slot, type_enum[type], flag);
				cstr(o, cols[j].literal);
				fprintf(o, " },\n");
			}
			fprintf(o, "};\n");
		}
	}
	fprintf(o, "\nconst struct cl_cmd cl_cmds[] = {\n");
	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];
		const char *tbl = c->table;

		if (c->kind == 3 && c->enter_mode >= 0)
			tbl = modes[c->enter_mode].table;
		fprintf(o, "\t{ ");
		cstr(o, c->raw);
		fputs(", ", o);
		cstr(o, c->file);
		fputs(", ", o);
		cstr(o, c->doc);
		fprintf(o, ", %d, %d, %d, %d, slots_%d, %d, %d, %d, %d, ", c->edge_base,
		    c->nstart, c->nslots, c->nxslots, i, c->kind, c->priv, c->flags & 0xff, c->enter_mode);
		cstr(o, tbl);
		fputs(", ", o);
		cstr(o, c->sort);
		fprintf(o, ", %d, %d, ", c->nkeys, c->nsets);
		if (c->nkeys)
			fprintf(o, "keys_%d, ", i);
		else
			fprintf(o, "NULL, ");
		if (c->nsets)
			fprintf(o, "sets_%d, ", i);
		else
			fprintf(o, "NULL, ");
		fprintf(o, "%d, &syn[%d], ", c->order, i);
		cstr(o, c->unset);
		fprintf(o, " },\n");
	}
	fprintf(o, "};\n\n");
	for (int i = 0; i < nmodes; i++) {
		fprintf(o, "static const uint16_t mode_cmds_%d[] = {", i);
		for (int j = 0; j < modes[i].ncmds; j++)
			fprintf(o, "%s%d", j ? ", " : " ", modes[i].cmds[j]);
		fprintf(o, "%s};\n", modes[i].ncmds ? " " : " 0 ");
	}
	fprintf(o, "\nconst struct cl_mode cl_modes[] = {\n");
	for (int i = 0; i < nmodes; i++) {
		struct mode *m = &modes[i];

		fprintf(o, "\t{ ");
		cstr(o, m->name);
		fputs(", ", o);
		cstr(o, m->prompt);
		fprintf(o, ", %d, ", m->parent);
		cstr(o, m->table);
		fprintf(o, ", %s, ", m->inherit ? "true" : "false");
		cstr(o, m->flag_col);
		fputs(", ", o);
		cstr(o, m->title);
		fprintf(o, ", %d, mode_cmds_%d, %s },\n", m->ncmds, i, m->config ? "true" : "false");
	}
	fprintf(o, "};\n\n");
	fprintf(o, "const unsigned cl_ncmds = %d, cl_nmodes = %d, cl_nnodes = %d;\n", ncmds, nmodes,
	    nnodes);
	fprintf(o, "/* %d nodes, %d edges, %d syntax entries */\n", nnodes, nedges, syn_count);
	free(synidx);
	fclose(o);
}

static void
write_header(const char *path)
{
	FILE *o = fopen(path, "w");

	if (o == NULL)
		die("%s: %s", path, strerror(errno));
	fprintf(o, "/* Generated by clgen from the grammar files (grammar/NAME.cli); do not edit. */\n");
	fprintf(o, "#ifndef PMIPSIM_CL_GEN_H\n#define PMIPSIM_CL_GEN_H\n\n");
	for (int i = 0; i < nmodes; i++) {
		char *u = xstrdup(modes[i].name);

		for (char *p = u; *p; p++)
			*p = *p == '-' ? '_' : (char)toupper((unsigned char)*p);
		fprintf(o, "#define CL_MODE_%s %d\n", u, i);
		free(u);
	}
	fprintf(o, "\n#endif\n");
	fclose(o);
}

/* ---- typed handler arguments -------------------------------------------- */

/*
 * Every check hook and handler that reads arguments gets a struct of them,
 * one member per argument name of the commands that use that function
 * (struct cmd_NAME_args), filled by a wrapper generated per command: a
 * handler that names an argument no command of its declares does not
 * compile.  A member of an argument its command lacks has slot -1 and no
 * value.  A number (<a-b>) is a struct cmd_num, with its value parsed.
 */

enum { A_TEXT, A_NUM };

/* The kind of slot i of c: a number when every token stored there is a
 * range. */
static int
slot_kind(const struct syn *s, int slot, int *seen)
{
	if (s->op == S_TOK) {
		if (s->slot == slot) {
			if (s->type == T_RANGE && *seen != A_TEXT)
				*seen = A_NUM;
			else
				*seen = A_TEXT;
		}
		return *seen;
	}
	for (int i = 0; i < s->nkids; i++)
		slot_kind(s->kids[i], slot, seen);
	return *seen;
}

static int
cmd_slot_kind(const struct cmd *c, int slot)
{
	int seen = -1;

	if (slot >= c->nslots)
		return A_TEXT;		/* filled by a check hook: text */
	slot_kind(c->root, slot, &seen);
	return seen < 0 ? A_TEXT : seen;
}

/* The C member name of an argument. */
static char *
member_name(const char *slot)
{
	static const char *const reserved[] = { "auto", "break", "case", "char", "const",
		"continue", "default", "do", "double", "else", "enum", "extern", "float", "for",
		"goto", "if", "int", "long", "register", "return", "short", "signed", "sizeof",
		"static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile",
		"while", "bool", NULL };
	size_t n = strlen(slot);
	char *m = xcalloc(n + 2, 1);

	for (size_t i = 0; i < n; i++)
		m[i] = isalnum((unsigned char)slot[i]) ? slot[i] : '_';
	if (isdigit((unsigned char)m[0]))
		m[0] = '_';
	for (int i = 0; reserved[i]; i++)
		if (strcmp(m, reserved[i]) == 0)
			m[n] = '_';
	return m;
}

struct fnargs {
	const char *fn;
	char *names[MAXSLOTS * 2];
	int kinds[MAXSLOTS * 2];
	int n;
};

static struct fnargs *fnargs;
static int nfnargs;

static struct fnargs *
fnargs_get(const char *fn)
{
	for (int i = 0; i < nfnargs; i++)
		if (strcmp(fnargs[i].fn, fn) == 0)
			return &fnargs[i];
	return NULL;
}

/* Collects, per check hook and handler, the arguments of its commands. */
static void
collect_fnargs(void)
{
	fnargs = xcalloc((size_t)ncmds * 2 + 1, sizeof(*fnargs));
	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];
		const char *fns[2] = { c->check, c->handler };

		for (int k = 0; k < 2; k++) {
			struct fnargs *f;

			if (fns[k] == NULL)
				continue;
			f = fnargs_get(fns[k]);
			if (f == NULL) {
				f = &fnargs[nfnargs++];
				f->fn = fns[k];
			}
			for (int j = 0; j < c->nslots + c->nxslots; j++) {
				char *m = member_name(c->slotnames[j]);
				int kind = cmd_slot_kind(c, j), at = -1;

				for (int q = 0; q < f->n; q++)
					if (strcmp(f->names[q], m) == 0)
						at = q;
				if (at < 0) {
					if (f->n >= MAXSLOTS * 2)
						die("cmd_%s: too many arguments", f->fn);
					f->names[f->n] = m;
					f->kinds[f->n++] = kind;
					continue;
				}
				free(m);
				/* a number in one command and text in another is text */
				if (f->kinds[at] != kind)
					f->kinds[at] = A_TEXT;
			}
		}
	}
}

static bool
seen_fn(char **seen, int n, const char *fn)
{
	for (int i = 0; i < n; i++)
		if (strcmp(seen[i], fn) == 0)
			return true;
	return false;
}

static void
write_protos(const char *path)
{
	FILE *o = fopen(path, "w");
	char **seen = xcalloc(ncmds * 3 + 1, sizeof(char *));
	int nseen = 0;

	if (o == NULL)
		die("%s: %s", path, strerror(errno));
	fprintf(o, "/* Generated by clgen from the grammar files (grammar/NAME.cli); do not edit. */\n");
	fprintf(o, "#ifndef PMIPSIM_CMD_PROTOS_H\n#define PMIPSIM_CMD_PROTOS_H\n\n");
	fprintf(o, "struct cmd_ctx;\nstruct cmd_render;\n\n");
	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];
		const char *fns[3] = { c->check, c->handler, c->render };

		for (int k = 0; k < 3; k++) {
			struct fnargs *f;

			if (fns[k] == NULL || seen_fn(seen, nseen, fns[k]))
				continue;
			seen[nseen++] = (char *)fns[k];
			if (k == 2) {
				fprintf(o, "void cmd_%s(struct cmd_render *);\n", fns[k]);
				continue;
			}
			f = fnargs_get(fns[k]);
			if (f == NULL || f->n == 0) {
				fprintf(o, "int cmd_%s(struct cmd_ctx *);\n", fns[k]);
				continue;
			}
			fprintf(o, "\n/* the arguments of cmd_%s: grammar/%s.cli */\n", fns[k], c->file);
			fprintf(o, "struct cmd_%s_args {\n", fns[k]);
			for (int j = 0; j < f->n; j++)
				fprintf(o, "\tstruct cmd_%s %s;\n", f->kinds[j] == A_NUM ? "num" : "arg",
				    f->names[j]);
			fprintf(o, "};\n");
			fprintf(o, "int cmd_%s(struct cmd_ctx *, struct cmd_%s_args *);\n\n", fns[k],
			    fns[k]);
		}
	}
	fprintf(o, "\n#endif\n");
	free(seen);
	fclose(o);
}

/* The wrapper that gives command i's slots to fn as its struct. */
static void
write_wrapper(FILE *o, const struct cmd *c, int i, const char *role, const char *fn)
{
	struct fnargs *f = fnargs_get(fn);

	fprintf(o, "/* %s */\nstatic int\nw%d_%s(struct cmd_ctx *x)\n{\n", c->raw, i, role);
	fprintf(o, "\tstruct cmd_%s_args a = {\n", fn);
	for (int j = 0; j < f->n; j++) {
		int slot = -1;

		for (int q = 0; q < c->nslots + c->nxslots; q++) {
			char *m = member_name(c->slotnames[q]);

			if (strcmp(m, f->names[j]) == 0)
				slot = q;
			free(m);
		}
		if (slot < 0)
			fprintf(o, "\t\t.%s = { NULL, -1%s },\n", f->names[j],
			    f->kinds[j] == A_NUM ? ", 0" : "");
		else if (f->kinds[j] == A_NUM)
			fprintf(o, "\t\t.%s = { x->vals[%d], %d, cmd_num_of(x->vals[%d]) },\n",
			    f->names[j], slot, slot, slot);
		else
			fprintf(o, "\t\t.%s = { x->vals[%d], %d },\n", f->names[j], slot, slot);
	}
	fprintf(o, "\t};\n\n\treturn cmd_%s(x, &a);\n}\n\n", fn);
}

static void
write_dispatch(const char *path)
{
	FILE *o = fopen(path, "w");

	if (o == NULL)
		die("%s: %s", path, strerror(errno));
	fprintf(o, "/* Generated by clgen from the grammar files (grammar/NAME.cli); do not edit. */\n");
	fprintf(o, "#include <stddef.h>\n\n#include \"cmd.h\"\n\n");
	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];
		struct fnargs *f;

		if (c->check && (f = fnargs_get(c->check)) != NULL && f->n > 0)
			write_wrapper(o, c, i, "check", c->check);
		if (c->handler && (f = fnargs_get(c->handler)) != NULL && f->n > 0)
			write_wrapper(o, c, i, "handler", c->handler);
	}
	fprintf(o, "const struct cmd_fns cmd_fns[] = {\n");
	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];
		const char *fns[2] = { c->check, c->handler };
		const char *role[2] = { "check", "handler" };

		fprintf(o, "\t{ ");
		for (int k = 0; k < 2; k++) {
			struct fnargs *f = fns[k] ? fnargs_get(fns[k]) : NULL;

			if (fns[k] == NULL)
				fprintf(o, "NULL, ");
			else if (f == NULL || f->n == 0)
				fprintf(o, "cmd_%s, ", fns[k]);
			else
				fprintf(o, "w%d_%s, ", i, role[k]);
		}
		if (c->render)
			fprintf(o, "cmd_%s", c->render);
		else
			fprintf(o, "NULL");
		fprintf(o, " },\t/* %s */\n", c->raw);
	}
	fprintf(o, "};\n");
	fclose(o);
}

static void
man_text(FILE *o, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", o);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", o);
		else if (*s == '-')
			fputs("\\-", o);
		else
			fputc(*s, o);
	}
}

static void
write_man(const char *path)
{
	FILE *o = fopen(path, "w");

	if (o == NULL)
		die("%s: %s", path, strerror(errno));
	fprintf(o, ".\\\" Generated by clgen from the grammar files (grammar/NAME.cli); do not edit.\n");
	fprintf(o, ".TH PMIPSIM-COMMANDS 7 \"\" \"pmipsim\" \"pmipsim commands\"\n");
	fprintf(o, ".SH NAME\npmipsim\\-commands \\- the command language of the pmipsim router\n");
	fprintf(o, ".SH DESCRIPTION\n");
	fprintf(o, "Every command pmipd understands, grouped by grammar file, generated from the\n"
	    "same grammar as the parser.  Keywords may be abbreviated to any unique prefix.\n"
	    "In configuration modes every command that stores something has a\n.B no\nform that removes it "
	    "and a\n.B default\nform that resets it; a command of an enclosing mode typed in a\n"
	    "submode runs there and moves the session to that mode.\n");
	fprintf(o, ".SS Modes\n");
	for (int i = 0; i < nmodes; i++) {
		fprintf(o, ".TP\n.B %s\nprompt\n.IR Router%s%s", modes[i].name, modes[i].prompt,
		    i == 0 ? "> / Router#" : "#");
		fprintf(o, "\n");
		if (modes[i].title) {
			fprintf(o, "\\(em ");
			man_text(o, modes[i].title);
			fputc('\n', o);
		}
	}
	for (int s = 0; s < nsections; s++) {
		fprintf(o, ".SH ");
		man_text(o, sections[s].title);
		fputc('\n', o);
		if (*sections[s].text) {
			man_text(o, sections[s].text);
			fputc('\n', o);
		}
		for (int i = 0; i < ncmds; i++) {
			struct cmd *c = &cmds[i];

			if (strcmp(c->file, sections[s].file) != 0 || (c->flags & F_HIDDEN))
				continue;
			fprintf(o, ".TP\n.B ");
			man_text(o, c->raw);
			fprintf(o, "\n");
			man_text(o, c->doc ? c->doc : "");
			fprintf(o, "\n.br\nMode:");
			for (int j = 0; j < c->nmodes && j < 6; j++)
				fprintf(o, " %s", modes[c->modes[j]].name);
			if (c->nmodes > 6)
				fprintf(o, " (all configuration modes)");
			if (c->kind != 0 && !(c->flags & F_NONO))
				fprintf(o, ".  The \\fBno\\fP form removes it.");
			fputc('\n', o);
		}
	}
	fclose(o);
}

int
main(int argc, char **argv)
{
	const char *tables = NULL, *header = NULL, *dispatch = NULL, *man = NULL, *protos = NULL;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i += 2) {
		if (i + 1 >= argc)
			die("option %s needs a value", argv[i]);
		switch (argv[i][1]) {
		case 't': tables = argv[i + 1]; break;
		case 'H': header = argv[i + 1]; break;
		case 'd': dispatch = argv[i + 1]; break;
		case 'm': man = argv[i + 1]; break;
		case 'p': protos = argv[i + 1]; break;
		default: die("unknown option %s", argv[i]);
		}
	}
	if (i == argc)
		die("usage: clgen -t tables.c -H gen.h -d dispatch.c -m man.7 FILE.cli...");
	for (; i < argc; i++)
		read_file(argv[i]);
	if (nerrors == 0)
		resolve();
	if (nerrors) {
		fprintf(stderr, "clgen: %d error(s)\n", nerrors);
		return 1;
	}
	collect_fnargs();
	if (tables)
		write_tables(tables);
	if (header)
		write_header(header);
	if (dispatch)
		write_dispatch(dispatch);
	if (protos)
		write_protos(protos);
	if (man)
		write_man(man);
	return 0;
}
