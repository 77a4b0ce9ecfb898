/*
 * show.c — handlers of grammar/show.cli: the router's own show commands.
 * Each prints live state in the layout IOS uses (formats and their sources:
 * shared/reference/ios-reference.md §2).
 */
#include "config.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include <linux/rtnetlink.h>

#include "acl.h"
#include "archive.h"
#include "cfgdiff.h"
#include "cl_gen.h"
#include "cmd.h"
#include "cfgload.h"
#include "iface.h"
#include "json.h"
#include "pool.h"
#include "render.h"
#include "router.h"
#include "session.h"
#include "startup.h"
#include "store.h"

int
cmd_show_running(struct cmd_ctx *x)
{
	struct render_opts o = { true, true };

	if (x->m->pipe == CL_PIPE_JSON) {
		render_config_json(x->r, x->r->run, x->out);
		return CMD_OK;
	}
	render_config(x->r, x->r->run, x->out, &o);
	return CMD_OK;
}

int
cmd_show_startup(struct cmd_ctx *x)
{
	struct strbuf body = STRBUF_INIT, err = STRBUF_INIT;
	int rc = startup_read(x->r->startup_path, &body, &err);

	if (rc <= 0) {
		if (rc == 0)
			sb_adds(x->out, "startup-config is not present\n");
		else
			sb_printf(x->out, "%%Error opening nvram:startup-config (%s)\n", err.s);
		sb_free(&body);
		sb_free(&err);
		return rc == 0 ? CMD_OK : CMD_ERR;
	}
	sb_free(&err);
	if (x->m->pipe == CL_PIPE_JSON)
		json_config_tree(body.s, x->out);
	else {
		sb_printf(x->out, "Using %zu out of 262144 bytes\n", body.len);
		sb_add(x->out, body.s, body.len);
	}
	sb_free(&body);
	return CMD_OK;
}

static void
uptime_text(uint64_t secs, struct strbuf *out)
{
	uint64_t w = secs / 604800, d = secs / 86400 % 7, h = secs / 3600 % 24, m = secs / 60 % 60;
	const char *sep = "";

	if (w) {
		sb_printf(out, "%llu week%s", (unsigned long long)w, w == 1 ? "" : "s");
		sep = ", ";
	}
	if (d) {
		sb_printf(out, "%s%llu day%s", sep, (unsigned long long)d, d == 1 ? "" : "s");
		sep = ", ";
	}
	if (h) {
		sb_printf(out, "%s%llu hour%s", sep, (unsigned long long)h, h == 1 ? "" : "s");
		sep = ", ";
	}
	if (m || !*sep)
		sb_printf(out, "%s%llu minute%s", sep, (unsigned long long)m, m == 1 ? "" : "s");
}

int
cmd_show_version(struct cmd_ctx *x)
{
	struct router *r = x->r;
	char image[512];
	ssize_t n = readlink("/proc/self/exe", image, sizeof(image) - 1);
	struct sysinfo si;
	struct kif *ifs;
	int nif = iface_list(r, &ifs);
	struct strbuf up = STRBUF_INIT;

	free(ifs);
	image[n > 0 ? n : 0] = '\0';
	if (sysinfo(&si) != 0)
		memset(&si, 0, sizeof(si));
	uptime_text(clock_uptime(r), &up);
	if (x->m->pipe == CL_PIPE_JSON) {
		struct json j;

		json_begin(&j, x->out);
		json_obj(&j, NULL);
		json_str(&j, "software", "pmipsim");
		json_str(&j, "version", PACKAGE_VERSION);
		json_str(&j, "emulates", "IOS 15.6(1)T");
		json_str(&j, "hostname", r->hostname);
		json_str(&j, "uptime", up.s);
		json_u64(&j, "uptime_seconds", clock_uptime(r));
		json_str(&j, "image", image);
		json_u64(&j, "ethernet_interfaces", (uint64_t)nif);
		json_end_obj(&j);
		json_finish(&j);
		sb_free(&up);
		return CMD_OK;
	}
	sb_printf(x->out,
	    "pmipsim Software (PMIPSIM-LINUX-M), Version %s, RELEASE SOFTWARE (emulating IOS 15.6(1)T)\n"
	    "Technical Support: see the pmipsim README\n"
	    "Copyright (c) 2026 by the pmipsim developers\n"
	    "Compiled by pmipsim\n"
	    "\n"
	    "ROM: pmipsim\n"
	    "\n"
	    "%s uptime is %s\n"
	    "System returned to ROM by power-on\n"
	    "System image file is \"%s\"\n"
	    "Last reload reason: power-on\n"
	    "\n"
	    "\n"
	    "pmipsim PMIPSIM (revision 1.0) with %luK/0K bytes of memory.\n"
	    "Processor board ID PMIPSIM\n"
	    "%d Ethernet interface%s\n"
	    "256K bytes of non-volatile configuration memory.\n"
	    "\n"
	    "Configuration register is 0x2102\n",
	    PACKAGE_VERSION, r->hostname, up.s, image,
	    (unsigned long)((uint64_t)si.totalram * si.mem_unit / 1024), nif, nif == 1 ? "" : "s");
	sb_free(&up);
	return CMD_OK;
}

int
cmd_show_clock(struct cmd_ctx *x)
{
	char t[64];

	clock_format_ios(clock_now(), clock_msec(), t, sizeof(t));
	if (x->m->pipe == CL_PIPE_JSON) {
		struct json j;

		json_begin(&j, x->out);
		json_obj(&j, NULL);
		json_str(&j, "clock", t);
		json_u64(&j, "epoch", (uint64_t)clock_now());
		json_end_obj(&j);
		json_finish(&j);
		return CMD_OK;
	}
	/* the star: the time is not set by an authoritative source */
	sb_printf(x->out, "*%s\n", t);
	return CMD_OK;
}

int
cmd_show_history(struct cmd_ctx *x)
{
	struct strbuf h = STRBUF_INIT;

	if (x->s)
		session_history(x->s, &h);
	if (x->m->pipe == CL_PIPE_JSON) {
		struct json j;

		json_begin(&j, x->out);
		json_arr(&j, NULL);
		for (const char *p = h.s; p && *p;) {
			size_t l = strcspn(p, "\n");
			char *line = strndup(p + 2, l > 2 ? l - 2 : 0);

			json_str(&j, NULL, line ? line : "");
			free(line);
			p += l + (p[l] ? 1 : 0);
		}
		json_end_arr(&j);
		json_finish(&j);
	} else
		sb_add(x->out, h.s, h.len);
	sb_free(&h);
	return CMD_OK;
}

static void
hms(time_t secs, char *out, size_t sz)
{
	snprintf(out, sz, "%02ld:%02ld:%02ld", (long)(secs / 3600), (long)(secs / 60 % 60),
	    (long)(secs % 60));
}

int
cmd_show_users(struct cmd_ctx *x)
{
	struct session *s;
	time_t now = clock_now();
	struct json j;
	bool json = x->m->pipe == CL_PIPE_JSON;

	if (json) {
		json_begin(&j, x->out);
		json_arr(&j, NULL);
	} else
		sb_adds(x->out, "    Line       User       Host(s)              Idle       Location\n");
	TAILQ_FOREACH(s, &x->r->sessions, entry) {
		char line[16], idle[64];

		snprintf(line, sizeof(line), "vty %d", s->vty);
		hms(now - s->last_input, idle, sizeof(idle));
		if (json) {
			json_obj(&j, NULL);
			json_str(&j, "line", line);
			json_bool(&j, "current", s == x->s);
			json_u64(&j, "idle_seconds", (uint64_t)(now - s->last_input));
			json_end_obj(&j);
			continue;
		}
		sb_printf(x->out, "%c%3d %-10s%-11s%-21s%-11s%s\n", s == x->s ? '*' : ' ', s->vty + 2,
		    line, "", "idle", idle, "local");
	}
	if (json) {
		json_end_arr(&j);
		json_finish(&j);
		return CMD_OK;
	}
	sb_adds(x->out, "\n  Interface    User               Mode         Idle     Location\n\n");
	return CMD_OK;
}

int
cmd_show_privilege(struct cmd_ctx *x)
{
	int p = x->s ? x->s->priv : 15;

	if (x->m->pipe == CL_PIPE_JSON) {
		struct json j;

		json_begin(&j, x->out);
		json_obj(&j, NULL);
		json_u64(&j, "privilege", (uint64_t)p);
		json_end_obj(&j);
		json_finish(&j);
		return CMD_OK;
	}
	sb_printf(x->out, "Current privilege level is %d\n", p);
	return CMD_OK;
}

int
cmd_show_terminal(struct cmd_ctx *x)
{
	struct session *s = x->s;
	int len = s ? session_length(s) : 0, width = s ? session_width(s) : 80;
	int hist = s ? s->hist_size : 10;

	if (x->m->pipe == CL_PIPE_JSON) {
		struct json j;

		json_begin(&j, x->out);
		json_obj(&j, NULL);
		json_u64(&j, "length", (uint64_t)len);
		json_u64(&j, "width", (uint64_t)width);
		json_u64(&j, "history_size", (uint64_t)hist);
		json_end_obj(&j);
		json_finish(&j);
		return CMD_OK;
	}
	sb_printf(x->out, "Line %d, Location: \"local\", Type: \"%s\"\n", s ? s->vty + 2 : 0,
	    s && s->kind == 1 ? "vt100" : "");
	sb_printf(x->out, "Length: %d lines, Width: %d columns\n", len, width);
	sb_adds(x->out, "Status: Ready, Active\nCapabilities: none\nEditing is enabled.\n");
	sb_printf(x->out, "History is enabled, history size is %d.\n", hist);
	return CMD_OK;
}

/* ---- interfaces --------------------------------------------------------- */

static bool
configured_addr(struct router *r, const char *ios, char *addr, size_t asz, char *mask, size_t msz)
{
	sqlite3_stmt *s = store_prepare(r->run, "SELECT ip_address, ip_mask FROM interface WHERE name=?");
	bool found = false;

	if (s == NULL)
		return false;
	sqlite3_bind_text(s, 1, ios, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) {
		snprintf(addr, asz, "%s", (const char *)sqlite3_column_text(s, 0));
		snprintf(mask, msz, "%s", (const char *)sqlite3_column_text(s, 1));
		found = true;
	}
	sqlite3_reset(s);
	return found;
}

static const char *
status_text(const struct kif *k)
{
	if (!(k->flags & IFF_UP))
		return "administratively down";
	return k->flags & IFF_LOWER_UP ? "up" : "down";
}

static const char *
proto_text(const struct kif *k)
{
	return (k->flags & IFF_UP) && (k->flags & IFF_LOWER_UP) ? "up" : "down";
}

static const struct kaddr *
first_v4(const struct kif *k)
{
	for (int i = 0; i < k->naddrs; i++)
		if (k->addrs[i].family == AF_INET)
			return &k->addrs[i];
	return NULL;
}

static void
v6_upper(const uint8_t *a, char *out, size_t sz)
{
	inet_ntop(AF_INET6, a, out, (socklen_t)sz);
	for (char *p = out; *p; p++)
		if (*p >= 'a' && *p <= 'f')
			*p = (char)(*p - 'a' + 'A');
}

int
cmd_show_ipv6_interface_brief(struct cmd_ctx *x)
{
	struct kif *ifs;
	int n = iface_list(x->r, &ifs);
	bool json = x->m->pipe == CL_PIPE_JSON;
	struct json j;

	if (json) {
		json_begin(&j, x->out);
		json_arr(&j, NULL);
	}
	for (int i = 0; i < n; i++) {
		char status[64], a[INET6_ADDRSTRLEN];
		int shown = 0;

		if (json) {
			json_obj(&j, NULL);
			json_str(&j, "interface", ifs[i].ios);
			json_str(&j, "status", status_text(&ifs[i]));
			json_str(&j, "protocol", proto_text(&ifs[i]));
			json_arr(&j, "addresses");
		} else {
			snprintf(status, sizeof(status), "[%s/%s]", status_text(&ifs[i]),
			    proto_text(&ifs[i]));
			sb_printf(x->out, "%-22s %s\n", ifs[i].ios, status);
		}
		/* the link-local address first, as IOS lists them */
		for (int pass = 0; pass < 2; pass++)
			for (int k = 0; k < ifs[i].naddrs; k++) {
				const struct kaddr *ka = &ifs[i].addrs[k];
				bool ll = ka->addr[0] == 0xfe && (ka->addr[1] & 0xc0) == 0x80;

				if (ka->family != AF_INET6 || ll != (pass == 0))
					continue;
				v6_upper(ka->addr, a, sizeof(a));
				if (json)
					json_str(&j, NULL, a);
				else
					sb_printf(x->out, "    %s\n", a);
				shown++;
			}
		if (json) {
			json_end_arr(&j);
			json_end_obj(&j);
		} else if (shown == 0)
			sb_adds(x->out, "    unassigned\n");
	}
	if (json) {
		json_end_arr(&j);
		json_finish(&j);
	}
	free(ifs);
	return CMD_OK;
}

static uint32_t v4_of(const uint8_t *b);

struct arp_row {
	uint32_t addr;
	char age[24];
	char hw[16];
	const char *ios;
};

static int
arp_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct arp_row *)a)->addr, y = ((const struct arp_row *)b)->addr;

	return x < y ? -1 : x > y;
}

static void
mac_dotted(const uint8_t *m, char *out, size_t sz)
{
	snprintf(out, sz, "%02x%02x.%02x%02x.%02x%02x", m[0], m[1], m[2], m[3], m[4], m[5]);
}

int
cmd_show_ip_arp(struct cmd_ctx *x)
{
	struct kif *ifs;
	struct kneigh *nb;
	int ni = iface_list(x->r, &ifs), nn = iface_neighbors(x->r, &nb), n = 0;
	struct arp_row *rows;
	bool json = x->m->pipe == CL_PIPE_JSON;
	struct json j;
	char a[INET_ADDRSTRLEN];

	rows = calloc((size_t)(nn + ni * 16 + 1), sizeof(*rows));
	if (rows == NULL)
		abort();
	for (int i = 0; i < ni; i++)
		for (int k = 0; k < ifs[i].naddrs; k++)
			if (ifs[i].addrs[k].family == AF_INET) {
				rows[n].addr = v4_of(ifs[i].addrs[k].addr);
				snprintf(rows[n].age, sizeof(rows[n].age), "-");
				mac_dotted(ifs[i].mac, rows[n].hw, sizeof(rows[n].hw));
				rows[n++].ios = ifs[i].ios;
			}
	for (int i = 0; i < nn; i++) {
		rows[n].addr = v4_of(nb[i].addr);
		if (nb[i].age_s >= 0)
			snprintf(rows[n].age, sizeof(rows[n].age), "%ld", nb[i].age_s / 60);
		else
			snprintf(rows[n].age, sizeof(rows[n].age), "-");
		if (nb[i].has_mac)
			mac_dotted(nb[i].mac, rows[n].hw, sizeof(rows[n].hw));
		else
			snprintf(rows[n].hw, sizeof(rows[n].hw), "Incomplete");
		rows[n++].ios = nb[i].ios;
	}
	qsort(rows, (size_t)n, sizeof(*rows), arp_cmp);
	if (json) {
		json_begin(&j, x->out);
		json_arr(&j, NULL);
	} else
		sb_adds(x->out, "Protocol  Address          Age (min)  Hardware Addr   Type   Interface\n");
	for (int i = 0; i < n; i++) {
		uint8_t b[4] = { (uint8_t)(rows[i].addr >> 24), (uint8_t)(rows[i].addr >> 16),
			(uint8_t)(rows[i].addr >> 8), (uint8_t)rows[i].addr };

		inet_ntop(AF_INET, b, a, sizeof(a));
		if (json) {
			json_obj(&j, NULL);
			json_str(&j, "address", a);
			json_str(&j, "age", rows[i].age);
			json_str(&j, "hardware", rows[i].hw);
			json_str(&j, "interface", rows[i].ios);
			json_end_obj(&j);
		} else
			sb_printf(x->out, "Internet  %-16s%10s  %-16s%-7s%s\n", a, rows[i].age, rows[i].hw,
			    "ARPA", rows[i].ios);
	}
	if (json) {
		json_end_arr(&j);
		json_finish(&j);
	}
	free(rows);
	free(nb);
	free(ifs);
	return CMD_OK;
}

/* ---- show ipv6 route --------------------------------------------------------- */

static const char ROUTE6_CODES[] =
    "Codes: C - Connected, L - Local, S - Static, U - Per-user Static route\n"
    "       B - BGP, R - RIP, H - NHRP, I1 - ISIS L1\n"
    "       I2 - ISIS L2, IA - ISIS interarea, IS - ISIS summary, D - EIGRP\n"
    "       EX - EIGRP external, ND - ND Default, NDp - ND Prefix, DCE - Destination\n"
    "       NDr - Redirect, O - OSPF Intra, OI - OSPF Inter, OE1 - OSPF ext 1\n"
    "       OE2 - OSPF ext 2, ON1 - OSPF NSSA ext 1, ON2 - OSPF NSSA ext 2\n"
    "       ls - LISP site, ld - LISP dyn-EID, a - Application\n";

static const char *
route6_code(const struct kroute *k)
{
	static const uint8_t loop[16] = { [15] = 1 };

	if (k->ios[0] == '\0' || !k->if_up || memcmp(k->dst, loop, 16) == 0 ||
	    (k->dst[0] == 0xfe && (k->dst[1] & 0xc0) == 0x80))
		return NULL;	/* not IOS's: loopback, link-local */
	if (k->table == RT_TABLE_LOCAL)
		return k->type == RTN_LOCAL && k->plen == 128 ? "L" : NULL;
	if (k->protocol == RTPROT_KERNEL && !k->has_gw)
		return "C";
	if (k->protocol == RTPROT_RA)
		return k->plen == 0 ? "ND" : "NDp";
	return "S";
}

int
cmd_show_ipv6_route(struct cmd_ctx *x)
{
	struct kroute *rt;
	int n, shown = 0;
	const char **code;
	char a[INET6_ADDRSTRLEN], g[INET6_ADDRSTRLEN];
	bool json = x->m->pipe == CL_PIPE_JSON;
	struct json j;
	struct strbuf body = STRBUF_INIT;

	n = iface_routes(x->r, AF_INET6, &rt);
	code = calloc((size_t)(n ? n : 1), sizeof(*code));
	if (code == NULL)
		abort();
	if (json) {
		json_begin(&j, x->out);
		json_arr(&j, NULL);
	}
	for (int i = 0; i < n; i++) {
		if ((code[i] = route6_code(&rt[i])) == NULL)
			continue;
		shown++;
		v6_upper(rt[i].dst, a, sizeof(a));
		if (rt[i].has_gw)
			v6_upper(rt[i].gw, g, sizeof(g));
		if (json) {
			char p[INET6_ADDRSTRLEN + 5];

			snprintf(p, sizeof(p), "%s/%d", a, rt[i].plen);
			json_obj(&j, NULL);
			json_str(&j, "code", code[i]);
			json_str(&j, "prefix", p);
			json_str(&j, "next_hop", rt[i].has_gw ? g : NULL);
			json_str(&j, "interface", rt[i].ios);
			json_end_obj(&j);
			continue;
		}
		sb_printf(&body, "%-4s%s/%d [%u/0]\n", code[i], a, rt[i].plen,
		    code[i][0] == 'S' ? (rt[i].metric ? rt[i].metric : 1) : 0);
		if (rt[i].has_gw)
			sb_printf(&body, "     via %s, %s\n", g, rt[i].ios);
		else
			sb_printf(&body, "     via %s, %s\n", rt[i].ios,
			    code[i][0] == 'L' ? "receive" : "directly connected");
	}
	if (json) {
		json_end_arr(&j);
		json_finish(&j);
	} else {
		sb_printf(x->out, "IPv6 Routing Table - default - %d entries\n", shown + 1);
		sb_adds(x->out, ROUTE6_CODES);
		sb_add(x->out, body.s ? body.s : "", body.len);
		sb_adds(x->out, "L   FF00::/8 [0/0]\n     via Null0, receive\n");
	}
	sb_free(&body);
	free(code);
	free(rt);
	return CMD_OK;
}

/* ---- show ip route ---------------------------------------------------------- */

static const char ROUTE_CODES[] =
    "Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP\n"
    "       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area \n"
    "       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2\n"
    "       E1 - OSPF external type 1, E2 - OSPF external type 2\n"
    "       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2\n"
    "       ia - IS-IS inter area, * - candidate default, U - per-user static route\n"
    "       o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP\n"
    "       + - replicated route, % - next hop override\n\n";

static uint32_t
v4_of(const uint8_t *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* The classful length of an IPv4 network: A /8, B /16, C /24, else /32. */
static int
classful_len(uint32_t a)
{
	return a < 0x80000000u ? 8 : a < 0xc0000000u ? 16 : a < 0xe0000000u ? 24 : 32;
}

/* What IOS would call the route: its code, or NULL for one it would not
 * show (broadcast, loopback, routes of interfaces it does not know). */
static const char *
route_code(const struct kroute *k)
{
	uint32_t d = v4_of(k->dst);

	if (k->ios[0] == '\0' || (d >> 24) == 127)
		return NULL;
	/* as on IOS, an interface that is not up/up has no routes */
	if (!k->if_up)
		return NULL;
	if (k->table == RT_TABLE_LOCAL)
		return k->type == RTN_LOCAL && k->plen == 32 ? "L" : NULL;
	if (k->protocol == RTPROT_KERNEL && !k->has_gw)
		return "C";
	return k->plen == 0 ? "S*" : "S";
}

static void
route_line(struct strbuf *out, const struct kroute *k, const char *code, bool sub, bool with_len)
{
	char a[INET_ADDRSTRLEN], g[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, k->dst, a, sizeof(a));
	sb_printf(out, "%-*s%s", sub ? 9 : 6, code, a);
	if (with_len)
		sb_printf(out, "/%d", k->plen);
	if (k->has_gw) {
		inet_ntop(AF_INET, k->gw, g, sizeof(g));
		/* the kernel's metric is the distance of a static route */
		sb_printf(out, " [%u/0] via %s", k->metric ? k->metric : 1, g);
		if (k->protocol == RTPROT_KERNEL || code[0] == 'C')
			sb_printf(out, ", %s", k->ios);
		sb_addc(out, '\n');
	} else
		sb_printf(out, " is directly connected, %s\n", k->ios);
}

int
cmd_show_ip_route(struct cmd_ctx *x)
{
	struct kroute *rt;
	int n;
	const char **code;
	const struct kroute *dflt = NULL;
	char a[INET_ADDRSTRLEN];

	/* static routes the last lines asked for are in the kernel first */
	iface_routes_flush(x->r);
	n = iface_routes(x->r, AF_INET, &rt);
	code = calloc((size_t)(n ? n : 1), sizeof(*code));
	if (code == NULL)
		abort();
	for (int i = 0; i < n; i++)
		if ((code[i] = route_code(&rt[i])) != NULL && rt[i].plen == 0 && dflt == NULL)
			dflt = &rt[i];	/* via an interface only: gateway 0.0.0.0 */
	if (x->m->pipe == CL_PIPE_JSON) {
		struct json j;

		json_begin(&j, x->out);
		json_obj(&j, NULL);
		json_str(&j, "gateway_of_last_resort", dflt ? inet_ntop(AF_INET, dflt->gw, a,
		    sizeof(a)) : NULL);
		json_arr(&j, "routes");
		for (int i = 0; i < n; i++) {
			char p[INET_ADDRSTRLEN + 4], g[INET_ADDRSTRLEN];

			if (code[i] == NULL)
				continue;
			inet_ntop(AF_INET, rt[i].dst, a, sizeof(a));
			snprintf(p, sizeof(p), "%s/%d", a, rt[i].plen);
			json_obj(&j, NULL);
			json_str(&j, "code", code[i]);
			json_str(&j, "prefix", p);
			json_str(&j, "next_hop", rt[i].has_gw ? inet_ntop(AF_INET, rt[i].gw, g,
			    sizeof(g)) : NULL);
			json_str(&j, "interface", rt[i].ios);
			json_u64(&j, "metric", rt[i].metric);
			json_end_obj(&j);
		}
		json_end_arr(&j);
		json_end_obj(&j);
		json_finish(&j);
		goto done;
	}
	sb_adds(x->out, ROUTE_CODES);
	if (dflt)
		sb_printf(x->out, "Gateway of last resort is %s to network 0.0.0.0\n\n",
		    inet_ntop(AF_INET, dflt->gw, a, sizeof(a)));
	else
		sb_adds(x->out, "Gateway of last resort is not set\n\n");
	/* the routes, sorted by address; those of a classful network (A, B or
	 * C) that has subnets go under a line for it, the network itself
	 * included */
	for (int i = 0; i < n;) {
		uint32_t d = v4_of(rt[i].dst);
		int cl = classful_len(d), end = i, routes = 0, masks = 0, plen = cl;
		uint32_t major = cl == 32 ? d : d & (0xffffffffu << (32 - cl));
		uint64_t seen_masks = 0;
		bool subnetted = false;

		if (code[i] == NULL || rt[i].plen < cl) {
			if (code[i] != NULL)
				route_line(x->out, &rt[i], code[i], false, true);
			i++;
			continue;
		}
		while (end < n && rt[end].plen >= cl &&
		    (v4_of(rt[end].dst) & (0xffffffffu << (32 - cl))) == major) {
			if (code[end] != NULL) {
				routes++;
				plen = rt[end].plen;
				subnetted |= rt[end].plen > cl;
				if (!(seen_masks & (1ull << rt[end].plen))) {
					seen_masks |= 1ull << rt[end].plen;
					masks++;
				}
			}
			end++;
		}
		if (subnetted) {
			uint8_t mb[4] = { (uint8_t)(major >> 24), (uint8_t)(major >> 16),
				(uint8_t)(major >> 8), (uint8_t)major };

			inet_ntop(AF_INET, mb, a, sizeof(a));
			if (masks > 1)
				sb_printf(x->out, "      %s/%d is variably subnetted, %d subnets, %d masks\n",
				    a, cl, routes, masks);
			else	/* the subnets' own mask, and "1 subnets", as IOS has them */
				sb_printf(x->out, "      %s/%d is subnetted, %d subnets\n", a, plen,
				    routes);
		}
		for (int k = i; k < end; k++)
			if (code[k] != NULL)
				route_line(x->out, &rt[k], code[k], subnetted, !subnetted || masks > 1);
		i = end;
	}
done:
	free(code);
	free(rt);
	return CMD_OK;
}

int
cmd_show_ip_interface_brief(struct cmd_ctx *x)
{
	struct kif *ifs;
	int n = iface_list(x->r, &ifs);
	bool json = x->m->pipe == CL_PIPE_JSON;
	struct json j;

	if (json) {
		json_begin(&j, x->out);
		json_arr(&j, NULL);
	} else
		sb_printf(x->out, "%-26s %-15s %-3s %-6s %-21s %s\n", "Interface", "IP-Address", "OK?",
		    "Method", "Status", "Protocol");
	for (int i = 0; i < n; i++) {
		char addr[64] = "unassigned", mask[32];
		const char *method = "unset";
		const struct kaddr *a = first_v4(&ifs[i]);

		if (configured_addr(x->r, ifs[i].ios, addr, sizeof(addr), mask, sizeof(mask)))
			method = iface_method(x->r, ifs[i].ios);
		else if (a) {
			inet_ntop(AF_INET, a->addr, addr, sizeof(addr));
			method = "manual";
		}
		if (json) {
			json_obj(&j, NULL);
			json_str(&j, "interface", ifs[i].ios);
			json_str(&j, "linux", ifs[i].name);
			json_str(&j, "ip_address", addr);
			json_str(&j, "method", method);
			json_str(&j, "status", status_text(&ifs[i]));
			json_str(&j, "protocol", proto_text(&ifs[i]));
			json_end_obj(&j);
			continue;
		}
		sb_printf(x->out, "%-26s %-15s %-3s %-6s %-21s %s\n", ifs[i].ios, addr, "YES", method,
		    status_text(&ifs[i]), proto_text(&ifs[i]));
	}
	if (json) {
		json_end_arr(&j);
		json_finish(&j);
	}
	free(ifs);
	return CMD_OK;
}

static void
since(time_t t, char *out, size_t sz)
{
	if (t == 0) {
		snprintf(out, sz, "never");
		return;
	}
	hms(time(NULL) - t, out, sz);
}

static void
show_one_interface(struct router *r, const struct kif *k, struct strbuf *o)
{
	char addr[64], mask[32], li[64], lo[64];
	const struct kaddr *a = first_v4(k);
	bool cfg = configured_addr(r, k->ios, addr, sizeof(addr), mask, sizeof(mask));

	sb_printf(o, "%s is %s, line protocol is %s \n", k->ios, status_text(k), proto_text(k));
	sb_printf(o, "  Hardware is Ethernet, address is %02x%02x.%02x%02x.%02x%02x "
	    "(bia %02x%02x.%02x%02x.%02x%02x)\n", k->mac[0], k->mac[1], k->mac[2], k->mac[3],
	    k->mac[4], k->mac[5], k->mac[0], k->mac[1], k->mac[2], k->mac[3], k->mac[4], k->mac[5]);
	if (k->alias[0])
		sb_printf(o, "  Description: %s\n", k->alias);
	if (a) {
		char t[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, a->addr, t, sizeof(t));
		sb_printf(o, "  Internet address is %s/%d\n", t, a->plen);
	} else if (cfg)
		sb_printf(o, "  Internet address is %s (not applied)\n", addr);
	sb_printf(o, "  MTU %u bytes, BW 10000 Kbit/sec, DLY 1000 usec, \n"
	    "     reliability 255/255, txload 1/255, rxload 1/255\n", k->mtu);
	sb_adds(o, "  Encapsulation ARPA, loopback not set\n  Keepalive set (10 sec)\n"
	    "  ARP type: ARPA, ARP Timeout 04:00:00\n");
	since(k->last_in, li, sizeof(li));
	since(k->last_out, lo, sizeof(lo));
	sb_printf(o, "  Last input %s, output %s, output hang never\n", li, lo);
	sb_adds(o, "  Last clearing of \"show interface\" counters never\n");
	sb_printf(o, "  Input queue: 0/75/%llu/0 (size/max/drops/flushes); Total output drops: %llu\n",
	    (unsigned long long)k->rx_dropped, (unsigned long long)k->tx_dropped);
	sb_adds(o, "  Queueing strategy: fifo\n  Output queue: 0/40 (size/max)\n");
	sb_printf(o, "  5 minute input rate %.0f bits/sec, %.0f packets/sec\n", k->in_bps, k->in_pps);
	sb_printf(o, "  5 minute output rate %.0f bits/sec, %.0f packets/sec\n", k->out_bps, k->out_pps);
	sb_printf(o, "     %llu packets input, %llu bytes, 0 no buffer\n",
	    (unsigned long long)k->rx_packets, (unsigned long long)k->rx_bytes);
	sb_printf(o, "     Received 0 broadcasts (%llu IP multicasts)\n",
	    (unsigned long long)k->multicast);
	sb_adds(o, "     0 runts, 0 giants, 0 throttles \n");
	sb_printf(o, "     %llu input errors, %llu CRC, %llu frame, %llu overrun, %llu ignored\n",
	    (unsigned long long)k->rx_errors, (unsigned long long)k->rx_crc,
	    (unsigned long long)k->rx_frame, (unsigned long long)k->rx_fifo,
	    (unsigned long long)k->rx_missed);
	sb_adds(o, "     0 input packets with dribble condition detected\n");
	sb_printf(o, "     %llu packets output, %llu bytes, %llu underruns\n",
	    (unsigned long long)k->tx_packets, (unsigned long long)k->tx_bytes,
	    (unsigned long long)k->tx_fifo);
	sb_printf(o, "     %llu output errors, %llu collisions, 0 interface resets\n",
	    (unsigned long long)k->tx_errors, (unsigned long long)k->collisions);
	sb_adds(o, "     0 unknown protocol drops\n     0 babbles, 0 late collision, 0 deferred\n");
	sb_printf(o, "     %llu lost carrier, 0 no carrier\n", (unsigned long long)k->tx_carrier);
	sb_adds(o, "     0 output buffer failures, 0 output buffers swapped out\n");
}

static void
json_interface(struct json *j, const struct kif *k)
{
	const struct kaddr *a = first_v4(k);
	char t[INET6_ADDRSTRLEN];

	json_obj(j, NULL);
	json_str(j, "interface", k->ios);
	json_str(j, "linux", k->name);
	json_str(j, "status", status_text(k));
	json_str(j, "protocol", proto_text(k));
	snprintf(t, sizeof(t), "%02x%02x.%02x%02x.%02x%02x", k->mac[0], k->mac[1], k->mac[2],
	    k->mac[3], k->mac[4], k->mac[5]);
	json_str(j, "mac", t);
	json_str(j, "description", k->alias);
	if (a) {
		inet_ntop(AF_INET, a->addr, t, sizeof(t));
		json_str(j, "ip_address", t);
		json_u64(j, "prefix_length", (uint64_t)a->plen);
	}
	json_u64(j, "mtu", k->mtu);
	json_u64(j, "input_packets", k->rx_packets);
	json_u64(j, "input_bytes", k->rx_bytes);
	json_u64(j, "output_packets", k->tx_packets);
	json_u64(j, "output_bytes", k->tx_bytes);
	json_u64(j, "input_errors", k->rx_errors);
	json_u64(j, "output_errors", k->tx_errors);
	json_end_obj(j);
}

int
cmd_show_interfaces(struct cmd_ctx *x, struct cmd_show_interfaces_args *a)
{
	struct kif *ifs;
	int n = iface_list(x->r, &ifs);
	const char *want = a->name.s;
	bool json = x->m->pipe == CL_PIPE_JSON, found = false;
	struct json j;

	if (json) {
		json_begin(&j, x->out);
		json_arr(&j, NULL);
	}
	for (int i = 0; i < n; i++) {
		if (want && strcmp(want, ifs[i].ios) != 0)
			continue;
		found = true;
		if (json)
			json_interface(&j, &ifs[i]);
		else
			show_one_interface(x->r, &ifs[i], x->out);
	}
	free(ifs);
	if (json) {
		json_end_arr(&j);
		json_finish(&j);
	}
	if (want && !found && !json) {
		/* configured but not (yet) in the kernel: IOS would not know it */
		sb_printf(x->out, "%% Interface %s does not exist on this node\n", want);
		return CMD_ERR;
	}
	return CMD_OK;
}

/* ---- access lists, pools ---------------------------------------------------- */

int
cmd_show_ip_access_lists(struct cmd_ctx *x, struct cmd_show_ip_access_lists_args *a)
{
	acl_show(x->r, a->name.s, x->m->pipe == CL_PIPE_JSON, x->out);
	return CMD_OK;
}

int
cmd_show_ip_local_pool(struct cmd_ctx *x, struct cmd_show_ip_local_pool_args *a)
{
	const char *name = a->name.s;
	sqlite3_stmt *s = store_prepare(x->r->run, name ?
	    "SELECT name, low, coalesce(high, low), low_n, high_n FROM ip_local_pool WHERE name=? "
	    "ORDER BY name, low_n" :
	    "SELECT name, low, coalesce(high, low), low_n, high_n FROM ip_local_pool "
	    "ORDER BY name, low_n");
	char last[256] = "";
	bool json = x->m->pipe == CL_PIPE_JSON;
	struct json j;
	int rows = 0;

	if (s == NULL)
		return CMD_ERR;
	if (name)
		sqlite3_bind_text(s, 1, name, -1, SQLITE_TRANSIENT);
	if (json) {
		json_begin(&j, x->out);
		json_arr(&j, NULL);
	} else
		sb_adds(x->out, "\n Pool                     Begin           End             Free  In use\n");
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char *pn = (const char *)sqlite3_column_text(s, 0);
		int64_t size = sqlite3_column_int64(s, 4) - sqlite3_column_int64(s, 3) + 1;
		int64_t used = pool_in_use(x->r, pn, sqlite3_column_int64(s, 3), sqlite3_column_int64(s, 4));

		rows++;
		if (json) {
			json_obj(&j, NULL);
			json_str(&j, "pool", pn);
			json_str(&j, "begin", (const char *)sqlite3_column_text(s, 1));
			json_str(&j, "end", (const char *)sqlite3_column_text(s, 2));
			json_u64(&j, "free", (uint64_t)(size - used));
			json_u64(&j, "in_use", (uint64_t)used);
			json_end_obj(&j);
			continue;
		}
		sb_printf(x->out, " %-24s %-15s %-15s%5lld%8lld\n", strcmp(last, pn) ? pn : "",
		    (const char *)sqlite3_column_text(s, 1), (const char *)sqlite3_column_text(s, 2),
		    (long long)(size - used), (long long)used);
		snprintf(last, sizeof(last), "%s", pn);
	}
	sqlite3_reset(s);
	if (json) {
		json_end_arr(&j);
		json_finish(&j);
	} else if (name && rows == 0) {
		sb_reset(x->out);
		sb_printf(x->out, "%% Pool %s not found\n", name);
		return CMD_ERR;
	}
	return CMD_OK;
}

int
cmd_show_running_diff(struct cmd_ctx *x)
{
	struct strbuf start = STRBUF_INIT, run = STRBUF_INIT, diff = STRBUF_INIT, err = STRBUF_INIT;
	struct render_opts o = { false, false };
	struct cnode *a, *b;
	bool present = startup_read(x->r->startup_path, &start, &err) > 0;

	sb_free(&err);
	render_config(x->r, x->r->run, &run, &o);
	a = cfg_tree_parse(start.s);
	b = cfg_tree_parse(run.s);
	cfg_diff_print(a, b, &diff);
	cfg_tree_free(a);
	cfg_tree_free(b);
	if (x->m->pipe == CL_PIPE_JSON) {
		struct json j;

		json_begin(&j, x->out);
		json_obj(&j, NULL);
		json_bool(&j, "startup_config_present", present);
		json_arr(&j, "lines");
		for (const char *p = diff.s; p && *p;) {
			size_t l = strcspn(p, "\n");
			char *line = strndup(p, l);

			if (line && line[0] != '!')
				json_str(&j, NULL, line);
			free(line);
			p += l + (p[l] ? 1 : 0);
		}
		json_end_arr(&j);
		json_end_obj(&j);
		json_finish(&j);
	} else
		sb_add(x->out, diff.s, diff.len);
	sb_free(&start);
	sb_free(&run);
	sb_free(&diff);
	return CMD_OK;
}

int
cmd_show_archive(struct cmd_ctx *x, struct cmd_show_archive_args *a)
{
	const char *n = a->n.s;

	archive_show(x->r, n ? atoi(n) : 0, x->m->pipe == CL_PIPE_JSON, x->out);
	return CMD_OK;
}
