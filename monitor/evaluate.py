"""Measure the AI-clause detector against the labelled corpus (sentences.tsv and pairs.tsv), by the protocol.

The protocol (``corpus/README.md``): ``splits.tsv`` puts each service in ``dev`` or ``test``. The detector is
developed on ``dev``; ``test`` stands for services nobody has seen, so its figures are reported and its sentences
are never listed. Figures are given for each split and for the whole corpus:

* sentence level: AI-relevant (the first four categories) against the rest, precision / recall / F1, plus the same
  figures per category;
* change level: each consecutive pair of versions is diffed and assessed, and the assessment's ``ai_relevant`` is
  compared with the pair's label.

Every miss and false alarm on ``dev`` is listed (on the whole corpus when it has no ``splits.tsv``).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from monitor.classify import CATEGORIES, RELEVANT, assess_texts, classify_sentence
from monitor.concepts import AINames, ai_names_in
from monitor.extract import extract_markdown

ALL = "all"


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
class SplitFigures:
    """The figures of one part of the corpus: ``dev``, ``test`` or ``all``."""

    name: str
    sentences: int
    sentence_scores: Scores
    category_scores: dict[str, Scores]
    pairs: int
    change_scores: Scores
    # the same pairs as ``compare`` reads two Markdown files (extracted, as a fetched page is, then assessed)
    compared_scores: Scores = Scores(0, 0, 0)


@dataclass(frozen=True, slots=True)
class EvalReport:
    corpus: Path
    splits: dict[str, SplitFigures]  # "all" always; "dev" and "test" when the corpus has splits.tsv
    sentence_mistakes: tuple[Mistake, ...] = ()  # dev only (all, without splits.tsv)
    change_mistakes: tuple[Mistake, ...] = ()
    skipped_pairs: tuple[str, ...] = field(default=())

    @property
    def whole(self) -> SplitFigures:
        return self.splits[ALL]

    # The whole corpus's figures, as before the protocol.
    @property
    def sentences(self) -> int:
        return self.whole.sentences

    @property
    def sentence_scores(self) -> Scores:
        return self.whole.sentence_scores

    @property
    def category_scores(self) -> dict[str, Scores]:
        return self.whole.category_scores

    @property
    def pairs(self) -> int:
        return self.whole.pairs

    @property
    def change_scores(self) -> Scores:
        return self.whole.change_scores


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


def read_splits(corpus: Path) -> dict[str, str]:
    """Service name → ``dev`` or ``test``; empty when the corpus has no ``splits.tsv``."""
    path = Path(corpus) / "splits.tsv"
    return {row["service"]: row["split"] for row in _rows(path)} if path.is_file() else {}


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class _SentenceResult:
    id: str
    split: str
    label: str
    predicted: str | None
    text: str


@dataclass(frozen=True, slots=True)
class _PairResult:
    id: str
    split: str
    expected: bool
    predicted: bool
    mistake: Mistake | None
    compared: bool  # predicted through compare's path


def _document_names(corpus: Path, document: str) -> AINames:
    """What a sentence's document calls its AI, read from the document's versions as the monitor reads them."""
    versions = sorted((corpus / "versions" / document).glob("*.md"))
    return ai_names_in(*(path.read_text(encoding="utf-8") for path in versions))


def _sentence_results(corpus: Path, splits: dict[str, str]) -> list[_SentenceResult]:
    results = []
    names: dict[str, AINames] = {}
    for row in _rows(corpus / "sentences.tsv"):
        document = row["document"]
        service = document.split("/", 1)[0]
        if document not in names:
            names[document] = _document_names(corpus, document)
        results.append(_SentenceResult(row["id"], splits.get(service, ALL), row["label"],
                                       classify_sentence(row["sentence"], names[document])[0], row["sentence"]))
    return results


def _pair_results(corpus: Path, splits: dict[str, str]) -> tuple[list[_PairResult], list[str]]:
    results: list[_PairResult] = []
    skipped: list[str] = []
    for row in _rows(corpus / "pairs.tsv"):
        old_path, new_path = corpus / "versions" / row["old"], corpus / "versions" / row["new"]
        if not (old_path.is_file() and new_path.is_file()):
            skipped.append(row["id"])
            continue
        old_text, new_text = old_path.read_text(encoding="utf-8"), new_path.read_text(encoding="utf-8")
        _, assessment = assess_texts(old_text, new_text)
        compared = assess_texts(extract_markdown(old_text).text, extract_markdown(new_text).text)[1].ai_relevant
        expected = row["ai_relevant"].strip().lower() == "true"
        mistake = None
        if expected != assessment.ai_relevant:
            reason = next((f"{f.change} {f.category}: {f.text}" for f in assessment.findings
                           if f.category in RELEVANT), row["evidence"])
            mistake = Mistake("miss" if expected else "false_alarm", row["id"],
                              f"{row['ai_relevant']} {row['categories']}".strip(),
                              f"{assessment.ai_relevant} {assessment.severity}",
                              f"{row['service']}/{row['document']}: " + _short(reason))
        results.append(_PairResult(row["id"], splits.get(row["service"], ALL), expected, assessment.ai_relevant,
                                   mistake, compared))
    return results, skipped


def _figures(name: str, sentences: list[_SentenceResult], pairs: list[_PairResult]) -> SplitFigures:
    return SplitFigures(
        name=name, sentences=len(sentences),
        sentence_scores=Scores.count((s.label in RELEVANT, s.predicted in RELEVANT) for s in sentences),
        category_scores={category: Scores.count((s.label == category, s.predicted == category) for s in sentences)
                         for category in CATEGORIES},
        pairs=len(pairs), change_scores=Scores.count((p.expected, p.predicted) for p in pairs),
        compared_scores=Scores.count((p.expected, p.compared) for p in pairs))


def run_evaluation(corpus: Path) -> EvalReport:
    corpus = Path(corpus)
    splits = read_splits(corpus)
    sentences = _sentence_results(corpus, splits)
    pairs, skipped = _pair_results(corpus, splits)
    figures = {ALL: _figures(ALL, sentences, pairs)}
    for name in sorted(set(splits.values())):
        figures[name] = _figures(name, [s for s in sentences if s.split == name], [p for p in pairs if p.split == name])
    listed = "dev" if splits else ALL  # the test split is read as figures only, never as sentences
    sentence_mistakes = tuple(
        Mistake("miss" if s.label in RELEVANT else "false_alarm", s.id, s.label, s.predicted or "none", _short(s.text))
        for s in sentences if s.split == listed and (s.label in RELEVANT) != (s.predicted in RELEVANT))
    change_mistakes = tuple(p.mistake for p in pairs if p.split == listed and p.mistake is not None)
    return EvalReport(corpus=corpus, splits=figures, sentence_mistakes=sentence_mistakes,
                      change_mistakes=change_mistakes, skipped_pairs=tuple(skipped))


def _line(name: str, scores: Scores) -> str:
    return (f"{name:<18} P {scores.precision:6.1%}  R {scores.recall:6.1%}  F1 {scores.f1:.3f}  "
            f"(tp {scores.true_positives}, fp {scores.false_positives}, fn {scores.false_negatives})")


def _split_section(figures: SplitFigures) -> list[str]:
    title = {"all": "Whole corpus", "dev": "dev split", "test": "test split (figures only)"}.get(figures.name,
                                                                                               figures.name)
    out = [f"== {title}", f"Sentences ({figures.sentences}): AI-relevant vs rest",
           _line("ai_relevant", figures.sentence_scores), "Per category:"]
    out.extend(_line(name, scores) for name, scores in figures.category_scores.items())
    out += [f"Changes ({figures.pairs} pairs): ai_relevant", _line("ai_relevant", figures.change_scores),
            _line("as compared", figures.compared_scores) + "  (compare on the two files: Markdown extracted)", ""]
    return out


def format_report(report: EvalReport) -> str:
    out = [f"Corpus: {report.corpus}", ""]
    for name in ("test", "dev", ALL):
        if name in report.splits:
            out += _split_section(report.splits[name])
    if report.skipped_pairs:
        out.append(f"skipped (versions missing): {', '.join(report.skipped_pairs)}")
    where = "dev split" if "dev" in report.splits else "whole corpus"
    for title, mistakes in (("Change-level", report.change_mistakes), ("Sentence-level", report.sentence_mistakes)):
        out += ["", f"{title} misses and false alarms ({where}): {len(mistakes)}"]
        out.extend(f"  {m.kind:<11} {m.id}  expected {m.expected}, got {m.predicted}: {m.text}" for m in mistakes)
    return "\n".join(out)


def full_report(corpus: Path) -> str:
    """Every figure ``policy-monitor eval`` prints: the detector's, then the stance's when the corpus labels them."""
    text = format_report(run_evaluation(corpus))
    if (corpus / "stance.tsv").is_file():
        from monitor.stance import evaluate_stance, format_stance_report

        text += "\n\n" + format_stance_report(evaluate_stance(corpus))
    return text


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    corpus = Path(args[0]) if args else default_corpus()
    if not (corpus / "sentences.tsv").is_file():
        print(f"no corpus at {corpus}", file=sys.stderr)
        return 2
    print(full_report(corpus))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
