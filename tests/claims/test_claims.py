#!/usr/bin/env python3
"""claim-uncited against the hand-labelled sentences of sentences.tsv
(README.md): each sentence becomes a paragraph of one article with no
citation, medlint runs with only claim-uncited on, and a finding on a
sentence's line is the rule saying "needs a citation". Precision must be
at least 0.9 and recall at least 0.6. Then the same article with a
marker after each sentence must give no finding.

usage: test_claims.py MEDLINT"""
import json
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from harness import Medlint, check, finish  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = 'rules:\n  "*": off\n  claim-uncited: warning\n'
SCHEMA = "sections: []\n"


def load():
    rows = []
    with open(os.path.join(HERE, "sentences.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            sid, label, _src, text = line.rstrip("\n").split("\t", 3)
            rows.append((int(sid), label == "1", text))
    return rows


def article(rows, marker):
    """One paragraph per sentence; returns the text and line -> row."""
    lines, at = ["# Claims", ""], {}
    for sid, label, text in rows:
        at[len(lines) + 1] = (sid, label)
        lines.append(text + (" [1]" if marker else ""))
        lines.append("")
    lines += ["## References", "", "1. Roe, J. (2020). *A book*. Press.", ""]
    return "\n".join(lines), at


def lint(medlint, tmp, text):
    with open(os.path.join(tmp, "claims.md"), "w", encoding="utf-8") as f:
        f.write(text)
    code, out, err = medlint.run(["--format", "json", "claims.md"], cwd=tmp)
    if code not in (0, 1):
        print(err)
        return None
    return [x for x in json.loads(out)["findings"]
            if x["rule"] == "claim-uncited"]


def main():
    medlint = Medlint(sys.argv[1], today="2026-06-01")
    rows = load()
    check("at least 300 labelled sentences", len(rows) >= 300, len(rows))
    with tempfile.TemporaryDirectory(prefix="medlint-claims-") as tmp:
        with open(os.path.join(tmp, ".medlint.yaml"), "w") as f:
            f.write(CONFIG + "schema: schema.yaml\n")
        with open(os.path.join(tmp, "schema.yaml"), "w") as f:
            f.write(SCHEMA)
        text, at = article(rows, False)
        found = lint(medlint, tmp, text)
        check("medlint ran", found is not None)
        hit = {at[x["line"]][0] for x in found or [] if x["line"] in at}
        tp = sum(1 for sid, label, _ in rows if label and sid in hit)
        fp = sum(1 for sid, label, _ in rows if not label and sid in hit)
        fn = sum(1 for sid, label, _ in rows if label and sid not in hit)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        print("claim-uncited: %d sentences, %d need a citation; "
              "tp %d fp %d fn %d; precision %.3f recall %.3f"
              % (len(rows), tp + fn, tp, fp, fn, precision, recall))
        for sid, label, t in rows:
            if (sid in hit) != label:
                print("  %s %3d %s" % ("FP" if not label else "FN", sid,
                                       t[:110]))
        check("precision >= 0.9", precision >= 0.9, "%.3f" % precision)
        check("recall >= 0.6", recall >= 0.6, "%.3f" % recall)
        text, at = article(rows, True)
        found = lint(medlint, tmp, text)
        check("a marker in the sentence silences every claim",
              found == [], found[:3] if found else found)
    finish("claims")


if __name__ == "__main__":
    main()
