/*
 * router.h — the state of one router (one pmipd): its configuration store,
 * its sessions, its interfaces, and the event loop they share.
 */
#ifndef PMIPSIM_ROUTER_H
#define PMIPSIM_ROUTER_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/queue.h>
#include <time.h>

#include "rlog.h"
#include "store.h"

struct event_base;
struct store;
struct session;
struct iface_mgr;
struct mob;
struct slaresp;

TAILQ_HEAD(sessionq, session);

/*
 * The layers: the store and the renderer at the bottom, the router
 * (this), then the engines (interfaces, PMIPv6, IP SLA responder), then
 * the sessions and the commands on top.  Calls go down only; what a lower
 * layer tells a higher one goes through these hooks, which the higher one
 * fills in when it starts.
 */

/* An engine as the router sees it; any hook may be NULL. */
struct router_engine {
	/* commands changed the configuration: these rows of these tables
	 * (take them in once a burst of commands is over) */
	void (*changed)(struct router *r, const struct store_changes *c);
	/* take in what changed now: a command is about to look */
	void (*settle)(struct router *r);
	/* kernel interface lname went up or down (from netlink) */
	void (*link)(struct router *r, const char *lname, bool up);
};

#define ROUTER_MAXENGINES 4

struct router {
	struct event_base *base;
	char *dir;
	char *sock_path;
	char *startup_path;
	char **argv;			/* for reload: the daemon executes itself again */
	struct store *run;		/* the running configuration */
	bool modified;			/* changed since saved or booted */
	bool check_only;		/* pmipd --check: touch nothing outside the store */
	bool booted_from_startup;	/* the startup-config was there at boot */
	time_t boot;			/* wall clock at boot */
	uint64_t boot_mono;		/* monotonic seconds at boot */
	time_t last_change;		/* 0: unchanged since boot */
	char last_change_by[32];
	time_t last_save;		/* 0: never saved in this boot */
	char hostname[64];		/* cached from the store */
	struct sessionq sessions;
	struct iface_mgr *ifm;
	struct mob *mob;		/* the PMIPv6 engine (src/mobility); NULL under --check */
	struct slaresp *sla;		/* the IP SLA responder; NULL under --check */
	struct dp *dp;			/* the data plane (src/dataplane); NULL under --check */
	unsigned long bindings;		/* published by the mobility engine */
	struct sqlite3 *archive;	/* src/archive.c */
	struct rlog_state log;		/* src/rlog.c */
	unsigned debug;			/* DBG_* switches that are on */
	bool reloading;
	int listen_fd;
	const struct router_engine *engines[ROUTER_MAXENGINES];
	int nengines;
	struct store_changes changes;	/* what router_changed last handed them */
	/* the sessions' hooks (src/session.c): a log line for the terminals
	 * that monitor (returns how many took it); is output still waiting
	 * for a shell to take it?  NULL: no sessions (tests, --check) */
	int (*monitor)(struct router *r, const char *line);
	bool (*output_waiting)(struct router *r);
};

/* Bindings this router holds (MAG and LMA): what the mobility engine
 * publishes; configuration that may change only without bindings asks. */
unsigned long router_bindings(const struct router *r);

/* Refreshes the cached host name from the store. */
void router_load_hostname(struct router *r);
/* True when the running configuration differs from what was saved. */
bool router_modified(struct router *r);
/* An engine starts to listen (up to ROUTER_MAXENGINES). */
void router_add_engine(struct router *r, const struct router_engine *e);
/* Called after every configuration command that succeeded: tells the
 * engines. */
void router_changed(struct router *r, const char *by);
/* The engines take in configuration changes once a burst of commands is
 * over; this makes them do it now, for a command that looks at them (a
 * show right after end, in a paste). */
void router_settle(struct router *r);
/* A kernel link went up or down: tells the engines. */
void router_link_changed(struct router *r, const char *lname, bool up);
/* The daemon starts again from the startup configuration once the event
 * loop ends (the caller closes the sessions). */
void router_reload(struct router *r);

/* Wall clock, or the frozen time in PMIPD_FAKE_TIME ("2026-01-01 12:00:00"),
 * so that transcripts with clocks in them are stable. */
time_t clock_now(void);
/* Milliseconds part for show clock (0 when frozen). */
int clock_msec(void);
/* IOS time formats: "12:00:00.000 UTC Thu Jan 1 2026" and friends. */
void clock_format_ios(time_t t, int msec, char *out, size_t outsz);
/* Monotonic seconds since boot, frozen at 0 under PMIPD_FAKE_TIME. */
uint64_t clock_uptime(const struct router *r);

#endif
