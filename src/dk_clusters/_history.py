"""The records of history: names, seats, memberships, programmes, lineage events.

An organisation's names and seats are states, each in effect from a date until the
next; its memberships of programmes are periods; events link organisations. Each
fact names its sources and says whether it is an inference (`inferred`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final, Literal

import attrs

from ._dates import (
    DateLike,
    PartialDate,
    as_partial_date,
    dates,
    distinct_dates,
    optional_date,
    to_date,
)
from ._fields import (
    SLUG,
    distinct_texts,
    matching,
    one_of,
    optional_text,
    resolve_annotations,
    strings,
    text,
    to_tuple,
)
from ._layout import Lang
from ._periods import Period, in_order
from ._places import KOMMUNEKODE, Region, optional_region, to_region
from ._sources import Source, source_items, sources
from .exceptions import FieldError, FieldTypeError


def _flag(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value.__class__ is not bool:
        raise FieldTypeError(attribute.name, f"must be true or false, not {value!r}")


def _slug(what: str, *, optional: bool = False) -> Any:
    return matching(SLUG, f"{what}, a lowercase slug", optional=optional)


@attrs.frozen
class Name:
    """A name an organisation went by, from `since` (None: from its start) until the next."""

    name: str = attrs.field(validator=text)
    since: PartialDate | None = attrs.field(
        default=None, converter=to_date, validator=optional_date
    )
    sources: tuple[Source, ...] = attrs.field(default=(), converter=sources, validator=source_items)
    inferred: bool = attrs.field(default=False, validator=_flag)
    note: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen
class Seat:
    """Where an organisation's secretariat sat, from `since` until the next seat.

    Either place may be unknown: a source may give the region and not the
    municipality.
    """

    region: Region | None = attrs.field(
        default=None, converter=to_region, validator=optional_region
    )
    municipality: str | None = attrs.field(
        default=None, validator=matching(KOMMUNEKODE, "a four-digit kommunekode", optional=True)
    )
    since: PartialDate | None = attrs.field(
        default=None, converter=to_date, validator=optional_date
    )
    sources: tuple[Source, ...] = attrs.field(default=(), converter=sources, validator=source_items)
    inferred: bool = attrs.field(default=False, validator=_flag)
    note: str | None = attrs.field(default=None, validator=optional_text)


@attrs.frozen
class Membership:
    """Membership of a programme, or support from one, for a period (either end unknown).

    `seen` lists dates throughout which a source saw the membership hold, such as
    a press release that names the clusters a forum backs in ``2017-09``: on those
    dates it certainly held, whatever is known of its start and end.
    """

    programme: str = attrs.field(validator=_slug("a programme id"))
    start: PartialDate | None = attrs.field(
        default=None, converter=to_date, validator=optional_date
    )
    end: PartialDate | None = attrs.field(default=None, converter=to_date, validator=optional_date)
    seen: tuple[PartialDate, ...] = attrs.field(
        default=(), converter=dates, validator=distinct_dates
    )
    role: str | None = attrs.field(default=None, validator=optional_text)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=sources, validator=source_items)
    inferred: bool = attrs.field(default=False, validator=_flag)
    note: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        Period(self.start, self.end)  # the end may not come before the start

    @property
    def period(self) -> Period:
        """The period of the membership."""
        return Period(self.start, self.end)

    def holds_on(self, on: DateLike) -> bool | None:
        """Whether the membership covers all of `on`: True, False, or None (unknown)."""
        lo, hi = as_partial_date(on).days()
        for seen in self.seen:
            first, last = seen.days()
            if first <= lo and hi <= last:
                return True
        return self.period.holds_on(on)


def memberships(value: Iterable[Membership]) -> tuple[Membership, ...]:
    """A collection of memberships as a tuple (the converter of ``memberships``)."""
    return to_tuple(value)


@attrs.frozen
class LegalForm:
    """The legal form an organisation had for a period (either end unknown), e.g. a forening.

    `form` is the Danish term as the source gives it: ``"forening"`` (an
    association), ``"fond"``, ``"A/S"``.
    """

    form: str = attrs.field(validator=text)
    start: PartialDate | None = attrs.field(
        default=None, converter=to_date, validator=optional_date
    )
    end: PartialDate | None = attrs.field(default=None, converter=to_date, validator=optional_date)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=sources, validator=source_items)
    inferred: bool = attrs.field(default=False, validator=_flag)
    note: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        Period(self.start, self.end)  # the end may not come before the start

    def holds_on(self, on: DateLike) -> bool | None:
        """Whether the organisation had this form throughout `on`: True, False, or None."""
        return Period(self.start, self.end).holds_on(on)


def legal_forms(value: Iterable[LegalForm]) -> tuple[LegalForm, ...]:
    """A collection of legal forms as a tuple (the converter of ``legal_forms``)."""
    return to_tuple(value)


def names(value: Iterable[Name]) -> tuple[Name, ...]:
    """A collection of names as a tuple (the converter of ``names``)."""
    return to_tuple(value)


def seats(value: Iterable[Seat]) -> tuple[Seat, ...]:
    """A collection of seats as a tuple (the converter of ``seats``)."""
    return to_tuple(value)


resolve_annotations(memberships, names, seats, legal_forms)


#: What a programme is: which kinds of public effort the data record.
PROGRAMME_KINDS: Final = (
    "innovation-networks",
    "national-clusters",
    "regional-support",
    "consolidation",
    "other-funding",
)
#: The programme kinds whose members count as a cluster's backers.
BACKING: Final = frozenset({"regional-support"})


@attrs.frozen
class Programme:
    """A public programme that clusters belonged to, or a funder's support for clusters.

    A programme of the kind ``"regional-support"`` is a growth forum's backing:
    its members on a date are the clusters it backed then.
    """

    id: str = attrs.field(validator=_slug("a programme id"))
    name: str = attrs.field(validator=text)
    kind: Literal[
        "innovation-networks",
        "national-clusters",
        "regional-support",
        "consolidation",
        "other-funding",
    ] = attrs.field(validator=one_of(*PROGRAMME_KINDS))
    name_en: str | None = attrs.field(default=None, validator=optional_text)
    funder: str | None = attrs.field(default=None, validator=optional_text)
    start: PartialDate | None = attrs.field(
        default=None, converter=to_date, validator=optional_date
    )
    end: PartialDate | None = attrs.field(default=None, converter=to_date, validator=optional_date)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=sources, validator=source_items)
    note: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        Period(self.start, self.end)

    def __str__(self) -> str:
        return self.name

    def _display(self, lang: Lang) -> str:
        return self.name if lang == "da" or self.name_en is None else self.name_en


#: The kinds of lineage event.
EVENT_KINDS: Final = (
    "founding",
    "merger",
    "rename",
    "split",
    "takeover",
    "succession",
    "reorganisation",
    "closure",
)
EventKind = Literal[
    "founding", "merger", "rename", "split", "takeover", "succession", "reorganisation", "closure"
]


def _ids(_: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    distinct_texts(_, attribute, value)
    for i, item in enumerate(value):
        if SLUG.fullmatch(item) is None:
            raise FieldError(attribute.name, f"must be an organisation id, got {item!r}", index=i)


@attrs.frozen
class Event:
    """A dated change that links organisations: a merger, a rename, a split, a closure...

    `before` are the organisations it starts from and `after` those it leads to
    (ids; the same id on both sides for a rename or reorganisation). `date` is the
    best date the sources give; when they only bracket it, `not_before` and
    `not_after` do.
    """

    id: str = attrs.field(validator=_slug("an event id"))
    kind: EventKind = attrs.field(validator=one_of(*EVENT_KINDS))
    description: str = attrs.field(validator=text)
    date: PartialDate | None = attrs.field(default=None, converter=to_date, validator=optional_date)
    not_before: PartialDate | None = attrs.field(
        default=None, converter=to_date, validator=optional_date
    )
    not_after: PartialDate | None = attrs.field(
        default=None, converter=to_date, validator=optional_date
    )
    before: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=_ids)
    after: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=_ids)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=sources, validator=source_items)
    inferred: bool = attrs.field(default=False, validator=_flag)
    note: str | None = attrs.field(default=None, validator=optional_text)

    def __attrs_post_init__(self) -> None:
        in_order(self.not_before, self.not_after, ("not_before", "not_after"))

    @property
    def earliest(self) -> PartialDate | None:
        """The earliest the event may have happened: its date, else its lower bound."""
        return self.date or self.not_before

    @property
    def latest(self) -> PartialDate | None:
        """The latest the event may have happened: its date, else its upper bound."""
        return self.date or self.not_after

    def happened_by(self, on: DateLike) -> bool | None:
        """Whether the event had certainly happened by the end of `on` (None: unknown)."""
        hi = as_partial_date(on).days()[1]
        if self.latest is not None and self.latest.days()[1] <= hi:
            return True
        if self.earliest is not None and self.earliest.days()[0] > hi:
            return False
        return None
