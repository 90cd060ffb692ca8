"""A small real HTTP server on 127.0.0.1, for the offline demo and the tests.

Pages are set and changed while it runs; it answers conditional requests (ETag / If-None-Match and
Last-Modified / If-Modified-Since) and keeps a log of the requests it received. A route can also be a function
that writes whatever it likes to the socket, for servers that hang, trickle or lie. It is also a webhook
receiver: every POST is answered 200 and kept in :attr:`PageServer.posts` (apprise's ``json://`` and the
Slack-style ``mmost://`` post there), unless a handler is set for its path.

>>> with PageServer() as server:
...     server.set_page("/tos", "<p>Hello</p>")
...     import httpx; httpx.get(server.url("/tos")).text
'<p>Hello</p>'
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Handler = Callable[[BaseHTTPRequestHandler], None]


@dataclass(slots=True)
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: bool = True
    last_modified: str | None = None


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes = b""

    def json(self) -> Any:
        return json.loads(self.body or b"null")


class PageServer:
    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.pages: dict[str, Page | Handler] = {}
        self.requests: list[LoggedRequest] = []
        self.posts: list[LoggedRequest] = []
        self._lock = threading.Lock()
        server = self

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server._serve(self)

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                server._receive(self)

        self._httpd = ThreadingHTTPServer((host, port), RequestHandler)
        self._httpd.daemon_threads = True
        # A short poll interval: stop() returns within 50 ms (the default 0.5 s adds up over a test suite).
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="page-server", daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    def url(self, path: str = "/") -> str:
        return f"http://{self.host}:{self.port}{path}"

    @property
    def host(self) -> str:
        return str(self._httpd.server_address[0])

    def start(self) -> PageServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def __enter__(self) -> PageServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def set_page(self, path: str, body: str | bytes, **options: Any) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self.pages[path] = Page(body=data, **options)

    def set_handler(self, path: str, handler: Handler) -> None:
        with self._lock:
            self.pages[path] = handler

    def requests_for(self, path: str) -> list[LoggedRequest]:
        with self._lock:
            return [request for request in self.requests if request.path == path]

    def posts_to(self, path: str) -> list[LoggedRequest]:
        with self._lock:
            return [post for post in self.posts if post.path == path]

    def _receive(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        logged = LoggedRequest(request.command, request.path, dict(request.headers.items()), body)
        with self._lock:
            self.requests.append(logged)
            handler = self.pages.get(request.path)
            if not callable(handler):
                self.posts.append(logged)
        if callable(handler):
            handler(request)
        else:
            _send(request, 200, b"ok", "text/plain")

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.requests.append(LoggedRequest(request.command, request.path, dict(request.headers.items())))
            page = self.pages.get(request.path)
        if page is None:
            _send(request, 404, b"<h1>Not Found</h1>", "text/html")
            return
        if callable(page):
            page(request)
            return
        headers = dict(page.headers)
        if page.etag and page.status == 200:
            etag = '"' + hashlib.sha256(page.body).hexdigest()[:16] + '"'
            headers["ETag"] = etag
            if request.headers.get("If-None-Match") == etag:
                _send(request, 304, b"", None, headers)
                return
        if page.last_modified:
            headers["Last-Modified"] = page.last_modified
            if request.headers.get("If-Modified-Since") == page.last_modified:
                _send(request, 304, b"", None, headers)
                return
        _send(request, page.status, page.body, page.content_type, headers)


def _send(request: BaseHTTPRequestHandler, status: int, body: bytes, content_type: str | None,
          headers: dict[str, str] | None = None) -> None:
    request.send_response(status)
    if content_type:
        request.send_header("Content-Type", content_type)
    request.send_header("Date", formatdate(usegmt=True))
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    if status != 304:
        request.send_header("Content-Length", str(len(body)))
    request.end_headers()
    if status != 304:
        request.wfile.write(body)
