/*
 * codec.h — the PMIPv6 Mobility Header codec: pure functions that turn the
 * bytes following the UDP header on port 5436 into a struct pmip_msg and
 * back.  No I/O, no allocation, no global state.
 *
 * Messages: Proxy Binding Update and Acknowledgement (RFC 5213), Heartbeat
 * (RFC 5847), Binding Revocation Indication and Acknowledgement (RFC 5846)
 * and Binding Error (RFC 6275, so that a MAG can tell that a peer does not
 * know heartbeats).  On IPv4-UDP transport (RFC 5844) the MH checksum is
 * sent as 0 and ignored on receipt.
 *
 * Called by the MAG and the LMA (src/mobility/), by the packet capture
 * decoder, and by tests/unit/test_codec.c and tests/fuzz/fuzz_codec.c.
 *
 * Conventions:
 *  - Every multi-octet number in struct pmip_msg is in host order, except
 *    addresses (struct in_addr, struct in6_addr), which are in network
 *    order as everywhere in the sockets API.
 *  - Identifiers (NAI of the MN-ID and MAG Identifier options, link-layer
 *    identifier) are borrowed, never copied: after pmip_decode() they point
 *    into the decoded buffer, which must outlive the message; for
 *    pmip_encode() they point wherever the caller keeps them.  They are not
 *    NUL-terminated.
 *  - Decoding errors are negative values of enum pmip_err, numbered -1 to
 *    -(PMIP_ERR_COUNT - 1) without gaps, so that `-err` indexes an array of
 *    PMIP_ERR_COUNT drop counters.
 */
#ifndef PMIP_CODEC_H
#define PMIP_CODEC_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

/* UDP ports of RFC 5844 §6: signaling, and data in IPv4-UDP mode. */
#define PMIP_PORT_CNTL		5436
#define PMIP_PORT_DATA		5437

/* The first octet of every MH: IPPROTO_NONE (RFC 6275 §9.2). */
#define PMIP_MH_PROTO		59

/* Header Len is one octet counting 8-octet units after the first 8. */
#define PMIP_MH_MAX_LEN		((255 + 1) * 8)

/* Home Network Prefix options kept per message.  The RFCs set no limit;
 * a message with more is rejected with PMIP_E_HNP_COUNT. */
#define PMIP_HNP_MAX		16

/* ---- MH types (IANA "Mobility Header Types") ---------------------------- */
enum pmip_mh_type {
	PMIP_MH_PBU = 5,	/* Binding Update; a PBU has PMIP_BU_P */
	PMIP_MH_PBA = 6,	/* Binding Acknowledgement */
	PMIP_MH_BE = 7,		/* Binding Error */
	PMIP_MH_HEARTBEAT = 13,	/* not 23: that is Subscription Response */
	PMIP_MH_BR = 16,	/* Binding Revocation, BRI or BRA by br_type */
};

/* ---- fixed-part flags ---------------------------------------------------- */
/* Binding Update, the 16-bit word after the sequence number. */
#define PMIP_BU_A		0x8000	/* acknowledge; MUST in a PBU */
#define PMIP_BU_H		0x4000	/* home registration */
#define PMIP_BU_L		0x2000
#define PMIP_BU_K		0x1000
#define PMIP_BU_M		0x0800
#define PMIP_BU_R		0x0400	/* mobile router (NEMO) */
#define PMIP_BU_P		0x0200	/* proxy registration; MUST in a PBU */
#define PMIP_BU_F		0x0100	/* force IPv4-UDP encapsulation (RFC 5555) */
#define PMIP_BU_T		0x0080	/* TLV header format (RFC 5845) */
#define PMIP_BU_B		0x0040	/* bulk binding update (RFC 6602) */
#define PMIP_BU_S		0x0020
#define PMIP_BU_D		0x0010

/* Binding Acknowledgement, the 8-bit field after the status. */
#define PMIP_BA_K		0x80
#define PMIP_BA_R		0x40
#define PMIP_BA_P		0x20	/* proxy: set when the PBU had P */
#define PMIP_BA_T		0x10	/* TLV header accepted (RFC 5845) */
#define PMIP_BA_B		0x08
#define PMIP_BA_S		0x04
#define PMIP_BA_D		0x02

/* Heartbeat, the 16-bit word before the sequence number (RFC 5847 §3.3). */
#define PMIP_HB_U		0x0002	/* unsolicited response (after a restart) */
#define PMIP_HB_R		0x0001	/* response; 0 = request */

/* Binding Revocation (RFC 5846 §5). */
#define PMIP_BR_INDICATION	1	/* br_type of a BRI */
#define PMIP_BR_ACK		2	/* br_type of a BRA */
#define PMIP_BR_P		0x8000	/* proxy binding */
#define PMIP_BR_V		0x4000	/* IPv4 home address binding only */
#define PMIP_BR_G		0x2000	/* global: all bindings of the peer */

/* ---- PBA status (IANA "Status Codes"; < 128 means accepted) -------------- */
enum pmip_status {
	PMIP_ST_ACCEPTED = 0,
	PMIP_ST_ACCEPTED_PREFIX_DISCOVERY = 1,
	PMIP_ST_GRE_KEY_NOT_REQUIRED = 2,
	PMIP_ST_GRE_TLV_NOT_SUPPORTED = 3,
	PMIP_ST_UNSPECIFIED = 128,
	PMIP_ST_ADMIN_PROHIBITED = 129,
	PMIP_ST_INSUFFICIENT_RESOURCES = 130,
	PMIP_ST_HOME_REG_NOT_SUPPORTED = 131,
	PMIP_ST_NOT_HOME_SUBNET = 132,
	PMIP_ST_NOT_HOME_AGENT = 133,
	PMIP_ST_DAD_FAILED = 134,
	PMIP_ST_SEQ_OUT_OF_WINDOW = 135,
	PMIP_ST_EXPIRED_HOME_NONCE = 136,
	PMIP_ST_EXPIRED_COA_NONCE = 137,
	PMIP_ST_EXPIRED_NONCES = 138,
	PMIP_ST_REG_TYPE_CHANGE = 139,
	PMIP_ST_PROXY_REG_NOT_ENABLED = 152,
	PMIP_ST_NOT_LMA_FOR_THIS_MN = 153,
	PMIP_ST_MAG_NOT_AUTHORIZED = 154,
	PMIP_ST_NOT_AUTHORIZED_FOR_HNP = 155,
	PMIP_ST_TIMESTAMP_MISMATCH = 156,
	PMIP_ST_TIMESTAMP_LOWER = 157,
	PMIP_ST_MISSING_HNP = 158,
	PMIP_ST_PREFIX_SET_MISMATCH = 159,
	PMIP_ST_MISSING_MN_ID = 160,
	PMIP_ST_MISSING_HI = 161,
	PMIP_ST_MISSING_ATT = 162,
	PMIP_ST_GRE_KEY_REQUIRED = 163,
	PMIP_ST_NOT_AUTHORIZED_IPV4 = 170,
	PMIP_ST_NOT_AUTHORIZED_IPV4_HOA = 171,
	PMIP_ST_NOT_AUTHORIZED_IPV6 = 172,
	PMIP_ST_MULTIPLE_IPV4_HOA = 173,
	PMIP_ST_INVALID_COA = 174,
	PMIP_ST_CANNOT_SUPPORT_MULTIPATH = 180,	/* RFC 8278 §4.3 */
};

/* Binding Revocation Indication triggers (RFC 5846 §5.1). */
enum pmip_br_trigger {
	PMIP_BRT_UNSPECIFIED = 0,
	PMIP_BRT_ADMINISTRATIVE = 1,
	PMIP_BRT_HANDOVER_SAME_ATT = 2,
	PMIP_BRT_HANDOVER_DIFFERENT_ATT = 3,
	PMIP_BRT_HANDOVER_UNKNOWN = 4,
	PMIP_BRT_USER_TERMINATION = 5,
	PMIP_BRT_ACCESS_TERMINATION = 6,
	PMIP_BRT_OUT_OF_SYNC = 7,
	PMIP_BRT_PEER_POLICY = 128,
	PMIP_BRT_LOCAL_POLICY = 129,
};

/* Binding Revocation Acknowledgement status (RFC 5846 §5.2). */
enum pmip_bra_status {
	PMIP_BRA_SUCCESS = 0,
	PMIP_BRA_PARTIAL = 1,
	PMIP_BRA_NO_BINDING = 128,
	PMIP_BRA_IPV4_HOA_REQUIRED = 129,
	PMIP_BRA_GLOBAL_NOT_AUTHORIZED = 130,
	PMIP_BRA_MN_ID_REQUIRED = 131,
	PMIP_BRA_MN_ATTACHED = 132,
	PMIP_BRA_TRIGGER_NOT_SUPPORTED = 133,
	PMIP_BRA_NOT_SUPPORTED = 134,
	PMIP_BRA_PROXY_NOT_SUPPORTED = 135,
};

/* Binding Error status (RFC 6275 §6.1.9). */
#define PMIP_BE_UNKNOWN_HOA	1
#define PMIP_BE_UNKNOWN_MH_TYPE	2

/* ---- option values ------------------------------------------------------- */
/* Access Technology Type (RFC 5213 §8.5, IANA); also MMB If-ATT. */
enum pmip_att {
	PMIP_ATT_VIRTUAL = 1,
	PMIP_ATT_PPP = 2,
	PMIP_ATT_IEEE8023 = 3,
	PMIP_ATT_IEEE80211 = 4,
	PMIP_ATT_IEEE80216E = 5,
	PMIP_ATT_3GPP_GERAN = 6,
	PMIP_ATT_3GPP_UTRAN = 7,	/* "3G" */
	PMIP_ATT_3GPP_EUTRAN = 8,	/* "LTE" */
	PMIP_ATT_3GPP2_EHRPD = 9,
	PMIP_ATT_3GPP2_HRPD = 10,
	PMIP_ATT_3GPP2_1XRTT = 11,
	PMIP_ATT_3GPP2_UMB = 12,
	PMIP_ATT_3GPP_NBIOT = 13,
};

/* Handoff Indicator (RFC 5213 §8.4, RFC 7864). */
enum pmip_hi {
	PMIP_HI_NEW_IFACE = 1,		/* attachment over a new interface */
	PMIP_HI_IFACE_HANDOFF = 2,	/* between two interfaces of the MN */
	PMIP_HI_MAG_HANDOFF = 3,	/* between MAGs, same interface */
	PMIP_HI_UNKNOWN = 4,
	PMIP_HI_NO_CHANGE = 5,		/* re-registration */
	PMIP_HI_NEW_IFACE_SHARED = 6,	/* new interface sharing prefixes */
};

/* Subtypes of the MN Identifier and MAG Identifier options. */
#define PMIP_ID_NAI		1

/* IPv4 Home Address Reply status (RFC 5844 §3.3.2). */
#define PMIP_V4HOA_SUCCESS		0
#define PMIP_V4HOA_FAILURE		128
#define PMIP_V4HOA_ADMIN_PROHIBITED	129
#define PMIP_V4HOA_INCORRECT		130
#define PMIP_V4HOA_INVALID		131
#define PMIP_V4HOA_DYNAMIC_UNAVAILABLE	132

/* MAG Multipath Binding flags (RFC 8278 §4.1); never both. */
#define PMIP_MMB_B		0x80	/* bulk re-registration */
#define PMIP_MMB_O		0x40	/* overwrite all bindings */

/* Option types (IANA "Mobility Options").  The RFC 4285 authentication
 * option (16) is not handled: its layout is not in the RFC texts this
 * project works from, so it is skipped like any unknown option. */
enum pmip_opt {
	PMIP_OPT_PAD1 = 0,
	PMIP_OPT_PADN = 1,
	PMIP_OPT_MN_ID = 8,
	PMIP_OPT_HNP = 22,
	PMIP_OPT_HI = 23,
	PMIP_OPT_ATT = 24,
	PMIP_OPT_MN_LLID = 25,
	PMIP_OPT_TIMESTAMP = 27,
	PMIP_OPT_RESTART = 28,
	PMIP_OPT_NAT = 31,
	PMIP_OPT_GRE_KEY = 33,
	PMIP_OPT_V4HOA_REQ = 36,
	PMIP_OPT_V4HOA_REPLY = 37,
	PMIP_OPT_V4DFLT_RTR = 38,
	PMIP_OPT_V4DHCP = 39,
	PMIP_OPT_MMB = 63,
	PMIP_OPT_MAG_ID = 64,
};

/* ---- decoding errors ----------------------------------------------------- */
enum pmip_err {
	PMIP_OK = 0,
	PMIP_E_TRUNCATED = -1,	/* shorter than the MH header or its type's fixed part */
	PMIP_E_HDRLEN = -2,	/* Header Len disagrees with the byte count */
	PMIP_E_PROTO = -3,	/* Payload Proto is not 59 */
	PMIP_E_MH_TYPE = -4,	/* MH type this codec does not know */
	PMIP_E_BR_TYPE = -5,	/* Binding Revocation type neither 1 nor 2 */
	PMIP_E_OPT_OVERRUN = -6,	/* option runs past the end of the message */
	PMIP_E_OPT_LEN = -7,	/* known option with a wrong length */
	PMIP_E_OPT_DUP = -8,	/* second instance of a once-only option */
	PMIP_E_OPT_VALUE = -9,	/* prefix length out of range */
	PMIP_E_HNP_COUNT = -10,	/* more than PMIP_HNP_MAX prefixes */
};
#define PMIP_ERR_COUNT		11	/* array size for per-reason counters */

/* ---- the decoded message ------------------------------------------------- */
/* An identifier (MN-ID, MAG Identifier): `len` octets at `id`, borrowed. */
struct pmip_id {
	uint8_t subtype;	/* PMIP_ID_NAI, ... */
	const uint8_t *id;
	size_t len;		/* encodable: MN-ID <= 254, MAG-ID <= 253 */
};

struct pmip_hnp {
	uint8_t plen;		/* 0..128 */
	struct in6_addr prefix;
};

/*
 * One Mobility Header.  Which fixed fields mean something depends on
 * `type`; the others are 0 after pmip_decode() and ignored by
 * pmip_encode().  Each option has a `has_` flag (HNP a count); an option
 * whose flag is false is neither decoded nor encoded.
 */
struct pmip_msg {
	uint8_t type;		/* enum pmip_mh_type */

	/* fixed part */
	uint16_t seq;		/* PBU, PBA, BRI, BRA */
	uint16_t flags;		/* PMIP_BU_* (PBU), PMIP_BA_* (PBA, 8 bits),
				 * PMIP_HB_* (heartbeat), PMIP_BR_* (BRI, BRA) */
	uint16_t lifetime;	/* PBU, PBA: 4-second units, 0 = de-register */
	uint8_t status;		/* PBA: enum pmip_status; BRA: enum
				 * pmip_bra_status; BE: PMIP_BE_* */
	uint32_t hb_seq;	/* heartbeat */
	uint8_t br_type;	/* BR: PMIP_BR_INDICATION or PMIP_BR_ACK */
	uint8_t br_trigger;	/* BRI: enum pmip_br_trigger */
	struct in6_addr be_hoa;	/* BE: home address field */

	/* options */
	bool has_mn_id;
	struct pmip_id mn_id;

	unsigned n_hnp;
	struct pmip_hnp hnp[PMIP_HNP_MAX];

	bool has_hi;
	uint8_t hi;		/* enum pmip_hi */

	bool has_att;
	uint8_t att;		/* enum pmip_att */

	bool has_mn_llid;
	const uint8_t *mn_llid;	/* borrowed, RFC 4861 §4.6 encoding */
	size_t mn_llid_len;	/* encodable: <= 253 */

	bool has_timestamp;
	uint64_t timestamp;	/* 48.16 fixed point, seconds since 1970 */

	bool has_restart;	/* heartbeat response only */
	uint32_t restart_counter;

	bool has_nat;		/* NAT Detection (RFC 5555) */
	bool nat_udp;		/* its F flag: UDP encapsulation required */
	uint32_t nat_refresh;	/* refresh time, seconds */

	bool has_gre_key;	/* GRE Key (RFC 5845) */
	bool gre_key_present;	/* false: length 2, GRE without key */
	uint32_t gre_key;

	bool has_v4hoa_req;
	uint8_t v4hoa_req_plen;	/* 0..32 (6 bits on the wire) */
	struct in_addr v4hoa_req; /* 0.0.0.0 asks the LMA to allocate */

	bool has_v4hoa_reply;
	uint8_t v4hoa_reply_status; /* PMIP_V4HOA_* */
	uint8_t v4hoa_reply_plen;   /* 0..32 */
	struct in_addr v4hoa_reply;

	bool has_v4dflt_rtr;
	struct in_addr v4dflt_rtr;

	bool has_v4dhcp;
	bool v4dhcp_server;	/* S flag: MAG is DHCP server, else relay */

	bool has_mmb;		/* MAG Multipath Binding (RFC 8278) */
	uint8_t mmb_if_att;	/* enum pmip_att of the WAN interface */
	uint8_t mmb_if_label;
	uint8_t mmb_bid;	/* 1..254 */
	uint8_t mmb_flags;	/* PMIP_MMB_B, PMIP_MMB_O */

	bool has_mag_id;
	struct pmip_id mag_id;

	/* set by pmip_decode(), ignored by pmip_encode() */
	unsigned unknown_opts;	/* options of unknown type, skipped */
	unsigned ignored_opts;	/* known options not valid in this message
				 * (a Restart Counter outside a heartbeat
				 * response), skipped */
};

/* ---- wire ---------------------------------------------------------------- */

/*
 * Decode the Mobility Header in buf[0..len) — the whole UDP payload — into
 * *m, which is overwritten.  Returns 0, or a negative enum pmip_err; on an
 * error *m holds nothing useful except that m->type is the received MH
 * type once the header could be read (for a Binding Error answer to
 * PMIP_E_MH_TYPE).  Never allocates.  Identifiers in *m point into buf.
 * Padding contents, reserved bits of options and the MH checksum are
 * ignored; the fixed-part flag words are kept whole.  Options are accepted
 * at any alignment.
 */
int pmip_decode(const uint8_t *buf, size_t len, struct pmip_msg *m);

/*
 * Encode *m into buf[0..cap).  Options go out in one fixed order (MN-ID,
 * HNPs, HI, ATT, MN-LL-ID, Timestamp, GRE Key, IPv4 HoA Request, IPv4 HoA
 * Reply, IPv4 Default-Router, IPv4 DHCP Support Mode, NAT Detection,
 * Restart Counter, MMB, MAG Identifier), each preceded by the Pad1/PadN
 * its alignment needs; the message is padded to a multiple of 8 octets and
 * the checksum is 0 (RFC 5844).  Returns the length written, or -1 with
 * errno ENOSPC when cap is too small (buf may then hold a partial message)
 * or EINVAL when *m cannot be encoded (unknown type, an identifier too
 * long for its length octet, a NULL identifier with a length, prefix
 * length out of range, more than PMIP_HNP_MAX prefixes, PBA flags above
 * 0xff, a Restart Counter outside a heartbeat response, a BR type other
 * than 1 or 2).  PMIP_MH_MAX_LEN octets are always enough.
 */
ssize_t pmip_encode(const struct pmip_msg *m, uint8_t *buf, size_t cap);

/*
 * Whether a and b carry the same message: fixed fields of their type and
 * options, identifiers compared by content.  unknown_opts and ignored_opts
 * are not compared (the encoder drops those options).
 */
bool pmip_msg_equal(const struct pmip_msg *a, const struct pmip_msg *b);

/* ---- building messages (codec_build.c) ------------------------------------ */

/* Zero *m and set its type. */
void pmip_msg_init(struct pmip_msg *m, enum pmip_mh_type type);

/*
 * A PBU with A|H|P, the sequence number, the lifetime (4-second units, see
 * pmip_lifetime_units()), an NAI MN-ID borrowing mn_nai (NUL-terminated,
 * not copied: it must outlive *m), Handoff Indicator hi and Access
 * Technology Type att.  Add HNPs, timestamp, IPv4 request and multipath
 * fields by setting them in *m.
 */
void pmip_pbu_init(struct pmip_msg *m, uint16_t seq, uint16_t lifetime,
    const char *mn_nai, uint8_t hi, uint8_t att);

/*
 * Add RFC 8278 multipath to a PBU: MAG Multipath Binding (If-ATT,
 * If-Label, Binding ID, no B/O flag) and a MAG Identifier NAI borrowing
 * mag_nai.
 */
void pmip_pbu_set_multipath(struct pmip_msg *m, uint8_t if_att,
    uint8_t if_label, uint8_t bid, const char *mag_nai);

/*
 * The PBA answering *pbu per RFC 5213 §5.3.6 and RFC 8278 §4.4: P flag if
 * the PBU had it, same sequence number, MN-ID copied (a zero-length NAI
 * when the PBU had none), the requested HNPs (one ALL_ZERO HNP when it
 * requested neither a prefix nor an IPv4 address), HI and ATT copied (0
 * when absent), Timestamp and MN-LL-ID copied when present, MMB echoed
 * without MAG Identifier.  On acceptance the caller replaces the HNPs with
 * the assigned ones and adds the IPv4 options.  *pba borrows the PBU's
 * identifiers, so the PBU's buffer must outlive it.
 */
void pmip_pba_init_reply(struct pmip_msg *pba, const struct pmip_msg *pbu,
    uint8_t status, uint16_t lifetime);

/* A heartbeat request with sequence number seq. */
void pmip_hb_init_request(struct pmip_msg *m, uint32_t seq);

/* A heartbeat response (U flag when unsolicited) with the Restart Counter
 * option, which RFC 5847 §3.2 wants in every response. */
void pmip_hb_init_response(struct pmip_msg *m, uint32_t seq,
    uint32_t restart_counter, bool unsolicited);

/* A BRI with the given trigger, sequence number and PMIP_BR_* flags. */
void pmip_bri_init(struct pmip_msg *m, uint16_t seq, uint16_t flags,
    uint8_t trigger);

/* The BRA answering *bri: sequence number and P/V/G copied, status. */
void pmip_bra_init_reply(struct pmip_msg *bra, const struct pmip_msg *bri,
    uint8_t status);

/* Seconds to lifetime units, rounded up so that a non-zero lifetime never
 * becomes 0 (a de-registration); capped at 65535 units (262140 s). */
uint16_t pmip_lifetime_units(uint32_t seconds);

/* A Timestamp option value (48.16 fixed point since 1970) for *ts. */
uint64_t pmip_timestamp_from_timespec(const struct timespec *ts);

/* ---- names for logs and counters (codec_names.c) --------------------------- */

/* Short reason for a pmip_decode() result ("ok" for 0, "unknown error" for
 * anything else that is not an enum pmip_err).  Static storage. */
const char *pmip_err_str(int err);

/* Name of a PBA status ("accepted", "CANNOT_SUPPORT_MULTIPATH_BINDING"),
 * or NULL for a value with no assigned meaning.  Static storage. */
const char *pmip_status_str(uint8_t status);

/* Name of an MH type ("PBU", "Heartbeat", ...), or NULL.  Static storage. */
const char *pmip_mh_type_str(uint8_t type);

#endif /* PMIP_CODEC_H */
