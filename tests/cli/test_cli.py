#!/usr/bin/env python3
"""CLI behaviour of the medlint binary: bad input never crashes or hangs,
exit codes, --fail-on, config errors, -j determinism, --list-rules and
--explain. usage: test_cli.py MEDLINT_BINARY SOURCE_DIR"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import Medlint, check, finish  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
medlint = Medlint(BIN)
SRC = os.path.abspath(sys.argv[2])
SCHEMA = os.path.join(SRC, "schemas", "article.schema.yaml")


def findings(out):
    return [(f["rule"], f["line"], f["column"]) for f in json.loads(out)["findings"]]


def valid_body():
    """The body of a sample article: front matter faults below come with a
    body that is fine, so each file has exactly one fault."""
    with open(os.path.join(SRC, "content", "gastrocnemius.md"), "rb") as f:
        text = f.read()
    body = text[text.index(b"\n---\n", 4) + 5:]
    return body[:body.index(b"## Related Terms")]  # links to files not here


def bad_input(tmp):
    """Each hostile file gets one clear finding, exit 1, within 10 s."""
    body = valid_body()
    cases = {
        "binary.md": (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4,
                      "file-invalid"),
        "latin1.md": (b"---\ntitle: caf\xe9\n---\n", "file-invalid"),
        "empty.md": (b"", "file-invalid"),
        "alias-bomb.md": (b"---\n" + b"a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n" +
                          b"".join(b"a%d: &a%d [%s]\n" % (i, i, b",".join(
                              [b"*a%d" % (i - 1)] * 10)) for i in range(1, 12)) +
                          b"---\n" + body, "frontmatter-syntax"),
        "deep.md": (b"---\nx: " + b"[" * 10000 + b"]" * 10000 + b"\n---\n" + body,
                    "frontmatter-syntax"),
        "deep-map.md": (b"---\n" + b"".join(b" " * i + b"k:\n" for i in range(3000))
                        + b"---\n" + body, "frontmatter-syntax"),
        "tabs.md": (b"---\ntitle: x\n\tslug: y\n---\n" + body, "frontmatter-syntax"),
    }
    for name, (data, rule) in cases.items():
        path = os.path.join(tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        code, out, err = medlint.run(["--schema", SCHEMA, "--format", "json", path],
                             timeout=10)
        got = findings(out) if code in (0, 1) else []
        check("bad-input " + name, code == 1 and [g[0] for g in got] == [rule],
              "exit %d findings %s %s" % (code, got, err.strip()))
    # 50 MB: refused from its size, without reading it into memory.
    big = os.path.join(tmp, "big.md")
    with open(big, "wb") as f:
        f.write(b"---\ntitle: big\n---\n")
        f.write((b"word " * 20 + b"\n") * (50 * 1024 * 1024 // 101))
    code, out, err = medlint.run(["--schema", SCHEMA, "--format", "json", big], timeout=10)
    check("bad-input 50MB", code == 1 and [g[0] for g in findings(out)] == ["file-invalid"],
          "exit %d %s" % (code, err))
    # A deeply nested Markdown body must not crash cmark-gfm or the walk.
    deep = os.path.join(tmp, "deep-body.md")
    with open(deep, "wb") as f:
        f.write(b"---\ntitle: deep\n---\n" + b"> " * 20000 + b"x\n" +
                b"- " * 20000 + b"y\n" + b"*" * 50000 + b"\n" + b"[" * 50000 + b"\n")
    code, out, err = medlint.run(["--schema", SCHEMA, "--format", "json", deep], timeout=20)
    check("bad-input deep body", code == 1, "exit %d %s" % (code, err))


def exit_codes(tmp):
    code, out, err = medlint.run(["--schema", SCHEMA, os.path.join(SRC, "content")])
    check("content is clean", code == 0 and "no problems" in out, out + err)
    code, out, err = medlint.run(["--no-such-flag"])
    check("unknown flag exit 2", code == 2 and err.count("\n") == 1, err)
    code, out, err = medlint.run(["--schema", SCHEMA, os.path.join(tmp, "missing.md")])
    check("missing path exit 2", code == 2 and "missing.md" in err and
          err.count("\n") == 1, err)
    code, out, err = medlint.run(["--schema", os.path.join(tmp, "nope.yaml"), tmp])
    check("missing schema exit 2", code == 2 and err.count("\n") == 1, err)
    code, out, err = medlint.run(["--format", "xml"])
    check("bad format exit 2", code == 2, err)
    code, out, err = medlint.run(["--explain", "section-missing"])
    check("explain", code == 0 and out.startswith("section-missing (default: error)"), out)
    code, out, err = medlint.run(["--explain", "nope"])
    check("explain unknown exit 2", code == 2, err)
    code, out, err = medlint.run(["--list-rules"])
    check("list-rules", code == 0 and "link-private" in out and
          len(out.splitlines()) >= 37, out)
    code, out, err = medlint.run(["--version"])
    check("version", code == 0 and out.startswith("medlint "), out)


def fail_on(tmp):
    d = os.path.join(tmp, "failon")
    os.makedirs(d)
    for name in ("gastrocnemius.md", "soleus.md", "achilles-tendon.md"):
        shutil.copy(os.path.join(SRC, "content", name), d)
    # review-stale is a warning: 2026-05-10 is stale by 2030.
    args = ["--schema", SCHEMA, "--today", "2030-01-01", "--links", "off",
            os.path.join(d, "gastrocnemius.md")]
    code, out, _ = medlint.run(args)
    check("warning only: exit 0", code == 0 and "review-stale" in out, out)
    code, out, _ = medlint.run(args + ["--fail-on", "warning"])
    check("--fail-on warning: exit 1", code == 1, out)
    code, out, _ = medlint.run(["--schema", SCHEMA, "--fail-on", "never",
                        os.path.join(tmp, "binary.md")])
    check("--fail-on never: exit 0", code == 0, out)


def config_errors(tmp):
    d = os.path.join(tmp, "cfg")
    os.makedirs(d)
    with open(os.path.join(d, ".medlint.yaml"), "w") as f:
        f.write("schema: %s\nrules:\n  section-missing: off\n  sectoin-order: off\n" % SCHEMA)
    code, out, err = medlint.run([], cwd=d)
    check("unknown rule in config exit 2", code == 2 and ".medlint.yaml:4:3" in err
          and "sectoin-order" in err and err.count("\n") == 1, err)
    with open(os.path.join(d, ".medlint.yaml"), "w") as f:
        f.write("schema: %s\nrules:\n  citation-case: off\n" % SCHEMA)
    with open(os.path.join(d, "a.md"), "w") as f:
        f.write("no front matter\n")
    code, out, err = medlint.run(["--format", "json"], cwd=d)
    check("config found from cwd", code == 1 and
          json.loads(out)["findings"][0]["file"] == "a.md", out + err)
    sub = os.path.join(d, "sub")
    os.makedirs(sub)
    code, out, err = medlint.run(["--format", "json", "../a.md"], cwd=sub)
    check("config found upward", code == 1 and
          json.loads(out)["findings"][0]["file"] == "../a.md", out + err)


def double_hyphen(tmp):
    """'45--67' (issue 12): a warning however the config sets
    citation-source, none with double_hyphen_dash: true; a non-boolean is
    a config error with its line."""
    d = os.path.join(tmp, "dashes")
    os.makedirs(d)
    for name in ("gastrocnemius.md", "soleus.md", "achilles-tendon.md"):
        shutil.copy(os.path.join(SRC, "content", name), d)
    art = os.path.join(d, "achilles-tendon.md")
    with open(art, encoding="utf-8") as f:
        text = f.read()
    with open(art, "w", encoding="utf-8") as f:
        f.write(text.replace("638\u2013643", "638--643", 1))
    cfg = os.path.join(d, ".medlint.yaml")

    def run(config):
        with open(cfg, "w") as f:
            f.write(config)
        code, out, err = medlint.run(["--format", "json", "--links", "off",
                                      "--today", "2026-06-01", "."], cwd=d)
        try:
            return code, [(x["rule"], x["severity"]) for x in
                          json.loads(out)["findings"]], err
        except ValueError:
            return code, None, err

    code, got, err = run("rules:\n  citation-source: error\n")
    check("'--' pages: a warning though citation-source is error, exit 0",
          code == 0 and got == [("citation-source", "warning")], (got, err))
    code, got, err = run("rules:\n  citation-source:\n"
                         "    double_hyphen_dash: true\n")
    check("'--' pages with double_hyphen_dash: true: clean",
          code == 0 and got == [], (got, err))
    code, got, err = run("rules:\n  citation-source:\n"
                         "    double_hyphen_dash: yes please\n")
    check("double_hyphen_dash must be a boolean: exit 2 at its line",
          code == 2 and ".medlint.yaml:3:" in err, err)


def jobs_identical(tmp):
    gen = os.path.join(SRC, "..", "shared", "tools", "gen_corpus.py")
    if not os.path.exists(gen):
        print("SKIP -j determinism: %s not found" % gen)
        return
    d = os.path.join(tmp, "corpus")
    subprocess.run([sys.executable, gen, d, "300", "--seed", "3"], check=True)
    outs = set()
    for j in ("1", "2", "7"):
        code, out, err = medlint.run(["--schema", SCHEMA, "--today", "2026-06-01",
                              "--format", "json", "-j", j, d])
        outs.add(out)
    check("-j 1/2/7 identical output", len(outs) == 1)


def main():
    tmp = tempfile.mkdtemp(prefix="medlint-cli-")
    try:
        bad_input(tmp)
        exit_codes(tmp)
        double_hyphen(tmp)
        fail_on(tmp)
        config_errors(tmp)
        jobs_identical(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    finish("cli")


if __name__ == "__main__":
    main()
