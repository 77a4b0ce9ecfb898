/*
 * cfgload.c — configuration text loaded line by line, as if typed in global
 * configuration mode, with errors reported by line number (see cfgload.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cl_gen.h"
#include "cfgload.h"
#include "exec.h"
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
