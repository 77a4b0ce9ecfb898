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

/* One entry's columns (NULL when absent), from a row of acl_entry or from
 * the entry being typed. */
struct acl_addr_view {
	const char *any, *host, *addr, *wild;
};
struct acl_port_view {
	const char *op, *port, *port2;
};
struct acl_entry_view {
	const char *action, *remark, *proto;
	struct acl_addr_view src, dst;
	struct acl_port_view srcp, dstp;
	const char *icmp_type, *icmp_code, *icmp_msg, *established, *dscp, *log;
};
/* The text of one entry without its sequence number: "permit tcp any host
 * 192.0.2.1 eq www".  show pads "deny" only in standard lists; the
 * running-config pads it always. */
void acl_entry_text(const struct acl_entry_view *e, bool standard, bool config, struct strbuf *out);

/* Hit counters, kept by entry id: the classifier adds, show reads. */
void acl_hit_add(int64_t entry, uint64_t n);
uint64_t acl_hits(int64_t entry);
void acl_hits_clear(void);

/* show ip access-lists [name] */
struct cmd_ctx;
int acl_show(struct cmd_ctx *x, const char *name);

#endif
