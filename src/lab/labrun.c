/*
 * labrun.c — "pmiplab up" and the teardown behind "down" (see labrun.h).
 *
 * up goes in the order containerlab does: namespaces, then links, then the
 * routers' pmipd, then the exec lines.  Every step is recorded (labstate.c)
 * before it is taken, and any failure ends in labrun_teardown() from that
 * record, so a failed up leaves nothing.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lab/labrun.h"
#include "lab/netns.h"
#include "lab/spawn.h"
#include "lab/topo.h"
#include "lab/xalloc.h"

/* how long a pmipd may take to open its socket */
#define PMIPD_START_MS 10000
/* how long pmipd may take to exit on SIGTERM, then on SIGKILL */
#define PMIPD_STOP_MS 5000
#define PMIPD_KILL_MS 2000
/* an exec line is a set-up step, not a service */
#define EXEC_LINE_MS 60000

#define WHY 1024

struct pid_record {
	struct lab *l;
	const char *node;
};

/* ---- pmipd processes --------------------------------------------------- */

/* Is pid still the pmipd that pmiplab started for node dir?  A pid can be
 * reused: only a process whose command line is "pmipd ... -d DIR ..." is. */
static bool
pmipd_is_ours(pid_t pid, const char *dir)
{
	char path[64], buf[8192];
	const char *arg0, *base;
	bool ours = false;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", (int)pid);
	f = fopen(path, "re");
	if (f == NULL)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	arg0 = buf;
	base = strrchr(arg0, '/');
	base = base ? base + 1 : arg0;
	if (n == 0 || strcmp(base, "pmipd") != 0)
		return false;
	for (const char *a = buf; a < buf + n; a += strlen(a) + 1)
		if (strcmp(a, "-d") == 0 && a + strlen(a) + 1 < buf + n && strcmp(a + strlen(a) + 1, dir) == 0)
			ours = true;
	return ours;
}

/* Has pid gone?  A zombie counts as gone; one that is our own child (a
 * failed up tearing down) is reaped here. */
static bool
pid_gone(pid_t pid)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	waitpid(pid, NULL, WNOHANG);
	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "re");
	if (f == NULL)
		return true;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	p = strrchr(buf, ')');
	return p == NULL || (p[1] == ' ' && (p[2] == 'Z' || p[2] == 'X'));
}

bool
labrun_pmipd_alive(const struct lab *l, const struct lab_node *n)
{
	char *dir;
	bool alive;

	if (n->pid <= 0)
		return false;
	dir = lab_node_dir(l->name, n->name);
	alive = !pid_gone(n->pid) && pmipd_is_ours(n->pid, dir);
	free(dir);
	return alive;
}

/* Stops the lab's pmipd processes; 0 when none is left. */
static int
pmipd_stop_all(const struct lab *l)
{
	pid_t *wait = xcalloc(l->nnodes + 1, sizeof(*wait));
	size_t nwait = 0;
	long long deadline;
	int rc = 0;

	for (size_t i = 0; i < l->nnodes; i++) {
		const struct lab_node *n = &l->node[i];

		if (n->pid <= 0 || pid_gone(n->pid))
			continue;
		if (!labrun_pmipd_alive(l, n)) {
			fprintf(stderr, "pmiplab: pid %d of node %s is no longer its pmipd; left alone\n",
			    (int)n->pid, n->name);
			continue;
		}
		if (kill(n->pid, SIGTERM) == 0)
			wait[nwait++] = n->pid;
	}
	deadline = spawn_now_ms() + PMIPD_STOP_MS;
	for (int pass = 0; pass < 2; pass++) {
		for (;;) {
			size_t left = 0;

			for (size_t i = 0; i < nwait; i++)
				if (wait[i] > 0 && pid_gone(wait[i]))
					wait[i] = 0;
				else if (wait[i] > 0)
					left++;
			if (left == 0 || spawn_now_ms() > deadline)
				break;
			spawn_sleep_ms(20);
		}
		if (pass == 1)
			break;
		/* SIGTERM was not enough */
		for (size_t i = 0; i < nwait; i++)
			if (wait[i] > 0)
				kill(wait[i], SIGKILL);
		deadline = spawn_now_ms() + PMIPD_KILL_MS;
	}
	for (size_t i = 0; i < nwait; i++)
		if (wait[i] > 0) {
			lab_error("pmipd pid %d did not exit even on SIGKILL", (int)wait[i]);
			rc = -1;
		}
	free(wait);
	return rc;
}

/* Removes everything the lab's state names: pmipd processes, namespaces
 * (and with them the veth pairs), the state directory. */
int
labrun_teardown(struct lab *l)
{
	char why[WHY];
	int rc = 0;

	/* a second ^C must not leave half a lab: every step here is bounded */
	spawn_ignore_signals();
	if (pmipd_stop_all(l) < 0)
		rc = -1;
	for (size_t i = 0; i < l->nnodes; i++) {
		const struct lab_node *n = &l->node[i];
		pid_t *pids;
		size_t np;

		if (!netns_exists(n->ns))
			continue;
		/* pmiplab kills only what it started as pmipd; say what else is there */
		np = netns_pids(n->ns, &pids);
		if (np > 0) {
			fprintf(stderr, "pmiplab: namespace %s still has processes (not pmipd) that keep it "
			    "alive; left running:", n->ns);
			for (size_t j = 0; j < np; j++)
				fprintf(stderr, " %d", (int)pids[j]);
			fputc('\n', stderr);
		}
		free(pids);
		if (netns_del(n->ns, why, sizeof(why)) < 0) {
			lab_error("%s", why);
			rc = -1;
		}
	}
	if (rc == 0 && lab_remove(l->name, why, sizeof(why)) < 0) {
		lab_error("%s", why);
		rc = -1;
	}
	return rc;
}

/* ---- up ---------------------------------------------------------------- */

/* The environment of a node's processes: the topology's env, then
 * containerlab's CLAB_INTFS, and for a router the socket pmipsh finds. */
static char **
node_env(const struct topo *t, const struct topo_node *n, size_t *nenv)
{
	char **env = xcalloc(n->nenv + 3, sizeof(*env));
	size_t k = 0;

	for (size_t i = 0; i < n->nenv; i++)
		env[k++] = xstrdup(n->env[i]);
	env[k++] = xasprintf("CLAB_INTFS=%d", n->nintfs);
	if (n->router)
		env[k++] = xasprintf("PMIPSH_SOCKET=%s/%s/%s/pmipd.sock", LAB_RUNDIR, t->name, n->name);
	*nenv = k;
	return env;
}

static void
env_free(char **env, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(env[i]);
	free(env);
}

static int
up_nodes(const struct topo *t, struct lab *l)
{
	char why[WHY];

	for (size_t i = 0; i < t->nnodes; i++) {
		const struct topo_node *n = &t->node[i];
		char *ns = topo_netns_name(t->name, n->name), *dir = lab_node_dir(t->name, n->name);
		char **env;
		size_t nenv;
		int rc = 0;

		if (lab_record_node(l, n->name, ns, n->kind, n->router) < 0) {
			lab_error("cannot write the state of lab %s: %s", t->name, strerror(errno));
			rc = -1;
		} else if (mkdir(dir, 0755) < 0) {
			lab_error("cannot make %s: %s", dir, strerror(errno));
			rc = -1;
		} else if (netns_add(ns, why, sizeof(why)) < 0) {
			lab_error("node %s: %s", n->name, why);
			rc = -1;
		} else {
			env = node_env(t, n, &nenv);
			if (lab_write_env(t->name, n->name, env, nenv) < 0) {
				lab_error("cannot write %s/env: %s", dir, strerror(errno));
				rc = -1;
			}
			env_free(env, nenv);
		}
		free(ns);
		free(dir);
		if (rc < 0 || spawn_interrupted)
			return -1;
	}
	return 0;
}

static int
up_links(const struct topo *t, struct lab *l)
{
	char why[WHY];

	for (size_t i = 0; i < t->nlinks; i++) {
		const struct topo_link *k = &t->link[i];
		const struct topo_node *na = &t->node[k->end[0].node], *nb = &t->node[k->end[1].node];
		char *a = xasprintf("%s:%s", na->name, k->end[0].ifname);
		char *b = xasprintf("%s:%s", nb->name, k->end[1].ifname);
		char *nsa = topo_netns_name(t->name, na->name), *nsb = topo_netns_name(t->name, nb->name);
		int rc = 0;

		if (lab_record_link(l, a, b) < 0) {
			lab_error("cannot write the state of lab %s: %s", t->name, strerror(errno));
			rc = -1;
		} else if (netns_veth_add(nsa, k->end[0].ifname, k->end[0].mac, nsb, k->end[1].ifname,
		    k->end[1].mac, k->mtu, why, sizeof(why)) < 0) {
			lab_error("link %s -- %s (%s:%d): %s", a, b, t->path, k->line, why);
			rc = -1;
		}
		free(a);
		free(b);
		free(nsa);
		free(nsb);
		if (rc < 0 || spawn_interrupted)
			return -1;
	}
	return 0;
}

static void
show_log_tail(const char *path)
{
	char line[512];
	FILE *f = fopen(path, "re");
	long size;

	if (f == NULL)
		return;
	/* the end is what explains a failed start */
	if (fseek(f, 0, SEEK_END) == 0 && (size = ftell(f)) > 2048)
		fseek(f, size - 2048, SEEK_SET);
	else
		rewind(f);
	fprintf(stderr, "--- %s\n", path);
	while (fgets(line, sizeof(line), f))
		fputs(line, stderr);
	fclose(f);
}

/* the pid goes into the state before pmipd runs: down can always find it */
static int
record_pid(pid_t pid, void *arg)
{
	struct pid_record *r = arg;

	return lab_record_pid(r->l, r->node, pid);
}

static int
mkdir_p(const char *path)
{
	char *p = xstrdup(path);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return mkdir(path, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

/* copies from to to, by way of to.new: to is whole or not there */
static int
copy_file(const char *from, const char *to, char *why, size_t whylen)
{
	char *tmp = xasprintf("%s.new", to), buf[65536];
	FILE *in = fopen(from, "re"), *out = NULL;
	size_t n;
	int rc = -1;

	if (in == NULL) {
		snprintf(why, whylen, "%s: %s", from, strerror(errno));
		goto done;
	}
	out = fopen(tmp, "we");
	if (out == NULL) {
		snprintf(why, whylen, "%s: %s", tmp, strerror(errno));
		goto done;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			break;
	if (ferror(in) || fflush(out) != 0 || fsync(fileno(out)) != 0) {
		snprintf(why, whylen, "copying %s to %s: %s", from, tmp, strerror(errno));
		goto done;
	}
	if (rename(tmp, to) < 0) {
		snprintf(why, whylen, "%s: %s", to, strerror(errno));
		goto done;
	}
	rc = 0;
done:
	if (in)
		fclose(in);
	if (out)
		fclose(out);
	if (rc < 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

/*
 * The file the router's pmipd runs on (-C): the node's saved
 * startup-config.  The topology's own file is copied there on the first up
 * and on up --reset, so write memory never changes the topology's files and
 * what was saved survives down and up.  NULL after saying why.
 */
static char *
node_config(const struct topo *t, const struct topo_node *n, bool reset)
{
	char *path = lab_saved_config(t->name, n->name), *dir = xstrdup(path), why[WHY];
	struct stat st;

	*strrchr(dir, '/') = '\0';
	if (mkdir_p(dir) < 0) {
		lab_error("node %s: cannot make %s: %s", n->name, dir, strerror(errno));
		goto fail;
	}
	if (!reset && stat(path, &st) == 0) {
		printf("node %s: runs the configuration it saved before (%s); up --reset starts "
		    "from the topology's\n", n->name, path);
		free(dir);
		return path;
	}
	if (n->startup == NULL) {
		if (unlink(path) < 0 && errno != ENOENT) {
			lab_error("node %s: cannot remove %s: %s", n->name, path, strerror(errno));
			goto fail;
		}
	} else if (copy_file(n->startup, path, why, sizeof(why)) < 0) {
		lab_error("node %s: %s", n->name, why);
		goto fail;
	}
	free(dir);
	return path;
fail:
	free(dir);
	free(path);
	return NULL;
}

static int
up_router(const struct topo *t, const struct topo_node *n, struct lab *l, const char *pmipd,
    bool reset)
{
	struct pid_record rec;
	char *ns = topo_netns_name(t->name, n->name), *dir = lab_node_dir(t->name, n->name);
	char *log = xasprintf("%s/pmipd.log", dir), why[WHY];
	const char *argv[12];
	struct spawn_opts o = { .log = log };
	char **env;
	size_t nenv;
	int k = 0, rc = 0;
	pid_t pid;
	char *conf;

	argv[k++] = netns_ip();
	argv[k++] = "netns";
	argv[k++] = "exec";
	argv[k++] = ns;
	argv[k++] = pmipd;
	argv[k++] = "-d";
	argv[k++] = dir;
	argv[k++] = "-f";
	argv[k++] = "-C";
	argv[k++] = conf = node_config(t, n, reset);
	argv[k] = NULL;
	if (conf == NULL) {
		free(ns);
		free(dir);
		free(log);
		return -1;
	}
	env = node_env(t, n, &nenv);
	o.env = env;
	o.nenv = nenv;
	rec.l = l;
	rec.node = n->name;
	pid = spawn_daemon((char *const *)argv, &o, record_pid, &rec, why, sizeof(why));
	env_free(env, nenv);
	if (pid < 0) {
		lab_error("node %s: cannot start pmipd: %s", n->name, why);
		rc = -1;
	}
	free(ns);
	free(dir);
	free(log);
	free(conf);
	return rc;
}

/* Waits until every router's pmipd has its socket. */
static int
up_wait(struct lab *l)
{
	long long deadline = spawn_now_ms() + PMIPD_START_MS;

	for (size_t i = 0; i < l->nnodes; i++) {
		struct lab_node *n = &l->node[i];
		char *dir, *sock;
		struct stat st;
		int rc = 0, status;

		if (!n->router || n->pid <= 0)
			continue;
		dir = lab_node_dir(l->name, n->name);
		sock = xasprintf("%s/pmipd.sock", dir);
		for (;;) {
			pid_t w = waitpid(n->pid, &status, WNOHANG);

			if (stat(sock, &st) == 0 && S_ISSOCK(st.st_mode) && w == 0)
				break;
			if (w == n->pid) {
				char *log = xasprintf("%s/pmipd.log", dir);

				if (WIFEXITED(status))
					lab_error("node %s: pmipd exited with status %d before it was ready",
					    n->name, WEXITSTATUS(status));
				else
					lab_error("node %s: pmipd was killed by signal %d before it was ready",
					    n->name, WIFSIGNALED(status) ? WTERMSIG(status) : 0);
				show_log_tail(log);
				free(log);
				n->pid = 0;
				rc = -1;
				break;
			}
			if (spawn_interrupted) {
				lab_error("interrupted while waiting for the pmipd of node %s", n->name);
				rc = -1;
				break;
			}
			if (spawn_now_ms() > deadline) {
				lab_error("node %s: pmipd made no socket %s within %d s", n->name, sock,
				    PMIPD_START_MS / 1000);
				rc = -1;
				break;
			}
			spawn_sleep_ms(20);
		}
		free(sock);
		free(dir);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int
up_exec(const struct topo *t)
{
	for (size_t i = 0; i < t->nnodes; i++) {
		const struct topo_node *n = &t->node[i];
		char *ns = topo_netns_name(t->name, n->name), why[WHY] = "";
		size_t nenv;
		char **env = node_env(t, n, &nenv);
		int rc = 0;

		for (size_t j = 0; j < n->nexec && rc == 0; j++) {
			const char *argv[] = { netns_ip(), "netns", "exec", ns, "/bin/sh", "-c", n->exec[j], NULL };
			struct spawn_opts o = { .env = env, .nenv = nenv, .timeout_ms = EXEC_LINE_MS };
			int r;

			printf("%s: exec: %s\n", n->name, n->exec[j]);
			fflush(stdout);
			r = spawn_run((char *const *)argv, &o, why, sizeof(why));
			if (r != 0) {
				if (r > 0)
					lab_error("node %s: exec line %zu failed with status %d: %s", n->name, j + 1, r,
					    n->exec[j]);
				else
					lab_error("node %s: exec line %zu: %s: %s", n->name, j + 1, why, n->exec[j]);
				rc = -1;
			}
		}
		env_free(env, nenv);
		free(ns);
		if (rc < 0)
			return -1;
	}
	return 0;
}

static void
up_summary(const struct topo *t)
{
	size_t routers = 0;

	for (size_t i = 0; i < t->nnodes; i++)
		routers += t->node[i].router;
	printf("lab %s is up: %zu nodes (%zu routers), %zu links\n", t->name, t->nnodes, routers, t->nlinks);
	for (size_t i = 0; i < t->nnodes; i++)
		printf("  %-12s %-7s pmiplab console %s/%s\n", t->node[i].name,
		    t->node[i].router ? "router" : "host", t->name, t->node[i].name);
}

int
labrun_up(const char *path, bool reset)
{
	struct strbuf errs = STRBUF_INIT;
	struct topo *t;
	struct lab *l;
	char why[WHY], *pmipd = NULL, *abs;
	bool routers = false;
	int rc = 0;

	if (topo_load(path, &t, &errs) != 0) {
		fputs(errs.s ? errs.s : "", stderr);
		lab_error("%s has problems; the lab was not started", path);
		sb_free(&errs);
		return 1;
	}
	sb_free(&errs);
	for (size_t i = 0; i < t->nnodes; i++)
		routers |= t->node[i].router;
	if (routers && (pmipd = spawn_find("pmipd", true, NULL)) == NULL) {
		lab_error("cannot find pmipd next to pmiplab or in PATH");
		topo_free(t);
		return 1;
	}
	if (netns_init(why, sizeof(why)) < 0) {
		lab_error("%s", why);
		free(pmipd);
		topo_free(t);
		return 1;
	}
	abs = realpath(path, NULL);
	l = lab_create(t->name, abs ? abs : path, why, sizeof(why));
	free(abs);
	if (l == NULL) {
		lab_error("%s", why);
		free(pmipd);
		topo_free(t);
		return 1;
	}
	/* a namespace of that name that this lab did not make is never ours to
	 * use or remove: stop before recording anything */
	for (size_t i = 0; i < t->nnodes; i++) {
		char *ns = topo_netns_name(t->name, t->node[i].name);

		if (netns_exists(ns)) {
			lab_error("network namespace %s exists already (not made by this lab); remove it or "
			    "rename the lab", ns);
			rc = -1;
		}
		free(ns);
	}
	if (rc < 0) {
		lab_remove(t->name, why, sizeof(why));
		lab_free(l);
		free(pmipd);
		topo_free(t);
		return 1;
	}
	spawn_catch_signals();
	if (up_nodes(t, l) < 0 || up_links(t, l) < 0)
		rc = -1;
	for (size_t i = 0; rc == 0 && i < t->nnodes; i++)
		if (t->node[i].router && up_router(t, &t->node[i], l, pmipd, reset) < 0)
			rc = -1;
	if (rc == 0 && (up_wait(l) < 0 || up_exec(t) < 0))
		rc = -1;
	if (rc == 0 && spawn_interrupted) {
		lab_error("interrupted");
		rc = -1;
	}
	if (rc < 0) {
		lab_error("bringing lab %s up failed; removing what was made", t->name);
		if (labrun_teardown(l) < 0)
			lab_error("lab %s was not fully removed; see above, then run \"pmiplab down %s\"",
			    t->name, t->name);
	} else
		up_summary(t);
	lab_free(l);
	free(pmipd);
	topo_free(t);
	return rc < 0 ? 1 : 0;
}
