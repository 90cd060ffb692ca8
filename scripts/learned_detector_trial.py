"""The learned detector that was tried for issue 12 and not adopted: run it to check the figures in the README.

A logistic regression over word 1-2-grams (scikit-learn), alone and as a second opinion beside the rules, scored
by 5-fold cross-validation grouped by service on the corpus's ``dev`` split (no service in both training and
scoring), and trained on all of ``dev`` to score ``test`` (as figures only). Needs ``pip install scikit-learn``,
which the package itself does not: the detector stays rule-based.

    python scripts/learned_detector_trial.py [../shared/corpus]
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from monitor.classify import RELEVANT, read_sentence
from monitor.diff import plain
from monitor.evaluate import Scores, default_corpus, read_splits

Row = dict[str, str]


def _rows(corpus: Path) -> list[Row]:
    splits = read_splits(corpus)
    with (corpus / "sentences.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    for row in rows:
        row["service"] = row["document"].split("/", 1)[0]
        row["split"] = splits.get(row["service"], "dev")
        row["rule"] = read_sentence(row["sentence"]).category or "none"
    return rows


def _fit(train: Sequence[Row], strength: float) -> Callable[[Sequence[Row]], list[float]]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    model = LogisticRegression(C=strength, max_iter=3000, class_weight="balanced")
    model.fit(vectorizer.fit_transform([plain(row["sentence"]) for row in train]),
              [row["label"] in RELEVANT for row in train])
    return lambda rows: list(model.predict_proba(vectorizer.transform([plain(r["sentence"]) for r in rows]))[:, 1])


def _line(name: str, rows: Sequence[Row], predicted: Sequence[bool]) -> str:
    scores = Scores.count((row["label"] in RELEVANT, guess) for row, guess in zip(rows, predicted, strict=True))
    return f"{name:<44} P {scores.precision:.3f}  R {scores.recall:.3f}  F1 {scores.f1:.3f}"


def main(argv: list[str]) -> int:
    from sklearn.model_selection import GroupKFold

    corpus = Path(argv[0]) if argv else default_corpus()
    rows = _rows(corpus)
    dev = [row for row in rows if row["split"] == "dev"]
    test = [row for row in rows if row["split"] == "test"]
    print(_line("rules, dev", dev, [row["rule"] in RELEVANT for row in dev]))
    print(_line("rules, test", test, [row["rule"] in RELEVANT for row in test]))
    for strength in (1.0, 4.0):
        cross: list[float] = [0.0] * len(dev)
        for train, held_out in GroupKFold(n_splits=5).split(dev, groups=[row["service"] for row in dev]):
            predict = _fit([dev[i] for i in train], strength)
            for index, probability in zip(held_out, predict([dev[i] for i in held_out]), strict=True):
                cross[index] = probability
        on_test = _fit(dev, strength)(test)
        for threshold in (0.5, 0.8):
            print(_line(f"n-grams alone, C={strength}, p>{threshold}, dev CV", dev, [p > threshold for p in cross]))
            print(_line(f"rules or n-grams, C={strength}, p>{threshold}, dev CV", dev,
                        [row["rule"] in RELEVANT or p > threshold for row, p in zip(dev, cross, strict=True)]))
            print(_line(f"rules or n-grams, C={strength}, p>{threshold}, test", test,
                        [row["rule"] in RELEVANT or p > threshold for row, p in zip(test, on_test, strict=True)]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
