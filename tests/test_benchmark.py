"""The benchmark runs: ``python benchmarks/run.py --quick`` exits 0 and prints every row.

It asserts no timing: figures from a quick run on a shared machine mean nothing. It
checks only that every row prints, with a verdict where it has a target, that the
tables fit in 100 columns, and that the untimed checks hold.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "run.py"

# The rows of the main table in a quick run (its sizes are 200 and 1,000 records),
# each with whether it has a target, and so a verdict.
ROWS = (
    ("import dk_clusters vs import attrs", True),
    ("import leaves heavy modules out", False),
    ("cold start vs countries.get", True),
    ("cold start vs floor", True),
    ("cold start vs subdivisions.get", False),
    ("later reg.lookup vs countries.get", True),
    ("later Region.parse vs subdivisions.get", False),
    ("from_json 200 vs json.loads", True),
    ("to_json 200 vs json.dumps", True),
    ("from_json 1,000 vs json.loads", True),
    ("to_json 1,000 vs json.dumps", True),
    ("count_by_region 1,000 vs pandas", False),
    ("count_by_label 1,000 vs pandas", False),
    ("region + label 1,000 vs pandas", True),
    ("memory 1,000 vs json.loads dicts", True),
)
# The rows of the growth table (its sizes are 100 and 1,000 in a quick run); each has
# a target.
GROWTH_ROWS = (
    "windows of 1 cluster, µs/cert",
    "check_registry, µs/cluster",
    'search "Odense Robot", µs/cluster',
    "search, long query, µs/cluster",
)
# What a row that needs a missing baseline package says instead of figures.
SKIPPED = "skipped (pip install"


@pytest.fixture(scope="module")
def output() -> list[str]:
    if not SCRIPT.exists():
        pytest.skip("the benchmarks are not in this copy")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        cwd=ROOT,
        capture_output=True,
        encoding="utf-8",
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def _row(lines: list[str], name: str) -> str:
    found = [line for line in lines if line.startswith(name)]
    assert len(found) == 1, f"no single row {name!r} in:\n" + "\n".join(lines)
    return found[0]


def test_quick_benchmark_prints_every_row_with_its_verdict(output: list[str]) -> None:
    assert output[0].startswith("dk_clusters "), output[0]
    for name, has_target in ROWS:
        line = _row(output, name)
        if SKIPPED not in line and has_target:
            assert line.endswith((" ok", " over")), line
    for name in GROWTH_ROWS:
        line = _row(output, name)
        assert line.endswith((" ok", " over")), line
        assert "≤2.0×" in line, line


def test_growth_table_has_a_column_per_quick_size(output: list[str]) -> None:
    header = _row(output, "growth: time per item at n")
    assert header.split()[-4:] == ["100", "1,000", "ratio", "target"], header


def test_quick_benchmark_fits_in_100_columns(output: list[str]) -> None:
    assert all(len(line) < 100 for line in output), max(output, key=len)


def test_quick_benchmark_checks_hold(output: list[str]) -> None:
    checks = _row(output, "checks: ")
    assert "to_json gives the text back: yes" in checks, checks
    assert "pandas counts the same: NO" not in checks, checks
    assert "a report per cluster: yes" in checks, checks
