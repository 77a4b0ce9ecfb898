/*
 * pmip_show.c — the PMIPv6 show formatters (see pmip_show.h).
 *
 * Layout, decided here because no public capture of the IOS output exists
 * (shared/reference/ios-reference.md §2.1 marks it inferred): one record per
 * object between dashed lines, "Key : value" lines with the key padded to
 * one column, sub-objects indented two spaces.  References to things that
 * are not configured (yet) are marked "(not defined)", as IOS lets them be
 * made before what they name.  The JSON form has the same fields, with
 * snake_case keys and a "defined": false beside forward references.
 *
 * Called by the show handlers in src/cmd/pmipv6-*.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "pmip_show.h"
#include "router.h"
#include "store.h"
#include "strbuf.h"

#define KEYCOL 28
#define RULE "--------------------------------------------------\n"

/* One output in either form: text lines or JSON members. */
struct fmt {
	bool json;
	struct json j;
	struct strbuf *out;
	int indent;
};

static void
fmt_begin(struct fmt *f, bool json, struct strbuf *out)
{
	memset(f, 0, sizeof(*f));
	f->json = json;
	f->out = out;
	if (json) {
		json_begin(&f->j, out);
		json_arr(&f->j, NULL);
	}
}

static void
fmt_end(struct fmt *f)
{
	if (f->json) {
		json_end_arr(&f->j);
		json_finish(&f->j);
	}
}

static void
text_kv(struct fmt *f, const char *label, const char *value)
{
	int pad = KEYCOL - f->indent;

	sb_pad(f->out, ' ', (size_t)f->indent);
	sb_adds(f->out, label);
	if ((int)strlen(label) < pad)
		sb_pad(f->out, ' ', (size_t)(pad - (int)strlen(label)));
	else
		sb_addc(f->out, ' ');
	sb_adds(f->out, ": ");
	sb_adds(f->out, value);
	sb_addc(f->out, '\n');
}

/* A top-level record: a rule above it in text. */
static void
fmt_record(struct fmt *f, const char *key, const char *label, const char *name)
{
	if (f->json) {
		json_obj(&f->j, NULL);
		json_str(&f->j, key, name);
		return;
	}
	sb_adds(f->out, RULE);
	f->indent = 0;
	text_kv(f, label, name);
	f->indent = 2;
}

static void
fmt_end_record(struct fmt *f)
{
	if (f->json)
		json_end_obj(&f->j);
	else {
		sb_adds(f->out, RULE);
		f->indent = 0;
	}
}

static void __attribute__((format(printf, 4, 5)))
fmt_kv(struct fmt *f, const char *key, const char *label, const char *vfmt, ...)
{
	struct strbuf v = STRBUF_INIT;
	va_list ap;

	va_start(ap, vfmt);
	sb_vprintf(&v, vfmt, ap);
	va_end(ap);
	if (f->json)
		json_str(&f->j, key, v.s ? v.s : "");
	else
		text_kv(f, label, v.s ? v.s : "");
	sb_free(&v);
}

static void
fmt_num(struct fmt *f, const char *key, const char *label, long long n, const char *unit)
{
	if (f->json)
		json_i64(&f->j, key, n);
	else {
		char t[64];

		snprintf(t, sizeof(t), "%lld%s%s", n, unit ? " " : "", unit ? unit : "");
		text_kv(f, label, t);
	}
}

static void
fmt_bool(struct fmt *f, const char *key, const char *label, bool v)
{
	if (f->json)
		json_bool(&f->j, key, v);
	else
		text_kv(f, label, v ? "Enabled" : "Disabled");
}

/* A list of sub-objects: a JSON array; nothing in text. */
static void
fmt_list(struct fmt *f, const char *key)
{
	if (f->json)
		json_arr(&f->j, key);
}

static void
fmt_end_list(struct fmt *f)
{
	if (f->json)
		json_end_arr(&f->j);
}

/* A sub-object: "label : summary" in text, its members indented below. */
static void
fmt_sub(struct fmt *f, const char *label, const char *summary)
{
	if (f->json) {
		json_obj(&f->j, NULL);
		return;
	}
	if (*summary)
		text_kv(f, label, summary);
	else {
		sb_pad(f->out, ' ', (size_t)f->indent);
		sb_adds(f->out, label);
		sb_addc(f->out, '\n');
	}
	f->indent += 2;
}

static void
fmt_end_sub(struct fmt *f)
{
	if (f->json)
		json_end_obj(&f->j);
	else
		f->indent -= 2;
}

/* ---- store access ------------------------------------------------------- */

static const char *
col(sqlite3_stmt *s, const char *name)
{
	int i = store_col(s, name);

	return i < 0 ? NULL : (const char *)sqlite3_column_text(s, i);
}

static long long
coln(sqlite3_stmt *s, const char *name, long long dflt)
{
	int i = store_col(s, name);

	if (i < 0 || sqlite3_column_type(s, i) == SQLITE_NULL)
		return dflt;
	return sqlite3_column_int64(s, i);
}

static bool
exists(struct router *r, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *s = store_prepare(r->run, sql);
	bool yes;

	if (s == NULL)
		return false;
	sqlite3_bind_text(s, 1, a, -1, SQLITE_TRANSIENT);
	if (b)
		sqlite3_bind_text(s, 2, b, -1, SQLITE_TRANSIENT);
	yes = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	return yes;
}

static bool
acl_defined(struct router *r, const char *name)
{
	return exists(r, "SELECT 1 FROM acl WHERE name=?", name, NULL);
}

static bool
domain_defined(struct router *r, const char *name)
{
	return exists(r, "SELECT 1 FROM pmip_domain WHERE name=?", name, NULL);
}

static bool
map_defined(struct router *r, const char *domain, const char *map)
{
	return exists(r, "SELECT 1 FROM mobile_map m JOIN pmip_domain d ON m.parent=d.id "
	    "WHERE d.name=? AND m.name=?", domain, map);
}

/* A reference and whether what it names exists. */
static void
fmt_ref(struct fmt *f, const char *key, const char *label, const char *name, bool defined)
{
	if (f->json) {
		json_obj(&f->j, key);
		json_str(&f->j, "name", name);
		json_bool(&f->j, "defined", defined);
		json_end_obj(&f->j);
		return;
	}
	if (defined)
		text_kv(f, label, name);
	else {
		struct strbuf v = STRBUF_INIT;

		sb_printf(&v, "%s (not defined)", name);
		text_kv(f, label, v.s);
		sb_free(&v);
	}
}

static const char *
encap_text(const char *e)
{
	if (e && strcmp(e, "udptunnel") == 0)
		return "UDP tunnel";
	return "GRE IPv4";
}

static void
addr_summary(sqlite3_stmt *s, const char *v4col, const char *v6col, struct strbuf *out)
{
	const char *v4 = col(s, v4col), *v6 = col(s, v6col);

	if (v4)
		sb_printf(out, "IPv4 %s", v4);
	if (v6)
		sb_printf(out, "%sIPv6 %s", v4 ? ", " : "", v6);
	if (!v4 && !v6)
		sb_adds(out, "no address");
}

static void
fmt_peer(struct fmt *f, sqlite3_stmt *s, const char *what)
{
	struct strbuf v = STRBUF_INIT;
	const char *name = col(s, "name");
	char label[64];

	if (f->json) {
		json_obj(&f->j, NULL);
		json_str(&f->j, "name", name);
		json_str(&f->j, "domain", col(s, "domain"));
		json_str(&f->j, "ipv4_address", col(s, "ipv4"));
		json_str(&f->j, "ipv6_address", col(s, "ipv6"));
		if (store_col(s, "encap") >= 0)
			json_str(&f->j, "encapsulation", col(s, "encap"));
		if (store_col(s, "auth_spi") >= 0 && col(s, "auth_spi"))
			json_i64(&f->j, "auth_spi", coln(s, "auth_spi", 0));
		json_end_obj(&f->j);
		return;
	}
	snprintf(label, sizeof(label), "%s %s", what, name);
	addr_summary(s, "ipv4", "ipv6", &v);
	if (store_col(s, "domain") >= 0 && col(s, "domain"))
		sb_printf(&v, ", domain %s", col(s, "domain"));
	if (store_col(s, "encap") >= 0 && col(s, "encap"))
		sb_printf(&v, ", %s", encap_text(col(s, "encap")));
	if (store_col(s, "auth_spi") >= 0 && col(s, "auth_spi"))
		sb_printf(&v, ", auth SPI %s", col(s, "auth_spi"));
	text_kv(f, label, v.s);
	sb_free(&v);
}

/* ---- domains ------------------------------------------------------------ */

static void
auth_text(sqlite3_stmt *s, struct strbuf *v)
{
	if (col(s, "auth_spi") == NULL) {
		sb_adds(v, "None");
		return;
	}
	sb_printf(v, "SPI %s, %s key", col(s, "auth_spi"), col(s, "auth_key_hex") ? "hex" : "ascii");
}

int
pmip_show_domain(struct router *r, const char *name, bool json, struct strbuf *out)
{
	sqlite3_stmt *d = store_prepare(r->run, name ?
	    "SELECT * FROM pmip_domain WHERE name=? ORDER BY name" :
	    "SELECT * FROM pmip_domain ORDER BY name");
	struct fmt f;
	int n = 0;

	if (d == NULL)
		return -1;
	if (name)
		sqlite3_bind_text(d, 1, name, -1, SQLITE_TRANSIENT);
	fmt_begin(&f, json, out);
	while (sqlite3_step(d) == SQLITE_ROW) {
		int64_t id = coln(d, "id", 0);
		struct strbuf v = STRBUF_INIT;
		sqlite3_stmt *s;

		n++;
		fmt_record(&f, "domain", "Domain", col(d, "name"));
		fmt_kv(&f, "encapsulation", "Encapsulation", "%s", encap_text(col(d, "encap")));
		if (col(d, "replay")) {
			if (json) {
				json_obj(&f.j, "replay_protection");
				json_str(&f.j, "method", "timestamp");
				json_i64(&f.j, "window", coln(d, "replay_window", 7));
				json_end_obj(&f.j);
			} else
				fmt_kv(&f, NULL, "Replay protection", "timestamp, window %lld sec",
				    coln(d, "replay_window", 7));
		} else
			fmt_kv(&f, "replay_protection", "Replay protection", "%s", "None");
		auth_text(d, &v);
		fmt_kv(&f, "authentication", "Authentication", "%s", v.s);
		sb_free(&v);

		fmt_list(&f, "lmas");
		s = store_prepare(r->run, "SELECT * FROM domain_lma WHERE parent=? ORDER BY id");
		sqlite3_bind_int64(s, 1, id);
		while (sqlite3_step(s) == SQLITE_ROW)
			fmt_peer(&f, s, "LMA");
		sqlite3_reset(s);
		fmt_end_list(&f);

		fmt_list(&f, "mags");
		s = store_prepare(r->run, "SELECT * FROM domain_mag WHERE parent=? ORDER BY id");
		sqlite3_bind_int64(s, 1, id);
		while (sqlite3_step(s) == SQLITE_ROW)
			fmt_peer(&f, s, "MAG");
		sqlite3_reset(s);
		fmt_end_list(&f);

		fmt_list(&f, "mobile_nodes");
		s = store_prepare(r->run, "SELECT * FROM domain_nai WHERE parent=? ORDER BY id");
		sqlite3_bind_int64(s, 1, id);
		while (sqlite3_step(s) == SQLITE_ROW) {
			struct strbuf sum = STRBUF_INIT;

			if (col(s, "network"))
				sb_printf(&sum, "network %s", col(s, "network"));
			if (col(s, "lma"))
				sb_printf(&sum, "%sLMA %s", sum.len ? ", " : "", col(s, "lma"));
			if (col(s, "int_att"))
				sb_printf(&sum, "%s%s %s", sum.len ? ", " : "", col(s, "int_att"),
				    col(s, "l2_addr"));
			if (col(s, "gre_up"))
				sb_printf(&sum, "%sGRE keys up %s down %s", sum.len ? ", " : "",
				    col(s, "gre_up"), col(s, "gre_down"));
			if (json) {
				json_obj(&f.j, NULL);
				json_str(&f.j, "nai", col(s, "nai"));
				json_str(&f.j, "network", col(s, "network"));
				json_str(&f.j, "lma", col(s, "lma"));
				json_str(&f.j, "access_technology", col(s, "int_att"));
				json_str(&f.j, "l2_address", col(s, "l2_addr"));
				json_end_obj(&f.j);
			} else {
				char label[300];

				snprintf(label, sizeof(label), "Mobile node %s", col(s, "nai"));
				text_kv(&f, label, sum.len ? sum.s : "no attributes");
			}
			sb_free(&sum);
		}
		sqlite3_reset(s);
		fmt_end_list(&f);

		fmt_list(&f, "mobile_maps");
		s = store_prepare(r->run, "SELECT name, count(*) AS n FROM mobile_map WHERE parent=? "
		    "GROUP BY name ORDER BY name");
		sqlite3_bind_int64(s, 1, id);
		while (sqlite3_step(s) == SQLITE_ROW) {
			if (json) {
				json_obj(&f.j, NULL);
				json_str(&f.j, "name", col(s, "name"));
				json_i64(&f.j, "entries", coln(s, "n", 0));
				json_end_obj(&f.j);
			} else
				fmt_kv(&f, NULL, "Mobile map", "%s (%lld entr%s)", col(s, "name"),
				    coln(s, "n", 0), coln(s, "n", 0) == 1 ? "y" : "ies");
		}
		sqlite3_reset(s);
		fmt_end_list(&f);
		fmt_end_record(&f);
	}
	sqlite3_reset(d);
	fmt_end(&f);
	if (name && n == 0 && !json) {
		sb_printf(out, "%% PMIPv6 domain %s is not configured\n", name);
		return -1;
	}
	return 0;
}

/* ---- mobile maps -------------------------------------------------------- */

static bool
label_defined(struct router *r, const char *label)
{
	return exists(r, "SELECT 1 FROM mag_roaming WHERE label=?", label, NULL);
}

static bool
have_mag(struct router *r)
{
	sqlite3_stmt *s = store_prepare(r->run, "SELECT 1 FROM pmip_mag");
	bool yes = s && sqlite3_step(s) == SQLITE_ROW;

	if (s)
		sqlite3_reset(s);
	return yes;
}

static bool
profile_defined(struct router *r, const char *name)
{
	return exists(r, "SELECT 1 FROM haccess_profile WHERE name=?", name, NULL);
}

int
pmip_show_mobile_map(struct router *r, const char *name, bool json, struct strbuf *out)
{
	sqlite3_stmt *m = store_prepare(r->run, name ?
	    "SELECT m.*, d.name AS domain FROM mobile_map m JOIN pmip_domain d ON m.parent = d.id "
	    "WHERE m.name=? ORDER BY d.name, m.name, m.seq" :
	    "SELECT m.*, d.name AS domain FROM mobile_map m JOIN pmip_domain d ON m.parent = d.id "
	    "ORDER BY d.name, m.name, m.seq");
	struct fmt f;
	char cur[512] = "";
	int n = 0;
	bool mag = have_mag(r), open = false;

	if (m == NULL)
		return -1;
	if (name)
		sqlite3_bind_text(m, 1, name, -1, SQLITE_TRANSIENT);
	fmt_begin(&f, json, out);
	while (sqlite3_step(m) == SQLITE_ROW) {
		char key[512];
		const char *links[3] = { col(m, "link1"), col(m, "link2"), col(m, "link3") };

		n++;
		snprintf(key, sizeof(key), "%s\n%s", col(m, "domain"), col(m, "name"));
		if (strcmp(key, cur) != 0) {
			sqlite3_stmt *u;
			struct strbuf users = STRBUF_INIT;

			if (open) {
				fmt_end_list(&f);
				fmt_end_record(&f);
			}
			open = true;
			snprintf(cur, sizeof(cur), "%s", key);
			fmt_record(&f, "mobile_map", "Mobile map", col(m, "name"));
			fmt_kv(&f, "domain", "Domain", "%s", col(m, "domain"));
			/* who applies it: the one map active on a MAG or LMA */
			u = store_prepare(r->run, "SELECT 'MAG ' || name FROM pmip_mag WHERE mobile_map=? "
			    "AND domain=? UNION ALL SELECT 'LMA ' || name FROM pmip_lma WHERE mobile_map=? "
			    "AND domain=?");
			sqlite3_bind_text(u, 1, col(m, "name"), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(u, 2, col(m, "domain"), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(u, 3, col(m, "name"), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(u, 4, col(m, "domain"), -1, SQLITE_TRANSIENT);
			if (json)
				json_arr(&f.j, "applied_by");
			while (sqlite3_step(u) == SQLITE_ROW) {
				if (json)
					json_str(&f.j, NULL, (const char *)sqlite3_column_text(u, 0));
				else
					sb_printf(&users, "%s%s", users.len ? ", " : "",
					    (const char *)sqlite3_column_text(u, 0));
			}
			sqlite3_reset(u);
			if (json)
				json_end_arr(&f.j);
			else
				text_kv(&f, "Applied by", users.len ? users.s : "none");
			sb_free(&users);
			fmt_list(&f, "entries");
		}
		{
			char seq[32];

			snprintf(seq, sizeof(seq), "%lld", coln(m, "seq", 0));
			if (json) {
				json_obj(&f.j, NULL);
				json_i64(&f.j, "seq", coln(m, "seq", 0));
			} else {
				char label[48];

				snprintf(label, sizeof(label), "Entry %s", seq);
				fmt_sub(&f, label, "");
			}
		}
		if (col(m, "acl"))
			fmt_ref(&f, "match_access_list", "Match access-list", col(m, "acl"),
			    acl_defined(r, col(m, "acl")));
		else
			fmt_kv(&f, "match_access_list", "Match access-list", "%s", "none (matches nothing)");
		if (json) {
			json_arr(&f.j, "link_types");
			for (int i = 0; i < 3; i++)
				if (links[i]) {
					json_obj(&f.j, NULL);
					json_str(&f.j, "label", links[i]);
					json_bool(&f.j, "defined", !mag || label_defined(r, links[i]));
					json_end_obj(&f.j);
				}
			json_end_arr(&f.j);
			json_bool(&f.j, "null", col(m, "link_null") != NULL);
		} else {
			struct strbuf v = STRBUF_INIT;

			for (int i = 0; i < 3; i++)
				if (links[i]) {
					sb_printf(&v, "%s%s", v.len ? " " : "", links[i]);
					if (mag && !label_defined(r, links[i]))
						sb_adds(&v, " (not defined)");
				}
			if (col(m, "link_null"))
				sb_printf(&v, "%snull", v.len ? " " : "");
			text_kv(&f, "Link types", v.len ? v.s : "none");
			sb_free(&v);
		}
		if (col(m, "traffic_profile"))
			fmt_ref(&f, "traffic_profile", "Traffic profile", col(m, "traffic_profile"),
			    !mag || profile_defined(r, col(m, "traffic_profile")));
		if (json)
			json_end_obj(&f.j);
		else
			fmt_end_sub(&f);
	}
	sqlite3_reset(m);
	if (open) {
		fmt_end_list(&f);
		fmt_end_record(&f);
	}
	fmt_end(&f);
	if (name && n == 0 && !json) {
		sb_printf(out, "%% Mobile map %s is not configured\n", name);
		return -1;
	}
	return 0;
}

/* ---- MAG and LMA -------------------------------------------------------- */

static void
common_globals(struct fmt *f, struct router *r, sqlite3_stmt *s)
{
	const char *dom = col(s, "domain"), *map = col(s, "mobile_map"), *acl = col(s, "tunnel_acl");
	sqlite3_stmt *d = store_prepare(r->run, "SELECT encap FROM pmip_domain WHERE name=?");
	const char *encap = NULL;
	char encbuf[32] = "";

	fmt_ref(f, "domain", "Domain", dom, domain_defined(r, dom));
	sqlite3_bind_text(d, 1, dom, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(d) == SQLITE_ROW && sqlite3_column_text(d, 0))
		snprintf(encbuf, sizeof(encbuf), "%s", (const char *)sqlite3_column_text(d, 0));
	sqlite3_reset(d);
	encap = encbuf[0] ? encbuf : NULL;
	fmt_kv(f, "encapsulation", "Encapsulation", "%s", encap_text(encap));
	if (col(s, "address_v4") || col(s, "address_v6")) {
		struct strbuf v = STRBUF_INIT;

		addr_summary(s, "address_v4", "address_v6", &v);
		fmt_kv(f, "address", "Address", "%s", v.s);
		sb_free(&v);
	}
	fmt_bool(f, "multipath", "Multipath", col(s, "multipath") != NULL);
	if (col(s, "hb")) {
		if (f->json) {
			json_obj(&f->j, "heartbeat");
			json_i64(&f->j, "interval", coln(s, "hb_interval", 60));
			json_i64(&f->j, "retries", coln(s, "hb_retries", 3));
			if (store_col(s, "hb_label") >= 0)
				json_str(&f->j, "label", col(s, "hb_label"));
			json_end_obj(&f->j);
		} else {
			struct strbuf v = STRBUF_INIT;

			sb_printf(&v, "interval %lld sec, retries %lld", coln(s, "hb_interval", 60),
			    coln(s, "hb_retries", 3));
			if (store_col(s, "hb_label") >= 0 && col(s, "hb_label"))
				sb_printf(&v, ", label %s", col(s, "hb_label"));
			if (store_col(s, "hb_natreboot") >= 0 && col(s, "hb_natreboot"))
				sb_adds(&v, ", natreboot");
			text_kv(f, "Heartbeat", v.s);
			sb_free(&v);
		}
	} else
		fmt_kv(f, "heartbeat", "Heartbeat", "%s", "Disabled");
	fmt_num(f, "bce_maximum", "Maximum BCE", coln(s, "bce_max", 128000), NULL);
	if (map)
		fmt_ref(f, "mobile_map", "Mobile map", map, map_defined(r, dom, map));
	else
		fmt_kv(f, "mobile_map", "Mobile map", "%s", "none");
	fmt_num(f, "tunnel_mtu", "Tunnel MTU", coln(s, "tunnel_mtu", 1500), NULL);
	if (acl)
		fmt_ref(f, "tunnel_acl", "Tunnel ACL", acl, acl_defined(r, acl));
	if (col(s, "egress_if"))
		fmt_kv(f, "egress_interface", "Egress interface", "%s", col(s, "egress_if"));
}

void
pmip_show_mag_globals(struct router *r, bool json, struct strbuf *out)
{
	sqlite3_stmt *m = store_prepare(r->run, "SELECT * FROM pmip_mag ORDER BY name");
	struct fmt f;

	if (m == NULL)
		return;
	fmt_begin(&f, json, out);
	while (sqlite3_step(m) == SQLITE_ROW) {
		int64_t id = coln(m, "id", 0);
		sqlite3_stmt *s;

		fmt_record(&f, "mag", "MAG Identifier", col(m, "name"));
		common_globals(&f, r, m);
		fmt_list(&f, "roaming_interfaces");
		s = store_prepare(r->run, "SELECT * FROM mag_roaming WHERE parent=? ORDER BY id");
		sqlite3_bind_int64(s, 1, id);
		while (sqlite3_step(s) == SQLITE_ROW) {
			if (json) {
				json_obj(&f.j, NULL);
				json_str(&f.j, "interface", col(s, "ifname"));
				json_i64(&f.j, "priority", coln(s, "priority", 0));
				json_str(&f.j, "egress_att", col(s, "att"));
				json_str(&f.j, "label", col(s, "label"));
				json_end_obj(&f.j);
			} else {
				struct strbuf v = STRBUF_INIT;
				char label[80];

				sb_printf(&v, "priority %lld", coln(s, "priority", 0));
				if (col(s, "att"))
					sb_printf(&v, ", egress-att %s", col(s, "att"));
				if (col(s, "label"))
					sb_printf(&v, ", label %s", col(s, "label"));
				snprintf(label, sizeof(label), "Roaming %s", col(s, "ifname"));
				text_kv(&f, label, v.s);
				sb_free(&v);
			}
		}
		sqlite3_reset(s);
		fmt_end_list(&f);
		fmt_list(&f, "lmas");
		s = store_prepare(r->run, "SELECT * FROM mag_lma WHERE parent=? ORDER BY id");
		sqlite3_bind_int64(s, 1, id);
		while (sqlite3_step(s) == SQLITE_ROW)
			fmt_peer(&f, s, "LMA");
		sqlite3_reset(s);
		fmt_end_list(&f);
		fmt_list(&f, "logical_mns");
		s = store_prepare(r->run, "SELECT l.nai, l.home_if, (SELECT group_concat(ifname, ' ') "
		    "FROM lmn_network n WHERE n.parent = l.id) AS nets FROM mag_lmn l WHERE parent=? "
		    "ORDER BY id");
		sqlite3_bind_int64(s, 1, id);
		while (sqlite3_step(s) == SQLITE_ROW) {
			if (json) {
				json_obj(&f.j, NULL);
				json_str(&f.j, "nai", col(s, "nai"));
				json_str(&f.j, "home_interface", col(s, "home_if"));
				json_str(&f.j, "mobile_networks", col(s, "nets"));
				json_end_obj(&f.j);
			} else {
				struct strbuf v = STRBUF_INIT;
				char label[300];

				sb_printf(&v, "home %s, mobile networks %s",
				    col(s, "home_if") ? col(s, "home_if") : "none",
				    col(s, "nets") ? col(s, "nets") : "none");
				snprintf(label, sizeof(label), "Logical MN %s", col(s, "nai"));
				text_kv(&f, label, v.s);
				sb_free(&v);
			}
		}
		sqlite3_reset(s);
		fmt_end_list(&f);
		fmt_bool(&f, "hybrid_access", "Hybrid access", col(m, "hybrid_access") != NULL);
		fmt_list(&f, "profiles");
		s = store_prepare(r->run, "SELECT * FROM haccess_profile WHERE parent=? ORDER BY name");
		sqlite3_bind_int64(s, 1, id);
		while (sqlite3_step(s) == SQLITE_ROW) {
			if (json) {
				json_obj(&f.j, NULL);
				json_str(&f.j, "name", col(s, "name"));
				if (col(s, "jitter"))
					json_i64(&f.j, "jitter_ms", coln(s, "jitter", 0));
				if (col(s, "rtt"))
					json_i64(&f.j, "rtt_ms", coln(s, "rtt", 0));
				if (col(s, "packet_loss"))
					json_i64(&f.j, "packet_loss_pct", coln(s, "packet_loss", 0));
				json_end_obj(&f.j);
			} else {
				struct strbuf v = STRBUF_INIT;
				char label[300];

				if (col(s, "jitter"))
					sb_printf(&v, "jitter %s ms", col(s, "jitter"));
				if (col(s, "rtt"))
					sb_printf(&v, "%srtt %s ms", v.len ? ", " : "", col(s, "rtt"));
				if (col(s, "packet_loss"))
					sb_printf(&v, "%spacket-loss %s %%", v.len ? ", " : "",
					    col(s, "packet_loss"));
				snprintf(label, sizeof(label), "Profile %s", col(s, "name"));
				text_kv(&f, label, v.len ? v.s : "no requirement");
				sb_free(&v);
			}
		}
		sqlite3_reset(s);
		fmt_end_list(&f);
		fmt_num(&f, "bindings", "Bindings", (long long)router_bindings(r), NULL);
		fmt_end_record(&f);
	}
	sqlite3_reset(m);
	fmt_end(&f);
}

static bool
pool_defined(struct router *r, const char *name, bool v6)
{
	return exists(r, v6 ? "SELECT 1 FROM ipv6_local_pool WHERE name=?" :
	    "SELECT 1 FROM ip_local_pool WHERE name=?", name, NULL);
}

void
pmip_show_lma_globals(struct router *r, bool json, struct strbuf *out)
{
	sqlite3_stmt *l = store_prepare(r->run, "SELECT * FROM pmip_lma ORDER BY name");
	struct fmt f;

	if (l == NULL)
		return;
	fmt_begin(&f, json, out);
	while (sqlite3_step(l) == SQLITE_ROW) {
		int64_t id = coln(l, "id", 0);
		sqlite3_stmt *s;

		fmt_record(&f, "lma", "LMA Identifier", col(l, "name"));
		common_globals(&f, r, l);
		fmt_bool(&f, "dynamic_mag_learning", "Dynamic MAG learning", col(l, "dynamic_mag") != NULL);
		if (col(l, "default_profile"))
			fmt_kv(&f, "default_profile", "Default profile", "%s", col(l, "default_profile"));
		fmt_num(&f, "hnp_maximum", "Maximum HNP", coln(l, "hnp_max", 1), NULL);
		fmt_list(&f, "mags");
		s = store_prepare(r->run, "SELECT * FROM lma_mag WHERE parent=? ORDER BY id");
		sqlite3_bind_int64(s, 1, id);
		while (sqlite3_step(s) == SQLITE_ROW)
			fmt_peer(&f, s, "MAG");
		sqlite3_reset(s);
		fmt_end_list(&f);
		fmt_list(&f, "networks");
		s = store_prepare(r->run, "SELECT * FROM lma_network WHERE parent=? ORDER BY id");
		sqlite3_bind_int64(s, 1, id);
		while (sqlite3_step(s) == SQLITE_ROW) {
			sqlite3_stmt *p;
			char label[300];

			snprintf(label, sizeof(label), "Network %s", col(s, "name"));
			if (json) {
				json_obj(&f.j, NULL);
				json_str(&f.j, "name", col(s, "name"));
			} else
				fmt_sub(&f, label, "");
			if (col(s, "pool_v4")) {
				if (json) {
					json_obj(&f.j, "pool_ipv4");
					json_str(&f.j, "name", col(s, "pool_v4"));
					json_i64(&f.j, "prefix_length", coln(s, "pool_v4_pfxlen", 0));
					json_bool(&f.j, "defined", pool_defined(r, col(s, "pool_v4"), false));
					json_end_obj(&f.j);
				} else
					fmt_kv(&f, NULL, "IPv4 pool", "%s, prefix length %s%s",
					    col(s, "pool_v4"), col(s, "pool_v4_pfxlen"),
					    pool_defined(r, col(s, "pool_v4"), false) ? "" :
					    " (not defined)");
			}
			if (col(s, "pool_v6")) {
				if (json) {
					json_obj(&f.j, "pool_ipv6");
					json_str(&f.j, "name", col(s, "pool_v6"));
					json_i64(&f.j, "prefix_length", coln(s, "pool_v6_pfxlen", 0));
					json_bool(&f.j, "defined", pool_defined(r, col(s, "pool_v6"), true));
					json_end_obj(&f.j);
				} else
					fmt_kv(&f, NULL, "IPv6 pool", "%s, prefix length %s%s",
					    col(s, "pool_v6"), col(s, "pool_v6_pfxlen"),
					    pool_defined(r, col(s, "pool_v6"), true) ? "" :
					    " (not defined)");
			}
			fmt_list(&f, "mobile_network_pools");
			p = store_prepare(r->run, "SELECT * FROM lma_mnet_pool WHERE parent=? ORDER BY id");
			sqlite3_bind_int64(p, 1, coln(s, "id", 0));
			while (sqlite3_step(p) == SQLITE_ROW) {
				long long pp = coln(p, "pool_prefix", 0), np = coln(p, "network_prefix", 0);
				long long count = np - pp >= 62 ? -1 : 1LL << (np - pp);

				if (json) {
					json_obj(&f.j, NULL);
					json_str(&f.j, "family", col(p, "family"));
					json_str(&f.j, "address", col(p, "addr"));
					json_i64(&f.j, "pool_prefix", pp);
					json_i64(&f.j, "network_prefix", np);
					json_i64(&f.j, "prefixes", count);
					json_end_obj(&f.j);
				} else {
					char k[96];

					snprintf(k, sizeof(k), "Mobile network %s/%lld", col(p, "addr"), pp);
					if (count < 0)
						fmt_kv(&f, NULL, k, "/%lld prefixes", np);
					else
						fmt_kv(&f, NULL, k, "%lld /%lld prefix%s", count, np,
						    count == 1 ? "" : "es");
				}
			}
			sqlite3_reset(p);
			fmt_end_list(&f);
			if (json)
				json_end_obj(&f.j);
			else
				fmt_end_sub(&f);
		}
		sqlite3_reset(s);
		fmt_end_list(&f);
		fmt_num(&f, "bindings", "Bindings", (long long)router_bindings(r), NULL);
		fmt_end_record(&f);
	}
	sqlite3_reset(l);
	fmt_end(&f);
}
