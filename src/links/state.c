/* links/state.c - the state every part of the link checker shares: the
 * clock, which codes count as accepted, settling an entry (its status,
 * detail and the progress counters), and the hosts with their queues.
 * The lowest file of links/: check.c, sched.c and xfer.c build on it and
 * it calls none of them. */
#include "links/internal.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/common.h"

long long links_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int links_accepted(const ml_linkcheck *lc, long code)
{
	size_t i;

	if (code >= 200 && code <= 299)
		return 1;
	for (i = 0; i < lc->naccept; i++)
		if (lc->accept[i] == code)
			return 1;
	return 0;
}

static int entry_failed(const links_entry *e)
{
	return e->status != ML_LINK_OK && e->status != ML_LINK_EXCLUDED &&
	       e->status != ML_LINK_UNDECIDED;
}

void links_report_progress(ml_linkcheck *lc)
{
	if (lc->o.progress && lc->ran)
		lc->o.progress(lc->o.progress_ctx, lc->nentries - lc->unsettled,
			       lc->nentries, lc->failed);
}

int links_settle(ml_linkcheck *lc, size_t ei, ml_link_status st,
		 const char *fmt, ...)
{
	links_entry *e = &lc->entries[ei];
	ml_buf d = ML_BUF_INIT(ML_LIMIT_TEXT);
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = ml_buf_vprintf(&d, fmt, ap);
	va_end(ap);
	if (rc)
		return rc;
	free(e->detail);
	e->detail = ml_buf_detach(&d);
	if (!e->detail)
		return ML_ENOMEM;
	e->status = st;
	e->phase = LINKS_PH_DONE;
	lc->unsettled--;
	if (entry_failed(e))
		lc->failed++;
	links_report_progress(lc);
	return ML_OK;
}

static int host_key(const char *url, ml_buf *key)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL;
	int rc = ML_OK;
	size_t i;

	if (!u)
		return ML_ENOMEM;
	if (curl_url_set(u, CURLUPART_URL, url, 0) ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT))
		rc = ML_EINVAL;
	else
		rc = ml_buf_printf(key, "%s://%s:%s", scheme, host, port);
	for (i = 0; rc == ML_OK && i < key->len; i++)
		key->ptr[i] = (char)tolower((unsigned char)key->ptr[i]);
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return rc;
}

static int host_new(ml_linkcheck *lc, const char *key, size_t *out)
{
	links_host *h;
	int rc;

	rc = ml_grow((void **)&lc->hosts, &lc->chosts, lc->nhosts + 1,
		     sizeof(*lc->hosts));
	if (rc)
		return rc;
	h = &lc->hosts[lc->nhosts];
	memset(h, 0, sizeof(*h));
	h->key = ml_strdup(key);
	h->last_start = LLONG_MIN / 2;
	h->interval_ms = -1;
	if (!h->key)
		return ML_ENOMEM;
	rc = ml_urlmap_put(&lc->host_index, key, lc->nhosts);
	if (rc) {
		free(h->key);
		return rc;
	}
	*out = lc->nhosts++;
	return ML_OK;
}

int links_host_for(ml_linkcheck *lc, const char *url, size_t *host)
{
	ml_buf key = ML_BUF_INIT(ML_LIMIT_SHORT);
	int rc = host_key(url, &key);

	if (rc == ML_OK && !ml_urlmap_get(&lc->host_index, key.ptr, host))
		rc = host_new(lc, key.ptr, host);
	ml_buf_dispose(&key);
	return rc;
}

int links_enqueue(ml_linkcheck *lc, size_t ei, long long not_before)
{
	links_entry *e = &lc->entries[ei];
	links_host *h = &lc->hosts[e->host];
	int rc;

	if (h->qhead && h->qlen == h->qcap) {
		memmove(h->queue, h->queue + h->qhead,
			(h->qlen - h->qhead) * sizeof(*h->queue));
		h->qlen -= h->qhead;
		h->qhead = 0;
	}
	rc = ml_grow((void **)&h->queue, &h->qcap, h->qlen + 1,
		     sizeof(*h->queue));
	if (rc)
		return rc;
	h->queue[h->qlen++] = ei;
	lc->dirty = 1;
	e->not_before = not_before;
	e->phase = LINKS_PH_QUEUED;
	return ML_OK;
}

int links_host_cap(const ml_linkcheck *lc, const links_host *h)
{
	return h->per_host > 0 ? h->per_host : lc->o.per_host;
}

long links_host_interval(const ml_linkcheck *lc, const links_host *h)
{
	return h->interval_ms >= 0 ? h->interval_ms : lc->o.interval_ms;
}
