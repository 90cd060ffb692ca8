"""Fetch pages that need JavaScript with one headless chromium per pass (Playwright's async API).

:class:`BrowserFetcher` is what :class:`monitor.pipeline.Checker` opens when a document says
``fetch = "browser"``: one chromium for the whole pass, one fresh browser context (no cookies, no cache shared
between sites) per page. A fetch renders the page, waits for the document's ``wait_for`` selector, else for the
first of its ``select`` targets, else for the network to go idle, and returns the rendered HTML as a
:class:`~monitor.fetch.FetchResult`. Like :class:`~monitor.fetch.HttpFetcher` it never raises for what a page or
a server does: a timeout is ``error_kind="timeout"``, a page that cannot be reached ``"network"``, an HTTP
status of 400 or more ``"http"``. A chromium that cannot start fails the browser documents of the pass (as
``"network"``, with the reason), not the pass.

The chromium is Debian's (``/usr/bin/chromium``) unless ``$POLICY_MONITOR_CHROMIUM`` names another one; with
neither, Playwright's own download is tried.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import time
from typing import Any
from urllib.parse import urlsplit

from monitor.fetch import FetchResult, Validators, decode_body
from monitor.watchlist import Defaults, Source

log = logging.getLogger("monitor.browser")

CHROMIUM_ENV = "POLICY_MONITOR_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Without the background-networking flags chromium's own traffic (updates, sync, field trials) competes for
# connections and, in containers, many connections get refused at once.
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--blink-settings=imagesEnabled=false",
)
SETTLE_SECONDS = 3.0  # at most this long for the network to go idle once the policy text is on the page
HTML_TYPE = "text/html; charset=utf-8"


def find_chromium() -> str | None:
    """The chromium to drive: ``$POLICY_MONITOR_CHROMIUM``, else the first chromium on the PATH."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return configured
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


class BrowserFetcher:
    """One chromium shared by the browser fetches of a pass, under the watchlist's concurrency limits."""

    def __init__(self, defaults: Defaults, *, executable_path: str | None = None) -> None:
        self.defaults = defaults
        self.executable_path = executable_path or find_chromium()
        self._global = asyncio.Semaphore(defaults.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._playwright: Any = None
        self._browser: Any = None
        self.start_error: str | None = None

    async def __aenter__(self) -> BrowserFetcher:
        try:
            from playwright.async_api import async_playwright

            self._playwright = await async_playwright().start()
            self._browser = await self._playwright.chromium.launch(
                executable_path=self.executable_path, headless=True, args=list(CHROMIUM_ARGS))
        except Exception as error:  # no chromium, a broken install: the browser documents fail, not the pass
            self.start_error = f"the browser could not start: {type(error).__name__}: {_first_line(error)}"
            log.error("%s", self.start_error)
            await self._close()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self._close()

    async def _close(self) -> None:
        browser, playwright = self._browser, self._playwright
        self._browser = self._playwright = None
        for closing in (browser.close if browser else None, playwright.stop if playwright else None):
            if closing is None:
                continue
            try:
                await closing()
            except Exception as error:  # closing a browser that already died
                log.debug("while closing the browser: %s", error)

    def _host_semaphore(self, host: str) -> asyncio.Semaphore:
        semaphore = self._hosts.get(host)
        if semaphore is None:
            semaphore = self._hosts[host] = asyncio.Semaphore(self.defaults.per_host_concurrency)
        return semaphore

    async def fetch(self, source: Source, *, timeout: float | None = None,
                    validators: Validators | None = None) -> FetchResult:
        """Render one page; never raises for page, network or server faults.

        ``validators`` are accepted for the fetcher protocol and ignored: a browser makes no conditional
        requests, so every check renders the page afresh.
        """
        timeout = timeout or self.defaults.timeout
        url = source.url
        if self._browser is None:
            return FetchResult(url=url, error=self.start_error or "the browser is not running "
                               "(use 'async with BrowserFetcher(...)')", error_kind="network")
        host = (urlsplit(url).hostname or "").lower()
        started = time.monotonic()
        async with self._global, self._host_semaphore(host):
            try:
                # A hard cap above Playwright's own timeouts, for a page or a browser that hangs.
                async with asyncio.timeout(timeout + 5):
                    result = await self._render(source, timeout)
            except TimeoutError:
                result = FetchResult(url=url, error=f"timed out after {timeout:g} s", error_kind="timeout")
        return _with(result, elapsed=time.monotonic() - started)

    async def _render(self, source: Source, timeout: float) -> FetchResult:
        from playwright.async_api import Error as PlaywrightError
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        url = source.url
        deadline = time.monotonic() + timeout
        context = await self._browser.new_context(user_agent=self.defaults.user_agent, service_workers="block",
                                                  java_script_enabled=True, accept_downloads=False)
        try:
            page = await context.new_page()
            try:
                response = await page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
            except PlaywrightTimeout:
                return FetchResult(url=url, error=f"timed out after {timeout:g} s loading the page",
                                   error_kind="timeout")
            except PlaywrightError as error:
                if "Download is starting" in str(error):  # a PDF or another file, not a page
                    return await _download(context, url, deadline)
                return FetchResult(url=url, error=f"network error: {_first_line(error)}", error_kind="network")
            if response is None:
                return FetchResult(url=url, final_url=page.url, error="the browser got no response",
                                   error_kind="network")
            status = response.status
            content_type = (await response.all_headers()).get("content-type", "")
            if status >= 400:
                text = await _content(page)
                return FetchResult(url=url, final_url=page.url, status=status, body=text.encode("utf-8"),
                                   text=text, content_type=HTML_TYPE,
                                   error=f"HTTP {status} {response.status_text}".strip(), error_kind="http")
            if content_type and "html" not in content_type.lower():
                # Not a page: a PDF (which chromium wraps in its viewer) or plain text. The bytes as served
                # come from the context's own client, with the same user agent and cookies.
                return await _download(context, url, deadline)
            warnings = await _settle(page, source, deadline)
            if source.wait_for and warnings:
                return FetchResult(url=url, final_url=page.url, status=status, error=f"timed out after "
                                   f"{timeout:g} s waiting for {source.wait_for!r}", error_kind="timeout")
            text = await _content(page)
            return FetchResult(url=url, final_url=page.url, status=status, body=text.encode("utf-8"), text=text,
                               content_type=HTML_TYPE, encoding="utf-8", warnings=warnings)
        except PlaywrightTimeout:
            return FetchResult(url=url, error=f"timed out after {timeout:g} s", error_kind="timeout")
        except PlaywrightError as error:  # the page crashed, the browser went away
            return FetchResult(url=url, error=f"browser error: {_first_line(error)}", error_kind="network")
        finally:
            try:
                await context.close()
            except Exception as error:
                log.debug("while closing a browser context: %s", error)


async def _settle(page: Any, source: Source, deadline: float) -> tuple[str, ...]:
    """Wait until the policy is on the page: ``wait_for``, else a ``select`` target, else an idle network.

    Returns a warning when the target did not show in time. For a ``select`` target the page is then taken as
    it is, and the guard reports the missing target (a clearer reason than a timeout); a ``wait_for`` that never
    shows means the page never got ready, a timeout.
    """
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    # A range is waited for by its start: the part of the page it keeps begins there.
    target = source.wait_for or (", ".join(selector if isinstance(selector, str) else selector.start
                                           for selector in source.select) if source.select else None)
    remaining = max(deadline - time.monotonic(), 0.1)
    if target:
        try:
            await page.wait_for_selector(target, state="attached", timeout=remaining * 1000)
        except PlaywrightTimeout:
            return (f"waited {remaining:.0f} s for {target!r}, which did not appear",)
        remaining = min(max(deadline - time.monotonic(), 0.1), SETTLE_SECONDS)
    try:
        await page.wait_for_load_state("networkidle", timeout=remaining * 1000)
    except PlaywrightTimeout:
        if not target:
            return ("the network did not go idle; the page was taken as it was",)
    return ()


async def _content(page: Any) -> str:
    try:
        return str(await page.content())
    except Exception:  # a page still navigating (a script redirect): wait for it once
        await page.wait_for_load_state("domcontentloaded")
        return str(await page.content())


async def _download(context: Any, url: str, deadline: float) -> FetchResult:
    """A URL the browser downloads instead of showing (a PDF): fetch it with the context's own client."""
    remaining = max(deadline - time.monotonic(), 0.1)
    response = await context.request.get(url, timeout=remaining * 1000)
    body = await response.body()
    content_type = response.headers.get("content-type")
    text = decode_body(body, content_type)[0]  # as HttpFetcher does, a PDF included (the guard reads it)
    if response.status >= 400:
        return FetchResult(url=url, final_url=response.url, status=response.status, body=body, text=text,
                           content_type=content_type, error=f"HTTP {response.status}", error_kind="http")
    return FetchResult(url=url, final_url=response.url, status=response.status, body=body, text=text,
                       content_type=content_type)


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _with(result: FetchResult, **changes: Any) -> FetchResult:
    from dataclasses import replace

    return replace(result, **changes)
