/*
 * syntax.c — prints a stored command back as text by walking its syntax
 * tree: keywords as written in the grammar, arguments from the stored slot
 * values, optional groups only when something in them is stored.  This is
 * what makes `show running-config` derive from the grammar instead of from a
 * second, hand-written description of every command.
 *
 * Called by pmipd's renderer (src/render.c).
 */
#include <strings.h>

#include "cl.h"
#include "strbuf.h"

static bool
kw_matches(const struct cl_syn *s, const char *const *vals)
{
	if (s->slot < 0)
		return true;
	if (vals[s->slot] == NULL)
		return false;
	return (s->flags & CL_NODE_FLAG) || strcasecmp(vals[s->slot], s->text) == 0;
}

/* Is this alternative the one the stored values describe? */
static bool
present(const struct cl_syn *s, const char *const *vals)
{
	bool any = false;

	switch (s->op) {
	case CL_S_TOK:
		if (s->slot < 0)
			return false;
		if (s->type == CL_T_KW)
			return kw_matches(s, vals);
		return vals[s->slot] != NULL;
	case CL_S_SEQ:
		for (unsigned i = 0; i < s->nkids; i++) {
			const struct cl_syn *k = &s->kids[i];

			if (k->op == CL_S_TOK && k->type == CL_T_KW && k->slot >= 0 &&
			    !(k->flags & CL_NODE_FLAG) && !kw_matches(k, vals))
				return false;
			if (present(k, vals))
				any = true;
		}
		return any;
	default:
		for (unsigned i = 0; i < s->nkids; i++)
			if (present(&s->kids[i], vals))
				return true;
		return false;
	}
}

static void
word(struct strbuf *out, const char *w, bool *first)
{
	if (!*first)
		sb_addc(out, ' ');
	sb_adds(out, w);
	*first = false;
}

static void
render(const struct cl_syn *s, const char *const *vals, struct strbuf *out, bool *first)
{
	switch (s->op) {
	case CL_S_TOK:
		if (s->type == CL_T_KW) {
			if (s->slot < 0 || (s->flags & CL_NODE_FLAG) || kw_matches(s, vals))
				word(out, s->text, first);
		} else if (vals[s->slot] != NULL)
			word(out, vals[s->slot], first);
		return;
	case CL_S_SEQ:
		for (unsigned i = 0; i < s->nkids; i++)
			render(&s->kids[i], vals, out, first);
		return;
	case CL_S_OPT:
	case CL_S_ALT:
		for (unsigned i = 0; i < s->nkids; i++)
			if (present(&s->kids[i], vals)) {
				render(&s->kids[i], vals, out, first);
				return;
			}
		/* a required choice with nothing stored: its first alternative */
		if (s->op == CL_S_ALT && s->nkids > 0 && s->kids[0].slots == 0)
			render(&s->kids[0], vals, out, first);
		return;
	}
}

bool
cl_render_cmd(const struct cl_cmd *c, const char *const *vals, struct strbuf *out)
{
	bool first = true;

	render(c->syn, vals, out, &first);
	return !first;
}
