#!/usr/bin/env python3
"""Issue 11: medlint checks what the schema says or refuses to start.

Empty runs (a folder, glob or include matching no article: exit 2; named
files all excluded: exit 0 with a note), include/exclude on named paths,
quoted globs, every schema regex compiled at load, roles naming undeclared
keys, the embedded default schema (a binary copied alone), --init,
--print-schema, --print-config.
usage: test_load.py MEDLINT_BINARY SOURCE_DIR"""
import json
import os
import re
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import Medlint, check, finish  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
ADOPTER = os.path.join(SRC, "tests", "schema", "adopter")
medlint = Medlint(BIN, today="2026-06-01")


def write(path, text):
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def one_line(err):
    return len(err.strip().splitlines()) == 1


def empty_runs(tmp):
    d = os.path.join(tmp, "empty")
    os.makedirs(os.path.join(d, "sub"))
    code, out, err = medlint.run([], cwd=d)
    check("empty folder, no path: exit 2", code == 2, (code, out, err))
    check("empty folder: one line naming it", one_line(err) and
          "no article" in err and d in err, err)
    code, out, err = medlint.run(["sub"], cwd=d)
    check("named empty folder: exit 2", code == 2 and one_line(err) and
          "sub" in err, (code, err))
    code, out, err = medlint.run(["docs/empty"], cwd=ADOPTER)
    check("folder matching no include: exit 2", code == 2 and
          one_line(err) and "docs/health/**/*.md" in err, (code, err))
    code, out, err = medlint.run(["docs/**/nothing-*.md"], cwd=ADOPTER)
    check("glob matching nothing: exit 2", code == 2 and one_line(err) and
          "matches no article" in err, (code, err))
    # a config whose include matches nothing
    cfg = os.path.join(tmp, "inc")
    write(os.path.join(cfg, ".medlint.yaml"), 'include: ["articles/**/*.md"]\n')
    write(os.path.join(cfg, "content", "a.md"), "# not under articles/\n")
    code, out, err = medlint.run([], cwd=cfg)
    check("include matching nothing: exit 2", code == 2 and one_line(err)
          and "articles/**/*.md" in err and "matches no article" in err,
          (code, err))


def selection():
    # a named file the config excludes: skipped with a note, exit 0
    code, out, err = medlint.run(["docs/health/drafts/unfinished.md"],
                                 cwd=ADOPTER)
    check("named excluded file: exit 0", code == 0, (code, out, err))
    check("named excluded file: note on stderr",
          "note: docs/health/drafts/unfinished.md skipped" in err and
          "nothing to lint" in err, err)
    check("named excluded file: not linted", "0 files checked" in out, out)
    # a named file outside include (README.md) is skipped too, the rest linted
    code, out, err = medlint.run(["README.md", "docs/health/heel-spur.md",
                                  "docs/health/drafts/unfinished.md"],
                                 cwd=ADOPTER)
    check("mixed names: excluded ones skipped, others linted",
          code == 0 and "1 file checked" in out and
          "README.md skipped" in err, (code, out, err))
    # a quoted glob is expanded by medlint, ** spanning folders; the
    # config's exclude still applies to what it matches
    rep = medlint.report(["--format", "json", "docs/**/*.md"], cwd=ADOPTER)
    check("quoted ** glob expanded (drafts excluded)", rep["files"] == 2,
          rep["files"])
    rep = medlint.report(["--format", "json", "docs/health/h*.md"],
                         cwd=ADOPTER)
    check("quoted * glob expanded", rep["files"] == 1, rep["files"])
    # walking a folder applies include/exclude
    rep = medlint.report(["--format", "json", "docs"], cwd=ADOPTER)
    check("walked folder: include/exclude applied", rep["files"] == 2,
          rep["files"])


def schema_error(tmp, name, text, want, args=()):
    """A schema that must stop the run: exit 2, one line, file:line:col."""
    d = os.path.join(tmp, "s-" + name)
    write(os.path.join(d, "schema.yaml"), text)
    write(os.path.join(d, "a.md"), "---\ntitle: x\n---\n# x\n")
    code, out, err = medlint.run(["-s", "schema.yaml"] + list(args) +
                                 ["a.md"], cwd=d)
    m = re.match(r"medlint: schema\.yaml:(\d+):(\d+): ", err)
    check(name + ": exit 2, one line", code == 2 and one_line(err),
          (code, out, err))
    check(name + ": file:line:col " + str(want[0]),
          m is not None and (int(m.group(1)), int(m.group(2))) == want[0],
          err)
    for w in want[1:]:
        check(name + ": says " + w, w in err, err)
    return d


MINIMAL = """frontmatter:
  type: object
  properties:
    title: {type: string}
    slug: {type: string}
    reviewers: {type: array, items: {type: object, properties: {name: {}, credentials: {}}}}
    last_reviewed: {type: string}
    related_terms: {type: array}
sections:
  - id: refs
    heading: "References"
    citations: apa7
credentials: [MD]
"""


def schema_errors(tmp):
    schema_error(tmp, "bad byline regex",
                 MINIMAL + 'byline: "^Reviewed by (.+$"\n',
                 ((14, 27), "byline", "missing closing parenthesis"))
    schema_error(tmp, "bad heading regex",
                 MINIMAL.replace('"References"', '"(References"') +
                 'byline: "^By (.+)$"\n',
                 ((11, 14), "heading", "missing closing parenthesis"))
    schema_error(tmp, "bad frontmatter pattern",
                 MINIMAL.replace("title: {type: string}",
                                 'title: {type: string, pattern: "a(b"}') +
                 'byline: "^By (.+)$"\n',
                 ((4, 36), "pattern", "missing closing parenthesis"))
    # Found by fuzz_schema: the pattern was quoted raw, so a multi-line
    # pattern (or one holding ESC) broke the one-line error.
    schema_error(tmp, "bad multi-line pattern, quoted on one line",
                 MINIMAL.replace("title: {type: string}",
                                 'title: {type: string, pattern: "a(b\\n\\e[2K"}') +
                 'byline: "^By (.+)$"\n',
                 ((4, 36), "pattern", "a(b\\n\\x1B[2K"))
    # (The column counts the pattern's characters from the quote, not the
    # escapes' source bytes: 37, where the source's ')' would be 40.)
    schema_error(tmp, "bad multi-line byline, quoted on one line",
                 MINIMAL + 'byline: "^Reviewed by (.+$\\n\\e]52;c;x\\a"\n',
                 ((14, 37), "byline", "(.+$\\n\\x1B]52;c;x\\x07"))
    schema_error(tmp, "fails the schema format's JSON Schema",
                 MINIMAL.replace("    citations: apa7\n",
                                 '    citations: apa7\n    must_contain: [""]\n') +
                 'byline: "^By (.+)$"\n',
                 ((13, 20), "article-schema.schema.json", "minLength"))
    schema_error(tmp, "unknown schema key",
                 MINIMAL + 'byline: "^By (.+)$"\nbylines: x\n',
                 ((15, 1), 'unknown key "bylines"'))
    schema_error(tmp, "unknown role",
                 MINIMAL + 'byline: "^By (.+)$"\nfields:\n  reviewd: x\n',
                 ((16, 3), 'unknown role "reviewd"'))
    d = schema_error(tmp, "role naming an undeclared key",
                     MINIMAL + 'byline: "^By (.+)$"\nfields:\n'
                     '  reviewed: reviewed_on\n',
                     ((16, 13), "review-stale", 'role "reviewed"',
                      '"reviewed_on"', "review-stale: off"))
    # the config turns the rules of that role off: the run goes on
    write(os.path.join(d, ".medlint.yaml"),
          "rules:\n  review-stale: off\n  review-future: off\n")
    code, out, err = medlint.run(["-s", "schema.yaml", "a.md"], cwd=d)
    check("undeclared role, its rules off: runs", code in (0, 1) and
          "file checked" in out, (code, out, err))
    schema_error(tmp, "default role undeclared",
                 MINIMAL.replace("    slug: {type: string}\n", "") +
                 'byline: "^By (.+)$"\n',
                 ((4, 5), "slug-filename", 'role "slug"'))
    schema_error(tmp, "no byline", MINIMAL,
                 ((1, 1), "reviewer-byline-missing", '"byline"'))
    schema_error(tmp, "no reference list",
                 MINIMAL.replace("    citations: apa7\n", "") +
                 'byline: "^By (.+)$"\n',
                 ((1, 1), "citation-", "citations: apa7"))


def messages(tmp):
    """section-missing names the heading that nearly matches, quotes the
    schema's example instead of a pattern, and never shows an unexpanded
    {term} or a raw regex."""
    src = os.path.join(ADOPTER, "docs", "health", "heel-spur.md")
    with open(src, encoding="utf-8") as f:
        text = f.read()
    d = os.path.join(tmp, "msg")
    shutil.copytree(ADOPTER, d)
    write(os.path.join(d, "docs", "health", "heel-spur.md"),
          text.replace("## Treatment\n", "## Treatmnt\n"))
    rep = medlint.report(["-f", "json", "docs/health/heel-spur.md"], cwd=d)
    msgs = [x["message"] for x in rep["findings"]
            if x["rule"] == "section-missing"]
    check("near miss: one section-missing", len(msgs) == 1, msgs)
    check("near miss: the example, not the pattern",
          msgs and '"Treatment"' in msgs[0] and "(Treatment|" not in msgs[0],
          msgs)
    check("near miss: names the heading that looks like it",
          msgs and 'line 22, "Treatmnt", looks like it' in msgs[0], msgs)
    # an article with no title, term or H1: the message says the term is
    # unknown instead of printing "{term}"
    e = os.path.join(tmp, "noterm")
    write(os.path.join(e, "x.md"), "---\nslug: x\n---\n\nSome text.\n")
    rep = medlint.report(["-f", "json", "x.md"], cwd=e)
    msgs = [x["message"] for x in rep["findings"]
            if x["rule"] == "section-missing"]
    check("unknown term: section-missing still reported", len(msgs) >= 3,
          msgs)
    check("unknown term: never {term} in a message",
          all("{term}" not in m and "{title}" not in m for m in msgs), msgs)
    check("unknown term: the message says why",
          any("[term] Exercises" in m and "term is unknown" in m
              for m in msgs), msgs)


def config_schema(tmp):
    """.medlint.yaml is checked against schemas/medlint-config.schema.json
    (compiled into medlint) on load: a config the loader would take but the
    schema refuses is exit 2 with file:line:col, naming the schema."""
    d = os.path.join(tmp, "cfgschema")
    write(os.path.join(d, "content", "a.md"), "# a\n")
    for name, text, where, says in (
            ("empty schema path", 'schema: ""\n', (1, 9), "minLength"),
            ("empty include glob", 'include: ["content/*.md", ""]\n',
             (1, 27), "minLength"),
            ("empty link exclude", 'links:\n  exclude: [""]\n', (2, 13),
             "minLength")):
        write(os.path.join(d, ".medlint.yaml"), text)
        code, out, err = medlint.run(["content"], cwd=d)
        m = re.match(r"medlint: .*\.medlint\.yaml:(\d+):(\d+): ", err)
        check("config schema, %s: exit 2, one line" % name,
              code == 2 and one_line(err), (code, out, err))
        check("config schema, %s: line:col %s" % (name, where),
              m is not None and (int(m.group(1)), int(m.group(2))) == where,
              err)
        check("config schema, %s: names the schema and keyword" % name,
              "medlint-config.schema.json" in err and says in err, err)
    # the shipped file is the one applied, and it is valid JSON
    with open(os.path.join(SRC, "schemas", "medlint-config.schema.json"),
              encoding="utf-8") as f:
        shipped = json.load(f)
    check("shipped config schema: draft 2020-12, no unknown keys allowed",
          shipped.get("$schema", "").endswith("2020-12/schema") and
          shipped.get("additionalProperties") is False, shipped.keys())
    # every config this repository ships passes it
    for cfg in (SRC, ADOPTER):
        code, out, err = medlint.run(["--print-config"], cwd=cfg)
        check("shipped config %s passes its schema" % os.path.basename(cfg),
              code == 0, (code, err))


def adopter_faults(tmp):
    """The other shape (docs/health/, id / medical_reviewer / reviewed_on,
    its own sections and byline, configured in YAML only): one seeded fault
    per rule family, each in its own copy of a clean article, is found with
    the right rule; the clean articles stay clean."""
    d = os.path.join(tmp, "adopter-faults")
    shutil.copytree(ADOPTER, d)
    health = os.path.join(d, "docs", "health")
    with open(os.path.join(health, "heel-spur.md"), encoding="utf-8") as f:
        clean = f.read()
    rep = medlint.report(["-f", "json"], cwd=d)
    check("adopter: clean articles are clean",
          rep["files"] == 2 and rep["findings"] == [], rep)

    def variant(name, old, new, slug=None):
        assert old in clean, old
        text = clean.replace(old, new, 1)
        text = text.replace("id: heel-spur", "id: " + (slug or name), 1)
        write(os.path.join(health, name + ".md"), text)
        return os.path.join("docs", "health", name + ".md")

    cases = (
        ("section", variant("no-symptoms", "## Symptoms\n",
                            "## Signs to watch\n"), "section-missing"),
        ("reviewer mismatch",
         variant("mismatch", '["Dana Whitfield, MD"]',
                 '["Dora Whitfield, MD"]'), "reviewer-mismatch"),
        ("credential",
         variant("credential", "Dana Whitfield, MD\n",
                 "Dana Whitfield, MBA\n"),
         "reviewer-credential"),
        ("review stale",
         variant("stale", "reviewed_on: 2026-01-20",
                 "reviewed_on: 2019-03-01"), "review-stale"),
        ("slug", variant("wrong-name", "title: Heel Spur",
                         "title: Heel Spur", slug="heel-spur-2"),
         "slug-filename"),
        ("related term",
         variant("related", "see_also: [plantar-fasciitis]",
                 "see_also: [plantar-fascitis]"), "related-term-missing"),
        ("citation",
         variant("citation", "Jones, B. (2022). *Calcaneal spur*.",
                 "Jones, B. (2022) *Calcaneal spur*."), "citation-"),
        ("link", variant("link", "Many people with one feel no\npain at all.",
                         "Many people with one feel no\npain at all; see "
                         "[the foot guide](foot-guide.md)."), "link-file"),
    )
    # the credential variant changes the byline only: make the front
    # matter say the same, so that only the allow-list is at fault
    cred = os.path.join(health, "credential.md")
    with open(cred, encoding="utf-8") as f:
        text = f.read()
    write(cred, text.replace('["Dana Whitfield, MD"]',
                             '["Dana Whitfield, MBA"]'))
    for family, path, rule in cases:
        rep = medlint.report(["-f", "json", path], cwd=d)
        rules = sorted({x["rule"] for x in rep["findings"]})
        check("adopter fault, %s: found as %s" % (family, rule),
              rep["files"] == 1 and any(r.startswith(rule) for r in rules),
              rules)
        check("adopter fault, %s: nothing else" % family,
              all(r.startswith(rule) for r in rules), rules)


def qualified_headings(tmp):
    """The default schema accepts a qualifier word after the term, as real
    pages write headings ("Achilles Tendon Strength Exercises"), and still
    names a heading that is not the section by its example."""
    d = os.path.join(tmp, "qualified")
    shutil.copytree(os.path.join(SRC, "content"), os.path.join(d, "content"))
    path = os.path.join(d, "content", "achilles-tendon.md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    write(path, text.replace("## Achilles Tendon Exercises\n",
                             "## Achilles Tendon Strength Exercises\n")
          .replace("## Common Achilles Tendon Injuries",
                   "## Common Achilles Tendon Sports Injuries"))
    rep = medlint.report(["-f", "json", "content"], cwd=d)
    check("qualified headings: no section finding",
          not [x for x in rep["findings"] if x["rule"].startswith("section")],
          rep["findings"])
    write(path, text.replace("## Achilles Tendon Exercises\n",
                             "## Achilles Tendon Very Hard Exercises\n"))
    rep = medlint.report(["-f", "json", "content"], cwd=d)
    msgs = [x["message"] for x in rep["findings"]
            if x["rule"] == "section-missing"]
    check("two words between: section-missing quoting the example",
          len(msgs) == 1 and '"Achilles Tendon Exercises"' in msgs[0] and
          "\\S" not in msgs[0], msgs)


SEED = os.path.join(SRC, "..", "shared", "seed", "gastrocnemius.txt")
SEED_HEADINGS = (
    "Gastrocnemius Definition and Meaning", "Gastrocnemius Muscle Exercises",
    "Common Gastrocnemius Muscle Injuries and Conditions",
    "Gastrocnemius Injuries: A Hinge Health Perspective",
    "How Hinge Health Can Help You", "Related Terms")


def seed_markdown(text):
    """The seed page (plain text) as a writer would put it in Markdown: its
    first line the title, its heading lines as ##, front matter added, the
    references as a numbered list; nothing else changed."""
    out = ["---", 'title: "Gastrocnemius: Definition and What it is"',
           "slug: gastrocnemius", "type: term", "reviewers:",
           "  - name: Jonathan Lee", "    credentials: [MD]",
           "  - name: Dylan Peterson", "    credentials: [PT, DPT]",
           "last_reviewed: 2026-05-10", "---"]
    title = True
    for line in text.splitlines():
        s = line.strip()
        entry = re.match(r"^(\d+)\.\s+(.*)$", s)
        if title and s:
            out.append("# " + s)
            title = False
        elif s in SEED_HEADINGS:
            out.append("## " + s)
        elif entry:
            out.append("%s. %s" % entry.groups())
        else:
            out.append(s)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out) + "\n")


def seed(tmp):
    """The published seed article, converted to Markdown, gets no section,
    byline or disclaimer finding under the default schema (qualified
    headings, a disclaimer paragraph with no heading, a reference list with
    no heading): only the faults of its two references."""
    if not os.path.exists(SEED):
        # a checkout outside the project tree (a git worktree elsewhere):
        # CI always has ../shared
        print("note: seed checks not run: no %s" % SEED)
        return
    with open(SEED, encoding="utf-8") as f:
        text = f.read()
    d = os.path.join(tmp, "seed")
    write(os.path.join(d, "content", "gastrocnemius.md"), seed_markdown(text))
    rep = medlint.report(["-f", "json", "content"], cwd=d)
    # the published page reads at SMOG grade 12.5 (issue 28): one
    # readability warning at its title, the rest is its references
    read = [x for x in rep["findings"] if x["rule"] == "readability"]
    check("seed: one readability warning, at the title",
          len(read) == 1 and read[0]["line"] == 1 + next(
              i for i, l in enumerate(seed_markdown(text).splitlines())
              if l.startswith("# ")), read)
    found = [x for x in rep["findings"] if x["rule"] != "readability"]
    rules = [x["rule"] for x in found]
    check("seed: no section, reviewer or front-matter finding",
          all(r.startswith("citation-") for r in rules), rules)
    lines = {x["line"] for x in found}
    md = seed_markdown(text).splitlines()
    entries = [i + 1 for i, l in enumerate(md) if re.match(r"^\d+\. ", l)]
    check("seed: findings only on its two reference entries",
          len(entries) == 2 and lines and lines <= set(entries),
          (entries, sorted(lines)))
    check("seed: both references have a fault found (unformatted title, "
          "'.;', no source)",
          {"citation-title", "citation-punctuation",
           "citation-source"} <= set(rules), rules)
    # the disclaimer paragraph is what finds the section: without one
    # phrase it is section-content at that paragraph; without it at all,
    # section-missing
    part = seed_markdown(text).replace("do not constitute medical advice",
                                       "do not constitute advice")
    write(os.path.join(d, "content", "gastrocnemius.md"), part)
    rep = medlint.report(["-f", "json", "content"], cwd=d)
    got = [x for x in rep["findings"] if x["rule"].startswith("section")]
    check("seed: disclaimer paragraph without a phrase: section-content",
          [x["rule"] for x in got] == ["section-content"] and
          '"medical advice"' in got[0]["message"], got)
    gone = "\n".join(l for l in seed_markdown(text).splitlines()
                     if "educational and informational" not in l) + "\n"
    write(os.path.join(d, "content", "gastrocnemius.md"), gone)
    rep = medlint.report(["-f", "json", "content"], cwd=d)
    got = [x["message"] for x in rep["findings"]
           if x["rule"] == "section-missing"]
    check("seed: no disclaimer at all: section-missing",
          len(got) == 1 and '"Disclaimer"' in got[0], got)


def embedded(tmp):
    """The binary alone in an empty folder with content/ lints it with the
    schema compiled in; --init writes the files, never overwriting."""
    d = os.path.join(tmp, "alone")
    os.makedirs(d)
    exe = os.path.join(d, "medlint")
    shutil.copy(BIN, exe)
    shutil.copytree(os.path.join(SRC, "content"), os.path.join(d, "content"))
    alone = Medlint(exe, today="2026-06-01")
    code, out, err = alone.run(["content"], cwd=d)
    check("binary alone: lints content/ with the embedded schema",
          code == 0 and "3 files checked, no problems" in out,
          (code, out, err))
    code, out, err = alone.run(["--print-config"], cwd=d)
    check("--print-config: the built-in schema and why", code == 0 and
          "compiled into medlint" in out, (code, out, err))
    with open(os.path.join(SRC, "schemas", "article.schema.yaml"), "rb") as f:
        shipped = f.read()
    p = __import__("subprocess").run([exe, "--print-schema"],
                                     capture_output=True)
    check("--print-schema prints schemas/article.schema.yaml",
          p.returncode == 0 and p.stdout == shipped, p.returncode)
    # a broken content file shows the embedded schema is really applied
    with open(os.path.join(d, "content", "soleus.md"), encoding="utf-8") as f:
        soleus = f.read()
    write(os.path.join(d, "bad", "soleus.md"),
          soleus.replace("## Soleus Exercises", "## Caveats"))
    code, out, err = alone.run(["--format", "json", "bad"], cwd=d)
    check("embedded schema finds section-missing", code == 1 and
          '"section-missing"' in out, (code, out, err))
    code, out, err = alone.run(["--init"], cwd=d)
    check("--init writes both files", code == 0 and
          os.path.isfile(os.path.join(d, ".medlint.yaml")) and
          os.path.isfile(os.path.join(d, "schemas", "article.schema.yaml")),
          (code, out, err))
    with open(os.path.join(d, ".medlint.yaml"), encoding="utf-8") as f:
        cfg = f.read()
    with open(os.path.join(d, "schemas", "article.schema.yaml"),
              encoding="utf-8") as f:
        sch = f.read()
    check("--init: modelines for editors",
          cfg.startswith("# yaml-language-server: $schema=") and
          sch.startswith("# yaml-language-server: $schema="), cfg[:80])
    check("--init: include names content/", "content/**/*.md" in cfg, cfg)
    code, out, err = alone.run([], cwd=d)
    check("--init then medlint passes on the sample content",
          code == 0 and "3 files checked, no problems" in out,
          (code, out, err))
    code, out, err = alone.run(["--print-config"], cwd=d)
    check("--print-config names the config and the origins", code == 0 and
          "config: " + os.path.join(d, ".medlint.yaml") in out and
          "schemas/article.schema.yaml" in out and "# default" in out,
          out)
    write(os.path.join(d, ".medlint.yaml"), "# mine\n")
    code, out, err = alone.run(["--init"], cwd=d)
    with open(os.path.join(d, ".medlint.yaml"), encoding="utf-8") as f:
        kept = f.read()
    check("--init never overwrites", code == 0 and kept == "# mine\n" and
          ".medlint.yaml exists" in err, (code, err, kept))


with tempfile.TemporaryDirectory() as tmp:
    empty_runs(tmp)
    selection()
    schema_errors(tmp)
    embedded(tmp)
    messages(tmp)
    config_schema(tmp)
    adopter_faults(tmp)
    qualified_headings(tmp)
    seed(tmp)
finish("schema_load")
