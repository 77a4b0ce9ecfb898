/*
 * netns.c — namespaces and veth pairs through ip(8) (see netns.h).  Called
 * by pmiplab's up, down and status.
 *
 * ip(8) rather than hand-built netlink: it is what people debug labs with,
 * so a failing step can be repeated by hand from the message, and its own
 * error text goes to stderr just before ours.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lab/netns.h"
#include "lab/spawn.h"
#include "lab/xalloc.h"

#define NETNS_DIR "/run/netns"
/* one ip(8) call is a netlink round trip; ten seconds means it is stuck */
#define IP_TIMEOUT_MS 10000

static char *ip_path;

int
netns_init(char *why, size_t whylen)
{
	if (ip_path == NULL)
		ip_path = spawn_find("ip", false, "/usr/sbin:/sbin:/usr/bin:/bin");
	if (ip_path == NULL) {
		snprintf(why, whylen, "cannot find ip(8) (Debian package iproute2)");
		return -1;
	}
	return 0;
}

const char *
netns_ip(void)
{
	return ip_path;
}

/* Runs ip with args (NULL-terminated after argv[0]); what names the step
 * for the message. */
static int
ip_run(const char *what, char *why, size_t whylen, const char **args)
{
	const char *argv[32];
	struct spawn_opts o = { .timeout_ms = IP_TIMEOUT_MS };
	char reason[256] = "";
	int n = 0, r;

	argv[n++] = ip_path;
	for (; *args && n < 31; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	r = spawn_run((char *const *)argv, &o, reason, sizeof(reason));
	if (r == 0)
		return 0;
	if (r > 0)
		snprintf(why, whylen, "%s: ip exited with status %d", what, r);
	else
		snprintf(why, whylen, "%s: %s", what, reason);
	return -1;
}

bool
netns_exists(const char *ns)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", NETNS_DIR, ns);
	return lstat(path, &st) == 0;
}

int
netns_add(const char *ns, char *why, size_t whylen)
{
	char what[300];
	const char *add[] = { "netns", "add", ns, NULL };
	const char *lo[] = { "-n", ns, "link", "set", "lo", "up", NULL };

	snprintf(what, sizeof(what), "cannot make network namespace %s", ns);
	if (ip_run(what, why, whylen, add) < 0)
		return -1;
	snprintf(what, sizeof(what), "cannot bring lo up in network namespace %s", ns);
	return ip_run(what, why, whylen, lo);
}

int
netns_del(const char *ns, char *why, size_t whylen)
{
	char what[300];
	const char *del[] = { "netns", "del", ns, NULL };

	snprintf(what, sizeof(what), "cannot remove network namespace %s", ns);
	return ip_run(what, why, whylen, del);
}

int
netns_veth_add(const char *ns_a, const char *if_a, const char *mac_a, const char *ns_b,
    const char *if_b, const char *mac_b, int mtu, char *why, size_t whylen)
{
	const char *argv[32];
	char what[300], mtus[16];
	int n = 0;

	snprintf(what, sizeof(what), "cannot make the veth pair %s:%s -- %s:%s", ns_a, if_a, ns_b, if_b);
	snprintf(mtus, sizeof(mtus), "%d", mtu);
	argv[n++] = "-n";
	argv[n++] = ns_a;
	argv[n++] = "link";
	argv[n++] = "add";
	argv[n++] = "name";
	argv[n++] = if_a;
	if (*mac_a) {
		argv[n++] = "address";
		argv[n++] = mac_a;
	}
	if (mtu > 0) {
		argv[n++] = "mtu";
		argv[n++] = mtus;
	}
	argv[n++] = "type";
	argv[n++] = "veth";
	argv[n++] = "peer";
	argv[n++] = "name";
	argv[n++] = if_b;
	if (*mac_b) {
		argv[n++] = "address";
		argv[n++] = mac_b;
	}
	if (mtu > 0) {
		argv[n++] = "mtu";
		argv[n++] = mtus;
	}
	argv[n++] = "netns";
	argv[n++] = ns_b;
	argv[n] = NULL;
	if (ip_run(what, why, whylen, argv) < 0)
		return -1;
	{
		/* a lab link is a wire: no frame on it is longer than its MTU.
		 * A veth would otherwise pass the sender's TCP segmentation
		 * (TSO) frames of up to 64 KiB whole, which no Ethernet carries
		 * and a router's packet socket cannot forward. */
		const char *up_a[] = { "-n", ns_a, "link", "set", if_a, "up", "gso_max_segs", "1",
			NULL };
		const char *up_b[] = { "-n", ns_b, "link", "set", if_b, "up", "gso_max_segs", "1",
			NULL };

		snprintf(what, sizeof(what), "cannot bring %s up in %s", if_a, ns_a);
		if (ip_run(what, why, whylen, up_a) < 0)
			return -1;
		snprintf(what, sizeof(what), "cannot bring %s up in %s", if_b, ns_b);
		return ip_run(what, why, whylen, up_b);
	}
}

char *
netns_link_state(const char *ns, const char *ifname)
{
	const char *argv[] = { ip_path, "-n", ns, "-o", "link", "show", "dev", ifname, NULL };
	struct strbuf out = STRBUF_INIT;
	struct spawn_opts o = { .timeout_ms = IP_TIMEOUT_MS, .out = &out, .quiet = true };
	char reason[256], *state = NULL, *p;

	if (spawn_run((char *const *)argv, &o, reason, sizeof(reason)) == 0 && out.s &&
	    (p = strstr(out.s, " state ")) != NULL) {
		p += strlen(" state ");
		state = xstrndup(p, strcspn(p, " \n"));
		for (char *c = state; *c; c++)
			*c = (char)tolower((unsigned char)*c);
	}
	sb_free(&out);
	return state;
}

size_t
netns_pids(const char *ns, pid_t **pids)
{
	char path[4096];
	struct stat nsst, st;
	struct dirent *e;
	size_t n = 0;
	DIR *d;

	*pids = NULL;
	snprintf(path, sizeof(path), "%s/%s", NETNS_DIR, ns);
	if (stat(path, &nsst) < 0 || (d = opendir("/proc")) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (!isdigit((unsigned char)e->d_name[0]))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/ns/net", e->d_name);
		if (stat(path, &st) < 0 || st.st_ino != nsst.st_ino || st.st_dev != nsst.st_dev)
			continue;
		*pids = xrealloc(*pids, n + 1, sizeof(**pids));
		(*pids)[n++] = (pid_t)atoi(e->d_name);
	}
	closedir(d);
	return n;
}
