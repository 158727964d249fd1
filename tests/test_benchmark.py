"""The benchmark runs: ``python benchmarks/run.py --quick`` exits 0 and prints every row.

It asserts no timing: figures from a quick run on a shared machine mean nothing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "run.py"

# The row names of a quick run (its sizes are 200 and 1,000 records).
ROWS = (
    "import dk_clusters vs import attrs",
    "import leaves heavy modules out",
    "cold start vs countries.get",
    "cold start vs subdivisions.get",
    "later reg.lookup vs countries.get",
    "later Region.parse vs subdivisions.get",
    "from_json 200 vs json.loads",
    "to_json 200 vs json.dumps",
    "from_json 1,000 vs json.loads",
    "to_json 1,000 vs json.dumps",
    "count_by_region 1,000 vs pandas",
    "count_by_label 1,000 vs pandas",
    "region + label 1,000 vs pandas",
    "memory 1,000 vs json.loads dicts",
)


@pytest.mark.skipif(not SCRIPT.exists(), reason="the benchmarks are not in this copy")
def test_quick_benchmark_runs_and_prints_every_row() -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        cwd=ROOT,
        capture_output=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("dk_clusters "), lines[0]
    for row in ROWS:
        assert any(line.startswith(row) for line in lines), f"no row {row!r} in:\n{result.stdout}"
