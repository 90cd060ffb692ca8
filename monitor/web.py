"""``policy-monitor serve``: a small read-only web front end over a data directory, with Atom feeds.

Pages: the changes (newest first; ``?service=``, ``?severity=`` — at least —, ``?ai=1``, ``?before=`` to page), one
change (findings first, then a side-by-side and a word diff of the changed sentences, AI clauses highlighted, and
the platform's opt-out steps), a document's history and the health of every document. Feeds (Atom): every
change, AI-relevant changes, one service's changes.

Safe by default:

- **Read-only.** The data directory is opened with :class:`~monitor.store.Store` ``read_only`` (SQLite refuses
  every write on the connection) and only through the store's public reads; every method but GET and HEAD is
  refused (405).
- **Escaped.** Every template autoescapes; page text is never turned into markup or links (a Markdown link in a
  policy stays text), and the only link to elsewhere, a document's URL, is a link only when it is http(s).
- **Strict Content-Security-Policy**: no script at all, the one stylesheet allowed by its hash, no frames, forms
  posting nowhere but here. No channel URL, no secret and no error text from the database beyond what ``status``
  prints is shown.
- **Token.** With a token, every request needs it: ``Authorization: Bearer TOKEN`` or ``?token=TOKEN`` (compared
  in constant time). A request that came with ``?token=`` gets links that carry it, so a browser or a feed reader
  can follow them.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import hmac
import logging
import queue
import re
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import jinja2
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from monitor import clock, diff
from monitor.classify import SEVERITY_ORDER
from monitor.controlchars import C0_BUT_LAYOUT
from monitor.findings import finding_from_dict, severity_of
from monitor.notify import CATEGORY_LABELS
from monitor.render import short_time
from monitor.storage import Storage
from monitor.store import ChangeRow, Store, StoreError
from monitor.watchlist import Watchlist

log = logging.getLogger("monitor.web")

PAGE_SIZE = 50  # changes on one page of the list
HEALTH_PAGE_SIZE = 200  # documents on one page of the health table (those that need attention: all, above it)
FEED_SIZE = 30  # entries in a feed
FEED_SENTENCES = 12  # changed sentences in a feed entry (the rest: on the change's page)
PAGE_SENTENCES = 400  # changed sentences on a change's page
FINDING_FIELDS = ("actor", "act", "object", "purpose", "modality")
ALLOWED_METHODS = ("GET", "HEAD")

_CSS = files("monitor").joinpath("templates/web/style.css").read_text(encoding="utf-8")
_CSS_HASH = base64.b64encode(hashlib.sha256(_CSS.encode("utf-8")).digest()).decode("ascii")
CONTENT_SECURITY_POLICY = (f"default-src 'none'; style-src 'sha256-{_CSS_HASH}'; img-src 'none'; "
                           "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",  # a ?token= never leaves in a Referer header
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
}
# Characters XML 1.0 cannot carry (lxml refuses them): dropped from feed text.
_NOT_XML = re.compile(f"[{C0_BUT_LAYOUT}\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class WebSettings:
    """What the command line and ``[web]`` say: where to listen, the token, the public address."""

    host: str = "127.0.0.1"
    port: int = 8080
    token: str | None = None
    base_url: str | None = None


@dataclass(frozen=True, slots=True)
class WebOptions:
    data_dir: Path
    token: str | None = None  # expanded already
    base_url: str | None = None  # [web] base_url: absolute links in feeds (else the request's own address)
    watchlist: Callable[[], Watchlist | None] = field(default=lambda: None)  # opt-out steps, read per request


# -- the store, read-only, one connection per thread at a time -------------------------------------------------

class StorePool:
    """Read-only stores shared by the server's threads: a request borrows one and gives it back."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._idle: queue.SimpleQueue[Store] = queue.SimpleQueue()
        self._all: list[Store] = []
        self._lock = threading.Lock()
        self._idle.put(self._open())  # fails now, with the reason, if the data directory cannot be read

    def _open(self) -> Store:
        store = Store(self.data_dir, read_only=True)
        with self._lock:
            self._all.append(store)
        return store

    @contextlib.contextmanager
    def store(self) -> Iterator[Store]:
        try:
            store = self._idle.get_nowait()
        except queue.Empty:
            store = self._open()
        try:
            yield store
        finally:
            self._idle.put(store)

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()


# -- what a change's page shows --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Fragment:
    mark: str  # " " same, "-" removed, "+" added
    text: str


@dataclass(frozen=True, slots=True)
class DiffRow:
    kind: str  # added | removed | modified | moved
    old: tuple[Fragment, ...]
    new: tuple[Fragment, ...]
    words: tuple[Fragment, ...]
    ai: bool
    section: str | None


@dataclass(frozen=True, slots=True)
class DiffView:
    rows: tuple[DiffRow, ...] = ()
    left_out: int = 0
    problem: str | None = None  # why there is no diff (a first version, a blob that cannot be read)


def _normal(text: str) -> str:
    return " ".join(diff.plain(text).split()).casefold()


def _ai_texts(findings: list[dict[str, Any]]) -> tuple[str, ...]:
    texts = []
    for finding in findings:
        for key in ("text", "old_text"):
            value = finding.get(key)
            if isinstance(value, str) and value.strip():
                texts.append(_normal(value))
    return tuple(texts)


def _is_ai(sentence: str, ai_texts: tuple[str, ...]) -> bool:
    """A changed sentence is an AI clause when a finding quotes it (or it quotes a finding: findings may cut)."""
    normal = _normal(sentence)
    return bool(normal) and any(text in normal or (len(normal) >= 20 and normal in text) for text in ai_texts)


def diff_rows(change: diff.Change, findings: list[dict[str, Any]], limit: int) -> DiffView:
    """The changed sentences as rows, at most ``limit``: the AI clauses first chosen, then the first others, shown
    in the document's order (a bounded excerpt never leaves out the clause the change is about)."""
    ai_texts = _ai_texts(findings)
    flags = [_is_ai(sentence.text, ai_texts) or (sentence.old is not None and _is_ai(sentence.old, ai_texts))
             for sentence in change.sentences]
    chosen = [index for index, ai in enumerate(flags) if ai][:limit]
    chosen = sorted(chosen + [index for index, ai in enumerate(flags) if not ai][:limit - len(chosen)])
    rows = []
    for index in chosen:
        sentence, ai = change.sentences[index], flags[index]
        if sentence.kind == "modified":
            words = tuple(Fragment(mark, text) for mark, text in diff.word_diff(sentence.old or "", sentence.text))
            old = tuple(fragment for fragment in words if fragment.mark != "+")
            new = tuple(fragment for fragment in words if fragment.mark != "-")
        elif sentence.kind == "removed":
            old, new = (Fragment("-", sentence.text),), ()
            words = old
        elif sentence.kind == "added":
            old, new = (), (Fragment("+", sentence.text),)
            words = new
        else:
            old = new = words = (Fragment(" ", sentence.text),)
        rows.append(DiffRow(sentence.kind, old, new, words, ai, sentence.section))
    return DiffView(tuple(rows), max(0, len(change.sentences) - limit))


@functools.lru_cache(maxsize=256)
def _cached_diff(old_text: str, new_text: str) -> diff.Change:
    # Keyed by the two texts (a change never changes); a page and its feed entry share the work.
    return diff.diff_texts(old_text, new_text)


def change_diff(store: Storage, change: ChangeRow, limit: int) -> DiffView:
    if change.from_version is None:
        return DiffView(problem="the first version: nothing to compare with")
    old, new = store.version(change.document, change.from_version), store.version(change.document, change.to_version)
    if old is None or new is None:
        return DiffView(problem="a version of this change is missing from the data directory")
    try:
        texts = store.text_of(old), store.text_of(new)
    except StoreError as error:
        return DiffView(problem=f"the text of a version cannot be read: {error}")
    return diff_rows(_cached_diff(*texts), change.findings, limit)


def finding_views(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    views = []
    for finding in findings:
        category = str(finding.get("category", ""))
        label = "AI-use limit" if finding.get("protection") else CATEGORY_LABELS.get(category, category or "finding")
        views.append({
            "label": label, "category": category, "change": str(finding.get("change", "")),
            "severity": severity_of(finding_from_dict(finding)),
            "reading": str(finding.get("reading") or ""), "text": str(finding.get("text") or ""),
            "old_text": str(finding.get("old_text") or ""),
            "fields": [(name, str(finding[name])) for name in FINDING_FIELDS if finding.get(name)],
        })
    return views


# -- templates ---------------------------------------------------------------------------------------------

def _href(url: str | None) -> str | None:
    """A URL to put in an ``href``: only http(s); anything else (``javascript:``, ``data:``) stays text.

    >>> _href("https://x.com/en/tos"), _href("JavaScript:alert(1)"), _href(" data:text/html,<b>")
    ('https://x.com/en/tos', None, None)
    """
    if not url:
        return None
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if scheme in {"http", "https"} else None


@functools.cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(loader=jinja2.PackageLoader("monitor", "templates/web"), autoescape=True,
                                     undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters["when"] = short_time
    environment.filters["href"] = _href
    environment.filters["path"] = lambda name: quote(str(name), safe="")
    environment.globals["css"] = _CSS
    return environment


def _render(name: str, **context: Any) -> str:
    return _environment().get_template(name).render(**context)


# -- the application ------------------------------------------------------------------------------------------

class Site:
    """The routes, over one pool of read-only stores."""

    def __init__(self, options: WebOptions) -> None:
        self.options = options
        self.pool = StorePool(options.data_dir)

    # links ----------------------------------------------------------------------------------------------------

    def _base(self, request: Request) -> str:
        return self.options.base_url or str(request.base_url).rstrip("/")

    @staticmethod
    def _link(request: Request, path: str, params: dict[str, Any] | None = None, *, base: str = "") -> str:
        query = {key: value for key, value in (params or {}).items() if value not in (None, "", False)}
        token = _link_token(request)
        if token:
            query["token"] = token
        return base + path + ("?" + urlencode(query) if query else "")

    def _page(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        def link(path: str, **params: Any) -> str:
            return self._link(request, path, params)

        return HTMLResponse(_render(template, link=link, **context), status_code=status)

    def _not_found(self, request: Request, what: str) -> HTMLResponse:
        return self._page(request, "error.html", 404, title="Not found", message=what)

    def _opt_out(self, service: str) -> str | None:
        watchlist = self.options.watchlist()
        if watchlist is None:
            return None
        try:
            return watchlist.service(service).opt_out
        except KeyError:
            return None

    # pages ------------------------------------------------------------------------------------------------------

    def changes_page(self, request: Request) -> Response:
        params = request.query_params
        service = params.get("service") or None
        severity = params.get("severity") or None
        if severity not in (None, *SEVERITY_ORDER):
            return self._page(request, "error.html", 400, title="Bad request",
                              message=f"severity must be one of {', '.join(SEVERITY_ORDER)}")
        ai_only = params.get("ai") in {"1", "on", "true", "yes"}
        before = _whole_number(params.get("before"))
        with self.pool.store() as store:
            rows = store.changes(ai_only=ai_only, service=service, severities=_at_least(severity), before=before,
                                 limit=PAGE_SIZE + 1)
            services = store.services()
        older = None
        if len(rows) > PAGE_SIZE:
            rows = rows[:PAGE_SIZE]
            older = self._link(request, "/", {"service": service, "severity": severity, "ai": "1" if ai_only else "",
                                               "before": rows[-1].id})
        return self._page(request, "changes.html", title="Changes", changes=rows, services=services,
                          service=service, severity=severity, ai_only=ai_only, severities=list(SEVERITY_ORDER),
                          older=older, paged=before is not None, token=_link_token(request))

    def change_page(self, request: Request) -> Response:
        change_id = _whole_number(request.path_params["change_id"])
        with self.pool.store() as store:
            change = store.change(change_id) if change_id is not None else None
            if change is None:
                return self._not_found(request, f"no change #{request.path_params['change_id']}")
            document = store.document_state(change.document)
            view = change_diff(store, change, PAGE_SENTENCES)
        title = f"{change.service} changed its {change.type}: {change.summary or 'text changed'} ({change.severity})"
        return self._page(request, "change.html", title=title,
                          change=change, document=document, findings=finding_views(change.findings), diff=view,
                          opt_out=self._opt_out(change.service))

    def document_page(self, request: Request) -> Response:
        service, document_type = request.path_params["service"], request.path_params["document"]
        with self.pool.store() as store:
            state = store.find_document(service, document_type)
            if state is None:
                return self._not_found(request, f"no document {service} / {document_type}")
            versions = store.versions(state.key)
            changes = {change.to_version: change for change in store.changes(document=state.key)}
            checks = store.checks(state.key, limit=20)
        history = [(version, changes.get(version.number)) for version in reversed(versions)]
        return self._page(request, "document.html", title=f"{state.service} — {state.type}", document=state,
                          history=history, checks=checks, opt_out=self._opt_out(state.service))

    def health_page(self, request: Request) -> Response:
        with self.pool.store() as store:
            states = store.document_states()
        attention = [state for state in states if state.health == "failing" or state.tracking_broken]
        pages = max(1, -(-len(states) // HEALTH_PAGE_SIZE))
        number = min(max(_whole_number(request.query_params.get("page")) or 1, 1), pages)
        shown = states[(number - 1) * HEALTH_PAGE_SIZE:number * HEALTH_PAGE_SIZE]
        return self._page(request, "health.html", title="Document health", total=len(states), documents=shown,
                          attention=attention, ok=sum(state.health == "ok" for state in states), page=number,
                          pages=pages)

    def stance_page(self, request: Request) -> Response:
        """Where each platform stands on AI (issue 16): the ``stance`` command's table, with the deciding words."""
        from monitor import stance_view

        watchlist = self.options.watchlist()
        steps = {service.name: service.opt_out for service in watchlist.services} if watchlist else {}
        from monitor.stance import FIELDS, pretty

        with self.pool.store() as store:
            rows = stance_view.service_stances(store, (), steps)
        table = [{"service": row.service, "opt_out_steps": row.opt_out_steps, "cells": [
            {"field": name.replace("_", " "), "value": pretty(row.stance.value(name)),
             "since": clock.day(row.since.get(name, "")) if row.since.get(name) else "",
             "document": row.stance.answer(name).document or "",
             "clause": (row.stance.answer(name).clauses or ("",))[0]} for name in FIELDS]} for row in rows]
        return self._page(request, "stance.html", title="Where each platform stands", rows=table)

    # feeds -------------------------------------------------------------------------------------------------------

    def feed_all(self, request: Request) -> Response:
        return self._feed(request, "All changes", "/feeds/changes.atom", {})

    def feed_ai(self, request: Request) -> Response:
        return self._feed(request, "AI-relevant changes", "/feeds/ai.atom", {"ai_only": True})

    def feed_service(self, request: Request) -> Response:
        service = request.path_params["service"]
        with self.pool.store() as store:
            known = {name.casefold(): name for name in store.services()}
        if service.casefold() not in known:
            return self._not_found(request, f"no service {service}")
        name = known[service.casefold()]
        return self._feed(request, f"{name}: changes", f"/feeds/services/{quote(name, safe='')}.atom",
                          {"service": name})

    def _feed(self, request: Request, title: str, path: str, query: dict[str, Any]) -> Response:
        from feedgen.feed import FeedGenerator

        base = self._base(request)
        with self.pool.store() as store:
            changes = store.changes(limit=FEED_SIZE, **query)
            entries = [(change, change_diff(store, change, FEED_SENTENCES)) for change in changes]
        feed = FeedGenerator()
        feed.id(base + path)
        feed.title(_xml(f"policy-monitor — {title}"))
        feed.author({"name": "policy-monitor"})
        feed.link(href=self._link(request, path, base=base), rel="self")
        feed.link(href=self._link(request, "/", {"ai": "1"} if query.get("ai_only") else
                                  {"service": query.get("service")}, base=base), rel="alternate")
        feed.generator("policy-monitor")
        feed.updated(_moment(changes[0].detected_at) if changes else clock.now())
        for change, view in reversed(entries):  # feedgen puts each new entry first
            link = self._link(request, f"/changes/{change.id}", base=base)
            entry = feed.add_entry()
            entry.id(f"{base}/changes/{change.id}")
            entry.title(_xml(f"{change.service} changed its {change.type}: {change.summary or 'text changed'} "
                             f"({change.severity})"))
            entry.link(href=link, rel="alternate")
            entry.published(_moment(change.detected_at))
            entry.updated(_moment(change.detected_at))
            entry.summary(_xml(change.summary or "text changed"))
            entry.content(_xml(_render("feed_entry.html", change=change, findings=finding_views(change.findings),
                                       diff=view, link=link)), type="html")
        body = feed.atom_str(pretty=True)
        return Response(body, media_type="application/atom+xml; charset=utf-8")


def _link_token(request: Request) -> str | None:
    """The token a request brought in its query (set by :class:`Guard`): the links of its page carry it on."""
    token: str | None = request.scope.get("state", {}).get("link_token")
    return token


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _moment(value: str) -> datetime:
    return clock.parse(value) or clock.now()


def _whole_number(value: str | None) -> int | None:
    if value is None or not value.isdigit() or len(value) > 18:
        return None
    return int(value)


def _at_least(severity: str | None) -> list[str] | None:
    if severity is None:
        return None
    floor = SEVERITY_ORDER[severity]
    return [name for name, rank in SEVERITY_ORDER.items() if rank >= floor]


# -- the guard: methods, token, headers ---------------------------------------------------------------------------

class Guard:
    """Refuses every method but GET and HEAD, asks for the token when one is set, and adds the security headers
    to every response (errors included)."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token.encode("utf-8") if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(name, value) for name, value in message.get("headers", [])
                           if name.decode("latin-1").lower() not in SECURITY_HEADERS]
                headers.extend((name.encode(), value.encode()) for name, value in SECURITY_HEADERS.items())
                if self.token:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        if scope["method"] not in ALLOWED_METHODS:
            await _plain(405, "405: this server is read-only (GET and HEAD only)\n",
                         {"allow": ", ".join(ALLOWED_METHODS)})(scope, receive, send_with_headers)
            return
        if self.token is not None:
            given, from_query = _given_token(scope)
            if given is None or not hmac.compare_digest(given.encode("utf-8"), self.token):
                await _plain(401, "401: a token is needed (Authorization: Bearer TOKEN, or ?token=TOKEN)\n",
                             {"www-authenticate": 'Bearer realm="policy-monitor"'})(scope, receive, send_with_headers)
                return
            if from_query:
                scope.setdefault("state", {})["link_token"] = given
        await self.app(scope, receive, send_with_headers)


def _given_token(scope: Scope) -> tuple[str | None, bool]:
    for name, value in scope.get("headers", []):
        if name == b"authorization":
            scheme, _, credentials = value.decode("latin-1").partition(" ")
            if scheme.lower() == "bearer" and credentials.strip():
                return credentials.strip(), False
    values = parse_qs(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True).get("token")
    return (values[-1], True) if values else (None, False)


def _plain(status: int, text: str, headers: dict[str, str]) -> Response:
    return Response(text, status_code=status, media_type="text/plain; charset=utf-8", headers=headers)


def create_app(options: WebOptions) -> tuple[ASGIApp, Site]:
    """The ASGI application for ``options``; raises :class:`StoreError` if the data directory cannot be read."""
    site = Site(options)
    routes = [
        Route("/", site.changes_page, methods=["GET"]),
        Route("/changes/{change_id}", site.change_page, methods=["GET"]),
        Route("/documents/{service}/{document}", site.document_page, methods=["GET"]),
        Route("/health", site.health_page, methods=["GET"]),
        Route("/stance", site.stance_page, methods=["GET"]),
        Route("/feeds/changes.atom", site.feed_all, methods=["GET"]),
        Route("/feeds/ai.atom", site.feed_ai, methods=["GET"]),
        Route("/feeds/services/{service}.atom", site.feed_service, methods=["GET"]),
    ]

    async def not_found(request: Request, _: Exception) -> Response:
        return HTMLResponse(_render("error.html", link=lambda path, **_: path, title="Not found",
                                    message="no such page"), status_code=404)

    async def data_error(request: Request, error: Exception) -> Response:
        log.error("data error: %s", error)
        return HTMLResponse(_render("error.html", link=lambda path, **_: path, title="Data error",
                                    message=str(error)), status_code=500)

    app = Starlette(routes=routes, exception_handlers={404: not_found, StoreError: data_error})
    return Guard(app, options.token), site


# -- serving ---------------------------------------------------------------------------------------------------

class ServeError(RuntimeError):
    """The server cannot start (the port is taken, the address is not this machine's): one line for the user."""


def listen(host: str, port: int) -> socket.socket:
    """A listening socket (bound before the server starts, so that port 0 gives a free port to report)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise ServeError(f"cannot listen on {host}:{port}: {getattr(error, 'strerror', None) or error}") from None
    family, kind, protocol, _, address = infos[0]
    # The protocol given explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says TCP, and without it a
    # response's head and body, written apart, wait out the client's delayed ACK (~40 ms a request).
    sock = socket.socket(family, kind, protocol)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)
    except OSError as error:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None
    sock.set_inheritable(True)
    return sock


def address_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


class WebServer:
    """uvicorn over one listening socket: in the foreground (``serve``) or in a thread of the daemon (``run
    --serve``; in a thread uvicorn leaves the process's signals to the daemon)."""

    def __init__(self, options: WebOptions, sock: socket.socket) -> None:
        import uvicorn

        self.sock = sock
        self.app, self.site = create_app(options)
        # No access log: a request line may carry ?token=. uvicorn's loggers go to the command's own handler.
        config = uvicorn.Config(self.app, log_config=None, access_log=False, server_header=False, lifespan="off",
                                timeout_graceful_shutdown=3)
        self.server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return address_of(self.sock)

    def run(self) -> None:
        """Serve until SIGINT or SIGTERM (in the main thread) or :meth:`stop`."""
        restore = {}
        if threading.current_thread() is threading.main_thread():
            # uvicorn stops on these signals, then raises them again once its own handlers are gone: these
            # handlers take them then, so that a stop is a clean exit (status 0), not an interrupt.
            restore = {signum: signal.signal(signum, _stopped) for signum in (signal.SIGINT, signal.SIGTERM)}
        try:
            self.server.run(sockets=[self.sock])
        finally:
            for signum, handler in restore.items():
                signal.signal(signum, handler)
            self.close()

    def start(self) -> None:
        self._thread = threading.Thread(target=self.run, name="web", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)

    def close(self) -> None:
        self.site.pool.close()
        with contextlib.suppress(OSError):
            self.sock.close()


def _stopped(signum: int, frame: object) -> None:
    """A stop signal once the server has stopped: nothing left to do."""


def is_loopback(host: str) -> bool:
    return host in {"localhost", "127.0.0.1", "::1"} or host.startswith("127.")
