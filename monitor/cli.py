"""The ``policy-monitor`` command line.

Exit status: 0 success, 1 a check or a delivery failed, 2 bad usage or a bad watchlist.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from monitor import __version__, classify, clock, diff, extract, render
from monitor.fetch import decode_body, looks_binary
from monitor.findings import finding_from_dict, rank
from monitor.libc import limit_arenas
from monitor.notify import (
    UNDELIVERED,
    ChannelError,
    all_channels,
    deliver_pending,
    no_channel_warning,
    open_channel,
    retry_now,
    send_test,
)
from monitor.pipeline import Checker, CheckOutcome
from monitor.store import NoDataDirectory, Store, StoreError, has_data
from monitor.watchlist import Watchlist, WatchlistError, load

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 128 + 13  # what a shell reports for a process its reader left (SIGPIPE)
DEFAULT_DATA_DIR = "snapshots"


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """rich exits with status 1 when the reader goes away; ``main`` handles it as for every other output."""
        self.quiet = True
        raise BrokenPipeError


class UsageError(Exception):
    """Bad input from the user: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="policy-monitor", description="Watch privacy policies and terms of service for AI-training "
                     "clauses, and alert the moment one changes.")
    parser.add_argument("--version", action="version", version=f"policy-monitor {__version__}")
    parser.add_argument("--watchlist", default="watchlist.toml", help="watchlist file (default: ./watchlist.toml)")
    parser.add_argument("--data-dir", default=None, help="data directory (default: $POLICY_MONITOR_DATA or "
                        "./snapshots)")
    parser.add_argument("--log-level", default="WARNING", type=str.upper,
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"], help="log level on stderr (default WARNING)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = commands.add_parser("check", help="one pass over the watchlist (or the named services)")
    check.add_argument("services", nargs="*", metavar="SERVICE")
    check.add_argument("--no-progress", action="store_true", help="no progress bar")

    status = commands.add_parser("status", help="one row per document: health, last check, last change, failures")
    status.add_argument("--json", action="store_true", help="the daemon's state, the data directory's size and "
                        "every document, as JSON")
    status.add_argument("--probe", action="store_true", help="for health checks: exit 0 when the daemon is "
                        "running or starting, 1 otherwise")

    run = commands.add_parser("run", help="the daemon: every document on its schedule until SIGTERM/SIGINT; "
                              "SIGHUP reloads the watchlist")
    run.add_argument("--delivery-interval", type=float, default=30.0, metavar="SECONDS",
                     help="how often pending alerts are retried (default 30)")
    run.add_argument("--serve", action="store_true", help="also serve the read-only web front end (see 'serve')")
    _web_options(run)

    serve = commands.add_parser("serve", help="a read-only web front end over the data directory, with Atom feeds")
    _web_options(serve)

    history = commands.add_parser("history", help="the versions of one document")
    history.add_argument("service")
    history.add_argument("document")

    diff_command = commands.add_parser("diff", help="a diff between two versions (default: the last change)")
    diff_command.add_argument("service")
    diff_command.add_argument("document")
    diff_command.add_argument("--from", dest="from_version", type=int, metavar="V")
    diff_command.add_argument("--to", dest="to_version", type=int, metavar="V")
    diff_command.add_argument("--format", choices=["unified", "side-by-side", "words", "json"], default="unified")

    changes = commands.add_parser("changes", help="detected changes with their findings")
    changes.add_argument("--since", type=_date, metavar="DATE",
                         help="ISO date (2024-11-15) or a period back from now (10m, 6h, 7d, 2w)")
    changes.add_argument("--ai-only", action="store_true", help="only AI-relevant changes")
    changes.add_argument("--json", action="store_true")
    changes.add_argument("--limit", type=_count, default=100)

    compare = commands.add_parser("compare", help="diff and classify two local files (HTML, Markdown, text or PDF)",
                                  description="Diff and classify two local files: HTML (extracted as a page is), "
                                  "Markdown (read as Markdown, so its syntax is no change), plain text or PDF.")
    compare.add_argument("old", type=Path)
    compare.add_argument("new", type=Path)
    compare.add_argument("--json", action="store_true")
    compare.add_argument("--format", choices=["unified", "side-by-side", "words"], default="unified")

    stance = commands.add_parser("stance", help="where each platform stands on AI: trains, data, opt-out, sharing, "
                                 "likeness, with the policy's words and since when")
    stance.add_argument("services", nargs="*", metavar="SERVICE")
    stance.add_argument("--json", action="store_true")
    stance.add_argument("--documents", action="store_true", help="a row per document too")
    stance.add_argument("--file", type=Path, metavar="PATH", help="the stance of a local policy file (HTML, "
                        "Markdown, text or PDF) instead of the stored documents")

    commands.add_parser("validate", help="check the watchlist and print what is wrong")

    accept = commands.add_parser("accept", help="record the text the shrink guard held back as a new version, "
                                 "after showing the diff")
    accept.add_argument("service")
    accept.add_argument("document")
    accept.add_argument("--yes", action="store_true", help="record it without asking")

    alerts = commands.add_parser("alerts", help="the alert outbox: pending, sent and failed alerts")
    alerts.add_argument("--retry", action="store_true", help="send pending and failed alerts now")
    alerts.add_argument("--limit", type=_count, default=50, help="rows to show (default 50)")

    commands.add_parser("notify-test", help="send a test alert to every configured channel")

    prune = commands.add_parser("prune", help="forget routine checks older than [storage] keep_checks (default "
                                "90d) and give the space back; checks that made a version, a change or a failure "
                                "transition are kept")
    prune.add_argument("--older-than", metavar="PERIOD", help='e.g. "90d" (default: [storage] keep_checks)')

    demo = commands.add_parser("demo", help="the offline end-to-end demo on bundled real policy text")
    demo.add_argument("--keep", action="store_true", help="keep the temporary data directory")

    evaluate = commands.add_parser("eval", help="measure the AI-clause detector on the labelled corpus")
    evaluate.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: ../shared/corpus)")

    import_ota = commands.add_parser("import-ota", help="Open Terms Archive declarations → watchlist entries")
    import_ota.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="declaration files or folders")
    import_ota.add_argument("--write", action="store_true", help="append to the --watchlist file (refuses "
                            "services already in it) instead of printing")
    return parser


PERIOD_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
def _web_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this "
                         "machine only)")
    command.add_argument("--port", type=_port, default=8080, help="port (default 8080; 0: any free port)")
    command.add_argument("--token", default=None, help="require this token on every request (default: [web] "
                         "token of the watchlist, if set)")


def _port(value: str) -> int:
    if not value.isdigit() or not 0 <= int(value) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}")
    return int(value)


def _date(value: str) -> str:
    """An ISO date or time, or a period back from now: "10m", "6h", "7d", "2w"."""
    value = value.strip()
    period = re.fullmatch(r"(\d+)\s*([smhdw])", value)
    if period:
        number, unit = int(period.group(1)), period.group(2)
        try:
            return clock.ago(number * PERIOD_SECONDS[unit])
        except (OverflowError, ValueError):
            raise argparse.ArgumentTypeError(f"period too long: {value!r}") from None
    parsed = clock.parse(value)
    if parsed is None:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use 2024-11-15, 2024-11-15T08:00, or a period "
                                         f"such as 10m, 6h, 7d, 2w)")
    return clock.iso(parsed)


def _count(value: str) -> int:
    """A row count for --limit: a whole number from 1 to a million."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if not 1 <= number <= 1_000_000:
        raise argparse.ArgumentTypeError(f"must be between 1 and 1000000, not {value}")
    return number


class App:
    """The state every command shares: options, console, lazily loaded watchlist and store."""

    def __init__(self, args: argparse.Namespace, console: Console) -> None:
        self.args = args
        self.console = console
        self._watchlist: Watchlist | None = None
        self._store: Store | None = None

    @property
    def data_dir(self) -> Path:
        return Path(self.args.data_dir or os.environ.get("POLICY_MONITOR_DATA") or DEFAULT_DATA_DIR)

    @property
    def watchlist(self) -> Watchlist:
        if self._watchlist is None:
            try:
                self._watchlist = load(self.args.watchlist)
            except WatchlistError:
                raise
            except ValueError as error:  # a path the system refuses, e.g. with a NUL byte
                raise UsageError(f"--watchlist {self.args.watchlist!r}: {error}") from None
        return self._watchlist

    @property
    def store(self) -> Store:
        return self._open_store(create=True)

    @property
    def existing_store(self) -> Store:
        """The data directory for a command that reads it: never created where there is none."""
        return self._open_store(create=False)

    def _open_store(self, *, create: bool) -> Store:
        if self._store is None:
            try:
                self._store = Store(self.data_dir, create=create)
            except NoDataDirectory as error:
                raise UsageError(f"{error}. Give the data directory the daemon uses (--data-dir or "
                                 f"$POLICY_MONITOR_DATA), or run 'policy-monitor check' to start one here") from None
            except StoreError as error:  # an unusable --data-dir is bad input: exit 2, like a bad watchlist
                raise UsageError(f"data directory {str(self.data_dir)!r}: {error}") from None
            except OSError as error:
                raise UsageError(f"data directory {str(self.data_dir)!r} cannot be used: "
                                 f"{error.strerror or error}") from None
            except ValueError as error:
                raise UsageError(f"data directory {str(self.data_dir)!r}: {error}") from None
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def find_document(self, service: str, document: str) -> Any:
        state = self.existing_store.find_document(service, document)
        if state is None:
            known = ", ".join(f"{s.service}/{s.type}" for s in self.store.document_states()) or "none yet"
            raise UsageError(f"no document {service!r} / {document!r} in {self.data_dir} (known: {known})")
        return state


# -- commands --------------------------------------------------------------------------------------------------

def _nothing_to_watch(watchlist: Watchlist) -> None:
    if not watchlist.documents:
        raise WatchlistError("no [[service]] with a [[service.document]]: nothing to watch", path=str(watchlist.path))


def cmd_check(app: App) -> int:
    watchlist = app.watchlist
    _nothing_to_watch(watchlist)
    try:
        documents = watchlist.select_services(app.args.services)
    except KeyError as missing:
        names = ", ".join(service.name for service in watchlist.services)
        raise UsageError(f"no service {missing.args[0]!r} in {watchlist.path} (services: {names})") from None
    undelivered_before = app.store.alert_count(UNDELIVERED)  # a data directory that cannot be used stops here
    warn_if_unheard(watchlist)
    outcomes = run_pass(app, documents, progress=not app.args.no_progress)
    app.console.print(render.outcome_table(outcomes))
    delivery = deliver_pending(app.store, watchlist, flush=True)  # the pass is over: its tracking group is whole
    app.console.print(Text(delivery.summary(), style="red" if delivery.failed or delivery.undelivered else ""))
    nobody_heard = delivery.undelivered > undelivered_before  # this pass found something no channel receives
    if nobody_heard:
        warn_if_unheard(watchlist)  # again, under the table, where it is seen
    failed = delivery.failed or nobody_heard or any(outcome.failed for outcome in outcomes)
    return EXIT_FAILED if failed else EXIT_OK


def warn_if_unheard(watchlist: Watchlist) -> None:
    warning = no_channel_warning(watchlist)
    if warning:
        print(f"policy-monitor: warning: {render.clean(warning)}", file=sys.stderr)


def run_pass(app: App, documents: Sequence[Any], *, progress: bool = True) -> list[CheckOutcome]:
    checker = Checker(app.watchlist, app.store)
    show = progress and app.console.is_terminal
    with Progress(TextColumn("[bold]checking"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=app.console, transient=True, disable=not show) as bar:
        task = bar.add_task("", total=len(documents))

        def done(outcome: CheckOutcome) -> None:
            bar.update(task, advance=1, description=render.clean(outcome.document))

        return asyncio.run(checker.check(documents, on_done=done))


def cmd_run(app: App) -> int:
    from monitor.datadir import UnsafeDataDir
    from monitor.scheduler import DaemonAlreadyRunning, DaemonOptions, run_daemon
    from monitor.web import ServeError

    if not app.args.delivery_interval > 0 or app.args.delivery_interval == float("inf"):  # nan and inf too
        raise UsageError("--delivery-interval must be positive")
    watchlist = app.watchlist  # a bad watchlist stops here, with exit status 2
    app.store  # noqa: B018 - a data directory that cannot be used stops here too, in one line
    app.close()
    web = _web_settings(app, watchlist) if app.args.serve else None
    try:
        return run_daemon(app.args.watchlist, app.data_dir, watchlist=watchlist,
                          options=DaemonOptions(delivery_interval=app.args.delivery_interval), web=web)
    except (DaemonAlreadyRunning, UnsafeDataDir, ServeError) as error:
        raise UsageError(str(error)) from None
    except OSError as error:  # the lock file, the log: whatever the system refuses, said in one line
        raise UsageError(f"data directory {str(app.data_dir)!r} cannot be used: {error.strerror or error}") from None


def _web_settings(app: App, watchlist: Watchlist | None) -> Any:
    """Host, port and token of ``serve`` / ``run --serve``: ``--token``, else ``[web] token`` from the
    environment. A non-loopback address without a token is allowed (behind a proxy that checks) with a warning."""
    from monitor.watchlist import expand_env
    from monitor.web import WebSettings, is_loopback

    token = app.args.token
    if token is None and watchlist is not None and watchlist.web.token:
        try:
            token = expand_env(watchlist.web.token)
        except KeyError as missing:
            raise UsageError(f"[web] token: environment variable {missing.args[0]} is not set") from None
    if token is not None and not token.strip():
        raise UsageError("the token is empty: give a token of some length, or none")
    if not is_loopback(app.args.host) and token is None:
        _warn(f"serving on {app.args.host} without a token: anyone who can reach this port can read the data "
              "directory (set --token or [web] token, or put a proxy that checks in front)")
    return WebSettings(host=app.args.host, port=app.args.port, token=token,
                       base_url=watchlist.web.base_url if watchlist is not None else None)


def cmd_serve(app: App) -> int:
    from monitor.web import ServeError, WebOptions, WebServer, listen

    watchlist = app.watchlist if Path(app.args.watchlist).exists() else None
    settings = _web_settings(app, watchlist)
    if watchlist is None:
        _warn(f"no watchlist at {app.args.watchlist}: opt-out steps are not shown")
    options = WebOptions(data_dir=app.data_dir, token=settings.token, base_url=settings.base_url,
                         watchlist=lambda: watchlist)
    try:
        sock = listen(settings.host, settings.port)
    except ServeError as error:
        raise UsageError(str(error)) from None
    try:
        server = WebServer(options, sock)
    except StoreError as error:
        sock.close()
        raise UsageError(f"data directory {str(app.data_dir)!r}: {error}") from None
    print(f"Serving {app.data_dir} read-only at {server.url} (Ctrl-C stops)", flush=True)
    server.run()
    return EXIT_OK


def cmd_status(app: App) -> int:
    from monitor.scheduler import daemon_status

    if app.args.probe and not has_data(app.data_dir):
        # A health probe before the first start: no daemon, and nothing is created to say so.
        if app.args.json:
            print(json.dumps({"daemon": {"state": "not_running"}, "data_dir": {"path": str(app.data_dir),
                                                                              "exists": False}, "documents": []}))
        else:
            print(f"policy-monitor: no data directory at {app.data_dir}: no daemon has run there", file=sys.stderr)
        return EXIT_FAILED
    store = app.existing_store
    watched: set[str] | None = None
    if app.args.watchlist and Path(app.args.watchlist).exists():
        store.sync_documents(app.watchlist.documents)
        watched = {document.key for document in app.watchlist.documents}
    daemon = daemon_status(store)
    code = EXIT_FAILED if app.args.probe and not daemon.healthy else EXIT_OK
    states = store.document_states()
    unwatched = [state for state in states if watched is not None and state.key not in watched]
    states = [state for state in states if state not in unwatched]
    size = store.disk_usage()
    if app.args.json:
        print(json.dumps({"daemon": daemon.to_dict(), "data_dir": {"path": str(app.data_dir), "bytes": size},
                          "documents": [_state_dict(state) for state in states]}, ensure_ascii=False, indent=2))
        return code
    app.console.print(f"Daemon: {daemon.describe()}")
    app.console.print(f"Data: {escape(render.clean(str(app.data_dir)))}, {render.size(size)}")
    if not states:
        app.console.print(f"No documents yet in {escape(str(app.data_dir))}: run 'policy-monitor check'.")
    else:
        app.console.print(render.status_table(states))
    if unwatched:
        app.console.print(f"[dim]{len(unwatched)} document{'s' if len(unwatched) != 1 else ''} no longer in "
                          f"{escape(render.clean(str(app.watchlist.path)))} not shown (their history is kept: "
                          f"'policy-monitor history SERVICE DOCUMENT').[/]")
    return code


def _state_dict(state: Any) -> dict[str, Any]:
    return {"service": state.service, "document": state.type, "url": state.url, "health": state.health,
            "tracking_broken": state.tracking_broken, "flapping": state.broken_quiet, "last_check": state.last_check,
            "last_change": state.last_change, "consecutive_failures": state.consecutive_failures,
            "last_error": state.last_error, "last_error_kind": state.last_error_kind, "next_run": state.next_run}


def cmd_history(app: App) -> int:
    state = app.find_document(app.args.service, app.args.document)
    versions = app.store.versions(state.key)
    changes = app.store.changes(document=state.key)
    app.console.print(render.history_table(f"{state.service} — {state.type} ({state.url})", versions, changes))
    return EXIT_OK


def cmd_diff(app: App) -> int:
    state = app.find_document(app.args.service, app.args.document)
    store = app.store
    to_number = app.args.to_version
    from_number = app.args.from_version
    if to_number is None:
        current = store.current_version(state.key)
        if current is None:
            raise UsageError(f"{state.key} has no version yet: run 'policy-monitor check' first")
        to_number = current.number
    if from_number is None:
        last = next(iter(store.changes(document=state.key, limit=1)), None)
        if last is not None and to_number == last.to_version and last.from_version is not None:
            from_number = last.from_version
        else:
            from_number = max(to_number - 1, 1)
    old, new = store.version(state.key, from_number), store.version(state.key, to_number)
    for number, version in ((from_number, old), (to_number, new)):
        if version is None:
            raise UsageError(f"{state.key} has no version {number} (see 'policy-monitor history')")
    assert old is not None and new is not None
    change, assessment = classify.assess_texts(store.text_of(old), store.text_of(new), state.service)
    labels = (f"{state.key} v{old.number} ({render.short_time(old.first_seen)})",
              f"{state.key} v{new.number} ({render.short_time(new.first_seen)})")
    show_change(app.console, change, assessment, labels, app.args.format)
    return EXIT_OK


def show_change(console: Console, change: diff.Change, assessment: classify.Assessment, labels: tuple[str, str],
                style: str) -> None:
    if style == "json":
        data = {**result_dict(change, assessment), **diff.change_to_dict(change)}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if change.changed:  # what matters first, the whole diff after it
        console.print(render.findings_panel(assessment.findings,
                                            title=f"AI findings — severity {assessment.severity}"))
    if style == "side-by-side":
        console.print(render.side_by_side_table(change, *labels))
    elif style == "words":
        render.print_words(console, change)
    else:
        render.print_unified(console, change, *labels)


def result_dict(change: diff.Change, assessment: classify.Assessment) -> dict[str, Any]:
    """The JSON shape of DESIGN.md (a contract): changed, ai_relevant, severity, findings, stats."""
    return {"changed": change.changed, "ai_relevant": assessment.ai_relevant, "severity": assessment.severity,
            "summary": assessment.summary,
            "findings": [finding.to_dict() for finding in rank(assessment.findings)],
            "stats": change.stats}


def cmd_changes(app: App) -> int:
    changes = app.existing_store.changes(since=app.args.since, ai_only=app.args.ai_only, limit=app.args.limit)
    if app.args.json:
        from monitor.stance_view import VersionStances

        stances = VersionStances(app.existing_store)  # issue 16: the AI stance of both versions of each change

        print(json.dumps([
            {"service": c.service, "document": c.type, "detected_at": c.detected_at, "id": c.id,
             "changed": True, "ai_relevant": c.ai_relevant, "severity": c.severity, "summary": c.summary,
             "findings": [finding.to_dict() for finding in rank(map(finding_from_dict, c.findings))], "stats": c.stats,
             "kind": c.kind, "from_version": c.from_version, "to_version": c.to_version,
             "stance_before": stances.summary(c.document, c.from_version),
             "stance_after": stances.summary(c.document, c.to_version)}
            for c in changes], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not changes:
        app.console.print("No changes recorded" + (" that concern AI." if app.args.ai_only else "."))
        return EXIT_OK
    app.console.print(render.changes_table(changes))
    for change in changes:
        if change.findings:
            app.console.print(render.findings_panel(
                change.findings, title=f"#{change.id} {escape(render.clean(change.service))} — "
                                       f"{escape(render.clean(change.type))}: "
                                       f"{escape(render.clean(change.summary))} ({change.severity})"))
    return EXIT_OK


MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


def read_document(path: Path) -> str:
    """A local file as text: HTML is extracted, PDF read, Markdown and plain text kept."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise UsageError(f"{path}: cannot read ({error.strerror})") from None
    kind = extract.kind_of(None, data, path.name)
    if kind == "pdf":
        try:
            return extract.extract_pdf(data).text
        except extract.ExtractError as error:
            raise UsageError(f"{path}: {error}") from None
    text, _ = decode_body(data)
    if looks_binary(text):
        raise UsageError(f"{path}: not an HTML, Markdown, text or PDF file (binary data)")
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return extract.extract_markdown(text).text
    return extract.extract(text, kind=kind).text


def cmd_compare(app: App) -> int:
    old, new = read_document(app.args.old), read_document(app.args.new)
    change, assessment = classify.assess_texts(old, new)
    if app.args.json:
        print(json.dumps(result_dict(change, assessment), ensure_ascii=False, indent=2))
        return EXIT_OK
    app.console.print(f"[bold]{len(change.sentences)}[/] sentences changed; severity "
                      f"[{render.SEVERITY_STYLE[assessment.severity]}]{assessment.severity}[/]; "
                      + (f"AI-relevant: {escape(render.clean(assessment.summary))}" if assessment.ai_relevant
                         else "not AI-relevant"))
    show_change(app.console, change, assessment, (str(app.args.old), str(app.args.new)), app.args.format)
    return EXIT_OK


def cmd_stance(app: App) -> int:
    from monitor import stance_view
    from monitor.stance import stance_of_text

    if app.args.file is not None:
        if app.args.services:
            raise UsageError("give either --file PATH or service names, not both")
        found = stance_of_text(read_document(app.args.file))
        if app.args.json:
            print(json.dumps({"file": str(app.args.file), "stance": found.to_dict()}, ensure_ascii=False, indent=2))
            return EXIT_OK
        app.console.print(stance_view.file_table(str(app.args.file), found))
        app.console.print(stance_view.evidence(found))
        return EXIT_OK
    steps: dict[str, str | None] = {}
    if Path(app.args.watchlist).exists():
        steps = {service.name: service.opt_out for service in app.watchlist.services}
    try:
        rows = stance_view.service_stances(app.store, app.args.services, steps)
    except KeyError as missing:
        known = ", ".join(sorted({s.service for s in app.store.document_states()}, key=str.casefold)) or "none yet"
        raise UsageError(f"no stored document of {missing.args[0]!r} in {app.data_dir} (services: {known})") from None
    if app.args.json:
        print(json.dumps([row.to_dict(documents=app.args.documents) for row in rows], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        app.console.print(f"No documents yet in {escape(str(app.data_dir))}: run 'policy-monitor check'.")
        return EXIT_OK
    app.console.print(stance_view.service_table(rows))
    if app.args.documents:
        app.console.print(stance_view.document_table(rows))
    for row in rows:
        app.console.print(Text(f"\n{render.clean(row.service)}", style="bold"))
        app.console.print(stance_view.evidence(row.stance))
    return EXIT_OK


def cmd_accept(app: App) -> int:
    state = app.find_document(app.args.service, app.args.document)
    try:
        document = app.watchlist.document(state.service, state.type)
    except KeyError:
        raise UsageError(f"{state.key} is not in {app.watchlist.path} any more: nothing to accept") from None
    store = app.store
    if state.pending_text is None:
        raise UsageError(f"nothing to accept for {state.key}: its last check was not held back by the shrink guard "
                         f"('policy-monitor status' shows why a check failed)")
    current = store.current_version(state.key)
    old_text = store.text_of(current) if current is not None else ""
    change, assessment = classify.assess_texts(old_text, store.get_text(state.pending_text), state.service)
    number = store.next_version_number(state.key)
    show_change(app.console, change, assessment,
                (f"{state.key} v{current.number if current else 0}", f"{state.key} held back"), "unified")
    if not app.args.yes:
        if not sys.stdin.isatty():
            raise UsageError(f"not recorded: run 'policy-monitor accept {app.args.service} {app.args.document} "
                             f"--yes' to record this text as version {number}")
        answer = input(f"Record this text as version {number} of {state.key}? [y/N] ")
        if answer.strip().lower() not in {"y", "yes"}:
            app.console.print("Not recorded.")
            return EXIT_OK
    outcome = Checker(app.watchlist, store).accept_pending(document)
    app.console.print(f"[green]Recorded[/] version {outcome.version} of {escape(render.clean(state.key))}: "
                      f"{escape(render.clean(outcome.summary or outcome.status))}")
    delivery = deliver_pending(store, app.watchlist)
    app.console.print(Text(delivery.summary(), style="red" if delivery.failed or delivery.undelivered else ""))
    return EXIT_FAILED if delivery.failed else EXIT_OK


def cmd_validate(app: App) -> int:
    watchlist = app.watchlist
    _nothing_to_watch(watchlist)
    documents = watchlist.documents
    browser = sum(document.needs_browser for document in documents)
    channels = all_channels(watchlist)
    missing = sorted({name for url in channels for name in _missing_env(url)})
    for url in channels:
        if _missing_env(url):
            continue  # its variables are reported below; the URL is parsed where it is sent
        apprise_log = logging.getLogger("apprise")
        level = apprise_log.level
        apprise_log.setLevel(logging.CRITICAL)  # it logs "Unparseable URL" itself: the error below says it once
        try:
            open_channel(url)
        except ChannelError as error:
            raise WatchlistError(f"bad alert channel: {error}", path=str(watchlist.path)) from None
        finally:
            apprise_log.setLevel(level)
    app.console.print(f"[green]ok[/]: {escape(render.clean(watchlist.path))}: {len(watchlist.services)} services, "
                      f"{len(documents)} documents ({browser} need a browser), "
                      f"{len(channels)} alert channel{'s' if len(channels) != 1 else ''}")
    if missing:
        app.console.print(f"[yellow]warning[/]: alerts need environment variables that are not set: "
                          f"{', '.join(missing)}")
    warn_if_unheard(watchlist)
    return EXIT_OK


def _missing_env(url: str) -> list[str]:
    from monitor.watchlist import env_vars

    return [name for name in env_vars(url) if name not in os.environ]


def cmd_demo(app: App) -> int:
    from monitor.demo import run_demo

    return run_demo(app.console, Path(app.args.data_dir) if app.args.data_dir else None, keep=app.args.keep)


def cmd_eval(app: App) -> int:
    from monitor.evaluate import default_corpus, full_report

    corpus = app.args.corpus or default_corpus()
    if corpus is None or not Path(corpus).is_dir():
        raise UsageError("no corpus found: give --corpus PATH (the folder with sentences.tsv and pairs.tsv)")
    missing = [name for name in ("sentences.tsv", "pairs.tsv") if not (Path(corpus) / name).is_file()]
    if missing:
        raise UsageError(f"{corpus}: not a corpus folder ({' and '.join(missing)} missing)")
    print(full_report(Path(corpus)))
    return EXIT_OK


def cmd_import_ota(app: App) -> int:
    from monitor.ota import OtaError, append_to_watchlist, declaration_files, load_declaration, to_toml

    files, skipped = declaration_files(app.args.paths)
    for note in skipped:
        _warn(note)
    if not files:
        raise UsageError("no declaration files (*.json) in " + ", ".join(str(p) for p in app.args.paths))
    try:
        services = [load_declaration(path) for path in files]
    except OtaError as error:
        raise UsageError(str(error)) from None
    for service in services:
        for note in service.notes:
            _warn(f"{service.origin}: {note}")
    if not app.args.write:
        print(to_toml(services), end="")
        return EXIT_OK
    append_to_watchlist(app.args.watchlist, services)
    documents = sum(len(service.documents) for service in services)
    app.console.print(f"[green]ok[/]: {len(services)} services, {documents} documents appended to "
                      f"{escape(render.clean(str(app.args.watchlist)))}: fill in each opt_out")
    return EXIT_OK


def _warn(text: str) -> None:
    """One line on stderr, whatever a declaration or a file name holds."""
    print(f"policy-monitor: warning: {' '.join(render.clean(text).split())}", file=sys.stderr)


def cmd_alerts(app: App) -> int:
    report = None
    app.existing_store  # noqa: B018 - opened first: reading the outbox never creates a data directory
    if app.args.retry:
        queued = retry_now(app.store)
        report = deliver_pending(app.store, app.watchlist, flush=True)
        app.console.print(Text(f"{queued} alert(s) queued again. {report.summary()}",
                               style="red" if report.failed else ""))
    rows = app.store.alerts(limit=app.args.limit)
    if not rows:
        app.console.print("No alerts in the outbox.")
        return EXIT_OK
    app.console.print(render.alerts_table(rows))
    return EXIT_FAILED if report is not None and report.failed else EXIT_OK


def cmd_prune(app: App) -> int:
    from monitor.watchlist import StorageConfig, parse_interval

    if app.args.older_than is not None:
        try:
            keep = parse_interval(app.args.older_than)
        except ValueError as error:
            raise UsageError(f"--older-than: {error}") from None
    else:
        keep = app.watchlist.storage.keep_checks if Path(app.args.watchlist).exists() else \
            StorageConfig().keep_checks
    try:
        cutoff = clock.ago(keep)
    except OverflowError:
        raise UsageError(f"period too long: {app.args.older_than!r}") from None
    report = app.store.prune_checks(cutoff)
    app.console.print(render.prune_summary(report, keep))
    return EXIT_OK


def cmd_notify_test(app: App) -> int:
    channels = all_channels(app.watchlist)
    if not channels:
        raise UsageError(f"no alert channels in {app.watchlist.path}: add [notify] urls = [...]")
    results = send_test(app.watchlist)
    for result in results:
        mark = Text("ok    ", style="green") if result.ok else Text("failed", style="bold red")
        app.console.print(Text.assemble(mark, " ", result.channel, (f": {result.error}" if result.error else "")))
    return EXIT_FAILED if any(not result.ok for result in results) else EXIT_OK


COMMANDS: dict[str, Callable[[App], int]] = {
    "check": cmd_check, "status": cmd_status, "history": cmd_history, "diff": cmd_diff, "changes": cmd_changes,
    "compare": cmd_compare, "stance": cmd_stance, "validate": cmd_validate, "accept": cmd_accept, "demo": cmd_demo,
    "eval": cmd_eval, "import-ota": cmd_import_ota, "alerts": cmd_alerts, "notify-test": cmd_notify_test,
    "prune": cmd_prune, "run": cmd_run, "serve": cmd_serve,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse has printed its one-line error (or --help)
        return stop.code if isinstance(stop.code, int) else EXIT_USAGE
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    log_handler = logging.StreamHandler(sys.stderr)
    log_handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log_handler.addFilter(render.CleanLogRecords())  # on the handler: it sees the records of every logger
    logging.basicConfig(level=getattr(logging, args.log_level), handlers=[log_handler])
    limit_arenas()  # blobs are written from threads; see monitor.libc
    # Piped output is not squeezed into 80 columns: tables stay readable in files and logs.
    console = _Console(highlight=False, width=None if sys.stdout.isatty() else 160)
    app = App(args, console)
    try:
        return COMMANDS[args.command](app)
    except WatchlistError as error:
        print(f"policy-monitor: watchlist error: {render.clean(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except UsageError as error:
        print(f"policy-monitor: error: {render.clean(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as error:
        print(f"policy-monitor: data error: {render.clean(str(error))}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("policy-monitor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`… --json | head`): stop quietly, as a shell tool does, and let no flush at exit
        # raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return EXIT_BROKEN_PIPE
    finally:
        app.close()
