#!/usr/bin/env python3
"""First-pass labels for the AMA 11 corpus (issue 27), by AMA Manual of
Style 11th edition rules written down after reading the entries; it never
runs medlint. hand_ama.tsv corrects what the patterns cannot judge.

    first_pass_ama.py < raw_ama.tsv > ama.tsv

Output: label<TAB>rules<TAB>source<TAB>entry, label ama (correct AMA 11)
or fault (rules: any one counts)."""
import os
import re
import sys

NAME = r"(?:[a-z]{1,3} )?[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)* [A-Z]{1,3}(?: (?:Jr|Sr|II|III))?"
GROUP = r"[A-Z][^.]*?"
# a journal article as AMA 11 writes it: names, title, *Journal*, locator
JOURNAL = re.compile(
    r"^(?:(?P<names>%s(?:, %s)*(?:, et al)?)|%s)\. .+?[.?!] \*[^*]+\*\. "
    r"(?:\d{4};\d+(?:\(\d+\))?:[A-Za-z]?\d+(?:-[A-Za-z]?\d+)?|"
    r"Published online [A-Z][a-z]+ \d{1,2}, \d{4})\.(?: doi:10\.\S+[^.])?$"
    % (NAME, NAME, GROUP))
# a web page: group or names, title, [site], [date], Accessed Month D, YYYY. URL
WEB = re.compile(r"^[^.]+\. [^*]+?\. (?:[A-Z][a-z]+ \d{1,2}, \d{4}\. |\d{4}\. )?"
                 r"Accessed [A-Z][a-z]+ \d{1,2}, \d{4}\. https?://\S+[^.]$")
BOOK = re.compile(r"^[^*]+\. \*[^*]+\*\. (?:\d+(?:st|nd|rd|th) ed\. )?"
                  r"[A-Z][^.;:]+; \d{4}\.$")

FAULTS = [
    # (rule, pattern): what AMA 11 wants
    ("citation-author", r"^[^.]*?(?:[A-Z][a-z]+ [A-Z]{1,3}, ){6,}"),  # 7+: 3 + et al
    ("citation-author", r"^[A-Z][\w'’-]+ [A-Z]{1,3}(?: Jr| Sr)?, et al"),  # et al after 1
    ("citation-author", r"^[A-Z][\w'’-]+ [A-Z]{1,3}, [A-Z][\w'’-]+ [A-Z]{1,3}, et al"),
    ("citation-doi", r"\bDOI: |doi: 10\.|doi:10\.\S+\.$"),  # doi:10.… no space, no period
    ("citation-punctuation", r"[A-Za-z] (?:19|20)\d\d;"),  # "Chest 2010;137"
    ("citation-punctuation", r"\.\)?\s*\([A-Z][^)]*\)\.?$"),  # a note after the end
    ("citation-source", r":\s?[A-Za-z]?(\d)(\d*)-\1\d?\b(?!\d)"),  # placeholder, see pages()
    ("citation-source", r"\b(?:New England Journal of Medicine|NEJM|Proceedings of "
     r"the National Academy|Journal of|International Journal|Emerging "
     r"Infectious Diseases|Frontiers in|Science Translational|Clinical "
     r"Infectious|PLoS Pathogens|PLoS Computational|Weekly Epidemiological)\b"),
    ("citation-date", r"[Aa]ccessed (?:19|20)\d\d [A-Z][a-z]{2}|accessed [A-Z]|; accessed"),
    ("citation-source", r": [A-Z][^;:.]+; (?:19|20)\d\d\.$"),  # AMA 11: no place
    ("citation-source", r"\*PubMed\*|PMID|PubMed:"),
]


def pages_elided(e):
    # "e01064-25" is an article number, not a range
    m = re.search(r";\d+(?:\(\d+\))?:(\d+)-(\d+)\b", e)
    return bool(m) and len(m.group(2)) < len(m.group(1))


def roman_journal(e):
    """An article whose journal is in roman: NLM's form (AMA italicises)."""
    return bool(re.search(r"\. [A-Z][A-Za-z&()' -]+\.? (?:19|20)\d\d(?: [A-Z][a-z]{2})?;", e)) \
        and not re.search(r"\*[^*]+\*\.? (?:19|20)\d\d", e)


def label(e):
    rules = [r for r, p in FAULTS[:6] + FAULTS[7:] if re.search(p, e)]
    if pages_elided(e):
        rules.append("citation-source")
    if re.search(FAULTS[9][1], e) and "*" not in e:
        rules.append("citation-style")  # "Place: Publisher; Year", roman: NLM's book
    if roman_journal(e):
        rules += ["citation-source", "citation-style"]
    if re.match(r"^[A-Z][\w'’-]+ [A-Z]{1,3}(?: Jr| Sr)?(?:, et al)?\. [A-Z][\w .&]+\.? (?:19|20)\d\d", e):
        rules.append("citation-title")  # no title between names and journal
    if not rules and not (JOURNAL.match(e) or WEB.match(e) or BOOK.match(e)):
        return "review", []
    return ("fault", sorted(set(rules))) if rules else ("ama", [])


def hand():
    rows = []
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "hand_ama.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            lab, rules, start, _ = line.rstrip("\n").split("\t", 3)
            rows.append((start, lab, [r for r in rules.split(",") if r]))
    return rows


def main():
    by_hand = hand()
    for line in sys.stdin:
        src, e = line.rstrip("\n").split("\t", 1)
        lab, rules = label(e)
        for start, hl, hr in by_hand:
            if e.startswith(start):
                lab, rules = hl, hr
        print("%s\t%s\t%s\t%s" % (lab, ",".join(rules), src, e))


if __name__ == "__main__":
    main()
