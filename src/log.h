/*
 * log.h — the daemon's own diagnostics, and where the router's events go
 * outside the router.
 *
 * In the foreground they are written to stderr; a daemon (after
 * log_to_syslog) sends them to syslog, facility daemon.  Either way a line
 * reads as IOS would log it: "%PMIPD-4-WARN: text".  fatal()/fatalx() only
 * at start-up or on a broken invariant; at run time log_warn()/log_warnx()
 * and carry on.  The router's IOS-style log (logging buffered, show
 * logging, terminal monitor) is src/rlog.c; it hands its events here too.
 */
#ifndef PMIPSIM_LOG_H
#define PMIPSIM_LOG_H

#include <stdbool.h>
#include <stddef.h>

void log_init(const char *progname, int verbose);
/* From now on to syslog (true) or stderr (false). */
void log_to_syslog(bool on);
/* SIGHUP: the log is opened again (after a syslog daemon restarted). */
void log_reopen(void);
/* A router event of severity sev (0..7), as rlog made it: line begins with
 * a timestamp of stamp_len bytes that syslog, which stamps its own, drops. */
void log_event(int sev, const char *line, size_t stamp_len);

void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void fatalx(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
