/* parse/fmtoml.cc - the one toml++ shim, the only C++ in medlint: TOML
 * front matter (Hugo's +++) into an ml_node tree (ml_toml_parse,
 * parse/frontmatter.h), and a TOML document such as a Hugo site config
 * into one (ml_sitetoml_parse, parse/sitetoml.h), over toml++ (Debian's
 * libtomlplusplus-dev, used header-only). No exception crosses into C:
 * every one becomes ML_EINVAL (with a message), ML_ELIMIT or ML_ENOMEM.
 *
 * Front matter:
 *
 * toml++ gives every key and value a source position (line, column in
 * code points); they become file lines and byte columns here. Its tables
 * iterate in key order, so a table's pairs are put back in document order
 * (a missing required key then points at the table's first key, as with
 * YAML). Dates and times become strings in RFC 3339 form, as YAML reads
 * an unquoted 2026-05-10, so that `format: date` applies to both. */
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <new>
#include <sstream>
#include <string>
#include <vector>

extern "C" {
#include "parse/frontmatter.h"
#include "parse/sitetoml.h"
#include "util/common.h"
}

namespace
{

struct bounds_error {
	toml::source_position at;
	const char *what;
};

class builder
{
      public:
	builder(const char *text, size_t len, int first_line, ml_tree *tree)
	    : text_(text), len_(len), first_line_(first_line), tree_(tree)
	{
		starts_.push_back(0);
		for (size_t i = 0; i < len; i++)
			if (text[i] == '\n')
				starts_.push_back(i + 1);
	}

	/* Byte offset of a toml++ position (1-based line, code point
	 * column). */
	size_t offset(toml::source_position p) const
	{
		size_t line = p.line ? p.line - 1 : 0, off, col;

		if (line >= starts_.size())
			return len_;
		off = starts_[line];
		for (col = 1;
		     col < p.column && off < len_ && text_[off] != '\n';
		     col++) {
			off++;
			while (off < len_ &&
			       (static_cast<unsigned char>(text_[off]) &
				0xC0) == 0x80)
				off++;
		}
		return off;
	}

	void place(toml::source_position p, int *line, int *col) const
	{
		size_t off = offset(p), l = p.line ? p.line - 1 : 0;

		if (l >= starts_.size())
			l = starts_.size() - 1;
		*line = first_line_ + static_cast<int>(l);
		*col = static_cast<int>(off - starts_[l]) + 1;
	}

	ml_node *node(ml_node_type t, const toml::source_region &src)
	{
		int line, col;

		if (++nodes_ > ML_YAML_MAX_NODES)
			throw bounds_error{ src.begin, "front matter has more "
						       "than 100000 values" };
		place(src.begin, &line, &col);
		ml_node *n = ml_tree_node(tree_, t, line, col);
		if (!n)
			throw std::bad_alloc();
		place(src.end, &n->end_line, &n->end_column);
		return n;
	}

	void text(ml_node *n, const std::string &s)
	{
		n->len = s.size();
		n->str = ml_tree_strndup(tree_, s.data(), s.size());
		if (!n->str)
			throw std::bad_alloc();
	}

	/* The scalar as written (numbers keep their spelling). */
	std::string source(const toml::source_region &src) const
	{
		size_t a = offset(src.begin), b = offset(src.end);
		return b > a ? std::string(text_ + a, b - a) : std::string();
	}

	ml_node *convert(const toml::node &v, int depth);

      private:
	ml_node *table(const toml::table &t, int depth);
	ml_node *array(const toml::array &a, int depth);
	ml_node *scalar(const toml::node &v);

	const char *text_;
	size_t len_;
	int first_line_;
	ml_tree *tree_;
	std::vector<size_t> starts_;
	size_t nodes_ = 0;
};

template <typename T> std::string printed(const T &v)
{
	std::ostringstream os;
	os << v;
	return os.str();
}

ml_node *builder::scalar(const toml::node &v)
{
	ml_node *n = node(ML_NODE_STRING, v.source());

	if (auto s = v.as_string()) {
		text(n, s->get());
	} else if (auto i = v.as_integer()) {
		n->type = ML_NODE_INT;
		n->num = static_cast<double>(i->get());
		text(n, source(v.source()));
	} else if (auto f = v.as_floating_point()) {
		n->type = ML_NODE_FLOAT;
		n->num = f->get();
		text(n, source(v.source()));
	} else if (auto b = v.as_boolean()) {
		n->type = ML_NODE_BOOL;
		n->boolean = b->get();
		text(n, b->get() ? "true" : "false");
	} else if (auto d = v.as_date()) {
		text(n, printed(d->get()));
	} else if (auto t = v.as_time()) {
		text(n, printed(t->get()));
	} else if (auto dt = v.as_date_time()) {
		text(n, printed(dt->get()));
	}
	return n;
}

ml_node *builder::table(const toml::table &t, int depth)
{
	ml_node *map = node(ML_NODE_MAP, t.source());

	for (auto &&[k, v] : t) {
		ml_node *key = node(ML_NODE_STRING, k.source());
		text(key, std::string(k.str()));
		if (ml_node_set(tree_, map, key, convert(v, depth + 1)))
			throw std::bad_alloc();
	}
	/* toml++ iterates by key: put the pairs back in document order */
	std::stable_sort(map->pairs, map->pairs + map->npairs,
			 [](const ml_pair &x, const ml_pair &y) {
				 return x.key->line != y.key->line
						? x.key->line < y.key->line
						: x.key->column < y.key->column;
			 });
	return map;
}

ml_node *builder::array(const toml::array &a, int depth)
{
	ml_node *seq = node(ML_NODE_SEQ, a.source());

	for (auto &&v : a)
		if (ml_node_append(tree_, seq, convert(v, depth + 1)))
			throw std::bad_alloc();
	return seq;
}

ml_node *builder::convert(const toml::node &v, int depth)
{
	if (depth >= ML_YAML_MAX_DEPTH)
		throw bounds_error{ v.source().begin,
				    "nesting deeper than 200 levels" };
	if (auto t = v.as_table())
		return table(*t, depth);
	if (auto a = v.as_array())
		return array(*a, depth);
	return scalar(v);
}

void set_error(const builder &b, ml_yaml_error *err, toml::source_position at,
	       const char *msg)
{
	b.place(at, &err->line, &err->column);
	(void)std::snprintf(err->message, sizeof(err->message), "%s", msg);
}

} // namespace

extern "C" int ml_toml_parse(const char *text, size_t len, int first_line,
			     ml_tree **out, ml_yaml_error *err)
{
	ml_tree *tree = ml_tree_new();
	int rc = ML_OK;

	std::memset(err, 0, sizeof(*err));
	*out = nullptr;
	if (!tree)
		return ML_ENOMEM;
	try {
		builder b(text, len, first_line, tree);
		try {
			toml::table t =
				toml::parse(std::string_view(text, len));
			ml_node *root = b.convert(t, 0);
			/* the document's table is where its first key is
			 * (as libyaml places a block mapping), else at the
			 * first line */
			root->line = root->npairs ? root->pairs[0].key->line
						  : first_line;
			root->column = root->npairs ? root->pairs[0].key->column
						    : 1;
			ml_tree_set_root(tree, root);
		} catch (const toml::parse_error &e) {
			std::string msg(e.description());
			set_error(b, err, e.source().begin, msg.c_str());
			rc = ML_EINVAL;
		} catch (const bounds_error &e) {
			set_error(b, err, e.at, e.what);
			rc = ML_EINVAL;
		}
	} catch (const std::bad_alloc &) {
		rc = ML_ENOMEM;
	} catch (...) {
		err->line = first_line;
		err->column = 1;
		(void)std::snprintf(err->message, sizeof(err->message), "%s",
				    "TOML front matter could not be read");
		rc = ML_EINVAL;
	}
	if (rc) {
		ml_tree_free(tree);
		return rc;
	}
	*out = tree;
	return ML_OK;
}

/* ---- a TOML document (a site config) --------------------------------
 *
 * Every node at the line and column toml++ reports (a key at its value's),
 * tables in toml++'s key order, numbers, dates and times as toml++ prints
 * them: what the site readers (core/routes_gen.c, core/routes_walk.c)
 * were written against. */

namespace
{
namespace site
{

const int MAX_DEPTH = 64;

ml_node *make(ml_tree *t, ml_node_type ty, const toml::node &n)
{
	const toml::source_region &s = n.source();
	return ml_tree_node(t, ty, (int)s.begin.line, (int)s.begin.column);
}

ml_node *scalar_text(ml_tree *t, ml_node *m, const std::string &text)
{
	if (!m)
		return nullptr;
	m->str = ml_tree_strndup(t, text.data(), text.size());
	m->len = text.size();
	return m->str ? m : nullptr;
}

ml_node *convert(ml_tree *t, const toml::node &n, int depth, int *rc);

ml_node *convert_table(ml_tree *t, const toml::table &tb, int depth, int *rc)
{
	ml_node *m = make(t, ML_NODE_MAP, tb);

	for (auto &&[k, v] : tb) {
		if (!m || *rc)
			break;
		ml_node *key = make(t, ML_NODE_STRING, v);
		ml_node *val = convert(t, v, depth + 1, rc);
		if (!val || !scalar_text(t, key, std::string(k.str())) ||
		    ml_node_set(t, m, key, val) != ML_OK)
			m = nullptr;
	}
	return m;
}

ml_node *convert_array(ml_tree *t, const toml::array &a, int depth, int *rc)
{
	ml_node *m = make(t, ML_NODE_SEQ, a);

	for (const toml::node &v : a) {
		if (!m || *rc)
			break;
		ml_node *item = convert(t, v, depth + 1, rc);
		if (!item || ml_node_append(t, m, item) != ML_OK)
			m = nullptr;
	}
	return m;
}

std::string printed(const toml::node &n)
{
	std::ostringstream os;
	n.visit([&os](auto &&x) { os << x; });
	return os.str();
}

ml_node *convert(ml_tree *t, const toml::node &n, int depth, int *rc)
{
	ml_node *m;

	if (depth > MAX_DEPTH) {
		*rc = ML_ELIMIT;
		return nullptr;
	}
	if (const toml::table *tb = n.as_table())
		return convert_table(t, *tb, depth, rc);
	if (const toml::array *a = n.as_array())
		return convert_array(t, *a, depth, rc);
	if (auto s = n.value<std::string>())
		return scalar_text(t, make(t, ML_NODE_STRING, n), *s);
	if (n.is_boolean()) {
		bool b = n.value_or(false);
		m = scalar_text(t, make(t, ML_NODE_BOOL, n), b ? "true" : "false");
		if (m)
			m->boolean = b;
		return m;
	}
	if (n.is_integer() || n.is_floating_point()) {
		m = scalar_text(t,
				make(t, n.is_integer() ? ML_NODE_INT : ML_NODE_FLOAT,
				     n),
				printed(n));
		if (m)
			m->num = n.value_or(0.0);
		return m;
	}
	return scalar_text(t, make(t, ML_NODE_STRING, n), printed(n));
}

} // namespace site
} // namespace

static int site_parse(const char *text, size_t len, ml_tree **out,
		      ml_buf *err)
{
	int rc = ML_OK;
	ml_tree *t;
	ml_node *root;

	try {
		toml::table tb = toml::parse(std::string_view(text, len));
		if (!(t = ml_tree_new()))
			return ML_ENOMEM;
		root = site::convert(t, tb, 0, &rc);
		if (!root || rc) {
			ml_tree_free(t);
			return rc ? rc : ML_ENOMEM;
		}
		ml_tree_set_root(t, root);
		*out = t;
		return ML_OK;
	} catch (const toml::parse_error &e) {
		ml_buf_clear(err);
		(void)ml_buf_printf(err, "%d:%d: %.*s",
				    (int)e.source().begin.line,
				    (int)e.source().begin.column,
				    (int)e.description().size(),
				    e.description().data());
		return ML_EINVAL;
	}
}

extern "C" int ml_sitetoml_parse(const char *text, size_t len, ml_tree **out,
				 ml_buf *err)
{
	*out = nullptr;
	try {
		return site_parse(text, len, out, err);
	} catch (const std::bad_alloc &) {
		return ML_ENOMEM;
	} catch (...) {
		return ML_EINVAL;
	}
}
