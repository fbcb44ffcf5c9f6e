"""A report cut by an allocation failure is never passed on (issue 23).

medlint_failalloc (tests/report/failalloc.c) is medlint whose Nth
allocation after the findings are counted fails (ML_FAIL_ALLOC=N). For
every format (text, json, github, sarif, markdown, html), over two
articles in a throwaway git repository with the GitHub variables set (so
that the Markdown rows link and SARIF URIs are relative):

- without a failure it writes exactly what medlint writes;
- with ML_FAIL_ALLOC=0 it counts the allocations of the report phase
  (ML_FAIL_ALLOC_COUNT names the file it writes the count to), T of them;
- failing each of the T in turn, with --output FILE: exit 2, one line on
  stderr, FILE still the previous report and no temporary file beside it.
  SARIF's T is some 2,600 (jansson objects, most for the rule table, one
  pattern repeated per rule): there the first and last 60 and every 29th
  between, some 200 runs, keep the test within minutes;
- failing the first one with the report on stdout: exit 2, one line.

    test_report_oom.py MEDLINT MEDLINT_FAILALLOC SOURCE_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from harness import check, fail, finish  # noqa: E402

MEDLINT, FAILALLOC, SRC = (os.path.abspath(a) for a in sys.argv[1:4])
GH = {"GITHUB_SERVER_URL": "https://github.com",
      "GITHUB_REPOSITORY": "example-org/health-content",
      "GITHUB_SHA": "0123456789abcdef0123456789abcdef01234567"}
FORMATS = ["text", "json", "github", "sarif", "markdown", "html"]
ARTICLES = ["report/tibialis-anterior.md",
            "report/a:b,c/tibialis-anterior.md"]
PREVIOUS = b"the previous report\n"


def run(binary, fmt, cwd, output=None, fail_at=None, count_to=None):
    env = dict(os.environ, **GH)
    env.pop("ML_FAIL_ALLOC", None)
    if fail_at is not None:
        env["ML_FAIL_ALLOC"] = str(fail_at)
    if count_to:
        env["ML_FAIL_ALLOC_COUNT"] = count_to
    args = [binary, "--today", "2026-06-01", "--jobs", "1",
            "--format", fmt]
    if output:
        args += ["--output", output]
    p = subprocess.run(args + ARTICLES, cwd=cwd, env=env,
                       capture_output=True, timeout=120)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def read(path):
    with open(path, "rb") as f:
        return f.read()


def points(total):
    """The allocations to fail: all of them, or for a long run the first
    and last 60 and every 29th in between (29: prime to the period of a
    pattern repeated per rule or per finding)."""
    if total <= 200:
        return list(range(1, total + 1))
    return sorted(set(range(1, 61)) | set(range(61, total - 59, 29)) |
                  set(range(total - 59, total + 1)))


def sweep(fmt, repo, outdir):
    out = os.path.join(outdir, "report." + fmt)
    code, _, err = run(MEDLINT, fmt, repo, out)
    if code not in (0, 1):
        fail("medlint --format %s exited %d: %s" % (fmt, code, err))
    want = read(out)
    os.unlink(out)
    c2, _, e2 = run(FAILALLOC, fmt, repo, out)
    check("%s: the test binary writes what medlint writes" % fmt,
          c2 == code and read(out) == want, e2)
    count = os.path.join(outdir, "count")
    c3, _, e3 = run(FAILALLOC, fmt, repo, out, fail_at=0, count_to=count)
    total = int(read(count))
    os.unlink(count)
    check("%s: counting alone changes nothing" % fmt,
          c3 == code and read(out) == want, e3)
    check("%s: the report phase allocates (%d)" % (fmt, total), total > 0)
    bad = []
    tried = points(total)
    for n in tried:
        with open(out, "wb") as f:
            f.write(PREVIOUS)
        c, _, e = run(FAILALLOC, fmt, repo, out, fail_at=n)
        lines = e.splitlines()
        if not (c == 2 and len(lines) == 1 and
                lines[0].startswith("medlint: cannot write") and
                read(out) == PREVIOUS and os.listdir(outdir) == [
                    os.path.basename(out)]):
            bad.append((n, c, e[:300], read(out)[:80],
                        sorted(os.listdir(outdir))))
    check("%s: %d of the %d allocations failed in turn: each gives exit 2, "
          "one line on stderr and the previous file" % (fmt, len(tried),
                                                        total),
          not bad, bad[:3])
    c, o, e = run(FAILALLOC, fmt, repo, fail_at=1)
    check("%s: to stdout, the first allocation failed: exit 2, one line"
          % fmt, c == 2 and len(e.splitlines()) == 1, (c, e))
    os.unlink(out)


def main():
    tmp = tempfile.mkdtemp(prefix="ml-oom-")
    try:
        repo = os.path.join(tmp, "repo")
        outdir = os.path.join(tmp, "out")
        os.mkdir(outdir)
        subprocess.run(["git", "init", "-q", repo], check=True)
        shutil.copytree(os.path.join(SRC, "tests/golden/outputs/report"),
                        os.path.join(repo, "report"))
        # a config (the defaults), so that stderr holds only what a
        # failed allocation says, not the built-in schema's note
        with open(os.path.join(repo, ".medlint.yaml"), "w") as f:
            f.write("# medlint's defaults\n")
        for fmt in FORMATS:
            sweep(fmt, repo, outdir)
    finally:
        shutil.rmtree(tmp)
    finish("report_oom")


main()
