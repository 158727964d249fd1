"""Counts over a range of dates: one table, a row per date, the unknown group kept apart."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Literal, TypeAlias

import attrs

from ._aggregate import Counts, count_by, count_by_label, count_by_region
from ._dates import DateLike, PartialDate, as_partial_date
from ._layout import display, html_table, text_table
from ._model import Cluster
from ._registry import Registry

#: What `counts_over_time` can count by.
By: TypeAlias = Literal["label", "region", "programme"]


@attrs.frozen
class CountsOverTime(Sequence[tuple[PartialDate, Counts[Any]]]):
    """How many organisations fell in each group on each date.

    Iterates as ``(date, counts)`` pairs in date order; `groups` are the columns,
    the unknown group (None) last. ``dk_clusters.to_dataframe`` turns it into a
    frame with a row per date.
    """

    by: By
    dates: tuple[PartialDate, ...]
    counts: tuple[Counts[Any], ...]

    @property
    def groups(self) -> tuple[Any, ...]:
        """Every group that has a count on some date, in the counts' order, unknown last."""
        seen: dict[Any, None] = {}
        for counts in self.counts:
            seen.update(dict.fromkeys(k for k in counts if k is not None))
        unknown = any(None in counts for counts in self.counts)
        return (*seen, *([None] if unknown else []))

    def on(self, date: DateLike) -> Counts[Any]:
        """The counts on `date`; `KeyError` if it is not one of the table's dates."""
        return self.counts[self.dates.index(as_partial_date(date))]

    def __len__(self) -> int:
        return len(self.dates)

    def __getitem__(self, index: int) -> tuple[PartialDate, Counts[Any]]:  # type: ignore[override]
        return self.dates[index], self.counts[index]

    def __iter__(self) -> Iterator[tuple[PartialDate, Counts[Any]]]:
        return zip(self.dates, self.counts, strict=True)

    def rows(self) -> list[tuple[str, ...]]:
        """A row of text per date: the date, then each group's count."""
        return [
            (str(date), *(str(counts.get(group, 0)) for group in self.groups))
            for date, counts in self
        ]

    def to_text(self) -> str:
        """The table for people."""
        return text_table((self.by, *(display(g) for g in self.groups)), self.rows())

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        headers = (self.by, *(display(g) for g in self.groups))
        return html_table(headers, self.rows(), caption=f"Clusters by {self.by}")


def counts_over_time(
    registry: Registry, dates: Iterable[DateLike], by: By = "label"
) -> CountsOverTime:
    """Count the organisations of `registry` as they stood on each of `dates`, by `by`.

    On every date, only the organisations that existed then count (`Registry.as_of`);
    the unknown group (None) holds those the data cannot place.

    Args:
        registry: The registry, usually the whole history (`load`).
        dates: The dates, in the order of the table's rows; `years` gives whole years.
        by: What to count by: ``"label"``, the highest label each certainly held (see
            `count_by_label`); ``"region"``, the region of the seat; ``"programme"``,
            the programmes each certainly belonged to (one count in each).

    >>> import dk_clusters
    >>> table = counts_over_time(dk_clusters.load(), ["2017-09", "2018-06"])
    >>> table.on("2017-09")[dk_clusters.CertificationLabel.GOLD]
    11
    """
    if by not in ("label", "region", "programme"):
        raise ValueError(f"by must be 'label', 'region' or 'programme', not {by!r}")
    when = tuple(sorted({as_partial_date(d) for d in dates}, key=PartialDate.days))
    programmes = [p.id for p in registry.programmes()]
    counts: list[Counts[Any]] = []
    for date in when:
        snapshot = registry.as_of(date)
        if by == "label":
            counts.append(count_by_label(snapshot))
        elif by == "region":
            counts.append(count_by_region(snapshot))
        else:
            belongs = functools.partial(_programmes, on=date, programmes=programmes)
            counts.append(count_by(snapshot, belongs, order=programmes))
    return CountsOverTime(by, when, tuple(counts))


def _programmes(
    cluster: Cluster, on: PartialDate, programmes: Sequence[str]
) -> tuple[str, ...] | None:
    """The programmes `cluster` certainly belonged to on `on`; None if it may have been in some."""
    answers = {p: cluster.member_of(p, on) for p in programmes}
    held = tuple(p for p, answer in answers.items() if answer is True)
    if held:
        return held
    return None if None in answers.values() else ()


def years(
    first: int, last: int, *, month: int | None = None, day: int | None = None
) -> tuple[PartialDate, ...]:
    """The years from `first` to `last`, both included, as dates: for `counts_over_time`.

    A year asks about the whole year: a label or a membership counts for it only if
    it certainly held throughout.

    Args:
        first: The first year.
        last: The last year, included.
        month: Ask about this month of each year instead of the whole year.
        day: With `month`, ask about this day of each year.

    >>> [str(y) for y in years(2019, 2021)]
    ['2019', '2020', '2021']
    >>> [str(y) for y in years(2019, 2020, month=6, day=30)]
    ['2019-06-30', '2020-06-30']
    """
    return tuple(PartialDate(year, month, day) for year in range(first, last + 1))
