"""The outbox across processes: never twice, never stuck, and delivery that resumes with its channel.

Real processes (``python -m monitor alerts --retry`` and ``python -m monitor run``) race for the same alerts
against a real SMTP server (aiosmtpd) that holds each message until the test lets it answer.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from monitor.notify import LEASE_SECONDS, deliver_pending
from monitor.store import Store
from monitor.watchlist import Watchlist
from tests import test_daemon
from tests.conftest import LONG_POLICY, REPO, check_once, policy_page
from tests.test_daemon import Daemon, query, wait_until
from tests.test_notify import Mailbox, ai_change, free_port, watchlist_with

daemons = test_daemon.daemons  # the fixture that starts real daemons


@dataclass
class SlowMailbox(Mailbox):
    """An SMTP server that holds every message until ``released`` (``hold`` seconds at most), then answers 250."""

    hold: float = 10.0  # below the 15 s apprise waits for an SMTP reply
    released: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        await asyncio.to_thread(self.released.wait, self.hold)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def slow_mailbox() -> Iterator[SlowMailbox]:
    box = SlowMailbox(free_port()).start()
    yield box
    box.released.set()
    box.stop()


def alert_ids(box: Mailbox) -> list[str]:
    """The alert id each received message carries (its plain-text part)."""
    ids = []
    for message in box.messages:
        text = message.get_body(("plain",)).get_content()
        found = re.search(r"Alert id: ([0-9a-f]+)", text)
        assert found, text
        ids.append(found.group(1))
    return ids


def queued_change(tmp_path: Path, server: Any, store: Store, channel: str) -> Watchlist:
    """A watchlist whose one document has just changed: one change alert pending for ``channel``."""
    server.set_page("/tos", policy_page(*LONG_POLICY))
    watchlist = watchlist_with(tmp_path, server.url("/tos"), f'urls = ["{channel}"]')
    check_once(watchlist, store)
    server.set_page("/tos", ai_change())
    assert check_once(watchlist, store).alerts == 1
    return watchlist


def retry_process(watchlist: Watchlist, data_dir: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "monitor", "--watchlist", str(watchlist.path), "--data-dir",
                             str(data_dir), "alerts", "--retry"], cwd=REPO, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_three_retries_and_the_daemon_racing_for_one_alert_deliver_it_once(
        tmp_path: Path, server: Any, store: Store, slow_mailbox: SlowMailbox,
        daemons: Callable[..., Daemon]) -> None:
    watchlist = queued_change(tmp_path, server, store, slow_mailbox.url())
    daemon = daemons(Path(watchlist.path), store.data_dir)  # its delivery job claims the alert at once
    wait_until(lambda: query(store.data_dir, "SELECT 1 FROM alerts WHERE state = 'sending'"), 10,
               "the daemon's claim")
    retries = [retry_process(watchlist, store.data_dir) for _ in range(3)]  # while the SMTP server holds it
    outputs = [process.communicate(timeout=60) for process in retries]
    slow_mailbox.released.set()
    wait_until(lambda: query(store.data_dir, "SELECT state FROM alerts") == [("sent",)], 20, "the delivery")
    wait_until(lambda: slow_mailbox.messages, 5, "the message")
    code, _ = daemon.signal_and_wait(signal.SIGTERM)

    assert code == 0
    assert all("Traceback" not in err for _, err in outputs), outputs
    assert len(slow_mailbox.messages) == 1, alert_ids(slow_mailbox)
    assert alert_ids(slow_mailbox) == [store.alerts()[0].uid]


def test_an_alert_left_sending_by_a_killed_process_is_sent_again_after_its_lease_with_the_same_id(
        tmp_path: Path, server: Any, store: Store, slow_mailbox: SlowMailbox) -> None:
    watchlist = queued_change(tmp_path, server, store, slow_mailbox.url())
    sender = retry_process(watchlist, store.data_dir)
    wait_until(lambda: query(store.data_dir, "SELECT 1 FROM alerts WHERE state = 'sending'"), 10, "the claim")
    wait_until(lambda: slow_mailbox.controller is not None, 1, "the SMTP server")
    sender.send_signal(signal.SIGKILL)  # mid-delivery: the SMTP server holds the message
    sender.communicate(timeout=10)
    alert, = store.alerts()
    assert alert.state == "sending"
    slow_mailbox.released.set()

    assert not deliver_pending(store, watchlist).deliveries  # the lease has not run out: not taken from its owner
    later = datetime.now(UTC) + timedelta(seconds=LEASE_SECONDS + 1)
    report = deliver_pending(store, watchlist, now=later)

    assert report.sent == 1
    assert store.alerts()[0].state == "sent"
    wait_until(lambda: slow_mailbox.messages, 5, "the message")
    # The killed process's message may have arrived too: then it is the same alert id, recognisably a duplicate.
    assert set(alert_ids(slow_mailbox)) == {alert.uid}


# -- delivery resumes with its channel ---------------------------------------------------------------------------


def test_a_down_channel_is_tried_once_a_run_and_its_first_success_sends_every_alert_it_held_back(
        tmp_path: Path, server: Any, store: Store) -> None:
    box = Mailbox(free_port())  # not started: the SMTP server is down
    server.set_page("/tos", policy_page(*LONG_POLICY))
    watchlist = watchlist_with(tmp_path, server.url("/tos"), f'urls = ["{box.url()}"]\nmin_severity = "any"')
    check_once(watchlist, store)
    for n in range(2):
        server.set_page("/tos", policy_page(*LONG_POLICY, f"Clause {n} of the outage applies to everyone."))
        check_once(watchlist, store)

    down = deliver_pending(store, watchlist)
    assert down.messages == 1 and down.retrying == 1  # one try for the channel, not one per alert
    held = [alert for alert in store.alerts() if alert.attempts]
    assert len(held) == 1 and held[0].next_attempt_at and held[0].next_attempt_at > held[0].created_at

    box.start()  # the SMTP server is back; one more change comes in before the back-off is over
    try:
        server.set_page("/tos", policy_page(*LONG_POLICY, "A clause written after the outage applies."))
        check_once(watchlist, store)
        up = deliver_pending(store, watchlist)
    finally:
        box.stop()
    assert up.sent == 3 and not up.failed  # the new alert, and with it the two held back, in the same run
    assert len(box.messages) == 3
    assert {alert.state for alert in store.alerts()} == {"sent"}
