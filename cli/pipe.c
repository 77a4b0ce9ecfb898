/*
 * pipe.c — output modifiers applied to a command's text output (see pipe.h).
 * Regular expressions are POSIX extended, matched anywhere in the line, as
 * IOS matches them.  The filter takes the text in pieces as a command
 * produces it: a line cut between two pieces waits for its end, a section
 * waits for the line that ends it.
 */
#include <regex.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "pipe.h"
#include "strbuf.h"

struct pipe_state {
	enum cl_pipe pipe;
	regex_t re;
	bool begun;			/* begin: the first match was seen */
	size_t count;			/* count: lines that matched */
	struct strbuf part;		/* the start of a line not ended yet */
	struct strbuf section;		/* section: the block so far */
	bool hit;			/* section: something in it matched */
	struct strbuf tmp;
};

static bool
match(struct pipe_state *p, const char *s, size_t n)
{
	if (n && s[n - 1] == '\n')
		n--;
	sb_reset(&p->tmp);
	sb_add(&p->tmp, s, n);
	return regexec(&p->re, p->tmp.s, 0, NULL, 0) == 0;
}

static void
section_flush(struct pipe_state *p, struct strbuf *out)
{
	if (p->hit)
		sb_add(out, p->section.s, p->section.len);
	sb_reset(&p->section);
	p->hit = false;
}

/* One line, its \n included (but the last, which may lack it). */
static void
line(struct pipe_state *p, const char *s, size_t n, struct strbuf *out)
{
	switch (p->pipe) {
	case CL_PIPE_INCLUDE:
		if (match(p, s, n))
			sb_add(out, s, n);
		break;
	case CL_PIPE_EXCLUDE:
		if (!match(p, s, n))
			sb_add(out, s, n);
		break;
	case CL_PIPE_BEGIN:
		if (!p->begun && match(p, s, n))
			p->begun = true;
		if (p->begun)
			sb_add(out, s, n);
		break;
	case CL_PIPE_COUNT:
		p->count += match(p, s, n);
		break;
	case CL_PIPE_SECTION:
		/* a line and the indented lines under it */
		if (p->section.len == 0 || (s[0] != ' ' && s[0] != '\t'))
			section_flush(p, out);
		sb_add(&p->section, s, n);
		if (!p->hit)
			p->hit = match(p, s, n);
		break;
	default:
		sb_add(out, s, n);
		break;
	}
}

struct pipe_state *
pipe_open(enum cl_pipe pipe, const char *regex, struct strbuf *err)
{
	struct pipe_state *p = calloc(1, sizeof(*p));

	if (p == NULL)
		abort();
	p->pipe = pipe;
	if (regex == NULL || regcomp(&p->re, regex, REG_EXTENDED | REG_NOSUB) != 0) {
		sb_adds(err, "% Invalid regular expression\n");
		free(p);
		return NULL;
	}
	return p;
}

void
pipe_feed(struct pipe_state *p, const char *text, size_t len, struct strbuf *out)
{
	size_t off = 0;

	if (p->part.len) {
		const char *nl = memchr(text, '\n', len);

		if (nl == NULL) {
			sb_add(&p->part, text, len);
			return;
		}
		off = (size_t)(nl - text) + 1;
		sb_add(&p->part, text, off);
		line(p, p->part.s, p->part.len, out);
		sb_reset(&p->part);
	}
	while (off < len) {
		const char *nl = memchr(text + off, '\n', len - off);

		if (nl == NULL) {
			sb_add(&p->part, text + off, len - off);
			return;
		}
		line(p, text + off, (size_t)(nl - (text + off)) + 1, out);
		off = (size_t)(nl - text) + 1;
	}
}

void
pipe_free(struct pipe_state *p)
{
	if (p == NULL)
		return;
	regfree(&p->re);
	sb_free(&p->part);
	sb_free(&p->section);
	sb_free(&p->tmp);
	free(p);
}

void
pipe_close(struct pipe_state *p, struct strbuf *out)
{
	if (p->part.len)
		line(p, p->part.s, p->part.len, out);
	if (p->pipe == CL_PIPE_SECTION)
		section_flush(p, out);
	if (p->pipe == CL_PIPE_COUNT)
		sb_printf(out, "Number of lines which match regexp = %zu\n", p->count);
	pipe_free(p);
}

int
pipe_filter(enum cl_pipe pipe, const char *regex, const char *text, size_t len,
    struct strbuf *out)
{
	struct pipe_state *p;

	if (pipe == CL_PIPE_NONE || pipe == CL_PIPE_JSON) {
		sb_add(out, text, len);
		return 0;
	}
	if ((p = pipe_open(pipe, regex, out)) == NULL)
		return -1;
	pipe_feed(p, text, len, out);
	pipe_close(p, out);
	return 0;
}
