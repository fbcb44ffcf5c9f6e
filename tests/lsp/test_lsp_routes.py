#!/usr/bin/env python3
"""tests/lsp/test_lsp_routes.py: the language server resolves links on a
site (a `site:` block) as the command line does (issue 25).

Two small sites made here (our own prose): a Hugo-shaped one (routes by
pretty URL, a page bundle, a front-matter slug and alias, a static file,
the site's own address, `{{< ref >}}`/`{{< relref >}}` shortcodes, heading
ids and `{#id}` attributes) and a MkDocs-shaped one (docs_dir, directory
URLs, links to .md files, toc-extension ids, attr_list ids, HTML ids),
each with links that resolve and links that do not.

- `medlint --format json` run in the site and `medlint --lsp` with every
  article opened (tests/lsp/lspclient.published) give the same findings:
  file, rule, severity, start, end, message.
- A route link the command line passes is not flagged by the server
  (before: every route was "does not exist" in the editor).
- A page created later, announced by didChangeWatchedFiles, makes the
  route links and ref to it resolve; a client that registers watchers
  dynamically is asked to watch articles and the generators' configs.
- A generator config that cannot be read is the command line's one-line
  error, exit 2, and in the editor one window/showMessage.
- A site whose folders hold over LSP_MAX_ROOT_FILES entries gets no
  routes, and the user is told once.

usage: test_lsp_routes.py MEDLINT_BINARY [SOURCE_DIR]
"""
import json
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, HERE)
from harness import Medlint, check, fail, finish  # noqa: E402
from lspclient import Client, published, uri_of  # noqa: E402

BINARY = os.path.abspath(sys.argv[1])
TODAY = "2026-06-01"
M = Medlint(BINARY, today=TODAY)

# Only the link rules: the articles are pages of a site, not the sample's
# health articles, and the findings to compare are the links'.
CONFIG = """\
site:
  generator: {gen}
rules:
  "*": off
  link-file: error
  link-anchor: warning
"""

HUGO = {
    "hugo.toml": """\
baseURL = "https://clinic.example.org/"
title = "Clinic"
""",
    "content/_index.md": """\
---
title: Clinic
---
# Clinic

Good: [asthma](/conditions/asthma/), [no slash](/conditions/asthma),
[triggers](/conditions/asthma/#triggers),
[technique](/conditions/asthma/#technique),
[plan](/conditions/asthma-plan/), [plan file](/conditions/asthma-plan/plan.txt),
[team](/team/), [alias](/old-about/), [chart](/img/peak-flow.png),
[own address](https://clinic.example.org/conditions/asthma/),
[ref]({{< ref "asthma.md" >}}), [relref]({{< relref "conditions/asthma.md#triggers" >}}).

Broken: [croup](/conditions/croup/), [case](/conditions/asthma/#Triggers),
[bad ref]({{< ref "croup.md" >}}), [no chart](/img/none.png),
[own address](https://clinic.example.org/conditions/croup/).

Later: [copd](/conditions/copd/), [copd ref]({{< ref "copd.md" >}}).
""",
    "content/conditions/_index.md": """\
---
title: Conditions
---
[Asthma](asthma/) and [up](../) and [nothing](nothing/).
""",
    "content/conditions/asthma.md": """\
---
title: Asthma
---
## Triggers

## Inhaler technique {#technique}

Back to [the triggers](#triggers), not to [this](#trigger).
""",
    "content/conditions/asthma-plan/index.md": """\
---
title: Asthma action plan
---
The [plan](plan.txt) and [its page](/conditions/asthma-plan/).
""",
    "content/conditions/asthma-plan/plan.txt": "green, amber, red\n",
    "content/about.md": """\
---
title: About the clinic
slug: team
aliases: [/old-about/]
---
## Contact
""",
    "static/img/peak-flow.png": "png\n",
}

MKDOCS = {
    "mkdocs.yml": """\
site_name: Ward handbook
site_url: https://ward.example.org/
docs_dir: docs
use_directory_urls: true
markdown_extensions:
  - toc
  - attr_list
""",
    "docs/index.md": """\
# Ward handbook

Good: [triage](guide/triage.md), [red flags](guide/triage.md#red-flags),
[as a route](guide/triage/), [custom](guide/triage.md#custom-id),
[html](guide/triage.md#html-target), [chart](guide/img/chart.png),
[own address](https://ward.example.org/guide/triage/#red-flags).

Broken: [case](guide/triage.md#Red-Flags), [nowhere](guide/nowhere.md),
[no heading](guide/triage.md#no-such-heading),
[no chart](guide/img/none.png).

Later: [dosing](guide/dosing.md), [dosing route](guide/dosing/).
""",
    "docs/guide/triage.md": """\
# Triage

## Red flags

## Red flags

The second one is [red-flags_1](#red-flags_1), not
[github's](#red-flags-1).

## Fluids & salts {#custom-id}

<a id="html-target"></a>
""",
    "docs/guide/img/chart.png": "png\n",
}

LATER = {
    "hugo": ("content/conditions/copd.md",
             "---\ntitle: COPD\n---\n## Inhalers\n",
             ("/conditions/copd/", 'ref "copd.md"')),
    "mkdocs": ("docs/guide/dosing.md", "# Dosing\n",
               ('"guide/dosing.md"', '"/guide/dosing/"')),
}

# Links each site passes on the command line: never flagged by the server.
GOOD = {
    "hugo": ('"/conditions/asthma/"', '"/conditions/asthma"',
             '"/team/"', '"/old-about/"', '"/img/peak-flow.png"',
             '"/conditions/asthma-plan/"', 'ref "asthma.md"'),
    "mkdocs": ('"guide/triage/"', '"#custom-id"', '"#html-target"',
               '"#red-flags"', '"guide/img/chart.png"'),
}


def make(tmp, name, files, gen=None):
    d = os.path.join(tmp, name)
    for rel, text in files.items():
        p = os.path.join(d, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "w", encoding="utf-8") as f:
            f.write(text)
    with open(os.path.join(d, ".medlint.yaml"), "w") as f:
        f.write(CONFIG.format(gen=gen or name))
    return d


def articles(d):
    out = []
    for top, dirs, files in os.walk(d):
        dirs.sort()
        out += [os.path.join(top, n) for n in sorted(files)
                if n.endswith(".md")]
    return out


def cli_findings(d):
    code, out, err = M.run(["--format", "json", "."], cwd=d)
    if code not in (0, 1):
        fail("medlint --format json in %s: exit %d: %s" % (d, code, err))
    rep = json.loads(out)
    res = []
    for f in rep["findings"]:
        res.append((os.path.relpath(os.path.join(d, f["file"]), d),
                    f["rule"], f["severity"], f["line"] - 1,
                    f["column"] - 1, f["end_line"] - 1, f["end_column"] - 1,
                    f["message"]))
    return sorted(res), err


def lsp_findings(d):
    found, shown, status, err = published(BINARY, ["--today", TODAY],
                                          articles(d), d)
    check("%s: LSP shows no error" % os.path.basename(d), not shown, shown)
    check("%s: LSP exits 0" % os.path.basename(d), status == 0, err)
    return found


def flagged(found, target):
    return [f for f in found if target in f[7]]


def equal_on(tmp, name, files):
    d = make(tmp, name, files)
    cli, err = cli_findings(d)
    lsp = lsp_findings(d)
    check("%s: the command line finds the broken links (%d)"
          % (name, len(cli)), len(cli) >= 5, cli)
    check("%s: CLI and LSP give the same findings" % name, cli == lsp,
          "\nCLI only: %r\nLSP only: %r" % (
              sorted(set(cli) - set(lsp)), sorted(set(lsp) - set(cli))))
    for target in GOOD[name]:
        check("%s: %s passes on the command line" % (name, target),
              not flagged(cli, target), flagged(cli, target))
        check("%s: %s is not flagged by the server" % (name, target),
              not flagged(lsp, target), flagged(lsp, target))
    for target in LATER[name][2]:
        check("%s: %s (not there yet) is flagged by both" % (name, target),
              flagged(cli, target) and flagged(lsp, target),
              (cli, lsp))
    return d


def created_later(d, name):
    """A page created after the server walked the site: announced by
    didChangeWatchedFiles, the links to it resolve."""
    rel, text, targets = LATER[name]
    index = os.path.join(d, "content/_index.md" if name == "hugo"
                         else "docs/index.md")
    c = Client(BINARY, ["--today", TODAY], cwd=tempfile.gettempdir())
    c.initialize({"general": {"positionEncodings": ["utf-32"]},
                  "workspace": {"didChangeWatchedFiles": {
                      "dynamicRegistration": True}}})
    reg = c.wait(lambda m: m.get("method") == "client/registerCapability")
    watchers = [w for r in reg["params"]["registrations"]
                for w in r["registerOptions"]["watchers"]]
    globs = [w["globPattern"] for w in watchers]
    c.send({"jsonrpc": "2.0", "id": reg["id"], "result": None})
    check("%s: the client is asked to watch articles created or deleted"
          % name, any(w["globPattern"] == "**/*.{md,markdown,mdx}" and
                      w.get("kind", 7) & 5 == 5 for w in watchers), globs)
    cfg = "hugo.toml" if name == "hugo" else "mkdocs.yml"
    check("%s: ... and %s" % (name, cfg), any(
        g in ("**/{hugo,config}.{toml,yaml,yml,json}",
              "**/mkdocs.{yml,yaml}") and
        (g.startswith("**/{hugo") == (name == "hugo")) for g in globs),
        globs)
    uri = c.open(index)
    diags = c.wait_diagnostics(uri)
    msgs = [g["message"] for g in diags]
    for t in targets:
        check("%s: %s flagged before the page exists" % (name, t),
              any(t in m for m in msgs), msgs)
    path = os.path.join(d, rel)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    c.notify("workspace/didChangeWatchedFiles",
             {"changes": [{"uri": uri_of(path), "type": 1}]})
    diags = c.wait_diagnostics(uri)
    msgs = [g["message"] for g in diags]
    for t in targets:
        check("%s: %s resolves once the page is created" % (name, t),
              not any(t in m for m in msgs), msgs)
    check("%s: the other broken links are still flagged (%d)"
          % (name, len(msgs)), len(msgs) >= 3, msgs)
    c.close()
    # and the command line agrees on the site as it is now
    cli, _ = cli_findings(d)
    lsp = lsp_findings(d)
    check("%s: after the change, CLI and LSP still agree" % name,
          cli == lsp, (cli, lsp))
    os.remove(path)


def bad_generator_config(tmp):
    d = make(tmp, "hugo", dict(HUGO, **{"hugo.toml": "baseURL = [\n"}))
    code, out, err = M.run(["--format", "json", "."], cwd=d)
    check("bad hugo.toml: the command line stops (exit 2)", code == 2,
          (code, err))
    line = err.strip().splitlines()[0] if err.strip() else ""
    found, shown, status, _ = published(BINARY, ["--today", TODAY],
                                        articles(d), d)
    msgs = [m["params"]["message"] for m in shown]
    check("bad hugo.toml: the server shows the command line's line once",
          len(msgs) == 1 and msgs[0] == line, (msgs, line))
    check("bad hugo.toml: no finding is published from a guess",
          not found, found)
    shutil.rmtree(d)


def many_files(folder):
    """20,500 empty files under folder (LSP_MAX_ROOT_FILES is 20,000)."""
    for k in range(41):
        sub = os.path.join(folder, "f%02d" % k)
        os.makedirs(sub)
        for i in range(500):
            os.close(os.open(os.path.join(sub, "n%d.txt" % i),
                             os.O_CREAT | os.O_WRONLY, 0o644))


def open_all(d):
    """Every article of d opened in one server: (diagnostics by path,
    the window/showMessage texts)."""
    c = Client(BINARY, ["--today", TODAY], cwd=tempfile.gettempdir())
    c.initialize()
    uris = {c.open(p): p for p in articles(d)}
    diags = {uris[u]: c.wait_diagnostics(u, timeout=60) for u in uris}
    c.drain(1)
    shown = [m["params"]["message"] for m in c.log
             if m.get("method") == "window/showMessage"]
    c.close()
    return diags, shown


def over_the_cap(tmp):
    """The cap counts the folders the site's walk reads (content, static),
    not the whole repository."""
    # A built site beside the sources (Hugo's public/): the repository is
    # over the cap (no index), but the routes' folders are not.
    d = make(tmp, "built", HUGO, "hugo")
    many_files(os.path.join(d, "public"))
    diags, shown = open_all(d)
    home = [g["message"] for g in diags[os.path.join(d, "content",
                                                     "_index.md")]]
    check("20,500 files in public/: the index is not walked (said)",
          any("not walked" in m for m in shown), shown)
    check("... but the site's routes are made: nothing said of them",
          all("not walked" in m for m in shown), shown)
    check("... and route links resolve",
          not any('"/conditions/asthma/"' in m or 'ref "asthma.md"' in m
                  for m in home) and
          any('"/conditions/croup/"' in m for m in home), home)
    shutil.rmtree(d)
    # The same files in static/, which the walk reads: no routes, said
    # once for the site although its documents are in three folders.
    d = make(tmp, "big", HUGO, "hugo")
    many_files(os.path.join(d, "static"))
    diags, shown = open_all(d)
    home = [g["message"] for g in diags[os.path.join(d, "content",
                                                     "_index.md")]]
    site = [m for m in shown if "routes are not built" in m]
    check("20,500 files in static/: no routes, said once",
          len(site) == 1 and "over 20000 files" in site[0], shown)
    check("... (and the index is not walked, as before)",
          any("not walked" in m for m in shown), shown)
    check("... its documents are still linted (links as files)",
          any('"/conditions/asthma/" does not exist' in m for m in home),
          home)
    shutil.rmtree(d)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        for name, files in (("hugo", HUGO), ("mkdocs", MKDOCS)):
            d = equal_on(tmp, name, files)
            created_later(d, name)
            shutil.rmtree(d)
        bad_generator_config(tmp)
        over_the_cap(tmp)
    finish("lsp_routes")


main()
