/*
 * exec.h — runs one typed line: matching (with the IOS fall-back to
 * enclosing modes), check hook, store action, handler, mode change.  Used by
 * sessions and by the configuration file loader, so a line means the same
 * thing typed or loaded.
 */
#ifndef PMIPSIM_EXEC_H
#define PMIPSIM_EXEC_H

#include "cmd.h"

struct pipe_state;

enum exec_status {
	EX_OK,
	EX_EMPTY,	/* blank line or comment */
	EX_INVALID,	/* err_pos: byte offset of the caret */
	EX_INCOMPLETE,
	EX_AMBIGUOUS,
	EX_UNKNOWN,	/* EXEC: a single unknown word (IOS tries it as a host) */
	EX_FAILED,	/* a hook or handler refused; its message is in out */
	EX_ASYNC	/* the handler asked a question; the session resumes it */
};

struct exec_result {
	enum exec_status st;
	int err_pos;
	int cmd;		/* command run, or -1 */
	bool config_change;	/* a configuration command succeeded */
	/* the output goes on (a session's EXEC command; see cmd.h), through
	 * this output modifier when not NULL: the session's to finish */
	struct cmd_stream stream;
	struct pipe_state *pipe;
};

/* Runs line for session s (NULL when loading a file) at privilege priv,
 * in the modes of ms.  Output and error messages go to out: errors are
 * written with the caret placed caret_col columns to the right of the
 * line's first byte (the prompt length on a console). */
void exec_line(struct router *r, struct session *s, struct modestack *ms, int priv,
    const char *line, int caret_col, struct strbuf *out, struct exec_result *res);

/* Prompt of the mode on top of ms: "R1(config-if)#". */
void exec_prompt(const struct router *r, const struct modestack *ms, int priv, char *out,
    size_t outsz);

#endif
