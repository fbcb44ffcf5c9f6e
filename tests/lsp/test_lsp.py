#!/usr/bin/env python3
"""tests/lsp/test_lsp.py: medlint --lsp at the protocol level.

A Python client (lspclient.py) drives the server over pipes: the
lifecycle, position encodings (UTF-16 by default, UTF-8 and UTF-32 when
offered) on lines with non-ASCII text and emoji, incremental sync, the
unsaved buffer linted instead of the file, debouncing, $/cancelRequest,
quick fixes and hover, configs found from the document's folder and read
again on didChangeWatchedFiles, and the robustness cases: a malformed
header, invalid JSON, an unknown method, a request before initialize, a
huge message, a document that is not an article. Each must get the
protocol's error response or a log message, and the server must go on
answering.

usage: test_lsp.py MEDLINT_BINARY SOURCE_DIR
"""
import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, HERE)
from harness import check, fail, finish  # noqa: E402
from lspclient import Client, uri_of, utf16_len  # noqa: E402

BINARY = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])
ARGS = ["--today", "2026-06-01"]
CASE = os.path.join(SOURCE, "tests", "golden", "cases", "ct-doi.md")
OLD_DOI = "doi:10.1007/s00167-010-1083-7"
NEW_DOI = "https://doi.org/10.1007/s00167-010-1083-7"


def client(tmp, **kw):
    return Client(BINARY, ARGS, cwd=tmp, **kw)


def codes(diags):
    return sorted(d["code"] for d in diags)


def find_line(text, needle):
    for i, line in enumerate(text.split("\n")):
        if needle in line:
            return i, line
    fail("%r not in the test article" % needle)


def response_error(msg):
    return (msg.get("error") or {}).get("code")


def alive(c, what):
    """The server still answers a request after what."""
    r = c.request("textDocument/hover", {
        "textDocument": {"uri": "file:///nowhere.md"},
        "position": {"line": 0, "character": 0}}, timeout=10)
    check("answers after " + what, response_error(r) == -32602, r)


def test_lifecycle(tmp):
    c = client(tmp)
    r = c.request("textDocument/hover", {})
    check("request before initialize: -32002", response_error(r) == -32002, r)
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri_of(os.path.join(tmp, "a.md")), "languageId": "markdown",
        "version": 1, "text": "x"}})
    r = c.initialize()
    caps = r["result"]["capabilities"]
    check("initialize: UTF-16 when nothing is offered",
          caps["positionEncoding"] == "utf-16", caps)
    check("initialize: incremental sync", caps["textDocumentSync"]["change"]
          == 2, caps)
    check("initialize: code actions and hover",
          caps["codeActionProvider"] and caps["hoverProvider"], caps)
    check("notification before initialize is dropped (no diagnostics)",
          not any(m.get("method") == "textDocument/publishDiagnostics"
                  for m in c.inbox), c.inbox)
    r = c.request("initialize", {"capabilities": {}})
    check("second initialize: -32600", response_error(r) == -32600, r)
    r = c.request("medlint/noSuchThing", {})
    check("unknown method: -32601", response_error(r) == -32601, r)
    c.notify("$/setTrace", {"value": "off"})
    c.notify("medlint/unknownNotification", {})
    alive(c, "unknown notifications")
    check("no watcher registration unless the client offers it",
          not any(m.get("method") == "client/registerCapability"
                  for m in c.log), c.log)
    r = c.request("shutdown")
    check("shutdown: null result", "result" in r and r["result"] is None, r)
    r = c.request("textDocument/hover", {})
    check("request after shutdown: -32600", response_error(r) == -32600, r)
    c.notify("exit")
    code = c.kill()
    check("exit after shutdown: status 0", code == 0, code)

    c = client(tmp)
    c.initialize()
    c.notify("exit")
    code = c.kill()
    check("exit without shutdown: status 1", code == 1, code)

    c = client(tmp)
    c.initialize()
    code = c.kill()
    check("end of input: the server stops (status 1)", code == 1, code)


def test_encodings(tmp):
    with open(CASE, encoding="utf-8") as f:
        text = f.read()
    # A line with non-ASCII text and emoji before the faulty DOI.
    text = text.replace("Dönmez, G., & Maffulli, N. (2010). Functional",
                        "Dönmez, G., & Maffulli, N. (2010). Functional 🦵🏽")
    path = os.path.join(tmp, "ct-doi.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    ln, line = find_line(text, OLD_DOI)
    col = line.index(OLD_DOI)
    want = {
        "utf-16": (utf16_len(line[:col]), utf16_len(line[:col] + OLD_DOI)),
        "utf-8": (len(line[:col].encode()),
                  len((line[:col] + OLD_DOI).encode())),
        "utf-32": (col, col + len(OLD_DOI)),
    }
    check("the test line has characters outside the BMP",
          want["utf-16"][0] != want["utf-32"][0] !=
          want["utf-8"][0], want)
    for offered, enc in ((None, "utf-16"), (["utf-8", "utf-16"], "utf-8"),
                         (["utf-32"], "utf-32"), (["utf-16", "utf-8"],
                                                  "utf-16")):
        c = client(tmp)
        caps = {"general": {"positionEncodings": offered}} if offered else {}
        r = c.initialize(caps)
        got = r["result"]["capabilities"]["positionEncoding"]
        check("offered %s: %s negotiated" % (offered, enc), got == enc, got)
        uri = c.open(path, text)
        diags = c.wait_diagnostics(uri)
        doi = [d for d in diags if d["code"] == "citation-doi"]
        rng = doi[0]["range"] if doi else None
        check("%s: citation-doi at line %d, %d-%d" % (enc, ln, *want[enc]),
              rng == {"start": {"line": ln, "character": want[enc][0]},
                      "end": {"line": ln, "character": want[enc][1]}},
              (rng, diags))
        check("%s: source medlint, severity error" % enc,
              doi and doi[0]["source"] == "medlint" and
              doi[0]["severity"] == 1, doi)
        # An incremental edit in the same encoding: replace the DOI.
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": rng, "text": NEW_DOI}]})
        diags = c.wait_diagnostics(uri, version=2)
        check("%s: the edit lands on the DOI (citation-doi gone)" % enc,
              "citation-doi" not in codes(diags), diags)
        # Typing an emoji before a fault moves it by its width.
        r = c.request("textDocument/hover", {
            "textDocument": {"uri": uri},
            "position": {"line": ln, "character": want[enc][0] + 1}})
        check("%s: no hover where the fixed DOI is" % enc,
              r.get("result") is None, r)
        c.close()


def test_buffer_and_sync(tmp):
    clean = os.path.join(SOURCE, "content")
    repo = os.path.join(tmp, "repo")
    shutil.copytree(clean, repo)
    path = os.path.join(repo, "gastrocnemius.md")
    with open(path, encoding="utf-8") as f:
        disk = f.read()
    c = client(repo, )
    c.initialize(options={"debounceMs": 300})
    uri = c.open(path, disk)
    diags = c.wait_diagnostics(uri, version=1)
    check("a clean article: no diagnostics", diags == [], diags)
    # The unsaved buffer, not the file, is linted: break a phrase the
    # disclaimer must contain.
    ln, line = find_line(disk, "informational purposes only")
    at = line.index("informational")
    lines = disk.split("\n")
    lines[ln] = line[:at] + "X" + line[at + 1:]
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": 2},
        "contentChanges": [{"text": "\n".join(lines)}]})
    diags = c.wait_diagnostics(uri, version=2)
    check("the unsaved buffer is linted (section-content)",
          codes(diags) == ["section-content"], diags)

    def toggle(v):
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": v},
            "contentChanges": [{
                "range": {"start": {"line": ln, "character": at},
                          "end": {"line": ln, "character": at + 1}},
                "text": "X" if v % 2 else "i"}]})
    # Five keystrokes within the debounce: one lint, of the last version.
    for v in range(3, 8):
        toggle(v)
    got = c.drain(1.5)
    pubs = [m["params"]["version"] for m in got
            if m.get("method") == "textDocument/publishDiagnostics"]
    check("debounced: five changes, one lint (version 7)", pubs == [7], pubs)
    diags = [m for m in got if m.get("method") ==
             "textDocument/publishDiagnostics"][-1]["params"]["diagnostics"]
    check("incremental edits applied (section-content again)",
          codes(diags) == ["section-content"], diags)
    c.inbox = []
    toggle(8)
    # A request needs the findings now: it does not wait for the debounce.
    r = c.request("textDocument/hover", {
        "textDocument": {"uri": uri},
        "position": {"line": ln, "character": at}}, timeout=0.25)
    check("a request lints a changed buffer at once",
          "result" in r, r)
    diags = c.wait_diagnostics(uri, version=8)
    check("back to clean after the edit", diags == [], diags)
    # Cancellation: a request and its $/cancelRequest in one write.
    body1 = json.dumps({"jsonrpc": "2.0", "id": 900,
                        "method": "textDocument/hover",
                        "params": {"textDocument": {"uri": uri},
                                   "position": {"line": 0,
                                                "character": 0}}}).encode()
    body2 = json.dumps({"jsonrpc": "2.0", "method": "$/cancelRequest",
                        "params": {"id": 900}}).encode()
    c.send_raw(b"Content-Length: %d\r\n\r\n%s" % (len(body1), body1) +
               b"Content-Length: %d\r\n\r\n%s" % (len(body2), body2))
    r = c.wait_response(900)
    check("$/cancelRequest: RequestCancelled (-32800)",
          response_error(r) == -32800, r)
    c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    diags = c.wait_diagnostics(uri)
    check("didClose clears the diagnostics", diags == [], diags)
    check("shutdown and exit: 0", c.close() == 0)


def test_fix_and_hover(tmp):
    path = os.path.join(tmp, "ct-doi.md")
    shutil.copy(CASE, path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    c = client(tmp)
    c.initialize()
    uri = c.open(path, text)
    diags = c.wait_diagnostics(uri)
    doi = [d for d in diags if d["code"] == "citation-doi"][0]
    r = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": doi["range"],
        "context": {"diagnostics": [doi]}})
    acts = r.get("result") or []
    check("codeAction: one quick fix", len(acts) == 1 and
          acts[0]["kind"] == "quickfix", acts)
    edits = acts[0]["edit"]["changes"][uri] if acts else []
    check("the quick fix replaces the DOI with its URL",
          len(edits) == 1 and edits[0]["newText"] == NEW_DOI and
          edits[0]["range"] == doi["range"], edits)
    r = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": doi["range"],
        "context": {"diagnostics": [], "only": ["refactor"]}})
    check("codeAction only: refactor gives none", r.get("result") == [], r)
    r = c.request("textDocument/hover", {
        "textDocument": {"uri": uri}, "position": doi["range"]["start"]})
    value = ((r.get("result") or {}).get("contents") or {}).get("value", "")
    check("hover names the rule and gives its help",
          "**citation-doi**" in value and "https://doi.org/" in value, r)
    r = c.request("textDocument/codeAction", {"textDocument": {"uri": uri}})
    check("codeAction without a range: -32602", response_error(r) == -32602,
          r)
    c.close()


def test_config(tmp):
    repo = os.path.join(tmp, "cfg")
    os.makedirs(os.path.join(repo, "docs"))
    path = os.path.join(repo, "docs", "ct-doi.md")
    shutil.copy(CASE, path)
    conf = os.path.join(repo, ".medlint.yaml")
    with open(conf, "w") as f:
        f.write("rules:\n  citation-doi: off\n")
    c = client(tmp)  # the server runs elsewhere: the folder decides
    c.initialize({"workspace": {"didChangeWatchedFiles": {
        "dynamicRegistration": True}}})
    reg = c.wait(lambda m: m.get("method") == "client/registerCapability")
    globs = [w["globPattern"] for r in reg["params"]["registrations"]
             for w in r["registerOptions"]["watchers"]]
    check("a client that can is asked to watch configs and schemas",
          "**/.medlint.yaml" in globs and "**/schemas/*.yaml" in globs,
          reg)
    c.send({"jsonrpc": "2.0", "id": reg["id"], "result": None})
    uri = c.open(path)
    diags = c.wait_diagnostics(uri)
    check("the config above the document's folder is used (rule off)",
          "citation-doi" not in codes(diags), diags)
    with open(conf, "w") as f:
        f.write("rules:\n  citation-doi: warning\n")
    c.notify("workspace/didChangeWatchedFiles",
             {"changes": [{"uri": uri_of(conf), "type": 2}]})
    diags = c.wait_diagnostics(uri)
    doi = [d for d in diags if d["code"] == "citation-doi"]
    check("didChangeWatchedFiles: the config is read again (a warning now)",
          len(doi) == 1 and doi[0]["severity"] == 2, diags)
    with open(conf, "w") as f:
        f.write("rules:\n  no-such-rule: off\n")
    c.notify("workspace/didChangeWatchedFiles",
             {"changes": [{"uri": uri_of(conf), "type": 2}]})
    shown = c.wait(lambda m: m.get("method") == "window/showMessage")
    check("a broken config is shown to the user, naming it",
          ".medlint.yaml" in shown["params"]["message"], shown)
    alive(c, "a broken config")
    c.close()


def test_cross_file(tmp):
    """Other open buffers are seen before the files on disk."""
    repo = os.path.join(tmp, "repo")
    shutil.copytree(os.path.join(SOURCE, "content"), repo)
    gastro = os.path.join(repo, "gastrocnemius.md")
    soleus = os.path.join(repo, "soleus.md")
    with open(gastro, encoding="utf-8") as f:
        g = f.read()
    with open(soleus, encoding="utf-8") as f:
        so = f.read()
    c = client(repo)
    c.initialize(options={"debounceMs": 0})
    g2 = g.replace("- [Soleus](soleus.md)",
                   "- [Soleus](soleus.md#pilates-for-the-calf)")
    gu = c.open(gastro, g2)
    diags = c.wait_diagnostics(gu)
    check("an anchor missing from the file on disk: link-anchor",
          codes(diags) == ["link-anchor"], diags)
    c.inbox = []
    su = c.open(soleus, so + "\n## Pilates for the Calf\n\nSlow work.\n")
    diags = c.wait(lambda m: m.get("method") ==
                   "textDocument/publishDiagnostics" and
                   m["params"]["uri"] == gu and
                   m["params"]["diagnostics"] == [], timeout=5)
    check("the heading in soleus.md's unsaved buffer satisfies the anchor",
          diags)
    c.notify("textDocument/didClose", {"textDocument": {"uri": su}})
    diags = c.wait(lambda m: m.get("method") ==
                   "textDocument/publishDiagnostics" and
                   m["params"]["uri"] == gu and
                   m["params"]["diagnostics"], timeout=5)
    check("closed without saving: the file on disk counts again",
          codes(diags["params"]["diagnostics"]) == ["link-anchor"], diags)
    # A new article, open and never written.
    new = os.path.join(repo, "plantaris.md")
    g3 = g.replace("related_terms: [soleus, achilles-tendon]",
                   "related_terms: [soleus, achilles-tendon, plantaris]") \
        .replace("- [Soleus](soleus.md)",
                 "- [Soleus](soleus.md)\n- [Plantaris](plantaris.md)")
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": gu, "version": 2},
        "contentChanges": [{"text": g3}]})
    diags = c.wait_diagnostics(gu, version=2)
    check("no plantaris.md: related-term-missing and link-file",
          codes(diags) == ["link-file", "related-term-missing"], diags)
    c.inbox = []
    nu = c.open(new, so.replace("slug: soleus", "slug: plantaris"))
    diags = c.wait(lambda m: m.get("method") ==
                   "textDocument/publishDiagnostics" and
                   m["params"]["uri"] == gu and
                   m["params"]["version"] == 2 and
                   "link-file" not in codes(m["params"]["diagnostics"]),
                   timeout=5)["params"]["diagnostics"]
    check("an unsaved new plantaris.md satisfies both",
          codes(diags) == [], diags)
    check("the new article itself is linted from its buffer",
          c.wait_diagnostics(nu) is not None)
    c.close()


def test_robustness(tmp):
    c = client(tmp)
    c.initialize()
    c.send_raw(b"Content-Length: 9\r\n\r\n{\"jsonrpc")
    r = c.wait(lambda m: "error" in m)
    check("invalid JSON: -32700 with id null", response_error(r) == -32700
          and r["id"] is None, r)
    alive(c, "invalid JSON")
    c.send_raw(b"Content-Type: application/json\r\n\r\n{}")
    r = c.wait(lambda m: m.get("method") == "window/logMessage")
    check("header without Content-Length: logged",
          "Content-Length" in r["params"]["message"], r)
    alive(c, "a header without Content-Length")
    c.send_raw(b"Content-Length: 12abc\r\n\r\n")
    r = c.wait(lambda m: m.get("method") == "window/logMessage")
    check("Content-Length not a number: logged",
          "not a number" in r["params"]["message"], r)
    alive(c, "a bad Content-Length")
    c.send_raw(b"X" * 5000 + b"\r\n")
    r = c.wait(lambda m: m.get("method") == "window/logMessage")
    check("a header block without an end: logged",
          "longer than" in r["params"]["message"], r)
    alive(c, "an endless header")
    c.send_raw(b"Content-Length: 3\r\n\r\n[1]")
    r = c.wait(lambda m: "error" in m)
    check("not an object: -32600", response_error(r) == -32600, r)
    c.send({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"})
    r = c.wait(lambda m: "error" in m)
    check("an object as id: -32600", response_error(r) == -32600, r)
    huge = 65 * 1024 * 1024
    c.send_raw(b"Content-Length: %d\r\n\r\n" % huge)
    chunk = b" " * (1 << 20)
    for _ in range(huge // len(chunk)):
        c.send_raw(chunk)
    c.send_raw(b" " * (huge % len(chunk)))
    r = c.wait(lambda m: "error" in m, timeout=60)
    check("a 65 MiB message: refused with -32600, skipped unread",
          response_error(r) == -32600 and "larger than" in
          r["error"]["message"], r)
    alive(c, "a huge message")
    # Documents that are not articles.
    note = os.path.join(tmp, "notes.txt")
    with open(note, "w") as f:
        f.write("just some notes\n")
    uri = c.open(note, lang="plaintext")
    r = c.wait(lambda m: m.get("method") == "window/logMessage" and
               "not a Markdown article" in m["params"]["message"])
    check("a plain-text document: logged, not linted", r)
    diags = c.wait_diagnostics(uri)
    check("a plain-text document: no diagnostics", diags == [], diags)
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": "untitled:Untitled-1", "languageId": "markdown",
        "version": 1, "text": "# hello\n"}})
    r = c.wait(lambda m: m.get("method") == "window/logMessage" and
               "not a file" in m["params"]["message"])
    check("an untitled buffer: logged, not linted", r)
    bin_path = os.path.join(tmp, "binary.md")
    uri = c.open(bin_path, "\u0000\u0001garbage")
    diags = c.wait_diagnostics(uri)
    check("a binary buffer: file-invalid", codes(diags) == ["file-invalid"],
          diags)
    uri = c.open(os.path.join(tmp, "big.md"), "x" * (17 * 1024 * 1024))
    r = c.wait(lambda m: m.get("method") == "window/logMessage" and
               "larger than" in m["params"]["message"], timeout=60)
    check("a 17 MiB document: logged, not linted", r)
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": "file:///not/open.md", "version": 2},
        "contentChanges": [{"text": "x"}]})
    r = c.wait(lambda m: m.get("method") == "window/logMessage" and
               "not open" in m["params"]["message"])
    check("didChange of a document never opened: logged", r)
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri_of(bin_path), "version": 2},
        "contentChanges": [{"range": {"start": {"line": -1}}, "text": "x"}]})
    alive(c, "a change with a broken range")
    code = c.close()
    check("still exits cleanly (0)", code == 0, code)
    err = c.stderr()
    check("nothing on stderr (no sanitizer report)", err == "", err[-2000:])


def main():
    tmp = tempfile.mkdtemp(prefix="medlint-lsp-")
    try:
        for t in (test_lifecycle, test_encodings, test_buffer_and_sync,
                  test_fix_and_hover, test_config, test_cross_file,
                  test_robustness):
            print("--", t.__name__)
            sub = os.path.join(tmp, t.__name__)
            os.makedirs(sub)
            t(sub)
    finally:
        shutil.rmtree(tmp)
    finish("lsp")


if __name__ == "__main__":
    main()
