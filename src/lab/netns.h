/*
 * netns.h — network namespaces and veth pairs for pmiplab, made with
 * ip(8) run as an argument vector.  Each call says what failed in why.
 */
#ifndef PMIPLAB_NETNS_H
#define PMIPLAB_NETNS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Finds ip(8); -1 with why when it is not installed. */
int netns_init(char *why, size_t whylen);
/* The path of ip(8) after netns_init. */
const char *netns_ip(void);

bool netns_exists(const char *ns);
/* Makes ns with lo up. */
int netns_add(const char *ns, char *why, size_t whylen);
int netns_del(const char *ns, char *why, size_t whylen);

/*
 * One veth pair: if_a in ns_a and if_b in ns_b, made directly in the
 * namespaces (never a name in the root namespace), with the given MAC
 * addresses ("" for the kernel's) and MTU (0 for the default), both ends up.
 */
int netns_veth_add(const char *ns_a, const char *if_a, const char *mac_a, const char *ns_b,
    const char *if_b, const char *mac_b, int mtu, char *why, size_t whylen);

/* The operational state of ifname in ns in lower case ("up", "down",
 * "lowerlayerdown"...), or NULL when there is no such interface.  Caller
 * frees. */
char *netns_link_state(const char *ns, const char *ifname);

/* The processes in ns; *pids (caller frees) holds the count returned. */
size_t netns_pids(const char *ns, pid_t **pids);

#endif
