/*
 * dp.c — the data plane's control side: builds the packet path's snapshot
 * from the configuration, the PMIPv6 engine's bindings and the kernel's
 * interfaces and neighbours, publishes it, frees old ones, and resolves
 * the next hops the packet path asks for (see dp.h, dp_int.h).
 *
 * A snapshot is rebuilt when what it is built from changed: a committed
 * configuration change, a binding or path that changed state (the engine's
 * generation counter, and at the MAG its few paths and nodes), or the
 * neighbour table.  Each check runs on the event loop's 100 ms tick.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <event2/event.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <linux/filter.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cl.h"
#include "dp_int.h"
#include "iface.h"
#include "log.h"
#include "mobility/mob.h"
#include "netio.h"
#include "router.h"
#include "rows.h"
#include "store.h"

const char *const dp_drop_names[DPD_NREASONS] = {
	[DPD_NO_BINDING] = "no binding",
	[DPD_SPOOFED] = "spoofed source",
	[DPD_TUNNEL_ACL] = "tunnel acl",
	[DPD_NULL_LINK] = "null link-type",
	[DPD_NO_PATH] = "no path up",
	[DPD_MTU] = "mtu",
	[DPD_NO_NEIGHBOR] = "no neighbor",
	[DPD_TTL] = "ttl expired",
	[DPD_MALFORMED] = "malformed",
	[DPD_RING_FULL] = "ring full",
	[DPD_TX_ERROR] = "send error",
};

const char *const dp_drop_keys[DPD_NREASONS] = {
	[DPD_NO_BINDING] = "no_binding",
	[DPD_SPOOFED] = "spoofed_source",
	[DPD_TUNNEL_ACL] = "tunnel_acl",
	[DPD_NULL_LINK] = "null_link_type",
	[DPD_NO_PATH] = "no_path_up",
	[DPD_MTU] = "mtu",
	[DPD_NO_NEIGHBOR] = "no_neighbor",
	[DPD_TTL] = "ttl_expired",
	[DPD_MALFORMED] = "malformed",
	[DPD_RING_FULL] = "ring_full",
	[DPD_TX_ERROR] = "send_error",
};

static struct dp *the_dp;	/* the engine hook has no argument */

/* ---- the kernel's interfaces ---------------------------------------------- */

struct kifs {
	struct ifaddrs *ifa;
};

static bool
if_mac(const struct kifs *k, const char *lname, uint8_t mac[6])
{
	for (struct ifaddrs *i = k->ifa; i; i = i->ifa_next)
		if (i->ifa_addr && i->ifa_addr->sa_family == AF_PACKET &&
		    strcmp(i->ifa_name, lname) == 0) {
			const struct sockaddr_ll *ll = (const void *)i->ifa_addr;

			if (ll->sll_halen != 6)
				return false;
			memcpy(mac, ll->sll_addr, 6);
			return true;
		}
	return false;
}

/* The first IPv4 address of lname and its mask (network order). */
static bool
if_v4(const struct kifs *k, const char *lname, uint32_t *addr, uint32_t *mask)
{
	for (struct ifaddrs *i = k->ifa; i; i = i->ifa_next)
		if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET && i->ifa_netmask &&
		    strcmp(i->ifa_name, lname) == 0) {
			*addr = ((const struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr;
			*mask = ((const struct sockaddr_in *)i->ifa_netmask)->sin_addr.s_addr;
			return true;
		}
	return false;
}

/* ---- building a snapshot -------------------------------------------------- */

/* The LMA's way to each MAG path, asked of the kernel once a build: an
 * LMA has many bindings over few paths. */
struct route_memo {
	uint32_t dst;
	bool ok;
	struct dp_out out;
};
#define ROUTE_MEMO 4096

struct build {
	struct dp *d;
	struct dp_snap *s;
	struct kifs k;
	int capmns, caprules, capmm, caplocals;
	bool incomplete;	/* some next hop has no MAC yet */
	struct route_memo *routes;	/* ROUTE_MEMO, open addressing on dst */
};

static void
add_local(struct build *b, uint32_t a)
{
	struct dp_snap *s = b->s;

	if (s->nlocals == b->caplocals) {
		int cap = b->caplocals ? b->caplocals * 2 : 16;
		uint32_t *v = realloc(s->locals, (size_t)cap * sizeof(*v));

		if (v == NULL)
			return;
		s->locals = v;
		b->caplocals = cap;
	}
	s->locals[s->nlocals++] = a;
}

/* The receive ring of ifindex, opened or taken over from a live one. */
static void
add_ring(struct build *b, const char *lname, int kind)
{
	struct dp *d = b->d;
	struct dp_snap *s = b->s;
	unsigned idx = if_nametoindex(lname);
	struct dp_ring *g = NULL;

	if (idx == 0 || s->nrings == DP_MAXRINGS)
		return;
	for (int i = 0; i < s->nrings; i++)
		if (s->rings[i]->ifindex == (int)idx)
			return;
	for (int i = 0; i < d->nlive; i++)
		if (d->rings[i]->ifindex == (int)idx)
			g = d->rings[i];
	if (g == NULL) {
		if (d->nlive == (int)(sizeof(d->rings) / sizeof(d->rings[0])))
			return;
		if ((g = dp_ring_open((int)idx)) == NULL) {
			log_warn("data plane: %s: receive ring", lname);
			return;
		}
		d->rings[d->nlive++] = g;
	}
	g->refs++;
	s->rings[s->nrings] = g;
	{
		uint32_t a, mask;

		s->rx_addr[s->nrings] = if_v4(&b->k, lname, &a, &mask) ? a : 0;
		if_mac(&b->k, lname, s->rx_mac[s->nrings]);
	}
	s->rx_kind[s->nrings++] = kind;
}

/* The kernel stops forwarding what arrives on lname: the engine does. */
static void
forwarding_off(struct dp *d, const char *lname)
{
	char path[96], old = '0';
	int fd;

	for (int i = 0; i < d->nfwd_off; i++)
		if (strcmp(d->fwd_off[i].lname, lname) == 0)
			return;
	if (d->nfwd_off == DP_MAXRINGS)
		return;
	snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/forwarding", lname);
	if ((fd = open(path, O_RDWR | O_CLOEXEC)) < 0)
		return;
	if (read(fd, &old, 1) != 1)
		old = '0';
	if (lseek(fd, 0, SEEK_SET) == 0 && write(fd, "0\n", 2) == 2) {
		snprintf(d->fwd_off[d->nfwd_off].lname, sizeof(d->fwd_off[0].lname), "%s", lname);
		d->fwd_off[d->nfwd_off++].old = old;
	}
	close(fd);
}

static void
forwarding_restore(struct dp *d)
{
	for (int i = 0; i < d->nfwd_off; i++) {
		char path[96], v[2] = { d->fwd_off[i].old, '\n' };
		int fd;

		snprintf(path, sizeof(path), "/proc/sys/net/ipv4/conf/%s/forwarding",
		    d->fwd_off[i].lname);
		if ((fd = open(path, O_WRONLY | O_CLOEXEC)) >= 0) {
			if (write(fd, v, 2) != 2)
				log_warn("%s", path);
			close(fd);
		}
	}
	d->nfwd_off = 0;
}

/* The MAC of next hop nh out of ifindex, from the neighbour dump. */
static void
resolve_out(struct build *b, struct dp_out *o, uint32_t nh)
{
	const struct dp_neigh *n = dp_neigh_find(b->s->neigh, b->s->nneigh, o->ifindex, nh);

	o->dmac_ok = n != NULL;
	if (n)
		memcpy(o->dmac, n->mac, 6);
	else {
		b->incomplete = true;
		dp_neigh_resolve(o->ifindex, nh);
	}
}

/* A tunnel's out: src to dst, leaving by lname (MAG: the roaming
 * interface, as its signaling does) or as the kernel routes dst. */
static bool
tunnel_out(struct build *b, struct dp_out *o, const char *lname, uint32_t src, uint32_t dst,
    unsigned mtu)
{
	int oif = lname ? (int)if_nametoindex(lname) : 0, out_if;
	uint32_t nh;
	char name[IF_NAMESIZE];

	memset(o, 0, sizeof(*o));
	if (lname && oif == 0)
		return false;
	if (!dp_route_get(dst, oif, &out_if, &nh)) {
		if (oif == 0)
			return false;
		out_if = oif;	/* as a socket bound to the device: on link */
		nh = dst;
	}
	if (if_indextoname((unsigned)out_if, name) == NULL || !if_mac(&b->k, name, o->smac))
		return false;
	o->ifindex = out_if;
	o->src = src;
	o->dst = dst;
	o->mtu = mtu;
	resolve_out(b, o, nh);
	return true;
}

/* The active mobile map of domain, compiled; labels numbered as the
 * domain numbers them (mob_domain_labels). */
static void
build_mmap(struct build *b, const char *domain, const char *map)
{
	struct dp_snap *s = b->s;
	struct router *r = b->d->r;
	char labels[64][MOB_NAME];
	int nl = mob_domain_labels(r, domain, labels, 64);
	struct pmip_domain_row dr;
	struct mobile_map_row mm;
	struct rows it;

	if (map == NULL || !pmip_domain_find(r->run, domain, &dr))
		return;
	/* first the rules of every entry, then the entries point into them */
	for (int pass = 0; pass < 2; pass++) {
		int nrules = 0;

		for (mobile_map_of(r->run, dr.id, &it); mobile_map_next(&it, &mm);) {
			struct acl_row ar;
			struct acl_entry_row er;
			struct rows ei;
			struct dp_mmentry *e = NULL;
			int first = nrules;

			if (strcmp(mm.name, map) != 0)
				continue;
			if (pass == 1) {
				if (s->nmmap == b->capmm) {
					int cap = b->capmm ? b->capmm * 2 : 8;
					struct dp_mmentry *v = realloc(s->mmap, (size_t)cap * sizeof(*v));

					if (v == NULL)
						continue;
					s->mmap = v;
					b->capmm = cap;
				}
				e = &s->mmap[s->nmmap++];
				memset(e, 0, sizeof(*e));
				e->seq = (int)mm.seq;
				e->null = mm.has_link_null && mm.link_null;
				for (int c = 0; c < 3; c++) {
					const char *l = c == 0 ? mm.link1 : c == 1 ? mm.link2 : mm.link3;

					for (int k = 0; l && k < nl; k++)
						if (strcmp(labels[k], l) == 0 && e->nlabels < DP_MAXLABELS)
							e->labels[e->nlabels++] = (uint8_t)(k + 1);
				}
			}
			if (mm.acl == NULL || !acl_find(r->run, mm.acl, &ar))
				continue;	/* no such list: it permits nothing */
			for (acl_entry_of(r->run, ar.id, &ei); acl_entry_next(&ei, &er);) {
				struct acl_rule rule;

				if (!acl_rule_of(&er, &rule) || rule.action == ACL_REMARK)
					continue;
				if (pass == 0) {
					nrules++;
					continue;
				}
				if (nrules < b->caprules)
					s->rules[nrules++] = rule;
			}
			if (pass == 1) {
				e->rules = s->rules + first;
				e->nrules = nrules - first;
			}
		}
		if (pass == 0 && nrules > 0) {
			s->rules = calloc((size_t)nrules, sizeof(*s->rules));
			b->caprules = s->rules ? nrules : 0;
		}
	}
}

/* The rules of access list name, in order (remarks left out); NULL with
 * *n 0 when there is no such list. */
static struct acl_rule *
compile_acl(struct router *r, const char *name, int *n)
{
	struct acl_row ar;
	struct acl_entry_row er;
	struct rows it;
	struct acl_rule *v = NULL;
	int cap = 0;

	*n = 0;
	if (name == NULL || !acl_find(r->run, name, &ar))
		return NULL;
	for (acl_entry_of(r->run, ar.id, &it); acl_entry_next(&it, &er);) {
		struct acl_rule rule;

		if (!acl_rule_of(&er, &rule) || rule.action == ACL_REMARK)
			continue;
		if (*n == cap) {
			struct acl_rule *w;

			cap = cap ? cap * 2 : 16;
			if ((w = realloc(v, (size_t)cap * sizeof(*v))) == NULL) {
				rows_end(&it);
				break;
			}
			v = w;
		}
		v[(*n)++] = rule;
	}
	if (v == NULL)	/* a list with no entries: denies all, as on IOS */
		v = calloc(1, sizeof(*v));
	return v;
}

static struct dp_mn *
new_mn(struct build *b)
{
	struct dp_snap *s = b->s;

	if (s->nmns == b->capmns) {
		int cap = b->capmns ? b->capmns * 2 : 8;
		struct dp_mn *v;

		if (cap > 1 << 20 || (v = realloc(s->mns, (size_t)cap * sizeof(*v))) == NULL)
			return NULL;
		s->mns = v;
		b->capmns = cap;
	}
	memset(&s->mns[s->nmns], 0, sizeof(s->mns[0]));
	return &s->mns[s->nmns++];
}

static bool
mag_path_up(const struct mag *g, const struct mpath *p)
{
	return p->link_up && p->hb_ok && p->coa.s_addr != 0 && p->fd >= 0 && g->lma.s_addr != 0;
}

static void
build_mag(struct build *b, const struct mag *g)
{
	struct router *r = b->d->r;
	struct pmip_mag_row row;
	struct dp_path paths[MOB_MAXPATHS];
	char lname[32];
	unsigned mtu = 0;

	if (!g->udp || !pmip_mag_find(r->run, g->name, &row))
		return;		/* gre-ipv4: not carried yet */
	b->s->role = DP_MAG;
	if (row.tunnel_mtu > 0)
		mtu = (unsigned)row.tunnel_mtu;
	for (int i = 0; i < g->npaths && i < MOB_MAXPATHS; i++) {
		const struct mpath *p = &g->path[i];

		memset(&paths[i], 0, sizeof(paths[i]));
		paths[i].label = p->label_num;
		paths[i].prio = p->prio;
		paths[i].tunnel = p->tunnel;
		paths[i].up = mag_path_up(g, p) &&
		    tunnel_out(b, &paths[i].out, p->lname, p->coa.s_addr, g->lma.s_addr, mtu);
		if (p->lname[0])
			add_ring(b, p->lname, DPR_TUNNEL);
	}
	if (row.egress_if && cl_ifname_to_linux(row.egress_if, lname, sizeof(lname))) {
		add_ring(b, lname, DPR_ACCESS);
		forwarding_off(b->d, lname);
	}
	for (int n = 0; n < g->nmn; n++) {
		const struct mmn *m = &g->mn[n];
		struct dp_mn *dm = new_mn(b);
		char nets[sizeof(m->mnets)];
		char *save = NULL;

		if (dm == NULL)
			break;
		if (m->hoa.s_addr) {
			dm->pfx[dm->npfx].addr = m->hoa.s_addr;
			dm->pfx[dm->npfx++].mask = 0xffffffffu;
		}
		/* its mobile networks: the subnets of their interfaces */
		snprintf(nets, sizeof(nets), "%s", m->mnets);
		for (char *w = strtok_r(nets, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
			uint32_t a, mask;

			if (!cl_ifname_to_linux(w, lname, sizeof(lname)) || !if_v4(&b->k, lname, &a, &mask))
				continue;
			if (dm->npfx < DP_MAXPFX) {
				dm->pfx[dm->npfx].addr = a & mask;
				dm->pfx[dm->npfx++].mask = mask;
			}
			if (dm->deliver.ifindex == 0) {
				dm->deliver.ifindex = (int)if_nametoindex(lname);
				if_mac(&b->k, lname, dm->deliver.smac);
			}
			add_ring(b, lname, DPR_ACCESS);
			forwarding_off(b->d, lname);
		}
		for (int i = 0; i < g->npaths && i < MOB_MAXPATHS && dm->npaths < DP_MAXPATHS; i++) {
			dm->path[dm->npaths] = paths[i];
			dm->path[dm->npaths].up = paths[i].up && m->b[i].state == MB_REGISTERED;
			dm->npaths++;
		}
	}
	build_mmap(b, g->domain, row.mobile_map);
	b->s->tacl = compile_acl(r, row.tunnel_acl, &b->s->ntacl);
}

/* tunnel_out for an LMA's path to dst, remembered for the build. */
static bool
peer_out(struct build *b, struct dp_out *o, uint32_t src, uint32_t dst, unsigned mtu)
{
	uint32_t h = dp_pfx_hash(dst, 32) & (ROUTE_MEMO - 1);

	if (b->routes == NULL && (b->routes = calloc(ROUTE_MEMO, sizeof(*b->routes))) == NULL)
		return tunnel_out(b, o, NULL, src, dst, mtu);
	for (int n = 0; n < ROUTE_MEMO; n++, h = (h + 1) & (ROUTE_MEMO - 1)) {
		struct route_memo *m = &b->routes[h];

		if (m->dst == dst) {
			*o = m->out;
			return m->ok;
		}
		if (m->dst == 0) {
			m->dst = dst;
			m->ok = tunnel_out(b, &m->out, NULL, src, dst, mtu);
			*o = m->out;
			return m->ok;
		}
	}
	return tunnel_out(b, o, NULL, src, dst, mtu);	/* more paths than the memo holds */
}

static void
build_lma(struct build *b, const struct lma *l)
{
	struct router *r = b->d->r;
	struct pmip_lma_row row;
	char lname[32];
	unsigned mtu = 0;
	struct ifaddrs *i;

	if (!l->udp || !pmip_lma_find(r->run, l->name, &row))
		return;
	b->s->role = DP_LMA;
	b->s->lma_addr = l->addr.s_addr;
	if (row.tunnel_mtu > 0)
		mtu = (unsigned)row.tunnel_mtu;
	if (row.egress_if && cl_ifname_to_linux(row.egress_if, lname, sizeof(lname))) {
		struct dp_out *o = &b->s->egress;
		uint32_t a, mask;

		o->ifindex = (int)if_nametoindex(lname);
		if_mac(&b->k, lname, o->smac);
		if (if_v4(&b->k, lname, &a, &mask)) {
			b->s->egress_net = a & mask;
			b->s->egress_mask = mask;
		}
		/* what is not on the egress subnet goes to the default route's
		 * next hop, when that route leaves by the egress interface */
		{
			struct kroute *rt;
			int nr = iface_routes(r, AF_INET, &rt);

			for (int k = 0; k < nr; k++)
				if (rt[k].plen == 0 && rt[k].has_gw && strcmp(rt[k].lname, lname) == 0) {
					memcpy(&b->s->egress_gw, rt[k].gw, 4);
					break;
				}
			free(rt);
		}
		add_ring(b, lname, DPR_EGRESS);
		forwarding_off(b->d, lname);
	}
	/* tunnels arrive on any other interface */
	for (i = b->k.ifa; i; i = i->ifa_next)
		if (i->ifa_addr && i->ifa_addr->sa_family == AF_PACKET &&
		    !(i->ifa_flags & IFF_LOOPBACK) && strcmp(i->ifa_name, lname) != 0)
			add_ring(b, i->ifa_name, DPR_TUNNEL);
	for (size_t h = 0; h < l->mhsize; h++)
		for (const struct lmn *n = l->mh[h]; n; n = n->next_hash) {
			struct dp_mn *dm;

			if (n->bindings == NULL || (dm = new_mn(b)) == NULL)
				continue;
			if (n->hoa.family == AF_INET && dm->npfx < DP_MAXPFX) {
				/* the home address itself: its pool's prefix is shared */
				dm->pfx[dm->npfx].addr = n->hoa.a.v4.s_addr;
				dm->pfx[dm->npfx++].mask = 0xffffffffu;
			}
			if (n->mnp.family == AF_INET && dm->npfx < DP_MAXPFX) {
				uint32_t mask = n->mnp.plen ? htonl(~0u << (32 - n->mnp.plen)) : 0;

				dm->pfx[dm->npfx].addr = n->mnp.a.v4.s_addr & mask;
				dm->pfx[dm->npfx++].mask = mask;
			}
			for (const struct bce *c = n->bindings; c && dm->npaths < DP_MAXPATHS;
			    c = c->next_mn) {
				struct dp_path *p = &dm->path[dm->npaths];

				if (c->deleting)
					continue;
				memset(p, 0, sizeof(*p));
				p->label = c->label;
				p->prio = c->bid;	/* the MAG numbers its paths in its order */
				p->tunnel = c->peer->tunnel;
				p->up = !c->down && !c->peer->dead &&
				    peer_out(b, &p->out, l->addr.s_addr, c->peer->addr.s_addr, mtu);
				if (!p->up)
					p->out.dst = c->peer->addr.s_addr;	/* still the node's path */
				dm->npaths++;
			}
		}
	build_mmap(b, l->domain, row.mobile_map);
	b->s->tacl = compile_acl(r, row.tunnel_acl, &b->s->ntacl);
}

/* The mobile nodes by prefix (dp_snap.pidx): a table at most half full. */
static void
index_mns(struct dp_snap *s)
{
	size_t n = 0, size = 16;
	bool used[33] = { false };

	for (int i = 0; i < s->nmns; i++)
		n += (size_t)s->mns[i].npfx;
	while (size < 2 * n)
		size *= 2;
	if ((s->pidx = malloc(size * sizeof(*s->pidx))) == NULL) {
		s->nmns = 0;	/* forwards nothing rather than misroute */
		return;
	}
	for (size_t i = 0; i < size; i++)
		s->pidx[i].mn = -1;
	s->pidx_mask = (uint32_t)(size - 1);
	for (int i = 0; i < s->nmns; i++)
		for (int p = 0; p < s->mns[i].npfx; p++) {
			uint32_t key = s->mns[i].pfx[p].addr & s->mns[i].pfx[p].mask;
			uint8_t plen = (uint8_t)__builtin_popcount(s->mns[i].pfx[p].mask);
			uint32_t h = dp_pfx_hash(key, plen) & s->pidx_mask;

			while (s->pidx[h].mn >= 0 && !(s->pidx[h].key == key && s->pidx[h].plen == plen))
				h = (h + 1) & s->pidx_mask;
			if (s->pidx[h].mn < 0) {	/* the first node to claim it keeps it */
				s->pidx[h] = (struct dp_pfxent){ key, plen, i };
				used[plen] = true;
			}
		}
	for (int l = 32; l >= 0; l--)
		if (used[l])
			s->plens[s->nplens++] = (uint8_t)l;
}

static void
snap_free(struct dp *d, struct dp_snap *s)
{
	if (s == NULL)
		return;
	for (int i = 0; i < s->nrings; i++)
		s->rings[i]->refs--;
	/* rings no snapshot lists any more are closed */
	for (int i = 0; i < d->nlive;) {
		if (d->rings[i]->refs == 0) {
			dp_ring_close(d->rings[i]);
			d->rings[i] = d->rings[--d->nlive];
		} else
			i++;
	}
	free(s->mns);
	free(s->mmap);
	free(s->rules);
	free(s->tacl);
	free(s->neigh);
	free(s->locals);
	free(s->pidx);
	free(s);
}

static struct dp_snap *
build(struct dp *d, bool *incomplete)
{
	struct build b;
	struct mob *m = d->r->mob;

	memset(&b, 0, sizeof(b));
	b.d = d;
	if ((b.s = calloc(1, sizeof(*b.s))) == NULL)
		return NULL;
	b.s->gen = ++d->next_gen;
	if (getifaddrs(&b.k.ifa) < 0)
		b.k.ifa = NULL;
	for (struct ifaddrs *i = b.k.ifa; i; i = i->ifa_next)
		if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET)
			add_local(&b, ((const struct sockaddr_in *)i->ifa_addr)->sin_addr.s_addr);
	b.s->nneigh = dp_neigh_dump(&b.s->neigh);
	if (m && m->nlmas > 0)
		build_lma(&b, m->lmas[0]);
	else if (m && m->nmags > 0)
		build_mag(&b, m->mags[0]);
	index_mns(b.s);
	free(b.routes);
	freeifaddrs(b.k.ifa);
	*incomplete = b.incomplete;
	return b.s;
}

/* What the snapshot is built from, in one number: a change anywhere in it
 * changes the number (but for hash collisions, which cost one tick). */
static uint64_t
signature(struct dp *d, const struct dp_neigh *nb, int nn)
{
	struct mob *m = d->r->mob;
	uint64_t h = 1469598103934665603ull;

#define MIX(v) (h = (h ^ (uint64_t)(v)) * 1099511628211ull)
	MIX(d->config_gen);
	if (m) {
		MIX(m->gen);
		for (int i = 0; i < m->nmags; i++) {
			const struct mag *g = m->mags[i];

			MIX(g->lma.s_addr);
			for (int p = 0; p < g->npaths; p++) {
				MIX(g->path[p].coa.s_addr);
				MIX(mag_path_up(g, &g->path[p]));
			}
			for (int n = 0; n < g->nmn; n++) {
				MIX(g->mn[n].hoa.s_addr);
				for (int p = 0; p < g->npaths; p++)
					MIX(g->mn[n].b[p].state == MB_REGISTERED);
			}
		}
	}
	for (int i = 0; i < nn; i++) {
		MIX(nb[i].ifindex);
		MIX(nb[i].addr);
		for (int k = 0; k < 6; k++)
			MIX(nb[i].mac[k]);
	}
#undef MIX
	return h;
}

static void
publish(struct dp *d, struct dp_snap *s)
{
	struct dp_snap *old = atomic_exchange_explicit(&d->cur, s, memory_order_acq_rel);
	uint64_t ep = atomic_fetch_add_explicit(&d->epoch, 1, memory_order_acq_rel) + 1;

	if (old == NULL)
		return;
	if (d->nretired == (int)(sizeof(d->retired) / sizeof(d->retired[0]))) {
		/* the thread is stuck: wait for it rather than free under it */
		while (atomic_load_explicit(&d->seen, memory_order_acquire) < d->retired[0].epoch &&
		    d->running)
			usleep(1000);
	}
	d->retired[d->nretired].s = old;
	d->retired[d->nretired++].epoch = ep;
}

static void
reap(struct dp *d, bool all)
{
	uint64_t seen = atomic_load_explicit(&d->seen, memory_order_acquire);
	int o = 0;

	for (int i = 0; i < d->nretired; i++) {
		if (all || seen >= d->retired[i].epoch)
			snap_free(d, d->retired[i].s);
		else
			d->retired[o++] = d->retired[i];
	}
	d->nretired = o;
}

/* The next hops the packet path asked for: resolve them. */
static bool
take_wants(struct dp *d)
{
	uint32_t head = atomic_load_explicit(&d->want_head, memory_order_acquire);
	unsigned nslots = sizeof(d->want) / sizeof(d->want[0]);
	bool any = false;

	if (head - d->want_tail > nslots)
		d->want_tail = head - nslots;	/* lapped: the newest count */
	for (; d->want_tail != head; d->want_tail++) {
		unsigned slot = d->want_tail % nslots;
		int ifx = atomic_load_explicit(&d->want[slot].ifindex, memory_order_relaxed);
		uint32_t a = atomic_load_explicit(&d->want[slot].addr, memory_order_relaxed);

		if (ifx > 0 && a != 0)
			dp_neigh_resolve(ifx, a);
		any = true;
	}
	return any;
}

static void
tick_cb(evutil_socket_t fd, short what, void *arg)
{
	struct dp *d = arg;
	struct dp_neigh *nb;
	int nn;
	uint64_t sig;
	bool incomplete = false;
	struct dp_snap *s;
	uint64_t t0;

	(void)fd;
	(void)what;
	reap(d, false);
	take_wants(d);
	/* a router with neither MAG nor LMA forwards nothing: no neighbours
	 * to watch (its snapshot changes only with the configuration) */
	if (d->r->mob == NULL || (d->r->mob->nmags == 0 && d->r->mob->nlmas == 0)) {
		nb = NULL;
		nn = 0;
	} else
		nn = dp_neigh_dump(&nb);
	sig = signature(d, nb, nn);
	free(nb);
	if (sig == d->built_sig && !d->incomplete)
		return;
	/* a build costs the event loop its time: the next waits ten times
	 * as long (a burst of a million registrations rebuilds now and
	 * then, not every tick) */
	if (mob_now_ms() < d->next_build_ms)
		return;
	t0 = mob_now_ms();
	if ((s = build(d, &incomplete)) == NULL)
		return;
	publish(d, s);
	d->next_build_ms = mob_now_ms() + 10 * (mob_now_ms() - t0);
	d->built_sig = sig;
	d->incomplete = incomplete;	/* build again until every next hop is known */
}

/* ---- life cycle ------------------------------------------------------------ */

static void
config_changed(struct router *r, const struct store_changes *c)
{
	(void)r;
	(void)c;
	if (the_dp)
		the_dp->config_gen++;
}

static const struct router_engine dp_engine = { .changed = config_changed };

/* UDP 5437 held by a socket that drops what it gets: the tunnel's packets
 * are the engine's, and the kernel must not answer them with port
 * unreachable. */
static int
hold_data_port(void)
{
	struct sock_filter drop = BPF_STMT(BPF_RET | BPF_K, 0);
	struct sock_fprog prog = { 1, &drop };
	struct sockaddr_in sin;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), one = 1;

	if (fd < 0)
		return -1;
	setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof(prog));
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons(DP_DATA_PORT);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		log_warn("data plane: UDP port %d", DP_DATA_PORT);
		close(fd);
		return -1;
	}
	return fd;
}

struct dp *
dp_new(struct router *r)
{
	struct dp *d;
	struct timeval tv = { 0, 100000 };

	if (r->check_only)
		return NULL;
	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	d->r = r;
	d->tunnels = calloc(DP_MAXTUNNELS, sizeof(*d->tunnels));
	d->flows = calloc(DP_FLOWS, sizeof(*d->flows));
	d->txfd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (d->tunnels == NULL || d->flows == NULL || d->txfd < 0) {
		log_warn("data plane: not started");
		if (d->txfd >= 0)
			close(d->txfd);
		free(d->tunnels);
		free(d->flows);
		free(d);
		return NULL;
	}
	d->holdfd = hold_data_port();
	if (pthread_create(&d->thread, NULL, dp_thread, d) == 0)
		d->running = true;
	else
		log_warn("data plane: thread");
	the_dp = d;
	router_add_engine(r, &dp_engine);
	d->tick = event_new(r->base, -1, EV_PERSIST, tick_cb, d);
	event_add(d->tick, &tv);
	return d;
}

void
dp_free(struct dp *d)
{
	if (d == NULL)
		return;
	if (d->tick)
		event_free(d->tick);
	atomic_store_explicit(&d->stop, true, memory_order_release);
	if (d->running)
		pthread_join(d->thread, NULL);
	d->running = false;
	publish(d, NULL);
	reap(d, true);
	forwarding_restore(d);
	if (d->holdfd >= 0)
		close(d->holdfd);
	close(d->txfd);
	dp_nl_close();
	free(d->tunnels);
	free(d->flows);
	if (the_dp == d)
		the_dp = NULL;
	free(d);
}

bool
dp_tunnel_counters(const struct dp *d, int tunnel, struct dp_tcount *out)
{
	const struct dp_tcount_a *t;

	if (d == NULL || tunnel < 0 || tunnel >= DP_MAXTUNNELS)
		return false;
	t = &d->tunnels[tunnel];
	out->tx_packets = atomic_load_explicit(&t->tx_packets, memory_order_relaxed);
	out->tx_bytes = atomic_load_explicit(&t->tx_bytes, memory_order_relaxed);
	out->rx_packets = atomic_load_explicit(&t->rx_packets, memory_order_relaxed);
	out->rx_bytes = atomic_load_explicit(&t->rx_bytes, memory_order_relaxed);
	return true;
}

int
dp_flows(const struct dp *d, struct dp_flow_view *out, int max)
{
	uint64_t now = mob_now_ms();
	int n = 0;

	if (d == NULL || d->flows == NULL)
		return 0;
	for (int i = 0; i < DP_FLOWS && n < max; i++) {
		const struct dp_flow *f = &d->flows[i];
		struct dp_flow c;
		uint32_t s1, s2;
		int tries = 0;

		do {
			s1 = atomic_load_explicit(&f->seq, memory_order_acquire);
			memcpy((char *)&c + sizeof(c.seq), (const char *)f + sizeof(f->seq),
			    sizeof(c) - sizeof(c.seq));
			atomic_thread_fence(memory_order_acquire);
			s2 = atomic_load_explicit(&f->seq, memory_order_relaxed);
		} while ((s1 != s2 || (s1 & 1)) && ++tries < 100);
		if (s1 != s2 || (s1 & 1) || c.gen == 0 || c.packets == 0)
			continue;	/* free, or being written all along */
		out[n] = (struct dp_flow_view){
			.src = c.src, .dst = c.dst, .sport = c.sport, .dport = c.dport,
			.proto = c.proto, .down = c.down, .map_seq = c.path >= 0 || c.entry >= 0 ?
			    c.map_seq : -1, .label = c.label, .tunnel = c.path >= 0 ? c.tunnel : -1,
			.why = c.why, .packets = c.packets, .bytes = c.bytes,
			.age_ms = now > c.first_ms ? now - c.first_ms : 0,
			.idle_ms = now > c.last_ms ? now - c.last_ms : 0,
		};
		n++;
	}
	return n;
}

void
dp_clear_counters(struct dp *d)
{
	if (d == NULL)
		return;
	/* a packet counted at this very moment may count before or after */
	for (int i = 0; i < DPD_NREASONS; i++)
		atomic_store_explicit(&d->drops[i], 0, memory_order_relaxed);
	for (int t = 0; t < DP_MAXTUNNELS; t++) {
		struct dp_tcount_a *c = &d->tunnels[t];

		atomic_store_explicit(&c->tx_packets, 0, memory_order_relaxed);
		atomic_store_explicit(&c->tx_bytes, 0, memory_order_relaxed);
		atomic_store_explicit(&c->rx_packets, 0, memory_order_relaxed);
		atomic_store_explicit(&c->rx_bytes, 0, memory_order_relaxed);
	}
}

void
dp_drops(const struct dp *d, uint64_t out[DPD_NREASONS])
{
	for (int i = 0; i < DPD_NREASONS; i++)
		out[i] = d ? atomic_load_explicit(&d->drops[i], memory_order_relaxed) : 0;
}
