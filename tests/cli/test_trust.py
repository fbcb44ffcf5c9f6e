#!/usr/bin/env python3
"""Issue 24: the trust boundary (README "Security", doc/security.md). The
command line and the environment are trusted; the repository being linted
(articles, .medlint.yaml, schemas) is not. Each check fails on the code
before the fix:

- the NCBI API key: a config naming another variable (verify.api_key_env)
  or another host (verify.eutils) for it is exit 2 with one line and
  nothing reaches the server; --eutils on the command line may name a
  loopback test registry over http, any other http URL is refused.
- cache paths from a config stay inside the repository: "../x", an
  absolute path, a symbolic link out, ".." after a missing folder: exit 2
  with the reason, nothing written there; inside the repository is fine.
- a cache is replaced only when it is a medlint cache: --cache ARTICLE is
  refused and the article left as it was; /dev/zero and a FIFO are refused
  at once (no hang); an old header-less link cache is still taken.
- config search stops at the repository root (the folder holding .git),
  and a config owned by another user (not root) is ignored.

The registry is a server of our own on 127.0.0.1 that records what it
was asked; nothing else is contacted.

usage: test_trust.py MEDLINT_BINARY SOURCE_DIR
"""
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "support"))
from harness import check, finish  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
KEY = "secret-key-9f3a"

ARTICLE = """---
title: "Soleus: Definition and What it is"
slug: a
type: term
reviewers:
  - name: Jonathan Lee
    credentials: [MD]
last_reviewed: 2026-01-15
---
# Soleus: Definition and What it is

The soleus is a calf muscle [1].

## References

1. Doral, M. N. (2010). Functional anatomy of the soleus in runners.
*Journal of Calf Studies*, *18*(5), 638\u2013643. PMID: 1111
"""


class Recorder(BaseHTTPRequestHandler):
    seen = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        Recorder.seen.append(self.path)
        body = b'{"header": {}, "result": {"uids": []}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def run(args, cwd, env=None, timeout=60):
    p = subprocess.run([BIN, "--today", "2026-06-01"] + args, cwd=cwd,
                       capture_output=True, timeout=timeout,
                       env=dict(os.environ, **(env or {})))
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def one_line(err):
    return len([x for x in err.splitlines() if x.strip()]) == 1


def repo(tmp, name, config=None):
    d = os.path.join(tmp, name)
    os.makedirs(os.path.join(d, ".git"))
    with open(os.path.join(d, "a.md"), "w") as f:
        f.write(ARTICLE)
    if config is not None:
        with open(os.path.join(d, ".medlint.yaml"), "w") as f:
            f.write(config)
    return d


def key_route(tmp, base):
    """The key goes only where the command line or the registry say."""
    eutils = base + "/entrez/eutils"
    env = {"NCBI_API_KEY": KEY, "GITHUB_TOKEN": "ghp-secret"}
    for i, (name, cfg) in enumerate((
            ("another variable",
             "verify:\n  api_key_env: GITHUB_TOKEN\n"),
            ("another host (http, loopback)",
             "verify:\n  eutils: %s\n" % eutils),
            ("another host (https)",
             "verify:\n  eutils: https://127.0.0.1:1/entrez/eutils\n"),
            ("a look-alike host",
             "verify:\n  eutils: https://eutils.ncbi.nlm.nih.gov.evil."
             "example/x\n"))):
        d = repo(tmp, "key-%d" % i, cfg)
        before = len(Recorder.seen)
        code, out, err = run(["--verify-refs", "--allow-private",
                              "--no-cache", "a.md"], d, env)
        check("config naming %s for the key: exit 2, one line" % name,
              code == 2 and one_line(err) and ".medlint.yaml" in err,
              (code, err))
        check("config naming %s for the key: nothing sent" % name,
              len(Recorder.seen) == before, Recorder.seen[before:])
        check("config naming %s: the key is never printed" % name,
              KEY not in out + err and "ghp-secret" not in out + err, err)
    # The command line's test registry gets the key over loopback http.
    d = repo(tmp, "key-cli", "links:\n  timeout: 2\n  retries: 0\n")
    before = len(Recorder.seen)
    code, out, err = run(["--verify-refs", "--allow-private", "--no-cache",
                          "--eutils", eutils, "a.md"], d, env)
    sent = Recorder.seen[before:]
    check("--eutils on the command line: the key reaches the test registry",
          code in (0, 1) and sent and all("api_key=" + KEY in u
                                          for u in sent), (code, err, sent))
    check("--ncbi-key-env names the variable on the command line",
          run(["--verify-refs", "--allow-private", "--no-cache", "--eutils",
               eutils, "--ncbi-key-env", "MY_KEY", "a.md"], d,
              {"MY_KEY": "other-key-1"})[0] in (0, 1) and
          any("api_key=other-key-1" in u for u in Recorder.seen), "")
    before = len(Recorder.seen)
    code, out, err = run(["--verify-refs", "--no-cache", "--eutils",
                          "http://example.invalid/entrez/eutils", "a.md"],
                         d, env)
    check("--eutils over plain http to a non-loopback host: exit 2",
          code == 2 and one_line(err) and "https" in err and
          len(Recorder.seen) == before, (code, err))


def config_caches(tmp):
    outside = os.path.join(tmp, "outside")
    os.makedirs(outside)
    victim = os.path.join(outside, "victim.txt")
    with open(victim, "w") as f:
        f.write("keep me\n")
    cases = [("links", "../outside/x.cache", "outside"),
             ("links", victim, "outside"),
             ("verify", "../outside/refs.cache", "outside"),
             ("links", "out/x.cache", "outside"),
             ("links", "missing/../../outside/x.cache", "..")]
    for i, (group, path, word) in enumerate(cases):
        d = repo(tmp, "cache-%d" % i, "%s:\n  cache: %s\n" % (group, path))
        os.symlink(outside, os.path.join(d, "out"))
        code, out, err = run(["--links", "all", "--verify-refs",
                              "--eutils", "http://127.0.0.1:1/e",
                              "a.md"], d, timeout=60)
        check("config %s.cache %s: exit 2 with the reason" % (group, path),
              code == 2 and one_line(err) and word in err and
              "%s.cache" % group in err, (code, err))
    check("nothing was written outside the repository",
          sorted(os.listdir(outside)) == ["victim.txt"] and
          open(victim).read() == "keep me\n", os.listdir(outside))
    # Inside the repository, through a folder of its own: taken.
    d = repo(tmp, "cache-inside", "links:\n  cache: .cache/links.tsv\n")
    os.makedirs(os.path.join(d, ".cache"))
    code, out, err = run(["--links", "all", "a.md"], d)
    check("config links.cache inside the repository: taken and written",
          code in (0, 1) and os.path.exists(
              os.path.join(d, ".cache", "links.tsv")), (code, err))
    with open(os.path.join(d, ".cache", "links.tsv")) as f:
        check("a link cache starts with its header",
              f.readline() == "# medlint link cache (--links all)\n")


def not_a_cache(tmp):
    d = repo(tmp, "art-cache")
    shutil.copy(os.path.join(d, "a.md"), os.path.join(d, "art2.md"))
    code, out, err = run(["--links", "all", "--cache", "art2.md", "a.md"], d)
    check("--cache ARTICLE: exit 2, one line", code == 2 and one_line(err)
          and "not a medlint cache" in err, (code, err))
    check("--cache ARTICLE: the article is left as it was",
          open(os.path.join(d, "art2.md")).read() == ARTICLE)
    with open(os.path.join(d, ".medlint.yaml"), "w") as f:
        f.write("links:\n  cache: art2.md\n")
    code, out, err = run(["--links", "all", "a.md"], d)
    check("config links.cache naming an article: exit 2, article kept",
          code == 2 and one_line(err) and
          open(os.path.join(d, "art2.md")).read() == ARTICLE, (code, err))
    os.unlink(os.path.join(d, ".medlint.yaml"))
    with open(os.path.join(d, "art.refs"), "w") as f:
        f.write(ARTICLE)
    code, out, err = run(["--verify-refs", "--eutils", "http://127.0.0.1:1/e",
                          "--cache", "art", "a.md"], d)
    check("a reference cache that is an article: exit 2, kept",
          code == 2 and "not a medlint cache" in err and
          open(os.path.join(d, "art.refs")).read() == ARTICLE, (code, err))
    fifo = os.path.join(d, "fifo")
    os.mkfifo(fifo)
    for path in ("/dev/zero", fifo):
        try:
            code, out, err = run(["--links", "all", "--cache", path, "a.md"],
                                 d, timeout=20)
        except subprocess.TimeoutExpired:
            code, err = None, "hung"
        check("--cache %s: refused at once, exit 2" % os.path.basename(path),
              code == 2 and "not a regular file" in err, (code, err))
    # An old cache without the header is still a cache.
    with open(os.path.join(d, "old.tsv"), "w") as f:
        f.write("https://example.org/\t200\t1700000000\n")
    code, out, err = run(["--links", "all", "--cache", "old.tsv", "a.md"], d)
    check("a header-less link cache of an older medlint is taken",
          code in (0, 1), (code, err))


def config_search(tmp):
    # A config above the repository (a planted /tmp/.medlint.yaml) stops
    # the lint with its unknown key if it applies.
    top = os.path.join(tmp, "shared")
    os.makedirs(top)
    with open(os.path.join(top, ".medlint.yaml"), "w") as f:
        f.write("planted: yes\n")
    d = repo(top, "project")
    code, out, err = run(["a.md"], d)
    check("a config above the repository root does not apply",
          code in (0, 1) and "planted" not in err, (code, err))
    sub = os.path.join(top, "nogit")
    os.makedirs(sub)
    shutil.copy(os.path.join(d, "a.md"), sub)
    code, out, err = run(["a.md"], sub)
    check("without .git the search goes on upward (as before)",
          code == 2 and "planted" in err, (code, err))
    if os.geteuid() == 0:
        os.chown(os.path.join(top, ".medlint.yaml"), 65534, 65534)
        code, out, err = run(["a.md"], sub)
        check("a config owned by another user is ignored",
              code in (0, 1) and "planted" not in err, (code, err))
    else:
        print("note: not root, the ownership case needs chown")


def main():
    tmp = tempfile.mkdtemp(prefix="medlint-trust-")
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    try:
        key_route(tmp, "http://127.0.0.1:%d" % srv.server_address[1])
        config_caches(tmp)
        not_a_cache(tmp)
        config_search(tmp)
    finally:
        srv.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)
    finish("trust")


if __name__ == "__main__":
    main()
