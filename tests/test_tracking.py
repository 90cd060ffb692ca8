"""Tracking alerts that do not cry wolf: a duration as well as a count, flap damping, one message per host.

Real checks of pages served on 127.0.0.1, alerts delivered through apprise's ``json://`` to a real receiver.
"""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.cli import main
from monitor.localserver import PageServer
from monitor.notify import TRACKING_GROUP_SECONDS, deliver_pending
from monitor.pipeline import Checker
from monitor.store import Store
from monitor.watchlist import Watchlist, load
from tests.conftest import LONG_POLICY, WebhookReceiver, check_once, policy_page, write_watchlist
from tests.test_notify import CHALLENGE, ai_change, watchlist_with

GOOD = policy_page(*LONG_POLICY)


def tracking_watchlist(tmp_path: Path, server: PageServer, hooks: WebhookReceiver, notify: str) -> Watchlist:
    server.set_page("/tos", GOOD)
    return watchlist_with(tmp_path, server.url("/tos"), f'urls = ["{hooks.json_url()}"]\n{notify}')


def check_all(watchlist: Watchlist, store: Store) -> None:
    asyncio.run(Checker(watchlist, store).check(watchlist.documents))


def titles(hooks: WebhookReceiver) -> list[str]:
    return [body["title"] for _, body in hooks.received]


def test_a_short_outage_of_a_page_checked_often_sends_no_tracking_alert(
        tmp_path: Path, server: PageServer, store: Store, hooks: WebhookReceiver) -> None:
    watchlist = tracking_watchlist(tmp_path, server, hooks, "failure_threshold = 3")  # broken_after: default
    check_once(watchlist, store)
    server.set_page("/tos", CHALLENGE)
    assert [check_once(watchlist, store).reason for _ in range(5)] == ["bot_challenge"] * 5
    server.set_page("/tos", GOOD)
    check_once(watchlist, store)
    deliver_pending(store, watchlist, flush=True)

    assert hooks.received == []  # five failures in a few seconds: no "broken", so no "restored" either
    assert store.alerts() == []
    assert watchlist.notify.broken_after_for(watchlist.documents[0].interval) == 18 * 3600  # 3 × 6 h


def test_tracking_is_broken_only_after_failing_for_broken_after(
        tmp_path: Path, server: PageServer, store: Store, hooks: WebhookReceiver) -> None:
    watchlist = tracking_watchlist(tmp_path, server, hooks, 'failure_threshold = 2\nbroken_after = "2s"')
    check_once(watchlist, store)
    server.set_page("/tos", CHALLENGE)
    check_once(watchlist, store)
    check_once(watchlist, store)  # two failures, but for less than 2 s
    assert store.alerts() == []
    time.sleep(2.1)
    check_once(watchlist, store)
    deliver_pending(store, watchlist, flush=True)
    assert titles(hooks) == ["Tracking broken: Example Terms of Service (bot challenge)"]


def test_a_page_that_breaks_again_within_a_day_sends_no_new_pair_but_one_digest_line(
        tmp_path: Path, server: PageServer, store: Store, hooks: WebhookReceiver, capsys) -> None:
    watchlist = tracking_watchlist(tmp_path, server, hooks, "failure_threshold = 1\nbroken_after = 0")
    check_once(watchlist, store)
    for _ in range(3):  # broken, restored; then twice more within the day
        server.set_page("/tos", CHALLENGE)
        assert check_once(watchlist, store).status == "failed"
        server.set_page("/tos", GOOD)
        check_once(watchlist, store)
        deliver_pending(store, watchlist, flush=True)

    assert titles(hooks) == ["Tracking broken: Example Terms of Service (bot challenge)",
                             "Tracking restored: Example Terms of Service",
                             "Tracking flapping: 1 document in the last day"]
    digest = hooks.received[-1][1]["message"]
    assert "Example Terms of Service (broke again once: bot challenge)" in digest
    # The next flaps wait for the next day's digest, which lists them with their reasons.
    server.set_page("/tos", "<html><body><main></main></body></html>")
    check_once(watchlist, store)
    deliver_pending(store, watchlist, flush=True)
    assert len(hooks.received) == 3
    assert main(["--watchlist", str(watchlist.path), "--data-dir", str(store.data_dir), "status"]) == 0
    assert "failing (flapping)" in capsys.readouterr().out
    assert main(["--watchlist", str(watchlist.path), "--data-dir", str(store.data_dir), "status", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"][0]["flapping"] is True
    deliver_pending(store, watchlist, flush=True, now=datetime.now(UTC) + timedelta(days=1, minutes=1))
    assert titles(hooks)[3:] == ["Tracking flapping: 1 document in the last day"]
    # only the flaps since the last digest: the third bot challenge and the empty page
    assert "(broke again 2 times: bot challenge, empty page)" in hooks.received[-1][1]["message"]


def test_the_documents_broken_in_one_pass_are_one_message_and_a_change_is_not_held_back(
        tmp_path: Path, server: PageServer, store: Store, hooks: WebhookReceiver) -> None:
    documents = [(f"Policy {n}", server.url(f"/p{n}")) for n in range(5)]
    documents.append(("Other host", server.url("/other").replace("127.0.0.1", "localhost")))
    documents.append(("Changing", server.url("/changing")))
    for _, url in documents:
        server.set_page(url.split(str(server.port))[1], GOOD)
    tables = "".join(f'\n[[service.document]]\ntype = "{name}"\nurl = "{url}"\nselect = ["main"]\n'
                     for name, url in documents)
    watchlist = load(write_watchlist(tmp_path, f"""
[defaults]
retries = 0
timeout = 5
[notify]
urls = ["{hooks.json_url()}"]
failure_threshold = 1
broken_after = 0
[[service]]
name = "Example"
{tables}"""))
    check_all(watchlist, store)  # first versions of all seven
    for path in [*(f"/p{n}" for n in range(5)), "/other"]:
        server.set_page(path, CHALLENGE)
    server.set_page("/changing", ai_change())
    check_all(watchlist, store)

    right_away = deliver_pending(store, watchlist)  # the daemon's delivery just after the pass
    assert titles(hooks) == ["Example changed its Changing: AI-training clause added (high)"]
    assert right_away.sent == 1
    deliver_pending(store, watchlist, now=datetime.now(UTC) + timedelta(seconds=TRACKING_GROUP_SECONDS + 1))

    assert titles(hooks)[1:] == ["Tracking broken: Example 6 documents on 2 sites (bot challenge)"]
    grouped = hooks.received[-1][1]["message"]
    assert all(f"Example Policy {n} (1 failed checks): {server.url(f'/p{n}')}" in grouped for n in range(5))
    assert "Example Other host (1 failed checks): http://localhost:" in grouped
    assert {alert.state for alert in store.alerts()} == {"sent"} and len(store.alerts()) == 7

    for path in [*(f"/p{n}" for n in range(5)), "/other"]:  # back, except one that now serves an empty page
        server.set_page(path, GOOD)
    server.set_page("/p4", "<html><body><main></main></body></html>")
    check_all(watchlist, store)
    deliver_pending(store, watchlist, flush=True)
    assert titles(hooks)[2:] == ["Tracking restored: Example 5 documents on 2 sites"]
