#!/usr/bin/env python3
"""Issue 29, start-up: what every run of medlint loads before it reads an
article. The C++ runtime of the toml++ shims (parse/fmtoml.cc,
parse/sitetoml.cpp) is linked into the binary and toml++ is used
header-only, so no run loads and relocates libstdc++.so, libgcc_s.so or
libtomlplusplus.so (before: most of a one-file run's start-up). TOML is
still read, and its errors (C++ exceptions, caught in the shim) still
become findings and config errors. With MEDLINT_STATIC_DEPS (the
default; the test's environment says ML_STATIC_DEPS=1), libyaml,
cmark-gfm, PCRE2 and jansson are linked in too, so that a one-file run
maps and relocates no library but libc's (and libcurl, when it checks
links, by dlopen).

usage: test_startup.py MEDLINT_BINARY SOURCE_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import Medlint, check, fail, finish  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
medlint = Medlint(BIN, today="2026-06-01")


def needed():
    if not shutil.which("readelf"):
        fail("readelf not found (binutils; ci/install-deps.sh installs "
             "build-essential)")
    out = subprocess.run(["readelf", "-d", BIN], capture_output=True,
                         text=True, check=True).stdout
    return [line.split("[", 1)[1].rstrip("]") for line in out.splitlines()
            if "(NEEDED)" in line]


libs = needed()
for lib in ("libstdc++", "libgcc_s", "libtomlplusplus"):
    check("%s is not loaded at start (%s)" % (lib, " ".join(libs)),
          not any(n.startswith(lib) for n in libs))
if os.environ.get("ML_STATIC_DEPS") == "1":
    for lib in ("libyaml", "libcmark-gfm", "libpcre2", "libjansson",
                "libcurl"):
        check("%s is linked in or loaded later, not at start (%s)" % (
              lib, " ".join(libs)), not any(n.startswith(lib) for n in libs))

FRONT = ('+++\ntitle = "Soleus: Definition and What it is"\n'
         'slug = "soleus"\ntype = "term"\nlast_reviewed = 2026-05-10\n')
with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(tmp, "soleus.md"), "w") as f:
        f.write(FRONT + 'related_terms = [\n+++\n\nText.\n')
    code, out, err = medlint.run(["--format", "text", "soleus.md"], cwd=tmp)
    check("a TOML syntax error is a frontmatter-syntax finding, exit 1",
          code == 1 and "soleus.md:6:" in out and "[frontmatter-syntax]"
          in out, "exit %d: %s%s" % (code, out, err))
    # a Hugo site config that is not TOML: a one-line error, exit 2
    os.makedirs(os.path.join(tmp, "site", "content"))
    with open(os.path.join(tmp, "site", "hugo.toml"), "w") as f:
        f.write("baseURL = [\n")
    shutil.copy(os.path.join(tmp, "soleus.md"),
                os.path.join(tmp, "site", "content", "soleus.md"))
    with open(os.path.join(tmp, ".medlint.yaml"), "w") as f:
        f.write("site:\n  generator: hugo\n  root: site\n")
    code, out, err = medlint.run(["--format", "text", "site/content"],
                                 cwd=tmp)
    check("a Hugo config that is not TOML: exit 2 with its line",
          code == 2 and "hugo.toml" in err, "exit %d: %s%s" % (code, out,
                                                               err))
finish("startup")
