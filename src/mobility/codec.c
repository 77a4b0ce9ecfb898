/*
 * codec.c — the Mobility Header wire format (see codec.h): decoding that
 * checks every length before it reads, and encoding that places each
 * option at the position its alignment rule (RFC 6275 §6.2) asks for.
 *
 * Called through codec.h by the MAG, the LMA, capture decoding and the
 * codec tests.  Builders live in codec_build.c, names in codec_names.c.
 */
#include <errno.h>
#include <string.h>

#include "codec.h"

/* Payload Proto, Header Len, MH Type, Reserved, Checksum. */
#define MH_HDR_LEN	6

/* The most octets an option's data can have: its length is one octet. */
#define OPT_DATA_MAX	255

/* Lengths of the fixed-length options, excluding Type and Length. */
#define LEN_HNP		18
#define LEN_HI		2
#define LEN_ATT		2
#define LEN_TIMESTAMP	8
#define LEN_RESTART	4
#define LEN_NAT		6
#define LEN_GRE_NOKEY	2
#define LEN_GRE_KEY	6
#define LEN_V4ADDR	6	/* IPv4 HoA Request, Reply, Default-Router */
#define LEN_V4DHCP	2
#define LEN_MMB		6

/* Octets before the identifier in variable options: MN-ID has a subtype,
 * MAG Identifier a subtype and a reserved octet, MN-LL-ID two reserved. */
#define MN_ID_HEAD	1
#define MAG_ID_HEAD	2
#define LLID_HEAD	2

static uint16_t
get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t
get64(const uint8_t *p)
{
	return (uint64_t)get32(p) << 32 | get32(p + 4);
}

/* Octets from the start of the MH to the first option; 0 for a type this
 * codec does not know. */
static size_t
fixed_len(uint8_t type)
{
	switch (type) {
	case PMIP_MH_PBU:
	case PMIP_MH_PBA:
	case PMIP_MH_HEARTBEAT:
	case PMIP_MH_BR:
		return 12;
	case PMIP_MH_BE:
		return 24;
	}
	return 0;
}

static bool
is_hb_response(const struct pmip_msg *m)
{
	return m->type == PMIP_MH_HEARTBEAT && (m->flags & PMIP_HB_R);
}

/* ---- decoding -------------------------------------------------------------- */

static void
decode_fixed(const uint8_t *b, struct pmip_msg *m)
{
	switch (m->type) {
	case PMIP_MH_PBU:
		m->seq = get16(b + 6);
		m->flags = get16(b + 8);
		m->lifetime = get16(b + 10);
		break;
	case PMIP_MH_PBA:
		m->status = b[6];
		m->flags = b[7];
		m->seq = get16(b + 8);
		m->lifetime = get16(b + 10);
		break;
	case PMIP_MH_HEARTBEAT:
		m->flags = get16(b + 6);
		m->hb_seq = get32(b + 8);
		break;
	case PMIP_MH_BR:
		m->br_type = b[6];
		if (m->br_type == PMIP_BR_ACK)
			m->status = b[7];
		else
			m->br_trigger = b[7];
		m->seq = get16(b + 8);
		m->flags = get16(b + 10);
		break;
	case PMIP_MH_BE:
		m->status = b[6];
		memcpy(&m->be_hoa, b + 8, sizeof(m->be_hoa));
		break;
	}
}

/* PMIP_E_OPT_DUP when an option allowed once was already seen; seen has
 * one bit per option type. */
static int
decode_once(uint8_t *seen, uint8_t type)
{
	uint8_t bit = (uint8_t)(1u << (type & 7));

	if (seen[type >> 3] & bit)
		return PMIP_E_OPT_DUP;
	seen[type >> 3] |= bit;
	return 0;
}

/* The option of the given type with len octets of data at d (already
 * known to lie inside the message).  Pad options never come here. */
static int
decode_option(struct pmip_msg *m, uint8_t type, const uint8_t *d, size_t len,
    uint8_t *seen)
{
	struct pmip_hnp *h;
	int rc;

	switch (type) {
	case PMIP_OPT_MN_ID:
		if (len < MN_ID_HEAD)
			return PMIP_E_OPT_LEN;
		if ((rc = decode_once(seen, type)) != 0)
			return rc;
		m->has_mn_id = true;
		m->mn_id.subtype = d[0];
		m->mn_id.id = d + MN_ID_HEAD;
		m->mn_id.len = len - MN_ID_HEAD;
		break;
	case PMIP_OPT_HNP:
		/* the one option that may repeat (RFC 5213 §8.1) */
		if (len != LEN_HNP)
			return PMIP_E_OPT_LEN;
		if (d[1] > 128)
			return PMIP_E_OPT_VALUE;
		if (m->n_hnp == PMIP_HNP_MAX)
			return PMIP_E_HNP_COUNT;
		h = &m->hnp[m->n_hnp++];
		h->plen = d[1];
		memcpy(&h->prefix, d + 2, sizeof(h->prefix));
		break;
	case PMIP_OPT_HI:
		if (len != LEN_HI)
			return PMIP_E_OPT_LEN;
		if ((rc = decode_once(seen, type)) != 0)
			return rc;
		m->has_hi = true;
		m->hi = d[1];
		break;
	case PMIP_OPT_ATT:
		if (len != LEN_ATT)
			return PMIP_E_OPT_LEN;
		if ((rc = decode_once(seen, type)) != 0)
			return rc;
		m->has_att = true;
		m->att = d[1];
		break;
	case PMIP_OPT_MN_LLID:
		if (len < LLID_HEAD)
			return PMIP_E_OPT_LEN;
		if ((rc = decode_once(seen, type)) != 0)
			return rc;
		m->has_mn_llid = true;
		m->mn_llid = d + LLID_HEAD;
		m->mn_llid_len = len - LLID_HEAD;
		break;
	case PMIP_OPT_TIMESTAMP:
		if (len != LEN_TIMESTAMP)
			return PMIP_E_OPT_LEN;
		if ((rc = decode_once(seen, type)) != 0)
			return rc;
		m->has_timestamp = true;
		m->timestamp = get64(d);
		break;
	case PMIP_OPT_RESTART:
		/* RFC 5847 §3.4: only valid in a heartbeat response; elsewhere
		 * it is treated as an option the message does not have */
		if (!is_hb_response(m)) {
			m->ignored_opts++;
			break;
		}
		if (len != LEN_RESTART)
			return PMIP_E_OPT_LEN;
		if ((rc = decode_once(seen, type)) != 0)
			return rc;
		m->has_restart = true;
		m->restart_counter = get32(d);
		break;
	case PMIP_OPT_NAT:
		if (len != LEN_NAT)
			return PMIP_E_OPT_LEN;
		if ((rc = decode_once(seen, type)) != 0)
			return rc;
		m->has_nat = true;
		m->nat_udp = (d[0] & 0x80) != 0;
		m->nat_refresh = get32(d + 2);
		break;
	case PMIP_OPT_GRE_KEY:
		if (len != LEN_GRE_NOKEY && len != LEN_GRE_KEY)
			return PMIP_E_OPT_LEN;
		if ((rc = decode_once(seen, type)) != 0)
			return rc;
		m->has_gre_key = true;
		m->gre_key_present = len == LEN_GRE_KEY;
		if (m->gre_key_present)
			m->gre_key = get32(d + 2);
		break;
	case PMIP_OPT_V4HOA_REQ:
		if (len != LEN_V4ADDR)
			return PMIP_E_OPT_LEN;
		if ((rc = decode_once(seen, type)) != 0)
			return rc;
		if ((d[0] >> 2) > 32)
			return PMIP_E_OPT_VALUE;
		m->has_v4hoa_req = true;
		m->v4hoa_req_plen = d[0] >> 2;
		memcpy(&m->v4hoa_req, d + 2, 4);
		break;
	case PMIP_OPT_V4HOA_REPLY:
		if (len != LEN_V4ADDR)
			return PMIP_E_OPT_LEN;
		if ((rc = decode_once(seen, type)) != 0)
			return rc;
		if ((d[1] >> 2) > 32)
			return PMIP_E_OPT_VALUE;
		m->has_v4hoa_reply = true;
		m->v4hoa_reply_status = d[0];
		m->v4hoa_reply_plen = d[1] >> 2;
		memcpy(&m->v4hoa_reply, d + 2, 4);
		break;
	case PMIP_OPT_V4DFLT_RTR:
		if (len != LEN_V4ADDR)
			return PMIP_E_OPT_LEN;
		if ((rc = decode_once(seen, type)) != 0)
			return rc;
		m->has_v4dflt_rtr = true;
		memcpy(&m->v4dflt_rtr, d + 2, 4);
		break;
	case PMIP_OPT_V4DHCP:
		if (len != LEN_V4DHCP)
			return PMIP_E_OPT_LEN;
		if ((rc = decode_once(seen, type)) != 0)
			return rc;
		m->has_v4dhcp = true;
		m->v4dhcp_server = (d[1] & 0x01) != 0;
		break;
	case PMIP_OPT_MMB:
		if (len != LEN_MMB)
			return PMIP_E_OPT_LEN;
		if ((rc = decode_once(seen, type)) != 0)
			return rc;
		m->has_mmb = true;
		m->mmb_if_att = d[0];
		m->mmb_if_label = d[1];
		m->mmb_bid = d[2];
		m->mmb_flags = d[3] & (PMIP_MMB_B | PMIP_MMB_O);
		break;
	case PMIP_OPT_MAG_ID:
		if (len < MAG_ID_HEAD)
			return PMIP_E_OPT_LEN;
		if ((rc = decode_once(seen, type)) != 0)
			return rc;
		m->has_mag_id = true;
		m->mag_id.subtype = d[0];
		m->mag_id.id = d + MAG_ID_HEAD;
		m->mag_id.len = len - MAG_ID_HEAD;
		break;
	default:
		/* RFC 6275 §6.2.1: skip what we do not understand */
		m->unknown_opts++;
		break;
	}
	return 0;
}

int
pmip_decode(const uint8_t *buf, size_t len, struct pmip_msg *m)
{
	uint8_t seen[256 / 8] = { 0 };
	size_t off, flen, olen;
	int rc;

	memset(m, 0, sizeof(*m));
	if (len < 8)
		return PMIP_E_TRUNCATED;
	m->type = buf[2];
	/* UDP gives us exactly one message: trailing octets are as wrong as
	 * missing ones */
	if (((size_t)buf[1] + 1) * 8 != len)
		return PMIP_E_HDRLEN;
	if (buf[0] != PMIP_MH_PROTO)
		return PMIP_E_PROTO;
	flen = fixed_len(m->type);
	if (flen == 0)
		return PMIP_E_MH_TYPE;
	if (len < flen)
		return PMIP_E_TRUNCATED;
	decode_fixed(buf, m);
	if (m->type == PMIP_MH_BR && m->br_type != PMIP_BR_INDICATION &&
	    m->br_type != PMIP_BR_ACK)
		return PMIP_E_BR_TYPE;

	off = flen;
	while (off < len) {
		if (buf[off] == PMIP_OPT_PAD1) {
			off++;
			continue;
		}
		if (len - off < 2)
			return PMIP_E_OPT_OVERRUN;
		olen = buf[off + 1];
		if (len - off - 2 < olen)
			return PMIP_E_OPT_OVERRUN;
		if (buf[off] != PMIP_OPT_PADN) {
			rc = decode_option(m, buf[off], buf + off + 2, olen, seen);
			if (rc != 0)
				return rc;
		}
		off += 2 + olen;
	}
	return 0;
}

/* ---- encoding -------------------------------------------------------------- */

/* Output cursor; `full` once a write did not fit, after which nothing more
 * is written. */
struct wbuf {
	uint8_t *p;
	size_t cap, len;
	bool full;
};

static void
put(struct wbuf *w, const void *src, size_t n)
{
	if (w->full || w->cap - w->len < n) {
		w->full = true;
		return;
	}
	if (src != NULL)
		memcpy(w->p + w->len, src, n);
	else
		memset(w->p + w->len, 0, n);
	w->len += n;
}

static void
put8(struct wbuf *w, uint8_t v)
{
	put(w, &v, 1);
}

static void
put16(struct wbuf *w, uint16_t v)
{
	uint8_t b[2] = { (uint8_t)(v >> 8), (uint8_t)v };

	put(w, b, sizeof(b));
}

static void
put32(struct wbuf *w, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };

	put(w, b, sizeof(b));
}

static void
put64(struct wbuf *w, uint64_t v)
{
	put32(w, (uint32_t)(v >> 32));
	put32(w, (uint32_t)v);
}

/* Pad with Pad1 or PadN until the next octet sits at x*n + y. */
static void
put_pad(struct wbuf *w, unsigned x, unsigned y)
{
	size_t n = (y + x - w->len % x) % x;

	if (n == 1) {
		put8(w, PMIP_OPT_PAD1);
	} else if (n > 1) {
		put8(w, PMIP_OPT_PADN);
		put8(w, (uint8_t)(n - 2));
		put(w, NULL, n - 2);
	}
}

/* Pad for alignment x*n + y, then write the option's Type and Length. */
static void
put_opt(struct wbuf *w, unsigned x, unsigned y, uint8_t type, size_t len)
{
	put_pad(w, x, y);
	put8(w, type);
	put8(w, (uint8_t)len);
}

/* RFC 5213 §8.6 aligns the MN-LL-ID option "based on the size of the
 * identifier", which starts 4 octets after the Type octet: put it on the
 * widest natural boundary its size allows. */
static void
llid_align(size_t n, unsigned *x, unsigned *y)
{
	if (n > 0 && n % 8 == 0) {
		*x = 8;
		*y = 4;
	} else if (n > 0 && n % 4 == 0) {
		*x = 4;
		*y = 0;
	} else if (n % 2 == 0) {
		*x = 2;
		*y = 0;
	} else {
		*x = 1;
		*y = 0;
	}
}

static bool
id_ok(const struct pmip_id *id, size_t head)
{
	return id->len <= OPT_DATA_MAX - head && (id->id != NULL || id->len == 0);
}

/* Whether *m can be put on the wire at all (see pmip_encode()). */
static bool
encode_valid(const struct pmip_msg *m)
{
	if (fixed_len(m->type) == 0)
		return false;
	if (m->type == PMIP_MH_PBA && m->flags > 0xff)
		return false;
	if (m->type == PMIP_MH_BR && m->br_type != PMIP_BR_INDICATION &&
	    m->br_type != PMIP_BR_ACK)
		return false;
	if (m->has_mn_id && !id_ok(&m->mn_id, MN_ID_HEAD))
		return false;
	if (m->has_mag_id && !id_ok(&m->mag_id, MAG_ID_HEAD))
		return false;
	if (m->has_mn_llid && (m->mn_llid_len > OPT_DATA_MAX - LLID_HEAD ||
	    (m->mn_llid == NULL && m->mn_llid_len > 0)))
		return false;
	if (m->n_hnp > PMIP_HNP_MAX)
		return false;
	for (unsigned i = 0; i < m->n_hnp; i++)
		if (m->hnp[i].plen > 128)
			return false;
	if (m->has_v4hoa_req && m->v4hoa_req_plen > 32)
		return false;
	if (m->has_v4hoa_reply && m->v4hoa_reply_plen > 32)
		return false;
	if (m->has_restart && !is_hb_response(m))
		return false;
	return true;
}

static void
encode_fixed(struct wbuf *w, const struct pmip_msg *m)
{
	put8(w, PMIP_MH_PROTO);
	put8(w, 0);		/* Header Len, once the length is known */
	put8(w, m->type);
	put8(w, 0);
	put16(w, 0);		/* checksum: 0 on IPv4-UDP (RFC 5844 §4) */
	switch (m->type) {
	case PMIP_MH_PBU:
		put16(w, m->seq);
		put16(w, m->flags);
		put16(w, m->lifetime);
		break;
	case PMIP_MH_PBA:
		put8(w, m->status);
		put8(w, (uint8_t)m->flags);
		put16(w, m->seq);
		put16(w, m->lifetime);
		break;
	case PMIP_MH_HEARTBEAT:
		put16(w, m->flags);
		put32(w, m->hb_seq);
		break;
	case PMIP_MH_BR:
		put8(w, m->br_type);
		put8(w, m->br_type == PMIP_BR_ACK ? m->status : m->br_trigger);
		put16(w, m->seq);
		put16(w, m->flags);
		break;
	case PMIP_MH_BE:
		put8(w, m->status);
		put8(w, 0);
		put(w, &m->be_hoa, sizeof(m->be_hoa));
		break;
	}
}

/* The options, in the order the golden vectors of the protocol reference
 * use, with the alignment of each option's RFC. */
static void
encode_options(struct wbuf *w, const struct pmip_msg *m)
{
	unsigned x, y;

	if (m->has_mn_id) {
		put_opt(w, 1, 0, PMIP_OPT_MN_ID, MN_ID_HEAD + m->mn_id.len);
		put8(w, m->mn_id.subtype);
		put(w, m->mn_id.id, m->mn_id.len);
	}
	for (unsigned i = 0; i < m->n_hnp; i++) {
		put_opt(w, 8, 4, PMIP_OPT_HNP, LEN_HNP);
		put8(w, 0);
		put8(w, m->hnp[i].plen);
		put(w, &m->hnp[i].prefix, sizeof(m->hnp[i].prefix));
	}
	if (m->has_hi) {
		put_opt(w, 1, 0, PMIP_OPT_HI, LEN_HI);
		put8(w, 0);
		put8(w, m->hi);
	}
	if (m->has_att) {
		put_opt(w, 1, 0, PMIP_OPT_ATT, LEN_ATT);
		put8(w, 0);
		put8(w, m->att);
	}
	if (m->has_mn_llid) {
		llid_align(m->mn_llid_len, &x, &y);
		put_opt(w, x, y, PMIP_OPT_MN_LLID, LLID_HEAD + m->mn_llid_len);
		put16(w, 0);
		put(w, m->mn_llid, m->mn_llid_len);
	}
	if (m->has_timestamp) {
		/* 8n+2 as RFC 5213 §8.8 says, though it leaves the 64-bit
		 * field only 4-aligned */
		put_opt(w, 8, 2, PMIP_OPT_TIMESTAMP, LEN_TIMESTAMP);
		put64(w, m->timestamp);
	}
	if (m->has_gre_key) {
		put_opt(w, 4, 0, PMIP_OPT_GRE_KEY,
		    m->gre_key_present ? LEN_GRE_KEY : LEN_GRE_NOKEY);
		put16(w, 0);
		if (m->gre_key_present)
			put32(w, m->gre_key);
	}
	if (m->has_v4hoa_req) {
		put_opt(w, 4, 0, PMIP_OPT_V4HOA_REQ, LEN_V4ADDR);
		put8(w, (uint8_t)(m->v4hoa_req_plen << 2));
		put8(w, 0);
		put(w, &m->v4hoa_req, 4);
	}
	if (m->has_v4hoa_reply) {
		put_opt(w, 4, 0, PMIP_OPT_V4HOA_REPLY, LEN_V4ADDR);
		put8(w, m->v4hoa_reply_status);
		put8(w, (uint8_t)(m->v4hoa_reply_plen << 2));
		put(w, &m->v4hoa_reply, 4);
	}
	if (m->has_v4dflt_rtr) {
		put_opt(w, 4, 0, PMIP_OPT_V4DFLT_RTR, LEN_V4ADDR);
		put16(w, 0);
		put(w, &m->v4dflt_rtr, 4);
	}
	if (m->has_v4dhcp) {
		put_opt(w, 1, 0, PMIP_OPT_V4DHCP, LEN_V4DHCP);
		put16(w, m->v4dhcp_server ? 1 : 0);
	}
	if (m->has_nat) {
		put_opt(w, 4, 0, PMIP_OPT_NAT, LEN_NAT);
		put16(w, m->nat_udp ? 0x8000 : 0);
		put32(w, m->nat_refresh);
	}
	if (m->has_restart) {
		put_opt(w, 4, 2, PMIP_OPT_RESTART, LEN_RESTART);
		put32(w, m->restart_counter);
	}
	if (m->has_mmb) {
		put_opt(w, 1, 0, PMIP_OPT_MMB, LEN_MMB);
		put8(w, m->mmb_if_att);
		put8(w, m->mmb_if_label);
		put8(w, m->mmb_bid);
		put8(w, m->mmb_flags & (PMIP_MMB_B | PMIP_MMB_O));
		put16(w, 0);
	}
	if (m->has_mag_id) {
		put_opt(w, 1, 0, PMIP_OPT_MAG_ID, MAG_ID_HEAD + m->mag_id.len);
		put8(w, m->mag_id.subtype);
		put8(w, 0);
		put(w, m->mag_id.id, m->mag_id.len);
	}
}

ssize_t
pmip_encode(const struct pmip_msg *m, uint8_t *buf, size_t cap)
{
	struct wbuf w = { .p = buf, .cap = cap };

	if (!encode_valid(m)) {
		errno = EINVAL;
		return -1;
	}
	encode_fixed(&w, m);
	encode_options(&w, m);
	put_pad(&w, 8, 0);
	if (w.full) {
		errno = ENOSPC;
		return -1;
	}
	/* cannot happen with the limits encode_valid() keeps, but Header Len
	 * is one octet and must not wrap */
	if (w.len > PMIP_MH_MAX_LEN) {
		errno = EINVAL;
		return -1;
	}
	buf[1] = (uint8_t)(w.len / 8 - 1);
	return (ssize_t)w.len;
}

/* ---- comparison ------------------------------------------------------------ */

static bool
id_equal(const struct pmip_id *a, const struct pmip_id *b)
{
	return a->subtype == b->subtype && a->len == b->len &&
	    (a->len == 0 || memcmp(a->id, b->id, a->len) == 0);
}

static bool
fixed_equal(const struct pmip_msg *a, const struct pmip_msg *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case PMIP_MH_PBU:
		return a->seq == b->seq && a->flags == b->flags && a->lifetime == b->lifetime;
	case PMIP_MH_PBA:
		return a->status == b->status && a->flags == b->flags && a->seq == b->seq &&
		    a->lifetime == b->lifetime;
	case PMIP_MH_HEARTBEAT:
		return a->flags == b->flags && a->hb_seq == b->hb_seq;
	case PMIP_MH_BR:
		if (a->br_type != b->br_type || a->seq != b->seq || a->flags != b->flags)
			return false;
		return a->br_type == PMIP_BR_ACK ? a->status == b->status :
		    a->br_trigger == b->br_trigger;
	case PMIP_MH_BE:
		return a->status == b->status &&
		    memcmp(&a->be_hoa, &b->be_hoa, sizeof(a->be_hoa)) == 0;
	}
	return true;
}

/* Each line: both absent, or both present and equal. */
#define SAME(has, cond) ((a->has) == (b->has) && (!(a->has) || (cond)))

bool
pmip_msg_equal(const struct pmip_msg *a, const struct pmip_msg *b)
{
	if (!fixed_equal(a, b) || a->n_hnp != b->n_hnp)
		return false;
	for (unsigned i = 0; i < a->n_hnp && i < PMIP_HNP_MAX; i++)
		if (a->hnp[i].plen != b->hnp[i].plen ||
		    memcmp(&a->hnp[i].prefix, &b->hnp[i].prefix, sizeof(a->hnp[i].prefix)) != 0)
			return false;
	return SAME(has_mn_id, id_equal(&a->mn_id, &b->mn_id)) &&
	    SAME(has_hi, a->hi == b->hi) &&
	    SAME(has_att, a->att == b->att) &&
	    SAME(has_mn_llid, a->mn_llid_len == b->mn_llid_len &&
		(a->mn_llid_len == 0 || memcmp(a->mn_llid, b->mn_llid, a->mn_llid_len) == 0)) &&
	    SAME(has_timestamp, a->timestamp == b->timestamp) &&
	    SAME(has_restart, a->restart_counter == b->restart_counter) &&
	    SAME(has_nat, a->nat_udp == b->nat_udp && a->nat_refresh == b->nat_refresh) &&
	    SAME(has_gre_key, a->gre_key_present == b->gre_key_present &&
		(!a->gre_key_present || a->gre_key == b->gre_key)) &&
	    SAME(has_v4hoa_req, a->v4hoa_req_plen == b->v4hoa_req_plen &&
		a->v4hoa_req.s_addr == b->v4hoa_req.s_addr) &&
	    SAME(has_v4hoa_reply, a->v4hoa_reply_status == b->v4hoa_reply_status &&
		a->v4hoa_reply_plen == b->v4hoa_reply_plen &&
		a->v4hoa_reply.s_addr == b->v4hoa_reply.s_addr) &&
	    SAME(has_v4dflt_rtr, a->v4dflt_rtr.s_addr == b->v4dflt_rtr.s_addr) &&
	    SAME(has_v4dhcp, a->v4dhcp_server == b->v4dhcp_server) &&
	    SAME(has_mmb, a->mmb_if_att == b->mmb_if_att && a->mmb_if_label == b->mmb_if_label &&
		a->mmb_bid == b->mmb_bid && a->mmb_flags == b->mmb_flags) &&
	    SAME(has_mag_id, id_equal(&a->mag_id, &b->mag_id));
}
