"""The offline demo: the whole job, end to end, on two real versions of X's Terms of Service.

It serves the page as it was in February 2024 from 127.0.0.1, checks it (first version), checks again (the
server answers 304 to the conditional request: unchanged), then serves the terms effective 15 November 2024 and
checks once more: the change is stored, classified and put in the outbox, and shown here as the alert would read.
"""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from importlib.resources import files
from pathlib import Path

from rich.console import Console
from rich.rule import Rule

from monitor import render
from monitor.localserver import PageServer
from monitor.notify import deliver_pending
from monitor.pipeline import Checker
from monitor.store import Store
from monitor.watchlist import loads

OLD_PAGE, NEW_PAGE = "x-tos-2024-02-21.html", "x-tos-2024-11-16.html"
X_OPT_OUT = ("Settings → Privacy and safety → Data sharing and personalization → Grok: uncheck "
             "(desktop); private accounts are excluded.")


def demo_watchlist(url: str, alerts_url: str) -> str:
    return f'''
[defaults]
retries = 0

[notify]
urls = ["{alerts_url}"]
min_severity = "ai"

[[service]]
name = "X"
opt_out = "{X_OPT_OUT}"

  [[service.document]]
  type = "Terms of Service"
  url = "{url}"
  select = ["main#twtr-main"]
'''


def run_demo(console: Console, data_dir: Path | None = None, *, keep: bool = False) -> int:
    pages = files("monitor.demo_data")
    temporary = data_dir is None
    directory = Path(tempfile.mkdtemp(prefix="policy-monitor-demo-")) if temporary else data_dir
    assert directory is not None
    try:
        with PageServer() as server, Store(directory) as store:
            server.set_page("/en/tos", pages.joinpath(OLD_PAGE).read_bytes())
            # The same local server receives the alert, as a webhook (apprise's json://) would.
            alerts_url = server.url("/alerts").replace("http://", "json://")
            watchlist = loads(demo_watchlist(server.url("/en/tos"), alerts_url), path="<demo watchlist>")
            checker = Checker(watchlist, store)
            console.print(Rule("policy-monitor demo: X's Terms of Service, before and after 15 November 2024"))
            console.print(f"Serving X's terms of 21 Feb 2024 at {server.url('/en/tos')}; data in {directory}")

            steps = [("1. First check: the page as it was in February 2024", None),
                     ("2. Second check: nothing changed (the server answers 304 to If-None-Match)", None),
                     ("3. X publishes the terms effective 15 November 2024; third check", NEW_PAGE)]
            outcomes = []
            for title, page in steps:
                if page:
                    server.set_page("/en/tos", pages.joinpath(page).read_bytes())
                console.print(Rule(title, align="left"))
                outcome, = asyncio.run(checker.check(watchlist.documents))
                outcomes.append(outcome)
                console.print(render.outcome_table([outcome]))
            change = outcomes[-1]
            if change.change_id is None:
                console.print("[bold red]The demo expected a change and found none.[/]")
                return 1
            row = store.change(change.change_id)
            assert row is not None
            console.print(Rule("The findings", align="left"))
            console.print(render.findings_panel(row.findings, title=f"{render.clean(row.summary)} ({row.severity})"))
            report = deliver_pending(store, watchlist)
            console.print(Rule(f"The alert, as delivered to a webhook on 127.0.0.1 ({report.summary()})",
                               align="left"))
            for post in server.posts_to("/alerts"):
                message = post.json()
                console.print(render.safe(f"Subject: {message.get('title', '')}", "bold"))
                console.print(render.safe(message.get("message", "")))
            console.print(Rule("Explore it yourself", align="left"))
            if temporary and not keep:
                console.print("Run 'policy-monitor demo --keep' (or give --data-dir) to keep the data and explore it "
                              "with history, diff and changes.")
            else:
                where = f"--data-dir {directory}"
                console.print(f"  policy-monitor {where} history X 'Terms of Service'\n"
                              f"  policy-monitor {where} diff X 'Terms of Service' --format words\n"
                              f"  policy-monitor {where} changes --ai-only")
        return 0
    finally:
        if temporary and not keep:
            shutil.rmtree(directory, ignore_errors=True)
