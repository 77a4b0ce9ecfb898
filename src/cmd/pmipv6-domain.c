/*
 * pmipv6-domain.c — handlers of grammar/pmipv6-domain.cli: the rule that
 * mobile maps change only while no binding exists, and the domain and
 * mobile-map shows, whose records (pmipv6-out.h) are built here from the
 * configuration's rows.  Also what the PMIPv6 shows share: where the
 * output goes, references and peers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cl_gen.h"
#include "cmd.h"
#include "cmd/pmipv6-out.h"
#include "pmipv6.h"
#include "router.h"
#include "rows.h"

/* The feature document: "The mobile map and its entries are configured or
 * modified when no bindings are available." */
int
mobile_map_refuse(struct cmd_ctx *x)
{
	unsigned long n = router_bindings(x->r);

	if (n == 0)
		return CMD_OK;
	sb_printf(x->out, "%% Mobile maps cannot be changed while bindings exist (%lu binding%s)\n",
	    n, n == 1 ? "" : "s");
	return CMD_ERR;
}

int
cmd_mobile_map_change(struct cmd_ctx *x, struct cmd_mobile_map_change_args *a)
{
	return mobile_map_refuse(x);
}

/* ---- what the PMIPv6 shows share ------------------------------------------ */

void
pout_start(struct pout *o, struct cmd_ctx *x, struct strbuf *out)
{
	memset(o, 0, sizeof(*o));
	o->p = x->m->pipe == CL_PIPE_JSON ? &pmip_json : &pmip_text;
	o->out = out ? out : x->out;
	o->now = time(NULL);
	o->p->open(o);
}

void
pout_finish(struct pout *o)
{
	o->p->close(o);
}

void
pout_retarget(struct pout *o, struct strbuf *out)
{
	o->out = out;
	o->j.out = out;
}

bool
pr_acl_defined(struct store *st, const char *name)
{
	struct acl_row a;

	return acl_find(st, name, &a);
}

bool
pr_domain_defined(struct store *st, const char *name)
{
	struct pmip_domain_row d;

	return pmip_domain_find(st, name, &d);
}

/* Mobile map name of domain. */
bool
pr_map_defined(struct store *st, const char *domain, const char *name)
{
	struct pmip_domain_row d;
	struct mobile_map_row m;
	struct rows it;

	if (!pmip_domain_find(st, domain, &d))
		return false;
	for (mobile_map_of(st, d.id, &it); mobile_map_next(&it, &m);)
		if (strcmp(m.name, name) == 0) {
			rows_end(&it);
			return true;
		}
	return false;
}

#define PR_MAXFLOWS 65536

void
pr_flows(struct pout *o, struct router *r, const char *domain)
{
	struct dp_flow_view *v = malloc(PR_MAXFLOWS * sizeof(*v));
	struct mv_labels *labels = malloc(sizeof(*labels));
	int n = v ? dp_flows(r->dp, v, PR_MAXFLOWS) : 0;

	if (labels == NULL)
		abort();
	mv_labels(r->mob, domain, labels);

	o->p->flows(o, n);
	o->p->list(o, "flows");
	for (int i = 0; i < n; i++) {
		struct pr_flow f = { &v[i], "" };

		if (v[i].label > 0 && v[i].label <= labels->n)
			f.label = labels->name[v[i].label - 1];
		o->p->flow(o, &f);
	}
	o->p->end_list(o);
	free(labels);
	free(v);
}

void
pr_globals_fill(struct store *st, const struct pr_node_cols *c, struct pr_globals *v)
{
	struct pmip_domain_row d;

	v->name = c->name;
	v->domain = (struct pr_ref){ c->domain, pr_domain_defined(st, c->domain) };
	v->addr_v4 = c->address_v4;
	v->addr_v6 = c->address_v6;
	v->multipath = c->has_multipath;
	v->hb = c->has_hb;
	v->hb_interval = c->has_hb_interval ? c->hb_interval : 60;
	v->hb_retries = c->has_hb_retries ? c->hb_retries : 3;
	v->bce_max = c->has_bce_max ? c->bce_max : 128000;
	if (c->mobile_map) {
		v->has_map = true;
		v->map = (struct pr_ref){ c->mobile_map, pr_map_defined(st, c->domain,
		    c->mobile_map) };
	}
	v->tunnel_mtu = c->has_tunnel_mtu ? c->tunnel_mtu : 1500;
	if (c->tunnel_acl) {
		v->has_acl = true;
		v->acl = (struct pr_ref){ c->tunnel_acl, pr_acl_defined(st, c->tunnel_acl) };
	}
	v->egress_if = c->egress_if;
	/* last: the row a find returns is good until the next find */
	v->encap = pmip_domain_find(st, c->domain, &d) ? d.encap : NULL;
}

/* ---- show ipv6 mobile pmipv6 domain ----------------------------------------- */

struct map_count {
	char *name;
	int64_t n;
};

static int
map_count_cmp(const void *a, const void *b)
{
	return strcmp(((const struct map_count *)a)->name, ((const struct map_count *)b)->name);
}

/* The domain's mobile maps, by name, with their number of entries. */
static void
domain_maps(struct pout *o, struct store *st, int64_t domain)
{
	struct map_count *v = NULL;
	size_t n = 0, cap = 0;
	struct mobile_map_row m;
	struct rows it;

	for (mobile_map_of(st, domain, &it); mobile_map_next(&it, &m);) {
		if (n && strcmp(v[n - 1].name, m.name) == 0) {
			v[n - 1].n++;
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			v = realloc(v, cap * sizeof(*v));
			if (v == NULL)
				abort();
		}
		v[n].name = strdup(m.name);
		if (v[n].name == NULL)
			abort();
		v[n++].n = 1;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), map_count_cmp);
	o->p->list(o, "mobile_maps");
	for (size_t i = 0; i < n; i++) {
		o->p->domain_map(o, v[i].name, v[i].n);
		free(v[i].name);
	}
	o->p->end_list(o);
	free(v);
}

int
cmd_show_pmipv6_domain(struct cmd_ctx *x, struct cmd_show_pmipv6_domain_args *a)
{
	struct store *st = x->r->run;
	struct pmip_domain_row d;
	struct rows it, c;
	struct pout o;
	int n = 0, rc = CMD_OK;

	pout_start(&o, x, NULL);
	o.p->begin(&o);
	for (pmip_domain_all(st, &it); pmip_domain_next(&it, &d);) {
		struct domain_lma_row l;
		struct domain_mag_row g;
		struct domain_nai_row nai;

		if (a->name.s && strcmp(d.name, a->name.s) != 0)
			continue;
		n++;
		o.p->record(&o, "domain", "Domain", d.name);
		o.p->domain(&o, &d);
		o.p->list(&o, "lmas");
		for (domain_lma_of(st, d.id, &c); domain_lma_next(&c, &l);)
			o.p->peer(&o, &(struct pr_peer){ .what = "LMA", .name = l.name, .ipv4 = l.ipv4,
			    .ipv6 = l.ipv6 });
		o.p->end_list(&o);
		o.p->list(&o, "mags");
		for (domain_mag_of(st, d.id, &c); domain_mag_next(&c, &g);)
			o.p->peer(&o, &(struct pr_peer){ .what = "MAG", .name = g.name, .ipv4 = g.ipv4,
			    .ipv6 = g.ipv6 });
		o.p->end_list(&o);
		o.p->list(&o, "mobile_nodes");
		for (domain_nai_of(st, d.id, &c); domain_nai_next(&c, &nai);)
			o.p->domain_nai(&o, &nai);
		o.p->end_list(&o);
		domain_maps(&o, st, d.id);
		o.p->end_record(&o);
	}
	o.p->end(&o);
	if (a->name.s && n == 0)
		rc = o.p->missing(&o, "PMIPv6 domain", a->name.s);
	pout_finish(&o);
	return rc;
}

/* ---- show ipv6 mobile pmipv6 mobile-map ------------------------------------- */

static bool
label_defined(struct store *st, const char *label)
{
	struct mag_roaming_row r;
	struct rows it;

	for (mag_roaming_all(st, &it); mag_roaming_next(&it, &r);)
		if (r.label && strcmp(r.label, label) == 0) {
			rows_end(&it);
			return true;
		}
	return false;
}

static bool
profile_defined(struct store *st, const char *name)
{
	struct haccess_profile_row p;
	struct rows it;

	for (haccess_profile_all(st, &it); haccess_profile_next(&it, &p);)
		if (strcmp(p.name, name) == 0) {
			rows_end(&it);
			return true;
		}
	return false;
}

static bool
have_mag(struct store *st)
{
	struct pmip_mag_row g;
	struct rows it;

	pmip_mag_all(st, &it);
	if (!pmip_mag_next(&it, &g))
		return false;
	rows_end(&it);
	return true;
}

/* The MAG and LMA that apply map of domain (one map is active on each). */
static int
map_users(struct store *st, const char *domain, const char *map, char ***out)
{
	struct pmip_mag_row g;
	struct pmip_lma_row l;
	struct rows it;
	char **v = NULL;
	int n = 0;

	for (pmip_mag_all(st, &it); pmip_mag_next(&it, &g);)
		if (g.mobile_map && strcmp(g.mobile_map, map) == 0 && g.domain &&
		    strcmp(g.domain, domain) == 0) {
			v = realloc(v, (size_t)(n + 1) * sizeof(*v));
			if (v == NULL || asprintf(&v[n++], "MAG %s", g.name) < 0)
				abort();
		}
	for (pmip_lma_all(st, &it); pmip_lma_next(&it, &l);)
		if (l.mobile_map && strcmp(l.mobile_map, map) == 0 && l.domain &&
		    strcmp(l.domain, domain) == 0) {
			v = realloc(v, (size_t)(n + 1) * sizeof(*v));
			if (v == NULL || asprintf(&v[n++], "LMA %s", l.name) < 0)
				abort();
		}
	*out = v;
	return n;
}

static void
map_head(struct pout *o, struct store *st, const char *domain, const char *name)
{
	char **users;
	int n = map_users(st, domain, name, &users);

	o->p->map(o, &(struct pr_map){ .name = name, .domain = domain,
	    .applied = (const char **)users, .napplied = n });
	for (int i = 0; i < n; i++)
		free(users[i]);
	free(users);
	o->p->list(o, "entries");
}

int
cmd_show_pmipv6_mobile_map(struct cmd_ctx *x, struct cmd_show_pmipv6_mobile_map_args *a)
{
	struct store *st = x->r->run;
	bool mag = have_mag(st);
	struct pmip_domain_row d;
	struct mobile_map_row m;
	struct rows it, c;
	struct pout o;
	int n = 0, rc = CMD_OK;

	pout_start(&o, x, NULL);
	o.p->begin(&o);
	for (pmip_domain_all(st, &it); pmip_domain_next(&it, &d);) {
		char *cur = NULL;

		for (mobile_map_of(st, d.id, &c); mobile_map_next(&c, &m);) {
			struct pr_map_entry e = { .seq = m.seq };
			const char *links[3] = { m.link1, m.link2, m.link3 };

			if (a->name.s && strcmp(m.name, a->name.s) != 0)
				continue;
			n++;
			if (cur == NULL || strcmp(cur, m.name) != 0) {
				if (cur) {
					o.p->end_list(&o);
					o.p->end_record(&o);
				}
				free(cur);
				cur = strdup(m.name);
				if (cur == NULL)
					abort();
				map_head(&o, st, d.name, m.name);
			}
			if (m.acl) {
				e.has_acl = true;
				e.acl = (struct pr_ref){ m.acl, pr_acl_defined(st, m.acl) };
			}
			for (int i = 0; i < 3; i++)
				if (links[i])
					e.link[e.nlinks++] = (struct pr_ref){ links[i],
					    !mag || label_defined(st, links[i]) };
			e.link_null = m.has_link_null;
			if (m.traffic_profile) {
				e.has_profile = true;
				e.profile = (struct pr_ref){ m.traffic_profile,
				    !mag || profile_defined(st, m.traffic_profile) };
			}
			o.p->map_entry(&o, &e);
		}
		if (cur) {
			o.p->end_list(&o);
			o.p->end_record(&o);
		}
		free(cur);
	}
	o.p->end(&o);
	if (a->name.s && n == 0)
		rc = o.p->missing(&o, "Mobile map", a->name.s);
	pout_finish(&o);
	return rc;
}
