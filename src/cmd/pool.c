/*
 * pool.c — handlers of grammar/pool.cli: local address pools.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "mobility/mob_view.h"
#include "pool.h"
#include "router.h"
#include "store.h"

/* Largest range one ip local pool line may hold (the LMA's allocator keeps
 * a bit per address). */
#define POOL_MAX (1u << 24)

int
cmd_ip_local_pool(struct cmd_ctx *x, struct cmd_ip_local_pool_args *a)
{
	const char *lo = a->low.s, *hi = a->high.s;
	uint32_t first, last;
	sqlite3_stmt *s;
	int rc = CMD_OK;

	if (x->negate)
		return CMD_OK;
	cl_parse_ipv4(lo, strlen(lo), &first);
	last = first;
	if (hi)
		cl_parse_ipv4(hi, strlen(hi), &last);
	if (last < first) {
		sb_printf(x->out, "%%Bad IP range, %s-%s\n", lo, hi);
		return CMD_ERR;
	}
	if (last - first >= POOL_MAX) {
		sb_printf(x->out, "%%IP range too large, %s-%s (at most %u addresses)\n", lo, hi,
		    POOL_MAX);
		return CMD_ERR;
	}
	/* a range may not overlap a range of any pool, other than itself */
	s = store_prepare(x->r->run, "SELECT name FROM ip_local_pool WHERE low_n <= ? AND high_n >= ? "
	    "AND NOT (name = ? AND low = ?)");
	if (s == NULL)
		return CMD_ERR;
	sqlite3_bind_int64(s, 1, last);
	sqlite3_bind_int64(s, 2, first);
	sqlite3_bind_text(s, 3, a->name.s, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, lo, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW) {
		sb_printf(x->out, "%%IP address range overlaps with pool: %s\n",
		    (const char *)sqlite3_column_text(s, 0));
		rc = CMD_ERR;
	}
	sqlite3_reset(s);
	if (rc == CMD_OK) {
		cmd_set(x, a->low_n, "%u", first);
		cmd_set(x, a->high_n, "%u", last);
	}
	return rc;
}

int
cmd_ipv6_local_pool(struct cmd_ctx *x, struct cmd_ipv6_local_pool_args *a)
{
	const char *p = a->pfx.s, *sl;
	int plen, len;

	if (x->negate)
		return CMD_OK;
	sl = strchr(p, '/');
	plen = sl ? atoi(sl + 1) : 128;
	len = (int)a->len.n;
	if (len < plen)
		return cmd_bad(x, a->len);
	return CMD_OK;
}

/* Nothing hands addresses out until an LMA runs; its allocator keeps the
 * leases in the router's state and answers here. */
int64_t
pool_in_use(struct router *r, const char *name, int64_t lo, int64_t hi)
{
	return mv_pool_in_use(r->mob, name, lo, hi);
}
