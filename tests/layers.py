#!/usr/bin/env python3
"""tests/layers.py: the include rules of src/, checked.

src/ is one folder per layer. A file may include headers of its own folder
and of any folder on a lower layer; never one on its own layer in another
folder (no circle) or on a higher one (no upward include). A folder's
`internal.h` is private: only that folder includes it. Every quoted include
names its folder ("core/article.h"), so a reader sees where it comes from.

    cli        the command: option table, one run
    lsp        the language server: framing, documents, diagnostics
    fix                    the fixer: --fix rewrites, quick fixes
    pipeline   report      one article through the family table | writers
    rules      verify      the rule families | reference verification
    cite                   APA reference parser and checks
    core                   article, result, findings, rule table, config,
                           profile, inline control, sections, content tree
    schema     links       JSON Schema validator | external link engine
    parse                  front matter, YAML nodes, document, anchors, slugs
    util                   buffers, hash map, regular expressions

usage: tests/layers.py SRC_DIR       check; print each offending line
       tests/layers.py --self-test   show that a planted upward include fails
"""
import os
import re
import shutil
import sys
import tempfile

LAYERS = {
    "util": 0,
    "parse": 1,
    "schema": 2,
    "links": 2,
    "core": 3,
    "cite": 4,
    "rules": 5,
    "verify": 5,
    "pipeline": 6,
    "report": 6,
    "fix": 7,
    "lsp": 8,
    "cli": 9,
    "gen": 10,
}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def problems(src):
    """Yield 'file:line: reason' for every include that breaks a rule."""
    for folder in sorted(os.listdir(src)):
        path = os.path.join(src, folder)
        if not os.path.isdir(path):
            yield "%s: a source outside any layer folder" % path
            continue
        if folder not in LAYERS:
            yield "%s: folder is on no layer (add it to LAYERS)" % path
            continue
        for name in sorted(os.listdir(path)):
            if name.endswith((".c", ".h")):
                yield from check_file(src, folder, os.path.join(path, name))


def check_file(src, folder, path):
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            reason = check_include(src, folder, m.group(1))
            if reason:
                yield '%s:%d: #include "%s": %s' % (path, lineno, m.group(1),
                                                    reason)


def check_include(src, folder, target):
    parts = target.split("/")
    if len(parts) != 2:
        return "name the header's folder (\"folder/file.h\")"
    to, header = parts
    if to not in LAYERS:
        return "no such layer folder %r" % to
    if not os.path.isfile(os.path.join(src, to, header)):
        return "no such header"
    if to == folder:
        return None
    if header == "internal.h":
        return "%s/internal.h is private to %s/" % (to, to)
    if LAYERS[to] == LAYERS[folder]:
        return "%s/ and %s/ share a layer: neither may include the other" % (
            folder, to)
    if LAYERS[to] > LAYERS[folder]:
        return "runs up from %s/ (layer %d) to %s/ (layer %d)" % (
            folder, LAYERS[folder], to, LAYERS[to])
    return None


def run(src):
    found = list(problems(src))
    for p in found:
        print(p)
    print("layers: %d include%s break the layering" %
          (len(found), "" if len(found) == 1 else "s"))
    return 1 if found else 0


def self_test():
    """The check must fail on a planted upward include and pass without."""
    here = os.path.dirname(os.path.abspath(__file__))
    src = os.path.join(os.path.dirname(here), "src")
    tmp = tempfile.mkdtemp(prefix="medlint-layers-")
    try:
        copy = os.path.join(tmp, "src")
        shutil.copytree(src, copy)
        if list(problems(copy)):
            print("self-test: the tree is not clean to begin with")
            return 1
        victim = os.path.join(copy, "util", "buf.c")
        with open(victim, "a", encoding="utf-8") as f:
            f.write('#include "core/finding.h"\n')
        found = list(problems(copy))
        want = "runs up from util/ (layer 0) to core/ (layer 3)"
        if len(found) != 1 or want not in found[0]:
            print("self-test: planted include not reported: %r" % found)
            return 1
        print("self-test: planted include reported as expected:")
        print("  " + found[0].replace(tmp + os.sep, ""))
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
