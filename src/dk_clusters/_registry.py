"""The registry: an immutable, ordered collection of clusters as of a date, with lookups.

This is where records meet the shipped tables (a registry checks that each
kommunekode names a municipality in the cluster's region and that each business
area exists) and the one place where a missing ``on=`` is resolved: to the
snapshot of the registry a function is given, never to another date.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Self, overload

from ._codec import RegistryDocument, read_document, write_document
from ._dates import DateLike, PartialDate, as_partial_date
from ._files import once, read_bytes
from ._labels import CertificationLabel
from ._layout import html_table
from ._model import Cluster
from ._places import Region
from ._sources import Source
from ._tables import business_areas_by_id, municipality_by_code
from ._text import fold, quote, require_text
from .exceptions import DataError, NotFoundError

#: How much longer than a name a query may be and still be close to it in spelling.
_FUZZY_LENGTH = 2.5
_CLOSE = 0.6


class Registry:
    """An immutable, ordered collection of clusters as of a `snapshot` date.

    Build one from records (checked like the shipped data) or read one with
    `from_json`; `dk_clusters.load()` gives the shipped registry. Functions given
    a registry answer as of its snapshot unless told another date.

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
    _keys: dict[str, tuple[Cluster, ...]] | None
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
        by_id: dict[str, Cluster] = {}
        init("_by_id", by_id)
        problems = [
            f"sources[{i}]: expected a Source, got {type(s).__name__}"
            for i, s in enumerate(self._sources)
            if not isinstance(s, Source)  # type: ignore[redundant-expr]  # callers may be untyped
        ]
        first_index: dict[str, int] = {}
        for i, cluster in enumerate(self._clusters):
            if not isinstance(cluster, Cluster):  # callers may be untyped
                problems.append(  # type: ignore[unreachable]
                    f"clusters[{i}]: expected a Cluster, got {type(cluster).__name__}"
                )
                continue
            found = _against_tables(cluster)
            if cluster.id in by_id:
                found.insert(0, f"id: duplicate of clusters[{first_index[cluster.id]}]")
            else:
                by_id[cluster.id] = cluster
                first_index[cluster.id] = i
            if found:
                problems += (f"clusters[{i}] ({quote(cluster.id)}).{problem}" for problem in found)
        if problems:
            raise DataError(problems)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Registry cannot be changed (tried to set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Registry cannot be changed (tried to delete {name!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self._clusters, self._snapshot, self._sources))

    # --- reading and writing -------------------------------------------------------------

    @classmethod
    def from_json(cls, data: str | bytes | os.PathLike[str]) -> Registry:
        """Read a registry from JSON text, bytes, or a file path (a `pathlib.Path`).

        A `str` is JSON text, never a path. Every problem, down to a bad date deep
        in a record, raises one `DataError` that lists each with its JSON path.
        """
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
        document = read_document(data)
        return cls(document.clusters, snapshot=document.snapshot, sources=document.sources)

    def to_json(self) -> str:
        """The registry as JSON text in the format `from_json` reads, losslessly."""
        document = RegistryDocument(self._snapshot, self._sources, clusters=self._clusters)
        return write_document(document)

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

        An exact id wins. Otherwise case, accents and Danish letters fold
        ("Dansk Materiale Netvaerk" finds "Dansk Materiale Netværk"). Raises
        `NotFoundError` with close matches when no cluster, or more than one,
        answers to `text`.
        """
        exact = self._by_id.get(text) if isinstance(text, str) else None  # type: ignore[redundant-expr]
        if exact is not None:
            return exact
        found = self._names().get(require_text(text, "a cluster name or id"), ())
        if len(found) == 1:
            return found[0]
        if found:
            raise NotFoundError("single cluster", text, [c.id for c in found])
        raise NotFoundError("cluster", text, [c.name for c in self.search(text)[:3]])

    def search(self, query: str) -> list[Cluster]:
        """Clusters whose names match `query`, best match first; ``[]`` when none does.

        A name that equals the query ranks first, then names that start with it,
        then names that contain it, then names close to it in spelling; clusters
        that match alike keep registry order. Raises `ValueError` for a blank query.
        """
        key = require_text(query, "a search query")
        scores: dict[str, float] = {}
        for name_key, clusters in self._names().items():
            score = _score(key, name_key)
            if score:
                for cluster in clusters:
                    if score > scores.get(cluster.id, 0.0):
                        scores[cluster.id] = score
        ranked = [c for c in self._clusters if c.id in scores]
        ranked.sort(key=lambda c: -scores[c.id])
        return ranked

    def _names(self) -> dict[str, tuple[Cluster, ...]]:
        """Folded ids, names and aliases to the clusters that have them, built on first use."""
        if self._keys is None:
            with self._lock:
                if self._keys is None:
                    keys: dict[str, dict[str, Cluster]] = {}
                    for cluster in self._clusters:
                        for name in (cluster.id, cluster.name, cluster.name_en, *cluster.aliases):
                            if name:
                                keys.setdefault(fold(name), {})[cluster.id] = cluster
                    folded = {key: tuple(found.values()) for key, found in keys.items()}
                    super().__setattr__("_keys", folded)
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


def _rebuild(
    clusters: tuple[Cluster, ...], snapshot: PartialDate, sources: tuple[Source, ...]
) -> Registry:
    return Registry(clusters, snapshot=snapshot, sources=sources)


def _score(key: str, name_key: str) -> float:
    """How well the folded query `key` matches the folded name `name_key`; 0 for not at all.

    Spelling is compared only where the lengths allow a close match, so a long
    query costs no more than a short one.
    """
    if name_key == key:
        return 4.0
    if name_key.startswith(key):
        return 3.0
    if key in name_key:
        return 2.0
    if len(key) > _FUZZY_LENGTH * len(name_key):  # too long to reach the cutoff
        return 0.0
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, key, name_key)
    if matcher.real_quick_ratio() < _CLOSE or matcher.quick_ratio() < _CLOSE:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= _CLOSE else 0.0


def _against_tables(cluster: Cluster) -> list[str]:
    """The problems of `cluster` that only the shipped tables show, as ``field: message``."""
    problems = []
    if cluster.municipality is not None:
        found = municipality_by_code(cluster.municipality)
        if found is None:
            problems.append(f"municipality: {cluster.municipality!r} is not a Danish kommunekode")
        elif cluster.region is not None and found.region is not cluster.region:
            problems.append(
                f"municipality: {cluster.municipality} ({found.name}) lies in "
                f"{found.region.name_da}, not in {cluster.region.name_da}"
            )
    if cluster.business_area is not None:
        areas = business_areas_by_id()
        if cluster.business_area not in areas:
            known = ", ".join(sorted(areas))
            problems.append(
                f"business_area: {cluster.business_area!r} is not one of the strategy's: {known}"
            )
    return problems


@once
def load() -> Registry:
    """The shipped registry: read on the first call, then the same object every time."""
    return Registry.from_json(read_bytes("clusters.json"))


def resolve_on(on: DateLike | None, clusters: object, function: str) -> PartialDate:
    """`on` as a partial date; when None, the snapshot of `clusters` if it is a `Registry`.

    `TypeError` when `on` is None and `clusters` is no registry: nothing else
    says which date is meant.
    """
    if on is not None:
        return as_partial_date(on)
    if isinstance(clusters, Registry):
        return clusters.snapshot
    raise TypeError(
        f"{function}() needs on= (a date such as '2017-09') when it is not given a Registry, "
        "whose snapshot it would use"
    )
