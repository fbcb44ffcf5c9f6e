/* core/routes_in.h - private to core/routes*.c: the route index.
 * routes_gen.c reads the generator's config and walks the site into it;
 * routes.c resolves links and fragments against it. */
#ifndef ML_ROUTES_IN_H
#define ML_ROUTES_IN_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "core/routes.h"
#include "parse/node.h"
#include "util/urlmap.h"

enum { RT_PAGES, RT_STATIC, RT_POSTS, RT_BLOG, RT_COLLECTION };

typedef struct {
	char *dir;     /* absolute folder */
	char *prefix;  /* route prefix: "", "/fr", "/docs" */
	char *lang;    /* hugo: the language of its pages, or NULL */
	char *pattern; /* jekyll collection permalink, or NULL */
	int kind;
} rt_mount;

typedef struct {
	char *path;  /* absolute */
	char *route; /* the page's own URL path ("/a/b/", "/a/b.html") */
	/* a page whose route waits for rt_routes (its front matter is read
	 * only when a link needs routes): its mount, folder and file name */
	uint32_t mount;
	/* a page the generator renders (anchors from headings); one it
	 * leaves out of the build (a draft); a file the walk met as a
	 * symbolic link (its path is not resolved) */
	unsigned char page, unpublished, link;
	char *dir, *name;
} rt_file; /* 40 bytes a file: one per file of the site */

struct ml_routes {
	ml_site_gen gen;
	char *root;
	char *base_host; /* "https://example.org" or NULL */
	char *base_path; /* "" or "/docs" (no trailing '/') */
	rt_mount *mounts;
	size_t nmounts;
	int dir_urls; /* pages at folder/ (hugo: !uglyURLs) */
	int lower;    /* hugo: page paths lowercased */
	int drafts;   /* hugo: buildDrafts (drafts are published) */
	int md_files; /* links to Markdown files reach their pages (MkDocs,
			   Docusaurus; Hugo with a link render hook; Jekyll
			   with jekyll-relative-links) */
	char *jk_permalink;	    /* jekyll: posts' style or pattern */
	ml_tree *jk_tree;	    /* jekyll: _config.yml, kept for... */
	const ml_node *jk_defaults; /* ...its front-matter defaults */
	ml_tree *perm_tree;	    /* hugo permalinks (section -> pattern) */
	const ml_node *perms;
	char **langs; /* hugo: every language (filename suffixes) */
	size_t nlangs;
	char *plain_root; /* plain: root-relative links from here */
	ml_strlist fallback, index_files;
	/* the index, walked on first use */
	pthread_mutex_t lock;
	atomic_int state;   /* 0 not walked, 1 walked, -1 failed */
	atomic_int routed;  /* 0 pages' routes pending, 1 made, -1 failed */
	ml_urlmap route_of; /* route key -> file id */
	ml_urlmap file_of;  /* absolute path -> file id */
	ml_urlmap name_of;  /* hugo ref: base name -> id + 1; 0 ambiguous */
	ml_urlmap post_of;  /* jekyll post_url: name -> file id */
	char **dynamic;	    /* astro/next: route prefixes of [param] pages */
	size_t ndynamic;
	rt_file *files;
	size_t nfiles, capfiles;
	char *fm_buf; /* pages' first bytes, while the walk or routing runs */
	/* fragment targets of pages, parsed on first use */
	pthread_mutex_t anchor_lock;
	ml_urlmap anchors_of; /* file id -> index in sets (+1) */
	ml_urlmap **sets;
	size_t nsets, capsets;
	/* links left undecided */
	pthread_mutex_t und_lock;
	size_t nund;
	char *und_path;
	int und_line, und_col;
};

/* routes_gen.c */
int rt_config_read(ml_routes *r, const ml_site_config *sc, ml_buf *err);
int rt_walk(ml_routes *r);
/* The routes of the pages the walk left pending (after rt_walk). */
int rt_routes(ml_routes *r);
/* Normalise a URL path in place ("/a/./b/../c/" -> "/a/c/"); -1 when
 * it climbs above the root. */
int rt_norm(char *p);
/* The same for a URL path a browser resolves: ".." at the root stays
 * there (RFC 3986 remove_dot_segments), "/../a" is "/a". */
int rt_norm_url(char *p);
/* The route key of a URL path: no "/index.html", no trailing '/'. */
void rt_key(const char *path, ml_buf *out);
int rt_add_route(ml_routes *r, const char *route, size_t id);
/* out = a b c, cut to cap - 1 bytes as snprintf cuts it; the length it
 * would have: snprintf "%s%s%s" without the format parser, for the paths
 * made per page and per link. */
size_t rt_cat(char *out, size_t cap, const char *a, const char *b,
	      const char *c);

#endif
