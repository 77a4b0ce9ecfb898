/*
 * pmipv6-json.c — the PMIPv6 show records as JSON, for `| json` (see
 * pmipv6-out.h): the fields of the text, snake_case, numbers as numbers,
 * null for what is not there.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "cmd/pmipv6-out.h"
#include "strbuf.h"

static const char *
ip4(struct in_addr a, char *buf)
{
	if (a.s_addr == 0)
		return NULL;
	return inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

static const char *
text(const char *s)
{
	return s && *s ? s : NULL;
}

static void
ref(struct json *j, const char *key, const struct pr_ref *r)
{
	json_obj(j, key);
	json_str(j, "name", r->name);
	json_bool(j, "defined", r->defined);
	json_end_obj(j);
}

static void
j_open(struct pout *o)
{
	json_begin(&o->j, o->out);
}

static void
j_close(struct pout *o)
{
	json_finish(&o->j);
}

/* ---- records ------------------------------------------------------------------ */

static void
j_begin(struct pout *o)
{
	json_arr(&o->j, NULL);
}

static void
j_end_arr(struct pout *o)
{
	json_end_arr(&o->j);
}

static void
j_end_obj(struct pout *o)
{
	json_end_obj(&o->j);
}

static void
j_record(struct pout *o, const char *key, const char *label, const char *name)
{
	(void)label;
	json_obj(&o->j, NULL);
	json_str(&o->j, key, name);
}

static void
j_list(struct pout *o, const char *key)
{
	json_arr(&o->j, key);
}

static int
j_missing(struct pout *o, const char *what, const char *name)
{
	(void)o;
	(void)what;
	(void)name;
	return 0;
}

static void
j_domain(struct pout *o, const struct pmip_domain_row *d)
{
	struct json *j = &o->j;
	char auth[64];

	json_str(j, "encapsulation", pr_encap_text(d->encap));
	if (d->has_replay) {
		json_obj(j, "replay_protection");
		json_str(j, "method", "timestamp");
		json_i64(j, "window", d->has_replay_window ? d->replay_window : 7);
		json_end_obj(j);
	} else
		json_str(j, "replay_protection", "None");
	if (d->has_auth_spi)
		snprintf(auth, sizeof(auth), "SPI %lld, %s key", (long long)d->auth_spi,
		    d->auth_key_hex ? "hex" : "ascii");
	else
		snprintf(auth, sizeof(auth), "None");
	json_str(j, "authentication", auth);
}

static void
j_peer(struct pout *o, const struct pr_peer *p)
{
	struct json *j = &o->j;

	json_obj(j, NULL);
	json_str(j, "name", p->name);
	json_str(j, "domain", p->domain);
	json_str(j, "ipv4_address", p->ipv4);
	json_str(j, "ipv6_address", p->ipv6);
	if (p->full)
		json_str(j, "encapsulation", p->encap);
	if (p->has_spi)
		json_i64(j, "auth_spi", p->spi);
	json_end_obj(j);
}

static void
j_domain_nai(struct pout *o, const struct domain_nai_row *n)
{
	struct json *j = &o->j;

	json_obj(j, NULL);
	json_str(j, "nai", n->nai);
	json_str(j, "network", n->network);
	json_str(j, "lma", n->lma);
	json_str(j, "access_technology", n->int_att);
	json_str(j, "l2_address", n->l2_addr);
	json_end_obj(j);
}

static void
j_domain_map(struct pout *o, const char *name, int64_t entries)
{
	json_obj(&o->j, NULL);
	json_str(&o->j, "name", name);
	json_i64(&o->j, "entries", entries);
	json_end_obj(&o->j);
}

static void
j_map(struct pout *o, const struct pr_map *m)
{
	struct json *j = &o->j;

	j_record(o, "mobile_map", NULL, m->name);
	json_str(j, "domain", m->domain);
	json_arr(j, "applied_by");
	for (int i = 0; i < m->napplied; i++)
		json_str(j, NULL, m->applied[i]);
	json_end_arr(j);
}

static void
j_map_entry(struct pout *o, const struct pr_map_entry *e)
{
	struct json *j = &o->j;

	json_obj(j, NULL);
	json_i64(j, "seq", e->seq);
	if (e->has_acl)
		ref(j, "match_access_list", &e->acl);
	else
		json_str(j, "match_access_list", "none (matches nothing)");
	json_arr(j, "link_types");
	for (int i = 0; i < e->nlinks; i++) {
		json_obj(j, NULL);
		json_str(j, "label", e->link[i].name);
		json_bool(j, "defined", e->link[i].defined);
		json_end_obj(j);
	}
	json_end_arr(j);
	json_bool(j, "null", e->link_null);
	if (e->has_profile)
		ref(j, "traffic_profile", &e->profile);
	json_end_obj(j);
}

static void
j_globals(struct pout *o, const struct pr_globals *g)
{
	struct json *j = &o->j;

	j_record(o, g->lma ? "lma" : "mag", NULL, g->name);
	ref(j, "domain", &g->domain);
	json_str(j, "encapsulation", pr_encap_text(g->encap));
	if (g->addr_v4 || g->addr_v6) {
		struct strbuf v = STRBUF_INIT;

		if (g->addr_v4)
			sb_printf(&v, "IPv4 %s", g->addr_v4);
		if (g->addr_v6)
			sb_printf(&v, "%sIPv6 %s", g->addr_v4 ? ", " : "", g->addr_v6);
		json_str(j, "address", v.s);
		sb_free(&v);
	}
	json_bool(j, "multipath", g->multipath);
	if (g->hb) {
		json_obj(j, "heartbeat");
		json_i64(j, "interval", g->hb_interval);
		json_i64(j, "retries", g->hb_retries);
		if (g->lma)
			json_str(j, "label", g->hb_label);
		json_end_obj(j);
	} else
		json_str(j, "heartbeat", "Disabled");
	json_i64(j, "bce_maximum", g->bce_max);
	if (g->has_map)
		ref(j, "mobile_map", &g->map);
	else
		json_str(j, "mobile_map", "none");
	json_i64(j, "tunnel_mtu", g->tunnel_mtu);
	if (g->has_acl)
		ref(j, "tunnel_acl", &g->acl);
	if (g->egress_if)
		json_str(j, "egress_interface", g->egress_if);
}

static void
j_roaming(struct pout *o, const struct mag_roaming_row *r)
{
	struct json *j = &o->j;

	json_obj(j, NULL);
	json_str(j, "interface", r->ifname);
	json_i64(j, "priority", r->priority);
	json_str(j, "egress_att", r->att);
	json_str(j, "label", r->label);
	json_end_obj(j);
}

static void
j_logical_mn(struct pout *o, const char *nai, const char *home, const char *nets)
{
	json_obj(&o->j, NULL);
	json_str(&o->j, "nai", nai);
	json_str(&o->j, "home_interface", home);
	json_str(&o->j, "mobile_networks", nets);
	json_end_obj(&o->j);
}

static void
j_hybrid_access(struct pout *o, bool on)
{
	json_bool(&o->j, "hybrid_access", on);
}

static void
j_profile(struct pout *o, const struct haccess_profile_row *p)
{
	struct json *j = &o->j;

	json_obj(j, NULL);
	json_str(j, "name", p->name);
	if (p->has_jitter)
		json_i64(j, "jitter_ms", p->jitter);
	if (p->has_rtt)
		json_i64(j, "rtt_ms", p->rtt);
	if (p->has_packet_loss)
		json_i64(j, "packet_loss_pct", p->packet_loss);
	json_end_obj(j);
}

static void
j_lma_globals(struct pout *o, const struct pmip_lma_row *l)
{
	json_bool(&o->j, "dynamic_mag_learning", l->has_dynamic_mag);
	if (l->default_profile)
		json_str(&o->j, "default_profile", l->default_profile);
	json_i64(&o->j, "hnp_maximum", l->has_hnp_max ? l->hnp_max : 1);
}

static void
pool(struct json *j, const char *key, const struct pr_ref *r, int64_t plen)
{
	json_obj(j, key);
	json_str(j, "name", r->name);
	json_i64(j, "prefix_length", plen);
	json_bool(j, "defined", r->defined);
	json_end_obj(j);
}

static void
j_network(struct pout *o, const struct pr_network *n)
{
	json_obj(&o->j, NULL);
	json_str(&o->j, "name", n->name);
	if (n->has_v4)
		pool(&o->j, "pool_ipv4", &n->pool_v4, n->plen_v4);
	if (n->has_v6)
		pool(&o->j, "pool_ipv6", &n->pool_v6, n->plen_v6);
}

static void
j_mnet_pool(struct pout *o, const struct lma_mnet_pool_row *p)
{
	struct json *j = &o->j;
	long long pp = p->pool_prefix, np = p->network_prefix;

	json_obj(j, NULL);
	json_str(j, "family", p->family);
	json_str(j, "address", p->addr);
	json_i64(j, "pool_prefix", pp);
	json_i64(j, "network_prefix", np);
	json_i64(j, "prefixes", np - pp >= 62 ? -1 : 1LL << (np - pp));
	json_end_obj(j);
}

static void
j_bindings(struct pout *o, unsigned long n)
{
	json_i64(&o->j, "bindings", (int64_t)n);
}

/* ---- bindings ------------------------------------------------------------------ */

static void
j_binding_total(struct pout *o, unsigned long n)
{
	json_obj(&o->j, NULL);
	json_u64(&o->j, "bindings", n);
	json_arr(&o->j, "mobile_nodes");
}

static void
j_binding_end(struct pout *o, const char *nai, bool found)
{
	(void)nai;
	(void)found;
	json_end_arr(&o->j);
	json_end_obj(&o->j);
}

static void
j_mag_mn(struct pout *o, const struct mv_mag *g, const struct mv_mag_mn *n)
{
	struct json *j = &o->j;
	char a[INET_ADDRSTRLEN];

	json_obj(j, NULL);
	json_str(j, "mag", g->name);
	json_str(j, "domain", g->domain);
	json_str(j, "nai", n->nai);
	json_str(j, "state", n->registered ? "ACTIVE" : "PENDING");
	json_str(j, "interface", text(n->home_if));
	json_str(j, "mobile_networks", text(n->mnets));
	json_str(j, "hoa", ip4(n->hoa, a));
	json_u64(j, "hoa_prefix_length", n->hoa_plen);
	json_str(j, "default_router", ip4(n->dflt_rtr, a));
	json_str(j, "lma", g->lma_name);
	json_str(j, "lma_address", ip4(g->lma, a));
	json_bool(j, "multipath", g->multipath && n->multipath_ok);
	json_arr(j, "paths");
	for (int p = 0; p < g->npaths; p++) {
		const struct mv_path *path = &g->path[p];
		const struct mv_mag_bind *b = &n->b[p];

		json_obj(j, NULL);
		json_str(j, "interface", path->ifname);
		json_str(j, "label", text(path->label));
		json_u64(j, "label_id", path->label_id);
		json_str(j, "state", b->state);
		json_u64(j, "bid", path->bid);
		json_str(j, "att", mob_att_name(path->att));
		json_str(j, "coa", ip4(path->coa, a));
		json_u64(j, "lifetime", b->lifetime);
		json_i64(j, "lifetime_remaining", b->remaining);
		json_u64(j, "sequence", b->seq);
		json_u64(j, "status", b->status);
		json_u64(j, "tunnel", (uint64_t)path->tunnel);
		json_end_obj(j);
	}
	json_end_arr(j);
	json_end_obj(j);
}

static void
j_lma_mn(struct pout *o, const struct mv_lma *l, const struct mv_lma_mn *n)
{
	struct json *j = &o->j;
	char a[INET_ADDRSTRLEN];

	json_obj(j, NULL);
	json_str(j, "lma", l->name);
	json_str(j, "domain", l->domain);
	json_str(j, "nai", n->nai);
	json_str(j, "state", n->state);
	json_str(j, "network", text(n->network));
	json_str(j, "hoa", text(n->hoa));
	json_str(j, "default_router", ip4(n->dflt_rtr, a));
	json_str(j, "hnp", text(n->hnp));
	json_str(j, "mobile_network", text(n->mnp));
	json_arr(j, "paths");
	for (int i = 0; i < n->nbind; i++) {
		const struct mv_lma_bind *b = &n->b[i];

		json_obj(j, NULL);
		json_u64(j, "bid", b->bid);
		json_str(j, "mag", text(b->mag));
		json_str(j, "label", text(b->label));
		json_u64(j, "label_id", b->label_id);
		json_str(j, "att", mob_att_name(b->att));
		json_str(j, "coa", inet_ntop(AF_INET, &b->coa, a, sizeof(a)));
		json_u64(j, "port", b->port);
		json_str(j, "state", b->state);
		json_u64(j, "lifetime", b->lifetime);
		json_i64(j, "lifetime_remaining", b->remaining);
		json_u64(j, "sequence", b->seq);
		json_u64(j, "handoff_indicator", b->hi);
		json_i64(j, "age", (int64_t)(o->now - b->created));
		json_u64(j, "tunnel", (uint64_t)b->tunnel);
		json_end_obj(j);
	}
	json_end_arr(j);
	json_end_obj(j);
}

/* ---- counters ------------------------------------------------------------------- */

static void
j_dp_drops(struct pout *o, const uint64_t drops[DPD_NREASONS])
{
	struct json *j = &o->j;

	json_obj(j, "data_plane_drops");
	for (int i = 0; i < DPD_NREASONS; i++)
		json_u64(j, dp_drop_keys[i], drops[i]);
	json_end_obj(j);
}

static void
j_stats(struct pout *o, bool lma, const char *domain, const struct mob_stats *st)
{
	struct json *j = &o->j;
	uint64_t dropped = 0;

	json_str(j, "domain", domain);
	json_i64(j, lma ? "pbu_received" : "pbu_sent", (int64_t)(lma ? st->pbu_rcvd : st->pbu_sent));
	if (!lma)
		json_i64(j, "pbu_retransmitted", (int64_t)st->pbu_retx);
	json_i64(j, lma ? "pba_sent" : "pba_received", (int64_t)(lma ? st->pba_sent : st->pba_rcvd));
	json_i64(j, "pba_accepted", (int64_t)st->pba_accepted);
	json_i64(j, "pba_rejected", (int64_t)st->pba_rejected);
	json_arr(j, "rejected_by_status");
	for (int s = 128; s < 256; s++) {
		if (st->rejected[s] == 0)
			continue;
		json_obj(j, NULL);
		json_u64(j, "status", (uint64_t)s);
		json_str(j, "reason", pmip_status_str((uint8_t)s));
		json_u64(j, "count", st->rejected[s]);
		json_end_obj(j);
	}
	json_end_arr(j);
	json_i64(j, lma ? "dereg_received" : "dereg_sent",
	    (int64_t)(lma ? st->dereg_rcvd : st->dereg_sent));
	json_i64(j, "heartbeat_requests_sent", (int64_t)st->hb_req_sent);
	json_i64(j, "heartbeat_responses_received", (int64_t)st->hb_rsp_rcvd);
	json_i64(j, "heartbeat_requests_received", (int64_t)st->hb_req_rcvd);
	json_i64(j, "heartbeat_responses_sent", (int64_t)st->hb_rsp_sent);
	json_i64(j, "heartbeat_failures", (int64_t)st->hb_failures);
	json_i64(j, "peer_restarts", (int64_t)st->hb_restarts);
	json_i64(j, lma ? "bri_sent" : "bri_received", (int64_t)(lma ? st->bri_sent : st->bri_rcvd));
	json_i64(j, lma ? "bra_received" : "bra_sent", (int64_t)(lma ? st->bra_rcvd : st->bra_sent));
	json_i64(j, "binding_errors_sent", (int64_t)st->be_sent);
	for (int e = 1; e < PMIP_ERR_COUNT; e++)
		dropped += st->drop_decode[e];
	json_i64(j, "dropped_malformed", (int64_t)dropped);
	json_arr(j, "malformed_by_reason");
	for (int e = 1; e < PMIP_ERR_COUNT; e++) {
		if (st->drop_decode[e] == 0)
			continue;
		json_obj(j, NULL);
		json_str(j, "reason", pmip_err_str(-e));
		json_u64(j, "count", st->drop_decode[e]);
		json_end_obj(j);
	}
	json_end_arr(j);
	json_i64(j, "dropped_oversized", (int64_t)st->drop_oversized);
	json_i64(j, "dropped_unexpected", (int64_t)st->drop_unexpected);
	json_i64(j, "dropped_unauthorized", (int64_t)st->drop_unauthorized);
}

static void
j_mag_counts(struct pout *o, const struct mv_mag *g)
{
	json_i64(&o->j, "bindings", g->bindings);
	json_i64(&o->j, "paths_up", g->paths_up);
}

static void
j_lma_counts(struct pout *o, const struct mv_lma *l)
{
	json_i64(&o->j, "bindings", (int64_t)l->bindings);
	json_i64(&o->j, "mobile_nodes", (int64_t)l->mobile_nodes);
	json_i64(&o->j, "peers", (int64_t)l->peers);
}

/* ---- heartbeat ------------------------------------------------------------------ */

static void
heartbeat(struct json *j, bool on, int interval, int retries)
{
	char v[64];

	if (on)
		snprintf(v, sizeof(v), "interval %d sec, retries %d", interval, retries);
	else
		snprintf(v, sizeof(v), "Disabled");
	json_str(j, "heartbeat", v);
}

static void
j_mag_heartbeat(struct pout *o, const struct mv_mag *g)
{
	struct json *j = &o->j;
	char a[INET_ADDRSTRLEN], v[MV_NAME + INET_ADDRSTRLEN + 2];

	snprintf(v, sizeof(v), "%s %s", g->lma_name[0] ? g->lma_name : "-",
	    inet_ntop(AF_INET, &g->lma, a, sizeof(a)));
	json_str(j, "lma", v);
	heartbeat(j, g->hb_on, g->hb_interval, g->hb_retries);
	if (g->lma_restart_known)
		json_i64(j, "lma_restart_counter", g->lma_restart);
	else
		json_str(j, "lma_restart_counter", "unknown");
}

static void
j_mag_hb_path(struct pout *o, const struct mv_path *p)
{
	struct json *j = &o->j;
	char a[INET_ADDRSTRLEN];

	json_obj(j, NULL);
	json_str(j, "interface", p->ifname);
	json_str(j, "label", text(p->label));
	json_str(j, "state", p->open && p->hb_ok ? "UP" : "DOWN");
	json_str(j, "coa", ip4(p->coa, a));
	json_u64(j, "sequence", p->hb_seq);
	json_u64(j, "missed", (uint64_t)p->hb_missed);
	json_i64(j, "last_answer_age", p->hb_last_ok ? (int64_t)(o->now - p->hb_last_ok) : -1);
	json_end_obj(j);
}

static void
j_lma_heartbeat(struct pout *o, const struct mv_lma *l)
{
	heartbeat(&o->j, l->hb_on, l->hb_interval, l->hb_retries);
	json_i64(&o->j, "restart_counter", l->restart_counter);
	json_i64(&o->j, "peers", (int64_t)l->peers);
	json_i64(&o->j, "peers_up", (int64_t)l->peers_up);
}

static void
j_lma_hb_peer(struct pout *o, const struct mv_peer *p)
{
	struct json *j = &o->j;
	char a[INET_ADDRSTRLEN];

	json_obj(j, NULL);
	json_str(j, "address", inet_ntop(AF_INET, &p->addr, a, sizeof(a)));
	json_u64(j, "port", p->port);
	json_str(j, "mag", text(p->mag));
	json_str(j, "state", p->dead ? "DOWN" : "UP");
	json_u64(j, "sequence", p->hb_seq);
	json_u64(j, "missed", p->hb_missed);
	if (p->restart_known)
		json_u64(j, "restart_counter", p->restart);
	json_u64(j, "bindings", p->bindings);
	json_i64(j, "last_answer_age", p->last_ok ? (int64_t)(o->now - p->last_ok) : -1);
	json_end_obj(j);
}

/* ---- tunnels -------------------------------------------------------------------- */

static void
j_flows(struct pout *o, int n)
{
	json_i64(&o->j, "count", n);
}

static void
j_flow(struct pout *o, const struct pr_flow *p)
{
	const struct dp_flow_view *f = p->f;
	struct json *j = &o->j;
	char a[INET_ADDRSTRLEN];

	json_obj(j, NULL);
	json_str(j, "direction", f->down ? "down" : "up");
	json_str(j, "source", inet_ntop(AF_INET, &f->src, a, sizeof(a)));
	json_str(j, "destination", inet_ntop(AF_INET, &f->dst, a, sizeof(a)));
	json_i64(j, "protocol", f->proto);
	json_i64(j, "source_port", f->sport);
	json_i64(j, "destination_port", f->dport);
	json_i64(j, "mobile_map_entry", f->map_seq);
	if (f->tunnel >= 0) {
		json_str(j, "label", p->label);
		json_i64(j, "tunnel", f->tunnel);
	} else
		json_str(j, "dropped", dp_drop_keys[f->why]);
	json_u64(j, "packets", f->packets);
	json_u64(j, "bytes", f->bytes);
	json_u64(j, "age_ms", f->age_ms);
	json_u64(j, "idle_ms", f->idle_ms);
	json_end_obj(j);
}

static void
j_tunnel_counters(struct json *j, const struct dp_tcount *c)
{
	json_u64(j, "input_packets", c->rx_packets);
	json_u64(j, "input_bytes", c->rx_bytes);
	json_u64(j, "output_packets", c->tx_packets);
	json_u64(j, "output_bytes", c->tx_bytes);
}

static void
j_mag_tunnel(struct pout *o, const struct mv_mag *g, const struct mv_path *p,
    const struct dp_tcount *c)
{
	struct json *j = &o->j;
	char a[INET_ADDRSTRLEN], label[32];

	snprintf(label, sizeof(label), "Tunnel%d", p->tunnel);
	json_obj(j, NULL);
	json_str(j, "tunnel", label);
	json_str(j, "state", p->open && p->hb_ok ? "UP" : "DOWN");
	json_str(j, "interface", p->ifname);
	json_str(j, "label", text(p->label));
	json_str(j, "source", ip4(p->coa, a));
	json_str(j, "destination", ip4(g->lma, a));
	json_str(j, "encapsulation", g->udp ? "udp" : "gre");
	json_u64(j, "bindings", (uint64_t)p->bindings);
	j_tunnel_counters(j, c);
	json_end_obj(j);
}

static void
j_lma_tunnels(struct pout *o, const struct mv_lma *l)
{
	json_i64(&o->j, "count", (int64_t)l->peers);
}

static void
j_lma_tunnel(struct pout *o, const struct mv_lma *l, const struct mv_peer *p,
    const struct dp_tcount *c)
{
	struct json *j = &o->j;
	char a[INET_ADDRSTRLEN], label[32];

	snprintf(label, sizeof(label), "Tunnel%d", p->tunnel);
	json_obj(j, NULL);
	json_str(j, "tunnel", label);
	json_str(j, "state", p->dead ? "DOWN" : "UP");
	json_str(j, "mag", text(p->mag));
	json_str(j, "source", inet_ntop(AF_INET, &l->addr, a, sizeof(a)));
	json_str(j, "destination", inet_ntop(AF_INET, &p->addr, a, sizeof(a)));
	json_str(j, "encapsulation", l->udp ? "udp" : "gre");
	json_u64(j, "bindings", p->bindings);
	j_tunnel_counters(j, c);
	json_end_obj(j);
}

const struct pmip_printer pmip_json = {
	.open = j_open,
	.close = j_close,
	.begin = j_begin,
	.end = j_end_arr,
	.record = j_record,
	.end_record = j_end_obj,
	.list = j_list,
	.end_list = j_end_arr,
	.missing = j_missing,
	.domain = j_domain,
	.peer = j_peer,
	.domain_nai = j_domain_nai,
	.domain_map = j_domain_map,
	.map = j_map,
	.map_entry = j_map_entry,
	.globals = j_globals,
	.roaming = j_roaming,
	.logical_mn = j_logical_mn,
	.hybrid_access = j_hybrid_access,
	.profile = j_profile,
	.lma_globals = j_lma_globals,
	.network = j_network,
	.end_network = j_end_obj,
	.mnet_pool = j_mnet_pool,
	.bindings = j_bindings,
	.binding_total = j_binding_total,
	.mag_mn = j_mag_mn,
	.lma_mn = j_lma_mn,
	.binding_end = j_binding_end,
	.stats = j_stats,
	.mag_counts = j_mag_counts,
	.lma_counts = j_lma_counts,
	.mag_heartbeat = j_mag_heartbeat,
	.mag_hb_path = j_mag_hb_path,
	.lma_heartbeat = j_lma_heartbeat,
	.lma_hb_peer = j_lma_hb_peer,
	.mag_tunnel = j_mag_tunnel,
	.flows = j_flows,
	.flow = j_flow,
	.dp_drops = j_dp_drops,
	.lma_tunnels = j_lma_tunnels,
	.lma_tunnel = j_lma_tunnel,
};
