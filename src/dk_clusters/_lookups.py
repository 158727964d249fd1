"""Finding clusters by what people type: indexes of folded names and topics, and ranking."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from typing import Literal

from ._model import Cluster
from ._tables import municipality_by_code
from ._text import fold, match_score, require_text
from .exceptions import NotFoundError

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


class Lookups:
    """Finding clusters in a collection by id, by name and by what people type.

    A mixin of `Registry`, which holds the attributes declared here.
    """

    __slots__ = ()
    _by_id: dict[str, Cluster]
    _clusters: tuple[Cluster, ...]
    _keys: dict[str, tuple[Cluster, ...]] | None
    _topics: dict[str, tuple[Cluster, ...]] | None
    _lock: threading.Lock

    def get(self, id: str) -> Cluster | None:
        """The cluster whose id is exactly `id`, or None."""
        return self._by_id.get(id)

    def lookup(self, text: str) -> Cluster:
        """Find one cluster by id, name, English name, alias or former name.

        An exact id wins. Otherwise case, accents and Danish letters fold
        ("Dansk Materiale Netvaerk" finds "Dansk Materiale Netværk"). Raises
        `NotFoundError` with close matches when no cluster, or more than one,
        answers to `text`.
        """
        exact = self._by_id.get(text) if isinstance(text, str) else None  # type: ignore[redundant-expr]
        if exact is not None:
            return exact
        found = self._index("_keys").get(require_text(text, "a cluster name or id"), ())
        if len(found) == 1:
            return found[0]
        if found:
            raise NotFoundError("single cluster", text, [c.id for c in found])
        raise NotFoundError("cluster", text, [c.name for c in self.search(text)[:3]])

    def search(self, query: str) -> list[Cluster]:
        """Clusters whose names, sectors or municipality match `query`, best first; ``[]`` if none.

        Names rank before sectors and municipalities (those of every seat, by name,
        official name or short form). Within each, a value that equals the query
        ranks first, then values that start with it, then values that contain it,
        then values close to it in spelling; clusters that match alike keep
        registry order. Raises `ValueError` for a blank query.

        >>> import dk_clusters
        >>> [c.id for c in dk_clusters.load().as_of("2017-09").search("robotics")][:2]
        ['odense-robotics', 'robocluster']
        """
        key = require_text(query, "a search query")
        return ranked(self._clusters, key, self._index("_keys"), self._index("_topics"))

    def _index(self, slot: Literal["_keys", "_topics"]) -> dict[str, tuple[Cluster, ...]]:
        """Folded names (`_keys`), or sectors and places (`_topics`), to clusters; built once."""
        index: dict[str, tuple[Cluster, ...]] | None = getattr(self, slot)
        if index is None:
            with self._lock:
                index = getattr(self, slot)
                if index is None:
                    index = (name_index if slot == "_keys" else topic_index)(self._clusters)
                    object.__setattr__(self, slot, index)  # the one change, made once
        return index
