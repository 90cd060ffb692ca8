"""The store's public methods, used as the rest of the code uses them, on real SQLite files in ``tmp_path``."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from monitor.blobs import WorkerBlobs
from monitor.store import SCHEMA_VERSION, CheckRecord, NewAlert, NoDataDirectory, Store, StoreError, has_data, sha256
from monitor.watchlist import Document, Source

DOCUMENT = Document("Example", "Privacy Policy", (Source("https://example.com/privacy"),), 3600, 30)
# Databases of schema version 1 as its first release and its last one wrote them (sqlite3's .dump): a document with
# two versions, a change and its pending alert
VERSION_1 = sorted((Path(__file__).parent / "data" / "store").glob("version-1-*.sql"))


class Abandoned(Exception):
    """Raised inside a transaction to undo it."""


def test_a_nested_transaction_that_fails_undoes_only_its_own_writes(store: Store) -> None:
    with store.transaction():
        store.set_meta("outer", "kept")
        with pytest.raises(Abandoned), store.transaction():
            store.set_meta("inner", "undone")
            store.set_meta("outer", "overwritten, then undone")
            raise Abandoned
        store.set_meta("after", "kept too")
    assert (store.get_meta("outer"), store.get_meta("inner"), store.get_meta("after")) == ("kept", None, "kept too")


def test_a_failing_transaction_leaves_nothing_behind(store: Store) -> None:
    with pytest.raises(Abandoned), store.transaction():
        store.set_meta("written", "then undone")
        raise Abandoned
    assert store.get_meta("written") is None
    store.set_meta("written", "later")  # the connection is usable again
    assert store.get_meta("written") == "later"


def test_two_stores_on_one_data_directory_wait_for_each_other_rather_than_fail(tmp_path: Path) -> None:
    """The daemon's two connections, or ``status`` beside the daemon: one reads then writes in a transaction while
    the other commits a write. A deferred transaction would fail at once with "database is locked"."""
    with Store(tmp_path / "data") as first, Store(tmp_path / "data") as second:
        inside = threading.Event()
        errors: list[BaseException] = []

        def read_then_write() -> None:
            try:
                with first.transaction():
                    seen = first.get_meta("counter")
                    inside.set()
                    time.sleep(0.3)  # the other store tries to write meanwhile
                    first.set_meta("counter", str(int(seen or 0) + 1))
            except BaseException as error:  # noqa: BLE001 - reported by the assertion below
                errors.append(error)

        worker = threading.Thread(target=read_then_write)
        worker.start()
        assert inside.wait(5)
        started = time.monotonic()
        with second.transaction():
            counter = int(second.get_meta("counter") or 0)
            second.set_meta("counter", str(counter + 1))
        waited = time.monotonic() - started
        worker.join(5)
        assert errors == []
        assert waited > 0.1  # it waited for the first store's commit ...
        assert first.get_meta("counter") == "2"  # ... and read what that commit wrote: no update lost


def test_a_batch_commits_every_few_checks_and_the_rest_on_the_way_out(tmp_path: Path) -> None:
    with Store(tmp_path / "data") as writer, Store(tmp_path / "data") as reader:
        writer.sync_documents([DOCUMENT])
        text = writer.put_text("A text.")
        with writer.batch(max_checks=3, max_seconds=60):
            for minute in range(5):
                writer.record_check(CheckRecord(document=DOCUMENT.key, started_at=f"2026-01-01T00:0{minute}:00",
                                                duration=0.1, status="unchanged", text_hash=text, text_length=7))
            assert len(reader.checks(DOCUMENT.key)) == 3  # the first three are committed, two are under way
        assert len(reader.checks(DOCUMENT.key)) == 5


def test_clear_schedule_forgets_every_next_run(store: Store) -> None:
    other = Document("Other", "Terms of Service", (Source("https://example.org/terms"),), 3600, 30)
    store.sync_documents([DOCUMENT, other])
    store.set_next_run(DOCUMENT.key, "2026-01-01T00:00:00+00:00")
    store.set_next_run(other.key, "2026-01-02T00:00:00+00:00")
    store.clear_schedule()
    assert [state.next_run for state in store.document_states()] == [None, None]


def test_retry_alerts_makes_pending_and_failed_alerts_due_now_and_leaves_sending_ones_alone(store: Store) -> None:
    ids = store.add_alerts([NewAlert("change", "json://127.0.0.1:9/a") for _ in range(3)])
    pending, failed, sending = ids
    store.mark_alert(pending, state="pending", error="HTTP 503", next_attempt_at="2099-01-01T00:00:00+00:00")
    store.mark_alert(failed, state="failed", error="HTTP 503")
    assert store.claim_alert(sending, now="2026-01-01T00:00:00+00:00", lease_until="2099-01-01T00:00:00+00:00",
                              ignore_due=True)
    now = "2026-06-01T00:00:00+00:00"

    assert store.retry_alerts(now, include_failed=False) == 1
    assert [row.id for row in store.due_alerts(now)] == [pending]
    assert store.retry_alerts(now) == 2
    rows = {row.id: row for row in store.alerts()}
    assert [row.id for row in store.due_alerts(now)] == [pending, failed]
    assert (rows[failed].attempts, rows[pending].attempts) == (0, 1)  # a failed alert gets a fresh set of attempts
    assert rows[sending].state == "sending"


def test_a_blob_a_worker_wrote_is_one_the_store_has_and_reads(store: Store) -> None:
    text = b"A text an extraction worker stored."
    assert not store.has_blob(sha256(text))
    digest = WorkerBlobs(store.data_dir).put_blob(text)
    assert store.has_blob(digest) and store.get_blob(digest) == text


def data_dir_from_dump(tmp_path: Path, dump: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    with contextlib.closing(sqlite3.connect(data / "monitor.db")) as connection:
        connection.executescript(dump.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("dump", VERSION_1, ids=lambda path: path.stem)
def test_a_version_1_database_is_migrated_and_keeps_its_history(tmp_path: Path, dump: Path) -> None:
    data = data_dir_from_dump(tmp_path, dump)
    with Store(data) as store:
        assert store.get_meta("schema_version") == str(SCHEMA_VERSION)
        change, = store.changes()
        assert (change.service, change.kind, change.severity, change.to_version) == ("Example", "change", "high", 2)
        alert, = store.alerts()
        assert (alert.state, alert.payload) == ("pending", {"service": "Example"})
        # What the columns and tables added since that release hold is written and read back
        store.record_check(CheckRecord(document=DOCUMENT.key, started_at="2026-11-22T10:00:00+00:00", duration=0.1,
                                       status="failed", error="HTTP 503", error_kind="http", pending_text="held",
                                       tracking_broken=True, tracking_quiet=True))
        state = store.document_state(DOCUMENT.key)
        assert state is not None and (state.pending_text, state.failing_since, state.broken_quiet) == (
            "held", "2026-11-22T10:00:00+00:00", True)
        assert store.flaps_after(0) == [(1, "Example", "Privacy Policy", "http")]
        store.channel_failed("json://127.0.0.1:9/alerts", failures=2, next_attempt_at="2026-11-22T11:00:00+00:00",
                             error="HTTP 503")
        assert store.channel_backoff("json://127.0.0.1:9/alerts").failures == 2
    with Store(data) as again:  # opened again: nothing left to migrate, nothing lost
        assert again.get_meta("schema_version") == str(SCHEMA_VERSION) and len(again.changes()) == 1
        assert again.integrity_check() == "ok"


def test_a_database_of_a_newer_version_is_refused_and_left_as_it_is(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with Store(data) as store:
        store.set_meta("schema_version", str(SCHEMA_VERSION + 1))
    written = (data / "monitor.db").read_bytes()
    for read_only in (False, True):
        with pytest.raises(StoreError, match=rf"written by a newer policy-monitor \(database schema "
                                             rf"{SCHEMA_VERSION + 1}, this one reads up to {SCHEMA_VERSION}\)"):
            Store(data, read_only=read_only)
    assert (data / "monitor.db").read_bytes() == written


def test_has_data_looks_without_creating_and_a_store_opened_only_if_there_is_one(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert not has_data(data) and not data.exists()
    with pytest.raises(NoDataDirectory):
        Store(data, create=False)
    assert not data.exists()
    Store(data).close()
    assert has_data(data)
    Store(data, create=False).close()
