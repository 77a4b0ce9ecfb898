/*
 * proto.c — framing of the shell/daemon protocol (see proto.h).
 */
#include "proto.h"
#include "strbuf.h"

void
proto_header(unsigned char h[PROTO_HDR], int type, size_t len)
{
	h[0] = (unsigned char)(len >> 24);
	h[1] = (unsigned char)(len >> 16);
	h[2] = (unsigned char)(len >> 8);
	h[3] = (unsigned char)len;
	h[4] = (unsigned char)type;
}

void
proto_put(struct strbuf *b, int type, const void *payload, size_t len)
{
	unsigned char h[PROTO_HDR];

	proto_header(h, type, len);
	sb_add(b, h, sizeof(h));
	if (len)
		sb_add(b, payload, len);
}

ssize_t
proto_get(const char *buf, size_t len, int *type, const char **payload, size_t *plen)
{
	const unsigned char *u = (const unsigned char *)buf;
	size_t n;

	if (len < PROTO_HDR)
		return 0;
	n = (size_t)u[0] << 24 | (size_t)u[1] << 16 | (size_t)u[2] << 8 | u[3];
	if (n > PROTO_MAX)
		return -1;
	if (len < PROTO_HDR + n)
		return 0;
	*type = u[4];
	*payload = buf + PROTO_HDR;
	*plen = n;
	return (ssize_t)(PROTO_HDR + n);
}
