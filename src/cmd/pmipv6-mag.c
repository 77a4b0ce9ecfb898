/*
 * pmipv6-mag.c — handlers of grammar/pmipv6-mag.cli: applying a mobile map
 * (only while no binding exists) and show ipv6 mobile pmipv6 mag globals.
 */
#include "cmd.h"
#include "mobility/mob.h"
#include "pmip_show.h"
#include "pmipv6.h"
#include "router.h"


int
cmd_mobile_map_apply(struct cmd_ctx *x, struct cmd_mobile_map_apply_args *a)
{
	return mobile_map_refuse(x);
}

int
cmd_show_pmipv6_mag_globals(struct cmd_ctx *x)
{
	pmip_show_mag_globals(x->r, x->m->pipe == CL_PIPE_JSON, x->out);
	return CMD_OK;
}

int
cmd_show_pmipv6_mag_binding(struct cmd_ctx *x, struct cmd_show_pmipv6_mag_binding_args *a)
{
	pmip_show_mag_binding(x->r, a->id.s, a->detail.s != NULL,
	    x->m->pipe == CL_PIPE_JSON, x->out);
	return CMD_OK;
}

int
cmd_show_pmipv6_mag_stats(struct cmd_ctx *x)
{
	pmip_show_stats(x->r, false, x->m->pipe == CL_PIPE_JSON, x->out);
	return CMD_OK;
}

int
cmd_show_pmipv6_mag_heartbeat(struct cmd_ctx *x)
{
	pmip_show_heartbeat(x->r, false, x->m->pipe == CL_PIPE_JSON, x->out);
	return CMD_OK;
}

int
cmd_show_pmipv6_mag_tunnel(struct cmd_ctx *x)
{
	pmip_show_tunnel(x->r, false, x->m->pipe == CL_PIPE_JSON, x->out);
	return CMD_OK;
}

int
cmd_clear_pmipv6_mag_binding(struct cmd_ctx *x, struct cmd_clear_pmipv6_mag_binding_args *a)
{
	const char *nai = a->id.s;

	if (mob_clear_bindings(x->r->mob, false, nai, x->out) == 0 && nai)
		return CMD_ERR;
	return CMD_OK;
}

int
cmd_clear_pmipv6_mag_stats(struct cmd_ctx *x)
{
	mob_clear_stats(x->r->mob, false);
	return CMD_OK;
}
