#!/usr/bin/env python3
"""SARIF output checked by Microsoft's SARIF Multitool (pinned in
package.json / package-lock.json beside this file), with the rules GitHub
code scanning applies to uploads, plus the checks the Multitool cannot make:
partialFingerprints stay the same when unrelated lines move and change when
the flagged line does.

usage: validate.py MEDLINT_BINARY SOURCE_DIR

The Multitool is installed with `npm ci` into tests/sarif/node_modules on
first use. Exit 77 (ctest's skip code) with a SKIP line only when npm is not
installed or its registry cannot be reached; any other problem fails.
"""
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import Medlint, fail, skip  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
PINNED = "5.7.0"


# ---- the Multitool ---------------------------------------------------


def installed_version():
    pkg = os.path.join(HERE, "node_modules", "@microsoft", "sarif-multitool",
                       "package.json")
    try:
        with open(pkg, encoding="utf-8") as f:
            return json.load(f).get("version")
    except (OSError, ValueError):
        return None


def tool_binary():
    p = subprocess.run(["node", "-e",
                        "console.log(require('@microsoft/sarif-multitool'))"],
                       cwd=HERE, capture_output=True, text=True)
    path = p.stdout.strip()
    if p.returncode or not os.path.isfile(path):
        fail("cannot locate the Multitool binary: %s" % p.stderr.strip())
    # npm may skip the package's postinstall chmod (--ignore-scripts).
    os.chmod(path, os.stat(path).st_mode | 0o100)
    return path


def ensure_multitool():
    if installed_version() == PINNED:
        return tool_binary()
    if not shutil.which("npm") or not shutil.which("node"):
        skip("npm is not installed, so the SARIF Multitool cannot be "
             "installed (ci/install-deps.sh installs npm)")
    # One install at a time when several build trees test at once.
    with open(os.path.join(HERE, ".install.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if installed_version() != PINNED:
            try:
                ping = subprocess.run(["npm", "ping"], cwd=HERE,
                                      capture_output=True, text=True,
                                      timeout=90)
            except subprocess.TimeoutExpired:
                skip("the npm registry did not answer 'npm ping' in 90 s")
            if ping.returncode:
                why = [l for l in ping.stderr.splitlines()
                       if "error" in l and "complete log" not in l]
                skip("the npm registry is unreachable ('npm ping': %s)" %
                     (why[0].strip() if why else "no answer"))
            p = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit",
                                "--no-fund"], cwd=HERE, capture_output=True,
                               text=True, timeout=600)
            if p.returncode:
                fail("npm ci failed with the registry reachable:\n" +
                     p.stdout + p.stderr)
    if installed_version() != PINNED:
        fail("npm ci did not install @microsoft/sarif-multitool@" + PINNED)
    return tool_binary()


def validate(tool, path, outdir):
    """Runs `validate` with the SARIF and GitHub rule sets; returns the
    Multitool's own results (its exit status is 0 even with errors)."""
    out = os.path.join(outdir, os.path.basename(path) + ".validation.sarif")
    env = dict(os.environ, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT="1",
               DOTNET_CLI_TELEMETRY_OPTOUT="1")
    p = subprocess.run([tool, "validate", path, "--output", out,
                        "--log", "ForceOverwrite", "--rule-kind", "Sarif;Gh",
                        "--level", "Error;Warning;Note"],
                       capture_output=True, text=True, env=env, timeout=300)
    if p.returncode or not os.path.exists(out):
        fail("sarif-multitool validate %s exited %d:\n%s%s" %
             (path, p.returncode, p.stdout, p.stderr))
    with open(out, encoding="utf-8") as f:
        log = json.load(f)
    results = log["runs"][0].get("results", [])
    for n in log["runs"][0].get("invocations", [{}])[0].get(
            "toolExecutionNotifications", []):
        if n.get("level") == "error":
            fail("Multitool could not validate %s: %s" %
                 (path, n["message"]["text"]))
    return results, p.stdout


# ---- medlint's own checks --------------------------------------------


def fingerprints(log):
    return [(r["ruleId"], r["partialFingerprints"]["medlint/v2"],
             r["locations"][0]["physicalLocation"]["region"]["startLine"])
            for r in log["runs"][0]["results"]]


def check_structure(log, name):
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    for r in run["results"]:
        if ids[r["ruleIndex"]] != r["ruleId"]:
            fail("%s: ruleIndex %d is not %s" % (name, r["ruleIndex"],
                                                r["ruleId"]))
        loc = r["locations"][0]["physicalLocation"]
        if loc["artifactLocation"].get("uriBaseId") != "%SRCROOT%":
            fail("%s: %s is not relative to %%SRCROOT%%" %
                 (name, loc["artifactLocation"]["uri"]))
    for r in rules:
        for key in ("name", "shortDescription", "fullDescription", "help",
                    "defaultConfiguration"):
            if key not in r:
                fail("%s: rule %s has no %s" % (name, r["id"], key))


ARTICLE = """---
title: "Soleus: Definition and What it is"
slug: soleus
type: term
reviewers:
  - name: Maria Gomez
    credentials: [DO]
last_reviewed: 2026-02-30
description: 42
---
# Soleus: Definition and What it is
"""


def check_fingerprints(binary, tmp):
    """Lines moving leave fingerprints alone; editing the flagged line
    changes its fingerprint only."""
    d = os.path.join(tmp, "fp")
    os.makedirs(d)
    open(os.path.join(d, ".medlint.yaml"), "w").write(
        "schema: %s\n" % os.path.join(SOURCE, "schemas",
                                       "article.schema.yaml"))
    art = os.path.join(d, "soleus.md")
    args = ["--today", "2026-06-01", "--format", "sarif", "soleus.md"]

    open(art, "w").write(ARTICLE)
    before = fingerprints(Medlint(binary).report(args, cwd=d))
    if len(before) < 2:
        fail("fingerprint check: expected two findings, got %r" % before)
    moved = ARTICLE.replace("type: term\n", "type: term\n# a comment\n\n")
    open(art, "w").write(moved)
    after = fingerprints(Medlint(binary).report(args, cwd=d))
    if [(r, f) for r, f, _ in before] != [(r, f) for r, f, _ in after]:
        fail("fingerprints changed when lines moved:\n %r\n %r" %
             (before, after))
    if [l for _, _, l in before] == [l for _, _, l in after]:
        fail("fingerprint check: the findings did not move")
    edited = moved.replace("description: 42", "description: 43")
    open(art, "w").write(edited)
    third = fingerprints(Medlint(binary).report(args, cwd=d))
    if third[0][1] != after[0][1] or third[1][1] == after[1][1]:
        fail("editing the flagged line should change its fingerprint "
             "only:\n %r\n %r" % (after, third))
    print("ok: fingerprints survive moved lines, follow edited ones")


def baseline_log(binary, tmp):
    """A --baseline run (issue 26): the old findings kept as unchanged and
    suppressed, the new one new, for the Multitool to check."""
    d = os.path.join(tmp, "fp")
    args = ["--today", "2026-06-01", "soleus.md"]
    code, _, err = Medlint(binary).run(
        args + ["--write-baseline", "baseline.json"], cwd=d)
    if code:
        fail("--write-baseline exited %d: %s" % (code, err))
    art = os.path.join(d, "soleus.md")
    with open(art) as f:
        text = f.read()
    # a new finding (a reviewer with a credential off the allow-list)
    with open(art, "w") as f:
        f.write(text.replace("credentials: [DO]", "credentials: [DO, XX]"))
    log = Medlint(binary).report(args + ["--format", "sarif", "--baseline",
                                         "baseline.json"], cwd=d)
    states = sorted(r.get("baselineState") for r in log["runs"][0]["results"])
    if "new" not in states or "unchanged" not in states:
        fail("baseline log: expected new and unchanged results: %r" % states)
    return log


def main():
    global SOURCE
    binary, SOURCE = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    outputs = os.path.join(SOURCE, "tests", "golden", "outputs")
    with tempfile.TemporaryDirectory(prefix="medlint-sarif-") as tmp:
        check_fingerprints(binary, tmp)
        baseline = baseline_log(binary, tmp)
        logs = {
            "report.sarif": (["--today", "2026-06-01", "--format", "sarif",
                              "report", "frontmatter"], outputs),
            "content.sarif": (["--format", "sarif", "--today", "2026-06-01",
                               "content"], SOURCE),
        }
        paths = []
        for name, (args, cwd) in list(logs.items()) + [
                ("baseline.sarif", (None, None))]:
            log = (baseline if args is None else
                   Medlint(binary).report(args, cwd=cwd))
            check_structure(log, name)
            path = os.path.join(tmp, name)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(log, f, indent=2)
            paths.append(path)
            print("ok: %s: %d results, %d rules" % (
                name, len(log["runs"][0]["results"]),
                len(log["runs"][0]["tool"]["driver"]["rules"])))

        tool = ensure_multitool()
        bad = 0
        for path in paths:
            results, _ = validate(tool, path, tmp)
            notes, before = {}, bad
            for r in results:
                if r.get("level", "warning") in ("error", "warning"):
                    bad += 1
                    print("FAIL %s: %s %s: %s" % (
                        os.path.basename(path), r.get("level"), r["ruleId"],
                        r["message"].get("text") or
                        r["message"].get("arguments")))
                else:
                    notes[r["ruleId"]] = notes.get(r["ruleId"], 0) + 1
            print("multitool %s validate %s: %d errors or warnings, notes: %s"
                  % (PINNED, os.path.basename(path), bad - before,
                     ", ".join("%s x%d" % kv for kv in sorted(notes.items()))
                     or "none"))
        if bad:
            sys.exit(1)
    print("sarif: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
