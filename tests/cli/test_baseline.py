#!/usr/bin/env python3
"""Issue 26, adopting medlint on a repository that already has faults:
--write-baseline, --baseline and --new-only REV, in every output format.

A git repository of 100 faulty articles (two faults each) is made in a
temporary folder: the baseline accepts them all; 20 lines inserted above
the old faults of one article plus one new fault there, and one new
article with one fault, give exactly two findings (from the root and from
a subfolder); a fixed fault is counted once as removable; a commit that
touches one line gives, with --new-only HEAD~1, only that line's finding;
a file git does not track is new as a whole. A baseline that is not one,
is malformed or too large, an unknown revision and a folder outside git
are one-line errors with exit 2.

usage: test_baseline.py MEDLINT_BINARY SOURCE_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import Medlint, check, fail, finish  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "lsp"))
from lspclient import published  # noqa: E402

BINARY, SOURCE = sys.argv[1], sys.argv[2]
medlint = Medlint(BINARY, today="2026-06-01")
FORMATS = ("text", "json", "sarif", "github", "markdown", "html")
N = 100

# git for the repository and for medlint's own calls: no user config.
os.environ.update({
    "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
    "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
})


def git(repo, *args):
    p = subprocess.run(["git", "-C", repo] + list(args), capture_output=True,
                       text=True)
    if p.returncode:
        fail("git %s: %s" % (" ".join(args), p.stderr))
    return p.stdout


def article(slug, credential="XX", marker=" [7]"):
    """soleus.md as another term: a credential off the allow-list (front
    matter) and a marker with no reference entry (body): two findings."""
    text = open(os.path.join(SOURCE, "content", "soleus.md"),
                encoding="utf-8").read()
    text = text.replace("slug: soleus", "slug: " + slug)
    text = text.replace("credentials: [DO]", "credentials: [%s]" % credential)
    return text.replace("soft or deep knee bend.",
                        "soft or deep knee bend%s." % marker)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def make_repo(tmp):
    repo = os.path.join(tmp, "repo")
    content = os.path.join(repo, "content")
    os.makedirs(content)
    git(repo, "init", "-q")
    for name in ("soleus", "gastrocnemius", "achilles-tendon"):
        shutil.copy(os.path.join(SOURCE, "content", name + ".md"), content)
    for i in range(N):
        write(os.path.join(content, "term-%d.md" % i), article("term-%d" % i))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "articles with faults")
    return repo


def run(args, cwd, fmt="json"):
    return medlint.run(["--format", fmt] + args, cwd=cwd)


def found(out):
    return sorted((f["file"], f["line"], f["rule"])
                  for f in json.loads(out)["findings"])


def sarif_results(out):
    return json.loads(out)["runs"][0]["results"]


def count_in(fmt, out):
    """How many findings a report in fmt shows."""
    if fmt == "json":
        return len(json.loads(out)["findings"])
    if fmt == "sarif":
        return len([r for r in sarif_results(out)
                    if r.get("baselineState") != "unchanged"])
    if fmt == "text":
        return len([l for l in out.splitlines() if "error:" in l])
    if fmt == "github":
        return len([l for l in out.splitlines() if l.startswith("::error")])
    if fmt == "markdown":
        return len([l for l in out.splitlines()
                    if l.startswith("| ") and "| error |" in l])
    if fmt == "html":
        import re
        m = re.search(r"<title>medlint: (\d+) error", out)
        return int(m.group(1)) if m else -1
    raise ValueError(fmt)


def test_same_in_lsp(repo, out):
    """The language server gives the 100-article repository's findings as
    the command line does (the baseline itself is the command line's)."""
    cli = sorted((os.path.normpath(f["file"]), f["rule"], f["severity"],
                  f["line"] - 1, f["column"] - 1, f["message"])
                 for f in json.loads(out)["findings"])
    content = os.path.join(repo, "content")
    paths = sorted(os.path.join(content, n) for n in os.listdir(content))
    got, shown, status, err = published(BINARY, ["--today", "2026-06-01"],
                                        paths, repo, timeout=60)
    lsp = sorted(f[:5] + f[7:] for f in got)
    check("CLI and language server: the same findings", cli == lsp,
          "\n  cli only: %r\n  lsp only: %r" %
          (sorted(set(cli) - set(lsp))[:5], sorted(set(lsp) - set(cli))[:5]))
    check("LSP: no error shown, exit 0", not shown and status == 0,
          (shown, err))


def test_write_and_accept(repo):
    code, out, err = run(["--write-baseline", "medlint-baseline.json"], repo)
    check("write-baseline: exit 0", code == 0, (code, err))
    check("write-baseline: says how many it accepted",
          "%d findings accepted" % (2 * N) in err, err)
    doc = json.load(open(os.path.join(repo, "medlint-baseline.json")))
    check("write-baseline: a versioned medlint baseline",
          doc.get("medlint_baseline") == 1 and
          doc.get("fingerprint") == "medlint/v2", list(doc))
    entries = doc.get("entries", [])
    check("write-baseline: one entry per finding", len(entries) == 2 * N,
          len(entries))
    check("write-baseline: files relative to the repository",
          all(e["file"].startswith("content/term-") for e in entries),
          entries[:1])
    check("write-baseline: no temporary file left",
          sorted(os.listdir(repo)) == [".git", "content",
                                        "medlint-baseline.json"],
          os.listdir(repo))
    code, out, err = run(["--baseline", "medlint-baseline.json"], repo)
    check("baseline: nothing new, exit 0", code == 0 and
          json.loads(out)["findings"] == [], (code, out[:300], err))
    check("baseline: nothing fixed",
          json.loads(out)["summary"].get("baseline_fixed") == 0, out[-200:])
    # from a subfolder, naming the folder: the same paths in the keys
    code, out, err = run(["--baseline", "../medlint-baseline.json", "."],
                         os.path.join(repo, "content"))
    check("baseline: from a subfolder, nothing new", code == 0 and
          json.loads(out)["findings"] == [], (code, out[:300], err))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "baseline")


def test_two_new(repo):
    """20 lines above the old faults, one new fault among them, and a new
    article with one fault: exactly two findings."""
    path = os.path.join(repo, "content", "term-3.md")
    text = open(path, encoding="utf-8").read()
    filler = "".join("Filler sentence %d about the calf.\n" % i
                     for i in range(19))
    filler += "A claim that cites a missing entry [9].\n\n"
    write(path, text.replace("## Soleus Definition and Meaning\n",
                             filler + "## Soleus Definition and Meaning\n",
                             1))
    write(os.path.join(repo, "content", "term-new.md"),
          article("term-new", credential="DO"))
    want = [("content/term-3.md", 36, "citation-undefined"),
            ("content/term-new.md", 29, "citation-undefined")]
    code, out, err = run(["--baseline", "medlint-baseline.json"], repo)
    got = [(f[0].lstrip("./"), f[1], f[2]) for f in found(out)]
    check("two new: exactly the two new findings", got == want, (got, err))
    check("two new: exit 1", code == 1, code)
    code, out, err = run(["--baseline", "../medlint-baseline.json", "."],
                         os.path.join(repo, "content"))
    got = [("content/" + f[0].lstrip("./"), f[1], f[2]) for f in found(out)]
    check("two new: the same from a subfolder", got == want, (got, err))
    for fmt in FORMATS:
        code, out, err = run(["--baseline", "medlint-baseline.json"], repo,
                             fmt)
        check("two new: --format %s shows two, exit 1" % fmt,
              code == 1 and count_in(fmt, out) == 2,
              (code, count_in(fmt, out), err))
    code, out, err = run(["--baseline", "medlint-baseline.json"], repo,
                         "sarif")
    res = sarif_results(out)
    states = sorted(r.get("baselineState") for r in res)
    check("sarif: baselined results kept as unchanged, the two as new",
          states.count("unchanged") == 2 * N and states.count("new") == 2,
          (states.count("unchanged"), states.count("new")))
    check("sarif: baselined results suppressed (external)",
          all(r.get("suppressions") == [{
              "kind": "external", "status": "accepted",
              "justification":
                  "accepted in the medlint baseline (--baseline)"}]
              for r in res if r.get("baselineState") == "unchanged") and
          all("suppressions" not in r for r in res
              if r.get("baselineState") == "new"), res[:1])
    doc = json.load(open(os.path.join(repo, "medlint-baseline.json")))
    prints = {e["fingerprint"] for e in doc["entries"]
              if e["file"] == "content/term-3.md"}
    check("sarif: partialFingerprints are the baseline's",
          {r["partialFingerprints"]["medlint/v2"] for r in res
           if r["locations"][0]["physicalLocation"]["artifactLocation"]
           ["uri"] == "content/term-3.md" and
           r["baselineState"] == "unchanged"} == prints, prints)
    code, out, err = run([], repo, "sarif")
    check("sarif: no baselineState without --baseline",
          all("baselineState" not in r and "partialFingerprints" in r
              for r in sarif_results(out)), err)


def test_fixed(repo):
    """A fault fixed: its entry is counted, once, as removable."""
    path = os.path.join(repo, "content", "term-5.md")
    write(path, open(path, encoding="utf-8").read().replace(
        "credentials: [XX]", "credentials: [DO]"))
    code, out, err = run(["--baseline", "medlint-baseline.json"], repo)
    check("fixed: one removable entry in the JSON summary",
          json.loads(out)["summary"].get("baseline_fixed") == 1, out[-200:])
    check("fixed: said once on stderr",
          err.count("1 baseline entry is fixed") == 1, err)
    code, out, err = run(["--baseline", "medlint-baseline.json"], repo,
                         "text")
    check("fixed: in the text summary",
          "1 baseline entry fixed" in out, out[-300:])
    code, out, err = run(["--baseline", "medlint-baseline.json"], repo,
                         "markdown")
    check("fixed: in the Markdown summary",
          "1 baseline entry fixed" in out, out[:400])
    # a run over one other file knows nothing of term-5's entries
    code, out, err = run(["--baseline", "medlint-baseline.json",
                          "content/term-6.md"], repo)
    check("fixed: not counted for files not linted",
          json.loads(out)["summary"].get("baseline_fixed") == 0 and
          code == 0, (code, out[-200:]))
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "new faults, one fixed")


def test_new_only(repo):
    path = os.path.join(repo, "content", "term-7.md")
    text = open(path, encoding="utf-8").read()
    write(path, text.replace("credentials: [PT, DPT]",
                             "credentials: [PT, QQ]", 1))
    git(repo, "commit", "-qam", "one line")
    code, out, err = run(["--new-only", "HEAD~1"], repo)
    got = [(f[0].lstrip("./"), f[1], f[2]) for f in found(out)]
    check("new-only: only the changed line's finding",
          got == [("content/term-7.md", 9, "reviewer-credential")],
          (got, err))
    check("new-only: exit 1 for it", code == 1, code)
    for fmt in FORMATS:
        code, out, err = run(["--new-only", "HEAD~1"], repo, fmt)
        check("new-only: --format %s shows one" % fmt,
              code == 1 and count_in(fmt, out) == 1,
              (code, count_in(fmt, out), err))
    code, out, err = run(["--new-only", "HEAD", "."],
                         os.path.join(repo, "content"))
    check("new-only: nothing changed since HEAD: exit 0",
          code == 0 and found(out) == [], (code, out[:200], err))
    check("new-only: nothing changed since HEAD: said on stderr",
          re.search(r"note: --new-only HEAD: none of the \d+ files linted "
                    r"changed since HEAD", err), err)
    write(os.path.join(repo, "content", "untracked.md"),
          article("untracked"))
    code, out, err = run(["--new-only", "HEAD"], repo)
    got = [(f[0].lstrip("./"), f[2]) for f in found(out)]
    check("new-only: an untracked file is new as a whole",
          sorted(got) == [("content/untracked.md", "citation-undefined"),
                          ("content/untracked.md", "reviewer-credential")],
          (got, err))
    os.remove(os.path.join(repo, "content", "untracked.md"))
    # with a baseline too: new lines and not in the baseline
    code, out, err = run(["--new-only", "HEAD~1", "--baseline",
                          "medlint-baseline.json"], repo)
    check("new-only with --baseline: the changed line's finding",
          len(found(out)) == 1 and code == 1, (found(out), err))


def one_line_error(name, code, err, says):
    # the one line a run without a .medlint.yaml prints (issue 26) aside
    lines = [x for x in err.strip().splitlines()
             if "the built-in schema is in use" not in x]
    check(name + ": exit 2 with one line", code == 2 and
          len(lines) == 1 and says in err, (code, err))


def test_errors(repo, tmp):
    code, out, err = run(["--new-only", "no-such-rev"], repo)
    one_line_error("unknown revision", code, err, "unknown revision")
    code, out, err = run(["--new-only", "--output=/tmp/x"], repo)
    check("new-only: a revision like an option refused", code == 2, err)
    outside = os.path.join(tmp, "outside")
    write(os.path.join(outside, "term-1.md"), article("term-1"))
    code, out, err = run(["--new-only", "HEAD", "."], outside)
    one_line_error("not a git repository", code, err, "git repository")
    bad = {
        "truncated": "{\"medlint_baseline\": 1, \"entries\": [",
        "not a baseline": "{\"version\": 1, \"findings\": []}",
        "a list": "[]",
        "bad entry": "{\"medlint_baseline\": 1, \"fingerprint\": "
                     "\"medlint/v2\", \"entries\": [{\"file\": 3}]}",
        "binary": "\x00\x01\x02",
    }
    for name, text in bad.items():
        path = os.path.join(tmp, "bad.json")
        write(path, text)
        code, out, err = run(["--baseline", path], repo)
        one_line_error("malformed baseline (%s)" % name, code, err,
                       "bad.json")
        check("malformed baseline (%s): no report" % name, out == "", out)
    big = os.path.join(tmp, "big.json")
    with open(big, "w") as f:
        f.write("{\"medlint_baseline\": 1, \"entries\": [\"" +
                "x" * (33 * 1024 * 1024) + "\"]}")
    code, out, err = run(["--baseline", big], repo)
    one_line_error("baseline over the size limit", code, err, "MiB")
    os.remove(big)
    code, out, err = run(["--baseline", os.path.join(tmp, "none.json")],
                         repo)
    one_line_error("missing baseline", code, err, "none.json")
    folder = os.path.join(tmp, "a-folder")
    os.makedirs(folder)
    code, out, err = run(["--write-baseline", folder], repo)
    one_line_error("write-baseline over a folder", code, err, "a-folder")


def main():
    with tempfile.TemporaryDirectory(prefix="medlint-baseline-") as tmp:
        repo = make_repo(tmp)
        code, out, err = run([], repo)
        if len(found(out)) != 2 * N:
            fail("the repository should have %d findings: %d\n%s" %
                 (2 * N, len(found(out)), err))
        test_same_in_lsp(repo, out)
        test_write_and_accept(repo)
        test_two_new(repo)
        test_fixed(repo)
        test_new_only(repo)
        test_errors(repo, tmp)
    finish("baseline")


if __name__ == "__main__":
    main()
