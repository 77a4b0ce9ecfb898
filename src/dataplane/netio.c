/*
 * netio.c — receive rings: a TPACKET_V3 ring per interface the engine takes
 * packets from (see dp_int.h).
 *
 * Why TPACKET_V3: measured here (../dataplane-bench), a ring with headers
 * built in userspace and a packet socket to send is the fast way without
 * AF_XDP's per-interface set-up (a BPF program and a UMEM per queue): the
 * kernel fills blocks of frames and the thread walks a block with no system
 * call per packet.  Blocks are small (64 KiB, 64 of them) so a block is
 * handed over within the retire timeout even at a low rate.
 */
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "dp_int.h"

#define RING_BLOCKSZ (1u << 16)
#define RING_NBLOCKS 64u
#define RING_FRAMESZ 2048u
#define RING_RETIRE_MS 2

struct dp_ring *
dp_ring_open(int ifindex)
{
	struct dp_ring *g = calloc(1, sizeof(*g));
	struct tpacket_req3 req;
	struct sockaddr_ll sll;
	int v = TPACKET_V3, one = 1;

	if (g == NULL)
		return NULL;
	g->fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL));
	if (g->fd < 0)
		goto fail;
	if (setsockopt(g->fd, SOL_PACKET, PACKET_VERSION, &v, sizeof(v)) < 0)
		goto fail;
	/* what the engine itself sends is not news to it */
	setsockopt(g->fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one));
	memset(&req, 0, sizeof(req));
	req.tp_block_size = RING_BLOCKSZ;
	req.tp_block_nr = RING_NBLOCKS;
	req.tp_frame_size = RING_FRAMESZ;
	req.tp_frame_nr = RING_BLOCKSZ / RING_FRAMESZ * RING_NBLOCKS;
	req.tp_retire_blk_tov = RING_RETIRE_MS;
	if (setsockopt(g->fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req)) < 0)
		goto fail;
	g->mapsz = (size_t)req.tp_block_size * req.tp_block_nr;
	g->map = mmap(NULL, g->mapsz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_LOCKED, g->fd, 0);
	if (g->map == MAP_FAILED)
		g->map = mmap(NULL, g->mapsz, PROT_READ | PROT_WRITE, MAP_SHARED, g->fd, 0);
	if (g->map == MAP_FAILED) {
		g->map = NULL;
		goto fail;
	}
	g->nblocks = req.tp_block_nr;
	g->blocksz = req.tp_block_size;
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(ETH_P_ALL);
	sll.sll_ifindex = ifindex;
	if (bind(g->fd, (struct sockaddr *)&sll, sizeof(sll)) < 0)
		goto fail;
	g->ifindex = ifindex;
	return g;
fail:
	dp_ring_close(g);
	return NULL;
}

void
dp_ring_close(struct dp_ring *g)
{
	if (g == NULL)
		return;
	if (g->map)
		munmap(g->map, g->mapsz);
	if (g->fd >= 0)
		close(g->fd);
	free(g);
}

/* ---- the kernel's routes and neighbours (netlink) ------------------------ */

#include <libmnl/libmnl.h>
#include <linux/neighbour.h>
#include <linux/rtnetlink.h>
#include <time.h>

#include "netio.h"

struct nl {
	struct mnl_socket *sk;
	unsigned seq;
};

static struct nl nl;

static bool
nl_open(void)
{
	if (nl.sk)
		return true;
	nl.sk = mnl_socket_open2(NETLINK_ROUTE, SOCK_CLOEXEC);
	if (nl.sk == NULL)
		return false;
	if (mnl_socket_bind(nl.sk, 0, MNL_SOCKET_AUTOPID) < 0) {
		mnl_socket_close(nl.sk);
		nl.sk = NULL;
		return false;
	}
	nl.seq = (unsigned)time(NULL);
	{
		/* the event loop never waits long for the kernel */
		struct timeval tv = { 0, 200000 };

		setsockopt(mnl_socket_get_fd(nl.sk), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	}
	return true;
}

void
dp_nl_close(void)
{
	if (nl.sk)
		mnl_socket_close(nl.sk);
	nl.sk = NULL;
}

/* Sends nlh and runs cb over the answers until done.  0, or -1. */
static int
nl_talk(struct nlmsghdr *nlh, mnl_cb_t cb, void *arg)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	unsigned portid;
	int rc;

	if (!nl_open())
		return -1;
	nlh->nlmsg_seq = ++nl.seq;
	portid = mnl_socket_get_portid(nl.sk);
	if (mnl_socket_sendto(nl.sk, nlh, nlh->nlmsg_len) < 0)
		return -1;
	for (;;) {
		ssize_t n = mnl_socket_recvfrom(nl.sk, buf, sizeof(buf));

		if (n < 0)
			return -1;
		rc = mnl_cb_run(buf, (size_t)n, nlh->nlmsg_seq, portid, cb, arg);
		if (rc <= MNL_CB_STOP)
			return rc < 0 ? -1 : 0;
	}
}

struct route_ans {
	int oif;
	uint32_t gw;
	bool ok;
};

static int
route_attr(const struct nlattr *a, void *arg)
{
	struct route_ans *r = arg;

	switch (mnl_attr_get_type(a)) {
	case RTA_OIF:
		if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
			r->oif = (int)mnl_attr_get_u32(a);
		break;
	case RTA_GATEWAY:
		if (mnl_attr_validate(a, MNL_TYPE_U32) >= 0)
			r->gw = mnl_attr_get_u32(a);
		break;
	}
	return MNL_CB_OK;
}

static int
route_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct route_ans *r = arg;

	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return MNL_CB_OK;
	mnl_attr_parse(nlh, sizeof(struct rtmsg), route_attr, r);
	r->ok = r->oif > 0;
	return MNL_CB_OK;
}

bool
dp_route_get(uint32_t dst, int oif, int *out_if, uint32_t *nexthop)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct rtmsg *rtm;
	struct route_ans ans = { 0, 0, false };

	nlh->nlmsg_type = RTM_GETROUTE;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;	/* the ack ends the answer */
	rtm = mnl_nlmsg_put_extra_header(nlh, sizeof(*rtm));
	rtm->rtm_family = AF_INET;
	rtm->rtm_dst_len = 32;
	mnl_attr_put_u32(nlh, RTA_DST, dst);
	if (oif > 0)
		mnl_attr_put_u32(nlh, RTA_OIF, (uint32_t)oif);
	if (nl_talk(nlh, route_cb, &ans) < 0 || !ans.ok)
		return false;
	*out_if = ans.oif;
	*nexthop = ans.gw ? ans.gw : dst;
	return true;
}

struct neigh_dump {
	struct dp_neigh *v;
	int n, cap;
};

static int
neigh_attr(const struct nlattr *a, void *arg)
{
	const struct nlattr **tb = arg;
	int t = mnl_attr_get_type(a);

	if (t == NDA_DST || t == NDA_LLADDR)
		tb[t] = a;
	return MNL_CB_OK;
}

static int
neigh_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct neigh_dump *d = arg;
	const struct ndmsg *nd = mnl_nlmsg_get_payload(nlh);
	const struct nlattr *tb[NDA_MAX + 1] = { 0 };

	if (nlh->nlmsg_type != RTM_NEWNEIGH || nd->ndm_family != AF_INET)
		return MNL_CB_OK;
	if (!(nd->ndm_state & (NUD_REACHABLE | NUD_STALE | NUD_DELAY | NUD_PROBE | NUD_PERMANENT |
	    NUD_NOARP)))
		return MNL_CB_OK;
	mnl_attr_parse(nlh, sizeof(*nd), neigh_attr, tb);
	if (tb[NDA_DST] == NULL || tb[NDA_LLADDR] == NULL ||
	    mnl_attr_get_payload_len(tb[NDA_DST]) != 4 || mnl_attr_get_payload_len(tb[NDA_LLADDR]) != 6)
		return MNL_CB_OK;
	if (d->n == d->cap) {
		int cap = d->cap ? d->cap * 2 : 64;
		struct dp_neigh *v;

		if (cap > DP_MAXNEIGH || (v = realloc(d->v, (size_t)cap * sizeof(*v))) == NULL)
			return MNL_CB_OK;	/* bounded: the rest is resolved again */
		d->v = v;
		d->cap = cap;
	}
	d->v[d->n].ifindex = nd->ndm_ifindex;
	memcpy(&d->v[d->n].addr, mnl_attr_get_payload(tb[NDA_DST]), 4);
	memcpy(d->v[d->n].mac, mnl_attr_get_payload(tb[NDA_LLADDR]), 6);
	d->n++;
	return MNL_CB_OK;
}

static int
neigh_cmp(const void *a, const void *b)
{
	const struct dp_neigh *x = a, *y = b;

	if (x->ifindex != y->ifindex)
		return x->ifindex < y->ifindex ? -1 : 1;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return 0;
}

int
dp_neigh_dump(struct dp_neigh **out)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ndmsg *nd;
	struct neigh_dump d = { NULL, 0, 0 };

	nlh->nlmsg_type = RTM_GETNEIGH;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nd = mnl_nlmsg_put_extra_header(nlh, sizeof(*nd));
	nd->ndm_family = AF_INET;
	if (nl_talk(nlh, neigh_cb, &d) < 0) {
		free(d.v);
		*out = NULL;
		return 0;
	}
	if (d.n > 1)
		qsort(d.v, (size_t)d.n, sizeof(*d.v), neigh_cmp);
	*out = d.v;
	return d.n;
}

const struct dp_neigh *
dp_neigh_find(const struct dp_neigh *v, int n, int ifindex, uint32_t addr)
{
	struct dp_neigh k = { .ifindex = ifindex, .addr = addr };

	return n > 0 ? bsearch(&k, v, (size_t)n, sizeof(*v), neigh_cmp) : NULL;
}

static int
ack_cb(const struct nlmsghdr *nlh, void *arg)
{
	(void)nlh;
	(void)arg;
	return MNL_CB_OK;
}

void
dp_neigh_resolve(int ifindex, uint32_t addr)
{
	char buf[MNL_SOCKET_BUFFER_SIZE];
	struct nlmsghdr *nlh = mnl_nlmsg_put_header(buf);
	struct ndmsg *nd;

	/* NTF_USE: the kernel resolves the address as if a packet waited
	 * for it (an ARP request), without a packet of ours */
	nlh->nlmsg_type = RTM_NEWNEIGH;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_CREATE | NLM_F_ACK;
	nd = mnl_nlmsg_put_extra_header(nlh, sizeof(*nd));
	nd->ndm_family = AF_INET;
	nd->ndm_ifindex = ifindex;
	nd->ndm_state = NUD_NONE;
	nd->ndm_flags = NTF_USE;
	mnl_attr_put(nlh, NDA_DST, 4, &addr);
	nl_talk(nlh, ack_cb, NULL);
}
