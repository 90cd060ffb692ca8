"""Time the pathological inputs of issue 17 (run by hand; the figures are in the README, "Performance").

    python bench/bench_hostile.py [--runs N]

- diff + classification of a page of N × one repeated paragraph ("Learn more about …") against the same page with
  50 of them edited, for N = 4,000 and 8,000 (before the repeats' matching: 18 s and 74 s of CPU);
- the same with 500 edits among 8,000 (past the matching's step budget: the region counts as replaced whole);
- two pages of 5,000 paragraphs drawn at random from three (nothing to anchor on: the budget, then replaced whole);
- a page of 5,000 paragraphs each introducing another AI product name, 50 of them edited (the names a document
  gives its AI are capped at ``concepts.MAX_NAMES`` and told from ordinary words in one pass: a 530 KB page of
  10,000 names and providers took 21 s to read its names before, 0.35 s after).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from monitor.classify import assess_texts, clear_caches  # noqa: E402

REPEATED = "Learn more about how we use cookies on this page."


def repeated_page(count: int, edits: int, rng: random.Random) -> tuple[str, str]:
    old = ["# Help centre", *[REPEATED] * count]
    new = list(old)
    for index in rng.sample(range(1, count + 1), edits):
        new[index] = REPEATED.replace("cookies", f"tracking cookies ({index})")
    return "\n\n".join(old), "\n\n".join(new)


def shuffled_pages(count: int, rng: random.Random) -> tuple[str, str]:
    paragraphs = ["Learn more.", "Contact us.", "Read the FAQ."]
    return ("\n\n".join(rng.choice(paragraphs) for _ in range(count)),
            "\n\n".join(rng.choice(paragraphs) for _ in range(count)))


def name_flood(count: int, edits: int, rng: random.Random) -> tuple[str, str]:
    old = [f"Zed{index}, your personal AI companion, can use your posts to improve." for index in range(count)]
    new = list(old)
    for index in rng.sample(range(count), edits):
        new[index] = new[index].replace("your posts", "your posts and messages")
    return "\n\n".join(old), "\n\n".join(new)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(17)
    cases = {
        "4,000 repeats, 50 edits": repeated_page(4000, 50, rng),
        "8,000 repeats, 50 edits": repeated_page(8000, 50, rng),
        "8,000 repeats, 500 edits": repeated_page(8000, 500, rng),
        "5,000 shuffled paragraphs": shuffled_pages(5000, rng),
        "5,000 AI names introduced, 50 edits": name_flood(5000, 50, rng),
    }
    print(f"| case | CPU seconds (best of {args.runs}) | added | removed | modified | moved |")
    print("|---|---|---|---|---|---|")
    for name, (old, new) in cases.items():
        best = float("inf")
        for _ in range(args.runs):
            clear_caches()  # each run reads the pair for the first time
            started = time.process_time()
            change, _ = assess_texts(old, new)
            best = min(best, time.process_time() - started)
        stats = change.stats
        print(f"| {name} | {best:.2f} | {stats['added']} | {stats['removed']} | {stats['modified']} | "
              f"{stats['moved']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
