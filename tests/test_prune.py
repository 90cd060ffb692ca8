"""``policy-monitor prune``: routine checks are forgotten, history is not, and the file gives the space back."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.cli import main
from monitor.store import CheckRecord, Store
from monitor.watchlist import Document, Source
from tests.conftest import sql, write_watchlist

DOCUMENT = Document("Example", "Privacy Policy", (Source("https://example.com/privacy"),), 3600, 30)
ROUTINE = 2000  # routine checks in each quiet stretch: enough pages for the space to be measurable


def record_history(store: Store, start: datetime) -> list[str]:
    """A document's checks from ``start`` on, one a minute; returns the statuses that must survive a prune."""
    store.sync_documents([DOCUMENT])
    moment = iter(start + timedelta(minutes=n) for n in range(100_000))

    def check(status: str, **extra: object) -> None:
        when = next(moment).isoformat(timespec="seconds")
        error = {"error": "HTTP 503 from https://example.com/privacy", "error_kind": "http"} \
            if status == "failed" else {}
        store.record_check(CheckRecord(document=DOCUMENT.key, started_at=when, duration=0.2, status=status,
                                       http_status=503 if status == "failed" else 200, **error, **extra))

    text_one, text_two = store.put_text("First text."), store.put_text("Second text.")
    check("new", text_hash=text_one, text_length=11)
    for _ in range(ROUTINE):
        check("unchanged", text_hash=text_one, text_length=11)
    for _ in range(3):
        check("failed")
    for _ in range(3):
        check("not_modified", text_hash=text_one, text_length=11)
    check("changed", text_hash=text_two, text_length=12,
          change={"stats": {"added": 0, "removed": 0, "modified": 1, "moved": 0}, "severity": "none"})
    for _ in range(ROUTINE):
        check("not_modified", text_hash=text_two, text_length=12)
    return ["new", "failed", "not_modified", "changed"]


def statuses(store: Store) -> list[str]:
    return [status for status, in sql(store.data_dir, "SELECT status FROM checks ORDER BY id")]


def test_prune_keeps_versions_changes_and_failure_transitions_and_gives_the_space_back(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    with Store(tmp_path / "data") as store:
        survivors = record_history(store, now - timedelta(days=120))
        recent = ["unchanged"] * 5
        for index in range(5):
            store.record_check(CheckRecord(document=DOCUMENT.key, started_at=(now - timedelta(hours=index + 1))
                                           .isoformat(timespec="seconds"), duration=0.1, status="unchanged",
                                           text_hash=store.current_version(DOCUMENT.key).text_hash))  # type: ignore
        pages_before = sql(store.data_dir, "PRAGMA page_count")[0][0]

        report = store.prune_checks((now - timedelta(days=90)).isoformat(timespec="seconds"))

        assert statuses(store) == survivors + recent
        assert report.deleted == 2 * ROUTINE + 2 + 2 and report.kept == len(survivors)
        assert [v.number for v in store.versions(DOCUMENT.key)] == [1, 2] and len(store.changes()) == 1
        assert not report.rewritten  # a database created by this version vacuums incrementally from the start
        assert sql(store.data_dir, "PRAGMA freelist_count") == [(0,)]
        assert sql(store.data_dir, "PRAGMA page_count")[0][0] < pages_before / 2
        assert report.bytes_after < report.bytes_before
        assert store.integrity_check() == "ok"


def test_prune_command_switches_an_old_database_to_incremental_vacuum_once(tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    data.mkdir()
    with sqlite3.connect(data / "monitor.db") as old:  # a database from before incremental vacuum
        old.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    with Store(data) as store:
        assert sql(data, "PRAGMA auto_vacuum") == [(0,)]
        record_history(store, datetime.now(UTC) - timedelta(days=40))
    watchlist = write_watchlist(tmp_path, '[storage]\nkeep_checks = "30d"\n')

    assert main(["--watchlist", str(watchlist), "--data-dir", str(data), "prune"]) == 0
    first = capsys.readouterr().out
    assert main(["--watchlist", str(watchlist), "--data-dir", str(data), "prune", "--older-than", "1d"]) == 0
    second = capsys.readouterr().out

    assert f"Pruned {2 * ROUTINE + 4:,} routine checks older than 30 days (kept 4 " in first
    assert "compacted once" in first and "compacted" not in second
    assert "Pruned 0 routine checks older than 1 days" in second
    with Store(data) as store:
        assert sql(data, "PRAGMA auto_vacuum") == [(2,)]
        assert statuses(store) == ["new", "failed", "not_modified", "changed"]
    assert main(["--data-dir", str(data), "prune", "--older-than", "soon"]) == 2
    assert "--older-than: not an interval: 'soon'" in capsys.readouterr().err
