#!/usr/bin/env python3
"""Issue 24: the language server's limits, each failing before the fix.

- a Content-Length over the limit (2e12) is refused with an error and the
  stream read on at the next header: a request after it is answered (it
  was silently swallowed, with the rest of the session);
- a document whose content root would be / is not walked: its lint says
  so instead of listing the file system.
- a content root of over 20,000 files (LSP_MAX_ROOT_FILES) is not walked:
  said once with window/showMessage, its documents still linted.

usage: test_lsp_limits.py MEDLINT_BINARY SOURCE_DIR
"""
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, HERE)
from harness import check, finish  # noqa: E402
from lspclient import Client, Timeout, uri_of  # noqa: E402

BINARY = os.path.abspath(sys.argv[1])
ARGS = ["--today", "2026-06-01"]
ARTICLE = """---
title: "Soleus {n}: Definition and What it is"
slug: soleus-{n}
type: term
---
# Soleus {n}

Text.
"""


def answered(c, what):
    try:
        r = c.request("shutdown", None, timeout=15)
    except (Timeout, EOFError) as e:
        r = {"lost": str(e)}
    check("a request after %s is answered" % what, "result" in r, r)


def oversized_length(tmp):
    c = Client(BINARY, ARGS, cwd=tmp)
    c.initialize()
    c.send_raw(b"Content-Length: 2000000000000\r\n\r\n{}")
    err = c.wait(lambda m: "error" in m and m.get("id") is None, 10)
    check("Content-Length 2e12: refused with an error response",
          "larger than the limit" in err["error"]["message"], err)
    answered(c, "a Content-Length of 2e12")
    c.p.kill()
    c.p.wait()


def root_slash(tmp):
    c = Client(BINARY, ARGS, cwd=tmp)
    c.initialize()
    uri = "file:///medlint-lsp-limits-%d.md" % os.getpid()
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1,
        "text": ARTICLE.format(n=1) + "\nSee [x](other.md).\n"}})
    t0 = time.monotonic()
    try:
        msgs = [m for m in c.drain(5)
                if "root would be /" in str(m)]
    except EOFError:
        msgs = []
    check("a document at / is not walked: said instead (%.1f s)"
          % (time.monotonic() - t0), msgs, msgs)
    c.p.kill()
    c.p.wait()


def big_root(tmp):
    # 20,500 files under the root: the server does not index them (it
    # listed every one on the first lint, and again on each save).
    repo = os.path.join(tmp, "big")
    for k in range(41):
        d = os.path.join(repo, "f%02d" % k)
        os.makedirs(d)
        for i in range(500):
            os.close(os.open(os.path.join(d, "n%d.txt" % i),
                             os.O_CREAT | os.O_WRONLY, 0o644))
    with open(os.path.join(repo, ".medlint.yaml"), "w") as f:
        f.write("rules:\n  slug-filename: off\n")
    c = Client(BINARY, ARGS, cwd=tmp)
    c.initialize()
    t0 = time.monotonic()
    uris = []
    for n in (1, 2):
        path = os.path.join(repo, "a%d.md" % n)
        # a related term: looking it up walked the root
        uris.append(c.open(path, ARTICLE.format(n=n).replace(
            "type: term\n", "type: term\nrelated_terms: [nope]\n")))
    diags = [c.wait_diagnostics(u, timeout=30) for u in uris]
    wall = time.monotonic() - t0
    c.drain(1)
    shown = [m for m in c.log
             if m.get("method") == "window/showMessage" and
             "not walked" in m["params"]["message"]]
    check("a root of 20,500 files: not walked, said once (%d) in %.2f s"
          % (len(shown), wall), len(shown) == 1 and
          "over 20000 files" in shown[0]["params"]["message"], shown)
    check("its documents are still linted", all(
        isinstance(d, list) for d in diags), diags)
    # A root under the limit is walked as before: no such message.
    small = os.path.join(tmp, "small")
    os.makedirs(small)
    with open(os.path.join(small, ".medlint.yaml"), "w") as f:
        f.write("rules:\n  slug-filename: off\n")
    u = c.open(os.path.join(small, "a.md"), ARTICLE.format(n=3))
    c.wait_diagnostics(u, timeout=30)
    c.drain(1)
    shown = [m for m in c.log
             if m.get("method") == "window/showMessage" and
             "not walked" in m["params"]["message"]]
    check("a root of a few files: walked, nothing more said",
          len(shown) == 1,
          shown)
    c.p.kill()
    c.p.wait()


def main():
    tmp = tempfile.mkdtemp(prefix="medlint-lsp-limits-")
    try:
        oversized_length(tmp)
        root_slash(tmp)
        big_root(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish("lsp_limits")


if __name__ == "__main__":
    main()
