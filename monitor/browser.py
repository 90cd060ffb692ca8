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

Hostile pages are expected:

- **Sandbox.** Chromium runs with its sandbox. As root, where chromium refuses its sandbox, it is started through
  a small wrapper that first becomes ``nobody`` (``setpriv``), the sandbox then working as for any user (user
  namespaces, or Debian's ``chromium-sandbox``). Only when that cannot start is chromium run with
  ``--no-sandbox``, and a warning says so.
- **Size.** A response of more than ``max_size`` bytes (the document, a script, an XHR) stops the page as
  ``too_large``, counted as chromium receives it; the rendered HTML is held to ``max_size`` too; a download (a PDF)
  is fetched by :class:`~monitor.fetch.HttpFetcher`, streamed within the cap. Each renderer's JavaScript heap is
  capped (:data:`JS_HEAP_MB`).
- **Private addresses.** When the page's own address is public, every request the page makes (subresources,
  scripted navigations, ``fetch`` and form posts) to a loopback, link-local, private or unique-local address is
  aborted before it is sent (Playwright request interception), unless the document sets
  ``allow_private_network``; and a page that got a response from such an address all the same (a redirect,
  which interception does not see) fails as ``redirect``, nothing of it kept.
"""

from __future__ import annotations

import asyncio
import logging
import os
import pwd
import shlex
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from monitor.fetch import (
    AddressCheck,
    ErrorKind,
    FetchResult,
    HttpFetcher,
    Validators,
    is_public_address,
    private_address_of,
    resolve,
)

if TYPE_CHECKING:  # the watchlist reads the fetch methods (monitor.fetchers): annotations only here
    from monitor.watchlist import Defaults, Source

log = logging.getLogger("monitor.browser")

CHROMIUM_ENV = "POLICY_MONITOR_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Without the background-networking flags chromium's own traffic (updates, sync, field trials) competes for
# connections and, in containers, many connections get refused at once.
JS_HEAP_MB = 512  # a renderer's JavaScript heap; a page that needs more crashes, as a failed check
CHROMIUM_ARGS = (
    "--headless", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--blink-settings=imagesEnabled=false", f"--js-flags=--max-old-space-size={JS_HEAP_MB}",
)
UNPRIVILEGED_USER = "nobody"
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


def _unprivileged_wrapper(chromium: str, folder: Path) -> str | None:
    """As root: a script that starts ``chromium`` as :data:`UNPRIVILEGED_USER` (chromium refuses its sandbox as
    root), handing it the profile folder Playwright made; None when there is no such user or no ``setpriv``."""
    setpriv = shutil.which("setpriv")
    try:
        user = pwd.getpwnam(UNPRIVILEGED_USER)
    except KeyError:
        return None
    if setpriv is None:
        return None
    script = folder / "chromium-unprivileged"
    script.write_text(
        "#!/bin/sh\n"
        "# policy-monitor: chromium as an unprivileged user, so that its sandbox runs\n"
        'for arg in "$@"; do\n'
        '  case "$arg" in --user-data-dir=*) chown -R '
        f'{user.pw_uid}:{user.pw_gid} "${{arg#--user-data-dir=}}"; home="${{arg#--user-data-dir=}}";; esac\n'
        "done\n"
        f"exec {shlex.quote(setpriv)} --reuid={user.pw_uid} --regid={user.pw_gid} --clear-groups "
        f'--inh-caps=-all env HOME="${{home:-/tmp}}" {shlex.quote(chromium)} "$@"\n', encoding="utf-8")
    script.chmod(0o700)
    return str(script)


class BrowserFetcher:
    """One chromium shared by the browser fetches of a pass, under the watchlist's concurrency limits."""

    def __init__(self, defaults: Defaults, *, executable_path: str | None = None,
                 is_public: AddressCheck = is_public_address) -> None:
        self.defaults = defaults
        self.executable_path = executable_path or find_chromium()
        self._is_public = is_public
        self._global = asyncio.Semaphore(defaults.concurrency)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._playwright: Any = None
        self._browser: Any = None
        self._http: HttpFetcher | None = None
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self.start_error: str | None = None
        self.sandboxed = False

    async def __aenter__(self) -> BrowserFetcher:
        try:
            from playwright.async_api import async_playwright

            self._playwright = await async_playwright().start()
            self._browser = await self._launch()
            self._http = await HttpFetcher(self.defaults, is_public=self._is_public).__aenter__()
        except Exception as error:  # no chromium, a broken install: the browser documents fail, not the pass
            self.start_error = f"the browser could not start: {type(error).__name__}: {_first_line(error)}"
            log.error("%s", self.start_error)
            await self._close()
        return self

    async def _launch(self) -> Any:
        """Chromium with its sandbox (as ``nobody`` when this process is root); without it only if it must."""
        executable = self.executable_path
        if os.geteuid() == 0 and executable:
            self._folder = tempfile.TemporaryDirectory(prefix="policy-monitor-chromium-")
            executable = _unprivileged_wrapper(executable, Path(self._folder.name)) or executable
        if executable != self.executable_path or os.geteuid() != 0:
            try:
                browser = await self._playwright.chromium.launch(executable_path=executable, headless=True,
                                                                 chromium_sandbox=True, args=list(CHROMIUM_ARGS))
                self.sandboxed = True
                return browser
            except Exception as error:
                reason = _first_line(error)
        else:
            reason = f"running as root without setpriv or a {UNPRIVILEGED_USER!r} user"
        log.warning("chromium runs WITHOUT its sandbox (%s): a page that exploits it runs as this user", reason)
        return await self._playwright.chromium.launch(executable_path=self.executable_path, headless=True,
                                                      args=[*CHROMIUM_ARGS, "--no-sandbox"])

    async def __aexit__(self, *exc_info: object) -> None:
        await self._close()

    async def _close(self) -> None:
        if self._http is not None:
            http, self._http = self._http, None
            await http.__aexit__(None, None, None)
        browser, playwright = self._browser, self._playwright
        self._browser = self._playwright = None
        for closing in (browser.close if browser else None, playwright.stop if playwright else None):
            if closing is None:
                continue
            try:
                await closing()
            except Exception as error:  # closing a browser that already died
                log.debug("while closing the browser: %s", error)
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

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
        guard = await self._page_guard(source)
        context = await self._browser.new_context(user_agent=self.defaults.user_agent, service_workers="block",
                                                  java_script_enabled=True, accept_downloads=False)
        try:
            if guard.guarded:  # a page on a private address may reach private ones: no need to see its requests
                await context.route("**/*", guard.route)
            page = await context.new_page()
            await guard.watch(context, page)
            response = await self._goto(page, source, guard, timeout, deadline)
            if isinstance(response, FetchResult):
                return response
            return await self._read(page, response, source, guard, timeout, deadline)
        except PlaywrightTimeout:
            return guard.verdict(url) or FetchResult(url=url, error=f"timed out after {timeout:g} s",
                                                     error_kind="timeout")
        except PlaywrightError as error:  # the page crashed, the browser went away, or the guard closed the page
            return guard.verdict(url) or FetchResult(url=url, error=f"browser error: {_first_line(error)}",
                                                     error_kind="network")
        finally:
            try:
                await context.close()
            except Exception as error:
                log.debug("while closing a browser context: %s", error)

    async def _goto(self, page: Any, source: Source, guard: _PageGuard, timeout: float,
                    deadline: float) -> Any:
        """The page's response, or the result of a load that went wrong (or turned into a download)."""
        from playwright.async_api import Error as PlaywrightError
        from playwright.async_api import TimeoutError as PlaywrightTimeout

        url = source.url
        try:
            response = await page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
        except PlaywrightTimeout:
            return guard.verdict(url) or FetchResult(url=url, error=f"timed out after {timeout:g} s loading "
                                                     f"the page", error_kind="timeout")
        except PlaywrightError as error:
            if "Download is starting" in str(error):  # a PDF or another file, not a page
                return await self._download(source, deadline)
            return guard.verdict(url) or FetchResult(url=url, error=f"network error: {_first_line(error)}",
                                                     error_kind="network")
        if response is None:
            return FetchResult(url=url, final_url=page.url, error="the browser got no response",
                               error_kind="network")
        return response

    async def _read(self, page: Any, response: Any, source: Source, guard: _PageGuard, timeout: float,
                    deadline: float) -> FetchResult:
        """The loaded page as a fetch result: an HTTP error, the bytes of a file, or the rendered page once
        settled (within the cap)."""
        url, cap = source.url, self.defaults.max_size
        status = response.status
        content_type = (await response.all_headers()).get("content-type", "")
        if status >= 400:
            text = await _content(page)
            return guard.verdict(url) or FetchResult(
                url=url, final_url=page.url, status=status, body=text.encode("utf-8")[:cap], text=text[:cap],
                content_type=HTML_TYPE, error=f"HTTP {status} {response.status_text}".strip(), error_kind="http")
        if content_type and "html" not in content_type.lower():
            # Not a page: a PDF (which chromium wraps in its viewer) or plain text: the bytes as served.
            return guard.verdict(url) or await self._download(source, deadline)
        warnings = await _settle(page, source, deadline)
        if source.wait_for and warnings:
            return guard.verdict(url) or FetchResult(url=url, final_url=page.url, status=status, error=f"timed "
                                                     f"out after {timeout:g} s waiting for {source.wait_for!r}",
                                                     error_kind="timeout")
        text = await _content(page)
        body = text.encode("utf-8")
        if len(body) > cap:
            return FetchResult(url=url, final_url=page.url, status=status, error=f"rendered page too large: "
                               f"{len(body):,} bytes, over the {cap:,}-byte cap", error_kind="too_large")
        return guard.verdict(url) or FetchResult(url=url, final_url=page.url, status=status, body=body, text=text,
                                                 content_type=HTML_TYPE, encoding="utf-8", warnings=warnings)

    async def _page_guard(self, source: Source) -> _PageGuard:
        parts = urlsplit(source.url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = await resolve(parts.hostname or "", port)
        from_public = bool(addresses) and all(self._is_public(address) for address in addresses)
        return _PageGuard(self.defaults.max_size, from_public and not source.allow_private_network, self._is_public)

    async def _download(self, source: Source, deadline: float) -> FetchResult:
        """A URL the browser downloads instead of showing (a PDF): fetched by the HTTP fetcher, which streams it
        within ``max_size`` and checks its redirects (without the browser context's cookies: it has none yet)."""
        assert self._http is not None
        return await self._http.fetch(source, timeout=max(deadline - time.monotonic(), 0.1))


class _PageGuard:
    """What one page may do: no response over the cap, no request from a public page to a private address."""

    def __init__(self, cap: int, guarded: bool, is_public: AddressCheck) -> None:
        self.cap = cap
        self.guarded = guarded  # the page is on a public address and the document did not opt out
        self.is_public = is_public
        self.received: dict[str, int] = {}
        self.problem: tuple[ErrorKind, str] | None = None  # (error kind, message): the first thing that went wrong
        self.page: Any = None
        self._closing: set[asyncio.Task[None]] = set()

    async def route(self, route: Any) -> None:
        """Every request of the context before it is sent: aborted if it would reach a private address."""
        target = route.request.url
        if self.guarded and urlsplit(target).scheme in ("http", "https", "ws", "wss"):
            address = await private_address_of(target, self.is_public)
            if address is not None:
                log.info("blocked a request from a public page to %s (%s)", target[:200], address)
                await route.abort("blockedbyclient")
                return
        await route.continue_()

    async def watch(self, context: Any, page: Any) -> None:
        """Follow the page's responses through the DevTools protocol: their sizes and the addresses they came
        from (a redirect is followed by chromium without going through :meth:`route`)."""
        self.page = page
        session = await context.new_cdp_session(page)
        session.on("Network.responseReceived", self._response)
        session.on("Network.dataReceived", self._data)
        await session.send("Network.enable")

    def _response(self, params: dict[str, Any]) -> None:
        response = params.get("response", {})
        address = str(response.get("remoteIPAddress") or "").strip("[]")
        if self.guarded and address and not self.is_public(address):
            self._stop("redirect", f"the page reached {str(response.get('url', ''))[:200]!r}, a private address "
                       f"({address}), from a public one: refused (set allow_private_network = true for an intranet "
                       f"page)")
        length = str(response.get("headers", {}).get("content-length", response.get("headers", {}).get(
            "Content-Length", "")))
        if length.isdigit() and int(length) > self.cap:
            self._stop("too_large", f"response too large: Content-Length {int(length):,} bytes is over the "
                       f"{self.cap:,}-byte cap")

    def _data(self, params: dict[str, Any]) -> None:
        request = str(params.get("requestId"))
        received = self.received[request] = self.received.get(request, 0) + int(params.get("dataLength") or 0)
        if received > self.cap:
            self._stop("too_large", f"response too large: more than the {self.cap:,}-byte cap")

    def _stop(self, kind: ErrorKind, message: str) -> None:
        if self.problem is not None:
            return
        self.problem = (kind, message)
        if self.page is not None:  # stops its downloads and scripts at once
            task = asyncio.get_running_loop().create_task(self.page.close())
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)

    def verdict(self, url: str) -> FetchResult | None:
        if self.problem is None:
            return None
        kind, message = self.problem
        return FetchResult(url=url, error=message, error_kind=kind)


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


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def _with(result: FetchResult, **changes: Any) -> FetchResult:
    from dataclasses import replace

    return replace(result, **changes)
