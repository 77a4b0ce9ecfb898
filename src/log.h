/*
 * log.h — the daemon's own diagnostics (stderr in the foreground).
 * fatal()/fatalx() only at start-up or on a broken invariant; at run time
 * log_warn()/log_warnx() and carry on.  The router's IOS-style log (logging
 * buffered, show logging) is a different thing: src/syslog.c.
 */
#ifndef PMIPSIM_LOG_H
#define PMIPSIM_LOG_H

void log_init(const char *progname, int verbose);
void log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
void fatalx(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
