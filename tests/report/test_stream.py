#!/usr/bin/env python3
"""Issue 29: peak memory flat with the number of files. A text, JSON or
GitHub report with no run-wide phase after the lint is written while the
files are linted (report/report.c ml_report_stream_*, pipeline/pipeline.c
ml_lint_stream): each file's findings go to a spool in file order and are
freed, so memory holds a few results, not every finding of the run.

- 1,000 articles whose 20 links each name a missing file 3,000 bytes long
  (a link-file finding of 3 KB apiece, 60 MB of messages in all) peak
  within 24 MiB of 100 such articles (before: some 100 MiB more);
- the report is the one the run without streaming writes, in every
  streamed format and with 1 or 2 jobs: the same bytes as a run over the
  same files with --links all (not streamed; no http link to check).

Peak memory is the kernel's accounting of the finished child (wait4).

usage: test_stream.py MEDLINT_BINARY SOURCE_DIR
"""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import check, finish  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
MIB = 1024 * 1024
# freed memory is quarantined by ASan: keep its quarantine small, as the
# hardening test does, so that what is freed is seen as freed
ENV = dict(os.environ, ASAN_OPTIONS="quarantine_size_mb=8:"
           + os.environ.get("ASAN_OPTIONS", ""))


def article(i):
    links = "".join("See [part %d](%s-%d-%d.md).\n\n" % (k, "x" * 3000, i, k)
                    for k in range(20))
    return ("---\ntitle: Stream test %d\nslug: stream-%d\ntype: term\n"
            "reviewers:\n  - name: Jo Roe\n    credentials: [MD]\n"
            "last_reviewed: 2026-05-01\n---\n\n%s" % (i, i, links))


def corpus(folder, n):
    os.makedirs(folder)
    for i in range(n):
        with open(os.path.join(folder, "stream-%d.md" % i), "w") as f:
            f.write(article(i))


def run(args, cwd):
    """(exit code, stdout bytes, stderr text, peak RSS bytes)."""
    p = subprocess.Popen([BIN, "--today", "2026-06-01"] + args, cwd=cwd,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=ENV)
    out, err = p.stdout.read(), p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return p.returncode, out, err.decode("utf-8", "replace"), \
        ru.ru_maxrss * 1024


with tempfile.TemporaryDirectory() as tmp:
    with open(os.path.join(tmp, ".medlint.yaml"), "w") as f:
        f.write("# the defaults\n")
    corpus(os.path.join(tmp, "small"), 100)
    corpus(os.path.join(tmp, "big"), 1000)
    _, _, _, small = run(["-f", "json", "-o", os.devnull, "small"], tmp)
    code, out, err, big = run(["-f", "json", "-o", "big.json", "big"], tmp)
    with open(os.path.join(tmp, "big.json"), "rb") as f:
        n = f.read().count(b'"rule": "link-file"')
    check("1,000 articles: 20,000 link-file findings, exit 1 (%d, exit %d)"
          % (n, code), code == 1 and n == 20000, err)
    check("peak memory of 1,000 articles within 24 MiB of 100 "
          "(%.1f MiB, %.1f MiB)" % (big / MIB, small / MIB),
          0 < big < small + 24 * MIB)

    for fmt in ("json", "text", "github"):
        for jobs in ("1", "2"):
            c1, o1, e1, _ = run(["-f", fmt, "-j", jobs, "small"], tmp)
            c2, o2, e2, _ = run(["-f", fmt, "-j", jobs, "--links", "all",
                                 "small"], tmp)
            check("%s, -j%s: streamed report is the unstreamed one" % (
                fmt, jobs), c1 == c2 == 1 and o1 == o2 and o1, e1 + e2)
finish("stream")
