"""One check of a document through every stage: fetch → extract → guard → store → diff → classify → outbox.

:class:`Checker` runs a pass over many documents with one shared HTTP client (and one browser when a document
needs it); the scheduler and the ``check`` command both use it.

>>> import asyncio, tempfile
>>> from monitor.store import Store
>>> from monitor.watchlist import loads
>>> wl = loads('[defaults]\\nretries=0\\n[[service]]\\nname="Demo"\\n[[service.document]]\\ntype="Terms"\\n'
...            'url="http://127.0.0.1:9/"\\n')
>>> outcome, = asyncio.run(Checker(wl, Store(tempfile.mkdtemp())).check(wl.documents))
>>> outcome.status, outcome.reason
('failed', 'network')
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from monitor import classify, diff, extract, guard
from monitor.fetch import FetchResult, HttpFetcher, Validators
from monitor.notify import MAX_SENTENCES_IN_EVENT, AlertEvent, plan_alerts
from monitor.offload import LARGE_PASS, REMOTE_PASS, Offload, RemoteFetch, WorkTimeout, extract_key
from monitor.stance import alert_fields
from monitor.store import CheckRecord, DocumentState, NewAlert, SourceUpdate, Store, sha256, utcnow
from monitor.watchlist import Document, Source, Watchlist

log = logging.getLogger("monitor.check")

MAX_FAILED_SNAPSHOT = 256 * 1024
FLIPS = frozenset({"reverted", "oscillating"})  # check statuses of a text coming back


def _day(moment: str) -> str:
    """'3 Oct 2026' from an ISO time stamp."""
    try:
        parsed = datetime.fromisoformat(moment)
    except ValueError:
        return moment
    return f"{parsed.day} {parsed:%b %Y}"


class Fetcher(Protocol):
    async def fetch(self, source: Source, *, timeout: float | None = None,
                    validators: Validators | None = None) -> FetchResult: ...


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """What a check of one document came to, for the progress bar, the summary table and the logs."""

    document: str
    service: str
    type: str
    status: str  # new | changed | reverted | oscillating | unchanged | not_modified | failed
    duration: float
    reason: str | None = None  # a guard.REASONS key when failed
    error: str | None = None
    version: int | None = None
    change_id: int | None = None
    severity: str = "none"
    ai_relevant: bool = False
    summary: str | None = None
    stats: dict[str, int] = field(default_factory=dict)
    alerts: int = 0

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def recorded_change(self) -> bool:
        """A change was recorded (and alerted on): a new text, a revert or the notice of an oscillation."""
        return self.change_id is not None


@dataclass(slots=True)
class _SourceText:
    text: str | None  # None: the stored text of update.text_hash, read only when needed (304, same bytes)
    title: str | None
    update: SourceUpdate
    snapshot: str | None
    not_modified: bool
    status: int | None


class _Failure(Exception):
    def __init__(self, verdict: guard.Verdict, status: int | None = None, snapshot: str | None = None,
                 pending_text: str | None = None) -> None:
        super().__init__(verdict.message)
        self.verdict = verdict
        self.status = status
        self.snapshot = snapshot
        self.pending_text = pending_text


@dataclass(frozen=True, slots=True)
class Assessed:
    """A new text read against the last version: the diff, what it means for AI, and the stance fields of the
    alert (a change of the AI stance is its headline; read only when the change concerns AI)."""

    change: diff.Change
    assessment: classify.Assessment
    stance: dict[str, Any]


def assess_change(old_text: str, new_text: str, service: str, detected_at: str) -> Assessed:
    """Diff, classify and read the stance in one call, so a worker process can do all of it off the event loop."""
    change, assessment = classify.assess_texts(old_text, new_text, service)
    stance = alert_fields(service, old_text, new_text, detected_at) if assessment.ai_relevant else {}
    return Assessed(change, assessment, stance)


class Checker:
    def __init__(self, watchlist: Watchlist, store: Store, *,
                 http_fetcher: Callable[[], Any] | None = None,
                 browser_fetcher: Callable[[], Any] | None = None, isolated: Offload | None = None) -> None:
        """``isolated``: an :class:`Offload` that runs each page's CPU work in a worker process within a time
        limit (the daemon's); otherwise that work is inline, in worker pools for a large pass."""
        self.watchlist = watchlist
        self.store = store
        self._http_factory = http_fetcher or (lambda: HttpFetcher(watchlist.defaults))
        self._browser_factory = browser_fetcher
        self._isolated = isolated
        self._offload = isolated or Offload(0)  # inline; check() uses pools for a large pass
        self._remote: RemoteFetch | None = None
        self._remote_ok = http_fetcher is None  # fetch workers run the default HttpFetcher only

    async def check(self, documents: Sequence[Document],
                    on_done: Callable[[CheckOutcome], None] | None = None) -> list[CheckOutcome]:
        """Check documents concurrently (the fetchers' limits bound the concurrency)."""
        self.store.sync_documents(documents)
        async with AsyncExitStack() as stack:
            offload = self._isolated or Offload(len(documents), self.store.data_dir)
            if offload is not self._isolated:  # the owner of an isolated one closes it
                stack.callback(self._end_offload, offload)
            self._offload = offload
            if len(documents) >= LARGE_PASS:
                stack.enter_context(self.store.batch())  # commits every few hundred checks, not every check
                if self._remote_ok and len(documents) >= REMOTE_PASS and (os.cpu_count() or 1) > 1:
                    # The network and the extraction in worker processes, one per core, and this one keeps the
                    # store: on 2 free cores a pass of 5,000 takes ~25 % less time, for ~40 % more CPU time.
                    self._remote = RemoteFetch(self.watchlist, documents, self.store.data_dir)
                    stack.callback(self._end_remote)
            http = await stack.enter_async_context(self._http_factory())
            browser = None
            if any(document.needs_browser for document in documents):
                browser = await stack.enter_async_context(self._make_browser())

            async def run(document: Document) -> CheckOutcome:
                outcome = await self.check_document(document, http, browser)
                if on_done is not None:
                    on_done(outcome)
                return outcome

            # A bounded set of workers takes the documents in order (not one task per document, which holds
            # thousands of coroutines and their pages at once); the fetchers' limits still bound the fetches.
            outcomes: list[CheckOutcome | None] = [None] * len(documents)
            queue = iter(enumerate(documents))

            async def worker() -> None:
                for index, document in queue:
                    outcomes[index] = await run(document)

            workers = min(len(documents), max(64, 4 * self.watchlist.defaults.concurrency))
            await asyncio.gather(*(worker() for _ in range(workers)))
            return [outcome for outcome in outcomes if outcome is not None]

    def _end_offload(self, offload: Offload) -> None:
        offload.close()
        self._offload = self._isolated or Offload(0)

    def _end_remote(self) -> None:
        if self._remote is not None:
            self._remote.close()
            self._remote = None

    async def _fetch(self, document: Document, index: int, source: Source, http: Fetcher,
                     browser: Fetcher | None) -> _SourceText:
        """:meth:`_fetch_source`, in a fetch worker during a large pass (browser pages stay here)."""
        remote = self._remote
        if remote is None or source.fetch == "browser":
            return await self._fetch_source(document, index, source, http, browser)
        ok, answer = await remote.fetch(document, index, source, self.store.source_state(document.key, source.url))
        if ok:
            return answer  # type: ignore[no-any-return]
        if answer[0] == "failure":
            raise _Failure(*answer[1:])
        if answer[0] == "broken":  # the worker died: this process fetches the page itself
            return await self._fetch_source(document, index, source, http, browser)
        raise RuntimeError(answer[1])

    def _make_browser(self) -> Any:
        if self._browser_factory is not None:
            return self._browser_factory()
        from monitor.browser import BrowserFetcher

        return BrowserFetcher(self.watchlist.defaults)

    async def check_document(self, document: Document, http: Fetcher, browser: Fetcher | None = None) -> CheckOutcome:
        started_at = utcnow()
        started = time.monotonic()
        try:
            parts = [await self._fetch(document, index, source, http, browser)
                     for index, source in enumerate(document.sources)]
        except _Failure as failure:
            return self._record_failure(document, started_at, time.monotonic() - started, failure)
        except Exception as error:  # a bug must not stop the pass, nor pass for a change
            log.exception("unexpected error while checking %s", document.key)
            internal = _Failure(guard.Verdict("extract", f"internal error: {type(error).__name__}: {error}"))
            return self._record_failure(document, started_at, time.monotonic() - started, internal)
        if len(parts) == 1 and parts[0].text is None:
            text = None  # the stored text is the document's text; _record_text reads it only if it must
        else:
            for part in parts:
                if part.text is None:
                    part.text = self.store.get_text(part.update.text_hash)
            text = "\n\n".join(part.text or "" for part in parts)
        # A single page's text hash was taken when it was extracted (or is the stored one): not hashed again.
        text_hash = parts[0].update.text_hash if len(parts) == 1 else sha256((text or "").encode("utf-8"))
        assessed = None
        if text is not None and (self._offload.workers_running or self._offload.isolated):
            # A large pass with worker processes running, or the daemon: a text that differs from the current
            # version is most likely a change, so diff and classify it there (up to ~100 ms a change, and a hostile
            # page must not hold the event loop) rather than in the event loop. _record_text uses the result only
            # if it does come to a change.
            current = self.store.current_version(document.key)
            if current is not None and current.text_hash != text_hash:
                try:
                    assessed = await self._offload.call(assess_change, self.store.text_of(current), text,
                                                         document.service, started_at)
                except WorkTimeout as error:
                    timed_out = _Failure(guard.Verdict("extract", f"comparing with the last version {error}"))
                    return self._record_failure(document, started_at, time.monotonic() - started, timed_out)
        return self._record_text(document, started_at, started, text, text_hash, parts, assessed)

    async def _fetch_source(self, document: Document, index: int, source: Source, http: Fetcher,
                            browser: Fetcher | None) -> _SourceText:
        state = self.store.source_state(document.key, source.url)
        validators = None
        if state.text_hash and (state.etag or state.last_modified):
            validators = Validators(state.etag, state.last_modified)
        fetcher = browser if source.fetch == "browser" and browser is not None else http
        fetched = await fetcher.fetch(source, timeout=document.timeout, validators=validators)
        failed = guard.judge_fetch(fetched)
        if failed is not None:
            snapshot = self._keep_failed_snapshot(fetched.body)
            raise _Failure(failed, fetched.status, snapshot)
        if fetched.not_modified and state.text_hash:
            update = SourceUpdate(source.url, fetched.validators.etag or state.etag,
                                  fetched.validators.last_modified or state.last_modified,
                                  state.body_hash, state.text_hash, state.extract_key)
            return _SourceText(None, None, update, state.body_hash, True, 304)
        kind = extract.kind_of(fetched.content_type, fetched.body, source.url)
        body_hash = sha256(fetched.body)
        settings = extract_key(kind, source.select, source.remove)
        if state.text_hash and state.body_hash == body_hash and state.extract_key == settings:
            # The very bytes of the last good fetch, extracted with the same settings: the same text, which was
            # judged then. (No 304 from this server, but no need to parse the page again.)
            update = SourceUpdate(source.url, fetched.validators.etag, fetched.validators.last_modified, body_hash,
                                  state.text_hash, settings)
            return _SourceText(None, None, update, body_hash, False, fetched.status)
        text_hash = None
        try:
            if kind == "pdf":
                extracted = await self._offload.call(extract.extract_pdf, fetched.body)
            else:
                prepared = await self._offload.prepare(fetched.text or "", kind=kind, select=source.select,
                                                       remove=source.remove, known_hash=state.text_hash)
                extracted, text_hash = prepared.extracted, prepared.text_hash
        except extract.ExtractError as error:
            raise _Failure(guard.Verdict("extract", str(error)), fetched.status) from None
        except WorkTimeout as error:
            raise _Failure(guard.Verdict("extract", f"reading the page {error}"), fetched.status) from None
        page_problem = guard.judge_page(fetched.text or "", extracted, previous_length=None)
        if page_problem is not None:
            raise _Failure(page_problem, fetched.status, self._keep_failed_snapshot(fetched.body, body_hash))
        text_hash = text_hash or sha256(extracted.text.encode("utf-8"))
        if body_hash != state.body_hash:
            # The raw snapshot, kept apart from the version text (content-addressed: a body seen before adds
            # nothing), as a delta of the last one if that is smaller. An fsync is waited for in a thread, so that
            # it does not hold up the other fetches; in a large pass there is none (the batch's commit syncs).
            if self.store.writes_wait_for_disk:
                await asyncio.to_thread(self.store.put_blob, fetched.body, body_hash, state.body_hash)
            else:
                self.store.put_blob(fetched.body, body_hash, state.body_hash)
        update = SourceUpdate(source.url, fetched.validators.etag, fetched.validators.last_modified, body_hash,
                              text_hash, settings)
        return _SourceText(extracted.text, extracted.title, update, body_hash, False, fetched.status)

    def _keep_failed_snapshot(self, body: bytes, digest: str | None = None) -> str | None:
        if not body or len(body) > MAX_FAILED_SNAPSHOT:
            return None
        return self.store.put_blob(body, digest)

    def _record_failure(self, document: Document, started_at: str, duration: float,
                        failure: _Failure) -> CheckOutcome:
        state = self.store.document_state(document.key)
        alerts: list[NewAlert] = []
        tracking_broken = None
        quiet = False
        if state is not None and not state.tracking_broken and self._tracking_lost(document, state, started_at):
            tracking_broken = True
            # Broken again within flap_window of being restored: no new broken/restored pair, a digest line.
            since_restored = _elapsed(state.restored_at, started_at)
            quiet = since_restored is not None and since_restored <= self.watchlist.notify.flap_window
            if not quiet:
                alerts = plan_alerts(self.watchlist, self._event(document, "tracking_broken", started_at,
                                                                 reason=failure.verdict.message,
                                                                 reason_kind=failure.verdict.kind,
                                                                 bot_block=failure.verdict.bot_block,
                                                                 failures=state.consecutive_failures + 1))
        record = CheckRecord(
            document=document.key, started_at=started_at, duration=duration, status="failed",
            http_status=failure.status, error=failure.verdict.message, error_kind=failure.verdict.kind,
            snapshot_hashes=(failure.snapshot,) if failure.snapshot else (), alerts=tuple(alerts),
            tracking_broken=tracking_broken, tracking_quiet=quiet, pending_text=failure.pending_text,
        )
        self.store.record_check(record)
        log.warning("%s: check failed (%s): %s", document.key, failure.verdict.kind, failure.verdict.message)
        return CheckOutcome(document.key, document.service, document.type, "failed", duration,
                            reason=failure.verdict.kind, error=failure.verdict.message, alerts=len(alerts))

    def accept_pending(self, document: Document) -> CheckOutcome:
        """``accept``: record the text the shrink guard held back as a version (and a change, alerted as any)."""
        state = self.store.document_state(document.key)
        if state is None or state.pending_text is None:
            raise LookupError(document.key)
        text = self.store.get_text(state.pending_text)
        part = _SourceText(text, None, SourceUpdate(document.url, None, None, None, state.pending_text), None, False,
                           None)
        return self._record_text(document, utcnow(), time.monotonic(), text, state.pending_text, [part],
                                 accepting=True)

    def _record_text(self, document: Document, started_at: str, started: float, text: str | None, text_hash: str,
                     parts: list[_SourceText],
                     assessed: Assessed | None = None, *, accepting: bool = False) -> CheckOutcome:
        store = self.store
        state = store.document_state(document.key)
        current = store.current_version(document.key)
        if text is None and (current is None or current.text_hash != text_hash):
            text = store.get_text(text_hash)
        text_length = len(text) if text is not None else current.length if current is not None else 0
        new_text = text or ""  # None only where the text is unchanged, and then it is not read
        if current is not None and current.text_hash != text_hash and not accepting:
            shrink = guard.judge_text(new_text, previous_length=current.length,
                                      shrink_threshold=document.shrink_threshold)
            if shrink is not None:
                # The text is kept (not as a version): 'policy-monitor accept' records it if the shrink is real.
                pending = text_hash if store.blob_path(text_hash).exists() else store.put_text(new_text)
                return self._record_failure(document, started_at, time.monotonic() - started,
                                            _Failure(shrink, pending_text=pending))
        if len(parts) > 1:
            # A combined document: keep each page's own text too, so that a page answering 304 next time is
            # reused on its own (a single page's text is the document's text, stored below).
            for part in parts:
                if not part.not_modified and part.text is not None:
                    store.put_text(part.text)
        restored: list[NewAlert] = []
        tracking_broken = None
        if state is not None and state.tracking_broken:
            tracking_broken = False
            if not state.broken_quiet:  # a flap was never announced as broken: nor is its end
                restored = plan_alerts(self.watchlist, self._event(document, "tracking_restored", started_at,
                                                                   failures=state.consecutive_failures))
        common: dict[str, Any] = {
            "document": document.key, "started_at": started_at, "text_hash": text_hash, "text_length": text_length,
            "title": parts[0].title, "snapshot_hashes": tuple(p.snapshot for p in parts if p.snapshot),
            "sources": () if accepting else tuple(p.update for p in parts), "http_status": parts[-1].status,
            "tracking_broken": tracking_broken,
        }
        if current is not None and current.text_hash == text_hash:
            status = "not_modified" if all(p.not_modified for p in parts) else "unchanged"
            store.record_check(CheckRecord(status=status, duration=time.monotonic() - started,
                                           alerts=tuple(restored), **common))
            return CheckOutcome(document.key, document.service, document.type, status, time.monotonic() - started,
                                version=current.number, alerts=len(restored))
        if not store.blob_path(text_hash).exists():  # an extraction worker may have written it already
            store.put_text(new_text, base=current.text_hash if current is not None else None)
        if current is None:
            written = store.record_check(CheckRecord(status="new", duration=time.monotonic() - started,
                                                     alerts=tuple(restored), **common))
            version = written.version.number if written.version else None
            log.info("%s: first version recorded (%d characters)", document.key, len(new_text))
            return CheckOutcome(document.key, document.service, document.type, "new", time.monotonic() - started,
                                version=version, alerts=len(restored))
        window = self.watchlist.defaults.flipflop_window
        earlier = store.version_with_text(document.key, text_hash)  # the text came back: a revert
        kind, status = "change", "changed"
        if earlier is not None:
            kind, status = "revert", "reverted"
            recent = store.recent_check_statuses(document.key, window)
            if window and any(recent_status in FLIPS for recent_status in recent):
                # The second reversal within the window: a page alternating between variants (an A/B test, a CDN
                # rollout). One notice, then quiet until the page settles or shows a text of its own.
                kind, status = "oscillation", "oscillating"
                if store.last_change_kind(document.key) == "oscillation":
                    written = store.record_check(CheckRecord(status=status, duration=time.monotonic() - started,
                                                             alerts=tuple(restored), **common))
                    number = written.version.number if written.version else None
                    log.info("%s: still alternating (now version %s), no new change", document.key, number)
                    return CheckOutcome(document.key, document.service, document.type, status,
                                        time.monotonic() - started, version=number, alerts=len(restored))
        old_text = store.text_of(current)
        assessed = assessed or assess_change(old_text, new_text, document.service, started_at)
        change, assessment, stance = assessed.change, assessed.assessment, assessed.stance
        to_number = earlier.number if kind == "oscillation" and earlier is not None \
            else store.next_version_number(document.key) if kind == "revert" \
            else store.version_number_for(document.key, text_hash)
        summary = assessment.summary
        if kind == "revert" and earlier is not None:
            summary = f"reverted to the text of {_day(earlier.first_seen)} (v{earlier.number}): {summary}"
        elif kind == "oscillation" and earlier is not None:
            summary = (f"page oscillates between two variants (v{current.number} and v{earlier.number}): "
                       f"{summary}")
        event = self._change_event(document, started_at, change, assessment, current.number, to_number,
                                   summary=summary, change_kind=kind, **stance)
        alerts = plan_alerts(self.watchlist, event) + restored
        change_data = {"stats": change.stats, "severity": assessment.severity, "ai_relevant": assessment.ai_relevant,
                       "findings": [finding.to_dict() for finding in assessment.findings],
                       "summary": summary, "kind": kind}
        written = store.record_check(CheckRecord(status=status, duration=time.monotonic() - started,
                                                 change=change_data, alerts=tuple(alerts),
                                                 new_version=kind == "revert", **common))
        number = written.version.number if written.version else None
        log.info("%s: %s (%s, severity %s)", document.key, status, summary, assessment.severity)
        return CheckOutcome(document.key, document.service, document.type, status, time.monotonic() - started,
                            version=number, change_id=written.change_id, severity=assessment.severity,
                            ai_relevant=assessment.ai_relevant, summary=summary, stats=change.stats,
                            alerts=len(alerts))

    def _tracking_lost(self, document: Document, state: DocumentState, now: str) -> bool:
        """Failing ``failure_threshold`` checks in a row *and* for ``broken_after`` (a count alone made every
        short outage of a frequently checked page a broken/restored pair)."""
        notify = self.watchlist.notify
        if state.consecutive_failures + 1 < notify.failure_threshold:
            return False
        failing_for = _elapsed(state.failing_since, now) or 0.0  # the first failure of a run is this one
        return failing_for >= notify.broken_after_for(document.interval)

    def _opt_out(self, document: Document) -> str | None:
        try:
            return self.watchlist.service(document.service).opt_out
        except KeyError:
            return None

    def _event(self, document: Document, kind: str, detected_at: str, **extra: Any) -> AlertEvent:
        return AlertEvent(kind=kind, service=document.service, document=document.type, url=document.url,
                          detected_at=detected_at, opt_out=self._opt_out(document),
                          data_dir=str(self.store.data_dir.resolve()), **extra)

    def _change_event(self, document: Document, detected_at: str, change: diff.Change,
                      assessment: classify.Assessment, from_version: int, to_version: int, *,
                      summary: str, change_kind: str, **stance: Any) -> AlertEvent:
        substantive = [s for s in change.sentences if s.kind != "moved"]
        sentences = [{"kind": s.kind, "text": s.text, **({"old": s.old} if s.old is not None else {})}
                     for s in substantive[:MAX_SENTENCES_IN_EVENT]]
        return self._event(document, "change", detected_at, severity=assessment.severity,
                           ai_relevant=assessment.ai_relevant, summary=summary, change_kind=change_kind,
                           findings=[finding.to_dict() for finding in assessment.findings], sentences=sentences,
                           sentences_left_out=max(0, len(substantive) - MAX_SENTENCES_IN_EVENT),
                           stats=change.stats, from_version=from_version, to_version=to_version, **stance)


def _elapsed(earlier: str | None, later: str) -> float | None:
    """Seconds from one ISO time to another (None when there is no first one)."""
    if not earlier:
        return None
    return (datetime.fromisoformat(later) - datetime.fromisoformat(earlier)).total_seconds()
