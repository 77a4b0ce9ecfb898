/*
 * cfgload.h — loading configuration text: startup files, pmipd --check,
 * copy FILE running-config.
 */
#ifndef PMIPSIM_CFGLOAD_H
#define PMIPSIM_CFGLOAD_H

#include <stdio.h>

struct router;
struct strbuf;

/* Runs every line of text (len bytes) as global configuration, in one
 * transaction.  Each line that fails is reported to errs as
 * "NAME:LINE: message"; the other lines still load.  Returns the number of
 * failed lines. */
int config_load_text(struct router *r, const char *name, const char *text, size_t len,
    struct strbuf *errs);
/* Reads path and loads it as above.  -1 if it cannot be read. */
int config_load_file(struct router *r, const char *path, struct strbuf *errs);

/* configure replace: makes the running configuration exactly text (len
 * bytes), in one all-or-nothing step.  Nothing changes when a line of text
 * fails (the errors go to out).  The change is made as the commands that
 * differ, so unchanged parts (a MAG's bindings) are left alone.  0 or -1. */
int config_replace(struct router *r, const char *name, const char *text, size_t len,
    struct strbuf *out);

/* The local path of a file named as IOS names it: flash:NAME (or a bare
 * NAME) is DIR/flash/NAME; an absolute path is itself.  -1 with an IOS
 * message in err otherwise. */
int config_file_path(const struct router *r, const char *spec, struct strbuf *path,
    struct strbuf *err);

#endif
