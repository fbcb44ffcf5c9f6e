/* core/content.c - the content tree on disk: the only core code that
 * reads other files of the content root. It holds the index of article
 * slugs and paths, folder and sibling lookups with their per-thread caches,
 * and other articles' heading slugs, parsed once per run and shared by
 * every other.md#frag link.
 *
 * The index is created before the workers start but walked only when a
 * lookup first needs it (under a lock, once): a pre-commit run over one
 * file whose related articles sit beside it never walks the tree. The
 * walk stays inside the root: folders are opened with O_NOFOLLOW, and a
 * symbolic link counts as an article only when it resolves to a regular
 * file inside the root. */
#define _DEFAULT_SOURCE /* d_type */
#include "core/content.h"

#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/filelist.h"
#include "parse/document.h"
#include "parse/frontmatter.h"
#include "parse/mdx.h"
#include "parse/node.h"
#include "parse/slug.h"
#include "util/common.h"
#include "util/scratch.h"
#include "util/urlmap.h"

#define MAX_DEPTH 64
#define MAX_ENTRIES 2000000

/* One article of the walk: its file name and its folder, offsets into
 * the index's one string pool (the folder "/a/b" from the root, "" at the
 * root, stored once per folder; NO_DIR for a symbolic link, which counts
 * only as a slug). 8 bytes and the name per article, nothing else. */
#define NO_DIR UINT32_MAX

typedef struct {
	uint32_t name, dir;
} cx_entry;

struct ml_content_index {
	/* open addressing by the hash of the name's stem (the slug): entry
	 * index + 1, 0 empty; every entry of one stem is in one probe run */
	uint32_t *slots;
	size_t cap;
	cx_entry *ents;
	size_t nents, cap_ents;
	char *pool; /* NUL-terminated names and folders */
	size_t pool_len, pool_cap;
	size_t nslugs; /* distinct stems */
	char *root;
	pthread_mutex_t lock;
	atomic_int state; /* 0 not walked, 1 walked, -1 the walk failed */
	/* other articles' heading slugs, by resolved path */
	pthread_mutex_t slug_lock;
	ml_urlmap slug_of;  /* path -> index in sets */
	ml_slug_set **sets; /* NULL: the file could not be read */
	size_t nsets, cap_sets;
	char *const *ext; /* article extensions; NULL: the defaults */
	size_t next;
};

static int index_walk(const char *root, ml_content_index *x);

/* Walk on first use; later lookups read without locking. */
static int ensure_walked(const ml_content_index *cx)
{
	ml_content_index *x = (ml_content_index *)cx;

	if (atomic_load(&x->state) == 0) {
		pthread_mutex_lock(&x->lock);
		if (atomic_load(&x->state) == 0)
			atomic_store(&x->state,
				     index_walk(x->root, x) ? -1 : 1);
		pthread_mutex_unlock(&x->lock);
	}
	return atomic_load(&x->state) == 1;
}

/* ---- the index --------------------------------------------------------- */

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/* Whether the entry's name has stem s[0..n) (up to its last dot). */
static int stem_is(const ml_content_index *x, const cx_entry *e, const char *s,
		   size_t n)
{
	const char *name = x->pool + e->name;

	/* never past the name's NUL, whatever s holds */
	return strnlen(name, n + 1) > n && name[n] == '.' &&
	       memcmp(name, s, n) == 0 && !strchr(name + n + 1, '.');
}

static size_t stem_len(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot ? (size_t)(dot - name) : strlen(name);
}

static int rehash(ml_content_index *x)
{
	uint32_t *old = x->slots;
	size_t ocap = x->cap, i, k;

	x->cap = ocap ? ocap * 2 : 1024;
	x->slots = calloc(x->cap, sizeof(*x->slots));
	if (!x->slots) {
		x->slots = old;
		x->cap = ocap;
		return ML_ENOMEM;
	}
	/* In entry order, so each stem's probe run keeps its order. */
	for (k = 0; k < x->nents; k++) {
		const char *name = x->pool + x->ents[k].name;
		i = (size_t)hash(name, stem_len(name)) & (x->cap - 1);
		while (x->slots[i])
			i = (i + 1) & (x->cap - 1);
		x->slots[i] = (uint32_t)k + 1;
	}
	free(old);
	return ML_OK;
}

/* n bytes and a NUL into the pool; its offset in *at. */
static int pool_put(ml_content_index *x, const char *s, size_t n, uint32_t *at)
{
	if (x->pool_len + n + 1 >= NO_DIR)
		return ML_ENOMEM;
	if (x->pool_len + n + 1 > x->pool_cap) {
		size_t cap = x->pool_cap ? x->pool_cap : 4096;
		char *p;
		while (cap < x->pool_len + n + 1)
			cap *= 2;
		if (!(p = realloc(x->pool, cap)))
			return ML_ENOMEM;
		x->pool = p;
		x->pool_cap = cap;
	}
	memcpy(x->pool + x->pool_len, s, n);
	x->pool[x->pool_len + n] = '\0';
	*at = (uint32_t)x->pool_len;
	x->pool_len += n + 1;
	return ML_OK;
}

/* An article named name (stem bytes before its last dot) in folder dir
 * (an offset into the pool, or NO_DIR). */
static int insert(ml_content_index *x, const char *name, size_t stem,
		  uint32_t dir)
{
	size_t i;
	int seen = 0;

	if (x->nents >= NO_DIR - 1)
		return ML_ENOMEM;
	if ((x->nents + 1) * 4 > x->cap * 3 && rehash(x))
		return ML_ENOMEM;
	if (ml_grow((void **)&x->ents, &x->cap_ents, x->nents + 1,
		    sizeof(*x->ents)) ||
	    pool_put(x, name, strlen(name), &x->ents[x->nents].name))
		return ML_ENOMEM;
	x->ents[x->nents].dir = dir;
	i = (size_t)hash(name, stem) & (x->cap - 1);
	for (; x->slots[i]; i = (i + 1) & (x->cap - 1))
		seen = seen ||
		       stem_is(x, &x->ents[x->slots[i] - 1], name, stem);
	x->slots[i] = (uint32_t)++x->nents;
	if (!seen)
		x->nslugs++;
	return ML_OK;
}

int ml_content_index_has(const ml_content_index *x, const char *slug,
			 size_t len)
{
	size_t i;

	if (!x)
		return 0;
	if (!ensure_walked(x))
		return 1; /* unknown: the run reports the failed walk */
	if (!x->cap)
		return 0;
	for (i = (size_t)hash(slug, len) & (x->cap - 1); x->slots[i];
	     i = (i + 1) & (x->cap - 1))
		if (stem_is(x, &x->ents[x->slots[i] - 1], slug, len))
			return 1;
	return 0;
}

int ml_content_index_has_file(const ml_content_index *x, const char *rel)
{
	const char *slash = strrchr(rel, '/'), *name;
	size_t i, dn, stem;

	if (!x || atomic_load(&x->state) != 1)
		return -1;
	if (!x->cap || !slash || !strrchr(slash, '.'))
		return 0;
	name = slash + 1;
	dn = (size_t)(slash - rel);
	stem = stem_len(name);
	for (i = (size_t)hash(name, stem) & (x->cap - 1); x->slots[i];
	     i = (i + 1) & (x->cap - 1)) {
		const cx_entry *e = &x->ents[x->slots[i] - 1];
		if (e->dir != NO_DIR && strcmp(x->pool + e->name, name) == 0 &&
		    strncmp(x->pool + e->dir, rel, dn) == 0 &&
		    x->pool[e->dir + dn] == '\0')
			return 1;
	}
	return 0;
}

void ml_content_index_prime(const ml_content_index *x)
{
	if (x)
		ensure_walked(x);
}

int ml_content_index_failed(const ml_content_index *x)
{
	return x && atomic_load(&x->state) < 0;
}

size_t ml_content_index_count(const ml_content_index *x)
{
	return x && ensure_walked(x) ? x->nslugs : 0;
}

static void slug_sets_free(ml_content_index *x)
{
	size_t i;

	for (i = 0; i < x->nsets; i++)
		if (x->sets[i]) {
			ml_slug_set_dispose(x->sets[i]);
			free(x->sets[i]);
		}
	free(x->sets);
	ml_urlmap_dispose(&x->slug_of);
	pthread_mutex_destroy(&x->slug_lock);
}

void ml_content_index_set_extensions(ml_content_index *x, char *const *ext,
				     size_t n)
{
	x->ext = ext;
	x->next = n;
}

char *const *ml_content_extensions(const ml_lint_opts *opts, size_t *n)
{
	const ml_content_index *x = opts ? opts->index : NULL;

	if (x && x->ext && x->next) {
		*n = x->next;
		return x->ext;
	}
	*n = ml_default_nextensions;
	return (char *const *)ml_default_extensions;
}

void ml_content_index_free(ml_content_index *x)
{
	if (!x)
		return;
	slug_sets_free(x);
	free(x->slots);
	free(x->ents);
	free(x->pool);
	free(x->root);
	pthread_mutex_destroy(&x->lock);
	free(x);
}

/* ---- the walk ------------------------------------------------------------ */

typedef struct {
	ml_content_index *x;
	char *real_root; /* realpath of the root */
	ml_buf path;	 /* the folder being read, from the root */
	size_t root_len; /* of the root's own part of path */
	size_t entries;
	uint32_t dir; /* this folder in the pool, or NO_DIR before its first
		       * article */
} walk_state;

/* An article's file name, and the length of its stem. */
static int md_name(const ml_content_index *x, const char *name, size_t *stem)
{
	const char *dot = strrchr(name, '.');

	*stem = dot ? (size_t)(dot - name) : 0;
	return dot && ml_ext_is_article(x->ext, x->next, name);
}

/* A link named *.md counts when it resolves to a file inside the root. */
static int link_inside(walk_state *w, const char *name)
{
	size_t mark = w->path.len, rl = strlen(w->real_root);
	char *real;
	struct stat st;
	int ok;

	if (ml_buf_printf(&w->path, "/%s", name))
		return 0;
	real = realpath(ml_buf_cstr(&w->path), NULL);
	w->path.len = mark;
	w->path.ptr[mark] = '\0';
	ok = real && !strncmp(real, w->real_root, rl) && real[rl] == '/' &&
	     stat(real, &st) == 0 && S_ISREG(st.st_mode);
	free(real);
	return ok;
}

static int walk_dir(walk_state *w, int fd, int depth);

static int enter_dir(walk_state *w, int dfd, const char *name, int depth)
{
	size_t mark = w->path.len;
	uint32_t dir;
	int fd, rc;

	if (depth >= MAX_DEPTH || !strcmp(name, "node_modules"))
		return ML_OK;
	fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return ML_OK; /* unreadable or a link: not part of the tree */
	if (ml_buf_printf(&w->path, "/%s", name)) {
		close(fd);
		return ML_ENOMEM;
	}
	dir = w->dir;
	w->dir = NO_DIR;
	rc = walk_dir(w, fd, depth + 1);
	w->dir = dir;
	w->path.len = mark;
	w->path.ptr[mark] = '\0';
	return rc;
}

static int entry(walk_state *w, DIR *dir, struct dirent *e, int depth)
{
	unsigned char type = e->d_type;
	struct stat st;
	size_t stem;

	if (e->d_name[0] == '.' || ++w->entries > MAX_ENTRIES)
		return ML_OK;
	if (type == DT_UNKNOWN) {
		if (fstatat(dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW))
			return ML_OK;
		type = S_ISDIR(st.st_mode)   ? DT_DIR
		       : S_ISREG(st.st_mode) ? DT_REG
		       : S_ISLNK(st.st_mode) ? DT_LNK
					     : DT_UNKNOWN;
	}
	if (type == DT_DIR)
		return enter_dir(w, dirfd(dir), e->d_name, depth);
	if (!md_name(w->x, e->d_name, &stem))
		return ML_OK;
	if (type == DT_LNK && link_inside(w, e->d_name))
		return insert(w->x, e->d_name, stem, NO_DIR);
	if (type == DT_REG) {
		/* The folder from the root ("/a/b", "" at the root), once, for
		 * ml_content_index_has_file. */
		if (w->dir == NO_DIR &&
		    pool_put(w->x, w->path.ptr + w->root_len,
			     w->path.len - w->root_len, &w->dir))
			return ML_ENOMEM;
		return insert(w->x, e->d_name, stem, w->dir);
	}
	return ML_OK;
}

/* Reads folder fd (and closes it). */
static int walk_dir(walk_state *w, int fd, int depth)
{
	DIR *dir = fdopendir(fd);
	struct dirent *e;
	int rc = ML_OK;

	if (!dir) {
		close(fd);
		return ML_OK;
	}
	while (!rc && (e = readdir(dir)))
		rc = entry(w, dir, e, depth);
	closedir(dir);
	return rc;
}

static int index_walk(const char *root, ml_content_index *x)
{
	walk_state w;
	int fd, rc = ML_ENOMEM;

	memset(&w, 0, sizeof(w));
	w.x = x;
	w.dir = NO_DIR;
	ml_buf_init(&w.path, PATH_MAX * 4);
	if (rehash(x) || ml_buf_puts(&w.path, root))
		goto done;
	w.root_len = w.path.len;
	rc = ML_EIO;
	if (!(w.real_root = realpath(root, NULL)) ||
	    (fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		goto done;
	rc = walk_dir(&w, fd, 0);
done:
	free(w.real_root);
	ml_buf_dispose(&w.path);
	return rc;
}

int ml_content_index_build(const char *root, ml_content_index **out)
{
	ml_content_index *x = calloc(1, sizeof(*x));

	*out = NULL;
	if (!x || !(x->root = ml_strdup(root))) {
		free(x);
		return ML_ENOMEM;
	}
	pthread_mutex_init(&x->lock, NULL);
	pthread_mutex_init(&x->slug_lock, NULL);
	ml_urlmap_init(&x->slug_of);
	atomic_init(&x->state, 0);
	*out = x;
	return ML_OK;
}

/* ---- folders and siblings --------------------------------------------- */

int ml_content_inside(const char *root, const char *abs)
{
	size_t n = strlen(root);

	if (strcmp(root, "/") == 0)
		return 1;
	return strncmp(abs, root, n) == 0 && (abs[n] == '/' || abs[n] == '\0');
}

/* Articles come folder by folder, so each thread remembers the last
 * folder it resolved: one realpath per folder, not per article (realpath
 * costs a system call per path component). */
typedef struct {
	char key[PATH_MAX]; /* the folder as written in the article path */
	char dir[PATH_MAX]; /* resolved */
	int ok;
} folder_memo;

/* made on the thread's first use (util/scratch.h) */
static _Thread_local folder_memo *last_dir;

const char *ml_content_folder(const ml_article *a, char *dir, int *in_root)
{
	const char *slash = strrchr(a->path, '/');
	size_t n = !slash	      ? 0
		   : slash == a->path ? 1
				      : (size_t)(slash - a->path);

	folder_memo *m = ml_thread_table((void **)&last_dir, sizeof(*m));

	if (!m) {
		/* no memory for the memo: resolve this once */
		char key[PATH_MAX];

		if (n >= sizeof(key))
			return NULL;
		memcpy(key, a->path, n);
		key[n] = '\0';
		if (!realpath(n ? key : ".", dir))
			return NULL;
		*in_root = ml_content_inside(a->opts->content_root, dir);
		return dir;
	}
	if (n >= sizeof(m->key))
		return NULL;
	if (!(m->ok && strlen(m->key) == n &&
	      strncmp(m->key, a->path, n) == 0)) {
		memcpy(m->key, a->path, n);
		m->key[n] = '\0';
		m->ok = realpath(n ? m->key : ".", m->dir) != NULL;
	}
	if (!m->ok)
		return NULL;
	memcpy(dir, m->dir, PATH_MAX);
	*in_root = ml_content_inside(a->opts->content_root, dir);
	return dir;
}

/* Fast path for the common "soleus.md": a plain file name next to an
 * article that is inside the root, and not a symbolic link, needs one
 * lstat and no realpath. 1 = settled (exists), 0 = take the slow path. */
#define SIBLING_CACHE 8

/* The related_terms check and the Related Terms links ask about the same
 * files: a few answers per thread save every second lstat. Files do not
 * change during a run. */
typedef struct {
	char path[SIBLING_CACHE][PATH_MAX];
	int exists[SIBLING_CACHE];
	unsigned next, used;
} sibling_memo;

/* made on the thread's first use (util/scratch.h) */
static _Thread_local sibling_memo *sibling_cache;

int ml_content_sibling(const ml_article *a, const char *name,
		       const char *suffix)
{
	char dir[PATH_MAX], p[PATH_MAX];
	struct stat st;
	sibling_memo *c;
	int in_root = 0;
	unsigned i, k;

	if (strchr(name, '/') || strcmp(name, ".") == 0 ||
	    strcmp(name, "..") == 0 || !ml_content_folder(a, dir, &in_root) ||
	    !in_root)
		return 0;
	if (snprintf(p, sizeof(p), "%s/%s%s", dir, name, suffix) >=
	    (int)sizeof(p))
		return 0;
	if (ml_overlay_get(a->opts, p))
		return 1;
	/* A walked index knows every Markdown file: no system call. */
	if (a->opts->index &&
	    ml_ext_is_article(a->opts->index->ext, a->opts->index->next, p)) {
		size_t root = strlen(a->opts->content_root);
		int known = ml_content_index_has_file(
			a->opts->index,
			strcmp(a->opts->content_root, "/") ? p + root : p);
		if (known >= 0)
			return known;
	}
	if (!(c = ml_thread_table((void **)&sibling_cache, sizeof(*c))))
		return lstat(p, &st) == 0 && S_ISREG(st.st_mode);
	for (i = 0; i < c->used; i++)
		if (strcmp(c->path[i], p) == 0)
			return c->exists[i];
	k = c->next++ % SIBLING_CACHE;
	memcpy(c->path[k], p, strlen(p) + 1);
	c->exists[k] = lstat(p, &st) == 0 && S_ISREG(st.st_mode);
	if (c->used < SIBLING_CACHE)
		c->used++;
	return c->exists[k];
}

/* ---- other articles' headings ------------------------------------------ */

/* Slugs of the headings of a Markdown text's body (NUL-terminated); an
 * MDX body with its syntax blanked first, as its own run reads it. */
static int text_slugs(const char *text, size_t len, int mdx, ml_slug_set *set)
{
	ml_buf slug = ML_BUF_INIT(ML_LIMIT_SHORT);
	size_t i;
	ml_split sp;
	ml_document *doc = NULL;
	ml_document_limit why;
	char *copy = NULL;
	const char *body;
	int rc;

	ml_frontmatter_split(text, len, &sp);
	body = text + sp.body_offset;
	if (mdx) {
		if (!(copy = malloc(len - sp.body_offset + 1)))
			return ML_ENOMEM;
		memcpy(copy, body, len - sp.body_offset + 1);
		if (ml_mdx_blank(copy, len - sp.body_offset)) {
			free(copy);
			return ML_ENOMEM;
		}
		body = copy;
	}
	/* A body over the parse budget has no headings to link to: its own
	 * run reports file-too-complex. */
	rc = ml_document_parse_bounded(body, len - sp.body_offset, sp.body_line,
				       (long)sp.body_offset, &doc, &why);
	if (rc == ML_ELIMIT)
		rc = ML_OK;
	for (i = 0; doc && i < doc->nheadings && !rc; i++)
		rc = ml_slug_set_add(set, doc->headings[i].text,
				     doc->headings[i].len, &slug);
	ml_document_free(doc);
	free(copy);
	ml_buf_dispose(&slug);
	return rc;
}

/* Slugs of the headings of a Markdown file's body. */
static int file_slugs(const char *path, ml_slug_set *set)
{
	ml_buf text;
	int rc;

	ml_buf_init(&text, ML_MAX_FILE_BYTES);
	if (!(rc = ml_buf_read_file(&text, path, NULL)))
		rc = text_slugs(ml_buf_cstr(&text), text.len, ml_mdx_path(path),
				set);
	ml_buf_dispose(&text);
	return rc;
}

/* The slug set of the file at abs, as one heap object (NULL and ML_EIO
 * when it cannot be read). */
static int slugs_new(const char *abs, ml_slug_set **out)
{
	ml_slug_set *set = malloc(sizeof(*set));
	int rc;

	*out = NULL;
	if (!set)
		return ML_ENOMEM;
	ml_slug_set_init(set);
	rc = file_slugs(abs, set);
	if (rc) {
		ml_slug_set_dispose(set);
		free(set);
		return rc == ML_ENOMEM ? rc : ML_EIO;
	}
	*out = set;
	return ML_OK;
}

/* Adds abs's set (NULL: unreadable) unless another thread did first;
 * the set kept is returned in *kept. Under slug_lock. */
static int slugs_keep(ml_content_index *x, const char *abs, ml_slug_set *set,
		      ml_slug_set **kept)
{
	size_t at;

	if (ml_urlmap_get(&x->slug_of, abs, &at)) {
		*kept = x->sets[at];
		return 1; /* the caller's copy was not needed */
	}
	if (ml_grow((void **)&x->sets, &x->cap_sets, x->nsets + 1,
		    /* NOLINTNEXTLINE(bugprone-sizeof-expression): pointers */
		    sizeof(*x->sets)) ||
	    ml_urlmap_put(&x->slug_of, abs, x->nsets))
		return ML_ENOMEM;
	x->sets[x->nsets++] = set;
	*kept = set;
	return 0;
}

int ml_content_has_slug(const ml_lint_opts *opts, const char *abs,
			const char *slug)
{
	ml_content_index *x = (ml_content_index *)(opts ? opts->index : NULL);
	ml_slug_set *set = NULL, *mine;
	const ml_overlay_doc *od;
	size_t at;
	int rc, found;

	od = ml_overlay_get(opts, abs);
	if (od) { /* open in the editor: its text as it is now, not kept */
		ml_slug_set open;
		ml_slug_set_init(&open);
		rc = text_slugs(od->text, od->len, ml_mdx_path(abs), &open);
		found = rc ? rc : ml_slug_set_has(&open, slug);
		ml_slug_set_dispose(&open);
		return found;
	}
	if (!x) { /* no index (a unit test): read the file each time */
		if ((rc = slugs_new(abs, &mine)))
			return rc;
		found = ml_slug_set_has(mine, slug);
		ml_slug_set_dispose(mine);
		free(mine);
		return found;
	}
	pthread_mutex_lock(&x->slug_lock);
	found = ml_urlmap_get(&x->slug_of, abs, &at);
	if (found)
		set = x->sets[at];
	pthread_mutex_unlock(&x->slug_lock);
	if (!found) {
		/* Parsed outside the lock: other threads keep linting. */
		rc = slugs_new(abs, &mine);
		if (rc == ML_ENOMEM)
			return rc;
		pthread_mutex_lock(&x->slug_lock);
		rc = slugs_keep(x, abs, mine, &set);
		pthread_mutex_unlock(&x->slug_lock);
		if (rc == ML_ENOMEM || rc == 1) {
			if (mine) {
				ml_slug_set_dispose(mine);
				free(mine);
			}
			if (rc == ML_ENOMEM)
				return rc;
		}
	}
	return set ? ml_slug_set_has(set, slug) : ML_EIO;
}

/* ---- documents open in an editor --------------------------------------- */

const ml_overlay_doc *ml_overlay_get(const ml_lint_opts *opts, const char *abs)
{
	size_t i;

	if (!opts || !opts->overlay)
		return NULL;
	for (i = 0; i < opts->overlay->n; i++)
		if (strcmp(opts->overlay->docs[i].path, abs) == 0)
			return &opts->overlay->docs[i];
	return NULL;
}

int ml_overlay_has_name(const ml_lint_opts *opts, const char *slug, size_t len)
{
	size_t i, x_n;
	char *const *x_ext = ml_content_extensions(opts, &x_n);

	if (!opts || !opts->overlay)
		return 0;
	for (i = 0; i < opts->overlay->n; i++) {
		const char *p = opts->overlay->docs[i].path;
		const char *base = strrchr(p, '/');

		base = base ? base + 1 : p;
		if (strlen(base) > len && strncmp(base, slug, len) == 0 &&
		    base[len] == '.' && !strchr(base + len + 1, '.') &&
		    ml_ext_is_article(x_ext, x_n, base) &&
		    ml_content_inside(opts->content_root, p))
			return 1;
	}
	return 0;
}

int ml_overlay_resolve(const ml_lint_opts *opts, const char *path, char *abs)
{
	char dir[PATH_MAX], real[PATH_MAX];
	const char *slash = strrchr(path, '/');

	if (!opts || !opts->overlay || !slash || slash == path ||
	    (size_t)(slash - path) >= sizeof(dir))
		return 0;
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	if (!realpath(dir, real) ||
	    snprintf(abs, PATH_MAX, "%s%s", real, slash) >= PATH_MAX)
		return 0;
	return ml_overlay_get(opts, abs) != NULL;
}

void ml_content_forget(void)
{
	if (last_dir)
		last_dir->ok = 0;
	if (sibling_cache) {
		sibling_cache->used = 0;
		sibling_cache->next = 0;
	}
}
