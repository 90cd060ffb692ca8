"""Shared fixtures: a real HTTP server on 127.0.0.1, a real data directory, watchlists written as files."""

from __future__ import annotations

import asyncio
import contextlib
import email
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from hypothesis import HealthCheck, settings

from monitor.cli import main
from monitor.localserver import PageServer
from monitor.pipeline import Checker, CheckOutcome
from monitor.store import Store
from monitor.watchlist import Watchlist, load

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"

# Property tests: a fixed example budget in CI (the default), a long run on demand:
#   HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py -q
settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("long", max_examples=10_000, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The files that take longest start first (`--dist loadfile --no-loadscope-reorder` hands files to the two workers
# in this order), so that both workers finish together rather than one waiting on a long file begun last.
LONGEST_FILES_FIRST = ("test_probes.py", "test_evaluate.py", "test_daemon.py", "test_browser.py", "test_web.py",
                       "test_offload.py", "test_fuzz.py", "test_one_line.py", "test_faults.py", "test_dev_versions.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        name = item.path.name
        return LONGEST_FILES_FIRST.index(name) if name in LONGEST_FILES_FIRST else len(LONGEST_FILES_FIRST)
    items.sort(key=rank)  # stable: within a file, and among the other files, the order stays as collected


needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repository")


@pytest.fixture
def server() -> Iterator[PageServer]:
    with PageServer() as page_server:
        yield page_server


class WebhookReceiver(PageServer):
    """The page server as a webhook receiver: apprise's json:// and mmost:// post here."""

    def json_url(self, path: str = "/alerts") -> str:
        return f"json://127.0.0.1:{self.port}{path}"

    def to(self, path: str) -> list[Any]:
        """The JSON bodies posted to one path, in order."""
        return [post.json() for post in self.posts_to(path)]

    @property
    def received(self) -> list[tuple[str, Any]]:
        with self._lock:
            return [(post.path, post.json()) for post in self.posts]

    def messages(self) -> list[str]:
        """Title and body of every json:// post, as one string each."""
        return [f"{body.get('title', '')}\n{body.get('message', '')}" for _, body in self.received]


@pytest.fixture
def hooks() -> Iterator[WebhookReceiver]:
    with WebhookReceiver() as receiver:
        yield receiver


# -- a real SMTP server (aiosmtpd) -----------------------------------------------------------------------------

def free_port() -> int:
    """A loopback port nothing listens on, held until the test ends (see "Parallel runs" below)."""
    holder = socket.socket()
    holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a Mailbox may still start on it (it sets it too)
    holder.bind(("127.0.0.1", 0))
    _held_ports.append(holder)
    return int(holder.getsockname()[1])


@dataclass
class Mailbox:
    port: int
    messages: list[EmailMessage] = field(default_factory=list)
    controller: Controller | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def start(self) -> Mailbox:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def url(self, to: str = "alice@example.com") -> str:
        return f"mailto://127.0.0.1:{self.port}?from=monitor@example.com&to={to}"


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    box = Mailbox(free_port()).start()
    yield box
    box.stop()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "data") as data_store:
        yield data_store


def policy_page(*paragraphs: str, title: str = "Privacy Policy") -> str:
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (f"<html><head><title>{title}</title><script>var x = 1;</script></head><body><nav>Home | Help</nav>"
            f"<main><h1>{title}</h1>{body}</main><footer>© Example</footer></body></html>")


LONG_POLICY = [
    f"Section {n}. We collect information you give us when you create an account, post content, or contact "
    f"support, and we use it to provide, personalise and secure the service number {n}." for n in range(1, 31)
]


def run_cli(*args: str, cwd: Path = REPO, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """``policy-monitor ARGS`` as a real process of this checkout (no $POLICY_MONITOR_DATA from the caller)."""
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    environment.pop("POLICY_MONITOR_DATA", None)
    return subprocess.run([sys.executable, "-m", "monitor", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=60, input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
                          env=environment)


def write_watchlist(tmp_path: Path, body: str, name: str = "watchlist.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def one_document_watchlist(tmp_path: Path, url: str, *, select: str = "main", extra_defaults: str = "",
                           notify: str = "") -> Watchlist:
    path = write_watchlist(tmp_path, f"""
        [defaults]
        retries = 1
        backoff = 0.05
        timeout = 5
        {extra_defaults}
        {notify}
        [[service]]
        name = "Example"
        opt_out = "Settings → Privacy → AI: off"

          [[service.document]]
          type = "Privacy Policy"
          url = "{url}"
          select = ["{select}"]
        """)
    return load(path)


def check_once(watchlist: Watchlist, store: Store) -> CheckOutcome:
    outcome, = asyncio.run(Checker(watchlist, store).check(watchlist.documents))
    return outcome


def sql(data_dir: Path, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """One statement on a connection of its own to a data directory's database, as another program would run it."""
    with contextlib.closing(sqlite3.connect(data_dir / "monitor.db", timeout=10)) as connection, connection:
        return connection.execute(statement, params).fetchall()


def table_count(store: Store, table: str) -> int:
    return int(sql(store.data_dir, f"SELECT COUNT(*) FROM {table}")[0][0])


def blob_count(store: Store) -> int:
    return sum(1 for path in (store.data_dir / "blobs").rglob("*") if path.is_file())


# -- misc: one service's watchlist and the command line over it ---------------------------------------------------
# (kept apart from the fixtures for parallel runs above: helper "misc" wrote this block)

def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{key} = {_toml_value(item)}" for key, item in value.items()) + " }"
    return "[" + ", ".join(_toml_value(item) for item in value) + "]"


def _toml_table(header: str, keys: dict[str, Any]) -> list[str]:
    return [header, *(f"{key} = {_toml_value(value)}" for key, value in keys.items())]


def document_table(url: str | None, type: str = "Privacy Policy", **keys: Any) -> dict[str, Any]:  # noqa: A002
    """One ``[[service.document]]``: its type, its url (None for a ``combine``) and any other key (select, fetch,
    combine, timeout, …)."""
    return {"type": type, **({"url": url} if url is not None else {}), **keys}


def example_watchlist(tmp_path: Path, *documents: dict[str, Any], defaults: dict[str, Any] | None = None,
                      notify: dict[str, Any] | None = None, service: str = "Example", **service_keys: Any) -> Path:
    """``watchlist.toml`` in ``tmp_path``: ``[defaults]``, ``[notify]`` and one service (its name, any other key
    such as ``opt_out``) with these documents."""
    lines = [*(_toml_table("[defaults]", defaults) if defaults else []),
             *(_toml_table("[notify]", notify) if notify else []),
             *_toml_table("[[service]]", {"name": service, **service_keys})]
    for keys in documents:
        lines += _toml_table("[[service.document]]", keys)
    return write_watchlist(tmp_path, "\n".join(lines) + "\n")


def cli_options(watchlist: Path, data: Path) -> list[str]:
    """The options that point the command line at a watchlist and a data directory."""
    return ["--watchlist", str(watchlist), "--data-dir", str(data)]


@pytest.fixture
def example_site(tmp_path: Path, server: PageServer) -> list[str]:
    """Example's privacy policy (LONG_POLICY) served at /privacy, watched with ``select = ["main"]`` and no retries:
    the command line's options for it, with ``tmp_path / "data"`` as the data directory."""
    server.set_page("/privacy", policy_page(*LONG_POLICY))
    watchlist = example_watchlist(tmp_path, document_table(server.url("/privacy"), select=["main"]),
                                  defaults={"retries": 0})
    return cli_options(watchlist, tmp_path / "data")
# -- Parallel runs (pytest-xdist: `.ci/run` runs the suite on every core) ----------------------------------------
# A port free_port() gave stays bound, not listening, until the test ends: connecting to it is refused, and no other
# test process is given it (neither a server binding port 0 nor a connection's own port) before its Mailbox starts.
_held_ports: list[socket.socket] = []


@pytest.fixture(autouse=True)
def _release_held_ports() -> Iterator[None]:
    yield
    while _held_ports:
        _held_ports.pop().close()


def run_main(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """``policy-monitor ARGS`` in this process: what :func:`run_cli` returns, without a new interpreter's start (about
    0.6 s of CPU a command). For what the command does; run_cli stays for what a real process does (exit codes from
    signals, pipes, the working folder, the environment)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), \
            _stdin(io.StringIO(stdin or "")):  # never a terminal, as run_cli's pipe or /dev/null
        code = main(list(args))
    return subprocess.CompletedProcess(["policy-monitor", *args], code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _stdin(replacement: io.StringIO) -> Iterator[None]:
    saved, sys.stdin = sys.stdin, replacement
    try:
        yield
    finally:
        sys.stdin = saved
