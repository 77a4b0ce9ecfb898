/*
 * traceroute.c — traceroute of grammar/traceroute.cli: UDP probes to ports
 * 33434 and up with a TTL that grows hop by hop, one probe at a time, as IOS
 * sends them.  The answers are ICMP errors, which the kernel hands to the
 * probing socket itself (IP_RECVERR): time exceeded from each router on the
 * way, port unreachable from the destination.  The session is busy
 * (session_busy) until the last hop or Ctrl-^.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <event2/event.h>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "probe.h"
#include "router.h"
#include "session.h"

#define TRACE_PORT 33434	/* the first probe's destination port */

struct trace {
	struct session *s;
	int fd;
	struct sockaddr_in dst;
	int count, timeout_ms, ttl, maxttl;
	int probe;			/* of the current hop, from 0 */
	uint16_t port;			/* the current probe's destination port */
	uint16_t seq;
	bool waiting;
	bool reached;			/* the destination, or an unreachable, answered */
	uint64_t t_sent;		/* monotonic µs */
	struct in_addr shown;		/* the address last printed on this hop's line */
	struct event *ev_read, *ev_timer;
};

static void
trace_free(struct trace *t)
{
	probe_close(t->fd, t->ev_read, t->ev_timer);
	free(t);
}

static void
put(struct trace *t, const char *text)
{
	session_progress(t->s, text, strlen(text));
}

static void
trace_finish(struct trace *t)
{
	struct session *s = t->s;

	if (t->probe > 0)
		put(t, "\n");
	trace_free(t);
	session_resume(s, NULL);
}

/* The next probe: on this hop, or the first of the next one, or the end. */
static void
send_next(struct trace *t)
{
	static const uint8_t payload[12];
	struct timeval tv = { t->timeout_ms / 1000, (t->timeout_ms % 1000) * 1000 };
	char num[16];

	if (t->probe == t->count) {
		put(t, "\n");
		t->probe = 0;
		if (t->reached || t->ttl == t->maxttl) {
			struct session *s = t->s;

			trace_free(t);
			session_resume(s, NULL);
			return;
		}
		t->ttl++;
	}
	if (t->probe == 0) {
		snprintf(num, sizeof(num), "%3d", t->ttl);
		put(t, num);
		t->shown.s_addr = 0;
	}
	setsockopt(t->fd, IPPROTO_IP, IP_TTL, &t->ttl, sizeof(t->ttl));
	t->port = (uint16_t)(TRACE_PORT + t->seq++);
	t->dst.sin_port = htons(t->port);
	t->t_sent = probe_now_us();
	t->waiting = true;
	/* no route or a refusal here: the probe times out, as on IOS */
	(void)sendto(t->fd, payload, sizeof(payload), 0, (struct sockaddr *)&t->dst, sizeof(t->dst));
	evtimer_add(t->ev_timer, &tv);
}

static void
probe_done(struct trace *t)
{
	t->waiting = false;
	t->probe++;
	/* the next probe leaves from the loop (its own timeout is over) */
	evtimer_del(t->ev_timer);
	event_active(t->ev_timer, EV_TIMEOUT, 0);
}

static void
on_timer(evutil_socket_t fd, short what, void *arg)
{
	struct trace *t = arg;

	(void)fd;
	(void)what;
	if (t->waiting) {
		put(t, "  *");
		probe_done(t);
		return;
	}
	send_next(t);
}

/* One ICMP error for a probe: its sender, its time, and what it means. */
static void
answered(struct trace *t, const struct sock_extended_err *ee, const struct sockaddr_in *from)
{
	char text[64], a[INET_ADDRSTRLEN];
	uint64_t rtt = probe_now_us() - t->t_sent;

	if (from != NULL && from->sin_addr.s_addr != t->shown.s_addr) {
		inet_ntop(AF_INET, &from->sin_addr, a, sizeof(a));
		snprintf(text, sizeof(text), " %s", a);
		put(t, text);
		t->shown = from->sin_addr;
	}
	snprintf(text, sizeof(text), " %llu msec", (unsigned long long)(rtt / 1000));
	put(t, text);
	if (ee->ee_type == ICMP_DEST_UNREACH) {
		t->reached = true;
		switch (ee->ee_code) {
		case ICMP_PORT_UNREACH:
			break;		/* the destination itself */
		case ICMP_HOST_UNREACH:
			put(t, " !H");
			break;
		case ICMP_NET_UNREACH:
			put(t, " !N");
			break;
		case ICMP_PROT_UNREACH:
			put(t, " !P");
			break;
		default:
			put(t, " !A");
			break;
		}
	}
	probe_done(t);
}

static void
on_read(evutil_socket_t fd, short what, void *arg)
{
	struct trace *t = arg;

	(void)what;
	for (int i = 0; i < 64; i++) {
		uint8_t data[64], control[512];
		struct sockaddr_in orig;
		struct iovec iov = { data, sizeof(data) };
		struct msghdr msg = { &orig, sizeof(orig), &iov, 1, control, sizeof(control), 0 };
		const struct sock_extended_err *ee = NULL;

		if (recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0) {
			/* no error queued: a datagram (an answer nobody asked
			 * for) or nothing; drop it */
			if (recv(fd, data, sizeof(data), MSG_DONTWAIT) < 0)
				return;
			continue;
		}
		for (struct cmsghdr *c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
			if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_RECVERR)
				ee = (const struct sock_extended_err *)CMSG_DATA(c);
		if (ee == NULL || ee->ee_origin != SO_EE_ORIGIN_ICMP || !t->waiting ||
		    ntohs(orig.sin_port) != t->port)
			continue;	/* not about the probe out now */
		answered(t, ee, (const struct sockaddr_in *)SO_EE_OFFENDER(ee));
		return;
	}
}

static void
trace_stop(void *arg, bool gone)
{
	struct trace *t = arg;

	if (gone)
		trace_free(t);
	else
		trace_finish(t);
}

int
cmd_traceroute(struct cmd_ctx *x, struct cmd_traceroute_args *a)
{
	struct trace *t;
	char src[INET6_ADDRSTRLEN] = "";
	int one = 1;

	if (x->s == NULL) {
		sb_adds(x->out, "% traceroute runs from a terminal\n");
		return CMD_ERR;
	}
	t = calloc(1, sizeof(*t));
	if (t == NULL)
		abort();
	t->s = x->s;
	t->count = a->count.s ? (int)a->count.n : 3;
	t->timeout_ms = (a->secs.s ? (int)a->secs.n : 3) * 1000;
	t->ttl = a->minttl.s ? (int)a->minttl.n : 1;
	t->maxttl = a->maxttl.s ? (int)a->maxttl.n : 30;
	if (t->maxttl < t->ttl) {
		sb_adds(x->out, "% Maximum TTL must be at least the minimum TTL\n");
		trace_free(t);
		return CMD_ERR;
	}
	t->dst.sin_family = AF_INET;
	inet_pton(AF_INET, a->addr.s, &t->dst.sin_addr);
	t->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (t->fd < 0 || setsockopt(t->fd, IPPROTO_IP, IP_RECVERR, &one, sizeof(one)) < 0) {
		sb_printf(x->out, "%% Cannot send probes: %s\n", strerror(errno));
		trace_free(t);
		return CMD_ERR;
	}
	if (!probe_bind_source(x, t->fd, AF_INET, a->srcaddr.s, a->srcif.s, src, sizeof(src))) {
		trace_free(t);
		return CMD_ERR;
	}
	sb_adds(x->out, "Type escape sequence to abort.\n");
	sb_printf(x->out, "Tracing the route to %s\n", a->addr.s);
	sb_adds(x->out, "VRF info: (vrf in name/id, vrf out name/id)\n");
	t->ev_read = event_new(x->r->base, t->fd, EV_READ | EV_PERSIST, on_read, t);
	t->ev_timer = evtimer_new(x->r->base, on_timer, t);
	event_add(t->ev_read, NULL);
	session_busy(x->s, trace_stop, t);
	/* the first probe leaves once this handler has returned */
	event_active(t->ev_timer, EV_TIMEOUT, 0);
	return CMD_ASYNC;
}
