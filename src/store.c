/*
 * store.c — the SQLite configuration store (see store.h).
 *
 * Statements are built from the command descriptors that clgen generated
 * (table, key columns, set columns) and cached by their SQL text.  The mode
 * object of global configuration is the single row of `system`; rows made
 * from global configuration have no `parent` column, all others do.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cl_gen.h"
#include "log.h"
#include "store.h"
#include "strbuf.h"

extern const char schema_sql[];

#define CACHE_BUCKETS 512

struct centry {
	struct centry *next;
	char *sql;
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	struct centry *cache[CACHE_BUCKETS];
	bool in_tx;
	int depth;
	uint64_t generation;
	bool dirty_tx;		/* current outer transaction changed something */
};

static unsigned
hash(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % CACHE_BUCKETS;
}

sqlite3_stmt *
store_prepare(struct store *st, const char *sql)
{
	unsigned h = hash(sql);
	struct centry *e;

	for (e = st->cache[h]; e; e = e->next)
		if (strcmp(e->sql, sql) == 0) {
			sqlite3_reset(e->stmt);
			sqlite3_clear_bindings(e->stmt);
			return e->stmt;
		}
	e = calloc(1, sizeof(*e));
	if (e == NULL)
		abort();
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &e->stmt, NULL) != SQLITE_OK) {
		log_warnx("store: cannot prepare \"%s\": %s", sql, sqlite3_errmsg(st->db));
		free(e);
		return NULL;
	}
	e->sql = strdup(sql);
	if (e->sql == NULL)
		abort();
	e->next = st->cache[h];
	st->cache[h] = e;
	return e->stmt;
}

int
store_exec(struct store *st, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_warnx("store: %s: %s", sql, msg ? msg : "?");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static void
cache_clear(struct store *st)
{
	for (int i = 0; i < CACHE_BUCKETS; i++) {
		struct centry *e, *n;

		for (e = st->cache[i]; e; e = n) {
			n = e->next;
			sqlite3_finalize(e->stmt);
			free(e->sql);
			free(e);
		}
		st->cache[i] = NULL;
	}
}

static int
table_count(sqlite3 *db)
{
	sqlite3_stmt *s;
	int n = -1;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE type='table'", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return n;
}

static int
user_version(sqlite3 *db)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

static int
schema_version(void)
{
	const char *p = strstr(schema_sql, "user_version = ");

	return p ? atoi(p + strlen("user_version = ")) : 0;
}

struct store *
store_open(const char *path, char **err)
{
	struct store *st = calloc(1, sizeof(*st));
	char *msg = NULL;

	if (st == NULL)
		abort();
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		if (asprintf(err, "%s: %s", path, st->db ? sqlite3_errmsg(st->db) : "cannot open") < 0)
			*err = NULL;
		sqlite3_close(st->db);
		free(st);
		return NULL;
	}
	/* The running configuration needs no durability of its own: like a
	 * router's RAM it is rebuilt from the startup configuration at boot. */
	sqlite3_exec(st->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; "
	    "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY", NULL, NULL, NULL);
	if (table_count(st->db) == 0 &&
	    sqlite3_exec(st->db, schema_sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (asprintf(err, "%s: schema: %s", path, msg ? msg : "?") < 0)
			*err = NULL;
		sqlite3_free(msg);
		sqlite3_close(st->db);
		free(st);
		return NULL;
	}
	if (user_version(st->db) != schema_version()) {
		if (asprintf(err, "%s: schema version %d, this pmipd has %d", path, user_version(st->db),
		    schema_version()) < 0)
			*err = NULL;
		sqlite3_close(st->db);
		free(st);
		return NULL;
	}
	return st;
}

struct store *
store_open_ro(const char *path)
{
	struct store *st;

	if (access(path, R_OK) != 0)
		return NULL;
	st = calloc(1, sizeof(*st));
	if (st == NULL)
		abort();
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    user_version(st->db) != schema_version()) {
		sqlite3_close(st->db);
		free(st);
		return NULL;
	}
	return st;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	store_flush(st);
	cache_clear(st);
	sqlite3_close(st->db);
	free(st);
}

sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

uint64_t
store_generation(const struct store *st)
{
	return st->generation;
}

void
store_cmd_begin(struct store *st)
{
	if (!st->in_tx) {
		store_exec(st, "BEGIN");
		st->in_tx = true;
	}
	store_exec(st, "SAVEPOINT cmd");
	st->depth++;
}

void
store_cmd_end(struct store *st, bool ok)
{
	if (st->depth == 0)
		return;
	if (!ok)
		store_exec(st, "ROLLBACK TO cmd");
	store_exec(st, "RELEASE cmd");
	st->depth--;
	if (ok)
		st->dirty_tx = true;
}

void
store_flush(struct store *st)
{
	if (!st->in_tx || st->depth > 0)
		return;
	store_exec(st, "COMMIT");
	st->in_tx = false;
	if (st->dirty_tx)
		st->generation++;
	st->dirty_tx = false;
}

/* ---- statements built from the grammar ---------------------------------- */

static const char *
mode_table(int mode)
{
	const char *t = cl_modes[mode].table;

	return t ? t : "system";
}

static bool
mode_has_parent(int mode)
{
	return mode != CL_MODE_CONFIG;
}

static int
bind_col(sqlite3_stmt *s, int idx, const struct cl_col *c, const char *const *vals)
{
	const char *v;

	if (c->literal)
		return sqlite3_bind_text(s, idx, c->literal, -1, SQLITE_STATIC);
	v = c->slot >= 0 ? vals[c->slot] : NULL;
	if (v == NULL)
		return sqlite3_bind_null(s, idx);
	if (c->flag)
		return sqlite3_bind_int(s, idx, 1);
	if (c->type == CL_T_RANGE)
		return sqlite3_bind_int64(s, idx, strtoll(v, NULL, 10));
	return sqlite3_bind_text(s, idx, v, -1, SQLITE_TRANSIENT);
}

static int
step_done(struct store *st, sqlite3_stmt *s, struct strbuf *err)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_DONE || rc == SQLITE_ROW)
		return 0;
	if (rc == SQLITE_CONSTRAINT)
		sb_printf(err, "%% Entry conflicts with the configuration (%s)\n", sqlite3_errmsg(st->db));
	else
		sb_printf(err, "%% Configuration store error: %s\n", sqlite3_errmsg(st->db));
	return -1;
}

static int
apply_set(struct store *st, const struct cl_cmd *c, int mode, const char *const *vals,
    bool negate, int64_t obj, struct strbuf *err)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *s;
	int n = 1, rc;

	sb_printf(&sql, "UPDATE %s SET ", mode_table(mode));
	for (unsigned i = 0; i < c->nsets; i++)
		sb_printf(&sql, "%s%s=%s", i ? ", " : "", c->sets[i].col, negate ? "NULL" : "?");
	sb_adds(&sql, " WHERE id=?");
	s = store_prepare(st, sql.s);
	sb_free(&sql);
	if (s == NULL)
		return -1;
	if (!negate)
		for (unsigned i = 0; i < c->nsets; i++)
			bind_col(s, n++, &c->sets[i], vals);
	sqlite3_bind_int64(s, n, obj);
	rc = step_done(st, s, err);
	sqlite3_reset(s);
	return rc;
}

/* WHERE clause on the parent, the given keys and the literal set columns. */
static void
where_keys(struct strbuf *sql, const struct cl_cmd *c, bool parent, const char *const *vals,
    bool include_null_keys)
{
	const char *sep = " WHERE ";

	if (parent) {
		sb_printf(sql, "%sparent=?", sep);
		sep = " AND ";
	}
	for (unsigned i = 0; i < c->nkeys; i++) {
		if (!include_null_keys && c->keys[i].slot >= 0 && vals[c->keys[i].slot] == NULL)
			continue;
		sb_printf(sql, "%s%s=?", sep, c->keys[i].col);
		sep = " AND ";
	}
	for (unsigned i = 0; i < c->nsets; i++)
		if (c->sets[i].literal) {
			sb_printf(sql, "%s%s=?", sep, c->sets[i].col);
			sep = " AND ";
		}
}

static int
bind_keys(sqlite3_stmt *s, int n, const struct cl_cmd *c, bool parent, int64_t obj,
    const char *const *vals, bool include_null_keys)
{
	if (parent)
		sqlite3_bind_int64(s, n++, obj);
	for (unsigned i = 0; i < c->nkeys; i++) {
		if (!include_null_keys && c->keys[i].slot >= 0 && vals[c->keys[i].slot] == NULL)
			continue;
		bind_col(s, n++, &c->keys[i], vals);
	}
	for (unsigned i = 0; i < c->nsets; i++)
		if (c->sets[i].literal)
			bind_col(s, n++, &c->sets[i], vals);
	return n;
}

static int
delete_rows(struct store *st, const struct cl_cmd *c, const char *table, bool parent,
    int64_t obj, const char *const *vals, struct strbuf *err)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *s;
	int rc;

	sb_printf(&sql, "DELETE FROM %s", table);
	where_keys(&sql, c, parent, vals, false);
	s = store_prepare(st, sql.s);
	sb_free(&sql);
	if (s == NULL)
		return -1;
	bind_keys(s, 1, c, parent, obj, vals, false);
	rc = step_done(st, s, err);
	sqlite3_reset(s);
	return rc;
}

static int
apply_row(struct store *st, const struct cl_cmd *c, int mode, const char *const *vals,
    bool negate, int64_t obj, struct strbuf *err)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *s;
	bool parent = mode_has_parent(mode);
	int n = 1, rc;
	const char *sep = "";

	if (negate)
		return delete_rows(st, c, c->table, parent, obj, vals, err);
	sb_printf(&sql, "INSERT INTO %s (", c->table);
	if (parent) {
		sb_adds(&sql, "parent");
		sep = ", ";
	}
	for (unsigned i = 0; i < c->nkeys; i++, sep = ", ")
		sb_printf(&sql, "%s%s", sep, c->keys[i].col);
	for (unsigned i = 0; i < c->nsets; i++, sep = ", ")
		sb_printf(&sql, "%s%s", sep, c->sets[i].col);
	sb_adds(&sql, ") VALUES (");
	for (unsigned i = 0; i < (parent ? 1u : 0u) + c->nkeys + c->nsets; i++)
		sb_adds(&sql, i ? ", ?" : "?");
	sb_adds(&sql, ")");
	if (c->nsets > 0) {
		sep = " ON CONFLICT (";
		if (parent) {
			sb_printf(&sql, "%sparent", sep);
			sep = ", ";
		}
		for (unsigned i = 0; i < c->nkeys; i++, sep = ", ")
			sb_printf(&sql, "%s%s", sep, c->keys[i].col);
		sb_adds(&sql, ") DO UPDATE SET ");
		for (unsigned i = 0; i < c->nsets; i++)
			sb_printf(&sql, "%s%s=excluded.%s", i ? ", " : "", c->sets[i].col, c->sets[i].col);
	} else
		sb_adds(&sql, " ON CONFLICT DO NOTHING");
	s = store_prepare(st, sql.s);
	sb_free(&sql);
	if (s == NULL)
		return -1;
	if (parent)
		sqlite3_bind_int64(s, n++, obj);
	for (unsigned i = 0; i < c->nkeys; i++)
		bind_col(s, n++, &c->keys[i], vals);
	for (unsigned i = 0; i < c->nsets; i++)
		bind_col(s, n++, &c->sets[i], vals);
	rc = step_done(st, s, err);
	sqlite3_reset(s);
	return rc;
}

/* Clears everything the commands of mode store on obj (no address dynamic). */
static int
clear_mode(struct store *st, int mode, int64_t obj, struct strbuf *err)
{
	const struct cl_mode *m = &cl_modes[mode];
	static const char *const none[CL_MAXSLOTS];

	for (unsigned i = 0; i < m->ncmds; i++) {
		const struct cl_cmd *c = &cl_cmds[m->cmds[i]];
		struct strbuf sql = STRBUF_INIT;
		sqlite3_stmt *s;
		int rc;

		switch (c->kind) {
		case CL_K_SET:
			if (apply_set(st, c, mode, none, true, obj, err) < 0)
				return -1;
			break;
		case CL_K_ROW:
		case CL_K_ENTER:
			if (c->kind == CL_K_ENTER && cl_modes[c->enter].inherit) {
				if (clear_mode(st, c->enter, obj, err) < 0)
					return -1;
				if (c->nsets && apply_set(st, c, mode, none, true, obj, err) < 0)
					return -1;
				break;
			}
			sb_printf(&sql, "DELETE FROM %s WHERE parent=?", c->table);
			s = store_prepare(st, sql.s);
			sb_free(&sql);
			if (s == NULL)
				return -1;
			sqlite3_bind_int64(s, 1, obj);
			rc = step_done(st, s, err);
			sqlite3_reset(s);
			if (rc < 0)
				return -1;
			break;
		}
	}
	return 0;
}

static int
apply_enter(struct store *st, const struct cl_cmd *c, int mode, const char *const *vals,
    bool negate, int64_t obj, int64_t *newobj, struct strbuf *err)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *s;
	bool parent = mode_has_parent(mode);
	int rc;

	if (cl_modes[c->enter].inherit) {
		/* a sub-block of the current object (address dynamic) */
		*newobj = obj;
		if (negate)
			return clear_mode(st, c->enter, obj, err) < 0 ? -1 :
			    (c->nsets ? apply_set(st, c, mode, vals, true, obj, err) : 0);
		return c->nsets ? apply_set(st, c, mode, vals, false, obj, err) : 0;
	}
	if (negate)
		return delete_rows(st, c, c->table, parent, obj, vals, err);

	sb_printf(&sql, "SELECT id FROM %s", c->table);
	{
		/* find by key only: the literal columns are checked by hooks */
		const char *sep = " WHERE ";

		if (parent) {
			sb_adds(&sql, " WHERE parent=?");
			sep = " AND ";
		}
		for (unsigned i = 0; i < c->nkeys; i++, sep = " AND ")
			sb_printf(&sql, "%s%s=?", sep, c->keys[i].col);
	}
	s = store_prepare(st, sql.s);
	sb_free(&sql);
	if (s == NULL)
		return -1;
	{
		int n = 1;

		if (parent)
			sqlite3_bind_int64(s, n++, obj);
		for (unsigned i = 0; i < c->nkeys; i++)
			bind_col(s, n++, &c->keys[i], vals);
	}
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*newobj = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (c->nsets == 0)
			return 0;
		sb_printf(&sql, "UPDATE %s SET ", c->table);
		for (unsigned i = 0; i < c->nsets; i++)
			sb_printf(&sql, "%s%s=?", i ? ", " : "", c->sets[i].col);
		sb_adds(&sql, " WHERE id=?");
		s = store_prepare(st, sql.s);
		sb_free(&sql);
		if (s == NULL)
			return -1;
		for (unsigned i = 0; i < c->nsets; i++)
			bind_col(s, (int)i + 1, &c->sets[i], vals);
		sqlite3_bind_int64(s, (int)c->nsets + 1, *newobj);
		rc = step_done(st, s, err);
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		sb_printf(err, "%% Configuration store error: %s\n", sqlite3_errmsg(st->db));
		return -1;
	}
	/* create */
	{
		const char *sep = "";
		int n = 1;

		sb_printf(&sql, "INSERT INTO %s (", c->table);
		if (parent) {
			sb_adds(&sql, "parent");
			sep = ", ";
		}
		for (unsigned i = 0; i < c->nkeys; i++, sep = ", ")
			sb_printf(&sql, "%s%s", sep, c->keys[i].col);
		for (unsigned i = 0; i < c->nsets; i++, sep = ", ")
			sb_printf(&sql, "%s%s", sep, c->sets[i].col);
		sb_adds(&sql, ") VALUES (");
		for (unsigned i = 0; i < (parent ? 1u : 0u) + c->nkeys + c->nsets; i++)
			sb_adds(&sql, i ? ", ?" : "?");
		sb_adds(&sql, ")");
		s = store_prepare(st, sql.s);
		sb_free(&sql);
		if (s == NULL)
			return -1;
		if (parent)
			sqlite3_bind_int64(s, n++, obj);
		for (unsigned i = 0; i < c->nkeys; i++)
			bind_col(s, n++, &c->keys[i], vals);
		for (unsigned i = 0; i < c->nsets; i++)
			bind_col(s, n++, &c->sets[i], vals);
		rc = step_done(st, s, err);
		sqlite3_reset(s);
		if (rc < 0)
			return -1;
		*newobj = sqlite3_last_insert_rowid(st->db);
	}
	return 0;
}

int
store_apply(struct store *st, const struct cl_cmd *c, int mode, const char *const *vals,
    bool negate, int64_t obj, int64_t *newobj, struct strbuf *err)
{
	*newobj = obj;
	switch (c->kind) {
	case CL_K_SET:
		return apply_set(st, c, mode, vals, negate, obj, err);
	case CL_K_ROW:
		return apply_row(st, c, mode, vals, negate, obj, err);
	case CL_K_ENTER:
		return apply_enter(st, c, mode, vals, negate, obj, newobj, err);
	default:
		return 0;
	}
}

/* ---- whole-store operations -------------------------------------------- */

int
store_clear(struct store *st)
{
	sqlite3_stmt *s;
	struct strbuf sql = STRBUF_INIT;
	int rc = 0;

	store_cmd_begin(st);
	if (sqlite3_prepare_v2(st->db, "SELECT name FROM sqlite_master WHERE type='table' "
	    "AND name NOT LIKE 'sqlite_%'", -1, &s, NULL) != SQLITE_OK) {
		store_cmd_end(st, false);
		return -1;
	}
	while (sqlite3_step(s) == SQLITE_ROW)
		sb_printf(&sql, "DELETE FROM \"%s\";", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sb_adds(&sql, "INSERT INTO system (id) VALUES (1);");
	if (store_exec(st, sql.s) < 0)
		rc = -1;
	sb_free(&sql);
	store_cmd_end(st, rc == 0);
	return rc;
}

int
store_load_file(struct store *st, const char *path)
{
	sqlite3 *src;
	sqlite3_backup *b;
	int rc;

	store_flush(st);
	if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		sqlite3_close(src);
		return -1;
	}
	if (user_version(src) != schema_version()) {
		log_warnx("%s: schema version %d, this pmipd has %d; not loaded", path,
		    user_version(src), schema_version());
		sqlite3_close(src);
		return -1;
	}
	cache_clear(st);
	b = sqlite3_backup_init(st->db, "main", src, "main");
	if (b == NULL) {
		sqlite3_close(src);
		return -1;
	}
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	sqlite3_close(src);
	st->generation++;
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
store_save_file(struct store *st, const char *path, struct strbuf *err)
{
	struct strbuf tmp = STRBUF_INIT, sql = STRBUF_INIT;
	char *dir;
	char *pathcopy = strdup(path);
	int rc = -1;

	if (pathcopy == NULL)
		abort();
	store_flush(st);
	sb_printf(&tmp, "%s.new", path);
	unlink(tmp.s);
	/* VACUUM INTO writes a fresh, compact copy; the quote doubling keeps
	 * odd file names from breaking the statement */
	sb_adds(&sql, "VACUUM INTO '");
	for (const char *p = tmp.s; *p; p++) {
		if (*p == '\'')
			sb_addc(&sql, '\'');
		sb_addc(&sql, *p);
	}
	sb_adds(&sql, "'");
	if (sqlite3_exec(st->db, sql.s, NULL, NULL, NULL) != SQLITE_OK) {
		sb_printf(err, "%s", sqlite3_errmsg(st->db));
		goto out;
	}
	if (fsync_path(tmp.s, O_RDWR) < 0) {
		sb_printf(err, "%s: %s", tmp.s, strerror(errno));
		goto out;
	}
	if (rename(tmp.s, path) < 0) {
		sb_printf(err, "%s: %s", path, strerror(errno));
		goto out;
	}
	dir = dirname(pathcopy);
	fsync_path(dir, O_RDONLY | O_DIRECTORY);
	rc = 0;
out:
	if (rc < 0)
		unlink(tmp.s);
	sb_free(&tmp);
	sb_free(&sql);
	free(pathcopy);
	return rc;
}
