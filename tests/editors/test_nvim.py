#!/usr/bin/env python3
"""tests/editors/test_nvim.py: medlint --lsp in a real editor.

Headless Neovim (Debian's neovim, its built-in LSP client) opens a faulty
article in a throwaway content repository (tests/editors/nvim_lsp.lua).
The test reads back the diagnostics Neovim received - rule, line and the
byte columns Neovim derived from the server's UTF-16 ranges, on a line
with non-ASCII text and an emoji - the hover text, and the quick fix
Neovim applied and wrote; the file on disk must then hold the fix, and the
diagnostics that followed must no longer name the fault.

usage: test_nvim.py MEDLINT_BINARY SOURCE_DIR
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
from harness import check, fail, finish, skip  # noqa: E402

BINARY = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])
OLD_DOI = "doi:10.1007/s00167-010-1083-7"
NEW_DOI = "https://doi.org/10.1007/s00167-010-1083-7"


def main():
    nvim = shutil.which("nvim")
    if not nvim:
        skip("nvim is not installed (apt-get install neovim; "
             "ci/install-deps.sh does)")
    tmp = tempfile.mkdtemp(prefix="medlint-nvim-")
    try:
        run(nvim, tmp)
    finally:
        shutil.rmtree(tmp)
    finish("nvim")


def run(nvim, tmp):
    repo = os.path.join(tmp, "repo")
    shutil.copytree(os.path.join(SOURCE, "content"), repo)
    with open(os.path.join(SOURCE, "tests", "golden", "cases", "ct-doi.md"),
              encoding="utf-8") as f:
        text = f.read()
    text = text.replace("slug: ct-doi", "slug: calf") \
        .replace("Functional anatomy", "Functional 🦵 anatomy")
    article = os.path.join(repo, "calf.md")
    with open(article, "w", encoding="utf-8") as f:
        f.write(text)
    lines = text.split("\n")
    ln = next(i for i, l in enumerate(lines) if OLD_DOI in l)
    line = lines[ln]
    start = len(line[:line.index(OLD_DOI)].encode())
    end = start + len(OLD_DOI.encode())
    out = os.path.join(tmp, "out.json")
    env = dict(os.environ, MEDLINT_BIN=BINARY, MEDLINT_ARTICLE=article,
               MEDLINT_OUT=out, HOME=tmp, XDG_CONFIG_HOME=tmp,
               XDG_DATA_HOME=tmp, XDG_STATE_HOME=tmp, XDG_CACHE_HOME=tmp)
    try:
        p = subprocess.run([nvim, "--headless", "-u", "NONE", "-i", "NONE",
                            "-c", "luafile " + os.path.join(HERE,
                                                            "nvim_lsp.lua")],
                           env=env, cwd=repo, capture_output=True,
                           timeout=120)
    except subprocess.TimeoutExpired:
        fail("nvim did not finish within 120 s")
    if not os.path.exists(out):
        fail("nvim wrote no result (exit %d): %s" %
             (p.returncode, (p.stdout + p.stderr).decode()[-2000:]))
    with open(out, encoding="utf-8") as f:
        r = json.load(f)
    print("steps:", r.get("steps"))
    check("the Lua script ran to the end", "error" not in r, r.get("error"))
    before = r.get("before") or []
    rules = sorted(d["code"] for d in before)
    check("Neovim received exactly the article's fault (citation-doi)",
          rules == ["citation-doi"], before)
    doi = [d for d in before if d["code"] == "citation-doi"]
    d = doi[0] if doi else {}
    check("source medlint, severity error (1)",
          d.get("source") == "medlint" and d.get("severity") == 1, d)
    check("line %d, byte columns %d-%d as Neovim converted them from "
          "UTF-16" % (ln, start, end),
          (d.get("lnum"), d.get("col"), d.get("end_lnum"), d.get("end_col"))
          == (ln, start, ln, end), d)
    check("Neovim negotiated utf-16 (its 0.7 default)",
          r.get("offset_encoding") == "utf-16", r.get("offset_encoding"))
    check("hover shows the rule's help",
          "citation-doi" in (r.get("hover") or "") and
          "https://doi.org/" in (r.get("hover") or ""), r.get("hover"))
    check("a quick fix was offered and applied",
          r.get("applied") and any(a["kind"] == "quickfix"
                                   for a in r.get("actions", [])),
          r.get("actions"))
    check("the buffer line holds the DOI URL after the fix",
          NEW_DOI in (r.get("fixed_line") or "") and
          OLD_DOI not in (r.get("fixed_line") or ""), r.get("fixed_line"))
    with open(article, encoding="utf-8") as f:
        disk = f.read()
    check("Neovim wrote the fixed article: only the DOI changed",
          disk == text.replace(OLD_DOI, NEW_DOI), disk[-600:])
    check("the diagnostics after the fix no longer name citation-doi",
          r.get("fix_cleared") and r.get("after") == [], r.get("after"))


if __name__ == "__main__":
    main()
