/*
 * probe.c — what ping and traceroute share: the source of their probes (an
 * address or an interface's, as the user gave it), their clock, their
 * clean-up.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "cmd.h"
#include "iface.h"
#include "log.h"
#include "probe.h"
#include "router.h"

bool
probe_bind_source(struct cmd_ctx *x, int fd, int family, const char *srcaddr, const char *srcif,
    char *shown, size_t shownsz)
{
	struct sockaddr_storage ss;
	socklen_t sl;

	memset(&ss, 0, sizeof(ss));
	if (srcif != NULL) {
		struct kif *ifs;
		int n = iface_list(x->r, &ifs);
		const struct kaddr *a = NULL;
		const char *lname = NULL;

		for (int i = 0; i < n && a == NULL; i++) {
			if (strcmp(ifs[i].ios, srcif) != 0)
				continue;
			lname = ifs[i].name;
			for (int k = 0; k < ifs[i].naddrs && a == NULL; k++)
				if (ifs[i].addrs[k].family == family &&
				    (family == AF_INET || ifs[i].addrs[k].addr[0] != 0xfe))
					a = &ifs[i].addrs[k];
		}
		if (a == NULL) {
			sb_adds(x->out, "% Invalid source interface - IP not enabled or interface is down\n");
			free(ifs);
			return false;
		}
		if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, lname, (socklen_t)strlen(lname) + 1) < 0)
			log_debug("ping: SO_BINDTODEVICE %s: %s", lname, strerror(errno));
		ss.ss_family = (sa_family_t)family;
		if (family == AF_INET)
			memcpy(&((struct sockaddr_in *)&ss)->sin_addr, a->addr, 4);
		else
			memcpy(&((struct sockaddr_in6 *)&ss)->sin6_addr, a->addr, 16);
		free(ifs);
	} else if (srcaddr != NULL) {
		ss.ss_family = (sa_family_t)family;
		if (inet_pton(family, srcaddr, family == AF_INET ?
		    (void *)&((struct sockaddr_in *)&ss)->sin_addr :
		    (void *)&((struct sockaddr_in6 *)&ss)->sin6_addr) != 1)
			return false;
	} else
		return true;
	sl = family == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6);
	if (bind(fd, (struct sockaddr *)&ss, sl) < 0) {
		sb_adds(x->out, "% Invalid source address- IP address not on any of our up interfaces\n");
		return false;
	}
	inet_ntop(family, family == AF_INET ? (void *)&((struct sockaddr_in *)&ss)->sin_addr :
	    (void *)&((struct sockaddr_in6 *)&ss)->sin6_addr, shown, (socklen_t)shownsz);
	return true;
}

uint64_t
probe_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

void
probe_close(int fd, struct event *ev_read, struct event *ev_timer)
{
	if (ev_read)
		event_free(ev_read);
	if (ev_timer)
		event_free(ev_timer);
	if (fd >= 0)
		close(fd);
}
