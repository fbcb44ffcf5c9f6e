/* common.h - result codes and small helpers shared by every module.
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
	ML_EIO = -2,    /* file or stream error, errno is meaningful */
	ML_ELIMIT = -3, /* a size, depth or count limit was reached */
	ML_EINVAL = -4, /* invalid input (bad schema, bad option value) */
	ML_ECONFIG = -5 /* configuration error */
} ml_result;

#define ML_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Bounded string duplication that never returns a non-terminated string. */
char *ml_strndup(const char *s, size_t n);
char *ml_strdup(const char *s);

/* Grow *items (of *cap elements of size elem) so that it holds at least
 * need elements. Returns ML_OK or ML_ENOMEM; *items is untouched on error. */
int ml_grow(void **items, size_t *cap, size_t need, size_t elem);

#endif
