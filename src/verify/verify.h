/* verify/verify.h - the run-wide reference verification phase
 * (--verify-refs, SPEC "Reference verification").
 *
 * Every distinct identifier of every result (ml_file_result.refs) is
 * looked up once: DOIs at Crossref (GET {crossref}/works/{doi}), PMIDs and
 * PMCIDs at NCBI esummary, up to 200 ids a request. The requests go
 * through the link checker (its per-host scheduler, retries, Retry-After
 * and SSRF guard) in fetch mode. Findings (citation-unresolved,
 * -mismatch, -retracted, -updated) are added at the identifier in each
 * citing article. A registry that fails (timeout, 5xx, 429 left after
 * retries, an answer that is not its JSON) is a warning naming it, never a
 * finding. */
#ifndef ML_VERIFY_H
#define ML_VERIFY_H

#include <stddef.h>

#include "core/result.h"
#include "core/ruletab.h"
#include "links/linkcheck.h"
#include "util/buf.h"

typedef struct {
	ml_link_opts link; /* timeouts, retries, allow_private, resolve,
			      stop; fetch mode is set here */
	const char *crossref, *eutils; /* base URLs without trailing '/' */
	const char *mailto;	       /* NULL: none (public pool) */
	const char *api_key;	       /* NCBI; NULL: none (3 requests/s) */
	double title_similarity;       /* 0.85 */
	const char *cache_path;	       /* NULL: no cache */
	long cache_ttl_s;
	size_t batch; /* ids per esummary request: 200 */
} ml_verify_opts;

void ml_verify_opts_default(ml_verify_opts *o);

typedef struct {
	size_t ids;	 /* distinct identifiers */
	size_t cached;	 /* of them settled by the cache */
	size_t requests; /* sent on the wire (all tries) */
	size_t trouble;	 /* identifiers a registry could not answer */
} ml_verify_stats;

/* ML_OK, ML_ENOMEM, or ML_EIO when libcurl cannot start (err says why). */
int ml_verify_refs(const ml_verify_opts *o, const ml_severity *severity,
		   ml_file_result *results, size_t n, ml_verify_stats *st,
		   ml_buf *warnings, ml_buf *err);

#endif
