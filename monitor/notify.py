"""Alerts: which channels hear of an event (planning); rendering and delivery through apprise build on this."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from monitor.classify import SEVERITY_ORDER
from monitor.store import NewAlert
from monitor.watchlist import Watchlist

MAX_SENTENCES_IN_EVENT = 40


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """Everything an alert says, frozen when the event is detected (the outbox stores it as its payload)."""

    kind: str  # change | tracking_broken | tracking_restored | test
    service: str
    document: str
    url: str
    detected_at: str
    severity: str = "none"
    ai_relevant: bool = False
    summary: str = ""
    findings: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[dict[str, Any]] = field(default_factory=list)  # {"kind", "text", "old"?}, bounded
    sentences_left_out: int = 0
    stats: dict[str, int] = field(default_factory=dict)
    opt_out: str | None = None
    from_version: int | None = None
    to_version: int | None = None
    reason: str | None = None
    reason_kind: str | None = None
    bot_block: bool = False
    failures: int = 0

    def to_payload(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> AlertEvent:
        known = set(cls.__dataclass_fields__)
        return cls(**{key: value for key, value in payload.items() if key in known})


def passes_filter(event: AlertEvent, min_severity: str) -> bool:
    """``min_severity``: "any" (every change), "ai" (AI-relevant changes: the default), or a severity."""
    if event.kind != "change" or min_severity == "any":
        return True
    if min_severity == "ai":
        return event.ai_relevant
    return SEVERITY_ORDER.get(event.severity, 0) >= SEVERITY_ORDER[min_severity]


def channels_for(watchlist: Watchlist, event: AlertEvent) -> list[str]:
    """The watchlist's channels for this event, each once: errors go to ``[notify] errors`` when set."""
    notify = watchlist.notify
    if event.kind in {"tracking_broken", "tracking_restored"} and notify.errors:
        base = list(notify.errors)
    else:
        base = list(notify.urls)
    try:
        extra = list(watchlist.service(event.service).notify)
    except KeyError:
        extra = []
    return list(dict.fromkeys(base + extra))


def plan_alerts(watchlist: Watchlist, event: AlertEvent) -> list[NewAlert]:
    """Outbox rows for an event: one per channel, none when the event is below ``min_severity``."""
    if not passes_filter(event, watchlist.notify.min_severity):
        return []
    payload = event.to_payload()
    return [NewAlert(kind=event.kind, channel=channel, payload=payload) for channel in channels_for(watchlist, event)]
