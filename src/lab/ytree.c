/*
 * ytree.c — YAML file to line-numbered tree (see ytree.h).  Called by the
 * topology reader of pmiplab.
 *
 * libyaml's event parser drives a recursive descent.  An anchor is
 * registered only once its node is complete, so an alias can never refer to
 * a node that contains it and the tree stays acyclic (a shared node is
 * allowed: every node is also on the "all" list, which is what is freed).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "lab/xalloc.h"
#include "lab/ytree.h"

/* deeper than any topology file; keeps hostile input off the C stack */
#define MAX_DEPTH 64

struct anchor {
	char *name;
	struct ynode *node;
};

struct loader {
	const char *path;
	yaml_parser_t parser;
	struct ytree *tree;
	struct strbuf *errs;
	int *nproblems;
	bool failed;
	struct anchor *anchors;
	size_t nanchors;
};

static struct ynode *
node_new(struct loader *L, enum ytype type, const yaml_mark_t *mark)
{
	struct ynode *n = xcalloc(1, sizeof(*n));

	n->type = type;
	n->line = (int)mark->line + 1;
	n->all = L->tree->all;
	L->tree->all = n;
	return n;
}

static void
node_append(struct ynode *n, struct ynode *child)
{
	/* grow in powers of two: lists in topologies are short */
	if ((n->nitem & (n->nitem - 1)) == 0) {
		size_t cap = n->nitem ? n->nitem * 2 : 1;

		n->item = xrealloc(n->item, cap, sizeof(*n->item));
	}
	n->item[n->nitem++] = child;
	n->n = n->type == Y_MAP ? n->nitem / 2 : n->nitem;
}

static void
parse_error(struct loader *L)
{
	yaml_parser_t *p = &L->parser;

	if (L->failed)
		return;
	L->failed = true;
	if (p->error == YAML_READER_ERROR)
		sb_printf(L->errs, "%s:%d: %s\n", L->path, (int)p->problem_mark.line + 1,
		    p->problem ? p->problem : "cannot read the file");
	else if (p->context)
		sb_printf(L->errs, "%s:%d: %s %s (line %d)\n", L->path, (int)p->problem_mark.line + 1,
		    p->problem ? p->problem : "YAML error", p->context, (int)p->context_mark.line + 1);
	else
		sb_printf(L->errs, "%s:%d: %s\n", L->path, (int)p->problem_mark.line + 1,
		    p->problem ? p->problem : "YAML error");
}

static void
fail_at(struct loader *L, const yaml_mark_t *mark, const char *msg)
{
	if (L->failed)
		return;
	L->failed = true;
	sb_printf(L->errs, "%s:%d: %s\n", L->path, (int)mark->line + 1, msg);
}

static bool
next_event(struct loader *L, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&L->parser, ev)) {
		parse_error(L);
		return false;
	}
	return true;
}

static void
anchor_add(struct loader *L, const yaml_char_t *name, struct ynode *n)
{
	if (name == NULL)
		return;
	/* a redefined anchor hides the earlier one from here on */
	L->anchors = xrealloc(L->anchors, L->nanchors + 1, sizeof(*L->anchors));
	L->anchors[L->nanchors].name = xstrdup((const char *)name);
	L->anchors[L->nanchors].node = n;
	L->nanchors++;
}

static struct ynode *
anchor_find(struct loader *L, const yaml_char_t *name)
{
	for (size_t i = L->nanchors; i-- > 0;)
		if (strcmp(L->anchors[i].name, (const char *)name) == 0)
			return L->anchors[i].node;
	return NULL;
}

static bool
is_null(const yaml_event_t *ev)
{
	const char *v = (const char *)ev->data.scalar.value;

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	return *v == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	    strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0;
}

static void
map_add(struct loader *L, struct ynode *map, struct ynode *key, struct ynode *value)
{
	if (key->type == Y_SCALAR && strcmp(key->str, "<<") != 0)
		for (size_t i = 0; i < map->n; i++) {
			struct ynode *k = map->item[2 * i];

			if (k->type == Y_SCALAR && strcmp(k->str, key->str) == 0) {
				sb_printf(L->errs, "%s:%d: duplicate key '%s' (first at line %d)\n",
				    L->path, key->line, key->str, k->line);
				(*L->nproblems)++;
				break;
			}
		}
	node_append(map, key);
	node_append(map, value);
}

/* Builds the node that starts with ev (owned by the caller) and consumes
 * the events up to its end. */
static struct ynode *
load_node(struct loader *L, yaml_event_t *ev, int depth)
{
	struct ynode *n, *k, *v;
	yaml_event_t e;

	if (depth > MAX_DEPTH) {
		fail_at(L, &ev->start_mark, "nesting too deep");
		return NULL;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		n = anchor_find(L, ev->data.alias.anchor);
		if (n == NULL) {
			char msg[200];

			snprintf(msg, sizeof(msg), "unknown alias '*%.100s'", (const char *)ev->data.alias.anchor);
			fail_at(L, &ev->start_mark, msg);
		}
		return n;
	case YAML_SCALAR_EVENT:
		n = node_new(L, is_null(ev) ? Y_NULL : Y_SCALAR, &ev->start_mark);
		n->str = xstrdup((const char *)ev->data.scalar.value);
		anchor_add(L, ev->data.scalar.anchor, n);
		return n;
	case YAML_SEQUENCE_START_EVENT:
		n = node_new(L, Y_SEQ, &ev->start_mark);
		for (;;) {
			if (!next_event(L, &e))
				return NULL;
			if (e.type == YAML_SEQUENCE_END_EVENT) {
				yaml_event_delete(&e);
				break;
			}
			v = load_node(L, &e, depth + 1);
			yaml_event_delete(&e);
			if (v == NULL)
				return NULL;
			node_append(n, v);
		}
		anchor_add(L, ev->data.sequence_start.anchor, n);
		return n;
	case YAML_MAPPING_START_EVENT:
		n = node_new(L, Y_MAP, &ev->start_mark);
		for (;;) {
			if (!next_event(L, &e))
				return NULL;
			if (e.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&e);
				break;
			}
			k = load_node(L, &e, depth + 1);
			yaml_event_delete(&e);
			if (k == NULL)
				return NULL;
			if (!next_event(L, &e))
				return NULL;
			v = load_node(L, &e, depth + 1);
			yaml_event_delete(&e);
			if (v == NULL)
				return NULL;
			map_add(L, n, k, v);
		}
		anchor_add(L, ev->data.mapping_start.anchor, n);
		return n;
	default:
		fail_at(L, &ev->start_mark, "unexpected YAML event");
		return NULL;
	}
}

static void
load_stream(struct loader *L)
{
	yaml_event_t e;
	int docs = 0;

	for (;;) {
		if (!next_event(L, &e))
			return;
		switch (e.type) {
		case YAML_STREAM_END_EVENT:
			yaml_event_delete(&e);
			return;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				fail_at(L, &e.start_mark, "more than one YAML document in the file");
				yaml_event_delete(&e);
				return;
			}
			break;
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			break;
		default:
			L->tree->root = load_node(L, &e, 0);
			break;
		}
		yaml_event_delete(&e);
		if (L->failed)
			return;
	}
}

struct ytree *
ytree_load(const char *path, struct strbuf *errs, int *nproblems)
{
	struct loader L;
	FILE *f;

	memset(&L, 0, sizeof(L));
	f = fopen(path, "rb");
	if (f == NULL) {
		sb_printf(errs, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	L.path = path;
	L.errs = errs;
	L.nproblems = nproblems;
	L.tree = xcalloc(1, sizeof(*L.tree));
	if (!yaml_parser_initialize(&L.parser))
		abort();
	yaml_parser_set_input_file(&L.parser, f);
	load_stream(&L);
	yaml_parser_delete(&L.parser);
	fclose(f);
	for (size_t i = 0; i < L.nanchors; i++)
		free(L.anchors[i].name);
	free(L.anchors);
	if (L.failed) {
		ytree_free(L.tree);
		return NULL;
	}
	return L.tree;
}

void
ytree_free(struct ytree *t)
{
	struct ynode *n, *next;

	if (t == NULL)
		return;
	for (n = t->all; n != NULL; n = next) {
		next = n->all;
		free(n->str);
		free(n->item);
		free(n);
	}
	free(t);
}

static struct ynode *
get_depth(const struct ynode *map, const char *key, struct ynode **keyp, int depth)
{
	struct ynode *merge = NULL, *v;

	if (map == NULL || map->type != Y_MAP || depth > MAX_DEPTH)
		return NULL;
	for (size_t i = 0; i < map->n; i++) {
		struct ynode *k = map->item[2 * i];

		if (k->type != Y_SCALAR)
			continue;
		if (strcmp(k->str, key) == 0) {
			if (keyp)
				*keyp = k;
			return map->item[2 * i + 1];
		}
		if (strcmp(k->str, "<<") == 0 && merge == NULL)
			merge = map->item[2 * i + 1];
	}
	if (merge == NULL)
		return NULL;
	/* "<<: *a" or "<<: [*a, *b]", the first listed map winning */
	if (merge->type == Y_MAP)
		return get_depth(merge, key, keyp, depth + 1);
	if (merge->type == Y_SEQ)
		for (size_t i = 0; i < merge->n; i++)
			if ((v = get_depth(merge->item[i], key, keyp, depth + 1)) != NULL)
				return v;
	return NULL;
}

struct ynode *
ytree_get(const struct ynode *map, const char *key, struct ynode **keyp)
{
	return get_depth(map, key, keyp, 0);
}

const char *
ytree_what(const struct ynode *n)
{
	switch (n->type) {
	case Y_NULL: return "empty";
	case Y_SCALAR: return "a single value";
	case Y_MAP: return "a mapping";
	case Y_SEQ: return "a list";
	}
	return "?";
}
