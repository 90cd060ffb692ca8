"""What the terminal shows: rich tables and diffs, with every character taken from a page made harmless.

Policy text never reaches the terminal as markup or escape sequences: it is passed to rich as plain
:class:`rich.text.Text` (never parsed as ``[markup]``) after control characters are removed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from monitor import classify, clock, diff
from monitor.clock import short_time
from monitor.controlchars import DISPLAY_UNSAFE
from monitor.findings import arrange, features_line, finding_from_dict, severity_of
from monitor.notify.masking import mask_url, scrub
from monitor.notify.outbox import UNDELIVERED
from monitor.outcome import CheckOutcome
from monitor.storage import AlertRow, ChangeRow, DocumentState, PruneReport, Version

_LINE_BREAKS = re.compile("[\n\u2028\u2029]+")
SEVERITY_STYLE = {"high": "bold red", "medium": "yellow", "low": "cyan", "none": "dim"}
STATUS_STYLE = {"changed": "bold magenta", "new": "green", "unchanged": "dim", "not_modified": "dim",
                "reverted": "bold magenta", "oscillating": "yellow", "failed": "bold red"}


def clean(text: str | None) -> str:
    """Text from a page or a database, safe to print: no terminal control sequences."""
    return DISPLAY_UNSAFE.sub("", text or "")


class CleanLogRecords(logging.Filter):
    """Every log record cleaned as table cells are: a server's reason phrase, a page's text or a name in a log line
    never reaches the terminal as an escape sequence, and never starts a forged log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record: leave it to logging's own error handling
            return True
        cleaned = _LINE_BREAKS.sub(" ", clean(message))
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = clean(record.exc_text)
        return True


def safe(text: str | None, style: str = "") -> Text:
    return Text(clean(text), style=style)


# A pass over more documents than this lists only what needs attention (changes, failures, flip-flops), up to
# MAX_ROWS rows, and counts the rest in the caption: a 5,000-row table helps nobody and takes seconds to render.
LONG_PASS = 100
MAX_ROWS = 200
_QUIET = frozenset({"new", "unchanged", "not_modified"})


def outcome_table(outcomes: Sequence[CheckOutcome]) -> Table:
    table = Table(title="Check summary", title_justify="left")
    for column in ("Service", "Document", "Result", "Version", "Severity", "Details", "Time"):
        table.add_column(column, overflow="fold")
    shown = sorted(outcomes, key=lambda o: (o.service.casefold(), o.type.casefold()))
    if len(outcomes) > LONG_PASS:
        shown = [outcome for outcome in shown if outcome.status not in _QUIET]
        counts: dict[str, int] = {}
        for outcome in outcomes:
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
        listed = min(len(shown), MAX_ROWS)
        tally = ", ".join(f"{count:,} {status.replace('_', ' ')}" for status, count in sorted(counts.items()))
        table.caption = (f"{len(outcomes):,} documents: {tally}; {listed:,} listed"
                         + (" (see 'policy-monitor status')" if listed < len(outcomes) else ""))
        table.caption_justify = "left"
        shown = shown[:MAX_ROWS]
    for outcome in shown:
        details = outcome.error if outcome.failed else (outcome.summary or "")
        if outcome.stats:
            details = f"{details} ({sentence_counts(outcome.stats)} sentences)"
        table.add_row(
            safe(outcome.service), safe(outcome.type),
            Text(outcome.status.replace("_", " ") + (f" ({outcome.reason})" if outcome.reason else ""),
                 style=STATUS_STYLE.get(outcome.status, "")),
            str(outcome.version or "—"),
            Text(outcome.severity if outcome.recorded_change else "", style=SEVERITY_STYLE[outcome.severity]),
            safe(details), f"{outcome.duration:.2f}s",
        )
    return table


def sentence_counts(stats: dict[str, int]) -> str:
    """``+2 −1 ~1``: sentences added, removed and reworded (each counted once, as in the alert)."""
    text = f"+{stats.get('added', 0)} −{stats.get('removed', 0)}"
    return text + (f" ~{stats['modified']}" if stats.get("modified") else "")


def size(count: int) -> str:
    """A number of bytes for people: 812 KB, 3.4 MB, 1.2 GB."""
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20)):
        if count >= scale:
            return f"{count / scale:.1f} {unit}"
    return f"{count / 1024:.0f} KB"


def prune_summary(report: PruneReport, keep_seconds: float) -> str:
    days = keep_seconds / 86400
    period = f"{days:g} days" if days >= 1 else f"{keep_seconds:g} seconds"
    line = (f"Pruned {report.deleted:,} routine checks older than {period} (kept {report.kept:,} that made a "
            f"version, a change or a failure transition); data directory {size(report.bytes_before)} → "
            f"{size(report.bytes_after)}")
    return line + (" (the database was compacted once to allow incremental vacuum)." if report.rewritten else ".")


def status_table(states: Sequence[DocumentState]) -> Table:
    table = Table(title="Documents", title_justify="left")
    for column in ("Service", "Document", "Health", "Last check", "Last change", "Failures", "Last error",
                   "Next run"):
        table.add_column(column, overflow="fold")
    for state in states:
        health_style = {"ok": "green", "failing": "bold red"}.get(state.health, "dim")
        health = state.health + (" (flapping)" if state.broken_quiet else " (tracking broken)"
                                 if state.tracking_broken else "")
        table.add_row(safe(state.service), safe(state.type), Text(health, style=health_style),
                      short_time(state.last_check), short_time(state.last_change), str(state.consecutive_failures),
                      safe(state.last_error or ""), short_time(state.next_run))
    return table


def history_table(title: str, versions: Sequence[Version], changes: Iterable[ChangeRow]) -> Table:
    by_version = {change.to_version: change for change in changes}
    table = Table(title=safe(title), title_justify="left")  # a str title would be read as [markup]
    for column in ("Version", "First seen", "Last seen", "Characters", "Change", "Severity"):
        table.add_column(column, overflow="fold")
    for version in versions:
        change = by_version.get(version.number)
        table.add_row(str(version.number), short_time(version.first_seen), short_time(version.last_seen),
                      f"{version.length:,}", safe(change.summary if change else "first version"),
                      Text(change.severity if change else "", style=SEVERITY_STYLE.get(change.severity if change
                                                                                       else "none", "")))
    return table


def changes_table(changes: Sequence[ChangeRow]) -> Table:
    table = Table(title="Changes", title_justify="left")
    for column in ("#", "Detected", "Service", "Document", "Versions", "Severity", "Summary", "±"):
        table.add_column(column, overflow="fold")
    for change in changes:
        table.add_row(str(change.id), short_time(change.detected_at), safe(change.service), safe(change.type),
                      f"{change.from_version or '—'} → {change.to_version}",
                      Text(change.severity, style=SEVERITY_STYLE.get(change.severity, "")), safe(change.summary),
                      sentence_counts(change.stats))
    return table


def findings_panel(findings: Sequence[Mapping[str, object]] | Sequence[classify.Finding], title: str = "AI findings"
                   ) -> Panel:
    """AI-relevant findings first, most severe first, old wording beside the new; AI-feature ones as one line.
    ``findings``: the assessment's, or a stored change's (as ``Finding.to_dict()`` wrote them)."""
    arranged = arrange([f if isinstance(f, classify.Finding) else finding_from_dict(f) for f in findings])
    rows: list[Text] = []
    for finding in arranged.relevant:
        severity = severity_of(finding)
        header = Text(severity.upper(), style=SEVERITY_STYLE[severity]) + Text(
            f" {finding.category} · {finding.change}", style="bold")
        if finding.protection:
            header.append(" · protection", style="green")
        rows.append(header)
        if finding.reading:
            rows.append(safe(finding.reading, "bold"))
        if finding.old_text:
            rows.append(Text("was: ", style="dim") + safe(finding.old_text, "red"))
            rows.append(Text("now: ", style="dim") + safe(finding.text, "green"))
        else:
            rows.append(safe(finding.text, "red" if finding.change == "removed" else "green"))
        if finding.matched:
            rows.append(safe("matched: " + ", ".join(finding.matched), "dim"))
        rows.append(Text(""))
    if arranged.features:
        rows.append(Text(features_line(arranged.features), style="dim"))
    if not rows:
        rows.append(Text("No AI-related clause changed.", style="dim"))
    return Panel(Group(*rows), title=title, title_align="left")


def _is_ai_sentence(sentence: str) -> bool:
    category, _, _ = classify.classify_sentence(sentence)
    return category is not None


def print_unified(console: Console, change: diff.Change, old_label: str, new_label: str) -> None:
    """A unified diff, sentence by sentence; sentences about AI are marked with ★ and shown bold."""
    if not change.changed:
        console.print(Text("No difference.", style="dim"))
        return
    console.print(safe(f"--- {old_label}", "bold"))
    console.print(safe(f"+++ {new_label}", "bold"))
    for hunk in change.hunks:
        console.print(Text(f"@@ -{hunk.old_start},{hunk.old_count} +{hunk.new_start},{hunk.new_count} @@",
                           style="cyan"))
        for mark, sentence in hunk.lines:
            style = {"-": "red", "+": "green"}.get(mark, "")
            ai = mark != " " and _is_ai_sentence(sentence)
            line = Text(mark, style=style) + safe(sentence, style + (" bold" if ai else ""))
            if ai:
                line.append("  ★ AI", style="bold magenta")
            console.print(line, soft_wrap=True)


def print_words(console: Console, change: diff.Change) -> None:
    for sentence in change.sentences:
        line = Text()
        if sentence.kind == "modified":
            line.append("~ ", style="yellow")
            for mark, fragment in diff.word_diff(sentence.old or "", sentence.text):
                before, core, after = diff.split_edge_space(clean(fragment))
                if mark == " " or not core:
                    line.append(clean(fragment))
                    continue
                line.append(before)
                if mark == "-":
                    line.append(f"[-{core}-]", style="red strike")
                else:
                    line.append(f"{{+{core}+}}", style="green")
                line.append(after)
        elif sentence.kind == "added":
            line.append("+ ", style="green")
            line.append(f"{{+{clean(sentence.text)}+}}", style="green")
        elif sentence.kind == "removed":
            line.append("- ", style="red")
            line.append(f"[-{clean(sentence.text)}-]", style="red")
        else:
            line.append("> (moved) ", style="dim")
            line.append(clean(sentence.text), style="dim")
        if sentence.kind != "moved" and _is_ai_sentence(sentence.text):
            line.append("  ★ AI", style="bold magenta")
        console.print(line, soft_wrap=True)
        console.print()


def side_by_side_table(change: diff.Change, old_label: str, new_label: str) -> Table:
    table = Table(show_lines=True, expand=True)
    table.add_column(safe(old_label), ratio=1, overflow="fold")  # Text, not str: no [markup] in file names
    table.add_column(safe(new_label), ratio=1, overflow="fold")
    for old, new, kind in diff.side_by_side_rows(change):
        if kind == "modified":
            old_text, new_text = Text(), Text()
            for mark, fragment in diff.word_diff(old, new):
                if mark != "+":
                    old_text.append(clean(fragment), style="bold red" if mark == "-" else "")
                if mark != "-":
                    new_text.append(clean(fragment), style="bold green" if mark == "+" else "")
        else:
            old_text = safe(old, "red" if kind == "removed" else "dim")
            new_text = safe(new, "green" if kind == "added" else "dim")
        table.add_row(old_text, new_text)
    return table


def alerts_table(rows: Sequence[AlertRow]) -> Table:
    """The outbox rows: state, attempts, masked channel and last error (secrets scrubbed)."""
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
        channel = safe(mask_url(row.channel)) if row.channel else Text("(no channel)", style="bold red")
        table.add_row(str(row.id), row.kind.replace("_", " "), safe(what), channel,
                      Text(row.state, style=styles.get(row.state, "")), str(row.attempts),
                      clock.minute(row.created_at), clock.minute(when), safe(scrub(row.last_error or "")))
    return table
