#!/usr/bin/env python3
"""The medlint binary's link checking, end to end, on loopback only:
findings (rule, line, column) for the linkserver routes, --resolve and the
SSRF guard, one request per URL across articles, inline suppression, the
cache (no request for what passed; a cut-short file is a one-line warning),
--links internal opening no socket, link-local refused with
--allow-private, and the progress line on a TTY only.

Servers: ../shared/tools/linkserver.py (started and killed by PID) and a
counting server of our own in a thread, both on 127.0.0.1. Every medlint
run is bounded in time. Where a test must prove that no connection is made
(link-local), connect() runs under strace with an injected error, so that
not even a regression could send a packet.

usage: test_cli_links.py MEDLINT_BINARY SOURCE_DIR   (exit 77: skipped)
"""
import json
import os
import pty
import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

BIN = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else ""
SRC = os.path.abspath(sys.argv[2]) if len(sys.argv) > 2 else ""
SCHEMA = os.path.join(SRC, "schemas", "article.schema.yaml")
LINKSERVER = os.path.join(SRC, "..", "shared", "tools", "linkserver.py")
RUN_TIMEOUT = 60

LS_PORT = 0          # linkserver.py
LS_PROC = None
COUNTER = None       # the counting server


# --- servers -------------------------------------------------------------------

def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_linkserver():
    for _ in range(5):
        port = free_port()
        p = subprocess.Popen([sys.executable, LINKSERVER, str(port)],
                             stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and p.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                return port, p
            except OSError:
                time.sleep(0.05)
        p.kill()
        p.wait(timeout=5)
    raise RuntimeError("linkserver.py did not start")


class CountingServer:
    """HTTP/1.1 on 127.0.0.1 that counts connections and requests.
    /status/CODE/... answers CODE, anything else 200 with a small page."""

    def __init__(self, port=0):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.sock.bind(("127.0.0.1", port))
        except OSError:
            self.sock.close()
            raise
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.lock = threading.Lock()
        self.accepts = 0
        self.requests = []          # (method, path)
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def reset(self):
        with self.lock:
            self.accepts = 0
            self.requests = []

    def seen(self, path=None):
        with self.lock:
            return [r for r in self.requests if path is None or r[1] == path]

    def _serve(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            with self.lock:
                self.accepts += 1
            threading.Thread(target=self._conn, args=(conn,),
                             daemon=True).start()

    def _conn(self, conn):
        conn.settimeout(10)
        f = conn.makefile("rb")
        try:
            while True:
                line = f.readline(8192)
                if not line:
                    return
                parts = line.decode("latin1").split()
                while True:
                    h = f.readline(8192)
                    if h in (b"\r\n", b"\n", b""):
                        break
                if len(parts) != 3 or not parts[2].startswith("HTTP/"):
                    return
                method, path = parts[0], parts[1]
                with self.lock:
                    self.requests.append((method, path))
                m = re.match(r"/status/(\d+)", path)
                code = int(m.group(1)) if m else 200
                body = b"<html><body><h1 id=\"top\">ok</h1></body></html>"
                head = ("HTTP/1.1 %d X\r\nContent-Type: text/html\r\n"
                        "Content-Length: %d\r\n\r\n" % (code, len(body)))
                conn.sendall(head.encode() + (b"" if method == "HEAD"
                                              else body))
        except OSError:
            pass
        finally:
            f.close()
            conn.close()

    def close(self):
        self.running = False
        self.sock.close()
        self.thread.join(timeout=5)


def setUpModule():
    global LS_PORT, LS_PROC, COUNTER
    LS_PORT, LS_PROC = start_linkserver()
    COUNTER = CountingServer()


def tearDownModule():
    if LS_PROC is not None and LS_PROC.poll() is None:
        LS_PROC.kill()
        LS_PROC.wait(timeout=5)
    if COUNTER is not None:
        COUNTER.close()


def ls(path):
    return "http://127.0.0.1:%d%s" % (LS_PORT, path)


def ct(path):
    return "http://127.0.0.1:%d%s" % (COUNTER.port, path)


# --- running medlint -------------------------------------------------------------

def article(lines):
    """An article body (front matter not needed for link rules); lines are
    numbered from 1 in the file."""
    return "\n".join(lines) + "\n"


def where(text, needle):
    """(line, column) of needle, both 1-based, as medlint reports them: a
    finding covers the link target, so for "[text]" the target after it
    ("](" skipped)."""
    for i, line in enumerate(text.split("\n"), 1):
        c = line.find(needle)
        if c >= 0:
            if needle.startswith("[") and \
                    line.startswith("](", c + len(needle) - 1):
                c += len(needle) + 1
            return i, c + 1
    raise AssertionError("%r not in the article" % needle)


class Case(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="medlint-cli-links-")
        COUNTER.reset()

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def config(self, text):
        return self.write(".medlint.yaml", text)

    def medlint(self, args, prefix=(), timeout=RUN_TIMEOUT):
        cmd = list(prefix) + [BIN, "--schema", SCHEMA, "--format", "json",
                              "--today", "2026-06-01"] + args
        env = dict(os.environ)
        if prefix and prefix[0] == "strace":
            # LeakSanitizer cannot run under ptrace (sanitizer builds)
            env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") +
                                   ":detect_leaks=0").lstrip(":")
        p = subprocess.run(cmd, cwd=self.tmp, capture_output=True,
                           timeout=timeout, stdin=subprocess.DEVNULL, env=env)
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace")
        self.assertIn(p.returncode, (0, 1), "exit %d: %s" %
                      (p.returncode, err))
        return json.loads(out), err

    def links(self, report, file=None):
        """Link findings: sorted (file, rule, line, column)."""
        return sorted((os.path.basename(f["file"]), f["rule"], f["line"],
                       f["column"]) for f in report["findings"]
                      if f["rule"].startswith("link-") and
                      (file is None or os.path.basename(f["file"]) == file))

    def message(self, report, rule):
        return [f["message"] for f in report["findings"] if f["rule"] == rule]


def strace_usable():
    """strace that can trace and inject errors here (ptrace may be
    forbidden in a container)."""
    if not shutil.which("strace"):
        return False
    try:
        p = subprocess.run(["strace", "-f", "-o", os.devnull, "-e",
                            "trace=connect", "-e",
                            "inject=connect:error=ENETUNREACH", "true"],
                           capture_output=True, timeout=20)
        return p.returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def unshare_usable():
    if not shutil.which("unshare"):
        return False
    try:
        return subprocess.run(["unshare", "-n", "true"], capture_output=True,
                              timeout=20).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


# --- the tests -------------------------------------------------------------------

class Routes(Case):
    def test_routes_rule_line_column(self):
        self.config("links:\n  timeout: 1\n  retries: 0\n")
        text = article([
            "# Routes",
            "",
            "Fine: [ok](%s)." % ls("/ok/r1"),
            "Gone: [gone](%s)." % ls("/status/404/r2"),
            "- [forbidden](%s)" % ls("/status/403/r3"),
            "",
            "Moved [moved](%s) here." % ls("/redirect/3/r4"),
            "Slow: <%s>" % ls("/hang/r5"),
        ])
        self.write("routes.md", text)
        t0 = time.monotonic()
        rep, err = self.medlint(["--links", "all", "--allow-private",
                                 "--no-cache", "routes.md"])
        took = time.monotonic() - t0
        want = sorted([
            ("routes.md", "link-broken") + where(text, "[gone]"),
            ("routes.md", "link-blocked") + where(text, "[forbidden]"),
            ("routes.md", "link-redirect") + where(text, "[moved]"),
            ("routes.md", "link-timeout") + where(text, "<http"),
        ])
        self.assertEqual(self.links(rep), want, err)
        final = ls("/redirect/0/r4")
        msg = self.message(rep, "link-redirect")
        self.assertEqual(len(msg), 1)
        self.assertIn(final, msg[0])
        # timeout 1 s, retries 0: HEAD, then one GET after a short backoff
        self.assertLess(took, 15, "the timeout bound was not kept")
        self.assertEqual(rep["summary"]["links_checked"], 5)


class Private(Case):
    def test_resolve_without_allow_private_is_refused_unconnected(self):
        url = "http://example.test:%d/ok/private" % COUNTER.port
        text = article(["# Private", "", "See [it](%s)." % url])
        self.write("p.md", text)
        rep, err = self.medlint(["--links", "all", "--no-cache", "--resolve",
                                 "example.test:%d:127.0.0.1" % COUNTER.port,
                                 "p.md"])
        self.assertEqual(self.links(rep),
                         [("p.md", "link-private") + where(text, "[it]")],
                         err)
        self.assertIn("127.0.0.1", self.message(rep, "link-private")[0])
        time.sleep(0.2)
        self.assertEqual(COUNTER.accepts, 0, "the server was connected to")
        self.assertEqual(COUNTER.seen(), [])

    def test_same_name_with_allow_private_is_fetched(self):
        """Control for the test above: the mapping itself works."""
        url = "http://example.test:%d/ok/allowed" % COUNTER.port
        self.write("p.md", article(["# Allowed", "", "[it](%s)" % url]))
        rep, err = self.medlint(["--links", "all", "--no-cache",
                                 "--allow-private", "--resolve",
                                 "example.test:%d:127.0.0.1" % COUNTER.port,
                                 "p.md"])
        self.assertEqual(self.links(rep), [], err)
        self.assertEqual(COUNTER.seen("/ok/allowed"), [("HEAD", "/ok/allowed")])
        # and no https:// probe of an explicit port (it speaks plain HTTP)
        self.assertEqual(COUNTER.accepts, 1)

    def test_link_local_refused_even_with_allow_private(self):
        text = article(["# Metadata", "",
                        "[meta](http://meta.test/latest/meta-data)"])
        self.write("m.md", text)
        args = ["--links", "all", "--no-cache", "--allow-private",
                "--resolve", "meta.test:80:169.254.169.254", "m.md"]
        want = [("m.md", "link-private") + where(text, "[meta]")]
        if strace_usable():
            # Every connect() fails by injection: nothing can leave even
            # if the guard regressed; the trace shows what was attempted.
            trace = os.path.join(self.tmp, "trace")
            rep, err = self.medlint(args, prefix=[
                "strace", "-f", "-qq", "-o", trace, "-e", "trace=connect",
                "-e", "inject=connect:error=ENETUNREACH"])
            with open(trace) as f:
                calls = f.read()
            self.assertNotIn("169.254.169.254", calls)
        elif unshare_usable():
            print("link-local: strace unusable; finding only, in an empty "
                  "network namespace (unshare -n)")
            rep, err = self.medlint(args, prefix=["unshare", "-n"])
        else:
            self.skipTest("neither strace nor unshare -n: not run without "
                          "a guarantee that no packet leaves (the unit "
                          "tests cover the guard)")
        self.assertEqual(self.links(rep), want, err)
        self.assertIn("link-local", self.message(rep, "link-private")[0])


class TlsListener:
    """Accepts on 127.0.0.1:PORT and closes at once: no TLS spoken."""

    def __init__(self, port):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            self.sock.bind(("127.0.0.1", port))
        except OSError:
            self.sock.close()
            raise
        self.sock.listen(64)
        self.sock.settimeout(0.2)
        self.accepts = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            self.accepts += 1
            conn.close()

    def close(self):
        self.running = False
        self.sock.close()
        self.thread.join(timeout=5)


class HttpsProbe(Case):
    def test_probe_skipped_once_the_host_speaks_no_tls(self):
        """http:// links without a port get an https:// probe (for
        link-insecure); once one probe of a host finds no TLS there, the
        host's other links are not probed. Needs 127.0.0.1:80 and :443."""
        try:
            web = CountingServer(80)
        except OSError as e:
            self.skipTest("cannot listen on 127.0.0.1:80 (%s)" % e)
        try:
            tls = TlsListener(443)
        except OSError as e:
            web.close()
            self.skipTest("cannot listen on 127.0.0.1:443 (%s)" % e)
        try:
            n = 10
            self.write("h.md", article(["# Probe", ""] + [
                "[l%d](http://probe.test/ok/p%d)" % (i, i) for i in range(n)]))
            rep, err = self.medlint([
                "--links", "all", "--allow-private", "--no-cache",
                "--resolve", "probe.test:80:127.0.0.1",
                "--resolve", "probe.test:443:127.0.0.1", "h.md"])
            self.assertEqual(self.links(rep), [], err)
            self.assertEqual(len(web.seen()), n)
            # at most the per-host cap in flight before the first failure
            self.assertGreaterEqual(tls.accepts, 1)
            self.assertLessEqual(tls.accepts, 4)
        finally:
            web.close()
            tls.close()


class OncePerRun(Case):
    def test_same_url_in_two_articles_fetched_once_reported_in_both(self):
        url = ct("/status/404/dup")
        a = article(["# A", "", "First [dup](%s)." % url])
        b = article(["# B", "", "", "- Second: [again](%s)" % url])
        self.write("a.md", a)
        self.write("b.md", b)
        rep, err = self.medlint(["--links", "all", "--allow-private",
                                 "--no-cache", "a.md", "b.md"])
        self.assertEqual(self.links(rep), sorted([
            ("a.md", "link-broken") + where(a, "[dup]"),
            ("b.md", "link-broken") + where(b, "[again]")]), err)
        # one check: HEAD, and GET since HEAD failed; not twice that
        self.assertEqual(COUNTER.seen("/status/404/dup"),
                         [("HEAD", "/status/404/dup"),
                          ("GET", "/status/404/dup")])
        self.assertEqual(rep["summary"]["links_checked"], 1)

    def test_disable_next_line(self):
        text = article([
            "# Suppressed", "",
            "<!-- medlint-disable-next-line link-broken -->",
            "Known dead: [old](%s)." % ct("/status/404/quiet"),
            "",
            "Still reported: [dead](%s)." % ct("/status/404/loud"),
        ])
        self.write("s.md", text)
        rep, err = self.medlint(["--links", "all", "--allow-private",
                                 "--no-cache", "s.md"])
        self.assertEqual(self.links(rep),
                         [("s.md", "link-broken") + where(text, "[dead]")],
                         err)


class Cache(Case):
    def test_second_run_makes_no_request_for_passed_urls(self):
        text = article(["# Cached", "",
                        "[one](%s)" % ct("/ok/c1"),
                        "[two](%s)" % ct("/ok/c2"),
                        "[dead](%s)" % ct("/status/404/c3")])
        self.write("c.md", text)
        cache = os.path.join(self.tmp, "links.tsv")
        args = ["--links", "all", "--allow-private", "--cache", cache,
                "c.md"]
        rep1, err = self.medlint(args)
        want = [("c.md", "link-broken") + where(text, "[dead]")]
        self.assertEqual(self.links(rep1), want, err)
        self.assertEqual(len(COUNTER.seen("/ok/c1")), 1)
        self.assertEqual(len(COUNTER.seen("/ok/c2")), 1)
        with open(cache) as f:
            self.assertEqual(f.readline(),
                             "# medlint link cache (--links all)\n")
            rows = [line.rstrip("\n").split("\t") for line in f]
        self.assertEqual(sorted(r[0] for r in rows),
                         [ct("/ok/c1"), ct("/ok/c2")])
        COUNTER.reset()
        rep2, err = self.medlint(args)
        self.assertEqual(self.links(rep2), want, err)
        self.assertEqual(COUNTER.seen("/ok/c1"), [])
        self.assertEqual(COUNTER.seen("/ok/c2"), [])
        # a failure is never cached: checked again
        self.assertEqual(len(COUNTER.seen("/status/404/c3")), 2)

    def test_cache_cut_short_is_a_one_line_warning(self):
        text = article(["# Cut", "", "[one](%s)" % ct("/ok/t1")])
        self.write("t.md", text)
        cache = os.path.join(self.tmp, "links.tsv")
        line = "%s\t200\t%d\n" % (ct("/ok/t1"), int(time.time()))
        with open(cache, "w") as f:
            f.write(line * 3 + line[:len(line) // 2])
        rep, err = self.medlint(["--links", "all", "--allow-private",
                                 "--cache", cache, "t.md"])
        self.assertEqual(self.links(rep), [])
        # One warning line. (main.c adds "\n" to the cache's own line
        # end, which leaves an empty line after it: blank lines are not
        # counted here.)
        lines = [x for x in err.splitlines() if x.strip()]
        self.assertEqual(len(lines), 1, "stderr: %r" % err)
        self.assertTrue(lines[0].startswith("medlint: warning: "), err)
        self.assertIn("warning", lines[0])
        self.assertIn(cache, lines[0])
        # only the cut line is dropped: the whole lines before it still
        # settle the link, and the file is rewritten whole
        self.assertEqual(len(COUNTER.seen("/ok/t1")), 0)
        with open(cache) as f:
            self.assertTrue(f.read().endswith("\n"))


class Offline(Case):
    def test_links_internal_opens_no_socket(self):
        if not strace_usable():
            self.skipTest("strace missing or not permitted (ptrace): "
                          "cannot observe socket() calls")
        self.write("target.md", "# Target\n\n## Section\n")
        self.write("o.md", article([
            "# Offline", "",
            "[local](target.md#section) [web](%s)" % ct("/ok/offline"),
            "<%s>" % ls("/ok/offline2")]))
        trace = os.path.join(self.tmp, "trace")
        rep, err = self.medlint(["o.md"], prefix=[
            "strace", "-f", "-qq", "-o", trace, "-e", "trace=socket,connect",
            "-e", "inject=connect:error=ENETUNREACH"])
        with open(trace) as f:
            calls = [c for c in f.read().splitlines() if c.strip()]
        self.assertEqual(calls, [], "--links internal made socket calls")
        self.assertEqual(self.links(rep), [], err)
        self.assertEqual(COUNTER.accepts, 0)
        # the same article, --links all: the trace does see sockets (the
        # method can see what it claims not to see)
        rep, err = self.medlint(["--links", "all", "--allow-private",
                                 "--no-cache", "o.md"], prefix=[
            "strace", "-f", "-qq", "-o", trace, "-e", "trace=socket"])
        with open(trace) as f:
            self.assertIn("socket(AF_INET", f.read())


class Progress(Case):
    ARGS = ["--links", "all", "--allow-private", "--no-cache"]

    def page(self):
        self.write("g.md", article(["# Progress", "",
                                    "[a](%s)" % ls("/ok/g1"),
                                    "[b](%s)" % ls("/status/404/g2"),
                                    "[c](%s)" % ls("/delay/50/g3")]))

    def test_progress_line_on_a_tty(self):
        self.page()
        master, slave = pty.openpty()
        try:
            p = subprocess.Popen([BIN, "--schema", SCHEMA, "--format",
                                  "json"] + self.ARGS + ["g.md"],
                                 cwd=self.tmp, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=slave)
            os.close(slave)
            slave = -1
            got = b""
            deadline = time.monotonic() + RUN_TIMEOUT
            while time.monotonic() < deadline:
                r, _, _ = select.select([master], [], [], 0.5)
                if r:
                    try:
                        chunk = os.read(master, 4096)
                    except OSError:  # EIO: the child closed the tty
                        break
                    if not chunk:
                        break
                    got += chunk
                elif p.poll() is not None:
                    break
            out, _ = p.communicate(timeout=RUN_TIMEOUT)
        finally:
            os.close(master)
            if slave >= 0:
                os.close(slave)
            if p.poll() is None:
                p.kill()
                p.wait()
        text = got.decode("utf-8", "replace")
        self.assertIn(p.returncode, (0, 1))
        self.assertRegex(text, r"links 3/3 checked, 1 failing")
        # one updating line: carriage returns, a single final newline
        self.assertIn("\r", text)
        self.assertEqual(text.count("\n"), 1, repr(text))
        # the report is on stdout, untouched by the progress line
        self.assertEqual(len(json.loads(out)["findings"]) > 0, True)

    def test_no_progress_on_a_pipe(self):
        self.page()
        rep, err = self.medlint(self.ARGS + ["g.md"])
        self.assertEqual(err, "")
        self.assertEqual([f[1] for f in self.links(rep)], ["link-broken"])

    def test_progress_line_under_script(self):
        """The same through script(1): stderr is the pseudo-terminal,
        whose output script copies to its own stdout."""
        if not shutil.which("script"):
            self.skipTest("script(1) not installed")
        self.page()
        cmd = "%s --schema %s --format json %s g.md >/dev/null" % (
            BIN, SCHEMA, " ".join(self.ARGS))
        p = subprocess.run(["script", "-qec", cmd, os.devnull], cwd=self.tmp,
                           capture_output=True, timeout=RUN_TIMEOUT,
                           stdin=subprocess.DEVNULL)
        self.assertRegex(p.stdout.decode("utf-8", "replace"),
                         r"links 3/3 checked, 1 failing")


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    if not os.path.exists(LINKSERVER):
        print("SKIP: %s not found (../shared beside the project)" % LINKSERVER)
        return 77
    prog = unittest.main(argv=[sys.argv[0], "-v"], exit=False)
    r = prog.result
    print("%d passed, %d failed, %d skipped" %
          (r.testsRun - len(r.failures) - len(r.errors) - len(r.skipped),
           len(r.failures) + len(r.errors), len(r.skipped)))
    return 0 if r.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
