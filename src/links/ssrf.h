/* links/ssrf.h - classification of the address a link check connects to.
 *
 * The link checker refuses, at connect time and on every redirect hop,
 * addresses that are not on the public internet (SPEC "Links", SSRF).
 * Link-local addresses (169.254/16, fe80::/10: cloud metadata services)
 * form their own class because they are refused even with
 * --allow-private. IPv6 forms that embed an IPv4 address (mapped ::ffff:0:0/96,
 * compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the
 * embedded address. */
#ifndef ML_SSRF_H
#define ML_SSRF_H

struct sockaddr;

typedef enum {
	ML_ADDR_PUBLIC = 0,
	ML_ADDR_PRIVATE,    /* loopback, RFC 1918, CGNAT, ULA, multicast, ... */
	ML_ADDR_LINK_LOCAL, /* refused always */
	ML_ADDR_INVALID	    /* not AF_INET/AF_INET6, or unparsable text */
} ml_addr_class;

ml_addr_class ml_addr_classify(const struct sockaddr *sa);
/* The same for a numeric address in text form ("10.0.0.1", "::1"). */
ml_addr_class ml_addr_classify_text(const char *ip);
/* 1 when the address is private (not link-local, not public). */
int ml_addr_is_private(const struct sockaddr *sa);
int ml_addr_is_link_local(const struct sockaddr *sa);
/* 1 when a connection to this class may be made. */
int ml_addr_allowed(ml_addr_class c, int allow_private);

#endif
