/*
 * pmipv6-domain.c — handlers of grammar/pmipv6-domain.cli: the rule that
 * mobile maps change only while no binding exists, and the domain and
 * mobile-map show commands (formatted by src/pmip_show.c).
 */
#include <stdio.h>

#include "cl_gen.h"
#include "cmd.h"
#include "pmip_show.h"
#include "pmipv6.h"
#include "router.h"

/* The feature document: "The mobile map and its entries are configured or
 * modified when no bindings are available." */
int
mobile_map_refuse(struct cmd_ctx *x)
{
	unsigned long n = router_bindings(x->r);

	if (n == 0)
		return CMD_OK;
	sb_printf(x->out, "%% Mobile maps cannot be changed while bindings exist (%lu binding%s)\n",
	    n, n == 1 ? "" : "s");
	return CMD_ERR;
}

int
cmd_mobile_map_change(struct cmd_ctx *x, struct cmd_mobile_map_change_args *a)
{
	return mobile_map_refuse(x);
}

int
cmd_show_pmipv6_domain(struct cmd_ctx *x, struct cmd_show_pmipv6_domain_args *a)
{
	return pmip_show_domain(x->r, a->name.s, x->m->pipe == CL_PIPE_JSON, x->out) < 0 ?
	    CMD_ERR : CMD_OK;
}

int
cmd_show_pmipv6_mobile_map(struct cmd_ctx *x, struct cmd_show_pmipv6_mobile_map_args *a)
{
	return pmip_show_mobile_map(x->r, a->name.s, x->m->pipe == CL_PIPE_JSON,
	    x->out) < 0 ? CMD_ERR : CMD_OK;
}
