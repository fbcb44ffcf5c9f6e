/* cli/trust.c - the trust boundary of one run, checked before anything is
 * linted, sent or written (README "Security", doc/security.md).
 *
 * The command line and the environment are trusted; the repository is
 * not. So the NCBI API key comes from the environment (NCBI_API_KEY, or
 * the variable --ncbi-key-env names) and goes only to E-utilities over
 * https, or to the --eutils URL the command line gives (http only to a
 * loopback address, for tests); and a cache is replaced only when it is a
 * medlint cache. A config's cache paths are confined to the repository
 * when it is loaded (core/config.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "links/cache.h"
#include "util/buf.h"
#include "verify/refcache.h"

#define NCBI_HOST "eutils.ncbi.nlm.nih.gov"

const char *ml_cli_key_var(const cli *c)
{
	return c->ncbi_key_env ? c->ncbi_key_env : "NCBI_API_KEY";
}

const char *ml_cli_verify_cache(const cli *c, const ml_config *cfg, char *buf,
				size_t n)
{
	const char *links = c->cache ? c->cache : cfg->links.cache;

	if (c->no_cache)
		return NULL;
	if (cfg->verify.cache)
		return cfg->verify.cache;
	if (!links || (size_t)snprintf(buf, n, "%s.refs", links) >= n)
		return NULL;
	return buf;
}

/* The host of an http(s) URL into host (n bytes), and whether it is
 * https; 0 when the URL has no plain host (userinfo, too long). */
static int url_host(const char *url, char *host, size_t n, int *https)
{
	const char *a, *end, *port;
	size_t len;

	*https = strncmp(url, "https://", 8) == 0;
	if (!*https && strncmp(url, "http://", 7) != 0)
		return 0;
	a = url + (*https ? 8 : 7);
	end = a + strcspn(a, "/?#");
	if (memchr(a, '@', (size_t)(end - a)))
		return 0;
	port = *a == '[' ? memchr(a, ']', (size_t)(end - a)) : a;
	port = port ? memchr(port, ':', (size_t)(end - port)) : NULL;
	len = (size_t)((port ? port : end) - a);
	if (!len || len >= n)
		return 0;
	memcpy(host, a, len);
	host[len] = '\0';
	return 1;
}

static int loopback(const char *host)
{
	return strcasecmp(host, "localhost") == 0 ||
	       strncmp(host, "127.", 4) == 0 || strcmp(host, "[::1]") == 0;
}

/* Where the key may go: 1, or 0 with the one line said on stderr. */
static int key_route_ok(const cli *c, const ml_config *cfg)
{
	const char *key = getenv(ml_cli_key_var(c));
	const char *url = c->eutils ? c->eutils : cfg->verify.eutils;
	char host[256];
	int https;

	if (!key || !key[0])
		return 1; /* no secret to route */
	if (!url_host(url, host, sizeof(host), &https))
		https = 0, host[0] = '\0';
	if (c->eutils) {
		if (host[0] && (https || loopback(host)))
			return 1;
		fprintf(stderr,
			"medlint: --eutils %s: the NCBI API key (from $%s) "
			"goes over https only (http only to a loopback "
			"address, for tests); nothing was sent\n",
			url, ml_cli_key_var(c));
		return 0;
	}
	if (https && strcasecmp(host, NCBI_HOST) == 0 &&
	    strncasecmp(url + 8, NCBI_HOST, strlen(NCBI_HOST)) == 0 &&
	    strchr("/?#", url[8 + strlen(NCBI_HOST)]) != NULL)
		return 1; /* the registry itself (default port) */
	fprintf(stderr,
		"medlint: %s: \"verify.eutils\" would send the NCBI API key "
		"(from $%s) to %s: the key goes only to https://" NCBI_HOST
		" (a test registry is given on the command line with "
		"--eutils); nothing was sent\n",
		cfg->path ? cfg->path : "config", ml_cli_key_var(c), url);
	return 0;
}

static int cache_ok(const char *what, const char *path, int links)
{
	ml_buf why = ML_BUF_INIT(ML_LIMIT_SHORT);
	int ok = links ? ml_linkcache_check(path, &why)
		       : ml_refcache_check(path, &why);

	if (!ok)
		fprintf(stderr,
			"medlint: %s %s: %s; refusing to replace it (nothing "
			"was sent or written)\n",
			what, path, ml_buf_cstr(&why));
	ml_buf_dispose(&why);
	return ok;
}

int ml_cli_trust_check(const cli *c, const ml_config *cfg)
{
	char buf[4096];
	const char *p;

	if (c->verify_refs && !key_route_ok(c, cfg))
		return 1;
	if (c->links == ML_LINKS_ALL && !c->no_cache &&
	    (p = c->cache ? c->cache : cfg->links.cache) &&
	    !cache_ok("link cache", p, 1))
		return 1;
	if (c->verify_refs &&
	    (p = ml_cli_verify_cache(c, cfg, buf, sizeof(buf))) &&
	    !cache_ok("reference cache", p, 0))
		return 1;
	return 0;
}
