/*
 * responder.h — the IP SLA responder (responder.c): answers the permanent UDP
 * echo ports and listens on the control port while configured.
 */
#ifndef PMIPSIM_SLA_RESPONDER_H
#define PMIPSIM_SLA_RESPONDER_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct router;
struct slaresp;

#define SLA_RECENT 5		/* sources remembered, newest first */

struct sla_source {
	struct in_addr addr;
	time_t at;
};

struct sla_stats {
	bool listening;		/* the control port is open */
	uint64_t control;	/* control messages received */
	uint64_t errors;	/* of those, refused */
	struct sla_source recent[SLA_RECENT], recent_err[SLA_RECENT];
	int nrecent, nerr;
};

/* Starts the responder of r as its running configuration says; NULL is
 * never returned (allocation failure aborts). */
struct slaresp *slaresp_new(struct router *r);
void slaresp_free(struct slaresp *sr);
/* After a configuration change: ports opened and closed from the loop. */
struct store_changes;
void slaresp_config_changed(struct router *r, const struct store_changes *c);
/* Ports still waiting to be opened or closed, done now. */
void slaresp_settle(struct router *r);
void slaresp_stats(const struct router *r, struct sla_stats *st);
/* Datagrams echoed on a permanent port; -1 when it is not open (not
 * configured, or its address cannot be bound). */
long long slaresp_echoed(const struct router *r, const char *addr, int port);

#endif
