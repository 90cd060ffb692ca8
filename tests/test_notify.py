"""Alerts through apprise, end to end: the real pipeline, a real SMTP server and a real webhook server on 127.0.0.1.

No mocks: pages come from :class:`PageServer`, checks from :class:`Checker`, e-mail goes through apprise's
``mailto://`` to aiosmtpd, chat messages through ``mmost://`` (the Slack incoming-webhook payload) and
``json://`` to a small HTTP server that records what it receives.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jinja2
import pytest

from monitor.classify import Finding
from monitor.cli import main
from monitor.diff import SentenceChange
from monitor.notify import (
    STYLES,
    AlertEvent,
    GroupEntry,
    deliver_pending,
    mask_url,
    render_event,
    send_test,
)
from monitor.notify.messages import _context, _environment, _template
from monitor.pipeline import Checker
from monitor.watchlist import Watchlist, load
from tests.conftest import LONG_POLICY, Mailbox, check_once, free_port, policy_page, write_watchlist

AI_SENTENCE = "We may use your posts to train our artificial intelligence models."
OPT_OUT = "Settings → Privacy → AI: off"
LATER = datetime.now(UTC) + timedelta(days=1)


# -- real servers ------------------------------------------------------------------------------------------------

# -- watchlists --------------------------------------------------------------------------------------------------

def watchlist_with(tmp_path: Path, url: str, notify: str, *, service_notify: str = "") -> Watchlist:
    path = write_watchlist(tmp_path, f"""
        [defaults]
        retries = 0
        timeout = 5

        [notify]
        {notify}

        [[service]]
        name = "Example"
        opt_out = "{OPT_OUT}"
        {service_notify}

          [[service.document]]
          type = "Terms of Service"
          url = "{url}"
          select = ["main"]
        """)
    return load(path)


def ai_change(*extra: str) -> str:
    edited = list(LONG_POLICY)
    edited.insert(3, AI_SENTENCE + "".join(extra))
    return policy_page(*edited)


# -- e-mail ------------------------------------------------------------------------------------------------------

def test_an_ai_change_arrives_by_email_with_plain_text_and_escaped_html(tmp_path, server, store, mailbox) -> None:
    server.set_page("/tos", policy_page(*LONG_POLICY))
    watchlist = watchlist_with(tmp_path, server.url("/tos"), f'urls = ["{mailbox.url()}"]')
    assert check_once(watchlist, store).status == "new"
    hostile = (" Content such as &lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(2)&gt; "
               "is covered.")
    server.set_page("/tos", ai_change(hostile))
    outcome = check_once(watchlist, store)
    assert outcome.status == "changed" and outcome.severity == "high"

    report = deliver_pending(store, watchlist)

    assert report.sent == 1 and not report.failed
    message, = mailbox.messages
    assert message["Subject"] == "Example changed its Terms of Service: AI-training clause added (high)"
    assert message["To"].endswith("alice@example.com>") or message["To"] == "alice@example.com"
    plain = message.get_body(("plain",)).get_content()
    page = message.get_body(("html",)).get_content()
    for text in (plain, page):
        assert "train our artificial intelligence models" in text
        assert "Settings → Privacy → AI: off" in text
        assert (f'policy-monitor --data-dir {store.data_dir.resolve()} diff Example "Terms of Service" --from 1 --to 2'
                in text.replace("&quot;", '"'))
    assert "<script>alert(1)</script>" in plain  # plain text is plain: shown as written on the page
    assert "<script" not in page and "<img" not in page  # nothing from the page is markup in the HTML
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "#e6ffed" in page  # the coloured diff: an added sentence on green
    assert store.alerts()[0].state == "sent"


def test_the_smtp_server_down_keeps_the_alert_pending_and_it_is_sent_exactly_once_later(
        tmp_path, server, store) -> None:
    box = Mailbox(free_port())  # not started: nothing listens on the port
    server.set_page("/tos", policy_page(*LONG_POLICY))
    watchlist = watchlist_with(tmp_path, server.url("/tos"), f'urls = ["{box.url()}"]')
    check_once(watchlist, store)
    server.set_page("/tos", ai_change())
    check_once(watchlist, store)

    down = deliver_pending(store, watchlist)
    assert down.failed and down.retrying == 1
    alert, = store.alerts()
    assert alert.state == "pending" and alert.attempts == 1
    assert "127.0.0.1" in (alert.last_error or "")
    assert alert.next_attempt_at and alert.next_attempt_at > alert.created_at  # backed off
    assert not deliver_pending(store, watchlist).deliveries  # not due yet

    box.start()
    try:
        up = deliver_pending(store, watchlist, now=LATER)
        again = deliver_pending(store, watchlist, now=LATER + timedelta(days=1))
    finally:
        box.stop()
    assert up.sent == 1 and not up.failed
    assert not again.deliveries
    assert len(box.messages) == 1
    alert, = store.alerts()
    assert alert.state == "sent" and alert.attempts == 2


def test_after_max_attempts_an_alert_is_failed_and_alerts_retry_sends_it(tmp_path, server, store) -> None:
    box = Mailbox(free_port())
    server.set_page("/tos", policy_page(*LONG_POLICY))
    watchlist = watchlist_with(tmp_path, server.url("/tos"), f'urls = ["{box.url()}"]\nmax_attempts = 2')
    check_once(watchlist, store)
    server.set_page("/tos", ai_change())
    check_once(watchlist, store)
    deliver_pending(store, watchlist)
    report = deliver_pending(store, watchlist, now=LATER)
    assert report.gave_up == 1
    assert store.alerts()[0].state == "failed"
    assert not deliver_pending(store, watchlist, now=LATER + timedelta(days=30)).deliveries

    box.start()
    try:
        code = main(["--watchlist", str(watchlist.path), "--data-dir", str(store.data_dir), "alerts", "--retry"])
    finally:
        box.stop()
    assert code == 0
    assert len(box.messages) == 1
    assert store.alerts()[0].state == "sent"


# -- chat webhooks -----------------------------------------------------------------------------------------------

def test_a_slack_style_webhook_and_a_json_webhook_receive_the_clause_and_the_opt_out(
        tmp_path, server, store, hooks, caplog) -> None:
    server.set_page("/tos", policy_page(*LONG_POLICY))
    chat = f"mmost://127.0.0.1:{hooks.port}/hooktoken1234567890abc"
    generic = f"json://127.0.0.1:{hooks.port}/generic"
    watchlist = watchlist_with(tmp_path, server.url("/tos"), f'urls = ["{chat}"]',
                               service_notify=f'notify = ["{generic}"]')
    check_once(watchlist, store)
    server.set_page("/tos", ai_change())
    check_once(watchlist, store)

    with caplog.at_level(logging.DEBUG):
        report = deliver_pending(store, watchlist)

    assert report.sent == 2
    assert "hooktoken1234567890abc" not in caplog.text  # the webhook token is in the request path
    slack, = hooks.to("/hooks/hooktoken1234567890abc")
    assert AI_SENTENCE in slack["text"]
    assert OPT_OUT in slack["text"]
    assert "**Example changed its Terms of Service: AI-training clause added (high)**" in slack["text"]
    assert "**What it says now** (most severe first)" in slack["text"]  # Markdown for chat
    generic_body, = hooks.to("/generic")
    assert generic_body["title"] == "Example changed its Terms of Service: AI-training clause added (high)"
    assert AI_SENTENCE in generic_body["message"] and OPT_OUT in generic_body["message"]
    assert generic_body["type"] == "failure"  # a high-severity change


def test_a_change_below_min_severity_is_stored_and_listed_but_not_sent(tmp_path, server, store, hooks,
                                                                     capsys) -> None:
    server.set_page("/tos", policy_page(*LONG_POLICY))
    watchlist = watchlist_with(tmp_path, server.url("/tos"), f'urls = ["json://127.0.0.1:{hooks.port}/all"]')
    check_once(watchlist, store)
    edited = list(LONG_POLICY)
    edited[4] = edited[4].replace("secure the service", "secure and improve the service")
    server.set_page("/tos", policy_page(*edited))
    outcome = check_once(watchlist, store)
    assert outcome.status == "changed" and not outcome.ai_relevant

    assert not deliver_pending(store, watchlist).deliveries
    assert hooks.received == []
    assert store.alerts() == []
    change, = store.changes()
    assert change.to_version == 2
    assert main(["--watchlist", str(watchlist.path), "--data-dir", str(store.data_dir), "changes", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [item["to_version"] for item in listed] == [2]


def test_min_severity_any_sends_every_change(tmp_path, server, store, hooks) -> None:
    server.set_page("/tos", policy_page(*LONG_POLICY))
    watchlist = watchlist_with(tmp_path, server.url("/tos"),
                               f'urls = ["json://127.0.0.1:{hooks.port}/all"]\nmin_severity = "any"')
    check_once(watchlist, store)
    edited = list(LONG_POLICY)
    edited[4] = edited[4].replace("secure the service", "secure and improve the service")
    server.set_page("/tos", policy_page(*edited))
    check_once(watchlist, store)
    assert deliver_pending(store, watchlist).sent == 1
    body, = hooks.to("/all")
    assert "secure and improve the service" in body["message"]
    assert "Example offers" not in body["message"]  # this service has opt-out steps


CHALLENGE = ("<html><head><title>Just a moment...</title></head><body><div id='challenge-form'>"
             "Checking your browser before accessing example.com.</div>"
             "<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1'></script></body></html>")


def test_tracking_broken_after_n_failures_is_one_alert_and_restored_is_one_more(tmp_path, server, store,
                                                                                hooks) -> None:
    server.set_page("/tos", policy_page(*LONG_POLICY))
    watchlist = watchlist_with(tmp_path, server.url("/tos"),
                               f'urls = ["json://127.0.0.1:{hooks.port}/changes"]\n'
                               f'errors = ["json://127.0.0.1:{hooks.port}/errors"]\nfailure_threshold = 2\n'
                               'broken_after = 0')
    check_once(watchlist, store)
    server.set_page("/tos", CHALLENGE)
    for _ in range(4):
        assert check_once(watchlist, store).status == "failed"
        deliver_pending(store, watchlist, flush=True)
    broken, = hooks.to("/errors")
    assert broken["title"] == "Tracking broken: Example Terms of Service (bot challenge)"
    assert "blocking automated checks" in broken["message"] and "Failed checks in a row: 2" in broken["message"]

    server.set_page("/tos", policy_page(*LONG_POLICY))
    check_once(watchlist, store)
    check_once(watchlist, store)
    deliver_pending(store, watchlist, flush=True)
    assert [body["title"] for body in hooks.to("/errors")] == [
        "Tracking broken: Example Terms of Service (bot challenge)", "Tracking restored: Example Terms of Service"]
    assert hooks.to("/changes") == []


def test_a_long_alert_is_shortened_for_a_length_capped_channel(tmp_path, server, store, hooks) -> None:
    server.set_page("/tos", policy_page(*LONG_POLICY))
    chat = f"mmost://127.0.0.1:{hooks.port}/hooktoken1234567890abc"  # Mattermost: 4000 characters at most
    watchlist = watchlist_with(tmp_path, server.url("/tos"), f'urls = ["{chat}"]')
    check_once(watchlist, store)
    added = [f"Clause {n}. Payments for the premium plan number {n} are billed monthly in advance and renew "
             f"automatically unless you cancel them from the billing page before the renewal date." for n in range(40)]
    server.set_page("/tos", policy_page(*LONG_POLICY[:3], AI_SENTENCE, *added, *LONG_POLICY[3:]))
    check_once(watchlist, store)

    report = deliver_pending(store, watchlist)

    assert report.sent == 1
    text = hooks.to("/hooks/hooktoken1234567890abc")[0]["text"]
    assert len(text) <= 4000
    assert AI_SENTENCE in text  # the finding is kept
    assert "Clause 0." in text  # and the first changed sentences
    assert "Clause 39." not in text
    assert "more changed sentences left out of this alert" in text


def test_digest_sends_one_message_per_channel_for_several_changes(tmp_path, server, store, hooks) -> None:
    server.set_page("/a", policy_page(*LONG_POLICY))
    server.set_page("/b", policy_page(*LONG_POLICY))
    path = write_watchlist(tmp_path, f"""
        [defaults]
        retries = 0
        [notify]
        urls = ["json://127.0.0.1:{hooks.port}/digest"]
        digest = true
        [[service]]
        name = "Alpha"
          [[service.document]]
          type = "Terms"
          url = "{server.url('/a')}"
          select = ["main"]
        [[service]]
        name = "Beta"
          [[service.document]]
          type = "Privacy Policy"
          url = "{server.url('/b')}"
          select = ["main"]
        """)
    watchlist = load(path)
    asyncio.run(Checker(watchlist, store).check(watchlist.documents))
    server.set_page("/a", ai_change())
    server.set_page("/b", ai_change())
    asyncio.run(Checker(watchlist, store).check(watchlist.documents))

    report = deliver_pending(store, watchlist)

    assert report.sent == 2 and report.messages == 1
    digest, = hooks.to("/digest")
    assert digest["title"] == "policy-monitor: 2 alerts (Alpha, Beta)"
    assert "Alpha changed its Terms" in digest["message"] and "Beta changed its Privacy Policy" in digest["message"]
    assert "Beta offers no opt-out that we know of." in digest["message"]


# -- secrets -----------------------------------------------------------------------------------------------------

def test_credentials_are_masked_in_the_alerts_table_errors_and_apprise_logs(tmp_path, server, store, capsys,
                                                                            caplog, monkeypatch) -> None:
    monkeypatch.setenv("HOOK_PASS", "EnvSecret-4242")
    literal = f"json://alice:Hunter2Secret@127.0.0.1:{free_port()}/x"
    from_env = f"mmost://bob:${{HOOK_PASS}}@127.0.0.1:{free_port()}/tok3nVALUE9876543210"
    server.set_page("/tos", policy_page(*LONG_POLICY))
    watchlist = watchlist_with(tmp_path, server.url("/tos"), f'urls = ["{literal}", "{from_env}"]')
    check_once(watchlist, store)
    server.set_page("/tos", ai_change())
    check_once(watchlist, store)
    assert {alert.channel for alert in store.alerts()} == {literal, from_env}  # stored unexpanded

    with caplog.at_level(logging.DEBUG):
        report = deliver_pending(store, watchlist)
    assert report.failed
    code = main(["--watchlist", str(watchlist.path), "--data-dir", str(store.data_dir), "alerts"])
    out = capsys.readouterr().out
    assert code == 0
    everything = out + "\n".join(record.getMessage() for record in caplog.records) + report.summary()
    everything += "".join(alert.last_error or "" for alert in store.alerts())
    for secret in ("Hunter2Secret", "EnvSecret-4242", "tok3nVALUE9876543210"):
        assert secret not in everything
    assert "alice:****@" in out and "${HOOK_PASS}" in out
    assert "pending" in out
    assert any(record.name.startswith("apprise") for record in caplog.records)  # apprise did log


def test_mask_url_hides_passwords_and_tokens_but_keeps_variable_names() -> None:
    assert mask_url("mailtos://me:pa55word@smtp.example.com?to=me@example.com") == \
        "mailtos://me:****@smtp.example.com/me%40example.com"
    assert mask_url("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ") == "slack://T...2/A...D/T...Q"
    assert mask_url("mailtos://${SMTP_USER}:${SMTP_PASS}@smtp.example.com") == \
        "mailtos://${SMTP_USER}:${SMTP_PASS}@smtp.example.com"
    assert mask_url("ntfys://ntfy.sh/alerts?token=tk_abc") == "ntfys://t...c@ntfy.sh/alerts"
    assert mask_url("json://127.0.0.1:8080/demo-alerts") == "json://127.0.0.1:8080/demo-alerts"


def test_mask_url_knows_each_services_secrets_from_apprise() -> None:
    # a Discord webhook token of letters only: no heuristic takes it for a secret, apprise knows it is one
    assert mask_url("discord://1234567/webhooktoken") == "discord://1...7/w...n"
    # what apprise shows as written is masked too: a token in a webhook's path, the headers and parameters a URL
    # passes on (by their name)
    assert mask_url("json://127.0.0.1:9/TIiajkdnlazkcOXrIdevi7FQ") == "json://127.0.0.1:9/T...Q"
    masked = mask_url("json://127.0.0.1:9/hook?+Authorization=Bearer%20s3cret&-password=hunter2x&-name=ok")
    assert masked == "json://127.0.0.1:9/hook?+Authorization=****&-password=****&-name=ok"


def test_a_url_apprise_cannot_load_or_with_variables_is_masked_without_expanding_them(monkeypatch) -> None:
    monkeypatch.setenv("SMTP_PASS", "Hunter2Secret")
    assert mask_url("mailto://bob:pa55word@127.0.0.1:9?to=b@x.org") == "mailto://bob:****@127.0.0.1:9?to=b@x.org"
    assert mask_url("json://alice:${SMTP_PASS}@127.0.0.1:9/T0kenT0kenT0ken") == \
        "json://alice:${SMTP_PASS}@127.0.0.1:9/T...n"


# -- commands ----------------------------------------------------------------------------------------------------

def test_check_delivers_and_prints_a_summary_and_notify_test_reports_each_channel(tmp_path, server, hooks,
                                                                                  capsys) -> None:
    server.set_page("/tos", policy_page(*LONG_POLICY))
    good = f"json://127.0.0.1:{hooks.port}/good"
    dead = f"json://user:DeadSecret99@127.0.0.1:{free_port()}/dead"
    watchlist = watchlist_with(tmp_path, server.url("/tos"), f'urls = ["{good}"]\nerrors = ["{dead}"]')
    args = ["--watchlist", str(watchlist.path), "--data-dir", str(tmp_path / "data")]
    assert main([*args, "check", "--no-progress"]) == 0
    server.set_page("/tos", ai_change())
    assert main([*args, "check", "--no-progress"]) == 0
    assert "Alerts: 1 sent" in capsys.readouterr().out
    assert len(hooks.to("/good")) == 1

    assert main([*args, "notify-test"]) == 1
    out = capsys.readouterr().out
    assert "ok" in out and "failed" in out and "DeadSecret99" not in out and "user:****@" in out
    test_alert, = [body for body in hooks.to("/good") if body["title"] == "policy-monitor test alert"]
    assert "this channel works" in test_alert["message"]
    assert [result.ok for result in send_test(watchlist)] == [True, False]


def test_a_delivery_failure_makes_check_exit_1(tmp_path, server, capsys) -> None:
    server.set_page("/tos", policy_page(*LONG_POLICY))
    watchlist = watchlist_with(tmp_path, server.url("/tos"), f'urls = ["json://127.0.0.1:{free_port()}/x"]')
    args = ["--watchlist", str(watchlist.path), "--data-dir", str(tmp_path / "data")]
    assert main([*args, "check", "--no-progress"]) == 0
    server.set_page("/tos", ai_change())
    assert main([*args, "check", "--no-progress"]) == 1
    assert "1 failed, will retry" in capsys.readouterr().out


def test_a_missing_environment_variable_is_a_delivery_error_that_names_it(tmp_path, server, store,
                                                                         monkeypatch) -> None:
    monkeypatch.delenv("NO_SUCH_TOKEN", raising=False)
    server.set_page("/tos", policy_page(*LONG_POLICY))
    watchlist = watchlist_with(tmp_path, server.url("/tos"), 'urls = ["slack://${NO_SUCH_TOKEN}"]')
    check_once(watchlist, store)
    server.set_page("/tos", ai_change())
    check_once(watchlist, store)
    report = deliver_pending(store, watchlist)
    assert report.failed
    assert store.alerts()[0].last_error == "environment variable NO_SUCH_TOKEN is not set"


# -- rendering ---------------------------------------------------------------------------------------------------

def event_with(sentences: int, opt_out: str | None = None) -> AlertEvent:
    return AlertEvent(
        kind="change", service="X", document="Terms of Service", url="https://x.com/tos",
        detected_at="2024-11-15T08:00:00+00:00", severity="high", ai_relevant=True,
        summary="AI-training clause added",
        findings=(Finding("ai_training", "added", AI_SENTENCE, 1.0),),
        sentences=tuple(SentenceChange("added", f"Sentence {n} " + "words " * 30) for n in range(sentences)),
        stats={"added": sentences}, opt_out=opt_out, from_version=3, to_version=4)


def test_an_event_keeps_its_types_through_the_outbox_payload_whose_shape_is_unchanged() -> None:
    event = replace(event_with(2), sentences=(SentenceChange("modified", "We train AI.", old="We do not."),),
                    group=(GroupEntry("X", "Terms", "https://x.com/tos", "3 failed checks"),))
    payload = json.loads(json.dumps(event.to_payload()))
    assert AlertEvent.from_payload(payload) == event
    # the shape outbox rows written before these types already have
    assert payload["findings"] == [event.findings[0].to_dict()]
    assert payload["sentences"] == [{"kind": "modified", "text": "We train AI.", "old": "We do not."}]
    assert payload["group"] == [{"service": "X", "document": "Terms", "url": "https://x.com/tos",
                                 "detail": "3 failed checks"}]


def test_render_shortens_to_a_limit_keeping_findings_and_first_sentences() -> None:
    full = render_event(event_with(30), "text")
    short = render_event(event_with(30), "text", max_length=1500)
    assert not full.shortened and "Sentence 11 " in full.body and "Sentence 12 " not in full.body  # bounded
    assert "18 more changed sentences left out of this alert" in full.body
    assert short.shortened and len(short.body) <= 1500
    assert AI_SENTENCE in short.body and "Sentence 0 " in short.body and "Sentence 29" not in short.body
    assert "more changed sentences left out of this alert" in short.body
    assert "X offers no opt-out that we know of." in short.body
    assert "policy-monitor diff X \"Terms of Service\" --from 3 --to 4" in short.body


def test_markdown_defuses_mass_mentions_and_markup_from_the_page() -> None:
    event = AlertEvent(kind="change", service="X", document="Terms", url="https://x.com/tos",
                       detected_at="2024-11-15T08:00:00+00:00", severity="high", ai_relevant=True,
                       summary="AI-training clause added",
                       findings=(Finding("ai_training", "added", "@channel [click](https://evil.example) *now*", 1.0),))
    body = render_event(event, "markdown").body
    assert "@channel" not in body and "\\[click\\]" in body and "\\*now\\*" in body


def test_each_message_style_ends_with_the_alert_id_in_its_own_form() -> None:
    bodies = {style: render_event(event_with(1), style, reference="a1b2").body for style in STYLES}
    assert bodies["text"].endswith("\nAlert id: a1b2\n")
    assert bodies["markdown"].endswith("\n_Alert id: a1b2_\n")
    assert bodies["html"].lstrip().lower().startswith("<!doctype html") and "a1b2" in bodies["html"]
    assert "Alert id" not in render_event(event_with(1), "text").body  # no id, no line


def test_every_template_compiles_in_its_style() -> None:
    for style in STYLES.values():
        # The alert templates: templates/web/ holds serve's pages, with filters of their own.
        names = _environment(style.name).list_templates(
            filter_func=lambda name, ext=style.extension: name.endswith("." + ext) and not name.startswith("web/"))
        assert {"change", "tracking", "digest"} <= {name.rpartition(".")[0] for name in names}
        for name in names:
            _template(style.name, name)  # a syntax error raises here, not when an alert happens to use it
    _template("text", "subjects.txt")


def test_a_variable_missing_from_the_context_is_an_error_not_an_empty_string() -> None:
    context = _context(event_with(2, opt_out="Settings → AI: off"), None)
    for style in STYLES.values():
        assert "Settings → AI: off" in _template(style.name, f"change.{style.extension}").render(context)
        without = {key: value for key, value in context.items() if key != "opt_out"}
        with pytest.raises(jinja2.UndefinedError, match="opt_out"):  # not "X offers no opt-out" by mistake
            _template(style.name, f"change.{style.extension}").render(without)
    with pytest.raises(jinja2.UndefinedError, match="services"):
        _template("text", "subjects.txt").render(kind="digest", count=2)


def test_the_e_mail_plain_text_part_is_written_by_us_not_derived_from_the_html(tmp_path, server, store,
                                                                                mailbox) -> None:
    edited = list(LONG_POLICY)
    edited[9] = edited[9].replace("secure the service", "secure and improve the service")  # an unrelated edit
    server.set_page("/tos", policy_page(*LONG_POLICY))
    watchlist = watchlist_with(tmp_path, server.url("/tos"), f'urls = ["{mailbox.url()}"]')
    check_once(watchlist, store)
    edited.insert(3, AI_SENTENCE)
    server.set_page("/tos", policy_page(*edited))
    check_once(watchlist, store)
    assert deliver_pending(store, watchlist).sent == 1

    message, = mailbox.messages
    plain = message.get_body(("plain",)).get_content().replace("\r\n", "\n")
    row = store.alerts()[0]
    expected = render_event(AlertEvent.from_payload(row.payload), "text", reference=row.uid).body
    assert plain.strip() == expected.strip()  # exactly the text rendering
    lines = plain.splitlines()
    assert not any(line.startswith(">") for line in lines)  # no quote markers
    minus = next(i for i, line in enumerate(lines) if line.startswith("- ") and "service number 10." in line)
    # a diff line is followed by the next one, not by a blank line
    assert lines[minus + 1].startswith("+ ") and "improve the service number 10." in lines[minus + 1]
    assert "<" not in plain.replace("<script", "")  # no HTML left in it


def test_one_reworded_sentence_has_the_same_figures_in_the_alert_in_changes_and_in_compare(
        tmp_path, server, store, hooks, capsys) -> None:
    server.set_page("/tos", policy_page(*LONG_POLICY))
    watchlist = watchlist_with(tmp_path, server.url("/tos"), f'urls = ["{hooks.json_url()}"]\nmin_severity = "any"')
    check_once(watchlist, store)
    reworded = [LONG_POLICY[0].replace("create an account", "open an account"), *LONG_POLICY[1:]]
    server.set_page("/tos", policy_page(*reworded))
    check_once(watchlist, store)
    deliver_pending(store, watchlist)
    message, = hooks.messages()
    assert "Changed:   1 modified\n" in message  # not also "1 added, 1 removed": one sentence, counted once

    capsys.readouterr()
    assert main(["--data-dir", str(store.data_dir), "changes", "--json"]) == 0
    change, = json.loads(capsys.readouterr().out)
    assert change["stats"] == {"added": 0, "removed": 0, "modified": 1, "moved": 0}
    old, new = tmp_path / "old.html", tmp_path / "new.html"
    old.write_text(policy_page(*LONG_POLICY), encoding="utf-8")
    new.write_text(policy_page(*reworded), encoding="utf-8")
    assert main(["compare", str(old), str(new), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["stats"] == change["stats"]
