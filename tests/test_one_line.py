"""One line, never a traceback: a reader that goes away (`… | head`), a data directory this user may not write,
a file given as the data directory. Real processes, real pipes, a real read-only folder (as root, the process
runs without CAP_DAC_OVERRIDE, so the permission bits hold for it as for anyone else)."""

from __future__ import annotations

import fcntl
import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.localserver import PageServer
from monitor.store import Store
from monitor.watchlist import load
from tests.conftest import CORPUS, REPO, check_once, needs_corpus, write_watchlist

F_SETPIPE_SZ = getattr(fcntl, "F_SETPIPE_SZ", 1031)
FACEBOOK = CORPUS / "versions" / "Facebook" / "Privacy Policy"


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "monitor", *args]


def environment() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def assert_one_line(result: subprocess.CompletedProcess[str], code: int, *fragments: str) -> None:
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    for fragment in fragments:
        assert fragment in result.stderr, (fragment, result.stderr)


@needs_corpus
def test_a_reader_that_goes_away_stops_the_output_quietly(tmp_path: Path, server: PageServer) -> None:
    watchlist_path = write_watchlist(tmp_path, f"""
        [defaults]
        retries = 0
        shrink_threshold = 0.9
        [[service]]
        name = "Facebook"
          [[service.document]]
          type = "Privacy Policy"
          url = "{server.url('/privacy')}"
        """)
    watchlist = load(watchlist_path)
    with Store(tmp_path / "data") as store:
        # 35 changed sentences, 14 findings: each command below writes 11 to 28 KB, several pipes' worth
        for version in ("2025-10-07-8502b87.md", "2025-10-13-266172c.md"):
            server.set_page("/privacy", (FACEBOOK / version).read_text(), content_type="text/plain; charset=utf-8")
            check_once(watchlist, store)
    for args in (["diff", "Facebook", "Privacy Policy", "--format", "json"], ["changes", "--json"],
                 ["diff", "Facebook", "Privacy Policy", "--format", "words"]):
        process = subprocess.Popen(command("--data-dir", str(tmp_path / "data"), *args), cwd=REPO, env=environment(),
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert process.stdout is not None and process.stderr is not None
        # A small pipe, so that no output of these commands fits in it whole (Linux's default holds 64 KiB).
        fcntl.fcntl(process.stdout.fileno(), F_SETPIPE_SZ, 4096)
        first = process.stdout.readline()  # `… | head -1`
        process.stdout.close()
        errors = process.stderr.read()
        code = process.wait(timeout=60)
        assert first.strip(), args
        assert "Traceback" not in errors and "Exception ignored" not in errors and errors.count("\n") <= 1, errors
        assert code == 141, (args, code, errors)  # as a shell reports a process its reader left


@pytest.fixture
def read_only_data(tmp_path: Path, server: PageServer) -> Iterator[Path]:
    watchlist = write_watchlist(tmp_path, f"""
        [[service]]
        name = "Example"
          [[service.document]]
          type = "Terms"
          url = "{server.url('/tos')}"
        """)
    server.set_page("/tos", "<main><p>We provide the service to you. " * 40 + "</p></main>")
    data = tmp_path / "data"
    with Store(data) as store:
        check_once(load(watchlist), store)
    for path in [data, *data.rglob("*")]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    yield data
    for path in [data, *data.rglob("*")]:
        path.chmod(path.stat().st_mode | stat.S_IWUSR)


def unprivileged(args: list[str]) -> list[str]:
    """The command as a process the permission bits apply to (root without CAP_DAC_OVERRIDE)."""
    if os.geteuid() != 0:
        return args
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a read-only folder cannot be made")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", *args]


@pytest.mark.parametrize("args", [["status"], ["changes"], ["alerts"], ["history", "Example", "Terms"],
                                  ["--watchlist", "watchlist.toml", "run"], ["--watchlist", "watchlist.toml", "check"]])
def test_a_read_only_data_directory_is_said_to_be_so_not_corrupt(read_only_data: Path, args: list[str]) -> None:
    result = subprocess.run(unprivileged(command("--data-dir", str(read_only_data), *args)), cwd=read_only_data.parent,
                            env=environment(), capture_output=True, text=True, timeout=60)
    assert_one_line(result, 2, "read-only for this user")
    assert "not a usable" not in result.stderr and "corrupt" not in result.stderr


def test_a_file_as_the_data_directory_is_one_line_for_run(tmp_path: Path) -> None:
    watchlist = write_watchlist(tmp_path, """
        [[service]]
        name = "Example"
          [[service.document]]
          type = "Terms"
          url = "https://example.com/tos"
        """)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("not a folder")
    result = subprocess.run(command("--watchlist", str(watchlist), "--data-dir", str(a_file), "run"), cwd=tmp_path,
                            env=environment(), capture_output=True, text=True, timeout=60)
    assert_one_line(result, 2, "a file, not a folder")
    assert a_file.read_text() == "not a folder"
