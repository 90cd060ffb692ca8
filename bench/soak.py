"""Soak: the daemon for a while against faulty pages, a real SMTP server that goes down, and a SIGKILL.

    python bench/soak.py --n 60 --duration 300          # five minutes; prints the table of the README
    python bench/soak.py --n 300 --duration 1800 --interval 20s --changes-per-minute 6    # the issue's soak

Everything runs on 127.0.0.1, in this process except the daemon (``python -m monitor run``, a subprocess):

- a page server with N policy pages (bench/pages.py); every ``60 / changes-per-minute`` seconds one page gets a real
  change (a clause added), only once the daemon has fetched its current text twice, so every change can be seen;
- at any time ``--faulty`` of the pages misbehave for 30 s to 3 min each: 503, a bot challenge, an empty page, a
  hang past the timeout, a body cut short, or markup noise (a fresh token in a script: not a change);
- a real SMTP server (aiosmtpd) and a webhook receiver, two channels for every alert; the SMTP server is down for
  the second fifth of the run;
- halfway, the daemon is SIGKILLed, the database's integrity checked, and the daemon started again;
- every 15 s, ``status --json --probe`` and ``alerts`` run as separate processes while the daemon writes.

At the end (SIGTERM once the outbox is empty; the run never outlasts ``--duration`` by more than two minutes) it
prints what was served and what was recorded, the alerts per channel and their duplicates (by alert id), how long
the change alerts held back by the outage took to go out once the SMTP server came back, the tracking messages
against the runs of failures the old rule sent a pair for, the daemon's memory and CPU per check, skipped runs, and
a prune of the checks older than half the run. Exit status 1 when a real change was missed or one was invented, or
an alert arrived twice.
"""

from __future__ import annotations

import argparse
import email
import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import policy
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from aiosmtpd.controller import Controller  # noqa: E402 - after the path set-up
from pages import load_sections, make_page  # noqa: E402

from monitor.localserver import PageServer  # noqa: E402
from monitor.store import Store  # noqa: E402

FAULTS = ("503", "challenge", "empty", "hang", "truncated", "noise")
CHALLENGE = (b"<html><head><title>Just a moment...</title></head><body><div id='challenge-form'>Checking your "
             b"browser before accessing the site.</div><script src='/cdn-cgi/challenge-platform/h/b/orchestrate/"
             b"jsch/v1'></script></body></html>")
TIMEOUT = 5.0


# -- the pages -------------------------------------------------------------------------------------------------


@dataclass
class Document:
    index: int
    base: bytes
    revision: int = 0
    fault: str | None = None
    fault_until: float = 0.0
    good_serves: int = 0  # of the current revision
    served: set[int] = field(default_factory=set)  # revisions served whole at least once
    faults_served: int = 0


class Site:
    """N documents, their revisions and faults; the page server calls :meth:`serve` for every request."""

    def __init__(self, n: int, seed: int) -> None:
        sections = load_sections()
        self.rng = random.Random(seed)
        self.documents = [Document(i, make_page(i, 0, sections)) for i in range(n)]
        self.lock = threading.Lock()
        self.changes = 0

    def body(self, document: Document) -> bytes:
        clauses = "".join(f"<p>Clause {k} of this policy: we may share your account details with partner {k} "
                          f"of platform {document.index}.</p>\n" for k in range(1, document.revision + 1))
        return document.base.replace(b"</article>", clauses.encode() + b"</article>", 1)

    def serve(self, index: int, request: BaseHTTPRequestHandler) -> None:
        with self.lock:
            document = self.documents[index]
            fault = document.fault if document.fault_until > time.monotonic() else None
            body = self.body(document)
            if fault is None:
                document.good_serves += 1
                document.served.add(document.revision)
            else:
                document.faults_served += 1
        if fault == "503":
            return _send(request, 503, b"<h1>Service Unavailable</h1>")
        if fault == "challenge":
            return _send(request, 200, CHALLENGE)
        if fault == "empty":
            return _send(request, 200, b"<html><body><main></main></body></html>")
        if fault == "hang":
            time.sleep(TIMEOUT + 3)
            return _send(request, 200, body)
        if fault == "truncated":
            request.send_response(200)
            request.send_header("Content-Type", "text/html; charset=utf-8")
            request.send_header("Content-Length", str(len(body)))
            request.send_header("Connection", "close")
            request.end_headers()
            request.wfile.write(body[: len(body) // 3])
            request.close_connection = True
            return None
        if fault == "noise":  # a fresh token outside the policy text: must not be a change
            token = f"<script>window.csrf='{random.getrandbits(64):x}';</script>".encode()
            body = body.replace(b"<body", token + b"<body", 1)
            with self.lock:
                document.good_serves += 1
                document.served.add(document.revision)
        return _send(request, 200, body)

    def tick_change(self) -> None:
        """One real change, on a page with no fault whose current text the daemon has fetched twice."""
        with self.lock:
            now = time.monotonic()
            ready = [d for d in self.documents if d.good_serves >= 2 and d.fault_until <= now]
            if ready:
                document = self.rng.choice(ready)
                document.revision += 1
                document.good_serves = 0
                self.changes += 1

    def tick_faults(self, fraction: float) -> None:
        with self.lock:
            now = time.monotonic()
            faulty = sum(d.fault_until > now for d in self.documents)
            wanted = round(fraction * len(self.documents))
            calm = [d for d in self.documents if d.fault_until <= now]
            for document in self.rng.sample(calm, max(0, min(len(calm), wanted - faulty))):
                document.fault = self.rng.choice(FAULTS)
                document.fault_until = now + self.rng.uniform(30, 180)


def _send(request: BaseHTTPRequestHandler, status: int, body: bytes) -> None:
    try:
        request.send_response(status)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):  # the daemon gave up on a hanging page: as it should
        request.close_connection = True


# -- alerts: a real SMTP server and a webhook receiver ----------------------------------------------------------


@dataclass
class Mailbox:
    port: int
    received: list[tuple[float, str, str]] = field(default_factory=list)  # (time, subject, alert ids)
    controller: Controller | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        text = message.get_body(("plain",)).get_content()
        ids = re.search(r"Alert id: ([0-9a-f, ]+)", text)
        self.received.append((time.monotonic(), str(message["Subject"]), ids.group(1) if ids else ""))
        return "250 OK"

    def start(self) -> None:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


def _ids(field_text: str) -> list[str]:
    return [part.strip() for part in field_text.split(",") if part.strip()]


def _hook_ids(server: PageServer) -> list[tuple[str, list[str]]]:
    posts = []
    for post in server.posts_to("/alerts"):
        body = post.json()
        found = re.search(r"Alert id: ([0-9a-f, ]+)", body.get("message", ""))
        posts.append((body.get("title", ""), _ids(found.group(1)) if found else []))
    return posts


# -- the daemon ----------------------------------------------------------------------------------------------


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class DaemonRun:
    def __init__(self, watchlist: Path, data: Path, log: Path) -> None:
        self.command = [sys.executable, "-m", "monitor", "--watchlist", str(watchlist), "--data-dir", str(data),
                        "--log-level", "INFO", "run", "--delivery-interval", "5"]
        self.log = log
        self.cpu = 0.0
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(self.command, cwd=ROOT, stdin=subprocess.DEVNULL,
                                            stdout=subprocess.DEVNULL, stderr=log)

    def end(self, signum: int) -> int:
        assert self.process is not None
        self.process.send_signal(signum)
        _, status, usage = os.wait4(self.process.pid, 0)
        self.cpu += usage.ru_utime + usage.ru_stime
        self.process.returncode = os.waitstatus_to_exitcode(status)
        return self.process.returncode


def _query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def _cli(watchlist: Path, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "monitor", "--watchlist", str(watchlist), "--data-dir", str(data),
                           *args], cwd=ROOT, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


# -- the soak ------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=60, help="documents (default 60)")
    parser.add_argument("--duration", type=float, default=300.0, help="seconds (default 300)")
    parser.add_argument("--interval", default="20s", help='check interval of every document (default "20s")')
    parser.add_argument("--changes-per-minute", type=float, default=6.0)
    parser.add_argument("--faulty", type=float, default=0.05, help="fraction of faulty pages at any time")
    parser.add_argument("--broken-after", default=None, help='[notify] broken_after (default: the watchlist\'s '
                        'default, 3 intervals and at least 1 h); "60s" lets a short run show tracking alerts')
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="keep the data directory and logs here")
    args = parser.parse_args(argv)
    work = args.out or Path(tempfile.mkdtemp(prefix="policy-monitor-soak-"))
    work.mkdir(parents=True, exist_ok=True)
    data = work / "data"
    site = Site(args.n, args.seed)
    pages = PageServer().start()
    for document in site.documents:
        pages.set_handler(f"/doc{document.index}", lambda request, i=document.index: site.serve(i, request))
    hooks = PageServer().start()
    mailbox = Mailbox(_free_port())
    mailbox.start()
    mail_url = f"mailto://127.0.0.1:{mailbox.port}?from=monitor@example.com&to=soak@example.com"
    watchlist = work / "watchlist.toml"
    watchlist.write_text(
        f'[defaults]\ninterval = "{args.interval}"\ntimeout = {TIMEOUT}\nretries = 0\nconcurrency = 16\n'
        f'per_host_concurrency = 16\n\n[notify]\nurls = ["{mail_url}", "json://127.0.0.1:{hooks.port}/alerts"]\n'
        f'min_severity = "any"\n'
        + (f'broken_after = "{args.broken_after}"\n' if args.broken_after else "")
        + '\n[[service]]\nname = "Soak"\n'
        + "".join(f'\n[[service.document]]\ntype = "Policy {d.index:04d}"\nurl = "{pages.url(f"/doc{d.index}")}"\n'
                  f'select = ["main"]\n' for d in site.documents), encoding="utf-8")
    daemon = DaemonRun(watchlist, data, work / "daemon.log")
    rss: list[float] = []
    probes = Counter()
    events: dict[str, float] = {}
    started = time.monotonic()
    deadline = started + args.duration
    smtp_down, smtp_up = started + args.duration * 0.2, started + args.duration * 0.4
    kill_at = started + args.duration * 0.55
    integrity = "not checked"
    change_every = 60.0 / args.changes_per_minute if args.changes_per_minute > 0 else float("inf")
    next_change, next_fault, next_probe = started + 30, started, started + 15
    resumed_after: float | None = None
    try:
        daemon.start()
        while (now := time.monotonic()) < deadline:
            if now >= next_fault:
                site.tick_faults(args.faulty)
                next_fault = now + 5
            if now >= next_change and now < deadline - 60:  # the last minute: no new change, all can be seen
                site.tick_change()
                next_change = now + change_every
            if "smtp_down" not in events and now >= smtp_down:
                mailbox.stop()
                events["smtp_down"] = now
            if "smtp_up" not in events and now >= smtp_up:
                mailbox.start()
                events["smtp_up"] = now
            if "smtp_up" in events and resumed_after is None:
                held = _query(data / "monitor.db", f"SELECT COUNT(*) FROM alerts WHERE state != 'sent' AND channel "
                              f"LIKE 'mailto:%' AND kind = 'change' AND created_at <= "
                              f"'{_iso_ago(now - events['smtp_up'])}'")[0][0]
                if held == 0:
                    resumed_after = now - events["smtp_up"]
            if "killed" not in events and now >= kill_at:
                daemon.end(signal.SIGKILL)
                events["killed"] = now
                integrity = _query(data / "monitor.db", "PRAGMA integrity_check")[0][0]
                daemon.start()
            if now >= next_probe and daemon.process is not None:
                for command in (("status", "--json", "--probe"), ("alerts", "--limit", "5")):
                    result = _cli(watchlist, data, *command)
                    locked = result.returncode != 0 or "locked" in result.stderr or "Traceback" in result.stderr
                    probes["locked out" if locked else "ok"] += 1
                next_probe = now + 15
            assert daemon.process is not None
            rss.append(_rss_mb(daemon.process.pid))
            time.sleep(1)
        # The last deliveries: tracking alerts wait a minute to be grouped, and the delivery job runs every 5 s.
        # (The pages keep failing and recovering meanwhile: alerts of the last minute are still gathering.)
        settle = time.monotonic() + 80
        while time.monotonic() < settle and _unsent(data / "monitor.db", older_than=70):
            time.sleep(1)
        code = daemon.end(signal.SIGTERM)
    finally:
        if daemon.process is not None and daemon.process.poll() is None:
            daemon.process.kill()
            daemon.process.wait(timeout=10)
        mailbox.stop()
        pages.stop()
        hooks.stop()
    return report(args, site, data, watchlist, daemon, code, rss, probes, integrity, mailbox, hooks,
                  resumed_after, work)


def _unsent(db: Path, older_than: float = 0.0) -> int:
    return int(_query(db, f"SELECT COUNT(*) FROM alerts WHERE state != 'sent' AND created_at <= "
                          f"'{_iso_ago(older_than)}'")[0][0])


def _message_kind(subject: str) -> str:
    for kind in ("broken", "restored", "flapping"):
        if subject.startswith(f"Tracking {kind}"):
            return kind
    return "change"


def _failure_runs(db: Path, threshold: int = 3) -> int:
    """Runs of at least ``threshold`` failed checks in a row of one document (before the prune)."""
    runs, streak, last = 0, 0, None
    for document, status in _query(db, "SELECT document, status FROM checks ORDER BY document, id"):
        if document != last:
            streak, last = 0, document
        streak = streak + 1 if status == "failed" else 0
        runs += streak == threshold
    return runs


def _iso_ago(seconds: float) -> str:
    return (datetime.now(UTC) - timedelta(seconds=seconds)).isoformat(timespec="seconds")


def report(args: argparse.Namespace, site: Site, data: Path, watchlist: Path, daemon: DaemonRun, code: int,
           rss: list[float], probes: Counter[str], integrity: str, mailbox: Mailbox, hooks: PageServer,
           resumed_after: float | None, work: Path) -> int:
    db = data / "monitor.db"
    versions = dict(_query(db, "SELECT d.type, COUNT(v.id) FROM documents d LEFT JOIN versions v "
                               "ON v.document = d.key GROUP BY d.key"))
    served_changes = sum(max(0, len(d.served) - 1) for d in site.documents)
    recorded = sum(count - 1 for count in versions.values() if count)
    missed = sum(max(0, len(d.served) - versions.get(f"Policy {d.index:04d}", 0)) for d in site.documents)
    invented = sum(max(0, versions.get(f"Policy {d.index:04d}", 0) - len(d.served)) for d in site.documents)
    with Store(data) as store:  # a version holding a fault's page would be a false change
        texts = [store.text_of(version) for state in store.document_states() for version in store.versions(state.key)]
    faulty_versions = sum("Checking your browser" in text or "Service Unavailable" in text or "csrf" in text
                          for text in texts)
    checks = dict(_query(db, "SELECT status, COUNT(*) FROM checks GROUP BY status"))
    total_checks = sum(checks.values())
    alerts = dict(_query(db, "SELECT kind, COUNT(*) FROM alerts WHERE channel LIKE 'mailto:%' GROUP BY kind"))
    mail_ids = [alert_id for _, _, ids in mailbox.received for alert_id in _ids(ids)]
    hook_ids = [alert_id for _, ids in _hook_ids(hooks) for alert_id in ids]
    mail_subjects = Counter(_message_kind(subject) for _, subject, _ in mailbox.received)
    hook_subjects = Counter(_message_kind(title) for title, _ in _hook_ids(hooks))
    episodes = _failure_runs(db)
    unsent, gathering = _unsent(db, older_than=70), _unsent(db) - _unsent(db, older_than=70)
    skipped = (work / "daemon.log").read_text(errors="replace").count("this run is skipped")
    size_before = _query(db, "PRAGMA page_count")[0][0] * _query(db, "PRAGMA page_size")[0][0]
    prune = _cli(watchlist, data, "prune", "--older-than", f"{max(1, int(args.duration / 2))}s")
    checks_after = _query(db, "SELECT COUNT(*) FROM checks")[0][0]
    status = json.loads(_cli(watchlist, data, "status", "--json").stdout or "{}")
    rows = [
        ("documents × interval × duration", f"{args.n} × {args.interval} × {args.duration:.0f} s "
                                            f"({args.changes_per_minute:g} changes/min, {args.faulty:.0%} faulty)"),
        ("real changes served → recorded", f"{served_changes} → {recorded} (missed {missed}, invented {invented})"),
        ("faulty responses served → as versions", f"{sum(d.faults_served for d in site.documents)} → "
                                                  f"{faulty_versions}"),
        ("checks", ", ".join(f"{status_} {count}" for status_, count in sorted(checks.items()))),
        ("alerts per channel (mail: sent / duplicates)",
         f"{len(set(mail_ids))} / {len(mail_ids) - len(set(mail_ids))}"),
        ("alerts per channel (webhook: sent / duplicates)",
         f"{len(set(hook_ids))} / {len(hook_ids) - len(set(hook_ids))}"),
        ("alerts queued per channel, by kind", ", ".join(f"{k} {v}" for k, v in sorted(alerts.items()))),
        ("messages: change / tracking (mail; webhook)",
         f"{mail_subjects['change']} / {sum(mail_subjects.values()) - mail_subjects['change']}; "
         f"{hook_subjects['change']} / {sum(hook_subjects.values()) - hook_subjects['change']}"),
        ("tracking messages (mail): broken / restored / flapping",
         f"{mail_subjects['broken']} / {mail_subjects['restored']} / {mail_subjects['flapping']}"),
        ("runs of ≥ 3 failed checks (the old rule: a pair each)", f"{episodes} ({2 * episodes} messages a channel)"),
        ("alerts not sent at the end (older than 70 s / gathering)", f"{unsent} / {gathering}"),
        ("change alerts held by the outage: all sent after", "never" if resumed_after is None
         else f"{resumed_after:.0f} s"),
        ("daemon RSS after 1 min / at the end / max", f"{rss[min(60, len(rss) - 1)]:.0f} / {rss[-1]:.0f} / "
                                                      f"{max(rss, default=0):.0f} MB"),
        ("daemon CPU per check (two starts included)",
         f"{1000 * daemon.cpu / max(total_checks, 1):.1f} ms ({daemon.cpu:.1f} s in all)"),
        ("skipped runs", str(skipped)),
        ("integrity after SIGKILL", integrity),
        ("status / alerts while running", f"{probes['ok']} ok, {probes['locked out']} locked out"),
        ("SIGTERM exit status", str(code)),
        ("database before prune (per check)", f"{size_before / 2**20:.1f} MB "
                                              f"({size_before / max(total_checks, 1):.0f} B a check)"),
        ("checks pruned (older than half the run)", f"{total_checks - checks_after} of {total_checks}"),
        ("prune", prune.stdout.strip().replace("\n", " ")),
        ("data directory (status)", f"{status.get('data_dir', {}).get('bytes', 0) / 2**20:.1f} MB"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"| {'measure'.ljust(width)} | value |")
    print(f"|{'-' * (width + 2)}|-------|")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")
    print(f"\ndata directory and logs: {work}")
    bad = missed or invented or len(mail_ids) != len(set(mail_ids)) or len(hook_ids) != len(set(hook_ids))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
