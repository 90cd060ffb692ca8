"""What a check of one document came to: the hand-off from the pipeline to the progress bar, the summary table
(:mod:`monitor.render`), the daemon's log and the tests, with no import of the pipeline itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

CheckStatus = Literal["new", "changed", "reverted", "oscillating", "unchanged", "not_modified", "failed"]
ChangeKind = Literal["change", "revert", "oscillation"]  # changes.kind: a new text, an old one back, alternation
FLIPS: frozenset[CheckStatus] = frozenset({"reverted", "oscillating"})  # a text coming back


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """What a check of one document came to, for the progress bar, the summary table and the logs."""

    document: str
    service: str
    type: str
    status: CheckStatus
    duration: float
    reason: str | None = None  # a guard.REASONS key when failed
    error: str | None = None
    version: int | None = None
    change_id: int | None = None
    severity: str = "none"
    ai_relevant: bool = False
    summary: str | None = None
    stats: dict[str, int] = field(default_factory=dict)
    alerts: int = 0

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    @property
    def recorded_change(self) -> bool:
        """A change was recorded (and alerted on): a new text, a revert or the notice of an oscillation."""
        return self.change_id is not None
