/* core/result.c - one file's findings, links and reference identifiers. */
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

int ml_ref_id_list_add(ml_ref_id_list *l, const ml_ref_id *r)
{
	ml_ref_id *d;

	if (ml_grow((void **)&l->items, &l->cap, l->len + 1, sizeof(*d)))
		return ML_ENOMEM;
	d = &l->items[l->len];
	*d = *r;
	d->suppressed = 0;
	d->id = ml_strdup(r->id);
	d->title = ml_strdup(r->title ? r->title : "");
	d->first_author = ml_strdup(r->first_author ? r->first_author : "");
	if (!d->id || !d->title || !d->first_author) {
		free(d->id);
		free(d->title);
		free(d->first_author);
		return ML_ENOMEM;
	}
	l->len++;
	return ML_OK;
}

void ml_ref_id_list_dispose(ml_ref_id_list *l)
{
	size_t i;

	for (i = 0; i < l->len; i++) {
		free(l->items[i].id);
		free(l->items[i].title);
		free(l->items[i].first_author);
	}
	free(l->items);
	memset(l, 0, sizeof(*l));
}

void ml_file_result_dispose(ml_file_result *res)
{
	free(res->path);
	free(res->error);
	ml_findings_dispose(&res->findings);
	ml_link_list_dispose(&res->links);
	ml_ref_id_list_dispose(&res->refs);
	memset(res, 0, sizeof(*res));
}
