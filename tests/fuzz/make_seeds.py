#!/usr/bin/env python3
"""make_seeds.py: (re)write the seed corpora of the fuzz targets from the
project's own fixtures, so every seed comes from writing the tests already
hold: the sample content/, the golden cases, the adopter repository, the
real reference corpus (tests/citations/real, from public repositories),
configs and schemas, the fake registry's answers (tests/verify), plus
hostile shapes the hardening tests name (YAML
bombs, deep nesting, bracket runs, tables, forged cache lines).

Run from anywhere: python3 tests/fuzz/make_seeds.py. The article (corpus/)
and language server (lsp-corpus/) seeds are kept by hand and not touched.
"""
import glob
import hashlib
import os
import re
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def read(p):
    with open(p, "rb") as f:
        return f.read()


def split(text):
    """(front matter YAML, body) of an article's bytes."""
    m = re.match(rb"\A(?:\xef\xbb\xbf)?---\r?\n(.*?\n)---\r?\n(.*)\Z",
                 text, re.S)
    return (m.group(1), m.group(2)) if m else (b"", text)


def articles():
    pats = ["content/*.md", "tests/golden/cases/*.md",
            "tests/schema/adopter/docs/health/*.md",
            "tests/golden/recipe/*.md"]
    out = []
    for p in pats:
        out += sorted(glob.glob(os.path.join(ROOT, p)))
    return out


def write(corpus, seeds):
    d = os.path.join(HERE, corpus)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    seen = set()
    for name, data in seeds:
        h = hashlib.sha1(data).hexdigest()[:10]
        if h in seen:
            continue
        seen.add(h)
        with open(os.path.join(d, "%s-%s" % (name, h)), "wb") as f:
            f.write(data)
    print("%-20s %3d seeds" % (corpus, len(seen)))


def base(p):
    return os.path.splitext(os.path.basename(p))[0]


def main():
    arts = articles()
    fm = [(base(p), read(p)) for p in arts[:40]]
    fm += [
        ("bomb", b"---\na: &a [x, x, x, x, x, x, x, x, x]\n"
                 b"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                 b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                 b"d: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n---\n"),
        ("deep", b"---\nx: " + b"[" * 300 + b"]" * 300 + b"\n---\n"),
        ("dupkey", b"---\ntitle: a\ntitle: b\n---\n"),
        ("schema", b'type: object\nrequired: [a]\nproperties:\n'
                   b'  a: {type: string, pattern: "^(a+)+$", minLength: 2}\n'
                   b'  b: {$ref: "#/$defs/b"}\n$defs:\n'
                   b'  b: {anyOf: [{type: integer}, {$ref: "#"}]}\n'),
        ("suite", b'- schema: {type: array, items: {type: integer}, '
                  b'uniqueItems: true}\n  tests:\n'
                  b'    - {data: [1, 2], valid: true}\n'
                  b'    - {data: [1, 1], valid: false}\n'),
    ]
    write("frontmatter-corpus", fm)

    schemas = [(base(p), read(p)) for p in
               [os.path.join(ROOT, "schemas/article.schema.yaml")] +
               sorted(glob.glob(os.path.join(ROOT, "tests/**/*.schema.yaml"),
                                recursive=True))]
    write("schema-corpus", schemas)

    bodies = [(base(p), split(read(p))[1]) for p in arts[:60]]
    bodies += [
        ("table", b"|a|b|\n|-|-|\n" * 200),
        ("brackets", b"![[]()" * 300),
        ("quotes", b">" * 120 + b" deep\n"),
        ("setext", b"Title\n=====\n\ntext\n\nSub\n---\n- a\n  - b\n"),
        ("html", b"<!-- medlint-disable citation-case -->\n"
                 b"<div id=\"x\">\n\n# H\n\n</div>\n"),
    ]
    write("document-corpus", bodies)

    refs = []
    rows = []
    with open(os.path.join(ROOT, "tests/citations/real/entries.tsv"),
              "rb") as f:
        for line in f:
            if line.startswith(b"#"):
                continue
            parts = line.rstrip(b"\n").split(b"\t")
            if len(parts) >= 4:
                rows.append(parts[3])
    for i in range(0, len(rows), 24):
        group = rows[i:i + 24]
        refs.append(("real", b"\n".join(group) + b"\n"))
    for p in sorted(glob.glob(os.path.join(ROOT,
                                           "tests/golden/cases/ct-*.md"))):
        body = split(read(p))[1]
        items = re.findall(rb"^\d+\. (.*)$", body, re.M)
        if items:
            refs.append((base(p), b"\n".join(items) + b"\nSee [1], [2-3].\n"))
    write("references-corpus", refs)

    anchors = [
        ("page", b'<!doctype html><html><head><title>t</title>'
                 b'<style>#no{}</style><script>var id="no"</script></head>'
                 b'<body><h2 id="calf-raises">Calf raises</h2>'
                 b'<a name="refs"></a><p id=\'s&amp;t\'>x</p>'
                 b'<!-- <p id="hidden"> --><div ID=upper data-id="no">'
                 b'</div></body></html>\n'),
        ("entities", b'<p id="caf&eacute;">1</p><p id="&#x41;&#66;">2</p>'
                     b'<p id="a&b">3</p>\n'),
        ("broken", b'<p id="unterminated>x</p><a name=\nrefs>'
                   b'<script>never closed\n'),
    ]
    # First line: a fragment to look up (the target's convention).
    anchors += [(base(p), base(p).encode() + b"\n" + split(read(p))[1])
                for p in arts[:20]]
    write("anchors-corpus", anchors)

    configs = [(os.path.basename(os.path.dirname(p)), read(p)) for p in
               sorted(glob.glob(os.path.join(ROOT, "tests/**/.medlint.yaml"),
                                recursive=True))]
    configs += [
        ("links", b"include: ['content/**/*.md']\nexclude: ['**/draft-*']\n"
                  b"links:\n  timeout: 5\n  retries: 2\n  accept: [403]\n"
                  b"  exclude: ['^https://example\\\\.org/', '(a+)+$']\n"
                  b"  cache: .medlint-cache\n"),
        ("rules", b"rules:\n  citation-case:\n    severity: warning\n"
                  b"    proper_nouns: [Achilles, MRI]\n"
                  b"  review-stale: {max_age_days: 400}\n"
                  b"  link-broken: off\n"),
        ("verify", b"verify:\n  mailto: team@example.org\n"
                   b"  api_key_env: NCBI_API_KEY\n"
                   b"  title_similarity: 0.9\n"),
    ]
    write("config-corpus", configs)

    caches = [
        ("ok", b"https://example.org/a\t200\t1779990000\n"
               b"https://example.org/b#top\t301\t1779990000\n"
               b"http://127.0.0.1:8080/x\t200\t1779990000\tprivate\n"),
        ("old", b"https://example.org/old\t200\t1000\n"),
        ("escaped", b"https://example.org/a%09b\t200\t1779990000\n"
                    b"https://example.org/%0Ainjected\t404\t1779990000\n"),
        ("bad", b"no tabs here\n\t200\t5\nhttps://x\tabc\t1\n"
                b"https://y\t200\t-5\nhttps://z\t999\t1779990000\n"),
    ]
    write("linkcache-corpus", caches)

    # The fake registry's answers (tests/verify), as Crossref and NCBI
    # shape them, and broken ones.
    import json
    import sys
    sys.path.insert(0, os.path.join(ROOT, "tests", "verify"))
    import test_verify as tv
    reg = []
    for doi, msg in sorted(tv.FIXTURE["works"].items()):
        reg.append(("crossref", json.dumps(
            {"status": "ok", "message-type": "work",
             "message-version": "1.0.0", "message": msg}).encode()))
    for doi, ag in sorted(tv.FIXTURE["agency"].items()) + [
            ("10.5555/ok.1", {"id": "crossref", "label": "Crossref"})]:
        reg.append(("agency", json.dumps(
            {"status": "ok", "message-type": "work-agency",
             "message": {"DOI": doi, "agency": ag}}).encode()))
    for db in ("pubmed", "pmc"):
        table = tv.FIXTURE[db]
        result = {"uids": sorted(table)}
        for uid, doc in sorted(table.items()):
            result[uid] = dict(doc, uid=uid)
        result["99999998"] = {"uid": "99999998",
                              "error": "cannot get document summary"}
        reg.append(("esummary-" + db, json.dumps(
            {"header": {"type": "esummary", "version": "0.3"},
             "result": result}).encode()))
    reg += [
        ("broken", b'{"status": "ok", "message": {"title": [1, {}], '
                   b'"author": "x", "issued": {"date-parts": [["a"]]}}'),
        ("error", b'{"status": "failed", "message-type": "validation-failure",'
                  b' "message": [{"type": "x", "message": "bad"}]}'),
        ("deep", b"[" * 5000 + b"]" * 5000),
        ("text", b"Resource not found."),
    ]
    write("registry-corpus", reg)
    write("report-corpus", report_seeds(arts))
    fmformats()


def fmformats():
    """TOML and JSON front matter: the golden cases' twins of the YAML
    ones, and shapes the readers must bound."""
    seeds = [(base(p), read(p)) for p in sorted(glob.glob(os.path.join(
        ROOT, "tests/golden/cases/*-toml-*.md")) + sorted(glob.glob(
            os.path.join(ROOT, "tests/golden/cases/*-json-*.md"))))]
    seeds += [
        ("toml-deep", b"+++\nx = " + b"[" * 300 + b"]" * 300 + b"\n+++\n"),
        ("toml-inline-deep", b"+++\nx = " + b"{a = " * 150 + b"1" +
         b"}" * 150 + b"\n+++\n"),
        ("toml-kinds", b"+++\na = 1979-05-27T07:32:00-08:00\nb = 07:32:00\n"
         b"c = 1979-05-27 07:32:00.999\nd = inf\ne = nan\nf = 0b101\n"
         b"g = '''\nmulti\n'''\nh.i.j = 'x'\n[[k]]\n[[k]]\n"
         b"l = [[1], ['a']]\n+++\n# body\n"),
        ("toml-redefine", b"+++\n[a]\nb = 1\n[a]\nc = 2\n+++\n"),
        ("toml-utf8", b"\xef\xbb\xbf+++\r\n\"\xc3\xa9\" = \"\xe2\x80\x94\"\r\n"
         b"+++\r\n"),
        ("json-deep", b"{\"x\": " + b"[" * 300 + b"]" * 300 + b"}\n"),
        ("json-kinds", b'{"a": -0.0e+1, "b": 123456789012345678, "c": '
         b'"\\ud83d\\ude00", "d": [true, false, null, {}], "e": "}"}\nbody'),
        ("json-dup", b'{"a": 1, "a": 2}\n'),
        ("json-big", b'{"a": 1e400, "b": 99999999999999999999999}\n'),
        ("json-nul", b'{"a": "\\u0000"}\n'),
        ("json-unclosed", b'{"a": "}'),
    ]
    write("fmformats-corpus", seeds)
    mdx()


def mdx():
    """MDX bodies: the golden MDX posts, and shapes the blanking must
    bound (unclosed tags, strings and braces; code around JSX)."""
    seeds = [(base(p), read(p)) for p in sorted(glob.glob(os.path.join(
        ROOT, "tests/golden/cases/*.mdx")))]
    seeds += [
        ("unclosed", b"<A b=\"c\n\n{d\n<E {...f\n`g\n"),
        ("nested", b"<A x={<B y={{a: [1, {b: `${c}`}]}} />}>\n\n"
                   b"    text\n</A>\n"),
        ("code", b"```mdx\n<A />\n```\n~~~~\n{x}\n~~~\n`<B/>` <C/>\n"),
        ("lists", b"- <I /> a\n  1. <J/> b\n> <K/> c\n>> {d} e\n"),
        ("esm", b"import {\n  a,\n} from 'b'\nexport default function X() "
                b"{ return <div /> }\n\n# T\n"),
        ("directive", b"{/* medlint-disable link-file */}\n[a](b.md)\n"
                      b"{/*medlint-enable*/}\n"),
        ("runs", b"<a b=\"{" * 500),
        # found by mutating the seeds: a directive without a blank after
        # its opening had its text moved (now such a comment is blanked)
        ("directive-shift", b'{:* med}Xa--"li)>\'`nt-disa+:[ l`nk-file\t`[0+= (/}xa<[0}\n[a)(b.m\\ ,)\'\t !)\n{/*medlint-e\\xnable{-\'(\t*/}!'),
    ]
    write("mdx-corpus", seeds)


# File names that would drive a terminal, forge a workflow command, turn
# text around or open an element, for the report writers' target: its
# input is "NAME\nARTICLE".
HOSTILE_NAMES = [
    b"plain.md", b"esc\x1b[2J\x1b]8;;http://x\x07.md",
    b"rlo\xe2\x80\xaegpj.md", b"sep\xe2\x80\xa8line\xe2\x80\xa9.md",
    b"c1\xc2\x9b31m\x7f.md", b"cr\rlf::error file=x::forged.md",
    b"<script>alert(1)<\\script>.md", b"a:b,c%0A.md",
    b"bad\xff\xfe utf8.md", b"[x](javascript:alert(1)) | *e* `c`.md",
    b"zw\xe2\x80\x8b\xef\xbb\xbfbom.md",
]

# Bodies that put the same characters into messages, snippets and lines.
HOSTILE_TEXT = (
    b"---\ntitle: \"\x1b[31mred\xe2\x80\xae\xe2\x80\xa8\"\n"
    b"type: \"<img src=x onerror=alert(1)>\xc2\x85\x7f\"\n---\n\n"
    b"# Heading \xe2\x81\xa6iso\xe2\x81\xa9\n\n"
    b"See [x](#missing-\xe2\x80\xae) and [y](./gone\x1b.md).\n\n"
    b"Tab\there <b>bold</b> \xe2\x80\xa9 \xf0\x9f\x98\x80 " + b"w" * 900 +
    b" [z](#nowhere)\n")


def report_seeds(arts):
    seeds = []
    for i, name in enumerate(HOSTILE_NAMES):
        seeds.append(("name-%d" % i, name + b"\n" + HOSTILE_TEXT))
    for p in arts[:24]:
        text = read(p)
        seeds.append((base(p), os.path.basename(p).encode() + b"\n" + text))
        seeds.append((base(p) + "-hostile",
                      HOSTILE_NAMES[len(seeds) % len(HOSTILE_NAMES)] +
                      b"\n" + text.replace(b"\n\n", b"\n\n\x1b[2J\xe2"
                                            b"\x80\xae\xc2\x9b\t\n\n", 2)))
    return seeds


if __name__ == "__main__":
    main()
