#!/usr/bin/env python3
"""Copy AMA-style reference entries (issue 27) from mirrors of the source
repositories, from every version of the files below in each history
(oldest first; exact duplicates dropped, so an entry is named by the
first commit that holds it), one line per entry: source<TAB>entry.

    extract_ama.py MIRRORS > raw_ama.tsv

MIRRORS holds one bare mirror per repository, named owner+name/repo.
Entries are taken as written, minus the list marker ("12. ", "- ",
"### 3. ")."""
import os
import re
import subprocess
import sys

SOURCES = [
    # repository, files (a pattern over the paths of each commit)
    ("xmusphlkg/pertussis_transmission_analysis",
     r"^(manuscript/draft\.md|outputs/appendix/references\.md)$"),
    ("rhavekost/clinical-toolkit",
     r"^skills/[^/]+/references/[^/]+-sources\.md$"),
    ("hssling/Epidemiological_Study_Designs_Bias_Confounding_Interaction_"
     "Precision_Validity_TLM", r"^references/bibliography\.md$"),
]
# sources added in the third round (issue 27): manuscripts whose reference
# lists sit under a "References" heading among other lists; only the items
# under that heading are taken (up to the next heading), and each version
# of a file (blob) is read once
SECTIONED = [
    ("jshaik369/SexDiffKG", r"^(Publication/(drafts|papers)|results)/[^/]+\.md$"),
    ("jshaik369/sexdiffkg-deep-analysis", r"^(papers|drafts)/[^/]+\.md$"),
]
HEADING = re.compile(r"^\s*#{1,4}\s")
REFS = re.compile(r"^\s*#{1,4}\s+(?:\d+\.?\s+)?References\s*$", re.I)
ITEM = re.compile(r"^\s*(?:#{2,4} )?(?:\d+\.|[-*])\s+(.*\S)\s*$")
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir] + list(args),
                          capture_output=True, text=True).stdout


def main():
    mirrors = sys.argv[1]
    seen = set()
    for repo, files in SOURCES:
        gitdir = os.path.join(mirrors, repo.replace("/", "+"), "repo")
        commits = git(gitdir, "log", "--all", "--reverse",
                      "--format=%H").split()
        for c in commits:
            paths = [p for p in git(gitdir, "ls-tree", "-r", "--name-only",
                                    c).split("\n") if re.match(files, p)]
            for p in paths:
                for line in git(gitdir, "show", "%s:%s" % (c, p)).split("\n"):
                    m = ITEM.match(line)
                    if not m or not YEAR.search(m.group(1)):
                        continue
                    e = m.group(1)
                    # a list item that names no source (a note, a bullet of
                    # a summary) is not a reference: it has a ". " part
                    # and a year after it
                    if len(e) < 30 or ". " not in e or e in seen:
                        continue
                    seen.add(e)
                    print("%s@%s:%s\t%s" % (repo, c, p, e))
    for repo, files in SECTIONED:
        gitdir = os.path.join(mirrors, repo.replace("/", "+"), "repo")
        blobs = set()
        for c in git(gitdir, "log", "--all", "--reverse",
                     "--format=%H").split():
            for row in git(gitdir, "ls-tree", "-r", c).split("\n"):
                if "\t" not in row:
                    continue
                meta, p = row.split("\t", 1)
                blob = meta.split()[2]
                if not re.match(files, p) or blob in blobs:
                    continue
                blobs.add(blob)
                inside = False
                for line in git(gitdir, "cat-file", "-p", blob).split("\n"):
                    if HEADING.match(line):
                        inside = bool(REFS.match(line))
                        continue
                    m = ITEM.match(line)
                    if not inside or not m or not YEAR.search(m.group(1)):
                        continue
                    e = m.group(1)
                    if len(e) < 30 or ". " not in e or e in seen:
                        continue
                    seen.add(e)
                    print("%s@%s:%s\t%s" % (repo, c, p, e))


if __name__ == "__main__":
    main()
