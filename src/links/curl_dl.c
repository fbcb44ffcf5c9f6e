/* links/curl_dl.c - libcurl, loaded when the first link is checked.
 *
 * Linking libcurl (and through it TLS, LDAP, SSH, Kerberos, ...) costs
 * about 7 ms at every start, before main() runs: more than linting one
 * article. Most runs never touch the network (the default is --links
 * internal; a pre-commit hook lints one file), so medlint does not link
 * libcurl: this file defines the libcurl functions medlint calls and
 * forwards each to the real one, found with dlopen on first use.
 *
 * curl_easy_setopt and curl_easy_getinfo are variadic; their one argument
 * has a type given by the option number (curl.h's CURLOPTTYPE_* and
 * CURLINFO_* ranges), so it is read with that type and passed on. */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stddef.h>

#define CURL_SONAME "libcurl.so.4"

static struct {
	void *lib;
	CURLcode (*global_init)(long);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	void (*easy_cleanup)(CURL *);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	const char *(*easy_strerror)(CURLcode);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_cleanup)(CURLM *);
	CURLMcode (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode (*multi_perform)(CURLM *, int *);
	CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd[], unsigned int,
				int, int *);
	CURLMsg *(*multi_info_read)(CURLM *, int *);
	struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
	void (*slist_free_all)(struct curl_slist *);
	CURLU *(*url)(void);
	void (*url_cleanup)(CURLU *);
	CURLUcode (*url_get)(CURLU *, CURLUPart, char **, unsigned int);
	CURLUcode (*url_set)(CURLU *, CURLUPart, const char *, unsigned int);
	void (*free)(void *);
	time_t (*getdate)(const char *, const time_t *);
} libcurl;

static pthread_once_t once = PTHREAD_ONCE_INIT;

#define LOAD(field, name)                                            \
	do {                                                         \
		*(void **)&libcurl.field = dlsym(libcurl.lib, name); \
		if (!libcurl.field)                                  \
			ok = 0;                                      \
	} while (0)

static void load(void)
{
	int ok = 1;

	libcurl.lib = dlopen(CURL_SONAME, RTLD_NOW | RTLD_LOCAL);
	if (!libcurl.lib)
		return;
	LOAD(global_init, "curl_global_init");
	LOAD(global_cleanup, "curl_global_cleanup");
	LOAD(easy_init, "curl_easy_init");
	LOAD(easy_cleanup, "curl_easy_cleanup");
	LOAD(easy_setopt, "curl_easy_setopt");
	LOAD(easy_getinfo, "curl_easy_getinfo");
	LOAD(easy_strerror, "curl_easy_strerror");
	LOAD(multi_init, "curl_multi_init");
	LOAD(multi_cleanup, "curl_multi_cleanup");
	LOAD(multi_add_handle, "curl_multi_add_handle");
	LOAD(multi_remove_handle, "curl_multi_remove_handle");
	LOAD(multi_perform, "curl_multi_perform");
	LOAD(multi_poll, "curl_multi_poll");
	LOAD(multi_info_read, "curl_multi_info_read");
	LOAD(slist_append, "curl_slist_append");
	LOAD(slist_free_all, "curl_slist_free_all");
	LOAD(url, "curl_url");
	LOAD(url_cleanup, "curl_url_cleanup");
	LOAD(url_get, "curl_url_get");
	LOAD(url_set, "curl_url_set");
	LOAD(free, "curl_free");
	LOAD(getdate, "curl_getdate");
	if (!ok) {
		/* A libcurl without one of these is too old: act as absent. */
		dlclose(libcurl.lib);
		libcurl.lib = NULL;
	}
}

static int loaded(void)
{
	pthread_once(&once, load);
	return libcurl.lib != NULL;
}

CURLcode curl_global_init(long flags)
{
	return loaded() ? libcurl.global_init(flags) : CURLE_FAILED_INIT;
}

void curl_global_cleanup(void)
{
	if (loaded())
		libcurl.global_cleanup();
}

CURL *curl_easy_init(void)
{
	return loaded() ? libcurl.easy_init() : NULL;
}

void curl_easy_cleanup(CURL *h)
{
	if (loaded())
		libcurl.easy_cleanup(h);
}

CURLcode curl_easy_setopt(CURL *h, CURLoption opt, ...)
{
	va_list ap;
	CURLcode rc;

	if (!loaded())
		return CURLE_FAILED_INIT;
	va_start(ap, opt);
	/* curl_off_t is long on this platform, not on every one */
	if (opt < CURLOPTTYPE_OBJECTPOINT)
		/* NOLINTNEXTLINE(bugprone-branch-clone): see above */
		rc = libcurl.easy_setopt(h, opt, va_arg(ap, long));
	else if (opt < CURLOPTTYPE_FUNCTIONPOINT)
		rc = libcurl.easy_setopt(h, opt, va_arg(ap, void *));
	else if (opt < CURLOPTTYPE_OFF_T)
		rc = libcurl.easy_setopt(h, opt, va_arg(ap, void (*)(void)));
	else if (opt < CURLOPTTYPE_BLOB)
		rc = libcurl.easy_setopt(h, opt, va_arg(ap, curl_off_t));
	else
		rc = libcurl.easy_setopt(h, opt, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

CURLcode curl_easy_getinfo(CURL *h, CURLINFO info, ...)
{
	va_list ap;
	CURLcode rc;

	if (!loaded())
		return CURLE_FAILED_INIT;
	/* Every CURLINFO_* takes a pointer to where the answer goes. */
	va_start(ap, info);
	rc = libcurl.easy_getinfo(h, info, va_arg(ap, void *));
	va_end(ap);
	return rc;
}

const char *curl_easy_strerror(CURLcode code)
{
	return loaded() ? libcurl.easy_strerror(code)
			: "libcurl is not available";
}

CURLM *curl_multi_init(void)
{
	return loaded() ? libcurl.multi_init() : NULL;
}

CURLMcode curl_multi_cleanup(CURLM *m)
{
	return loaded() ? libcurl.multi_cleanup(m) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_add_handle(CURLM *m, CURL *h)
{
	return loaded() ? libcurl.multi_add_handle(m, h) : CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_remove_handle(CURLM *m, CURL *h)
{
	return loaded() ? libcurl.multi_remove_handle(m, h)
			: CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_perform(CURLM *m, int *running)
{
	return loaded() ? libcurl.multi_perform(m, running)
			: CURLM_INTERNAL_ERROR;
}

CURLMcode curl_multi_poll(CURLM *m, struct curl_waitfd extra[], unsigned int n,
			  int timeout_ms, int *ret)
{
	return loaded() ? libcurl.multi_poll(m, extra, n, timeout_ms, ret)
			: CURLM_INTERNAL_ERROR;
}

CURLMsg *curl_multi_info_read(CURLM *m, int *left)
{
	return loaded() ? libcurl.multi_info_read(m, left) : NULL;
}

struct curl_slist *curl_slist_append(struct curl_slist *l, const char *s)
{
	return loaded() ? libcurl.slist_append(l, s) : NULL;
}

void curl_slist_free_all(struct curl_slist *l)
{
	if (loaded())
		libcurl.slist_free_all(l);
}

CURLU *curl_url(void)
{
	return loaded() ? libcurl.url() : NULL;
}

void curl_url_cleanup(CURLU *u)
{
	if (loaded())
		libcurl.url_cleanup(u);
}

CURLUcode curl_url_get(CURLU *u, CURLUPart what, char **part,
		       unsigned int flags)
{
	return loaded() ? libcurl.url_get(u, what, part, flags)
			: CURLUE_OUT_OF_MEMORY;
}

CURLUcode curl_url_set(CURLU *u, CURLUPart what, const char *part,
		       unsigned int flags)
{
	return loaded() ? libcurl.url_set(u, what, part, flags)
			: CURLUE_OUT_OF_MEMORY;
}

void curl_free(void *p)
{
	if (loaded())
		libcurl.free(p);
}

time_t curl_getdate(const char *s, const time_t *unused)
{
	return loaded() ? libcurl.getdate(s, unused) : (time_t)-1;
}
