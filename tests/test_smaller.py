"""The smaller things of issue 13: `changes --since 10m`, `compare --help` naming PDF, Markdown compared as
Markdown, and `status` leaving out documents no longer watched. The command line's main on a real page server, and
`compare` as a real process."""

from __future__ import annotations

import json
import time
from pathlib import Path

from monitor.cli import main
from monitor.localserver import PageServer
from tests.conftest import (
    CORPUS,
    LONG_POLICY,
    cli_options,
    document_table,
    example_watchlist,
    needs_corpus,
    policy_page,
    run_cli,
    run_main,
)


def two_documents(tmp_path: Path, server: PageServer, *, both: bool = True) -> Path:
    terms = [document_table(server.url("/terms"), "Terms", select=["main"])] if both else []
    return example_watchlist(tmp_path, document_table(server.url("/privacy"), select=["main"]), *terms,
                             defaults={"retries": 0})


def test_changes_since_a_number_of_minutes_hours_or_seconds(tmp_path: Path, server: PageServer, capsys) -> None:
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    server.set_page("/terms", policy_page(*LONG_POLICY))
    options = cli_options(two_documents(tmp_path, server), tmp_path / "data")
    main([*options, "check", "--no-progress"])
    edited = list(LONG_POLICY)
    edited[4] += " We added a sentence about cookies."
    server.set_page("/privacy", policy_page(*edited))
    main([*options, "check", "--no-progress"])
    capsys.readouterr()
    for period in ("10m", "6h", "30s"):
        assert main([*options, "changes", "--since", period, "--json"]) == 0
        assert [change["document"] for change in json.loads(capsys.readouterr().out)] == ["Privacy Policy"], period
    time.sleep(2.1)
    assert main([*options, "changes", "--since", "1s", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    bad = run_main(*options, "changes", "--since", "10 minutes-ish")
    assert bad.returncode == 2 and "10m" in bad.stderr and bad.stderr.count("\n") == 1


def test_status_leaves_out_documents_removed_from_the_watchlist(tmp_path: Path, server: PageServer) -> None:
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    server.set_page("/terms", policy_page(*LONG_POLICY))
    data = ["--data-dir", str(tmp_path / "data")]
    assert run_main("--watchlist", str(two_documents(tmp_path, server)), *data, "check").returncode == 0
    watchlist = two_documents(tmp_path, server, both=False)  # "Terms" is no longer watched
    shown = run_main("--watchlist", str(watchlist), *data, "status")
    assert shown.returncode == 0, shown.stderr
    assert "Privacy Policy" in shown.stdout
    table = shown.stdout.split("not shown")[0].rsplit("\n", 2)[0]
    assert "Terms" not in table
    assert "1 document no longer in" in shown.stdout
    history = run_main("--watchlist", str(watchlist), *data, "history", "Example", "Terms")
    assert history.returncode == 0  # its history is kept


def test_compare_help_names_pdf() -> None:
    result = run_main("compare", "--help")
    assert result.returncode == 0 and "PDF" in result.stdout and "Markdown" in result.stdout
    assert "PDF" in " ".join(run_main("--help").stdout.split("compare", 1)[1].split()[:12])


@needs_corpus
def test_compare_reads_markdown_as_markdown(tmp_path: Path) -> None:
    page = CORPUS / "html" / "X Terms of Service 2025-05-07.html"
    markdown = CORPUS / "html" / "X Terms of Service 2025-05-07.expected.md"  # the same page, as Markdown
    result = run_cli("compare", str(page), str(markdown), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["severity"] in ("none", "low")
    words = run_cli("compare", str(page), str(markdown), "--format", "unified", cwd=tmp_path).stdout
    changed = [line for line in words.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert not any("](" in line or "**" in line for line in changed), [
        line for line in changed if "](" in line or "**" in line][:3]  # no Markdown syntax counted as a change
