"""What matters first: AI-relevant findings, most severe first, before AI-feature text and unrelated sentences.

The real Facebook terms of 3 and 13 Oct 2025 (43 findings, 37 of them AI-feature text, the AI-training clause 16th
in page order), served from 127.0.0.1 and checked by the real pipeline; the alert goes through apprise to a real
SMTP server (aiosmtpd) and a webhook receiver; ``changes`` and ``diff`` run as a user runs them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from monitor.classify import RELEVANT
from monitor.cli import main
from monitor.notify import MAX_OTHER_SENTENCES, deliver_pending
from monitor.store import Store
from monitor.watchlist import load
from tests.conftest import CORPUS, Mailbox, WebhookReceiver, check_once, needs_corpus, write_watchlist

FACEBOOK = CORPUS / "versions" / "Facebook" / "Terms of Service"
BEFORE, AFTER = FACEBOOK / "2025-10-03-7277038.md", FACEBOOK / "2025-10-13-c1b1295.md"


def checked_change(tmp_path: Path, hooks: WebhookReceiver, store: Store, channels: str,
                   versions: tuple[Path, Path] = (BEFORE, AFTER)) -> Path:
    path = write_watchlist(tmp_path, f"""
        [defaults]
        retries = 0
        timeout = 5

        [notify]
        urls = [{channels}]

        [[service]]
        name = "Facebook"

          [[service.document]]
          type = "Terms of Service"
          url = "{hooks.url('/terms')}"
        """)
    watchlist = load(path)
    for version in versions:
        hooks.set_page("/terms", version.read_text(encoding="utf-8"), content_type="text/plain; charset=utf-8")
        check_once(watchlist, store)
    assert deliver_pending(store, watchlist).sent >= 1
    return path


@needs_corpus
def test_an_alert_leads_with_the_ai_training_clause_and_folds_feature_text(
        tmp_path: Path, hooks: WebhookReceiver, store: Store, mailbox: Mailbox) -> None:
    checked_change(tmp_path, hooks, store, f'"{hooks.json_url()}", "{mailbox.url()}"')
    change, = store.changes()
    assert len(change.findings) > 40 and change.findings[0]["category"] not in RELEVANT  # page order buries it
    features = sum(f["category"] == "ai_features" for f in store.changes()[0].findings)

    text = hooks.messages()[0]
    findings = text.split("What it says now", 1)[1].split("How to opt out", 1)[0]
    first = findings.splitlines()[1]
    assert first.startswith("* HIGH: AI-training clause"), first
    assert f"* {features} AI-feature passages changed" in findings  # one line, with the count
    assert "AI feature text" not in text
    assert findings.index("* HIGH") < findings.index("AI-feature passages") < findings.index("Other changed")
    diff_lines = [line for line in findings.split("Other changed sentences", 1)[1].splitlines()
                  if line[:2] in ("+ ", "- ")]
    assert 0 < len(diff_lines) <= 2 * MAX_OTHER_SENTENCES
    assert re.search(r"\d+ more changed sentences left out of this alert", findings)

    page = message_html(mailbox)
    assert page.index("HIGH</b>: <b>AI-training clause") < page.index("AI-feature passages changed")
    assert page.count("AI feature text") == 0


@needs_corpus
def test_changes_and_diff_show_the_ai_relevant_findings_first(tmp_path: Path, hooks: WebhookReceiver, store: Store,
                                                              capsys) -> None:
    watchlist = checked_change(tmp_path, hooks, store, f'"{hooks.json_url()}"')
    common = ["--watchlist", str(watchlist), "--data-dir", str(store.data_dir)]
    capsys.readouterr()

    assert main([*common, "changes"]) == 0
    shown = capsys.readouterr().out
    panel = shown.split("Facebook — Terms of Service", 1)[1]
    assert re.search(r"HIGH ai_training", panel)
    assert panel.index("HIGH ai_training") < panel.index("AI-feature passages changed")
    assert "ai_features ·" not in panel  # folded

    assert main([*common, "changes", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)[0]
    relevant = [f["category"] in RELEVANT for f in listed["findings"]]
    assert relevant == sorted(relevant, reverse=True)  # every relevant finding before the feature text
    assert set(listed["stats"]) >= {"added", "removed", "modified", "moved"}

    assert main([*common, "diff", "Facebook", "Terms of Service"]) == 0
    shown = capsys.readouterr().out
    assert shown.index("HIGH ai_training") < shown.index("--- Facebook/Terms of Service v1")


@needs_corpus
def test_a_reworded_clause_is_shown_with_its_old_wording_beside_the_new(tmp_path: Path, hooks: WebhookReceiver,
                                                                       store: Store, mailbox: Mailbox) -> None:
    x_terms = CORPUS / "versions" / "X" / "Terms of Service"
    checked_change(tmp_path, hooks, store, f'"{hooks.json_url()}", "{mailbox.url()}"',
                   (x_terms / "2024-02-21-282e7cb.md", x_terms / "2024-11-16-94c4eab.md"))
    reworded = next(f for f in store.changes()[0].findings if f.get("old_text"))
    text = hooks.messages()[0]
    before = text.index(f'before: "{reworded["old_text"]}"')
    assert text.index(f'now:    "{reworded["text"]}"') > before
    page = message_html(mailbox)
    assert page.index("<i>before</i>") < page.index("<i>now</i>")


def message_html(mailbox: Mailbox) -> str:
    message, = mailbox.messages
    return str(message.get_body(("html",)).get_content())
