#!/usr/bin/env python3
"""Golden tests: drive the medlint binary and compare what it reports.

Two kinds of case:

cases/NAME.md (or NAME.mdx, NAME.markdown) + NAME.expected
    `medlint --format json --today 2026-06-01 [NAME.args] NAME.md` is run in
    the case folder; the multiset of "LINE:COL-END_LINE:END_COL RULE" (start
    and end of every finding; columns count code points, the end is
    exclusive, zero-width where something is missing) must equal the lines
    of NAME.expected (an empty file means the article must lint clean). The exit
    status must be 1 when an error was reported, else 0.

outputs/NAME.cmd + NAME.out [+ NAME.exit]
    The arguments in NAME.cmd (one shell-quoted line, run in outputs/) must
    print exactly NAME.out on stdout and exit with NAME.exit (default 1).

usage: run_golden.py MEDLINT_BINARY GOLDEN_DIR [--update]
"""
import json
import os
import shlex
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import Medlint  # noqa: E402


def read_args(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return shlex.split(f.read())


def article_of(folder, name):
    """The case's article: NAME.md, else NAME.mdx or NAME.markdown."""
    for ext in (".md", ".mdx", ".markdown"):
        if os.path.exists(os.path.join(folder, name + ext)):
            return name + ext
    return name + ".md"


def check_case(binary, folder, name):
    md = article_of(folder, name)
    args = ["--format", "json", "--today", "2026-06-01"] + \
        read_args(os.path.join(folder, name + ".args")) + [md]
    code, out, err = Medlint(binary).run(args, cwd=folder)
    if code == 2:
        return "exit 2: " + err.strip()
    try:
        report = json.loads(out)
    except ValueError:
        return "not JSON: " + out[:200]
    got = sorted("%d:%d-%d:%d %s" % (f["line"], f["column"], f["end_line"],
                                     f["end_column"], f["rule"])
                 for f in report["findings"])
    with open(os.path.join(folder, name + ".expected"), encoding="utf-8") as f:
        want = sorted(l.strip() for l in f if l.strip() and not l.startswith("#"))
    if got != want:
        detail = ["  %s: %s:%d:%d %s" % (f["rule"], md, f["line"], f["column"],
                                        f["message"]) for f in report["findings"]]
        return "want %s\n  got  %s\n%s" % (want, got, "\n".join(detail))
    errors = report["summary"]["errors"]
    if code != (1 if errors else 0):
        return "exit %d with %d errors" % (code, errors)
    return None


def check_output(binary, folder, name, update):
    args = read_args(os.path.join(folder, name + ".cmd"))
    code, out, err = Medlint(binary).run(args, cwd=folder)
    exit_path = os.path.join(folder, name + ".exit")
    want_code = int(open(exit_path).read()) if os.path.exists(exit_path) else 1
    out_path = os.path.join(folder, name + ".out")
    if update:
        with open(out_path, "w", encoding="utf-8") as f:
            f.write(out)
    with open(out_path, encoding="utf-8") as f:
        want = f.read()
    if out != want:
        return "output differs:\n--- want\n%s--- got\n%s--- stderr\n%s" % (want, out, err)
    if code != want_code:
        return "exit %d, want %d (%s)" % (code, want_code, err.strip())
    return None


def main():
    binary, root = os.path.abspath(sys.argv[1]), sys.argv[2]
    update = "--update" in sys.argv
    passed = failed = 0
    for sub, kind in (("cases", ".expected"), ("recipe", ".expected"),
                      ("outputs", ".cmd")):
        folder = os.path.join(root, sub)
        if not os.path.isdir(folder):
            continue
        for entry in sorted(os.listdir(folder)):
            if not entry.endswith(kind):
                continue
            name = entry[:-len(kind)]
            if kind == ".cmd":
                problem = check_output(binary, folder, name, update)
            else:
                problem = check_case(binary, folder, name)
            if problem:
                failed += 1
                print("FAIL %s/%s: %s" % (sub, name, problem))
            else:
                passed += 1
    print("golden: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed or passed == 0 else 0)


if __name__ == "__main__":
    main()
