/*
 * sla.c — handlers of grammar/sla.cli: show ip sla responder, from the
 * configuration (row readers) and the responder's counters
 * (src/sla/responder.h).
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cmd.h"
#include "json.h"
#include "router.h"
#include "rows.h"
#include "sla/responder.h"
#include "strbuf.h"

static void
sla_sources(struct strbuf *out, struct json *j, const char *key, const struct sla_source *src,
    int n)
{
	char a[INET_ADDRSTRLEN], when[64];

	if (j)
		json_arr(j, key);
	for (int i = 0; i < n; i++) {
		inet_ntop(AF_INET, &src[i].addr, a, sizeof(a));
		clock_format_ios(src[i].at, 0, when, sizeof(when));
		if (j) {
			json_obj(j, NULL);
			json_str(j, "address", a);
			json_str(j, "time", when);
			json_end_obj(j);
		} else
			sb_printf(out, "\t%s [%s]\n", a, when);
	}
	if (j)
		json_end_arr(j);
}

int
cmd_show_ip_sla_responder(struct cmd_ctx *x)
{
	bool on = false, json = x->m->pipe == CL_PIPE_JSON, any = false;
	struct sla_stats st;
	struct json j;
	struct rows it;
	struct system_row sys;
	struct sla_udp_echo_row e;

	for (system_all(x->r->run, &it); system_next(&it, &sys);)
		on = sys.has_ip_sla_responder && sys.ip_sla_responder != 0;
	slaresp_stats(x->r, &st);
	if (json) {
		json_begin(&j, x->out);
		json_obj(&j, NULL);
		json_bool(&j, "enabled", on);
		json_u64(&j, "control_port", 1967);
		json_bool(&j, "control_port_open", st.listening);
		json_u64(&j, "control_messages", st.control);
		json_u64(&j, "errors", st.errors);
		sla_sources(NULL, &j, "recent_sources", st.recent, st.nrecent);
		sla_sources(NULL, &j, "recent_error_sources", st.recent_err, st.nerr);
		json_arr(&j, "udp_echo");
	} else {
		sb_printf(x->out, "General IP SLA Responder on Control port 1967\n"
		    "General IP SLA Responder is: %s\n"
		    "Number of control message received: %llu Number of errors: %llu\n",
		    on ? "Enabled" : "Disabled", (unsigned long long)st.control,
		    (unsigned long long)st.errors);
		sb_adds(x->out, "Recent sources:\n");
		sla_sources(x->out, NULL, NULL, st.recent, st.nrecent);
		sb_adds(x->out, "Recent error sources:\n");
		sla_sources(x->out, NULL, NULL, st.recent_err, st.nerr);
		sb_adds(x->out, "\n\tPermanent Port IP SLA Responder\n");
	}
	for (sla_udp_echo_all(x->r->run, &it); sla_udp_echo_next(&it, &e);) {
		const char *addr = e.addr;
		int port = (int)e.port;

		if (json) {
			json_obj(&j, NULL);
			json_str(&j, "address", addr);
			json_u64(&j, "port", (uint64_t)port);
			json_i64(&j, "echoed", slaresp_echoed(x->r, addr, port));
			json_end_obj(&j);
			continue;
		}
		if (!any)
			sb_adds(x->out, "Permanent Port IP SLA Responder is: Enabled\n\n"
			    "udpEcho Responder:\n  IP Address             Port\n");
		any = true;
		sb_printf(x->out, "  %-22s %d\n", addr, port);
	}
	if (json) {
		json_end_arr(&j);
		json_end_obj(&j);
		json_finish(&j);
	} else if (!any)
		sb_adds(x->out, "Permanent Port IP SLA Responder is: Disabled\n");
	return CMD_OK;
}
