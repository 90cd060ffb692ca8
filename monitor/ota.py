"""Import Open Terms Archive service declarations as watchlist entries.

An Open Terms Archive (OTA) declaration is a JSON file naming a service and, per document type, the page to
fetch (``fetch``), the policy text on it (``select``, ``remove``), whether it needs JavaScript
(``executeClientScripts``) and, for a document made of several pages, ``combine``. This module reads them
(both the older ``"terms"`` and the newer ``"documents"`` key) and writes the equivalent ``[[service]]`` tables.

What the watchlist has no counterpart for is left out with a note, written as a TOML comment above the
document and returned in :attr:`ImportedService.notes`:

- ``filter`` (named JavaScript functions that clean the page): ignored;
- range selectors (``{"startBefore": …, "endBefore": …}``) are kept, written as TOML inline tables; one the
  watchlist cannot parse is dropped, and a ``select`` left empty keeps the whole page (less the default
  removals), which is more text than OTA keeps, never less;
- selectors the watchlist's CSS engine cannot parse, and repeated pages of a ``combine``: dropped;
- history files (``*.history.json``: past declarations with ``validUntil``): skipped.

>>> service = parse_declaration({"name": "Ex", "documents": {"Terms of Service": {
...     "fetch": "https://example.com/tos", "select": "main", "executeClientScripts": True}}}, "Ex.json")
>>> print(to_toml([service]).split("\\n", 1)[1])  # doctest: +NORMALIZE_WHITESPACE
[[service]]
name = "Ex"
# opt_out = "…"  (how users can keep their data out of AI training: fill in)
<BLANKLINE>
  [[service.document]]
  type = "Terms of Service"
  url = "https://example.com/tos"
  fetch = "browser"
  select = ["main"]
<BLANKLINE>
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.controlchars import ANY_CONTROL
from monitor.extract import RANGE_KEYS, Range, Selector, SelectorError, compile_selector
from monitor.watchlist import ENV_MARK, UNSAFE_NAME, Watchlist, WatchlistError, loads


class OtaError(ValueError):
    """A file that is not an OTA service declaration."""


@dataclass(frozen=True, slots=True)
class ImportedSource:
    url: str
    select: tuple[Selector, ...] | None = None  # None: inherit the document's
    remove: tuple[Selector, ...] | None = None
    browser: bool | None = None


@dataclass(frozen=True, slots=True)
class ImportedDocument:
    type: str
    select: tuple[Selector, ...] = ()
    remove: tuple[Selector, ...] = ()
    browser: bool = False
    url: str | None = None
    combine: tuple[ImportedSource, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(slots=True)
class ImportedService:
    name: str
    origin: str
    documents: list[ImportedDocument] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # every note, "document: note", for the command line


def declaration_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[str]]:
    """The declaration files among ``paths`` (a folder stands for its ``*.json``); history files are skipped."""
    files: list[Path] = []
    skipped: list[str] = []
    for given in paths:
        path = Path(given)
        candidates = sorted(path.glob("*.json")) if path.is_dir() else [path]
        for candidate in candidates:
            if candidate.name.endswith(".history.json"):
                skipped.append(f"{candidate}: a history file (past declarations): skipped")
            else:
                files.append(candidate)
    return files, skipped


def load_declaration(path: str | os.PathLike[str]) -> ImportedService:
    file_path = Path(path)
    try:
        data = json.loads(file_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise OtaError(f"{file_path}: no such file") from None
    except IsADirectoryError:
        raise OtaError(f"{file_path}: is a folder") from None
    except (OSError, UnicodeDecodeError) as error:
        raise OtaError(f"{file_path}: cannot read: {error}") from None
    except json.JSONDecodeError as error:
        raise OtaError(f"{file_path}: not JSON: {error.msg} (line {error.lineno})") from None
    except RecursionError:  # json parses nested arrays recursively: "[[[[…" exhausts the stack
        raise OtaError(f"{file_path}: not a declaration: arrays or objects nested too deeply") from None
    if _has_lone_surrogate(data):  # "\ud800" alone in JSON: no TOML string can hold it
        raise OtaError(f"{file_path}: not valid Unicode text (a lone surrogate escape): declaration refused")
    return parse_declaration(data, file_path.name)


def _has_lone_surrogate(data: Any) -> bool:
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def parse_declaration(data: Any, origin: str) -> ImportedService:
    if not isinstance(data, dict):
        raise OtaError(f"{origin}: not an OTA declaration (expected a JSON object)")
    name = data.get("name")
    documents = data.get("documents", data.get("terms"))
    if not isinstance(name, str) or not name.strip() or not isinstance(documents, dict):
        if isinstance(data, dict) and data and all(isinstance(value, list) for value in data.values()):
            raise OtaError(f"{origin}: a history file (past declarations with validUntil), not a declaration")
        raise OtaError(f"{origin}: not an OTA declaration (expected \"name\" and \"documents\" or \"terms\")")
    _refuse_unsafe_name(name.strip(), origin, "service name")
    service = ImportedService(name=_clean_name(name.strip()), origin=origin)
    if service.name != name.strip():
        service.notes.append(f"service name {name.strip()!r} has '/', written as {service.name!r}")
    for doc_type, raw in documents.items():
        _refuse_unsafe_name(doc_type.strip(), origin, "document type")
        _refuse_variables(raw, origin, doc_type)
        document = _parse_document(_clean_name(doc_type.strip()), raw)
        if document is None:
            service.notes.append(f"{doc_type}: no page to fetch: skipped")
            continue
        if document.type != doc_type.strip():
            document = _with_note(document, f"type {doc_type.strip()!r} has '/', written as {document.type!r}")
        service.documents.append(document)
        service.notes.extend(f"{document.type}: {note}" for note in document.notes)
    return service


def _parse_document(doc_type: str, raw: Any) -> ImportedDocument | None:
    if not isinstance(raw, dict):
        return None
    notes: list[str] = []
    select = _selectors(raw.get("select"), "select", notes)
    remove = _selectors(raw.get("remove"), "remove", notes)
    _note_filters(raw, notes)
    browser = bool(raw.get("executeClientScripts", False))
    if isinstance(raw.get("combine"), list):
        parts: list[ImportedSource] = []
        seen: set[str] = set()
        for part in raw["combine"]:
            if not isinstance(part, dict) or not isinstance(part.get("fetch"), str):
                notes.append("a combine part without a fetch URL: skipped")
                continue
            url = part["fetch"].strip()
            if url in seen:
                notes.append(f"{url} appears twice in combine: kept once")
                continue
            seen.add(url)
            _note_filters(part, notes, where=url)
            part_select = _selectors(part["select"], "select", notes, where=url) if "select" in part else None
            part_remove = _selectors(part["remove"], "remove", notes, where=url) if "remove" in part else None
            part_browser = bool(part["executeClientScripts"]) if "executeClientScripts" in part else None
            parts.append(ImportedSource(url, part_select, part_remove, part_browser))
        if not parts:
            return None
        if len(parts) == 1:  # a combine of one page is one page
            only = parts[0]
            return ImportedDocument(doc_type, only.select if only.select is not None else select,
                                    only.remove if only.remove is not None else remove,
                                    only.browser if only.browser is not None else browser, url=only.url,
                                    notes=tuple(notes))
        return ImportedDocument(doc_type, select, remove, browser, combine=tuple(parts), notes=tuple(notes))
    url = raw.get("fetch")
    if not isinstance(url, str) or not url.strip():
        return None
    return ImportedDocument(doc_type, select, remove, browser, url=url.strip(), notes=tuple(notes))


def _refuse_unsafe_name(name: str, origin: str, what: str) -> None:
    if UNSAFE_NAME.search(name):
        raise OtaError(f"{origin}: the {what} {name!r} holds a control character or '`': declaration refused, "
                       "nothing imported")


def _refuse_variables(raw: Any, origin: str, doc_type: str) -> None:
    """A declaration naming ``${VAR}`` in a page address is hostile: it would send that variable's value (a
    channel's secret) to the page's server. The whole declaration is refused, not just the document."""
    parts = raw.get("combine") if isinstance(raw, dict) else None
    for part in [raw, *(parts if isinstance(parts, list) else [])]:
        url = part.get("fetch") if isinstance(part, dict) else None
        if isinstance(url, str) and ENV_MARK in url:
            raise OtaError(f"{origin}: document {doc_type!r}: the fetch URL holds {ENV_MARK}…}}, which would send an "
                           "environment variable (a secret) to that page's server: declaration refused, nothing "
                           "imported")


def _selectors(value: Any, key: str, notes: list[str], where: str | None = None) -> tuple[Selector, ...]:
    """CSS selectors and ranges from an OTA ``select``/``remove`` (a string or a list of strings and ranges)."""
    place = f" ({where})" if where else ""
    items = value if isinstance(value, list) else [] if value is None else [value]
    kept: list[Selector] = []
    for item in items:
        if isinstance(item, dict) and RANGE_KEYS & set(item):
            try:
                kept.append(Range.from_mapping(item))
            except SelectorError as error:
                notes.append(f"{key}{place}: {error}: dropped {json.dumps(item)}")
            continue
        if not isinstance(item, str) or not item.strip():
            notes.append(f"not a selector in {key}{place}, dropped: {json.dumps(item)}")
            continue
        selector = item.strip()
        try:
            compile_selector(selector)
        except SelectorError as error:
            notes.append(f"{key}{place}: {error}: dropped")
            continue
        kept.append(selector)
    if key == "select" and items and not kept and where is None:
        notes.append("no usable select left: the whole page is kept (less the default removals)")
    return tuple(kept)


def _note_filters(raw: dict[str, Any], notes: list[str], where: str | None = None) -> None:
    filters = raw.get("filter")
    if filters:
        names = ", ".join(str(name) for name in (filters if isinstance(filters, list) else [filters]))
        notes.append(f"filter ignored{f' ({where})' if where else ''}: {names}")


def _clean_name(name: str) -> str:
    return name.replace("/", "-")


def _with_note(document: ImportedDocument, note: str) -> ImportedDocument:
    from dataclasses import replace

    return replace(document, notes=(*document.notes, note))


# -- TOML ------------------------------------------------------------------------------------------------------

# Written as \uXXXX wherever a declaration's text lands in the TOML, strings and comments alike: C0 and C1 controls
# and DEL (a newline would end a "# note:" comment and make the next line live TOML), and bidi controls (they
# reorder what a reviewer reads).
_UNPRINTABLE = ANY_CONTROL


def _escaped(text: str) -> str:
    return _UNPRINTABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def _string(value: str) -> str:
    """A TOML basic string, always on one line."""
    return '"' + _escaped(value.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def _comment(text: str) -> str:
    return "# " + _escaped(text)


def _array(values: Iterable[Selector]) -> str:
    return "[" + ", ".join(_string(value) if isinstance(value, str) else _range(value) for value in values) + "]"


def _range(selected: Range) -> str:
    return "{ " + ", ".join(f"{key} = {_string(value)}" for key, value in selected.as_mapping().items()) + " }"


def _inline_source(part: ImportedSource) -> str:
    fields = [f"url = {_string(part.url)}"]
    if part.browser is not None:
        fields.append(f"fetch = {_string('browser' if part.browser else 'http')}")
    if part.select is not None:
        fields.append(f"select = {_array(part.select)}")
    if part.remove is not None:
        fields.append(f"remove = {_array(part.remove)}")
    return "{ " + ", ".join(fields) + " }"


def service_toml(service: ImportedService) -> str:
    lines = [_comment(f"Imported from Open Terms Archive declaration {service.origin} (ODC Attribution License)"),
             "[[service]]", f"name = {_string(service.name)}",
             "# opt_out = \"…\"  (how users can keep their data out of AI training: fill in)", ""]
    for document in service.documents:
        lines.extend(f"  {_comment(f'note: {note}')}" for note in document.notes)
        lines.append("  [[service.document]]")
        lines.append(f"  type = {_string(document.type)}")
        if document.url is not None:
            lines.append(f"  url = {_string(document.url)}")
        if document.browser:
            lines.append('  fetch = "browser"')
        if document.select:
            lines.append(f"  select = {_array(document.select)}")
        if document.remove:
            lines.append(f"  remove = {_array(document.remove)}")
        if document.combine:
            lines.append("  combine = [")
            lines.extend(f"    {_inline_source(part)}," for part in document.combine)
            lines.append("  ]")
        lines.append("")
    return "\n".join(lines)


def to_toml(services: Iterable[ImportedService]) -> str:
    return "\n".join(service_toml(service) for service in services)


# -- appending to a watchlist ----------------------------------------------------------------------------------

def append_to_watchlist(path: str | os.PathLike[str], services: list[ImportedService]) -> str:
    """Append the services to the watchlist file; refuse (write nothing) if one is already in it.

    The file as it would be written is validated first; it is replaced in one step (a temporary file
    renamed), so a failure leaves it as it was. Returns the TOML that was appended.
    """
    file_path = Path(path)
    existing = file_path.read_text(encoding="utf-8") if file_path.exists() else ""
    current = loads(existing, path=str(file_path)) if existing.strip() else None
    names = {service.name.casefold() for service in current.services} if current else set()
    duplicates = [service.name for service in services if service.name.casefold() in names]
    seen: set[str] = set()
    for service in services:
        if service.name.casefold() in seen:
            duplicates.append(service.name)
        seen.add(service.name.casefold())
    if duplicates:
        raise WatchlistError(f"already in the watchlist, nothing written: {', '.join(duplicates)} (edit those "
                             "services by hand)", path=str(file_path))
    addition = to_toml(services)
    separator = "" if not existing or existing.endswith("\n\n") else ("\n" if existing.endswith("\n") else "\n\n")
    new_text = existing + separator + addition
    written = loads(new_text, path=str(file_path))  # raises WatchlistError, naming the line, if it is not valid
    _check_reads_back(written, current or Watchlist(path=str(file_path)), services)
    directory = file_path.parent if str(file_path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{file_path.name}.", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(new_text)
        if file_path.exists():
            os.chmod(temporary, file_path.stat().st_mode & 0o777)
        os.replace(temporary, file_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return addition


def _check_reads_back(written: Watchlist, current: Watchlist, services: list[ImportedService]) -> None:
    """The file as it would be written holds the services it held, unchanged, and the imported ones with exactly
    their documents: an import never sets ``opt_out``, ``notify``, ``[notify]`` or ``[defaults]``."""
    imported = {service.name.casefold(): [document.type for document in service.documents] for service in services}
    added = [service for service in written.services if service.name.casefold() in imported]
    if (written.services[:len(current.services)] != current.services or written.notify != current.notify
            or written.defaults != current.defaults or len(written.services) != len(current.services) + len(services)
            or any(service.opt_out is not None or service.notify
                   or [document.type for document in service.documents] != imported[service.name.casefold()]
                   for service in added)):
        raise WatchlistError("the imported declarations would change more than their own services: nothing written",
                             path=written.path)
