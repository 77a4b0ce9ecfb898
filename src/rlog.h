/*
 * rlog.h — the router's own log, as IOS keeps it: lines of the form
 * "*Nov 26 12:00:00.123: %PMIPV6-5-PATH_UP: ...", kept in the log buffer
 * (logging buffered) and shown live to sessions with terminal monitor.
 * Debug output (debug ipv6 mobile pmipv6 ...) is logged at severity 7.
 */
#ifndef PMIPSIM_RLOG_H
#define PMIPSIM_RLOG_H

#include <stdbool.h>
#include <stdint.h>

struct router;
struct strbuf;

enum { LOG_SEV_EMERG, LOG_SEV_ALERT, LOG_SEV_CRIT, LOG_SEV_ERR, LOG_SEV_WARN, LOG_SEV_NOTICE,
	LOG_SEV_INFO, LOG_SEV_DEBUG };

/* debug switches (router.debug) */
#define DBG_PMIP_EVENTS 0x1
#define DBG_PMIP_PACKETS 0x2

struct rlog_state {
	bool buffered;
	unsigned size;		/* bytes the buffer may hold */
	int level;		/* lowest severity number kept is 0, highest this */
	char **lines;		/* ring of lines, oldest first from head */
	unsigned nlines, cap, head;
	unsigned bytes;
	uint64_t logged, dropped, monitor_logged;
};

/* Logs "%FAC-SEV-MNEM: text". */
void rlog(struct router *r, int sev, const char *fac, const char *mnem, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Logs a debug line when the switch is on: "PMIPv6: text". */
void rdebug(struct router *r, unsigned sw, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Re-reads logging buffered from the store. */
void rlog_configure(struct router *r);
void rlog_show(struct router *r, struct strbuf *out);
void rlog_clear(struct router *r);
void rlog_free(struct router *r);

#endif
