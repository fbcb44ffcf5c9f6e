#!/usr/bin/env python3
"""--fix --diff: the fixes --fix would make, as a unified diff on stdout,
with nothing written. The diff is checked the way a user would use it: it
applies with `git apply` and gives exactly the files --fix writes.

usage: test_fix_diff.py MEDLINT_BINARY SOURCE_DIR"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import Medlint, check, fail, finish  # noqa: E402

medlint = Medlint(sys.argv[1], today="2026-06-01")
SRC = os.path.abspath(sys.argv[2])


def spoil(text, rnd):
    """The sample article with faults --fix rewrites: blanks after front
    matter values, hyphens in page ranges, DOIs in old forms."""
    head, sep, body = text.partition("\n---\n")
    lines = head.split("\n")
    for i in range(1, len(lines)):
        if lines[i] and rnd.random() < 0.5:
            lines[i] += rnd.choice([" ", "  ", "\t", " \t "])
    body = body.replace("\u2013", "-") if rnd.random() < 0.7 else body
    if rnd.random() < 0.5:
        body = body.replace("https://doi.org/", "http://dx.doi.org/")
    if rnd.random() < 0.3:
        body = body.rstrip("\n")  # no newline at the end
    return "\n".join(lines) + sep + body


def tree(root):
    out = {}
    for dirpath, _, files in os.walk(root):
        if ".git" in dirpath.split(os.sep):
            continue
        for f in files:
            p = os.path.join(dirpath, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, root)] = fh.read()
    return out


def git(args, cwd, stdin=None):
    return subprocess.run(["git"] + args, cwd=cwd, input=stdin,
                          capture_output=True)


def main():
    if not shutil.which("git"):
        fail("git is needed (ci/install-deps.sh installs it)")
    samples = sorted(os.listdir(os.path.join(SRC, "content")))
    texts = [open(os.path.join(SRC, "content", s), encoding="utf-8").read()
             for s in samples]
    rnd = random.Random(20261207)
    with tempfile.TemporaryDirectory() as tmp:
        work = os.path.join(tmp, "site")
        os.makedirs(os.path.join(work, "content", "deep"))
        git(["init", "-q"], work)
        for i in range(12):
            sub = "deep" if i % 3 == 0 else ""
            path = os.path.join(work, "content", sub, "a%02d.md" % i)
            with open(path, "w", encoding="utf-8") as f:
                f.write(spoil(texts[i % len(texts)], rnd))
        before = tree(work)
        mtimes = {p: os.stat(os.path.join(work, p)).st_mtime_ns
                  for p in before}

        code, diff, err = medlint.run(["--fix", "--diff", "content"],
                                      cwd=work)
        check("exit 1 when a file would change", code == 1, (code, err))
        check("the diff names the files as git does",
              "--- a/content/deep/a00.md\n+++ b/content/deep/a00.md\n"
              in diff, diff[:300])
        check("nothing written", tree(work) == before and all(
            os.stat(os.path.join(work, p)).st_mtime_ns == m
            for p, m in mtimes.items()))
        check("no report mixed into the diff",
              all(l[:1] in ("-", "+", " ", "@", "\\") for l in
                  diff.splitlines()), diff[:300])

        fixed = os.path.join(tmp, "fixed")
        shutil.copytree(work, fixed)
        code, _, err = medlint.run(["--fix", "--format", "json", "content"],
                                   cwd=fixed)
        check("--fix runs", code in (0, 1), err)
        applied = os.path.join(tmp, "applied")
        shutil.copytree(work, applied)
        p = git(["apply", "--check", "-"], applied, diff.encode("utf-8"))
        check("git apply --check takes the diff", p.returncode == 0,
              p.stderr.decode())
        p = git(["apply", "-"], applied, diff.encode("utf-8"))
        check("the diff applied gives what --fix writes",
              p.returncode == 0 and tree(applied) == tree(fixed),
              p.stderr.decode())

        code, out, err = medlint.run(["--fix", "--diff", "content"],
                                     cwd=fixed)
        check("exit 0 and no output when nothing would change",
              code == 0 and out == "", (code, out[:200], err))

        one = os.path.join("content", "a01.md")
        code, out, err = medlint.run(["--fix", "--diff", "./" + one],
                                     cwd=work)
        check("a path given as ./x is shown as a/x",
              code == 1 and out.startswith("--- a/%s\n" % one), out[:200])

        code, _, err = medlint.run(["--diff", "content"], cwd=work)
        check("--diff without --fix is a usage error",
              code == 2 and "--fix --diff" in err, (code, err))
        code, _, err = medlint.run(["--fix", "--diff", "-o", "r.txt",
                                    "content"], cwd=work)
        check("--fix --diff with --output is a usage error",
              code == 2 and not os.path.exists(os.path.join(work, "r.txt")),
              (code, err))
        check("still nothing written", tree(work) == before)

        # Many changed lines: more than the diff's search bound, still a
        # diff that applies.
        big = os.path.join(tmp, "big")
        os.makedirs(big)
        git(["init", "-q"], big)
        head, sep, body = texts[0].partition("\n---\n")
        extra = "".join("k%04d: v \n" % i for i in range(3000))
        with open(os.path.join(big, "big.md"), "w", encoding="utf-8") as f:
            f.write(head + "\n" + extra.rstrip("\n") + sep + body)
        shutil.copytree(big, big + "-fixed")
        code, diff, err = medlint.run(["--fix", "--diff", "big.md"], cwd=big,
                                      timeout=120)
        medlint.run(["--fix", "big.md"], cwd=big + "-fixed", timeout=120)
        if code == 1:
            p = git(["apply", "-"], big, diff.encode("utf-8"))
            check("a 3,000-line change applies",
                  p.returncode == 0 and tree(big) == tree(big + "-fixed"),
                  p.stderr.decode())
        else:
            check("a 3,000-line change gives a diff", False, (code, err))
    finish("cli")


main()
