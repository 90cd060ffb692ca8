"""How fast ``policy-monitor serve`` answers over a large data directory (issue 15: the changes page ≤ 200 ms at
5,000 documents and 50,000 versions).

    python bench/web.py                        # 5,000 documents × 10 versions; ~1 minute to build, kept for reruns
    python bench/web.py --documents 50 --versions 3 --runs 3    # a quick look

It builds the data directory through the store's own write path (``Store.record_check``, in batches, as a large
pass does): D documents of S services, V versions each, so V − 1 changes a document, one in ten AI-relevant with a
finding, and the real texts (slices of bench/policy_text.txt) of the newest changes' versions, so that their pages
and the feeds have diffs to show. Then it starts ``policy-monitor serve`` as a subprocess and times, over HTTP from
this process, each page R times after one warm-up request: the median and the slowest. Exit status 1 if the
changes page's median is over the target.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

TARGET_MS = 200.0
TEXT_CHANGES = 40  # the newest changes whose versions get real texts (feeds show 30)
AI_SENTENCE = ("We may use the content you post, including your photos and messages, to train and improve our "
               "artificial intelligence models.")


def build(data_dir: Path, documents: int, versions: int, services: int) -> None:
    from monitor.store import CheckRecord, Store, sha256
    from monitor.watchlist import Document, Source

    rng = random.Random(15)
    text = (HERE / "policy_text.txt").read_text(encoding="utf-8")
    paragraphs = [part for part in text.split("\n\n") if len(part) > 80]
    docs = [Document(service=f"Service {index % services:04d}", type=f"Policy {index // services:03d}",
                     sources=(Source(url=f"https://service{index % services}.example/policy/{index}"),),
                     interval=21600.0, timeout=30.0) for index in range(documents)]
    real = {document.key: "\n\n".join(rng.sample(paragraphs, 60)) for document in docs[-TEXT_CHANGES:]}
    with Store(data_dir) as store:
        store.sync_documents(docs)
        started = time.monotonic()
        total_changes = documents * (versions - 1)
        with store.batch():
            for round_number in range(versions):
                for index, document in enumerate(docs):
                    when = f"2026-{1 + round_number % 12:02d}-{1 + index % 28:02d}T{index % 24:02d}:00:00+00:00"
                    ai = rng.random() < 0.1
                    if document.key in real:  # the newest changes: real texts, each version amended once more
                        amendments = "\n\n".join(f"Amendment {number}: we may change these terms at any time and "
                                                  f"will tell you {number} days before." for number in
                                                  range(round_number))
                        text = f"{real[document.key]}\n\n{amendments}" + (f"\n\n{AI_SENTENCE}" if ai else "")
                        text_hash, length = store.put_text(text), len(text)
                    else:
                        text_hash, length = sha256(f"{document.key} v{round_number}".encode()), 40_000 + round_number
                    change = None
                    if round_number:
                        findings = [{"category": "ai_training", "change": "added", "text": AI_SENTENCE, "score": 0.9,
                                     "actor": "platform", "act": "train", "object": "user_content",
                                     "purpose": "ai_training", "modality": "may",
                                     "reading": f"{document.service} may use your posts to train its AI models"}
                                    ] if ai else []
                        change = {"stats": {"added": rng.randint(1, 9), "removed": rng.randint(0, 5)},
                                  "severity": "high" if ai else rng.choice(["none", "low", "medium"]),
                                  "ai_relevant": ai, "findings": findings,
                                  "summary": "AI-training clause added" if ai else "wording changed"}
                    store.record_check(CheckRecord(document=document.key, started_at=when, duration=0.1,
                                                   status="changed" if change else "new", http_status=200,
                                                   text_hash=text_hash, text_length=length, change=change))
        print(f"built {documents:,} documents, {documents * versions:,} versions, {total_changes:,} changes in "
              f"{time.monotonic() - started:.1f} s: {data_dir}", flush=True)


def measure(data_dir: Path, runs: int) -> dict[str, dict[str, float]]:
    import httpx

    process = subprocess.Popen([sys.executable, "-m", "monitor", "--watchlist", str(data_dir / "none.toml"),
                                "--data-dir", str(data_dir), "serve", "--port", "0"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout is not None
        found = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline())
        if not found:
            raise SystemExit("serve did not start")
        base = found.group(0)
        with httpx.Client(base_url=base, timeout=60) as client:
            newest = re.search(r'href="/changes/(\d+)"', client.get("/").text)
            pages = {
                "changes page": "/",
                "changes page, one service": "/?service=Service%200007",
                "changes page, high and AI only": "/?severity=high&ai=1",
                "changes page, 20th page": None,
                "change page (a real diff)": f"/changes/{newest.group(1) if newest else 1}",
                "document history": "/documents/Service%200007/Policy%20000",
                "Atom feed, all changes": "/feeds/changes.atom",
                "Atom feed, AI-relevant": "/feeds/ai.atom",
                "document health (200 of all)": "/health",
            }
            path = "/"
            for _ in range(20):  # follow "Older changes" 19 times
                older = re.search(r'href="(/\?[^"]*before=\d+[^"]*)"', client.get(path).text)
                path = older.group(1).replace("&amp;", "&") if older else path
            pages["changes page, 20th page"] = path
            results = {}
            for name, page in pages.items():
                assert page is not None
                response = client.get(page)
                if response.status_code != 200:
                    raise SystemExit(f"{name}: HTTP {response.status_code}")
                timings = []
                for _ in range(runs):
                    started = time.perf_counter()
                    client.get(page).raise_for_status()
                    timings.append((time.perf_counter() - started) * 1000)
                results[name] = {"median_ms": statistics.median(timings), "max_ms": max(timings),
                                 "bytes": len(response.content)}
        return results
    finally:
        process.terminate()
        process.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--versions", type=int, default=10, help="versions of each document (default 10)")
    parser.add_argument("--services", type=int, default=500)
    parser.add_argument("--runs", type=int, default=20, help="timed requests of each page (default 20)")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "web")
    parser.add_argument("--rebuild", action="store_true", help="build the data directory again")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if not (1 <= args.documents <= 100_000 and 2 <= args.versions <= 100 and 1 <= args.services <= args.documents):
        parser.error("--documents 1…100000, --versions 2…100, --services 1…documents")
    data_dir = args.out / f"d{args.documents}-v{args.versions}"
    if args.rebuild or not (data_dir / "monitor.db").exists():
        if data_dir.exists():
            import shutil

            shutil.rmtree(data_dir)
        build(data_dir, args.documents, args.versions, args.services)
    results = measure(data_dir, args.runs)
    print(f"\n{args.documents:,} documents, {args.documents * args.versions:,} versions; {args.runs} requests each "
          "over HTTP after one warm-up\n")
    print(f"| {'page':<34} | median ms | slowest ms | KB    |")
    print(f"|{'-' * 36}|-----------|------------|-------|")
    for name, figures in results.items():
        print(f"| {name:<34} | {figures['median_ms']:9.1f} | {figures['max_ms']:10.1f} | "
              f"{figures['bytes'] / 1024:5.0f} |")
    met = results["changes page"]["median_ms"] <= TARGET_MS
    print(f"\n{'met   ' if met else 'NOT MET'} changes page {results['changes page']['median_ms']:.1f} ms "
          f"(target ≤ {TARGET_MS:.0f} ms)")
    if args.json:
        args.json.write_text(json.dumps({"documents": args.documents, "versions": args.versions,
                                         "results": results}, indent=2))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
