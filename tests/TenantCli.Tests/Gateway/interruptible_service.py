#!/usr/bin/env python3
"""samples/echo-service with two more routes, for the gateway's end-to-end tests with real nodes (port $PORT):
  POST /slow?seconds=S&id=R   counts request id R (optional) on arrival, waits S seconds (at most 60), then answers the
                              body back, as POST /echo does: a request that is still in flight when the test kills its
                              replica's node.
  GET  /seen?id=R             JSON {"id": R, "count": n}: how many POST /slow with id R this replica received (a test
                              asks each living replica whether a request that must not be re-sent reached it).
  GET  /restarting-events?... the sample's event stream, except that it ignores Last-Event-ID and always starts at
                              event 1: a service that cannot resume a stream.
Every other route is the sample's own (its /events resumes from Last-Event-ID).
"""
import os
import json
import sys
import threading
import time
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# No __pycache__ in samples/: the sample image is tagged by a hash of that folder's files.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "samples", "echo-service"))
import server  # noqa: E402  (the sample, found through the path above)


SEEN = {}
SEEN_LOCK = threading.Lock()
MAX_IDS = 100_000


class Handler(server.Handler):
    def do_GET(self):
        url = urlsplit(self.path)
        if url.path == "/seen":
            request_id = parse_qs(url.query).get("id", [""])[0]
            with SEEN_LOCK:
                count = SEEN.get(request_id, 0)
            self.reply(200, "application/json", json.dumps({"id": request_id, "count": count}).encode())
        elif url.path == "/restarting-events":
            del self.headers["Last-Event-ID"]
            self.stream_events(parse_qs(url.query))
        else:
            super().do_GET()

    def do_POST(self):
        url = urlsplit(self.path)
        if url.path == "/slow":
            query = parse_qs(url.query)
            try:
                seconds = float(query.get("seconds", ["0"])[0])
            except ValueError:
                self.reply(400, "text/plain", b"seconds must be a number")
                return
            request_id = query.get("id", [""])[0][:64]
            if request_id:
                with SEEN_LOCK:
                    if request_id in SEEN or len(SEEN) < MAX_IDS:
                        SEEN[request_id] = SEEN.get(request_id, 0) + 1
            time.sleep(max(0.0, min(seconds, 60.0)))
            self.path = "/echo"
        super().do_POST()


def main():
    port = int(os.environ.get("PORT", "8080"))
    httpd = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    httpd.daemon_threads = True
    print(f"interruptible service listening on port {port} replica={server.REPLICA}", flush=True)
    httpd.serve_forever()


if __name__ == "__main__":
    main()
