/*
 * route.c — handlers of grammar/route.cli: static IPv4 routes.  The check
 * validates the prefix and mask and names the gateway (the key that tells
 * two routes to one prefix apart); the handler has iface.c install them.
 */
#include <stdio.h>
#include <string.h>

#include "cl.h"
#include "cmd.h"
#include "iface.h"
#include "router.h"

int
cmd_ip_route(struct cmd_ctx *x, struct cmd_ip_route_args *a)
{
	const char *p = a->prefix.s, *m = a->mask.s;
	const char *nh = a->nh.s, *ifn = a->ifname.s, *ifnh = a->ifnh.s;
	uint32_t prefix, mask;

	cl_parse_ipv4(p, strlen(p), &prefix);
	if (m == NULL)		/* no ip route PREFIX: incomplete before here */
		return CMD_OK;
	cl_parse_ipv4(m, strlen(m), &mask);
	if (mask != 0 && (~mask & (~mask + 1)) != 0)
		return cmd_bad(x, a->mask);	/* not contiguous */
	if (!x->negate && (prefix & ~mask) != 0) {
		sb_adds(x->out, "%Inconsistent address and mask\n");
		return CMD_ERR;
	}
	if (nh)
		cmd_set(x, a->gw, "%s", nh);
	else if (ifn && ifnh)
		cmd_set(x, a->gw, "%s %s", ifn, ifnh);
	else if (ifn)
		cmd_set(x, a->gw, "%s", ifn);
	cmd_set(x, a->prefix_n, "%u", prefix);
	cmd_set(x, a->mask_n, "%u", mask);
	return CMD_OK;
}

int
cmd_static_routes(struct cmd_ctx *x, struct cmd_static_routes_args *a)
{
	if (!x->r->check_only)
		iface_routes_touch(x->r);
	return CMD_OK;
}
