#!/usr/bin/python3
"""An HTTP SMS gateway on 127.0.0.1 for the outbox tests.

Writes its port to --port-file once it listens. Each request is appended to --record (one JSON object a line:
method, path, headers, body, duplicate) before it is answered. The answers follow --plan, a file of one answer a
line, taken from the top as requests come ("200", "500", "429 2" for Retry-After: 2, "400", "hang" for no answer
for a minute); an empty plan answers 200. A test may rewrite the plan between requests. Like a real gateway that
honours Idempotency-Key, a key already answered 2xx is answered 200 again and flagged as a duplicate."""
import argparse
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

lock = threading.Lock()
delivered = set()


def next_answer(plan_file):
    with lock:
        try:
            with open(plan_file) as plan:
                lines = [line.strip() for line in plan if line.strip()]
        except FileNotFoundError:
            lines = []
        if not lines:
            return "200"
        with open(plan_file + ".partial", "w") as plan:
            plan.write("\n".join(lines[1:]) + ("\n" if lines[1:] else ""))
        os.rename(plan_file + ".partial", plan_file)
        return lines[0]


class Gateway(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        key = self.headers.get("Idempotency-Key")
        with lock:
            duplicate = key in delivered
            with open(self.server.record, "a") as record:
                record.write(json.dumps({"method": self.command, "path": self.path,
                                         "headers": {k.lower(): v for k, v in self.headers.items()},
                                         "body": body, "duplicate": duplicate}) + "\n")
        answer = "200" if duplicate else next_answer(self.server.plan)
        if answer == "hang":
            time.sleep(60)
            return
        parts = answer.split()
        status = int(parts[0])
        payload = b'{"status":"queued"}' if status < 300 else b'{"error":"test"}'
        self.send_response(status)
        if len(parts) > 1:
            self.send_header("Retry-After", parts[1])
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)
        if 200 <= status < 300 and key:
            with lock:
                delivered.add(key)

    do_POST = handle_any
    do_PUT = handle_any
    do_GET = handle_any


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--record", required=True)
    parser.add_argument("--plan", required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    server.daemon_threads = True
    server.record = args.record
    server.plan = args.plan
    with open(args.port_file + ".partial", "w") as out:
        out.write(str(server.server_address[1]))
    os.rename(args.port_file + ".partial", args.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
