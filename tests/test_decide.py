"""What a check that got a text records (monitor.decide): the whole decision, without a database.

Each case is the store's knowledge before the check, the text the check got, and what must be recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from monitor.decide import Decision, NewText, Previous, decide
from monitor.store import Version

POLICY = "We may use the content you post to train our artificial intelligence models. " * 30  # ~2,300 characters
SHORTER = POLICY[: len(POLICY) // 3]  # a page cut short: two thirds of the text gone


def version(number: int, text: str = POLICY, *, first_seen: str = "2026-10-03T08:00:00+00:00") -> Version:
    return Version(id=number, document="X/Terms", number=number, text_hash=f"hash of v{number}", length=len(text),
                   first_seen=first_seen, last_seen=first_seen)


V1, V2, V3 = version(1), version(2), version(3)


def new_text(text: str = POLICY, text_hash: str = "a new hash", **options: Any) -> NewText:
    return NewText(text_hash, text, **options)


@dataclass(frozen=True)
class Case:
    name: str
    previous: Previous
    new: NewText
    record: str
    status: str
    expect: dict[str, Any] = field(default_factory=dict)  # further Decision fields


CASES = [
    Case("a first text is the first version", Previous(), new_text(), "first", "new"),
    Case("the current text again, every page a 304", Previous(V1), new_text(None, V1.text_hash, not_modified=True),
         "unchanged", "not_modified"),
    Case("the current text again from a full answer", Previous(V1), new_text(None, V1.text_hash),
         "unchanged", "unchanged"),
    Case("a text never seen is a change to the next version", Previous(V2, next_number=3), new_text(),
         "change", "changed", {"change_kind": "change", "to_version": 3, "headline": None}),
    Case("a text that lost most of its length is refused, not recorded", Previous(V1, next_number=2),
         new_text(SHORTER), "refused", "failed"),
    Case("'accept' records the text the shrink guard held back", Previous(V1, next_number=2),
         new_text(SHORTER, accepting=True), "change", "changed", {"to_version": 2}),
    Case("an earlier text back is a revert, a version of its own",
         Previous(V2, earlier=V1, recent_statuses=("changed", "unchanged"), next_number=3),
         new_text(text_hash=V1.text_hash), "change", "reverted",
         {"change_kind": "revert", "to_version": 3, "headline": "reverted to the text of 3 Oct 2026 (v1)"}),
    Case("a second reversal within the window is one notice of an oscillation",
         Previous(V3, earlier=V2, recent_statuses=("unchanged", "reverted"), last_change_kind="revert",
                  next_number=4),
         new_text(), "change", "oscillating",
         {"change_kind": "oscillation", "to_version": 2,
          "headline": "page oscillates between two variants (v3 and v2)"}),
    Case("alternating again after the notice: no new change",
         Previous(V3, earlier=V2, recent_statuses=("oscillating",), last_change_kind="oscillation", next_number=4),
         new_text(), "still_oscillating", "oscillating", {"change_kind": None}),
    Case("a revert after the window has passed (no recent flip) is a plain revert again",
         Previous(V3, earlier=V2, recent_statuses=(), last_change_kind="oscillation", next_number=4),
         new_text(), "change", "reverted", {"change_kind": "revert"}),
    Case("a text after broken tracking restores it, with an alert",
         Previous(V1, tracking_broken=True), new_text(None, V1.text_hash), "unchanged", "unchanged",
         {"restored": True, "announce_restored": True}),
    Case("the end of a flap that was never announced is not announced either",
         Previous(V1, tracking_broken=True, broken_quiet=True), new_text(None, V1.text_hash), "unchanged",
         "unchanged", {"restored": True, "announce_restored": False}),
    Case("a refused text does not restore broken tracking",
         Previous(V1, tracking_broken=True), new_text(SHORTER), "refused", "failed",
         {"restored": False, "announce_restored": False}),
    Case("working tracking is not 'restored'", Previous(V1), new_text(), "change", "changed",
         {"restored": False, "announce_restored": False}),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_decide(case: Case) -> None:
    decision = decide(case.previous, case.new)
    assert (decision.record, decision.status) == (case.record, case.status)
    for name, value in case.expect.items():
        assert getattr(decision, name) == value, name


def test_a_refusal_says_why() -> None:
    decision = decide(Previous(V1), new_text(SHORTER))
    assert decision.refusal is not None and decision.refusal.kind == "shrink"
    assert f"from {len(POLICY):,} to {len(SHORTER.strip()):,} characters" in decision.refusal.message


def test_the_document_s_shrink_threshold_decides_what_is_too_short() -> None:
    two_thirds = new_text(POLICY[: 2 * len(POLICY) // 3])  # a third of the text gone
    assert decide(Previous(V1), two_thirds, shrink_threshold=0.5).record == "change"
    assert decide(Previous(V1), two_thirds, shrink_threshold=0.2).record == "refused"


def test_the_summary_of_a_revert_starts_with_what_came_back() -> None:
    revert = decide(Previous(V2, earlier=V1, next_number=3), new_text(text_hash=V1.text_hash))
    assert revert.summary("1 sentence added") == "reverted to the text of 3 Oct 2026 (v1): 1 sentence added"
    assert Decision("change", "changed", change_kind="change").summary("1 sentence added") == "1 sentence added"
