/*
 * ping.c — ping of grammar/ping.cli: ICMP or ICMPv6 echoes from the
 * router's network namespace, as IOS sends them: one at a time, the next
 * when the answer came or the timeout passed, a mark for each (! answer,
 * . timeout, U unreachable), then the success rate and round-trip times.
 *
 * Each ping has a raw socket of its own (every raw ICMP socket sees every
 * ICMP message: the echo identifier picks out its own) and keeps the
 * session busy (session_busy) until it is done or stopped.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <event2/event.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "cl.h"
#include "cmd.h"
#include "iface.h"
#include "log.h"
#include "probe.h"
#include "router.h"
#include "session.h"

#define PING_LINE 70		/* marks to a line */
#define PING_HDR 8		/* ICMP echo header: type, code, sum, id, seq */
#define PING_MAXSIZE 18024

struct ping {
	struct session *s;
	int fd, family;
	struct sockaddr_storage dst;
	socklen_t dstlen;
	uint16_t id, seq;
	long count, sent, got;
	int size;			/* the whole datagram, as IOS counts it */
	int timeout_ms;
	bool waiting;			/* an echo is out, its timer running */
	uint64_t t_sent;		/* monotonic µs */
	uint64_t rtt_min, rtt_max, rtt_sum;
	int col;			/* marks on the current line */
	struct event *ev_read, *ev_timer;
};

static void
ping_free(struct ping *p)
{
	probe_close(p->fd, p->ev_read, p->ev_timer);
	free(p);
}

/* The summary line, and the prompt: the command is over. */
static void
ping_finish(struct ping *p)
{
	struct strbuf out = STRBUF_INIT;
	struct session *s = p->s;

	if (p->col > 0)
		sb_addc(&out, '\n');
	sb_printf(&out, "Success rate is %ld percent (%ld/%ld)", p->sent ? p->got * 100 / p->sent : 0,
	    p->got, p->sent);
	if (p->got > 0)
		sb_printf(&out, ", round-trip min/avg/max = %llu/%llu/%llu ms",
		    (unsigned long long)(p->rtt_min / 1000),
		    (unsigned long long)(p->rtt_sum / (uint64_t)p->got / 1000),
		    (unsigned long long)(p->rtt_max / 1000));
	sb_addc(&out, '\n');
	if (p->got == 0)
		s->failed = true;
	ping_free(p);
	session_resume(s, &out);
	sb_free(&out);
}

static void
mark(struct ping *p, char c)
{
	session_progress(p->s, &c, 1);
	if (++p->col == PING_LINE) {
		session_progress(p->s, "\n", 1);
		p->col = 0;
	}
}

static uint16_t
inet_sum(const uint8_t *b, size_t n)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)b[i] << 8 | b[i + 1];
	if (n & 1)
		sum += (uint32_t)b[n - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* Sends the next echo, or finishes. */
static void
send_next(struct ping *p)
{
	static uint8_t pkt[PING_MAXSIZE];
	size_t len = (size_t)p->size - (p->family == AF_INET ? 20 : 40);
	struct timeval tv = { p->timeout_ms / 1000, (p->timeout_ms % 1000) * 1000 };

	if (p->sent == p->count) {
		ping_finish(p);
		return;
	}
	p->seq++;
	p->sent++;
	memset(pkt, 0, PING_HDR);
	pkt[0] = p->family == AF_INET ? ICMP_ECHO : ICMP6_ECHO_REQUEST;
	pkt[4] = (uint8_t)(p->id >> 8);
	pkt[5] = (uint8_t)p->id;
	pkt[6] = (uint8_t)(p->seq >> 8);
	pkt[7] = (uint8_t)p->seq;
	for (size_t i = PING_HDR; i < len; i++)	/* IOS's data pattern */
		pkt[i] = (i & 1) ? 0xcd : 0xab;
	if (p->family == AF_INET) {
		uint16_t sum = inet_sum(pkt, len);

		pkt[2] = (uint8_t)(sum >> 8);
		pkt[3] = (uint8_t)sum;
	}			/* ICMPv6: the kernel sums */
	p->t_sent = probe_now_us();
	p->waiting = true;
	if (sendto(p->fd, pkt, len, 0, (struct sockaddr *)&p->dst, p->dstlen) < 0) {
		/* no route, no neighbour: nothing will answer; the timeout
		 * still passes, as on IOS */
		log_debug("ping: %s", strerror(errno));
	}
	evtimer_add(p->ev_timer, &tv);
}

static void
on_timer(evutil_socket_t fd, short what, void *arg)
{
	struct ping *p = arg;

	(void)fd;
	(void)what;
	if (p->waiting) {
		p->waiting = false;
		mark(p, '.');
	}
	send_next(p);
}

/* The echo header (id, seq) an ICMP message answers or quotes: *kind is
 * '!' for an echo reply, 'U' for an unreachable quoting an echo, 0 for
 * anything else. */
static bool
parse_v4(const uint8_t *b, size_t n, char *kind, uint16_t *id, uint16_t *seq)
{
	size_t ihl;

	if (n < 20 || (ihl = (size_t)(b[0] & 0x0f) * 4) < 20 || n < ihl + PING_HDR)
		return false;
	b += ihl;
	n -= ihl;
	if (b[0] == ICMP_ECHOREPLY) {
		*kind = '!';
	} else if (b[0] == ICMP_DEST_UNREACH) {
		size_t iihl;

		b += PING_HDR;
		n -= PING_HDR;
		if (n < 20 || (iihl = (size_t)(b[0] & 0x0f) * 4) < 20 || n < iihl + PING_HDR ||
		    b[9] != IPPROTO_ICMP || b[iihl] != ICMP_ECHO)
			return false;
		b += iihl;
		*kind = 'U';
	} else
		return false;
	*id = (uint16_t)(b[4] << 8 | b[5]);
	*seq = (uint16_t)(b[6] << 8 | b[7]);
	return true;
}

static bool
parse_v6(const uint8_t *b, size_t n, char *kind, uint16_t *id, uint16_t *seq)
{
	if (n < PING_HDR)
		return false;
	if (b[0] == ICMP6_ECHO_REPLY) {
		*kind = '!';
	} else if (b[0] == ICMP6_DST_UNREACH) {
		/* the quoted datagram: an IPv6 header, then our echo */
		if (n < PING_HDR + 40 + PING_HDR || b[PING_HDR + 6] != IPPROTO_ICMPV6 ||
		    b[PING_HDR + 40] != ICMP6_ECHO_REQUEST)
			return false;
		b += PING_HDR + 40;
		*kind = 'U';
	} else
		return false;
	*id = (uint16_t)(b[4] << 8 | b[5]);
	*seq = (uint16_t)(b[6] << 8 | b[7]);
	return true;
}

static void
on_read(evutil_socket_t fd, short what, void *arg)
{
	struct ping *p = arg;
	uint8_t buf[PING_MAXSIZE + 128];

	(void)what;
	for (int i = 0; i < 64; i++) {
		struct sockaddr_storage from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
		char kind = 0;
		uint16_t id, seq;
		bool ok;

		if (n < 0)
			return;
		ok = p->family == AF_INET ? parse_v4(buf, (size_t)n, &kind, &id, &seq) :
		    parse_v6(buf, (size_t)n, &kind, &id, &seq);
		if (!ok || id != p->id || seq != p->seq || !p->waiting)
			continue;
		if (kind == '!') {
			uint64_t rtt = probe_now_us() - p->t_sent;

			if (p->got == 0 || rtt < p->rtt_min)
				p->rtt_min = rtt;
			if (rtt > p->rtt_max)
				p->rtt_max = rtt;
			p->rtt_sum += rtt;
			p->got++;
		}
		p->waiting = false;
		evtimer_del(p->ev_timer);
		mark(p, kind);
		/* the next echo leaves now, from the loop: a long run never
		 * holds the router */
		event_active(p->ev_timer, EV_TIMEOUT, 0);
		return;
	}
}

static void
ping_stop(void *arg, bool gone)
{
	struct ping *p = arg;

	if (gone) {
		ping_free(p);
		return;
	}
	/* the echo still out has not ended: it does not count */
	if (p->waiting)
		p->sent--;
	ping_finish(p);
}

static void
upper(char *s)
{
	for (; *s; s++)
		*s = (char)toupper((unsigned char)*s);
}

/* What ping and ping ipv6 were asked, from their arguments. */
struct ping_req {
	int family;
	const char *addr;
	long count;
	int size;
	long timeout;
	const char *srcaddr, *srcif;
};

static int
ping_start(struct cmd_ctx *x, const struct ping_req *q)
{
	static uint16_t next_id;
	int family = q->family;
	const char *addr = q->addr;
	struct ping *p;
	char dst[INET6_ADDRSTRLEN], src[INET6_ADDRSTRLEN] = "";

	if (x->s == NULL) {
		sb_adds(x->out, "% ping runs from a terminal\n");
		return CMD_ERR;
	}
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		abort();
	p->s = x->s;
	p->family = family;
	p->count = q->count;
	p->size = q->size;
	p->timeout_ms = (int)(q->timeout * 1000);
	p->id = (uint16_t)(getpid() + ++next_id);
	p->fd = socket(family, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC,
	    family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6);
	if (p->fd < 0) {
		sb_printf(x->out, "%% Cannot send echoes: %s\n", strerror(errno));
		ping_free(p);
		return CMD_ERR;
	}
	if (family == AF_INET6) {
		struct icmp6_filter f;

		ICMP6_FILTER_SETBLOCKALL(&f);
		ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &f);
		ICMP6_FILTER_SETPASS(ICMP6_DST_UNREACH, &f);
		setsockopt(p->fd, IPPROTO_ICMPV6, ICMP6_FILTER, &f, sizeof(f));
	}
	memset(&p->dst, 0, sizeof(p->dst));
	p->dst.ss_family = (sa_family_t)family;
	if (family == AF_INET) {
		inet_pton(AF_INET, addr, &((struct sockaddr_in *)&p->dst)->sin_addr);
		p->dstlen = sizeof(struct sockaddr_in);
	} else {
		inet_pton(AF_INET6, addr, &((struct sockaddr_in6 *)&p->dst)->sin6_addr);
		p->dstlen = sizeof(struct sockaddr_in6);
	}
	if (!probe_bind_source(x, p->fd, family, q->srcaddr, q->srcif, src, sizeof(src))) {
		ping_free(p);
		return CMD_ERR;
	}
	inet_ntop(family, family == AF_INET ? (void *)&((struct sockaddr_in *)&p->dst)->sin_addr :
	    (void *)&((struct sockaddr_in6 *)&p->dst)->sin6_addr, dst, sizeof(dst));
	if (family == AF_INET6) {
		upper(dst);
		upper(src);
	}
	sb_adds(x->out, "Type escape sequence to abort.\n");
	sb_printf(x->out, "Sending %ld, %d-byte ICMP Echos to %s, timeout is %ld seconds:\n", p->count,
	    p->size, dst, q->timeout);
	if (src[0])
		sb_printf(x->out, "Packet sent with a source address of %s \n", src);
	p->ev_read = event_new(x->r->base, p->fd, EV_READ | EV_PERSIST, on_read, p);
	p->ev_timer = evtimer_new(x->r->base, on_timer, p);
	event_add(p->ev_read, NULL);
	session_busy(x->s, ping_stop, p);
	/* the first echo leaves once this handler has returned */
	event_active(p->ev_timer, EV_TIMEOUT, 0);
	return CMD_ASYNC;
}

int
cmd_ping(struct cmd_ctx *x, struct cmd_ping_args *a)
{
	struct ping_req q = {
		AF_INET, a->addr.s, a->count.s ? (long)a->count.n : 5, a->bytes.s ? (int)a->bytes.n : 100,
		a->secs.s ? (long)a->secs.n : 2, a->srcaddr.s, a->srcif.s,
	};

	return ping_start(x, &q);
}

int
cmd_ping_ipv6(struct cmd_ctx *x, struct cmd_ping_ipv6_args *a)
{
	struct ping_req q = {
		AF_INET6, a->addr.s, a->count.s ? (long)a->count.n : 5, a->bytes.s ? (int)a->bytes.n : 100,
		a->secs.s ? (long)a->secs.n : 2, a->srcaddr.s, a->srcif.s,
	};

	return ping_start(x, &q);
}
