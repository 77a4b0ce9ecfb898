/*
 * pmipv6-out.h — the records of the PMIPv6 show commands, and the two
 * printers that print them: pmipv6-text.c (the IOS-style text) and
 * pmipv6-json.c (`| json`), after bgpctl's output.c / output_json.c.
 *
 * The show handlers in pmipv6-domain.c, pmipv6-mag.c and pmipv6-lma.c
 * build the records, from the row readers (rows.h: configuration) and the
 * engine's accessors (mobility/mob_view.h: live state), and hand each one
 * to the printer the command's pipe chose.  Neither printer reads the
 * store or the engine, and neither asks which form it prints: a field
 * added to a show is a member here and a line in each printer.
 *
 * The text layout is decided here (ios-reference.md §2.1 marks it
 * inferred): one record per object between dashed lines, "Key : value"
 * lines with the key padded to one column, sub-objects indented two
 * spaces, "(not defined)" after a reference to something not configured
 * (yet).  The JSON has the same fields, snake_case, with "defined": false
 * beside such references.
 */
#ifndef PMIPSIM_CMD_PMIPV6_OUT_H
#define PMIPSIM_CMD_PMIPV6_OUT_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "json.h"
#include "dataplane/dp.h"
#include "mobility/mob_view.h"
#include "rows.h"

struct strbuf;
struct cmd_ctx;

/* A name, and whether what it names is configured. */
struct pr_ref {
	const char *name;
	bool defined;
};

/* An LMA or MAG a domain lists, a MAG's LMA, an LMA's MAG. */
struct pr_peer {
	const char *what;		/* "LMA", "MAG" */
	const char *name, *domain, *ipv4, *ipv6;
	bool full;			/* a MAG's LMA, an LMA's MAG: with domain,
					 * encapsulation and SPI */
	const char *encap;
	bool has_spi;
	int64_t spi;
};

struct pr_map {				/* show ... mobile-map: one map */
	const char *name, *domain;
	const char **applied;		/* "MAG m1", "LMA l1" */
	int napplied;
};

struct pr_map_entry {
	int64_t seq;
	bool has_acl;
	struct pr_ref acl;
	struct pr_ref link[3];
	int nlinks;
	bool link_null;
	bool has_profile;
	struct pr_ref profile;
};

/* What show ... mag globals and lma globals share. */
struct pr_globals {
	bool lma;
	const char *name;
	struct pr_ref domain;
	const char *encap;		/* the domain's; NULL: GRE */
	const char *addr_v4, *addr_v6;
	bool multipath;
	bool hb;
	int64_t hb_interval, hb_retries;
	const char *hb_label;		/* LMA */
	bool hb_natreboot;		/* LMA */
	int64_t bce_max;
	bool has_map;
	struct pr_ref map;
	int64_t tunnel_mtu;
	bool has_acl;
	struct pr_ref acl;
	const char *egress_if;
};

struct pr_network {			/* network NAME of an LMA */
	const char *name;
	bool has_v4, has_v6;
	struct pr_ref pool_v4, pool_v6;
	int64_t plen_v4, plen_v6;
};

/* One show's output in progress. */
struct pout {
	const struct pmip_printer *p;
	struct strbuf *out;
	struct json j;
	int indent;
	bool detail;
	time_t now;
};

/* A flow of the data plane, with the name of its path's label. */
struct pr_flow {
	const struct dp_flow_view *f;
	const char *label;	/* "" when it has none (dropped) */
};

struct pmip_printer {
	/* the output as a whole (the JSON document) */
	void (*open)(struct pout *o);
	void (*close)(struct pout *o);
	/* a show of several records: a JSON array of them */
	void (*begin)(struct pout *o);
	void (*end)(struct pout *o);
	/* a top-level record (domain, mobile map, MAG, LMA) and its name */
	void (*record)(struct pout *o, const char *key, const char *label, const char *name);
	void (*end_record)(struct pout *o);
	/* a list inside a record: a JSON array; nothing in text */
	void (*list)(struct pout *o, const char *key);
	void (*end_list)(struct pout *o);
	/* the show asked for what (its name) and it is not configured:
	 * CMD_ERR with a message in text, CMD_OK (an empty list) in JSON */
	int (*missing)(struct pout *o, const char *what, const char *name);

	/* show ipv6 mobile pmipv6 domain */
	void (*domain)(struct pout *o, const struct pmip_domain_row *d);
	void (*peer)(struct pout *o, const struct pr_peer *p);
	void (*domain_nai)(struct pout *o, const struct domain_nai_row *n);
	void (*domain_map)(struct pout *o, const char *name, int64_t entries);
	/* show ipv6 mobile pmipv6 mobile-map */
	void (*map)(struct pout *o, const struct pr_map *m);
	void (*map_entry)(struct pout *o, const struct pr_map_entry *e);
	/* show ipv6 mobile pmipv6 mag|lma globals */
	void (*globals)(struct pout *o, const struct pr_globals *g);
	void (*roaming)(struct pout *o, const struct mag_roaming_row *r);
	void (*logical_mn)(struct pout *o, const char *nai, const char *home, const char *nets);
	void (*hybrid_access)(struct pout *o, bool on);
	void (*profile)(struct pout *o, const struct haccess_profile_row *p);
	void (*lma_globals)(struct pout *o, const struct pmip_lma_row *l);
	void (*network)(struct pout *o, const struct pr_network *n);
	void (*end_network)(struct pout *o);
	void (*mnet_pool)(struct pout *o, const struct lma_mnet_pool_row *p);
	void (*bindings)(struct pout *o, unsigned long n);
	/* show ipv6 mobile pmipv6 mag|lma binding: the total, then the nodes */
	void (*binding_total)(struct pout *o, unsigned long n);
	void (*mag_mn)(struct pout *o, const struct mv_mag *g, const struct mv_mag_mn *n);
	void (*lma_mn)(struct pout *o, const struct mv_lma *l, const struct mv_lma_mn *n);
	void (*binding_end)(struct pout *o, const char *nai, bool found);
	/* show ipv6 mobile pmipv6 mag|lma stats */
	void (*stats)(struct pout *o, bool lma, const char *domain, const struct mob_stats *st);
	/* ... and what the data plane dropped, by reason */
	void (*dp_drops)(struct pout *o, const uint64_t drops[DPD_NREASONS]);
	void (*mag_counts)(struct pout *o, const struct mv_mag *g);
	void (*lma_counts)(struct pout *o, const struct mv_lma *l);
	/* show ipv6 mobile pmipv6 mag|lma heartbeat */
	void (*mag_heartbeat)(struct pout *o, const struct mv_mag *g);
	void (*mag_hb_path)(struct pout *o, const struct mv_path *p);
	void (*lma_heartbeat)(struct pout *o, const struct mv_lma *l);
	void (*lma_hb_peer)(struct pout *o, const struct mv_peer *p);
	/* show ipv6 mobile pmipv6 mag|lma tunnel */
	/* show ipv6 mobile pmipv6 mag|lma flows: how many, then each */
	void (*flows)(struct pout *o, int n);
	void (*flow)(struct pout *o, const struct pr_flow *f);
	/* c: the tunnel's packets (the data plane's counters) */
	void (*mag_tunnel)(struct pout *o, const struct mv_mag *g, const struct mv_path *p,
	    const struct dp_tcount *c);
	void (*lma_tunnels)(struct pout *o, const struct mv_lma *l);
	void (*lma_tunnel)(struct pout *o, const struct mv_lma *l, const struct mv_peer *p,
	    const struct dp_tcount *c);
};

extern const struct pmip_printer pmip_text, pmip_json;

/* Starts the output of x's show into out (x->out when NULL), in the form
 * its pipe asks for. */
void pout_start(struct pout *o, struct cmd_ctx *x, struct strbuf *out);
/* Ends it: what the JSON still needs. */
void pout_finish(struct pout *o);
/* The output goes on into out (the next piece of a streaming show). */
void pout_retarget(struct pout *o, struct strbuf *out);

/* Text shared by the printers: "UDP tunnel" / "GRE IPv4". */
const char *pr_encap_text(const char *encap);

/* The columns a MAG's row and an LMA's row share (same names in both:
 * PR_NODE_COLS takes them from either), and the part of pr_globals made
 * from them (pmipv6-domain.c). */
struct pr_node_cols {
	const char *name, *domain, *address_v4, *address_v6, *mobile_map, *tunnel_acl, *egress_if;
	bool has_multipath, has_hb, has_hb_interval, has_hb_retries, has_bce_max, has_tunnel_mtu;
	int64_t hb_interval, hb_retries, bce_max, tunnel_mtu;
};
#define PR_NODE_COLS(r) ((struct pr_node_cols){ (r)->name, (r)->domain, (r)->address_v4, \
	(r)->address_v6, (r)->mobile_map, (r)->tunnel_acl, (r)->egress_if, (r)->has_multipath, \
	(r)->has_hb, (r)->has_hb_interval, (r)->has_hb_retries, (r)->has_bce_max, \
	(r)->has_tunnel_mtu, (r)->hb_interval, (r)->hb_retries, (r)->bce_max, (r)->tunnel_mtu })
struct store;
void pr_globals_fill(struct store *st, const struct pr_node_cols *c, struct pr_globals *v);
/* The data plane's flows, printed in o's current record; label names from
 * domain's numbering. */
struct router;
void pr_flows(struct pout *o, struct router *r, const char *domain);

/* Whether what a reference names is configured (pmipv6-domain.c). */
bool pr_acl_defined(struct store *st, const char *name);
bool pr_domain_defined(struct store *st, const char *name);
bool pr_map_defined(struct store *st, const char *domain, const char *name);

#endif
