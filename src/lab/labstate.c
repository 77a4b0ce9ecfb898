/*
 * labstate.c — the state directory of a running lab (see labstate.h).
 *
 * The state file is text, one record a line, fields separated by a blank
 * (names cannot hold blanks; the topology path is last on its line):
 *
 *   lab NAME
 *   file PATH
 *   node NAME NAMESPACE KIND router|host
 *   pid NAME PID
 *   link NODE:IF NODE:IF
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lab/labstate.h"
#include "lab/topo.h"
#include "lab/xalloc.h"
#include "strbuf.h"

#define STATE_FILE "state"
#define ENV_FILE "env"

char *
lab_dir(const char *lab)
{
	return xasprintf("%s/%s", LAB_RUNDIR, lab);
}

char *
lab_node_dir(const char *lab, const char *node)
{
	return xasprintf("%s/%s/%s", LAB_RUNDIR, lab, node);
}

static struct lab *
lab_new(const char *name)
{
	struct lab *l = xcalloc(1, sizeof(*l));

	l->name = xstrdup(name);
	l->file = xstrdup("");
	return l;
}

static void
node_add(struct lab *l, const char *name, const char *ns, const char *kind, bool router)
{
	struct lab_node *n;

	l->node = xrealloc(l->node, l->nnodes + 1, sizeof(*l->node));
	n = &l->node[l->nnodes++];
	n->name = xstrdup(name);
	n->ns = xstrdup(ns);
	n->kind = xstrdup(kind);
	n->router = router;
	n->pid = 0;
}

static void
link_add(struct lab *l, const char *a, const char *b)
{
	l->link = xrealloc(l->link, l->nlinks + 1, sizeof(*l->link));
	l->link[l->nlinks].a = xstrdup(a);
	l->link[l->nlinks].b = xstrdup(b);
	l->nlinks++;
}

static struct lab_node *
node_get(struct lab *l, const char *name)
{
	for (size_t i = 0; i < l->nnodes; i++)
		if (strcmp(l->node[i].name, name) == 0)
			return &l->node[i];
	return NULL;
}

static int
record(struct lab *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int
record(struct lab *l, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vfprintf(l->rec, fmt, ap);
	va_end(ap);
	/* written through: a pmiplab killed right after must leave it all */
	if (r < 0 || fflush(l->rec) != 0)
		return -1;
	return 0;
}

struct lab *
lab_create(const char *name, const char *file, char *why, size_t whylen)
{
	char *dir = lab_dir(name), *path;
	struct lab *l;
	int fd;

	if (mkdir(LAB_RUNDIR, 0755) < 0 && errno != EEXIST) {
		snprintf(why, whylen, "cannot make %s: %s", LAB_RUNDIR, strerror(errno));
		free(dir);
		return NULL;
	}
	/* mkdir is the claim: two "up" of one lab cannot both get it */
	if (mkdir(dir, 0755) < 0) {
		if (errno == EEXIST)
			snprintf(why, whylen, "lab %s is already up (state in %s); run \"pmiplab down\" first",
			    name, dir);
		else
			snprintf(why, whylen, "cannot make %s: %s", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	path = xasprintf("%s/%s", dir, STATE_FILE);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0644);
	l = lab_new(name);
	free(l->file);
	l->file = xstrdup(file);
	if (fd < 0 || (l->rec = fdopen(fd, "a")) == NULL) {
		snprintf(why, whylen, "cannot make %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		rmdir(dir);
		lab_free(l);
		l = NULL;
	} else if (record(l, "lab %s\nfile %s\n", name, file) < 0) {
		snprintf(why, whylen, "cannot write %s: %s", path, strerror(errno));
		lab_free(l);
		l = NULL;
	}
	free(path);
	free(dir);
	return l;
}

int
lab_record_node(struct lab *l, const char *node, const char *ns, const char *kind, bool router)
{
	node_add(l, node, ns, kind, router);
	return record(l, "node %s %s %s %s\n", node, ns, kind, router ? "router" : "host");
}

int
lab_record_pid(struct lab *l, const char *node, pid_t pid)
{
	struct lab_node *n = node_get(l, node);

	if (n)
		n->pid = pid;
	return record(l, "pid %s %d\n", node, (int)pid);
}

int
lab_record_link(struct lab *l, const char *a, const char *b)
{
	link_add(l, a, b);
	return record(l, "link %s %s\n", a, b);
}

/* Splits line at blanks into at most max fields; the last takes the rest. */
static int
fields(char *line, char **f, int max)
{
	int n = 0;

	while (*line && n < max) {
		while (*line == ' ')
			line++;
		if (*line == '\0')
			break;
		f[n++] = line;
		if (n == max)
			break;
		line += strcspn(line, " ");
		if (*line)
			*line++ = '\0';
	}
	return n;
}

struct lab *
lab_read(const char *name, char *why, size_t whylen)
{
	char *dir, *path, *line = NULL, *f[5];
	size_t cap = 0;
	ssize_t len;
	struct lab *l;
	FILE *fp;

	if (!topo_lab_name_ok(name)) {
		snprintf(why, whylen, "'%s' is not a lab name", name);
		return NULL;
	}
	dir = lab_dir(name);
	path = xasprintf("%s/%s", dir, STATE_FILE);
	fp = fopen(path, "re");
	if (fp == NULL) {
		int e = errno;
		struct stat st;

		l = NULL;
		if (e == ENOENT && stat(dir, &st) == 0)
			/* claimed, but pmiplab died before the first record */
			l = lab_new(name);
		else if (e == ENOENT)
			snprintf(why, whylen, "lab %s is not up (no %s)", name, dir);
		else
			snprintf(why, whylen, "cannot read %s: %s", path, strerror(e));
		free(path);
		free(dir);
		return l;
	}
	l = lab_new(name);
	while ((len = getline(&line, &cap, fp)) > 0) {
		int n;

		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		/* a line cut short by a crash is skipped; the rest still counts */
		if (strncmp(line, "file ", 5) == 0) {
			free(l->file);
			l->file = xstrdup(line + 5);
			continue;
		}
		n = fields(line, f, 5);
		if (n == 5 && strcmp(f[0], "node") == 0 && node_get(l, f[1]) == NULL)
			node_add(l, f[1], f[2], f[3], strcmp(f[4], "router") == 0);
		else if (n == 3 && strcmp(f[0], "pid") == 0 && node_get(l, f[1]) != NULL)
			node_get(l, f[1])->pid = (pid_t)atoi(f[2]);
		else if (n == 3 && strcmp(f[0], "link") == 0)
			link_add(l, f[1], f[2]);
	}
	free(line);
	fclose(fp);
	free(path);
	free(dir);
	return l;
}

void
lab_free(struct lab *l)
{
	if (l == NULL)
		return;
	if (l->rec)
		fclose(l->rec);
	for (size_t i = 0; i < l->nnodes; i++) {
		free(l->node[i].name);
		free(l->node[i].ns);
		free(l->node[i].kind);
	}
	for (size_t i = 0; i < l->nlinks; i++) {
		free(l->link[i].a);
		free(l->link[i].b);
	}
	free(l->node);
	free(l->link);
	free(l->name);
	free(l->file);
	free(l);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
lab_list(size_t *n)
{
	DIR *d = opendir(LAB_RUNDIR);
	struct dirent *e;
	char **v = NULL;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		if (!topo_lab_name_ok(e->d_name))
			continue;
		v = xrealloc(v, *n + 1, sizeof(*v));
		v[(*n)++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (*n > 1)
		qsort(v, *n, sizeof(*v), cmp_str);
	return v;
}

struct lab *
lab_find(const char *spec, struct lab_node **np, char *why, size_t whylen)
{
	const char *slash = strchr(spec, '/');
	struct lab *found = NULL;
	char **names;
	size_t n;

	*np = NULL;
	if (slash != NULL) {
		char *lab = xstrdup(spec);
		struct lab *l;

		lab[slash - spec] = '\0';
		l = lab_read(lab, why, whylen);
		free(lab);
		if (l == NULL)
			return NULL;
		if ((*np = node_get(l, slash + 1)) == NULL) {
			snprintf(why, whylen, "lab %s has no node %s", l->name, slash + 1);
			lab_free(l);
			return NULL;
		}
		return l;
	}
	names = lab_list(&n);
	for (size_t i = 0; i < n; i++) {
		char ignored[256];
		struct lab *l = lab_read(names[i], ignored, sizeof(ignored));
		struct lab_node *node = l ? node_get(l, spec) : NULL;

		if (node == NULL) {
			lab_free(l);
			continue;
		}
		if (found != NULL) {
			snprintf(why, whylen, "node %s is in labs %s and %s: say which, as LAB/%s", spec,
			    found->name, l->name, spec);
			lab_free(l);
			lab_free(found);
			found = NULL;
			*np = NULL;
			break;
		}
		found = l;
		*np = node;
	}
	if (found == NULL && *why == '\0')
		snprintf(why, whylen, "no lab that is up has a node %s", spec);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return found;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	if (remove(path) < 0 && errno != ENOENT)
		return -1;
	return 0;
}

int
lab_remove(const char *name, char *why, size_t whylen)
{
	char *dir;
	int r;

	if (!topo_lab_name_ok(name)) {
		snprintf(why, whylen, "'%s' is not a lab name", name);
		return -1;
	}
	dir = lab_dir(name);
	/* depth first, never following a link out of the state directory */
	r = nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	if (r != 0 && errno != ENOENT)
		snprintf(why, whylen, "cannot remove %s: %s", dir, strerror(errno));
	else
		r = 0;
	free(dir);
	return r;
}

char *
lab_saved_dir(const char *lab)
{
	const char *base = getenv("PMIPLAB_SAVEDIR");

	return xasprintf("%s/%s", base && *base ? base : LAB_SAVEDIR, lab);
}

char *
lab_saved_config(const char *lab, const char *node)
{
	char *dir = lab_saved_dir(lab), *path = xasprintf("%s/%s/startup-config", dir, node);

	free(dir);
	return path;
}

int
lab_remove_saved(const char *name, char *why, size_t whylen)
{
	char *dir;
	int r;

	if (!topo_lab_name_ok(name)) {
		snprintf(why, whylen, "'%s' is not a lab name", name);
		return -1;
	}
	dir = lab_saved_dir(name);
	r = nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
	if (r != 0 && errno != ENOENT)
		snprintf(why, whylen, "cannot remove %s: %s", dir, strerror(errno));
	else
		r = 0;
	free(dir);
	return r;
}

int
lab_write_env(const char *lab, const char *node, char *const *env, size_t nenv)
{
	char *path = xasprintf("%s/%s/%s/%s", LAB_RUNDIR, lab, node, ENV_FILE);
	FILE *f = fopen(path, "we");
	int r = 0;

	free(path);
	if (f == NULL)
		return -1;
	/* NUL-separated: a value may hold any other byte */
	for (size_t i = 0; i < nenv; i++)
		if (fwrite(env[i], strlen(env[i]) + 1, 1, f) != 1)
			r = -1;
	if (fclose(f) != 0)
		r = -1;
	return r;
}

char **
lab_read_env(const char *lab, const char *node, size_t *n)
{
	char *path = xasprintf("%s/%s/%s/%s", LAB_RUNDIR, lab, node, ENV_FILE);
	FILE *f = fopen(path, "re");
	char **v = NULL, *item = NULL;
	size_t cap = 0;
	ssize_t len;

	*n = 0;
	free(path);
	if (f == NULL)
		return NULL;
	while ((len = getdelim(&item, &cap, '\0', f)) > 0) {
		if (item[len - 1] != '\0' || strchr(item, '=') == NULL)
			continue;
		v = xrealloc(v, *n + 1, sizeof(*v));
		v[(*n)++] = xstrdup(item);
	}
	free(item);
	fclose(f);
	return v;
}
