/*
 * show-out.h — how the router's own shows (show.c, acl.c, sla.c, the
 * archive) print: the handler builds one record of what it shows, from
 * the row readers and the engines' accessors (iface.h, sla/responder.h,
 * archive.h), and show_print hands it to the text printer or to the JSON
 * printer of its kind, as the command's pipe asks.  A printer prints one
 * form and never asks which; the PMIPv6 shows do the same with a printer
 * per record (cmd/pmipv6-out.h).
 */
#ifndef PMIPSIM_CMD_SHOW_OUT_H
#define PMIPSIM_CMD_SHOW_OUT_H

#include "json.h"
#include "strbuf.h"

struct cmd_ctx;

/* The two printers of one kind of record; each returns CMD_OK, or
 * CMD_ERR when it says the thing asked for is not there (text: the IOS
 * message; JSON: an empty document, CMD_OK). */
struct show_printer {
	int (*text)(struct strbuf *out, const void *rec);
	int (*json)(struct json *j, const void *rec);
};

int show_print(struct cmd_ctx *x, const struct show_printer *p, const void *rec);

#endif
