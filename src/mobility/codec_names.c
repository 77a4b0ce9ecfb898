/*
 * codec_names.c — printable names for the codec's numbers: decode error
 * reasons (for per-reason drop counters and debug lines), PBA status codes
 * and MH types (for `show` and `debug` output).
 *
 * Called by the MAG, the LMA, the show handlers and the tests.
 */
#include <stddef.h>

#include "codec.h"

/* A new reason must get a string here and move PMIP_ERR_COUNT. */
_Static_assert(PMIP_E_HNP_COUNT == -(PMIP_ERR_COUNT - 1), "PMIP_ERR_COUNT is stale");

const char *
pmip_err_str(int err)
{
	switch (err) {
	case PMIP_OK:
		return "ok";
	case PMIP_E_TRUNCATED:
		return "truncated message";
	case PMIP_E_HDRLEN:
		return "header length mismatch";
	case PMIP_E_PROTO:
		return "payload proto not 59";
	case PMIP_E_MH_TYPE:
		return "unknown MH type";
	case PMIP_E_BR_TYPE:
		return "unknown revocation type";
	case PMIP_E_OPT_OVERRUN:
		return "option overruns message";
	case PMIP_E_OPT_LEN:
		return "bad option length";
	case PMIP_E_OPT_DUP:
		return "duplicate option";
	case PMIP_E_OPT_VALUE:
		return "bad option value";
	case PMIP_E_HNP_COUNT:
		return "too many home network prefixes";
	}
	return "unknown error";
}

const char *
pmip_status_str(uint8_t status)
{
	switch (status) {
	case PMIP_ST_ACCEPTED:
		return "accepted";
	case PMIP_ST_ACCEPTED_PREFIX_DISCOVERY:
		return "accepted, prefix discovery necessary";
	case PMIP_ST_GRE_KEY_NOT_REQUIRED:
		return "GRE_KEY_OPTION_NOT_REQUIRED";
	case PMIP_ST_GRE_TLV_NOT_SUPPORTED:
		return "GRE_TUNNELING_BUT_TLV_HEADER_NOT_SUPPORTED";
	case PMIP_ST_UNSPECIFIED:
		return "reason unspecified";
	case PMIP_ST_ADMIN_PROHIBITED:
		return "administratively prohibited";
	case PMIP_ST_INSUFFICIENT_RESOURCES:
		return "insufficient resources";
	case PMIP_ST_HOME_REG_NOT_SUPPORTED:
		return "home registration not supported";
	case PMIP_ST_NOT_HOME_SUBNET:
		return "not home subnet";
	case PMIP_ST_NOT_HOME_AGENT:
		return "not home agent for this mobile node";
	case PMIP_ST_DAD_FAILED:
		return "duplicate address detection failed";
	case PMIP_ST_SEQ_OUT_OF_WINDOW:
		return "sequence number out of window";
	case PMIP_ST_EXPIRED_HOME_NONCE:
		return "expired home nonce index";
	case PMIP_ST_EXPIRED_COA_NONCE:
		return "expired care-of nonce index";
	case PMIP_ST_EXPIRED_NONCES:
		return "expired nonces";
	case PMIP_ST_REG_TYPE_CHANGE:
		return "registration type change disallowed";
	case PMIP_ST_PROXY_REG_NOT_ENABLED:
		return "PROXY_REG_NOT_ENABLED";
	case PMIP_ST_NOT_LMA_FOR_THIS_MN:
		return "NOT_LMA_FOR_THIS_MOBILE_NODE";
	case PMIP_ST_MAG_NOT_AUTHORIZED:
		return "MAG_NOT_AUTHORIZED_FOR_PROXY_REG";
	case PMIP_ST_NOT_AUTHORIZED_FOR_HNP:
		return "NOT_AUTHORIZED_FOR_HOME_NETWORK_PREFIX";
	case PMIP_ST_TIMESTAMP_MISMATCH:
		return "TIMESTAMP_MISMATCH";
	case PMIP_ST_TIMESTAMP_LOWER:
		return "TIMESTAMP_LOWER_THAN_PREV_ACCEPTED";
	case PMIP_ST_MISSING_HNP:
		return "MISSING_HOME_NETWORK_PREFIX_OPTION";
	case PMIP_ST_PREFIX_SET_MISMATCH:
		return "BCE_PBU_PREFIX_SET_DO_NOT_MATCH";
	case PMIP_ST_MISSING_MN_ID:
		return "MISSING_MN_IDENTIFIER_OPTION";
	case PMIP_ST_MISSING_HI:
		return "MISSING_HANDOFF_INDICATOR_OPTION";
	case PMIP_ST_MISSING_ATT:
		return "MISSING_ACCESS_TECH_TYPE_OPTION";
	case PMIP_ST_GRE_KEY_REQUIRED:
		return "GRE_KEY_OPTION_REQUIRED";
	case PMIP_ST_NOT_AUTHORIZED_IPV4:
		return "NOT_AUTHORIZED_FOR_IPV4_MOBILITY_SERVICE";
	case PMIP_ST_NOT_AUTHORIZED_IPV4_HOA:
		return "NOT_AUTHORIZED_FOR_IPV4_HOME_ADDRESS";
	case PMIP_ST_NOT_AUTHORIZED_IPV6:
		return "NOT_AUTHORIZED_FOR_IPV6_MOBILITY_SERVICE";
	case PMIP_ST_MULTIPLE_IPV4_HOA:
		return "MULTIPLE_IPV4_HOME_ADDRESS_ASSIGNMENT_NOT_SUPPORTED";
	case PMIP_ST_INVALID_COA:
		return "invalid care-of address";
	case PMIP_ST_CANNOT_SUPPORT_MULTIPATH:
		return "CANNOT_SUPPORT_MULTIPATH_BINDING";
	}
	return NULL;
}

const char *
pmip_mh_type_str(uint8_t type)
{
	switch (type) {
	case PMIP_MH_PBU:
		return "PBU";
	case PMIP_MH_PBA:
		return "PBA";
	case PMIP_MH_BE:
		return "Binding Error";
	case PMIP_MH_HEARTBEAT:
		return "Heartbeat";
	case PMIP_MH_BR:
		return "Binding Revocation";
	}
	return NULL;
}
