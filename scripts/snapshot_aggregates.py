"""Write the shipped registry's aggregates to tests/snapshots/aggregates.json.

A test compares the committed file with a fresh computation, so that any change to
the data or to the counting shows up as a reviewable diff. After an intended
change, run ``python scripts/snapshot_aggregates.py`` and commit the new file.
"""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Any

import dk_clusters

SNAPSHOT = Path(__file__).resolve().parent.parent / "tests" / "snapshots" / "aggregates.json"
DATES = ("2013-12", "2015-06", "2016-06", "2017-09", "2018-06", "2019-12", "2021-06")


def _name(key: object) -> str:
    if key is None:
        return "unknown"
    return key.name if isinstance(key, Enum) else str(key)


def _table(counts: dk_clusters.Counts[Any]) -> dict[str, int]:
    return {_name(k): n for k, n in counts.items()}


def build() -> dict[str, Any]:
    """The aggregates of the shipped registry, as JSON-ready data."""
    reg = dk_clusters.load()
    shares_of_europe = {on: dk_clusters.share_of_europe(reg, on=on) for on in DATES}
    return {
        "snapshot": str(reg.snapshot),
        "clusters": len(reg),
        "by_region": _table(dk_clusters.count_by_region(reg)),
        "by_backer": _table(dk_clusters.count_by_backer(reg)),
        "by_label": {on: _table(dk_clusters.count_by_label(reg, on=on)) for on in DATES},
        "share_of_european_gold": {
            on: None if share is None else str(share) for on, share in shares_of_europe.items()
        },
        "per_cluster": {
            c.id: {
                "region": _name(c.region),
                "municipality": c.municipality,
                "backers": list(c.backers),
                "label": {on: _name(c.highest_label(on)) for on in DATES},
            }
            for c in reg
        },
    }


def render() -> str:
    """The snapshot file's text."""
    return json.dumps(build(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    SNAPSHOT.write_text(render(), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
