"""``policy-monitor serve`` as a person meets it: a real server process over a real data directory, read with
httpx, with Debian's chromium (Playwright) and with a feed parser, and reached from a real alert.

The data directory is made by the real pipeline: X's real terms of February and November 2024 (the demo's
pages), a page full of hostile markup and a page that fails, all served from 127.0.0.1. ``serve`` starts after the
first check and reads the second while it runs, as it would beside a daemon.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser
import httpx
import pytest

from monitor.browser import CHROMIUM_ARGS, find_chromium
from monitor.cli import main
from monitor.demo import NEW_PAGE, OLD_PAGE, X_OPT_OUT
from monitor.localserver import PageServer
from monitor.notify import deliver_pending
from monitor.pipeline import Checker
from monitor.store import Store, StoreError
from monitor.watchlist import load
from monitor.web import finding_views
from tests.conftest import LONG_POLICY, REPO, WebhookReceiver, policy_page, write_watchlist
from tests.test_daemon import document, wait_until, watchlist_file

HOSTILE = "Hostile <b onmouseover=alert(1)>Corp"  # a service name the watchlist allows: no '/', no control
AI_CLAUSE = "We may use the content you post, including your photos, to train our artificial intelligence models."
HOSTILE_MARKUP = [
    "Our notice: &lt;script&gt;window.pwned = 1; alert(\"pwned\")&lt;/script&gt; is part of this policy text.",
    "To object, <a href=\"javascript:window.pwned = 2\">javascript:window.pwned = 3</a> or write to us today.",
    "See [opt out here](javascript:window.pwned=4) and &lt;img src=x onerror=\"window.pwned = 5\"&gt; as well.",
]
SCRIPTS_RAN = "window.pwned !== undefined"


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str  # with its trailing slash
    log: Path

    def get(self, path: str, **options: Any) -> httpx.Response:
        return httpx.get(self.url + path.lstrip("/"), timeout=10, **options)

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                return self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        return self.process.wait(timeout=10)


def start_serve(watchlist: Path, data_dir: Path, *extra: str, env: dict[str, str] | None = None) -> Served:
    log = watchlist.parent / f"serve-{os.urandom(3).hex()}.log"
    with log.open("wb") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--watchlist", str(watchlist), "--data-dir", str(data_dir), "serve",
             "--port", "0", *extra], cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=errors,
            text=True, env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})})
    assert process.stdout is not None
    line = process.stdout.readline()  # "Serving DATA read-only at http://127.0.0.1:PORT/ (Ctrl-C stops)"
    found = re.search(r"http://127\.0\.0\.1:\d+/", line)
    assert found, f"serve did not start: {line!r} {log.read_text()}"
    return Served(process, found.group(0), log)


@dataclass
class Site:
    served: Served
    data_dir: Path
    watchlist: Path
    x_change: int
    hostile_change: int
    alerts: list[dict[str, Any]]

    @property
    def newest_first(self) -> list[int]:
        return sorted((self.x_change, self.hostile_change), reverse=True)


def _watchlist(tmp_path: Path, server: PageServer, extra: str = "") -> Path:
    return write_watchlist(tmp_path, f"""
        [defaults]
        retries = 0
        timeout = 5
        {extra}
        [[service]]
        name = "X"
        opt_out = "{X_OPT_OUT}"
          [[service.document]]
          type = "Terms of Service"
          url = "{server.url('/x/tos')}"
          select = ["main#twtr-main"]

        [[service]]
        name = "{HOSTILE}"
          [[service.document]]
          type = "Privacy Policy"
          url = "{server.url('/hostile')}"
          select = ["main"]

        [[service]]
        name = "Example"
          [[service.document]]
          type = "Broken Policy"
          url = "{server.url('/broken')}"
        """)


def _check(watchlist: Path, data_dir: Path) -> dict[str, Any]:
    wl = load(watchlist)
    with Store(data_dir) as store:
        outcomes = asyncio.run(Checker(wl, store).check(wl.documents))
        deliver_pending(store, wl, flush=True)  # the pass is over, as `check` delivers
    return {outcome.service: outcome for outcome in outcomes}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    tmp_path = tmp_path_factory.mktemp("web")
    data_dir = tmp_path / "data"
    pages = files("monitor.demo_data")
    with PageServer() as server, WebhookReceiver() as hooks:
        server.set_page("/x/tos", pages.joinpath(OLD_PAGE).read_bytes())
        server.set_page("/hostile", policy_page(*LONG_POLICY))
        server.set_page("/broken", "<h1>Internal error</h1>", status=500)
        first = _watchlist(tmp_path, server)
        assert _check(first, data_dir)["X"].status == "new"
        served = start_serve(first, data_dir)
        try:
            # The same documents, now with alerts that link to this server's pages.
            second = _watchlist(tmp_path, server, extra=f"""
                [notify]
                urls = ["{hooks.json_url()}"]
                min_severity = "any"
                failure_threshold = 2
                broken_after = "0s"
                [web]
                base_url = "{served.url}"
                """)
            server.set_page("/x/tos", pages.joinpath(NEW_PAGE).read_bytes())
            server.set_page("/hostile", policy_page(*LONG_POLICY, *HOSTILE_MARKUP, AI_CLAUSE))
            outcomes = _check(second, data_dir)
            assert outcomes["X"].status == outcomes[HOSTILE].status == "changed"
            assert outcomes["Example"].status == "failed"
            yield Site(served, data_dir, second, outcomes["X"].change_id, outcomes[HOSTILE].change_id,
                       [body for _, body in hooks.received])
        finally:
            assert served.stop() == 0, served.log.read_text()


@pytest.fixture(scope="module")
def browser(site: Site) -> Iterator[Any]:
    if find_chromium() is None:
        pytest.skip("no chromium installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_ARGS))
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 1400})
    tab = context.new_page()
    tab.dialogs = []  # every alert() a page manages to call
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()


# -- pages, over plain HTTP ------------------------------------------------------------------------------------


def test_the_changes_page_lists_changes_newest_first_and_filters_them(site: Site) -> None:
    response = site.served.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    text = response.text
    hostile_link, x_link = f'href="/changes/{site.hostile_change}"', f'href="/changes/{site.x_change}"'
    newer, older = (f'href="/changes/{change}"' for change in site.newest_first)
    assert text.index(newer) < text.index(older)
    only_x = site.served.get("/", params={"service": "x"}).text
    assert x_link in only_x and hostile_link not in only_x
    high = site.served.get("/", params={"severity": "high"}).text
    assert x_link in high
    none_left = site.served.get("/", params={"service": "Example"}).text
    assert "No changes with these filters" in none_left
    next_page = site.served.get("/", params={"before": site.newest_first[0]}).text
    assert older in next_page and newer not in next_page
    assert site.served.get("/", params={"severity": "huge"}).status_code == 400


def test_a_documents_history_and_the_health_of_every_document(site: Site) -> None:
    history = site.served.get("/documents/X/Terms%20of%20Service").text
    assert f'href="/changes/{site.x_change}"' in history and "first version" in history
    assert X_OPT_OUT.split(" → ")[0] in history
    health = site.served.get("/health").text
    attention = health[health.index("Needs attention"):health.index("All documents")]
    assert "Broken Policy" in attention and "tracking broken" in attention and "HTTP 500" in attention
    assert "Terms of Service" not in attention
    assert site.served.get("/documents/X/Nothing").status_code == 404
    assert site.served.get("/changes/999999").status_code == 404


def test_the_stance_page_says_where_each_platform_stands_with_its_words(site: Site) -> None:
    page = site.served.get("/stance").text
    x = page[page.index("<h2>X</h2>"):]
    x = x[:x.index("<h2>", 4)] if "<h2>" in x[4:] else x
    trains = re.search(r"<td>trains</td><td><strong>([^<]*)</strong></td><td>([^<]*)</td>", x)
    assert trains and trains.groups() == ("yes", "15 Nov 2024")  # the demo's terms effective 15 November 2024
    assert "training of our machine learning and artificial intelligence models" in x
    assert X_OPT_OUT.split(" → ")[0] in x  # the watchlist's steps beside the policy's words


def test_only_get_and_head_and_nothing_in_the_data_directory_changes(site: Site) -> None:
    def snapshot() -> dict[str, str]:
        return {str(path.relative_to(site.data_dir)): hashlib.sha256(path.read_bytes()).hexdigest()
                for path in sorted(site.data_dir.rglob("*")) if path.is_file() and path.name != "monitor.db-shm"}

    before = snapshot()
    for method in ("POST", "PUT", "DELETE", "PATCH"):
        refused = httpx.request(method, site.served.url + f"changes/{site.x_change}", content=b"x=1", timeout=10)
        assert refused.status_code == 405 and refused.headers["allow"] == "GET, HEAD"
    assert httpx.head(site.served.url, timeout=10).status_code == 200
    for path in ("/", f"/changes/{site.x_change}", "/health", "/feeds/changes.atom",
                 "/documents/X/Terms%20of%20Service", "/no/such/page"):
        response = site.served.get(path)
        assert response.status_code == (404 if "such" in path else 200)
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy and "unsafe" not in policy
    assert snapshot() == before


def test_a_read_only_store_reads_and_cannot_write(site: Site) -> None:
    with Store(site.data_dir, read_only=True) as store:
        assert store.change(site.x_change) is not None and store.services() == sorted(
            ["X", HOSTILE, "Example"], key=str.casefold)
        with pytest.raises(StoreError, match="read-only"):
            store.put_text("a new text")
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            store.clear_schedule()
        assert store.change(site.x_change) is not None


def test_serve_refuses_a_data_directory_that_does_not_exist_and_creates_none(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nothing-here"
    assert main(["--watchlist", str(tmp_path / "none.toml"), "--data-dir", str(missing), "serve", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "no such data directory" in err and "Traceback" not in err
    assert not missing.exists()


# -- the change page, in chromium ----------------------------------------------------------------------------------


def test_the_change_page_shows_findings_first_and_highlights_the_ai_clause(site: Site, page: Any,
                                                                          tmp_path: Path) -> None:
    page.goto(f"{site.served.url}changes/{site.x_change}")
    assert "X changed its Terms of Service" in page.title()
    clause = "for use with and training of our machine learning and artificial intelligence models"
    highlighted = page.locator("tr.ai mark.ai", has_text="training of our machine learning").first
    assert clause in " ".join(highlighted.inner_text().split())
    # Highlighted as the stylesheet says, so the stylesheet was allowed by the Content-Security-Policy.
    assert highlighted.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 241, 168)"
    body = page.inner_text("main")
    assert body.index("Findings") < body.index("How to opt out") < body.index("side by side") < body.index("Word diff")
    assert "X takes a licence" in body and "actor" in body and X_OPT_OUT.split(" (")[0] in body
    assert page.locator(".finding .badge.sev-high").count() >= 1  # each finding with the severity it was rated
    assert page.locator(".words p.ai del, .words p.ai ins").count() > 0  # the word diff marks the edits
    page.screenshot(path=str(tmp_path / "change.png"), full_page=True)
    # Readable on a phone: nothing wider than the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(tmp_path / "change-phone.png"))
    assert (tmp_path / "change.png").stat().st_size > 10_000


def test_a_finding_shows_the_severity_it_was_rated_or_else_the_rule_for_its_kind() -> None:
    rated = {"category": "ai_opt_out", "change": "modified", "text": "…", "severity": "high"}
    stored_before = {key: value for key, value in rated.items() if key != "severity"}
    assert [view["severity"] for view in finding_views([rated, stored_before])] == ["high", "medium"]


def test_a_hostile_policy_page_comes_out_inert(site: Site, page: Any, tmp_path: Path) -> None:
    page.goto(f"{site.served.url}changes/{site.hostile_change}")
    page.screenshot(path=str(tmp_path / "hostile.png"), full_page=True)
    text = page.inner_text("main")
    assert '<script>window.pwned = 1; alert("pwned")</script>' in text  # shown as the text it is
    assert "HOSTILE <B ONMOUSEOVER=ALERT(1)>CORP" in text.upper()
    assert page.locator("script").count() == 0
    assert page.locator("main img, main b[onmouseover]").count() == 0
    assert page.locator("[href^='javascript' i]").count() == 0
    for link in page.locator("main a").all():  # every link goes here, or to the http(s) page itself
        href = link.get_attribute("href") or ""
        assert href.startswith(("/", "http://127.0.0.1")), href
    page.locator("main").hover()
    for link in page.locator("main a").all():
        link.hover()
    assert page.evaluate(SCRIPTS_RAN) is False and page.dialogs == []
    raw = site.served.get(f"/changes/{site.hostile_change}").text
    assert "<script" not in raw and "&lt;script&gt;" in raw
    service_feed = site.served.get(f"/feeds/services/{HOSTILE.replace(' ', '%20')}.atom")
    assert service_feed.status_code == 200 and "<script" not in service_feed.text


# -- feeds and alerts lead to the change page ---------------------------------------------------------------------


def test_feeds_are_valid_atom_and_their_entries_lead_to_the_change_page(site: Site, page: Any) -> None:
    feed = feedparser.parse(site.served.get("/feeds/ai.atom").text)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    links = [entry.link for entry in feed.entries]
    assert links == [f"{site.served.url}changes/{change}" for change in site.newest_first]
    x_entry = feed.entries[site.newest_first.index(site.x_change)]
    content = x_entry.content[0].value
    assert "X takes a licence" in content and "★ AI clause" in content
    assert "more changed sentences" in content  # bounded: the rest is on the page
    every = feedparser.parse(site.served.get("/feeds/changes.atom").text)
    assert not every.bozo and len(every.entries) == 2
    only_x = feedparser.parse(site.served.get("/feeds/services/x.atom").text)
    assert [entry.link for entry in only_x.entries] == [x_entry.link]
    assert site.served.get("/feeds/services/Nobody.atom").status_code == 404
    page.goto(x_entry.link)
    assert page.locator("tr.ai mark.ai").count() > 0 and "X changed its Terms of Service" in page.title()


def test_an_alert_links_to_the_change_page(site: Site, page: Any) -> None:
    changes = [body for body in site.alerts if "changed its" in body.get("title", "")]
    assert len(changes) == 2
    x_alert = next(body for body in changes if body["title"].startswith("X "))
    links = re.findall(r"http://127\.0\.0\.1:\d+/changes/\d+", x_alert["message"])
    assert links == [f"{site.served.url}changes/{site.x_change}"]
    broken = [body for body in site.alerts if "Tracking broken" in body.get("title", "")]
    assert broken and "/changes/" not in broken[0]["message"]
    page.goto(links[0])
    assert "X changed its Terms of Service" in page.title()
    assert page.locator("tr.ai mark.ai").count() > 0


def with_token(tmp_path: Path, watchlist: Path, variable: str) -> Path:
    """The watchlist with ``[web] token = "${variable}"``."""
    text = watchlist.read_text(encoding="utf-8").replace("[web]", f'[web]\ntoken = "${{{variable}}}"')
    return write_watchlist(tmp_path, text, name=f"with-{variable}.toml")


# -- the token -------------------------------------------------------------------------------------------------


def test_a_token_is_needed_on_every_request_and_links_carry_it(site: Site, tmp_path: Path) -> None:
    secret = "tok-" + os.urandom(12).hex()
    watchlist = with_token(tmp_path, site.watchlist, "PM_WEB_TOKEN")
    served = start_serve(watchlist, site.data_dir, env={"PM_WEB_TOKEN": secret})
    try:
        for path in ("/", f"/changes/{site.x_change}", "/feeds/ai.atom", "/no/such/page"):
            assert served.get(path).status_code == 401
            assert served.get(path, params={"token": secret[:-1]}).status_code == 401
        assert served.get("/", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
        assert httpx.post(served.url, params={"token": secret}, timeout=10).status_code == 405
        listed = served.get("/", params={"token": secret})
        assert listed.status_code == 200 and listed.headers["cache-control"] == "no-store"
        assert f'href="/changes/{site.x_change}?token={secret}"' in listed.text
        feed = feedparser.parse(served.get("/feeds/ai.atom", params={"token": secret}).text)
        assert not feed.bozo and all(entry.link.endswith(f"?token={secret}") for entry in feed.entries)
        followed = urlsplit(feed.entries[0].link)  # the host of [web] base_url: the first server's
        assert served.get(f"{followed.path}?{followed.query}").status_code == 200
    finally:
        assert served.stop() == 0
    assert secret not in served.log.read_text()


@pytest.mark.parametrize(("argv", "message"), [
    (["serve", "--port", "70000"], "not a port number"),
    (["serve", "--token", " "], "the token is empty"),
])
def test_bad_serve_options_are_one_line(tmp_path: Path, capsys, argv: list[str], message: str) -> None:
    assert main(["--watchlist", str(tmp_path / "none.toml"), "--data-dir", str(tmp_path / "d"), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and err.strip().count("\n") == 0 and "Traceback" not in err


def test_a_taken_port_and_an_unset_token_variable_are_one_line_errors(site: Site, tmp_path: Path, capsys) -> None:
    port = site.served.url.rsplit(":", 1)[1].strip("/")
    base = ["--watchlist", str(site.watchlist), "--data-dir", str(site.data_dir), "serve"]
    assert main([*base, "--port", port]) == 2
    assert "cannot listen on 127.0.0.1:" in capsys.readouterr().err
    unset = with_token(tmp_path, site.watchlist, "PM_UNSET_TOKEN_VAR")
    assert main(["--watchlist", str(unset), "--data-dir", str(site.data_dir), "serve", "--port", "0"]) == 2
    assert "PM_UNSET_TOKEN_VAR is not set" in capsys.readouterr().err


# -- run --serve ----------------------------------------------------------------------------------------------


def test_run_serve_shows_what_the_daemon_records_and_stops_with_it(tmp_path: Path, server: PageServer) -> None:
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    watchlist = watchlist_file(tmp_path, document("Privacy Policy", server.url("/privacy")))
    log = tmp_path / "daemon.log"
    with log.open("wb") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "monitor", "--watchlist", str(watchlist), "--data-dir", str(tmp_path / "data"),
             "--log-level", "INFO", "run", "--serve", "--port", "0"], cwd=REPO, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=errors, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url = wait_until(lambda: re.search(r"read-only at (http://127\.0\.0\.1:\d+/)", log.read_text()), 15,
                         "the web address in the log").group(1)
        wait_until(lambda: "first version recorded" in log.read_text(), 15, "the first check")
        server.set_page("/privacy", policy_page(*LONG_POLICY, AI_CLAUSE))
        def listed_change() -> str | None:
            text = httpx.get(url, timeout=5).text
            return text if "Example — Privacy Policy" in text else None

        listed = wait_until(listed_change, 20, "the daemon's change on the changes page")
        change = re.search(r'href="(/changes/\d+)"', listed).group(1)
        assert AI_CLAUSE in httpx.get(url.rstrip("/") + change, timeout=5).text
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
        with pytest.raises(httpx.ConnectError):
            httpx.get(url, timeout=2)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)


# -- [web] in the watchlist -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("table", "message"), [
    ('[web]\nbase = "https://monitor.example.org"', "unknown key in [web]"),
    ('[web]\nbase_url = "javascript:alert(1)"', "only http and https"),
    ('[web]\nbase_url = "https://monitor.example.org/?a=1"', "must not have a query"),
    ('[web]\ntoken = "hunter2-in-the-file"', "must name an environment variable"),
    ("web = 1", "must be a table"),
])
def test_a_bad_web_table_is_a_located_watchlist_error(tmp_path: Path, capsys, table: str, message: str) -> None:
    watchlist = tmp_path / "watchlist.toml"
    watchlist.write_text(table + '\n[[service]]\nname = "X"\n[[service.document]]\ntype = "T"\n'
                         'url = "https://x.example/tos"\n', encoding="utf-8")
    assert main(["--watchlist", str(watchlist), "validate"]) == 2
    err = capsys.readouterr().err
    assert message in err and f"{watchlist}:" in err and err.strip().count("\n") == 0


def test_an_alert_carries_the_link_only_with_a_base_url() -> None:
    from monitor.notify import AlertEvent, render_event

    event = AlertEvent(kind="change", service="X", document="Terms of Service", url="https://x.com/en/tos",
                       detected_at="2024-11-15T08:00:00+00:00", summary="AI-training clause added", severity="high")
    linked = dataclasses.replace(event, page_url="https://monitor.example.org/changes/7")
    for style in ("text", "markdown", "html"):
        assert "/changes/" not in render_event(event, style).body
        body = render_event(linked, style).body
        assert "https://monitor.example.org/changes/7" in body and "policy-monitor diff X" in body
