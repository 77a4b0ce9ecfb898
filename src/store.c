/*
 * store.c — the SQLite configuration store (see store.h).
 *
 * Statements are built from the command descriptors that clgen generated
 * (table, key columns, set columns) and cached by their SQL text.  The mode
 * object of global configuration is the single row of `system`; rows made
 * from global configuration have no `parent` column, all others do.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cl_gen.h"
#include "log.h"
#include "rows.h"
#include "store.h"
#include "strbuf.h"

extern const char schema_sql[];

#define CACHE_BUCKETS 512

struct centry {
	struct centry *next;
	char *sql;
	sqlite3_stmt *stmt;
};

/* Statements of the grammar's store actions, by (command, mode, variant,
 * which keys are given): built and prepared once, then only bound. */
struct ientry {
	uint64_t key;
	sqlite3_stmt *stmt;
	uint64_t bound;		/* parameters (bit n-1: ?n) left non-NULL by the
				 * last run; BOUND_MANY: more than 63, cleared */
};

#define BOUND_MANY (1ULL << 63)

#define RECENT 64

struct store {
	sqlite3 *db;
	struct centry *cache[CACHE_BUCKETS];
	/* the entry last found for a given text address: callers pass the
	 * same constants again and again (still compared, not trusted) */
	struct {
		const char *sql;
		struct centry *e;
	} recent[RECENT];
	struct ientry *icache;
	size_t icap, icount;
	sqlite3_stmt *sp_begin, *sp_release, *sp_rollback, *tx_begin, *tx_commit;
	bool in_tx;
	int depth;
	bool sp[8];		/* does command level n have a savepoint */
	/* changes since store_take_changes; at each savepoint, what they were
	 * (a rollback goes back to it) */
	struct store_changes ch;
	struct {
		uint64_t tables;
		bool all, rows_lost;
		int nrows;
	} ch_at[8];
	uint64_t generation;
	bool dirty_tx;		/* current outer transaction changed something */
	uint64_t commands;	/* store_cmd_begin calls */
	/* the grammar statement being bound: its key, and the parameters
	 * given a value so far (see binds_done) */
	uint64_t key_now, bound_now;
	sqlite3_stmt *stmt_now;
};

/* Statements of store_prepare live as long as their store: a memo entry of
 * store_col is good until some store's statements are freed (their
 * addresses may come back), which bumps this generation. */
static unsigned stmt_generation = 1;

/* Bumped whenever rows may change in a way sqlite3_total_changes64 does
 * not count (a savepoint rolled back, a file loaded) or wholesale (the
 * store cleared), and when a store is opened or closed (its address may
 * come back): see store_stamp. */
static uint64_t stamp_epoch = 1;

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
	unsigned r = (unsigned)((uintptr_t)sql >> 3) % RECENT;
	unsigned h;
	struct centry *e;

	if (st->recent[r].sql == sql && strcmp(st->recent[r].e->sql, sql) == 0) {
		e = st->recent[r].e;
		sqlite3_reset(e->stmt);
		sqlite3_clear_bindings(e->stmt);
		return e->stmt;
	}
	h = hash(sql);
	for (e = st->cache[h]; e; e = e->next)
		if (strcmp(e->sql, sql) == 0) {
			st->recent[r].sql = sql;
			st->recent[r].e = e;
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
	st->recent[r].sql = sql;
	st->recent[r].e = e;
	return e->stmt;
}

int
store_col(sqlite3_stmt *s, const char *name)
{
	/* Callers ask for the same columns of the same statements, through the
	 * same constants: remember by address.  The renderer asks for every
	 * column of every row by name: show running-config of 100,000 lines
	 * takes 122-143 ms with this memo, 473-577 ms without (the fastest of
	 * 15 runs, -O2, 2026-12-03).  Open addressing: two columns
	 * asked for row after row must not evict each other.  Entries of an
	 * older generation are free (they all age at once). */
	static struct {
		sqlite3_stmt *s;
		const char *name;
		unsigned gen;
		int col;
	} memo[4096];
	unsigned h = (unsigned)(((uintptr_t)s >> 4) * 31 + ((uintptr_t)name >> 2)) * 2654435761u >> 20;
	int n, slot = -1;

	for (unsigned k = 0; k < 4096; k++, h = (h + 1) % 4096) {
		if (memo[h].gen != stmt_generation) {
			slot = (int)h;
			break;
		}
		if (memo[h].s == s && memo[h].name == name)
			return memo[h].col;
	}
	n = sqlite3_column_count(s);
	for (int i = 0; i < n; i++)
		if (strcmp(sqlite3_column_name(s, i), name) == 0) {
			if (slot >= 0) {
				memo[slot].s = s;
				memo[slot].name = name;
				memo[slot].gen = stmt_generation;
				memo[slot].col = i;
			}
			return i;
		}
	return -1;
}

const char *
store_text(sqlite3_stmt *s, const char *name)
{
	int i = store_col(s, name);

	return i < 0 ? NULL : (const char *)sqlite3_column_text(s, i);
}

long long
store_int(sqlite3_stmt *s, const char *name, long long dflt)
{
	int i = store_col(s, name);

	if (i < 0 || sqlite3_column_type(s, i) == SQLITE_NULL)
		return dflt;
	return sqlite3_column_int64(s, i);
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

enum variant { V_SET, V_UNSET, V_UPSERT, V_DELETE, V_FIND, V_UPDATE, V_INSERT, V_CLEAR };

static uint64_t
ikey(const struct cl_cmd *c, int mode, enum variant v, uint32_t keymask)
{
	return (uint64_t)(c - cl_cmds) << 40 | (uint64_t)mode << 32 | (uint64_t)v << 24 | keymask;
}

static struct ientry *
icache_find(struct store *st, uint64_t key)
{
	if (st->icap == 0)
		return NULL;
	for (size_t i = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 32) & (st->icap - 1);;
	    i = (i + 1) & (st->icap - 1)) {
		if (st->icache[i].stmt == NULL)
			return NULL;
		if (st->icache[i].key == key)
			return &st->icache[i];
	}
}

/* Starts binding statement stmt of key: nothing given a value yet. */
static void
binds_start(struct store *st, uint64_t key, sqlite3_stmt *stmt)
{
	st->key_now = key;
	st->stmt_now = stmt;
	st->bound_now = 0;
}

/* Parameter idx of the statement being bound got a value. */
static void
bound(struct store *st, int idx)
{
	st->bound_now |= idx >= 1 && idx <= 63 ? 1ULL << (idx - 1) : BOUND_MANY;
}

/* Before the statement runs: parameters that had a value in its last run
 * and got none now are set NULL.  A run binds the same parameters as the
 * one before most of the time, so this replaces clearing all of them
 * (sqlite3_clear_bindings, thirty for an access-list entry) by nothing. */
static void
binds_done(struct store *st, sqlite3_stmt *s)
{
	struct ientry *e = icache_find(st, st->key_now);
	uint64_t stale;

	if (e == NULL || e->stmt != s || s != st->stmt_now) {
		log_warnx("store: binding bookkeeping lost its statement");
		return;
	}
	if (st->bound_now & BOUND_MANY) {
		/* cleared before binding (icache_get): nothing stale */
		e->bound = BOUND_MANY;
		return;
	}
	stale = e->bound & ~st->bound_now & ~BOUND_MANY;
	for (int i = 0; stale; i++, stale >>= 1)
		if (stale & 1)
			sqlite3_bind_null(s, i + 1);
	e->bound = st->bound_now;
}

/* The cached statement for key, reset, or NULL (then the caller builds it
 * with iprepare).  Parameters keep their values of the last run: the
 * caller binds with bind_col / bind_id and runs it after binds_done. */
static sqlite3_stmt *
icache_get(struct store *st, uint64_t key)
{
	struct ientry *e = icache_find(st, key);

	if (e == NULL)
		return NULL;
	sqlite3_reset(e->stmt);
	if (e->bound & BOUND_MANY)
		sqlite3_clear_bindings(e->stmt);
	binds_start(st, key, e->stmt);
	return e->stmt;
}

static void
icache_put(struct store *st, uint64_t key, sqlite3_stmt *stmt)
{
	if (st->icount * 2 >= st->icap) {
		struct ientry *old = st->icache;
		size_t oldcap = st->icap;

		st->icap = st->icap ? st->icap * 2 : 256;
		st->icache = calloc(st->icap, sizeof(*st->icache));
		if (st->icache == NULL)
			abort();
		st->icount = 0;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].stmt) {
				icache_put(st, old[i].key, old[i].stmt);
				icache_find(st, old[i].key)->bound = old[i].bound;
			}
		free(old);
	}
	for (size_t i = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 32) & (st->icap - 1);;
	    i = (i + 1) & (st->icap - 1))
		if (st->icache[i].stmt == NULL) {
			st->icache[i].key = key;
			st->icache[i].stmt = stmt;
			st->icache[i].bound = 0;
			st->icount++;
			return;
		}
}

/* Prepares sql (a strbuf the caller frees) for the integer cache. */
static sqlite3_stmt *
iprepare(struct store *st, uint64_t key, const char *sql)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
		log_warnx("store: cannot prepare \"%s\": %s", sql, sqlite3_errmsg(st->db));
		return NULL;
	}
	icache_put(st, key, s);
	binds_start(st, key, s);
	return s;
}

static void
cache_clear(struct store *st)
{
	stmt_generation++;
	for (size_t i = 0; i < st->icap; i++)
		if (st->icache[i].stmt)
			sqlite3_finalize(st->icache[i].stmt);
	free(st->icache);
	st->icache = NULL;
	st->icap = st->icount = 0;
	sqlite3_finalize(st->sp_begin);
	sqlite3_finalize(st->sp_release);
	sqlite3_finalize(st->sp_rollback);
	sqlite3_finalize(st->tx_begin);
	sqlite3_finalize(st->tx_commit);
	st->sp_begin = st->sp_release = st->sp_rollback = st->tx_begin = st->tx_commit = NULL;
	memset(st->recent, 0, sizeof(st->recent));
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

/* pmipd has one thread: SQLite need not lock anything.  Must run before
 * SQLite is first used. */
static void
single_thread(void)
{
	static bool done;

	if (!done) {
		sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		done = true;
	}
}

/* Every row SQLite adds, changes or removes in a configuration table (the
 * cascades of a removed parent included; not the rows of a DELETE without
 * WHERE, which store_clear accounts for). */
static void
update_hook(void *arg, int op, const char *db, const char *table, sqlite3_int64 id)
{
	struct store *st = arg;
	struct store_changes *c = &st->ch;
	int t = rows_table(table);

	(void)db;
	if (t < 0)
		return;
	c->tables |= 1ull << t;
	if (c->nrows == STORE_CHANGE_ROWS) {
		c->rows_lost = true;
		return;
	}
	c->rows[c->nrows++] = (struct store_row_change){ (uint8_t)t,
	    op == SQLITE_INSERT ? STORE_INSERT : op == SQLITE_DELETE ? STORE_DELETE : STORE_UPDATE, id };
}

void
store_take_changes(struct store *st, struct store_changes *out)
{
	/* once a configuration line: the rows that are there only */
	out->tables = st->ch.tables;
	out->all = st->ch.all;
	out->rows_lost = st->ch.rows_lost;
	out->nrows = st->ch.nrows;
	memcpy(out->rows, st->ch.rows, (size_t)st->ch.nrows * sizeof(out->rows[0]));
	st->ch.tables = 0;
	st->ch.all = st->ch.rows_lost = false;
	st->ch.nrows = 0;
	for (int i = 0; i < st->depth; i++)
		st->ch_at[i].tables = 0, st->ch_at[i].all = st->ch_at[i].rows_lost = false,
		    st->ch_at[i].nrows = 0;
}

bool
store_changes_touch(const struct store_changes *c, uint64_t mask)
{
	return c->all || (c->tables & mask) != 0;
}

struct store *
store_open(const char *path, char **err)
{
	struct store *st = calloc(1, sizeof(*st));
	char *msg = NULL;

	single_thread();
	if (st == NULL)
		abort();
	/* one thread uses the connection: no locking inside SQLite */
	if (sqlite3_open_v2(path, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		if (asprintf(err, "%s: %s", path, st->db ? sqlite3_errmsg(st->db) : "cannot open") < 0)
			*err = NULL;
		sqlite3_close(st->db);
		free(st);
		return NULL;
	}
	/* The running configuration needs no durability of its own: like a
	 * router's RAM it is rebuilt from the startup configuration at boot,
	 * and pmipd keeps it in memory (":memory:").  For a file (tests may
	 * give one): nobody else opens it, so no WAL: the connection keeps
	 * its lock, the rollback journal is in memory, and a commit writes
	 * its pages once.  In memory, a boot from 100,000 lines makes none of
	 * the 9,800 pwrite and 5,300 pread calls the file took, and runs about
	 * 5 % faster, for some 24 MiB more resident (farm-bench, 2026-12-03).
	 * Savepoints work the same. */
	sqlite3_exec(st->db, "PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=MEMORY; "
	    "PRAGMA synchronous=OFF; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY", NULL, NULL,
	    NULL);
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
	stamp_epoch++;
	return st;
}

void
store_watch_changes(struct store *st)
{
	sqlite3_update_hook(st->db, update_hook, st);
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
	stamp_epoch++;
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
store_stamp(struct store *st, struct store_stamp *out)
{
	out->epoch = stamp_epoch;
	out->commands = st->commands;
	out->changes = sqlite3_total_changes64(st->db);
}

static void
run_stmt(struct store *st, sqlite3_stmt **sp, const char *sql)
{
	if (*sp == NULL && sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, sp,
	    NULL) != SQLITE_OK) {
		log_warnx("store: %s: %s", sql, sqlite3_errmsg(st->db));
		return;
	}
	if (sqlite3_step(*sp) != SQLITE_DONE)
		log_warnx("store: %s: %s", sql, sqlite3_errmsg(st->db));
	sqlite3_reset(*sp);
}

void
store_cmd_begin(struct store *st, bool savepoint)
{
	if (!st->in_tx) {
		run_stmt(st, &st->tx_begin, "BEGIN");
		st->in_tx = true;
	}
	st->sp[st->depth] = savepoint;
	st->ch_at[st->depth].tables = st->ch.tables;
	st->ch_at[st->depth].all = st->ch.all;
	st->ch_at[st->depth].rows_lost = st->ch.rows_lost;
	st->ch_at[st->depth].nrows = st->ch.nrows;
	if (savepoint)
		run_stmt(st, &st->sp_begin, "SAVEPOINT cmd");
	st->depth++;
	st->commands++;
}

void
store_cmd_end(struct store *st, bool ok)
{
	if (st->depth == 0)
		return;
	st->depth--;
	if (st->sp[st->depth]) {
		if (!ok) {
			run_stmt(st, &st->sp_rollback, "ROLLBACK TO cmd");
			stamp_epoch++;
			st->ch.tables = st->ch_at[st->depth].tables;
			st->ch.all = st->ch_at[st->depth].all;
			st->ch.rows_lost = st->ch_at[st->depth].rows_lost;
			st->ch.nrows = st->ch_at[st->depth].nrows;
		}
		run_stmt(st, &st->sp_release, "RELEASE cmd");
	}
	if (ok)
		st->dirty_tx = true;
}

void
store_flush(struct store *st)
{
	if (!st->in_tx || st->depth > 0)
		return;
	run_stmt(st, &st->tx_commit, "COMMIT");
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

/* Is keys[i] (sets[i]) of c an INTEGER column?  schemagen worked it out
 * from the schema at build time, when it checked the two agree. */
extern const uint64_t schema_key_int[], schema_set_int[];

static bool
key_int(const struct cl_cmd *c, unsigned i)
{
	return schema_key_int[c - cl_cmds] >> i & 1;
}

static bool
set_int(const struct cl_cmd *c, unsigned i)
{
	return schema_set_int[c - cl_cmds] >> i & 1;
}

/* The value of text written as SQLite writes an integer ("12", "-3": no
 * sign +, no leading zero, no -0), small enough not to overflow.  False
 * for anything else: that stays text, converted by SQLite as before. */
static bool
plain_integer(const char *v, int64_t *out)
{
	const char *p = v + (*v == '-');
	int64_t n = 0;
	size_t len = 0;

	if (*p == '0')
		return p[1] == '\0' && p == v ? (*out = 0, true) : false;
	for (; *p; p++, len++) {
		if (*p < '0' || *p > '9' || len == 18)
			return false;
		n = n * 10 + (*p - '0');
	}
	if (len == 0)
		return false;
	*out = *v == '-' ? -n : n;
	return true;
}

/* An object id for parameter idx. */
static void
bind_id(struct store *st, sqlite3_stmt *s, int idx, int64_t id)
{
	bound(st, idx);
	sqlite3_bind_int64(s, idx, id);
}

/* Binds one column's value to a statement of icache_get or iprepare.  A
 * NULL value needs no call: binds_done sets what is left NULL.  Text for
 * an INTEGER column (intcol) that SQLite would turn into a number is bound
 * as that number: the same row, without the conversion. */

static int
bind_col(struct store *st, sqlite3_stmt *s, int idx, bool intcol, const struct cl_col *c,
    const char *const *vals)
{
	const char *v;
	int64_t n;

	if (c->literal) {
		bound(st, idx);
		return sqlite3_bind_text(s, idx, c->literal, -1, SQLITE_STATIC);
	}
	v = c->slot >= 0 ? vals[c->slot] : NULL;
	if (v == NULL)
		return SQLITE_OK;
	bound(st, idx);
	if (c->flag)
		return sqlite3_bind_int(s, idx, 1);
	if (c->type == CL_T_RANGE)
		return sqlite3_bind_int64(s, idx, strtoll(v, NULL, 10));
	if (intcol && plain_integer(v, &n))
		return sqlite3_bind_int64(s, idx, n);
	/* the values outlive the statement step: no copy */
	return sqlite3_bind_text(s, idx, v, -1, SQLITE_STATIC);
}

static int
step_done(struct store *st, sqlite3_stmt *s, struct strbuf *err)
{
	int rc;

	binds_done(st, s);
	rc = sqlite3_step(s);

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
	uint64_t key = ikey(c, mode, negate ? V_UNSET : V_SET, 0);
	sqlite3_stmt *s = icache_get(st, key);
	int n = 1, rc;

	if (s == NULL) {
		struct strbuf sql = STRBUF_INIT;

		sb_printf(&sql, "UPDATE %s SET ", mode_table(mode));
		for (unsigned i = 0; i < c->nsets; i++)
			sb_printf(&sql, "%s%s=%s", i ? ", " : "", c->sets[i].col, negate ? "NULL" : "?");
		sb_adds(&sql, " WHERE id=?");
		s = iprepare(st, key, sql.s);
		sb_free(&sql);
		if (s == NULL)
			return -1;
	}
	if (!negate)
		for (unsigned i = 0; i < c->nsets; i++)
			bind_col(st, s, n++, set_int(c, i), &c->sets[i], vals);
	bind_id(st, s, n, obj);
	rc = step_done(st, s, err);
	sqlite3_reset(s);
	return rc;
}

/* Which keys have a value: a no form may leave the last ones out. */
static uint32_t
key_mask(const struct cl_cmd *c, const char *const *vals)
{
	uint32_t m = 0;

	for (unsigned i = 0; i < c->nkeys; i++)
		if (c->keys[i].slot < 0 || vals[c->keys[i].slot] != NULL)
			m |= 1u << i;
	return m;
}

/* WHERE clause on the parent, the keys in mask and the literal set columns. */
static void
where_keys(struct strbuf *sql, const struct cl_cmd *c, bool parent, uint32_t mask)
{
	const char *sep = " WHERE ";

	if (parent) {
		sb_printf(sql, "%sparent=?", sep);
		sep = " AND ";
	}
	for (unsigned i = 0; i < c->nkeys; i++) {
		if (!(mask & (1u << i)))
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
bind_keys(struct store *st, sqlite3_stmt *s, int n, const struct cl_cmd *c, bool parent,
    int64_t obj,
    const char *const *vals, uint32_t mask)
{
	if (parent)
		bind_id(st, s, n++, obj);
	for (unsigned i = 0; i < c->nkeys; i++)
		if (mask & (1u << i))
			bind_col(st, s, n++, key_int(c, i), &c->keys[i], vals);
	for (unsigned i = 0; i < c->nsets; i++)
		if (c->sets[i].literal)
			bind_col(st, s, n++, set_int(c, i), &c->sets[i], vals);
	return n;
}

static int
delete_rows(struct store *st, const struct cl_cmd *c, int mode, bool parent, int64_t obj,
    const char *const *vals, struct strbuf *err)
{
	uint32_t mask = key_mask(c, vals);
	uint64_t key = ikey(c, mode, V_DELETE, mask);
	sqlite3_stmt *s = icache_get(st, key);
	int rc;

	if (s == NULL) {
		struct strbuf sql = STRBUF_INIT;

		sb_printf(&sql, "DELETE FROM %s", c->table);
		where_keys(&sql, c, parent, mask);
		s = iprepare(st, key, sql.s);
		sb_free(&sql);
		if (s == NULL)
			return -1;
	}
	bind_keys(st, s, 1, c, parent, obj, vals, mask);
	rc = step_done(st, s, err);
	sqlite3_reset(s);
	return rc;
}

static void
insert_sql(struct strbuf *sql, const struct cl_cmd *c, bool parent)
{
	const char *sep = "";

	sb_printf(sql, "INSERT INTO %s (", c->table);
	if (parent) {
		sb_adds(sql, "parent");
		sep = ", ";
	}
	for (unsigned i = 0; i < c->nkeys; i++, sep = ", ")
		sb_printf(sql, "%s%s", sep, c->keys[i].col);
	for (unsigned i = 0; i < c->nsets; i++, sep = ", ")
		sb_printf(sql, "%s%s", sep, c->sets[i].col);
	sb_adds(sql, ") VALUES (");
	for (unsigned i = 0; i < (parent ? 1u : 0u) + c->nkeys + c->nsets; i++)
		sb_adds(sql, i ? ", ?" : "?");
	sb_adds(sql, ")");
}

static int
bind_all(struct store *st, sqlite3_stmt *s, const struct cl_cmd *c, bool parent, int64_t obj,
    const char *const *vals)
{
	int n = 1;

	if (parent)
		bind_id(st, s, n++, obj);
	for (unsigned i = 0; i < c->nkeys; i++)
		bind_col(st, s, n++, key_int(c, i), &c->keys[i], vals);
	for (unsigned i = 0; i < c->nsets; i++)
		bind_col(st, s, n++, set_int(c, i), &c->sets[i], vals);
	return n;
}

static int
apply_row(struct store *st, const struct cl_cmd *c, int mode, const char *const *vals,
    bool negate, int64_t obj, struct strbuf *err)
{
	bool parent = mode_has_parent(mode);
	uint64_t key;
	sqlite3_stmt *s;
	int rc;

	if (negate)
		return delete_rows(st, c, mode, parent, obj, vals, err);
	key = ikey(c, mode, V_UPSERT, 0);
	if ((s = icache_get(st, key)) == NULL) {
		struct strbuf sql = STRBUF_INIT;
		const char *sep = " ON CONFLICT (";

		insert_sql(&sql, c, parent);
		if (c->nsets > 0) {
			if (parent) {
				sb_printf(&sql, "%sparent", sep);
				sep = ", ";
			}
			for (unsigned i = 0; i < c->nkeys; i++, sep = ", ")
				sb_printf(&sql, "%s%s", sep, c->keys[i].col);
			sb_adds(&sql, ") DO UPDATE SET ");
			for (unsigned i = 0; i < c->nsets; i++)
				sb_printf(&sql, "%s%s=excluded.%s", i ? ", " : "", c->sets[i].col,
				    c->sets[i].col);
			/* the same entry again (cl_cmd.same): nothing to add */
			if (c->same)
				sb_adds(&sql, " ON CONFLICT DO NOTHING");
		} else
			sb_adds(&sql, " ON CONFLICT DO NOTHING");
		s = iprepare(st, key, sql.s);
		sb_free(&sql);
		if (s == NULL)
			return -1;
	}
	bind_all(st, s, c, parent, obj, vals);
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
		uint64_t key;
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
			key = ikey(c, mode, V_CLEAR, 0);
			if ((s = icache_get(st, key)) == NULL) {
				struct strbuf sql = STRBUF_INIT;

				sb_printf(&sql, "DELETE FROM %s WHERE parent=?", c->table);
				s = iprepare(st, key, sql.s);
				sb_free(&sql);
				if (s == NULL)
					return -1;
			}
			bind_id(st, s, 1, obj);
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
	bool parent = mode_has_parent(mode);
	uint64_t key;
	sqlite3_stmt *s;
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
		return delete_rows(st, c, mode, parent, obj, vals, err);

	/* find by key only: the literal columns are checked by hooks */
	key = ikey(c, mode, V_FIND, 0);
	if ((s = icache_get(st, key)) == NULL) {
		struct strbuf sql = STRBUF_INIT;
		const char *sep = " WHERE ";

		sb_printf(&sql, "SELECT id FROM %s", c->table);
		if (parent) {
			sb_adds(&sql, " WHERE parent=?");
			sep = " AND ";
		}
		for (unsigned i = 0; i < c->nkeys; i++, sep = " AND ")
			sb_printf(&sql, "%s%s=?", sep, c->keys[i].col);
		s = iprepare(st, key, sql.s);
		sb_free(&sql);
		if (s == NULL)
			return -1;
	}
	{
		int n = 1;

		if (parent)
			bind_id(st, s, n++, obj);
		for (unsigned i = 0; i < c->nkeys; i++)
			bind_col(st, s, n++, key_int(c, i), &c->keys[i], vals);
	}
	binds_done(st, s);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*newobj = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (c->nsets == 0)
			return 0;
		key = ikey(c, mode, V_UPDATE, 0);
		if ((s = icache_get(st, key)) == NULL) {
			struct strbuf sql = STRBUF_INIT;

			sb_printf(&sql, "UPDATE %s SET ", c->table);
			for (unsigned i = 0; i < c->nsets; i++)
				sb_printf(&sql, "%s%s=?", i ? ", " : "", c->sets[i].col);
			sb_adds(&sql, " WHERE id=?");
			s = iprepare(st, key, sql.s);
			sb_free(&sql);
			if (s == NULL)
				return -1;
		}
		for (unsigned i = 0; i < c->nsets; i++)
			bind_col(st, s, (int)i + 1, set_int(c, i), &c->sets[i], vals);
		bind_id(st, s, (int)c->nsets + 1, *newobj);
		rc = step_done(st, s, err);
		sqlite3_reset(s);
		return rc;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		sb_printf(err, "%% Configuration store error: %s\n", sqlite3_errmsg(st->db));
		return -1;
	}
	key = ikey(c, mode, V_INSERT, 0);
	if ((s = icache_get(st, key)) == NULL) {
		struct strbuf sql = STRBUF_INIT;

		insert_sql(&sql, c, parent);
		s = iprepare(st, key, sql.s);
		sb_free(&sql);
		if (s == NULL)
			return -1;
	}
	bind_all(st, s, c, parent, obj, vals);
	rc = step_done(st, s, err);
	sqlite3_reset(s);
	if (rc < 0)
		return -1;
	*newobj = sqlite3_last_insert_rowid(st->db);
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

	store_cmd_begin(st, true);
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
	stamp_epoch++;
	st->ch.all = true;
	sb_free(&sql);
	store_cmd_end(st, rc == 0);
	return rc;
}
