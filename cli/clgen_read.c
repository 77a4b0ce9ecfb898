/*
 * clgen_read.c — reads the grammar files: declarations and their
 * attributes, macros (@NAME(arg)), and then resolves the names (modes,
 * parents, the modes of each command).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clgen.h"

const struct vtable *
vtable_find(const char *name)
{
	for (int i = 0; i < nvtables; i++)
		if (strcmp(vtables[i].name, name) == 0)
			return &vtables[i];
	return NULL;
}

/* @NAME of a value table: its keywords as one alternative, each with the
 * help context "=NAME" that finds its help in the table; arg "except W
 * ..." leaves those words out (a command of their own has them). */
static char *
values_syntax(const char *file, int line, const struct vtable *vt, const char *arg)
{
	char *skip = xstrdup(arg), *w;
	const char *except[MAXVALUES];
	int nexcept = 0;
	size_t cap = 16, len;
	char *out;
	bool first = true;

	w = strtok(skip, " \t");
	if (w != NULL && strcmp(w, "except") != 0)
		err(file, line, "@%s(%s): only @%s(except WORD ...)", vt->name, arg, vt->name);
	while (w != NULL && (w = strtok(NULL, " \t")) != NULL) {
		bool known = false;

		for (int i = 0; i < vt->n; i++)
			known |= strcmp(vt->v[i].word, w) == 0;
		if (!known)
			err(file, line, "@%s: no value '%s' to leave out", vt->name, w);
		if (nexcept < MAXVALUES)
			except[nexcept++] = w;
	}
	for (int i = 0; i < vt->n; i++)
		cap += strlen(vt->v[i].word) + strlen(vt->name) + 5;
	out = xcalloc(cap, 1);
	strcpy(out, "{");
	for (int i = 0; i < vt->n; i++) {
		bool left_out = false;

		for (int k = 0; k < nexcept; k++)
			left_out |= strcmp(except[k], vt->v[i].word) == 0;
		if (left_out)
			continue;
		len = strlen(out);
		snprintf(out + len, cap - len, "%s %s@=%s", first ? "" : " |", vt->v[i].word,
		    vt->name);
		first = false;
	}
	len = strlen(out);
	snprintf(out + len, cap - len, " }");
	free(skip);
	return out;
}

/* Expands @macro(arg) references; $ in a macro body stands for arg; @NAME
 * of a value table expands to its keywords. */
static char *
expand_macros(const char *file, int line, const char *s, int depth)
{
	size_t cap = strlen(s) * 4 + 64, n = 0;
	char *out = xcalloc(cap, 1);

	if (depth > 8) {
		err(file, line, "macro nesting too deep");
		return xstrdup(s);
	}
	const char *start = s;

	while (*s) {
		/* @name at the start of a token calls a macro; kw@ctx is a help context */
		if (*s == '@' && (s == start || strchr(" \t[{|:", s[-1]))) {
			const char *b = ++s, *lp, *rp;
			struct macro *m = NULL;
			char *name, *arg, *body, *exp;

			while (*s && (isalnum((unsigned char)*s) || *s == '_' || *s == '-'))
				s++;
			name = xstrndup(b, s - b);
			arg = xstrdup("");
			lp = s;
			if (*lp == '(') {
				rp = strchr(lp, ')');
				if (rp == NULL) {
					err(file, line, "missing ')' after @%s", name);
					rp = lp + strlen(lp) - 1;
				}
				free(arg);
				arg = xstrndup(lp + 1, rp - lp - 1);
				s = rp + 1;
			}
			for (int i = 0; i < nmacros; i++)
				if (strcmp(macros[i].name, name) == 0)
					m = &macros[i];
			if (m == NULL && vtable_find(name) != NULL)
				exp = values_syntax(file, line, vtable_find(name), arg);
			else if (m == NULL) {
				err(file, line, "unknown macro @%s", name);
				continue;
			} else {
				/* substitute $ by the argument */
				body = xcalloc(strlen(m->body) * (strlen(arg) + 1) + 1, 1);
				for (const char *p = m->body, *q; *p; p = q) {
					q = strchr(p, '$');
					if (q == NULL) {
						strcat(body, p);
						break;
					}
					strncat(body, p, q - p);
					strcat(body, arg);
					q++;
				}
				exp = expand_macros(file, line, body, depth + 1);
				free(body);
			}
			while (n + strlen(exp) + 2 >= cap) {
				cap *= 2;
				out = realloc(out, cap);
				if (out == NULL)
					die("out of memory");
			}
			n += sprintf(out + n, " %s ", exp);
			free(exp);
			free(name);
			free(arg);
			continue;
		}
		if (n + 2 >= cap) {
			cap *= 2;
			out = realloc(out, cap);
			if (out == NULL)
				die("out of memory");
		}
		out[n++] = *s++;
		out[n] = '\0';
	}
	return out;
}


/* ---- grammar file reader ------------------------------------------------ */

static const char *
basename_noext(const char *path)
{
	const char *b = strrchr(path, '/');
	char *s, *dot;

	s = xstrdup(b ? b + 1 : path);
	dot = strrchr(s, '.');
	if (dot)
		*dot = '\0';
	return s;
}

static void
parse_cols(struct cmd *c, int lineno, char *v, struct col *cols, int *n, int max)
{
	for (char *tok = strtok(v, " \t,"); tok; tok = strtok(NULL, " \t,")) {
		char *eq = strchr(tok, '=');

		if (*n >= max) {
			err(c->file, lineno, "too many columns");
			return;
		}
		memset(&cols[*n], 0, sizeof(cols[*n]));
		if (eq) {
			*eq = '\0';
			cols[*n].col = colname(tok);
			if (eq[1] == '"') {
				char *e = strrchr(eq + 2, '"');

				if (e)
					*e = '\0';
				cols[*n].literal = xstrdup(eq + 2);
			} else
				cols[*n].slotname = colname(eq + 1);
		} else {
			cols[*n].col = colname(tok);
			cols[*n].slotname = colname(tok);
		}
		(*n)++;
	}
}

void
read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[4096];
	int lineno = 0;
	const char *file = basename_noext(path);
	struct mode *m = NULL;
	struct cmd *c = NULL;
	struct section *sec = NULL;
	struct vtable *vt = NULL;
	char *defmodes[MAXMODES];
	int ndefmodes = 0;

	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	while (fgets(buf, sizeof(buf), f)) {
		char *line = buf, *kw, *rest;
		bool indented;
		bool inq = false;

		lineno++;
		for (char *p = line; *p; p++) {
			if (*p == '"')
				inq = !inq;
			if (*p == '#' && !inq && (p == line || isspace((unsigned char)p[-1]))) {
				*p = '\0';
				break;
			}
		}
		indented = line[0] == ' ' || line[0] == '\t';
		line = trim(line);
		if (*line == '\0')
			continue;
		kw = line;
		rest = line + strcspn(line, " \t");
		if (*rest)
			*rest++ = '\0';
		rest = trim(rest);

		if (!indented) {
			m = NULL;
			c = NULL;
			vt = NULL;
			if (strcmp(kw, "mode") == 0) {
				if (nmodes == MAXMODES)
					die("too many modes");
				if (mode_find(rest) >= 0)
					err(path, lineno, "mode '%s' declared twice", rest);
				m = &modes[nmodes++];
				memset(m, 0, sizeof(*m));
				m->name = xstrdup(rest);
				m->file = file;
				m->line = lineno;
				m->parent = -1;
				m->prompt = xstrdup("");
			} else if (strcmp(kw, "cmd") == 0) {
				if (ncmds == MAXCMDS)
					die("too many commands");
				c = &cmds[ncmds];
				memset(c, 0, sizeof(*c));
				c->id = ncmds++;
				c->file = file;
				c->line = lineno;
				c->syntax = expand_macros(path, lineno, rest, 0);
				c->raw = xstrdup(rest);
				c->priv = 15;
				c->enter_mode = -1;
				for (int i = 0; i < ndefmodes; i++)
					c->modenames[c->nmodes++] = defmodes[i];
			} else if (strcmp(kw, "define") == 0) {
				char *lp = strchr(rest, '('), *rp = strchr(rest, ')');

				if (nmacros == MAXMACROS)
					die("too many macros");
				if (lp == NULL || rp == NULL || rp < lp) {
					err(path, lineno, "define NAME(P) SYNTAX");
					continue;
				}
				macros[nmacros].name = xstrndup(rest, lp - rest);
				macros[nmacros].param = xstrndup(lp + 1, rp - lp - 1);
				macros[nmacros].body = xstrdup(trim(rp + 1));
				nmacros++;
			} else if (strcmp(kw, "defaults") == 0) {
				char *w = strtok(rest, " \t");

				if (w == NULL || strcmp(w, "mode") != 0) {
					err(path, lineno, "defaults mode M...");
					continue;
				}
				ndefmodes = 0;
				while ((w = strtok(NULL, " \t")) != NULL)
					defmodes[ndefmodes++] = xstrdup(w);
			} else if (strcmp(kw, "values") == 0) {
				char *title = rest + strcspn(rest, " \t");

				if (*title)
					*title++ = '\0';
				if (nvtables == MAXVTABLES)
					die("too many value tables");
				if (vtable_find(rest) != NULL)
					err(path, lineno, "values '%s' declared twice", rest);
				for (int i = 0; i < nmacros; i++)
					if (strcmp(macros[i].name, rest) == 0)
						err(path, lineno, "values '%s': a macro has that name", rest);
				vt = &vtables[nvtables++];
				memset(vt, 0, sizeof(*vt));
				vt->name = xstrdup(rest);
				vt->title = unquote(path, lineno, title);
				vt->file = file;
				vt->line = lineno;
			} else if (strcmp(kw, "section") == 0) {
				sec = &sections[nsections++];
				sec->file = file;
				sec->title = unquote(path, lineno, rest);
				sec->text = xstrdup("");
			} else if (strcmp(kw, "text") == 0 && sec != NULL) {
				char *t = unquote(path, lineno, rest);
				char *nt = xcalloc(strlen(sec->text) + strlen(t) + 2, 1);

				sprintf(nt, "%s%s%s", sec->text, *sec->text ? " " : "", t);
				free(sec->text);
				sec->text = nt;
			} else
				err(path, lineno, "unknown declaration '%s'", kw);
			continue;
		}

		if (vt != NULL) {
			/* WORD NUMBER "HELP" */
			char *num = rest, *help = rest + strcspn(rest, " \t"), *end;
			long long v;

			if (*help)
				*help++ = '\0';
			v = strtoll(num, &end, 10);
			if (*num == '\0' || *end != '\0' || v < 0)
				err(path, lineno, "values: WORD NUMBER \"HELP\"");
			else if (*trim(help) != '"')
				err(path, lineno, "values: '%s' needs its help", kw);
			else if (vt->n == MAXVALUES)
				err(path, lineno, "values: more than %d", MAXVALUES);
			else {
				for (int i = 0; i < vt->n; i++)
					if (strcmp(vt->v[i].word, kw) == 0)
						err(path, lineno, "values %s: '%s' twice", vt->name, kw);
				vt->v[vt->n].word = xstrdup(kw);
				vt->v[vt->n].num = v;
				vt->v[vt->n].help = unquote(path, lineno, help);
				vt->n++;
			}
			continue;
		}
		if (m != NULL) {
			if (strcmp(kw, "prompt") == 0)
				m->prompt = unquote(path, lineno, rest);
			else if (strcmp(kw, "parent") == 0)
				m->parentname = xstrdup(rest);
			else if (strcmp(kw, "object") == 0)
				m->table = xstrdup(rest);
			else if (strcmp(kw, "inherit") == 0) {
				m->inherit = true;
				m->flag_col = colname(rest);
			} else if (strcmp(kw, "title") == 0)
				m->title = unquote(path, lineno, rest);
			else
				err(path, lineno, "unknown mode attribute '%s'", kw);
			continue;
		}
		if (c == NULL) {
			err(path, lineno, "attribute outside a declaration");
			continue;
		}
		if (strcmp(kw, "mode") == 0) {
			c->nmodes = 0;
			for (char *w = strtok(rest, " \t"); w; w = strtok(NULL, " \t"))
				c->modenames[c->nmodes++] = xstrdup(w);
		} else if (strcmp(kw, "help") == 0) {
			char *w = rest, *t = rest + strcspn(rest, " \t");

			if (*t)
				*t++ = '\0';
			if (c->nhelp == 64)
				die("too many help lines");
			c->help[c->nhelp].word = xstrdup(w);
			c->help[c->nhelp].text = unquote(path, lineno, t);
			c->nhelp++;
		} else if (strcmp(kw, "doc") == 0) {
			char *t = unquote(path, lineno, rest);

			if (c->doc) {
				char *nd = xcalloc(strlen(c->doc) + strlen(t) + 2, 1);

				sprintf(nd, "%s %s", c->doc, t);
				free(c->doc);
				c->doc = nd;
			} else
				c->doc = t;
		} else if (strcmp(kw, "priv") == 0)
			c->priv = atoi(rest);
		else if (strcmp(kw, "enter") == 0)
			c->enter = xstrdup(rest);
		else if (strcmp(kw, "table") == 0)
			c->table = xstrdup(rest);
		else if (strcmp(kw, "key") == 0)
			parse_cols(c, lineno, rest, c->keys, &c->nkeys, 16);
		else if (strcmp(kw, "set") == 0)
			parse_cols(c, lineno, rest, c->sets, &c->nsets, 32);
		else if (strcmp(kw, "order") == 0) {
			c->order = atoi(rest);
			c->has_order = true;
		} else if (strcmp(kw, "sort") == 0)
			c->sort = unquote(path, lineno, rest);
		else if (strcmp(kw, "check") == 0)
			c->check = xstrdup(rest);
		else if (strcmp(kw, "handler") == 0)
			c->handler = xstrdup(rest);
		else if (strcmp(kw, "after") == 0)
			c->after = xstrdup(rest);
		else if (strcmp(kw, "same") == 0)
			c->same = xstrdup(rest);
		else if (strcmp(kw, "render") == 0)
			c->render = xstrdup(rest);
		else if (strcmp(kw, "no-point") == 0)
			c->nopoint = xstrdup(rest);
		else if (strcmp(kw, "prefer") == 0)
			c->prefer = xstrdup(rest);
		else if (strcmp(kw, "unset") == 0)
			c->unset = unquote(path, lineno, rest);
		else if (strcmp(kw, "flags") == 0) {
			for (char *w = strtok(rest, " \t"); w; w = strtok(NULL, " \t")) {
				if (strcmp(w, "pipe") == 0)
					c->flags |= F_PIPE;
				else if (strcmp(w, "hidden") == 0)
					c->flags |= F_HIDDEN;
				else if (strcmp(w, "nono") == 0)
					c->flags |= F_NONO;
				else if (strcmp(w, "nodefault") == 0)
					c->flags |= F_NODEFAULT;
				else if (strcmp(w, "noonly") == 0)
					c->flags |= F_NOONLY;
				else if (strcmp(w, "negatable") == 0)
					c->flags |= F_NEGATABLE;
				else
					err(path, lineno, "unknown flag '%s'", w);
			}
		} else
			err(path, lineno, "unknown command attribute '%s'", kw);
	}
	fclose(f);
}


/* ---- resolution --------------------------------------------------------- */

static bool
mode_is_config(int i)
{
	for (int d = 0; i >= 0 && d < MAXMODES; d++, i = modes[i].parent)
		if (strcmp(modes[i].name, "config") == 0)
			return true;
	return false;
}

void
resolve(void)
{
	int seq = 0;

	if (nmodes < 2 || strcmp(modes[0].name, "exec") != 0 || strcmp(modes[1].name, "config") != 0)
		die("the first two modes must be exec and config");
	for (int i = 0; i < nmodes; i++) {
		if (modes[i].parentname) {
			modes[i].parent = mode_find(modes[i].parentname);
			if (modes[i].parent < 0)
				err(modes[i].file, modes[i].line, "unknown parent '%s'", modes[i].parentname);
		}
	}
	for (int i = 0; i < nmodes; i++)
		modes[i].config = mode_is_config(i);
	for (int i = 0; i < nmodes; i++)
		if (modes[i].inherit && modes[i].parent >= 0)
			modes[i].table = modes[modes[i].parent].table;

	/* modes of each command */
	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];
		int n = 0;

		if (c->nmodes == 0)
			err(c->file, c->line, "command has no mode");
		for (int j = 0; j < c->nmodes; j++) {
			if (strcmp(c->modenames[j], "@config") == 0) {
				for (int k = 0; k < nmodes; k++)
					if (modes[k].config)
						c->modes[n++] = k;
				continue;
			}
			c->modes[n] = mode_find(c->modenames[j]);
			if (c->modes[n] < 0)
				err(c->file, c->line, "unknown mode '%s'", c->modenames[j]);
			else
				n++;
		}
		c->nmodes = n;
		if (!c->has_order)
			c->order = 1000000 + seq;
		seq++;
		if (c->doc == NULL)
			err(c->file, c->line, "command has no doc line");
	}
	for (int i = 0; i < ncmds; i++)
		compile_cmd(&cmds[i]);
	for (int i = 0; i < ncmds; i++)
		if (cmds[i].root)
			register_help(&cmds[i]);
	/* a preferred keyword wins ambiguities wherever it appears */
	for (int i = 0; i < ncmds; i++) {
		if (cmds[i].prefer == NULL)
			continue;
		for (int j = 0; j < ncmds; j++)
			for (int k = 0; k < cmds[j].nnodes; k++)
				if (cmds[j].nodes[k].type == CL_T_KW &&
				    strcmp(cmds[j].nodes[k].text, cmds[i].prefer) == 0)
					cmds[j].nodes[k].flags |= 0x02;
	}
	/* handler-only commands have no `no` form unless they say so */
	for (int i = 0; i < ncmds; i++)
		if (cmds[i].kind == 0 && !(cmds[i].flags & F_NEGATABLE))
			cmds[i].flags |= F_NONO | F_NODEFAULT;
	for (int i = 0; i < ncmds; i++) {
		struct cmd *c = &cmds[i];
		bool config = false;

		for (int j = 0; j < c->nmodes; j++)
			config |= modes[c->modes[j]].config;
		if (config)
			c->flags |= F_FILE_OK;
		for (int j = 0; j < c->nnodes; j++)
			lookup_help(c, &c->nodes[j], c->nodes[j].tok->top == 0 &&
			    c->nodes[j].tok == c->root->kids[0] ? 0 : 1);
		if (c->kind == 0 && c->handler == NULL)
			err(c->file, c->line, "command neither stores nor has a handler");
		if (c->after && (c->kind == 0 || c->handler))
			err(c->file, c->line, "an after hook follows a store change: the command must "
			    "store something and have no handler");
		if (c->same) {
			bool stored = false;

			for (int j = 0; j < c->nsets; j++)
				stored |= strcmp(c->sets[j].col, c->same) == 0;
			if (c->kind != CL_K_ROW || !stored)
				err(c->file, c->line, "same %s: the command must add rows and set %s",
				    c->same, c->same);
		}
		for (int j = 0; j < c->nmodes; j++) {
			struct mode *m = &modes[c->modes[j]];

			m->cmds[m->ncmds++] = i;
		}
	}
	/* render order inside each mode: stable by order */
	for (int i = 0; i < nmodes; i++) {
		struct mode *m = &modes[i];

		for (int a = 1; a < m->ncmds; a++)
			for (int b = a; b > 0 && cmds[m->cmds[b - 1]].order > cmds[m->cmds[b]].order; b--) {
				int t = m->cmds[b];

				m->cmds[b] = m->cmds[b - 1];
				m->cmds[b - 1] = t;
			}
	}
}

