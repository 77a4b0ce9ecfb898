/*
 * json.c — JSON writer (see json.h).
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "strbuf.h"

void
json_begin(struct json *j, struct strbuf *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->first[0] = true;
}

static void
quote(struct strbuf *o, const char *s)
{
	sb_addc(o, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"': sb_adds(o, "\\\""); break;
		case '\\': sb_adds(o, "\\\\"); break;
		case '\n': sb_adds(o, "\\n"); break;
		case '\r': sb_adds(o, "\\r"); break;
		case '\t': sb_adds(o, "\\t"); break;
		default:
			if (c < 0x20)
				sb_printf(o, "\\u%04x", c);
			else
				sb_addc(o, (char)c);
		}
	}
	sb_addc(o, '"');
}

static void
member(struct json *j, const char *key)
{
	if (!j->first[j->depth])
		sb_addc(j->out, ',');
	j->first[j->depth] = false;
	if (key) {
		quote(j->out, key);
		sb_addc(j->out, ':');
	}
}

void
json_obj(struct json *j, const char *key)
{
	member(j, key);
	sb_addc(j->out, '{');
	if (j->depth < 31)
		j->depth++;
	j->first[j->depth] = true;
}

void
json_end_obj(struct json *j)
{
	sb_addc(j->out, '}');
	if (j->depth > 0)
		j->depth--;
}

void
json_arr(struct json *j, const char *key)
{
	member(j, key);
	sb_addc(j->out, '[');
	if (j->depth < 31)
		j->depth++;
	j->first[j->depth] = true;
}

void
json_end_arr(struct json *j)
{
	sb_addc(j->out, ']');
	if (j->depth > 0)
		j->depth--;
}

void
json_str(struct json *j, const char *key, const char *v)
{
	member(j, key);
	if (v == NULL)
		sb_adds(j->out, "null");
	else
		quote(j->out, v);
}

void
json_u64(struct json *j, const char *key, uint64_t v)
{
	member(j, key);
	sb_printf(j->out, "%llu", (unsigned long long)v);
}

void
json_i64(struct json *j, const char *key, int64_t v)
{
	member(j, key);
	sb_printf(j->out, "%lld", (long long)v);
}

void
json_dbl(struct json *j, const char *key, double v)
{
	member(j, key);
	sb_printf(j->out, "%.3f", v);
}

void
json_bool(struct json *j, const char *key, bool v)
{
	member(j, key);
	sb_adds(j->out, v ? "true" : "false");
}

void
json_finish(struct json *j)
{
	sb_addc(j->out, '\n');
}

/* Lines indented by one more space than their parent are its children. */
static const char *
tree(struct json *j, const char *p, int level)
{
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		int ind = 0;
		char line[4096];

		while ((size_t)ind < n && p[ind] == ' ')
			ind++;
		if (ind < level)
			return p;
		if (n - (size_t)ind == 0 || p[ind] == '!' || (n == 3 && strncmp(p, "end", 3) == 0)) {
			p += n + (nl ? 1 : 0);
			continue;
		}
		snprintf(line, sizeof(line), "%.*s", (int)(n - (size_t)ind), p + ind);
		json_obj(j, NULL);
		json_str(j, "line", line);
		p += n + (nl ? 1 : 0);
		json_arr(j, "children");
		p = tree(j, p, ind + 1);
		json_end_arr(j);
		json_end_obj(j);
	}
	return p;
}

void
json_config_tree(const char *text, struct json *j)
{
	json_arr(j, NULL);
	tree(j, text ? text : "", 0);
	json_end_arr(j);
}
