/*
 * mag.c — the Mobile Access Gateway: registers each mobile node over its
 * roaming interfaces (every live one with multipath, RFC 8278; the best
 * priority otherwise), keeps the registrations fresh, watches each path
 * with heartbeats (RFC 5847) and by link state, and deregisters what is
 * removed.  Each path has its own UDP socket on port 5436, bound to the
 * interface and its address: the proxy care-of address of the path.
 *
 * A 100 ms tick drives everything that is timed; the MAG is small (a few
 * mobile nodes, a few paths).  See mob.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "mob.h"
#include "router.h"
#include "rlog.h"

#define RETX_FIRST_MS 1000	/* INITIAL_BINDACK_TIMEOUT */
#define RETX_MAX_MS 32000	/* MAX_BINDACK_TIMEOUT */
#define DEREG_TRIES 3
#define FAILED_RETRY_MS 30000

static void mag_read_cb(evutil_socket_t fd, short what, void *arg);

struct path_ctx {
	struct mob *m;
	struct mag *g;
	char ifname[48];
};

static const char *
ntoa(struct in_addr a, char *buf)
{
	return inet_ntop(AF_INET, &a, buf, INET_ADDRSTRLEN);
}

/* ---- paths ---------------------------------------------------------------- */

static bool
path_usable(const struct mpath *p)
{
	return p->link_up && p->coa.s_addr != 0 && p->fd >= 0;
}

/* Without multipath the MN uses the live path with the best priority. */
static bool
path_selected(const struct mag *g, const struct mmn *n, int i)
{
	const struct mpath *p = &g->path[i];
	int best = -1;

	if (!path_usable(p) || !p->hb_ok)
		return false;
	if (g->multipath && n->multipath_ok)
		return true;
	for (int k = 0; k < g->npaths; k++) {
		const struct mpath *q = &g->path[k];

		if (!path_usable(q) || !q->hb_ok)
			continue;
		if (best < 0 || q->prio < g->path[best].prio)
			best = k;
	}
	return best == i;
}

int
mag_open_path(struct mob *m, struct mag *g, struct mpath *p)
{
	struct sockaddr_in sin;
	int one = 1;
	struct path_ctx *ctx;

	mag_close_path(m, g, p);
	if (p->coa.s_addr == 0 || p->lname[0] == '\0')
		return -1;
	p->fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (p->fd < 0)
		return -1;
	setsockopt(p->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	/* the path's packets leave by its interface, whatever the routes say */
	if (setsockopt(p->fd, SOL_SOCKET, SO_BINDTODEVICE, p->lname, (socklen_t)strlen(p->lname)) < 0)
		rdebug(m->r, DBG_PMIP_EVENTS, "%s: %s: cannot bind to the device: %s", g->name,
		    p->ifname, strerror(errno));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr = p->coa;
	sin.sin_port = htons(PMIP_PORT_CNTL);
	if (bind(p->fd, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		char a[INET_ADDRSTRLEN];

		rlog(m->r, LOG_SEV_WARN, "PMIPV6", "SOCKET", "%s: %s: cannot use %s port %d: %s", g->name,
		    p->ifname, ntoa(p->coa, a), PMIP_PORT_CNTL, strerror(errno));
		close(p->fd);
		p->fd = -1;
		return -1;
	}
	ctx = calloc(1, sizeof(*ctx));
	if (ctx == NULL)
		abort();
	ctx->m = m;
	ctx->g = g;
	snprintf(ctx->ifname, sizeof(ctx->ifname), "%s", p->ifname);
	p->ev = event_new(m->r->base, p->fd, EV_READ | EV_PERSIST, mag_read_cb, ctx);
	event_add(p->ev, NULL);
	return 0;
}

void
mag_close_path(struct mob *m, struct mag *g, struct mpath *p)
{
	(void)m;
	(void)g;
	if (p->ev) {
		free(event_get_callback_arg(p->ev));
		event_free(p->ev);
		p->ev = NULL;
	}
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
	p->hb_outstanding = false;
	p->hb_missing = 0;
}

static int
path_index(const struct mag *g, const struct mpath *p)
{
	return (int)(p - g->path);
}

/* Bindings on path i go back to the start: registered again when the
 * path is selected. */
static void
path_reset_bindings(struct mag *g, int i)
{
	for (int n = 0; n < g->nmn; n++) {
		struct mbind *b = &g->mn[n].b[i];

		if (b->state == MB_REGISTERED || b->state == MB_WAIT || b->state == MB_FAILED) {
			b->state = MB_IDLE;
			b->retx = 0;
		}
	}
}

void
mag_path_changed(struct mob *m, struct mag *g, struct mpath *p)
{
	char a[INET_ADDRSTRLEN];
	bool was = p->fd >= 0;

	if (p->link_up && p->coa.s_addr != 0) {
		if (mag_open_path(m, g, p) == 0) {
			p->hb_ok = true;
			p->hb_missing = 0;
			p->alive_ms = mob_now_ms();
			rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "PATH_UP", "%s: path %s%s%s up, care-of "
			    "address %s", g->name, p->ifname, p->label[0] ? " " : "", p->label,
			    ntoa(p->coa, a));
		}
	} else {
		mag_close_path(m, g, p);
		if (was)
			rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "PATH_DOWN", "%s: path %s%s%s down: %s",
			    g->name, p->ifname, p->label[0] ? " " : "", p->label,
			    !p->link_up ? "link down" : "no address");
	}
	path_reset_bindings(g, path_index(g, p));
	m->r->bindings = mob_bindings(m);
}

/* ---- PBU ------------------------------------------------------------------- */

static void
send_pbu(struct mob *m, struct mag *g, struct mmn *n, int i, bool dereg)
{
	struct mpath *p = &g->path[i];
	struct mbind *b = &n->b[i];
	struct pmip_msg msg;
	struct timespec ts;
	char who[MOB_NAME + 8];
	uint8_t hi = b->lifetime && !dereg ? PMIP_HI_NO_CHANGE : PMIP_HI_NEW_IFACE;

	if (!path_usable(p) || g->lma.s_addr == 0)
		return;
	b->seq++;
	pmip_pbu_init(&msg, b->seq, dereg ? 0 : pmip_lifetime_units(MOB_LIFETIME), n->nai, hi, p->att);
	if (g->udp)
		msg.flags |= PMIP_BU_F;
	clock_gettime(CLOCK_REALTIME, &ts);
	msg.has_timestamp = true;
	msg.timestamp = pmip_timestamp_from_timespec(&ts);
	msg.has_v4hoa_req = true;
	msg.v4hoa_req = n->hoa;
	msg.v4hoa_req_plen = n->hoa.s_addr ? n->hoa_plen : 0;
	if (g->multipath && n->multipath_ok)
		pmip_pbu_set_multipath(&msg, p->att, p->label_num, p->bid, g->name);
	else {
		/* the MAG Identifier also names the MAG of a single path: an LMA
		 * that knows MAGs by name accepts it from any of its addresses */
		msg.has_mag_id = true;
		msg.mag_id.subtype = PMIP_ID_NAI;
		msg.mag_id.id = (const uint8_t *)g->name;
		msg.mag_id.len = strlen(g->name);
	}
	snprintf(who, sizeof(who), "%s", g->name);
	if (mob_send(m, p->fd, &msg, g->lma, PMIP_PORT_CNTL, who) == 0) {
		if (dereg)
			g->st.dereg_sent++;
		else if (b->retx > 0)
			g->st.pbu_retx++;
		g->st.pbu_sent++;
	}
	b->sent_ms = mob_now_ms();
}

static void
bind_log(struct mob *m, struct mag *g, struct mmn *n, int i, const char *what)
{
	struct mpath *p = &g->path[i];
	char a[INET_ADDRSTRLEN];

	rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", what, "%s: %s %s via %s%s%s, LMA %s, HoA %s", g->name,
	    n->nai, strcmp(what, "BINDING_UP") == 0 ? "registered" : "deregistered", p->ifname,
	    p->label[0] ? " " : "", p->label, g->lma_name[0] ? g->lma_name : "-", ntoa(n->hoa, a));
}

/* What is timed for one binding. */
static void
bind_tick(struct mob *m, struct mag *g, struct mmn *n, int i, uint64_t now)
{
	struct mbind *b = &n->b[i];
	bool sel = n->seen && path_selected(g, n, i);

	switch (b->state) {
	case MB_IDLE:
		if (sel && g->lma.s_addr) {
			b->state = MB_WAIT;
			b->retx = 0;
			b->lifetime = 0;
			send_pbu(m, g, n, i, false);
			b->next_ms = now + RETX_FIRST_MS;
		}
		break;
	case MB_WAIT:
		if (!sel) {
			b->state = MB_IDLE;
			break;
		}
		if (now >= b->next_ms) {
			uint64_t wait = (uint64_t)RETX_FIRST_MS << (b->retx < 5 ? b->retx + 1 : 5);

			b->retx++;
			send_pbu(m, g, n, i, false);
			b->next_ms = now + (wait > RETX_MAX_MS ? RETX_MAX_MS : wait);
		}
		break;
	case MB_REGISTERED:
		if (!sel) {
			/* no longer this MN's path: give it back */
			b->state = MB_DEREG;
			b->retx = 0;
			b->next_ms = 0;
			bind_tick(m, g, n, i, now);
			break;
		}
		if (now >= b->next_ms) {
			/* refresh before the lifetime runs out; retransmit likewise */
			send_pbu(m, g, n, i, false);
			b->retx++;
			b->next_ms = now + (uint64_t)(RETX_FIRST_MS << (b->retx < 5 ? b->retx : 5));
			if (b->registered && (time_t)(b->lifetime) < time(NULL) - b->registered) {
				b->state = MB_IDLE;
				bind_log(m, g, n, i, "BINDING_DOWN");
			}
		}
		break;
	case MB_DEREG:
		if (now >= b->next_ms) {
			if (b->retx >= DEREG_TRIES || !path_usable(&g->path[i])) {
				b->state = MB_IDLE;
				break;
			}
			send_pbu(m, g, n, i, true);
			b->retx++;
			b->next_ms = now + RETX_FIRST_MS;
		}
		break;
	case MB_FAILED:
		if (now >= b->next_ms)
			b->state = MB_IDLE;
		break;
	}
}

/* ---- heartbeat -------------------------------------------------------------- */

static bool
path_has_binding(const struct mag *g, int i)
{
	for (int n = 0; n < g->nmn; n++)
		if (g->mn[n].b[i].state == MB_REGISTERED)
			return true;
	return false;
}

/* A path is down when the LMA said nothing on it for interval x (retries +
 * 1); heartbeats go every interval while the path carries a binding, or
 * is down and might come back. */
static void
hb_tick(struct mob *m, struct mag *g, int i, uint64_t now)
{
	struct mpath *p = &g->path[i];
	struct pmip_msg msg;
	uint64_t limit = (uint64_t)g->hb_interval * 1000 * (uint64_t)(g->hb_retries + 1);

	if (!g->hb_on || !path_usable(p) || g->lma.s_addr == 0)
		return;
	if (!path_has_binding(g, i) && p->hb_ok) {
		p->alive_ms = now;
		return;
	}
	if (p->hb_ok && now - p->alive_ms > limit) {
		p->hb_ok = false;
		g->st.hb_failures++;
		rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "PATH_DOWN", "%s: path %s%s%s down: %d heartbeats "
		    "unanswered", g->name, p->ifname, p->label[0] ? " " : "", p->label, p->hb_missing);
		path_reset_bindings(g, i);
		m->r->bindings = mob_bindings(m);
	}
	if (now < p->hb_next)
		return;
	if (p->hb_outstanding)
		p->hb_missing++;
	pmip_hb_init_request(&msg, ++p->hb_seq);
	if (mob_send(m, p->fd, &msg, g->lma, PMIP_PORT_CNTL, g->name) == 0)
		g->st.hb_req_sent++;
	p->hb_outstanding = true;
	p->hb_next = now + (uint64_t)g->hb_interval * 1000;
}

void
mag_tick(struct mob *m, struct mag *g)
{
	uint64_t now = mob_now_ms();

	for (int n = 0; n < g->nmn; n++)
		for (int i = 0; i < g->npaths; i++)
			bind_tick(m, g, &g->mn[n], i, now);
	for (int i = 0; i < g->npaths; i++)
		hb_tick(m, g, i, now);
	/* MNs that were removed and have given their bindings back */
	for (int n = 0; n < g->nmn; n++) {
		bool busy = false;

		if (g->mn[n].seen)
			continue;
		for (int i = 0; i < g->npaths; i++)
			busy |= g->mn[n].b[i].state != MB_IDLE;
		if (!busy) {
			rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "MN_DEL", "%s: logical MN %s removed", g->name,
			    g->mn[n].nai);
			g->mn[n] = g->mn[--g->nmn];
			n--;
		}
	}
	m->r->bindings = mob_bindings(m);
}

/* ---- receiving ---------------------------------------------------------------- */

static struct mmn *
find_mn(struct mag *g, const struct pmip_msg *msg)
{
	if (!msg->has_mn_id)
		return NULL;
	for (int n = 0; n < g->nmn; n++)
		if (strlen(g->mn[n].nai) == msg->mn_id.len &&
		    memcmp(g->mn[n].nai, msg->mn_id.id, msg->mn_id.len) == 0)
			return &g->mn[n];
	return NULL;
}

static void
got_pba(struct mob *m, struct mag *g, int i, const struct pmip_msg *msg)
{
	struct mmn *n = find_mn(g, msg);
	struct mbind *b;
	uint64_t now = mob_now_ms();
	bool fallback = false;

	g->st.pba_rcvd++;
	if (n != NULL && msg->status == PMIP_ST_SEQ_OUT_OF_WINDOW &&
	    (n->b[i].state == MB_WAIT || n->b[i].state == MB_REGISTERED || n->b[i].state == MB_DEREG)) {
		/* the LMA remembers a later number (RFC 6275 §11.7.1): go on from
		 * the one it gives, at once */
		b = &n->b[i];
		g->st.pba_rejected++;
		g->st.rejected[msg->status]++;
		b->seq = msg->seq;
		send_pbu(m, g, n, i, b->state == MB_DEREG);
		return;
	}
	if (n == NULL || (b = &n->b[i])->seq != msg->seq ||
	    (b->state != MB_WAIT && b->state != MB_REGISTERED && b->state != MB_DEREG)) {
		g->st.drop_unexpected++;
		return;
	}
	if (b->state == MB_DEREG) {
		b->state = MB_IDLE;
		b->lifetime = 0;
		g->st.pba_accepted++;
		bind_log(m, g, n, i, "BINDING_DOWN");
		return;
	}
	if (msg->status >= 128) {
		g->st.pba_rejected++;
		g->st.rejected[msg->status]++;
		b->status = msg->status;
		b->state = MB_FAILED;
		b->next_ms = now + FAILED_RETRY_MS;
		rlog(m->r, LOG_SEV_WARN, "PMIPV6", "BINDING_FAIL", "%s: %s via %s rejected by LMA %s: "
		    "status %u (%s)", g->name, n->nai, g->path[i].ifname, g->lma_name, msg->status,
		    pmip_status_str(msg->status) ? pmip_status_str(msg->status) : "?");
		return;
	}
	g->st.pba_accepted++;
	g->path[i].alive_ms = now;
	b->status = msg->status;
	if (msg->has_v4hoa_reply && msg->v4hoa_reply_status < 128) {
		n->hoa = msg->v4hoa_reply;
		n->hoa_plen = msg->v4hoa_reply_plen;
	}
	if (msg->has_v4dflt_rtr)
		n->dflt_rtr = msg->v4dflt_rtr;
	if (g->multipath && !msg->has_mmb && n->multipath_ok) {
		/* RFC 8278 §4.4: an LMA that does not echo the option does not
		 * do multipath; register this MN on one path only */
		n->multipath_ok = false;
		rlog(m->r, LOG_SEV_WARN, "PMIPV6", "NO_MULTIPATH", "%s: LMA %s does not support "
		    "multipath for %s: one path only", g->name, g->lma_name, n->nai);
		/* the LMA keeps one binding, moved by each path's PBU: the other
		 * paths deregister (next tick) and the selected one registers
		 * again right after, so that the binding ends up on it */
		for (int k = 0; k < g->npaths; k++)
			if (k != i && n->b[k].state == MB_REGISTERED)
				n->b[k].next_ms = now + 300;
		fallback = true;
	}
	b->lifetime = (uint16_t)(msg->lifetime * 4 > 65535 ? 65535 : msg->lifetime * 4);
	b->retx = 0;
	/* refresh at 80 % of the lifetime granted */
	b->next_ms = now + (uint64_t)(fallback ? 300 : b->lifetime * 800);
	if (b->state != MB_REGISTERED) {
		b->state = MB_REGISTERED;
		b->registered = time(NULL);
		bind_log(m, g, n, i, "BINDING_UP");
	} else
		b->registered = time(NULL);
	m->r->bindings = mob_bindings(m);
}

static void
got_heartbeat(struct mob *m, struct mag *g, int i, const struct pmip_msg *msg,
    struct in_addr from, uint16_t port)
{
	struct mpath *p = &g->path[i];

	if (!(msg->flags & PMIP_HB_R)) {
		struct pmip_msg rsp;

		g->st.hb_req_rcvd++;
		pmip_hb_init_response(&rsp, msg->hb_seq, m->restart_counter, false);
		if (mob_send(m, p->fd, &rsp, from, port, g->name) == 0)
			g->st.hb_rsp_sent++;
		return;
	}
	g->st.hb_rsp_rcvd++;
	if (msg->flags & PMIP_HB_U || msg->hb_seq == p->hb_seq) {
		p->hb_outstanding = false;
		p->hb_missing = 0;
		p->hb_last_ok = time(NULL);
		p->alive_ms = mob_now_ms();
		if (!p->hb_ok) {
			p->hb_ok = true;
			rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "PATH_UP", "%s: path %s%s%s up: heartbeat "
			    "answered", g->name, p->ifname, p->label[0] ? " " : "", p->label);
		}
	}
	if (msg->has_restart) {
		if (g->lma_restart_known && msg->restart_counter != g->lma_restart) {
			/* the LMA lost its bindings: register them all again */
			g->st.hb_restarts++;
			rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "PEER_RESTART", "%s: LMA %s restarted "
			    "(restart counter %u, was %u): registering again", g->name, g->lma_name,
			    msg->restart_counter, g->lma_restart);
			for (int k = 0; k < g->npaths; k++)
				path_reset_bindings(g, k);
		}
		g->lma_restart = msg->restart_counter;
		g->lma_restart_known = true;
	}
}

static void
got_bri(struct mob *m, struct mag *g, int i, const struct pmip_msg *msg, struct in_addr from,
    uint16_t port)
{
	struct pmip_msg bra;
	struct mmn *n = find_mn(g, msg);

	g->st.bri_rcvd++;
	pmip_bra_init_reply(&bra, msg, n ? PMIP_BRA_SUCCESS : PMIP_BRA_NO_BINDING);
	if (mob_send(m, g->path[i].fd, &bra, from, port, g->name) == 0)
		g->st.bra_sent++;
	if (n && n->b[i].state == MB_REGISTERED) {
		bind_log(m, g, n, i, "BINDING_DOWN");
		rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "REVOKED", "%s: LMA revoked %s via %s (trigger %u)",
		    g->name, n->nai, g->path[i].ifname, msg->br_trigger);
		/* the MN is still here: it registers again */
		n->b[i].state = MB_IDLE;
	}
	m->r->bindings = mob_bindings(m);
}

static void
mag_read_cb(evutil_socket_t fd, short what, void *arg)
{
	struct path_ctx *ctx = arg;
	struct mob *m = ctx->m;
	struct mag *g = ctx->g;
	uint8_t buf[PMIP_MH_MAX_LEN + 1];
	int i = -1;

	(void)what;
	for (int k = 0; k < g->npaths; k++)
		if (strcmp(g->path[k].ifname, ctx->ifname) == 0)
			i = k;
	for (int burst = 0; burst < 64; burst++) {
		struct sockaddr_in from;
		socklen_t fl = sizeof(from);
		ssize_t n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
		struct pmip_msg msg;
		int err;

		if (n < 0)
			return;
		if (i < 0)
			continue;
		/* only the LMA talks to a MAG: anything else is refused unread,
		 * or any host could fake its restart or revoke a binding */
		if (from.sin_addr.s_addr != g->lma.s_addr) {
			g->st.drop_unauthorized++;
			rdebug(m->r, DBG_PMIP_PACKETS, "%s: refused a message from %s: not the LMA",
			    g->name, inet_ntoa(from.sin_addr));
			continue;
		}
		if ((size_t)n > PMIP_MH_MAX_LEN) {
			g->st.drop_oversized++;
			continue;
		}
		err = pmip_decode(buf, (size_t)n, &msg);
		if (err < 0) {
			g->st.drop_decode[-err]++;
			rdebug(m->r, DBG_PMIP_PACKETS, "%s: dropped a message from %s: %s", g->name,
			    inet_ntoa(from.sin_addr), pmip_err_str(err));
			/* RFC 6275 §9.2: an unknown type is answered */
			if (err == PMIP_E_MH_TYPE && mob_be_allowed(&g->be)) {
				struct pmip_msg be;

				pmip_msg_init(&be, PMIP_MH_BE);
				be.status = PMIP_BE_UNKNOWN_MH_TYPE;
				if (mob_send(m, fd, &be, from.sin_addr, ntohs(from.sin_port), g->name) == 0)
					g->st.be_sent++;
			}
			continue;
		}
		mob_debug_msg(m, g->name, "rcvd", &msg, from.sin_addr);
		switch (msg.type) {
		case PMIP_MH_PBA:
			got_pba(m, g, i, &msg);
			break;
		case PMIP_MH_HEARTBEAT:
			got_heartbeat(m, g, i, &msg, from.sin_addr, ntohs(from.sin_port));
			break;
		case PMIP_MH_BR:
			if (msg.br_type == PMIP_BR_INDICATION)
				got_bri(m, g, i, &msg, from.sin_addr, ntohs(from.sin_port));
			else
				g->st.drop_unexpected++;
			break;
		case PMIP_MH_BE:
			/* RFC 5847 §3: a peer without heartbeats says so */
			if (msg.status == PMIP_BE_UNKNOWN_MH_TYPE && g->hb_on) {
				g->hb_on = false;
				rlog(m->r, LOG_SEV_WARN, "PMIPV6", "NO_HEARTBEAT", "%s: LMA %s does not "
				    "support heartbeats", g->name, g->lma_name);
			} else
				g->st.drop_unexpected++;
			break;
		default:
			g->st.drop_unexpected++;
			break;
		}
	}
}

/* ---- start and stop ------------------------------------------------------------ */

struct tick_ctx {
	struct mob *m;
	struct mag *g;
};

static void
mag_tick_cb(evutil_socket_t fd, short what, void *arg)
{
	struct tick_ctx *t = arg;

	(void)fd;
	(void)what;
	mag_tick(t->m, t->g);
}

void
mag_start(struct mob *m, struct mag *g)
{
	struct timeval tv = { 0, 100000 };
	struct tick_ctx *t = calloc(1, sizeof(*t));
	char a[INET_ADDRSTRLEN];

	if (t == NULL)
		abort();
	t->m = m;
	t->g = g;
	g->tick = event_new(m->r->base, -1, EV_PERSIST, mag_tick_cb, t);
	event_add(g->tick, &tv);
	rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "MAG_START", "MAG %s started in domain %s, LMA %s at %s%s, "
	    "restart counter %u", g->name, g->domain, g->lma_name[0] ? g->lma_name : "(none)",
	    ntoa(g->lma, a), g->multipath ? ", multipath" : "", m->restart_counter);
}

void
mag_stop(struct mob *m, struct mag *g, bool dereg)
{
	/* tell the LMA, best effort: nobody waits for the answers */
	for (int n = 0; dereg && n < g->nmn; n++)
		for (int i = 0; i < g->npaths; i++)
			if (g->mn[n].b[i].state == MB_REGISTERED || g->mn[n].b[i].state == MB_WAIT) {
				send_pbu(m, g, &g->mn[n], i, true);
				g->mn[n].b[i].state = MB_IDLE;
			}
	for (int i = 0; i < g->npaths; i++)
		mag_close_path(m, g, &g->path[i]);
	if (g->tick) {
		free(event_get_callback_arg(g->tick));
		event_free(g->tick);
		g->tick = NULL;
	}
	rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "MAG_STOP", "MAG %s stopped", g->name);
}
