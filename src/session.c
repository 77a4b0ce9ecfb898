/*
 * session.c — sessions: the frames of the shell protocol, the vty line
 * discipline of stream mode, the --More-- pager and questions.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include "archive.h"
#include "cl_gen.h"
#include "exec.h"
#include "log.h"
#include "pipe.h"
#include "proto.h"
#include "router.h"
#include "session.h"
#include "store.h"

#define BUSY_INPUT_MAX 65536	/* stream bytes kept while a command is busy */
#define OUT_HIGH (4u << 20)	/* stop taking input while this much output waits */
#define STREAM_HIGH (1u << 20)	/* a streaming command waits while this much does */

static void session_feed(struct session *s);
static void prompt_out(struct session *s);
static void session_end(struct session *s);
static void answer(struct session *s, const char *a);

/* ---- output ------------------------------------------------------------- */

static void
emit_sb(void *ctx, const char *t, size_t n)
{
	sb_add(ctx, t, n);
}

/* Text for the shell.  Stream mode sends it as OUT frames. */
static void
out_text(struct session *s, const char *t, size_t n)
{
	if (n == 0)
		return;
	sb_add(&s->obuf, t, n);
}

/* A command's whole output for the shell: when nothing else waits, the
 * buffer itself becomes the pending text (a show running-config is
 * megabytes; b gets an empty buffer back). */
static void
out_take(struct session *s, struct strbuf *b)
{
	if (s->obuf.len == 0) {
		struct strbuf t = s->obuf;

		s->obuf = *b;
		*b = t;
		return;
	}
	out_text(s, b->s, b->len);
}

static void
out_str(struct session *s, const char *t)
{
	out_text(s, t, strlen(t));
}

static void
out_flush(struct session *s)
{
	unsigned char h[PROTO_HDR];

	if (s->obuf.len == 0)
		return;
	/* header and text straight into the socket's buffer: a paste's echo
	 * is megabytes, not worth another copy.  Output of any size goes, in
	 * frames the shell takes (a million bindings are hundreds of MiB). */
	for (size_t off = 0; off < s->obuf.len; off += PROTO_OUT_CHUNK) {
		size_t n = s->obuf.len - off < PROTO_OUT_CHUNK ? s->obuf.len - off : PROTO_OUT_CHUNK;

		proto_header(h, P_OUT, n);
		bufferevent_write(s->bev, h, sizeof(h));
		bufferevent_write(s->bev, s->obuf.s + off, n);
	}
	sb_reset(&s->obuf);
}

static void
out_frame(struct session *s, int type, const void *p, size_t n)
{
	unsigned char h[PROTO_HDR];

	/* text written so far goes first */
	out_flush(s);
	proto_header(h, type, n);
	bufferevent_write(s->bev, h, sizeof(h));
	if (n)
		bufferevent_write(s->bev, p, n);
}

int
session_length(const struct session *s)
{
	if (s->length >= 0)
		return s->length;
	return s->kind == PK_TTY && s->rows > 0 ? s->rows : 0;
}

int
session_width(const struct session *s)
{
	if (s->width >= 0)
		return s->width;
	return s->cols > 0 ? s->cols : 80;
}

static void
current_prompt(struct session *s, char *buf, size_t sz)
{
	exec_prompt(s->r, &s->ms, s->priv, buf, sz);
}

/* ---- pager -------------------------------------------------------------- */

static int
phys_lines(const char *l, size_t n, int width)
{
	if (n && l[n - 1] == '\n')
		n--;
	if (width <= 0 || n <= (size_t)width)
		return 1;
	return (int)((n + (size_t)width - 1) / (size_t)width);
}

/* Shows pending output until the page is full.  Returns true when all of it
 * has been shown. */
static bool
pager_run(struct session *s)
{
	int len = session_length(s), width = session_width(s);

	while (s->pend_off < s->pend.len) {
		const char *p = s->pend.s + s->pend_off;
		size_t left = s->pend.len - s->pend_off;
		const char *nl = memchr(p, '\n', left);
		size_t n = nl ? (size_t)(nl - p) + 1 : left;

		if (len > 0 && s->lines_left <= 0) {
			s->state = SS_MORE;
			if (s->kind == PK_STREAM)
				out_str(s, " --More-- ");
			else
				out_frame(s, P_MORE, NULL, 0);
			return false;
		}
		out_text(s, p, n);
		s->pend_off += n;
		if (len > 0)
			s->lines_left -= phys_lines(p, n, width);
	}
	sb_reset(&s->pend);
	s->pend_off = 0;
	return true;
}

static void
finish_command(struct session *s)
{
	if (s->state == SS_CLOSING)
		return;
	s->state = SS_NORMAL;
	prompt_out(s);
}

static void stream_continue(struct session *s);

/* The command's output is all shown: the prompt, or the next piece of a
 * streaming command. */
static void
output_done(struct session *s)
{
	if (s->streaming)
		stream_continue(s);
	else
		finish_command(s);
}

/* Output of a command, then the prompt (after paging). */
static void
show_output(struct session *s, const char *t, size_t n)
{
	int len = session_length(s);

	s->paged = !(s->kind == PK_BATCH || len == 0);
	if (!s->paged) {
		out_text(s, t, n);
		output_done(s);
		return;
	}
	sb_add(&s->pend, t, n);
	s->lines_left = len - 1;
	if (pager_run(s))
		output_done(s);
}

static void stream_drop(struct session *s);

static void
pager_key(struct session *s, int key)
{
	int len = session_length(s);

	if (s->kind == PK_STREAM)	/* erase " --More-- " as IOS does */
		out_str(s, "\b\b\b\b\b\b\b\b\b         \b\b\b\b\b\b\b\b\b");
	s->state = SS_NORMAL;
	if (key == ' ')
		s->lines_left = len - 1;
	else if (key == '\r' || key == '\n')
		s->lines_left = 1;
	else {
		sb_reset(&s->pend);
		s->pend_off = 0;
		stream_drop(s);
	}
	if (pager_run(s))
		output_done(s);
}

/* ---- streaming output ------------------------------------------------------ */

/* Frees what a streaming command holds (its producer, its modifier). */
static void
stream_drop(struct session *s)
{
	if (s->stream.produce) {
		s->stream.produce = NULL;
		s->stream.done(s->stream.arg);
	}
	pipe_free(s->pipe);
	s->pipe = NULL;
}

/* The next piece of the output, through the modifier, appended to dst. */
static void
stream_piece(struct session *s, struct strbuf *dst)
{
	struct strbuf piece = STRBUF_INIT;
	bool more = s->stream.produce(s->stream.arg, s->pipe ? &piece : dst);

	if (s->pipe)
		pipe_feed(s->pipe, piece.s ? piece.s : "", piece.len, dst);
	sb_free(&piece);
	if (!more) {
		s->stream.produce = NULL;
		s->stream.done(s->stream.arg);
		if (s->pipe)
			pipe_close(s->pipe, dst);
		s->pipe = NULL;
	}
}

/* The streaming command is over (or stopped): the prompt, then what was
 * typed meanwhile. */
static void
stream_finish(struct session *s)
{
	stream_drop(s);
	s->streaming = false;
	s->stream_wait_write = false;
	s->busy_stop = NULL;
	s->busy_arg = NULL;
	if (s->read_paused) {
		s->read_paused = false;
		bufferevent_enable(s->bev, EV_READ);
	}
	if (s->state == SS_BUSY)
		s->state = SS_NORMAL;
	finish_command(s);
	out_flush(s);
	if (s->state == SS_NORMAL && !s->feeding)
		session_feed(s);
}

/* One piece, then: the pager shows it (and may stop at --More--), or it
 * goes straight out, and the next waits for the next loop turn, or for
 * the shell to take what waits. */
static void
stream_step(struct session *s)
{
	if (s->state == SS_CLOSING || !s->streaming)
		return;
	if (s->paged) {
		if (s->stream.produce)
			stream_piece(s, &s->pend);
		if (pager_run(s))
			stream_continue(s);
		return;
	}
	if (s->stream.produce)
		stream_piece(s, &s->obuf);
	out_flush(s);
	if (s->stream.produce == NULL)
		stream_finish(s);
	else if (evbuffer_get_length(bufferevent_get_output(s->bev)) < STREAM_HIGH)
		event_active(s->ev_stream, EV_TIMEOUT, 0);
	else
		s->stream_wait_write = true;
}

static void
stream_cb(evutil_socket_t fd, short what, void *arg)
{
	struct session *s = arg;

	(void)fd;
	(void)what;
	if (s->state == SS_BUSY)
		stream_step(s);
}

/* All shown so far: on with the next piece (a loop turn later), or done. */
static void
stream_continue(struct session *s)
{
	if (s->stream.produce == NULL) {
		stream_finish(s);
		return;
	}
	s->state = SS_BUSY;
	if (s->paged)
		event_active(s->ev_stream, EV_TIMEOUT, 0);
	else
		stream_step(s);
}

/* Ctrl-^ (the rest of the output is dropped), or the session ends. */
static void
stream_stop(void *arg, bool gone)
{
	struct session *s = arg;

	if (gone) {
		stream_drop(s);
		s->streaming = false;
		return;
	}
	sb_reset(&s->pend);
	s->pend_off = 0;
	stream_finish(s);
}

/* The command run last goes on producing (see struct cmd_stream). */
static void
stream_start(struct session *s, struct exec_result *res)
{
	s->stream = res->stream;
	s->pipe = res->pipe;
	s->streaming = true;
	s->stream_wait_write = false;
	if (s->ev_stream == NULL)
		s->ev_stream = event_new(s->r->base, -1, 0, stream_cb, s);
	s->state = SS_BUSY;
	s->busy_stop = stream_stop;
	s->busy_arg = s;
}

/* ---- prompt, history ---------------------------------------------------- */

static void
prompt_out(struct session *s)
{
	char p[128];
	uint8_t st = s->failed ? 1 : 0;

	current_prompt(s, p, sizeof(p));
	if (s->kind == PK_STREAM) {
		out_str(s, p);
		return;
	}
	{
		struct strbuf b = STRBUF_INIT;

		sb_addc(&b, (char)st);
		sb_adds(&b, p);
		out_frame(s, P_PROMPT, b.s, b.len);
		sb_free(&b);
	}
}

static void
hist_add(struct session *s, const char *line)
{
	if (s->hist_size <= 0)
		return;
	if (s->hist == NULL) {
		s->hist = calloc(256, sizeof(*s->hist));
		if (s->hist == NULL)
			abort();
	}
	/* the ring's buffers are kept and reused: no allocation a line */
	sb_reset(&s->hist[s->hist_head]);
	sb_adds(&s->hist[s->hist_head], line);
	s->hist_head = (s->hist_head + 1) % 256;
	if (s->hist_n < 256)
		s->hist_n++;
}

void
session_history(const struct session *s, struct strbuf *out)
{
	int n = s->hist_n < s->hist_size ? s->hist_n : s->hist_size;

	for (int i = n; i > 0; i--) {
		const char *l = s->hist[(s->hist_head - i + 256) % 256].s;

		if (l)
			sb_printf(out, "  %s\n", l);
	}
}

/* ---- running lines ------------------------------------------------------ */

/* A configuration session that changed something becomes an archive
 * entry when it ends (end, exit, Ctrl-Z, or the shell going away). */
static void
config_session_done(struct session *s)
{
	char who[32];

	if (s->changes.len == 0)
		return;
	snprintf(who, sizeof(who), "vty %d", s->vty);
	archive_add(s->r, who, s->changes.s, s->changes_more);
	sb_reset(&s->changes);
	s->changes_lines = s->changes_more = 0;
}

static void
note_change(struct session *s, const char *line, const struct exec_result *res)
{
	if (res->config_change) {
		router_changed(s->r, "console");
		/* the archive keeps the first lines only: a big paste's others
		 * are counted, not copied around */
		if (s->changes_lines < ARCHIVE_WHAT_LINES) {
			sb_adds(&s->changes, line + strspn(line, " \t"));
			sb_addc(&s->changes, '\n');
			s->changes_lines++;
		} else
			s->changes_more++;
	}
	if (s->ms.depth == 1)
		config_session_done(s);
}

/* IOS logs the end of every configuration session. */
static void
config_mode_left(struct session *s)
{
	bool now = s->ms.depth > 1;

	if (s->in_config && !now)
		rlog(s->r, LOG_SEV_NOTICE, "SYS", "CONFIG_I", "Configured from console by vty%d (local)",
		    s->vty);
	s->in_config = now;
}

static void
run_line(struct session *s, const char *line, int caret_col)
{
	struct strbuf out = STRBUF_INIT;
	struct exec_result res;

	if (strspn(line, " \t") != strlen(line))
		hist_add(s, line);
	exec_line(s->r, s, &s->ms, s->priv, line, caret_col, &out, &res);
	s->failed = res.st != EX_OK && res.st != EX_EMPTY && res.st != EX_ASYNC;
	if (s->failed)
		s->errors++;
	note_change(s, line, &res);
	if (res.st == EX_ASYNC) {
		/* the handler asked a question; what it printed comes first */
		out_text(s, out.s, out.len);
		sb_free(&out);
		return;
	}
	if (s->logout) {
		out_text(s, out.s, out.len);
		sb_free(&out);
		session_end(s);
		return;
	}
	if (res.stream.produce)
		stream_start(s, &res);
	show_output(s, out.s ? out.s : "", out.len);
	sb_free(&out);
	config_mode_left(s);
}

static void
batch_answer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct session *s = arg;

	(void)fd;
	(void)what;
	if (s->state == SS_ASK)
		answer(s, "");
	out_flush(s);
}

void
session_ask(struct session *s, const char *question, int flags, ask_fn cb, void *arg)
{
	if (s->kind == PK_BATCH) {
		/* nobody types in batch mode: the default answer, once the
		 * handler that asked has returned */
		s->state = SS_ASK;
		s->ask_cb = cb;
		s->ask_arg = arg;
		s->ask_flags = flags;
		if (s->ev_batch == NULL)
			s->ev_batch = event_new(s->r->base, -1, 0, batch_answer_cb, s);
		event_active(s->ev_batch, EV_TIMEOUT, 0);
		return;
	}
	s->state = SS_ASK;
	s->ask_cb = cb;
	s->ask_arg = arg;
	s->ask_flags = flags;
	sb_reset(&s->line);
	if (s->kind == PK_STREAM)
		out_str(s, question);
	else {
		struct strbuf b = STRBUF_INIT;

		sb_addc(&b, (char)flags);
		sb_adds(&b, question);
		out_frame(s, P_ASK, b.s, b.len);
		sb_free(&b);
	}
}

static void
answer_impl(struct session *s, const char *a)
{
	ask_fn cb = s->ask_cb;

	s->state = SS_NORMAL;
	s->ask_cb = NULL;
	cb(s, a, s->ask_arg);
}

static void
answer(struct session *s, const char *a)
{
	answer_impl(s, a);
}

void
session_busy(struct session *s, stop_fn stop, void *arg)
{
	s->state = SS_BUSY;
	s->busy_stop = stop;
	s->busy_arg = arg;
}

void
session_progress(struct session *s, const char *text, size_t len)
{
	out_text(s, text, len);
	out_flush(s);
}

static void session_feed(struct session *s);

void
session_resume(struct session *s, struct strbuf *out)
{
	bool was_busy = s->state == SS_BUSY;

	if (s->state == SS_ASK)		/* it asked again */
		return;
	if (was_busy) {
		s->state = SS_NORMAL;
		s->busy_stop = NULL;
		s->busy_arg = NULL;
		if (s->read_paused) {
			s->read_paused = false;
			bufferevent_enable(s->bev, EV_READ);
		}
	}
	if (s->state == SS_CLOSING || s->logout) {
		if (out)
			out_text(s, out->s, out->len);
		if (s->state != SS_CLOSING)
			session_end(s);
		return;
	}
	show_output(s, out && out->s ? out->s : "", out ? out->len : 0);
	out_flush(s);
	store_flush(s->r->run);
	/* what was typed meanwhile runs now (never from inside session_feed:
	 * a busy command ends from its own events) */
	if (was_busy && s->state == SS_NORMAL && !s->feeding)
		session_feed(s);
}

void
session_notify(struct session *s, const char *line)
{
	if (s->state == SS_HELLO || s->state == SS_CLOSING)
		return;
	if (s->kind == PK_STREAM) {
		/* as on a console without logging synchronous: the message on a
		 * line of its own, the typing goes on below it */
		out_str(s, "\n");
		out_str(s, line);
		out_str(s, "\n");
	} else {
		out_str(s, line);
		out_str(s, "\n");
	}
	out_flush(s);
}

void
session_logout(struct session *s)
{
	s->logout = true;
}

bool
session_is_batch(const struct session *s)
{
	return s->kind == PK_BATCH;
}

void
session_hooks(struct router *r)
{
	r->monitor = session_monitor;
	r->output_waiting = session_output_waiting;
}

int
session_monitor(struct router *r, const char *line)
{
	struct session *s;
	int n = 0;

	TAILQ_FOREACH(s, &r->sessions, entry)
		if (s->monitor) {
			session_notify(s, line);
			n++;
		}
	return n;
}

bool
session_output_waiting(struct router *r)
{
	struct session *s;

	TAILQ_FOREACH(s, &r->sessions, entry)
		if (s->obuf.len || s->streaming || evbuffer_get_length(bufferevent_get_output(s->bev)))
			return true;
	return false;
}

/* ---- stream mode: the vty ----------------------------------------------- */

/* ? is answered in the current mode, or, when nothing there matches, in the
 * first enclosing configuration mode where something does: the line would
 * run there too. */
static enum cl_help_status
help_in_modes(struct session *s, const char *line, struct strbuf *h)
{
	enum cl_help_status st = CL_HELP_UNRECOGNIZED;

	for (int d = s->ms.depth - 1; d >= 0; d--) {
		int mode = s->ms.mode[d];

		sb_reset(h);
		st = cl_help(line, mode, s->priv, (unsigned)session_width(s), emit_sb, h);
		if (st != CL_HELP_UNRECOGNIZED || !cl_modes[mode].config || mode == CL_MODE_CONFIG)
			break;
	}
	return st;
}

static int
complete_in_modes(struct session *s, const char *line, char *ins, size_t inssz, struct strbuf *h)
{
	int n = 0;

	for (int d = s->ms.depth - 1; d >= 0; d--) {
		int mode = s->ms.mode[d];

		sb_reset(h);
		n = cl_complete(line, mode, s->priv, ins, inssz, emit_sb, h);
		if (n > 0 || !cl_modes[mode].config || mode == CL_MODE_CONFIG)
			break;
	}
	return n;
}

static void
stream_help(struct session *s)
{
	struct strbuf h = STRBUF_INIT;
	char p[128];

	out_str(s, "?\n");
	switch (help_in_modes(s, s->line.s ? s->line.s : "", &h)) {
	case CL_HELP_OK:
		out_text(s, h.s, h.len);
		out_str(s, "\n");
		break;
	case CL_HELP_UNRECOGNIZED:
		out_str(s, "% Unrecognized command\n");
		break;
	case CL_HELP_AMBIGUOUS:
		sb_reset(&h);
		sb_printf(&h, "%% Ambiguous command:  \"%s\"\n", s->line.s ? s->line.s : "");
		out_text(s, h.s, h.len);
		break;
	}
	sb_free(&h);
	current_prompt(s, p, sizeof(p));
	out_str(s, p);
	out_text(s, s->line.s, s->line.len);
}

static void
stream_complete(struct session *s)
{
	struct strbuf h = STRBUF_INIT;
	char ins[128], p[128];

	complete_in_modes(s, s->line.s ? s->line.s : "", ins, sizeof(ins), &h);
	if (h.len) {
		out_str(s, "\n");
		out_text(s, h.s, h.len);
		current_prompt(s, p, sizeof(p));
		out_str(s, p);
		out_text(s, s->line.s, s->line.len);
	} else if (ins[0]) {
		sb_adds(&s->line, ins);
		out_str(s, ins);
	}
	sb_free(&h);
}

static void
stream_enter(struct session *s)
{
	char p[128];
	struct strbuf t;

	out_str(s, "\n");
	/* the line moves to s->running (the buffers swap, no copy), and a
	 * new one can be typed while it runs (a question's answer) */
	t = s->running;
	s->running = s->line;
	s->line = t;
	sb_reset(&s->line);
	current_prompt(s, p, sizeof(p));
	run_line(s, s->running.s ? s->running.s : "", (int)strlen(p));
}

static void
stream_ctrl_z(struct session *s)
{
	out_str(s, "^Z\n");
	sb_reset(&s->line);
	if (s->ms.mode[s->ms.depth - 1] != CL_MODE_EXEC)
		s->ms.depth = 1;
	config_session_done(s);
	prompt_out(s);
	config_mode_left(s);
}

/* One byte of a question's answer. */
static void
stream_ask_byte(struct session *s, unsigned char c)
{
	if (s->ask_flags & ASK_KEY) {
		char a[2] = { (char)c, 0 };

		if (c == '\n' && s->last_cr)
			return;
		s->last_cr = c == '\r';
		out_str(s, "\n");
		answer(s, c == '\r' || c == '\n' ? "" : a);
		return;
	}
	if (c == '\r' || (c == '\n' && !s->last_cr)) {
		char *a = strdup(s->line.s ? s->line.s : "");

		if (a == NULL)
			abort();
		s->last_cr = c == '\r';
		sb_reset(&s->line);
		out_str(s, "\n");
		answer(s, a);
		free(a);
		return;
	}
	s->last_cr = false;
	if (c == '\n' || c == '\0')
		return;
	if (c == 0x7f || c == 0x08) {
		if (s->line.len) {
			s->line.len--;
			s->line.s[s->line.len] = '\0';
			if (s->ask_flags & ASK_ECHO)
				out_str(s, "\b \b");
		}
		return;
	}
	if (c < 0x20)
		return;
	sb_addc(&s->line, (char)c);
	if (s->ask_flags & ASK_ECHO)
		out_text(s, (char *)&c, 1);
}

static void
stream_byte(struct session *s, unsigned char c)
{
	if (s->state == SS_MORE) {
		if ((c == '\n' || c == '\0') && s->last_cr) {
			s->last_cr = false;
			return;
		}
		s->last_cr = c == '\r';
		pager_key(s, c);
		return;
	}
	if (s->state == SS_ASK) {
		stream_ask_byte(s, c);
		return;
	}
	/* CR, LF and CR LF (or CR NUL) are each one Enter */
	if ((c == '\n' || c == '\0') && s->last_cr) {
		s->last_cr = false;
		return;
	}
	s->last_cr = c == '\r';
	switch (c) {
	case '\r':
	case '\n':
		stream_enter(s);
		return;
	case '?':
		stream_help(s);
		return;
	case '\t':
		stream_complete(s);
		return;
	case 0x1a:	/* Ctrl-Z */
		stream_ctrl_z(s);
		return;
	case 0x03: {	/* Ctrl-C: drop the line */
		out_str(s, "^C\n");
		sb_reset(&s->line);
		prompt_out(s);
		return;
	}
	case 0x15:	/* Ctrl-U: erase the line */
		while (s->line.len) {
			out_str(s, "\b \b");
			s->line.len--;
		}
		sb_reset(&s->line);
		return;
	case 0x7f:
	case 0x08:
		if (s->line.len) {
			s->line.len--;
			s->line.s[s->line.len] = '\0';
			out_str(s, "\b \b");
		}
		return;
	default:
		if (c < 0x20)
			return;
		if (s->line.len > 4096)
			return;
		sb_addc(&s->line, (char)c);
		out_text(s, (char *)&c, 1);
	}
}

/* A pasted line is mostly ordinary characters: take the run of them up to
 * the next control character or '?' at once, added to the line and echoed
 * as stream_byte would one by one.  False when there is no such run. */
static bool
stream_run(struct session *s)
{
	const unsigned char *p = (const unsigned char *)s->in.s + s->in_off;
	size_t n = 0, avail = s->in.len - s->in_off;

	while (n < avail && p[n] >= 0x20 && p[n] != 0x7f && p[n] != '?')
		n++;
	if (n < 2 || s->line.len + n > 4096)
		return false;
	sb_add(&s->line, (const char *)p, n);
	out_text(s, (const char *)p, n);
	s->last_cr = false;
	s->in_off += n;
	return true;
}

/* ---- framed requests (tty, batch) --------------------------------------- */

static void
frame_help(struct session *s, const char *line)
{
	struct strbuf h = STRBUF_INIT;

	switch (help_in_modes(s, line, &h)) {
	case CL_HELP_OK:
		sb_addc(&h, '\n');
		break;
	case CL_HELP_UNRECOGNIZED:
		sb_reset(&h);
		sb_adds(&h, "% Unrecognized command\n");
		break;
	case CL_HELP_AMBIGUOUS:
		sb_reset(&h);
		sb_printf(&h, "%% Ambiguous command:  \"%s\"\n", line);
		break;
	}
	out_text(s, h.s, h.len);
	out_frame(s, P_DONE, NULL, 0);
	sb_free(&h);
}

static void
frame_complete(struct session *s, const char *line)
{
	struct strbuf h = STRBUF_INIT;
	char ins[128];

	complete_in_modes(s, line, ins, sizeof(ins), &h);
	out_text(s, h.s, h.len);
	out_frame(s, P_COMPLETION, ins, strlen(ins));
	out_frame(s, P_DONE, NULL, 0);
	sb_free(&h);
}

static void
frame_line(struct session *s, const char *line)
{
	if (s->state == SS_ASK) {
		answer(s, line);
		return;
	}
	if (s->state != SS_NORMAL)
		return;
	if (s->kind == PK_BATCH) {
		/* no prompt was shown: errors point into the line as echoed */
		struct strbuf out = STRBUF_INIT;
		struct exec_result res;

		if (strspn(line, " \t") != strlen(line))
			hist_add(s, line);
		exec_line(s->r, s, &s->ms, s->priv, line, 0, &out, &res);
		s->failed = res.st != EX_OK && res.st != EX_EMPTY && res.st != EX_ASYNC;
		if (s->failed) {
			s->errors++;
			if (res.st != EX_FAILED)
				out_text(s, line, strlen(line)), out_str(s, "\n");
		}
		note_change(s, line, &res);
		out_take(s, &out);
		sb_free(&out);
		if (s->logout)
			session_end(s);
		else if (res.stream.produce) {
			stream_start(s, &res);
			show_output(s, "", 0);
		} else if (res.st != EX_ASYNC && s->state != SS_CLOSING)
			finish_command(s);
		config_mode_left(s);
		return;
	}
	{
		char p[128];

		current_prompt(s, p, sizeof(p));
		run_line(s, line, (int)strlen(p));
	}
}

static void
frame_in(struct session *s, int type, const char *p, size_t n)
{
	char *text;

	switch (type) {
	case P_HELLO:
		if (n < 5 || s->state != SS_HELLO)
			return;
		s->kind = (unsigned char)p[0];
		s->rows = (unsigned char)p[1] << 8 | (unsigned char)p[2];
		s->cols = (unsigned char)p[3] << 8 | (unsigned char)p[4];
		if (s->kind > PK_BATCH)
			s->kind = PK_STREAM;
		if (s->kind == PK_BATCH)
			s->priv = 15;
		s->state = SS_NORMAL;
		prompt_out(s);
		return;
	case P_WINCH:
		if (n >= 4) {
			s->rows = (unsigned char)p[0] << 8 | (unsigned char)p[1];
			s->cols = (unsigned char)p[2] << 8 | (unsigned char)p[3];
		}
		return;
	case P_INPUT:
		if (s->kind == PK_STREAM)
			sb_add(&s->in, p, n);
		return;
	case P_EOF:
		s->eof = true;
		return;
	case P_KEY:
		if (s->state == SS_MORE && n >= 1)
			pager_key(s, (unsigned char)p[0]);
		else if (s->state == SS_BUSY && n >= 1 && p[0] == 0x1e && s->busy_stop != NULL)
			s->busy_stop(s->busy_arg, false);	/* Ctrl-^ */
		return;
	case P_CTRLZ:
		if (s->state == SS_NORMAL) {
			if (s->ms.mode[s->ms.depth - 1] != CL_MODE_EXEC)
				s->ms.depth = 1;
			config_session_done(s);
			s->failed = false;
			prompt_out(s);
			config_mode_left(s);
		}
		return;
	}
	text = strndup(p, n);
	if (text == NULL)
		abort();
	/* a line is one line: anything after an embedded line end is dropped */
	text[strcspn(text, "\r\n")] = '\0';
	switch (type) {
	case P_LINE:
		frame_line(s, text);
		break;
	case P_HELP:
		if (s->state == SS_NORMAL)
			frame_help(s, text);
		break;
	case P_COMPLETE:
		if (s->state == SS_NORMAL)
			frame_complete(s, text);
		break;
	}
	free(text);
}

/* ---- connection --------------------------------------------------------- */

static void
session_free(struct session *s)
{
	if (s->busy_stop != NULL) {
		stop_fn stop = s->busy_stop;

		s->busy_stop = NULL;
		stop(s->busy_arg, true);
	}
	config_session_done(s);
	sb_free(&s->changes);
	TAILQ_REMOVE(&s->r->sessions, s, entry);
	if (s->ev_batch)
		event_free(s->ev_batch);
	if (s->ev_stream)
		event_free(s->ev_stream);
	bufferevent_free(s->bev);
	sb_free(&s->in);
	sb_free(&s->line);
	sb_free(&s->running);
	sb_free(&s->pend);
	sb_free(&s->obuf);
	if (s->hist)
		for (int i = 0; i < 256; i++)
			sb_free(&s->hist[i]);
	free(s->hist);
	free(s);
}

static void
session_end(struct session *s)
{
	struct strbuf f = STRBUF_INIT;
	uint8_t st = s->errors ? 1 : 0;

	if (s->busy_stop != NULL) {
		stop_fn stop = s->busy_stop;

		s->busy_stop = NULL;
		stop(s->busy_arg, true);
	}
	out_flush(s);
	proto_put(&f, P_BYE, &st, 1);
	bufferevent_write(s->bev, f.s, f.len);
	sb_free(&f);
	s->state = SS_CLOSING;
	bufferevent_disable(s->bev, EV_READ);
}

/* Processes what has arrived, as far as the session's state allows. */
static void
session_feed(struct session *s)
{
	struct evbuffer *input = bufferevent_get_input(s->bev);

	s->feeding = true;
	for (;;) {
		size_t len = evbuffer_get_length(input);
		const char *buf, *payload;
		int type;
		size_t plen;
		ssize_t used;

		if (s->state == SS_CLOSING)
			break;
		if (s->state == SS_BUSY && s->in_off < s->in.len) {
			/* Ctrl-^ stops the command; the rest waits for it */
			char *brk = memchr(s->in.s + s->in_off, 0x1e, s->in.len - s->in_off);

			if (brk != NULL && s->busy_stop != NULL) {
				memmove(brk, brk + 1, (size_t)(s->in.s + s->in.len - brk - 1));
				s->in.len--;
				s->busy_stop(s->busy_arg, false);
				continue;
			}
		}
		/* stream bytes first, in order */
		while (s->in_off < s->in.len && s->state != SS_CLOSING && s->state != SS_BUSY) {
			if (evbuffer_get_length(bufferevent_get_output(s->bev)) + s->obuf.len > OUT_HIGH)
				goto out;
			if (s->state == SS_NORMAL && stream_run(s))
				continue;
			stream_byte(s, (unsigned char)s->in.s[s->in_off++]);
			if (s->obuf.len > 65536)
				out_flush(s);
		}
		if (s->in_off == s->in.len) {
			sb_reset(&s->in);
			s->in_off = 0;
		}
		if (s->state == SS_CLOSING)
			break;
		/* input waiting for a busy command: a bounded amount (the shell
		 * waits on the socket beyond it; Ctrl-^ in it still counts) */
		if (s->state == SS_BUSY && s->in.len - s->in_off > BUSY_INPUT_MAX) {
			bufferevent_disable(s->bev, EV_READ);
			s->read_paused = true;
			break;
		}
		/* a command that became busy: its Ctrl-^ may already be here */
		if (s->state == SS_BUSY && s->in_off < s->in.len && s->busy_stop != NULL &&
		    memchr(s->in.s + s->in_off, 0x1e, s->in.len - s->in_off) != NULL)
			continue;
		if (len == 0)
			break;
		buf = (const char *)evbuffer_pullup(input, (ssize_t)(len < PROTO_HDR ? len : PROTO_HDR));
		if (len >= PROTO_HDR) {
			size_t need = PROTO_HDR + ((size_t)(unsigned char)buf[0] << 24 |
			    (size_t)(unsigned char)buf[1] << 16 | (size_t)(unsigned char)buf[2] << 8 |
			    (unsigned char)buf[3]);

			buf = (const char *)evbuffer_pullup(input, (ssize_t)(need <= len ? need : len));
		}
		used = proto_get(buf, len, &type, &payload, &plen);
		if (used < 0) {
			log_warnx("session vty %d: bad frame, closing", s->vty);
			session_end(s);
			break;
		}
		if (used == 0)
			break;
		/* frames other than stream input wait while a command is busy */
		if (type != P_INPUT && type != P_EOF && type != P_WINCH && type != P_KEY &&
		    (s->state == SS_MORE || s->state == SS_BUSY))
			break;
		frame_in(s, type, payload, plen);
		evbuffer_drain(input, (size_t)used);
	}
	for (int tries = 0; s->eof && s->in_off == s->in.len && s->state != SS_CLOSING &&
	    tries < 8; tries++) {
		if (s->state == SS_NORMAL && s->line.len) {
			/* a last line without a line end still runs */
			stream_enter(s);
			continue;
		}
		if (s->state == SS_MORE)	/* nobody is left to press a key */
			pager_key(s, 'q');
		else if (s->state == SS_ASK)
			answer(s, "");
		else if (s->state == SS_NORMAL) {
			out_str(s, "\n");
			session_end(s);
		}
	}
	if (s->eof && s->state != SS_CLOSING && s->state != SS_BUSY && s->in_off == s->in.len)
		session_end(s);
out:
	s->feeding = false;
	out_flush(s);
	store_flush(s->r->run);
}

static void
read_cb(struct bufferevent *bev, void *arg)
{
	struct session *s = arg;

	(void)bev;
	s->last_input = clock_now();
	archive_postpone(s->r);
	session_feed(s);
}

static void
write_cb(struct bufferevent *bev, void *arg)
{
	struct session *s = arg;

	if (s->state == SS_CLOSING) {
		if (evbuffer_get_length(bufferevent_get_output(bev)) == 0)
			session_free(s);
		return;
	}
	/* the shell took what a streaming command wrote: the next piece */
	if (s->stream_wait_write && s->state == SS_BUSY) {
		s->stream_wait_write = false;
		stream_step(s);
		return;
	}
	/* output drained: take input again */
	if (s->in_off < s->in.len || evbuffer_get_length(bufferevent_get_input(bev)))
		session_feed(s);
}

static void
event_cb(struct bufferevent *bev, short what, void *arg)
{
	struct session *s = arg;

	(void)bev;
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR)) {
		store_flush(s->r->run);
		session_free(s);
	}
}

static int
free_vty(struct router *r)
{
	for (int n = 0;; n++) {
		struct session *s;
		bool used = false;

		TAILQ_FOREACH(s, &r->sessions, entry)
			if (s->vty == n)
				used = true;
		if (!used)
			return n;
	}
}

void
session_new(struct router *r, int fd)
{
	struct session *s = calloc(1, sizeof(*s));

	if (s == NULL)
		abort();
	s->r = r;
	s->bev = bufferevent_socket_new(r->base, fd, BEV_OPT_CLOSE_ON_FREE);
	if (s->bev == NULL) {
		close(fd);
		free(s);
		return;
	}
	s->vty = free_vty(r);
	s->start = s->last_input = clock_now();
	s->priv = 1;
	s->ms.depth = 1;
	s->ms.mode[0] = CL_MODE_EXEC;
	s->ms.obj[0] = 1;
	s->length = s->width = -1;
	s->hist_size = 10;
	s->state = SS_HELLO;
	TAILQ_INSERT_TAIL(&r->sessions, s, entry);
	bufferevent_setcb(s->bev, read_cb, write_cb, event_cb, s);
	bufferevent_setwatermark(s->bev, EV_WRITE, 0, 0);
	bufferevent_enable(s->bev, EV_READ | EV_WRITE);
}

void
session_close_all(struct router *r, const char *why)
{
	struct session *s, *n;

	for (s = TAILQ_FIRST(&r->sessions); s; s = n) {
		n = TAILQ_NEXT(s, entry);
		if (why && s->state != SS_CLOSING)
			out_str(s, why);
		if (s->state != SS_CLOSING)
			session_end(s);
		bufferevent_flush(s->bev, EV_WRITE, BEV_FLUSH);
	}
}
