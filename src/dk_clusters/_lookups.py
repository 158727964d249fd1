"""Finding clusters by what people type: indexes of folded names and topics, and ranking."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ._model import Cluster
from ._tables import municipality_by_code
from ._text import fold, match_score

Index = Mapping[str, tuple[Cluster, ...]]
#: The `match_score` of a key that contains the query.
_CONTAINS = 2.0


def name_index(clusters: Iterable[Cluster]) -> dict[str, tuple[Cluster, ...]]:
    """Folded ids, names, aliases and former names to the clusters that have them."""
    keys: dict[str, dict[str, Cluster]] = {}
    for cluster in clusters:
        former = (n.name for n in cluster.names)
        for name in (cluster.id, cluster.name, cluster.name_en, *cluster.aliases, *former):
            if name:
                keys.setdefault(fold(name), {})[cluster.id] = cluster
    return _frozen(keys)


def topic_index(clusters: Iterable[Cluster]) -> dict[str, tuple[Cluster, ...]]:
    """Folded sectors and municipality names (every seat's) to the clusters that have them."""
    keys: dict[str, dict[str, Cluster]] = {}
    for cluster in clusters:
        codes = {cluster.municipality, *(s.municipality for s in cluster.seats)}
        places = (municipality_by_code(code) for code in codes if code)
        topics = [*cluster.sectors]
        for place in places:
            if place is not None:
                topics.extend((place.name, place.official_name, *place.aliases))
        for topic in topics:
            keys.setdefault(fold(topic), {})[cluster.id] = cluster
    return _frozen(keys)


def _frozen(keys: dict[str, dict[str, Cluster]]) -> dict[str, tuple[Cluster, ...]]:
    return {key: tuple(found.values()) for key, found in keys.items()}


def ranked(clusters: Sequence[Cluster], key: str, *indexes: Index) -> list[Cluster]:
    """The clusters that match the folded query `key` in `indexes`, best first, ties in order.

    A match in an earlier index ranks before any match in a later one (names
    before topics); only the first index matches by spelling, the others by
    equality, prefix or containment. O(n log n) in the number of keys; a long query costs no more
    than a short one.
    """
    scores: dict[str, tuple[int, float]] = {}
    for rank, index in enumerate(indexes):
        for index_key, found in index.items():
            score = match_score(key, index_key)
            if score and (rank == 0 or score >= _CONTAINS):
                for cluster in found:
                    best = scores.get(cluster.id)
                    if best is None or (-rank, score) > (-best[0], best[1]):
                        scores[cluster.id] = (rank, score)
    matches = [c for c in clusters if c.id in scores]
    matches.sort(key=lambda c: (scores[c.id][0], -scores[c.id][1]))
    return matches
