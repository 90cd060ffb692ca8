"""Fetch pages politely with httpx: bounded concurrency, conditional requests, retries with back-off.

A fetch never raises for anything the network or the server does: it returns a :class:`FetchResult` whose
``error`` says what went wrong (``error_kind`` names it for machines: ``timeout``, ``network``, ``http``,
``too_large``, ``truncated``, ``decode``, ``redirect``, ``scheme``).

>>> import asyncio
>>> async def main():                                                    # doctest: +SKIP
...     async with HttpFetcher(Defaults()) as fetcher:
...         return await fetcher.fetch(Source(url="https://example.com/"))
"""

from __future__ import annotations

import asyncio
import codecs
import email.utils
import random
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx

from monitor.watchlist import Defaults, Source

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# What browsers do (WHATWG Encoding): a page labelled latin-1 or ASCII is read as windows-1252.
_WHATWG_ALIASES = {"latin_1": "cp1252", "ascii": "cp1252", "iso8859-1": "cp1252"}
_LATIN_LOOKALIKES = frozenset({"cp1250", "cp1252", "cp1254", "cp1257", "iso8859-2", "iso8859-9", "iso8859-15",
                               "latin_1", "mac-roman", "cp850", "cp437"})
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


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
    error_kind: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304 and self.error is None


class HttpFetcher:
    """An httpx client with a global and a per-host limit, shared by all the fetches of one pass."""

    def __init__(self, defaults: Defaults, *, transport: httpx.AsyncBaseTransport | None = None,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep) -> None:
        self.defaults = defaults
        self._transport = transport
        self._sleep = sleep
        self._client: httpx.AsyncClient | None = None
        self._global = asyncio.Semaphore(defaults.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._last_request: dict[str, float] = {}

    async def __aenter__(self) -> HttpFetcher:
        self._client = httpx.AsyncClient(
            follow_redirects=True,
            max_redirects=10,
            headers={"User-Agent": self.defaults.user_agent, "Accept": "text/html,application/xhtml+xml,"
                     "application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5", "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=self.defaults.concurrency,
                                max_keepalive_connections=self.defaults.concurrency),
            transport=self._transport,
            trust_env=False,
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
            result, retry_after = await self._attempt(source.url, timeout, validators)
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

    async def _attempt(self, url: str, timeout: float,
                       validators: Validators | None) -> tuple[FetchResult, float | None]:
        host = (urlsplit(url).hostname or "").lower()
        async with self._global, self._host_semaphore(host):
            if self.defaults.per_host_delay:
                wait = self._last_request.get(host, 0.0) + self.defaults.per_host_delay - time.monotonic()
                if wait > 0:
                    await self._sleep(wait)
                self._last_request[host] = time.monotonic()
            try:
                async with asyncio.timeout(timeout):
                    return await self._request(url, validators)
            except TimeoutError:
                return FetchResult(url=url, error=f"timed out after {timeout:g} s", error_kind="timeout"), None
            except httpx.TooManyRedirects:
                return FetchResult(url=url, error="too many redirects (a redirect loop?)", error_kind="redirect"), None
            except httpx.UnsupportedProtocol as error:
                return FetchResult(url=url, error=f"redirected to an unsupported scheme: {error}",
                                   error_kind="scheme"), None
            except httpx.DecodingError as error:
                return FetchResult(url=url, error=f"corrupt compressed body: {error}", error_kind="decode"), None
            except httpx.RemoteProtocolError as error:
                return FetchResult(url=url, error=f"connection broken mid-response (truncated body): {error}",
                                   error_kind="truncated"), None
            except httpx.TimeoutException as error:
                return FetchResult(url=url, error=f"timed out: {type(error).__name__}", error_kind="timeout"), None
            except (httpx.TransportError, OSError) as error:
                return FetchResult(url=url, error=f"network error: {type(error).__name__}: {error}",
                                   error_kind="network"), None

    async def _request(self, url: str, validators: Validators | None) -> tuple[FetchResult, float | None]:
        assert self._client is not None
        headers = validators.headers() if validators else {}
        cap = self.defaults.max_size
        async with self._client.stream("GET", url, headers=headers) as response:
            final_url = str(response.url)
            content_type = response.headers.get("content-type")
            new_validators = Validators(response.headers.get("etag"), response.headers.get("last-modified"))
            base = {"url": url, "final_url": final_url, "status": response.status_code,
                    "content_type": content_type, "validators": new_validators}
            if response.status_code == 304:
                return FetchResult(**base), None
            if response.status_code >= 400:
                retry_after = parse_retry_after(response.headers.get("retry-after"))
                reason = response.reason_phrase or ""
                body = await _read_capped(response, min(cap, 256 * 1024))
                failed = FetchResult(**base, body=body, text=decode_body(body, content_type)[0],
                                     error=f"HTTP {response.status_code} {reason}".strip(), error_kind="http")
                return failed, retry_after
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > cap:
                return FetchResult(**base, error=f"response too large: Content-Length {int(declared):,} bytes is over "
                                   f"the {cap:,}-byte cap", error_kind="too_large"), None
            body = await _read_capped(response, cap)
            if len(body) > cap:
                return FetchResult(**base, error=f"response too large: cut off at the {cap:,}-byte cap",
                                   error_kind="too_large"), None
        text, encoding, warnings = _decode_with_warnings(body, content_type)
        return FetchResult(**base, body=body, text=text, encoding=encoding, warnings=warnings), None


async def _read_capped(response: httpx.Response, cap: int) -> bytes:
    """Read at most ``cap + 1`` decoded bytes, so an oversized body is cut off while streaming."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        chunks.append(chunk)
        size += len(chunk)
        if size > cap:
            break
    return b"".join(chunks)[: cap + 1]


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
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(codec, codec)


def charset_from_content_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([^;\"'\s]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Bytes → text: the charset of the Content-Type, then ``<meta charset>``, then detection."""
    text, encoding, _ = _decode_with_warnings(body, content_type)
    return text, encoding


def _decode_with_warnings(body: bytes, content_type: str | None) -> tuple[str, str, tuple[str, ...]]:
    warnings: list[str] = []
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", errors="replace"), "utf-8", ()
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return body.decode("utf-16", errors="replace"), "utf-16", ()
    declared = charset_from_content_type(content_type)
    meta = _META_CHARSET.search(body[:4096])
    meta_label = meta.group(1).decode("ascii") if meta else None
    for origin, label in (("Content-Type", declared), ("<meta charset>", meta_label)):
        codec = _codec(label)
        if label and codec is None:
            warnings.append(f"unknown charset {label!r} in {origin}")
        if codec:
            try:
                return body.decode(codec), codec, tuple(warnings)
            except UnicodeDecodeError:
                warnings.append(f"page is not valid {codec} as its {origin} says; charset detected instead")
                break
    try:
        return body.decode("utf-8"), "utf-8", tuple(warnings)
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    codec = _codec(best.encoding) if best is not None else None
    if codec is None or codec in _LATIN_LOOKALIKES:
        # Short Western texts are ambiguous between the Latin code pages; like browsers, take windows-1252.
        codec = "cp1252"
    return body.decode(codec, errors="replace"), codec, tuple(warnings)
