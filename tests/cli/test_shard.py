#!/usr/bin/env python3
"""--shard K/N: the N shards of a run together report exactly the findings
of the full run, none twice, and a shard is the same set of files wherever
medlint is started from. The corpus is 200 generated articles
(../shared/tools/gen_corpus.py) plus a few faulty files.

usage: test_shard.py MEDLINT_BINARY SOURCE_DIR
Exit 77 (skip) with a SKIP line when ../shared/tools is absent."""
import collections
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import check, finish  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
GEN = os.path.join(os.path.dirname(SRC), "shared", "tools", "gen_corpus.py")


def lint(args, cwd):
    p = subprocess.run([BIN, "--today", "2026-06-01", "--format", "json"] +
                       args, cwd=cwd, capture_output=True, timeout=300)
    if p.returncode not in (0, 1):
        raise SystemExit("FAIL medlint %s: exit %d %s" %
                         (args, p.returncode, p.stderr.decode()))
    return json.loads(p.stdout)


def keyed(report, base="."):
    """Findings as a multiset, files relative to base."""
    return collections.Counter(
        (os.path.relpath(os.path.normpath(f["file"]), base),
         f["line"], f["column"], f["rule"], f["message"])
        for f in report["findings"])


FAULTY = {
    "broken-yaml.md": "---\ntitle: \"Broken: Definition\"\nslug: [broken\n---\n# Broken\n",
    "no-front-matter.md": "# Just a heading\n\nSome prose without front matter.\n",
    "drafts/missing-related.md": (
        "---\ntitle: \"Missing Related: Definition and What it is\"\n"
        "slug: missing-related\ntype: term\nreviewers:\n"
        "  - name: Jonathan Lee\n    credentials: [MD]\n"
        "last_reviewed: 2026-01-10\n"
        "related_terms: [soleus, no-such-term]\n---\n"
        "# Missing Related: Definition and What it is\n"),
    "empty.md": "",
}


def make_corpus(root):
    corpus = os.path.join(root, "corpus")
    subprocess.run([sys.executable, GEN, corpus, "200", "--seed", "7"],
                   check=True)
    for name, text in FAULTY.items():
        path = os.path.join(corpus, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
    with open(os.path.join(corpus, ".medlint.yaml"), "w") as f:
        f.write("schema: %s\n" % os.path.join(SRC, "schemas",
                                                "article.schema.yaml"))
    return corpus


def main():
    if not os.path.exists(GEN):
        print("SKIP: %s is absent (the shared folder beside the checkout)" % GEN)
        sys.exit(77)
    with tempfile.TemporaryDirectory(prefix="medlint-shard-") as tmp:
        corpus = make_corpus(tmp)
        full = lint(["."], corpus)
        want = keyed(full)
        nfiles = full["summary"]["files"]
        check("full run: %d files, %d findings" % (nfiles, len(full["findings"])),
              nfiles == 200 + len(FAULTY) and len(full["findings"]) > 0,
              full["summary"])
        for n in (2, 3, 7):
            got = collections.Counter()
            files_seen = collections.Counter()
            sizes = []
            for k in range(1, n + 1):
                part = lint(["--shard", "%d/%d" % (k, n), "."], corpus)
                got += keyed(part)
                sizes.append(part["summary"]["files"])
                files_seen.update(set(os.path.normpath(f["file"])
                                      for f in part["findings"]))
            dup = [f for f, c in files_seen.items() if c > 1]
            check("%d shards: union equals the full run" % n, got == want,
                  "missing %s extra %s" % (list((want - got).items())[:5],
                                           list((got - want).items())[:5]))
            check("%d shards: every file once (%s files)" % (n, sizes),
                  sum(sizes) == nfiles and not dup and min(sizes) > 0, dup)
        # The same shard from the parent folder: the slice is by the path
        # relative to the content root, not by how it was typed.
        here = lint(["--shard", "2/3", "."], corpus)
        there = lint(["-c", "corpus/.medlint.yaml", "--shard", "2/3",
                      "corpus"], tmp)
        check("a shard does not depend on the current folder",
              keyed(here) == keyed(there, "corpus") and
              here["summary"]["files"] == there["summary"]["files"])
        for bad in ("0/3", "4/3", "1/0", "a/b", "1/2/3", "2"):
            p = subprocess.run([BIN, "--shard", bad, "."], cwd=corpus,
                               capture_output=True, timeout=30)
            check("--shard %s is a usage error" % bad, p.returncode == 2,
                  "exit %d" % p.returncode)
    finish("shard")


if __name__ == "__main__":
    main()
