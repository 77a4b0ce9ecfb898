/*
 * pmipv6.h — what the PMIPv6 handler files share.
 */
#ifndef PMIPSIM_CMD_PMIPV6_H
#define PMIPSIM_CMD_PMIPV6_H

struct cmd_ctx;

/* CMD_OK, or CMD_ERR with the IOS-style message when bindings exist. */
int mobile_map_refuse(struct cmd_ctx *x);

#endif
