"""Build the demo's bundled pages from Open Terms Archive's Markdown of X's Terms of Service.

Run once from the repository root: ``python scripts/build_demo_pages.py``. The pages wrap the real policy text
in the furniture a real page has (navigation, a cookie banner, scripts, a footer) so the demo exercises the
whole extract stage. Texts: Open Terms Archive (ODC Attribution License).
"""

from __future__ import annotations

import html
from pathlib import Path

import markdown

CORPUS = Path("../shared/corpus/versions/X/Terms of Service")
PAGES = {"x-tos-2024-02-21.html": "2024-02-21-282e7cb.md", "x-tos-2024-11-16.html": "2024-11-16-94c4eab.md"}
TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>X Terms of Service</title>
<script>window.__analytics = {{page: "tos", build: "{build}"}};</script>
<style>body {{ font-family: sans-serif; }}</style></head>
<body>
<nav><a href="/">Home</a> <a href="/privacy">Privacy</a> <a href="/tos">Terms</a></nav>
<div id="cookie-banner" class="cookie-banner">We use cookies. <button>Accept all cookies</button></div>
<main id="twtr-main">
{body}
</main>
<footer>© X Corp. <a href="/about">About</a></footer>
</body></html>
"""


def main() -> None:
    out = Path("monitor/demo_data")
    for name, source in PAGES.items():
        text = (CORPUS / source).read_text(encoding="utf-8")
        body = markdown.markdown(text)
        (out / name).write_text(TEMPLATE.format(build=html.escape(source), body=body), encoding="utf-8")
        print(f"wrote {out / name} from {source}")


if __name__ == "__main__":
    main()
