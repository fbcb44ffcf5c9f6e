#!/usr/bin/env python3
"""First-pass labels for the second round's NLM (Vancouver) entries
(extract_nlm2.py), by patterns written down after reading them (see
README.md, "Second round"). It never runs medlint.

    first_pass_nlm2.py < raw.tsv > labelled.tsv
    first_pass_nlm2.py --relabel < vancouver.tsv > vancouver.new.tsv

It starts from first_pass_nlm.py's faults and forms and adds what the
new repositories showed: names with a lower-case particle ("van den
Berg JW", PubMed's form) and a group author standing alone, both
correct; and these faults:
- citation-punctuation: a period after a DOI or URL that ends the entry
  (Citing Medicine ends such an entry with the identifier itself; when
  "Epub ..." or "PMID: ..." follows, the period separates the parts and
  is right); a space inside the locator ("1999 Jul; 54(7)");
- citation-title: a journal article with no title (names, then the
  journal);
- citation-source (and citation-date when no date is given): a web page
  or document without NLM's [Internet], [cited ...] and "Available
  from:" (AMA's "Available at:", "Updated May 2023."); a book whose
  place is written "Philadelphia, PA:" (NLM: "Philadelphia (PA):") or
  that has no place; a book chapter with "eds." (NLM: "editors").

--relabel reads labelled rows (label<TAB>rules<TAB>source<TAB>entry)
and applies only the DOI/URL rule, to rows labelled vancouver or fault
(other styles untouched): a correct row that ends in "doi: ... ." or
"Available from: URL." becomes fault citation-punctuation, a faulty
one gains the rule. Entries the patterns cannot place get 'review'
and are labelled by hand (hand_nlm2.tsv)."""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import first_pass_nlm as fp  # noqa: E402

PARTICLE = r"(?:(?:van|de|der|den|du|von|la|le|di|da|dos|del|ter|ten)\s)"
NAME = (r"%s{0,3}[A-Z][\w'’-]*(?: %s{0,3}[A-Z][\w'’-]*)* [A-Z]{1,3}"
        r"(?: (?:Jr|Sr|2nd|3rd|II|III))?" % (PARTICLE, PARTICLE))
GROUP_ALONE = r"[A-Z][^.;]*?(?:\([A-Z]+\))?"
AUTHORS = (r"(?:(?:%s)(?:, %s)*(?:, et al)?(?:; %s)*|%s)"
           % (NAME, NAME, fp.GROUP, GROUP_ALONE))
DOI = (r"(?: doi: ?10\.\S+?\.)?(?: Epub \d{4}(?: [A-Z][a-z]{2})?"
       r"(?: \d{1,2})?\.)?(?: PMID: \d+(?:; PMCID: PMC\d+)?\.)?")
JOURNAL_ART = re.compile(r"^%s\. %s(?:\.|\?|!) %s\. %s;(?:%s)?:%s\.%s$" % (
    AUTHORS, fp.TITLE, fp.JOURNAL, fp.DATE,
    fp.VOL.replace(r"\d+ Pt \d+", r"\d+ Pt \d+|\d+S|\d+ Suppl \d+"),
    fp.PAGES.replace(r"(?:-[A-Za-z]?\d+)?", r"(?:-[A-Za-z]?\d+)?"), DOI))
BOOK = re.compile(r"^%s\. [^.]+(?:\. [^.]+)?\. (?:\d+(?:st|nd|rd|th) ed\. )?"
                  r"[A-Z][\w .]*(?: \([A-Z]{2}\))?: [^;]+; (?:c)?\d{4}"
                  r"(?:\. \d+ p)?\.$" % AUTHORS)

END_ID_PERIOD = re.compile(r"(?:\bdoi: ?10\.\S+|Available from: \S+)\.$")


def extra_faults(e):
    rules = []
    if END_ID_PERIOD.search(e):
        rules.append("citation-punctuation")
    if re.search(r"\d{4} [A-Z][a-z]{2}(?: \d{1,2})?; \d", e):
        rules.append("citation-punctuation")
    if re.match(r"^(?:%s)\. [A-Z][A-Za-z &()-]*\. \d{4}(?: [A-Z][a-z]{2})?[;.]"
                % AUTHORS, e):
        rules.append("citation-title")  # names, then the journal
    if re.search(r"\bAvailable at:|\bUpdated (?:[A-Z][a-z]+ )?\d{4}\.$", e):
        rules += ["citation-source"]
        if not re.search(r"\[cited ", e):
            rules.append("citation-date")
    if re.search(r"\b[A-Z][a-z]+, [A-Z]{2}(?:, USA)?: [A-Z]|\. USA: ", e):
        rules.append("citation-source")  # "Philadelphia, PA:", "USA:"
    m = re.match(r"^(?:%s)\. (.+?[.?!]) [A-Z]" % AUTHORS, e)
    if m and fp.title_case(m.group(1)):
        rules.append("citation-case")  # also after a group author
    if "[Internet]" in e and not re.search(
            r"[A-Z][\w .,()-]*: [^;.]+; (?:c)?\d{4}|\]\. \d{4}[^.]*;", e):
        rules.append("citation-source")  # a web page with no Place: Publisher
    if re.search(r"\. (?:Archives|Annals|American Journal|International "
                 r"Journal|British Journal|Journal) of [A-Z]", e):
        rules.append("citation-source")  # a journal's name written out
    if "Available from:" in e and "[Internet]" not in e:
        rules.append("citation-source")
    if ("[Internet]" in e or "Available from:" in e) and \
            "[cited " not in e and not re.search(r"\bdoi:", e):
        rules.append("citation-date")
    if re.search(r"\beds\.|\(eds\)", e):
        rules.append("citation-source")
    return rules


END_ID = re.compile(r"(?:\bdoi: ?10\.\S+|Available from: \S+)[^.]$")


def label(e):
    # first_pass_nlm.py wants a final period everywhere; Citing Medicine
    # ends an entry that ends in a DOI or URL with the identifier, so
    # such an entry is looked at as if the period were there
    lab, rules = fp.label(e + "." if END_ID.search(e) else e)
    if lab.startswith("other:"):
        return lab, rules
    more = extra_faults(e)
    if lab == "review" and not more and (JOURNAL_ART.match(e) or
                                         BOOK.match(e)):
        # a form first_pass_nlm.py does not know (a particle, a group
        # author alone, PMCID, a book); its faults were checked above
        f = fp.faults(e)
        return ("fault", f) if f else ("vancouver", [])
    if more:
        return "fault", sorted(set(rules + more))
    return lab, rules


def hand():
    """hand_nlm2.tsv: label<TAB>rules<TAB>start of the entry<TAB>why"""
    rows = []
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "hand_nlm2.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            lab, rules, start, _ = line.rstrip("\n").split("\t", 3)
            rows.append((start, lab, [r for r in rules.split(",") if r]))
    return rows


def closing_id(lab, rules, e):
    """The DOI/URL rule, also over a hand label (a hand label judges the
    form it was read for; the closing period is a fault of its own)."""
    if lab in ("vancouver", "fault") and END_ID_PERIOD.search(e):
        return "fault", sorted(set(rules) | {"citation-punctuation"})
    return lab, rules


def relabel():
    by_hand = hand()
    for line in sys.stdin:
        if line.startswith("#") or not line.strip():
            sys.stdout.write(line)
            continue
        lab, rules, src, e = line.rstrip("\n").split("\t", 3)
        rules = [r for r in rules.split(",") if r]
        for start, hl, hr in by_hand:
            if lab in ("vancouver", "fault") and e.startswith(start):
                lab, rules = hl, hr
        lab, rules = closing_id(lab, rules, e)
        rules = ",".join(rules)
        print("%s\t%s\t%s\t%s" % (lab, rules, src, e))


def main():
    if "--relabel" in sys.argv:
        relabel()
        return
    by_hand = hand()
    for line in sys.stdin:
        src, e = line.rstrip("\n").split("\t", 1)
        lab, rules = label(e)
        for start, hl, hr in by_hand:
            if e.startswith(start):
                lab, rules = hl, hr
        lab, rules = closing_id(lab, rules, e)
        print("%s\t%s\t%s\t%s" % (lab, ",".join(rules), src, e))


if __name__ == "__main__":
    main()
