/* util/common.h - result codes and small helpers shared by every module.
 *
 * Every fallible function in the core returns an ml_result: 0 is success,
 * negative values are errors. Codes are passed up unchanged; the core never
 * prints and never exits. */
#ifndef ML_COMMON_H
#define ML_COMMON_H

#include <stddef.h>

typedef enum {
	ML_OK = 0,
	ML_ENOMEM = -1, /* allocation failed */
	ML_EIO = -2,	/* file or stream error, errno is meaningful */
	ML_ELIMIT = -3, /* a size, depth or count limit was reached */
	ML_EINVAL = -4, /* invalid input (bad schema, bad option value) */
	ML_ECONFIG = -5 /* configuration error */
} ml_result;

/* A result the caller must look at (curl marks every dynbuf add the same
 * way): dropping it turns an out-of-memory into a silently missing check. */
#if defined(__GNUC__) || defined(__clang__)
#define ML_WARN_UNUSED __attribute__((warn_unused_result))
#else
#define ML_WARN_UNUSED
#endif

#define ML_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The 0-based index of the line holding byte offset off, given the
 * ascending offsets starts[0..n) at which lines begin (starts[0] == 0).
 * Shared by the document parser, the range finisher and the language
 * server's position conversion. */
static inline size_t ml_line_at(const size_t *starts, size_t n, size_t off)
{
	size_t lo = 0, hi = n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Bounded string duplication that never returns a non-terminated string. */
ML_WARN_UNUSED char *ml_strndup(const char *s, size_t n);
ML_WARN_UNUSED char *ml_strdup(const char *s);

/* Grow *items (of *cap elements of size elem) so that it holds at least
 * need elements. Returns ML_OK or ML_ENOMEM; *items is untouched on error. */
ML_WARN_UNUSED int ml_grow(void **items, size_t *cap, size_t need, size_t elem);

#endif
