/*
 * test_fwd.c — the data plane's packet path (src/dataplane/fwd.c), with
 * packets built here: parsing hostile headers, ACL rules, the mobile map's
 * choice of path, encapsulation, fragments, ICMP fragmentation needed.
 * fwd.c is included, so its static functions are tested as they are.
 */
#include <criterion/criterion.h>

#include "../../src/dataplane/fwd.c"

static uint32_t
a4(const char *s)
{
	uint32_t v;

	inet_pton(AF_INET, s, &v);
	return v;
}

/* An IPv4 packet of total length len: proto, addresses, ports. */
static size_t
mkpkt(uint8_t *p, size_t len, uint8_t proto, const char *src, const char *dst, uint16_t sport,
    uint16_t dport, bool df)
{
	uint16_t c;

	memset(p, 0, len);
	p[0] = 0x45;
	p[2] = (uint8_t)(len >> 8);
	p[3] = (uint8_t)len;
	p[6] = df ? 0x40 : 0;
	p[8] = 64;
	p[9] = proto;
	*(uint32_t *)(p + 12) = a4(src);
	*(uint32_t *)(p + 16) = a4(dst);
	c = csum_fold(csum_add(0, p, 20));
	p[10] = (uint8_t)(c >> 8);
	p[11] = (uint8_t)c;
	if (proto == IPPROTO_ICMP) {
		p[20] = ICMP_ECHO;
		p[24] = (uint8_t)(sport >> 8);
		p[25] = (uint8_t)sport;
	} else {
		p[20] = (uint8_t)(sport >> 8);
		p[21] = (uint8_t)sport;
		p[22] = (uint8_t)(dport >> 8);
		p[23] = (uint8_t)dport;
	}
	return len;
}

static bool
header_ok(const uint8_t *ip)
{
	return csum_fold(csum_add(0, ip, (size_t)(ip[0] & 15) * 4)) == 0;
}

Test(fwd, parse_refuses_what_does_not_add_up)
{
	uint8_t p[100];
	struct pkt k;

	mkpkt(p, 60, IPPROTO_UDP, "192.0.2.1", "198.51.100.1", 1000, 2000, false);
	cr_assert(parse_ip(p, 60, &k));
	cr_assert_eq(k.sport, 1000);
	cr_assert_eq(k.dport, 2000);
	cr_assert_not(parse_ip(p, 59, &k), "total length beyond the frame");
	cr_assert_not(parse_ip(p, 19, &k), "shorter than a header");
	p[0] = 0x44;
	cr_assert_not(parse_ip(p, 60, &k), "header length 16");
	p[0] = 0x65;
	cr_assert_not(parse_ip(p, 60, &k), "version 6");
	p[0] = 0x4f;
	cr_assert_not(parse_ip(p, 59, &k), "60-byte header in 59 bytes");
	mkpkt(p, 24, IPPROTO_TCP, "192.0.2.1", "198.51.100.1", 1000, 2000, false);
	cr_assert(parse_ip(p, 24, &k));
	cr_assert_eq(k.sport, 0, "a TCP header cut short has no ports");
}

Test(fwd, rules_match_as_ios_reads_them)
{
	uint8_t p[100];
	struct pkt k;
	struct acl_rule r = {
		.action = ACL_PERMIT, .proto = 6, .src = 0xc0000200u, .srcw = 0xffu,
		.dst = 0, .dstw = 0xffffffffu, .sport = { 0, 65535, false },
		.dport = { 1000, 2000, false }, .dscp = -1, .icmp_type = -1, .icmp_code = -1,
	};

	mkpkt(p, 40, IPPROTO_TCP, "192.0.2.77", "203.0.113.5", 40000, 1500, false);
	parse_ip(p, 40, &k);
	cr_assert(rule_matches(&r, &k));
	r.dport = (struct acl_ports){ 1500, 1500, true };
	cr_assert_not(rule_matches(&r, &k), "neq 1500");
	r.dport = (struct acl_ports){ 0, 65535, false };
	r.established = true;
	cr_assert_not(rule_matches(&r, &k), "established: no ACK");
	p[33] = TH_ACK;
	parse_ip(p, 40, &k);
	cr_assert(rule_matches(&r, &k));
	r.src = 0xc0000300u;
	cr_assert_not(rule_matches(&r, &k), "other source network");
	/* the list: first match decides, none denies */
	{
		struct acl_rule v[2] = { r, r };

		v[0].action = ACL_DENY;
		v[0].src = 0xc0000200u;
		v[1].action = ACL_PERMIT;
		v[1].src = 0;
		v[1].srcw = 0xffffffffu;
		cr_assert_not(acl_permits(v, 2, &k));
		cr_assert(acl_permits(v + 1, 1, &k));
		cr_assert_not(acl_permits(v, 0, &k), "an empty list denies");
	}
}

/* A mobile node with LTE (label 1, priority 1) and 3G (label 2, priority 2). */
static void
two_paths(struct dp_mn *mn)
{
	memset(mn, 0, sizeof(*mn));
	mn->npaths = 2;
	mn->path[0] = (struct dp_path){ .label = 1, .prio = 1, .up = true, .tunnel = 0 };
	mn->path[1] = (struct dp_path){ .label = 2, .prio = 2, .up = true, .tunnel = 1 };
}

Test(fwd, the_mobile_map_picks_the_path)
{
	struct acl_rule icmp = { .action = ACL_PERMIT, .proto = 1, .srcw = 0xffffffffu,
		.dstw = 0xffffffffu, .dscp = -1, .icmp_type = -1, .icmp_code = -1 };
	struct acl_rule voice = { .action = ACL_PERMIT, .proto = 17, .srcw = 0xffffffffu,
		.dstw = 0xffffffffu, .sport = { 0, 65535, false }, .dport = { 16384, 32767, false },
		.dscp = -1, .icmp_type = -1, .icmp_code = -1 };
	struct dp_mmentry mm[2] = {
		{ .seq = 20, .rules = &voice, .nrules = 1, .labels = { 1 }, .nlabels = 1, .null = true },
		{ .seq = 30, .rules = &icmp, .nrules = 1, .labels = { 2 }, .nlabels = 1 },
	};
	struct dp_snap s = { .mmap = mm, .nmmap = 2 };
	struct dp_mn mn;
	uint8_t p[100];
	struct pkt k;
	enum dp_drop why = DPD_NREASONS;
	int entry;

	two_paths(&mn);
	mkpkt(p, 60, IPPROTO_ICMP, "192.0.2.130", "203.0.113.10", 7, 0, false);
	parse_ip(p, 60, &k);
	cr_assert_eq(classify(&s, &mn, &k, &entry, &why), 1, "ICMP: entry 30, 3G");
	cr_assert_eq(entry, 1);
	mkpkt(p, 60, IPPROTO_UDP, "192.0.2.130", "203.0.113.10", 20000, 20000, false);
	parse_ip(p, 60, &k);
	cr_assert_eq(classify(&s, &mn, &k, &entry, &why), 0, "voice: LTE");
	mn.path[0].up = false;
	cr_assert_eq(classify(&s, &mn, &k, &entry, &why), -1, "voice: LTE down, null");
	cr_assert_eq(why, DPD_NULL_LINK);
	mkpkt(p, 60, IPPROTO_TCP, "192.0.2.130", "203.0.113.10", 40000, 80, false);
	parse_ip(p, 60, &k);
	cr_assert_eq(classify(&s, &mn, &k, &entry, &why), 1, "no entry: the best path up");
	cr_assert_eq(entry, -1);
	mn.path[1].up = false;
	cr_assert_eq(classify(&s, &mn, &k, &entry, &why), -1);
	cr_assert_eq(why, DPD_NO_PATH);
}

static struct dp_path
tunnel_path(unsigned mtu)
{
	struct dp_path p = { .label = 1, .up = true, .tunnel = -1 };

	p.out.ifindex = 1;
	p.out.dmac_ok = true;
	p.out.src = a4("198.51.100.2");
	p.out.dst = a4("198.51.100.1");
	p.out.mtu = mtu;
	return p;
}

Test(fwd, encapsulation_fragments_and_too_big)
{
	static struct txbatch b;
	static uint8_t p[1400];
	struct dp d;
	struct dp_path path = tunnel_path(1360);
	uint8_t mac[6] = { 2, 0, 0, 0, 0, 1 }, peer[6] = { 2, 0, 0, 0, 0, 2 };
	struct rxinfo rx = { 2, a4("192.0.2.129"), mac, peer };
	struct pkt k;

	memset(&d, 0, sizeof(d));
	memset(&b, 0, sizeof(b));
	/* fits: one frame, outer IPv4 + UDP 5437, inner TTL one less */
	mkpkt(p, 100, IPPROTO_UDP, "192.0.2.130", "203.0.113.10", 1, 2, true);
	parse_ip(p, 100, &k);
	encap(&d, &b, &path, &k, false, &rx);
	cr_assert_eq(b.n, 1);
	cr_assert_eq(b.iov[0].iov_len, 14 + 28 + 100);
	cr_assert(header_ok(b.buf[0] + 14), "outer header checksum");
	cr_assert(header_ok(b.buf[0] + 14 + 28), "inner header checksum after the TTL");
	cr_assert_eq(b.buf[0][14 + 28 + 8], 63);
	cr_assert_eq(b.buf[0][14 + 22] << 8 | b.buf[0][14 + 23], DP_DATA_PORT);
	/* 1400 bytes without DF: two fragments, 1332 and 88 bytes of IP */
	b.n = 0;
	mkpkt(p, 1400, IPPROTO_UDP, "192.0.2.130", "203.0.113.10", 1, 2, false);
	parse_ip(p, 1400, &k);
	encap(&d, &b, &path, &k, false, &rx);
	cr_assert_eq(b.n, 2);
	cr_assert_eq(b.iov[0].iov_len, 14 + 1360);
	cr_assert_eq(b.iov[1].iov_len, 14 + 28 + 20 + 1400 - 20 - 1312);
	cr_assert_eq(b.buf[0][14 + 28 + 6] & 0x20, 0x20, "more fragments");
	cr_assert_eq(b.buf[1][14 + 28 + 6] & 0x20, 0, "the last");
	cr_assert_eq((b.buf[1][14 + 28 + 6] & 0x1f) << 8 | b.buf[1][14 + 28 + 7], 1312 / 8);
	cr_assert(header_ok(b.buf[0] + 14 + 28) && header_ok(b.buf[1] + 14 + 28));
	/* with DF: dropped, counted, and ICMP 3/4 with MTU 1332 back to the sender */
	b.n = 0;
	mkpkt(p, 1400, IPPROTO_UDP, "192.0.2.130", "203.0.113.10", 1, 2, true);
	parse_ip(p, 1400, &k);
	encap(&d, &b, &path, &k, false, &rx);
	cr_assert_eq(b.n, 1);
	cr_assert_eq(atomic_load(&d.drops[DPD_MTU]), 1);
	cr_assert_eq(memcmp(b.buf[0], peer, 6), 0, "back to the frame's sender");
	cr_assert_eq(b.to[0].sll_ifindex, 2, "out of the interface it came in by");
	cr_assert_eq(b.buf[0][14 + 20], ICMP_DEST_UNREACH);
	cr_assert_eq(b.buf[0][14 + 21], ICMP_FRAG_NEEDED);
	cr_assert_eq(b.buf[0][14 + 26] << 8 | b.buf[0][14 + 27], 1332);
	cr_assert(header_ok(b.buf[0] + 14));
	cr_assert_eq(csum_fold(csum_add(0, b.buf[0] + 14 + 20, b.iov[0].iov_len - 14 - 20)), 0,
	    "ICMP checksum");
	/* TTL 1: not forwarded */
	b.n = 0;
	mkpkt(p, 100, IPPROTO_UDP, "192.0.2.130", "203.0.113.10", 1, 2, true);
	p[8] = 1;
	parse_ip(p, 100, &k);
	encap(&d, &b, &path, &k, false, &rx);
	cr_assert_eq(b.n, 0);
	cr_assert_eq(atomic_load(&d.drops[DPD_TTL]), 1);
}

Test(fwd, partial_checksums_are_completed)
{
	uint8_t p[60];
	uint32_t s = 0;

	mkpkt(p, 60, IPPROTO_UDP, "192.0.2.130", "203.0.113.10", 1, 2, false);
	p[26] = 0x12;	/* what the sender's offload left */
	p[27] = 0x34;
	fix_l4_csum(p);
	s = csum_add(s, p + 12, 8);
	s += IPPROTO_UDP;
	s += 40;
	s = csum_add(s, p + 20, 40);
	cr_assert_eq(csum_fold(s), 0, "UDP checksum over the pseudo-header");
}
