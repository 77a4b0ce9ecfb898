/*
 * test_alloc.c — the LMA's address pools (src/mobility/alloc.c): IPv4 home
 * addresses from ip local pool ranges, IPv6 home network prefixes, mobile
 * network prefixes split at their network-prefix length; exhaustion,
 * release, the address a node asks for, and leases that survive a restart
 * of the engine (DIR/state.db) without ever being handed out twice.
 *
 * The engine runs on a check-only router with an in-memory configuration:
 * it reads its pools and opens no socket.
 */
#include <criterion/criterion.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>

#include "cfgload.h"
#include "mobility/mob.h"
#include "router.h"
#include "store.h"
#include "strbuf.h"

static struct router R;
static char dir[] = "/tmp/pmipsim-alloc.XXXXXX";

static void
setup(void)
{
	char *err = NULL;

	memset(&R, 0, sizeof(R));
	TAILQ_INIT(&R.sessions);
	R.check_only = true;	/* the engine keeps its pools, opens no socket */
	R.run = store_open(":memory:", &err);
	cr_assert_not_null(R.run, "store_open: %s", err ? err : "?");
	cr_assert_not_null(mkdtemp(dir));
	R.dir = dir;
	R.base = event_base_new();
}

static void
teardown(void)
{
	char cmd[128];

	store_close(R.run);
	event_base_free(R.base);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	cr_assert_eq(system(cmd), 0);
}

static void
load(const char *text)
{
	struct strbuf errs = STRBUF_INIT;

	cr_assert_eq(config_load_text(&R, "cfg", text, strlen(text), &errs), 0, "%s", errs.s);
	sb_free(&errs);
}

static const char *
lease(struct mob *m, int pool, const char *nai, const char *want)
{
	static char buf[8][64];
	static int k;
	struct mob_prefix w = { 0 }, out;
	char *b = buf[k++ % 8];

	if (want) {
		w.family = strchr(want, ':') ? AF_INET6 : AF_INET;
		cr_assert_eq(inet_pton(w.family, want, &w.a), 1);
	}
	if (alloc_lease(m->alloc, pool, nai, want ? &w : NULL, &out) < 0)
		return "exhausted";
	return mob_prefix_str(&out, b, 64, out.family == AF_INET6 || out.plen != 32);
}

static void
release(struct mob *m, int pool, const char *addr)
{
	struct mob_prefix p = { 0 };

	p.family = strchr(addr, ':') ? AF_INET6 : AF_INET;
	cr_assert_eq(inet_pton(p.family, addr, &p.a), 1);
	alloc_release(m->alloc, pool, &p);
}

TestSuite(alloc, .init = setup, .fini = teardown);

Test(alloc, ipv4_ranges_in_order_then_exhausted)
{
	struct mob *m;
	int p;

	load("ip local pool v4 192.0.2.10 192.0.2.11\nip local pool v4 192.0.2.20\n");
	m = mob_new(&R);
	p = alloc_find(m->alloc, ALLOC_V4, "v4");
	cr_assert_geq(p, 0);
	cr_assert_eq(alloc_find(m->alloc, ALLOC_V4, "other"), -1);
	cr_assert_str_eq(lease(m, p, "a@example.com", NULL), "192.0.2.10");
	cr_assert_str_eq(lease(m, p, "b@example.com", NULL), "192.0.2.11");
	cr_assert_str_eq(lease(m, p, "c@example.com", NULL), "192.0.2.20");
	cr_assert_str_eq(lease(m, p, "d@example.com", NULL), "exhausted");
	cr_assert_eq(alloc_in_use(m->alloc, "v4", 0xc000020a, 0xc000020b), 2);
	cr_assert_eq(alloc_in_use(m->alloc, "v4", 0xc0000214, 0xc0000214), 1);
	release(m, p, "192.0.2.11");
	cr_assert_eq(alloc_in_use(m->alloc, "v4", 0xc000020a, 0xc000020b), 1);
	cr_assert_str_eq(lease(m, p, "d@example.com", NULL), "192.0.2.11");
	mob_free(m);
}

Test(alloc, the_address_asked_for_when_it_is_free)
{
	struct mob *m;
	int p;

	load("ip local pool v4 192.0.2.10 192.0.2.19\n");
	m = mob_new(&R);
	p = alloc_find(m->alloc, ALLOC_V4, "v4");
	cr_assert_str_eq(lease(m, p, "a@example.com", "192.0.2.15"), "192.0.2.15");
	/* taken: the next free one instead */
	cr_assert_str_eq(lease(m, p, "b@example.com", "192.0.2.15"), "192.0.2.10");
	/* outside the pool: ignored */
	cr_assert_str_eq(lease(m, p, "c@example.com", "198.51.100.1"), "192.0.2.11");
	mob_free(m);
}

Test(alloc, ipv6_prefixes_and_mobile_networks)
{
	struct mob *m;
	int p6, mnp;
	char key[96];
	uint64_t size, used;

	load("ipv6 local pool v6 2001:db8:1::/48 64\n"
	    "ipv6 mobile pmipv6-lma LMA1 domain D1\n"
	    " network net1\n"
	    "  mobile-network pool 192.0.2.128 pool-prefix 25 network-prefix 28\n");
	m = mob_new(&R);
	p6 = alloc_find(m->alloc, ALLOC_V6, "v6");
	cr_assert_geq(p6, 0);
	cr_assert_str_eq(lease(m, p6, "a@example.com", NULL), "2001:db8:1::/64");
	cr_assert_str_eq(lease(m, p6, "b@example.com", NULL), "2001:db8:1:1::/64");
	alloc_usage(m->alloc, p6, &size, &used);
	cr_assert_eq(size, 65536);
	cr_assert_eq(used, 2);
	alloc_mnp_key("192.0.2.128", 25, 28, key, sizeof(key));
	mnp = alloc_find(m->alloc, ALLOC_MNP, key);
	cr_assert_geq(mnp, 0);
	for (int i = 0; i < 8; i++) {
		char nai[32], want[32];

		snprintf(nai, sizeof(nai), "n%d@example.com", i);
		snprintf(want, sizeof(want), "192.0.2.%d/28", 128 + 16 * i);
		cr_assert_str_eq(lease(m, mnp, nai, NULL), want);
	}
	cr_assert_str_eq(lease(m, mnp, "n8@example.com", NULL), "exhausted");
	mob_free(m);
}

Test(alloc, leases_survive_a_restart_and_are_never_handed_out_twice)
{
	struct mob *m;
	int p;

	load("ip local pool v4 192.0.2.10 192.0.2.13\n");
	m = mob_new(&R);
	cr_assert_eq(m->restart_counter, 1);
	p = alloc_find(m->alloc, ALLOC_V4, "v4");
	cr_assert_str_eq(lease(m, p, "a@example.com", NULL), "192.0.2.10");
	cr_assert_str_eq(lease(m, p, "b@example.com", NULL), "192.0.2.11");
	cr_assert_str_eq(lease(m, p, "c@example.com", NULL), "192.0.2.12");
	release(m, p, "192.0.2.10");
	alloc_commit(m->alloc);
	mob_free(m);

	/* the next run: b and c are reserved for their nodes, a's is free */
	m = mob_new(&R);
	cr_assert_eq(m->restart_counter, 2);
	p = alloc_find(m->alloc, ALLOC_V4, "v4");
	cr_assert_eq(alloc_in_use(m->alloc, "v4", 0xc000020a, 0xc000020d), 2);
	cr_assert_str_eq(lease(m, p, "new@example.com", NULL), "192.0.2.10");
	cr_assert_str_eq(lease(m, p, "c@example.com", NULL), "192.0.2.12");
	cr_assert_str_eq(lease(m, p, "other@example.com", NULL), "192.0.2.13");
	cr_assert_str_eq(lease(m, p, "b@example.com", NULL), "192.0.2.11");
	cr_assert_str_eq(lease(m, p, "last@example.com", NULL), "exhausted");
	/* unclaimed reservations go back after the longest lifetime */
	alloc_commit(m->alloc);
	mob_free(m);
	m = mob_new(&R);
	p = alloc_find(m->alloc, ALLOC_V4, "v4");
	cr_assert_eq(alloc_in_use(m->alloc, "v4", 0xc000020a, 0xc000020d), 4);
	alloc_sweep(m->alloc, mob_now_ms() / 1000 + MOB_LIFETIME_MAX + 1);
	cr_assert_eq(alloc_in_use(m->alloc, "v4", 0xc000020a, 0xc000020d), 0);
	mob_free(m);
}

Test(alloc, a_pool_that_changes_keeps_its_leases)
{
	struct mob *m;
	int p;

	load("ip local pool v4 192.0.2.10 192.0.2.11\n");
	m = mob_new(&R);
	R.mob = m;
	p = alloc_find(m->alloc, ALLOC_V4, "v4");
	cr_assert_str_eq(lease(m, p, "a@example.com", NULL), "192.0.2.10");
	alloc_commit(m->alloc);
	/* a wider range: orphans are not involved, the lease comes from the
	 * LMA's bindings (none here), so it is the table that must not lose it
	 * across the next restart */
	load("ip local pool v4 192.0.2.10 192.0.2.12\n");
	alloc_reconfigure(m->alloc);
	cr_assert_eq(alloc_find(m->alloc, ALLOC_V4, "v4"), p);
	mob_free(m);
	R.mob = NULL;
	m = mob_new(&R);
	cr_assert_str_eq(lease(m, p, "b@example.com", NULL), "192.0.2.11");
	cr_assert_str_eq(lease(m, p, "a@example.com", NULL), "192.0.2.10");
	mob_free(m);
}
