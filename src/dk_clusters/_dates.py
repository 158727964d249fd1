"""Dates known to the year, the month or the day, and what a time argument accepts."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from re import compile as regex
from typing import Any, ClassVar, Final, Literal, TypeAlias

import attrs

from ._fields import items, resolve_annotations, to_tuple
from ._text import short_repr
from .exceptions import FieldError, FieldTypeError

_PARTIAL_DATE = regex(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_DAY: Final = dt.timedelta(days=1)
#: The text form of a partial date, for messages.
DATE_TEXT: Final = "a date like '2017', '2017-05' or '2017-05-16'"


def _int_in(low: int, high: int, *, optional: bool = False) -> Any:
    """A validator: an int (not a bool) from `low` to `high`, or None if `optional`."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if value.__class__ is not int:
            raise FieldTypeError(attribute.name, f"must be an int, not {type(value).__name__}")
        if not low <= value <= high:
            raise FieldError(attribute.name, f"must be in {low}..{high}, got {short_repr(value)}")

    return check


@attrs.frozen(cache_hash=True)
class PartialDate:
    """A date known to the year, the month or the day.

    >>> d = PartialDate.parse("2017-05")
    >>> d.earliest(), d.latest()
    (datetime.date(2017, 5, 1), datetime.date(2017, 5, 31))
    >>> str(d)
    '2017-05'
    """

    #: JSON holds a partial date as this text: `parse` reads it and `str` writes it.
    text_form: ClassVar[str] = DATE_TEXT

    year: int = attrs.field(validator=_int_in(dt.MINYEAR, dt.MAXYEAR))
    month: int | None = attrs.field(default=None, validator=_int_in(1, 12, optional=True))
    day: int | None = attrs.field(default=None, validator=_int_in(1, 31, optional=True))

    def __attrs_post_init__(self) -> None:
        if self.day is not None:
            if self.month is None:
                raise FieldError("day", "needs a month")
            last = _days_in_month(self.year, self.month)
            if self.day > last:
                raise FieldError(
                    "day",
                    f"must be in 1..{last} for {self.year:04d}-{self.month:02d}, got {self.day}",
                )

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``"YYYY"``, ``"YYYY-MM"`` or ``"YYYY-MM-DD"``; `ValueError` otherwise."""
        if not isinstance(text, str):
            raise TypeError(f"a partial date must be a str, not {type(text).__name__}")
        return _parse(text)

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

    def days(self) -> tuple[int, int]:
        """The first and last day the date may stand for, as proleptic ordinals."""
        return self.earliest().toordinal(), self.latest().toordinal()

    def __str__(self) -> str:
        return self._text

    @functools.cached_property
    def _text(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.date(year, month, 1)).days


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> PartialDate:
    """`PartialDate.parse`, remembered: a registry repeats few dates."""
    m = _PARTIAL_DATE.fullmatch(text)
    if m is None:
        raise ValueError(f"{short_repr(text)} is not {DATE_TEXT}")
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    try:
        return PartialDate(year, month, day)
    except FieldError as e:
        raise ValueError(f"{text!r} is not a date: {e.field} {e.message}") from None


def chronological(date: PartialDate) -> tuple[dt.date, dt.date]:
    """A sort key for partial dates: by the last day each may stand for, then the first."""
    return date.latest(), date.earliest()


#: What a time argument (``on=``) accepts: a day, a partial date or its text.
DateLike: TypeAlias = dt.date | PartialDate | str


def as_partial_date(value: DateLike) -> PartialDate:
    """Turn a `DateLike` into a `PartialDate`; `TypeError` or `ValueError` otherwise."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, str):
        return _parse(value)
    raise TypeError(f"expected a date, PartialDate or str, not {type(value).__name__}")


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later; 29 February becomes 1 March in a common year.

    Past the last year a date can have, the last day there is.
    """
    if day.year + years > dt.MAXYEAR:
        return dt.date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return dt.date(day.year + years, 3, 1)


# --- date fields ------------------------------------------------------------------------------


def to_date(value: DateLike | None) -> PartialDate | None:
    """A date field's converter: a `PartialDate` from its text or a `datetime.date`.

    Anything else, bad text included, is left for the validator.
    """
    if value is None or value.__class__ is PartialDate:
        return value
    try:
        return _parse(value) if value.__class__ is str else as_partial_date(value)
    except (TypeError, ValueError):
        return value  # type: ignore[return-value]


def required_date(value: DateLike) -> PartialDate:
    """`to_date` for a field that must hold a date."""
    return to_date(value)  # type: ignore[return-value]


def why_not_a_date(value: object) -> str | None:
    """Why `value`, text meant as a date, is none; None when it is no text."""
    if not isinstance(value, str):
        return None
    try:
        _parse(value)
    except ValueError as e:
        return str(e)
    return None  # pragma: no cover - a valid date text is converted before this


def _date_check(*, optional: bool) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value.__class__ is PartialDate or (optional and value is None):
            return
        reason = why_not_a_date(value)
        if reason is not None:
            raise FieldError(attribute.name, reason)
        raise FieldTypeError(
            attribute.name,
            f"must be a PartialDate, a datetime.date or {DATE_TEXT}, not {type(value).__name__}",
        )

    return check


#: The validators of a date field and of a field that may be unknown.
date = _date_check(optional=False)
optional_date = _date_check(optional=True)


def dates(value: Iterable[DateLike]) -> tuple[PartialDate, ...]:
    """A collection of dates as a tuple of `PartialDate`, each converted as `to_date` does."""
    converted = to_tuple(value)
    if not converted or converted.__class__ is not tuple:
        return converted  # type: ignore[return-value]
    return tuple(map(to_date, converted))  # type: ignore[arg-type]


#: The validator of a collection of distinct dates.
distinct_dates = items(PartialDate, unique=True, explain=why_not_a_date)

resolve_annotations(to_date, required_date, dates)
