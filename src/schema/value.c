/* schema/value.c - instance values as the validator needs them: short
 * renderings for messages, deep equality (1 == 1.0, maps unordered),
 * duplicate search for uniqueItems, code points, multipleOf. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "schema/internal.h"
#include "util/common.h"

#define EQUAL_DEPTH_MAX 256
#define SHOW_MAX 60 /* bytes of an instance string quoted in a message */

void sch_put_number(ml_buf *b, double d)
{
	if (d == floor(d) && fabs(d) < 1e15)
		ml_buf_printf(b, "%.0f", d);
	else
		ml_buf_printf(b, "%.15g", d);
}

void sch_put_str(ml_buf *b, const char *s, size_t n, int bare)
{
	size_t i, len = n > SHOW_MAX ? SHOW_MAX : n;

	while (len < n && len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--; /* cut between UTF-8 sequences */
	if (!bare)
		ml_buf_putc(b, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			ml_buf_printf(b, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			ml_buf_printf(b, "\\u%04x", c);
		else
			ml_buf_putc(b, (char)c);
	}
	if (len < n)
		ml_buf_puts(b, "...");
	if (!bare)
		ml_buf_putc(b, '"');
}

void sch_put_value(ml_buf *b, const ml_node *n, int bare)
{
	switch (n->type) {
	case ML_NODE_NULL: ml_buf_puts(b, "null"); return;
	case ML_NODE_BOOL:
		ml_buf_puts(b, n->boolean ? "true" : "false");
		return;
	case ML_NODE_INT:
	case ML_NODE_FLOAT: sch_put_number(b, n->num); return;
	case ML_NODE_SEQ: ml_buf_puts(b, "an array"); return;
	case ML_NODE_MAP: ml_buf_puts(b, "an object"); return;
	case ML_NODE_STRING: break;
	}
	sch_put_str(b, n->str, n->len, bare);
}

/* Report a fault (in reporting mode) and count it. A message is the path
 * of p (plus key, when given), ": ", then fmt where "%V" is `val`. */

static uint64_t mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

/* A hash consistent with ml_node_equal (1 == 1.0, maps unordered). */
static uint64_t node_hash(const ml_node *n, int depth)
{
	uint64_t h = (uint64_t)n->type * 0x9E3779B97F4A7C15ull;
	size_t i;
	double d;

	if (depth > EQUAL_DEPTH_MAX)
		return h;
	switch (n->type) {
	case ML_NODE_INT:
	case ML_NODE_FLOAT:
		d = n->num == 0 ? 0 : n->num;
		memcpy(&h, &d, sizeof(h));
		return mix(h ^ 7);
	case ML_NODE_BOOL: return mix(h ^ (uint64_t)(n->boolean != 0));
	case ML_NODE_STRING:
		for (i = 0; i < n->len; i++)
			h = (h ^ (unsigned char)n->str[i]) * 0x100000001b3ull;
		return mix(h);
	case ML_NODE_SEQ:
		for (i = 0; i < n->nitems; i++)
			h = mix(h + node_hash(n->items[i], depth + 1));
		return h;
	case ML_NODE_MAP:
		for (i = 0; i < n->npairs; i++)
			h += mix(node_hash(n->pairs[i].key, depth + 1) * 31 +
				 node_hash(n->pairs[i].value, depth + 1));
		return mix(h);
	default: return mix(h);
	}
}

typedef struct {
	uint64_t h;
	size_t i;
} hashed;

static int cmp_hashed(const void *a, const void *b)
{
	const hashed *x = a, *y = b;

	if (x->h != y->h)
		return x->h < y->h ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

int sch_find_duplicate(const ml_node *seq, size_t *first, size_t *second)
{
	size_t n = seq->nitems, i, j, best = (size_t)-1;
	hashed *hs;

	if (n <= 16) {
		for (j = 1; j < n; j++)
			for (i = 0; i < j; i++)
				if (ml_node_equal(seq->items[i],
						  seq->items[j])) {
					*first = i;
					*second = j;
					return 1;
				}
		return 0;
	}
	if (!(hs = malloc(n * sizeof(*hs))))
		return ML_ENOMEM;
	for (i = 0; i < n; i++) {
		hs[i].h = node_hash(seq->items[i], 0);
		hs[i].i = i;
	}
	qsort(hs, n, sizeof(*hs), cmp_hashed);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n && hs[j].h == hs[i].h; j++)
			if (hs[j].i < best &&
			    ml_node_equal(seq->items[hs[i].i],
					  seq->items[hs[j].i])) {
				best = hs[j].i;
				*first = hs[i].i;
			}
	free(hs);
	*second = best;
	return best != (size_t)-1;
}

size_t sch_code_points(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

int sch_is_multiple(double x, double m)
{
	double q;

	if (x == floor(x) && m == floor(m) && fabs(x) < 9e15 && m < 9e15)
		return fmod(x, m) == 0;
	q = x / m;
	if (!isfinite(q)) /* overflow: fmod is exact, if slow */
		return fmod(x, m) == 0;
	return fabs(q - nearbyint(q)) <= 1e-9 * (fabs(q) > 1 ? fabs(q) : 1);
}
