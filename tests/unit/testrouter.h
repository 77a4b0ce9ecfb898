/*
 * testrouter.h — routers for unit tests: an in-memory store, no sockets,
 * nothing touched outside the test (router.check_only), and the few
 * questions the tests ask of them.
 */
#ifndef PMIPSIM_TESTROUTER_H
#define PMIPSIM_TESTROUTER_H

#include <stdbool.h>

struct router;

void router_init(struct router *r);
void router_fini(struct router *r);
/* Loads text as the file NAME; returns the error report ("" when none).
 * The caller frees it. */
char *load_named(struct router *r, const char *name, const char *text);
/* Loads text that must load without an error. */
void load_ok(struct router *r, const char *text);
/* First column of the first row of sql as text: "NULL" for NULL, "(none)"
 * when there is no row.  Valid until the next call. */
const char *q(struct router *r, const char *sql);
/* All rows of sql, one line each, columns separated by '|'.  Caller frees. */
char *rows(struct router *r, const char *sql);
/* show running-config, with or without its header.  Caller frees. */
char *render(struct router *r, bool header);
/* The first line where two texts differ, for a failure message. */
const char *first_diff(const char *a, const char *b);
/* tests/unit/NAME, whole.  Caller frees. */
char *read_fixture(const char *name);

#endif
