/* parse/sitetoml.cpp - the C++ shim between toml++ and medlint's node tree
 * (parse/sitetoml.h). Debian's toml++ is built with exceptions: every one
 * (a parse error, std::bad_alloc) is caught here, so none crosses into C. */
#include <toml++/toml.h>

#include <new>

#include <sstream>
#include <string>

extern "C" {
#include "parse/sitetoml.h"
#include "util/common.h"
}

namespace {

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

} // namespace

static int parse(const char *text, size_t len, ml_tree **out, ml_buf *err)
{
	int rc = ML_OK;
	ml_tree *t;
	ml_node *root;

	try {
		toml::table tb = toml::parse(std::string_view(text, len));
		if (!(t = ml_tree_new()))
			return ML_ENOMEM;
		root = convert(t, tb, 0, &rc);
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
		return parse(text, len, out, err);
	} catch (const std::bad_alloc &) {
		return ML_ENOMEM;
	} catch (...) {
		return ML_EINVAL;
	}
}
