/*
 * strbuf.h — growable byte buffer used everywhere output is built: command
 * output, rendered configs, protocol frames.  A strbuf always holds a NUL
 * after its data so it can be used as a C string.
 */
#ifndef PMIPSIM_STRBUF_H
#define PMIPSIM_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *s;
	size_t len, cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void sb_init(struct strbuf *b);
void sb_free(struct strbuf *b);
void sb_reset(struct strbuf *b);
/* Ensures room for n more bytes.  Aborts on allocation failure: an
 * out-of-memory daemon cannot serve anybody. */
void sb_grow(struct strbuf *b, size_t n);
void sb_add(struct strbuf *b, const void *p, size_t n);
void sb_adds(struct strbuf *b, const char *s);
void sb_addc(struct strbuf *b, char c);
void sb_printf(struct strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *b, const char *fmt, va_list ap);
void sb_pad(struct strbuf *b, char c, size_t n);
/* Removes the first n bytes. */
void sb_consume(struct strbuf *b, size_t n);
/* Takes the buffer; the caller frees it. */
char *sb_detach(struct strbuf *b);

#endif
