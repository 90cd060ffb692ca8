"""The shipped watchlist: valid, wide enough, every selector parses, every service says how to opt out."""

from __future__ import annotations

from monitor.cli import main
from monitor.extract import compile_selector
from monitor.watchlist import load
from tests.conftest import REPO

WATCHLIST = REPO / "watchlist.toml"
REQUIRED = ["LinkedIn", "X", "Facebook", "Instagram", "Threads", "WhatsApp", "Snapchat", "Reddit", "TikTok", "Discord",
            "Tumblr", "Google", "YouTube", "Microsoft", "Zoom", "Pinterest", "Quora", "Medium", "Stack Overflow"]


def test_validate_passes_on_the_shipped_watchlist(capsys) -> None:
    assert main(["--watchlist", str(WATCHLIST), "validate"]) == 0
    assert "ok" in capsys.readouterr().out


def test_the_shipped_watchlist_covers_the_big_platforms_and_their_ai_pages() -> None:
    watchlist = load(WATCHLIST)
    names = [service.name for service in watchlist.services]
    assert set(REQUIRED) <= set(names)
    assert len(watchlist.services) >= 15 and len(watchlist.documents) >= 30
    for service in watchlist.services:
        types = {document.type for document in service.documents}
        assert {"Terms of Service", "Privacy Policy"} <= types, service.name
    assert watchlist.document("Facebook", "Generative AI Privacy").needs_browser
    assert watchlist.document("LinkedIn", "Generative AI FAQ").url.endswith("/answer/a5538339")
    assert watchlist.document("Snapchat", "My Selfie Terms").url == "https://www.snap.com/terms/my-selfie"
    assert len(watchlist.document("X", "Privacy Policy").sources) == 2
    assert sum(document.needs_browser for document in watchlist.documents) >= 10


def test_every_selector_parses_and_every_service_has_an_opt_out() -> None:
    watchlist = load(WATCHLIST)
    for service in watchlist.services:
        assert service.opt_out and len(service.opt_out) > 10, f"{service.name} has no opt_out"
        for document in service.documents:
            for source in document.sources:
                assert source.url.startswith("https://"), source.url
                for selector in (*source.select, *source.remove, *((source.wait_for,) if source.wait_for else ())):
                    compile_selector(selector)  # raises SelectorError if it does not parse


def test_the_opt_out_steps_named_in_the_issue_are_the_ones_shipped() -> None:
    watchlist = load(WATCHLIST)
    assert "Data for Generative AI Improvement" in watchlist.service("LinkedIn").opt_out
    assert "Grok" in watchlist.service("X").opt_out
    assert "Use data to improve Discord" in watchlist.service("Discord").opt_out
    assert "See My Selfie in Ads" in watchlist.service("Snapchat").opt_out
    assert "Prevent third-party sharing" in watchlist.service("Tumblr").opt_out
    for meta in ("Facebook", "Instagram", "Threads"):
        assert "private" in watchlist.service(meta).opt_out and "objection" in watchlist.service(meta).opt_out
    for none in ("Reddit", "TikTok"):
        assert watchlist.service(none).opt_out.startswith("None")
