/*
 * pmipv6-mag.c — handlers of grammar/pmipv6-mag.cli: applying a mobile map
 * (only while no binding exists), the MAG's shows and clears.  The show
 * records (pmipv6-out.h) come from the MAG's rows and, for its live state,
 * from mobility/mob_view.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd/pmipv6-out.h"
#include "mobility/mob_view.h"
#include "pmipv6.h"
#include "router.h"
#include "rows.h"

int
cmd_mobile_map_apply(struct cmd_ctx *x, struct cmd_mobile_map_apply_args *a)
{
	return mobile_map_refuse(x);
}

/* ---- show ipv6 mobile pmipv6 mag globals --------------------------------------- */

/* The mobile network interfaces of a logical MN, space between. */
static void
lmn_networks(struct store *st, int64_t lmn, struct strbuf *v)
{
	struct lmn_network_row n;
	struct rows it;

	for (lmn_network_of(st, lmn, &it); lmn_network_next(&it, &n);)
		sb_printf(v, "%s%s", v->len ? " " : "", n.ifname);
}

int
cmd_show_pmipv6_mag_globals(struct cmd_ctx *x)
{
	struct store *st = x->r->run;
	struct pmip_mag_row g;
	struct rows it, c;
	struct pout o;

	pout_start(&o, x, NULL);
	o.p->begin(&o);
	for (pmip_mag_all(st, &it); pmip_mag_next(&it, &g);) {
		struct pr_globals v;
		struct mag_roaming_row ro;
		struct mag_lma_row l;
		struct mag_lmn_row n;
		struct haccess_profile_row p;

		memset(&v, 0, sizeof(v));
		pr_globals_fill(st, &PR_NODE_COLS(&g), &v);
		o.p->globals(&o, &v);
		o.p->list(&o, "roaming_interfaces");
		for (mag_roaming_of(st, g.id, &c); mag_roaming_next(&c, &ro);)
			o.p->roaming(&o, &ro);
		o.p->end_list(&o);
		o.p->list(&o, "lmas");
		for (mag_lma_of(st, g.id, &c); mag_lma_next(&c, &l);)
			o.p->peer(&o, &(struct pr_peer){ .what = "LMA", .name = l.name,
			    .domain = l.domain, .ipv4 = l.ipv4, .ipv6 = l.ipv6, .full = true,
			    .encap = l.encap, .has_spi = l.has_auth_spi, .spi = l.auth_spi });
		o.p->end_list(&o);
		o.p->list(&o, "logical_mns");
		for (mag_lmn_of(st, g.id, &c); mag_lmn_next(&c, &n);) {
			struct strbuf nets = STRBUF_INIT;

			lmn_networks(st, n.id, &nets);
			o.p->logical_mn(&o, n.nai, n.home_if, nets.len ? nets.s : NULL);
			sb_free(&nets);
		}
		o.p->end_list(&o);
		o.p->hybrid_access(&o, g.has_hybrid_access);
		o.p->list(&o, "profiles");
		for (haccess_profile_of(st, g.id, &c); haccess_profile_next(&c, &p);)
			o.p->profile(&o, &p);
		o.p->end_list(&o);
		o.p->bindings(&o, router_bindings(x->r));
		o.p->end_record(&o);
	}
	o.p->end(&o);
	pout_finish(&o);
	return CMD_OK;
}

/* ---- show ipv6 mobile pmipv6 mag binding ----------------------------------------- */

/* Streams as the LMA's binding show does (pmipv6-lma.c): the MAG by
 * name, its nodes by position, NODES_PER_PIECE of them per piece.  A node
 * configured or removed while the show runs may be missed or shown
 * twice; the others are shown once. */
#define NODES_PER_PIECE 256

struct mag_binding_show {
	struct router *r;
	struct pout o;
	const char *nai;		/* in nai_buf, or NULL */
	char nai_buf[MV_NAI];
	int mag, next;			/* the MAG being shown, its next node */
	char mag_name[MV_NAME];
	bool found;
	struct mv_mag g;
	struct mv_mag_mn n;
};

static bool
mag_binding_piece(void *arg, struct strbuf *out)
{
	struct mag_binding_show *b = arg;
	const struct mob *m = b->r->mob;
	int shown = 0;

	pout_retarget(&b->o, out);
	while (shown < NODES_PER_PIECE) {
		/* where the MAG is now: the list may have changed */
		int i = 0;

		while (mv_mag(m, i, &b->g) && strcmp(b->g.name, b->mag_name) != 0)
			i++;
		if (b->mag_name[0] == '\0' || !mv_mag(m, i, &b->g)) {
			/* the first MAG, or the one now in the place of one gone */
			if (!mv_mag(m, b->mag, &b->g))
				break;
			i = b->mag;
			snprintf(b->mag_name, sizeof(b->mag_name), "%s", b->g.name);
			b->next = 0;
		}
		b->mag = i;
		for (; shown < NODES_PER_PIECE && mv_mag_mn(m, i, b->next, &b->n); b->next++) {
			if (b->nai != NULL && strcmp(b->n.nai, b->nai) != 0)
				continue;
			b->found = true;
			b->o.p->mag_mn(&b->o, &b->g, &b->n);
			shown++;
		}
		if (shown == NODES_PER_PIECE)
			return true;
		/* this MAG is done: the next one */
		b->mag = i + 1;
		b->mag_name[0] = '\0';
	}
	if (shown == NODES_PER_PIECE)
		return true;
	b->o.p->binding_end(&b->o, b->nai, b->found);
	pout_finish(&b->o);
	return false;
}

int
cmd_show_pmipv6_mag_binding(struct cmd_ctx *x, struct cmd_show_pmipv6_mag_binding_args *a)
{
	struct mag_binding_show *b = calloc(1, sizeof(*b));
	const struct mob *m = x->r->mob;
	unsigned long total = 0;

	if (b == NULL)
		abort();
	b->r = x->r;
	if (a->id.s) {
		snprintf(b->nai_buf, sizeof(b->nai_buf), "%s", a->id.s);
		b->nai = b->nai_buf;
	}
	for (int i = 0; mv_mag(m, i, &b->g); i++)
		for (int k = 0; mv_mag_mn(m, i, k, &b->n); k++)
			if (b->nai == NULL || strcmp(b->n.nai, b->nai) == 0)
				total += (unsigned long)b->n.registered;
	pout_start(&b->o, x, NULL);
	b->o.detail = a->detail.s != NULL;
	b->o.p->binding_total(&b->o, total);
	cmd_stream(x, mag_binding_piece, free, b);
	return CMD_OK;
}

/* ---- stats, heartbeat, tunnel --------------------------------------------------- */

int
cmd_show_pmipv6_mag_stats(struct cmd_ctx *x)
{
	struct mv_mag *g = malloc(sizeof(*g));
	struct pout o;
	uint64_t drops[DPD_NREASONS];

	if (g == NULL)
		abort();
	pout_start(&o, x, NULL);
	o.p->begin(&o);
	for (int i = 0; mv_mag(x->r->mob, i, g); i++) {
		o.p->record(&o, "mag", "MAG Identifier", g->name);
		o.p->stats(&o, false, g->domain, &g->st);
		dp_drops(x->r->dp, drops);
		o.p->dp_drops(&o, drops);
		o.p->mag_counts(&o, g);
		o.p->end_record(&o);
	}
	o.p->end(&o);
	pout_finish(&o);
	free(g);
	return CMD_OK;
}

int
cmd_show_pmipv6_mag_heartbeat(struct cmd_ctx *x)
{
	struct mv_mag *g = malloc(sizeof(*g));
	struct pout o;

	if (g == NULL)
		abort();
	pout_start(&o, x, NULL);
	o.p->begin(&o);
	for (int i = 0; mv_mag(x->r->mob, i, g); i++) {
		o.p->record(&o, "mag", "MAG Identifier", g->name);
		o.p->mag_heartbeat(&o, g);
		o.p->list(&o, "paths");
		for (int p = 0; p < g->npaths; p++)
			o.p->mag_hb_path(&o, &g->path[p]);
		o.p->end_list(&o);
		o.p->end_record(&o);
	}
	o.p->end(&o);
	pout_finish(&o);
	free(g);
	return CMD_OK;
}

int
cmd_show_pmipv6_mag_flows(struct cmd_ctx *x)
{
	struct mv_mag *g = malloc(sizeof(*g));
	struct pout o;

	if (g == NULL)
		abort();
	pout_start(&o, x, NULL);
	o.p->begin(&o);
	if (mv_mag(x->r->mob, 0, g)) {	/* the data plane serves a router's first MAG */
		o.p->record(&o, "mag", "MAG Identifier", g->name);
		pr_flows(&o, x->r, g->domain);
		o.p->end_record(&o);
	}
	o.p->end(&o);
	pout_finish(&o);
	free(g);
	return CMD_OK;
}

int
cmd_show_pmipv6_mag_tunnel(struct cmd_ctx *x)
{
	struct mv_mag *g = malloc(sizeof(*g));
	struct pout o;

	if (g == NULL)
		abort();
	pout_start(&o, x, NULL);
	o.p->begin(&o);
	for (int i = 0; mv_mag(x->r->mob, i, g); i++) {
		o.p->record(&o, "mag", "MAG Identifier", g->name);
		o.p->list(&o, "tunnels");
		for (int p = 0; p < g->npaths; p++) {
			struct dp_tcount c = { 0, 0, 0, 0 };

			dp_tunnel_counters(x->r->dp, g->path[p].tunnel, &c);
			o.p->mag_tunnel(&o, g, &g->path[p], &c);
		}
		o.p->end_list(&o);
		o.p->end_record(&o);
	}
	o.p->end(&o);
	pout_finish(&o);
	free(g);
	return CMD_OK;
}

/* ---- clear -------------------------------------------------------------------- */

int
cmd_clear_pmipv6_mag_binding(struct cmd_ctx *x, struct cmd_clear_pmipv6_mag_binding_args *a)
{
	const char *nai = a->id.s;

	if (mob_clear_bindings(x->r->mob, false, nai, x->out) == 0 && nai)
		return CMD_ERR;
	return CMD_OK;
}

int
cmd_clear_pmipv6_mag_stats(struct cmd_ctx *x)
{
	mob_clear_stats(x->r->mob, false);
	dp_clear_counters(x->r->dp);
	return CMD_OK;
}
