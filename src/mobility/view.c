/*
 * view.c — the engine's state as records for the show commands (see
 * mob_view.h).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mob.h"

static void
copy(char *dst, size_t sz, const char *src)
{
	snprintf(dst, sz, "%s", src ? src : "");
}

/* ---- MAG ----------------------------------------------------------------- */

int
mv_mags(const struct mob *m)
{
	return m ? m->nmags : 0;
}

static int
mn_registered(const struct mag *g, const struct mmn *n)
{
	int k = 0;

	for (int i = 0; i < g->npaths; i++)
		k += n->b[i].state == MB_REGISTERED;
	return k;
}

bool
mv_mag(const struct mob *m, int i, struct mv_mag *out)
{
	const struct mag *g;

	if (m == NULL || i < 0 || i >= m->nmags)
		return false;
	g = m->mags[i];
	memset(out, 0, sizeof(*out));
	copy(out->name, sizeof(out->name), g->name);
	copy(out->domain, sizeof(out->domain), g->domain);
	copy(out->lma_name, sizeof(out->lma_name), g->lma_name);
	out->lma = g->lma;
	out->multipath = g->multipath;
	out->udp = g->udp;
	out->hb_on = g->hb_on;
	out->hb_interval = g->hb_interval;
	out->hb_retries = g->hb_retries;
	out->lma_restart_known = g->lma_restart_known;
	out->lma_restart = g->lma_restart;
	out->npaths = g->npaths < MV_PATHS ? g->npaths : MV_PATHS;
	for (int p = 0; p < out->npaths; p++) {
		const struct mpath *s = &g->path[p];
		struct mv_path *d = &out->path[p];

		copy(d->ifname, sizeof(d->ifname), s->ifname);
		copy(d->label, sizeof(d->label), s->label);
		d->label_id = s->label_num;
		d->bid = s->bid;
		d->att = s->att;
		d->tunnel = s->tunnel;
		d->coa = s->coa;
		d->link_up = s->link_up;
		d->open = s->fd >= 0;
		d->hb_ok = s->hb_ok;
		d->hb_seq = s->hb_seq;
		d->hb_missed = s->hb_missing;
		d->hb_last_ok = s->hb_last_ok;
		for (int k = 0; k < g->nmn; k++)
			d->bindings += g->mn[k].b[p].state == MB_REGISTERED;
		out->paths_up += d->open && d->hb_ok;
	}
	out->nmn = g->nmn;
	for (int k = 0; k < g->nmn; k++)
		out->bindings += mn_registered(g, &g->mn[k]);
	out->st = g->st;
	return true;
}

/* What a binding of show ... mag binding is in: the path first, then the
 * registration over it. */
static const char *
bind_state(const struct mag *g, const struct mbind *b, const struct mpath *p)
{
	if (!p->link_up)
		return "DOWN";
	if (p->coa.s_addr == 0)
		return "NO-ADDRESS";
	if (!p->hb_ok)
		return "DOWN";
	switch (b->state) {
	case MB_REGISTERED:
		return "UP";
	case MB_WAIT:
		return "REGISTERING";
	case MB_DEREG:
		return "DEREGISTERING";
	case MB_FAILED:
		return "REJECTED";
	case MB_IDLE:
		break;
	}
	return g->lma.s_addr ? "IDLE" : "NO-LMA";
}

bool
mv_mag_mn(const struct mob *m, int i, int k, struct mv_mag_mn *out)
{
	const struct mag *g;
	const struct mmn *n;
	time_t wall = time(NULL);

	if (m == NULL || i < 0 || i >= m->nmags || k < 0 || k >= m->mags[i]->nmn)
		return false;
	g = m->mags[i];
	n = &g->mn[k];
	memset(out, 0, sizeof(*out));
	copy(out->nai, sizeof(out->nai), n->nai);
	copy(out->home_if, sizeof(out->home_if), n->home_if);
	copy(out->mnets, sizeof(out->mnets), n->mnets);
	out->hoa = n->hoa;
	out->hoa_plen = n->hoa_plen;
	out->dflt_rtr = n->dflt_rtr;
	out->multipath_ok = n->multipath_ok;
	out->registered = mn_registered(g, n);
	for (int p = 0; p < g->npaths && p < MV_PATHS; p++) {
		const struct mbind *b = &n->b[p];
		struct mv_mag_bind *d = &out->b[p];

		d->state = bind_state(g, b, &g->path[p]);
		d->registered = b->state == MB_REGISTERED;
		d->seq = b->seq;
		d->lifetime = b->lifetime;
		d->status = b->status;
		if (d->registered) {
			long long left = (long long)b->lifetime - (long long)(wall - b->registered);

			d->since = b->registered;
			d->remaining = left < 0 ? 0 : left;
		}
	}
	return true;
}

/* ---- LMA ----------------------------------------------------------------- */

int
mv_lmas(const struct mob *m)
{
	return m ? m->nlmas : 0;
}

bool
mv_lma(const struct mob *m, int i, struct mv_lma *out)
{
	const struct lma *l;

	if (m == NULL || i < 0 || i >= m->nlmas)
		return false;
	l = m->lmas[i];
	memset(out, 0, sizeof(*out));
	copy(out->name, sizeof(out->name), l->name);
	copy(out->domain, sizeof(out->domain), l->domain);
	out->addr = l->addr;
	out->udp = l->udp;
	out->hb_on = l->hb_on;
	out->hb_interval = l->hb_interval;
	out->hb_retries = l->hb_retries;
	out->restart_counter = m->restart_counter;
	out->bindings = l->nbce;
	out->mobile_nodes = l->nmn;
	out->peers = l->npeer;
	for (const struct lpeer *p = l->peers; p; p = p->next)
		out->peers_up += !p->dead;
	out->st = l->st;
	return true;
}

void
mv_lma_peers(const struct mob *m, int i, void (*fn)(void *arg, const struct mv_peer *p),
    void *arg)
{
	struct mv_peer v;

	if (m == NULL || i < 0 || i >= m->nlmas)
		return;
	for (const struct lpeer *p = m->lmas[i]->peers; p; p = p->next) {
		memset(&v, 0, sizeof(v));
		v.addr = p->addr;
		v.port = p->port;
		copy(v.mag, sizeof(v.mag), p->mag_id);
		v.dead = p->dead;
		v.hb_seq = p->hb_seq;
		v.hb_missed = p->hb_missing;
		v.restart_known = p->restart_known;
		v.restart = p->restart;
		v.bindings = p->nbind;
		v.last_ok = p->last_ok;
		v.tunnel = p->tunnel;
		fn(arg, &v);
	}
}

unsigned long
mv_lma_bindings(const struct mob *m, int i, const char *nai)
{
	const struct lmn *n;

	if (m == NULL || i < 0 || i >= m->nlmas)
		return 0;
	if (nai == NULL)
		return m->lmas[i]->nbce;
	n = lma_find_mn(m->lmas[i], nai);
	return n ? n->nbind : 0;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
mv_lma_nais(const struct mob *m, int i, const char *nai, size_t *n)
{
	const struct lma *l;
	char **v;
	size_t k = 0;

	*n = 0;
	if (m == NULL || i < 0 || i >= m->nlmas)
		return NULL;
	l = m->lmas[i];
	if (nai) {
		if (lma_find_mn(m->lmas[i], nai) == NULL)
			return NULL;
		v = malloc(sizeof(*v));
		if (v == NULL || (v[0] = strdup(nai)) == NULL)
			abort();
		*n = 1;
		return v;
	}
	if (l->nmn == 0)
		return NULL;
	v = malloc(l->nmn * sizeof(*v));
	if (v == NULL)
		abort();
	for (size_t h = 0; h < l->mhsize; h++)
		for (const struct lmn *x = l->mh[h]; x && k < l->nmn; x = x->next_hash)
			if ((v[k++] = strdup(x->nai)) == NULL)
				abort();
	if (k > 1)
		qsort(v, k, sizeof(*v), str_cmp);
	*n = k;
	return v;
}

void
mv_free_nais(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int
bind_cmp(const void *a, const void *b)
{
	return (int)((const struct mv_lma_bind *)a)->bid - (int)((const struct mv_lma_bind *)b)->bid;
}

void
mv_labels(const struct mob *m, const char *domain, struct mv_labels *out)
{
	out->n = m ? mob_domain_labels(m->r, domain, out->name, 255) : 0;
}

bool
mv_lma_mn(const struct mob *m, const char *lma, const char *nai,
    const struct mv_labels *labels, struct mv_lma_mn *out)
{
	const struct lma *l = NULL;
	const struct lmn *n;
	uint32_t now_s = (uint32_t)(mob_now_ms() / 1000);
	bool active = false;

	for (int i = 0; m && i < m->nlmas && l == NULL; i++)
		if (strcmp(m->lmas[i]->name, lma) == 0)
			l = m->lmas[i];
	if (l == NULL || (n = lma_find_mn((struct lma *)l, nai)) == NULL)
		return false;
	copy(out->nai, sizeof(out->nai), n->nai);
	copy(out->network, sizeof(out->network), n->network);
	out->hoa[0] = out->hnp[0] = out->mnp[0] = '\0';
	if (n->hoa.family)
		mob_prefix_str(&n->hoa, out->hoa, sizeof(out->hoa), true);
	if (n->hnp.family)
		mob_prefix_str(&n->hnp, out->hnp, sizeof(out->hnp), true);
	if (n->mnp.family)
		mob_prefix_str(&n->mnp, out->mnp, sizeof(out->mnp), true);
	out->dflt_rtr = n->dflt_rtr;
	out->nbind = 0;
	for (const struct bce *b = n->bindings; b && out->nbind < MV_BINDS; b = b->next_mn) {
		struct mv_lma_bind *d = &out->b[out->nbind++];
		long long left = (long long)b->expires - now_s;

		active |= !b->deleting;
		d->bid = b->bid;
		d->att = b->att;
		d->label_id = b->label;
		d->hi = b->hi;
		d->label[0] = '\0';
		if (b->label && labels && b->label <= labels->n)
			copy(d->label, sizeof(d->label), labels->name[b->label - 1]);
		else if (b->label)
			snprintf(d->label, sizeof(d->label), "%u", b->label);
		copy(d->mag, sizeof(d->mag), b->peer->mag_id);
		d->coa = b->peer->addr;
		d->port = b->peer->port;
		d->state = b->deleting ? "DELETING" : b->down || b->peer->dead ? "DOWN" : "UP";
		d->lifetime = b->lifetime;
		d->remaining = left < 0 ? 0 : left;
		d->seq = b->seq;
		d->created = b->created;
		d->tunnel = b->peer->tunnel;
	}
	out->state = active ? "BCE_ACTIVE" : "BCE_DELETING";
	qsort(out->b, (size_t)out->nbind, sizeof(out->b[0]), bind_cmp);
	return true;
}

/* ---- pools ---------------------------------------------------------------- */

int64_t
mv_pool_in_use(const struct mob *m, const char *name, int64_t lo, int64_t hi)
{
	return m ? alloc_in_use(m->alloc, name, lo, hi) : 0;
}
