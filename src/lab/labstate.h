/*
 * labstate.h — what pmiplab remembers about a running lab, in
 * LAB_RUNDIR/LAB/state, so that down, status, exec and console work without
 * the topology file (which may have changed or gone).
 *
 * up records each namespace, link and pmipd pid before it makes or starts
 * it: a lab that failed half-way, or whose pmiplab
 * was killed, is still fully described.
 */
#ifndef PMIPLAB_LABSTATE_H
#define PMIPLAB_LABSTATE_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

struct lab_node {
	char *name;
	char *ns;		/* network namespace */
	char *kind;
	bool router;
	pid_t pid;		/* pmipd, 0 when none was started */
};

struct lab_link {
	char *a, *b;		/* "node:ifname" */
};

struct lab {
	char *name;
	char *file;		/* the topology it came from, "" when unknown */
	struct lab_node *node;
	size_t nnodes;
	struct lab_link *link;
	size_t nlinks;
	FILE *rec;		/* the state file, while up writes it */
};

/* LAB_RUNDIR/lab and LAB_RUNDIR/lab/node; the caller frees them. */
char *lab_dir(const char *lab);
char *lab_node_dir(const char *lab, const char *node);

/*
 * Claims the lab: makes its directory and state file.  NULL with the
 * reason in why when it exists already (the lab is up) or cannot be made.
 */
struct lab *lab_create(const char *name, const char *file, char *why, size_t whylen);

/* Records, written through at once (see above).  -1 when the write fails. */
int lab_record_node(struct lab *l, const char *node, const char *ns, const char *kind, bool router);
int lab_record_pid(struct lab *l, const char *node, pid_t pid);
int lab_record_link(struct lab *l, const char *a, const char *b);

/* The state of lab; NULL with the reason in why when it is not up. */
struct lab *lab_read(const char *name, char *why, size_t whylen);
void lab_free(struct lab *l);

/* The names of the labs that have state, sorted; *n of them.  Caller frees
 * each and the array. */
char **lab_list(size_t *n);

/*
 * The lab and node named by spec: "LAB/NODE", or "NODE" when exactly one
 * lab has a node of that name.  NULL with the reason in why otherwise.
 */
struct lab *lab_find(const char *spec, struct lab_node **np, char *why, size_t whylen);

/* Removes LAB_RUNDIR/lab and all in it. -1 with why on failure. */
int lab_remove(const char *name, char *why, size_t whylen);

/* The saved configurations of lab (LAB_SAVEDIR or $PMIPLAB_SAVEDIR, then
 * /lab) and the startup-config file of one router in it; the caller frees
 * them. */
char *lab_saved_dir(const char *lab);
char *lab_saved_config(const char *lab, const char *node);
/* Removes what lab_saved_dir holds (down --cleanup).  -1 with why. */
int lab_remove_saved(const char *name, char *why, size_t whylen);

/* A node's environment ("KEY=VALUE" entries), kept beside its state. */
int lab_write_env(const char *lab, const char *node, char *const *env, size_t nenv);
char **lab_read_env(const char *lab, const char *node, size_t *n);

#endif
