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

struct event_base;
struct store;
struct session;
struct iface_mgr;
struct mob;
struct slaresp;

TAILQ_HEAD(sessionq, session);

struct router {
	struct event_base *base;
	char *dir;
	char *sock_path;
	char *running_path;
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
	unsigned long bindings;		/* published by the mobility engine */
	struct sqlite3 *archive;	/* src/archive.c */
	struct rlog_state log;		/* src/rlog.c */
	unsigned debug;			/* DBG_* switches that are on */
	bool reloading;
	int listen_fd;
};

/* Bindings this router holds (MAG and LMA): what the mobility engine
 * publishes; configuration that may change only without bindings asks. */
unsigned long router_bindings(const struct router *r);

/* Refreshes the cached host name from the store. */
void router_load_hostname(struct router *r);
/* True when the running configuration differs from what was saved. */
bool router_modified(struct router *r);
/* Called after every configuration command that succeeded. */
void router_changed(struct router *r, const char *by);
/* The engines take in configuration changes once a burst of commands is
 * over; this makes them do it now, for a command that looks at them (a
 * show right after end, in a paste). */
void router_settle(struct router *r);
/* Restarts the daemon from the startup configuration (reload). */
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
