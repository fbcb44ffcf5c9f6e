#!/usr/bin/env python3
"""Issue 25, the route index's cheap paths give what the slow ones gave.

The walk reads each page's first bytes with one read (16 KiB), more only
when front matter fills them; an article's own path is its resolved
folder and its name when the walk met that name as a file, realpath when
it met a symbolic link. Here, on Hugo sites made in a temporary folder:
- an article that is a symbolic link (a plain file and a bundle's
  index.md) takes its route, and so its relative links, from the file it
  points to, as realpath says;
- front matter longer than one read (a slug at its end after 10 KiB and
  after 40 KiB) still gives the page its route;
- a page of more than 4 KiB that opens with no front matter is
  published by its file name, links to it resolve.

usage: test_site_walk.py MEDLINT_BINARY SOURCE_DIR
"""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import Medlint, check, findings, finish  # noqa: E402

medlint = Medlint(sys.argv[1], today="2026-06-01")

CONFIG = """site:
  generator: hugo
rules:
  "*": off
  link-file: error
  link-anchor: error
"""


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def site(tmp):
    write(tmp, ".medlint.yaml", CONFIG)
    write(tmp, "hugo.toml", 'baseURL = "https://example.org/"\n')
    # b/page.md is published at /b/page/: from there "../sibling/" is
    # /b/sibling/, which exists; from /a/alias/ it would be /a/sibling/
    write(tmp, "content/b/page.md",
          "---\ntitle: Page\n---\n\n# Page\n\n[Sibling](../sibling/)\n")
    write(tmp, "content/b/sibling.md", "---\ntitle: Sibling\n---\n\n# S\n")
    write(tmp, "content/a/other.md", "---\ntitle: Other\n---\n\n# O\n")
    os.symlink("../b/page.md", os.path.join(tmp, "content/a/alias.md"))
    os.makedirs(os.path.join(tmp, "content/c"))
    os.symlink("../b/page.md", os.path.join(tmp, "content/c/index.md"))
    pad = "".join("note_%d: %s\n" % (i, "x" * 60) for i in range(160))
    write(tmp, "content/long/ten.md",
          "---\ntitle: Ten\n" + pad + "slug: ten-kib\n---\n\n# Ten\n")
    write(tmp, "content/long/forty.md",
          "---\ntitle: Forty\n" + pad * 4 + "slug: forty-kib\n---\n\n# F\n")
    write(tmp, "content/long/bare.md",
          "# Bare\n\n" + "Words without front matter. " * 200 + "\n")
    write(tmp, "content/links.md",
          "---\ntitle: Links\n---\n\n# Links\n\n"
          "[ten](/long/ten-kib/)\n\n[forty](/long/forty-kib/)\n\n"
          "[bare](/long/bare/)\n\n[gone](/long/ten/)\n")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        site(tmp)
        for rel in ("content/a/alias.md", "content/c/index.md"):
            out = medlint.report(["--format", "json", rel], cwd=tmp)
            got = findings(out, "rule", "message")
            check("a symbolic link %s routes as the file it names" % rel,
                  got == [], got)
        # the same files reached through their targets and a plain page:
        # the plain page's own route is its own
        out = medlint.report(["--format", "json", "content/b/page.md"],
                             cwd=tmp)
        check("the target itself resolves", findings(out, "rule") == [],
              findings(out, "rule", "message"))
        out = medlint.report(["--format", "json", "content/links.md"],
                             cwd=tmp)
        got = findings(out, "line", "rule", "message")
        check("front matter past one read gives its page's slug, a long "
              "page without front matter its file name",
              [(f[0], f[1]) for f in got] == [(13, "link-file")], got)
        check("the route a slug replaced is gone",
              got and "/long/ten" in got[0][2], got)
        # a whole-site run (-j2): every file, links and all
        out = medlint.report(["--format", "json", "-j", "2", "content"],
                             cwd=tmp)
        got = findings(out, "file", "line", "rule")
        check("the whole site: only the broken link",
              got == [("content/links.md", 13, "link-file")], got)
    finish("site_walk")


if __name__ == "__main__":
    main()
