"""The AI stance of a policy: made-up policies as data (tests/data/stance.yaml), the roll-up over a service's
documents, and the measurement on the labelled corpus."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.cli import main
from monitor.demo import NEW_PAGE, OLD_PAGE, demo_watchlist
from monitor.notify import deliver_pending, render_event
from monitor.stance import (
    DATA_KINDS,
    FIELDS,
    LIKENESS,
    OPT_OUT,
    SHARES,
    TRAINS,
    evaluate_stance,
    format_stance_report,
    roll_up,
    stance_of_text,
)
from monitor.watchlist import loads
from tests.conftest import (
    CORPUS,
    LONG_POLICY,
    check_once,
    cli_options,
    document_table,
    example_watchlist,
    needs_corpus,
    one_document_watchlist,
    policy_page,
)
from tests.test_documents import PDF_LINES, make_pdf
from tests.test_notify import event_with

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "data" / "stance.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_stance_cases(case: dict[str, Any]) -> None:
    stance = stance_of_text(case["policy"])
    got = {name: stance.value(name) for name in FIELDS if name in case}
    assert got == {name: str(case[name]) for name in FIELDS if name in case}
    if "quotes" in case:
        assert any(case["quotes"] in clause for clause in stance.trains.clauses), stance.trains.clauses
    for recipient in case.get("with", []):
        assert any(recipient.lower() in name.lower() for name in stance.shared_with), stance.shared_with
    for name in FIELDS:  # a stated answer always quotes what decided it
        answer = stance.answer(name)
        if answer.value not in ("", "not_stated", "not_applicable", "none_stated"):
            assert answer.clauses and 0 < answer.confidence <= 1, name


def test_the_cases_cover_every_value_of_every_field() -> None:
    seen = {(name, value) for case in CASES for name in FIELDS if name in case
            for value in str(case[name]).split(",") if value}
    expected = {("trains", v) for v in TRAINS} | {("opt_out", v) for v in (*OPT_OUT, "region_limited")} | \
        {("shares_for_ai", v) for v in SHARES} | {("likeness", v) for v in LIKENESS} | \
        {("data", v) for v in DATA_KINDS}
    assert expected <= seen, expected - seen


def test_a_service_rolls_up_to_the_most_permissive_reading_naming_itsstance_of_text() -> None:
    stance = roll_up({
        "Privacy Policy": stance_of_text("We do not use your messages to train our AI models."),
        "Terms of Service": stance_of_text("We may use your public posts to train our AI models. "
                                      "You can turn this off in your privacy settings."),
        "AI Terms": stance_of_text("When you use our AI selfie feature, we use your face to generate avatars of you."),
    })
    assert (stance.trains.value, stance.trains.document) == ("yes", "Terms of Service")
    assert (stance.opt_out.value, stance.opt_out.document) == ("setting", "Terms of Service")
    assert (stance.likeness.value, stance.likeness.document) == ("yes", "AI Terms")
    assert stance.data.value == "public_posts"


def test_the_effective_date_is_read_from_the_text() -> None:
    assert stance_of_text("# Terms\n\nEffective: November 15, 2024\n\nWe sell ads.").effective == "2024-11-15"
    assert stance_of_text("Last updated 3 March 2025. We sell ads.").effective == "2025-03-03"
    assert stance_of_text("We sell ads.").effective is None


@needs_corpus
def test_stance_on_the_labelled_corpus_meets_the_targets() -> None:
    report = evaluate_stance(CORPUS)
    assert report.rows and not report.missing
    for split in ("dev", "test"):
        assert report.yes_where_no(split) == 0
        for name in FIELDS:
            right, total = report.accuracy(name, split)
            assert total == 0 or right / total >= 0.9, (split, name, right, total)
    text = format_stance_report(report)
    assert "trains" in text and "dev" in text and "test" in text


# -- the stance command -------------------------------------------------------------------------------------------

OPT_OUT_STEPS = "Settings → Privacy → AI: off"  # as tests.conftest.one_document_watchlist writes it
TRAINING = "We may use your public posts to train our artificial intelligence models."


@pytest.fixture
def watched(tmp_path: Path, server) -> list[str]:
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    watchlist = one_document_watchlist(tmp_path, server.url("/privacy"))
    return ["--watchlist", str(watchlist.path), "--data-dir", str(tmp_path / "data")]


def test_stance_shows_each_service_since_the_first_version_that_says_it(watched, server, capsys) -> None:
    assert main([*watched, "check", "--no-progress"]) == 0
    server.set_page("/privacy", policy_page("Effective: November 15, 2024", TRAINING, *LONG_POLICY))
    assert main([*watched, "check", "--no-progress"]) == 1  # an AI-relevant change and no channel: undelivered
    server.set_page("/privacy", policy_page("Effective: January 2, 2025", TRAINING, *LONG_POLICY[:-1]))
    assert main([*watched, "check", "--no-progress"]) == 0
    capsys.readouterr()

    assert main([*watched, "stance", "example", "--json", "--documents"]) == 0
    row, = json.loads(capsys.readouterr().out)
    assert row["service"] == "Example"
    assert row["stance"]["trains"]["value"] == "yes"
    assert row["stance"]["trains"]["document"] == "Privacy Policy"
    assert TRAINING in row["stance"]["trains"]["clauses"]
    assert row["since"]["trains"] == "2024-11-15"  # the version that first says it, not the latest
    assert row["stance"]["opt_out"]["value"] == "none_stated"
    assert row["opt_out_steps"] == OPT_OUT_STEPS
    document, = row["documents"]
    assert document["version"] == 3 and document["since"]["trains"] == "2024-11-15"

    assert main([*watched, "stance", "--documents"]) == 0
    out = capsys.readouterr().out
    for text in ("Example", "since 2024-11-15", OPT_OUT_STEPS, "Per document",
                 "train our artificial intelligence models"):
        assert text in out


def test_stance_of_an_unknown_service_is_a_one_line_error(watched, capsys) -> None:
    assert main([*watched, "check", "--no-progress"]) == 0
    capsys.readouterr()
    assert main([*watched, "stance", "Nope"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'Nope'" in err and "Example" in err


@pytest.mark.parametrize("name", ["policy.html", "policy.md", "policy.txt", "policy.pdf"])
def test_stance_of_a_local_file(tmp_path, name, capsys) -> None:
    path = tmp_path / name
    lines = ["We may use your photos to train our AI models.", "You can turn this off in your settings."]
    if name.endswith(".pdf"):
        path.write_bytes(make_pdf(*lines, *PDF_LINES))
    elif name.endswith(".html"):
        path.write_text(policy_page(*lines), encoding="utf-8")
    else:
        path.write_text("# Privacy\n\n" + " ".join(lines) + "\n", encoding="utf-8")
    assert main(["stance", "--file", str(path), "--json"]) == 0
    stance = json.loads(capsys.readouterr().out)["stance"]
    assert (stance["trains"]["value"], stance["data"]["value"], stance["opt_out"]["value"]) == \
        ("yes", "photos_videos", "setting")


@pytest.mark.parametrize("content", [b"\x00\x01\x02\xff" * 64, None])
def test_stance_of_a_bad_file_is_a_one_line_error(tmp_path, content, capsys) -> None:
    path = tmp_path / "policy.bin"
    if content is not None:
        path.write_bytes(content)
    assert main(["stance", "--file", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "policy.bin" in err and "Traceback" not in err


# -- a change of stance in the alert ------------------------------------------------------------------------------

def test_the_demo_x_terms_alert_leads_with_trains_not_stated_to_yes(tmp_path, store, hooks, server, capsys) -> None:
    pages = files("monitor.demo_data")
    server.set_page("/en/tos", pages.joinpath(OLD_PAGE).read_bytes())
    watchlist = loads(demo_watchlist(server.url("/en/tos"), hooks.json_url()))
    check_once(watchlist, store)
    server.set_page("/en/tos", pages.joinpath(NEW_PAGE).read_bytes())
    assert check_once(watchlist, store).status == "changed"

    assert deliver_pending(store, watchlist).sent == 1
    alert, = hooks.to("/alerts")
    body = alert["message"]
    headline = "X: trains AI on your data — not stated → yes: all your data (since 15 Nov 2024)"
    assert headline in body
    assert body.index(headline) < body.index("What it says now")  # above the findings
    payload = store.alerts()[0].payload
    assert (payload["stance_before"]["trains"], payload["stance_after"]["trains"]) == ("not_stated", "yes")

    assert main(["--data-dir", str(store.data_dir), "changes", "--json"]) == 0
    change, = json.loads(capsys.readouterr().out)
    assert (change["stance_before"]["trains"], change["stance_after"]["trains"]) == ("not_stated", "yes")
    assert change["stance_after"]["effective"] == "2024-11-15"


@pytest.mark.parametrize("style", ["text", "markdown", "html"])
def test_every_alert_style_puts_the_stance_headline_above_the_findings(style) -> None:
    headline = "X: trains AI on your data — not stated → yes: public posts (since 15 Nov 2024)"
    event = replace(event_with(2), stance_headlines=[headline])
    body = render_event(event, style).body
    assert headline in body
    assert body.index(headline) < body.index("What it says now")
    assert headline not in render_event(event_with(2), style).body


def test_a_service_with_two_training_documents_rolls_up_their_data(tmp_path, server, store, capsys) -> None:
    server.set_page("/privacy", policy_page("We may use your public posts to train our AI models.", *LONG_POLICY))
    server.set_page("/terms", policy_page("We may use your voice recordings to train our AI models.", *LONG_POLICY))
    watchlist = example_watchlist(tmp_path, document_table(server.url("/privacy"), select=["main"]),
                                  document_table(server.url("/terms"), "Terms of Service", select=["main"]))
    options = cli_options(watchlist, store.data_dir)
    assert main([*options, "check", "--no-progress"]) == 0
    capsys.readouterr()
    assert main([*options, "stance", "--json"]) == 0
    row, = json.loads(capsys.readouterr().out)
    assert row["stance"]["data"]["value"] == "public_posts,voice"
    assert row["stance"]["trains"]["document"] == "Privacy Policy"  # the first of equals, by name
    assert row["since"]["data"] == row["since"]["trains"]
