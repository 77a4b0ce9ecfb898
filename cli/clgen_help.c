/*
 * clgen_help.c — where the `?` text of each word comes from: the
 * command's own help lines, then those of the other commands of its mode
 * that start with the same keyword.  clgen fails when a word has none.
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

struct helpent {
	char *key;
	char *text;
};

static struct helpent helps[MAXHELP];
static int nhelps;

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
void
lookup_help(struct cmd *c, struct node *n, int idx)
{
	const char *first = c->root->kids[0]->op == CL_S_TOK ? c->root->kids[0]->text : "";
	const char *h = NULL;
	char ctxword[256];

	if (n->tok->hctx && n->tok->hctx[0] == '=') {
		/* a keyword of a value table: its help is in the table */
		const struct vtable *vt = vtable_find(n->tok->hctx + 1);

		for (int i = 0; vt && i < vt->n && h == NULL; i++)
			if (strcmp(vt->v[i].word, n->text) == 0)
				h = vt->v[i].help;
	} else if (n->tok->hctx) {
		snprintf(ctxword, sizeof(ctxword), "%s@%s", n->text, n->tok->hctx);
		h = help_for(c, first, idx == 0, ctxword);
	}
	if (h == NULL && n->type != CL_T_KW && n->tok->name)
		h = help_for(c, first, idx == 0, n->tok->name);
	if (h == NULL && n->type == CL_T_KW)
		h = help_for(c, first, idx == 0, n->text);
	if (h == NULL) {
		err(c->file, c->line, "no help for '%s'", n->type == CL_T_KW ? n->text : n->tok->name);
		h = "";
	}
	n->help = xstrdup(h);
}

void
register_help(struct cmd *c)
{
	char key[512];
	const char *first = c->root->kids[0]->op == CL_S_TOK ? c->root->kids[0]->text : "";

	for (int i = 0; i < c->nhelp; i++) {
		bool isfirst = strcmp(c->help[i].word, first) == 0;

		for (int m = 0; m < c->nmodes; m++) {
			snprintf(key, sizeof(key), "%s|%s|%s", modes[c->modes[m]].name,
			    isfirst ? "" : first, c->help[i].word);
			help_put(key, c->help[i].text);
		}
	}
}

