/*
 * exec.c — running a line (see exec.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "archive.h"
#include "cl_gen.h"
#include "exec.h"
#include "pipe.h"
#include "router.h"
#include "store.h"

long long
cmd_num_of(const char *s)
{
	/* the matcher let through only digits within the range */
	return s ? strtoll(s, NULL, 10) : 0;
}

/* Keeps text (n bytes) in the command's scratch space as the value of
 * slot, and in *sp. */
static bool
keep(struct cmd_ctx *x, const char **sp, int slot, const char *text, size_t n)
{
	if (slot < 0 || n + 1 > sizeof(x->xbuf) - x->xused)
		return false;
	memcpy(x->xbuf + x->xused, text, n);
	x->xbuf[x->xused + n] = '\0';
	x->vals[slot] = *sp = x->xbuf + x->xused;
	x->xused += n + 1;
	return true;
}

bool
cmd_set_slot(struct cmd_ctx *x, const char **sp, int slot, const char *fmt, ...)
{
	char buf[sizeof(x->xbuf)];
	va_list ap;
	int n;

	if (slot < 0)
		return false;
	/* the common cases without printf: a plain string, one number */
	if (fmt[0] == '%' && (((fmt[1] == 's' || fmt[1] == 'u' || fmt[1] == 'd') && fmt[2] == '\0') ||
	    strcmp(fmt + 1, "lld") == 0)) {
		char num[24];
		const char *v;

		va_start(ap, fmt);
		if (fmt[1] == 's')
			v = va_arg(ap, const char *);
		else {
			long long k = fmt[1] == 'l' ? va_arg(ap, long long) :
			    fmt[1] == 'u' ? (long long)va_arg(ap, unsigned) : va_arg(ap, int);
			char *p = num + sizeof(num);
			bool neg = k < 0;
			unsigned long long u = neg ? 0ULL - (unsigned long long)k : (unsigned long long)k;

			*--p = '\0';
			do {
				*--p = (char)('0' + u % 10);
				u /= 10;
			} while (u);
			if (neg)
				*--p = '-';
			v = p;
		}
		va_end(ap);
		return keep(x, sp, slot, v, strlen(v));
	}
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(buf))
		return false;
	return keep(x, sp, slot, buf, (size_t)n);
}

bool
cmd_setn_slot(struct cmd_ctx *x, const char **sp, int slot, const char *text, size_t n)
{
	return keep(x, sp, slot, text, n);
}

bool
cmd_clear_slot(struct cmd_ctx *x, const char **sp, int slot)
{
	if (slot < 0)
		return false;
	x->vals[slot] = *sp = NULL;
	return true;
}

int
cmd_bad_slot(struct cmd_ctx *x, int slot)
{
	x->bad_slot = slot;
	return CMD_ERR;
}

/* Appends at most max bytes of s to out (of size outsz, length *len),
 * cutting where snprintf would. */
static void
prompt_put(char *out, size_t outsz, size_t *len, const char *s, size_t max)
{
	size_t n = strnlen(s, max);

	if (*len + n >= outsz)
		n = outsz - 1 - *len;
	memcpy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
}

void
exec_prompt(const struct router *r, const struct modestack *ms, int priv, char *out, size_t outsz)
{
	int mode = ms->mode[ms->depth - 1];
	size_t len = 0;

	/* twice a line typed: without printf */
	if (outsz == 0)
		return;
	out[0] = '\0';
	if (mode == CL_MODE_EXEC) {
		prompt_put(out, outsz, &len, r->hostname, outsz);
		prompt_put(out, outsz, &len, priv >= 15 ? "#" : ">", 1);
	} else {
		/* IOS cuts the host name at 20 characters in configuration prompts */
		prompt_put(out, outsz, &len, r->hostname, 20);
		prompt_put(out, outsz, &len, cl_modes[mode].prompt, outsz);
		prompt_put(out, outsz, &len, "#", 1);
	}
}

static int
count_tokens(const char *line)
{
	struct cl_tok t[CL_MAXTOKENS];
	int n = cl_tokenize(line, t, CL_MAXTOKENS);

	return n < 0 ? CL_MAXTOKENS : n;
}

static void
run_config(struct router *r, struct session *s, struct modestack *ms, int level,
    const struct cl_match *m, struct strbuf *out, struct exec_result *res)
{
	const struct cl_cmd *c = &cl_cmds[m->cmd];
	const struct cmd_fns *f = &cmd_fns[m->cmd];
	struct cmd_ctx x;
	struct strbuf err = STRBUF_INIT;
	int rc = CMD_OK;

	memset(&x, 0, offsetof(struct cmd_ctx, xbuf));
	x.r = r;
	x.s = s;
	x.ms = ms;
	x.m = m;
	x.cmd = c;
	x.mode = m->mode;
	x.obj = ms->obj[level];
	x.newobj = x.obj;
	x.negate = m->negate || m->dflt;
	x.dflt = m->dflt;
	x.out = out;
	x.bad_slot = -1;
	x.xused = 0;
	for (int i = 0; i < CL_MAXSLOTS; i++)
		x.vals[i] = m->vals[i].s;

	/* an archive entry still pending describes the state before this */
	archive_flush(r);
	/* the store action is one statement, except clearing a sub-block;
	 * handlers may write more, and may fail after it: only then does
	 * the command need a savepoint (an after hook cannot fail) */
	store_cmd_begin(r->run, f->handler != NULL ||
	    (c->kind == CL_K_ENTER && x.negate && cl_modes[c->enter].inherit));
	if (f->check)
		rc = f->check(&x);
	if (rc == CMD_OK && c->kind != CL_K_NONE &&
	    store_apply(r->run, c, x.mode, x.vals, x.negate, x.obj, &x.newobj, &err) < 0) {
		sb_add(out, err.s, err.len);
		rc = CMD_ERR;
	}
	if (rc >= 0 && f->handler)
		rc = f->handler(&x);
	if (rc >= 0 && f->after)
		f->after(&x);
	store_cmd_end(r->run, rc >= 0);
	sb_free(&err);
	if (rc < 0) {
		res->st = EX_FAILED;
		if (x.bad_slot >= 0 && m->vals[x.bad_slot].s) {
			res->st = EX_INVALID;
			res->err_pos = m->vals[x.bad_slot].off;
		}
		return;
	}
	res->st = rc == CMD_ASYNC ? EX_ASYNC : EX_OK;
	if (c->kind != CL_K_NONE) {
		res->config_change = true;
		if (c->kind == CL_K_ENTER && !x.negate && ms->depth < MODE_DEPTH) {
			ms->mode[ms->depth] = c->enter;
			ms->obj[ms->depth] = x.newobj;
			ms->depth++;
		}
	}
}

void
cmd_stream(struct cmd_ctx *x, cmd_produce_fn produce, void (*done)(void *arg), void *arg)
{
	x->stream = (struct cmd_stream){ produce, done, arg };
}

static void
run_exec(struct router *r, struct session *s, struct modestack *ms, const struct cl_match *m,
    struct strbuf *out, struct exec_result *res)
{
	const struct cmd_fns *f = &cmd_fns[m->cmd];
	struct cmd_ctx x;
	struct strbuf text = STRBUF_INIT;
	struct pipe_state *pipe = NULL;
	int rc;

	if (m->pipe != CL_PIPE_NONE && m->pipe != CL_PIPE_JSON &&
	    (pipe = pipe_open(m->pipe, m->pipe_arg, out)) == NULL) {
		res->st = EX_FAILED;
		return;
	}
	memset(&x, 0, offsetof(struct cmd_ctx, xbuf));
	x.r = r;
	x.s = s;
	x.ms = ms;
	x.m = m;
	x.cmd = &cl_cmds[m->cmd];
	x.mode = m->mode;
	x.obj = 1;
	x.out = pipe ? &text : out;
	x.bad_slot = -1;
	x.xused = 0;
	for (int i = 0; i < CL_MAXSLOTS; i++)
		x.vals[i] = m->vals[i].s;
	/* the engines take in what the configuration commands before this one
	 * changed: a show right after end sees it */
	router_settle(r);
	rc = f->handler ? f->handler(&x) : CMD_OK;
	if (x.stream.produce && (s == NULL || rc != CMD_OK)) {
		/* nobody to stream to (a file being loaded): all of it now */
		while (rc == CMD_OK && x.stream.produce(x.stream.arg, x.out))
			;
		x.stream.done(x.stream.arg);
		x.stream.produce = NULL;
	}
	if (pipe) {
		pipe_feed(pipe, text.s ? text.s : "", text.len, out);
		if (x.stream.produce)
			res->pipe = pipe;
		else
			pipe_close(pipe, out);
	}
	res->stream = x.stream;
	sb_free(&text);
	res->st = rc == CMD_ASYNC ? EX_ASYNC : rc < 0 ? EX_FAILED : EX_OK;
	if (rc < 0 && x.bad_slot >= 0 && m->vals[x.bad_slot].s) {
		res->st = EX_INVALID;
		res->err_pos = m->vals[x.bad_slot].off;
	}
}

static void
format_error(const struct exec_result *res, const char *line, int caret_col, struct strbuf *out)
{
	switch (res->st) {
	case EX_INVALID:
		sb_pad(out, ' ', (size_t)(caret_col + res->err_pos));
		sb_adds(out, "^\n% Invalid input detected at '^' marker.\n\n");
		break;
	case EX_INCOMPLETE:
		sb_adds(out, "% Incomplete command.\n\n");
		break;
	case EX_AMBIGUOUS: {
		size_t b = strspn(line, " \t"), e = strlen(line);

		while (e > b && strchr(" \t\r\n", line[e - 1]))
			e--;
		sb_printf(out, "%% Ambiguous command:  \"%.*s\"\n", (int)(e - b), line + b);
		break;
	}
	case EX_UNKNOWN: {
		size_t b = strspn(line, " \t"), e = b + strcspn(line + b, " \t\r\n");

		sb_printf(out, "Translating \"%.*s\"\n"
		    "%% Unknown command or computer name, or unable to find computer address\n",
		    (int)(e - b), line + b);
		break;
	}
	default:
		break;
	}
}

void
exec_line(struct router *r, struct session *s, struct modestack *ms, int priv, const char *line,
    int caret_col, struct strbuf *out, struct exec_result *res)
{
	struct cl_match m, alt;
	int level = ms->depth - 1;
	int mode = ms->mode[level];

	memset(res, 0, sizeof(*res));
	res->cmd = -1;
	cl_match_line(line, mode, priv, &m);
	if (m.status == CL_INVALID && cl_modes[mode].config) {
		/* IOS: a command of an enclosing mode runs there and moves the
		 * session to that mode.  When no mode takes the line, the error
		 * is the one that got furthest into it. */
		struct cl_match *best = malloc(sizeof(*best));

		if (best == NULL)
			abort();
		*best = m;
		for (int d = level - 1; d >= 1; d--) {
			cl_match_line(line, ms->mode[d], priv, &alt);
			if (alt.status == CL_OK) {
				ms->depth = d + 1;
				level = d;
				*best = alt;
				break;
			}
			if (best->status == CL_INVALID && (alt.status == CL_INCOMPLETE ||
			    alt.status == CL_AMBIGUOUS || (alt.status == CL_INVALID &&
			    alt.err_pos > best->err_pos)))
				*best = alt;
		}
		m = *best;
		free(best);
	}
	switch (m.status) {
	case CL_EMPTY:
		res->st = EX_EMPTY;
		return;
	case CL_INVALID:
		res->st = EX_INVALID;
		res->err_pos = m.err_pos;
		break;
	case CL_INCOMPLETE:
		res->st = EX_INCOMPLETE;
		break;
	case CL_AMBIGUOUS:
		res->st = EX_AMBIGUOUS;
		break;
	case CL_UNKNOWN_EXEC:
		if (count_tokens(line) == 1)
			res->st = EX_UNKNOWN;
		else {
			res->st = EX_INVALID;
			res->err_pos = m.err_pos;
		}
		break;
	case CL_OK:
		res->cmd = m.cmd;
		if (m.do_exec || !cl_modes[m.mode].config)
			run_exec(r, s, ms, &m, out, res);
		else
			run_config(r, s, ms, level, &m, out, res);
		if (res->st == EX_INVALID)
			break;
		return;
	}
	format_error(res, line, caret_col, out);
}
