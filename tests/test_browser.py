"""Pages that need JavaScript, through the real chromium (monitor.browser) and the real Checker pipeline.

One chromium serves the whole module (a module-scoped event loop owns it) except in the first test, where the
Checker opens its own, as it does in a real pass.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from monitor.browser import BrowserFetcher, find_chromium
from monitor.localserver import PageServer
from monitor.pipeline import Checker
from monitor.watchlist import Defaults, Source, load
from tests.conftest import (
    LONG_POLICY,
    document_table,
    example_watchlist,
    free_port,
    policy_page,
    table_count,
)
from tests.test_documents import PDF_LINES, make_pdf
from tests.test_private_network import public_in_this_test

pytestmark = pytest.mark.skipif(find_chromium() is None, reason="no chromium installed (apt-get install chromium)")

USER_AGENT = "policy-monitor-test/1.0"
MAX_SIZE = 1024 * 1024  # the shared chromium's max_size


def js_page(*paragraphs: str, delay_ms: int = 150, target: str = "policy") -> str:
    """A policy page whose text is written by JavaScript after the page has loaded: plain HTTP sees none of it."""
    html = json.dumps("<h1>Privacy Policy</h1>" + "".join(f"<p>{p}</p>" for p in paragraphs))
    return (f"<html><head><title>Privacy Policy</title></head><body><nav>Home</nav><main id='{target}'></main>"
            f"<script>setTimeout(function () {{ document.getElementById('{target}').innerHTML = {html}; }}, "
            f"{delay_ms});</script></body></html>")


def two_modes_watchlist(tmp_path, url: str):
    return load(example_watchlist(tmp_path, document_table(url, "Privacy Policy (http)", select=["main"]),
                                  document_table(url, "Privacy Policy (browser)", select=["main"], fetch="browser"),
                                  defaults={"retries": 0, "timeout": 15, "user_agent": USER_AGENT},
                                  opt_out="Settings → Privacy → AI: off"))


def test_text_written_by_javascript_is_missed_by_http_and_recorded_by_the_browser(tmp_path, server, store) -> None:
    server.set_page("/privacy", js_page(*LONG_POLICY))
    watchlist = two_modes_watchlist(tmp_path, server.url("/privacy"))
    by_mode = {o.type: o for o in asyncio.run(Checker(watchlist, store).check(watchlist.documents))}
    http, browser = by_mode["Privacy Policy (http)"], by_mode["Privacy Policy (browser)"]
    assert http.status == "failed" and http.reason in {"empty", "selector_missing"}
    assert browser.status == "new", browser.error
    text = store.text_of(store.current_version("Example/Privacy Policy (browser)"))
    assert text.startswith("# Privacy Policy") and LONG_POLICY[-1] in text and "Home" not in text
    assert store.current_version("Example/Privacy Policy (http)") is None
    assert {r.headers.get("User-Agent") for r in server.requests_for("/privacy")} == {USER_AGENT}
    # The script now writes an AI-training clause: the browser document records a change.
    server.set_page("/privacy", js_page(*LONG_POLICY, "We may use your posts to train our artificial intelligence "
                                        "models."))
    again = {o.type: o for o in asyncio.run(Checker(watchlist, store).check(watchlist.documents))}
    assert again["Privacy Policy (browser)"].status == "changed"
    assert again["Privacy Policy (browser)"].stats["added"] == 1
    assert again["Privacy Policy (http)"].status == "failed"


# -- one chromium for the rest of the module -------------------------------------------------------------------

class SharedBrowser:
    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.fetcher = BrowserFetcher(Defaults(timeout=10, concurrency=2, per_host_concurrency=2,
                                               user_agent=USER_AGENT, max_size=MAX_SIZE),
                                      is_public=public_in_this_test)
        self.loop.run_until_complete(self.fetcher.__aenter__())

    def run(self, awaitable: Any) -> Any:
        return self.loop.run_until_complete(awaitable)

    def fetch(self, url: str, **source: Any) -> Any:
        timeout = source.pop("timeout", 10)
        return self.run(self.fetcher.fetch(Source(url=url, **source), timeout=timeout))

    def checker(self, watchlist, store) -> Checker:
        @asynccontextmanager
        async def borrowed():
            yield self.fetcher

        return Checker(watchlist, store, fetchers={"browser": borrowed})

    def close(self) -> None:
        self.run(self.fetcher.__aexit__(None, None, None))
        self.loop.close()


@pytest.fixture(scope="module")
def chromium() -> Iterator[SharedBrowser]:
    shared = SharedBrowser()
    assert shared.fetcher.start_error is None, shared.fetcher.start_error
    yield shared
    shared.close()


def test_a_fetch_returns_the_rendered_html_as_a_fetch_result(chromium, server) -> None:
    server.set_page("/p", js_page(*LONG_POLICY[:3]))
    result = chromium.fetch(server.url("/p"), select=("main h1",))
    assert result.ok and result.status == 200 and result.content_type == "text/html; charset=utf-8"
    assert "<h1>Privacy Policy</h1>" in result.text and result.body == result.text.encode("utf-8")
    assert result.final_url == server.url("/p")


def test_wait_for_waits_for_its_own_selector(chromium, server) -> None:
    late = ("<html><body><main><p>Loading…</p></main><script>setTimeout(function () { var d = "
            "document.createElement('div'); d.id = 'late'; d.textContent = 'The full policy.'; "
            "document.body.appendChild(d); }, 700);</script></body></html>")
    server.set_page("/late", late)
    assert "The full policy." in chromium.fetch(server.url("/late"), select=("main",), wait_for="#late").text
    never = chromium.fetch(server.url("/late"), select=("main",), wait_for="#never", timeout=1)
    assert never.error_kind == "timeout" and "#never" in never.error


def test_page_faults_are_results_not_exceptions(chromium, server) -> None:
    server.set_page("/gone", "<h1>Not Found</h1>", status=404)
    gone = chromium.fetch(server.url("/gone"))
    assert (gone.error_kind, gone.status) == ("http", 404) and "Not Found" in gone.text

    refused = chromium.fetch(f"http://127.0.0.1:{free_port()}/")  # a port nobody listens on
    assert refused.error_kind == "network" and "ERR_CONNECTION_REFUSED" in refused.error

    released = threading.Event()
    server.set_handler("/hang", lambda request: released.wait(30))  # answers nothing until the fetch is over
    started = time.monotonic()
    try:
        hung = chromium.fetch(server.url("/hang"), timeout=1)
    finally:
        released.set()
    assert hung.error_kind == "timeout" and time.monotonic() - started < 5  # its own 1 s, not the default 10 s

    missing = chromium.fetch(server.url("/gone-too"), timeout=1)
    assert missing.error_kind == "http"


def test_a_select_target_that_never_appears_is_reported_by_the_guard(chromium, tmp_path, server, store) -> None:
    server.set_page("/empty", "<html><body><div>Our policy moved.</div></body></html>")
    watchlist = load(example_watchlist(tmp_path, document_table(server.url("/empty"), select=["#policy"],
                                                                fetch="browser", timeout=1)))
    outcome, = chromium.run(chromium.checker(watchlist, store).check(watchlist.documents))
    assert outcome.status == "failed" and outcome.reason == "selector_missing"


def test_the_global_concurrency_limit_holds(chromium, server) -> None:
    lock, active, peak = threading.Lock(), [0], [0]

    def slow(request) -> None:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.3)
        with lock:
            active[0] -= 1
        body = policy_page(*LONG_POLICY[:2]).encode()
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    for n in range(4):
        server.set_handler(f"/slow{n}", slow)
    fetches = [chromium.fetcher.fetch(Source(url=server.url(f"/slow{n}"), select=("main",)), timeout=10)
               for n in range(4)]

    async def all_of() -> list[Any]:
        return await asyncio.gather(*fetches)

    assert all(result.ok for result in chromium.run(all_of()))
    assert peak[0] <= 2  # concurrency = 2


def test_a_combined_document_can_mix_http_and_browser_pages(chromium, tmp_path, server, store) -> None:
    server.set_page("/privacy", policy_page(*LONG_POLICY[:10]))
    server.set_page("/supplement", js_page(*LONG_POLICY[10:], target="supplement"))
    combine = [{"url": server.url("/privacy")},
               {"url": server.url("/supplement"), "fetch": "browser", "select": ["#supplement"]}]
    watchlist = load(example_watchlist(tmp_path, document_table(None, select=["main"], combine=combine),
                                       defaults={"retries": 0}))
    document, = watchlist.documents
    assert document.needs_browser and [s.fetch for s in document.sources] == ["http", "browser"]
    outcome, = chromium.run(chromium.checker(watchlist, store).check(watchlist.documents))
    assert outcome.status == "new", outcome.error
    text = store.text_of(store.current_version("Example/Privacy Policy"))
    assert text.index(LONG_POLICY[9]) < text.index(LONG_POLICY[10]) and LONG_POLICY[-1] in text
    assert table_count(store, "sources") == 2


def test_a_pdf_behind_a_browser_document_is_read_as_pdf(chromium, tmp_path, server, store) -> None:
    server.set_page("/terms.pdf", make_pdf(*PDF_LINES), content_type="application/pdf")
    watchlist = load(example_watchlist(tmp_path, document_table(server.url("/terms.pdf"), "Terms", fetch="browser")))
    outcome, = chromium.run(chromium.checker(watchlist, store).check(watchlist.documents))
    assert outcome.status == "new", outcome.error
    assert PDF_LINES[-1] in store.text_of(store.current_version("Example/Terms"))


def test_a_browser_that_cannot_start_fails_only_the_browser_documents(tmp_path, server, store, monkeypatch) -> None:
    monkeypatch.setenv("POLICY_MONITOR_CHROMIUM", str(tmp_path / "no-such-chromium"))
    server.set_page("/static", policy_page(*LONG_POLICY))
    watchlist = load(example_watchlist(tmp_path, document_table(server.url("/static"), "Terms", select=["main"]),
                                       document_table(server.url("/static"), select=["main"], fetch="browser"),
                                       defaults={"retries": 0}))
    outcomes = {o.type: o for o in asyncio.run(Checker(watchlist, store).check(watchlist.documents))}
    assert outcomes["Terms"].status == "new"
    browser = outcomes["Privacy Policy"]
    assert browser.status == "failed" and browser.reason == "network"
    assert browser.error.startswith("the browser could not start")


# -- hostile pages -----------------------------------------------------------------------------------------------

def _descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        try:
            status = open(f"/proc/{entry}/status", encoding="utf-8").read() if entry.isdigit() else ""
        except OSError:  # gone meanwhile
            continue
        found = re.search(r"^PPid:\s*(\d+)", status, re.MULTILINE)
        if found:
            parents[int(entry)] = int(found.group(1))
    children, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        for child, its_parent in parents.items():
            if its_parent == parent:
                children.append(child)
                frontier.append(child)
    return children


def _renderers() -> list[tuple[int, str, bool, bool]]:
    """This process's chromium renderers: (pid, seccomp mode, in a PID namespace of its own, --no-sandbox)."""
    renderers = []
    for pid in _descendants(os.getpid()):
        try:
            command = open(f"/proc/{pid}/cmdline", "rb").read()
            status = open(f"/proc/{pid}/status", encoding="utf-8").read()
            namespace = os.readlink(f"/proc/{pid}/ns/pid")
        except OSError:
            continue
        seccomp = re.search(r"^Seccomp:\s*(\d)", status, re.MULTILINE)
        if b"--type=renderer" in command and seccomp:
            renderers.append((pid, seccomp.group(1), namespace != os.readlink("/proc/self/ns/pid"),
                              b"--no-sandbox" in command))
    return renderers


def test_chromium_renders_pages_inside_its_sandbox(chromium, server) -> None:
    server.set_page("/p", js_page(*LONG_POLICY[:3]))

    async def renderers_while_a_page_is_open() -> list[tuple[int, str, bool, bool]]:
        page = asyncio.ensure_future(chromium.fetcher.fetch(Source(url=server.url("/p"), wait_for="#never"),
                                                            timeout=3))
        await asyncio.sleep(1.5)
        found = await asyncio.to_thread(_renderers)
        await page
        return found

    renderers = chromium.run(renderers_while_a_page_is_open())
    assert chromium.fetcher.sandboxed
    assert renderers, "no chromium renderer found"
    # seccomp-bpf filter on (mode 2) and a PID namespace of its own: chromium's Linux sandbox.
    assert all(seccomp == "2" and own_namespace and not unsandboxed
               for _, seccomp, own_namespace, unsandboxed in renderers), renderers


def test_a_page_over_max_size_is_too_large_however_it_gets_there(chromium, server) -> None:
    huge = "<html><body><main>" + "<p>We collect data.</p>" * (MAX_SIZE // 20) + "</main></body></html>"
    server.set_page("/huge", huge)  # with a Content-Length
    assert chromium.fetch(server.url("/huge")).error_kind == "too_large"

    def chunked_script(request) -> None:  # no Content-Length: counted as chromium receives it
        request.send_response(200)
        request.send_header("Content-Type", "application/javascript")
        request.send_header("Transfer-Encoding", "chunked")
        request.end_headers()
        chunk = b"// " + b"x" * 65_000 + b"\n"
        try:
            for _ in range(MAX_SIZE // len(chunk) * 4):
                request.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            request.wfile.write(b"0\r\n\r\n")
        except OSError:  # the browser hung up: the point
            pass

    server.set_handler("/big.js", chunked_script)
    server.set_page("/with-script", "<html><body><main><p>Policy.</p></main><script src='/big.js'></script>"
                                    "</body></html>")
    scripted = chromium.fetch(server.url("/with-script"))
    assert scripted.error_kind == "too_large" and "cap" in scripted.error

    # A few bytes on the wire, megabytes of page: the rendered HTML is held to the cap too.
    server.set_page("/grows", "<html><body><main id='m'></main><script>document.getElementById('m').textContent"
                              f" = 'policy '.repeat({MAX_SIZE // 4});</script></body></html>")
    grown = chromium.fetch(server.url("/grows"))
    assert grown.error_kind == "too_large" and "rendered page" in grown.error

    server.set_page("/big.pdf", b"%PDF-1.4\n" + b"0" * (MAX_SIZE + 10), content_type="application/pdf")
    download = chromium.fetch(server.url("/big.pdf"))
    assert download.error_kind == "too_large" and download.body == b""


def test_a_public_page_cannot_reach_private_addresses_through_the_browser(chromium, server) -> None:
    # 127.0.0.2 counts as public here (see tests/test_private_network.py); 127.0.0.1 is what it is, loopback.
    with PageServer(host="127.0.0.2") as public:
        secret = server.url("/internal")
        server.set_page("/internal", "<main>Internal admin console.</main>")
        public.set_page("/p", f"""<html><body><main><h1>Privacy Policy</h1><p>{LONG_POLICY[0]}</p></main>
            <img src="{secret}?img"><script>
            fetch("{secret}?post", {{method: "POST", body: "x", mode: "no-cors"}}).catch(function () {{}});
            var frame = document.createElement("iframe"); frame.src = "{secret}?frame";
            document.body.appendChild(frame);
            </script></body></html>""")
        page = chromium.fetch(public.url("/p"), select=("main",))
        assert page.ok and LONG_POLICY[0] in page.text
        assert server.requests_for("/internal") == [] and server.posts == []  # nothing was even sent

        public.set_page("/moved", "", status=302, headers={"Location": secret})
        moved = chromium.fetch(public.url("/moved"))
        assert moved.error_kind == "redirect" and "private address" in moved.error and not moved.body

        allowed = chromium.fetch(public.url("/moved"), allow_private_network=True)
        assert allowed.ok and "Internal admin console." in allowed.text
