#!/usr/bin/env python3
"""wording's shipped defaults (schemas/wording-defaults.yaml): every
entry has a failing sentence that gets exactly its finding and a passing
sentence that gets none (cases.tsv); no finding inside code, a link
target, the front matter, a block quote, quotation marks or a quoted
reference title; the schema's off list and defaults: false silence
entries; --fix writes the unambiguous replacements only.

usage: test_wording.py MEDLINT"""
import json
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from harness import Medlint, check, finish  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.dirname(os.path.dirname(HERE))
ENTRY = re.compile(r"\(wording entry ([\w-]+)\)")
SCHEMA = ("sections:\n  - id: references\n    heading: References\n"
          "    citations: apa7\n")


def cases():
    rows = []
    with open(os.path.join(HERE, "cases.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            rows.append(line.rstrip("\n").split("\t"))
    return rows


def default_ids():
    with open(os.path.join(SRC, "schemas", "wording-defaults.yaml"),
              encoding="utf-8") as f:
        return re.findall(r"^  - id: (\S+)$", f.read(), re.M)


class Run:
    def __init__(self, medlint, tmp):
        self.medlint, self.tmp = medlint, tmp
        with open(os.path.join(tmp, ".medlint.yaml"), "w") as f:
            f.write('schema: schema.yaml\nrules:\n  "*": off\n'
                    '  wording: warning\n')
        self.schema("")

    def schema(self, extra):
        with open(os.path.join(self.tmp, "schema.yaml"), "w") as f:
            f.write(SCHEMA + extra)

    def lint(self, text, args=()):
        path = os.path.join(self.tmp, "a.md")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        code, out, err = self.medlint.run(["--format", "json"] + list(args)
                                          + ["a.md"], cwd=self.tmp)
        if code not in (0, 1):
            print(err)
            return None
        return [x for x in json.loads(out)["findings"]
                if x["rule"] == "wording"]

    def read(self):
        with open(os.path.join(self.tmp, "a.md"), encoding="utf-8") as f:
            return f.read()


def article(paragraphs):
    lines, at = ["# Wording", ""], {}
    for key, text in paragraphs:
        at[len(lines) + 1] = key
        lines += [text, ""]
    return "\n".join(lines), at


def main():
    medlint = Medlint(sys.argv[1], today="2026-06-01")
    rows, ids = cases(), default_ids()
    check("every default entry has a case", {r[0] for r in rows} == set(ids),
          sorted(set(ids) ^ {r[0] for r in rows}))
    with tempfile.TemporaryDirectory(prefix="medlint-wording-") as tmp:
        run = Run(medlint, tmp)
        text, at = article([(r[0], r[1]) for r in rows])
        found = run.lint(text) or []
        by_line = {}
        for x in found:
            m = ENTRY.search(x["message"])
            by_line.setdefault(x["line"], []).append(m.group(1) if m else "?")
        for line, key in sorted(at.items()):
            check("fails: %s" % key, by_line.get(line) == [key],
                  by_line.get(line))
        text, at = article([(r[0], r[2]) for r in rows])
        found = run.lint(text) or []
        for line, key in sorted(at.items()):
            got = [x["message"] for x in found if x["line"] == line]
            check("passes: %s" % key, not got, got)
        scope(run, rows)
        switches(run)
        fix(run)
    finish("wording")


def scope(run, rows):
    """Each failing sentence where wording never looks."""
    fails = [r[1] for r in rows]
    body = ["---", "title: %s" % json.dumps(fails[0]),
            "summary: %s" % json.dumps(" ".join(fails[1:4])), "---",
            "# Scope", ""]
    for s in fails:
        body += ["`%s`" % s, "", "[link](https://example.org/%s)" %
                 s.replace(" ", "-").lower(), "", "> %s" % s, "",
                 "\"%s\"" % s.rstrip("."), ""]
    body += ["```", "\n".join(fails), "```", "", "<p>%s</p>" % fails[0], "",
             "## References", ""]
    for i, s in enumerate(fails, 1):
        body.append("%d. Roe, J. (2020). \"%s\" *Journal*, *1*(2), 3-4."
                    % (i, s.rstrip(".")))
    found = run.lint("\n".join(body) + "\n")
    check("no finding in code, links, front matter, quotes, block quotes, "
          "HTML or reference titles", found == [],
          [(x["line"], x["message"][:60]) for x in found or []][:5])


def switches(run):
    text = "# T\n\nThis tea cures migraines. Diabetics should eat well.\n"
    run.schema("wording:\n  off: [cure]\n")
    got = [ENTRY.search(x["message"]).group(1) for x in run.lint(text)]
    check("off: [cure] turns that entry off only", got == ["diabetics"], got)
    run.schema("wording:\n  defaults: false\n  avoid:\n"
               "    - match: [migraine]\n      message: say headache\n"
               "      level: error\n")
    found = run.lint(text)
    check("defaults: false keeps the schema's own entries only",
          [x["severity"] for x in found] == ["error"], found)
    run.schema("")


def fix(run):
    text = ("# T\n\nDiabetics and diabetic patients. The elderly fall.\n\n"
            "She suffers from gout and *diabetics* cope. Our *diabetic* "
            "patients, diabetic\npatients.\n")
    run.lint(text, ["--fix"])
    want = ("# T\n\nPeople with diabetes and patients with diabetes. "
            "Older adults fall.\n\nShe suffers from gout and *people with "
            "diabetes* cope. Our *diabetic* patients, diabetic\npatients.\n")
    check("--fix replaces exact unmarked matches, nothing else",
          run.read() == want, repr(run.read()))


if __name__ == "__main__":
    main()
