"""Alerts, one concern per module:

- :mod:`~monitor.notify.events`: what happened (:class:`AlertEvent`), and tracking events grouped;
- :mod:`~monitor.notify.messages`: an event rendered as text, Markdown or HTML (one :class:`MessageStyle` each);
- :mod:`~monitor.notify.channels`: which apprise channels hear of an event, and sending through one;
- :mod:`~monitor.notify.masking`: channel URLs shown masked, their secrets scrubbed from logs;
- :mod:`~monitor.notify.outbox`: alerts planned with their change, delivered once, retried with back-off.

The names the rest of the code uses are re-exported here: ``from monitor import notify; notify.deliver_pending``.
"""

from monitor.classify import CATEGORY_LABELS
from monitor.notify.channels import (
    Channel,
    ChannelError,
    SendResult,
    all_channels,
    channels_for,
    no_channel_warning,
    open_channel,
    send_events,
    send_message,
    send_test,
    unheard_services,
)
from monitor.notify.events import (
    MAX_SENTENCES_IN_EVENT,
    REASON_LABELS,
    TRACKING_KINDS,
    AlertEvent,
    AlertKind,
    ChangeKind,
    GroupEntry,
    group_tracking,
    passes_filter,
    sample_event,
)
from monitor.notify.masking import mask_by_hand, mask_text, mask_url, scrub, secrets_in, watch_secrets
from monitor.notify.messages import (
    MAX_OTHER_SENTENCES,
    STYLES,
    Message,
    diff_command,
    escape_html,
    escape_markdown,
    plain,
    render_digest,
    render_event,
    subject,
)
from monitor.notify.outbox import (
    LEASE_SECONDS,
    TRACKING_GROUP_SECONDS,
    UNDELIVERED,
    Delivery,
    DeliveryReport,
    deliver_pending,
    plan_alerts,
    queue_flap_digest,
    retry_delay,
    retry_now,
    route_undelivered,
)

__all__ = [
    "CATEGORY_LABELS", "LEASE_SECONDS", "MAX_OTHER_SENTENCES", "MAX_SENTENCES_IN_EVENT", "REASON_LABELS", "STYLES",
    "TRACKING_GROUP_SECONDS", "TRACKING_KINDS", "UNDELIVERED", "AlertEvent", "AlertKind", "ChangeKind", "Channel",
    "ChannelError", "Delivery", "DeliveryReport", "GroupEntry", "Message", "SendResult", "all_channels", "channels_for",
    "deliver_pending", "diff_command", "escape_html", "escape_markdown", "group_tracking", "mask_by_hand", "mask_text",
    "mask_url", "no_channel_warning", "open_channel", "passes_filter", "plain", "plan_alerts", "queue_flap_digest",
    "render_digest", "render_event", "retry_delay", "retry_now", "route_undelivered", "sample_event", "scrub",
    "secrets_in", "send_events", "send_message", "send_test", "subject", "unheard_services", "watch_secrets",
]
