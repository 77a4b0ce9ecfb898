/*
 * topo.c — reads and checks a containerlab topology for pmiplab (see
 * topo.h).  Called by every pmiplab command that takes a FILE.
 *
 * The walk never stops at the first problem: a trainee fixing a topology
 * wants the whole list at once, each with the line to look at.  Only the
 * keys pmiplab acts on are checked in depth; the other keys that the
 * containerlab schema allows are accepted and ignored, so a file written for
 * containerlab still passes.  This file does the file, its sections and
 * the nodes; topo_links.c the links.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "lab/topo.h"
#include "lab/topo_int.h"
#include "lab/xalloc.h"
#include "lab/ytree.h"

/* The node kinds of the containerlab schema.  Every kind but the ones in
 * no_ns_kinds becomes a namespace; cisco_iol is a router. */
static const char *const clab_kinds[] = {
	"nokia_srlinux", "arista_ceos", "juniper_crpd", "juniper_csrx", "sonic-vs", "sonic-vm",
	"nokia_sros", "nokia_srsim", "juniper_vmx", "juniper_vqfx", "juniper_vsrx",
	"juniper_vjunosrouter", "juniper_vjunosswitch", "juniper_vjunosevolved", "cisco_xrv",
	"cisco_xrv9k", "arista_veos", "cisco_csr1000v", "paloalto_panos", "mikrotik_ros", "6wind_vsr",
	"cisco_n9kv", "cisco_ftdv", "dell_ftosv", "dell_sonic", "aruba_aoscx", "linux", "bridge",
	"ovs-bridge", "border0", "host", "keysight_ixia-c-one", "ipinfusion_ocnos",
	"checkpoint_cloudguard", "ciena_saos", "ext-container", "rare", "cisco_xrd",
	"cisco_xrd_vrouter", "cisco_c8000", "cisco_c8000v", "cisco_cat9kv", "cisco_iol", "cisco_asav",
	"cisco_vios", "nvidia_cumulusvx", "huawei_vrp", "openbsd", "freebsd", "generic_vm",
	"fortinet_fortigate", "k8s-kind", "fdio_vpp", "vyosnetworks_vyos", "juniper_cjunosevolved",
	"arrcus_arcos", "f5_bigip-ve", "cisco_sdwan", "openwrt", "spirent_stc", "veesix_osvbng",
	"ostinato", "plvision_sonic", NULL,
};

/* kinds that are not a node of their own (a host bridge, the host itself,
 * a container made elsewhere, a cluster): nothing to make a namespace for */
static const char *const no_ns_kinds[] = {
	"bridge", "ovs-bridge", "host", "ext-container", "k8s-kind", "border0", NULL,
};

/* The keys of a node in the containerlab schema. */
static const char *const node_keys[] = {
	"image", "image-pull-policy", "restart-policy", "kind", "license", "type", "group",
	"startup-config", "startup-delay", "enforce-startup-config", "suppress-startup-config",
	"auto-remove", "exec", "binds", "volumes", "ports", "env", "credentials", "env-files", "user",
	"hostname", "entrypoint", "cmd", "labels", "runtime", "mgmt-ipv4", "mgmt-ipv6",
	"network-mode", "link-apply-mode", "cpu", "memory", "cpu-set", "extras", "config", "stages",
	"dns", "certificate", "healthcheck", "components", "aliases", "shm-size", "cap-add",
	"privileged", "cgroupns-mode", "cgroup-parent", "pid-mode", "tmpfs", "security-opts",
	"sysctls", "devices", "<<", NULL,
};

static const char *const top_keys[] = {
	"name", "prefix", "mgmt", "topology", "settings", "debug", "<<", NULL,
};

static const char *const topology_keys[] = {
	"nodes", "groups", "kinds", "defaults", "links", "<<", NULL,
};

/* the startup-config of a pmipsim container, as its image expects it */
#define STARTUP_BIND_TARGET "/config/startup-config"

#define SUN_PATH_MAX sizeof(((struct sockaddr_un *)NULL)->sun_path)

void
topo_problem(struct topo_ctx *c, int line, const char *fmt, ...)
{
	va_list ap;

	sb_printf(c->errs, "%s:%d: ", c->path, line);
	va_start(ap, fmt);
	sb_vprintf(c->errs, fmt, ap);
	va_end(ap);
	sb_addc(c->errs, '\n');
	c->n++;
}

bool
topo_in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (strcmp(*list, s) == 0)
			return true;
	return false;
}

/* containerlab's name patterns: a letter or digit, then letters, digits
 * and the given punctuation */
static bool
name_ok(const char *s, const char *punct)
{
	if (!isalnum((unsigned char)*s))
		return false;
	for (s++; *s; s++)
		if (!isalnum((unsigned char)*s) && strchr(punct, *s) == NULL)
			return false;
	return true;
}

bool
topo_lab_name_ok(const char *s)
{
	return name_ok(s, "-._");
}

char *
topo_netns_name(const char *lab, const char *node)
{
	return xasprintf("%s-%s", lab, node);
}

void
topo_check_keys(struct topo_ctx *c, const struct ynode *map, const char *const *allowed, const char *where)
{
	for (size_t i = 0; i < map->n; i++) {
		const struct ynode *k = map->item[2 * i];

		if (k->type != Y_SCALAR)
			topo_problem(c, k->line, "%s: a key must be a single value", where);
		else if (!topo_in_list(allowed, k->str))
			topo_problem(c, k->line, "%s: unknown key '%s'", where, k->str);
	}
}

/* a single value, or a problem; NULL when absent or wrong */
const char *
topo_get_scalar(struct topo_ctx *c, const struct ynode *map, const char *key, const char *where, struct ynode **vp)
{
	struct ynode *v = ytree_get(map, key, NULL);

	if (vp)
		*vp = v;
	if (v == NULL)
		return NULL;
	if (v->type != Y_SCALAR) {
		topo_problem(c, v->line, "%s: %s must be a single value, not %s", where, key, ytree_what(v));
		return NULL;
	}
	return v->str;
}

/* ---- one level of node configuration (a node, defaults, a kind, a group) */

static void
check_level(struct topo_ctx *c, const struct ynode *m, const char *where)
{
	static const char *const scalars[] = { "kind", "image", "startup-config", "group", NULL };
	static const char *const lists[] = { "binds", "exec", NULL };
	struct ynode *v;

	if (m == NULL || m->type == Y_NULL)
		return;
	if (m->type != Y_MAP) {
		topo_problem(c, m->line, "%s must be a mapping, not %s", where, ytree_what(m));
		return;
	}
	topo_check_keys(c, m, node_keys, where);
	for (const char *const *k = scalars; *k; k++)
		topo_get_scalar(c, m, *k, where, NULL);
	for (const char *const *k = lists; *k; k++) {
		v = ytree_get(m, *k, NULL);
		if (v == NULL)
			continue;
		if (v->type != Y_SEQ) {
			topo_problem(c, v->line, "%s: %s must be a list, not %s", where, *k, ytree_what(v));
			continue;
		}
		for (size_t i = 0; i < v->n; i++)
			if (v->item[i]->type != Y_SCALAR)
				topo_problem(c, v->item[i]->line, "%s: each %s entry must be a single value, not %s",
				    where, *k, ytree_what(v->item[i]));
	}
	v = ytree_get(m, "kind", NULL);
	if (v && v->type == Y_SCALAR && !topo_in_list(clab_kinds, v->str))
		topo_problem(c, v->line, "%s: unknown kind '%s'", where, v->str);
	v = ytree_get(m, "env", NULL);
	if (v == NULL)
		return;
	if (v->type != Y_MAP) {
		topo_problem(c, v->line, "%s: env must be a mapping, not %s", where, ytree_what(v));
		return;
	}
	for (size_t i = 0; i < v->n; i++) {
		struct ynode *k = v->item[2 * i], *val = v->item[2 * i + 1];

		if (k->type != Y_SCALAR || !(isalpha((unsigned char)*k->str) || *k->str == '_') ||
		    k->str[strspn(k->str, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")] != '\0')
			topo_problem(c, k->line, "%s: env: '%s' is not a variable name", where,
			    k->type == Y_SCALAR ? k->str : "?");
		else if (val->type != Y_SCALAR && val->type != Y_NULL)
			topo_problem(c, val->line, "%s: env: %s must be a single value, not %s", where, k->str,
			    ytree_what(val));
	}
}

/* ---- merged view of a node ------------------------------------------- */

enum { L_NODE, L_GROUP, L_KIND, L_DEFAULTS, NLEVELS };

/* the value of key at the most specific level that has it */
static struct ynode *
level_get(struct ynode *const lv[NLEVELS], const char *key)
{
	struct ynode *v;

	for (int i = 0; i < NLEVELS; i++)
		if (lv[i] && lv[i]->type == Y_MAP && (v = ytree_get(lv[i], key, NULL)) != NULL)
			return v;
	return NULL;
}

/* containerlab's magic variables in paths, exec lines and env values */
static char *
subst(struct topo_ctx *c, const char *node, const char *s)
{
	struct strbuf b = STRBUF_INIT;
	struct {
		const char *token;
		char *value;
	} var[] = {
		{ "__clabNodeName__", xstrdup(node) },
		{ "__clabLabName__", xstrdup(c->lab) },
		{ "__clabDir__", xasprintf("%s/%s", LAB_RUNDIR, c->lab) },
		{ "__clabNodeDir__", xasprintf("%s/%s/%s", LAB_RUNDIR, c->lab, node) },
	};
	size_t nvar = sizeof(var) / sizeof(var[0]);

	sb_adds(&b, "");
	while (*s) {
		size_t i;

		for (i = 0; i < nvar; i++)
			if (strncmp(s, var[i].token, strlen(var[i].token)) == 0)
				break;
		if (i < nvar) {
			sb_adds(&b, var[i].value);
			s += strlen(var[i].token);
		} else
			sb_addc(&b, *s++);
	}
	for (size_t i = 0; i < nvar; i++)
		free(var[i].value);
	return sb_detach(&b);
}

/* A path of the topology: "~/" is the home directory, a relative path is
 * relative to the file's directory, as containerlab does it. */
static char *
resolve(struct topo_ctx *c, const char *node, const char *p)
{
	char *s = subst(c, node, p), *r;
	const char *home = getenv("HOME");

	if (s[0] == '/')
		return s;
	if (s[0] == '~' && s[1] == '/' && home != NULL)
		r = xasprintf("%s/%s", home, s + 2);
	else
		r = xasprintf("%s/%s", c->dir, s);
	free(s);
	return r;
}

static bool
file_ok(struct topo_ctx *c, int line, const char *what, const char *path, bool regular)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		topo_problem(c, line, "%s %s: %s", what, path, strerror(errno));
		return false;
	}
	if (regular && !S_ISREG(st.st_mode)) {
		topo_problem(c, line, "%s %s is not a regular file", what, path);
		return false;
	}
	if (access(path, R_OK) < 0) {
		topo_problem(c, line, "%s %s: %s", what, path, strerror(errno));
		return false;
	}
	return true;
}

static void
strv_add(char ***v, size_t *n, char *s)
{
	*v = xrealloc(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = s;
}

static void
strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static bool
is_router(const char *kind, const char *image)
{
	if (strcmp(kind, "cisco_iol") == 0)
		return true;
	return strcmp(kind, "linux") == 0 && image != NULL &&
	    (strstr(image, "pmipsim") != NULL || strstr(image, "pmip-sim") != NULL);
}

/* binds: every level adds its own; the more specific level wins for a
 * target; a router's startup-config may come from one */
static void
node_binds(struct topo_ctx *c, struct topo_node *tn, struct ynode *const lv[NLEVELS], char **startup)
{
	int startup_line = 0;

	for (int i = NLEVELS - 1; i >= 0; i--) {
		struct ynode *b = lv[i] && lv[i]->type == Y_MAP ? ytree_get(lv[i], "binds", NULL) : NULL;

		if (b == NULL || b->type != Y_SEQ)
			continue;
		for (size_t j = 0; j < b->n; j++) {
			struct ynode *e = b->item[j];
			char *spec, *target, *opts, *src;

			if (e->type != Y_SCALAR)
				continue;
			spec = xstrdup(e->str);
			target = strchr(spec, ':');
			opts = target ? strchr(target + 1, ':') : NULL;
			if (target)
				*target++ = '\0';
			if (opts)
				*opts++ = '\0';
			if (target == NULL || *spec == '\0' || *target != '/' || (opts && strchr(opts, ':'))) {
				topo_problem(c, e->line, "node %s: bind '%s' is not SOURCE:/TARGET[:OPTIONS]", tn->name,
				    e->str);
				free(spec);
				continue;
			}
			src = resolve(c, tn->name, spec);
			if (file_ok(c, e->line, "bind source", src, false) &&
			    strcmp(target, STARTUP_BIND_TARGET) == 0) {
				free(*startup);
				*startup = src;
				src = NULL;
				startup_line = e->line;
			}
			free(src);
			free(spec);
		}
	}
	if (*startup) {
		struct stat st;

		if (stat(*startup, &st) == 0 && !S_ISREG(st.st_mode))
			topo_problem(c, startup_line, "node %s: %s is bound to %s but is not a regular file",
			    tn->name, *startup, STARTUP_BIND_TARGET);
	}
}

static void
node_env(struct topo_ctx *c, struct topo_node *tn, struct ynode *const lv[NLEVELS])
{
	for (int i = NLEVELS - 1; i >= 0; i--) {
		struct ynode *e = lv[i] && lv[i]->type == Y_MAP ? ytree_get(lv[i], "env", NULL) : NULL;

		if (e == NULL || e->type != Y_MAP)
			continue;
		for (size_t j = 0; j < e->n; j++) {
			struct ynode *k = e->item[2 * j], *v = e->item[2 * j + 1];
			size_t klen;
			char *val;

			if (k->type != Y_SCALAR || (v->type != Y_SCALAR && v->type != Y_NULL))
				continue;
			klen = strlen(k->str);
			val = v->type == Y_SCALAR ? subst(c, tn->name, v->str) : xstrdup("");
			/* a more specific level replaces the variable */
			for (size_t m = 0; m < tn->nenv; m++)
				if (strncmp(tn->env[m], k->str, klen) == 0 && tn->env[m][klen] == '=') {
					free(tn->env[m]);
					tn->env[m] = tn->env[--tn->nenv];
					break;
				}
			strv_add(&tn->env, &tn->nenv, xasprintf("%s=%s", k->str, val));
			free(val);
		}
	}
}

static void
node_load(struct topo_ctx *c, struct topo_node *tn, struct ynode *key, struct ynode *cfg)
{
	struct ynode *lv[NLEVELS] = { NULL, NULL, NULL, NULL }, *v;
	char *where = xasprintf("node %s", key->str), *startup = NULL;
	const char *group, *kind;

	tn->name = xstrdup(key->str);
	tn->line = key->line;
	if (!name_ok(key->str, "-._|"))
		topo_problem(c, key->line, "node name '%s' is not valid: a letter or digit, then letters, digits, "
		    "'-', '.', '_' or '|'", key->str);
	check_level(c, cfg, where);
	lv[L_NODE] = cfg;
	lv[L_DEFAULTS] = c->defaults;
	group = cfg && cfg->type == Y_MAP ? topo_get_scalar(c, cfg, "group", where, &v) : NULL;
	if (group) {
		lv[L_GROUP] = c->groups ? ytree_get(c->groups, group, NULL) : NULL;
		if (lv[L_GROUP] == NULL)
			topo_problem(c, v->line, "node %s: group '%s' is not defined in topology.groups", key->str, group);
	}
	v = level_get(lv, "kind");
	kind = v && v->type == Y_SCALAR ? v->str : NULL;
	if (kind == NULL) {
		if (v == NULL)
			topo_problem(c, key->line, "node %s has no kind (give kind: here or in topology.defaults)",
			    key->str);
		tn->kind = xstrdup("");
		free(where);
		return;
	}
	tn->kind = xstrdup(kind);
	if (topo_in_list(no_ns_kinds, kind))
		topo_problem(c, v->line, "node %s: kind '%s' is not supported by pmiplab (it is not a node of "
		    "its own)", key->str, kind);
	lv[L_KIND] = c->kinds ? ytree_get(c->kinds, kind, NULL) : NULL;

	v = level_get(lv, "image");
	if (v && v->type == Y_SCALAR)
		tn->image = xstrdup(v->str);
	tn->router = is_router(kind, tn->image);

	v = level_get(lv, "startup-config");
	if (v && v->type == Y_SCALAR) {
		startup = resolve(c, tn->name, v->str);
		if (!file_ok(c, v->line, "startup-config", startup, true)) {
			free(startup);
			startup = NULL;
		}
	}
	{
		char *from_bind = NULL;

		/* startup-config: wins over a bind, as for containerlab's own kinds */
		node_binds(c, tn, lv, &from_bind);
		if (startup == NULL)
			startup = from_bind;
		else
			free(from_bind);
	}
	if (tn->router)
		tn->startup = startup;
	else
		free(startup);

	v = level_get(lv, "exec");
	if (v && v->type == Y_SEQ)
		for (size_t i = 0; i < v->n; i++)
			if (v->item[i]->type == Y_SCALAR)
				strv_add(&tn->exec, &tn->nexec, subst(c, tn->name, v->item[i]->str));
	node_env(c, tn, lv);

	if (tn->router && *c->lab) {
		size_t len = strlen(LAB_RUNDIR "//" "/pmipd.sock") + strlen(c->lab) + strlen(tn->name);

		if (len >= SUN_PATH_MAX)
			topo_problem(c, key->line, "node %s: its socket path %s/%s/%s/pmipd.sock would be longer "
			    "than %zu bytes; use a shorter lab or node name", tn->name, LAB_RUNDIR, c->lab,
			    tn->name, SUN_PATH_MAX - 1);
	}
	free(where);
}

/* ---- links ------------------------------------------------------------ */

/* ---- the file --------------------------------------------------------- */

static void
sections_load(struct topo_ctx *c, struct ynode *topology)
{
	struct ynode *v;

	c->defaults = ytree_get(topology, "defaults", NULL);
	check_level(c, c->defaults, "topology.defaults");
	c->kinds = ytree_get(topology, "kinds", NULL);
	if (c->kinds && c->kinds->type != Y_MAP) {
		topo_problem(c, c->kinds->line, "topology.kinds must be a mapping of kinds");
		c->kinds = NULL;
	}
	for (size_t i = 0; c->kinds && i < c->kinds->n; i++) {
		struct ynode *k = c->kinds->item[2 * i];
		char *where;

		if (k->type != Y_SCALAR || strcmp(k->str, "<<") == 0)
			continue;
		if (!topo_in_list(clab_kinds, k->str))
			topo_problem(c, k->line, "topology.kinds: unknown kind '%s'", k->str);
		where = xasprintf("topology.kinds.%s", k->str);
		check_level(c, c->kinds->item[2 * i + 1], where);
		v = ytree_get(c->kinds->item[2 * i + 1], "kind", NULL);
		if (v)
			topo_problem(c, v->line, "%s: a kind cannot set kind:", where);
		free(where);
	}
	c->groups = ytree_get(topology, "groups", NULL);
	if (c->groups && c->groups->type != Y_MAP) {
		topo_problem(c, c->groups->line, "topology.groups must be a mapping of groups");
		c->groups = NULL;
	}
	for (size_t i = 0; c->groups && i < c->groups->n; i++) {
		struct ynode *k = c->groups->item[2 * i];
		char *where;

		if (k->type != Y_SCALAR || strcmp(k->str, "<<") == 0)
			continue;
		where = xasprintf("topology.groups.%s", k->str);
		check_level(c, c->groups->item[2 * i + 1], where);
		free(where);
	}
}

static void
doc_load(struct topo_ctx *c, struct ynode *root, struct topo *t)
{
	struct ynode *v, *topology, *nodes, *links;
	const char *name;

	if (root == NULL || root->type != Y_MAP) {
		topo_problem(c, root ? root->line : 1, "a topology is a mapping with name: and topology:");
		return;
	}
	topo_check_keys(c, root, top_keys, "top level");
	name = topo_get_scalar(c, root, "name", "top level", &v);
	if (v == NULL)
		topo_problem(c, root->line, "the topology has no name:");
	else if (name && !topo_lab_name_ok(name))
		topo_problem(c, v->line, "name '%s' is not valid: a letter or digit, then letters, digits, '-', "
		    "'.' or '_'", name);
	else if (name) {
		t->name = xstrdup(name);
		c->lab = t->name;
	}
	topology = ytree_get(root, "topology", NULL);
	if (topology == NULL || topology->type != Y_MAP) {
		topo_problem(c, topology ? topology->line : root->line, "the topology has no topology: mapping");
		return;
	}
	topo_check_keys(c, topology, topology_keys, "topology");
	sections_load(c, topology);

	nodes = ytree_get(topology, "nodes", NULL);
	if (nodes == NULL || nodes->type != Y_MAP || nodes->n == 0) {
		topo_problem(c, nodes ? nodes->line : topology->line, "topology.nodes must list at least one node");
		return;
	}
	t->node = xcalloc(nodes->n, sizeof(*t->node));
	for (size_t i = 0; i < nodes->n; i++) {
		struct ynode *k = nodes->item[2 * i];

		if (k->type != Y_SCALAR || strcmp(k->str, "<<") == 0) {
			if (k->type != Y_SCALAR)
				topo_problem(c, k->line, "a node name must be a single value");
			continue;
		}
		node_load(c, &t->node[t->nnodes++], k, nodes->item[2 * i + 1]);
	}

	links = ytree_get(topology, "links", NULL);
	if (links != NULL)
		topo_links_load(c, links, t);
}

static char *
file_dir(const char *path)
{
	char *real = realpath(path, NULL), *slash;

	if (real == NULL)
		return xstrdup(".");
	slash = strrchr(real, '/');
	if (slash == real)
		slash[1] = '\0';
	else
		*slash = '\0';
	return real;
}

int
topo_load(const char *path, struct topo **out, struct strbuf *errs)
{
	struct topo_ctx c;
	struct ytree *y;
	struct topo *t;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	c.path = path;
	c.errs = errs;
	c.lab = "";
	y = ytree_load(path, errs, &c.n);
	if (y == NULL)
		return c.n + 1;
	c.dir = file_dir(path);
	t = xcalloc(1, sizeof(*t));
	t->path = xstrdup(path);
	doc_load(&c, y->root, t);
	ytree_free(y);
	free(c.dir);
	if (c.n > 0) {
		topo_free(t);
		return c.n;
	}
	*out = t;
	return 0;
}

void
topo_free(struct topo *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nnodes; i++) {
		struct topo_node *n = &t->node[i];

		free(n->name);
		free(n->kind);
		free(n->image);
		free(n->startup);
		strv_free(n->exec, n->nexec);
		strv_free(n->env, n->nenv);
	}
	free(t->node);
	free(t->link);
	free(t->name);
	free(t->path);
	free(t);
}

char *
topo_read_name(const char *path, struct strbuf *errs)
{
	struct ytree *y;
	struct ynode *v;
	char *name = NULL;
	int n = 0;

	y = ytree_load(path, errs, &n);
	if (y == NULL)
		return NULL;
	v = y->root && y->root->type == Y_MAP ? ytree_get(y->root, "name", NULL) : NULL;
	if (v && v->type == Y_SCALAR && topo_lab_name_ok(v->str))
		name = xstrdup(v->str);
	else
		sb_printf(errs, "%s:%d: no valid name: in the file\n", path, v ? v->line : 1);
	ytree_free(y);
	return name;
}
