#!/usr/bin/env python3
"""First-pass labels for the held-out APA entries (issue 27), by patterns
written down after reading the entries, each an APA 7 rule; it never runs
medlint. hand_heldout.tsv then corrects entries by hand (start of the
entry, label, rules, why).

    first_pass_heldout.py < raw.tsv > heldout.tsv

Input: source<TAB>entry (extract_heldout.py); output: label<TAB>rules<TAB>
source<TAB>entry, label apa, fault (rules: any one counts) or
other:<style>. Exact duplicates are dropped (the first is kept)."""
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "real"))
from first_pass import title_case  # noqa: E402  the same title-case test

DATE = r"\((?:(?:1[89]|20)\d\d[a-z]?(?:, [A-Z][a-z]+(?: \d+)?)?|n\.d\.|in press)\)"
FAULTS = [
    # (rule, pattern): what APA 7 wants
    ("citation-author", r"^[^(]*\*"),  # bold or starred names: plain names
    ("citation-author", r"^[^(]*\b[A-Z][a-z]+ [A-Z]{1,2}[,.]"),  # NLM names
    ("citation-author", r"^[^(]*\bet al\b"),  # every author (up to 20)
    ("citation-doi", r"\[DOI: |\bDOI:? ?10\.|\bdoi: ?10\.|\[doi: "),  # https://doi.org/
    ("citation-doi", r"Retrieved from https?:"),  # no "Retrieved from" without a date
    ("citation-doi", r"doi\.org\.[a-z]|urldefense|https//|\(\s+https"),  # a working DOI URL
    ("citation-punctuation", DATE + r" [^.]"),  # (2025). with its period
    ("citation-title", r"\)\.? [\"“]"),  # no quotation marks around a title
    ("citation-source", r"\*[^*]+\*, \d+(?:\(\d+\))?, [\de]"),  # *Journal*, *12*(3)
    ("citation-source", r"\*[^*,]+, \d+\*\(?\d*\)?, \d+-\d+"),  # page range with a hyphen
    ("citation-source", r"\*, \d+\(\d+\), \d+-\d+"),
    ("citation-source", r"\. [A-Z][A-Za-z&: ]+, \d+\(\d+\), \d"),  # journal in roman
    ("citation-source", r"\*[A-Z][^*]+\.\s*\*\s*$"),  # a journal and nothing else
    ("citation-source", r"Vol\.|Volume \d"),  # *12*, not Vol. 12
    ("citation-source", r"ISSN|PMID"),  # not an APA part
    # a particle after the initials (citeproc's "Akker, O. R. van den")
    ("citation-author", r", (?:[A-Z]\.[ -]?)+ (?:van|de|den|der|ter|von)"
     r"(?: (?:den|der|’t))?[,.]"),
    # software with no [Computer software] (R packages, "[Manual]")
    ("citation-source", r"CRAN\.R-project\.org/package=|\\?\[Manual\\?\]|"
     r"zenodo"),
    ("citation-source", r"PhD thesis"),  # [Doctoral dissertation, ...]
    # a journal with pages or an article number and no volume
    ("citation-source", r"\*[A-Z][^*]+\*, (?:\d+–\d+|\d{9,})\. "),
    ("citation-source", r"\)\. \*[^*]+\* \*\d+\*, \d"),  # no journal name
    # an article number without "Article" (APA 7 9.29: *45*, Article
    # 100807) and an issue range with a hyphen (*43*(1–2))
    ("citation-source", r"\*\d+\*(?:\(\d+\))?, (?:e\d+|\d{6,})\. "),
    ("citation-source", r"\*\(\d+-\d+\)"),
    # a proper noun in lower case (a language or software name)
    ("citation-case", r" using r\.| ’stata’|\bWj-R\b|\bLme4\b"),
]


def title_of(e):
    m = re.search(DATE + r"\.? (.+?[.?!])(?: \*| \[|$| [A-Z])", e)
    return m.group(1) if m else ""


def label(e):
    rules = [r for r, p in FAULTS if re.search(p, e)]
    t = title_of(e)
    if title_case(e) or (t.isupper() and len(t) > 20):
        rules.append("citation-case")
    return ("fault", sorted(set(rules))) if rules else ("apa", [])


def hand():
    rows = []
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "hand_heldout.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            lab, rules, start, _ = line.rstrip("\n").split("\t", 3)
            rows.append((start, lab, [r for r in rules.split(",") if r]))
    return rows


def main():
    by_hand = hand()
    seen = set()
    for line in sys.stdin:
        src, e = line.rstrip("\n").split("\t", 1)
        if e in seen:
            continue
        seen.add(e)
        lab, rules = label(e)
        for start, hl, hr in by_hand:
            if e.startswith(start):
                lab, rules = hl, hr
        print("%s\t%s\t%s\t%s" % (lab, ",".join(rules), src, e))


if __name__ == "__main__":
    main()
