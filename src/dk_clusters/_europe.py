"""Denmark against Europe: published counts of ECEI-labelled cluster organisations.

The counts are records of their own (`LabelCount`, with `Figure` for numbers that
are not exact); the functions here find the count in force on a date and the
share of it that a collection of clusters holds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from fractions import Fraction
from typing import ClassVar, Final, Literal

import attrs

from ._model import (
    CertificationLabel,
    Cluster,
    DateLike,
    PartialDate,
    Source,
    _instance_of,
    _items,
    _one_of,
    _optional_text,
    _resolve_on,
    _sources,
    chronological,
)

_EUROPEAN_SCOPES = ("Europe", "EU")

_FIGURE = re.compile(r"([>~]?)([0-9]+)")
_QUALIFIERS: Final = {"": "exactly", ">": "more than", "~": "about"}


@attrs.frozen
class Figure:
    """A published number, exact or not: ``86``, ``>350`` (more than), ``~120`` (about).

    >>> Figure.parse("~120").value, Figure.parse("~120").exact
    (120, False)
    """

    #: JSON holds a figure as text, described so: `parse` reads it, `str` writes it.
    _json_text: ClassVar[str] = "a figure string like '86' or '>350'"

    value: int = attrs.field(validator=_instance_of(int))
    qualifier: Literal["exactly", "more than", "about"] = attrs.field(
        default="exactly", validator=_one_of("exactly", "more than", "about")
    )

    @classmethod
    def parse(cls, text: str) -> Figure:
        """Read ``"86"``, ``">350"`` or ``"~120"``."""
        m = _FIGURE.fullmatch(text) if isinstance(text, str) else None  # type: ignore[redundant-expr]
        if m is None:
            raise ValueError(f"{text!r} is not a figure like '86', '>350' or '~120'")
        return cls(int(m[2]), _QUALIFIERS[m[1]])  # type: ignore[arg-type]

    @property
    def exact(self) -> bool:
        """Whether the figure is exact."""
        return self.qualifier == "exactly"

    def __str__(self) -> str:
        prefix = {v: k for k, v in _QUALIFIERS.items()}[self.qualifier]
        return f"{prefix}{self.value}"


@attrs.frozen
class LabelCount:
    """A published count of ECEI-labelled cluster organisations.

    Counts are not all comparable: `gold` counts gold labels, `bronze` clusters
    benchmarked for bronze, `labelled` all labels (gold, silver or bronze); some
    sources count labels ever awarded, some labels valid at the time (see `note`).
    `date` is None where the source is undated.
    """

    date: PartialDate | None = attrs.field(validator=_instance_of(PartialDate, optional=True))
    scope: Literal["Europe", "EU", "worldwide"] = attrs.field(
        validator=_one_of("Europe", "EU", "worldwide")
    )
    gold: Figure | None = attrs.field(default=None, validator=_instance_of(Figure, optional=True))
    bronze: Figure | None = attrs.field(default=None, validator=_instance_of(Figure, optional=True))
    labelled: Figure | None = attrs.field(
        default=None, validator=_instance_of(Figure, optional=True)
    )
    countries: Figure | None = attrs.field(
        default=None, validator=_instance_of(Figure, optional=True)
    )
    note: str | None = attrs.field(default=None, validator=_optional_text)
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=_sources, validator=_items(Source)
    )

    def figure(self, label: CertificationLabel | None) -> Figure | None:
        """The count for `label` (None: all labels), if this source gives one."""
        if label is None:
            return self.labelled
        return {CertificationLabel.GOLD: self.gold, CertificationLabel.BRONZE: self.bronze}.get(
            label
        )


# --- Denmark against Europe -------------------------------------------------------------------


def label_counts() -> tuple[LabelCount, ...]:
    """Every published count of ECEI-labelled cluster organisations that ships, with sources.

    Dated counts come first, by the last day their date stands for; undated ones last.
    """
    from ._data import label_counts as shipped

    return shipped()


def european_count(
    label: CertificationLabel | None = CertificationLabel.GOLD, on: DateLike | None = None
) -> LabelCount | None:
    """The European count of `label` (None: all labels) in force on `on`.

    A dated count of Europe or the EU is in force once it has certainly been
    published: its date ends no later than `on` does. Of several, the latest
    wins. `on` defaults to the shipped registry's snapshot date. None when no
    such count had been published.

    >>> european_count(on="2017-09").gold
    Figure(value=86, qualifier='exactly')
    """
    when = _resolve_on(on).latest()
    in_force = [
        (chronological(row.date), row)
        for row in label_counts()
        if row.date is not None
        and row.scope in _EUROPEAN_SCOPES
        and row.figure(label) is not None
        and row.date.latest() <= when
    ]
    return max(in_force, key=lambda pair: pair[0], default=(None, None))[1]


def share_of_europe(
    clusters: Iterable[Cluster],
    label: CertificationLabel = CertificationLabel.GOLD,
    on: DateLike | None = None,
) -> Fraction | None:
    """The clusters' share of the European count of `label` in force on `on`.

    The numerator counts the clusters that certainly hold `label` on `on`; the
    denominator is `european_count(label, on)`. None when either is unknown: a
    cluster whose label the data cannot tell, or no exact European count. `on`
    defaults as in `count_by_label`.

    >>> import dk_clusters
    >>> share_of_europe(dk_clusters.load())
    Fraction(11, 86)
    """
    when = _resolve_on(on, clusters)
    held = 0
    for cluster in clusters:
        answer = cluster.holds_label(label, when)
        if answer is None:
            return None
        held += answer
    europe = european_count(label, when)
    figure = europe.figure(label) if europe else None
    if figure is None or not figure.exact:
        return None
    return Fraction(held, figure.value)
