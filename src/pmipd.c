/*
 * pmipd.c — the router daemon: state directory, configuration store,
 * the shell socket, and the event loop everything else runs in.
 *
 *   pmipd -d DIR [-f] [-s SOCKET] [-C CONFIG] [-v]
 *   pmipd --check FILE
 *
 * At start the running configuration is loaded from the startup-config, a
 * text file as on IOS: DIR/startup-config, or the file that -C names (a
 * container's bind-mounted /config/startup-config).  write memory writes
 * the running configuration back to that same file.  In the foreground
 * diagnostics and router events go to stderr, from a daemon to syslog.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <event2/event.h>

#include "archive.h"
#include "cfgload.h"
#include "dataplane/dp.h"
#include "iface.h"
#include "log.h"
#include "mobility/mob.h"
#include "router.h"
#include "session.h"
#include "sla/responder.h"
#include "startup.h"
#include "store.h"
#include "strbuf.h"

static struct router router;
static struct event *ev_listen, *ev_sigterm, *ev_sigint, *ev_sighup;

static void
usage(void)
{
	fprintf(stderr, "usage: pmipd -d DIR [-f] [-s SOCKET] [-C CONFIG] [-v]\n"
	    "       pmipd --check FILE\n");
	exit(2);
}

static char *
join(const char *dir, const char *file)
{
	char *p;

	if (asprintf(&p, "%s/%s", dir, file) < 0)
		fatal("asprintf");
	return p;
}

static int
mkdirs(const char *path)
{
	char *p = strdup(path);

	if (p == NULL)
		return -1;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) < 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	free(p);
	return mkdir(path, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

static int
check_file(const char *path)
{
	struct router r;
	struct strbuf errs = STRBUF_INIT;
	char *err = NULL;
	int n;

	memset(&r, 0, sizeof(r));
	TAILQ_INIT(&r.sessions);
	r.check_only = true;
	r.run = store_open(":memory:", &err);
	if (r.run == NULL)
		fatalx("%s", err);
	snprintf(r.hostname, sizeof(r.hostname), "Router");
	n = config_load_file(&r, path, &errs);
	fputs(errs.s ? errs.s : "", stdout);
	sb_free(&errs);
	store_close(r.run);
	return n == 0 ? 0 : 1;
}

static int
listen_socket(const char *path)
{
	struct sockaddr_un sun;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path))
		fatalx("%s: socket path too long", path);
	strcpy(sun.sun_path, path);
	/* a socket left behind by a dead pmipd is removed; a live one is not */
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		fatal("socket");
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == 0)
		fatalx("%s: another pmipd is running", path);
	close(fd);
	unlink(path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		fatal("socket");
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) < 0)
		fatal("bind %s", path);
	chmod(path, 0600);
	if (listen(fd, 64) < 0)
		fatal("listen");
	return fd;
}

static void
accept_cb(evutil_socket_t fd, short what, void *arg)
{
	struct router *r = arg;
	int c;

	(void)what;
	c = accept4(fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (c < 0) {
		if (errno != EAGAIN && errno != EINTR)
			log_warn("accept");
		return;
	}
	session_new(r, c);
}

static void
signal_cb(evutil_socket_t sig, short what, void *arg)
{
	struct router *r = arg;

	(void)what;
	log_info("signal %d, exiting", (int)sig);
	event_base_loopexit(r->base, NULL);
}

/* reload waits until the sessions have been told */
static void
reload_poll(evutil_socket_t fd, short what, void *arg)
{
	struct router *r = arg;

	(void)fd;
	(void)what;
	if (r->reloading && TAILQ_EMPTY(&r->sessions))
		event_base_loopexit(r->base, NULL);
}

/* SIGHUP: pmipd goes on; its log is opened again */
static void
sighup_cb(evutil_socket_t sig, short what, void *arg)
{
	(void)sig;
	(void)what;
	(void)arg;
	log_reopen();
	log_info("SIGHUP: log reopened");
}

static char *
absolute(const char *path)
{
	char cwd[4096];

	if (path[0] == '/')
		return strdup(path);
	if (getcwd(cwd, sizeof(cwd)) == NULL)
		fatal("getcwd");
	return join(cwd, path);
}

/* The startup-config, loaded line by line: a bad line is logged with its
 * number and the rest loads. */
static void
boot_config(struct router *r)
{
	struct strbuf text = STRBUF_INIT, errs = STRBUF_INIT, err = STRBUF_INIT;
	int rc = startup_read(r->startup_path, &text, &err);

	if (rc < 0)
		log_warnx("%s", err.s);
	else if (rc > 0) {
		struct timespec t0, t1;
		int failed;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		failed = config_load_text(r, r->startup_path, text.s, text.len, &errs);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		log_debug("%s: loaded in %ld ms, %d line%s refused", r->startup_path,
		    (long)((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000),
		    failed, failed == 1 ? "" : "s");
		for (const char *p = errs.s; p && *p;) {
			size_t l = strcspn(p, "\n");

			log_warnx("%.*s", (int)l, p);
			p += l + (p[l] ? 1 : 0);
		}
		r->booted_from_startup = true;
	} else {
		char *old = join(r->dir, "startup-config.db");

		if (access(old, F_OK) == 0)
			log_warnx("%s: a startup-config of an older pmipd, no longer read; "
			    "the startup-config is text now (%s)", old, r->startup_path);
		free(old);
	}
	sb_free(&text);
	sb_free(&errs);
	sb_free(&err);
	r->modified = false;
	router_load_hostname(r);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "check", required_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = NULL, *sock = NULL, *text_config = NULL;
	bool foreground = false;
	int verbose = 0, ch;
	char *err = NULL;
	struct router *r = &router;
	struct event *ev_reload;
	struct timeval tick = { 0, 100000 };

	log_init("pmipd", 0);
	while ((ch = getopt_long(argc, argv, "d:fs:C:v", longopts, NULL)) != -1) {
		switch (ch) {
		case 'd': dir = optarg; break;
		case 'f': foreground = true; break;
		case 's': sock = optarg; break;
		case 'C': text_config = optarg; break;
		case 'v': verbose++; break;
		case 'K': return check_file(optarg);
		default: usage();
		}
	}
	if (dir == NULL || optind != argc)
		usage();
	log_init("pmipd", verbose);
	signal(SIGPIPE, SIG_IGN);

	memset(r, 0, sizeof(*r));
	TAILQ_INIT(&r->sessions);
	session_hooks(r);
	r->argv = argv;
	if (mkdirs(dir) < 0)
		fatal("%s", dir);
	r->dir = strdup(dir);
	r->sock_path = sock ? strdup(sock) : join(dir, "pmipd.sock");
	r->startup_path = text_config ? absolute(text_config) : join(dir, "startup-config");
	r->boot = clock_now();
	{
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		r->boot_mono = (uint64_t)ts.tv_sec;
	}

	r->listen_fd = listen_socket(r->sock_path);
	/* the running configuration starts afresh at every boot, in memory
	 * (see store_open); an older pmipd kept it in DIR: its files go */
	{
		static const char *const old[] = { "running-config.db", "running-config.db-wal",
			"running-config.db-shm" };

		for (size_t i = 0; i < sizeof(old) / sizeof(old[0]); i++) {
			char *p = join(dir, old[i]);

			unlink(p);
			free(p);
		}
	}
	r->run = store_open(":memory:", &err);
	if (r->run == NULL)
		fatalx("%s", err);

	if (!foreground) {
		if (daemon(1, 0) < 0)
			fatal("daemon");
		log_to_syslog(true);
	}
	r->base = event_base_new();
	if (r->base == NULL)
		fatalx("event_base_new");
	r->ifm = iface_mgr_new(r);
	boot_config(r);
	rlog_configure(r);
	iface_sync_all(r);
	r->mob = mob_new(r);
	r->dp = dp_new(r);
	r->sla = slaresp_new(r);
	/* the engines started from the whole configuration: what changes
	 * from now on is news to them */
	store_watch_changes(r->run);
	{
		char *ap = join(dir, "archive.db");

		archive_open(r, ap);
		archive_add(r, "boot", r->booted_from_startup ? "startup-config" :
		    "empty configuration", 0);
		free(ap);
	}

	ev_listen = event_new(r->base, r->listen_fd, EV_READ | EV_PERSIST, accept_cb, r);
	event_add(ev_listen, NULL);
	ev_sigterm = evsignal_new(r->base, SIGTERM, signal_cb, r);
	ev_sigint = evsignal_new(r->base, SIGINT, signal_cb, r);
	ev_sighup = evsignal_new(r->base, SIGHUP, sighup_cb, r);
	event_add(ev_sigterm, NULL);
	event_add(ev_sigint, NULL);
	event_add(ev_sighup, NULL);
	ev_reload = event_new(r->base, -1, EV_PERSIST, reload_poll, r);
	event_add(ev_reload, &tick);
	{
		char *pid = join(dir, "pmipd.pid");
		FILE *f = fopen(pid, "w");

		if (f) {
			fprintf(f, "%d\n", (int)getpid());
			fclose(f);
		}
		free(pid);
	}

	event_base_dispatch(r->base);

	store_flush(r->run);
	session_close_all(r, NULL);
	/* deregisters what it can: a reload or a stop says goodbye */
	dp_free(r->dp);
	r->dp = NULL;
	mob_free(r->mob);
	r->mob = NULL;
	slaresp_free(r->sla);
	r->sla = NULL;
	event_free(ev_listen);
	event_free(ev_sigterm);
	event_free(ev_sigint);
	event_free(ev_sighup);
	event_free(ev_reload);
	close(r->listen_fd);
	iface_mgr_free(r->ifm);
	archive_close(r);
	rlog_free(r);
	store_close(r->run);
	if (r->reloading) {
		/* the same process starts over from the startup configuration */
		event_base_free(r->base);
		unlink(r->sock_path);
		execv("/proc/self/exe", r->argv);
		fatal("reload: execv");
	}
	{
		struct session *s;

		while ((s = TAILQ_FIRST(&r->sessions)) != NULL) {
			TAILQ_REMOVE(&r->sessions, s, entry);
		}
	}
	event_base_free(r->base);
	unlink(r->sock_path);
	free(r->dir);
	free(r->sock_path);
	free(r->startup_path);
	return 0;
}
