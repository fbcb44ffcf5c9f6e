/* Unit tests for the SSRF address classes of the link checker. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "links/ssrf.h"

static ml_addr_class classify(const char *ip)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *in = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

	memset(&ss, 0, sizeof(ss));
	if (inet_pton(AF_INET, ip, &in->sin_addr) == 1) {
		in->sin_family = AF_INET;
	} else {
		assert_int_equal(inet_pton(AF_INET6, ip, &in6->sin6_addr), 1);
		in6->sin6_family = AF_INET6;
	}
	/* The sockaddr and the text form must agree. */
	assert_int_equal(ml_addr_classify((struct sockaddr *)&ss),
			 ml_addr_classify_text(ip));
	return ml_addr_classify((struct sockaddr *)&ss);
}

static void test_ipv4_classes(void **state)
{
	static const char *priv[] = {
		"127.0.0.1",	   "127.255.255.254", "10.0.0.1",
		"10.255.255.255",  "172.16.0.1",      "172.31.255.255",
		"192.168.1.1",	   "100.64.0.1",      "100.127.255.255",
		"0.0.0.0",	   "0.1.2.3",	      "224.0.0.1",
		"239.255.255.250", "255.255.255.255", "240.0.0.1",
		"198.18.0.1",	   "192.0.0.8"
	};
	static const char *pub[] = { "8.8.8.8",		"1.1.1.1",
				     "172.15.255.255",	"172.32.0.0",
				     "100.63.255.255",	"100.128.0.0",
				     "11.0.0.0",	"193.0.0.1",
				     "169.253.255.255", "169.255.0.0" };
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(priv) / sizeof(priv[0]); i++) {
		assert_int_equal(classify(priv[i]), ML_ADDR_PRIVATE);
	}
	for (i = 0; i < sizeof(pub) / sizeof(pub[0]); i++) {
		assert_int_equal(classify(pub[i]), ML_ADDR_PUBLIC);
	}
	assert_int_equal(classify("169.254.169.254"), ML_ADDR_LINK_LOCAL);
	assert_int_equal(classify("169.254.0.1"), ML_ADDR_LINK_LOCAL);
}

static void test_ipv6_classes(void **state)
{
	(void)state;
	assert_int_equal(classify("::1"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("::"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("fc00::1"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("fd12:3456:789a::1"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("ff02::1"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("fe80::1"), ML_ADDR_LINK_LOCAL);
	assert_int_equal(classify("febf::1"), ML_ADDR_LINK_LOCAL);
	assert_int_equal(classify("2001:4860:4860::8888"), ML_ADDR_PUBLIC);
	assert_int_equal(classify("2606:4700::1111"), ML_ADDR_PUBLIC);
	assert_int_equal(classify("fbff::1"), ML_ADDR_PUBLIC);
}

static void test_ipv4_in_ipv6(void **state)
{
	(void)state;
	/* mapped */
	assert_int_equal(classify("::ffff:127.0.0.1"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("::ffff:10.1.2.3"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("::ffff:100.64.1.1"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("::ffff:169.254.169.254"),
			 ML_ADDR_LINK_LOCAL);
	assert_int_equal(classify("::ffff:8.8.8.8"), ML_ADDR_PUBLIC);
	/* compatible, NAT64 and 6to4 carry an IPv4 address too */
	assert_int_equal(classify("::127.0.0.1"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("::0.0.0.2"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("64:ff9b::169.254.169.254"),
			 ML_ADDR_LINK_LOCAL);
	assert_int_equal(classify("64:ff9b::192.168.0.1"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("2002:a9fe:a9fe::1"), ML_ADDR_LINK_LOCAL);
	assert_int_equal(classify("2002:0808:0808::1"), ML_ADDR_PUBLIC);
	/* SIIT ::ffff:0:0/96 and local-use NAT64 64:ff9b:1::/48 reach only
	 * the local network: never public, link-local kept */
	assert_int_equal(classify("::ffff:0:8.8.8.8"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("::ffff:0:127.0.0.1"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("::ffff:0:169.254.169.254"),
			 ML_ADDR_LINK_LOCAL);
	assert_int_equal(classify("64:ff9b:1::8.8.8.8"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("64:ff9b:1:ffff::1"), ML_ADDR_PRIVATE);
	assert_int_equal(classify("64:ff9b:1::169.254.169.254"),
			 ML_ADDR_LINK_LOCAL);
	assert_int_equal(classify("64:ff9b::8.8.8.8"), ML_ADDR_PUBLIC);
}

static void test_policy(void **state)
{
	struct sockaddr_in in;

	(void)state;
	assert_true(ml_addr_allowed(ML_ADDR_PUBLIC, 0));
	assert_false(ml_addr_allowed(ML_ADDR_PRIVATE, 0));
	assert_true(ml_addr_allowed(ML_ADDR_PRIVATE, 1));
	/* cloud metadata stays out even with --allow-private */
	assert_false(ml_addr_allowed(ML_ADDR_LINK_LOCAL, 1));
	assert_false(ml_addr_allowed(ML_ADDR_LINK_LOCAL, 0));
	assert_false(ml_addr_allowed(ML_ADDR_INVALID, 1));
	assert_false(
		ml_addr_allowed(ml_addr_classify_text("169.254.169.254"), 1));

	memset(&in, 0, sizeof(in));
	in.sin_family = AF_INET;
	inet_pton(AF_INET, "169.254.169.254", &in.sin_addr);
	assert_true(ml_addr_is_link_local((struct sockaddr *)&in));
	assert_false(ml_addr_is_private((struct sockaddr *)&in));
	inet_pton(AF_INET, "192.168.0.1", &in.sin_addr);
	assert_true(ml_addr_is_private((struct sockaddr *)&in));
	in.sin_family = AF_UNIX;
	assert_int_equal(ml_addr_classify((struct sockaddr *)&in),
			 ML_ADDR_INVALID);
	assert_int_equal(ml_addr_classify(NULL), ML_ADDR_INVALID);
	assert_int_equal(ml_addr_classify_text("not-an-ip"), ML_ADDR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4_classes),
		cmocka_unit_test(test_ipv6_classes),
		cmocka_unit_test(test_ipv4_in_ipv6),
		cmocka_unit_test(test_policy),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
