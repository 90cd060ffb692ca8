"""A real shrink can be accepted: a per-document shrink_threshold, and 'accept SERVICE DOCUMENT' recording the
text the guard held back, after showing the diff. Real X terms (Dec 2025 → Jan 2026: 122 k → 64 k characters,
-47 %) served from 127.0.0.1; 'accept' as a real process, the checks through the command line's main."""

from __future__ import annotations

import subprocess
from pathlib import Path

from monitor.localserver import PageServer
from monitor.store import Store
from tests.conftest import CORPUS, needs_corpus, run_cli, run_main, write_watchlist

X_TERMS = CORPUS / "versions" / "X" / "Terms of Service"
LONG, SHORT = X_TERMS / "2025-12-17-ed7c192.md", X_TERMS / "2026-01-16-13b9bcc.md"


def cli(watchlist: Path, data: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_cli("--watchlist", str(watchlist), "--data-dir", str(data), *args, stdin=stdin)


def check(watchlist: Path, data: Path) -> subprocess.CompletedProcess[str]:
    return run_main("--watchlist", str(watchlist), "--data-dir", str(data), "check", "--no-progress")


def project(tmp_path: Path, server: PageServer) -> Path:
    return write_watchlist(tmp_path, f"""
        [defaults]
        retries = 0
        shrink_threshold = 0.5

        [[service]]
        name = "X"

          [[service.document]]
          type = "Terms of Service"
          url = "{server.url('/tos')}"
          shrink_threshold = 0.4       # this page is watched more strictly

          [[service.document]]
          type = "Terms mirror"
          url = "{server.url('/tos')}"
        """)


@needs_corpus
def test_a_legitimate_shrink_is_held_back_then_accepted(tmp_path: Path, server: PageServer) -> None:
    watchlist, data = project(tmp_path, server), tmp_path / "data"
    server.set_page("/tos", LONG.read_text(encoding="utf-8"), content_type="text/plain; charset=utf-8")
    assert check(watchlist, data).returncode == 0
    server.set_page("/tos", SHORT.read_text(encoding="utf-8"), content_type="text/plain; charset=utf-8")
    shrunk = check(watchlist, data)
    assert shrunk.returncode == 1
    with Store(data) as store:  # the per-document threshold: 0.4 holds -47 % back, the default 0.5 does not
        strict, mirror = store.find_document("X", "Terms of Service"), store.find_document("X", "Terms mirror")
        assert strict is not None and mirror is not None
        assert strict.last_error_kind == "shrink" and strict.pending_text is not None
        assert mirror.health == "ok" and len(store.versions(mirror.key)) == 2

    asked = cli(watchlist, data, "accept", "X", "Terms of Service")  # stdin is not a terminal: it asks for --yes
    assert asked.returncode == 2 and "--yes" in asked.stderr and asked.stderr.count("\n") == 1
    assert "+++ X/Terms of Service held back" in asked.stdout  # the diff was shown first
    declined = cli(watchlist, data, "accept", "X", "Terms of Service", stdin="n\n")
    assert declined.returncode == 2  # still not a terminal: never recorded on a guess

    accepted = cli(watchlist, data, "accept", "X", "Terms of Service", "--yes")
    assert accepted.returncode == 0, accepted.stderr
    assert "Recorded version 2 of X/Terms of Service" in accepted.stdout
    with Store(data) as store:
        state = store.find_document("X", "Terms of Service")
        assert state is not None and state.health == "ok" and state.pending_text is None
        current = store.current_version(state.key)
        assert current is not None and current.number == 2 and store.text_of(current) == store.text_of(
            store.versions(mirror.key)[1])
        assert store.changes(document=state.key)[0].to_version == 2

    again = check(watchlist, data)
    assert again.returncode == 0, again.stdout  # the same page is now simply unchanged
    nothing = cli(watchlist, data, "accept", "X", "Terms of Service", "--yes")
    assert nothing.returncode == 2 and "nothing to accept" in nothing.stderr


def test_a_bad_per_document_shrink_threshold_names_the_document(tmp_path: Path) -> None:
    watchlist = write_watchlist(tmp_path, """
        [[service]]
        name = "X"
          [[service.document]]
          type = "Terms of Service"
          url = "https://x.com/tos"
          shrink_threshold = 2
        """)
    result = run_main("--watchlist", str(watchlist), "--data-dir", str(tmp_path / "data"), "validate")
    assert result.returncode == 2
    assert "shrink_threshold" in result.stderr and "Terms of Service" in result.stderr
    assert "must be between 0 and 1" in result.stderr  # read as a setting of the document, not an unknown key
