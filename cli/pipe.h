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

#endif
