"""Property tests of the extract and diff stages on hostile input: arbitrary and malformed HTML, deep nesting, huge
attributes, control characters and escape sequences, bytes in mixed or lying encodings; and of the other parsers
of third-party or planted input: CSS selectors, Open Terms Archive declarations, blobs read from the data directory.

No exception escapes, extraction is deterministic, and no control or bidi character reaches the text. The example budget
is a hypothesis profile (tests/conftest.py): ``ci`` by default, ``HYPOTHESIS_PROFILE=long`` for a long run.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import tempfile
import zlib

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from monitor import blobs, classify, diff, extract, render
from monitor.fetch import decode_body, is_public_address

# The long profile runs for minutes per property: no per-test timeout then (pyproject's 120 s is for CI).
pytestmark = [pytest.mark.timeout(0)] if os.environ.get("HYPOTHESIS_PROFILE") == "long" else []

# C0 (but tab and newline), DEL and C1: ESC, CSI \x9b and OSC \x9d among them.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # and bidi controls
NASTY = [
    "\x1b[31m", "\x1b[2J", "\x9b31m", "\x1b]0;pwned\x07", "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x9d0;title\x9c", "\x00", "\x07", "\x08", "\r", "\r\n", "\x0c", "\x85", "\u2028", "\u2029", "\u202e", "\ufeff",
    "\u00ad", "\u200b", "\u2067", "&#x202E;", "&#8297;", "[bold red]", "[/]", "[link=http://evil]x[/link]",
    "&#27;[31m", "&#x1b;", "&#x9b;", "&#155;",
    "&#0;", "&#xD800;", "&#1114112;", "&#x110000;", "&#7;", "&amp", "&lt;script&gt;", "&nbsp;", "<!--", "-->",
    "<![CDATA[", "]]>", "<?xml version='1.0' encoding='utf-16'?>", "<!DOCTYPE html>", "</", "<", ">", "'", '"',
    "e.g. ", "U.S. ", "… ", "# ", "- ", "1. ", "\\.", "[", "](http://x)", "*", "_",
]
TAGS = [
    "p", "div", "main", "span", "b", "i", "a", "ul", "ol", "li", "table", "tr", "td", "th", "tbody", "h1", "h2",
    "h6", "script", "style", "nav", "footer", "header", "section", "article", "br", "hr", "img", "pre", "code",
    "blockquote", "title", "head", "body", "html", "form", "input", "button", "select", "option", "textarea",
    "iframe", "svg", "math", "template", "noscript", "details", "summary", "dl", "dt", "dd", "caption", "xmp",
    "plaintext", "frameset", "object", "x-custom", "font", "center", "textarea", "!--", "?php", "P", "DIV",
]
SELECTORS = ["main", "p", "#cookie-banner", ".policy", "div > p", "li:nth-child(2)", "[data-x]", "body *", "h1 + p",
             "table td", "a[href^='http']", ":not(nav)"]

words = st.sampled_from(["We", "collect", "data", "train", "AI", "models", "your", "content", "may", "share",
                         "partners", "opt out", "Settings.", "machine learning", "Privacy", "e.g.", "the", "."])
text_piece = st.one_of(st.text(max_size=40), st.sampled_from(NASTY), words)
texts = st.lists(text_piece, max_size=12).map("".join)
attr_value = st.one_of(st.text(max_size=30), st.sampled_from(NASTY),
                       st.integers(0, 100_000).map(lambda n: "x" * n))  # huge attributes
attrs = st.lists(st.tuples(st.sampled_from(["id", "class", "style", "href", "data-x", "onload", "x\x1b", "id id",
                                            "class"]), attr_value), max_size=3)


def _element(tag: str, attributes: list[tuple[str, str]], children: list[str], close: bool) -> str:
    rendered = "".join(f" {name}=\"{value}\"" if i % 2 else f" {name}='{value}'"
                       for i, (name, value) in enumerate(attributes))
    return f"<{tag}{rendered}>" + "".join(children) + (f"</{tag}>" if close else "")


html_trees = st.recursive(
    texts,
    lambda children: st.builds(_element, st.sampled_from(TAGS), attrs, st.lists(children, max_size=5), st.booleans()),
    max_leaves=40,
)


@st.composite
def deep_nesting(draw: st.DrawFn) -> str:
    depth = draw(st.integers(1, 2000))
    tag = draw(st.sampled_from(["div", "b", "li", "table", "p", "span", "blockquote", "ul"]))
    closed = draw(st.booleans())
    inner = draw(texts)
    return f"<{tag}>" * depth + inner + (f"</{tag}>" * depth if closed else "")


documents = st.one_of(html_trees, deep_nesting(), texts, st.lists(html_trees, max_size=4).map("".join))


def assert_clean(result: extract.Extracted) -> None:
    assert not CONTROL.search(result.text), repr(result.text)
    assert not CONTROL.search(result.title or ""), repr(result.title)
    assert result.text == result.text.strip()
    assert "\n\n\n" not in result.text


@given(documents, st.lists(st.sampled_from(SELECTORS), max_size=2), st.lists(st.sampled_from(SELECTORS), max_size=2))
def test_extract_html_never_raises_is_deterministic_and_clean(body: str, select: list[str], remove: list[str]) -> None:
    first = extract.extract(body, select=select, remove=remove)
    again = extract.extract(body, select=select, remove=remove)
    assert first == again
    assert_clean(first)
    if not select:
        assert not first.selector_missing


@given(documents)
def test_extracted_text_is_stable_when_extracted_again_as_text(body: str) -> None:
    text = extract.extract(body).text
    assert extract.extract(text, kind="text").text == extract.normalize_text(text)
    assert_clean(extract.extract(text, kind="text"))


CHARSETS = ["utf-8", "UTF-8", "windows-1252", "iso-8859-1", "latin1", "ascii", "shift_jis", "euc-jp", "gb2312",
            "gbk", "big5", "koi8-r", "utf-16", "utf-16le", "utf-32", "utf-7", "unicode_escape", "raw_unicode_escape",
            "rot13", "base64", "zlib", "hex", "uu", "undefined", "idna", "punycode", "mbcs", "x-user-defined",
            "\"utf-8\"", "'latin1'", "", " ", "utf-8; foo=bar", "\x1b", "../../etc/passwd"]
codecs_for_mixing = ["utf-8", "cp1252", "shift_jis", "utf-16-le", "latin-1", "koi8-r", "gb18030"]


@st.composite
def mixed_encoding_bytes(draw: st.DrawFn) -> bytes:
    """Pieces of text each encoded in its own charset, glued together (as a badly assembled page is)."""
    parts = []
    for piece in draw(st.lists(st.tuples(texts, st.sampled_from(codecs_for_mixing)), max_size=8)):
        parts.append(piece[0].encode(piece[1], errors="replace"))
    return b"".join(parts)


page_bytes = st.one_of(
    st.binary(max_size=600),
    mixed_encoding_bytes(),
    st.tuples(st.sampled_from([b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"%PDF-1.4\n"]),
              st.sampled_from([b"", b'<meta charset="utf-16">', b"<meta charset=unicode_escape>",
                               b'<meta http-equiv="Content-Type" content="text/html; charset=rot13">']),
              mixed_encoding_bytes()).map(b"".join),
    html_trees.map(lambda text: text.encode("utf-8", errors="surrogatepass")),
)


@given(page_bytes, st.sampled_from(CHARSETS), st.sampled_from(["text/html", "text/plain", "application/xhtml+xml",
                                                              "application/octet-stream", None]))
def test_bytes_in_any_declared_charset_decode_and_extract_cleanly(body: bytes, charset: str,
                                                                 media: str | None) -> None:
    content_type = None if media is None else (f"{media}; charset={charset}" if charset else media)
    text, encoding = decode_body(body, content_type)
    assert isinstance(text, str) and codecs.lookup(encoding)
    assert decode_body(body, content_type) == (text, encoding)
    kind = extract.kind_of(content_type, body)
    if kind == "pdf":
        return
    result = extract.extract(text, kind=kind)
    assert result == extract.extract(text, kind=kind)
    assert_clean(result)


sentence_texts = st.lists(
    st.one_of(st.lists(words, min_size=1, max_size=10).map(lambda w: " ".join(w) + "."), st.sampled_from(NASTY),
              st.text(max_size=30)),
    max_size=15,
).map(lambda parts: " ".join(parts) if len(parts) % 3 else "\n\n".join(parts))


@given(sentence_texts, sentence_texts)
def test_diff_never_raises_and_is_consistent(old: str, new: str) -> None:
    change = diff.diff_texts(old, new)
    assert change == diff.diff_texts(old, new)
    assert not diff.diff_texts(old, old).changed
    assert all(value >= 0 for value in change.stats.values())
    new_sentences = set(diff.split_text(new))
    for sentence in change.sentences:
        if sentence.kind in ("added", "modified"):
            assert sentence.text in new_sentences
    json.loads(diff.render_json(change))
    diff.render_words(change)
    diff.render_unified(change)
    diff.side_by_side_rows(change)
    for sentence in change.of_kind("modified"):
        fragments = diff.word_diff(sentence.old or "", sentence.text)
        assert "".join(f for mark, f in fragments if mark != "-") == sentence.text
        assert "".join(f for mark, f in fragments if mark != "+") == sentence.old


@given(st.lists(st.sampled_from("abc"), max_size=80), st.lists(st.sampled_from("abcd"), max_size=80),
       st.sampled_from([-1, 20]))
def test_matching_past_the_difflib_cap_is_a_valid_alignment(a: list[str], b: list[str], cap: int) -> None:
    # A cap of -1 sends every pair to the repeats' matching (anchors, edit script), 20 its regions back to difflib.
    blocks = diff.matching_blocks(a, b, difflib_pairs=cap)
    assert blocks[-1] == (len(a), len(b), 0)
    end_a = end_b = 0
    for i, j, size in blocks[:-1]:
        assert i >= end_a and j >= end_b and size > 0 and a[i:i + size] == b[j:j + size]
        end_a, end_b = i + size, j + size


@given(sentence_texts, sentence_texts)
def test_classifying_any_change_never_raises(old: str, new: str) -> None:
    change, assessment = classify.assess_texts(old, new)
    assert assessment.severity in {"none", "low", "medium", "high"}
    assert change.changed or assessment.severity == "none"


@given(sentence_texts, sentence_texts)
def test_the_terminal_never_sees_an_escape_sequence_from_policy_text(old: str, new: str) -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=False, width=100, highlight=False)
    change, assessment = classify.assess_texts(extract.normalize_text(old), extract.normalize_text(new))
    render.print_unified(console, change, old[:20], new[:20])
    render.print_words(console, change)
    console.print(render.side_by_side_table(change, old[:20], new[:20]))
    console.print(render.findings_panel(assessment.findings))
    printed = out.getvalue()
    assert "\x1b" not in printed and "\x9b" not in printed and "\x9d" not in printed and "\x07" not in printed


@given(st.text(max_size=200))
def test_kind_of_never_raises(body: str) -> None:
    assert extract.kind_of(None, body) in {"html", "text", "pdf"}
    assert extract.kind_of("text/html", body.encode("utf-8", errors="surrogatepass")) in {"html", "pdf"}


# -- the other parsers of hostile input ----------------------------------------------------------------------------

deep_selectors = st.builds(lambda unit, depth: unit * depth, st.sampled_from(["a ", "div > ", ":not(", "a, ", "[x="]),
                           st.integers(1, 3000))


@given(st.one_of(st.text(max_size=60), st.sampled_from(SELECTORS), deep_selectors))
def test_a_selector_compiles_or_is_refused_in_one_short_line(selector: str) -> None:
    try:
        extract.compile_selector(selector)
    except extract.SelectorError as error:
        assert "\n" not in str(error) and len(str(error)) < 400


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), texts, st.sampled_from(NASTY))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                                 st.dictionaries(texts, inner, max_size=4)),
                           max_leaves=20)
urls = st.one_of(texts, st.sampled_from(["https://ex.com/tos", "http://127.0.0.1:9/${SMTP_PASS}", "https://ex.com/a"]))
selector_lists = st.one_of(texts, st.lists(st.one_of(texts, st.sampled_from(SELECTORS), st.fixed_dictionaries(
    {"startBefore": st.one_of(texts, st.sampled_from(SELECTORS)), "endBefore": st.sampled_from(SELECTORS)})),
    max_size=3))
ota_documents = st.fixed_dictionaries({"fetch": urls}, optional={
    "select": selector_lists, "remove": selector_lists, "filter": st.one_of(texts, st.lists(texts, max_size=3)),
    "executeClientScripts": json_values,
    "combine": st.lists(st.fixed_dictionaries({"fetch": urls}, optional={"select": selector_lists,
                                                                         "filter": texts}), max_size=3)})
declarations = st.one_of(
    json_values,
    st.fixed_dictionaries({"name": texts, "documents": st.dictionaries(texts, st.one_of(ota_documents, json_values),
                                                                       max_size=3)}),
    st.integers(1, 50_000).map(lambda depth: {"name": "Deep", "documents": {"T": {"fetch": "[" * depth}}}),
)
_TOML_LINE = re.compile(r"^\s*(?:#.*|\[\[service(?:\.document)?\]\]|[a-z_]+ = .*|\{ .* \},|\]|)$")


@given(declarations)
def test_any_declaration_imports_as_its_own_service_or_is_refused(declaration: object) -> None:
    """Whatever a declaration holds, import-ota writes one [[service]] with only its name and documents, every
    line a comment, a header, a key or a part of combine: no string starts a line of its own."""
    import tomllib

    from monitor.ota import OtaError, parse_declaration, to_toml

    try:
        service = parse_declaration(declaration, "fuzz.json")
    except OtaError as error:
        assert "\n" not in str(error).strip() or "fuzz.json" in str(error)
        return
    written = to_toml([service])
    assert all(_TOML_LINE.match(line) for line in written.split("\n")), written
    parsed = tomllib.loads(written)
    assert list(parsed) == ["service"] and len(parsed["service"]) == 1
    table = parsed["service"][0]
    assert set(table) <= {"name", "document"} and table["name"] == service.name
    assert [document["type"] for document in table.get("document", [])] == [d.type for d in service.documents]
    assert all(set(document) <= {"type", "url", "fetch", "select", "remove", "combine"}
               for document in table.get("document", []))


@given(st.integers(1, 200_000), texts)
def test_a_deeply_nested_declaration_file_is_a_one_line_refusal(depth: int, tail: str) -> None:
    from monitor.ota import OtaError, load_declaration

    with tempfile.NamedTemporaryFile(suffix=".json") as file:
        file.write(('{"name": "N", "documents": ' + "[" * depth + tail).encode("utf-8", "surrogatepass"))
        file.flush()
        try:
            load_declaration(file.name)
        except OtaError as refused:
            assert "\n" not in str(refused)


PLANTED = "ab" * 32  # the name the planted blob is read as: a delta may name it as its own base
planted_blobs = st.one_of(
    st.binary(max_size=300),
    st.binary(max_size=300).map(lambda data: blobs.ZSTD_MAGIC + data),
    st.tuples(st.integers(0, 255), st.one_of(st.binary(min_size=32, max_size=32), st.just(bytes.fromhex(PLANTED))),
              st.binary(max_size=200)).map(lambda parts: blobs.DELTA_MAGIC + bytes([parts[0]]) + parts[1] + parts[2]),
    st.binary(max_size=300).map(lambda data: zlib.compress(data)[:len(data) // 2 + 2]),
)


@given(planted_blobs)
def test_a_planted_blob_reads_back_bounded_or_is_a_blob_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        path = blobs.blob_path(data_dir, PLANTED)
        path.parent.mkdir(parents=True)
        path.write_bytes(data)
        try:
            content = blobs.read_blob(data_dir, PLANTED)
        except blobs.BlobError as error:
            assert "\n" not in str(error)
        else:
            assert len(content) <= blobs.MAX_BLOB_BYTES


@given(st.one_of(st.text(max_size=60), st.ip_addresses().map(str),
                 st.ip_addresses(network="10.0.0.0/8").map(lambda ip: f"::ffff:{ip}")))
def test_any_address_text_is_judged_without_raising(text: str) -> None:
    assert is_public_address(text) in (True, False)
    if text.startswith("::ffff:10."):  # private IPv4 dressed as IPv6 stays private
        assert not is_public_address(text)
