/* core/result.c - one file's findings and links. */
#include "core/result.h"

#include <stdlib.h>
#include <string.h>

int ml_link_list_add(ml_link_list *l, const char *url, int line, int column)
{
	ml_link_ref *ref;

	if (ml_grow((void **)&l->items, &l->cap, l->len + 1, sizeof(*ref)))
		return ML_ENOMEM;
	ref = &l->items[l->len];
	memset(ref, 0, sizeof(*ref));
	if (!(ref->url = ml_strdup(url)))
		return ML_ENOMEM;
	ref->line = line;
	ref->column = column;
	l->len++;
	return ML_OK;
}

void ml_link_list_dispose(ml_link_list *l)
{
	size_t i;

	for (i = 0; i < l->len; i++)
		free(l->items[i].url);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void ml_file_result_dispose(ml_file_result *res)
{
	free(res->path);
	free(res->error);
	ml_findings_dispose(&res->findings);
	ml_link_list_dispose(&res->links);
	memset(res, 0, sizeof(*res));
}
