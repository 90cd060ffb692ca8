"""The order findings are shown in: what a reader must see first, in every alert, in ``changes`` and in ``diff``.

AI-relevant findings (:data:`monitor.classify.RELEVANT`) come first, the most severe first, each with its old
wording beside the new; findings about AI features only (products, labels, rules for others) are folded into one
line with a count; the page order is kept among equals. Findings are the dictionaries of ``Finding.to_dict()``
(as stored with a change and carried by an alert).

>>> shown = arrange([{"category": "ai_features", "change": "added", "text": "Meet our assistant."},
...                  {"category": "ai_training", "change": "added", "text": "We train AI on your posts."}])
>>> [f["category"] for f in shown.relevant], shown.features
(['ai_training'], 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from monitor.classify import CATEGORIES, RELEVANT, SEVERITY_ORDER

Finding = Mapping[str, Any]


def severity_of(finding: Finding) -> str:
    """A finding's own severity: the one it carries, or the classifier's rule for a sentence added, removed or
    reworded (an opt-out or an AI-use limit removed and a training or sharing clause added are high)."""
    given = finding.get("severity")
    if given in SEVERITY_ORDER:
        return str(given)
    category, change = finding.get("category"), finding.get("change")
    if category not in RELEVANT:
        return "low"
    protection = bool(finding.get("protection"))
    if change == "removed":
        return "high" if protection or category == "ai_opt_out" else "medium"
    if category in ("ai_training", "ai_data_sharing"):
        return "low" if protection else "high"
    return "medium"


def rank(findings: Iterable[Finding]) -> list[Finding]:
    """AI-relevant first, then by severity (highest first), then by category, page order among equals."""
    order = {category: index for index, category in enumerate(CATEGORIES)}
    return sorted(findings, key=lambda f: (f.get("category") not in RELEVANT, -SEVERITY_ORDER[severity_of(f)],
                                           order.get(str(f.get("category")), len(order))))


@dataclass(frozen=True, slots=True)
class Arranged:
    relevant: tuple[Finding, ...]  # ranked, each shown in full
    features: int  # AI-feature findings, shown as one line with this count
    texts: frozenset[str]  # the sentences the findings quote, not repeated among the other changed sentences


def arrange(findings: Sequence[Finding]) -> Arranged:
    ranked = rank(findings)
    relevant = tuple(f for f in ranked if f.get("category") in RELEVANT)
    texts = frozenset(str(f.get(key)) for f in findings for key in ("text", "old_text") if f.get(key))
    return Arranged(relevant, len(ranked) - len(relevant), texts)


def features_line(count: int) -> str:
    return (f"{count} AI-feature passage{'s' if count != 1 else ''} changed (AI products, labels or rules for "
            f"others, no use of your data): see the full diff") if count else ""
