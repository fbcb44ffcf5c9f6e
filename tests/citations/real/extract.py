#!/usr/bin/env python3
"""tests/citations/real/extract.py - how entries.tsv was first drawn.

Run once by hand against local mirrors of the source repositories (not
by ctest): it copies every reference entry of the listed files, turns
rendered HTML (pandoc/citeproc <div class="csl-entry">) into the Markdown
an editor would paste (<em> to *...*, links to autolinks or [text](url)),
and writes source<TAB>entry lines. The labels in entries.tsv were added
afterwards, by hand (see README.md)."""
import html
import re
import subprocess
import sys

MIRROR = "/work/.mirror"

# (owner/name, path, kind, default label)
SOURCES = [
    ("Lakens/statistical_inferences", "docs/references.html", "csl", "apa"),
    ("PsyTeachR/msc-data-skills", "docs/bookrefs.html", "csl", "?"),
    ("PsyTeachR/stat-models-v1", "docs/bibliography.html", "csl", "?"),
    ("PsyTeachR/introdataviz", "docs/references.html", "csl", "?"),
    ("PsyTeachR/reprores-v2", "docs/bookrefs.html", "csl", "?"),
    ("RMITLibrary/easy_cite", "markdown/vancouver.md", "quote", "other:vancouver"),
    ("RMITLibrary/easy_cite", "markdown/ieee.md", "quote", "other:ieee"),
    ("RMITLibrary/easy_cite", "markdown/rmitharvard.md", "quote", "other:harvard"),
    ("RMITLibrary/easy_cite", "markdown/chicagob.md", "quote", "other:chicago"),
    ("RMITLibrary/easy_cite", "markdown/apa7thed.md", "quote", "apa"),
]


def git_show(repo, path):
    d = f"{MIRROR}/{repo.replace('/', '+')}/repo"
    commit = subprocess.run(["git", "-C", d, "rev-parse", "HEAD"],
                            capture_output=True, text=True,
                            check=True).stdout.strip()
    text = subprocess.run(["git", "-C", d, "show", f"{commit}:{path}"],
                          capture_output=True, text=True, check=True).stdout
    return commit, text


def link(m):
    url, txt = html.unescape(m.group(1)), m.group(2)
    return url if txt == url else f"[{txt}]({url})"


def html_to_md(s):
    s = re.sub(r"(?<!<em>)\*", r"\\*", s)  # a literal asterisk
    s = re.sub(r"<em>(.*?)</em>", r"*\1*", s, flags=re.S)
    s = re.sub(r"<i>(.*?)</i>", r"*\1*", s, flags=re.S)
    s = re.sub(r'<a href="([^"]*)"[^>]*>(.*?)</a>', link, s, flags=re.S)
    s = re.sub(r"<[^>]+>", "", s)
    s = html.unescape(s)
    s = s.replace("**", "")  # "*A*" "*B*" adjoining after tag removal
    return re.sub(r"\s+", " ", s).strip()


def csl_entries(text):
    for m in re.finditer(r'<div[^>]*class="csl-entry"[^>]*>(.*?)</div>',
                         text, flags=re.S):
        e = html_to_md(m.group(1))
        if e:
            yield e


TEMPLATE = re.compile(r"family name|Family Name|Title of|Name of|Initial|"
                      r"Year\)|Author|Creator|Editor's|Organisation\b|"
                      r"Surname|Nation/Country|\bYear\b")
# in-text citations the style guides show beside their references
IN_TEXT = re.compile(r"\([A-Z][^()]*,? (?:\d{4}|n\.d\.)[a-z]?\)|"
                     r"[A-Za-z] \(\d{4}\) [a-z]|^\(|\.\.\.|…$|"
                     r"[Cc]itation:|\(in |^As (?:argued|quoted)|"
                     r"^\w+ in \w+ (?:&|and) \w+ \(\d{4}\)$")
# legislation and cases: APA 7 defers them to the Bluebook
LEGAL = re.compile(r"\bAct \d{4}\b| v \w|\(Vic\)|\(Cth\)|\bAAR\b")
# RMIT marks reference examples with {.hanging-indent} (APA 7, Chicago)
# or {.ieee-refs}; Vancouver examples are numbered quotes; RMIT Harvard's
# are quotes that open "Surname AB (Year)" or "Surname AB and ... (Year)".
HARVARD = re.compile(r"^(?:[A-Z][\w'’.-]+ )+[A-Z]{1,3}(?:,| and| \()[^()]*\(?(\d{4}[a-z]?|n\.d\.|[0-9 A-Za-z-]*\d{4})\) \S")


def quote_entries(text, path):
    for line in text.splitlines():
        if not line.startswith(">"):
            continue
        e = line[1:].strip()
        marked = re.match(r"^\{\.(hanging-indent|ieee-refs)\}", e)
        e = re.sub(r"\{/?\.(hanging-indent|ieee-refs)\}", "", e)
        e = e.replace("<nolink>", "").replace("<br>", " ")
        e = e.replace("&nbsp;", " ")
        e = re.sub(r"\s+", " ", e).strip()
        num = re.match(r"^(\d+\.|\[\d+\])\s+", e)
        if num:
            e = e[num.end():]
        if TEMPLATE.search(e) or IN_TEXT.search(e) or LEGAL.search(e) \
                or len(e) < 30:
            continue
        if "vancouver" in path:
            ok = num is not None
        elif "harvard" in path:
            ok = HARVARD.match(e) is not None
        else:
            ok = marked is not None
        if ok:
            yield e


def main():
    out = sys.stdout
    for repo, path, kind, label in SOURCES:
        commit, text = git_show(repo, path)
        gen = (csl_entries(text) if kind == "csl" else
               quote_entries(text, path))
        seen = set()
        for e in gen:
            if e in seen:
                continue
            seen.add(e)
            out.write(f"{label}\t\t{repo}@{commit}:{path}\t{e}\n")


if __name__ == "__main__":
    main()
