/*
 * acl.h — access-list helpers shared by the ACL handlers, show commands and
 * (later) the packet classifier.
 */
#ifndef PMIPSIM_CMD_ACL_H
#define PMIPSIM_CMD_ACL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

struct strbuf;
struct router;

struct acl_name {
	const char *name;
	int num;
};

extern const struct acl_name acl_tcp_ports[], acl_udp_ports[], acl_protocols[];
extern const unsigned acl_ntcp_ports, acl_nudp_ports, acl_nprotocols;

/* The text of one entry without its sequence number: "permit tcp any host
 * 192.0.2.1 eq www", from its columns as get returns them (a row of
 * acl_entry, or the entry being typed).  show pads "deny" only in
 * standard lists; the running-config pads it always. */
typedef const char *(*acl_get_fn)(void *ctx, const char *col);
void acl_entry_text(acl_get_fn get, void *ctx, bool standard, bool config, struct strbuf *out);

/* Hit counters, kept by entry id: the classifier adds, show reads. */
void acl_hit_add(int64_t entry, uint64_t n);
uint64_t acl_hits(int64_t entry);
void acl_hits_clear(void);

/* show ip access-lists [name], as text or JSON */
void acl_show(struct router *r, const char *name, bool json, struct strbuf *out);

#endif
