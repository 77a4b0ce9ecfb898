/*
 * proto.h — the frames pmipsh and pmipd exchange on the Unix socket.
 *
 * A frame is a 4-byte big-endian payload length, a 1-byte type, then the
 * payload.  The shell says how it will talk in its first frame (HELLO):
 *  - stream: raw keystrokes (INPUT) go to the daemon, which does the echo,
 *    ? and Tab, paging and questions exactly as a router's vty does; the
 *    shell only copies OUT to stdout.  Used when stdin is not a terminal.
 *  - tty: the shell edits lines itself (libedit) and sends LINE, HELP,
 *    COMPLETE; the daemon answers with OUT, then PROMPT/DONE/MORE/ASK.
 *  - batch: like tty without a terminal (pmipsh -c), starting privileged.
 */
#ifndef PMIPSIM_PROTO_H
#define PMIPSIM_PROTO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct strbuf;

enum proto_type {
	/* shell -> daemon */
	P_HELLO = 1,	/* u8 kind, u16 rows, u16 cols */
	P_LINE,		/* a line to run (tty, batch), or the answer to ASK */
	P_HELP,		/* the line up to the cursor, ? pressed */
	P_COMPLETE,	/* the line up to the cursor, Tab pressed */
	P_KEY,		/* one key, answering MORE */
	P_WINCH,	/* u16 rows, u16 cols */
	P_INPUT,	/* stream: raw bytes */
	P_EOF,		/* stream: no more input */
	P_CTRLZ,	/* tty: Ctrl-Z */
	/* daemon -> shell */
	P_OUT = 64,	/* text to print */
	P_PROMPT,	/* u8 status (0 ok, 1 error), prompt: ready for the next line */
	P_ASK,		/* u8 flags (1 echo, 2 one key), question text */
	P_MORE,		/* the pager waits for a key */
	P_COMPLETION,	/* text to insert at the cursor (may be empty) */
	P_DONE,		/* end of the answer to HELP or COMPLETE */
	P_BYE		/* u8 status; the session is over */
};

enum proto_kind { PK_STREAM = 0, PK_TTY = 1, PK_BATCH = 2 };

#define PROTO_HDR 5
/* the largest frame either side takes; text longer than a chunk goes in
 * several OUT frames */
#define PROTO_MAX (16u << 20)
#define PROTO_OUT_CHUNK (1u << 20)

void proto_put(struct strbuf *b, int type, const void *payload, size_t len);
/* The header alone of a frame of type with len bytes of payload: for a
 * payload written separately. */
void proto_header(unsigned char h[PROTO_HDR], int type, size_t len);
/* Finds one frame at the start of buf.  Returns the bytes it takes, 0 when
 * more bytes are needed, -1 when the stream is corrupt. */
ssize_t proto_get(const char *buf, size_t len, int *type, const char **payload, size_t *plen);

#endif
