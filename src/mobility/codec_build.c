/*
 * codec_build.c — constructors for the messages the MAG and the LMA send:
 * PBU (with or without RFC 8278 multipath), the PBA that answers a PBU,
 * heartbeat request and response, BRI and BRA; and the unit conversions
 * of lifetimes and timestamps.  They fill a struct pmip_msg for
 * pmip_encode(); nothing here touches bytes on the wire.
 *
 * Called by the MAG and LMA state machines and by the codec tests.
 */
#include <string.h>

#include "codec.h"

void
pmip_msg_init(struct pmip_msg *m, enum pmip_mh_type type)
{
	memset(m, 0, sizeof(*m));
	m->type = (uint8_t)type;
}

static void
id_set_nai(struct pmip_id *id, const char *nai)
{
	id->subtype = PMIP_ID_NAI;
	id->id = (const uint8_t *)nai;
	id->len = strlen(nai);
}

void
pmip_pbu_init(struct pmip_msg *m, uint16_t seq, uint16_t lifetime,
    const char *mn_nai, uint8_t hi, uint8_t att)
{
	pmip_msg_init(m, PMIP_MH_PBU);
	m->seq = seq;
	/* A and P are required (RFC 5213 §6.9.1.5); H as the reference
	 * vectors and most peers send it */
	m->flags = PMIP_BU_A | PMIP_BU_H | PMIP_BU_P;
	m->lifetime = lifetime;
	m->has_mn_id = true;
	id_set_nai(&m->mn_id, mn_nai);
	m->has_hi = true;
	m->hi = hi;
	m->has_att = true;
	m->att = att;
}

void
pmip_pbu_set_multipath(struct pmip_msg *m, uint8_t if_att, uint8_t if_label,
    uint8_t bid, const char *mag_nai)
{
	m->has_mmb = true;
	m->mmb_if_att = if_att;
	m->mmb_if_label = if_label;
	m->mmb_bid = bid;
	m->mmb_flags = 0;
	m->has_mag_id = true;
	id_set_nai(&m->mag_id, mag_nai);
}

void
pmip_pba_init_reply(struct pmip_msg *pba, const struct pmip_msg *pbu,
    uint8_t status, uint16_t lifetime)
{
	pmip_msg_init(pba, PMIP_MH_PBA);
	pba->status = status;
	pba->flags = (pbu->flags & PMIP_BU_P) ? PMIP_BA_P : 0;
	pba->seq = pbu->seq;
	pba->lifetime = lifetime;

	/* the MN-ID, HI and ATT options are mandatory in a PBA even when
	 * the PBU lacked them (RFC 5213 §5.3.6) */
	pba->has_mn_id = true;
	if (pbu->has_mn_id)
		pba->mn_id = pbu->mn_id;
	else
		pba->mn_id.subtype = PMIP_ID_NAI;
	pba->has_hi = true;
	pba->hi = pbu->has_hi ? pbu->hi : 0;
	pba->has_att = true;
	pba->att = pbu->has_att ? pbu->att : 0;

	/* An IPv4-only request gets no HNP back (RFC 5844 §3.1.2.2);
	 * otherwise the reply lists prefixes, ALL_ZERO if none was asked. */
	pba->n_hnp = pbu->n_hnp;
	memcpy(pba->hnp, pbu->hnp, sizeof(pba->hnp));
	if (pbu->n_hnp == 0 && !pbu->has_v4hoa_req) {
		pba->n_hnp = 1;
		memset(&pba->hnp[0], 0, sizeof(pba->hnp[0]));
	}

	pba->has_timestamp = pbu->has_timestamp;
	pba->timestamp = pbu->timestamp;
	pba->has_mn_llid = pbu->has_mn_llid;
	pba->mn_llid = pbu->mn_llid;
	pba->mn_llid_len = pbu->mn_llid_len;

	/* RFC 8278 §4.4: a multipath LMA echoes the MMB, without the MAG
	 * Identifier */
	if (pbu->has_mmb) {
		pba->has_mmb = true;
		pba->mmb_if_att = pbu->mmb_if_att;
		pba->mmb_if_label = pbu->mmb_if_label;
		pba->mmb_bid = pbu->mmb_bid;
		pba->mmb_flags = pbu->mmb_flags;
	}
}

void
pmip_hb_init_request(struct pmip_msg *m, uint32_t seq)
{
	pmip_msg_init(m, PMIP_MH_HEARTBEAT);
	m->hb_seq = seq;
}

void
pmip_hb_init_response(struct pmip_msg *m, uint32_t seq,
    uint32_t restart_counter, bool unsolicited)
{
	pmip_msg_init(m, PMIP_MH_HEARTBEAT);
	m->flags = PMIP_HB_R | (unsolicited ? PMIP_HB_U : 0);
	m->hb_seq = seq;
	m->has_restart = true;
	m->restart_counter = restart_counter;
}

void
pmip_bri_init(struct pmip_msg *m, uint16_t seq, uint16_t flags, uint8_t trigger)
{
	pmip_msg_init(m, PMIP_MH_BR);
	m->br_type = PMIP_BR_INDICATION;
	m->br_trigger = trigger;
	m->seq = seq;
	m->flags = flags;
}

void
pmip_bra_init_reply(struct pmip_msg *bra, const struct pmip_msg *bri, uint8_t status)
{
	pmip_msg_init(bra, PMIP_MH_BR);
	bra->br_type = PMIP_BR_ACK;
	bra->status = status;
	bra->seq = bri->seq;
	bra->flags = bri->flags & (PMIP_BR_P | PMIP_BR_V | PMIP_BR_G);
}

uint16_t
pmip_lifetime_units(uint32_t seconds)
{
	uint32_t units = seconds / 4 + (seconds % 4 != 0);

	return units > UINT16_MAX ? UINT16_MAX : (uint16_t)units;
}

uint64_t
pmip_timestamp_from_timespec(const struct timespec *ts)
{
	/* the fraction is in 1/65536 s; 48 bits of seconds last until the
	 * year 8.9 million, so only the top bits need masking */
	uint64_t frac = (uint64_t)ts->tv_nsec * 65536 / 1000000000;

	return ((uint64_t)ts->tv_sec & 0xffffffffffffULL) << 16 | (frac & 0xffff);
}
