/*
 * match.c — IOS-style matching of a typed line against the generated
 * grammar tables: abbreviation, ambiguity, typed arguments, `no`/`default`/
 * `do`, output modifiers, `?` help and Tab completion.
 *
 * The commands of a mode are run as one NFA: every live state is "command C
 * waits for node N".  Each token moves every state along the edges its node
 * matches; a state remembers, per consumed token, how well it matched
 * (exact keyword, abbreviation, typed value, free word).  When the line is
 * done, the best full match wins, compared token by token from the left;
 * two different commands that tie are ambiguous.  Keywords abbreviate,
 * arguments never do; an exact keyword beats an abbreviated one at the same
 * place, and two different abbreviated keywords at one place are ambiguous
 * unless one of them is preferred by the grammar (sh = show).
 *
 * Called by pmipd's sessions and config loader, and by the unit tests.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cl.h"
#include "strbuf.h"

bool cl_ifname_canon2(int type, const char *num, size_t len, char *out, size_t outsz);

#define NOSTATE 0xffff
#define VAL_KW (UINT32_MAX - 1)

struct trail {
	int32_t parent;		/* previous entry of the same path, -1 */
	uint16_t tok;
	uint8_t level;
	int8_t slot;
	uint32_t val;		/* arena offset of the value, UINT32_MAX none,
				 * VAL_KW: the value is kw (a keyword's text) */
	const char *kw;		/* keyword (or interface type) matched, else NULL:
				 * the ambiguity check of abbreviations */
};

/* Small: states are made, copied and deduplicated by the hundred a line. */
struct mstate {
	uint16_t node;		/* node to consume next; CL_EDGE_END: done */
	uint16_t cmd;
	int32_t trail;
	int8_t iftype;		/* interface type typed alone; waiting for its number */
	bool parked;		/* LINE took the rest of the line */
};

struct mctx {
	const char *line;
	struct cl_tok toks[CL_MAXTOKENS];
	int ntoks;
	int mode, priv;
	bool negate, dflt;
	struct trail *trail;
	int ntrail, captrail;
	struct strbuf arena;
	struct mstate *cur, *nxt;
	int ncur, nnxt, capcur, capnxt;
	int fail_tok;		/* token where every state died */
	bool ambiguous;
	/* The token the states being made will see next (-1: none, the run
	 * ends there).  A state waiting for a keyword that this token cannot
	 * be is not made at all (see takes_next): it would die at that token.
	 * skipped counts them in the current step. */
	int peek, to;
	unsigned char peekc;	/* first character of token peek */
	int skipped;
	/* the keywords the current token matched, for filter_keywords */
	bool kw_exact, kw_several, kw_multipref;
	const char *kw_first, *kw_preferred;
	int kw_partials;	/* states made by abbreviated keywords */
	int *seen;		/* dedupe: per node, index in nxt + 1 of this step */
	unsigned *seen_gen;
	unsigned gen;
};

/* Buffers kept from one match to the next: matching a pasted config must
 * not cost a malloc per line.  (pmipd is single-threaded.) */
static struct {
	struct trail *trail;
	int captrail;
	struct mstate *cur, *nxt;
	int capcur, capnxt;
	int *seen;
	unsigned *seen_gen;
	unsigned gen;
	struct strbuf arena;
	int busy;
} keep;


static const char *const pseudo_words[] = { "default", "do", "no" };
static const char *const pseudo_help[] = {
	"Set a command to its defaults",
	"To run exec commands in config mode",
	"Negate a command or set its defaults",
};

static const struct {
	const char *word, *help;
	enum cl_pipe pipe;
} pipe_words[] = {
	{ "begin", "Begin with the line that matches", CL_PIPE_BEGIN },
	{ "count", "Count number of lines which match regexp", CL_PIPE_COUNT },
	{ "exclude", "Exclude lines that match", CL_PIPE_EXCLUDE },
	{ "include", "Include lines that match", CL_PIPE_INCLUDE },
	{ "json", "Print the output as one JSON document", CL_PIPE_JSON },
	{ "section", "Filter a section of output", CL_PIPE_SECTION },
};
#define NPIPE (sizeof(pipe_words) / sizeof(pipe_words[0]))

int
cl_mode_find(const char *name)
{
	for (unsigned i = 0; i < cl_nmodes; i++)
		if (strcmp(cl_modes[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Characters as the tokenizer sees them: a word's, a blank, the end. */
enum { CH_WORD, CH_BLANK, CH_END };
static const uint8_t char_class[256] = {
	['\0'] = CH_END, ['\n'] = CH_END, ['\r'] = CH_END, [' '] = CH_BLANK, ['\t'] = CH_BLANK,
};

int
cl_tokenize(const char *line, struct cl_tok *toks, int max)
{
	int n = 0;
	size_t i = 0;

	for (;;) {
		size_t b;

		while (char_class[(unsigned char)line[i]] == CH_BLANK)
			i++;
		if (char_class[(unsigned char)line[i]] == CH_END)
			break;
		b = i;
		while (char_class[(unsigned char)line[i]] == CH_WORD)
			i++;
		if (n == max)
			return -1;
		toks[n].off = (uint16_t)b;
		toks[n].len = (uint16_t)(i - b);
		n++;
		if (i > 60000)
			return -1;
	}
	return n;
}

/* ---- context ------------------------------------------------------------ */

/* Made from the tables once: the first letter of each keyword node (0 for
 * the other nodes), and per node, which first letters its keyword
 * successors have (a bit per letter, folded as takes_next compares them;
 * two letters may share a bit) and its other successors, in order. */
static uint8_t *kw_first;
static uint64_t *next_letters;
static uint32_t *other_next;	/* per node: offset into other_edges */
static uint16_t *other_count;
static uint16_t *other_edges;

static uint64_t
letter_bit(unsigned char ch)
{
	return 1ULL << ((ch & ~0x20u) & 63);
}

static void
tables_init(void)
{
	size_t n = 0;

	kw_first = calloc(cl_nnodes + 1, 1);
	next_letters = calloc(cl_nnodes + 1, sizeof(*next_letters));
	other_next = calloc(cl_nnodes + 1, sizeof(*other_next));
	other_count = calloc(cl_nnodes + 1, sizeof(*other_count));
	for (unsigned i = 0; i < cl_nnodes; i++)
		n += cl_nodes[i].nnext;
	other_edges = calloc(n + 1, sizeof(*other_edges));
	if (kw_first == NULL || next_letters == NULL || other_next == NULL ||
	    other_count == NULL || other_edges == NULL)
		abort();
	for (unsigned i = 0; i < cl_nnodes; i++)
		if (cl_nodes[i].type == CL_T_KW)
			kw_first[i] = (uint8_t)cl_nodes[i].text[0];
	n = 0;
	for (unsigned i = 0; i < cl_nnodes; i++) {
		other_next[i] = (uint32_t)n;
		for (unsigned e = 0; e < cl_nodes[i].nnext; e++) {
			uint16_t to = cl_edges[cl_nodes[i].next + e];

			if (to != CL_EDGE_END && kw_first[to])
				next_letters[i] |= letter_bit(kw_first[to]);
			else {
				other_edges[n++] = to;
				other_count[i]++;
			}
		}
	}
}


static void
ctx_init(struct mctx *c, const char *line, int mode, int priv)
{
	memset(c, 0, sizeof(*c));
	c->line = line;
	c->mode = mode;
	c->priv = priv;
	c->fail_tok = -1;
	if (keep.busy++ == 0) {
		/* take the kept buffers (a nested match allocates its own) */
		c->trail = keep.trail;
		c->captrail = keep.captrail;
		c->cur = keep.cur;
		c->capcur = keep.capcur;
		c->nxt = keep.nxt;
		c->capnxt = keep.capnxt;
		c->arena = keep.arena;
		c->seen = keep.seen;
		c->seen_gen = keep.seen_gen;
		c->gen = keep.gen;
		memset(&keep.arena, 0, sizeof(keep.arena));
	}
	if (kw_first == NULL)
		tables_init();
	if (c->seen == NULL) {
		c->seen = calloc(cl_nnodes + 1, sizeof(int));
		c->seen_gen = calloc(cl_nnodes + 1, sizeof(unsigned));
		if (c->seen == NULL || c->seen_gen == NULL)
			abort();
	}
	sb_reset(&c->arena);
	sb_addc(&c->arena, '\0');
}

static void
ctx_free(struct mctx *c)
{
	if (--keep.busy == 0) {
		keep.trail = c->trail;
		keep.captrail = c->captrail;
		keep.cur = c->cur;
		keep.capcur = c->capcur;
		keep.nxt = c->nxt;
		keep.capnxt = c->capnxt;
		keep.arena = c->arena;
		keep.seen = c->seen;
		keep.seen_gen = c->seen_gen;
		keep.gen = c->gen;
		return;
	}
	free(c->trail);
	free(c->cur);
	free(c->nxt);
	free(c->seen);
	free(c->seen_gen);
	sb_free(&c->arena);
}

static int32_t
trail_add(struct mctx *c, int32_t parent, int tok, int level, int slot, const char *val,
    const char *kw)
{
	struct trail *t;

	if (c->ntrail == c->captrail) {
		c->captrail = c->captrail ? c->captrail * 2 : 64;
		c->trail = realloc(c->trail, (size_t)c->captrail * sizeof(*c->trail));
		if (c->trail == NULL)
			abort();
	}
	t = &c->trail[c->ntrail];
	t->parent = parent;
	t->tok = (uint16_t)tok;
	t->level = (uint8_t)level;
	t->slot = (int8_t)slot;
	t->val = UINT32_MAX;
	t->kw = kw;
	if (val != NULL && val == kw && slot >= 0)
		t->val = VAL_KW;	/* the grammar's text: nothing to copy */
	else if (val != NULL && slot >= 0) {
		t->val = (uint32_t)c->arena.len;
		sb_add(&c->arena, val, strlen(val) + 1);
	}
	return c->ntrail++;
}

static void
push(struct mctx *c, struct mstate **v, int *n, int *cap, const struct mstate *s)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*v = realloc(*v, (size_t)*cap * sizeof(**v));
		if (*v == NULL)
			abort();
	}
	(*v)[(*n)++] = *s;
}

/* Lexicographic comparison of two paths by match level, left to right. */
static int
trail_cmp(struct mctx *c, int32_t a, int32_t b)
{
	uint8_t la[CL_MAXTOKENS + 1], lb[CL_MAXTOKENS + 1];
	int na = 0, nb = 0;

	for (; a >= 0 && na < CL_MAXTOKENS; a = c->trail[a].parent)
		la[na++] = c->trail[a].level;
	for (; b >= 0 && nb < CL_MAXTOKENS; b = c->trail[b].parent)
		lb[nb++] = c->trail[b].level;
	while (na > 0 && nb > 0) {
		na--;
		nb--;
		if (la[na] != lb[nb])
			return la[na] < lb[nb] ? -1 : 1;
	}
	/* a path that used fewer tokens (LINE) is worse */
	return (na > 0) - (nb > 0);
}

static bool
cmd_usable(const struct mctx *c, int ci)
{
	const struct cl_cmd *cmd = &cl_cmds[ci];

	if (cmd->priv > c->priv && !cl_modes[c->mode].config)
		return false;
	if (c->negate && cmd->flags & CL_CMD_NONO)
		return false;
	if (c->dflt && (cmd->flags & (CL_CMD_NODEFAULT | CL_CMD_NONO)))
		return false;
	if (!c->negate && !c->dflt && cmd->flags & CL_CMD_NOONLY)
		return false;
	return true;
}

/* Can node take the token c->peek?  False only for a keyword whose first
 * letter differs from the token's: step() would reject it at once.  Such a
 * state is not worth making, copying and deduplicating. */
static bool
takes_next(struct mctx *c, uint16_t node)
{
	uint8_t k;

	if (c->peek < 0 || node == CL_EDGE_END)
		return true;
	k = kw_first[node];
	if (k == 0 || ((c->peekc ^ k) & ~0x20) == 0)
		return true;
	c->skipped++;
	return false;
}

/* Records a keyword matched by the current token (level exact or partial)
 * for filter_keywords: every match counts, also one whose next states were
 * all skipped. */
static void
note_keyword(struct mctx *c, const char *kw, int level, uint8_t flags)
{
	if (level == CL_L_EXACT) {
		c->kw_exact = true;
		return;
	}
	if (c->kw_first == NULL)
		c->kw_first = kw;
	else if (strcasecmp(c->kw_first, kw) != 0)
		c->kw_several = true;
	if (flags & CL_NODE_PREFER) {
		if (c->kw_preferred && strcasecmp(c->kw_preferred, kw) != 0)
			c->kw_multipref = true;
		c->kw_preferred = kw;
	}
}

static void
start_states(struct mctx *c)
{
	const struct cl_mode *m = &cl_modes[c->mode];

	c->ncur = 0;
	for (unsigned i = 0; i < m->ncmds; i++) {
		int ci = m->cmds[i];
		const struct cl_cmd *cmd = &cl_cmds[ci];

		if (!cmd_usable(c, ci))
			continue;
		for (unsigned e = 0; e < cmd->nstart; e++) {
			struct mstate s = { cl_edges[cmd->start + e], (uint16_t)ci, -1, -1, false };

			if (takes_next(c, s.node))
				push(c, &c->cur, &c->ncur, &c->capcur, &s);
		}
	}
}

static void
advance(struct mctx *c, const struct mstate *from, const struct cl_node *n, int tok,
    int level, const char *val, bool parked, const char *kw)
{
	int32_t t = trail_add(c, from->trail, tok, level, n->slot, val, kw);

	if (kw != NULL && n->nnext > 0)
		note_keyword(c, kw, level, n->flags);
	if (c->peek >= 0 && !(kw != NULL && level == CL_L_PARTIAL) &&
	    !(next_letters[n - cl_nodes] & letter_bit(c->peekc))) {
		/* no keyword after n starts as the next token does: only
		 * the other successors are worth making */
		const uint16_t *o = &other_edges[other_next[n - cl_nodes]];
		unsigned no = other_count[n - cl_nodes];

		c->skipped += (int)(n->nnext - no);
		for (unsigned e = 0; e < no; e++) {
			struct mstate s;

			s.node = o[e];
			s.cmd = from->cmd;
			s.trail = t;
			s.iftype = -1;
			s.parked = parked;
			push(c, &c->nxt, &c->nnxt, &c->capnxt, &s);
		}
		return;
	}
	for (unsigned e = 0; e < n->nnext; e++) {
		uint16_t node = cl_edges[n->next + e];
		struct mstate s;

		/* (an abbreviation's states may lose in filter_keywords: they
		 * are all made, so that "all states died" stays exact) */
		if (kw != NULL && level == CL_L_PARTIAL)
			c->kw_partials++;
		else if (!takes_next(c, node))
			continue;
		s.node = node;
		s.cmd = from->cmd;
		s.trail = t;
		s.iftype = -1;
		s.parked = parked;
		push(c, &c->nxt, &c->nnxt, &c->capnxt, &s);
	}
}

/* Moves every state over token i. */
static void
step(struct mctx *c, int i)
{
	const char *tok = c->line + c->toks[i].off;
	size_t len = c->toks[i].len;
	char val[1024];

	c->nnxt = 0;
	c->peek = i + 1 < c->to ? i + 1 : -1;
	if (c->peek >= 0)
		c->peekc = (unsigned char)c->line[c->toks[c->peek].off];
	c->skipped = 0;
	c->kw_exact = c->kw_several = c->kw_multipref = false;
	c->kw_first = c->kw_preferred = NULL;
	c->kw_partials = 0;
	for (int k = 0; k < c->ncur; k++) {
		struct mstate *s = &c->cur[k];
		const struct cl_node *n;

		if (s->parked) {
			push(c, &c->nxt, &c->nnxt, &c->capnxt, s);
			continue;
		}
		if (s->node == CL_EDGE_END)
			continue;
		n = &cl_nodes[s->node];
		if (s->iftype >= 0) {
			if (cl_ifname_canon2(s->iftype, tok, len, val, sizeof(val))) {
				/* the type word was consumed already; this token finishes it */
				advance(c, s, n, i, CL_L_TYPED, val, false, NULL);
			}
			continue;
		}
		switch (n->type) {
		case CL_T_KW: {
			size_t kl;

			/* most keywords differ in their first letter */
			if (((tok[0] ^ n->text[0]) & ~0x20) != 0)
				break;
			kl = strlen(n->text);
			if (len <= kl && strncasecmp(tok, n->text, len) == 0)
				advance(c, s, n, i, len == kl ? CL_L_EXACT : CL_L_PARTIAL,
				    n->text, false, n->text);
			break;
		}
		case CL_T_LINE: {
			size_t e = strlen(c->line);

			while (e > c->toks[i].off && (c->line[e - 1] == ' ' || c->line[e - 1] == '\t' ||
			    c->line[e - 1] == '\n' || c->line[e - 1] == '\r'))
				e--;
			if (e - c->toks[i].off < sizeof(val)) {
				memcpy(val, tok, e - c->toks[i].off);
				val[e - c->toks[i].off] = '\0';
				advance(c, s, n, i, CL_L_LINE, val, true, NULL);
			}
			break;
		}
		case CL_T_IFNAME: {
			size_t a = 0;
			int idx, cnt;

			while (a < len && (isalpha((unsigned char)tok[a]) || tok[a] == '-'))
				a++;
			if (a == len) {
				cnt = cl_iftype_lookup(tok, len, &idx);
				if (cnt == 1) {
					int32_t t = trail_add(c, s->trail, i,
					    strlen(cl_iftypes[idx].name) == len ? CL_L_EXACT : CL_L_PARTIAL,
					    -1, NULL, cl_iftypes[idx].name);
					struct mstate p = { s->node, s->cmd, t, (int8_t)idx, false };

					note_keyword(c, cl_iftypes[idx].name, c->trail[t].level, 0);
					if (c->trail[t].level == CL_L_PARTIAL)
						c->kw_partials++;
					push(c, &c->nxt, &c->nnxt, &c->capnxt, &p);
				} else if (cnt > 1)
					c->ambiguous = true;
			} else if (cl_ifname_canon(tok, len, val, sizeof(val)))
				advance(c, s, n, i, CL_L_TYPED, val, false, NULL);
			break;
		}
		default:
			if (cl_type_match(n, tok, len, val, sizeof(val)))
				advance(c, s, n, i, n->type == CL_T_WORD ? CL_L_WORD : CL_L_TYPED,
				    val, false, NULL);
			break;
		}
	}
}

/* Applies the keyword rules to the states that just moved: exact beats
 * abbreviated; two different abbreviated keywords are ambiguous unless one
 * is preferred.  Returns false on ambiguity. */
static bool
filter_keywords(struct mctx *c)
{
	bool exact = c->kw_exact;
	const char *preferred = c->kw_preferred;

	if (!exact && !c->kw_several)
		return true;
	if (!exact && (preferred == NULL || c->kw_multipref))
		return false;
	if (c->kw_partials == 0)
		return true;
	/* drop the abbreviated keywords that lost */
	{
		int o = 0;

		for (int k = 0; k < c->nnxt; k++) {
			struct mstate *s = &c->nxt[k];

			if (s->trail >= 0 && c->trail[s->trail].level == CL_L_PARTIAL &&
			    (exact || strcasecmp(c->trail[s->trail].kw, preferred) != 0))
				continue;
			c->nxt[o++] = *s;
		}
		c->nnxt = o;
	}
	return true;
}

/* Keeps one state per (node, pending type): the best path.  Nodes belong
 * to one command each; END states are told apart by their command. */
static void
dedupe(struct mctx *c)
{
	int o = 0;

	c->gen++;
	for (int k = 0; k < c->nnxt; k++) {
		struct mstate *s = &c->nxt[k];
		int j = -1;

		if (s->node != CL_EDGE_END && s->iftype < 0 && !s->parked) {
			if (c->seen_gen[s->node] == c->gen)
				j = c->seen[s->node];
		} else {
			for (int i = 0; i < o; i++) {
				struct mstate *t = &c->nxt[i];

				if (t->cmd == s->cmd && t->node == s->node && t->iftype == s->iftype &&
				    t->parked == s->parked) {
					j = i;
					break;
				}
			}
		}
		if (j < 0) {
			if (s->node != CL_EDGE_END && s->iftype < 0 && !s->parked) {
				c->seen_gen[s->node] = c->gen;
				c->seen[s->node] = o;
			}
			c->nxt[o++] = *s;
			continue;
		}
		if (trail_cmp(c, s->trail, c->nxt[j].trail) < 0)
			c->nxt[j] = *s;
	}
	c->nnxt = o;
}

static void
swap_states(struct mctx *c)
{
	struct mstate *t = c->cur;
	int tc = c->capcur;

	c->cur = c->nxt;
	c->capcur = c->capnxt;
	c->ncur = c->nnxt;
	c->nxt = t;
	c->capnxt = tc;
	c->nnxt = 0;
}

/* Runs tokens [from, to) from the mode's start states.  Returns false when
 * the states died (fail_tok set) or an abbreviation was ambiguous. */
static bool
run(struct mctx *c, int from, int to)
{
	c->to = to;
	c->peek = from < to ? from : -1;
	if (c->peek >= 0)
		c->peekc = (unsigned char)c->line[c->toks[c->peek].off];
	start_states(c);
	for (int i = from; i < to; i++) {
		c->ambiguous = false;
		step(c, i);
		if (!filter_keywords(c) || (c->nnxt == 0 && c->skipped == 0 && c->ambiguous)) {
			c->ambiguous = true;
			c->fail_tok = i;
			return false;
		}
		dedupe(c);
		if (c->nnxt == 0 && c->skipped) {
			/* states were left out only because the next token
			 * kills them: the line fails there, as it would have
			 * with them (nothing ambiguous at that token) */
			c->ambiguous = false;
			c->fail_tok = i + 1;
			return false;
		}
		if (c->nnxt == 0) {
			c->fail_tok = i;
			return false;
		}
		swap_states(c);
	}
	return true;
}

static bool
accepting(const struct mctx *c, const struct mstate *s)
{
	if (s->iftype >= 0)
		return false;
	if (s->parked || s->node == CL_EDGE_END)
		return true;
	return (c->negate || c->dflt) && (cl_nodes[s->node].flags & CL_NODE_NOOK);
}

static int
best_state(struct mctx *c, bool pipe_only, bool *tie)
{
	int best = -1;

	*tie = false;
	for (int k = 0; k < c->ncur; k++) {
		struct mstate *s = &c->cur[k];
		int r;

		if (!accepting(c, s))
			continue;
		if (pipe_only && !(cl_cmds[s->cmd].flags & CL_CMD_PIPE))
			continue;
		if (best < 0) {
			best = k;
			continue;
		}
		r = trail_cmp(c, s->trail, c->cur[best].trail);
		if (r < 0) {
			best = k;
			*tie = false;
		} else if (r == 0 && s->cmd != c->cur[best].cmd)
			*tie = true;
	}
	return best;
}

static void
fill_values(struct mctx *c, int best, struct cl_match *m)
{
	for (int32_t t = c->cur[best].trail; t >= 0; t = c->trail[t].parent) {
		struct trail *e = &c->trail[t];
		const char *v;
		size_t n;

		if (e->slot < 0 || e->val == UINT32_MAX || m->vals[e->slot].s != NULL)
			continue;
		v = e->val == VAL_KW ? e->kw : c->arena.s + e->val;
		n = strlen(v) + 1;
		if (m->bufused + n > sizeof(m->buf))
			continue;
		memcpy(m->buf + m->bufused, v, n);
		m->vals[e->slot].s = m->buf + m->bufused;
		m->vals[e->slot].off = c->toks[e->tok].off;
		m->bufused += n;
	}
}

/* Which word among the pseudo words (no, default, do) and the mode's first
 * keywords token 0 picks.  Returns the pseudo word index, -1 for "a real
 * command", -2 for ambiguous. */
static int
pseudo_pick(const struct mctx *c, const char *tok, size_t len, bool *real_exact)
{
	const struct cl_mode *m = &cl_modes[c->mode];
	int hit = -1, nhit = 0, exact = -1;
	const char *realpart = NULL;
	bool realfull = false, realseveral = false;

	*real_exact = false;
	for (int i = 0; i < 3; i++) {
		size_t wl = strlen(pseudo_words[i]);

		if (len <= wl && strncasecmp(tok, pseudo_words[i], len) == 0) {
			hit = i;
			nhit++;
			if (len == wl)
				exact = i;
		}
	}
	if (nhit == 0)
		return -1;
	for (unsigned i = 0; i < m->ncmds; i++) {
		const struct cl_cmd *cmd = &cl_cmds[m->cmds[i]];

		for (unsigned e = 0; e < cmd->nstart; e++) {
			const struct cl_node *n;
			size_t kl;

			if (cl_edges[cmd->start + e] == CL_EDGE_END)
				continue;
			n = &cl_nodes[cl_edges[cmd->start + e]];
			if (n->type != CL_T_KW)
				continue;
			kl = strlen(n->text);
			if (len > kl || strncasecmp(tok, n->text, len) != 0)
				continue;
			if (len == kl)
				realfull = true;
			else if (realpart && strcasecmp(realpart, n->text) != 0)
				realseveral = true;
			else
				realpart = n->text;
		}
	}
	*real_exact = realfull;
	if (exact >= 0)
		return exact;
	if (realfull)
		return -1;
	if (nhit > 1 || realpart || realseveral)
		return -2;
	return hit;
}

static void
match_mode(const char *line, const struct cl_tok *toks, int ntoks, int first, int mode,
    int priv, bool negate, bool dflt, struct cl_match *m);

static void
finish(struct mctx *c, int first, int ntoks, struct cl_match *m)
{
	int best;
	bool tie;
	int pipe_at = -1;

	/* an output modifier: "|" where a pipe-able command may end */
	for (int i = first; i < ntoks; i++) {
		if (c->toks[i].len == 1 && c->line[c->toks[i].off] == '|') {
			pipe_at = i;
			break;
		}
	}
	if (pipe_at >= 0) {
		bool ok = run(c, first, pipe_at);

		if (ok) {
			best = best_state(c, true, &tie);
			if (best >= 0) {
				const char *w;
				size_t wl;
				int hits = 0, hit = -1;

				if (tie) {
					m->status = CL_AMBIGUOUS;
					return;
				}
				if (pipe_at + 1 >= ntoks) {
					m->status = CL_INCOMPLETE;
					return;
				}
				w = c->line + c->toks[pipe_at + 1].off;
				wl = c->toks[pipe_at + 1].len;
				for (unsigned p = 0; p < NPIPE; p++)
					if (wl <= strlen(pipe_words[p].word) &&
					    strncasecmp(w, pipe_words[p].word, wl) == 0) {
						hits++;
						hit = (int)p;
					}
				if (hits > 1) {
					m->status = CL_AMBIGUOUS;
					return;
				}
				if (hits == 0) {
					m->status = CL_INVALID;
					m->err_pos = c->toks[pipe_at + 1].off;
					return;
				}
				m->pipe = pipe_words[hit].pipe;
				if (m->pipe == CL_PIPE_JSON) {
					if (pipe_at + 2 < ntoks) {
						m->status = CL_INVALID;
						m->err_pos = c->toks[pipe_at + 2].off;
						return;
					}
				} else {
					size_t e;

					if (pipe_at + 2 >= ntoks) {
						m->status = CL_INCOMPLETE;
						return;
					}
					e = strlen(c->line);
					while (e > 0 && (c->line[e - 1] == '\n' || c->line[e - 1] == '\r' ||
					    c->line[e - 1] == ' '))
						e--;
					{
						size_t b = c->toks[pipe_at + 2].off, n = e - b;

						if (m->bufused + n + 1 <= sizeof(m->buf)) {
							memcpy(m->buf + m->bufused, c->line + b, n);
							m->buf[m->bufused + n] = '\0';
							m->pipe_arg = m->buf + m->bufused;
							m->bufused += n + 1;
						}
					}
				}
				m->status = CL_OK;
				m->cmd = c->cur[best].cmd;
				fill_values(c, best, m);
				return;
			}
		}
		/* not a pipe after all: run the whole line, the | will be the error */
	}
	if (!run(c, first, ntoks)) {
		if (c->ambiguous) {
			m->status = CL_AMBIGUOUS;
			return;
		}
		m->status = CL_INVALID;
		m->err_pos = c->toks[c->fail_tok].off;
		return;
	}
	best = best_state(c, false, &tie);
	if (best < 0) {
		m->status = CL_INCOMPLETE;
		return;
	}
	if (tie) {
		m->status = CL_AMBIGUOUS;
		return;
	}
	m->status = CL_OK;
	m->cmd = c->cur[best].cmd;
	fill_values(c, best, m);
}

static void
match_mode(const char *line, const struct cl_tok *toks, int ntoks, int first, int mode,
    int priv, bool negate, bool dflt, struct cl_match *m)
{
	struct mctx c;

	ctx_init(&c, line, mode, priv);
	memcpy(c.toks, toks, (size_t)ntoks * sizeof(*toks));
	c.ntoks = ntoks;
	c.negate = negate;
	c.dflt = dflt;
	m->mode = mode;
	m->negate = negate;
	m->dflt = dflt;

	if (first < ntoks && cl_modes[mode].config && !negate && !dflt) {
		bool real_exact;
		int p = pseudo_pick(&c, line + toks[first].off, toks[first].len, &real_exact);

		if (p == -2) {
			m->status = CL_AMBIGUOUS;
			ctx_free(&c);
			return;
		}
		if (p >= 0) {
			if (first + 1 >= ntoks) {
				m->status = CL_INCOMPLETE;
				ctx_free(&c);
				return;
			}
			if (p == 0 && real_exact) {
				/* "default profile X" is an LMA command, "default X" a reset */
				finish(&c, first, ntoks, m);
				if (m->status == CL_OK) {
					ctx_free(&c);
					return;
				}
				memset(m, 0, offsetof(struct cl_match, buf));
				m->cmd = -1;
			}
			ctx_free(&c);
			if (p == 1) {
				match_mode(line, toks, ntoks, first + 1, CL_MODE_EXEC, 15, false, false, m);
				m->do_exec = true;
				return;
			}
			match_mode(line, toks, ntoks, first + 1, mode, priv, p == 2, p == 0, m);
			return;
		}
	}
	finish(&c, first, ntoks, m);
	if (m->status == CL_INVALID && mode == CL_MODE_EXEC && first == 0 &&
	    m->err_pos == toks[0].off)
		m->status = CL_UNKNOWN_EXEC;
	ctx_free(&c);
}

void
cl_match_line(const char *line, int mode, int priv, struct cl_match *m)
{
	struct cl_tok toks[CL_MAXTOKENS];
	int ntoks;

	memset(m, 0, offsetof(struct cl_match, buf));
	m->cmd = -1;
	m->mode = mode;
	ntoks = cl_tokenize(line, toks, CL_MAXTOKENS);
	if (ntoks < 0) {
		m->status = CL_INVALID;
		m->err_pos = toks[CL_MAXTOKENS - 1].off;
		return;
	}
	if (ntoks == 0 || line[toks[0].off] == '!') {
		m->status = CL_EMPTY;
		return;
	}
	match_mode(line, toks, ntoks, 0, mode, priv, false, false, m);
}

/* ---- ? help and Tab ---------------------------------------------------- */

struct hent {
	const char *word, *help;
};

struct hlist {
	struct hent *v;
	int n, cap;
};

static void
hl_add(struct hlist *h, const char *word, const char *help)
{
	for (int i = 0; i < h->n; i++)
		if (strcmp(h->v[i].word, word) == 0)
			return;
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 32;
		h->v = realloc(h->v, (size_t)h->cap * sizeof(*h->v));
		if (h->v == NULL)
			abort();
	}
	h->v[h->n].word = word;
	h->v[h->n].help = help ? help : "";
	h->n++;
}

static int
hent_cmp(const void *a, const void *b)
{
	const struct hent *x = a, *y = b;

	if (strcmp(x->word, "<cr>") == 0)
		return 1;
	if (strcmp(y->word, "<cr>") == 0)
		return -1;
	return strcmp(x->word, y->word);
}

/* Per pending interface type: "<0-15>  Ethernet interface number" */
static char ifnum_help[32][64];

static void
collect_next(struct mctx *c, struct hlist *h, bool pipes)
{
	bool cr = false, pipe = false;

	for (int k = 0; k < c->ncur; k++) {
		struct mstate *s = &c->cur[k];
		const struct cl_node *n;

		if (accepting(c, s)) {
			cr = true;
			if (cl_cmds[s->cmd].flags & CL_CMD_PIPE)
				pipe = true;
		}
		if (s->parked || s->node == CL_EDGE_END)
			continue;
		n = &cl_nodes[s->node];
		if (cl_cmds[s->cmd].flags & CL_CMD_HIDDEN)
			continue;
		if (s->iftype >= 0) {
			const struct cl_iftype *t = &cl_iftypes[s->iftype];

			snprintf(ifnum_help[s->iftype], sizeof(ifnum_help[0]), "%s interface number",
			    t->name);
			hl_add(h, t->numhelp, ifnum_help[s->iftype]);
			continue;
		}
		if (n->type == CL_T_IFNAME) {
			for (unsigned i = 0; i < cl_niftypes; i++)
				hl_add(h, cl_iftypes[i].name, cl_iftypes[i].help);
			continue;
		}
		hl_add(h, n->text, n->help);
	}
	if (pipe && pipes)
		hl_add(h, "|", "Output modifiers");
	if (cr)
		hl_add(h, "<cr>", "");
}

static void
emit_line(cl_emit_fn emit, void *ctx, struct strbuf *b)
{
	emit(ctx, b->s, b->len);
	sb_reset(b);
}

/* Prints "  word   help" lines, wrapping help at width. */
static void
print_help(const struct hlist *h, unsigned width, cl_emit_fn emit, void *ctx)
{
	size_t w = 0;
	struct strbuf b = STRBUF_INIT;

	for (int i = 0; i < h->n; i++)
		if (strlen(h->v[i].word) > w)
			w = strlen(h->v[i].word);
	for (int i = 0; i < h->n; i++) {
		const char *help = h->v[i].help;
		size_t col = 2 + w + 2;

		sb_printf(&b, "  %s", h->v[i].word);
		if (*help == '\0') {
			sb_addc(&b, '\n');
			emit_line(emit, ctx, &b);
			continue;
		}
		sb_pad(&b, ' ', w - strlen(h->v[i].word) + 2);
		while (*help) {
			size_t room = width > col + 10 ? width - col : SIZE_MAX;
			size_t n = strlen(help);

			if (n > room) {
				size_t cut = room;

				while (cut > 0 && help[cut] != ' ')
					cut--;
				if (cut == 0)
					cut = room;
				n = cut;
			}
			sb_add(&b, help, n);
			sb_addc(&b, '\n');
			emit_line(emit, ctx, &b);
			help += n;
			while (*help == ' ')
				help++;
			if (*help)
				sb_pad(&b, ' ', col);
		}
	}
	sb_free(&b);
}

/* "clear  clock  configure  " — the word? form */
static void
print_words(const struct hlist *h, unsigned width, cl_emit_fn emit, void *ctx)
{
	struct strbuf b = STRBUF_INIT;

	for (int i = 0; i < h->n; i++) {
		size_t n = strlen(h->v[i].word) + 2;

		if (width > 0 && b.len > 0 && b.len + n > width) {
			sb_addc(&b, '\n');
			emit_line(emit, ctx, &b);
		}
		sb_printf(&b, "%s  ", h->v[i].word);
	}
	sb_addc(&b, '\n');
	emit_line(emit, ctx, &b);
	sb_free(&b);
}

/* Sets up c for the context at the end of line: resolves `no`, `default`,
 * `do` and `|`.  *last gets the index of the partial word (or ntoks).
 * Returns 0 on success, 1 if a token before the cursor is invalid,
 * 2 if ambiguous, 3 if the cursor is in an output modifier (*pipe_stage
 * set: 1 = modifier word, 2 = regex). */
static int
help_context(struct mctx *c, const char *line, int mode, int priv, bool partial, int *last,
    int *pipe_stage, bool *at_start)
{
	int ntoks, first = 0, upto;

	ctx_init(c, line, mode, priv);
	ntoks = cl_tokenize(line, c->toks, CL_MAXTOKENS);
	*pipe_stage = 0;
	*at_start = false;
	if (ntoks < 0)
		return 1;
	c->ntoks = ntoks;
	upto = partial ? ntoks - 1 : ntoks;
	*last = upto;
	/* no / default / do */
	while (first < upto && cl_modes[c->mode].config && !c->negate && !c->dflt) {
		bool real_exact;
		int p = pseudo_pick(c, line + c->toks[first].off, c->toks[first].len, &real_exact);

		if (p == -2)
			return 2;
		if (p < 0 || (p == 0 && real_exact))
			break;
		first++;
		if (p == 1) {
			c->mode = CL_MODE_EXEC;
			c->priv = 15;
			break;
		}
		c->negate = p == 2;
		c->dflt = p == 0;
	}
	*at_start = first == upto;
	for (int i = first; i < upto; i++) {
		if (c->toks[i].len == 1 && line[c->toks[i].off] == '|') {
			bool tie;

			if (!run(c, first, i) || best_state(c, true, &tie) < 0)
				return 1;
			*pipe_stage = upto - i == 1 ? 1 : 2;
			*last = upto;
			return 3;
		}
	}
	if (!run(c, first, upto))
		return c->ambiguous ? 2 : 1;
	return 0;
}

enum cl_help_status
cl_help(const char *line, int mode, int priv, unsigned width, cl_emit_fn emit, void *ctx)
{
	struct mctx c;
	struct hlist h = { NULL, 0, 0 };
	size_t len = strlen(line);
	bool partial = len > 0 && line[len - 1] != ' ' && line[len - 1] != '\t';
	int last, pstage, r;
	bool at_start;
	enum cl_help_status st = CL_HELP_OK;

	r = help_context(&c, line, mode, priv, partial, &last, &pstage, &at_start);
	if (r == 1 || r == 2) {
		ctx_free(&c);
		return r == 1 ? CL_HELP_UNRECOGNIZED : CL_HELP_AMBIGUOUS;
	}
	if (r == 3) {
		if (pstage == 1)
			for (unsigned p = 0; p < NPIPE; p++)
				hl_add(&h, pipe_words[p].word, pipe_words[p].help);
		else if (!partial || pstage == 2)
			hl_add(&h, "LINE", "Regular Expression");
		if (partial && pstage == 1) {
			const char *w = line + c.toks[last].off;
			size_t wl = c.toks[last].len;
			int o = 0;

			for (int i = 0; i < h.n; i++)
				if (strncasecmp(h.v[i].word, w, wl) == 0)
					h.v[o++] = h.v[i];
			h.n = o;
		}
	} else {
		/* "default" is also an LMA command; its help is the IOS one */
		if (at_start && cl_modes[c.mode].config && !c.negate && !c.dflt)
			for (int i = 0; i < 3; i++)
				hl_add(&h, pseudo_words[i], pseudo_help[i]);
		collect_next(&c, &h, true);
		if (partial) {
			const char *w = line + c.toks[last].off;
			size_t wl = c.toks[last].len;
			char val[256];
			int o = 0;
			struct hlist args = { NULL, 0, 0 };

			for (int i = 0; i < h.n; i++) {
				const char *word = h.v[i].word;

				if (strcmp(word, "<cr>") == 0 || strcmp(word, "|") == 0)
					continue;
				if (strncasecmp(word, w, wl) == 0 && isalpha((unsigned char)word[0]) &&
				    strcmp(word, "LINE") && strcmp(word, "WORD"))
					h.v[o++] = h.v[i];
			}
			h.n = o;
			if (h.n == 0) {
				/* an argument being typed: show its placeholder */
				for (int k = 0; k < c.ncur; k++) {
					const struct mstate *s = &c.cur[k];
					const struct cl_node *n;

					if (s->parked || s->node == CL_EDGE_END || s->iftype >= 0)
						continue;
					n = &cl_nodes[s->node];
					if (n->type == CL_T_KW || n->type == CL_T_IFNAME)
						continue;
					if (n->type == CL_T_LINE || n->type == CL_T_WORD ||
					    cl_type_match(n, w, wl, val, sizeof(val)))
						hl_add(&args, n->text, n->help);
				}
				free(h.v);
				h = args;
			}
			if (h.n == 0)
				st = CL_HELP_UNRECOGNIZED;
			else {
				qsort(h.v, (size_t)h.n, sizeof(*h.v), hent_cmp);
				print_words(&h, width, emit, ctx);
			}
			free(h.v);
			ctx_free(&c);
			return st;
		}
	}
	if (h.n == 0)
		st = CL_HELP_UNRECOGNIZED;
	else {
		qsort(h.v, (size_t)h.n, sizeof(*h.v), hent_cmp);
		print_help(&h, width, emit, ctx);
	}
	free(h.v);
	ctx_free(&c);
	return st;
}

int
cl_complete(const char *line, int mode, int priv, char *insert, size_t insertsz,
    cl_emit_fn emit, void *ctx)
{
	struct mctx c;
	struct hlist h = { NULL, 0, 0 };
	size_t len = strlen(line);
	int last, pstage, r, o = 0;
	bool at_start;
	const char *w;
	size_t wl;

	insert[0] = '\0';
	if (len == 0 || line[len - 1] == ' ' || line[len - 1] == '\t')
		return 0;
	r = help_context(&c, line, mode, priv, true, &last, &pstage, &at_start);
	if (r == 1 || r == 2 || (r == 3 && pstage != 1)) {
		ctx_free(&c);
		return 0;
	}
	w = line + c.toks[last].off;
	wl = c.toks[last].len;
	if (r == 3) {
		for (unsigned p = 0; p < NPIPE; p++)
			hl_add(&h, pipe_words[p].word, pipe_words[p].help);
	} else {
		bool iftype = false;

		for (int k = 0; k < c.ncur; k++) {
			const struct mstate *s = &c.cur[k];

			if (s->parked || s->node == CL_EDGE_END || s->iftype >= 0)
				continue;
			if (cl_cmds[s->cmd].flags & CL_CMD_HIDDEN)
				continue;
			if (cl_nodes[s->node].type == CL_T_KW)
				hl_add(&h, cl_nodes[s->node].text, cl_nodes[s->node].help);
			else if (cl_nodes[s->node].type == CL_T_IFNAME)
				iftype = true;
		}
		if (iftype) {
			bool alpha = true;

			for (size_t i = 0; i < wl; i++)
				if (!isalpha((unsigned char)w[i]))
					alpha = false;
			if (alpha)
				for (unsigned i = 0; i < cl_niftypes; i++)
					hl_add(&h, cl_iftypes[i].name, NULL);
		}
		if (at_start && cl_modes[c.mode].config && !c.negate && !c.dflt)
			for (int i = 0; i < 3; i++)
				hl_add(&h, pseudo_words[i], pseudo_help[i]);
	}
	for (int i = 0; i < h.n; i++)
		if (wl <= strlen(h.v[i].word) && strncasecmp(h.v[i].word, w, wl) == 0)
			h.v[o++] = h.v[i];
	h.n = o;
	/* an exact keyword wins over longer ones that start with it */
	for (int i = 0; i < h.n; i++)
		if (strlen(h.v[i].word) == wl) {
			h.v[0] = h.v[i];
			h.n = 1;
			break;
		}
	if (h.n == 1) {
		bool isif = false;

		for (unsigned i = 0; i < cl_niftypes; i++)
			if (strcmp(h.v[0].word, cl_iftypes[i].name) == 0)
				isif = true;
		snprintf(insert, insertsz, "%s%s", h.v[0].word + wl, isif ? "" : " ");
	} else if (h.n > 1) {
		qsort(h.v, (size_t)h.n, sizeof(*h.v), hent_cmp);
		print_words(&h, 80, emit, ctx);
	}
	o = h.n;
	free(h.v);
	ctx_free(&c);
	return o;
}
