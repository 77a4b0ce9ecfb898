/*
 * dp.h — the data plane: user packets through the PMIPv6 tunnels.
 *
 * A MAG takes the packets of its mobile networks from their interfaces,
 * classifies each flow with the active mobile map (ACL, then the labels of
 * set link-type in order of preference) and sends it to the LMA in IPv4/UDP
 * (port 5437) on the chosen roaming interface.  The LMA checks that the
 * tunnel's outer source is a registered path of the binding that owns the
 * inner source, and sends the packet on its egress interface; downlink is
 * the mirror image.
 *
 * The packet path runs in a thread of its own (fwd.c) and never waits for
 * the control plane: what it needs (interfaces, paths, bindings, mobile
 * maps compiled with their ACLs, next-hop MAC addresses) is an immutable
 * snapshot that the control plane (dp.c, on the event loop) builds and
 * swaps in with one atomic store; an old snapshot is freed once the packet
 * thread has finished the batch that may still read it (see dp_int.h).
 *
 * The kernel of the router's namespace does not also act on these packets:
 * IPv4 forwarding is turned off on the interfaces the engine takes packets
 * from (so the kernel neither forwards a second copy nor answers with ICMP
 * errors of its own), and a UDP socket that drops what it gets holds port
 * 5437 (so the kernel sends no port unreachable for the tunnel's packets).
 */
#ifndef PMIPSIM_DP_H
#define PMIPSIM_DP_H

#include <stdbool.h>
#include <stdint.h>

struct router;
struct dp;

/* Starts the data plane of r (its thread starts with the first snapshot
 * that has something to forward).  NULL under --check. */
struct dp *dp_new(struct router *r);
void dp_free(struct dp *d);

/* Why packets were dropped (show ... stats, dp_view). */
enum dp_drop {
	DPD_NO_BINDING,		/* no binding for the packet's address */
	DPD_SPOOFED,		/* outer source not a path of the inner source's binding */
	DPD_TUNNEL_ACL,		/* tunnel acl denied it */
	DPD_NULL_LINK,		/* set link-type ... null, and none of the labels up */
	DPD_NO_PATH,		/* no path up */
	DPD_MTU,		/* too big for the tunnel */
	DPD_NO_NEIGHBOR,	/* next hop's MAC address unknown (resolution asked) */
	DPD_TTL,		/* TTL expired */
	DPD_MALFORMED,		/* a header that does not parse */
	DPD_RING_FULL,		/* lost by the receive ring */
	DPD_TX_ERROR,		/* the send failed */
	DPD_NREASONS
};

extern const char *const dp_drop_names[DPD_NREASONS];	/* "spoofed source" */
extern const char *const dp_drop_keys[DPD_NREASONS];	/* "spoofed_source" (JSON) */

/* Packet and byte counters of one tunnel (Tunnel N of show ... tunnel). */
struct dp_tcount {
	uint64_t tx_packets, tx_bytes, rx_packets, rx_bytes;
};

/* Counters, read while the packet path runs (each is exact, the set is not
 * one instant).  tunnel: false when it has none. */
bool dp_tunnel_counters(const struct dp *d, int tunnel, struct dp_tcount *out);
void dp_drops(const struct dp *d, uint64_t out[DPD_NREASONS]);
/* One flow of the flow cache, as a show prints it. */
struct dp_flow_view {
	uint32_t src, dst;		/* network order */
	uint16_t sport, dport;		/* ICMP: the echo id in sport */
	uint8_t proto;
	bool down;			/* downlink: from the LMA's egress side */
	int map_seq;			/* the mobile-map entry that chose; -1 none */
	int label;			/* the path's label number; 0 none */
	int tunnel;			/* its Tunnel N; -1: dropped */
	int why;			/* enum dp_drop when dropped */
	uint64_t packets, bytes;
	uint64_t age_ms, idle_ms;	/* since the first packet; since the last */
};

/* Copies out up to max live flows (the most recent first is not promised);
 * returns how many. */
int dp_flows(const struct dp *d, struct dp_flow_view *out, int max);

/* Sets the drop and tunnel counters to zero (clear ... stats). */
void dp_clear_counters(struct dp *d);

#endif
