/* links/internal.h - what the files of the link checker share, lowest
 * first: links/state.c (clock, settling, hosts and queues), links/xfer.c
 * (one transfer: curl setup, callbacks, what its outcome means),
 * links/sched.c (the event loop) and links/check.c (API, cache, results).
 * A file calls only the ones before it. Not for other modules. */
#ifndef ML_LINKS_INTERNAL_H
#define ML_LINKS_INTERNAL_H

#include <curl/curl.h>
#include <pcre2.h>
#include <time.h>

#include "links/linkcheck.h"
#include "util/urlmap.h"

struct ml_link_xfer;

typedef enum {
	ML_PH_NEW,     /* not queued yet */
	ML_PH_QUEUED,  /* waiting in its host's queue */
	ML_PH_RUNNING, /* a transfer is in flight */
	ML_PH_DONE
} ml_link_phase;

/* One distinct URL (without fragment) and the state of its check. */
typedef struct {
	char *url;    /* normalised, no fragment */
	char **frags; /* distinct decoded fragments to look for */
	ml_fragment_state *fstate;
	size_t nfrags;
	int need_body; /* some fragment needs the body: GET only */
	ml_link_phase phase;
	struct ml_link_xfer *xfer;
	int probing; /* now trying the https:// form */
	char *cur;   /* the current hop */
	size_t host;
	int get;   /* GET rather than HEAD */
	int tries; /* transient failures so far */
	int hops;
	int perm_run;	      /* every hop so far was 301/308 */
	long long not_before; /* monotonic ms */
	char **chain;	      /* URLs visited, to see loops */
	size_t nchain, cchain;
	ml_link_status status;
	long code;
	char *detail;
	char *perm_url;
	char *final_url;
	int insecure;
	int from_cache;
	int requests;
	size_t body_bytes;
	char *body; /* keep_body: the 2xx body */
	size_t body_len;
	int body_truncated;
} ml_link_entry;

/* One URL string as added, and the result handed out for it. */
typedef struct {
	char *key;
	char *frag; /* decoded; NULL when none */
	size_t entry;
	ml_link_result res;
} ml_link_ref;

/* A host (scheme://name:port) of the scheduler. */
typedef struct {
	char *key;
	int active;	      /* transfers in flight */
	long long last_start; /* monotonic ms */
	int no_tls;	      /* an https probe never completed a TLS
				    handshake here: skip the other probes */
	size_t *queue;	      /* entries, in order; live part [qhead, qlen) */
	size_t qhead, qlen, qcap;
	int per_host;	    /* 0: the options' */
	long interval_ms;   /* -1: the options' */
	int follow_headers; /* X-Rate-Limit-* reset interval_ms */
} ml_link_host;

struct ml_linkcheck {
	ml_link_opts o; /* pointers into the caller's data cleared */
	int *accept;
	size_t naccept;
	char *cache_path;
	pcre2_code **exclude;
	char **exclude_what; /* "the links.exclude pattern ..." for messages */
	size_t nexclude;
	struct curl_slist *resolve;
	char *user_agent;

	ml_link_entry *entries;
	size_t nentries, centries;
	ml_link_ref *refs;
	size_t nrefs, crefs;
	ml_link_host *hosts;
	size_t nhosts, chosts;
	ml_urlmap entry_index, ref_index, host_index;

	CURLM *multi;
	int active; /* transfers in flight overall */
	size_t unsettled, failed;
	size_t requests;
	size_t rr; /* host where the next scheduling pass starts */
	int dirty; /* queued or freed a slot since the last
				    scheduling pass */
	unsigned long long rng;
	int ran;
};

/* links/state.c: the lowest layer */
long long ml_lc_now_ms(void);
/* Settle entry ei: its status and a printf-style detail. */
int ml_lc_settle(ml_linkcheck *lc, size_t ei, ml_link_status st,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int ml_lc_accepted(const ml_linkcheck *lc, long code);
/* Tell the caller's progress callback how many entries are settled. */
void ml_lc_report_progress(ml_linkcheck *lc);
/* The host of url, created when new. ML_EINVAL when url has no host. */
int ml_lc_host_for(ml_linkcheck *lc, const char *url, size_t *host);
/* Queue entry ei on its host (e->host), to start not before not_before. */
int ml_lc_enqueue(ml_linkcheck *lc, size_t ei, long long not_before);
/* The cap and interval of host h (its own, else the options'). */
int ml_lc_host_cap(const ml_linkcheck *lc, const ml_link_host *h);
long ml_lc_host_interval(const ml_linkcheck *lc, const ml_link_host *h);

/* links/sched.c: on state.c and xfer.c */
/* Run transfers until every entry is settled or the stop flag is set. */
int ml_lc_loop(ml_linkcheck *lc);

/* links/xfer.c: on state.c */
/* A Retry-After value (delay-seconds or an HTTP date) as seconds from now;
 * -1 when it is neither. */
long ml_lc_retry_after(const char *v, size_t n, time_t now);
int ml_lc_start(ml_linkcheck *lc, size_t ei);
int ml_lc_finish(ml_linkcheck *lc, CURL *h, CURLcode res);
/* Settle a queued https probe without a request when its host is known
 * to speak no TLS (ml_link_host.no_tls): the link stays OK. */
int ml_lc_probe_skip(ml_linkcheck *lc, size_t ei);
/* Drop every transfer in flight (the run was stopped). */
void ml_lc_abort_all(ml_linkcheck *lc);

#endif
