#!/usr/bin/env python3
"""samples/echo-service: a small stateless HTTP service for DePinGpu service orders (docs/job-spec.md).

Routes (port $PORT, default 8080):
  GET  /health              200 "ok" (the spec's health path)
  GET  /echo                JSON: method, path, query and the replica that answered
  POST /echo                the request body back, same content type (at most 1 MiB)
  GET  /events?count=N      server-sent events `id: k` / `data: {...}` for k = 1..N, one every `interval` seconds
                            (default 0.1). A `Last-Event-ID: k` request header resumes the stream at event k + 1:
                            a gateway that lost a replica mid-stream asks another replica to carry on from there.
Every response names the replica in an `X-Replica` header ($DEPIN_LEASE_ID/$DEPIN_EPOCH, else the host name).
"""
import json
import os
import socket
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

MAX_BODY_BYTES = 1 << 20
MAX_EVENTS = 100_000
REPLICA = (
    f"{os.environ['DEPIN_LEASE_ID']}/{os.environ.get('DEPIN_EPOCH', '')}"
    if os.environ.get("DEPIN_LEASE_ID") else socket.gethostname()
)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "depingpu-echo/1"

    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == "/health":
            self.reply(200, "text/plain", b"ok")
        elif url.path == "/echo":
            body = {"method": "GET", "path": url.path, "query": parse_qs(url.query), "replica": REPLICA}
            self.reply(200, "application/json", json.dumps(body).encode())
        elif url.path == "/events":
            self.stream_events(parse_qs(url.query))
        else:
            self.reply(404, "text/plain", b"no such route")

    def do_POST(self):
        if urlsplit(self.path).path != "/echo":
            self.reply(404, "text/plain", b"no such route")
            return
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            self.reply(411, "text/plain", b"Content-Length required")
            return
        if int(length) > MAX_BODY_BYTES:
            self.reply(413, "text/plain", b"body larger than 1 MiB")
            return
        body = self.rfile.read(int(length))
        self.reply(200, self.headers.get("Content-Type", "application/octet-stream"), body)

    def stream_events(self, query):
        try:
            count = int(query.get("count", ["10"])[0])
            interval = float(query.get("interval", ["0.1"])[0])
            last = int(self.headers.get("Last-Event-ID", "0"))
        except ValueError:
            self.reply(400, "text/plain", b"count, interval and Last-Event-ID must be numbers")
            return
        if not (0 <= count <= MAX_EVENTS and 0 <= interval <= 10 and last >= 0):
            self.reply(400, "text/plain", b"count must be 0..100000, interval 0..10, Last-Event-ID >= 0")
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("X-Replica", REPLICA)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        for number in range(last + 1, count + 1):
            event = json.dumps({"n": number, "replica": REPLICA})
            self.wfile.write(f"id: {number}\ndata: {event}\n\n".encode())
            self.wfile.flush()
            if number < count and interval > 0:
                time.sleep(interval)

    def reply(self, status, content_type, body):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Replica", REPLICA)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        print(f"{self.address_string()} {format % args}", flush=True)


def main():
    port = int(os.environ.get("PORT", "8080"))
    server = ThreadingHTTPServer(("0.0.0.0", port), Handler)
    server.daemon_threads = True
    print(f"echo-service listening on port {port} replica={REPLICA}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
