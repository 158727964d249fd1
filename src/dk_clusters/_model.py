"""The domain records: immutable, typed and validated on construction.

Records never read files themselves; the few facts they need from the shipped
tables (region names, municipality codes, business areas) come from `_data`,
which loads them on first use.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from enum import Enum
from itertools import repeat
from typing import Any, ClassVar, Final, Literal, TypeAlias, TypeVar

import attrs

from . import _data
from ._text import fold, require_text, suggest
from .exceptions import NotFoundError

__all__ = [
    "BusinessArea",
    "Certification",
    "CertificationLabel",
    "Cluster",
    "DateLike",
    "Municipality",
    "PartialDate",
    "Region",
    "Source",
]

_PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_KOMMUNEKODE = re.compile(r"[0-9]{4}")
_URL = re.compile(r"https?://\S+")


class FieldError(ValueError):
    """A field of a record holds a value the record cannot take."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}")


class FieldTypeError(FieldError, TypeError):
    """A field of a record holds a value of the wrong type."""


_DAY: Final = dt.timedelta(days=1)
_FIRST_DAY: Final = dt.date.min.toordinal()
_T = TypeVar("_T")

#: ECEI labels are valid for two years from the award (FACTS: ESCA label rules).
LABEL_VALIDITY_YEARS: Final = 2


# --- field checks ---------------------------------------------------------------------------


class _Check:
    """A field validator that is also a Python expression, so a reader can inline it.

    `test` is an expression that is true when the value ``{v}`` is valid; its other
    ``{placeholders}`` stand for the objects in `names` (it is a `str.format`
    template, so a literal brace is doubled). `explain` makes the error for a value
    that fails the test. A check that is `type_only` asks for nothing
    but the field's declared type. attrs calls a check as a validator.
    """

    __slots__ = ("_passes", "explain", "names", "test", "type_only")

    def __init__(
        self,
        test: str,
        explain: Callable[[str, Any], FieldError],
        *,
        type_only: bool = False,
        **names: object,
    ) -> None:
        self.test = test
        self.explain = explain
        self.type_only = type_only
        self.names = names
        self._passes: Callable[[object], object] | None = None  # compiled on first use

    def inline(self, value: str, prefix: str = "") -> str:
        """The test of the variable `value`, with `prefix` before each of its names."""
        return self.test.format(v=value, **{name: prefix + name for name in self.names})

    def __repr__(self) -> str:
        return f"<check {self.inline('value')}>"

    def __call__(self, _: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if self._passes is None:
            self._passes = eval(f"lambda v: {self.inline('v')}", dict(self.names))
        if not self._passes(value):
            raise self.explain(attribute.name, value)


def _optional(test: str) -> str:
    return "{v} is None or (" + test + ")"


_TEXT = "isinstance({v}, str) and {v}.strip()"


def _not_text(name: str, value: object) -> FieldError:
    if not isinstance(value, str):
        return FieldTypeError(name, f"must be a str, not {type(value).__name__}")
    return FieldError(name, "must not be blank")


_text = _Check(_TEXT, _not_text)
_optional_text = _Check(_optional(_TEXT), _not_text)


def _matches(pattern: re.Pattern[str], what: str, *, optional: bool = False) -> _Check:
    def explain(name: str, value: object) -> FieldError:
        if not isinstance(value, str) or not value.strip():
            return _not_text(name, value)
        return FieldError(name, f"must be {what}, got {value!r}")

    test = _TEXT + " and {match}({v}) is not None"
    return _Check(_optional(test) if optional else test, explain, match=pattern.fullmatch)


def _one_of(*values: str) -> _Check:
    expected = ", ".join(repr(v) for v in values)
    return _Check(
        "{v} in {values}",
        lambda name, value: FieldError(name, f"must be one of {expected}, got {value!r}"),
        values=values,
    )


_optional_bool = _Check(
    _optional("isinstance({v}, bool)"),
    lambda name, value: FieldTypeError(name, f"must be true, false or null, not {value!r}"),
)


def _instance_of(cls: type, *, optional: bool = False) -> _Check:
    test = "isinstance({v}, {cls})"
    return _Check(
        _optional(test) if optional else test,
        lambda name, value: FieldTypeError(
            name, f"must be a {cls.__name__}, not {type(value).__name__}"
        ),
        type_only=True,
        cls=cls,
    )


def _not_a_collection(name: str, value: object) -> FieldError:
    return FieldTypeError(name, f"must be a list, tuple or set, not {type(value).__name__}")


def _items(kind: type | None = None, *, unique: bool = False) -> _Check:
    """A tuple or frozenset of `kind` items (None: non-blank strings), each once if `unique`."""

    def all_valid(items: Iterable[Any]) -> bool:
        if kind is not None:
            return all(map(isinstance, items, repeat(kind)))
        try:
            return all(map(str.strip, items))  # a blank item strips to ""
        except TypeError:  # an item that is not a str
            return False

    def explain(name: str, value: object) -> FieldError:
        if not isinstance(value, tuple | frozenset):
            return _not_a_collection(name, value)
        for i, item in enumerate(value):
            if not all_valid((item,)):
                if kind is None:
                    return FieldError(f"{name}[{i}]", f"must be a non-blank str, got {item!r}")
                return FieldTypeError(
                    f"{name}[{i}]", f"must be a {kind.__name__}, not {type(item).__name__}"
                )
        return FieldError(name, f"has duplicate items: {list(value)!r}")

    test = "not {v} or {all_valid}({v})" + (" and len(set({v})) == len({v})" if unique else "")
    return _Check(
        "isinstance({v}, {collections}) and (" + test + ")",
        explain,
        type_only=kind is not None and not unique,
        collections=(tuple, frozenset),
        all_valid=all_valid,
    )


_texts = _items(unique=True)


# --- converters ---------------------------------------------------------------------------


def _to_tuple(value: Iterable[_T]) -> tuple[_T, ...]:
    """A list, set or other collection as a tuple; anything else is left for the validator."""
    if value.__class__ is tuple or value.__class__ is list:
        return tuple(value)
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]
    return tuple(value)


# One converter per item type: mypy's attrs plugin cannot solve a generic converter.
def _strings(value: Iterable[str]) -> tuple[str, ...]:
    return _to_tuple(value)


def _sources(value: Iterable[Source]) -> tuple[Source, ...]:
    return _to_tuple(value)


def _dates(value: Iterable[PartialDate]) -> tuple[PartialDate, ...]:
    return _to_tuple(value)


def _certifications(value: Iterable[Certification]) -> tuple[Certification, ...]:
    return _to_tuple(value)


def _to_frozenset(value: Iterable[str]) -> frozenset[str]:
    """A collection as a frozenset; anything else is left for the validator."""
    if value.__class__ is list or value.__class__ is frozenset:
        return frozenset(value)
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return value  # type: ignore[return-value]
    return frozenset(value)


#: The converters records use: each makes a tuple or frozenset of a collection.
COLLECTION_CONVERTERS: Final = frozenset(
    {_strings, _sources, _dates, _certifications, _to_frozenset}
)


# --- dates --------------------------------------------------------------------------------


@attrs.frozen(cache_hash=True)
class PartialDate:
    """A date known to the year, the month or the day.

    >>> d = PartialDate.parse("2017-05")
    >>> d.earliest(), d.latest()
    (datetime.date(2017, 5, 1), datetime.date(2017, 5, 31))
    >>> str(d)
    '2017-05'
    """

    #: JSON holds a partial date as text, described so: `parse` reads it, `str` writes it.
    _json_text: ClassVar[str] = "a date string like '2017-05'"

    year: int
    month: int | None = None
    day: int | None = None

    def __attrs_post_init__(self) -> None:
        for name in ("year", "month", "day"):
            value = getattr(self, name)
            if value is not None and (type(value) is not int):
                raise FieldTypeError(name, f"must be an int, not {type(value).__name__}")
        if self.day is not None and self.month is None:
            raise FieldError("day", "a day needs a month")
        try:
            dt.date(
                self.year,
                1 if self.month is None else self.month,
                1 if self.day is None else self.day,
            )
        except ValueError as e:
            raise ValueError(f"{self._text()!r} is not a date: {e}") from None

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``; `ValueError` otherwise."""
        if not isinstance(text, str):
            raise TypeError(f"a partial date must be a str, not {type(text).__name__}")
        m = _PARTIAL_DATE.fullmatch(text)
        if m is None:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(g) if g else None for g in m.groups())
        assert year is not None
        return cls(year, month, day)

    @classmethod
    def from_date(cls, date: dt.date) -> PartialDate:
        """The day `date` (a `datetime` counts as its date)."""
        return cls(date.year, date.month, date.day)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        """How much of the date is known."""
        if self.day is not None:
            return "day"
        return "year" if self.month is None else "month"

    def earliest(self) -> dt.date:
        """The first day the date may stand for."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last day the date may stand for."""
        if self.day is not None:
            return self.earliest()
        if self.month is None or self.month == 12:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, self.month + 1, 1) - _DAY

    def _days(self) -> tuple[int, int]:
        """The first and last day the date may stand for, as proleptic ordinals."""
        return self.earliest().toordinal(), self.latest().toordinal()

    def _text(self) -> str:
        parts = [f"{self.year:04d}"]
        parts += [f"{v:02d}" for v in (self.month, self.day) if v is not None]
        return "-".join(parts)

    def __str__(self) -> str:
        return self._text()


def chronological(date: PartialDate) -> tuple[dt.date, dt.date]:
    """A sort key for partial dates: by the last day each may stand for, then the first."""
    return date.latest(), date.earliest()


#: What a time argument (``on=``) accepts: a day, a partial date or its text.
DateLike: TypeAlias = dt.date | PartialDate | str


def as_partial_date(value: DateLike) -> PartialDate:
    """Turn a `DateLike` into a `PartialDate`."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, str):
        return PartialDate.parse(value)
    raise TypeError(f"expected a date, PartialDate or str, not {type(value).__name__}")


def _add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 1 March in a common year.

    Past the last year a date can have, the last day there is.
    """
    if day.year + years > dt.MAXYEAR:
        return dt.date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return dt.date(day.year + years, 3, 1)


# --- sources ------------------------------------------------------------------------------


@attrs.frozen
class Source:
    """A public document that states a fact: its URL, its title, when it was published."""

    url: str = attrs.field(validator=_matches(_URL, "an http(s) URL"))
    title: str = attrs.field(validator=_text)
    published: PartialDate | None = attrs.field(
        default=None, validator=_instance_of(PartialDate, optional=True)
    )
    note: str | None = attrs.field(default=None, validator=_optional_text)


# --- enums --------------------------------------------------------------------------------


class _FastHashEnum(Enum):
    # Enum.__hash__ is Python code; members are singletons, so identity hashing is exact.
    __hash__ = object.__hash__


class Region(_FastHashEnum):
    """The five regions of Denmark, valued by their ISO 3166-2 code.

    Names and the other codes come from the shipped region table on first use.

    >>> Region.parse("syddanmark") is Region.parse(1083) is Region.SYDDANMARK
    True
    >>> Region.SYDDANMARK.nuts_code, Region.SYDDANMARK.seat
    ('DK03', 'Vejle')
    """

    HOVEDSTADEN = "DK-84"
    SJAELLAND = "DK-85"
    SYDDANMARK = "DK-83"
    MIDTJYLLAND = "DK-82"
    NORDJYLLAND = "DK-81"

    @property
    def _info(self) -> RegionInfo:
        return _data.region_info(self)

    @property
    def iso_code(self) -> str:
        """ISO 3166-2 code, e.g. ``"DK-83"``."""
        return self.value

    @property
    def nuts_code(self) -> str:
        """NUTS-2 code, e.g. ``"DK03"``."""
        return self._info.nuts_code

    @property
    def dagi_code(self) -> int:
        """DAGI region code, e.g. ``1083``."""
        return self._info.dagi_code

    @property
    def name_da(self) -> str:
        """Official Danish name, e.g. ``"Region Syddanmark"``."""
        return self._info.name_da

    @property
    def short_name(self) -> str:
        """Short Danish name, e.g. ``"Syddanmark"``."""
        return self._info.short_name

    @property
    def name_en(self) -> str:
        """English name, e.g. ``"Region of Southern Denmark"``."""
        return self._info.name_en

    @property
    def seat(self) -> str:
        """Where the regional council sits, e.g. ``"Vejle"``."""
        return self._info.seat

    @property
    def sources(self) -> tuple[Source, ...]:
        """The public sources of the region table."""
        return self._info.sources

    def __str__(self) -> str:
        return self.name_da

    @classmethod
    def parse(cls, value: Region | str | int) -> Region:
        """Find a region by any of its codes or names.

        Accepts the ISO, NUTS and DAGI codes (str or int), the Danish, short and
        English names and the member name, folding case and accents. Raises
        `NotFoundError` with close matches otherwise.
        """
        if isinstance(value, Region):
            return value
        keys = _region_keys()
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        query = require_text(value, "a region")
        try:
            return keys[query]
        except KeyError:
            names = {key: region.short_name for key, region in keys.items()}
            raise NotFoundError("region", value, suggest(query, names)) from None


@functools.cache
def _region_keys() -> dict[str, Region]:
    keys: dict[str, Region] = {}
    for region in Region:
        for name in (
            region.iso_code,
            region.nuts_code,
            str(region.dagi_code),
            region.name_da,
            region.short_name,
            region.name_en,
            region.name,
        ):
            keys[fold(name)] = region
    return keys


@functools.total_ordering
class CertificationLabel(_FastHashEnum):
    """The European Cluster Excellence Initiative's labels, ordered ``BRONZE < SILVER < GOLD``.

    >>> CertificationLabel.GOLD > CertificationLabel.SILVER
    True
    >>> CertificationLabel.GOLD.official_name
    'Proven for Cluster Excellence'
    """

    BRONZE = "bronze"
    SILVER = "silver"
    GOLD = "gold"

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

    @classmethod
    def parse(cls, value: CertificationLabel | str) -> CertificationLabel:
        """Find a label by its value (``"gold"``), member name or official name."""
        if isinstance(value, CertificationLabel):
            return value
        query = require_text(value, "a label")
        keys = {fold(k): label for label in cls for k in (label.value, label.official_name)}
        try:
            return keys[query]
        except KeyError:
            names = {fold(label.value): label.value for label in cls}
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
_LABEL_RANKS: Final = {label: rank for rank, label in enumerate(CertificationLabel, start=1)}
_LABELS_HIGH_TO_LOW: Final = tuple(reversed(CertificationLabel))


class NoLabel(_FastHashEnum):
    """The group of clusters that certainly hold no label on a date."""

    NO_LABEL = "none"

    def __str__(self) -> str:
        return "no label"


#: The group of clusters that certainly hold no label on a date.
NO_LABEL: Final = NoLabel.NO_LABEL


# --- places ---------------------------------------------------------------------------------


@attrs.frozen
class RegionInfo:
    """A row of the shipped region table: what `Region`'s properties read."""

    iso_code: str
    nuts_code: str
    dagi_code: int
    name_da: str
    short_name: str
    name_en: str
    seat: str
    sources: tuple[Source, ...] = ()


@attrs.frozen
class Municipality:
    """One of Denmark's 98 municipalities (kommuner)."""

    code: str = attrs.field(validator=_matches(_KOMMUNEKODE, "a four-digit kommunekode"))
    name: str = attrs.field(validator=_text)
    official_name: str = attrs.field(validator=_text)
    region: Region = attrs.field(validator=_instance_of(Region))
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_texts)
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=_sources, validator=_items(Source)
    )

    def __str__(self) -> str:
        return self.name


# --- labels over time -----------------------------------------------------------------------

# Spans count days as proleptic ordinals (`datetime.date.toordinal`): ints compare fast.
_Span: TypeAlias = tuple[int, int]  # first and last day, both included
_Windows: TypeAlias = tuple[tuple[_Span, ...], tuple[_Span, ...] | None]


@attrs.frozen
class Certification:
    """A cluster-management label as the sources record it.

    `awarded` and `valid_until` may be partial or unknown; when `valid_until` is
    unknown, the ECEI rule (valid two years from the award) bounds the label.
    `seen_valid` lists periods throughout which a source saw the label valid,
    such as a press release that names the cluster as gold-labelled in
    ``2017-09``. With no award date, the data cannot tell when such a label began
    or whether it was renewed, so outside those periods its validity is unknown.
    """

    label: CertificationLabel = attrs.field(validator=_instance_of(CertificationLabel))
    awarded: PartialDate | None = attrs.field(
        default=None, validator=_instance_of(PartialDate, optional=True)
    )
    valid_until: PartialDate | None = attrs.field(
        default=None, validator=_instance_of(PartialDate, optional=True)
    )
    awarded_by: str | None = attrs.field(default=None, validator=_optional_text)
    seen_valid: tuple[PartialDate, ...] = attrs.field(
        default=(), converter=_dates, validator=_items(PartialDate, unique=True)
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=_sources, validator=_items(Source)
    )
    note: str | None = attrs.field(default=None, validator=_optional_text)

    def __attrs_post_init__(self) -> None:
        if (
            self.awarded is not None
            and self.valid_until is not None
            and self.valid_until.latest() < self.awarded.earliest()
        ):
            raise FieldError("valid_until", f"{self.valid_until} is before awarded {self.awarded}")

    _spans_cache: _Windows | None = attrs.field(
        init=False, default=None, eq=False, hash=False, repr=False
    )

    def _spans(self) -> _Windows:
        """The days the label is certainly valid, and the days it may be (None: any day).

        Both are sorted tuples of (first, last) day pairs, computed once.
        """
        if self._spans_cache is None:
            object.__setattr__(self, "_spans_cache", self._compute_spans())
        assert self._spans_cache is not None
        return self._spans_cache

    def _compute_spans(self) -> _Windows:
        certain = [p._days() for p in self.seen_valid]
        if self.awarded is None and self.valid_until is None:
            return _merge(certain), None
        first, start = self.awarded._days() if self.awarded else (_FIRST_DAY, _FIRST_DAY)
        if self.valid_until is not None:
            end, last = self.valid_until._days()
        else:
            assert self.awarded is not None
            end = _add_years(self.awarded.earliest(), LABEL_VALIDITY_YEARS).toordinal() - 1
            last = _add_years(self.awarded.latest(), LABEL_VALIDITY_YEARS).toordinal() - 1
        possible = [*certain, (first, last)]
        if self.awarded is not None and start <= end:
            certain.append((start, end))
        return _merge(certain), _merge(possible)

    def valid_on(self, on: DateLike) -> bool | None:
        """Whether the label is valid throughout `on`: True, False, or None (unknown).

        >>> gold = Certification(CertificationLabel.GOLD, awarded=PartialDate.parse("2016-09"))
        >>> gold.valid_on("2017-09"), gold.valid_on("2018-09"), gold.valid_on("2019")
        (True, None, False)
        """
        return _held(self.label, self._spans(), *as_partial_date(on)._days())


def _highest(
    labels: Iterable[tuple[CertificationLabel, _Windows]], lo: int, hi: int
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


def _held(label: CertificationLabel, windows: _Windows, lo: int, hi: int) -> bool | None:
    """Whether `label`, with these windows, is valid every day from `lo` to `hi`; None: unknown."""
    held = _highest(((label, windows),), lo, hi)  # one label: itself, NO_LABEL or None
    return None if held is None else held is label


def _combined(certifications: Iterable[Certification]) -> _Windows:
    """The windows of several certifications of one label, taken together."""
    certain: list[_Span] = []
    possible: list[_Span] | None = []
    for c in certifications:
        c_certain, c_possible = c._spans()
        certain += c_certain
        possible = None if possible is None or c_possible is None else [*possible, *c_possible]
    return _merge(certain), None if possible is None else _merge(possible)


def _merge(spans: Iterable[_Span]) -> tuple[_Span, ...]:
    """Sorted spans with overlapping and adjacent ones joined."""
    ordered = sorted(spans)
    if len(ordered) < 2:
        return tuple(ordered)
    merged: list[_Span] = []
    for a, b in ordered:
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return tuple(merged)


# --- the strategy -----------------------------------------------------------------------------


@attrs.frozen
class BusinessArea:
    """A business area (forretningsområde) of Syddansk Vækstforum's strategy."""

    id: str = attrs.field(validator=_matches(_SLUG, "a lowercase slug like 'offshore'"))
    name_da: str = attrs.field(validator=_text)
    name_en: str = attrs.field(validator=_text)
    kind: Literal["area", "sub-area", "growth-initiative"] = attrs.field(
        validator=_one_of("area", "sub-area", "growth-initiative")
    )
    parent: str | None = attrs.field(
        default=None, validator=_matches(_SLUG, "an area id", optional=True)
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=_sources, validator=_items(Source)
    )


# --- clusters ---------------------------------------------------------------------------------


#: The fields of `Cluster` whose value may be an inference rather than a sourced fact.
_INFERABLE: Final = frozenset(
    {
        *("name", "name_en", "aliases", "region", "municipality", "sectors", "website"),
        *("certifications", "backers", "business_area", "open_nationwide", "business_led"),
        *("innovation_network", "note"),
    }
)


def _not_inferable(name: str, value: object) -> FieldError:
    if not isinstance(value, frozenset):
        return _not_a_collection(name, value)
    unknown = sorted(str(v) for v in value if v not in _INFERABLE)
    return FieldError(name, f"names fields that a cluster does not have: {unknown}")


_inferable = _Check(
    "isinstance({v}, frozenset) and {v} <= {inferable}", _not_inferable, inferable=_INFERABLE
)


def _check_municipality(code: str, region: Region | None) -> None:
    """A kommunekode must name a municipality, and one in `region` if that is known."""
    found = _data.municipality_by_code(code)
    if found is None:
        raise FieldError("municipality", f"{code!r} is not a Danish kommunekode")
    if region is not None and found.region is not region:
        raise FieldError(
            "municipality",
            f"{code} ({found.name}) lies in {found.region.name_da}, not in {region.name_da}",
        )


def _check_business_area(area: str) -> None:
    """A business area must be one of the strategy's."""
    if area not in _data.business_area_ids():
        known = ", ".join(sorted(_data.business_area_ids()))
        raise FieldError("business_area", f"{area!r} is not one of the strategy's: {known}")


@attrs.frozen
class Cluster:
    """A cluster organisation (klyngeorganisation) and what the sources say of it.

    Every field but `id` and `name` may be unknown (None) or empty. `region` and
    `municipality` say where the secretariat sits; `backers` says which regional
    growth forums support the cluster (``"syddansk-vaekstforum"``): the two are
    different facts. `inferred` names the fields whose value is an inference
    rather than a sourced fact. `innovation_network` says whether the cluster is,
    or aims to become, a national innovation network.
    """

    id: str = attrs.field(validator=_matches(_SLUG, "a lowercase slug like 'odense-robotics'"))
    name: str = attrs.field(validator=_text)
    name_en: str | None = attrs.field(default=None, validator=_optional_text)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_texts)
    region: Region | None = attrs.field(default=None, validator=_instance_of(Region, optional=True))
    municipality: str | None = attrs.field(
        default=None, validator=_matches(_KOMMUNEKODE, "a four-digit kommunekode", optional=True)
    )
    sectors: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_texts)
    website: str | None = attrs.field(
        default=None, validator=_matches(_URL, "an http(s) URL", optional=True)
    )
    certifications: tuple[Certification, ...] = attrs.field(
        default=(), converter=_certifications, validator=_items(Certification)
    )
    backers: tuple[str, ...] = attrs.field(default=(), converter=_strings, validator=_texts)
    business_area: str | None = attrs.field(
        default=None, validator=_matches(_SLUG, "a business-area id", optional=True)
    )
    open_nationwide: bool | None = attrs.field(default=None, validator=_optional_bool)
    business_led: bool | None = attrs.field(default=None, validator=_optional_bool)
    innovation_network: bool | None = attrs.field(default=None, validator=_optional_bool)
    sources: tuple[Source, ...] = attrs.field(
        default=(), converter=_sources, validator=_items(Source)
    )
    inferred: frozenset[str] = attrs.field(
        default=frozenset(), converter=_to_frozenset, validator=_inferable
    )
    note: str | None = attrs.field(default=None, validator=_optional_text)

    def __attrs_post_init__(self) -> None:
        if self.municipality is not None:
            _check_municipality(self.municipality, self.region)
        if self.business_area is not None:
            _check_business_area(self.business_area)

    _labels_cache: tuple[tuple[CertificationLabel, _Windows], ...] | None = attrs.field(
        init=False, default=None, eq=False, hash=False, repr=False
    )

    def _labels(self) -> tuple[tuple[CertificationLabel, _Windows], ...]:
        """Each label the cluster has certifications of, high to low, with their windows.

        Computed once.
        """
        if self._labels_cache is None:
            labels = tuple(
                (label, _combined(c for c in self.certifications if c.label is label))
                for label in _LABELS_HIGH_TO_LOW
                if any(c.label is label for c in self.certifications)
            )
            object.__setattr__(self, "_labels_cache", labels)
            return labels
        return self._labels_cache

    def holds_label(self, label: CertificationLabel, on: DateLike | None = None) -> bool | None:
        """Whether the cluster holds `label` throughout `on`: True, False, or None (unknown).

        `on` defaults to the shipped registry's snapshot date.
        """
        lo, hi = _resolve_on(on)._days()
        for held, windows in self._labels():
            if held is label:
                return _held(label, windows, lo, hi)
        return False

    def highest_label(self, on: DateLike | None = None) -> CertificationLabel | NoLabel | None:
        """The highest label the cluster certainly holds throughout `on`.

        `NO_LABEL` when it certainly holds none; None when the data cannot tell,
        including when a higher label may hold than the one that certainly does.
        `on` defaults to the shipped registry's snapshot date.
        """
        return self._highest_label(*_resolve_on(on)._days())

    def _highest_label(self, lo: int, hi: int) -> CertificationLabel | NoLabel | None:
        # Counting calls this for every cluster: the cache is read here, not in a call.
        labels = self._labels_cache
        return _highest(self._labels() if labels is None else labels, lo, hi)

    def __str__(self) -> str:
        return self.name

    def _repr_html_(self) -> str:
        from ._render import display, html_table

        rows = [
            (a.name, "" if (v := getattr(self, a.name)) == () else v)
            for a in attrs.fields(Cluster)
            if a.init and a.name not in ("certifications", "sources")
        ]
        rows += [
            (
                f"certification: {c.label.value}",
                f"awarded {display(c.awarded)}; seen valid {display(c.seen_valid) or '-'}",
            )
            for c in self.certifications
        ]
        rows += [("source", f"{s.title} <{s.url}>") for s in self.sources]
        return html_table(("field", "value"), rows, caption=self.name)


def _resolve_on(on: DateLike | None, clusters: object = None) -> PartialDate:
    """`on` as a partial date.

    None means the snapshot of `clusters` when it is a `Registry`, else the
    shipped registry's snapshot.
    """
    if on is not None:
        return as_partial_date(on)
    snapshot = getattr(clusters, "snapshot", None)
    if isinstance(snapshot, PartialDate):
        return snapshot
    return _data.shipped_snapshot()
