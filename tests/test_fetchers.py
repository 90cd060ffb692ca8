"""A fetch method is one class and one entry in monitor.fetchers.FETCHERS: the watchlist accepts its name and a
check fetches the documents that name it through it."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.fetch import FetchResult, Validators
from monitor.fetchers import FETCHERS, FetchMethod
from monitor.store import Store
from monitor.watchlist import Defaults, Source, WatchlistError, load
from tests.conftest import LONG_POLICY, check_once, document_table, example_watchlist, policy_page

URL = "https://example.com/terms"  # never requested: the method below answers from memory


class Recorded:
    """A fetch method of its own: pages recorded earlier (as one reading an archive or an API would be)."""

    pages = {URL: policy_page(*LONG_POLICY, title="Terms")}

    def __init__(self, defaults: Defaults) -> None:
        self.defaults = defaults
        self.fetched: list[str] = []

    async def __aenter__(self) -> Recorded:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        return None

    async def fetch(self, source: Source, *, timeout: float | None = None,
                    validators: Validators | None = None) -> FetchResult:
        text = self.pages[source.url]
        return FetchResult(url=source.url, status=200, body=text.encode("utf-8"), text=text,
                           content_type="text/html; charset=utf-8")


def watchlist_fetching(tmp_path: Path, fetch: str) -> Path:
    return example_watchlist(tmp_path, document_table(URL, "Terms", select=["main"], fetch=fetch))


def test_a_fetch_method_registered_in_the_table_is_accepted_and_used(tmp_path: Path, monkeypatch) -> None:
    path = watchlist_fetching(tmp_path, "recorded")
    with pytest.raises(WatchlistError, match="'fetch': must be one of http, browser$"):
        load(path)
    monkeypatch.setitem(FETCHERS, "recorded", FetchMethod("recorded", Recorded, in_fetch_workers=False))
    watchlist = load(path)
    with Store(tmp_path / "data") as store:
        outcome = check_once(watchlist, store)
        assert (outcome.status, outcome.version) == ("new", 1)
        assert "Section 30. We collect information" in store.text_of(store.current_version("Example/Terms"))
