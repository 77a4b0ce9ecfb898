/*
 * ytree.h — a YAML file as a small tree whose every node knows its line,
 * so that pmiplab can report each problem of a topology as FILE:LINE.
 * Built with libyaml; anchors and aliases are resolved (an alias shares the
 * anchored node), and the merge key "<<" is honoured by ytree_get().
 */
#ifndef PMIPLAB_YTREE_H
#define PMIPLAB_YTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

enum ytype {
	Y_NULL,			/* empty, ~ or null (plain) */
	Y_SCALAR,
	Y_MAP,
	Y_SEQ,
};

struct ynode {
	enum ytype type;
	int line;		/* 1-based line where the node starts */
	char *str;		/* Y_SCALAR: the value; Y_NULL: the text as written */
	/* Y_SEQ: n items; Y_MAP: n pairs, item[2i] the key, item[2i+1] the value */
	struct ynode **item;
	size_t n;
	size_t nitem;		/* entries in item */
	struct ynode *all;	/* every node of the document, for ytree_free */
};

struct ytree {
	struct ynode *root;	/* NULL for an empty document */
	struct ynode *all;
};

/*
 * Reads and parses path.  On a YAML error returns NULL and appends
 * "path:line: message" lines to errs.  Problems that do not stop the parse
 * (duplicate keys) are appended to errs too, and counted in *nproblems.
 * The caller frees the tree with ytree_free().
 */
struct ytree *ytree_load(const char *path, struct strbuf *errs, int *nproblems);
void ytree_free(struct ytree *t);

/* The value of key in map (following "<<" merges), or NULL; the key node
 * itself in *keyp when keyp is not NULL. */
struct ynode *ytree_get(const struct ynode *map, const char *key, struct ynode **keyp);

/* A short name of the node's type for messages: "a mapping", "a list"... */
const char *ytree_what(const struct ynode *n);

#endif
