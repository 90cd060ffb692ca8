from __future__ import annotations

import pytest

from monitor.diff import diff_texts
from monitor.extract import SelectorError, compile_selector, extract, kind_of
from tests.conftest import CORPUS, needs_corpus


def test_structure_is_kept_as_light_markdown() -> None:
    page = """<html><head><title>Terms</title><style>p{}</style></head><body>
      <nav><a href="/">Home</a></nav>
      <main><h1>Terms of Service</h1><h2>1. Your content</h2>
        <p>You keep   the rights to <a href="/c">your content</a>.</p>
        <ul><li>Posts</li><li>Photos <ol><li>public</li><li>private</li></ol></li></ul>
        <table><tr><th>Data</th><th>Use</th></tr><tr><td>Email</td><td>Login</td></tr></table>
      </main><script>track()</script><footer>© 2024</footer></body></html>"""
    extracted = extract(page, select=["main"])
    assert extracted.title == "Terms"
    assert extracted.text.split("\n\n") == [
        "# Terms of Service", "## 1. Your content", "You keep the rights to your content.", "- Posts", "- Photos",
        "  1. public", "  2. private", "Data | Use", "Email | Login",
    ]


def test_remove_selectors_and_default_removals() -> None:
    page = """<body><div id="onetrust-consent-sdk">Accept all cookies</div><main>
      <p>Keep me.</p><div class="share">Share on X</div><section id="cookies"><p>We use cookies to log you in.</p>
      </section></main></body>"""
    text = extract(page, select=["main"], remove=[".share"]).text
    assert text == "Keep me.\n\nWe use cookies to log you in."


def test_markup_alone_does_not_change_the_text() -> None:
    one = "<main><p>We   collect <b>data</b>.</p><p>We share it.</p></main>"
    two = '<main class="x">\n<div><p>We collect\n<strong><span>data</span></strong>.</p></div>\n\n<p>We share it.</p>'
    assert extract(one, select=["main"]).text == extract(two, select=["main"]).text


def test_a_missing_select_target_is_reported() -> None:
    extracted = extract("<body><p>Hello</p></body>", select=["#policy"])
    assert extracted.selector_missing and extracted.text == ""


def test_garbage_html_gives_text_not_an_exception() -> None:
    for garbage in ["<<<>>>", "<p><b><i>unclosed", "\x00\x01<p>nul\x1b[31m</p>", "<?xml version='1.0'?><p>x</p>",
                    "", "   ", "<html>" * 1000]:
        extract(garbage)
    assert "\x1b" not in extract("<p>red\x1b[31m text</p>").text


def test_invalid_selectors_are_rejected_with_the_reason() -> None:
    with pytest.raises(SelectorError, match="invalid CSS selector"):
        compile_selector("main[[")


def test_plain_text_and_markdown_pass_through() -> None:
    assert extract("# Title\r\n\r\n\r\n\r\nBody  \n", kind="text").text == "# Title\n\nBody"
    assert kind_of("text/markdown", b"# x") == "text"
    assert kind_of(None, b"<!DOCTYPE html><html>") == "html"
    assert kind_of("application/pdf", b"%PDF-1.7") == "pdf"


@needs_corpus
def test_open_terms_archive_snapshots_differ_only_by_the_link_they_changed() -> None:
    """Two real snapshots of X's terms: obfuscated e-mail markup differs, the text only by one link."""
    pages = [(CORPUS / "html" / f"X Terms of Service 2025-05-0{day}.html").read_text() for day in (7, 9)]
    remove = [".twtr-icon--base", ".p05-chapter-navigation", "[style='display: none;']"]
    texts = [extract(page, select=["main[id=twtr-main]"], remove=remove).text for page in pages]
    change = diff_texts(*texts)
    assert change.changed
    assert {s.kind for s in change.sentences} == {"modified"}
    for sentence in change.sentences:
        assert "log-in-with-twitter" in sentence.old and "log-in-with-x" in sentence.text
    expected = (CORPUS / "html" / "X Terms of Service 2025-05-07.expected.md").read_text()
    assert "Effective: November 15, 2024" in texts[0] and "Effective: November 15, 2024" in expected
