#!/usr/bin/env python3
"""A fake of the two registries reference verification asks, on 127.0.0.1
only, speaking their documented JSON:

  GET /works/{doi}                       Crossref REST API: 200 {"status":
      "ok", "message-type": "work", "message": {...}}, or 404 "Resource
      not found." (plain text), with X-Rate-Limit-Limit and
      X-Rate-Limit-Interval headers as Crossref sends them
  GET /works/{doi}/agency                {"message-type": "work-agency",
      "message": {"DOI", "agency": {"id", "label"}}}: the fixture's
      "agency" entry, Crossref for its works, else 404
  GET /entrez/eutils/esummary.fcgi?db=pubmed|pmc&retmode=json&id=1,2
      E-utilities esummary 2.0 JSON: {"header": {...}, "result": {"uids":
      [...], "1": {DocSum}, ...}}; an unknown uid is {"uid": "9", "error":
      "cannot get document summary"}
  GET /_stats                            what was asked (not counted): every
      request's path and monotonic time
  GET /_now                              {"t": the monotonic time the request
      was seen at} (not counted): how late this machine sees a request

The fixture (a JSON file) holds "works" (DOI, lower case -> Crossref message),
"pubmed" and "pmc" (uid -> DocSum) and "faults" (DOI or "pubmed:UID" -> one
of "429" (always 429, Retry-After: 1), "429once", "503once", "503" (always),
"hang" (no answer for 30 s), "malformed", "huge" (a 3 MiB body)).

usage: fake_registry.py FIXTURE.json [--port N] [--latency MS]
                        [--lifetime S] [--rate-limit N]
Prints "PORT\\n" once listening; exits by itself after --lifetime seconds
(default 120), so a test that dies cannot leave it behind.
"""
import argparse
import json
import os
import socket
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
SEEN = []           # (monotonic time, path)
FAULT_HITS = {}     # key -> times asked


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fixture = {}
    latency = 0.0
    rate_limit = 50

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        # headers and body go out in two writes: without this, Nagle and
        # the client's delayed ACK add 40 ms to every answer
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def send(self, code, body, ctype="application/json", headers=()):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in headers:
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:
            pass

    def fault(self, key):
        """Answer a fault for key; True when one was sent."""
        kind = self.fixture.get("faults", {}).get(key)
        if not kind:
            return False
        with LOCK:
            hits = FAULT_HITS[key] = FAULT_HITS.get(key, 0) + 1
        if kind == "429" or (kind == "429once" and hits == 1):
            self.send(429, "rate limited", "text/plain",
                      [("Retry-After", "1")])
        elif kind == "503" or (kind == "503once" and hits == 1):
            self.send(503, "unavailable", "text/plain")
        elif kind == "hang":
            time.sleep(30)
            self.close_connection = True
        elif kind == "malformed":
            self.send(200, '{"status": "ok", "message": {"DOI": ')
        elif kind == "huge":
            self.send(200, b'{"status":"ok","message":{"x":"' +
                      b"a" * (3 * 1024 * 1024) + b'"}}')
        else:
            return False
        return True

    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/_stats":
            with LOCK:
                seen = list(SEEN)
            self.send(200, json.dumps({"requests": seen}))
            return
        if url.path == "/_now":
            # when a request is seen, as SEEN records it: the test
            # measures the delay from its send to here (not counted)
            self.send(200, json.dumps({"t": time.monotonic()}))
            return
        with LOCK:
            SEEN.append((time.monotonic(), self.path))
        if self.latency:
            time.sleep(self.latency)
        if url.path.startswith("/works/"):
            self.works(urllib.parse.unquote(url.path[len("/works/"):]))
        elif url.path == "/entrez/eutils/esummary.fcgi":
            self.esummary(urllib.parse.parse_qs(url.query))
        else:
            self.send(404, "not found", "text/plain")

    def works(self, doi):
        doi = doi.lower()
        rl = [("X-Rate-Limit-Limit", str(self.rate_limit)),
              ("X-Rate-Limit-Interval", "1s")]
        if doi.endswith("/agency"):
            self.agency(doi[:-len("/agency")], rl)
            return
        if self.fault(doi):
            return
        msg = self.fixture.get("works", {}).get(doi)
        if msg is None:
            self.send(404, "Resource not found.", "text/plain", rl)
            return
        self.send(200, json.dumps({"status": "ok", "message-type": "work",
                                   "message-version": "1.0.0",
                                   "message": msg}), headers=rl)

    def agency(self, doi, rl):
        ag = self.fixture.get("agency", {}).get(doi)
        if ag is None and doi in self.fixture.get("works", {}):
            ag = {"id": "crossref", "label": "Crossref"}
        if ag is None:
            self.send(404, "Resource not found.", "text/plain", rl)
            return
        self.send(200, json.dumps({"status": "ok",
                                   "message-type": "work-agency",
                                   "message-version": "1.0.0",
                                   "message": {"DOI": doi, "agency": ag}}),
                  headers=rl)

    def esummary(self, q):
        db = q.get("db", [""])[0]
        ids = [i for i in q.get("id", [""])[0].split(",") if i]
        if q.get("retmode", [""])[0] != "json" or db not in ("pubmed", "pmc"):
            self.send(400, '{"error": "bad request"}')
            return
        for uid in ids:
            if self.fault("%s:%s" % (db, uid)):
                return
        table = self.fixture.get(db, {})
        result = {"uids": [i for i in ids if i in table]}
        for uid in ids:
            if uid in table:
                doc = dict(table[uid])
                doc["uid"] = uid
                result[uid] = doc
            else:
                result[uid] = {"uid": uid,
                               "error": "cannot get document summary"}
        self.send(200, json.dumps({
            "header": {"type": "esummary", "version": "0.3"},
            "result": result}))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("fixture")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--latency", type=float, default=0.0, help="ms")
    ap.add_argument("--lifetime", type=float, default=120.0)
    ap.add_argument("--rate-limit", type=int, default=50)
    a = ap.parse_args()
    with open(a.fixture, encoding="utf-8") as f:
        Handler.fixture = json.load(f)
    Handler.latency = a.latency / 1000.0
    Handler.rate_limit = a.rate_limit
    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.daemon_threads = True
    timer = threading.Timer(a.lifetime, lambda: os._exit(0))
    timer.daemon = True
    timer.start()
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
