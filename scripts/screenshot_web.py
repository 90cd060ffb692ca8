"""The README's screenshot of a change's page (docs/screenshot-change.png), made as a user would see it.

    python scripts/screenshot_web.py [--out docs/screenshot-change.png]

Runs the offline demo into a temporary data directory (X's real terms of February and November 2024), starts
``policy-monitor serve`` over it with the demo's watchlist (for X's opt-out steps), and photographs the change's
page in Debian's chromium through Playwright (its top: the findings, the opt-out steps, the diff beginning).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from playwright.sync_api import sync_playwright

    from monitor.browser import CHROMIUM_ARGS, find_chromium
    from monitor.demo import demo_watchlist

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot-change.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data_dir, watchlist = Path(folder) / "data", Path(folder) / "watchlist.toml"
        subprocess.run([sys.executable, "-m", "monitor", "--data-dir", str(data_dir), "demo"], cwd=ROOT, check=True,
                       capture_output=True)
        watchlist.write_text(demo_watchlist("https://x.com/en/tos", "json://127.0.0.1:9/"), encoding="utf-8")
        serve = subprocess.Popen([sys.executable, "-m", "monitor", "--watchlist", str(watchlist), "--data-dir",
                                  str(data_dir), "serve", "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        try:
            assert serve.stdout is not None
            url = re.search(r"http://127\.0\.0\.1:\d+/", serve.stdout.readline())
            if url is None:
                raise SystemExit("serve did not start")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_ARGS))
                page = browser.new_page(viewport={"width": 1000, "height": 1500}, device_scale_factor=1)
                page.goto(url.group(0) + "changes/1")
                args.out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(args.out))
                browser.close()
        finally:
            serve.terminate()
            serve.wait(timeout=10)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
