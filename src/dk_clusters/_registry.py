"""The registry: an immutable, ordered collection of clusters with lookups."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Self, overload

from ._model import (
    CertificationLabel,
    Cluster,
    DateLike,
    PartialDate,
    Region,
    Source,
    as_partial_date,
)
from ._text import fold, require_text
from .exceptions import DataError, NotFoundError


class Registry:
    """An immutable, ordered collection of clusters as of a `snapshot` date.

    Build one from records (validated like the shipped data) or read one with
    `from_json`; `dk_clusters.load()` gives the shipped registry.

    >>> import dk_clusters
    >>> reg = dk_clusters.load()
    >>> len(reg), str(reg.snapshot)
    (11, '2017-09')
    >>> reg.lookup("odense robotics").id
    'odense-robotics'
    """

    __slots__ = ("__weakref__", "_by_id", "_clusters", "_keys", "_lock", "_snapshot", "_sources")
    _by_id: dict[str, Cluster]
    _clusters: tuple[Cluster, ...]
    _keys: dict[str, Cluster] | None
    _lock: threading.Lock
    _snapshot: PartialDate
    _sources: tuple[Source, ...]

    def __init__(
        self,
        clusters: Iterable[Cluster],
        *,
        snapshot: DateLike,
        sources: Iterable[Source] = (),
    ) -> None:
        init = super().__setattr__
        init("_clusters", tuple(clusters))
        init("_snapshot", as_partial_date(snapshot))
        init("_sources", tuple(sources))
        init("_keys", None)
        init("_lock", threading.Lock())
        problems = [
            f"sources[{i}]: expected a Source, got {type(s).__name__}"
            for i, s in enumerate(self._sources)
            if not isinstance(s, Source)  # type: ignore[redundant-expr]  # callers may be untyped
        ]
        by_id: dict[str, Cluster] = {}
        init("_by_id", by_id)
        first_index: dict[str, int] = {}
        for i, cluster in enumerate(self._clusters):
            if not isinstance(cluster, Cluster):  # callers may be untyped
                problems.append(  # type: ignore[unreachable]
                    f"clusters[{i}]: expected a Cluster, got {type(cluster).__name__}"
                )
            elif cluster.id in by_id:
                first = first_index[cluster.id]
                problems.append(
                    f'clusters[{i}] ("{cluster.id}").id: duplicate of clusters[{first}]'
                )
            else:
                by_id[cluster.id] = cluster
                first_index[cluster.id] = i
        if problems:
            raise DataError(problems)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Registry cannot be changed (tried to set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Registry cannot be changed (tried to delete {name!r})")

    # --- reading and writing -------------------------------------------------------------

    @classmethod
    def from_json(cls, data: str | bytes | os.PathLike[str]) -> Registry:
        """Read a registry from JSON text, bytes, or a file path (a `pathlib.Path`).

        A `str` is JSON text, never a path. Every problem, down to a bad date deep
        in a record, raises one `DataError` that lists each with its JSON path.
        """
        from ._converter import registry_from_json

        if isinstance(data, os.PathLike):
            try:
                with open(data, "rb") as f:
                    data = f.read()
            except OSError as e:
                raise DataError(
                    f"{os.fsdecode(data)}: cannot read the file ({e.strerror})"
                ) from None
        elif not isinstance(data, str | bytes | bytearray):
            raise DataError(f"$: expected JSON text, bytes or a path, got {type(data).__name__}")
        return registry_from_json(data)

    def to_json(self) -> str:
        """The registry as JSON text in the format `from_json` reads, losslessly."""
        from ._converter import registry_to_json

        return registry_to_json(self)

    # --- the collection ------------------------------------------------------------------

    @property
    def snapshot(self) -> PartialDate:
        """The date the registry describes; ``on=`` defaults to it for this registry."""
        return self._snapshot

    @property
    def sources(self) -> tuple[Source, ...]:
        """Sources for the registry as a whole."""
        return self._sources

    @property
    def clusters(self) -> tuple[Cluster, ...]:
        """The clusters, in registry order."""
        return self._clusters

    def __len__(self) -> int:
        return len(self._clusters)

    def __iter__(self) -> Iterator[Cluster]:
        return iter(self._clusters)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Cluster):
            return self._by_id.get(item.id) == item
        return isinstance(item, str) and item in self._by_id

    @overload
    def __getitem__(self, index: int) -> Cluster: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Cluster, ...]: ...
    def __getitem__(self, index: int | slice) -> Cluster | tuple[Cluster, ...]:
        return self._clusters[index]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Registry):
            return NotImplemented
        return (self._clusters, self._snapshot, self._sources) == (
            other._clusters,
            other._snapshot,
            other._sources,
        )

    def __hash__(self) -> int:
        return hash((self._clusters, self._snapshot, self._sources))

    def __repr__(self) -> str:
        noun = "cluster" if len(self) == 1 else "clusters"
        return f"<Registry of {len(self)} {noun} as of {self._snapshot}>"

    def _repr_html_(self) -> str:
        from ._render import html_table

        rows = [
            (
                c.id,
                c.name,
                c.region,
                c.municipality or "",
                c.highest_label(self._snapshot),
                c.backers,
            )
            for c in self._clusters
        ]
        headers = ("id", "name", "region", "municipality", f"label {self._snapshot}", "backers")
        return html_table(headers, rows, caption=repr(self))

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        return self

    # --- lookups ---------------------------------------------------------------------------

    def get(self, id: str) -> Cluster | None:
        """The cluster whose id is exactly `id`, or None."""
        return self._by_id.get(id)

    def lookup(self, text: str) -> Cluster:
        """Find one cluster by id, name, English name or alias.

        Case, accents and Danish letters fold ("Dansk Materiale Netvaerk" finds
        "Dansk Materiale Netværk"). Raises `NotFoundError` with close matches.
        """
        query = require_text(text, "a cluster name or id")
        keys = self._names()
        found = keys.get(query)
        if found is None:
            raise NotFoundError("cluster", text, [c.name for c in self.search(text)[:3]])
        return found

    def search(self, query: str) -> list[Cluster]:
        """Clusters whose names match `query`, best match first; ``[]`` when none does.

        A name that equals the query ranks first, then names that start with it,
        then names that contain it, then names close to it in spelling.
        Raises `ValueError` for a blank query.
        """
        from difflib import SequenceMatcher

        key = require_text(query, "a search query")
        scores: dict[str, float] = {}
        for name_key, cluster in self._names().items():
            if name_key == key:
                score = 4.0
            elif name_key.startswith(key):
                score = 3.0
            elif key in name_key:
                score = 2.0
            else:
                ratio = SequenceMatcher(None, key, name_key).ratio()
                score = ratio if ratio >= 0.6 else 0.0
            if score > scores.get(cluster.id, 0.0):
                scores[cluster.id] = score
        return sorted((c for c in self._clusters if c.id in scores), key=lambda c: -scores[c.id])

    def _names(self) -> dict[str, Cluster]:
        """Folded id, names and aliases to clusters, built on first use."""
        if self._keys is None:
            with self._lock:
                if self._keys is None:
                    keys: dict[str, Cluster] = {}
                    for cluster in self._clusters:
                        for name in (cluster.id, cluster.name, cluster.name_en, *cluster.aliases):
                            if name:
                                keys.setdefault(fold(name), cluster)
                    super().__setattr__("_keys", keys)
        assert self._keys is not None
        return self._keys

    def filter(
        self,
        *,
        region: Region | str | int | None = None,
        label: CertificationLabel | str | None = None,
        backer: str | None = None,
        on: DateLike | None = None,
        predicate: Callable[[Cluster], bool] | None = None,
    ) -> Registry:
        """The clusters that meet every condition given, as a registry of the same snapshot.

        `region` is where the secretariat sits; `label` keeps clusters that
        certainly hold that label on `on` (default: the snapshot); `backer` keeps
        clusters backed by that growth forum; `predicate` is any test of your own.
        """
        tests: list[Callable[[Cluster], bool]] = []
        if region is not None:
            wanted_region = Region.parse(region)
            tests.append(lambda c: c.region is wanted_region)
        if label is not None:
            wanted_label = CertificationLabel.parse(label)
            when = self._snapshot if on is None else as_partial_date(on)
            tests.append(lambda c: c.holds_label(wanted_label, when) is True)
        elif on is not None:
            raise ValueError("on= only applies together with label=")
        if backer is not None:
            tests.append(lambda c: backer in c.backers)
        if predicate is not None:
            tests.append(predicate)
        kept = (c for c in self._clusters if all(test(c) for test in tests))
        return Registry(kept, snapshot=self._snapshot, sources=self._sources)
