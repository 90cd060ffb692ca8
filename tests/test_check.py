"""The pipeline against a real HTTP server on 127.0.0.1: what becomes a version, and what never does."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.blobs import blob_path
from monitor.localserver import PageServer
from monitor.store import Store
from monitor.watchlist import load
from tests.conftest import (
    LONG_POLICY,
    blob_count,
    check_once,
    one_document_watchlist,
    policy_page,
    table_count,
    write_watchlist,
)


@pytest.fixture
def watched(tmp_path: Path, server: PageServer, store: Store):
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    watchlist = one_document_watchlist(tmp_path, server.url("/privacy"))
    first = check_once(watchlist, store)
    assert first.status == "new" and first.version == 1
    return watchlist


def test_a_second_check_of_an_unchanged_page_adds_no_version_and_no_blob(watched, server, store) -> None:
    server.set_page("/privacy", policy_page(*LONG_POLICY), etag=False)  # no validators: a full 200 again
    blobs = blob_count(store)
    outcome = check_once(watched, store)
    assert outcome.status == "unchanged"
    assert table_count(store, "versions") == 1
    assert blob_count(store) == blobs
    assert table_count(store, "checks") == 2


def test_the_raw_snapshot_is_kept_apart_from_the_version_text(watched, server, store) -> None:
    served = policy_page(*LONG_POLICY).encode()
    check, = store.checks("Example/Privacy Policy")
    assert store.get_blob(check["snapshot"]) == served
    version = store.current_version("Example/Privacy Policy")
    assert version.text_hash != check["snapshot"] and "<main>" not in store.text_of(version)


def test_etag_is_sent_back_and_a_304_is_an_unchanged_check(watched, server, store) -> None:
    outcome = check_once(watched, store)
    last_request = server.requests_for("/privacy")[-1]
    assert last_request.headers.get("If-None-Match", "").startswith('"')
    assert outcome.status == "not_modified"
    assert table_count(store, "versions") == 1
    assert store.document_state("Example/Privacy Policy").health == "ok"


def test_last_modified_is_sent_back_as_if_modified_since(tmp_path, server, store) -> None:
    stamp = "Wed, 21 Oct 2024 07:28:00 GMT"
    server.set_page("/privacy", policy_page(*LONG_POLICY), etag=False, last_modified=stamp)
    watchlist = one_document_watchlist(tmp_path, server.url("/privacy"))
    check_once(watchlist, store)
    assert check_once(watchlist, store).status == "not_modified"
    assert server.requests_for("/privacy")[-1].headers.get("If-Modified-Since") == stamp


def test_a_change_of_markup_alone_is_no_new_version(watched, server, store) -> None:
    restyled = policy_page(*LONG_POLICY).replace("<p>", '<p class="v2">\n   <span>').replace("</p>", "</span></p>")
    server.set_page("/privacy", restyled.replace("<nav>Home | Help</nav>", "<nav>Home | Help | Jobs</nav>"))
    outcome = check_once(watched, store)
    assert outcome.status == "unchanged"
    assert table_count(store, "versions") == 1


def test_a_changed_sentence_becomes_a_version_and_a_change(watched, server, store) -> None:
    edited = list(LONG_POLICY)
    edited[4] = edited[4].replace("secure the service", "secure and improve the service")
    server.set_page("/privacy", policy_page(*edited))
    outcome = check_once(watched, store)
    assert outcome.status == "changed" and outcome.version == 2
    assert outcome.stats["modified"] == 1
    change, = store.changes()
    assert (change.from_version, change.to_version) == (1, 2)
    assert store.document_state("Example/Privacy Policy").last_change is not None


CHALLENGE = ("<html><head><title>Just a moment...</title></head><body><div id='challenge-form'>"
             "Checking your browser before accessing example.com.</div>"
             "<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1'></script></body></html>")


@pytest.mark.parametrize(
    ("page", "options", "reason"),
    [
        (CHALLENGE, {}, "bot_challenge"),
        ("<h1>Service Unavailable</h1>", {"status": 503}, "http"),
        ("", {}, "empty"),
        ("<html><body><div>Our policy moved, sorry.</div></body></html>", {}, "selector_missing"),
        (policy_page(*LONG_POLICY[:3]), {}, "shrink"),
        ("<html><head><title>Access Denied</title></head><body>You don't have permission to access this "
         "server.</body></html>", {"status": 403}, "access_denied"),
    ],
    ids=["challenge", "503", "empty", "selector-missing", "shrink-to-a-tenth", "403-access-denied"],
)
def test_bad_pages_fail_the_check_and_leave_the_last_version_untouched(watched, server, store, page, options,
                                                                       reason) -> None:
    server.set_page("/privacy", page, **options)
    outcome = check_once(watched, store)
    assert outcome.status == "failed" and outcome.reason == reason
    assert table_count(store, "versions") == 1 and table_count(store, "changes") == 0
    state = store.document_state("Example/Privacy Policy")
    assert state.health == "failing" and state.consecutive_failures == 1 and state.last_error_kind == reason
    assert store.current_version("Example/Privacy Policy").number == 1
    # The next good fetch proceeds normally.
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    assert check_once(watched, store).status in {"unchanged", "not_modified"}
    assert store.document_state("Example/Privacy Policy").consecutive_failures == 0


def test_an_oversized_body_is_cut_off_at_the_cap(tmp_path, server, store) -> None:
    server.set_page("/privacy", policy_page(*LONG_POLICY) + "<!--" + "x" * 300_000 + "-->")
    watchlist = one_document_watchlist(tmp_path, server.url("/privacy"), extra_defaults="max_size = 100000")
    outcome = check_once(watchlist, store)
    assert outcome.status == "failed" and outcome.reason == "too_large"
    assert "100,000-byte cap" in outcome.error
    assert table_count(store, "versions") == 0


def test_a_streamed_body_without_length_is_cut_off_while_streaming(tmp_path, server, store) -> None:
    sent = []

    def endless(request) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.send_header("Connection", "close")
        request.end_headers()
        try:
            for _ in range(2000):  # up to 20 MB, far past the cap; the client must hang up first
                request.wfile.write(b"<p>" + b"a" * 10_000 + b"</p>")
                sent.append(1)
        except OSError:
            pass

    server.set_handler("/privacy", endless)
    watchlist = one_document_watchlist(tmp_path, server.url("/privacy"), extra_defaults="max_size = 50000")
    outcome = check_once(watchlist, store)
    assert outcome.reason == "too_large"
    assert len(sent) < 2000


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("<html><body><main><p>Données personnelles – “café” naïve ½</p></main></body></html>".encode("cp1252"),
         "text/html; charset=windows-1252"),
        ('<html><head><meta charset="windows-1252"></head><body><main><p>Données personnelles – “café” naïve ½</p>'
         "</main></body></html>".encode("cp1252"), "text/html"),
        ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><main>'
         "<p>Données personnelles – “café” naïve ½</p></main></body></html>".encode("cp1252"), "text/html"),
        ("<html><body><main><p>Données personnelles – “café” naïve ½</p></main></body></html>".encode("cp1252"),
         "text/html; charset=utf-8"),  # the header lies: detection takes over
        ("<html><body><main><p>Données personnelles – ".encode() + "“".encode("cp1252") + "café".encode()
         + "”".encode("cp1252") + " naïve ½</p></main></body></html>".encode(),
         "text/html; charset=utf-8"),  # UTF-8 with curly quotes pasted from a word processor in Windows-1252
    ],
    ids=["header-windows-1252", "meta-charset", "meta-http-equiv-latin1", "wrong-declared-charset", "utf-8-twingled"],
)
def test_charsets_are_decoded_right(tmp_path, server, store, body, content_type) -> None:
    server.set_page("/privacy", body, content_type=content_type)
    watchlist = one_document_watchlist(tmp_path, server.url("/privacy"))
    outcome = check_once(watchlist, store)
    assert outcome.status == "new"
    text = store.text_of(store.current_version("Example/Privacy Policy"))
    assert "Données personnelles – “café” naïve ½" in text


def test_a_503_then_success_is_retried_within_the_check(tmp_path, server, store) -> None:
    calls = []

    def flaky(request) -> None:
        calls.append(1)
        if len(calls) == 1:
            request.send_response(503)
            request.send_header("Retry-After", "0")
            request.send_header("Content-Length", "0")
            request.end_headers()
            return
        body = policy_page(*LONG_POLICY).encode()
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    server.set_handler("/privacy", flaky)
    watchlist = one_document_watchlist(tmp_path, server.url("/privacy"))
    assert check_once(watchlist, store).status == "new"
    assert len(calls) == 2


def test_user_agent_is_configurable(tmp_path, server, store) -> None:
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    watchlist = one_document_watchlist(tmp_path, server.url("/privacy"), extra_defaults='user_agent = "pm-test/9"')
    check_once(watchlist, store)
    assert server.requests_for("/privacy")[0].headers["User-Agent"] == "pm-test/9"


def test_a_combined_document_joins_its_pages_in_order(tmp_path, server, store) -> None:

    server.set_page("/part1", policy_page("Part one says we collect your data for many reasons."))
    server.set_page("/part2", policy_page("Part two says you may ask us to delete it at any time."))
    path = write_watchlist(tmp_path, f"""
        [[service]]
        name = "Example"
          [[service.document]]
          type = "Privacy Policy"
          select = ["main"]
          combine = [{{ url = "{server.url('/part1')}" }}, {{ url = "{server.url('/part2')}" }}]
        """)
    watchlist = load(path)
    assert check_once(watchlist, store).status == "new"
    text = store.text_of(store.current_version("Example/Privacy Policy"))
    assert text.index("Part one") < text.index("Part two")


def test_a_page_whose_markup_changes_at_every_fetch_adds_a_small_delta_each_time(tmp_path, server, store) -> None:
    watchlist = one_document_watchlist(tmp_path, server.url("/privacy"))
    page = policy_page(*LONG_POLICY)
    sizes = []
    for nonce in range(4):
        server.set_page("/privacy", page.replace("var x = 1;", f"var csrf = '{nonce:032x}';"), etag=False)
        outcome = check_once(watchlist, store)
        check = store.checks("Example/Privacy Policy")[0]  # the newest first
        assert outcome.status == ("new" if nonce == 0 else "unchanged")
        sizes.append(blob_path(store.data_dir, check["snapshot"]).stat().st_size)
        assert b"csrf = '%032x'" % nonce in store.get_blob(check["snapshot"])
    assert table_count(store, "versions") == 1
    assert max(sizes[1:]) * 4 < sizes[0], sizes


def test_a_range_selector_watches_only_its_part_of_the_page(tmp_path, server, store) -> None:

    def page(header: str, clause: str, end: str = '<div class="share">Share</div>') -> str:
        return (f"<html><body><div id='app'><h1>{header}</h1><h2 id='ai'>AI and your content</h2>"
                f"<p>{clause}</p><p>{' '.join(LONG_POLICY)}</p>{end}<p>Related articles</p></div></body></html>")

    watchlist = load(write_watchlist(tmp_path, f"""
        [[service]]
        name = "Example"
          [[service.document]]
          type = "Privacy Policy"
          url = "{server.url('/help')}"
          select = [{{ startBefore = "h2#ai", endBefore = ".share" }}]
        """))
    server.set_page("/help", page("Help Center", "We do not use your posts for AI."), etag=False)
    assert check_once(watchlist, store).status == "new"
    text = store.text_of(store.current_version("Example/Privacy Policy"))
    assert text.startswith("## AI and your content\n\nWe do not use your posts for AI.")
    assert "Help Center" not in text and "Related articles" not in text
    server.set_page("/help", page("Help Centre (new design)", "We do not use your posts for AI."), etag=False)
    assert check_once(watchlist, store).status == "unchanged"  # outside the range
    server.set_page("/help", page("Help Centre", "We may use your posts to train our AI models."), etag=False)
    changed = check_once(watchlist, store)
    assert changed.status == "changed" and changed.ai_relevant
    server.set_page("/help", page("Help Centre", "We may use your posts to train our AI models.", end=""), etag=False)
    failed = check_once(watchlist, store)
    assert failed.status == "failed" and failed.reason == "selector_missing"
    assert table_count(store, "versions") == 2
