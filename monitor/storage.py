"""The storage interface: every method the rest of the monitor calls on what remembers documents, versions, checks,
changes and alerts, and nothing else: no SQL, no file path of a blob, no connection.

:class:`monitor.store.Store` (SQLite and content-addressed blobs in a data directory) is the one backend; mypy checks
that it has every method below with the same types. Code that only reads and writes through a store takes a
:class:`Storage` parameter; only the code that opens one names :class:`~monitor.store.Store`.

Adding a backend is a one-module job: a class with these methods, taking and giving the records defined here
(:class:`Version`, :class:`CheckRecord` …), raising :class:`StoreError` for a store it cannot use, and the same
check as ``store.py``'s last line.
What every backend owes, beyond the signatures:

- :meth:`Storage.record_check` writes a check with everything it found (version, change, the alerts that report
  it, the document's health) at once: after a crash, all of it or none of it.
- A blob is stored before any record refers to it, and :meth:`Storage.put_blob` is idempotent (named by SHA-256).
- Outside a :meth:`Storage.batch`, each write is committed when its method returns: another store opened on the
  same data sees it.
- :meth:`Storage.claim_alert` lets exactly one of several processes take an alert.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from monitor.outcome import CheckStatus
from monitor.watchlist import Document


@dataclass(frozen=True, slots=True)
class Version:
    id: int
    document: str
    number: int
    text_hash: str
    length: int
    first_seen: str
    last_seen: str
    title: str | None = None


Health = Literal["unknown", "ok", "failing"]


@dataclass(frozen=True, slots=True)
class DocumentState:
    key: str
    service: str
    type: str
    url: str
    health: Health = "unknown"
    last_check: str | None = None
    last_success: str | None = None
    last_change: str | None = None
    consecutive_failures: int = 0
    last_error: str | None = None
    last_error_kind: str | None = None
    current_version: int | None = None  # versions.id
    tracking_broken: bool = False
    next_run: str | None = None
    pending_text: str | None = None  # the hash of a text the shrink guard held back (``accept`` records it)
    failing_since: str | None = None  # the first failed check of the current run of failures
    restored_at: str | None = None  # when tracking last came back after being broken
    broken_quiet: bool = False  # broken again soon after a restore (flapping): announced in the digest only


@dataclass(frozen=True, slots=True)
class SourceState:
    """What the last good fetch of one URL of a document left: validators and the text it gave."""

    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    text_hash: str | None = None
    extract_key: str | None = None  # the extraction settings that turned body_hash into text_hash


@dataclass(frozen=True, slots=True)
class SourceUpdate:
    url: str
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    text_hash: str
    extract_key: str | None = None


@dataclass(frozen=True, slots=True)
class NewAlert:
    """An outbox row to write in the same transaction as the change (or health event) it reports."""

    kind: str  # change | tracking_broken | tracking_restored
    channel: str  # the apprise URL as written in the watchlist, ${VAR} unexpanded: no secret is stored
    payload: dict[str, Any] = field(default_factory=dict)
    state: str = "pending"  # or "undelivered": no channel would receive it (sent once one is configured)


@dataclass(frozen=True, slots=True)
class CheckRecord:
    """What one check found, ready to be written in one transaction."""

    document: str
    started_at: str
    duration: float
    status: CheckStatus
    http_status: int | None = None
    error: str | None = None
    error_kind: str | None = None
    snapshot_hashes: tuple[str, ...] = ()
    text_hash: str | None = None
    text_length: int | None = None
    title: str | None = None
    change: dict[str, Any] | None = None  # stats, severity, ai_relevant, findings, summary, kind
    new_version: bool = False  # a text seen before that comes back: a version of its own (a revert)
    sources: tuple[SourceUpdate, ...] = ()
    alerts: tuple[NewAlert, ...] = ()
    tracking_broken: bool | None = None  # set when the check flips the tracking state
    pending_text: str | None = None  # a failed check: the text held back by the shrink guard (its blob is stored)
    tracking_quiet: bool = False  # with tracking_broken=True: a flap, no alert now, a line in the daily digest


@dataclass(frozen=True, slots=True)
class CheckWritten:
    check_id: int
    version: Version | None
    change_id: int | None
    alert_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ChangeRow:
    id: int
    document: str
    service: str
    type: str
    from_version: int | None
    to_version: int
    detected_at: str
    added: int
    removed: int
    severity: str
    ai_relevant: bool
    findings: list[dict[str, Any]]
    summary: str | None
    kind: str = "change"  # change | revert (back to an earlier text) | oscillation (a page alternating)
    stats: dict[str, int] = field(default_factory=dict)  # added, removed, modified, moved: as in the alert


@dataclass(frozen=True, slots=True)
class AlertRow:
    id: int
    change_id: int | None
    document: str | None
    kind: str
    channel: str
    state: str
    attempts: int
    last_error: str | None
    created_at: str
    next_attempt_at: str | None
    sent_at: str | None
    payload: dict[str, Any]
    uid: str = ""  # stable across retries, printed in every message: a rare duplicate is recognisable
    lease_until: str | None = None


@dataclass(frozen=True, slots=True)
class PruneReport:
    deleted: int  # routine checks forgotten
    kept: int  # old checks kept: versions, changes, failure transitions
    bytes_before: int
    bytes_after: int
    rewritten: bool  # the database was VACUUMed once to switch it to incremental vacuum


@dataclass(frozen=True, slots=True)
class ChannelBackoff:
    """Consecutive failed deliveries to one channel, and when it may be tried again (None: now)."""

    failures: int = 0
    next_attempt_at: str | None = None
    last_error: str | None = None


class StoreError(RuntimeError):
    pass


class NoDataDirectory(StoreError):
    """A command that only reads was pointed at a folder with no data directory in it: nothing is created."""


class Storage(Protocol):
    # -- blobs: raw fetched bodies and version texts, named by their SHA-256 --------------------------------------

    @property
    def data_dir(self) -> Path:
        """Where worker processes write blobs (:class:`monitor.blobs.WorkerBlobs`)."""
        ...

    @property
    def writes_wait_for_disk(self) -> bool:
        """Whether :meth:`put_blob` waits for the disk (worth a thread of its own)."""
        ...

    def has_blob(self, digest: str) -> bool: ...

    def put_blob(self, data: bytes, digest: str | None = None, base: str | None = None) -> str: ...

    def get_blob(self, digest: str) -> bytes: ...

    def put_text(self, text: str, base: str | None = None) -> str: ...

    def get_text(self, digest: str) -> str: ...

    # -- documents and their versions ------------------------------------------------------------------------------

    def sync_documents(self, documents: Iterable[Document]) -> None: ...

    def document_state(self, key: str) -> DocumentState | None: ...

    def document_states(self) -> list[DocumentState]: ...

    def services(self) -> list[str]: ...

    def find_document(self, service: str, document_type: str) -> DocumentState | None: ...

    def set_next_run(self, key: str, when: str | None) -> None: ...

    def clear_schedule(self) -> None: ...

    def source_state(self, document: str, url: str) -> SourceState: ...

    def current_version(self, key: str) -> Version | None: ...

    def versions(self, key: str) -> list[Version]: ...

    def version(self, key: str, number: int) -> Version | None: ...

    def version_with_text(self, key: str, text_hash: str) -> Version | None: ...

    def next_version_number(self, key: str) -> int: ...

    def version_number_for(self, key: str, text_hash: str) -> int: ...

    def text_of(self, version: Version) -> str: ...

    # -- checks and changes ----------------------------------------------------------------------------------------

    def batch(self, max_checks: int = 200, max_seconds: float = 0.5) -> AbstractContextManager[object]: ...

    def record_check(self, record: CheckRecord) -> CheckWritten: ...

    def recent_check_statuses(self, key: str, limit: int) -> list[str]: ...

    def last_change_kind(self, key: str) -> str | None: ...

    def checks(self, key: str, limit: int = 50) -> list[dict[str, Any]]: ...

    def prune_checks(self, older_than: str) -> PruneReport: ...

    def changes(self, *, since: str | None = None, ai_only: bool = False, document: str | None = None,
                limit: int | None = None, service: str | None = None, severities: Iterable[str] | None = None,
                before: int | None = None) -> list[ChangeRow]: ...

    def change(self, change_id: int) -> ChangeRow | None: ...

    # -- alerts (the outbox) and the back-off of their channels ----------------------------------------------------

    def alerts(self, states: Iterable[str] | None = None, limit: int = 200) -> list[AlertRow]: ...

    def due_alerts(self, now: str | None = None) -> list[AlertRow]: ...

    def pending_alerts(self, channel: str) -> list[AlertRow]: ...

    def add_alerts(self, alerts: Iterable[NewAlert], *, document: str | None = None,
                   change_id: int | None = None) -> list[int]: ...

    def alert_count(self, state: str) -> int: ...

    def route_alert(self, alert: AlertRow, channels: Sequence[str]) -> None: ...

    def claim_alert(self, alert_id: int, *, now: str, lease_until: str, ignore_due: bool = False) -> bool: ...

    def mark_alert(self, alert_id: int, *, state: str, error: str | None = None,
                   next_attempt_at: str | None = None) -> None: ...

    def retry_alerts(self, now: str, *, include_failed: bool = True) -> int: ...

    def release_expired_leases(self, now: str) -> int: ...

    def flaps_after(self, flap_id: int) -> list[tuple[int, str, str, str]]: ...

    def channel_backoff(self, channel: str) -> ChannelBackoff: ...

    def channel_failed(self, channel: str, *, failures: int, next_attempt_at: str, error: str | None) -> None: ...

    def channel_succeeded(self, channel: str) -> None: ...

    def reset_channel_backoff(self) -> None: ...

    # -- the daemon's heartbeat and the data directory ------------------------------------------------------------

    def set_meta(self, key: str, value: str) -> None: ...

    def get_meta(self, key: str) -> str | None: ...

    def disk_usage(self) -> int: ...
