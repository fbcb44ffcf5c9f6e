#!/usr/bin/env python3
"""tests/docpaths.py: the source paths the contributor documents name exist.

doc/HACKING.md and README.md point newcomers at files and folders of src/.
A path that was moved or deleted sends them nowhere, so every
`src/FOLDER/FILE.c`, `src/FOLDER/FILE.h` and `src/FOLDER/` they name must
exist in the checkout (a glob such as `src/rules/*.c` checks its folder).

usage: tests/docpaths.py SOURCE_DIR      check; print each missing path
       tests/docpaths.py --self-test     show that a planted path fails
"""
import os
import re
import shutil
import sys
import tempfile

DOCS = ("doc/HACKING.md", "README.md")
# src/<folder>/ then, optionally, <file>.c or <file>.h. The look-behind
# keeps "tests/src/..." or "build/src/..." from counting; the look-ahead
# keeps "src/x/file.cc" or "src/x/file.h5" from being read as .c or .h.
PATH = re.compile(r"(?<![\w./-])src/([A-Za-z0-9_-]+)/"
                  r"(?:([A-Za-z0-9_.-]+\.[ch])(?![\w.]))?")


def missing(root):
    """Yield 'doc:line: src/...: reason' for every path that is not there."""
    for doc in DOCS:
        path = os.path.join(root, doc)
        if not os.path.isfile(path):
            yield "%s: the document itself is missing" % doc
            continue
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                for m in PATH.finditer(line):
                    folder, name = m.group(1), m.group(2)
                    where = os.path.join(root, "src", folder)
                    if not os.path.isdir(where):
                        yield "%s:%d: %s: no such folder src/%s/" % (
                            doc, lineno, m.group(0), folder)
                    elif name and not os.path.isfile(
                            os.path.join(where, name)):
                        yield "%s:%d: %s: no such file" % (doc, lineno,
                                                          m.group(0))


def run(root):
    found = list(missing(root))
    for p in found:
        print(p)
    print("docpaths: %d path%s named in %s missing" %
          (len(found), "" if len(found) == 1 else "s", " and ".join(DOCS)))
    return 1 if found else 0


def self_test():
    """Planted missing paths must be reported, present ones not: the check
    runs on documents written here over a copy of src/, so it does not
    depend on what the real documents say today."""
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    tmp = tempfile.mkdtemp(prefix="medlint-docpaths-")
    try:
        shutil.copytree(os.path.join(root, "src"), os.path.join(tmp, "src"))
        os.makedirs(os.path.join(tmp, "doc"))
        good = ("`src/util/buf.c`, `src/core/result.h`, src/rules/*.c, "
                "src/cite/ and tests/src/x/y.c (not under src/)\n")
        bad = "See `src/core/gone.c` and src/nowhere/.\n"
        for doc in DOCS:
            with open(os.path.join(tmp, doc), "w", encoding="utf-8") as f:
                f.write(good)
        if list(missing(tmp)):
            print("self-test: present paths reported: %r" % list(missing(tmp)))
            return 1
        with open(os.path.join(tmp, DOCS[0]), "a", encoding="utf-8") as f:
            f.write(bad)
        found = list(missing(tmp))
        want = ["doc/HACKING.md:2: src/core/gone.c: no such file",
                "doc/HACKING.md:2: src/nowhere/: no such folder src/nowhere/"]
        if found != want:
            print("self-test: planted paths not reported as expected: %r"
                  % found)
            return 1
        print("self-test: planted paths reported as expected:")
        for f in found:
            print("  " + f)
        print("1 passed, 0 failed")
        return 0
    finally:
        shutil.rmtree(tmp)

if __name__ == "__main__":
    if len(sys.argv) == 2 and sys.argv[1] == "--self-test":
        sys.exit(self_test())
    if len(sys.argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(2)
    sys.exit(run(sys.argv[1]))
