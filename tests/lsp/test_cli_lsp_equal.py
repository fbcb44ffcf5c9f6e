#!/usr/bin/env python3
"""tests/lsp/test_cli_lsp_equal.py: the command line and the language
server read one config the same way.

One content folder (the three articles of content/, changed so that every
rule option has something to act on), a .medlint.yaml that sets every rule
option (review-stale max_age_days, citation-case proper_nouns,
citation-source double_hyphen_dash), severities by name and by glob, an
exclude, and a schema beside it. `medlint --format json .` lints it from
its folder; `medlint --lsp` gets every article opened (real JSON-RPC with
Content-Length framing over pipes, tests/lsp/lspclient.py). Their findings
must be equal: file, rule, severity, start, end, message.

Positions: the server is asked for UTF-32 positions, so that its
characters count code points as the JSON report's columns do (0-based
against 1-based). A finding without an end is zero-width in JSON and runs
to the end of its line in the editor; that is the one difference allowed.

usage: test_cli_lsp_equal.py MEDLINT_BINARY SOURCE_DIR
"""
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, HERE)
from harness import Medlint, check, fail, finish  # noqa: E402
from lspclient import Client, uri_of  # noqa: E402

BINARY = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])
TODAY = "2026-06-01"
ARTICLES = ("achilles-tendon.md", "gastrocnemius.md", "soleus.md")

CONFIG = """\
exclude: ["drafts/**"]
rules:
  review-stale:
    max_age_days: 60
  citation-case:
    severity: error
    proper_nouns: [Bony]
  citation-source:
    double_hyphen_dash: true
  section-empty: off
  "link-*": warning
"""

# What each change to the articles makes a rule option decide.
EDITS = {
    # a page range written with '--': clean only with double_hyphen_dash
    "achilles-tendon.md": [("638\u2013643", "638--643")],
    # a title-case title: 'Bony' is a proper noun by the config, 'Pelvis'
    # is not
    "soleus.md": [("Anatomy, bony pelvis and lower limb, calf",
                   "Anatomy, Bony Pelvis and Lower Limb, Calf")],
    # a relative link to a missing file: link-file, a warning by the glob
    "gastrocnemius.md": [("## Related Terms\n",
                          "## Related Terms\n\nSee [the plantaris]"
                          "(plantaris.md).\n")],
}


def make_folder(tmp):
    d = os.path.join(tmp, "site")
    os.makedirs(os.path.join(d, "drafts"))
    os.makedirs(os.path.join(d, "schemas"))
    for name in ARTICLES:
        with open(os.path.join(SOURCE, "content", name),
                  encoding="utf-8") as f:
            text = f.read()
        for old, new in EDITS.get(name, []):
            if old not in text:
                fail("%s no longer holds %r" % (name, old))
            text = text.replace(old, new, 1)
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)
    # excluded by the config: neither front end lints it
    with open(os.path.join(d, "drafts", "draft.md"), "w") as f:
        f.write("no front matter, no sections\n")
    # the schema beside the config, with another review age than the
    # config's: the config's wins
    with open(os.path.join(SOURCE, "schemas", "article.schema.yaml"),
              encoding="utf-8") as f:
        schema = f.read()
    schema, n = re.subn(r"(?m)^review_max_age_days: \d+$",
                        "review_max_age_days: 3650", schema)
    if n != 1:
        fail("the default schema has no review_max_age_days line")
    with open(os.path.join(d, "schemas", "article.schema.yaml"), "w",
              encoding="utf-8") as f:
        f.write(schema)
    with open(os.path.join(d, ".medlint.yaml"), "w") as f:
        f.write(CONFIG)
    return d


def cli_findings(d):
    medlint = Medlint(BINARY, today=TODAY)
    report = medlint.report(["--format", "json", "."], cwd=d)
    out = []
    for f in report["findings"]:
        out.append((os.path.normpath(f["file"]), f["rule"], f["severity"],
                    f["line"] - 1, f["column"] - 1, f["end_line"] - 1,
                    f["end_column"] - 1, f["message"]))
    return sorted(out)


def line_ends(path):
    """Per 0-based line, its length in code points (the end an editor
    gets for a finding without an end)."""
    with open(path, encoding="utf-8") as f:
        return [len(x.rstrip("\r")) for x in f.read().split("\n")]


def lsp_findings(d, paths):
    """Every article opened, then a hover on each, so that each is linted
    again with all of them open; the last diagnostics of each."""
    c = Client(BINARY, ["--today", TODAY], cwd=tempfile.gettempdir())
    c.initialize({"general": {"positionEncodings": ["utf-32"]}})
    uris = {c.open(p): p for p in paths}
    for uri in uris:
        r = c.request("textDocument/hover", {
            "textDocument": {"uri": uri},
            "position": {"line": 0, "character": 0}})
        if "error" in r:
            fail("hover on %s: %r" % (uri, r))
    last = {}
    for m in c.log:
        if m.get("method") == "textDocument/publishDiagnostics":
            last[m["params"]["uri"]] = m["params"]["diagnostics"]
    shown = [m for m in c.log if m.get("method") == "window/showMessage"]
    check("the server shows no config or schema error", not shown, shown)
    status = c.close()
    check("the server exits 0 after shutdown", status == 0, c.stderr())
    out = []
    for uri, path in uris.items():
        if uri not in last:
            fail("no diagnostics for %s" % uri)
        for g in last[uri]:
            r = g["range"]
            out.append((os.path.relpath(path, d), g["code"],
                        "error" if g["severity"] == 1 else "warning",
                        r["start"]["line"], r["start"]["character"],
                        r["end"]["line"], r["end"]["character"],
                        g["message"]))
    return sorted(out)


def same(cli, lsp, d):
    """cli and lsp hold the same findings, a zero-width JSON end matching
    the end of its line in the editor."""
    if len(cli) != len(lsp):
        return False
    for a, b in zip(cli, lsp):
        if a[:5] != b[:5] or a[7] != b[7]:
            return False
        if a[5:7] == b[5:7]:
            continue
        zero_width = a[5:7] == a[3:5]
        if not (zero_width and b[5] == a[5] and
                b[6] == line_ends(os.path.join(d, a[0]))[a[5]]):
            return False
    return True


def main():
    tmp = tempfile.mkdtemp(prefix="medlint-cli-lsp-")
    try:
        d = make_folder(tmp)
        cli = cli_findings(d)
        rules = [f[1] for f in cli]
        # The fixture must make every option decide something, or the
        # comparison below proves little.
        check("CLI: review-stale at the config's 60 days, not the "
              "schema's", any(f[1] == "review-stale" and "more than 60)"
                              in f[7] for f in cli), cli)
        check("CLI: citation-case an error, 'Bony' a proper noun",
              [(f[2], "'Pelvis'" in f[7]) for f in cli
               if f[1] == "citation-case"] == [("error", True)], cli)
        check("CLI: '--' pages clean with double_hyphen_dash",
              "citation-source" not in rules, cli)
        check("CLI: link-file a warning by the glob",
              [f[2] for f in cli if f[1] == "link-file"] == ["warning"], cli)
        check("CLI: the excluded draft is not linted",
              not any(f[0].startswith("drafts") for f in cli), cli)
        paths = [os.path.join(d, n) for n in ARTICLES]
        paths.append(os.path.join(d, "drafts", "draft.md"))
        lsp = lsp_findings(d, paths)
        check("CLI and language server: the same findings (rule, "
              "severity, line, column, end, message)", same(cli, lsp, d),
              "\n  cli: %r\n  lsp: %r" % (
                  sorted(set(cli) - set(lsp)), sorted(set(lsp) - set(cli))))
    finally:
        shutil.rmtree(tmp)
    finish("cli_lsp_equal")


if __name__ == "__main__":
    main()
