"""Fetch pages politely with httpx: bounded concurrency, conditional requests, retries with back-off.

A fetch never raises for anything the network or the server does: it returns a :class:`FetchResult` whose
``error`` says what went wrong (``error_kind`` names it for machines: :data:`ErrorKind`).

Redirects are followed hop by hop. A page served from a public address may not redirect to a loopback,
link-local, private (RFC 1918) or unique-local address (:func:`is_public_address`): the target is resolved before
it is requested, and the address actually connected to is checked again (DNS can change in between); such a hop
is refused as ``redirect`` unless the document sets ``allow_private_network``.

>>> import asyncio
>>> async def main():                                                    # doctest: +SKIP
...     async with HttpFetcher(Defaults()) as fetcher:
...         return await fetcher.fetch(Source(url="https://example.com/"))
"""

from __future__ import annotations

import asyncio
import codecs
import email.utils
import functools
import ipaddress
import random
import re
import socket
import ssl
import time
import zlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urljoin, urlsplit

import certifi
import httpx

if TYPE_CHECKING:  # the watchlist reads the fetch methods (monitor.fetchers): annotations only here
    from monitor.watchlist import Defaults, Source

ErrorKind = Literal["timeout", "network", "http", "too_large", "truncated", "decode", "redirect", "scheme"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# What browsers do (WHATWG Encoding): a page labelled latin-1 or ASCII is read as windows-1252.
_WHATWG_ALIASES = {"latin_1": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}
_LATIN_LOOKALIKES = frozenset({"cp1250", "cp1252", "cp1254", "cp1257", "iso8859-2", "iso8859-9", "iso8859-15",
                               "latin_1", "mac-roman", "cp850", "cp437"})
_REFUSED_CODECS = frozenset({"undefined", "unicode-escape", "raw-unicode-escape", "utf-7", "idna", "punycode",
                             "mbcs", "oem", "palmos"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
FETCHABLE_SCHEMES = frozenset({"http", "https"})
MAX_REDIRECTS = 10
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_LOCATION_HEADER = "x-policy-monitor-location"
AddressCheck = Callable[[str], bool]


def is_public_address(address: str) -> bool:
    """Whether an IP address is on the public internet: not loopback, link-local, private (RFC 1918), unique-local
    (fc00::/7), shared (100.64/10) or otherwise reserved.

    >>> [is_public_address(a) for a in ("93.184.216.34", "127.0.0.1", "10.1.2.3", "169.254.169.254", "fd00::1")]
    [True, False, False, False, False]
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global


async def resolve(host: str, port: int) -> list[str]:
    """The addresses a host name stands for (the name itself for an address); none when it cannot be resolved."""
    try:
        return [str(ipaddress.ip_address(host.strip("[]")))]
    except ValueError:
        pass
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return []
    return [str(info[4][0]) for info in infos]


async def private_address_of(url: str, is_public: AddressCheck = is_public_address) -> str | None:
    """The first address of the URL's host that is not public (see :func:`is_public_address`), if any."""
    parts = urlsplit(url)
    if not parts.hostname:
        return None
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return next((address for address in await resolve(parts.hostname, port) if not is_public(address)), None)


def refused_redirect(url: str, target: str, address: str, status: int | None = None) -> FetchResult:
    return FetchResult(url=url, final_url=target, status=status, error=f"redirected from a public address to "
                       f"{_shorten(target)!r}, a private one ({address}): refused (set allow_private_network = true "
                       f"for an intranet page)", error_kind="redirect")


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server gave us to make the next request conditional."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


@dataclass(frozen=True, slots=True)
class FetchResult:
    url: str
    final_url: str | None = None
    status: int | None = None
    body: bytes = b""
    text: str | None = None
    content_type: str | None = None
    encoding: str | None = None
    validators: Validators = field(default_factory=Validators)
    elapsed: float = 0.0
    attempts: int = 1
    error: str | None = None
    error_kind: ErrorKind | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304 and self.error is None


MAX_IDLE_CONNECTIONS = 64


class HttpFetcher:
    """An httpx client with a global and a per-host limit, shared by all the fetches of one pass."""

    def __init__(self, defaults: Defaults, *, transport: httpx.AsyncBaseTransport | None = None,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
                 is_public: AddressCheck = is_public_address) -> None:
        self.defaults = defaults
        self._is_public = is_public
        self._transport = transport
        self._sleep = sleep
        self._client: httpx.AsyncClient | None = None
        self._global = asyncio.Semaphore(defaults.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._last_request: dict[str, float] = {}

    async def __aenter__(self) -> HttpFetcher:
        self._client = httpx.AsyncClient(
            follow_redirects=False,  # followed one by one in _request, so that every hop's scheme is checked
            headers={"User-Agent": self.defaults.user_agent, "Accept": "text/html,application/xhtml+xml,"
                     "application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5", "Accept-Encoding": "gzip, deflate"},
            # The semaphores below bound the requests in flight; the pool only keeps connections open for reuse,
            # up to one per host and request slot: a pool as small as the concurrency closed a connection to one
            # host to open one to the next at almost every request of a pass over several hosts.
            limits=httpx.Limits(max_connections=None,
                                max_keepalive_connections=max(self.defaults.concurrency, MAX_IDLE_CONNECTIONS)),
            transport=self._transport,
            verify=_ssl_context(),
            trust_env=False,
            event_hooks={"response": [_hide_location]},
        )
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def fetch(self, source: Source, *, timeout: float | None = None,
                    validators: Validators | None = None) -> FetchResult:
        """Fetch one URL, retrying what is worth retrying; never raises for network or server faults."""
        assert self._client is not None, "use 'async with HttpFetcher(...)'"
        timeout = timeout or self.defaults.timeout
        started = time.monotonic()
        result: FetchResult | None = None
        for attempt in range(1, self.defaults.retries + 2):
            result, retry_after = await self._attempt(source.url, timeout, validators,
                                                      source.allow_private_network)
            result = _replace(result, attempts=attempt)
            is_last = attempt == self.defaults.retries + 1
            if not _worth_retrying(result) or is_last:
                break
            delay = retry_after if retry_after is not None else self.defaults.backoff * 2 ** (attempt - 1)
            if delay > self.defaults.max_retry_after:
                result = _replace(result, error=f"{result.error}; server asked to retry after {delay:.0f} s, "
                                  f"more than max_retry_after ({self.defaults.max_retry_after:.0f} s)")
                break
            await self._sleep(delay * (1 + random.uniform(0, 0.1)))
        assert result is not None
        return _replace(result, elapsed=time.monotonic() - started)

    def _host_semaphore(self, host: str) -> asyncio.Semaphore:
        semaphore = self._hosts.get(host)
        if semaphore is None:
            semaphore = self._hosts[host] = asyncio.Semaphore(self.defaults.per_host_concurrency)
        return semaphore

    async def _attempt(self, url: str, timeout: float, validators: Validators | None,
                       allow_private: bool = False) -> tuple[FetchResult, float | None]:
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:  # not a URL at all: _request says so
            host = ""
        async with self._global, self._host_semaphore(host):
            if self.defaults.per_host_delay:
                # Reserve this request's slot before sleeping: two requests waiting at once must not both take
                # the same slot (the per-host semaphore may let several through together).
                now = time.monotonic()
                slot = max(now, self._last_request.get(host, -float("inf")) + self.defaults.per_host_delay)
                self._last_request[host] = slot
                if slot > now:
                    await self._sleep(slot - now)
            try:
                async with asyncio.timeout(timeout):
                    return await self._request(url, validators, timeout, allow_private)
            except TimeoutError:
                return FetchResult(url=url, error=f"timed out after {timeout:g} s", error_kind="timeout"), None
            except httpx.DecodingError as error:
                return FetchResult(url=url, error=f"corrupt compressed body: {error}", error_kind="decode"), None
            except httpx.RemoteProtocolError as error:
                return FetchResult(url=url, error=f"the server broke the HTTP protocol: {error}",
                                   error_kind="network"), None
            except httpx.TimeoutException as error:
                return FetchResult(url=url, error=f"timed out: {type(error).__name__}", error_kind="timeout"), None
            except (httpx.TransportError, OSError) as error:
                return FetchResult(url=url, error=f"network error: {type(error).__name__}: {error}",
                                   error_kind="network"), None
            except httpx.InvalidURL as error:
                return FetchResult(url=url, error=f"not a URL that can be fetched: {error}", error_kind="scheme"), None

    async def _request(self, url: str, validators: Validators | None, timeout: float,
                       allow_private: bool = False) -> tuple[FetchResult, float | None]:
        """One attempt: follow redirects hop by hop (http and https only, from a public address to public ones
        only unless ``allow_private``), then read the body within the cap."""
        assert self._client is not None
        headers = validators.headers() if validators else {}
        target = url
        visits: dict[str, int] = {}
        from_public = False  # the first hop's address is public: later hops must be too
        for hop in range(MAX_REDIRECTS + 1):
            request = self._build_request(url, target, hop, headers, timeout)
            if isinstance(request, FetchResult):
                return request, None
            guarded = from_public and not allow_private
            if guarded and (address := await private_address_of(target, self._is_public)) is not None:
                return refused_redirect(url, target, address), None
            response = await self._client.send(request, stream=True)
            try:
                peer = _peer_address(response)
                if hop == 0:
                    from_public = peer is not None and self._is_public(peer)
                elif guarded and peer is not None and not self._is_public(peer):  # the name now resolves elsewhere
                    return refused_redirect(url, target, peer, response.status_code), None
                location = response.headers.get(_LOCATION_HEADER)
                if response.status_code not in REDIRECT_STATUSES or location is None:
                    return await self._read_response(url, response, self.defaults.max_size)
                redirect = _follow(url, response, location, visits)
                if isinstance(redirect, FetchResult):
                    return redirect, None
                target = redirect
            finally:
                await response.aclose()
        return FetchResult(url=url, final_url=target, error=f"too many redirects (more than {MAX_REDIRECTS})",
                           error_kind="redirect"), None

    def _build_request(self, url: str, target: str, hop: int, headers: dict[str, str],
                       timeout: float) -> httpx.Request | FetchResult:
        """The request for one hop, or why ``target`` (the URL itself at hop 0) cannot be fetched."""
        assert self._client is not None
        redirected = "redirected to " if hop else ""
        try:
            if urlsplit(target).scheme.lower() in FETCHABLE_SCHEMES:
                return self._client.build_request("GET", target, headers=headers, timeout=httpx.Timeout(timeout))
        except (ValueError, httpx.InvalidURL) as error:
            return FetchResult(url=url, final_url=target, error=f"{redirected}an invalid URL: "
                               f"{_shorten(target)!r} ({error})", error_kind="redirect" if hop else "scheme")
        return FetchResult(url=url, final_url=target, error=f"{redirected}{_shorten(target)!r}: only http and "
                           "https URLs are fetched", error_kind="scheme")

    async def _read_response(self, url: str, response: httpx.Response, cap: int) -> tuple[FetchResult, float | None]:
        content_type = response.headers.get("content-type")
        new_validators = Validators(response.headers.get("etag"), response.headers.get("last-modified"))
        base = {"url": url, "final_url": str(response.url), "status": response.status_code,
                "content_type": content_type, "validators": new_validators}
        if response.status_code == 304:
            # Read the (empty) body all the same: a response closed unread closes its connection too, and a pass
            # of 304s would open a new connection for every page.
            try:
                await _read_capped(response, 64 * 1024)
            except (httpx.TransportError, _BodyError):
                pass
            return FetchResult(**base), None
        if response.status_code >= 400:
            retry_after = parse_retry_after(response.headers.get("retry-after"))
            reason = response.reason_phrase or ""
            try:
                body = await _read_capped(response, min(cap, 256 * 1024))
            except (httpx.TransportError, _BodyError):
                body = b""  # the error page itself is broken: the status says enough
            failed = FetchResult(**base, body=body, text=decode_body(body, content_type)[0],
                                 error=f"HTTP {response.status_code} {reason}".strip(), error_kind="http")
            return failed, retry_after
        if response.status_code >= 300 or response.status_code < 200:
            return FetchResult(**base, error=f"HTTP {response.status_code} {response.reason_phrase or ''}".strip()
                               + " without a page", error_kind="http"), None
        declared = response.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > cap:
            return FetchResult(**base, error=f"response too large: Content-Length {int(declared):,} bytes is over "
                               f"the {cap:,}-byte cap", error_kind="too_large"), None
        try:
            body = await _read_capped(response, cap)
        except _BodyError as error:
            return FetchResult(**base, error=error.message, error_kind=error.kind), None
        except (httpx.TransportError, OSError) as error:
            # The status line and headers came, then the connection broke: a reset, or fewer bytes than the
            # Content-Length promised.
            return FetchResult(**base, error=f"connection broken mid-body (truncated response): "
                               f"{type(error).__name__}: {error}".rstrip(": "), error_kind="truncated"), None
        if len(body) > cap:
            return FetchResult(**base, error=f"response too large: cut off at the {cap:,}-byte cap",
                               error_kind="too_large"), None
        text, encoding, warnings = _decode_with_warnings(body, content_type)
        if not _is_pdf(content_type, body) and _looks_binary(text, body, encoding):
            return FetchResult(**base, body=body, error=f"the body is not text in any charset (binary data, or a "
                               f"compressed body without Content-Encoding; read as {encoding})",
                               error_kind="decode"), None
        return FetchResult(**base, body=body, text=text, encoding=encoding, warnings=warnings), None


def _follow(url: str, response: httpx.Response, location: str, visits: dict[str, int]) -> str | FetchResult:
    """Where a redirect leads (counting the visits in ``visits``), or why it is not followed."""
    visits[str(response.url)] = visits.get(str(response.url), 0) + 1
    try:
        target = urljoin(str(response.url), location.strip())
    except ValueError as error:
        return FetchResult(url=url, final_url=str(response.url), status=response.status_code,
                           error=f"redirected to an invalid URL: {_shorten(location)!r} ({error})",
                           error_kind="redirect")
    if visits.get(target, 0) >= 2:  # once more may be a cookie check; a third time is a loop
        return FetchResult(url=url, final_url=target, status=response.status_code,
                           error=f"redirect loop: {_shorten(target)!r} keeps redirecting back", error_kind="redirect")
    return target


def _peer_address(response: httpx.Response) -> str | None:
    """The IP address the response came from (None with a transport that has no socket)."""
    stream = response.extensions.get("network_stream")
    address = stream.get_extra_info("server_addr") if stream is not None else None
    return str(address[0]) if address else None


async def _hide_location(response: httpx.Response) -> None:
    """Keep httpx from parsing Location itself (it raises on ``javascript:`` and other odd targets before we can
    say what was wrong): the header is moved aside and :meth:`HttpFetcher._request` follows it."""
    location = response.headers.get("location")
    if location is not None:
        del response.headers["location"]
        response.headers[_LOCATION_HEADER] = location


class _BodyError(Exception):
    def __init__(self, kind: ErrorKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


class _Inflater:
    """One Content-Encoding layer (gzip or deflate), decompressed a bounded amount at a time."""

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding
        self.gzip = encoding in ("gzip", "x-gzip")
        self._raw_deflate = False
        self._first = True
        self._pending = b""
        self._object = self._new()

    def _new(self) -> Any:
        if self.gzip:
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        return zlib.decompressobj(-zlib.MAX_WBITS if self._raw_deflate else zlib.MAX_WBITS)

    def feed(self, data: bytes, limit: int) -> bytes:
        """At most ``limit`` (≥ 1) bytes of output: a compression bomb is never inflated past the cap."""
        out = bytearray()
        data, self._pending = self._pending + data, b""
        while len(out) < limit:
            if self._object.eof:
                rest, data = self._object.unused_data + data, b""
                if self.gzip and rest[:2] == b"\x1f\x8b"[: len(rest)] and len(rest) < 2:
                    self._pending = rest  # the next member's magic number is split between two chunks
                    break
                if self.gzip and rest.startswith(b"\x1f\x8b"):  # a multi-member gzip stream
                    self._object = self._new()
                    data = rest
                    continue
                break  # bytes after the end of the stream are ignored, as browsers do
            if not data:
                break
            try:
                out += self._object.decompress(data, limit - len(out))
            except zlib.error as error:
                if self._first and not self.gzip and not self._raw_deflate:
                    # "deflate" is sent both zlib-wrapped (as the RFC says) and raw (as some servers do).
                    self._raw_deflate = True
                    self._object = self._new()
                    self._first = False
                    continue
                raise _BodyError("decode", f"corrupt {self.encoding} body: {error}") from None
            self._first = False
            data = self._object.unconsumed_tail
        return bytes(out)

    def finish(self) -> None:
        if not self._object.eof:
            raise _BodyError("truncated", f"the {self.encoding} stream stops before its end (truncated body)")


def _content_decoders(response: httpx.Response) -> list[_Inflater]:
    names = [name.strip().lower() for name in response.headers.get("content-encoding", "").split(",")]
    decoders = []
    for name in reversed([name for name in names if name and name != "identity"]):
        if name not in ("gzip", "x-gzip", "deflate"):
            raise _BodyError("decode", f"unsupported Content-Encoding {name!r}")
        decoders.append(_Inflater(name))
    return decoders


async def _read_capped(response: httpx.Response, cap: int) -> bytes:
    """Read at most ``cap + 1`` decoded bytes, so an oversized body is cut off while streaming.

    The Content-Encoding is undone here rather than by httpx, so that a gzip stream cut short is an error (not a
    silently shorter page) and a compression bomb is never inflated past the cap.
    """
    decoders = _content_decoders(response)
    chunks: list[bytes] = []
    size = 0
    received = False
    async for chunk in response.aiter_raw():
        received = received or bool(chunk)
        for decoder in decoders:
            chunk = decoder.feed(chunk, cap + 1 - size)
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            return b"".join(chunks)[: cap + 1]
    if received:
        for decoder in decoders:
            decoder.finish()
    return b"".join(chunks)


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One TLS context for every client: loading the CA bundle costs ~0.1 s of CPU, per pass otherwise."""
    return ssl.create_default_context(cafile=certifi.where())


def _is_pdf(content_type: str | None, body: bytes) -> bool:
    return "pdf" in (content_type or "").lower() or body[:1024].lstrip().startswith(b"%PDF-")


_BINARY_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\ufffd]")


_BINARY_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_C0_EXACT_CODECS = frozenset({"utf-8", "cp1252"})  # a C0 character in the text is a C0 byte in the body


def _looks_binary(text: str, body: bytes | None = None, encoding: str | None = None) -> bool:
    """Decoded text full of C0 controls or replacement characters is no page (ESC is left out: pages with
    terminal escapes are text, cleaned later)."""
    sample = text[:100_000]
    if body is not None and encoding in _C0_EXACT_CODECS and len(body.translate(None, _BINARY_BYTES)) == len(body):
        # The common case, fast: no C0 control byte in the body, so none in the text; only replacement
        # characters can count (the regular expression costs ~1 ms on a long non-ASCII page).
        bad = sample.count("\ufffd")
        return bad > 8 and bad > len(sample) * 0.01
    bad = len(_BINARY_CHARS.findall(sample))
    return bad > 8 and bad > len(sample) * 0.01


def looks_binary(text: str) -> bool:
    """Whether decoded text is binary data rather than a page (for local files; fetches check it themselves)."""
    return _looks_binary(text)


def _shorten(url: str, limit: int = 200) -> str:
    return url if len(url) <= limit else url[:limit] + "…"


def _worth_retrying(result: FetchResult) -> bool:
    if result.error_kind in {"timeout", "network", "truncated"}:
        return True
    return result.error_kind == "http" and result.status in RETRY_STATUSES


def _replace(result: FetchResult, **changes: Any) -> FetchResult:
    from dataclasses import replace

    return replace(result, **changes)


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _codec(name: str | None) -> str | None:
    """A charset label → a Python text codec, or None for labels no browser would honour.

    A server names the charset, so the label is untrusted: Python also knows codecs that are no charsets at all
    (``base64``, ``rot13``, ``zlib``: they raise), that fail on purpose (``undefined``) or that turn escapes into
    control characters (``unicode_escape``, ``utf-7``).
    """
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().strip("\"'"))
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED_CODECS:
        return None
    return _WHATWG_ALIASES.get(info.name, info.name)


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([^;\"'\s]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Bytes → text: the charset of the Content-Type, then ``<meta charset>``, then detection."""
    text, encoding, _ = _decode_with_warnings(body, content_type)
    return text, encoding


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _detwingled(body: bytes) -> str | None:
    """A UTF-8 page with Windows-1252 bytes pasted in (curly quotes from Word) as the UTF-8 it was meant to be, by
    beautifulsoup4's ``UnicodeDammit.detwingle``; None for a page that is not mostly UTF-8 (detection reads it)."""
    if not _UTF8_SEQUENCE.search(body):
        return None
    from bs4 import UnicodeDammit

    try:
        return UnicodeDammit.detwingle(body).decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_with_warnings(body: bytes, content_type: str | None) -> tuple[str, str, tuple[str, ...]]:
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", errors="replace"), "utf-8", ()
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return body.decode("utf-16", errors="replace"), "utf-16", ()
    warnings: list[str] = []
    labelled = _decode_as_labelled(body, content_type, warnings)
    if labelled is not None:
        return *labelled, tuple(warnings)
    try:
        return body.decode("utf-8"), "utf-8", tuple(warnings)
    except UnicodeDecodeError:
        pass
    if (repaired := _detwingled(body)) is not None:
        warnings.append("UTF-8 page with Windows-1252 characters pasted in (text from a word processor): repaired")
        return repaired, "utf-8", tuple(warnings)
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    codec = _codec(best.encoding) if best is not None else None
    if codec is None or codec in _LATIN_LOOKALIKES:
        # Short Western texts are ambiguous between the Latin code pages; like browsers, take windows-1252.
        codec = "cp1252"
    return body.decode(codec, errors="replace"), codec, tuple(warnings)


def _decode_as_labelled(body: bytes, content_type: str | None, warnings: list[str]) -> tuple[str, str] | None:
    """The text and codec by the first usable charset label (Content-Type, then ``<meta charset>``); None when no
    label is usable or the body is not what its label says (detection then reads it)."""
    meta = _META_CHARSET.search(body[:4096])
    labels = (("Content-Type", charset_from_content_type(content_type)),
              ("<meta charset>", meta.group(1).decode("ascii") if meta else None))
    for origin, label in labels:
        codec = _codec(label)
        if label and codec is None:
            warnings.append(f"unknown charset {label!r} in {origin}")
        if codec is None:
            continue
        if origin == "<meta charset>" and codec.startswith(("utf-16", "utf-32")):
            codec = "utf-8"  # a <meta> readable as ASCII is no UTF-16 (WHATWG: the label means UTF-8)
        if codec in _LATIN_LOOKALIKES and not body.isascii() and (text := _utf8_or_none(body)) is not None:
            # UTF-8 labelled as a Latin code page (a common server default) decodes "successfully" into mojibake
            # ("fÃ¼r"): non-ASCII bytes that are valid UTF-8 are UTF-8, a legacy text almost never is.
            warnings.append(f"page is UTF-8 although its {origin} says {label}; read as UTF-8")
            return text, "utf-8"
        try:
            return body.decode(codec), codec
        except (UnicodeError, LookupError):
            warnings.append(f"page is not valid {codec} as its {origin} says; charset detected instead")
            return None
    return None


def _utf8_or_none(body: bytes) -> str | None:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None
