"""Everything the monitor remembers: SQLite and content-addressed blobs (the backend of :mod:`monitor.storage`).

Layout of a data directory (default ``snapshots/``)::

    monitor.db      documents, checks, versions, changes, alerts, sources (SQLite, WAL)
    blobs/ab/cdef…  raw fetched bodies and version texts, named by SHA-256, zstd-compressed
    dictionaries/   the zstd dictionaries the blobs are compressed with (see :mod:`monitor.blobs`)

A check is written in one transaction (:meth:`Store.record_check`): a crash at any moment leaves the old state or
the new one. Blobs are written first, atomically (temporary file + rename), and are idempotent, so a crash can at
worst leave an unreferenced blob behind, never a row pointing at a missing blob.

The tables are created, and migrated from an older :data:`SCHEMA_VERSION`, with sqlite-utils; everything else is
plain SQL on the connection (the per-check path is, and an open of an up-to-date database never loads sqlite-utils).

>>> import tempfile
>>> store = Store(tempfile.mkdtemp())
>>> digest = store.put_blob(b"hello")
>>> store.get_blob(digest)
b'hello'
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from monitor import datadir
from monitor.blobs import BlobError, blob_path, read_blob, sha256, sync_blobs, write_blob
from monitor.clock import utcnow
from monitor.storage import (  # noqa: F401 - the interface's records, importable from here as before
    AlertRow,
    ChangeRow,
    ChannelBackoff,
    CheckRecord,
    CheckWritten,
    DocumentState,
    Health,
    NewAlert,
    NoDataDirectory,
    PruneReport,
    SourceState,
    SourceUpdate,
    Storage,
    StoreError,
    Version,
)
from monitor.watchlist import Document

if TYPE_CHECKING:
    from sqlite_utils import Database




def new_alert_uid() -> str:
    return uuid.uuid4().hex[:16]


@dataclass(slots=True)
class _Batch:
    """The open transaction of a :meth:`Store.batch`: how many checks it holds, since when, and its limits."""

    max_checks: int
    max_seconds: float
    checks: int = 0
    opened_at: float = 0.0  # time.monotonic() when its transaction began

    def begin(self) -> None:
        self.checks, self.opened_at = 0, time.monotonic()

    def full(self) -> bool:
        return self.checks >= self.max_checks or time.monotonic() - self.opened_at >= self.max_seconds


DATABASE = "monitor.db"  # the SQLite file in a data directory


def has_data(data_dir: str | os.PathLike[str]) -> bool:
    """Whether a data directory with a database is there (looked at, nothing created)."""
    return (Path(data_dir) / DATABASE).is_file()


def _refuse_read_only(data_dir: Path) -> None:
    """A data directory this user may not write to is said to be so, never called a corrupt database: SQLite
    writes to it even to read it (WAL, its index file and the schema check)."""
    database = data_dir / DATABASE
    targets = [path for path in (data_dir, database) if path.exists()]
    if all(os.access(path, os.W_OK) for path in targets):
        return
    try:
        import pwd

        owner = pwd.getpwuid(data_dir.stat().st_uid).pw_name
        how = f"run it as {owner}, the owner (sudo -u {owner} policy-monitor …)"
    except (ImportError, KeyError, OSError):
        how = "run it as the user that owns it"
    raise StoreError("read-only for this user, and policy-monitor writes to its data directory even "
                     f"to read it: {how}")


# -- the schema: created and migrated with sqlite-utils -----------------------------------------------------------

SCHEMA_VERSION = 2  # of the tables this code reads and writes; a database records its own in meta.schema_version

# Version 2's tables: name → (columns, options of sqlite-utils' Table.create). Frozen: a later version changes the
# schema in a migration step of its own, so that a database of any earlier version arrives at the same tables.
_TABLES_2: dict[str, tuple[dict[str, type], dict[str, Any]]] = {
    "documents": ({
        "key": str, "service": str, "type": str, "url": str, "health": str, "last_check": str, "last_success": str,
        "last_change": str, "consecutive_failures": int, "last_error": str, "last_error_kind": str,
        "current_version": int, "tracking_broken": int, "next_run": str, "pending_text": str, "failing_since": str,
        "restored_at": str, "broken_quiet": int,
    }, {"pk": "key", "defaults": {"health": "unknown", "consecutive_failures": 0, "tracking_broken": 0}}),
    "versions": ({
        "id": int, "document": str, "number": int, "text_hash": str, "length": int, "title": str, "first_seen": str,
        "last_seen": str,
    }, {"pk": "id", "foreign_keys": [("document", "documents", "key")]}),
    "checks": ({
        "id": int, "document": str, "started_at": str, "duration": float, "status": str, "http_status": int,
        "error": str, "error_kind": str, "snapshot": str, "version": int,
    }, {"pk": "id", "foreign_keys": [("document", "documents", "key")]}),
    "changes": ({
        "id": int, "document": str, "from_version": int, "to_version": int, "detected_at": str, "added": int,
        "removed": int, "severity": str, "ai_relevant": int, "findings": str, "summary": str, "detail": str,
        "kind": str,
    }, {"pk": "id", "foreign_keys": [("document", "documents", "key")]}),
    "alerts": ({
        "id": int, "change_id": int, "document": str, "kind": str, "channel": str, "state": str, "attempts": int,
        "last_error": str, "created_at": str, "next_attempt_at": str, "sent_at": str, "payload": str, "uid": str,
        "lease_until": str,
    }, {"pk": "id", "defaults": {"state": "pending", "attempts": 0}}),
    "flaps": ({"id": int, "document": str, "at": str, "reason": str}, {"pk": "id"}),
    "sources": ({
        "document": str, "url": str, "etag": str, "last_modified": str, "body_hash": str, "text_hash": str,
        "extract_key": str,
    }, {"pk": ("document", "url")}),
    "channels": ({"url": str, "failures": int, "next_attempt_at": str, "last_error": str},
                 {"pk": "url", "defaults": {"failures": 0}}),
    "meta": ({"key": str, "value": str}, {"pk": "key"}),
}
_INDEXES_2 = (("versions", ("document", "text_hash")), ("versions", ("document", "number")),
              ("checks", ("document", "started_at")), ("changes", ("detected_at",)), ("changes", ("document",)),
              ("alerts", ("state",)))


def _create_version_2(db: Database) -> None:
    """Version 2's tables and indexes, each unless it exists."""
    for name, (columns, options) in _TABLES_2.items():
        db.table(name).create(columns, if_not_exists=True, **options)
    for name, indexed in _INDEXES_2:
        db.table(name).create_index(indexed, if_not_exists=True, unique=indexed == ("document", "number"))


def _version_1_to_2(db: Database) -> None:
    """Version 1 grew without its number moving: its databases lack the tables and columns added after theirs
    was created (flaps, channels, a change's kind, an alert's uid …). Each missing one is added, empty."""
    for name, (columns, _options) in _TABLES_2.items():
        table = db.table(name)
        present = table.columns_dict if table.exists() else columns
        for column in [column for column in columns if column not in present]:
            table.add_column(column, columns[column])
    _create_version_2(db)  # the tables it lacks, then the indexes


# The step that takes a database from version n - 1 to version n, for every n from 2 to SCHEMA_VERSION
_MIGRATIONS: dict[int, Callable[[Database], None]] = {2: _version_1_to_2}


def _schema_version(conn: sqlite3.Connection) -> int | None:
    """The version of the database's tables; None for a database without them (a new one)."""
    tables = {name for name, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "documents" not in tables:
        return None
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() if "meta" in tables \
        else None
    if row is None:
        return 1  # a database from before the version was written down
    try:
        return int(row[0])
    except (TypeError, ValueError):
        raise sqlite3.DatabaseError(f"schema version {row[0]!r} is not a number") from None


def _check_not_newer(version: int | None, db_path: Path) -> None:
    if version is not None and version > SCHEMA_VERSION:
        raise StoreError(f"{db_path}: written by a newer policy-monitor (database schema {version}, this one reads "
                         f"up to {SCHEMA_VERSION}): upgrade policy-monitor to use it")


def _bring_up_to_date(conn: sqlite3.Connection, version: int | None) -> None:
    """Create the tables of a new database, or migrate an older one step by step (in the caller's transaction).

    sqlite-utils is imported here only: an everyday open finds the database up to date and never loads it (nor
    numpy, which it imports whenever it is installed: ~0.2 s at every start of the command)."""
    from sqlite_utils import Database

    db = Database(conn)
    if version is None:
        _create_version_2(db)
        version = 2
    for step in range(version + 1, SCHEMA_VERSION + 1):
        _MIGRATIONS[step](db)
    db.table("meta").upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")


class Store:
    def __init__(self, data_dir: str | os.PathLike[str], *, create: bool = True, read_only: bool = False) -> None:
        """``create=False``: open an existing data directory only (raise :class:`NoDataDirectory` otherwise).
        ``read_only``: open an existing data directory for reading only (``serve``): nothing is created, no schema
        is written, and SQLite refuses every write on the connection."""
        self.data_dir = Path(data_dir)
        self._batch: _Batch | None = None
        self._savepoints = itertools.count()
        self.read_only = read_only
        if "\x00" in str(self.data_dir):
            raise ValueError("embedded null byte")  # what the system calls would say, before is_file() hides it
        if self.data_dir.is_dir():  # an unsafe folder is refused before anything is read from it, or said of it
            try:
                datadir.check(self.data_dir)
            except datadir.UnsafeDataDir as error:
                raise StoreError(str(error)) from None
        if read_only:
            self._open_read_only()
            return
        if not create and not has_data(self.data_dir):
            raise NoDataDirectory(f"no data directory at {self.data_dir}: nothing has been checked there")
        if self.data_dir.exists() and not self.data_dir.is_dir():
            raise StoreError("a file, not a folder: give --data-dir a folder")
        _refuse_read_only(self.data_dir)
        old_umask = os.umask(0o077)
        try:
            try:
                datadir.subfolder(datadir.prepare(self.data_dir) / "blobs")
            except datadir.UnsafeDataDir as error:
                raise StoreError(str(error)) from None
            self.db_path = self.data_dir / DATABASE
            try:
                # isolation_level=None: no transaction Python opens by itself; transaction() opens every one
                conn = sqlite3.connect(str(self.db_path), timeout=30, check_same_thread=False, isolation_level=None)
                # Before the first table exists, so a new database can give back freed pages bit by bit
                # (prune_checks); on an existing one this does nothing until a VACUUM.
                conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("PRAGMA foreign_keys=ON")
                self._conn = conn
                self._open_schema()
            except sqlite3.DatabaseError as error:
                raise StoreError(f"{self.db_path}: not a usable policy-monitor database ({error})") from None
        finally:
            os.umask(old_umask)

    def _open_read_only(self) -> None:
        self.db_path = self.data_dir / DATABASE
        try:
            datadir.check(self.data_dir)
        except FileNotFoundError:
            raise StoreError(f"{self.data_dir}: no such data directory") from None
        except datadir.UnsafeDataDir as error:
            raise StoreError(str(error)) from None
        if not self.db_path.is_file():
            raise StoreError(f"{self.data_dir}: no monitor.db in it yet (run 'policy-monitor check' first)")
        try:
            # mode=ro: SQLite itself refuses writes. (Like any reader of a WAL database it may create the -wal and
            # -shm companions of monitor.db if no writer has them open: they hold no data.)
            conn = sqlite3.connect(f"{self.db_path.resolve().as_uri()}?mode=ro", uri=True, timeout=30,
                                   check_same_thread=False)
            conn.isolation_level = None
            self._conn = conn
            tables = {name for name, in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            version = _schema_version(conn)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.db_path}: not a usable policy-monitor database ({error})") from None
        _check_not_newer(version, self.db_path)
        missing = {"documents", "versions", "changes", "checks"} - tables
        if missing:
            raise StoreError(f"{self.db_path}: not a policy-monitor database (no {', '.join(sorted(missing))} "
                             "table)")

    def _open_schema(self) -> None:
        """Refuse a database of a newer version; create or migrate an older one (the write lock is taken only then,
        and the version read again under it: another process may have done the work meanwhile)."""
        if _schema_version(self._conn) == SCHEMA_VERSION:
            return
        with self.transaction():
            version = _schema_version(self._conn)
            _check_not_newer(version, self.db_path)
            if version != SCHEMA_VERSION:
                _bring_up_to_date(self._conn, version)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything written inside is committed together, or not at all (an exception rolls it back and goes on).

        The outermost block begins with ``BEGIN IMMEDIATE``: SQLite's write lock is taken up front, waited for
        under the busy timeout. A deferred transaction that reads and then writes (the schema check on open,
        :meth:`record_check`, :meth:`set_meta`) fails at once with "database is locked", without waiting, when
        another connection commits in between: ``status`` opening the store while the daemon writes, the daemon's
        delivery thread and its checks. A nested block is a savepoint: its failure undoes it alone."""
        conn = self._conn
        if conn.in_transaction:
            savepoint = f"nested_{next(self._savepoints)}"
            conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield
            except BaseException:
                if conn.in_transaction:  # an error may have ended the whole transaction already
                    conn.execute(f"ROLLBACK TO {savepoint}")
                    conn.execute(f"RELEASE {savepoint}")
                raise
            conn.execute(f"RELEASE {savepoint}")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            conn.execute("COMMIT")  # a COMMIT that fails (a full disk) rolls back too: no transaction stays open
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    # -- blobs ----------------------------------------------------------------------------------------------

    def has_blob(self, digest: str) -> bool:
        """Whether blob ``digest`` is stored (a worker process may have written it already)."""
        return blob_path(self.data_dir, digest).exists()

    @property
    def writes_wait_for_disk(self) -> bool:
        """Whether :meth:`put_blob` waits for an ``fsync`` (outside a :meth:`batch`), worth a thread of its own."""
        return self._batch is None

    def put_blob(self, data: bytes, digest: str | None = None, base: str | None = None) -> str:
        """Store ``data``; ``base``: the blob it is a new snapshot or version of (stored as a delta if smaller).
        Inside a :meth:`batch`, blobs are made durable all at once before each commit, not one by one."""
        if self.read_only:
            raise StoreError(f"{self.data_dir} is open read-only: no blob may be written")
        return write_blob(self.data_dir, digest or sha256(data), data, base, durable=self.writes_wait_for_disk)

    def get_blob(self, digest: str) -> bytes:
        try:
            return read_blob(self.data_dir, digest)
        except FileNotFoundError:
            raise StoreError(f"blob {digest} is missing from {self.data_dir / 'blobs'}") from None
        except BlobError as error:
            raise StoreError(f"blob {digest}: {error}") from None

    def put_text(self, text: str, base: str | None = None) -> str:
        return self.put_blob(text.encode("utf-8"), base=base)

    def get_text(self, digest: str) -> str:
        return self.get_blob(digest).decode("utf-8")

    # -- documents ------------------------------------------------------------------------------------------

    def sync_documents(self, documents: Iterable[Document]) -> None:
        """Make sure every watched document has a row (keeping its history when it is already known)."""
        conn = self._conn
        known = dict(conn.execute("SELECT key, url FROM documents").fetchall())  # one query, not one per document
        new = [(d.key, d.service, d.type, d.url) for d in documents if d.key not in known]
        moved = [(d.url, d.key) for d in documents if d.key in known and known[d.key] != d.url]
        if not new and not moved:
            return
        with self.transaction():
            conn.executemany("INSERT OR IGNORE INTO documents (key, service, type, url) VALUES (?, ?, ?, ?)", new)
            conn.executemany("UPDATE documents SET url = ? WHERE key = ?", moved)

    def document_state(self, key: str) -> DocumentState | None:
        row = self._one("SELECT * FROM documents WHERE key = ?", [key])
        return _document_state(row) if row else None

    def document_states(self) -> list[DocumentState]:
        return [_document_state(row) for row in self._rows("SELECT * FROM documents ORDER BY service, type")]

    def services(self) -> list[str]:
        """The names of the services with documents in the data directory, in order."""
        return [row[0] for row in self._conn.execute(
            "SELECT DISTINCT service FROM documents ORDER BY service COLLATE NOCASE").fetchall()]

    def find_document(self, service: str, document_type: str) -> DocumentState | None:
        row = self._one("SELECT * FROM documents WHERE service = ? COLLATE NOCASE AND type = ? COLLATE NOCASE",
                        [service, document_type])
        return _document_state(row) if row else None

    def set_next_run(self, key: str, when: str | None) -> None:
        with self.transaction():
            self._conn.execute("UPDATE documents SET next_run = ? WHERE key = ?", [when, key])

    def clear_schedule(self) -> None:
        """Forget every document's next run: the daemon stopping (``status`` then shows none planned)."""
        with self.transaction():
            self._conn.execute("UPDATE documents SET next_run = NULL")

    def source_state(self, document: str, url: str) -> SourceState:
        row = self._one("SELECT * FROM sources WHERE document = ? AND url = ?", [document, url])
        if not row:
            return SourceState()
        return SourceState(row["etag"], row["last_modified"], row["body_hash"], row["text_hash"], row["extract_key"])

    # -- versions -------------------------------------------------------------------------------------------

    def current_version(self, key: str) -> Version | None:
        row = self._one("SELECT v.* FROM versions v JOIN documents d ON d.current_version = v.id WHERE d.key = ?",
                        [key])
        return _version(row) if row else None

    def versions(self, key: str) -> list[Version]:
        return [_version(row) for row in self._rows(
            "SELECT * FROM versions WHERE document = ? ORDER BY number", [key])]

    def version(self, key: str, number: int) -> Version | None:
        row = self._one("SELECT * FROM versions WHERE document = ? AND number = ?", [key, number])
        return _version(row) if row else None

    def version_with_text(self, key: str, text_hash: str) -> Version | None:
        """The latest version of a document with this text (a text that came back has several)."""
        row = self._one("SELECT * FROM versions WHERE document = ? AND text_hash = ? ORDER BY number DESC LIMIT 1",
                        [key, text_hash])
        return _version(row) if row else None

    def next_version_number(self, key: str) -> int:
        return (self._conn.execute("SELECT MAX(number) FROM versions WHERE document = ?", [key]).fetchone()[0] or 0) + 1

    def version_number_for(self, key: str, text_hash: str) -> int:
        """The number a text has (or will get) among the versions of a document."""
        version = self.version_with_text(key, text_hash)
        return version.number if version is not None else self.next_version_number(key)

    def recent_check_statuses(self, key: str, limit: int) -> list[str]:
        """The statuses of the last checks of a document, newest first (for flip-flop detection)."""
        rows = self._conn.execute("SELECT status FROM checks WHERE document = ? ORDER BY id DESC LIMIT ?",
                                  [key, limit]).fetchall()
        return [row[0] for row in rows]

    def last_change_kind(self, key: str) -> str | None:
        row = self._conn.execute("SELECT kind FROM changes WHERE document = ? ORDER BY id DESC LIMIT 1",
                                 [key]).fetchone()
        return (row[0] or "change") if row else None

    def text_of(self, version: Version) -> str:
        return self.get_text(version.text_hash)

    # -- checks ---------------------------------------------------------------------------------------------

    @contextlib.contextmanager
    def batch(self, max_checks: int = 200, max_seconds: float = 0.5) -> Iterator[Store]:
        """Group the checks recorded inside into few transactions: a large pass commits every ``max_checks``
        checks or ``max_seconds``, not after every check, so the pages it touches (documents, sources, checks and
        their indexes) are written to the WAL once a batch rather than once a check. Each check stays atomic (a
        savepoint in the batch's transaction); a crash loses at most the checks of the batch under way, whole,
        never part of one. Whatever was recorded is committed on the way out, exception or not."""
        if self._batch is not None:
            yield self
            return
        self._batch = _Batch(max_checks, max_seconds)
        try:
            yield self
        finally:
            self._batch = None
            if self._conn.in_transaction:
                self._commit_batch()

    def _commit_batch(self) -> None:
        # The blobs the batch's checks refer to were written without fsync, by this process or by workers: the
        # file system is flushed first, so that no committed row can point at a blob a power cut took away.
        sync_blobs(self.data_dir)
        self._conn.execute("COMMIT")

    def record_check(self, record: CheckRecord) -> CheckWritten:
        """Write one check and everything it found, in one transaction (a savepoint in a :meth:`batch`)."""
        batch = self._batch
        if batch is not None and not self._conn.in_transaction:
            self._conn.execute("BEGIN IMMEDIATE")  # as transaction(): wait for the write lock, never fail
            batch.begin()
        written = self._record_check(record)
        if batch is not None:
            batch.checks += 1
            if batch.full():
                self._commit_batch()
        return written

    def _record_check(self, record: CheckRecord) -> CheckWritten:
        now = record.started_at
        with self.transaction():
            state = self.document_state(record.document)
            if state is None:
                raise StoreError(f"unknown document {record.document!r}: call sync_documents first")
            version = None
            change_id = None
            document_update: dict[str, Any] = {"last_check": now}
            if record.status == "failed":
                failures = state.consecutive_failures + 1
                document_update.update(health="failing", consecutive_failures=failures, last_error=record.error,
                                       last_error_kind=record.error_kind, pending_text=record.pending_text,
                                       failing_since=state.failing_since or now)
            else:
                document_update.update(health="ok", consecutive_failures=0, last_success=now, last_error=None,
                                       last_error_kind=None, pending_text=None, failing_since=None)
                if record.text_hash is not None:
                    version = self._upsert_version(record, now)
                    document_update["current_version"] = version.id
            if record.tracking_broken is not None:
                document_update["tracking_broken"] = int(record.tracking_broken)
                document_update["broken_quiet"] = int(record.tracking_broken and record.tracking_quiet)
                if not record.tracking_broken:
                    document_update["restored_at"] = now
                elif record.tracking_quiet:
                    self._conn.execute("INSERT INTO flaps (document, at, reason) VALUES (?, ?, ?)",
                                       [record.document, now, record.error_kind or record.error])
            if record.change is not None and version is not None:
                change_id = self._insert_change(record, state.current_version, version.id, now)
                document_update["last_change"] = now
            conn = self._conn
            check_id = _row_id(conn.execute(
                "INSERT INTO checks (document, started_at, duration, status, http_status, error, error_kind, "
                "snapshot, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [record.document, now, round(record.duration, 4), record.status, record.http_status, record.error,
                 record.error_kind, ",".join(record.snapshot_hashes) or None, version.id if version else None],
            ))
            conn.executemany(
                "INSERT INTO sources (document, url, etag, last_modified, body_hash, text_hash, extract_key) "
                "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (document, url) DO UPDATE SET etag = excluded.etag, "
                "last_modified = excluded.last_modified, body_hash = excluded.body_hash, "
                "text_hash = excluded.text_hash, extract_key = excluded.extract_key",
                [(record.document, source.url, source.etag, source.last_modified, source.body_hash,
                  source.text_hash, source.extract_key) for source in record.sources])
            conn.execute(f"UPDATE documents SET {', '.join(f'{column} = ?' for column in document_update)} "
                         "WHERE key = ?", [*document_update.values(), record.document])
            alert_ids = tuple(
                _row_id(conn.execute(
                    "INSERT INTO alerts (change_id, document, kind, channel, state, attempts, created_at, "
                    "next_attempt_at, payload, uid) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?)",
                    [change_id, record.document, alert.kind, alert.channel, alert.state, now,
                     now if alert.state == "pending" else None, json.dumps(alert.payload, ensure_ascii=False),
                     new_alert_uid()],
                ))
                for alert in record.alerts
            )
        return CheckWritten(check_id=check_id, version=version, change_id=change_id, alert_ids=alert_ids)

    def _upsert_version(self, record: CheckRecord, now: str) -> Version:
        known = None if record.new_version else self.version_with_text(record.document, record.text_hash or "")
        if known is not None:
            self._conn.execute("UPDATE versions SET last_seen = ? WHERE id = ?", [now, known.id])
            return Version(known.id, known.document, known.number, known.text_hash, known.length, known.first_seen,
                           now, known.title)
        number = self.next_version_number(record.document)
        version_id = _row_id(self._conn.execute(
            "INSERT INTO versions (document, number, text_hash, length, title, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [record.document, number, record.text_hash, record.text_length or 0, record.title, now, now]))
        return Version(version_id, record.document, number, record.text_hash or "", record.text_length or 0, now,
                       now, record.title)

    def _insert_change(self, record: CheckRecord, from_version: int | None, to_version: int, now: str) -> int:
        change = record.change or {}
        stats = change.get("stats", {})
        return self._insert("changes", {
            "document": record.document, "from_version": from_version, "to_version": to_version,
            "detected_at": now, "added": stats.get("added", 0), "removed": stats.get("removed", 0),
            "severity": change.get("severity", "none"), "ai_relevant": int(bool(change.get("ai_relevant"))),
            "findings": json.dumps(change.get("findings", []), ensure_ascii=False),
            "summary": change.get("summary"), "detail": json.dumps(stats), "kind": change.get("kind", "change"),
        })

    def prune_checks(self, older_than: str) -> PruneReport:
        """Forget the routine checks started before ``older_than``: a check is kept when it made a version or a
        change (new, changed, reverted) or was a failure transition (the first failure after a success, the first
        success after a failure, the first check of the period), so health history stays readable. One document
        per transaction (the daemon's checks wait a moment, never long). Then the freed pages go back to the file
        system: ``PRAGMA incremental_vacuum``, never a full rewrite, except once for a database created before
        incremental vacuum (its ``auto_vacuum`` is switched by one ``VACUUM``)."""
        before = self.disk_usage()
        conn = self._conn
        deleted = kept = 0
        documents = [key for key, in conn.execute("SELECT key FROM documents").fetchall()]
        for document in documents:
            rows = conn.execute(
                "SELECT id, status = 'failed', status IN ('unchanged', 'not_modified', 'failed'), "
                "LAG(status = 'failed') OVER (ORDER BY id) FROM checks WHERE document = ? AND started_at < ? "
                "ORDER BY id", [document, older_than]).fetchall()
            routine = [(check_id,) for check_id, failed, plain, was_failed in rows
                       if plain and was_failed is not None and failed == was_failed]
            kept += len(rows) - len(routine)
            if routine:
                with self.transaction():
                    conn.executemany("DELETE FROM checks WHERE id = ?", routine)
                deleted += len(routine)
        rewritten = False
        if conn.execute("PRAGMA auto_vacuum").fetchone()[0] != 2:  # NONE or FULL: switched once, by a rewrite
            conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
            conn.execute("VACUUM")
            rewritten = True
        conn.executescript("PRAGMA incremental_vacuum;")  # run to the end: execute() would free one page
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return PruneReport(deleted, kept, before, self.disk_usage(), rewritten)

    def checks(self, key: str, limit: int = 50) -> list[dict[str, Any]]:
        return list(self._rows("SELECT * FROM checks WHERE document = ? ORDER BY id DESC LIMIT ?", [key, limit]))

    # -- changes --------------------------------------------------------------------------------------------

    def changes(self, *, since: str | None = None, ai_only: bool = False, document: str | None = None,
                limit: int | None = None, service: str | None = None, severities: Iterable[str] | None = None,
                before: int | None = None) -> list[ChangeRow]:
        """Changes, newest first. ``service`` (any case), ``severities`` (the ones to keep) and ``before`` (only
        changes with a smaller id: the next page of a list) narrow them further."""
        where = ["1 = 1"]
        params: list[str | int] = []
        if since:
            where.append("c.detected_at >= ?")
            params.append(since)
        if ai_only:
            where.append("c.ai_relevant = 1")
        if document:
            where.append("c.document = ?")
            params.append(document)
        if service:
            where.append("d.service = ? COLLATE NOCASE")
            params.append(service)
        if severities is not None:
            kept = list(severities)
            where.append(f"c.severity IN ({', '.join('?' * len(kept)) or 'NULL'})")
            params.extend(kept)
        if before is not None:
            where.append("c.id < ?")
            params.append(before)
        sql = ("SELECT c.*, d.service, d.type, vf.number AS from_number, vt.number AS to_number FROM changes c "
               "JOIN documents d ON d.key = c.document LEFT JOIN versions vf ON vf.id = c.from_version "
               "JOIN versions vt ON vt.id = c.to_version WHERE " + " AND ".join(where) + " ORDER BY c.id DESC")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [_change_row(row) for row in self._rows(sql, params)]

    def change(self, change_id: int) -> ChangeRow | None:
        rows = [row for row in self._rows(
            "SELECT c.*, d.service, d.type, vf.number AS from_number, vt.number AS to_number FROM changes c "
            "JOIN documents d ON d.key = c.document LEFT JOIN versions vf ON vf.id = c.from_version "
            "JOIN versions vt ON vt.id = c.to_version WHERE c.id = ?", [change_id])]
        return _change_row(rows[0]) if rows else None

    # -- alerts (the outbox) --------------------------------------------------------------------------------

    def alerts(self, states: Iterable[str] | None = None, limit: int = 200) -> list[AlertRow]:
        params: list[Any] = []
        sql = "SELECT * FROM alerts"
        if states is not None:
            states = list(states)
            sql += f" WHERE state IN ({','.join('?' * len(states))})"
            params.extend(states)
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(limit)
        return [_alert_row(row) for row in self._rows(sql, params)]

    def due_alerts(self, now: str | None = None) -> list[AlertRow]:
        now = now or utcnow()
        return [_alert_row(row) for row in self._rows(
            "SELECT * FROM alerts WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?) "
            "ORDER BY id", [now])]

    def add_alerts(self, alerts: Iterable[NewAlert], *, document: str | None = None,
                   change_id: int | None = None) -> list[int]:
        now = utcnow()
        with self.transaction():
            return [self._insert("alerts", {
                "change_id": change_id, "document": document, "kind": alert.kind, "channel": alert.channel,
                "state": alert.state, "attempts": 0, "created_at": now,
                "next_attempt_at": now if alert.state == "pending" else None,
                "payload": json.dumps(alert.payload, ensure_ascii=False), "uid": new_alert_uid()})
                for alert in alerts]

    def alert_count(self, state: str) -> int:
        return int(self._conn.execute("SELECT COUNT(*) FROM alerts WHERE state = ?", [state]).fetchone()[0])

    def route_alert(self, alert: AlertRow, channels: Sequence[str]) -> None:
        """An undelivered alert, now that channels would receive it: pending on the first, copies for the others."""
        now = utcnow()
        with self.transaction():
            self._conn.execute("UPDATE alerts SET channel = ?, state = 'pending', next_attempt_at = ? "
                               "WHERE id = ? AND state = 'undelivered'", [channels[0], now, alert.id])
            for channel in channels[1:]:
                self._insert("alerts", {
                    "change_id": alert.change_id, "document": alert.document, "kind": alert.kind,
                    "channel": channel, "state": "pending", "attempts": 0, "created_at": alert.created_at,
                    "next_attempt_at": now, "payload": json.dumps(alert.payload, ensure_ascii=False)})

    def mark_alert(self, alert_id: int, *, state: str, error: str | None = None,
                   next_attempt_at: str | None = None) -> None:
        """Record one delivery attempt's outcome."""
        with self.transaction():
            self._conn.execute(
                "UPDATE alerts SET state = ?, attempts = attempts + 1, last_error = ?, next_attempt_at = ?, "
                "lease_until = NULL, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?",
                [state, error, next_attempt_at, state, utcnow(), alert_id])

    def pending_alerts(self, channel: str) -> list[AlertRow]:
        """Every pending alert of one channel, due or not, oldest first."""
        return [_alert_row(row) for row in self._rows(
            "SELECT * FROM alerts WHERE state = 'pending' AND channel = ? ORDER BY id", [channel])]

    def claim_alert(self, alert_id: int, *, now: str, lease_until: str, ignore_due: bool = False) -> bool:
        """Take a pending alert (a due one, unless ``ignore_due``) for delivery (``sending``) until
        ``lease_until``: one statement, so of several processes claiming the same alert exactly one wins."""
        due = "" if ignore_due else " AND (next_attempt_at IS NULL OR next_attempt_at <= ?)"
        with self.transaction():
            cursor = self._conn.execute(
                "UPDATE alerts SET state = 'sending', lease_until = ? WHERE id = ? AND state = 'pending'" + due,
                [lease_until, alert_id] + ([] if ignore_due else [now]))
            return cursor.rowcount == 1

    def flaps_after(self, flap_id: int) -> list[tuple[int, str, str, str]]:
        """(id, service, document type, reason) of every flap recorded after the flap ``flap_id``, in order."""
        return [(flap, service, doc_type, reason) for flap, service, doc_type, reason in self._conn.execute(
            "SELECT f.id, d.service, d.type, f.reason FROM flaps f JOIN documents d ON d.key = f.document "
            "WHERE f.id > ? ORDER BY f.id", [flap_id]).fetchall()]

    # -- channels: back-off of each alert channel -----------------------------------------------------------

    def channel_backoff(self, channel: str) -> ChannelBackoff:
        row = self._one("SELECT failures, next_attempt_at, last_error FROM channels WHERE url = ?", [channel])
        if row is None:
            return ChannelBackoff()
        return ChannelBackoff(row["failures"] or 0, row["next_attempt_at"], row["last_error"])

    def channel_failed(self, channel: str, *, failures: int, next_attempt_at: str, error: str | None) -> None:
        with self.transaction():
            self._conn.execute("INSERT INTO channels (url, failures, next_attempt_at, last_error) VALUES (?, ?, ?, ?) "
                               "ON CONFLICT (url) DO UPDATE SET failures = excluded.failures, "
                               "next_attempt_at = excluded.next_attempt_at, last_error = excluded.last_error",
                               [channel, failures, next_attempt_at, error])

    def channel_succeeded(self, channel: str) -> None:
        with self.transaction():
            self._conn.execute("DELETE FROM channels WHERE url = ?", [channel])

    def reset_channel_backoff(self) -> None:
        with self.transaction():
            self._conn.execute("DELETE FROM channels")

    def retry_alerts(self, now: str, *, include_failed: bool = True) -> int:
        """Make every pending alert (and failed one, with a fresh set of attempts) due at ``now``; how many.
        Alerts being sent stay with the process sending them."""
        states = ("pending", "failed") if include_failed else ("pending",)
        with self.transaction():
            return self._conn.execute(
                "UPDATE alerts SET state = 'pending', next_attempt_at = ?, "
                "attempts = CASE WHEN state = 'failed' THEN 0 ELSE attempts END "
                f"WHERE state IN ({','.join('?' * len(states))})", [now, *states]).rowcount

    def release_expired_leases(self, now: str) -> int:
        """Alerts left ``sending`` by a process that died mid-delivery (its lease ran out): pending again, due now.
        A live process's claim is never taken from it, however the alert is retried."""
        with self.transaction():
            return self._conn.execute(
                "UPDATE alerts SET state = 'pending', next_attempt_at = ?, lease_until = NULL "
                "WHERE state = 'sending' AND (lease_until IS NULL OR lease_until <= ?)", [now, now]).rowcount

    # -- daemon heartbeat and misc ----------------------------------------------------------------------------

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self._conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])

    def get_meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key = ?", [key])
        return row["value"] if row else None

    def disk_usage(self) -> int:
        """Bytes the data directory takes on disk (database, its WAL, blobs, dictionaries)."""
        total = 0
        for path in self.data_dir.rglob("*"):
            with contextlib.suppress(OSError):
                if path.is_file():
                    total += path.stat().st_blocks * 512
        return total

    def integrity_check(self) -> str:
        return self._conn.execute("PRAGMA integrity_check").fetchone()[0]

    def _one(self, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
        cursor = self._conn.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([column[0] for column in cursor.description], row, strict=True))

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        cursor = self._conn.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        """Insert one row (``table`` and the columns are this module's own names, never input); its id."""
        return _row_id(self._conn.execute(
            f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})", list(row.values())))


def _row_id(cursor: sqlite3.Cursor) -> int:
    """The id an INSERT gave its row (``lastrowid`` is None only after a statement that inserts none)."""
    if cursor.lastrowid is None:
        raise StoreError("an INSERT gave no row id")
    return cursor.lastrowid


def _document_state(row: dict[str, Any]) -> DocumentState:
    return DocumentState(
        key=row["key"], service=row["service"], type=row["type"], url=row["url"], health=row["health"] or "unknown",
        last_check=row["last_check"], last_success=row["last_success"], last_change=row["last_change"],
        consecutive_failures=row["consecutive_failures"] or 0, last_error=row["last_error"],
        last_error_kind=row["last_error_kind"], current_version=row["current_version"],
        tracking_broken=bool(row["tracking_broken"]), next_run=row["next_run"], pending_text=row.get("pending_text"),
        failing_since=row.get("failing_since"), restored_at=row.get("restored_at"),
        broken_quiet=bool(row.get("broken_quiet")),
    )


def _version(row: dict[str, Any]) -> Version:
    return Version(row["id"], row["document"], row["number"], row["text_hash"], row["length"], row["first_seen"],
                   row["last_seen"], row.get("title"))


def _change_row(row: dict[str, Any]) -> ChangeRow:
    return ChangeRow(
        id=row["id"], document=row["document"], service=row["service"], type=row["type"],
        from_version=row.get("from_number"), to_version=row["to_number"], detected_at=row["detected_at"],
        added=row["added"], removed=row["removed"], severity=row["severity"], ai_relevant=bool(row["ai_relevant"]),
        findings=json.loads(row["findings"] or "[]"), summary=row["summary"], kind=row.get("kind") or "change",
        stats=_change_stats(row),
    )


def _change_stats(row: dict[str, Any]) -> dict[str, int]:
    """The figures the change's alert gave (kept whole in ``detail``); older rows have only added/removed."""
    try:
        detail = json.loads(row.get("detail") or "{}")
    except ValueError:
        detail = {}
    stats = {"added": row["added"] or 0, "removed": row["removed"] or 0, "modified": 0, "moved": 0}
    if isinstance(detail, dict):
        stats.update({key: value for key, value in detail.items() if key in stats and isinstance(value, int)})
    return stats


def _alert_row(row: dict[str, Any]) -> AlertRow:
    return AlertRow(
        id=row["id"], change_id=row["change_id"], document=row["document"], kind=row["kind"],
        channel=row["channel"], state=row["state"], attempts=row["attempts"], last_error=row["last_error"],
        created_at=row["created_at"], next_attempt_at=row["next_attempt_at"], sent_at=row["sent_at"],
        payload=json.loads(row["payload"] or "{}"), uid=row.get("uid") or f"a{row['id']}",
        lease_until=row.get("lease_until"),
    )


if TYPE_CHECKING:
    _IS_A_STORAGE: type[Storage] = Store  # mypy checks that Store has every method of the interface, with its types
