/*
 * startup.h — the startup-config file: text, as on IOS.
 *
 * write memory renders the running configuration and writes it here; pmipd
 * boots by loading it through the configuration loader (cfgload.h).  The
 * file holds either its old or its new content at every instant, across a
 * crash or a kill -9 in the middle of a write.
 */
#ifndef PMIPSIM_STARTUP_H
#define PMIPSIM_STARTUP_H

#include <stddef.h>

struct strbuf;

/* The largest startup-config read back: far above any lab, small enough
 * that a mistaken -C /dev/zero or a huge file cannot exhaust memory. */
#define STARTUP_MAX_BYTES ((size_t)512 << 20)

/* Appends the file's content to text.  1 if it was read, 0 if there is no
 * such file or it is empty, -1 with a message in err (a directory, a
 * device, too large, unreadable). */
int startup_read(const char *path, struct strbuf *text, struct strbuf *err);

/* Replaces the file with len bytes of text: PATH.new is written, synced
 * and renamed over PATH, and the directory synced.  When PATH is a mount
 * point of its own (a container's bind-mounted file cannot be renamed
 * over), the file is rewritten in place instead.  0, or -1 with a message
 * in err (the old file is then unchanged). */
int startup_write(const char *path, const char *text, size_t len, struct strbuf *err);

/* Removes the file (a bind-mounted one is emptied).  0, or -1 with a
 * message in err.  No file is no error. */
int startup_erase(const char *path, struct strbuf *err);

#endif
