/*
 * schemagen.c — a build tool: checks src/schema.sql against the grammar's
 * store declarations (the compiled tables of cli/cl_tables.c: each
 * command's `table`, `key`, `set`, each mode's table), and only when they
 * agree writes what the daemon is built from:
 *
 *   schema_sql.c   the schema text, and per command which of its key and
 *                  set columns are INTEGER (store.c binds numbers there)
 *   rows.h rows.c  a typed row reader per configuration table (rows.h
 *                  says how they are used)
 *
 * usage: schemagen SCHEMA.sql SCHEMA_C [ROWS_H ROWS_C]
 *        schemagen -c SCHEMA.sql        (check only)
 *
 * The schema stays hand-written SQL because what it says beyond the grammar
 * (constraints, indexes, comments) reads best as SQL; what both say is
 * checked here, so they cannot drift (grammar/README.md).  The schema is
 * loaded into an in-memory SQLite, so it is read exactly as the daemon
 * will read it.  Each disagreement is one line on stderr; exit 1 if any.
 */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cl.h"

#define MAXTABLES 128
#define MAXCOLS 64
#define MAXUNIQ 8

struct column {
	char name[64];
	bool integer;	/* declared type names INT (SQLite's affinity rule) */
	bool notnull, has_default, pk;
	bool written;	/* some command stores it */
};

struct table {
	char name[64];
	int ncols;
	struct column cols[MAXCOLS];
	int nuniq;
	uint64_t uniq[MAXUNIQ];	/* unique indexes, as masks over cols */
	char parent_of[64];	/* table the parent column references ("" none) */
	bool cascade;		/* ... ON DELETE CASCADE */
	bool used;		/* the grammar names it */
	uint64_t key;		/* the grammar's key of its rows (parent too) */
};

static struct table tables[MAXTABLES];
static int ntables;
static int errors;
static const char *schema_path;

static void
fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", schema_path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	errors++;
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	do {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 65536;
			if ((buf = realloc(buf, cap)) == NULL)
				abort();
		}
		n = fread(buf + len, 1, cap - len - 1, f);
		len += n;
	} while (n > 0);
	fclose(f);
	buf[len] = '\0';
	return buf;
}

static void
copyname(char *dst, size_t n, const unsigned char *src)
{
	snprintf(dst, n, "%s", src ? (const char *)src : "");
}

static struct table *
find_table(const char *name)
{
	for (int i = 0; i < ntables; i++)
		if (strcmp(tables[i].name, name) == 0)
			return &tables[i];
	return NULL;
}

static int
find_col(const struct table *t, const char *name)
{
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->cols[i].name, name) == 0)
			return i;
	return -1;
}

static sqlite3_stmt *
prep(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		fprintf(stderr, "schemagen: %s: %s\n", sql, sqlite3_errmsg(db));
		exit(2);
	}
	return s;
}

/* Reads the tables of the schema as SQLite understood it. */
static void
read_schema(sqlite3 *db)
{
	sqlite3_stmt *s = prep(db, "SELECT name FROM sqlite_schema WHERE type='table' AND "
	    "name NOT LIKE 'sqlite_%' ORDER BY rowid");
	sqlite3_stmt *ci = prep(db, "SELECT name, type, \"notnull\", dflt_value, pk FROM "
	    "pragma_table_info(?1) ORDER BY cid");
	sqlite3_stmt *il = prep(db, "SELECT name FROM pragma_index_list(?1) WHERE \"unique\" = 1");
	sqlite3_stmt *ii = prep(db, "SELECT name FROM pragma_index_info(?1)");
	sqlite3_stmt *fk = prep(db, "SELECT \"table\", \"to\", on_delete FROM "
	    "pragma_foreign_key_list(?1) WHERE \"from\" = 'parent'");

	while (sqlite3_step(s) == SQLITE_ROW) {
		struct table *t;

		if (ntables == MAXTABLES) {
			fail("more than %d tables", MAXTABLES);
			break;
		}
		t = &tables[ntables++];
		copyname(t->name, sizeof(t->name), sqlite3_column_text(s, 0));
		sqlite3_bind_text(ci, 1, t->name, -1, SQLITE_STATIC);
		while (sqlite3_step(ci) == SQLITE_ROW) {
			struct column *c;
			const char *type = (const char *)sqlite3_column_text(ci, 1);

			if (t->ncols == MAXCOLS) {
				fail("table %s: more than %d columns", t->name, MAXCOLS);
				break;
			}
			c = &t->cols[t->ncols++];
			copyname(c->name, sizeof(c->name), sqlite3_column_text(ci, 0));
			c->integer = type && strcasestr(type, "int") != NULL;
			c->notnull = sqlite3_column_int(ci, 2) != 0;
			c->has_default = sqlite3_column_type(ci, 3) != SQLITE_NULL;
			c->pk = sqlite3_column_int(ci, 4) != 0;
		}
		sqlite3_reset(ci);
		sqlite3_bind_text(il, 1, t->name, -1, SQLITE_STATIC);
		while (sqlite3_step(il) == SQLITE_ROW && t->nuniq < MAXUNIQ) {
			uint64_t mask = 0;

			sqlite3_bind_text(ii, 1, (const char *)sqlite3_column_text(il, 0), -1,
			    SQLITE_TRANSIENT);
			while (sqlite3_step(ii) == SQLITE_ROW) {
				int k = find_col(t, (const char *)sqlite3_column_text(ii, 0));

				if (k >= 0)
					mask |= 1ull << k;
			}
			sqlite3_reset(ii);
			t->uniq[t->nuniq++] = mask;
		}
		sqlite3_reset(il);
		sqlite3_bind_text(fk, 1, t->name, -1, SQLITE_STATIC);
		if (sqlite3_step(fk) == SQLITE_ROW) {
			const char *to = (const char *)sqlite3_column_text(fk, 1);
			const char *del = (const char *)sqlite3_column_text(fk, 2);

			copyname(t->parent_of, sizeof(t->parent_of), sqlite3_column_text(fk, 0));
			if (to && strcmp(to, "id") != 0)
				fail("table %s: parent references %s (%s), not its id", t->name,
				    t->parent_of, to);
			t->cascade = del && strcmp(del, "CASCADE") == 0;
		}
		sqlite3_reset(fk);
	}
	sqlite3_finalize(s);
	sqlite3_finalize(ci);
	sqlite3_finalize(il);
	sqlite3_finalize(ii);
	sqlite3_finalize(fk);
}

static const char *
mode_table(int mode)
{
	return cl_modes[mode].table ? cl_modes[mode].table : "system";
}

/* Where a command is declared, for messages: grammar/acl.cli: "syntax". */
static const char *
where(const struct cl_cmd *c)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), "grammar/%s.cli: %s", c->file, c->syntax);
	return buf;
}

/* Checks one column a command stores; marks it written.  integer gets
 * whether the column is INTEGER. */
static void
check_col(const struct cl_cmd *c, struct table *t, const struct cl_col *k, bool *integer)
{
	int i = find_col(t, k->col);
	struct column *col;

	*integer = false;
	if (i < 0) {
		fail("table %s has no column %s (%s)", t->name, k->col, where(c));
		return;
	}
	col = &t->cols[i];
	col->written = true;
	*integer = col->integer;
	if (k->literal)
		return;
	if ((k->flag || k->type == CL_T_RANGE) && !col->integer)
		fail("table %s: column %s is not INTEGER, but %s stores a %s there (%s)", t->name,
		    k->col, k->slot >= 0 && c->slot_names ? c->slot_names[k->slot] : "?",
		    k->flag ? "flag" : "number", where(c));
	else if (!k->flag && k->type != CL_T_RANGE && k->slot >= 0 && k->slot < c->nslots &&
	    col->integer)
		fail("table %s: column %s is INTEGER, but %s is typed text (%s)", t->name, k->col,
		    c->slot_names[k->slot], where(c));
}

/* A command that inserts rows into t (parent given when the rows are a
 * mode object's children): parent, unique key, NOT NULL columns. */
static void
check_rows(const struct cl_cmd *c, struct table *t, int mode, uint64_t *keyint, uint64_t *setint)
{
	bool parent = mode != CL_MODE_CONFIG;
	uint64_t key = 0, written = 0;
	int pi = find_col(t, "parent");
	bool integer;

	if (parent) {
		if (pi < 0)
			fail("table %s has no parent column, but its rows belong to %s rows (%s)",
			    t->name, mode_table(mode), where(c));
		else if (strcmp(t->parent_of, mode_table(mode)) != 0)
			fail("table %s: parent must reference %s (id) ON DELETE CASCADE (%s)",
			    t->name, mode_table(mode), where(c));
		else if (!t->cascade)
			fail("table %s: parent must be ON DELETE CASCADE (%s)", t->name, where(c));
		if (pi >= 0) {
			key |= 1ull << pi;
			written |= 1ull << pi;
		}
	}
	for (unsigned i = 0; i < c->nkeys; i++) {
		int k = find_col(t, c->keys[i].col);

		check_col(c, t, &c->keys[i], &integer);
		if (integer)
			*keyint |= 1ull << i;
		if (k >= 0) {
			key |= 1ull << k;
			written |= 1ull << k;
		}
	}
	for (unsigned i = 0; i < c->nsets; i++) {
		int k = find_col(t, c->sets[i].col);

		check_col(c, t, &c->sets[i], &integer);
		if (integer)
			*setint |= 1ull << i;
		if (k >= 0)
			written |= 1ull << k;
	}
	if (key != 0) {
		bool found = false;

		for (int i = 0; i < t->nuniq; i++)
			found |= t->uniq[i] == key;
		if (found)
			t->key = key;
		else {
			char cols[256] = "";

			for (int i = 0; i < t->ncols; i++)
				if (key & 1ull << i)
					snprintf(cols + strlen(cols), sizeof(cols) - strlen(cols),
					    "%s%s", cols[0] ? ", " : "", t->cols[i].name);
			fail("table %s needs UNIQUE (%s): the key of %s", t->name, cols, where(c));
		}
	}
	if (c->same != NULL) {
		/* the insert finds the same entry through this index */
		int k = find_col(t, c->same);
		uint64_t want = (pi >= 0 && parent ? 1ull << pi : 0) | (k >= 0 ? 1ull << k : 0);
		bool found = false;

		for (int i = 0; k >= 0 && i < t->nuniq; i++)
			found |= t->uniq[i] == want;
		if (!found)
			fail("table %s needs UNIQUE (%s%s): %s names it 'same'", t->name,
			    parent ? "parent, " : "", c->same, where(c));
	}
	/* a command that only deletes (no 10 in an access list) inserts nothing */
	if (c->flags & CL_CMD_NOONLY)
		return;
	for (int i = 0; i < t->ncols; i++)
		if (t->cols[i].notnull && !t->cols[i].pk && !t->cols[i].has_default &&
		    !(written & 1ull << i))
			fail("table %s: column %s is NOT NULL, but %s does not store it", t->name,
			    t->cols[i].name, where(c));
}

static void
check_sets(const struct cl_cmd *c, struct table *t, uint64_t *setint)
{
	bool integer;

	for (unsigned i = 0; i < c->nsets; i++) {
		check_col(c, t, &c->sets[i], &integer);
		if (integer)
			*setint |= 1ull << i;
	}
}

static struct table *
table_of(const struct cl_cmd *c, const char *name)
{
	struct table *t = find_table(name);

	if (t == NULL)
		fail("no table %s (%s)", name, where(c));
	else
		t->used = true;
	return t;
}

/* The checks; fills keyint/setint (per command). */
static void
check(uint64_t *keyint, uint64_t *setint)
{
	struct table *sys = find_table("system");

	if (sys == NULL)
		fail("no table system (the configuration mode's object)");
	else
		sys->used = true;
	for (unsigned m = 0; m < cl_nmodes; m++) {
		struct table *t;

		if (cl_modes[m].table == NULL)
			continue;
		if ((t = find_table(cl_modes[m].table)) == NULL) {
			fail("no table %s (mode %s)", cl_modes[m].table, cl_modes[m].name);
			continue;
		}
		t->used = true;
		if (cl_modes[m].inherit && cl_modes[m].flag_col) {
			int k = find_col(t, cl_modes[m].flag_col);

			if (k < 0)
				fail("table %s has no column %s (mode %s)", t->name,
				    cl_modes[m].flag_col, cl_modes[m].name);
			else
				t->cols[k].written = true;
		}
	}
	for (unsigned m = 0; m < cl_nmodes; m++)
		for (unsigned j = 0; j < cl_modes[m].ncmds; j++) {
			unsigned ci = cl_modes[m].cmds[j];
			const struct cl_cmd *c = &cl_cmds[ci];
			struct table *t;

			switch (c->kind) {
			case CL_K_SET:
				if ((t = table_of(c, mode_table((int)m))) != NULL)
					check_sets(c, t, &setint[ci]);
				break;
			case CL_K_ROW:
				if ((t = table_of(c, c->table)) != NULL)
					check_rows(c, t, (int)m, &keyint[ci], &setint[ci]);
				break;
			case CL_K_ENTER:
				if (cl_modes[c->enter].inherit) {
					if ((t = table_of(c, mode_table((int)m))) != NULL)
						check_sets(c, t, &setint[ci]);
				} else if ((t = table_of(c, c->table)) != NULL)
					check_rows(c, t, (int)m, &keyint[ci], &setint[ci]);
				break;
			}
		}
	for (int i = 0; i < ntables; i++) {
		struct table *t = &tables[i];

		if (!t->used) {
			fail("table %s: no command of the grammar stores it", t->name);
			continue;
		}
		for (int k = 0; k < t->ncols; k++)
			if (!t->cols[k].written && !t->cols[k].pk &&
			    strcmp(t->cols[k].name, "parent") != 0)
				fail("table %s: no command of the grammar stores column %s", t->name,
				    t->cols[k].name);
	}
}

/* ---- output ------------------------------------------------------------ */

static FILE *
create(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	return f;
}

static void
finish(FILE *f, const char *path)
{
	if (ferror(f) || fclose(f) != 0) {
		perror(path);
		remove(path);
		exit(2);
	}
}

static void
write_schema_c(const char *path, const char *sql, const uint64_t *keyint, const uint64_t *setint)
{
	FILE *o = create(path);

	fprintf(o, "/* Generated by schemagen from src/schema.sql and the grammar; do not edit. */\n"
	    "#include <stdint.h>\n\n"
	    "const char schema_sql[] =\n\"");
	for (const char *p = sql; *p; p++) {
		if (*p == '\n')
			fputs(p[1] ? "\\n\"\n\"" : "\\n", o);
		else if (*p == '"' || *p == '\\')
			fprintf(o, "\\%c", *p);
		else if (*p == '\t')
			fputs("\\t", o);
		else
			fputc(*p, o);
	}
	fprintf(o, "\";\n\n/* per command (cl_cmds order): its key and set columns that are INTEGER,\n"
	    " * bit i for keys[i] and sets[i] */\n");
	fprintf(o, "const uint64_t schema_key_int[] = {");
	for (unsigned i = 0; i < cl_ncmds; i++)
		fprintf(o, "%s0x%llxu,", i % 8 ? " " : "\n\t", (unsigned long long)keyint[i]);
	fprintf(o, "\n};\nconst uint64_t schema_set_int[] = {");
	for (unsigned i = 0; i < cl_ncmds; i++)
		fprintf(o, "%s0x%llxu,", i % 8 ? " " : "\n\t", (unsigned long long)setint[i]);
	fprintf(o, "\n};\n");
	finish(o, path);
}

/* ---- row readers --------------------------------------------------------- */

/* The unique key a table's rows are found by: the grammar's, else the
 * narrowest index that is not the primary key (parent first, when it is
 * in it); 0 when none. */
static uint64_t
find_key(const struct table *t)
{
	uint64_t best = 0;
	int bestn = 99;

	if (t->key != 0)
		return t->key;

	for (int i = 0; i < t->nuniq; i++) {
		int n = __builtin_popcountll(t->uniq[i]);

		if (n < bestn) {
			best = t->uniq[i];
			bestn = n;
		}
	}
	return best;
}

/* The order show running-config lists a table's rows in: the grammar's
 * `sort` of the commands that store them, else the order they were
 * configured in ("" here). */
static const char *
table_order(const char *table)
{
	for (unsigned i = 0; i < cl_ncmds; i++)
		if (cl_cmds[i].table && strcmp(cl_cmds[i].table, table) == 0 &&
		    cl_cmds[i].order_by && cl_cmds[i].order_by[0])
			return cl_cmds[i].order_by;
	return "";
}

static void
write_rows(const char *hpath, const char *cpath)
{
	FILE *h = create(hpath), *o = create(cpath);

	fprintf(h, "/* Generated by schemagen from src/schema.sql; do not edit. */\n"
	    "#ifndef PMIPSIM_ROWS_H\n#define PMIPSIM_ROWS_H\n\n"
	    "#include <stdbool.h>\n#include <stdint.h>\n\n"
	    "struct store;\n\n"
	    "/*\n"
	    " * One row of a configuration table: a member per column, text as const\n"
	    " * char * (NULL when not configured), integers as int64_t with has_COL\n"
	    " * saying whether it is configured.  The text is good until the next\n"
	    " * row is read from the same reader, or the reader ends.\n"
	    " *\n"
	    " *     struct rows it;\n"
	    " *     struct mag_roaming_row r;\n"
	    " *\n"
	    " *     for (mag_roaming_of(st, mag_id, &it); mag_roaming_next(&it, &r);)\n"
	    " *             ... r.ifname, r.has_priority ? r.priority : 0 ...\n"
	    " *\n"
	    " * NAME_of(st, parent, it) reads a parent's rows, NAME_all(st, it) every\n"
	    " * row, both in the order show running-config lists them (the grammar's\n"
	    " * sort, else the order they were configured in); NAME_find(st,\n"
	    " * [parent,] key..., row) the one row with that key (false when there is\n"
	    " * none: then row is zero; the row is good until the next find or\n"
	    " * reader of the table).  A reader left before its last row must be\n"
	    " * ended with rows_end: a table has one reader at a time.\n"
	    " */\n"
	    "struct rows {\n\tvoid *stmt;\n};\n\n"
	    "void rows_end(struct rows *it);\n\n");
	/* the tables by number, for change sets: bit ROWS_T_NAME of a mask */
	if (ntables > 64) {
		fprintf(stderr, "schemagen: %d tables: change masks hold 64\n", ntables);
		exit(1);
	}
	fprintf(h, "/* The tables by number: bit 1 << ROWS_T_NAME of a change mask (store.h). */\n"
	    "enum rows_table {\n");
	for (int ti = 0; ti < ntables; ti++)
		fprintf(h, "\tROWS_T_%s,\n", tables[ti].name);
	fprintf(h, "\tROWS_TABLES\n};\n#define ROWS_BIT(t) (1ull << ROWS_T_##t)\n");
	/* each table with the tables under it (their parent column, and
	 * theirs, leads to it): what an engine that reads an object reads */
	fprintf(h, "/* ROWS_TREE(t): t and every table whose rows hang under t's */\n");
	for (int ti = 0; ti < ntables; ti++) {
		uint64_t m = 0;

		for (int k = 0; k < ntables; k++)
			for (int a = k, hops = 0; a >= 0 && hops < ntables; hops++) {
				if (a == ti) {
					m |= 1ull << k;
					break;
				}
				const struct table *up = tables[a].parent_of[0] ?
				    find_table(tables[a].parent_of) : NULL;

				a = up ? (int)(up - tables) : -1;
			}
		fprintf(h, "#define ROWS_TREE_%s 0x%llxull\n", tables[ti].name, (unsigned long long)m);
	}
	fprintf(h, "#define ROWS_TREE(t) ROWS_TREE_##t\n"
	    "/* The number of table name, -1 for none. */\n"
	    "int rows_table(const char *name);\n\n");
	fprintf(o, "/* Generated by schemagen from src/schema.sql; do not edit. */\n"
	    "#include <sqlite3.h>\n#include <stddef.h>\n#include <string.h>\n\n"
	    "#include \"rows.h\"\n#include \"store.h\"\n\n"
	    "void\nrows_end(struct rows *it)\n{\n"
	    "\tif (it->stmt)\n\t\tsqlite3_reset(it->stmt);\n\tit->stmt = NULL;\n}\n");
	fprintf(o, "\nint\nrows_table(const char *name)\n{\n"
	    "\tstatic const char *const names[] = {");
	for (int ti = 0; ti < ntables; ti++)
		fprintf(o, "%s\"%s\",", ti % 4 ? " " : "\n\t\t", tables[ti].name);
	fprintf(o, "\n\t};\n\n\tfor (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)\n"
	    "\t\tif (strcmp(names[i], name) == 0)\n\t\t\treturn (int)i;\n\treturn -1;\n}\n");
	for (int ti = 0; ti < ntables; ti++) {
		const struct table *t = &tables[ti];
		bool parent = find_col(t, "parent") >= 0;
		uint64_t key = find_key(t);
		char cols[2048] = "", order[256] = "", where[512] = "";
		int nkey = 0;

		for (int i = 0; i < t->ncols; i++)
			snprintf(cols + strlen(cols), sizeof(cols) - strlen(cols), "%s%s",
			    i ? ", " : "", t->cols[i].name);
		snprintf(order, sizeof(order), "%s", table_order(t->name));
		for (int i = 0; i < t->ncols; i++)
			if (key & 1ull << i) {
				snprintf(where + strlen(where), sizeof(where) - strlen(where),
				    "%s%s=?", nkey ? " AND " : "", t->cols[i].name);
				nkey++;
			}

		/* the struct */
		fprintf(h, "/* a row of %s */\nstruct %s_row {\n", t->name, t->name);
		for (int i = 0; i < t->ncols; i++)
			fprintf(h, "\t%s%s;\n", t->cols[i].integer ? "int64_t " : "const char *",
			    t->cols[i].name);
		for (int i = 0; i < t->ncols; i++)
			if (t->cols[i].integer && !t->cols[i].pk && !t->cols[i].notnull)
				fprintf(h, "\tbool has_%s;\n", t->cols[i].name);
		fprintf(h, "};\n");
		fprintf(h, "bool %s_next(struct rows *it, struct %s_row *r);\n", t->name, t->name);
		if (parent)
			fprintf(h, "void %s_of(struct store *st, int64_t parent, struct rows *it);\n",
			    t->name);
		fprintf(h, "void %s_all(struct store *st, struct rows *it);\n", t->name);
		if (parent)
			fprintf(h, "/* the parent of row id; 0 when there is no such row */\n"
			    "int64_t %s_parent(struct store *st, int64_t id);\n", t->name);

		/* the reader */
		fprintf(o, "\n/* ---- %s */\n\nbool\n%s_next(struct rows *it, struct %s_row *r)\n{\n"
		    "\tsqlite3_stmt *s = it->stmt;\n\n"
		    "\tmemset(r, 0, sizeof(*r));\n"
		    "\tif (s == NULL)\n\t\treturn false;\n"
		    "\tif (sqlite3_step(s) != SQLITE_ROW) {\n\t\trows_end(it);\n\t\treturn false;\n\t}\n",
		    t->name, t->name, t->name);
		for (int i = 0; i < t->ncols; i++) {
			const struct column *c = &t->cols[i];

			if (!c->integer)
				fprintf(o, "\tr->%s = (const char *)sqlite3_column_text(s, %d);\n",
				    c->name, i);
			else if (c->pk || c->notnull)
				fprintf(o, "\tr->%s = sqlite3_column_int64(s, %d);\n", c->name, i);
			else
				fprintf(o, "\tif ((r->has_%s = sqlite3_column_type(s, %d) != SQLITE_NULL))\n"
				    "\t\tr->%s = sqlite3_column_int64(s, %d);\n", c->name, i, c->name, i);
		}
		fprintf(o, "\treturn true;\n}\n");
		if (parent)
			fprintf(o, "\nvoid\n%s_of(struct store *st, int64_t parent, struct rows *it)\n{\n"
			    "\tit->stmt = store_prepare(st, \"SELECT %s FROM %s WHERE parent=? "
			    "ORDER BY %s%sid\");\n"
			    "\tif (it->stmt)\n\t\tsqlite3_bind_int64(it->stmt, 1, parent);\n}\n",
			    t->name, cols, t->name, order, order[0] ? ", " : "");
		fprintf(o, "\nvoid\n%s_all(struct store *st, struct rows *it)\n{\n"
		    "\tit->stmt = store_prepare(st, \"SELECT %s FROM %s ORDER BY %s%sid\");\n}\n",
		    t->name, cols, t->name, order, order[0] ? ", " : "");
		if (parent)
			fprintf(o, "\nint64_t\n%s_parent(struct store *st, int64_t id)\n{\n"
			    "\tsqlite3_stmt *s = store_prepare(st, \"SELECT parent FROM %s WHERE id=?\");\n"
			    "\tint64_t p = 0;\n\n\tif (s == NULL)\n\t\treturn 0;\n"
			    "\tsqlite3_bind_int64(s, 1, id);\n"
			    "\tif (sqlite3_step(s) == SQLITE_ROW)\n\t\tp = sqlite3_column_int64(s, 0);\n"
			    "\tsqlite3_reset(s);\n\treturn p;\n}\n", t->name, t->name);

		/* find by key */
		if (nkey == 0)
			continue;
		fprintf(h, "bool %s_find(struct store *st", t->name);
		fprintf(o, "\nbool\n%s_find(struct store *st", t->name);
		for (int i = 0; i < t->ncols; i++)
			if (key & 1ull << i) {
				fprintf(h, ", %s%s", t->cols[i].integer ? "int64_t " : "const char *",
				    t->cols[i].name);
				fprintf(o, ", %s%s", t->cols[i].integer ? "int64_t " : "const char *",
				    t->cols[i].name);
			}
		fprintf(h, ", struct %s_row *r);\n", t->name);
		fprintf(o, ", struct %s_row *r)\n{\n\tstruct rows it = { store_prepare(st, "
		    "\"SELECT %s FROM %s WHERE %s\") };\n\tbool found;\n\n"
		    "\tif (it.stmt == NULL) {\n\t\tmemset(r, 0, sizeof(*r));\n\t\treturn false;\n\t}\n",
		    t->name, cols, t->name, where);
		nkey = 0;
		for (int i = 0; i < t->ncols; i++)
			if (key & 1ull << i) {
				nkey++;
				if (t->cols[i].integer)
					fprintf(o, "\tsqlite3_bind_int64(it.stmt, %d, %s);\n", nkey,
					    t->cols[i].name);
				else
					fprintf(o, "\tsqlite3_bind_text(it.stmt, %d, %s, -1, "
					    "SQLITE_TRANSIENT);\n", nkey, t->cols[i].name);
			}
		fprintf(o, "\tfound = %s_next(&it, r);\n"
		    "\t/* not ended: the row stays readable until the next find or\n"
		    "\t * reader of this table resets the statement */\n"
		    "\treturn found;\n}\n", t->name);
	}
	fprintf(h, "\n#endif\n");
	finish(h, hpath);
	finish(o, cpath);
}

int
main(int argc, char **argv)
{
	bool check_only = argc == 3 && strcmp(argv[1], "-c") == 0;
	sqlite3 *db;
	char *sql, *msg = NULL;
	uint64_t *keyint, *setint;

	if (!check_only && argc != 3 && argc != 5) {
		fprintf(stderr, "usage: schemagen SCHEMA.sql SCHEMA_C [ROWS_H ROWS_C]\n"
		    "       schemagen -c SCHEMA.sql\n");
		return 2;
	}
	schema_path = argv[check_only ? 2 : 1];
	sql = slurp(schema_path);
	if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
	    sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", schema_path, msg ? msg : sqlite3_errmsg(db));
		return 1;
	}
	keyint = calloc(cl_ncmds, sizeof(*keyint));
	setint = calloc(cl_ncmds, sizeof(*setint));
	if (keyint == NULL || setint == NULL)
		abort();
	read_schema(db);
	check(keyint, setint);
	if (errors == 0 && !check_only) {
		write_schema_c(argv[2], sql, keyint, setint);
		if (argc == 5)
			write_rows(argv[3], argv[4]);
	}
	if (errors)
		fprintf(stderr, "%s: %d disagreement%s with the grammar\n", schema_path, errors,
		    errors == 1 ? "" : "s");
	sqlite3_close(db);
	free(keyint);
	free(setint);
	free(sql);
	return errors ? 1 : 0;
}
