#!/usr/bin/env python3
"""--fix: what it rewrites, what it never touches, and that a kill at any
moment leaves the original file or the fixed one, never a mix.

usage: test_fix.py MEDLINT_BINARY SOURCE_DIR [--kill-seconds S]"""
import json
import os
import random
import signal
import stat
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import Medlint, check, finish  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
medlint = Medlint(BIN, today="2026-06-01")
SRC = os.path.abspath(sys.argv[2])
KILL_SECONDS = float(sys.argv[sys.argv.index("--kill-seconds") + 1]) \
    if "--kill-seconds" in sys.argv else 40.0

# A clean article (our own prose) whose reference list is then spoiled
# with the forms --fix rewrites.
ARTICLE = """---
title: "Tibialis Anterior: Definition and What it is"{ws1}
slug: tibialis-anterior
type: term{ws2}
reviewers:
  - name: Maria Gomez
    credentials: [DO]
last_reviewed: 2026-04-20
---
# Tibialis Anterior: Definition and What it is

Medically and clinically reviewed by Maria Gomez, DO

## Tibialis Anterior Definition and Meaning

The tibialis anterior runs down the front of the shin beside the edge of the
tibia. Its tendon crosses the front of the ankle and ends on the inner side of
the foot, so the muscle lifts the foot toward the shin and keeps the toes clear
of the ground while the leg swings through a step [1]. It also lowers the foot
gently after the heel lands [2].

## Tibialis Anterior Exercises

Most people train this muscle without weights at first, then add a light band.

- Heel walks across a room, keeping the toes off the floor
- Seated toe raises with a resistance band looped over the foot

## Common Tibialis Anterior Injuries and Conditions

Shin splints along the front of the lower leg often involve this muscle after
a sudden rise in running distance. Weakness of the muscle leads to a slapping
foot, which needs a medical assessment because a nerve problem may be the
cause.
{padding}
## Disclaimer

This page is written for educational and informational purposes only. It is
not medical advice, and a health professional who has examined you should
guide any treatment.

## References

1. Smith, A. B. (2020). Calf strength in runners. *Journal of Sports Studies*, *12*(3), 100{dash}110. {doi1}
2. Nguyen, C. (2019). Shin pain after running. *Journal of Running Studies*, *4*(2), 55–60. {doi2}
"""

SPOILED = dict(ws1="   ", ws2="\t ", dash="-", doi1="doi:10.1234/jss.2020.12",
               doi2="http://dx.doi.org/10.5555/jrs.4.2.55.", padding="")
FIXED = dict(ws1="", ws2="", dash="\u2013",
             doi1="https://doi.org/10.1234/jss.2020.12",
             doi2="https://doi.org/10.5555/jrs.4.2.55", padding="")


def article(parts, **over):
    d = dict(parts)
    d.update(over)
    return ARTICLE.format(**d).encode("utf-8")


def setup(tmp, name, data, mode=0o644):
    d = tempfile.mkdtemp(dir=tmp)
    with open(os.path.join(d, ".medlint.yaml"), "w") as f:
        f.write("schema: %s\n" % os.path.join(SRC, "schemas",
                                                "article.schema.yaml"))
    path = os.path.join(d, name)
    with open(path, "wb") as f:
        f.write(data)
    os.chmod(path, mode)
    return d, path


def read(path):
    with open(path, "rb") as f:
        return f.read()


def rules(out):
    return sorted(f["rule"] for f in json.loads(out)["findings"])


def test_fix_and_idempotence(tmp):
    d, path = setup(tmp, "tibialis-anterior.md", article(SPOILED), 0o640)
    code, out, err = medlint.run(["--format", "json", "tibialis-anterior.md"], d)
    before = rules(out)
    check("spoiled article has the fixable findings",
          before.count("citation-doi") == 3 and "citation-source" in before,
          "findings %s %s" % (before, err))

    code, out, err = medlint.run(["--fix", "tibialis-anterior.md"], d)
    want = article(FIXED)
    check("--fix rewrites to the expected text", read(path) == want,
          "\n--- got\n%s\n--- stdout\n%s%s" % (read(path).decode(), out, err))
    check("--fix reports what it fixed",
          "6 problems fixed" in out and
          "tibialis-anterior.md:2:54: fixed: trailing whitespace" in out and
          "fixed: write the DOI as a URL" in out and "[citation-doi]" in out,
          out)
    check("--fix exit status counts what remains", code == 0,
          "exit %d: %s%s" % (code, out, err))
    check("mode kept", stat.S_IMODE(os.stat(path).st_mode) == 0o640,
          oct(os.stat(path).st_mode))
    leftovers = [n for n in os.listdir(d) if n not in
                 (".medlint.yaml", "tibialis-anterior.md")]
    check("no temporary file left", leftovers == [], leftovers)

    st = os.stat(path)
    code, out, err = medlint.run(["--fix", "--format", "json", "tibialis-anterior.md"], d)
    st2 = os.stat(path)
    check("second --fix changes nothing",
          read(path) == want and st.st_ino == st2.st_ino and
          st.st_mtime_ns == st2.st_mtime_ns and
          "fixed" not in json.loads(out)["summary"],
          out + err)
    check("fixed findings are no longer reported",
          not {"citation-doi", "citation-source"} & set(rules(out)), out)


def test_json_summary(tmp):
    d, path = setup(tmp, "tibialis-anterior.md", article(SPOILED))
    code, out, err = medlint.run(["--fix", "--format", "json", "."], d)
    s = json.loads(out)["summary"]
    check("json summary.fixed", s.get("fixed") == 6 and s["errors"] == 0,
          out + err)


def untouched(tmp, name, data, label):
    d, path = setup(tmp, name, data)
    st = os.stat(path)
    code, out, err = medlint.run(["--fix", name], d)
    st2 = os.stat(path)
    check(label, read(path) == data and st.st_ino == st2.st_ino and
          st.st_mtime_ns == st2.st_mtime_ns and "fixed" not in out,
          "exit %d %s%s" % (code, out, err))


def test_never_touched(tmp):
    yaml_error = article(SPOILED).replace(b"credentials: [DO]",
                                          b"credentials: [DO")
    untouched(tmp, "tibialis-anterior.md", yaml_error,
              "a file with a YAML error is never touched")
    bad_utf8 = article(SPOILED).replace(b"Shin splints", b"Sh\xc3n splints")
    untouched(tmp, "tibialis-anterior.md", bad_utf8,
              "a file with invalid UTF-8 is never touched")
    unclosed = article(SPOILED).replace(b"last_reviewed: 2026-04-20\n---\n",
                                        b"last_reviewed: 2026-04-20\n\n")
    untouched(tmp, "tibialis-anterior.md", unclosed,
              "a file with unclosed front matter is never touched")
    clean = article(FIXED)
    untouched(tmp, "tibialis-anterior.md", clean,
              "a clean file is not rewritten")


def test_yaml_meaning_kept(tmp):
    """Trailing blanks inside a literal block scalar are content."""
    data = article(SPOILED).replace(
        b"type: term\t \n",
        b"type: term\t \ndescription: |\n  Lifts the foot.  \n  Toes up.\t\n")
    d, path = setup(tmp, "tibialis-anterior.md", data)
    medlint.run(["--fix", "tibialis-anterior.md"], d)
    got = read(path)
    check("block scalar blanks kept, others trimmed",
          b"  Lifts the foot.  \n  Toes up.\t\n" in got and
          b"type: term\n" in got and b"What it is\"\n" in got, got[:300])


def test_crlf(tmp):
    data = article(SPOILED).replace(b"\n", b"\r\n")
    d, path = setup(tmp, "tibialis-anterior.md", data)
    medlint.run(["--fix", "tibialis-anterior.md"], d)
    want = article(FIXED).replace(b"\n", b"\r\n")
    check("CRLF file keeps CRLF", read(path) == want, read(path)[:200])


def test_symlink(tmp):
    d, path = setup(tmp, "tibialis-anterior.md", article(SPOILED))
    link = os.path.join(d, "link.md")
    os.symlink("tibialis-anterior.md", link)
    medlint.run(["--fix", "link.md"], d)
    check("a symlink is followed, not replaced",
          os.path.islink(link) and read(path) == article(FIXED))


def test_stdin_refused(tmp):
    d, path = setup(tmp, "tibialis-anterior.md", article(SPOILED))
    code, out, err = medlint.run(["--fix", "--stdin-filename", "tibialis-anterior.md",
                          "-"], d, stdin=article(SPOILED))
    check("--fix with standard input is a usage error",
          code == 2 and "standard input" in err, "exit %d %s" % (code, err))


def wait_for_temp(d, p, limit):
    """Polls until --fix has created its temporary file; False when the run
    ended (or took too long) first."""
    end = time.monotonic() + limit
    while time.monotonic() < end and p.poll() is None:
        if any(n.startswith(".tibialis-anterior.md.medlint-")
               for n in os.listdir(d)):
            return True
        time.sleep(0.0005)
    return False


def test_kill_atomicity(tmp):
    """SIGKILL at random moments of --fix on a large file: every time, the
    file is byte for byte the original or the fixed version."""
    para = ("The tibialis anterior works with the other shin muscles "
            "to lift the foot, and gentle heel walks train it well.\n\n")
    pad = "\n" + para * (6 * 1024 * 1024 // len(para))
    orig = article(SPOILED, padding=pad)
    fixed = article(FIXED, padding=pad)
    d, path = setup(tmp, "tibialis-anterior.md", orig)

    t0 = time.monotonic()
    medlint.run(["--fix", "tibialis-anterior.md"], d, timeout=300)
    full = time.monotonic() - t0
    check("large file fixed", read(path) == fixed)

    outcomes = {"original": 0, "fixed": 0}
    mid_write = 0
    deadline = time.monotonic() + KILL_SECONDS
    rounds = 0
    while time.monotonic() < deadline and rounds < 200:
        rounds += 1
        tmpname = path + ".restore"
        with open(tmpname, "wb") as f:
            f.write(orig)
        os.replace(tmpname, path)
        p = subprocess.Popen([BIN, "--today", "2026-06-01", "--fix",
                              "tibialis-anterior.md"], cwd=d,
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        if rounds % 2:
            # Anywhere in the run, a little past its end included.
            time.sleep(random.uniform(full * 0.2, full * 1.05))
        elif wait_for_temp(d, p, full * 3):
            # Inside the write: the temporary file exists until the rename.
            time.sleep(random.uniform(0, 0.01))
            mid_write += 1
        p.send_signal(signal.SIGKILL)
        p.wait()
        now = read(path)
        if now == orig:
            outcomes["original"] += 1
        elif now == fixed:
            outcomes["fixed"] += 1
        else:
            check("kill round %d leaves a whole file" % rounds, False,
                  "%d bytes, neither version" % len(now))
            return
        for n in os.listdir(d):  # a killed run may leave its temp file
            if n.startswith(".tibialis-anterior.md.medlint-"):
                os.unlink(os.path.join(d, n))
    check("%d kills (%d while the temporary file existed): original %d "
          "times, fixed %d times, never a mix (one run %.2fs)" %
          (rounds, mid_write, outcomes["original"], outcomes["fixed"], full),
          rounds > 0 and mid_write > 0)
    others = [n for n in os.listdir(d) if n not in
              (".medlint.yaml", "tibialis-anterior.md")]
    check("only medlint temp files were left by kills", others == [], others)


def main():
    with tempfile.TemporaryDirectory(prefix="medlint-fix-") as tmp:
        for t in (test_fix_and_idempotence, test_json_summary,
                  test_never_touched, test_yaml_meaning_kept, test_crlf,
                  test_symlink, test_stdin_refused, test_kill_atomicity):
            t(tmp)
    finish("fix")


if __name__ == "__main__":
    main()
