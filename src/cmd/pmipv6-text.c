/*
 * pmipv6-text.c — the PMIPv6 show records as IOS-style text (see
 * pmipv6-out.h for the layout).
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd/pmipv6-out.h"
#include "strbuf.h"

#define KEYCOL 28
#define RULE "--------------------------------------------------\n"
#define BRULE "----------------------------------------\n"
#define BIND "        [Binding][MN]"

/* ---- the layout ----------------------------------------------------------- */

static void
kv(struct pout *o, const char *label, const char *value)
{
	int pad = KEYCOL - o->indent;

	sb_pad(o->out, ' ', (size_t)o->indent);
	sb_adds(o->out, label);
	if ((int)strlen(label) < pad)
		sb_pad(o->out, ' ', (size_t)(pad - (int)strlen(label)));
	else
		sb_addc(o->out, ' ');
	sb_adds(o->out, ": ");
	sb_adds(o->out, value);
	sb_addc(o->out, '\n');
}

static void __attribute__((format(printf, 3, 4)))
kvf(struct pout *o, const char *label, const char *vfmt, ...)
{
	struct strbuf v = STRBUF_INIT;
	va_list ap;

	va_start(ap, vfmt);
	sb_vprintf(&v, vfmt, ap);
	va_end(ap);
	kv(o, label, v.s ? v.s : "");
	sb_free(&v);
}

static void
num(struct pout *o, const char *label, long long n)
{
	kvf(o, label, "%lld", n);
}

static void
onoff(struct pout *o, const char *label, bool v)
{
	kv(o, label, v ? "Enabled" : "Disabled");
}

static void
ref(struct pout *o, const char *label, const struct pr_ref *r)
{
	if (r->defined)
		kv(o, label, r->name);
	else
		kvf(o, label, "%s (not defined)", r->name);
}

/* A sub-object: "label : summary", or the label alone; members below. */
static void
sub(struct pout *o, const char *label, const char *summary)
{
	if (summary && *summary)
		kv(o, label, summary);
	else {
		sb_pad(o->out, ' ', (size_t)o->indent);
		sb_adds(o->out, label);
		sb_addc(o->out, '\n');
	}
	o->indent += 2;
}

static void
end_sub(struct pout *o)
{
	o->indent -= 2;
}

static void
addrs(struct strbuf *v, const char *v4, const char *v6)
{
	if (v4)
		sb_printf(v, "IPv4 %s", v4);
	if (v6)
		sb_printf(v, "%sIPv6 %s", v4 ? ", " : "", v6);
	if (!v4 && !v6)
		sb_adds(v, "no address");
}

static const char *
ip4(struct in_addr a, char *buf)
{
	return inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

/* IOS ages: hh:mm:ss under a day, then 1d02h, then 3w2d. */
static const char *
age(long long s, char *buf, size_t sz)
{
	if (s < 0)
		s = 0;
	if (s < 86400)
		snprintf(buf, sz, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
	else if (s < 7 * 86400)
		snprintf(buf, sz, "%lldd%02lldh", s / 86400, s / 3600 % 24);
	else
		snprintf(buf, sz, "%lldw%lldd", s / (7 * 86400), s / 86400 % 7);
	return buf;
}

/* ---- records ------------------------------------------------------------------ */

static void
t_nothing(struct pout *o)
{
	(void)o;
}

static void
t_list(struct pout *o, const char *key)
{
	(void)o;
	(void)key;
}

static void
t_record(struct pout *o, const char *key, const char *label, const char *name)
{
	(void)key;
	sb_adds(o->out, RULE);
	o->indent = 0;
	kv(o, label, name);
	o->indent = 2;
}

static void
t_end_record(struct pout *o)
{
	sb_adds(o->out, RULE);
	o->indent = 0;
}

static int
t_missing(struct pout *o, const char *what, const char *name)
{
	sb_printf(o->out, "%% %s %s is not configured\n", what, name);
	return -1;
}

static void
t_domain(struct pout *o, const struct pmip_domain_row *d)
{
	kv(o, "Encapsulation", pr_encap_text(d->encap));
	if (d->has_replay)
		kvf(o, "Replay protection", "timestamp, window %lld sec",
		    (long long)(d->has_replay_window ? d->replay_window : 7));
	else
		kv(o, "Replay protection", "None");
	if (d->has_auth_spi)
		kvf(o, "Authentication", "SPI %lld, %s key", (long long)d->auth_spi,
		    d->auth_key_hex ? "hex" : "ascii");
	else
		kv(o, "Authentication", "None");
}

static void
t_peer(struct pout *o, const struct pr_peer *p)
{
	struct strbuf v = STRBUF_INIT;
	char label[96];

	snprintf(label, sizeof(label), "%s %s", p->what, p->name);
	addrs(&v, p->ipv4, p->ipv6);
	if (p->domain)
		sb_printf(&v, ", domain %s", p->domain);
	if (p->encap)
		sb_printf(&v, ", %s", pr_encap_text(p->encap));
	if (p->has_spi)
		sb_printf(&v, ", auth SPI %lld", (long long)p->spi);
	kv(o, label, v.s);
	sb_free(&v);
}

static void
t_domain_nai(struct pout *o, const struct domain_nai_row *n)
{
	struct strbuf sum = STRBUF_INIT;
	char label[300];

	if (n->network)
		sb_printf(&sum, "network %s", n->network);
	if (n->lma)
		sb_printf(&sum, "%sLMA %s", sum.len ? ", " : "", n->lma);
	if (n->int_att)
		sb_printf(&sum, "%s%s %s", sum.len ? ", " : "", n->int_att, n->l2_addr);
	if (n->has_gre_up)
		sb_printf(&sum, "%sGRE keys up %lld down %lld", sum.len ? ", " : "",
		    (long long)n->gre_up, (long long)n->gre_down);
	snprintf(label, sizeof(label), "Mobile node %s", n->nai);
	kv(o, label, sum.len ? sum.s : "no attributes");
	sb_free(&sum);
}

static void
t_domain_map(struct pout *o, const char *name, int64_t entries)
{
	kvf(o, "Mobile map", "%s (%lld entr%s)", name, (long long)entries,
	    entries == 1 ? "y" : "ies");
}

static void
t_map(struct pout *o, const struct pr_map *m)
{
	struct strbuf users = STRBUF_INIT;

	t_record(o, NULL, "Mobile map", m->name);
	kv(o, "Domain", m->domain);
	for (int i = 0; i < m->napplied; i++)
		sb_printf(&users, "%s%s", i ? ", " : "", m->applied[i]);
	kv(o, "Applied by", users.len ? users.s : "none");
	sb_free(&users);
}

static void
t_map_entry(struct pout *o, const struct pr_map_entry *e)
{
	struct strbuf v = STRBUF_INIT;
	char label[48];

	snprintf(label, sizeof(label), "Entry %lld", (long long)e->seq);
	sub(o, label, "");
	if (e->has_acl)
		ref(o, "Match access-list", &e->acl);
	else
		kv(o, "Match access-list", "none (matches nothing)");
	for (int i = 0; i < e->nlinks; i++)
		sb_printf(&v, "%s%s%s", v.len ? " " : "", e->link[i].name,
		    e->link[i].defined ? "" : " (not defined)");
	if (e->link_null)
		sb_printf(&v, "%snull", v.len ? " " : "");
	kv(o, "Link types", v.len ? v.s : "none");
	sb_free(&v);
	if (e->has_profile)
		ref(o, "Traffic profile", &e->profile);
	end_sub(o);
}

static void
t_globals(struct pout *o, const struct pr_globals *g)
{
	t_record(o, NULL, g->lma ? "LMA Identifier" : "MAG Identifier", g->name);
	ref(o, "Domain", &g->domain);
	kv(o, "Encapsulation", pr_encap_text(g->encap));
	if (g->addr_v4 || g->addr_v6) {
		struct strbuf v = STRBUF_INIT;

		addrs(&v, g->addr_v4, g->addr_v6);
		kv(o, "Address", v.s);
		sb_free(&v);
	}
	onoff(o, "Multipath", g->multipath);
	if (g->hb) {
		struct strbuf v = STRBUF_INIT;

		sb_printf(&v, "interval %lld sec, retries %lld", (long long)g->hb_interval,
		    (long long)g->hb_retries);
		if (g->hb_label)
			sb_printf(&v, ", label %s", g->hb_label);
		if (g->hb_natreboot)
			sb_adds(&v, ", natreboot");
		kv(o, "Heartbeat", v.s);
		sb_free(&v);
	} else
		kv(o, "Heartbeat", "Disabled");
	num(o, "Maximum BCE", (long long)g->bce_max);
	if (g->has_map)
		ref(o, "Mobile map", &g->map);
	else
		kv(o, "Mobile map", "none");
	num(o, "Tunnel MTU", (long long)g->tunnel_mtu);
	if (g->has_acl)
		ref(o, "Tunnel ACL", &g->acl);
	if (g->egress_if)
		kv(o, "Egress interface", g->egress_if);
}

static void
t_roaming(struct pout *o, const struct mag_roaming_row *r)
{
	struct strbuf v = STRBUF_INIT;
	char label[80];

	sb_printf(&v, "priority %lld", (long long)r->priority);
	if (r->att)
		sb_printf(&v, ", egress-att %s", r->att);
	if (r->label)
		sb_printf(&v, ", label %s", r->label);
	snprintf(label, sizeof(label), "Roaming %s", r->ifname);
	kv(o, label, v.s);
	sb_free(&v);
}

static void
t_logical_mn(struct pout *o, const char *nai, const char *home, const char *nets)
{
	char label[300];

	snprintf(label, sizeof(label), "Logical MN %s", nai);
	kvf(o, label, "home %s, mobile networks %s", home ? home : "none", nets ? nets : "none");
}

static void
t_hybrid_access(struct pout *o, bool on)
{
	onoff(o, "Hybrid access", on);
}

static void
t_profile(struct pout *o, const struct haccess_profile_row *p)
{
	struct strbuf v = STRBUF_INIT;
	char label[300];

	if (p->has_jitter)
		sb_printf(&v, "jitter %lld ms", (long long)p->jitter);
	if (p->has_rtt)
		sb_printf(&v, "%srtt %lld ms", v.len ? ", " : "", (long long)p->rtt);
	if (p->has_packet_loss)
		sb_printf(&v, "%spacket-loss %lld %%", v.len ? ", " : "", (long long)p->packet_loss);
	snprintf(label, sizeof(label), "Profile %s", p->name);
	kv(o, label, v.len ? v.s : "no requirement");
	sb_free(&v);
}

static void
t_lma_globals(struct pout *o, const struct pmip_lma_row *l)
{
	onoff(o, "Dynamic MAG learning", l->has_dynamic_mag);
	if (l->default_profile)
		kv(o, "Default profile", l->default_profile);
	num(o, "Maximum HNP", (long long)(l->has_hnp_max ? l->hnp_max : 1));
}

static void
t_network(struct pout *o, const struct pr_network *n)
{
	char label[300];

	snprintf(label, sizeof(label), "Network %s", n->name);
	sub(o, label, "");
	if (n->has_v4)
		kvf(o, "IPv4 pool", "%s, prefix length %lld%s", n->pool_v4.name,
		    (long long)n->plen_v4, n->pool_v4.defined ? "" : " (not defined)");
	if (n->has_v6)
		kvf(o, "IPv6 pool", "%s, prefix length %lld%s", n->pool_v6.name,
		    (long long)n->plen_v6, n->pool_v6.defined ? "" : " (not defined)");
}

static void
t_mnet_pool(struct pout *o, const struct lma_mnet_pool_row *p)
{
	long long pp = p->pool_prefix, np = p->network_prefix;
	char k[96];

	snprintf(k, sizeof(k), "Mobile network %s/%lld", p->addr, pp);
	if (np - pp >= 62)
		kvf(o, k, "/%lld prefixes", np);
	else {
		long long count = 1LL << (np - pp);

		kvf(o, k, "%lld /%lld prefix%s", count, np, count == 1 ? "" : "es");
	}
}

static void
t_bindings(struct pout *o, unsigned long n)
{
	num(o, "Bindings", (long long)n);
}

/* ---- bindings ------------------------------------------------------------------ */

static void
t_binding_total(struct pout *o, unsigned long n)
{
	sb_printf(o->out, "Total number of bindings: %lu\n", n);
}

static void
t_binding_end(struct pout *o, const char *nai, bool found)
{
	if (nai && !found)
		sb_printf(o->out, "%% No binding for %s\n", nai);
}

static void
t_mag_mn(struct pout *o, const struct mv_mag *g, const struct mv_mag_mn *n)
{
	struct strbuf *out = o->out;
	char a[INET_ADDRSTRLEN], d[INET_ADDRSTRLEN], since[32];

	sb_adds(out, BRULE);
	sb_printf(out, "[Binding][MN]: Domain: %s, Nai: %s\n", g->domain, n->nai);
	sb_printf(out, BIND ": State: %s\n", n->registered ? "ACTIVE" : "PENDING");
	sb_printf(out, BIND ": Interface: %s\n", n->home_if[0] ? n->home_if : "none");
	if (n->mnets[0])
		sb_printf(out, BIND ": Mobile networks: %s\n", n->mnets);
	sb_printf(out, BIND ": Hoa: %s", n->hoa.s_addr ? ip4(n->hoa, a) : "none");
	if (n->hoa.s_addr)
		sb_printf(out, "/%u", n->hoa_plen);
	if (n->dflt_rtr.s_addr)
		sb_printf(out, ", Default router: %s", ip4(n->dflt_rtr, d));
	sb_printf(out, ", Att: %u, llid: %s\n", g->npaths ? g->path[0].att : PMIP_ATT_IEEE8023,
	    n->nai);
	sb_adds(out, BIND ": HNP: 0\n");
	sb_printf(out, BIND "[LMA]: Id: %s, Address: %s\n", g->lma_name[0] ? g->lma_name : "none",
	    ip4(g->lma, a));
	sb_printf(out, BIND "[LMA]: Multipath: %s\n", !g->multipath ? "Disabled" :
	    n->multipath_ok ? "Enabled" : "Refused by the LMA");
	for (int p = 0; p < g->npaths; p++) {
		const struct mv_path *path = &g->path[p];
		const struct mv_mag_bind *b = &n->b[p];

		sb_printf(out, BIND "[PATH]: interface: %s, Label: %s, State: %s\n", path->ifname,
		    path->label[0] ? path->label : "none", b->state);
		if (!o->detail)
			continue;
		sb_printf(out, BIND "[PATH]:   Bid: %u, Att: %s, CoA: %s, Tunnel: Tunnel%d\n",
		    path->bid, mob_att_name(path->att), path->coa.s_addr ? ip4(path->coa, a) : "none",
		    path->tunnel);
		sb_printf(out, BIND "[PATH]:   Seq: %u, Lifetime: %u(sec), Lifetime Remaining: "
		    "%lld(sec), Registered: %s\n", b->seq, b->lifetime, b->remaining,
		    b->registered ? age((long long)(o->now - b->since), since, sizeof(since)) :
		    "never");
		if (b->status)
			sb_printf(out, BIND "[PATH]:   Last status: %u (%s)\n", b->status,
			    pmip_status_str(b->status) ? pmip_status_str(b->status) : "?");
	}
	sb_adds(out, BRULE);
}

static void
t_lma_mn(struct pout *o, const struct mv_lma *l, const struct mv_lma_mn *n)
{
	struct strbuf *out = o->out;
	char a[INET_ADDRSTRLEN], up[32];

	sb_adds(out, BRULE);
	sb_printf(out, "[Binding][MN]: Domain: %s, Nai: %s\n", l->domain, n->nai);
	sb_printf(out, BIND ": State: %s\n", n->state);
	if (n->network[0])
		sb_printf(out, BIND ": Network: %s\n", n->network);
	sb_printf(out, BIND ": Hoa: %s", n->hoa[0] ? n->hoa : "none");
	if (n->dflt_rtr.s_addr)
		sb_printf(out, ", Default router: %s", ip4(n->dflt_rtr, a));
	sb_addc(out, '\n');
	sb_printf(out, BIND ": HNP: %s\n", n->hnp[0] ? n->hnp : "0");
	if (n->mnp[0])
		sb_printf(out, BIND ": Mobile network: %s\n", n->mnp);
	for (int i = 0; i < n->nbind; i++) {
		const struct mv_lma_bind *b = &n->b[i];
		char peer[24];

		snprintf(peer, sizeof(peer), "[PEER%d]", i + 1);
		sb_printf(out, BIND "%s: Id: %s\n", peer, b->mag[0] ? b->mag : "-");
		sb_printf(out, BIND "%s: Bid: %u, Label: %s, Att: %s\n", peer, b->bid,
		    b->label[0] ? b->label : "none", mob_att_name(b->att));
		sb_printf(out, BIND "%s: CoA: %s, State: %s\n", peer, ip4(b->coa, a), b->state);
		sb_printf(out, BIND "%s: Lifetime: %u(sec)\n", peer, b->lifetime);
		sb_printf(out, BIND "%s: Lifetime Remaining: %lld(sec)\n", peer, b->remaining);
		sb_printf(out, BIND "%s: Tunnel: Tunnel%d\n", peer, b->tunnel);
		if (o->detail)
			sb_printf(out, BIND "%s: Seq: %u, Handoff indicator: %u, Port: %u, Up: %s\n",
			    peer, b->seq, b->hi, b->port,
			    age((long long)(o->now - b->created), up, sizeof(up)));
	}
	sb_adds(out, BRULE);
}

/* ---- counters ------------------------------------------------------------------- */

static void
t_stats(struct pout *o, bool lma, const char *domain, const struct mob_stats *st)
{
	uint64_t dropped = 0;

	kv(o, "Domain", domain);
	num(o, lma ? "PBU received" : "PBU sent", (long long)(lma ? st->pbu_rcvd : st->pbu_sent));
	if (!lma)
		num(o, "PBU retransmitted", (long long)st->pbu_retx);
	num(o, lma ? "PBA sent" : "PBA received", (long long)(lma ? st->pba_sent : st->pba_rcvd));
	num(o, "PBA accepted", (long long)st->pba_accepted);
	num(o, "PBA rejected", (long long)st->pba_rejected);
	for (int s = 128; s < 256; s++) {
		char label[96];

		if (st->rejected[s] == 0)
			continue;
		snprintf(label, sizeof(label), "  Status %d", s);
		kvf(o, label, "%llu (%s)", (unsigned long long)st->rejected[s],
		    pmip_status_str((uint8_t)s) ? pmip_status_str((uint8_t)s) : "?");
	}
	num(o, lma ? "Dereg PBU received" : "Dereg PBU sent",
	    (long long)(lma ? st->dereg_rcvd : st->dereg_sent));
	num(o, "Heartbeat req sent", (long long)st->hb_req_sent);
	num(o, "Heartbeat resp rcvd", (long long)st->hb_rsp_rcvd);
	num(o, "Heartbeat req rcvd", (long long)st->hb_req_rcvd);
	num(o, "Heartbeat resp sent", (long long)st->hb_rsp_sent);
	num(o, "Heartbeat failures", (long long)st->hb_failures);
	num(o, "Peer restarts seen", (long long)st->hb_restarts);
	num(o, lma ? "BRI sent" : "BRI received", (long long)(lma ? st->bri_sent : st->bri_rcvd));
	num(o, lma ? "BRA received" : "BRA sent", (long long)(lma ? st->bra_rcvd : st->bra_sent));
	num(o, "Binding errors sent", (long long)st->be_sent);
	for (int e = 1; e < PMIP_ERR_COUNT; e++)
		dropped += st->drop_decode[e];
	num(o, "Dropped, malformed", (long long)dropped);
	for (int e = 1; e < PMIP_ERR_COUNT; e++) {
		char label[96];

		if (st->drop_decode[e] == 0)
			continue;
		snprintf(label, sizeof(label), "  %s", pmip_err_str(-e));
		num(o, label, (long long)st->drop_decode[e]);
	}
	num(o, "Dropped, oversized", (long long)st->drop_oversized);
	num(o, "Dropped, unexpected", (long long)st->drop_unexpected);
	num(o, lma ? "Refused, MAG unknown" : "Refused, not from LMA",
	    (long long)st->drop_unauthorized);
}

static void
t_dp_drops(struct pout *o, const uint64_t drops[DPD_NREASONS])
{
	uint64_t all = 0;

	for (int i = 0; i < DPD_NREASONS; i++)
		all += drops[i];
	num(o, "Data packets dropped", (long long)all);
	for (int i = 0; i < DPD_NREASONS; i++) {
		char label[64];

		if (drops[i] == 0)
			continue;
		snprintf(label, sizeof(label), "  %s", dp_drop_names[i]);
		num(o, label, (long long)drops[i]);
	}
}

static void
t_mag_counts(struct pout *o, const struct mv_mag *g)
{
	num(o, "Bindings", g->bindings);
	num(o, "Active paths", g->paths_up);
}

static void
t_lma_counts(struct pout *o, const struct mv_lma *l)
{
	num(o, "Bindings", (long long)l->bindings);
	num(o, "Mobile nodes", (long long)l->mobile_nodes);
	num(o, "MAG paths", (long long)l->peers);
}

/* ---- heartbeat ------------------------------------------------------------------ */

static void
heartbeat(struct pout *o, bool on, int interval, int retries)
{
	if (on)
		kvf(o, "Heartbeat", "interval %d sec, retries %d", interval, retries);
	else
		kv(o, "Heartbeat", "Disabled");
}

static void
t_mag_heartbeat(struct pout *o, const struct mv_mag *g)
{
	char a[INET_ADDRSTRLEN];

	kvf(o, "LMA", "%s %s", g->lma_name[0] ? g->lma_name : "-", ip4(g->lma, a));
	heartbeat(o, g->hb_on, g->hb_interval, g->hb_retries);
	if (g->lma_restart_known)
		num(o, "LMA restart counter", g->lma_restart);
	else
		kv(o, "LMA restart counter", "unknown");
}

static void
t_mag_hb_path(struct pout *o, const struct mv_path *p)
{
	char a[INET_ADDRSTRLEN], last[32], label[96];

	snprintf(label, sizeof(label), "Path %s", p->ifname);
	kvf(o, label, "%s, label %s, CoA %s, seq %u, missed %d, last answer %s",
	    p->open && p->hb_ok ? "UP" : "DOWN", p->label[0] ? p->label : "none",
	    p->coa.s_addr ? ip4(p->coa, a) : "none", p->hb_seq, p->hb_missed,
	    p->hb_last_ok ? age((long long)(o->now - p->hb_last_ok), last, sizeof(last)) : "never");
}

static void
t_lma_heartbeat(struct pout *o, const struct mv_lma *l)
{
	heartbeat(o, l->hb_on, l->hb_interval, l->hb_retries);
	num(o, "Restart counter", l->restart_counter);
	num(o, "MAG paths", (long long)l->peers);
	num(o, "MAG paths up", (long long)l->peers_up);
}

static void
t_lma_hb_peer(struct pout *o, const struct mv_peer *p)
{
	char a[INET_ADDRSTRLEN], last[32], label[96], rc[16];

	snprintf(label, sizeof(label), "Path %s", ip4(p->addr, a));
	snprintf(rc, sizeof(rc), "%u", p->restart);
	kvf(o, label, "%s, MAG %s, seq %u, missed %u, restart counter %s, bindings %u, "
	    "last answer %s", p->dead ? "DOWN" : "UP", p->mag[0] ? p->mag : "-", p->hb_seq,
	    p->hb_missed, p->restart_known ? rc : "unknown", p->bindings,
	    p->last_ok ? age((long long)(o->now - p->last_ok), last, sizeof(last)) : "never");
}

/* ---- tunnels -------------------------------------------------------------------- */

/* ---- flows: laid out after NetFlow's show ip cache flow (addresses, then
 * protocol and ports in hex), with what PMIPv6 adds: the mobile-map entry,
 * the path, the age ------------------------------------------------------------ */

static void
t_flows(struct pout *o, int n)
{
	num(o, "Flows", n);
	if (n > 0)
		sb_adds(o->out, "  Dir  SrcIPaddress    DstIPaddress    Pr SrcP DstP  Map Path"
		    "                  Pkts      Bytes   Age  Idle\n");
}

static void
t_flow(struct pout *o, const struct pr_flow *p)
{
	const struct dp_flow_view *f = p->f;
	char src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN], map[16], path[64];

	inet_ntop(AF_INET, &f->src, src, sizeof(src));
	inet_ntop(AF_INET, &f->dst, dst, sizeof(dst));
	if (f->map_seq >= 0)
		snprintf(map, sizeof(map), "%d", f->map_seq);
	else
		snprintf(map, sizeof(map), "-");
	if (f->tunnel >= 0)
		snprintf(path, sizeof(path), "%s", p->label[0] ? p->label : "-");
	else
		snprintf(path, sizeof(path), "drop: %s", dp_drop_names[f->why]);
	sb_printf(o->out, "  %-4s %-15s %-15s %02X %04X %04X %4s %-18s %8llu %10llu %5llu %5llu\n",
	    f->down ? "down" : "up", src, dst, f->proto, f->sport, f->dport, map, path,
	    (unsigned long long)f->packets, (unsigned long long)f->bytes,
	    (unsigned long long)(f->age_ms / 1000), (unsigned long long)(f->idle_ms / 1000));
}

/* As IOS counts an interface: "N packets input, N bytes". */
static void
t_tunnel_counters(struct pout *o, const struct dp_tcount *c)
{
	kvf(o, "Input", "%llu packets, %llu bytes", (unsigned long long)c->rx_packets,
	    (unsigned long long)c->rx_bytes);
	kvf(o, "Output", "%llu packets, %llu bytes", (unsigned long long)c->tx_packets,
	    (unsigned long long)c->tx_bytes);
}

static void
t_mag_tunnel(struct pout *o, const struct mv_mag *g, const struct mv_path *p,
    const struct dp_tcount *c)
{
	char a[INET_ADDRSTRLEN], label[32];

	snprintf(label, sizeof(label), "Tunnel%d", p->tunnel);
	sub(o, label, p->open && p->hb_ok ? "UP" : "DOWN");
	kvf(o, "Interface", "%s%s%s", p->ifname, p->label[0] ? ", label " : "", p->label);
	kv(o, "Source", p->coa.s_addr ? ip4(p->coa, a) : "none");
	kv(o, "Destination", ip4(g->lma, a));
	kv(o, "Encapsulation", g->udp ? "UDP/IPv4, port 5437" : "GRE/IPv4");
	num(o, "Bindings", p->bindings);
	t_tunnel_counters(o, c);
	end_sub(o);
}

static void
t_lma_tunnels(struct pout *o, const struct mv_lma *l)
{
	num(o, "Tunnels", (long long)l->peers);
}

static void
t_lma_tunnel(struct pout *o, const struct mv_lma *l, const struct mv_peer *p,
    const struct dp_tcount *c)
{
	char a[INET_ADDRSTRLEN], label[32];

	snprintf(label, sizeof(label), "Tunnel%d", p->tunnel);
	sub(o, label, p->dead ? "DOWN" : "UP");
	kv(o, "MAG", p->mag[0] ? p->mag : "-");
	kv(o, "Source", ip4(l->addr, a));
	kv(o, "Destination", ip4(p->addr, a));
	kv(o, "Encapsulation", l->udp ? "UDP/IPv4, port 5437" : "GRE/IPv4");
	num(o, "Bindings", p->bindings);
	t_tunnel_counters(o, c);
	end_sub(o);
}

const struct pmip_printer pmip_text = {
	.open = t_nothing,
	.close = t_nothing,
	.begin = t_nothing,
	.end = t_nothing,
	.record = t_record,
	.end_record = t_end_record,
	.list = t_list,
	.end_list = t_nothing,
	.missing = t_missing,
	.domain = t_domain,
	.peer = t_peer,
	.domain_nai = t_domain_nai,
	.domain_map = t_domain_map,
	.map = t_map,
	.map_entry = t_map_entry,
	.globals = t_globals,
	.roaming = t_roaming,
	.logical_mn = t_logical_mn,
	.hybrid_access = t_hybrid_access,
	.profile = t_profile,
	.lma_globals = t_lma_globals,
	.network = t_network,
	.end_network = end_sub,
	.mnet_pool = t_mnet_pool,
	.bindings = t_bindings,
	.binding_total = t_binding_total,
	.mag_mn = t_mag_mn,
	.lma_mn = t_lma_mn,
	.binding_end = t_binding_end,
	.stats = t_stats,
	.mag_counts = t_mag_counts,
	.lma_counts = t_lma_counts,
	.mag_heartbeat = t_mag_heartbeat,
	.mag_hb_path = t_mag_hb_path,
	.lma_heartbeat = t_lma_heartbeat,
	.lma_hb_peer = t_lma_hb_peer,
	.mag_tunnel = t_mag_tunnel,
	.flows = t_flows,
	.flow = t_flow,
	.dp_drops = t_dp_drops,
	.lma_tunnels = t_lma_tunnels,
	.lma_tunnel = t_lma_tunnel,
};

const char *
pr_encap_text(const char *encap)
{
	if (encap && strcmp(encap, "udptunnel") == 0)
		return "UDP tunnel";
	return "GRE IPv4";
}
