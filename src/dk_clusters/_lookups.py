"""Finding clusters by the names people type: an index of folded names, and ranking."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ._model import Cluster
from ._text import fold, match_score


def name_index(clusters: Iterable[Cluster]) -> dict[str, tuple[Cluster, ...]]:
    """Folded ids, names, aliases and former names to the clusters that have them."""
    keys: dict[str, dict[str, Cluster]] = {}
    for cluster in clusters:
        former = (n.name for n in cluster.names)
        for name in (cluster.id, cluster.name, cluster.name_en, *cluster.aliases, *former):
            if name:
                keys.setdefault(fold(name), {})[cluster.id] = cluster
    return {key: tuple(found.values()) for key, found in keys.items()}


def ranked(
    clusters: Sequence[Cluster], index: Mapping[str, tuple[Cluster, ...]], key: str
) -> list[Cluster]:
    """The clusters whose names match the folded query `key`, best first, ties in order.

    O(n log n) in the number of names; a long query costs no more than a short one.
    """
    scores: dict[str, float] = {}
    for name_key, found in index.items():
        score = match_score(key, name_key)
        if score:
            for cluster in found:
                if score > scores.get(cluster.id, 0.0):
                    scores[cluster.id] = score
    matches = [c for c in clusters if c.id in scores]
    matches.sort(key=lambda c: -scores[c.id])
    return matches
