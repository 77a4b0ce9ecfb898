/*
 * pmipv6-lma.c — handlers of grammar/pmipv6-lma.cli: checks on the mobile
 * network pools and show ipv6 mobile pmipv6 lma globals.
 */
#include <stdlib.h>

#include "cmd.h"
#include "pmip_show.h"
#include "router.h"

/* A pool is split into prefixes of network-prefix length: the pool itself
 * cannot be smaller than one of them. */
int
cmd_mnet_pool(struct cmd_ctx *x)
{
	if (x->negate)
		return CMD_OK;
	if (atoi(cmd_val(x, "pplen")) > atoi(cmd_val(x, "nplen")))
		return cmd_bad_arg(x, "pplen");
	return CMD_OK;
}

int
cmd_show_pmipv6_lma_globals(struct cmd_ctx *x)
{
	pmip_show_lma_globals(x->r, x->m->pipe == CL_PIPE_JSON, x->out);
	return CMD_OK;
}
