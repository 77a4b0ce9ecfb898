/*
 * debug.c — handlers of grammar/debug.cli: logging buffered, terminal
 * monitor, show logging and the PMIPv6 debug switches.
 */
#include <string.h>

#include "cmd.h"
#include "cmd/show-out.h"
#include "json.h"
#include "router.h"
#include "session.h"
#include "store.h"
#include "rlog.h"

/* logging buffered with only a size or only a level changes that one and
 * keeps the other, as IOS does */
int
cmd_logging_keep(struct cmd_ctx *x, struct cmd_logging_keep_args *a)
{
	sqlite3_stmt *s;

	if (x->negate || (a->size.s && a->level.s))
		return CMD_OK;
	s = store_prepare(x->r->run, "SELECT log_size, log_level FROM system WHERE id=1");
	if (s == NULL)
		return CMD_OK;
	if (sqlite3_step(s) == SQLITE_ROW) {
		if (!a->size.s && sqlite3_column_type(s, 0) != SQLITE_NULL)
			cmd_set(x, a->size, "%lld", (long long)sqlite3_column_int64(s, 0));
		if (!a->level.s && sqlite3_column_type(s, 1) != SQLITE_NULL)
			cmd_set(x, a->level, "%s", (const char *)sqlite3_column_text(s, 1));
	}
	sqlite3_reset(s);
	return CMD_OK;
}

int
cmd_logging_apply(struct cmd_ctx *x, struct cmd_logging_apply_args *a)
{
	rlog_configure(x->r);
	return CMD_OK;
}

int
cmd_terminal_monitor(struct cmd_ctx *x)
{
	if (x->s)
		x->s->monitor = true;
	return CMD_OK;
}

int
cmd_terminal_no_monitor(struct cmd_ctx *x)
{
	if (x->s)
		x->s->monitor = false;
	return CMD_OK;
}

static int
logging_text(struct strbuf *out, const void *rec)
{
	rlog_show((struct router *)rec, out);
	return CMD_OK;
}

static int
logging_json(struct json *j, const void *rec)
{
	const struct rlog_state *l = &((const struct router *)rec)->log;

	json_obj(j, NULL);
	json_bool(j, "buffered", l->buffered);
	json_u64(j, "buffer_size", l->size);
	json_u64(j, "messages_logged", l->logged);
	json_u64(j, "messages_dropped", l->dropped);
	json_arr(j, "buffer");
	for (unsigned i = 0; i < l->nlines; i++)
		json_str(j, NULL, l->lines[(l->head + i) % l->cap]);
	json_end_arr(j);
	json_end_obj(j);
	return CMD_OK;
}

static const struct show_printer logging_printer = { logging_text, logging_json };

int
cmd_show_logging(struct cmd_ctx *x)
{
	return show_print(x, &logging_printer, x->r);
}

int
cmd_clear_logging(struct cmd_ctx *x)
{
	rlog_clear(x->r);
	return CMD_OK;
}

static const char *const what_text[] = { "events", "packets" };

int
cmd_debug_pmipv6(struct cmd_ctx *x, struct cmd_debug_pmipv6_args *a)
{
	const char *w = a->what.s;
	bool off = strncmp(x->cmd->syntax, "no ", 3) == 0;
	unsigned sw = strcmp(w, "events") == 0 ? DBG_PMIP_EVENTS :
	    strcmp(w, "packets") == 0 ? DBG_PMIP_PACKETS : DBG_PMIP_EVENTS | DBG_PMIP_PACKETS;

	if (off)
		x->r->debug &= ~sw;
	else
		x->r->debug |= sw;
	for (int i = 0; i < 2; i++)
		if (sw & (1u << i))
			sb_printf(x->out, "PMIPv6 %s debugging is %s\n", what_text[i], off ? "off" : "on");
	return CMD_OK;
}

int
cmd_undebug_all(struct cmd_ctx *x)
{
	x->r->debug = 0;
	sb_adds(x->out, "All possible debugging has been turned off\n");
	return CMD_OK;
}

static int
debugging_text(struct strbuf *out, const void *rec)
{
	unsigned debug = *(const unsigned *)rec;

	if (debug == 0)
		return CMD_OK;
	sb_adds(out, "PMIPv6:\n");
	for (int i = 0; i < 2; i++)
		if (debug & (1u << i))
			sb_printf(out, "  PMIPv6 %s debugging is on\n", what_text[i]);
	return CMD_OK;
}

static int
debugging_json(struct json *j, const void *rec)
{
	unsigned debug = *(const unsigned *)rec;

	json_obj(j, NULL);
	json_bool(j, "pmipv6_events", debug & DBG_PMIP_EVENTS);
	json_bool(j, "pmipv6_packets", debug & DBG_PMIP_PACKETS);
	json_end_obj(j);
	return CMD_OK;
}

static const struct show_printer debugging_printer = { debugging_text, debugging_json };

int
cmd_show_debugging(struct cmd_ctx *x)
{
	unsigned debug = x->r->debug;

	return show_print(x, &debugging_printer, &debug);
}
