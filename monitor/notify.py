"""Alerts: which channels hear of an event, what the message says, and delivery through apprise via the outbox.

Planning (:func:`plan_alerts`) happens in the same transaction as the change it reports; delivery
(:func:`deliver_pending`) happens after a pass: every due outbox row is claimed (so it is never sent twice), sent
through apprise, then marked sent, or kept pending with exponential back-off until ``[notify] max_attempts``.

The message comes from the Jinja templates in ``monitor/templates/`` in three shapes: HTML for e-mail (sent as
multipart/alternative with the plain-text shape as its text part), Markdown for chat services and plain text for
the rest. Every character taken from a policy page is escaped for the shape it is put in.

Channel URLs are stored as written in the watchlist (``${VAR}`` unexpanded) and expanded only at send time;
they are shown masked (:func:`mask_url`), and every secret they contain is scrubbed from apprise's log records.

>>> mask_url("mailtos://me:hunter2@smtp.example.com?to=me@example.com")
'mailtos://me:****@smtp.example.com?to=me@example.com'
>>> mask_url("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ")
'slack://T...2/A...D/T...Q'
"""

from __future__ import annotations

import contextlib
import functools
import html
import logging
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, quote, urlsplit

from markupsafe import Markup

from monitor.classify import CATEGORY_LABELS, SEVERITY_ORDER
from monitor.findings import arrange, features_line, severity_of
from monitor.store import AlertRow, NewAlert, Store, utcnow
from monitor.watchlist import Watchlist, env_vars, expand_env

if TYPE_CHECKING:
    import jinja2

log = logging.getLogger("monitor.notify")

MAX_SENTENCES_IN_EVENT = 40
UNDELIVERED = "undelivered"  # the outbox state of an alert no channel would receive
MAX_OTHER_SENTENCES = 12  # changed sentences without a finding shown in an alert, after the findings
TRACKING_KINDS = frozenset({"tracking_broken", "tracking_restored", "tracking_flaps"})
# A tracking alert waits this long before its first delivery, so the documents of one pass or one host that broke
# together go out as one message; change alerts never wait.
TRACKING_GROUP_SECONDS = 60.0
FLAP_DIGEST_SECONDS = 86400.0  # flapping documents are reported at most once a day, in one message
META_FLAP_DIGEST = "flap_digest_at"
META_FLAP_DIGESTED = "flap_digest_last_id"  # the last flap a digest listed
RETRY_BASE_SECONDS = 60.0  # first retry a minute after a failed delivery, doubled each time
RETRY_MAX_SECONDS = 6 * 3600.0
SEND_TIMEOUT_SECONDS = 60.0
# How long a claimed alert belongs to the process that claimed it. Far longer than any send (apprise gives up after
# SEND_TIMEOUT_SECONDS): a claim older than this was left by a process that died, and the alert is sent again.
LEASE_SECONDS = 600.0

REASON_LABELS = {
    "bot_challenge": "bot challenge", "access_denied": "access denied (bot block)", "login_wall": "login wall",
    "consent_wall": "cookie-consent wall", "selector_missing": "selector gone", "timeout": "timeout",
    "network": "server unreachable", "http": "HTTP error", "too_large": "response too large",
    "truncated": "response cut off",
    "decode": "undecodable response", "redirect": "redirect loop", "scheme": "redirect to a non-web address",
    "error_page": "error page", "empty": "empty page", "shrink": "text suddenly shrank", "extract": "unreadable page",
    "several": "several reasons",
}
SEVERITY_COLOURS = {"high": "#cb2431", "medium": "#b08800", "low": "#0366d6", "none": "#6a737d"}
DIFF_COLOURS = {"+": ("#e6ffed", "#22863a"), "-": ("#ffeef0", "#b31d28")}


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


# -- secrets: masking URLs and scrubbing logs ------------------------------------------------------------------

_SECRET_KEY = re.compile(r"pass|secret|token|key|auth|sig|pwd|webhook|hook|cred|apikey|session", re.I)
_TOKEN_LIKE = re.compile(r"[A-Za-z0-9_\-+=~%]{8,}")
_URL_IN_TEXT = re.compile(r"\b[a-z][a-z0-9+.\-]*://[^\s\"'<>]+", re.I)


_ENV_ONLY = re.compile(r"(\$\{[A-Za-z_][A-Za-z0-9_]*\})+")


def _looks_secret(part: str) -> bool:
    """A URL component that looks like a token: long, letters and digits, no dots (host names have dots)."""
    return bool(_TOKEN_LIKE.fullmatch(part)) and any(c.isdigit() for c in part) and any(c.isalpha() for c in part)


def _outer(part: str) -> str:
    """apprise's 'outer' privacy style: the first and last character, three dots between."""
    if _ENV_ONLY.fullmatch(part):
        return part  # the name of an environment variable is no secret
    return f"{part[:1]}...{part[-1:]}" if len(part) > 2 else "****"


def mask_url(url: str) -> str:
    """An apprise URL safe to show: passwords become ``****``, tokens (in the host, the path or a query value)
    keep only their first and last character; ``${VAR}`` references are kept, they are names, not secrets."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "****"
    if not parts.scheme:
        return _outer(url) if _looks_secret(url) else url
    netloc = parts.netloc
    userinfo, at, hostport = netloc.rpartition("@")
    if at:
        user, colon, password = userinfo.partition(":")
        user = _outer(user) if _looks_secret(user) else user
        if colon:
            password = password if _ENV_ONLY.fullmatch(password) else "****"
        userinfo = user + (colon + password if colon else "")
    host, port_sep, port = hostport.partition(":")
    if not port.isdigit():  # "host:token" forms (not a port)
        port = _outer(port) if port and (_looks_secret(port) or len(port) > 3) else port
    host = _outer(host) if _looks_secret(host) else host
    netloc = (userinfo + "@" if at else "") + host + (port_sep + port if port_sep else "")
    path = "/".join(_outer(segment) if _looks_secret(segment) else segment for segment in parts.path.split("/"))
    query = ""
    if parts.query:
        pairs = []
        for key, value in parse_qsl(parts.query, keep_blank_values=True):
            if value and (_SECRET_KEY.search(key) or _looks_secret(value)) and not _ENV_ONLY.fullmatch(value):
                value = "****" if _SECRET_KEY.search(key) else _outer(value)
            pairs.append(f"{key}={quote(value, safe='@$/{}:*.,')}" if value else key + "=")
        query = "?" + "&".join(pairs)
    fragment = ""
    if parts.fragment:
        fragment = "#" + (_outer(parts.fragment) if _looks_secret(parts.fragment) else parts.fragment)
    return f"{parts.scheme}://{netloc}{path}{query}{fragment}"


def mask_text(text: str, secrets: Iterable[str] = ()) -> str:
    """Free text (an error message, a log line) with known secrets and URL credentials masked."""
    for secret in sorted(set(secrets), key=len, reverse=True):
        if secret:
            text = text.replace(secret, "****")
    return _URL_IN_TEXT.sub(lambda match: mask_url(match.group(0)), text)


def secrets_in(url: str, environ: dict[str, str] | None = None) -> set[str]:
    """The secret strings an expanded channel URL contains: environment values, passwords, token-like parts."""
    env = os.environ if environ is None else environ
    found = {env[name] for name in env_vars(url) if name in env}
    try:
        parts = urlsplit(expand_env(url, dict(env)))
    except (KeyError, ValueError):
        return {secret for secret in found if len(secret) >= 4}
    if parts.password:
        found.add(parts.password)
    hostport = parts.netloc.rpartition("@")[2]
    found.update(part for part in (*hostport.split(":"), *parts.path.split("/")) if _looks_secret(part))
    found.update(value for key, value in parse_qsl(parts.query)
                 if value and (_SECRET_KEY.search(key) or _looks_secret(value)))
    return {secret for secret in found if len(secret) >= 4}


class _SecretScrubber(logging.Filter):
    """Rewrites log records that mention a known secret (installed on apprise's logger and ours)."""

    def __init__(self) -> None:
        super().__init__("")
        self._secrets: set[str] = set()
        self._lock = threading.Lock()

    def add(self, secrets: Iterable[str]) -> None:
        with self._lock:
            self._secrets.update(secret for secret in secrets if secret)

    def scrub(self, text: str) -> str:
        with self._lock:
            secrets = list(self._secrets)
        return mask_text(text, secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging's own error handling
            return True
        scrubbed = self.scrub(message)
        if scrubbed != message:
            record.msg, record.args = scrubbed, ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.scrub(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        return True


_scrubber = _SecretScrubber()
# apprise logs through "apprise"; the HTTP library under it logs request paths (tokens included) at DEBUG.
for _logger_name in ("apprise", "monitor.notify", "urllib3.connectionpool", "requests"):
    logging.getLogger(_logger_name).addFilter(_scrubber)


# -- escaping for each shape of message ----------------------------------------------------------------------------

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # TODO(misc): use monitor.controlchars.DISPLAY_UNSAFE
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_SLACK_MENTION = re.compile(r"!(?=channel|here|everyone|all)", re.I)


def plain(text: str) -> str:
    """Plain text: control characters dropped, nothing else touched."""
    return _CONTROL.sub("", text)


def escape_html(text: str) -> str:
    return html.escape(plain(text), quote=True)


def defuse_mentions(text: str) -> str:
    """Chat text that pings nobody: a zero-width space after every '@' and after Slack's '!channel' family.

    Every '@', not a list of words: apprise's Discord plugin (``?format=markdown``) turns any '@word', '<@id>' or
    '<@&id>' in the body, code spans included, into ``allow_mentions`` and a ping ('@everyone_team' pings
    everyone), and Discord pings '@everyone' in plain content too."""
    return _SLACK_MENTION.sub("!\u200b", text.replace("@", "@\u200b"))


def escape_markdown(text: str) -> str:
    """Markdown (Slack, Mattermost, Discord…): markup characters backslash-escaped, mentions defused."""
    return defuse_mentions(_MD_SPECIAL.sub(r"\\\1", plain(text))).replace("\n", " ")


def _code(text: str) -> str:
    """Text inside a fenced code block or a code span: it cannot close it nor mention anyone."""
    return defuse_mentions(plain(text).replace("`", "'").replace("\n", " "))


STYLES: dict[str, tuple[str, Callable[[str], str]]] = {
    "html": ("html", escape_html), "markdown": ("md", escape_markdown), "text": ("txt", plain),
}


# -- templates -----------------------------------------------------------------------------------------------------
#
# One Jinja environment per style, all loading ``monitor/templates/``. Every ``{{ value }}`` goes through the
# style's escape function (``finalize``), unless the value is ``Markup``: already in its final form for that style
# (a body rendered by the same environment, a ``|safe`` value, or page text put through ``|code`` in Markdown).
# The HTML environment autoescapes as well, so nothing reaches the page unescaped even past ``finalize``.
# ``StrictUndefined``: a variable missing from the context is an error, not an empty string.

def _finalizer(escape: Callable[[str], str]) -> Callable[[Any], Any]:
    def finalize(value: Any) -> Any:
        return value if isinstance(value, Markup) else escape(str(value))

    return finalize


@functools.cache
def _environment(style: str) -> jinja2.Environment:
    import jinja2  # here, not with the module: a fetch worker imports this module but never renders an alert

    escape = STYLES[style][1]
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("monitor", "templates"), undefined=jinja2.StrictUndefined,
        autoescape=style == "html", trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        finalize=_finalizer((lambda text: Markup(escape(text))) if style == "html" else escape))
    if style == "markdown":
        environment.filters["code"] = lambda text: Markup(_code(str(text)))
    return environment


def _template(style: str, name: str) -> jinja2.Template:
    return _environment(style).get_template(name)


def _subject(kind: str, context: dict[str, Any]) -> str:
    return " ".join(_template("text", "subjects.txt").render(context, kind=kind).split())


# -- rendering -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Message:
    title: str
    body: str
    style: str  # html | markdown | text
    shortened: bool = False
    plain: str | None = None  # with an HTML body: the e-mail's plain-text part, written by us (not derived)


def diff_command(event: AlertEvent) -> str:
    """The command that shows the whole diff, with the data directory of the process that found the change."""
    command = "policy-monitor"
    if event.data_dir:
        command += f" --data-dir {_shell_word(event.data_dir)}"
    command += f' diff {_shell_word(event.service)} {_shell_word(event.document)}'
    if event.from_version is not None and event.to_version is not None:
        command += f" --from {event.from_version} --to {event.to_version}"
    return command


def _shell_word(word: str) -> str:
    word = plain(word)
    if re.fullmatch(r"[\w.@%+=:,/-]+", word):
        return word
    return '"' + re.sub(r'(["\\$`])', r"\\\1", word) + '"'


def subject(event: AlertEvent) -> str:
    return _subject(event.kind, _context(event, None))


def _pretty_time(value: str) -> str:  # TODO(misc): use monitor.clock.minute
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value or ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _diff_lines(sentences: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    lines = []
    for sentence in sentences:
        kind = sentence.get("kind")
        pairs = []
        if kind == "modified" and sentence.get("old"):
            pairs = [("-", sentence["old"]), ("+", sentence["text"])]
        elif kind == "removed":
            pairs = [("-", sentence["text"])]
        else:
            pairs = [("+", sentence["text"])]
        for marker, text in pairs:
            background, colour = DIFF_COLOURS[marker]
            lines.append({"marker": marker, "text": text, "background": background, "colour": colour})
    return lines


def _context(event: AlertEvent, shown_sentences: int | None, *, finding_chars: int | None = None) -> dict[str, Any]:
    arranged = arrange(event.findings)
    # The changed sentences the findings do not quote already, after them and bounded: the full diff has the rest.
    others = [s for s in event.sentences if s.get("text") not in arranged.texts and s.get("old") not in arranged.texts]
    limit = MAX_OTHER_SENTENCES if shown_sentences is None else min(shown_sentences, MAX_OTHER_SENTENCES)
    sentences = others[:limit]
    left_out = len(others) - len(sentences) + event.sentences_left_out

    def quote(text: str) -> str:
        if finding_chars is not None and len(text) > finding_chars:
            return text[:finding_chars].rstrip() + "…"
        return text

    shown_findings = []
    for finding in arranged.relevant:
        label = CATEGORY_LABELS.get(str(finding.get("category")), str(finding.get("category", "finding")))
        if finding.get("protection"):
            label = "AI-use limit"
        old = finding.get("old_text")
        shown_findings.append({"label": label, "change": finding.get("change", "changed"),
                               "severity": severity_of(finding), "text": quote(str(finding.get("text", ""))),
                               "old": quote(str(old)) if old else "",
                               "reading": quote(str(finding.get("reading", "")))})
    stats = event.stats or {}
    stats_line = ", ".join(f"{stats[key]} {key}" for key in ("added", "removed", "modified") if stats.get(key)) \
        or "wording"
    reason_label = REASON_LABELS.get(event.reason_kind or "", event.reason_kind or "error")
    if event.kind == "tracking_broken" and event.bot_block:
        advice = ("The site is blocking automated checks, so changes to this document are not being seen. "
                  "Try fetch = \"browser\" for it, a slower interval, or check the page by hand.")
    else:
        advice = ("Changes to this document are not being seen until checks succeed again: check the URL and the "
                  "select/remove selectors in the watchlist (policy-monitor status shows every failure).")
    what = " ".join(part for part in (event.service, event.document) if part)
    headline = {"tracking_broken": f"Tracking broken: {what} ({reason_label})",
                "tracking_restored": f"Tracking restored: {what}",
                "tracking_flaps": f"Tracking flapping: {event.document}",
                }.get(event.kind, "policy-monitor test alert")
    group = [{**item, "url_md": str(item.get("url", "")).replace(")", "%29").replace(" ", "%20")}
             for item in event.group]
    return {
        "service": event.service, "document": event.document, "url": event.url,
        "url_md": event.url.replace(")", "%29").replace(" ", "%20").replace("@", "%40"),
        "detected_at": _pretty_time(event.detected_at),
        "severity": event.severity, "severity_colour": SEVERITY_COLOURS.get(event.severity, "#6a737d"),
        "summary": event.summary or "text changed", "ai_relevant": event.ai_relevant,
        "findings": shown_findings, "features": features_line(arranged.features),
        "diff": _diff_lines(sentences), "other_heading": "Other changed sentences" if shown_findings
        or arranged.features else "Changed sentences",
        "left_out": (f"{left_out} more changed sentence{'s' if left_out != 1 else ''} left out of this alert: "
                     f"see the full diff") if left_out else "",
        "opt_out": event.opt_out, "diff_command": diff_command(event), "stats": stats_line,
        "page_url": event.page_url or "",
        "reason": event.reason or reason_label, "reason_label": reason_label, "failures": event.failures,
        "advice": advice, "headline": headline, "stance_headlines": event.stance_headlines,
        "headline_colour": "#cb2431" if event.kind == "tracking_broken" else "#22863a",
        "broken": event.kind == "tracking_broken", "restored": event.kind == "tracking_restored",
        "test": event.kind == "test", "with_title": False, "group": group, "flaps": event.kind == "tracking_flaps",
    }


def _body(event: AlertEvent, style: str, shown: int | None, *, with_title: bool,
          finding_chars: int | None = None) -> str:
    name = "change" if event.kind == "change" else "tracking_group" if event.group else "tracking"
    context = _context(event, shown, finding_chars=finding_chars)
    context["with_title"] = with_title
    return _template(style, f"{name}.{STYLES[style][0]}").render(context).strip() + "\n"


def _wrap_html(title: str, content: str, reference: str = "") -> str:
    """``content`` is a body the HTML environment rendered, so escaped already: it goes in as it is."""
    return _template("html", "page.html").render(title=title, content=Markup(content), reference=reference)


def _finish(body: str, style: str, title: str, reference: str) -> str:
    """The body as sent: an HTML page, or text with the alert id as its last line."""
    if style == "html":
        return _wrap_html(title, body, reference)
    return body + (f"\n{'_Alert id: ' + reference + '_' if style == 'markdown' else 'Alert id: ' + reference}\n"
                   if reference else "")


def render_event(event: AlertEvent, style: str = "text", *, max_length: int | None = None,
                 title_in_body: bool = False, reference: str = "") -> Message:
    """One event as a message in a style; with ``max_length``, the body is shortened to fit (findings and the
    first changed sentences kept, a line saying how many were left out), never refused. ``reference``: the
    outbox's alert id, the same at every attempt, printed at the end (a rare duplicate is recognisable)."""
    title = subject(event)
    return _fit(title, lambda shown, chars: _single(event, title, style, shown, chars, title_in_body, reference),
                style, len(event.sentences), max_length)


def _single(event: AlertEvent, title: str, style: str, shown: int | None, chars: int | None,
            title_in_body: bool, reference: str) -> str:
    body = _body(event, style, shown, with_title=title_in_body, finding_chars=chars)
    return _finish(body, style, title, reference)  # a text body starts with its headline anyway


def render_digest(events: Sequence[AlertEvent], style: str = "text", *, max_length: int | None = None,
                  title_in_body: bool = False, reference: str = "") -> Message:
    """Several events as one message (``digest = true``): one section per event, shortened together."""
    services = ", ".join(sorted({event.service for event in events}, key=str.casefold))
    count = len(events)
    title = _subject("digest", {"count": count, "services": services})
    template = _template(style, f"digest.{STYLES[style][0]}")

    def build(shown: int | None, chars: int | None) -> str:
        # each section's body is rendered (and escaped) for this style already: Markup, so it goes in as it is
        sections = [{"subject": subject(event),
                     "body": Markup(_body(event, style, shown, with_title=False, finding_chars=chars))}
                    for event in events]
        body = template.render(count=count, sections=sections, with_title=title_in_body).strip() + "\n"
        return _finish(body, style, title, reference)

    return _fit(title, build, style, max((len(event.sentences) for event in events), default=0), max_length)


def _fit(title: str, build: Callable[[int | None, int | None], str], style: str, sentences: int,
         max_length: int | None) -> Message:
    body = build(None, None)
    if max_length is None or len(body) <= max_length:
        return Message(title, body, style)
    for shown in range(sentences - 1, -1, -1):  # fewer changed sentences, findings whole
        body = build(shown, None)
        if len(body) <= max_length:
            return Message(title, body, style, shortened=True)
    for chars in (600, 300, 150, 80):  # then shorter quotes of the findings
        body = build(0, chars)
        if len(body) <= max_length:
            return Message(title, body, style, shortened=True)
    note = "\n[alert cut to fit this channel: the rest was left out, see the full diff]\n"
    return Message(title, body[:max(0, max_length - len(note))] + note, style, shortened=True)


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
    style: str
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
    _scrubber.add(secrets_in(url, env))
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


def _style_for(plugin: Any, schema: str) -> tuple[str, Any]:
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


def send_message(channel: Channel, message: Message, notify_type: str = "info") -> SendResult:
    """Send one message through one channel; the error, if any, is masked and says what apprise said."""
    import apprise

    title = "" if channel.title_in_body else message.title
    if channel.style == "markdown":  # a chat title: Discord puts it in the content, where mentions ping
        title = defuse_mentions(title)
    if title and getattr(channel.plugin, "title_maxlen", 0) > 0:
        title = title[:channel.plugin.title_maxlen]
    sender = apprise.Apprise(asset=_asset())
    sender.add(channel.plugin)
    try:
        with _plain_part(message):
            result = sender.notify(body=message.body, title=title, notify_type=apprise.NotifyType(notify_type),
                                   body_format=channel.body_format, timeout=SEND_TIMEOUT_SECONDS)
    except Exception as error:  # apprise is meant to report, not raise; a plugin bug must not stop delivery
        return SendResult(channel.masked, False, _scrubber.scrub(f"{type(error).__name__}: {error}"),
                          message.shortened)
    if result:
        return SendResult(channel.masked, True, None, message.shortened)
    problems = [entry.message for entry in result.logs() if str(entry.level).upper() in {"WARNING", "ERROR"}]
    reason = "; ".join(dict.fromkeys(problems)) or "the channel did not accept the alert"
    return SendResult(channel.masked, False, _scrubber.scrub(reason)[:500], message.shortened)


def _notify_type(event: AlertEvent) -> str:
    if event.kind == "tracking_broken":
        return "failure"
    if event.kind in ("tracking_restored", "test"):
        return "success"
    return {"high": "failure", "medium": "warning"}.get(event.severity, "info")


def send_events(url: str, events: Sequence[AlertEvent], environ: dict[str, str] | None = None, *,
                reference: str = "") -> SendResult:
    """Render and send one event (or a digest of several) to one channel URL (unexpanded); ``reference`` is the
    alert id (ids, for a digest) the message carries."""
    try:
        channel = open_channel(url, environ)
    except ChannelError as error:
        return SendResult(mask_url(url), False, _scrubber.scrub(str(error)))
    events = group_tracking(events)
    render = render_event if len(events) == 1 else render_digest
    subject_or_events: Any = events[0] if len(events) == 1 else events
    message = render(subject_or_events, channel.style, max_length=channel.max_length,
                     title_in_body=channel.title_in_body, reference=reference)
    if channel.style == "html":
        text = render(subject_or_events, "text", max_length=channel.max_length, reference=reference)
        message = replace(message, plain=text.body)
    worst = max(events, key=lambda event: ("tracking_broken" == event.kind, SEVERITY_ORDER.get(event.severity, 0)))
    return send_message(channel, message, _notify_type(worst))


# -- tracking problems, grouped --------------------------------------------------------------------------------


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


def queue_flap_digest(store: Store, watchlist: Watchlist, when: str) -> int:
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
        group.append({"service": service, "document": document, "url": urls.get(f"{service}/{document}", ""),
                      "detail": f"broke again {times}: {labels}"})
    event = AlertEvent(kind="tracking_flaps", service="", detected_at=when, url="",
                       document=f"{len(group)} document{'s' if len(group) != 1 else ''} in the last day",
                       group=group)
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
    state: str  # sent | pending | failed
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


def _iso(moment: datetime | str | None) -> str:  # TODO(misc): use monitor.clock.iso / utcnow
    if moment is None:
        return utcnow()
    if isinstance(moment, str):
        return moment
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def deliver_pending(store: Store, watchlist: Watchlist, *, now: datetime | str | None = None,
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


def route_undelivered(store: Store, watchlist: Watchlist) -> int:
    """Give the undelivered alerts the channels that would receive them now (a channel was added since)."""
    routed = 0
    for row in store.alerts([UNDELIVERED], limit=10_000):
        event = AlertEvent.from_payload(row.payload)
        channels = channels_for(watchlist, event) if passes_filter(event, watchlist.notify.min_severity) else []
        if channels:
            store.route_alert(row, channels)
            routed += 1
    return routed


def _deliver_to_channel(store: Store, watchlist: Watchlist, rows: list[AlertRow], when: str,
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
        key = tracking_group_key(row.kind, row.payload)
        if key is None:
            batches.append([row])
        elif key in grouped:
            grouped[key].append(row)
        else:
            grouped[key] = [row]
            batches.append(grouped[key])
    return batches


def _deliver(store: Store, watchlist: Watchlist, rows: list[AlertRow], when: str,
             environ: dict[str, str] | None) -> Delivery:
    channel = rows[0].channel
    ids = tuple(row.id for row in rows)
    try:
        events = [_with_page_url(AlertEvent.from_payload(row.payload), watchlist, row) for row in rows]
        result = send_events(channel, events, environ, reference=", ".join(row.uid for row in rows))
    except Exception as error:  # never leave a claimed alert in 'sending' because of a bug here
        log.exception("alert delivery to %s failed unexpectedly", mask_url(channel))
        result = SendResult(mask_url(channel), False, _scrubber.scrub(f"internal error: {type(error).__name__}"))
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
    state = "failed" if gave_up else "pending"
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


def retry_now(store: Store, *, include_failed: bool = True) -> int:
    """Make pending (and failed) alerts due now: ``alerts --retry``. Alerts a live process is sending stay its
    own (never sent twice); those whose claim expired (the process died) go back to pending. A failed alert gets
    a fresh set of attempts."""
    now = utcnow()
    released = store.release_expired_leases(now)
    store.reset_channel_backoff()
    states = ("pending", "failed") if include_failed else ("pending",)
    with store.db.atomic():
        cursor = store.db.execute(
            f"UPDATE alerts SET state = 'pending', next_attempt_at = ?, "
            f"attempts = CASE WHEN state = 'failed' THEN 0 ELSE attempts END "
            f"WHERE state IN ({','.join('?' * len(states))})", [now, *states])
    return cursor.rowcount + released


# -- the test alert ----------------------------------------------------------------------------------------------

def sample_event() -> AlertEvent:
    return AlertEvent(kind="test", service="policy-monitor", document="test alert",
                      url="https://github.com/policy-monitor/policy-monitor", detected_at=utcnow())


def send_test(watchlist: Watchlist, environ: dict[str, str] | None = None) -> list[SendResult]:
    """A test alert to every channel of the watchlist, each one's result (``notify-test``)."""
    event = sample_event()
    return [send_events(url, [event], environ) for url in all_channels(watchlist)]


# -- the alerts table --------------------------------------------------------------------------------------------

def alerts_table(rows: Sequence[AlertRow]) -> Any:
    """A rich table of outbox rows: state, attempts, masked channel and last error."""
    from rich.table import Table
    from rich.text import Text

    styles = {"sent": "green", "pending": "yellow", "sending": "cyan", "failed": "bold red",
              UNDELIVERED: "bold red"}
    table = Table(title="Alerts", title_justify="left")
    for column in ("#", "Kind", "Service / document", "Channel", "State", "Tries", "Created", "Next / sent",
                   "Last error"):
        table.add_column(column, overflow="fold")
    for row in rows:
        payload = row.payload or {}
        what = f"{payload.get('service', '')} / {payload.get('document', '')}"
        if row.kind == "change" and payload.get("severity"):
            what += f" ({payload['severity']})"
        when = row.sent_at if row.state == "sent" else row.next_attempt_at
        channel = Text(mask_url(row.channel)) if row.channel else Text("(no channel)", style="bold red")
        table.add_row(str(row.id), row.kind.replace("_", " "), Text(plain(what)), channel,
                      Text(row.state, style=styles.get(row.state, "")), str(row.attempts),
                      _pretty_time(row.created_at), _pretty_time(when or ""),
                      Text(_scrubber.scrub(plain(row.last_error or ""))))
    return table
