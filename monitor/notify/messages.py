"""Messages: an alert event rendered as the text a channel shows, in one of three styles.

The message comes from the Jinja templates in ``monitor/templates/`` in three shapes: HTML for e-mail (sent as
multipart/alternative with the plain-text shape as its text part), Markdown for chat services and plain text for
the rest. Every character taken from a policy page is escaped for the shape it is put in. A message too long for
its channel is shortened (findings kept, changed sentences left out), never refused.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

from markupsafe import Markup

from monitor import clock
from monitor.classify import CATEGORY_LABELS, Finding
from monitor.controlchars import DISPLAY_UNSAFE
from monitor.diff import SentenceChange
from monitor.findings import arrange, features_line, severity_of
from monitor.notify.events import REASON_LABELS, AlertEvent

if TYPE_CHECKING:
    import jinja2

MAX_OTHER_SENTENCES = 12  # changed sentences without a finding shown in an alert, after the findings
SEVERITY_COLOURS = {"high": "#cb2431", "medium": "#b08800", "low": "#0366d6", "none": "#6a737d"}
DIFF_COLOURS = {"+": ("#e6ffed", "#22863a"), "-": ("#ffeef0", "#b31d28")}


# -- escaping for each shape of message ----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_SLACK_MENTION = re.compile(r"!(?=channel|here|everyone|all)", re.I)


def plain(text: str) -> str:
    """Plain text: control characters dropped, nothing else touched."""
    return DISPLAY_UNSAFE.sub("", text)


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


def _as_is(text: str) -> str:
    return text


StyleName = Literal["text", "markdown", "html"]


@dataclass(frozen=True, slots=True)
class MessageStyle:
    """How one shape of message is written; everything that differs between the shapes is here, the rest of the
    wording is in the style's templates (``change.md``: how it bolds, quotes, links and lists)."""

    name: StyleName
    extension: str  # of its templates: change.txt, change.md, change.html
    escape: Callable[[str], str]  # any text put in a message (page text above all)
    markup: bool = False  # HTML: the templates autoescape, and an escaped value is final (Markup)
    code: Callable[[str], str] | None = None  # the templates' ``|code`` filter: text in a code span or block
    alert_id: str = "Alert id: {}"  # the body's last line, with the outbox's alert id(s)
    page: str | None = None  # a template the body is put in whole (with the alert id), instead of that line
    title: Callable[[str], str] = _as_is  # the title sent with the body
    text_part: bool = False  # sent with a plain-text shape of the same message (e-mail's multipart/alternative)


STYLES: dict[StyleName, MessageStyle] = {style.name: style for style in (
    MessageStyle("text", "txt", plain),
    # a chat title: Discord puts it in the content, where mentions ping
    MessageStyle("markdown", "md", escape_markdown, code=_code, alert_id="_Alert id: {}_", title=defuse_mentions),
    MessageStyle("html", "html", escape_html, markup=True, page="page.html", text_part=True),
)}


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
def _environment(name: StyleName) -> jinja2.Environment:
    import jinja2  # here, not with the module: a fetch worker imports this module but never renders an alert

    style = STYLES[name]
    escape = style.escape
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("monitor", "templates"), undefined=jinja2.StrictUndefined,
        autoescape=style.markup, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
        finalize=_finalizer((lambda text: Markup(escape(text))) if style.markup else escape))
    code = style.code
    if code is not None:
        environment.filters["code"] = lambda text: Markup(code(str(text)))
    return environment


def _template(style: StyleName, name: str) -> jinja2.Template:
    return _environment(style).get_template(name)


def _subject(kind: str, context: dict[str, Any]) -> str:
    return " ".join(_template("text", "subjects.txt").render(context, kind=kind).split())


# -- rendering -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Message:
    title: str
    body: str
    style: StyleName
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


def _diff_lines(sentences: Sequence[SentenceChange]) -> list[dict[str, str]]:
    lines = []
    for sentence in sentences:
        if sentence.kind == "modified" and sentence.old:
            pairs = [("-", sentence.old), ("+", sentence.text)]
        else:
            pairs = [("-" if sentence.kind == "removed" else "+", sentence.text)]
        for marker, text in pairs:
            background, colour = DIFF_COLOURS[marker]
            lines.append({"marker": marker, "text": text, "background": background, "colour": colour})
    return lines


def _markdown_url(url: str) -> str:
    """A URL that cannot end a Markdown link early."""
    return url.replace(")", "%29").replace(" ", "%20")


def _context(event: AlertEvent, shown_sentences: int | None, *, finding_chars: int | None = None) -> dict[str, Any]:
    """What the templates are given: every field of the event, worded for a reader."""
    return {**_event_fields(event), **_change_fields(event, shown_sentences, finding_chars),
            **_tracking_fields(event)}


def _event_fields(event: AlertEvent) -> dict[str, Any]:
    stats = event.stats or {}
    stats_line = ", ".join(f"{stats[key]} {key}" for key in ("added", "removed", "modified") if stats.get(key))
    return {
        "service": event.service, "document": event.document, "url": event.url,
        "url_md": _markdown_url(event.url).replace("@", "%40"), "detected_at": clock.minute(event.detected_at),
        "severity": event.severity, "severity_colour": SEVERITY_COLOURS.get(event.severity, "#6a737d"),
        "summary": event.summary or "text changed", "ai_relevant": event.ai_relevant, "opt_out": event.opt_out,
        "diff_command": diff_command(event), "stats": stats_line or "wording", "page_url": event.page_url or "",
        "stance_headlines": event.stance_headlines, "with_title": False, "test": event.kind == "test",
    }


def _change_fields(event: AlertEvent, shown_sentences: int | None, finding_chars: int | None) -> dict[str, Any]:
    arranged = arrange(event.findings)
    findings = [_shown_finding(finding, finding_chars) for finding in arranged.relevant]
    # The changed sentences the findings do not quote already, after them and bounded: the full diff has the rest.
    others = [s for s in event.sentences if s.text not in arranged.texts and s.old not in arranged.texts]
    limit = MAX_OTHER_SENTENCES if shown_sentences is None else min(shown_sentences, MAX_OTHER_SENTENCES)
    sentences = others[:limit]
    left_out = len(others) - len(sentences) + event.sentences_left_out
    return {
        "findings": findings, "features": features_line(arranged.features), "diff": _diff_lines(sentences),
        "other_heading": "Other changed sentences" if findings or arranged.features else "Changed sentences",
        "left_out": (f"{left_out} more changed sentence{'s' if left_out != 1 else ''} left out of this alert: "
                     f"see the full diff") if left_out else "",
    }


def _shown_finding(finding: Finding, chars: int | None) -> dict[str, str]:
    """A finding as an alert shows it, its quotes cut to ``chars`` when the message must be shortened."""
    def quote(text: str) -> str:
        return text[:chars].rstrip() + "…" if chars is not None and len(text) > chars else text

    label = "AI-use limit" if finding.protection else CATEGORY_LABELS.get(finding.category, finding.category)
    return {"label": label, "change": finding.change, "severity": severity_of(finding), "text": quote(finding.text),
            "old": quote(finding.old_text) if finding.old_text else "", "reading": quote(finding.reading)}


def _tracking_fields(event: AlertEvent) -> dict[str, Any]:
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
    return {
        "reason": event.reason or reason_label, "reason_label": reason_label, "failures": event.failures,
        "advice": advice, "headline": headline,
        "headline_colour": "#cb2431" if event.kind == "tracking_broken" else "#22863a",
        "broken": event.kind == "tracking_broken", "restored": event.kind == "tracking_restored",
        "flaps": event.kind == "tracking_flaps",
        "group": [{**asdict(entry), "url_md": _markdown_url(entry.url)} for entry in event.group],
    }


def _body(event: AlertEvent, style: StyleName, shown: int | None, *, with_title: bool,
          finding_chars: int | None = None) -> str:
    name = "change" if event.kind == "change" else "tracking_group" if event.group else "tracking"
    context = _context(event, shown, finding_chars=finding_chars)
    context["with_title"] = with_title
    return _template(style, f"{name}.{STYLES[style].extension}").render(context).strip() + "\n"


def _finish(body: str, style: StyleName, title: str, reference: str) -> str:
    """The body as sent: put in the style's page (an HTML page), or with the alert id as its last line."""
    page = STYLES[style].page
    if page is not None:  # the body was rendered by the same environment, so escaped already: it goes in as it is
        return _template(style, page).render(title=title, content=Markup(body), reference=reference)
    return body + ("\n" + STYLES[style].alert_id.format(reference) + "\n" if reference else "")


def render_event(event: AlertEvent, style: StyleName = "text", *, max_length: int | None = None,
                 title_in_body: bool = False, reference: str = "") -> Message:
    """One event as a message in a style; with ``max_length``, the body is shortened to fit (findings and the
    first changed sentences kept, a line saying how many were left out), never refused. ``reference``: the
    outbox's alert id, the same at every attempt, printed at the end (a rare duplicate is recognisable)."""
    title = subject(event)
    return _fit(title, lambda shown, chars: _single(event, title, style, shown, chars, title_in_body, reference),
                style, len(event.sentences), max_length)


def _single(event: AlertEvent, title: str, style: StyleName, shown: int | None, chars: int | None,
            title_in_body: bool, reference: str) -> str:
    body = _body(event, style, shown, with_title=title_in_body, finding_chars=chars)
    return _finish(body, style, title, reference)  # a text body starts with its headline anyway


def render_digest(events: Sequence[AlertEvent], style: StyleName = "text", *, max_length: int | None = None,
                  title_in_body: bool = False, reference: str = "") -> Message:
    """Several events as one message (``digest = true``): one section per event, shortened together."""
    services = ", ".join(sorted({event.service for event in events}, key=str.casefold))
    count = len(events)
    title = _subject("digest", {"count": count, "services": services})
    template = _template(style, f"digest.{STYLES[style].extension}")

    def build(shown: int | None, chars: int | None) -> str:
        # each section's body is rendered (and escaped) for this style already: Markup, so it goes in as it is
        sections = [{"subject": subject(event),
                     "body": Markup(_body(event, style, shown, with_title=False, finding_chars=chars))}
                    for event in events]
        body = template.render(count=count, sections=sections, with_title=title_in_body).strip() + "\n"
        return _finish(body, style, title, reference)

    return _fit(title, build, style, max((len(event.sentences) for event in events), default=0), max_length)


def _fit(title: str, build: Callable[[int | None, int | None], str], style: StyleName, sentences: int,
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
