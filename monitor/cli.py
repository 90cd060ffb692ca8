"""The ``policy-monitor`` command line.

Exit status: 0 success, 1 a check or a delivery failed, 2 bad usage or a bad watchlist.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from monitor import __version__, classify, diff, extract, render
from monitor.fetch import decode_body, looks_binary
from monitor.libc import limit_arenas
from monitor.notify import alerts_table, all_channels, deliver_pending, retry_now, send_test
from monitor.pipeline import Checker, CheckOutcome
from monitor.store import Store, StoreError
from monitor.watchlist import Watchlist, WatchlistError, load

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEFAULT_DATA_DIR = "snapshots"


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
    changes.add_argument("--since", type=_date, metavar="DATE", help="ISO date (2024-11-15) or a period (7d)")
    changes.add_argument("--ai-only", action="store_true", help="only AI-relevant changes")
    changes.add_argument("--json", action="store_true")
    changes.add_argument("--limit", type=_count, default=100)

    compare = commands.add_parser("compare", help="diff and classify two local files (HTML, Markdown or text)")
    compare.add_argument("old", type=Path)
    compare.add_argument("new", type=Path)
    compare.add_argument("--json", action="store_true")
    compare.add_argument("--format", choices=["unified", "side-by-side", "words"], default="unified")

    commands.add_parser("validate", help="check the watchlist and print what is wrong")

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


def _date(value: str) -> str:
    value = value.strip()
    units = {"d": 1, "w": 7}
    if value[:-1].isdigit() and value[-1:] in units:
        try:
            since = datetime.now(UTC) - timedelta(days=int(value[:-1]) * units[value[-1]])
        except (OverflowError, ValueError):
            raise argparse.ArgumentTypeError(f"period too long: {value!r}") from None
        return since.isoformat(timespec="seconds")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r} (use 2024-11-15, 2024-11-15T08:00 or 7d)") from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).isoformat(timespec="seconds")


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
        if self._store is None:
            try:
                self._store = Store(self.data_dir)
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

    def find_document(self, service: str, document: str) -> Any:
        state = self.store.find_document(service, document)
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
    outcomes = run_pass(app, documents, progress=not app.args.no_progress)
    app.console.print(render.outcome_table(outcomes))
    delivery = deliver_pending(app.store, watchlist, flush=True)  # the pass is over: its tracking group is whole
    app.console.print(Text(delivery.summary(), style="red" if delivery.failed else ""))
    return EXIT_FAILED if delivery.failed or any(outcome.failed for outcome in outcomes) else EXIT_OK


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
    from monitor.scheduler import DaemonAlreadyRunning, DaemonOptions, run_daemon

    if not app.args.delivery_interval > 0 or app.args.delivery_interval == float("inf"):  # nan and inf too
        raise UsageError("--delivery-interval must be positive")
    watchlist = app.watchlist  # a bad watchlist stops here, with exit status 2
    try:
        return run_daemon(app.args.watchlist, app.data_dir, watchlist=watchlist,
                          options=DaemonOptions(delivery_interval=app.args.delivery_interval))
    except DaemonAlreadyRunning as error:
        raise UsageError(str(error)) from None


def cmd_status(app: App) -> int:
    from monitor.scheduler import daemon_status

    if app.args.watchlist and Path(app.args.watchlist).exists():
        app.store.sync_documents(app.watchlist.documents)
    daemon = daemon_status(app.store)
    code = EXIT_FAILED if app.args.probe and not daemon.healthy else EXIT_OK
    states = app.store.document_states()
    size = app.store.disk_usage()
    if app.args.json:
        print(json.dumps({"daemon": daemon.to_dict(), "data_dir": {"path": str(app.data_dir), "bytes": size},
                          "documents": [_state_dict(state) for state in states]}, ensure_ascii=False, indent=2))
        return code
    app.console.print(f"Daemon: {daemon.describe()}")
    app.console.print(f"Data: {escape(render.clean(str(app.data_dir)))}, {render.size(size)}")
    if not states:
        app.console.print(f"No documents yet in {escape(str(app.data_dir))}: run 'policy-monitor check'.")
        return code
    app.console.print(render.status_table(states))
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
    change, assessment = classify.assess_texts(store.text_of(old), store.text_of(new))
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
    if style == "side-by-side":
        console.print(render.side_by_side_table(change, *labels))
    elif style == "words":
        render.print_words(console, change)
    else:
        render.print_unified(console, change, *labels)
    if change.changed:
        console.print(render.findings_panel(assessment.findings,
                                            title=f"AI findings — severity {assessment.severity}"))


def result_dict(change: diff.Change, assessment: classify.Assessment) -> dict[str, Any]:
    """The JSON shape of DESIGN.md (a contract): changed, ai_relevant, severity, findings, stats."""
    return {"changed": change.changed, "ai_relevant": assessment.ai_relevant, "severity": assessment.severity,
            "summary": assessment.summary, "findings": [finding.to_dict() for finding in assessment.findings],
            "stats": change.stats}


def cmd_changes(app: App) -> int:
    changes = app.store.changes(since=app.args.since, ai_only=app.args.ai_only, limit=app.args.limit)
    if app.args.json:
        print(json.dumps([
            {"service": c.service, "document": c.type, "detected_at": c.detected_at, "id": c.id,
             "changed": True, "ai_relevant": c.ai_relevant, "severity": c.severity, "summary": c.summary,
             "findings": c.findings, "stats": c.stats,
             "from_version": c.from_version, "to_version": c.to_version}
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
    return extract.extract(text, kind=kind).text


def cmd_compare(app: App) -> int:
    old, new = read_document(app.args.old), read_document(app.args.new)
    change, assessment = classify.assess_texts(old, new)
    if app.args.json:
        print(json.dumps(result_dict(change, assessment), ensure_ascii=False, indent=2))
        return EXIT_OK
    app.console.print(f"[bold]{len(change.sentences)}[/] sentences changed; severity "
                      f"[{render.SEVERITY_STYLE[assessment.severity]}]{assessment.severity}[/]; "
                      f"{'AI-relevant' if assessment.ai_relevant else 'not AI-relevant'}")
    show_change(app.console, change, assessment, (str(app.args.old), str(app.args.new)), app.args.format)
    return EXIT_OK


def cmd_validate(app: App) -> int:
    watchlist = app.watchlist
    _nothing_to_watch(watchlist)
    documents = watchlist.documents
    browser = sum(document.needs_browser for document in documents)
    app.console.print(f"[green]ok[/]: {escape(render.clean(watchlist.path))}: {len(watchlist.services)} services, "
                      f"{len(documents)} documents ({browser} need a browser), "
                      f"{len(watchlist.notify.urls)} alert channels")
    missing = sorted({name for url in (*watchlist.notify.urls, *watchlist.notify.errors)
                      for name in _missing_env(url)})
    if missing:
        app.console.print(f"[yellow]warning[/]: alerts need environment variables that are not set: "
                          f"{', '.join(missing)}")
    return EXIT_OK


def _missing_env(url: str) -> list[str]:
    from monitor.watchlist import env_vars

    return [name for name in env_vars(url) if name not in os.environ]


def cmd_demo(app: App) -> int:
    from monitor.demo import run_demo

    return run_demo(app.console, Path(app.args.data_dir) if app.args.data_dir else None, keep=app.args.keep)


def cmd_eval(app: App) -> int:
    from monitor.evaluate import default_corpus, format_report, run_evaluation

    corpus = app.args.corpus or default_corpus()
    if corpus is None or not Path(corpus).is_dir():
        raise UsageError("no corpus found: give --corpus PATH (the folder with sentences.tsv and pairs.tsv)")
    missing = [name for name in ("sentences.tsv", "pairs.tsv") if not (Path(corpus) / name).is_file()]
    if missing:
        raise UsageError(f"{corpus}: not a corpus folder ({' and '.join(missing)} missing)")
    print(format_report(run_evaluation(Path(corpus))))
    return EXIT_OK


def cmd_import_ota(app: App) -> int:
    from monitor.ota import OtaError, append_to_watchlist, declaration_files, load_declaration, to_toml

    files, skipped = declaration_files(app.args.paths)
    for note in skipped:
        print(f"policy-monitor: warning: {render.clean(note)}", file=sys.stderr)
    if not files:
        raise UsageError("no declaration files (*.json) in " + ", ".join(str(p) for p in app.args.paths))
    try:
        services = [load_declaration(path) for path in files]
    except OtaError as error:
        raise UsageError(str(error)) from None
    for service in services:
        for note in service.notes:
            print(f"policy-monitor: warning: {render.clean(service.origin)}: {render.clean(note)}", file=sys.stderr)
    if not app.args.write:
        print(to_toml(services), end="")
        return EXIT_OK
    append_to_watchlist(app.args.watchlist, services)
    documents = sum(len(service.documents) for service in services)
    app.console.print(f"[green]ok[/]: {len(services)} services, {documents} documents appended to "
                      f"{escape(render.clean(str(app.args.watchlist)))}: fill in each opt_out")
    return EXIT_OK


def cmd_alerts(app: App) -> int:
    report = None
    if app.args.retry:
        queued = retry_now(app.store)
        report = deliver_pending(app.store, app.watchlist, flush=True)
        app.console.print(Text(f"{queued} alert(s) queued again. {report.summary()}",
                               style="red" if report.failed else ""))
    rows = app.store.alerts(limit=app.args.limit)
    if not rows:
        app.console.print("No alerts in the outbox.")
        return EXIT_OK
    app.console.print(alerts_table(rows))
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
        cutoff = (datetime.now(UTC) - timedelta(seconds=keep)).isoformat(timespec="seconds")
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
    "compare": cmd_compare, "validate": cmd_validate, "demo": cmd_demo, "eval": cmd_eval,
    "import-ota": cmd_import_ota, "alerts": cmd_alerts, "notify-test": cmd_notify_test, "prune": cmd_prune,
    "run": cmd_run,
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
    logging.basicConfig(level=getattr(logging, args.log_level), stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    limit_arenas()  # blobs are written from threads; see monitor.libc
    # Piped output is not squeezed into 80 columns: tables stay readable in files and logs.
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 160)
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
    finally:
        app.close()
