/*
 * sla.c — handlers of grammar/sla.cli: show ip sla responder, from the
 * configuration (row readers) and the responder's counters
 * (src/sla/responder.h).
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "cmd/show-out.h"
#include "router.h"
#include "rows.h"
#include "sla/responder.h"
#include "strbuf.h"

struct sla_rec {
	bool on;
	struct sla_stats st;
	int n;
	struct sla_echo {
		char addr[64];
		int port;
		long long echoed;
	} *echo;
};

static void
sources_text(struct strbuf *out, const struct sla_source *src, int n)
{
	char a[INET_ADDRSTRLEN], when[64];

	for (int i = 0; i < n; i++) {
		inet_ntop(AF_INET, &src[i].addr, a, sizeof(a));
		clock_format_ios(src[i].at, 0, when, sizeof(when));
		sb_printf(out, "\t%s [%s]\n", a, when);
	}
}

static int
sla_text(struct strbuf *out, const void *rec)
{
	const struct sla_rec *v = rec;

	sb_printf(out, "General IP SLA Responder on Control port 1967\n"
	    "General IP SLA Responder is: %s\n"
	    "Number of control message received: %llu Number of errors: %llu\n",
	    v->on ? "Enabled" : "Disabled", (unsigned long long)v->st.control,
	    (unsigned long long)v->st.errors);
	sb_adds(out, "Recent sources:\n");
	sources_text(out, v->st.recent, v->st.nrecent);
	sb_adds(out, "Recent error sources:\n");
	sources_text(out, v->st.recent_err, v->st.nerr);
	sb_adds(out, "\n\tPermanent Port IP SLA Responder\n");
	if (v->n == 0) {
		sb_adds(out, "Permanent Port IP SLA Responder is: Disabled\n");
		return CMD_OK;
	}
	sb_adds(out, "Permanent Port IP SLA Responder is: Enabled\n\n"
	    "udpEcho Responder:\n  IP Address             Port\n");
	for (int i = 0; i < v->n; i++)
		sb_printf(out, "  %-22s %d\n", v->echo[i].addr, v->echo[i].port);
	return CMD_OK;
}

static void
sources_json(struct json *j, const char *key, const struct sla_source *src, int n)
{
	char a[INET_ADDRSTRLEN], when[64];

	json_arr(j, key);
	for (int i = 0; i < n; i++) {
		inet_ntop(AF_INET, &src[i].addr, a, sizeof(a));
		clock_format_ios(src[i].at, 0, when, sizeof(when));
		json_obj(j, NULL);
		json_str(j, "address", a);
		json_str(j, "time", when);
		json_end_obj(j);
	}
	json_end_arr(j);
}

static int
sla_json(struct json *j, const void *rec)
{
	const struct sla_rec *v = rec;

	json_obj(j, NULL);
	json_bool(j, "enabled", v->on);
	json_u64(j, "control_port", 1967);
	json_bool(j, "control_port_open", v->st.listening);
	json_u64(j, "control_messages", v->st.control);
	json_u64(j, "errors", v->st.errors);
	sources_json(j, "recent_sources", v->st.recent, v->st.nrecent);
	sources_json(j, "recent_error_sources", v->st.recent_err, v->st.nerr);
	json_arr(j, "udp_echo");
	for (int i = 0; i < v->n; i++) {
		json_obj(j, NULL);
		json_str(j, "address", v->echo[i].addr);
		json_u64(j, "port", (uint64_t)v->echo[i].port);
		json_i64(j, "echoed", v->echo[i].echoed);
		json_end_obj(j);
	}
	json_end_arr(j);
	json_end_obj(j);
	return CMD_OK;
}

static const struct show_printer sla_printer = { sla_text, sla_json };

int
cmd_show_ip_sla_responder(struct cmd_ctx *x)
{
	struct sla_rec v = { 0 };
	struct rows it;
	struct system_row sys;
	struct sla_udp_echo_row e;
	int rc;

	for (system_all(x->r->run, &it); system_next(&it, &sys);)
		v.on = sys.has_ip_sla_responder && sys.ip_sla_responder != 0;
	slaresp_stats(x->r, &v.st);
	for (sla_udp_echo_all(x->r->run, &it); sla_udp_echo_next(&it, &e);) {
		struct sla_echo *o;

		v.echo = realloc(v.echo, (size_t)(v.n + 1) * sizeof(*v.echo));
		if (v.echo == NULL)
			abort();
		o = &v.echo[v.n++];
		snprintf(o->addr, sizeof(o->addr), "%s", e.addr);
		o->port = (int)e.port;
		o->echoed = slaresp_echoed(x->r, o->addr, o->port);
	}
	rc = show_print(x, &sla_printer, &v);
	free(v.echo);
	return rc;
}
