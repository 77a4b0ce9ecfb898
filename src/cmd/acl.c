/*
 * acl.c — handlers of grammar/acl.cli: named access lists, their entries in
 * IOS's canonical form, sequence numbers, resequencing, and printing them
 * for show running-config and show ip access-lists.
 *
 * An entry is kept in its canonical form: "10.1.1.1 0.0.0.0" becomes
 * "host 10.1.1.1", "0.0.0.0 255.255.255.255" becomes "any", an address is
 * masked by its wildcard, a port number that has an IOS name prints as the
 * name.  The same entry is also stored as numbers for the classifier.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "acl.h"
#include "cl_gen.h"
#include "cmd.h"
#include "json.h"
#include "router.h"
#include "rows.h"
#include "store.h"
#include "cmd/show-out.h"

/* ---- hit counters ------------------------------------------------------- */

/* Matches per entry (by acl_entry id), counted by the packet classifier. */
struct hit {
	int64_t entry;
	uint64_t n;
};
static struct hit *hit_table;
static size_t nhits, caphits;

void
acl_hit_add(int64_t entry, uint64_t n)
{
	for (size_t i = 0; i < nhits; i++)
		if (hit_table[i].entry == entry) {
			hit_table[i].n += n;
			return;
		}
	if (nhits == caphits) {
		caphits = caphits ? caphits * 2 : 64;
		hit_table = realloc(hit_table, caphits * sizeof(*hit_table));
		if (hit_table == NULL)
			abort();
	}
	hit_table[nhits].entry = entry;
	hit_table[nhits].n = n;
	nhits++;
}

uint64_t
acl_hits(int64_t entry)
{
	for (size_t i = 0; i < nhits; i++)
		if (hit_table[i].entry == entry)
			return hit_table[i].n;
	return 0;
}

void
acl_hits_clear(void)
{
	nhits = 0;
}

/* ---- creating lists ----------------------------------------------------- */

int
cmd_acl_create(struct cmd_ctx *x, struct cmd_acl_create_args *a)
{
	sqlite3_stmt *s;
	const char *type = NULL;
	const char *want = strstr(x->cmd->syntax, "extended") ? "extended" : "standard";
	int rc = CMD_OK;

	if (x->negate)
		return CMD_OK;
	s = store_prepare(x->r->run, "SELECT type FROM acl WHERE name=?");
	if (s == NULL)
		return CMD_OK;
	sqlite3_bind_text(s, 1, a->name.s, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		type = (const char *)sqlite3_column_text(s, 0);
	if (type && strcmp(type, want) != 0) {
		sb_printf(x->out, "%% A named %s IP access list with this name already exists\n", type);
		rc = CMD_ERR;
	}
	sqlite3_reset(s);
	return rc;
}

/* ---- entries ------------------------------------------------------------ */

static bool
parse4(const char *s, uint32_t *v)
{
	return s && cl_parse_ipv4(s, strlen(s), v);
}

/* Argument values set without printf: a pasted access list sets a dozen
 * of them per entry. */
static void
set_ipv4(struct cmd_ctx *x, struct cmd_arg *a, uint32_t v)
{
	char buf[16];

	cl_format_ipv4(v, buf, sizeof(buf));
	cmd_setn(x, *a, buf, strlen(buf));
}

static void
set_number(struct cmd_ctx *x, struct cmd_arg *a, long long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	cmd_setn(x, *a, p, (size_t)(buf + sizeof(buf) - p));
}

/* The arguments of one side (source or destination) of an entry. */
struct addr_args {
	struct cmd_arg *any, *host, *addr, *wild;
};
struct port_args {
	struct cmd_arg *op, *port, *port2;
};

/* Canonical address part: one spelling per meaning. */
static void
canon_addr(struct cmd_ctx *x, const struct addr_args *k, bool standard)
{
	uint32_t a = 0, w = 0xffffffffu;

	if (k->any->slot < 0 && k->addr->slot < 0)
		return;
	if (parse4(k->host->s, &a))
		w = 0;
	else if (parse4(k->addr->s, &a)) {
		if (!parse4(k->wild->s, &w))
			w = 0;
		a &= ~w;
	}
	cmd_clear(x, *k->any);
	cmd_clear(x, *k->host);
	cmd_clear(x, *k->addr);
	cmd_clear(x, *k->wild);
	if (w == 0xffffffffu)
		cmd_setn(x, *k->any, "any", 3);
	else if (w == 0 && !standard)
		set_ipv4(x, k->host, a);
	else {
		set_ipv4(x, k->addr, a);
		if (w != 0)
			set_ipv4(x, k->wild, w);
	}
}

static int
port_num(const char *proto, const char *v)
{
	int n;

	if (v == NULL)
		return -1;
	if (v[0] >= '0' && v[0] <= '9')
		return atoi(v);
	if (strcmp(proto, "tcp") == 0)
		n = (int)cl_value_num(&cl_values_tcp_port, v);
	else
		n = (int)cl_value_num(&cl_values_udp_port, v);
	return n;
}

/* Sets a port argument to the port's IOS name, or its number when it has
 * none. */
static void
set_port(struct cmd_ctx *x, struct cmd_arg *a, const char *proto, int n)
{
	const char *name = cl_value_word(strcmp(proto, "tcp") == 0 ? &cl_values_tcp_port :
	    &cl_values_udp_port, n);

	if (name)
		cmd_setn(x, *a, name, strlen(name));
	else
		set_number(x, a, n);
}

/* Canonical port operator and ports; refuses an empty range. */
static int
canon_ports(struct cmd_ctx *x, const char *proto, const struct port_args *k)
{
	const char *op = k->op->s;
	int a, b;

	if (k->op->slot < 0 || op == NULL)
		return CMD_OK;
	a = port_num(proto, k->port->s);
	b = port_num(proto, k->port2->s);
	if (strcmp(op, "range") == 0) {
		if (b < a)
			return cmd_bad(x, *k->port2);
		set_port(x, k->port2, proto, b);
	} else if ((strcmp(op, "lt") == 0 && a == 0) || (strcmp(op, "gt") == 0 && a == 65535))
		return cmd_bad(x, *k->port);
	set_port(x, k->port, proto, a);
	return CMD_OK;
}

static bool
is_standard(struct cmd_ctx *x)
{
	return x->mode == CL_MODE_CONFIG_STD_NACL;
}

/* The sequence number of an entry with the same content, or -1. */
static long long
find_same(struct cmd_ctx *x, const char *key)
{
	sqlite3_stmt *s = store_prepare(x->r->run,
	    "SELECT seq FROM acl_entry WHERE parent=? AND entry_key=?");
	long long seq = -1;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, x->obj);
	sqlite3_bind_text(s, 2, key, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		seq = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return seq;
}

static bool
seq_exists(struct cmd_ctx *x, const char *seq)
{
	sqlite3_stmt *s = store_prepare(x->r->run, "SELECT 1 FROM acl_entry WHERE parent=? AND seq=?");
	bool found;

	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, x->obj);
	sqlite3_bind_int64(s, 2, atoll(seq));
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return found;
}

/* The number a new entry gets: the multiple of 10 after the list's last
 * number.  A pasted list asks this once an entry, and the answer for the
 * next entry is the number just given, if that entry's row went in and
 * nothing else happened.  So it is remembered with a stamp of the store
 * taken here, inside the entry's command, and used when the next stamp
 * shows the same list, store and epoch (no rollback, no load), exactly one
 * command begun since (the next entry's own) and exactly one row written:
 * after this hook the entry's command writes its row with one upsert and
 * nothing else, so that one row is this entry, numbered next, now the
 * list's last. */
static void
next_seq(struct cmd_ctx *x, struct cmd_num *seq)
{
	static struct {
		struct store *st;
		int64_t parent;
		long long last;
		struct store_stamp at;
	} memo;
	struct store_stamp now;
	sqlite3_stmt *s;
	long long max = 0, next;

	store_stamp(x->r->run, &now);
	if (memo.st == x->r->run && memo.parent == x->obj && memo.at.epoch == now.epoch &&
	    memo.at.commands + 1 == now.commands && memo.at.changes + 1 == now.changes)
		max = memo.last;
	else {
		if ((s = store_prepare(x->r->run, "SELECT max(seq) FROM acl_entry WHERE parent=?")) ==
		    NULL)
			return;
		sqlite3_bind_int64(s, 1, x->obj);
		if (sqlite3_step(s) == SQLITE_ROW)
			max = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	next = (max / 10 + 1) * 10;
	memo.st = x->r->run;
	memo.parent = x->obj;
	memo.last = next;
	memo.at = now;
	cmd_set(x, *seq, "%lld", next);
}

/* Shared by entries and remarks (e, what was typed, canonical by now):
 * sequence numbers and duplicates. */
static int
finish_entry(struct cmd_ctx *x, const struct acl_entry_view *e, struct cmd_num *seqarg,
    struct cmd_arg *entry_key)
{
	struct strbuf key = STRBUF_INIT;
	const char *seq = seqarg->s;
	long long same;
	bool kept;

	acl_entry_text(e, is_standard(x), true, &key);
	kept = cmd_set(x, *entry_key, "%s", key.s);
	sb_free(&key);
	if (!kept) {
		sb_adds(x->out, "% Access list entry too long\n");
		return CMD_ERR;
	}
	if (x->negate) {
		/* no N <entry> deletes N; no <entry> deletes the entry with
		 * that content; nothing matching is not an error */
		if (seq != NULL)
			return CMD_OK;
		if ((same = find_same(x, entry_key->s)) < 0)
			return CMD_DONE;
		cmd_set(x, *seqarg, "%lld", same);
		return CMD_OK;
	}
	if (seq == NULL) {
		/* numbered after the last; the same entry again adds nothing,
		 * which the insert itself finds (grammar: same entry_key) */
		next_seq(x, seqarg);
		return CMD_OK;
	}
	if (find_same(x, entry_key->s) >= 0)
		return CMD_DONE;	/* the same entry again: nothing to add */
	if (seq_exists(x, seq)) {
		sb_adds(x->out, "% Duplicate sequence number\n");
		return CMD_ERR;
	}
	return CMD_OK;
}

int
cmd_acl_entry(struct cmd_ctx *x, struct cmd_acl_entry_args *a)
{
	const char *proto = a->proto.s;
	bool standard = is_standard(x);
	struct addr_args src = { &a->src_any, &a->src_host, &a->src_addr, &a->src_wild };
	struct addr_args dst = { &a->dst_any, &a->dst_host, &a->dst_addr, &a->dst_wild };
	struct port_args srcp = { &a->src_op, &a->src_port, &a->src_port2 };
	struct port_args dstp = { &a->dst_op, &a->dst_port, &a->dst_port2 };
	struct acl_entry_view e;
	int rc;

	if (proto && proto[0] >= '0' && proto[0] <= '9') {
		const char *name = cl_value_word(&cl_values_ip_protocol, atoi(proto));

		if (name && strcmp(name, "ip") != 0)
			cmd_set(x, a->proto, "%s", name);
	}
	proto = a->proto.s;
	canon_addr(x, &src, standard);
	if (!standard)
		canon_addr(x, &dst, false);
	if (proto && (strcmp(proto, "tcp") == 0 || strcmp(proto, "udp") == 0)) {
		if ((rc = canon_ports(x, proto, &srcp)) != CMD_OK ||
		    (rc = canon_ports(x, proto, &dstp)) != CMD_OK)
			return rc;
	}
	e = (struct acl_entry_view){
		.action = a->action.s, .proto = a->proto.s,
		.src = { a->src_any.s, a->src_host.s, a->src_addr.s, a->src_wild.s },
		.dst = { a->dst_any.s, a->dst_host.s, a->dst_addr.s, a->dst_wild.s },
		.srcp = { a->src_op.s, a->src_port.s, a->src_port2.s },
		.dstp = { a->dst_op.s, a->dst_port.s, a->dst_port2.s },
		.icmp_type = a->icmp_type.s, .icmp_code = a->icmp_code.s, .icmp_msg = a->icmp_msg.s,
		.established = a->established.s, .dscp = a->dscp_val.s, .log = a->log.s,
	};
	return finish_entry(x, &e, &a->seq, &a->entry_key);
}

int
cmd_acl_remark(struct cmd_ctx *x, struct cmd_acl_remark_args *a)
{
	struct acl_entry_view e = { .action = "remark", .remark = a->text.s };

	return finish_entry(x, &e, &a->seq, &a->entry_key);
}

int
cmd_acl_resequence(struct cmd_ctx *x, struct cmd_acl_resequence_args *a)
{
	sqlite3_stmt *s = store_prepare(x->r->run, "SELECT id FROM acl WHERE name=?");
	int64_t id, *ids = NULL;
	long long start = atoll(a->start.s), step = atoll(a->step.s);
	size_t n = 0, cap = 0;
	int rc = CMD_OK;

	if (s == NULL)
		return CMD_ERR;
	sqlite3_bind_text(s, 1, a->name.s, -1, SQLITE_STATIC);
	if (sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_reset(s);
		sb_printf(x->out, "%% Access list %s not found\n", a->name.s);
		return CMD_ERR;
	}
	id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	/* the entries in their order, numbered afresh one by one; an UPDATE
	 * that counts the entries below each one would see the rows it has
	 * already renumbered */
	s = store_prepare(x->r->run, "SELECT id FROM acl_entry WHERE parent=? ORDER BY seq");
	if (s == NULL)
		return CMD_ERR;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			ids = realloc(ids, cap * sizeof(*ids));
			if (ids == NULL)
				abort();
		}
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	/* the numbers must stay ones that can be typed back */
	if (n > 0 && start + step * (long long)(n - 1) > 2147483647LL) {
		sb_adds(x->out, "% Resequencing would overflow the sequence numbers\n");
		free(ids);
		return CMD_ERR;
	}
	/* through negative numbers, so that no two entries collide midway */
	s = store_prepare(x->r->run, "UPDATE acl_entry SET seq = -seq WHERE parent=?");
	if (s == NULL) {
		free(ids);
		return CMD_ERR;
	}
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) != SQLITE_DONE)
		rc = CMD_ERR;
	sqlite3_reset(s);
	s = store_prepare(x->r->run, "UPDATE acl_entry SET seq=? WHERE id=?");
	for (size_t i = 0; rc == CMD_OK && s != NULL && i < n; i++) {
		sqlite3_bind_int64(s, 1, start + step * (long long)i);
		sqlite3_bind_int64(s, 2, ids[i]);
		if (sqlite3_step(s) != SQLITE_DONE)
			rc = CMD_ERR;
		sqlite3_reset(s);
	}
	free(ids);
	if (s == NULL || rc != CMD_OK) {
		sb_adds(x->out, "% Cannot resequence the access list\n");
		return CMD_ERR;
	}
	router_changed(x->r, x->s ? "console" : NULL);
	return CMD_OK;
}

/* ---- printing ----------------------------------------------------------- */

static int
col_index(sqlite3_stmt *s, const char *name)
{
	return store_col(s, name);
}

static const char *
col(sqlite3_stmt *s, const char *name)
{
	int i = col_index(s, name);

	return i < 0 ? NULL : (const char *)sqlite3_column_text(s, i);
}

static void
addr_text(const struct acl_addr_view *k, bool standard, bool config, struct strbuf *out)
{
	if (k->any) {
		sb_adds(out, " any");
		return;
	}
	if (k->host) {
		sb_adds(out, " host ");
		sb_adds(out, k->host);
		return;
	}
	if (k->addr == NULL)
		return;
	sb_addc(out, ' ');
	sb_adds(out, k->addr);
	if (k->wild) {
		sb_adds(out, standard && !config ? ", wildcard bits " : " ");
		sb_adds(out, k->wild);
	}
}

static void
ports_text(const struct acl_port_view *k, struct strbuf *out)
{
	if (k->op == NULL)
		return;
	sb_addc(out, ' ');
	sb_adds(out, k->op);
	sb_addc(out, ' ');
	sb_adds(out, k->port ? k->port : "?");
	if (strcmp(k->op, "range") == 0) {
		sb_addc(out, ' ');
		sb_adds(out, k->port2 ? k->port2 : "?");
	}
}

void
acl_entry_text(const struct acl_entry_view *e, bool standard, bool config, struct strbuf *out)
{
	const char *action = e->action;

	if (action && strcmp(action, "remark") == 0) {
		sb_printf(out, "remark %s", e->remark ? e->remark : "");
		return;
	}
	if (action && strcmp(action, "deny") == 0 && (standard || config))
		sb_adds(out, "deny  ");
	else
		sb_adds(out, action ? action : "permit");
	if (!standard) {
		sb_addc(out, ' ');
		sb_adds(out, e->proto ? e->proto : "ip");
	}
	addr_text(&e->src, standard, config, out);
	ports_text(&e->srcp, out);
	if (!standard) {
		addr_text(&e->dst, standard, config, out);
		ports_text(&e->dstp, out);
	}
	if (e->icmp_msg)
		sb_printf(out, " %s", e->icmp_msg);
	else if (e->icmp_type) {
		sb_printf(out, " %s", e->icmp_type);
		if (e->icmp_code)
			sb_printf(out, " %s", e->icmp_code);
	}
	if (e->established)
		sb_adds(out, " established");
	if (e->dscp)
		sb_printf(out, " dscp %s", e->dscp);
	if (e->log)
		sb_adds(out, " log");
}

/* An entry as a row of acl_entry has it. */
static void
row_view(sqlite3_stmt *s, struct acl_entry_view *e)
{
	*e = (struct acl_entry_view){
		.action = col(s, "action"), .remark = col(s, "remark"), .proto = col(s, "proto"),
		.src = { col(s, "src_any"), col(s, "src_host"), col(s, "src_addr"), col(s, "src_wild") },
		.dst = { col(s, "dst_any"), col(s, "dst_host"), col(s, "dst_addr"), col(s, "dst_wild") },
		.srcp = { col(s, "src_op"), col(s, "src_port"), col(s, "src_port2") },
		.dstp = { col(s, "dst_op"), col(s, "dst_port"), col(s, "dst_port2") },
		.icmp_type = col(s, "icmp_type"), .icmp_code = col(s, "icmp_code"),
		.icmp_msg = col(s, "icmp_msg"), .established = col(s, "established"),
		.dscp = col(s, "dscp"), .log = col(s, "log"),
	};
}

/* Are the entries of list parent numbered 10, 20, 30 ...? */
static bool
default_numbering(struct store *st, int64_t parent)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT seq FROM acl_entry WHERE parent=? ORDER BY seq");
	bool yes = true;
	long long want = 10;

	if (s == NULL)
		return false;
	sqlite3_bind_int64(s, 1, parent);
	while (yes && sqlite3_step(s) == SQLITE_ROW) {
		yes = sqlite3_column_int64(s, 0) == want;
		want += 10;
	}
	sqlite3_reset(s);
	return yes;
}

void
cmd_acl_entry_render(struct cmd_render *r)
{
	/* per list, worked out at its first entry */
	static int64_t cached_parent = -1;
	static bool cached_default, standard;
	struct acl_entry_view e;

	if (r->index == 0 || cached_parent != r->parent) {
		sqlite3_stmt *s;

		cached_parent = r->parent;
		cached_default = default_numbering(r->st, r->parent);
		standard = false;
		if ((s = store_prepare(r->st, "SELECT type FROM acl WHERE id=?")) != NULL) {
			sqlite3_bind_int64(s, 1, r->parent);
			if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
				standard = strcmp((const char *)sqlite3_column_text(s, 0), "standard") == 0;
			sqlite3_reset(s);
		}
	}
	/* IOS prints no sequence numbers here; they are kept when they are not
	 * the ones a reload would give, so the text loads back to the same list */
	if (!cached_default)
		sb_printf(r->out, "%s ", render_col(r, "seq"));
	row_view(r->row, &e);
	acl_entry_text(&e, standard, true, r->out);
}

/* ---- show ip access-lists ---------------------------------------------------- */

/* An entry as the row reader gives it, as acl_entry_text takes it; the
 * numbers are written into num. */
static void
view_of_row(const struct acl_entry_row *r, struct acl_entry_view *e, char (*num)[24])
{
	*e = (struct acl_entry_view){
		.action = r->action, .remark = r->remark, .proto = r->proto,
		.src = { r->src_any, r->src_host, r->src_addr, r->src_wild },
		.dst = { r->dst_any, r->dst_host, r->dst_addr, r->dst_wild },
		.srcp = { r->src_op, r->src_port, r->src_port2 },
		.dstp = { r->dst_op, r->dst_port, r->dst_port2 },
		.icmp_msg = r->icmp_msg,
	};
	if (r->has_icmp_type) {
		snprintf(num[0], 24, "%lld", (long long)r->icmp_type);
		e->icmp_type = num[0];
	}
	if (r->has_icmp_code) {
		snprintf(num[1], 24, "%lld", (long long)r->icmp_code);
		e->icmp_code = num[1];
	}
	if (r->has_dscp) {
		snprintf(num[2], 24, "%lld", (long long)r->dscp);
		e->dscp = num[2];
	}
	e->established = r->has_established ? "established" : NULL;
	e->log = r->has_log ? "log" : NULL;
}

struct acl_rec {
	int n;
	struct acl_show_list {
		char *name;
		bool standard;
		int n;
		struct acl_show_entry {
			int64_t seq;
			char *text;
			uint64_t hits;
		} *e;
	} *l;
};

static int
acls_text(struct strbuf *out, const void *rec)
{
	const struct acl_rec *v = rec;

	for (int i = 0; i < v->n; i++) {
		const struct acl_show_list *l = &v->l[i];

		sb_printf(out, "%s IP access list %s\n", l->standard ? "Standard" : "Extended", l->name);
		for (int k = 0; k < l->n; k++) {
			sb_printf(out, "    %lld %s", (long long)l->e[k].seq, l->e[k].text);
			if (l->e[k].hits)
				sb_printf(out, " (%llu match%s)", (unsigned long long)l->e[k].hits,
				    l->e[k].hits == 1 ? "" : "es");
			sb_addc(out, '\n');
		}
	}
	return CMD_OK;
}

static int
acls_json(struct json *j, const void *rec)
{
	const struct acl_rec *v = rec;

	json_arr(j, NULL);
	for (int i = 0; i < v->n; i++) {
		const struct acl_show_list *l = &v->l[i];

		json_obj(j, NULL);
		json_str(j, "name", l->name);
		json_str(j, "type", l->standard ? "standard" : "extended");
		json_arr(j, "entries");
		for (int k = 0; k < l->n; k++) {
			json_obj(j, NULL);
			json_i64(j, "seq", l->e[k].seq);
			json_str(j, "entry", l->e[k].text);
			json_u64(j, "matches", l->e[k].hits);
			json_end_obj(j);
		}
		json_end_arr(j);
		json_end_obj(j);
	}
	json_end_arr(j);
	return CMD_OK;
}

static const struct show_printer acls_printer = { acls_text, acls_json };

int
acl_show(struct cmd_ctx *x, const char *name)
{
	struct store *st = x->r->run;
	struct acl_rec v = { 0 };
	struct acl_row a;
	struct rows it, ie;
	int rc;

	for (acl_all(st, &it); acl_next(&it, &a);) {
		struct acl_show_list *l;
		struct acl_entry_row e;

		if (name && strcmp(a.name, name) != 0)
			continue;
		v.l = realloc(v.l, (size_t)(v.n + 1) * sizeof(*v.l));
		if (v.l == NULL)
			abort();
		l = &v.l[v.n++];
		*l = (struct acl_show_list){ .name = strdup(a.name),
		    .standard = a.type && strcmp(a.type, "standard") == 0 };
		if (l->name == NULL)
			abort();
		for (acl_entry_of(st, a.id, &ie); acl_entry_next(&ie, &e);) {
			struct strbuf t = STRBUF_INIT;
			struct acl_entry_view view;
			char num[3][24];

			view_of_row(&e, &view, num);
			acl_entry_text(&view, l->standard, false, &t);
			l->e = realloc(l->e, (size_t)(l->n + 1) * sizeof(*l->e));
			if (l->e == NULL)
				abort();
			l->e[l->n++] = (struct acl_show_entry){ e.seq, t.s ? t.s : strdup(""),
			    acl_hits(e.id) };
		}
	}
	rc = show_print(x, &acls_printer, &v);
	for (int i = 0; i < v.n; i++) {
		for (int k = 0; k < v.l[i].n; k++)
			free(v.l[i].e[k].text);
		free(v.l[i].e);
		free(v.l[i].name);
	}
	free(v.l);
	return rc;
}
