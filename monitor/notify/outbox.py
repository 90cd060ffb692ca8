"""The outbox: alerts planned with the change they report, then delivered once each, retried with back-off.

Planning (:func:`plan_alerts`) happens in the same transaction as the change it reports; delivery
(:func:`deliver_pending`) happens after a pass: every due outbox row is claimed (so it is never sent twice), sent
through apprise, then marked sent, or kept pending with exponential back-off until ``[notify] max_attempts``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Literal

from monitor import clock
from monitor.clock import utcnow
from monitor.notify.channels import SendResult, channels_for, send_events
from monitor.notify.events import (
    REASON_LABELS,
    TRACKING_KINDS,
    AlertEvent,
    GroupEntry,
    passes_filter,
    tracking_group_key,
)
from monitor.notify.masking import mask_url, scrub
from monitor.storage import AlertRow, NewAlert, Storage
from monitor.watchlist import Watchlist

log = logging.getLogger("monitor.notify")

# An outbox row's state: pending (due at next_attempt_at), sending (claimed, with a lease), sent, failed (gave up
# after [notify] max_attempts), undelivered (no channel would receive it: routed once one is configured).
AlertState = Literal["pending", "sending", "sent", "failed", "undelivered"]
DeliveryState = Literal["sent", "pending", "failed"]  # what one delivery left its rows in
UNDELIVERED: AlertState = "undelivered"
# A tracking alert waits this long before its first delivery, so the documents of one pass or one host that broke
# together go out as one message; change alerts never wait.
TRACKING_GROUP_SECONDS = 60.0
FLAP_DIGEST_SECONDS = 86400.0  # flapping documents are reported at most once a day, in one message
META_FLAP_DIGEST = "flap_digest_at"
META_FLAP_DIGESTED = "flap_digest_last_id"  # the last flap a digest listed
RETRY_BASE_SECONDS = 60.0  # first retry a minute after a failed delivery, doubled each time
RETRY_MAX_SECONDS = 6 * 3600.0
# How long a claimed alert belongs to the process that claimed it. Far longer than any send (apprise gives up after
# SEND_TIMEOUT_SECONDS): a claim older than this was left by a process that died, and the alert is sent again.
LEASE_SECONDS = 600.0


def plan_alerts(watchlist: Watchlist, event: AlertEvent) -> list[NewAlert]:
    """Outbox rows for an event: one per channel, none when the event is below ``min_severity``, and one
    ``undelivered`` row when no channel would receive it (never silently nowhere: sent once one is configured)."""
    if not passes_filter(event, watchlist.notify.min_severity):
        return []
    payload = event.to_payload()
    channels = channels_for(watchlist, event)
    if not channels:
        return [NewAlert(kind=event.kind, channel="", payload=payload, state=UNDELIVERED)]
    return [NewAlert(kind=event.kind, channel=channel, payload=payload) for channel in channels]


def queue_flap_digest(store: Storage, watchlist: Watchlist, when: str) -> int:
    """At most once a day: one alert per channel listing the documents that broke again soon after recovering
    (their broken/restored pairs were not sent). Returns the number of documents listed."""
    last = store.get_meta(META_FLAP_DIGEST)
    if last and (datetime.fromisoformat(when) - datetime.fromisoformat(last)).total_seconds() < FLAP_DIGEST_SECONDS:
        return 0
    flaps = store.flaps_after(int(store.get_meta(META_FLAP_DIGESTED) or 0))
    if not flaps:
        return 0
    counts: dict[tuple[str, str], list[str]] = {}
    for _, service, document, reason in flaps:
        counts.setdefault((service, document), []).append(reason)
    urls = {document.key: document.url for document in watchlist.documents}
    group = []
    for (service, document), reasons in counts.items():
        times = "once" if len(reasons) == 1 else f"{len(reasons)} times"
        labels = ", ".join(dict.fromkeys(REASON_LABELS.get(reason, reason) for reason in reasons))
        group.append(GroupEntry(service, document, urls.get(f"{service}/{document}", ""),
                                f"broke again {times}: {labels}"))
    event = AlertEvent(kind="tracking_flaps", service="", detected_at=when, url="",
                       document=f"{len(group)} document{'s' if len(group) != 1 else ''} in the last day",
                       group=tuple(group))
    store.set_meta(META_FLAP_DIGEST, when)
    store.set_meta(META_FLAP_DIGESTED, str(flaps[-1][0]))
    store.add_alerts(plan_alerts(watchlist, event))
    return len(group)


# -- the outbox --------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Delivery:
    """One message sent (or tried) during a run: the outbox rows it carried and what the channel said."""

    alert_ids: tuple[int, ...]
    channel: str  # masked
    ok: bool
    error: str | None
    state: DeliveryState
    next_attempt_at: str | None = None


@dataclass(slots=True)
class DeliveryReport:
    deliveries: list[Delivery] = field(default_factory=list)
    skipped: int = 0  # claimed by another process
    undelivered: int = 0  # alerts in the outbox that no channel would receive

    @property
    def sent(self) -> int:
        return sum(len(d.alert_ids) for d in self.deliveries if d.ok)

    @property
    def retrying(self) -> int:
        return sum(len(d.alert_ids) for d in self.deliveries if d.state == "pending")

    @property
    def gave_up(self) -> int:
        return sum(len(d.alert_ids) for d in self.deliveries if d.state == "failed")

    @property
    def failed(self) -> bool:
        return any(not d.ok for d in self.deliveries)

    @property
    def messages(self) -> int:
        return len(self.deliveries)

    def __bool__(self) -> bool:
        return bool(self.deliveries or self.skipped)

    def __str__(self) -> str:
        return self.summary()

    def summary(self) -> str:
        nobody = ""
        if self.undelivered:
            nobody = (f"{self.undelivered} undelivered: no channel would receive "
                      f"{'it' if self.undelivered == 1 else 'them'} (see 'policy-monitor alerts')")
        if not self.deliveries:
            return f"Alerts: {nobody}." if nobody else "Alerts: none to send."
        parts = [f"{self.sent} sent"]
        if self.retrying:
            parts.append(f"{self.retrying} failed, will retry")
        if self.gave_up:
            parts.append(f"{self.gave_up} failed for good")
        if nobody:
            parts.append(nobody)
        line = f"Alerts: {', '.join(parts)} ({self.messages} message{'s' if self.messages != 1 else ''})"
        errors = list(dict.fromkeys(f"{d.channel}: {d.error}" for d in self.deliveries if not d.ok))
        if errors:
            line += " — " + "; ".join(errors[:3])
        return line


def retry_delay(attempts: int) -> timedelta:
    """Back-off after the ``attempts``-th failed delivery: 1 min, 2, 4, … at most 6 h."""
    return timedelta(seconds=min(RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), RETRY_MAX_SECONDS))


def _iso(moment: datetime | str | None) -> str:
    if moment is None:
        return utcnow()
    return moment if isinstance(moment, str) else clock.iso(moment)


def deliver_pending(store: Storage, watchlist: Watchlist, *, now: datetime | str | None = None,
                    environ: dict[str, str] | None = None, flush: bool = False) -> DeliveryReport:
    """Send every due outbox alert once: claim, send, mark sent, or keep pending with back-off (failed after
    ``[notify] max_attempts``). With ``digest = true`` the due alerts of a channel go out as one message.

    Back-off belongs to the channel, not to each alert: after a failure a channel is tried again after 1 min, 2,
    4, … (at most 6 h), with one message, not one per alert; an alert never tried yet is tried at once (a change
    is never held back by an old outage). The first delivery a channel accepts sends all of that channel's other
    pending alerts in the same run, whatever their own back-off said: delivery resumes with the channel.

    Tracking alerts wait :data:`TRACKING_GROUP_SECONDS` before their first try (``flush``: not at the end of a
    pass, which is complete), and those of one host and reason go out as one message."""
    when = _iso(now)
    report = DeliveryReport()
    route_undelivered(store, watchlist)
    report.undelivered = store.alert_count(UNDELIVERED)
    released = store.release_expired_leases(when)
    if released:
        log.warning("%d alert(s) left 'sending' by a process that stopped mid-delivery: sent again (their alert "
                    "id lets a duplicate be recognised)", released)
    queue_flap_digest(store, watchlist, when)
    gathering = _iso(datetime.fromisoformat(when) - timedelta(seconds=0 if flush else TRACKING_GROUP_SECONDS))

    def ready(rows: list[AlertRow]) -> list[AlertRow]:
        # A new tracking alert waits: others of its pass or host may still come, to go in the same message.
        return [row for row in rows if not (row.kind in TRACKING_KINDS and row.attempts == 0
                                            and row.created_at > gathering)]

    groups: dict[str, list[AlertRow]] = {}
    for row in ready(store.due_alerts(when)):
        groups.setdefault(row.channel, []).append(row)
    for channel, rows in groups.items():
        backoff = store.channel_backoff(channel)
        if backoff.next_attempt_at and backoff.next_attempt_at > when:
            rows = [row for row in rows if row.attempts == 0]
        if rows and _deliver_to_channel(store, watchlist, rows, when, environ, report):
            # The channel is back: its held-back alerts go now, not at their own next attempt.
            _deliver_to_channel(store, watchlist, ready(store.pending_alerts(channel)), when, environ, report,
                                force=True)
    return report


def route_undelivered(store: Storage, watchlist: Watchlist) -> int:
    """Give the undelivered alerts the channels that would receive them now (a channel was added since)."""
    routed = 0
    for row in store.alerts([UNDELIVERED], limit=10_000):
        event = AlertEvent.from_payload(row.payload)
        channels = channels_for(watchlist, event) if passes_filter(event, watchlist.notify.min_severity) else []
        if channels:
            store.route_alert(row, channels)
            routed += 1
    return routed


def _deliver_to_channel(store: Storage, watchlist: Watchlist, rows: list[AlertRow], when: str,
                        environ: dict[str, str] | None, report: DeliveryReport, *, force: bool = False) -> bool:
    """Deliver ``rows`` (all for one channel) until the channel fails; whether any delivery succeeded."""
    batches = [rows] if watchlist.notify.digest else _batches(rows)
    lease_until = _iso(datetime.fromisoformat(when) + timedelta(seconds=LEASE_SECONDS))
    succeeded = False
    for batch in batches:
        claimed = [row for row in batch if store.claim_alert(row.id, now=when, lease_until=lease_until,
                                                             ignore_due=force)]
        report.skipped += len(batch) - len(claimed)
        if not claimed:
            continue
        delivery = _deliver(store, watchlist, claimed, when, environ)
        report.deliveries.append(delivery)
        if not delivery.ok:
            return succeeded  # the rest waits for the channel's back-off: no point hammering a channel that is down
        succeeded = True
    return succeeded


def _batches(rows: list[AlertRow]) -> list[list[AlertRow]]:
    """One message per alert, except the tracking alerts of one group key: one message for them all."""
    batches: list[list[AlertRow]] = []
    grouped: dict[tuple[str, ...], list[AlertRow]] = {}
    for row in rows:
        key = tracking_group_key(row.kind, bool(row.payload.get("group")))
        if key is None:
            batches.append([row])
        elif key in grouped:
            grouped[key].append(row)
        else:
            grouped[key] = [row]
            batches.append(grouped[key])
    return batches


def _deliver(store: Storage, watchlist: Watchlist, rows: list[AlertRow], when: str,
             environ: dict[str, str] | None) -> Delivery:
    channel = rows[0].channel
    ids = tuple(row.id for row in rows)
    try:
        events = [_with_page_url(AlertEvent.from_payload(row.payload), watchlist, row) for row in rows]
        result = send_events(channel, events, environ, reference=", ".join(row.uid for row in rows))
    except Exception as error:  # never leave a claimed alert in 'sending' because of a bug here
        log.exception("alert delivery to %s failed unexpectedly", mask_url(channel))
        result = SendResult(mask_url(channel), False, scrub(f"internal error: {type(error).__name__}"))
    if result.ok:
        for row in rows:
            store.mark_alert(row.id, state="sent")
        store.channel_succeeded(channel)
        log.info("alert%s %s sent to %s", "s" if len(ids) > 1 else "", ",".join(map(str, ids)), result.channel)
        return Delivery(ids, result.channel, True, None, "sent")
    failures = store.channel_backoff(channel).failures + 1
    retry_at = _iso(datetime.fromisoformat(when) + retry_delay(failures))
    store.channel_failed(channel, failures=failures, next_attempt_at=retry_at, error=result.error)
    attempts = max(row.attempts for row in rows) + 1
    gave_up = attempts >= watchlist.notify.max_attempts
    state: DeliveryState = "failed" if gave_up else "pending"
    next_at = None if gave_up else retry_at
    for row in rows:
        store.mark_alert(row.id, state=state, error=result.error, next_attempt_at=next_at)
    log.warning("alert delivery to %s failed (attempt %d of %d): %s", result.channel, attempts,
                watchlist.notify.max_attempts, result.error)
    return Delivery(ids, result.channel, False, result.error, state, next_at)


def _with_page_url(event: AlertEvent, watchlist: Watchlist, row: AlertRow) -> AlertEvent:
    """A change alert links to the change's page when the watchlist sets ``[web] base_url``."""
    url = watchlist.web.change_url(row.change_id) if row.change_id is not None and event.kind == "change" else None
    return replace(event, page_url=url) if url else event


def retry_now(store: Storage, *, include_failed: bool = True) -> int:
    """Make pending (and failed) alerts due now: ``alerts --retry``. Alerts a live process is sending stay its
    own (never sent twice); those whose claim expired (the process died) go back to pending. A failed alert gets
    a fresh set of attempts."""
    now = utcnow()
    released = store.release_expired_leases(now)
    store.reset_channel_backoff()
    return store.retry_alerts(now, include_failed=include_failed) + released
