/*
 * render.h — the running or startup configuration as IOS prints it.
 */
#ifndef PMIPSIM_RENDER_H
#define PMIPSIM_RENDER_H

#include <stdbool.h>

struct router;
struct json;
struct store;
struct strbuf;

struct render_opts {
	bool header;	/* "Building configuration..." and the byte count */
	bool times;	/* "! Last configuration change at ..." */
};

/* Appends the configuration held in st to out: from "!" to "end". */
void render_config(struct router *r, struct store *st, struct strbuf *out,
    const struct render_opts *o);
/* The same as one JSON array: per command {"line", "mode", "args" (by
 * argument name, as stored), "children" (the commands of its block)}. */
void render_config_json(struct router *r, struct store *st, struct json *j);

#endif
