#!/usr/bin/env python3
"""Copy the reference entries of aliemteam/aliemcards (ALiEM Cards,
emergency-medicine cards, hand-typed Markdown) from a mirror:

    extract_aliem.py GITDIR > raw.tsv

One line per entry: source<TAB>entry. Each card's '## References' list
items are taken as written (wrapped lines joined), minus the list marker and the site's trailing
link decoration ('[[PubMed](url)]', '[[Source](url)]', '(url)'), which is
ALiEM's way of linking the entry and not part of any style."""
import re
import subprocess
import sys

GIT = sys.argv[1]
HISTORY = "--history" in sys.argv  # also entries of earlier versions
COMMIT = subprocess.run(["git", "-C", GIT, "rev-parse", "HEAD"],
                        capture_output=True, text=True).stdout.strip()
FILES = subprocess.run(["git", "-C", GIT, "ls-tree", "-r", "--name-only",
                        COMMIT], capture_output=True,
                       text=True).stdout.split()
TAIL = re.compile(r"\s*(\[(?:PubMed|Link|Source|PDF|Full ?[Tt]ext)[^\]]*\]|\\?\[\[[^\]]*\](\([^)]*\))?(\s*\[[^\]]*\]\([^)]*\))*"
                  r"\]?(\([^)]*\))?\.?|\(https?://[^)]*\))\s*$")

def versions():
    """(where, text) of each card: the newest, then with --history every
    earlier version of a card's Markdown (blobs in the history, where
    named by the first commit that holds them)."""
    for path in FILES:
        if re.match(r"cards/[^/]+/card\.md$", path):
            yield COMMIT + ":" + path, subprocess.run(
                ["git", "-C", GIT, "show", COMMIT + ":" + path],
                capture_output=True, text=True).stdout
    if not HISTORY:
        return
    # the commit that brought each blob in: one pass over the history
    intro = {}
    commit = None
    for line in subprocess.run(["git", "-C", GIT, "log", "--all", "--raw",
                                "--no-abbrev", "--format=C%H", "--reverse"],
                               capture_output=True,
                               text=True).stdout.splitlines():
        if line.startswith("C"):
            commit = line[1:]
        elif line.startswith(":"):
            meta, path = line.split("\t", 1)
            blob = meta.split()[3]
            if re.match(r"cards/.*\.md$", path) and blob not in intro:
                intro[blob] = (commit, path)
    for blob, (commit, path) in intro.items():
        yield commit + ":" + path, subprocess.run(
            ["git", "-C", GIT, "cat-file", "-p", blob],
            capture_output=True, text=True).stdout

done = set()
for where, text in versions():
    m = re.search(r"^## References\s*$(.*?)(?=^#|\Z)", text, re.M | re.S)
    if not m:
        continue
    items = []
    for line in m.group(1).splitlines():
        item = re.match(r"\s*(?:[-*+]|\d+[.)])\s+(.*\S)", line)
        if item:
            items.append(item.group(1))
        elif line.strip() and items:  # a wrapped item goes on
            items[-1] += " " + line.strip()
        elif not line.strip() and items:
            items.append("")
    for raw in items:
        raw = re.sub(r"^\[(.*)\]\((?:https?:)?[^)\s]*\)$", r"\1", raw.strip())
        # decorations can follow one another ("[PubMed] [Link]"): strip
        # until nothing changes
        entry, prev = raw.strip(), None
        while entry != prev:
            prev, entry = entry, TAIL.sub("", entry).strip()
        if len(entry) < 30:
            continue
        if entry in done:
            continue
        done.add(entry)
        print("aliemteam/aliemcards@%s\t%s" % (where, entry))
