/*
 * test_store.c — the configuration store and show running-config, through
 * the code paths a startup configuration takes (config_load_text and
 * render_config), on routers that touch nothing outside an in-memory store.
 *
 * What is checked: what the grammar's store actions (SET, ROW, ENTER) do to
 * the tables, with their no and default forms; that a failing line changes
 * nothing and is reported as NAME:LINE; the exact running-config text; and,
 * for every configuration command of the grammar, that the rendered
 * configuration loads back to the same store (tests/unit/roundtrip.cfg).
 */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cfgload.h"
#include "cl.h"
#include "cl_gen.h"
#include "exec.h"
#include "render.h"
#include "router.h"
#include "rows.h"
#include "store.h"
#include "strbuf.h"
#include "testrouter.h"

/* ---- canonical dump of a whole store ------------------------------------- */

/*
 * Every row of every table, as text, with the row id left out and each
 * foreign key (parent) replaced by the canonical text of the row it points
 * to, so that two stores that hold the same configuration dump the same
 * whatever ids their rows got.  Lines are sorted.
 */
static void dump_row(sqlite3 *db, const char *table, const char *col, sqlite3_value *key,
    struct strbuf *out, int depth);

static void
dump_value(sqlite3_stmt *s, int i, struct strbuf *out)
{
	switch (sqlite3_column_type(s, i)) {
	case SQLITE_NULL:
		sb_adds(out, "NULL");
		break;
	case SQLITE_INTEGER:
		sb_printf(out, "%lld", (long long)sqlite3_column_int64(s, i));
		break;
	case SQLITE_FLOAT:
		sb_printf(out, "%.17g", sqlite3_column_double(s, i));
		break;
	default:
		sb_printf(out, "'%s'", (const char *)sqlite3_column_text(s, i));
		break;
	}
}

/* The table and column that a column of table refers to (*refcol NULL:
 * the referenced table's primary key), or false.  Caller frees. */
static bool
fk_target(sqlite3 *db, const char *table, const char *col, char **reftable, char **refcol)
{
	char sql[256];
	sqlite3_stmt *s;
	bool found = false;

	snprintf(sql, sizeof(sql), "PRAGMA foreign_key_list(\"%s\")", table);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	while (!found && sqlite3_step(s) == SQLITE_ROW)
		if (strcmp((const char *)sqlite3_column_text(s, 3), col) == 0) {
			*reftable = strdup((const char *)sqlite3_column_text(s, 2));
			*refcol = sqlite3_column_type(s, 4) == SQLITE_NULL ? NULL :
			    strdup((const char *)sqlite3_column_text(s, 4));
			found = true;
		}
	sqlite3_finalize(s);
	return found;
}

/* Name of the INTEGER PRIMARY KEY column of table (the row id), or NULL. */
static char *
rowid_col(sqlite3 *db, const char *table)
{
	char sql[256];
	sqlite3_stmt *s;
	char *c = NULL;
	int npk = 0;

	snprintf(sql, sizeof(sql), "PRAGMA table_info(\"%s\")", table);
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	while (sqlite3_step(s) == SQLITE_ROW)
		if (sqlite3_column_int(s, 5) > 0) {
			npk++;
			if (strcasecmp((const char *)sqlite3_column_text(s, 2), "INTEGER") == 0) {
				free(c);
				c = strdup((const char *)sqlite3_column_text(s, 1));
			}
		}
	sqlite3_finalize(s);
	if (npk != 1) {
		free(c);
		c = NULL;
	}
	return c;
}

/* The current row of s (a SELECT * of table) in canonical form. */
static void
dump_current(sqlite3 *db, const char *table, sqlite3_stmt *s, struct strbuf *out, int depth)
{
	char *idcol = rowid_col(db, table);

	cr_assert_lt(depth, 16, "foreign keys loop at table %s", table);
	sb_printf(out, "%s(", table);
	for (int i = 0, n = 0; i < sqlite3_column_count(s); i++) {
		const char *col = sqlite3_column_name(s, i);
		char *ref, *refcol;

		if (idcol && strcmp(col, idcol) == 0)
			continue;
		sb_printf(out, "%s%s=", n++ ? ", " : "", col);
		if (sqlite3_column_type(s, i) != SQLITE_NULL &&
		    fk_target(db, table, col, &ref, &refcol)) {
			dump_row(db, ref, refcol, sqlite3_column_value(s, i), out, depth + 1);
			free(ref);
			free(refcol);
		} else
			dump_value(s, i, out);
	}
	sb_addc(out, ')');
	free(idcol);
}

static void
dump_row(sqlite3 *db, const char *table, const char *col, sqlite3_value *key, struct strbuf *out,
    int depth)
{
	char sql[512];
	sqlite3_stmt *s;

	/* a foreign key without a column names the primary key: here always
	 * the row id (INTEGER PRIMARY KEY) */
	snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\" WHERE \"%s\"=?", table, col ? col : "rowid");
	cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK, "%s", sql);
	sqlite3_bind_value(s, 1, key);
	if (sqlite3_step(s) == SQLITE_ROW)
		dump_current(db, table, s, out, depth);
	else
		sb_printf(out, "%s(#dangling %s)", table, (const char *)sqlite3_value_text(key));
	sqlite3_finalize(s);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted canonical lines of every table of the store.  Caller frees. */
static char *
dump_store(struct router *r)
{
	sqlite3 *db = store_db(r->run);
	sqlite3_stmt *t;
	char **lines = NULL;
	size_t n = 0, cap = 0;
	struct strbuf out = STRBUF_INIT;

	cr_assert_eq(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type='table' "
	    "AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &t, NULL), SQLITE_OK);
	while (sqlite3_step(t) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(t, 0);
		char sql[256];
		sqlite3_stmt *s;

		snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"", table);
		cr_assert_eq(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			struct strbuf l = STRBUF_INIT;

			dump_current(db, table, s, &l, 0);
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				lines = realloc(lines, cap * sizeof(*lines));
				cr_assert_not_null(lines);
			}
			sb_addc(&l, '\0');
			lines[n++] = sb_detach(&l);
		}
		sqlite3_finalize(s);
	}
	sqlite3_finalize(t);
	qsort(lines, n, sizeof(*lines), cmp_str);
	for (size_t i = 0; i < n; i++) {
		sb_printf(&out, "%s\n", lines[i]);
		free(lines[i]);
	}
	free(lines);
	sb_addc(&out, '\0');
	return sb_detach(&out);
}

/* ---- SET: columns of the mode's object ------------------------------------ */

Test(store_set, hostname_no_default)
{
	struct router r;

	router_init(&r);
	load_ok(&r, "hostname R1\n");
	cr_assert_str_eq(q(&r, "SELECT hostname FROM system"), "R1");
	cr_assert_str_eq(r.hostname, "R1");
	load_ok(&r, "no hostname\n");
	cr_assert_str_eq(q(&r, "SELECT hostname FROM system"), "NULL");
	cr_assert_str_eq(r.hostname, "Router");
	load_ok(&r, "hostname R2\ndefault hostname\n");
	cr_assert_str_eq(q(&r, "SELECT hostname FROM system"), "NULL");
	/* the factory name is not stored */
	load_ok(&r, "hostname Router\n");
	cr_assert_str_eq(q(&r, "SELECT hostname FROM system"), "NULL");
	/* a no form needs no argument, and accepts one */
	load_ok(&r, "hostname R3\nno hostname R3\n");
	cr_assert_str_eq(q(&r, "SELECT hostname FROM system"), "NULL");
	cr_assert_str_eq(q(&r, "SELECT count(*) FROM system"), "1");
	router_fini(&r);
}

Test(store_set, enable_secret_is_hashed)
{
	struct router r;
	const char *h;

	router_init(&r);
	load_ok(&r, "enable secret 0 two words\n");
	cr_assert_str_eq(q(&r, "SELECT enable_secret_type FROM system"), "5");
	h = q(&r, "SELECT enable_secret FROM system");
	cr_assert(strncmp(h, "$1$", 3) == 0 && strlen(h) == 30, "not an MD5-crypt hash: %s", h);
	load_ok(&r, "enable secret plain\n");
	cr_assert_str_eq(q(&r, "SELECT enable_secret_type FROM system"), "5");
	load_ok(&r, "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n");
	cr_assert_str_eq(q(&r, "SELECT enable_secret FROM system"), "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0");
	load_ok(&r, "no enable secret\n");
	cr_assert_str_eq(q(&r, "SELECT enable_secret_type FROM system"), "NULL");
	cr_assert_str_eq(q(&r, "SELECT enable_secret FROM system"), "NULL");
	router_fini(&r);
}

Test(store_set, interface_columns)
{
	struct router r;
	char *t;

	router_init(&r);
	load_ok(&r,
	    "interface Ethernet0/1\n"
	    " description to the LMA\n"
	    " ip address 192.0.2.1 255.255.255.0\n"
	    " shutdown\n");
	t = rows(&r, "SELECT name, sortkey IS NOT NULL, description, ip_address, ip_mask, ip_net_lo, "
	    "ip_net_hi, shutdown FROM interface");
	cr_assert_str_eq(t, "Ethernet0/1|1|to the LMA|192.0.2.1|255.255.255.0|3221225984|3221226239|1\n");
	free(t);
	load_ok(&r,
	    "interface Ethernet0/1\n"
	    " no description\n"
	    " default shutdown\n"
	    " ip address 192.0.2.5 255.255.255.128\n");
	t = rows(&r, "SELECT description, ip_address, ip_mask, ip_net_lo, ip_net_hi, shutdown "
	    "FROM interface");
	cr_assert_str_eq(t, "NULL|192.0.2.5|255.255.255.128|3221225984|3221226111|NULL\n");
	free(t);
	load_ok(&r, "interface Ethernet0/1\n shutdown\n no shutdown\n no ip address\n");
	t = rows(&r, "SELECT description, ip_address, ip_mask, ip_net_lo, ip_net_hi, shutdown "
	    "FROM interface");
	cr_assert_str_eq(t, "NULL|NULL|NULL|NULL|NULL|NULL\n");
	free(t);
	router_fini(&r);
}

Test(store_set, sla_responder_flag)
{
	struct router r;

	router_init(&r);
	load_ok(&r, "ip sla responder\n");
	cr_assert_str_eq(q(&r, "SELECT ip_sla_responder FROM system"), "1");
	load_ok(&r, "no ip sla responder\n");
	cr_assert_str_eq(q(&r, "SELECT ip_sla_responder FROM system"), "NULL");
	router_fini(&r);
}

/* ---- ROW: rows of a child table -------------------------------------------- */

Test(store_row, ipv6_addresses_of_an_interface)
{
	struct router r;
	char *t;

	router_init(&r);
	load_ok(&r,
	    "interface Ethernet0/1\n"
	    " ipv6 address 2001:db8:1::1/64\n"
	    " ipv6 address 2001:db8:2::1/64\n"
	    " ipv6 address 2001:DB8:1:0::1/64\n"	/* the same prefix again */
	    "interface Ethernet0/2\n"
	    " ipv6 address 2001:db8:1::1/64\n");	/* same prefix, other parent */
	t = rows(&r, "SELECT i.name, v.prefix FROM interface_ipv6 v JOIN interface i ON i.id = v.parent "
	    "ORDER BY i.name, v.prefix");
	cr_assert_str_eq(t,
	    "Ethernet0/1|2001:DB8:1::1/64\n"
	    "Ethernet0/1|2001:DB8:2::1/64\n"
	    "Ethernet0/2|2001:DB8:1::1/64\n");
	free(t);
	load_ok(&r, "interface Ethernet0/1\n no ipv6 address 2001:db8:1::1/64\n");
	t = rows(&r, "SELECT i.name, v.prefix FROM interface_ipv6 v JOIN interface i ON i.id = v.parent "
	    "ORDER BY i.name, v.prefix");
	cr_assert_str_eq(t, "Ethernet0/1|2001:DB8:2::1/64\nEthernet0/2|2001:DB8:1::1/64\n");
	free(t);
	/* without its key, the no form removes every row of that object */
	load_ok(&r, "interface Ethernet0/1\n no ipv6 address\n");
	t = rows(&r, "SELECT i.name, v.prefix FROM interface_ipv6 v JOIN interface i ON i.id = v.parent");
	cr_assert_str_eq(t, "Ethernet0/2|2001:DB8:1::1/64\n");
	free(t);
	router_fini(&r);
}

Test(store_row, ip_local_pool_add_replace_delete)
{
	struct router r;
	char *t;

	router_init(&r);
	load_ok(&r,
	    "ip local pool P 192.0.2.10 192.0.2.20\n"
	    "ip local pool P 192.0.2.30\n"
	    "ip local pool Q 198.51.100.1 198.51.100.9\n");
	t = rows(&r, "SELECT name, low, high, low_n, high_n FROM ip_local_pool ORDER BY name, low_n");
	cr_assert_str_eq(t,
	    "P|192.0.2.10|192.0.2.20|3221225994|3221226004\n"
	    "P|192.0.2.30|NULL|3221226014|3221226014\n"
	    "Q|198.51.100.1|198.51.100.9|3325256705|3325256713\n");
	free(t);
	/* the same key (name, low) replaces the range */
	load_ok(&r, "ip local pool P 192.0.2.10 192.0.2.25\n");
	t = rows(&r, "SELECT name, low, high, high_n FROM ip_local_pool WHERE name='P' ORDER BY low_n");
	cr_assert_str_eq(t, "P|192.0.2.10|192.0.2.25|3221226009\nP|192.0.2.30|NULL|3221226014\n");
	free(t);
	/* all keys: one range goes */
	load_ok(&r, "no ip local pool P 192.0.2.30\n");
	t = rows(&r, "SELECT name, low FROM ip_local_pool ORDER BY name, low_n");
	cr_assert_str_eq(t, "P|192.0.2.10\nQ|198.51.100.1\n");
	free(t);
	/* the optional key left out: the whole pool goes */
	load_ok(&r, "ip local pool P 192.0.2.40 192.0.2.41\nno ip local pool P\n");
	t = rows(&r, "SELECT name, low FROM ip_local_pool ORDER BY name, low_n");
	cr_assert_str_eq(t, "Q|198.51.100.1\n");
	free(t);
	/* removing what is not there is no error */
	load_ok(&r, "no ip local pool NOPE\n");
	router_fini(&r);
}

Test(store_row, ipv6_local_pool_and_sla_ports)
{
	struct router r;
	char *t;

	router_init(&r);
	load_ok(&r,
	    "ipv6 local pool V6 2001:db8:100::/40 48\n"
	    "ipv6 local pool V6 2001:db8:200::/40 56\n"	/* same name: replaced */
	    "ipv6 local pool W6 2001:db8:300::/48 64\n"
	    "ip sla responder udp-echo ipaddress 192.0.2.1 port 5000\n"
	    "ip sla responder udp-echo ipaddress 192.0.2.1 port 5001\n"
	    "ip sla responder udp-echo ipaddress 192.0.2.1 port 5000\n");
	t = rows(&r, "SELECT name, prefix, assigned_len FROM ipv6_local_pool ORDER BY name");
	cr_assert_str_eq(t, "V6|2001:DB8:200::/40|56\nW6|2001:DB8:300::/48|64\n");
	free(t);
	t = rows(&r, "SELECT addr, port FROM sla_udp_echo ORDER BY port");
	cr_assert_str_eq(t, "192.0.2.1|5000\n192.0.2.1|5001\n");
	free(t);
	load_ok(&r,
	    "no ipv6 local pool V6\n"
	    "no ip sla responder udp-echo ipaddress 192.0.2.1 port 5000\n");
	t = rows(&r, "SELECT name FROM ipv6_local_pool");
	cr_assert_str_eq(t, "W6\n");
	free(t);
	t = rows(&r, "SELECT addr, port FROM sla_udp_echo");
	cr_assert_str_eq(t, "192.0.2.1|5001\n");
	free(t);
	router_fini(&r);
}

/* ---- ENTER: objects and their modes ---------------------------------------- */

Test(store_enter, create_reenter_no_cascades)
{
	struct router r;
	char *t, *id1;

	router_init(&r);
	load_ok(&r,
	    "interface Ethernet0/1\n"
	    " description first\n"
	    " ipv6 address 2001:db8:1::1/64\n"
	    " ipv6 address 2001:db8:2::1/64\n"
	    "interface Ethernet0/2\n"
	    " ipv6 address 2001:db8:3::1/64\n"
	    "ip access-list extended E\n"
	    " permit ip any any\n"
	    " deny ip any any\n"
	    "ip access-list standard S\n"
	    " permit any\n");
	id1 = strdup(q(&r, "SELECT id FROM interface WHERE name='Ethernet0/1'"));
	/* re-entering finds the same object and keeps what it holds */
	load_ok(&r, "interface ethernet 0/1\n ipv6 address 2001:db8:4::1/64\n");
	cr_assert_str_eq(q(&r, "SELECT count(*) FROM interface"), "2");
	cr_assert_str_eq(q(&r, "SELECT id FROM interface WHERE name='Ethernet0/1'"), id1);
	cr_assert_str_eq(q(&r, "SELECT description FROM interface WHERE name='Ethernet0/1'"), "first");
	cr_assert_str_eq(q(&r, "SELECT count(*) FROM interface_ipv6"), "4");
	/* no deletes the object and its rows, nothing else */
	load_ok(&r, "no interface Ethernet0/1\n");
	t = rows(&r, "SELECT i.name, v.prefix FROM interface i LEFT JOIN interface_ipv6 v "
	    "ON v.parent = i.id ORDER BY i.name");
	cr_assert_str_eq(t, "Ethernet0/2|2001:DB8:3::1/64\n");
	free(t);
	cr_assert_str_eq(q(&r, "SELECT count(*) FROM interface_ipv6"), "1");
	load_ok(&r, "no ip access-list extended E\n");
	t = rows(&r, "SELECT a.name, a.type, e.seq FROM acl a LEFT JOIN acl_entry e ON e.parent = a.id");
	cr_assert_str_eq(t, "S|standard|10\n");
	free(t);
	cr_assert_str_eq(q(&r, "SELECT count(*) FROM acl_entry"), "1");
	/* a list of the other type with the same name: refused, nothing changes */
	{
		char *e = load_named(&r, "cfg", "ip access-list extended S\n permit ip any any\n");

		cr_assert_str_eq(e,
		    "cfg:1: A named standard IP access list with this name already exists\n"
		    "cfg:2: invalid input at \"permit\" (column 2)\n");
		free(e);
	}
	cr_assert_str_eq(q(&r, "SELECT group_concat(type) FROM acl"), "standard");
	cr_assert_str_eq(q(&r, "SELECT count(*) FROM acl_entry"), "1");
	free(id1);
	router_fini(&r);
}

Test(store_enter, exit_and_parent_commands_leave_the_block)
{
	struct router r;
	char *e;

	router_init(&r);
	/* a global command inside a block runs globally and ends the block:
	 * the description after it is then not an interface command */
	e = load_named(&r, "f.cfg",
	    "interface Ethernet0/1\n"
	    " description one\n"
	    "hostname R9\n"
	    " description two\n"
	    "interface Ethernet0/2\n"
	    " exit\n"
	    " description three\n"
	    "interface Ethernet0/3\n"
	    " end\n"
	    "hostname NOT-LOADED\n");
	cr_assert_str_eq(e,
	    "f.cfg:4: invalid input at \"description\" (column 2)\n"
	    "f.cfg:7: invalid input at \"description\" (column 2)\n");
	free(e);
	cr_assert_str_eq(q(&r, "SELECT hostname FROM system"), "R9");
	cr_assert_str_eq(q(&r, "SELECT group_concat(name || '=' || ifnull(description, '-'), ' ') "
	    "FROM (SELECT * FROM interface ORDER BY sortkey)"),
	    "Ethernet0/1=one Ethernet0/2=- Ethernet0/3=-");
	router_fini(&r);
}

/* ---- failing lines ------------------------------------------------------- */

Test(store_errors, failing_line_changes_nothing)
{
	struct router r;
	char *before, *after, *e;
	static const char good[] =
	    "hostname R1\n"
	    "interface Ethernet0/1\n"
	    " ip address 192.0.2.1 255.255.255.0\n"
	    "interface Ethernet0/2\n"
	    " ip address 198.51.100.1 255.255.255.0\n"
	    "ip access-list standard S\n"
	    " permit 192.0.2.0 0.0.0.255\n"
	    " 20 deny any\n"
	    "ip local pool P 203.0.113.10 203.0.113.20\n";

	router_init(&r);
	load_ok(&r, good);
	before = dump_store(&r);
	e = load_named(&r, "bad.cfg",
	    "interface Ethernet0/1\n"
	    " ip address 192.0.2.1 255.0.255.0\n"		/* not a mask */
	    " ip address 192.0.2.0 255.255.255.0\n"		/* the subnet itself */
	    " ip address 198.51.100.9 255.255.255.0\n"	/* overlaps Ethernet0/2 */
	    "ip access-list standard S\n"
	    " 20 permit host 192.0.2.99\n"			/* sequence number taken */
	    "ip local pool Q 203.0.113.15 203.0.113.30\n"	/* overlaps P */
	    "ip local pool Q 203.0.113.30 203.0.113.29\n"	/* backwards */
	    "ipv6 local pool V 2001:db8::/48 32\n"		/* length shorter than prefix */
	    "hostname 1abc\n"
	    "enable secret 5 not-a-hash\n"
	    "ip access-list extended S\n");
	cr_assert_str_eq(e,
	    "bad.cfg:2: Bad mask 0xFF00FF00 for address 192.0.2.1\n"
	    "bad.cfg:3: Bad mask /24 for address 192.0.2.0\n"
	    "bad.cfg:4: 198.51.100.0 overlaps with Ethernet0/2\n"
	    "bad.cfg:6: Duplicate sequence number\n"
	    "bad.cfg:7: %IP address range overlaps with pool: P\n"
	    "bad.cfg:8: %Bad IP range, 203.0.113.30-203.0.113.29\n"
	    "bad.cfg:9: invalid input at \"32\" (column 33)\n"
	    "bad.cfg:10: Hostname must start with a letter.\n"
	    "bad.cfg:11: ERROR: The secret you entered is not a valid encrypted secret.\n"
	    "bad.cfg:12: A named standard IP access list with this name already exists\n");
	free(e);
	after = dump_store(&r);
	cr_assert_str_eq(after, before);
	free(before);
	free(after);
	router_fini(&r);
}

Test(store_errors, the_lines_around_still_load)
{
	struct router r;
	char *e, *t;

	router_init(&r);
	e = load_named(&r, "startup-config",
	    "! a comment\n"
	    "\n"
	    "interface Ethernet0/1\r\n"
	    " ip address 192.0.2.1 255.0.255.0\r\n"
	    " description still in the interface\n"
	    " ipv6 address 2001:db8::1/129\n"
	    " ipv6 address 2001:db8::1/64\n"
	    "hostnme R1\n"
	    "ip access-list standard S\n"
	    " permit any\n"
	    " 10 permit host 192.0.2.1\n"
	    " permit host 192.0.2.2\n"
	    "interface\n"
	    "i\n"
	    "ip sla responder udp-echo ipaddress 192.0.2.1 port 0\n"
	    "ip sla responder");	/* no line end at the end of the file */
	cr_assert_str_eq(e,
	    "startup-config:4: Bad mask 0xFF00FF00 for address 192.0.2.1\n"
	    "startup-config:6: invalid input at \"2001:db8::1/129\" (column 15)\n"
	    "startup-config:8: invalid input at \"hostnme\" (column 1)\n"
	    "startup-config:11: Duplicate sequence number\n"
	    "startup-config:13: incomplete command \"interface\"\n"
	    "startup-config:14: ambiguous command \"i\"\n"
	    "startup-config:15: invalid input at \"0\" (column 52)\n");
	free(e);
	t = rows(&r, "SELECT name, description, ip_address FROM interface");
	cr_assert_str_eq(t, "Ethernet0/1|still in the interface|NULL\n");
	free(t);
	cr_assert_str_eq(q(&r, "SELECT prefix FROM interface_ipv6"), "2001:DB8::1/64");
	t = rows(&r, "SELECT seq, src_any, src_addr FROM acl_entry ORDER BY seq");
	cr_assert_str_eq(t, "10|any|NULL\n20|NULL|192.0.2.2\n");
	free(t);
	cr_assert_str_eq(q(&r, "SELECT ip_sla_responder FROM system"), "1");
	cr_assert_str_eq(q(&r, "SELECT count(*) FROM sla_udp_echo"), "0");
	router_fini(&r);
}

Test(store_errors, header_lines_are_skipped_but_counted)
{
	struct router r;
	char *e;

	router_init(&r);
	/* a saved show running-config, header included, with a bad line */
	e = load_named(&r, "saved.txt",
	    "Building configuration...\n"
	    "\n"
	    "Current configuration : 99 bytes\n"
	    "!\n"
	    "! Last configuration change at 12:00:00 UTC Thu Nov 26 2026 by console\n"
	    "version 15.6\n"
	    "hostnme R1\n"
	    "hostname R1\n"
	    "end\n"
	    "hostname R2\n");
	cr_assert_str_eq(e, "saved.txt:7: invalid input at \"hostnme\" (column 1)\n");
	free(e);
	cr_assert_str_eq(q(&r, "SELECT hostname FROM system"), "R1");
	router_fini(&r);
}

/* ---- show running-config ------------------------------------------------- */

/* The byte count of the header: from the first "!" through "end\n", plus 1. */
static void
assert_header(const char *text)
{
	const char *bang = strstr(text, "\n!\n");
	const char *end = strstr(text, "\nend\n");
	unsigned long n = 0;

	cr_assert_not_null(bang, "%s", text);
	cr_assert_not_null(end, "%s", text);
	cr_assert(strncmp(text, "Building configuration...\n\nCurrent configuration : ", 51) == 0,
	    "%s", text);
	cr_assert_eq(sscanf(text + 51, "%lu bytes\n", &n), 1, "%s", text);
	cr_assert_eq(bang + 1, strchr(text, '!'), "the body does not start at the first \"!\"");
	cr_assert_eq(strlen(end + 1), 4, "text after end:\n%s", text);
	cr_assert_eq(n, (unsigned long)((end + 5) - (bang + 1)) + 1, "%s", text);
}

Test(render, empty_configuration)
{
	struct router r;
	char *t;

	router_init(&r);
	t = render(&r, false);
	cr_assert_str_eq(t, "!\nversion 15.6\n!\nend\n");
	free(t);
	t = render(&r, true);
	cr_assert_str_eq(t,
	    "Building configuration...\n"
	    "\n"
	    "Current configuration : 22 bytes\n"
	    "!\n"
	    "version 15.6\n"
	    "!\n"
	    "end\n");
	assert_header(t);
	free(t);
	router_fini(&r);
}

static const char full_cfg[] =
    "ip sla responder udp-echo ipaddress 192.0.2.1 port 5000\n"
    "ip sla responder\n"
    "ip access-list extended EXT\n"
    " permit tcp any host 192.0.2.1 eq 80\n"
    " deny   ip any any log\n"
    "ip access-list standard STD\n"
    " permit 192.0.2.0 0.0.0.255\n"
    " deny host 198.51.100.1\n"
    "ip access-list extended ANOTHER\n"
    " permit ip any any\n"
    "ipv6 local pool V6 2001:db8:100::/40 48\n"
    "ip local pool P 192.0.2.100 192.0.2.150\n"
    "ip local pool P 192.0.2.10\n"
    "interface Ethernet10/1\n"
    " shutdown\n"
    " ipv6 address 2001:db8:2::1/64\n"
    " ipv6 address 2001:db8:1::1/64\n"
    " ip address 198.51.100.1 255.255.255.0\n"
    " description ten\n"
    "interface Ethernet2/1\n"
    "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n"
    "hostname R1\n";

/* IOS order; "!" after each top-level block and after each group of
 * top-level lines; Ethernet2/1 before Ethernet10/1 */
static const char full_body[] =
    "!\n"
    "version 15.6\n"
    "!\n"
    "hostname R1\n"
    "!\n"
    "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n"
    "!\n"
    "interface Ethernet2/1\n"
    " no ip address\n"
    "!\n"
    "interface Ethernet10/1\n"
    " description ten\n"
    " ip address 198.51.100.1 255.255.255.0\n"
    " ipv6 address 2001:DB8:2::1/64\n"	/* in the order they were added */
    " ipv6 address 2001:DB8:1::1/64\n"
    " shutdown\n"
    "!\n"
    "ip local pool P 192.0.2.10\n"
    "ip local pool P 192.0.2.100 192.0.2.150\n"
    "!\n"
    "ipv6 local pool V6 2001:DB8:100::/40 48\n"
    "!\n"
    "ip access-list standard STD\n"
    " permit 192.0.2.0 0.0.0.255\n"
    " deny   198.51.100.1\n"
    "!\n"
    "ip access-list extended ANOTHER\n"
    " permit ip any any\n"
    "!\n"
    "ip access-list extended EXT\n"
    " permit tcp any host 192.0.2.1 eq www\n"
    " deny   ip any any log\n"
    "!\n"
    "ip sla responder\n"
    "!\n"
    "ip sla responder udp-echo ipaddress 192.0.2.1 port 5000\n"
    "!\n"
    "end\n";

Test(render, block_order_and_separators)
{
	struct router r;
	char *t;
	char want[sizeof(full_body) + 128];

	router_init(&r);
	load_ok(&r, full_cfg);
	t = render(&r, false);
	cr_assert_str_eq(t, full_body);
	free(t);
	t = render(&r, true);
	snprintf(want, sizeof(want), "Building configuration...\n\nCurrent configuration : %zu bytes\n%s",
	    strlen(full_body) + 1, full_body);
	cr_assert_str_eq(t, want);
	assert_header(t);
	free(t);
	router_fini(&r);
}

Test(render, change_times_in_the_header)
{
	struct router r;
	struct strbuf out = STRBUF_INIT;
	struct render_opts o = { true, true };

	router_init(&r);
	r.last_change = 1795694400;	/* 2026-11-26 12:00:00 UTC */
	snprintf(r.last_change_by, sizeof(r.last_change_by), "console");
	render_config(&r, r.run, &out, &o);
	cr_assert_str_eq(out.s,
	    "Building configuration...\n"
	    "\n"
	    "Current configuration : 95 bytes\n"
	    "!\n"
	    "! Last configuration change at 12:00:00 UTC Thu Nov 26 2026 by console\n"
	    "!\n"
	    "version 15.6\n"
	    "!\n"
	    "end\n");
	assert_header(out.s);
	sb_reset(&out);
	r.last_save = 1795694460;
	render_config(&r, r.run, &out, &o);
	cr_assert(strstr(out.s, "by console\n! NVRAM config last updated at 12:01:00 UTC Thu Nov 26 "
	    "2026 by console\n!\nversion") != NULL, "%s", out.s);
	assert_header(out.s);
	sb_free(&out);
	router_fini(&r);
}

/* The access lists of the rendering, from the first "ip access-list" to the
 * "!" after the last one. */
static char *
acl_lines(struct router *r)
{
	char *t = render(r, false), *b = strstr(t, "ip access-list"), *l, *e, *s;

	cr_assert_not_null(b, "%s", t);
	for (l = b; strstr(l + 1, "\nip access-list") != NULL; l = strstr(l + 1, "\nip access-list"))
		;
	e = strstr(l, "!\n");
	cr_assert_not_null(e);
	s = strndup(b, (size_t)(e + 2 - b));
	free(t);
	return s;
}

Test(render, acl_sequence_numbers_only_when_not_10_20_30)
{
	struct router r;
	char *t;

	router_init(&r);
	load_ok(&r,
	    "ip access-list extended A\n"
	    " permit ip any any\n"
	    " remark second\n"
	    " deny ip any any\n"
	    "ip access-list extended B\n"
	    " 10 permit ip any any\n"
	    " 20 permit tcp any any\n");
	t = acl_lines(&r);
	cr_assert_str_eq(t,
	    "ip access-list extended A\n"
	    " permit ip any any\n"
	    " remark second\n"
	    " deny   ip any any\n"
	    "!\n"
	    "ip access-list extended B\n"
	    " permit ip any any\n"
	    " permit tcp any any\n"
	    "!\n");
	free(t);
	/* a gap: every entry of list A is numbered; B is not */
	load_ok(&r, "ip access-list extended A\n no 20\n");
	t = acl_lines(&r);
	cr_assert_str_eq(t,
	    "ip access-list extended A\n"
	    " 10 permit ip any any\n"
	    " 30 deny   ip any any\n"
	    "!\n"
	    "ip access-list extended B\n"
	    " permit ip any any\n"
	    " permit tcp any any\n"
	    "!\n");
	free(t);
	/* an entry between two */
	load_ok(&r, "ip access-list extended B\n 15 deny udp any any\n");
	t = acl_lines(&r);
	cr_assert_str_eq(t,
	    "ip access-list extended A\n"
	    " 10 permit ip any any\n"
	    " 30 deny   ip any any\n"
	    "!\n"
	    "ip access-list extended B\n"
	    " 10 permit ip any any\n"
	    " 15 deny   udp any any\n"
	    " 20 permit tcp any any\n"
	    "!\n");
	free(t);
	/* 10, 20 again; and a list that starts at 20 */
	load_ok(&r, "ip access-list resequence A 10 10\nip access-list resequence B 20 10\n");
	t = acl_lines(&r);
	cr_assert_str_eq(t,
	    "ip access-list extended A\n"
	    " permit ip any any\n"
	    " deny   ip any any\n"
	    "!\n"
	    "ip access-list extended B\n"
	    " 20 permit ip any any\n"
	    " 30 deny   udp any any\n"
	    " 40 permit tcp any any\n"
	    "!\n");
	free(t);
	/* a standard list numbered 10, 20 with a remark */
	load_ok(&r, "no ip access-list extended A\nno ip access-list extended B\n"
	    "ip access-list standard S\n 10 remark first\n 20 permit any\n");
	t = acl_lines(&r);
	cr_assert_str_eq(t, "ip access-list standard S\n remark first\n permit any\n!\n");
	free(t);
	router_fini(&r);
}

/* ---- round trip of every command ----------------------------------------- */

Test(roundtrip, rendering_loads_back_to_the_same_store)
{
	struct router a, b;
	char *cfg = read_fixture("roundtrip.cfg");
	char *e, *ra, *rb, *da, *db;

	router_init(&a);
	router_init(&b);
	e = load_named(&a, "roundtrip.cfg", cfg);
	cr_assert_str_empty(e, "the fixture does not load:\n%s", e);
	free(e);
	ra = render(&a, true);
	e = load_named(&b, "rendering", ra);
	cr_assert_str_empty(e, "the rendering does not load back:\n%s\nrendering:\n%s", e, ra);
	free(e);
	rb = render(&b, true);
	cr_assert(strcmp(rb, ra) == 0, "rendered again after loading back, the configuration "
	    "differs:\n%s", first_diff(ra, rb));
	da = dump_store(&a);
	db = dump_store(&b);
	/* rows name their parent by content */
	cr_assert(strstr(da, "interface_ipv6(parent=interface(name='Ethernet0/1', ") != NULL, "%s", da);
	cr_assert(strstr(da, "#dangling") == NULL, "%s", da);
	cr_assert(strcmp(db, da) == 0, "the store loaded back differs from the first one:\n%s",
	    first_diff(da, db));
	/* and the fixture did store something in every table */
	{
		sqlite3_stmt *s;

		cr_assert_eq(sqlite3_prepare_v2(store_db(a.run), "SELECT name FROM sqlite_master "
		    "WHERE type='table' AND name NOT LIKE 'sqlite_%'", -1, &s, NULL), SQLITE_OK);
		while (sqlite3_step(s) == SQLITE_ROW) {
			const char *t = (const char *)sqlite3_column_text(s, 0);
			char pat[256];

			snprintf(pat, sizeof(pat), "\n%s(", t);
			cr_expect(strncmp(da, pat + 1, strlen(pat + 1)) == 0 || strstr(da, pat) != NULL,
			    "roundtrip.cfg stores nothing in table %s", t);
		}
		sqlite3_finalize(s);
	}
	free(ra);
	free(rb);
	free(da);
	free(db);
	free(cfg);
	router_fini(&a);
	router_fini(&b);
}

/* The command that enters mode, for telling where a command is typed. */
static const char *
mode_path(int mode, char *buf, size_t sz)
{
	if (mode == CL_MODE_CONFIG) {
		snprintf(buf, sz, "in global configuration");
		return buf;
	}
	for (unsigned i = 0; i < cl_ncmds; i++)
		if (cl_cmds[i].kind == CL_K_ENTER && cl_cmds[i].enter == mode) {
			char up[512];

			mode_path(cl_modes[mode].parent, up, sizeof(up));
			snprintf(buf, sz, "inside \"%s\" (mode %s, %s)", cl_cmds[i].syntax,
			    cl_modes[mode].name, up);
			return buf;
		}
	snprintf(buf, sz, "in mode %s", cl_modes[mode].name);
	return buf;
}

static bool
stores(const struct cl_cmd *c)
{
	return c->kind != CL_K_NONE && (c->flags & CL_CMD_FILE_OK) && !(c->flags & CL_CMD_NOONLY);
}

Test(roundtrip, fixture_uses_every_command_and_every_optional_part)
{
	struct router r;
	char *cfg = read_fixture("roundtrip.cfg");
	struct modestack ms;
	struct strbuf out = STRBUF_INIT, missing = STRBUF_INIT, line = STRBUF_INIT;
	bool *used;		/* [command * cl_nmodes + mode] */
	uint64_t *slots;
	struct cl_match *m = malloc(sizeof(*m)), *alt = malloc(sizeof(*alt));
	size_t off = 0, len = strlen(cfg);
	int lineno = 0, nmissing = 0;
	char *da, *dr;

	cr_assert_not_null(m);
	cr_assert_not_null(alt);
	used = calloc((size_t)cl_ncmds * cl_nmodes, sizeof(*used));
	slots = calloc(cl_ncmds, sizeof(*slots));
	cr_assert_not_null(used);
	cr_assert_not_null(slots);
	router_init(&r);

	/* Each line is matched the way exec_line does it (in the current
	 * mode, else in an enclosing configuration mode), then run by
	 * exec_line, which must agree on the command. */
	memset(&ms, 0, sizeof(ms));
	ms.depth = 2;
	ms.mode[0] = CL_MODE_EXEC;
	ms.mode[1] = CL_MODE_CONFIG;
	ms.obj[0] = ms.obj[1] = 1;
	while (off < len) {
		const char *p = cfg + off, *nl = memchr(p, '\n', len - off);
		size_t n = nl ? (size_t)(nl - p) : len - off;
		struct exec_result res;
		int level = ms.depth - 1;

		off += n + (nl ? 1 : 0);
		lineno++;
		sb_reset(&line);
		sb_add(&line, p, n);
		sb_addc(&line, '\0');
		cl_match_line(line.s, ms.mode[level], 15, m);
		if (m->status == CL_INVALID && cl_modes[ms.mode[level]].config)
			for (int d = level - 1; d >= 1; d--) {
				cl_match_line(line.s, ms.mode[d], 15, alt);
				if (alt->status == CL_OK) {
					memcpy(m, alt, sizeof(*m));
					break;
				}
			}
		sb_reset(&out);
		exec_line(&r, NULL, &ms, 15, line.s, 0, &out, &res);
		cr_assert(res.st == EX_OK || res.st == EX_EMPTY, "roundtrip.cfg:%d: \"%s\" fails: %s",
		    lineno, line.s, out.s ? out.s : "");
		if (res.st == EX_EMPTY)
			continue;
		cr_assert_eq(m->status, CL_OK);
		cr_assert_eq(res.cmd, m->cmd, "roundtrip.cfg:%d: matched %s, ran %s", lineno,
		    cl_cmds[m->cmd].syntax, cl_cmds[res.cmd].syntax);
		if (!m->negate && !m->dflt && !m->do_exec) {
			used[(unsigned)m->cmd * cl_nmodes + (unsigned)m->mode] = true;
			for (int i = 0; i < cl_cmds[m->cmd].nslots; i++)
				if (m->vals[i].s != NULL)
					slots[m->cmd] |= 1ULL << i;
		}
		if (ms.depth < 2) {
			if (strcmp(cl_cmds[res.cmd].syntax, "end") == 0)
				break;
			ms.depth = 2;
		}
	}
	store_flush(r.run);

	for (unsigned i = 0; i < cl_ncmds; i++) {
		const struct cl_cmd *c = &cl_cmds[i];
		char where[1024];
		bool used_somewhere = false;

		if (!stores(c))
			continue;
		for (unsigned mo = 0; mo < cl_nmodes; mo++) {
			bool in_mode = false;

			for (unsigned k = 0; k < cl_modes[mo].ncmds; k++)
				in_mode |= cl_modes[mo].cmds[k] == i;
			used_somewhere |= used[i * cl_nmodes + mo];
			if (!in_mode || used[i * cl_nmodes + mo])
				continue;
			sb_printf(&missing, "  grammar/%s.cli: \"%s\"\n      %s\n", c->file, c->syntax,
			    mode_path((int)mo, where, sizeof(where)));
			nmissing++;
		}
		/* the parts of a command not used at all are not listed: the
		 * command is */
		if (!used_somewhere)
			continue;
		for (int k = 0; k < c->nslots; k++)
			if (!(slots[i] & (1ULL << k))) {
				sb_printf(&missing, "  grammar/%s.cli: \"%s\"\n      a line that gives "
				    "\"%s\" (an optional part or an alternative never used)\n", c->file,
				    c->syntax, c->slot_names[k]);
				nmissing++;
			}
	}
	cr_expect_eq(nmissing, 0,
	    "tests/unit/roundtrip.cfg does not exercise %d part(s) of the configuration grammar.\n"
	    "Add to tests/unit/roundtrip.cfg (as it would appear in a running-config):\n%s"
	    "so that every command that stores something is used, in every mode it belongs to,\n"
	    "with each optional part and each alternative given at least once.", nmissing,
	    missing.s ? missing.s : "");

	/* typed line by line, the fixture gives what config_load_text gives */
	{
		struct router a;
		char *e;

		router_init(&a);
		e = load_named(&a, "roundtrip.cfg", cfg);
		free(e);
		da = dump_store(&a);
		dr = dump_store(&r);
		cr_assert_str_eq(dr, da);
		free(da);
		free(dr);
		router_fini(&a);
	}
	sb_free(&out);
	sb_free(&missing);
	sb_free(&line);
	free(used);
	free(slots);
	free(m);
	free(alt);
	free(cfg);
	router_fini(&r);
}

/* ---- no and default forms --------------------------------------------------- */

/* The lines of text, without their newlines (the array and its strings in
 * one block: free the array). */
static char **
split_lines(const char *text, int *n)
{
	size_t len = strlen(text), cnt = 0;
	char **v, *copy;

	for (size_t i = 0; i < len; i++)
		cnt += text[i] == '\n';
	v = malloc((cnt + 1) * sizeof(*v) + len + 1);
	cr_assert_not_null(v);
	copy = (char *)(v + cnt + 1);
	memcpy(copy, text, len + 1);
	*n = 0;
	for (char *p = copy, *nl; *p && (nl = strchr(p, '\n')) != NULL; p = nl + 1) {
		*nl = '\0';
		v[(*n)++] = p;
	}
	return v;
}

/* text without its "!" lines, and access list entries without their
 * sequence numbers (shown only when they are not 10, 20, 30...: taking one
 * entry out shows the numbers of those after it) */
static char *
normalized(const char *text)
{
	struct strbuf b = STRBUF_INIT;
	int n;
	char **v = split_lines(text, &n);

	for (int i = 0; i < n; i++) {
		const char *l = v[i];

		if (strcmp(l, "!") == 0)
			continue;
		if (l[0] == ' ' && l[1] >= '0' && l[1] <= '9') {
			const char *p = l + 1;

			while (*p >= '0' && *p <= '9')
				p++;
			if (*p == ' ')
				l = p;
		}
		sb_printf(&b, "%s\n", l);
	}
	free(v);
	sb_addc(&b, '\0');
	return sb_detach(&b);
}

static int
indent_of(const char *line)
{
	int i = 0;

	while (line[i] == ' ')
		i++;
	return i;
}

/*
 * For every line of the rendered fixture, in its block: "no LINE" and
 * "default LINE", typed after the lines that enter its block, take that line
 * (and the block it opens) out of the running configuration, and nothing
 * else.  The exceptions are the IOS ones: an interface without an address
 * shows "no ip address".
 */
Test(roundtrip, no_and_default_forms_take_each_line_back)
{
	static const char *const forms[] = { "no ", "default " };
	struct router a;
	char *cfg = read_fixture("roundtrip.cfg"), *full, *e;
	char **lines;
	int n, tried = 0;
	struct strbuf script = STRBUF_INIT, want = STRBUF_INIT, fails = STRBUF_INIT;

	router_init(&a);
	e = load_named(&a, "roundtrip.cfg", cfg);
	cr_assert_str_empty(e, "the fixture does not load:\n%s", e);
	free(e);
	full = render(&a, false);
	router_fini(&a);
	lines = split_lines(full, &n);

	for (int i = 0; i < n; i++) {
		int ind = indent_of(lines[i]), end = i + 1;
		const char *cmd = lines[i] + ind;

		if (strcmp(cmd, "!") == 0 || strcmp(cmd, "end") == 0 || strncmp(cmd, "no ", 3) == 0 ||
		    strncmp(cmd, "version ", 8) == 0)
			continue;
		while (end < n && indent_of(lines[end]) > ind && strcmp(lines[end], "!") != 0)
			end++;
		for (unsigned f = 0; f < 2; f++) {
			struct router b;
			char *got;
			int need = ind;

			/* the lines that enter the block, outermost first */
			sb_reset(&script);
			{
				int path[16], np = 0;

				for (int k = i - 1; k >= 0 && need > 0 && np < 16; k--)
					if (indent_of(lines[k]) < need && strcmp(lines[k], "!") != 0) {
						path[np++] = k;
						need = indent_of(lines[k]);
					}
				while (np > 0)
					sb_printf(&script, "%s\n", lines[path[--np]]);
			}
			sb_printf(&script, "%*s%s%s\n", ind, "", forms[f], cmd);

			sb_reset(&want);
			for (int k = 0; k < n; k++)
				if (k < i || k >= end)
					sb_printf(&want, "%s\n", lines[k]);
			if (strncmp(cmd, "ip address ", 11) == 0) {
				/* IOS shows the address gone */
				sb_reset(&want);
				for (int k = 0; k < n; k++)
					sb_printf(&want, "%s\n", k == i ? " no ip address" : lines[k]);
			}

			router_init(&b);
			load_ok(&b, full);
			e = load_named(&b, "form", script.s);
			got = render(&b, false);
			tried++;
			{
				char *ng = normalized(got), *nw = normalized(want.s);

				if (*e)
					sb_printf(&fails, "--- %s%s: refused: %s", forms[f], cmd, e);
				else if (strcmp(ng, nw) != 0)
					sb_printf(&fails, "--- %s%s (typed as:\n%s): %s\n", forms[f], cmd,
					    script.s, first_diff(nw, ng));
				free(ng);
				free(nw);
			}
			free(e);
			free(got);
			router_fini(&b);
		}
	}
	cr_assert(tried > 200, "only %d forms tried", tried);
	cr_log_info("%d forms tried", tried);
	cr_assert(fails.len == 0, "forms that do not take their line back:\n%s", fails.s);
	sb_free(&script);
	sb_free(&want);
	sb_free(&fails);
	free(lines);
	free(full);
	free(cfg);
}

/* Settings made of several words go with their first ones, as in IOS. */
Test(roundtrip, short_no_forms)
{
	struct router r;
	char *cfg = read_fixture("roundtrip.cfg"), *out;

	router_init(&r);
	load_ok(&r, cfg);
	load_ok(&r, "ipv6 mobile pmipv6-domain DOM-A\n no auth-option\n nai user1@example.com\n"
	    "  no gre-key\n  no int att\n no replay-protection\n no encap\n"
	    "ipv6 mobile pmipv6-mag MAG-1 domain DOM-A\n no heartbeat\n no bce maximum\n"
	    " no mobile-map\n no tunnel mtu\n no tunnel acl\n no address ipv4\n");
	out = render(&r, false);
	cr_assert(strstr(out, "domain-key") == NULL, "%s", out);
	cr_assert(strstr(out, "gre-key up 100") == NULL, "%s", out);
	cr_assert(strstr(out, "l2-addr 0000.5e00.5301") == NULL, "%s", out);
	cr_assert(strstr(out, "window 30") == NULL, "%s", out);
	cr_assert(strstr(out, "heartbeat interval 10 retries 3") == NULL, "%s", out);
	cr_assert(strstr(out, "bce maximum 1000\n") == NULL, "%s", out);
	cr_assert(strstr(out, " mobile-map MAP-1\n") == NULL, "%s", out);
	cr_assert(strstr(out, "tunnel mtu 1400") == NULL, "%s", out);
	cr_assert(strstr(out, "tunnel acl EXT-1") == NULL, "%s", out);
	cr_assert(strstr(out, "address ipv4 198.51.100.1\n address ipv6") == NULL, "%s", out);
	/* what was not named stays */
	cr_assert(strstr(out, "auth-option spi 4294967295") != NULL, "%s", out);
	cr_assert(strstr(out, "  network NET-1\n") != NULL, "%s", out);
	free(out);
	free(cfg);
	router_fini(&r);
}

/* ---- change sets ------------------------------------------------------------ */

Test(store_changes, tables_and_rows_touched)
{
	struct router r;
	struct store_changes c;
	char *e;

	router_init(&r);
	store_watch_changes(r.run);
	load_ok(&r, "ipv6 mobile pmipv6-domain D1\n"
	    "ipv6 mobile pmipv6-mag M1 domain D1\n"
	    " logical-mn a@example.com\n");
	store_take_changes(r.run, &c);
	cr_assert_eq(c.tables, ROWS_BIT(pmip_domain) | ROWS_BIT(pmip_mag) | ROWS_BIT(mag_lmn),
	    "tables %llx", (unsigned long long)c.tables);
	cr_assert_eq(c.nrows, 3);
	cr_assert_eq(c.rows[2].table, ROWS_T_mag_lmn);
	cr_assert_eq(c.rows[2].op, STORE_INSERT);
	cr_assert(!c.all && !c.rows_lost);

	/* taken: nothing left */
	store_take_changes(r.run, &c);
	cr_assert_eq(c.tables, 0);
	cr_assert_eq(c.nrows, 0);

	/* one column of one row */
	load_ok(&r, "ipv6 mobile pmipv6-mag M1 domain D1\n multipath\n");
	store_take_changes(r.run, &c);
	cr_assert_eq(c.tables, ROWS_BIT(pmip_mag), "tables %llx", (unsigned long long)c.tables);
	cr_assert_eq(c.rows[c.nrows - 1].op, STORE_UPDATE);

	/* a parent removed: its rows go with it, and are told */
	load_ok(&r, "no ipv6 mobile pmipv6-mag M1 domain D1\n");
	store_take_changes(r.run, &c);
	cr_assert_eq(c.tables, ROWS_BIT(pmip_mag) | ROWS_BIT(mag_lmn),
	    "tables %llx", (unsigned long long)c.tables);
	for (int i = 0; i < c.nrows; i++)
		cr_assert_eq(c.rows[i].op, STORE_DELETE);

	/* a line refused changes nothing, and tells nothing */
	e = load_named(&r, "bad.cfg", "ip local pool Q 203.0.113.30 203.0.113.29\n");
	free(e);
	store_take_changes(r.run, &c);
	cr_assert_eq(c.tables, 0, "tables %llx", (unsigned long long)c.tables);

	/* more rows than it keeps: the tables still, the rows lost */
	{
		struct strbuf t = STRBUF_INIT;

		sb_adds(&t, "ip access-list extended BIG\n");
		for (int i = 0; i < STORE_CHANGE_ROWS + 10; i++)
			sb_printf(&t, " permit udp any any eq %d\n", 1000 + i);
		load_ok(&r, t.s);
		sb_free(&t);
	}
	store_take_changes(r.run, &c);
	cr_assert_eq(c.tables, ROWS_BIT(acl) | ROWS_BIT(acl_entry));
	cr_assert_eq(c.nrows, STORE_CHANGE_ROWS);
	cr_assert(c.rows_lost);

	/* the store cleared: everything */
	store_clear(r.run);
	store_take_changes(r.run, &c);
	cr_assert(c.all);
	cr_assert(store_changes_touch(&c, ROWS_BIT(pmip_lma)));
	router_fini(&r);
}
