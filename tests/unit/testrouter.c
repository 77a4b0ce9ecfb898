/*
 * testrouter.c — routers for unit tests (see testrouter.h).
 */
#include <criterion/criterion.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgload.h"
#include "render.h"
#include "router.h"
#include "store.h"
#include "strbuf.h"
#include "testrouter.h"

#ifndef TOP_SRCDIR
#define TOP_SRCDIR "."
#endif

void
router_init(struct router *r)
{
	char *err = NULL;

	memset(r, 0, sizeof(*r));
	TAILQ_INIT(&r->sessions);
	r->check_only = true;
	r->run = store_open(":memory:", &err);
	cr_assert_not_null(r->run, "store_open: %s", err ? err : "?");
	snprintf(r->hostname, sizeof(r->hostname), "Router");
}

void
router_fini(struct router *r)
{
	store_close(r->run);
	r->run = NULL;
}

/* Loads text as the file NAME; returns the error report ("" when none).
 * The caller frees it. */
char *
load_named(struct router *r, const char *name, const char *text)
{
	struct strbuf errs = STRBUF_INIT;
	int n = config_load_text(r, name, text, strlen(text), &errs);
	char *s = strdup(errs.s ? errs.s : "");

	sb_free(&errs);
	cr_assert_not_null(s);
	/* the count returned and the lines reported agree */
	{
		int lines = 0;

		for (const char *p = s; *p; p++)
			lines += *p == '\n';
		cr_assert_eq(n, lines, "config_load_text returned %d, reported:\n%s", n, s);
	}
	return s;
}

/* Loads text that must load without an error. */
void
load_ok(struct router *r, const char *text)
{
	char *e = load_named(r, "cfg", text);

	cr_assert_str_empty(e, "loading\n%s\nreported:\n%s", text, e);
	free(e);
}

/* First column of the first row of sql as text: "NULL" for NULL,
 * "(none)" when there is no row.  Valid until the next call. */
const char *
q(struct router *r, const char *sql)
{
	static char buf[4096];
	sqlite3_stmt *s;

	cr_assert_eq(sqlite3_prepare_v2(store_db(r->run), sql, -1, &s, NULL), SQLITE_OK, "%s: %s", sql,
	    sqlite3_errmsg(store_db(r->run)));
	if (sqlite3_step(s) != SQLITE_ROW)
		snprintf(buf, sizeof(buf), "(none)");
	else if (sqlite3_column_type(s, 0) == SQLITE_NULL)
		snprintf(buf, sizeof(buf), "NULL");
	else
		snprintf(buf, sizeof(buf), "%s", (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return buf;
}

/* All rows of sql, one line each, columns separated by '|'.  Caller frees. */
char *
rows(struct router *r, const char *sql)
{
	struct strbuf b = STRBUF_INIT;
	sqlite3_stmt *s;

	cr_assert_eq(sqlite3_prepare_v2(store_db(r->run), sql, -1, &s, NULL), SQLITE_OK, "%s: %s", sql,
	    sqlite3_errmsg(store_db(r->run)));
	while (sqlite3_step(s) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(s); i++) {
			const char *v = (const char *)sqlite3_column_text(s, i);

			sb_printf(&b, "%s%s", i ? "|" : "", v ? v : "NULL");
		}
		sb_addc(&b, '\n');
	}
	sqlite3_finalize(s);
	sb_addc(&b, '\0');
	return sb_detach(&b);
}

char *
render(struct router *r, bool header)
{
	struct strbuf out = STRBUF_INIT;
	struct render_opts o = { header, false };

	render_config(r, r->run, &out, &o);
	sb_addc(&out, '\0');
	return sb_detach(&out);
}

/* The first line where two texts differ, for a failure message. */
const char *
first_diff(const char *a, const char *b)
{
	static char msg[4096];
	size_t i = 0, start = 0;
	int line = 1;

	for (; a[i] && a[i] == b[i]; i++)
		if (a[i] == '\n') {
			line++;
			start = i + 1;
		}
	snprintf(msg, sizeof(msg), "line %d:\n  first:  %.*s\n  second: %.*s", line,
	    (int)strcspn(a + start, "\n"), a + start, (int)strcspn(b + start, "\n"), b + start);
	return msg;
}

char *
read_fixture(const char *name)
{
	const char *dir = getenv("top_srcdir");
	char path[4096];
	FILE *f;
	struct strbuf b = STRBUF_INIT;
	char buf[4096];
	size_t n;

	snprintf(path, sizeof(path), "%s/tests/unit/%s", dir ? dir : TOP_SRCDIR, name);
	f = fopen(path, "r");
	cr_assert_not_null(f, "cannot open %s", path);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&b, buf, n);
	fclose(f);
	sb_addc(&b, '\0');
	return sb_detach(&b);
}

