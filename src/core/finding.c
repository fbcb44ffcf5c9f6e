/* core/finding.c - the findings list. */
#include "core/finding.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/common.h"
#include "util/utf8.h"

void ml_findings_init(ml_findings *f)
{
	f->items = NULL;
	f->len = f->cap = 0;
}

void ml_findings_dispose(ml_findings *f)
{
	size_t i;

	for (i = 0; i < f->len; i++) {
		free(f->items[i].message);
		free(f->items[i].fix_text);
	}
	free(f->items);
	ml_findings_init(f);
}

/* The message, with article text's control characters made visible
 * (ml_text_escape: nothing in it can drive a terminal or start a line of
 * its own, in any format) and cut at ML_MESSAGE_MAX bytes with a note
 * saying so, never emptied. */
/* raw[0..len) of a message of total bytes, escaped into msg, with a
 * note when it is cut. */
static int escaped(ml_buf *msg, const char *raw, size_t len, size_t total)
{
	char note[64];
	int rc;

	msg->limit = ML_MESSAGE_MAX - sizeof(note);
	/* room for the message as it mostly is (nothing to escape) */
	if (len < msg->limit && ml_buf_reserve(msg, len))
		return ML_ENOMEM;
	rc = ml_text_escape(msg, raw, len);
	msg->limit = ML_MESSAGE_MAX;
	if (rc == ML_ELIMIT || len < total) {
		(void)snprintf(note, sizeof(note),
			       " ... [message cut: %zu bytes in all]", total);
		rc = ml_buf_puts(msg, note);
	}
	return rc;
}

static int message(ml_buf *msg, const char *fmt, va_list ap)
{
	char stack[1024], *raw = stack;
	va_list aq;
	size_t len, total;
	int n, rc;

	if (fmt[0] == '%' && fmt[1] == 's' && !fmt[2]) {
		/* a message made by its rule: no printf to copy it */
		const char *str;
		va_copy(aq, ap);
		str = va_arg(aq, const char *);
		va_end(aq);
		if (str) {
			total = strlen(str);
			len = total < ML_MESSAGE_MAX * 4 ? total
							 : ML_MESSAGE_MAX * 4;
			return escaped(msg, str, len, total);
		}
	}
	va_copy(aq, ap);
	n = vsnprintf(stack, sizeof(stack), fmt, aq);
	va_end(aq);
	total = n < 0 ? 0 : (size_t)n;
	len = total;
	if (total >= sizeof(stack)) {
		len = total < ML_MESSAGE_MAX * 4 ? total : ML_MESSAGE_MAX * 4;
		if (!(raw = malloc(len + 1)))
			return ML_ENOMEM;
		(void)vsnprintf(raw, len + 1, fmt, ap);
	}
	rc = escaped(msg, raw, len, total);
	if (raw != stack)
		free(raw);
	return rc;
}

ml_finding *ml_findings_vadd(ml_findings *f, ml_rule rule, int line, int column,
			     const char *fmt, va_list ap)
{
	ml_buf msg = ML_BUF_INIT(ML_MESSAGE_MAX);
	ml_finding *fd;

	if (ml_grow((void **)&f->items, &f->cap, f->len + 1,
		    sizeof(ml_finding)))
		return NULL;
	if (message(&msg, fmt, ap))
		return NULL;
	fd = &f->items[f->len];
	memset(fd, 0, sizeof(*fd));
	fd->message = ml_buf_detach(&msg);
	if (!fd->message)
		return NULL;
	fd->rule = rule;
	fd->severity = ml_rule_info_get(rule)->severity;
	fd->line = line > 0 ? line : 1;
	fd->column = column > 0 ? column : 1;
	fd->fix_offset = -1;
	fd->seq = f->len;
	f->len++;
	return fd;
}

ml_finding *ml_findings_add(ml_findings *f, ml_rule rule, int line, int column,
			    const char *fmt, ...)
{
	va_list ap;
	ml_finding *fd;

	va_start(ap, fmt);
	fd = ml_findings_vadd(f, rule, line, column, fmt, ap);
	va_end(ap);
	return fd;
}

int ml_findings_report(ml_findings *f, ml_rule rule, int line, int column,
		       const char *fmt, ...)
{
	va_list ap;
	ml_finding *fd;

	va_start(ap, fmt);
	fd = ml_findings_vadd(f, rule, line, column, fmt, ap);
	va_end(ap);
	return fd ? ML_OK : ML_ENOMEM;
}

int ml_finding_set_fix(ml_finding *fd, long offset, size_t len,
		       const char *text)
{
	char *copy = ml_strdup(text);
	if (!copy)
		return ML_ENOMEM;
	free(fd->fix_text);
	fd->fix_text = copy;
	fd->fix_offset = offset;
	fd->fix_len = len;
	return ML_OK;
}

static int finding_cmp(const void *a, const void *b)
{
	const ml_finding *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->column != y->column)
		return x->column < y->column ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void ml_findings_sort(ml_findings *f)
{
	if (f->len > 1)
		qsort(f->items, f->len, sizeof(ml_finding), finding_cmp);
}

int ml_finding_ucol(const ml_finding *f)
{
	return f->ucolumn ? f->ucolumn : f->column;
}

int ml_finding_end_ucol(const ml_finding *f)
{
	if (f->end_ucolumn)
		return f->end_ucolumn;
	return f->end_column ? f->end_column : f->column;
}

int ml_finding_set_detail(ml_finding *fd, const char *keyword, const char *raw)
{
	ml_buf b = ML_BUF_INIT(ML_MESSAGE_MAX * 2);
	size_t at = strlen(fd->message) + 1;
	char *m;

	if (ml_buf_put(&b, fd->message, at) ||
	    ml_text_escape(&b, keyword, strlen(keyword)) ||
	    ml_buf_putc(&b, '\0') || ml_text_escape(&b, raw, strlen(raw)) ||
	    !(m = ml_buf_detach(&b))) {
		ml_buf_dispose(&b);
		return ML_ENOMEM;
	}
	ml_buf_dispose(&b);
	free(fd->message);
	fd->message = m;
	fd->detail = at;
	return ML_OK;
}

const char *ml_finding_keyword(const ml_finding *f)
{
	return f->detail ? f->message + f->detail : NULL;
}

const char *ml_finding_raw(const ml_finding *f)
{
	const char *k = ml_finding_keyword(f);

	return k ? k + strlen(k) + 1 : NULL;
}
