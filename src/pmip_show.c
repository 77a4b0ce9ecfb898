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
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "json.h"
#include "mobility/mob.h"
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
	const char *v4 = store_text(s, v4col), *v6 = store_text(s, v6col);

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
	const char *name = store_text(s, "name");
	char label[64];

	if (f->json) {
		json_obj(&f->j, NULL);
		json_str(&f->j, "name", name);
		json_str(&f->j, "domain", store_text(s, "domain"));
		json_str(&f->j, "ipv4_address", store_text(s, "ipv4"));
		json_str(&f->j, "ipv6_address", store_text(s, "ipv6"));
		if (store_col(s, "encap") >= 0)
			json_str(&f->j, "encapsulation", store_text(s, "encap"));
		if (store_col(s, "auth_spi") >= 0 && store_text(s, "auth_spi"))
			json_i64(&f->j, "auth_spi", store_int(s, "auth_spi", 0));
		json_end_obj(&f->j);
		return;
	}
	snprintf(label, sizeof(label), "%s %s", what, name);
	addr_summary(s, "ipv4", "ipv6", &v);
	if (store_col(s, "domain") >= 0 && store_text(s, "domain"))
		sb_printf(&v, ", domain %s", store_text(s, "domain"));
	if (store_col(s, "encap") >= 0 && store_text(s, "encap"))
		sb_printf(&v, ", %s", encap_text(store_text(s, "encap")));
	if (store_col(s, "auth_spi") >= 0 && store_text(s, "auth_spi"))
		sb_printf(&v, ", auth SPI %s", store_text(s, "auth_spi"));
	text_kv(f, label, v.s);
	sb_free(&v);
}

/* ---- domains ------------------------------------------------------------ */

static void
auth_text(sqlite3_stmt *s, struct strbuf *v)
{
	if (store_text(s, "auth_spi") == NULL) {
		sb_adds(v, "None");
		return;
	}
	sb_printf(v, "SPI %s, %s key", store_text(s, "auth_spi"),
	    store_text(s, "auth_key_hex") ? "hex" : "ascii");
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
		int64_t id = store_int(d, "id", 0);
		struct strbuf v = STRBUF_INIT;
		sqlite3_stmt *s;

		n++;
		fmt_record(&f, "domain", "Domain", store_text(d, "name"));
		fmt_kv(&f, "encapsulation", "Encapsulation", "%s", encap_text(store_text(d, "encap")));
		if (store_text(d, "replay")) {
			if (json) {
				json_obj(&f.j, "replay_protection");
				json_str(&f.j, "method", "timestamp");
				json_i64(&f.j, "window", store_int(d, "replay_window", 7));
				json_end_obj(&f.j);
			} else
				fmt_kv(&f, NULL, "Replay protection", "timestamp, window %lld sec",
				    store_int(d, "replay_window", 7));
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

			if (store_text(s, "network"))
				sb_printf(&sum, "network %s", store_text(s, "network"));
			if (store_text(s, "lma"))
				sb_printf(&sum, "%sLMA %s", sum.len ? ", " : "", store_text(s, "lma"));
			if (store_text(s, "int_att"))
				sb_printf(&sum, "%s%s %s", sum.len ? ", " : "", store_text(s, "int_att"),
				    store_text(s, "l2_addr"));
			if (store_text(s, "gre_up"))
				sb_printf(&sum, "%sGRE keys up %s down %s", sum.len ? ", " : "",
				    store_text(s, "gre_up"), store_text(s, "gre_down"));
			if (json) {
				json_obj(&f.j, NULL);
				json_str(&f.j, "nai", store_text(s, "nai"));
				json_str(&f.j, "network", store_text(s, "network"));
				json_str(&f.j, "lma", store_text(s, "lma"));
				json_str(&f.j, "access_technology", store_text(s, "int_att"));
				json_str(&f.j, "l2_address", store_text(s, "l2_addr"));
				json_end_obj(&f.j);
			} else {
				char label[300];

				snprintf(label, sizeof(label), "Mobile node %s", store_text(s, "nai"));
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
				json_str(&f.j, "name", store_text(s, "name"));
				json_i64(&f.j, "entries", store_int(s, "n", 0));
				json_end_obj(&f.j);
			} else
				fmt_kv(&f, NULL, "Mobile map", "%s (%lld entr%s)", store_text(s, "name"),
				    store_int(s, "n", 0), store_int(s, "n", 0) == 1 ? "y" : "ies");
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
		const char *links[3] = { store_text(m, "link1"), store_text(m, "link2"), store_text(m, "link3") };

		n++;
		snprintf(key, sizeof(key), "%s\n%s", store_text(m, "domain"), store_text(m, "name"));
		if (strcmp(key, cur) != 0) {
			sqlite3_stmt *u;
			struct strbuf users = STRBUF_INIT;

			if (open) {
				fmt_end_list(&f);
				fmt_end_record(&f);
			}
			open = true;
			snprintf(cur, sizeof(cur), "%s", key);
			fmt_record(&f, "mobile_map", "Mobile map", store_text(m, "name"));
			fmt_kv(&f, "domain", "Domain", "%s", store_text(m, "domain"));
			/* who applies it: the one map active on a MAG or LMA */
			u = store_prepare(r->run, "SELECT 'MAG ' || name FROM pmip_mag WHERE mobile_map=? "
			    "AND domain=? UNION ALL SELECT 'LMA ' || name FROM pmip_lma WHERE mobile_map=? "
			    "AND domain=?");
			sqlite3_bind_text(u, 1, store_text(m, "name"), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(u, 2, store_text(m, "domain"), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(u, 3, store_text(m, "name"), -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(u, 4, store_text(m, "domain"), -1, SQLITE_TRANSIENT);
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

			snprintf(seq, sizeof(seq), "%lld", store_int(m, "seq", 0));
			if (json) {
				json_obj(&f.j, NULL);
				json_i64(&f.j, "seq", store_int(m, "seq", 0));
			} else {
				char label[48];

				snprintf(label, sizeof(label), "Entry %s", seq);
				fmt_sub(&f, label, "");
			}
		}
		if (store_text(m, "acl"))
			fmt_ref(&f, "match_access_list", "Match access-list", store_text(m, "acl"),
			    acl_defined(r, store_text(m, "acl")));
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
			json_bool(&f.j, "null", store_text(m, "link_null") != NULL);
		} else {
			struct strbuf v = STRBUF_INIT;

			for (int i = 0; i < 3; i++)
				if (links[i]) {
					sb_printf(&v, "%s%s", v.len ? " " : "", links[i]);
					if (mag && !label_defined(r, links[i]))
						sb_adds(&v, " (not defined)");
				}
			if (store_text(m, "link_null"))
				sb_printf(&v, "%snull", v.len ? " " : "");
			text_kv(&f, "Link types", v.len ? v.s : "none");
			sb_free(&v);
		}
		if (store_text(m, "traffic_profile"))
			fmt_ref(&f, "traffic_profile", "Traffic profile", store_text(m, "traffic_profile"),
			    !mag || profile_defined(r, store_text(m, "traffic_profile")));
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
	const char *dom = store_text(s, "domain"), *map = store_text(s, "mobile_map");
	const char *acl = store_text(s, "tunnel_acl");
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
	if (store_text(s, "address_v4") || store_text(s, "address_v6")) {
		struct strbuf v = STRBUF_INIT;

		addr_summary(s, "address_v4", "address_v6", &v);
		fmt_kv(f, "address", "Address", "%s", v.s);
		sb_free(&v);
	}
	fmt_bool(f, "multipath", "Multipath", store_text(s, "multipath") != NULL);
	if (store_text(s, "hb")) {
		if (f->json) {
			json_obj(&f->j, "heartbeat");
			json_i64(&f->j, "interval", store_int(s, "hb_interval", 60));
			json_i64(&f->j, "retries", store_int(s, "hb_retries", 3));
			if (store_col(s, "hb_label") >= 0)
				json_str(&f->j, "label", store_text(s, "hb_label"));
			json_end_obj(&f->j);
		} else {
			struct strbuf v = STRBUF_INIT;

			sb_printf(&v, "interval %lld sec, retries %lld", store_int(s, "hb_interval", 60),
			    store_int(s, "hb_retries", 3));
			if (store_col(s, "hb_label") >= 0 && store_text(s, "hb_label"))
				sb_printf(&v, ", label %s", store_text(s, "hb_label"));
			if (store_col(s, "hb_natreboot") >= 0 && store_text(s, "hb_natreboot"))
				sb_adds(&v, ", natreboot");
			text_kv(f, "Heartbeat", v.s);
			sb_free(&v);
		}
	} else
		fmt_kv(f, "heartbeat", "Heartbeat", "%s", "Disabled");
	fmt_num(f, "bce_maximum", "Maximum BCE", store_int(s, "bce_max", 128000), NULL);
	if (map)
		fmt_ref(f, "mobile_map", "Mobile map", map, map_defined(r, dom, map));
	else
		fmt_kv(f, "mobile_map", "Mobile map", "%s", "none");
	fmt_num(f, "tunnel_mtu", "Tunnel MTU", store_int(s, "tunnel_mtu", 1500), NULL);
	if (acl)
		fmt_ref(f, "tunnel_acl", "Tunnel ACL", acl, acl_defined(r, acl));
	if (store_text(s, "egress_if"))
		fmt_kv(f, "egress_interface", "Egress interface", "%s", store_text(s, "egress_if"));
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
		int64_t id = store_int(m, "id", 0);
		sqlite3_stmt *s;

		fmt_record(&f, "mag", "MAG Identifier", store_text(m, "name"));
		common_globals(&f, r, m);
		fmt_list(&f, "roaming_interfaces");
		s = store_prepare(r->run, "SELECT * FROM mag_roaming WHERE parent=? ORDER BY id");
		sqlite3_bind_int64(s, 1, id);
		while (sqlite3_step(s) == SQLITE_ROW) {
			if (json) {
				json_obj(&f.j, NULL);
				json_str(&f.j, "interface", store_text(s, "ifname"));
				json_i64(&f.j, "priority", store_int(s, "priority", 0));
				json_str(&f.j, "egress_att", store_text(s, "att"));
				json_str(&f.j, "label", store_text(s, "label"));
				json_end_obj(&f.j);
			} else {
				struct strbuf v = STRBUF_INIT;
				char label[80];

				sb_printf(&v, "priority %lld", store_int(s, "priority", 0));
				if (store_text(s, "att"))
					sb_printf(&v, ", egress-att %s", store_text(s, "att"));
				if (store_text(s, "label"))
					sb_printf(&v, ", label %s", store_text(s, "label"));
				snprintf(label, sizeof(label), "Roaming %s", store_text(s, "ifname"));
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
				json_str(&f.j, "nai", store_text(s, "nai"));
				json_str(&f.j, "home_interface", store_text(s, "home_if"));
				json_str(&f.j, "mobile_networks", store_text(s, "nets"));
				json_end_obj(&f.j);
			} else {
				struct strbuf v = STRBUF_INIT;
				char label[300];

				sb_printf(&v, "home %s, mobile networks %s",
				    store_text(s, "home_if") ? store_text(s, "home_if") : "none",
				    store_text(s, "nets") ? store_text(s, "nets") : "none");
				snprintf(label, sizeof(label), "Logical MN %s", store_text(s, "nai"));
				text_kv(&f, label, v.s);
				sb_free(&v);
			}
		}
		sqlite3_reset(s);
		fmt_end_list(&f);
		fmt_bool(&f, "hybrid_access", "Hybrid access", store_text(m, "hybrid_access") != NULL);
		fmt_list(&f, "profiles");
		s = store_prepare(r->run, "SELECT * FROM haccess_profile WHERE parent=? ORDER BY name");
		sqlite3_bind_int64(s, 1, id);
		while (sqlite3_step(s) == SQLITE_ROW) {
			if (json) {
				json_obj(&f.j, NULL);
				json_str(&f.j, "name", store_text(s, "name"));
				if (store_text(s, "jitter"))
					json_i64(&f.j, "jitter_ms", store_int(s, "jitter", 0));
				if (store_text(s, "rtt"))
					json_i64(&f.j, "rtt_ms", store_int(s, "rtt", 0));
				if (store_text(s, "packet_loss"))
					json_i64(&f.j, "packet_loss_pct", store_int(s, "packet_loss", 0));
				json_end_obj(&f.j);
			} else {
				struct strbuf v = STRBUF_INIT;
				char label[300];

				if (store_text(s, "jitter"))
					sb_printf(&v, "jitter %s ms", store_text(s, "jitter"));
				if (store_text(s, "rtt"))
					sb_printf(&v, "%srtt %s ms", v.len ? ", " : "", store_text(s, "rtt"));
				if (store_text(s, "packet_loss"))
					sb_printf(&v, "%spacket-loss %s %%", v.len ? ", " : "",
					    store_text(s, "packet_loss"));
				snprintf(label, sizeof(label), "Profile %s", store_text(s, "name"));
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
		int64_t id = store_int(l, "id", 0);
		sqlite3_stmt *s;

		fmt_record(&f, "lma", "LMA Identifier", store_text(l, "name"));
		common_globals(&f, r, l);
		fmt_bool(&f, "dynamic_mag_learning", "Dynamic MAG learning",
		    store_text(l, "dynamic_mag") != NULL);
		if (store_text(l, "default_profile"))
			fmt_kv(&f, "default_profile", "Default profile", "%s", store_text(l, "default_profile"));
		fmt_num(&f, "hnp_maximum", "Maximum HNP", store_int(l, "hnp_max", 1), NULL);
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

			snprintf(label, sizeof(label), "Network %s", store_text(s, "name"));
			if (json) {
				json_obj(&f.j, NULL);
				json_str(&f.j, "name", store_text(s, "name"));
			} else
				fmt_sub(&f, label, "");
			if (store_text(s, "pool_v4")) {
				if (json) {
					json_obj(&f.j, "pool_ipv4");
					json_str(&f.j, "name", store_text(s, "pool_v4"));
					json_i64(&f.j, "prefix_length", store_int(s, "pool_v4_pfxlen", 0));
					json_bool(&f.j, "defined", pool_defined(r, store_text(s, "pool_v4"), false));
					json_end_obj(&f.j);
				} else
					fmt_kv(&f, NULL, "IPv4 pool", "%s, prefix length %s%s",
					    store_text(s, "pool_v4"), store_text(s, "pool_v4_pfxlen"),
					    pool_defined(r, store_text(s, "pool_v4"), false) ? "" :
					    " (not defined)");
			}
			if (store_text(s, "pool_v6")) {
				if (json) {
					json_obj(&f.j, "pool_ipv6");
					json_str(&f.j, "name", store_text(s, "pool_v6"));
					json_i64(&f.j, "prefix_length", store_int(s, "pool_v6_pfxlen", 0));
					json_bool(&f.j, "defined", pool_defined(r, store_text(s, "pool_v6"), true));
					json_end_obj(&f.j);
				} else
					fmt_kv(&f, NULL, "IPv6 pool", "%s, prefix length %s%s",
					    store_text(s, "pool_v6"), store_text(s, "pool_v6_pfxlen"),
					    pool_defined(r, store_text(s, "pool_v6"), true) ? "" :
					    " (not defined)");
			}
			fmt_list(&f, "mobile_network_pools");
			p = store_prepare(r->run, "SELECT * FROM lma_mnet_pool WHERE parent=? ORDER BY id");
			sqlite3_bind_int64(p, 1, store_int(s, "id", 0));
			while (sqlite3_step(p) == SQLITE_ROW) {
				long long pp = store_int(p, "pool_prefix", 0), np = store_int(p, "network_prefix", 0);
				long long count = np - pp >= 62 ? -1 : 1LL << (np - pp);

				if (json) {
					json_obj(&f.j, NULL);
					json_str(&f.j, "family", store_text(p, "family"));
					json_str(&f.j, "address", store_text(p, "addr"));
					json_i64(&f.j, "pool_prefix", pp);
					json_i64(&f.j, "network_prefix", np);
					json_i64(&f.j, "prefixes", count);
					json_end_obj(&f.j);
				} else {
					char k[96];

					snprintf(k, sizeof(k), "Mobile network %s/%lld", store_text(p, "addr"), pp);
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

/* ---- live state of the engine ------------------------------------------------ */

#define BRULE "----------------------------------------\n"
#define BIND "        [Binding][MN]"

/* IOS ages: hh:mm:ss under a day, then 1d02h, then 3w2d. */
static void
age_text(long long s, char *buf, size_t sz)
{
	if (s < 0)
		s = 0;
	if (s < 86400)
		snprintf(buf, sz, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
	else if (s < 7 * 86400)
		snprintf(buf, sz, "%lldd%02lldh", s / 86400, s / 3600 % 24);
	else
		snprintf(buf, sz, "%lldw%lldd", s / (7 * 86400), s / 86400 % 7);
}

static const char *
ipv4_text(struct in_addr a, char *buf)
{
	return inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

static const char *
mag_bind_state(const struct mag *g, const struct mbind *b, const struct mpath *p)
{
	if (!p->link_up)
		return "DOWN";
	if (p->coa.s_addr == 0)
		return "NO-ADDRESS";
	if (!p->hb_ok)
		return "DOWN";
	switch (b->state) {
	case MB_REGISTERED:
		return "UP";
	case MB_WAIT:
		return "REGISTERING";
	case MB_DEREG:
		return "DEREGISTERING";
	case MB_FAILED:
		return "REJECTED";
	case MB_IDLE:
		break;
	}
	return g->lma.s_addr ? "IDLE" : "NO-LMA";
}

static int
mag_mn_registered(const struct mag *g, const struct mmn *n)
{
	int k = 0;

	for (int i = 0; i < g->npaths; i++)
		k += n->b[i].state == MB_REGISTERED;
	return k;
}

void
pmip_show_mag_binding(struct router *r, const char *nai, bool detail, bool json,
    struct strbuf *out)
{
	struct mob *m = r->mob;
	unsigned long total = 0;
	struct json j;
	uint64_t now = mob_now_ms();
	time_t wall = time(NULL);
	bool found = false;

	for (int i = 0; m && i < m->nmags; i++)
		for (int k = 0; k < m->mags[i]->nmn; k++)
			if (nai == NULL || strcmp(m->mags[i]->mn[k].nai, nai) == 0)
				total += (unsigned long)mag_mn_registered(m->mags[i], &m->mags[i]->mn[k]);
	if (json) {
		json_begin(&j, out);
		json_obj(&j, NULL);
		json_u64(&j, "bindings", total);
		json_arr(&j, "mobile_nodes");
	} else
		sb_printf(out, "Total number of bindings: %lu\n", total);
	for (int i = 0; m && i < m->nmags; i++) {
		struct mag *g = m->mags[i];

		for (int k = 0; k < g->nmn; k++) {
			struct mmn *n = &g->mn[k];
			int reg = mag_mn_registered(g, n);
			char a[INET_ADDRSTRLEN], d[INET_ADDRSTRLEN];

			if (nai != NULL && strcmp(n->nai, nai) != 0)
				continue;
			found = true;
			if (json) {
				json_obj(&j, NULL);
				json_str(&j, "mag", g->name);
				json_str(&j, "domain", g->domain);
				json_str(&j, "nai", n->nai);
				json_str(&j, "state", reg ? "ACTIVE" : "PENDING");
				json_str(&j, "interface", n->home_if[0] ? n->home_if : NULL);
				json_str(&j, "mobile_networks", n->mnets[0] ? n->mnets : NULL);
				json_str(&j, "hoa", n->hoa.s_addr ? ipv4_text(n->hoa, a) : NULL);
				json_u64(&j, "hoa_prefix_length", n->hoa_plen);
				json_str(&j, "default_router", n->dflt_rtr.s_addr ?
				    ipv4_text(n->dflt_rtr, d) : NULL);
				json_str(&j, "lma", g->lma_name);
				json_str(&j, "lma_address", g->lma.s_addr ? ipv4_text(g->lma, a) : NULL);
				json_bool(&j, "multipath", g->multipath && n->multipath_ok);
				json_arr(&j, "paths");
			} else {
				sb_adds(out, BRULE);
				sb_printf(out, "[Binding][MN]: Domain: %s, Nai: %s\n", g->domain, n->nai);
				sb_printf(out, BIND ": State: %s\n", reg ? "ACTIVE" : "PENDING");
				sb_printf(out, BIND ": Interface: %s\n", n->home_if[0] ? n->home_if : "none");
				if (n->mnets[0])
					sb_printf(out, BIND ": Mobile networks: %s\n", n->mnets);
				sb_printf(out, BIND ": Hoa: %s", n->hoa.s_addr ? ipv4_text(n->hoa, a) : "none");
				if (n->hoa.s_addr)
					sb_printf(out, "/%u", n->hoa_plen);
				if (n->dflt_rtr.s_addr)
					sb_printf(out, ", Default router: %s", ipv4_text(n->dflt_rtr, d));
				sb_printf(out, ", Att: %u, llid: %s\n",
				    g->npaths ? g->path[0].att : PMIP_ATT_IEEE8023, n->nai);
				sb_adds(out, BIND ": HNP: 0\n");
				sb_printf(out, BIND "[LMA]: Id: %s, Address: %s\n",
				    g->lma_name[0] ? g->lma_name : "none", ipv4_text(g->lma, a));
				sb_printf(out, BIND "[LMA]: Multipath: %s\n", !g->multipath ? "Disabled" :
				    n->multipath_ok ? "Enabled" : "Refused by the LMA");
			}
			for (int p = 0; p < g->npaths; p++) {
				struct mpath *path = &g->path[p];
				struct mbind *b = &n->b[p];
				const char *st = mag_bind_state(g, b, path);
				long long remain = b->state == MB_REGISTERED ?
				    (long long)b->lifetime - (long long)(wall - b->registered) : 0;
				char age[32];

				age_text(b->state == MB_REGISTERED ? (long long)(wall - b->registered) : 0,
				    age, sizeof(age));
				(void)now;
				if (json) {
					json_obj(&j, NULL);
					json_str(&j, "interface", path->ifname);
					json_str(&j, "label", path->label[0] ? path->label : NULL);
					json_u64(&j, "label_id", path->label_num);
					json_str(&j, "state", st);
					json_u64(&j, "bid", path->bid);
					json_str(&j, "att", mob_att_name(path->att));
					json_str(&j, "coa", path->coa.s_addr ? ipv4_text(path->coa, a) : NULL);
					json_u64(&j, "lifetime", b->lifetime);
					json_i64(&j, "lifetime_remaining", remain < 0 ? 0 : remain);
					json_u64(&j, "sequence", b->seq);
					json_u64(&j, "status", b->status);
					json_u64(&j, "tunnel", (uint64_t)path->tunnel);
					json_end_obj(&j);
					continue;
				}
				sb_printf(out, BIND "[PATH]: interface: %s, Label: %s, State: %s\n",
				    path->ifname, path->label[0] ? path->label : "none", st);
				if (!detail)
					continue;
				sb_printf(out, BIND "[PATH]:   Bid: %u, Att: %s, CoA: %s, Tunnel: Tunnel%d\n",
				    path->bid, mob_att_name(path->att),
				    path->coa.s_addr ? ipv4_text(path->coa, a) : "none", path->tunnel);
				sb_printf(out, BIND "[PATH]:   Seq: %u, Lifetime: %u(sec), Lifetime Remaining: "
				    "%lld(sec), Registered: %s\n", b->seq, b->lifetime, remain < 0 ? 0 : remain,
				    b->state == MB_REGISTERED ? age : "never");
				if (b->status)
					sb_printf(out, BIND "[PATH]:   Last status: %u (%s)\n", b->status,
					    pmip_status_str(b->status) ? pmip_status_str(b->status) : "?");
			}
			if (json) {
				json_end_arr(&j);
				json_end_obj(&j);
			} else
				sb_adds(out, BRULE);
		}
	}
	if (json) {
		json_end_arr(&j);
		json_end_obj(&j);
		json_finish(&j);
	} else if (nai && !found)
		sb_printf(out, "%% No binding for %s\n", nai);
}

static int
lmn_cmp(const void *a, const void *b)
{
	return strcmp((*(struct lmn *const *)a)->nai, (*(struct lmn *const *)b)->nai);
}

static int
bce_cmp(const void *a, const void *b)
{
	return (int)(*(struct bce *const *)a)->bid - (int)(*(struct bce *const *)b)->bid;
}

static void
lma_binding_one(struct router *r, struct lma *l, struct lmn *n, bool detail, struct json *j,
    struct strbuf *out)
{
	struct bce *bs[256];
	int nb = 0;
	char h[INET6_ADDRSTRLEN + 8], a[INET_ADDRSTRLEN];
	uint32_t now_s = (uint32_t)(mob_now_ms() / 1000);
	time_t wall = time(NULL);

	const char *mnstate = "BCE_DELETING";

	for (struct bce *b = n->bindings; b && nb < 256; b = b->next_mn) {
		bs[nb++] = b;
		if (!b->deleting)
			mnstate = "BCE_ACTIVE";
	}
	qsort(bs, (size_t)nb, sizeof(*bs), bce_cmp);
	if (j) {
		json_obj(j, NULL);
		json_str(j, "lma", l->name);
		json_str(j, "domain", l->domain);
		json_str(j, "nai", n->nai);
		json_str(j, "state", mnstate);
		json_str(j, "network", n->network[0] ? n->network : NULL);
		json_str(j, "hoa", n->hoa.family ? mob_prefix_str(&n->hoa, h, sizeof(h), true) : NULL);
		json_str(j, "default_router", n->dflt_rtr.s_addr ? ipv4_text(n->dflt_rtr, a) : NULL);
		json_str(j, "hnp", n->hnp.family ? mob_prefix_str(&n->hnp, h, sizeof(h), true) : NULL);
		json_str(j, "mobile_network", n->mnp.family ? mob_prefix_str(&n->mnp, h, sizeof(h), true) :
		    NULL);
		json_arr(j, "paths");
	} else {
		sb_adds(out, BRULE);
		sb_printf(out, "[Binding][MN]: Domain: %s, Nai: %s\n", l->domain, n->nai);
		sb_printf(out, BIND ": State: %s\n", mnstate);
		if (n->network[0])
			sb_printf(out, BIND ": Network: %s\n", n->network);
		sb_printf(out, BIND ": Hoa: %s", n->hoa.family ? mob_prefix_str(&n->hoa, h, sizeof(h),
		    true) : "none");
		if (n->dflt_rtr.s_addr)
			sb_printf(out, ", Default router: %s", ipv4_text(n->dflt_rtr, a));
		sb_addc(out, '\n');
		sb_printf(out, BIND ": HNP: %s\n", n->hnp.family ? mob_prefix_str(&n->hnp, h, sizeof(h),
		    true) : "0");
		if (n->mnp.family)
			sb_printf(out, BIND ": Mobile network: %s\n", mob_prefix_str(&n->mnp, h, sizeof(h),
			    true));
	}
	for (int i = 0; i < nb; i++) {
		struct bce *b = bs[i];
		char lbl[MOB_NAME], num[8], age[32], peer[24];
		const char *label = b->label ? mob_label_name(r, l->domain, b->label, lbl, sizeof(lbl)) :
		    "none";
		long long remain = (long long)b->expires - now_s;
		const char *st = b->deleting ? "DELETING" : b->down || b->peer->dead ? "DOWN" : "UP";

		if (label == NULL) {
			snprintf(num, sizeof(num), "%u", b->label);
			label = num;
		}
		if (j) {
			json_obj(j, NULL);
			json_u64(j, "bid", b->bid);
			json_str(j, "mag", b->peer->mag_id[0] ? b->peer->mag_id : NULL);
			json_str(j, "label", b->label ? label : NULL);
			json_u64(j, "label_id", b->label);
			json_str(j, "att", mob_att_name(b->att));
			json_str(j, "coa", ipv4_text(b->peer->addr, a));
			json_u64(j, "port", b->peer->port);
			json_str(j, "state", st);
			json_u64(j, "lifetime", b->lifetime);
			json_i64(j, "lifetime_remaining", remain < 0 ? 0 : remain);
			json_u64(j, "sequence", b->seq);
			json_u64(j, "handoff_indicator", b->hi);
			json_i64(j, "age", (int64_t)(wall - b->created));
			json_u64(j, "tunnel", (uint64_t)b->peer->tunnel);
			json_end_obj(j);
			continue;
		}
		snprintf(peer, sizeof(peer), "[PEER%d]", i + 1);
		sb_printf(out, BIND "%s: Id: %s\n", peer, b->peer->mag_id[0] ? b->peer->mag_id : "-");
		sb_printf(out, BIND "%s: Bid: %u, Label: %s, Att: %s\n", peer, b->bid, label,
		    mob_att_name(b->att));
		sb_printf(out, BIND "%s: CoA: %s, State: %s\n", peer, ipv4_text(b->peer->addr, a), st);
		sb_printf(out, BIND "%s: Lifetime: %u(sec)\n", peer, b->lifetime);
		sb_printf(out, BIND "%s: Lifetime Remaining: %lld(sec)\n", peer, remain < 0 ? 0 : remain);
		sb_printf(out, BIND "%s: Tunnel: Tunnel%d\n", peer, b->peer->tunnel);
		if (detail) {
			age_text((long long)(wall - b->created), age, sizeof(age));
			sb_printf(out, BIND "%s: Seq: %u, Handoff indicator: %u, Port: %u, Up: %s\n", peer,
			    b->seq, b->hi, b->peer->port, age);
		}
	}
	if (j) {
		json_end_arr(j);
		json_end_obj(j);
	} else
		sb_adds(out, BRULE);
}

void
pmip_show_lma_binding(struct router *r, const char *nai, bool detail, bool json,
    struct strbuf *out)
{
	struct mob *m = r->mob;
	unsigned long total = 0;
	struct json j;
	bool found = false;

	if (json) {
		json_begin(&j, out);
		json_obj(&j, NULL);
	}
	for (int i = 0; m && i < m->nlmas; i++) {
		struct lma *l = m->lmas[i];

		if (nai == NULL)
			total += l->nbce;
		else
			for (size_t k = 0; k < l->mhsize; k++)
				for (struct lmn *n = l->mh[k]; n; n = n->next_hash)
					if (strcmp(n->nai, nai) == 0)
						total += n->nbind;
	}
	if (json) {
		json_u64(&j, "bindings", total);
		json_arr(&j, "mobile_nodes");
	} else
		sb_printf(out, "Total number of bindings: %lu\n", total);
	for (int i = 0; m && i < m->nlmas; i++) {
		struct lma *l = m->lmas[i];
		struct lmn **v;
		size_t nv = 0;

		if (l->nmn == 0)
			continue;
		v = malloc(l->nmn * sizeof(*v));
		if (v == NULL)
			abort();
		for (size_t k = 0; k < l->mhsize; k++)
			for (struct lmn *n = l->mh[k]; n; n = n->next_hash)
				if (nai == NULL || strcmp(n->nai, nai) == 0)
					v[nv++] = n;
		qsort(v, nv, sizeof(*v), lmn_cmp);
		for (size_t k = 0; k < nv; k++)
			lma_binding_one(r, l, v[k], detail, json ? &j : NULL, out);
		found |= nv > 0;
		free(v);
	}
	if (json) {
		json_end_arr(&j);
		json_end_obj(&j);
		json_finish(&j);
	} else if (nai && !found)
		sb_printf(out, "%% No binding for %s\n", nai);
}

/* ---- counters ------------------------------------------------------------------ */

static void
stats_body(struct fmt *f, const struct mob_stats *st, bool lma)
{
	uint64_t dropped = 0;

	fmt_num(f, lma ? "pbu_received" : "pbu_sent", lma ? "PBU received" : "PBU sent",
	    (long long)(lma ? st->pbu_rcvd : st->pbu_sent), NULL);
	if (!lma)
		fmt_num(f, "pbu_retransmitted", "PBU retransmitted", (long long)st->pbu_retx, NULL);
	fmt_num(f, lma ? "pba_sent" : "pba_received", lma ? "PBA sent" : "PBA received",
	    (long long)(lma ? st->pba_sent : st->pba_rcvd), NULL);
	fmt_num(f, "pba_accepted", "PBA accepted", (long long)st->pba_accepted, NULL);
	fmt_num(f, "pba_rejected", "PBA rejected", (long long)st->pba_rejected, NULL);
	if (f->json)
		json_arr(&f->j, "rejected_by_status");
	for (int s = 128; s < 256; s++) {
		char label[96];

		if (st->rejected[s] == 0)
			continue;
		if (f->json) {
			json_obj(&f->j, NULL);
			json_u64(&f->j, "status", (uint64_t)s);
			json_str(&f->j, "reason", pmip_status_str((uint8_t)s));
			json_u64(&f->j, "count", st->rejected[s]);
			json_end_obj(&f->j);
			continue;
		}
		snprintf(label, sizeof(label), "  Status %d", s);
		fmt_kv(f, NULL, label, "%llu (%s)", (unsigned long long)st->rejected[s],
		    pmip_status_str((uint8_t)s) ? pmip_status_str((uint8_t)s) : "?");
	}
	if (f->json)
		json_end_arr(&f->j);
	fmt_num(f, lma ? "dereg_received" : "dereg_sent", lma ? "Dereg PBU received" :
	    "Dereg PBU sent", (long long)(lma ? st->dereg_rcvd : st->dereg_sent), NULL);
	fmt_num(f, "heartbeat_requests_sent", "Heartbeat req sent", (long long)st->hb_req_sent, NULL);
	fmt_num(f, "heartbeat_responses_received", "Heartbeat resp rcvd", (long long)st->hb_rsp_rcvd,
	    NULL);
	fmt_num(f, "heartbeat_requests_received", "Heartbeat req rcvd", (long long)st->hb_req_rcvd,
	    NULL);
	fmt_num(f, "heartbeat_responses_sent", "Heartbeat resp sent", (long long)st->hb_rsp_sent, NULL);
	fmt_num(f, "heartbeat_failures", "Heartbeat failures", (long long)st->hb_failures, NULL);
	fmt_num(f, "peer_restarts", "Peer restarts seen", (long long)st->hb_restarts, NULL);
	fmt_num(f, lma ? "bri_sent" : "bri_received", lma ? "BRI sent" : "BRI received",
	    (long long)(lma ? st->bri_sent : st->bri_rcvd), NULL);
	fmt_num(f, lma ? "bra_received" : "bra_sent", lma ? "BRA received" : "BRA sent",
	    (long long)(lma ? st->bra_rcvd : st->bra_sent), NULL);
	fmt_num(f, "binding_errors_sent", "Binding errors sent", (long long)st->be_sent, NULL);
	for (int e = 1; e < PMIP_ERR_COUNT; e++)
		dropped += st->drop_decode[e];
	fmt_num(f, "dropped_malformed", "Dropped, malformed", (long long)dropped, NULL);
	if (f->json)
		json_arr(&f->j, "malformed_by_reason");
	for (int e = 1; e < PMIP_ERR_COUNT; e++) {
		char label[96];

		if (st->drop_decode[e] == 0)
			continue;
		if (f->json) {
			json_obj(&f->j, NULL);
			json_str(&f->j, "reason", pmip_err_str(-e));
			json_u64(&f->j, "count", st->drop_decode[e]);
			json_end_obj(&f->j);
			continue;
		}
		snprintf(label, sizeof(label), "  %s", pmip_err_str(-e));
		fmt_num(f, NULL, label, (long long)st->drop_decode[e], NULL);
	}
	if (f->json)
		json_end_arr(&f->j);
	fmt_num(f, "dropped_oversized", "Dropped, oversized", (long long)st->drop_oversized, NULL);
	fmt_num(f, "dropped_unexpected", "Dropped, unexpected", (long long)st->drop_unexpected, NULL);
	fmt_num(f, "dropped_unauthorized", lma ? "Refused, MAG unknown" : "Refused, not from LMA",
	    (long long)st->drop_unauthorized, NULL);
}

void
pmip_show_stats(struct router *r, bool lma, bool json, struct strbuf *out)
{
	struct mob *m = r->mob;
	struct fmt f;

	fmt_begin(&f, json, out);
	for (int i = 0; m && i < (lma ? m->nlmas : m->nmags); i++) {
		const char *name = lma ? m->lmas[i]->name : m->mags[i]->name;
		const char *dom = lma ? m->lmas[i]->domain : m->mags[i]->domain;

		fmt_record(&f, lma ? "lma" : "mag", lma ? "LMA Identifier" : "MAG Identifier", name);
		fmt_kv(&f, "domain", "Domain", "%s", dom);
		stats_body(&f, lma ? &m->lmas[i]->st : &m->mags[i]->st, lma);
		if (lma) {
			fmt_num(&f, "bindings", "Bindings", (long long)m->lmas[i]->nbce, NULL);
			fmt_num(&f, "mobile_nodes", "Mobile nodes", (long long)m->lmas[i]->nmn, NULL);
			fmt_num(&f, "peers", "MAG paths", (long long)m->lmas[i]->npeer, NULL);
		} else {
			int up = 0, nb = 0;

			for (int p = 0; p < m->mags[i]->npaths; p++)
				up += m->mags[i]->path[p].fd >= 0 && m->mags[i]->path[p].hb_ok;
			for (int k = 0; k < m->mags[i]->nmn; k++)
				nb += mag_mn_registered(m->mags[i], &m->mags[i]->mn[k]);
			fmt_num(&f, "bindings", "Bindings", nb, NULL);
			fmt_num(&f, "paths_up", "Active paths", up, NULL);
		}
		fmt_end_record(&f);
	}
	fmt_end(&f);
}

/* ---- heartbeat ------------------------------------------------------------------ */

void
pmip_show_heartbeat(struct router *r, bool lma, bool json, struct strbuf *out)
{
	struct mob *m = r->mob;
	struct fmt f;
	time_t wall = time(NULL);
	char a[INET_ADDRSTRLEN], age[32], label[96];

	fmt_begin(&f, json, out);
	for (int i = 0; m && !lma && i < m->nmags; i++) {
		struct mag *g = m->mags[i];

		fmt_record(&f, "mag", "MAG Identifier", g->name);
		fmt_kv(&f, "lma", "LMA", "%s %s", g->lma_name[0] ? g->lma_name : "-",
		    ipv4_text(g->lma, a));
		if (g->hb_on)
			fmt_kv(&f, "heartbeat", "Heartbeat", "interval %d sec, retries %d", g->hb_interval,
			    g->hb_retries);
		else
			fmt_kv(&f, "heartbeat", "Heartbeat", "%s", "Disabled");
		if (g->lma_restart_known)
			fmt_num(&f, "lma_restart_counter", "LMA restart counter", g->lma_restart, NULL);
		else
			fmt_kv(&f, "lma_restart_counter", "LMA restart counter", "%s", "unknown");
		fmt_list(&f, "paths");
		for (int p = 0; p < g->npaths; p++) {
			struct mpath *path = &g->path[p];
			const char *st = path->fd < 0 ? "DOWN" : path->hb_ok ? "UP" : "DOWN";

			age_text(path->hb_last_ok ? (long long)(wall - path->hb_last_ok) : 0, age,
			    sizeof(age));
			if (json) {
				json_obj(&f.j, NULL);
				json_str(&f.j, "interface", path->ifname);
				json_str(&f.j, "label", path->label[0] ? path->label : NULL);
				json_str(&f.j, "state", st);
				json_str(&f.j, "coa", path->coa.s_addr ? ipv4_text(path->coa, a) : NULL);
				json_u64(&f.j, "sequence", path->hb_seq);
				json_u64(&f.j, "missed", (uint64_t)path->hb_missing);
				json_i64(&f.j, "last_answer_age", path->hb_last_ok ?
				    (int64_t)(wall - path->hb_last_ok) : -1);
				json_end_obj(&f.j);
				continue;
			}
			snprintf(label, sizeof(label), "Path %s", path->ifname);
			fmt_kv(&f, NULL, label, "%s, label %s, CoA %s, seq %u, missed %d, last answer %s",
			    st, path->label[0] ? path->label : "none",
			    path->coa.s_addr ? ipv4_text(path->coa, a) : "none", path->hb_seq,
			    path->hb_missing, path->hb_last_ok ? age : "never");
		}
		fmt_end_list(&f);
		fmt_end_record(&f);
	}
	for (int i = 0; m && lma && i < m->nlmas; i++) {
		struct lma *l = m->lmas[i];
		int up = 0;

		fmt_record(&f, "lma", "LMA Identifier", l->name);
		if (l->hb_on)
			fmt_kv(&f, "heartbeat", "Heartbeat", "interval %d sec, retries %d", l->hb_interval,
			    l->hb_retries);
		else
			fmt_kv(&f, "heartbeat", "Heartbeat", "%s", "Disabled");
		fmt_num(&f, "restart_counter", "Restart counter", m->restart_counter, NULL);
		for (struct lpeer *p = l->peers; p; p = p->next)
			up += !p->dead;
		fmt_num(&f, "peers", "MAG paths", (long long)l->npeer, NULL);
		fmt_num(&f, "peers_up", "MAG paths up", up, NULL);
		fmt_list(&f, "paths");
		for (struct lpeer *p = l->peers; p; p = p->next) {
			const char *st = p->dead ? "DOWN" : "UP";

			age_text(p->last_ok ? (long long)(wall - p->last_ok) : 0, age, sizeof(age));
			if (json) {
				json_obj(&f.j, NULL);
				json_str(&f.j, "address", ipv4_text(p->addr, a));
				json_u64(&f.j, "port", p->port);
				json_str(&f.j, "mag", p->mag_id[0] ? p->mag_id : NULL);
				json_str(&f.j, "state", st);
				json_u64(&f.j, "sequence", p->hb_seq);
				json_u64(&f.j, "missed", p->hb_missing);
				if (p->restart_known)
					json_u64(&f.j, "restart_counter", p->restart);
				json_u64(&f.j, "bindings", p->nbind);
				json_i64(&f.j, "last_answer_age", p->last_ok ?
				    (int64_t)(wall - p->last_ok) : -1);
				json_end_obj(&f.j);
				continue;
			}
			snprintf(label, sizeof(label), "Path %s", ipv4_text(p->addr, a));
			{
				char rc[16];

				snprintf(rc, sizeof(rc), "%u", p->restart);
				fmt_kv(&f, NULL, label, "%s, MAG %s, seq %u, missed %u, restart counter %s, "
				    "bindings %u, last answer %s", st, p->mag_id[0] ? p->mag_id : "-",
				    p->hb_seq, p->hb_missing, p->restart_known ? rc : "unknown", p->nbind,
				    p->last_ok ? age : "never");
			}
		}
		fmt_end_list(&f);
		fmt_end_record(&f);
	}
	fmt_end(&f);
}

/* ---- tunnels ---------------------------------------------------------------------- */

void
pmip_show_tunnel(struct router *r, bool lma, bool json, struct strbuf *out)
{
	struct mob *m = r->mob;
	struct fmt f;
	char a[INET_ADDRSTRLEN], b[INET_ADDRSTRLEN], label[32];

	fmt_begin(&f, json, out);
	for (int i = 0; m && !lma && i < m->nmags; i++) {
		struct mag *g = m->mags[i];

		fmt_record(&f, "mag", "MAG Identifier", g->name);
		fmt_list(&f, "tunnels");
		for (int p = 0; p < g->npaths; p++) {
			struct mpath *path = &g->path[p];
			int nb = 0;
			const char *st = path->fd >= 0 && path->hb_ok ? "UP" : "DOWN";

			for (int k = 0; k < g->nmn; k++)
				nb += g->mn[k].b[p].state == MB_REGISTERED;
			snprintf(label, sizeof(label), "Tunnel%d", path->tunnel);
			if (json) {
				json_obj(&f.j, NULL);
				json_str(&f.j, "tunnel", label);
				json_str(&f.j, "state", st);
				json_str(&f.j, "interface", path->ifname);
				json_str(&f.j, "label", path->label[0] ? path->label : NULL);
				json_str(&f.j, "source", path->coa.s_addr ? ipv4_text(path->coa, a) : NULL);
				json_str(&f.j, "destination", g->lma.s_addr ? ipv4_text(g->lma, b) : NULL);
				json_str(&f.j, "encapsulation", g->udp ? "udp" : "gre");
				json_u64(&f.j, "bindings", (uint64_t)nb);
				json_end_obj(&f.j);
				continue;
			}
			fmt_sub(&f, label, st);
			fmt_kv(&f, NULL, "Interface", "%s%s%s", path->ifname, path->label[0] ? ", label " :
			    "", path->label);
			fmt_kv(&f, NULL, "Source", "%s", path->coa.s_addr ? ipv4_text(path->coa, a) :
			    "none");
			fmt_kv(&f, NULL, "Destination", "%s", ipv4_text(g->lma, b));
			fmt_kv(&f, NULL, "Encapsulation", "%s", g->udp ? "UDP/IPv4, port 5437" :
			    "GRE/IPv4");
			fmt_num(&f, NULL, "Bindings", nb, NULL);
			fmt_end_sub(&f);
		}
		fmt_end_list(&f);
		fmt_end_record(&f);
	}
	for (int i = 0; m && lma && i < m->nlmas; i++) {
		struct lma *l = m->lmas[i];

		fmt_record(&f, "lma", "LMA Identifier", l->name);
		fmt_num(&f, "count", "Tunnels", (long long)l->npeer, NULL);
		fmt_list(&f, "tunnels");
		for (struct lpeer *p = l->peers; p; p = p->next) {
			const char *st = p->dead ? "DOWN" : "UP";

			snprintf(label, sizeof(label), "Tunnel%d", p->tunnel);
			if (json) {
				json_obj(&f.j, NULL);
				json_str(&f.j, "tunnel", label);
				json_str(&f.j, "state", st);
				json_str(&f.j, "mag", p->mag_id[0] ? p->mag_id : NULL);
				json_str(&f.j, "source", ipv4_text(l->addr, a));
				json_str(&f.j, "destination", ipv4_text(p->addr, b));
				json_str(&f.j, "encapsulation", l->udp ? "udp" : "gre");
				json_u64(&f.j, "bindings", p->nbind);
				json_end_obj(&f.j);
				continue;
			}
			fmt_sub(&f, label, st);
			fmt_kv(&f, NULL, "MAG", "%s", p->mag_id[0] ? p->mag_id : "-");
			fmt_kv(&f, NULL, "Source", "%s", ipv4_text(l->addr, a));
			fmt_kv(&f, NULL, "Destination", "%s", ipv4_text(p->addr, b));
			fmt_kv(&f, NULL, "Encapsulation", "%s", l->udp ? "UDP/IPv4, port 5437" :
			    "GRE/IPv4");
			fmt_num(&f, NULL, "Bindings", p->nbind, NULL);
			fmt_end_sub(&f);
		}
		fmt_end_list(&f);
		fmt_end_record(&f);
	}
	fmt_end(&f);
}
