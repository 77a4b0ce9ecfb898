/*
 * test_acl.c — access lists in the store: sequence numbers, the same entry
 * typed again, no forms, resequence, what an entry stores, and the same
 * entry read as numbers for the packet path (acl_rule_of), through the
 * code path a startup configuration takes (config_load_text).
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "acl_rule.h"
#include "router.h"
#include "rows.h"
#include "store.h"
#include "strbuf.h"
#include "testrouter.h"

/* The same entry again adds nothing, wherever it comes and whatever number
 * it is given; the entry after it is numbered as if it had not come. */
Test(store_row, acl_same_entry_again)
{
	struct router r;
	char *t;

	router_init(&r);
	load_ok(&r,
	    "ip access-list extended E\n"
	    " permit tcp any any eq 80\n"
	    " remark twice\n"
	    " permit tcp any any eq www\n"
	    " remark twice\n"
	    " 20 permit tcp any any eq www\n"
	    " 55 permit tcp any any eq 80\n"
	    " deny ip any any\n"
	    "ip access-list extended F\n"
	    " permit tcp any any eq 80\n");
	t = rows(&r, "SELECT a.name, seq, action, dst_port, remark FROM acl_entry JOIN acl a "
	    "ON a.id = parent ORDER BY a.name, seq");
	cr_assert_str_eq(t,
	    "E|10|permit|www|NULL\n"
	    "E|20|remark|NULL|twice\n"
	    "E|30|deny|NULL|NULL\n"
	    "F|10|permit|www|NULL\n");
	free(t);
	router_fini(&r);
}

Test(store_row, acl_entries_sequence_numbers)
{
	struct router r;
	char *t;

	router_init(&r);
	load_ok(&r,
	    "ip access-list extended E\n"
	    " permit ip any any\n"
	    " deny tcp host 192.0.2.1 any eq 80\n"
	    " 15 remark between\n"
	    " permit udp any any\n"
	    " permit ip any any\n");	/* the same entry again: nothing added */
	t = rows(&r, "SELECT seq, action, proto, src_host, dst_any, dst_op, dst_port, remark "
	    "FROM acl_entry ORDER BY seq");
	cr_assert_str_eq(t,
	    "10|permit|ip|NULL|any|NULL|NULL|NULL\n"
	    "15|remark|NULL|NULL|NULL|NULL|NULL|between\n"
	    "20|deny|tcp|192.0.2.1|any|eq|www|NULL\n"
	    "30|permit|udp|NULL|any|NULL|NULL|NULL\n");
	free(t);
	/* no SEQ; no ENTRY (by content); no SEQ of nothing */
	load_ok(&r,
	    "ip access-list extended E\n"
	    " no 15\n"
	    " no deny tcp host 192.0.2.1 any eq www\n"
	    " no 99\n");
	t = rows(&r, "SELECT seq, proto FROM acl_entry ORDER BY seq");
	cr_assert_str_eq(t, "10|ip\n30|udp\n");
	free(t);
	/* the next number is the next multiple of ten */
	load_ok(&r, "ip access-list extended E\n 31 permit icmp any any\n permit gre any any\n");
	t = rows(&r, "SELECT seq, proto FROM acl_entry ORDER BY seq");
	cr_assert_str_eq(t, "10|ip\n30|udp\n31|icmp\n40|gre\n");
	free(t);
	/* renumbered in their order, also when they were not added in it */
	load_ok(&r, "ip access-list resequence E 100 5\n");
	t = rows(&r, "SELECT seq, proto FROM acl_entry ORDER BY seq");
	cr_assert_str_eq(t, "100|ip\n105|udp\n110|icmp\n115|gre\n");
	free(t);
	/* numbers that could not be typed back are refused */
	{
		char *e = load_named(&r, "cfg", "ip access-list resequence E 2147483640 3\n"
		    "ip access-list resequence NONE 10 10\n");

		cr_assert_str_eq(e, "cfg:1: Resequencing would overflow the sequence numbers\n"
		    "cfg:2: Access list NONE not found\n");
		free(e);
	}
	t = rows(&r, "SELECT seq, proto FROM acl_entry ORDER BY seq");
	cr_assert_str_eq(t, "100|ip\n105|udp\n110|icmp\n115|gre\n");
	free(t);
	load_ok(&r, "ip access-list resequence E 2147483638 3\n");
	t = rows(&r, "SELECT seq FROM acl_entry ORDER BY seq");
	cr_assert_str_eq(t, "2147483638\n2147483641\n2147483644\n2147483647\n");
	free(t);
	router_fini(&r);
}

Test(store_row, acl_entry_values_are_stored)
{
	struct router r;
	char *t;

	router_init(&r);
	load_ok(&r,
	    "ip access-list extended E\n"
	    " permit ip any any dscp 46\n"
	    " deny tcp 192.0.2.0 0.0.0.255 eq 80 host 198.51.100.1 range 1000 2000 established "
	    "dscp 0 log\n"
	    " permit icmp any any 3 1\n");
	t = rows(&r, "SELECT seq, proto, dscp, log, established, src_addr, src_wild, src_op, "
	    "src_port, dst_host, dst_op, dst_port, dst_port2, icmp_type, icmp_code FROM acl_entry "
	    "ORDER BY seq");
	cr_assert_str_eq(t,
	    "10|ip|46|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL\n"
	    "20|tcp|0|1|1|192.0.2.0|0.0.0.255|eq|www|198.51.100.1|range|1000|2000|NULL|NULL\n"
	    "30|icmp|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|NULL|3|1\n");
	free(t);
	router_fini(&r);
}

/* The same entries as numbers, as a packet classifier reads them. */
static char *
rules_of(struct store *st)
{
	struct strbuf b = STRBUF_INIT;
	struct acl_entry_row e;
	struct acl_rule k;
	struct rows it;

	acl_entry_all(st, &it);
	while (acl_entry_next(&it, &e)) {
		if (!acl_rule_of(&e, &k)) {
			sb_printf(&b, "%lld: unreadable\n", (long long)e.seq);
			continue;
		}
		sb_printf(&b, "%lld: %d %d %08x/%08x %u-%u%s %08x/%08x %u-%u%s est=%d dscp=%d "
		    "icmp=%d/%d log=%d\n", (long long)e.seq, (int)k.action, k.proto, k.src, k.srcw,
		    k.sport.lo, k.sport.hi, k.sport.neq ? "!" : "", k.dst, k.dstw, k.dport.lo,
		    k.dport.hi, k.dport.neq ? "!" : "", k.established, k.dscp, k.icmp_type,
		    k.icmp_code, k.log);
	}
	return b.s ? b.s : strdup("");
}

Test(store_row, acl_entry_reads_as_numbers)
{
	struct router r;
	char *t;

	router_init(&r);
	load_ok(&r,
	    "ip access-list extended E\n"
	    " permit ip any any dscp 46\n"
	    " deny tcp 192.0.2.7 0.0.0.255 eq 80 host 198.51.100.1 range 1000 2000 established "
	    "dscp 0 log\n"
	    " permit icmp any any 3 1\n"
	    " permit udp any neq domain any gt 1023\n"
	    " permit tcp any any lt telnet\n"
	    " permit 47 host 203.0.113.9 any\n"
	    " remark the end\n"
	    "ip access-list standard S\n"
	    " deny 192.0.2.0 0.0.0.63\n");
	t = rules_of(r.run);
	cr_assert_str_eq(t,
	    "10: 0 -1 00000000/ffffffff 0-65535 00000000/ffffffff 0-65535 est=0 dscp=46 icmp=-1/-1 "
	    "log=0\n"
	    "10: 1 -1 c0000200/0000003f 0-65535 00000000/ffffffff 0-65535 est=0 dscp=-1 icmp=-1/-1 "
	    "log=0\n"
	    "20: 1 6 c0000200/000000ff 80-80 c6336401/00000000 1000-2000 est=1 dscp=0 icmp=-1/-1 "
	    "log=1\n"
	    "30: 0 1 00000000/ffffffff 0-65535 00000000/ffffffff 0-65535 est=0 dscp=-1 icmp=3/1 "
	    "log=0\n"
	    "40: 0 17 00000000/ffffffff 53-53! 00000000/ffffffff 1024-65535 est=0 dscp=-1 "
	    "icmp=-1/-1 log=0\n"
	    "50: 0 6 00000000/ffffffff 0-65535 00000000/ffffffff 0-22 est=0 dscp=-1 icmp=-1/-1 "
	    "log=0\n"
	    "60: 0 47 cb007109/00000000 0-65535 00000000/ffffffff 0-65535 est=0 dscp=-1 "
	    "icmp=-1/-1 log=0\n"
	    "70: 2 -1 00000000/00000000 0-65535 00000000/00000000 0-65535 est=0 dscp=-1 "
	    "icmp=-1/-1 log=0\n");
	free(t);
	router_fini(&r);
}
