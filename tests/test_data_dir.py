"""The data directory a user meant: read-only commands never create one, alerts name the one the daemon uses,
and the README and the systemd unit agree on it. Real processes, run from folders of their own."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from monitor.localserver import PageServer
from tests.conftest import LONG_POLICY, REPO, WebhookReceiver, policy_page, write_watchlist

AI_SENTENCE = "We may use your posts to train our artificial intelligence models."
UNIT = REPO / "contrib" / "policy-monitor.service"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``policy-monitor ARGS`` (a leading "policy-monitor" word, as an alert prints it, is the command itself)."""
    arguments = args[1:] if args[:1] == ("policy-monitor",) else args
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    environment.pop("POLICY_MONITOR_DATA", None)
    return subprocess.run([sys.executable, "-m", "monitor", *arguments], cwd=cwd, capture_output=True, text=True,
                          timeout=60, stdin=subprocess.DEVNULL, env=environment)


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


def test_the_readme_and_the_systemd_unit_agree_on_the_data_directory() -> None:
    unit = UNIT.read_text(encoding="utf-8")
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    data_dir = shlex.split(exec_start)[shlex.split(exec_start).index("--data-dir") + 1]
    environment = dict(line.removeprefix("Environment=").split("=", 1) for line in unit.splitlines()
                       if line.startswith("Environment="))
    assert environment["POLICY_MONITOR_DATA"] == data_dir
    assert f"StateDirectory={Path(data_dir).name}" in unit  # systemd creates exactly that folder
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    service_section = readme.split("## Run it as a service", 1)[1].split("\n## ", 1)[0]
    mentioned = set(re.findall(r"--data-dir (/\S+)", service_section))
    assert mentioned == {data_dir}
    assert "ProtectHome=true" in unit and "/opt/policy-monitor" in unit  # a venv under /home is addressed
