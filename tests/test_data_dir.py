"""The data directory a user meant: read-only commands never create one, alerts name the one the daemon uses,
and the README and the systemd unit agree on it. Real processes, run from folders of their own."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest

from monitor.localserver import PageServer
from tests.conftest import LONG_POLICY, REPO, WebhookReceiver, policy_page, run_cli, write_watchlist

AI_SENTENCE = "We may use your posts to train our artificial intelligence models."
UNIT = REPO / "contrib" / "policy-monitor.service"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``policy-monitor ARGS`` (a leading "policy-monitor" word, as an alert prints it, is the command itself)."""
    return run_cli(*(args[1:] if args[:1] == ("policy-monitor",) else args), cwd=cwd)


@pytest.mark.parametrize("command", [["status"], ["changes"], ["history", "X", "Terms"], ["diff", "X", "Terms"],
                                     ["alerts"]])
def test_a_read_only_command_never_creates_a_data_directory(tmp_path: Path, command: list[str]) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(elsewhere, *command)
    assert result.returncode == 2, result.stdout
    assert "no data directory at snapshots" in result.stderr and result.stderr.count("\n") == 1
    assert list(elsewhere.iterdir()) == []  # no ./snapshots, nothing at all


def test_the_alerts_full_diff_command_works_from_any_folder(tmp_path: Path, server: PageServer,
                                                            hooks: WebhookReceiver) -> None:
    project = tmp_path / "project"
    project.mkdir()
    watchlist = write_watchlist(project, f"""
        [defaults]
        retries = 0
        [notify]
        urls = ["{hooks.json_url()}"]
        [[service]]
        name = "Example"
          [[service.document]]
          type = "Terms of Service"
          url = "{server.url('/tos')}"
          select = ["main"]
        """)
    server.set_page("/tos", policy_page(*LONG_POLICY))
    assert run(project, "--watchlist", str(watchlist), "check").returncode == 0
    server.set_page("/tos", policy_page(*LONG_POLICY[:3], AI_SENTENCE, *LONG_POLICY[3:]))
    assert run(project, "--watchlist", str(watchlist), "check").returncode == 0

    message, = hooks.messages()
    command = re.search(r"^\s*(policy-monitor --data-dir .*)$", message, re.MULTILINE)
    assert command, message
    words = shlex.split(command.group(1))
    assert Path(words[2]) == (project / "snapshots").resolve()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shown = run(elsewhere, *words)  # as the user pastes it, from another folder
    assert shown.returncode == 0, shown.stderr
    assert AI_SENTENCE in shown.stdout.replace("\n", "")
    assert list(elsewhere.iterdir()) == []


def unit_data_dir() -> str:
    """The --data-dir of the systemd unit's ExecStart."""
    exec_start = next(line for line in UNIT.read_text(encoding="utf-8").splitlines() if line.startswith("ExecStart="))
    words = shlex.split(exec_start)
    return words[words.index("--data-dir") + 1]


def test_the_readme_and_the_systemd_unit_agree_on_the_data_directory() -> None:
    unit = UNIT.read_text(encoding="utf-8")
    data_dir = unit_data_dir()
    environment = dict(line.removeprefix("Environment=").split("=", 1) for line in unit.splitlines()
                       if line.startswith("Environment="))
    assert environment["POLICY_MONITOR_DATA"] == data_dir
    assert f"StateDirectory={Path(data_dir).name}" in unit  # systemd creates exactly that folder
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    service_section = readme.split("## Run it as a service", 1)[1].split("\n## ", 1)[0]
    mentioned = set(re.findall(r"--data-dir (/\S+)", service_section))
    assert mentioned == {data_dir}
    assert "ProtectHome=true" in unit and "/opt/policy-monitor" in unit  # a venv under /home is addressed


def test_the_readme_walkthroughs_are_commands_that_exist() -> None:
    """'Start here' and 'An alert came in, now what': every policy-monitor line parses, and the data directory
    they name is the systemd unit's."""
    from monitor.cli import build_parser

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sections = [readme.split(f"## {title}", 1)[1].split("\n## ", 1)[0]
                for title in ("Start here", "An alert came in, now what")]
    lines = [line.split("  #", 1)[0].strip() for section in sections for line in section.splitlines()
             if line.startswith("policy-monitor ")]
    assert len(lines) >= 6
    parser = build_parser()
    for line in lines:
        parser.parse_args(shlex.split(line)[1:])  # exits (status 2) on a command or an option that does not exist
    assert {word for line in lines for word in re.findall(r"--data-dir (\S+)", line)} == {unit_data_dir()}
