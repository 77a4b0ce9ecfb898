/*
 * lma.c — the Local Mobility Anchor: answers Proxy Binding Updates on UDP
 * port 5436 (RFC 5213, RFC 5844), keeps the binding cache keyed by (mobile
 * node, binding id) so that a multipath node has one binding per path
 * (RFC 8278), hands out home addresses and prefixes from the network's
 * pools (alloc.c), watches every MAG path with heartbeats (RFC 5847), and
 * revokes bindings on clear (RFC 5846).
 *
 * Built for load: messages are read and answered in batches (recvmmsg,
 * sendmmsg), the leases of a batch are committed once before its answers
 * leave, mobile nodes and peers are found by hash, bindings expire through
 * a wheel of seconds, and nothing is logged per binding unless debugging
 * is on.  See mob.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "mob.h"
#include "router.h"
#include "rlog.h"

#define BATCH 64
#define ROUNDS 16			/* recvmmsg batches per read event */
#define TICK_MS 100
#define HB_WHEEL 4096			/* heartbeat wheel slots (ticks): 409.6 s */

struct istr {
	struct istr *next;
	uint32_t hash;
	char s[];
};

/* The answers of a whole read event (ROUNDS x BATCH messages): their
 * leases go to state.db in one transaction, they leave in one sendmmsg.
 * Messages are packed in buf, each at an 8-octet boundary. */
#define TXQ_MSGS (BATCH * ROUNDS)
#define TXQ_BYTES (256 * 1024)

struct txq {
	int n;
	size_t used;
	struct mmsghdr hdr[TXQ_MSGS];
	struct iovec iov[TXQ_MSGS];
	struct sockaddr_in to[TXQ_MSGS];
	uint8_t buf[TXQ_BYTES];
};

static const char *
ntoa(struct in_addr a, char *buf)
{
	return inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

static uint32_t
hash_bytes(const void *p, size_t n)
{
	const uint8_t *b = p;
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 1099511628211ULL;
	return (uint32_t)(h ^ (h >> 29));
}

/* The one copy of s the LMA keeps (MAG Identifiers, network names): a
 * hash set, since with dynamic MAG learning every MAG brings a name. */
static const char *
intern(struct lma *l, const char *s)
{
	struct istr *i;
	size_t len;
	uint32_t h;

	if (s == NULL || *s == '\0')
		return "";
	len = strlen(s);
	h = hash_bytes(s, len);
	for (i = l->strsize ? l->strtab[h & (l->strsize - 1)] : NULL; i; i = i->next)
		if (i->hash == h && strcmp(i->s, s) == 0)
			return i->s;
	if (l->nstr >= l->strsize) {
		size_t nsize = l->strsize ? l->strsize * 2 : 64;
		struct istr **nt = calloc(nsize, sizeof(*nt));

		if (nt == NULL)
			abort();
		for (size_t k = 0; k < l->strsize; k++)
			for (struct istr *x = l->strtab[k], *next; x; x = next) {
				next = x->next;
				x->next = nt[x->hash & (nsize - 1)];
				nt[x->hash & (nsize - 1)] = x;
			}
		free(l->strtab);
		l->strtab = nt;
		l->strsize = nsize;
	}
	i = malloc(sizeof(*i) + len + 1);
	if (i == NULL)
		abort();
	memcpy(i->s, s, len + 1);
	i->hash = h;
	i->next = l->strtab[h & (l->strsize - 1)];
	l->strtab[h & (l->strsize - 1)] = i;
	l->nstr++;
	return i->s;
}

static uint64_t
peer_hash(struct in_addr a, uint16_t port)
{
	uint64_t k = ((uint64_t)a.s_addr << 16) | port;

	k *= 0x9E3779B97F4A7C15ULL;
	return k ^ (k >> 31);
}

/* ---- sending ---------------------------------------------------------- */

static void
tx_flush(struct mob *m, struct lma *l)
{
	struct txq *q = l->tx;
	int done = 0;

	alloc_commit(m->alloc);
	while (done < q->n) {
		int n = sendmmsg(l->fd, q->hdr + done, (unsigned)(q->n - done), 0);

		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			/* the rest cannot go now; the peers retransmit */
			break;
		}
		done += n;
	}
	q->n = 0;
	q->used = 0;
}

static void
tx_add(struct mob *m, struct lma *l, const struct pmip_msg *msg, struct in_addr to, uint16_t port)
{
	struct txq *q = l->tx;
	ssize_t n;

	if (l->fd < 0)
		return;
	if (q->n == TXQ_MSGS || sizeof(q->buf) - q->used < PMIP_MH_MAX_LEN)
		tx_flush(m, l);
	n = pmip_encode(msg, q->buf + q->used, PMIP_MH_MAX_LEN);
	if (n < 0)
		return;
	mob_debug_msg(m, l->name, "sent", msg, to);
	memset(&q->to[q->n], 0, sizeof(q->to[q->n]));
	q->to[q->n].sin_family = AF_INET;
	q->to[q->n].sin_addr = to;
	q->to[q->n].sin_port = htons(port);
	q->iov[q->n].iov_base = q->buf + q->used;
	q->iov[q->n].iov_len = (size_t)n;
	q->used += ((size_t)n + 7) & ~(size_t)7;
	memset(&q->hdr[q->n], 0, sizeof(q->hdr[q->n]));
	q->hdr[q->n].msg_hdr.msg_name = &q->to[q->n];
	q->hdr[q->n].msg_hdr.msg_namelen = sizeof(q->to[q->n]);
	q->hdr[q->n].msg_hdr.msg_iov = &q->iov[q->n];
	q->hdr[q->n].msg_hdr.msg_iovlen = 1;
	q->n++;
}

/* ---- peers -------------------------------------------------------------- */

static void
ph_grow(struct lma *l)
{
	size_t nsize = l->phsize ? l->phsize * 2 : 64;
	struct lpeer **nh = calloc(nsize, sizeof(*nh));

	if (nh == NULL)
		abort();
	for (size_t i = 0; i < l->phsize; i++)
		for (struct lpeer *p = l->ph[i], *next; p; p = next) {
			size_t h = peer_hash(p->addr, p->port) & (nsize - 1);

			next = p->next_hash;
			p->next_hash = nh[h];
			nh[h] = p;
		}
	free(l->ph);
	l->ph = nh;
	l->phsize = nsize;
}

static struct lpeer *
peer_find(struct lma *l, struct in_addr a, uint16_t port)
{
	if (l->phsize == 0)
		return NULL;
	for (struct lpeer *p = l->ph[peer_hash(a, port) & (l->phsize - 1)]; p; p = p->next_hash)
		if (p->addr.s_addr == a.s_addr && p->port == port)
			return p;
	return NULL;
}

/* Files p under the first moment peers_tick() has something to do for
 * it: its next heartbeat, or the moment its path counts as dead if
 * nothing comes from it before.  A path that answers is looked at again
 * only at its next heartbeat, so the tick costs what is due, not what
 * exists.  Slots are rounded up: nothing is looked at before its time. */
static void
hb_file(struct lma *l, struct lpeer *p)
{
	struct lpeer **slot;
	uint64_t due = p->hb_next;

	if (!p->dead && p->alive_ms + l->hb_limit + 1 < due)
		due = p->alive_ms + l->hb_limit + 1;
	p->hb_due = due;
	slot = &l->hbwheel[(due + TICK_MS - 1) / TICK_MS % HB_WHEEL];
	p->hbprev = NULL;
	p->hbnext = *slot;
	if (*slot)
		(*slot)->hbprev = p;
	*slot = p;
}

static void
hb_unfile(struct lma *l, struct lpeer *p)
{
	if (p->hbprev)
		p->hbprev->hbnext = p->hbnext;
	else
		l->hbwheel[(p->hb_due + TICK_MS - 1) / TICK_MS % HB_WHEEL] = p->hbnext;
	if (p->hbnext)
		p->hbnext->hbprev = p->hbprev;
	p->hbnext = p->hbprev = NULL;
}

static struct lpeer *
peer_get(struct mob *m, struct lma *l, struct in_addr a, uint16_t port)
{
	struct lpeer *p = peer_find(l, a, port);
	size_t h;

	if (p)
		return p;
	if (l->npeer >= l->phsize)
		ph_grow(l);
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		abort();
	p->addr = a;
	p->port = port;
	p->since = time(NULL);
	p->mag_id = "";
	p->alive_ms = mob_now_ms();
	p->tunnel = l->next_tunnel++;
	/* spread the heartbeats of many peers over the interval */
	p->hb_next = mob_now_ms() + (uint64_t)l->hb_interval * 1000 -
	    (peer_hash(a, port) % ((uint64_t)l->hb_interval * 500 + 1));
	hb_file(l, p);
	h = peer_hash(a, port) & (l->phsize - 1);
	p->next_hash = l->ph[h];
	l->ph[h] = p;
	p->prev = l->peers_tail;
	if (l->peers_tail)
		l->peers_tail->next = p;
	else
		l->peers = p;
	l->peers_tail = p;
	l->npeer++;
	(void)m;
	return p;
}

static void
peer_free(struct lma *l, struct lpeer *p)
{
	struct lpeer **pp = &l->ph[peer_hash(p->addr, p->port) & (l->phsize - 1)];

	while (*pp != p)
		pp = &(*pp)->next_hash;
	*pp = p->next_hash;
	hb_unfile(l, p);
	if (p->prev)
		p->prev->next = p->next;
	else
		l->peers = p->next;
	if (p->next)
		p->next->prev = p->prev;
	else
		l->peers_tail = p->prev;
	l->npeer--;
	free(p);
}

/* ---- mobile nodes and bindings ------------------------------------------ */

static void
mh_grow(struct lma *l)
{
	size_t nsize = l->mhsize ? l->mhsize * 2 : 1024;
	struct lmn **nh = calloc(nsize, sizeof(*nh));

	if (nh == NULL)
		abort();
	for (size_t i = 0; i < l->mhsize; i++)
		for (struct lmn *n = l->mh[i], *next; n; n = next) {
			size_t h = n->hash & (nsize - 1);

			next = n->next_hash;
			n->next_hash = nh[h];
			nh[h] = n;
		}
	free(l->mh);
	l->mh = nh;
	l->mhsize = nsize;
}

/* The node named nai[0..len), whose hash_bytes() is h, or NULL. */
static struct lmn *
mn_find(struct lma *l, const uint8_t *nai, size_t len, uint32_t h)
{
	if (l->mhsize == 0)
		return NULL;
	for (struct lmn *n = l->mh[h & (l->mhsize - 1)]; n; n = n->next_hash)
		if (n->hash == h && memcmp(n->nai, nai, len) == 0 && n->nai[len] == '\0')
			return n;
	return NULL;
}

static struct lmn *
mn_new(struct lma *l, const uint8_t *nai, size_t len, uint32_t h)
{
	struct lmn *n = calloc(1, sizeof(*n) + len + 1);
	size_t b;

	if (n == NULL)
		abort();
	memcpy(n->nai, nai, len);
	n->nai[len] = '\0';
	n->hash = h;
	n->hoa_pool = n->hnp_pool = n->mnp_pool = -1;
	n->network = "";
	if (l->nmn >= l->mhsize)
		mh_grow(l);
	b = h & (l->mhsize - 1);
	n->next_hash = l->mh[b];
	l->mh[b] = n;
	l->nmn++;
	return n;
}

static void
mn_free(struct mob *m, struct lma *l, struct lmn *n)
{
	struct lmn **pp = &l->mh[n->hash & (l->mhsize - 1)];

	while (*pp != n)
		pp = &(*pp)->next_hash;
	*pp = n->next_hash;
	if (l->stopping && !n->deregistered) {
		/* the router stops or reloads: the node keeps its addresses,
		 * reserved for it in state.db until it registers again (not
		 * one that was deregistered, only held for the delay) */
		l->nmn--;
		free(n);
		return;
	}
	if (n->hoa_pool >= 0)
		alloc_release(m->alloc, n->hoa_pool, &n->hoa);
	if (n->hnp_pool >= 0)
		alloc_release(m->alloc, n->hnp_pool, &n->hnp);
	if (n->mnp_pool >= 0)
		alloc_release(m->alloc, n->mnp_pool, &n->mnp);
	l->nmn--;
	free(n);
}

static void
wheel_del(struct lma *l, struct bce *b)
{
	if (b->wprev)
		b->wprev->wnext = b->wnext;
	else if (l->wheel[b->expires % MOB_WHEEL] == b)
		l->wheel[b->expires % MOB_WHEEL] = b->wnext;
	if (b->wnext)
		b->wnext->wprev = b->wprev;
	b->wnext = b->wprev = NULL;
}

static void
wheel_add(struct lma *l, struct bce *b)
{
	struct bce **slot = &l->wheel[b->expires % MOB_WHEEL];

	b->wprev = NULL;
	b->wnext = *slot;
	if (*slot)
		(*slot)->wprev = b;
	*slot = b;
}

static void
bind_debug(struct mob *m, struct lma *l, struct bce *b, const char *what)
{
	char a[INET_ADDRSTRLEN], h[64];

	if (!(m->r->debug & DBG_PMIP_EVENTS))
		return;
	rdebug(m->r, DBG_PMIP_EVENTS, "%s: %s binding %s bid %u via %s, HoA %s", l->name, what,
	    b->mn->nai, b->bid, ntoa(b->peer->addr, a),
	    b->mn->hoa.family ? mob_prefix_str(&b->mn->hoa, h, sizeof(h), false) :
	    b->mn->hnp.family ? mob_prefix_str(&b->mn->hnp, h, sizeof(h), true) : "-");
}

static void
bce_del(struct mob *m, struct lma *l, struct bce *b, const char *why)
{
	struct lmn *n = b->mn;
	struct bce **pp = &n->bindings;

	bind_debug(m, l, b, why);
	while (*pp != b)
		pp = &(*pp)->next_mn;
	*pp = b->next_mn;
	n->nbind--;
	wheel_del(l, b);
	if (--b->peer->nbind == 0)
		peer_free(l, b->peer);
	l->nbce--;
	m->gen++;
	free(b);
	if (n->nbind == 0)
		mn_free(m, l, n);
}

static struct bce *
bce_find(struct lmn *n, uint8_t bid)
{
	for (struct bce *b = n ? n->bindings : NULL; b; b = b->next_mn)
		if (b->bid == bid)
			return b;
	return NULL;
}

/* ---- policy -------------------------------------------------------------- */

static int
prof_cmp(const void *a, const void *b)
{
	return strcmp(((const struct lprof *)a)->nai, ((const struct lprof *)b)->nai);
}

static const struct lprof *
prof_find(const struct lma *l, const char *nai)
{
	struct lprof key;
	const struct lprof *p;

	if (l->nprofs == 0)
		return NULL;
	key.nai = (char *)nai;
	p = bsearch(&key, l->profs, (size_t)l->nprofs, sizeof(*l->profs), prof_cmp);
	return p;
}

/* The network of a node: its nai entry, its realm's, the default profile;
 * with none of these, the LMA's only network.  NULL: not ours. */
static const struct lnet *
node_network(const struct lma *l, const char *nai, bool *not_ours)
{
	const struct lprof *p = prof_find(l, nai);
	const char *at = strchr(nai, '@');

	*not_ours = false;
	if (p == NULL && at)
		p = prof_find(l, at);
	if (p == NULL && l->default_profile[0])
		p = prof_find(l, l->default_profile);
	if (p) {
		if (p->lma[0] && strcmp(p->lma, l->name) != 0) {
			*not_ours = true;
			return NULL;
		}
		for (int i = 0; i < l->nnets; i++)
			if (strcmp(l->nets[i].name, p->network) == 0)
				return &l->nets[i];
	}
	if (l->nnets == 1)
		return &l->nets[0];
	if (p == NULL && l->nnets > 1)
		*not_ours = true;
	return NULL;
}

static bool
mag_authorized(const struct lma *l, const struct pmip_msg *msg, struct in_addr from,
    const char **name)
{
	*name = "";
	for (int i = 0; i < l->nmagcfg; i++) {
		if (l->magcfg[i].addr.s_addr == from.s_addr ||
		    (msg->has_mag_id && strlen(l->magcfg[i].name) == msg->mag_id.len &&
		    memcmp(l->magcfg[i].name, msg->mag_id.id, msg->mag_id.len) == 0)) {
			*name = l->magcfg[i].name;
			return true;
		}
	}
	return l->dynamic_mag;
}

/* A free address for the default router of a home subnet: its first host,
 * else its last, when the pool does not hand it out. */
static struct in_addr
default_router(struct mob *m, const struct lmn *n)
{
	struct in_addr none = { 0 };
	uint32_t a = ntohl(n->hoa.a.v4.s_addr), mask;
	struct mob_prefix c = n->hoa;

	if (n->hoa.plen == 0 || n->hoa.plen >= 31)
		return none;
	mask = n->hoa.plen == 0 ? 0 : ~0u << (32 - n->hoa.plen);
	c.a.v4.s_addr = htonl((a & mask) + 1);
	if (!alloc_contains(m->alloc, n->hoa_pool, &c) && c.a.v4.s_addr != n->hoa.a.v4.s_addr)
		return c.a.v4;
	c.a.v4.s_addr = htonl((a | ~mask) - 1);
	if (!alloc_contains(m->alloc, n->hoa_pool, &c) && c.a.v4.s_addr != n->hoa.a.v4.s_addr)
		return c.a.v4;
	return none;
}

/* Leases what the node asks for and does not hold yet.  PBA status. */
static uint8_t
node_leases(struct mob *m, const struct lnet *net, struct lmn *n, const struct pmip_msg *msg,
    uint8_t *v4status)
{
	*v4status = PMIP_V4HOA_SUCCESS;
	if (msg->has_v4hoa_req && n->hoa_pool < 0) {
		struct mob_prefix want = { 0 };

		if (net == NULL || net->v4pool < 0) {
			*v4status = PMIP_V4HOA_ADMIN_PROHIBITED;
			return PMIP_ST_NOT_AUTHORIZED_IPV4;
		}
		want.family = AF_INET;
		want.a.v4 = msg->v4hoa_req;
		if (alloc_lease(m->alloc, net->v4pool, n->nai, msg->v4hoa_req.s_addr ? &want : NULL,
		    &n->hoa) < 0) {
			*v4status = PMIP_V4HOA_DYNAMIC_UNAVAILABLE;
			return PMIP_ST_INSUFFICIENT_RESOURCES;
		}
		n->hoa.plen = net->v4plen;
		n->hoa_pool = (int16_t)net->v4pool;
		n->dflt_rtr = default_router(m, n);
	}
	if (msg->n_hnp > 0 && n->hnp_pool < 0) {
		if (net == NULL || net->v6pool < 0) {
			if (!msg->has_v4hoa_req)
				return PMIP_ST_NOT_AUTHORIZED_IPV6;
		} else if (alloc_lease(m->alloc, net->v6pool, n->nai, NULL, &n->hnp) < 0)
			return PMIP_ST_INSUFFICIENT_RESOURCES;
		else
			n->hnp_pool = (int16_t)net->v6pool;
	}
	if (!msg->has_v4hoa_req && msg->n_hnp == 0)
		return PMIP_ST_MISSING_HNP;
	if (net && net->mnp >= 0 && n->mnp_pool < 0 &&
	    alloc_lease(m->alloc, net->mnp, n->nai, NULL, &n->mnp) == 0)
		n->mnp_pool = (int16_t)net->mnp;
	return PMIP_ST_ACCEPTED;
}

/* ---- PBU ------------------------------------------------------------------ */

static void
reply(struct mob *m, struct lma *l, const struct pmip_msg *pbu, uint8_t status,
    const struct bce *b, struct in_addr to, uint16_t port, uint8_t v4status)
{
	struct pmip_msg pba;

	pmip_pba_init_reply(&pba, pbu, status, status < 128 && b ? pmip_lifetime_units(b->lifetime) :
	    0);
	if (!l->multipath)
		pba.has_mmb = false;
	if (status >= 128) {
		l->st.pba_rejected++;
		l->st.rejected[status]++;
		if (pbu->has_v4hoa_req && v4status != PMIP_V4HOA_SUCCESS) {
			pba.has_v4hoa_reply = true;
			pba.v4hoa_reply_status = v4status;
		}
	} else if (b) {
		const struct lmn *n = b->mn;

		l->st.pba_accepted++;
		if (pbu->has_v4hoa_req && n->hoa.family) {
			pba.has_v4hoa_reply = true;
			pba.v4hoa_reply_status = PMIP_V4HOA_SUCCESS;
			pba.v4hoa_reply = n->hoa.a.v4;
			pba.v4hoa_reply_plen = n->hoa.plen;
			if (n->dflt_rtr.s_addr) {
				pba.has_v4dflt_rtr = true;
				pba.v4dflt_rtr = n->dflt_rtr;
			}
		}
		if (pbu->n_hnp > 0 && n->hnp.family) {
			pba.n_hnp = 1;
			pba.hnp[0].plen = n->hnp.plen;
			pba.hnp[0].prefix = n->hnp.a.v6;
		}
	} else
		l->st.pba_accepted++;
	l->st.pba_sent++;
	tx_add(m, l, &pba, to, port);
}

/* Whether the name a path has is already id, as it would be kept (cut to
 * MOB_NAME - 1 octets): most PBUs come from a MAG the LMA knows. */
static bool
same_id(const char *have, const struct pmip_id *id)
{
	size_t len = id->len < MOB_NAME - 1 ? id->len : MOB_NAME - 1;

	return strlen(have) == len && memcmp(have, id->id, len) == 0;
}

static bool
seq_newer(uint16_t a, uint16_t b)
{
	return (int16_t)(a - b) > 0;
}

static void
got_pbu(struct mob *m, struct lma *l, const struct pmip_msg *msg, struct in_addr from,
    uint16_t port)
{
	struct lmn *n;
	struct bce *b;
	const struct lnet *net;
	const char *magname;
	bool not_ours, isnew, again;
	uint8_t bid, st, v4st = PMIP_V4HOA_SUCCESS;
	uint32_t now_s = (uint32_t)(mob_now_ms() / 1000);
	uint32_t lifetime, nai_hash;

	l->st.pbu_rcvd++;
	if (!(msg->flags & PMIP_BU_P)) {
		reply(m, l, msg, PMIP_ST_PROXY_REG_NOT_ENABLED, NULL, from, port, 0);
		return;
	}
	if (!msg->has_mn_id || msg->mn_id.len == 0) {
		reply(m, l, msg, PMIP_ST_MISSING_MN_ID, NULL, from, port, 0);
		return;
	}
	if (!mag_authorized(l, msg, from, &magname)) {
		l->st.drop_unauthorized++;
		if (m->r->debug & DBG_PMIP_EVENTS) {
			char a[INET_ADDRSTRLEN];

			rdebug(m->r, DBG_PMIP_EVENTS, "%s: PBU from %s refused: MAG not authorized",
			    l->name, ntoa(from, a));
		}
		reply(m, l, msg, PMIP_ST_MAG_NOT_AUTHORIZED, NULL, from, port, 0);
		return;
	}
	if (!msg->has_hi) {
		reply(m, l, msg, PMIP_ST_MISSING_HI, NULL, from, port, 0);
		return;
	}
	if (!msg->has_att) {
		reply(m, l, msg, PMIP_ST_MISSING_ATT, NULL, from, port, 0);
		return;
	}
	nai_hash = hash_bytes(msg->mn_id.id, msg->mn_id.len);
	n = mn_find(l, msg->mn_id.id, msg->mn_id.len, nai_hash);
	bid = l->multipath && msg->has_mmb ? msg->mmb_bid : 0;
	b = bce_find(n, bid);
	if (l->replay) {
		struct timespec ts;
		int64_t diff;

		clock_gettime(CLOCK_REALTIME, &ts);
		diff = msg->has_timestamp ? (int64_t)(msg->timestamp >> 16) - (int64_t)ts.tv_sec : 0;
		if (!msg->has_timestamp || diff > l->replay_window || diff < -l->replay_window) {
			reply(m, l, msg, PMIP_ST_TIMESTAMP_MISMATCH, NULL, from, port, 0);
			return;
		}
		if (b && msg->timestamp <= b->last_ts && !(b->deleting && msg->lifetime > 0 &&
		    (b->peer->addr.s_addr != from.s_addr || b->peer->port != port))) {
			/* (a new MAG taking over a deregistered binding has a
			 * clock of its own) */
			reply(m, l, msg, PMIP_ST_TIMESTAMP_LOWER, NULL, from, port, 0);
			return;
		}
	} else if (b && !seq_newer(msg->seq, b->seq) && !(b->deleting && (msg->lifetime == 0 ||
	    b->peer->addr.s_addr != from.s_addr || b->peer->port != port))) {
		/* (a deregistered binding takes its deregistration again, and
		 * a new MAG taking it over numbers its messages its own way) */
		struct pmip_msg fake = *msg;

		/* the answer carries the last number accepted (RFC 6275 §9.5.1) */
		fake.seq = b->seq;
		reply(m, l, &fake, PMIP_ST_SEQ_OUT_OF_WINDOW, NULL, from, port, 0);
		return;
	}

	if (msg->lifetime == 0) {
		/* deregistration: only from the path that holds the binding;
		 * from another one it is ignored, unanswered (RFC 5213 §5.3.5) */
		l->st.dereg_rcvd++;
		if (b && (b->peer->addr.s_addr != from.s_addr || b->peer->port != port)) {
			l->st.drop_unexpected++;
			return;
		}
		if (b && !b->deleting) {
			/* kept MinDelayBeforeBCEDelete, its leases with it, in
			 * case a MAG registers it again (RFC 5213 §5.3.5) */
			wheel_del(l, b);
			b->deleting = true;
			m->gen++;
			b->seq = msg->seq;
			b->lifetime = 0;
			b->expires = now_s + MOB_BCE_DELETE_DELAY;
			wheel_add(l, b);
			bind_debug(m, l, b, "deregistered");
		}
		reply(m, l, msg, PMIP_ST_ACCEPTED, NULL, from, port, 0);
		return;
	}

	isnew = n == NULL;
	if (b == NULL && (long)l->nbce >= l->bce_max) {
		reply(m, l, msg, PMIP_ST_INSUFFICIENT_RESOURCES, NULL, from, port, 0);
		return;
	}
	if (isnew) {
		char nai[MOB_NAI];

		snprintf(nai, sizeof(nai), "%.*s", (int)msg->mn_id.len, (const char *)msg->mn_id.id);
		net = node_network(l, nai, &not_ours);
		if (not_ours) {
			reply(m, l, msg, PMIP_ST_NOT_LMA_FOR_THIS_MN, NULL, from, port, 0);
			return;
		}
		n = mn_new(l, msg->mn_id.id, msg->mn_id.len, nai_hash);
		n->network = intern(l, net ? net->name : "");
	} else
		net = node_network(l, n->nai, &not_ours);
	st = node_leases(m, net, n, msg, &v4st);
	if (st >= 128) {
		if (n->nbind == 0)
			mn_free(m, l, n);
		reply(m, l, msg, st, NULL, from, port, v4st);
		return;
	}

	again = b != NULL && b->deleting;
	lifetime = (uint32_t)msg->lifetime * 4;
	if (lifetime > MOB_LIFETIME_MAX)
		lifetime = MOB_LIFETIME_MAX;
	if (b == NULL) {
		b = calloc(1, sizeof(*b));
		if (b == NULL)
			abort();
		b->mn = n;
		b->bid = bid;
		b->created = time(NULL);
		b->next_mn = n->bindings;
		n->bindings = b;
		n->nbind++;
		l->nbce++;
		m->gen++;
	} else
		wheel_del(l, b);
	if (b->peer == NULL || b->peer->addr.s_addr != from.s_addr || b->peer->port != port) {
		/* a new path, or this binding moved to another one */
		struct lpeer *p = peer_get(m, l, from, port);

		if (b->peer && --b->peer->nbind == 0)
			peer_free(l, b->peer);
		b->peer = p;
		p->nbind++;
		m->gen++;
	}
	if (msg->has_mag_id && !same_id(b->peer->mag_id, &msg->mag_id)) {
		char id[MOB_NAME];

		snprintf(id, sizeof(id), "%.*s", (int)msg->mag_id.len, (const char *)msg->mag_id.id);
		b->peer->mag_id = intern(l, id);
	} else if (!msg->has_mag_id && magname[0] && strcmp(b->peer->mag_id, magname) != 0)
		b->peer->mag_id = intern(l, magname);
	if (b->peer->dead) {
		char a[INET_ADDRSTRLEN];

		rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "PATH_UP", "%s: path to MAG %s at %s up: "
		    "registered again", l->name, b->peer->mag_id[0] ? b->peer->mag_id : "-",
		    ntoa(b->peer->addr, a));
	}
	if (b->peer->dead || b->down || b->deleting ||
	    b->label != (msg->has_mmb ? msg->mmb_if_label : 0))
		m->gen++;	/* the data plane's view of this path changes */
	b->peer->dead = false;
	b->peer->hb_missing = 0;
	b->peer->hb_outstanding = false;
	b->peer->alive_ms = mob_now_ms();
	b->peer->att = msg->has_mmb ? msg->mmb_if_att : msg->att;
	b->peer->label = msg->has_mmb ? msg->mmb_if_label : 0;
	b->seq = msg->seq;
	b->last_ts = msg->has_timestamp ? msg->timestamp : 0;
	b->att = msg->has_mmb ? msg->mmb_if_att : msg->att;
	b->label = msg->has_mmb ? msg->mmb_if_label : 0;
	b->hi = msg->hi;
	b->lifetime = lifetime;
	b->expires = now_s + lifetime;
	b->refreshed = time(NULL);
	b->down = false;
	b->deleting = false;
	wheel_add(l, b);
	bind_debug(m, l, b, isnew ? "new" : again ? "registered again" : "refreshed");
	reply(m, l, msg, PMIP_ST_ACCEPTED, b, from, port, 0);
	m->r->bindings = mob_bindings(m);
}

/* ---- heartbeat, revocation, errors -------------------------------------------- */

static void
peer_restarted(struct mob *m, struct lma *l, struct lpeer *p)
{
	char a[INET_ADDRSTRLEN];

	l->st.hb_restarts++;
	rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "PEER_RESTART", "%s: MAG %s at %s restarted: its "
	    "bindings are removed", l->name, p->mag_id[0] ? p->mag_id : "-", ntoa(p->addr, a));
	/* the bindings go, and with the last of them the peer itself */
	for (size_t i = 0; i < l->mhsize; i++)
		for (struct lmn *n = l->mh[i], *nn; n; n = nn) {
			nn = n->next_hash;
			for (struct bce *b = n->bindings, *bn; b; b = bn) {
				bn = b->next_mn;
				if (b->peer == p) {
					bool last = p->nbind == 1;

					bce_del(m, l, b, "removed (MAG restarted)");
					if (last)
						return;
				}
			}
		}
}

static void
got_heartbeat(struct mob *m, struct lma *l, const struct pmip_msg *msg, struct in_addr from,
    uint16_t port)
{
	struct lpeer *p = peer_find(l, from, port);

	if (!(msg->flags & PMIP_HB_R)) {
		struct pmip_msg rsp;

		l->st.hb_req_rcvd++;
		pmip_hb_init_response(&rsp, msg->hb_seq, m->restart_counter, false);
		l->st.hb_rsp_sent++;
		tx_add(m, l, &rsp, from, port);
		return;
	}
	l->st.hb_rsp_rcvd++;
	if (p == NULL) {
		l->st.drop_unexpected++;
		return;
	}
	if (msg->flags & PMIP_HB_U || msg->hb_seq == p->hb_seq) {
		p->hb_outstanding = false;
		p->hb_missing = 0;
		p->last_ok = time(NULL);
		p->alive_ms = mob_now_ms();
		if (p->dead) {
			char a[INET_ADDRSTRLEN];

			p->dead = false;
			m->gen++;
			rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "PATH_UP", "%s: path to MAG %s at %s up: "
			    "heartbeat answered", l->name, p->mag_id[0] ? p->mag_id : "-",
			    ntoa(p->addr, a));
		}
	}
	if (msg->has_restart) {
		bool changed = p->restart_known && p->restart != msg->restart_counter;

		p->restart = msg->restart_counter;
		p->restart_known = true;
		if (changed)
			peer_restarted(m, l, p);
		m->r->bindings = mob_bindings(m);
	}
}

static void
send_be(struct mob *m, struct lma *l, struct in_addr to, uint16_t port, uint8_t status)
{
	struct pmip_msg be;

	if (!mob_be_allowed(&l->be))
		return;
	pmip_msg_init(&be, PMIP_MH_BE);
	be.status = status;
	l->st.be_sent++;
	tx_add(m, l, &be, to, port);
}

static void
handle(struct mob *m, struct lma *l, const uint8_t *buf, size_t len, struct in_addr from,
    uint16_t port)
{
	struct pmip_msg msg;
	int err;

	if (len > PMIP_MH_MAX_LEN) {
		l->st.drop_oversized++;
		return;
	}
	err = pmip_decode(buf, len, &msg);
	if (err < 0) {
		l->st.drop_decode[-err]++;
		if (m->r->debug & DBG_PMIP_PACKETS) {
			char a[INET_ADDRSTRLEN];

			rdebug(m->r, DBG_PMIP_PACKETS, "%s: dropped a message from %s: %s", l->name,
			    ntoa(from, a), pmip_err_str(err));
		}
		if (err == PMIP_E_MH_TYPE)
			send_be(m, l, from, port, PMIP_BE_UNKNOWN_MH_TYPE);
		return;
	}
	mob_debug_msg(m, l->name, "rcvd", &msg, from);
	switch (msg.type) {
	case PMIP_MH_PBU:
		got_pbu(m, l, &msg, from, port);
		break;
	case PMIP_MH_HEARTBEAT:
		got_heartbeat(m, l, &msg, from, port);
		break;
	case PMIP_MH_BR:
		if (msg.br_type == PMIP_BR_ACK)
			l->st.bra_rcvd++;
		else
			l->st.drop_unexpected++;
		break;
	default:
		l->st.drop_unexpected++;
		break;
	}
}

static void
lma_read_cb(evutil_socket_t fd, short what, void *arg)
{
	struct lma *l = arg;
	struct mob *m = l->mob;
	static uint8_t bufs[BATCH][PMIP_MH_MAX_LEN + 1];
	struct mmsghdr hdr[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_in from[BATCH];

	(void)what;
	for (int round = 0; round < ROUNDS; round++) {
		int n;

		for (int i = 0; i < BATCH; i++) {
			iov[i].iov_base = bufs[i];
			iov[i].iov_len = sizeof(bufs[i]);
			memset(&hdr[i], 0, sizeof(hdr[i]));
			hdr[i].msg_hdr.msg_name = &from[i];
			hdr[i].msg_hdr.msg_namelen = sizeof(from[i]);
			hdr[i].msg_hdr.msg_iov = &iov[i];
			hdr[i].msg_hdr.msg_iovlen = 1;
		}
		n = recvmmsg(fd, hdr, BATCH, MSG_DONTWAIT, NULL);
		if (n <= 0)
			break;
		for (int i = 0; i < n; i++) {
			if (hdr[i].msg_hdr.msg_flags & MSG_TRUNC) {
				l->st.drop_oversized++;
				continue;
			}
			handle(m, l, bufs[i], hdr[i].msg_len, from[i].sin_addr, ntohs(from[i].sin_port));
		}
		if (n < BATCH)
			break;
	}
	tx_flush(m, l);
}

/* ---- timers ------------------------------------------------------------------ */

/* What is due for path p at now: it is dead when nothing came from it
 * for interval x (retries + 1), at most that long after it failed,
 * whatever the phase of the heartbeats; and its heartbeat. */
static void
peer_due(struct mob *m, struct lma *l, struct lpeer *p, uint64_t now)
{
	struct pmip_msg msg;

	if (!p->dead && now - p->alive_ms > l->hb_limit) {
		char a[INET_ADDRSTRLEN];

		p->dead = true;
		m->gen++;
		l->st.hb_failures++;
		rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "PATH_DOWN", "%s: path to MAG %s at %s down: "
		    "%u heartbeats unanswered", l->name, p->mag_id[0] ? p->mag_id : "-",
		    ntoa(p->addr, a), p->hb_missing);
	}
	if (now < p->hb_next)
		return;
	if (p->hb_outstanding)
		p->hb_missing++;
	pmip_hb_init_request(&msg, ++p->hb_seq);
	tx_add(m, l, &msg, p->addr, p->port);
	l->st.hb_req_sent++;
	p->hb_outstanding = true;
	p->hb_next = now + (uint64_t)l->hb_interval * 1000;
}

/* Sweeps the heartbeat wheel up to now. */
static void
peers_tick(struct mob *m, struct lma *l, uint64_t now)
{
	uint64_t limit = (uint64_t)l->hb_interval * 1000 * (uint64_t)(l->hb_retries + 1);
	uint64_t tick = now / TICK_MS;

	if (!l->hb_on)
		return;
	if (limit != l->hb_limit) {
		/* interval or retries changed: every path's death moved */
		l->hb_limit = limit;
		for (struct lpeer *p = l->peers; p; p = p->next) {
			hb_unfile(l, p);
			hb_file(l, p);
		}
	}
	if (l->hbwheel_at + HB_WHEEL < tick)
		l->hbwheel_at = tick - HB_WHEEL;	/* one lap sees everything */
	while (l->hbwheel_at < tick) {
		struct lpeer **slot = &l->hbwheel[++l->hbwheel_at % HB_WHEEL];
		struct lpeer *p = *slot, *next;

		/* the slot's paths are filed again, here or later */
		*slot = NULL;
		for (; p; p = next) {
			next = p->hbnext;
			if (p->hb_due <= now)
				peer_due(m, l, p, now);
			hb_file(l, p);
		}
	}
}

static void
expire_tick(struct mob *m, struct lma *l, uint64_t now_s)
{
	if (l->wheel_at == 0 || now_s - l->wheel_at > MOB_WHEEL)
		l->wheel_at = now_s > MOB_WHEEL ? now_s - MOB_WHEEL : 0;
	while (l->wheel_at < now_s) {
		struct bce **slot = &l->wheel[++l->wheel_at % MOB_WHEEL];

		for (struct bce *b = *slot, *next; b; b = next) {
			next = b->wnext;
			if (b->expires <= now_s)
				bce_del(m, l, b, b->deleting ? "deleted" : "expired");
		}
	}
}

static void
lma_tick_cb(evutil_socket_t fd, short what, void *arg)
{
	struct lma *l = arg;
	struct mob *m = l->mob;
	uint64_t now = mob_now_ms();
	size_t before = l->nbce;

	(void)fd;
	(void)what;
	peers_tick(m, l, now);
	expire_tick(m, l, now / 1000);
	alloc_sweep(m->alloc, now / 1000);
	tx_flush(m, l);
	if (l->nbce != before)
		m->r->bindings = mob_bindings(m);
}

/* ---- life cycle ------------------------------------------------------------------- */

int
lma_start(struct mob *m, struct lma *l)
{
	struct sockaddr_in sin;
	struct timeval tv = { 0, TICK_MS * 1000 };
	int one = 1, rcvbuf = 4 << 20;	/* the kernel doubles it: 8 MiB */
	char a[INET_ADDRSTRLEN];

	l->mob = m;
	if (l->tx == NULL && (l->tx = calloc(1, sizeof(*l->tx))) == NULL)
		abort();
	if (l->wheel == NULL && (l->wheel = calloc(MOB_WHEEL, sizeof(*l->wheel))) == NULL)
		abort();
	if (l->hbwheel == NULL && (l->hbwheel = calloc(HB_WHEEL, sizeof(*l->hbwheel))) == NULL)
		abort();
	if (l->tick == NULL) {
		l->tick = event_new(m->r->base, -1, EV_PERSIST, lma_tick_cb, l);
		event_add(l->tick, &tv);
	}
	if (l->addr.s_addr == 0) {
		/* answers must come from the address the MAGs send to (RFC 5844):
		 * without one configured there is nothing to listen on */
		rlog(m->r, LOG_SEV_WARN, "PMIPV6", "NO_ADDRESS", "LMA %s has no IPv4 address "
		    "(address ipv4): not listening", l->name);
		return -1;
	}
	l->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (l->fd < 0)
		return -1;
	setsockopt(l->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* bursts of PBUs from many MAGs: the buffer is what a busy LMA must
	 * not be short of, so past net.core.rmem_max when allowed (root) */
	if (setsockopt(l->fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf)) < 0)
		setsockopt(l->fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr = l->addr;
	sin.sin_port = htons(PMIP_PORT_CNTL);
	if (bind(l->fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		rlog(m->r, LOG_SEV_WARN, "PMIPV6", "SOCKET", "%s: cannot use %s port %d: %s", l->name,
		    ntoa(l->addr, a), PMIP_PORT_CNTL, strerror(errno));
		close(l->fd);
		l->fd = -1;
		return -1;
	}
	l->ev = event_new(m->r->base, l->fd, EV_READ | EV_PERSIST, lma_read_cb, l);
	event_add(l->ev, NULL);
	rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "LMA_START", "LMA %s started in domain %s at %s port %d, "
	    "restart counter %u", l->name, l->domain, ntoa(l->addr, a), PMIP_PORT_CNTL,
	    m->restart_counter);
	return 0;
}

void
lma_stop(struct mob *m, struct lma *l)
{
	if (l->tx && l->fd >= 0)
		tx_flush(m, l);
	if (l->ev) {
		event_free(l->ev);
		l->ev = NULL;
	}
	if (l->fd >= 0) {
		close(l->fd);
		rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "LMA_STOP", "LMA %s stopped", l->name);
	}
	l->fd = -1;
}

void
lma_free_all(struct mob *m, struct lma *l, bool release)
{
	l->stopping = !release;
	for (size_t i = 0; i < l->mhsize; i++)
		while (l->mh[i]) {
			struct lmn *n = l->mh[i];

			n->deregistered = true;
			for (struct bce *b = n->bindings; b; b = b->next_mn)
				n->deregistered &= b->deleting;
			bce_del(m, l, n->bindings, "removed");
		}
	alloc_commit(m->alloc);
	if (l->tick)
		event_free(l->tick);
	l->tick = NULL;
	free(l->mh);
	free(l->ph);
	free(l->wheel);
	free(l->hbwheel);
	free(l->tx);
	for (int i = 0; i < l->nprofs; i++)
		free(l->profs[i].nai);
	free(l->profs);
	free(l->nets);
	free(l->magcfg);
	for (size_t i = 0; i < l->strsize; i++)
		while (l->strtab[i]) {
			struct istr *s = l->strtab[i];

			l->strtab[i] = s->next;
			free(s);
		}
	free(l->strtab);
}

struct lmn *
lma_find_mn(struct lma *l, const char *nai)
{
	size_t len = strlen(nai);

	return mn_find(l, (const uint8_t *)nai, len, hash_bytes(nai, len));
}

/* clear ipv6 mobile pmipv6 lma binding [nai X]: revoke (RFC 5846) and remove. */
int
lma_clear(struct mob *m, struct lma *l, const char *nai)
{
	int count = 0;

	for (size_t i = 0; i < l->mhsize; i++)
		for (struct lmn *n = l->mh[i], *nn; n; n = nn) {
			nn = n->next_hash;
			if (nai && strcmp(n->nai, nai) != 0)
				continue;
			while (n->bindings) {
				struct bce *b = n->bindings;
				struct pmip_msg bri;
				bool last = n->nbind == 1;

				if (b->deleting) {
					/* deregistered already: nothing to revoke */
					bce_del(m, l, b, "removed");
					if (last)
						break;
					continue;
				}
				pmip_bri_init(&bri, ++l->bri_seq, PMIP_BR_P, PMIP_BRT_ADMINISTRATIVE);
				bri.has_mn_id = true;
				bri.mn_id.subtype = PMIP_ID_NAI;
				bri.mn_id.id = (const uint8_t *)n->nai;
				bri.mn_id.len = strlen(n->nai);
				tx_add(m, l, &bri, b->peer->addr, b->peer->port);
				l->st.bri_sent++;
				count++;
				bce_del(m, l, b, "revoked");
				if (last)
					break;
			}
		}
	if (l->tx)
		tx_flush(m, l);
	return count;
}

void
lma_mark_leases(struct mob *m, int pool)
{
	for (int k = 0; k < m->nlmas; k++) {
		struct lma *l = m->lmas[k];

		for (size_t i = 0; i < l->mhsize; i++)
			for (struct lmn *n = l->mh[i]; n; n = n->next_hash) {
				if (n->hoa_pool == pool)
					alloc_mark(m->alloc, pool, &n->hoa);
				if (n->hnp_pool == pool)
					alloc_mark(m->alloc, pool, &n->hnp);
				if (n->mnp_pool == pool)
					alloc_mark(m->alloc, pool, &n->mnp);
			}
	}
}
