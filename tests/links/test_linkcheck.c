/* Integration tests of the link checker against shared/tools/linkserver.py
 * on a free loopback port. Only 127.0.0.0/8 is ever a target. The server is
 * started and killed by PID; an alarm bounds the whole run, and the server
 * dies with this process (PR_SET_PDEATHSIG) if ctest kills it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/common.h"
#include "links/linkcheck.h"

#define SKIP_CODE 77
#define WHOLE_RUN_S 55

static struct {
	pid_t pid;
	int port;
	char script[PATH_MAX];
	char tmpdir[64];
} srv = { -1, 0, "", "" };

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void on_alarm(int sig)
{
	(void)sig;
	if (srv.pid > 0)
		kill(srv.pid, SIGKILL);
	_exit(3);
}

/* A loopback port that is free now: bind to port 0 and ask. */
static int free_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

static int accepts(int port)
{
	struct sockaddr_in a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), ok;

	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ok = fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
	if (fd >= 0)
		close(fd);
	return ok;
}

static void stop_server(void)
{
	int status, i;

	if (srv.pid <= 0)
		return;
	kill(srv.pid, SIGTERM);
	for (i = 0; i < 50; i++) {
		if (waitpid(srv.pid, &status, WNOHANG) == srv.pid)
			break;
		sleep_ms(20);
	}
	if (i == 50) {
		kill(srv.pid, SIGKILL);
		waitpid(srv.pid, &status, 0);
	}
	srv.pid = -1;
}

static int start_server(void)
{
	char port[16];
	pid_t parent = getpid();
	int i;

	srv.port = free_port();
	if (srv.port <= 0)
		return -1;
	snprintf(port, sizeof(port), "%d", srv.port);
	srv.pid = fork();
	if (srv.pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(1);
		execlp("python3", "python3", srv.script, port, (char *)NULL);
		_exit(127);
	}
	if (srv.pid < 0)
		return -1;
	for (i = 0; i < 250; i++) { /* up to 5 s */
		if (accepts(srv.port))
			return 0;
		sleep_ms(20);
	}
	stop_server();
	return -1;
}

/* --- helpers ------------------------------------------------------------ */

/* "http://127.0.0.1:PORT" + path; strings live until the process ends. */
static const char *U(const char *path)
{
	static char pool[256][160];
	static size_t next;
	char *s = pool[next++ % 256];

	snprintf(s, sizeof(pool[0]), "http://127.0.0.1:%d%s", srv.port, path);
	return s;
}

static void test_opts(ml_link_opts *o)
{
	ml_link_opts_default(o);
	o->allow_private = 1;
	o->check_insecure = 0;
	o->backoff_ms = 50;
	o->connect_timeout_ms = 2000;
	o->timeout_ms = 3000;
	o->interval_ms = 10;
}

/* Check the given URLs; returns the checker and the wall time in ms. */
static ml_linkcheck *run(const ml_link_opts *o, const char *const *urls,
			 size_t n, long long *ms, ml_buf *warn)
{
	ml_linkcheck *lc = NULL;
	long long t0;
	size_t i;

	assert_int_equal(ml_linkcheck_new(o, &lc, NULL), ML_OK);
	for (i = 0; i < n; i++)
		assert_int_equal(ml_linkcheck_add(lc, urls[i]), ML_OK);
	t0 = now_ms();
	assert_int_equal(ml_linkcheck_run(lc, warn), ML_OK);
	if (ms)
		*ms = now_ms() - t0;
	return lc;
}

static const ml_link_result *R(const ml_linkcheck *lc, const char *url)
{
	const ml_link_result *r = ml_linkcheck_result(lc, url);

	assert_non_null(r);
	return r;
}

#define NEED_SERVER()             \
	do {                      \
		if (srv.pid <= 0) \
			skip();   \
	} while (0)

/* --- the routes ----------------------------------------------------------- */

static void test_routes(void **state)
{
	const char *urls[] = {
		U("/ok/a"),	    U("/ok/a"), /* once per run */
		U("/status/404/a"), U("/status/500/a"),
		U("/status/403/a"), U("/status/401/a"),
		U("/status/999/a"), U("/status/429/a"),
		U("/status/302/a"), U("/redirect/3/a"),
		U("/nohead/a"),	    U("/big/a"),
		U("/ok/excluded"),  "mailto:someone@example.org",
		"http://",
	};
	const char *excl[] = { "/ok/excluded$" };
	ml_link_opts o;
	ml_linkcheck *lc;
	const ml_link_result *r;
	long long ms;

	(void)state;
	NEED_SERVER();
	test_opts(&o);
	o.exclude = excl;
	o.nexclude = 1;
	lc = run(&o, urls, ML_ARRAY_LEN(urls), &ms, NULL);
	print_message("routes: %zu URLs, %zu requests, %lld ms\n",
		      ml_linkcheck_count(lc), ml_linkcheck_requests(lc), ms);

	r = R(lc, U("/ok/a"));
	assert_int_equal(r->status, ML_LINK_OK);
	assert_int_equal(r->http_code, 200);
	assert_int_equal(r->requests, 1); /* one HEAD */
	assert_int_equal(r->body_bytes, 0);

	r = R(lc, U("/status/404/a"));
	assert_int_equal(r->status, ML_LINK_BROKEN);
	assert_int_equal(r->http_code, 404);
	assert_int_equal(r->requests, 2); /* HEAD, then GET: not retried */
	assert_string_equal(r->detail, "HTTP 404");

	r = R(lc, U("/status/500/a"));
	assert_int_equal(r->status, ML_LINK_BROKEN);
	assert_int_equal(r->http_code, 500);
	assert_int_equal(r->requests, 1 + o.retries);

	assert_int_equal(R(lc, U("/status/403/a"))->status, ML_LINK_BLOCKED);
	assert_int_equal(R(lc, U("/status/401/a"))->status, ML_LINK_BLOCKED);
	assert_int_equal(R(lc, U("/status/999/a"))->status, ML_LINK_BLOCKED);

	r = R(lc, U("/status/429/a"));
	assert_int_equal(r->status, ML_LINK_RATE_LIMITED);
	assert_int_equal(r->requests, 1 + o.retries);

	r = R(lc, U("/status/302/a")); /* a redirect without Location */
	assert_int_equal(r->status, ML_LINK_BROKEN);

	r = R(lc, U("/redirect/3/a"));
	assert_int_equal(r->status, ML_LINK_OK);
	assert_true(r->redirected_permanently);
	assert_int_equal(r->redirects, 3);
	assert_string_equal(r->permanent_url, U("/redirect/0/a"));
	assert_string_equal(r->final_url, U("/redirect/0/a"));
	assert_int_equal(r->requests, 4);

	r = R(lc, U("/nohead/a"));
	assert_int_equal(r->status, ML_LINK_OK);
	assert_int_equal(r->requests, 2);

	r = R(lc, U("/big/a")); /* 50 MB behind it; HEAD reads none */
	assert_int_equal(r->status, ML_LINK_OK);
	assert_true(r->body_bytes < 1024 * 1024);
	assert_int_equal(r->body_bytes, 0);

	r = R(lc, U("/ok/excluded"));
	assert_int_equal(r->status, ML_LINK_EXCLUDED);
	assert_int_equal(r->requests, 0);

	assert_int_equal(R(lc, "mailto:someone@example.org")->status,
			 ML_LINK_BROKEN);
	assert_int_equal(R(lc, "http://")->status, ML_LINK_BROKEN);
	assert_null(ml_linkcheck_result(lc, U("/never/added")));
	ml_linkcheck_free(lc);
}

static void test_fragments(void **state)
{
	const char *urls[] = { U("/ok/f#top"), U("/ok/f#nope"),
			       U("/ok/f#n%6Fpe"), U("/big/f#nope"),
			       U("/status/404/f#x") };
	ml_link_opts o;
	ml_linkcheck *lc;
	const ml_link_result *r;

	(void)state;
	NEED_SERVER();
	test_opts(&o);
	o.max_body = 512 * 1024;
	lc = run(&o, urls, ML_ARRAY_LEN(urls), NULL, NULL);

	r = R(lc, U("/ok/f#top"));
	assert_int_equal(r->status, ML_LINK_OK);
	assert_int_equal(r->fragment_state, ML_FRAGMENT_FOUND);
	r = R(lc, U("/ok/f#nope"));
	assert_int_equal(r->status, ML_LINK_OK);
	assert_int_equal(r->fragment_state, ML_FRAGMENT_MISSING);
	assert_string_equal(r->fragment, "nope");
	assert_int_equal(r->requests, 1); /* one GET for all fragments */
	assert_true(r->body_bytes > 0);
	/* percent-decoded: the same fragment */
	assert_int_equal(R(lc, U("/ok/f#n%6Fpe"))->fragment_state,
			 ML_FRAGMENT_MISSING);

	r = R(lc, U("/big/f#nope")); /* the body is read up to the cap */
	print_message("big body for a fragment: %zu bytes read\n",
		      r->body_bytes);
	assert_int_equal(r->status, ML_LINK_OK);
	assert_int_equal(r->fragment_state, ML_FRAGMENT_MISSING);
	assert_true(r->body_bytes <= o.max_body);
	assert_true(r->body_bytes < 1024 * 1024);

	r = R(lc, U("/status/404/f#x"));
	assert_int_equal(r->status, ML_LINK_BROKEN);
	assert_int_equal(r->fragment_state, ML_FRAGMENT_UNCHECKED);
	ml_linkcheck_free(lc);
}

/* --- politeness and timing ------------------------------------------------- */

static void test_rate_limit_honours_retry_after(void **state)
{
	const char *urls[] = { U("/rate/a") };
	ml_link_opts o;
	ml_linkcheck *lc;
	const ml_link_result *r;
	long long ms;

	(void)state;
	NEED_SERVER();
	test_opts(&o);
	lc = run(&o, urls, 1, &ms, NULL);
	r = R(lc, U("/rate/a"));
	print_message("/rate: %lld ms (Retry-After: 1)\n", ms);
	assert_int_equal(r->status, ML_LINK_OK);
	assert_int_equal(r->requests, 2); /* HEAD 429, GET 200 */
	assert_true(ms >= 950);
	assert_true(ms < 3000);
	ml_linkcheck_free(lc);

	/* The cap is configurable: 0 s means no waiting at all. */
	urls[0] = U("/rate/b");
	o.retry_after_cap_s = 0;
	lc = run(&o, urls, 1, &ms, NULL);
	print_message("/rate with the cap at 0 s: %lld ms\n", ms);
	assert_int_equal(R(lc, U("/rate/b"))->status, ML_LINK_OK);
	assert_true(ms < 900);
	ml_linkcheck_free(lc);
}

static void test_hang_times_out(void **state)
{
	const char *urls[] = { U("/hang/a") };
	ml_link_opts o;
	ml_linkcheck *lc;
	const ml_link_result *r;
	long long ms, bound;

	(void)state;
	NEED_SERVER();
	test_opts(&o);
	o.timeout_ms = 400;
	o.retries = 1;
	/* HEAD, then GET: each up to timeout_ms, plus one backoff */
	bound = 2 * o.timeout_ms + o.backoff_ms + 500;
	lc = run(&o, urls, 1, &ms, NULL);
	r = R(lc, U("/hang/a"));
	print_message("/hang: %lld ms (bound %lld ms)\n", ms, bound);
	assert_int_equal(r->status, ML_LINK_TIMEOUT);
	assert_int_equal(r->requests, 2);
	assert_true(ms >= 2 * o.timeout_ms - 50);
	assert_true(ms <= bound);
	ml_linkcheck_free(lc);
}

/* Starts on one host are interval_ms apart; two hosts run side by side. */
static void test_per_host_interval(void **state)
{
	char resolve[64];
	const char *res[] = { resolve };
	const char *urls[20];
	char other[10][96];
	ml_link_opts o;
	ml_linkcheck *lc;
	long long ms;
	size_t i;

	(void)state;
	NEED_SERVER();
	snprintf(resolve, sizeof(resolve), "second.test:%d:127.0.0.1",
		 srv.port);
	for (i = 0; i < 10; i++) {
		char p[32];
		snprintf(p, sizeof(p), "/ok/iv%zu", i);
		urls[i] = U(p);
		snprintf(other[i], sizeof(other[i]),
			 "http://second.test:%d/ok/iv%zu", srv.port, i);
		urls[10 + i] = other[i];
	}
	test_opts(&o);
	o.interval_ms = 100;
	o.resolve = res;
	o.nresolve = 1;
	lc = run(&o, urls, 20, &ms, NULL);
	print_message("20 URLs on 2 hosts, interval 100 ms: %lld ms\n", ms);
	for (i = 0; i < 20; i++)
		assert_int_equal(R(lc, urls[i])->status, ML_LINK_OK);
	assert_true(ms >= 900); /* 10 starts per host, 100 ms apart */
	assert_true(ms < 1800); /* the hosts do not wait for each other */
	ml_linkcheck_free(lc);
}

static long long run_delays(int per_host, int global, int n)
{
	char resolve[64];
	const char *res[] = { resolve };
	const char *urls[16];
	char other[8][96];
	ml_link_opts o;
	ml_linkcheck *lc;
	long long ms;
	int i;

	snprintf(resolve, sizeof(resolve), "second.test:%d:127.0.0.1",
		 srv.port);
	for (i = 0; i < n; i++) {
		char p[48];
		snprintf(p, sizeof(p), "/delay/300/cap%d-%d-%d", per_host,
			 global, i);
		urls[i] = U(p);
		snprintf(other[i], sizeof(other[i]),
			 "http://second.test:%d/delay/300/cap%d-%d-%d",
			 srv.port, per_host, global, i);
		urls[n + i] = other[i];
	}
	test_opts(&o);
	o.interval_ms = 0;
	o.per_host = per_host;
	o.global = global;
	o.resolve = res;
	o.nresolve = 1;
	lc = run(&o, urls, (size_t)(2 * n), &ms, NULL);
	for (i = 0; i < 2 * n; i++)
		assert_int_equal(R(lc, urls[i])->status, ML_LINK_OK);
	ml_linkcheck_free(lc);
	return ms;
}

static void test_caps(void **state)
{
	long long ms;

	(void)state;
	NEED_SERVER();
	/* 4 slow URLs per host, 2 hosts; each takes 300 ms */
	ms = run_delays(4, 64, 4);
	print_message("8 x 300 ms, per_host 4: %lld ms\n", ms);
	assert_true(ms >= 300 && ms < 900);
	ms = run_delays(2, 64, 4);
	print_message("8 x 300 ms, per_host 2: %lld ms\n", ms);
	assert_true(ms >= 600 && ms < 1200);
	ms = run_delays(4, 2, 4);
	print_message("8 x 300 ms, global 2: %lld ms\n", ms);
	assert_true(ms >= 1200 && ms < 2100);
}

/* --- a scripted server for what linkserver has no route for ------------- */

/* One thread, one connection at a time, "Connection: close". Loops,
 * non-http redirects, garbage, resets, an HTTP-date Retry-After, a
 * Markdown body. */
static struct {
	int fd, port;
	pthread_t th;
	volatile sig_atomic_t quit;
	int date_hits;
	char ua[128];
} mini = { -1, 0, 0, 0, 0, "" };

static void mini_send(int c, int code, const char *extra, const char *ctype,
		      const char *body, int head)
{
	char buf[1024];
	int n;

	n = snprintf(buf, sizeof(buf),
		     "HTTP/1.1 %d X\r\nContent-Type: %s\r\n"
		     "Content-Length: %zu\r\nConnection: close\r\n%s\r\n%s",
		     code, ctype, strlen(body), extra, head ? "" : body);
	if (n > 0 && write(c, buf, (size_t)n) < 0)
		return;
}

static void mini_reset(int c)
{
	struct linger l = { 1, 0 };

	setsockopt(c, SOL_SOCKET, SO_LINGER, &l, sizeof(l));
}

static void mini_date(char *out, size_t n, int ahead_s)
{
	time_t t = time(NULL) + ahead_s;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, n, "Retry-After: %a, %d %b %Y %H:%M:%S GMT\r\n", &tm);
}

static void mini_route(int c, const char *path, int head)
{
	const char *md = "# Hello World\n\n## Usage *now*\n\n## Usage now\n";
	char ra[96];

	if (strcmp(path, "/loop/a") == 0)
		mini_send(c, 301, "Location: /loop/b\r\n", "text/html", "",
			  head);
	else if (strcmp(path, "/loop/b") == 0)
		mini_send(c, 308, "Location: /loop/a\r\n", "text/html", "",
			  head);
	else if (strcmp(path, "/ftp") == 0)
		mini_send(c, 302, "Location: ftp://files.invalid/x\r\n",
			  "text/html", "", head);
	else if (strcmp(path, "/garbage") == 0)
		(void)!write(c, "garbage\r\n\r\n", 11);
	else if (strcmp(path, "/reset") == 0)
		mini_reset(c);
	else if (strcmp(path, "/gone") == 0)
		mini_send(c, 301, "Location: /temp\r\n", "text/html", "", head);
	else if (strcmp(path, "/temp") == 0 || strcmp(path, "/t302") == 0)
		mini_send(c, 302, "Location: /final\r\n", "text/html", "",
			  head);
	else if (strcmp(path, "/date") == 0 && mini.date_hits++ == 0) {
		mini_date(ra, sizeof(ra), 2);
		mini_send(c, 503, ra, "text/html", "", head);
	} else if (strcmp(path, "/doc.md") == 0)
		mini_send(c, 200, "", "text/plain", md, head);
	else if (strcmp(path, "/final") == 0 || strcmp(path, "/date") == 0)
		mini_send(c, 200, "", "text/html", "<p id=x>", head);
	else
		mini_send(c, 404, "", "text/html", "no", head);
}

static void mini_serve(int c)
{
	struct timeval tv = { 2, 0 };
	char req[4096], method[16], path[256];
	size_t len = 0;
	ssize_t n;
	const char *ua;

	setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	while (len < sizeof(req) - 1 &&
	       (n = read(c, req + len, sizeof(req) - 1 - len)) > 0) {
		len += (size_t)n;
		req[len] = '\0';
		if (strstr(req, "\r\n\r\n"))
			break;
	}
	req[len] = '\0';
	if (sscanf(req, "%15s %255s", method, path) == 2) {
		ua = strstr(req, "User-Agent: ");
		if (ua)
			sscanf(ua + 12, "%127[^\r\n]", mini.ua);
		mini_route(c, path, strcmp(method, "HEAD") == 0);
	}
	close(c);
}

static void *mini_main(void *arg)
{
	int c;

	(void)arg;
	while (!mini.quit) {
		c = accept(mini.fd, NULL, NULL);
		if (c >= 0)
			mini_serve(c);
	}
	return NULL;
}

static const char *M(const char *path)
{
	static char pool[32][128];
	static size_t next;
	char *s = pool[next++ % 32];

	snprintf(s, sizeof(pool[0]), "http://127.0.0.1:%d%s", mini.port, path);
	return s;
}

static int listener(int *port);

static void test_edge_routes(void **state)
{
	const char *urls[11];
	ml_link_opts o;
	ml_linkcheck *lc;
	const ml_link_result *r;
	long long ms;

	(void)state;
	NEED_SERVER();
	mini.fd = listener(&mini.port);
	urls[0] = M("/loop/a"), urls[1] = M("/ftp"), urls[2] = M("/garbage");
	urls[3] = M("/reset"), urls[4] = M("/gone"), urls[5] = M("/t302");
	urls[6] = M("/date"), urls[7] = M("/doc.md#usage-now-1");
	urls[8] = M("/doc.md#hello-world"), urls[9] = M("/doc.md#nope");
	urls[10] = U("/redirect/11/x");
	mini.quit = 0;
	assert_int_equal(pthread_create(&mini.th, NULL, mini_main, NULL), 0);
	test_opts(&o);
	lc = run(&o, urls, ML_ARRAY_LEN(urls), &ms, NULL);
	mini.quit = 1;
	shutdown(mini.fd, SHUT_RDWR);
	pthread_join(mini.th, NULL);
	close(mini.fd);
	print_message("edge routes: %lld ms\n", ms);

	r = R(lc, M("/loop/a"));
	print_message("loop: %s\n", r->detail);
	assert_int_equal(r->status, ML_LINK_BROKEN);
	assert_non_null(strstr(r->detail, "loop"));
	r = R(lc, M("/ftp"));
	print_message("ftp: %s\n", r->detail);
	assert_int_equal(r->status, ML_LINK_BROKEN);
	assert_non_null(strstr(r->detail, "non-http"));
	r = R(lc, M("/garbage"));
	print_message("garbage: %s (%d requests)\n", r->detail, r->requests);
	assert_int_equal(r->status, ML_LINK_BROKEN);
	r = R(lc, M("/reset"));
	print_message("reset: %s (%d requests)\n", r->detail, r->requests);
	assert_int_equal(r->status, ML_LINK_BROKEN);
	assert_int_equal(r->requests, 1 + o.retries);
	r = R(lc, U("/redirect/11/x"));
	print_message("11 hops: %s\n", r->detail);
	assert_int_equal(r->status, ML_LINK_BROKEN);

	/* 301 then 302: the permanent part names the URL to use */
	r = R(lc, M("/gone"));
	assert_int_equal(r->status, ML_LINK_OK);
	assert_true(r->redirected_permanently);
	assert_string_equal(r->permanent_url, M("/temp"));
	assert_string_equal(r->final_url, M("/final"));
	r = R(lc, M("/t302"));
	assert_int_equal(r->status, ML_LINK_OK);
	assert_false(r->redirected_permanently);

	/* Retry-After as an HTTP date two seconds ahead */
	r = R(lc, M("/date"));
	assert_int_equal(r->status, ML_LINK_OK);
	assert_true(ms >= 900);

	/* Markdown targets: GitHub heading slugs */
	assert_int_equal(R(lc, M("/doc.md#usage-now-1"))->fragment_state,
			 ML_FRAGMENT_FOUND);
	assert_int_equal(R(lc, M("/doc.md#hello-world"))->fragment_state,
			 ML_FRAGMENT_FOUND);
	assert_int_equal(R(lc, M("/doc.md#nope"))->fragment_state,
			 ML_FRAGMENT_MISSING);

	assert_string_equal(mini.ua, "medlint/" ML_VERSION);
	ml_linkcheck_free(lc);
}

/* --- SSRF ----------------------------------------------------------------- */

static int listener(int *port)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(fd, 16), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	*port = ntohs(a.sin_port);
	return fd;
}

static void test_private_is_never_connected(void **state)
{
	char r1[64], r2[80], r3[64], u1[96], u2[96], u3[96];
	const char *res[] = { r1, r2, r3 };
	const char *urls[3] = { u1, u2, u3 };
	struct pollfd pfd;
	ml_link_opts o;
	ml_linkcheck *lc;
	const ml_link_result *r;
	long long ms;
	int fd, port;

	(void)state;
	NEED_SERVER();
	fd = listener(&port);
	snprintf(r1, sizeof(r1), "private.test:%d:127.0.0.1", port);
	snprintf(r2, sizeof(r2), "mapped.test:%d:[::ffff:127.0.0.1]", port);
	snprintf(r3, sizeof(r3), "private.test:%d:127.0.0.1", srv.port);
	snprintf(u1, sizeof(u1), "http://private.test:%d/ok", port);
	snprintf(u2, sizeof(u2), "http://mapped.test:%d/ok", port);
	snprintf(u3, sizeof(u3), "http://private.test:%d/rate/never", srv.port);
	test_opts(&o);
	o.allow_private = 0;
	o.resolve = res;
	o.nresolve = 3;
	lc = run(&o, urls, 3, NULL, NULL);
	r = R(lc, u1);
	print_message("private: %s\n", r->detail);
	assert_int_equal(r->status, ML_LINK_PRIVATE);
	assert_non_null(strstr(r->detail, "127.0.0.1"));
	r = R(lc, u2);
	print_message("mapped: %s\n", r->detail);
	assert_int_equal(r->status, ML_LINK_PRIVATE);
	assert_int_equal(R(lc, u3)->status, ML_LINK_PRIVATE);
	assert_int_equal(ml_linkcheck_requests(lc), 0);
	ml_linkcheck_free(lc);

	/* Nothing ever knocked at our own listener. */
	pfd.fd = fd;
	pfd.events = POLLIN;
	assert_int_equal(poll(&pfd, 1, 0), 0);
	close(fd);

	/* The linkserver never saw /rate/never either: its first hit still
	 * answers 429, so a check with --allow-private waits Retry-After. */
	urls[0] = U("/rate/never");
	test_opts(&o);
	lc = run(&o, urls, 1, &ms, NULL);
	r = R(lc, urls[0]);
	assert_int_equal(r->status, ML_LINK_OK);
	assert_int_equal(r->requests, 2);
	assert_true(ms >= 950);
	ml_linkcheck_free(lc);
}

/* --- cache, stop, progress -------------------------------------------------- */

static void cache_path(char *out, size_t n)
{
	snprintf(out, n, "%s/links.tsv", srv.tmpdir);
}

static void test_cache_second_run(void **state)
{
	const char *urls[] = { U("/ok/c1"),	    U("/ok/c2#top"),
			       U("/nohead/c3"),	    U("/ok/c4#nope"),
			       U("/status/404/c5"), U("/redirect/1/c6") };
	const char *passing[] = { urls[0], urls[1], urls[2] };
	char path[128];
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT);
	ml_link_opts o;
	ml_linkcheck *lc;
	size_t i;

	(void)state;
	NEED_SERVER();
	cache_path(path, sizeof(path));
	unlink(path);
	test_opts(&o);
	o.cache_path = path;
	lc = run(&o, urls, ML_ARRAY_LEN(urls), NULL, &warn);
	assert_int_equal(warn.len, 0);
	assert_true(ml_linkcheck_requests(lc) > 0);
	ml_linkcheck_free(lc);

	lc = run(&o, urls, ML_ARRAY_LEN(urls), NULL, &warn);
	for (i = 0; i < 3; i++) {
		assert_true(R(lc, urls[i])->from_cache);
		assert_int_equal(R(lc, urls[i])->requests, 0);
		assert_int_equal(R(lc, urls[i])->status, ML_LINK_OK);
	}
	/* failures, missing fragments and redirects are checked again */
	assert_false(R(lc, urls[3])->from_cache);
	assert_int_equal(R(lc, urls[3])->fragment_state, ML_FRAGMENT_MISSING);
	assert_int_equal(R(lc, urls[4])->status, ML_LINK_BROKEN);
	assert_true(R(lc, urls[5])->redirected_permanently);
	ml_linkcheck_free(lc);

	lc = run(&o, passing, 3, NULL, &warn);
	print_message("second run of passing URLs: %zu requests\n",
		      ml_linkcheck_requests(lc));
	assert_int_equal(ml_linkcheck_requests(lc), 0);
	ml_linkcheck_free(lc);
	assert_int_equal(warn.len, 0);
	ml_buf_dispose(&warn);
}

static void test_cut_cache_line_is_skipped(void **state)
{
	const char *urls[] = { U("/ok/t1"), U("/ok/t2") };
	char path[128];
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT);
	ml_link_opts o;
	ml_linkcheck *lc;
	struct stat st;

	(void)state;
	NEED_SERVER();
	cache_path(path, sizeof(path));
	unlink(path);
	test_opts(&o);
	o.cache_path = path;
	ml_linkcheck_free(run(&o, urls, 2, NULL, &warn));
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(truncate(path, st.st_size - 7), 0);

	lc = run(&o, urls, 2, NULL, &warn);
	print_message("cut cache: %s", ml_buf_cstr(&warn));
	/* the cut line alone is dropped: the whole one before it stays */
	assert_non_null(strstr(ml_buf_cstr(&warn), "cut-short line skipped"));
	assert_int_equal(ml_linkcheck_requests(lc), 1);
	assert_int_equal(R(lc, urls[0])->status, ML_LINK_OK);
	ml_linkcheck_free(lc);

	/* ... and the run wrote a whole file again */
	ml_buf_clear(&warn);
	lc = run(&o, urls, 2, NULL, &warn);
	assert_int_equal(warn.len, 0);
	assert_int_equal(ml_linkcheck_requests(lc), 0);
	ml_linkcheck_free(lc);
	ml_buf_dispose(&warn);
}

typedef struct {
	volatile sig_atomic_t stop;
	size_t calls, last_done, last_total;
} progress_state;

static void on_progress(void *ctx, size_t done, size_t total, size_t failed)
{
	progress_state *p = ctx;

	(void)failed;
	p->calls++;
	p->last_done = done;
	p->last_total = total;
	if (done >= 2)
		p->stop = 1; /* as a SIGINT handler would */
}

static void test_stop_saves_what_is_done(void **state)
{
	const char *urls[6];
	char path[128];
	ml_buf warn = ML_BUF_INIT(ML_LIMIT_TEXT);
	progress_state p = { 0, 0, 0, 0 };
	ml_link_opts o;
	ml_linkcheck *lc;
	size_t i, unchecked = 0;
	long long ms;

	(void)state;
	NEED_SERVER();
	for (i = 0; i < 6; i++) {
		char s[32];
		snprintf(s, sizeof(s), "/delay/200/s%zu", i);
		urls[i] = U(s);
	}
	cache_path(path, sizeof(path));
	unlink(path);
	test_opts(&o);
	o.per_host = 1;
	o.cache_path = path;
	o.progress = on_progress;
	o.progress_ctx = &p;
	o.stop = &p.stop;
	lc = run(&o, urls, 6, &ms, &warn);
	for (i = 0; i < 6; i++)
		unchecked += R(lc, urls[i])->status == ML_LINK_UNCHECKED;
	print_message("stopped after %lld ms: %zu of 6 unchecked\n", ms,
		      unchecked);
	assert_true(unchecked >= 3);
	assert_true(ms < 1000);
	assert_int_equal(p.last_total, 6);
	ml_linkcheck_free(lc);

	/* What was settled before the stop is in the cache. */
	o.progress = NULL;
	o.stop = NULL;
	lc = run(&o, urls, 2, NULL, &warn);
	assert_int_equal(ml_linkcheck_requests(lc), 0);
	ml_linkcheck_free(lc);
	ml_buf_dispose(&warn);
}

static void test_insecure_probe(void **state)
{
	const char *urls[] = { U("/ok/ins") };
	ml_link_opts o;
	ml_linkcheck *lc;
	const ml_link_result *r;
	long long ms;

	(void)state;
	NEED_SERVER();
	test_opts(&o);
	o.check_insecure = 1;
	o.timeout_ms = 600;
	o.connect_timeout_ms = 600;
	lc = run(&o, urls, 1, &ms, NULL);
	r = R(lc, urls[0]);
	print_message("https probe of a plain-http server: %lld ms\n", ms);
	/* the loopback server speaks no TLS: https does not work there */
	assert_int_equal(r->status, ML_LINK_OK);
	assert_false(r->insecure_https_works);
	assert_true(ms < 3000);
	ml_linkcheck_free(lc);
}

/* --- main --------------------------------------------------------------- */

static int group_setup(void **state)
{
	(void)state;
	snprintf(srv.tmpdir, sizeof(srv.tmpdir), "/tmp/ml_links_XXXXXX");
	if (!mkdtemp(srv.tmpdir))
		return -1;
	if (start_server() != 0) {
		fprintf(stderr, "linkserver did not start on port %d\n",
			srv.port);
		return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	char cmd[128];

	(void)state;
	stop_server();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", srv.tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_routes),
		cmocka_unit_test(test_fragments),
		cmocka_unit_test(test_rate_limit_honours_retry_after),
		cmocka_unit_test(test_hang_times_out),
		cmocka_unit_test(test_per_host_interval),
		cmocka_unit_test(test_caps),
		cmocka_unit_test(test_edge_routes),
		cmocka_unit_test(test_private_is_never_connected),
		cmocka_unit_test(test_cache_second_run),
		cmocka_unit_test(test_cut_cache_line_is_skipped),
		cmocka_unit_test(test_stop_saves_what_is_done),
		cmocka_unit_test(test_insecure_probe),
	};
	const char *src = getenv("ML_SOURCE_DIR");
	int rc;

	snprintf(srv.script, sizeof(srv.script),
		 "%s/../shared/tools/linkserver.py", src ? src : ".");
	if (access(srv.script, R_OK) != 0) {
		printf("SKIP: %s not found (set ML_SOURCE_DIR to the checkout "
		       "that has ../shared beside it)\n",
		       srv.script);
		return SKIP_CODE;
	}
	signal(SIGALRM, on_alarm);
	alarm(WHOLE_RUN_S);
	rc = cmocka_run_group_tests(tests, group_setup, group_teardown);
	stop_server();
	return rc;
}
