"""The ``dk-clusters`` command line (also ``python -m dk_clusters``)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from . import load
from ._aggregate import count_by_region
from ._registry import Registry
from .exceptions import DkClustersError

VAEKSTFORUM = "syddansk-vaekstforum"


def summary(registry: Registry) -> str:
    """A short account of a registry: clusters per region and Syddansk Vækstforum's share."""
    lines = [f"{len(registry)} clusters as of {registry.snapshot}", "", "By region of secretariat:"]
    for region, n in count_by_region(registry).items():
        lines.append(f"  {region.short_name if region else 'unknown':<12} {n:>3}")
    backed = registry.filter(backer=VAEKSTFORUM)
    lines += [
        "",
        f"Backed by Syddansk Vækstforum: {len(backed)} of {len(registry)}",
        *(f"  {c.name}" for c in backed),
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    try:
        print(summary(load()))
    except DkClustersError as e:
        print(f"dk-clusters: error: {e}", file=sys.stderr)
        return 1
    return 0
