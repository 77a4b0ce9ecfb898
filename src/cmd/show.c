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
#include "rows.h"
#include "session.h"
#include "cmd/show-out.h"
#include "startup.h"
#include "store.h"

int
show_print(struct cmd_ctx *x, const struct show_printer *p, const void *rec)
{
	struct json j;
	int rc;

	if (x->m->pipe != CL_PIPE_JSON)
		return p->text(x->out, rec);
	json_begin(&j, x->out);
	rc = p->json(&j, rec);
	json_finish(&j);
	return rc;
}

/* ---- configurations ----------------------------------------------------- */

struct config_rec {
	struct router *r;
	const char *text;		/* startup-config: the file */
};

static int
running_text(struct strbuf *out, const void *v)
{
	const struct config_rec *c = v;
	struct render_opts o = { true, true };

	render_config(c->r, c->r->run, out, &o);
	return CMD_OK;
}

static int
running_json(struct json *j, const void *v)
{
	const struct config_rec *c = v;

	render_config_json(c->r, c->r->run, j);
	return CMD_OK;
}

static const struct show_printer running_printer = { running_text, running_json };

int
cmd_show_running(struct cmd_ctx *x)
{
	return show_print(x, &running_printer, &(struct config_rec){ .r = x->r });
}

static int
startup_text(struct strbuf *out, const void *v)
{
	const struct config_rec *c = v;

	sb_printf(out, "Using %zu out of 262144 bytes\n", strlen(c->text));
	sb_adds(out, c->text);
	return CMD_OK;
}

static int
startup_json(struct json *j, const void *v)
{
	json_config_tree(((const struct config_rec *)v)->text, j);
	return CMD_OK;
}

static const struct show_printer startup_printer = { startup_text, startup_json };

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
	rc = show_print(x, &startup_printer, &(struct config_rec){ .text = body.s ? body.s : "" });
	sb_free(&body);
	return rc;
}

/* ---- the router --------------------------------------------------------- */

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

struct version_rec {
	const char *hostname;
	const char *uptime;
	uint64_t uptime_s;
	const char *image;
	int nif;
	unsigned long mem_k;
};

static int
version_text(struct strbuf *out, const void *rec)
{
	const struct version_rec *v = rec;

	sb_printf(out,
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
	    PACKAGE_VERSION, v->hostname, v->uptime, v->image, v->mem_k, v->nif,
	    v->nif == 1 ? "" : "s");
	return CMD_OK;
}

static int
version_json(struct json *j, const void *rec)
{
	const struct version_rec *v = rec;

	json_obj(j, NULL);
	json_str(j, "software", "pmipsim");
	json_str(j, "version", PACKAGE_VERSION);
	json_str(j, "emulates", "IOS 15.6(1)T");
	json_str(j, "hostname", v->hostname);
	json_str(j, "uptime", v->uptime);
	json_u64(j, "uptime_seconds", v->uptime_s);
	json_str(j, "image", v->image);
	json_u64(j, "ethernet_interfaces", (uint64_t)v->nif);
	json_end_obj(j);
	return CMD_OK;
}

static const struct show_printer version_printer = { version_text, version_json };

int
cmd_show_version(struct cmd_ctx *x)
{
	struct router *r = x->r;
	char image[512];
	ssize_t n = readlink("/proc/self/exe", image, sizeof(image) - 1);
	struct sysinfo si;
	struct kif *ifs;
	int nif = iface_list(r, &ifs), rc;
	struct strbuf up = STRBUF_INIT;

	free(ifs);
	image[n > 0 ? n : 0] = '\0';
	if (sysinfo(&si) != 0)
		memset(&si, 0, sizeof(si));
	uptime_text(clock_uptime(r), &up);
	rc = show_print(x, &version_printer, &(struct version_rec){ .hostname = r->hostname,
	    .uptime = up.s, .uptime_s = clock_uptime(r), .image = image, .nif = nif,
	    .mem_k = (unsigned long)((uint64_t)si.totalram * si.mem_unit / 1024) });
	sb_free(&up);
	return rc;
}

struct clock_rec {
	char text[64];
	time_t epoch;
};

static int
clock_text(struct strbuf *out, const void *rec)
{
	/* the star: the time is not set by an authoritative source */
	sb_printf(out, "*%s\n", ((const struct clock_rec *)rec)->text);
	return CMD_OK;
}

static int
clock_json(struct json *j, const void *rec)
{
	const struct clock_rec *c = rec;

	json_obj(j, NULL);
	json_str(j, "clock", c->text);
	json_u64(j, "epoch", (uint64_t)c->epoch);
	json_end_obj(j);
	return CMD_OK;
}

static const struct show_printer clock_printer = { clock_text, clock_json };

int
cmd_show_clock(struct cmd_ctx *x)
{
	struct clock_rec c = { .epoch = clock_now() };

	clock_format_ios(c.epoch, clock_msec(), c.text, sizeof(c.text));
	return show_print(x, &clock_printer, &c);
}

/* The session's history as show history prints it: "  LINE\n" each. */
static int
history_text(struct strbuf *out, const void *rec)
{
	sb_adds(out, rec);
	return CMD_OK;
}

static int
history_json(struct json *j, const void *rec)
{
	json_arr(j, NULL);
	for (const char *p = rec; *p;) {
		size_t l = strcspn(p, "\n");
		char *line = strndup(p + 2, l > 2 ? l - 2 : 0);

		json_str(j, NULL, line ? line : "");
		free(line);
		p += l + (p[l] ? 1 : 0);
	}
	json_end_arr(j);
	return CMD_OK;
}

static const struct show_printer history_printer = { history_text, history_json };

int
cmd_show_history(struct cmd_ctx *x)
{
	struct strbuf h = STRBUF_INIT;
	int rc;

	if (x->s)
		session_history(x->s, &h);
	rc = show_print(x, &history_printer, h.s ? h.s : "");
	sb_free(&h);
	return rc;
}

static void
hms(time_t secs, char *out, size_t sz)
{
	snprintf(out, sz, "%02ld:%02ld:%02ld", (long)(secs / 3600), (long)(secs / 60 % 60),
	    (long)(secs % 60));
}

struct users_rec {
	int n;
	struct user {
		int vty;
		bool current;
		time_t idle;
	} *u;
};

static int
users_text(struct strbuf *out, const void *rec)
{
	const struct users_rec *v = rec;

	sb_adds(out, "    Line       User       Host(s)              Idle       Location\n");
	for (int i = 0; i < v->n; i++) {
		char line[16], idle[64];

		snprintf(line, sizeof(line), "vty %d", v->u[i].vty);
		hms(v->u[i].idle, idle, sizeof(idle));
		sb_printf(out, "%c%3d %-10s%-11s%-21s%-11s%s\n", v->u[i].current ? '*' : ' ',
		    v->u[i].vty + 2, line, "", "idle", idle, "local");
	}
	sb_adds(out, "\n  Interface    User               Mode         Idle     Location\n\n");
	return CMD_OK;
}

static int
users_json(struct json *j, const void *rec)
{
	const struct users_rec *v = rec;

	json_arr(j, NULL);
	for (int i = 0; i < v->n; i++) {
		char line[16];

		snprintf(line, sizeof(line), "vty %d", v->u[i].vty);
		json_obj(j, NULL);
		json_str(j, "line", line);
		json_bool(j, "current", v->u[i].current);
		json_u64(j, "idle_seconds", (uint64_t)v->u[i].idle);
		json_end_obj(j);
	}
	json_end_arr(j);
	return CMD_OK;
}

static const struct show_printer users_printer = { users_text, users_json };

int
cmd_show_users(struct cmd_ctx *x)
{
	struct session *s;
	time_t now = clock_now();
	struct users_rec v = { 0 };
	int rc;

	TAILQ_FOREACH(s, &x->r->sessions, entry)
		v.n++;
	v.u = calloc((size_t)v.n + 1, sizeof(*v.u));
	if (v.u == NULL)
		abort();
	v.n = 0;
	TAILQ_FOREACH(s, &x->r->sessions, entry)
		v.u[v.n++] = (struct user){ s->vty, s == x->s, now - s->last_input };
	rc = show_print(x, &users_printer, &v);
	free(v.u);
	return rc;
}

static int
privilege_text(struct strbuf *out, const void *rec)
{
	sb_printf(out, "Current privilege level is %d\n", *(const int *)rec);
	return CMD_OK;
}

static int
privilege_json(struct json *j, const void *rec)
{
	json_obj(j, NULL);
	json_u64(j, "privilege", (uint64_t)*(const int *)rec);
	json_end_obj(j);
	return CMD_OK;
}

static const struct show_printer privilege_printer = { privilege_text, privilege_json };

int
cmd_show_privilege(struct cmd_ctx *x)
{
	int p = x->s ? x->s->priv : 15;

	return show_print(x, &privilege_printer, &p);
}

struct terminal_rec {
	int line;
	bool vt100;
	int length, width, history;
};

static int
terminal_text(struct strbuf *out, const void *rec)
{
	const struct terminal_rec *t = rec;

	sb_printf(out, "Line %d, Location: \"local\", Type: \"%s\"\n", t->line,
	    t->vt100 ? "vt100" : "");
	sb_printf(out, "Length: %d lines, Width: %d columns\n", t->length, t->width);
	sb_adds(out, "Status: Ready, Active\nCapabilities: none\nEditing is enabled.\n");
	sb_printf(out, "History is enabled, history size is %d.\n", t->history);
	return CMD_OK;
}

static int
terminal_json(struct json *j, const void *rec)
{
	const struct terminal_rec *t = rec;

	json_obj(j, NULL);
	json_u64(j, "length", (uint64_t)t->length);
	json_u64(j, "width", (uint64_t)t->width);
	json_u64(j, "history_size", (uint64_t)t->history);
	json_end_obj(j);
	return CMD_OK;
}

static const struct show_printer terminal_printer = { terminal_text, terminal_json };

int
cmd_show_terminal(struct cmd_ctx *x)
{
	struct session *s = x->s;

	return show_print(x, &terminal_printer, &(struct terminal_rec){
	    .line = s ? s->vty + 2 : 0, .vt100 = s && s->kind == 1,
	    .length = s ? session_length(s) : 0, .width = s ? session_width(s) : 80,
	    .history = s ? s->hist_size : 10 });
}

/* ---- interfaces --------------------------------------------------------- */

static bool
configured_addr(struct router *r, const char *ios, char *addr, size_t asz, char *mask, size_t msz)
{
	struct interface_row i;

	if (!interface_find(r->run, ios, &i) || i.ip_address == NULL)
		return false;
	snprintf(addr, asz, "%s", i.ip_address);
	snprintf(mask, msz, "%s", i.ip_mask ? i.ip_mask : "");
	return true;
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

/* show ipv6 interface brief, show ip interface brief, show interfaces:
 * the kernel's interfaces (iface.h's records) */
struct ifs_rec {
	struct router *r;
	struct kif *ifs;
	int n;
	const char *want;		/* show interfaces NAME */
};

/* The IPv6 addresses of k as IOS lists them: the link-local one first. */
static int
v6_addrs(const struct kif *k, char (*out)[INET6_ADDRSTRLEN])
{
	int n = 0;

	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < k->naddrs; i++) {
			const struct kaddr *ka = &k->addrs[i];
			bool ll = ka->addr[0] == 0xfe && (ka->addr[1] & 0xc0) == 0x80;

			if (ka->family == AF_INET6 && ll == (pass == 0))
				v6_upper(ka->addr, out[n++], INET6_ADDRSTRLEN);
		}
	return n;
}

static int
ipv6_brief_text(struct strbuf *out, const void *rec)
{
	const struct ifs_rec *v = rec;

	for (int i = 0; i < v->n; i++) {
		char status[64], a[16][INET6_ADDRSTRLEN];
		int na = v6_addrs(&v->ifs[i], a);

		snprintf(status, sizeof(status), "[%s/%s]", status_text(&v->ifs[i]),
		    proto_text(&v->ifs[i]));
		sb_printf(out, "%-22s %s\n", v->ifs[i].ios, status);
		for (int k = 0; k < na; k++)
			sb_printf(out, "    %s\n", a[k]);
		if (na == 0)
			sb_adds(out, "    unassigned\n");
	}
	return CMD_OK;
}

static int
ipv6_brief_json(struct json *j, const void *rec)
{
	const struct ifs_rec *v = rec;

	json_arr(j, NULL);
	for (int i = 0; i < v->n; i++) {
		char a[16][INET6_ADDRSTRLEN];
		int na = v6_addrs(&v->ifs[i], a);

		json_obj(j, NULL);
		json_str(j, "interface", v->ifs[i].ios);
		json_str(j, "status", status_text(&v->ifs[i]));
		json_str(j, "protocol", proto_text(&v->ifs[i]));
		json_arr(j, "addresses");
		for (int k = 0; k < na; k++)
			json_str(j, NULL, a[k]);
		json_end_arr(j);
		json_end_obj(j);
	}
	json_end_arr(j);
	return CMD_OK;
}

static const struct show_printer ipv6_brief_printer = { ipv6_brief_text, ipv6_brief_json };

int
cmd_show_ipv6_interface_brief(struct cmd_ctx *x)
{
	struct ifs_rec v = { .r = x->r };
	int rc;

	v.n = iface_list(x->r, &v.ifs);
	rc = show_print(x, &ipv6_brief_printer, &v);
	free(v.ifs);
	return rc;
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

struct arp_rec {
	struct arp_row *rows;
	int n;
};

static const char *
arp_addr(const struct arp_row *r, char *a)
{
	uint8_t b[4] = { (uint8_t)(r->addr >> 24), (uint8_t)(r->addr >> 16), (uint8_t)(r->addr >> 8),
		(uint8_t)r->addr };

	return inet_ntop(AF_INET, b, a, INET_ADDRSTRLEN);
}

static int
arp_text(struct strbuf *out, const void *rec)
{
	const struct arp_rec *v = rec;
	char a[INET_ADDRSTRLEN];

	sb_adds(out, "Protocol  Address          Age (min)  Hardware Addr   Type   Interface\n");
	for (int i = 0; i < v->n; i++)
		sb_printf(out, "Internet  %-16s%10s  %-16s%-7s%s\n", arp_addr(&v->rows[i], a),
		    v->rows[i].age, v->rows[i].hw, "ARPA", v->rows[i].ios);
	return CMD_OK;
}

static int
arp_json(struct json *j, const void *rec)
{
	const struct arp_rec *v = rec;
	char a[INET_ADDRSTRLEN];

	json_arr(j, NULL);
	for (int i = 0; i < v->n; i++) {
		json_obj(j, NULL);
		json_str(j, "address", arp_addr(&v->rows[i], a));
		json_str(j, "age", v->rows[i].age);
		json_str(j, "hardware", v->rows[i].hw);
		json_str(j, "interface", v->rows[i].ios);
		json_end_obj(j);
	}
	json_end_arr(j);
	return CMD_OK;
}

static const struct show_printer arp_printer = { arp_text, arp_json };

int
cmd_show_ip_arp(struct cmd_ctx *x)
{
	struct kif *ifs;
	struct kneigh *nb;
	int ni = iface_list(x->r, &ifs), nn = iface_neighbors(x->r, &nb), n = 0, rc;
	struct arp_row *rows;

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
	if (n > 1)
		qsort(rows, (size_t)n, sizeof(*rows), arp_cmp);
	rc = show_print(x, &arp_printer, &(struct arp_rec){ rows, n });
	free(rows);
	free(nb);
	free(ifs);
	return rc;
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

/* show ip route, show ipv6 route: the kernel's routes, and the code IOS
 * would give each (NULL: one it would not show) */
struct routes_rec {
	struct kroute *rt;
	const char **code;
	int n;
	const struct kroute *dflt;	/* IPv4: the default route */
};

static int
route6_text(struct strbuf *out, const void *rec)
{
	const struct routes_rec *v = rec;
	struct strbuf body = STRBUF_INIT;
	char a[INET6_ADDRSTRLEN], g[INET6_ADDRSTRLEN];
	int shown = 0;

	for (int i = 0; i < v->n; i++) {
		const struct kroute *k = &v->rt[i];

		if (v->code[i] == NULL)
			continue;
		shown++;
		v6_upper(k->dst, a, sizeof(a));
		sb_printf(&body, "%-4s%s/%d [%u/0]\n", v->code[i], a, k->plen,
		    v->code[i][0] == 'S' ? (k->metric ? k->metric : 1) : 0);
		if (k->has_gw) {
			v6_upper(k->gw, g, sizeof(g));
			sb_printf(&body, "     via %s, %s\n", g, k->ios);
		} else
			sb_printf(&body, "     via %s, %s\n", k->ios,
			    v->code[i][0] == 'L' ? "receive" : "directly connected");
	}
	sb_printf(out, "IPv6 Routing Table - default - %d entries\n", shown + 1);
	sb_adds(out, ROUTE6_CODES);
	sb_add(out, body.s ? body.s : "", body.len);
	sb_adds(out, "L   FF00::/8 [0/0]\n     via Null0, receive\n");
	sb_free(&body);
	return CMD_OK;
}

static int
route6_json(struct json *j, const void *rec)
{
	const struct routes_rec *v = rec;
	char a[INET6_ADDRSTRLEN], g[INET6_ADDRSTRLEN], p[INET6_ADDRSTRLEN + 5];

	json_arr(j, NULL);
	for (int i = 0; i < v->n; i++) {
		const struct kroute *k = &v->rt[i];

		if (v->code[i] == NULL)
			continue;
		v6_upper(k->dst, a, sizeof(a));
		snprintf(p, sizeof(p), "%s/%d", a, k->plen);
		if (k->has_gw)
			v6_upper(k->gw, g, sizeof(g));
		json_obj(j, NULL);
		json_str(j, "code", v->code[i]);
		json_str(j, "prefix", p);
		json_str(j, "next_hop", k->has_gw ? g : NULL);
		json_str(j, "interface", k->ios);
		json_end_obj(j);
	}
	json_end_arr(j);
	return CMD_OK;
}

static const struct show_printer route6_printer = { route6_text, route6_json };

int
cmd_show_ipv6_route(struct cmd_ctx *x)
{
	struct routes_rec v = { 0 };
	int rc;

	v.n = iface_routes(x->r, AF_INET6, &v.rt);
	v.code = calloc((size_t)(v.n ? v.n : 1), sizeof(*v.code));
	if (v.code == NULL)
		abort();
	for (int i = 0; i < v.n; i++)
		v.code[i] = route6_code(&v.rt[i]);
	rc = show_print(x, &route6_printer, &v);
	free(v.code);
	free(v.rt);
	return rc;
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

static int
route_text(struct strbuf *out, const void *rec)
{
	const struct routes_rec *v = rec;
	const struct kroute *rt = v->rt;
	const char **code = v->code;
	int n = v->n;
	char a[INET_ADDRSTRLEN];

	sb_adds(out, ROUTE_CODES);
	if (v->dflt)
		sb_printf(out, "Gateway of last resort is %s to network 0.0.0.0\n\n",
		    inet_ntop(AF_INET, v->dflt->gw, a, sizeof(a)));
	else
		sb_adds(out, "Gateway of last resort is not set\n\n");
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
				route_line(out, &rt[i], code[i], false, true);
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
				sb_printf(out, "      %s/%d is variably subnetted, %d subnets, %d masks\n",
				    a, cl, routes, masks);
			else	/* the subnets' own mask, and "1 subnets", as IOS has them */
				sb_printf(out, "      %s/%d is subnetted, %d subnets\n", a, plen,
				    routes);
		}
		for (int k = i; k < end; k++)
			if (code[k] != NULL)
				route_line(out, &rt[k], code[k], subnetted, !subnetted || masks > 1);
		i = end;
	}
	return CMD_OK;
}

static int
route_json(struct json *j, const void *rec)
{
	const struct routes_rec *v = rec;
	char a[INET_ADDRSTRLEN];

	json_obj(j, NULL);
	json_str(j, "gateway_of_last_resort", v->dflt ? inet_ntop(AF_INET, v->dflt->gw, a,
	    sizeof(a)) : NULL);
	json_arr(j, "routes");
	for (int i = 0; i < v->n; i++) {
		char p[INET_ADDRSTRLEN + 4], g[INET_ADDRSTRLEN];

		if (v->code[i] == NULL)
			continue;
		inet_ntop(AF_INET, v->rt[i].dst, a, sizeof(a));
		snprintf(p, sizeof(p), "%s/%d", a, v->rt[i].plen);
		json_obj(j, NULL);
		json_str(j, "code", v->code[i]);
		json_str(j, "prefix", p);
		json_str(j, "next_hop", v->rt[i].has_gw ? inet_ntop(AF_INET, v->rt[i].gw, g,
		    sizeof(g)) : NULL);
		json_str(j, "interface", v->rt[i].ios);
		json_u64(j, "metric", v->rt[i].metric);
		json_end_obj(j);
	}
	json_end_arr(j);
	json_end_obj(j);
	return CMD_OK;
}

static const struct show_printer route_printer = { route_text, route_json };

int
cmd_show_ip_route(struct cmd_ctx *x)
{
	struct routes_rec v = { 0 };
	int rc;

	/* static routes the last lines asked for are in the kernel first */
	iface_routes_flush(x->r);
	v.n = iface_routes(x->r, AF_INET, &v.rt);
	v.code = calloc((size_t)(v.n ? v.n : 1), sizeof(*v.code));
	if (v.code == NULL)
		abort();
	for (int i = 0; i < v.n; i++)
		if ((v.code[i] = route_code(&v.rt[i])) != NULL && v.rt[i].plen == 0 && v.dflt == NULL)
			v.dflt = &v.rt[i];	/* via an interface only: gateway 0.0.0.0 */
	rc = show_print(x, &route_printer, &v);
	free(v.code);
	free(v.rt);
	return rc;
}

/* How an interface got its IPv4 address, for show ip interface brief. */
static const char *
ip_brief_addr(struct router *r, const struct kif *k, char *addr, size_t sz)
{
	char mask[32];
	const struct kaddr *a = first_v4(k);

	if (configured_addr(r, k->ios, addr, sz, mask, sizeof(mask)))
		return iface_method(r, k->ios);
	if (a) {
		inet_ntop(AF_INET, a->addr, addr, (socklen_t)sz);
		return "manual";
	}
	snprintf(addr, sz, "unassigned");
	return "unset";
}

static int
ip_brief_text(struct strbuf *out, const void *rec)
{
	const struct ifs_rec *v = rec;

	sb_printf(out, "%-26s %-15s %-3s %-6s %-21s %s\n", "Interface", "IP-Address", "OK?",
	    "Method", "Status", "Protocol");
	for (int i = 0; i < v->n; i++) {
		char addr[64];
		const char *method = ip_brief_addr(v->r, &v->ifs[i], addr, sizeof(addr));

		sb_printf(out, "%-26s %-15s %-3s %-6s %-21s %s\n", v->ifs[i].ios, addr, "YES", method,
		    status_text(&v->ifs[i]), proto_text(&v->ifs[i]));
	}
	return CMD_OK;
}

static int
ip_brief_json(struct json *j, const void *rec)
{
	const struct ifs_rec *v = rec;

	json_arr(j, NULL);
	for (int i = 0; i < v->n; i++) {
		char addr[64];
		const char *method = ip_brief_addr(v->r, &v->ifs[i], addr, sizeof(addr));

		json_obj(j, NULL);
		json_str(j, "interface", v->ifs[i].ios);
		json_str(j, "linux", v->ifs[i].name);
		json_str(j, "ip_address", addr);
		json_str(j, "method", method);
		json_str(j, "status", status_text(&v->ifs[i]));
		json_str(j, "protocol", proto_text(&v->ifs[i]));
		json_end_obj(j);
	}
	json_end_arr(j);
	return CMD_OK;
}

static const struct show_printer ip_brief_printer = { ip_brief_text, ip_brief_json };

int
cmd_show_ip_interface_brief(struct cmd_ctx *x)
{
	struct ifs_rec v = { .r = x->r };
	int rc;

	v.n = iface_list(x->r, &v.ifs);
	rc = show_print(x, &ip_brief_printer, &v);
	free(v.ifs);
	return rc;
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

static int
interfaces_text(struct strbuf *out, const void *rec)
{
	const struct ifs_rec *v = rec;
	bool found = false;

	for (int i = 0; i < v->n; i++)
		if (v->want == NULL || strcmp(v->want, v->ifs[i].ios) == 0) {
			show_one_interface(v->r, &v->ifs[i], out);
			found = true;
		}
	if (v->want && !found) {
		/* configured but not (yet) in the kernel: IOS would not know it */
		sb_printf(out, "%% Interface %s does not exist on this node\n", v->want);
		return CMD_ERR;
	}
	return CMD_OK;
}

static void
interface_json(struct json *j, const struct kif *k)
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

static int
interfaces_json(struct json *j, const void *rec)
{
	const struct ifs_rec *v = rec;

	json_arr(j, NULL);
	for (int i = 0; i < v->n; i++)
		if (v->want == NULL || strcmp(v->want, v->ifs[i].ios) == 0)
			interface_json(j, &v->ifs[i]);
	json_end_arr(j);
	return CMD_OK;
}

static const struct show_printer interfaces_printer = { interfaces_text, interfaces_json };

int
cmd_show_interfaces(struct cmd_ctx *x, struct cmd_show_interfaces_args *a)
{
	struct ifs_rec v = { .r = x->r, .want = a->name.s };
	int rc;

	v.n = iface_list(x->r, &v.ifs);
	rc = show_print(x, &interfaces_printer, &v);
	free(v.ifs);
	return rc;
}

/* ---- access lists, pools ---------------------------------------------------- */

int
cmd_show_ip_access_lists(struct cmd_ctx *x, struct cmd_show_ip_access_lists_args *a)
{
	return acl_show(x, a->name.s);
}

struct pool_rec {
	const char *name;		/* show ip local pool NAME */
	int n;
	struct pool_range {
		char pool[64], begin[16], end[16];
		int64_t free, used;
	} *r;
};

static int
pool_text(struct strbuf *out, const void *rec)
{
	const struct pool_rec *v = rec;

	if (v->name && v->n == 0) {
		sb_printf(out, "%% Pool %s not found\n", v->name);
		return CMD_ERR;
	}
	sb_adds(out, "\n Pool                     Begin           End             Free  In use\n");
	for (int i = 0; i < v->n; i++)
		sb_printf(out, " %-24s %-15s %-15s%5lld%8lld\n",
		    i == 0 || strcmp(v->r[i - 1].pool, v->r[i].pool) ? v->r[i].pool : "",
		    v->r[i].begin, v->r[i].end, (long long)v->r[i].free, (long long)v->r[i].used);
	return CMD_OK;
}

static int
pool_json(struct json *j, const void *rec)
{
	const struct pool_rec *v = rec;

	json_arr(j, NULL);
	for (int i = 0; i < v->n; i++) {
		json_obj(j, NULL);
		json_str(j, "pool", v->r[i].pool);
		json_str(j, "begin", v->r[i].begin);
		json_str(j, "end", v->r[i].end);
		json_u64(j, "free", (uint64_t)v->r[i].free);
		json_u64(j, "in_use", (uint64_t)v->r[i].used);
		json_end_obj(j);
	}
	json_end_arr(j);
	return CMD_OK;
}

static const struct show_printer pool_printer = { pool_text, pool_json };

int
cmd_show_ip_local_pool(struct cmd_ctx *x, struct cmd_show_ip_local_pool_args *a)
{
	struct pool_rec v = { .name = a->name.s };
	struct ip_local_pool_row p;
	struct rows it;
	int cap = 0, rc;

	for (ip_local_pool_all(x->r->run, &it); ip_local_pool_next(&it, &p);) {
		struct pool_range *r;

		if (v.name && strcmp(p.name, v.name) != 0)
			continue;
		if (v.n == cap) {
			cap = cap ? cap * 2 : 16;
			v.r = realloc(v.r, (size_t)cap * sizeof(*v.r));
			if (v.r == NULL)
				abort();
		}
		r = &v.r[v.n++];
		snprintf(r->pool, sizeof(r->pool), "%s", p.name);
		snprintf(r->begin, sizeof(r->begin), "%s", p.low);
		snprintf(r->end, sizeof(r->end), "%s", p.high ? p.high : p.low);
		r->used = pool_in_use(x->r, p.name, p.low_n, p.high_n);
		r->free = p.high_n - p.low_n + 1 - r->used;
	}
	rc = show_print(x, &pool_printer, &v);
	free(v.r);
	return rc;
}

struct diff_rec {
	bool present;			/* a startup-config exists */
	const char *diff;
};

static int
diff_text(struct strbuf *out, const void *rec)
{
	sb_adds(out, ((const struct diff_rec *)rec)->diff);
	return CMD_OK;
}

static int
diff_json(struct json *j, const void *rec)
{
	const struct diff_rec *d = rec;

	json_obj(j, NULL);
	json_bool(j, "startup_config_present", d->present);
	json_arr(j, "lines");
	for (const char *p = d->diff; *p;) {
		size_t l = strcspn(p, "\n");
		char *line = strndup(p, l);

		if (line && line[0] != '!')
			json_str(j, NULL, line);
		free(line);
		p += l + (p[l] ? 1 : 0);
	}
	json_end_arr(j);
	json_end_obj(j);
	return CMD_OK;
}

static const struct show_printer diff_printer = { diff_text, diff_json };

int
cmd_show_running_diff(struct cmd_ctx *x)
{
	struct strbuf start = STRBUF_INIT, run = STRBUF_INIT, diff = STRBUF_INIT, err = STRBUF_INIT;
	struct render_opts o = { false, false };
	struct cnode *a, *b;
	bool present = startup_read(x->r->startup_path, &start, &err) > 0;
	int rc;

	sb_free(&err);
	render_config(x->r, x->r->run, &run, &o);
	a = cfg_tree_parse(start.s);
	b = cfg_tree_parse(run.s);
	cfg_diff_print(a, b, &diff);
	cfg_tree_free(a);
	cfg_tree_free(b);
	rc = show_print(x, &diff_printer, &(struct diff_rec){ present, diff.s ? diff.s : "" });
	sb_free(&start);
	sb_free(&run);
	sb_free(&diff);
	return rc;
}

struct archive_rec {
	int n;				/* the entry asked for, 0: all */
	struct archive_entry *e;
	int count;
};

static int
archive_text(struct strbuf *out, const void *rec)
{
	const struct archive_rec *v = rec;
	int last = v->count ? v->e[v->count - 1].n : 0;

	if (v->n == 0) {
		sb_printf(out, "The maximum archive configurations allowed is %d.\n", ARCHIVE_MAX);
		sb_printf(out, "There are currently %d archive configurations saved.\n", v->count);
		sb_adds(out, " Archive #  When                          Who      What\n");
	}
	for (int i = 0; i < v->count; i++) {
		const struct archive_entry *e = &v->e[i];
		const char *what = e->what;
		char when[64];

		clock_format_ios(e->at, -1, when, sizeof(when));
		if (v->n) {
			sb_printf(out, "Archive # %d, %s, by %s\n", e->n, when, e->who);
			sb_adds(out, "Commands:\n");
			for (const char *p = what; *p;) {
				size_t l = strcspn(p, "\n");

				sb_printf(out, "  %.*s\n", (int)l, p);
				p += l + (p[l] ? 1 : 0);
			}
			sb_adds(out, "Configuration:\n");
			sb_adds(out, e->config ? e->config : "");
			continue;
		}
		{
			/* one line: the first command, and how many */
			size_t l = strcspn(what, "\n");
			int lines = 0;

			for (const char *p = what; *p; p++)
				lines += *p == '\n';
			if (what[0] && what[strlen(what) - 1] != '\n')
				lines++;
			sb_printf(out, "   %-7d  %-28s  %-7s  %.*s%s%s\n", e->n, when, e->who,
			    (int)(l > 40 ? 40 : l), what, lines > 1 ? " ..." : "",
			    e->n == last ? " <- Most Recent" : "");
		}
	}
	return CMD_OK;
}

static int
archive_json(struct json *j, const void *rec)
{
	const struct archive_rec *v = rec;

	json_arr(j, NULL);
	for (int i = 0; i < v->count; i++) {
		json_obj(j, NULL);
		json_i64(j, "archive", v->e[i].n);
		json_i64(j, "epoch", (int64_t)v->e[i].at);
		json_str(j, "who", v->e[i].who);
		json_str(j, "what", v->e[i].what);
		if (v->n)
			json_str(j, "config", v->e[i].config);
		json_end_obj(j);
	}
	json_end_arr(j);
	return CMD_OK;
}

static const struct show_printer archive_printer = { archive_text, archive_json };

int
cmd_show_archive(struct cmd_ctx *x, struct cmd_show_archive_args *a)
{
	struct archive_rec v = { .n = a->n.s ? atoi(a->n.s) : 0 };
	int rc;

	if ((v.count = archive_entries(x->r, v.n, &v.e)) < 0) {
		sb_adds(x->out, " Archive feature not enabled\n");
		return CMD_OK;
	}
	rc = show_print(x, &archive_printer, &v);
	archive_entries_free(v.e, v.count);
	return rc;
}
