from __future__ import annotations

import pytest

from monitor.diff import diff_texts
from monitor.extract import Range, SelectorError, compile_selector, extract, kind_of
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
        "  1. public", "  2. private", "| Data | Use |\n| --- | --- |\n| Email | Login |",
    ]


def test_a_table_inside_a_cell_is_more_of_that_cell_its_cells_kept_apart() -> None:
    page = ("<main><table><tr><th>A</th><th>B</th></tr><tr><td>x<table><tr><td>in1</td><td>in2</td></tr></table>y"
            "</td><td>b</td></tr></table></main>")
    assert extract(page, select=["main"]).text == "| A | B |\n| --- | --- |\n| x; in1; in2; y | b |"


def test_a_table_is_written_a_row_a_line_whatever_its_cells_hold() -> None:
    page = """<main><table><caption>Uses</caption><tr><th>Purpose</th><th>Data</th></tr>
      <tr><td><p>Train our models.</p><p>See our notice.</p></td><td><ul><li>Feedback</li><li>Chats</li></ul></td></tr>
      <tr><td>Security</td><td>Logs<br>IP address | port</td></tr></table><p>After.</p></main>"""
    assert extract(page, select=["main"]).text.split("\n\n") == [
        "Uses",
        "| Purpose | Data |\n| --- | --- |\n| Train our models. See our notice. | Feedback; Chats |\n"
        "| Security | Logs; IP address / port |",
        "After.",
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


RANGED = """<html><body><div id="app"><header><h1>Help Center</h1></header>
  <section><h1>Deceased users</h1><p>How to request the deactivation of an account.</p>
    <div class="rich-text-v2"><p>We may keep content to train our models.</p></div></section>
  <aside><p>Was this helpful?</p></aside>
  <div class="share-tweet">Share</div><p>More help</p></div></body></html>"""


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        (Range("section h1", ".share-tweet"),  # from before the start to before the end
         ["# Deceased users", "How to request the deactivation of an account.",
          "We may keep content to train our models.", "Was this helpful?"]),
        (Range("section h1", "[class*=rich-text-v]", start_after=True, end_after=True),  # after, through
         ["How to request the deactivation of an account.", "We may keep content to train our models."]),
        (Range("section h1", "aside", end_after=True), None),  # the same as before the share button
    ],
)
def test_a_range_keeps_the_part_of_the_page_between_its_points(selector: Range, expected: list[str] | None) -> None:
    extracted = extract(RANGED, select=[selector])
    assert not extracted.missing_selectors
    assert extracted.text.split("\n\n") == (expected or extract(RANGED, select=[Range("section h1",
                                                                                        ".share-tweet")]).text
                                             .split("\n\n"))


def test_a_range_in_remove_drops_its_part_even_from_inside_a_selected_element() -> None:
    page = ("<main><h1>Terms</h1><p>Keep me.</p><div class='sep'></div><p>A footer block</p>"
            "<p>Another one</p><div role='contentinfo'>© 2025</div></main><p>after main</p>")
    remove = [Range(".sep", "[role=contentinfo]", end_after=True)]
    assert extract(page, select=["main"], remove=remove).text == "# Terms\n\nKeep me."
    # A removal that opens before the selected element hides its beginning, up to where the range ends.
    assert extract(page, select=["p"], remove=[Range("h1", ".sep")]).text.split("\n\n") == [
        "A footer block", "Another one", "after main"]


def test_a_range_that_is_not_found_or_empty_counts_as_missing() -> None:
    for missing in (Range("h1", ".nowhere"), Range(".nowhere", "footer"), Range(".share-tweet", "section h1")):
        extracted = extract(RANGED, select=[missing])
        assert extracted.text == "" and extracted.missing_selectors == (str(missing),)
    # With another selector that matches, nothing is missing; plain selectors come first, then ranges.
    mixed = extract(RANGED, select=[Range(".share-tweet", "section h1"), "aside"])
    assert mixed.text == "Was this helpful?" and mixed.missing_selectors == ()
    both = extract(RANGED, select=[Range("section h1", "section p"), "aside"])
    assert both.text.split("\n\n") == ["Was this helpful?", "# Deceased users"]


def test_a_range_is_written_back_as_open_terms_archive_writes_it() -> None:
    selected = Range.from_mapping({"startAfter": "h1", "endBefore": "footer"})
    assert selected == Range("h1", "footer", start_after=True)
    assert selected.as_mapping() == {"startAfter": "h1", "endBefore": "footer"}
    assert str(selected) == '{"startAfter": "h1", "endBefore": "footer"}'
    with pytest.raises(SelectorError, match="invalid CSS selector"):
        Range.from_mapping({"startBefore": "h1[[", "endBefore": "footer"})


def test_a_control_reference_split_by_a_removed_control_character_is_still_cleaned() -> None:
    # Found by the fuzzer: the body is cleaned of controls first, which joins "&\0#7;" into a reference to BEL.
    for body in ("&\x00#\x007\x00;\x00", "<p>a&\x01#27;b &#\x0b x9b;c</p>"):
        text = extract(body).text
        assert not any(ord(char) < 32 or 0x7F <= ord(char) <= 0x9F for char in text), repr(text)
