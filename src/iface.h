/*
 * iface.h — the node's Linux interfaces, seen through netlink (libmnl):
 * applying interface configuration (addresses, description, admin state)
 * and reading live state and counters for show commands.
 *
 * Only interfaces named in the configuration are ever changed.  An
 * interface that is configured but does not exist yet is applied when the
 * kernel announces it (containerlab adds links after the node starts).
 */
#ifndef PMIPSIM_IFACE_H
#define PMIPSIM_IFACE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

struct router;
struct iface_mgr;

/* <net/if.h> lacks these; <linux/if.h> cannot be included with it */
#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP 0x10000
#endif

struct kaddr {
	int family;
	uint8_t addr[16];
	int plen;
};

/* One kernel interface as show commands see it. */
struct kif {
	int index;
	char name[32];		/* Linux name */
	char ios[48];		/* IOS name, "" if it has none */
	unsigned flags;		/* IFF_* */
	unsigned mtu;
	uint8_t mac[6];
	char alias[256];
	uint64_t rx_packets, tx_packets, rx_bytes, tx_bytes;
	uint64_t rx_errors, tx_errors, rx_dropped, tx_dropped, multicast, collisions;
	uint64_t rx_crc, rx_frame, rx_fifo, rx_missed, tx_carrier, tx_fifo;
	double in_bps, out_bps, in_pps, out_pps;	/* 5 minute rates */
	time_t last_in, last_out;			/* 0: never */
	struct kaddr addrs[16];
	int naddrs;
};

struct iface_mgr *iface_mgr_new(struct router *r);
void iface_mgr_free(struct iface_mgr *m);

/* Applies the stored configuration of IOS interface name (canonical) to
 * the kernel; with nothing stored, undoes what pmipd had applied. */
void iface_sync(struct router *r, const char *name);
void iface_sync_all(struct router *r);
/* Records how the address of name was configured: typed (manual) or loaded
 * (NVRAM), for show ip interface brief. */
void iface_note_method(struct router *r, const char *name, bool typed);
const char *iface_method(struct router *r, const char *name);

/* Live list of the kernel's interfaces that have IOS names, in IOS order.
 * Returns the count; *out is malloc'ed (caller frees). */
int iface_list(struct router *r, struct kif **out);

/* One kernel route (main and local tables), for show ip route. */
struct kroute {
	int family;
	uint8_t dst[16];
	int plen;
	uint8_t gw[16];
	bool has_gw;
	char ios[48];		/* IOS name of the output interface, "" if none */
	char lname[32];		/* its Linux name */
	bool if_up;		/* that interface is up, with a carrier */
	int oif_mp;		/* the first next hop's interface, when several */
	uint8_t table, protocol, type, scope;
	uint32_t metric;
};

/* Live routes of family (AF_INET, AF_INET6), unicast and local (for IPv6
 * the local routes of the interfaces' addresses, made from the addresses),
 * sorted by destination and prefix length.  Returns the count; *out is malloc'ed
 * (caller frees). */
int iface_routes(struct router *r, int family, struct kroute **out);

/* Makes the kernel's static routes (main table, protocol static) those of
 * the configuration's ip route lines: adds the missing ones it can (a
 * next hop not reachable yet is tried again on link and address changes
 * and every few seconds), removes the others. */
void iface_routes_sync(struct router *r);
/* The configuration changed in a way that may change them: synced from the
 * event loop, once for many lines, or before show ip route reads them. */
void iface_routes_touch(struct router *r);
void iface_routes_flush(struct router *r);

/* One kernel neighbour (ARP) entry, for show ip arp. */
struct kneigh {
	uint8_t addr[4];
	uint8_t mac[6];
	bool has_mac;		/* false: incomplete or failed */
	char ios[48];		/* IOS name of its interface */
	long age_s;		/* since last confirmed; -1 unknown */
};

/* Live IPv4 neighbours on interfaces with IOS names.  Returns the count;
 * *out is malloc'ed (caller frees). */
int iface_neighbors(struct router *r, struct kneigh **out);

#endif
