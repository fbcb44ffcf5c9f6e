"""Release metadata (issue 15): an MIT LICENSE, a CHANGELOG naming the
version, the version set once (CMakeLists.txt's project VERSION is what
--version prints), and every place that tells users which medlint to fetch
(README, the hook example, the workflows) names a commit that exists in
this repository, not a tag that was never made.

    test_release.py MEDLINT SOURCE_DIR
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from harness import Medlint, check, finish  # noqa: E402

medlint = Medlint(sys.argv[1])
src = sys.argv[2]


def read(rel):
    with open(os.path.join(src, rel), encoding="utf-8") as f:
        return f.read()


cmake = read("CMakeLists.txt")
m = re.search(r"project\(medlint VERSION (\d+\.\d+\.\d+)", cmake)
check("CMakeLists.txt sets the version", m, cmake[:200])
version = m.group(1) if m else "?"

code, out, err = medlint.run(["--version"])
check("--version prints CMake's version", code == 0 and
      out.strip() == "medlint " + version, repr(out))

others = []
for d, _, files in os.walk(os.path.join(src, "src")):
    for f in files:
        if f.endswith((".c", ".h")):
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                if re.search(r'"%s"' % re.escape(version), fh.read()):
                    others.append(f)
check("no second copy of the version in src/", not others, others)

lic = read("LICENSE")
check("LICENSE is MIT", lic.startswith("MIT License") and
      "Permission is hereby granted, free of charge" in lic)
check("CHANGELOG.md names the version", "## [%s]" % version in
      read("CHANGELOG.md"))

inside = subprocess.run(["git", "-C", src, "rev-parse", "--git-dir"],
                        capture_output=True).returncode == 0
refs = []
for rel, pat in (("README.md", r"^\s*rev:\s*(\S+)"),
                 (".pre-commit-hooks.yaml", r"^#\s*rev:\s*(\S+)"),
                 ("ci/pre-commit/pre-commit-config.example.yaml",
                  r"^\s*rev:\s*(\S+)"),
                 ("ci/github/medlint.yml", r"^\s*MEDLINT_REF:\s*(\S+)"),
                 ("ci/github/medlint-sharded.yml",
                  r"^\s*MEDLINT_REF:\s*(\S+)")):
    found = re.findall(pat, read(rel), re.M)
    check("%s names a revision" % rel, found, rel)
    for ref in found:
        refs.append((rel, ref))
        check("%s: %s is a full commit id" % (rel, ref[:12]),
              re.fullmatch(r"[0-9a-f]{40}", ref), ref)
        if inside:
            ok = subprocess.run(["git", "-C", src, "cat-file", "-e",
                                 ref + "^{commit}"],
                                capture_output=True).returncode == 0
            check("%s: commit %s exists" % (rel, ref[:12]), ok, ref)
check("one revision everywhere", len({r for _, r in refs}) == 1, refs)
finish("release")
