/*
 * pool.h — what the pool handlers share with show commands and the LMA's
 * address allocator.
 */
#ifndef PMIPSIM_CMD_POOL_H
#define PMIPSIM_CMD_POOL_H

#include <stdint.h>

struct router;

/* Addresses of pool name in [lo, hi] handed out to mobile nodes. */
int64_t pool_in_use(struct router *r, const char *name, int64_t lo, int64_t hi);

#endif
