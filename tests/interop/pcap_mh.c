/*
 * pcap_mh.c — capture PMIPv6 signaling off a live link, and print what a
 * pcap file holds as the project's own codec decodes it, for the lab test
 * tests/lab/capture.sh.  tshark checks most of the same packets; this
 * program is the one that can read what tshark 4.0 cannot (the RFC 8278
 * MAG Multipath Binding and MAG Identifier options).
 *
 *   pcap_mh capture IFACE FILE [-c COUNT] [-t SECONDS]
 *	Writes the UDP port 5436 packets seen on IFACE to FILE until COUNT
 *	packets (default 1000) or SECONDS seconds (default 30) have gone by,
 *	or SIGTERM or SIGINT comes, whichever is first.  Prints "capturing on
 *	IFACE" once the capture is open, so that a script knows when to start
 *	the traffic, and "N packets" at the end.  Every packet is flushed to
 *	FILE as it is written.
 *
 *   pcap_mh decode FILE
 *	One line per UDP port 5436 packet of FILE (Ethernet, Linux cooked or
 *	raw IPv4 link types):
 *	    N SRC:PORT > DST:PORT TYPE key=value...
 *	TYPE is PBU, PBA, BE, HB-REQ, HB-RSP, BRI or BRA, or "error" with
 *	reason=... when pmip_decode() refuses the message.  Keys (only those
 *	that the message has): seq, flags (letters, as in the RFCs), lifetime
 *	(4-second units), status, hi, att, nai, hoa_req, hoa_reply,
 *	hoa_reply_status, mmb_bid, mmb_att, mmb_label, mmb_flags, mag_id,
 *	restart, hb_seq, unknown_opts.  Identifiers print with octets outside
 *	printable ASCII as \xHH.  IPv4 fragments other than a whole datagram
 *	are skipped.
 *
 * Exit status: 0, or 1 on an error of libpcap or of the file, 2 on usage.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mobility/codec.h"

static volatile sig_atomic_t stop;

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void
usage(void)
{
	fprintf(stderr, "usage: pcap_mh capture IFACE FILE [-c COUNT] [-t SECONDS]\n"
	    "       pcap_mh decode FILE\n");
	exit(2);
}

/* A positive number of at most max, or usage(). */
static long
number(const char *s, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end != '\0' || v <= 0 || v > max)
		usage();
	return v;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- capture ------------------------------------------------------------- */

struct cap {
	pcap_dumper_t *dumper;
	long n, max;
};

static void
cap_one(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	struct cap *c = (struct cap *)user;

	if (c->n >= c->max)
		return;
	pcap_dump((u_char *)c->dumper, h, bytes);
	pcap_dump_flush(c->dumper);
	c->n++;
}

static int
capture(const char *iface, const char *file, long max, long seconds)
{
	char err[PCAP_ERRBUF_SIZE];
	struct bpf_program prog;
	struct sigaction sa;
	struct cap c = { NULL, 0, max };
	double deadline = now_s() + (double)seconds;
	pcap_t *p;
	int fd;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	p = pcap_create(iface, err);
	if (p == NULL) {
		fprintf(stderr, "pcap_mh: %s: %s\n", iface, err);
		return 1;
	}
	pcap_set_snaplen(p, 65535);
	pcap_set_promisc(p, 0);
	pcap_set_immediate_mode(p, 1);
	if (pcap_activate(p) < 0 ||
	    pcap_compile(p, &prog, "udp port 5436", 1, PCAP_NETMASK_UNKNOWN) < 0 ||
	    pcap_setfilter(p, &prog) < 0 || pcap_setnonblock(p, 1, err) < 0 ||
	    (fd = pcap_get_selectable_fd(p)) < 0) {
		fprintf(stderr, "pcap_mh: %s: %s\n", iface, pcap_geterr(p));
		pcap_close(p);
		return 1;
	}
	pcap_freecode(&prog);
	c.dumper = pcap_dump_open(p, file);
	if (c.dumper == NULL) {
		fprintf(stderr, "pcap_mh: %s: %s\n", file, pcap_geterr(p));
		pcap_close(p);
		return 1;
	}
	printf("capturing on %s\n", iface);
	fflush(stdout);

	while (!stop && c.n < c.max && now_s() < deadline) {
		struct pollfd pfd = { fd, POLLIN, 0 };
		int left_ms = (int)((deadline - now_s()) * 1000) + 1;

		if (poll(&pfd, 1, left_ms < 100 ? left_ms : 100) < 0 && errno != EINTR)
			break;
		if (pcap_dispatch(p, -1, cap_one, (u_char *)&c) < 0) {
			fprintf(stderr, "pcap_mh: %s: %s\n", iface, pcap_geterr(p));
			break;
		}
	}
	pcap_dump_close(c.dumper);
	pcap_close(p);
	printf("%ld packets\n", c.n);
	return 0;
}

/* ---- decode -------------------------------------------------------------- */

static void
print_id(const char *key, const uint8_t *id, size_t len)
{
	printf(" %s=", key);
	for (size_t i = 0; i < len; i++) {
		if (id[i] > 0x20 && id[i] < 0x7f && id[i] != '\\')
			putchar(id[i]);
		else
			printf("\\x%02x", id[i]);
	}
}

static void
print_flags(uint16_t flags, const char *letters, const uint16_t *masks)
{
	printf(" flags=");
	for (int i = 0; letters[i]; i++)
		if (flags & masks[i])
			putchar(letters[i]);
	if (flags == 0)
		putchar('-');
}

static const char *
type_name(const struct pmip_msg *m)
{
	switch (m->type) {
	case PMIP_MH_PBU:
		return "PBU";
	case PMIP_MH_PBA:
		return "PBA";
	case PMIP_MH_BE:
		return "BE";
	case PMIP_MH_HEARTBEAT:
		return m->flags & PMIP_HB_R ? "HB-RSP" : "HB-REQ";
	case PMIP_MH_BR:
		return m->br_type == PMIP_BR_ACK ? "BRA" : "BRI";
	}
	return "?";
}

static void
print_msg(const struct pmip_msg *m)
{
	static const uint16_t bu_masks[] = { PMIP_BU_A, PMIP_BU_H, PMIP_BU_L, PMIP_BU_K,
		PMIP_BU_M, PMIP_BU_R, PMIP_BU_P, PMIP_BU_F, PMIP_BU_T, PMIP_BU_B, PMIP_BU_S,
		PMIP_BU_D };
	static const uint16_t ba_masks[] = { PMIP_BA_K, PMIP_BA_R, PMIP_BA_P, PMIP_BA_T,
		PMIP_BA_B, PMIP_BA_S, PMIP_BA_D };
	static const uint16_t hb_masks[] = { PMIP_HB_U, PMIP_HB_R };
	static const uint16_t br_masks[] = { PMIP_BR_P, PMIP_BR_V, PMIP_BR_G };
	char a[INET_ADDRSTRLEN];

	printf(" %s", type_name(m));
	switch (m->type) {
	case PMIP_MH_PBU:
		printf(" seq=%u", m->seq);
		print_flags(m->flags, "AHLKMRPFTBSD", bu_masks);
		printf(" lifetime=%u", m->lifetime);
		break;
	case PMIP_MH_PBA:
		printf(" seq=%u", m->seq);
		print_flags(m->flags, "KRPTBSD", ba_masks);
		printf(" lifetime=%u status=%u", m->lifetime, m->status);
		break;
	case PMIP_MH_BE:
		printf(" status=%u", m->status);
		break;
	case PMIP_MH_HEARTBEAT:
		print_flags(m->flags, "UR", hb_masks);
		printf(" hb_seq=%u", m->hb_seq);
		break;
	case PMIP_MH_BR:
		printf(" seq=%u", m->seq);
		print_flags(m->flags, "PVG", br_masks);
		if (m->br_type == PMIP_BR_ACK)
			printf(" status=%u", m->status);
		else
			printf(" trigger=%u", m->br_trigger);
		break;
	}
	if (m->has_hi)
		printf(" hi=%u", m->hi);
	if (m->has_att)
		printf(" att=%u", m->att);
	if (m->has_mn_id)
		print_id("nai", m->mn_id.id, m->mn_id.len);
	if (m->has_v4hoa_req)
		printf(" hoa_req=%s/%u", inet_ntop(AF_INET, &m->v4hoa_req, a, sizeof(a)),
		    m->v4hoa_req_plen);
	if (m->has_v4hoa_reply)
		printf(" hoa_reply=%s/%u hoa_reply_status=%u",
		    inet_ntop(AF_INET, &m->v4hoa_reply, a, sizeof(a)), m->v4hoa_reply_plen,
		    m->v4hoa_reply_status);
	if (m->has_mmb)
		printf(" mmb_bid=%u mmb_att=%u mmb_label=%u mmb_flags=%u", m->mmb_bid,
		    m->mmb_if_att, m->mmb_if_label, m->mmb_flags);
	if (m->has_mag_id)
		print_id("mag_id", m->mag_id.id, m->mag_id.len);
	if (m->has_restart)
		printf(" restart=%u", m->restart_counter);
	if (m->unknown_opts)
		printf(" unknown_opts=%u", m->unknown_opts);
}

/* The IPv4 header at the start of the link-layer payload, or NULL. */
static const u_char *
ipv4_start(int linktype, const u_char *b, size_t len, size_t *left)
{
	size_t off;
	unsigned proto;

	switch (linktype) {
	case DLT_EN10MB:
		if (len < 14)
			return NULL;
		off = 14;
		proto = (unsigned)(b[12] << 8 | b[13]);
		if (proto == 0x8100 && len >= 18) {
			off = 18;
			proto = (unsigned)(b[16] << 8 | b[17]);
		}
		break;
	case DLT_LINUX_SLL:
		if (len < 16)
			return NULL;
		off = 16;
		proto = (unsigned)(b[14] << 8 | b[15]);
		break;
	case DLT_LINUX_SLL2:
		if (len < 20)
			return NULL;
		off = 20;
		proto = (unsigned)(b[0] << 8 | b[1]);
		break;
	case DLT_RAW:
	case DLT_IPV4:
		off = 0;
		proto = 0x0800;
		break;
	default:
		return NULL;
	}
	if (proto != 0x0800 || off > len)
		return NULL;
	*left = len - off;
	return b + off;
}

static int
decode(const char *file)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *b;
	unsigned long n = 0;
	pcap_t *p;
	int linktype, r;

	p = pcap_open_offline(file, err);
	if (p == NULL) {
		fprintf(stderr, "pcap_mh: %s: %s\n", file, err);
		return 1;
	}
	linktype = pcap_datalink(p);
	while ((r = pcap_next_ex(p, &h, &b)) == 1) {
		const u_char *ip, *udp;
		size_t len, ihl, ulen;
		uint16_t sport, dport;
		struct pmip_msg m;
		char src[INET_ADDRSTRLEN], dst[INET_ADDRSTRLEN];
		int e;

		ip = ipv4_start(linktype, b, h->caplen, &len);
		if (ip == NULL || len < 20 || ip[0] >> 4 != 4 || ip[9] != IPPROTO_UDP)
			continue;
		ihl = (size_t)(ip[0] & 0x0f) * 4;
		/* a fragment (MF set or an offset): not a whole message */
		if (ihl < 20 || (ip[6] & 0x3f) != 0 || ip[7] != 0 || len < ihl + 8)
			continue;
		/* what the IPv4 header says, less any Ethernet padding */
		if ((size_t)(ip[2] << 8 | ip[3]) < len)
			len = (size_t)(ip[2] << 8 | ip[3]);
		udp = ip + ihl;
		sport = (uint16_t)(udp[0] << 8 | udp[1]);
		dport = (uint16_t)(udp[2] << 8 | udp[3]);
		if (sport != PMIP_PORT_CNTL && dport != PMIP_PORT_CNTL)
			continue;
		ulen = (size_t)(udp[4] << 8 | udp[5]);
		if (ulen < 8 || ulen > len - ihl)
			ulen = len - ihl;	/* snapped: decode what there is */
		n++;
		inet_ntop(AF_INET, ip + 12, src, sizeof(src));
		inet_ntop(AF_INET, ip + 16, dst, sizeof(dst));
		printf("%lu %s:%u > %s:%u", n, src, sport, dst, dport);
		e = pmip_decode(udp + 8, ulen - 8, &m);
		if (e < 0)
			printf(" error reason=\"%s\" mh_type=%u len=%zu", pmip_err_str(e), m.type,
			    ulen - 8);
		else
			print_msg(&m);
		putchar('\n');
	}
	if (r == PCAP_ERROR) {
		fprintf(stderr, "pcap_mh: %s: %s\n", file, pcap_geterr(p));
		pcap_close(p);
		return 1;
	}
	pcap_close(p);
	return 0;
}

int
main(int argc, char **argv)
{
	long count = 1000, seconds = 30;

	if (argc == 3 && strcmp(argv[1], "decode") == 0)
		return decode(argv[2]);
	if (argc < 4 || strcmp(argv[1], "capture") != 0)
		usage();
	for (int i = 4; i < argc; i += 2) {
		if (i + 1 >= argc)
			usage();
		if (strcmp(argv[i], "-c") == 0)
			count = number(argv[i + 1], 1000000);
		else if (strcmp(argv[i], "-t") == 0)
			seconds = number(argv[i + 1], 3600);
		else
			usage();
	}
	return capture(argv[2], argv[3], count, seconds);
}
