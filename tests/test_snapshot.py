"""The committed aggregates snapshot matches a fresh computation.

When a data change is intended, run ``python scripts/snapshot_aggregates.py`` and
review the diff of tests/snapshots/aggregates.json.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_aggregates_snapshot_is_current() -> None:
    spec = importlib.util.spec_from_file_location(
        "snapshot_aggregates", ROOT / "scripts" / "snapshot_aggregates.py"
    )
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    committed = (ROOT / "tests" / "snapshots" / "aggregates.json").read_text(encoding="utf-8")
    assert script.render() == committed, (
        "run `python scripts/snapshot_aggregates.py` and review the diff"
    )
    press_release = script.build()["as_of"]["2017-09"]
    assert press_release["by_label"]["GOLD"] == 11
    assert press_release["share_of_european_gold_certain"] == "11/86"
