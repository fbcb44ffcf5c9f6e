#!/usr/bin/env python3
"""--stdin-filename F with the path '-': standard input is linted as if it
were F (an editor's unsaved buffer): findings are reported as F, and the
checks that look at other files (related-term-missing, link-file,
link-anchor, slug-filename) resolve relative to F's folder and the content
root, whatever is on disk at F.

usage: test_stdin.py MEDLINT_BINARY SOURCE_DIR"""
import json
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import Medlint, check, finish  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
medlint = Medlint(BIN, today="2026-06-01")
SRC = os.path.abspath(sys.argv[2])
SCHEMA = os.path.join(SRC, "schemas", "article.schema.yaml")


def found(out):
    return sorted((f["file"], f["rule"], f["line"])
                  for f in json.loads(out)["findings"])


def site(tmp):
    """site/.medlint.yaml, site/terms/{gastrocnemius,soleus,achilles-tendon}.md"""
    root = os.path.join(tmp, "site")
    os.makedirs(os.path.join(root, "terms"))
    with open(os.path.join(root, ".medlint.yaml"), "w") as f:
        f.write("schema: %s\n" % SCHEMA)
    for name in ("gastrocnemius", "soleus", "achilles-tendon"):
        shutil.copy(os.path.join(SRC, "content", name + ".md"),
                    os.path.join(root, "terms", name + ".md"))
    return root


def main():
    with open(os.path.join(SRC, "content", "gastrocnemius.md")) as f:
        clean = f.read()
    with tempfile.TemporaryDirectory(prefix="medlint-stdin-") as tmp:
        root = site(tmp)
        name = "terms/gastrocnemius.md"

        code, out, err = medlint.run(["--format", "json", "--stdin-filename", name,
                              "-"], root, clean)
        check("clean buffer: no findings, exit 0",
              code == 0 and found(out) == [], "exit %d %s %s" % (code, out, err))

        # The buffer differs from the file on disk: the buffer is linted.
        buf = clean.replace("related_terms: [soleus, achilles-tendon]",
                            "related_terms: [soleus, achilles-tendon, "
                            "no-such-term]")
        buf = buf.replace("- [Soleus](soleus.md)",
                          "- [Soleus](soleus.md#soleus-exercises)\n"
                          "- [Hamstring](hamstring.md)\n"
                          "- [Soleus](soleus.md#no-such-heading)")
        code, out, err = medlint.run(["--format", "json", "--stdin-filename", name,
                              "-"], root, buf)
        got = found(out)
        check("findings are reported as F",
              got and all(f == name for f, _, _ in got), got)
        check("related terms resolve in the content root",
              [r for _, r, _ in got].count("related-term-missing") == 1, got)
        check("relative links resolve from F's folder",
              [r for _, r, _ in got].count("link-file") == 1 and
              [r for _, r, _ in got].count("link-anchor") == 1, got)
        check("exit 1 with errors", code == 1, code)

        # F need not exist (a new, unsaved article); its name still counts.
        code, out, err = medlint.run(["--format", "json", "--stdin-filename",
                              "terms/new-term.md", "-"], root, clean)
        check("slug-filename compares with F's name",
              [r for _, r, _ in found(out)] == ["slug-filename"], out + err)

        # From a folder inside the site the config is found upward, and
        # F is relative to the current folder.
        code, out, err = medlint.run(["--format", "json", "--stdin-filename",
                              "gastrocnemius.md", "-"],
                             os.path.join(root, "terms"), buf)
        check("from a subfolder: same findings, reported as given",
              [(r, l) for _, r, l in found(out)] ==
              [(r, l) for _, r, l in got] and
              all(f == "gastrocnemius.md" for f, _, _ in found(out)),
              out + err)

        # Text output: file:line:col with F.
        code, out, err = medlint.run(["--stdin-filename", name, "-"], root, buf)
        check("text output names F",
              "terms/gastrocnemius.md:11:" in out and "[related-term-missing]"
              in out, out)

        # Without a config, F's folder is the content root.
        bare = os.path.join(tmp, "bare")
        os.makedirs(bare)
        shutil.copy(os.path.join(SRC, "content", "soleus.md"), bare)
        shutil.copy(os.path.join(SRC, "content", "achilles-tendon.md"), bare)
        code, out, err = medlint.run(["--schema", SCHEMA, "--format", "json",
                              "--stdin-filename",
                              os.path.join(bare, "gastrocnemius.md"), "-"],
                             tmp, clean)
        check("without a config, F's folder is the content root",
              code == 0 and found(out) == [], out + err)

        code, out, err = medlint.run(["--format", "json", "-"], root, buf)
        check("'-' alone is reported as <stdin>",
              found(out) and all(f == "<stdin>" for f, _, _ in found(out)),
              out)
        code, out, err = medlint.run(["--stdin-filename", name, name], root, clean)
        check("--stdin-filename without '-' is a usage error", code == 2,
              "exit %d %s" % (code, err))
    finish("stdin")


if __name__ == "__main__":
    main()
