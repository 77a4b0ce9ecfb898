/*
 * pmipv6-mag.c — handlers of grammar/pmipv6-mag.cli: applying a mobile map
 * (only while no binding exists) and show ipv6 mobile pmipv6 mag globals.
 */
#include "cmd.h"
#include "pmip_show.h"
#include "pmipv6.h"
#include "router.h"


int
cmd_mobile_map_apply(struct cmd_ctx *x)
{
	return mobile_map_refuse(x);
}

int
cmd_show_pmipv6_mag_globals(struct cmd_ctx *x)
{
	pmip_show_mag_globals(x->r, x->m->pipe == CL_PIPE_JSON, x->out);
	return CMD_OK;
}
