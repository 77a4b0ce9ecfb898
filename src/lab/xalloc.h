/*
 * xalloc.h — allocation for pmiplab that aborts when memory runs out (a
 * lab runner without memory cannot clean up either), and its error line.
 */
#ifndef PMIPLAB_XALLOC_H
#define PMIPLAB_XALLOC_H

#include <stddef.h>

void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* The formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* "pmiplab: message" on stderr. */
void lab_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
