"""An AI-relevant alert never goes silently nowhere: warned about in validate, check and at daemon start, kept as
'undelivered' when no channel would receive it, and sent once a channel is configured.

The commands through the command line's ``main`` (a real daemon process for ``run``), a real page server and a real
SMTP server (aiosmtpd).
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

import pytest

from monitor.localserver import PageServer
from tests.conftest import LONG_POLICY, Mailbox, policy_page, run_main, write_watchlist
from tests.test_daemon import Daemon, daemons  # noqa: F401 - the fixture

AI_SENTENCE = "We may use your posts to train our artificial intelligence models."
WARNING = "no alert channel would receive an AI-relevant alert"


def watchlist(tmp_path: Path, url: str, notify: str = "") -> Path:
    return write_watchlist(tmp_path, f"""
        [defaults]
        retries = 0
        timeout = 5
        {notify}
        [[service]]
        name = "Example"

          [[service.document]]
          type = "Privacy Policy"
          url = "{url}"
          select = ["main"]
        """)


def test_validate_warns_when_no_channel_would_hear_an_ai_alert(tmp_path: Path) -> None:
    path = watchlist(tmp_path, "https://example.com/privacy")
    result = run_main("--watchlist", str(path), "validate")
    assert result.returncode == 0
    assert WARNING in result.stderr and "0 alert channels" in result.stdout


@pytest.mark.parametrize("bad", ["mailtoo://me@example.com", "slack://onlyonetoken"])
def test_validate_parses_every_channel_with_apprise_and_names_the_bad_one(tmp_path: Path, bad: str) -> None:
    good = "json://127.0.0.1:9/hook"
    path = watchlist(tmp_path, "https://example.com/privacy", f'[notify]\nurls = ["{good}", "{bad}"]')
    result = run_main("--watchlist", str(path), "validate")
    assert result.returncode == 2, result.stdout
    line, = result.stderr.strip().splitlines()
    assert bad.split("://")[0] + "://" in line and "apprise does not understand" in line
    assert "Traceback" not in result.stderr


def test_an_alert_with_no_channel_is_undelivered_then_sent_once_a_channel_is_set(
        tmp_path: Path, server: PageServer, mailbox: Mailbox) -> None:
    data = str(tmp_path / "data")
    path = watchlist(tmp_path, server.url("/privacy"))
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    first = run_main("--watchlist", str(path), "--data-dir", data, "check", "--no-progress")
    assert first.returncode == 0 and WARNING in first.stderr  # warned before anything happened
    server.set_page("/privacy", policy_page(*LONG_POLICY[:5], AI_SENTENCE, *LONG_POLICY[5:]))

    changed = run_main("--watchlist", str(path), "--data-dir", data, "check", "--no-progress")
    assert changed.returncode == 1, changed.stdout  # never "none to send" with exit 0
    assert "1 undelivered" in changed.stdout and "none to send" not in changed.stdout
    assert WARNING in changed.stderr

    listed = run_main("--watchlist", str(path), "--data-dir", data, "alerts")
    assert "undelivered" in listed.stdout and "(no channel)" in listed.stdout

    watchlist(tmp_path, server.url("/privacy"), f'[notify]\nurls = ["{mailbox.url()}"]')
    sent = run_main("--watchlist", str(path), "--data-dir", data, "alerts", "--retry")
    assert sent.returncode == 0, sent.stdout + sent.stderr
    message, = mailbox.messages
    assert "AI-training clause" in message["Subject"]
    assert AI_SENTENCE in message.get_body(("plain",)).get_content()
    again = run_main("--watchlist", str(path), "--data-dir", data, "check", "--no-progress")
    assert again.returncode == 0 and WARNING not in again.stderr and len(mailbox.messages) == 1


def test_the_daemon_says_at_start_that_no_channel_would_hear(tmp_path: Path, server: PageServer,
                                                             daemons: Callable[..., Daemon]) -> None:  # noqa: F811
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    daemon = daemons(watchlist(tmp_path, server.url("/privacy")), tmp_path / "data")
    daemon.wait_for_log(WARNING)
    code, _ = daemon.signal_and_wait(signal.SIGTERM)
    assert code == 0
    assert "WARNING" in next(line for line in daemon.log().splitlines() if WARNING in line)
