/*
 * cfgload.c — configuration text loaded line by line, as if typed in global
 * configuration mode, with errors reported by line number (see cfgload.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgdiff.h"
#include "archive.h"
#include "cfgload.h"
#include "cl_gen.h"
#include "exec.h"
#include "iface.h"
#include "render.h"
#include "router.h"
#include "store.h"

static void
report(struct strbuf *errs, const char *name, int lineno, const char *line,
    const struct exec_result *res, const struct strbuf *out)
{
	size_t b = strspn(line, " \t");

	sb_printf(errs, "%s:%d: ", name, lineno);
	switch (res->st) {
	case EX_INVALID: {
		size_t e = (size_t)res->err_pos + strcspn(line + res->err_pos, " \t");

		sb_printf(errs, "invalid input at \"%.*s\" (column %d)\n", (int)(e - (size_t)res->err_pos),
		    line + res->err_pos, res->err_pos + 1);
		break;
	}
	case EX_INCOMPLETE:
		sb_printf(errs, "incomplete command \"%s\"\n", line + b);
		break;
	case EX_AMBIGUOUS:
		sb_printf(errs, "ambiguous command \"%s\"\n", line + b);
		break;
	case EX_UNKNOWN:
		sb_printf(errs, "unknown command \"%s\"\n", line + b);
		break;
	default: {
		/* the handler's own message, first line, without "% " */
		const char *m = out->s ? out->s : "failed";
		size_t n = strcspn(m, "\n");

		if (n > 2 && m[0] == '%' && m[1] == ' ') {
			m += 2;
			n -= 2;
		}
		sb_printf(errs, "%.*s\n", (int)n, m);
		break;
	}
	}
}

int
config_load_text(struct router *r, const char *name, const char *text, size_t len,
    struct strbuf *errs)
{
	struct modestack ms;
	struct strbuf out = STRBUF_INIT;
	struct strbuf line = STRBUF_INIT;
	size_t off = 0;
	int lineno = 0, failed = 0;

	memset(&ms, 0, sizeof(ms));
	ms.depth = 2;
	ms.mode[0] = CL_MODE_EXEC;
	ms.mode[1] = CL_MODE_CONFIG;
	ms.obj[0] = ms.obj[1] = 1;
	while (off < len) {
		const char *p = text + off, *nl = memchr(p, '\n', len - off);
		size_t n = nl ? (size_t)(nl - p) : len - off;
		struct exec_result res;

		off += n + (nl ? 1 : 0);
		lineno++;
		if (n && p[n - 1] == '\r')
			n--;
		sb_reset(&line);
		sb_add(&line, p, n);
		if (strncmp(line.s, "Building configuration", 22) == 0 ||
		    strncmp(line.s, "Current configuration", 21) == 0)
			continue;
		sb_reset(&out);
		exec_line(r, NULL, &ms, 15, line.s, 0, &out, &res);
		if (res.st == EX_EMPTY || res.st == EX_OK) {
			if (res.config_change)
				r->modified = true;
			if (ms.depth < 2) {
				/* end: a saved configuration stops here */
				if (res.cmd >= 0 && strcmp(cl_cmds[res.cmd].syntax, "end") == 0)
					break;
				ms.depth = 2;
			}
			continue;
		}
		failed++;
		report(errs, name, lineno, line.s, &res, &out);
	}
	store_flush(r->run);
	sb_free(&out);
	sb_free(&line);
	return failed;
}

int
config_load_file(struct router *r, const char *path, struct strbuf *errs)
{
	FILE *f = fopen(path, "r");
	struct strbuf text = STRBUF_INIT;
	char buf[65536];
	size_t n;
	int rc;

	if (f == NULL) {
		sb_printf(errs, "%s: %s\n", path, strerror(errno));
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&text, buf, n);
	fclose(f);
	rc = config_load_text(r, path, text.s ? text.s : "", text.len, errs);
	sb_free(&text);
	return rc;
}

/* A router that is only a store: for checking a configuration before it
 * replaces the real one. */
static int
scratch_open(struct router *tmp, const struct router *r, struct strbuf *errs)
{
	char *err = NULL;

	memset(tmp, 0, sizeof(*tmp));
	TAILQ_INIT(&tmp->sessions);
	tmp->check_only = true;
	tmp->dir = r->dir;
	snprintf(tmp->hostname, sizeof(tmp->hostname), "Router");
	tmp->run = store_open(":memory:", &err);
	if (tmp->run == NULL) {
		sb_printf(errs, "%% %s\n", err ? err : "cannot open a scratch store");
		free(err);
		return -1;
	}
	return 0;
}

int
config_replace(struct router *r, const char *name, const char *text, size_t len,
    struct strbuf *out)
{
	struct router tmp;
	struct strbuf errs = STRBUF_INIT, cur = STRBUF_INIT, tgt = STRBUF_INIT, script = STRBUF_INIT;
	struct strbuf now = STRBUF_INIT;
	struct render_opts o = { false, false };
	struct cnode *ct, *tt;
	int failed, rc = -1;

	/* 1. the target must load cleanly on its own */
	if (scratch_open(&tmp, r, out) < 0)
		return -1;
	failed = config_load_text(&tmp, name, text, len, &errs);
	if (failed) {
		sb_add(out, errs.s, errs.len);
		sb_printf(out, "%% Configuration replace aborted: %d line%s failed; nothing was "
		    "changed\n", failed, failed == 1 ? "" : "s");
		goto done;
	}
	render_config(&tmp, tmp.run, &tgt, &o);
	render_config(r, r->run, &cur, &o);

	/* 2. the differences, as commands, in one all-or-nothing step */
	ct = cfg_tree_parse(cur.s);
	tt = cfg_tree_parse(tgt.s);
	cfg_diff_script(ct, tt, &script);
	cfg_tree_free(ct);
	cfg_tree_free(tt);
	archive_flush(r);
	store_cmd_begin(r->run, true);
	sb_reset(&errs);
	failed = config_load_text(r, name, script.s ? script.s : "", script.len, &errs);
	if (failed == 0) {
		render_config(r, r->run, &now, &o);
		if (strcmp(now.s, tgt.s) != 0) {
			/* order matters somewhere (access-list entries): load the
			 * whole target instead */
			store_clear(r->run);
			failed = config_load_text(r, name, text, len, &errs);
		}
	}
	store_cmd_end(r->run, failed == 0);
	store_flush(r->run);
	if (failed) {
		sb_add(out, errs.s, errs.len);
		sb_adds(out, "% Configuration replace failed; nothing was changed\n");
		goto done;
	}
	sb_adds(out, "Total number of passes: 1\nRollback Done\n");
	rc = 0;
done:
	iface_sync_all(r);
	router_load_hostname(r);
	store_close(tmp.run);
	sb_free(&errs);
	sb_free(&cur);
	sb_free(&tgt);
	sb_free(&script);
	sb_free(&now);
	return rc;
}

int
config_file_path(const struct router *r, const char *spec, struct strbuf *path, struct strbuf *err)
{
	const char *name = spec;

	if (strncmp(spec, "flash:", 6) == 0)
		name = spec + 6;
	else if (spec[0] == '/') {
		sb_adds(path, spec);
		return 0;
	} else if (strchr(spec, ':')) {
		sb_printf(err, "%%Error opening %s (No such device)\n", spec);
		return -1;
	}
	while (*name == '/')
		name++;
	if (*name == '\0' || strstr(name, "..") || strchr(name, '/')) {
		sb_printf(err, "%%Error opening %s (Invalid argument)\n", spec);
		return -1;
	}
	sb_printf(path, "%s/flash/%s", r->dir ? r->dir : ".", name);
	return 0;
}
