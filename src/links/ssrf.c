/* links/ssrf.c - address classes for the link checker's SSRF guard. */
#include "links/ssrf.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

typedef struct {
	uint32_t net;
	int bits;
	ml_addr_class cls;
} v4_range;

/* Everything that is not globally routable unicast. */
static const v4_range v4_ranges[] = {
	{ 0x00000000u, 8, ML_ADDR_PRIVATE },  /* "this network", unspecified */
	{ 0x0A000000u, 8, ML_ADDR_PRIVATE },  /* RFC 1918 */
	{ 0x64400000u, 10, ML_ADDR_PRIVATE }, /* CGNAT 100.64/10 */
	{ 0x7F000000u, 8, ML_ADDR_PRIVATE },  /* loopback */
	{ 0xA9FE0000u, 16, ML_ADDR_LINK_LOCAL }, /* 169.254/16, metadata */
	{ 0xAC100000u, 12, ML_ADDR_PRIVATE },	 /* RFC 1918 */
	{ 0xC0000000u, 24, ML_ADDR_PRIVATE },	 /* IETF protocol assignments */
	{ 0xC0A80000u, 16, ML_ADDR_PRIVATE },	 /* RFC 1918 */
	{ 0xC6120000u, 15, ML_ADDR_PRIVATE },	 /* benchmarking 198.18/15 */
	{ 0xE0000000u, 4, ML_ADDR_PRIVATE },	 /* multicast */
	{ 0xF0000000u, 4, ML_ADDR_PRIVATE },	 /* reserved, broadcast */
};

static ml_addr_class classify_v4(uint32_t a)
{
	size_t i;

	for (i = 0; i < sizeof(v4_ranges) / sizeof(v4_ranges[0]); i++) {
		uint32_t mask = 0xFFFFFFFFu << (32 - v4_ranges[i].bits);
		if ((a & mask) == v4_ranges[i].net)
			return v4_ranges[i].cls;
	}
	return ML_ADDR_PUBLIC;
}

static uint32_t v4_at(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static int all_zero(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* IPv6 forms that carry an IPv4 address: judge that address. 1 when *v4
 * was set. */
static int embedded_v4(const unsigned char *a, uint32_t *v4)
{
	static const unsigned char nat64[12] = { 0x00, 0x64, 0xff, 0x9b };

	if (all_zero(a, 10) && a[10] == 0xff && a[11] == 0xff) {
		*v4 = v4_at(a + 12); /* mapped ::ffff:a.b.c.d */
		return 1;
	}
	if (all_zero(a, 12) && !(all_zero(a + 12, 3) && a[15] <= 1)) {
		*v4 = v4_at(a + 12); /* compatible ::a.b.c.d (not :: or ::1) */
		return 1;
	}
	if (memcmp(a, nat64, 12) == 0) {
		*v4 = v4_at(a + 12);
		return 1;
	}
	if (a[0] == 0x20 && a[1] == 0x02) {
		*v4 = v4_at(a + 2); /* 6to4 */
		return 1;
	}
	return 0;
}

/* Translation prefixes that only reach the local network: SIIT's
 * ::ffff:0:0/96 (RFC 6145) and the local-use NAT64 64:ff9b:1::/48
 * (RFC 8215). Whatever IPv4 address they carry, they are not public;
 * link-local stays link-local. */
static int local_translation(const unsigned char *a, uint32_t *v4)
{
	static const unsigned char local64[6] = { 0x00, 0x64, 0xff,
						  0x9b, 0x00, 0x01 };

	if ((all_zero(a, 8) && a[8] == 0xff && a[9] == 0xff && a[10] == 0 &&
	     a[11] == 0) ||
	    memcmp(a, local64, 6) == 0) {
		*v4 = v4_at(a + 12);
		return 1;
	}
	return 0;
}

static ml_addr_class classify_v6(const unsigned char *a)
{
	uint32_t v4;
	ml_addr_class c;

	if (local_translation(a, &v4)) {
		c = classify_v4(v4);
		return c == ML_ADDR_PUBLIC ? ML_ADDR_PRIVATE : c;
	}
	if (embedded_v4(a, &v4))
		return classify_v4(v4);
	if (all_zero(a, 15) && a[15] <= 1)
		return ML_ADDR_PRIVATE; /* :: and ::1 */
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return ML_ADDR_LINK_LOCAL; /* fe80::/10 */
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0)
		return ML_ADDR_PRIVATE; /* fec0::/10, deprecated site-local */
	if ((a[0] & 0xfe) == 0xfc)
		return ML_ADDR_PRIVATE; /* fc00::/7 unique local */
	if (a[0] == 0xff)
		return ML_ADDR_PRIVATE; /* multicast */
	return ML_ADDR_PUBLIC;
}

ml_addr_class ml_addr_classify(const struct sockaddr *sa)
{
	if (!sa)
		return ML_ADDR_INVALID;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		return classify_v4(ntohl(in->sin_addr.s_addr));
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 =
			(const struct sockaddr_in6 *)sa;
		return classify_v6(in6->sin6_addr.s6_addr);
	}
	return ML_ADDR_INVALID;
}

ml_addr_class ml_addr_classify_text(const char *ip)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (!ip)
		return ML_ADDR_INVALID;
	if (inet_pton(AF_INET, ip, &a4) == 1)
		return classify_v4(ntohl(a4.s_addr));
	if (inet_pton(AF_INET6, ip, &a6) == 1)
		return classify_v6(a6.s6_addr);
	return ML_ADDR_INVALID;
}

int ml_addr_is_private(const struct sockaddr *sa)
{
	return ml_addr_classify(sa) == ML_ADDR_PRIVATE;
}

int ml_addr_is_link_local(const struct sockaddr *sa)
{
	return ml_addr_classify(sa) == ML_ADDR_LINK_LOCAL;
}

int ml_addr_allowed(ml_addr_class c, int allow_private)
{
	if (c == ML_ADDR_PUBLIC)
		return 1;
	return c == ML_ADDR_PRIVATE && allow_private;
}
