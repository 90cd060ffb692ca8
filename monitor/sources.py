"""Fetch one page of a document and make it text: fetch → guard → extract → guard → snapshot.

:func:`fetch_source` is the one step the pipeline runs for each page of a document, in this process or, in a very
large pass, in a fetch worker process (:class:`monitor.offload.RemoteFetch`): it needs only a fetcher, the little
of the store a page needs (:class:`SourceStore`) and somewhere to extract (:class:`PageWork`: inline, or worker
processes). It returns a :class:`SourceText` or raises :class:`SourceFailure`, never writes a version.

:func:`extract_key` names the extraction settings a text was made with, so that a page whose bytes have not
changed since the last good fetch reuses that fetch's text without extracting again, unless its ``select`` or
``remove`` selectors (or the extractor itself, :data:`EXTRACTOR_VERSION`) changed since.

>>> extract_key("html", ("main",), ()) == extract_key("html", ("main",), ())
True
>>> extract_key("html", ("main",), ()) == extract_key("html", ("article",), ())
False
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from monitor import extract, guard
from monitor.blobs import WorkerBlobs, sha256
from monitor.extract import Selector
from monitor.fetch import FetchResult, Validators
from monitor.fetchers import Fetcher
from monitor.storage import SourceState, SourceUpdate
from monitor.watchlist import Document, Source

EXTRACTOR_VERSION = 2  # bump when extract.py produces different text from the same page and selectors
MAX_FAILED_SNAPSHOT = 256 * 1024
T = TypeVar("T")


class WorkTimeout(Exception):
    """Work on a page took longer than its time limit; the worker doing it was killed."""


def extract_key(kind: str, select: tuple[Selector, ...] | list[Selector],
                remove: tuple[Selector, ...] | list[Selector]) -> str:
    settings = json.dumps([EXTRACTOR_VERSION, kind, [str(s) for s in select], [str(s) for s in remove]],
                          ensure_ascii=False)
    return hashlib.sha256(settings.encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A page's text and its SHA-256; ``stored``: its blob was written (it differs from the text known so far)."""

    extracted: extract.Extracted
    text_hash: str
    stored: bool = False


def prepare(body: str, kind: str, select: tuple[Selector, ...], remove: tuple[Selector, ...],
            known_hash: str | None = None, data_dir: str | None = None) -> Prepared:
    """Extract a page and hash its text; with ``data_dir``, write the text's blob if it is not the known one."""
    extracted = extract.extract(body, kind=kind, select=select, remove=remove)
    data = extracted.text.encode("utf-8")
    text_hash = sha256(data)
    if data_dir is None or text_hash == known_hash:
        return Prepared(extracted, text_hash)
    # Most likely a new version: its blob now, here, rather than in the event loop. (When the guard then turns
    # the page down, the blob stays unreferenced, as after a crash: harmless.) Only a large pass writes here, and
    # its store flushes the file system before each commit (Store.batch), so no fsync per blob.
    WorkerBlobs(data_dir).put_blob(data, text_hash, known_hash)
    return Prepared(extracted, text_hash, stored=True)


class SourceStore(Protocol):
    """What fetching a page needs of the store: the last good fetch of the URL, and the raw snapshot's blob."""

    @property
    def writes_wait_for_disk(self) -> bool: ...

    def source_state(self, document: str, url: str) -> SourceState: ...

    def put_blob(self, data: bytes, digest: str | None = None, base: str | None = None) -> str: ...


class PageWork(Protocol):
    """Where a page's CPU work runs (:class:`monitor.offload.Offload`: inline or in worker processes)."""

    async def prepare(self, body: str, *, kind: str, select: tuple[Selector, ...], remove: tuple[Selector, ...],
                      known_hash: str | None = None) -> Prepared: ...

    async def call(self, function: Callable[..., T], *args: Any) -> T: ...


@dataclass(frozen=True, slots=True)
class SourceText:
    """One page's text, or ``text=None`` for the stored text of ``update.text_hash`` (a 304, or the same bytes as
    the last good fetch), read only when needed."""

    text: str | None
    title: str | None
    update: SourceUpdate
    snapshot: str | None
    not_modified: bool
    status: int | None


class SourceFailure(Exception):
    """A page that must not become (part of) a version: the guard's verdict, and what to keep of it."""

    def __init__(self, verdict: guard.Verdict, status: int | None = None, snapshot: str | None = None,
                 pending_text: str | None = None) -> None:
        super().__init__(verdict.message)
        self.verdict = verdict
        self.status = status
        self.snapshot = snapshot
        self.pending_text = pending_text


async def fetch_source(document: Document, source: Source, fetcher: Fetcher, store: SourceStore,
                       work: PageWork) -> SourceText:
    """Fetch one page of ``document`` and extract its text (see the module's documentation)."""
    state = store.source_state(document.key, source.url)
    fetched = await fetcher.fetch(source, timeout=document.timeout, validators=_validators(state))
    failed = guard.judge_fetch(fetched)
    if failed is not None:
        raise SourceFailure(failed, fetched.status, _keep_failed_snapshot(store, fetched.body))
    kind = extract.kind_of(fetched.content_type, fetched.body, source.url)
    settings = extract_key(kind, source.select, source.remove)
    body_hash = sha256(fetched.body)
    known = _known_text(source, state, fetched, body_hash, settings)
    if known is not None:
        return known
    extracted, text_hash = await _extract(source, state, fetched, kind, work)
    page_problem = guard.judge_page(fetched.text or "", extracted, previous_length=None)
    if page_problem is not None:
        raise SourceFailure(page_problem, fetched.status, _keep_failed_snapshot(store, fetched.body, body_hash))
    if body_hash != state.body_hash:
        await _keep_snapshot(store, fetched.body, body_hash, state.body_hash)
    update = SourceUpdate(source.url, fetched.validators.etag, fetched.validators.last_modified, body_hash,
                          text_hash, settings)
    return SourceText(extracted.text, extracted.title, update, body_hash, False, fetched.status)


def _validators(state: SourceState) -> Validators | None:
    """A conditional request only where there is a stored text to fall back on."""
    if state.text_hash and (state.etag or state.last_modified):
        return Validators(state.etag, state.last_modified)
    return None


def _known_text(source: Source, state: SourceState, fetched: FetchResult, body_hash: str,
                settings: str) -> SourceText | None:
    """The stored text, when the page cannot have a new one: a 304, or the very bytes of the last good fetch
    extracted with the same settings (judged then; no 304 from this server, but no need to parse again)."""
    if not state.text_hash:
        return None
    if fetched.not_modified:
        update = SourceUpdate(source.url, fetched.validators.etag or state.etag,
                              fetched.validators.last_modified or state.last_modified,
                              state.body_hash, state.text_hash, state.extract_key)
        return SourceText(None, None, update, state.body_hash, True, 304)
    if state.body_hash == body_hash and state.extract_key == settings:
        update = SourceUpdate(source.url, fetched.validators.etag, fetched.validators.last_modified, body_hash,
                              state.text_hash, settings)
        return SourceText(None, None, update, body_hash, False, fetched.status)
    return None


async def _extract(source: Source, state: SourceState, fetched: FetchResult, kind: str,
                   work: PageWork) -> tuple[extract.Extracted, str]:
    """The page's text and its hash, extracted where ``work`` runs it; a page that cannot be read fails."""
    try:
        if kind == "pdf":
            extracted = await work.call(extract.extract_pdf, fetched.body)
            return extracted, sha256(extracted.text.encode("utf-8"))
        prepared = await work.prepare(fetched.text or "", kind=kind, select=source.select, remove=source.remove,
                                      known_hash=state.text_hash)
        return prepared.extracted, prepared.text_hash
    except extract.ExtractError as error:
        raise SourceFailure(guard.Verdict("extract", str(error)), fetched.status) from None
    except WorkTimeout as error:
        raise SourceFailure(guard.Verdict("extract", f"reading the page {error}"), fetched.status) from None


async def _keep_snapshot(store: SourceStore, body: bytes, body_hash: str, previous: str | None) -> None:
    """The raw snapshot, kept apart from the version text (content-addressed: a body seen before adds nothing), as
    a delta of the last one if that is smaller. An fsync is waited for in a thread, so that it does not hold up
    the other fetches; in a large pass there is none (the batch's commit syncs)."""
    if store.writes_wait_for_disk:
        await asyncio.to_thread(store.put_blob, body, body_hash, previous)
    else:
        store.put_blob(body, body_hash, previous)


def _keep_failed_snapshot(store: SourceStore, body: bytes, digest: str | None = None) -> str | None:
    if not body or len(body) > MAX_FAILED_SNAPSHOT:
        return None
    return store.put_blob(body, digest)
