/*
 * json.h — a small streaming JSON writer for `show ... | json`.  Every
 * show command that prints a table also fills one of these, so that the
 * text and the JSON come from the same values.
 */
#ifndef PMIPSIM_JSON_H
#define PMIPSIM_JSON_H

#include <stdbool.h>
#include <stdint.h>

struct strbuf;

struct json {
	struct strbuf *out;
	int depth;
	bool first[32];		/* nothing written yet at this depth */
};

void json_begin(struct json *j, struct strbuf *out);
/* key is NULL inside arrays */
void json_obj(struct json *j, const char *key);
void json_end_obj(struct json *j);
void json_arr(struct json *j, const char *key);
void json_end_arr(struct json *j);
void json_str(struct json *j, const char *key, const char *v);	/* NULL: null */
void json_u64(struct json *j, const char *key, uint64_t v);
void json_i64(struct json *j, const char *key, int64_t v);
void json_dbl(struct json *j, const char *key, double v);
void json_bool(struct json *j, const char *key, bool v);
void json_finish(struct json *j);

/* A configuration (as rendered) as a tree of {"line", "children"}. */
void json_config_tree(const char *text, struct json *j);

#endif
