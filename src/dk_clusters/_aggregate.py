"""Counts and shares over any collection of clusters (a `Registry` included)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from ._model import Cluster, Region

K = TypeVar("K", bound=Hashable)


def count_by(
    clusters: Iterable[Cluster], key: Callable[[Cluster], K | Iterable[K | None] | None]
) -> dict[K | None, int]:
    """Count clusters by `key`; a key that returns several values counts the cluster for each.

    A key returning a list, tuple, set or frozenset means "several"; any other
    value (including None, the unknown group) is one group. Groups come back in
    the order they are first seen; the `count_by_*` functions sort theirs.
    """
    counts: Counter[K | None] = Counter()
    for cluster in clusters:
        value = key(cluster)
        if isinstance(value, list | tuple | set | frozenset):
            counts.update(value)
        else:
            counts[value] += 1  # type: ignore[index]
    return dict(counts)


def _ordered(counts: dict[K | None, int], order: Iterable[K]) -> dict[K | None, int]:
    """`counts` with its keys in `order`, the rest after them, unknown (None) last."""
    known = [k for k in order if k in counts]
    rest = sorted((k for k in counts if k is not None and k not in known), key=str)
    tail: list[K | None] = [None] if None in counts else []
    return {k: counts[k] for k in [*known, *rest, *tail]}


def count_by_region(clusters: Iterable[Cluster]) -> dict[Region | None, int]:
    """Clusters per region of their secretariat, regions in enum order, unknown (None) last.

    Regions with no cluster are left out.
    """
    return _ordered(count_by(clusters, lambda c: c.region), Region)


def count_by_backer(clusters: Iterable[Cluster]) -> dict[str | None, int]:
    """Clusters per backing growth forum (a cluster counts for each backer), by id."""
    return _ordered(count_by(clusters, lambda c: c.backers), ())
