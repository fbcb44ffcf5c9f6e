#!/usr/bin/env python3
"""tests/editors/test_vscode.py: editors/vscode packages into a .vsix.

The extension folder is copied to a temporary folder with the project's
LICENSE, its dependency (vscode-languageclient, pinned in package.json)
installed with npm, and `vsce package` run on it: @vscode/vsce pinned by
tests/editors/vsce/package-lock.json (the 2.x line, which runs on Debian
12's Node.js 18; 3.x needs Node 20), installed with `npm ci`.
The .vsix must hold the manifest with the medlint.path setting and the
Markdown activation, extension.js starting `--lsp`, and the language
client. Exit 77 (skip) with a SKIP line only when npm is missing, its
registry is unreachable, or Node is older than the pinned vsce's minimum;
anything else that fails is a failure.

usage: test_vscode.py SOURCE_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
from harness import check, fail, finish, skip  # noqa: E402

SOURCE = os.path.abspath(sys.argv[1])
PINNED = os.path.join(HERE, "vsce")  # package.json + package-lock.json


def npm(args, cwd, timeout=600):
    return subprocess.run(["npm"] + args, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def node_major(text):
    m = re.search(r"(\d+)", text or "")
    return int(m.group(1)) if m else 0


def install_vsce(tmp):
    """npm ci the pinned vsce into tmp/vsce; its bin path. Skips when this
    Node is older than the minimum the pinned vsce declares."""
    where = os.path.join(tmp, "vsce")
    os.mkdir(where)
    for f in ("package.json", "package-lock.json"):
        shutil.copy(os.path.join(PINNED, f), where)
    p = npm(["ci", "--ignore-scripts", "--no-audit", "--no-fund"], where)
    if p.returncode:
        fail("npm ci of the pinned vsce failed with the registry "
             "reachable:\n" + p.stdout + p.stderr)
    with open(os.path.join(where, "node_modules", "@vscode", "vsce",
                           "package.json")) as f:
        meta = json.load(f)
    need = meta.get("engines", {}).get("node", "")
    have = subprocess.run(["node", "--version"], capture_output=True,
                          text=True).stdout.strip()
    if node_major(have) < node_major(need):
        skip("Node %s is older than @vscode/vsce %s needs (node %s)" %
             (have, meta["version"], need))
    print("vsce %s (node %s) on Node %s" % (meta["version"], need, have))
    return os.path.join(where, "node_modules", ".bin", "vsce")


def main():
    if not shutil.which("npm") or not shutil.which("node"):
        skip("npm is not installed, so the extension cannot be packaged "
             "(ci/install-deps.sh installs npm)")
    tmp = tempfile.mkdtemp(prefix="medlint-vscode-")
    try:
        try:
            ping = npm(["ping"], tmp, timeout=90)
        except subprocess.TimeoutExpired:
            skip("the npm registry did not answer 'npm ping' in 90 s")
        if ping.returncode:
            skip("the npm registry is unreachable ('npm ping' failed)")
        ext = os.path.join(tmp, "vscode")
        shutil.copytree(os.path.join(SOURCE, "editors", "vscode"), ext,
                        ignore=shutil.ignore_patterns("node_modules",
                                                      "*.vsix"))
        shutil.copy(os.path.join(SOURCE, "LICENSE"), ext)
        p = npm(["install", "--omit=dev", "--ignore-scripts", "--no-audit",
                 "--no-fund"], ext)
        if p.returncode:
            fail("npm install failed with the registry reachable:\n" +
                 p.stdout + p.stderr)
        vsce = install_vsce(tmp)
        out = os.path.join(tmp, "medlint.vsix")
        p = subprocess.run([vsce, "package", "--out", out],
                           cwd=ext, capture_output=True, text=True,
                           timeout=600)
        check("vsce package succeeds", p.returncode == 0,
              p.stdout + p.stderr)
        if not os.path.exists(out):
            fail("no .vsix written")
        with zipfile.ZipFile(out) as z:
            names = set(z.namelist())
            manifest = json.loads(z.read("extension/package.json"))
            js = z.read("extension/extension.js").decode()
        print("vsix: %d files, %d bytes" % (len(names), os.path.getsize(out)))
        props = manifest["contributes"]["configuration"]["properties"]
        check("the manifest has the medlint.path setting",
              props.get("medlint.path", {}).get("default") == "medlint",
              props)
        check("activated by Markdown", "onLanguage:markdown" in
              manifest.get("activationEvents", []), manifest)
        check("extension.js starts the server with --lsp",
              "args: ['--lsp']" in js and "cfg.get('path')" in js, js[:400])
        check("the language client is packaged",
              any(n.startswith("extension/node_modules/vscode-languageclient/")
                  for n in names), sorted(names)[:20])
        lower = {n.lower() for n in names}
        check("LICENSE and README are packaged",
              ("extension/license" in lower or
               "extension/license.txt" in lower) and
              "extension/readme.md" in lower,
              sorted(n for n in names if "node_modules" not in n))
    finally:
        shutil.rmtree(tmp)
    finish("vscode")


if __name__ == "__main__":
    main()
