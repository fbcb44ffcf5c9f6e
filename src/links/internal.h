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

struct links_xfer;

typedef enum {
	LINKS_PH_NEW,	  /* not queued yet */
	LINKS_PH_QUEUED,  /* waiting in its host's queue */
	LINKS_PH_RUNNING, /* a transfer is in flight */
	LINKS_PH_DONE
} links_phase;

/* One distinct URL (without fragment) and the state of its check. */
typedef struct {
	char *url;    /* normalised, no fragment */
	char **frags; /* distinct decoded fragments to look for */
	ml_fragment_state *fstate;
	size_t nfrags;
	int need_body; /* some fragment needs the body: GET only */
	links_phase phase;
	struct links_xfer *xfer;
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
} links_entry;

/* One URL string as added, and the result handed out for it. */
typedef struct {
	char *key;
	char *frag; /* decoded; NULL when none */
	size_t entry;
	ml_link_result res;
} links_ref;

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
} links_host;

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

	links_entry *entries;
	size_t nentries, centries;
	links_ref *refs;
	size_t nrefs, crefs;
	links_host *hosts;
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
long long links_now_ms(void);
/* Settle entry ei: its status and a printf-style detail. */
int links_settle(ml_linkcheck *lc, size_t ei, ml_link_status st,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int links_accepted(const ml_linkcheck *lc, long code);
/* Tell the caller's progress callback how many entries are settled. */
void links_report_progress(ml_linkcheck *lc);
/* The host of url, created when new. ML_EINVAL when url has no host. */
int links_host_for(ml_linkcheck *lc, const char *url, size_t *host);
/* Queue entry ei on its host (e->host), to start not before not_before. */
int links_enqueue(ml_linkcheck *lc, size_t ei, long long not_before);
/* The cap and interval of host h (its own, else the options'). */
int links_host_cap(const ml_linkcheck *lc, const links_host *h);
long links_host_interval(const ml_linkcheck *lc, const links_host *h);

/* links/sched.c: on state.c and xfer.c */
/* Run transfers until every entry is settled or the stop flag is set. */
int links_loop(ml_linkcheck *lc);

/* links/xfer.c: on state.c */
/* A Retry-After value (delay-seconds or an HTTP date) as seconds from now;
 * -1 when it is neither. */
long links_retry_after(const char *v, size_t n, time_t now);
int links_start(ml_linkcheck *lc, size_t ei);
int links_finish(ml_linkcheck *lc, CURL *h, CURLcode res);
/* Settle a queued https probe without a request when its host is known
 * to speak no TLS (links_host.no_tls): the link stays OK. */
int links_probe_skip(ml_linkcheck *lc, size_t ei);
/* Drop every transfer in flight (the run was stopped). */
void links_abort_all(ml_linkcheck *lc);

#endif
