"""What happened: the alert events (a change, tracking broken, restored or flapping, a test), frozen when detected.

An :class:`AlertEvent` is everything an alert says; the outbox stores it as its payload. Tracking events of one
pass or one host are merged into one (:func:`group_tracking`): "12 documents on x.com (bot challenge)".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from monitor.classify import SEVERITY_ORDER, Finding
from monitor.clock import utcnow
from monitor.diff import SentenceChange
from monitor.findings import Severity, finding_from_dict

MAX_SENTENCES_IN_EVENT = 40

REASON_LABELS = {
    "bot_challenge": "bot challenge", "access_denied": "access denied (bot block)", "login_wall": "login wall",
    "consent_wall": "cookie-consent wall", "selector_missing": "selector gone", "timeout": "timeout",
    "network": "server unreachable", "http": "HTTP error", "too_large": "response too large",
    "truncated": "response cut off",
    "decode": "undecodable response", "redirect": "redirect loop", "scheme": "redirect to a non-web address",
    "error_page": "error page", "empty": "empty page", "shrink": "text suddenly shrank", "extract": "unreadable page",
    "several": "several reasons",
}


AlertKind = Literal["change", "tracking_broken", "tracking_restored", "tracking_flaps", "test"]
ChangeKind = Literal["change", "revert", "oscillation"]  # a new wording, an old one back, a flip-flop
TRACKING_KINDS: frozenset[AlertKind] = frozenset({"tracking_broken", "tracking_restored", "tracking_flaps"})


@dataclass(frozen=True, slots=True)
class GroupEntry:
    """One document of a tracking message about several."""

    service: str
    document: str
    url: str
    detail: str = ""  # "3 failed checks: timeout", "broke again twice: bot challenge"


@dataclass(frozen=True, slots=True)
class AlertEvent:
    """Everything an alert says, frozen when the event is detected (the outbox stores it as its payload)."""

    kind: AlertKind
    service: str
    document: str
    url: str
    detected_at: str
    severity: Severity = "none"
    ai_relevant: bool = False
    summary: str = ""
    findings: tuple[Finding, ...] = ()
    sentences: tuple[SentenceChange, ...] = ()  # the changed sentences (none moved), at most MAX_SENTENCES_IN_EVENT
    sentences_left_out: int = 0
    stats: dict[str, int] = field(default_factory=dict)
    opt_out: str | None = None
    from_version: int | None = None
    to_version: int | None = None
    reason: str | None = None
    reason_kind: str | None = None  # a guard.REASONS name, or "several"
    bot_block: bool = False
    failures: int = 0
    # The AI stance of the two versions (issue 16): a headline for each answer that changed, above the findings.
    stance_before: dict[str, Any] | None = None
    stance_after: dict[str, Any] | None = None
    stance_headlines: list[str] = field(default_factory=list)
    change_kind: ChangeKind = "change"
    data_dir: str | None = None  # absolute: the full-diff command works from any folder
    group: tuple[GroupEntry, ...] = ()  # several documents in one tracking message
    page_url: str | None = None  # the change's page on `serve` ([web] base_url), set at delivery, never stored

    def to_payload(self) -> dict[str, Any]:
        """The event as JSON data: findings as ``Finding.to_dict()`` writes them, sentences as kind, text, old."""
        payload = {name: getattr(self, name) for name in self.__dataclass_fields__}
        payload.update(findings=[finding.to_dict() for finding in self.findings],
                       sentences=[_sentence_payload(sentence) for sentence in self.sentences],
                       group=[asdict(entry) for entry in self.group])
        return payload

    @classmethod
    def from_payload(cls, payload: dict[str, Any]) -> AlertEvent:
        known = {key: value for key, value in payload.items() if key in cls.__dataclass_fields__}
        known.update(findings=tuple(finding_from_dict(data) for data in payload.get("findings") or ()),
                     sentences=tuple(SentenceChange(data["kind"], data["text"], data.get("old"))
                                     for data in payload.get("sentences") or ()),
                     group=tuple(GroupEntry(**data) for data in payload.get("group") or ()))
        return cls(**known)


def _sentence_payload(sentence: SentenceChange) -> dict[str, str]:
    return {"kind": sentence.kind, "text": sentence.text, **({"old": sentence.old} if sentence.old is not None else {})}


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


def tracking_group_key(kind: str, grouped: bool) -> tuple[str, ...] | None:
    """Tracking alerts with the same key go out as one message: the documents found broken (or restored) in one
    pass, or on one host, since the last delivery. None for every other alert (``grouped``: one about several
    documents already)."""
    return (kind,) if kind in {"tracking_broken", "tracking_restored"} and not grouped else None


def group_tracking(events: Sequence[AlertEvent]) -> list[AlertEvent]:
    """The events with each group of tracking events of one key merged into one ("12 documents on x.com"),
    in the order of their first event."""
    groups: dict[tuple[str, ...], list[AlertEvent]] = {}
    order: list[tuple[str, ...] | AlertEvent] = []
    for event in events:
        key = tracking_group_key(event.kind, bool(event.group))
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

    group = tuple(GroupEntry(event.service, event.document, event.url, detail(event)) for event in events)
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
