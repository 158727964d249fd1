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
DATES = ("2010-06", "2013-12", "2015-06", "2017-09", "2018-06", "2019-12", "2021-06", "2024-06")


def _name(key: object) -> str:
    if key is None:
        return "unknown"
    return key.name if isinstance(key, Enum) else str(key)


def _table(counts: dk_clusters.Counts[Any]) -> dict[str, int]:
    return {_name(k): n for k, n in counts.items()}


def _as_it_stood(reg: dk_clusters.Registry) -> dict[str, Any]:
    """The aggregates of `reg` on its own snapshot date."""
    on = reg.snapshot
    share = dk_clusters.share_of_europe(reg, on=on)
    gold = reg.filter(label="gold", on=on)
    return {
        "clusters": len(reg),
        "by_region": _table(dk_clusters.count_by_region(reg)),
        "by_backer": _table(dk_clusters.count_by_backer(reg)),
        "by_label": _table(dk_clusters.count_by_label(reg, on=on)),
        "programme_members": {p.id: len(reg.members(p.id)) for p in reg.programmes()},
        "share_of_european_gold": None if share is None else str(share),
        "share_of_european_gold_certain": str(dk_clusters.share_of_europe(gold, on=on)),
    }


def _line(cluster: dk_clusters.Cluster, on: str) -> str:
    """One cluster on one date, in one line: name | region | municipality | backers | label."""
    backers = ",".join(cluster.backers) or "-"
    place = f"{_name(cluster.region)} | {cluster.municipality or 'unknown'}"
    return f"{cluster.name} | {place} | {backers} | {_name(cluster.highest_label(on))}"


def build() -> dict[str, Any]:
    """The aggregates of the shipped registry on each of `DATES`, as JSON-ready data."""
    reg = dk_clusters.load()
    then = {on: reg.as_of(on) for on in DATES}
    return {
        "snapshot": str(reg.snapshot),
        "clusters": len(reg),
        "as_of": {on: _as_it_stood(past) for on, past in then.items()},
        "per_cluster": {
            c.id: {on: _line(p, on) for on, past in then.items() if (p := past.get(c.id))}
            for c in reg
        },
    }


def render() -> str:
    """The snapshot file's text."""
    return json.dumps(build(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    SNAPSHOT.write_text(render(), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")
