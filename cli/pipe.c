/*
 * pipe.c — output modifiers applied to a command's text output (see pipe.h).
 * Regular expressions are POSIX extended, matched anywhere in the line, as
 * IOS matches them.
 */
#include <regex.h>
#include <stdbool.h>
#include <string.h>

#include "pipe.h"
#include "strbuf.h"

static bool
line_match(const regex_t *re, const char *s, size_t n, struct strbuf *tmp)
{
	sb_reset(tmp);
	sb_add(tmp, s, n);
	return regexec(re, tmp->s, 0, NULL, 0) == 0;
}

static size_t
line_len(const char *s, size_t left)
{
	const char *nl = memchr(s, '\n', left);

	return nl ? (size_t)(nl - s) + 1 : left;
}

int
pipe_filter(enum cl_pipe pipe, const char *regex, const char *text, size_t len,
    struct strbuf *out)
{
	regex_t re;
	struct strbuf tmp = STRBUF_INIT;
	size_t off = 0, count = 0;
	bool begun = false;

	if (pipe == CL_PIPE_NONE || pipe == CL_PIPE_JSON) {
		sb_add(out, text, len);
		return 0;
	}
	if (regex == NULL || regcomp(&re, regex, REG_EXTENDED | REG_NOSUB) != 0) {
		sb_adds(out, "% Invalid regular expression\n");
		return -1;
	}
	while (off < len) {
		size_t n = line_len(text + off, len - off);
		size_t body = n && text[off + n - 1] == '\n' ? n - 1 : n;

		switch (pipe) {
		case CL_PIPE_INCLUDE:
			if (line_match(&re, text + off, body, &tmp))
				sb_add(out, text + off, n);
			break;
		case CL_PIPE_EXCLUDE:
			if (!line_match(&re, text + off, body, &tmp))
				sb_add(out, text + off, n);
			break;
		case CL_PIPE_BEGIN:
			if (!begun && line_match(&re, text + off, body, &tmp))
				begun = true;
			if (begun)
				sb_add(out, text + off, n);
			break;
		case CL_PIPE_COUNT:
			if (line_match(&re, text + off, body, &tmp))
				count++;
			break;
		case CL_PIPE_SECTION: {
			/* a top-level line and the indented lines under it */
			size_t end = off + n;
			bool hit = line_match(&re, text + off, body, &tmp);

			while (end < len && (text[end] == ' ' || text[end] == '\t')) {
				size_t cn = line_len(text + end, len - end);

				if (!hit)
					hit = line_match(&re, text + end,
					    cn && text[end + cn - 1] == '\n' ? cn - 1 : cn, &tmp);
				end += cn;
			}
			if (hit)
				sb_add(out, text + off, end - off);
			n = end - off;
			break;
		}
		default:
			break;
		}
		off += n;
	}
	if (pipe == CL_PIPE_COUNT)
		sb_printf(out, "Number of lines which match regexp = %zu\n", count);
	regfree(&re);
	sb_free(&tmp);
	return 0;
}
