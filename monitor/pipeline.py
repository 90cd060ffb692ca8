"""One check of a document through every stage: fetch → extract → guard → store → diff → classify → outbox.

:class:`Checker` runs a pass over many documents with one shared fetcher per fetch method they name (an HTTP
client, one chromium: :data:`monitor.fetchers.FETCHERS`); the scheduler and the ``check`` command both use it. Each
page is fetched and extracted by :func:`monitor.sources.fetch_source`; what the text then comes to is decided by
:func:`monitor.decide.decide` and written in one transaction.

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
import functools
import logging
import os
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from monitor import classify, diff, guard
from monitor.blobs import sha256
from monitor.clock import utcnow
from monitor.decide import Decision, NewText, Previous, decide
from monitor.fetchers import FETCHERS, Fetcher, OpenFetcher
from monitor.notify import MAX_SENTENCES_IN_EVENT, AlertEvent, AlertKind, plan_alerts
from monitor.offload import LARGE_PASS, REMOTE_PASS, Offload, RemoteError, RemoteFailure, RemoteFetch, WorkerGone
from monitor.outcome import CheckOutcome, CheckStatus
from monitor.sources import SourceFailure, SourceText, WorkTimeout, fetch_source
from monitor.stance import alert_fields
from monitor.storage import CheckRecord, DocumentState, NewAlert, SourceUpdate, Storage, Version
from monitor.watchlist import Document, Source, Watchlist

__all__ = ["Assessed", "CheckOutcome", "Checker", "assess_change"]

log = logging.getLogger("monitor.check")

# Documents from which a pass commits every 200 checks rather than each one (Store.batch): ~0.1 s less CPU for a
# pass of 304s over 41 to 200 documents (docs/decisions/worker-pool.md). Never above LARGE_PASS: worker processes
# write blobs unsynced, for the batch's commit to sync them.
BATCH_PASS = 40
assert BATCH_PASS <= LARGE_PASS <= REMOTE_PASS


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


@dataclass(frozen=True, slots=True)
class _Check:
    """One check under way: what its record and outcome share."""

    document: Document
    started_at: str
    started: float
    parts: Sequence[SourceText]

    @property
    def duration(self) -> float:
        return time.monotonic() - self.started

    def outcome(self, status: CheckStatus, **fields: Any) -> CheckOutcome:
        document = self.document
        return CheckOutcome(document.key, document.service, document.type, status, self.duration, **fields)


class Checker:
    def __init__(self, watchlist: Watchlist, store: Storage, *, fetchers: Mapping[str, OpenFetcher] | None = None,
                 isolated: Offload | None = None) -> None:
        """``fetchers``: how to open a fetch method's fetcher, by its watchlist name, in place of the one
        :data:`monitor.fetchers.FETCHERS` makes. ``isolated``: an :class:`Offload` that runs each page's CPU work
        in a worker process within a time limit (the daemon's); otherwise that work is inline, in worker pools
        for a large pass."""
        self.watchlist = watchlist
        self.store = store
        overrides = dict(fetchers or {})
        self._open: dict[str, OpenFetcher] = {
            name: overrides.get(name) or functools.partial(method.make, watchlist.defaults)
            for name, method in FETCHERS.items()}
        self._isolated = isolated
        self._offload = isolated or Offload(0)  # inline; check() uses pools for a large pass
        self._remote: RemoteFetch | None = None
        # Fetch workers open the table's own fetchers: a pass given others keeps its fetches here.
        self._remote_ok = not any(FETCHERS[name].in_fetch_workers for name in overrides if name in FETCHERS)

    async def check(self, documents: Sequence[Document],
                    on_done: Callable[[CheckOutcome], None] | None = None) -> list[CheckOutcome]:
        """Check documents concurrently (the fetchers' limits bound the concurrency)."""
        self.store.sync_documents(documents)
        async with AsyncExitStack() as stack:
            offload = self._isolated or Offload(len(documents), self.store.data_dir)
            if offload is not self._isolated:  # the owner of an isolated one closes it
                stack.callback(self._end_offload, offload)
            self._offload = offload
            if len(documents) >= BATCH_PASS:
                stack.enter_context(self.store.batch())  # commits every few hundred checks, not every check
            if self._remote_ok and len(documents) >= REMOTE_PASS and (os.cpu_count() or 1) > 1:
                # The network and the extraction in worker processes, one per core, and this one keeps the
                # store: on 2 free cores a pass of 5,000 takes ~25 % less time, for ~40 % more CPU time.
                self._remote = RemoteFetch(self.watchlist, documents, self.store.data_dir)
                stack.callback(self._end_remote)
            methods = sorted({source.fetch for document in documents for source in document.sources})
            fetchers = {name: await stack.enter_async_context(self._open[name]()) for name in methods}

            async def run(document: Document) -> CheckOutcome:
                outcome = await self.check_document(document, fetchers)
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

    async def _fetch(self, document: Document, source: Source, fetchers: Mapping[str, Fetcher]) -> SourceText:
        """:func:`monitor.sources.fetch_source`, in a fetch worker during a very large pass where the method
        runs there."""
        remote = self._remote
        if remote is not None and FETCHERS[source.fetch].in_fetch_workers:
            answer = await remote.fetch(document, source, self.store.source_state(document.key, source.url))
            if isinstance(answer, SourceText):
                return answer
            if isinstance(answer, RemoteFailure):
                raise SourceFailure(answer.verdict, answer.status, answer.snapshot)
            if isinstance(answer, RemoteError):
                raise RuntimeError(answer.message)
            assert isinstance(answer, WorkerGone)  # the worker died: this process fetches the page itself
        return await fetch_source(document, source, fetchers[source.fetch], self.store, self._offload)

    async def check_document(self, document: Document, fetchers: Mapping[str, Fetcher]) -> CheckOutcome:
        """Check one document with the open fetchers, by fetch method (those its pages name)."""
        started_at = utcnow()
        started = time.monotonic()
        try:
            parts = [await self._fetch(document, source, fetchers) for source in document.sources]
        except SourceFailure as failure:
            return self._record_failure(document, started_at, time.monotonic() - started, failure)
        except Exception as error:  # a bug must not stop the pass, nor pass for a change
            log.exception("unexpected error while checking %s", document.key)
            internal = SourceFailure(guard.Verdict("extract", f"internal error: {type(error).__name__}: {error}"))
            return self._record_failure(document, started_at, time.monotonic() - started, internal)
        text, text_hash, parts = self._join(parts)
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
                    timed_out = SourceFailure(guard.Verdict("extract", f"comparing with the last version {error}"))
                    return self._record_failure(document, started_at, time.monotonic() - started, timed_out)
        return self._record_text(_Check(document, started_at, started, parts), text, text_hash, assessed)

    def _join(self, parts: list[SourceText]) -> tuple[str | None, str, list[SourceText]]:
        """The document's text and its hash from its pages' (None: a single page's stored text, not read)."""
        if len(parts) == 1:
            # A single page's text hash was taken when it was extracted (or is the stored one): not hashed again.
            return parts[0].text, parts[0].update.text_hash, parts
        parts = [part if part.text is not None else replace(part, text=self.store.get_text(part.update.text_hash))
                 for part in parts]
        text = "\n\n".join(part.text or "" for part in parts)
        return text, sha256(text.encode("utf-8")), parts

    def _record_failure(self, document: Document, started_at: str, duration: float,
                        failure: SourceFailure) -> CheckOutcome:
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
        part = SourceText(text, None, SourceUpdate(document.url, None, None, None, state.pending_text), None, False,
                          None)
        check = _Check(document, utcnow(), time.monotonic(), [part])
        return self._record_text(check, text, state.pending_text, accepting=True)

    # -- a text got: decide (monitor.decide), then write ------------------------------------------------------

    def _record_text(self, check: _Check, text: str | None, text_hash: str, assessed: Assessed | None = None, *,
                     accepting: bool = False) -> CheckOutcome:
        state = self.store.document_state(check.document.key)
        previous = self._previous(check.document.key, state, text_hash)
        if text is None and (previous.current is None or previous.current.text_hash != text_hash):
            text = self.store.get_text(text_hash)
        new = NewText(text_hash, text, all(part.not_modified for part in check.parts), accepting)
        decision = decide(previous, new, shrink_threshold=check.document.shrink_threshold)
        if decision.record == "refused":
            return self._refuse(check, new, decision)
        return self._write(check, state, previous, new, decision, assessed)

    def _previous(self, key: str, state: DocumentState | None, text_hash: str) -> Previous:
        """What :func:`decide` needs to know of the store; the history only when the text is not the current."""
        store = self.store
        current = store.current_version(key)
        tracking_broken = state is not None and state.tracking_broken
        broken_quiet = state is not None and state.broken_quiet
        if current is None or current.text_hash == text_hash:
            return Previous(current, tracking_broken, broken_quiet)
        window = self.watchlist.defaults.flipflop_window
        return Previous(current, tracking_broken, broken_quiet, earlier=store.version_with_text(key, text_hash),
                        recent_statuses=tuple(store.recent_check_statuses(key, window)),
                        last_change_kind=store.last_change_kind(key), next_number=store.next_version_number(key))

    def _refuse(self, check: _Check, new: NewText, decision: Decision) -> CheckOutcome:
        """A failed check; the text is kept (not as a version): 'policy-monitor accept' records it if it is real."""
        assert decision.refusal is not None
        store = self.store
        pending = new.text_hash if store.has_blob(new.text_hash) else store.put_text(new.text or "")
        return self._record_failure(check.document, check.started_at, check.duration,
                                    SourceFailure(decision.refusal, pending_text=pending))

    def _write(self, check: _Check, state: DocumentState | None, previous: Previous, new: NewText,
               decision: Decision, assessed: Assessed | None) -> CheckOutcome:
        store, current = self.store, previous.current
        self._keep_page_texts(check.parts)
        record = self._text_record(check, state, current, new, decision)
        if decision.record == "unchanged":
            assert current is not None
            store.record_check(replace(record, duration=check.duration))
            return check.outcome(decision.status, version=current.number, alerts=len(record.alerts))
        if not store.has_blob(new.text_hash):  # an extraction worker may have written it already
            store.put_text(new.text or "", base=current.text_hash if current is not None else None)
        if decision.record == "change":
            assert current is not None
            return self._write_change(check, record, current, new, decision, assessed)
        written = store.record_check(replace(record, duration=check.duration))
        number = written.version.number if written.version else None
        if decision.record == "first":
            log.info("%s: first version recorded (%d characters)", check.document.key, len(new.text or ""))
        else:
            log.info("%s: still alternating (now version %s), no new change", check.document.key, number)
        return check.outcome(decision.status, version=number, alerts=len(record.alerts))

    def _keep_page_texts(self, parts: Sequence[SourceText]) -> None:
        """A combined document: keep each page's own text too, so that a page answering 304 next time is reused
        on its own (a single page's text is the document's text, stored with the version)."""
        if len(parts) > 1:
            for part in parts:
                if not part.not_modified and part.text is not None:
                    self.store.put_text(part.text)

    def _text_record(self, check: _Check, state: DocumentState | None, current: Version | None, new: NewText,
                     decision: Decision) -> CheckRecord:
        """What every record of a text holds (with the "tracking restored" alert if it is due); a change adds to
        it."""
        restored: list[NewAlert] = []
        if decision.announce_restored:
            restored = plan_alerts(self.watchlist, self._event(
                check.document, "tracking_restored", check.started_at,
                failures=state.consecutive_failures if state is not None else 0))
        parts = check.parts
        text_length = len(new.text) if new.text is not None else current.length if current is not None else 0
        return CheckRecord(
            document=check.document.key, started_at=check.started_at, duration=check.duration,
            status=decision.status, text_hash=new.text_hash, text_length=text_length, title=parts[0].title,
            snapshot_hashes=tuple(p.snapshot for p in parts if p.snapshot),
            sources=() if new.accepting else tuple(p.update for p in parts), http_status=parts[-1].status,
            tracking_broken=False if decision.restored else None, alerts=tuple(restored))

    def _write_change(self, check: _Check, record: CheckRecord, current: Version, new: NewText,
                      decision: Decision, assessed: Assessed | None) -> CheckOutcome:
        """A change, a revert or an oscillation's notice: diffed and classified (unless a worker did it), alerted
        on, written with its alerts."""
        document = check.document
        assert decision.change_kind is not None and decision.to_version is not None
        assessed = assessed or assess_change(self.store.text_of(current), new.text or "", document.service,
                                             check.started_at)
        change, assessment, stance = assessed.change, assessed.assessment, assessed.stance
        summary = decision.summary(assessment.summary)
        event = self._change_event(document, check.started_at, change, assessment, current.number,
                                   decision.to_version, summary=summary, change_kind=decision.change_kind, **stance)
        alerts = plan_alerts(self.watchlist, event) + list(record.alerts)
        change_data = {"stats": change.stats, "severity": assessment.severity, "ai_relevant": assessment.ai_relevant,
                       "findings": [finding.to_dict() for finding in assessment.findings],
                       "summary": summary, "kind": decision.change_kind}
        written = self.store.record_check(replace(record, duration=check.duration, change=change_data,
                                                  alerts=tuple(alerts), new_version=decision.change_kind == "revert"))
        number = written.version.number if written.version else None
        log.info("%s: %s (%s, severity %s)", document.key, decision.status, summary, assessment.severity)
        return check.outcome(decision.status, version=number, change_id=written.change_id,
                             severity=assessment.severity, ai_relevant=assessment.ai_relevant, summary=summary,
                             stats=change.stats, alerts=len(alerts))

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

    def _event(self, document: Document, kind: AlertKind, detected_at: str, **extra: Any) -> AlertEvent:
        return AlertEvent(kind=kind, service=document.service, document=document.type, url=document.url,
                          detected_at=detected_at, opt_out=self._opt_out(document),
                          data_dir=str(self.store.data_dir.resolve()), **extra)

    def _change_event(self, document: Document, detected_at: str, change: diff.Change,
                      assessment: classify.Assessment, from_version: int, to_version: int, *,
                      summary: str, change_kind: str, **stance: Any) -> AlertEvent:
        substantive = [s for s in change.sentences if s.kind != "moved"]
        return self._event(document, "change", detected_at, severity=assessment.severity,
                           ai_relevant=assessment.ai_relevant, summary=summary, change_kind=change_kind,
                           findings=assessment.findings, sentences=tuple(substantive[:MAX_SENTENCES_IN_EVENT]),
                           sentences_left_out=max(0, len(substantive) - MAX_SENTENCES_IN_EVENT),
                           stats=change.stats, from_version=from_version, to_version=to_version, **stance)


def _elapsed(earlier: str | None, later: str) -> float | None:
    """Seconds from one ISO time to another (None when there is no first one)."""
    if not earlier:
        return None
    return (datetime.fromisoformat(later) - datetime.fromisoformat(earlier)).total_seconds()
