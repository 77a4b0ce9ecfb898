/*
 * pmiplab.c — the lab runner: brings a containerlab topology up in network
 * namespaces on this machine, one pmipd per router node.
 *
 *   pmiplab up [--reset] FILE  pmiplab down [--cleanup] FILE|LAB
 *   pmiplab status [FILE|LAB]  pmiplab console NODE
 *   pmiplab exec NODE CMD...   pmiplab check FILE
 *
 * This file reads the command line and does the commands that only look:
 * check, status, console, exec.  up and the teardown of down are in
 * labrun.c, the topology reader in topo.c, the lab's record in labstate.c.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lab/labrun.h"
#include "lab/labstate.h"
#include "lab/netns.h"
#include "lab/spawn.h"
#include "lab/topo.h"
#include "lab/xalloc.h"

#define WHY 1024

static void
usage(void)
{
	fprintf(stderr,
	    "usage: pmiplab up [--reset] FILE\n"
	    "       pmiplab down [--cleanup] FILE|LAB\n"
	    "       pmiplab status [FILE|LAB]\n"
	    "       pmiplab console NODE|LAB/NODE\n"
	    "       pmiplab exec NODE|LAB/NODE COMMAND [ARG]...\n"
	    "       pmiplab check FILE\n");
	exit(2);
}

static bool
is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The lab an argument names: a topology file's name:, or a lab name. */
static char *
lab_name_of(const char *arg)
{
	struct strbuf errs = STRBUF_INIT;
	char *name;

	if (!is_file(arg)) {
		if (topo_lab_name_ok(arg))
			return xstrdup(arg);
		lab_error("%s is neither a topology file nor a lab name", arg);
		return NULL;
	}
	name = topo_read_name(arg, &errs);
	if (name == NULL)
		fprintf(stderr, "%spmiplab: cannot tell the lab of %s; give its name instead\n",
		    errs.s ? errs.s : "", arg);
	sb_free(&errs);
	return name;
}

/* ---- down, status ------------------------------------------------------ */

static int
cmd_down(const char *arg, bool cleanup)
{
	char why[WHY] = "", *name = lab_name_of(arg);
	struct lab *l;
	int rc;

	if (name == NULL)
		return 1;
	if (cleanup && lab_remove_saved(name, why, sizeof(why)) < 0) {
		lab_error("%s", why);
		free(name);
		return 1;
	}
	if (netns_init(why, sizeof(why)) < 0) {
		lab_error("%s", why);
		free(name);
		return 1;
	}
	l = lab_read(name, why, sizeof(why));
	if (l == NULL) {
		fprintf(stderr, "pmiplab: %s; nothing to remove\n", why);
		free(name);
		return 0;
	}
	rc = labrun_teardown(l);
	if (rc == 0)
		printf("lab %s is down\n", name);
	lab_free(l);
	free(name);
	return rc < 0 ? 1 : 0;
}

static size_t
width(size_t w, const char *s)
{
	size_t n = strlen(s);

	return n > w ? n : w;
}

/* Prints one lab; false when something of it is missing or dead. */
static bool
status_lab(const struct lab *l)
{
	size_t wn = strlen("NODE"), wk = strlen("KIND"), ws = strlen("NAMESPACE");
	bool ok = true;

	printf("lab %s (%s)\n", l->name, *l->file ? l->file : "topology unknown");
	for (size_t i = 0; i < l->nnodes; i++) {
		wn = width(wn, l->node[i].name);
		wk = width(wk, l->node[i].kind);
		ws = width(ws, l->node[i].ns) + (netns_exists(l->node[i].ns) ? 0 : strlen(" (missing)"));
	}
	printf("  %-*s  %-*s  %-*s  %s\n", (int)wn, "NODE", (int)wk, "KIND", (int)ws, "NAMESPACE", "PMIPD");
	for (size_t i = 0; i < l->nnodes; i++) {
		const struct lab_node *n = &l->node[i];
		bool there = netns_exists(n->ns);
		char ns[512], pmipd[64];

		snprintf(ns, sizeof(ns), "%s%s", n->ns, there ? "" : " (missing)");
		if (!n->router)
			snprintf(pmipd, sizeof(pmipd), "-");
		else if (n->pid <= 0)
			snprintf(pmipd, sizeof(pmipd), "not started");
		else
			snprintf(pmipd, sizeof(pmipd), "%d %s", (int)n->pid, labrun_pmipd_alive(l, n) ? "alive" : "dead");
		if (!there || (n->router && (n->pid <= 0 || !labrun_pmipd_alive(l, n))))
			ok = false;
		printf("  %-*s  %-*s  %-*s  %s\n", (int)wn, n->name, (int)wk, n->kind, (int)ws, ns, pmipd);
	}
	if (l->nlinks > 0)
		printf("  LINKS\n");
	for (size_t i = 0; i < l->nlinks; i++) {
		const char *end[2] = { l->link[i].a, l->link[i].b };
		char *state[2];

		for (int e = 0; e < 2; e++) {
			const char *colon = strchr(end[e], ':');
			char *node = xstrndup(end[e], colon ? (size_t)(colon - end[e]) : strlen(end[e]));
			char *ns = topo_netns_name(l->name, node);

			state[e] = colon ? netns_link_state(ns, colon + 1) : NULL;
			if (state[e] == NULL)
				ok = false;
			free(ns);
			free(node);
		}
		printf("  %s -- %s  %s/%s\n", end[0], end[1], state[0] ? state[0] : "missing",
		    state[1] ? state[1] : "missing");
		free(state[0]);
		free(state[1]);
	}
	return ok;
}

static int
cmd_status(const char *arg)
{
	char why[WHY] = "";
	char **names = NULL;
	size_t n = 0;
	bool ok = true;

	if (netns_init(why, sizeof(why)) < 0) {
		lab_error("%s", why);
		return 1;
	}
	if (arg != NULL) {
		char *name = lab_name_of(arg);

		if (name == NULL)
			return 1;
		names = xcalloc(1, sizeof(*names));
		names[n++] = name;
	} else
		names = lab_list(&n);
	if (n == 0)
		printf("no lab is up\n");
	for (size_t i = 0; i < n; i++) {
		struct lab *l = lab_read(names[i], why, sizeof(why));

		if (l == NULL) {
			lab_error("%s", why);
			ok = false;
		} else {
			if (i > 0)
				putchar('\n');
			if (!status_lab(l))
				ok = false;
			lab_free(l);
		}
		free(names[i]);
	}
	free(names);
	return ok ? 0 : 1;
}

/* ---- console, exec ----------------------------------------------------- */

/* Puts the node's environment into ours, and pmiplab's own directory
 * first in PATH when pmipsh is there (a build tree, say). */
static void
env_apply(const struct lab *l, const struct lab_node *n)
{
	char **env, *self = spawn_self_dir(), *pmipsh;
	size_t nenv;

	env = lab_read_env(l->name, n->name, &nenv);
	for (size_t i = 0; i < nenv; i++)
		putenv(env[i]);	/* the environment keeps the strings */
	free(env);
	pmipsh = self ? spawn_find("pmipsh", true, NULL) : NULL;
	if (pmipsh != NULL && strncmp(pmipsh, self, strlen(self)) == 0 && pmipsh[strlen(self)] == '/') {
		const char *path = getenv("PATH");
		char *p = xasprintf("%s%s%s", self, path ? ":" : "", path ? path : "");

		setenv("PATH", p, 1);
		free(p);
	}
	free(pmipsh);
	free(self);
}

static int
cmd_console(const char *spec)
{
	char why[WHY] = "";
	struct lab_node *n;
	struct lab *l = lab_find(spec, &n, why, sizeof(why));

	if (l == NULL) {
		lab_error("%s", why);
		return 1;
	}
	if (n->router) {
		char *pmipsh = spawn_find("pmipsh", true, NULL);
		char *sock = xasprintf("%s/%s/%s/pmipd.sock", LAB_RUNDIR, l->name, n->name);

		if (pmipsh == NULL)
			lab_error("cannot find pmipsh next to pmiplab or in PATH");
		else {
			if (!labrun_pmipd_alive(l, n))
				lab_error("warning: the pmipd of node %s is not running", n->name);
			signal(SIGPIPE, SIG_DFL);
			execl(pmipsh, "pmipsh", "-s", sock, (char *)NULL);
			lab_error("cannot run %s: %s", pmipsh, strerror(errno));
		}
		free(pmipsh);
		free(sock);
		lab_free(l);
		return 1;
	}
	if (!netns_exists(n->ns))
		lab_error("network namespace %s of node %s does not exist", n->ns, n->name);
	else if (netns_init(why, sizeof(why)) < 0)
		lab_error("%s", why);
	else {
		const char *shell = getenv("SHELL");

		if (shell == NULL || *shell != '/')
			shell = "/bin/sh";
		env_apply(l, n);
		signal(SIGPIPE, SIG_DFL);
		execl(netns_ip(), "ip", "netns", "exec", n->ns, shell, (char *)NULL);
		lab_error("cannot run %s: %s", netns_ip(), strerror(errno));
	}
	lab_free(l);
	return 1;
}

static int
cmd_exec(const char *spec, char **cmd, int ncmd)
{
	char why[WHY] = "";
	struct lab_node *n;
	struct lab *l = lab_find(spec, &n, why, sizeof(why));
	char **argv;

	if (l == NULL) {
		lab_error("%s", why);
		return 1;
	}
	if (!netns_exists(n->ns)) {
		lab_error("network namespace %s of node %s does not exist", n->ns, n->name);
		lab_free(l);
		return 1;
	}
	if (netns_init(why, sizeof(why)) < 0) {
		lab_error("%s", why);
		lab_free(l);
		return 1;
	}
	env_apply(l, n);
	argv = xcalloc((size_t)ncmd + 5, sizeof(*argv));
	argv[0] = "ip";
	argv[1] = "netns";
	argv[2] = "exec";
	argv[3] = n->ns;
	memcpy(argv + 4, cmd, (size_t)ncmd * sizeof(*argv));
	fflush(NULL);
	signal(SIGPIPE, SIG_DFL);
	execv(netns_ip(), argv);
	lab_error("cannot run %s: %s", netns_ip(), strerror(errno));
	free(argv);
	lab_free(l);
	return 1;
}

/* ---- check ------------------------------------------------------------- */

static int
cmd_check(const char *path)
{
	struct strbuf errs = STRBUF_INIT;
	struct topo *t;
	size_t routers = 0;
	int n = topo_load(path, &t, &errs);

	if (n != 0) {
		fputs(errs.s ? errs.s : "", stdout);
		sb_free(&errs);
		return 1;
	}
	for (size_t i = 0; i < t->nnodes; i++)
		routers += t->node[i].router;
	printf("%s: lab %s: %zu nodes (%zu routers), %zu links: ok\n", path, t->name, t->nnodes, routers,
	    t->nlinks);
	sb_free(&errs);
	topo_free(t);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *cmd;

	if (argc < 2)
		usage();
	cmd = argv[1];
	/* exec lines and pmipd get the default; pmiplab itself must not die
	 * half-way on a closed pipe */
	signal(SIGPIPE, SIG_IGN);
	if (strcmp(cmd, "up") == 0 && argc == 3)
		return labrun_up(argv[2], false);
	if (strcmp(cmd, "up") == 0 && argc == 4 && strcmp(argv[2], "--reset") == 0)
		return labrun_up(argv[3], true);
	if (strcmp(cmd, "down") == 0 && argc == 3)
		return cmd_down(argv[2], false);
	if (strcmp(cmd, "down") == 0 && argc == 4 && strcmp(argv[2], "--cleanup") == 0)
		return cmd_down(argv[3], true);
	if (strcmp(cmd, "status") == 0 && argc <= 3)
		return cmd_status(argc == 3 ? argv[2] : NULL);
	if (strcmp(cmd, "console") == 0 && argc == 3)
		return cmd_console(argv[2]);
	if (strcmp(cmd, "exec") == 0 && argc >= 4)
		return cmd_exec(argv[2], argv + 3, argc - 3);
	if (strcmp(cmd, "check") == 0 && argc == 3)
		return cmd_check(argv[2]);
	usage();
}
