#!/usr/bin/env python3
"""tests/citations/real/score.py - medlint on the real-world reference
corpus (entries.tsv): the false-positive rate on correct APA 7 entries,
detection on faulty and other-style entries, and the share reported with
the right rule, each checked against its threshold.

    score.py MEDLINT [ENTRIES] [-v]

Each source file's entries go, in their order, into one article's
reference list (a copy of content/gastrocnemius.md), so they are read
exactly as an editor's list would be. Only the per-entry citation rules
count: undefined, unused, duplicate and order are about the list."""
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "support"))
from harness import Medlint, check, finish  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
# --style: the label of a correct entry, and the schema (none: the
# embedded default, APA 7)
STYLES = {
    "apa": ("apa", []),
    "ama11": ("ama", [os.path.join(ROOT, "tests", "golden", "cases",
                                   "schema-ama11.yaml")]),
    "vancouver": ("vancouver", [os.path.join(ROOT, "tests", "golden",
                                             "cases",
                                             "schema-vancouver.yaml")]),
}
SCHEMA = []
LIST_RULES = {"citation-undefined", "citation-unused", "citation-duplicate",
              "citation-order"}
THRESHOLDS = [  # (figure, at least / at most, target)
    ("correct entries with an error", "max", 0.02),
    ("faulty entries with a finding", "min", 0.97),
    ("faulty entries with a right rule", "min", 0.95),
    ("other-style entries with an error", "min", 0.99),
    ("other-style entries with citation-style", "min", 0.90),  # AMA, NLM: 99%
    ("... naming the style right", "min", 0.95),
]
# what a citation-style message says for each label's style
SAYS = {"chicago": "Chicago", "harvard": "Harvard", "ieee": "IEEE",
        "vancouver": "Vancouver", "ama": "AMA", "apa": "APA", "mla": "MLA"}


def named(r):
    says = SAYS.get(r["label"].split(":", 1)[1], "?")
    return any(f[0] == "citation-style" and says in f[2]
               for f in r["found"])


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            label, rules, source, entry = line.rstrip("\n").split("\t", 3)
            rows.append({"label": label, "rules": set(filter(None,
                         rules.split(","))), "source": source,
                         "entry": entry, "line": n})
    return rows


def article(entries):
    with open(os.path.join(ROOT, "content", "gastrocnemius.md"),
              encoding="utf-8") as f:
        text = f.read()
    head, rest = text.split("## References\n", 1)
    tail = rest[rest.index("## Related Terms"):]
    items = "".join("%d. %s\n" % (i + 1, e) for i, e in enumerate(entries))
    return head + "## References\n\n" + items + "\n" + tail, \
        head.count("\n") + 3


def run_source(ml, tmp, rows):
    text, first = article([r["entry"] for r in rows])
    path = os.path.join(tmp, "gastrocnemius.md")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    schema = ["--schema", SCHEMA[0]] if SCHEMA else []
    rep = ml.report(schema + ["--format", "json", "--links", "off", path],
                    cwd=tmp)
    for r in rows:
        r["found"] = []
    for fd in rep["findings"]:
        k = fd["line"] - first
        if not fd["rule"].startswith("citation-") or \
                fd["rule"] in LIST_RULES or not 0 <= k < len(rows):
            continue
        rows[k]["found"].append((fd["rule"], fd["severity"],
                                 fd["message"]))


def share(rows, pred):
    hit = [r for r in rows if pred(r)]
    return len(hit), len(rows)


def main():
    argv = sys.argv[1:]
    style = "apa"
    if "--style" in argv:
        i = argv.index("--style")
        style = argv[i + 1]
        del argv[i:i + 2]
    # --floor "FIGURE=V": a figure this corpus does not reach yet is
    # checked at its measured level V (a guard against losing ground) and
    # printed against its target, so the gap stays in sight
    floors = {}
    while "--floor" in argv:
        i = argv.index("--floor")
        name, _, v = argv[i + 1].rpartition("=")
        floors[name] = float(v)
        del argv[i:i + 2]
    # --allow-empty: a corpus with no entries of a kind (the held-out set
    # has no other-style entries) prints that figure without checking it
    allow_empty = "--allow-empty" in argv
    argv = [a for a in argv if a != "--allow-empty"]
    SCHEMA[:] = STYLES[style][1]
    args = [a for a in argv if a != "-v"]
    verbose = "-v" in sys.argv
    own = STYLES[style][0]
    ml = Medlint(args[0])
    rows = load(args[1] if len(args) > 1 else
                os.path.join(HERE, "entries.tsv"))
    tmp = tempfile.mkdtemp(prefix="medlint-real-")
    try:
        for name in ("soleus.md", "achilles-tendon.md"):
            shutil.copy(os.path.join(ROOT, "content", name), tmp)
        by_src = {}
        for r in rows:
            by_src.setdefault(r["source"], []).append(r)
        for src_rows in by_src.values():
            run_source(ml, tmp, src_rows)
    finally:
        shutil.rmtree(tmp)

    def err(r):
        return any(s == "error" for _, s, _ in r["found"])

    correct = [r for r in rows if r["label"] == own]
    faulty = [r for r in rows if r["label"] == "fault"]
    other = [r for r in rows if r["label"].startswith("other:")]
    figures = {
        "correct entries with an error": share(correct, err),
        "faulty entries with a finding": share(faulty,
                                               lambda r: r["found"]),
        "faulty entries with a right rule": share(
            faulty, lambda r: any(f[0] in r["rules"] for f in r["found"])),
        "other-style entries with an error": share(other, err),
        "other-style entries with citation-style": share(
            other, lambda r: any(f[0] == "citation-style"
                                 for f in r["found"])),
        "... naming the style right": share(
            [r for r in other if any(f[0] == "citation-style"
                                     for f in r["found"])], named),
    }
    print("real corpus: %d entries from %d files (%d correct, %d faulty, "
          "%d other style)" % (len(rows), len({r["source"] for r in rows}),
                               len(correct), len(faulty), len(other)))
    for name, kind, target in THRESHOLDS:
        if style != "apa" and name.startswith("other-style entries with c"):
            target = 0.99
        hit, n = figures[name]
        if n == 0 and allow_empty:
            print("  %-42s   none in this corpus" % name)
            continue
        v = hit / n if n else 0.0
        bound = floors.pop(name, target)
        ok = v <= bound if kind == "max" else v >= bound
        print("  %-42s %6.1f%% (%d/%d; %s %.0f%%%s)" % (
            name, 100 * v, hit, n, "at most" if kind == "max" else
            "at least", 100 * target, "" if bound == target else
            "; NOT MET: held at its floor %.1f%%" % (100 * bound)))
        check(name if bound == target else name + " (floor)",
              n > 0 and ok, "%.1f%%" % (100 * v))
    check("every --floor names a figure", not floors, floors)
    if verbose:
        for r in rows:
            bad = (r["label"] == own and err(r)) or \
                (r["label"] == "fault" and not any(
                    f[0] in r["rules"] for f in r["found"])) or \
                (r["label"].startswith("other:") and not named(r))
            if bad:
                print("\n%s:%d %s %s\n  %s" % (
                    "entries.tsv", r["line"], r["label"],
                    ",".join(sorted(r["rules"])), r["entry"]))
                for f in r["found"]:
                    print("    %s [%s] %s" % f)
    finish("real_corpus")


if __name__ == "__main__":
    main()
