"""Turn a fetched page into the policy's text: stable, readable, structured.

HTML is parsed with lxml (fast and forgiving of broken markup); the document's ``remove`` selectors and the
default removals (scripts, styles, navigation, cookie banners) are dropped, its ``select`` selectors keep the
policy itself, and what remains is written as light Markdown: ``#`` headings, ``-`` list items, one block per
paragraph, the text of links without their targets. White space is normalised, so a change of markup alone is
no change of text. Plain text and Markdown pass through; PDF is read with pypdf.

>>> extract("<html><body><nav>Menu</nav><main><h1>Terms</h1><p>Be  <b>nice</b>.</p></main></body></html>").text
'# Terms\\n\\nBe nice.'
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from cssselect import GenericTranslator
from cssselect import SelectorError as _CssSelectorError
from lxml import etree

from monitor.controlchars import BIDI, BIDI_CHARS, C0_BUT_LAYOUT, CONTROL, CONTROL_CHARS, DEL_AND_C1

DEFAULT_REMOVE_TAGS = frozenset(
    "script style noscript template nav svg iframe object canvas head button select input textarea".split()
)
# Cookie banners and consent dialogs, by the ids and classes that consent tools use. Matched on the whole id or
# class token, so a policy section with id="cookies" is kept.
_COOKIE_BANNER = re.compile(
    r"(^|[\s_-])(onetrust-(consent-sdk|banner-sdk)|CybotCookiebotDialog|cookie-?(banner|consent|notice|bar)|"
    r"cookieBanner|cookieConsent|cc-window|gdpr-banner|consent-banner)($|[\s_-])",
    re.IGNORECASE,
)

_BLOCK_TAGS = frozenset(
    "p div section article main header footer aside ul ol li dl dt dd table thead tbody tfoot tr caption "
    "blockquote pre figure figcaption address details summary hr br form fieldset legend center body html "
    "h1 h2 h3 h4 h5 h6 option".split()
)
_CELL_TAGS = frozenset(("td", "th"))
_CELL_BREAKS = re.compile(r"(?:\s*;\s*)+(?=\S)|\s*;\s*$")
_HEADING_LEVEL = {f"h{level}": level for level in range(1, 7)}
_SPACE = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Zero-width characters and soft hyphens, and the bidi embedding, override and isolate controls: those reorder what
# a terminal, a mail or a chat shows ("\u202e" makes text read backwards) and carry no words.
_INVISIBLE_CHARS = (*"\u200b\u200c\u200d\u2060\ufeff\u00ad", *BIDI_CHARS)
_INVISIBLE = re.compile(f"[{''.join(_INVISIBLE_CHARS)}]")
_UNSETTABLE = re.compile(f"[{C0_BUT_LAYOUT}{DEL_AND_C1}\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>", re.IGNORECASE)
# A plain lxml parser, not lxml.html's: that one calls back into Python for every element it creates (to pick an
# HtmlElement class), ~10 % of the extraction time, for methods the extractor does not use.
_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True)
# A numeric character reference to a C0 or C1 control (&#27;, &#x9b;): the only way a control can reach the tree
# once the body itself has been cleaned of them. Without one, the text needs no cleaning block by block.
_CONTROL_REFERENCE = re.compile(
    r"&#(?:0*(?:[0-8]|1[124-9]|2\d|3[01]|12[7-9]|1[3-5]\d)(?!\d)"
    r"|[xX]0*(?:[0-8bcefBCEF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F])(?![0-9a-fA-F])"
    r"|0*82(?:3[4-8]|9[4-7])(?!\d)|[xX]0*20(?:2[a-eA-E]|6[6-9])(?![0-9a-fA-F]))")  # and to a bidi control
# What such a reference can put in the tree: a C0 or C1 control, or a bidi control.
_REFERENCED = re.compile(f"[{C0_BUT_LAYOUT}{DEL_AND_C1}{BIDI}]")


class SelectorError(ValueError):
    """A CSS selector that cannot be parsed."""


class ExtractError(ValueError):
    """The body could not be turned into text at all (e.g. a corrupt PDF)."""


RANGE_KEYS = frozenset({"startBefore", "startAfter", "endBefore", "endAfter"})


@dataclass(frozen=True, slots=True)
class Range:
    """The part of a page between two points, as in Open Terms Archive's declarations: from before (or after) the
    first element ``start`` matches to before (or after) the first element ``end`` matches. In ``select`` it keeps
    that part; in ``remove`` it drops it. Its elements are looked for once the other removals are done.

    >>> text = "<main><h1>Terms</h1><p>Intro</p><h2>AI</h2><p>We train models.</p><footer>x</footer></main>"
    >>> extract(text, select=[Range.from_mapping({"startBefore": "h2", "endBefore": "footer"})]).text
    '## AI\\n\\nWe train models.'
    """

    start: str
    end: str
    start_after: bool = False
    end_after: bool = False

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any]) -> Range:
        """From ``{"startBefore" or "startAfter": css, "endBefore" or "endAfter": css}``; :class:`SelectorError`
        says what is wrong with any other mapping."""
        starts = [key for key in ("startBefore", "startAfter") if key in mapping]
        ends = [key for key in ("endBefore", "endAfter") if key in mapping]
        unknown = sorted(set(mapping) - RANGE_KEYS)
        if unknown or len(starts) != 1 or len(ends) != 1:
            extra = f" (unknown: {', '.join(map(str, unknown))})" if unknown else ""
            raise SelectorError(f"a range needs one of startBefore and startAfter and one of endBefore and "
                                f"endAfter{extra}")
        start, end = mapping[starts[0]], mapping[ends[0]]
        if not (isinstance(start, str) and start.strip() and isinstance(end, str) and end.strip()):
            raise SelectorError("a range's start and end must be CSS selectors")
        compile_selector(start.strip())
        compile_selector(end.strip())
        return cls(start.strip(), end.strip(), starts[0] == "startAfter", ends[0] == "endAfter")

    def as_mapping(self) -> dict[str, str]:
        return {"startAfter" if self.start_after else "startBefore": self.start,
                "endAfter" if self.end_after else "endBefore": self.end}

    def __str__(self) -> str:
        return json.dumps(self.as_mapping(), ensure_ascii=False)


Selector = str | Range


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    title: str | None = None
    missing_selectors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def selector_missing(self) -> bool:
        return bool(self.missing_selectors)


@lru_cache(maxsize=4096)
def compile_selector(selector: str) -> etree.XPath:
    """Parse a CSS selector once; raise :class:`SelectorError` with the reason when it is not valid."""
    try:
        return etree.XPath(GenericTranslator().css_to_xpath(selector))
    except (_CssSelectorError, etree.XPathSyntaxError, ValueError) as error:
        raise SelectorError(f"invalid CSS selector {_shown(selector)}: {error}") from None
    except RecursionError:  # cssselect translates each combinator recursively: "a a a …" (thousands) exhausts it
        raise SelectorError(f"invalid CSS selector {_shown(selector)}: nested too deeply") from None


def _shown(selector: str) -> str:
    return repr(selector) if len(selector) <= 120 else repr(selector[:120]) + f"… ({len(selector):,} characters)"


def normalize_space(text: str) -> str:
    # str.split() splits on exactly what _SPACE matches (every character for which str.isspace() is true) and
    # is several times faster than the regular expression on long non-ASCII text.
    return " ".join(_INVISIBLE.sub("", CONTROL.sub("", text)).split())


def kind_of(content_type: str | None, body: bytes | str, filename: str | None = None) -> str:
    """``"html"``, ``"pdf"`` or ``"text"``, from the Content-Type, the file name, then the bytes themselves."""
    content_type = (content_type or "").lower()
    name = (filename or "").lower()
    head = body[:1024] if isinstance(body, str) else body[:1024].decode("latin-1")
    if "pdf" in content_type or name.endswith(".pdf") or head.startswith("%PDF-"):
        return "pdf"
    if "html" in content_type or "xml" in content_type or name.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if content_type.startswith("text/") or name.endswith((".md", ".markdown", ".txt")):
        return "text"
    return "html" if re.search(r"<\s*(!doctype|html|body|div|p|main|head)\b", head, re.IGNORECASE) else "text"


def extract(body: str, *, kind: str = "html", select: tuple[Selector, ...] | list[Selector] = (),
            remove: tuple[Selector, ...] | list[Selector] = ()) -> Extracted:
    """Extract the text of ``body`` (already decoded) according to the selectors."""
    if kind == "text":
        return Extracted(text=normalize_text(body))
    return extract_html(body, select=tuple(select), remove=tuple(remove))


def extract_markdown(text: str) -> Extracted:
    """Markdown read as Markdown: rendered (CommonMark and tables, GitHub's cmark in C, with raw HTML kept for the
    extraction to read) and extracted as a page is, so that ``**bold**``, ``[links](…)`` and ``#`` headings compare
    equal to the same page in HTML."""
    from cmarkgfm import markdown_to_html_with_extensions
    from cmarkgfm.cmark import Options

    return extract_html(markdown_to_html_with_extensions(text, options=Options.CMARK_OPT_UNSAFE, extensions=["table"]))


def extract_pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
        metadata = reader.metadata
        title = metadata.get("/Title") if metadata else None
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:  # PyPdfError: LimitReachedError too
        raise ExtractError(f"unreadable PDF: {error}") from None
    except RecursionError:
        raise ExtractError("unreadable PDF: objects nested too deeply") from None
    paragraphs = [normalize_space(block) for page in pages for block in re.split(r"\n\s*\n", page)]
    text = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
    return Extracted(text=unicodedata.normalize("NFC", text), title=str(title) if title else None)


def normalize_text(text: str) -> str:
    """Plain text and Markdown: normalise line ends, trailing space and runs of blank lines."""
    text = unicodedata.normalize("NFC", _INVISIBLE.sub("", CONTROL.sub("", text)))
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _without(pattern: re.Pattern[str], chars: tuple[str, ...], text: str) -> str:
    """``pattern.sub("", text)``, skipped when none of its characters is there: ``in`` looks for one character
    ~40 times faster than the regular expression scans a long non-ASCII page."""
    return pattern.sub("", text) if any(char in text for char in chars) else text


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def clean_html(body: str) -> str:
    """The body as the parser is given it: no control or invisible characters, XML declaration or lone surrogate."""
    body = _XML_DECLARATION.sub("", _without(_INVISIBLE, _INVISIBLE_CHARS, _without(CONTROL, CONTROL_CHARS, body)),
                                count=1)
    if _has_surrogate(body):
        body = _SURROGATE.sub("\ufffd", body)  # lxml would cut the text at a lone surrogate
    return body


def parse_html(body: str) -> Any:
    """The element tree of a body that :func:`clean_html` has cleaned; None when there is no document."""
    if not body.strip():
        return None
    try:
        return etree.fromstring(body, parser=_PARSER)  # None for a document with no element
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None


def extract_html(body: str, *, select: tuple[Selector, ...] = (), remove: tuple[Selector, ...] = ()) -> Extracted:
    body = clean_html(body)  # first: removing a control character can make a reference to one ("&\0#7;")
    root = parse_html(body)
    if root is None:
        return Extracted(text="", missing_selectors=tuple(map(str, select)))
    title = _title(root)
    _drop_defaults(root)
    _drop_selected(root, remove)
    chosen, missing = _chosen(root, select)
    controls = "&#" in body and _CONTROL_REFERENCE.search(body) is not None
    blocks: list[str] = []
    if any(isinstance(selector, Range) for selector in (*select, *remove)):
        if _render_with_ranges(root, chosen, blocks, controls, select, remove):
            missing = ()
        else:  # nothing at all matched: every selector is missing, as without ranges
            missing = tuple(map(str, select))
    else:
        for element in chosen:
            _render(element, blocks, controls)
    text = unicodedata.normalize("NFC", "\n\n".join(blocks))
    return Extracted(text=text, title=title or None, missing_selectors=missing)


def _title(root: Any) -> str | None:
    title_element = root.find(".//title")
    return normalize_space("".join(title_element.itertext())) if title_element is not None else None


def _drop_selected(root: Any, remove: tuple[Selector, ...]) -> None:
    """Drop what the document's CSS ``remove`` selectors match (ranges are left out when rendering)."""
    for selector in remove:
        if isinstance(selector, str):
            for element in compile_selector(selector)(root):
                _drop(element)


def _chosen(root: Any, select: tuple[Selector, ...]) -> tuple[list[Any], tuple[str, ...]]:
    """The elements the CSS ``select`` selectors keep (the body when there are no selectors at all; none when there
    are only ranges), and the selectors missing when none matched."""
    plain = tuple(selector for selector in select if isinstance(selector, str))
    if plain:
        return _select(root, plain)
    return ([] if select else [_body(root)]), ()


def _render_with_ranges(root: Any, chosen: list[Any], blocks: list[str], controls: bool,
                        select: tuple[Selector, ...], remove: tuple[Selector, ...]) -> bool:
    """Render the chosen elements and the selected ranges, leaving out the removed ranges; False when nothing at
    all was selected."""
    layout = _Layout(root)
    removed = [found for found in map(layout.bounds, (r for r in remove if isinstance(r, Range))) if found]
    kept = [layout.bounds(r) for r in select if isinstance(r, Range)]
    for element in chosen:
        _render_ranges(element, blocks, controls, layout, None, removed)
    for bounds in kept:
        if bounds is not None:
            _render_ranges(root, blocks, controls, layout, bounds, removed)
    return bool(chosen) or any(kept)


def _body(root: Any) -> Any:
    body_element = root.find("body")
    return body_element if body_element is not None else root


def _drop_defaults(root: Any) -> None:
    # The parser gives tag names in lower case; lxml's tag filter and XPath walk the tree in C.
    doomed = list(root.iter(*DEFAULT_REMOVE_TAGS))
    doomed += [element for element in _WITH_ID_OR_CLASS(root)
               if _COOKIE_BANNER.search(f"{element.get('id', '')} {element.get('class', '')}")]
    for element in doomed:
        _drop(element)


def _drop(element: Any) -> None:
    """Remove an element but keep its tail text, which belongs to the parent."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        # lxml parses "&#7;" or "&#xffff;" into text it then refuses to set (ValueError): drop those characters.
        previous = element.getprevious()
        if previous is not None:
            previous.tail = _UNSETTABLE.sub("", (previous.tail or "") + tail)
        else:
            parent.text = _UNSETTABLE.sub("", (parent.text or "") + tail)
    parent.remove(element)


def _select(root: Any, select: tuple[str, ...]) -> tuple[list[Any], tuple[str, ...]]:
    found: set[Any] = set()
    missing = []
    for selector in select:
        matches = compile_selector(selector)(root)
        if not matches:
            missing.append(selector)
        found.update(matches)
    if not found:
        return [], tuple(missing)
    # Document order, and an element inside another chosen element is not rendered twice.
    ordered = [element for element in root.iter() if element in found]
    outermost = [e for e in ordered if not any(a in found for a in e.iterancestors())]
    return outermost, tuple(missing) if len(missing) == len(select) else ()


_WITH_ID_OR_CLASS = etree.XPath("//*[@id or @class]")


class _Writer:
    __slots__ = ("blocks", "buffer", "prefix", "list_stack", "controls", "tables", "row", "header")

    def __init__(self, blocks: list[str], controls: bool = True) -> None:
        self.blocks = blocks
        self.controls = controls
        self.buffer: list[str] = []
        self.prefix = ""
        self.list_stack: list[list[Any]] = []  # [tag, counter]
        self.tables: list[list[str]] = []  # the rows written so far of each table open, outermost first
        self.row: list[str] = []  # the cells of the row open
        self.header = False  # the row open has header cells only

    def _text(self) -> str:
        # Character references (&#27;, &#x9b;, &#x202e;) survive the raw-body cleaning: removed here too.
        text = "".join(self.buffer)
        self.buffer.clear()
        return " ".join((_REFERENCED.sub("", text) if self.controls else text).split())  # = _SPACE.sub(" ", …)

    def flush(self) -> None:
        if self.buffer and (text := self._text()):
            self.blocks.append(self.prefix + text)
            self.prefix = ""

    # A table is written as Markdown writes it: a row a line ("| Voice data | Train our models |"), a line of dashes
    # under a row of header cells; what a cell holds in blocks (a list, lines broken) stays on its line, "; " between
    # (a space after a sentence); a table inside a cell is more of that cell.
    def _table_start(self, tag: str) -> None:
        if tag == "table":
            self.tables.append([])
        elif len(self.tables) == 1 and tag in ("tr", *_CELL_TAGS):
            if tag == "tr":
                self.row, self.header = [], True
            self.buffer.clear()  # the space between cells
            return
        if tag in _BLOCK_TAGS or tag in _CELL_TAGS:  # (a cell of a table inside a cell)
            self._break_in_cell()

    def _break_in_cell(self) -> None:
        if held := "".join(self.buffer).rstrip():
            self.buffer.append(" " if held.endswith((".", "!", "?", ":")) else "; ")

    def _table_end(self, tag: str) -> None:
        if len(self.tables) > 1:
            return
        if tag == "caption":
            if caption := self._text():
                self.blocks.append(caption)  # above the table, which is written when it ends
        elif tag in _CELL_TAGS:
            self.row.append(_CELL_BREAKS.sub("; ", self._text()).strip(" ;").replace("|", "/"))
            self.header = self.header and tag == "th"
        elif tag == "tr" and self.row:
            rows = self.tables[-1]
            rows.append("| " + " | ".join(self.row) + " |")
            if self.header and len(rows) == 1:
                rows.append("|" + " --- |" * len(self.row))
        elif tag == "tr":
            self.buffer.clear()

    def start(self, tag: str) -> None:
        if self.tables:
            self._table_start(tag)
            return
        if tag == "table":
            self.flush()
            self.tables.append([])
            return
        if tag in _CELL_TAGS:
            if self.buffer and "".join(self.buffer).strip():
                self.buffer.append(" | ")
            return
        if tag not in _BLOCK_TAGS:
            return
        self.flush()
        if tag in _HEADING_LEVEL:
            self.prefix = "#" * _HEADING_LEVEL[tag] + " "
        elif tag in ("ul", "ol"):
            self.list_stack.append([tag, 0])
        elif tag == "li":
            indent = "  " * max(len(self.list_stack) - 1, 0)
            if self.list_stack and self.list_stack[-1][0] == "ol":
                self.list_stack[-1][1] += 1
                self.prefix = f"{indent}{self.list_stack[-1][1]}. "
            else:
                self.prefix = f"{indent}- "
        elif tag == "blockquote":
            self.prefix = "> "

    def end(self, tag: str) -> None:
        if self.tables:
            if tag != "table":
                self._table_end(tag)
            elif len(self.tables) > 1:
                self.tables.pop()
                self._break_in_cell()
            elif rows := self.tables.pop():
                self.blocks.append("\n".join(rows))
            else:
                self.flush()  # a table of no rows: whatever text it held
            return
        if tag in _BLOCK_TAGS:
            self.flush()
            if tag in ("ul", "ol") and self.list_stack:
                self.list_stack.pop()
            if tag in ("li", "blockquote") or tag in _HEADING_LEVEL:
                self.prefix = ""


@dataclass(frozen=True, slots=True)
class _Bounds:
    """A range found in a tree: its boundary elements, and their points in document order."""

    start: Any
    start_after: bool
    end: Any
    end_after: bool
    opens: float
    closes: float


class _Layout:
    """Positions in document order, to place a range's points and tell which ranges hold an element."""

    def __init__(self, root: Any) -> None:
        self.root = root
        self.order = {element: number for number, element in enumerate(root.iter())}

    def point(self, element: Any, after: bool) -> float:
        if not after:
            return self.order[element] - 0.5
        last = element
        for last in element.iter():  # noqa: B007 - the last descendant, in document order
            pass
        return self.order[last] + 0.5

    def bounds(self, selected: Range) -> _Bounds | None:
        """Where ``selected`` lies in the tree; None when an end is not found or the range is empty."""
        starts, ends = compile_selector(selected.start)(self.root), compile_selector(selected.end)(self.root)
        if not starts or not ends:
            return None
        opens = self.point(starts[0], selected.start_after)
        closes = self.point(ends[0], selected.end_after)
        if opens >= closes:
            return None
        return _Bounds(starts[0], selected.start_after, ends[0], selected.end_after, opens, closes)


def _render_ranges(top: Any, blocks: list[str], controls: bool, layout: _Layout, kept: _Bounds | None,
                   removed: list[_Bounds]) -> None:
    """:func:`_render` of ``top``, only between ``kept``'s points (all of it when None) and outside every range of
    ``removed``: counters of open ranges go up and down at the boundary elements' start and end."""
    before: dict[Any, int] = {}
    after: dict[Any, int] = {}
    for bounds, weight in ((kept, 1), *((bounds, -1) for bounds in removed)):
        if bounds is not None:
            marks = after if bounds.start_after else before
            marks[bounds.start] = marks.get(bounds.start, 0) + weight
            marks = after if bounds.end_after else before
            marks[bounds.end] = marks.get(bounds.end, 0) - weight
    # Open ranges at ``top``'s start: ``level`` is 1 where text is kept, less than 1 inside a removed range.
    here = layout.point(top, False)
    level = (1 if kept is None or kept.opens < here < kept.closes else 0) - sum(
        1 for bounds in removed if bounds.opens < here < bounds.closes)
    _render(top, blocks, controls, level, before, after)


def _render(top: Any, blocks: list[str], controls: bool = True, level: int = 1,
            before: dict[Any, int] | None = None, after: dict[Any, int] | None = None) -> None:
    """Write ``top`` as blocks of light Markdown. Text is kept where ``level`` is 1; ``before`` and ``after`` change
    it at an element's start and after its end (the boundaries of ranges, see :func:`_render_ranges`)."""
    before, after = before or {}, after or {}
    writer = _Writer(blocks, controls)
    for event, node in etree.iterwalk(top, events=("start", "end")):
        tag = node.tag
        if event == "start":
            if before:
                level += before.get(node, 0)
            if level == 1 and isinstance(tag, str):
                writer.start(tag.lower())
                if node.text:
                    writer.buffer.append(node.text)
            continue
        if level == 1 and isinstance(tag, str):
            writer.end(tag.lower())
        if after:
            level += after.get(node, 0)
        if level == 1 and node.tail and node is not top:
            writer.buffer.append(node.tail)
    writer.flush()
