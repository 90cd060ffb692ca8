"""A fault server for the tests: a real HTTP server on 127.0.0.1 whose routes hang, trickle, lie and break.

Every fault here is produced by a real socket on the loopback interface, not by a mock: the fetcher sees exactly
what it would see from a broken server on the internet. Routes are plain :class:`~monitor.localserver.PageServer`
handlers (functions that write what they like to the socket), built by the factories below.

>>> with FaultServer() as server:
...     server.set_handler("/short", short_body(b"<p>half</p>", declared=100))
...     import httpx
...     try:
...         httpx.get(server.url("/short"))
...     except httpx.RemoteProtocolError:
...         print("cut off")
cut off
"""

from __future__ import annotations

import gzip
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from monitor.localserver import PageServer

Handler = Callable[[BaseHTTPRequestHandler], None]


class FaultServer(PageServer):
    """A :class:`PageServer` whose hanging routes are released when it stops (so no thread outlives a test)."""

    def __init__(self) -> None:
        super().__init__()
        self.released = threading.Event()

    def stop(self) -> None:
        self.released.set()
        super().stop()

    def hang(self, seconds: float = 30.0) -> Handler:
        """Accept the request and send nothing (no status line, no headers) until released."""

        def handler(request: BaseHTTPRequestHandler) -> None:
            self.released.wait(seconds)
            request.close_connection = True

        return handler

    def trickle(self, body: bytes, *, chunk: int = 16, interval: float = 0.05) -> Handler:
        """Honest headers, then the body a few bytes at a time: each read succeeds, the whole never ends in time."""

        def handler(request: BaseHTTPRequestHandler) -> None:
            _head(request, 200, len(body))
            try:
                for start in range(0, len(body), chunk):
                    if self.released.wait(interval):
                        break
                    request.wfile.write(body[start:start + chunk])
            except OSError:
                pass
            request.close_connection = True

        return handler


def _head(request: BaseHTTPRequestHandler, status: int, length: int | None,
          content_type: str = "text/html; charset=utf-8", headers: dict[str, str] | None = None) -> None:
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    if length is not None:
        request.send_header("Content-Length", str(length))
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    request.end_headers()


def reset_mid_body(body: bytes) -> Handler:
    """Send half the body, then reset the connection (TCP RST: SO_LINGER with a zero timeout)."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        _head(request, 200, len(body))
        request.wfile.write(body[: len(body) // 2])
        request.wfile.flush()
        time.sleep(0.05)
        connection: socket.socket = request.connection  # type: ignore[assignment]
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()
        request.close_connection = True

    return handler


def short_body(body: bytes, *, declared: int) -> Handler:
    """Declare a Content-Length longer than the body, send the body, close cleanly."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        _head(request, 200, declared, headers={"Connection": "close"})
        request.wfile.write(body)
        request.close_connection = True

    return handler


def gzipped(body: bytes, *, corrupt: str = "none") -> Handler:
    """``Content-Encoding: gzip``; ``corrupt`` is ``"garbage"`` (not gzip at all), ``"truncated"`` (the stream
    stops halfway, Content-Length matching what is sent) or ``"crc"`` (a complete stream with a wrong checksum)."""
    data = gzip.compress(body)
    if corrupt == "garbage":
        data = b"\x1f\x8b\x08\x00garbage, not deflate at all" + bytes(range(256))
    elif corrupt == "truncated":
        data = data[: len(data) // 2]
    elif corrupt == "crc":
        data = data[:-8] + bytes(b ^ 0xFF for b in data[-8:-4]) + data[-4:]

    def handler(request: BaseHTTPRequestHandler) -> None:
        _head(request, 200, len(data), headers={"Content-Encoding": "gzip"})
        request.wfile.write(data)

    return handler


def raw(status: int, body: bytes, *, content_type: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None) -> Handler:
    """Any status, headers and body, written as given."""

    def handler(request: BaseHTTPRequestHandler) -> None:
        _head(request, status, len(body), content_type, headers)
        request.wfile.write(body)

    return handler


@dataclass
class InFlightRecorder:
    """A route that records how many requests were in flight at once, per host, and when each one started."""

    body: bytes
    hold: float = 0.05
    in_flight: int = 0
    max_in_flight: int = 0
    starts: list[float] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, request: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self.starts.append(time.monotonic())
        try:
            time.sleep(self.hold)
        finally:
            # Counted out before the answer goes: once the client has the body it may send the next request.
            with self._lock:
                self.in_flight -= 1
        _head(request, 200, len(self.body))
        request.wfile.write(self.body)
