/*
 * pmipv6-lma.c — handlers of grammar/pmipv6-lma.cli: checks on the mobile
 * network pools, the LMA's shows and clears.  The show records
 * (pmipv6-out.h) come from the LMA's rows and, for its live state, from
 * mobility/mob_view.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd/pmipv6-out.h"
#include "mobility/mob_view.h"
#include "router.h"
#include "rows.h"

/* A pool is split into prefixes of network-prefix length: the pool itself
 * cannot be smaller than one of them. */
int
cmd_mnet_pool(struct cmd_ctx *x, struct cmd_mnet_pool_args *a)
{
	if (x->negate)
		return CMD_OK;
	if ((int)a->pplen.n > (int)a->nplen.n)
		return cmd_bad(x, a->pplen);
	return CMD_OK;
}

/* ---- show ipv6 mobile pmipv6 lma globals --------------------------------------- */

static bool
pool_defined(struct store *st, const char *name, bool v6)
{
	struct ip_local_pool_row p4;
	struct ipv6_local_pool_row p6;
	struct rows it;

	if (v6)
		return ipv6_local_pool_find(st, name, &p6);
	for (ip_local_pool_all(st, &it); ip_local_pool_next(&it, &p4);)
		if (strcmp(p4.name, name) == 0) {
			rows_end(&it);
			return true;
		}
	return false;
}

static void
network(struct pout *o, struct store *st, const struct lma_network_row *n)
{
	struct pr_network v = { .name = n->name };
	struct lma_mnet_pool_row p;
	struct rows it;

	if (n->pool_v4) {
		v.has_v4 = true;
		v.pool_v4 = (struct pr_ref){ n->pool_v4, pool_defined(st, n->pool_v4, false) };
		v.plen_v4 = n->pool_v4_pfxlen;
	}
	if (n->pool_v6) {
		v.has_v6 = true;
		v.pool_v6 = (struct pr_ref){ n->pool_v6, pool_defined(st, n->pool_v6, true) };
		v.plen_v6 = n->pool_v6_pfxlen;
	}
	o->p->network(o, &v);
	o->p->list(o, "mobile_network_pools");
	for (lma_mnet_pool_of(st, n->id, &it); lma_mnet_pool_next(&it, &p);)
		o->p->mnet_pool(o, &p);
	o->p->end_list(o);
	o->p->end_network(o);
}

int
cmd_show_pmipv6_lma_globals(struct cmd_ctx *x)
{
	struct store *st = x->r->run;
	struct pmip_lma_row l;
	struct rows it, c;
	struct pout o;

	pout_start(&o, x, NULL);
	o.p->begin(&o);
	for (pmip_lma_all(st, &it); pmip_lma_next(&it, &l);) {
		struct pr_globals v;
		struct lma_mag_row g;
		struct lma_network_row n;

		memset(&v, 0, sizeof(v));
		v.lma = true;
		v.hb_label = l.hb_label;
		v.hb_natreboot = l.has_hb_natreboot;
		pr_globals_fill(st, &PR_NODE_COLS(&l), &v);
		o.p->globals(&o, &v);
		o.p->lma_globals(&o, &l);
		o.p->list(&o, "mags");
		for (lma_mag_of(st, l.id, &c); lma_mag_next(&c, &g);)
			o.p->peer(&o, &(struct pr_peer){ .what = "MAG", .name = g.name,
			    .domain = g.domain, .ipv4 = g.ipv4, .ipv6 = g.ipv6, .full = true,
			    .encap = g.encap, .has_spi = g.has_auth_spi, .spi = g.auth_spi });
		o.p->end_list(&o);
		o.p->list(&o, "networks");
		for (lma_network_of(st, l.id, &c); lma_network_next(&c, &n);)
			network(&o, st, &n);
		o.p->end_list(&o);
		o.p->bindings(&o, router_bindings(x->r));
		o.p->end_record(&o);
	}
	o.p->end(&o);
	pout_finish(&o);
	return CMD_OK;
}

/* ---- show ipv6 mobile pmipv6 lma binding ----------------------------------------- */

/* The show goes on across turns of the event loop (see struct cmd_stream):
 * it holds the names of the nodes, sorted, and reads each node when its
 * turn comes, so a node gone meanwhile is skipped, and no engine pointer
 * is kept.  A piece is NODES_PER_PIECE nodes (about 100 KiB of text). */
#define NODES_PER_PIECE 256

struct lma_binding_show {
	struct router *r;
	struct pout o;
	const char *nai;		/* in nai_buf, or NULL */
	char nai_buf[MV_NAI];
	int lma;			/* index of the LMA being shown */
	char lma_name[MV_NAME];
	char **nais;			/* its nodes still to show */
	size_t nnais, next;
	bool found;
	struct mv_lma l;
	struct mv_labels labels;
	struct mv_lma_mn n;
};

/* Takes LMA i (its nodes); false when there is none. */
static bool
lma_binding_take(struct lma_binding_show *b, int i)
{
	const struct mob *m = b->r->mob;

	mv_free_nais(b->nais, b->nnais);
	b->nais = NULL;
	b->nnais = b->next = 0;
	if (!mv_lma(m, i, &b->l))
		return false;
	b->lma = i;
	snprintf(b->lma_name, sizeof(b->lma_name), "%s", b->l.name);
	mv_labels(m, b->l.domain, &b->labels);
	b->nais = mv_lma_nais(m, i, b->nai, &b->nnais);
	return true;
}

static bool
lma_binding_piece(void *arg, struct strbuf *out)
{
	struct lma_binding_show *b = arg;
	const struct mob *m = b->r->mob;
	int shown = 0;

	pout_retarget(&b->o, out);
	while (shown < NODES_PER_PIECE) {
		if (b->next == b->nnais) {
			/* the next LMA: the one after this one's name, or, when
			 * it has gone, the one now in its place */
			int i = 0;
			struct mv_lma l;

			while (mv_lma(m, i, &l) && strcmp(l.name, b->lma_name) != 0)
				i++;
			if (!lma_binding_take(b, mv_lma(m, i, &l) ? i + 1 : b->lma))
				break;
			continue;
		}
		if (mv_lma_mn(m, b->lma_name, b->nais[b->next++], &b->labels, &b->n)) {
			b->o.p->lma_mn(&b->o, &b->l, &b->n);
			b->found = true;
			shown++;
		}
	}
	if (shown == NODES_PER_PIECE)
		return true;
	b->o.p->binding_end(&b->o, b->nai, b->found);
	pout_finish(&b->o);
	return false;
}

static void
lma_binding_done(void *arg)
{
	struct lma_binding_show *b = arg;

	mv_free_nais(b->nais, b->nnais);
	free(b);
}

int
cmd_show_pmipv6_lma_binding(struct cmd_ctx *x, struct cmd_show_pmipv6_lma_binding_args *a)
{
	struct lma_binding_show *b = calloc(1, sizeof(*b));
	unsigned long total = 0;
	struct mv_lma l;

	if (b == NULL)
		abort();
	b->r = x->r;
	if (a->id.s) {
		snprintf(b->nai_buf, sizeof(b->nai_buf), "%s", a->id.s);
		b->nai = b->nai_buf;
	}
	for (int i = 0; mv_lma(x->r->mob, i, &l); i++)
		total += mv_lma_bindings(x->r->mob, i, b->nai);
	pout_start(&b->o, x, NULL);
	b->o.detail = a->detail.s != NULL;
	b->o.p->binding_total(&b->o, total);
	lma_binding_take(b, 0);
	cmd_stream(x, lma_binding_piece, lma_binding_done, b);
	return CMD_OK;
}

/* ---- stats, heartbeat, tunnel --------------------------------------------------- */

int
cmd_show_pmipv6_lma_stats(struct cmd_ctx *x)
{
	struct mv_lma l;
	struct pout o;
	uint64_t drops[DPD_NREASONS];

	pout_start(&o, x, NULL);
	o.p->begin(&o);
	for (int i = 0; mv_lma(x->r->mob, i, &l); i++) {
		o.p->record(&o, "lma", "LMA Identifier", l.name);
		o.p->stats(&o, true, l.domain, &l.st);
		dp_drops(x->r->dp, drops);
		o.p->dp_drops(&o, drops);
		o.p->lma_counts(&o, &l);
		o.p->end_record(&o);
	}
	o.p->end(&o);
	pout_finish(&o);
	return CMD_OK;
}

static void
hb_peer(void *arg, const struct mv_peer *p)
{
	struct pout *o = arg;

	o->p->lma_hb_peer(o, p);
}

int
cmd_show_pmipv6_lma_heartbeat(struct cmd_ctx *x)
{
	struct mv_lma l;
	struct pout o;

	pout_start(&o, x, NULL);
	o.p->begin(&o);
	for (int i = 0; mv_lma(x->r->mob, i, &l); i++) {
		o.p->record(&o, "lma", "LMA Identifier", l.name);
		o.p->lma_heartbeat(&o, &l);
		o.p->list(&o, "paths");
		mv_lma_peers(x->r->mob, i, hb_peer, &o);
		o.p->end_list(&o);
		o.p->end_record(&o);
	}
	o.p->end(&o);
	pout_finish(&o);
	return CMD_OK;
}

struct tunnel_arg {
	struct pout *o;
	const struct mv_lma *l;
	const struct dp *dp;
};

static void
tunnel(void *arg, const struct mv_peer *p)
{
	struct tunnel_arg *t = arg;
	struct dp_tcount c = { 0, 0, 0, 0 };

	dp_tunnel_counters(t->dp, p->tunnel, &c);
	t->o->p->lma_tunnel(t->o, t->l, p, &c);
}

int
cmd_show_pmipv6_lma_flows(struct cmd_ctx *x)
{
	struct mv_lma l;
	struct pout o;

	pout_start(&o, x, NULL);
	o.p->begin(&o);
	if (mv_lma(x->r->mob, 0, &l)) {	/* the data plane serves a router's first LMA */
		o.p->record(&o, "lma", "LMA Identifier", l.name);
		pr_flows(&o, x->r, l.domain);
		o.p->end_record(&o);
	}
	o.p->end(&o);
	pout_finish(&o);
	return CMD_OK;
}

int
cmd_show_pmipv6_lma_tunnel(struct cmd_ctx *x)
{
	struct mv_lma l;
	struct pout o;

	pout_start(&o, x, NULL);
	o.p->begin(&o);
	for (int i = 0; mv_lma(x->r->mob, i, &l); i++) {
		o.p->record(&o, "lma", "LMA Identifier", l.name);
		o.p->lma_tunnels(&o, &l);
		o.p->list(&o, "tunnels");
		mv_lma_peers(x->r->mob, i, tunnel, &(struct tunnel_arg){ &o, &l, x->r->dp });
		o.p->end_list(&o);
		o.p->end_record(&o);
	}
	o.p->end(&o);
	pout_finish(&o);
	return CMD_OK;
}

/* ---- clear -------------------------------------------------------------------- */

int
cmd_clear_pmipv6_lma_binding(struct cmd_ctx *x, struct cmd_clear_pmipv6_lma_binding_args *a)
{
	const char *nai = a->id.s;

	if (mob_clear_bindings(x->r->mob, true, nai, x->out) == 0 && nai)
		return CMD_ERR;
	return CMD_OK;
}

int
cmd_clear_pmipv6_lma_stats(struct cmd_ctx *x)
{
	mob_clear_stats(x->r->mob, true);
	dp_clear_counters(x->r->dp);
	return CMD_OK;
}
