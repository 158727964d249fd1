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
from typing import Any, Literal, Self, overload

from . import _timeline
from ._checks import check
from ._codec import RegistryDocument, read_document, write_document
from ._dates import DateLike, PartialDate, as_partial_date
from ._files import once, read_bytes
from ._filters import ANY, Test, Unfiltered, backer_test, label_test, region_test, unknown
from ._history import BACKING, Event, Programme
from ._labels import CertificationLabel, NoLabel
from ._layout import MAX_ROWS, html_table
from ._lookups import Lookups
from ._model import Cluster
from ._places import Region
from ._sources import Source
from ._text import fold, suggest
from ._timeline import History, Link
from .exceptions import DataError, NotFoundError


class Registry(Lookups):
    """An immutable, ordered collection of clusters as of a `snapshot` date.

    Build one from records (checked like the shipped data) or read one with
    `from_json`; `dk_clusters.load()` gives the shipped registry. Functions given
    a registry answer as of its snapshot unless told another date.

    >>> import dk_clusters
    >>> reg = dk_clusters.load()
    >>> len(reg), str(reg.snapshot)
    (80, '2026-12')
    >>> reg.lookup("odense robotics").id
    'odense-robotics'
    """

    __slots__ = (
        "__weakref__",
        "_by_id",
        "_clusters",
        "_events",
        "_keys",
        "_lock",
        "_programmes",
        "_snapshot",
        "_sources",
        "_topics",
    )
    _by_id: dict[str, Cluster]
    _clusters: tuple[Cluster, ...]
    _events: tuple[Event, ...]
    _programmes: dict[str, Programme]
    _keys: dict[str, tuple[Cluster, ...]] | None
    _topics: dict[str, tuple[Cluster, ...]] | None
    _lock: threading.Lock
    _snapshot: PartialDate
    _sources: tuple[Source, ...]

    def __init__(
        self,
        clusters: Iterable[Cluster],
        *,
        snapshot: DateLike,
        sources: Iterable[Source] = (),
        programmes: Iterable[Programme] = (),
        events: Iterable[Event] = (),
    ) -> None:
        init = super().__setattr__
        init("_clusters", tuple(clusters))
        init("_snapshot", as_partial_date(snapshot))
        init("_sources", tuple(sources))
        init("_events", tuple(events))
        programme_list = tuple(programmes)
        init("_keys", None)
        init("_topics", None)
        init("_lock", threading.Lock())
        by_id, by_programme, problems = check(
            self._clusters, self._sources, programme_list, self._events
        )
        init("_by_id", by_id)
        init("_programmes", by_programme)
        if problems:
            raise DataError(problems)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Registry cannot be changed (tried to set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Registry cannot be changed (tried to delete {name!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild,
            (self._clusters, self._snapshot, self._sources, self.programmes(), self._events),
        )

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
        return cls(
            document.clusters,
            snapshot=document.snapshot,
            sources=document.sources,
            programmes=document.programmes,
            events=document.events,
        )

    def to_json(self) -> str:
        """The registry as JSON text in the format `from_json` reads, losslessly."""
        document = RegistryDocument(
            self._snapshot,
            self._sources,
            self.programmes(),
            clusters=self._clusters,
            events=self._events,
        )
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

    def _parts(self) -> tuple[object, ...]:
        return (self._clusters, self._snapshot, self._sources, self.programmes(), self._events)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Registry):
            return NotImplemented
        return self._parts() == other._parts()

    def __hash__(self) -> int:
        return hash(self._parts())

    def __repr__(self) -> str:
        noun = "cluster" if len(self) == 1 else "clusters"
        return f"<Registry of {len(self)} {noun} as of {self._snapshot}>"

    def _repr_html_(self) -> str:
        """A table of the clusters; past `MAX_ROWS`, the first and last five, as pandas shows."""
        from ._tables import municipality_by_code  # a registry's every code is in the table

        rows = []
        for c in self._clusters:
            place = c.municipality and f"{municipality_by_code(c.municipality)} ({c.municipality})"
            rows.append((c.id, c.name, c.region, place, c.highest_label(self._snapshot), c.backers))
        headers = ("id", "name", "region", "municipality", f"label {self._snapshot}", "backers")
        return html_table(headers, rows, caption=repr(self), max_rows=MAX_ROWS, noun="clusters")

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        return self

    def filter(
        self,
        *,
        region: Region | str | int | Unfiltered | None = ANY,
        label: CertificationLabel | NoLabel | str | Unfiltered | None = ANY,
        backer: str | Unfiltered | None = ANY,
        on: DateLike | None = None,
        predicate: Callable[[Cluster], bool] | None = None,
    ) -> Registry:
        """The clusters that meet every condition given, as a registry of the same snapshot.

        None or ``"unknown"`` asks for the unknown group, as the counts name it, so every
        key of `Counts.to_dict` works; a value that matches nothing raises `NotFoundError`.

        Args:
            region: Where the secretariat sits.
            label: Certainly held on `on` (`NO_LABEL` or ``"none"``: certainly no label).
            backer: A growth forum's id or name.
            on: The date of `label`; by default the snapshot.
            predicate: Any test of your own.

        >>> import dk_clusters
        >>> september = dk_clusters.load().as_of("2017-09")
        >>> len(september.filter(backer="Syddansk Vækstforum", label="guld"))
        5
        >>> len(september.filter(region=None)) == dk_clusters.count_by_region(september)[None]
        True
        """
        region, label, backer = unknown(region), unknown(label), unknown(backer)
        tests: list[Test] = []
        if not isinstance(region, Unfiltered):
            tests.append(region_test(region))
        if not isinstance(label, Unfiltered):
            tests.append(label_test(label, self._snapshot if on is None else as_partial_date(on)))
        elif on is not None:
            raise ValueError("on= only applies together with label=")
        if not isinstance(backer, Unfiltered):
            tests.append(backer_test(backer, self._clusters, self._programmes))
        if predicate is not None:
            tests.append(predicate)
        kept = (c for c in self._clusters if all(test(c) for test in tests))
        return self._with(kept, self._snapshot)

    # --- time ------------------------------------------------------------------------------

    def programmes(self) -> tuple[Programme, ...]:
        """The programmes the registry's memberships refer to, in registry order."""
        return tuple(self._programmes.values())

    def programme(self, id: str) -> Programme:
        """The programme with id or name `id`; `NotFoundError` with close ids otherwise."""
        found = self._programmes.get(id)
        if found is None:
            key = fold(id) if isinstance(id, str) else ""  # type: ignore[redundant-expr]
            named = [
                p for p in self._programmes.values() if key in (fold(p.name), fold(p.name_en or ""))
            ]
            if len(named) == 1:
                return named[0]
            raise NotFoundError(
                "programme", id, suggest(key, {fold(p): p for p in self._programmes})
            )
        return found

    @property
    def events(self) -> tuple[Event, ...]:
        """The lineage events among the registry's clusters."""
        return self._events

    def as_of(self, on: DateLike) -> Registry:
        """The registry as it stood on `on`, with ``snapshot == on``.

        It holds every organisation not known to have been founded after `on` or
        to have ended before it, each with its name, seat and backers of that date
        (see `Cluster.name_on`, `Cluster.seat_on`); labels answer for any date as
        they always do.

        Args:
            on: The date: a `datetime.date`, a `PartialDate` or its text (``"2017-09"``).

        >>> import dk_clusters
        >>> dk_clusters.load().as_of("2017-09")
        <Registry of 65 clusters as of 2017-09>
        """
        when = as_partial_date(on)
        backing = frozenset(p.id for p in self._programmes.values() if p.kind in BACKING)
        kept = (
            _timeline.as_it_stood(c, when, backing)
            for c in _timeline.existing(self._clusters, when)
        )
        return self._with(kept, when)

    def history(self, cluster: Cluster | str) -> History:
        """Every dated fact of `cluster` (a cluster or its id) in date order.

        Its founding and end, the events it took part in, its names, seats,
        programme memberships and labels; and its lineage, what it came from and
        what it led to.
        """
        found = self._member(cluster)
        names = {c.id: c.name for c in self._clusters}
        return _timeline.history(found, self._events, self._programmes, names)

    def predecessors(self, cluster: Cluster | str) -> tuple[Cluster, ...]:
        """The organisations `cluster` came from, transitively, nearest first."""
        return tuple(self._by_id[link.before] for link in self.lineage(cluster, "back"))

    def successors(self, cluster: Cluster | str) -> tuple[Cluster, ...]:
        """The organisations `cluster` led to, transitively, nearest first."""
        return tuple(self._by_id[link.after] for link in self.lineage(cluster, "forward"))

    def lineage(
        self, cluster: Cluster | str, direction: Literal["back", "forward"] = "back"
    ) -> tuple[Link, ...]:
        """The steps from `cluster` back to its predecessors, or forward to its successors.

        Each step names the event that links the two organisations; nearest first.
        """
        if direction not in ("back", "forward"):
            raise ValueError(f"direction must be 'back' or 'forward', not {direction!r}")
        return tuple(_timeline.lineage(self._member(cluster).id, self._events, direction))

    def members(self, programme: str, on: DateLike | None = None) -> Registry:
        """The clusters that certainly belonged to `programme` on `on` (default: the snapshot).

        A membership the data cannot settle on that date leaves its cluster out.

        Args:
            programme: The programme's id (`Programme.id`) or its name.
            on: The date; by default the snapshot.
        """
        wanted = self.programme(programme).id
        when = self._snapshot if on is None else as_partial_date(on)
        kept = (c for c in self._clusters if c.member_of(wanted, when) is True)
        return self._with(kept, self._snapshot)

    def _member(self, cluster: Cluster | str) -> Cluster:
        """`cluster`, or the cluster whose id it is; `NotFoundError` if the registry lacks it."""
        ident = cluster.id if isinstance(cluster, Cluster) else cluster
        found = self._by_id.get(ident) if isinstance(ident, str) else None  # type: ignore[redundant-expr]
        if found is None:
            raise NotFoundError(
                "cluster in the registry", cluster if isinstance(cluster, str) else ident
            )
        return found

    def _with(self, clusters: Iterable[Cluster], snapshot: PartialDate) -> Registry:
        """A registry of `clusters` as of `snapshot`, with this one's sources and programmes.

        It keeps the events among the clusters kept.
        """
        kept = tuple(clusters)
        ids = {c.id for c in kept}
        events = [e for e in self._events if set(e.before) <= ids and set(e.after) <= ids]
        return _rebuild(kept, snapshot, self._sources, self.programmes(), tuple(events))


def _rebuild(
    clusters: tuple[Cluster, ...],
    snapshot: PartialDate,
    sources: tuple[Source, ...],
    programmes: tuple[Programme, ...] = (),
    events: tuple[Event, ...] = (),
) -> Registry:
    return Registry(
        clusters, snapshot=snapshot, sources=sources, programmes=programmes, events=events
    )


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
