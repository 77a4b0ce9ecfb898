/*
 * base.c — handlers of grammar/base.cli: privilege, configuration mode,
 * terminal settings, saving, erasing and reloading, host name and enable
 * secret.
 */
#include <crypt.h>
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "archive.h"
#include "cfgload.h"
#include "cl_gen.h"
#include "cmd.h"
#include "iface.h"
#include "render.h"
#include "router.h"
#include "session.h"
#include "startup.h"
#include "store.h"

/* ---- privilege ---------------------------------------------------------- */

static char *
enable_secret(struct router *r)
{
	sqlite3_stmt *s = store_prepare(r->run, "SELECT enable_secret FROM system WHERE id=1");
	char *v = NULL;

	if (s && sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		v = strdup((const char *)sqlite3_column_text(s, 0));
	if (s)
		sqlite3_reset(s);
	return v;
}

static void
enable_answer(struct session *s, const char *answer, void *arg)
{
	intptr_t tries = (intptr_t)arg;
	char *secret = enable_secret(s->r);
	struct crypt_data cd;
	const char *h;
	struct strbuf out = STRBUF_INIT;

	memset(&cd, 0, sizeof(cd));
	h = secret ? crypt_r(answer, secret, &cd) : NULL;
	if (secret == NULL || (h != NULL && strcmp(h, secret) == 0)) {
		s->priv = 15;
		free(secret);
		session_resume(s, NULL);
		return;
	}
	free(secret);
	if (tries + 1 < 3) {
		session_ask(s, "Password: ", 0, enable_answer, (void *)(tries + 1));
		return;
	}
	sb_adds(&out, "% Bad secrets\n\n");
	s->failed = true;
	session_resume(s, &out);
	sb_free(&out);
}

int
cmd_enable(struct cmd_ctx *x)
{
	char *secret;

	if (x->s == NULL || x->s->priv >= 15)
		return CMD_OK;
	secret = enable_secret(x->r);
	if (secret == NULL) {
		x->s->priv = 15;
		return CMD_OK;
	}
	free(secret);
	session_ask(x->s, "Password: ", 0, enable_answer, (void *)(intptr_t)0);
	return CMD_ASYNC;
}

int
cmd_disable(struct cmd_ctx *x)
{
	if (x->s)
		x->s->priv = 1;
	return CMD_OK;
}

int
cmd_logout(struct cmd_ctx *x)
{
	if (x->s)
		session_logout(x->s);
	return CMD_OK;
}

/* ---- modes -------------------------------------------------------------- */

static void
enter_config(struct cmd_ctx *x)
{
	sb_adds(x->out, "Enter configuration commands, one per line.  End with CNTL/Z.\n");
	x->ms->depth = 2;
	x->ms->mode[1] = CL_MODE_CONFIG;
	x->ms->obj[1] = 1;
}

static void
configure_answer(struct session *s, const char *answer, void *arg)
{
	struct strbuf out = STRBUF_INIT;
	size_t n = strlen(answer);
	struct cmd_ctx x;

	(void)arg;
	if (n == 0 || strncasecmp(answer, "terminal", n) == 0) {
		memset(&x, 0, sizeof(x));
		x.ms = &s->ms;
		x.out = &out;
		enter_config(&x);
	} else {
		sb_adds(&out, "?Must be \"terminal\"\n");
		s->failed = true;
	}
	session_resume(s, &out);
	sb_free(&out);
}

int
cmd_configure(struct cmd_ctx *x, struct cmd_configure_args *a)
{
	if (a->how.s == NULL && x->s != NULL) {
		session_ask(x->s, "Configuring from terminal, memory, or network [terminal]? ", ASK_ECHO,
		    configure_answer, NULL);
		return CMD_ASYNC;
	}
	enter_config(x);
	return CMD_OK;
}

int
cmd_exit_mode(struct cmd_ctx *x)
{
	if (x->ms->depth > 1)
		x->ms->depth--;
	return CMD_OK;
}

int
cmd_end(struct cmd_ctx *x)
{
	x->ms->depth = 1;
	return CMD_OK;
}

int
cmd_ignore(struct cmd_ctx *x, struct cmd_ignore_args *a)
{
	(void)x;
	return CMD_OK;
}

/* ---- terminal ----------------------------------------------------------- */

int
cmd_terminal_length(struct cmd_ctx *x, struct cmd_terminal_length_args *a)
{
	if (x->s)
		x->s->length = (int)a->lines.n;
	return CMD_OK;
}

int
cmd_terminal_width(struct cmd_ctx *x, struct cmd_terminal_width_args *a)
{
	if (x->s)
		x->s->width = (int)a->cols.n;
	return CMD_OK;
}

int
cmd_terminal_no_length(struct cmd_ctx *x)
{
	if (x->s)
		x->s->length = -1;
	return CMD_OK;
}

int
cmd_terminal_no_width(struct cmd_ctx *x)
{
	if (x->s)
		x->s->width = -1;
	return CMD_OK;
}

int
cmd_terminal_history(struct cmd_ctx *x, struct cmd_terminal_history_args *a)
{
	if (x->s)
		x->s->hist_size = (int)a->n.n;
	return CMD_OK;
}

/* ---- saving, erasing, reloading ----------------------------------------- */

static int
save(struct router *r, struct strbuf *out)
{
	struct strbuf err = STRBUF_INIT, text = STRBUF_INIT;
	struct render_opts o = { false, false };
	int rc;

	sb_adds(out, "Building configuration...\n");
	store_flush(r->run);
	render_config(r, r->run, &text, &o);
	rc = startup_write(r->startup_path, text.s, text.len, &err);
	sb_free(&text);
	if (rc < 0) {
		sb_printf(out, "%%Error writing nvram:startup-config (%s)\n", err.s ? err.s : "?");
		sb_free(&err);
		return -1;
	}
	sb_free(&err);
	r->last_save = clock_now();
	r->modified = false;
	sb_adds(out, "[OK]\n");
	return 0;
}

int
cmd_write_memory(struct cmd_ctx *x)
{
	return save(x->r, x->out) < 0 ? CMD_ERR : CMD_OK;
}

static void
copy_answer(struct session *s, const char *answer, void *arg)
{
	struct strbuf out = STRBUF_INIT;

	(void)arg;
	if (*answer == '\0' || strcmp(answer, "startup-config") == 0) {
		if (save(s->r, &out) < 0)
			s->failed = true;
	} else {
		sb_printf(&out, "%%Error opening %s (Invalid argument)\n", answer);
		s->failed = true;
	}
	session_resume(s, &out);
	sb_free(&out);
}

int
cmd_copy_run_start(struct cmd_ctx *x)
{
	if (x->s == NULL)
		return save(x->r, x->out) < 0 ? CMD_ERR : CMD_OK;
	session_ask(x->s, "Destination filename [startup-config]? ", ASK_ECHO, copy_answer, NULL);
	return CMD_ASYNC;
}

static bool
confirmed(const char *answer)
{
	return *answer == '\0' || strcasecmp(answer, "y") == 0 || strcasecmp(answer, "yes") == 0;
}

static int
erase(struct router *r, struct strbuf *out)
{
	struct strbuf err = STRBUF_INIT;

	if (startup_erase(r->startup_path, &err) < 0) {
		sb_printf(out, "%%Error erasing nvram: (%s)\n", err.s);
		sb_free(&err);
		return -1;
	}
	sb_adds(out, "[OK]\nErase of nvram: complete\n");
	return 0;
}

static void
erase_answer(struct session *s, const char *answer, void *arg)
{
	struct strbuf out = STRBUF_INIT;

	(void)arg;
	if (confirmed(answer) && erase(s->r, &out) < 0)
		s->failed = true;
	session_resume(s, &out);
	sb_free(&out);
}

int
cmd_erase_startup(struct cmd_ctx *x)
{
	if (x->s == NULL)
		return erase(x->r, x->out) < 0 ? CMD_ERR : CMD_OK;
	session_ask(x->s,
	    "Erasing the nvram filesystem will remove all configuration files! Continue? [confirm]",
	    ASK_KEY, erase_answer, NULL);
	return CMD_ASYNC;
}

int
cmd_write_terminal(struct cmd_ctx *x)
{
	struct render_opts o = { true, true };

	render_config(x->r, x->r->run, x->out, &o);
	return CMD_OK;
}

static void
reload_confirm(struct session *s, const char *answer, void *arg)
{
	(void)arg;
	if (!confirmed(answer)) {
		session_resume(s, NULL);
		return;
	}
	session_close_all(s->r, "\n\nConnection closed by foreign host.\n");
	router_reload(s->r);
}

static void
reload_save_answer(struct session *s, const char *answer, void *arg)
{
	struct strbuf out = STRBUF_INIT;
	bool batch = session_is_batch(s);

	(void)arg;
	if (strcasecmp(answer, "yes") == 0 || strcasecmp(answer, "y") == 0) {
		if (save(s->r, &out) < 0) {
			session_resume(s, &out);
			sb_free(&out);
			return;
		}
	} else if (!(strcasecmp(answer, "no") == 0 || strcasecmp(answer, "n") == 0 || batch)) {
		session_ask(s, "% Please answer 'yes' or 'no'.\n"
		    "System configuration has been modified. Save? [yes/no]: ", ASK_ECHO,
		    reload_save_answer, NULL);
		return;
	}
	/* the save output is printed before the next question */
	if (out.len) {
		struct strbuf q = STRBUF_INIT;

		sb_add(&q, out.s, out.len);
		sb_adds(&q, "Proceed with reload? [confirm]");
		session_ask(s, q.s, ASK_KEY, reload_confirm, NULL);
		sb_free(&q);
	} else
		session_ask(s, "Proceed with reload? [confirm]", ASK_KEY, reload_confirm, NULL);
	sb_free(&out);
}

int
cmd_reload(struct cmd_ctx *x)
{
	if (x->s == NULL)
		return CMD_OK;
	if (router_modified(x->r)) {
		session_ask(x->s, "System configuration has been modified. Save? [yes/no]: ", ASK_ECHO,
		    reload_save_answer, NULL);
		return CMD_ASYNC;
	}
	session_ask(x->s, "Proceed with reload? [confirm]", ASK_KEY, reload_confirm, NULL);
	return CMD_ASYNC;
}

/* ---- global configuration ----------------------------------------------- */

int
cmd_hostname_check(struct cmd_ctx *x, struct cmd_hostname_check_args *a)
{
	const char *n = a->name.s;

	if (x->negate)
		return CMD_OK;
	if (strlen(n) > 63) {
		sb_adds(x->out, "% Hostname is longer than 63 characters.\n");
		return CMD_ERR;
	}
	for (const char *p = n; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    (*p == '-' && p != n) || (*p == '.' && p != n))) {
			sb_adds(x->out, "% Hostname contains one or more illegal characters.\n");
			return CMD_ERR;
		}
	if (!((n[0] >= 'a' && n[0] <= 'z') || (n[0] >= 'A' && n[0] <= 'Z'))) {
		sb_adds(x->out, "% Hostname must start with a letter.\n");
		return CMD_ERR;
	}
	/* the factory name is the default: storing it would be noise */
	if (strcmp(n, "Router") == 0)
		cmd_clear(x, a->name);
	return CMD_OK;
}

int
cmd_hostname_apply(struct cmd_ctx *x, struct cmd_hostname_apply_args *a)
{
	router_load_hostname(x->r);
	return CMD_OK;
}

int
cmd_enable_secret(struct cmd_ctx *x, struct cmd_enable_secret_args *a)
{
	const char *enc = a->enc.s, *pw = a->pw.s;
	char salt[16];
	uint8_t rnd[8];
	static const char b64[] = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	struct crypt_data cd;
	const char *h;

	if (x->negate)
		return CMD_OK;
	if (enc && strcmp(enc, "5") == 0) {
		/* an MD5-crypt hash: $1$salt$22 characters */
		const char *d = pw && strncmp(pw, "$1$", 3) == 0 ? strchr(pw + 3, '$') : NULL;

		if (d == NULL || d - pw > 11 || strlen(d + 1) != 22 || strchr(pw, ' ')) {
			sb_adds(x->out, "ERROR: The secret you entered is not a valid encrypted secret.\n");
			return CMD_ERR;
		}
		return CMD_OK;
	}
	if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd)) {
		sb_adds(x->out, "% Cannot hash the secret now\n");
		return CMD_ERR;
	}
	strcpy(salt, "$1$");
	for (int i = 0; i < 4; i++)
		salt[3 + i] = b64[rnd[i] & 63];
	salt[7] = '$';
	salt[8] = '\0';
	memset(&cd, 0, sizeof(cd));
	h = crypt_r(pw, salt, &cd);
	if (h == NULL || h[0] == '*') {
		sb_adds(x->out, "% Cannot hash the secret\n");
		return CMD_ERR;
	}
	cmd_set(x, a->enc, "5");
	cmd_set(x, a->pw, "%s", h);
	return CMD_OK;
}

/* ---- configuration files ------------------------------------------------ */

static char *
read_whole(const char *path, size_t *len, struct strbuf *err, const char *spec)
{
	FILE *f = fopen(path, "r");
	struct strbuf t = STRBUF_INIT;
	char buf[65536];
	size_t n;

	if (f == NULL) {
		sb_printf(err, "%%Error opening %s (%s)\n", spec, strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sb_add(&t, buf, n);
	fclose(f);
	*len = t.len;
	return sb_detach(&t);
}

/* Merges text into the running configuration; reports as IOS does. */
static int
merge(struct cmd_ctx *x, struct router *r, const char *name, const char *text, size_t len,
    struct strbuf *out, const char *who)
{
	struct strbuf errs = STRBUF_INIT;
	struct timespec a, b;
	int failed;
	double secs;

	clock_gettime(CLOCK_MONOTONIC, &a);
	failed = config_load_text(r, name, text, len, &errs);
	clock_gettime(CLOCK_MONOTONIC, &b);
	sb_add(out, errs.s, errs.len);
	sb_free(&errs);
	secs = getenv("PMIPD_FAKE_TIME") ? 0 :
	    (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	sb_printf(out, "%zu bytes copied in %.3f secs (%.0f bytes/sec)\n", len, secs,
	    secs > 0 ? (double)len / secs : (double)len);
	iface_sync_all(r);
	router_load_hostname(r);
	router_changed(r, who);
	{
		struct strbuf what = STRBUF_INIT;

		sb_printf(&what, "copy %s running-config", name);
		archive_add(r, who, what.s, 0);
		sb_free(&what);
	}
	(void)x;
	return failed ? -1 : 0;
}

static const char *
who(const struct session *s, char *buf, size_t sz)
{
	if (s == NULL)
		return "console";
	snprintf(buf, sz, "vty %d", s->vty);
	return buf;
}

int
cmd_copy_start_run(struct cmd_ctx *x)
{
	struct strbuf text = STRBUF_INIT, err = STRBUF_INIT;
	char w[32];
	int rc = startup_read(x->r->startup_path, &text, &err);

	if (rc <= 0) {
		if (rc == 0)
			sb_adds(x->out, "%Error opening nvram:startup-config (No such file or directory)\n");
		else
			sb_printf(x->out, "%%Error opening nvram:startup-config (%s)\n", err.s);
		sb_free(&text);
		sb_free(&err);
		return CMD_ERR;
	}
	sb_free(&err);
	rc = merge(x, x->r, "startup-config", text.s, text.len, x->out, who(x->s, w, sizeof(w)));
	sb_free(&text);
	return rc < 0 ? CMD_ERR : CMD_OK;
}

struct copy_req {
	char *spec;
};

static void
copy_file_run_answer(struct session *s, const char *answer, void *arg)
{
	struct copy_req *q = arg;
	struct strbuf out = STRBUF_INIT, path = STRBUF_INIT;
	char *text;
	size_t len;
	char w[32];

	if (*answer && strcmp(answer, "running-config") != 0) {
		sb_printf(&out, "%%Error opening %s (Invalid argument)\n", answer);
		s->failed = true;
	} else if (config_file_path(s->r, q->spec, &path, &out) == 0 &&
	    (text = read_whole(path.s, &len, &out, q->spec)) != NULL) {
		if (merge(NULL, s->r, q->spec, text, len, &out, who(s, w, sizeof(w))) < 0)
			s->failed = true;
		free(text);
	} else
		s->failed = true;
	session_resume(s, &out);
	sb_free(&out);
	sb_free(&path);
	free(q->spec);
	free(q);
}

int
cmd_copy_file_run(struct cmd_ctx *x, struct cmd_copy_file_run_args *a)
{
	struct copy_req *q = calloc(1, sizeof(*q));

	if (q == NULL)
		abort();
	q->spec = strdup(a->src.s);
	if (x->s == NULL) {
		/* from a file being loaded: no questions */
		struct strbuf path = STRBUF_INIT;
		char *text;
		size_t len;
		int rc = CMD_ERR;

		if (config_file_path(x->r, q->spec, &path, x->out) == 0 &&
		    (text = read_whole(path.s, &len, x->out, q->spec)) != NULL) {
			rc = merge(x, x->r, q->spec, text, len, x->out, "console") < 0 ? CMD_ERR : CMD_OK;
			free(text);
		}
		sb_free(&path);
		free(q->spec);
		free(q);
		return rc;
	}
	session_ask(x->s, "Destination filename [running-config]? ", ASK_ECHO, copy_file_run_answer, q);
	return CMD_ASYNC;
}

static int
write_file(struct router *r, const char *spec, struct strbuf *out)
{
	struct strbuf path = STRBUF_INIT, tmp = STRBUF_INIT, text = STRBUF_INIT;
	struct render_opts o = { false, false };
	FILE *f;
	int rc = -1;

	if (config_file_path(r, spec, &path, out) < 0)
		goto done;
	if (strncmp(path.s, r->dir ? r->dir : ".", strlen(r->dir ? r->dir : ".")) == 0) {
		char *flash = NULL;

		if (asprintf(&flash, "%s/flash", r->dir ? r->dir : ".") > 0)
			mkdir(flash, 0755);
		free(flash);
	}
	render_config(r, r->run, &text, &o);
	sb_printf(&tmp, "%s.new", path.s);
	f = fopen(tmp.s, "w");
	if (f == NULL || fwrite(text.s, 1, text.len, f) != text.len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0) {
		sb_printf(out, "%%Error opening %s (%s)\n", spec, strerror(errno));
		if (f)
			fclose(f);
		unlink(tmp.s);
		goto done;
	}
	fclose(f);
	if (rename(tmp.s, path.s) < 0) {
		sb_printf(out, "%%Error writing %s (%s)\n", spec, strerror(errno));
		unlink(tmp.s);
		goto done;
	}
	sb_printf(out, "%zu bytes copied in 0.000 secs\n", text.len);
	rc = 0;
done:
	sb_free(&path);
	sb_free(&tmp);
	sb_free(&text);
	return rc;
}

static void
copy_run_file_answer(struct session *s, const char *answer, void *arg)
{
	struct copy_req *q = arg;
	struct strbuf out = STRBUF_INIT;

	if (write_file(s->r, *answer ? answer : q->spec, &out) < 0)
		s->failed = true;
	session_resume(s, &out);
	sb_free(&out);
	free(q->spec);
	free(q);
}

int
cmd_copy_run_file(struct cmd_ctx *x, struct cmd_copy_run_file_args *a)
{
	struct copy_req *q;
	struct strbuf quest = STRBUF_INIT;
	const char *dst = a->dst.s;
	const char *base = strncmp(dst, "flash:", 6) == 0 ? dst + 6 : dst;

	if (x->s == NULL)
		return write_file(x->r, dst, x->out) < 0 ? CMD_ERR : CMD_OK;
	q = calloc(1, sizeof(*q));
	if (q == NULL)
		abort();
	q->spec = strdup(dst);
	sb_printf(&quest, "Destination filename [%s]? ", base);
	session_ask(x->s, quest.s, ASK_ECHO, copy_run_file_answer, q);
	sb_free(&quest);
	return CMD_ASYNC;
}

static int
replace_with(struct router *r, const char *name, const char *text, size_t len, struct strbuf *out,
    const char *whoami, const char *what)
{
	if (config_replace(r, name, text, len, out) < 0)
		return -1;
	router_changed(r, whoami);
	archive_add(r, whoami, what, 0);
	return 0;
}

struct replace_req {
	char *spec;
};

static void
replace_now(struct session *s, struct router *r, const char *spec, struct strbuf *out)
{
	struct strbuf path = STRBUF_INIT, what = STRBUF_INIT;
	char *text;
	size_t len;
	char w[32];

	if (config_file_path(r, spec, &path, out) == 0 &&
	    (text = read_whole(path.s, &len, out, spec)) != NULL) {
		sb_printf(&what, "configure replace %s", spec);
		if (replace_with(r, spec, text, len, out, who(s, w, sizeof(w)), what.s) < 0 && s)
			s->failed = true;
		free(text);
	} else if (s)
		s->failed = true;
	sb_free(&path);
	sb_free(&what);
}

static void
replace_answer(struct session *s, const char *answer, void *arg)
{
	struct replace_req *q = arg;
	struct strbuf out = STRBUF_INIT;

	if (strcasecmp(answer, "y") == 0 || strcasecmp(answer, "yes") == 0)
		replace_now(s, s->r, q->spec, &out);
	session_resume(s, &out);
	sb_free(&out);
	free(q->spec);
	free(q);
}

int
cmd_configure_replace(struct cmd_ctx *x, struct cmd_configure_replace_args *a)
{
	struct replace_req *q;

	if (x->s == NULL || a->opt.s || session_is_batch(x->s)) {
		replace_now(x->s, x->r, a->src.s, x->out);
		return x->s && x->s->failed ? CMD_ERR : CMD_OK;
	}
	q = calloc(1, sizeof(*q));
	if (q == NULL)
		abort();
	q->spec = strdup(a->src.s);
	session_ask(x->s, "This will apply all necessary additions and deletions\n"
	    "to replace the current running configuration with the\n"
	    "contents of the specified configuration file, which is\n"
	    "assumed to be a complete configuration, not a partial\n"
	    "configuration. Enter Y if you are sure you want to proceed. ? [no]: ", ASK_ECHO,
	    replace_answer, q);
	return CMD_ASYNC;
}

int
cmd_configure_rollback(struct cmd_ctx *x, struct cmd_configure_rollback_args *a)
{
	int n = (int)a->n.n;
	char *text = archive_config(x->r, n);
	struct strbuf what = STRBUF_INIT;
	char w[32], name[32];
	int rc;

	if (text == NULL) {
		sb_printf(x->out, "%% Archive %d does not exist (show archive)\n", n);
		return CMD_ERR;
	}
	snprintf(name, sizeof(name), "archive-%d", n);
	sb_printf(&what, "configure rollback %d", n);
	rc = replace_with(x->r, name, text, strlen(text), x->out, who(x->s, w, sizeof(w)), what.s);
	free(text);
	sb_free(&what);
	return rc < 0 ? CMD_ERR : CMD_OK;
}

int
cmd_dir(struct cmd_ctx *x, struct cmd_dir_args *a)
{
	const char *fs = a->fs.s;
	struct strbuf path = STRBUF_INIT;
	DIR *d;
	struct dirent *e;
	int n = 0;
	unsigned long long used = 0;

	if (fs && strcmp(fs, "flash:") != 0 && strcmp(fs, "flash:/") != 0) {
		sb_printf(x->out, "%%Error opening %s (No such device)\n", fs);
		return CMD_ERR;
	}
	sb_printf(&path, "%s/flash", x->r->dir ? x->r->dir : ".");
	sb_adds(x->out, "Directory of flash:/\n\n");
	d = opendir(path.s);
	while (d && (e = readdir(d)) != NULL) {
		struct stat st;
		struct strbuf f = STRBUF_INIT;
		char when[64];
		struct tm tm;

		if (e->d_name[0] == '.')
			continue;
		sb_printf(&f, "%s/%s", path.s, e->d_name);
		if (stat(f.s, &st) == 0 && S_ISREG(st.st_mode)) {
			time_t t = getenv("PMIPD_FAKE_TIME") ? clock_now() : st.st_mtime;

			gmtime_r(&t, &tm);
			strftime(when, sizeof(when), "%b %e %Y %H:%M:%S +00:00", &tm);
			sb_printf(x->out, "%5d  -rw-  %10lld  %s  %s\n", ++n, (long long)st.st_size, when,
			    e->d_name);
			used += (unsigned long long)st.st_size;
		}
		sb_free(&f);
	}
	if (d)
		closedir(d);
	sb_printf(x->out, "\n%llu bytes total (%llu bytes free)\n", 268435456ULL,
	    268435456ULL - used);
	sb_free(&path);
	return CMD_OK;
}
