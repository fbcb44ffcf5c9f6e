#!/usr/bin/env python3
"""tests/cli/test_repo_shapes.py: config where the files are (issue 26).

Repositories of our own making, each with its .git folder:
- the config in docs/, run from the root and from a subfolder, by the
  command line and by the language server (real JSON-RPC framing): the
  same findings everywhere, the root's README left alone, and a
  .medlint.yaml above the .git root never read;
- two sibling folders with configs naming different schemas;
- overrides applied in order, an unknown key in one refused with its
  line:col;
- no config at all: one stderr line says the built-in schema is in use;
- a schema with five mistakes and a config with three: all located, in
  one run, exit 2;
- the verification rules refused only with --verify-refs;
- --print-config FILE: where each value came from, site:, verify: and
  extensions: included.

usage: test_repo_shapes.py MEDLINT_BINARY SOURCE_DIR
"""
import json
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, os.path.join(HERE, "..", "lsp"))
from harness import Medlint, check, fail, finish  # noqa: E402
from lspclient import published  # noqa: E402

BINARY = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])
TODAY = "2026-06-01"
ARTICLES = ("achilles-tendon.md", "gastrocnemius.md", "soleus.md")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def article(name):
    with open(os.path.join(SOURCE, "content", name), encoding="utf-8") as f:
        return f.read()


def default_schema():
    with open(os.path.join(SOURCE, "schemas", "article.schema.yaml"),
              encoding="utf-8") as f:
        return f.read()


def repo(tmp, name):
    d = os.path.join(tmp, name)
    os.makedirs(os.path.join(d, ".git"))
    return d


class Run:
    def __init__(self, r):
        self.code, self.out, self.err = r


class Runner(Medlint):
    def run(self, args, cwd=None, stdin=None, timeout=60):
        return Run(super().run(args, cwd=cwd, stdin=stdin, timeout=timeout))

    def report(self, args, cwd=None, stdin=None, timeout=120):
        r = self.run(args, cwd=cwd, stdin=stdin, timeout=timeout)
        if r.code not in (0, 1):
            fail("medlint %s exited %d: %s" % (" ".join(args), r.code, r.err))
        return json.loads(r.out)


M = Runner(BINARY, today=TODAY)


def json_findings(args, cwd, base):
    """(file relative to base, rule, severity, line, column, end, message)"""
    rep = M.report(["--format", "json"] + args, cwd=cwd)
    out = []
    for f in rep["findings"]:
        path = os.path.relpath(os.path.join(cwd, f["file"]), base)
        out.append((path, f["rule"], f["severity"], f["line"] - 1,
                    f["column"] - 1, f["message"]))
    return sorted(out)


def lsp_findings(paths, base):
    """As json_findings, from the language server."""
    out, shown, status, err = published(BINARY, ["--today", TODAY], paths,
                                        base)
    check("LSP: no config or schema error shown", not shown, shown)
    check("LSP: exits 0", status == 0, err)
    return sorted(f[:5] + f[7:] for f in out)


def shape_docs(tmp):
    """(1) the config in docs/, run from the root and from a subfolder."""
    top = os.path.join(tmp, "above")
    # above the repository: never read (it would be exit 2)
    write(os.path.join(top, ".medlint.yaml"), "not_a_key: 1\n")
    d = repo(top, "site")
    write(os.path.join(d, "README.md"), "# A readme, not an article\n")
    schema = re.sub(r"(?m)^review_max_age_days: \d+$",
                    "review_max_age_days: 90", default_schema())
    write(os.path.join(d, "docs", "schemas", "article.schema.yaml"), schema)
    write(os.path.join(d, "docs", ".medlint.yaml"),
          "include: [\"guides/**/*.md\"]\nrules:\n  section-empty: off\n")
    for n in ARTICLES:
        write(os.path.join(d, "docs", "guides", n), article(n))
    # one fault: the slug differs from the file name
    p = os.path.join(d, "docs", "guides", "soleus.md")
    write(p, article("soleus.md").replace("slug: soleus", "slug: soleus-x",
                                          1))
    r = M.run(["--format", "json"], cwd=d)
    check("docs/: run from the root finds docs/.medlint.yaml (exit 1, "
          "not 2)", r.code == 1, r.err)
    check("docs/: the root's README is not linted with the built-in "
          "schema", "README" not in r.out, r.out)
    check("docs/: the files no config governs are named in a note",
          "no .medlint.yaml governs" in r.err, r.err)
    root = json_findings([], d, d)
    check("docs/: findings come from docs/ only",
          root and all(f[0].startswith("docs/guides/") for f in root), root)
    check("docs/: the schema beside the config (review age 90)",
          any(f[1] == "review-stale" and "more than 90)" in f[5]
              for f in root), root)
    check("docs/: the slug fault is found",
          any(f[1] == "slug-filename" and f[0].endswith("soleus.md")
              for f in root), root)
    sub = json_findings([], os.path.join(d, "docs", "guides"), d)
    check("docs/: from a subfolder, the same findings", sub == root,
          "\n  root %r\n  sub  %r" % (root, sub))
    named = json_findings(["docs"], d, d)
    check("docs/: naming docs from the root, the same findings",
          named == root, named)
    lsp = lsp_findings([os.path.join(d, "docs", "guides", n)
                        for n in ARTICLES], d)
    check("docs/: CLI and LSP give the same findings", lsp == root,
          "\n  cli %r\n  lsp %r" % (sorted(set(root) - set(lsp)),
                                   sorted(set(lsp) - set(root))))


def shape_siblings(tmp):
    """Two sibling folders, each with its config and its schema."""
    d = repo(tmp, "siblings")
    extra = default_schema().replace(
        "sections:\n",
        "sections:\n  - id: zeta\n    heading: \"Zeta\"\n    level: 2\n"
        "    required: true\n", 1)
    write(os.path.join(d, "a", "s.yaml"), extra)
    write(os.path.join(d, "a", ".medlint.yaml"), "schema: s.yaml\n")
    write(os.path.join(d, "b", ".medlint.yaml"), "rules: {}\n")
    for sub in ("a", "b"):
        for n in ARTICLES:
            write(os.path.join(d, sub, n), article(n))
    got = [f for f in json_findings([], d, d) if f[1] == "section-missing"]
    check("siblings: a's schema asks for Zeta, b's does not",
          [(f[0], f[1]) for f in got] ==
          [("a/" + n, "section-missing") for n in ARTICLES], got)
    check("siblings: the finding names a's section",
          got and "Zeta" in got[0][5], got)


def shape_nested(tmp):
    """A config at the root and one in a subfolder: each file its nearest."""
    d = repo(tmp, "nested")
    write(os.path.join(d, ".medlint.yaml"),
          "include: [\"content/**/*.md\"]\nrules: {slug-filename: warning}\n")
    write(os.path.join(d, "docs", ".medlint.yaml"),
          "rules: {slug-filename: off}\n")
    for sub in ("content", "docs"):
        write(os.path.join(d, sub, "soleus.md"), article("soleus.md").replace(
            "slug: soleus", "slug: soleus-x", 1))
    got = [(f[0], f[2]) for f in json_findings([], d, d)
           if f[1] == "slug-filename"]
    check("nested: from the root, content/ by the root's config (a "
          "warning), docs/ by its own (off) yet linted",
          got == [("content/soleus.md", "warning")], got)
    files = M.report(["--format", "json"], cwd=d)["summary"]["files"]
    check("nested: both folders linted", files == 2, files)


def shape_overrides(tmp):
    d = repo(tmp, "overrides")
    write(os.path.join(d, ".medlint.yaml"),
          "rules:\n  section-missing: error\n  section-empty: off\n"
          "overrides:\n"
          "  - files: [\"x/**\"]\n    rules: {section-missing: off}\n"
          "  - files: [\"x/keep.md\"]\n"
          "    rules: {section-missing: warning}\n")
    text = article("gastrocnemius.md").replace(
        "## Gastrocnemius Exercises", "## Gastrocnemius Pictures")
    for rel in ("x/keep.md", "x/other.md", "y.md"):
        write(os.path.join(d, rel), text.replace(
            "slug: gastrocnemius",
            "slug: " + os.path.basename(rel)[:-3]))
    got = [(f[0], f[1], f[2]) for f in json_findings([], d, d)
           if f[1] == "section-missing"]
    check("overrides: in order, the later wins",
          got == [("x/keep.md", "section-missing", "warning"),
                  ("y.md", "section-missing", "error")], got)
    pc = M.run(["--print-config", "x/keep.md"], cwd=d)
    check("--print-config FILE: exit 0", pc.code == 0, pc.err)
    check("--print-config FILE: the rule's origin is override 2",
          re.search(r"(?m)^  section-missing: warning  # .*\.medlint\.yaml"
                    r":8 \(override 2\)$", pc.out), pc.out)
    check("--print-config FILE: a default says so",
          re.search(r"(?m)^  citation-author: error  # default$", pc.out),
          pc.out)
    check("--print-config FILE: the schema and the review age",
          re.search(r"(?m)^schema: .*# compiled into medlint$", pc.out) and
          re.search(r"(?m)^review_max_age_days: 730  # schema ", pc.out),
          pc.out)
    check("--print-config FILE: a slot for the content type",
          re.search(r"(?m)^type: ", pc.out), pc.out)
    pc = M.run(["--print-config", "y.md"], cwd=d)
    check("--print-config FILE: no override for y.md, the config's line",
          re.search(r"(?m)^  section-missing: error  # .*\.medlint\.yaml:2$",
                    pc.out), pc.out)
    check("overrides: each one used, no note",
          "matches no article" not in M.run([], cwd=d).err)
    write(os.path.join(d, ".medlint.yaml"),
          "overrides:\n  - files: [\"x/**\"]\n    rules: {}\n"
          "  - files: [\"content/*.mdx\", \"z/**\"]\n"
          "    rules: {section-missing: off}\n")
    r = M.run([], cwd=d)
    check("overrides: one whose files match no article is a note at "
          "its line:col",
          re.search(r"(?m)^medlint: note: .*\.medlint\.yaml:4:5: override 2 "
                    r"\(files: content/\*\.mdx, z/\*\*\) matches no "
                    r"article of this run$", r.err) and
          "override 1 " not in r.err, r.err)
    write(os.path.join(d, ".medlint.yaml"),
          "overrides:\n  - files: [\"x/**\"]\n    ruls: {}\n")
    r = M.run(["y.md"], cwd=d)
    check("overrides: an unknown key is exit 2 at its line:col",
          r.code == 2 and ".medlint.yaml:3:5: unknown key "
          "\"overrides[1].ruls\"" in r.err, r.err)


def shape_no_config(tmp):
    d = repo(tmp, "bare")
    write(os.path.join(d, "gastrocnemius.md"), article("gastrocnemius.md"))
    r = M.run(["gastrocnemius.md"], cwd=d)
    lines = [x for x in r.err.splitlines() if "built-in schema" in x]
    check("no config: one stderr line, the built-in schema and --init",
          r.code in (0, 1) and len(lines) == 1 and "--init" in lines[0],
          (r.code, r.err))
    r = M.run(["--schema",
               os.path.join(SOURCE, "schemas", "article.schema.yaml"),
               "gastrocnemius.md"], cwd=d)
    check("no config but --schema: no such line",
          "built-in schema" not in r.err, r.err)


SCHEMA_5 = """\
frontmatter:
  type: object
sections:
  - id: a
    heading: "A"
    level: 9
  - id: b
    heading: "B("
    colour: red
fields:
  writer: author
byline: "by ("
credentials: [MD]
surprise: true
"""


def shape_errors(tmp):
    d = repo(tmp, "errors")
    write(os.path.join(d, "s.yaml"), SCHEMA_5)
    write(os.path.join(d, ".medlint.yaml"), "schema: s.yaml\n")
    write(os.path.join(d, "a.md"), article("gastrocnemius.md"))
    r = M.run(["a.md"], cwd=d)
    located = re.findall(r"(?m)^medlint: .*s\.yaml:(\d+):(\d+): ", r.err)
    check("a schema with five mistakes: five located errors, exit 2",
          r.code == 2 and len(located) == 6 and
          sorted({int(x[0]) for x in located}) == [6, 8, 9, 11, 12, 14],
          (r.code, r.err))
    write(os.path.join(d, ".medlint.yaml"),
          "schema: s.yaml\ncolour: red\nrules:\n  no-such-rule: error\n"
          "links:\n  timeout: forever\n")
    r = M.run(["a.md"], cwd=d)
    cfg = re.findall(r"(?m)^medlint: .*\.medlint\.yaml:(\d+):\d+: ", r.err)
    check("a config with three mistakes: three located errors, and the "
          "schema's too, in one run",
          r.code == 2 and cfg == ["2", "4", "6"] and
          len(re.findall(r"s\.yaml:\d+:\d+", r.err)) >= 5, r.err)


def shape_verify(tmp):
    d = repo(tmp, "verify")
    schema = default_schema().replace("citations: apa7", "min_words: 0")
    if schema == default_schema():
        fail("the default schema has no 'citations: apa7'")
    write(os.path.join(d, "s.yaml"), schema)
    write(os.path.join(d, ".medlint.yaml"),
          "schema: s.yaml\nrules:\n  \"citation-*\": off\n"
          "  citation-unresolved: error\n")
    write(os.path.join(d, "gastrocnemius.md"), article("gastrocnemius.md"))
    r = M.run(["gastrocnemius.md"], cwd=d)
    check("citation-unresolved without --verify-refs is not refused",
          r.code in (0, 1) and "cannot run" not in r.err, (r.code, r.err))
    r = M.run(["--verify-refs", "gastrocnemius.md"], cwd=d)
    check("with --verify-refs it cannot run: exit 2, said",
          r.code == 2 and "rule citation-unresolved is on but cannot run"
          in r.err, (r.code, r.err))


def shape_print_site(tmp):
    """--print-config shows site:, verify: and extensions: as the run
    reads them, with where each came from."""
    d = repo(tmp, "print-site")
    write(os.path.join(d, ".medlint.yaml"),
          "extensions: [md]\nsite:\n  generator: hugo\n  root: site\n"
          "verify:\n  mailto: editors@example.org\n")
    write(os.path.join(d, "site", "hugo.toml"),
          'baseURL = "https://example.org/"\n')
    pc = M.run(["--print-config"], cwd=d)
    check("--print-config: site: with its line and the Hugo config found",
          pc.code == 0 and
          re.search(r"(?m)^site:  # .*\.medlint\.yaml:2$", pc.out) and
          re.search(r"(?m)^  generator: hugo$", pc.out) and
          re.search(r"(?m)^  config: .*/site/hugo\.toml  # found in the "
                    r"site's root$", pc.out), pc.out + pc.err)
    check("--print-config: verify: with its line and its defaults",
          re.search(r"(?m)^verify:  # .*\.medlint\.yaml:5$", pc.out) and
          re.search(r"(?m)^  mailto: editors@example\.org$", pc.out) and
          re.search(r"(?m)^  title_similarity: 0\.85$", pc.out), pc.out)
    check("--print-config: extensions: with its line",
          re.search(r'(?m)^extensions: \["md"\]  # .*\.medlint\.yaml:1$',
                    pc.out), pc.out)
    os.remove(os.path.join(d, "site", "hugo.toml"))
    pc = M.run(["--print-config"], cwd=d)
    check("--print-config: no Hugo config: the generator's defaults",
          re.search(r"(?m)^  config: none  # none found", pc.out), pc.out)
    write(os.path.join(d, ".medlint.yaml"), "rules: {}\n")
    pc = M.run(["--print-config"], cwd=d)
    check("--print-config: no site: and default verify: say so",
          re.search(r"(?m)^site: none  # default", pc.out) and
          re.search(r"(?m)^verify:  # default$", pc.out) and
          re.search(r"(?m)^extensions: \[\]  # default", pc.out), pc.out)


def main():
    tmp = tempfile.mkdtemp(prefix="medlint-shapes-")
    try:
        shape_docs(tmp)
        shape_siblings(tmp)
        shape_nested(tmp)
        shape_overrides(tmp)
        shape_no_config(tmp)
        shape_errors(tmp)
        shape_verify(tmp)
        shape_print_site(tmp)
    finally:
        shutil.rmtree(tmp)
    finish("repo_shapes")


if __name__ == "__main__":
    main()
