"""Real local receivers for the notification tests: an HTTP server and an aiosmtpd SMTP server,
both on 127.0.0.1 only, each bounded (the servers stop with the test; no loop waits unbounded)."""

from __future__ import annotations

import json
import socket
import threading
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


class HttpReceiver:
    """Records every POST as (path, headers, JSON body); answers with the status queued for its path."""

    def __init__(self):
        self.requests: list[tuple[str, dict, object]] = []
        self.failures: dict[str, list[int]] = {}  # path -> statuses to answer first (then 200)
        self.files: dict[str, bytes] = {}  # path -> body served to GET
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's name
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(min(length, 1_000_000))
                queued = receiver.failures.get(self.path) or []
                status = queued.pop(0) if queued else 200
                if status == 200:
                    receiver.requests.append((self.path, dict(self.headers), json.loads(body)))
                self.send_response(status)
                if status == 429:
                    self.send_header("Retry-After", "0")  # a rate limit, as Slack and Discord answer
                self.send_header("Content-Length", "0")
                self.end_headers()

            def do_GET(self):  # noqa: N802
                data = receiver.files.get(self.path)
                self.send_response(200 if data is not None else 404)
                self.send_header("Content-Length", str(len(data or b"")))
                self.end_headers()
                self.wfile.write(data or b"")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def bodies(self, path: str) -> list:
        return [body for p, _, body in self.requests if p == path]

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


class SmtpReceiver:
    """aiosmtpd on 127.0.0.1; ``messages`` holds each delivered e-mail, parsed."""

    def __init__(self):
        self.messages = []
        receiver = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
                receiver.messages.append(message_from_bytes(envelope.content, policy=policy.default))
                return "250 OK"

        with socket.socket() as probe:  # aiosmtpd needs a fixed port: take a free one
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port, ready_timeout=5)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()
