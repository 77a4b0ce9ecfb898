/*
 * test_match.c — the matcher against the real grammar: abbreviation,
 * ambiguity, typed values, ranges, addresses, interface names, caret
 * columns, no/default/do, output modifiers (and their filter over output
 * in pieces), ? help and Tab.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "cl.h"
#include "cl_gen.h"
#include "pipe.h"
#include "strbuf.h"

static struct cl_match m;

static const struct cl_match *
M(const char *line, int mode)
{
	cl_match_line(line, mode, 15, &m);
	return &m;
}

static const char *
syntax(void)
{
	return m.cmd >= 0 ? cl_cmds[m.cmd].syntax : "";
}

static const char *
val(const char *name)
{
	const struct cl_cmd *c = &cl_cmds[m.cmd];

	for (int i = 0; i < c->nslots; i++)
		if (strcmp(c->slot_names[i], name) == 0)
			return m.vals[i].s;
	cr_assert_fail("no slot %s in %s", name, c->syntax);
	return NULL;
}

Test(match, abbreviations)
{
	cr_assert_eq(M("conf t", CL_MODE_EXEC)->status, CL_OK);
	cr_assert_str_eq(syntax(), "configure [how:{terminal}]");
	cr_assert_eq(M("config term", CL_MODE_EXEC)->status, CL_OK);
	cr_assert_eq(M("CONFIGURE TERMINAL", CL_MODE_EXEC)->status, CL_OK);
	cr_assert_eq(M("sh run", CL_MODE_EXEC)->status, CL_OK);
	cr_assert_str_eq(syntax(), "show running-config");
	cr_assert_eq(M("sh ip int br", CL_MODE_EXEC)->status, CL_OK);
	cr_assert_str_eq(syntax(), "show ip interface brief");
	cr_assert_eq(M("wr", CL_MODE_EXEC)->status, CL_OK);
	cr_assert_str_eq(syntax(), "write [memory]");
	cr_assert_eq(M("wr mem", CL_MODE_EXEC)->status, CL_OK);
}

Test(match, errors)
{
	/* longer than the keyword: not an abbreviation; several words: caret */
	cr_assert_eq(M("configuration terminal", CL_MODE_EXEC)->status, CL_UNKNOWN_EXEC);
	cr_assert_eq(m.err_pos, 0);
	cr_assert_eq(M("show i", CL_MODE_EXEC)->status, CL_AMBIGUOUS);
	cr_assert_eq(M("show", CL_MODE_EXEC)->status, CL_INCOMPLETE);
	cr_assert_eq(M("hostname", CL_MODE_CONFIG)->status, CL_INCOMPLETE);
	cr_assert_eq(M("hostname a b", CL_MODE_CONFIG)->status, CL_INVALID);
	cr_assert_eq(m.err_pos, 11);
	cr_assert_eq(M("terminal length 513", CL_MODE_EXEC)->status, CL_INVALID);
	cr_assert_eq(m.err_pos, 16);
	cr_assert_eq(M("show ip foo", CL_MODE_EXEC)->status, CL_INVALID);
	cr_assert_eq(m.err_pos, 8);
	cr_assert_eq(M("   ", CL_MODE_EXEC)->status, CL_EMPTY);
	cr_assert_eq(M("! a comment", CL_MODE_CONFIG)->status, CL_EMPTY);
	/* config mode: unknown first word is the caret form */
	cr_assert_eq(M("show running-config", CL_MODE_CONFIG)->status, CL_INVALID);
	cr_assert_eq(m.err_pos, 0);
}

Test(match, ranges_and_addresses)
{
	cr_assert_eq(M("terminal length 0", CL_MODE_EXEC)->status, CL_OK);
	cr_assert_str_eq(val("lines"), "0");
	cr_assert_eq(M("terminal length 512", CL_MODE_EXEC)->status, CL_OK);
	cr_assert_eq(M("terminal length 99999999999999999999999", CL_MODE_EXEC)->status, CL_INVALID);
	cr_assert_eq(M("terminal length -1", CL_MODE_EXEC)->status, CL_INVALID);
	cr_assert_eq(M("terminal length 1x", CL_MODE_EXEC)->status, CL_INVALID);
	cr_assert_eq(M("ip address 192.0.2.1 255.255.255.0", CL_MODE_CONFIG_IF)->status, CL_OK);
	cr_assert_str_eq(val("addr"), "192.0.2.1");
	cr_assert_eq(M("ip address 192.0.2.300 255.255.255.0", CL_MODE_CONFIG_IF)->status, CL_INVALID);
	cr_assert_eq(m.err_pos, 11);
	cr_assert_eq(M("ip address 192.0.2 255.255.255.0", CL_MODE_CONFIG_IF)->status, CL_INVALID);
	cr_assert_eq(M("ip address 192.0.2.1.1 255.255.255.0", CL_MODE_CONFIG_IF)->status, CL_INVALID);
	cr_assert_eq(M("ipv6 address 2001:db8::1/64", CL_MODE_CONFIG_IF)->status, CL_OK);
	cr_assert_str_eq(val("pfx"), "2001:DB8::1/64");
	cr_assert_eq(M("ipv6 address 2001:db8::1/129", CL_MODE_CONFIG_IF)->status, CL_INVALID);
	cr_assert_eq(M("ipv6 address 2001:db8::g/64", CL_MODE_CONFIG_IF)->status, CL_INVALID);
}

Test(match, interfaces)
{
	cr_assert_eq(M("int e0/1", CL_MODE_CONFIG)->status, CL_OK);
	cr_assert_str_eq(val("name"), "Ethernet0/1");
	cr_assert_eq(M("interface Ethernet 0/2", CL_MODE_CONFIG)->status, CL_OK);
	cr_assert_str_eq(val("name"), "Ethernet0/2");
	cr_assert_eq(M("interface eth1/0", CL_MODE_CONFIG)->status, CL_OK);
	cr_assert_str_eq(val("name"), "Ethernet1/0");
	cr_assert_eq(M("interface gigabitethernet 0/0/0", CL_MODE_CONFIG)->status, CL_OK);
	cr_assert_str_eq(val("name"), "GigabitEthernet0/0/0");
	cr_assert_eq(M("interface Loopback0", CL_MODE_CONFIG)->status, CL_OK);
	cr_assert_eq(M("interface Ethernet0/4", CL_MODE_CONFIG)->status, CL_INVALID);
	cr_assert_eq(M("interface Ethernet", CL_MODE_CONFIG)->status, CL_INCOMPLETE);
	cr_assert_eq(M("interface t 0", CL_MODE_CONFIG)->status, CL_AMBIGUOUS);
	cr_assert_eq(M("interface tu 0", CL_MODE_CONFIG)->status, CL_OK);
	cr_assert_str_eq(val("name"), "Tunnel0");
}

Test(match, no_default_do)
{
	cr_assert_eq(M("no shutdown", CL_MODE_CONFIG_IF)->status, CL_OK);
	cr_assert(m.negate);
	cr_assert_str_eq(syntax(), "shutdown");
	cr_assert_eq(M("no sh", CL_MODE_CONFIG_IF)->status, CL_OK);
	cr_assert_eq(M("no ip address", CL_MODE_CONFIG_IF)->status, CL_OK);
	cr_assert(m.negate);
	cr_assert_eq(M("no hostname", CL_MODE_CONFIG)->status, CL_OK);
	cr_assert_eq(M("default hostname", CL_MODE_CONFIG)->status, CL_OK);
	cr_assert(m.dflt);
	cr_assert_eq(M("no", CL_MODE_CONFIG)->status, CL_INCOMPLETE);
	cr_assert_eq(M("do show run", CL_MODE_CONFIG_IF)->status, CL_OK);
	cr_assert(m.do_exec);
	cr_assert_str_eq(syntax(), "show running-config");
	cr_assert_eq(M("do wr  mem", CL_MODE_CONFIG_IF)->status, CL_OK);
	cr_assert_eq(M("do show foo", CL_MODE_CONFIG)->status, CL_INVALID);
	cr_assert_eq(m.err_pos, 8);
	cr_assert_eq(M("d", CL_MODE_CONFIG_IF)->status, CL_AMBIGUOUS);
	/* exit has no no-form */
	cr_assert_eq(M("no exit", CL_MODE_CONFIG_IF)->status, CL_INVALID);
}

Test(match, pipes)
{
	cr_assert_eq(M("show running-config | include ip address", CL_MODE_EXEC)->status, CL_OK);
	cr_assert_eq(m.pipe, CL_PIPE_INCLUDE);
	cr_assert_str_eq(m.pipe_arg, "ip address");
	cr_assert_eq(M("sh run | sec interface", CL_MODE_EXEC)->status, CL_OK);
	cr_assert_eq(m.pipe, CL_PIPE_SECTION);
	cr_assert_eq(M("sh run | include", CL_MODE_EXEC)->status, CL_INCOMPLETE);
	cr_assert_eq(M("sh run | foo x", CL_MODE_EXEC)->status, CL_INVALID);
	cr_assert_eq(m.err_pos, 9);
	cr_assert_eq(M("show version | json", CL_MODE_EXEC)->status, CL_OK);
	cr_assert_eq(m.pipe, CL_PIPE_JSON);
	/* | on a command that takes no modifier is just invalid input */
	cr_assert_eq(M("hostname |", CL_MODE_CONFIG)->status, CL_OK);
	cr_assert_str_eq(val("name"), "|");
}

Test(match, acl_entries)
{
	cr_assert_eq(M("permit tcp any host 192.0.2.1 eq www", CL_MODE_CONFIG_EXT_NACL)->status, CL_OK);
	cr_assert_str_eq(val("proto"), "tcp");
	cr_assert_str_eq(val("dst_host"), "192.0.2.1");
	cr_assert_str_eq(val("dst_port"), "www");
	cr_assert_eq(M("deny ip host 192.0.2.2 any", CL_MODE_CONFIG_EXT_NACL)->status, CL_OK);
	cr_assert_str_eq(val("action"), "deny");
	cr_assert_str_eq(val("src_host"), "192.0.2.2");
	cr_assert_str_eq(val("dst_any"), "any");
	cr_assert_eq(M("permit ip any 10.255.224.0 0.0.0.255", CL_MODE_CONFIG_EXT_NACL)->status, CL_OK);
	cr_assert_str_eq(val("dst_wild"), "0.0.0.255");
	cr_assert_eq(M("15 permit udp any any range 1000 2000", CL_MODE_CONFIG_EXT_NACL)->status, CL_OK);
	cr_assert_str_eq(val("seq"), "15");
	cr_assert_str_eq(val("dst_op"), "range");
	cr_assert_str_eq(val("dst_port2"), "2000");
	cr_assert_eq(M("permit tcp any any established log", CL_MODE_CONFIG_EXT_NACL)->status, CL_OK);
	cr_assert_eq(M("permit icmp any any echo", CL_MODE_CONFIG_EXT_NACL)->status, CL_OK);
	cr_assert_eq(M("permit 47 any any", CL_MODE_CONFIG_EXT_NACL)->status, CL_OK);
	cr_assert_eq(M("permit ip any", CL_MODE_CONFIG_EXT_NACL)->status, CL_INCOMPLETE);
	cr_assert_eq(M("permit udp any any eq www", CL_MODE_CONFIG_EXT_NACL)->status, CL_INVALID);
	cr_assert_eq(M("no 10", CL_MODE_CONFIG_EXT_NACL)->status, CL_OK);
	cr_assert_eq(M("10", CL_MODE_CONFIG_EXT_NACL)->status, CL_INCOMPLETE);
	cr_assert_eq(M("permit 192.0.2.1", CL_MODE_CONFIG_STD_NACL)->status, CL_OK);
	cr_assert_eq(M("deny any log", CL_MODE_CONFIG_STD_NACL)->status, CL_OK);
}

struct cap {
	struct strbuf sb;
};

static void
cap_emit(void *ctx, const char *s, size_t len)
{
	sb_add(&((struct cap *)ctx)->sb, s, len);
}

static const char *
help(const char *line, int mode)
{
	static struct cap c;

	sb_reset(&c.sb);
	if (cl_help(line, mode, 15, 80, cap_emit, &c) != CL_HELP_OK)
		return "(unrecognized)";
	return c.sb.s;
}

Test(help, layout)
{
	cr_assert_str_eq(help("configure ", CL_MODE_EXEC),
	    "  replace   Replace the running-config with a new config file\n"
	    "  rollback  Return to an archived configuration\n"
	    "  terminal  Configure from the terminal\n  <cr>\n");
	cr_assert_str_eq(help("terminal length ", CL_MODE_EXEC),
	    "  <0-512>  Number of lines on screen (0 for no pausing)\n");
	cr_assert_str_eq(help("hostname ", CL_MODE_CONFIG), "  WORD  This system's network name\n");
	cr_assert_str_eq(help("show ip interface ", CL_MODE_EXEC),
	    "  brief  Brief summary of IP status and configuration\n");
	cr_assert_str_eq(help("show running-config ", CL_MODE_EXEC),
	    "  diff  Differences from the startup configuration\n"
	    "  |     Output modifiers\n  <cr>\n");
	cr_assert_str_eq(help("show running-config | ", CL_MODE_EXEC),
	    "  begin    Begin with the line that matches\n"
	    "  count    Count number of lines which match regexp\n"
	    "  exclude  Exclude lines that match\n"
	    "  include  Include lines that match\n"
	    "  json     Print the output as one JSON document\n"
	    "  section  Filter a section of output\n");
	cr_assert_str_eq(help("show running-config | include ", CL_MODE_EXEC),
	    "  LINE  Regular Expression\n");
	cr_assert_str_eq(help("wr", CL_MODE_EXEC), "write  \n");
	cr_assert_str_eq(help("show fo", CL_MODE_EXEC), "(unrecognized)");
	cr_assert_str_eq(help("interface Ethernet ", CL_MODE_CONFIG),
	    "  <0-15>  Ethernet interface number\n");
}

Test(help, config_mode_lists_no_default_do)
{
	const char *h = help("", CL_MODE_CONFIG_IF);

	cr_assert(strstr(h, "  default      Set a command to its defaults\n") != NULL, "%s", h);
	cr_assert(strstr(h, "  do           To run exec commands in config mode\n") != NULL, "%s", h);
	cr_assert(strstr(h, "  no           Negate a command or set its defaults\n") != NULL, "%s", h);
	cr_assert(strstr(h, "  shutdown     Shutdown the selected interface\n") != NULL, "%s", h);
	h = help("no ", CL_MODE_CONFIG_IF);
	cr_assert(strstr(h, "shutdown") != NULL, "%s", h);
	cr_assert(strstr(h, "exit") == NULL, "%s", h);
	h = help("do show ver", CL_MODE_CONFIG_IF);
	cr_assert_str_eq(h, "version  \n");
}

static const char *
complete(const char *line, int mode, char *ins)
{
	static struct cap c;

	sb_reset(&c.sb);
	cl_complete(line, mode, 15, ins, 64, cap_emit, &c);
	return c.sb.s ? c.sb.s : "";
}

Test(complete, words)
{
	char ins[64];

	complete("sh", CL_MODE_EXEC, ins);
	cr_assert_str_eq(ins, "ow ");
	complete("show running", CL_MODE_EXEC, ins);
	cr_assert_str_eq(ins, "-config ");
	complete("show", CL_MODE_EXEC, ins);
	cr_assert_str_eq(ins, " ");
	cr_assert_str_eq(complete("show i", CL_MODE_EXEC, ins), "interfaces  ip  ipv6  \n");
	cr_assert_str_eq(ins, "");
	complete("int gi", CL_MODE_CONFIG, ins);
	cr_assert_str_eq(ins, "gabitEthernet");
	complete("hostname R", CL_MODE_CONFIG, ins);
	cr_assert_str_eq(ins, "");
}

/* A modifier over output in pieces: whatever the cut, the result is the
 * one of the whole text at once. */
Test(pipe, pieces)
{
	static const char text[] =
	    "interface Ethernet0/0\n"
	    " ip address 192.0.2.1 255.255.255.0\n"
	    " no shutdown\n"
	    "interface Ethernet0/1\n"
	    " shutdown\n"
	    "router\n"
	    "interface Ethernet0/2\n"
	    " description last, no line end";
	static const struct {
		enum cl_pipe pipe;
		const char *re;
	} cases[] = {
		{ CL_PIPE_INCLUDE, "shut" }, { CL_PIPE_EXCLUDE, "^ " },
		{ CL_PIPE_BEGIN, "Ethernet0/1" }, { CL_PIPE_COUNT, "interface" },
		{ CL_PIPE_SECTION, "shutdown" }, { CL_PIPE_SECTION, "last" },
	};
	size_t len = strlen(text);

	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		struct strbuf whole = STRBUF_INIT;

		cr_assert_eq(pipe_filter(cases[c].pipe, cases[c].re, text, len, &whole), 0);
		for (size_t cut1 = 0; cut1 <= len; cut1 += 3)
			for (size_t cut2 = cut1; cut2 <= len; cut2 += 7) {
				struct strbuf got = STRBUF_INIT, err = STRBUF_INIT;
				struct pipe_state *p = pipe_open(cases[c].pipe, cases[c].re, &err);

				cr_assert_not_null(p);
				pipe_feed(p, text, cut1, &got);
				pipe_feed(p, text + cut1, cut2 - cut1, &got);
				pipe_feed(p, text + cut2, len - cut2, &got);
				pipe_close(p, &got);
				cr_assert_str_eq(got.s ? got.s : "", whole.s ? whole.s : "",
				    "case %zu cut at %zu and %zu", c, cut1, cut2);
				sb_free(&got);
				sb_free(&err);
			}
		sb_free(&whole);
	}
	/* a section: a line and the indented ones under it, as IOS shows */
	{
		struct strbuf out = STRBUF_INIT;

		pipe_filter(CL_PIPE_SECTION, "shutdown", text, len, &out);
		cr_assert_str_eq(out.s, "interface Ethernet0/0\n ip address 192.0.2.1 255.255.255.0\n"
		    " no shutdown\ninterface Ethernet0/1\n shutdown\n");
		sb_free(&out);
	}
	{
		struct strbuf out = STRBUF_INIT;

		cr_assert_eq(pipe_filter(CL_PIPE_INCLUDE, "(", text, len, &out), -1);
		cr_assert_str_eq(out.s, "% Invalid regular expression\n");
		sb_free(&out);
	}
}
