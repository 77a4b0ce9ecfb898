/*
 * dp_int.h — between the data plane's control side (dp.c) and its packet
 * path (fwd.c): the snapshot, the rings, the counters.
 *
 * Memory rules.  A snapshot and everything it points to is written by the
 * control thread before it is published (an atomic store with release
 * order) and never again.  The packet thread loads the current snapshot at
 * the start of a batch and, when the batch is done, stores the epoch it
 * saw (release).  The control thread frees a retired snapshot when the
 * packet thread's stored epoch is past the one that retired it, or when
 * the thread is parked.  Counters are written by the packet thread only,
 * with relaxed atomic stores; shows read them with relaxed loads.
 */
#ifndef PMIPSIM_DP_INT_H
#define PMIPSIM_DP_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "acl_rule.h"
#include "dp.h"

#define DP_MAXPATHS 16		/* paths of one mobile node */
#define DP_MAXPFX 4		/* addresses and prefixes of one mobile node */
#define DP_MAXLABELS 3		/* set link-type LABEL1 [LABEL2 [LABEL3]] */
#define DP_MAXTUNNELS 65536	/* counters kept per Tunnel N, N below this */
#define DP_MAXRINGS 32		/* interfaces the engine takes packets from */
#define DP_BATCH 64		/* frames handled (and sent) per batch */
#define DP_FLOWS 65536		/* flow cache slots (a power of 2) */
#define DP_DATA_PORT 5437	/* RFC 5844 §6: pmip6-data */
#define DP_ICMP_PER_SEC 100	/* ICMP errors the engine sends a second */

/* An interface's receive ring (TPACKET_V3), made by the control thread and
 * shared by the snapshots that list it. */
struct dp_ring {
	int fd;
	int ifindex;
	uint8_t *map;
	size_t mapsz;
	unsigned nblocks, blocksz;
	unsigned next;		/* packet thread: the block it reads next */
	int refs;		/* control thread: snapshots that list it */
	uint64_t lost_seen;	/* packet thread: ring drops already counted */
};

/* Where a packet goes out: interface, MAC addresses, IPv4 ends. */
struct dp_out {
	int ifindex;
	uint8_t smac[6], dmac[6];
	bool dmac_ok;		/* false: the next hop is being resolved */
	uint32_t src, dst;	/* network order; tunnels only */
	unsigned mtu;		/* tunnel mtu: largest outer packet, 0 none */
};

/* One path of a mobile node: a MAG's roaming interface, or at the LMA a
 * binding's MAG path. */
struct dp_path {
	uint8_t label;		/* 0: none */
	int prio;		/* lower is better (MAG); LMA: binding order */
	bool up;
	int tunnel;		/* Tunnel N; -1 none */
	struct dp_out out;
};

/* An address or prefix of a mobile node (IPv4, network order). */
struct dp_pfx {
	uint32_t addr, mask;
};

struct dp_mn {
	struct dp_pfx pfx[DP_MAXPFX];
	int npfx;
	struct dp_path path[DP_MAXPATHS];
	int npaths;
	struct dp_out deliver;	/* MAG: its mobile network's interface
				 * (next hop: the packet's destination) */
};

/* A mobile-map entry, compiled: its ACL's rules in order, and its labels. */
struct dp_mmentry {
	int seq;
	const struct acl_rule *rules;
	int nrules;
	uint8_t labels[DP_MAXLABELS];
	int nlabels;
	bool null;		/* the list ends in null: drop when none is up */
};

/* A neighbour: the MAC of an IPv4 address on an interface. */
struct dp_neigh {
	int ifindex;
	uint32_t addr;
	uint8_t mac[6];
};

enum dp_role { DP_NONE, DP_MAG, DP_LMA };

struct dp_snap {
	uint64_t gen;		/* different for every snapshot */
	enum dp_role role;
	struct dp_ring *rings[DP_MAXRINGS];
	int rx_kind[DP_MAXRINGS];	/* enum dp_rx */
	uint32_t rx_addr[DP_MAXRINGS];	/* the interface's IPv4 address (ICMP errors
					 * come from it); 0 none */
	uint8_t rx_mac[DP_MAXRINGS][6];
	int nrings;
	struct dp_mn *mns;
	int nmns;
	struct dp_mmentry *mmap;	/* the active mobile map, by sequence */
	int nmmap;
	struct acl_rule *rules;		/* the rules mmap points into */
	struct acl_rule *tacl;		/* tunnel acl: its rules; NULL none (all pass) */
	int ntacl;
	uint32_t lma_addr;	/* LMA: its address (the tunnels' end) */
	struct dp_out egress;	/* LMA: the egress interface (dst MAC per packet) */
	uint32_t egress_net, egress_mask;	/* its connected subnet */
	uint32_t egress_gw;	/* next hop for what is not on that subnet; 0 none */
	struct dp_neigh *neigh;	/* sorted by (ifindex, addr) */
	int nneigh;
	uint32_t *locals;	/* the router's own IPv4 addresses */
	int nlocals;
	/* the mobile nodes by address: (prefix, length) -> index in mns, open
	 * addressing; the lengths in use, longest first */
	struct dp_pfxent {
		uint32_t key;	/* addr & mask */
		uint8_t plen;
		int32_t mn;	/* -1: empty slot */
	} *pidx;
	uint32_t pidx_mask;
	uint8_t plens[33];
	int nplens;
};

static inline uint32_t
dp_pfx_hash(uint32_t key, uint8_t plen)
{
	uint32_t h = (key ^ (uint32_t)plen * 0x9e3779b9u) * 0x85ebca6bu;

	return h ^ h >> 15;
}

enum dp_rx { DPR_ACCESS, DPR_TUNNEL, DPR_EGRESS };

/* A packet's flow, as the cache keeps it.  The packet thread writes it
 * between two increments of seq (odd while it writes); a reader copies it
 * and keeps the copy when seq was even and unchanged around the copy. */
struct dp_flow {
	_Atomic uint32_t seq;
	uint64_t gen;		/* snapshot it was classified in; 0 free */
	uint32_t src, dst;
	uint16_t sport, dport;	/* ICMP: the echo ID in sport */
	uint8_t proto;
	bool down;		/* downlink (LMA) flow */
	int16_t mn;		/* index in the snapshot's mns */
	int16_t path;		/* chosen path; -1: dropped */
	int16_t why;		/* drop reason when path < 0 */
	int16_t entry;		/* mobile-map entry (index), -1 default */
	int map_seq;		/* ... its sequence number, -1 */
	uint8_t label;		/* the chosen path's label */
	int tunnel;		/* ... and tunnel */
	uint64_t packets, bytes;
	uint64_t first_ms, last_ms;	/* monotonic */
};

struct dp {
	struct router *r;
	_Atomic(struct dp_snap *) cur;
	_Atomic uint64_t epoch;		/* bumped by every publish */
	_Atomic uint64_t seen;		/* packet thread: epoch of its last batch */
	_Atomic bool parked;		/* packet thread: between batches, holds nothing */
	_Atomic bool stop;
	pthread_t thread;
	bool running;
	struct retired {
		struct dp_snap *s;
		uint64_t epoch;
	} retired[64];
	int nretired;
	uint64_t next_gen;
	uint64_t built_sig;		/* what the published snapshot was built from */
	bool incomplete;		/* ... with next hops still unresolved */
	uint64_t next_build_ms;		/* no build before (monotonic ms) */
	uint64_t config_gen;		/* bumped by every committed change */
	int txfd;			/* AF_PACKET socket every frame leaves by */
	int holdfd;			/* UDP 5437, drops what it gets */
	struct event *tick;
	struct dp_ring *rings[DP_MAXRINGS * 2];	/* every live ring */
	int nlive;
	/* forwarding turned off on these interfaces: what it was */
	struct {
		char lname[16];
		char old;
	} fwd_off[DP_MAXRINGS];
	int nfwd_off;
	/* neighbours the packet path asked for: ring of addresses */
	_Atomic uint32_t want_head;
	uint32_t want_tail;
	struct {
		_Atomic int ifindex;
		_Atomic uint32_t addr;
	} want[64];
	/* counters (packet thread writes) */
	_Atomic uint64_t drops[DPD_NREASONS];
	struct dp_tcount_a {
		_Atomic uint64_t tx_packets, tx_bytes, rx_packets, rx_bytes;
	} *tunnels;			/* DP_MAXTUNNELS */
	struct dp_flow *flows;		/* packet thread writes; shows read (seq) */
	uint64_t now_ms;		/* packet thread: the clock, read once a round */
	uint64_t icmp_sec;		/* packet thread: the second ICMP errors count in */
	unsigned icmp_sent;		/* ... and how many went in it */
};

/* fwd.c: the packet thread's body. */
void *dp_thread(void *arg);
/* netio.c */
struct dp_ring *dp_ring_open(int ifindex);
void dp_ring_close(struct dp_ring *g);

#endif
