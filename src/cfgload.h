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

#endif
