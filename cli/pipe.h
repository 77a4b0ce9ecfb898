/*
 * pipe.h — IOS output modifiers: | include, exclude, begin, section, count.
 */
#ifndef PMIPSIM_PIPE_H
#define PMIPSIM_PIPE_H

#include <stddef.h>

#include "cl.h"

struct strbuf;

/* Filters text (len bytes, lines ending in \n) through the modifier and
 * appends the result to out.  A bad regular expression appends an IOS
 * error message and returns -1. */
int pipe_filter(enum cl_pipe pipe, const char *regex, const char *text, size_t len,
    struct strbuf *out);

/* The same over output that comes in pieces (cut anywhere): pipe_open
 * (NULL, with the IOS message in err, for a bad regular expression), then
 * pipe_feed for each piece, then pipe_close for what the end lets out
 * (a last section, the count); both free.  pipe_free drops it unfinished. */
struct pipe_state;
struct pipe_state *pipe_open(enum cl_pipe pipe, const char *regex, struct strbuf *err);
void pipe_feed(struct pipe_state *p, const char *text, size_t len, struct strbuf *out);
void pipe_close(struct pipe_state *p, struct strbuf *out);
void pipe_free(struct pipe_state *p);

#endif
