/*
 * topo_int.h — what topo.c and topo_links.c share while they walk one
 * topology file.  Private to the topology reader.
 */
#ifndef PMIPLAB_TOPO_INT_H
#define PMIPLAB_TOPO_INT_H

#include <stdbool.h>

#include "lab/topo.h"
#include "lab/ytree.h"
#include "strbuf.h"

struct topo_ctx {
	const char *path;
	char *dir;		/* absolute directory of the file */
	struct strbuf *errs;
	int n;			/* problems so far */
	const char *lab;	/* the lab name, "" while unknown */
	struct ynode *defaults, *kinds, *groups;
};

/* Adds "FILE:LINE: message" to the problems. */
void topo_problem(struct topo_ctx *c, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
bool topo_in_list(const char *const *list, const char *s);
/* A problem for each key of map that is not in allowed. */
void topo_check_keys(struct topo_ctx *c, const struct ynode *map, const char *const *allowed, const char *where);
/* The single value of key in map, NULL when absent or not a single value
 * (a problem then); the value node in *vp when vp is not NULL. */
const char *topo_get_scalar(struct topo_ctx *c, const struct ynode *map, const char *key, const char *where,
    struct ynode **vp);

/* Checks topology.links and adds the good links to t (topo_links.c). */
void topo_links_load(struct topo_ctx *c, struct ynode *links, struct topo *t);

#endif
