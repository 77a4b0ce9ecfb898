/*
 * test_codec.c — the Mobility Header codec: the golden vectors of the
 * protocol reference (§1.10) decoded field by field and rebuilt byte for
 * byte, round trips of every message type and option, option alignment,
 * each malformed input rejected with its reason, unknown options skipped,
 * the encoder's refusals, and the helpers' unit conversions.
 *
 * The golden PBA carries 10.0.0.5 and 10.0.0.1 because the reference
 * vectors do; these bytes never reach a wire.  Every other address here is
 * from the documentation ranges.
 */
#include <arpa/inet.h>
#include <criterion/criterion.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mobility/codec.h"

#define GOLDEN_PBU \
	"3b0a0500 00000001 c2000384 0811016c 6d6e3140 6578616d 706c652e 636f6d17" \
	"02000118 02000801 01001b08 00006553 f1008000 24060000 00000000 3f06080b" \
	"01000000 40120100 6d616731 40657861 6d706c65 2e636f6d"
#define GOLDEN_PBA \
	"3b090600 00000020 00010384 0811016c 6d6e3140 6578616d 706c652e 636f6d17" \
	"02000118 02000801 01001b08 00006553 f1008000 25060060 0a000005 26060000" \
	"0a000001 3f06080b 01000000 01020000"
#define GOLDEN_HB_REQ "3b010d00 00000000 00000001 01020000"
#define GOLDEN_HB_RSP "3b020d00 00000001 00000001 01001c04 00000007 01020000"

/* 1700000000 s and a half, 48.16 fixed point */
#define GOLDEN_TS 0x00006553f1008000ULL

static uint8_t in[4096], out[4096];

/* Hex digits to bytes; spaces are ignored. */
static size_t
unhex(const char *s, uint8_t *b)
{
	size_t n = 0;
	int hi = -1;

	for (; *s; s++) {
		int v;

		if (*s == ' ')
			continue;
		if (*s >= '0' && *s <= '9')
			v = *s - '0';
		else if (*s >= 'a' && *s <= 'f')
			v = *s - 'a' + 10;
		else
			cr_assert_fail("bad hex digit '%c'", *s);
		if (hi < 0) {
			hi = v;
		} else {
			b[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	cr_assert_eq(hi, -1, "odd number of hex digits");
	return n;
}

/* A message of MH type `type`: `fixed` is the hex of the octets after the
 * checksum up to the options, `opts` the options; padded with PadN or Pad1
 * to a multiple of 8 and given the matching Header Len. */
static size_t
raw(uint8_t type, const char *fixed, const char *opts, uint8_t *b)
{
	size_t n, pad;

	b[0] = PMIP_MH_PROTO;
	b[2] = type;
	b[3] = b[4] = b[5] = 0;
	n = 6 + unhex(fixed, b + 6);
	n += unhex(opts, b + n);
	pad = (8 - n % 8) % 8;
	if (pad == 1) {
		b[n++] = PMIP_OPT_PAD1;
	} else if (pad > 1) {
		b[n++] = PMIP_OPT_PADN;
		b[n++] = (uint8_t)(pad - 2);
		memset(b + n, 0, pad - 2);
		n += pad - 2;
	}
	b[1] = (uint8_t)(n / 8 - 1);
	return n;
}

/* PBU fixed part: seq 1, A|H|P, 900 units. */
#define PBU_FIXED "0001 c200 0384"
#define HB_RSP_FIXED "0001 00000001"

static void
assert_id(const struct pmip_id *id, uint8_t subtype, const char *s)
{
	cr_assert_eq(id->subtype, subtype);
	cr_assert_eq(id->len, strlen(s));
	cr_assert(memcmp(id->id, s, id->len) == 0, "identifier %.*s, expected %s",
	    (int)id->len, (const char *)id->id, s);
}

static void
assert_v4(struct in_addr a, const char *s)
{
	char buf[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &a, buf, sizeof(buf));
	cr_assert_str_eq(buf, s);
}

static struct in_addr
v4(const char *s)
{
	struct in_addr a;

	cr_assert_eq(inet_pton(AF_INET, s, &a), 1);
	return a;
}

static struct pmip_hnp
hnp(const char *s, uint8_t plen)
{
	struct pmip_hnp h = { .plen = plen };

	cr_assert_eq(inet_pton(AF_INET6, s, &h.prefix), 1);
	return h;
}

/* Encode m and compare with the hex golden vector. */
static void
assert_encodes_to(const struct pmip_msg *m, const char *hex)
{
	size_t n = unhex(hex, in);
	ssize_t got = pmip_encode(m, out, sizeof(out));

	cr_assert_eq(got, (ssize_t)n, "encoded %zd octets, expected %zu", got, n);
	for (size_t i = 0; i < n; i++)
		cr_assert_eq(out[i], in[i], "octet %zu: %02x, expected %02x", i, out[i], in[i]);
}

/* Where the option whose Type octet is at off must sit: x*n + y. */
static void
expected_align(const uint8_t *b, size_t off, unsigned *x, unsigned *y)
{
	size_t llid;

	*x = 1;
	*y = 0;
	switch (b[off]) {
	case PMIP_OPT_HNP:
		*x = 8, *y = 4;
		break;
	case PMIP_OPT_TIMESTAMP:
		*x = 8, *y = 2;
		break;
	case PMIP_OPT_RESTART:
		*x = 4, *y = 2;
		break;
	case PMIP_OPT_NAT:
	case PMIP_OPT_GRE_KEY:
	case PMIP_OPT_V4HOA_REQ:
	case PMIP_OPT_V4HOA_REPLY:
	case PMIP_OPT_V4DFLT_RTR:
		*x = 4;
		break;
	case PMIP_OPT_MN_LLID:
		/* the identifier starts 4 octets after the Type octet */
		llid = b[off + 1] - 2u;
		if (llid > 0 && llid % 8 == 0)
			*x = 8, *y = 4;
		else if (llid > 0 && llid % 4 == 0)
			*x = 4;
		else if (llid % 2 == 0)
			*x = 2;
		break;
	}
}

/* Every option of an encoded message at its xn+y; padding only where
 * alignment needs it (no run of padding longer than 7 octets), the whole
 * a multiple of 8 with a matching Header Len. */
static void
assert_aligned(const uint8_t *b, size_t len)
{
	size_t off = b[2] == PMIP_MH_BE ? 24 : 12, padrun = 0;
	unsigned x, y;

	cr_assert_eq(len % 8, 0);
	cr_assert_eq(b[1], len / 8 - 1);
	cr_assert_eq(b[4], 0, "checksum must be 0 on IPv4-UDP");
	cr_assert_eq(b[5], 0, "checksum must be 0 on IPv4-UDP");
	while (off < len) {
		if (b[off] == PMIP_OPT_PAD1 || b[off] == PMIP_OPT_PADN) {
			size_t n = b[off] == PMIP_OPT_PAD1 ? 1 : 2u + b[off + 1];

			for (size_t i = 2; b[off] == PMIP_OPT_PADN && i < n; i++)
				cr_assert_eq(b[off + i], 0, "PadN content must be zero");
			padrun += n;
			cr_assert_lt(padrun, 8, "padding run of %zu at %zu", padrun, off);
			off += n;
			continue;
		}
		padrun = 0;
		expected_align(b, off, &x, &y);
		cr_assert_eq(off % x, y, "option %u at %zu, wants %un+%u", b[off], off, x, y);
		off += 2u + b[off + 1];
	}
	cr_assert_eq(off, len);
}

/* Encode, check the layout, decode, compare; encode again, same bytes. */
static void
assert_round_trip(const struct pmip_msg *m)
{
	static uint8_t again[4096];
	struct pmip_msg d;
	ssize_t n, n2;
	int rc;

	n = pmip_encode(m, out, sizeof(out));
	cr_assert_gt(n, 0, "encode failed: errno %d", errno);
	assert_aligned(out, (size_t)n);
	rc = pmip_decode(out, (size_t)n, &d);
	cr_assert_eq(rc, 0, "decode: %s", pmip_err_str(rc));
	cr_assert_eq(d.unknown_opts, 0);
	cr_assert_eq(d.ignored_opts, 0);
	cr_assert(pmip_msg_equal(m, &d), "decoded message differs");
	n2 = pmip_encode(&d, again, sizeof(again));
	cr_assert_eq(n2, n);
	cr_assert(memcmp(out, again, (size_t)n) == 0);
}

static int
decode_hex(const char *hex, struct pmip_msg *m)
{
	return pmip_decode(in, unhex(hex, in), m);
}

/* ---- golden vectors ------------------------------------------------------ */

Test(golden, pbu_decode)
{
	struct pmip_msg m;

	cr_assert_eq(decode_hex(GOLDEN_PBU, &m), 0);
	cr_assert_eq(m.type, PMIP_MH_PBU);
	cr_assert_eq(m.seq, 1);
	cr_assert_eq(m.flags, PMIP_BU_A | PMIP_BU_H | PMIP_BU_P);
	cr_assert_eq(m.lifetime, 900);
	cr_assert(m.has_mn_id);
	assert_id(&m.mn_id, PMIP_ID_NAI, "lmn1@example.com");
	cr_assert_eq(m.n_hnp, 0);
	cr_assert(m.has_hi);
	cr_assert_eq(m.hi, PMIP_HI_NEW_IFACE);
	cr_assert(m.has_att);
	cr_assert_eq(m.att, PMIP_ATT_3GPP_EUTRAN);
	cr_assert(!m.has_mn_llid);
	cr_assert(m.has_timestamp);
	cr_assert_eq(m.timestamp, GOLDEN_TS);
	cr_assert(m.has_v4hoa_req);
	cr_assert_eq(m.v4hoa_req_plen, 0);
	assert_v4(m.v4hoa_req, "0.0.0.0");
	cr_assert(m.has_mmb);
	cr_assert_eq(m.mmb_if_att, PMIP_ATT_3GPP_EUTRAN);
	cr_assert_eq(m.mmb_if_label, 11);
	cr_assert_eq(m.mmb_bid, 1);
	cr_assert_eq(m.mmb_flags, 0);
	cr_assert(m.has_mag_id);
	assert_id(&m.mag_id, PMIP_ID_NAI, "mag1@example.com");
	cr_assert(!m.has_v4hoa_reply && !m.has_v4dflt_rtr && !m.has_v4dhcp && !m.has_nat &&
	    !m.has_gre_key && !m.has_restart);
	cr_assert_eq(m.unknown_opts, 0);
	cr_assert_eq(m.ignored_opts, 0);
}

Test(golden, pbu_encode)
{
	struct pmip_msg m, d;

	pmip_pbu_init(&m, 1, pmip_lifetime_units(3600), "lmn1@example.com",
	    PMIP_HI_NEW_IFACE, PMIP_ATT_3GPP_EUTRAN);
	m.has_timestamp = true;
	m.timestamp = GOLDEN_TS;
	m.has_v4hoa_req = true;
	pmip_pbu_set_multipath(&m, PMIP_ATT_3GPP_EUTRAN, 11, 1, "mag1@example.com");
	assert_encodes_to(&m, GOLDEN_PBU);

	/* and what was decoded encodes back to the same bytes */
	cr_assert_eq(decode_hex(GOLDEN_PBU, &d), 0);
	assert_encodes_to(&d, GOLDEN_PBU);
	cr_assert(pmip_msg_equal(&m, &d));
}

Test(golden, pba_decode)
{
	struct pmip_msg m;

	cr_assert_eq(decode_hex(GOLDEN_PBA, &m), 0);
	cr_assert_eq(m.type, PMIP_MH_PBA);
	cr_assert_eq(m.status, PMIP_ST_ACCEPTED);
	cr_assert_eq(m.flags, PMIP_BA_P);
	cr_assert_eq(m.seq, 1);
	cr_assert_eq(m.lifetime, 900);
	assert_id(&m.mn_id, PMIP_ID_NAI, "lmn1@example.com");
	cr_assert_eq(m.n_hnp, 0);
	cr_assert(m.has_hi && m.hi == 1);
	cr_assert(m.has_att && m.att == 8);
	cr_assert(m.has_timestamp && m.timestamp == GOLDEN_TS);
	cr_assert(m.has_v4hoa_reply);
	cr_assert_eq(m.v4hoa_reply_status, PMIP_V4HOA_SUCCESS);
	cr_assert_eq(m.v4hoa_reply_plen, 24);
	assert_v4(m.v4hoa_reply, "10.0.0.5");
	cr_assert(m.has_v4dflt_rtr);
	assert_v4(m.v4dflt_rtr, "10.0.0.1");
	cr_assert(m.has_mmb);
	cr_assert_eq(m.mmb_if_att, 8);
	cr_assert_eq(m.mmb_if_label, 11);
	cr_assert_eq(m.mmb_bid, 1);
	cr_assert(!m.has_mag_id, "a multipath LMA echoes the MMB without MAG-ID");
	cr_assert(!m.has_v4hoa_req && !m.has_restart);
}

Test(golden, pba_encode_as_reply)
{
	struct pmip_msg pbu, pba, d;

	cr_assert_eq(decode_hex(GOLDEN_PBU, &pbu), 0);
	pmip_pba_init_reply(&pba, &pbu, PMIP_ST_ACCEPTED, 900);
	pba.has_v4hoa_reply = true;
	pba.v4hoa_reply_status = PMIP_V4HOA_SUCCESS;
	pba.v4hoa_reply_plen = 24;
	pba.v4hoa_reply = v4("10.0.0.5");
	pba.has_v4dflt_rtr = true;
	pba.v4dflt_rtr = v4("10.0.0.1");
	/* `in` holds the PBU the reply borrows from: encode to a copy */
	{
		uint8_t want[128];
		size_t n = unhex(GOLDEN_PBA, want);
		ssize_t got = pmip_encode(&pba, out, sizeof(out));

		cr_assert_eq(got, (ssize_t)n);
		cr_assert(memcmp(out, want, n) == 0);
	}
	cr_assert_eq(decode_hex(GOLDEN_PBA, &d), 0);
	assert_encodes_to(&d, GOLDEN_PBA);
}

Test(golden, heartbeat_request)
{
	struct pmip_msg m;

	cr_assert_eq(decode_hex(GOLDEN_HB_REQ, &m), 0);
	cr_assert_eq(m.type, PMIP_MH_HEARTBEAT);
	cr_assert_eq(m.flags, 0);
	cr_assert_eq(m.hb_seq, 1);
	cr_assert(!m.has_restart);
	assert_encodes_to(&m, GOLDEN_HB_REQ);
	pmip_hb_init_request(&m, 1);
	assert_encodes_to(&m, GOLDEN_HB_REQ);
}

Test(golden, heartbeat_response)
{
	struct pmip_msg m;

	cr_assert_eq(decode_hex(GOLDEN_HB_RSP, &m), 0);
	cr_assert_eq(m.type, PMIP_MH_HEARTBEAT);
	cr_assert_eq(m.flags, PMIP_HB_R);
	cr_assert_eq(m.hb_seq, 1);
	cr_assert(m.has_restart);
	cr_assert_eq(m.restart_counter, 7);
	assert_encodes_to(&m, GOLDEN_HB_RSP);
	pmip_hb_init_response(&m, 1, 7, false);
	assert_encodes_to(&m, GOLDEN_HB_RSP);
}

Test(golden, layout)
{
	const char *v[] = { GOLDEN_PBU, GOLDEN_PBA, GOLDEN_HB_REQ, GOLDEN_HB_RSP };

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		assert_aligned(in, unhex(v[i], in));
}

/* ---- round trips --------------------------------------------------------- */

static const uint8_t mac[6] = { 0x00, 0x00, 0x5e, 0x00, 0x53, 0x01 };	/* RFC 7042 doc range */

Test(round_trip, pbu_every_option)
{
	struct pmip_msg m;

	pmip_pbu_init(&m, 0xbeef, pmip_lifetime_units(262140), "lmn2@example.net",
	    PMIP_HI_MAG_HANDOFF, PMIP_ATT_IEEE80211);
	m.flags |= PMIP_BU_F | PMIP_BU_T;
	m.n_hnp = 3;
	m.hnp[0] = hnp("2001:db8:1::", 64);
	m.hnp[1] = hnp("2001:db8:2::", 56);
	m.hnp[2] = hnp("::", 0);
	m.has_mn_llid = true;
	m.mn_llid = mac;
	m.mn_llid_len = sizeof(mac);
	m.has_timestamp = true;
	m.timestamp = 0xffffffffffffffffULL;
	m.has_gre_key = true;
	m.gre_key_present = true;
	m.gre_key = 0xdeadbeef;
	m.has_v4hoa_req = true;
	m.v4hoa_req_plen = 24;
	m.v4hoa_req = v4("203.0.113.7");
	pmip_pbu_set_multipath(&m, PMIP_ATT_3GPP_UTRAN, 9, 254, "mag2@example.net");
	m.mmb_flags = PMIP_MMB_B;
	cr_assert_eq(m.lifetime, 65535);
	assert_round_trip(&m);
}

Test(round_trip, pba_every_option)
{
	struct pmip_msg m;
	static const uint8_t eui64[8] = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x00, 0x00, 0x01 };

	pmip_msg_init(&m, PMIP_MH_PBA);
	m.status = PMIP_ST_CANNOT_SUPPORT_MULTIPATH;
	m.flags = PMIP_BA_P | PMIP_BA_T;
	m.seq = 65535;
	m.lifetime = 0;
	m.has_mn_id = true;
	m.mn_id.subtype = PMIP_ID_NAI;	/* zero-length identifier */
	m.n_hnp = 1;
	m.hnp[0] = hnp("2001:db8:ffff:ffff::", 128);
	m.has_hi = true;
	m.hi = PMIP_HI_NO_CHANGE;
	m.has_att = true;
	m.att = PMIP_ATT_3GPP_NBIOT;
	m.has_mn_llid = true;
	m.mn_llid = eui64;
	m.mn_llid_len = sizeof(eui64);
	m.has_timestamp = true;
	m.timestamp = GOLDEN_TS;
	m.has_gre_key = true;	/* GRE wanted, no key: length 2 */
	m.has_v4hoa_reply = true;
	m.v4hoa_reply_status = PMIP_V4HOA_DYNAMIC_UNAVAILABLE;
	m.v4hoa_reply_plen = 32;
	m.v4hoa_reply = v4("198.51.100.200");
	m.has_v4dflt_rtr = true;
	m.v4dflt_rtr = v4("198.51.100.1");
	m.has_v4dhcp = true;
	m.v4dhcp_server = true;
	m.has_nat = true;
	m.nat_udp = true;
	m.nat_refresh = 110;
	m.has_mmb = true;
	m.mmb_if_att = PMIP_ATT_IEEE8023;
	m.mmb_if_label = 255;
	m.mmb_bid = 17;
	m.mmb_flags = PMIP_MMB_O;
	m.has_mag_id = true;
	m.mag_id.subtype = 2;
	m.mag_id.id = (const uint8_t *)"\x20\x01\x0d\xb8\0\0\0\0\0\0\0\0\0\0\0\1";
	m.mag_id.len = 16;
	assert_round_trip(&m);
}

Test(round_trip, heartbeats)
{
	struct pmip_msg m;

	pmip_hb_init_request(&m, 0xffffffff);
	assert_round_trip(&m);
	pmip_hb_init_response(&m, 42, 0, false);
	assert_round_trip(&m);
	pmip_hb_init_response(&m, 0, 0xfffffffe, true);
	cr_assert_eq(m.flags, PMIP_HB_U | PMIP_HB_R);
	assert_round_trip(&m);
}

Test(round_trip, binding_revocation)
{
	struct pmip_msg bri, bra;
	ssize_t n;

	pmip_bri_init(&bri, 77, PMIP_BR_P | PMIP_BR_V, PMIP_BRT_USER_TERMINATION);
	n = pmip_encode(&bri, out, sizeof(out));
	cr_assert_eq(n, 16, "no options: 4 octets of padding, Header Len 1");
	cr_assert_eq(out[1], 1);
	assert_round_trip(&bri);
	bri.has_mn_id = true;
	bri.mn_id.id = (const uint8_t *)"lmn3@example.org";
	bri.mn_id.len = 16;
	bri.mn_id.subtype = PMIP_ID_NAI;
	bri.n_hnp = 1;
	bri.hnp[0] = hnp("2001:db8:3::", 64);
	bri.has_v4hoa_req = true;
	bri.v4hoa_req = v4("192.0.2.33");
	bri.v4hoa_req_plen = 32;
	assert_round_trip(&bri);

	pmip_bra_init_reply(&bra, &bri, PMIP_BRA_NO_BINDING);
	cr_assert_eq(bra.seq, 77);
	cr_assert_eq(bra.flags, PMIP_BR_P | PMIP_BR_V);
	assert_round_trip(&bra);
	bri.flags = PMIP_BR_G;
	bri.br_trigger = PMIP_BRT_PEER_POLICY;
	assert_round_trip(&bri);
}

Test(round_trip, binding_error)
{
	struct pmip_msg m;
	ssize_t n;

	pmip_msg_init(&m, PMIP_MH_BE);
	m.status = PMIP_BE_UNKNOWN_MH_TYPE;
	n = pmip_encode(&m, out, sizeof(out));
	cr_assert_eq(n, 24);
	cr_assert_eq(out[1], 2);
	assert_round_trip(&m);
}

Test(round_trip, bare_pbu)
{
	struct pmip_msg m;

	pmip_msg_init(&m, PMIP_MH_PBU);
	m.flags = PMIP_BU_A | PMIP_BU_P;
	assert_round_trip(&m);
	cr_assert_eq(pmip_encode(&m, out, sizeof(out)), 16);
}

Test(round_trip, longest_identifiers)
{
	static char nai[255], mag[254];
	static uint8_t ll[253];
	struct pmip_msg m;

	memset(nai, 'a', sizeof(nai) - 1);
	memset(mag, 'b', sizeof(mag) - 1);
	memset(ll, 0x5e, sizeof(ll));
	pmip_pbu_init(&m, 2, 0, nai, PMIP_HI_UNKNOWN, PMIP_ATT_VIRTUAL);
	pmip_pbu_set_multipath(&m, 1, 2, 3, mag);
	cr_assert_eq(m.mn_id.len, 254);
	cr_assert_eq(m.mag_id.len, 253);
	m.has_mn_llid = true;
	m.mn_llid = ll;
	m.mn_llid_len = sizeof(ll);
	m.n_hnp = PMIP_HNP_MAX;
	for (unsigned i = 0; i < PMIP_HNP_MAX; i++)
		m.hnp[i] = hnp("2001:db8::", (uint8_t)(i * 8));
	assert_round_trip(&m);
}

Test(round_trip, link_layer_id_alignment)
{
	static const uint8_t ll[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };
	struct pmip_msg m;

	/* sizes 0..16 after identifiers of lengths that shift the offset */
	for (size_t idlen = 1; idlen <= 8; idlen++)
		for (size_t n = 0; n <= sizeof(ll); n++) {
			pmip_msg_init(&m, PMIP_MH_PBU);
			m.has_mn_id = true;
			m.mn_id.id = (const uint8_t *)"abcdefgh";
			m.mn_id.len = idlen;
			m.has_mn_llid = true;
			m.mn_llid = ll;
			m.mn_llid_len = n;
			assert_round_trip(&m);
		}
}

Test(round_trip, option_order_and_padding)
{
	struct pmip_msg m;
	ssize_t n;

	/* Restart Counter right after the fixed part needs PadN(2): 4n+2 */
	pmip_hb_init_response(&m, 1, 1, false);
	n = pmip_encode(&m, out, sizeof(out));
	cr_assert_eq(n, 24);
	cr_assert_eq(out[12], PMIP_OPT_PADN);
	cr_assert_eq(out[13], 0);
	cr_assert_eq(out[14], PMIP_OPT_RESTART);

	/* the fixed part ends at 12 = 8n+4: an HNP fits there unpadded, the
	 * next one after 4 octets of padding */
	pmip_msg_init(&m, PMIP_MH_PBU);
	m.n_hnp = 2;
	m.hnp[0] = hnp("2001:db8::", 64);
	m.hnp[1] = hnp("2001:db8:1::", 64);
	n = pmip_encode(&m, out, sizeof(out));
	cr_assert_eq(n, 56);
	cr_assert_eq(out[12], PMIP_OPT_HNP);
	cr_assert_eq(out[32], PMIP_OPT_PADN);
	cr_assert_eq(out[33], 2);
	cr_assert_eq(out[36], PMIP_OPT_HNP);

	/* one octet of padding is Pad1, never PadN */
	pmip_msg_init(&m, PMIP_MH_PBU);
	m.has_mn_id = true;
	m.mn_id.id = (const uint8_t *)"abcde";
	m.mn_id.len = 5;	/* MN-ID 12..19, HI 20..23 */
	m.has_hi = true;
	m.has_timestamp = true;	/* wants 8n+2 = 26: PadN(2) at 24 */
	n = pmip_encode(&m, out, sizeof(out));
	cr_assert_eq(out[24], PMIP_OPT_PADN);
	cr_assert_eq(out[25], 0);
	cr_assert_eq(out[26], PMIP_OPT_TIMESTAMP);
	assert_aligned(out, (size_t)n);
	m.mn_id.len = 6;	/* MN-ID 12..20, HI 21..24: Pad1 at 25 */
	n = pmip_encode(&m, out, sizeof(out));
	cr_assert_eq(out[25], PMIP_OPT_PAD1);
	cr_assert_eq(out[26], PMIP_OPT_TIMESTAMP);
	assert_aligned(out, (size_t)n);
	m.mn_id.len = 4;	/* MN-ID 12..18, HI 19..22: PadN(3) at 23 */
	n = pmip_encode(&m, out, sizeof(out));
	cr_assert_eq(out[23], PMIP_OPT_PADN);
	cr_assert_eq(out[24], 1);
	cr_assert_eq(out[26], PMIP_OPT_TIMESTAMP);
	assert_aligned(out, (size_t)n);
}

/* ---- malformed input ----------------------------------------------------- */

static int
decode_raw(uint8_t type, const char *fixed, const char *opts, struct pmip_msg *m)
{
	return pmip_decode(in, raw(type, fixed, opts, in), m);
}

Test(malformed, truncated)
{
	struct pmip_msg m;

	unhex(GOLDEN_HB_REQ, in);
	cr_assert_eq(pmip_decode(in, 0, &m), PMIP_E_TRUNCATED);
	cr_assert_eq(pmip_decode(NULL, 0, &m), PMIP_E_TRUNCATED);
	for (size_t i = 1; i < 8; i++)
		cr_assert_eq(pmip_decode(in, i, &m), PMIP_E_TRUNCATED);
	/* Header Len 0: 8 octets, less than any fixed part */
	in[1] = 0;
	cr_assert_eq(pmip_decode(in, 8, &m), PMIP_E_TRUNCATED);
	/* a Binding Error needs 24 octets */
	cr_assert_eq(decode_raw(PMIP_MH_BE, "0200 0000", "", &m), PMIP_E_TRUNCATED);
	cr_assert_eq(m.type, PMIP_MH_BE);
}

Test(malformed, header_len)
{
	struct pmip_msg m;
	size_t n = unhex(GOLDEN_PBU, in);

	cr_assert_eq(pmip_decode(in, n - 8, &m), PMIP_E_HDRLEN);
	cr_assert_eq(pmip_decode(in, n - 1, &m), PMIP_E_HDRLEN);
	memset(in + n, 0, 8);
	cr_assert_eq(pmip_decode(in, n + 8, &m), PMIP_E_HDRLEN, "trailing octets");
	in[1] = 11;
	cr_assert_eq(pmip_decode(in, n, &m), PMIP_E_HDRLEN);
	in[1] = 9;
	cr_assert_eq(pmip_decode(in, n, &m), PMIP_E_HDRLEN);
	/* oversized: more than any Header Len can describe */
	memset(in, 0, sizeof(in));
	in[0] = PMIP_MH_PROTO;
	in[1] = 255;
	in[2] = PMIP_MH_PBU;
	cr_assert_eq(pmip_decode(in, PMIP_MH_MAX_LEN, &m), 0);
	cr_assert_eq(pmip_decode(in, PMIP_MH_MAX_LEN + 8, &m), PMIP_E_HDRLEN);
	cr_assert_eq(pmip_decode(in, sizeof(in), &m), PMIP_E_HDRLEN);
}

Test(malformed, payload_proto)
{
	struct pmip_msg m;
	size_t n = unhex(GOLDEN_HB_REQ, in);

	in[0] = 6;
	cr_assert_eq(pmip_decode(in, n, &m), PMIP_E_PROTO);
}

Test(malformed, mh_type)
{
	static const uint8_t types[] = { 0, 1, 4, 8, 12, 14, 15, 17, 22, 23, 255 };
	struct pmip_msg m;
	size_t n = unhex(GOLDEN_HB_REQ, in);

	for (size_t i = 0; i < sizeof(types); i++) {
		in[2] = types[i];
		cr_assert_eq(pmip_decode(in, n, &m), PMIP_E_MH_TYPE, "type %u", types[i]);
		cr_assert_eq(m.type, types[i], "the type is kept for a Binding Error answer");
	}
}

Test(malformed, br_type)
{
	struct pmip_msg m;

	cr_assert_eq(decode_raw(PMIP_MH_BR, "0100 0001 8000", "", &m), 0);
	cr_assert_eq(decode_raw(PMIP_MH_BR, "0280 0001 8000", "", &m), 0);
	cr_assert_eq(m.status, PMIP_BRA_NO_BINDING);
	cr_assert_eq(decode_raw(PMIP_MH_BR, "0000 0001 8000", "", &m), PMIP_E_BR_TYPE);
	cr_assert_eq(decode_raw(PMIP_MH_BR, "0300 0001 8000", "", &m), PMIP_E_BR_TYPE);
}

Test(malformed, option_overrun)
{
	struct pmip_msg m;

	/* HI claiming 5 octets where 2 remain */
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, "1705 0001", &m), PMIP_E_OPT_OVERRUN);
	/* a Type octet with no Length octet after it */
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, "000000 17", &m), PMIP_E_OPT_OVERRUN);
	/* padding and unknown options are bounded too */
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, "0103 0000", &m), PMIP_E_OPT_OVERRUN);
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, "c8ff 0000", &m), PMIP_E_OPT_OVERRUN);
	/* an MN-ID whose NAI runs past the end */
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, "0811 016c6d6e3140", &m),
	    PMIP_E_OPT_OVERRUN);
	/* exactly filling the message is fine */
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, "1702 0001", &m), 0);
}

/* An option of `type` with `len` zero octets of data. */
static char *
opt_hex(uint8_t type, uint8_t len)
{
	static char s[2 * 260 + 1];
	int n = snprintf(s, sizeof(s), "%02x%02x", type, len);

	for (unsigned i = 0; i < len; i++)
		n += snprintf(s + n, sizeof(s) - (size_t)n, "00");
	return s;
}

Test(malformed, option_length)
{
	static const struct {
		uint8_t type, len;
	} bad[] = {
		{ PMIP_OPT_MN_ID, 0 }, { PMIP_OPT_HNP, 17 }, { PMIP_OPT_HNP, 19 },
		{ PMIP_OPT_HI, 1 }, { PMIP_OPT_HI, 3 }, { PMIP_OPT_ATT, 0 }, { PMIP_OPT_ATT, 4 },
		{ PMIP_OPT_MN_LLID, 1 }, { PMIP_OPT_TIMESTAMP, 7 }, { PMIP_OPT_TIMESTAMP, 9 },
		{ PMIP_OPT_NAT, 5 }, { PMIP_OPT_NAT, 8 }, { PMIP_OPT_GRE_KEY, 0 },
		{ PMIP_OPT_GRE_KEY, 4 }, { PMIP_OPT_GRE_KEY, 7 }, { PMIP_OPT_V4HOA_REQ, 5 },
		{ PMIP_OPT_V4HOA_REPLY, 7 }, { PMIP_OPT_V4DFLT_RTR, 4 }, { PMIP_OPT_V4DHCP, 1 },
		{ PMIP_OPT_V4DHCP, 6 }, { PMIP_OPT_MMB, 5 }, { PMIP_OPT_MMB, 7 },
		{ PMIP_OPT_MAG_ID, 0 }, { PMIP_OPT_MAG_ID, 1 },
	};
	struct pmip_msg m;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, opt_hex(bad[i].type, bad[i].len), &m),
		    PMIP_E_OPT_LEN, "option %u length %u", bad[i].type, bad[i].len);
	cr_assert_eq(decode_raw(PMIP_MH_HEARTBEAT, HB_RSP_FIXED, opt_hex(PMIP_OPT_RESTART, 3), &m),
	    PMIP_E_OPT_LEN);
	cr_assert_eq(decode_raw(PMIP_MH_HEARTBEAT, HB_RSP_FIXED, opt_hex(PMIP_OPT_RESTART, 8), &m),
	    PMIP_E_OPT_LEN);
	/* the smallest valid lengths of the variable options */
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, "0801 01 1902 0000 4002 0100", &m), 0);
	cr_assert(m.has_mn_id && m.mn_id.len == 0);
	cr_assert(m.has_mn_llid && m.mn_llid_len == 0);
	cr_assert(m.has_mag_id && m.mag_id.len == 0 && m.mag_id.subtype == 1);
}

Test(malformed, duplicate)
{
	static const struct {
		uint8_t type, len;
	} once[] = {
		{ PMIP_OPT_MN_ID, 1 }, { PMIP_OPT_HI, 2 }, { PMIP_OPT_ATT, 2 }, { PMIP_OPT_MN_LLID, 8 },
		{ PMIP_OPT_TIMESTAMP, 8 }, { PMIP_OPT_NAT, 6 }, { PMIP_OPT_GRE_KEY, 2 },
		{ PMIP_OPT_GRE_KEY, 6 }, { PMIP_OPT_V4HOA_REQ, 6 }, { PMIP_OPT_V4HOA_REPLY, 6 },
		{ PMIP_OPT_V4DFLT_RTR, 6 }, { PMIP_OPT_V4DHCP, 2 }, { PMIP_OPT_MMB, 6 },
		{ PMIP_OPT_MAG_ID, 2 },
	};
	struct pmip_msg m;
	char two[2 * (2 * 260) + 1];

	for (size_t i = 0; i < sizeof(once) / sizeof(once[0]); i++) {
		const char *one = opt_hex(once[i].type, once[i].len);

		cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, one, &m), 0);
		snprintf(two, sizeof(two), "%s%s", one, one);
		cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, two, &m), PMIP_E_OPT_DUP,
		    "option %u twice", once[i].type);
	}
	/* the same option with a different length is still a second instance */
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, "2102 0000 2106 0000 00000001", &m),
	    PMIP_E_OPT_DUP);
	snprintf(two, sizeof(two), "%s%s", "0000", "1c04 00000001 1c04 00000002");
	cr_assert_eq(decode_raw(PMIP_MH_HEARTBEAT, HB_RSP_FIXED, two, &m), PMIP_E_OPT_DUP);
	/* HNP may repeat */
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED,
	    "0000 1612 0040 20010db8000100000000000000000000"
	    "0000 1612 0040 20010db8000200000000000000000000", &m), 0);
	cr_assert_eq(m.n_hnp, 2);
	cr_assert_eq(m.hnp[1].prefix.s6_addr[5], 2);
}

Test(malformed, oversized_prefix_list)
{
	char opts[2 * 24 * (PMIP_HNP_MAX + 1) + 1] = "";
	struct pmip_msg m;

	for (unsigned i = 0; i < PMIP_HNP_MAX; i++)
		strcat(opts, "0000 1612 0040 20010db8000000000000000000000000");
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, opts, &m), 0);
	cr_assert_eq(m.n_hnp, PMIP_HNP_MAX);
	strcat(opts, "0000 1612 0040 20010db8000000000000000000000000");
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, opts, &m), PMIP_E_HNP_COUNT);
}

Test(malformed, option_value)
{
	struct pmip_msg m;

	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED,
	    "0000 1612 0081 20010db8000000000000000000000000", &m), PMIP_E_OPT_VALUE);
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED,
	    "0000 1612 0080 20010db8000000000000000000000000", &m), 0);
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, "2406 8400 c0000201", &m), PMIP_E_OPT_VALUE);
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, "2406 8000 c0000201", &m), 0);
	cr_assert_eq(m.v4hoa_req_plen, 32);
	cr_assert_eq(decode_raw(PMIP_MH_PBA, "0020 0001 0384", "2506 0084 c0000201", &m),
	    PMIP_E_OPT_VALUE);
}

/* ---- what the decoder skips ---------------------------------------------- */

Test(skip, unknown_options)
{
	struct pmip_msg m;

	/* Alternate CoA (3), the RFC 4285 authentication option (16), Vendor
	 * Specific (19), MAG options this codec lacks (62), and 200, 255:
	 * skipped and counted; the known options around them decoded */
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED,
	    "1702 0002"
	    "0310 20010db8000000000000000000000001"
	    "100a 0100000100 aabbccddee"
	    "1303 000009"
	    "3e00"
	    "c800 ff01 00"
	    "1802 0004", &m), 0);
	cr_assert_eq(m.unknown_opts, 6);
	cr_assert(m.has_hi && m.hi == 2);
	cr_assert(m.has_att && m.att == 4);
	/* unknown types may repeat */
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, "c800 c800 c800", &m), 0);
	cr_assert_eq(m.unknown_opts, 3);
}

Test(skip, restart_counter_outside_response)
{
	struct pmip_msg m;

	/* RFC 5847 §3.4: valid only in a heartbeat response */
	cr_assert_eq(decode_raw(PMIP_MH_HEARTBEAT, "0000 00000001", "0000 1c04 00000009", &m), 0);
	cr_assert(!m.has_restart);
	cr_assert_eq(m.ignored_opts, 1);
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED, "1c04 00000009 1c04 00000009", &m), 0);
	cr_assert(!m.has_restart);
	cr_assert_eq(m.ignored_opts, 2);
	cr_assert_eq(decode_raw(PMIP_MH_HEARTBEAT, HB_RSP_FIXED, "0000 1c04 00000009", &m), 0);
	cr_assert(m.has_restart && m.restart_counter == 9);
	cr_assert_eq(m.ignored_opts, 0);
}

Test(skip, padding_and_reserved_bits)
{
	struct pmip_msg m;

	/* PadN content, Pad1 runs, misaligned options, reserved bits: all
	 * accepted as the sender meant them */
	cr_assert_eq(decode_raw(PMIP_MH_PBU, PBU_FIXED,
	    "00 00 0103 ffffff 1702 ff03 1b08 00006553f1008000"
	    "3f06 080b 01ff ffff 2702 ffff", &m), 0);
	cr_assert_eq(m.hi, 3);
	cr_assert_eq(m.timestamp, GOLDEN_TS);
	cr_assert_eq(m.mmb_flags, PMIP_MMB_B | PMIP_MMB_O);
	cr_assert(m.has_v4dhcp && m.v4dhcp_server);
	cr_assert_eq(m.unknown_opts, 0);
}

Test(skip, checksum_ignored)
{
	struct pmip_msg m;
	size_t n = unhex(GOLDEN_HB_RSP, in);

	in[4] = 0x12;
	in[5] = 0x34;
	in[3] = 0xff;	/* MH reserved octet */
	cr_assert_eq(pmip_decode(in, n, &m), 0);
	cr_assert_eq(m.restart_counter, 7);
}

/* ---- encoder refusals ---------------------------------------------------- */

Test(encode, cap_too_small)
{
	struct pmip_msg m;
	ssize_t full;

	cr_assert_eq(decode_hex(GOLDEN_PBU, &m), 0);
	full = pmip_encode(&m, out, sizeof(out));
	cr_assert_eq(full, 88);
	for (size_t cap = 0; cap < (size_t)full; cap++) {
		/* exactly cap octets, so that ASan sees any write past it */
		uint8_t *b = malloc(cap ? cap : 1);

		errno = 0;
		cr_assert_eq(pmip_encode(&m, b, cap), -1, "cap %zu", cap);
		cr_assert_eq(errno, ENOSPC);
		free(b);
	}
	cr_assert_eq(pmip_encode(&m, out, (size_t)full), full);
}

Test(encode, invalid)
{
	static char big[300];
	struct pmip_msg m;

	memset(big, 'x', sizeof(big) - 1);
#define REFUSED(setup) do { \
		pmip_pbu_init(&m, 1, 1, "lmn@example.com", 1, 1); \
		setup; \
		errno = 0; \
		cr_assert_eq(pmip_encode(&m, out, sizeof(out)), -1, #setup); \
		cr_assert_eq(errno, EINVAL, #setup); \
	} while (0)
	REFUSED(m.type = 23);
	REFUSED(m.type = 0);
	REFUSED(m.mn_id.len = 255);
	REFUSED(m.mn_id.id = NULL);
	REFUSED(pmip_pbu_set_multipath(&m, 1, 1, 1, big + 45));	/* 254 > 253 */
	REFUSED((m.has_mn_llid = true, m.mn_llid = mac, m.mn_llid_len = 254));
	REFUSED((m.has_mn_llid = true, m.mn_llid = NULL, m.mn_llid_len = 6));
	REFUSED((m.n_hnp = 1, m.hnp[0].plen = 129));
	REFUSED(m.n_hnp = PMIP_HNP_MAX + 1);
	REFUSED((m.has_v4hoa_req = true, m.v4hoa_req_plen = 33));
	REFUSED((m.has_v4hoa_reply = true, m.v4hoa_reply_plen = 33));
	REFUSED((m.has_restart = true));
	REFUSED((pmip_hb_init_request(&m, 1), m.has_restart = true));
	REFUSED((pmip_msg_init(&m, PMIP_MH_PBA), m.flags = 0x100));
	REFUSED((pmip_msg_init(&m, PMIP_MH_BR), m.br_type = 3));
#undef REFUSED
	/* the limits themselves are fine */
	pmip_pbu_init(&m, 1, 1, big + 45, 1, 1);
	cr_assert_eq(m.mn_id.len, 254);
	cr_assert_gt(pmip_encode(&m, out, sizeof(out)), 0);
}

/* The reference's list of easy mistakes, on the wire. */
Test(encode, easy_mistakes)
{
	struct pmip_msg m;

	pmip_hb_init_request(&m, 5);
	cr_assert_gt(pmip_encode(&m, out, sizeof(out)), 0);
	cr_assert_eq(out[2], 13, "heartbeat is MH type 13");
	cr_assert_eq(out[0], 59);

	pmip_pbu_init(&m, 1, pmip_lifetime_units(3600), "lmn1@example.com", 1, 8);
	m.flags = PMIP_BU_A | PMIP_BU_P | PMIP_BU_F;
	cr_assert_gt(pmip_encode(&m, out, sizeof(out)), 0);
	cr_assert_eq(out[8], 0x83, "A|P|F high octet");
	cr_assert_eq(out[9], 0x00, "F is 0x0100, not in the low octet");
	cr_assert_eq(out[10], 0x03, "lifetime in 4-second units: 3600 s = 900");
	cr_assert_eq(out[11], 0x84);
	cr_assert_eq(out[4] | out[5], 0, "MH checksum 0 on IPv4-UDP");
}

/* ---- builders ------------------------------------------------------------ */

Test(build, pba_reply_rules)
{
	struct pmip_msg pbu, pba;

	/* nothing requested: MN-ID zero-length, HI 0, ATT 0, one ALL_ZERO HNP */
	pmip_msg_init(&pbu, PMIP_MH_PBU);
	pbu.seq = 9;
	pbu.n_hnp = 0;
	pbu.hnp[0] = hnp("2001:db8::", 64);	/* stale, must not leak */
	pmip_pba_init_reply(&pba, &pbu, PMIP_ST_MISSING_MN_ID, 0);
	cr_assert_eq(pba.flags, 0, "no P flag without P in the PBU");
	cr_assert_eq(pba.seq, 9);
	cr_assert(pba.has_mn_id && pba.mn_id.len == 0);
	cr_assert(pba.has_hi && pba.hi == 0);
	cr_assert(pba.has_att && pba.att == 0);
	cr_assert_eq(pba.n_hnp, 1);
	cr_assert_eq(pba.hnp[0].plen, 0);
	cr_assert(IN6_IS_ADDR_UNSPECIFIED(&pba.hnp[0].prefix));
	cr_assert(!pba.has_timestamp && !pba.has_mmb && !pba.has_mag_id);
	assert_round_trip(&pba);

	/* prefixes and link-layer id echoed */
	pmip_pbu_init(&pbu, 10, 100, "lmn@example.com", 2, 3);
	pbu.n_hnp = 2;
	pbu.hnp[0] = hnp("2001:db8:a::", 64);
	pbu.hnp[1] = hnp("2001:db8:b::", 64);
	pbu.has_mn_llid = true;
	pbu.mn_llid = mac;
	pbu.mn_llid_len = 6;
	pmip_pba_init_reply(&pba, &pbu, PMIP_ST_NOT_AUTHORIZED_FOR_HNP, 0);
	cr_assert_eq(pba.flags, PMIP_BA_P);
	cr_assert_eq(pba.n_hnp, 2);
	cr_assert_eq(pba.hnp[1].prefix.s6_addr[5], 0xb);
	cr_assert(pba.has_mn_llid && pba.mn_llid_len == 6);
	assert_id(&pba.mn_id, PMIP_ID_NAI, "lmn@example.com");
	cr_assert_eq(pba.hi, 2);
	cr_assert_eq(pba.att, 3);
}

/* ---- names and units ----------------------------------------------------- */

Test(names, error_strings)
{
	for (int e = -1; e > -PMIP_ERR_COUNT; e--) {
		cr_assert_str_neq(pmip_err_str(e), "unknown error", "%d", e);
		for (int f = e - 1; f > -PMIP_ERR_COUNT; f--)
			cr_assert_str_neq(pmip_err_str(e), pmip_err_str(f));
	}
	cr_assert_str_eq(pmip_err_str(PMIP_OK), "ok");
	cr_assert_str_eq(pmip_err_str(-PMIP_ERR_COUNT), "unknown error");
	cr_assert_str_eq(pmip_err_str(PMIP_E_OPT_DUP), "duplicate option");
}

Test(names, status_and_types)
{
	cr_assert_str_eq(pmip_status_str(180), "CANNOT_SUPPORT_MULTIPATH_BINDING");
	cr_assert_str_eq(pmip_status_str(0), "accepted");
	cr_assert_str_eq(pmip_status_str(160), "MISSING_MN_IDENTIFIER_OPTION");
	cr_assert_null(pmip_status_str(179));
	cr_assert_null(pmip_status_str(255));
	cr_assert_str_eq(pmip_mh_type_str(13), "Heartbeat");
	cr_assert_null(pmip_mh_type_str(23));
}

Test(units, lifetime)
{
	cr_assert_eq(pmip_lifetime_units(0), 0);
	cr_assert_eq(pmip_lifetime_units(1), 1, "a short lifetime must not become a de-registration");
	cr_assert_eq(pmip_lifetime_units(4), 1);
	cr_assert_eq(pmip_lifetime_units(5), 2);
	cr_assert_eq(pmip_lifetime_units(3600), 900);
	cr_assert_eq(pmip_lifetime_units(262140), 65535);
	cr_assert_eq(pmip_lifetime_units(262141), 65535);
	cr_assert_eq(pmip_lifetime_units(UINT32_MAX), 65535);
}

Test(units, timestamp)
{
	struct timespec ts = { .tv_sec = 1700000000, .tv_nsec = 500000000 };

	cr_assert_eq(pmip_timestamp_from_timespec(&ts), GOLDEN_TS);
	ts.tv_nsec = 999999999;
	cr_assert_eq(pmip_timestamp_from_timespec(&ts) & 0xffff, 0xffff);
	ts.tv_nsec = 0;
	ts.tv_sec = 0;
	cr_assert_eq(pmip_timestamp_from_timespec(&ts), 0);
}
