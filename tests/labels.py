#!/usr/bin/env python3
"""tests/labels.py: every ctest test says which src/ folders it covers.

`ctest -L FOLDER` is how a contributor runs what covers the folder they
changed, so a test without labels is one nobody runs by folder, and a
label that names no folder selects nothing anyone asks for. Each test must
carry at least one label, and each label must be a folder of src/ or one
of EXTRA (checks of the whole tree; what ships around the binary).

usage: tests/labels.py CTEST BUILD_DIR SRC_DIR
"""
import json
import os
import subprocess
import sys

EXTRA = {"tree", "package"}


def tests_and_labels(ctest, build):
    """(name, [labels]) of every test ctest knows in build."""
    out = subprocess.run([ctest, "--test-dir", build, "--show-only=json-v1"],
                         check=True, capture_output=True, text=True).stdout
    for t in json.loads(out)["tests"]:
        labels = []
        for p in t.get("properties", []):
            if p["name"] == "LABELS":
                labels = p["value"]
        yield t["name"], labels


def problems(tests, folders):
    allowed = folders | EXTRA
    for name, labels in tests:
        if not labels:
            yield "%s: no LABELS (name the src/ folders it covers)" % name
        for label in labels:
            if label not in allowed:
                yield "%s: label %r is no src/ folder nor one of %s" % (
                    name, label, ", ".join(sorted(EXTRA)))


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    ctest, build, src = argv[1:]
    folders = {d for d in os.listdir(src)
               if os.path.isdir(os.path.join(src, d))}
    tests = list(tests_and_labels(ctest, build))
    found = list(problems(tests, folders))
    # The check itself: a test without labels and one with a stray label
    # must be reported.
    planted = list(problems([("planted_bare", []),
                             ("planted_stray", ["nowhere"])], folders))
    if len(planted) != 2:
        print("labels: the check misses planted faults: %r" % planted)
        return 1
    for p in found:
        print(p)
    print("labels: %d tests, %d problem%s" %
          (len(tests), len(found), "" if len(found) == 1 else "s"))
    return 1 if found or not tests else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
