/*
 * test_startup.c — the text startup-config: what write memory writes, that
 * it boots back to the same configuration, that a failed write loses
 * nothing, and how an absent, empty or unreadable file is taken.
 */
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cfgload.h"
#include "cmd.h"
#include "router.h"
#include "startup.h"
#include "store.h"
#include "strbuf.h"
#include "testrouter.h"

static char dir[64];

static void
mkscratch(void)
{
	snprintf(dir, sizeof(dir), "/tmp/test_startup.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void
rmscratch(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(startup, .init = mkscratch, .fini = rmscratch);

/* write memory on r; its output */
static char *
write_memory(struct router *r)
{
	struct strbuf out = STRBUF_INIT;
	struct cmd_ctx x;

	memset(&x, 0, sizeof(x));
	x.r = r;
	x.out = &out;
	cmd_write_memory(&x);
	sb_addc(&out, '\0');
	return sb_detach(&out);
}

static char *
slurp(const char *path)
{
	struct strbuf text = STRBUF_INIT, err = STRBUF_INIT;
	int rc = startup_read(path, &text, &err);

	cr_assert_eq(rc, 1, "startup_read %s: %d %s", path, rc, err.s ? err.s : "");
	sb_free(&err);
	return sb_detach(&text);
}

static void
set_path(struct router *r, const char *name)
{
	char *p;

	cr_assert_geq(asprintf(&p, "%s/%s", dir, name), 0);
	r->startup_path = p;
}

static const char cfg[] =
    "hostname MAG1\n"
    "interface Ethernet0/1\n"
    " ip address 192.0.2.1 255.255.255.0\n"
    "ip access-list extended A\n"
    " permit tcp any any eq www\n"
    "ipv6 mobile pmipv6-domain D1\n"
    " encap udptunnel\n"
    " lma LMA1\n"
    "  ipv4-address 198.51.100.1\n";

Test(startup, write_memory_writes_the_running_config_and_it_boots_back)
{
	struct router a, b;
	char *out, *saved, *ra, *rb, *e;

	router_init(&a);
	set_path(&a, "startup-config");
	load_ok(&a, cfg);
	out = write_memory(&a);
	cr_assert_str_eq(out, "Building configuration...\n[OK]\n");
	saved = slurp(a.startup_path);
	ra = render(&a, false);
	cr_assert_str_eq(saved, ra, "saved:\n%s\nrunning:\n%s", saved, ra);
	/* nothing is left beside it */
	{
		char *tmp;

		cr_assert_geq(asprintf(&tmp, "%s.new", a.startup_path), 0);
		cr_assert_neq(access(tmp, F_OK), 0);
		free(tmp);
	}
	/* the boot path: the same loader as copy FILE running-config */
	router_init(&b);
	e = load_named(&b, a.startup_path, saved);
	cr_assert_str_empty(e, "%s", e);
	rb = render(&b, false);
	cr_assert_str_eq(ra, rb, "%s", first_diff(ra, rb));
	free(e);
	free(rb);
	free(ra);
	free(saved);
	free(out);
	free(a.startup_path);
	router_fini(&a);
	router_fini(&b);
}

Test(startup, a_failed_write_keeps_the_old_file_and_says_why)
{
	struct router r;
	char *out, *before, *after, *tmp;

	router_init(&r);
	set_path(&r, "startup-config");
	load_ok(&r, cfg);
	free(write_memory(&r));
	before = slurp(r.startup_path);
	/* PATH.new cannot be made: a directory of that name is in the way */
	cr_assert_geq(asprintf(&tmp, "%s.new", r.startup_path), 0);
	cr_assert_eq(mkdir(tmp, 0700), 0);
	load_ok(&r, "hostname OTHER\n");
	out = write_memory(&r);
	cr_assert(strncmp(out, "Building configuration...\n%Error writing nvram:startup-config (",
	    63) == 0, "%s", out);
	cr_assert(strstr(out, "[OK]") == NULL, "%s", out);
	after = slurp(r.startup_path);
	cr_assert_str_eq(before, after);
	cr_assert(strstr(after, "hostname MAG1\n") != NULL);
	rmdir(tmp);
	free(tmp);
	free(out);
	free(before);
	free(after);
	free(r.startup_path);
	router_fini(&r);
}

Test(startup, a_shorter_configuration_replaces_a_longer_one_whole)
{
	struct router r;
	char *saved, *running;

	router_init(&r);
	set_path(&r, "startup-config");
	load_ok(&r, cfg);
	free(write_memory(&r));
	load_ok(&r, "no ip access-list extended A\nno ipv6 mobile pmipv6-domain D1\n");
	free(write_memory(&r));
	saved = slurp(r.startup_path);
	running = render(&r, false);
	cr_assert_str_eq(saved, running);
	cr_assert(strstr(saved, "pmipv6-domain") == NULL, "%s", saved);
	free(saved);
	free(running);
	free(r.startup_path);
	router_fini(&r);
}

Test(startup, absent_empty_and_erased_files_read_as_no_startup_config)
{
	struct router r;
	struct strbuf text = STRBUF_INIT, err = STRBUF_INIT;
	FILE *f;

	router_init(&r);
	set_path(&r, "startup-config");
	cr_assert_eq(startup_read(r.startup_path, &text, &err), 0);
	f = fopen(r.startup_path, "w");
	cr_assert_not_null(f);
	fclose(f);
	cr_assert_eq(startup_read(r.startup_path, &text, &err), 0);
	load_ok(&r, cfg);
	free(write_memory(&r));
	cr_assert_eq(startup_erase(r.startup_path, &err), 0);
	cr_assert_neq(access(r.startup_path, F_OK), 0);
	cr_assert_eq(startup_read(r.startup_path, &text, &err), 0);
	/* erasing what is not there is no error */
	cr_assert_eq(startup_erase(r.startup_path, &err), 0);
	cr_assert_eq(text.len, 0);
	cr_assert_null(err.s);
	sb_free(&text);
	free(r.startup_path);
	router_fini(&r);
}

Test(startup, a_directory_or_device_is_refused)
{
	struct strbuf text = STRBUF_INIT, err = STRBUF_INIT;

	cr_assert_eq(startup_read(dir, &text, &err), -1);
	cr_assert(strstr(err.s, "not a regular file") != NULL, "%s", err.s);
	sb_reset(&err);
	cr_assert_eq(startup_read("/dev/zero", &text, &err), -1);
	cr_assert(strstr(err.s, "not a regular file") != NULL, "%s", err.s);
	cr_assert_eq(text.len, 0);
	sb_free(&text);
	sb_free(&err);
}

Test(startup, a_bad_line_is_reported_with_its_number_and_the_rest_loads)
{
	struct router r;
	char *e, *out;

	router_init(&r);
	e = load_named(&r, "startup-config",
	    "hostname R9\n"
	    "interface Ethernet0/1\n"
	    " bogus words\n"
	    " description kept\n");
	cr_assert_str_eq(e, "startup-config:3: invalid input at \"bogus\" (column 2)\n", "%s", e);
	out = render(&r, false);
	cr_assert(strstr(out, "hostname R9\n") != NULL, "%s", out);
	cr_assert(strstr(out, " description kept\n") != NULL, "%s", out);
	free(out);
	free(e);
	router_fini(&r);
}
