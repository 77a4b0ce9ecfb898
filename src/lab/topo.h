/*
 * topo.h — a containerlab topology file, read and checked for pmiplab.
 *
 * topo_load() walks the whole file and reports every problem it finds as
 * "FILE:LINE: message"; only a file without problems yields a struct topo,
 * in which the levels topology.defaults, topology.kinds.KIND and
 * topology.groups.GROUP are already merged under each node, containerlab's
 * magic variables are replaced, paths are resolved against the file's
 * directory and interface names are Linux names (IOL aliases mapped).
 */
#ifndef PMIPLAB_TOPO_H
#define PMIPLAB_TOPO_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* where a running lab keeps its state: RUNDIR/LAB, RUNDIR/LAB/NODE */
#define LAB_RUNDIR "/run/pmiplab"
/* where a lab's routers keep what write memory saved, across down and up:
 * SAVEDIR/LAB/NODE/startup-config ($PMIPLAB_SAVEDIR overrides it) */
#define LAB_SAVEDIR "/var/lib/pmiplab"

struct topo_node {
	char *name;
	int line;
	char *kind;
	char *image;		/* NULL when none is given */
	bool router;		/* runs pmipd */
	char *startup;		/* a router's startup-config (resolved path), or NULL */
	char **exec;		/* exec: lines, in order */
	size_t nexec;
	char **env;		/* "KEY=VALUE", merged from every level */
	size_t nenv;
	int nintfs;		/* link endpoints on this node: containerlab's CLAB_INTFS */
};

struct topo_end {
	size_t node;		/* index in topo.node */
	char ifname[IFNAMSIZ];	/* Linux name inside the node */
	char mac[18];		/* "" for a kernel-chosen address */
};

struct topo_link {
	struct topo_end end[2];
	int mtu;		/* 0 for the kernel default */
	int line;
};

struct topo {
	char *path;		/* as given */
	char *name;		/* the lab: name: */
	struct topo_node *node;
	size_t nnodes;
	struct topo_link *link;
	size_t nlinks;
};

/*
 * Reads and checks path without touching the system (it only looks at the
 * files the topology names).  Returns the number of problems, each written
 * to errs; *out gets the topology (free with topo_free) only when there
 * are none.
 */
int topo_load(const char *path, struct topo **out, struct strbuf *errs);
void topo_free(struct topo *t);

/*
 * Only the lab name of path, for "down" when the rest of the file may have
 * changed.  NULL (and a message in errs) when it cannot be read.  The
 * caller frees the result.
 */
char *topo_read_name(const char *path, struct strbuf *errs);

/* Is s a valid lab name (containerlab's pattern)? */
bool topo_lab_name_ok(const char *s);

/* The network namespace of node in lab: "LAB-NODE".  Caller frees. */
char *topo_netns_name(const char *lab, const char *node);

#endif
