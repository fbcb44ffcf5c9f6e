"""What every Python test of medlint needs: run the binary, record checks,
print the tally and exit with the code ctest reads.

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
    from harness import Medlint, check, finish

    medlint = Medlint(sys.argv[1], today="2026-06-01")
    code, out, err = medlint.run(["--format", "json", "."], cwd=tmp)
    check("exit 1 on an error", code == 1, err)
    finish("cli")

A check prints "ok   NAME" or "FAIL NAME DETAIL"; finish() prints
"LABEL: P passed, F failed" and exits 1 when a check failed, 0 otherwise.
"""
import json
import os
import subprocess
import sys

SKIP = 77  # ctest's SKIP_RETURN_CODE in tests/CMakeLists.txt

_tally = {"passed": 0, "failed": 0}


def check(name, cond, detail=""):
    """Record one assertion; a failure prints its detail and does not stop
    the test, so one run shows every broken check."""
    if cond:
        _tally["passed"] += 1
        print("ok   " + name)
    else:
        _tally["failed"] += 1
        print("FAIL %s %s" % (name, detail))
    return bool(cond)


def failed():
    return _tally["failed"]


def finish(label):
    print("%s: %d passed, %d failed" % (label, _tally["passed"],
                                        _tally["failed"]))
    sys.exit(1 if _tally["failed"] else 0)


def fail(msg):
    """A test that cannot go on (its set-up broke) stops here."""
    print("FAIL: " + msg)
    sys.exit(1)


def skip(msg):
    print("SKIP: " + msg)
    sys.exit(SKIP)


def _text(b):
    return b.decode("utf-8", "replace")


class Medlint:
    """The binary under test, with the arguments every call shares."""

    def __init__(self, binary, today=None, args=()):
        self.binary = os.path.abspath(binary)
        self.base = list(args)
        if today:
            self.base = ["--today", today] + self.base

    def run(self, args, cwd=None, stdin=None, timeout=60):
        """(exit code, stdout, stderr) as text; stdin may be str or bytes."""
        if isinstance(stdin, str):
            stdin = stdin.encode("utf-8")
        p = subprocess.run([self.binary] + self.base + list(args), cwd=cwd,
                           input=stdin, capture_output=True, timeout=timeout)
        return p.returncode, _text(p.stdout), _text(p.stderr)

    def report(self, args, cwd=None, stdin=None, timeout=120):
        """The parsed JSON (or SARIF) a run prints; args name the format.
        The run must finish with 0 or 1: anything else stops the test with
        medlint's stderr."""
        code, out, err = self.run(args, cwd=cwd, stdin=stdin, timeout=timeout)
        if code not in (0, 1):
            fail("medlint %s exited %d: %s" % (" ".join(args), code, err))
        try:
            return json.loads(out)
        except ValueError:
            fail("medlint %s printed no JSON: %r" % (" ".join(args),
                                                     out[:300]))


def findings(out, *fields):
    """The findings of a JSON report (text or parsed) as tuples of fields."""
    report = json.loads(out) if isinstance(out, str) else out
    return [tuple(f[k] for k in fields) for f in report["findings"]]
