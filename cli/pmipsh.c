/*
 * pmipsh — the router's shell: a thin terminal on pmipd's Unix socket.
 *
 *   pmipsh [-s SOCKET] [-c COMMAND]...
 *
 * On a terminal it edits lines with libedit (history, emacs keys), answers
 * ? on the key press and Tab by asking pmipd, shows pmipd's --More-- pager
 * and questions.  With stdin not a terminal it passes the bytes to pmipd,
 * which runs them exactly as a router's vty would and sends back a console
 * transcript.  With -c it runs the commands, privileged, prints their output
 * and exits 1 if any of them failed.
 */
#include <errno.h>
#include <fcntl.h>
#include <histedit.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "proto.h"
#include "strbuf.h"

#define DEFAULT_SOCKET "/var/lib/pmipsim/pmipd.sock"

static int sock = -1;
static bool stream_mode;	/* a closed session is the end, not an error */
static bool peer_gone;
static struct strbuf inbuf;		/* bytes from pmipd not yet parsed */
static char prompt[256];
static int last_status;
static volatile sig_atomic_t winch;
static EditLine *el;
static bool ctrlz, dropline;
/* tty mode, while a command runs: keys are read as they are pressed,
 * Ctrl-^ (the IOS escape sequence) goes to pmipd at once, the others wait
 * in typeahead for the next line */
static bool tty_mode, serving, stdin_done;
/* the terminal as it was before serve_reply changed it, for an exit there */
static struct termios serve_cooked;
static bool serve_raw;

static void
restore_terminal(void)
{
	if (serve_raw)
		tcsetattr(STDIN_FILENO, TCSANOW, &serve_cooked);
}
static struct strbuf typeahead = STRBUF_INIT;
#define KEY_BREAK 0x1e

static void
die(const char *msg)
{
	fprintf(stderr, "pmipsh: %s\n", msg);
	exit(2);
}

static void
send_frame(int type, const void *p, size_t n)
{
	struct strbuf f = STRBUF_INIT;
	size_t off = 0;

	proto_put(&f, type, p, n);
	while (off < f.len) {
		ssize_t w = write(sock, f.s + off, f.len - off);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			if (stream_mode && (errno == EPIPE || errno == ECONNRESET)) {
				/* the session ended (exit): what was still typed goes
				 * nowhere, as on a console */
				peer_gone = true;
				break;
			}
			die("connection to pmipd lost");
		}
		off += (size_t)w;
	}
	sb_free(&f);
}

/* Next frame from pmipd; blocks.  Returns its type, payload in *p. */
static int
next_frame(struct strbuf *payload)
{
	for (;;) {
		const char *p;
		size_t n;
		int type;
		ssize_t used = proto_get(inbuf.s ? inbuf.s : "", inbuf.len, &type, &p, &n);
		char buf[65536];
		ssize_t r;

		if (used < 0)
			die("garbled data from pmipd");
		if (used > 0) {
			sb_reset(payload);
			sb_add(payload, p, n);
			sb_consume(&inbuf, (size_t)used);
			return type;
		}
		if (tty_mode && serving && !stdin_done) {
			struct pollfd pfd[2] = { { sock, POLLIN, 0 }, { STDIN_FILENO, POLLIN, 0 } };

			if (poll(pfd, 2, -1) < 0 && errno != EINTR)
				die("poll");
			if (pfd[1].revents & POLLIN) {
				r = read(STDIN_FILENO, buf, sizeof(buf));
				for (ssize_t i = 0; i < r; i++) {
					if (buf[i] == KEY_BREAK)
						send_frame(P_KEY, &buf[i], 1);
					else
						sb_addc(&typeahead, buf[i]);
				}
				if (r <= 0)
					stdin_done = true;	/* end of input */
			} else if (pfd[1].revents & (POLLHUP | POLLERR | POLLNVAL))
				stdin_done = true;
			if (!(pfd[0].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
		}
		r = read(sock, buf, sizeof(buf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return P_BYE;
		sb_add(&inbuf, buf, (size_t)r);
	}
}

static void
write_out(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(STDOUT_FILENO, s, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			exit(1);
		}
		s += w;
		n -= (size_t)w;
	}
}

static void
connect_to(const char *path)
{
	struct sockaddr_un sun;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path))
		die("socket path too long");
	strcpy(sun.sun_path, path);
	sock = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (sock < 0 || connect(sock, (struct sockaddr *)&sun, sizeof(sun)) < 0) {
		fprintf(stderr, "pmipsh: %s: %s (is pmipd running?)\n", path, strerror(errno));
		exit(2);
	}
}

static void
hello(int kind, int rows, int cols)
{
	unsigned char h[5] = { (unsigned char)kind, (unsigned char)(rows >> 8), (unsigned char)rows,
		(unsigned char)(cols >> 8), (unsigned char)cols };

	send_frame(P_HELLO, h, sizeof(h));
}

static void
term_size(int *rows, int *cols)
{
	struct winsize ws;

	*rows = 24;
	*cols = 80;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) {
		*rows = ws.ws_row;
		*cols = ws.ws_col;
	}
}

/* ---- stream mode -------------------------------------------------------- */

static int
run_stream(void)
{
	struct pollfd pfd[2];
	bool in_open = true;
	struct strbuf payload = STRBUF_INIT;
	char buf[65536];
	const char *cols = getenv("COLUMNS");

	stream_mode = true;
	hello(PK_STREAM, 0, cols ? atoi(cols) : 80);
	for (;;) {
		int n = 0;

		pfd[0].fd = sock;
		pfd[0].events = POLLIN;
		pfd[1].fd = STDIN_FILENO;
		pfd[1].events = POLLIN;
		if (poll(pfd, in_open ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("poll");
		}
		if (in_open && (pfd[1].revents & (POLLIN | POLLHUP | POLLERR))) {
			ssize_t r = read(STDIN_FILENO, buf, sizeof(buf));

			if (r > 0)
				send_frame(P_INPUT, buf, (size_t)r);
			else if (r == 0 || errno != EINTR) {
				send_frame(P_EOF, NULL, 0);
				in_open = false;
			}
			if (peer_gone)
				in_open = false;
		}
		if (!(pfd[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		{
			ssize_t r = read(sock, buf, sizeof(buf));

			if (r <= 0)
				return 0;
			sb_add(&inbuf, buf, (size_t)r);
		}
		for (;;) {
			const char *p;
			size_t plen;
			int type;
			ssize_t used = proto_get(inbuf.s, inbuf.len, &type, &p, &plen);

			if (used <= 0)
				break;
			if (type == P_OUT)
				write_out(p, plen);
			else if (type == P_BYE)
				n = -1;
			sb_consume(&inbuf, (size_t)used);
		}
		if (n < 0)
			break;
	}
	sb_free(&payload);
	return 0;
}

/* ---- batch mode --------------------------------------------------------- */

static int
run_batch(char **cmds, int ncmds)
{
	struct strbuf p = STRBUF_INIT;
	int rc = 0, type;

	hello(PK_BATCH, 0, 0);
	while ((type = next_frame(&p)) != P_PROMPT)
		if (type == P_BYE)
			return 1;
	for (int i = 0; i < ncmds; i++) {
		send_frame(P_LINE, cmds[i], strlen(cmds[i]));
		for (;;) {
			type = next_frame(&p);
			if (type == P_OUT)
				write_out(p.s, p.len);
			else if (type == P_PROMPT) {
				if (p.len > 0 && p.s[0] != 0)
					rc = 1;
				break;
			} else if (type == P_BYE) {
				sb_free(&p);
				return rc;
			}
		}
	}
	sb_free(&p);
	return rc;
}

/* ---- tty mode ----------------------------------------------------------- */

static struct termios saved_tio;

/* Shows text, then reads one key.  The terminal is switched first: a
 * key pressed as soon as the text appears is neither echoed nor lost. */
static int
read_key(const char *text, size_t textlen)
{
	struct termios raw;
	unsigned char c = 'q';

	if (typeahead.len > 0) {
		/* pressed before the question showed */
		c = (unsigned char)typeahead.s[0];
		sb_consume(&typeahead, 1);
		write_out(text, textlen);
		return c;
	}
	tcgetattr(STDIN_FILENO, &saved_tio);
	raw = saved_tio;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(STDIN_FILENO, TCSANOW, &raw);
	write_out(text, textlen);
	while (read(STDIN_FILENO, &c, 1) < 0 && errno == EINTR)
		;
	tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	return c;
}

/* Shows text (a question), then reads the answer, echoed or not; as
 * read_key, the terminal is set up before the question shows. */
static char *
read_line(const char *text, size_t textlen, bool echo)
{
	struct termios t;
	static char buf[1024];
	size_t nl = typeahead.len ? strcspn(typeahead.s, "\r\n") : 0, have = 0;

	if (typeahead.len > 0 && nl < typeahead.len) {
		/* the answer was typed before the question showed */
		snprintf(buf, sizeof(buf), "%.*s", (int)nl, typeahead.s);
		sb_consume(&typeahead, nl + 1 + (typeahead.s[nl] == '\r' && nl + 1 < typeahead.len &&
		    typeahead.s[nl + 1] == '\n'));
		write_out(text, textlen);
		if (echo)
			write_out(buf, strlen(buf));
		write_out("\n", 1);
		return buf;
	}
	if (typeahead.len > 0) {
		/* its beginning was: the rest comes from the terminal */
		have = (size_t)snprintf(buf, sizeof(buf), "%s", typeahead.s);
		if (have >= sizeof(buf))
			have = sizeof(buf) - 1;
		sb_reset(&typeahead);
	}
	tcgetattr(STDIN_FILENO, &saved_tio);
	t = saved_tio;
	if (!echo)
		t.c_lflag &= ~(tcflag_t)ECHO;
	else
		t.c_lflag |= ECHO;
	/* ISIG: Ctrl-C (ignored as a signal) makes the terminal drop what
	 * was typed of the answer */
	t.c_lflag |= ICANON | ISIG;
	tcsetattr(STDIN_FILENO, TCSANOW, &t);
	write_out(text, textlen);
	if (echo && have > 0)
		write_out(buf, have);
	if (fgets(buf + have, (int)(sizeof(buf) - have), stdin) == NULL)
		buf[have] = '\0';
	tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	buf[strcspn(buf, "\r\n")] = '\0';
	if (!echo)
		write_out("\n", 1);
	return buf;
}

static int
put_char(int c)
{
	char ch = (char)c;

	write_out(&ch, 1);
	return c;
}

static void
erase_more(void)
{
	char *elcap = tigetstr("el");

	if (elcap != NULL && elcap != (char *)-1) {
		write_out("\r", 1);
		/* through tputs: terminfo strings may carry padding ($<3>) */
		tputs(elcap, 1, put_char);
	} else
		write_out("\b\b\b\b\b\b\b\b\b         \b\b\b\b\b\b\b\b\b", 27);
}

static bool serve_reply_frames(void);

/* Handles what pmipd sends after a line, until it is ready again; on a
 * terminal, watching the keys meanwhile. */
static bool
serve_reply(void)
{
	struct termios cooked, keys;
	bool ok, tty = tty_mode;

	if (tty) {
		tcgetattr(STDIN_FILENO, &cooked);
		keys = cooked;
		/* Ctrl-C, Ctrl-Z and the like are keys too, as on a console */
		keys.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
		serve_cooked = cooked;
		serve_raw = true;
		keys.c_cc[VMIN] = 1;
		keys.c_cc[VTIME] = 0;
		tcsetattr(STDIN_FILENO, TCSANOW, &keys);
	}
	serving = true;
	ok = serve_reply_frames();
	serving = false;
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &cooked);
		serve_raw = false;
	}
	return ok;
}

static bool
serve_reply_frames(void)
{
	struct strbuf p = STRBUF_INIT;

	for (;;) {
		int type = next_frame(&p);

		switch (type) {
		case P_OUT:
			write_out(p.s, p.len);
			break;
		case P_MORE: {
			int k;

			k = read_key(" --More-- ", 10);
			erase_more();
			{
				char c = (char)k;

				send_frame(P_KEY, &c, 1);
			}
			break;
		}
		case P_ASK: {
			int flags = p.len ? (unsigned char)p.s[0] : 0;
			const char *q = p.len ? p.s + 1 : "";
			size_t qlen = p.len ? p.len - 1 : 0;
			char *a;

			if (flags & 2) {
				int k = read_key(q, qlen);
				char c[2] = { (char)k, 0 };

				write_out("\n", 1);
				a = (k == '\r' || k == '\n') ? (char *)"" : c;
				send_frame(P_LINE, a, strlen(a));
			} else {
				a = read_line(q, qlen, flags & 1);
				send_frame(P_LINE, a, strlen(a));
			}
			break;
		}
		case P_PROMPT:
			if (p.len > 0) {
				last_status = (unsigned char)p.s[0];
				snprintf(prompt, sizeof(prompt), "%.*s", (int)p.len - 1, p.s + 1);
			}
			sb_free(&p);
			return true;
		case P_BYE:
			sb_free(&p);
			return false;
		default:
			break;
		}
	}
}

static char *
prompt_fn(EditLine *e)
{
	(void)e;
	return prompt;
}

/* The line up to the cursor. */
static char *
line_to_cursor(EditLine *e)
{
	const LineInfo *li = el_line(e);
	size_t n = (size_t)(li->cursor - li->buffer);
	char *s = malloc(n + 1);

	if (s == NULL)
		abort();
	memcpy(s, li->buffer, n);
	s[n] = '\0';
	return s;
}

static unsigned char
help_fn(EditLine *e, int ch)
{
	char *line = line_to_cursor(e);
	struct strbuf p = STRBUF_INIT, out = STRBUF_INIT;
	int type;

	(void)ch;
	send_frame(P_HELP, line, strlen(line));
	while ((type = next_frame(&p)) != P_DONE && type != P_BYE)
		if (type == P_OUT)
			sb_add(&out, p.s, p.len);
	write_out("?\n", 2);
	write_out(out.s ? out.s : "", out.len);
	sb_free(&p);
	sb_free(&out);
	free(line);
	return CC_REDISPLAY;
}

static unsigned char
complete_fn(EditLine *e, int ch)
{
	char *line = line_to_cursor(e);
	struct strbuf p = STRBUF_INIT, out = STRBUF_INIT, ins = STRBUF_INIT;
	int type;
	unsigned char rc = CC_REFRESH;

	(void)ch;
	send_frame(P_COMPLETE, line, strlen(line));
	while ((type = next_frame(&p)) != P_DONE && type != P_BYE) {
		if (type == P_OUT)
			sb_add(&out, p.s, p.len);
		else if (type == P_COMPLETION)
			sb_add(&ins, p.s, p.len);
	}
	if (out.len) {
		write_out("\n", 1);
		write_out(out.s, out.len);
		rc = CC_REDISPLAY;
	} else if (ins.len)
		el_insertstr(e, ins.s);
	else
		rc = CC_REFRESH_BEEP;
	sb_free(&p);
	sb_free(&out);
	sb_free(&ins);
	free(line);
	return rc;
}

static unsigned char
ctrlz_fn(EditLine *e, int ch)
{
	(void)e;
	(void)ch;
	ctrlz = true;
	write_out("^Z\n", 3);
	return CC_NEWLINE;
}

static unsigned char
ctrlc_fn(EditLine *e, int ch)
{
	(void)e;
	(void)ch;
	dropline = true;
	write_out("^C\n", 3);
	return CC_NEWLINE;
}

/* libedit reads keys through this: it also watches the socket, so that
 * log lines (terminal monitor) show while a line is being typed. */
static int
getc_fn(EditLine *e, wchar_t *wc)
{
	static mbstate_t mb;

	/* keys pressed while the last command ran come first, in order */
	while (typeahead.len > 0) {
		char c = typeahead.s[0];
		size_t k;

		sb_consume(&typeahead, 1);
		k = mbrtowc(wc, &c, 1, &mb);
		if (k == (size_t)-2)
			continue;
		if (k == (size_t)-1) {
			memset(&mb, 0, sizeof(mb));
			*wc = (unsigned char)c;
		}
		return 1;
	}
	for (;;) {
		struct pollfd pfd[2] = { { STDIN_FILENO, POLLIN, 0 }, { sock, POLLIN, 0 } };
		bool shown = false;

		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (pfd[1].revents & (POLLIN | POLLHUP | POLLERR)) {
			char buf[65536];
			ssize_t r = read(sock, buf, sizeof(buf));

			if (r <= 0)
				return -1;
			sb_add(&inbuf, buf, (size_t)r);
			for (;;) {
				const char *p;
				size_t n;
				int type;
				ssize_t used = proto_get(inbuf.s, inbuf.len, &type, &p, &n);

				if (used <= 0)
					break;
				if (type == P_OUT) {
					if (!shown)
						write_out("\r\n", 2);
					write_out(p, n);
					shown = true;
				} else if (type == P_BYE)
					return -1;
				sb_consume(&inbuf, (size_t)used);
			}
			if (shown)
				el_set(e, EL_REFRESH);
		}
		if (pfd[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			char c;
			ssize_t r = read(STDIN_FILENO, &c, 1);
			size_t k;

			if (r <= 0)
				return r == 0 ? 0 : -1;
			k = mbrtowc(wc, &c, 1, &mb);
			if (k == (size_t)-2)
				continue;	/* more bytes of the character to come */
			if (k == (size_t)-1) {
				memset(&mb, 0, sizeof(mb));
				*wc = (unsigned char)c;
			}
			return 1;
		}
	}
}

static void
winch_handler(int sig)
{
	(void)sig;
	winch = 1;
}

static int
run_tty(void)
{
	History *hist = history_init();
	HistEvent ev;
	int rows, cols, err;

	setupterm(NULL, STDOUT_FILENO, &err);
	term_size(&rows, &cols);
	tty_mode = true;
	atexit(restore_terminal);
	hello(PK_TTY, rows, cols);
	if (!serve_reply())
		return 0;
	signal(SIGWINCH, winch_handler);
	/* ^C is a key of the router's shell, never the end of pmipsh: on the
	 * command line libedit gets it as a key; at a question (Password:)
	 * the terminal drops what was typed of the answer; while output runs
	 * it does nothing */
	signal(SIGINT, SIG_IGN);
	history(hist, &ev, H_SETSIZE, 500);
	el = el_init("pmipsh", stdin, stdout, stderr);
	el_set(el, EL_EDITOR, "emacs");
	el_set(el, EL_PROMPT, prompt_fn);
	el_set(el, EL_HIST, history, hist);
	el_set(el, EL_GETCFN, getc_fn);
	el_set(el, EL_SIGNAL, 1);
	/* ^C and ^Z are keys of the router's shell, not signals */
	el_set(el, EL_SETTY, "-d", "-isig", NULL);
	/* the wide form keeps these names; el_set's copies of them are
	 * never freed by libedit */
	el_wset(el, EL_ADDFN, L"pmip-help", L"IOS ? help", help_fn);
	el_wset(el, EL_ADDFN, L"pmip-complete", L"IOS Tab completion", complete_fn);
	el_wset(el, EL_ADDFN, L"pmip-ctrlz", L"end", ctrlz_fn);
	el_wset(el, EL_ADDFN, L"pmip-ctrlc", L"drop the line", ctrlc_fn);
	el_set(el, EL_BIND, "?", "pmip-help", NULL);
	el_set(el, EL_BIND, "^I", "pmip-complete", NULL);
	el_set(el, EL_BIND, "^Z", "pmip-ctrlz", NULL);
	el_set(el, EL_BIND, "^C", "pmip-ctrlc", NULL);
	for (;;) {
		int count;
		const char *line;

		if (winch) {
			unsigned char w[4];

			winch = 0;
			term_size(&rows, &cols);
			w[0] = (unsigned char)(rows >> 8);
			w[1] = (unsigned char)rows;
			w[2] = (unsigned char)(cols >> 8);
			w[3] = (unsigned char)cols;
			send_frame(P_WINCH, w, 4);
			el_resize(el);
		}
		ctrlz = dropline = false;
		/* editing mode before el_gets prints the prompt: keys typed
		 * as soon as it shows (scripts do) are not echoed by the
		 * terminal on top of libedit's own echo */
		el_set(el, EL_PREP_TERM, 1);
		line = el_gets(el, &count);	/* typeahead first: getc_fn */
		/* before the end-of-file test: on an empty line el_gets
		 * returns NULL for these keys too */
		if (ctrlz) {
			send_frame(P_CTRLZ, NULL, 0);
			if (!serve_reply())
				break;
			continue;
		}
		if (dropline)
			continue;
		if (line == NULL) {
			/* Ctrl-D: leave as exit would */
			write_out("\n", 1);
			break;
		}
		{
			size_t n = strcspn(line, "\r\n");

			if (n > 0) {
				char *h = strndup(line, n);

				if (h) {
					history(hist, &ev, H_ENTER, h);
					free(h);
				}
			}
			send_frame(P_LINE, line, n);
		}
		if (!serve_reply())
			break;
	}
	el_end(el);
	history_end(hist);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *path = getenv("PMIPSH_SOCKET");
	static char *cmds[256];
	int ncmds = 0, ch;

	while ((ch = getopt(argc, argv, "s:c:h")) != -1) {
		switch (ch) {
		case 's': path = optarg; break;
		case 'c':
			if (ncmds == 256)
				die("too many -c commands");
			cmds[ncmds++] = optarg;
			break;
		default:
			fprintf(stderr, "usage: pmipsh [-s SOCKET] [-c COMMAND]...\n");
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "usage: pmipsh [-s SOCKET] [-c COMMAND]...\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	connect_to(path ? path : DEFAULT_SOCKET);
	if (ncmds > 0)
		return run_batch(cmds, ncmds);
	if (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))
		return run_tty();
	return run_stream();
}
