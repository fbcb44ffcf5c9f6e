#!/usr/bin/env python3
"""Issue 24: linear time and bounded memory for each per-file and
per-config step, on inputs a pull request can write. Each case runs an
input of size n and one of size k*n and requires the larger to take at
most SLACK*k times the smaller (plus a constant for start-up), so that a
step quadratic in its input fails while a slow or sanitized build passes;
each also has an absolute bound stated with its input size.

- include/exclude globs: 2,000 `**/` in a pattern (no crash, exit 0 or
  1), and `**/` repeated over a 22-deep folder, matched iteratively.
- SARIF: findings on one long line: the report grows with the findings,
  not with findings x line (snippets capped).
- in-page #anchor links: one heading set per article.
- table width: counted by the parse budget before cmark-gfm.
- --fix front matter trimming: at most two parses, not one per line.
- JSON Schema evaluation: a step budget linear in the front matter,
  ending in file-too-complex, whatever nests in the schema.
- front matter findings placed from one position index per file, not
  by a walk of the tree per finding.

usage: test_linear.py MEDLINT_BINARY SOURCE_DIR
"""
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import check, finish  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
SLACK = 3.0   # allowed factor over exact proportionality
START = 0.6   # seconds of start-up either run may spend

FRONT = ("---\ntitle: Soleus\ntype: term\nsummary: A calf muscle.\n"
         "reviewed: 2026-01-01\nreviewers: [A. Reviewer]\n---\n\n")


def run(args, cwd, timeout=300):
    t = time.monotonic()
    p = subprocess.run([BIN] + args, cwd=cwd, capture_output=True,
                       timeout=timeout)
    return p.returncode, p.stdout, p.stderr, time.monotonic() - t


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def linear(name, unit, small, big, make):
    """make(n) -> seconds for an input of n units; checks t(big) against
    t(small) scaled by big/small."""
    ts = make(small)
    tb = make(big)
    bound = SLACK * (big / small) * ts + START
    check("%s: %d %s in %.2f s, %d in %.2f s (bound %.2f s)"
          % (name, small, unit, ts, big, tb, bound), tb <= bound)
    return tb


def globs(tmp):
    # 2,000 `**/` in an include glob: collapsed into one, no crash.
    root = os.path.join(tmp, "g1")
    write(os.path.join(root, "a", "b.md"), FRONT + "Text.\n")
    write(os.path.join(root, ".medlint.yaml"),
          "include:\n  - \"" + "**/" * 2000 + "*.md\"\n")
    code, out, err, wall = run(["-f", "json", "."], root)
    check("2,000 `**/` in include: exit 0 or 1, no crash (%d, %.2f s)"
          % (code, wall), code in (0, 1), err[-300:])
    check("2,000 `**/`: the article is still matched", b"b.md" in out,
          out[:200])

    # `**/` k times over a 22-deep folder: before, each `**` tried every
    # split of the path recursively (over 60 s for 14 of them).
    def deep(k):
        r = os.path.join(tmp, "g2-%d" % k)
        d = os.path.join(r, *["d%d" % i for i in range(22)])
        write(os.path.join(d, "x.md"), FRONT + "Text.\n")
        write(os.path.join(r, ".medlint.yaml"),
              "exclude:\n  - \"" + "**/" * k + "nomatch/**\"\n")
        code, out, err, wall = run(["-f", "json", "."], r)
        check("%d `**/` over 22 folders: exit 0 or 1 (%d)" % (k, code),
              code in (0, 1), err[-300:])
        return wall
    wall = linear("`**/` x k over a 22-deep folder", "globstars", 4, 16,
                  deep)
    check("16 `**/` over a 22-deep folder under 5 s (%.2f s)" % wall,
          wall < 5)


def sarif(tmp):
    # 200 findings (in-page links to no heading) on one line padded to
    # n KB: before, every result copied the whole line (a 1 MB article
    # gave 2 GB of SARIF); now a result carries a few hundred bytes.
    def make(kb):
        d = os.path.join(tmp, "s-%d" % kb)
        links = " ".join("[w%d](#nowhere-%d)" % (i, i) for i in range(200))
        pad = "word " * (kb * 1024 // 5)
        write(os.path.join(d, "a.md"), FRONT + links + " " + pad + "\n")
        code, out, err, wall = run(["-f", "sarif", "a.md"], d)
        check("SARIF, 200 findings on a %d KB line: exit 1 (%d)"
              % (kb, code), code == 1, err[-300:])
        per = len(out) / max(1, out.count(b'"ruleId"'))
        check("SARIF, %d KB line: at most 4 KB a result (%.0f bytes)"
              % (kb, per), per < 4096)
        return wall
    linear("SARIF, findings on one long line", "KB", 100, 800, make)


def anchors(tmp):
    # n headings and a link to each: the heading slugs are made once per
    # article, not once per link (a 440 KB article took 96 s).
    def make(n):
        d = os.path.join(tmp, "a-%d" % n)
        body = "".join("## Part %d\n\nSee [it](#part-%d).\n\n" % (i, i)
                       for i in range(n))
        write(os.path.join(d, "a.md"), FRONT + body)
        code, out, err, wall = run(["-f", "json", "a.md"], d)
        check("%d in-page links: none reported (%d)" % (n, code),
              b"link-anchor" not in out, out[:300])
        return wall
    linear("in-page #anchors", "headings", 1000, 4000, make)


def tables(tmp):
    # A table n columns wide: cmark-gfm spends cells x columns per row
    # (16,000 columns took 13 s inside it); the parse budget counts the
    # width first and ends in file-too-complex.
    def make(cols):
        d = os.path.join(tmp, "t-%d" % cols)
        write(os.path.join(d, "a.md"), FRONT + "|a" * cols + "|\n" +
              "|-" * cols + "|\n" + ("|x" * cols + "|\n") * 3)
        code, out, err, wall = run(["-f", "json", "a.md"], d)
        check("a %d-column table: file-too-complex" % cols,
              b"file-too-complex" in out, out[:300])
        return wall
    wall = linear("table width", "columns", 4000, 16000, make)
    check("a 16,000-column table under 5 s (%.2f s)" % wall, wall < 5)


def fix_trim(tmp):
    # n front matter lines with trailing blanks and one literal block
    # whose trailing blanks are content: before, each line was tried in
    # its own parse of the whole YAML (45 KB took 88 s).
    def make(n):
        d = os.path.join(tmp, "f-%d" % n)
        fm = "".join("k%d: value %d   \n" % (i, i) for i in range(n))
        write(os.path.join(d, "a.md"),
              FRONT.replace("---\n\n", fm + "lit: |\n  kept   \n"
                            "---\n\n", 1) + "Text.\n")
        code, out, err, wall = run(["--fix", "-f", "json", "a.md"], d)
        with open(os.path.join(d, "a.md"), encoding="utf-8") as f:
            text = f.read()
        check("--fix, %d lines of front matter: trimmed, literal kept"
              % n, "value 1   " not in text and "  kept   \n" in text,
              text[:200])
        return wall
    linear("--fix front matter trimming", "lines", 500, 2000, make)


def fm_positions(tmp):
    # n related terms with no article: n findings in the front matter,
    # each ended at its node. Before, each was placed by walking the tree
    # from the root (80,000 terms took 22 s); now from one index.
    def make(n):
        d = os.path.join(tmp, "p-%d" % n)
        fm = ("---\ntitle: Soleus\ntype: term\nsummary: A calf muscle."
              "\nreviewed: 2026-01-01\nreviewers: [A. Reviewer]\n"
              "related_terms:\n" +
              "".join("  - nope-%d\n" % i for i in range(n)) + "---\n\n")
        write(os.path.join(d, "a.md"), fm + "Text.\n")
        code, out, err, wall = run(["-f", "json", "a.md"], d)
        got = [f for f in json.loads(out)["findings"]
               if f["rule"] == "related-term-missing"]
        last = got[-1] if got else {}
        want = len("  - nope-%d" % (n - 1)) + 1
        check("%d related terms: %d findings, the last ended at its "
              "node (%s:%s-%s)" % (n, len(got), last.get("line"),
                                   last.get("column"),
                                   last.get("end_column")),
              len(got) == n and last.get("column") == 5 and
              last.get("end_column") == want and
              last.get("end_line") == last.get("line"), err[-300:])
        return wall
    # 60,000 items stay under the 1 MiB front matter limit
    wall = linear("front matter finding positions", "terms", 15000, 60000,
                  make)
    check("60,000 related terms under 12 s (%.2f s)" % wall, wall < 12)


def schema_budget(tmp):
    # The default article schema with /title under anyOf nested k deep
    # (each level two $refs to the one below, both failing at the
    # bottom): 2^k evaluations asked for, 22 levels (5 KB) took 3.6 s and
    # each level doubled it. The step budget ends the evaluation in one
    # file-too-complex finding, in time linear in the front matter.
    with open(os.path.join(SRC, "schemas", "article.schema.yaml"),
              encoding="utf-8") as f:
        base = f.read().split("\n")
    with open(os.path.join(SRC, "content", "soleus.md"),
              encoding="utf-8") as f:
        article = f.read()

    def make(k):
        d = os.path.join(tmp, "b-%d" % k)
        out = []
        for line in base:
            out.append(line)
            if line == "    title:":
                out.append('      $ref: "#/$defs/l%d"' % k)
            if line == "  $defs:":
                out.append("    l0: {type: string, minLength: 100000}")
                out += ['    l%d: {anyOf: [{$ref: "#/$defs/l%d"}, '
                        '{$ref: "#/$defs/l%d"}]}' % (i, i - 1, i - 1)
                        for i in range(1, k + 1)]
        write(os.path.join(d, "schema.yaml"), "\n".join(out))
        write(os.path.join(d, ".medlint.yaml"), "schema: schema.yaml\n")
        write(os.path.join(d, "soleus.md"), article)
        try:
            code, out, err, wall = run(["-f", "json", "soleus.md"], d,
                                       timeout=60)
        except subprocess.TimeoutExpired:
            check("anyOf nested %d deep: done within 60 s" % k, False)
            return 60.0
        got = [f for f in json.loads(out)["findings"]
               if f["rule"] in ("file-too-complex", "frontmatter-schema")]
        check("anyOf nested %d deep: one file-too-complex at the front "
              "matter, no guessed schema finding (%s)"
              % (k, [(f["rule"], f["line"]) for f in got]),
              [(f["rule"], f["line"]) for f in got] ==
              [("file-too-complex", 2)], err[-300:])
        return wall
    wall = linear("nested anyOf in the schema", "levels", 24, 96, make)
    check("anyOf nested 96 deep (a 10 KB schema) under 5 s (%.2f s)"
          % wall, wall < 5)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        globs(tmp)
        sarif(tmp)
        anchors(tmp)
        tables(tmp)
        fix_trim(tmp)
        fm_positions(tmp)
        schema_budget(tmp)
    finish("linear")


if __name__ == "__main__":
    main()
