/*
 * rlog.c — the router's IOS-style log (see rlog.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "router.h"
#include "store.h"
#include "strbuf.h"
#include "rlog.h"

static const char *const levels[] = { "emergencies", "alerts", "critical", "errors",
	"warnings", "notifications", "informational", "debugging" };

static void
stamp(struct strbuf *b)
{
	time_t t = clock_now();
	struct tm tm;
	char d[32];

	gmtime_r(&t, &tm);
	strftime(d, sizeof(d), "%b %e %H:%M:%S", &tm);
	sb_printf(b, "*%s.%03d: ", d, clock_msec());
}

static void
buffer_add(struct rlog_state *l, const char *line)
{
	unsigned len = (unsigned)strlen(line) + 1;

	if (l->cap == 0) {
		l->cap = 64;
		l->lines = calloc(l->cap, sizeof(char *));
		if (l->lines == NULL)
			abort();
	}
	/* the oldest lines go first when the buffer is full */
	while (l->nlines > 0 && (l->bytes + len > l->size || l->nlines == l->cap)) {
		if (l->nlines == l->cap && l->bytes + len <= l->size) {
			/* room in bytes but not in slots: grow */
			char **n = calloc(l->cap * 2, sizeof(char *));

			if (n == NULL)
				abort();
			for (unsigned i = 0; i < l->nlines; i++)
				n[i] = l->lines[(l->head + i) % l->cap];
			free(l->lines);
			l->lines = n;
			l->head = 0;
			l->cap *= 2;
			break;
		}
		l->bytes -= (unsigned)strlen(l->lines[l->head]) + 1;
		free(l->lines[l->head]);
		l->head = (l->head + 1) % l->cap;
		l->nlines--;
		l->dropped++;
	}
	if (len > l->size)
		return;
	l->lines[(l->head + l->nlines) % l->cap] = strdup(line);
	l->nlines++;
	l->bytes += len;
}

/* line begins with a timestamp of stamp_len bytes */
static void
emit(struct router *r, int sev, const char *line, size_t stamp_len)
{
	struct rlog_state *l = &r->log;

	l->logged++;
	/* events, not debug output, also leave the router: syslog or stderr */
	if (sev < LOG_SEV_DEBUG && !r->check_only)
		log_event(sev, line, stamp_len);
	if (l->buffered && sev <= l->level)
		buffer_add(l, line);
	if (r->monitor)
		l->monitor_logged += (uint64_t)r->monitor(r, line);
}

void
rlog(struct router *r, int sev, const char *fac, const char *mnem, const char *fmt, ...)
{
	struct strbuf b = STRBUF_INIT;
	va_list ap;
	size_t n;

	stamp(&b);
	n = b.len;
	sb_printf(&b, "%%%s-%d-%s: ", fac, sev, mnem);
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	emit(r, sev, b.s, n);
	sb_free(&b);
}

void
rdebug(struct router *r, unsigned sw, const char *fmt, ...)
{
	struct strbuf b = STRBUF_INIT;
	va_list ap;

	if (!(r->debug & sw))
		return;
	stamp(&b);
	sb_adds(&b, "PMIPv6: ");
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	emit(r, LOG_SEV_DEBUG, b.s, 0);
	sb_free(&b);
}

void
rlog_configure(struct router *r)
{
	struct rlog_state *l = &r->log;
	sqlite3_stmt *s = store_prepare(r->run,
	    "SELECT log_buffered, log_size, log_level FROM system WHERE id=1");
	const char *lv = NULL;

	l->buffered = false;
	l->size = 4096;
	l->level = LOG_SEV_DEBUG;
	if (s && sqlite3_step(s) == SQLITE_ROW) {
		l->buffered = sqlite3_column_type(s, 0) != SQLITE_NULL;
		if (sqlite3_column_type(s, 1) != SQLITE_NULL)
			l->size = (unsigned)sqlite3_column_int64(s, 1);
		lv = (const char *)sqlite3_column_text(s, 2);
		for (int i = 0; lv && i < 8; i++)
			if (strcmp(lv, levels[i]) == 0)
				l->level = i;
	}
	if (s)
		sqlite3_reset(s);
	if (!l->buffered)
		rlog_clear(r);
	/* a smaller buffer drops the oldest lines */
	while (l->nlines > 0 && l->bytes > l->size) {
		l->bytes -= (unsigned)strlen(l->lines[l->head]) + 1;
		free(l->lines[l->head]);
		l->head = (l->head + 1) % l->cap;
		l->nlines--;
	}
}

void
rlog_clear(struct router *r)
{
	struct rlog_state *l = &r->log;

	for (unsigned i = 0; i < l->nlines; i++)
		free(l->lines[(l->head + i) % l->cap]);
	l->nlines = l->head = l->bytes = 0;
}

void
rlog_free(struct router *r)
{
	rlog_clear(r);
	free(r->log.lines);
	r->log.lines = NULL;
	r->log.cap = 0;
}

void
rlog_show(struct router *r, struct strbuf *out)
{
	struct rlog_state *l = &r->log;
	sb_printf(out, "Syslog logging: enabled (%llu messages dropped, 0 messages rate-limited, "
	    "0 flushes, 0 overruns, xml disabled, filtering disabled)\n\n",
	    (unsigned long long)l->dropped);
	sb_adds(out, "No Active Message Discriminator.\n\n\n\n");
	sb_adds(out, "    Console logging: disabled\n");
	sb_printf(out, "    Monitor logging: level debugging, %llu messages logged, xml disabled,\n"
	    "                     filtering disabled\n", (unsigned long long)l->monitor_logged);
	if (l->buffered)
		sb_printf(out, "    Buffer logging:  level %s, %llu messages logged, xml disabled,\n"
		    "                    filtering disabled\n", levels[l->level],
		    (unsigned long long)l->logged);
	else
		sb_adds(out, "    Buffer logging:  disabled, xml disabled,\n"
		    "                    filtering disabled\n");
	sb_printf(out, "\n    Logging Exception size (4096 bytes)\n    Count and timestamp logging "
	    "messages: disabled\n    Persistent logging: disabled\n\nNo active filter modules.\n\n"
	    "    Trap logging: level informational, 0 message lines logged\n"
	    "        Logging Source-Interface:       VRF Name:\n\n");
	if (!l->buffered)
		return;
	sb_printf(out, "Log Buffer (%u bytes):\n\n", l->size);
	for (unsigned i = 0; i < l->nlines; i++) {
		sb_adds(out, l->lines[(l->head + i) % l->cap]);
		sb_addc(out, '\n');
	}
}
