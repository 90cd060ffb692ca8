"""What happened: the alert events (a change, tracking broken, restored or flapping, a test), frozen when detected.

An :class:`AlertEvent` is everything an alert says; the outbox stores it as its payload. Tracking events of one
pass or one host are merged into one (:func:`group_tracking`): "12 documents on x.com (bot challenge)".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any
from urllib.parse import urlsplit

from monitor.classify import SEVERITY_ORDER
from monitor.store import utcnow

MAX_SENTENCES_IN_EVENT = 40
TRACKING_KINDS = frozenset({"tracking_broken", "tracking_restored", "tracking_flaps"})

REASON_LABELS = {
    "bot_challenge": "bot challenge", "access_denied": "access denied (bot block)", "login_wall": "login wall",
    "consent_wall": "cookie-consent wall", "selector_missing": "selector gone", "timeout": "timeout",
    "network": "server unreachable", "http": "HTTP error", "too_large": "response too large",
    "truncated": "response cut off",
    "decode": "undecodable response", "redirect": "redirect loop", "scheme": "redirect to a non-web address",
    "error_page": "error page", "empty": "empty page", "shrink": "text suddenly shrank", "extract": "unreadable page",
    "several": "several reasons",
}


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """Everything an alert says, frozen when the event is detected (the outbox stores it as its payload)."""

    kind: str  # change | tracking_broken | tracking_restored | tracking_flaps | test
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
    # The AI stance of the two versions (issue 16): a headline for each answer that changed, above the findings.
    stance_before: dict[str, Any] | None = None
    stance_after: dict[str, Any] | None = None
    stance_headlines: list[str] = field(default_factory=list)
    change_kind: str = "change"  # change | revert | oscillation
    data_dir: str | None = None  # absolute: the full-diff command works from any folder
    group: list[dict[str, Any]] = field(default_factory=list)  # several documents in one tracking message
    page_url: str | None = None  # the change's page on `serve` ([web] base_url), set at delivery, never stored

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


# -- tracking problems, grouped ----------------------------------------------------------------------------------

def _host(url: str) -> str:
    host = (urlsplit(url).hostname or url).lower()
    return host[4:] if host.startswith("www.") else host


def tracking_group_key(kind: str, payload: dict[str, Any]) -> tuple[str, ...] | None:
    """Tracking alerts with the same key go out as one message: the documents found broken (or restored) in one
    pass, or on one host, since the last delivery. None for every other alert."""
    return (kind,) if kind in {"tracking_broken", "tracking_restored"} and not payload.get("group") else None


def group_tracking(events: Sequence[AlertEvent]) -> list[AlertEvent]:
    """The events with each group of tracking events of one key merged into one ("12 documents on x.com"),
    in the order of their first event."""
    groups: dict[tuple[str, ...], list[AlertEvent]] = {}
    order: list[tuple[str, ...] | AlertEvent] = []
    for event in events:
        key = tracking_group_key(event.kind, event.to_payload()) if not event.group else None
        if key is None:
            order.append(event)
        else:
            if key not in groups:
                order.append(key)
            groups.setdefault(key, []).append(event)
    merged: list[AlertEvent] = []
    for item in order:
        if isinstance(item, AlertEvent):
            merged.append(item)
        elif len(groups[item]) == 1:
            merged.append(groups[item][0])
        else:
            merged.append(_merge(groups[item]))
    return merged


def _merge(events: list[AlertEvent]) -> AlertEvent:
    """One event for several documents: "12 documents on x.com (bot challenge)", or "14 documents on 3 sites"
    with each document's reason when they differ."""
    first = events[0]
    hosts = list(dict.fromkeys(_host(event.url) for event in events))
    reasons = {event.reason_kind for event in events}
    one_reason = len(reasons) == 1

    def detail(event: AlertEvent) -> str:
        if event.kind != "tracking_broken":
            return ""
        why = "" if one_reason else ": " + REASON_LABELS.get(event.reason_kind or "", event.reason_kind or "error")
        return f"{event.failures} failed checks{why}"

    group = [{"service": event.service, "document": event.document, "url": event.url, "detail": detail(event)}
             for event in events]
    services = {event.service for event in events}
    where = hosts[0] if len(hosts) == 1 else f"{len(hosts)} sites"
    return AlertEvent(kind=first.kind, service=first.service if len(services) == 1 else "",
                      document=f"{len(events)} documents on {where}",
                      url=f"https://{hosts[0]}/" if len(hosts) == 1 else "",
                      detected_at=max(event.detected_at for event in events),
                      reason=first.reason if one_reason else "several reasons",
                      reason_kind=first.reason_kind if one_reason else "several",
                      bot_block=all(event.bot_block for event in events),
                      failures=max(event.failures for event in events), group=group)


def sample_event() -> AlertEvent:
    return AlertEvent(kind="test", service="policy-monitor", document="test alert",
                      url="https://github.com/policy-monitor/policy-monitor", detected_at=utcnow())
