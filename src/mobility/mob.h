/*
 * mob.h — the PMIPv6 engine: the MAG and LMA a router's configuration
 * describes, their sockets, bindings, heartbeats and counters.
 *
 * The engine reads its configuration from the store (never from text) when
 * the configuration changes, and diffs it against what runs: a new roaming
 * interface starts registering, a removed MAG deregisters.  Packets are
 * PMIPv6 signaling over IPv4/UDP port 5436 (RFC 5844), encoded and decoded
 * by codec.c.  Show commands read the engine through mob_view.h only.
 *
 * Files: mob.c (life cycle, configuration, state), mag.c, lma.c, alloc.c
 * (home address pools and their leases).
 */
#ifndef PMIPSIM_MOB_H
#define PMIPSIM_MOB_H

#include <netinet/in.h>
#include <sys/socket.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "codec.h"
#include "mob_view.h"

struct router;
struct event;
struct strbuf;

#define MOB_NAME 64
#define MOB_NAI 256
#define MOB_MAXPATHS 16
#define MOB_LIFETIME 3600		/* seconds a MAG asks for */
#define MOB_PEND_MAGS 64		/* MAGs a burst of changes rereads one by one */

/* Binding Errors are rate limited (RFC 6275 §9.3.3): a token bucket */
struct mob_be_limit {
	uint64_t at;			/* monotonic ms of the last refill */
	int tokens;
};
#define MOB_BE_PER_SEC 10

/* ---- MAG ----------------------------------------------------------------- */

enum mpath_state { PATH_DOWN, PATH_NO_ADDRESS, PATH_UP };
enum mbind_state { MB_IDLE, MB_WAIT, MB_REGISTERED, MB_DEREG, MB_FAILED };

struct mpath {
	char ifname[48];		/* IOS name of the roaming interface */
	char lname[16];			/* Linux name */
	int prio;
	uint8_t att;			/* Access Technology Type */
	char label[MOB_NAME];
	uint8_t label_num;		/* RFC 8278 If-Label */
	uint8_t bid;			/* binding id of this path */
	struct in_addr coa;		/* its address: the proxy care-of address */
	bool link_up;
	bool hb_ok;			/* heartbeats answered (or none yet missed) */
	int fd;
	struct event *ev;
	/* heartbeat towards the LMA */
	uint32_t hb_seq;
	int hb_missing;
	bool hb_outstanding;
	time_t hb_last_ok;		/* wall clock, for show */
	uint64_t alive_ms;		/* monotonic: last sign of life (answer, PBA, link up) */
	uint64_t hb_next;		/* monotonic ms: next heartbeat */
	int tunnel;			/* Tunnel N of show ... tunnel */
	bool seen;			/* config reload mark */
};

struct mbind {				/* one binding update list entry: MN x path */
	enum mbind_state state;
	uint16_t seq;
	uint16_t lifetime;		/* granted, seconds */
	int retx;
	uint64_t sent_ms, next_ms;	/* when sent; when to act next (retransmit/refresh) */
	time_t registered;		/* wall clock, for show */
	uint8_t status;			/* last PBA status */
};

struct mmn {				/* a mobile node the MAG registers */
	char nai[MOB_NAI];
	char home_if[48];
	char mnets[160];		/* its mobile network interfaces, ", " between */
	struct in_addr hoa;
	uint8_t hoa_plen;
	struct in_addr dflt_rtr;
	bool multipath_ok;		/* the LMA echoed the multipath option */
	struct mbind b[MOB_MAXPATHS];	/* by path index */
	bool seen;
};

struct mag {
	int64_t id;			/* its row (pmip_mag) */
	char name[MOB_NAME];
	char domain[MOB_NAME];
	char lma_name[MOB_NAME];
	struct in_addr lma;		/* where PBUs go; 0: no LMA address known */
	bool multipath, udp;
	bool hb_on;
	int hb_interval, hb_retries;
	long bce_max;
	struct mpath path[MOB_MAXPATHS];
	int npaths;
	struct mmn *mn;
	int nmn, capmn;
	uint32_t lma_restart;
	bool lma_restart_known;
	struct mob_be_limit be;
	struct mob_stats st;
	struct event *tick;
	bool seen;
};

/* ---- LMA ----------------------------------------------------------------- */

/* An address or prefix a node is given: IPv4 home address, IPv6 home
 * network prefix, mobile network prefix. */
struct mob_prefix {
	sa_family_t family;		/* 0: none */
	uint8_t plen;
	union {
		struct in_addr v4;
		struct in6_addr v6;
	} a;
};

struct lmn;

struct bce {				/* one binding: MN x path (binding id) */
	struct lmn *mn;
	struct bce *next_mn;		/* the MN's other bindings */
	struct bce *wnext, *wprev;	/* expiry wheel */
	struct lpeer *peer;		/* the MAG path it goes through */
	uint64_t last_ts;		/* last accepted timestamp (48.16) */
	time_t created, refreshed;	/* wall clock */
	uint32_t expires;		/* monotonic seconds */
	uint32_t lifetime;		/* seconds granted */
	uint16_t seq;
	uint8_t bid, att, label, hi;
	bool down;			/* its path stopped answering heartbeats */
	bool deleting;			/* deregistered: held MOB_BCE_DELETE_DELAY
					 * seconds for a new registration */
};

struct lmn {				/* a mobile node with at least one binding */
	struct lmn *next_hash;
	struct bce *bindings;
	const char *network;		/* interned */
	uint32_t hash;			/* of nai: lookups and rehashing need not
					 * read the name */
	int16_t hoa_pool, hnp_pool, mnp_pool;	/* -1: none */
	uint8_t nbind;
	bool deregistered;		/* lma_free_all: every binding was deleting */
	struct mob_prefix hoa, hnp, mnp;
	struct in_addr dflt_rtr;
	char nai[];			/* NUL-terminated, in the same block */
};

/* a MAG path as the LMA sees it: a transport address, watched by heartbeats;
 * also the tunnel its bindings use */
struct lpeer {
	struct lpeer *next_hash;
	struct lpeer *next, *prev;	/* all peers, for heartbeats */
	struct in_addr addr;
	uint16_t port;
	uint16_t hb_missing;
	uint32_t nbind;
	uint32_t hb_seq;
	bool hb_outstanding, dead, restart_known;
	uint32_t restart;
	uint64_t hb_next;		/* monotonic ms */
	uint64_t hb_due;		/* monotonic ms of its heartbeat wheel slot */
	struct lpeer *hbnext, *hbprev;	/* heartbeat wheel */
	time_t since, last_ok;		/* wall clock */
	uint64_t alive_ms;		/* monotonic: last sign of life (answer, PBU) */
	const char *mag_id;		/* interned: MAG Identifier, configured name, or "" */
	int tunnel;
	uint8_t att, label;
};

struct lnet {				/* network NAME under the LMA */
	char name[MOB_NAME];
	int v4pool, v6pool, mnp;	/* alloc pool indexes, -1 none */
	uint8_t v4plen;
	char v4name[MOB_NAME], v6name[MOB_NAME];
};

struct lprof {				/* nai entry of the LMA's domain */
	char *nai;
	char network[MOB_NAME];
	char lma[MOB_NAME];
};

struct lmagcfg {			/* a MAG the LMA accepts */
	char name[MOB_NAME];
	struct in_addr addr;
};

struct istr;
struct txq;

struct lma {
	struct mob *mob;
	bool stopping;			/* freeing on stop: leases stay */
	char name[MOB_NAME];
	char domain[MOB_NAME];
	struct in_addr addr;
	int fd;
	struct event *ev, *tick;
	bool multipath, dynamic_mag, hb_on, replay, udp;
	int hb_interval, hb_retries, replay_window;
	long bce_max;
	char default_profile[MOB_NAI];
	/* configuration caches, rebuilt by mob.c on every change */
	struct lnet *nets;
	int nnets;
	struct lprof *profs;		/* sorted by nai */
	int nprofs;
	struct lmagcfg *magcfg;
	int nmagcfg;
	/* state */
	struct lmn **mh;		/* nai -> MN */
	size_t mhsize, nmn, nbce;
	struct lpeer **ph;		/* (addr, port) -> peer */
	size_t phsize, npeer;
	struct lpeer *peers, *peers_tail;	/* in the order they came */
	struct bce **wheel;		/* expiry, by second modulo MOB_WHEEL */
	uint64_t wheel_at;		/* last second swept */
	struct lpeer **hbwheel;		/* paths by when their heartbeat (or their
					 * death) is due, in ticks */
	uint64_t hbwheel_at;		/* last tick swept */
	uint64_t hb_limit;		/* ms of silence that kill a path, as filed */
	struct istr **strtab;		/* interned strings, by hash */
	size_t strsize, nstr;
	struct txq *tx;
	uint16_t bri_seq;
	int next_tunnel;
	struct mob_be_limit be;
	struct mob_stats st;
	bool seen;
};

#define MOB_WHEEL 4096			/* seconds, more than any lifetime */
#define MOB_LIFETIME_MAX 3600		/* the longest lifetime an LMA grants */
#define MOB_BCE_DELETE_DELAY 10		/* MinDelayBeforeBCEDelete (RFC 5213 §9.1),
					 * seconds */

/* ---- the engine ---------------------------------------------------------- */

struct mob {
	struct router *r;
	struct mag **mags;
	int nmags;
	struct lma **lmas;
	int nlmas;
	uint32_t restart_counter;	/* ours, persisted, + 1 at every start */
	struct sqlite3 *state;		/* DIR/state.db: restart counter, leases */
	struct alloc *alloc;
	struct event *ev_reconf;
	bool tx_open;			/* a lease transaction is open */
	uint64_t gen;			/* bumped when an LMA binding or path changes
					 * (the data plane rebuilds its snapshot) */
	uint64_t pending;		/* tables changed, not taken in yet
					 * (ROWS_BIT of rows.h) */
	bool pend_all_mags;		/* ... concerning any MAG, or: */
	int64_t pend_mags[MOB_PEND_MAGS];	/* the MAGs (row ids) concerned */
	int npend_mags;
};

/* Starts the engine for r (state in r->dir).  NULL: no engine (--check). */
struct mob *mob_new(struct router *r);
/* Deregisters everything it can (best effort) and frees. */
void mob_free(struct mob *m);
/* The configuration changed: reread it, soon (once per burst). */
struct store_changes;
void mob_config_changed(struct router *r, const struct store_changes *c);
/* A reread still waiting, done now: what runs next sees the change. */
void mob_settle(struct router *r);
/* A roaming interface went up or down (from netlink). */
void mob_link_event(struct router *r, const char *lname, bool up);

/* Bindings held (MAG: registered paths of MNs; LMA: cache entries). */
unsigned long mob_bindings(const struct mob *m);


/* The labels of a domain in If-Label order (RFC 8278): those its mobile
 * maps name in set link-type, by map name, entry and preference, each once.
 * A MAG numbers its other labels after these. */
int mob_domain_labels(struct router *r, const char *domain, char (*labels)[MOB_NAME], int max);
/* The name of If-Label num in domain, or NULL. */
const char *mob_label_name(struct router *r, const char *domain, uint8_t num, char *buf, size_t sz);

/* Monotonic clock in milliseconds. */
uint64_t mob_now_ms(void);

/* ---- used between the engine's files ------------------------------------- */

int mag_open_path(struct mob *m, struct mag *g, struct mpath *p);
void mag_close_path(struct mob *m, struct mag *g, struct mpath *p);
void mag_tick(struct mob *m, struct mag *g);
void mag_start(struct mob *m, struct mag *g);
void mag_stop(struct mob *m, struct mag *g, bool dereg);
void mag_path_changed(struct mob *m, struct mag *g, struct mpath *p);
int lma_start(struct mob *m, struct lma *l);
void lma_stop(struct mob *m, struct lma *l);
/* Frees the LMA's state; release: give its leases back (the LMA is removed
 * from the configuration), else keep them for the next run (stop, reload). */
void lma_free_all(struct mob *m, struct lma *l, bool release);
int lma_clear(struct mob *m, struct lma *l, const char *nai);
/* The mobile node named nai, or NULL. */
struct lmn *lma_find_mn(struct lma *l, const char *nai);

/* Sends msg from fd to addr:port; counts and logs (debug packets). */
int mob_send(struct mob *m, int fd, const struct pmip_msg *msg, struct in_addr to, uint16_t port,
    const char *who);
/* Whether a Binding Error may go now (and counts it against the limit). */
bool mob_be_allowed(struct mob_be_limit *lim);
/* Debug line for a message ("sent PBU seq 3 to 203.0.113.1: ..."). */
void mob_debug_msg(struct mob *m, const char *who, const char *dir, const struct pmip_msg *msg,
    struct in_addr peer);
uint8_t mob_att_value(const char *name);

/* ---- home address pools (alloc.c) ---------------------------------------- */

struct alloc;
enum alloc_kind { ALLOC_V4, ALLOC_V6, ALLOC_MNP };

struct alloc *alloc_new(struct mob *m);
void alloc_free(struct alloc *a);
/* Rereads the pools from the configuration, keeping leases. */
void alloc_reconfigure(struct alloc *a);
/* The pool's handle, -1 when it is not configured.  ALLOC_V4 and ALLOC_V6
 * take the ip local pool's name, ALLOC_MNP the key of alloc_mnp_key. */
int alloc_find(struct alloc *a, enum alloc_kind kind, const char *name);
void alloc_mnp_key(const char *addr, int pplen, int nplen, char *key, size_t sz);
/* Leases a slot of pool to nai: what it held before a restart, else want
 * when that is free, else the next free one.  0, or -1 when exhausted. */
int alloc_lease(struct alloc *a, int pool, const char *nai, const struct mob_prefix *want,
    struct mob_prefix *out);
void alloc_release(struct alloc *a, int pool, const struct mob_prefix *p);
/* Marks a held lease again (after the pool's ranges changed). */
void alloc_mark(struct alloc *a, int pool, const struct mob_prefix *p);
bool alloc_contains(struct alloc *a, int pool, const struct mob_prefix *p);
/* Addresses of IPv4 pool name in [lo, hi] that are leased. */
int64_t alloc_in_use(struct alloc *a, const char *name, int64_t lo, int64_t hi);
void alloc_usage(struct alloc *a, int pool, uint64_t *size, uint64_t *used);
/* Makes the leases of this burst durable (called before answering). */
void alloc_commit(struct alloc *a);
/* Gives back the leases of the previous run nobody claimed in time. */
void alloc_sweep(struct alloc *a, uint64_t now_s);
/* The LMAs mark the leases they hold in pool again. */
void lma_mark_leases(struct mob *m, int pool);
const char *mob_prefix_str(const struct mob_prefix *p, char *buf, size_t sz, bool with_len);

#endif
