/*
 * mob_view.h — what the show commands may know of the PMIPv6 engine.
 *
 * Each accessor fills a plain record from the live state: copies, never
 * pointers into the engine, so a record stays good after the engine moves
 * on (a show that streams a million bindings reads them over many turns of
 * the event loop).  Addresses are 0 when there is none; text is "" when
 * there is none.  The engine's own structs (mob.h) are private to
 * src/mobility; src/cmd/pmipv6-*.c build their show records from these.
 */
#ifndef PMIPSIM_MOB_VIEW_H
#define PMIPSIM_MOB_VIEW_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "codec.h"

struct mob;

#define MV_NAME 64
#define MV_NAI 256
#define MV_PATHS 16			/* roaming interfaces of a MAG */
#define MV_BINDS 256			/* bindings of one mobile node */
#define MV_PREFIX 56			/* "2001:db8::/64", NUL included */

/* counters kept per MAG and per LMA (show ... stats) */
struct mob_stats {
	uint64_t pbu_sent, pbu_retx, pbu_rcvd, pba_sent, pba_rcvd, pba_accepted, pba_rejected;
	uint64_t dereg_sent, dereg_rcvd;
	uint64_t hb_req_sent, hb_req_rcvd, hb_rsp_sent, hb_rsp_rcvd, hb_failures, hb_restarts;
	uint64_t bri_sent, bri_rcvd, bra_sent, bra_rcvd;
	uint64_t be_sent;		/* Binding Errors (unknown MH type) */
	uint64_t rejected[256];		/* PBAs sent (LMA) or received (MAG) by status */
	uint64_t drop_decode[PMIP_ERR_COUNT];	/* malformed, by reason */
	uint64_t drop_unexpected;	/* well formed, but not for us (wrong type, stray PBA) */
	uint64_t drop_unauthorized;	/* LMA: from a MAG it does not accept;
					 * MAG: not from its LMA */
	uint64_t drop_oversized;	/* larger than any Mobility Header */
};

/* ---- MAG ----------------------------------------------------------------- */

/* A roaming interface: one path to the LMA, one tunnel. */
struct mv_path {
	char ifname[48];
	char label[MV_NAME];
	uint8_t label_id;		/* RFC 8278 If-Label */
	uint8_t bid, att;
	int tunnel;			/* Tunnel N */
	struct in_addr coa;
	bool link_up;
	bool open;			/* its socket is bound (it has an address) */
	bool hb_ok;			/* heartbeats answered, or none missed yet */
	uint32_t hb_seq;
	int hb_missed;
	time_t hb_last_ok;		/* wall clock; 0: never */
	int bindings;			/* mobile nodes registered over it */
};

struct mv_mag {
	char name[MV_NAME], domain[MV_NAME];
	char lma_name[MV_NAME];
	struct in_addr lma;
	bool multipath, udp;
	bool hb_on;
	int hb_interval, hb_retries;
	bool lma_restart_known;
	uint32_t lma_restart;
	int npaths;
	struct mv_path path[MV_PATHS];
	int nmn;			/* mobile nodes it registers */
	int bindings;			/* registered paths, all its nodes */
	int paths_up;			/* open and answering heartbeats */
	struct mob_stats st;
};

/* A mobile node's binding over one path of its MAG. */
struct mv_mag_bind {
	const char *state;		/* UP, REGISTERING, DOWN, NO-ADDRESS, ... */
	bool registered;
	uint16_t seq;
	uint16_t lifetime;		/* granted */
	long long remaining;		/* seconds; 0 unless registered */
	time_t since;			/* wall clock of the registration */
	uint8_t status;			/* last PBA status */
};

struct mv_mag_mn {
	char nai[MV_NAI];
	char home_if[48];
	char mnets[160];		/* mobile network interfaces */
	struct in_addr hoa, dflt_rtr;
	uint8_t hoa_plen;
	bool multipath_ok;		/* the LMA took the multipath option */
	int registered;			/* paths registered */
	struct mv_mag_bind b[MV_PATHS];	/* by path of its MAG */
};

/* MAGs the engine runs, by configuration order: mv_mag(m, 0..mv_mags-1). */
int mv_mags(const struct mob *m);
bool mv_mag(const struct mob *m, int i, struct mv_mag *out);
/* The k-th mobile node of MAG i (0..nmn-1). */
bool mv_mag_mn(const struct mob *m, int i, int k, struct mv_mag_mn *out);

/* ---- LMA ----------------------------------------------------------------- */

struct mv_lma {
	char name[MV_NAME], domain[MV_NAME];
	struct in_addr addr;
	bool udp, hb_on;
	int hb_interval, hb_retries;
	uint32_t restart_counter;	/* the router's, sent in heartbeats */
	size_t bindings, mobile_nodes, peers, peers_up;
	struct mob_stats st;
};

/* A MAG path as the LMA sees it (a transport address), and its tunnel. */
struct mv_peer {
	struct in_addr addr;
	uint16_t port;
	char mag[MV_NAME];		/* MAG Identifier; "" when unknown */
	bool dead;
	uint32_t hb_seq, hb_missed;
	bool restart_known;
	uint32_t restart;
	uint32_t bindings;
	time_t last_ok;			/* wall clock; 0: never */
	int tunnel;
};

struct mv_lma_bind {
	uint8_t bid, att, label_id, hi;
	char label[MV_NAME];		/* the label's name, its number when the
					 * domain names none, "" without one */
	char mag[MV_NAME];
	struct in_addr coa;
	uint16_t port;
	const char *state;		/* UP, DOWN, DELETING */
	uint32_t lifetime;
	long long remaining;
	uint16_t seq;
	time_t created;
	int tunnel;
};

struct mv_lma_mn {
	char nai[MV_NAI];
	const char *state;		/* BCE_ACTIVE, BCE_DELETING */
	char network[MV_NAME];
	char hoa[MV_PREFIX], hnp[MV_PREFIX], mnp[MV_PREFIX];
	struct in_addr dflt_rtr;
	int nbind;
	struct mv_lma_bind b[MV_BINDS];	/* by binding id */
};

int mv_lmas(const struct mob *m);
bool mv_lma(const struct mob *m, int i, struct mv_lma *out);
/* Each MAG path of LMA i, in the order they came. */
void mv_lma_peers(const struct mob *m, int i, void (*fn)(void *arg, const struct mv_peer *p),
    void *arg);
/* Bindings LMA i holds for nai (every node when NULL). */
unsigned long mv_lma_bindings(const struct mob *m, int i, const char *nai);
/* The names of LMA i's mobile nodes (only nai, when given), sorted; free
 * with mv_free_nais.  The names stay good when the nodes go. */
char **mv_lma_nais(const struct mob *m, int i, const char *nai, size_t *n);
void mv_free_nais(char **v, size_t n);
/* The If-Label names of a domain (RFC 8278), label n at name[n - 1]: read
 * once per show, not once per binding. */
struct mv_labels {
	int n;
	char name[255][MV_NAME];
};
void mv_labels(const struct mob *m, const char *domain, struct mv_labels *out);
/* Mobile node nai of the LMA named lma, if it is still there; its labels
 * named from labels (numbers when NULL or not there). */
bool mv_lma_mn(const struct mob *m, const char *lma, const char *nai,
    const struct mv_labels *labels, struct mv_lma_mn *out);

/* ---- pools ---------------------------------------------------------------- */

/* Addresses of IPv4 pool name in [lo, hi] leased to mobile nodes. */
int64_t mv_pool_in_use(const struct mob *m, const char *name, int64_t lo, int64_t hi);

/* ---- what the commands do ------------------------------------------------- */

struct strbuf;
/* clear ipv6 mobile pmipv6 mag|lma binding [nai X]: how many it cleared
 * (the message for none in out) */
int mob_clear_bindings(struct mob *m, bool lma, const char *nai, struct strbuf *out);
/* clear ipv6 mobile pmipv6 mag|lma stats */
void mob_clear_stats(struct mob *m, bool lma);

/* ---- names --------------------------------------------------------------- */

const char *mob_att_name(uint8_t att);

#endif
