"""The fetch methods a watchlist's ``fetch = "…"`` may name: one entry of :data:`FETCHERS` each.

A method is a class opened as an async context manager for a pass (or, in the daemon, shared by the checks
running meanwhile) whose ``fetch`` returns a :class:`monitor.fetch.FetchResult` and never raises for what the
network or the server does. Adding one is a class and one entry here: the watchlist accepts its name, the
pipeline and the daemon open it when a document needs it.

The classes are imported only when a pass opens them (chromium's driver is not loaded for a watchlist of plain
HTTP pages), so this table can be read by the watchlist parser.

>>> sorted(FETCHERS)
['browser', 'http']
>>> FETCHERS["browser"].in_fetch_workers
False
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from monitor.fetch import FetchResult, Validators
    from monitor.watchlist import Defaults, Source


class Fetcher(Protocol):
    async def fetch(self, source: Source, *, timeout: float | None = None,
                    validators: Validators | None = None) -> FetchResult: ...


OpenFetcher = Callable[[], AbstractAsyncContextManager[Fetcher]]


@dataclass(frozen=True, slots=True)
class FetchMethod:
    """``make``: a fetcher for the watchlist's [defaults] (limits, user agent, timeouts)."""

    name: str
    make: Callable[[Defaults], AbstractAsyncContextManager[Fetcher]]
    in_fetch_workers: bool = True  # a very large pass may run it in its fetch worker processes (offload)
    daemon_keeps_open: bool = True  # else the daemon closes it when no check has used it for a while


def _http(defaults: Defaults) -> AbstractAsyncContextManager[Fetcher]:
    from monitor.fetch import HttpFetcher

    return HttpFetcher(defaults)


def _browser(defaults: Defaults) -> AbstractAsyncContextManager[Fetcher]:
    from monitor.browser import BrowserFetcher

    return BrowserFetcher(defaults)


FETCHERS: dict[str, FetchMethod] = {method.name: method for method in (
    FetchMethod("http", _http),
    # One chromium, started only when a check needs it: too heavy to copy into fetch workers or keep idle.
    FetchMethod("browser", _browser, in_fetch_workers=False, daemon_keeps_open=False),
)}
DEFAULT_FETCH = "http"
