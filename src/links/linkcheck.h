/* links/linkcheck.h - external link checking: one libcurl multi event loop with
 * a per-host scheduler, an SSRF guard and a result cache.
 *
 * Use: ml_linkcheck_new, ml_linkcheck_add every URL (with or without a
 * #fragment, as often as it appears), ml_linkcheck_run once, then
 * ml_linkcheck_result for each URL added. Each distinct URL without its
 * fragment is fetched at most once per run; each distinct fragment of it is
 * looked up in the one body fetched.
 *
 * Politeness (SPEC "Links"): a host is scheme + name + port; at most
 * per_host transfers run on a host and global overall, and request starts
 * on one host are interval_ms apart. A link is tried with HEAD, and with
 * GET when HEAD fails in any way; GET only when a fragment must be found
 * in the body. Timeouts, resets, 408, 429 and 5xx are retried with
 * exponential backoff and jitter, or after Retry-After (capped).
 * Redirects are followed one hop at a time, each hop scheduled on its own
 * host; 301/308 at the start of the chain make the result a permanent
 * redirect.
 *
 * SSRF: every address is checked when curl opens the socket (before the
 * connection) and again before each request is sent, on every hop.
 * Proxies from the environment are not used: the guard must see the
 * address really connected.
 *
 * The core never prints: warnings (cache trouble) go to a buffer, progress
 * to an optional callback. */
#ifndef ML_LINKCHECK_H
#define ML_LINKCHECK_H

#include <signal.h>
#include <stddef.h>

#include "util/buf.h"

typedef struct {
	long connect_timeout_ms; /* 5000 */
	long timeout_ms;	 /* 10000, one attempt */
	int retries;	 /* 3 further attempts after transient failures */
	long backoff_ms; /* 500: first retry delay, doubled each time */
	long retry_after_cap_s; /* 60: longest Retry-After honoured */
	int per_host;		/* 4 */
	int global;		/* 64 */
	long interval_ms;	/* 100: between request starts on one host */
	int max_redirects;	/* 10 */
	int allow_private;	/* 0; link-local stays refused regardless */
	int check_insecure;	/* 1: try https:// for http:// links */
	const char *const *resolve; /* "HOST:PORT:ADDR" as curl --resolve */
	size_t nresolve;
	const int *accept; /* status codes accepted besides 2xx */
	size_t naccept;
	const char *const *exclude; /* PCRE2 patterns: matching URLs skipped */
	const char *const *exclude_at; /* where each is defined, or NULL */
	size_t nexclude;
	const char *cache_path; /* NULL: no cache */
	long cache_ttl_s;	/* 7 days */
	size_t max_body;	/* 5 MiB of decoded body for fragment checks */
	/* Fetch mode (reference verification): every URL is a GET whose 2xx
	 * body is kept whatever its type, up to max_body (beyond that it is
	 * cut and marked truncated); no HEAD, no https probe. */
	int keep_body;
	const char *user_agent; /* NULL: "medlint/VERSION" */
	/* Called after each URL is settled (and once at the start). */
	void (*progress)(void *ctx, size_t done, size_t total, size_t failed);
	void *progress_ctx;
	/* When set and nonzero (a SIGINT handler sets it), the run stops at
	 * the next turn of the loop; what is settled is kept and cached. */
	volatile sig_atomic_t *stop;
} ml_link_opts;

void ml_link_opts_default(ml_link_opts *o);

typedef enum {
	ML_LINK_OK,	 /* 2xx or accepted; maybe a redirect (below) */
	ML_LINK_BROKEN,	 /* 4xx (not 401/403/429), 5xx, DNS, refused,
				 TLS, reset, garbage, bad redirect */
	ML_LINK_PRIVATE, /* SSRF guard refused the address */
	ML_LINK_TIMEOUT,
	ML_LINK_BLOCKED,      /* 401, 403, 999 */
	ML_LINK_RATE_LIMITED, /* 429 left after retries */
	ML_LINK_EXCLUDED,     /* matched an exclude pattern: not fetched */
	ML_LINK_UNCHECKED,    /* the run was stopped before it was settled */
	ML_LINK_UNDECIDED     /* an exclude pattern ran out of the regex
				 budget (detail: which): not fetched */
} ml_link_status;

typedef enum {
	ML_FRAGMENT_NONE, /* the URL has no fragment to look for */
	ML_FRAGMENT_FOUND,
	ML_FRAGMENT_MISSING,  /* the body has no such id/name/heading */
	ML_FRAGMENT_UNCHECKED /* no body to look in (error, not HTML or
				  Markdown) */
} ml_fragment_state;

typedef struct {
	const char *url; /* as added */
	ml_link_status status;
	long http_code;	    /* last status received, 0 when none */
	const char *detail; /* why, for messages: "HTTP 404", curl's
				    error text, ...; never NULL */
	int redirected_permanently;
	const char *permanent_url; /* where the 301/308s lead: the URL to
				      use instead; NULL unless permanent */
	const char *final_url;	   /* last hop when redirected, else NULL */
	int redirects;		   /* hops followed */
	int insecure_https_works;  /* http:// link whose https:// form works
				     (tried only without an explicit port,
				     and not on a host where a try found
				     no TLS) */
	int from_cache;
	int requests;	      /* requests sent for this URL (all tries,
				    hops, the https probe) */
	size_t body_bytes;    /* decoded body bytes read */
	const char *fragment; /* percent-decoded, NULL when none */
	ml_fragment_state fragment_state;
	/* keep_body: the 2xx body (NUL-terminated), NULL when none */
	const char *body;
	size_t body_len;
	int body_truncated; /* longer than max_body: cut there */
} ml_link_result;

typedef struct ml_linkcheck ml_linkcheck;

/* new copies the arrays and strings of o (resolve, accept, exclude,
 * cache_path); only progress_ctx and stop must outlive the checker.
 * ML_OK, ML_ENOMEM, or ML_ECONFIG with the reason (a bad exclude
 * pattern) in err when err is not NULL. */
int ml_linkcheck_new(const ml_link_opts *o, ml_linkcheck **out, ml_buf *err);
/* Politeness of one host (the scheme, name and port of url), set before
 * the run: at most per_host transfers (0: the default) and interval_ms
 * between request starts (-1: the default). With follow_headers, a
 * response's X-Rate-Limit-Limit and X-Rate-Limit-Interval (Crossref)
 * reset the interval to interval / limit. ML_OK, ML_ENOMEM, ML_EINVAL. */
int ml_linkcheck_host_limit(ml_linkcheck *lc, const char *url, int per_host,
			    long interval_ms, int follow_headers);
/* Add a URL (before the run). A malformed or non-http(s) URL is settled at once as broken.
 * ML_OK or ML_ENOMEM. */
int ml_linkcheck_add(ml_linkcheck *lc, const char *url);
/* Load the cache, check every URL not settled by it, save the cache (also
 * when stopped). Cache trouble is a warning appended to warnings, not an
 * error. ML_OK, ML_ENOMEM, or ML_EIO when libcurl cannot start. */
int ml_linkcheck_run(ml_linkcheck *lc, ml_buf *warnings);
/* The result for a URL exactly as added, or NULL. */
const ml_link_result *ml_linkcheck_result(const ml_linkcheck *lc,
					  const char *url);
/* Distinct URLs (without fragment) to check, and requests actually sent
 * on the wire in this run. */
size_t ml_linkcheck_count(const ml_linkcheck *lc);
size_t ml_linkcheck_requests(const ml_linkcheck *lc);
void ml_linkcheck_free(ml_linkcheck *lc);

#endif
