"""Sentence-aware diffs of two policy texts (difflib).

Texts are split into blocks (paragraphs, headings, list items) and blocks into sentences; difflib compares the
sentences, so a one-word edit inside a long paragraph shows as that one sentence, modified. A sentence that only
moved elsewhere is recognised as moved, not as removed and added.

Two sequences with more than :data:`DIFFLIB_PAIRS` pairs of equal elements (a page of 4,000 × "Learn more.") are
matched by :func:`matching_blocks`, near-linear where difflib is quadratic; below the cap, which every real policy
text falls under, difflib's own matching is used (why, with figures: docs/decisions/diff-on-repeats.md).

>>> change = diff_texts("We sell ads to businesses. We love cats.", "We sell ads to businesses. We love dogs.")
>>> [(s.kind, s.old, s.text) for s in change.sentences]
[('modified', 'We love cats.', 'We love dogs.')]
>>> change.stats
{'added': 0, 'removed': 0, 'modified': 1, 'moved': 0}
"""

from __future__ import annotations

import difflib
import functools
import html
import json
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Literal

SentenceKind = Literal["added", "removed", "modified", "moved"]

_ABBREVIATIONS = (
    "e.g", "i.e", "etc", "inc", "ltd", "llc", "co", "corp", "no", "nos", "vs", "mr", "mrs", "ms", "dr", "st",
    "u.s", "u.k", "e.u", "art", "sec", "para", "approx", "incl", "fig", "cf", "p", "pp", "ca", "jr", "sr",
)
# the gap after a sentence's stop (matched from the stop: a pattern that starts with a lookbehind is tried at every
# character, twice as slow)
_SENTENCE_END = re.compile(r"[.!?…](?P<gap>[\"”’)\]]*\s+)(?=[\"“‘(\[*_]*[A-Z0-9À-ÖØ-Þ])")
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL_IN_PARENS = re.compile(r"\s*\((?:https?://|mailto:)[^)\s]*\)")
_EMPHASIS = re.compile(r"[*_`]+")
_WORD = re.compile(r"\s+|[^\s\w]|\w+")
_HEADING = re.compile(r"^(#{1,6})\s+")


_SETEXT_UNDERLINE = re.compile(r"\n(=+|-+)[ \t]*$", re.MULTILINE)


def _atx_headings(text: str) -> str:
    """Setext headings ("Title" over a line of "=" or "-") written as "# Title" and "## Title"."""
    parts: list[str] = []
    done = 0
    for underline in _SETEXT_UNDERLINE.finditer(text):  # found from the underline: faster than trying every line
        start = text.rfind("\n", 0, underline.start()) + 1
        if start < done or start == underline.start():
            continue  # the line above is empty or was itself an underline
        level = "# " if underline.group(1)[0] == "=" else "## "
        parts += [text[done:start], level, text[start:underline.start()]]
        done = underline.end()
    return "".join(parts) + text[done:] if parts else text


def is_heading(text: str) -> bool:
    """Whether a block or sentence is a Markdown heading ("## Your choices")."""
    return bool(_HEADING.match(text.lstrip()))


# a block also ends before each item of a list quoted in a box ("> - …"), and before each row of a table ("| Voice
# data | Train our speech models |"), the header keeping its line of dashes: a row is read and compared alone, as a
# list item is
_BLOCK_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:>\s*)*(?:[-*+]|\d+\.|[a-z][.)]|\((?:[a-z]|[ivx]{1,4}|\d{1,2})\)|"
                          r"#{1,6})\s)|\n(?=[ \t]*\|(?![ \t]*:?-+:?[ \t]*\|))")


def split_blocks(text: str) -> list[str]:
    text = _atx_headings(text)
    # a block ends at a blank line, before a list item or heading, and after a heading's own line
    blocks: list[str] = []
    for block in _BLOCK_BREAK.split(text):
        block = block.strip()
        if _HEADING.match(block) and "\n" in block:
            blocks.extend(part.strip() for part in block.split("\n", 1))
        elif block:
            blocks.append(block)
    return [block for block in blocks if block]


_LINE_BREAK = re.compile(r"\s*\n\s*")


def split_sentences(block: str) -> list[str]:
    """Split one paragraph into sentences, keeping abbreviations such as "e.g." and "U.S." whole."""
    # most paragraphs of two versions are the same, and classify splits some again: remembered, unless huge
    return list(cached_sentences_of(block) if len(block) <= 20_000 else _sentences_of(block))


def _sentences_of(block: str) -> tuple[str, ...]:
    block = _LINE_BREAK.sub(" ", block.strip()) if "\n" in block else block.strip()
    if _HEADING.match(block) or len(block) < 40 or block.startswith("|"):
        return (block,) if block else ()  # a table's row is one record: its purpose read with its data
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(block):
        candidate = block[start:match.start("gap")].rstrip()
        last_word = candidate.rsplit(None, 1)[-1].rstrip(".").lower() if candidate else ""
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        if candidate.endswith("\\.") or candidate.count("[") > candidate.count("]"):
            continue  # an escaped list number ("1\\.") or a point inside a Markdown link's text
        pieces.append(block[start:match.end()].strip())
        start = match.end()
    pieces.append(block[start:].strip())
    return tuple(piece for piece in pieces if piece)


cached_sentences_of = functools.lru_cache(maxsize=4096)(_sentences_of)


def split_text(text: str) -> list[str]:
    """A text as the list of its sentences, in order."""
    return [sentence for block in split_blocks(text) for sentence in split_sentences(block)]


_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")


def unescape_entities(text: str) -> str:
    """HTML entities read as the characters they stand for ("won&rsquo;t" is "won’t"); only where there are any."""
    return _ENTITY.sub(lambda match: html.unescape(match.group(0)), text) if "&" in text else text


@functools.lru_cache(maxsize=8192)  # a changed sentence is made plain by each reading that weighs it
def plain(sentence: str) -> str:
    """A sentence without Markdown links' targets, emphasis, inline URLs or HTML entities: what a reader reads."""
    text = _MARKDOWN_LINK.sub(r"\1", unescape_entities(sentence))
    text = _URL_IN_PARENS.sub("", text)
    text = _EMPHASIS.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


# -- matching that stays near-linear on repeats ----------------------------------------------------------------

Opcode = tuple[str, int, int, int, int]
Block = tuple[int, int, int]  # a[i:i + size] == b[j:j + size]

DIFFLIB_PAIRS = 50_000  # pairs of equal elements up to which difflib matches (the corpus's largest pair has 8,400)
MATCH_BUDGET = 300_000  # steps of anchoring and edit scripts for one pair of sequences past the cap (~1 s)
PAIRING_LIMIT = 2_000  # removed sentences of one replaced run beyond which none is paired with an added one


def equal_pairs(a: Sequence[Hashable], b: Sequence[Hashable]) -> int:
    """How many (i, j) have a[i] == b[j]: what difflib's matching costs grow with."""
    counts = Counter(b)
    return sum(n * counts[key] for key, n in Counter(a).items() if key in counts)


def matching_blocks(a: Sequence[Hashable], b: Sequence[Hashable], *, difflib_pairs: int = DIFFLIB_PAIRS) -> list[Block]:
    """difflib's matching blocks of ``a`` and ``b`` (ending with ``(len(a), len(b), 0)``), however they repeat.

    >>> matching_blocks(["x"] * 3000 + ["y"], ["x"] * 2999 + ["z", "y"])
    [(0, 0, 2999), (3000, 3000, 1), (3001, 3001, 0)]
    """
    if equal_pairs(a, b) <= difflib_pairs:
        matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
        return [(block.a, block.b, block.size) for block in matcher.get_matching_blocks()]
    ids: dict[Hashable, int] = {}
    a_ids = [ids.setdefault(item, len(ids)) for item in a]
    b_ids = [ids.setdefault(item, len(ids)) for item in b]
    return [*_merged(sorted(_match_repetitive(a_ids, b_ids, difflib_pairs))), (len(a), len(b), 0)]


def opcodes(a: Sequence[Hashable], b: Sequence[Hashable]) -> list[Opcode]:
    """What ``difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()`` gives, near-linear on repeats."""
    return _opcodes_of(matching_blocks(a, b), len(a), len(b))


def _merged(blocks: list[Block]) -> list[Block]:
    merged: list[Block] = []
    for i, j, size in blocks:
        if merged and merged[-1][0] + merged[-1][2] == i and merged[-1][1] + merged[-1][2] == j:
            previous = merged.pop()
            i, j, size = previous[0], previous[1], previous[2] + size
        if size:
            merged.append((i, j, size))
    return merged


def _opcodes_of(blocks: list[Block], a_length: int, b_length: int) -> list[Opcode]:
    """difflib's get_opcodes() from its matching blocks."""
    result: list[Opcode] = []
    i = j = 0
    for block_i, block_j, size in [*blocks, (a_length, b_length, 0)]:
        tag = _change_tag(i, block_i, j, block_j)
        if tag:
            result.append((tag, i, block_i, j, block_j))
        i, j = block_i + size, block_j + size
        if size:
            result.append(("equal", block_i, i, block_j, j))
    return result


def _change_tag(i1: int, i2: int, j1: int, j2: int) -> str:
    return "replace" if i1 < i2 and j1 < j2 else "delete" if i1 < i2 else "insert" if j1 < j2 else ""


def _match_repetitive(a: list[int], b: list[int], difflib_pairs: int) -> list[Block]:
    """Matching blocks of two sequences with many repeats, in any order: equal ends are matched, then elements
    found once in each side anchor the match (patience), then a region without anchors gets difflib if it repeats
    little, else an edit script (Myers). Past :data:`MATCH_BUDGET` steps the regions left are replaced whole."""
    blocks: list[Block] = []
    budget = MATCH_BUDGET
    regions = [(0, len(a), 0, len(b))]
    while regions and budget > 0:
        a_low, a_high, b_low, b_high = regions.pop()
        start_a, start_b = a_low, b_low
        while a_low < a_high and b_low < b_high and a[a_low] == b[b_low]:
            a_low, b_low = a_low + 1, b_low + 1
        if a_low > start_a:
            blocks.append((start_a, start_b, a_low - start_a))
        end_a = a_high
        while a_high > a_low and b_high > b_low and a[a_high - 1] == b[b_high - 1]:
            a_high, b_high = a_high - 1, b_high - 1
        if a_high < end_a:
            blocks.append((a_high, b_high, end_a - a_high))
        if a_low == a_high or b_low == b_high:
            continue
        part_a, part_b = a[a_low:a_high], b[b_low:b_high]
        budget -= len(part_a) + len(part_b)
        anchors = _unique_anchors(part_a, part_b)
        if anchors:
            previous_a, previous_b = a_low, b_low
            for i, j in anchors:
                regions.append((previous_a, a_low + i, previous_b, b_low + j))
                blocks.append((a_low + i, b_low + j, 1))
                previous_a, previous_b = a_low + i + 1, b_low + j + 1
            regions.append((previous_a, a_high, previous_b, b_high))
        elif equal_pairs(part_a, part_b) <= difflib_pairs:
            matcher = difflib.SequenceMatcher(None, part_a, part_b, autojunk=False)
            blocks.extend((a_low + i, b_low + j, size) for i, j, size in matcher.get_matching_blocks() if size)
        else:
            script = _edit_script_blocks(part_a, part_b, budget)
            if script is None:
                budget = 0  # this region, and any left, count as replaced whole
                break
            found, spent = script
            budget -= spent
            blocks.extend((a_low + i, b_low + j, size) for i, j, size in found)
    return blocks


def _unique_anchors(a: list[int], b: list[int]) -> list[tuple[int, int]]:
    """Pairs (i, j) of elements found exactly once in ``a`` and once in ``b``, the longest run of them in the same
    order on both sides (patience diff's anchors)."""
    count_a, count_b = Counter(a), Counter(b)
    where_b = {item: j for j, item in enumerate(b) if count_b[item] == 1}
    candidates = [(i, where_b[item]) for i, item in enumerate(a) if count_a[item] == 1 and item in where_b]
    if not candidates:
        return []
    # Longest increasing subsequence of the j's (patience sorting), with back-links to rebuild it.
    tails: list[int] = []  # tails[n]: the smallest j ending an increasing run of length n + 1
    tail_index: list[int] = []
    back: list[int] = []
    for index, (_, j) in enumerate(candidates):
        length = bisect_left(tails, j)
        back.append(tail_index[length - 1] if length else -1)
        if length == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[length], tail_index[length] = j, index
    chain, index = [], tail_index[-1]
    while index >= 0:
        chain.append(candidates[index])
        index = back[index]
    return chain[::-1]


def _edit_script_blocks(a: list[int], b: list[int], budget: int) -> tuple[list[Block], int] | None:
    """The matching blocks of a shortest edit script with substitutions (Landau and Vishkin's O((N+M)·D)
    furthest-reaching search), and the steps it took; None when that would take over ``budget`` steps.

    Substitutions count as one edit, so "Learn more." edited among thousands of them is a replaced paragraph in
    its place, not an insertion here and a deletion further down (equally short without substitutions)."""
    n, m = len(a), len(b)
    x = _slide(a, b, 0, 0)
    spent = x + 1
    window, low = [x], 0  # furthest x reached on diagonals k = x - y from low on, after d edits
    trace: list[tuple[int, list[int]]] = []
    d = 0
    while not (low <= n - m < low + len(window) and window[n - m - low] >= n):
        if spent > budget:
            return None
        trace.append((low, window))
        d += 1
        new_low, new_high = max(-m, -d), min(n, d)
        new_window = []
        for k in range(new_low, new_high + 1):
            start = _best_start(window, low, k, n, m)[0]
            if start < 0:
                new_window.append(-1)
                continue
            x = _slide(a, b, start, start - k)
            spent += x - start + 1
            new_window.append(x)
        window, low = new_window, new_low
    return _walk_back(a, b, trace, n, m), spent


def _slide(a: list[int], b: list[int], x: int, y: int) -> int:
    while x < len(a) and y < len(b) and a[x] == b[y]:
        x, y = x + 1, y + 1
    return x


def _best_start(window: list[int], low: int, k: int, n: int, m: int) -> tuple[int, int]:
    """Where diagonal ``k`` starts after one more edit, and from which diagonal: a substitution (k), a deletion
    (k - 1) or an insertion (k + 1); (-1, k) when none reaches it."""
    best, origin = -1, k
    for source, step in ((k, 1), (k - 1, 1), (k + 1, 0)):
        index = source - low
        if not 0 <= index < len(window) or window[index] < 0:
            continue
        x = window[index]
        y = x - source
        if (step and x >= n) or (source != k - 1 and y >= m):  # the edit would step past an end
            continue
        if x + step > best:
            best, origin = x + step, source
    return best, origin


def _walk_back(a: list[int], b: list[int], trace: list[tuple[int, list[int]]], x: int, y: int) -> list[Block]:
    blocks: list[Block] = []
    k = x - y
    for low, window in reversed(trace):
        start, origin = _best_start(window, low, k, len(a), len(b))
        if x > start:
            blocks.append((start, start - k, x - start))
        x, k = window[origin - low], origin
    if x > 0:
        blocks.append((0, 0, x))
    return blocks[::-1]


@dataclass(frozen=True, slots=True)
class SentenceChange:
    kind: SentenceKind
    text: str  # the new sentence (the removed one, for "removed")
    old: str | None = None  # the old wording, for "modified"
    section: str | None = None  # the nearest heading above it, for context

    @property
    def substantive(self) -> bool:
        """False when only links' targets, emphasis or white space changed, or the sentence only moved."""
        if self.kind == "moved":
            return False
        if self.kind == "modified":
            return plain(self.old or "") != plain(self.text)
        return True


@dataclass(frozen=True, slots=True)
class Hunk:
    old_start: int
    old_count: int
    new_start: int
    new_count: int
    lines: tuple[tuple[str, str], ...]  # (" " | "-" | "+", sentence)


@dataclass(frozen=True, slots=True)
class Change:
    hunks: tuple[Hunk, ...] = ()
    sentences: tuple[SentenceChange, ...] = ()
    old_count: int = 0
    new_count: int = 0
    title: str | None = field(default=None)

    @property
    def changed(self) -> bool:
        return bool(self.hunks)

    @property
    def stats(self) -> dict[str, int]:
        """Sentences by kind, each counted once: a reworded sentence is one "modified", not also an "added" and a
        "removed". The same figures go into the alert, the database, ``changes`` and ``compare``."""
        counts = {"added": 0, "removed": 0, "modified": 0, "moved": 0}
        for sentence in self.sentences:
            counts[sentence.kind] += 1
        return counts

    def of_kind(self, *kinds: SentenceKind) -> list[SentenceChange]:
        return [sentence for sentence in self.sentences if sentence.kind in kinds]


def _similar(a: str, b: str) -> float:
    # Words, not characters: as telling for "is this the same sentence, edited?" and far cheaper on long clauses.
    a_words, b_words = a.split(), b.split()
    if not a_words and not b_words:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a_words, b_words, autojunk=False)
    if matcher.real_quick_ratio() < 0.5 or matcher.quick_ratio() < 0.5:
        return 0.0
    matched = sum(size for _, _, size in matching_blocks(a_words, b_words))
    return 2.0 * matched / (len(a_words) + len(b_words))


def _pair_modified(removed: list[str], added: list[str]) -> list[tuple[str | None, str | None]]:
    """Pair the sentences of a replaced run: a removed and an added sentence alike enough are one edit."""
    pairs: list[tuple[str | None, str | None]] = []
    if len(removed) > PAIRING_LIMIT:  # a text replaced whole: each comparison costs, and none would pair
        return [*((old, None) for old in removed), *((None, new) for new in added)]
    next_added = 0
    for old in removed:
        best, best_index = 0.0, -1
        for index in range(next_added, min(len(added), next_added + 8)):
            score = _similar(old, added[index])
            if score > best:
                best, best_index = score, index
        if best >= 0.6:
            pairs.extend((None, new) for new in added[next_added:best_index])
            pairs.append((old, added[best_index]))
            next_added = best_index + 1
        else:
            pairs.append((old, None))
    pairs.extend((None, new) for new in added[next_added:])
    return pairs


def _sections(sentences: list[str]) -> list[str | None]:
    current: str | None = None
    result = []
    for sentence in sentences:
        if _HEADING.match(sentence):
            current = _HEADING.sub("", sentence)
        result.append(current)
    return result


def _sentence_opcodes(old_blocks: list[list[str]], new_blocks: list[list[str]]) -> list[Opcode]:
    """difflib's opcodes over the sentences, found paragraph first: equal paragraphs are matched whole, and
    sentences are compared only inside the paragraphs that differ. Policies repeat sentences ("Learn more",
    boilerplate) but rarely whole paragraphs, so this keeps difflib away from its quadratic worst case."""
    old_keys, new_keys = ["\n".join(block) for block in old_blocks], ["\n".join(block) for block in new_blocks]
    old_offsets, new_offsets = _offsets(old_blocks), _offsets(new_blocks)
    found: list[Opcode] = []
    for tag, b1, b2, c1, c2 in opcodes(old_keys, new_keys):
        i1, i2, j1, j2 = old_offsets[b1], old_offsets[b2], new_offsets[c1], new_offsets[c2]
        if tag == "equal":
            found.append(("equal", i1, i2, j1, j2))
            continue
        old_part = [sentence for block in old_blocks[b1:b2] for sentence in block]
        new_part = [sentence for block in new_blocks[c1:c2] for sentence in block]
        found.extend((t, i1 + a1, i1 + a2, j1 + d1, j1 + d2) for t, a1, a2, d1, d2 in opcodes(old_part, new_part))
    merged: list[Opcode] = []
    for opcode in found:
        if opcode[1] == opcode[2] and opcode[3] == opcode[4]:
            continue
        if merged and merged[-1][0] == opcode[0] == "equal":
            previous = merged.pop()
            opcode = ("equal", previous[1], opcode[2], previous[3], opcode[4])
        merged.append(opcode)
    return merged or [("equal", 0, 0, 0, 0)]


def _offsets(blocks: list[list[str]]) -> list[int]:
    offsets = [0]
    for block in blocks:
        offsets.append(offsets[-1] + len(block))
    return offsets


class _GivenOpcodesMatcher(difflib.SequenceMatcher[str]):
    """difflib's matcher over sentences whose opcodes were found paragraph first (``_sentence_opcodes``), so that
    ``get_opcodes()`` and ``get_grouped_opcodes()`` return those."""

    def __init__(self, a: list[str], b: list[str], opcodes: list[Opcode]) -> None:
        super().__init__(None, a, b, autojunk=False)
        self.opcodes = opcodes  # difflib's cache of get_opcodes(), which both methods read


def diff_texts(old: str, new: str, *, context: int = 1) -> Change:
    """Compare two texts sentence by sentence."""
    old_blocks = [split_sentences(block) for block in split_blocks(old)]
    new_blocks = [split_sentences(block) for block in split_blocks(new)]
    old_sentences = [sentence for block in old_blocks for sentence in block]
    new_sentences = [sentence for block in new_blocks for sentence in block]
    matcher = _GivenOpcodesMatcher(old_sentences, new_sentences, _sentence_opcodes(old_blocks, new_blocks))
    new_sections = _sections(new_sentences)
    old_sections = _sections(old_sentences)
    changes: list[SentenceChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for old_sentence, new_sentence in _pair_modified(old_sentences[i1:i2], new_sentences[j1:j2]):
            if old_sentence is not None and new_sentence is not None:
                changes.append(SentenceChange("modified", new_sentence, old_sentence, new_sections[j1]))
            elif new_sentence is not None:
                changes.append(SentenceChange("added", new_sentence, None, new_sections[j1]))
            elif old_sentence is not None:
                section = old_sections[i1] if i1 < len(old_sections) else None
                changes.append(SentenceChange("removed", old_sentence, None, section))
    changes = _mark_moves(changes)
    hunks = tuple(
        Hunk(group[0][1] + 1, group[-1][2] - group[0][1], group[0][3] + 1, group[-1][4] - group[0][3],
             tuple(_hunk_lines(group, old_sentences, new_sentences)))
        for group in matcher.get_grouped_opcodes(context)
        if any(tag != "equal" for tag, *_ in group)
    )
    return Change(hunks=hunks, sentences=tuple(changes), old_count=len(old_sentences), new_count=len(new_sentences))


def _mark_moves(changes: list[SentenceChange]) -> list[SentenceChange]:
    removed = {c.text for c in changes if c.kind == "removed"}
    added = {c.text for c in changes if c.kind == "added"}
    moved = removed & added
    if not moved:
        return changes
    result, reported = [], set()
    for change in changes:
        if change.text in moved:
            if change.kind == "added" and change.text not in reported:
                result.append(SentenceChange("moved", change.text, None, change.section))
                reported.add(change.text)
            continue
        result.append(change)
    return result


def _hunk_lines(group: list[tuple[str, int, int, int, int]], old: list[str], new: list[str]) -> list[tuple[str, str]]:
    lines: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in group:
        if tag == "equal":
            lines.extend((" ", sentence) for sentence in old[i1:i2])
            continue
        lines.extend(("-", sentence) for sentence in old[i1:i2])
        lines.extend(("+", sentence) for sentence in new[j1:j2])
    return lines


# -- renderings ------------------------------------------------------------------------------------------------

def render_unified(change: Change, old_label: str = "old", new_label: str = "new") -> str:
    if not change.changed:
        return ""
    out = [f"--- {old_label}", f"+++ {new_label}"]
    for hunk in change.hunks:
        out.append(f"@@ -{hunk.old_start},{hunk.old_count} +{hunk.new_start},{hunk.new_count} @@")
        out.extend(f"{mark}{sentence}" for mark, sentence in hunk.lines)
    return "\n".join(out)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level edit of one sentence: a list of (" " | "-" | "+", fragment)."""
    old_words, new_words = _WORD.findall(old), _WORD.findall(new)
    parts: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in opcodes(old_words, new_words):
        if tag == "equal":
            parts.append((" ", "".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("-", "".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(("+", "".join(new_words[j1:j2])))
    return parts


def split_edge_space(fragment: str) -> tuple[str, str, str]:
    """``" and more "`` → ``(" ", "and more", " ")``: markers go round the words, not the spaces."""
    core = fragment.strip()
    if not core:
        return fragment, "", ""
    start = fragment.index(core)
    return fragment[:start], core, fragment[start + len(core):]


def _marked(fragment: str, opening: str, closing: str) -> str:
    before, core, after = split_edge_space(fragment)
    return f"{before}{opening}{core}{closing}{after}" if core else fragment


def render_words(change: Change) -> str:
    """Each changed sentence with its edits inline: ``[-removed-]{+added+}`` (as git diff --word-diff)."""
    out = []
    for sentence in change.sentences:
        if sentence.kind == "modified":
            text = "".join(
                fragment if mark == " " else (_marked(fragment, "[-", "-]") if mark == "-"
                                              else _marked(fragment, "{+", "+}"))
                for mark, fragment in word_diff(sentence.old or "", sentence.text)
            )
            out.append(f"~ {text}")
        elif sentence.kind == "added":
            out.append(f"+ {{+{sentence.text}+}}")
        elif sentence.kind == "removed":
            out.append(f"- [-{sentence.text}-]")
        else:
            out.append(f"> (moved) {sentence.text}")
    return "\n\n".join(out)


def side_by_side_rows(change: Change) -> list[tuple[str, str, str]]:
    """Rows of (old, new, kind) for a two-column view."""
    rows = []
    for sentence in change.sentences:
        if sentence.kind == "modified":
            rows.append((sentence.old or "", sentence.text, "modified"))
        elif sentence.kind == "removed":
            rows.append((sentence.text, "", "removed"))
        elif sentence.kind == "added":
            rows.append(("", sentence.text, "added"))
        else:
            rows.append((sentence.text, sentence.text, "moved"))
    return rows


def change_to_dict(change: Change) -> dict[str, object]:
    return {
        "changed": change.changed,
        "stats": change.stats,
        "sentences": [
            {"kind": s.kind, "text": s.text, **({"old": s.old} if s.old is not None else {}),
             **({"section": s.section} if s.section else {})}
            for s in change.sentences
        ],
        "hunks": [
            {"old_start": h.old_start, "old_count": h.old_count, "new_start": h.new_start, "new_count": h.new_count,
             "lines": [{"op": mark, "text": text} for mark, text in h.lines]}
            for h in change.hunks
        ],
    }


def render_json(change: Change) -> str:
    return json.dumps(change_to_dict(change), ensure_ascii=False, indent=2)
