"""Channels: which apprise channels hear of an event, and sending a rendered message through one.

A channel URL is stored as written in the watchlist (``${VAR}`` unexpanded) and expanded only here, at send time;
its secrets go to the log scrubber of :mod:`monitor.notify.masking` first.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal
from urllib.parse import urlsplit

from monitor.classify import SEVERITY_ORDER
from monitor.notify.events import TRACKING_KINDS, AlertEvent, group_tracking, sample_event
from monitor.notify.masking import mask_url, scrub, secrets_in, watch_secrets
from monitor.notify.messages import STYLES, Message, StyleName, render_digest, render_event
from monitor.watchlist import Watchlist, expand_env

log = logging.getLogger("monitor.notify")

SEND_TIMEOUT_SECONDS = 60.0
NotifyType = Literal["info", "success", "warning", "failure"]  # apprise.NotifyType: how a channel marks it


def channels_for(watchlist: Watchlist, event: AlertEvent) -> list[str]:
    """The watchlist's channels for this event, each once: errors go to ``[notify] errors`` when set."""
    notify = watchlist.notify
    if event.kind in TRACKING_KINDS and notify.errors:
        base = list(notify.errors)
    else:
        base = list(notify.urls)
    try:
        extra = list(watchlist.service(event.service).notify)
    except KeyError:
        extra = []
    return list(dict.fromkeys(base + extra))


def unheard_services(watchlist: Watchlist) -> list[str]:
    """The services whose AI-relevant changes no channel would receive."""
    unheard = []
    for service in watchlist.services:
        probe = AlertEvent(kind="change", service=service.name, document="", url="", detected_at="",
                           severity="high", ai_relevant=True)
        if not channels_for(watchlist, probe):
            unheard.append(service.name)
    return unheard


def no_channel_warning(watchlist: Watchlist) -> str | None:
    """What to say, loudly, when an AI-relevant alert would reach nobody (None when every service has a channel)."""
    unheard = unheard_services(watchlist)
    if not unheard:
        return None
    which = "any service" if len(unheard) == len(watchlist.services) else ", ".join(unheard)
    return (f"no alert channel would receive an AI-relevant alert for {which}: such alerts are kept as "
            f"'undelivered' ('policy-monitor alerts' lists them) and go out once [notify] urls = [...] is set in "
            f"{watchlist.path}")


def all_channels(watchlist: Watchlist) -> list[str]:
    """Every channel the watchlist names ([notify] urls and errors, and each service's own), each once."""
    channels = [*watchlist.notify.urls, *watchlist.notify.errors]
    for service in watchlist.services:
        channels.extend(service.notify)
    return list(dict.fromkeys(channels))


# -- channels --------------------------------------------------------------------------------------------------

# Chat services that render Markdown (apprise declares some of them text-only), and e-mail services that take
# a whole HTML page; every other channel gets plain text (apprise escapes it for services that want HTML).
MARKDOWN_SCHEMAS = frozenset({"mmost", "mmosts", "rocket", "rockets", "zulip", "guilded", "revolt", "ryver",
                              "discord", "slack", "msteams", "workflows", "googlechat", "gchat"})
EMAIL_SCHEMAS = frozenset({"mailto", "mailtos", "brevo", "mailgun", "mailersend", "o365", "azure", "postmark",
                           "resend", "sendgrid", "sendpulse", "ses", "smtp2go", "sparkpost"})


@dataclass(frozen=True, slots=True)
class Channel:
    """One apprise channel, ready to send: the stored URL (unexpanded), the plugin and the shape it wants."""

    url: str
    plugin: Any  # apprise.plugins.NotifyBase
    style: StyleName
    body_format: Any  # apprise.NotifyFormat sent with the body, so apprise converts nothing
    max_length: int | None
    title_in_body: bool

    @property
    def masked(self) -> str:
        return mask_url(self.url)


class ChannelError(Exception):
    """A channel that cannot be used (a missing variable, a URL apprise does not know); the message is safe."""


def _asset() -> Any:
    import apprise

    return apprise.AppriseAsset(app_id="policy-monitor", app_desc="policy-monitor alerts",
                                app_url="https://github.com/policy-monitor/policy-monitor")


def open_channel(url: str, environ: dict[str, str] | None = None) -> Channel:
    """Expand ``${VAR}`` (at send time only), load the apprise plugin and decide the message shape."""
    import apprise

    env = dict(os.environ if environ is None else environ)
    watch_secrets(secrets_in(url, env))
    try:
        expanded = expand_env(url, env)
    except KeyError as missing:
        raise ChannelError(f"environment variable {missing.args[0]} is not set") from None
    plugin = apprise.Apprise.instantiate(expanded, asset=_asset())
    if plugin is None:
        raise ChannelError(f"apprise does not understand the URL {mask_url(url)}")
    schema = urlsplit(expanded).scheme.lower()
    style, body_format = _style_for(plugin, schema)
    title_in_body = getattr(plugin, "title_maxlen", 1) <= 0
    body_max = getattr(plugin, "body_maxlen", 0) or 0
    max_length = body_max if body_max > 0 else None
    return Channel(url, plugin, style, body_format, max_length, title_in_body)


def _style_for(plugin: Any, schema: str) -> tuple[StyleName, Any]:
    """The message shape for a plugin, and the body format to hand apprise so that it converts nothing."""
    from apprise import NotifyFormat

    formats = tuple(plugin._formats()) if hasattr(plugin, "_formats") else (NotifyFormat(plugin.notify_format),)
    override = getattr(plugin, "_format_override", None)  # the URL's own ?format=
    if override not in formats:
        override = None
    is_email = schema in EMAIL_SCHEMAS or type(plugin).__module__.startswith("apprise.plugins.email")
    if NotifyFormat.HTML in formats and override in (None, NotifyFormat.HTML) and is_email:
        return "html", NotifyFormat.HTML
    wants_markdown = override == NotifyFormat.MARKDOWN or (
        override is None and (formats[0] == NotifyFormat.MARKDOWN or schema in MARKDOWN_SCHEMAS))
    if wants_markdown:
        return "markdown", NotifyFormat.MARKDOWN if NotifyFormat.MARKDOWN in formats else formats[0]
    return "text", NotifyFormat.TEXT


# apprise's e-mail plugins send HTML as multipart/alternative with a plain-text part they derive from the HTML
# (a stray ">" per quote, a blank line after every diff line). They take no text of ours, so the function they
# derive it with is wrapped once: for a body registered here it returns our own text part, for anything else it
# does what it did.
_PLAIN_PARTS: dict[str, str] = {}
_PLAIN_PARTS_LOCK = threading.Lock()


def _install_plain_part_hook() -> bool:
    try:
        from apprise import NotifyFormat
        from apprise.plugins.email import base
    except ImportError:
        return False
    original = getattr(base, "convert_between", None)
    if original is None:
        return False
    if getattr(original, "policy_monitor", False):
        return True

    def convert_between(from_format: Any, to_format: Any, content: str, *args: Any, **kwargs: Any) -> Any:
        if from_format == NotifyFormat.HTML and to_format == NotifyFormat.TEXT:
            with _PLAIN_PARTS_LOCK:
                own = _PLAIN_PARTS.get(content.strip())  # apprise trims the body it sends
            if own is not None:
                return own
        return original(from_format, to_format, content, *args, **kwargs)

    convert_between.policy_monitor = True  # type: ignore[attr-defined]
    base.convert_between = convert_between
    return True


@contextlib.contextmanager
def _plain_part(message: Message) -> Iterator[None]:
    if message.plain is None or not _install_plain_part_hook():
        yield
        return
    with _PLAIN_PARTS_LOCK:
        _PLAIN_PARTS[message.body.strip()] = message.plain
    try:
        yield
    finally:
        with _PLAIN_PARTS_LOCK:
            _PLAIN_PARTS.pop(message.body.strip(), None)


@dataclass(frozen=True, slots=True)
class SendResult:
    channel: str  # masked
    ok: bool
    error: str | None = None
    shortened: bool = False


def send_message(channel: Channel, message: Message, notify_type: NotifyType = "info") -> SendResult:
    """Send one message through one channel; the error, if any, is masked and says what apprise said."""
    import apprise

    title = "" if channel.title_in_body else message.title
    title = STYLES[channel.style].title(title)
    if title and getattr(channel.plugin, "title_maxlen", 0) > 0:
        title = title[:channel.plugin.title_maxlen]
    sender = apprise.Apprise(asset=_asset())
    sender.add(channel.plugin)
    try:
        with _plain_part(message):
            result = sender.notify(body=message.body, title=title, notify_type=apprise.NotifyType(notify_type),
                                   body_format=channel.body_format, timeout=SEND_TIMEOUT_SECONDS)
    except Exception as error:  # apprise is meant to report, not raise; a plugin bug must not stop delivery
        return SendResult(channel.masked, False, scrub(f"{type(error).__name__}: {error}"),
                          message.shortened)
    if result:
        return SendResult(channel.masked, True, None, message.shortened)
    problems = [entry.message for entry in result.logs() if str(entry.level).upper() in {"WARNING", "ERROR"}]
    reason = "; ".join(dict.fromkeys(problems)) or "the channel did not accept the alert"
    return SendResult(channel.masked, False, scrub(reason)[:500], message.shortened)


def _notify_type(event: AlertEvent) -> NotifyType:
    if event.kind == "tracking_broken":
        return "failure"
    if event.kind in ("tracking_restored", "test"):
        return "success"
    by_severity: dict[str, NotifyType] = {"high": "failure", "medium": "warning"}
    return by_severity.get(event.severity, "info")


def send_events(url: str, events: Sequence[AlertEvent], environ: dict[str, str] | None = None, *,
                reference: str = "") -> SendResult:
    """Render and send one event (or a digest of several) to one channel URL (unexpanded); ``reference`` is the
    alert id (ids, for a digest) the message carries."""
    try:
        channel = open_channel(url, environ)
    except ChannelError as error:
        return SendResult(mask_url(url), False, scrub(str(error)))
    events = group_tracking(events)
    render = render_event if len(events) == 1 else render_digest
    subject_or_events: Any = events[0] if len(events) == 1 else events
    message = render(subject_or_events, channel.style, max_length=channel.max_length,
                     title_in_body=channel.title_in_body, reference=reference)
    if STYLES[channel.style].text_part:
        text = render(subject_or_events, "text", max_length=channel.max_length, reference=reference)
        message = replace(message, plain=text.body)
    worst = max(events, key=lambda event: ("tracking_broken" == event.kind, SEVERITY_ORDER.get(event.severity, 0)))
    return send_message(channel, message, _notify_type(worst))


def send_test(watchlist: Watchlist, environ: dict[str, str] | None = None) -> list[SendResult]:
    """A test alert to every channel of the watchlist, each one's result (``notify-test``)."""
    event = sample_event()
    return [send_events(url, [event], environ) for url in all_channels(watchlist)]
