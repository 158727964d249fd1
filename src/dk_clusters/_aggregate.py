"""Counts and shares over any collection of clusters (a `Registry` included).

Every function here is pure: it reads its arguments and returns a new immutable
result. A date (``on=``) defaults to the snapshot of a registry, and must be given
for any other collection.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from enum import Enum
from fractions import Fraction
from itertools import repeat
from operator import attrgetter
from typing import Any, Generic, TypeVar

from ._dates import DateLike
from ._labels import LABELS_HIGH_TO_LOW, CertificationLabel, NoLabel
from ._layout import UNKNOWN, html_table
from ._model import Cluster
from ._places import Region
from ._registry import resolve_on

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_region = attrgetter("region")


class _Tally(Mapping[K, V], Generic[K, V]):
    """An immutable mapping that keeps the order it was built in."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[K, V]) -> None:
        self._items = dict(items)

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{_key_repr(k)}: {v}" for k, v in self._items.items())
        return f"{type(self).__name__}({{{inner}}})"

    def _repr_html_(self) -> str:
        return html_table(("group", type(self).__name__.lower()), list(self._items.items()))


def _key_repr(key: object) -> str:
    return f"{type(key).__name__}.{key.name}" if isinstance(key, Enum) else repr(key)


class Counts(_Tally[K, int]):
    """How many clusters fall in each group, in a stable order, unknown (None) last.

    A read-only `collections.Counter`: a group not counted is 0, and `total`,
    `most_common` and `elements` work as they do there. Compares equal to a `dict`
    (or `Counter`) with the same items; `to_dict` gives a JSON-ready form.

    >>> import dk_clusters
    >>> gold = dk_clusters.load().as_of("2017-09").filter(label="gold")
    >>> counts = dk_clusters.count_by_region(gold)
    >>> counts[dk_clusters.Region.SYDDANMARK], counts[None], counts.total()
    (5, 1, 11)
    >>> counts[dk_clusters.Region.SJAELLAND], counts.most_common(1)
    (0, [(<Region.SYDDANMARK: 'DK-83'>, 5)])
    """

    __slots__ = ()

    def __getitem__(self, key: K) -> int:
        return self._items.get(key, 0)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def get(self, key: K, default: Any = None) -> Any:
        """The count of `key` if it was counted, else `default` (as `dict.get`)."""
        return self._items.get(key, default)

    def total(self) -> int:
        """The sum of the counts, as `collections.Counter.total`."""
        return sum(self._items.values())

    def most_common(self, n: int | None = None) -> list[tuple[K, int]]:
        """The `n` largest groups (all if None), largest first, ties in the counts' order."""
        return Counter(self._items).most_common(n)

    def elements(self) -> Iterator[K]:
        """Each group repeated as many times as it is counted, as `collections.Counter.elements`."""
        return Counter(self._items).elements()

    def to_dict(self) -> dict[str, int]:
        """The counts keyed by text, ready for `json.dumps`: unknown (None) is ``"unknown"``.

        An enum group is keyed by its value (a region by its ISO code, a label by
        ``"gold"``), any other by `str`.

        >>> import dk_clusters
        >>> history = dk_clusters.load().as_of("2017-09")
        >>> dk_clusters.count_by_label(history).to_dict()
        {'gold': 11, 'silver': 2, 'unknown': 52}
        """
        return {group_key(k): n for k, n in self._items.items()}

    def shares(self, total: int | None = None) -> Shares[K]:
        """The counts as exact fractions of `total` (default: their sum); see `shares`."""
        return shares(self, total)


def group_key(group: object) -> str:
    """A group as text: an enum member's value, ``"unknown"`` for None, else `str`."""
    if group is None:
        return UNKNOWN
    if isinstance(group, Enum):
        return str(group.value)
    return str(group)


class Shares(_Tally[K, Fraction]):
    """Each group's exact share (`fractions.Fraction`), in the order of its counts."""

    __slots__ = ()


def _order(keys: Iterable[Any], first: Iterable[Any] = ()) -> list[Any]:
    """Keys in a stable order: `first` as given, then enum members in definition order.

    The rest come sorted (by `repr` where they do not compare), unknown (None) last.
    """
    present = set(keys)
    head = [k for k in first if k in present]
    rest = [k for k in present - set(head) if k is not None]
    enums = sorted(
        (k for k in rest if isinstance(k, Enum)),
        key=lambda k: (type(k).__qualname__, list(type(k).__members__.values()).index(k)),
    )
    others = [k for k in rest if not isinstance(k, Enum)]
    try:
        others.sort()
    except TypeError:
        others.sort(key=repr)
    return [*head, *enums, *others, *([None] if None in present else [])]


def count_by(
    clusters: Iterable[Cluster],
    key: Callable[[Cluster], K | Iterable[K | None] | None],
    *,
    order: Iterable[K] = (),
) -> Counts[K | None]:
    """Count clusters by `key`.

    Groups come in `order` first, then enum members in definition order, then the
    rest sorted, unknown (None) last.

    Args:
        clusters: The clusters to count, a `Registry` or any collection.
        key: A cluster's group. A list, tuple, set or frozenset puts the cluster in
            each of those groups (a cluster with two backers counts for both); any
            other value, None (unknown) included, is one group.
        order: The groups that come first, in this order.

    >>> import dk_clusters
    >>> gold = dk_clusters.load().as_of("2017-09").filter(label="gold")
    >>> count_by(gold, lambda c: c.municipality == "0461")
    Counts({False: 9, True: 2})
    """
    return _tally(map(key, clusters), order)


def _tally(groups: Iterable[Any], order: Iterable[Any]) -> Counts[Any]:
    """Count the groups, a tuple, list, set or frozenset standing for each of its items."""
    values = list(groups)
    try:
        distinct = Counter(values)
    except TypeError:  # lists or sets among the values
        distinct = Counter(_hashable(value) for value in values)
    counts: dict[Any, int] = {}
    for value, n in distinct.items():
        if isinstance(value, tuple | frozenset):
            for group in value:
                counts[group] = counts.get(group, 0) + n
        else:
            counts[value] = counts.get(value, 0) + n
    return Counts({k: counts[k] for k in _order(counts, order)})


def _hashable(value: object) -> object:
    """A list as a tuple and a set as a frozenset: the same groups, hashable."""
    if isinstance(value, list):
        return tuple(value)
    return frozenset(value) if isinstance(value, set) else value


def count_by_region(clusters: Iterable[Cluster]) -> Counts[Region | None]:
    """Clusters per region of their secretariat: regions in enum order, unknown (None) last.

    Regions without a cluster are left out.

    Args:
        clusters: The clusters to count, a `Registry` or any collection.
    """
    return count_by(clusters, _region, order=Region)


def count_by_backer(clusters: Iterable[Cluster]) -> Counts[str | None]:
    """Clusters per backing growth forum id, a cluster counting once for each backer.

    Clusters with no known backer are the None group.

    Args:
        clusters: The clusters to count, a `Registry` or any collection.
    """
    return count_by(clusters, lambda c: c.backers or None)


def count_by_label(
    clusters: Iterable[Cluster], on: DateLike | None = None
) -> Counts[CertificationLabel | NoLabel | None]:
    """Clusters by the highest label each certainly holds on `on` (see `Cluster.highest_label`).

    Labels high to low, then `NO_LABEL` (certainly none), then None (the data
    cannot tell).

    Args:
        clusters: The clusters to count, a `Registry` or any collection.
        on: The date; by default the snapshot of `clusters` if it is a `Registry`.
            For any other collection it must be given.
    """
    lo, hi = resolve_on(on, clusters, "count_by_label").days()
    order: tuple[CertificationLabel | NoLabel, ...] = (*LABELS_HIGH_TO_LOW, NoLabel.NO_LABEL)
    return _tally(map(Cluster._highest_between, clusters, repeat(lo), repeat(hi)), order)


def shares(counts: Mapping[K, int], total: int | None = None) -> Shares[K]:
    """Each count as an exact fraction of `total`, in the order of `counts`.

    Empty counts give empty shares.

    Args:
        counts: A count per group, such as `Counts`.
        total: The denominator, positive; by default the sum of the counts. Pass the
            number of clusters when a cluster counts in several groups.

    >>> shares({"a": 1, "b": 3})
    Shares({'a': 1/4, 'b': 3/4})
    """
    if total is None:
        total = sum(counts.values())
    if counts and total <= 0:
        raise ValueError(f"total must be positive, got {total}")
    return Shares({k: Fraction(n, total) for k, n in counts.items()})
