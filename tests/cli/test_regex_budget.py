#!/usr/bin/env python3
"""Issue 16: every regex that runs on article text has match, depth and heap
limits and a per-file budget, and a pattern that runs out of either ends in
a file-too-complex finding naming it and where it is defined, never in a
silent "no match". Each check is scaled so that the code before the fix
fails it (before: 5,000 headings under a nested-quantifier heading pattern
took over a minute and reported nothing; 2,000 links under such a
links.exclude pattern ran the pattern to PCRE2's default limit on each and
then fetched them all; a front-matter pattern that ran out was reported
as "does not match"; a bad links.exclude pattern was accepted unless
--links all).

usage: test_regex_budget.py MEDLINT_BINARY
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import check, finish  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
FRONT = ("---\ntitle: Budget case\nslug: %s\ntype: term\n"
         "reviewers:\n  - name: Jo Roe\n    credentials: [MD]\n"
         "last_reviewed: 2026-05-01\n---\n# Budget case\n\n")


def run(args, cwd, timeout=60):
    """(exit code, stdout, stderr, wall seconds); a run that overstays its
    timeout is killed and reported as exit -9."""
    t0 = time.monotonic()
    try:
        p = subprocess.run([BIN, "--today", "2026-06-01"] + args, cwd=cwd,
                           capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return -9, "", "", timeout
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace"), time.monotonic() - t0


def complex_findings(out):
    try:
        return [f for f in json.loads(out)["findings"]
                if f["rule"] == "file-too-complex"]
    except ValueError:
        return []


def schema_with(section):
    """The built-in schema with one more section in front."""
    p = subprocess.run([BIN, "--print-schema"], capture_output=True,
                       text=True, check=True)
    return p.stdout.replace("sections:\n", "sections:\n" + section, 1)


def heading_pattern(tmp):
    base = os.path.join(tmp, "headings")
    os.makedirs(base)
    with open(os.path.join(base, "schema.yaml"), "w") as f:
        f.write(schema_with('  - id: hostile\n    heading: "(a+)+$"\n'
                            "    level: 2\n    required: false\n"))
    with open(os.path.join(base, ".medlint.yaml"), "w") as f:
        f.write("schema: schema.yaml\ninclude: ['*.md']\n")
    line = 2 + FRONT.count("\n") - 1
    # 2^25 ways to split each run of a's: one heading is past any match
    # limit; 2^16 is under it, so only the per-file budget stops the
    # second file (before: 2^16 * 5,000 headings, tens of seconds).
    for name, run_len in (("deep", 25), ("wide", 16)):
        body = "".join("## %sb\n\ntext\n\n" % ("a" * run_len)
                       for _ in range(5000))
        with open(os.path.join(base, name + ".md"), "w") as f:
            f.write(FRONT % name + body)
        code, out, err, wall = run(["-f", "json", name + ".md"], base)
        fc = complex_findings(out)
        check("heading pattern, %s: done in under 5 s (%.2f s)"
              % (name, wall), code != -9 and wall < 5, (code, wall))
        check("heading pattern, %s: one file-too-complex naming the "
              "section and where the schema defines it" % name,
              len(fc) == 1 and 'section "hostile"' in fc[0]["message"]
              and "schema.yaml:" in fc[0]["message"]
              and "regex budget" in fc[0]["message"]
              and fc[0]["line"] >= line, (code, fc, err[-300:]))
        check("heading pattern, %s: no section finding from a part run"
              % name, out and not [
                  f for f in json.loads(out)["findings"]
                  if f["rule"].startswith("section-")], out[:300])
    # the same schema on an ordinary article: the budget is per file and
    # a real article is far from it
    with open(os.path.join(base, "ok.md"), "w") as f:
        f.write(FRONT % "ok" + "## Budget case Definition and Meaning\n\n"
                "Plain text.\n")
    code, out, err, wall = run(["-f", "json", "deep.md", "ok.md"], base)
    per_file = {}
    for f in json.loads(out)["findings"] if out else []:
        per_file.setdefault(f["file"], []).append(f["rule"])
    check("the budget is per file: the next file is linted in full",
          "file-too-complex" in per_file.get("deep.md", [])
          and "file-too-complex" not in per_file.get("ok.md", ["x"])
          and "section-missing" in per_file.get("ok.md", []), per_file)


def front_matter_pattern(tmp):
    base = os.path.join(tmp, "front")
    os.makedirs(base)
    schema = schema_with("").replace(
        "      minLength: 3\n      maxLength: 120\n",
        "      minLength: 3\n      maxLength: 120\n"
        "      pattern: \"(a+)+$\"\n", 1)
    with open(os.path.join(base, "schema.yaml"), "w") as f:
        f.write(schema)
    with open(os.path.join(base, ".medlint.yaml"), "w") as f:
        f.write("schema: schema.yaml\n")
    with open(os.path.join(base, "a.md"), "w") as f:
        f.write((FRONT % "a").replace("Budget case\nslug",
                                      "a" * 30 + "b\nslug", 1) + "Text.\n")
    code, out, err, wall = run(["-f", "json", "a.md"], base)
    fc = complex_findings(out)
    rules = [f["rule"] for f in json.loads(out)["findings"]] if out else []
    check("front-matter pattern: file-too-complex naming it, no guessed "
          "'does not match'",
          len(fc) == 1 and "front-matter pattern \"(a+)+$\"" in
          fc[0]["message"] and fc[0]["line"] == 2
          and "frontmatter-schema" not in rules, (rules, fc, err))


def byline_pattern(tmp):
    base = os.path.join(tmp, "byline")
    os.makedirs(base)
    schema = schema_with("").replace(
        'pattern: "^Medically and clinically reviewed by (.+)$"',
        'pattern: "^((a+)+)$"', 1)
    with open(os.path.join(base, "schema.yaml"), "w") as f:
        f.write(schema)
    with open(os.path.join(base, ".medlint.yaml"), "w") as f:
        f.write("schema: schema.yaml\n")
    with open(os.path.join(base, "a.md"), "w") as f:
        f.write(FRONT % "a" + "a" * 30 + "b\n\nText.\n")
    code, out, err, wall = run(["-f", "json", "a.md"], base)
    fc = complex_findings(out)
    rules = [f["rule"] for f in json.loads(out)["findings"]] if out else []
    check("byline pattern: file-too-complex naming it and where, no "
          "guessed 'no byline'",
          "byline" in schema and len(fc) == 1
          and "the byline pattern (" in fc[0]["message"]
          and "schema.yaml:" in fc[0]["message"]
          and "reviewer-byline-missing" not in rules, (rules, fc, err))


def links_exclude(tmp):
    base = os.path.join(tmp, "exclude")
    os.makedirs(base)
    # The left branch backtracks over 24 x's before failing; the right one
    # then excludes every link, so nothing is ever fetched.
    with open(os.path.join(base, ".medlint.yaml"), "w") as f:
        f.write("include: ['*.md']\nlinks:\n  exclude:\n"
                "    - \"^http://127\\\\.0\\\\.0\\\\.1:9/(x+x+)+y$"
                "|^http://127\\\\.0\\\\.0\\\\.1:9/\"\n")
    body = "".join("- [l%d](http://127.0.0.1:9/%s%d)\n" % (i, "x" * 24, i)
                   for i in range(2000))
    with open(os.path.join(base, "links.md"), "w") as f:
        f.write(FRONT % "links" + body)
    code, out, err, wall = run(["-f", "json", "--links", "all",
                                "--no-cache", "links.md"], base)
    fc = complex_findings(out)
    check("links.exclude: done in under 10 s (%.2f s)" % wall,
          code != -9 and wall < 10, (code, wall))
    check("links.exclude: one file-too-complex naming the pattern and "
          ".medlint.yaml:4:7",
          len(fc) == 1 and "links.exclude pattern" in fc[0]["message"]
          and ".medlint.yaml:4:7" in fc[0]["message"], (fc, err[-300:]))
    check("links.exclude: nothing fetched, no link finding",
          out and not [f for f in json.loads(out)["findings"]
                       if f["rule"].startswith("link-")], out[:300])


def bad_exclude(tmp):
    base = os.path.join(tmp, "bad")
    os.makedirs(base)
    with open(os.path.join(base, ".medlint.yaml"), "w") as f:
        f.write("include: ['*.md']\nlinks:\n  exclude:\n"
                "    - '^https://fine/'\n    - '^https://(broken/'\n")
    with open(os.path.join(base, "a.md"), "w") as f:
        f.write(FRONT % "a" + "Text.\n")
    for args in (["a.md"], ["--links", "internal", "a.md"],
                 ["--links", "off", "a.md"]):
        code, out, err, wall = run(args, base)
        lines = err.strip().splitlines()
        check("bad links.exclude refused at load: %s" % " ".join(args),
              code == 2 and len(lines) == 1
              and ".medlint.yaml:5:7:" in lines[0]
              and "(broken/" in lines[0]
              and "missing closing parenthesis" in lines[0],
              (code, err))


def main():
    tmp = tempfile.mkdtemp(prefix="medlint-regex-")
    try:
        heading_pattern(tmp)
        front_matter_pattern(tmp)
        byline_pattern(tmp)
        links_exclude(tmp)
        bad_exclude(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish("regex budget")


if __name__ == "__main__":
    main()
