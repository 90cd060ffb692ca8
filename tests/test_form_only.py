"""A change of form is no AI change, on real policies.

The latest recorded version of every corpus `dev` document is changed only in form, the ways real pages are
re-rendered from one recording to the next: list items renumbered or lettered, bullets drawn with another character,
bold taken off, headings made bold lines, spaces made non-breaking, quotes made typographic, paragraphs merged or
split into a sentence each, headings a level deeper, links reduced to their text, table cells padded, prose
hard-wrapped, the maker renamed throughout, a section with AI in it moved to the end, two paragraphs swapped. None of
these may be reported as AI-relevant. (`test` documents are kept to the figures of the closing notes, as the protocol
asks.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

import pytest

from monitor.classify import assess_texts
from monitor.evaluate import read_splits
from tests.conftest import CORPUS, needs_corpus

_AI = re.compile(r"\b(?:AI|artificial intelligence|machine learning|models?)\b")


@cache
def latest_dev_versions() -> tuple[tuple[str, str], ...]:
    """(service, text) of the newest version of each `dev` document."""
    splits = read_splits(CORPUS)
    found = []
    for service in sorted(path.name for path in (CORPUS / "versions").iterdir() if splits.get(path.name) == "dev"):
        for document in sorted((CORPUS / "versions" / service).iterdir()):
            newest = max(document.iterdir(), key=lambda path: path.name)
            found.append((service, newest.read_text(encoding="utf-8")))
    return tuple(found)


def _is_prose(paragraph: str) -> bool:
    stripped = paragraph.lstrip()
    return bool(stripped) and stripped[0] not in "#|-*+>" and not re.match(r"\d+[.)]\s", stripped)


def renumbered(text: str) -> str:
    return re.sub(r"(?m)^(\s*(?:#+\s*)?)(\d+)([.)]\s)", lambda m: f"{m[1]}{int(m[2]) + 1}{m[3]}", text)


def other_bullets(text: str) -> str:
    return re.sub(r"(?m)^(\s*)([-*+])(\s)", lambda m: m[1] + ("*" if m[2] == "-" else "-") + m[3], text)


def without_bold(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)


def typographic_quotes(text: str) -> str:
    return re.sub(r'"([^"\n]{1,200})"', "\u201c\\1\u201d", re.sub(r"(\w)'(\w)", "\\1\u2019\\2", text))


def lettered(text: str) -> str:
    letters = iter("abcdefghijklmnopqrstuvwxyz" * 1000)
    return re.sub(r"(?m)^(\s*)\d+\.\s", lambda m: f"{m[1]}({next(letters)}) ", text)


def headings_as_bold_lines(text: str) -> str:
    return re.sub(r"(?m)^#{1,6} (.+)$", r"**\1**", text)


def non_breaking_spaces(text: str) -> str:
    return re.sub(r"\b(a|an|the|of|to|in|on|by) ", "\\1\u00a0", text)


def paragraphs_merged(text: str) -> str:
    merged: list[str] = []
    for paragraph in text.split("\n\n"):
        if merged and _is_prose(paragraph) and _is_prose(merged[-1]) and not merged[-1].endswith("\x00"):
            merged[-1] += " " + paragraph + "\x00"  # (in pairs: a paragraph merged once)
        else:
            merged.append(paragraph)
    return "\n\n".join(merged).replace("\x00", "")


def a_paragraph_a_sentence(text: str) -> str:
    return "\n\n".join(re.sub(r"(?<=[a-z]\.) (?=[A-Z])", "\n\n", paragraph) if _is_prose(paragraph) else paragraph
                       for paragraph in text.split("\n\n"))


def headings_a_level_deeper(text: str) -> str:
    return re.sub(r"(?m)^(#{1,5}) ", r"\1# ", text)


def links_as_text(text: str) -> str:
    return re.sub(r"\[([^\]\n]+)\]\([^)\n]+\)", r"\1", text)


def cells_padded(text: str) -> str:
    return re.sub(r"(?m)^\|.*\|$", lambda m: "| " + " | ".join(cell.strip() for cell in m[0].strip("|").split("|"))
                  + " |", text)


def hard_wrapped(text: str) -> str:
    wrapped = []
    for paragraph in text.split("\n\n"):
        lines: list[str] = []
        for word in paragraph.split(" ") if _is_prose(paragraph) and "\n" not in paragraph else []:
            if lines and len(lines[-1]) + len(word) < 100:
                lines[-1] += " " + word
            else:
                lines.append(word)
        wrapped.append("\n".join(lines) if lines else paragraph)
    return "\n\n".join(wrapped)


def an_ai_section_moved_last(text: str) -> str:
    head, *sections = re.split(r"(?m)^(?=#{1,3} )", text)
    moved = next((i for i, section in enumerate(sections[:-1]) if _AI.search(section)), None)
    if moved is None:
        return text
    section = sections.pop(moved)
    return "".join([head, *sections[:-1], sections[-1].rstrip("\n") + "\n\n", section])


def two_paragraphs_swapped(text: str) -> str:
    paragraphs = text.split("\n\n")
    for i in range(len(paragraphs) - 1):
        pair = paragraphs[i:i + 2]
        if all(map(_is_prose, pair)) and _AI.search(" ".join(pair)):
            paragraphs[i:i + 2] = pair[::-1]
            break
    return "\n\n".join(paragraphs)


FORM_CHANGES: dict[str, Callable[[str], str]] = {
    fn.__name__: fn for fn in (renumbered, lettered, other_bullets, without_bold, headings_as_bold_lines,
                               non_breaking_spaces, typographic_quotes, paragraphs_merged, a_paragraph_a_sentence,
                               headings_a_level_deeper, links_as_text, cells_padded, hard_wrapped,
                               an_ai_section_moved_last, two_paragraphs_swapped)}


@needs_corpus
@pytest.mark.parametrize("form_change", [*FORM_CHANGES, "the_maker_renamed"])
def test_a_real_policy_changed_only_in_form_is_no_ai_change(form_change: str) -> None:
    changed = 0
    reported = []
    for service, text in latest_dev_versions():
        new = text.replace(service, "Quorra") if form_change == "the_maker_renamed" else FORM_CHANGES[form_change](text)
        if new == text:
            continue
        changed += 1
        assessment = assess_texts(text, new)[1]
        if assessment.ai_relevant:
            reported.append(f"{service}: {assessment.summary}")
    assert changed >= 5, "the change of form should apply to some documents"
    assert not reported, "\n".join(reported)
