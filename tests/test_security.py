"""Security: only http(s) is fetched, secrets never shown, no escape sequence from a page reaches the terminal, and
the data directory is private to its owner."""

from __future__ import annotations

import asyncio
import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor import blobs
from monitor.cli import main
from monitor.fetch import HttpFetcher
from monitor.localserver import PageServer
from monitor.store import CheckRecord, Store, sha256, utcnow
from monitor.watchlist import Defaults, Source
from tests.conftest import LONG_POLICY, REPO, policy_page, write_watchlist

ESCAPES = ("\x1b", "\x9b", "\x9d", "\x07")


# -- only http and https -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/privacy.txt", "gopher://127.0.0.1:70/",
                                 "javascript:alert(1)", "data:text/html,<main>hi</main>", "/etc/passwd",
                                 "http://[::1/privacy"])
def test_the_fetcher_refuses_anything_but_http_and_https(url: str) -> None:
    async def fetch() -> object:
        async with HttpFetcher(Defaults(timeout=1, retries=0)) as fetcher:
            return await fetcher.fetch(Source(url=url))

    result = asyncio.run(fetch())
    assert result.error_kind == "scheme" and result.body == b"" and result.status is None, result


def test_a_redirect_chain_ending_on_a_file_url_is_refused(server: PageServer) -> None:
    server.set_page("/a", "", status=301, headers={"Location": "/b"})
    server.set_page("/b", "", status=302, headers={"Location": "file:///etc/passwd"})

    async def fetch() -> object:
        async with HttpFetcher(Defaults(timeout=1, retries=0)) as fetcher:
            return await fetcher.fetch(Source(url=server.url("/a")))

    result = asyncio.run(fetch())
    assert result.error_kind == "scheme" and "file:///etc/passwd" in result.error and result.text is None


@pytest.mark.parametrize("final_url", ["file:///etc/passwd", "data:text/html,<main>x</main>",
                                       "chrome-error://chromewebdata/", "about:blank"])
def test_a_page_that_ends_on_another_scheme_is_never_read(final_url: str) -> None:
    """A browser may follow what httpx refuses: the guard checks where any fetch ended (no real server can make
    the http fetcher end there, hence a hand-made result)."""
    from monitor import guard
    from monitor.fetch import FetchResult

    fetched = FetchResult(url="https://example.com/privacy", final_url=final_url, status=200, body=b"<main>x</main>",
                          text="<main>x</main>", content_type="text/html")
    verdict = guard.judge_fetch(fetched)
    assert verdict is not None and verdict.kind == "scheme"
    ok = FetchResult(url="https://example.com/privacy", final_url="https://example.com/en/privacy", status=200)
    assert guard.judge_fetch(ok) is None


# -- secrets ---------------------------------------------------------------------------------------------------

PASSWORD = "hunter2-Secret-Pw"
TOKEN = "TIiajkdnlazkcOXrIdevi7FQ"


def test_mask_url_hides_passwords_and_tokens() -> None:
    notify = pytest.importorskip("monitor.notify")
    if not hasattr(notify, "mask_url"):
        pytest.skip("monitor.notify.mask_url is not there yet")
    for url in (f"mailtos://me:{PASSWORD}@smtp.example.com?to=me@example.com",
                f"slack://T1JJ3T3L2/A1BRTD4JD/{TOKEN}", f"json://user:{PASSWORD}@127.0.0.1:9/hook",
                f"discord://1234567890/{TOKEN}", f"tgram://123456789:{TOKEN}/-100123"):
        masked = notify.mask_url(url)
        assert PASSWORD not in masked and TOKEN not in masked, masked
    assert notify.mask_url("mailtos://me:${SMTP_PASS}@smtp.example.com").count("${SMTP_PASS}") == 1


def test_secrets_are_masked_wherever_the_command_line_shows_channels(tmp_path: Path, server: PageServer,
                                                                     monkeypatch, capsys) -> None:
    notify = pytest.importorskip("monitor.notify")
    if not hasattr(notify, "mask_url"):
        pytest.skip("monitor.notify.mask_url is not there yet")
    monkeypatch.setenv("PM_TEST_PASS", PASSWORD)
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    watchlist = write_watchlist(tmp_path, f"""
        [defaults]
        retries = 0
        timeout = 2
        [notify]
        urls = ["json://alice:${{PM_TEST_PASS}}@127.0.0.1:9/hook", "mailto://bob:{PASSWORD}@127.0.0.1:9?to=b@x.org",
                "json://127.0.0.1:9/{TOKEN}"]
        min_severity = "any"
        [[service]]
        name = "Example"
          [[service.document]]
          type = "Privacy Policy"
          url = "{server.url('/privacy')}"
          select = ["main"]
        """)
    base = ["--watchlist", str(watchlist), "--data-dir", str(tmp_path / "data"), "--log-level", "DEBUG"]
    main([*base, "check", "--no-progress"])
    edited = list(LONG_POLICY)
    edited[3] += " We may use your posts to train our artificial intelligence models."
    server.set_page("/privacy", policy_page(*edited))
    main([*base, "check", "--no-progress"])  # a change: alerts are queued, delivery fails (nothing listens)
    captured = capsys.readouterr()
    everything = captured.out + captured.err
    for command in (["alerts"], ["alerts", "--retry"], ["notify-test"], ["validate"], ["status"], ["changes"]):
        main([*base, *command])
        captured = capsys.readouterr()
        everything += captured.out + captured.err
    assert "127.0.0.1:9" in everything  # the channels were shown …
    assert PASSWORD not in everything and TOKEN not in everything  # … but never their secrets


# -- the terminal --------------------------------------------------------------------------------------------------

HOSTILE_SENTENCES = [
    "We may use your posts to train our artificial intelligence models \x1b[31mred alert\x1b[0m today.",
    "Your content \u009b31mis licensed\u009b0m to our partners for machine learning.",
    "Click \x1b]8;;http://evil.example\x1b\\here\x1b]8;;\x1b\\ to opt out \x1b]0;pwned\x07 of AI training.",
    "This clause is [bold red]very important[/bold red] and [link=http://evil.example]safe[/link].",
    "Entities too: &#27;[2J &#x1b;[31m &#x9b;1m &#155;2J and &#x9d;0;title&#x9c; in the text.",
]


def _hostile_page(extra: list[str]) -> bytes:
    return policy_page(*LONG_POLICY, *extra).encode("utf-8")


def _assert_terminal_safe(output: str) -> None:
    for escape in ESCAPES:
        assert escape not in output, (escape, output[max(0, output.find(escape) - 80):][:200])


def test_escape_sequences_in_a_page_never_reach_the_terminal(tmp_path: Path, server: PageServer, capsys) -> None:
    server.set_page("/privacy", _hostile_page(HOSTILE_SENTENCES[:1]))
    watchlist = write_watchlist(tmp_path, f"""
        [defaults]
        retries = 0
        [[service]]
        name = "Example"
          [[service.document]]
          type = "Privacy Policy"
          url = "{server.url('/privacy')}"
          select = ["main"]
        """)
    base = ["--watchlist", str(watchlist), "--data-dir", str(tmp_path / "data")]
    assert main([*base, "check", "--no-progress"]) == 0
    server.set_page("/privacy", _hostile_page(HOSTILE_SENTENCES))
    assert main([*base, "check", "--no-progress"]) == 1  # an AI change, no alert channel: undelivered
    captured = capsys.readouterr()
    out, err = captured.out, captured.err
    for command in (["diff", "Example", "Privacy Policy"], ["diff", "Example", "Privacy Policy", "--format", "words"],
                    ["diff", "Example", "Privacy Policy", "--format", "side-by-side"],
                    ["diff", "Example", "Privacy Policy", "--format", "json"],
                    ["changes"], ["changes", "--json"], ["history", "Example", "Privacy Policy"], ["status"]):
        assert main([*base, *command]) == 0, command
        captured = capsys.readouterr()
        out += captured.out
        err += captured.err
    _assert_terminal_safe(out + err)
    flat = out.replace("\n", "")
    assert "[bold red]very important[/bold red]" in flat  # printed literally, never read as rich markup
    assert "[link=http://evil.example]safe[/link]" in flat


def test_even_a_stored_text_with_escapes_is_shown_safely(tmp_path: Path, capsys) -> None:
    """Defence in depth: a version written before extraction cleaned text (or by another tool) is shown clean."""
    from monitor.watchlist import loads

    watchlist = loads('[[service]]\nname = "Example"\n[[service.document]]\ntype = "Privacy Policy"\n'
                      'url = "http://127.0.0.1:9/"\n')
    data = tmp_path / "data"
    with Store(data) as store:
        store.sync_documents(watchlist.documents)
        for text in ("\n\n".join(LONG_POLICY), "\n\n".join([*LONG_POLICY, *HOSTILE_SENTENCES])):
            store.put_text(text)
            store.record_check(CheckRecord(
                document="Example/Privacy Policy", started_at=utcnow(), duration=0.1, status="new",
                text_hash=sha256(text.encode()), text_length=len(text),
                change={"stats": {"added": 5, "removed": 0}, "severity": "high", "ai_relevant": True,
                        "summary": "AI clause \x1b[31madded\x1b[0m [bold red]x[/bold red]",
                        "findings": [{"category": "ai_training", "change": "added", "score": 0.9,
                                      "text": HOSTILE_SENTENCES[0], "matched": ["\x1b[5mtrain"]}]}
                if "\x1b" in text else None))
    base = ["--data-dir", str(data), "--watchlist", str(tmp_path / "none.toml")]
    output = ""
    for command in (["diff", "Example", "Privacy Policy"], ["diff", "Example", "Privacy Policy", "--format", "words"],
                    ["diff", "Example", "Privacy Policy", "--format", "side-by-side"], ["changes"],
                    ["history", "Example", "Privacy Policy"]):
        assert main([*base, *command]) == 0, command
        captured = capsys.readouterr()
        output += captured.out + captured.err
    _assert_terminal_safe(output)
    assert "[bold red]very important[/bold red]" in output.replace("\n", "")


def test_a_real_process_prints_no_escape_sequence_either(tmp_path: Path, server: PageServer, capsys) -> None:
    server.set_page("/privacy", _hostile_page([]))
    watchlist = write_watchlist(tmp_path, f"""
        [[service]]
        name = "Example"
          [[service.document]]
          type = "Privacy Policy"
          url = "{server.url('/privacy')}"
          select = ["main"]
        """)
    options = ["--watchlist", str(watchlist), "--data-dir", str(tmp_path / "data")]
    assert main([*options, "check", "--no-progress"]) == 0  # the first version, in-process (it is not shown)
    server.set_page("/privacy", _hostile_page(HOSTILE_SENTENCES))
    base = [sys.executable, "-m", "monitor", *options]
    # "check" exits 1 (an AI change and no channel), so ";" and not "&&"
    script = " ; ".join(" ".join(f"'{part}'" for part in [*base, *command]) for command in (
        ["check", "--no-progress"], ["diff", "Example", "Privacy Policy", "--format", "words"]))
    result = subprocess.run(["sh", "-c", script], cwd=REPO, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    raw = result.stdout + result.stderr
    assert b"\x1b" not in raw and b"\xc2\x9b" not in raw and b"\x9b" not in raw
    assert b"[bold red]very important[/bold red]" in raw.replace(b"\n", b"")


# -- file permissions ----------------------------------------------------------------------------------------------

@pytest.fixture
def loose_umask() -> Iterator[None]:
    old = os.umask(0o022)  # a typical user's umask: files 0644, folders 0755 unless the program says otherwise
    try:
        yield
    finally:
        os.umask(old)


def _modes(root: Path) -> dict[str, int]:
    return {str(path): stat.S_IMODE(path.stat().st_mode) for path in [root, *root.rglob("*")]}


def test_the_data_directory_and_its_files_are_private(tmp_path: Path, server: PageServer, loose_umask,
                                                      capsys) -> None:
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    watchlist = write_watchlist(tmp_path, f"""
        [[service]]
        name = "Example"
          [[service.document]]
          type = "Privacy Policy"
          url = "{server.url('/privacy')}"
          select = ["main"]
        """)
    data = tmp_path / "deep" / "data"
    assert main(["--watchlist", str(watchlist), "--data-dir", str(data), "check", "--no-progress"]) == 0
    capsys.readouterr()
    modes = _modes(data)
    assert any(name.endswith("monitor.db") for name in modes) and any("blobs/" in name for name in modes)
    for name, mode in modes.items():
        expected = 0o700 if Path(name).is_dir() else 0o600
        assert mode == expected, (name, oct(mode))
    assert stat.S_IMODE((tmp_path / "deep").stat().st_mode) == 0o700  # a parent it had to create, too


def test_a_store_opened_directly_is_private_too(tmp_path: Path, loose_umask) -> None:
    with Store(tmp_path / "data") as store:
        store.put_blob(b"raw page")
        for number in range(blobs.TRAIN_AFTER):  # enough for a compression dictionary, its pointer and its lock
            store.put_blob(policy_page(f"Platform {number}.", *LONG_POLICY[number % 7:]).encode())
        assert (tmp_path / "data" / "dictionaries" / "current").is_file()
        store.db.execute("CREATE TABLE IF NOT EXISTS scratch (x)")
        store.db.execute("INSERT INTO scratch VALUES (1)")
        store.db.conn.commit()
        modes = _modes(tmp_path / "data")
    assert any(name.endswith("-wal") for name in modes) and any(name.endswith("-shm") for name in modes)
    for name, mode in modes.items():
        assert mode & 0o077 == 0, (name, oct(mode))
