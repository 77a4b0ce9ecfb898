/*
 * clgen_syntax.c — a command's syntax: the lexer and parser of its text
 * into a tree, the argument slots, and the matcher's graph (NFA) built
 * from the tree.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clgen.h"

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
	struct syn *t = syn_new(CL_S_TOK);
	const char *colon = strchr(tok, ':');
	const char *type = tok;

	if (colon != NULL && is_ident(tok, colon - tok)) {
		t->name = xstrndup(tok, colon - tok);
		type = colon + 1;
	}
	t->text = xstrdup(type);
	if (strcmp(type, "WORD") == 0)
		t->type = CL_T_WORD;
	else if (strcmp(type, "LINE") == 0)
		t->type = CL_T_LINE;
	else if (strcmp(type, "A.B.C.D") == 0)
		t->type = CL_T_IPV4;
	else if (strcmp(type, "A.B.C.D/nn") == 0)
		t->type = CL_T_IPV4PFX;
	else if (strcmp(type, "X:X:X:X::X") == 0)
		t->type = CL_T_IPV6;
	else if (strcmp(type, "X:X:X:X::X/<0-128>") == 0)
		t->type = CL_T_IPV6PFX;
	else if (strcmp(type, "H.H.H") == 0)
		t->type = CL_T_MAC;
	else if (strcmp(type, "IFNAME") == 0)
		t->type = CL_T_IFNAME;
	else if (strcmp(type, "NAI") == 0)
		t->type = CL_T_NAI;
	else if (strcmp(type, "HEX") == 0)
		t->type = CL_T_HEX;
	else if (type[0] == '<') {
		long long a, b;
		char tail;

		if (sscanf(type, "<%lld-%lld%c", &a, &b, &tail) != 3 || tail != '>' || a > b)
			err(lx->file, lx->line, "bad range '%s'", type);
		t->type = CL_T_RANGE;
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
		t->type = CL_T_KW;
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
		struct syn *g = syn_new(opt ? CL_S_OPT : CL_S_ALT);

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
	struct syn *seq = syn_new(CL_S_SEQ);

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

	if (s->op == CL_S_TOK) {
		if (s->type == CL_T_KW) {
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
	case CL_S_TOK: {
		int id = node_new(c, s);
		struct node *n = &c->nodes[id];

		n->next = xcalloc(follow->n, sizeof(int));
		memcpy(n->next, follow->v, follow->n * sizeof(int));
		n->nnext = follow->n;
		iset_add(&r, id);
		return r;
	}
	case CL_S_SEQ: {
		struct iset f = iset_copy(follow);

		for (int i = s->nkids - 1; i >= 0; i--) {
			struct iset g = build(c, s->kids[i], &f);

			free(f.v);
			f = g;
		}
		return f;
	}
	case CL_S_OPT:
	case CL_S_ALT:
		for (int i = 0; i < s->nkids; i++) {
			struct iset g = build(c, s->kids[i], follow);

			for (int j = 0; j < g.n; j++)
				iset_add(&r, g.v[j]);
			free(g.v);
		}
		if (s->op == CL_S_OPT)
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
	if (s->op == CL_S_TOK)
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
	while (k < r->nkids && r->kids[k]->op == CL_S_TOK && r->kids[k]->type == CL_T_KW &&
	    r->kids[k]->slot < 0)
		k++;
	if (k == 0)
		k = 1;
	return k;
}


static void
check_slot_kinds(struct syn *s, int slot, bool *flag, bool *arg)
{
	if (s->op == CL_S_TOK) {
		if (s->slot == slot && s->flag)
			*flag = true;
		if (s->slot == slot && s->type != CL_T_KW)
			*arg = true;
		return;
	}
	for (int i = 0; i < s->nkids; i++)
		check_slot_kinds(s->kids[i], slot, flag, arg);
}

void
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

