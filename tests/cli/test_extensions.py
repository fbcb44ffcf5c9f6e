#!/usr/bin/env python3
"""Which files are articles (issue 25): .md, .markdown and .mdx by default,
the config's `extensions:` otherwise; walks, quoted globs and `include`
use the list; a file passed over for its kind gets one note on stderr
with the count and an example, never silence; rename suggestions use the
file's own extension; related terms find articles of any article
extension; the pre-commit hook selects markdown and mdx.

usage: test_extensions.py MEDLINT_BINARY SOURCE_DIR"""
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import Medlint, check, finish  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
medlint = Medlint(BIN, today="2026-06-01")


def article(slug):
    """The sample soleus article, renamed to slug, without its links to
    other files (this tree holds none of them)."""
    with open(os.path.join(SRC, "content", "soleus.md"), encoding="utf-8") as f:
        text = f.read()
    text = text[:text.index("## Related Terms")]
    text = text.replace("related_terms: [gastrocnemius, achilles-tendon]\n", "")
    return text.replace("slug: soleus\n", "slug: %s\n" % slug)


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def files_of(out):
    rep = json.loads(out)
    return rep["summary"]["files"], sorted({f["file"] for f in rep["findings"]})


def tree(tmp):
    root = os.path.join(tmp, "site")
    for rel in ("content/a.md", "content/b.markdown", "content/post/c.mdx",
                "content/d.mdown"):
        slug = os.path.splitext(os.path.basename(rel))[0]
        write(root, rel, article(slug))
    write(root, "content/notes.txt", "not an article\n")
    return root


def defaults(root):
    code, out, err = medlint.run(["--format", "json", "content"], cwd=root)
    n, _ = files_of(out) if code in (0, 1) else (-1, [])
    check("defaults: .md, .markdown and .mdx are read (3 files)",
          code == 0 and n == 3, "exit %d files %d %s" % (code, n, err))
    check("defaults: the .mdown file is one note with count and example",
          err.count("note:") == 1 and "1 file skipped" in err and
          "content/d.mdown" in err and "notes.txt" not in err, err)
    code, out, err = medlint.run(["--format", "json", "content/**/*.mdx"],
                                 cwd=root)
    n, _ = files_of(out) if code in (0, 1) else (-1, [])
    check("a quoted glob of *.mdx reads the .mdx post", code == 0 and n == 1,
          "exit %d %s" % (code, err))
    code, out, err = medlint.run(["--format", "json", "content/*.markdown"],
                                 cwd=root)
    check("a quoted glob of *.markdown", code == 0 and
          files_of(out)[0] == 1, "exit %d %s" % (code, err))


def configured(root):
    write(root, ".medlint.yaml", "include: ['content/**/*.mdx']\n")
    code, out, err = medlint.run(["--format", "json"], cwd=root)
    check("include: [**/*.mdx] reads the .mdx post",
          code == 0 and files_of(out)[0] == 1, "exit %d %s" % (code, err))
    write(root, ".medlint.yaml", "extensions: [md]\n")
    code, out, err = medlint.run(["--format", "json"], cwd=root)
    check("extensions: [md] reads a.md only",
          code == 0 and files_of(out)[0] == 1, "exit %d %s" % (code, err))
    check("extensions: [md]: the other three in one note",
          err.count("note:") == 1 and "3 files skipped" in err and
          "*.md;" in err, err)
    code, out, err = medlint.run(["content/**/*.mdx"], cwd=root)
    check("extensions: [md]: a glob of *.mdx is exit 2 with a note",
          code == 2 and "1 file skipped" in err and "c.mdx" in err and
          "matches no article" in err, "exit %d %s" % (code, err))
    write(root, ".medlint.yaml", "extensions: [.mdx, markdown]\n")
    code, out, err = medlint.run(["--format", "json"], cwd=root)
    check("extensions: [.mdx, markdown]: the dot is optional",
          code == 0 and files_of(out)[0] == 2, "exit %d %s" % (code, err))
    write(root, ".medlint.yaml", "include: ['content/*.txt']\n")
    code, out, err = medlint.run([], cwd=root)
    check("include naming .txt files: exit 2, and the note names one",
          code == 2 and "notes.txt" in err and "1 file skipped" in err,
          "exit %d %s" % (code, err))
    for bad, where in (("extensions: []\n", ":1:13:"),
                       ("extensions: [md, 'a/b']\n", ":1:18:"),
                       ("extensions: [md, 3]\n", ":1:18:")):
        write(root, ".medlint.yaml", bad)
        code, out, err = medlint.run([], cwd=root)
        check("bad extensions %r: exit 2 at its place" % bad.strip(),
              code == 2 and where in err and err.count("\n") == 1,
              "exit %d %s" % (code, err))
    os.remove(os.path.join(root, ".medlint.yaml"))


def messages(root):
    write(root, "content/post/e.mdx", article("other-name"))
    code, out, err = medlint.run(["--format", "json", "content/post/e.mdx"],
                                 cwd=root)
    msgs = [f["message"] for f in json.loads(out)["findings"]
            if f["rule"] == "slug-filename"] if code in (0, 1) else []
    check("slug-filename suggests the file's own extension (.mdx)",
          len(msgs) == 1 and "rename the file to other-name.mdx" in msgs[0],
          msgs or err)
    os.remove(os.path.join(root, "content/post/e.mdx"))
    text = article("f").replace("type: term\n",
                                "type: term\nrelated_terms: [c, b, zz]\n")
    write(root, "content/post/f.mdx", text)
    write(root, "content/post/c.mdx", article("c"))
    # the content root is the site (b.markdown is in another folder)
    write(root, ".medlint.yaml", "extensions: [md, markdown, mdx]\n")
    code, out, err = medlint.run(["--format", "json", "content/post/f.mdx"],
                                 cwd=root)
    got = [f["message"] for f in json.loads(out)["findings"]
           if f["rule"] == "related-term-missing"] if code in (0, 1) else []
    check("related terms find .mdx and .markdown articles; a missing one "
          "is named with the article's extension",
          len(got) == 1 and '"zz"' in got[0] and "zz.mdx" in got[0], got or err)
    os.remove(os.path.join(root, ".medlint.yaml"))


def hook():
    with open(os.path.join(SRC, ".pre-commit-hooks.yaml"),
              encoding="utf-8") as f:
        text = f.read()
    check("the pre-commit hook selects markdown and mdx files",
          "types_or: [markdown, mdx]" in text and "types:" not in text, text)


def main():
    tmp = tempfile.mkdtemp(prefix="medlint-ext-")
    try:
        root = tree(tmp)
        defaults(root)
        configured(root)
        messages(root)
        hook()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish("extensions")


if __name__ == "__main__":
    main()
