#!/usr/bin/env python3
"""tests/cli/test_types_languages.py: content types and languages (issue 26,
acceptance shape 2).

One site in a temporary git repository: three content types (guide, post,
clinical), each with its own schema and sections, and three languages (en,
ru, hi), each with its own headings and must_contain phrases, told by a
path segment (content/ru/...) or the front-matter key `lang`. A clean
article of every type in every language gives nothing: among them a
Russian heading in capitals with a decomposed Й, and a Hindi heading with
a precomposed nukta letter where the schema has the decomposed one (NFC).
One seeded fault of each family gives exactly its finding and nothing
else: type-unknown, language-unknown, section-missing, section-content,
frontmatter-schema worded by the schema's errorMessage, reviewer-credential
(a byline-form reviewer without a credential), related-term-missing (a
scalar related key), citation-undefined.

The command line runs from the root and from a subfolder; the language
server (JSON-RPC over pipes, tests/lsp/lspclient.py) gets every article
opened. All give the same findings (rule, severity, positions, message).
Then the typed roles and the type schema paths: a role mapped to a key
whose type cannot hold it, and a type schema outside the repository, are
exit 2 with their file:line:col.

usage: test_types_languages.py MEDLINT_BINARY SOURCE_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, os.path.join(HERE, "..", "lsp"))
from harness import Medlint, check, fail, finish  # noqa: E402
from lspclient import published  # noqa: E402

BINARY = os.path.abspath(sys.argv[1])
TODAY = "2026-06-01"

CONFIG = """\
types:
  key: type
  schemas:
    guide: schemas/guide.yaml
    post: schemas/post.yaml
    clinical: schemas/clinical.yaml
  default: post
language:
  key: lang
  path_segment: true
  default: en
  languages: [en, ru, hi]
rules:
  readability: off
  claim-uncited: off
  wording: off
  review-stale: off
  review-future: off
  citation-age: off
  slug-filename: off
  reviewer-byline-missing: off
  reviewer-mismatch: off
"""

REFS = "  - id: refs\n    heading: {en: References, ru: Источники, hi: संदर्भ}\n" \
       "    required: false\n    citations: apa7\n"
COMMON = "credentials: [MD, DO, PhD, RN]\n"

GUIDE = """\
frontmatter:
  type: object
  required: [title, type]
  properties:
    title: {type: string}
    type: {type: string}
    lang: {type: string}
    reviewers: {type: array, items: {type: string}}
    related_terms: {type: array}
    country:
      type: string
      pattern: "^[A-Z]{2}$"
      errorMessage: "country must be a two-letter code such as US"
sections:
  - id: treatment
    heading: {en: Treatment, ru: Лечение, hi: उपचार}
    must_contain:
      en: [see a doctor]
      ru: [обратитесь к врачу]
      hi: [डॉक्टर से मिलें]
  - id: prevention
    heading: {en: Prevention, ru: Профилактика, hi: रोकथाम}
""" + REFS + COMMON

# The Hindi heading in NFC: ढ + nukta (U+095D is a composition exclusion)
POST = """\
frontmatter:
  type: object
  required: [title]
  properties:
    title: {type: string}
    type: {type: string}
    lang: {type: string}
    reviewers: {type: array}
    related_terms: {type: array}
sections:
  - id: summary
    heading: {en: Summary, ru: Краткий обзор, hi: "पढ\u093cें"}
""" + REFS + COMMON

CLINICAL = """\
frontmatter:
  type: object
  required: [title, type]
  properties:
    title: {type: string}
    type: {type: string}
    lang: {type: string}
    reviewer: {type: string}
    supersedes: {type: string}
fields:
  reviewers: reviewer
  related: supersedes
sections:
  - id: indications
    heading: {en: Indications, ru: Показания, hi: संकेत}
  - id: dosage
    heading: {en: Dosage, ru: Дозировка, hi: खुराक}
""" + REFS + COMMON

HEADINGS = {
    "guide": {"en": ["Treatment", "Prevention"],
              "ru": ["Лечение", "Профилактика"],
              "hi": ["उपचार", "रोकथाम"]},
    "post": {"en": ["Summary"],
             # capitals, and Й as И + combining breve
             "ru": ["КРАТКИ\u0418\u0306 ОБЗОР"],
             # the precomposed nukta letter U+095D
             "hi": ["प\u095dें"]},
    "clinical": {"en": ["Indications", "Dosage"],
                 "ru": ["Показания", "Дозировка"],
                 "hi": ["संकेत", "खुराक"]},
}
# the guide's phrase, in another case than the schema's
PHRASE = {"en": "Please SEE A DOCTOR soon.",
          "ru": "Пожалуйста, ОБРАТИТЕСЬ К ВРАЧУ.",
          "hi": "कृपया डॉक्टर से मिलें।"}
REVIEWER = "reviewer: \"Jane Roe, MD\"\n"


def article(title, typ, lang, headings, fm_extra="", body_extra=""):
    fm = "title: %s\n" % title
    if typ:
        fm += "type: %s\n" % typ
    fm += fm_extra
    body = "# %s\n\n" % title
    for i, h in enumerate(headings):
        body += "## %s\n\n" % h
        if typ == "guide" and i == 0:
            body += PHRASE[lang] + "\n\n"
        else:
            body += "Text.\n\n"
    return "---\n" + fm + "---\n" + body + body_extra


def write(d, rel, text):
    p = os.path.join(d, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "w", encoding="utf-8") as f:
        f.write(text)


def make_site(tmp):
    d = os.path.join(tmp, "site")
    os.makedirs(d)
    subprocess.run(["git", "init", "-q", d], check=True)
    write(d, ".medlint.yaml", CONFIG)
    write(d, "schemas/guide.yaml", GUIDE)
    write(d, "schemas/post.yaml", POST)
    write(d, "schemas/clinical.yaml", CLINICAL)
    # clean: every type in every language
    for typ, by in HEADINGS.items():
        for lang, hs in by.items():
            extra = REVIEWER if typ == "clinical" else ""
            # a post without `type` is one by types: default
            write(d, "content/%s/%s-ok.md" % (lang, typ),
                  article("Ok", None if typ == "post" else typ, lang, hs,
                          extra))
    # the language from the front matter, outside a language folder
    write(d, "content/misc/ru-by-key.md",
          article("Key", "guide", "ru", HEADINGS["guide"]["ru"],
                  "lang: ru\n"))
    # ---- one fault each ----
    faults = {}
    write(d, "content/en/recipe.md",
          article("Recipe", "recipe", "en", ["Anything"]))
    faults["content/en/recipe.md"] = "type-unknown"
    write(d, "content/en/german.md",
          article("German", "post", "en", HEADINGS["post"]["en"],
                  "lang: de\n"))
    faults["content/en/german.md"] = "language-unknown"
    write(d, "content/ru/guide-missing.md",
          article("Missing", "guide", "ru", HEADINGS["guide"]["ru"][:1]))
    faults["content/ru/guide-missing.md"] = "section-missing"
    text = article("Phrase", "guide", "hi", HEADINGS["guide"]["hi"])
    write(d, "content/hi/guide-phrase.md",
          text.replace(PHRASE["hi"], "कुछ और।"))
    faults["content/hi/guide-phrase.md"] = "section-content"
    write(d, "content/en/guide-country.md",
          article("Country", "guide", "en", HEADINGS["guide"]["en"],
                  "country: usa\n"))
    faults["content/en/guide-country.md"] = "frontmatter-schema"
    write(d, "content/ru/clinical-austin.md",
          article("Austin", "clinical", "ru", HEADINGS["clinical"]["ru"],
                  "reviewer: Austin\n"))
    faults["content/ru/clinical-austin.md"] = "reviewer-credential"
    write(d, "content/hi/clinical-supersedes.md",
          article("Supersedes", "clinical", "hi",
                  HEADINGS["clinical"]["hi"],
                  REVIEWER + "supersedes: no-such-article\n"))
    faults["content/hi/clinical-supersedes.md"] = "related-term-missing"
    write(d, "content/en/post-cite.md",
          article("Cite", "post", "en", HEADINGS["post"]["en"],
                  body_extra="Calf pain [1] and more [2].\n\n"
                  "## References\n\n1. Sareen, A. (2012). *Gastrocnemius*. "
                  "Physiopedia. https://www.physio-pedia.com/Gastrocnemius\n"))
    faults["content/en/post-cite.md"] = "citation-undefined"
    return d, faults


def cli(d, cwd):
    report = Medlint(BINARY, today=TODAY).report(
        ["--format", "json", "."], cwd=cwd)
    out = []
    for f in report["findings"]:
        rel = os.path.relpath(os.path.join(cwd, f["file"]), d)
        out.append((rel, f["rule"], f["severity"], f["line"] - 1,
                    f["column"] - 1, f["end_line"] - 1, f["end_column"] - 1,
                    f["message"]))
    return sorted(out)


def lsp(d, paths):
    out, shown, status, err = published(BINARY, ["--today", TODAY], paths,
                                        d)
    check("LSP: no config or schema error shown", not shown, shown)
    check("LSP: exits 0", status == 0, err)
    return out


def same(a, b):
    """Equal but for a zero-width JSON end, which the editor runs to the
    end of its line."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x[:5] != y[:5] or x[7] != y[7]:
            return False
        if x[5:7] != y[5:7] and x[5:7] != x[3:5]:
            return False
    return True


def exit2(d, what, config_extra, schema_edit, where):
    """A config or schema fault: exit 2 with its location."""
    with open(os.path.join(d, ".medlint.yaml"), encoding="utf-8") as f:
        saved = f.read()
    with open(os.path.join(d, "schemas/clinical.yaml"),
              encoding="utf-8") as f:
        saved_schema = f.read()
    try:
        write(d, ".medlint.yaml", saved + config_extra)
        if schema_edit:
            write(d, "schemas/clinical.yaml",
                  saved_schema.replace(*schema_edit))
        code, _, err = Medlint(BINARY, today=TODAY).run(["."], cwd=d)
        check("%s: exit 2 at %s" % (what, where),
              code == 2 and where in err, (code, err))
        return err
    finally:
        write(d, ".medlint.yaml", saved)
        write(d, "schemas/clinical.yaml", saved_schema)


def main():
    tmp = tempfile.mkdtemp(prefix="medlint-types-")
    try:
        d, faults = make_site(tmp)
        root = cli(d, d)
        got = sorted((f[0], f[1]) for f in root)
        check("root: each seeded fault found, nothing else",
              got == sorted(faults.items()),
              "\n  got:  %r\n  want: %r" % (got, sorted(faults.items())))
        msg = {f[1]: f[7] for f in root}
        check("type-unknown lists the known types",
              "known types: guide, post, clinical" in
              msg.get("type-unknown", ""), msg)
        check("language-unknown names the languages",
              "languages: en, ru, hi" in msg.get("language-unknown", ""),
              msg)
        check("section-missing names the Russian heading",
              "Профилактика" in msg.get("section-missing", ""), msg)
        check("section-content names the Hindi phrase",
              "डॉक्टर से मिलें" in msg.get("section-content", ""), msg)
        check("frontmatter-schema says the schema's errorMessage",
              msg.get("frontmatter-schema") ==
              "/country: country must be a two-letter code such as US", msg)
        report = Medlint(BINARY, today=TODAY).report(
            ["--format", "json", "content/en/guide-country.md"], cwd=d)
        props = report["findings"][0].get("properties", {})
        check("JSON keeps the keyword and its own message",
              props.get("keyword") == "pattern" and
              "does not match pattern" in props.get("keywordMessage", ""),
              props)
        sub = cli(d, os.path.join(d, "content", "ru"))
        check("from content/ru: the same findings as the root's there",
              sub == [f for f in root if f[0].startswith("content/ru/")],
              (sub, root))
        paths = []
        for base, _, files in os.walk(os.path.join(d, "content")):
            paths += [os.path.join(base, n) for n in files]
        server = lsp(d, sorted(paths))
        check("CLI and language server: the same findings",
              same(root, server),
              "\n  cli: %r\n  lsp: %r" % (sorted(set(root) - set(server)),
                                          sorted(set(server) - set(root))))
        # --print-config FILE: the type and language that file gets
        m = Medlint(BINARY, today=TODAY)
        code, out, err = m.run(["--print-config",
                                "content/ru/guide-missing.md"], cwd=d)
        check("--print-config FILE: the type from its front matter",
              code == 0 and 'type: guide  # front matter "type", line' in out
              and "schemas/guide.yaml" in out and "language: ru\n" in out,
              (code, out, err))
        code, out, err = m.run(["--print-config", "content/hi/post-ok.md"],
                               cwd=d)
        check("--print-config FILE: types.default for an article without "
              "the key", code == 0 and "type: post  # no \"type\"" in out
              and "types.default" in out and "language: hi\n" in out,
              (code, out, err))
        code, out, err = m.run(["--print-config", "content/en/recipe.md"],
                               cwd=d)
        check("--print-config FILE: a type naming no schema",
              "type: recipe  # names no schema" in out, (code, out, err))
        # typed roles: supersedes as an integer cannot hold a slug
        exit2(d, "a role mapped to an integer key", "",
              ("supersedes: {type: string}", "supersedes: {type: integer}"),
              "clinical.yaml:9:")
        # a type schema outside the repository
        outside = os.path.join(tmp, "outside.yaml")
        write(tmp, "outside.yaml", POST)
        with open(os.path.join(d, ".medlint.yaml"), encoding="utf-8") as f:
            saved = f.read()
        write(d, ".medlint.yaml",
              saved.replace("schemas/post.yaml", "../outside.yaml"))
        code, _, err = Medlint(BINARY, today=TODAY).run(["."], cwd=d)
        write(d, ".medlint.yaml", saved)
        check("a type schema outside the repository: exit 2 at its line",
              code == 2 and ".medlint.yaml:5:11:" in err and
              "inside the repository" in err, (code, err))
        check("the outside schema exists (the refusal is the path's)",
              os.path.exists(outside))
        # a per-language heading without one of the languages
        with open(os.path.join(d, "schemas/guide.yaml"),
                  encoding="utf-8") as f:
            g = f.read()
        write(d, "schemas/guide.yaml",
              g.replace(", hi: रोकथाम}", "}"))
        code, _, err = Medlint(BINARY, today=TODAY).run(["."], cwd=d)
        write(d, "schemas/guide.yaml", g)
        check("a heading without a configured language: exit 2 at it",
              code == 2 and "guide.yaml:22:14:" in err and
              '"hi"' in err, (code, err))
    finally:
        shutil.rmtree(tmp)
    finish("types_languages")


if __name__ == "__main__":
    main()
