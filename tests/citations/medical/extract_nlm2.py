#!/usr/bin/env python3
"""Copy the NLM (Vancouver) reference entries of the second round's
repositories from their mirrors (git directories, as `fetch` leaves them):

    extract_nlm2.py NOBRA_GITDIR ANSFORGE_GITDIR > raw.tsv

One line per entry: source<TAB>entry, the source as
owner/name@commit:path (the commit that first holds that version of the
file; for nobra_calculator its head). Exact duplicates are dropped.

- danielxmed/nobra_calculator: the numbered items of each
  "References (Vancouver style):" block in the docstrings of
  app/models/scores/{pediatrics,pulmonology,nephrology,infectious_disease,
  toxicology}/*.py at the head (the authors' own label of their style;
  wrapped lines joined). Only these five of the 23 specialty folders
  were taken, so that every entry labelled correct could be read.
- ansforge/CISIS-doctrine-gouvernance: the numbered items under the
  "Références" heading of docs/pages/docs/standardisation-med.md, in
  every version of the file in the history."""
import re
import subprocess
import sys

FOLDERS = ("pediatrics", "pulmonology", "nephrology", "infectious_disease",
           "toxicology")


def git(gitdir, *args):
    return subprocess.run(["git", "-C", gitdir] + list(args),
                          capture_output=True, text=True, check=True).stdout


def numbered(lines):
    """Numbered list items ("1. ", "1.\\t"), wrapped lines joined."""
    items = []
    for line in lines:
        s = line.strip()
        m = re.match(r"\d+\.\s+(.*)", s)
        if m:
            items.append(m.group(1))
        elif s and items:
            items[-1] += " " + s
    return [re.sub(r"\s+", " ", i).strip() for i in items]


def nobra(gitdir):
    head = git(gitdir, "rev-parse", "HEAD").strip()
    for path in git(gitdir, "ls-tree", "-r", "--name-only", head).split():
        m = re.match(r"app/models/scores/([^/]+)/[^/]+\.py$", path)
        if not m or m.group(1) not in FOLDERS:
            continue
        text = git(gitdir, "show", head + ":" + path)
        for b in re.finditer(r"^[ \t]*References \(Vancouver style\):[ \t]*\n"
                             r"(.*?)(?=\n[ \t]*\n|\"\"\"|\Z)", text,
                             re.M | re.S):
            for e in numbered(b.group(1).split("\n")):
                yield "danielxmed/nobra_calculator@%s:%s" % (head, path), e


def ansforge(gitdir):
    path = "docs/pages/docs/standardisation-med.md"
    commits = git(gitdir, "log", "--reverse", "--format=%H", "--",
                  path).split()
    for c in commits:
        text = git(gitdir, "show", c + ":" + path)
        m = re.search(r"^#+\s*R[ée]f[ée]rences\s*$(.*?)(?=^#|\Z)", text,
                      re.M | re.S)
        if not m:
            continue
        for e in numbered(m.group(1).split("\n")):
            yield "ansforge/CISIS-doctrine-gouvernance@%s:%s" % (c, path), e


def main():
    done = set()
    for where, e in list(nobra(sys.argv[1])) + list(ansforge(sys.argv[2])):
        if len(e) < 20 or e in done:
            continue
        done.add(e)
        print("%s\t%s" % (where, e))


if __name__ == "__main__":
    main()
