/*
 * pmipv6-lma.c — handlers of grammar/pmipv6-lma.cli: checks on the mobile
 * network pools and show ipv6 mobile pmipv6 lma globals.
 */
#include <stdlib.h>

#include "cmd.h"
#include "mobility/mob.h"
#include "pmip_show.h"
#include "router.h"

/* A pool is split into prefixes of network-prefix length: the pool itself
 * cannot be smaller than one of them. */
int
cmd_mnet_pool(struct cmd_ctx *x, struct cmd_mnet_pool_args *a)
{
	if (x->negate)
		return CMD_OK;
	if ((int)a->pplen.n > (int)a->nplen.n)
		return cmd_bad(x, a->pplen);
	return CMD_OK;
}

int
cmd_show_pmipv6_lma_globals(struct cmd_ctx *x)
{
	pmip_show_lma_globals(x->r, x->m->pipe == CL_PIPE_JSON, x->out);
	return CMD_OK;
}

int
cmd_show_pmipv6_lma_binding(struct cmd_ctx *x, struct cmd_show_pmipv6_lma_binding_args *a)
{
	pmip_show_lma_binding(x->r, a->id.s, a->detail.s != NULL,
	    x->m->pipe == CL_PIPE_JSON, x->out);
	return CMD_OK;
}

int
cmd_show_pmipv6_lma_stats(struct cmd_ctx *x)
{
	pmip_show_stats(x->r, true, x->m->pipe == CL_PIPE_JSON, x->out);
	return CMD_OK;
}

int
cmd_show_pmipv6_lma_heartbeat(struct cmd_ctx *x)
{
	pmip_show_heartbeat(x->r, true, x->m->pipe == CL_PIPE_JSON, x->out);
	return CMD_OK;
}

int
cmd_show_pmipv6_lma_tunnel(struct cmd_ctx *x)
{
	pmip_show_tunnel(x->r, true, x->m->pipe == CL_PIPE_JSON, x->out);
	return CMD_OK;
}

int
cmd_clear_pmipv6_lma_binding(struct cmd_ctx *x, struct cmd_clear_pmipv6_lma_binding_args *a)
{
	const char *nai = a->id.s;

	if (mob_clear_bindings(x->r->mob, true, nai, x->out) == 0 && nai)
		return CMD_ERR;
	return CMD_OK;
}

int
cmd_clear_pmipv6_lma_stats(struct cmd_ctx *x)
{
	mob_clear_stats(x->r->mob, true);
	return CMD_OK;
}
