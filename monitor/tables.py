"""Tables in a policy's text: a row a line, ``| cell | cell |``, with a line of dashes under the header row, as
:mod:`monitor.extract` writes a page's tables and Markdown writes its own.

A row is a record: its cells say what its header's columns name (a purpose, the data it uses, its legal basis, a
setting and its default). ``classify`` reads each row with its header, and compares a row edited in place with
what it was, cell by cell.

>>> header = "| Purpose | Type of data | Default |"
>>> row = "| Train our models | *   Feedback<br>*   Chats | Off |"
>>> header_of(f"{header}\\n| --- | --- | --- |\\n{row}\\n", row)
'| Purpose | Type of data | Default |'
>>> row_as_said(header, row)
'| Train our models | Feedback, Chats | Off by default |'
>>> sorted(data_items(header, row))
['chats', 'feedback']
>>> turned(row, row.replace("| Off |", "| On |")), turned(row, row.replace("| Off |", "| Disabled |"))
(True, False)
"""

from __future__ import annotations

import itertools
import re

from monitor.diff import plain


def is_row(text: str) -> bool:
    return text.lstrip().startswith("|")


def cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


_RULE = re.compile(r"^\s*\|(?:\s*:?-+:?\s*\|)+\s*$")  # "| --- | :---: |" under a table's header


def header_of(text: str, row: str, position: int | None = None) -> str | None:
    """The header of the table ``row`` is a row of in ``text`` (its first row, over a line of dashes or not), if it
    is a row below one; ``position``: where the row starts in ``text``, when known."""
    if not is_row(row) or (position := text.find(row.strip()[:60]) if position is None else position) < 0:
        return None
    lines = text[:text.rfind("\n", 0, position) + 1].splitlines()[-200:]
    above = list(itertools.takewhile(is_row, reversed(lines)))
    if not above or (len(above) == 1 and _RULE.match(above[0])):
        return None  # the row is the header, or no row of a table
    return above[-1].strip()


# A list inside a cell ("| *   Feedback<br>*   Inputs |", or "; " as a page's text writes a cell's lines) reads as
# the list it is: "| Feedback, Inputs |"
_CELL_LIST = re.compile(r"\|\s*[*•●-]\s+")
_ROW_LIST = re.compile(r"\s*(?:(?:<br\s*/?>|;)\s*)+(?:[*•●-]\s+)?")
_DEFAULT_COLUMN = re.compile(r"\bdefault\b", re.IGNORECASE)


def row_as_said(header: str, row: str) -> str:
    """A row as a sentence would say it: a list in a cell as a list ("| Feedback, Inputs |"), and a switch under a
    column of defaults as a default ("| Off by default |")."""
    row = _ROW_LIST.sub(", ", _CELL_LIST.sub("| ", row))
    names, values = cells(header), cells(row)
    if len(names) != len(values) or not any(_DEFAULT_COLUMN.search(name) for name in names):
        return row
    return "| " + " | ".join(f"{value} by default" if _DEFAULT_COLUMN.search(name) and plain(value).lower() in SWITCH
                             else value for name, value in zip(names, values, strict=True)) + " |"


# The column of a table that lists the data a row's purpose uses ("Type of Data", "Information used"), not its
# purpose, legal basis, retention or recipients
_DATA_HEADER = re.compile(r"\b(?:data|information|categor\w*|what\s+is\s+(?:sent|shared|used|collected))\b",
                          re.IGNORECASE)
_NOT_DATA_HEADER = re.compile(r"\b(?:purposes?|why|basis|bases|retention|retained|kept|recipients?|shared\s+with|"
                              r"who|when|how\s+long)\b", re.IGNORECASE)
_CELL_ITEM_BREAK = re.compile(r"<br\s*/?>|(?:^|\s)[*•●-]\s+|[;,]\s*|\s+(?:and|or)\s+")


def data_items(header: str, row: str) -> frozenset[str]:
    """The items a row lists in its table's data column ("| Model training | *   Feedback<br>*   Inputs |" under
    "| Purpose | Type of Data |"), in lower case: a row that gains one uses more data, as a list that grows does."""
    names, values = cells(header), cells(row)
    column = next((index for index, name in enumerate(names)
                   if _DATA_HEADER.search(name) and not _NOT_DATA_HEADER.search(name)), None)
    if column is None or len(names) != len(values):
        return frozenset()
    items = (plain(item).strip(" .*_").lower() for item in _CELL_ITEM_BREAK.split(values[column]))
    return frozenset(item for item in items if 1 < len(item) <= 80)


# The column of a table that names who receives a row's data ("Recipients", "Shared with", "Sub-processor")
_RECIPIENT_HEADER = re.compile(r"\b(?:recipients?|shared\s+with|disclosed\s+to|sent\s+to|who\s+(?:receives|gets)|"
                               r"third\s+part(?:y|ies)|(?:sub-?)?processors?|vendors?|service\s+providers?)\b",
                               re.IGNORECASE)


def cell_under(header: str, row: str, column: re.Pattern[str]) -> str | None:
    """The row's cell under the first column whose name ``column`` finds, if the row has as many cells as its header
    and that one is not empty.

    >>> cell_under("| Provider | Feature |", "| Acme Models Ltd. | Summaries |", re.compile("provider", re.I))
    'Acme Models Ltd.'
    """
    names, values = cells(header), cells(row)
    index = next((index for index, name in enumerate(names) if column.search(name)), None)
    if index is None or len(names) != len(values):
        return None
    return values[index] or None


def recipient_cell(header: str, row: str) -> str | None:
    """The cell that names who receives the row's data, under a column of recipients, when the row has data too.

    >>> recipient_cell("| Data | Purpose | Recipients |", "| Chats | Drafting replies | Acme Cloud (AI host) |")
    'Acme Cloud (AI host)'
    """
    return cell_under(header, row, _RECIPIENT_HEADER) if data_items(header, row) else None


def header_said_inline(row: str) -> tuple[str, str] | None:
    """A row that says its header first, as a page's text may run a one-row table together: "| Data | Purpose |
    Recipients: Chats | Drafting replies | Acme |" is the header "| Data | Purpose | Recipients |" and its row.

    >>> header_said_inline("| Data | Purpose | Recipients: Chats | Drafting replies | Acme |")
    ('| Data | Purpose | Recipients |', '| Chats | Drafting replies | Acme |')
    """
    values = cells(row)
    if len(values) % 2 == 0 or len(values) < 3:
        return None
    middle = len(values) // 2
    last_name, colon, first_value = values[middle].partition(": ")
    if not colon or ":" in "".join(values[:middle]) or len(last_name.split()) > 4:
        return None
    return ("| " + " | ".join([*values[:middle], last_name]) + " |",
            "| " + " | ".join([first_value, *values[middle + 1:]]) + " |")


# The words a cell says yes or no with
SWITCH = {word: value for value, words in ((True, ("yes", "on", "enabled", "opted in", "opt-in", "allowed")),
                                           (False, ("no", "off", "disabled", "opted out", "opt-out", "not allowed")))
          for word in words}


def _switch_values(values: list[str]) -> list[bool | str]:
    return [SWITCH.get(value.lower(), value) for value in map(plain, values)]


def turned(row: str, old_row: str) -> bool:
    """A yes-or-no cell of the row says the other ("| Off |" made "| On |"); a row's words for them are no turn."""
    new_values, old_values = _switch_values(cells(row)), _switch_values(cells(old_row))
    return len(new_values) == len(old_values) and any(
        isinstance(new, bool) and new is not old for new, old in zip(new_values, old_values, strict=True))


def same_but_for_words_for_yes_and_no(row: str, old_row: str) -> bool:
    """"| Use my chats to improve AI models | Off |" made "| … | Disabled |"."""
    return is_row(row) and _switch_values(cells(row)) == _switch_values(cells(old_row))
