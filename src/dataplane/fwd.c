/*
 * fwd.c — the packet path: the data plane's thread (see dp.h, dp_int.h).
 *
 * One loop: take the current snapshot, walk the ready blocks of every
 * receive ring, handle each frame (classify, encapsulate or decapsulate,
 * build the headers), send what the batch made with one sendmmsg, say
 * which epoch it saw.  Nothing here allocates, locks or calls into the
 * control plane; a next hop with no MAC address yet is asked for through
 * the want ring and the packet is dropped (counted).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <poll.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "dp_int.h"
#include "netio.h"

#define FRAME_MAX 2048
#define OUTER_HDR (14 + 20 + 8)		/* Ethernet, IPv4, UDP */

struct txbatch {
	struct mmsghdr msg[DP_BATCH];
	struct iovec iov[DP_BATCH];
	struct sockaddr_ll to[DP_BATCH];
	uint8_t buf[DP_BATCH][FRAME_MAX];
	int tunnel[DP_BATCH];		/* counted when sent; -1 none */
	int n;
};

/* What the classifier looks at. */
struct pkt {
	const uint8_t *ip;		/* the IPv4 header */
	size_t len;			/* its total length */
	uint32_t src, dst;
	uint8_t proto, tos, tcpflags;
	uint16_t sport, dport;		/* host order; ICMP: id, 0 */
	uint8_t icmp_type, icmp_code;
	bool frag;			/* not the first fragment: no ports */
	bool df;
};

static void
count_drop(struct dp *d, enum dp_drop why)
{
	atomic_fetch_add_explicit(&d->drops[why], 1, memory_order_relaxed);
}

static void
count_tunnel(struct dp *d, int tunnel, bool tx, size_t bytes)
{
	struct dp_tcount_a *t;

	if (tunnel < 0 || tunnel >= DP_MAXTUNNELS || d->tunnels == NULL)
		return;
	t = &d->tunnels[tunnel];
	if (tx) {
		atomic_fetch_add_explicit(&t->tx_packets, 1, memory_order_relaxed);
		atomic_fetch_add_explicit(&t->tx_bytes, bytes, memory_order_relaxed);
	} else {
		atomic_fetch_add_explicit(&t->rx_packets, 1, memory_order_relaxed);
		atomic_fetch_add_explicit(&t->rx_bytes, bytes, memory_order_relaxed);
	}
}

static uint16_t
csum_fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static uint32_t
csum_add(uint32_t s, const uint8_t *p, size_t n)
{
	for (; n > 1; p += 2, n -= 2)
		s += (uint32_t)p[0] << 8 | p[1];
	if (n)
		s += (uint32_t)p[0] << 8;
	return s;
}

/* Parses an IPv4 packet of at most avail bytes; false when malformed. */
static bool
parse_ip(const uint8_t *ip, size_t avail, struct pkt *k)
{
	size_t hl, tl;
	uint16_t off;

	if (avail < 20 || (ip[0] >> 4) != 4)
		return false;
	hl = (size_t)(ip[0] & 15) * 4;
	tl = (size_t)ip[2] << 8 | ip[3];
	if (hl < 20 || tl < hl || tl > avail)
		return false;
	memset(k, 0, sizeof(*k));
	k->ip = ip;
	k->len = tl;
	k->tos = ip[1];
	k->proto = ip[9];
	memcpy(&k->src, ip + 12, 4);
	memcpy(&k->dst, ip + 16, 4);
	off = (uint16_t)(ip[6] << 8 | ip[7]);
	k->df = off & 0x4000;
	k->frag = (off & 0x1fff) != 0;
	if (k->frag)
		return true;
	if ((k->proto == IPPROTO_TCP && tl >= hl + 20) || (k->proto == IPPROTO_UDP && tl >= hl + 8)) {
		k->sport = (uint16_t)(ip[hl] << 8 | ip[hl + 1]);
		k->dport = (uint16_t)(ip[hl + 2] << 8 | ip[hl + 3]);
		if (k->proto == IPPROTO_TCP)
			k->tcpflags = ip[hl + 13];
	} else if (k->proto == IPPROTO_ICMP && tl >= hl + 8) {
		k->icmp_type = ip[hl];
		k->icmp_code = ip[hl + 1];
		if (k->icmp_type == ICMP_ECHO || k->icmp_type == ICMP_ECHOREPLY)
			k->sport = (uint16_t)(ip[hl + 4] << 8 | ip[hl + 5]);
	}
	return true;
}

/* ---- classification ------------------------------------------------------ */

static bool
ports_match(const struct acl_ports *p, uint16_t port)
{
	bool in = port >= p->lo && port <= p->hi;

	return p->neq ? !in : in;
}

static bool
rule_matches(const struct acl_rule *r, const struct pkt *k)
{
	if (r->proto >= 0 && r->proto != k->proto)
		return false;
	if (((k->src ^ htonl(r->src)) & ~htonl(r->srcw)) != 0 ||
	    ((k->dst ^ htonl(r->dst)) & ~htonl(r->dstw)) != 0)
		return false;
	if (r->dscp >= 0 && (k->tos >> 2) != r->dscp)
		return false;
	if (r->proto == IPPROTO_TCP || r->proto == IPPROTO_UDP) {
		bool any_ports = r->sport.lo == 0 && r->sport.hi == 65535 && !r->sport.neq &&
		    r->dport.lo == 0 && r->dport.hi == 65535 && !r->dport.neq;

		if (k->frag)
			return any_ports && !r->established;
		if (!ports_match(&r->sport, k->sport) || !ports_match(&r->dport, k->dport))
			return false;
		if (r->established && !(k->tcpflags & (TH_ACK | TH_RST)))
			return false;
	}
	if (r->proto == IPPROTO_ICMP) {
		if (r->icmp_msg != NULL)
			return false;	/* named messages: not compiled yet */
		if (r->icmp_type >= 0 && (k->frag || r->icmp_type != k->icmp_type))
			return false;
		if (r->icmp_code >= 0 && r->icmp_code != k->icmp_code)
			return false;
	}
	return true;
}

/* An access list's verdict: the first entry that matches; none denies. */
static bool
acl_permits(const struct acl_rule *rules, int n, const struct pkt *k)
{
	for (int i = 0; i < n; i++) {
		if (rules[i].action == ACL_REMARK)
			continue;
		if (rule_matches(&rules[i], k))
			return rules[i].action == ACL_PERMIT;
	}
	return false;
}

static int
best_path(const struct dp_mn *mn)
{
	int best = -1;

	for (int i = 0; i < mn->npaths; i++)
		if (mn->path[i].up && (best < 0 || mn->path[i].prio < mn->path[best].prio))
			best = i;
	return best;
}

/* The path of k's flow for mn: the first mobile-map entry whose ACL
 * permits it decides (its labels in order; null drops); else the best
 * path that is up.  -1 with *why when dropped. */
static int
classify(const struct dp_snap *s, const struct dp_mn *mn, const struct pkt *k, int *entry,
    enum dp_drop *why)
{
	*entry = -1;
	for (int e = 0; e < s->nmmap; e++) {
		const struct dp_mmentry *m = &s->mmap[e];

		if (!acl_permits(m->rules, m->nrules, k))
			continue;
		*entry = e;
		for (int l = 0; l < m->nlabels; l++)
			for (int i = 0; i < mn->npaths; i++)
				if (mn->path[i].up && mn->path[i].label == m->labels[l])
					return i;
		if (m->null) {
			*why = DPD_NULL_LINK;
			return -1;
		}
		break;
	}
	{
		int i = best_path(mn);

		if (i < 0)
			*why = DPD_NO_PATH;
		return i;
	}
}

static uint32_t
flow_hash(const struct pkt *k, bool down)
{
	uint64_t h = (uint64_t)k->src * 0x9e3779b97f4a7c15ull;

	h ^= (uint64_t)k->dst * 0xc2b2ae3d27d4eb4full;
	h ^= ((uint64_t)k->sport << 24 | (uint64_t)k->dport << 8 | k->proto) * 0x165667b19e3779f9ull;
	h ^= down;
	return (uint32_t)(h ^ h >> 29) & (DP_FLOWS - 1);
}

/* A flow entry is written between these two (see struct dp_flow). */
static void
flow_write_begin(struct dp_flow *f)
{
	atomic_store_explicit(&f->seq, atomic_load_explicit(&f->seq, memory_order_relaxed) + 1,
	    memory_order_relaxed);
	atomic_thread_fence(memory_order_release);
}

static void
flow_write_end(struct dp_flow *f)
{
	atomic_store_explicit(&f->seq, atomic_load_explicit(&f->seq, memory_order_relaxed) + 1,
	    memory_order_release);
}

/* The flow of k (classified again when the snapshot changed). */
static struct dp_flow *
flow_of(struct dp *d, const struct dp_snap *s, int mn, const struct pkt *k, bool down)
{
	struct dp_flow *f = &d->flows[flow_hash(k, down)];
	enum dp_drop why = DPD_NO_PATH;
	int entry, path;

	if (f->gen == s->gen && f->src == k->src && f->dst == k->dst && f->sport == k->sport &&
	    f->dport == k->dport && f->proto == k->proto && f->down == down && f->mn == mn)
		return f;
	path = classify(s, &s->mns[mn], k, &entry, &why);
	flow_write_begin(f);
	if (f->gen == 0 || f->src != k->src || f->dst != k->dst || f->sport != k->sport ||
	    f->dport != k->dport || f->proto != k->proto || f->down != down) {
		/* a new flow (or another one in its slot) */
		f->src = k->src;
		f->dst = k->dst;
		f->sport = k->sport;
		f->dport = k->dport;
		f->proto = k->proto;
		f->down = down;
		f->packets = f->bytes = 0;
		f->first_ms = d->now_ms;
	}
	f->gen = s->gen;
	f->mn = (int16_t)mn;
	f->path = (int16_t)path;
	f->entry = (int16_t)entry;
	f->why = (int16_t)why;
	f->map_seq = entry >= 0 ? s->mmap[entry].seq : -1;
	f->label = path >= 0 ? s->mns[mn].path[path].label : 0;
	f->tunnel = path >= 0 ? s->mns[mn].path[path].tunnel : -1;
	flow_write_end(f);
	return f;
}

/* One more packet of f. */
static void
flow_count(struct dp *d, struct dp_flow *f, size_t len)
{
	flow_write_begin(f);
	f->packets++;
	f->bytes += len;
	f->last_ms = d->now_ms;
	flow_write_end(f);
}

/* The mobile node addr belongs to (longest prefix first), or -1. */
static int
mn_of(const struct dp_snap *s, uint32_t addr)
{
	uint32_t a = ntohl(addr);

	for (int l = 0; l < s->nplens; l++) {
		uint8_t plen = s->plens[l];
		uint32_t key = htonl(plen ? a & ~0u << (32 - plen) : 0);

		for (uint32_t i = dp_pfx_hash(key, plen) & s->pidx_mask;; i = (i + 1) & s->pidx_mask) {
			const struct dp_pfxent *e = &s->pidx[i];

			if (e->mn < 0)
				break;
			if (e->key == key && e->plen == plen)
				return e->mn;
		}
	}
	return -1;
}

static bool
is_local(const struct dp_snap *s, uint32_t addr)
{
	for (int i = 0; i < s->nlocals; i++)
		if (s->locals[i] == addr)
			return true;
	return false;
}

/* ---- sending ------------------------------------------------------------- */

static void
flush(struct dp *d, struct txbatch *b)
{
	int done = 0;

	while (done < b->n) {
		int n = sendmmsg(d->txfd, b->msg + done, (unsigned)(b->n - done), 0);

		if (n <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			/* the frame at done failed: count it, go on after it */
			count_drop(d, DPD_TX_ERROR);
			done++;
			continue;
		}
		for (int i = done; i < done + n; i++)
			count_tunnel(d, b->tunnel[i], true, b->iov[i].iov_len - 14);
		done += n;
	}
	b->n = 0;
}

/* The next frame of the batch, for out (dst MAC given). */
static uint8_t *
tx_slot(struct dp *d, struct txbatch *b, const struct dp_out *out, const uint8_t *dmac,
    size_t len, int tunnel)
{
	struct sockaddr_ll *to;
	uint8_t *f;

	if (b->n == DP_BATCH)
		flush(d, b);
	f = b->buf[b->n];
	to = &b->to[b->n];
	memset(to, 0, sizeof(*to));
	to->sll_family = AF_PACKET;
	to->sll_ifindex = out->ifindex;
	to->sll_halen = 6;
	memcpy(to->sll_addr, dmac, 6);
	b->iov[b->n].iov_base = f;
	b->iov[b->n].iov_len = len;
	memset(&b->msg[b->n], 0, sizeof(b->msg[b->n]));
	b->msg[b->n].msg_hdr.msg_name = to;
	b->msg[b->n].msg_hdr.msg_namelen = sizeof(*to);
	b->msg[b->n].msg_hdr.msg_iov = &b->iov[b->n];
	b->msg[b->n].msg_hdr.msg_iovlen = 1;
	b->tunnel[b->n] = tunnel;
	memcpy(f, dmac, 6);
	memcpy(f + 6, out->smac, 6);
	f[12] = 0x08;
	f[13] = 0x00;
	b->n++;
	return f + 14;
}

static void
want_neighbor(struct dp *d, int ifindex, uint32_t addr)
{
	uint32_t h = atomic_load_explicit(&d->want_head, memory_order_relaxed);
	unsigned slot = h % (sizeof(d->want) / sizeof(d->want[0]));

	atomic_store_explicit(&d->want[slot].ifindex, ifindex, memory_order_relaxed);
	atomic_store_explicit(&d->want[slot].addr, addr, memory_order_relaxed);
	atomic_store_explicit(&d->want_head, h + 1, memory_order_release);
}

static const uint8_t *
neighbor_mac(struct dp *d, const struct dp_snap *s, int ifindex, uint32_t addr)
{
	const struct dp_neigh *n = dp_neigh_find(s->neigh, s->nneigh, ifindex, addr);

	if (n)
		return n->mac;
	want_neighbor(d, ifindex, addr);
	return NULL;
}

/* The inner packet, TTL decremented (false: expired). */
static bool
copy_forward(uint8_t *dst, const struct pkt *k)
{
	uint32_t sum;

	if (k->ip[8] <= 1)
		return false;
	memcpy(dst, k->ip, k->len);
	dst[8]--;
	/* RFC 1624: HC' = ~(~HC + ~m + m'), m the TTL/protocol word */
	sum = (uint16_t)~(k->ip[10] << 8 | k->ip[11]);
	sum += (uint16_t)~(k->ip[8] << 8 | k->ip[9]);
	sum += (uint32_t)(dst[8] << 8 | dst[9]);
	{
		uint16_t c = csum_fold(sum);

		dst[10] = (uint8_t)(c >> 8);
		dst[11] = (uint8_t)c;
	}
	return true;
}

/* A TCP or UDP checksum the sender's kernel left partial (veth offload):
 * computed in full over the pseudo-header. */
static void
fix_l4_csum(uint8_t *ip)
{
	size_t hl = (size_t)(ip[0] & 15) * 4, tl = (size_t)ip[2] << 8 | ip[3], off;
	uint8_t proto = ip[9];
	uint32_t s = 0;
	uint16_t c;

	if (proto == IPPROTO_TCP && tl >= hl + 20)
		off = hl + 16;
	else if (proto == IPPROTO_UDP && tl >= hl + 8)
		off = hl + 6;
	else
		return;
	if ((ip[6] & 0x3f) || ip[7])
		return;		/* a fragment: nothing to fix in it */
	ip[off] = ip[off + 1] = 0;
	s = csum_add(s, ip + 12, 8);
	s += proto;
	s += (uint32_t)(tl - hl);
	s = csum_add(s, ip + hl, tl - hl);
	c = csum_fold(s);
	if (proto == IPPROTO_UDP && c == 0)
		c = 0xffff;
	ip[off] = (uint8_t)(c >> 8);
	ip[off + 1] = (uint8_t)c;
}

/* Where a frame came in: what an ICMP error goes back through. */
struct rxinfo {
	int ifindex;
	uint32_t addr;		/* our address there; 0: none, no ICMP errors */
	const uint8_t *mac;	/* our MAC there */
	const uint8_t *peer;	/* the frame's source MAC */
};

/* Writes the outer IPv4 and UDP headers of an inner packet of len bytes. */
static void
outer_headers(uint8_t *ip, const struct dp_path *p, size_t len, uint8_t tos)
{
	size_t tl = 28 + len;
	uint16_t c;

	ip[0] = 0x45;
	ip[1] = tos;
	ip[2] = (uint8_t)(tl >> 8);
	ip[3] = (uint8_t)tl;
	ip[4] = ip[5] = 0;
	ip[6] = 0x40;		/* DF: the tunnel itself is not fragmented */
	ip[7] = 0;
	ip[8] = 64;
	ip[9] = IPPROTO_UDP;
	ip[10] = ip[11] = 0;
	memcpy(ip + 12, &p->out.src, 4);
	memcpy(ip + 16, &p->out.dst, 4);
	c = csum_fold(csum_add(0, ip, 20));
	ip[10] = (uint8_t)(c >> 8);
	ip[11] = (uint8_t)c;
	ip[20] = DP_DATA_PORT >> 8;
	ip[21] = DP_DATA_PORT & 255;
	ip[22] = DP_DATA_PORT >> 8;
	ip[23] = DP_DATA_PORT & 255;
	ip[24] = (uint8_t)((tl - 20) >> 8);
	ip[25] = (uint8_t)(tl - 20);
	ip[26] = ip[27] = 0;	/* IPv4 UDP: no checksum (RFC 768) */
}

/* ICMP destination unreachable, fragmentation needed (RFC 1191), back to
 * k's sender through the interface k came in by: next-hop MTU mtu. */
static void
too_big(struct dp *d, struct txbatch *b, const struct rxinfo *rx, const struct pkt *k,
    unsigned mtu)
{
	struct dp_out back = { .ifindex = rx->ifindex };
	size_t quote = k->len < 548 ? k->len : 548, tl = 20 + 8 + quote;
	uint8_t *ip;
	uint16_t c;

	uint32_t src = ntohl(k->src);

	if (rx->addr == 0 || (k->proto == IPPROTO_ICMP && k->icmp_type != ICMP_ECHO &&
	    k->icmp_type != ICMP_ECHOREPLY))
		return;		/* no error about an error (RFC 1122 3.2.2) */
	if (src == 0 || src >> 28 == 14 || src >> 24 == 127 || src == 0xffffffffu)
		return;		/* nor to a source that is no host (RFC 1812 4.3.2.7) */
	/* at most DP_ICMP_PER_SEC a second (RFC 1812 4.3.2.8) */
	if (d->now_ms / 1000 != d->icmp_sec) {
		d->icmp_sec = d->now_ms / 1000;
		d->icmp_sent = 0;
	}
	if (d->icmp_sent++ >= DP_ICMP_PER_SEC)
		return;
	memcpy(back.smac, rx->mac, 6);
	ip = tx_slot(d, b, &back, rx->peer, 14 + tl, -1);
	memset(ip, 0, 28);
	ip[0] = 0x45;
	ip[2] = (uint8_t)(tl >> 8);
	ip[3] = (uint8_t)tl;
	ip[8] = 64;
	ip[9] = IPPROTO_ICMP;
	memcpy(ip + 12, &rx->addr, 4);
	memcpy(ip + 16, &k->src, 4);
	c = csum_fold(csum_add(0, ip, 20));
	ip[10] = (uint8_t)(c >> 8);
	ip[11] = (uint8_t)c;
	ip[20] = ICMP_DEST_UNREACH;
	ip[21] = ICMP_FRAG_NEEDED;
	ip[26] = (uint8_t)(mtu >> 8);
	ip[27] = (uint8_t)mtu;
	memcpy(ip + 28, k->ip, quote);
	c = csum_fold(csum_add(0, ip + 20, 8 + quote));
	ip[22] = (uint8_t)(c >> 8);
	ip[23] = (uint8_t)c;
}

/* IPv4/UDP 5437 around k, down path p.  Too big for the tunnel: with DF,
 * an ICMP error to the sender (and the packet dropped, counted); without,
 * k in fragments (RFC 791), each in its own tunnel packet. */
static void
encap(struct dp *d, struct txbatch *b, const struct dp_path *p, const struct pkt *k,
    bool csum_partial, const struct rxinfo *rx)
{
	static uint8_t whole[FRAME_MAX];
	unsigned room = FRAME_MAX - OUTER_HDR;
	size_t hl = (size_t)(k->ip[0] & 15) * 4, data, off;
	uint16_t flags;

	if (p->out.mtu && p->out.mtu - 28 < room)
		room = p->out.mtu - 28;
	if (!p->out.dmac_ok) {
		count_drop(d, DPD_NO_NEIGHBOR);
		return;
	}
	if (k->ip[8] <= 1) {
		count_drop(d, DPD_TTL);
		return;
	}
	if (k->len <= room) {
		uint8_t *ip = tx_slot(d, b, &p->out, p->out.dmac, OUTER_HDR + k->len, p->tunnel);

		copy_forward(ip + 28, k);
		if (csum_partial)
			fix_l4_csum(ip + 28);
		outer_headers(ip, p, k->len, k->tos);
		return;
	}
	if (k->df || room < hl + 8) {
		count_drop(d, DPD_MTU);
		too_big(d, b, rx, k, room);
		return;
	}
	/* fragments: the same header, data in multiples of 8 */
	copy_forward(whole, k);
	if (csum_partial)
		fix_l4_csum(whole);
	data = (room - hl) & ~(size_t)7;
	flags = (uint16_t)(whole[6] << 8 | whole[7]);
	for (off = hl; off < k->len; off += data) {
		size_t n = k->len - off < data ? k->len - off : data;
		uint16_t fo = (uint16_t)((flags & 0x1fff) + (off - hl) / 8);
		bool more = off + n < k->len || (flags & 0x2000);
		uint8_t *ip = tx_slot(d, b, &p->out, p->out.dmac, OUTER_HDR + hl + n, p->tunnel);
		uint8_t *in = ip + 28;
		uint16_t c;

		memcpy(in, whole, hl);
		memcpy(in + hl, whole + off, n);
		in[2] = (uint8_t)((hl + n) >> 8);
		in[3] = (uint8_t)(hl + n);
		in[6] = (uint8_t)((more ? 0x20 : 0) | fo >> 8);
		in[7] = (uint8_t)fo;
		in[10] = in[11] = 0;
		c = csum_fold(csum_add(0, in, hl));
		in[10] = (uint8_t)(c >> 8);
		in[11] = (uint8_t)c;
		outer_headers(ip, p, hl + n, k->tos);
	}
}

/* k as it is, TTL decremented, to out with dmac. */
static void
deliver(struct dp *d, struct txbatch *b, const struct dp_out *out, const uint8_t *dmac,
    const struct pkt *k, bool csum_partial)
{
	uint8_t *ip;

	if (14 + k->len > FRAME_MAX) {
		count_drop(d, DPD_MTU);
		return;
	}
	ip = tx_slot(d, b, out, dmac, 14 + k->len, -1);
	if (!copy_forward(ip, k)) {
		b->n--;
		count_drop(d, DPD_TTL);
		return;
	}
	if (csum_partial)
		fix_l4_csum(ip);
}

/* ---- the roles ----------------------------------------------------------- */

/* An IPv4 packet for the tunnel: UDP 5437 to one of our tunnel ends.
 * *inner set to the packet inside. */
static bool
tunnel_packet(const struct pkt *o, struct pkt *inner, bool *bad)
{
	size_t hl = (size_t)(o->ip[0] & 15) * 4;

	*bad = false;
	if (o->proto != IPPROTO_UDP || o->frag || o->dport != DP_DATA_PORT || o->len < hl + 8)
		return false;
	if (!parse_ip(o->ip + hl + 8, o->len - hl - 8, inner)) {
		*bad = true;
		return false;
	}
	return true;
}

static void
mag_frame(struct dp *d, const struct dp_snap *s, struct txbatch *b, int kind, const struct pkt *k,
    bool csum_partial, const struct rxinfo *rx)
{
	int mn;

	if (kind == DPR_ACCESS) {
		struct dp_flow *f;

		if (is_local(s, k->dst))
			return;		/* for the router itself: the kernel's */
		if ((mn = mn_of(s, k->src)) < 0) {
			count_drop(d, DPD_NO_BINDING);
			return;
		}
		f = flow_of(d, s, mn, k, false);
		flow_count(d, f, k->len);
		if (f->path < 0) {
			count_drop(d, (enum dp_drop)f->why);
			return;
		}
		encap(d, b, &s->mns[mn].path[f->path], k, csum_partial, rx);
		return;
	}
	if (kind == DPR_TUNNEL) {
		struct pkt in;
		bool bad;
		const struct dp_path *p = NULL;
		const uint8_t *dmac;

		if (!tunnel_packet(k, &in, &bad)) {
			if (bad)
				count_drop(d, DPD_MALFORMED);
			return;
		}
		if ((mn = mn_of(s, in.dst)) < 0) {
			count_drop(d, DPD_NO_BINDING);
			return;
		}
		for (int i = 0; i < s->mns[mn].npaths; i++)
			if (s->mns[mn].path[i].out.dst == k->src && s->mns[mn].path[i].out.src == k->dst)
				p = &s->mns[mn].path[i];
		if (p == NULL) {
			count_drop(d, DPD_SPOOFED);
			return;
		}
		count_tunnel(d, p->tunnel, false, k->len);
		if (s->tacl && !acl_permits(s->tacl, s->ntacl, &in)) {
			count_drop(d, DPD_TUNNEL_ACL);
			return;
		}
		dmac = neighbor_mac(d, s, s->mns[mn].deliver.ifindex, in.dst);
		if (dmac == NULL) {
			count_drop(d, DPD_NO_NEIGHBOR);
			return;
		}
		deliver(d, b, &s->mns[mn].deliver, dmac, &in, false);
	}
}

static void
lma_down(struct dp *d, const struct dp_snap *s, struct txbatch *b, int mn, const struct pkt *k,
    bool csum_partial, const struct rxinfo *rx)
{
	struct dp_flow *f = flow_of(d, s, mn, k, true);

	flow_count(d, f, k->len);
	if (f->path < 0) {
		count_drop(d, (enum dp_drop)f->why);
		return;
	}
	encap(d, b, &s->mns[mn].path[f->path], k, csum_partial, rx);
}

static void
lma_frame(struct dp *d, const struct dp_snap *s, struct txbatch *b, int kind, const struct pkt *k,
    bool csum_partial, const struct rxinfo *rx)
{
	int mn;

	if (kind == DPR_EGRESS) {
		if (is_local(s, k->dst))
			return;
		if ((mn = mn_of(s, k->dst)) < 0)
			return;		/* not ours: the kernel's (it does not forward) */
		lma_down(d, s, b, mn, k, csum_partial, rx);
		return;
	}
	if (kind == DPR_TUNNEL) {
		struct pkt in;
		bool bad, registered = false;
		int to;

		if (k->dst != s->lma_addr || !tunnel_packet(k, &in, &bad)) {
			if (k->dst == s->lma_addr && bad)
				count_drop(d, DPD_MALFORMED);
			return;
		}
		if ((mn = mn_of(s, in.src)) < 0) {
			count_drop(d, DPD_NO_BINDING);
			return;
		}
		/* the outer source must be a registered path of that node */
		for (int i = 0; i < s->mns[mn].npaths; i++)
			if (s->mns[mn].path[i].out.dst == k->src) {
				registered = true;
				count_tunnel(d, s->mns[mn].path[i].tunnel, false, k->len);
				break;
			}
		if (!registered) {
			count_drop(d, DPD_SPOOFED);
			return;
		}
		/* tunnel acl: what comes out of the tunnels (traffic between two
		 * mobile nodes it denies never leaves the LMA) */
		if (s->tacl && !acl_permits(s->tacl, s->ntacl, &in)) {
			count_drop(d, DPD_TUNNEL_ACL);
			return;
		}
		if ((to = mn_of(s, in.dst)) >= 0) {
			/* to another mobile node: back down its tunnel */
			{
				/* an ICMP error for it goes back up the tunnel it came by:
				 * not done yet, so none */
				struct rxinfo none = { 0, 0, NULL, NULL };

				lma_down(d, s, b, to, &in, false, &none);
			}
			return;
		}
		{
			uint32_t nh = (in.dst & s->egress_mask) == s->egress_net ? in.dst : s->egress_gw;
			const uint8_t *dmac;

			if (s->egress.ifindex <= 0 || nh == 0) {
				count_drop(d, DPD_NO_PATH);
				return;
			}
			if ((dmac = neighbor_mac(d, s, s->egress.ifindex, nh)) == NULL) {
				count_drop(d, DPD_NO_NEIGHBOR);
				return;
			}
			deliver(d, b, &s->egress, dmac, &in, false);
		}
	}
}

/* ---- the loop ------------------------------------------------------------ */

static void
handle(struct dp *d, const struct dp_snap *s, struct txbatch *b, int ring,
    const struct tpacket3_hdr *h)
{
	int kind = s->rx_kind[ring];
	const struct sockaddr_ll *ll = (const void *)((const uint8_t *)h +
	    TPACKET_ALIGN(sizeof(struct tpacket3_hdr)));
	const uint8_t *f = (const uint8_t *)h + h->tp_mac;
	struct pkt k;

	if (ll->sll_pkttype != PACKET_HOST || h->tp_snaplen < 14 + 20 ||
	    f[12] != 0x08 || f[13] != 0x00)
		return;		/* not an IPv4 frame for this router */
	if (!parse_ip(f + 14, h->tp_snaplen - 14, &k)) {
		count_drop(d, DPD_MALFORMED);
		return;
	}
	{
		struct rxinfo rx = { s->rings[ring]->ifindex, s->rx_addr[ring], s->rx_mac[ring], f + 6 };
		bool partial = h->tp_status & TP_STATUS_CSUMNOTREADY;

		if (s->role == DP_MAG)
			mag_frame(d, s, b, kind, &k, partial, &rx);
		else if (s->role == DP_LMA)
			lma_frame(d, s, b, kind, &k, partial, &rx);
	}
}

/* Handles the ready blocks of ring g; how many frames it saw. */
static int
drain(struct dp *d, const struct dp_snap *s, struct txbatch *b, int ring)
{
	struct dp_ring *g = s->rings[ring];
	int frames = 0;

	for (unsigned k = 0; k < g->nblocks; k++) {
		struct tpacket_block_desc *bd = (void *)(g->map + (size_t)g->next * g->blocksz);
		const struct tpacket3_hdr *h;

		if (!(__atomic_load_n(&bd->hdr.bh1.block_status, __ATOMIC_ACQUIRE) & TP_STATUS_USER))
			break;
		h = (const void *)((uint8_t *)bd + bd->hdr.bh1.offset_to_first_pkt);
		for (unsigned i = 0; i < bd->hdr.bh1.num_pkts; i++) {
			handle(d, s, b, ring, h);
			frames++;
			h = (const void *)((const uint8_t *)h + h->tp_next_offset);
		}
		__atomic_store_n(&bd->hdr.bh1.block_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE);
		g->next = (g->next + 1) % g->nblocks;
		if (b->n)
			flush(d, b);
	}
	return frames;
}

/* Frames the kernel could not put in a ring (it was full). */
static void
count_lost(struct dp *d, struct dp_ring *g)
{
	struct tpacket_stats_v3 st;
	socklen_t len = sizeof(st);

	if (getsockopt(g->fd, SOL_PACKET, PACKET_STATISTICS, &st, &len) == 0 && st.tp_drops)
		atomic_fetch_add_explicit(&d->drops[DPD_RING_FULL], st.tp_drops,
		    memory_order_relaxed);
}

void *
dp_thread(void *arg)
{
	struct dp *d = arg;
	static struct txbatch b;
	unsigned rounds = 0;

	while (!atomic_load_explicit(&d->stop, memory_order_acquire)) {
		uint64_t ep = atomic_load_explicit(&d->epoch, memory_order_acquire);
		const struct dp_snap *s = atomic_load_explicit(&d->cur, memory_order_acquire);
		struct pollfd pfd[DP_MAXRINGS];
		int frames = 0, n = 0;

		if (s != NULL) {
			struct timespec ts;

			clock_gettime(CLOCK_MONOTONIC, &ts);
			d->now_ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
			for (int i = 0; i < s->nrings; i++) {
				frames += drain(d, s, &b, i);
				pfd[n].fd = s->rings[i]->fd;
				pfd[n].events = POLLIN | POLLERR;
				pfd[n].revents = 0;
				n++;
			}
			if (b.n)
				flush(d, &b);
			if (++rounds % 1024 == 0 || frames == 0)
				for (int i = 0; i < s->nrings; i++)
					count_lost(d, s->rings[i]);
		}
		if (frames == 0)
			poll(pfd, (nfds_t)n, 20);	/* bounds the grace period too */
		atomic_store_explicit(&d->seen, ep, memory_order_release);
	}
	return NULL;
}
