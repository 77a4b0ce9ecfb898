/*
 * log.c — daemon diagnostics on stderr or syslog (see log.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "log.h"

static const char *prog = "pmipd";
static int verbosity;
static bool to_syslog;

void
log_init(const char *progname, int verbose)
{
	prog = progname;
	verbosity = verbose;
}

void
log_to_syslog(bool on)
{
	if (on == to_syslog)
		return;
	to_syslog = on;
	if (on)
		openlog(prog, LOG_PID | LOG_NDELAY, LOG_DAEMON);
	else
		closelog();
}

void
log_reopen(void)
{
	if (!to_syslog)
		return;
	closelog();
	openlog(prog, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

/* The program's own facility in IOS style: "pmipd" logs as %PMIPD. */
static void
facility(char *out, size_t sz)
{
	size_t i;

	for (i = 0; prog[i] && i + 1 < sz; i++)
		out[i] = (char)(prog[i] >= 'a' && prog[i] <= 'z' ? prog[i] - 'a' + 'A' : prog[i]);
	out[i] = '\0';
}

static void
vlog(int sev, const char *mnem, const char *fmt, va_list ap, const char *suffix)
{
	char fac[32], text[1024];
	int n;

	facility(fac, sizeof(fac));
	n = vsnprintf(text, sizeof(text), fmt, ap);
	if (n < 0)
		text[0] = '\0';
	if (to_syslog)
		syslog(sev, "%%%s-%d-%s: %s%s%s", fac, sev, mnem, text, suffix ? ": " : "",
		    suffix ? suffix : "");
	else
		fprintf(stderr, "%s: %%%s-%d-%s: %s%s%s\n", prog, fac, sev, mnem, text,
		    suffix ? ": " : "", suffix ? suffix : "");
}

void
log_event(int sev, const char *line, size_t stamp_len)
{
	if (sev < 0 || sev > 7)
		sev = 7;
	if (to_syslog)
		syslog(sev, "%s", strlen(line) >= stamp_len ? line + stamp_len : line);
	else
		fprintf(stderr, "%s: %s\n", prog, line);
}

void
log_warn(const char *fmt, ...)
{
	va_list ap;
	const char *e = strerror(errno);

	va_start(ap, fmt);
	vlog(LOG_WARNING, "WARN", fmt, ap, e);
	va_end(ap);
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_WARNING, "WARN", fmt, ap, NULL);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	if (verbosity < 1)
		return;
	va_start(ap, fmt);
	vlog(LOG_INFO, "INFO", fmt, ap, NULL);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	if (verbosity < 2)
		return;
	va_start(ap, fmt);
	vlog(LOG_DEBUG, "DEBUG", fmt, ap, NULL);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	va_list ap;
	const char *e = strerror(errno);

	va_start(ap, fmt);
	vlog(LOG_CRIT, "FATAL", fmt, ap, e);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_CRIT, "FATAL", fmt, ap, NULL);
	va_end(ap);
	exit(1);
}
