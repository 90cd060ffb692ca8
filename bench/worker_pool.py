"""Extraction handed to two worker processes: the hand-built pool (monitor.offload) against ProcessPoolExecutor.

    python bench/worker_pool.py hand --n 500
    python bench/worker_pool.py executor --n 500

Both extract the same N benchmark pages (bench/pages.py), at most 8 at once, from one event loop (the first
EXTRACTIONS_INLINE in the event loop itself, as a large pass does), and report the
wall time, the main process's CPU time (what the event loop pays for each page it hands off: pickling and the pipe,
or the executor's threads; it does not depend on what else the machine runs) and the workers' CPU time. The record
of the decision: docs/decisions/worker-pool.md.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import resource
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from monitor.offload import EXTRACTIONS_INLINE, LARGE_PASS, Offload  # noqa: E402
from monitor.sources import prepare  # noqa: E402


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


async def _each(pages: list[str], inflight: int, extract: Callable[[str], Awaitable[object]]) -> None:
    semaphore = asyncio.Semaphore(inflight)

    async def one(page: str) -> None:
        async with semaphore:
            await extract(page)

    await asyncio.gather(*(one(page) for page in pages))


async def hand_built(pages: list[str], inflight: int) -> None:
    offload = Offload(LARGE_PASS, processes=2)  # a large pass: its first pages inline, then the workers
    try:
        await _each(pages, inflight, lambda page: offload.prepare(page, kind="html", select=("main",), remove=()))
        assert offload.workers_running
    finally:
        offload.close()


async def executor(pages: list[str], inflight: int) -> None:
    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"), initializer=_ignore_interrupts)
    loop = asyncio.get_running_loop()
    inline = iter(range(EXTRACTIONS_INLINE))  # the same first pages inline as the hand-built pool

    async def extract(page: str) -> object:
        if next(inline, None) is not None:
            return prepare(page, "html", ("main",), ())
        return await loop.run_in_executor(pool, prepare, page, "html", ("main",), ())

    try:
        await _each(pages, inflight, extract)
    finally:
        pool.shutdown()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pool", choices=["hand", "executor"])
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--inflight", type=int, default=8)
    args = parser.parse_args()
    import pages as bench_pages

    sections = bench_pages.load_sections()
    html = [bench_pages.make_page(i, 0, sections).decode("utf-8") for i in range(args.n)]
    started, before = time.monotonic(), resource.getrusage(resource.RUSAGE_SELF)
    asyncio.run((hand_built if args.pool == "hand" else executor)(html, args.inflight))
    wall = time.monotonic() - started
    after, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    main_cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(f"{args.pool}: {args.n} pages, wall {wall:.2f} s, main process CPU {main_cpu:.2f} s "
          f"({1000 * main_cpu / args.n:.2f} ms a page), workers CPU {workers.ru_utime + workers.ru_stime:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
