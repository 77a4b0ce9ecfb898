/*
 * cfgdiff.c — configuration trees and their differences (see cfgdiff.h).
 *
 * Lines are compared as text within their block, ignoring order: the
 * rendering is canonical, so equal text means an equal command.  Where
 * order matters (access-list entries), configure replace checks the result
 * and falls back to a complete reload of the target.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cfgdiff.h"
#include "strbuf.h"

static struct cnode *
add_kid(struct cnode *p, const char *text, size_t len)
{
	struct cnode *k;

	if (p->nkids == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 8;
		p->kids = realloc(p->kids, (size_t)p->cap * sizeof(*p->kids));
		if (p->kids == NULL)
			abort();
	}
	k = &p->kids[p->nkids++];
	memset(k, 0, sizeof(*k));
	k->text = strndup(text, len);
	if (k->text == NULL)
		abort();
	return k;
}

static bool
skipped(const char *l, size_t n)
{
	return n == 0 || l[0] == '!' || (n == 3 && strncmp(l, "end", 3) == 0) ||
	    (n > 8 && strncmp(l, "version ", 8) == 0) ||
	    strncmp(l, "Building configuration", n < 22 ? n : 22) == 0 ||
	    strncmp(l, "Current configuration", n < 21 ? n : 21) == 0;
}

struct cnode *
cfg_tree_parse(const char *text)
{
	struct cnode *root = calloc(1, sizeof(*root));
	/* the last node seen at each indentation */
	struct cnode *at[64];
	int depth_ind[64];
	int depth = 0;

	if (root == NULL)
		abort();
	at[0] = root;
	depth_ind[0] = -1;
	while (text && *text) {
		const char *nl = strchr(text, '\n');
		size_t n = nl ? (size_t)(nl - text) : strlen(text);
		size_t ind = 0;
		struct cnode *k;

		while (ind < n && text[ind] == ' ')
			ind++;
		if (n && text[n - 1] == '\r')
			n--;
		if (ind < n && !(ind == 0 && skipped(text, n)) && text[ind] != '!') {
			while (depth > 0 && depth_ind[depth] >= (int)ind)
				depth--;
			k = add_kid(at[depth], text + ind, n - ind);
			if (depth < 63) {
				at[depth + 1] = k;
				depth_ind[depth + 1] = (int)ind;
				depth++;
			}
		}
		text += n + (nl ? 1 : 0);
		if (nl && text[-1] == '\r')
			text++;
	}
	return root;
}

static void
free_kids(struct cnode *n)
{
	for (int i = 0; i < n->nkids; i++) {
		free_kids(&n->kids[i]);
		free(n->kids[i].text);
	}
	free(n->kids);
}

void
cfg_tree_free(struct cnode *root)
{
	if (root == NULL)
		return;
	free_kids(root);
	free(root);
}

static const struct cnode *
find(const struct cnode *p, const char *text)
{
	for (int i = 0; i < p->nkids; i++)
		if (strcmp(p->kids[i].text, text) == 0)
			return &p->kids[i];
	return NULL;
}

static void
put_line(struct strbuf *out, int depth, char mark, const char *text)
{
	sb_pad(out, ' ', (size_t)depth);
	if (mark)
		sb_addc(out, mark);
	sb_adds(out, text);
	sb_addc(out, '\n');
}

static void
put_tree(struct strbuf *out, const struct cnode *n, int depth, char mark)
{
	put_line(out, depth, mark, n->text);
	for (int i = 0; i < n->nkids; i++)
		put_tree(out, &n->kids[i], depth + 1, mark);
}

/* Prints the differences under old/new at depth; the block headers in
 * path are printed (once) before the first difference. */
static int
diff_rec(const struct cnode *old, const struct cnode *new, int depth, const char **path,
    int npath, int *printed, struct strbuf *out)
{
	int n = 0;

	for (int pass = 0; pass < 2; pass++) {
		const struct cnode *a = pass ? old : new, *b = pass ? new : old;

		for (int i = 0; i < a->nkids; i++) {
			const struct cnode *k = &a->kids[i];

			if (find(b, k->text))
				continue;
			for (int p = *printed; p < npath; p++)
				put_line(out, p, 0, path[p]);
			*printed = npath;
			put_tree(out, k, depth, pass ? '-' : '+');
			n++;
		}
	}
	for (int i = 0; i < new->nkids; i++) {
		const struct cnode *k = &new->kids[i], *o = find(old, k->text);

		if (o == NULL || (k->nkids == 0 && o->nkids == 0) || npath >= 62)
			continue;
		path[npath] = k->text;
		{
			/* levels of the path printed so far; the child's own header
			 * is not on the path of its next sibling */
			int p = *printed;

			n += diff_rec(o, k, depth + 1, path, npath + 1, &p, out);
			*printed = p > npath ? npath : p;
		}
	}
	return n;
}

int
cfg_diff_print(const struct cnode *old, const struct cnode *new, struct strbuf *out)
{
	const char *path[64];
	int printed = 0, n;
	struct strbuf body = STRBUF_INIT;

	n = diff_rec(old, new, 0, path, 0, &printed, &body);
	if (n == 0)
		sb_adds(out, "!No changes were found\n");
	else {
		sb_adds(out, "!Contextual Config Diffs:\n");
		sb_add(out, body.s, body.len);
	}
	sb_free(&body);
	return n;
}

static void
put_path(struct strbuf *out, const char **path, int npath)
{
	for (int p = 0; p < npath; p++)
		put_line(out, p, 0, path[p]);
}

static void
script_rec(const struct cnode *cur, const struct cnode *tgt, const char **path, int npath,
    struct strbuf *out)
{
	/* what goes, then what changes inside, then what comes */
	for (int i = 0; i < cur->nkids; i++) {
		const struct cnode *k = &cur->kids[i];

		/* "no ip address" is what an unset command prints: it goes away
		 * by itself when the target sets one */
		if (find(tgt, k->text) || strncmp(k->text, "no ", 3) == 0)
			continue;
		put_path(out, path, npath);
		sb_pad(out, ' ', (size_t)npath);
		sb_adds(out, "no ");
		sb_adds(out, k->text);
		sb_addc(out, '\n');
	}
	for (int i = 0; i < tgt->nkids; i++) {
		const struct cnode *k = &tgt->kids[i], *c = find(cur, k->text);

		if (c == NULL || npath >= 62)
			continue;
		path[npath] = k->text;
		script_rec(c, k, path, npath + 1, out);
	}
	for (int i = 0; i < tgt->nkids; i++) {
		const struct cnode *k = &tgt->kids[i];

		if (find(cur, k->text))
			continue;
		put_path(out, path, npath);
		put_tree(out, k, npath, 0);
	}
}

void
cfg_diff_script(const struct cnode *cur, const struct cnode *target, struct strbuf *out)
{
	const char *path[64];

	script_rec(cur, target, path, 0, out);
}
