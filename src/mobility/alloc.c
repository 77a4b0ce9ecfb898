/*
 * alloc.c — the LMA's home address pools: IPv4 home addresses from
 * `ip local pool`, IPv6 home network prefixes from `ipv6 local pool`, and
 * mobile network prefixes from `mobile-network pool|v6pool` blocks split at
 * their network-prefix length.
 *
 * A pool is a list of ranges of equal-sized slots (an address, or a prefix)
 * and a bitmap of the slots leased.  Leases are also rows of DIR/state.db,
 * written in one transaction per burst of messages and committed before
 * the answers leave (alloc_commit), so that an address is never handed out
 * twice, not even across a restart.  At start the leases of the previous
 * run are loaded as orphans: reserved for their node for one maximum
 * lifetime, then given back unless the node registered again.
 *
 * Pools are never freed while the engine runs: their index is the handle
 * bindings keep.  A pool removed from the configuration keeps its leases
 * until they are released and hands out nothing more.
 */
#include <arpa/inet.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "mob.h"
#include "router.h"
#include "rows.h"
#include "store.h"

#define SLOTS_MAX (1u << 24)		/* per range: 2 MiB of bitmap at most */

typedef unsigned __int128 u128;

struct arange {
	u128 base;			/* first slot's address, as a number */
	uint32_t first;			/* index of the first slot in the pool */
	uint32_t count;
	unsigned shift;			/* host bits of a slot */
};

struct apool {
	char key[96];			/* "v4:NAME", "v6:NAME", "mnp:ADDR/P/N" */
	enum alloc_kind kind;
	sa_family_t family;
	uint8_t plen;			/* of a slot */
	struct arange *r;
	int nr;
	uint32_t size;			/* slots in all ranges */
	uint64_t *bits;
	uint32_t used, cursor;
	bool configured, seen;
};

struct orphan {				/* a lease of an earlier run, not claimed yet */
	struct orphan *next;
	int pool;
	struct mob_prefix p;
	uint64_t until;			/* monotonic seconds */
	char nai[];
};

struct alloc {
	struct mob *m;
	struct apool **pools;
	int npools;
	struct orphan *orphans;
	sqlite3_stmt *ins, *del;
	bool tx;
};

/* ---- addresses as numbers ------------------------------------------------ */

static u128
to_num(const struct mob_prefix *p)
{
	u128 v = 0;

	if (p->family == AF_INET)
		return ntohl(p->a.v4.s_addr);
	for (int i = 0; i < 16; i++)
		v = (v << 8) | p->a.v6.s6_addr[i];
	return v;
}

static void
from_num(u128 v, sa_family_t family, uint8_t plen, struct mob_prefix *p)
{
	memset(p, 0, sizeof(*p));
	p->family = family;
	p->plen = plen;
	if (family == AF_INET) {
		p->a.v4.s_addr = htonl((uint32_t)v);
		return;
	}
	for (int i = 15; i >= 0; i--) {
		p->a.v6.s6_addr[i] = (uint8_t)v;
		v >>= 8;
	}
}

const char *
mob_prefix_str(const struct mob_prefix *p, char *buf, size_t sz, bool with_len)
{
	char a[INET6_ADDRSTRLEN];

	inet_ntop(p->family, p->family == AF_INET ? (const void *)&p->a.v4 : (const void *)&p->a.v6,
	    a, sizeof(a));
	if (with_len)
		snprintf(buf, sz, "%s/%u", a, p->plen);
	else
		snprintf(buf, sz, "%s", a);
	return buf;
}

static bool
parse_prefix(const char *s, sa_family_t family, struct mob_prefix *p)
{
	char a[INET6_ADDRSTRLEN + 8], *slash;

	memset(p, 0, sizeof(*p));
	p->family = family;
	snprintf(a, sizeof(a), "%s", s ? s : "");
	if ((slash = strchr(a, '/')) != NULL) {
		*slash = '\0';
		p->plen = (uint8_t)atoi(slash + 1);
	}
	return inet_pton(family, a, family == AF_INET ? (void *)&p->a.v4 : (void *)&p->a.v6) == 1;
}

/* ---- pools ----------------------------------------------------------------- */

static int
pool_index(struct alloc *a, const char *key)
{
	for (int i = 0; i < a->npools; i++)
		if (strcmp(a->pools[i]->key, key) == 0)
			return i;
	return -1;
}

static bool
bit_get(const struct apool *p, uint32_t i)
{
	return (p->bits[i / 64] >> (i % 64)) & 1;
}

static void
bit_set(struct apool *p, uint32_t i, bool on)
{
	uint64_t m = (uint64_t)1 << (i % 64);

	if (on && !(p->bits[i / 64] & m)) {
		p->bits[i / 64] |= m;
		p->used++;
	} else if (!on && (p->bits[i / 64] & m)) {
		p->bits[i / 64] &= ~m;
		p->used--;
	}
}

/* The slot holding address v, or -1. */
static int64_t
slot_of(const struct apool *p, u128 v)
{
	for (int i = 0; i < p->nr; i++) {
		const struct arange *r = &p->r[i];
		u128 off;

		if (v < r->base)
			continue;
		off = (v - r->base) >> r->shift;
		if (off < r->count && ((v - r->base) & (((u128)1 << r->shift) - 1)) == 0)
			return (int64_t)r->first + (int64_t)off;
	}
	return -1;
}

static u128
addr_of(const struct apool *p, uint32_t slot)
{
	for (int i = 0; i < p->nr; i++)
		if (slot >= p->r[i].first && slot - p->r[i].first < p->r[i].count)
			return p->r[i].base + ((u128)(slot - p->r[i].first) << p->r[i].shift);
	return 0;
}

static void
add_range(struct apool *p, u128 base, uint64_t count, unsigned shift)
{
	if (count == 0)
		return;
	if (count > SLOTS_MAX)
		count = SLOTS_MAX;
	p->r = realloc(p->r, (size_t)(p->nr + 1) * sizeof(*p->r));
	if (p->r == NULL)
		abort();
	p->r[p->nr].base = base;
	p->r[p->nr].first = p->size;
	p->r[p->nr].count = (uint32_t)count;
	p->r[p->nr].shift = shift;
	p->nr++;
	p->size += (uint32_t)count;
}

/* Rebuilds the bitmap of pool p from scratch: its ranges have changed.
 * Leases held by bindings are marked again by the LMA (alloc_mark). */
static void
pool_layout_done(struct apool *p)
{
	free(p->bits);
	p->bits = calloc((p->size + 63) / 64 + 1, sizeof(uint64_t));
	if (p->bits == NULL)
		abort();
	p->used = 0;
	p->cursor = 0;
}

static struct apool *
pool_get(struct alloc *a, const char *key, enum alloc_kind kind, sa_family_t family)
{
	int i = pool_index(a, key);
	struct apool *p;

	if (i >= 0) {
		a->pools[i]->seen = true;
		return a->pools[i];
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		abort();
	snprintf(p->key, sizeof(p->key), "%s", key);
	p->kind = kind;
	p->family = family;
	p->seen = true;
	a->pools = realloc(a->pools, (size_t)(a->npools + 1) * sizeof(*a->pools));
	if (a->pools == NULL)
		abort();
	a->pools[a->npools++] = p;
	return p;
}

/* The ranges a configured pool would have, in a scratch pool, to compare
 * with what runs. */
static bool
same_layout(const struct apool *x, const struct apool *y)
{
	if (x->nr != y->nr || x->plen != y->plen)
		return false;
	for (int i = 0; i < x->nr; i++)
		if (x->r[i].base != y->r[i].base || x->r[i].count != y->r[i].count ||
		    x->r[i].shift != y->r[i].shift)
			return false;
	return true;
}

static void
adopt_layout(struct alloc *a, struct apool *p, struct apool *fresh)
{
	if (p->bits && same_layout(p, fresh)) {
		free(fresh->r);
		return;
	}
	free(p->r);
	p->r = fresh->r;
	p->nr = fresh->nr;
	p->size = fresh->size;
	p->plen = fresh->plen;
	pool_layout_done(p);
	/* leases still held keep their slots */
	lma_mark_leases(a->m, pool_index(a, p->key));
	for (struct orphan *o = a->orphans; o; o = o->next)
		if (o->pool == pool_index(a, p->key)) {
			int64_t s = slot_of(p, to_num(&o->p));

			if (s >= 0)
				bit_set(p, (uint32_t)s, true);
		}
}

void
alloc_mark(struct alloc *a, int pool, const struct mob_prefix *pfx)
{
	struct apool *p;
	int64_t s;

	if (pool < 0 || pool >= a->npools)
		return;
	p = a->pools[pool];
	s = slot_of(p, to_num(pfx));
	if (s >= 0)
		bit_set(p, (uint32_t)s, true);
}

static void
load_v4_pools(struct alloc *a)
{
	struct rows it;
	struct ip_local_pool_row pr;
	char cur[80] = "";
	struct apool fresh;
	struct apool *p = NULL;

	memset(&fresh, 0, sizeof(fresh));
	for (ip_local_pool_all(a->m->r->run, &it); ip_local_pool_next(&it, &pr);) {
		const char *name = pr.name;
		int64_t lo = pr.low_n, hi = pr.high_n;
		char key[96];

		if (strcmp(cur, name) != 0) {
			if (p)
				adopt_layout(a, p, &fresh);
			memset(&fresh, 0, sizeof(fresh));
			fresh.plen = 32;
			snprintf(cur, sizeof(cur), "%s", name);
			snprintf(key, sizeof(key), "v4:%s", name);
			p = pool_get(a, key, ALLOC_V4, AF_INET);
			p->configured = true;
		}
		if (hi < lo)
			hi = lo;
		add_range(&fresh, (u128)lo, (uint64_t)(hi - lo + 1), 0);
	}
	if (p)
		adopt_layout(a, p, &fresh);
}

static void
load_v6_pools(struct alloc *a)
{
	struct rows it;
	struct ipv6_local_pool_row pr;

	for (ipv6_local_pool_all(a->m->r->run, &it); ipv6_local_pool_next(&it, &pr);) {
		struct mob_prefix pfx;
		struct apool fresh, *p;
		char key[96];
		int alen = (int)pr.assigned_len;
		u128 base;

		if (!parse_prefix(pr.prefix, AF_INET6, &pfx) || alen < pfx.plen || alen > 128)
			continue;
		snprintf(key, sizeof(key), "v6:%s", pr.name);
		p = pool_get(a, key, ALLOC_V6, AF_INET6);
		p->configured = true;
		memset(&fresh, 0, sizeof(fresh));
		fresh.plen = (uint8_t)alen;
		base = to_num(&pfx);
		if (pfx.plen < 128)
			base &= ~((((u128)1) << (128 - pfx.plen)) - 1);
		add_range(&fresh, base, alen - pfx.plen >= 32 ? SLOTS_MAX :
		    (uint64_t)1 << (alen - pfx.plen), (unsigned)(128 - alen));
		adopt_layout(a, p, &fresh);
	}
}

void
alloc_mnp_key(const char *addr, int pplen, int nplen, char *key, size_t sz)
{
	snprintf(key, sz, "mnp:%s/%d/%d", addr, pplen, nplen);
}

static void
load_mnp_pools(struct alloc *a)
{
	struct rows it;
	struct lma_mnet_pool_row pr;

	for (lma_mnet_pool_all(a->m->r->run, &it); lma_mnet_pool_next(&it, &pr);) {
		bool v4 = strcmp(pr.family, "ipv4") == 0;
		const char *addr = pr.addr;
		int pp = (int)pr.pool_prefix, np = (int)pr.network_prefix;
		int bits = v4 ? 32 : 128;
		struct mob_prefix pfx;
		struct apool fresh, *p;
		char key[96];
		u128 base;

		if (!parse_prefix(addr, v4 ? AF_INET : AF_INET6, &pfx) || pp > np || np > bits)
			continue;
		alloc_mnp_key(addr, pp, np, key, sizeof(key));
		p = pool_get(a, key, ALLOC_MNP, pfx.family);
		p->configured = true;
		memset(&fresh, 0, sizeof(fresh));
		fresh.plen = (uint8_t)np;
		base = to_num(&pfx);
		if (pp < bits)
			base &= ~((((u128)1) << (bits - pp)) - 1);
		add_range(&fresh, base, np - pp >= 32 ? SLOTS_MAX : (uint64_t)1 << (np - pp),
		    (unsigned)(bits - np));
		adopt_layout(a, p, &fresh);
	}
}

void
alloc_reconfigure(struct alloc *a)
{
	for (int i = 0; i < a->npools; i++)
		a->pools[i]->seen = false;
	load_v4_pools(a);
	load_v6_pools(a);
	load_mnp_pools(a);
	for (int i = 0; i < a->npools; i++)
		if (!a->pools[i]->seen)
			a->pools[i]->configured = false;
}

int
alloc_find(struct alloc *a, enum alloc_kind kind, const char *name)
{
	char key[96];
	int i;

	snprintf(key, sizeof(key), "%s%s", kind == ALLOC_V4 ? "v4:" : kind == ALLOC_V6 ? "v6:" : "",
	    name);
	i = pool_index(a, key);
	return i >= 0 && a->pools[i]->configured ? i : -1;
}

/* ---- the lease table ------------------------------------------------------- */

static void
tx_begin(struct alloc *a)
{
	if (a->tx || a->m->state == NULL)
		return;
	sqlite3_exec(a->m->state, "BEGIN", NULL, NULL, NULL);
	a->tx = true;
}

void
alloc_commit(struct alloc *a)
{
	if (!a->tx)
		return;
	if (sqlite3_exec(a->m->state, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		log_warnx("state.db: %s", sqlite3_errmsg(a->m->state));
	a->tx = false;
}

static void
row_write(struct alloc *a, sqlite3_stmt *s, int pool, const struct mob_prefix *p, const char *nai)
{
	char buf[64];

	if (s == NULL)
		return;
	tx_begin(a);
	sqlite3_bind_text(s, 1, a->pools[pool]->key, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, mob_prefix_str(p, buf, sizeof(buf), false), -1, SQLITE_TRANSIENT);
	if (nai)
		sqlite3_bind_text(s, 3, nai, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_DONE)
		log_warnx("state.db: %s", sqlite3_errmsg(a->m->state));
	sqlite3_reset(s);
}

/* ---- leases -------------------------------------------------------------- */

static struct orphan *
orphan_take(struct alloc *a, int pool, const char *nai)
{
	for (struct orphan **o = &a->orphans; *o; o = &(*o)->next)
		if ((*o)->pool == pool && strcmp((*o)->nai, nai) == 0) {
			struct orphan *x = *o;

			*o = x->next;
			return x;
		}
	return NULL;
}

int
alloc_lease(struct alloc *a, int pool, const char *nai, const struct mob_prefix *want,
    struct mob_prefix *out)
{
	struct apool *p;
	struct orphan *o;
	int64_t slot = -1;

	if (pool < 0 || pool >= a->npools || !(p = a->pools[pool])->configured || p->bits == NULL)
		return -1;
	/* what this node had before the restart */
	if (a->orphans && (o = orphan_take(a, pool, nai)) != NULL) {
		*out = o->p;
		free(o);
		return 0;
	}
	/* the address it asks for, when free */
	if (want && want->family == p->family) {
		int64_t s = slot_of(p, to_num(want));

		if (s >= 0 && !bit_get(p, (uint32_t)s))
			slot = s;
	}
	if (slot < 0 && p->used < p->size) {
		uint32_t i = p->cursor, words = (p->size + 63) / 64;

		for (uint32_t n = 0; n <= words; n++) {
			uint32_t w = (i / 64 + n) % words;
			uint64_t free_bits = ~p->bits[w];

			if (n == 0)
				free_bits &= ~(((uint64_t)1 << (i % 64)) - 1);
			if (free_bits == 0)
				continue;
			slot = (int64_t)w * 64 + __builtin_ctzll(free_bits);
			if (slot >= p->size) {
				slot = -1;
				continue;
			}
			/* the next search starts after it: addresses go round the
			 * pool rather than the freshest going out again at once */
			p->cursor = (uint32_t)slot + 1 >= p->size ? 0 : (uint32_t)slot + 1;
			break;
		}
	}
	if (slot < 0)
		return -1;
	bit_set(p, (uint32_t)slot, true);
	from_num(addr_of(p, (uint32_t)slot), p->family, p->plen, out);
	row_write(a, a->ins, pool, out, nai);
	return 0;
}

void
alloc_release(struct alloc *a, int pool, const struct mob_prefix *pfx)
{
	struct apool *p;
	int64_t s;

	if (pool < 0 || pool >= a->npools)
		return;
	p = a->pools[pool];
	s = p->bits ? slot_of(p, to_num(pfx)) : -1;
	if (s >= 0)
		bit_set(p, (uint32_t)s, false);
	row_write(a, a->del, pool, pfx, NULL);
}

bool
alloc_contains(struct alloc *a, int pool, const struct mob_prefix *pfx)
{
	if (pool < 0 || pool >= a->npools)
		return false;
	return slot_of(a->pools[pool], to_num(pfx)) >= 0;
}

int64_t
alloc_in_use(struct alloc *a, const char *name, int64_t lo, int64_t hi)
{
	char key[96];
	int i;
	struct apool *p;
	int64_t n = 0;

	if (a == NULL)
		return 0;
	snprintf(key, sizeof(key), "v4:%s", name);
	if ((i = pool_index(a, key)) < 0 || (p = a->pools[i])->bits == NULL)
		return 0;
	for (int64_t v = lo; v <= hi; v++) {
		int64_t s = slot_of(p, (u128)v);

		if (s >= 0)
			n += bit_get(p, (uint32_t)s);
	}
	return n;
}

void
alloc_usage(struct alloc *a, int pool, uint64_t *size, uint64_t *used)
{
	*size = *used = 0;
	if (a == NULL || pool < 0 || pool >= a->npools)
		return;
	*size = a->pools[pool]->size;
	*used = a->pools[pool]->used;
}

/* Leases of the previous run: reserved for their nodes for a while. */
static void
load_leases(struct alloc *a)
{
	sqlite3_stmt *s;
	uint64_t until = mob_now_ms() / 1000 + MOB_LIFETIME_MAX;
	int n = 0;

	if (a->m->state == NULL || sqlite3_prepare_v2(a->m->state, "SELECT pool, addr, nai FROM lease",
	    -1, &s, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(s, 0);
		const char *addr = (const char *)sqlite3_column_text(s, 1);
		const char *nai = (const char *)sqlite3_column_text(s, 2);
		int pool = pool_index(a, key);
		struct orphan *o;
		struct apool *p;

		if (pool < 0) {
			/* a pool that is gone from the configuration still owns it */
			p = pool_get(a, key, strncmp(key, "v4:", 3) == 0 ? ALLOC_V4 :
			    strncmp(key, "v6:", 3) == 0 ? ALLOC_V6 : ALLOC_MNP,
			    strchr(addr, ':') ? AF_INET6 : AF_INET);
			p->seen = false;
			pool = pool_index(a, key);
		}
		p = a->pools[pool];
		o = calloc(1, sizeof(*o) + strlen(nai) + 1);
		if (o == NULL)
			abort();
		strcpy(o->nai, nai);
		o->pool = pool;
		o->until = until;
		if (!parse_prefix(addr, p->family, &o->p)) {
			free(o);
			continue;
		}
		o->p.plen = p->plen;
		alloc_mark(a, pool, &o->p);
		o->next = a->orphans;
		a->orphans = o;
		n++;
	}
	sqlite3_finalize(s);
	if (n)
		log_info("state.db: %d leases of the previous run reserved for %d s", n,
		    MOB_LIFETIME_MAX);
}

void
alloc_sweep(struct alloc *a, uint64_t now_s)
{
	for (struct orphan **o = &a->orphans; *o;) {
		struct orphan *x = *o;

		if (x->until > now_s) {
			o = &x->next;
			continue;
		}
		*o = x->next;
		alloc_release(a, x->pool, &x->p);
		free(x);
	}
}

struct alloc *
alloc_new(struct mob *m)
{
	struct alloc *a = calloc(1, sizeof(*a));

	if (a == NULL)
		abort();
	a->m = m;
	if (m->state) {
		sqlite3_prepare_v2(m->state, "INSERT OR REPLACE INTO lease (pool, addr, nai) "
		    "VALUES (?, ?, ?)", -1, &a->ins, NULL);
		sqlite3_prepare_v2(m->state, "DELETE FROM lease WHERE pool=? AND addr=?", -1, &a->del,
		    NULL);
	}
	alloc_reconfigure(a);
	load_leases(a);
	return a;
}

void
alloc_free(struct alloc *a)
{
	if (a == NULL)
		return;
	alloc_commit(a);
	sqlite3_finalize(a->ins);
	sqlite3_finalize(a->del);
	for (int i = 0; i < a->npools; i++) {
		free(a->pools[i]->r);
		free(a->pools[i]->bits);
		free(a->pools[i]);
	}
	free(a->pools);
	while (a->orphans) {
		struct orphan *o = a->orphans;

		a->orphans = o->next;
		free(o);
	}
	free(a);
}
