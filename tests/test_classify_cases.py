"""The detector's behaviour as data: every case in tests/data/classify.yaml, read as a user's sentence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.classify import RELEVANT, read_sentence

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).parent / "data" / "classify.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["sentence"][:60] for case in CASES])
def test_a_sentence_reads_as_its_case_says(case: dict[str, Any]) -> None:
    reading = read_sentence(case["sentence"], case.get("lead_in"))
    category = reading.category or "none"
    assert category == case["category"]
    assert (category in RELEVANT) == (case["category"] in RELEVANT)
    if "actor" in case:
        assert reading.structure.actor == case["actor"]
    if "modality" in case:
        assert reading.structure.modality == case["modality"]
    if "object" in case:
        assert reading.structure.object == case["object"]


def test_every_category_and_kind_has_cases() -> None:
    categories = {case["category"] for case in CASES}
    assert categories == {"ai_training", "ai_data_sharing", "ai_opt_out", "ai_likeness", "ai_features", "none"}
    assert any("lead_in" in case for case in CASES)
    assert {"may_not", "does_not", "unless_consent"} <= {case.get("modality") for case in CASES}
