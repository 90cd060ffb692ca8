"""CPU and disk work of a large pass, off the event loop, so fetches keep flowing while pages are processed.

- A pass of :data:`LARGE_PASS` documents or more (a thousand), once it has extracted :data:`EXTRACTIONS_INLINE`
  pages itself, extracts the rest, hashes each text and writes its blob in worker processes, spoken to through
  pipes the event loop watches.
- A pass of :data:`REMOTE_PASS` documents or more runs the fetches too in workers (:class:`RemoteFetch`), each host
  in one worker so that per-host limits hold; this process keeps the store and the rest of the pipeline.
- The daemon isolates every page (:class:`Offload` with ``isolated=True``): extraction, PDF reading, diff and
  classification in one worker with a time limit, :data:`WORK_TIME_LIMIT`, past which the worker is killed and
  the check fails (:class:`WorkTimeout`).

Workers are started with ``spawn``, so a script that runs a large pass must guard its entry point with
``if __name__ == "__main__":`` (``policy-monitor`` and ``python -m monitor`` are guarded). If a worker dies, the
pass goes on inline; a small pass runs everything inline. Why these thresholds, and pipes rather than an executor:
docs/decisions/worker-pool.md.

"""

from __future__ import annotations

import asyncio
import fcntl
import logging
import multiprocessing
import os
import pickle
import signal
from collections.abc import Callable, Sequence
from concurrent.futures.process import BrokenProcessPool
from contextlib import AsyncExitStack
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from monitor import guard
from monitor.blobs import WorkerBlobs
from monitor.extract import Selector
from monitor.fetchers import FETCHERS, Fetcher
from monitor.libc import limit_arenas
from monitor.sources import Prepared, SourceFailure, SourceText, WorkTimeout, fetch_source, prepare
from monitor.storage import SourceState
from monitor.watchlist import Document, Source, Watchlist

log = logging.getLogger("monitor.offload")

# A watchlist of tens or hundreds of documents never starts a worker process: on 2 cores they made no pass of 500
# documents faster and cost ~1 s of CPU and ~110 MB to start (docs/decisions/worker-pool.md).
LARGE_PASS = 1000  # documents in one pass from which extraction workers are started
REMOTE_PASS = 1000  # documents from which fetch workers pay for their start (~1 s of CPU and ~45 MB each)
EXTRACTIONS_INLINE = 24  # pages extracted inline in a large pass before the worker processes are started
WORK_TIME_LIMIT = 60.0  # seconds an isolated worker may spend on one page before it is killed
PIPE_SIZE = 1 << 20  # bytes a pipe to or from a worker holds, so that a page or a text is written without waiting
_F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RemoteFailure:
    """A fetch worker's answer: the page failed (:class:`monitor.sources.SourceFailure`)."""

    verdict: guard.Verdict
    status: int | None
    snapshot: str | None


@dataclass(frozen=True, slots=True)
class RemoteError:
    """A fetch worker's answer: an unexpected error, reported as the check's internal error."""

    message: str


@dataclass(frozen=True, slots=True)
class WorkerGone:
    """The fetch worker died: the caller fetches the page itself."""


RemoteAnswer = SourceText | RemoteFailure | RemoteError | WorkerGone


def _widen(connection: Connection) -> None:
    try:
        fcntl.fcntl(connection.fileno(), _F_SETPIPE_SZ, PIPE_SIZE)
    except OSError:  # not Linux, or above /proc/sys/fs/pipe-max-size: writes may then wait a little
        pass


def _serve(requests: Connection, answers: Connection) -> None:
    """A worker process: answer (function, args) requests until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle; it stops the workers
    limit_arenas()
    answers.send_bytes(b"ready")
    while True:
        try:
            message = requests.recv_bytes()
        except (EOFError, OSError):
            return
        if not message:
            return
        function, args = pickle.loads(message)
        try:
            answer: tuple[bool, Any] = (True, function(*args))
        except Exception as error:  # noqa: BLE001 - sent back and raised in the event loop
            answer = (False, error)
        try:
            payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # noqa: BLE001 - an exception that cannot be pickled
            payload = pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))
        answers.send_bytes(payload)


def _stop_workers(loop: asyncio.AbstractEventLoop, workers: list[Any], *, join_timeout: float) -> None:
    """Ask every worker to finish (an empty message), then wait for it; one that does not stop is terminated."""
    for worker in workers:
        try:
            if not getattr(worker, "dead", False):
                loop.remove_reader(worker.answers.fileno())
            worker.requests.send_bytes(b"")
        except (OSError, ValueError):
            pass
    for worker in workers:
        worker.process.join(join_timeout)
        if worker.process.is_alive():
            worker.process.terminate()
            worker.process.join(5)
        worker.requests.close()
        worker.answers.close()


class _Worker:
    __slots__ = ("process", "requests", "answers")

    def __init__(self, context: Any) -> None:
        their_requests, self.requests = context.Pipe(duplex=False)
        self.answers, their_answers = context.Pipe(duplex=False)
        for connection in (self.requests, self.answers):
            _widen(connection)
        self.process = context.Process(target=_serve, args=(their_requests, their_answers),
                                       name="policy-monitor-extract", daemon=True)
        self.process.start()
        their_requests.close()
        their_answers.close()


class _Workers:
    """Worker processes with one request in flight each, their answer pipes watched by the event loop."""

    def __init__(self, size: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.loop = asyncio.get_running_loop()
        self.idle: asyncio.Queue[_Worker | None] = asyncio.Queue()
        self.workers = [_Worker(context) for _ in range(size)]
        for worker in self.workers:
            self.loop.add_reader(worker.answers.fileno(), self._ready, worker)

    def _ready(self, worker: _Worker) -> None:
        self.loop.remove_reader(worker.answers.fileno())
        try:
            worker.answers.recv_bytes()
        except (EOFError, OSError):
            self._break()
            return
        self.idle.put_nowait(worker)

    def _break(self) -> None:
        self.idle.put_nowait(None)  # wakes a waiting request, which passes it on to the next one

    async def run(self, function: Callable[..., T], *args: Any, time_limit: float | None = None) -> T:
        worker = await self.idle.get()
        if worker is None:
            self.idle.put_nowait(None)
            raise BrokenProcessPool("an extraction worker died")
        future: asyncio.Future[tuple[bool, Any]] = self.loop.create_future()
        answers = worker.answers

        def answered() -> None:
            self.loop.remove_reader(answers.fileno())
            try:
                answer = pickle.loads(answers.recv_bytes())
            except (EOFError, OSError) as error:
                self._break()
                if not future.done():
                    future.set_exception(BrokenProcessPool(f"an extraction worker died: {error!r}"))
                return
            self.idle.put_nowait(worker)
            if not future.done():
                future.set_result(answer)

        self.loop.add_reader(answers.fileno(), answered)
        try:
            # The worker is idle, blocked reading its pipe, and the pipe holds a page: this does not wait.
            worker.requests.send_bytes(pickle.dumps((function, args), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as error:
            self.loop.remove_reader(answers.fileno())
            self._break()
            raise BrokenProcessPool(f"an extraction worker died: {error!r}") from None
        try:
            async with asyncio.timeout(time_limit):
                ok, value = await future
        except (TimeoutError, asyncio.CancelledError) as stopped:
            # The worker is still busy with this request: killed, so that neither a runaway page nor a cancelled
            # check (the daemon stopping) leaves it working; a fresh one is started for the next request.
            self.loop.remove_reader(answers.fileno())
            worker.process.kill()
            self._break()
            if isinstance(stopped, TimeoutError):
                raise WorkTimeout(f"took longer than {time_limit:g} s (stopped)") from None
            raise
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def close(self, *, join_timeout: float = 10) -> None:
        _stop_workers(self.loop, self.workers, join_timeout=join_timeout)
        self.workers = []


class Offload:
    """Where a pass extracts its pages and writes their texts: inline, or in worker processes for a large pass."""

    def __init__(self, documents: int, data_dir: str | os.PathLike[str] | None = None, *,
                 processes: int | None = None, write_inline: bool = False, isolated: bool = False,
                 time_limit: float = WORK_TIME_LIMIT) -> None:
        cpus = os.cpu_count() or 1
        self.isolated = isolated
        self.time_limit = time_limit if isolated else None
        self._size = 1 if isolated else processes if processes is not None else min(2, cpus)
        self._data_dir = None if isolated else os.fspath(data_dir) if data_dir is not None else None
        self._inline_dir = self._data_dir if write_inline else None  # a fetch worker writes new texts itself
        large = documents >= LARGE_PASS and self._size >= 2
        self._inline_left = 0 if isolated else EXTRACTIONS_INLINE if large else -1
        self._workers: _Workers | None = None

    async def prepare(self, body: str, *, kind: str, select: tuple[Selector, ...], remove: tuple[Selector, ...],
                      known_hash: str | None = None) -> Prepared:
        """Extract a page (see :func:`prepare`); in a worker process once the pass has proved large."""
        select, remove = tuple(select), tuple(remove)
        if self.isolated:
            return await self.call(prepare, body, kind, select, remove, known_hash, None)
        if self._workers is None and self._inline_left == 0:
            self._workers = _Workers(self._size)
        if self._workers is None:
            if self._inline_left > 0:
                self._inline_left -= 1
            return prepare(body, kind, select, remove, known_hash, self._inline_dir)  # a fetch worker writes too
        try:
            return await self._workers.run(prepare, body, kind, select, remove, known_hash, self._data_dir)
        except BrokenProcessPool:
            log.warning("an extraction worker died; extracting inline for the rest of the pass")
            self.close()
            self._inline_left = -1
            return prepare(body, kind, select, remove)

    @property
    def workers_running(self) -> bool:
        return self._workers is not None

    async def call(self, function: Callable[..., T], *args: Any) -> T:
        """``function(*args)`` in a worker process if they are running (inline otherwise, or if one dies); when
        isolated, always in the worker, within the time limit (:class:`WorkTimeout`)."""
        if self.isolated:
            for attempt in (1, 2):
                if self._workers is None:
                    self._workers = _Workers(self._size)
                workers = self._workers
                try:
                    return await workers.run(function, *args, time_limit=self.time_limit)
                except BrokenProcessPool:
                    # The worker died, or was killed for another page while this one waited: once more, in a
                    # new worker.
                    if self._workers is workers:
                        self.close()
                    if attempt == 2:
                        raise
                except (WorkTimeout, asyncio.CancelledError):
                    if self._workers is workers:
                        self.close()  # killed with this page: the next call starts a new one
                    raise
        if self._workers is not None:
            try:
                return await self._workers.run(function, *args)
            except BrokenProcessPool:
                log.warning("an extraction worker died; working inline for the rest of the pass")
                self.close()
                self._inline_left = -1
        return function(*args)

    def close(self) -> None:
        if self._workers is not None:
            # An isolated worker is between two pages or already killed: no reason to wait for it.
            self._workers.close(join_timeout=1 if self.isolated else 10)
            self._workers = None


# -- fetch workers: the network and the extraction of a large pass, in two processes -----------------------------

class _WorkerStore:
    """What a fetch worker needs of the store (a :class:`monitor.sources.SourceStore`): the source's state (sent
    with the request) and blob writes (not synced one by one: the main process's store flushes the file system
    before each batch's commit)."""

    writes_wait_for_disk = False

    def __init__(self, data_dir: str) -> None:
        self.data_dir = data_dir
        self.states: dict[tuple[str, str], SourceState] = {}

    def source_state(self, document: str, url: str) -> SourceState:
        return self.states[(document, url)]

    def put_blob(self, data: bytes, digest: str | None = None, base: str | None = None) -> str:
        return WorkerBlobs(self.data_dir).put_blob(data, digest, base)


@dataclass(frozen=True, slots=True)
class _FetchRequest:
    number: int
    document: Document
    source: Source
    state: SourceState


def _fetch_main(requests: Connection, answers: Connection, watchlist: Watchlist, data_dir: str,
                concurrency: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    limit_arenas()
    asyncio.run(_fetch_loop(requests, answers, watchlist, data_dir, concurrency))


async def _answer(request: _FetchRequest, fetchers: dict[str, Fetcher], store: _WorkerStore,
                  work: Offload) -> RemoteAnswer:
    document, source = request.document, request.source
    store.states[(document.key, source.url)] = request.state
    try:
        return await fetch_source(document, source, fetchers[source.fetch], store, work)
    except SourceFailure as failure:
        return RemoteFailure(failure.verdict, failure.status, failure.snapshot)
    except Exception as error:  # noqa: BLE001 - reported as the check's internal error
        return RemoteError(f"{type(error).__name__}: {error}")
    finally:
        store.states.pop((document.key, source.url), None)


async def _fetch_loop(requests: Connection, answers: Connection, watchlist: Watchlist, data_dir: str,
                      concurrency: int) -> None:
    store = _WorkerStore(data_dir)
    work = Offload(0, data_dir, write_inline=True)
    loop = asyncio.get_running_loop()
    inbox: asyncio.Queue[bytes] = asyncio.Queue()

    def readable() -> None:
        try:
            inbox.put_nowait(requests.recv_bytes())
        except (EOFError, OSError):
            loop.remove_reader(requests.fileno())
            inbox.put_nowait(b"")

    loop.add_reader(requests.fileno(), readable)
    pending: set[asyncio.Task[None]] = set()
    defaults = replace(watchlist.defaults, concurrency=concurrency)
    async with AsyncExitStack() as stack:
        fetchers = {name: await stack.enter_async_context(method.make(defaults))
                    for name, method in FETCHERS.items() if method.in_fetch_workers}

        async def handle(request: _FetchRequest) -> None:
            answer = await _answer(request, fetchers, store, work)
            answers.send_bytes(pickle.dumps((request.number, answer), protocol=pickle.HIGHEST_PROTOCOL))

        while message := await inbox.get():
            task = asyncio.create_task(handle(pickle.loads(message)))
            pending.add(task)
            task.add_done_callback(pending.discard)
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
    work.close()


class _FetchWorker:
    __slots__ = ("process", "requests", "answers", "waiting", "dead")

    def __init__(self, context: Any, watchlist: Watchlist, data_dir: str, concurrency: int) -> None:
        their_requests, self.requests = context.Pipe(duplex=False)
        self.answers, their_answers = context.Pipe(duplex=False)
        for connection in (self.requests, self.answers):
            _widen(connection)
        self.process = context.Process(target=_fetch_main, name="policy-monitor-fetch", daemon=True,
                                       args=(their_requests, their_answers, watchlist, data_dir, concurrency))
        self.process.start()
        their_requests.close()
        their_answers.close()
        self.waiting: dict[int, asyncio.Future[RemoteAnswer]] = {}
        self.dead = False


class RemoteFetch:
    """Fetch (and extract) the pages of a large pass in worker processes, one event loop and HTTP client each, so
    that the network work, which holds the GIL in httpx, uses every core while this process keeps the database.

    Each host is given to one worker (the hosts with the most documents first, to the least loaded worker), so the
    per-host limits and delays hold exactly; the global concurrency is split between the workers. A worker's answer
    (:data:`RemoteAnswer`) is what :func:`monitor.sources.fetch_source` returns, or the failure it raised; a worker
    that dies answers :class:`WorkerGone` and the caller fetches the page itself.
    """

    def __init__(self, watchlist: Watchlist, documents: Sequence[Document], data_dir: str | os.PathLike[str], *,
                 processes: int | None = None) -> None:
        from urllib.parse import urlsplit

        size = max(1, processes if processes is not None else min(2, os.cpu_count() or 1))
        concurrency = watchlist.defaults.concurrency
        size = min(size, concurrency)
        shares = [concurrency // size + (1 if i < concurrency % size else 0) for i in range(size)]
        context = multiprocessing.get_context("spawn")
        self.loop = asyncio.get_running_loop()
        self.workers = [_FetchWorker(context, watchlist, os.fspath(data_dir), share) for share in shares]
        for worker in self.workers:
            self.loop.add_reader(worker.answers.fileno(), self._answered, worker)
        counts: dict[str, int] = {}
        for document in documents:
            for source in document.sources:
                host = (urlsplit(source.url).hostname or "").lower()
                counts[host] = counts.get(host, 0) + 1
        load = [0] * size
        self._host_worker: dict[str, _FetchWorker] = {}
        for host, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            least = min(range(size), key=lambda i: (load[i] / shares[i], i))
            load[least] += count
            self._host_worker[host] = self.workers[least]
        self._numbers = iter(range(1, 1 << 62))
        self._urlsplit = urlsplit

    def _answered(self, worker: _FetchWorker) -> None:
        try:
            number, answer = pickle.loads(worker.answers.recv_bytes())
        except (EOFError, OSError):
            self._bury(worker)
            return
        future = worker.waiting.pop(number, None)
        if future is not None and not future.done():
            future.set_result(answer)

    def _bury(self, worker: _FetchWorker) -> None:
        if not worker.dead:
            log.warning("a fetch worker died; its pages are fetched by the main process")
            worker.dead = True
            self.loop.remove_reader(worker.answers.fileno())
        for future in worker.waiting.values():
            if not future.done():
                future.set_result(WorkerGone())
        worker.waiting.clear()

    async def fetch(self, document: Document, source: Source, state: SourceState) -> RemoteAnswer:
        host = (self._urlsplit(source.url).hostname or "").lower()
        worker = self._host_worker.get(host) or self.workers[0]
        if worker.dead:
            return WorkerGone()
        number = next(self._numbers)
        future: asyncio.Future[RemoteAnswer] = self.loop.create_future()
        worker.waiting[number] = future
        try:
            worker.requests.send_bytes(pickle.dumps(_FetchRequest(number, document, source, state),
                                                    protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            self._bury(worker)
        return await future

    def close(self) -> None:
        _stop_workers(self.loop, self.workers, join_timeout=30)
        self.workers = []
