"""Where a redirect may go: a page served from a public address may not lead the fetcher into loopback, link-local,
private or unique-local addresses, unless its document sets ``allow_private_network``.

Every server here is on loopback, where nothing is public. So these tests make 127.0.0.2 and 127.0.0.3 count as
public addresses, through the fetcher's ``is_public`` hook: the one fault no real part can produce on a machine
with no network. Everything else (servers, redirects, resolution of ``localhost``, the Checker) is real.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.fetch import HttpFetcher, is_public_address
from monitor.localserver import PageServer
from monitor.pipeline import Checker, CheckOutcome
from monitor.store import Store
from monitor.watchlist import Watchlist, WatchlistError, load
from tests.conftest import LONG_POLICY, policy_page, write_watchlist

STAND_IN_PUBLIC = frozenset({"127.0.0.2", "127.0.0.3"})


def public_in_this_test(address: str) -> bool:
    return address in STAND_IN_PUBLIC or is_public_address(address)


@pytest.fixture
def public() -> Iterator[PageServer]:
    """A site at a "public" address."""
    with PageServer(host="127.0.0.2") as site:
        yield site


@pytest.fixture
def other_public() -> Iterator[PageServer]:
    with PageServer(host="127.0.0.3") as site:
        yield site


def redirect(server: PageServer, path: str, target: str) -> None:
    server.set_page(path, "", status=302, headers={"Location": target})


def watch(tmp_path: Path, url: str, extra: str = "") -> Watchlist:
    return load(write_watchlist(tmp_path, f"""
        [defaults]
        retries = 0
        timeout = 5
        [[service]]
        name = "Example"
          [[service.document]]
          type = "Terms"
          url = "{url}"
          select = ["main"]
          {extra}
        """))


def check(watchlist: Watchlist, store: Store) -> CheckOutcome:
    checker = Checker(watchlist, store, fetchers={
        "http": lambda: HttpFetcher(watchlist.defaults, is_public=public_in_this_test)})
    outcome, = asyncio.run(checker.check(watchlist.documents))
    return outcome


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_a_public_page_redirecting_into_loopback_is_refused_before_the_request(
        tmp_path: Path, public: PageServer, server: PageServer, store: Store, host: str) -> None:
    server.set_page("/admin", policy_page("Internal admin console: 3 users, password reset links.", *LONG_POLICY))
    redirect(public, "/terms", f"http://{host}:{server.port}/admin")
    outcome = check(watch(tmp_path, public.url("/terms")), store)
    assert (outcome.status, outcome.reason) == ("failed", "redirect")
    assert "a private one (127.0.0.1" in outcome.error or "a private one (::1" in outcome.error
    assert "allow_private_network" in outcome.error
    assert server.requests_for("/admin") == []  # not even asked
    assert store.current_version("Example/Terms") is None


def test_a_redirect_between_two_public_hosts_is_followed(tmp_path: Path, public: PageServer,
                                                         other_public: PageServer, store: Store) -> None:
    other_public.set_page("/en/tos", policy_page(*LONG_POLICY))
    redirect(public, "/tos", other_public.url("/en/tos"))  # as x.com → twitter.com
    outcome = check(watch(tmp_path, public.url("/tos")), store)
    assert outcome.status == "new", outcome.error
    assert LONG_POLICY[-1] in store.text_of(store.current_version("Example/Terms"))


def test_an_intranet_document_may_opt_in_to_private_redirects(tmp_path: Path, public: PageServer,
                                                             server: PageServer, store: Store) -> None:
    server.set_page("/policy", policy_page(*LONG_POLICY))
    redirect(public, "/policy", server.url("/policy"))
    outcome = check(watch(tmp_path, public.url("/policy"), "allow_private_network = true"), store)
    assert outcome.status == "new", outcome.error
    assert len(server.requests_for("/policy")) == 1


def test_a_loopback_page_may_redirect_within_loopback(tmp_path: Path, server: PageServer, store: Store) -> None:
    # Nothing public about it: the page was private to begin with.
    server.set_page("/policy", policy_page(*LONG_POLICY))
    redirect(server, "/old", server.url("/policy"))
    assert check(watch(tmp_path, server.url("/old")), store).status == "new"


@pytest.mark.parametrize(("value", "message"), [('"yes"', "must be true or false"),
                                                ("1", "must be true or false")])
def test_allow_private_network_must_be_a_boolean(tmp_path: Path, value: str, message: str) -> None:
    with pytest.raises(WatchlistError, match=message) as caught:
        watch(tmp_path, "https://example.com/tos", f"allow_private_network = {value}")
    assert caught.value.key == "allow_private_network" and caught.value.line is not None


def test_addresses_that_are_not_public() -> None:
    private = ["127.0.0.1", "::1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "fe80::1%eth0",
               "fd12:3456::1", "100.64.0.1", "0.0.0.0", "::ffff:127.0.0.1", "not an address"]
    assert [address for address in private if is_public_address(address)] == []
    assert all(is_public_address(address) for address in ["93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8"])
