/*
 * udp_blast.c — UDP traffic for the data-plane benchmark.
 *
 *   udp_blast send DST PORT SIZE SECONDS [PPS]   sends SIZE-byte payloads,
 *       64 per sendmmsg, for SECONDS, as fast as it can or paced at PPS;
 *       prints the packets sent
 *   udp_blast sink PORT SECONDS                  counts what arrives for
 *       SECONDS after the first packet (or SECONDS + 5 of waiting);
 *       prints "PACKETS SECONDS"
 *
 * Every loop is bounded in time.
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

#define BATCH 64

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
blast(const char *dst, int port, size_t size, double secs, double pps)
{
	static char buf[9000];
	struct mmsghdr m[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_in sin;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);
	unsigned long long sent = 0;
	double t0, end, next;

	if (fd < 0 || size > sizeof(buf))
		return 1;
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, dst, &sin.sin_addr) != 1 ||
	    connect(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		return 1;
	memset(buf, 0x5a, size);
	for (int i = 0; i < BATCH; i++) {
		iov[i].iov_base = buf;
		iov[i].iov_len = size;
		memset(&m[i], 0, sizeof(m[i]));
		m[i].msg_hdr.msg_iov = &iov[i];
		m[i].msg_hdr.msg_iovlen = 1;
	}
	t0 = now();
	end = t0 + secs;
	next = t0;
	while (now() < end) {
		int n = sendmmsg(fd, m, BATCH, 0);

		if (n > 0)
			sent += (unsigned long long)n;
		else if (n < 0 && errno != ENOBUFS && errno != EAGAIN && errno != ECONNREFUSED)
			break;
		if (pps > 0) {
			struct timespec ts;

			next += BATCH / pps;
			ts.tv_sec = (time_t)next;
			ts.tv_nsec = (long)((next - (double)ts.tv_sec) * 1e9);
			clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
		}
	}
	printf("%llu\n", sent);
	return 0;
}

static int
sink(int port, double secs)
{
	static char buf[BATCH][2048];
	struct mmsghdr m[BATCH];
	struct iovec iov[BATCH];
	struct sockaddr_in sin;
	struct timeval tv = { 0, 200000 };
	int fd = socket(AF_INET, SOCK_DGRAM, 0), big = 8 << 20;
	unsigned long long got = 0;
	double first = 0, last = 0, give_up = now() + secs + 5;

	if (fd < 0)
		return 1;
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, sizeof(big));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((uint16_t)port);
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		return 1;
	for (int i = 0; i < BATCH; i++) {
		iov[i].iov_base = buf[i];
		iov[i].iov_len = sizeof(buf[i]);
		memset(&m[i], 0, sizeof(m[i]));
		m[i].msg_hdr.msg_iov = &iov[i];
		m[i].msg_hdr.msg_iovlen = 1;
	}
	for (;;) {
		double t = now();
		int n;

		if ((first > 0 && t > first + secs) || t > give_up)
			break;
		n = recvmmsg(fd, m, BATCH, MSG_WAITFORONE, NULL);
		if (n <= 0)
			continue;
		if (first == 0)
			first = now();
		last = now();
		got += (unsigned long long)n;
	}
	printf("%llu %.3f\n", got, first > 0 ? last - first : 0.0);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 6 && strcmp(argv[1], "send") == 0)
		return blast(argv[2], atoi(argv[3]), (size_t)atoi(argv[4]), atof(argv[5]),
		    argc > 6 ? atof(argv[6]) : 0);
	if (argc == 4 && strcmp(argv[1], "sink") == 0)
		return sink(atoi(argv[2]), atof(argv[3]));
	fprintf(stderr, "usage: udp_blast send DST PORT SIZE SECONDS [PPS] | sink PORT SECONDS\n");
	return 2;
}
