/* links/sched.c - the per-host scheduler and the event loop of the link
 * checker.
 *
 * Each host keeps a FIFO of entries waiting to start. A scheduling pass
 * visits the hosts round-robin (so that one busy host cannot take the whole
 * global cap) and starts, per host, what its cap, its interval since the
 * last start and the entries' retry times allow. Between passes the loop
 * sleeps in curl_multi_poll until a socket is ready or the next start is
 * due. */
#include "links/internal.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "util/common.h"

#define ML_POLL_MAX_MS 200 /* how late the stop flag may be seen */

/* Take the first queued entry whose time has come. 0 when none; then
 * *soonest is when the first one will be due. */
static int host_pop(ml_linkcheck *lc, links_host *h, long long now, size_t *ei,
		    long long *soonest)
{
	size_t i;

	*soonest = LLONG_MAX;
	for (i = h->qhead; i < h->qlen; i++) {
		long long nb = lc->entries[h->queue[i]].not_before;
		if (nb > now) {
			if (nb < *soonest)
				*soonest = nb;
			continue;
		}
		*ei = h->queue[i];
		if (i == h->qhead) {
			h->qhead++;
		} else {
			memmove(h->queue + i, h->queue + i + 1,
				(h->qlen - i - 1) * sizeof(*h->queue));
			h->qlen--;
		}
		return 1;
	}
	return 0;
}

/* Start what host h allows now; lower *wake to when it could start more
 * (a completion wakes the loop anyway when a cap is the limit). */
static int host_fill(ml_linkcheck *lc, links_host *h, long long now,
		     long long *wake)
{
	long long due, soonest;
	size_t ei;
	int rc;

	while (h->qhead < h->qlen) {
		if (h->active >= links_host_cap(lc, h) ||
		    lc->active >= lc->o.global)
			return ML_OK;
		due = h->last_start + links_host_interval(lc, h);
		if (due > now) {
			if (due < *wake)
				*wake = due;
			return ML_OK;
		}
		if (!host_pop(lc, h, now, &ei, &soonest)) {
			if (soonest < *wake)
				*wake = soonest;
			return ML_OK;
		}
		if (lc->entries[ei].probing && h->no_tls) {
			/* no request: the interval is not used up */
			if ((rc = links_probe_skip(lc, ei)))
				return rc;
			continue;
		}
		h->last_start = now;
		rc = links_start(lc, ei);
		if (rc)
			return rc;
	}
	return ML_OK;
}

static int schedule(ml_linkcheck *lc, long long now, long long *wake)
{
	size_t k;
	int rc = ML_OK;

	*wake = LLONG_MAX;
	lc->dirty = 0;
	for (k = 0; k < lc->nhosts && rc == ML_OK; k++)
		rc = host_fill(lc, &lc->hosts[(lc->rr + k) % lc->nhosts], now,
			       wake);
	lc->rr++;
	return rc;
}

static int drain(ml_linkcheck *lc)
{
	CURLMsg *m;
	int left, rc = ML_OK;

	while (rc == ML_OK && (m = curl_multi_info_read(lc->multi, &left)))
		if (m->msg == CURLMSG_DONE)
			rc = links_finish(lc, m->easy_handle, m->data.result);
	return rc;
}

static int stopped(const ml_linkcheck *lc)
{
	return lc->o.stop && *lc->o.stop;
}

int links_loop(ml_linkcheck *lc)
{
	long long now, wake, wait;
	int running, rc = ML_OK;

	while (rc == ML_OK && lc->unsettled && !stopped(lc)) {
		now = links_now_ms();
		rc = schedule(lc, now, &wake);
		if (rc)
			break;
		if (curl_multi_perform(lc->multi, &running) != CURLM_OK)
			rc = ML_EIO;
		if (rc == ML_OK)
			rc = drain(lc);
		if (rc || !lc->unsettled)
			break;
		/* Something queued by the completions just handled may be
		 * due now: go round again before sleeping. */
		wait = lc->dirty	   ? 0
		       : wake == LLONG_MAX ? ML_POLL_MAX_MS
					   : wake - now;
		if (wait > ML_POLL_MAX_MS)
			wait = ML_POLL_MAX_MS;
		if (wait > 0 && curl_multi_poll(lc->multi, NULL, 0, (int)wait,
						NULL) != CURLM_OK)
			rc = ML_EIO;
	}
	if (lc->active)
		links_abort_all(lc);
	return rc;
}
