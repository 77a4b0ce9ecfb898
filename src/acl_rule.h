/*
 * acl_rule.h — an access-list entry as numbers, for whoever matches packets.
 *
 * The store keeps an entry once, as its canonical text columns (what
 * show running-config prints); this is the same entry read as numbers, so
 * a classifier never parses a column and no column says a fact twice.
 */
#ifndef PMIPSIM_ACL_RULE_H
#define PMIPSIM_ACL_RULE_H

#include <stdbool.h>
#include <stdint.h>

struct acl_entry_row;

enum acl_action { ACL_PERMIT, ACL_DENY, ACL_REMARK };

/* A port test: the port is within [lo, hi], or, for neq, outside it. */
struct acl_ports {
	uint16_t lo, hi;
	bool neq;
};

struct acl_rule {
	enum acl_action action;
	int proto;			/* IP protocol number; -1 for "ip" (any) */
	uint32_t src, srcw;		/* address and wildcard, host order */
	uint32_t dst, dstw;		/* (a wildcard's set bits are ignored) */
	struct acl_ports sport, dport;	/* 0-65535 when the entry names none */
	bool established;
	int dscp;			/* -1: any */
	int icmp_type, icmp_code;	/* -1: any */
	const char *icmp_msg;		/* an IOS message name, or NULL */
	bool log;
};

/* Reads an entry; false when a column holds what the grammar never
 * writes (a store edited by hand). */
bool acl_rule_of(const struct acl_entry_row *e, struct acl_rule *r);

#endif
