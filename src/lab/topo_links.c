/*
 * topo_links.c — the links of a topology (see topo.h): the brief form
 * "node:interface" and the extended veth form, interface names (IOL
 * aliases mapped), uniqueness of every node's interfaces, MAC and MTU.
 * Called by topo.c once the nodes are known.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lab/topo_int.h"
#include "lab/xalloc.h"

static const char *const brief_link_keys[] = {
	"endpoints", "mtu", "ipv4", "ipv6", "vars", "<<", NULL,
};

static const char *const veth_link_keys[] = {
	"type", "endpoints", "mtu", "ipv4", "ipv6", "vars", "labels", "<<", NULL,
};

static const char *const endpoint_keys[] = {
	"node", "interface", "mac", "ipv4", "ipv6", "vars", "<<", NULL,
};

static const char *const other_link_types[] = {
	"veth-stitched", "mgmt-net", "macvlan", "host", "vxlan", "vxlan-stitched", "dummy", NULL,
};

/* one interface in use, for the uniqueness check */
struct used_if {
	size_t node;
	char ifname[IFNAMSIZ];
	int line;
};

/* IOL's EthernetS/P (also "Ethernet S/P", "eS/P", "ethS/P", any case) is
 * ethN with N = 4*S+P.  Returns false when s is not such a name. */
static bool
iol_name(const char *s, char out[IFNAMSIZ])
{
	static const char *const prefixes[] = { "ethernet", "eth", "e", NULL };
	unsigned long slot, port;
	const char *p = NULL;
	char *end;

	/* the longest prefix that is followed by a number, maybe after a blank */
	for (const char *const *pre = prefixes; *pre && p == NULL; pre++) {
		size_t len = strlen(*pre);

		if (strncasecmp(s, *pre, len) == 0)
			p = s + len + (s[len] == ' ');
		if (p && !isdigit((unsigned char)*p))
			p = NULL;
	}
	if (p == NULL)
		return false;
	errno = 0;
	slot = strtoul(p, &end, 10);
	if (*end != '/' || errno || slot > 1000 || !isdigit((unsigned char)end[1]))
		return false;
	port = strtoul(end + 1, &end, 10);
	if (*end != '\0' || port > 3)
		return false;
	snprintf(out, IFNAMSIZ, "eth%lu", slot * 4 + port);
	return true;
}

/* The Linux name of interface s on node tn, or false with a problem. */
static bool
ifname_map(struct topo_ctx *c, int line, const struct topo_node *tn, const char *s, char out[IFNAMSIZ])
{
	if (strchr(s, '/') != NULL) {
		if (!(tn->router || strcmp(tn->kind, "cisco_iol") == 0)) {
			topo_problem(c, line, "interface '%s' of node %s is not a Linux interface name (IOS names "
			    "such as Ethernet0/1 are for cisco_iol and pmipsim nodes)", s, tn->name);
			return false;
		}
		if (!iol_name(s, out)) {
			topo_problem(c, line, "interface '%s' of node %s is not an IOL name (EthernetS/P, P 0 to 3)",
			    s, tn->name);
			return false;
		}
	} else {
		if (*s == '\0' || strlen(s) >= IFNAMSIZ || strcmp(s, ".") == 0 || strcmp(s, "..") == 0 ||
		    strpbrk(s, ": \t\n") != NULL) {
			topo_problem(c, line, "interface '%s' of node %s is not a valid Linux interface name "
			    "(1 to %d characters, no '/', ':' or blanks)", s, tn->name, IFNAMSIZ - 1);
			return false;
		}
		snprintf(out, IFNAMSIZ, "%s", s);
	}
	if (strcmp(out, "eth0") == 0) {
		topo_problem(c, line, "interface '%s' of node %s is eth0, the management interface: it cannot be "
		    "a link endpoint", s, tn->name);
		return false;
	}
	return true;
}

static long
node_index(const struct topo *t, const char *name)
{
	for (size_t i = 0; i < t->nnodes; i++)
		if (strcmp(t->node[i].name, name) == 0)
			return (long)i;
	return -1;
}

static bool
mac_parse(const char *s, char out[18])
{
	unsigned v[6];
	char sep = s[2];

	if (strlen(s) != 17 || (sep != ':' && sep != '-'))
		return false;
	for (int i = 0; i < 6; i++) {
		const char *p = s + 3 * i;

		if (!isxdigit((unsigned char)p[0]) || !isxdigit((unsigned char)p[1]) ||
		    (i < 5 && p[2] != sep))
			return false;
		sscanf(p, "%2x", &v[i]);
	}
	snprintf(out, 18, "%02x:%02x:%02x:%02x:%02x:%02x", v[0], v[1], v[2], v[3], v[4], v[5]);
	return true;
}

/* One endpoint; used holds the interfaces taken so far. */
static bool
endpoint_load(struct topo_ctx *c, struct topo *t, int line, const char *node, const char *ifname,
    struct ynode *mac, struct topo_end *e, struct used_if **used, size_t *nused)
{
	long i = node_index(t, node);
	bool ok = true;

	if (i < 0) {
		if (strcmp(node, "host") == 0 || strcmp(node, "mgmt-net") == 0 || strcmp(node, "macvlan") == 0)
			topo_problem(c, line, "endpoint %s:%s: links to '%s' are not supported by pmiplab (only "
			    "links between nodes)", node, ifname, node);
		else
			topo_problem(c, line, "endpoint %s:%s: node '%s' is not defined in topology.nodes",
			    node, ifname, node);
		return false;
	}
	e->node = (size_t)i;
	if (!ifname_map(c, line, &t->node[i], ifname, e->ifname))
		return false;
	for (size_t u = 0; u < *nused; u++)
		if ((*used)[u].node == e->node && strcmp((*used)[u].ifname, e->ifname) == 0) {
			topo_problem(c, line, "endpoint %s:%s: interface %s of node %s is already used by the link at "
			    "line %d", node, ifname, e->ifname, node, (*used)[u].line);
			return false;
		}
	*used = xrealloc(*used, *nused + 1, sizeof(**used));
	(*used)[*nused].node = e->node;
	memcpy((*used)[*nused].ifname, e->ifname, IFNAMSIZ);
	(*used)[*nused].line = line;
	(*nused)++;
	e->mac[0] = '\0';
	if (mac != NULL) {
		if (mac->type != Y_SCALAR || !mac_parse(mac->str, e->mac)) {
			topo_problem(c, mac->line, "endpoint %s:%s: mac must be six hex pairs, such as "
			    "02:00:00:00:01:01", node, ifname);
			ok = false;
		} else if (strtoul(e->mac, NULL, 16) & 1) {
			topo_problem(c, mac->line, "endpoint %s:%s: mac %s is a multicast address", node, ifname, e->mac);
			ok = false;
		} else if (strcmp(e->mac, "00:00:00:00:00:00") == 0) {
			topo_problem(c, mac->line, "endpoint %s:%s: mac 00:00:00:00:00:00 is not an address", node, ifname);
			ok = false;
		}
	}
	return ok;
}

static void
link_load(struct topo_ctx *c, struct topo *t, struct ynode *l, struct used_if **used, size_t *nused)
{
	struct topo_link tl;
	struct ynode *eps, *type, *mtu;
	bool ok = true, brief;

	memset(&tl, 0, sizeof(tl));
	tl.line = l->line;
	if (l->type != Y_MAP) {
		topo_problem(c, l->line, "a link must be a mapping with endpoints:, not %s", ytree_what(l));
		return;
	}
	type = ytree_get(l, "type", NULL);
	brief = type == NULL;
	if (type != NULL) {
		if (type->type != Y_SCALAR) {
			topo_problem(c, type->line, "link type must be a single value");
			return;
		}
		if (topo_in_list(other_link_types, type->str)) {
			topo_problem(c, type->line, "link type '%s' is not supported by pmiplab (only veth links "
			    "between nodes)", type->str);
			return;
		}
		if (strcmp(type->str, "veth") != 0) {
			topo_problem(c, type->line, "unknown link type '%s'", type->str);
			return;
		}
	}
	topo_check_keys(c, l, brief ? brief_link_keys : veth_link_keys, "link");
	eps = ytree_get(l, "endpoints", NULL);
	if (eps == NULL) {
		topo_problem(c, l->line, "link has no endpoints");
		return;
	}
	if (eps->type != Y_SEQ || eps->n != 2) {
		topo_problem(c, eps->line, "link endpoints must be a list of two endpoints");
		return;
	}
	for (int i = 0; i < 2; i++) {
		struct ynode *ep = eps->item[i];

		if (brief) {
			char *node, *colon;

			if (ep->type != Y_SCALAR || (colon = strchr(ep->str, ':')) == NULL ||
			    colon == ep->str || colon[1] == '\0') {
				topo_problem(c, ep->line, "endpoint must be NODE:INTERFACE, such as \"r1:eth1\"");
				ok = false;
				continue;
			}
			node = xstrdup(ep->str);
			node[colon - ep->str] = '\0';
			if (!endpoint_load(c, t, ep->line, node, colon + 1, NULL, &tl.end[i], used, nused))
				ok = false;
			free(node);
		} else {
			const char *node, *ifname;

			if (ep->type != Y_MAP) {
				topo_problem(c, ep->line, "endpoint must be a mapping with node: and interface:");
				ok = false;
				continue;
			}
			topo_check_keys(c, ep, endpoint_keys, "endpoint");
			node = topo_get_scalar(c, ep, "node", "endpoint", NULL);
			ifname = topo_get_scalar(c, ep, "interface", "endpoint", NULL);
			if (node == NULL || ifname == NULL) {
				if (ytree_get(ep, "node", NULL) == NULL || ytree_get(ep, "interface", NULL) == NULL)
					topo_problem(c, ep->line, "endpoint needs node: and interface:");
				ok = false;
				continue;
			}
			if (!endpoint_load(c, t, ep->line, node, ifname, ytree_get(ep, "mac", NULL),
			    &tl.end[i], used, nused))
				ok = false;
		}
	}
	mtu = ytree_get(l, "mtu", NULL);
	if (mtu != NULL) {
		char *end;
		long v;

		errno = 0;
		v = mtu->type == Y_SCALAR ? strtol(mtu->str, &end, 10) : 0;
		if (mtu->type != Y_SCALAR || errno || *end != '\0' || v < 68 || v > 65535) {
			topo_problem(c, mtu->line, "link mtu must be a number from 68 to 65535");
			ok = false;
		} else
			tl.mtu = (int)v;
	}
	if (!ok)
		return;
	t->link = xrealloc(t->link, t->nlinks + 1, sizeof(*t->link));
	t->link[t->nlinks++] = tl;
	t->node[tl.end[0].node].nintfs++;
	t->node[tl.end[1].node].nintfs++;
}

void
topo_links_load(struct topo_ctx *c, struct ynode *links, struct topo *t)
{
	struct used_if *used = NULL;
	size_t nused = 0;

	if (links->type == Y_NULL)
		return;
	if (links->type != Y_SEQ) {
		topo_problem(c, links->line, "topology.links must be a list, not %s", ytree_what(links));
		return;
	}
	for (size_t i = 0; i < links->n; i++)
		link_load(c, t, links->item[i], &used, &nused);
	free(used);
}
