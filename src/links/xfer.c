/* links/xfer.c - one transfer of the link checker: the curl easy handle, its
 * callbacks (the SSRF guard, Retry-After, the body for fragment checks)
 * and what its outcome means for the entry: settle it, or queue the next
 * step (GET after HEAD, a retry, the next redirect hop, the https probe). */
#include "links/internal.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "links/ssrf.h"
#include "parse/anchor.h"
#include "util/common.h"

typedef enum {
	BODY_UNKNOWN,
	BODY_HTML,
	BODY_MARKDOWN,
	BODY_KEEP, /* fetch mode: kept whatever its type */
	BODY_OTHER
} body_kind;

typedef struct links_xfer {
	ml_linkcheck *lc;
	size_t entry;
	CURL *h;
	ml_addr_class refused; /* ML_ADDR_PUBLIC: nothing refused */
	char refused_ip[INET6_ADDRSTRLEN];
	long retry_after_s; /* -1: no Retry-After */
	int want_body;
	int aborted;   /* the body was cut off on purpose */
	int truncated; /* ... because it was longer than max_body */
	long rl_limit, rl_interval_ms; /* X-Rate-Limit-*; 0 when absent */
	body_kind kind;
	ml_buf body;
	size_t bytes;
	char errbuf[CURL_ERROR_SIZE];
} links_xfer;

/* --- callbacks ---------------------------------------------------------- */

static void refuse(links_xfer *x, ml_addr_class c, const char *ip)
{
	x->refused = c == ML_ADDR_LINK_LOCAL ? c : ML_ADDR_PRIVATE;
	(void)snprintf(x->refused_ip, sizeof(x->refused_ip), "%s", ip);
}

static void sockaddr_text(const struct sockaddr *sa, char *out, size_t n)
{
	const void *a = NULL;

	if (sa->sa_family == AF_INET)
		a = &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
	else if (sa->sa_family == AF_INET6)
		a = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
	if (!a || !inet_ntop(sa->sa_family, a, out, (socklen_t)n))
		(void)snprintf(out, n, "?");
}

/* The SSRF guard, before any connection: refusing here means no packet
 * ever leaves for that address. */
static curl_socket_t on_open_socket(void *clientp, curlsocktype purpose,
				    struct curl_sockaddr *a)
{
	links_xfer *x = clientp;
	ml_addr_class c = ml_addr_classify(&a->addr);
	char ip[INET6_ADDRSTRLEN];

	(void)purpose;
	if (!ml_addr_allowed(c, x->lc->o.allow_private)) {
		sockaddr_text(&a->addr, ip, sizeof(ip));
		refuse(x, c, ip);
		return CURL_SOCKET_BAD;
	}
	return socket(a->family, a->socktype, a->protocol);
}

/* Again before each request, also on a reused connection; counts the
 * requests that really go out. */
static int on_prereq(void *clientp, char *primary_ip, char *local_ip,
		     int primary_port, int local_port)
{
	links_xfer *x = clientp;
	ml_addr_class c = ml_addr_classify_text(primary_ip);

	(void)local_ip, (void)primary_port, (void)local_port;
	if (!ml_addr_allowed(c, x->lc->o.allow_private)) {
		refuse(x, c, primary_ip);
		return CURL_PREREQFUNC_ABORT;
	}
	x->lc->requests++;
	x->lc->entries[x->entry].requests++;
	return CURL_PREREQFUNC_OK;
}

long links_retry_after(const char *v, size_t n, time_t now)
{
	char tmp[64];
	char *end;
	long s;
	time_t t;

	while (n && (*v == ' ' || *v == '\t'))
		v++, n--;
	while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
		n--;
	if (!n || n >= sizeof(tmp))
		return -1;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	if (tmp[0] >= '0' && tmp[0] <= '9') {
		s = strtol(tmp, &end, 10);
		return *end ? -1 : s;
	}
	t = curl_getdate(tmp, NULL);
	if (t == -1)
		return -1;
	return t > now ? (long)(t - now) : 0;
}

/* "50" or "1s", "2m", "1h" (Crossref's X-Rate-Limit-Interval): a
 * positive number, scaled to ms by its unit; 0 when malformed. */
static long header_number(const char *v, size_t n, int with_unit)
{
	char tmp[32], *end;
	long x;

	while (n && (*v == ' ' || *v == '\t'))
		v++, n--;
	while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
		n--;
	if (!n || n >= sizeof(tmp) || v[0] < '0' || v[0] > '9')
		return 0;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	x = strtol(tmp, &end, 10);
	if (x <= 0 || x > 1000000)
		return 0;
	if (!with_unit)
		return *end ? 0 : x;
	if (strcmp(end, "s") == 0 || *end == '\0')
		return x * 1000;
	if (strcmp(end, "m") == 0)
		return x * 60000;
	if (strcmp(end, "h") == 0)
		return x * 3600000;
	if (strcmp(end, "ms") == 0)
		return x;
	return 0;
}

static size_t on_header(char *buf, size_t size, size_t n, void *ud)
{
	links_xfer *x = ud;
	size_t len = size * n;

	if (len >= 5 && memcmp(buf, "HTTP/", 5) == 0)
		x->retry_after_s = -1; /* a new response (after 1xx) */
	else if (len > 12 && strncasecmp(buf, "retry-after:", 12) == 0)
		x->retry_after_s =
			links_retry_after(buf + 12, len - 12, time(NULL));
	else if (len > 19 && strncasecmp(buf, "x-rate-limit-limit:", 19) == 0)
		x->rl_limit = header_number(buf + 19, len - 19, 0);
	else if (len > 22 &&
		 strncasecmp(buf, "x-rate-limit-interval:", 22) == 0)
		x->rl_interval_ms = header_number(buf + 22, len - 22, 1);
	return len;
}

static int ends_with_ci(const char *s, size_t n, const char *suffix)
{
	size_t m = strlen(suffix);
	return n >= m && strncasecmp(s + n - m, suffix, m) == 0;
}

static body_kind kind_of(links_xfer *x)
{
	const char *url = x->lc->entries[x->entry].cur;
	size_t plen = strcspn(url, "?#");
	char *ct = NULL;
	int md = ends_with_ci(url, plen, ".md") ||
		 ends_with_ci(url, plen, ".markdown");

	curl_easy_getinfo(x->h, CURLINFO_CONTENT_TYPE, &ct);
	if (ct && strstr(ct, "markdown"))
		return BODY_MARKDOWN;
	if (md && (!ct || strncasecmp(ct, "text/plain", 10) == 0))
		return BODY_MARKDOWN;
	if (!ct || strncasecmp(ct, "text/html", 9) == 0 ||
	    strncasecmp(ct, "application/xhtml", 17) == 0)
		return BODY_HTML;
	return BODY_OTHER;
}

/* Keep the body only while a fragment needs it, the status is a success
 * and the type is one we can look in; stop the transfer otherwise. */
static size_t on_body(char *data, size_t size, size_t n, void *ud)
{
	links_xfer *x = ud;
	size_t len = size * n, room;
	long code = 0;

	if (x->want_body && x->kind == BODY_UNKNOWN) {
		curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
		x->kind = code < 200 || code > 299 ? BODY_OTHER
			  : x->lc->o.keep_body	   ? BODY_KEEP
						   : kind_of(x);
	}
	if (!x->want_body || x->kind == BODY_OTHER) {
		x->aborted = 1;
		return 0;
	}
	room = x->lc->o.max_body - x->body.len;
	if (len > room) {
		if (ml_buf_put(&x->body, data, room) == ML_OK)
			x->bytes += room;
		x->aborted = 1;
		x->truncated = 1;
		return 0;
	}
	if (ml_buf_put(&x->body, data, len) != ML_OK) {
		x->aborted = 1;
		return 0;
	}
	x->bytes += len;
	return len;
}

/* --- starting a transfer ------------------------------------------------ */

static int setup(ml_linkcheck *lc, links_xfer *x, const links_entry *e)
{
	CURL *h = x->h;
	CURLcode c = CURLE_OK;

	c |= curl_easy_setopt(h, CURLOPT_URL, e->cur);
	c |= curl_easy_setopt(h, CURLOPT_PRIVATE, x);
	c |= curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	c |= curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	c |= curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "https");
	/* Redirects are hops of our own, except for the https probe. */
	c |= curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, (long)e->probing);
	c |= curl_easy_setopt(h, CURLOPT_MAXREDIRS, (long)lc->o.max_redirects);
	c |= curl_easy_setopt(h, CURLOPT_NOBODY, (long)!e->get);
	c |= curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
			      lc->o.connect_timeout_ms);
	c |= curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, lc->o.timeout_ms);
	c |= curl_easy_setopt(h, CURLOPT_USERAGENT, lc->user_agent);
	c |= curl_easy_setopt(h, CURLOPT_PROXY, "");
	c |= curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
	c |= curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, x);
	c |= curl_easy_setopt(h, CURLOPT_PREREQFUNCTION, on_prereq);
	c |= curl_easy_setopt(h, CURLOPT_PREREQDATA, x);
	c |= curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	c |= curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
	c |= curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	c |= curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	c |= curl_easy_setopt(h, CURLOPT_ERRORBUFFER, x->errbuf);
	if (lc->resolve)
		c |= curl_easy_setopt(h, CURLOPT_RESOLVE, lc->resolve);
	if (x->want_body)
		c |= curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	return c == CURLE_OK ? ML_OK : ML_EIO;
}

static void xfer_free(links_xfer *x)
{
	if (x->h)
		curl_easy_cleanup(x->h);
	ml_buf_dispose(&x->body);
	free(x);
}

int links_start(ml_linkcheck *lc, size_t ei)
{
	links_entry *e = &lc->entries[ei];
	links_xfer *x = calloc(1, sizeof(*x));
	int rc;

	if (!x)
		return ML_ENOMEM;
	x->lc = lc;
	x->entry = ei;
	x->refused = ML_ADDR_PUBLIC;
	x->retry_after_s = -1;
	x->want_body = e->get && e->need_body && !e->probing;
	ml_buf_init(&x->body, lc->o.max_body);
	x->h = curl_easy_init();
	rc = x->h ? setup(lc, x, e) : ML_ENOMEM;
	if (rc == ML_OK && curl_multi_add_handle(lc->multi, x->h) != CURLM_OK)
		rc = ML_EIO;
	if (rc) {
		xfer_free(x);
		return rc;
	}
	e->xfer = x;
	e->phase = LINKS_PH_RUNNING;
	lc->hosts[e->host].active++;
	lc->active++;
	return ML_OK;
}

/* --- what an outcome means ---------------------------------------------- */

static unsigned long long next_rand(ml_linkcheck *lc)
{
	lc->rng ^= lc->rng << 13;
	lc->rng ^= lc->rng >> 7;
	lc->rng ^= lc->rng << 17;
	return lc->rng;
}

/* Exponential backoff with jitter (half fixed, half random), or the
 * server's Retry-After, capped. */
static long long retry_delay(ml_linkcheck *lc, const links_xfer *x, int tries)
{
	long long cap = (long long)lc->o.retry_after_cap_s * 1000, d;
	int shift = tries > 1 ? tries - 1 : 0;

	if (x->retry_after_s >= 0) {
		d = (long long)x->retry_after_s * 1000;
		return d < cap ? d : cap;
	}
	d = (long long)lc->o.backoff_ms << (shift > 16 ? 16 : shift);
	if (d > cap && cap > 0)
		d = cap;
	return d / 2 +
	       (long long)(next_rand(lc) % (unsigned long long)(d / 2 + 1));
}

static int is_transient_code(long code)
{
	return code == 408 || code == 429 || (code >= 500 && code <= 599);
}

/* A failure that another try may cure: timeouts and resets. */
static int is_transient_error(CURLcode res)
{
	switch (res) {
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM: return 1;
	default: return 0;
	}
}

/* A server that answered but not like HTTP: HEAD may be what it chokes
 * on, so GET is worth a try; a retry is not. */
static int is_garbage(CURLcode res)
{
	return res == CURLE_WEIRD_SERVER_REPLY ||
	       res == CURLE_BAD_CONTENT_ENCODING ||
	       res == CURLE_UNSUPPORTED_PROTOCOL;
}

/* Queue the entry again: GET after a failed HEAD, or a retry. */
static int again(ml_linkcheck *lc, links_xfer *x, int transient)
{
	links_entry *e = &lc->entries[x->entry];
	long long delay = 0;

	if (transient)
		delay = retry_delay(lc, x, ++e->tries);
	e->get = 1;
	return links_enqueue(lc, x->entry, links_now_ms() + delay);
}

static const char *error_text(const links_xfer *x, CURLcode res)
{
	return x->errbuf[0] ? x->errbuf : curl_easy_strerror(res);
}

static int transport_failure(ml_linkcheck *lc, links_xfer *x, CURLcode res)
{
	links_entry *e = &lc->entries[x->entry];
	int transient = is_transient_error(res);

	if (!e->get && (transient || is_garbage(res)))
		return again(lc, x, transient);
	if (transient && e->tries < lc->o.retries)
		return again(lc, x, 1);
	if (res == CURLE_OPERATION_TIMEDOUT)
		return links_settle(lc, x->entry, ML_LINK_TIMEOUT, "%s",
				    error_text(x, res));
	return links_settle(lc, x->entry, ML_LINK_BROKEN, "%s",
			    error_text(x, res));
}

static int http_failure(ml_linkcheck *lc, links_xfer *x, long code)
{
	links_entry *e = &lc->entries[x->entry];
	int transient = is_transient_code(code);
	ml_link_status st = ML_LINK_BROKEN;

	if (!e->get)
		return again(lc, x, transient);
	if (transient && e->tries < lc->o.retries)
		return again(lc, x, 1);
	if (code == 401 || code == 403 || code == 999)
		st = ML_LINK_BLOCKED;
	else if (code == 429)
		st = ML_LINK_RATE_LIMITED;
	return links_settle(lc, x->entry, st, "HTTP %ld", code);
}

static int in_chain(const links_entry *e, const char *url)
{
	size_t i;

	for (i = 0; i < e->nchain; i++)
		if (strcmp(e->chain[i], url) == 0)
			return 1;
	return 0;
}

static int is_http_url(const char *url)
{
	return strncasecmp(url, "http://", 7) == 0 ||
	       strncasecmp(url, "https://", 8) == 0;
}

/* Move the entry to the next hop. */
static int follow(ml_linkcheck *lc, links_entry *e, size_t ei, const char *loc,
		  long code)
{
	char *next = ml_strdup(loc), *seen = ml_strdup(loc);
	int rc = next && seen ? ML_OK : ML_ENOMEM;

	if (rc == ML_OK)
		rc = ml_grow((void **)&e->chain, &e->cchain, e->nchain + 1,
			     sizeof(*e->chain));
	if (rc) {
		free(next);
		free(seen);
		return rc;
	}
	e->chain[e->nchain++] = seen;
	if (e->perm_run && (code == 301 || code == 308)) {
		free(e->perm_url);
		e->perm_url = ml_strdup(loc);
		if (!e->perm_url)
			return ML_ENOMEM;
	} else {
		e->perm_run = 0;
	}
	free(e->cur);
	e->cur = next;
	rc = links_host_for(lc, next, &e->host);
	return rc ? rc : links_enqueue(lc, ei, 0);
}

static int redirect(ml_linkcheck *lc, links_xfer *x, long code)
{
	links_entry *e = &lc->entries[x->entry];
	char *loc = NULL;

	curl_easy_getinfo(x->h, CURLINFO_REDIRECT_URL, &loc);
	if (!loc && !e->get)
		return again(lc, x, 0);
	if (!loc)
		return links_settle(lc, x->entry, ML_LINK_BROKEN,
				    "HTTP %ld without a Location", code);
	if (!is_http_url(loc))
		return links_settle(lc, x->entry, ML_LINK_BROKEN,
				    "redirects to a non-http URL: %s", loc);
	if (++e->hops > lc->o.max_redirects)
		return links_settle(lc, x->entry, ML_LINK_BROKEN,
				    "more than %d redirects",
				    lc->o.max_redirects);
	if (in_chain(e, loc))
		return links_settle(lc, x->entry, ML_LINK_BROKEN,
				    "redirect loop at %s", loc);
	return follow(lc, e, x->entry, loc, code);
}

/* Look for the entry's fragments in the body just read. */
static int check_fragments(links_entry *e, links_xfer *x)
{
	ml_urlmap set;
	size_t i;
	int rc;

	if (!x->want_body)
		return ML_OK; /* the fragments stay unchecked */
	if (x->kind == BODY_UNKNOWN)
		x->kind = kind_of(x); /* an empty body */
	if (x->kind == BODY_OTHER)
		return ML_OK;
	ml_urlmap_init(&set);
	if (x->kind == BODY_MARKDOWN)
		rc = ml_anchors_markdown(ml_buf_cstr(&x->body), x->body.len,
					 &set);
	else
		rc = ml_anchors_html(ml_buf_cstr(&x->body), x->body.len, &set);
	if (rc == ML_ELIMIT) { /* over the parse budget: left unchecked */
		ml_urlmap_dispose(&set);
		return ML_OK;
	}
	for (i = 0; rc == ML_OK && i < e->nfrags; i++)
		if (e->fstate[i] == ML_FRAGMENT_UNCHECKED)
			e->fstate[i] = ml_fragment_found(&set, e->frags[i])
					       ? ML_FRAGMENT_FOUND
					       : ML_FRAGMENT_MISSING;
	ml_urlmap_dispose(&set);
	return rc;
}

/* Whether the https:// form of an http:// URL is worth a request: only
 * without an explicit port. "https://host:8080/" is the same port, which
 * speaks plain HTTP, so the probe could only fail (or hang in a TLS
 * handshake the server never answers) and cost the host a request. */
static int probe_worth(const char *url)
{
	CURLU *u = curl_url();
	char *port = NULL;
	int worth = 0;

	if (u && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK)
		worth = curl_url_get(u, CURLUPART_PORT, &port, 0) ==
			CURLUE_NO_PORT;
	curl_free(port);
	curl_url_cleanup(u);
	return worth;
}

int links_probe_skip(ml_linkcheck *lc, size_t ei)
{
	return links_settle(lc, ei, ML_LINK_OK, "HTTP %ld",
			    lc->entries[ei].code);
}

/* Check the https:// form of an http:// link that works. */
static int start_probe(ml_linkcheck *lc, size_t ei)
{
	links_entry *e = &lc->entries[ei];
	ml_buf u = ML_BUF_INIT(ML_LIMIT_SHORT);
	int rc;

	rc = ml_buf_printf(&u, "https%s", e->url + 4); /* after "http" */
	if (rc)
		return rc;
	free(e->cur);
	e->cur = ml_buf_detach(&u);
	if (!e->cur)
		return ML_ENOMEM;
	e->probing = 1;
	e->get = 0;
	e->tries = 0;
	rc = links_host_for(lc, e->cur, &e->host);
	if (rc == ML_OK && lc->hosts[e->host].no_tls)
		return links_probe_skip(lc, ei);
	return rc ? rc : links_enqueue(lc, ei, 0);
}

/* Fetch mode: the body is the result. */
static int keep(ml_linkcheck *lc, links_xfer *x, long code)
{
	links_entry *e = &lc->entries[x->entry];

	free(e->body);
	e->body_len = x->body.len;
	e->body_truncated = x->truncated;
	e->body = ml_buf_detach(&x->body);
	if (!e->body && !(e->body = ml_strdup("")))
		return ML_ENOMEM;
	return links_settle(lc, x->entry, ML_LINK_OK, "HTTP %ld", code);
}

static int success(ml_linkcheck *lc, links_xfer *x, long code)
{
	links_entry *e = &lc->entries[x->entry];
	int rc;

	if (lc->o.keep_body)
		return keep(lc, x, code);
	rc = check_fragments(e, x);

	if (rc)
		return rc;
	if (e->hops && !e->final_url && !(e->final_url = ml_strdup(e->cur)))
		return ML_ENOMEM;
	if (lc->o.check_insecure && strncasecmp(e->url, "http://", 7) == 0) {
		if (strncasecmp(e->cur, "https://", 8) == 0)
			e->insecure = 1; /* it redirects to https itself */
		else if (probe_worth(e->url))
			return start_probe(lc, x->entry);
	}
	return links_settle(lc, x->entry, ML_LINK_OK, "HTTP %ld", code);
}

static int probe_done(ml_linkcheck *lc, links_xfer *x, CURLcode res, long code)
{
	links_entry *e = &lc->entries[x->entry];
	int answered = res == CURLE_OK && x->refused == ML_ADDR_PUBLIC;
	curl_off_t tls = 0;

	curl_easy_getinfo(x->h, CURLINFO_APPCONNECT_TIME_T, &tls);
	if (answered && links_accepted(lc, code))
		e->insecure = 1;
	else if (res != CURLE_OK && code == 0 && tls == 0)
		/* No TLS handshake completed (refused, no TLS there, a
		 * handshake never answered): neither a GET nor this host's
		 * other probes would do better. */
		lc->hosts[e->host].no_tls = 1;
	else if (!e->get && x->refused == ML_ADDR_PUBLIC &&
		 (answered || is_transient_error(res) || is_garbage(res)))
		return again(lc, x, 0);
	return links_settle(lc, x->entry, ML_LINK_OK, "HTTP %ld", e->code);
}

static int hop_done(ml_linkcheck *lc, links_xfer *x, CURLcode res, long code)
{
	if (x->refused != ML_ADDR_PUBLIC && res != CURLE_OK)
		return links_settle(lc, x->entry, ML_LINK_PRIVATE,
				    "connects to the %s address %s",
				    x->refused == ML_ADDR_LINK_LOCAL
					    ? "link-local"
					    : "private",
				    x->refused_ip);
	if (res != CURLE_OK)
		return transport_failure(lc, x, res);
	if (code >= 300 && code <= 399 && code != 304)
		return redirect(lc, x, code);
	if (links_accepted(lc, code))
		return success(lc, x, code);
	return http_failure(lc, x, code);
}

/* Detach the transfer of entry e from the multi handle and its host. */
static links_xfer *detach(ml_linkcheck *lc, links_entry *e)
{
	links_xfer *x = e->xfer;

	curl_multi_remove_handle(lc->multi, x->h);
	lc->hosts[e->host].active--;
	lc->active--;
	lc->dirty = 1; /* a slot is free: schedule before sleeping */
	e->xfer = NULL;
	e->phase = LINKS_PH_NEW;
	e->body_bytes += x->bytes;
	return x;
}

int links_finish(ml_linkcheck *lc, CURL *h, CURLcode res)
{
	links_xfer *x;
	links_entry *e;
	char *priv = NULL;
	long code = 0;
	int rc;

	curl_easy_getinfo(h, CURLINFO_PRIVATE, &priv);
	x = (links_xfer *)(void *)priv;
	e = &lc->entries[x->entry];
	detach(lc, e);
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
	if (res == CURLE_WRITE_ERROR && x->aborted && code > 0)
		res = CURLE_OK; /* we stopped the body ourselves */
	if (!e->probing && code > 0)
		e->code = code;
	if (x->rl_limit > 0 && x->rl_interval_ms > 0 &&
	    lc->hosts[e->host].follow_headers)
		/* the server's budget, spread evenly over its interval, with
		 * a millisecond to spare for the network's jitter */
		lc->hosts[e->host].interval_ms =
			(x->rl_interval_ms + x->rl_limit - 1) / x->rl_limit + 1;
	rc = e->probing ? probe_done(lc, x, res, code)
			: hop_done(lc, x, res, code);
	xfer_free(x);
	return rc;
}

void links_abort_all(ml_linkcheck *lc)
{
	size_t i;

	for (i = 0; i < lc->nentries; i++)
		if (lc->entries[i].xfer)
			xfer_free(detach(lc, &lc->entries[i]));
}
