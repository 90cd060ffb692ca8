"""The benchmark (bench/run.py) at a tiny N, as a smoke test: it runs, prints its table, and the quiet passes record
nothing new. Not a timed test: the numbers mean something only at N = 500 and 5,000 (README, "Performance")."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO


def test_benchmark_runs_end_to_end_at_n_5(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--n", "5", "--skip-urlwatch", "--skip-detection",
         "--out", str(tmp_path), "--json", str(tmp_path / "results.json")],
        capture_output=True, text=True, timeout=120, cwd=REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "| pass" in result.stdout and "policy-monitor" in result.stdout
    assert "met    passes 2 and 3 add no blob, version or change" in result.stdout
    data = json.loads((tmp_path / "results.json").read_text())
    recorded = {row["phase"]: row["recorded"] for row in data["results"]}
    assert recorded["first"]["versions"] == 5
    for phase in ("304", "200"):
        assert (recorded[phase]["blobs"], recorded[phase]["versions"], recorded[phase]["changes"]) == (0, 0, 0)
    assert recorded["304"]["not_modified"] == 5 and recorded["200"]["unchanged"] == 5
    assert recorded["1%"]["changes"] == 1
    assert data["problems"] == []
