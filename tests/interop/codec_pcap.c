/*
 * codec_pcap.c — write a pcap of PMIPv6 signaling built by the codec, for
 * tests/interop/tshark_codec.sh to hold against Wireshark's decoder.
 *
 *   codec_pcap FILE
 *
 * Each packet is IPv4 / UDP 5436 / Mobility Header (checksum 0, RFC 5844)
 * between a MAG at 192.0.2.1 and an LMA at 198.51.100.1, raw IP link type,
 * fixed timestamps so that the output is byte-stable: a multipath PBU with
 * most options, the accepting PBA, a PBA refusing multipath (180), a
 * heartbeat request and response, a BRI and its BRA.
 */
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mobility/codec.h"

#define IP_HDR_LEN	20
#define UDP_HDR_LEN	8

static pcap_dumper_t *dumper;
static unsigned npkt;

/* One's-complement sum of n octets, folded into 16 bits by the caller. */
static uint32_t
sum16(const uint8_t *p, size_t n, uint32_t sum)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n % 2)
		sum += (uint32_t)p[n - 1] << 8;
	return sum;
}

static uint16_t
fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void
put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Encode m and write it as one IPv4/UDP packet from src to dst. */
static void
emit(const struct pmip_msg *m, const char *src, const char *dst)
{
	uint8_t pkt[IP_HDR_LEN + UDP_HDR_LEN + PMIP_MH_MAX_LEN] = { 0 };
	uint8_t *ip = pkt, *udp = pkt + IP_HDR_LEN, *mh = udp + UDP_HDR_LEN;
	struct pcap_pkthdr h = { 0 };
	ssize_t n;
	size_t ulen;
	uint32_t sum;

	n = pmip_encode(m, mh, PMIP_MH_MAX_LEN);
	if (n < 0) {
		perror("pmip_encode");
		exit(1);
	}
	ulen = UDP_HDR_LEN + (size_t)n;

	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)(IP_HDR_LEN + ulen));
	put16(ip + 4, (uint16_t)(npkt + 1));
	put16(ip + 6, 0x4000);	/* DF */
	ip[8] = 64;
	ip[9] = IPPROTO_UDP;
	inet_pton(AF_INET, src, ip + 12);
	inet_pton(AF_INET, dst, ip + 16);
	put16(ip + 10, fold(sum16(ip, IP_HDR_LEN, 0)));

	put16(udp, PMIP_PORT_CNTL);
	put16(udp + 2, PMIP_PORT_CNTL);
	put16(udp + 4, (uint16_t)ulen);
	/* pseudo-header: addresses, protocol, UDP length */
	sum = sum16(ip + 12, 8, IPPROTO_UDP + (uint32_t)ulen);
	sum = sum16(udp, ulen, sum);
	put16(udp + 6, fold(sum) == 0 ? 0xffff : fold(sum));

	h.ts.tv_sec = 1700000000 + npkt++;
	h.caplen = h.len = (bpf_u_int32)(IP_HDR_LEN + ulen);
	pcap_dump((u_char *)dumper, &h, pkt);
}

int
main(int argc, char **argv)
{
	static const uint8_t mac[6] = { 0x00, 0x00, 0x5e, 0x00, 0x53, 0x01 };
	const char *mag = "192.0.2.1", *lma = "198.51.100.1";
	struct pmip_msg pbu, pba, hb, bri, bra;
	pcap_t *p;

	if (argc != 2) {
		fprintf(stderr, "usage: codec_pcap FILE\n");
		return 2;
	}
	p = pcap_open_dead(DLT_RAW, 65535);
	if (p == NULL || (dumper = pcap_dump_open(p, argv[1])) == NULL) {
		fprintf(stderr, "codec_pcap: %s: %s\n", argv[1], p ? pcap_geterr(p) : "pcap");
		return 1;
	}

	pmip_pbu_init(&pbu, 1, pmip_lifetime_units(3600), "lmn1@example.com",
	    PMIP_HI_NEW_IFACE, PMIP_ATT_3GPP_EUTRAN);
	pbu.flags |= PMIP_BU_F;
	pbu.n_hnp = 1;
	pbu.hnp[0].plen = 64;
	inet_pton(AF_INET6, "2001:db8:1::", &pbu.hnp[0].prefix);
	pbu.has_mn_llid = true;
	pbu.mn_llid = mac;
	pbu.mn_llid_len = sizeof(mac);
	pbu.has_timestamp = true;
	pbu.timestamp = 1700000000ULL << 16 | 0x8000;
	pbu.has_gre_key = true;
	pbu.gre_key_present = true;
	pbu.gre_key = 0x1234;
	pbu.has_v4hoa_req = true;
	pmip_pbu_set_multipath(&pbu, PMIP_ATT_3GPP_EUTRAN, 11, 1, "mag1@example.com");
	emit(&pbu, mag, lma);

	pmip_pba_init_reply(&pba, &pbu, PMIP_ST_ACCEPTED, 900);
	pba.has_gre_key = true;
	pba.gre_key_present = true;
	pba.gre_key = 0x5678;
	pba.has_v4hoa_reply = true;
	pba.v4hoa_reply_plen = 24;
	inet_pton(AF_INET, "203.0.113.5", &pba.v4hoa_reply);
	pba.has_v4dflt_rtr = true;
	inet_pton(AF_INET, "203.0.113.1", &pba.v4dflt_rtr);
	pba.has_v4dhcp = true;
	pba.v4dhcp_server = true;
	pba.has_nat = true;
	pba.nat_udp = true;
	pba.nat_refresh = 110;
	emit(&pba, lma, mag);

	pmip_pba_init_reply(&pba, &pbu, PMIP_ST_CANNOT_SUPPORT_MULTIPATH, 0);
	emit(&pba, lma, mag);

	pmip_hb_init_request(&hb, 1);
	emit(&hb, mag, lma);
	pmip_hb_init_response(&hb, 1, 7, false);
	emit(&hb, lma, mag);

	pmip_bri_init(&bri, 5, PMIP_BR_P, PMIP_BRT_ADMINISTRATIVE);
	bri.has_mn_id = true;
	bri.mn_id = pbu.mn_id;
	bri.n_hnp = 1;
	bri.hnp[0] = pbu.hnp[0];
	emit(&bri, lma, mag);
	pmip_bra_init_reply(&bra, &bri, PMIP_BRA_SUCCESS);
	emit(&bra, mag, lma);

	pcap_dump_close(dumper);
	pcap_close(p);
	return 0;
}
