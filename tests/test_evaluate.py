"""Evaluation of the detector against a labelled corpus: a small one written here, and the real one."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from monitor.evaluate import EvalReport, Scores, default_corpus, format_report, read_splits, run_evaluation

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"

OLD_POLICY = "# Policy\n\nWe collect your name. We use it to run the service.\n"
TRAINING = "We may use your posts to train our artificial intelligence models."


def write_corpus(root: Path) -> Path:
    (root / "versions" / "Demo" / "Policy").mkdir(parents=True)
    versions = {
        "a.md": OLD_POLICY,
        "b.md": OLD_POLICY + "\n" + TRAINING + "\n",
        "c.md": OLD_POLICY.replace("run the service", "operate the service"),
        "d.md": OLD_POLICY + "\nLearn more about how we train our staff.\n",
    }
    for name, text in versions.items():
        (root / "versions" / "Demo" / "Policy" / name).write_text(text, encoding="utf-8")
    (root / "sentences.tsv").write_text(
        "id\tlabel\tsign\tdocument\tsentence\n"
        f"s1\tai_training\t+\tDemo/Policy\t{TRAINING}\n"
        "s2\tnone\t+\tDemo/Policy\tOur business model depends on advertising.\n"
        "s3\tai_opt_out\t+\tDemo/Policy\tWe are happy to help.\n"
        "s4\tai_features\t+\tDemo/Policy\tWe use machine learning to detect spam.\n",
        encoding="utf-8")
    (root / "pairs.tsv").write_text(
        "id\tservice\tdocument\told\tnew\tai_relevant\tcategories\tevidence\n"
        "p1\tDemo\tPolicy\tDemo/Policy/a.md\tDemo/Policy/b.md\ttrue\tai_training\t+ train\n"
        "p2\tDemo\tPolicy\tDemo/Policy/a.md\tDemo/Policy/c.md\tfalse\t\t\n"
        "p3\tDemo\tPolicy\tDemo/Policy/a.md\tDemo/Policy/d.md\ttrue\tai_training\t+ staff\n"
        "p4\tDemo\tPolicy\tDemo/Policy/a.md\tDemo/Policy/missing.md\tfalse\t\t\n",
        encoding="utf-8")
    return root


def test_scores_follow_the_textbook_definitions() -> None:
    scores = Scores.count([(True, True), (True, True), (True, False), (False, True), (False, False)])
    assert (scores.true_positives, scores.false_positives, scores.false_negatives) == (2, 1, 1)
    assert scores.precision == pytest.approx(2 / 3)
    assert scores.recall == pytest.approx(2 / 3)
    assert scores.f1 == pytest.approx(2 / 3)
    nothing_to_find = Scores(0, 0, 0)
    assert (nothing_to_find.precision, nothing_to_find.recall, nothing_to_find.f1) == (1.0, 1.0, 1.0)


def test_an_evaluation_counts_sentences_and_changes_and_lists_every_mistake(tmp_path: Path) -> None:
    report = run_evaluation(write_corpus(tmp_path))
    assert report.sentences == 4
    assert (report.sentence_scores.true_positives, report.sentence_scores.false_negatives) == (1, 1)
    assert report.sentence_scores.false_positives == 0
    assert report.category_scores["ai_features"].true_positives == 1
    assert [(m.kind, m.id) for m in report.sentence_mistakes] == [("miss", "s3")]
    assert report.pairs == 3 and report.skipped_pairs == ("p4",)
    assert (report.change_scores.true_positives, report.change_scores.false_negatives) == (1, 1)
    assert [(m.kind, m.id) for m in report.change_mistakes] == [("miss", "p3")]


def test_the_report_shows_the_figures_and_the_mistakes(tmp_path: Path) -> None:
    text = format_report(run_evaluation(write_corpus(tmp_path)))
    assert "Sentences (4)" in text and "Changes (3 pairs)" in text
    assert "ai_likeness" in text
    assert "miss        s3" in text and "miss        p3" in text
    assert "skipped (versions missing): p4" in text


def test_the_default_corpus_is_found_beside_the_repository(tmp_path: Path) -> None:
    corpus = tmp_path / "shared" / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "sentences.tsv").write_text("id\tlabel\tsign\tdocument\tsentence\n", encoding="utf-8")
    repo = tmp_path / "main" / "monitor"
    repo.mkdir(parents=True)
    assert default_corpus(repo) == corpus


def test_the_test_split_is_reported_as_figures_and_its_sentences_are_never_listed(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path)
    (corpus / "splits.tsv").write_text("service\tsplit\nDemo\ttest\n", encoding="utf-8")
    report = run_evaluation(corpus)
    assert report.splits["test"].sentence_scores == report.splits["all"].sentence_scores
    assert report.splits["test"].change_scores.false_negatives == 1
    assert report.sentence_mistakes == () and report.change_mistakes == ()
    text = format_report(report)
    assert "test split (figures only)" in text and "s3" not in text and "We are happy to help" not in text


needs_corpus = pytest.mark.skipif(not (CORPUS / "sentences.tsv").is_file(),
                                   reason="../shared/corpus is not beside the repository")


@pytest.fixture(scope="module")
def corpus_report() -> EvalReport:
    return run_evaluation(CORPUS)


# The protocol's targets (issue 12): on the services of the test split, and on the whole corpus.
TARGETS = {"test change recall": 0.97, "test change precision": 0.92, "test sentence F1": 0.90,
           "all change recall": 1.0, "all change precision": 0.95}


def measured(report: EvalReport) -> dict[str, float]:
    """Every figure the protocol's targets and this commit's floors name."""
    test, whole = report.splits["test"], report.splits["all"]
    return {"test change recall": test.change_scores.recall, "test change precision": test.change_scores.precision,
            "test change F1": test.change_scores.f1, "test sentence F1": test.sentence_scores.f1,
            "all change recall": whole.change_scores.recall, "all change precision": whole.change_scores.precision,
            "all change F1": whole.change_scores.f1, "all sentence F1": whole.sentence_scores.f1,
            "test change F1 as compared": test.compared_scores.f1,
            "test change recall as compared": test.compared_scores.recall,
            "all change F1 as compared": whole.compared_scores.f1}


@needs_corpus
def test_the_corpus_is_read_by_the_protocol(corpus_report: EvalReport) -> None:
    assert {"dev", "test", "all"} <= corpus_report.splits.keys()
    test, dev, whole = (corpus_report.splits[name] for name in ("test", "dev", "all"))
    assert test.sentences + dev.sentences == whole.sentences > 1800
    assert test.pairs + dev.pairs == whole.pairs > 180
    listed = {m.id for m in corpus_report.sentence_mistakes + corpus_report.change_mistakes}
    test_ids = {row["id"] for row in csv.DictReader((CORPUS / "pairs.tsv").open(encoding="utf-8"), delimiter="\t")
                if read_splits(CORPUS).get(row["service"]) == "test"}
    assert not listed & test_ids


# What this commit measures: a floor that only ever moves up (a change that lowers one is a regression). Recall
# and precision trade against each other rule by rule, so the floor holds their F1, and recall on its own.
FLOORS = {"test change F1": 0.944, "test change recall": 0.928, "test sentence F1": 0.856,
          "all change F1": 0.976, "all change recall": 0.969, "all sentence F1": 0.937,
          # what a user gets: the pairs as `compare` reads the two files (26/28 at 26/26; 64/66 at 64/64)
          "test change F1 as compared": 0.962, "test change recall as compared": 0.928,
          "all change F1 as compared": 0.984}


@needs_corpus
def test_no_figure_falls_below_what_was_reached(corpus_report: EvalReport) -> None:
    figures = measured(corpus_report)
    fallen = {name: round(figures[name], 3) for name, floor in FLOORS.items() if figures[name] < floor}
    assert not fallen, format_report(corpus_report)


@needs_corpus
@pytest.mark.xfail(strict=True, reason="issue 12's targets are not all met yet: see the README's detection figures")
def test_the_detector_meets_the_protocol_targets(corpus_report: EvalReport) -> None:
    figures = measured(corpus_report)
    unmet = {name: round(figures[name], 3) for name, target in TARGETS.items() if figures[name] < target}
    assert not unmet, format_report(corpus_report)
