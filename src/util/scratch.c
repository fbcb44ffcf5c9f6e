/* util/scratch.c - a thread's own zeroed tables, made on first use (see
 * scratch.h). Each thread keeps its tables in a chain held by one
 * pthread key, whose destructor frees the chain when the thread ends. */
#include "util/scratch.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct table {
	struct table *next;
	max_align_t data[];
} table;

static pthread_key_t tables_key;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;
static int tables_key_ok;

static void tables_free(void *arg)
{
	table *t = arg, *next;

	for (; t; t = next) {
		next = t->next;
		free(t);
	}
}

static void tables_init(void)
{
	tables_key_ok = pthread_key_create(&tables_key, tables_free) == 0;
}

void *ml_thread_table(void **slot, size_t size)
{
	table *t;

	if (*slot)
		return *slot;
	if (size > SIZE_MAX - sizeof(table))
		return NULL;
	pthread_once(&tables_once, tables_init);
	if (!tables_key_ok || !(t = calloc(1, sizeof(table) + size)))
		return NULL;
	t->next = pthread_getspecific(tables_key);
	if (pthread_setspecific(tables_key, t) != 0) {
		free(t);
		return NULL;
	}
	*slot = t->data;
	return *slot;
}
