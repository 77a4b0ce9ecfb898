/*
 * responder.c — the IP SLA responder of grammar/sla.cli, running: the
 * permanent UDP echo ports (ip sla responder udp-echo ipaddress A port P)
 * send every datagram back where it came from; with ip sla responder on,
 * the control port (UDP 1967) listens.  pmipsim does not speak Cisco's
 * control protocol: a control message is counted, and counted as an error
 * with its source, which show ip sla responder lists.
 *
 * pmipd makes one at start (slaresp_new); it follows the running
 * configuration after each change (slaresp_config_changed).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <event2/event.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "log.h"
#include "router.h"
#include "rows.h"
#include "sla/responder.h"
#include "store.h"

#define SLA_CONTROL_PORT 1967

struct sla_port {
	struct slaresp *owner;
	char addr[INET_ADDRSTRLEN];
	int port;
	int fd;
	struct event *ev;
	uint64_t echoed;
	uint64_t refused;		/* from a port echo_allowed refuses */
	bool seen;			/* still configured (reconfigure) */
};

struct slaresp {
	struct router *r;
	struct event *ev_reconf;
	int ctl_fd;
	struct event *ctl_ev;
	uint64_t control, errors;
	struct sla_source recent[SLA_RECENT], recent_err[SLA_RECENT];
	int nrecent, nerr;
	struct sla_port **ports;
	int nports;
};

static int
udp_socket(struct in_addr a, int port)
{
	struct sockaddr_in sin;
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;

	if (fd < 0)
		return -1;
	/* the address may come to an interface later (IOS takes the line
	 * before the interface has it too).  No SO_REUSEADDR: a port that
	 * the PMIPv6 engine (or anything) has must fail here, not share it
	 * and take its datagrams */
	setsockopt(fd, IPPROTO_IP, IP_FREEBIND, &one, sizeof(one));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr = a;
	sin.sin_port = htons((uint16_t)port);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static void
remember(struct sla_source *ring, int *n, struct in_addr from)
{
	/* newest first, at most SLA_RECENT */
	memmove(ring + 1, ring, sizeof(*ring) * (SLA_RECENT - 1));
	ring[0].addr = from;
	ring[0].at = clock_now();
	if (*n < SLA_RECENT)
		(*n)++;
}

/* Whether a datagram from port sport may be echoed: not from the ports of
 * services (below 1024) nor from a responder's own ports, or two echo
 * ports could bounce one spoofed datagram between them for ever. */
static bool
echo_allowed(const struct slaresp *sr, int sport)
{
	if (sport < 1024 || sport == SLA_CONTROL_PORT)
		return false;
	for (int i = 0; i < sr->nports; i++)
		if (sr->ports[i]->port == sport)
			return false;
	return true;
}

static void
echo_cb(evutil_socket_t fd, short what, void *arg)
{
	struct sla_port *p = arg;
	uint8_t buf[65536];

	(void)what;
	for (int i = 0; i < 64; i++) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);

		if (n < 0)
			return;
		if (!echo_allowed(p->owner, ntohs(from.sin_port))) {
			p->refused++;
			continue;
		}
		if (sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, fl) == n)
			p->echoed++;
	}
}

static void
control_cb(evutil_socket_t fd, short what, void *arg)
{
	struct slaresp *sr = arg;
	uint8_t buf[2048];

	(void)what;
	for (int i = 0; i < 64; i++) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);

		if (n < 0)
			return;
		sr->control++;
		remember(sr->recent, &sr->nrecent, from.sin_addr);
		/* a protocol this responder does not speak: refused */
		sr->errors++;
		remember(sr->recent_err, &sr->nerr, from.sin_addr);
	}
}

static void
port_close(struct sla_port *p)
{
	if (p->ev)
		event_free(p->ev);
	if (p->fd >= 0)
		close(p->fd);
	free(p);
}

static struct sla_port *
port_find(struct slaresp *sr, const char *addr, int port)
{
	for (int i = 0; i < sr->nports; i++)
		if (sr->ports[i]->port == port && strcmp(sr->ports[i]->addr, addr) == 0)
			return sr->ports[i];
	return NULL;
}

static void
port_open(struct slaresp *sr, const char *addr, int port)
{
	struct sla_port *p = calloc(1, sizeof(*p));
	struct in_addr a;

	if (p == NULL)
		abort();
	p->owner = sr;
	snprintf(p->addr, sizeof(p->addr), "%s", addr);
	p->port = port;
	p->seen = true;
	p->fd = inet_pton(AF_INET, addr, &a) == 1 ? udp_socket(a, port) : -1;
	if (p->fd < 0)
		log_warn("ip sla responder udp-echo %s port %d", addr, port);
	else {
		p->ev = event_new(sr->r->base, p->fd, EV_READ | EV_PERSIST, echo_cb, p);
		event_add(p->ev, NULL);
	}
	sr->ports = realloc(sr->ports, sizeof(*sr->ports) * (size_t)(sr->nports + 1));
	if (sr->ports == NULL)
		abort();
	sr->ports[sr->nports++] = p;
}

static void
reconfigure(struct slaresp *sr)
{
	struct rows it;
	struct system_row sys;
	struct sla_udp_echo_row e;
	bool on = false;

	for (system_all(sr->r->run, &it); system_next(&it, &sys);)
		on = sys.has_ip_sla_responder && sys.ip_sla_responder != 0;
	if (on && sr->ctl_fd < 0) {
		struct in_addr any = { htonl(INADDR_ANY) };

		sr->ctl_fd = udp_socket(any, SLA_CONTROL_PORT);
		if (sr->ctl_fd < 0)
			log_warn("ip sla responder: control port %d", SLA_CONTROL_PORT);
		else {
			sr->ctl_ev = event_new(sr->r->base, sr->ctl_fd, EV_READ | EV_PERSIST, control_cb,
			    sr);
			event_add(sr->ctl_ev, NULL);
		}
	} else if (!on && sr->ctl_fd >= 0) {
		event_free(sr->ctl_ev);
		sr->ctl_ev = NULL;
		close(sr->ctl_fd);
		sr->ctl_fd = -1;
	}

	for (int i = 0; i < sr->nports; i++)
		sr->ports[i]->seen = false;
	for (sla_udp_echo_all(sr->r->run, &it); sla_udp_echo_next(&it, &e);) {
		const char *addr = e.addr;
		int port = (int)e.port;
		struct sla_port *p = port_find(sr, addr ? addr : "", port);

		if (p && p->fd < 0) {
			/* could not be opened before (its port taken): again */
			for (int i = 0; i < sr->nports; i++)
				if (sr->ports[i] == p) {
					port_close(p);
					sr->ports[i] = sr->ports[--sr->nports];
					break;
				}
			p = NULL;
		}
		if (p)
			p->seen = true;
		else if (addr)
			port_open(sr, addr, port);
	}
	for (int i = 0; i < sr->nports;) {
		if (sr->ports[i]->seen) {
			i++;
			continue;
		}
		port_close(sr->ports[i]);
		sr->ports[i] = sr->ports[--sr->nports];
	}
}

static void
reconf_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	reconfigure(arg);
}

static const struct router_engine slaresp_engine = {
	slaresp_config_changed, slaresp_settle, NULL,
};

struct slaresp *
slaresp_new(struct router *r)
{
	struct slaresp *sr = calloc(1, sizeof(*sr));

	if (sr == NULL)
		abort();
	sr->r = r;
	sr->ctl_fd = -1;
	sr->ev_reconf = event_new(r->base, -1, 0, reconf_cb, sr);
	router_add_engine(r, &slaresp_engine);
	reconfigure(sr);
	return sr;
}

void
slaresp_free(struct slaresp *sr)
{
	if (sr == NULL)
		return;
	for (int i = 0; i < sr->nports; i++)
		port_close(sr->ports[i]);
	free(sr->ports);
	if (sr->ctl_ev)
		event_free(sr->ctl_ev);
	if (sr->ctl_fd >= 0)
		close(sr->ctl_fd);
	if (sr->ev_reconf)
		event_free(sr->ev_reconf);
	free(sr);
}

void
slaresp_config_changed(struct router *r, const struct store_changes *c)
{
	/* what it reads: ip sla responder, its udp-echo ports */
	if (!store_changes_touch(c, ROWS_BIT(system) | ROWS_BIT(sla_udp_echo)))
		return;
	if (r->sla && r->sla->ev_reconf)
		event_active(r->sla->ev_reconf, EV_TIMEOUT, 0);
}

void
slaresp_settle(struct router *r)
{
	struct slaresp *sr = r->sla;

	if (sr && sr->ev_reconf && event_pending(sr->ev_reconf, EV_TIMEOUT, NULL)) {
		event_del(sr->ev_reconf);
		reconfigure(sr);
	}
}

void
slaresp_stats(const struct router *r, struct sla_stats *st)
{
	const struct slaresp *sr = r->sla;

	memset(st, 0, sizeof(*st));
	if (sr == NULL)
		return;
	st->listening = sr->ctl_fd >= 0;
	st->control = sr->control;
	st->errors = sr->errors;
	st->nrecent = sr->nrecent;
	st->nerr = sr->nerr;
	memcpy(st->recent, sr->recent, sizeof(st->recent));
	memcpy(st->recent_err, sr->recent_err, sizeof(st->recent_err));
}

long long
slaresp_echoed(const struct router *r, const char *addr, int port)
{
	const struct slaresp *sr = r->sla;

	for (int i = 0; sr && i < sr->nports; i++)
		if (sr->ports[i]->port == port && strcmp(sr->ports[i]->addr, addr) == 0)
			return sr->ports[i]->fd >= 0 ? (long long)sr->ports[i]->echoed : -1;
	return -1;
}
