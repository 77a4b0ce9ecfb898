/*
 * pbu_load.c — a load generator for the LMA: many MAG paths sending Proxy
 * Binding Updates over IPv4/UDP (RFC 5844) and counting the answers.
 * tests/bench/bench_lma.sh runs it in a network namespace of its own; it
 * links libpmipd.a for the codec only.
 *
 *   pbu_load -l LMA -m new|refresh|peers [-s SRC[,SRC...]] [-n NODES]
 *            [-f FIRST] [-S SOCKETS] [-w WINDOW] [-r RATE] [-q SEQ]
 *            [-t SECONDS] [-T TIMEOUT_MS] [-R RETRIES] [-L LIFETIME] [-p PORT]
 *
 * new      registers the NODES mobile nodes bn<FIRST>@example.com ...
 *          (multipath PBU, binding id 1, one Home Network Prefix option
 *          ::/0 asking the LMA for a prefix), each from one of SOCKETS
 *          UDP sockets spread over the source addresses;
 * refresh  sends the same PBUs again (same node, same socket, so the same
 *          path at the LMA) with sequence numbers from SEQ, which must be
 *          above those of the registrations (the script passes -q);
 * peers    opens one socket per node (NODES MAG paths), registers one node
 *          from each, then answers the LMA's heartbeat requests for
 *          SECONDS seconds.
 *
 * At most WINDOW PBUs are outstanding; RATE caps the PBUs per second (0:
 * as fast as the window allows).  A PBU unanswered after TIMEOUT_MS is
 * sent again with the next sequence number, RETRIES times, then counted
 * lost.  Registrations stop after SECONDS at the latest, heartbeats after
 * SECONDS or at SIGTERM or SIGINT, and what was measured is printed.
 *
 * It prints what it measured: registrations per second, latency
 * percentiles, rejects by status, heartbeats answered; the last line is
 * "RESULT key=value ..." for scripts.  Exit status 0 unless it could not
 * run (bad options, sockets); a slow or refusing LMA is a figure, not an
 * error.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "mobility/codec.h"

#define CHUNK		32	/* consecutive nodes that share a socket */
#define BATCH		64	/* messages per sendmmsg / recvmmsg */
#define NAI_PREFIX	"bn"
#define NAI_REALM	"@example.com"
#define MAG_ATT		PMIP_ATT_3GPP_EUTRAN
#define MAG_LABEL	1

enum mode { M_NEW, M_REFRESH, M_PEERS };

static volatile sig_atomic_t stop;
enum nstate { N_IDLE, N_WAIT, N_OK, N_REJECTED, N_LOST };

struct opts {
	struct in_addr lma;
	uint16_t port;
	struct in_addr *src;
	int nsrc;
	enum mode mode;
	uint32_t nodes, first, sockets, window;
	uint64_t rate;
	uint16_t seq;
	double seconds;
	uint32_t timeout_ms, retries, lifetime;
};

/* one outstanding PBU, in send order, for the timeout scan */
struct sent {
	uint32_t node;
	uint8_t attempt;
};

struct gen {
	struct opts o;
	int ep;
	int *fd;
	/* per node */
	uint64_t *sent_ns;
	uint8_t *attempt, *state;
	uint32_t next;			/* next node never sent */
	uint32_t outstanding;
	/* send log, circular, growable */
	struct sent *ring;
	size_t rcap, rhead, rlen;
	/* results */
	uint64_t pbu_sent, retx, ok, rejected, lost, stale, bad, other;
	uint64_t by_status[256];
	uint32_t *lat_us;
	size_t nlat;
	uint64_t t0, t_last;
	double cpu_pct;			/* ours, over the registrations */
	/* heartbeats (peers) */
	uint64_t hb_req, hb_rsp, hb_send_fail;
	uint32_t *hb_per_peer;
};

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void
usage(void)
{
	fprintf(stderr, "usage: pbu_load -l LMA -m new|refresh|peers [-s SRC[,SRC...]] [-n NODES]\n"
	    "       [-f FIRST] [-S SOCKETS] [-w WINDOW] [-r RATE] [-q SEQ] [-t SECONDS]\n"
	    "       [-T TIMEOUT_MS] [-R RETRIES] [-L LIFETIME] [-p PORT]\n");
	exit(2);
}

static uint64_t
num(const char *s, uint64_t max)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || v > max || *s == '-') {
		fprintf(stderr, "pbu_load: bad number '%s' (0..%" PRIu64 ")\n", s, max);
		exit(2);
	}
	return v;
}

static void
parse_src(struct opts *o, const char *arg)
{
	char *copy = strdup(arg), *save = NULL;

	if (copy == NULL)
		exit(1);
	for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		o->src = realloc(o->src, (size_t)(o->nsrc + 1) * sizeof(*o->src));
		if (o->src == NULL)
			exit(1);
		if (inet_pton(AF_INET, t, &o->src[o->nsrc]) != 1) {
			fprintf(stderr, "pbu_load: bad source address '%s'\n", t);
			exit(2);
		}
		o->nsrc++;
	}
	free(copy);
}

static void
parse_opts(struct opts *o, int argc, char **argv)
{
	int c;
	bool have_lma = false, have_mode = false, have_sockets = false;

	memset(o, 0, sizeof(*o));
	o->port = PMIP_PORT_CNTL;
	o->nodes = 1000;
	o->sockets = 64;
	o->window = 256;
	o->seq = 1;
	o->seconds = 60;
	o->timeout_ms = 1000;
	o->retries = 3;
	o->lifetime = 3600;
	while ((c = getopt(argc, argv, "l:p:s:m:n:f:S:w:r:q:t:T:R:L:")) != -1) {
		switch (c) {
		case 'l':
			if (inet_pton(AF_INET, optarg, &o->lma) != 1)
				usage();
			have_lma = true;
			break;
		case 'p': o->port = (uint16_t)num(optarg, 65535); break;
		case 's': parse_src(o, optarg); break;
		case 'm':
			have_mode = true;
			if (strcmp(optarg, "new") == 0)
				o->mode = M_NEW;
			else if (strcmp(optarg, "refresh") == 0)
				o->mode = M_REFRESH;
			else if (strcmp(optarg, "peers") == 0)
				o->mode = M_PEERS;
			else
				usage();
			break;
		case 'n': o->nodes = (uint32_t)num(optarg, 100000000); break;
		case 'f': o->first = (uint32_t)num(optarg, 1000000000); break;
		case 'S': o->sockets = (uint32_t)num(optarg, 1000000); have_sockets = true; break;
		case 'w': o->window = (uint32_t)num(optarg, 1000000); break;
		case 'r': o->rate = num(optarg, 100000000); break;
		case 'q': o->seq = (uint16_t)num(optarg, 65535); break;
		case 't': o->seconds = (double)num(optarg, 86400); break;
		case 'T': o->timeout_ms = (uint32_t)num(optarg, 600000); break;
		case 'R': o->retries = (uint32_t)num(optarg, 100); break;
		case 'L': o->lifetime = (uint32_t)num(optarg, 262140); break;
		default: usage();
		}
	}
	if (!have_lma || !have_mode || optind != argc || o->nodes == 0 || o->window == 0)
		usage();
	if (o->mode == M_PEERS)
		o->sockets = o->nodes;
	else if (!have_sockets && o->sockets > o->nodes)
		o->sockets = o->nodes;
	if (o->sockets == 0)
		usage();
	if (o->nsrc == 0) {
		o->src = calloc(1, sizeof(*o->src));
		if (o->src == NULL)
			exit(1);
		o->nsrc = 1;
	}
}

/* ---- sockets --------------------------------------------------------------- */

static void
open_sockets(struct gen *g)
{
	struct rlimit rl;
	rlim_t need = (rlim_t)g->o.sockets + 64;

	/* one descriptor per MAG path: raise the limit (root may) */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < need) {
		rl.rlim_cur = need;
		if (rl.rlim_max < need)
			rl.rlim_max = need;
		if (setrlimit(RLIMIT_NOFILE, &rl) < 0) {
			fprintf(stderr, "pbu_load: %" PRIu32 " sockets need %ju descriptors: %s "
			    "(run several pbu_load side by side)\n", g->o.sockets, (uintmax_t)need,
			    strerror(errno));
			exit(1);
		}
	}
	g->ep = epoll_create1(EPOLL_CLOEXEC);
	g->fd = calloc(g->o.sockets, sizeof(*g->fd));
	if (g->ep < 0 || g->fd == NULL) {
		perror("pbu_load");
		exit(1);
	}
	for (uint32_t i = 0; i < g->o.sockets; i++) {
		struct sockaddr_in sin = { .sin_family = AF_INET };
		struct epoll_event ev = { .events = EPOLLIN, .data.u32 = i };
		int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		int buf = 1 << 20;

		if (fd < 0) {
			perror("pbu_load: socket");
			exit(1);
		}
		/* few sockets carry all the answers: give them room */
		if (g->o.sockets <= 1024)
			setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof(buf));
		sin.sin_addr = g->o.src[i % (uint32_t)g->o.nsrc];
		if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
			fprintf(stderr, "pbu_load: bind socket %u to %s: %s\n", i,
			    inet_ntoa(sin.sin_addr), strerror(errno));
			exit(1);
		}
		if (epoll_ctl(g->ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
			perror("pbu_load: epoll_ctl");
			exit(1);
		}
		g->fd[i] = fd;
	}
}

/* The socket of node i: CHUNK consecutive nodes share one, so that a burst
 * goes out in one sendmmsg; in peers mode each node has its own. */
static uint32_t
sock_of(const struct gen *g, uint32_t i)
{
	if (g->o.mode == M_PEERS)
		return i;
	return (i / CHUNK) % g->o.sockets;
}

/* ---- PBUs ------------------------------------------------------------------ */

static ssize_t
build_pbu(const struct gen *g, uint32_t i, uint8_t *buf, size_t cap)
{
	struct pmip_msg m;
	char nai[64], mag[64];
	uint16_t seq = (uint16_t)(g->o.seq + g->attempt[i]);

	snprintf(nai, sizeof(nai), NAI_PREFIX "%" PRIu32 NAI_REALM, g->o.first + i);
	/* each socket is a path of its own MAG (peers: named after its node,
	 * so that generators running side by side name different MAGs) */
	snprintf(mag, sizeof(mag), "mag%" PRIu32 NAI_REALM,
	    g->o.mode == M_PEERS ? g->o.first + i : sock_of(g, i));
	pmip_pbu_init(&m, seq, pmip_lifetime_units(g->o.lifetime), nai,
	    g->o.mode == M_REFRESH ? PMIP_HI_NO_CHANGE : PMIP_HI_NEW_IFACE, MAG_ATT);
	m.flags |= PMIP_BU_F;
	/* ask the LMA for a home network prefix (ALL_ZERO, RFC 5213 §6.9.1.1) */
	m.n_hnp = 1;
	pmip_pbu_set_multipath(&m, MAG_ATT, MAG_LABEL, 1, mag);
	return pmip_encode(&m, buf, cap);
}

static void
ring_push(struct gen *g, uint32_t node, uint8_t attempt)
{
	if (g->rlen == g->rcap) {
		size_t ncap = g->rcap ? g->rcap * 2 : 4096;
		struct sent *n = malloc(ncap * sizeof(*n));

		if (n == NULL)
			exit(1);
		for (size_t k = 0; k < g->rlen; k++)
			n[k] = g->ring[(g->rhead + k) % g->rcap];
		free(g->ring);
		g->ring = n;
		g->rcap = ncap;
		g->rhead = 0;
	}
	g->ring[(g->rhead + g->rlen) % g->rcap] = (struct sent){ node, attempt };
	g->rlen++;
}

/* Sends nodes list[0..n), all on socket s.  Returns how many left. */
static uint32_t
send_batch(struct gen *g, uint32_t s, const uint32_t *list, uint32_t n)
{
	static uint8_t bufs[BATCH][PMIP_MH_MAX_LEN];
	struct mmsghdr hdr[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_in to = { .sin_family = AF_INET, .sin_addr = g->o.lma,
				  .sin_port = htons(g->o.port) };
	uint32_t done = 0;
	uint64_t t;

	memset(hdr, 0, sizeof(hdr[0]) * n);
	for (uint32_t k = 0; k < n; k++) {
		ssize_t len = build_pbu(g, list[k], bufs[k], sizeof(bufs[k]));

		if (len < 0) {
			perror("pbu_load: pmip_encode");
			exit(1);
		}
		iov[k].iov_base = bufs[k];
		iov[k].iov_len = (size_t)len;
		hdr[k].msg_hdr.msg_name = &to;
		hdr[k].msg_hdr.msg_namelen = sizeof(to);
		hdr[k].msg_hdr.msg_iov = &iov[k];
		hdr[k].msg_hdr.msg_iovlen = 1;
	}
	t = now_ns();
	while (done < n) {
		int r = sendmmsg(g->fd[s], hdr + done, n - done, 0);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			break;	/* EAGAIN: the rest waits for the next round */
		}
		done += (uint32_t)r;
	}
	for (uint32_t k = 0; k < done; k++) {
		uint32_t i = list[k];

		if (g->state[i] != N_WAIT) {
			g->state[i] = N_WAIT;
			g->outstanding++;
		}
		g->sent_ns[i] = t;
		ring_push(g, i, g->attempt[i]);
		g->pbu_sent++;
	}
	if (g->t0 == 0 && done)
		g->t0 = t;
	return n - done;
}

/* Sends as many new PBUs as the window and the rate allow. */
static void
send_more(struct gen *g, uint64_t t)
{
	uint64_t allowed = UINT64_MAX;

	if (g->o.rate && g->t0) {
		uint64_t due = (t - g->t0) / 1000 * g->o.rate / 1000000 + BATCH;

		allowed = due > g->pbu_sent ? due - g->pbu_sent : 0;
	}
	while (g->next < g->o.nodes && g->outstanding < g->o.window && allowed > 0) {
		uint32_t list[BATCH], n = 0, s = sock_of(g, g->next);

		while (n < BATCH && g->next < g->o.nodes && sock_of(g, g->next) == s &&
		    g->outstanding + n < g->o.window && n < allowed)
			list[n++] = g->next++;
		if (send_batch(g, s, list, n) > 0) {
			/* the socket is full: take the rest again later */
			while (n-- > 0 && g->state[list[n]] == N_IDLE)
				g->next = list[n];
			break;
		}
		allowed -= n;
	}
}

/* Retransmits or gives up on the PBUs unanswered for too long. */
static void
check_timeouts(struct gen *g, uint64_t t)
{
	uint64_t limit = (uint64_t)g->o.timeout_ms * 1000000;

	while (g->rlen) {
		struct sent e = g->ring[g->rhead];
		uint32_t i = e.node;

		if (g->state[i] == N_WAIT && g->attempt[i] == e.attempt) {
			if (t - g->sent_ns[i] < limit)
				break;
			if (g->attempt[i] < g->o.retries) {
				g->attempt[i]++;
				g->retx++;
				if (send_batch(g, sock_of(g, i), &i, 1) > 0) {
					/* not even queued: wait another timeout */
					g->sent_ns[i] = t;
					ring_push(g, i, g->attempt[i]);
				}
			} else {
				g->state[i] = N_LOST;
				g->outstanding--;
				g->lost++;
			}
		}
		g->rhead = (g->rhead + 1) % g->rcap;
		g->rlen--;
	}
}

static void
got_pba(struct gen *g, const struct pmip_msg *m, uint64_t t)
{
	const size_t pl = strlen(NAI_PREFIX);
	uint64_t v = 0;
	size_t k;
	uint32_t i;

	if (!m->has_mn_id || m->mn_id.len <= pl || memcmp(m->mn_id.id, NAI_PREFIX, pl) != 0) {
		g->bad++;
		return;
	}
	for (k = pl; k < m->mn_id.len && m->mn_id.id[k] >= '0' && m->mn_id.id[k] <= '9'; k++)
		v = v * 10 + (m->mn_id.id[k] - '0');
	if (k == pl || v < g->o.first || v - g->o.first >= g->o.nodes) {
		g->bad++;
		return;
	}
	i = (uint32_t)(v - g->o.first);
	if (g->state[i] != N_WAIT || m->seq != (uint16_t)(g->o.seq + g->attempt[i])) {
		g->stale++;
		return;
	}
	g->outstanding--;
	g->lat_us[g->nlat++] = (uint32_t)((t - g->sent_ns[i]) / 1000);
	g->t_last = t;
	if (m->status == PMIP_ST_ACCEPTED) {
		g->state[i] = N_OK;
		g->ok++;
	} else {
		g->state[i] = N_REJECTED;
		g->rejected++;
		g->by_status[m->status]++;
	}
}

static void
answer_heartbeat(struct gen *g, uint32_t s, const struct pmip_msg *req,
    const struct sockaddr_in *from)
{
	struct pmip_msg rsp;
	uint8_t buf[PMIP_MH_MAX_LEN];
	ssize_t n;

	g->hb_req++;
	if (g->hb_per_peer)
		g->hb_per_peer[s]++;
	pmip_hb_init_response(&rsp, req->hb_seq, 1, false);
	n = pmip_encode(&rsp, buf, sizeof(buf));
	if (n > 0 && sendto(g->fd[s], buf, (size_t)n, 0, (const struct sockaddr *)from,
	    sizeof(*from)) == n)
		g->hb_rsp++;
	else
		g->hb_send_fail++;
}

/* Reads everything socket s holds. */
static void
drain(struct gen *g, uint32_t s)
{
	static uint8_t bufs[BATCH][PMIP_MH_MAX_LEN + 1];
	struct mmsghdr hdr[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_in from[BATCH];

	for (;;) {
		int n;
		uint64_t t;

		for (int k = 0; k < BATCH; k++) {
			iov[k].iov_base = bufs[k];
			iov[k].iov_len = sizeof(bufs[k]);
			memset(&hdr[k], 0, sizeof(hdr[k]));
			hdr[k].msg_hdr.msg_name = &from[k];
			hdr[k].msg_hdr.msg_namelen = sizeof(from[k]);
			hdr[k].msg_hdr.msg_iov = &iov[k];
			hdr[k].msg_hdr.msg_iovlen = 1;
		}
		n = recvmmsg(g->fd[s], hdr, BATCH, MSG_DONTWAIT, NULL);
		if (n <= 0)
			return;
		t = now_ns();
		for (int k = 0; k < n; k++) {
			struct pmip_msg m;

			if (pmip_decode(bufs[k], hdr[k].msg_len, &m) < 0) {
				g->bad++;
				continue;
			}
			if (m.type == PMIP_MH_PBA)
				got_pba(g, &m, t);
			else if (m.type == PMIP_MH_HEARTBEAT && !(m.flags & PMIP_HB_R))
				answer_heartbeat(g, s, &m, &from[k]);
			else
				g->other++;
		}
		if (n < BATCH)
			return;
	}
}

static void
poll_sockets(struct gen *g, int timeout_ms)
{
	struct epoll_event ev[256];
	int n = epoll_wait(g->ep, ev, 256, timeout_ms);

	for (int k = 0; k < n; k++)
		drain(g, ev[k].data.u32);
}

/* ---- phases ---------------------------------------------------------------- */

/* CPU seconds this process used so far. */
static double
cpu_used(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static void
register_nodes(struct gen *g)
{
	uint64_t start = now_ns(), deadline = start + (uint64_t)(g->o.seconds * 1e9);
	double cpu0 = cpu_used();

	for (;;) {
		uint64_t t = now_ns();

		if (t >= deadline || stop)
			break;
		check_timeouts(g, t);
		send_more(g, t);
		if (g->next >= g->o.nodes && g->outstanding == 0)
			break;
		/* block only when nothing can be sent now */
		poll_sockets(g, g->outstanding >= g->o.window || g->next >= g->o.nodes ||
		    (g->o.rate && g->t0) ? 1 : 0);
	}
	g->cpu_pct = (cpu_used() - cpu0) / ((double)(now_ns() - start) / 1e9) * 100;
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static uint32_t
pct(const struct gen *g, double p)
{
	size_t k;

	if (g->nlat == 0)
		return 0;
	k = (size_t)(p / 100.0 * (double)(g->nlat - 1) + 0.5);
	return g->lat_us[k];
}

static const char *
mode_name(enum mode m)
{
	return m == M_NEW ? "new" : m == M_REFRESH ? "refresh" : "peers";
}

static void
report_registrations(struct gen *g)
{
	double secs = g->t_last > g->t0 ? (double)(g->t_last - g->t0) / 1e9 : 0;
	double rate = secs > 0 ? (double)g->ok / secs : 0;
	uint64_t unsent = 0;

	for (uint32_t i = 0; i < g->o.nodes; i++)
		unsent += g->state[i] == N_IDLE;
	qsort(g->lat_us, g->nlat, sizeof(*g->lat_us), cmp_u32);
	printf("pbu_load: %s: %" PRIu32 " nodes from %" PRIu32 " sockets on %d address(es), "
	    "window %" PRIu32 ", rate %s\n", mode_name(g->o.mode), g->o.nodes, g->o.sockets,
	    g->o.nsrc, g->o.window, g->o.rate ? "capped" : "unlimited");
	if (g->o.rate)
		printf("  rate cap            %" PRIu64 " PBU/s\n", g->o.rate);
	printf("  PBUs sent           %" PRIu64 " (%" PRIu64 " retransmissions)\n", g->pbu_sent,
	    g->retx);
	printf("  accepted (status 0) %" PRIu64 "\n", g->ok);
	printf("  rejected            %" PRIu64 "\n", g->rejected);
	for (int s = 0; s < 256; s++)
		if (g->by_status[s])
			printf("    status %3d %-34s %" PRIu64 "\n", s,
			    pmip_status_str((uint8_t)s) ? pmip_status_str((uint8_t)s) : "?",
			    g->by_status[s]);
	printf("  lost (no answer)    %" PRIu64 ", still waiting %" PRIu32 ", never sent %" PRIu64
	    "\n", g->lost, g->outstanding, unsent);
	if (g->stale || g->bad || g->other)
		printf("  late answers %" PRIu64 ", undecodable or foreign %" PRIu64 ", other %" PRIu64
		    "\n", g->stale, g->bad, g->other);
	printf("  time                %.3f s (first PBU to last PBA)\n", secs);
	printf("  registrations/s     %.0f\n", rate);
	printf("  latency us          p50 %" PRIu32 "  p90 %" PRIu32 "  p99 %" PRIu32 "  p99.9 %"
	    PRIu32 "  max %" PRIu32 "\n", pct(g, 50), pct(g, 90), pct(g, 99), pct(g, 99.9),
	    pct(g, 100));
	printf("  generator CPU       %.1f %% of one core\n", g->cpu_pct);
	fflush(stdout);
}

static void
answer_heartbeats(struct gen *g)
{
	uint64_t start = now_ns(), end = start + (uint64_t)(g->o.seconds * 1e9);
	uint32_t heard = 0, lo = UINT32_MAX, hi = 0;
	double secs;

	g->hb_req = g->hb_rsp = g->hb_send_fail = 0;
	g->hb_per_peer = calloc(g->o.sockets, sizeof(*g->hb_per_peer));
	if (g->hb_per_peer == NULL)
		exit(1);
	/* the answers to the registrations are in; what comes now are
	 * heartbeat requests (and PBAs that came late) */
	for (uint64_t t = start; t < end && !stop; t = now_ns())
		poll_sockets(g, end - t > 100000000 ? 100 : (int)((end - t) / 1000000 + 1));
	secs = (double)(now_ns() - start) / 1e9;
	for (uint32_t s = 0; s < g->o.sockets; s++) {
		heard += g->hb_per_peer[s] > 0;
		if (g->hb_per_peer[s] < lo)
			lo = g->hb_per_peer[s];
		if (g->hb_per_peer[s] > hi)
			hi = g->hb_per_peer[s];
	}
	printf("pbu_load: heartbeats: %" PRIu32 " peers answered for %.1f s\n", g->o.sockets, secs);
	printf("  requests received   %" PRIu64 " (%.0f/s)\n", g->hb_req, (double)g->hb_req / secs);
	printf("  responses sent      %" PRIu64 " (%" PRIu64 " failed)\n", g->hb_rsp,
	    g->hb_send_fail);
	printf("  peers heard from    %" PRIu32 " of %" PRIu32 ", requests per peer %" PRIu32
	    "..%" PRIu32 "\n", heard, g->o.sockets, lo, hi);
	printf("RESULT mode=peers peers=%" PRIu32 " registered=%" PRIu64 " retx=%" PRIu64
	    " seconds=%.1f hb_req=%" PRIu64 " hb_rsp=%" PRIu64 " hb_per_s=%.0f peers_heard=%" PRIu32
	    "\n", g->o.sockets, g->ok, g->retx, secs, g->hb_req, g->hb_rsp,
	    (double)g->hb_req / secs, heard);
}

static void
on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int
main(int argc, char **argv)
{
	struct gen g;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: epoll_wait returns */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	memset(&g, 0, sizeof(g));
	parse_opts(&g.o, argc, argv);
	g.sent_ns = calloc(g.o.nodes, sizeof(*g.sent_ns));
	g.attempt = calloc(g.o.nodes, 1);
	g.state = calloc(g.o.nodes, 1);
	g.lat_us = calloc(g.o.nodes, sizeof(*g.lat_us));	/* one answer per node counts */
	if (!g.sent_ns || !g.attempt || !g.state || !g.lat_us) {
		perror("pbu_load");
		return 1;
	}
	open_sockets(&g);
	register_nodes(&g);
	report_registrations(&g);
	if (g.o.mode == M_PEERS) {
		answer_heartbeats(&g);
	} else {
		double secs = g.t_last > g.t0 ? (double)(g.t_last - g.t0) / 1e9 : 0;

		printf("RESULT mode=%s nodes=%" PRIu32 " ok=%" PRIu64 " rejected=%" PRIu64 " lost=%"
		    PRIu64 " retx=%" PRIu64 " seconds=%.3f rate=%.0f p50_us=%" PRIu32 " p99_us=%"
		    PRIu32 "\n", mode_name(g.o.mode), g.o.nodes, g.ok, g.rejected, g.lost, g.retx,
		    secs, secs > 0 ? (double)g.ok / secs : 0, pct(&g, 50), pct(&g, 99));
	}
	return 0;
}
