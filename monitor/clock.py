"""Time as the monitor stores and shows it: ISO 8601 in UTC to the second ("2024-11-15T08:00:00+00:00"); a time
written without a zone is read as UTC.

>>> iso(parse("2024-11-15T09:30:15.5+01:00"))
'2024-11-15T08:30:15+00:00'
>>> day("2024-11-15T08:30:15+00:00"), minute("2024-11-15T09:30+01:00"), day("soon")
('15 Nov 2024', '2024-11-15 08:30 UTC', 'soon')
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """A moment as stored: ISO 8601 in UTC, to the second (a moment without a zone is taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def utcnow() -> str:
    """Now, as stored."""
    return iso(now())


def ago(seconds: float) -> str:
    """The moment ``seconds`` before now, as stored (a cut-off). Raises OverflowError before the year 1."""
    return iso(now() - timedelta(seconds=seconds))


def parse(value: str | None) -> datetime | None:
    """An ISO date or time, aware (UTC when it names no zone); None when there is none or it is not one."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def day(value: str) -> str:
    """An ISO date or time as "15 Nov 2024", the day as written (anything else is shown as it is)."""
    moment = parse(value)
    return f"{moment.day} {moment:%b %Y}" if moment else value


def minute(value: str | None) -> str:
    """An ISO time as "2024-11-15 08:00 UTC" (anything else is shown as it is)."""
    moment = parse(value)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment else value or ""


def short_time(value: str | None) -> str:
    """A stored time for a table or a log line: "2024-11-15 08:00:00Z" ("—" for none)."""
    if not value:
        return "—"
    return value.replace("T", " ").replace("+00:00", "Z")[:20]
