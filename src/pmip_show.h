/*
 * pmip_show.h — every PMIPv6 show formatter, in one place, so that the
 * layouts (inferred, as no public capture of them exists) can be corrected
 * together.  Each prints text in IOS style or, with json, one JSON document
 * built from the same values.
 */
#ifndef PMIPSIM_PMIP_SHOW_H
#define PMIPSIM_PMIP_SHOW_H

#include <stdbool.h>

struct router;
struct strbuf;

/* show ipv6 mobile pmipv6 domain [name]: -1 (message in out) if name is
 * given and not configured. */
int pmip_show_domain(struct router *r, const char *name, bool json, struct strbuf *out);
/* show ipv6 mobile pmipv6 mobile-map [name] */
int pmip_show_mobile_map(struct router *r, const char *name, bool json, struct strbuf *out);
/* show ipv6 mobile pmipv6 mag globals */
void pmip_show_mag_globals(struct router *r, bool json, struct strbuf *out);
/* show ipv6 mobile pmipv6 lma globals */
void pmip_show_lma_globals(struct router *r, bool json, struct strbuf *out);
/* show ipv6 mobile pmipv6 mag|lma binding [nai X] [detail] */
void pmip_show_mag_binding(struct router *r, const char *nai, bool detail, bool json,
    struct strbuf *out);
void pmip_show_lma_binding(struct router *r, const char *nai, bool detail, bool json,
    struct strbuf *out);
/* show ipv6 mobile pmipv6 mag|lma stats, heartbeat, tunnel */
void pmip_show_stats(struct router *r, bool lma, bool json, struct strbuf *out);
void pmip_show_heartbeat(struct router *r, bool lma, bool json, struct strbuf *out);
void pmip_show_tunnel(struct router *r, bool lma, bool json, struct strbuf *out);

#endif
