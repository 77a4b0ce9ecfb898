/*
 * acl_rule.c — an access-list entry read as numbers (see acl_rule.h).
 */
#include <stdlib.h>
#include <string.h>

#include "acl_rule.h"
#include "cl.h"
#include "cl_gen.h"
#include "rows.h"

/* One side's address: any, host A, or A with wildcard W. */
static bool
addr_of(const char *any, const char *host, const char *addr, const char *wild, uint32_t *a,
    uint32_t *w)
{
	*a = 0;
	*w = 0xffffffffu;
	if (any != NULL)
		return true;
	if (host != NULL) {
		*w = 0;
		return cl_parse_ipv4(host, strlen(host), a);
	}
	if (addr == NULL)
		return true;	/* a standard list's destination */
	if (!cl_parse_ipv4(addr, strlen(addr), a))
		return false;
	*w = 0;
	return wild == NULL || cl_parse_ipv4(wild, strlen(wild), w);
}

/* A port as stored: its number, or its IOS name for the protocol. */
static int
port_of(const struct cl_values *names, const char *v)
{
	char *end;
	long n;

	if (v == NULL)
		return -1;
	if (v[0] >= '0' && v[0] <= '9') {
		n = strtol(v, &end, 10);
		return *end == '\0' && n <= 65535 ? (int)n : -1;
	}
	n = (long)cl_value_num(names, v);
	return n >= 0 && n <= 65535 ? (int)n : -1;
}

static bool
ports_of(const struct cl_values *names, const char *op, const char *port, const char *port2,
    struct acl_ports *p)
{
	int a, b;

	p->lo = 0;
	p->hi = 65535;
	p->neq = false;
	if (op == NULL)
		return true;
	if ((a = port_of(names, port)) < 0)
		return false;
	if (strcmp(op, "range") == 0) {
		if ((b = port_of(names, port2)) < a)
			return false;
		p->lo = (uint16_t)a;
		p->hi = (uint16_t)b;
	} else if (strcmp(op, "eq") == 0 || strcmp(op, "neq") == 0) {
		p->lo = p->hi = (uint16_t)a;
		p->neq = op[0] == 'n';
	} else if (strcmp(op, "lt") == 0 && a > 0)
		p->hi = (uint16_t)(a - 1);
	else if (strcmp(op, "gt") == 0 && a < 65535)
		p->lo = (uint16_t)(a + 1);
	else
		return false;
	return true;
}

bool
acl_rule_of(const struct acl_entry_row *e, struct acl_rule *r)
{
	const struct cl_values *names = NULL;

	memset(r, 0, sizeof(*r));
	r->proto = -1;
	r->dscp = e->has_dscp ? (int)e->dscp : -1;
	r->icmp_type = e->has_icmp_type ? (int)e->icmp_type : -1;
	r->icmp_code = e->has_icmp_code ? (int)e->icmp_code : -1;
	r->icmp_msg = e->icmp_msg;
	r->established = e->has_established && e->established;
	r->log = e->has_log && e->log;
	r->sport = r->dport = (struct acl_ports){ 0, 65535, false };
	if (strcmp(e->action, "remark") == 0) {
		r->action = ACL_REMARK;
		return true;
	}
	r->action = strcmp(e->action, "deny") == 0 ? ACL_DENY : ACL_PERMIT;
	if (e->proto != NULL && strcmp(e->proto, "ip") != 0) {
		char *end;
		long n = strtol(e->proto, &end, 10);

		if (*end != '\0' || end == e->proto)
			n = (long)cl_value_num(&cl_values_ip_protocol, e->proto);
		if (n < 0 || n > 255)
			return false;
		r->proto = (int)n;
	}
	if (!addr_of(e->src_any, e->src_host, e->src_addr, e->src_wild, &r->src, &r->srcw) ||
	    !addr_of(e->dst_any, e->dst_host, e->dst_addr, e->dst_wild, &r->dst, &r->dstw))
		return false;
	if (r->proto == 6)
		names = &cl_values_tcp_port;
	else if (r->proto == 17)
		names = &cl_values_udp_port;
	if (names == NULL)
		return e->src_op == NULL && e->dst_op == NULL;
	return ports_of(names, e->src_op, e->src_port, e->src_port2, &r->sport) &&
	    ports_of(names, e->dst_op, e->dst_port, e->dst_port2, &r->dport);
}
