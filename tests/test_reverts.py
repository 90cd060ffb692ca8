"""A text that comes back is an event of its own (a revert); a page that keeps alternating gets one notice.

Real whole histories from the corpus (X's terms, WhatsApp's privacy policy) served from 127.0.0.1, the real
pipeline, a real webhook receiver for the alerts and the command line for what a user reads afterwards.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from monitor.cli import main
from monitor.notify import deliver_pending
from monitor.store import Store
from monitor.watchlist import Watchlist, load
from tests.conftest import CORPUS, WebhookReceiver, check_once, needs_corpus, write_watchlist

X_TERMS = CORPUS / "versions" / "X" / "Terms of Service"
WHATSAPP = CORPUS / "versions" / "WhatsApp" / "Privacy Policy"
CLAUSE = "training of our machine learning and artificial intelligence models"


def text_watchlist(tmp_path: Path, url: str, notify_url: str, *, window: int = 3) -> Watchlist:
    return load(write_watchlist(tmp_path, f"""
        [defaults]
        retries = 0
        timeout = 5
        flipflop_window = {window}

        [notify]
        urls = ["{notify_url}"]

        [[service]]
        name = "X"

          [[service.document]]
          type = "Terms of Service"
          url = "{url}"
        """))


def serve(hooks: WebhookReceiver, path: Path) -> None:
    hooks.set_page("/tos", path.read_text(encoding="utf-8"), content_type="text/plain; charset=utf-8")


@needs_corpus
def test_a_clause_that_comes_back_is_a_version_a_change_and_an_alert(tmp_path: Path, hooks: WebhookReceiver,
                                                                     store: Store, capsys) -> None:
    with_clause, without = X_TERMS / "2024-11-16-94c4eab.md", X_TERMS / "2024-02-21-282e7cb.md"
    assert CLAUSE in with_clause.read_text() and CLAUSE not in without.read_text()
    watchlist = text_watchlist(tmp_path, hooks.url("/tos"), hooks.json_url())
    statuses = []
    for version in (with_clause, without, with_clause):  # present → removed → put back
        serve(hooks, version)
        statuses.append(check_once(watchlist, store).status)
        deliver_pending(store, watchlist)
    assert statuses == ["new", "changed", "reverted"]

    versions = store.versions("X/Terms of Service")
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[2].text_hash == versions[0].text_hash  # a version of its own, with the text of v1
    latest = store.changes(limit=1)[0]
    assert (latest.kind, latest.from_version, latest.to_version) == ("revert", 2, 3)
    assert latest.summary.startswith(f"reverted to the text of {int(versions[0].first_seen[8:10])} ")
    assert latest.ai_relevant and any(CLAUSE in f["text"] and f["category"] == "ai_training" for f in latest.findings)

    messages = hooks.messages()
    assert len(messages) == 2  # removed, then back
    assert "reverted to the text of" in messages[1] and CLAUSE in messages[1]

    capsys.readouterr()
    data_dir = str(store.data_dir)
    assert main(["--watchlist", str(tmp_path / "watchlist.toml"), "--data-dir", data_dir, "changes", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed[0]["kind"] == "revert" and listed[0]["summary"].startswith("reverted to the text of")
    assert main(["--data-dir", data_dir, "diff", "X", "Terms of Service", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["changed"] and any(CLAUSE in f["text"] and f["category"] == "ai_training" for f in shown["findings"])


@needs_corpus
def test_a_page_alternating_gets_one_oscillation_notice_not_silence_nor_a_flood(
        tmp_path: Path, hooks: WebhookReceiver, store: Store) -> None:
    history = sorted(WHATSAPP.iterdir())  # 26 recorded versions, 7 texts: A B A C C D D D C C D C D …
    watchlist = text_watchlist(tmp_path, hooks.url("/tos"), hooks.json_url())
    outcomes = []
    for version in history:
        serve(hooks, version)
        outcomes.append(check_once(watchlist, store))
    texts = [hashlib.sha256(v.read_bytes()).hexdigest() for v in history]
    assert [o.status for o in outcomes[:3]] == ["new", "changed", "reverted"]  # A B A: the revert is reported

    changes = list(reversed(store.changes(document="X/Terms of Service", limit=1000)))
    kinds = [change.kind for change in changes]
    assert kinds.count("oscillation") >= 1
    # Every text change is either recorded, or a flip inside an oscillation already announced.
    for before, after, outcome in zip(texts, texts[1:], outcomes[1:], strict=False):
        if before != after:
            assert outcome.recorded_change or outcome.status == "oscillating", outcome
    # One notice per run of alternation: never two notices without another change in between.
    assert all(not (a == b == "oscillation") for a, b in zip(kinds, kinds[1:], strict=False))
    flips = sum(1 for before, after in zip(texts, texts[1:], strict=False) if before != after)
    assert len(changes) < flips  # the alternation was damped


@needs_corpus
@pytest.mark.parametrize("window", [0])
def test_with_no_flipflop_window_every_revert_is_reported(tmp_path: Path, hooks: WebhookReceiver, store: Store,
                                                          window: int) -> None:
    watchlist = text_watchlist(tmp_path, hooks.url("/tos"), hooks.json_url(), window=window)
    history = sorted(WHATSAPP.iterdir())[:6]
    for version in history:
        serve(hooks, version)
        check_once(watchlist, store)
    kinds = [change.kind for change in store.changes(limit=100)]
    assert "oscillation" not in kinds and "revert" in kinds
