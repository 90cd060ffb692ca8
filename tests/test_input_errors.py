"""Malformed watchlists and command-line arguments: one line on stderr naming what is wrong, exit status 2, never a
traceback — through ``monitor.cli.main`` and through a real ``python -m monitor`` process."""

from __future__ import annotations

import contextlib
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.cli import main
from tests.conftest import REPO

GOOD = """
[[service]]
name = "Example"
  [[service.document]]
  type = "Privacy Policy"
  url = "http://127.0.0.1:9/privacy"
"""


def _document(**keys: str) -> str:
    lines = "\n".join(f"  {key} = {value}" for key, value in keys.items())
    return f'[[service]]\nname = "Example"\n  [[service.document]]\n  type = "Privacy Policy"\n{lines}\n'


URL = '"http://127.0.0.1:9/privacy"'
WATCHLISTS: dict[str, tuple[bytes, str]] = {
    # name: (file content, what the one-line error must name)
    "not-toml": (b"this is not TOML [[[\n", "invalid TOML"),
    "not-toml-unclosed-string": (b'[[service]]\nname = "X\n', "invalid TOML"),
    "empty-file": (b"", "nothing to watch"),
    "only-comments": (b"# nothing here\n\n   \n", "nothing to watch"),
    "only-defaults": (b"[defaults]\ntimeout = 5\n", "nothing to watch"),
    "binary-garbage": (b"\xff\xfe" + random.Random(7).randbytes(4000), "not UTF-8"),
    "latin-1-not-utf-8": ('[[service]]\nname = "Café"\n'.encode("latin-1"), "not UTF-8"),
    "utf-16": (GOOD.encode("utf-16"), "not UTF-8"),
    "nul-bytes": (GOOD.encode() + b"\x00\x00", "invalid TOML"),
    "escape-sequence-in-file": (b'[[service]]\nname = "\x1b[31mX"\n', "invalid TOML"),
    "nested-too-deeply": (b"a = " + b"[" * 50_000 + b"]" * 50_000 + b"\n", "nested too deeply"),
    "huge-file": (b'junk = "' + b"x" * 3_000_000 + b'"\n' + GOOD.encode(), "unknown key"),
    "unknown-top-level-key": (b"servcie = 1\n" + GOOD.encode(), "servcie"),
    "service-is-a-number": (b"service = 5\n", "service"),
    "service-list-of-numbers": (b"service = [5]\n", "service"),
    "defaults-is-a-number": (b"defaults = 5\n" + GOOD.encode(), "defaults"),
    "notify-is-a-string": (b'notify = "slack://x"\n' + GOOD.encode(), "notify"),
    "name-is-a-number": (b"[[service]]\nname = 5\n", "name"),
    "document-is-a-number": (b'[[service]]\nname = "X"\ndocument = 5\n', "document"),
    "type-is-a-number": (_document(type="5", url=URL).replace('type = "Privacy Policy"\n', "").encode(), "type"),
    "url-is-a-list": (_document(url=f"[{URL}]").encode(), "url"),
    "url-ftp": (_document(url='"ftp://example.com/tos"').encode(), "only http and https"),
    "url-javascript": (_document(url='"javascript:alert(1)"').encode(), "only http and https"),
    "url-file": (_document(url='"file:///etc/passwd"').encode(), "only http and https"),
    "url-unclosed-ipv6": (_document(url='"http://[::1/privacy"').encode(), "not a valid URL"),
    "url-bad-port": (_document(url='"http://example.com:99999/"').encode(), "bad port"),
    "url-no-host": (_document(url='"http:///privacy"').encode(), "no host"),
    "url-white-space": (_document(url='"http://exa mple.com/"').encode(), "white space"),
    "url-names-a-variable": (_document(url='"https://${HOME}/tos"').encode(), "may not hold ${…}"),
    "select-is-a-number": (_document(url=URL, select="5").encode(), "select"),
    "select-invalid-css": (_document(url=URL, select='["main >>> ["]').encode(), "invalid CSS selector"),
    "remove-is-a-table": (_document(url=URL, remove="[{a = 1}]").encode(), "remove"),
    "fetch-unknown": (_document(url=URL, fetch='"carrier-pigeon"').encode(), "fetch"),
    "combine-of-numbers": (_document(combine="[5]").encode(), "combine"),
    "interval-a-list": (_document(url=URL, interval="[1]").encode(), "interval"),
    "interval-nonsense": (_document(url=URL, interval='"every tuesday"').encode(), "interval"),
    "interval-infinite": (_document(url=URL, interval="inf").encode(), "interval"),
    "timeout-nan": (b"[defaults]\ntimeout = nan\n" + GOOD.encode(), "timeout"),
    "timeout-negative": (_document(url=URL, timeout="-5").encode(), "timeout"),
    "timeout-a-boolean": (b"[defaults]\ntimeout = true\n" + GOOD.encode(), "timeout"),
    "concurrency-a-float": (b"[defaults]\nconcurrency = 1.5\n" + GOOD.encode(), "concurrency"),
    "concurrency-zero": (b"[defaults]\nconcurrency = 0\n" + GOOD.encode(), "concurrency"),
    "shrink-threshold-out-of-range": (b"[defaults]\nshrink_threshold = 5\n" + GOOD.encode(), "shrink_threshold"),
    "notify-urls-of-numbers": (b"[notify]\nurls = [5]\n" + GOOD.encode(), "urls"),
    "min-severity-unknown": (b'[notify]\nmin_severity = "apocalyptic"\n' + GOOD.encode(), "min_severity"),
    "duplicate-service": (GOOD.encode() + GOOD.encode(), "duplicate"),
    "unknown-document-key": (_document(url=URL, selct='["main"]').encode(), "selct"),
}


def assert_one_line_error(code: int, err: str, *fragments: str) -> None:
    assert code == 2, (code, err)
    assert "Traceback" not in err
    assert err.strip() and err.strip().count("\n") == 0, err
    assert err.startswith("policy-monitor"), err
    for fragment in fragments:
        assert fragment in err, (fragment, err)


@pytest.mark.parametrize("name", list(WATCHLISTS))
def test_a_malformed_watchlist_is_one_line_and_exit_2(name: str, tmp_path: Path, capsys) -> None:
    content, names = WATCHLISTS[name]
    path = tmp_path / f"{name}.toml"
    path.write_bytes(content)
    for command in (["validate"], ["check", "--no-progress"]):
        code = main(["--watchlist", str(path), "--data-dir", str(tmp_path / "data"), *command])
        captured = capsys.readouterr()
        assert_one_line_error(code, captured.err, names, path.name)
        assert captured.out == ""


def test_the_watchlists_that_should_load_do(tmp_path: Path, capsys) -> None:
    path = tmp_path / "good.toml"
    path.write_text(GOOD)
    assert main(["--watchlist", str(path), "validate"]) == 0
    assert "1 services" in capsys.readouterr().out


def _arguments(tmp_path: Path, *, create: bool = True) -> dict[str, tuple[list[str], str]]:
    good, a_file, bad_db, newer = tmp_path / "good.toml", tmp_path / "a-file", tmp_path / "bad-db", tmp_path / "newer"
    binary, folder = tmp_path / "image.html", tmp_path / "folder"
    if create:
        good.write_text(GOOD)
        a_file.write_text("x")
        bad_db.mkdir()
        (bad_db / "monitor.db").write_bytes(b"this is not SQLite " * 100)
        newer.mkdir(mode=0o700)
        with contextlib.closing(sqlite3.connect(newer / "monitor.db")) as database, database:
            database.executescript("CREATE TABLE documents (key TEXT PRIMARY KEY); CREATE TABLE meta (key TEXT "
                                   "PRIMARY KEY, value TEXT); INSERT INTO meta VALUES ('schema_version', '999');")
        binary.write_bytes(bytes(range(256)) * 20)
        folder.mkdir()
    data = ["--data-dir", str(tmp_path / "data")]
    wl = ["--watchlist", str(good)]
    return {
        "unknown-command": ([*data, "frobnicate"], "invalid choice"),
        "unknown-option": ([*data, "status", "--frobnicate"], "unrecognized arguments"),
        "log-level": ([*data, "--log-level", "LOUD", "status"], "--log-level"),
        "missing-watchlist": (["--watchlist", str(tmp_path / "nope.toml"), *data, "validate"], "file not found"),
        "watchlist-is-a-folder": (["--watchlist", str(folder), *data, "validate"], "cannot read"),
        "data-dir-is-a-file": ([*wl, "--data-dir", str(a_file), "status"], "data directory"),
        "data-dir-under-a-file": ([*wl, "--data-dir", str(a_file / "sub"), "check"], "Not a directory"),
        "status-where-no-data-directory": ([*wl, "--data-dir", str(a_file / "sub"), "status"], "no data directory"),
        "data-dir-not-a-database": ([*wl, "--data-dir", str(bad_db), "status"], "not a usable policy-monitor database"),
        "data-dir-from-a-newer-version": ([*wl, "--data-dir", str(newer), "check"], "upgrade policy-monitor"),
        "since-not-a-date": ([*data, "changes", "--since", "yesterday-ish"], "not a date"),
        "since-impossible-date": ([*data, "changes", "--since", "2024-13-45"], "not a date"),
        "since-overflow": ([*data, "changes", "--since", "99999999999d"], "too long"),
        "limit-not-a-number": ([*data, "changes", "--limit", "many"], "--limit"),
        "limit-negative": ([*data, "changes", "--limit", "-5"], "--limit"),
        "limit-overflow": ([*data, "changes", "--limit", "9" * 30], "--limit"),
        "alerts-limit-overflow": ([*data, "alerts", "--limit", "9" * 30], "--limit"),
        "diff-from-not-a-number": ([*wl, *data, "diff", "Example", "Privacy Policy", "--from", "x"], "--from"),
        "diff-format": ([*wl, *data, "diff", "Example", "Privacy Policy", "--format", "pdf"], "--format"),
        "history-no-data-directory": ([*wl, *data, "history", "Nope", "Nothing"], "no data directory"),
        "check-unknown-service": ([*wl, *data, "check", "Nope"], "no service 'Nope'"),
        "compare-missing-file": ([*data, "compare", str(tmp_path / "a.html"), str(tmp_path / "b.html")],
                                 "no such file"),
        "compare-a-folder": ([*data, "compare", str(folder), str(a_file)], "is a folder"),
        "compare-binary-file": ([*data, "compare", str(binary), str(a_file)], "binary data"),
        "eval-not-a-corpus": ([*data, "eval", "--corpus", str(folder)], "not a corpus folder"),
        "run-delivery-interval-nan": ([*wl, *data, "run", "--delivery-interval", "nan"], "--delivery-interval"),
    }


ARGUMENT_CASES = list(_arguments(Path("/nonexistent"), create=False))


@pytest.mark.parametrize("name", ARGUMENT_CASES)
def test_a_bad_argument_is_one_line_and_exit_2(name: str, tmp_path: Path, capsys) -> None:
    argv, names = _arguments(tmp_path)[name]
    code = main(argv)
    assert_one_line_error(code, capsys.readouterr().err, names)


def test_a_path_with_a_nul_byte_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    """No shell can pass a NUL byte, but a script calling main() can."""
    assert_one_line_error(main(["--watchlist", "a\x00b", "validate"]), capsys.readouterr().err, "null byte")
    good = tmp_path / "good.toml"
    good.write_text(GOOD)
    assert_one_line_error(main(["--watchlist", str(good), "--data-dir", "a\x00b", "status"]),
                          capsys.readouterr().err, "null byte")


SUBPROCESS_CASES = ["binary-garbage", "empty-file", "nested-too-deeply"]
SUBPROCESS_ARGUMENTS = ["unknown-command", "data-dir-is-a-file", "since-overflow"]


def test_through_a_real_process_every_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """``python -m monitor`` as a user runs it (all the processes at once, to keep the suite fast)."""
    runs: list[tuple[str, list[str], str]] = []
    for name in SUBPROCESS_CASES:
        content, names = WATCHLISTS[name]
        path = tmp_path / f"{name}.toml"
        path.write_bytes(content)
        runs.append((name, ["--watchlist", str(path), "--data-dir", str(tmp_path / "data"), "validate"], names))
    arguments = _arguments(tmp_path)
    runs.extend((name, arguments[name][0], arguments[name][1]) for name in SUBPROCESS_ARGUMENTS)
    processes = [(name, names, subprocess.Popen([sys.executable, "-m", "monitor", *argv], cwd=REPO,
                                                stdout=subprocess.PIPE, stderr=subprocess.PIPE))
                 for name, argv, names in runs]
    for name, names, process in processes:
        out, err = process.communicate(timeout=60)
        text = err.decode("utf-8", errors="replace")
        assert process.returncode == 2, (name, process.returncode, text)
        assert "Traceback" not in text and text.strip().count("\n") == 0, (name, text)
        assert names in text, (name, text)
        assert b"\x1b" not in out + err
