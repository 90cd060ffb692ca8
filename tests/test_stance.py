"""The AI stance of a policy: made-up policies as data (tests/data/stance.yaml), the roll-up over a service's
documents, and the measurement on the labelled corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

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
from tests.conftest import CORPUS, needs_corpus

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
        for name in ("trains", "opt_out"):
            right, total = report.accuracy(name, split)
            assert total == 0 or right / total >= 0.9, (split, name, right, total)
    text = format_stance_report(report)
    assert "trains" in text and "dev" in text and "test" in text
