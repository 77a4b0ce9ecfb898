/*
 * strbuf.c — growable byte buffer (see strbuf.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

void
sb_init(struct strbuf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void
sb_free(struct strbuf *b)
{
	free(b->s);
	sb_init(b);
}

void
sb_reset(struct strbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void
sb_grow(struct strbuf *b, size_t n)
{
	size_t need = b->len + n + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < need)
		b->cap *= 2;
	b->s = realloc(b->s, b->cap);
	if (b->s == NULL)
		abort();
}

void
sb_add(struct strbuf *b, const void *p, size_t n)
{
	if (n == 0) {
		/* still a string afterwards, even when nothing was added yet */
		sb_grow(b, 0);
		b->s[b->len] = '\0';
		return;
	}
	sb_grow(b, n);
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
sb_adds(struct strbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void
sb_addc(struct strbuf *b, char c)
{
	sb_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void
sb_vprintf(struct strbuf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	sb_grow(b, 64);
	n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	if (n < 0) {
		va_end(ap2);
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		sb_grow(b, n);
		vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap2);
	}
	b->len += n;
	va_end(ap2);
}

void
sb_printf(struct strbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(b, fmt, ap);
	va_end(ap);
}

void
sb_pad(struct strbuf *b, char c, size_t n)
{
	sb_grow(b, n);
	memset(b->s + b->len, c, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
sb_consume(struct strbuf *b, size_t n)
{
	if (n >= b->len) {
		sb_reset(b);
		return;
	}
	memmove(b->s, b->s + n, b->len - n);
	b->len -= n;
	b->s[b->len] = '\0';
}

char *
sb_detach(struct strbuf *b)
{
	char *s = b->s;

	if (s == NULL) {
		s = strdup("");
		if (s == NULL)
			abort();
	}
	sb_init(b);
	return s;
}
