/*
 * interface.c — handlers of grammar/interface.cli: validation of interface
 * addresses as IOS does it, and applying each change to the kernel.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cl_gen.h"
#include "cmd.h"
#include "iface.h"
#include "router.h"
#include "session.h"
#include "store.h"

int
cmd_interface(struct cmd_ctx *x, struct cmd_interface_args *a)
{
	char key[128];

	if (x->negate)
		return CMD_OK;
	cl_ifname_sortkey(a->name.s, key, sizeof(key));
	cmd_set(x, a->sortkey, "%s", key);
	return CMD_OK;
}

int
cmd_description(struct cmd_ctx *x, struct cmd_description_args *a)
{
	const char *t = a->text.s;

	/* IOS keeps the first 240 characters */
	if (!x->negate && t && strlen(t) > 240)
		cmd_set(x, a->text, "%.240s", t);
	return CMD_OK;
}

static int
mask_len(uint32_t m)
{
	int n = 0;

	while (n < 32 && (m & (1u << (31 - n))))
		n++;
	return (n == 32 || (m << n) == 0) ? n : -1;
}

/* Does the subnet [lo, hi] overlap the IPv4 subnet of another interface?
 * Subnets never overlap each other, so sorted by their first address they
 * are sorted by their last one too: only the nearest one below can. */
static bool
overlaps(struct cmd_ctx *x, uint32_t lo, uint32_t hi, char *other, size_t othersz)
{
	sqlite3_stmt *s = store_prepare(x->r->run,
	    "SELECT name, ip_net_hi FROM interface WHERE ip_net_lo <= ? AND id <> ? "
	    "ORDER BY ip_net_lo DESC LIMIT 1");
	bool hit = false;

	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, hi);
	sqlite3_bind_int64(s, 2, x->cmd->kind == CL_K_SET ? x->obj : -1);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int64(s, 1) >= (int64_t)lo) {
		snprintf(other, othersz, "%s", (const char *)sqlite3_column_text(s, 0));
		hit = true;
	}
	sqlite3_reset(s);
	return hit;
}

int
cmd_ip_address(struct cmd_ctx *x, struct cmd_ip_address_args *a)
{
	const char *as = a->addr.s, *m = a->mask.s;
	uint32_t addr, mask, host;
	int len;
	char other[64];

	if (x->negate)
		return CMD_OK;
	cl_parse_ipv4(as, strlen(as), &addr);
	cl_parse_ipv4(m, strlen(m), &mask);
	len = mask_len(mask);
	if (len <= 0) {
		sb_printf(x->out, "Bad mask 0x%X for address %s\n", mask, as);
		return CMD_ERR;
	}
	host = addr & ~mask;
	if (len < 31 && (host == 0 || host == ~mask)) {
		sb_printf(x->out, "Bad mask /%d for address %s\n", len, as);
		return CMD_ERR;
	}
	if (overlaps(x, addr & mask, (addr & mask) | ~mask, other, sizeof(other))) {
		sb_printf(x->out, "%% %u.%u.%u.%u overlaps with %s\n", (addr & mask) >> 24,
		    (addr & mask) >> 16 & 255, (addr & mask) >> 8 & 255, addr & mask & 255, other);
		return CMD_ERR;
	}
	cmd_set(x, a->ip_net_lo, "%u", addr & mask);
	cmd_set(x, a->ip_net_hi, "%u", (addr & mask) | ~mask);
	return CMD_OK;
}

int
cmd_ipv6_address(struct cmd_ctx *x, struct cmd_ipv6_address_args *a)
{
	const char *p = a->pfx.s;
	uint8_t in6[16];
	const char *sl;

	if (x->negate || p == NULL)
		return CMD_OK;
	sl = strchr(p, '/');
	if (sl == NULL || !cl_parse_ipv6(p, (size_t)(sl - p), in6))
		return cmd_bad(x, a->pfx);
	if (in6[0] == 0xff) {
		sb_adds(x->out, "% Multicast addresses are not allowed on an interface\n");
		return CMD_ERR;
	}
	return CMD_OK;
}

static void
copy_name(char *out, size_t outsz, const char *name)
{
	size_t n = strnlen(name, outsz - 1);

	memcpy(out, name, n);
	out[n] = '\0';
}

/* The name of the interface row a config-if command edits.  The commands
 * of one interface follow its interface command, which knows both id and
 * name: remembered there, so that they need not ask the store.  A row
 * keeps its name as long as it lives; the memo is forgotten when an
 * interface is deleted (its id may come back for another name) and when
 * the store's epoch moves (rollback, load, another store). */
static struct {
	struct store *st;
	uint64_t epoch;
	int64_t id;
	char name[64];
} name_memo;

static void
iface_name(struct cmd_ctx *x, char *name, size_t namesz)
{
	struct store_stamp now;
	sqlite3_stmt *s;

	name[0] = '\0';
	store_stamp(x->r->run, &now);
	if (name_memo.st == x->r->run && name_memo.epoch == now.epoch && name_memo.id == x->obj) {
		copy_name(name, namesz, name_memo.name);
		return;
	}
	if ((s = store_prepare(x->r->run, "SELECT name FROM interface WHERE id=?")) == NULL)
		return;
	sqlite3_bind_int64(s, 1, x->obj);
	if (sqlite3_step(s) == SQLITE_ROW)
		copy_name(name, namesz, (const char *)sqlite3_column_text(s, 0));
	sqlite3_reset(s);
}

/* After any interface command: apply the interface's configuration. */
void
cmd_iface_changed(struct cmd_ctx *x, struct cmd_iface_changed_args *a)
{
	char name[64] = "";
	const char *n = a->name.s;

	if (x->r->check_only)
		return;
	if (n != NULL && x->cmd->kind == CL_K_ENTER) {
		copy_name(name, sizeof(name), n);
		if (x->negate)
			name_memo.st = NULL;
		else {
			struct store_stamp now;

			store_stamp(x->r->run, &now);
			name_memo.st = x->r->run;
			name_memo.epoch = now.epoch;
			name_memo.id = x->newobj;
			copy_name(name_memo.name, sizeof(name_memo.name), n);
		}
	} else
		iface_name(x, name, sizeof(name));
	if (name[0] == '\0')
		return;
	if (a->addr.slot >= 0 && !x->negate)
		iface_note_method(x->r, name, x->s != NULL);
	iface_sync(x->r, name);
	/* static routes through it may be possible (or impossible) now */
	iface_routes_touch(x->r);
}
