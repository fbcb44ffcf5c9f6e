#!/usr/bin/env python3
"""First-pass labels for the ALiEM Cards entries in an NLM (Vancouver)
reference list, by patterns written down after reading the entries (see
README.md). It never runs medlint.

    first_pass_nlm.py < raw.tsv > labelled.tsv

Input: source<TAB>entry. Output: label<TAB>rules<TAB>source<TAB>entry
with label vancouver (correct Citing Medicine), fault (rules: the
labelled rule ids, any one of them counts) or other:<style>. Entries the
patterns cannot place get label 'review' for labelling by hand
(hand_nlm.tsv)."""
import re
import sys

NAME = r"[A-Z][\w'’-]*(?: (?:[a-z]{1,3} )?[A-Z][\w'’-]*)* [A-Z]{1,3}(?: (?:Jr|Sr|2nd|3rd|II|III))?"
GROUP = r"[A-Z][^.;]*?"
AUTHORS = r"(?:%s)(?:, %s)*(?:, et al)?(?:; %s)?" % (NAME, NAME, GROUP)
JOURNAL = r"[A-Z][A-Za-z&()' -]*?"
DATE = r"\d{4}(?: [A-Z][a-z]{2}(?:-[A-Z][a-z]{2})?(?: \d{1,2})?)?"
VOL = r"\d+(?: Suppl(?: \d+)?)?(?:\((?:\d+|Suppl(?: \d+)?|\d+ Suppl(?: \d+)?|\d+ Pt \d+|\d+-\d+)\))?"
PAGES = r"[A-Za-z]?\d+(?:-[A-Za-z]?\d+)?(?:\.e\d+(?:-e\d+)?)?(?:, [A-Za-z]?\d+(?:-\d+)?)*"
DOI = r"(?: doi: ?10\.\S+?\.)?(?: Epub \d{4}(?: [A-Z][a-z]{2})?(?: \d{1,2})?\.)?(?: Review\.)?(?: PubMed PMID: \d+\.)?(?: PMID: \d+\.?)?"
TITLE = r"(?:(?!\. [A-Z]).)+?[^?!.]"
JOURNAL_ART = re.compile(r"^%s\. %s(?:\.|\?|!) %s\. %s;(?:%s)?:%s\.%s$" % (
    AUTHORS, TITLE, JOURNAL, DATE, VOL, PAGES, DOI))
CDSR = re.compile(r"^%s\. %s(?:\.|\?|!) Cochrane Database Syst Rev\. %s;(?:\(\d+\)|\d+\(\d+\)):CD\d+\.%s$" % (AUTHORS, TITLE, DATE, DOI))

SMALL = {"a", "an", "the", "of", "in", "on", "and", "or", "for", "to",
         "with", "vs", "at", "by", "from", "after", "is", "are", "as"}


def title_case(title):
    words = [w for w in re.split(r"[\s/-]+", title) if w]
    later = [w for w in words[1:] if w.isalpha() and w.lower() not in SMALL
             and len(w) > 3]
    caps = [w for w in later if w[0].isupper() and not w.isupper()]
    return len(later) >= 3 and len(caps) >= 0.7 * len(later)


def title_of(entry):
    m = re.match(r"^(?:%s)\. (.+?[.?!]) [A-Z]" % AUTHORS, entry)
    return m.group(1) if m else ""


def faults(e):
    rules = []
    if re.search(r"[a-z]\.[A-Z][a-z]|[a-z]{2}\.[A-Z]|[A-Za-z] \.[A-Z]", e) \
            or re.search(
            r"\b[A-Z]{1,3}\.[A-Z][a-z]{2,}", e):
        rules.append("citation-punctuation")  # no space after a period
    if re.search(r"\bet\. al\b|\bet al\.?,?\s*\(|\bet al\b(?!\.)", e):
        rules.append("citation-author")
    m = re.match(r"^([^.]*?),? et al", e)
    if m and m.group(1).count(",") < 2:
        rules.append("citation-author")  # fewer than 3 names before et al
    if re.search(r"\b[A-Z][a-z]+ [A-Z]{1,3} et al", e):
        rules.append("citation-author")  # no comma before et al
    if re.search(r"[A-Za-z] \d{4} ?;", e) or re.search(r"\d{4}; \d", e) \
            or re.search(r"\d{4};\d+(?:\(\d+\))?: \w", e) or \
            re.search(r"\d\) :|\d\): \d|\d{4}, \d+[(,:]", e):
        rules.append("citation-punctuation")  # locator punctuation
    if re.search(r"[?!]\. [A-Z]", e):
        rules.append("citation-punctuation")
    if not re.search(r"[.)]$", e):
        rules.append("citation-punctuation")
    if re.search(r"\b[A-Z]\.[A-Z]?\.? [A-Z][a-z]+,", e[:40]):
        rules.append("citation-author")
    m = re.search(r"\d{4}[^;]*;[^:]*:[A-Za-z]?(\d+)[-–][A-Za-z]?(\d+)", e)
    if m and len(m.group(1)) == len(m.group(2)) > 1 and \
            m.group(1)[0] == m.group(2)[0]:
        rules += ["citation-source", "citation-style"]  # range in full
    t = title_of(e)
    if t and title_case(t):
        rules.append("citation-case")
    if re.search(r"\b(?:NEJM|New England Journal|Journal of)\b", e):
        rules.append("citation-source")
    if re.search(r"\. \d{4}(?:;\s*|\.)$", e):
        rules.append("citation-source")
    return sorted(set(rules))


def label(e):
    # another style as a whole: IEEE (initials first, quoted title) and
    # AMA 10's web and book forms ("Available at: URL. Accessed Month D,
    # YYYY.", "City: Publisher; Year. Accessed ...")
    if re.match(r"^(?:[A-Z]\.(?:[A-Z]\.)* ?[A-Z][\w'-]+, )+", e) and \
            re.search(r'"[^"]+[.?,]*", ', e):
        return "other:ieee", []
    if re.search(r"\bAccessed (?:on )?[A-Z][a-z]+ \d{1,2}, \d{4}\.\)?$", e) \
            and not re.search(r"\[Internet\]|\[cited", e):
        return "other:ama", []
    f = faults(e)
    # an italic journal (AMA's mark; NLM sets it in roman), also
    # "_Acad Emerg Med,_ 2004" and "*Resuscitation*, 2011"
    if re.search(r"_[A-Z][^_]+_[.,]|\*[A-Z][^*]+\*[.,]|"
                 r"_[A-Z][^_]+[.,]_|\*[A-Z][^*]+[.,]\*", e):
        return "fault", sorted(set(f + ["citation-source",
                                        "citation-style"]))
    if f:
        return "fault", f
    if JOURNAL_ART.match(e) or CDSR.match(e):
        return "vancouver", []
    return "review", []


def hand():
    """hand_nlm.tsv: label<TAB>rules<TAB>start of the entry<TAB>why"""
    rows = []
    with open(__file__.replace("first_pass_nlm.py", "hand_nlm.tsv"),
              encoding="utf-8") as f:
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
