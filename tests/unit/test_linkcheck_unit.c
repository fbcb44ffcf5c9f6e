/* Unit tests of the link checker that need no server: options, URL
 * bookkeeping, Retry-After parsing, runs that must not touch the network. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>
#include <time.h>

#include "util/buf.h"
#include "util/common.h"
#include "links/linkcheck.h"
#include "links/internal.h"

static void test_defaults(void **state)
{
	ml_link_opts o;

	(void)state;
	ml_link_opts_default(&o);
	assert_int_equal(o.connect_timeout_ms, 5000);
	assert_int_equal(o.timeout_ms, 10000);
	assert_int_equal(o.retries, 3);
	assert_int_equal(o.per_host, 4);
	assert_int_equal(o.global, 64);
	assert_int_equal(o.interval_ms, 100);
	assert_int_equal(o.max_redirects, 10);
	assert_int_equal(o.allow_private, 0);
	assert_int_equal(o.check_insecure, 1);
	assert_int_equal(o.cache_ttl_s, 7 * 24 * 3600);
	assert_int_equal(o.max_body, 5 * 1024 * 1024);
}

static void test_retry_after(void **state)
{
	time_t date = 1445412480; /* Wed, 21 Oct 2015 07:28:00 GMT */
	const char *d = " Wed, 21 Oct 2015 07:28:00 GMT\r\n";

	(void)state;
	assert_int_equal(links_retry_after(" 120\r\n", 6, 0), 120);
	assert_int_equal(links_retry_after("0", 1, 0), 0);
	assert_int_equal(links_retry_after(d, strlen(d), date - 30), 30);
	assert_int_equal(links_retry_after(d, strlen(d), date + 30), 0);
	assert_int_equal(links_retry_after(" soon\r\n", 7, 0), -1);
	assert_int_equal(links_retry_after("12abc", 5, 0), -1);
	assert_int_equal(links_retry_after(" \r\n", 3, 0), -1);
}

static void test_bad_exclude_pattern(void **state)
{
	const char *pat[] = { "ok", "(unclosed" };
	ml_link_opts o;
	ml_linkcheck *lc = NULL;
	ml_buf err = ML_BUF_INIT(ML_LIMIT_SHORT);

	(void)state;
	ml_link_opts_default(&o);
	o.exclude = pat;
	o.nexclude = 2;
	assert_int_equal(ml_linkcheck_new(&o, &lc, &err), ML_ECONFIG);
	assert_null(lc);
	assert_non_null(strstr(ml_buf_cstr(&err), "(unclosed"));
	ml_buf_dispose(&err);
}

/* Nothing here needs a request: malformed, non-http and excluded URLs
 * are settled without the network; an early stop starts nothing. */
static void test_bookkeeping_without_network(void **state)
{
	const char *pat[] = { "^https://skip\\.example/" };
	volatile sig_atomic_t stop = 1;
	ml_link_opts o;
	ml_linkcheck *lc;
	const ml_link_result *r;

	(void)state;
	ml_link_opts_default(&o);
	o.exclude = pat;
	o.nexclude = 1;
	o.stop = &stop;
	assert_int_equal(ml_linkcheck_new(&o, &lc, NULL), ML_OK);
	assert_int_equal(ml_linkcheck_add(lc, "https://skip.example/a"), 0);
	assert_int_equal(ml_linkcheck_add(lc, "https://skip.example/a#x"), 0);
	assert_int_equal(ml_linkcheck_add(lc, "HTTPS://skip.example:443/a"), 0);
	assert_int_equal(ml_linkcheck_add(lc, "ftp://files.example/x"), 0);
	assert_int_equal(ml_linkcheck_add(lc, "http://[::1"), 0);
	assert_int_equal(ml_linkcheck_add(lc, "http://127.0.0.1:9/stop"), 0);
	/* one entry per URL without fragment, after normalisation */
	assert_int_equal(ml_linkcheck_count(lc), 4);

	r = ml_linkcheck_result(lc, "https://skip.example/a#x");
	assert_int_equal(r->status, ML_LINK_EXCLUDED);
	assert_string_equal(r->fragment, "x");
	assert_int_equal(
		ml_linkcheck_result(lc, "HTTPS://skip.example:443/a")->status,
		ML_LINK_EXCLUDED);
	r = ml_linkcheck_result(lc, "ftp://files.example/x");
	assert_int_equal(r->status, ML_LINK_BROKEN);
	assert_string_equal(r->detail, "not an http or https URL");
	assert_int_equal(ml_linkcheck_result(lc, "http://[::1")->status,
			 ML_LINK_BROKEN);

	assert_int_equal(ml_linkcheck_run(lc, NULL), ML_OK);
	assert_int_equal(ml_linkcheck_requests(lc), 0);
	r = ml_linkcheck_result(lc, "http://127.0.0.1:9/stop");
	assert_int_equal(r->status, ML_LINK_UNCHECKED);
	assert_string_equal(r->detail, "not checked");
	/* a run happens once */
	assert_int_equal(ml_linkcheck_run(lc, NULL), ML_EINVAL);
	ml_linkcheck_free(lc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_retry_after),
		cmocka_unit_test(test_bad_exclude_pattern),
		cmocka_unit_test(test_bookkeeping_without_network),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
