"""Security: only http(s) is fetched, secrets never shown, no escape sequence from a page reaches the terminal, and
the data directory is private to its owner."""

from __future__ import annotations

import asyncio
import json
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
from monitor.watchlist import Defaults, Source, load
from tests.conftest import (
    LONG_POLICY,
    REPO,
    cli_options,
    document_table,
    example_watchlist,
    one_document_watchlist,
    policy_page,
    write_watchlist,
)

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
    watchlist = example_watchlist(
        tmp_path, document_table(server.url("/privacy"), select=["main"]), defaults={"retries": 0, "timeout": 2},
        notify={"urls": ["json://alice:${PM_TEST_PASS}@127.0.0.1:9/hook",
                         f"mailto://bob:{PASSWORD}@127.0.0.1:9?to=b@x.org", f"json://127.0.0.1:9/{TOKEN}"],
                "min_severity": "any"})
    base = [*cli_options(watchlist, tmp_path / "data"), "--log-level", "DEBUG"]
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


# -- hostile declarations: a page address never carries a secret -------------------------------------------------

def _leaked_anywhere(server: PageServer, data_dir: Path, secret: str) -> list[str]:
    """Where the secret went: a request the loopback "echo" server received, or a file of the data directory."""
    places = [f"request {request.path}" for request in server.requests if secret in request.path]
    if data_dir.exists():
        places += [str(path) for path in data_dir.rglob("*") if path.is_file() and secret.encode() in path.read_bytes()]
    return places


def _options(tmp_path: Path, url: str) -> list[str]:
    """--watchlist and --data-dir for one document, Example / Privacy Policy at ``url``, and a data directory."""
    return ["--watchlist", one_document_watchlist(tmp_path, url).path, "--data-dir", str(tmp_path / "data")]


@pytest.mark.parametrize("document", ['url = "{echo}?leak=${{SMTP_PASS}}"',
                                      'combine = [{{ url = "{page}" }}, {{ url = "{echo}?leak=${{SMTP_PASS}}" }}]'])
def test_a_document_url_naming_a_variable_is_refused_and_the_secret_never_sent(
        tmp_path: Path, server: PageServer, monkeypatch, capsys, document: str) -> None:
    monkeypatch.setenv("SMTP_PASS", PASSWORD)
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    server.set_page("/echo", policy_page(*LONG_POLICY))
    watchlist = write_watchlist(tmp_path, f"""
        [notify]
        urls = ["json://alice:${{SMTP_PASS}}@127.0.0.1:9/hook"]   # where a secret belongs: still fine
        [[service]]
        name = "Example"
          [[service.document]]
          type = "Privacy Policy"
          {document.format(echo=server.url('/echo'), page=server.url('/privacy'))}
        """)
    data = tmp_path / "data"
    for command in (["check", "--no-progress"], ["validate"]):
        assert main(["--watchlist", str(watchlist), "--data-dir", str(data), "--log-level", "DEBUG", *command]) == 2
        err = capsys.readouterr().err
        assert f"{watchlist}:8: service 'Example': document 'Privacy Policy'" in err and "may not hold ${…}" in err
        assert err.count("\n") == 1 and PASSWORD not in err
    assert server.requests == [] and _leaked_anywhere(server, data, PASSWORD) == []


@pytest.mark.parametrize("declaration", [
    {"fetch": "ECHO?leak=${SMTP_PASS}", "select": "main"},
    {"combine": [{"fetch": "PAGE"}, {"fetch": "ECHO?u=${SMTP_USER}&p=${SMTP_PASS}"}]},
])
def test_import_ota_never_imports_a_document_url_naming_a_variable(tmp_path: Path, server: PageServer, monkeypatch,
                                                                   capsys, declaration: dict) -> None:
    monkeypatch.setenv("SMTP_PASS", PASSWORD)
    monkeypatch.setenv("SMTP_USER", "alice")
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    server.set_page("/echo", policy_page(*LONG_POLICY))
    hostile = json.loads(json.dumps(declaration).replace("ECHO", server.url("/echo"))
                         .replace("PAGE", server.url("/privacy")))
    path = tmp_path / "Evil.json"
    path.write_text(json.dumps({"name": "Evil", "documents": {
        "Terms of Service": {"fetch": server.url("/privacy"), "select": "main"}, "Privacy Policy": hostile}}))
    base = _options(tmp_path, server.url("/privacy"))
    watchlist = Path(base[1])
    before = watchlist.read_text()
    for write in ([], ["--write"]):
        assert main([*base, "import-ota", str(path), *write]) == 2
        captured = capsys.readouterr()
        assert captured.out == "" and captured.err.count("\n") == 1
        assert "Evil.json: document 'Privacy Policy': the fetch URL holds ${…}" in captured.err
        assert "declaration refused, nothing imported" in captured.err
    assert watchlist.read_text() == before
    assert main([*base, "check", "--no-progress"]) == 0  # the next check fetches only what was there before
    assert [request.path for request in server.requests] == ["/privacy"]
    assert _leaked_anywhere(server, tmp_path / "data", PASSWORD) == []


# -- hostile declarations: no injected configuration ------------------------------------------------------------

INJECTED = '\nopt_out = "https://phish.example/opt-out"\nnotify = ["json://127.0.0.1:9/attacker"]\n#'


@pytest.mark.parametrize("hostile", [
    {"documents": {"Terms": {"fetch": "https://ex.com/tos", "filter": [f"cleanUrls{INJECTED}"]}}},
    {"documents": {"Terms": {"fetch": "https://ex.com/tos", "select": [f"main{INJECTED}", 7]}}},
    {"documents": {"Terms": {"fetch": "https://ex.com/tos", "select": {"startBefore": f"h1{INJECTED}"}}}},
    {"documents": {"Terms": {"combine": [{"fetch": "https://ex.com/a"}, {"fetch": "https://ex.com/a"},
                                         {"fetch": "https://ex.com/b", "filter": f"x\r{INJECTED}\x1b]0;t\x07"}]}}},
])
def test_import_ota_writes_every_string_on_one_line_and_never_sets_opt_out_or_notify(
        tmp_path: Path, capsys, hostile: dict) -> None:
    declaration = tmp_path / "Evil.json"
    declaration.write_text(json.dumps({"name": "Evil", **hostile}))
    watchlist = example_watchlist(tmp_path, document_table("https://existing.example/terms", "Terms"),
                                  service="Existing")
    assert main(["--watchlist", str(watchlist), "import-ota", str(declaration), "--write"]) == 0, capsys.readouterr()
    written = watchlist.read_text()
    evil = load(watchlist).service("Evil")
    assert evil.opt_out is None and evil.notify == () and [d.type for d in evil.documents] == ["Terms"]
    assert "phish.example" in written  # the hostile text is there, escaped, in a string or a comment …
    for line in written.splitlines():  # … and every line is a comment, a header, a key or the end of an array
        assert line.strip() == "" or line.lstrip()[0] in "#[}]" or " = " in line.split("#")[0], line
        assert not any(char in line for char in "\r\x1b\x07"), line
    capsys.readouterr()
    assert main(["import-ota", str(declaration)]) == 0  # printed rather than written: the same, one warning a line
    captured = capsys.readouterr()
    assert captured.out.splitlines() == written.splitlines()[-len(captured.out.splitlines()):]
    assert all(line.startswith("policy-monitor: warning: ") for line in captured.err.splitlines())
    _assert_terminal_safe(captured.out + captured.err)


def test_an_origin_file_name_cannot_inject_a_table(tmp_path: Path, capsys) -> None:
    declaration = tmp_path / 'Evil\n[defaults]\nuser_agent = "evil".json'
    declaration.write_text(json.dumps({"name": "Evil", "documents": {"Terms": {"fetch": "https://ex.com/tos"}}}))
    watchlist = example_watchlist(tmp_path, document_table("https://a.example/t", "T"), service="A")
    assert main(["--watchlist", str(watchlist), "import-ota", str(declaration), "--write"]) == 0, capsys.readouterr()
    assert load(watchlist).defaults.user_agent != "evil" and "\\u000a[defaults]" in watchlist.read_text()


@pytest.mark.parametrize(("declaration", "refusal"), [
    ({"name": "Evil`@channel", "documents": {"Terms": {"fetch": "https://ex.com/tos"}}}, "service name"),
    ({"name": "Evil\x1b]0;pwned\x07", "documents": {"Terms": {"fetch": "https://ex.com/tos"}}}, "service name"),
    ({"name": "Evil", "documents": {"Terms\nopt_out = 1": {"fetch": "https://ex.com/tos"}}}, "document type"),
    ({"name": "Evil", "documents": {"Terms \u202e": {"fetch": "https://ex.com/tos"}}}, "document type"),
])
def test_import_ota_refuses_names_with_control_characters_or_backticks(tmp_path: Path, capsys, declaration: dict,
                                                                       refusal: str) -> None:
    path = tmp_path / "Evil.json"
    path.write_text(json.dumps(declaration))
    assert main(["import-ota", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "\x1b" not in captured.err
    assert f"the {refusal}" in captured.err and "holds a control character or '`': declaration refused" in captured.err


def test_import_ota_refuses_a_lone_surrogate(tmp_path: Path, capsys) -> None:
    path = tmp_path / "Evil.json"
    path.write_text('{"name": "Evil", "documents": {"Terms": {"fetch": "https://ex.com/tos", "select": "\\ud800"}}}')
    assert main(["import-ota", str(path)]) == 2
    assert "lone surrogate" in capsys.readouterr().err


# -- chat: text from a page pings nobody ------------------------------------------------------------------------

PINGS = ["@everyone_team reads this", "<@&123456789012345678> and <@42> and <@!42>", "@here too", "!channel",
         "write to privacy@example.com"]


@pytest.mark.parametrize("query", ["?format=markdown", ""])  # with embeds (apprise reads mentions) and without
def test_page_text_sent_to_discord_pings_nobody(hooks, monkeypatch, query: str) -> None:
    """The real apprise Discord plugin, pointed at a loopback webhook receiver that keeps the exact bytes."""
    from apprise.plugins.discord import NotifyDiscord

    from monitor.classify import Finding
    from monitor.diff import SentenceChange
    from monitor.notify import AlertEvent, send_events

    monkeypatch.setattr(NotifyDiscord, "notify_url", hooks.url("/api/webhooks"))
    event = AlertEvent(kind="change", service="Example", document="Privacy Policy",
                       url="https://example.com/@privacy", detected_at="2026-11-29T10:00:00+00:00", severity="high",
                       ai_relevant=True, summary="AI-training clause added",
                       findings=(Finding("ai_training", "added", " ".join(PINGS), 1.0),),
                       sentences=tuple(SentenceChange("added", ping) for ping in PINGS),
                       opt_out="Ask @support", from_version=1, to_version=2)
    result = send_events(f"discord://1234567890/{TOKEN}/{query}", [event])
    post, = hooks.posts_to(f"/api/webhooks/1234567890/{TOKEN}")
    assert result.ok, result
    sent = post.json()
    assert "allow_mentions" not in sent and "👉" not in post.body.decode()
    words = json.dumps(sent, ensure_ascii=False)
    assert "everyone_team" in words and "123456789012345678" in words  # the text is there …
    for ping in ("@everyone", "@here", "<@&", "<@4", "<@!", "!channel", "@example", "@support", "@privacy"):
        assert ping not in words, ping  # … but no '@' or '<@' that Discord or apprise would read as a mention


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


def test_escape_sequences_in_a_page_never_reach_the_terminal(example_site: list[str], server: PageServer,
                                                              capsys) -> None:
    server.set_page("/privacy", _hostile_page(HOSTILE_SENTENCES[:1]))
    base = example_site
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


def test_a_real_process_prints_no_escape_sequence_either(example_site: list[str], server: PageServer,
                                                          capsys) -> None:
    server.set_page("/privacy", _hostile_page([]))
    options = example_site
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


def test_log_lines_carry_no_escape_sequence(tmp_path: Path, server: PageServer) -> None:
    """A server's HTTP reason phrase is logged (the failed check at WARNING, httpx's request line at INFO): a real
    process, its stderr read as bytes."""
    def busy(request) -> None:
        request.send_response(503, "Busy \x1b]0;pwned\x07 \x1b[2J\x9b31m now")
        request.send_header("Content-Length", "2")
        request.end_headers()
        request.wfile.write(b"no")

    server.set_handler("/privacy", busy)
    result = subprocess.run([sys.executable, "-m", "monitor", *_options(tmp_path, server.url("/privacy")),
                             "--log-level", "DEBUG", "check", "--no-progress"], cwd=REPO, capture_output=True,
                            timeout=60)
    assert result.returncode == 1, result.stderr
    log = result.stderr.decode()
    assert "check failed (http): HTTP 503 Busy ]0;pwned" in log and 'HTTP/1.1 503 Busy ]0;pwned' in log
    _assert_terminal_safe(log)


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
    watchlist = example_watchlist(tmp_path, document_table(server.url("/privacy"), select=["main"]))
    data = tmp_path / "deep" / "data"
    assert main([*cli_options(watchlist, data), "check", "--no-progress"]) == 0
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
        store.set_meta("scratch", "a write, so that the WAL and its index exist")
        modes = _modes(tmp_path / "data")
    assert any(name.endswith("-wal") for name in modes) and any(name.endswith("-shm") for name in modes)
    for name, mode in modes.items():
        assert mode & 0o077 == 0, (name, oct(mode))


# -- planted files in the data directory ---------------------------------------------------------------------------

def test_a_symlinked_daemon_lock_is_refused_and_its_target_left_alone(tmp_path: Path, capsys) -> None:
    from monitor.scheduler import lock_holder

    data, victim = tmp_path / "data", tmp_path / "precious.txt"
    data.mkdir(mode=0o700)
    victim.write_text("a file outside the data directory")
    (data / "daemon.lock").symlink_to(victim)
    watchlist = example_watchlist(tmp_path, document_table("http://127.0.0.1:9/t", "T"), service="A")
    assert main(["--watchlist", str(watchlist), "--data-dir", str(data), "run"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "daemon.lock is a symbolic link: refused" in err
    assert victim.read_text() == "a file outside the data directory"
    assert lock_holder(data) == (False, None)  # `status` reads no pid through the link either


def test_a_symlinked_blob_folder_is_refused(tmp_path: Path, server: PageServer, capsys) -> None:
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    data, elsewhere = tmp_path / "data", tmp_path / "elsewhere"
    data.mkdir(mode=0o700)
    elsewhere.mkdir()
    (data / "blobs").symlink_to(elsewhere)
    assert main([*_options(tmp_path, server.url("/privacy")), "check", "--no-progress"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "blobs is a symbolic link or a file, not a folder: refused" in err
    assert list(elsewhere.iterdir()) == [] and server.requests == []
    (data / "blobs").unlink()
    with Store(data) as store:  # a link planted later, in place of one of its folders, is refused too
        (data / "blobs" / "ab").symlink_to(elsewhere)
        with pytest.raises(ValueError, match="not a folder: refused"):
            blobs.write_blob(data, "ab" * 32, b"page")
        assert store.put_blob(b"another page")
    assert list(elsewhere.iterdir()) == []


def test_a_data_directory_others_can_write_to_is_refused(tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o777)
    base = ["--watchlist", str(tmp_path / "none.toml"), "--data-dir", str(data)]
    assert main([*base, "status"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"is writable by every user: make it private (chmod 700 {data})" in err
    assert list(data.iterdir()) == []  # no database was created in it
    if os.geteuid() == 0:  # only root can give a folder away
        data.chmod(0o700)
        os.chown(data, 65534, 65534)
        assert main([*base, "status"]) == 2
        assert "belongs to user id 65534, not to the user running policy-monitor" in capsys.readouterr().err
    data.chmod(0o700)


def _two_versions(tmp_path: Path, server: PageServer) -> tuple[list[str], Path, str]:
    """A data directory with two versions of one document (real checks on loopback); its second text's blob."""
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    base, data = _options(tmp_path, server.url("/privacy")), tmp_path / "data"
    assert main([*base, "check", "--no-progress"]) == 0
    server.set_page("/privacy", policy_page(*LONG_POLICY, "We may train artificial intelligence on your posts."))
    assert main([*base, "check", "--no-progress"]) == 1  # an AI-relevant change, no channel: kept as undelivered
    with Store(data) as store:
        second = store.versions("Example/Privacy Policy")[-1].text_hash
    return base, data, second


def _zstd_frame_declaring(size: int) -> bytes:
    """A real zstd frame of ``size`` zero bytes in 128 KB run-length blocks: 4 GiB in 131 KB, as planted."""
    import struct

    header = blobs.ZSTD_MAGIC + bytes([0xC0, 0x38]) + struct.pack("<Q", size)  # 8-byte size, 128 KB window
    block = 128 * 1024
    count = size // block
    rle = struct.pack("<I", (block << 3) | (1 << 1))[:3] + b"\0"
    last = struct.pack("<I", (block << 3) | (1 << 1) | 1)[:3] + b"\0"
    return header + rle * (count - 1) + last


def test_a_planted_zstd_bomb_is_refused_before_it_is_inflated(tmp_path: Path, server: PageServer, capsys) -> None:
    import resource

    base, data, second = _two_versions(tmp_path, server)
    bomb = _zstd_frame_declaring(4 << 30)
    assert len(bomb) < 140_000
    blobs.blob_path(data, second).write_bytes(bomb)
    capsys.readouterr()

    def limit_memory() -> None:  # the process may not even reserve 4 GiB: the bomb must never be allocated
        resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))

    result = subprocess.run([sys.executable, "-m", "monitor", *base, "diff", "Example", "Privacy Policy"], cwd=REPO,
                            capture_output=True, timeout=60, preexec_fn=limit_memory)
    err = result.stderr.decode()
    assert result.returncode == 1 and err.count("\n") == 1, err
    assert "a blob declaring 4,294,967,296 bytes, over the 268,435,456 limit" in err


def test_a_delta_blob_naming_itself_is_a_one_line_error(tmp_path: Path, server: PageServer, capsys) -> None:
    base, data, second = _two_versions(tmp_path, server)
    frame = blobs.zstandard.ZstdCompressor().compress(b"policy text")
    blobs.blob_path(data, second).write_bytes(blobs.DELTA_MAGIC + b"\x01" + bytes.fromhex(second) + frame)
    capsys.readouterr()
    assert main([*base, "diff", "Example", "Privacy Policy"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"a chain of more than {blobs.MAX_DELTA_CHAIN} deltas (a loop?)" in err


# -- hostile inputs to the parsers ---------------------------------------------------------------------------------

def test_a_pdf_over_pypdf_limits_is_a_failed_check_not_a_traceback(tmp_path: Path, server: PageServer,
                                                                   capsys) -> None:
    limit = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nxref\n0 99999999\n"
             b"0000000000 65535 f \ntrailer\n<< /Size 99999999 /Root 1 0 R >>\nstartxref\n58\n%%EOF\n")
    server.set_page("/terms.pdf", limit, content_type="application/pdf")
    assert main([*_options(tmp_path, server.url("/terms.pdf")), "check", "--no-progress"]) == 1
    with Store(tmp_path / "data") as store:  # a named failure, not an "internal error" with a logged traceback
        state = store.find_document("Example", "Privacy Policy")
        assert state.last_error_kind == "extract" and state.last_error.startswith("unreadable PDF: Declared size")
        assert store.versions("Example/Privacy Policy") == []
    local = tmp_path / "terms.pdf"
    local.write_bytes(limit)
    capsys.readouterr()
    assert main(["compare", str(local), str(local)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "terms.pdf: unreadable PDF: Declared size 99999999 exceeds" in err


def test_deeply_nested_json_and_css_are_one_line_errors(tmp_path: Path, capsys) -> None:
    deep = tmp_path / "Deep.json"
    deep.write_text('{"name": "Deep", "documents": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert main(["import-ota", str(deep)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nested too deeply" in err
    selector = "main " + "div " * 5000
    watchlist = example_watchlist(tmp_path, document_table("http://127.0.0.1:9/terms", "Terms", select=[selector]))
    assert main(["--watchlist", str(watchlist), "validate"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "key 'select'" in err and "nested too deeply" in err and len(err) < 400


BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidi_controls_are_stripped_at_extraction(tmp_path: Path, server: PageServer, capsys) -> None:
    from monitor.extract import extract_html, normalize_text

    hostile = ("We may use your posts to \u202eniart\u202c train AI models, &#x202E;reversed&#8236; and "
               "&#8294;isolated&#x2069; too.")
    assert not any(char in extract_html(f"<main><p>{hostile}</p></main>").text for char in BIDI)
    assert not any(char in normalize_text(hostile) for char in BIDI)
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    base = _options(tmp_path, server.url("/privacy"))
    assert main([*base, "check", "--no-progress"]) == 0
    server.set_page("/privacy", policy_page(*LONG_POLICY, hostile))
    assert main([*base, "check", "--no-progress"]) == 1  # an AI-training clause, no channel: kept as undelivered
    assert main([*base, "diff", "Example", "Privacy Policy"]) == 0
    out = capsys.readouterr().out
    assert "reversed" in out and "isolated" in out and not any(char in out for char in BIDI)
    with Store(tmp_path / "data") as store:
        text = store.get_text(store.versions("Example/Privacy Policy")[-1].text_hash)
    assert "niart" in text and not any(char in text for char in BIDI)
