#!/usr/bin/env python3
"""Issue 24: the language server's limits, each failing before the fix.

- a Content-Length over the limit (2e12) is refused with an error and the
  stream read on at the next header: a request after it is answered (it
  was silently swallowed, with the rest of the session);
- a document whose content root would be / is not walked: its lint says
  so instead of listing the file system.
- a content root of over 20,000 files (LSP_MAX_ROOT_FILES) is not walked:
  said once with window/showMessage, its documents still linted.
- a 60 MB body of {} values is refused before it is parsed, with the
  server's peak memory (VmHWM) bounded (it reached 4.65 GB);
- 500 open documents: a keystroke (didChange) re-lints that document
  only: one publishDiagnostics, not 500 (0.24 s a keystroke before).

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


def peak_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


def empty_objects(tmp):
    # [{},{},...] of 60 MB: 20 million values. jansson would spend about
    # 200 bytes on each; the server counts them first and refuses.
    c = Client(BINARY, ARGS, cwd=tmp)
    c.initialize()
    before = peak_kb(c.p.pid)
    n = 20 * 1000 * 1000
    body = b"[" + b"{}," * (n - 1) + b"{}]"
    c.send_raw(b"Content-Length: %d\r\n\r\n" % len(body))
    for i in range(0, len(body), 1 << 20):
        c.send_raw(body[i:i + (1 << 20)])
    del body
    try:
        r = c.wait(lambda m: "error" in m and m.get("id") is None, 60)
    except (Timeout, EOFError) as e:
        r = {"lost": str(e)}
    check("a 60 MB body of {}: refused before parsing",
          "too complex" in str(r) or "values" in str(r), r)
    answered(c, "a 60 MB body of {}")
    peak = peak_kb(c.p.pid)
    # the body itself is held once (60 MB) while it is read; sanitizer
    # builds add their shadow memory. 400 MB is a tenth of what parsing
    # it took.
    check("a 60 MB body of {}: peak memory %d MB (before it %d MB), "
          "under 400 MB" % (peak // 1024, before // 1024),
          0 < peak < 400 * 1024, peak)
    c.p.kill()
    c.p.wait()


def keystroke_500(tmp):
    repo = os.path.join(tmp, "many")
    os.makedirs(repo)
    with open(os.path.join(repo, ".medlint.yaml"), "w") as f:
        f.write("rules:\n  slug-filename: off\n")
    c = Client(BINARY, ARGS, cwd=tmp)
    c.initialize(options={"debounceMs": 50})
    uris = []
    for n in range(500):  # each answered before the next: no pipe fills
        uris.append(c.open(os.path.join(repo, "a%d.md" % n),
                           ARTICLE.format(n=n)))
        c.wait_diagnostics(uris[-1], timeout=30)
    # opening re-lints the others once the debounce expires: wait for
    # the server to go quiet
    t0 = time.monotonic()
    while c.drain(2) and time.monotonic() - t0 < 240:
        pass
    check("500 documents open and settled (%.1f s)"
          % (time.monotonic() - t0), time.monotonic() - t0 < 240)
    c.log.clear()
    c.inbox.clear()
    target = uris[250]
    t1 = time.monotonic()
    for v in range(2, 7):  # five keystrokes, each past the debounce
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": target, "version": v},
            "contentChanges": [{"text": ARTICLE.format(n=250) +
                                "x" * v + "\n"}]})
        c.wait_diagnostics(target, timeout=30, version=v)
    per = (time.monotonic() - t1) / 5
    c.drain(1)
    pubs = [m["params"]["uri"] for m in c.log
            if m.get("method") == "textDocument/publishDiagnostics"]
    check("500 open, 5 keystrokes on one: 5 publishDiagnostics, all of "
          "it (%d, %d other documents)"
          % (len(pubs), len([u for u in pubs if u != target])),
          len(pubs) == 5 and set(pubs) == {target}, pubs[:10])
    # one lint of one article and the 50 ms debounce, not 500 lints
    check("a keystroke with 500 open: %.3f s, under 1 s" % per, per < 1)
    c.p.kill()
    c.p.wait()


def main():
    tmp = tempfile.mkdtemp(prefix="medlint-lsp-limits-")
    try:
        oversized_length(tmp)
        root_slash(tmp)
        big_root(tmp)
        empty_objects(tmp)
        keystroke_500(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish("lsp_limits")


if __name__ == "__main__":
    main()
