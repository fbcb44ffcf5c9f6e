#!/usr/bin/env python3
"""--verify-refs end to end against fake_registry.py on loopback: every
registry case gives its rule at the identifier's line and column with the
registered metadata in the message; registry trouble (429, 503, a hang,
malformed JSON, a huge body) is a warning naming the registry and never
citation-unresolved; one request per identifier across articles, PMIDs
batched, NCBI requests 1/3 s apart; a second run with the cache asks
nothing for what resolved; a run without --verify-refs opens no socket.

Two fake registries (Crossref, E-utilities) are started and stopped by PID
and exit by themselves after 180 s; every medlint run is bounded in time.

usage: test_verify.py MEDLINT_BINARY SOURCE_DIR   (exit 77: skipped)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
from harness import Medlint, check, fail, finish, skip  # noqa: E402

BIN = sys.argv[1] if len(sys.argv) > 1 else ""
FAKE = os.path.join(HERE, "fake_registry.py")
RUN_TIMEOUT = 90

HEAD = """---
title: "Gastrocnemius: Definition and What it is"
slug: {slug}
type: term
reviewers:
  - name: Jonathan Lee
    credentials: [MD]
last_reviewed: 2026-01-15
---
# Gastrocnemius: Definition and What it is

Medically and clinically reviewed by Jonathan Lee, MD

## Gastrocnemius Definition and Meaning

The gastrocnemius is the large two-headed muscle at the back of the lower leg
{markers}.

## Gastrocnemius Exercises

Calf raises on a step and a straight-knee wall stretch train this muscle well.

## Common Gastrocnemius Injuries and Conditions

A strain of the medial head, often called tennis leg, causes sudden pain.

## Disclaimer

This article is for educational and informational purposes only and is not
medical advice.

## References

"""


def work(doi, title, family, year, journal="Journal of Calf Studies",
         updated_by=None, online=None):
    m = {"DOI": doi, "title": [title], "container-title": [journal],
         "author": [{"given": "Ann", "family": family, "sequence": "first"},
                    {"given": "Bo", "family": "Other",
                     "sequence": "additional"},
                    {"given": "Cy", "family": "Third",
                     "sequence": "additional"}],
         "issued": {"date-parts": [[year, 3]]},
         "published-print": {"date-parts": [[year, 3, 1]]},
         "type": "journal-article"}
    if online:
        m["published-online"] = {"date-parts": [[online, 11, 2]]}
    if updated_by:
        m["updated-by"] = updated_by
    return m


def notice(kind, doi, y, mo, d):
    return [{"DOI": doi, "type": kind, "label": kind.title(),
             "source": "publisher",
             "updated": {"date-parts": [[y, mo, d]]}}]


def docsum(title, first, year, journal="J Calf Stud", pubtype=None,
           refs=None):
    d = {"pubdate": "%d Mar" % year, "epubdate": "", "source": journal,
         "fulljournalname": "Journal of Calf Studies", "title": title,
         "authors": [{"name": first, "authtype": "Author"},
                     {"name": "Other B", "authtype": "Author"}],
         "pubtype": pubtype or ["Journal Article"],
         "articleids": [], "references": refs or []}
    return d


T = "Functional anatomy of the gastrocnemius in runners"
FIXTURE = {
    "works": {
        "10.5555/ok.1": work("10.5555/ok.1", T, "Doral", 2010),
        "10.5555/title.3": work("10.5555/title.3",
                                "Eccentric loading for chronic Achilles "
                                "tendinopathy: a randomised trial",
                                "Doral", 2010),
        "10.5555/year.4": work("10.5555/year.4", T, "Doral", 2019),
        "10.5555/author.5": work("10.5555/author.5", T, "Maffulli", 2010),
        "10.5555/retracted.6": work(
            "10.5555/retracted.6", T, "Doral", 2010,
            updated_by=notice("retraction", "10.5555/notice.6", 2020, 5, 1)),
        "10.5555/corrected.7": work(
            "10.5555/corrected.7", T, "Doral", 2010,
            updated_by=notice("correction", "10.5555/erratum.7", 2011, 2, 3)),
        "10.5555/concern.8": work(
            "10.5555/concern.8", T, "Doral", 2010,
            updated_by=notice("expression_of_concern", "10.5555/eoc.8",
                              2021, 7, 9)),
        "10.5555/ratelimited.9": work("10.5555/ratelimited.9", T, "Doral",
                                      2010),
        "10.5555/429once.10": work("10.5555/429once.10", "Another title "
                                   "entirely about soleus cramps", "Doral",
                                   2010),
        "10.5555/503once.11": work("10.5555/503once.11", "Another title "
                                   "entirely about soleus cramps", "Doral",
                                   2010),
        "10.5555/hang.12": work("10.5555/hang.12", "x", "x", 1900),
        "10.5555/online.15": work("10.5555/online.15", T, "Doral", 2019,
                                  online=2018),
        "10.5555/diacritic.16": work("10.5555/diacritic.16", T, "Donmez",
                                     2010),
        # Crossref's markup in titles, and the subtitle apart
        "10.5555/markup.18": dict(
            work("10.5555/markup.18", "Functional anatomy of the "
                 "<i>gastrocnemius</i>", "Doral", 2010),
            subtitle=["In runners"]),
    },
    "agency": {"10.5555/datacite.17": {"id": "datacite",
                                       "label": "DataCite"}},
    "faults": {
        "10.5555/ratelimited.9": "429",
        "10.5555/429once.10": "429once",
        "10.5555/503once.11": "503once",
        "10.5555/hang.12": "hang",
        "10.5555/malformed.13": "malformed",
        "10.5555/huge.14": "huge",
    },
    "pubmed": {
        "1111": docsum(T, "Doral MN", 2010),
        "3333": docsum(T, "Doral MN", 2010,
                       pubtype=["Journal Article", "Retracted Publication"],
                       refs=[{"refsource": "J Calf Stud. 2021 Jan;3(1):9.",
                              "reftype": "Retraction in", "pmid": 4444}]),
        "5555": docsum(T, "Maffulli N", 2010),
    },
    "pmc": {
        "6666": docsum(T, "Doral MN", 2010),
    },
}

# (entry id text, reference body, expected rule or None)
A_REFS = [
    ("10.5555/ok.1", "Doral, M. N., & Other, B. (2010). " + T, None),
    ("10.5555/missing.2", "Doral, M. N. (2010). " + T, "citation-unresolved"),
    ("10.5555/title.3", "Doral, M. N. (2010). " + T, "citation-mismatch"),
    ("10.5555/year.4", "Doral, M. N. (2015). " + T, "citation-mismatch"),
    ("10.5555/author.5", "Doral, M. N. (2010). " + T, "citation-mismatch"),
    ("10.5555/retracted.6", "Doral, M. N. (2010). " + T,
     "citation-retracted"),
    ("10.5555/corrected.7", "Doral, M. N. (2010). " + T, "citation-updated"),
    ("10.5555/concern.8", "Doral, M. N. (2010). " + T, "citation-updated"),
    ("10.5555/ratelimited.9", "Doral, M. N. (2010). " + T,
     "citation-unverified"),
    ("10.5555/429once.10", "Doral, M. N. (2010). " + T, "citation-mismatch"),
    ("10.5555/503once.11", "Doral, M. N. (2010). " + T, "citation-mismatch"),
    ("10.5555/hang.12", "Doral, M. N. (2010). " + T,
     "citation-unverified"),
    ("10.5555/malformed.13", "Doral, M. N. (2010). " + T,
     "citation-unverified"),
    ("10.5555/huge.14", "Doral, M. N. (2010). " + T,
     "citation-unverified"),
    ("10.5555/online.15", "Doral, M. N. (2018). " + T, None),
    ("10.5555/diacritic.16", "Dönmez, G. (2010). " + T, None),
    ("10.5555/datacite.17", "Doral, M. N. (2010). " + T, None),
    ("10.5555/markup.18", "Doral, M. N. (2010). " + T, None),
]
B_REFS = [
    ("PMID: 1111", "Doral, M. N. (2010). " + T, None),
    ("PMID: 99999998", "Doral, M. N. (2010). " + T, "citation-unresolved"),
    ("PMID: 3333", "Doral, M. N. (2010). " + T, "citation-retracted"),
    ("PMID: 5555", "Doral, M. N. (2010). " + T, "citation-mismatch"),
    ("PMCID: PMC6666", "Doral, M. N. (2010). " + T, None),
    ("PMCID: PMC99999", "Doral, M. N. (2010). " + T, "citation-unresolved"),
    ("10.5555/ok.1", "Doral, M. N., & Other, B. (2010). " + T, None),
]
VERIFY_RULES = {"citation-unresolved", "citation-mismatch",
                "citation-retracted", "citation-updated",
                "citation-unverified"}


def article(slug, refs, preamble=""):
    marks = " ".join("[%d]" % (i + 1) for i in range(len(refs)))
    text = HEAD.format(slug=slug, markers=marks) + preamble
    where = {}
    for i, (ident, body, _) in enumerate(refs):
        loc = ident if ident.startswith("P") else "https://doi.org/" + ident
        # ASCII before the identifier: byte and code point columns agree
        line = "%d. %s. *Journal of Calf Studies*, *18*(5), 638-643. %s" % (
            i + 1, body, loc)
        n = text.count("\n") + 1
        value = ident.split(" ")[-1]
        where[ident] = (n, line.index(value) + 1)
        text += line + "\n"
    return text, where


class Fake:
    def __init__(self, fixture_path, *extra):
        self.proc = subprocess.Popen(
            [sys.executable, FAKE, fixture_path, "--lifetime", "180"] +
            list(extra), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        line = self.proc.stdout.readline().decode().strip()
        if not line.isdigit():
            self.stop()
            fail("fake_registry.py did not start")
        self.port = int(line)
        self.base = "http://127.0.0.1:%d" % self.port

    def seen(self):
        with urllib.request.urlopen(self.base + "/_stats", timeout=5) as r:
            return json.load(r)["requests"]

    def jitter(self, n=6):
        """How much the delay from sending a request on a new connection
        to the server seeing it varies here, in seconds (the spread of n
        tries): what a loaded machine adds to the gaps the server sees."""
        delays = []
        for _ in range(n):
            t0 = time.monotonic()
            with urllib.request.urlopen(self.base + "/_now",
                                        timeout=5) as r:
                delays.append(json.load(r)["t"] - t0)
            time.sleep(0.02)
        return max(delays) - min(delays)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=10)


def config(tmp, crossref, eutils, cache=True):
    with open(os.path.join(tmp, ".medlint.yaml"), "w") as f:
        f.write("links:\n  timeout: 2\n  connect_timeout: 2\n  retries: 2\n"
                "  retry_after_cap: 2\n")
        f.write("verify:\n  crossref: %s\n  eutils: %s/entrez/eutils\n"
                "  mailto: web@example.org\n" % (crossref, eutils))
        if cache:
            f.write("  cache: refs.cache\n")


def by_id(findings, where, name):
    """findings at the identifier's position, keyed by identifier."""
    out = {}
    for ident, (line, col) in where.items():
        out[ident] = [f for f in findings if f["file"] == name and
                      f["line"] == line and f["rule"] in VERIFY_RULES]
    return out


def main():
    if not BIN or not os.path.exists(BIN):
        skip("no medlint binary")
    tmp = tempfile.mkdtemp(prefix="medlint-verify-")
    fx = os.path.join(tmp, "fixture.json")
    with open(fx, "w") as f:
        json.dump(FIXTURE, f)
    cr = Fake(fx)
    eu = Fake(fx)
    try:
        run_all(tmp, cr, eu)
    finally:
        cr.stop()
        eu.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    finish("verify")


def run_all(tmp, cr, eu):
    a_text, a_where = article("a", A_REFS)
    b_text, b_where = article("b", B_REFS)
    for name, text in (("a.md", a_text), ("b.md", b_text)):
        with open(os.path.join(tmp, name), "w") as f:
            f.write(text)
    config(tmp, cr.base, eu.base)
    medlint = Medlint(BIN, today="2026-06-01")

    # Offline: no --verify-refs, no request and (under strace) no socket.
    code, out, err = medlint.run(["--format", "json", "a.md", "b.md"],
                                 cwd=tmp, timeout=RUN_TIMEOUT)
    rep = json.loads(out)
    check("offline: no verification finding",
          not [f for f in rep["findings"] if f["rule"] in VERIFY_RULES],
          rep["findings"])
    check("offline: the fakes were never asked",
          cr.seen() == [] and eu.seen() == [])
    if shutil.which("strace"):
        p = subprocess.run(["strace", "-f", "-qq", "-e", "trace=socket",
                            BIN, "--today", "2026-06-01", "--format",
                            "json", "a.md", "b.md"], cwd=tmp,
                           capture_output=True, timeout=RUN_TIMEOUT)
        inet = [ln for ln in p.stderr.decode().splitlines()
                if "AF_INET" in ln]
        check("offline: no AF_INET/AF_INET6 socket (strace)", not inet,
              inet)

    jitter = eu.jitter()
    t0 = time.monotonic()
    code, out, err = medlint.run(
        ["--verify-refs", "--allow-private", "--format", "json", "a.md",
         "b.md"], cwd=tmp, timeout=RUN_TIMEOUT)
    wall = time.monotonic() - t0
    jitter = max(jitter, eu.jitter())
    try:
        rep = json.loads(out)
    except ValueError:
        fail("no JSON report: %s" % err)
    print("first run: %.1f s" % wall)
    for name, refs, where in (("a.md", A_REFS, a_where),
                              ("b.md", B_REFS, b_where)):
        got = by_id(rep["findings"], where, name)
        for ident, _, rule in refs:
            fs = got[ident]
            rules = sorted(f["rule"] for f in fs)
            want = [rule] if rule else []
            check("%s %s: %s" % (name, ident, rule or "no finding"),
                  rules == want, fs)
            for f in fs:
                line, col = where[ident]
                check("%s %s: at %d:%d" % (name, ident, line, col),
                      (f["line"], f["column"]) == (line, col), f)
                value = ident.split(" ")[-1]
                check("%s %s: end covers the identifier" % (name, ident),
                      f["end_line"] == line and
                      f["end_column"] == col + len(value), f)
    msgs = {f["message"] for f in rep["findings"]
            if f["rule"] in VERIFY_RULES}
    check("mismatch message quotes the registered work",
          any("10.5555/title.3 is registered as 'Eccentric loading for "
              "chronic Achilles tendinopathy: a randomised trial' by Doral "
              "et al., 2010, in Journal of Calf Studies" in m for m in msgs),
          msgs)
    check("year mismatch names the entry's year",
          any(m.startswith("10.5555/year.4 is registered as") and
              "2019" in m and "year is 2015" in m for m in msgs), msgs)
    check("author mismatch names both",
          any(m.startswith("10.5555/author.5") and "Maffulli" in m and
              "Doral" in m for m in msgs), msgs)
    check("retraction names the notice's DOI and date",
          any(m.startswith("10.5555/retracted.6 has been retracted") and
              "10.5555/notice.6" in m and "2020-05-01" in m for m in msgs),
          msgs)
    check("correction names its notice",
          any("10.5555/erratum.7" in m and "correction" in m for m in msgs),
          msgs)
    check("expression of concern names its notice",
          any("10.5555/eoc.8" in m and "expression of concern" in m
              for m in msgs), msgs)
    check("PubMed retraction names the notice",
          any(m.startswith("PMID 3333 has been retracted") and
              "PMID 4444" in m for m in msgs), msgs)
    check("PubMed mismatch quotes PubMed's first author",
          any(m.startswith("PMID 5555 is registered as") and "Maffulli" in m
              for m in msgs), msgs)
    check("unresolved names the registry",
          any(m.startswith("10.5555/missing.2 is not registered at "
                           "Crossref") for m in msgs) and
          any(m.startswith("PMID 99999998 is not registered at PubMed")
              for m in msgs), msgs)
    check("registry trouble is a warning naming Crossref",
          re.search(r"warning: Crossref \(http://127\.0\.0\.1:%d\) could "
                    r"not verify 4 identifiers" % cr.port, err), err)

    unv = {m for m in msgs if "could not be verified" in m}
    check("citation-unverified names the registry and why",
          len(unv) == 4 and all(
              ("Crossref (http://127.0.0.1:%d) did not answer for it: "
               % cr.port) in m for m in unv) and
          any(m.startswith("10.5555/hang.12") and
              m.endswith("no answer within the timeout, every try")
              for m in unv), unv)
    check("citation-unverified is a warning",
          {f["severity"] for f in rep["findings"]
           if f["rule"] == "citation-unverified"} == {"warning"})
    check("a hanging registry gives its findings within the timeouts "
          "(2 s x 3 tries)", wall < 40, wall)
    check("a DataCite DOI is a note, not citation-unresolved",
          re.search(r"1 DOI is registered with another agency than Crossref"
                    r" \(DataCite: 10\.5555/datacite\.17\)", err), err)
    crs = [p for _, p in cr.seen()]
    check("Crossref asked for the agency only of the DOIs it lacks",
          sorted(p.split("?")[0] for p in crs if "/agency" in p) ==
          ["/works/10.5555/datacite.17/agency",
           "/works/10.5555/missing.2/agency"], crs)
    ok1 = [p for p in crs if p.startswith("/works/10.5555/ok.1")]
    check("one request for a DOI cited by two articles", len(ok1) == 1, crs)
    check("mailto in the Crossref query",
          ok1 and "mailto=web%40example.org" in ok1[0], ok1)
    eus = eu.seen()
    pubmed = [p for _, p in eus if "db=pubmed" in p]
    pmc = [p for _, p in eus if "db=pmc" in p]
    check("PMIDs batched in one esummary request", len(pubmed) == 1, eus)
    check("PMCIDs in one db=pmc request, without the PMC prefix",
          len(pmc) == 1 and "id=6666,99999" in pmc[0], pmc)
    times = [t for t, _ in eus]
    # As the server sees them: a reused connection arrives a little
    # sooner than the one that had to connect first, and a loaded machine
    # delays one request more than the next. That delay's spread is
    # measured (before and after the run) and allowed for, up to 0.1 s,
    # so that requests sent at once, or 4 a second, still fail.
    slack = min(0.1, 2 * jitter)
    check("NCBI requests 1/3 s apart without an API key, 3 a second at most "
          "(gaps %s s, the machine's jitter %.3f s)"
          % ([round(b - a, 3) for a, b in zip(times, times[1:])], jitter),
          all(b - a >= 0.3 - slack for a, b in zip(times, times[1:])) and
          all(len([u for u in times if t <= u < t + 1.0 - slack]) <= 3
              for t in times), times)
    check("exit 1 on verification errors", code == 1, err)

    # Second run: the cache answers for everything that resolved.
    n_cr, n_eu = len(cr.seen()), len(eu.seen())
    code2, out2, err2 = medlint.run(
        ["--verify-refs", "--allow-private", "--format", "json", "a.md",
         "b.md"], cwd=tmp, timeout=RUN_TIMEOUT)
    rep2 = json.loads(out2)
    again = [p for _, p in cr.seen()[n_cr:]]
    # resolved: the registry answered with a work; not registered
    # (missing.2) and registry trouble are asked again
    asked = ("10.5555/missing.2", "10.5555/ratelimited.9", "10.5555/hang.12",
             "10.5555/malformed.13", "10.5555/huge.14")
    resolved = [i for i, _, _ in A_REFS if i not in asked]
    check("second run: no Crossref request for a resolved DOI",
          not [p for p in again
               if any(p.split("?")[0] in ("/works/" + d,
                                          "/works/" + d + "/agency")
                      for d in resolved)], again)
    check("second run: registry trouble and unregistered DOIs asked again",
          all(any(("/works/" + d + "?") in p for p in again) for d in asked),
          again)
    eu2 = [p for _, p in eu.seen()[n_eu:]]
    check("second run: esummary asked only for the unregistered ids",
          len(eu2) == 2 and "id=99999998&" in eu2[0] and
          "id=99999&" in eu2[1], eu2)
    check("second run: the summary line counts the cache",
          re.search(r"references: \d+ identifiers verified, 17 from the "
                    r"cache", err2), err2)
    same = sorted((f["file"], f["line"], f["column"], f["rule"],
                   f["message"]) for f in rep2["findings"])
    first = sorted((f["file"], f["line"], f["column"], f["rule"],
                    f["message"]) for f in rep["findings"])
    check("second run: the same findings", same == first,
          set(same) ^ set(first))

    unverified_formats(tmp, medlint)
    extra_checks(tmp, cr, eu, medlint, rep)


def unverified_formats(tmp, medlint):
    """citation-unverified in every format, and in SARIF also a tool
    execution notification of the run's invocation. The cache of the first
    run answers for the rest; the trouble is asked again."""
    for fmt, want in (("text", "[citation-unverified]"),
                      ("github", "citation-unverified"),
                      ("markdown", "citation-unverified"),
                      ("html", "citation-unverified")):
        code, out, err = medlint.run(
            ["--verify-refs", "--allow-private", "--format", fmt, "a.md"],
            cwd=tmp, timeout=RUN_TIMEOUT)
        check("citation-unverified in the %s format" % fmt,
              code == 1 and out.count(want) >= 4, (code, err))
    code, out, err = medlint.run(
        ["--verify-refs", "--allow-private", "--format", "sarif", "a.md"],
        cwd=tmp, timeout=RUN_TIMEOUT)
    run = json.loads(out)["runs"][0]
    res = [r for r in run["results"] if r["ruleId"] == "citation-unverified"]
    inv = run.get("invocations", [{}])
    notes = inv[0].get("toolExecutionNotifications", [])
    check("SARIF: citation-unverified results", len(res) == 4, len(res))
    check("SARIF: one tool execution notification per unverified reference",
          len(notes) == 4 and inv[0].get("executionSuccessful") is True and
          all(n["descriptor"]["id"] == "citation-unverified" and
              n["level"] == "warning" and "Crossref" in n["message"]["text"]
              for n in notes), notes)
    check("SARIF: the notifications point at the identifiers",
          sorted((n["locations"][0]["physicalLocation"]["region"]
                  ["startLine"]) for n in notes if n.get("locations")) ==
          sorted(r["locations"][0]["physicalLocation"]["region"]
                 ["startLine"] for r in res), notes)


def extra_checks(tmp, cr, eu, medlint, rep):
    # Inline control reaches the run-wide phase: c.md cites the retracted
    # DOI under a disable comment, a.md without one.
    c_refs = [("10.5555/retracted.6", "Doral, M. N. (2010). " + T,
               "citation-retracted"),
              ("10.5555/title.3", "Doral, M. N. (2010). " + T,
               "citation-mismatch")]
    c_text, c_where = article(
        "c", c_refs, "<!-- medlint-disable citation-retracted -->\n\n")
    with open(os.path.join(tmp, "c.md"), "w") as f:
        f.write(c_text)
    # A damaged cache is ignored with a warning, and the key reaches NCBI.
    with open(os.path.join(tmp, "refs.cache"), "w") as f:
        f.write("v1\tdoi:10.5555/ok.1\tnot-a-time\n")
    n_eu = len(eu.seen())
    env = dict(os.environ, NCBI_API_KEY="test-key-123")
    # the key goes only to a registry the command line names (--eutils)
    keyed_args = ["--eutils", eu.base + "/entrez/eutils"]
    p = subprocess.run([medlint.binary] + medlint.base + keyed_args +
                       ["--verify-refs", "--allow-private", "--format",
                        "json", "a.md", "c.md"], cwd=tmp,
                       capture_output=True, timeout=RUN_TIMEOUT, env=env)
    err = p.stderr.decode()
    rep3 = json.loads(p.stdout)
    check("a damaged reference cache is a one-line warning",
          re.search(r"reference cache .*refs\.cache: line 1 is malformed",
                    err), err)
    got = by_id(rep3["findings"], c_where, "c.md")
    check("inline disable: no citation-retracted in c.md",
          [f["rule"] for f in got["10.5555/retracted.6"]] == [], got)
    check("inline disable: other rules still reported in c.md",
          [f["rule"] for f in got["10.5555/title.3"]] ==
          ["citation-mismatch"], got)
    check("inline disable: a.md still gets citation-retracted",
          any(f["file"] == "a.md" and f["rule"] == "citation-retracted"
              for f in rep3["findings"]), rep3["findings"])
    del rep
    # b.md is not linted here: no esummary request at all
    check("only the articles linted are verified",
          len(eu.seen()) == n_eu, eu.seen()[n_eu:])
    p = subprocess.run([medlint.binary] + medlint.base + keyed_args +
                       ["--verify-refs", "--allow-private", "--no-cache",
                        "--format", "json", "b.md"], cwd=tmp,
                       capture_output=True, timeout=RUN_TIMEOUT, env=env)
    keyed = [u for _, u in eu.seen()[n_eu:]]
    check("the NCBI API key from $NCBI_API_KEY is sent to --eutils",
          keyed and all("api_key=test-key-123" in u for u in keyed), keyed)
    check("the key never appears in the report or on stderr",
          b"test-key-123" not in p.stdout + p.stderr, p.stderr)

    # An entry with a DOI and a PMID of the same retracted work: one
    # citation-retracted (at the DOI), not two.
    d_text = HEAD.format(slug="d", markers="[1]") + (
        "1. Doral, M. N. (2010). %s. *Journal of Calf Studies*, *18*(5), "
        "638-643. https://doi.org/10.5555/retracted.6 PMID: 3333\n" % T)
    with open(os.path.join(tmp, "d.md"), "w") as f:
        f.write(d_text)
    code, out, err = medlint.run(["--verify-refs", "--allow-private",
                                  "--format", "json", "d.md"], cwd=tmp,
                                 timeout=RUN_TIMEOUT)
    retr = [f for f in json.loads(out)["findings"]
            if f["rule"] == "citation-retracted"]
    line = d_text.splitlines()[-1]
    check("DOI and PMID of one retracted work: one finding, at the DOI",
          len(retr) == 1 and
          retr[0]["column"] == line.index("10.5555/retracted.6") + 1, retr)

    # Config errors: exit 2 naming the key.
    for bad, word in (("  title_similarity: 1.5\n", "title_similarity"),
                      ("  colour: blue\n", "verify.colour"),
                      ("  crossref: ftp://x\n", "verify.crossref")):
        d = tempfile.mkdtemp(prefix="medlint-verify-cfg-", dir=tmp)
        with open(os.path.join(d, ".medlint.yaml"), "w") as f:
            f.write("verify:\n" + bad)
        shutil.copy(os.path.join(tmp, "a.md"), d)
        code, out, err = medlint.run(["--verify-refs", "a.md"], cwd=d,
                                     timeout=RUN_TIMEOUT)
        check("config %s: exit 2 naming it" % word.strip(),
              code == 2 and word in err, (code, err))


if __name__ == "__main__":
    main()
