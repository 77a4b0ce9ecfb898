/*
 * router.c — router-wide state helpers: host name, change tracking, the
 * clock, reload.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "router.h"
#include "store.h"

void
router_load_hostname(struct router *r)
{
	sqlite3_stmt *s = store_prepare(r->run, "SELECT hostname FROM system WHERE id=1");
	const char *h = NULL;

	if (s && sqlite3_step(s) == SQLITE_ROW)
		h = (const char *)sqlite3_column_text(s, 0);
	snprintf(r->hostname, sizeof(r->hostname), "%s", h ? h : "Router");
	if (s)
		sqlite3_reset(s);
}

unsigned long
router_bindings(const struct router *r)
{
	return r->bindings;
}

bool
router_modified(struct router *r)
{
	return r->modified;
}

void
router_changed(struct router *r, const char *by)
{
	const char *who = by ? by : "console";
	size_t n = strnlen(who, sizeof(r->last_change_by) - 1);

	/* once a configuration line: without printf */
	r->last_change = clock_now();
	memcpy(r->last_change_by, who, n);
	r->last_change_by[n] = '\0';
	r->modified = true;
	/* what the commands since the last call changed */
	store_take_changes(r->run, &r->changes);
	for (int i = 0; i < r->nengines; i++)
		if (r->engines[i]->changed)
			r->engines[i]->changed(r, &r->changes);
}

void
router_add_engine(struct router *r, const struct router_engine *e)
{
	for (int i = 0; i < r->nengines; i++)
		if (r->engines[i] == e)
			return;
	if (r->nengines == ROUTER_MAXENGINES)
		abort();
	r->engines[r->nengines++] = e;
}

void
router_link_changed(struct router *r, const char *lname, bool up)
{
	for (int i = 0; i < r->nengines; i++)
		if (r->engines[i]->link)
			r->engines[i]->link(r, lname, up);
}

void
router_settle(struct router *r)
{
	for (int i = 0; i < r->nengines; i++)
		if (r->engines[i]->settle)
			r->engines[i]->settle(r);
}

void
router_reload(struct router *r)
{
	r->reloading = true;
}

static bool fake_set, fake_checked;
static time_t fake_time;

static bool
fake_clock(void)
{
	if (!fake_checked) {
		const char *e = getenv("PMIPD_FAKE_TIME");
		struct tm tm;

		fake_checked = true;
		memset(&tm, 0, sizeof(tm));
		if (e && strptime(e, "%Y-%m-%d %H:%M:%S", &tm) != NULL) {
			fake_time = timegm(&tm);
			fake_set = true;
		}
	}
	return fake_set;
}

time_t
clock_now(void)
{
	return fake_clock() ? fake_time : time(NULL);
}

int
clock_msec(void)
{
	struct timespec ts;

	if (fake_clock())
		return 0;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int)(ts.tv_nsec / 1000000);
}

void
clock_format_ios(time_t t, int msec, char *out, size_t outsz)
{
	struct tm tm;
	char a[64];

	gmtime_r(&t, &tm);
	strftime(a, sizeof(a), "%H:%M:%S", &tm);
	if (msec >= 0)
		snprintf(a + strlen(a), sizeof(a) - strlen(a), ".%03d", msec);
	snprintf(out, outsz, "%s UTC ", a);
	strftime(a, sizeof(a), "%a %b %e %Y", &tm);
	/* IOS: "Thu Nov 5 2026", no padding of the day */
	{
		char *dbl = strstr(a, "  ");

		if (dbl)
			memmove(dbl, dbl + 1, strlen(dbl));
	}
	snprintf(out + strlen(out), outsz - strlen(out), "%s", a);
}

uint64_t
clock_uptime(const struct router *r)
{
	struct timespec ts;

	if (fake_clock())
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec - r->boot_mono;
}
