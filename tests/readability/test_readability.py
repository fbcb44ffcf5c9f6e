#!/usr/bin/env python3
"""readability against an independent implementation: medlint's SMOG and
Flesch-Kincaid grades of the texts in texts/ (README.md) are compared with
reference.tsv, which make_reference.mjs computed with the npm package
text-readability. Each grade must be within 0.5 of the reference on at
least 90% of the texts and never more than 1.5 off.

usage: test_readability.py MEDLINT"""
import json
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from harness import Medlint, check, finish  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
MESSAGE = re.compile(r"reads at grade ([\d.]+) \(SMOG\), above 1 "
                     r"\(Flesch-Kincaid (-?[\d.]+), Flesch reading ease "
                     r"(-?\d+); (\d+) words in (\d+) sentences\)")


def reference():
    rows = {}
    with open(os.path.join(HERE, "reference.tsv"), encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            r = dict(zip(head, line.rstrip("\n").split("\t")))
            rows[r["file"]] = r
    return rows


def grades(medlint, tmp):
    """medlint's grades per text: readability with max_grade 1 reports
    every text, and its message holds both grades."""
    with open(os.path.join(tmp, ".medlint.yaml"), "w") as f:
        f.write('schema: schema.yaml\nrules:\n  "*": off\n'
                '  readability: warning\n')
    with open(os.path.join(tmp, "schema.yaml"), "w") as f:
        f.write("sections: []\nreadability: {max_grade: 1, min_words: 1}\n")
    shutil.copytree(os.path.join(HERE, "texts"), os.path.join(tmp, "texts"))
    code, out, err = medlint.run(["--format", "json", "texts"], cwd=tmp)
    if code not in (0, 1):
        print(err)
        return {}
    got = {}
    for x in json.loads(out)["findings"]:
        m = MESSAGE.search(x["message"])
        if m:
            got[os.path.basename(x["file"])] = [float(g) for g in m.groups()]
    return got


def compare(name, pairs):
    diffs = [abs(a - b) for a, b in pairs]
    near = sum(1 for d in diffs if d <= 0.5)
    share = near / len(diffs) if diffs else 0
    print("%s: %d/%d within 0.5 (%.0f%%), mean |diff| %.2f, max %.2f"
          % (name, near, len(diffs), 100 * share,
             sum(diffs) / len(diffs), max(diffs)))
    check("%s within 0.5 on >= 90%% of texts" % name, share >= 0.9,
          "%.2f" % share)
    check("%s never more than 1.5 off" % name, max(diffs) <= 1.5,
          "%.2f" % max(diffs))


def main():
    medlint = Medlint(sys.argv[1], today="2026-06-01")
    ref = reference()
    check("at least 30 texts", len(ref) >= 30, len(ref))
    with tempfile.TemporaryDirectory(prefix="medlint-read-") as tmp:
        got = grades(medlint, tmp)
    check("a grade for every text", set(got) == set(ref),
          sorted(set(ref) ^ set(got)))
    print("%-40s %6s %6s %6s %6s %6s %6s" % ("text", "smog", "ref",
                                             "fk", "ref", "words", "ref"))
    smog, fk = [], []
    for name in sorted(set(got) & set(ref)):
        g, r = got[name], ref[name]
        smog.append((g[0], float(r["smog"])))
        fk.append((g[1], float(r["fkgl"])))
        print("%-40s %6.1f %6.2f %6.1f %6.2f %6d %6s"
              % (name[:40], g[0], float(r["smog"]), g[1], float(r["fkgl"]),
                 g[3], r["words"]))
    if smog:
        compare("SMOG", smog)
        compare("Flesch-Kincaid", fk)
    finish("readability")


if __name__ == "__main__":
    main()
