"""What a check that got a text records, decided apart from the writing: :func:`decide` reads only the facts the
store had (:class:`Previous`) and the new text (:class:`NewText`), and says what to record (:class:`Decision`);
:class:`monitor.pipeline.Checker` writes it in one transaction.

>>> first = decide(Previous(), NewText("h1", "A policy."))
>>> first.record, first.status
('first', 'new')
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from monitor import clock, guard
from monitor.outcome import FLIPS, ChangeKind, CheckStatus
from monitor.storage import Version

Record = Literal[
    "refused",  # the guard turned the text down (a sudden shrink): a failed check, the text held for 'accept'
    "unchanged",  # the current version's text again (or a 304 for every page)
    "first",  # the document's first version
    "change",  # a new text, an old one back (revert) or the first notice of an alternation (oscillation)
    "still_oscillating",  # alternating again after the notice: the version moves, no new change or alert
]


@dataclass(frozen=True, slots=True)
class Previous:
    """What the store knew of the document before this check. The last four are read only when the new text is
    not the current one."""

    current: Version | None = None
    tracking_broken: bool = False
    broken_quiet: bool = False  # broken again soon after a restore: its end is not announced either
    earlier: Version | None = None  # the latest version with the new text: the text came back
    recent_statuses: tuple[str, ...] = ()  # of the last flipflop_window checks, newest first
    last_change_kind: str | None = None
    next_number: int = 1  # the number a new version would get


@dataclass(frozen=True, slots=True)
class NewText:
    """The text this check got. ``text`` is None only when it is the current version's text (not read)."""

    text_hash: str
    text: str | None
    not_modified: bool = False  # every page answered 304
    accepting: bool = False  # 'accept' records a text the shrink guard held back: no shrink check


@dataclass(frozen=True, slots=True)
class Decision:
    record: Record
    status: CheckStatus
    refusal: guard.Verdict | None = None  # record == "refused"
    change_kind: ChangeKind | None = None  # record == "change"
    to_version: int | None = None  # record == "change": the version number the change leads to
    headline: str | None = None  # what the summary of a revert or an oscillation starts with
    restored: bool = False  # tracking was broken and comes back with this text
    announce_restored: bool = False  # ... with a "tracking restored" alert

    def summary(self, assessment_summary: str) -> str:
        return f"{self.headline}: {assessment_summary}" if self.headline else assessment_summary


def decide(previous: Previous, new: NewText, *, shrink_threshold: float = 0.5) -> Decision:
    """What to record for ``new`` after ``previous`` (see :data:`Record`). A text recorded ends a broken
    tracking; a refused one does not."""
    decision = _decide_record(previous, new, shrink_threshold)
    if decision.record == "refused" or not previous.tracking_broken:
        return decision
    return replace(decision, restored=True, announce_restored=not previous.broken_quiet)


def _decide_record(previous: Previous, new: NewText, shrink_threshold: float) -> Decision:
    current = previous.current
    if current is not None and current.text_hash == new.text_hash:
        return Decision("unchanged", "not_modified" if new.not_modified else "unchanged")
    if current is not None and not new.accepting:
        shrink = guard.judge_text(new.text or "", previous_length=current.length, shrink_threshold=shrink_threshold)
        if shrink is not None:
            return Decision("refused", "failed", refusal=shrink)
    if current is None:
        return Decision("first", "new")
    earlier = previous.earlier
    if earlier is None:
        return Decision("change", "changed", change_kind="change", to_version=previous.next_number)
    if not any(status in FLIPS for status in previous.recent_statuses):
        return Decision("change", "reverted", change_kind="revert", to_version=previous.next_number,
                        headline=f"reverted to the text of {clock.day(earlier.first_seen)} (v{earlier.number})")
    # The second reversal within the window: a page alternating between variants (an A/B test, a CDN rollout).
    # One notice, then quiet until the page settles or shows a text of its own.
    if previous.last_change_kind == "oscillation":
        return Decision("still_oscillating", "oscillating")
    return Decision("change", "oscillating", change_kind="oscillation", to_version=earlier.number,
                    headline=f"page oscillates between two variants (v{current.number} and v{earlier.number})")
