#!/usr/bin/env python3
"""tests/golden/test_positions.py: where findings point, in every format.

Over every golden case (cases/, recipe/): each finding has an end at or
after its start; what is missing (frontmatter-missing, section-missing,
reviewer-byline-missing, a missing required key, an entry without a
title, a missing period where the finding points at a blank) is a
zero-width range, anything else covers text. JSON columns
count code points, SARIF columns UTF-16 code units (run.columnKind says
so), and both name the same text. On a line with "Martínez" and an emoji
before the fault, text, JSON, github and SARIF columns are checked
against Python's own counts.

usage: test_positions.py MEDLINT_BINARY SOURCE_DIR
"""
import glob
import json
import os
import re
import shlex
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
from harness import Medlint, check, finish  # noqa: E402

BINARY = os.path.abspath(sys.argv[1])
SOURCE = os.path.abspath(sys.argv[2])
MISSING = {"frontmatter-missing", "section-missing",
           "reviewer-byline-missing"}
medlint = Medlint(BINARY, today="2026-06-01")


def utf16(s):
    return len(s.encode("utf-16-le")) // 2


def by_utf16(line, col):
    """Python index of a 1-based UTF-16 column."""
    u = 1
    for i, ch in enumerate(line):
        if u >= col:
            return i
        u += utf16(ch)
    return len(line)


def missing(f, line):
    at = line[f["column"] - 1:f["column"]] if line is not None else ""
    return f["rule"] in MISSING or "missing required key" in f["message"] \
        or (f["rule"] == "citation-title" and
            f["message"].startswith("no title")) or at in (" ", "\t")


def run_case(folder, md):
    name = md[:-3]
    args = []
    if os.path.exists(os.path.join(folder, name + ".args")):
        with open(os.path.join(folder, name + ".args")) as f:
            args = shlex.split(f.read())
    _, out, _ = medlint.run(["--format", "json"] + args + [md], cwd=folder)
    _, sarif, _ = medlint.run(["--format", "sarif"] + args + [md],
                              cwd=folder)
    return json.loads(out), json.loads(sarif)


def test_goldens():
    bad_order, bad_width, disagree, total = [], [], [], 0
    kinds = set()
    for sub in ("cases", "recipe"):
        folder = os.path.join(SOURCE, "tests", "golden", sub)
        for path in sorted(glob.glob(os.path.join(folder, "*.md"))):
            md = os.path.basename(path)
            report, sarif = run_case(folder, md)
            with open(path, encoding="utf-8", errors="replace") as f:
                lines = f.read().split("\n")
            kinds.add(sarif["runs"][0].get("columnKind"))
            results = sarif["runs"][0]["results"]
            for f, r in zip(report["findings"], results):
                total += 1
                where = "%s:%d:%d %s" % (md, f["line"], f["column"],
                                         f["rule"])
                if (f["end_line"], f["end_column"]) < (f["line"],
                                                       f["column"]):
                    bad_order.append(where)
                empty = (f["end_line"], f["end_column"]) == (f["line"],
                                                             f["column"])
                line = lines[f["line"] - 1] if f["line"] <= len(lines) \
                    else None
                if empty != missing(f, line):
                    bad_width.append(where)
                if f["line"] != f["end_line"] or f["line"] > len(lines):
                    continue
                line = lines[f["line"] - 1]
                cp = line[f["column"] - 1:f["end_column"] - 1]
                reg = r["locations"][0]["physicalLocation"]["region"]
                u = line[by_utf16(line, reg["startColumn"]):
                         by_utf16(line, reg["endColumn"])]
                if cp != u or reg["startLine"] != f["line"]:
                    disagree.append("%s: JSON %r, SARIF %r" % (where, cp, u))
    check("%d findings in the goldens" % total, total >= 50, total)
    check("every end is at or after its start", not bad_order, bad_order)
    check("zero-width exactly where something is missing", not bad_width,
          bad_width)
    check("JSON (code points) and SARIF (UTF-16) name the same text",
          not disagree, disagree)
    check("SARIF declares columnKind utf16CodeUnits",
          kinds == {"utf16CodeUnits"}, kinds)


def test_non_ascii(tmp):
    with open(os.path.join(SOURCE, "tests", "golden", "cases", "ct-doi.md"),
              encoding="utf-8") as f:
        text = f.read()
    text = text.replace("Doral, M. N.,", "Martínez, L., Doral, M. N.,") \
        .replace("Functional anatomy", "Functional 🦵 anatomy")
    path = os.path.join(tmp, "ct-doi.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    lines = text.split("\n")
    ln = next(i for i, l in enumerate(lines) if "doi:10.1007" in l) + 1
    line = lines[ln - 1]
    at = line.index("doi:10.1007")
    end = at + len("doi:10.1007/s00167-010-1083-7")
    _, out, _ = medlint.run(["--format", "json", "ct-doi.md"], cwd=tmp)
    f = [x for x in json.loads(out)["findings"]
         if x["rule"] == "citation-doi"][0]
    check("JSON: column %d, end %d in code points (bytes would be %d)" %
          (at + 1, end + 1, len(line[:at].encode()) + 1),
          (f["line"], f["column"], f["end_line"], f["end_column"]) ==
          (ln, at + 1, ln, end + 1), f)
    _, out, _ = medlint.run(["ct-doi.md"], cwd=tmp)
    check("text: ct-doi.md:%d:%d" % (ln, at + 1),
          "ct-doi.md:%d:%d: error:" % (ln, at + 1) in out, out)
    _, out, _ = medlint.run(["--format", "github", "ct-doi.md"], cwd=tmp)
    check("github: col and endColumn in code points",
          re.search(r"line=%d,col=%d,endLine=%d,endColumn=%d," %
                    (ln, at + 1, ln, end + 1), out), out)
    _, out, _ = medlint.run(["--format", "sarif", "ct-doi.md"], cwd=tmp)
    reg = [r for r in json.loads(out)["runs"][0]["results"]
           if r["ruleId"] == "citation-doi"][0]["locations"][0][
               "physicalLocation"]["region"]
    check("SARIF: UTF-16 columns %d-%d (the emoji counts two)" %
          (utf16(line[:at]) + 1, utf16(line[:end]) + 1),
          (reg["startColumn"], reg["endColumn"]) ==
          (utf16(line[:at]) + 1, utf16(line[:end]) + 1), reg)
    check("SARIF snippet is the DOI",
          reg.get("snippet", {}).get("text") == line[at:end], reg)


def test_reference_part(tmp):
    """A finding about a reference's title covers the title."""
    with open(os.path.join(SOURCE, "tests", "golden", "cases", "ct-doi.md"),
              encoding="utf-8") as f:
        text = f.read()
    title = '"Gastrocnemius muscle anatomy"'
    text = text.replace("(2012). *Gastrocnemius*. Physiopedia.",
                        "(2012). %s. Physiopedia." % title)
    with open(os.path.join(tmp, "ct-doi.md"), "w", encoding="utf-8") as f:
        f.write(text)
    line = next(l for l in text.split("\n") if title in l)
    _, out, _ = medlint.run(["--format", "json", "ct-doi.md"], cwd=tmp)
    got = [line[f["column"] - 1:f["end_column"] - 1]
           for f in json.loads(out)["findings"]
           if f["rule"] == "citation-title"]
    check("citation-title covers the quoted title (%d findings)" % len(got),
          got and all(g == title for g in got), got)


def test_lone_cr(tmp):
    """A lone CR ends a line for cmark-gfm, not for editors, git or
    GitHub: findings after one keep the LF line numbers (and columns)."""
    with open(os.path.join(SOURCE, "tests", "golden", "cases", "ct-doi.md"),
              encoding="utf-8") as f:
        text = f.read()
    i = text.index("\n\n", text.index("---", 4)) + 2
    text = text[:i] + "One line\rand more after a lone CR.\n\n" + text[i:]
    with open(os.path.join(tmp, "ct-doi.md"), "w", encoding="utf-8",
              newline="") as f:
        f.write(text)
    lines = text.split("\n")
    ln = next(i for i, l in enumerate(lines) if "doi:10.1007" in l) + 1
    at = lines[ln - 1].index("doi:10.1007")
    _, out, _ = medlint.run(["--format", "json", "ct-doi.md"], cwd=tmp)
    f = [x for x in json.loads(out)["findings"]
         if x["rule"] == "citation-doi"][0]
    check("after a lone CR: citation-doi at %d:%d (LF lines)" % (ln, at + 1),
          (f["line"], f["column"], f["end_line"]) == (ln, at + 1, ln), f)


def main():
    test_goldens()
    tmp = tempfile.mkdtemp(prefix="medlint-pos-")
    try:
        test_non_ascii(tmp)
        test_reference_part(tmp)
        test_lone_cr(tmp)
    finally:
        shutil.rmtree(tmp)
    finish("positions")


if __name__ == "__main__":
    main()
