"""Where each watched platform stands: the stance of every stored document's latest version, since when each
answer holds, rolled up per service, as the ``stance`` command's table or JSON.

"Since" is the first version of the unbroken run of versions that give the answer the latest one gives: the date
that version says it takes effect, else the day it was first seen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from monitor.render import clean
from monitor.stance import FIELDS, Stance, pretty, roll_up, stance_of_text
from monitor.storage import DocumentState, Storage, Version


@dataclass(frozen=True, slots=True)
class DocumentStance:
    service: str
    document: str
    version: int
    stance: Stance
    since: Mapping[str, str] = field(default_factory=dict)  # field → ISO date the answer holds since

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "version": self.version, "stance": self.stance.to_dict(),
                "since": dict(self.since)}


@dataclass(frozen=True, slots=True)
class ServiceStance:
    service: str
    stance: Stance  # rolled up: each answer names the document it comes from
    since: Mapping[str, str]
    opt_out_steps: str | None  # the watchlist's own steps, beside the policy's words
    documents: tuple[DocumentStance, ...]

    def to_dict(self, *, documents: bool = True) -> dict[str, Any]:
        data: dict[str, Any] = {"service": self.service, "stance": self.stance.to_dict(), "since": dict(self.since),
                                "opt_out_steps": self.opt_out_steps}
        if documents:
            data["documents"] = [document.to_dict() for document in self.documents]
        return data


def _day(version: Version, stance: Stance) -> str:
    return stance.effective or version.first_seen[:10]


class VersionStances:
    """The stance of stored versions, each text read once (a text that comes back after a flip-flop is not)."""

    def __init__(self, store: Storage) -> None:
        self.store = store
        self._by_hash: dict[str, Stance] = {}

    def of(self, version: Version) -> Stance:
        if version.text_hash not in self._by_hash:
            self._by_hash[version.text_hash] = stance_of_text(self.store.text_of(version))
        return self._by_hash[version.text_hash]

    def summary(self, document: str, number: int | None) -> dict[str, Any] | None:
        """The answers of one version of a document (``changes --json``), None for a version that is not stored."""
        version = self.store.version(document, number) if number is not None else None
        return self.of(version).summary() if version is not None else None


def document_stance(store: Storage, state: DocumentState,
                    stances: VersionStances | None = None) -> DocumentStance | None:
    """The stance of a document's current version and since when each answer holds (None: no version yet)."""
    current = store.current_version(state.key)
    if current is None:
        return None
    stance_of = (stances or VersionStances(store)).of

    latest = stance_of(current)
    since = {name: _day(current, latest) for name in FIELDS}
    open_fields = set(FIELDS)
    earlier = [v for v in store.versions(state.key) if v.number < current.number]
    for version in reversed(earlier):  # back through the history while the answers stay the same
        stance = stance_of(version)
        for name in list(open_fields):
            if stance.value(name) == latest.value(name):
                since[name] = _day(version, stance)
            else:
                open_fields.discard(name)
        if not open_fields:
            break
    return DocumentStance(state.service, state.type, current.number, latest, since)


def service_stances(store: Storage, services: Iterable[str] = (),
                    opt_out_steps: Mapping[str, str | None] | None = None) -> list[ServiceStance]:
    """One row per service with stored versions (only the named ones, matched without regard to case, when given).

    Raises KeyError with the unknown name when a named service has no stored document."""
    states = store.document_states()
    wanted = {name.casefold(): name for name in services}
    known = {state.service.casefold() for state in states}
    for folded, name in wanted.items():
        if folded not in known:
            raise KeyError(name)
    by_service: dict[str, list[DocumentStance]] = {}
    stances = VersionStances(store)
    for state in states:
        if wanted and state.service.casefold() not in wanted:
            continue
        document = document_stance(store, state, stances)
        if document is not None:
            by_service.setdefault(state.service, []).append(document)
    steps = opt_out_steps or {}
    rows = []
    for service in sorted(by_service, key=str.casefold):
        documents = tuple(sorted(by_service[service], key=lambda d: d.document.casefold()))
        stance = roll_up({document.document: document.stance for document in documents})
        since = {name: _since(stance, name, documents) for name in FIELDS}
        rows.append(ServiceStance(service, stance, since, steps.get(service), documents))
    return rows


def _since(stance: Stance, name: str, documents: tuple[DocumentStance, ...]) -> str:
    """Since when a rolled-up answer holds: in the document it comes from; for the data, which several documents
    may name together, the earliest of theirs."""
    source = stance.answer(name).document
    dated = [document.since[name] for document in documents if document.document == source]
    if not dated:
        dated = [document.since[name] for document in documents
                 if document.stance.answer(name).value and document.stance.trains.value in ("yes", "with_consent")]
    return min(dated or [document.since[name] for document in documents])


# -- the terminal table ----------------------------------------------------------------------------------------

_VALUE_STYLE = {"yes": "bold red", "with_consent": "yellow", "no": "green", "setting": "green", "form": "yellow",
                "none_stated": "bold red"}


def _cell(stance: Stance, name: str, since: Mapping[str, str] | None = None, *, with_document: bool = False) -> Text:
    answer = stance.answer(name)
    value = stance.value(name)
    text = Text(pretty(value) if name != "data" or value else "—", style=_VALUE_STYLE.get(answer.value, ""))
    if name == "shares_for_ai" and stance.shared_with:
        text.append(f" ({clean(', '.join(stance.shared_with))})")
    if since and answer.value not in ("not_stated", "not_applicable", ""):
        text.append(f"\nsince {since[name]}", style="dim")
    if with_document and answer.document and answer.value not in ("not_stated", "not_applicable", ""):
        text.append(f"\n{clean(answer.document)}", style="dim italic")
    return text


def _columns(table: Table, first: str) -> None:
    table.add_column(first, style="bold")
    for title in ("Trains AI", "Data", "Opt-out (policy)", "Shares for AI", "Likeness"):
        table.add_column(title)


def service_table(rows: Iterable[ServiceStance]) -> Table:
    table = Table(title="Where each platform stands on AI", show_lines=True)
    _columns(table, "Service")
    table.add_column("Opt-out steps (watchlist)")
    for row in rows:
        table.add_row(Text(clean(row.service)), *(_cell(row.stance, name, row.since, with_document=True)
                                                  for name in FIELDS),
                      Text(clean(row.opt_out_steps or "—")))
    return table


def document_table(rows: Iterable[ServiceStance]) -> Table:
    table = Table(title="Per document", show_lines=True)
    _columns(table, "Document")
    for row in rows:
        for document in row.documents:
            table.add_row(Text(clean(f"{document.service} — {document.document} v{document.version}")),
                          *(_cell(document.stance, name, document.since) for name in FIELDS))
    return table


def evidence(stance: Stance, *, limit: int = 300) -> Group:
    """The first sentence that decided each stated answer, quoted (shortened to ``limit`` characters); ``--json``
    has them all."""
    lines: list[Text] = []
    for name in FIELDS:
        answer = stance.answer(name)
        if not answer.clauses:
            continue
        clause = answer.clauses[0]
        quoted = clause if len(clause) <= limit else clause[:limit].rstrip() + "…"
        source = f" [{answer.document}]" if answer.document else ""
        more = f" (+{len(answer.clauses) - 1} more)" if len(answer.clauses) > 1 else ""
        lines.append(Text.assemble((f"{name} = {pretty(stance.value(name))}", "bold"),
                                   (f" (confidence {answer.confidence:.1f}){clean(source)}: ", "dim"),
                                   f"“{clean(quoted)}”", (more, "dim")))
    return Group(*lines) if lines else Group(Text("Nothing in the text decides any answer.", style="dim"))


def file_table(label: str, stance: Stance) -> Table:
    table = Table(title=f"AI stance of {clean(label)}" + (f" (effective {stance.effective})" if stance.effective
                                                           else ""))
    _columns(table, "File")
    table.add_row(Text(clean(label)), *(_cell(stance, name) for name in FIELDS))
    return table
