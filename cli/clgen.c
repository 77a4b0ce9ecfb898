/*
 * clgen — compiles the grammar files (grammar/NAME.cli) into the parser tables, the handler
 * dispatch table and the command man page.
 *
 * Run by make, never installed:
 *   clgen -t cl_tables.c -H cl_gen.h -d cmd_dispatch.c -m pmipsim-commands.7 \
 *         grammar/base.cli grammar/interface.cli ...
 *
 * Grammar files are line oriented.  A declaration starts in column 0
 * (`mode NAME`, `cmd SYNTAX`, `define NAME(P) SYNTAX`, `section TITLE`,
 * `defaults mode M...`); the indented lines after it are its attributes.
 * See grammar/README.md for the language, clgen.h for the parts.  Every
 * error is reported as FILE:LINE: message and the build stops.
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

struct mode modes[MAXMODES];
int nmodes;
struct cmd cmds[MAXCMDS];
int ncmds;
struct macro macros[MAXMACROS];
int nmacros;
struct vtable vtables[MAXVTABLES];
int nvtables;
struct section sections[64];
int nsections;
int nerrors;

const char *const type_enum[] = { "CL_T_KW", "CL_T_WORD", "CL_T_LINE",
	"CL_T_RANGE", "CL_T_IPV4", "CL_T_IPV4PFX", "CL_T_IPV6", "CL_T_IPV6PFX",
	"CL_T_MAC", "CL_T_IFNAME", "CL_T_NAI", "CL_T_HEX", "CL_T_END" };
_Static_assert(sizeof(type_enum) / sizeof(type_enum[0]) == CL_T_END + 1,
    "type_enum names every enum cl_type value");

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "clgen: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

void
err(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s:%d: ", file, line);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	nerrors++;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz);

	if (p == NULL)
		die("out of memory");
	return p;
}

char *
xstrdup(const char *s)
{
	char *p = strdup(s);

	if (p == NULL)
		die("out of memory");
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);

	if (p == NULL)
		die("out of memory");
	return p;
}


char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* Splits the attribute value: a double-quoted string or the rest. */
char *
unquote(const char *file, int line, char *s)
{
	size_t n;
	char *out, *o;

	s = trim(s);
	if (*s != '"')
		return xstrdup(s);
	n = strlen(s);
	if (n < 2 || s[n - 1] != '"') {
		err(file, line, "unterminated string");
		return xstrdup(s);
	}
	out = o = xcalloc(n, 1);
	for (size_t i = 1; i < n - 1; i++) {
		if (s[i] == '\\' && i + 1 < n - 1)
			i++;
		*o++ = s[i];
	}
	*o = '\0';
	return out;
}

int
mode_find(const char *name)
{
	for (int i = 0; i < nmodes; i++)
		if (strcmp(modes[i].name, name) == 0)
			return i;
	return -1;
}

char *
colname(const char *s)
{
	char *c = xstrdup(s);

	for (char *p = c; *p; p++)
		if (*p == '-')
			*p = '_';
	return c;
}

int
main(int argc, char **argv)
{
	const char *tables = NULL, *header = NULL, *dispatch = NULL, *man = NULL, *protos = NULL;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i += 2) {
		if (i + 1 >= argc)
			die("option %s needs a value", argv[i]);
		switch (argv[i][1]) {
		case 't': tables = argv[i + 1]; break;
		case 'H': header = argv[i + 1]; break;
		case 'd': dispatch = argv[i + 1]; break;
		case 'm': man = argv[i + 1]; break;
		case 'p': protos = argv[i + 1]; break;
		default: die("unknown option %s", argv[i]);
		}
	}
	if (i == argc)
		die("usage: clgen -t tables.c -H gen.h -d dispatch.c -m man.7 FILE.cli...");
	for (; i < argc; i++)
		read_file(argv[i]);
	if (nerrors == 0)
		resolve();
	if (nerrors) {
		fprintf(stderr, "clgen: %d error(s)\n", nerrors);
		return 1;
	}
	collect_fnargs();
	if (tables)
		write_tables(tables);
	if (header)
		write_header(header);
	if (dispatch)
		write_dispatch(dispatch);
	if (protos)
		write_protos(protos);
	if (man)
		write_man(man);
	return 0;
}

