"""Real wording from the corpus's `dev` services that its labelled set leaves out.

`sentences.tsv` labels only sentences that were added or removed; the rest of every recorded `dev` version is real
policy text too. Session 9 read the 1,403 unlabelled sentences of `dev` versions that mention models, AI, training,
faces, voices or opt-outs, had two helpers label them blind by GUIDELINES.md, and decided each sentence on which
the detector and a sure helper disagreed. `tests/data/dev_versions_sentences.tsv` holds those decisions (`dev`
only; no `test` service is in it). Their mistakes are held to a ceiling that only moves down, like the probe sets.
`tests/data/dev_version_pairs.tsv` does the same for the consecutive `dev` versions that `pairs.tsv` leaves out.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import pytest

from monitor.classify import RELEVANT, assess_texts, read_sentence
from monitor.concepts import AINames
from monitor.evaluate import _document_names, read_splits
from tests.conftest import CORPUS, needs_corpus

DECIDED = Path(__file__).parent / "data" / "dev_versions_sentences.tsv"
CEILING = 21  # of 57 at 990038c: 47


def decided() -> list[dict[str, str]]:
    with DECIDED.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


@cache
def names_of(document: str) -> AINames:
    return _document_names(CORPUS, document)


@needs_corpus
def test_every_decided_sentence_comes_from_a_dev_service() -> None:
    splits = read_splits(CORPUS)
    assert {splits[row["document"].split("/")[0]] for row in decided()} == {"dev"}


@needs_corpus
def test_decided_dev_sentences_stay_within_their_mistakes() -> None:
    wrong = [f"{row['id']} {row['label']}: {row['sentence'][:120]}" for row in decided()
             if (row["label"] in RELEVANT) != (read_sentence(row["sentence"], names=names_of(row["document"])).category
                                               in RELEVANT)]
    assert len(wrong) <= CEILING, "\n".join(wrong)


@needs_corpus
@pytest.mark.parametrize("sentence_id", ["m0344", "m1003", "m1119", "m1299", "m0585"])
def test_a_decided_sentence_reads_as_decided(sentence_id: str) -> None:
    row = next(row for row in decided() if row["id"] == sentence_id)
    assert read_sentence(row["sentence"], names=names_of(row["document"])).category == row["label"]


PAIRS = Path(__file__).parent / "data" / "dev_version_pairs.tsv"


@needs_corpus
def test_consecutive_dev_versions_outside_the_labelled_pairs_are_judged_as_decided() -> None:
    """Every consecutive pair of recorded `dev` versions that `pairs.tsv` leaves out (178), decided blind by two
    helpers from their diffs (8 AI-relevant: new training clauses, AI chats used for ads, a training opt-out)."""
    with PAIRS.open(encoding="utf-8", newline="") as handle:
        pairs = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    def judged(pair: dict[str, str]) -> bool:
        old, new = ((CORPUS / "versions" / pair[side]).read_text("utf-8") for side in ("old", "new"))
        return assess_texts(old, new)[1].ai_relevant

    wrong = [f"{pair['id']} expected {pair['ai_relevant']}: {pair['old']} -> {pair['new']}" for pair in pairs
             if judged(pair) != (pair["ai_relevant"] == "true")]
    assert not wrong, "\n".join(wrong)
