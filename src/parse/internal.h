/* parse/internal.h - private to parse/: cmark-gfm's memory (arena.c) and
 * the run-wide parse memory pool.
 *
 * Each parsed document owns an arena that cmark-gfm allocates in through
 * the cmark_mem hooks. Frees are real: small blocks return to per-size free
 * lists, large ones to libc, so cmark-gfm's quadratic scratch buffers (the
 * GFM table extension re-reads a growing paragraph for every delimiter
 * row) cost their peak, not their sum. The arena has a byte budget; an
 * allocation past it jumps back to the parse (parse_arena_guard), which
 * drops the arena whole: cmark-gfm's own state lives in it too. */
#ifndef ML_PARSE_INTERNAL_H
#define ML_PARSE_INTERNAL_H

#include <cmark-gfm.h>
#include <setjmp.h>
#include <stddef.h>

typedef struct parse_arena parse_arena;

/* NULL when out of memory. budget: bytes of blocks and chunks. */
parse_arena *parse_arena_new(size_t budget);
/* Every block allocated in a, at once. */
void parse_arena_free(parse_arena *a);
/* The hooks to give cmark_parser_new_with_mem. They allocate in the
 * thread's current arena (parse_arena_enter); with none current, from libc,
 * so that cmark calls made later on a finished tree (an iterator) work. */
cmark_mem *parse_arena_mem(void);
/* Makes a the calling thread's current arena; returns the previous one
 * (restore it after: parses may nest). */
parse_arena *parse_arena_enter(parse_arena *a);
/* While set, an allocation that would pass the budget longjmps to *jb
 * with 1 instead; while NULL it is allowed (a tree walk's iterator). */
void parse_arena_guard(parse_arena *a, jmp_buf *jb);
size_t parse_arena_bytes(const parse_arena *a);

/* The run-wide pool that every document's budget is taken from, so that
 * -j workers together stay under ML_DOC_RUN_BUDGET. A thread that holds
 * nothing waits until the pool has n; a thread that already holds a
 * reservation (a document parsed while another is open) never waits, so
 * there is no deadlock. */
void parse_pool_take(size_t n);
void parse_pool_give(size_t n);

#endif
