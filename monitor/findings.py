"""The order findings are shown in: what a reader must see first, in every alert, in ``changes`` and in ``diff``.

AI-relevant findings (:data:`monitor.classify.RELEVANT`) come first, the most severe first, each with its old
wording beside the new; findings about AI features only (products, labels, rules for others) are folded into one
line with a count; the page order is kept among equals. Findings are :class:`monitor.classify.Finding` objects;
a change stores them, and an alert carries them, as the dictionaries of ``Finding.to_dict()``
(:func:`finding_from_dict` reads one back).

>>> shown = arrange([finding_from_dict({"category": "ai_features", "change": "added", "text": "Meet our assistant."}),
...                  finding_from_dict({"category": "ai_training", "change": "added", "text": "We train AI on it."})])
>>> [f.category for f in shown.relevant], shown.features
(['ai_training'], 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, cast

from monitor.classify import CATEGORIES, RELEVANT, SEVERITY_ORDER, Finding, rule_severity
from monitor.reading import Structure

Severity = Literal["none", "low", "medium", "high"]


def finding_from_dict(data: Mapping[str, Any]) -> Finding:
    """A finding as ``Finding.to_dict()`` wrote it (a stored change, an outbox payload); missing keys are empty."""
    old_text = data.get("old_text")
    return Finding(category=str(data.get("category", "")), change=str(data.get("change", "changed")),
                   text=str(data.get("text", "")), score=float(data.get("score", 0.0)),
                   old_text=str(old_text) if old_text is not None else None,
                   matched=tuple(map(str, data.get("matched", ()))), protection=bool(data.get("protection")),
                   structure=Structure(**{key: str(data.get(key, "")) for key in ("actor", "act", "object", "purpose",
                                                                                 "modality")},
                                       also=tuple(map(str, data.get("objects", ())))[1:],
                                       named=tuple(map(str, data.get("data", ())))),
                   reading=str(data.get("reading", "")), severity=str(data.get("severity", "")))


def severity_of(finding: Finding) -> Severity:
    """A finding's severity as the classifier rated it; for one stored before findings carried it, by the rule for a
    clause added or removed (an opt-out or an AI-use limit removed and a training or sharing clause added are high)."""
    return cast(Severity, finding.severity or rule_severity(finding))


def rank(findings: Iterable[Finding]) -> list[Finding]:
    """AI-relevant first, then by severity (highest first), then by category, page order among equals."""
    order = {category: index for index, category in enumerate(CATEGORIES)}
    return sorted(findings, key=lambda f: (f.category not in RELEVANT, -SEVERITY_ORDER[severity_of(f)],
                                           order.get(f.category, len(order))))


@dataclass(frozen=True, slots=True)
class Arranged:
    relevant: tuple[Finding, ...]  # ranked, each shown in full
    features: int  # AI-feature findings, shown as one line with this count
    texts: frozenset[str]  # the sentences the findings quote, not repeated among the other changed sentences


def arrange(findings: Sequence[Finding]) -> Arranged:
    ranked = rank(findings)
    relevant = tuple(f for f in ranked if f.category in RELEVANT)
    texts = frozenset(text for f in findings for text in (f.text, f.old_text) if text)
    return Arranged(relevant, len(ranked) - len(relevant), texts)


def features_line(count: int) -> str:
    return (f"{count} AI-feature passage{'s' if count != 1 else ''} changed (AI products, labels or rules for "
            f"others, no use of your data): see the full diff") if count else ""
