/*
 * session.h — one shell connected to the router: its mode stack, privilege,
 * terminal settings, history, pager and pending question.
 *
 * Sessions are created by the listener in pmipd.c for each connection on the
 * Unix socket.  In stream mode the session is a router vty: it gets raw
 * bytes and does echo, line editing basics, ? and Tab, paging and questions
 * itself, so that piped input reads back as a console log.  In tty and batch
 * mode the shell edits lines and the session answers framed requests.
 */
#ifndef PMIPSIM_SESSION_H
#define PMIPSIM_SESSION_H

#include <stdbool.h>
#include <sys/queue.h>
#include <time.h>

#include "cmd.h"
#include "strbuf.h"

struct bufferevent;
struct event;
struct pipe_state;

/* SS_BUSY: a command runs on (ping); input waits until it is done */
enum sess_state { SS_HELLO, SS_NORMAL, SS_MORE, SS_ASK, SS_BUSY, SS_CLOSING };

#define ASK_ECHO 1	/* echo what is typed */
#define ASK_KEY 2	/* one key, no Enter ([confirm]) */

struct session;
typedef void (*ask_fn)(struct session *s, const char *answer, void *arg);
/* Stops a command that runs on: gone, the session is ending (free what the
 * command holds, say nothing); else the user asked it to stop (finish now,
 * with session_resume). */
typedef void (*stop_fn)(void *arg, bool gone);

struct session {
	TAILQ_ENTRY(session) entry;
	struct router *r;
	struct bufferevent *bev;
	int kind;			/* enum proto_kind */
	int vty;			/* line number for show users */
	time_t start, last_input;
	int priv;
	struct modestack ms;
	int rows, cols;			/* terminal size the shell reported */
	int length, width;		/* terminal length / width; -1: follow the terminal */
	int hist_size;
	struct strbuf *hist;		/* ring of the last lines (256; hist_size shown) */
	int hist_n, hist_head;
	enum sess_state state;
	/* stream mode line discipline */
	struct strbuf in;		/* bytes received, not yet processed */
	size_t in_off;
	struct strbuf line;		/* line being typed */
	struct strbuf running;		/* the line being run (the last one typed) */
	bool last_cr;
	bool eof;
	/* pager */
	struct strbuf pend;
	size_t pend_off;
	int lines_left;
	bool prompt_after;		/* write the prompt when the pager is done */
	/* question */
	ask_fn ask_cb;
	void *ask_arg;
	int ask_flags;
	/* batch/tty: did the last command fail */
	bool failed;
	int errors;
	bool logout;			/* end the session after this command */
	struct strbuf changes;		/* config lines of this configuration session:
					 * the first ARCHIVE_WHAT_LINES */
	int changes_lines, changes_more;	/* lines in changes; lines after them */
	struct event *ev_batch;		/* answers questions in batch mode */
	bool monitor;			/* terminal monitor */
	bool in_config;			/* for %SYS-5-CONFIG_I */
	struct strbuf obuf;		/* output accumulated during one feed */
	bool feeding;			/* inside session_feed */
	bool read_paused;		/* busy, with enough input waiting */
	stop_fn busy_stop;		/* SS_BUSY: how to stop the command */
	void *busy_arg;
	/* a command whose output goes on (struct cmd_stream) */
	bool streaming;
	struct cmd_stream stream;
	struct pipe_state *pipe;	/* its output modifier */
	bool paged;			/* through the pager, else straight out */
	bool stream_wait_write;		/* the shell is behind: on at write_cb */
	struct event *ev_stream;	/* the next piece, on the next loop turn */
};

/* Accepts a connection; the session frees itself when it ends. */
void session_new(struct router *r, int fd);
/* Ends every session (reload), telling each shell why. */
void session_close_all(struct router *r, const char *why);

/* For handlers. */
int session_length(const struct session *s);
int session_width(const struct session *s);
/* Asks a question; the answer (without the line end) goes to cb.  The
 * handler returns CMD_ASYNC and the cb ends with session_resume. */
void session_ask(struct session *s, const char *question, int flags, ask_fn cb, void *arg);
/* Finishes an asynchronous command: shows out (paged) and the prompt. */
void session_resume(struct session *s, struct strbuf *out);
/* The command runs on after its handler returns CMD_ASYNC (events and
 * timers of its own), showing its progress with session_progress, until it
 * calls session_resume; stop ends it early (Ctrl-^, or the session ends). */
void session_busy(struct session *s, stop_fn stop, void *arg);
void session_progress(struct session *s, const char *text, size_t len);
/* Marks the session to end once this command's output is written. */
void session_logout(struct session *s);
/* Answers the question in batch mode, where nobody types: the default. */
bool session_is_batch(const struct session *s);
/* A log line for a session with terminal monitor: shown between commands,
 * as it arrives. */
void session_notify(struct session *s, const char *line);
/* Copies the last n lines of history (oldest first) to out. */
void session_history(const struct session *s, struct strbuf *out);
/* Does some session have output the shell has not taken yet? */
bool session_output_waiting(struct router *r);
/* A log line for every session with terminal monitor; how many. */
int session_monitor(struct router *r, const char *line);
/* Fills in the router's hooks for the sessions (monitor, output_waiting). */
void session_hooks(struct router *r);

#endif
