"""ECEI labels, the certifications that record them, and when a label is valid.

Validity is three-valued: a label is certainly valid on a date, certainly not, or
the data cannot tell. Each certification works out once, in day numbers, the days
it is certainly valid and the days it may be.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from enum import Enum
from typing import Any, Final, TypeAlias

import attrs

from ._dates import (
    DateLike,
    PartialDate,
    add_years,
    as_partial_date,
    dates,
    distinct_dates,
    optional_date,
    to_date,
)
from ._fields import optional_text, resolve_annotations, to_tuple
from ._layout import Lang
from ._sources import Source, source_items, sources
from ._text import fold, require_text, short_repr, suggest
from .exceptions import FieldError, FieldTypeError, NotFoundError

#: ECEI labels are valid for two years from the award (FACTS: ESCA label rules).
LABEL_VALIDITY_YEARS: Final = 2


@functools.total_ordering
class CertificationLabel(Enum):
    """The European Cluster Excellence Initiative's labels, ordered ``BRONZE < SILVER < GOLD``.

    >>> CertificationLabel.GOLD > CertificationLabel.SILVER
    True
    >>> CertificationLabel.GOLD.official_name
    'Proven for Cluster Excellence'
    """

    BRONZE = "bronze"
    SILVER = "silver"
    GOLD = "gold"

    __hash__ = object.__hash__  # members are singletons

    @property
    def official_name(self) -> str:
        """The label's name in the ECEI scheme."""
        return _LABEL_NAMES[self]

    @property
    def name_da(self) -> str:
        """The label's level in Danish: bronze, sølv, guld."""
        return _LABEL_NAMES_DA[self]

    @property
    def rank(self) -> int:
        """1 for bronze, 2 for silver, 3 for gold."""
        return _LABEL_RANKS[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, CertificationLabel):
            return NotImplemented
        return self.rank < other.rank

    def _display(self, lang: Lang) -> str:
        return self.name_da if lang == "da" else self.value

    @classmethod
    def parse(cls, value: CertificationLabel | str) -> CertificationLabel:
        """Find a label by any of the names it goes by.

        Its value (``"gold"``), member name, Danish name (``"guld"``), official name
        (``"Proven for Cluster Excellence"``) and the certificates' wordings
        (``"Cluster Management Excellence Label GOLD"``); a bare "Cluster Management
        Excellence" is gold, as the Danish press uses it. Case and accents fold;
        `NotFoundError` with close matches otherwise.

        >>> CertificationLabel.parse("sølv")
        <CertificationLabel.SILVER: 'silver'>
        >>> CertificationLabel.parse("Cluster Management Excellence")
        <CertificationLabel.GOLD: 'gold'>
        """
        if isinstance(value, CertificationLabel):
            return value
        query = require_text(value, "a label")
        keys = _label_keys()
        try:
            return keys[query]
        except KeyError:
            names = {fold(label.value): label.value for label in cls}
            names.update((fold(label.name_da), label.name_da) for label in cls)
            raise NotFoundError("label", value, suggest(query, names)) from None


# Source: ECEI label levels, as published by ESCA (cluster-analysis.org).
_LABEL_NAMES: Final = {
    CertificationLabel.BRONZE: "Striving for Cluster Excellence",
    CertificationLabel.SILVER: "Dedicated to Cluster Excellence",
    CertificationLabel.GOLD: "Proven for Cluster Excellence",
}
_LABEL_NAMES_DA: Final = {
    CertificationLabel.BRONZE: "bronze",
    CertificationLabel.SILVER: "sølv",
    CertificationLabel.GOLD: "guld",
}
#: Other names the labels go by (label_rules.md): the certificates' wordings, EUCLES's names,
#: and "Cluster Management Excellence" alone for gold, as in the press release of September 2017
#: ("86 erhvervsklynger med udmærkelsen Cluster Management Excellence").
_LABEL_ALIASES: Final = {
    CertificationLabel.BRONZE: ("ECEI Bronze Label",),
    CertificationLabel.SILVER: ("ECEI Silver Label",),
    CertificationLabel.GOLD: (
        "ECEI Gold Label",
        "Cluster Management Excellence",
        "Excel in Cluster Excellence",
        "Cluster Organisation Management Excellence Label GOLD",
    ),
}


@functools.cache
def _label_keys() -> dict[str, CertificationLabel]:
    """Folded names of each label to the label."""
    keys: dict[str, CertificationLabel] = {}
    for label in CertificationLabel:
        level = label.value
        for name in (
            level,
            label.name_da,
            label.official_name,
            f"{level} label",
            f"Cluster Management Excellence {level}",
            f"Cluster Management Excellence Label {level}",
            *_LABEL_ALIASES[label],
        ):
            keys[fold(name)] = label
    return keys


_LABEL_RANKS: Final = {label: rank for rank, label in enumerate(CertificationLabel, start=1)}
LABELS_HIGH_TO_LOW: Final = tuple(reversed(CertificationLabel))
_BY_VALUE: Final = {label.value: label for label in CertificationLabel}


class NoLabel(Enum):
    """The group of clusters that certainly hold no label on a date."""

    NO_LABEL = "none"

    __hash__ = object.__hash__

    def __str__(self) -> str:
        return "no label"

    def _display(self, lang: Lang) -> str:
        return "intet" if lang == "da" else "none"


#: The group of clusters that certainly hold no label on a date.
NO_LABEL: Final = NoLabel.NO_LABEL


def to_label(value: CertificationLabel | str) -> CertificationLabel:
    """A label field's converter: a `CertificationLabel` from its value (``"gold"``).

    Anything else is left for the validator.
    """
    found = _BY_VALUE.get(value) if value.__class__ is str else None
    return value if found is None else found  # type: ignore[return-value]


resolve_annotations(to_label)


def _label_check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value.__class__ is CertificationLabel:
        return
    expected = "must be a CertificationLabel or one of " + ", ".join(map(repr, _BY_VALUE))
    if isinstance(value, str):
        raise FieldError(attribute.name, f"{expected}, got {short_repr(value)}")
    raise FieldTypeError(attribute.name, f"{expected}, not {type(value).__name__}")


# --- validity windows ---------------------------------------------------------------------

# Spans count days as proleptic ordinals (`datetime.date.toordinal`): ints compare fast.
Span: TypeAlias = tuple[int, int]  # first and last day, both included
#: The days a label is certainly valid, and the days it may be (None: any day).
Windows: TypeAlias = tuple[tuple[Span, ...], tuple[Span, ...] | None]

_FIRST_DAY: Final = 1  # datetime.date.min.toordinal()


@attrs.frozen
class Certification:
    """A cluster-management label as the sources record it.

    `awarded` and `valid_until` may be partial or unknown; when `valid_until` is
    unknown, the ECEI rule (valid two years from the award) bounds the label.
    `seen_valid` lists periods throughout which a source saw the label valid,
    such as a press release that names the cluster as gold-labelled in
    ``2017-09``. With no award date, the data cannot tell when such a label began
    or whether it was renewed, so outside those periods its validity is unknown.

    >>> Certification("gold", awarded="2016-09").awarded
    PartialDate(year=2016, month=9, day=None)
    """

    label: CertificationLabel = attrs.field(converter=to_label, validator=_label_check)
    awarded: PartialDate | None = attrs.field(
        default=None, converter=to_date, validator=optional_date
    )
    valid_until: PartialDate | None = attrs.field(
        default=None, converter=to_date, validator=optional_date
    )
    awarded_by: str | None = attrs.field(default=None, validator=optional_text)
    seen_valid: tuple[PartialDate, ...] = attrs.field(
        default=(), converter=dates, validator=distinct_dates
    )
    sources: tuple[Source, ...] = attrs.field(default=(), converter=sources, validator=source_items)
    note: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        if (
            self.awarded is not None
            and self.valid_until is not None
            and self.valid_until.latest() < self.awarded.earliest()
        ):
            raise FieldError("valid_until", f"{self.valid_until} is before awarded {self.awarded}")
        if self.awarded is not None and self.seen_valid:
            award_first, award_last = self.awarded.days()
            if self.valid_until is not None:
                expiry = self.valid_until.days()[1]
            else:
                expiry = _years_after(award_last) - 1
            for seen in self.seen_valid:
                lo, hi = seen.days()
                if lo < award_first or hi > expiry:
                    raise FieldError(
                        "seen_valid",
                        f"{seen} is outside the validity of a label awarded {self.awarded}",
                    )

    @functools.cached_property
    def _windows(self) -> Windows:
        """The days the label is certainly valid, and the days it may be (None: any day).

        Both are sorted tuples of (first, last) day ordinals, worked out once.
        """
        certain = [p.days() for p in self.seen_valid]
        if self.awarded is None and self.valid_until is None:
            return merge(certain), None
        first, start = self.awarded.days() if self.awarded else (_FIRST_DAY, _FIRST_DAY)
        if self.awarded is not None and certain:
            # Seen valid, so awarded by the first day seen and, without `valid_until`,
            # recently enough to be valid on the last one.
            start = min(start, *(lo for lo, _ in certain))
            if self.valid_until is None:
                first = max(first, _years_before(max(hi for _, hi in certain) + 1))
        if self.valid_until is not None:
            end, last = self.valid_until.days()
        else:
            end = _years_after(first) - 1
            last = _years_after(start) - 1
        possible = [*certain, (first, last)]
        if self.awarded is not None and start <= end:
            certain.append((start, end))
        return merge(certain), merge(possible)

    def valid_on(self, on: DateLike) -> bool | None:
        """Whether the label is valid throughout `on`: True, False, or None (unknown).

        >>> gold = Certification(CertificationLabel.GOLD, awarded=PartialDate.parse("2016-09"))
        >>> gold.valid_on("2017-09"), gold.valid_on("2018-09"), gold.valid_on("2019")
        (True, None, False)
        """
        return held(self.label, self._windows, *as_partial_date(on).days())


def _years_after(day: int) -> int:
    """The day ordinal the label validity after the day ordinal `day` ends on, plus one."""
    return add_years(dt.date.fromordinal(day), LABEL_VALIDITY_YEARS).toordinal()


def _years_before(day: int) -> int:
    """The day ordinal of the award whose validity ends the day before `day` at the latest."""
    then = dt.date.fromordinal(day)
    if then.year <= LABEL_VALIDITY_YEARS:
        return _FIRST_DAY
    return add_years(then, -LABEL_VALIDITY_YEARS).toordinal()


def certifications(value: Iterable[Certification]) -> tuple[Certification, ...]:
    """A collection of certifications as a tuple (the converter of ``certifications``)."""
    return to_tuple(value)


resolve_annotations(certifications)


def highest(
    labels: Iterable[tuple[CertificationLabel, Windows]], lo: int, hi: int
) -> CertificationLabel | NoLabel | None:
    """The first of `labels` valid every day from `lo` to `hi`, by its windows.

    `NO_LABEL` when none may be; None when the data cannot tell, including when
    a label before the first that certainly is valid may be too.
    """
    for label, (certain, possible) in labels:
        for a, b in certain:
            if a <= lo and hi <= b:
                return label
        if possible is None:
            return None
        for a, b in possible:
            if a <= hi and lo <= b:
                return None
    return NO_LABEL


def held(label: CertificationLabel, windows: Windows, lo: int, hi: int) -> bool | None:
    """Whether `label`, with these windows, is valid every day from `lo` to `hi`; None: unknown."""
    found = highest(((label, windows),), lo, hi)  # one label: itself, NO_LABEL or None
    return None if found is None else found is label


def combined(certifications: Iterable[Certification]) -> Windows:
    """The windows of several certifications of one label, taken together."""
    certain: list[Span] = []
    possible: list[Span] | None = []
    for c in certifications:
        c_certain, c_possible = c._windows
        certain.extend(c_certain)
        if possible is not None:
            if c_possible is None:
                possible = None
            else:
                possible.extend(c_possible)
    return merge(certain), None if possible is None else merge(possible)


def merge(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sorted spans with overlapping and adjacent ones joined: O(n log n)."""
    ordered = sorted(spans)
    if len(ordered) < 2:
        return tuple(ordered)
    merged: list[Span] = []
    for a, b in ordered:
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged)
