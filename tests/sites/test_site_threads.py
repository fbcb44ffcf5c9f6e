#!/usr/bin/env python3
"""Issue 25, the route index shared by threads: the same findings with
one thread and with several.

Hugo and Docusaurus pages wait for their routes until a link needs them;
the first thread that does routes the site under the index's lock, and
routing adds to the index (the site's root folder, "/"). Before, a
thread checking a link to a file read the index without the lock while
another routed it (ThreadSanitizer: a data race on the index's file
table; realloc could move it under the reader), and a link to the root
folder was found or not found depending on which came first. Here a
Hugo site of 400 pages whose links mix file links, routes, ref
shortcodes, links to the site's root folder and drafts is linted with
-j1, then five times with -j2 and once with -j4: the reports must be
byte-identical. This is what a user would see go wrong; the race itself
shows only under ThreadSanitizer, by hand (build with
-DCMAKE_C_FLAGS=-fsanitize=thread -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread
and run this site with -j2: one or two reports per run before the fix,
none after).

usage: test_site_threads.py MEDLINT_BINARY SOURCE_DIR
"""
import os
import random
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import Medlint, check, finish  # noqa: E402

medlint = Medlint(sys.argv[1], today="2026-06-01")
PAGES = 400


def make_site(root):
    rnd = random.Random(3)
    with open(os.path.join(root, "hugo.toml"), "w") as f:
        f.write('baseURL = "https://example.org/"\n')
    with open(os.path.join(root, ".medlint.yaml"), "w") as f:
        f.write('site:\n  generator: hugo\nrules:\n  "*": off\n'
                "  link-file: error\n  link-anchor: error\n")
    os.makedirs(os.path.join(root, "content"))
    for i in range(PAGES):
        links = []
        for _ in range(6):
            j = rnd.randrange(PAGES)
            kind = rnd.choice(("file", "route", "root", "ref", "anchor"))
            if kind == "file":
                links.append("[f](p%d.md)" % j)
            elif kind == "route":
                links.append("[r](/p%d/)" % j)
            elif kind == "root":
                links.append("[home](../)")
            elif kind == "ref":
                links.append('[x]({{< ref "p%d.md" >}})' % j)
            else:
                links.append("[a](/p%d/#part-%d)" % (j, rnd.randrange(3)))
        with open(os.path.join(root, "content", "p%d.md" % i), "w") as f:
            f.write("---\ntitle: P%d\nslug: p%d\ndraft: %s\n---\n\n# P%d\n\n"
                    "## Part %d\n\n%s\n" % (
                        i, i, "true" if i % 37 == 0 else "false", i,
                        i % 3, " ".join(links)))


with tempfile.TemporaryDirectory() as tmp:
    make_site(tmp)
    runs = {}
    for jobs in ("1", "2", "2", "2", "2", "2", "4"):
        code, out, err = medlint.run(["-j", jobs, "--format", "json",
                                      "content"], cwd=tmp, timeout=120)
        check("-j%s: exit 1 (the site's drafts and missing parts)" % jobs,
              code == 1, "exit %d: %s" % (code, err[-500:]))
        runs.setdefault(jobs, []).append(out)
    one = runs["1"][0]
    check("-j1 finds the drafts and missing anchors",
          '"link-file"' in one and '"link-anchor"' in one, one[:500])
    check("-j2, five runs: the -j1 report, byte for byte",
          all(r == one for r in runs["2"]),
          "%d of 5 differ" % sum(r != one for r in runs["2"]))
    check("-j4: the -j1 report, byte for byte", runs["4"][0] == one)
finish("site_threads")
