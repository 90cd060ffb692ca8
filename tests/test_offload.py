"""A large pass (extraction in worker processes, or fetch workers; texts reused by body hash) records what the
inline path records."""

from __future__ import annotations

import asyncio
import multiprocessing
import time
from pathlib import Path

import pytest

from monitor import blobs, offload, pipeline
from monitor.localserver import PageServer
from monitor.pipeline import Checker
from monitor.store import Store, sha256
from monitor.watchlist import load
from tests.conftest import LONG_POLICY, REPO, blob_count, policy_page, table_count, write_watchlist
from tests.test_documents import make_long_pdf

LARGE = 40  # a large pass here: the real threshold (offload.LARGE_PASS) would make these tests slow
N = LARGE + offload.EXTRACTIONS_INLINE + 6  # enough for the worker processes to take part


@pytest.fixture
def small_large_pass(monkeypatch) -> None:
    monkeypatch.setattr(offload, "LARGE_PASS", LARGE)
    monkeypatch.setattr(pipeline, "BATCH_PASS", LARGE)


def _watchlist(tmp_path: Path, server: PageServer, select: str = "main", count: int = N):
    documents = "\n".join(f"""
        [[service]]
        name = "Site {i:03d}"
          [[service.document]]
          type = "Privacy Policy"
          url = "{server.url(f"/p/{i}")}"
          select = ["{select}"]
        """ for i in range(count))
    return load(write_watchlist(tmp_path, "[defaults]\nretries = 0\nconcurrency = 8\nper_host_concurrency = 8\n"
                                + documents, name=f"watchlist-{select}.toml"))


def _pass(watchlist, store):
    return asyncio.run(Checker(watchlist, store).check(watchlist.documents))


def _page(i: int, extra: str = "") -> str:
    return policy_page(f"Site {i} policy.", *LONG_POLICY, extra) if extra else policy_page(f"Site {i} policy.",
                                                                                            *LONG_POLICY)


@pytest.mark.usefixtures("small_large_pass")
@pytest.mark.parametrize("fetch_workers", [False, True], ids=["extraction-workers", "fetch-workers"])
def test_a_large_pass_matches_the_inline_path(tmp_path: Path, server: PageServer, monkeypatch,
                                              fetch_workers: bool) -> None:
    monkeypatch.setattr(pipeline, "REMOTE_PASS", N if fetch_workers else N + 1)
    for i in range(N):
        server.set_page(f"/p/{i}", _page(i), etag=False)  # no 304s: every check reads the page
    watchlist = _watchlist(tmp_path, server)
    with Store(tmp_path / "large") as store:
        first = _pass(watchlist, store)
        assert [o.status for o in first] == ["new"] * N
        assert [o.document for o in first] == [d.key for d in watchlist.documents]
        assert table_count(store, "versions") == N and blob_count(store) == 2 * N  # each page's text and raw body
        texts = {o.document: store.text_of(store.current_version(o.document)) for o in first}
        # The same bytes again: no extraction (same body, same settings), nothing new.
        again = _pass(watchlist, store)
        assert {o.status for o in again} == {"unchanged"}
        assert table_count(store, "versions") == N and blob_count(store) == 2 * N
        # Two pages change: two versions, two changes, four new blobs (two texts, two raw bodies).
        for i in (3, N - 1):
            server.set_page(f"/p/{i}", _page(i, "We may use your posts to train our AI models."), etag=False)
        changed = _pass(watchlist, store)
        assert sorted(o.document for o in changed if o.status == "changed") == ["Site 003/Privacy Policy",
                                                                              f"Site {N - 1:03d}/Privacy Policy"]
        assert table_count(store, "changes") == 2 and blob_count(store) == 2 * N + 4
        # Every page changes: extraction, diff and classification go to the worker processes once they run.
        for i in range(N):
            server.set_page(f"/p/{i}", _page(i, "We may share your data with partners to train AI models."),
                            etag=False)
        everything = _pass(watchlist, store)
        assert [o.status for o in everything] == ["changed"] * N
        assert all(o.ai_relevant and o.severity == everything[0].severity for o in everything)
        assert table_count(store, "changes") == N + 2
        texts = {o.document: store.text_of(store.current_version(o.document)) for o in everything}
        # Blobs written by several processes, compressed with a dictionary one of them trained, or as deltas of
        # earlier ones: every snapshot reads back here, by a process that has seen none of it.
        assert (tmp_path / "large" / "dictionaries" / "current").is_file()
        blobs._codecs.clear()
        snapshots = [check["snapshot"] for document in watchlist.documents for check in store.checks(document.key)]
        assert len(snapshots) == 4 * N
        assert all(sha256(store.get_blob(digest)) == digest for digest in snapshots)
    with Store(tmp_path / "inline") as store:
        outcome, = asyncio.run(Checker(watchlist, store).check(watchlist.documents[:1]))
        assert store.text_of(store.current_version(outcome.document)) == texts[outcome.document]


@pytest.mark.usefixtures("small_large_pass")
def test_changed_selectors_extract_again_even_when_the_page_is_the_same(tmp_path: Path, server: PageServer) -> None:
    for i in range(N):
        server.set_page(f"/p/{i}", _page(i), etag=False)
    with Store(tmp_path / "data") as store:
        _pass(_watchlist(tmp_path, server, "main"), store)
        body_only = _pass(_watchlist(tmp_path, server, "body"), store)  # same bytes, other settings
        assert {o.status for o in body_only} == {"changed"}  # the nav and footer are now in the text


def test_a_pass_the_size_of_the_shipped_watchlist_starts_no_worker_process(tmp_path: Path, server: PageServer,
                                                                        store: Store) -> None:
    """An everyday 'check' takes the simple path: every page extracted inline (docs/decisions/worker-pool.md)."""
    shipped = len(load(REPO / "watchlist.toml").documents)
    for i in range(shipped):
        server.set_page(f"/p/{i}", _page(i), etag=False)
    watchlist = _watchlist(tmp_path, server, count=shipped)
    processes_seen: set[int] = set()
    outcomes = asyncio.run(Checker(watchlist, store).check(
        watchlist.documents, on_done=lambda _: processes_seen.update(p.pid for p in multiprocessing.active_children())))
    assert [o.status for o in outcomes] == ["new"] * shipped
    assert processes_seen == set()


def test_isolated_work_runs_in_a_worker_and_a_page_past_the_time_limit_fails_the_check(
        tmp_path: Path, server: PageServer, store: Store) -> None:
    server.set_page("/terms.pdf", make_long_pdf(20_000), content_type="application/pdf")  # 6-20 s of pypdf
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    watchlist = load(write_watchlist(tmp_path, f"""
        [defaults]
        retries = 0
        [[service]]
        name = "Example"
          [[service.document]]
          type = "Terms"
          url = "{server.url('/terms.pdf')}"
          [[service.document]]
          type = "Privacy Policy"
          url = "{server.url('/privacy')}"
          select = ["main"]
        """))

    async def check_with_a_limit() -> tuple[list[pipeline.CheckOutcome], float]:
        work = offload.Offload(0, isolated=True, time_limit=2)
        checker = Checker(watchlist, store, isolated=work)
        started = time.monotonic()
        try:
            outcomes = await checker.check(watchlist.documents)
            return outcomes, time.monotonic() - started
        finally:
            work.close()

    outcomes, took = asyncio.run(check_with_a_limit())
    by_type = {outcome.type: outcome for outcome in outcomes}
    terms = by_type["Terms"]
    assert (terms.status, terms.reason) == ("failed", "extract") and "took longer than 2 s" in terms.error
    assert by_type["Privacy Policy"].status == "new"  # extracted in the worker, or a fresh one after the kill
    assert took < 10
    assert store.current_version("Example/Terms") is None
