/*
 * mob.c — the PMIPv6 engine's life cycle: state database (restart counter,
 * leases), reading the configuration into MAGs and LMAs, sending and
 * logging messages, clear commands.  See mob.h.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "cl.h"
#include "log.h"
#include "mob.h"
#include "router.h"
#include "rows.h"
#include "store.h"
#include "strbuf.h"
#include "rlog.h"

uint64_t
mob_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* The access technology types are a value table of the grammar (values
 * att-type in grammar/pmipv6-domain.cli). */
uint8_t
mob_att_value(const char *name)
{
	long long v = cl_value_num(&cl_values_att_type, name);

	return v > 0 && v < 256 ? (uint8_t)v : PMIP_ATT_IEEE8023;
}

const char *
mob_att_name(uint8_t att)
{
	const char *w = cl_value_word(&cl_values_att_type, att);

	return w ? w : "other";
}

/* ---- messages ------------------------------------------------------------ */

void
mob_debug_msg(struct mob *m, const char *who, const char *dir, const struct pmip_msg *msg,
    struct in_addr peer)
{
	struct strbuf b = STRBUF_INIT;
	char a[INET_ADDRSTRLEN];
	const char *t = pmip_mh_type_str(msg->type);

	if (!(m->r->debug & DBG_PMIP_PACKETS))
		return;
	inet_ntop(AF_INET, &peer, a, sizeof(a));
	if (msg->type == PMIP_MH_PBA)
		t = "PBA";
	sb_printf(&b, "%s: %s %s %s %s", who, dir, t ? t : "?", strcmp(dir, "sent") == 0 ? "to" : "from",
	    a);
	switch (msg->type) {
	case PMIP_MH_PBU:
		sb_printf(&b, ", seq %u, lifetime %u, flags%s%s%s%s", msg->seq, msg->lifetime * 4,
		    msg->flags & PMIP_BU_A ? " A" : "", msg->flags & PMIP_BU_H ? " H" : "",
		    msg->flags & PMIP_BU_P ? " P" : "", msg->flags & PMIP_BU_F ? " F" : "");
		break;
	case PMIP_MH_PBA:
		sb_printf(&b, ", seq %u, status %u (%s), lifetime %u", msg->seq, msg->status,
		    pmip_status_str(msg->status) ? pmip_status_str(msg->status) : "?", msg->lifetime * 4);
		break;
	case PMIP_MH_HEARTBEAT:
		sb_printf(&b, " %s, seq %u", msg->flags & PMIP_HB_R ? "response" : "request",
		    msg->hb_seq);
		if (msg->has_restart)
			sb_printf(&b, ", restart counter %u", msg->restart_counter);
		break;
	case PMIP_MH_BR:
		sb_printf(&b, " %s, seq %u", msg->br_type == PMIP_BR_INDICATION ? "indication" :
		    "acknowledgement", msg->seq);
		break;
	}
	if (msg->has_mn_id)
		sb_printf(&b, ", nai %.*s", (int)msg->mn_id.len, (const char *)msg->mn_id.id);
	if (msg->has_mmb)
		sb_printf(&b, ", bid %u att %u label %u", msg->mmb_bid, msg->mmb_if_att,
		    msg->mmb_if_label);
	if (msg->has_v4hoa_reply)
		sb_printf(&b, ", hoa %s/%u", inet_ntop(AF_INET, &msg->v4hoa_reply, a, sizeof(a)),
		    msg->v4hoa_reply_plen);
	rdebug(m->r, DBG_PMIP_PACKETS, "%s", b.s);
	sb_free(&b);
}

int
mob_send(struct mob *m, int fd, const struct pmip_msg *msg, struct in_addr to, uint16_t port,
    const char *who)
{
	uint8_t buf[PMIP_MH_MAX_LEN];
	ssize_t n = pmip_encode(msg, buf, sizeof(buf));
	struct sockaddr_in sin;

	if (n < 0) {
		log_warnx("%s: cannot encode a %s", who, pmip_mh_type_str(msg->type));
		return -1;
	}
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_addr = to;
	sin.sin_port = htons(port);
	mob_debug_msg(m, who, "sent", msg, to);
	if (sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&sin, sizeof(sin)) < 0) {
		rdebug(m->r, DBG_PMIP_EVENTS, "%s: send failed: %s", who, strerror(errno));
		return -1;
	}
	return 0;
}

bool
mob_be_allowed(struct mob_be_limit *lim)
{
	uint64_t now = mob_now_ms();

	if (now - lim->at >= 1000) {
		lim->at = now;
		lim->tokens = MOB_BE_PER_SEC;
	}
	if (lim->tokens <= 0)
		return false;
	lim->tokens--;
	return true;
}

/* ---- state database ------------------------------------------------------ */

static int
state_open(struct mob *m)
{
	char *path = NULL;
	sqlite3_stmt *s;

	if (asprintf(&path, "%s/state.db", m->r->dir ? m->r->dir : ".") < 0)
		return -1;
	if (sqlite3_open_v2(path, &m->state, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK ||
	    sqlite3_exec(m->state, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
	    "CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER);"
	    "CREATE TABLE IF NOT EXISTS lease (pool TEXT NOT NULL, addr TEXT NOT NULL, "
	    "nai TEXT NOT NULL, PRIMARY KEY (pool, addr));"
	    /* nothing looks leases up by node (load_leases() reads them
	     * all): an index on nai only made every lease cost more */
	    "DROP INDEX IF EXISTS lease_nai;"
	    "INSERT OR IGNORE INTO meta VALUES ('restart_counter', 0);"
	    "UPDATE meta SET v = v + 1 WHERE k = 'restart_counter';", NULL, NULL, NULL) != SQLITE_OK) {
		log_warnx("%s: %s", path, sqlite3_errmsg(m->state));
		free(path);
		return -1;
	}
	free(path);
	if (sqlite3_prepare_v2(m->state, "SELECT v FROM meta WHERE k='restart_counter'", -1, &s,
	    NULL) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
		m->restart_counter = (uint32_t)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return 0;
}

/* ---- reading the configuration ------------------------------------------- */


static void
copy(char *dst, size_t sz, const char *src)
{
	snprintf(dst, sz, "%s", src ? src : "");
}

/* The IPv4 address and link state of a Linux interface, from the kernel. */
static void
kernel_if(const char *lname, struct in_addr *addr, bool *up)
{
	struct ifaddrs *ifa, *i;

	addr->s_addr = 0;
	*up = false;
	if (getifaddrs(&ifa) < 0)
		return;
	for (i = ifa; i; i = i->ifa_next) {
		if (strcmp(i->ifa_name, lname) != 0)
			continue;
		*up = (i->ifa_flags & IFF_UP) && (i->ifa_flags & IFF_RUNNING);
		if (i->ifa_addr && i->ifa_addr->sa_family == AF_INET && addr->s_addr == 0)
			*addr = ((struct sockaddr_in *)i->ifa_addr)->sin_addr;
	}
	freeifaddrs(ifa);
}

static bool
domain_udp(struct router *r, const char *domain)
{
	struct pmip_domain_row d;

	return pmip_domain_find(r->run, domain, &d) && d.encap && strcmp(d.encap, "udptunnel") == 0;
}

/* The LMA's address: ipv4-address under the MAG's lma, else the domain's
 * entry for that LMA. */
static void
mag_lma_config(struct router *r, struct mag *g, int64_t id)
{
	struct rows it;
	struct mag_lma_row ml;
	struct pmip_domain_row d;
	struct domain_lma_row dl;
	char a[64] = "";

	g->lma.s_addr = 0;
	g->lma_name[0] = '\0';
	g->udp = domain_udp(r, g->domain);
	/* the first lma under the MAG */
	mag_lma_of(r->run, id, &it);
	if (mag_lma_next(&it, &ml)) {
		copy(g->lma_name, sizeof(g->lma_name), ml.name);
		copy(a, sizeof(a), ml.ipv4);
		if (ml.encap)
			g->udp = strcmp(ml.encap, "udptunnel") == 0;
	}
	rows_end(&it);
	if (a[0] == '\0' && g->lma_name[0] && pmip_domain_find(r->run, g->domain, &d) &&
	    domain_lma_find(r->run, d.id, g->lma_name, &dl))
		copy(a, sizeof(a), dl.ipv4);
	if (a[0])
		inet_pton(AF_INET, a, &g->lma);
}

int
mob_domain_labels(struct router *r, const char *domain, char (*labels)[MOB_NAME], int max)
{
	struct pmip_domain_row d;
	struct mobile_map_row mm;
	struct rows it;
	int n = 0;

	if (!pmip_domain_find(r->run, domain, &d))
		return 0;
	for (mobile_map_of(r->run, d.id, &it); mobile_map_next(&it, &mm);)
		for (int c = 0; c < 3; c++) {
			const char *l = c == 0 ? mm.link1 : c == 1 ? mm.link2 : mm.link3;
			int k;

			if (l == NULL)
				continue;
			for (k = 0; k < n; k++)
				if (strcmp(labels[k], l) == 0)
					break;
			if (k == n && n < max)
				copy(labels[n++], MOB_NAME, l);
		}
	return n;
}

const char *
mob_label_name(struct router *r, const char *domain, uint8_t num, char *buf, size_t sz)
{
	char labels[255][MOB_NAME];
	int n = mob_domain_labels(r, domain, labels, 255);

	if (num == 0 || num > n)
		return NULL;
	snprintf(buf, sz, "%s", labels[num - 1]);
	return buf;
}

static struct mpath *
find_path(struct mag *g, const char *ifname)
{
	for (int i = 0; i < g->npaths; i++)
		if (strcmp(g->path[i].ifname, ifname) == 0)
			return &g->path[i];
	return NULL;
}

static uint8_t
free_bid(struct mag *g)
{
	for (uint8_t b = 1; b < 255; b++) {
		bool used = false;

		for (int i = 0; i < g->npaths; i++)
			if (g->path[i].bid == b)
				used = true;
		if (!used)
			return b;
	}
	return 254;
}

static void
mag_load_paths(struct mob *m, struct mag *g, int64_t id)
{
	struct rows it;
	struct mag_roaming_row rr;
	char labels[255][MOB_NAME];
	/* If-Label numbers: the domain's labels first, as the LMA knows them */
	int nlabels = mob_domain_labels(m->r, g->domain, labels, 255 - MOB_MAXPATHS);

	for (int i = 0; i < g->npaths; i++)
		g->path[i].seen = false;
	for (mag_roaming_of(m->r->run, id, &it); mag_roaming_next(&it, &rr);) {
		const char *ifn = rr.ifname;
		struct mpath *p = find_path(g, ifn);
		bool isnew = p == NULL;
		struct in_addr addr;
		bool up;
		int k;

		if (isnew) {
			if (g->npaths == MOB_MAXPATHS)
				continue;
			p = &g->path[g->npaths++];
			memset(p, 0, sizeof(*p));
			p->fd = -1;
			copy(p->ifname, sizeof(p->ifname), ifn);
			p->bid = free_bid(g);
			p->tunnel = p->bid - 1;
			p->hb_ok = true;
		}
		p->seen = true;
		p->prio = rr.has_priority ? (int)rr.priority : 0;
		p->att = mob_att_value(rr.att);
		copy(p->label, sizeof(p->label), rr.label);
		/* If-Label: the labels numbered in the order they appear */
		p->label_num = 0;
		if (p->label[0]) {
			for (k = 0; k < nlabels; k++)
				if (strcmp(labels[k], p->label) == 0)
					break;
			if (k == nlabels)
				copy(labels[nlabels++], MOB_NAME, p->label);
			p->label_num = (uint8_t)(k + 1);
		}
		if (!cl_ifname_to_linux(p->ifname, p->lname, sizeof(p->lname)))
			p->lname[0] = '\0';
		kernel_if(p->lname, &addr, &up);
		if (isnew || addr.s_addr != p->coa.s_addr || up != p->link_up) {
			p->coa = addr;
			p->link_up = up;
			mag_path_changed(m, g, p);
		}
	}
	/* roaming interfaces no longer configured */
	for (int i = 0; i < g->npaths; i++) {
		if (g->path[i].seen)
			continue;
		g->path[i].link_up = false;
		mag_path_changed(m, g, &g->path[i]);
		mag_close_path(m, g, &g->path[i]);
		g->path[i] = g->path[--g->npaths];
		for (int n = 0; n < g->nmn; n++)
			g->mn[n].b[i] = g->mn[n].b[g->npaths];
		i--;
	}
}

static void
mag_load_mns(struct mob *m, struct mag *g, int64_t id)
{
	struct rows it, nets;
	struct mag_lmn_row lr;
	struct lmn_network_row nr;

	for (int i = 0; i < g->nmn; i++)
		g->mn[i].seen = false;
	for (mag_lmn_of(m->r->run, id, &it); mag_lmn_next(&it, &lr);) {
		const char *nai = lr.nai;
		struct mmn *n = NULL;
		struct strbuf mnets = STRBUF_INIT;

		for (int i = 0; i < g->nmn; i++)
			if (strcmp(g->mn[i].nai, nai) == 0)
				n = &g->mn[i];
		if (n == NULL) {
			if (g->nmn == g->capmn) {
				g->capmn = g->capmn ? g->capmn * 2 : 4;
				g->mn = realloc(g->mn, (size_t)g->capmn * sizeof(*g->mn));
				if (g->mn == NULL)
					abort();
			}
			n = &g->mn[g->nmn++];
			memset(n, 0, sizeof(*n));
			copy(n->nai, sizeof(n->nai), nai);
			n->multipath_ok = true;
			/* sequence numbers start anywhere (RFC 6275 §9.5.1): an LMA
			 * that remembers an earlier run says so with status 135 */
			for (int k = 0; k < MOB_MAXPATHS; k++)
				n->b[k].seq = (uint16_t)random();
			rlog(m->r, LOG_SEV_NOTICE, "PMIPV6", "MN_ADD", "%s: logical MN %s added", g->name,
			    n->nai);
		}
		n->seen = true;
		copy(n->home_if, sizeof(n->home_if), lr.home_if);
		for (lmn_network_of(m->r->run, lr.id, &nets); lmn_network_next(&nets, &nr);)
			sb_printf(&mnets, "%s%s", mnets.len ? ", " : "", nr.ifname);
		copy(n->mnets, sizeof(n->mnets), mnets.s);
		sb_free(&mnets);
	}
}

static struct mag *
find_mag(struct mob *m, const char *name)
{
	for (int i = 0; i < m->nmags; i++)
		if (strcmp(m->mags[i]->name, name) == 0)
			return m->mags[i];
	return NULL;
}

static struct lma *
find_lma(struct mob *m, const char *name)
{
	for (int i = 0; i < m->nlmas; i++)
		if (strcmp(m->lmas[i]->name, name) == 0)
			return m->lmas[i];
	return NULL;
}

/* The tables each part of the engine reads its configuration from: a
 * change elsewhere (an access list, an interface's description, the SLA
 * responder) leaves the engine alone, and a change on the LMA side does
 * not make the MAGs reread theirs.  ROWS_TREE (rows.h, from the schema)
 * takes in the tables under an object: a table added under the MAG or
 * the LMA is counted without a word here. */
#define DOMAIN_TABLES ROWS_TREE(pmip_domain)
#define POOL_TABLES (ROWS_BIT(ip_local_pool) | ROWS_BIT(ipv6_local_pool) | ROWS_BIT(lma_mnet_pool))
#define MAG_TABLES (DOMAIN_TABLES | ROWS_TREE(pmip_mag) | ROWS_BIT(interface))
#define LMA_TABLES (DOMAIN_TABLES | POOL_TABLES | ROWS_TREE(pmip_lma))

/* MAG mr (configured): started when new, else brought up to date. */
static void
load_mag(struct mob *m, const struct pmip_mag_row *mr)
{
	struct mag *g = find_mag(m, mr->name);
	bool isnew = g == NULL;

	if (isnew) {
		g = calloc(1, sizeof(*g));
		if (g == NULL)
			abort();
		copy(g->name, sizeof(g->name), mr->name);
		m->mags = realloc(m->mags, (size_t)(m->nmags + 1) * sizeof(*m->mags));
		if (m->mags == NULL)
			abort();
		m->mags[m->nmags++] = g;
	}
	g->seen = true;
	g->id = mr->id;
	copy(g->domain, sizeof(g->domain), mr->domain);
	g->multipath = mr->has_multipath;
	g->hb_on = mr->has_hb;
	g->hb_interval = mr->has_hb_interval ? (int)mr->hb_interval : 60;
	g->hb_retries = mr->has_hb_retries ? (int)mr->hb_retries : 3;
	g->bce_max = mr->has_bce_max ? (long)mr->bce_max : 128000;
	mag_lma_config(m->r, g, mr->id);
	mag_load_mns(m, g, mr->id);
	mag_load_paths(m, g, mr->id);
	if (isnew)
		mag_start(m, g);
	/* logical MNs no longer configured: deregistered by the tick, marked
	 * for it */
	for (int n = 0; n < g->nmn; n++)
		if (!g->mn[n].seen)
			for (int p = 0; p < g->npaths; p++)
				if (g->mn[n].b[p].state == MB_REGISTERED ||
				    g->mn[n].b[p].state == MB_WAIT) {
					g->mn[n].b[p].state = MB_DEREG;
					g->mn[n].b[p].next_ms = 0;
					g->mn[n].b[p].retx = 0;
				}
}

/* Every MAG: the configured ones loaded, the others stopped. */
static void
load_mags(struct mob *m)
{
	struct rows it;
	struct pmip_mag_row mr;

	for (int i = 0; i < m->nmags; i++)
		m->mags[i]->seen = false;
	for (pmip_mag_all(m->r->run, &it); pmip_mag_next(&it, &mr);)
		load_mag(m, &mr);
	for (int i = 0; i < m->nmags; i++) {
		if (m->mags[i]->seen)
			continue;
		mag_stop(m, m->mags[i], true);
		free(m->mags[i]->mn);
		free(m->mags[i]);
		m->mags[i--] = m->mags[--m->nmags];
	}
}

/* Only the MAGs of row ids: what changed was theirs alone (see
 * mags_touched). */
static void
reload_mags(struct mob *m, const int64_t *ids, int n)
{
	struct pmip_mag_row mr;

	for (int i = 0; i < m->nmags; i++)
		for (int k = 0; k < n; k++)
			if (m->mags[i]->id == ids[k] && pmip_mag_find(m->r->run, m->mags[i]->name, &mr))
				load_mag(m, &mr);
}

/* The MAGs (row ids) that the rows of c belong to; false when c may
 * concern any MAG: a row removed (its MAG is gone with it), a MAG added,
 * the domains, interfaces, more rows than c holds. */
static bool
mags_touched(struct mob *m, const struct store_changes *c)
{
	struct store *st = m->r->run;

	if (c->all || c->rows_lost || (c->tables & (DOMAIN_TABLES | ROWS_BIT(interface))))
		return false;
	for (int i = 0; i < c->nrows; i++) {
		const struct store_row_change *rc = &c->rows[i];
		int64_t mag = 0;

		if (!(ROWS_TREE(pmip_mag) & 1ull << rc->table))
			continue;
		if (rc->op != STORE_UPDATE && rc->table == ROWS_T_pmip_mag)
			return false;
		if (rc->op == STORE_DELETE)
			return false;
		switch (rc->table) {
		case ROWS_T_pmip_mag:
			mag = rc->id;
			break;
		case ROWS_T_mag_roaming:
			mag = mag_roaming_parent(st, rc->id);
			break;
		case ROWS_T_mag_lma:
			mag = mag_lma_parent(st, rc->id);
			break;
		case ROWS_T_mag_lmn:
			mag = mag_lmn_parent(st, rc->id);
			break;
		case ROWS_T_lmn_network:
			mag = mag_lmn_parent(st, lmn_network_parent(st, rc->id));
			break;
		case ROWS_T_haccess_profile:
			mag = haccess_profile_parent(st, rc->id);
			break;
		default:
			return false;	/* a table under the MAG this does not know */
		}
		if (mag == 0)		/* gone since */
			return false;
		for (int k = 0; k < m->npend_mags && mag; k++)
			if (m->pend_mags[k] == mag)
				mag = 0;
		if (mag == 0)
			continue;
		if (m->npend_mags == MOB_PEND_MAGS)
			return false;
		m->pend_mags[m->npend_mags++] = mag;
	}
	return true;
}

static bool
domain_replay(struct router *r, const char *domain, int *window)
{
	struct pmip_domain_row d;

	*window = 7;
	if (!pmip_domain_find(r->run, domain, &d))
		return false;
	if (d.has_replay_window)
		*window = (int)d.replay_window;
	return d.has_replay;
}

static void
lma_add_magcfg(struct lma *l, const char *name, const char *ipv4)
{
	struct lmagcfg *g;

	l->magcfg = realloc(l->magcfg, (size_t)(l->nmagcfg + 1) * sizeof(*l->magcfg));
	if (l->magcfg == NULL)
		abort();
	g = &l->magcfg[l->nmagcfg++];
	memset(g, 0, sizeof(*g));
	copy(g->name, sizeof(g->name), name);
	if (ipv4)
		inet_pton(AF_INET, ipv4, &g->addr);
}

static int
prof_cmp(const void *a, const void *b)
{
	return strcmp(((const struct lprof *)a)->nai, ((const struct lprof *)b)->nai);
}

/* What the LMA decides with: its networks and their pools, the nai entries
 * of its domain, the MAGs it accepts. */
static void
lma_load_policy(struct mob *m, struct lma *l, int64_t id)
{
	struct router *r = m->r;
	struct rows it, pools;
	struct lma_network_row nr;
	struct lma_mnet_pool_row pr;
	struct pmip_domain_row d;
	struct domain_nai_row dn;
	struct lma_mag_row lm;
	struct domain_mag_row dm;
	bool domain = pmip_domain_find(r->run, l->domain, &d);
	int64_t domain_id = d.id;

	for (int i = 0; i < l->nprofs; i++)
		free(l->profs[i].nai);
	l->nprofs = l->nnets = l->nmagcfg = 0;

	for (lma_network_of(r->run, id, &it); lma_network_next(&it, &nr);) {
		struct lnet *n;

		l->nets = realloc(l->nets, (size_t)(l->nnets + 1) * sizeof(*l->nets));
		if (l->nets == NULL)
			abort();
		n = &l->nets[l->nnets++];
		memset(n, 0, sizeof(*n));
		copy(n->name, sizeof(n->name), nr.name);
		copy(n->v4name, sizeof(n->v4name), nr.pool_v4);
		copy(n->v6name, sizeof(n->v6name), nr.pool_v6);
		n->v4plen = (uint8_t)nr.pool_v4_pfxlen;
		n->v4pool = n->v4name[0] ? alloc_find(m->alloc, ALLOC_V4, n->v4name) : -1;
		n->v6pool = n->v6name[0] ? alloc_find(m->alloc, ALLOC_V6, n->v6name) : -1;
		n->mnp = -1;
		/* the first mobile-network pool that is configured */
		for (lma_mnet_pool_of(r->run, nr.id, &pools); n->mnp < 0 &&
		    lma_mnet_pool_next(&pools, &pr);) {
			char key[96];

			alloc_mnp_key(pr.addr, (int)pr.pool_prefix, (int)pr.network_prefix, key,
			    sizeof(key));
			n->mnp = alloc_find(m->alloc, ALLOC_MNP, key);
		}
		rows_end(&pools);
	}

	for (domain_nai_of(r->run, domain_id, &it); domain && domain_nai_next(&it, &dn);) {
		struct lprof *p;

		l->profs = realloc(l->profs, (size_t)(l->nprofs + 1) * sizeof(*l->profs));
		if (l->profs == NULL)
			abort();
		p = &l->profs[l->nprofs++];
		p->nai = strdup(dn.nai);
		if (p->nai == NULL)
			abort();
		copy(p->network, sizeof(p->network), dn.network);
		copy(p->lma, sizeof(p->lma), dn.lma);
	}
	rows_end(&it);
	if (l->nprofs > 1)
		qsort(l->profs, (size_t)l->nprofs, sizeof(*l->profs), prof_cmp);

	/* the MAGs it accepts: its own mag entries, then the domain's */
	for (lma_mag_of(r->run, id, &it); lma_mag_next(&it, &lm);)
		lma_add_magcfg(l, lm.name, lm.ipv4);
	for (domain_mag_of(r->run, domain_id, &it); domain && domain_mag_next(&it, &dm);)
		lma_add_magcfg(l, dm.name, dm.ipv4);
	rows_end(&it);
}

/* Every LMA; their policy (networks, pools, the domain's nodes and MAGs:
 * ten thousand rows on a big LMA) too when policy, or when the LMA is new
 * or in another domain; else a change to the LMA's own settings (its
 * bce maximum) does not read the rest again. */
static void
load_lmas(struct mob *m, bool policy)
{
	struct rows it;
	struct pmip_lma_row lr;

	for (int i = 0; i < m->nlmas; i++)
		m->lmas[i]->seen = false;
	for (pmip_lma_all(m->r->run, &it); pmip_lma_next(&it, &lr);) {
		const char *name = lr.name;
		struct lma *l = find_lma(m, name);
		struct in_addr addr = { 0 };
		bool fresh = l == NULL || strcmp(l->domain, lr.domain ? lr.domain : "") != 0;

		if (lr.address_v4)
			inet_pton(AF_INET, lr.address_v4, &addr);
		if (l != NULL && l->addr.s_addr != addr.s_addr) {
			/* another address: another socket */
			lma_stop(m, l);
			l->addr = addr;
			lma_start(m, l);
		}
		if (l == NULL) {
			l = calloc(1, sizeof(*l));
			if (l == NULL)
				abort();
			l->fd = -1;
			copy(l->name, sizeof(l->name), name);
			l->addr = addr;
			m->lmas = realloc(m->lmas, (size_t)(m->nlmas + 1) * sizeof(*m->lmas));
			if (m->lmas == NULL)
				abort();
			m->lmas[m->nlmas++] = l;
			copy(l->domain, sizeof(l->domain), lr.domain);
			lma_start(m, l);
		}
		l->seen = true;
		copy(l->domain, sizeof(l->domain), lr.domain);
		l->multipath = lr.has_multipath;
		l->dynamic_mag = lr.has_dynamic_mag;
		l->hb_on = lr.has_hb;
		l->hb_interval = lr.has_hb_interval ? (int)lr.hb_interval : 60;
		l->hb_retries = lr.has_hb_retries ? (int)lr.hb_retries : 3;
		l->bce_max = lr.has_bce_max ? (long)lr.bce_max : 128000;
		l->replay = domain_replay(m->r, l->domain, &l->replay_window);
		l->udp = domain_udp(m->r, l->domain);
		copy(l->default_profile, sizeof(l->default_profile), lr.default_profile);
		if (policy || fresh)
			lma_load_policy(m, l, lr.id);
	}
	for (int i = 0; i < m->nlmas; i++) {
		if (m->lmas[i]->seen)
			continue;
		lma_stop(m, m->lmas[i]);
		lma_free_all(m, m->lmas[i], true);
		free(m->lmas[i]);
		m->lmas[i--] = m->lmas[--m->nlmas];
	}
}

static void
reconfigure(struct mob *m)
{
	uint64_t t = m->pending;

	m->pending = 0;
	if (t & POOL_TABLES)
		alloc_reconfigure(m->alloc);
	/* a router that must not touch the network (unit tests) keeps pools only */
	if (m->r->check_only)
		return;
	if (t & MAG_TABLES && !m->pend_all_mags)
		rdebug(m->r, DBG_PMIP_EVENTS, "configuration changed: %d MAG%s reread%s",
		    m->npend_mags, m->npend_mags == 1 ? "" : "s", t & LMA_TABLES ? ", LMAs reread" : "");
	else
		rdebug(m->r, DBG_PMIP_EVENTS, "configuration changed: %s",
		    (t & MAG_TABLES) && (t & LMA_TABLES) ? "MAGs and LMAs reread" :
		    t & MAG_TABLES ? "MAGs reread" : "LMAs reread");
	if ((t & MAG_TABLES) && m->pend_all_mags)
		load_mags(m);
	else if (t & MAG_TABLES)
		reload_mags(m, m->pend_mags, m->npend_mags);
	m->pend_all_mags = false;
	m->npend_mags = 0;
	if (t & LMA_TABLES)
		load_lmas(m, (t & (LMA_TABLES & ~ROWS_BIT(pmip_lma))) != 0);
	m->r->bindings = mob_bindings(m);
}

static void
reconf_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	reconfigure(arg);
}

void
mob_config_changed(struct router *r, const struct store_changes *c)
{
	struct mob *m = r->mob;

	if (m == NULL || !store_changes_touch(c, MAG_TABLES | LMA_TABLES))
		return;
	m->pending |= c->all ? ~0ull : c->tables;
	if (store_changes_touch(c, MAG_TABLES) && !m->pend_all_mags && !mags_touched(m, c))
		m->pend_all_mags = true;
	if (m->ev_reconf)
		event_active(m->ev_reconf, EV_TIMEOUT, 0);
}

void
mob_settle(struct router *r)
{
	struct mob *m = r->mob;

	if (m && m->ev_reconf && event_pending(m->ev_reconf, EV_TIMEOUT, NULL)) {
		event_del(m->ev_reconf);
		reconfigure(m);
	}
}

void
mob_link_event(struct router *r, const char *lname, bool up)
{
	struct mob *m = r->mob;

	if (m == NULL)
		return;
	for (int i = 0; i < m->nmags; i++) {
		struct mag *g = m->mags[i];

		for (int p = 0; p < g->npaths; p++) {
			struct in_addr addr;
			bool kup;

			if (strcmp(g->path[p].lname, lname) != 0)
				continue;
			kernel_if(lname, &addr, &kup);
			if (kup != g->path[p].link_up || addr.s_addr != g->path[p].coa.s_addr) {
				g->path[p].link_up = up && kup;
				g->path[p].coa = addr;
				mag_path_changed(m, g, &g->path[p]);
			}
		}
	}
	r->bindings = mob_bindings(m);
}

static const struct router_engine mob_engine = {
	mob_config_changed, mob_settle, mob_link_event,
};

struct mob *
mob_new(struct router *r)
{
	struct mob *m = calloc(1, sizeof(*m));

	if (m == NULL)
		abort();
	m->r = r;
	if (state_open(m) < 0) {
		sqlite3_close(m->state);
		m->state = NULL;
	}
	m->alloc = alloc_new(m);
	m->ev_reconf = event_new(r->base, -1, 0, reconf_cb, m);
	router_add_engine(r, &mob_engine);
	m->pending = ~0ull;
	m->pend_all_mags = true;
	reconfigure(m);
	return m;
}

void
mob_free(struct mob *m)
{
	if (m == NULL)
		return;
	for (int i = 0; i < m->nmags; i++) {
		mag_stop(m, m->mags[i], true);
		free(m->mags[i]->mn);
		free(m->mags[i]);
	}
	for (int i = 0; i < m->nlmas; i++) {
		lma_stop(m, m->lmas[i]);
		lma_free_all(m, m->lmas[i], false);
		free(m->lmas[i]);
	}
	free(m->mags);
	free(m->lmas);
	alloc_free(m->alloc);
	if (m->ev_reconf)
		event_free(m->ev_reconf);
	sqlite3_close(m->state);
	free(m);
}

unsigned long
mob_bindings(const struct mob *m)
{
	unsigned long n = 0;

	if (m == NULL)
		return 0;
	for (int i = 0; i < m->nmags; i++)
		for (int k = 0; k < m->mags[i]->nmn; k++)
			for (int p = 0; p < m->mags[i]->npaths; p++)
				n += m->mags[i]->mn[k].b[p].state == MB_REGISTERED;
	for (int i = 0; i < m->nlmas; i++)
		n += m->lmas[i]->nbce;
	return n;
}

int
mob_clear_bindings(struct mob *m, bool lma, const char *nai, struct strbuf *out)
{
	int n = 0;

	if (m == NULL)
		return 0;
	if (lma) {
		for (int i = 0; i < m->nlmas; i++)
			n += lma_clear(m, m->lmas[i], nai);
	} else {
		for (int i = 0; i < m->nmags; i++) {
			struct mag *g = m->mags[i];

			for (int k = 0; k < g->nmn; k++) {
				if (nai && strcmp(g->mn[k].nai, nai) != 0)
					continue;
				for (int p = 0; p < g->npaths; p++) {
					struct mbind *b = &g->mn[k].b[p];

					if (b->state == MB_REGISTERED || b->state == MB_WAIT) {
						/* deregister now; the tick registers again */
						b->state = MB_DEREG;
						b->next_ms = 0;
						b->retx = 0;
						n++;
					} else if (b->state == MB_FAILED) {
						/* refused earlier: try again at once */
						b->state = MB_IDLE;
						n++;
					}
				}
			}
			mag_tick(m, g);
		}
	}
	if (nai && n == 0)
		sb_printf(out, "%% No binding for %s\n", nai);
	m->r->bindings = mob_bindings(m);
	return n;
}

void
mob_clear_stats(struct mob *m, bool lma)
{
	if (m == NULL)
		return;
	if (lma)
		for (int i = 0; i < m->nlmas; i++)
			memset(&m->lmas[i]->st, 0, sizeof(m->lmas[i]->st));
	else
		for (int i = 0; i < m->nmags; i++)
			memset(&m->mags[i]->st, 0, sizeof(m->mags[i]->st));
}
