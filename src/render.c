/*
 * render.c — show running-config / startup-config, rendered from the store.
 *
 * Walks the modes from global configuration down.  In each mode the
 * commands come in the grammar's render order; a command prints from the
 * columns the grammar says it stores: SET commands from the mode object's
 * row, ROW commands from their table (rows of one table shared by several
 * commands come out in one ordered pass), ENTER commands as a block header
 * followed by their mode's commands, indented one more space.  Top-level
 * blocks are separated by "!" as IOS does.
 *
 * As JSON (show running-config | json) the same walk gives one object per
 * command: its line, its mode, its arguments by name as stored, and the
 * commands of its block as children.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cl_gen.h"
#include "cmd.h"
#include "json.h"
#include "render.h"
#include "router.h"
#include "store.h"

struct rctx {
	struct router *r;
	struct store *st;
	struct strbuf *out;	/* the text, or (JSON) one line at a time */
	struct json *j;		/* JSON: where the objects go; NULL for text */
};

static int
col_index(sqlite3_stmt *s, const char *name)
{
	return store_col(s, name);
}

const char *
render_col(const struct cmd_render *r, const char *name)
{
	int i = col_index(r->row, name);

	return i < 0 ? NULL : (const char *)sqlite3_column_text(r->row, i);
}

/* Slot values of command c from the current row of s. */
static bool
row_vals(const struct cl_cmd *c, sqlite3_stmt *s, const char **vals)
{
	bool any = false;

	memset(vals, 0, CL_MAXSLOTS * sizeof(*vals));
	for (int pass = 0; pass < 2; pass++) {
		const struct cl_col *cols = pass ? c->sets : c->keys;
		unsigned n = pass ? c->nsets : c->nkeys;

		for (unsigned i = 0; i < n; i++) {
			int ci;

			if (cols[i].literal || cols[i].slot < 0)
				continue;
			ci = col_index(s, cols[i].col);
			if (ci < 0 || sqlite3_column_type(s, ci) == SQLITE_NULL)
				continue;
			vals[cols[i].slot] = (const char *)sqlite3_column_text(s, ci);
			any = true;
		}
	}
	return any;
}

static bool
literals_match(const struct cl_cmd *c, sqlite3_stmt *s)
{
	for (unsigned i = 0; i < c->nsets; i++) {
		const char *v;
		int ci;

		if (!c->sets[i].literal)
			continue;
		ci = col_index(s, c->sets[i].col);
		v = ci < 0 ? NULL : (const char *)sqlite3_column_text(s, ci);
		if (v == NULL || strcmp(v, c->sets[i].literal) != 0)
			return false;
	}
	return true;
}

static bool
has_literals(const struct cl_cmd *c)
{
	for (unsigned i = 0; i < c->nsets; i++)
		if (c->sets[i].literal)
			return true;
	return false;
}

static void
indent(struct strbuf *out, int depth)
{
	sb_pad(out, ' ', (size_t)depth);
}

/* The JSON object of a line just rendered into rc->out (which it empties):
 * line, mode, arguments; left open for its children when block. */
/* The arguments of a row that a command with its own renderer prints
 * (an access-list entry, which any of several commands may have made):
 * every column the commands of the mode store in its table, by their
 * argument names. */
static void
json_row_args(struct rctx *rc, const struct cl_cmd *c, sqlite3_stmt *row, int mode)
{
	const struct cl_mode *m = &cl_modes[mode];
	const char *seen[CL_MAXSLOTS * 2];
	unsigned nseen = 0;

	for (unsigned i = 0; i < m->ncmds; i++) {
		const struct cl_cmd *o = &cl_cmds[m->cmds[i]];

		if (o->kind != c->kind || o->table == NULL || strcmp(o->table, c->table) != 0)
			continue;
		for (unsigned k = 0; k < (unsigned)o->nkeys + o->nsets; k++) {
			const struct cl_col *col = k < o->nkeys ? &o->keys[k] : &o->sets[k - o->nkeys];
			bool dup = false;
			int ci;

			if (col->literal || col->slot < 0 || col->slot >= o->nslots)
				continue;
			for (unsigned s = 0; s < nseen; s++)
				dup |= strcmp(seen[s], col->col) == 0;
			ci = dup ? -1 : col_index(row, col->col);
			if (ci < 0 || sqlite3_column_type(row, ci) == SQLITE_NULL)
				continue;
			json_str(rc->j, o->slot_names[col->slot],
			    (const char *)sqlite3_column_text(row, ci));
			if (nseen < CL_MAXSLOTS * 2)
				seen[nseen++] = col->col;
		}
	}
}

static void
json_line(struct rctx *rc, const struct cl_cmd *c, sqlite3_stmt *row, const char **vals,
    int mode, bool block)
{
	size_t n = rc->out->len;

	while (n > 0 && (rc->out->s[n - 1] == '\n' || rc->out->s[n - 1] == ' '))
		n--;
	rc->out->s[n] = '\0';
	json_obj(rc->j, NULL);
	json_str(rc->j, "line", rc->out->s + strspn(rc->out->s, " "));
	json_str(rc->j, "mode", cl_modes[mode].name);
	json_obj(rc->j, "args");
	if (vals == NULL)
		json_row_args(rc, c, row, mode);
	for (unsigned i = 0; vals && i < c->nslots; i++)
		if (vals[i] != NULL)
			json_str(rc->j, c->slot_names[i], vals[i]);
	json_end_obj(rc->j);
	json_arr(rc->j, "children");
	if (!block) {
		json_end_arr(rc->j);
		json_end_obj(rc->j);
	}
	sb_reset(rc->out);
}

/* Closes the JSON object of a block line after its children. */
static void
end_block(struct rctx *rc)
{
	if (rc->j) {
		json_end_arr(rc->j);
		json_end_obj(rc->j);
	}
}

/* One line for command c (in mode) with the values of the current row;
 * false when it prints nothing.  A block's JSON object stays open for
 * its children (end_block). */
static bool
emit_line(struct rctx *rc, const struct cl_cmd *c, sqlite3_stmt *row, const char **vals,
    int depth, int index, int64_t parent, int mode, bool block)
{
	const struct cmd_fns *f = &cmd_fns[c - cl_cmds];
	size_t mark = rc->out->len;

	indent(rc->out, depth);
	if (f->render) {
		struct cmd_render cr = { rc->r, rc->st, store_db(rc->st), c, vals, row, rc->out, index,
			parent };
		size_t before = rc->out->len;

		f->render(&cr);
		if (rc->out->len == before) {
			rc->out->len = mark;
			rc->out->s[mark] = '\0';
			return false;
		}
	} else if (!cl_render_cmd(c, vals, rc->out)) {
		rc->out->len = mark;
		rc->out->s[mark] = '\0';
		return false;
	}
	sb_addc(rc->out, '\n');
	if (rc->j)
		json_line(rc, c, row, vals, mode, block);
	return true;
}

static void render_mode(struct rctx *rc, int mode, int64_t obj, sqlite3_stmt *objrow, int depth);

/* Adds the columns command o prints (its syntax's slots) and its literal
 * columns to the select list, once each. */
static void
add_columns(struct strbuf *sql, const struct cl_cmd *o, const char **seen, unsigned *nseen)
{
	for (int pass = 0; pass < 2; pass++) {
		const struct cl_col *cols = pass ? o->sets : o->keys;
		unsigned n = pass ? o->nsets : o->nkeys;

		for (unsigned i = 0; i < n; i++) {
			bool dup = false;

			if (!cols[i].literal && (cols[i].slot < 0 || cols[i].slot >= o->nslots))
				continue;
			for (unsigned k = 0; k < *nseen; k++)
				if (strcmp(seen[k], cols[i].col) == 0)
					dup = true;
			if (dup || *nseen == CL_MAXSLOTS * 2)
				continue;
			sb_adds(sql, *nseen ? ", " : "SELECT ");
			sb_adds(sql, cols[i].col);
			seen[(*nseen)++] = cols[i].col;
		}
	}
}

/* The rows of c's table under obj.  A block (ENTER) row is also the object
 * row of its mode, whose commands read any column: all of them.  Rows of
 * ROW commands (those from m->cmds[first] on that share c's table) bring
 * only the columns those commands print: a row of an access list has 37
 * columns, of which an entry prints 24, and SQLite copies each selected
 * one out of the record for every row. */
static void
rows_sql(struct strbuf *sql, const struct cl_cmd *c, bool parent, bool literals,
    const struct cl_mode *m, unsigned first)
{
	const char *sep = " WHERE ";

	if (m != NULL) {
		const char *seen[CL_MAXSLOTS * 2];
		unsigned nseen = 0;

		for (unsigned i = first; i < m->ncmds; i++) {
			const struct cl_cmd *o = &cl_cmds[m->cmds[i]];

			if (o->kind == CL_K_ROW && !(o->flags & CL_CMD_NOONLY) &&
			    strcmp(o->table, c->table) == 0)
				add_columns(sql, o, seen, &nseen);
		}
		if (nseen == 0)
			sb_adds(sql, "SELECT *");
		sb_printf(sql, " FROM %s", c->table);
	} else
		sb_printf(sql, "SELECT * FROM %s", c->table);
	if (parent) {
		sb_printf(sql, "%sparent=?", sep);
		sep = " AND ";
	}
	if (literals)
		for (unsigned i = 0; i < c->nsets; i++)
			if (c->sets[i].literal) {
				sb_printf(sql, "%s%s=?", sep, c->sets[i].col);
				sep = " AND ";
			}
	sb_printf(sql, " ORDER BY %s", c->order_by ? c->order_by : "id");
}

static sqlite3_stmt *
rows_query(struct rctx *rc, const struct cl_cmd *c, bool parent, bool literals, int64_t obj,
    const struct cl_mode *m, unsigned first)
{
	/* The text is made again each time (a list or an interface at a
	 * time): store_prepare finds the statement by its text, and keeping
	 * the text too gained nothing measurable (show running-config of
	 * 100,000 lines: 473-536 ms both ways with store_col's memo off). */
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *s;
	int n = 1;

	rows_sql(&sql, c, parent, literals, m, first);
	s = store_prepare(rc->st, sql.s);
	sb_free(&sql);
	if (s == NULL)
		return NULL;
	if (parent)
		sqlite3_bind_int64(s, n++, obj);
	if (literals)
		for (unsigned i = 0; i < c->nsets; i++)
			if (c->sets[i].literal)
				sqlite3_bind_text(s, n++, c->sets[i].literal, -1, SQLITE_STATIC);
	return s;
}

static void
render_rows(struct rctx *rc, const struct cl_mode *m, unsigned first, int mode, int64_t obj,
    int depth)
{
	const struct cl_cmd *c = &cl_cmds[m->cmds[first]];
	sqlite3_stmt *s = rows_query(rc, c, mode != CL_MODE_CONFIG, false, obj, m, first);
	const char *vals[CL_MAXSLOTS];
	int index = 0;

	if (s == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		const struct cl_cmd *pick = NULL;
		bool own = false;

		/* the command that owns this row: literal matches first */
		for (int pass = 0; pass < 2 && pick == NULL; pass++)
			for (unsigned i = first; i < m->ncmds; i++) {
				const struct cl_cmd *o = &cl_cmds[m->cmds[i]];

				if (o->kind != CL_K_ROW || strcmp(o->table, c->table) != 0 ||
				    (o->flags & CL_CMD_NOONLY) || has_literals(o) != (pass == 0))
					continue;
				if (literals_match(o, s)) {
					pick = o;
					break;
				}
			}
		if (pick == NULL)
			continue;
		/* a command with its own renderer reads the row itself */
		own = cmd_fns[pick - cl_cmds].render != NULL;
		if (!own)
			row_vals(pick, s, vals);
		emit_line(rc, pick, s, own ? NULL : vals, depth, index++, obj, mode, false);
	}
	sqlite3_reset(s);
}

static void
render_blocks(struct rctx *rc, const struct cl_cmd *c, int mode, int64_t obj, int depth)
{
	sqlite3_stmt *s = rows_query(rc, c, mode != CL_MODE_CONFIG, true, obj, NULL, 0);
	const char *vals[CL_MAXSLOTS];
	int index = 0;

	if (s == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, col_index(s, "id"));

		bool shown;

		row_vals(c, s, vals);
		shown = emit_line(rc, c, s, vals, depth, index++, obj, mode, true);
		render_mode(rc, c->enter, id, s, depth + 1);
		if (shown)
			end_block(rc);
		if (depth == 0 && rc->j == NULL)
			sb_adds(rc->out, "!\n");
	}
	sqlite3_reset(s);
}

static void
render_mode(struct rctx *rc, int mode, int64_t obj, sqlite3_stmt *objrow, int depth)
{
	const struct cl_mode *m = &cl_modes[mode];
	const char *vals[CL_MAXSLOTS];

	for (unsigned i = 0; i < m->ncmds; i++) {
		const struct cl_cmd *c = &cl_cmds[m->cmds[i]];
		size_t before = rc->out->len;
		bool block = false;

		switch (c->kind) {
		case CL_K_SET:
			if (row_vals(c, objrow, vals))
				emit_line(rc, c, objrow, vals, depth, 0, obj, mode, false);
			else if (c->unset && rc->j == NULL) {
				indent(rc->out, depth);
				sb_printf(rc->out, "%s\n", c->unset);
			}
			break;
		case CL_K_ROW: {
			bool seen = false;

			if (c->flags & CL_CMD_NOONLY)
				break;
			/* rendered already with an earlier command of the same table? */
			for (unsigned j = 0; j < i; j++) {
				const struct cl_cmd *o = &cl_cmds[m->cmds[j]];

				if (o->kind == CL_K_ROW && !(o->flags & CL_CMD_NOONLY) &&
				    strcmp(o->table, c->table) == 0)
					seen = true;
			}
			if (!seen)
				render_rows(rc, m, i, mode, obj, depth);
			break;
		}
		case CL_K_ENTER:
			if (cl_modes[c->enter].inherit) {
				const char *flag = cl_modes[c->enter].flag_col;
				int fi = col_index(objrow, flag);

				if (fi < 0 || sqlite3_column_type(objrow, fi) == SQLITE_NULL)
					break;
				row_vals(c, objrow, vals);
				if (emit_line(rc, c, objrow, vals, depth, 0, obj, mode, true)) {
					render_mode(rc, c->enter, obj, objrow, depth + 1);
					end_block(rc);
				} else
					render_mode(rc, c->enter, obj, objrow, depth + 1);
				break;
			}
			render_blocks(rc, c, mode, obj, depth);
			block = true;
			break;
		default:
			break;
		}
		if (depth == 0 && !block && rc->out->len > before && rc->j == NULL)
			sb_adds(rc->out, "!\n");
	}
}

void
render_config(struct router *r, struct store *st, struct strbuf *out, const struct render_opts *o)
{
	struct rctx rc = { r, st, NULL, NULL };
	struct strbuf *body = out;
	size_t mark = out->len;
	sqlite3_stmt *sys;
	char t[64];

	/* straight into out; the header, which gives the body's length, is
	 * put in front of it at the end (megabytes: not copied again) */
	rc.out = body;
	sb_adds(body, "!\n");
	if (o->times && r->last_change) {
		clock_format_ios(r->last_change, -1, t, sizeof(t));
		sb_printf(body, "! Last configuration change at %s by %s\n", t, r->last_change_by);
	}
	if (o->times && r->last_save) {
		clock_format_ios(r->last_save, -1, t, sizeof(t));
		sb_printf(body, "! NVRAM config last updated at %s by console\n", t);
	}
	if (o->times && (r->last_change || r->last_save))
		sb_adds(body, "!\n");
	sb_adds(body, "version 15.6\n!\n");
	sys = store_prepare(st, "SELECT * FROM system WHERE id=1");
	if (sys && sqlite3_step(sys) == SQLITE_ROW)
		render_mode(&rc, CL_MODE_CONFIG, 1, sys, 0);
	if (sys)
		sqlite3_reset(sys);
	sb_adds(body, "end\n");
	if (o->header) {
		char h[128];
		size_t blen = out->len - mark;
		int n = snprintf(h, sizeof(h), "Building configuration...\n\nCurrent configuration : "
		    "%zu bytes\n", blen + 1);

		sb_grow(out, (size_t)n);
		memmove(out->s + mark + n, out->s + mark, blen + 1);
		memcpy(out->s + mark, h, (size_t)n);
		out->len += (size_t)n;
	}
}

void
render_config_json(struct router *r, struct store *st, struct json *j)
{
	struct strbuf line = STRBUF_INIT;
	struct rctx rc = { r, st, &line, j };
	sqlite3_stmt *sys;

	json_arr(j, NULL);
	sys = store_prepare(st, "SELECT * FROM system WHERE id=1");
	if (sys && sqlite3_step(sys) == SQLITE_ROW)
		render_mode(&rc, CL_MODE_CONFIG, 1, sys, 0);
	if (sys)
		sqlite3_reset(sys);
	json_end_arr(j);
	sb_free(&line);
}
