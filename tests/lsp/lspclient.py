"""tests/lsp/lspclient.py: a Language Server Protocol client for tests.

Starts `medlint --lsp`, frames JSON-RPC messages with Content-Length,
and reads the server's messages with a deadline, so that a server that
hangs fails the test instead of blocking it.

    c = Client(binary)
    c.request("initialize", {...})        # -> the response message
    c.notify("initialized", {})
    diags = c.wait_diagnostics(uri)
    c.close()                             # shutdown, exit; -> exit status
"""
import json
import os
import select
import subprocess
import time


class Timeout(Exception):
    pass


class Client:
    def __init__(self, binary, args=(), cwd=None, env=None):
        self.p = subprocess.Popen([binary, "--lsp"] + list(args), cwd=cwd,
                                  env=env, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.buf = b""
        self.next_id = 1
        self.inbox = []     # messages read and not yet taken
        self.log = []       # every message the server sent

    # ---- writing ------------------------------------------------------
    def send_raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, msg):
        body = json.dumps(msg).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method,
                   "params": params if params is not None else {}})

    def request_async(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method,
                   "params": params if params is not None else {}})
        return rid

    def request(self, method, params=None, timeout=10):
        rid = self.request_async(method, params)
        return self.wait_response(rid, timeout)

    # ---- reading ------------------------------------------------------
    def _read_one(self, deadline):
        """One message from the server, or Timeout."""
        while True:
            head_end = self.buf.find(b"\r\n\r\n")
            if head_end >= 0:
                head = self.buf[:head_end].decode("ascii")
                length = None
                for line in head.split("\r\n"):
                    name, _, value = line.partition(":")
                    if name.lower() == "content-length":
                        length = int(value.strip())
                if length is None:
                    raise ValueError("server sent a header without "
                                     "Content-Length: %r" % head)
                start = head_end + 4
                if len(self.buf) >= start + length:
                    body = self.buf[start:start + length]
                    self.buf = self.buf[start + length:]
                    msg = json.loads(body.decode("utf-8"))
                    self.log.append(msg)
                    return msg
            left = deadline - time.monotonic()
            if left <= 0:
                raise Timeout("no message from the server")
            r, _, _ = select.select([self.p.stdout], [], [], left)
            if not r:
                continue
            chunk = os.read(self.p.stdout.fileno(), 1 << 20)
            if not chunk:
                raise EOFError("the server closed its output (exit %r)" %
                               self.p.poll())
            self.buf += chunk

    def wait(self, pred, timeout=10):
        """The first message (kept or new) for which pred is true."""
        for i, m in enumerate(self.inbox):
            if pred(m):
                return self.inbox.pop(i)
        deadline = time.monotonic() + timeout
        while True:
            m = self._read_one(deadline)
            if pred(m):
                return m
            self.inbox.append(m)

    def wait_response(self, rid, timeout=10):
        return self.wait(lambda m: m.get("id") == rid and "method" not in m,
                         timeout)

    def wait_diagnostics(self, uri, timeout=10, version=None):
        def pred(m):
            if m.get("method") != "textDocument/publishDiagnostics":
                return False
            p = m["params"]
            return p["uri"] == uri and (version is None or
                                        p.get("version") == version)
        return self.wait(pred, timeout)["params"]["diagnostics"]

    def drain(self, seconds):
        """Every message that arrives within seconds."""
        got = []
        deadline = time.monotonic() + seconds
        try:
            while True:
                got.append(self._read_one(deadline))
        except Timeout:
            pass
        self.inbox.extend(got)
        return got

    # ---- lifecycle ----------------------------------------------------
    def initialize(self, capabilities=None, options=None):
        params = {"processId": os.getpid(), "rootUri": None,
                  "capabilities": capabilities or {}}
        if options is not None:
            params["initializationOptions"] = options
        r = self.request("initialize", params)
        self.notify("initialized", {})
        return r

    def open(self, path, text=None, version=1, lang="markdown"):
        uri = uri_of(path)
        if text is None:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": lang, "version": version,
            "text": text}})
        return uri

    def close(self, timeout=10):
        """shutdown and exit; the server's exit status."""
        try:
            self.request("shutdown", None, timeout)
            self.notify("exit")
        except (BrokenPipeError, EOFError, Timeout):
            pass
        return self.kill(timeout)

    def kill(self, timeout=10):
        try:
            self.p.stdin.close()
        except BrokenPipeError:
            pass
        try:
            return self.p.wait(timeout)
        except subprocess.TimeoutExpired:
            self.p.kill()
            self.p.wait()
            return None

    def stderr(self):
        return self.p.stderr.read().decode("utf-8", "replace")


def uri_of(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def published(binary, args, paths, base, timeout=30):
    """Opens each of paths in one `medlint --lsp` (run from a folder
    outside base, as an editor is), waits for each one's diagnostics and
    shuts down. Returns (findings, shown, status, stderr): findings as
    sorted (path relative to base, rule, severity, line, character,
    end line, end character, message), 0-based as LSP counts (UTF-32
    positions, as the command line's columns count code points); shown:
    the window/showMessage messages; status: the server's exit status."""
    import tempfile
    c = Client(os.path.abspath(binary), args, cwd=tempfile.gettempdir())
    c.initialize({"general": {"positionEncodings": ["utf-32"]}})
    uris = {c.open(p): p for p in paths}
    for uri in uris:
        c.wait_diagnostics(uri, timeout=timeout)
    last = {}
    for m in c.log:
        if m.get("method") == "textDocument/publishDiagnostics":
            last[m["params"]["uri"]] = m["params"]["diagnostics"]
    shown = [m for m in c.log if m.get("method") == "window/showMessage"]
    status = c.close()
    out = []
    for uri, path in uris.items():
        for g in last.get(uri, []):
            r = g["range"]
            out.append((os.path.relpath(path, base), g["code"],
                        "error" if g["severity"] == 1 else "warning",
                        r["start"]["line"], r["start"]["character"],
                        r["end"]["line"], r["end"]["character"],
                        g["message"]))
    return sorted(out), shown, status, c.stderr()
