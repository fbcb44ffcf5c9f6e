/* util/diff.c - a unified diff of two texts, line by line (util/diff.h).
 *
 * Myers, "An O(ND) Difference Algorithm and Its Variations" (1986): the
 * forward greedy search, keeping each round's furthest-reaching points so
 * that the path can be walked back. Rounds are bounded by
 * ML_DIFF_MAX_EDITS, which bounds the kept points (about D^2 ints). */
#include "util/diff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *p;
	size_t n; /* with its '\n', when it has one */
} diff_line;

typedef struct {
	diff_line *v;
	size_t n;
} diff_lines;

enum { DIFF_EQ, DIFF_DEL, DIFF_INS };

typedef struct {
	unsigned char op;
	size_t a, b; /* the lines of a and b before this one */
} diff_op;

typedef struct {
	diff_op *v;
	size_t n;
} diff_script;

static int split_lines(const char *t, size_t len, diff_lines *out)
{
	size_t i, n = 0, start = 0;

	for (i = 0; i < len; i++)
		n += t[i] == '\n';
	n += len && t[len - 1] != '\n';
	out->n = 0;
	out->v = calloc(n ? n : 1, sizeof(*out->v));
	if (!out->v)
		return ML_ENOMEM;
	for (i = 0; i < len; i++)
		if (t[i] == '\n' || i + 1 == len) {
			out->v[out->n].p = t + start;
			out->v[out->n].n = i + 1 - start;
			out->n++;
			start = i + 1;
		}
	return ML_OK;
}

static int same(const diff_line *x, const diff_line *y)
{
	return x->n == y->n && memcmp(x->p, y->p, x->n) == 0;
}

static void push(diff_script *s, int op, size_t a, size_t b)
{
	s->v[s->n].op = (unsigned char)op;
	s->v[s->n].a = a;
	s->v[s->n].b = b;
	s->n++;
}

/* The middle a[a0..a0+N) against b[b0..b0+M) as Myers' shortest edit
 * script, appended to s; ML_ELIMIT when it needs more than
 * ML_DIFF_MAX_EDITS edits (s unchanged). */
static int myers(const diff_lines *A, const diff_lines *B, size_t a0, size_t b0,
		 long N, long M, diff_script *s)
{
	const long dmax = ML_DIFF_MAX_EDITS, off = dmax + 2;
	long *V, *trace, d, k, x, y, D = -1;
	diff_op *rev;
	size_t nrev = 0, i;

	V = calloc((size_t)(2 * off + 1), sizeof(*V));
	trace = malloc((size_t)((dmax + 1) * (dmax + 3)) * sizeof(*trace));
	if (!V || !trace) {
		free(V);
		free(trace);
		return ML_ENOMEM;
	}
	for (d = 0; d <= dmax && D < 0; d++) {
		/* round d's starting points: V[-d-1 .. d+1] */
		memcpy(trace + d * d + 2 * d, V + off - d - 1,
		       (size_t)(2 * d + 3) * sizeof(*V));
		for (k = -d; k <= d; k += 2) {
			if (k == -d ||
			    (k != d && V[off + k - 1] < V[off + k + 1]))
				x = V[off + k + 1];
			else
				x = V[off + k - 1] + 1;
			y = x - k;
			while (x < N && y < M &&
			       same(&A->v[a0 + (size_t)x],
				    &B->v[b0 + (size_t)y]))
				x++, y++;
			V[off + k] = x;
			if (x >= N && y >= M) {
				D = d;
				break;
			}
		}
	}
	free(V);
	if (D < 0) {
		free(trace);
		return ML_ELIMIT;
	}
	rev = malloc((size_t)(N + M + 1) * sizeof(*rev));
	if (!rev) {
		free(trace);
		return ML_ENOMEM;
	}
	/* Walk back from (N, M): each round d ends with a snake after one
	 * edit that left round d-1's point (prev_x, prev_y). */
	x = N;
	y = M;
	for (d = D; d >= 0; d--) {
		const long *P = trace + d * d + 2 * d + d + 1; /* P[k] */
		long pk, px, py;

		k = x - y;
		pk = (k == -d || (k != d && P[k - 1] < P[k + 1])) ? k + 1
								  : k - 1;
		px = P[pk]; /* round 0: P[1] is 0, so (0, -1) */
		py = px - pk;
		while (x > px && y > py) {
			x--, y--;
			rev[nrev++] = (diff_op){ DIFF_EQ, a0 + (size_t)x,
						 b0 + (size_t)y };
		}
		if (d == 0)
			break;
		if (pk == k + 1) { /* down: b[py] inserted */
			rev[nrev++] = (diff_op){ DIFF_INS, a0 + (size_t)px,
						 b0 + (size_t)py };
		} else { /* right: a[px] deleted */
			rev[nrev++] = (diff_op){ DIFF_DEL, a0 + (size_t)px,
						 b0 + (size_t)py };
		}
		x = px;
		y = py;
	}
	for (i = nrev; i-- > 0;)
		s->v[s->n++] = rev[i];
	free(rev);
	free(trace);
	return ML_OK;
}

static int script(const diff_lines *A, const diff_lines *B, diff_script *s)
{
	size_t pre = 0, suf = 0, i, a1, b1;
	int rc;

	s->n = 0;
	s->v = malloc((A->n + B->n + 1) * sizeof(*s->v));
	if (!s->v)
		return ML_ENOMEM;
	while (pre < A->n && pre < B->n && same(&A->v[pre], &B->v[pre]))
		pre++;
	while (suf < A->n - pre && suf < B->n - pre &&
	       same(&A->v[A->n - 1 - suf], &B->v[B->n - 1 - suf]))
		suf++;
	for (i = 0; i < pre; i++)
		push(s, DIFF_EQ, i, i);
	a1 = A->n - suf;
	b1 = B->n - suf;
	rc = myers(A, B, pre, pre, (long)(a1 - pre), (long)(b1 - pre), s);
	if (rc == ML_ENOMEM)
		return rc;
	if (rc) { /* too far apart: the middle removed and added whole */
		for (i = pre; i < a1; i++)
			push(s, DIFF_DEL, i, pre);
		for (i = pre; i < b1; i++)
			push(s, DIFF_INS, a1, i);
	}
	for (i = 0; i < suf; i++)
		push(s, DIFF_EQ, a1 + i, b1 + i);
	return ML_OK;
}

static void put_line(ml_buf *out, char mark, const diff_line *l)
{
	ml_buf_putc(out, mark);
	ml_buf_put(out, l->p, l->n);
	if (l->n == 0 || l->p[l->n - 1] != '\n')
		ml_buf_puts(out, "\n\\ No newline at end of file\n");
}

/* diff(1)'s range: the first line (1-based; the line before when the
 * range is empty) and the count. */
static void put_range(ml_buf *out, char mark, size_t first, size_t count)
{
	ml_buf_printf(out, "%c%zu,%zu", mark, count ? first + 1 : first, count);
}

/* ops[s..e) as one hunk; in each run of changes the removed lines come
 * before the added ones. */
static void put_hunk(ml_buf *out, const diff_lines *A, const diff_lines *B,
		     const diff_op *ops, size_t s, size_t e)
{
	size_t i, j, na = 0, nb = 0;

	for (i = s; i < e; i++) {
		na += ops[i].op != DIFF_INS;
		nb += ops[i].op != DIFF_DEL;
	}
	ml_buf_puts(out, "@@ ");
	put_range(out, '-', ops[s].a, na);
	ml_buf_putc(out, ' ');
	put_range(out, '+', ops[s].b, nb);
	ml_buf_puts(out, " @@\n");
	for (i = s; i < e;) {
		if (ops[i].op == DIFF_EQ) {
			put_line(out, ' ', &A->v[ops[i].a]);
			i++;
			continue;
		}
		for (j = i; j < e && ops[j].op != DIFF_EQ; j++)
			if (ops[j].op == DIFF_DEL)
				put_line(out, '-', &A->v[ops[j].a]);
		for (j = i; j < e && ops[j].op != DIFF_EQ; j++)
			if (ops[j].op == DIFF_INS)
				put_line(out, '+', &B->v[ops[j].b]);
		i = j;
	}
}

static void put_hunks(ml_buf *out, const diff_lines *A, const diff_lines *B,
		      const diff_script *s)
{
	const size_t ctx = ML_DIFF_CONTEXT;
	size_t i = 0, first, last, next, start, end;

	for (;;) {
		while (i < s->n && s->v[i].op == DIFF_EQ)
			i++;
		if (i == s->n)
			return;
		first = i;
		last = i; /* the last change of the hunk */
		for (next = i + 1; next < s->n; next++) {
			if (s->v[next].op == DIFF_EQ)
				continue;
			if (next - last - 1 > 2 * ctx)
				break;
			last = next;
		}
		start = first > ctx ? first - ctx : 0;
		end = last + 1 + ctx < s->n ? last + 1 + ctx : s->n;
		put_hunk(out, A, B, s->v, start, end);
		i = last + 1;
	}
}

int ml_diff_unified(const char *a_name, const char *b_name, const char *a,
		    size_t alen, const char *b, size_t blen, ml_buf *out)
{
	diff_lines A = { NULL, 0 }, B = { NULL, 0 };
	diff_script s = { NULL, 0 };
	int rc;

	if (alen == blen && (alen == 0 || memcmp(a, b, alen) == 0))
		return ML_OK;
	rc = split_lines(a, alen, &A);
	if (!rc)
		rc = split_lines(b, blen, &B);
	if (!rc)
		rc = script(&A, &B, &s);
	if (!rc) {
		ml_buf_printf(out, "--- %s\n+++ %s\n", a_name, b_name);
		put_hunks(out, &A, &B, &s);
		rc = ml_buf_failed(out);
	}
	free(A.v);
	free(B.v);
	free(s.v);
	return rc;
}
