#!/usr/bin/env python3
"""A dry run of the workflows in ci/github/ (issue 15): the steps that can
run off GitHub are taken from the workflow files as written and run, in
order, with bash as the runner would, against a throwaway git repository
whose pull request has a base and a head commit.

Each step gets the workflow's, job's and step's env, GITHUB_* variables,
and the runner's files: what a step appends to $GITHUB_ENV is in the env
of the steps after it; $GITHUB_STEP_SUMMARY is kept. `uses:` steps are
stood in for: the checkouts by the throwaway repository and a copy of this
source tree in .medlint-src, the caches by nothing (a cache miss), the
artifact transfer by copying files. Which steps run is the list each
scenario names, as their `if:` picks them for that event.

usage: dryrun.py SOURCE_DIR
"""
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import check, fail, finish  # noqa: E402

SRC = os.path.abspath(sys.argv[1])
BASE_ARTICLE = os.path.join(SRC, "content")


def load(name):
    with open(os.path.join(SRC, "ci/github", name), encoding="utf-8") as f:
        return yaml.load(f, Loader=yaml.BaseLoader)


def git(cwd, *args):
    p = subprocess.run(["git"] + list(args), cwd=cwd, capture_output=True,
                       text=True)
    if p.returncode:
        fail("git %s: %s" % (" ".join(args), p.stderr))
    return p.stdout.strip()


class Runner:
    """One job of one workflow, run step by step in workspace."""

    def __init__(self, wf, job, workspace, github, matrix=None):
        self.wf, self.job = wf, wf["jobs"][job]
        self.ws = workspace
        self.run_dir = tempfile.mkdtemp(prefix="runner-", dir=workspace +
                                        "/..")
        self.files = {k: os.path.join(self.run_dir, k) for k in
                      ("env", "summary", "output")}
        for p in self.files.values():
            open(p, "w").close()
        self.matrix = matrix or {}
        home = os.path.join(self.run_dir, "home")
        os.mkdir(home)
        # OMP_NUM_THREADS: nproc reads it, so the build step uses 2 cores.
        self.env = {"PATH": os.environ["PATH"], "HOME": home,
                    "OMP_NUM_THREADS": "2",
                    "LANG": "C.UTF-8", "CI": "true",
                    "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": workspace,
                    "GITHUB_ENV": self.files["env"],
                    "GITHUB_STEP_SUMMARY": self.files["summary"],
                    "GITHUB_OUTPUT": self.files["output"],
                    "GITHUB_SERVER_URL": "https://github.com",
                    "GITHUB_REPOSITORY": "example-org/health-content"}
        self.env.update(github)
        self.env.update(self.expand_all(wf.get("env") or {}))
        self.env.update(self.expand_all(self.job.get("env") or {}))

    def expand(self, s):
        def one(m):
            e = m.group(1).strip()
            if e.startswith("matrix."):
                return str(self.matrix[e[7:]])
            if e.startswith("env."):
                return self.env.get(e[4:], "")
            if e.startswith("secrets."):
                return ""  # as GitHub gives a secret the repository lacks
            fail("dry run: cannot evaluate ${{ %s }}" % e)
        return re.sub(r"\$\{\{(.*?)\}\}", one, s)

    def expand_all(self, d):
        return {k: self.expand(v) for k, v in d.items()}

    def step(self, name):
        for s in self.job["steps"]:
            if self.expand(s.get("name", "")) == name:
                return s
        fail("no step %r in the workflow" % name)

    def run(self, name):
        s = self.step(name)
        if "run" not in s:
            fail("step %r is not a run: step" % name)
        if "${{" in s["run"]:
            fail("step %r puts an expression into its script" % name)
        env = dict(self.env)
        env.update(self.expand_all(s.get("env") or {}))
        script = os.path.join(self.run_dir, "step.sh")
        with open(script, "w") as f:
            f.write(s["run"])
        shell = s.get("shell", "bash")
        argv = (["bash", "--noprofile", "--norc", "-eo", "pipefail", script]
                if shell == "bash" else ["bash", "-e", script])
        p = subprocess.run(argv, cwd=self.ws, env=env, capture_output=True,
                           text=True, timeout=900)
        with open(self.files["env"], encoding="utf-8") as f:
            for line in f:
                if "=" in line:
                    k, v = line.rstrip("\n").split("=", 1)
                    self.env[k] = v
        return p.returncode, p.stdout, p.stderr

    def summary(self):
        with open(self.files["summary"], encoding="utf-8") as f:
            return f.read()


def copy_source(dest):
    """This checkout as actions/checkout would give it (tracked and new
    files, not build trees or node_modules)."""
    names = subprocess.run(["git", "ls-files", "-z", "-co",
                            "--exclude-standard"], cwd=SRC,
                           capture_output=True, check=True).stdout
    for rel in names.decode().split("\0"):
        if not rel or not os.path.isfile(os.path.join(SRC, rel)):
            continue
        os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
        shutil.copy2(os.path.join(SRC, rel), os.path.join(dest, rel))


def article(name, loopback=True):
    """One of content/'s articles; its http(s) links rewritten to a
    loopback address nothing listens on, so --links all never leaves the
    machine (the SSRF guard refuses them as findings)."""
    with open(os.path.join(BASE_ARTICLE, name), encoding="utf-8") as f:
        text = f.read()
    if loopback:
        text = re.sub(r"https?://[^\s)>]+", "http://127.0.0.1:9/gone", text)
    return text


def write(root, rel, text):
    os.makedirs(os.path.dirname(os.path.join(root, rel)) or root,
                exist_ok=True)
    with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
        f.write(text)


def content_repo(root):
    """Base: three clean articles, a README. Head: one article broken, one
    new broken article, a draft (excluded by the config), the README."""
    os.makedirs(root)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "dry@run.invalid")
    git(root, "config", "user.name", "dry run")
    # The registries on a loopback port nothing listens on: the weekly
    # --verify-refs never leaves the machine (the SSRF guard refuses it,
    # a registry warning, never a false citation-unresolved).
    write(root, ".medlint.yaml",
          'include: ["content/**/*.md"]\nexclude: ["content/drafts/**"]\n'
          'verify:\n  crossref: http://127.0.0.1:9\n'
          '  eutils: http://127.0.0.1:9/eutils\n'
          '  mailto: content-team@example.org\n')
    for a in ("soleus.md", "gastrocnemius.md", "achilles-tendon.md"):
        text = article(a)
        if a == "achilles-tendon.md":
            # a PMID for the weekly --verify-refs (the DOIs became links)
            text = re.sub(r"(?m)^(1\. .*/gone)$", r"\1 PMID: 20336621",
                          text, count=1)
            if "PMID: 20336621" not in text:
                fail("dry run: no first reference to add a PMID to")
        write(root, "content/" + a, text)
    write(root, "README.md", "# Health content\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    base = git(root, "rev-parse", "HEAD")
    git(root, "update-ref", "refs/remotes/origin/main", base)
    git(root, "checkout", "-qb", "edit")
    soleus = article("soleus.md").replace("type: term", "type: muscle", 1)
    write(root, "content/soleus.md", soleus)
    new = article("gastrocnemius.md").replace(
        "slug: gastrocnemius", "slug: plantaris", 1)
    write(root, "content/plantaris-muscle.md", new)
    write(root, "content/drafts/wip.md", "# not an article yet\n")
    write(root, "README.md", "# Health content\n\nSee content/.\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "head")
    return base, git(root, "rev-parse", "HEAD")


def results(sarif_path):
    with open(sarif_path, encoding="utf-8") as f:
        doc = json.load(f)
    out = []
    for r in doc["runs"][0]["results"]:
        loc = r["locations"][0]["physicalLocation"]
        out.append((loc["artifactLocation"]["uri"],
                    loc["region"]["startLine"], r["ruleId"]))
    return doc, sorted(out)


tmp = tempfile.mkdtemp(prefix="ml-dryrun-")
try:
    ws = os.path.join(tmp, "ws")
    base, head = content_repo(ws)
    copy_source(os.path.join(ws, ".medlint-src"))
    # .medlint-src is a checkout of its own, not content: git ignores it
    # through info/exclude as a nested checkout would be.
    with open(os.path.join(ws, ".git/info/exclude"), "a") as f:
        f.write(".medlint-src/\n")

    # ---- medlint.yml, pull request from this repository -------------------
    wf = load("medlint.yml")
    pr = Runner(wf, "medlint", ws, {
        "GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main",
        "GITHUB_HEAD_REF": "edit", "GITHUB_SHA": head})
    code, out, err = pr.run("Build medlint")
    check("build: exit 0", code == 0, err[-2000:])
    binary = os.path.join(ws, ".medlint-src/build/medlint")
    check("build: the binary is there", os.access(binary, os.X_OK))
    code, out, err = pr.run("Set up")
    check("set up: MEDLINT in GITHUB_ENV and --version",
          code == 0 and pr.env.get("MEDLINT") == binary and
          out.startswith("medlint "), out + err)
    code, out, err = pr.run("Lint the changed articles")
    if os.environ.get("DRYRUN_SHOW"):
        print(out, err, pr.summary(), sep="\n----\n")
    check("changed: exit 1 (the head has errors)", code == 1, out + err)
    files = set(re.findall(r"^::error file=([^,]+),", out, re.M))
    check("changed: annotations for the two changed articles only",
          files == {"content/soleus.md", "content/plantaris-muscle.md"},
          out)
    check("changed: README.md and the draft are skipped with a note",
          "README.md" in err and "content/drafts/wip.md" in err and
          "::error file=README.md" not in out, err)
    summ = pr.summary()
    check("summary: totals and the table",
          summ.startswith("## medlint\n") and "| Location |" in summ, summ)
    blob = "https://github.com/example-org/health-content/blob/%s/" % head
    check("summary: rows link the head commit's blob",
          "](%scontent/soleus.md#L" % blob in summ and
          "](%scontent/plantaris-muscle.md#L" % blob in summ, summ)
    check("summary: no row for an unchanged article",
          "gastrocnemius.md:" not in summ, summ)
    code, out, err = pr.run("Lint everything (SARIF)")
    check("SARIF: exit 0 on a pull request (gated above)", code == 0,
          out + err)
    check("SARIF: category medlint",
          pr.env.get("MEDLINT_CATEGORY") == "medlint", pr.env)
    doc, res = results(os.path.join(ws, "medlint.sarif"))
    uris = {u for u, _, _ in res}
    check("SARIF: the whole content, the draft left out",
          {"content/soleus.md", "content/plantaris-muscle.md"} <= uris and
          not any("drafts" in u for u in uris), uris)
    check("SARIF: the log lists each result", all(
        ":%s:%d:" % (u, n) in out.replace(" ", "") or
        "%s:%d:" % (u, n) in out for u, n, _ in res), out)
    check("SARIF: the pull request's summary is not rewritten",
          pr.summary() == summ)

    # ---- the same pull request from a fork ------------------------------
    fork = Runner(wf, "medlint", ws, {
        "GITHUB_EVENT_NAME": "pull_request", "GITHUB_BASE_REF": "main",
        "GITHUB_SHA": head})
    code, out, err = fork.run("Note the skipped upload (fork)")
    check("fork: a notice and a line in the summary", code == 0 and
          out.startswith("::notice title=medlint::SARIF upload skipped")
          and "read-only token" in fork.summary(), out + fork.summary())

    # ---- medlint.yml, the weekly run ----------------------------------------
    weekly = Runner(wf, "medlint", ws, {"GITHUB_EVENT_NAME": "schedule",
                                        "GITHUB_SHA": head})
    weekly.env["MEDLINT"] = binary
    code, out, err = weekly.run("Lint everything (SARIF)")
    check("weekly: exit 1 (errors in the content)", code == 1, out + err)
    check("weekly: category medlint-links",
          weekly.env.get("MEDLINT_CATEGORY") == "medlint-links")
    _, wres = results(os.path.join(ws, "medlint.sarif"))
    check("weekly: --links all reported the (loopback) external links",
          any(r[2].startswith("link") and r[0] == "content/gastrocnemius.md"
              for r in wres), wres)
    check("weekly: --verify-refs asked the registry (a warning naming it, "
          "no citation-unresolved)",
          re.search(r"PubMed \(http://127\.0\.0\.1:9/eutils\) could "
                    r"not verify 1 identifier", err) and
          not any(r[2] == "citation-unresolved" for r in wres), err[-600:])
    check("weekly: the summary of the full run",
          "content/gastrocnemius.md" in weekly.summary() and
          "| `link" in weekly.summary(), weekly.summary())

    # ---- medlint-sharded.yml: 4 shards, merged -----------------------------
    swf = load("medlint-sharded.yml")
    nshards = int(swf["env"]["SHARDS"])
    check("sharded: SHARDS matches the matrix",
          len(swf["jobs"]["shard"]["strategy"]["matrix"]["shard"]) ==
          nshards)
    os.makedirs(os.path.join(ws, "shards"))
    for k in range(1, nshards + 1):
        sh = Runner(swf, "shard", ws, {"GITHUB_EVENT_NAME": "schedule",
                                       "GITHUB_SHA": head}, {"shard": k})
        code, out, err = sh.run("Lint shard %d of %d" % (k, nshards))
        check("shard %d: exit 0 (--fail-on never)" % k, code == 0, err)
        check("shard %d: its summary" % k,
              sh.summary().startswith("## medlint"), sh.summary())
        shutil.move(os.path.join(ws, "medlint-%d.sarif" % k),
                    os.path.join(ws, "shards"))
    up = Runner(swf, "upload", ws, {"GITHUB_EVENT_NAME": "schedule",
                                    "GITHUB_SHA": head})
    code, out, err = up.run("Merge the shards into one SARIF run")
    check("merge: exit 0", code == 0, out + err)
    merged, mres = results(os.path.join(ws, "medlint.sarif"))
    full = subprocess.run([binary, "--links", "all", "--format", "sarif"],
                          cwd=ws, capture_output=True, text=True)
    fdoc = json.loads(full.stdout)
    fres = sorted((r["locations"][0]["physicalLocation"]["artifactLocation"]
                   ["uri"], r["locations"][0]["physicalLocation"]["region"]
                   ["startLine"], r["ruleId"]) for r in
                  fdoc["runs"][0]["results"])
    check("merge: one run with the unsharded run's %d results" % len(fres),
          len(merged["runs"]) == 1 and mres == fres and fres,
          (len(mres), len(fres)))
    fp = lambda d: sorted(r["partialFingerprints"]["medlint/v2"]
                          for r in d["runs"][0]["results"])
    check("merge: the same fingerprints as the unsharded run",
          fp(merged) == fp(fdoc))
    check("merge: rule table intact",
          merged["runs"][0]["tool"] == fdoc["runs"][0]["tool"])
    check("merge: its count line", "%d findings in all shards" % len(fres)
          in out, out)
    os.remove(os.path.join(ws, "shards/medlint-2.sarif"))
    code, out, err = up.run("Merge the shards into one SARIF run")
    check("merge: a missing shard fails the job", code == 1 and
          "::error::shard 2 of %d produced no SARIF" % nshards in out, out)
finally:
    shutil.rmtree(tmp)
finish("dryrun")
