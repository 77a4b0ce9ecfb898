/*
 * sla.h — the IP SLA responder's counters, for show ip sla responder.
 */
#ifndef PMIPSIM_CMD_SLA_H
#define PMIPSIM_CMD_SLA_H

#include <stdint.h>

struct router;

struct sla_stats {
	uint64_t control;	/* control messages received */
	uint64_t errors;
};

void sla_stats(struct router *r, struct sla_stats *st);

#endif
