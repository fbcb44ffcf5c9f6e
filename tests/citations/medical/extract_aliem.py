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
COMMIT = subprocess.run(["git", "-C", GIT, "rev-parse", "HEAD"],
                        capture_output=True, text=True).stdout.strip()
FILES = subprocess.run(["git", "-C", GIT, "ls-tree", "-r", "--name-only",
                        COMMIT], capture_output=True,
                       text=True).stdout.split()
TAIL = re.compile(r"\s*(\\?\[\[[^\]]*\](\([^)]*\))?(\s*\[[^\]]*\]\([^)]*\))*"
                  r"\]?(\([^)]*\))?\.?|\(https?://[^)]*\))\s*$")
for path in FILES:
    if not re.match(r"cards/[^/]+/card\.md$", path):
        continue
    text = subprocess.run(["git", "-C", GIT, "show", COMMIT + ":" + path],
                          capture_output=True, text=True).stdout
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
        entry = TAIL.sub("", raw).strip()
        if len(entry) < 30:
            continue
        print("aliemteam/aliemcards@%s:%s\t%s" % (COMMIT, path, entry))
