"""The daemon behind ``policy-monitor run``: every document on its own schedule, for months.

One APScheduler 3.x :class:`~apscheduler.schedulers.asyncio.AsyncIOScheduler` on an asyncio loop, with one job
per document (an interval trigger at the document's interval, ``jitter`` × interval of random delay,
``max_instances=1`` and ``coalesce`` so that a slow site never piles up runs, ``misfire_grace_time=None`` so a
run delayed by a busy loop is late rather than lost), a delivery job for the alert outbox and a heartbeat job.

- On start, a document whose last check (in the database) is older than its interval is overdue: overdue
  documents run within the first minute, one after the other (never-checked first, then the most overdue), not
  all at once; the others wait their turn (next run = last check + interval). Each job's next run is written to
  ``documents.next_run`` for ``policy-monitor status``.
- One :class:`~monitor.fetch.HttpFetcher` lives as long as the daemon (or until a reload changes
  ``[defaults]``): the watchlist's ``concurrency``, ``per_host_concurrency`` and ``per_host_delay`` are enforced
  inside one fetcher, so per-run fetchers would let overlapping runs exceed them. The chromium of a
  ``fetch = "browser"`` document is started when a check needs it, shared by the checks running meanwhile and
  closed a minute after the last one ends: with intervals of hours, a chromium idling for months would only hold
  memory (and outlive its own crashes), and a fresh one per burst of checks costs a second or two.
- Pending alerts (:func:`monitor.notify.deliver_pending`) are sent from a thread of their own, with their own
  database connection, every ``delivery_interval`` seconds and right after a check that queued alerts. Alerts a
  killed process left ``sending`` are sent again once their claim's lease (:data:`monitor.notify.LEASE_SECONDS`)
  has run out; each message carries its alert id, so the rare duplicate (sent, then killed before it was marked)
  is recognisable.
- Once a day (the first time ten minutes after the start) the routine checks older than ``[storage] keep_checks``
  are pruned (:meth:`monitor.store.Store.prune_checks`), in a thread with its own connection.
- SIGTERM and SIGINT stop it: no new check starts, running checks get a few seconds to finish and are then
  cancelled at their fetch (a check is written by one synchronous transaction, which a cancellation at an
  ``await`` can never cut in two), and the process exits 0 within 10 s. SIGHUP reloads the watchlist; a broken
  one is logged and the old one kept.
- Pages are extracted (HTML and PDF), diffed and classified in one worker process
  (:class:`~monitor.offload.Offload` with ``isolated=True``), never in the event loop, within
  :data:`~monitor.offload.WORK_TIME_LIMIT`: a hostile page fails its check instead of stalling the heartbeat and
  the signals; a check cancelled while its page is in the worker kills that worker.
- One daemon per data directory: an exclusive ``flock`` on ``daemon.lock`` (released by the kernel when the
  process dies, even by SIGKILL). A heartbeat in the ``meta`` table every few seconds lets ``status`` tell a
  running daemon from a stuck one.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import functools
import logging
import os
import random
import signal
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_SUBMITTED, JobSubmissionEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from monitor import clock, datadir, notify
from monitor.fetchers import DEFAULT_FETCH, FETCHERS
from monitor.offload import Offload
from monitor.pipeline import Checker, CheckOutcome
from monitor.storage import Storage
from monitor.store import Store
from monitor.watchlist import Document, Watchlist, WatchlistError, load

if TYPE_CHECKING:
    from monitor.web import WebSettings

log = logging.getLogger("monitor.daemon")

LOCK_FILE = "daemon.lock"
META_HEARTBEAT = "daemon_heartbeat"
META_PID = "daemon_pid"
META_STARTED = "daemon_started"
META_STOPPED = "daemon_stopped"
CHECK_JOB_PREFIX = "check:"
HEARTBEAT_SECONDS = 5.0
HEARTBEAT_STALE_SECONDS = 30.0
STARTING_GRACE_SECONDS = 60.0  # a daemon with no heartbeat yet is "starting" this long after taking the lock
BROWSER_LINGER_SECONDS = 60.0  # a chromium no check uses is closed after this long


@dataclass(frozen=True, slots=True)
class DaemonOptions:
    """Timings of the daemon (seconds); the defaults suit a watchlist checked every few hours."""

    heartbeat: float = HEARTBEAT_SECONDS
    delivery_interval: float = 30.0
    stop_grace: float = 3.0  # running checks may finish for this long after SIGTERM, then they are cancelled
    stop_deadline: float = 8.0  # everything is wrapped up by then (exit within 10 s)
    startup_window: float = 60.0  # overdue documents all start within this window…
    startup_step: float = 1.0  # …at most this far apart
    prune_every: float = 86400.0  # routine checks older than [storage] keep_checks are pruned daily…
    prune_first: float = 600.0  # …the first time this long after the start


class DaemonAlreadyRunning(RuntimeError):
    """Another daemon holds the lock of this data directory."""


# -- one daemon per data directory --------------------------------------------------------------------------


class DaemonLock:
    """An exclusive ``flock`` on ``<data dir>/daemon.lock`` for the life of the process.

    The kernel drops the lock when the file is closed, which includes the process dying in any way (SIGKILL, a
    crash, an OOM kill), so a dead daemon never blocks the next one. The file is never deleted (deleting it
    would let two daemons lock two different files); it holds the pid of the daemon, for messages only.
    """

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, data_dir: str | os.PathLike[str], *, wait: float = 0.5) -> DaemonLock:
        directory = datadir.prepare(data_dir)  # raises datadir.UnsafeDataDir
        path = directory / LOCK_FILE
        fd = datadir.open_file(path, os.O_RDWR | os.O_CREAT)  # a planted symbolic link is never truncated
        deadline = time.monotonic() + wait  # `status` probes the lock for a few microseconds: retry briefly
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES) or \
                        time.monotonic() >= deadline:
                    os.close(fd)
                    if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                        pid = _read_pid(path)
                        who = f" (pid {pid})" if pid else ""
                        raise DaemonAlreadyRunning(
                            f"another policy-monitor daemon{who} is already running on {directory}; "
                            "stop it first (only one daemon may use a data directory)") from None
                    raise
                time.sleep(0.05)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        return cls(path, fd)

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the file releases the flock
            self._fd = None

    def __enter__(self) -> DaemonLock:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.release()


def _read_pid(path: Path) -> int | None:
    try:
        return int(path.read_text(encoding="ascii").strip() or "0") or None
    except (OSError, ValueError):
        return None


def lock_holder(data_dir: str | os.PathLike[str]) -> tuple[bool, int | None]:
    """Whether a live process holds the daemon lock of ``data_dir``, and the pid it wrote."""
    path = Path(data_dir) / LOCK_FILE
    try:
        fd = datadir.open_file(path, os.O_RDONLY)
    except (OSError, datadir.UnsafeDataDir):
        return False, None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True, _read_pid(path)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return False, _read_pid(path)
    finally:
        os.close(fd)


@dataclass(frozen=True, slots=True)
class DaemonStatus:
    running: bool
    lock_held: bool
    pid: int | None
    heartbeat: str | None
    heartbeat_age: float | None
    started: str | None
    starting: bool = False  # the lock is held by a daemon that has not written its first heartbeat yet

    @property
    def state(self) -> str:
        """One word for scripts: running, starting, not_responding or not_running."""
        if self.running:
            return "running"
        if self.starting:
            return "starting"
        return "not_responding" if self.lock_held else "not_running"

    @property
    def healthy(self) -> bool:
        """What a health probe wants to know: a daemon is running, or has just started."""
        return self.running or self.starting

    def to_dict(self) -> dict[str, object]:
        return {"state": self.state, "pid": self.pid, "heartbeat": self.heartbeat,
                "heartbeat_age": None if self.heartbeat_age is None else round(self.heartbeat_age, 1),
                "started": self.started}

    def describe(self) -> str:
        if self.running:
            return (f"running (pid {self.pid}, since {clock.short_time(self.started)}, "
                    f"heartbeat {self.heartbeat_age:.0f} s ago)")
        if self.starting:
            return f"starting (pid {self.pid}, no heartbeat yet)"
        if self.lock_held:
            age = "never" if self.heartbeat_age is None else f"{self.heartbeat_age:.0f} s ago"
            return f"not responding: pid {self.pid} holds the lock but its last heartbeat was {age}"
        return "not running" + (f" (last heartbeat {clock.short_time(self.heartbeat)})" if self.heartbeat else "")


def daemon_status(store: Storage, *, stale_after: float = HEARTBEAT_STALE_SECONDS,
                  now: datetime | None = None) -> DaemonStatus:
    """Running = the lock is held and the heartbeat is fresh. Starting = the lock is held, for less than
    :data:`STARTING_GRACE_SECONDS`, by a daemon whose first heartbeat has not come yet (the heartbeat in the
    database, if any, is a previous daemon's: another pid)."""
    held, lock_pid = lock_holder(store.data_dir)
    heartbeat = store.get_meta(META_HEARTBEAT)
    moment = now or clock.now()
    age = None
    when = clock.parse(heartbeat)
    if when is not None:
        age = max(0.0, (moment - when).total_seconds())
    meta_pid = store.get_meta(META_PID)
    heartbeat_pid = int(meta_pid) if meta_pid and meta_pid.isdigit() else None
    pid = lock_pid or heartbeat_pid
    own_heartbeat = heartbeat is not None and (None in (lock_pid, heartbeat_pid) or heartbeat_pid == lock_pid)
    running = held and own_heartbeat and age is not None and age <= stale_after
    starting = False
    if held and not own_heartbeat:
        locked_for = moment.timestamp() - _mtime(Path(store.data_dir) / LOCK_FILE)
        starting = locked_for <= STARTING_GRACE_SECONDS
    return DaemonStatus(running, held, pid, heartbeat if own_heartbeat or not held else None,
                        age if own_heartbeat or not held else None, store.get_meta(META_STARTED), starting)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime  # the lock file is written (its pid) when a daemon takes the lock
    except OSError:
        return 0.0




# -- when each document runs first ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FirstRun:
    key: str
    at: datetime
    overdue: bool


def plan_first_runs(documents: Iterable[Document], last_checks: Mapping[str, str | None], now: datetime, *,
                    jitter: float, window: float = 60.0, step: float = 1.0,
                    rng: random.Random | None = None) -> list[FirstRun]:
    """First run of each document: overdue ones soon and spread out, the others at last check + interval.

    >>> from monitor.watchlist import Source
    >>> now = datetime(2024, 11, 15, 12, tzinfo=UTC)
    >>> docs = [Document("X", t, (Source("https://x.com/" + t),), 3600, 30) for t in ("a", "b", "c")]
    >>> plan = plan_first_runs(docs, {"X/a": "2024-11-15T11:30:00+00:00", "X/b": None,
    ...                               "X/c": "2024-11-15T10:00:00+00:00"}, now, jitter=0, rng=random.Random(1))
    >>> [(run.key, run.overdue, run.at <= now + timedelta(seconds=2)) for run in plan]
    [('X/b', True, True), ('X/c', True, True), ('X/a', False, False)]
    >>> plan[2].at.isoformat()
    '2024-11-15T12:30:00+00:00'
    """
    rng = rng or random.Random()
    overdue: list[tuple[datetime | None, Document]] = []
    waiting: list[FirstRun] = []
    for document in documents:
        last = clock.parse(last_checks.get(document.key))
        interval = timedelta(seconds=document.interval)
        if last is None or last + interval <= now:
            overdue.append((last + interval if last else None, document))
            continue
        # A last check in the future (the clock went back) waits one interval at most.
        due = min(last, now) + interval + timedelta(seconds=rng.uniform(0, document.interval * jitter))
        waiting.append(FirstRun(document.key, due, False))
    overdue.sort(key=lambda item: (item[0] is not None, item[0] or now))
    spacing = min(step, window / len(overdue)) if overdue else 0.0
    planned = []
    for index, (_, document) in enumerate(overdue):
        offset = min(index * spacing + rng.uniform(0, spacing), document.interval)
        planned.append(FirstRun(document.key, now + timedelta(seconds=offset), True))
    return planned + sorted(waiting, key=lambda run: run.at)


# -- shared fetchers -----------------------------------------------------------------------------------------


class _Shared:
    """An async context manager opened on first use and shared by the checks that run at the same time.

    ``keep_open``: stays open until :meth:`retire` or :meth:`close` (the HTTP client); otherwise closed when its
    last user has been done for ``linger`` seconds (the browser).
    """

    def __init__(self, factory: Callable[[], Any], *, keep_open: bool, linger: float = 0.0) -> None:
        self._factory = factory
        self._keep_open = keep_open
        self._linger = linger
        self._context: Any = None
        self._value: Any = None
        self._users = 0
        self._lock = asyncio.Lock()
        self._idle_close: asyncio.TimerHandle | None = None
        self._closing: set[asyncio.Task[None]] = set()

    def _cancel_idle_close(self) -> None:
        if self._idle_close is not None:
            self._idle_close.cancel()
            self._idle_close = None

    def _close_when_idle(self) -> None:
        self._idle_close = None
        task = asyncio.get_running_loop().create_task(self.close(only_if_unused=True))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def acquire(self) -> Any:
        self._cancel_idle_close()
        async with self._lock:
            if self._context is None:
                context = self._factory()
                try:
                    self._value = await context.__aenter__()
                except BaseException:  # cancelled while starting (a chromium half-launched): undo what was done
                    with contextlib.suppress(Exception):
                        await context.__aexit__(None, None, None)
                    raise
                self._context = context
            self._users += 1
            return self._value

    async def release(self) -> None:
        self._users -= 1
        if self._users > 0 or self._keep_open:
            return
        if self._linger > 0:
            self._cancel_idle_close()
            self._idle_close = asyncio.get_running_loop().call_later(self._linger, self._close_when_idle)
        else:
            await self.close(only_if_unused=True)

    async def retire(self) -> None:
        """No new users: closed now if unused, else when its last user is done."""
        self._keep_open = False
        self._linger = 0.0
        if self._users <= 0:
            await self.close(only_if_unused=True)

    async def close(self, *, only_if_unused: bool = False) -> None:
        self._cancel_idle_close()
        async with self._lock:
            if self._context is None or (only_if_unused and self._users > 0):
                return
            context, self._context, self._value = self._context, None, None
            try:
                await context.__aexit__(None, None, None)
            except Exception as error:  # closing something that already died
                log.debug("while closing %r: %s", context, error)


def _fetcher_slots(watchlist: Watchlist) -> dict[str, _Shared]:
    """One shared fetcher per fetch method (:data:`monitor.fetchers.FETCHERS`), opened when a check needs it."""
    return {name: _Shared(functools.partial(method.make, watchlist.defaults), keep_open=method.daemon_keeps_open,
                          linger=0.0 if method.daemon_keeps_open else BROWSER_LINGER_SECONDS)
            for name, method in FETCHERS.items()}


def _in_thread(function: Callable[[], Any], name: str) -> asyncio.Future[Any]:
    """Run a blocking function in a daemon thread (never joined at exit, unlike an executor's threads)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[Any] = loop.create_future()

    def settle(result: Any, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)

    def target() -> None:
        result, failure = None, None
        try:
            result = function()
        except BaseException as error:  # handed to the loop, never lost in the thread
            failure = error
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits any more
            loop.call_soon_threadsafe(settle, result, failure)

    threading.Thread(target=target, name=name, daemon=True).start()
    return future


# -- the daemon ------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Counters:
    checks: int = 0
    failed: int = 0
    changes: int = 0
    alerts_queued: int = 0
    deliveries: int = 0
    started: float = field(default_factory=time.monotonic)


class Daemon:
    def __init__(self, watchlist_path: str | os.PathLike[str], data_dir: str | os.PathLike[str], *,
                 watchlist: Watchlist | None = None, options: DaemonOptions | None = None) -> None:
        self.watchlist_path = Path(watchlist_path)
        self.data_dir = Path(data_dir)
        self.options = options or DaemonOptions()
        self.watchlist = watchlist if watchlist is not None else load(self.watchlist_path)
        self.store = Store(self.data_dir)
        # Alert delivery runs in a thread, on a connection of its own (the store's transactions take the write
        # lock up front, so the two connections wait for each other instead of failing).
        self._delivery_store = Store(self.data_dir)
        self.counters = _Counters()
        self._documents: dict[str, Document] = {doc.key: doc for doc in self.watchlist.documents}
        # Pages are extracted, diffed and classified in a worker process, within a time limit: a hostile page
        # never holds up the heartbeat, the signals or the other checks.
        self._work = Offload(0, isolated=True)
        self._checker = Checker(self.watchlist, self.store, isolated=self._work)
        self._fetchers = _fetcher_slots(self.watchlist)
        self._retired: list[_Shared] = []
        self._scheduler: AsyncIOScheduler | None = None
        self._inflight: set[asyncio.Task[Any]] = set()
        self._background: set[asyncio.Task[Any]] = set()
        self._stop_event: asyncio.Event | None = None
        self._stop_started: float | None = None
        self._stopping = False
        self._delivery_task: asyncio.Task[None] | None = None
        self._delivery_again = False
        self._delivery_busy = False

    # -- life cycle ------------------------------------------------------------------------------------------

    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        self._stop_event = asyncio.Event()
        signals = {signal.SIGTERM: self._on_stop_signal, signal.SIGINT: self._on_stop_signal,
                   signal.SIGHUP: self._on_reload_signal}
        for signum, handler in signals.items():
            loop.add_signal_handler(signum, handler, signum)
        try:
            await self._start()
            await self._stop_event.wait()
            await self._shutdown()
        finally:
            for signum in signals:
                loop.remove_signal_handler(signum)
            self.store.close()
        return 0

    async def _start(self) -> None:
        self.store.sync_documents(self.watchlist.documents)
        http = self._fetchers[DEFAULT_FETCH]
        await http.acquire()  # the HTTP client (and its TLS context) ready before the first run is due
        await http.release()
        now = clock.now()
        # The heartbeat before the pid: `status` takes a heartbeat as this daemon's once the pid is its own.
        self.store.set_meta(META_HEARTBEAT, clock.iso(now))
        self.store.set_meta(META_STARTED, clock.iso(now))
        self.store.set_meta(META_PID, str(os.getpid()))
        scheduler = AsyncIOScheduler(timezone=UTC, job_defaults={"coalesce": True, "max_instances": 1,
                                                                 "misfire_grace_time": None})
        scheduler.add_listener(self._on_job_event, EVENT_JOB_SUBMITTED | EVENT_JOB_MAX_INSTANCES)
        scheduler.start()
        self._scheduler = scheduler
        scheduler.add_job(self._heartbeat, IntervalTrigger(seconds=self.options.heartbeat, timezone=UTC),
                          id="heartbeat", name="heartbeat")
        scheduler.add_job(self._delivery_job, IntervalTrigger(seconds=self.options.delivery_interval,
                                                              timezone=UTC),
                          id="deliver", name="deliver", next_run_time=now + timedelta(seconds=0.5))
        scheduler.add_job(self._prune_job, IntervalTrigger(seconds=self.options.prune_every, timezone=UTC),
                          id="prune", name="prune", next_run_time=now + timedelta(seconds=self.options.prune_first))
        plan = self._schedule(self.watchlist.documents, now)
        stuck = len(self.store.alerts(["sending"]))
        if stuck:
            log.warning("%d alerts are claimed by a delivery ('sending'): if the process that claimed them died, "
                        "they are sent again when their lease runs out", stuck)
        overdue = sum(run.overdue for run in plan)
        warn_if_unheard(self.watchlist)
        log.info("daemon started: pid %d, %d documents (%d overdue, run first), watchlist %s, data %s",
                 os.getpid(), len(plan), overdue, self.watchlist_path, self.data_dir)

    def _schedule(self, documents: Iterable[Document], now: datetime) -> list[FirstRun]:
        documents = list(documents)
        states = {state.key: state.last_check for state in self.store.document_states()}
        plan = plan_first_runs(documents, states, now, jitter=self.watchlist.defaults.jitter,
                               window=self.options.startup_window, step=self.options.startup_step)
        by_key = {document.key: document for document in documents}
        assert self._scheduler is not None
        for run in plan:
            document = by_key[run.key]
            jitter = document.interval * self.watchlist.defaults.jitter
            trigger = IntervalTrigger(seconds=document.interval, start_date=run.at, timezone=UTC,
                                      jitter=jitter or None)
            job_id = CHECK_JOB_PREFIX + document.key
            self._scheduler.add_job(self._check_job, trigger, args=(document.key,), id=job_id, name=document.key,
                                    next_run_time=run.at, replace_existing=True)
            self.store.set_next_run(document.key, clock.iso(run.at))
        return plan

    def _on_stop_signal(self, signum: int) -> None:
        name = signal.Signals(signum).name
        if self._stopping:
            log.warning("%s again: cancelling the running checks now", name)
            for task in list(self._inflight):
                task.cancel()
            return
        log.info("%s received: stopping (no new checks; running ones finish or are cancelled)", name)
        self._stopping = True
        self._stop_started = time.monotonic()
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.pause()
        assert self._stop_event is not None
        self._stop_event.set()

    def _on_reload_signal(self, signum: int) -> None:
        if self._stopping:
            return
        log.info("SIGHUP received: reloading %s", self.watchlist_path)
        task = asyncio.get_running_loop().create_task(self.reload())
        self._background.add(task)  # a reference, so the task is not garbage-collected before it ends
        task.add_done_callback(self._background.discard)

    async def _shutdown(self) -> None:
        started = self._stop_started or time.monotonic()
        deadline = started + self.options.stop_deadline

        def left() -> float:
            return max(0.0, deadline - time.monotonic())

        running = set(self._inflight)
        if running:
            log.info("waiting up to %.0f s for %d running checks", self.options.stop_grace, len(running))
            _, pending = await asyncio.wait(running, timeout=min(self.options.stop_grace, left()))
            for task in pending:
                task.cancel()
            if pending:
                log.info("cancelled %d checks still fetching", len(pending))
                await asyncio.wait(pending, timeout=left())
        if self._delivery_task is not None and not self._delivery_task.done():
            log.info("waiting up to %.0f s for the alert delivery in progress", left())
            await asyncio.wait([self._delivery_task], timeout=left())
            if not self._delivery_task.done():
                self._delivery_task.cancel()
                log.warning("alert delivery still running at exit: its alerts stay claimed until the next start")
        for task in list(self._background):
            task.cancel()
        if self._scheduler is not None and self._scheduler.running:
            self._scheduler.shutdown(wait=False)
            await asyncio.sleep(0)  # AsyncIOScheduler shuts down in a callback of the loop
        for shared in (*self._fetchers.values(), *self._retired):
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(shared.close(), timeout=max(0.5, left()))
        self._work.close()
        self.store.clear_schedule()
        self.store.set_meta(META_STOPPED, clock.utcnow())
        if not self._delivery_busy:
            self._delivery_store.close()
        elapsed = time.monotonic() - self.counters.started
        log.info("daemon stopped after %.0f s: %d checks (%d failed, %d changes, %d alerts queued), "
                 "stop took %.1f s", elapsed, self.counters.checks, self.counters.failed, self.counters.changes,
                 self.counters.alerts_queued, time.monotonic() - started)

    # -- jobs ------------------------------------------------------------------------------------------------

    async def _check_job(self, key: str) -> None:
        document = self._documents.get(key)
        if document is None or self._stopping:
            return
        task = asyncio.current_task()
        assert task is not None
        self._inflight.add(task)
        try:
            outcome = await self._check(document)
        except asyncio.CancelledError:
            # Cancelled at a fetch while stopping: nothing of this check was written (each check is one
            # transaction, written without a pause). Ending quietly keeps APScheduler from logging a traceback.
            log.info("check service=%r document=%r result=cancelled (stopping)", document.service, document.type)
            return
        except Exception:  # the daemon outlives any one check
            log.exception("check of %s crashed", key)
            return
        finally:
            self._inflight.discard(task)
        self._log_outcome(outcome)
        if outcome.alerts and not self._stopping:
            self.kick_delivery()

    async def _check(self, document: Document) -> CheckOutcome:
        acquired: list[_Shared] = []
        fetchers: dict[str, Any] = {}
        try:
            for name in sorted({source.fetch for source in document.sources}):
                slot = self._fetchers[name]  # this one, even if a reload replaces it meanwhile
                fetchers[name] = await slot.acquire()
                acquired.append(slot)  # released below only once acquired
            return await self._checker.check_document(document, fetchers)
        finally:
            for slot in acquired:
                await slot.release()

    def _log_outcome(self, outcome: CheckOutcome) -> None:
        counters = self.counters
        counters.checks += 1
        counters.failed += outcome.failed
        counters.changes += outcome.recorded_change
        counters.alerts_queued += outcome.alerts
        result = outcome.status + (f" ({outcome.reason})" if outcome.reason else "")
        details = []
        if outcome.version is not None:
            details.append(f"version={outcome.version}")
        if outcome.recorded_change:
            details.append(f"severity={outcome.severity}")
        if outcome.alerts:
            details.append(f"alerts={outcome.alerts}")
        if outcome.error:
            details.append(f"error={outcome.error!r}")
        log.log(logging.WARNING if outcome.failed else logging.INFO,
                "check service=%r document=%r result=%s duration=%.2fs%s", outcome.service, outcome.type, result,
                outcome.duration, "".join(" " + detail for detail in details))

    def _on_job_event(self, event: JobSubmissionEvent) -> None:
        if not event.job_id.startswith(CHECK_JOB_PREFIX):
            return
        key = event.job_id[len(CHECK_JOB_PREFIX):]
        if event.code == EVENT_JOB_MAX_INSTANCES:
            log.info("%s: previous check still running, this run is skipped", key)
        assert self._scheduler is not None
        job = self._scheduler.get_job(event.job_id)
        if job is not None:
            self.store.set_next_run(key, clock.iso(job.next_run_time) if job.next_run_time else None)

    async def _heartbeat(self) -> None:
        self.store.set_meta(META_HEARTBEAT, clock.utcnow())

    async def _delivery_job(self) -> None:
        self.kick_delivery()

    async def _prune_job(self) -> None:
        """The daily prune, in a thread with a connection of its own (checks wait for its short transactions)."""
        if self._stopping:
            return
        keep = self.watchlist.storage.keep_checks
        cutoff = clock.ago(keep)

        def prune() -> Any:
            with Store(self.data_dir) as store:
                return store.prune_checks(cutoff)

        try:
            report = await _in_thread(prune, "policy-monitor-prune")
        except Exception:
            log.exception("pruning old checks failed")
            return
        log.info("pruned %d routine checks older than %s (kept %d); data directory %d → %d bytes", report.deleted,
                 cutoff, report.kept, report.bytes_before, report.bytes_after)

    # -- alert delivery --------------------------------------------------------------------------------------

    def kick_delivery(self) -> None:
        """Deliver pending alerts now (or right after the delivery in progress)."""
        if self._stopping:
            return
        if self._delivery_task is not None and not self._delivery_task.done():
            self._delivery_again = True
            return
        self._delivery_task = asyncio.get_running_loop().create_task(self._deliver())

    async def _deliver(self) -> None:
        deliver = notify.deliver_pending
        while True:
            self._delivery_again = False
            self._delivery_busy = True
            try:
                report = await _in_thread(functools.partial(self._send_pending, deliver, self.watchlist),
                                          "policy-monitor-deliver")
            except Exception:
                log.exception("alert delivery failed")
                return
            finally:
                self._delivery_busy = False
            self.counters.deliveries += 1
            if getattr(report, "deliveries", None):
                log.info("%s", report.summary() if hasattr(report, "summary") else report)
            if not self._delivery_again or self._stopping:
                return

    def _send_pending(self, deliver: Callable[..., Any], watchlist: Watchlist) -> Any:
        """In the delivery thread, with the thread's own database connection."""
        return deliver(self._delivery_store, watchlist)

    # -- reload ----------------------------------------------------------------------------------------------

    async def reload(self) -> bool:
        """Load the watchlist again; on any error keep the old one. Returns whether the new one took effect."""
        new = self._load_again()
        if new is None:
            return False
        old, old_documents = self.watchlist, self._documents
        plan = ReloadPlan.between(old, new, old_documents)
        self.store.sync_documents(new.documents)
        self.watchlist = new
        self._documents = plan.documents
        self._checker = Checker(new, self.store, isolated=self._work)
        retiring = self._renew_fetchers(new) if new.defaults != old.defaults else []
        self._unschedule(plan.removed)
        self._schedule(plan.added + plan.rescheduled, clock.now())
        log.info("watchlist reloaded: %d documents (%d added, %d removed, %d changed)", len(plan.documents),
                 len(plan.added), len(plan.removed), len(plan.changed))
        warn_if_unheard(new)
        for shared in retiring:  # closed now, or when the checks still using them are done
            await shared.retire()
        return True

    def _load_again(self) -> Watchlist | None:
        try:
            return load(self.watchlist_path)
        except WatchlistError as error:
            log.error("watchlist not reloaded, the old one stays in effect: %s", error)
        except Exception as error:  # never let a reload kill the daemon
            log.error("watchlist not reloaded, the old one stays in effect: %s: %s", type(error).__name__, error)
        return None

    def _renew_fetchers(self, new: Watchlist) -> list[_Shared]:
        """New limits, user agent or timeouts: new fetchers for the next checks. Returns the old ones, to retire."""
        retiring = list(self._fetchers.values())
        self._fetchers = _fetcher_slots(new)
        self._retired = [shared for shared in self._retired if shared._context is not None] + retiring
        return retiring

    def _unschedule(self, keys: list[str]) -> None:
        assert self._scheduler is not None
        for key in keys:
            with contextlib.suppress(Exception):
                self._scheduler.remove_job(CHECK_JOB_PREFIX + key)
            self.store.set_next_run(key, None)


@dataclass(frozen=True, slots=True)
class ReloadPlan:
    """What a reload changes in the schedule: the documents added, removed (by key), to schedule again (a new
    interval or jitter) and changed in any way."""

    documents: dict[str, Document]
    added: list[Document]
    removed: list[str]
    rescheduled: list[Document]
    changed: list[str]

    @classmethod
    def between(cls, old: Watchlist, new: Watchlist, old_documents: dict[str, Document]) -> ReloadPlan:
        documents = {document.key: document for document in new.documents}
        kept = [(doc, old_documents[key]) for key, doc in documents.items() if key in old_documents]
        jitter_changed = new.defaults.jitter != old.defaults.jitter
        return cls(documents=documents,
                   added=[doc for key, doc in documents.items() if key not in old_documents],
                   removed=[key for key in old_documents if key not in documents],
                   rescheduled=[doc for doc, before in kept if doc.interval != before.interval or jitter_changed],
                   changed=[doc.key for doc, before in kept if doc != before])


def warn_if_unheard(watchlist: Watchlist) -> None:
    warning = notify.no_channel_warning(watchlist)
    if warning:
        log.warning("%s", warning)


class _SkippedRunFilter(logging.Filter):
    """APScheduler warns each time a run is skipped because the previous one is still running: by design here
    (``max_instances=1``), and logged by the daemon at INFO instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "maximum number of running instances" not in record.getMessage()


def quiet_libraries() -> None:
    """APScheduler logs every run and httpx every request at INFO; the daemon logs one line per check instead
    (with ``--log-level DEBUG`` they speak again)."""
    if logging.getLogger().getEffectiveLevel() > logging.DEBUG:
        for name in ("apscheduler", "httpx", "httpcore"):
            logging.getLogger(name).setLevel(logging.WARNING)
    scheduler_log = logging.getLogger("apscheduler.scheduler")
    if not any(isinstance(existing, _SkippedRunFilter) for existing in scheduler_log.filters):
        scheduler_log.addFilter(_SkippedRunFilter())


def run_daemon(watchlist_path: str | os.PathLike[str], data_dir: str | os.PathLike[str], *,
               watchlist: Watchlist | None = None, options: DaemonOptions | None = None,
               web: WebSettings | None = None) -> int:
    """``policy-monitor run``: hold the data directory's lock, run until SIGTERM/SIGINT, return the exit status.
    With ``web`` (``run --serve``), the read-only web front end runs beside it, in a thread, on its own
    connections; it sees each watchlist the daemon reloads.

    Raises :class:`DaemonAlreadyRunning` when another daemon uses ``data_dir``, and
    :class:`monitor.web.ServeError` when ``web``'s address cannot be listened on.
    """
    with DaemonLock.acquire(data_dir):
        quiet_libraries()
        sock = None
        if web is not None:
            from monitor.web import listen

            sock = listen(web.host, web.port)  # before the daemon starts: a taken port is a usage error
        daemon = Daemon(watchlist_path, data_dir, watchlist=watchlist, options=options)
        server = None
        if web is not None and sock is not None:
            from monitor.web import WebOptions, WebServer

            server = WebServer(WebOptions(data_dir=Path(data_dir), token=web.token, base_url=web.base_url,
                                          watchlist=lambda: daemon.watchlist), sock)
            server.start()
            log.info("serving %s read-only at %s", data_dir, server.url)
        try:
            return asyncio.run(daemon.run())
        finally:
            if server is not None:
                server.stop()
