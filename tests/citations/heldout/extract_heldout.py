#!/usr/bin/env python3
"""Copy the held-out APA entries (issue 27) from mirrors of the source
repositories, at the commits named below, one line per entry:
source<TAB>entry, the source as owner/name@commit:path.

    extract_heldout.py MIRRORS > raw.tsv

MIRRORS holds one bare mirror per repository, named owner+name/repo (as
the session's fetch tool leaves them). Entries are taken as their
editors wrote them: only the list marker, a trailing "JBI Score" note
line and the page scraper's line breaks inside an entry (the Fordham
pages break an entry where the web page wrapped it) are undone; HTML
(&amp;, <i>) in a front matter citation is turned into the Markdown an
editor would type."""
import html
import os
import re
import subprocess
import sys

SOURCES = [
    # repository, commit, path, how to read it
    ("Harrison-Healthcare/Risk-Calculator",
     "d21b78a668a64c8c9e3387268de30e853e3d8fa0",
     "docs/evidence/risk-dial-citations/stroke-summary.md", "items"),
    ("Harrison-Healthcare/Risk-Calculator",
     "d21b78a668a64c8c9e3387268de30e853e3d8fa0",
     "docs/evidence/risk-dial-citations/depression-summary.md", "items"),
    ("Yeshprabhu03/ai-engineering-fordham",
     "fbc86dd192f4680a4a07c21f1af42c75ee164384",
     "fordham_chatbot/data/fordham-website/academics_centers-and-institutes_"
     "center-for-ethics-education_research_recent-publications.md", "paras"),
    ("Yeshprabhu03/ai-engineering-fordham",
     "fbc86dd192f4680a4a07c21f1af42c75ee164384",
     "fordham_chatbot/data/fordham-website/academics_departments_psychology_"
     "graduate-program_phd-in-clinical-psychology_student-achievements_"
     "clinical-publications.md", "paras"),
    ("ethan-young/seccyd-wj-subtests",
     "b610d81e63d6606f411fd115e0a2c37a275f4231", "manuscript/README.md",
     "csl"),
    ("dnkarp/academicpages.github.io",
     "a77f7d5bc3ff80b10ff456c5e8d54243ecc8d624", "_publications/", "citation"),
]
DATE = re.compile(r"\((?:1[89]|20)\d\d[a-z]?[,)]|\(n\.d\.\)|\(in press\)")


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir] + list(args),
                          capture_output=True, text=True).stdout


def items(text):
    for line in text.splitlines():
        m = re.match(r"\s*[-*+]\s+(.*\S)", line)
        if m and DATE.search(m.group(1)) and "JBI Score" not in m.group(1):
            yield m.group(1)


def paras(text):
    parts = [p.strip() for p in re.split(r"\n\s*\n", text)]
    out = []
    for p in parts:
        p = " ".join(p.split("\n"))
        # a piece the scraper cut off an entry: it goes on the one before
        if out and p and (p[0].islower() or p.startswith("In ")) and \
                not DATE.search(p[:80]):
            out[-1] += " " + p
        else:
            out.append(p)
    for p in out:
        if DATE.search(p) and not p.startswith(("#", "http")):
            yield p


def csl(text):
    """citeproc's reference list in GitHub Markdown: one <div
    class="csl-entry"> per entry, its lines wrapped"""
    for m in re.finditer(r'class="csl-entry">\s*\n(.*?)\n\s*</div>', text,
                         re.S):
        yield " ".join(m.group(1).split())


def citation(text):
    m = re.search(r"^citation: '(.*)'\s*$", text, re.M)
    if m:
        c = html.unescape(m.group(1))
        yield re.sub(r"</?i>", "*", c)


def main():
    mirrors = sys.argv[1]
    for repo, commit, path, how in SOURCES:
        gitdir = os.path.join(mirrors, repo.replace("/", "+"), "repo")
        paths = [path]
        if path.endswith("/"):
            paths = [p for p in git(gitdir, "ls-tree", "-r", "--name-only",
                                    commit, path).split() if p.endswith(".md")]
        for p in paths:
            text = git(gitdir, "show", "%s:%s" % (commit, p))
            for e in globals()[how](text):
                print("%s@%s:%s\t%s" % (repo, commit, p, e))


if __name__ == "__main__":
    main()
