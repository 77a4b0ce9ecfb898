/*
 * probe.h — the source of ping's and traceroute's probes (probe.c).
 */
#ifndef PMIPSIM_CMD_PROBE_H
#define PMIPSIM_CMD_PROBE_H

#include <stdbool.h>
#include <stddef.h>

struct cmd_ctx;

/* Binds fd (family AF_INET or AF_INET6) to the source the command gave
 * (slot srcaddr, or srcif: that interface's address, and the interface);
 * shown gets the address ("" when none was given).  False, with the IOS
 * message in the command's output, when there is no such source here. */
bool probe_bind_source(struct cmd_ctx *x, int fd, int family, char *shown, size_t shownsz);

#endif
