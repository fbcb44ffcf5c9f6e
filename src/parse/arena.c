/* parse/arena.c - cmark-gfm's memory: a per-document arena with free lists
 * and a byte budget (internal.h), and the run-wide parse memory pool.
 *
 * Small blocks (at most SMALL_MAX bytes with their header) are cut from
 * 64 KiB chunks and, when freed, kept on a free list per 16-byte size
 * class; cmark-gfm allocates and frees nodes, buffers and literals of
 * few sizes, so reuse is high and no malloc/free pair is paid per node.
 * Larger blocks are malloc'd one by one on a list and really freed. */
#include "parse/internal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parse/document.h"

#define CHUNK 65536
#define HDR 16
#define SMALL_MAX 1024
#define NCLASS (SMALL_MAX / 16 + 1)

/* Under AddressSanitizer every block is malloc'd on its own, so that an
 * overrun of a cmark buffer is still caught at its exact end. */
#if defined(__SANITIZE_ADDRESS__)
#define EXACT 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EXACT 1
#endif
#endif
#ifndef EXACT
#define EXACT 0
#endif

enum { K_SMALL = 1, K_BIG = 2, K_PLAIN = 3 };

/* Right before every block. */
typedef struct {
	parse_arena *owner;
	uint32_t n; /* small blocks: bytes asked for */
	uint16_t kind;
	uint16_t cls; /* small blocks: size class */
} hdr;

/* Before the hdr of a big or plain block. */
typedef struct big {
	struct big *prev, *next;
	size_t n, pad;
} big;

typedef struct chunk {
	struct chunk *next;
	size_t used, size;
	max_align_t data[];
} chunk;

struct parse_arena {
	chunk *chunks;
	big *bigs;
	void *free_list[NCLASS];
	size_t bytes, budget;
	jmp_buf *guard;
};

static _Thread_local parse_arena *cur;

parse_arena *parse_arena_new(size_t budget)
{
	parse_arena *a = calloc(1, sizeof(*a));

	if (a)
		a->budget = budget;
	return a;
}

void parse_arena_free(parse_arena *a)
{
	chunk *c, *cn;
	big *b, *bn;

	if (!a)
		return;
	for (c = a->chunks; c; c = cn) {
		cn = c->next;
		free(c);
	}
	for (b = a->bigs; b; b = bn) {
		bn = b->next;
		free(b);
	}
	free(a);
}

parse_arena *parse_arena_enter(parse_arena *a)
{
	parse_arena *prev = cur;

	cur = a;
	return prev;
}

void parse_arena_guard(parse_arena *a, jmp_buf *jb)
{
	a->guard = jb;
}

size_t parse_arena_bytes(const parse_arena *a)
{
	return a->bytes;
}

/* Out of memory aborts, as cmark-gfm's own allocator does. */
static void charge(parse_arena *a, size_t add)
{
	if (a->bytes + add > a->budget && a->guard)
		longjmp(*a->guard, 1);
	a->bytes += add;
}

static void *plain_alloc(size_t n)
{
	big *b;
	hdr *h;

	if (n > SIZE_MAX - sizeof(big) - HDR ||
	    !(b = malloc(sizeof(big) + HDR + n)))
		abort();
	b->n = n;
	h = (hdr *)(b + 1);
	h->owner = NULL;
	h->kind = K_PLAIN;
	return h + 1;
}

static void *big_alloc(parse_arena *a, size_t n)
{
	big *b;
	hdr *h;

	if (n > SIZE_MAX / 2)
		abort();
	charge(a, sizeof(big) + HDR + n);
	if (!(b = malloc(sizeof(big) + HDR + n)))
		abort();
	b->n = n;
	b->prev = NULL;
	b->next = a->bigs;
	if (a->bigs)
		a->bigs->prev = b;
	a->bigs = b;
	h = (hdr *)(b + 1);
	h->owner = a;
	h->kind = K_BIG;
	return h + 1;
}

static void big_unlink(parse_arena *a, big *b)
{
	if (b->prev)
		b->prev->next = b->next;
	else
		a->bigs = b->next;
	if (b->next)
		b->next->prev = b->prev;
	a->bytes -= sizeof(big) + HDR + b->n;
}

static void *small_alloc(parse_arena *a, size_t n)
{
	size_t need = (n + HDR + 15) & ~(size_t)15;
	unsigned cls = (unsigned)(need / 16);
	chunk *c = a->chunks;
	hdr *h;

	if (a->free_list[cls]) {
		h = (hdr *)a->free_list[cls] - 1;
		memcpy(&a->free_list[cls], h + 1, sizeof(void *));
	} else {
		if (!c || c->size - c->used < need) {
			charge(a, sizeof(chunk) + CHUNK);
			if (!(c = malloc(sizeof(chunk) + CHUNK)))
				abort();
			c->used = 0;
			c->size = CHUNK;
			c->next = a->chunks;
			a->chunks = c;
		}
		h = (hdr *)((char *)c->data + c->used);
		c->used += need;
	}
	h->owner = a;
	h->kind = K_SMALL;
	h->cls = (uint16_t)cls;
	h->n = (uint32_t)n;
	return h + 1;
}

static void *cm_alloc(size_t n)
{
	parse_arena *a = cur;

	if (n < sizeof(void *))
		n = sizeof(void *); /* room for the free-list link */
	if (!a)
		return plain_alloc(n);
	if (EXACT || n + HDR + 15 > SMALL_MAX)
		return big_alloc(a, n);
	return small_alloc(a, n);
}

static void cm_free(void *p)
{
	hdr *h;

	if (!p)
		return;
	h = (hdr *)p - 1;
	if (h->kind == K_PLAIN) {
		free((big *)h - 1);
	} else if (h->kind == K_BIG) {
		big_unlink(h->owner, (big *)h - 1);
		free((big *)h - 1);
	} else { /* K_SMALL: back on its arena's list */
		parse_arena *a = h->owner;
		memcpy(p, &a->free_list[h->cls], sizeof(void *));
		a->free_list[h->cls] = p;
	}
}

static size_t block_size(const hdr *h)
{
	return h->kind == K_SMALL ? h->n : ((const big *)h - 1)->n;
}

static void *cm_realloc(void *old, size_t n)
{
	hdr *h;
	void *p;
	size_t have;

	if (!old)
		return cm_alloc(n);
	h = (hdr *)old - 1;
	have = block_size(h);
	if (n <= have)
		return old;
	if (h->kind == K_BIG) { /* libc grows it, in place when it can */
		parse_arena *a = h->owner;
		big *b = (big *)h - 1, *nb;
		if (n > SIZE_MAX / 2)
			abort();
		charge(a, n - have);
		if (!(nb = realloc(b, sizeof(big) + HDR + n)))
			abort();
		nb->n = n;
		if (nb->prev)
			nb->prev->next = nb;
		else
			a->bigs = nb;
		if (nb->next)
			nb->next->prev = nb;
		return (hdr *)(nb + 1) + 1;
	}
	p = cm_alloc(n);
	memcpy(p, old, have);
	cm_free(old);
	return p;
}

static void *cm_calloc(size_t k, size_t n)
{
	void *p;

	if (n && k > SIZE_MAX / n)
		abort();
	p = cm_alloc(k * n);
	memset(p, 0, k * n);
	return p;
}

static cmark_mem cm_mem = { cm_calloc, cm_realloc, cm_free };

cmark_mem *parse_arena_mem(void)
{
	return &cm_mem;
}

/* ---- the run-wide pool ------------------------------------------------ */

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pool_cond = PTHREAD_COND_INITIALIZER;
static size_t pool_used;
static _Thread_local size_t held;

void parse_pool_take(size_t n)
{
	pthread_mutex_lock(&pool_lock);
	if (!held)
		while (pool_used && pool_used + n > ML_DOC_RUN_BUDGET)
			pthread_cond_wait(&pool_cond, &pool_lock);
	pool_used += n;
	held += n;
	pthread_mutex_unlock(&pool_lock);
}

void parse_pool_give(size_t n)
{
	pthread_mutex_lock(&pool_lock);
	pool_used -= n;
	held -= n;
	pthread_cond_broadcast(&pool_cond);
	pthread_mutex_unlock(&pool_lock);
}
