/*
 * types.c — the value types of the command language: numbers, IPv4 and IPv6
 * addresses and prefixes, MAC addresses, NAIs, and IOS interface names.
 *
 * Each checker takes a token as typed (not NUL terminated), says whether it
 * is a valid value of the type, and writes its canonical text: the form
 * stored in the config and printed back by `show running-config`.
 * Called by the matcher (cli/match.c) and by command handlers.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cl.h"

/* isdigit() without the locale table lookup: every number and address
 * typed goes through here. */
static inline bool
digit(char c)
{
	return (unsigned)(c - '0') <= 9;
}

bool
cl_parse_u64(const char *s, size_t len, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (len == 0 || len > 20)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned d;

		if (!digit(s[i]))
			return false;
		d = (unsigned)(s[i] - '0');
		if (v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	if (v > max)
		return false;
	*out = v;
	return true;
}

/* A dotted quad; *canon tells whether it is written as cl_format_ipv4
 * writes it (no octet with a leading zero). */
static bool
parse_ipv4(const char *s, size_t len, uint32_t *addr, bool *canon)
{
	uint32_t a = 0;
	size_t i = 0;

	*canon = true;
	for (int part = 0; part < 4; part++) {
		size_t b = i;
		unsigned v = 0;

		/* one to three digits, at most 255 */
		while (i < len && digit(s[i])) {
			if (i - b == 3)
				return false;
			v = v * 10 + (unsigned)(s[i] - '0');
			i++;
		}
		if (i == b || v > 255)
			return false;
		if (i - b > 1 && s[b] == '0')
			*canon = false;
		a = a << 8 | v;
		if (part < 3) {
			if (i >= len || s[i] != '.')
				return false;
			i++;
		}
	}
	if (i != len)
		return false;
	*addr = a;
	return true;
}

bool
cl_parse_ipv4(const char *s, size_t len, uint32_t *addr)
{
	bool canon;

	return parse_ipv4(s, len, addr, &canon);
}

bool
cl_parse_ipv6(const char *s, size_t len, uint8_t addr[16])
{
	char tmp[INET6_ADDRSTRLEN + 1];

	if (len == 0 || len >= sizeof(tmp) || memchr(s, ':', len) == NULL)
		return false;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	return inet_pton(AF_INET6, tmp, addr) == 1;
}

/* IOS prints IPv6 addresses in upper case. */
void
cl_format_ipv6(const uint8_t addr[16], char *out, size_t outsz)
{
	char tmp[INET6_ADDRSTRLEN];

	if (inet_ntop(AF_INET6, addr, tmp, sizeof(tmp)) == NULL)
		tmp[0] = '\0';
	for (char *p = tmp; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	snprintf(out, outsz, "%s", tmp);
}

/* Dotted quad without printf: the hot path of loading big configurations.
 * Cut to outsz - 1 characters, as snprintf would. */
void
cl_format_ipv4(uint32_t a, char *out, size_t outsz)
{
	char buf[16], *p = outsz >= sizeof(buf) ? out : buf;
	char *q = p;
	size_t n;

	for (int shift = 24; shift >= 0; shift -= 8) {
		unsigned o = (a >> shift) & 255;

		if (o >= 100)
			*q++ = (char)('0' + o / 100);
		if (o >= 10)
			*q++ = (char)('0' + o / 10 % 10);
		*q++ = (char)('0' + o % 10);
		if (shift)
			*q++ = '.';
	}
	*q = '\0';
	if (p == out || outsz == 0)
		return;
	n = (size_t)(q - p) < outsz - 1 ? (size_t)(q - p) : outsz - 1;
	memcpy(out, buf, n);
	out[n] = '\0';
}

/* ---- interface names ---------------------------------------------------- */

const struct cl_iftype cl_iftypes[] = {
	{ "Cellular", "Cellular interface", "<0-15>", 3, 2, { 15, 15, 15 } },
	{ "Dialer", "Dialer interface", "<0-255>", 1, 1, { 255 } },
	{ "Ethernet", "IEEE 802.3", "<0-15>", 2, 2, { 15, 3 } },
	{ "FastEthernet", "FastEthernet IEEE 802.3", "<0-15>", 3, 2, { 15, 48, 48 } },
	{ "GigabitEthernet", "GigabitEthernet IEEE 802.3z", "<0-255>", 3, 1, { 255, 255, 255 } },
	{ "Loopback", "Loopback interface", "<0-2147483647>", 1, 1, { 2147483647 } },
	{ "Serial", "Serial", "<0-15>", 3, 2, { 15, 15, 15 } },
	{ "TenGigabitEthernet", "Ten Gigabit Ethernet", "<0-15>", 3, 2, { 15, 255, 255 } },
	{ "Tunnel", "Tunnel interface", "<0-2147483647>", 1, 1, { 2147483647 } },
	{ "Vlan", "Catalyst Vlans", "<1-4094>", 1, 1, { 4094 } },
};
const unsigned cl_niftypes = sizeof(cl_iftypes) / sizeof(cl_iftypes[0]);

int
cl_iftype_lookup(const char *s, size_t len, int *idx)
{
	int n = 0;

	if (len == 0)
		return 0;
	for (unsigned i = 0; i < cl_niftypes; i++) {
		size_t tl = strlen(cl_iftypes[i].name);

		if (len > tl || strncasecmp(s, cl_iftypes[i].name, len) != 0)
			continue;
		if (len == tl) {
			*idx = (int)i;
			return 1;
		}
		if (n++ == 0)
			*idx = (int)i;
	}
	return n;
}

/* Parses the number part ("1/0") of an interface of type t.  Writes the
 * canonical number ("1/0") into out. */
static bool
ifnum_parse(const struct cl_iftype *t, const char *s, size_t len, char *out, size_t outsz)
{
	size_t i = 0, o = 0;
	int parts = 0;

	if (len == 0)
		return false;
	while (i < len) {
		size_t b = i;
		uint64_t v;
		int w;

		while (i < len && isdigit((unsigned char)s[i]))
			i++;
		if (parts >= t->parts || !cl_parse_u64(s + b, i - b, t->max[parts], &v))
			return false;
		w = snprintf(out + o, outsz - o, "%s%llu", parts ? "/" : "", (unsigned long long)v);
		if (w < 0 || (size_t)w >= outsz - o)
			return false;
		o += (size_t)w;
		parts++;
		if (i < len) {
			if (s[i] != '/' || i + 1 == len)
				return false;
			i++;
		}
	}
	return parts >= t->minparts;
}

bool
cl_ifname_canon(const char *s, size_t len, char *out, size_t outsz)
{
	size_t a = 0;
	int idx;
	char num[64];

	while (a < len && (isalpha((unsigned char)s[a]) || s[a] == '-'))
		a++;
	if (a == 0 || a == len || cl_iftype_lookup(s, a, &idx) != 1)
		return false;
	if (!ifnum_parse(&cl_iftypes[idx], s + a, len - a, num, sizeof(num)))
		return false;
	return snprintf(out, outsz, "%s%s", cl_iftypes[idx].name, num) < (int)outsz;
}

/* Used by the matcher for the "Ethernet 0/1" spelling (two tokens). */
bool cl_ifname_canon2(int type, const char *num, size_t len, char *out, size_t outsz);

bool
cl_ifname_canon2(int type, const char *num, size_t len, char *out, size_t outsz)
{
	char n[64];

	if (type < 0 || (unsigned)type >= cl_niftypes)
		return false;
	if (!ifnum_parse(&cl_iftypes[type], num, len, n, sizeof(n)))
		return false;
	return snprintf(out, outsz, "%s%s", cl_iftypes[type].name, n) < (int)outsz;
}

bool
cl_ifname_to_linux(const char *canon, char *out, size_t outsz)
{
	unsigned s, p;
	char tail;

	/* Cisco IOL in containerlab: EthernetS/P is eth(4*S+P) */
	if (sscanf(canon, "Ethernet%u/%u%c", &s, &p, &tail) == 2 && s <= 15 && p <= 3)
		return snprintf(out, outsz, "eth%u", 4 * s + p) < (int)outsz;
	return false;
}

bool
cl_ifname_from_linux(const char *lname, char *out, size_t outsz)
{
	unsigned n;
	char tail;

	if (sscanf(lname, "eth%u%c", &n, &tail) == 1 && n < 64 && strncmp(lname, "eth", 3) == 0 &&
	    isdigit((unsigned char)lname[3]) && (lname[3] != '0' || lname[4] == '\0'))
		return snprintf(out, outsz, "Ethernet%u/%u", n / 4, n % 4) < (int)outsz;
	return false;
}

/* snprintf(out + o, outsz - o, "%.*s", n, s) without printf: the length
 * it would have written. */
static size_t
put_text(char *out, size_t outsz, size_t o, const char *s, size_t n)
{
	if (o < outsz) {
		size_t k = n < outsz - o - 1 ? n : outsz - o - 1;

		memcpy(out + o, s, k);
		out[o + k] = '\0';
	}
	return n;
}

void
cl_ifname_sortkey(const char *canon, char *out, size_t outsz)
{
	size_t a = 0, o;
	int idx = 99;
	char num[2] = { 0, 0 };

	while (canon[a] && isalpha((unsigned char)canon[a]))
		a++;
	for (unsigned i = 0; i < cl_niftypes; i++)
		if (strlen(cl_iftypes[i].name) == a && strncmp(canon, cl_iftypes[i].name, a) == 0)
			idx = (int)i;
	/* "%02d" and ".%010lu" by hand: an interface line of a big
	 * configuration makes one */
	num[0] = (char)('0' + idx / 10);
	num[1] = (char)('0' + idx % 10);
	o = put_text(out, outsz, 0, num, 2);
	for (const char *p = canon + a; *p && o < outsz;) {
		unsigned long v = strtoul(p, (char **)&p, 10);
		char buf[32], *q = buf + sizeof(buf);
		int digits = 0;

		do {
			*--q = (char)('0' + v % 10);
			v /= 10;
			digits++;
		} while (v);
		while (digits++ < 10)
			*--q = '0';
		*--q = '.';
		o += put_text(out, outsz, o, q, (size_t)(buf + sizeof(buf) - q));
		if (*p == '/')
			p++;
		else if (*p)
			break;
	}
}

/* ---- the dispatcher used by the matcher --------------------------------- */

bool
cl_type_match(const struct cl_node *n, const char *tok, size_t len, char *out, size_t outsz)
{
	uint32_t a;
	uint64_t v;
	uint8_t a6[16];

	if (len == 0 || outsz < 2)
		return false;
	switch (n->type) {
	case CL_T_WORD:
	case CL_T_LINE:
		if (len >= outsz)
			return false;
		memcpy(out, tok, len);
		out[len] = '\0';
		return true;
	case CL_T_RANGE:
		if (!cl_parse_u64(tok, len, (uint64_t)n->max, &v) || (int64_t)v < n->min)
			return false;
		{
			/* the number without its leading zeros */
			char buf[24], *p = buf + sizeof(buf);

			*--p = '\0';
			do {
				*--p = (char)('0' + v % 10);
				v /= 10;
			} while (v);
			if ((size_t)(buf + sizeof(buf) - p) > outsz)
				return false;
			memcpy(out, p, (size_t)(buf + sizeof(buf) - p));
		}
		return true;
	case CL_T_IPV4: {
		bool canon;

		if (!parse_ipv4(tok, len, &a, &canon))
			return false;
		if (canon && len < outsz) {
			/* already as it is printed */
			memcpy(out, tok, len);
			out[len] = '\0';
		} else
			cl_format_ipv4(a, out, outsz);
		return true;
	}
	case CL_T_IPV4PFX: {
		const char *sl = memchr(tok, '/', len);

		if (sl == NULL || !cl_parse_ipv4(tok, (size_t)(sl - tok), &a) ||
		    !cl_parse_u64(sl + 1, len - (size_t)(sl - tok) - 1, 32, &v))
			return false;
		cl_format_ipv4(a, out, outsz);
		snprintf(out + strlen(out), outsz - strlen(out), "/%llu", (unsigned long long)v);
		return true;
	}
	case CL_T_IPV6:
		if (!cl_parse_ipv6(tok, len, a6))
			return false;
		cl_format_ipv6(a6, out, outsz);
		return true;
	case CL_T_IPV6PFX: {
		const char *sl = memchr(tok, '/', len);

		if (sl == NULL || !cl_parse_ipv6(tok, (size_t)(sl - tok), a6) ||
		    !cl_parse_u64(sl + 1, len - (size_t)(sl - tok) - 1, 128, &v))
			return false;
		cl_format_ipv6(a6, out, outsz);
		snprintf(out + strlen(out), outsz - strlen(out), "/%llu", (unsigned long long)v);
		return true;
	}
	case CL_T_MAC: {
		unsigned h[3];
		size_t i = 0;

		for (int part = 0; part < 3; part++) {
			size_t b = i;

			h[part] = 0;
			while (i < len && isxdigit((unsigned char)tok[i])) {
				h[part] = h[part] * 16 + (unsigned)(isdigit((unsigned char)tok[i]) ?
				    tok[i] - '0' : (tolower((unsigned char)tok[i]) - 'a' + 10));
				i++;
			}
			if (i - b == 0 || i - b > 4)
				return false;
			if (part < 2) {
				if (i >= len || tok[i] != '.')
					return false;
				i++;
			}
		}
		if (i != len)
			return false;
		snprintf(out, outsz, "%04x.%04x.%04x", h[0], h[1], h[2]);
		return true;
	}
	case CL_T_IFNAME:
		return cl_ifname_canon(tok, len, out, outsz);
	case CL_T_NAI: {
		const char *at = memchr(tok, '@', len);

		if (at == NULL || at == tok + len - 1 || memchr(at + 1, '@', len - (size_t)(at - tok) - 1))
			return false;
		if (len >= outsz)
			return false;
		memcpy(out, tok, len);
		out[len] = '\0';
		return true;
	}
	case CL_T_HEX:
		if (len >= outsz || len > 128)
			return false;
		for (size_t i = 0; i < len; i++)
			if (!isxdigit((unsigned char)tok[i]))
				return false;
		memcpy(out, tok, len);
		out[len] = '\0';
		return true;
	default:
		return false;
	}
}

/* ---- value tables ------------------------------------------------------- */

long long
cl_value_num(const struct cl_values *t, const char *word)
{
	for (unsigned i = 0; word && i < t->n; i++)
		if (strcmp(t->v[i].word, word) == 0)
			return t->v[i].num;
	return -1;
}

const char *
cl_value_word(const struct cl_values *t, long long num)
{
	for (unsigned i = 0; i < t->n; i++)
		if (t->v[i].num == num)
			return t->v[i].word;
	return NULL;
}
