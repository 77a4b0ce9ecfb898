/*
 * iface.c — interfaces through rtnetlink (see iface.h).
 *
 * Two netlink sockets: one subscribed to link and address events (driven by
 * the event loop), one for requests, each answered by an ACK or a dump
 * before the next is sent.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include <libmnl/libmnl.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include <event2/event.h>

#include "cl.h"
#include "iface.h"
#include "log.h"
#include "router.h"
#include "store.h"

#define MAXAPPLIED 32
#define MAXTRACK 256

/* What pmipd did to one Linux interface, so that it can be undone. */
struct applied {
	char ios[48];
	int index;		/* kernel index when applied */
	struct kaddr addrs[MAXAPPLIED];
	int naddrs;
	bool typed;		/* address configured from a session */
	bool alias_set;
	/* for rates */
	uint64_t rxp, txp, rxb, txb;
	struct timespec at;
	double in_bps, out_bps, in_pps, out_pps;
	time_t last_in, last_out;
	bool sampled;
};

struct iface_mgr {
	struct router *r;
	struct mnl_socket *ev, *req;
	unsigned seq;
	struct event *ev_read, *ev_tick;
	struct applied track[MAXTRACK];
	int ntrack;
	bool routes_dirty;	/* links or addresses changed: static routes again */
	bool routes_ours;	/* the last sync wanted or found static routes */
	struct event *ev_routes;
};

static struct applied *
track_get(struct iface_mgr *m, const char *ios, bool create)
{
	for (int i = 0; i < m->ntrack; i++)
		if (strcmp(m->track[i].ios, ios) == 0)
			return &m->track[i];
	if (!create || m->ntrack == MAXTRACK)
		return NULL;
	memset(&m->track[m->ntrack], 0, sizeof(m->track[0]));
	snprintf(m->track[m->ntrack].ios, sizeof(m->track[0].ios), "%s", ios);
	return &m->track[m->ntrack++];
}

/* ---- requests ----------------------------------------------------------- */

static int
ack_cb(const struct nlmsghdr *nlh, void *data)
{
	(void)nlh;
	(void)data;
	return MNL_CB_OK;
}

/* Sends one request and reads replies until its ACK (or the dump's end),
 * passing data messages to cb. */
static int
request(struct iface_mgr *m, struct nlmsghdr *nlh, mnl_cb_t cb, void *data)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned portid = mnl_socket_get_portid(m->req);
	int rc;

	nlh->nlmsg_seq = ++m->seq;
	/* NLM_F_DUMP shares bits with NLM_F_REPLACE: test for both of them */
	if ((nlh->nlmsg_flags & NLM_F_DUMP) != NLM_F_DUMP)
		nlh->nlmsg_flags |= NLM_F_ACK;
	if (mnl_socket_sendto(m->req, nlh, nlh->nlmsg_len) < 0)
		return -1;
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(m->req, buf, sizeof(buf));

		if (n < 0)
			return -1;
		rc = mnl_cb_run(buf, (size_t)n, m->seq, portid, cb ? cb : ack_cb, data);
		if (rc <= MNL_CB_STOP)
			return rc < 0 ? -1 : 0;
	}
}

static int
link_index(const char *lname)
{
	return (int)if_nametoindex(lname);
}

static int
set_link_up(struct iface_mgr *m, int index, bool up)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi;

	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = index;
	ifi->ifi_change = IFF_UP;
	ifi->ifi_flags = up ? IFF_UP : 0;
	return request(m, nlh, NULL, NULL);
}

static int
set_alias(struct iface_mgr *m, int index, const char *alias)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifinfomsg *ifi;

	nlh->nlmsg_type = RTM_NEWLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST;
	ifi = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifi));
	ifi->ifi_family = AF_UNSPEC;
	ifi->ifi_index = index;
	mnl_attr_put(nlh, IFLA_IFALIAS, strlen(alias), alias);
	return request(m, nlh, NULL, NULL);
}

static int
addr_op(struct iface_mgr *m, int index, const struct kaddr *a, bool add)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ifaddrmsg *ifa;
	size_t alen = a->family == AF_INET ? 4 : 16;

	nlh->nlmsg_type = add ? RTM_NEWADDR : RTM_DELADDR;
	nlh->nlmsg_flags = NLM_F_REQUEST | (add ? NLM_F_CREATE | NLM_F_REPLACE : 0);
	ifa = mnl_nlmsg_put_extra_header(nlh, sizeof(*ifa));
	ifa->ifa_family = (unsigned char)a->family;
	ifa->ifa_prefixlen = (unsigned char)a->plen;
	ifa->ifa_index = (unsigned)index;
	mnl_attr_put(nlh, IFA_LOCAL, alen, a->addr);
	mnl_attr_put(nlh, IFA_ADDRESS, alen, a->addr);
	if (a->family == AF_INET && a->plen < 31) {
		uint32_t v, mask = a->plen ? htonl(~0u << (32 - a->plen)) : 0;

		memcpy(&v, a->addr, 4);
		v |= ~mask;
		mnl_attr_put(nlh, IFA_BROADCAST, 4, &v);
	}
	if (a->family == AF_INET6 && add)
		mnl_attr_put_u32(nlh, IFA_FLAGS, IFA_F_NODAD);
	return request(m, nlh, NULL, NULL);
}

/* ---- applying configuration --------------------------------------------- */

struct desired {
	bool present;
	char *description;
	bool shutdown;
	struct kaddr addrs[MAXAPPLIED];
	int naddrs;
};

static int
mask_len(const char *mask)
{
	uint32_t m;
	int n = 0;

	if (!cl_parse_ipv4(mask, strlen(mask), &m))
		return -1;
	while (n < 32 && (m & (1u << (31 - n))))
		n++;
	return n;
}

static void
load_desired(struct router *r, const char *name, struct desired *d)
{
	sqlite3_stmt *s = store_prepare(r->run,
	    "SELECT id, description, ip_address, ip_mask, shutdown FROM interface WHERE name=?");
	int64_t id = 0;

	memset(d, 0, sizeof(*d));
	if (s == NULL)
		return;
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		const char *desc = (const char *)sqlite3_column_text(s, 1);
		const char *a = (const char *)sqlite3_column_text(s, 2);
		const char *mk = (const char *)sqlite3_column_text(s, 3);
		uint32_t v;

		d->present = true;
		id = sqlite3_column_int64(s, 0);
		d->description = desc ? strdup(desc) : NULL;
		d->shutdown = sqlite3_column_int(s, 4) != 0;
		if (a && mk && cl_parse_ipv4(a, strlen(a), &v)) {
			d->addrs[0].family = AF_INET;
			v = htonl(v);
			memcpy(d->addrs[0].addr, &v, 4);
			d->addrs[0].plen = mask_len(mk);
			d->naddrs = 1;
		}
	}
	sqlite3_reset(s);
	if (!d->present)
		return;
	s = store_prepare(r->run, "SELECT prefix FROM interface_ipv6 WHERE parent=? ORDER BY id");
	if (s == NULL)
		return;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW && d->naddrs < MAXAPPLIED) {
		const char *p = (const char *)sqlite3_column_text(s, 0);
		const char *sl = strchr(p, '/');
		struct kaddr *k = &d->addrs[d->naddrs];

		if (sl && cl_parse_ipv6(p, (size_t)(sl - p), k->addr)) {
			k->family = AF_INET6;
			k->plen = atoi(sl + 1);
			d->naddrs++;
		}
	}
	sqlite3_reset(s);
}

static bool
kaddr_eq(const struct kaddr *a, const struct kaddr *b)
{
	return a->family == b->family && a->plen == b->plen &&
	    memcmp(a->addr, b->addr, a->family == AF_INET ? 4 : 16) == 0;
}

void
iface_sync(struct router *r, const char *name)
{
	struct iface_mgr *m = r->ifm;
	struct desired d;
	struct applied *a;
	char lname[IFNAMSIZ];
	int index;

	if (m == NULL || !cl_ifname_to_linux(name, lname, sizeof(lname)))
		return;
	index = link_index(lname);
	load_desired(r, name, &d);
	a = track_get(m, name, d.present);
	if (index == 0 || a == NULL) {
		free(d.description);
		return;
	}
	if (a->index != index) {
		/* a new kernel interface: nothing of ours is on it */
		a->index = index;
		a->naddrs = 0;
		a->alias_set = false;
	}
	/* addresses we put there that are no longer wanted */
	for (int i = 0; i < a->naddrs; i++) {
		bool keep = false;

		for (int j = 0; j < d.naddrs; j++)
			if (kaddr_eq(&a->addrs[i], &d.addrs[j]))
				keep = true;
		if (!keep) {
			if (addr_op(m, index, &a->addrs[i], false) < 0 && errno != EADDRNOTAVAIL)
				log_warn("%s: removing an address", name);
			a->addrs[i--] = a->addrs[--a->naddrs];
		}
	}
	for (int j = 0; j < d.naddrs; j++) {
		bool have = false;

		for (int i = 0; i < a->naddrs; i++)
			if (kaddr_eq(&a->addrs[i], &d.addrs[j]))
				have = true;
		if (have)
			continue;
		if (addr_op(m, index, &d.addrs[j], true) < 0)
			log_warn("%s: adding an address", name);
		else if (a->naddrs < MAXAPPLIED)
			a->addrs[a->naddrs++] = d.addrs[j];
	}
	if (d.description || a->alias_set) {
		if (set_alias(m, index, d.description ? d.description : "") < 0)
			log_warn("%s: description", name);
		a->alias_set = d.description != NULL;
	}
	if (d.present && set_link_up(m, index, !d.shutdown) < 0)
		log_warn("%s: admin state", name);
	free(d.description);
}

void
iface_sync_all(struct router *r)
{
	sqlite3_stmt *s;
	char **names = NULL;
	int n = 0;

	if (r->ifm == NULL)
		return;
	s = store_prepare(r->run, "SELECT name FROM interface");
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		names = realloc(names, (size_t)(n + 1) * sizeof(*names));
		if (names == NULL)
			abort();
		names[n++] = strdup((const char *)sqlite3_column_text(s, 0));
	}
	if (s)
		sqlite3_reset(s);
	/* and those we touched that the configuration no longer has */
	for (int i = 0; i < r->ifm->ntrack; i++) {
		names = realloc(names, (size_t)(n + 1) * sizeof(*names));
		if (names == NULL)
			abort();
		names[n++] = strdup(r->ifm->track[i].ios);
	}
	for (int i = 0; i < n; i++) {
		iface_sync(r, names[i]);
		free(names[i]);
	}
	free(names);
	iface_routes_sync(r);
}

void
iface_note_method(struct router *r, const char *name, bool typed)
{
	struct applied *a;
	char lname[IFNAMSIZ];

	/* Only an interface Linux can have is ever shown with its method:
	 * the others would fill the table (a big configuration has hundreds
	 * of them) and push out the ones that exist. */
	if (r->ifm == NULL || !cl_ifname_to_linux(name, lname, sizeof(lname)) ||
	    (a = track_get(r->ifm, name, true)) == NULL)
		return;
	a->typed = typed;
}

const char *
iface_method(struct router *r, const char *name)
{
	struct applied *a = r->ifm ? track_get(r->ifm, name, false) : NULL;

	return a && a->typed ? "manual" : "NVRAM";
}

/* ---- reading state ------------------------------------------------------ */

struct listctx {
	struct kif *v;
	int n, cap;
};

static int
link_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	if (mnl_attr_type_valid(attr, IFLA_MAX) < 0)
		return MNL_CB_OK;
	tb[type] = attr;
	return MNL_CB_OK;
}

static int
link_cb(const struct nlmsghdr *nlh, void *data)
{
	struct listctx *l = data;
	struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFLA_MAX + 1] = { 0 };
	struct kif *k;
	const char *name;

	mnl_attr_parse(nlh, sizeof(*ifi), link_attr_cb, tb);
	if (tb[IFLA_IFNAME] == NULL)
		return MNL_CB_OK;
	name = mnl_attr_get_str(tb[IFLA_IFNAME]);
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = realloc(l->v, (size_t)l->cap * sizeof(*l->v));
		if (l->v == NULL)
			abort();
	}
	k = &l->v[l->n];
	memset(k, 0, sizeof(*k));
	k->index = ifi->ifi_index;
	k->flags = ifi->ifi_flags;
	snprintf(k->name, sizeof(k->name), "%s", name);
	if (!cl_ifname_from_linux(k->name, k->ios, sizeof(k->ios)))
		return MNL_CB_OK;
	l->n++;
	if (tb[IFLA_MTU])
		k->mtu = mnl_attr_get_u32(tb[IFLA_MTU]);
	if (tb[IFLA_ADDRESS] && mnl_attr_get_payload_len(tb[IFLA_ADDRESS]) == 6)
		memcpy(k->mac, mnl_attr_get_payload(tb[IFLA_ADDRESS]), 6);
	if (tb[IFLA_IFALIAS])
		snprintf(k->alias, sizeof(k->alias), "%s", mnl_attr_get_str(tb[IFLA_IFALIAS]));
	if (tb[IFLA_STATS64] &&
	    mnl_attr_get_payload_len(tb[IFLA_STATS64]) >= sizeof(struct rtnl_link_stats64)) {
		struct rtnl_link_stats64 st;

		memcpy(&st, mnl_attr_get_payload(tb[IFLA_STATS64]), sizeof(st));
		k->rx_packets = st.rx_packets;
		k->tx_packets = st.tx_packets;
		k->rx_bytes = st.rx_bytes;
		k->tx_bytes = st.tx_bytes;
		k->rx_errors = st.rx_errors;
		k->tx_errors = st.tx_errors;
		k->rx_dropped = st.rx_dropped;
		k->tx_dropped = st.tx_dropped;
		k->multicast = st.multicast;
		k->collisions = st.collisions;
		k->rx_crc = st.rx_crc_errors;
		k->rx_frame = st.rx_frame_errors;
		k->rx_fifo = st.rx_fifo_errors;
		k->rx_missed = st.rx_missed_errors;
		k->tx_carrier = st.tx_carrier_errors;
		k->tx_fifo = st.tx_fifo_errors;
	}
	return MNL_CB_OK;
}

static int
addr_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	if (mnl_attr_type_valid(attr, IFA_MAX) < 0)
		return MNL_CB_OK;
	tb[type] = attr;
	return MNL_CB_OK;
}

static int
addr_cb(const struct nlmsghdr *nlh, void *data)
{
	struct listctx *l = data;
	struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[IFA_MAX + 1] = { 0 };
	const struct nlattr *a;

	mnl_attr_parse(nlh, sizeof(*ifa), addr_attr_cb, tb);
	a = tb[IFA_LOCAL] ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (a == NULL)
		return MNL_CB_OK;
	for (int i = 0; i < l->n; i++) {
		struct kif *k = &l->v[i];
		size_t alen = ifa->ifa_family == AF_INET ? 4 : 16;

		if (k->index != (int)ifa->ifa_index || k->naddrs == 16 ||
		    mnl_attr_get_payload_len(a) < alen)
			continue;
		k->addrs[k->naddrs].family = ifa->ifa_family;
		k->addrs[k->naddrs].plen = ifa->ifa_prefixlen;
		memcpy(k->addrs[k->naddrs].addr, mnl_attr_get_payload(a), alen);
		k->naddrs++;
	}
	return MNL_CB_OK;
}

static int
kif_cmp(const void *a, const void *b)
{
	char ka[96], kb[96];

	cl_ifname_sortkey(((const struct kif *)a)->ios, ka, sizeof(ka));
	cl_ifname_sortkey(((const struct kif *)b)->ios, kb, sizeof(kb));
	return strcmp(ka, kb);
}

static int
dump(struct iface_mgr *m, struct listctx *l)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh;
	struct rtgenmsg *rt;

	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETLINK;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	rt = mnl_nlmsg_put_extra_header(nlh, sizeof(*rt));
	rt->rtgen_family = AF_PACKET;
	if (request(m, nlh, link_cb, l) < 0)
		return -1;
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETADDR;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	rt = mnl_nlmsg_put_extra_header(nlh, sizeof(*rt));
	rt->rtgen_family = AF_UNSPEC;
	return request(m, nlh, addr_cb, l);
}

int
iface_list(struct router *r, struct kif **out)
{
	struct listctx l = { NULL, 0, 0 };

	*out = NULL;
	if (r->ifm == NULL)
		return 0;
	if (dump(r->ifm, &l) < 0) {
		free(l.v);
		return 0;
	}
	qsort(l.v, (size_t)l.n, sizeof(*l.v), kif_cmp);
	for (int i = 0; i < l.n; i++) {
		struct applied *a = track_get(r->ifm, l.v[i].ios, false);

		if (a && a->sampled) {
			l.v[i].in_bps = a->in_bps;
			l.v[i].out_bps = a->out_bps;
			l.v[i].in_pps = a->in_pps;
			l.v[i].out_pps = a->out_pps;
			l.v[i].last_in = a->last_in;
			l.v[i].last_out = a->last_out;
		}
	}
	*out = l.v;
	return l.n;
}

/* ---- routes ------------------------------------------------------------- */

struct routectx {
	struct kroute *v;
	int n, cap;
	struct kif *ifs;
	int nifs;
	int family;
};

static int
route_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	if (mnl_attr_type_valid(attr, RTA_MAX) < 0)
		return MNL_CB_OK;
	tb[type] = attr;
	return MNL_CB_OK;
}

static int
route_cb(const struct nlmsghdr *nlh, void *data)
{
	struct routectx *c = data;
	struct rtmsg *rtm = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[RTA_MAX + 1] = { 0 };
	size_t alen = rtm->rtm_family == AF_INET ? 4 : 16;
	struct kroute *k;
	uint32_t table;

	if (rtm->rtm_family != c->family ||
	    (rtm->rtm_type != RTN_UNICAST && rtm->rtm_type != RTN_LOCAL))
		return MNL_CB_OK;
	mnl_attr_parse(nlh, sizeof(*rtm), route_attr_cb, tb);
	table = tb[RTA_TABLE] ? mnl_attr_get_u32(tb[RTA_TABLE]) : rtm->rtm_table;
	if (table != RT_TABLE_MAIN && table != RT_TABLE_LOCAL)
		return MNL_CB_OK;
	/* IPv6 local routes: from the addresses instead (local_routes6) */
	if (rtm->rtm_family == AF_INET6 && table == RT_TABLE_LOCAL && rtm->rtm_type == RTN_LOCAL)
		return MNL_CB_OK;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 32;
		c->v = realloc(c->v, sizeof(*c->v) * (size_t)c->cap);
		if (c->v == NULL)
			abort();
	}
	k = &c->v[c->n];
	memset(k, 0, sizeof(*k));
	k->family = rtm->rtm_family;
	k->plen = rtm->rtm_dst_len;
	k->table = (uint8_t)table;
	k->protocol = rtm->rtm_protocol;
	k->type = rtm->rtm_type;
	k->scope = rtm->rtm_scope;
	if (tb[RTA_DST] && mnl_attr_get_payload_len(tb[RTA_DST]) >= alen)
		memcpy(k->dst, mnl_attr_get_payload(tb[RTA_DST]), alen);
	if (tb[RTA_GATEWAY] && mnl_attr_get_payload_len(tb[RTA_GATEWAY]) >= alen) {
		memcpy(k->gw, mnl_attr_get_payload(tb[RTA_GATEWAY]), alen);
		k->has_gw = true;
	}
	if (tb[RTA_PRIORITY])
		k->metric = mnl_attr_get_u32(tb[RTA_PRIORITY]);
	if (tb[RTA_MULTIPATH] && !tb[RTA_OIF] &&
	    mnl_attr_get_payload_len(tb[RTA_MULTIPATH]) >= sizeof(struct rtnexthop)) {
		/* several next hops: the first one is shown */
		const struct rtnexthop *nh = mnl_attr_get_payload(tb[RTA_MULTIPATH]);
		const struct nlattr *na = (const struct nlattr *)RTNH_DATA(nh);
		size_t left = nh->rtnh_len > sizeof(*nh) ? nh->rtnh_len - sizeof(*nh) : 0;

		if (nh->rtnh_len <= mnl_attr_get_payload_len(tb[RTA_MULTIPATH])) {
			while (mnl_attr_ok(na, (int)left)) {
				if (mnl_attr_get_type(na) == RTA_GATEWAY &&
				    mnl_attr_get_payload_len(na) >= alen) {
					memcpy(k->gw, mnl_attr_get_payload(na), alen);
					k->has_gw = true;
				}
				left -= MNL_ALIGN(na->nla_len);
				na = mnl_attr_next(na);
			}
			tb[RTA_OIF] = NULL;
			k->oif_mp = nh->rtnh_ifindex;
		}
	}
	if (tb[RTA_OIF] || k->oif_mp) {
		int oif = tb[RTA_OIF] ? (int)mnl_attr_get_u32(tb[RTA_OIF]) : k->oif_mp;

		for (int i = 0; i < c->nifs; i++)
			if (c->ifs[i].index == oif) {
				snprintf(k->ios, sizeof(k->ios), "%s", c->ifs[i].ios);
				snprintf(k->lname, sizeof(k->lname), "%s", c->ifs[i].name);
				k->if_up = (c->ifs[i].flags & IFF_UP) && (c->ifs[i].flags & IFF_LOWER_UP);
			}
		if (k->lname[0] == '\0')
			if_indextoname((unsigned)oif, k->lname);
	}
	c->n++;
	return MNL_CB_OK;
}

/* The local route of each IPv6 address, as IOS lists it (L) the moment
 * the address is on an interface.  Linux adds it only when the address
 * has finished duplicate address detection, in a work queue, even with
 * DAD off: read from the kernel, a show right after the configuration
 * would miss it now and then. */
static void
local_routes6(struct routectx *c)
{
	for (int i = 0; i < c->nifs; i++)
		for (int a = 0; a < c->ifs[i].naddrs; a++) {
			struct kroute *k;

			if (c->ifs[i].addrs[a].family != AF_INET6)
				continue;
			if (c->n == c->cap) {
				c->cap = c->cap ? c->cap * 2 : 32;
				c->v = realloc(c->v, sizeof(*c->v) * (size_t)c->cap);
				if (c->v == NULL)
					abort();
			}
			k = &c->v[c->n++];
			memset(k, 0, sizeof(*k));
			k->family = AF_INET6;
			memcpy(k->dst, c->ifs[i].addrs[a].addr, 16);
			k->plen = 128;
			k->table = RT_TABLE_LOCAL;
			k->protocol = RTPROT_KERNEL;
			k->type = RTN_LOCAL;
			k->scope = RT_SCOPE_HOST;
			snprintf(k->ios, sizeof(k->ios), "%s", c->ifs[i].ios);
			snprintf(k->lname, sizeof(k->lname), "%s", c->ifs[i].name);
			k->if_up = (c->ifs[i].flags & IFF_UP) && (c->ifs[i].flags & IFF_LOWER_UP);
		}
}

static int
kroute_cmp(const void *a, const void *b)
{
	const struct kroute *x = a, *y = b;
	int d = memcmp(x->dst, y->dst, 16);

	if (d)
		return d;
	if (x->plen != y->plen)
		return x->plen - y->plen;
	return (int)x->table - (int)y->table;
}

int
iface_routes(struct router *r, int family, struct kroute **out)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct routectx c = { NULL, 0, 0, NULL, 0, family };
	struct nlmsghdr *nlh;
	struct rtmsg *rtm;

	*out = NULL;
	if (r->ifm == NULL)
		return 0;
	c.nifs = iface_list(r, &c.ifs);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = (unsigned char)family;
	if (request(r->ifm, nlh, route_cb, &c) < 0) {
		free(c.v);
		free(c.ifs);
		return 0;
	}
	if (family == AF_INET6)
		local_routes6(&c);
	free(c.ifs);
	if (c.n > 1)
		qsort(c.v, (size_t)c.n, sizeof(*c.v), kroute_cmp);
	*out = c.v;
	return c.n;
}

/* ---- static routes -------------------------------------------------------- */

struct sroute {
	uint32_t dst, gw;	/* host order; gw 0: none */
	int plen, oif;		/* oif 0: none */
	uint32_t metric;
};

static bool
sroute_eq(const struct sroute *a, const struct sroute *b)
{
	return a->dst == b->dst && a->plen == b->plen && a->gw == b->gw && a->oif == b->oif &&
	    a->metric == b->metric;
}

static int
sroute_op(struct iface_mgr *m, const struct sroute *rt, bool add)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct rtmsg *rtm;

	nlh->nlmsg_type = add ? RTM_NEWROUTE : RTM_DELROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | (add ? NLM_F_CREATE | NLM_F_EXCL : 0);
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = (unsigned char)rt->plen;
	rtm->rtm_table = RT_TABLE_MAIN;
	rtm->rtm_protocol = RTPROT_STATIC;
	rtm->rtm_scope = rt->gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	rtm->rtm_type = RTN_UNICAST;
	mnl_attr_put_u32(nlh, RTA_DST, htonl(rt->dst));
	if (rt->gw)
		mnl_attr_put_u32(nlh, RTA_GATEWAY, htonl(rt->gw));
	if (rt->oif)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)rt->oif);
	mnl_attr_put_u32(nlh, RTA_PRIORITY, rt->metric);
	return request(m, nlh, NULL, NULL);
}

void
iface_routes_sync(struct router *r)
{
	struct sroute *want = NULL, *have = NULL;
	int nwant = 0, nhave = 0, cap = 0;
	struct kroute *k;
	int nk;
	sqlite3_stmt *s;

	if (r->ifm == NULL)
		return;
	r->ifm->routes_dirty = false;
	s = store_prepare(r->run, "SELECT prefix_n, mask_n, nexthop, ifname, ifnh, distance "
	    "FROM ip_route ORDER BY prefix_n, mask_n, gw");
	while (s && sqlite3_step(s) == SQLITE_ROW) {
		struct sroute *w;

		if (nwant == cap) {
			cap = cap ? cap * 2 : 16;
			want = realloc(want, sizeof(*want) * (size_t)cap);
			if (want == NULL)
				abort();
		}
		w = &want[nwant];
		const char *nh = (const char *)sqlite3_column_text(s, 2);
		const char *ifn = (const char *)sqlite3_column_text(s, 3);
		uint32_t mask = (uint32_t)sqlite3_column_int64(s, 1);

		memset(w, 0, sizeof(*w));
		w->dst = (uint32_t)sqlite3_column_int64(s, 0);
		while (w->plen < 32 && (mask & (1u << (31 - w->plen))))
			w->plen++;
		if (sqlite3_column_type(s, 4) != SQLITE_NULL)
			nh = (const char *)sqlite3_column_text(s, 4);
		if (nh != NULL && !cl_parse_ipv4(nh, strlen(nh), &w->gw))
			continue;
		if (ifn != NULL) {
			char lname[IF_NAMESIZE];

			if (!cl_ifname_to_linux(ifn, lname, sizeof(lname)) ||
			    (w->oif = link_index(lname)) <= 0)
				continue;	/* the interface comes later */
		}
		w->metric = sqlite3_column_type(s, 5) == SQLITE_NULL ? 1 :
		    (uint32_t)sqlite3_column_int(s, 5);
		nwant++;
	}
	if (s)
		sqlite3_reset(s);
	/* nothing configured and nothing of ours in the kernel: no dump */
	if (nwant == 0 && !r->ifm->routes_ours) {
		free(want);
		return;
	}
	nk = iface_routes(r, AF_INET, &k);
	have = calloc((size_t)(nk ? nk : 1), sizeof(*have));
	if (have == NULL)
		abort();
	for (int i = 0; i < nk; i++) {
		struct sroute *h = &have[nhave];

		if (k[i].table != RT_TABLE_MAIN || k[i].protocol != RTPROT_STATIC)
			continue;
		memset(h, 0, sizeof(*h));
		h->dst = (uint32_t)k[i].dst[0] << 24 | (uint32_t)k[i].dst[1] << 16 |
		    (uint32_t)k[i].dst[2] << 8 | k[i].dst[3];
		h->plen = k[i].plen;
		if (k[i].has_gw)
			h->gw = (uint32_t)k[i].gw[0] << 24 | (uint32_t)k[i].gw[1] << 16 |
			    (uint32_t)k[i].gw[2] << 8 | k[i].gw[3];
		/* the kernel names the interface of a route with a next hop
		 * too: compare it only when the configuration names one */
		h->oif = k[i].lname[0] ? link_index(k[i].lname) : 0;
		h->metric = k[i].metric;
		nhave++;
	}
	free(k);
	r->ifm->routes_ours = nwant > 0;
	for (int i = 0; i < nhave; i++) {
		bool keep = false;

		for (int j = 0; j < nwant && !keep; j++) {
			struct sroute h = have[i];

			if (want[j].oif == 0)
				h.oif = 0;
			keep = sroute_eq(&h, &want[j]);
		}
		if (!keep)
			sroute_op(r->ifm, &have[i], false);
	}
	for (int j = 0; j < nwant; j++) {
		bool there = false;

		for (int i = 0; i < nhave && !there; i++) {
			struct sroute h = have[i];

			if (want[j].oif == 0)
				h.oif = 0;
			there = sroute_eq(&h, &want[j]);
		}
		/* a next hop not reachable yet: refused now, tried again later */
		if (!there && sroute_op(r->ifm, &want[j], true) < 0)
			log_debug("ip route: not installed yet: %s", strerror(errno));
	}
	free(want);
	free(have);
}

static void
routes_cb(evutil_socket_t fd, short what, void *arg)
{
	struct router *r = arg;

	(void)fd;
	(void)what;
	if (r->ifm->routes_dirty)
		iface_routes_sync(r);
}

void
iface_routes_touch(struct router *r)
{
	if (r->ifm == NULL)
		return;
	r->ifm->routes_dirty = true;
	event_active(r->ifm->ev_routes, EV_TIMEOUT, 0);
}

void
iface_routes_flush(struct router *r)
{
	if (r->ifm != NULL && r->ifm->routes_dirty)
		iface_routes_sync(r);
}

/* ---- neighbours ---------------------------------------------------------- */

struct neighctx {
	struct kneigh *v;
	int n, cap;
	struct kif *ifs;
	int nifs;
};

static int
neigh_attr_cb(const struct nlattr *attr, void *data)
{
	const struct nlattr **tb = data;
	int type = mnl_attr_get_type(attr);

	if (mnl_attr_type_valid(attr, NDA_MAX) < 0)
		return MNL_CB_OK;
	tb[type] = attr;
	return MNL_CB_OK;
}

static int
neigh_cb(const struct nlmsghdr *nlh, void *data)
{
	struct neighctx *c = data;
	struct ndmsg *nd = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NDA_MAX + 1] = { 0 };
	const struct kif *k = NULL;
	struct kneigh *e;

	if (nd->ndm_family != AF_INET || (nd->ndm_state & (NUD_NOARP | NUD_NONE)))
		return MNL_CB_OK;
	for (int i = 0; i < c->nifs && k == NULL; i++)
		if (c->ifs[i].index == nd->ndm_ifindex)
			k = &c->ifs[i];
	mnl_attr_parse(nlh, sizeof(*nd), neigh_attr_cb, tb);
	if (k == NULL || tb[NDA_DST] == NULL || mnl_attr_get_payload_len(tb[NDA_DST]) < 4)
		return MNL_CB_OK;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 16;
		c->v = realloc(c->v, sizeof(*c->v) * (size_t)c->cap);
		if (c->v == NULL)
			abort();
	}
	e = &c->v[c->n++];
	memset(e, 0, sizeof(*e));
	memcpy(e->addr, mnl_attr_get_payload(tb[NDA_DST]), 4);
	snprintf(e->ios, sizeof(e->ios), "%s", k->ios);
	if (tb[NDA_LLADDR] && mnl_attr_get_payload_len(tb[NDA_LLADDR]) >= 6 &&
	    !(nd->ndm_state & (NUD_INCOMPLETE | NUD_FAILED))) {
		memcpy(e->mac, mnl_attr_get_payload(tb[NDA_LLADDR]), 6);
		e->has_mac = true;
	}
	e->age_s = -1;
	if (tb[NDA_CACHEINFO] && mnl_attr_get_payload_len(tb[NDA_CACHEINFO]) >= sizeof(struct nda_cacheinfo)) {
		const struct nda_cacheinfo *ci = mnl_attr_get_payload(tb[NDA_CACHEINFO]);

		/* in USER_HZ ticks (100 a second) */
		e->age_s = (long)(ci->ndm_confirmed / 100);
	}
	return MNL_CB_OK;
}

int
iface_neighbors(struct router *r, struct kneigh **out)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct neighctx c = { NULL, 0, 0, NULL, 0 };
	struct nlmsghdr *nlh;
	struct ndmsg *nd;

	*out = NULL;
	if (r->ifm == NULL)
		return 0;
	c.nifs = iface_list(r, &c.ifs);
	nlh = mnl_nlmsg_put_header(buf);
	nlh->nlmsg_type = RTM_GETNEIGH;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nd = mnl_nlmsg_put_extra_header(nlh, sizeof(*nd));
	nd->ndm_family = AF_INET;
	if (request(r->ifm, nlh, neigh_cb, &c) < 0) {
		free(c.v);
		c.v = NULL;
		c.n = 0;
	}
	free(c.ifs);
	*out = c.v;
	return c.n;
}

/* ---- events ------------------------------------------------------------- */

/* Link and IPv4 address events: interfaces that appear late are configured,
 * and the mobility engine learns at once that a path lost its link or its
 * address (a roaming interface going down marks its path down). */
static int
event_link_cb(const struct nlmsghdr *nlh, void *data)
{
	struct router *r = data;
	char lname[IF_NAMESIZE];

	if (nlh->nlmsg_type == RTM_NEWADDR || nlh->nlmsg_type == RTM_DELADDR) {
		struct ifaddrmsg *ifa = mnl_nlmsg_get_payload(nlh);

		r->ifm->routes_dirty = true;
		if (if_indextoname(ifa->ifa_index, lname) != NULL)
			router_link_changed(r, lname, true);
		return MNL_CB_OK;
	}
	if (nlh->nlmsg_type != RTM_NEWLINK && nlh->nlmsg_type != RTM_DELLINK)
		return MNL_CB_OK;
	{
		struct ifinfomsg *ifi = mnl_nlmsg_get_payload(nlh);
		const struct nlattr *tb[IFLA_MAX + 1] = { 0 };
		char ios[48];

		mnl_attr_parse(nlh, sizeof(*ifi), link_attr_cb, tb);
		if (tb[IFLA_IFNAME] == NULL)
			return MNL_CB_OK;
		snprintf(lname, sizeof(lname), "%s", mnl_attr_get_str(tb[IFLA_IFNAME]));
		r->ifm->routes_dirty = true;
		router_link_changed(r, lname, nlh->nlmsg_type == RTM_NEWLINK);
		if (nlh->nlmsg_type != RTM_NEWLINK || !cl_ifname_from_linux(lname, ios, sizeof(ios)))
			return MNL_CB_OK;
		{
			struct applied *a = track_get(r->ifm, ios, false);

			/* a new interface, or one that came back with a new index */
			if (a == NULL || a->index != ifi->ifi_index)
				iface_sync(r, ios);
		}
	}
	return MNL_CB_OK;
}

static void
ev_read_cb(evutil_socket_t fd, short what, void *arg)
{
	struct router *r = arg;
	char buf[MNL_SOCKET_BUFFER_SIZE];
	ssize_t n;

	(void)fd;
	(void)what;
	n = mnl_socket_recvfrom(r->ifm->ev, buf, sizeof(buf));
	if (n <= 0)
		return;
	mnl_cb_run(buf, (size_t)n, 0, 0, event_link_cb, r);
	if (r->ifm->routes_dirty)
		iface_routes_sync(r);
}

/* 5 minute rates, decayed every 5 seconds as IOS's load interval does */
static void
tick_cb(evutil_socket_t fd, short what, void *arg)
{
	struct router *r = arg;
	struct iface_mgr *m = r->ifm;
	struct listctx l = { NULL, 0, 0 };
	struct timespec now;

	(void)fd;
	(void)what;
	iface_routes_sync(r);	/* next hops that became reachable */
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (dump(m, &l) < 0) {
		free(l.v);
		return;
	}
	for (int i = 0; i < l.n; i++) {
		struct applied *a = track_get(m, l.v[i].ios, true);
		double dt, w;

		if (a == NULL)
			continue;
		if (a->sampled) {
			dt = (double)(now.tv_sec - a->at.tv_sec) + (now.tv_nsec - a->at.tv_nsec) / 1e9;
			if (dt > 0.5) {
				w = dt / 300.0;
				if (w > 1)
					w = 1;
				a->in_bps += w * ((double)(l.v[i].rx_bytes - a->rxb) * 8 / dt - a->in_bps);
				a->out_bps += w * ((double)(l.v[i].tx_bytes - a->txb) * 8 / dt - a->out_bps);
				a->in_pps += w * ((double)(l.v[i].rx_packets - a->rxp) / dt - a->in_pps);
				a->out_pps += w * ((double)(l.v[i].tx_packets - a->txp) / dt - a->out_pps);
			}
			if (l.v[i].rx_packets != a->rxp)
				a->last_in = time(NULL);
			if (l.v[i].tx_packets != a->txp)
				a->last_out = time(NULL);
		}
		a->rxb = l.v[i].rx_bytes;
		a->txb = l.v[i].tx_bytes;
		a->rxp = l.v[i].rx_packets;
		a->txp = l.v[i].tx_packets;
		a->at = now;
		a->sampled = true;
	}
	free(l.v);
}

struct iface_mgr *
iface_mgr_new(struct router *r)
{
	struct iface_mgr *m = calloc(1, sizeof(*m));
	struct timeval five = { 5, 0 };

	if (m == NULL)
		abort();
	m->r = r;
	m->req = mnl_socket_open(NETLINK_ROUTE);
	m->ev = mnl_socket_open(NETLINK_ROUTE);
	if (m->req == NULL || m->ev == NULL || mnl_socket_bind(m->req, 0, MNL_SOCKET_AUTOPID) < 0 ||
	    mnl_socket_bind(m->ev, RTMGRP_LINK | RTMGRP_IPV4_IFADDR, MNL_SOCKET_AUTOPID) < 0) {
		log_warn("netlink: interfaces will not be applied");
		if (m->req)
			mnl_socket_close(m->req);
		if (m->ev)
			mnl_socket_close(m->ev);
		free(m);
		return NULL;
	}
	{
		/* a kernel that never answers must not freeze the router */
		struct timeval tv = { 2, 0 };

		setsockopt(mnl_socket_get_fd(m->req), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	}
	r->ifm = m;
	m->ev_read = event_new(r->base, mnl_socket_get_fd(m->ev), EV_READ | EV_PERSIST, ev_read_cb, r);
	event_add(m->ev_read, NULL);
	m->ev_tick = event_new(r->base, -1, EV_PERSIST, tick_cb, r);
	event_add(m->ev_tick, &five);
	m->ev_routes = event_new(r->base, -1, 0, routes_cb, r);
	/* static routes a pmipd before this one left are looked at once */
	m->routes_ours = true;
	tick_cb(-1, 0, r);
	return m;
}

void
iface_mgr_free(struct iface_mgr *m)
{
	if (m == NULL)
		return;
	event_free(m->ev_read);
	event_free(m->ev_tick);
	event_free(m->ev_routes);
	mnl_socket_close(m->req);
	mnl_socket_close(m->ev);
	free(m);
}
