/*
 * probe.h — what ping and traceroute share (probe.c): the source of their
 * probes, their clock, their clean-up.
 */
#ifndef PMIPSIM_CMD_PROBE_H
#define PMIPSIM_CMD_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct cmd_ctx;
struct event;

/* Binds fd (family AF_INET or AF_INET6) to the source the command gave:
 * srcaddr, or srcif (that interface's address, and the interface), either
 * NULL when not given; shown gets the address ("" when none was given).
 * False, with the IOS message in the command's output, when there is no
 * such source here. */
bool probe_bind_source(struct cmd_ctx *x, int fd, int family, const char *srcaddr,
    const char *srcif, char *shown, size_t shownsz);

/* Monotonic microseconds, for round-trip times. */
uint64_t probe_now_us(void);
/* Frees a probe's events and closes its socket (any of them may be unset:
 * NULL, -1). */
void probe_close(int fd, struct event *ev_read, struct event *ev_timer);

#endif
