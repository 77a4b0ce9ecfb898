/*
 * netio.h — what the data plane asks the kernel (netio.c): routes and
 * neighbours over netlink.  Control thread only.
 */
#ifndef PMIPSIM_DP_NETIO_H
#define PMIPSIM_DP_NETIO_H

#include <stdbool.h>
#include <stdint.h>

struct dp_neigh;

#define DP_MAXNEIGH 65536	/* neighbours a snapshot holds */

/* The kernel's route to dst (network order), out of oif if > 0: the
 * interface and the next hop (dst itself when on link). */
bool dp_route_get(uint32_t dst, int oif, int *out_if, uint32_t *nexthop);
/* The resolved IPv4 neighbours, sorted for dp_neigh_find; *out malloc'ed. */
int dp_neigh_dump(struct dp_neigh **out);
const struct dp_neigh *dp_neigh_find(const struct dp_neigh *v, int n, int ifindex, uint32_t addr);
/* Asks the kernel to resolve addr on ifindex. */
void dp_neigh_resolve(int ifindex, uint32_t addr);
void dp_nl_close(void);

#endif
