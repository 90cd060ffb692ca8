"""The command line, used as a user would: real files, a real server, a real data directory."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from monitor.cli import main
from tests.conftest import CORPUS, LONG_POLICY, needs_corpus, policy_page


def test_check_status_history_diff_and_changes(example_site, server, capsys) -> None:
    assert main([*example_site, "check", "--no-progress"]) == 0
    assert "new" in capsys.readouterr().out
    edited = list(LONG_POLICY)
    edited[2] = edited[2].replace("secure the service", "secure the service and train our AI models on it")
    server.set_page("/privacy", policy_page(*edited))
    assert main([*example_site, "check", "Example"]) == 1  # an AI change and no channel: undelivered, never silent
    out = capsys.readouterr().out
    assert "changed" in out and "1 undelivered" in out

    assert main([*example_site, "status"]) == 0
    out = capsys.readouterr().out
    assert "Example" in out and "ok" in out

    assert main([*example_site, "history", "example", "privacy policy"]) == 0
    assert "first version" in capsys.readouterr().out

    assert main([*example_site, "diff", "Example", "Privacy Policy", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["changed"] is True and data["stats"]["modified"] == 1
    assert any("train our AI models" in s["text"] for s in data["sentences"])

    markers = {"unified": "train our AI models on it number 3.", "words": "{+and train our AI models on it+}",
               "side-by-side": "train our AI"}
    for style, marker in markers.items():
        assert main([*example_site, "diff", "Example", "Privacy Policy", "--format", style]) == 0
        assert marker in capsys.readouterr().out

    assert main([*example_site, "changes", "--json"]) == 0
    change, = json.loads(capsys.readouterr().out)
    assert change["service"] == "Example" and change["document"] == "Privacy Policy" and "detected_at" in change


def test_a_failed_check_exits_1(example_site, server, capsys) -> None:
    server.set_page("/privacy", "", status=500)
    assert main([*example_site, "check"]) == 1
    assert "failed" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["check", "Nope"], ["diff", "Example", "Nope"], ["history", "A", "B"],
                                  ["changes", "--since", "yesterday-ish"], ["compare", "/no/such", "/no/such2"],
                                  ["frobnicate"], ["diff", "Example", "Privacy Policy", "--from", "x"]])
def test_bad_usage_is_one_line_and_exit_2(example_site, argv, capsys) -> None:
    assert main([*example_site, *argv]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip().count("\n") == 0 and "error" in err


@needs_corpus
@pytest.mark.parametrize("pair", ["p050", "p013", "p003"])
def test_compare_json_prints_the_design_shape_for_corpus_files(pair, capsys) -> None:
    row = next(line.split("\t") for line in (CORPUS / "pairs.tsv").read_text().splitlines() if line.startswith(pair))
    old, new = CORPUS / "versions" / row[3], CORPUS / "versions" / row[4]
    assert main(["compare", str(old), str(new), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"changed", "ai_relevant", "severity", "findings", "stats"}
    assert data["changed"] is True and data["severity"] in {"high", "medium", "low", "none"}
    assert set(data["stats"]) >= {"added", "removed"}
    for finding in data["findings"]:
        assert set(finding) >= {"category", "change", "text", "score"}


def test_compare_reads_html_files(tmp_path, capsys) -> None:
    (tmp_path / "a.html").write_text(policy_page("We sell ads to businesses around the world."))
    (tmp_path / "b.html").write_text(policy_page("We sell ads to businesses around the world and beyond."))
    assert main(["compare", str(tmp_path / "a.html"), str(tmp_path / "b.html"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stats"]["modified"] == 1


def test_compare_says_who_acts_by_the_name_the_document_gives_itself(tmp_path, capsys) -> None:
    intro = 'Chirpy, Inc. ("Chirpy", "we" or "us") makes a messaging app.\n\n'
    (tmp_path / "old.md").write_text(intro + "We do not use your messages for AI.\n")
    added = "We may use your direct messages to train our AI models unless you opt out.\n"
    (tmp_path / "new.md").write_text(intro + added)
    assert main(["compare", str(tmp_path / "old.md"), str(tmp_path / "new.md"), "--json"]) == 0
    readings = {finding["reading"] for finding in json.loads(capsys.readouterr().out)["findings"]}
    assert readings == {"Chirpy does not use your messages to train its AI models",
                        "Chirpy may use your direct messages to train its AI models; you can refuse"}


def test_compare_says_which_plans_an_ai_clause_now_also_covers(tmp_path, capsys) -> None:
    clause = "If you use Orvalo Free or Orvalo Plus, we may use your chats to train and improve our AI models.\n"
    (tmp_path / "old.md").write_text("# Orvalo Privacy Policy\n\n" + clause)
    (tmp_path / "new.md").write_text("# Orvalo Privacy Policy\n\n" + clause.replace("Free or", "Free, Orvalo Team or"))
    assert main(["compare", str(tmp_path / "old.md"), str(tmp_path / "new.md")]) == 0
    headline = capsys.readouterr().out.splitlines()[0]
    assert "severity high" in headline and "now also covers: Orvalo Team" in headline, headline


_TABLE = """# Lumo Privacy Policy

| Purpose | Type of data | Legal basis |
| --- | --- | --- |
| Provide the service | *   Account data<br>*   Notes | Contract |
| Improve the AI models behind Lumo Assist | *   Feedback<br>*   Notes you share with Lumo Assist | Consent |
| Keep Lumo secure | *   Logs<br>*   Device data | Legitimate interests |
"""


@pytest.mark.parametrize(("edit", "ai_relevant"), [
    (("Device data |", "Device data<br>*   IP address |"), False),  # a row that is not about AI
    (("Lumo Assist | Consent |", "Lumo Assist<br>*   Voice memos | Consent |"), True),  # the AI row's data
    (("Lumo Assist | Consent |", "Lumo Assist | Legitimate interests |"), True),  # the AI row's legal basis
])
def test_compare_reads_a_table_in_a_file_row_by_row(tmp_path, capsys, edit: tuple[str, str],
                                                     ai_relevant: bool) -> None:
    (tmp_path / "old.md").write_text(_TABLE)
    (tmp_path / "new.md").write_text(_TABLE.replace(*edit))
    assert main(["compare", str(tmp_path / "old.md"), str(tmp_path / "new.md"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ai_relevant"] is ai_relevant


def test_the_demo_runs_offline_end_to_end(tmp_path) -> None:
    result = subprocess.run([sys.executable, "-m", "monitor", "--data-dir", str(tmp_path / "demo"), "demo"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "not modified" in result.stdout and "changed" in result.stdout
    assert "training of our machine learning" in result.stdout.replace("\n", " ").replace("│", " ").replace("  ", " ")
    assert (tmp_path / "demo" / "monitor.db").exists()
