"""Measure the AI-clause detector against the labelled corpus (sentences.tsv and pairs.tsv).

Sentence level: AI-relevant (the first four categories) against the rest, precision / recall / F1, plus the same
figures per category. Change level: each consecutive pair of versions is diffed and assessed, and the
assessment's ``ai_relevant`` is compared with the pair's label. Every miss and false alarm is listed.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from monitor.classify import CATEGORIES, RELEVANT, assess_texts, classify_sentence


@dataclass(frozen=True, slots=True)
class Scores:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return self.true_positives / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        actual = self.true_positives + self.false_negatives
        return self.true_positives / actual if actual else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @classmethod
    def count(cls, pairs: Iterable[tuple[bool, bool]]) -> Scores:
        """Scores from (expected, predicted) pairs."""
        tp = fp = fn = 0
        for expected, predicted in pairs:
            tp += expected and predicted
            fp += predicted and not expected
            fn += expected and not predicted
        return cls(tp, fp, fn)


@dataclass(frozen=True, slots=True)
class Mistake:
    """One wrong answer: ``miss`` (relevant, not flagged) or ``false_alarm`` (flagged, not relevant)."""

    kind: str
    id: str
    expected: str
    predicted: str
    text: str


@dataclass(frozen=True, slots=True)
class EvalReport:
    corpus: Path
    sentences: int
    sentence_scores: Scores
    category_scores: dict[str, Scores]
    pairs: int
    change_scores: Scores
    sentence_mistakes: tuple[Mistake, ...] = ()
    change_mistakes: tuple[Mistake, ...] = ()
    skipped_pairs: tuple[str, ...] = field(default=())


def default_corpus(start: Path | None = None) -> Path:
    """``../shared/corpus`` beside the repository (found from the working directory or this file), else ./corpus."""
    here = Path(__file__).resolve()
    for base in (start or Path.cwd(), here.parent.parent):
        for directory in (base, *base.parents):
            for candidate in (directory / "shared" / "corpus", directory.parent / "shared" / "corpus"):
                if (candidate / "sentences.tsv").is_file():
                    return candidate
    return Path("corpus")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run_evaluation(corpus: Path) -> EvalReport:
    corpus = Path(corpus)
    sentence_rows = _rows(corpus / "sentences.tsv")
    predictions: list[tuple[str, str | None]] = []
    mistakes: list[Mistake] = []
    for row in sentence_rows:
        category, _, _ = classify_sentence(row["sentence"])
        predictions.append((row["label"], category))
        expected_relevant, predicted_relevant = row["label"] in RELEVANT, category in RELEVANT
        if expected_relevant != predicted_relevant:
            mistakes.append(Mistake("miss" if expected_relevant else "false_alarm", row["id"], row["label"],
                                    category or "none", _short(row["sentence"])))
    sentence_scores = Scores.count((label in RELEVANT, category in RELEVANT) for label, category in predictions)
    category_scores = {
        name: Scores.count((label == name, category == name) for label, category in predictions)
        for name in CATEGORIES
    }

    change_pairs: list[tuple[bool, bool]] = []
    change_mistakes: list[Mistake] = []
    skipped: list[str] = []
    pair_rows = _rows(corpus / "pairs.tsv")
    for row in pair_rows:
        old_path, new_path = corpus / "versions" / row["old"], corpus / "versions" / row["new"]
        if not (old_path.is_file() and new_path.is_file()):
            skipped.append(row["id"])
            continue
        _, assessment = assess_texts(old_path.read_text(encoding="utf-8"), new_path.read_text(encoding="utf-8"))
        expected = row["ai_relevant"].strip().lower() == "true"
        change_pairs.append((expected, assessment.ai_relevant))
        if expected != assessment.ai_relevant:
            reason = next((f"{f.change} {f.category}: {f.text}" for f in assessment.findings
                           if f.category in RELEVANT), row["evidence"])
            change_mistakes.append(Mistake(
                "miss" if expected else "false_alarm", row["id"],
                f"{row['ai_relevant']} {row['categories']}".strip(),
                f"{assessment.ai_relevant} {assessment.severity}", f"{row['service']}/{row['document']}: "
                + _short(reason)))
    return EvalReport(corpus=corpus, sentences=len(sentence_rows), sentence_scores=sentence_scores,
                      category_scores=category_scores, pairs=len(change_pairs),
                      change_scores=Scores.count(change_pairs), sentence_mistakes=tuple(mistakes),
                      change_mistakes=tuple(change_mistakes), skipped_pairs=tuple(skipped))


def _line(name: str, scores: Scores) -> str:
    return (f"{name:<18} P {scores.precision:6.1%}  R {scores.recall:6.1%}  F1 {scores.f1:.3f}  "
            f"(tp {scores.true_positives}, fp {scores.false_positives}, fn {scores.false_negatives})")


def format_report(report: EvalReport) -> str:
    out = [f"Corpus: {report.corpus}", "",
           f"Sentences ({report.sentences}): AI-relevant vs rest",
           _line("ai_relevant", report.sentence_scores), "", "Per category:"]
    out.extend(_line(name, scores) for name, scores in report.category_scores.items())
    out += ["", f"Changes ({report.pairs} pairs): ai_relevant", _line("ai_relevant", report.change_scores)]
    if report.skipped_pairs:
        out.append(f"skipped (versions missing): {', '.join(report.skipped_pairs)}")
    for title, mistakes in (("Change-level", report.change_mistakes), ("Sentence-level", report.sentence_mistakes)):
        out += ["", f"{title} misses and false alarms: {len(mistakes)}"]
        out.extend(f"  {m.kind:<11} {m.id}  expected {m.expected}, got {m.predicted}: {m.text}" for m in mistakes)
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    corpus = Path(args[0]) if args else default_corpus()
    if not (corpus / "sentences.tsv").is_file():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    print(format_report(run_evaluation(corpus)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
