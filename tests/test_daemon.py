"""``policy-monitor run`` as a real process against real servers on 127.0.0.1: schedules, alerts, signals, locks.

The daemon runs as ``python -m monitor … run`` (a subprocess, logging to a file); the pages come from
:class:`~monitor.localserver.PageServer` and the alerts arrive, through apprise's ``json://``, at a small HTTP
receiver, both in this process. Intervals are one or two seconds; every wait polls with a deadline.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from monitor.localserver import PageServer
from monitor.scheduler import DaemonAlreadyRunning, DaemonLock, ReloadPlan, daemon_status, lock_holder, plan_first_runs
from monitor.store import Store
from monitor.watchlist import Document, Source, Watchlist, load, loads
from tests.conftest import LONG_POLICY, REPO, WebhookReceiver, check_once, policy_page, run_main, write_watchlist
from tests.test_documents import make_long_pdf

AI_CLAUSE = ("We may use the content you post, including your photos and messages, to train and improve our "
             "artificial intelligence models, including generative AI models.")


# -- helpers ---------------------------------------------------------------------------------------------------


def wait_until(condition: Callable[[], Any], timeout: float, what: str, interval: float = 0.05) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)


def query(data_dir: Path, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """A read on a connection of its own, as another process would read while the daemon writes."""
    db = data_dir / "monitor.db"
    if not db.exists():
        return []
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return connection.execute(sql, params).fetchall()
    except sqlite3.OperationalError:  # the schema is not there yet
        return []
    finally:
        connection.close()


@pytest.fixture
def receiver(hooks: WebhookReceiver) -> WebhookReceiver:
    return hooks


@dataclass
class Daemon:
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for_log(self, text: str, timeout: float = 15.0) -> None:
        def seen() -> bool:
            if self.process.poll() is not None and text not in self.log():
                raise AssertionError(f"the daemon exited ({self.process.returncode}):\n{self.log()}")
            return text in self.log()

        wait_until(seen, timeout, f"{text!r} in the daemon's log")

    def signal_and_wait(self, signum: int, timeout: float = 10.0) -> tuple[int, float]:
        started = time.monotonic()
        self.process.send_signal(signum)
        code = self.process.wait(timeout=timeout)
        return code, time.monotonic() - started


@pytest.fixture
def daemons() -> Iterator[Callable[..., Daemon]]:
    """Start ``python -m monitor … run``; whatever is still running at the end is killed (by its own pid)."""
    started: list[Daemon] = []

    def start(watchlist: Path, data_dir: Path, *, log_name: str = "daemon.log", ready: bool = True) -> Daemon:
        log_path = watchlist.parent / f"{len(started)}-{log_name}"
        with log_path.open("wb") as log_file:
            process = subprocess.Popen(
                [sys.executable, "-m", "monitor", "--watchlist", str(watchlist), "--data-dir", str(data_dir),
                 "--log-level", "INFO", "run", "--delivery-interval", "1"],
                cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log_file,
                env={**os.environ, "PYTHONUNBUFFERED": "1"})
        daemon = Daemon(process, log_path)
        started.append(daemon)
        if ready:
            daemon.wait_for_log("daemon started")
        return daemon

    yield start
    for daemon in started:
        if daemon.process.poll() is None:
            daemon.process.kill()
            daemon.process.wait(timeout=10)


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=30, stdin=subprocess.DEVNULL)


def watchlist_file(tmp_path: Path, documents: str, *, notify: str = "", jitter: float = 0.1,
                   per_host: int = 2, name: str = "watchlist.toml") -> Path:
    return write_watchlist(tmp_path, f"""
        [defaults]
        interval = "1s"
        jitter = {jitter}
        retries = 0
        timeout = 3
        per_host_concurrency = {per_host}
        {notify}
        [[service]]
        name = "Example"
        opt_out = "Settings → Privacy → AI: off"
        {documents}
        """, name=name)


def document(kind: str, url: str, interval: str = "1s") -> str:
    return f"""
          [[service.document]]
          type = "{kind}"
          url = "{url}"
          select = ["main"]
          interval = "{interval}"
    """


def versions(data_dir: Path, key: str) -> int:
    rows = query(data_dir, "SELECT COUNT(*) FROM versions WHERE document = ?", (key,))
    return rows[0][0] if rows else 0


# -- the schedule, an alert, SIGTERM -----------------------------------------------------------------------------


def test_checks_run_on_schedule_a_change_is_alerted_and_sigterm_stops_cleanly(
        tmp_path: Path, server: PageServer, receiver: WebhookReceiver, daemons: Callable[..., Daemon]) -> None:
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    server.set_page("/terms", policy_page(*LONG_POLICY, title="Terms"))
    slow = Slow(policy_page(*LONG_POLICY, title="Slow").encode("utf-8"), hold=1.6)
    server.set_handler("/slow", slow)
    data = tmp_path / "data"
    watchlist = watchlist_file(
        tmp_path, document("Privacy Policy", server.url("/privacy")) + document("Terms", server.url("/terms"), "2s")
        + document("Slow", server.url("/slow")), notify=f'[notify]\nurls = ["{receiver.json_url()}"]', per_host=4)
    daemon = daemons(watchlist, data)

    # Every second for the privacy policy, every two for the terms: no pile-up, no silence.
    wait_until(lambda: server.requests_for("/privacy"), 5, "the first check")
    first = time.monotonic()
    wait_until(lambda: len(server.requests_for("/privacy")) >= 4, 8, "four checks of the privacy policy")
    elapsed = time.monotonic() - first
    privacy, terms = len(server.requests_for("/privacy")), len(server.requests_for("/terms"))
    assert 2.2 <= elapsed <= 6, f"three intervals of 1 s took {elapsed:.2f} s"
    assert 1 <= terms < privacy, (privacy, terms)
    # A site slower than its interval: its runs are skipped while one is in flight, never piled up.
    wait_until(lambda: slow.served >= 2, 5, "two checks of the slow page")
    assert slow.max_in_flight == 1
    next_runs = dict(query(data, "SELECT key, next_run FROM documents"))
    assert all(next_runs.values()), next_runs

    # The page changes: one new version, one change, one alert that reaches the receiver once.
    server.set_page("/privacy", policy_page(*LONG_POLICY, AI_CLAUSE))
    wait_until(lambda: versions(data, "Example/Privacy Policy") == 2, 5, "the second version")
    wait_until(lambda: query(data, "SELECT 1 FROM alerts WHERE state = 'sent'"), 8, "the alert to be sent")
    wait_until(lambda: receiver.posts, 2, "the alert at the receiver")
    assert len(receiver.posts) == 1
    assert "Example" in receiver.messages()[0] and "train" in receiver.messages()[0]
    assert query(data, "SELECT severity, ai_relevant FROM changes") == [("high", 1)]

    status = run_main("--watchlist", str(watchlist), "--data-dir", str(data), "status")
    assert status.returncode == 0, status.stderr
    assert "Daemon: running" in status.stdout and "Next run" in status.stdout

    code, took = daemon.signal_and_wait(signal.SIGTERM)
    assert code == 0 and took < 10, (code, took, daemon.log())
    log = daemon.log()
    assert "check service='Example' document='Privacy Policy' result=changed duration=" in log
    assert "result=not_modified" in log and "daemon stopped" in log
    assert "Slow: previous check still running, this run is skipped" in log
    assert "maximum number of running instances" not in log  # APScheduler's warning, replaced by that line
    assert "Traceback" not in log
    assert query(data, "SELECT COUNT(*) FROM documents WHERE next_run IS NOT NULL") == [(0,)]
    assert lock_holder(data)[0] is False
    assert query(data, "SELECT COUNT(*) FROM checks WHERE status = 'failed'") == [(0,)]


@dataclass
class Slow:
    """A page that takes ``hold`` seconds to answer, recording how many requests were in flight at once."""

    body: bytes
    hold: float
    served: int = 0
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, request: BaseHTTPRequestHandler) -> None:
        with self.lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            time.sleep(self.hold)
            request.send_response(200)
            request.send_header("Content-Type", "text/html; charset=utf-8")
            request.send_header("Content-Length", str(len(self.body)))
            request.end_headers()
            request.wfile.write(self.body)
        finally:
            with self.lock:
                self.in_flight -= 1
                self.served += 1


# -- start-up order and SIGHUP -------------------------------------------------------------------------------------


def test_a_page_that_takes_long_to_read_leaves_the_heartbeat_fresh_and_sigterm_prompt(
        tmp_path: Path, server: PageServer, daemons: Callable[..., Daemon]) -> None:
    # A 50,000-page PDF: 15 s or more of pypdf (well past a heartbeat and the 3 s grace of a stop, with the fastest
    # pypdf yet), which used to run in the daemon's event loop (no heartbeat, no signal).
    server.set_page("/terms.pdf", make_long_pdf(50_000), content_type="application/pdf")
    data = tmp_path / "data"
    watchlist = watchlist_file(tmp_path, f"""
          [[service.document]]
          type = "Terms"
          url = "{server.url('/terms.pdf')}"
          interval = "1h"
        """)
    daemon = daemons(watchlist, data)
    wait_until(lambda: server.requests_for("/terms.pdf"), 10, "the PDF to be fetched")
    fetched = datetime.now(UTC)

    def heartbeat_since_the_fetch() -> bool:
        rows = query(data, "SELECT value FROM meta WHERE key = 'daemon_heartbeat'")
        return bool(rows) and datetime.fromisoformat(rows[0][0]) > fetched + timedelta(seconds=0.5)

    # Within 7 s, more than a heartbeat interval (5 s), a heartbeat written while the PDF is read.
    wait_until(heartbeat_since_the_fetch, 7, "a heartbeat during the reading of the PDF")
    assert versions(data, "Example/Terms") == 0  # still reading it
    code, took = daemon.signal_and_wait(signal.SIGTERM, timeout=30)
    assert code == 0 and took < 10, (code, took, daemon.log())
    assert "result=cancelled (stopping)" in daemon.log()


def test_overdue_documents_run_first_recent_ones_wait_and_sighup_reloads(
        tmp_path: Path, server: PageServer, daemons: Callable[..., Daemon]) -> None:
    for path in ("/recent", "/overdue", "/added"):
        server.set_page(path, policy_page(*LONG_POLICY, title=path))
    data = tmp_path / "data"
    watchlist = watchlist_file(tmp_path, document("Recent", server.url("/recent"), "60s")
                               + document("Overdue", server.url("/overdue"), "60s"), jitter=0.01)
    with Store(data) as store:  # checked a moment ago by hand: not due for a minute
        check_once(_only(load(watchlist), "Recent"), store)
        last = datetime.fromisoformat(store.document_state("Example/Recent").last_check)  # type: ignore[union-attr]
    server.requests.clear()
    daemon = daemons(watchlist, data)

    wait_until(lambda: server.requests_for("/overdue"), 4, "the overdue document's check")
    next_run = dict(query(data, "SELECT key, next_run FROM documents"))
    due = datetime.fromisoformat(next_run["Example/Recent"])
    assert last + timedelta(seconds=59) <= due <= last + timedelta(seconds=62), (last, due)
    assert not server.requests_for("/recent")

    # SIGHUP: "Recent" now every second (so overdue at once), "Overdue" removed, "Added" added.
    watchlist_file(tmp_path, document("Recent", server.url("/recent"), "1s") + document("Added", server.url("/added")),
                   jitter=0.01, per_host=3)  # new [defaults] too: the next checks get a new HTTP client
    daemon.process.send_signal(signal.SIGHUP)
    daemon.wait_for_log("watchlist reloaded: 2 documents (1 added, 1 removed, 1 changed)")
    wait_until(lambda: len(server.requests_for("/added")) >= 2, 5, "checks of the added document")
    wait_until(lambda: server.requests_for("/recent"), 3, "the rescheduled document")
    assert dict(query(data, "SELECT key, next_run FROM documents"))["Example/Overdue"] is None

    # A broken watchlist on reload: an error in the log, the old one still in force.
    watchlist.write_text("[[service]\nname = ", encoding="utf-8")
    daemon.process.send_signal(signal.SIGHUP)
    daemon.wait_for_log("ERROR monitor.daemon: watchlist not reloaded, the old one stays in effect")
    before = len(server.requests_for("/added"))
    wait_until(lambda: len(server.requests_for("/added")) >= before + 2, 5, "checks after the broken reload")

    code, took = daemon.signal_and_wait(signal.SIGINT)
    assert code == 0 and took < 10, (code, took)
    assert "Traceback" not in daemon.log()


def _only(watchlist: Watchlist, kind: str) -> Watchlist:
    """The watchlist reduced to one document of the service "Example"."""
    service = watchlist.service("Example")
    kept = tuple(doc for doc in service.documents if doc.type == kind)
    return replace(watchlist, services=(replace(service, documents=kept),))


# -- SIGKILL in the middle of checks -------------------------------------------------------------------------------


@dataclass
class Revisions:
    """A page that has a new revision at every request, answered slowly, so checks are in flight most of the time."""

    name: str
    hold: float = 0.25
    served: int = 0
    frozen: bool = False  # when set, the page stays at its last revision
    in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, request: BaseHTTPRequestHandler) -> None:
        with self.lock:
            self.served += 0 if self.frozen and self.served else 1
            self.in_flight += 1
            number = self.served
        try:
            time.sleep(self.hold)
            clauses = [f"{self.name} clause number {n:04d} applies to every account." for n in range(1, number + 1)]
            body = policy_page(*LONG_POLICY, *clauses).encode("utf-8")
            request.send_response(200)
            request.send_header("Content-Type", "text/html; charset=utf-8")
            request.send_header("Content-Length", str(len(body)))
            request.end_headers()
            request.wfile.write(body)
        finally:
            with self.lock:
                self.in_flight -= 1


def test_sigkill_mid_check_loses_nothing_and_sends_no_alert_twice(
        tmp_path: Path, server: PageServer, receiver: WebhookReceiver, daemons: Callable[..., Daemon]) -> None:
    pages = [Revisions(f"Page{n}") for n in range(4)]
    for n, page in enumerate(pages):
        server.set_handler(f"/doc{n}", page)
    data = tmp_path / "data"
    watchlist = watchlist_file(tmp_path, "".join(document(f"Doc{n}", server.url(f"/doc{n}")) for n in range(4)),
                               notify=f'[notify]\nurls = ["{receiver.json_url()}"]\nmin_severity = "any"')
    first = daemons(watchlist, data)
    wait_until(lambda: query(data, "SELECT COUNT(*) FROM changes")[0][0] >= 4 and receiver.posts, 12,
               "changes and an alert")
    wait_until(lambda: any(page.in_flight for page in pages), 5, "a check in flight")
    first.process.kill()
    assert first.process.wait(timeout=10) == -signal.SIGKILL

    before = set(query(data, "SELECT document, number, text_hash FROM versions"))
    assert lock_holder(data)[0] is False  # the kernel let go of the dead daemon's lock
    with Store(data) as store:
        status = daemon_status(store)
    assert not status.running and "not running" in status.describe()

    second = daemons(watchlist, data)
    wait_until(lambda: len(query(data, "SELECT 1 FROM versions")) >= len(before) + 4, 12, "more versions")
    for page in pages:
        page.frozen = True  # no more changes: the outbox can drain
    wait_until(lambda: not query(data, "SELECT 1 FROM alerts WHERE state = 'pending'"), 8, "the outbox to drain")
    code, took = second.signal_and_wait(signal.SIGTERM)
    assert code == 0 and took < 10, (code, took)

    with Store(data) as store:
        assert store.integrity_check() == "ok"
        after = set(query(data, "SELECT document, number, text_hash FROM versions"))
        assert before <= after, "a version recorded before the kill is gone"
        for key, in query(data, "SELECT key FROM documents"):
            numbers = [version.number for version in store.versions(key)]
            assert numbers == list(range(1, len(numbers) + 1)), (key, numbers)
            for version in store.versions(key):
                assert store.text_of(version)  # every version's text is there
        # Every version after the first came with its change, every change with its alert.
        documents_with_versions = query(data, "SELECT COUNT(DISTINCT document) FROM versions")[0][0]
        changes = query(data, "SELECT COUNT(*) FROM changes")[0][0]
        assert changes == len(after) - documents_with_versions
        assert query(data, "SELECT COUNT(*) FROM alerts WHERE kind = 'change'")[0][0] == changes
        assert query(data, "SELECT COUNT(*) FROM checks WHERE status IN ('new', 'changed') AND version IS NULL") \
            == [(0,)]
    # No alert twice: every post is a different alert, and every alert marked sent arrived exactly once.
    messages = receiver.messages()
    assert len(messages) == len(set(messages)), "an alert was sent twice"
    sent = query(data, "SELECT COUNT(*) FROM alerts WHERE state = 'sent'")[0][0]
    claimed = query(data, "SELECT COUNT(*) FROM alerts WHERE state = 'sending'")[0][0]  # killed mid-send
    assert sent <= len(messages) <= sent + claimed
    assert "Traceback" not in second.log()


# -- one daemon per data directory -----------------------------------------------------------------------------


def test_a_second_daemon_is_refused_and_a_killed_ones_lock_does_not_block(
        tmp_path: Path, server: PageServer, receiver: WebhookReceiver, daemons: Callable[..., Daemon]) -> None:
    data = tmp_path / "data"
    watchlist = watchlist_file(tmp_path, document("Privacy Policy", server.url("/privacy"), "60s"),
                               notify=f'[notify]\nurls = ["{receiver.json_url()}"]')
    # An alert queued by 'check' (which does not send): the daemon's delivery job sends it, once.
    with Store(data) as store:
        server.set_page("/privacy", policy_page(*LONG_POLICY))
        check_once(load(watchlist), store)
        server.set_page("/privacy", policy_page(*LONG_POLICY, AI_CLAUSE))
        assert check_once(load(watchlist), store).alerts == 1
    first = daemons(watchlist, data)
    wait_until(lambda: receiver.posts, 5, "the queued alert")

    refused = cli("--watchlist", str(watchlist), "--data-dir", str(data), "run")
    assert refused.returncode == 2
    assert f"already running on {data}" in refused.stderr and f"pid {first.process.pid}" in refused.stderr
    assert "Traceback" not in refused.stderr and refused.stderr.count("\n") == 1

    first.process.kill()
    first.process.wait(timeout=10)
    third = daemons(watchlist, data)  # starts: the dead daemon's lock went with it
    assert lock_holder(data) == (True, third.process.pid)
    code, _ = third.signal_and_wait(signal.SIGTERM)
    assert code == 0
    assert len(receiver.posts) == 1
    assert not server.requests_for("/privacy")[2:]  # checked by hand twice, not yet due for the daemons


# -- in-process pieces -----------------------------------------------------------------------------------------------


def test_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    with DaemonLock.acquire(tmp_path / "data"):
        assert lock_holder(tmp_path / "data") == (True, os.getpid())
        with pytest.raises(DaemonAlreadyRunning, match="already running"):
            DaemonLock.acquire(tmp_path / "data", wait=0)
    assert lock_holder(tmp_path / "data")[0] is False
    DaemonLock.acquire(tmp_path / "data").release()


def test_status_tells_a_stuck_daemon_from_a_running_one(tmp_path: Path) -> None:
    with Store(tmp_path / "data") as store, DaemonLock.acquire(tmp_path / "data"):
        now = datetime.now(UTC)
        store.set_meta("daemon_heartbeat", (now - timedelta(seconds=3)).isoformat(timespec="seconds"))
        assert daemon_status(store, now=now).running
        store.set_meta("daemon_heartbeat", (now - timedelta(minutes=5)).isoformat(timespec="seconds"))
        stuck = daemon_status(store, now=now)
        assert not stuck.running and stuck.lock_held
        assert stuck.describe().startswith(f"not responding: pid {os.getpid()} holds the lock")
    with Store(tmp_path / "data") as store:
        assert daemon_status(store, now=now).describe().startswith("not running (last heartbeat")


def test_status_says_starting_until_the_first_heartbeat_then_not_responding_after_the_grace(tmp_path: Path) -> None:
    with Store(tmp_path / "data") as store:
        earlier = datetime.now(UTC) - timedelta(hours=1)  # a previous daemon's last heartbeat, and its pid
        store.set_meta("daemon_heartbeat", earlier.isoformat(timespec="seconds"))
        store.set_meta("daemon_pid", "1")
        with DaemonLock.acquire(tmp_path / "data"):
            now = datetime.now(UTC)
            starting = daemon_status(store, now=now)
            assert starting.state == "starting" and starting.healthy
            assert starting.describe() == f"starting (pid {os.getpid()}, no heartbeat yet)"
            late = daemon_status(store, now=now + timedelta(minutes=5))  # still no heartbeat of its own
            assert late.state == "not_responding" and not late.healthy
            store.set_meta("daemon_heartbeat", now.isoformat(timespec="seconds"))
            store.set_meta("daemon_pid", str(os.getpid()))
            assert daemon_status(store, now=now).state == "running"
        assert daemon_status(store, now=now).state == "not_running"


def test_status_json_and_probe_exit_status_follow_a_real_daemon(
        tmp_path: Path, server: PageServer, daemons: Callable[..., Daemon]) -> None:
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    data = tmp_path / "data"
    watchlist = watchlist_file(tmp_path, document("Privacy Policy", server.url("/privacy"), "60s"))
    probe = ("--watchlist", str(watchlist), "--data-dir", str(data), "status", "--json", "--probe")
    stopped = run_main(*probe)
    assert stopped.returncode == 1 and json.loads(stopped.stdout)["daemon"]["state"] == "not_running"

    daemon = daemons(watchlist, data, ready=False)
    seen = []
    with Store(data) as store:  # as a probe polling right after a restart
        def running() -> bool:
            seen.append(daemon_status(store).state)
            return seen[-1] == "running"

        wait_until(running, 15, "a running daemon", interval=0.005)
    assert set(seen) <= {"not_running", "starting", "running"}, seen  # never "not responding" while it starts
    up = run_main(*probe)
    report = json.loads(up.stdout)
    assert up.returncode == 0 and report["daemon"]["state"] == "running"
    assert report["daemon"]["pid"] == daemon.process.pid
    assert report["data_dir"]["bytes"] > 0 and report["documents"][0]["document"] == "Privacy Policy"
    code, _ = daemon.signal_and_wait(signal.SIGTERM)
    assert code == 0 and run_main(*probe).returncode == 1


def test_overdue_documents_are_spread_and_recent_ones_wait_their_turn() -> None:
    now = datetime(2024, 11, 15, 12, tzinfo=UTC)
    documents = [Document("S", f"d{n}", (Source(f"https://example.com/{n}"),), 3600, 30) for n in range(10)]
    last = {f"S/d{n}": (now - timedelta(hours=3 + n)).isoformat() for n in range(8)}
    last["S/d8"] = (now - timedelta(minutes=10)).isoformat()  # checked recently
    plan = plan_first_runs(documents, last, now, jitter=0.1, rng=random.Random(7))
    overdue = [run for run in plan if run.overdue]
    assert [run.key for run in overdue][:1] == ["S/d9"]  # never checked comes first, then the most overdue
    assert [run.key for run in overdue][1:3] == ["S/d7", "S/d6"]
    times = [run.at for run in overdue]
    assert times == sorted(times) and len(set(times)) == len(times)  # one after the other, never at once
    assert now <= times[0] and times[-1] <= now + timedelta(seconds=60)
    waiting, = (run for run in plan if not run.overdue)
    assert waiting.key == "S/d8"
    assert now + timedelta(minutes=50) <= waiting.at <= now + timedelta(minutes=56)  # last + 1 h (+ jitter)


def _watchlist(documents: str, jitter: float = 0.1) -> Watchlist:
    return loads(f"[defaults]\njitter = {jitter}\n[[service]]\nname = \"S\"\n{documents}")


def test_a_reload_plan_names_what_was_added_removed_rescheduled_and_changed() -> None:
    old = _watchlist('[[service.document]]\ntype = "Kept"\nurl = "https://example.com/k"\n'
                     '[[service.document]]\ntype = "Gone"\nurl = "https://example.com/g"\n'
                     '[[service.document]]\ntype = "Slower"\nurl = "https://example.com/s"\ninterval = "1h"\n'
                     '[[service.document]]\ntype = "Moved"\nurl = "https://example.com/m"\n')
    new = _watchlist('[[service.document]]\ntype = "Kept"\nurl = "https://example.com/k"\n'
                     '[[service.document]]\ntype = "Slower"\nurl = "https://example.com/s"\ninterval = "2h"\n'
                     '[[service.document]]\ntype = "Moved"\nurl = "https://example.com/m2"\n'
                     '[[service.document]]\ntype = "New"\nurl = "https://example.com/n"\n')
    plan = ReloadPlan.between(old, new, {document.key: document for document in old.documents})
    assert [document.key for document in plan.added] == ["S/New"]
    assert plan.removed == ["S/Gone"]
    assert [document.key for document in plan.rescheduled] == ["S/Slower"]  # a new URL keeps its turn
    assert plan.changed == ["S/Slower", "S/Moved"]
    assert list(plan.documents) == ["S/Kept", "S/Slower", "S/Moved", "S/New"]
    new_jitter = _watchlist('[[service.document]]\ntype = "Kept"\nurl = "https://example.com/k"\n', jitter=0.2)
    replan = ReloadPlan.between(new, new_jitter, plan.documents)
    assert [document.key for document in replan.rescheduled] == ["S/Kept"] and replan.changed == []
