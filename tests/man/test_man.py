#!/usr/bin/env python3
"""The man page doc/medlint.1: its RULES section matches the rule table,
it names every option of --help, groff renders it without a warning (when
groff is installed), and `cmake --install` puts it, gzipped, in share/man/man1.

usage: test_man.py MEDLINT_BINARY SOURCE_DIR BUILD_DIR"""
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import check, fail, finish  # noqa: E402

BIN, SRC, BUILD = (os.path.abspath(a) for a in sys.argv[1:4])
PAGE = os.path.join(SRC, "doc", "medlint.1")


def main():
    p = subprocess.run([sys.executable, os.path.join(SRC, "doc",
                                                     "gen-man-rules.py"),
                        BIN, PAGE, "--check"], capture_output=True, text=True)
    check("RULES section matches --list-rules/--explain", p.returncode == 0,
          p.stdout + p.stderr)

    with open(PAGE, encoding="utf-8") as f:
        page = f.read()
    helptext = subprocess.run([BIN, "--help"], capture_output=True,
                              text=True).stdout
    options = re.findall(r"--([a-z][a-z-]*)", helptext)
    missing = [o for o in options
               if ("\\-\\-" + o.replace("-", "\\-")) not in page]
    check("every option of --help is documented (%d)" % len(set(options)),
          options and not missing, missing)

    if not shutil.which("groff"):
        fail("groff is not installed, so the page's rendering cannot be "
             "checked (Debian's groff-base; ci/install-deps.sh installs it)")
    g = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z", PAGE],
                       capture_output=True, text=True)
    check("groff renders it without warnings",
          g.returncode == 0 and not g.stderr.strip(), g.stderr)

    with tempfile.TemporaryDirectory(prefix="medlint-man-") as prefix:
        i = subprocess.run(["cmake", "--install", BUILD, "--prefix", prefix],
                           capture_output=True, text=True)
        installed = os.path.join(prefix, "share", "man", "man1",
                                 "medlint.1.gz")
        same = False
        if i.returncode == 0 and os.path.isfile(installed):
            with gzip.open(installed, "rb") as f, \
                    open(os.path.join(SRC, "doc", "medlint.1"), "rb") as g:
                same = f.read() == g.read()
        check("cmake --install puts it, gzipped, in share/man/man1",
              same, i.stdout + i.stderr)
    finish("man")


if __name__ == "__main__":
    main()
