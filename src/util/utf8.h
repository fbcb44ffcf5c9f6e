/* util/utf8.h - which UTF-8 sequences are letters, and upper-case ones,
 * for checks that read prose (author names, title case).
 *
 * Both look at the sequence that starts at byte p of s (len bytes) and
 * return 0 past the end. Two-byte sequences are classified by code point
 * (Latin-1, Latin Extended-A, Greek, Cyrillic); longer ones count as
 * letters unless they are in U+2000..U+2BFF (punctuation and symbols). */
#ifndef ML_UTF8_H
#define ML_UTF8_H

#include <stddef.h>

#include "util/buf.h"

int ml_utf8_is_letter(const char *s, size_t len, size_t p);

/* Appends s[0..n) to b with what could drive a terminal or forge a line
 * made visible: C0 controls, DEL and C1 controls as \xNN (\n, \r, \t
 * as such), bytes that are not UTF-8 as \xNN, and the characters that
 * reorder, hide or break text (bidirectional embeddings, overrides and
 * isolates, zero-width marks, U+2028/U+2029, U+FEFF) as \u{NNNN}. Every
 * report format shows untrusted text (messages, file names, snippets,
 * source lines) through this one function before its own quoting.
 * ML_OK, ML_ENOMEM or ML_ELIMIT (b's limit: what fitted is kept, whole
 * escapes only). */
int ml_text_escape(ml_buf *b, const char *s, size_t n);
/* Escapes b's text in place the same way: a loader's one-line error,
 * whatever the values it quotes. ML_OK or ML_ENOMEM (b unchanged). */
int ml_text_oneline(ml_buf *b);
/* A loader's mistake kept and the reading gone on, so that one run names
 * them all: rc is what reading one part returned; on a mistake, err's
 * line (or "file: cannot be read" when it is empty), made one line,
 * becomes one more line of all, *n counts it and err is emptied. Returns
 * ML_OK (go on) unless rc is ML_ENOMEM or memory runs out. */
int ml_text_note(ml_buf *all, int *n, ml_buf *err, const char *file, int rc);
int ml_utf8_is_upper(const char *s, size_t len, size_t p);

#endif
