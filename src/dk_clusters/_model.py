"""The organisation records: clusters, and the business areas that growth forums back.

Records are values: building one checks its own fields and reads no file. The
checks that need the shipped tables (a kommunekode names a municipality in the
cluster's region, a business area exists) run where the tables are, when a
`Registry` is built.
"""

from __future__ import annotations

import functools
from typing import Any, Final, Literal

import attrs

from ._dates import DateLike, PartialDate, as_partial_date, optional_date, to_date
from ._fields import (
    SLUG,
    URL,
    distinct_strings,
    distinct_texts,
    instance_of,
    items,
    matching,
    one_of,
    optional_bool,
    optional_text,
    string_set,
    strings,
    text,
)
from ._history import LegalForm, Membership, Name, Seat, legal_forms, memberships, names, seats
from ._labels import (
    LABELS_HIGH_TO_LOW,
    NO_LABEL,
    Certification,
    CertificationLabel,
    NoLabel,
    Windows,
    certifications,
    combined,
    held,
    highest,
)
from ._layout import display, html_table, link
from ._periods import Period, in_order, state_on
from ._places import KOMMUNEKODE, Region, optional_region, to_region
from ._sources import Source, source_items, sources
from .exceptions import FieldError


@attrs.frozen
class BusinessArea:
    """A business area (forretningsområde) of Syddansk Vækstforum's strategy."""

    id: str = attrs.field(validator=matching(SLUG, "a lowercase slug like 'offshore'"))
    name_da: str = attrs.field(validator=text)
    name_en: str = attrs.field(validator=text)
    kind: Literal["area", "sub-area", "growth-initiative"] = attrs.field(
        validator=one_of("area", "sub-area", "growth-initiative")
    )
    parent: str | None = attrs.field(
        default=None, validator=matching(SLUG, "an area id", optional=True)
    )
    sources: tuple[Source, ...] = attrs.field(default=(), converter=sources, validator=source_items)


#: The fields of `Cluster` whose value may be an inference rather than a sourced fact.
INFERABLE: Final = frozenset(
    {
        *("name", "name_en", "aliases", "region", "municipality", "sectors", "website"),
        *("certifications", "backers", "business_area", "open_nationwide", "business_led"),
        *("innovation_network", "note", "founded", "ended"),
    }
)


def _inferable(_: object, attribute: attrs.Attribute[Any], value: frozenset[str]) -> None:
    if value.__class__ is not frozenset or not value <= INFERABLE:
        distinct_strings(_, attribute, value)
        unknown = sorted(str(v) for v in value - INFERABLE)
        raise FieldError(attribute.name, f"names fields that cannot be inferred: {unknown}")


_certification_items = items(Certification)
_name_items = items(Name)
_seat_items = items(Seat)
_membership_items = items(Membership)
_legal_form_items = items(LegalForm)


@attrs.frozen
class Cluster:
    """A cluster organisation (klyngeorganisation) and what the sources say of it.

    Every field but `id` and `name` may be unknown (None) or empty. `region` and
    `municipality` say where the secretariat sits; `backers` says which regional
    growth forums support the cluster (``"syddansk-vaekstforum"``): the two are
    different facts. `inferred` names the fields whose value is an inference
    rather than a sourced fact. `innovation_network` says whether the cluster is,
    or aims to become, a national innovation network. `labels_complete` says
    whether `certifications` lists every label the organisation held; when it
    does not, "no label" is never certain.

    >>> c = Cluster("fyn", "Fyn", region="DK-83", certifications=[Certification("gold", "2023-11")])
    >>> c.region, c.holds_label("gold", on="2024-06")
    (<Region.SYDDANMARK: 'DK-83'>, True)
    """

    id: str = attrs.field(validator=matching(SLUG, "a lowercase slug like 'odense-robotics'"))
    name: str = attrs.field(validator=text)
    name_en: str | None = attrs.field(default=None, validator=optional_text)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=distinct_texts)
    region: Region | None = attrs.field(
        default=None, converter=to_region, validator=optional_region
    )
    municipality: str | None = attrs.field(
        default=None, validator=matching(KOMMUNEKODE, "a four-digit kommunekode", optional=True)
    )
    sectors: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=distinct_texts)
    website: str | None = attrs.field(
        default=None, validator=matching(URL, "an http(s) URL", optional=True)
    )
    certifications: tuple[Certification, ...] = attrs.field(
        default=(), converter=certifications, validator=_certification_items
    )
    backers: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=distinct_texts)
    business_area: str | None = attrs.field(
        default=None, validator=matching(SLUG, "a business-area id", optional=True)
    )
    open_nationwide: bool | None = attrs.field(default=None, validator=optional_bool)
    business_led: bool | None = attrs.field(default=None, validator=optional_bool)
    innovation_network: bool | None = attrs.field(default=None, validator=optional_bool)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=sources, validator=source_items)
    inferred: frozenset[str] = attrs.field(
        default=frozenset(), converter=string_set, validator=_inferable
    )
    note: str | None = attrs.field(default=None, validator=optional_text)
    founded: PartialDate | None = attrs.field(
        default=None, converter=to_date, validator=optional_date
    )
    ended: PartialDate | None = attrs.field(
        default=None, converter=to_date, validator=optional_date
    )
    names: tuple[Name, ...] = attrs.field(default=(), converter=names, validator=_name_items)
    seats: tuple[Seat, ...] = attrs.field(default=(), converter=seats, validator=_seat_items)
    memberships: tuple[Membership, ...] = attrs.field(
        default=(), converter=memberships, validator=_membership_items
    )
    legal_forms: tuple[LegalForm, ...] = attrs.field(
        default=(), converter=legal_forms, validator=_legal_form_items
    )
    labels_complete: bool = attrs.field(default=True, validator=instance_of(bool))

    def __attrs_post_init__(self) -> None:
        in_order(self.founded, self.ended, ("founded", "ended"))

    @functools.cached_property
    def _labels(self) -> tuple[tuple[CertificationLabel, Windows], ...]:
        """Each label the cluster has certifications of, high to low, with their windows."""
        by_label: dict[CertificationLabel, list[Certification]] = {}
        for c in self.certifications:
            by_label.setdefault(c.label, []).append(c)
        return tuple(
            (label, combined(by_label[label])) for label in LABELS_HIGH_TO_LOW if label in by_label
        )

    def holds_label(self, label: CertificationLabel | str, on: DateLike) -> bool | None:
        """Whether the cluster holds `label` throughout `on`: True, False, or None (unknown).

        False only where the record rules it out: when `labels_complete` is False, a
        label the certifications do not show may still have been held.
        """
        wanted = CertificationLabel.parse(label)
        lo, hi = as_partial_date(on).days()
        answer: bool | None = False
        for found, windows in self._labels:
            if found is wanted:
                answer = held(wanted, windows, lo, hi)
        return None if answer is False and not self.labels_complete else answer

    def highest_label(self, on: DateLike) -> CertificationLabel | NoLabel | None:
        """The highest label the cluster certainly holds throughout `on`.

        `NO_LABEL` when it certainly holds none; None when the data cannot tell,
        including when a higher label may hold than the one that certainly does,
        and when the record is not complete (`labels_complete`) and shows none.
        """
        return self._highest_between(*as_partial_date(on).days())

    def _highest_between(self, lo: int, hi: int) -> CertificationLabel | NoLabel | None:
        """`highest_label` for the days `lo` to `hi` (proleptic ordinals), for counting."""
        found = highest(self._labels, lo, hi)
        return None if found is NO_LABEL and not self.labels_complete else found

    def exists_on(self, on: DateLike) -> bool | None:
        """Whether the organisation existed throughout `on`: True, False, or None (unknown).

        It exists from `founded` to `ended`; an unknown founding or end leaves the
        answer unknown on the side it bounds.
        """
        return Period(self.founded, self.ended).holds_on(on)

    def name_on(self, on: DateLike) -> tuple[str, bool | None]:
        """The name in effect throughout `on`, and whether that is certain.

        Without a history of names, `name` is the answer, certainly.
        """
        if not self.names:
            return self.name, True
        found, certain = state_on(self.names, on)
        return (self.name, None) if found is None else (found.name, certain)

    def seat_on(self, on: DateLike) -> tuple[Seat | None, bool | None]:
        """The seat in effect throughout `on`, and whether that is certain (None: unknown).

        Without a history of seats, the seat is `region` and `municipality`.
        """
        if not self.seats:
            return Seat(self.region, self.municipality), True
        return state_on(self.seats, on)

    def member_of(self, programme: str, on: DateLike) -> bool | None:
        """Whether the organisation belonged to `programme` throughout `on` (None: unknown)."""
        answers = [m.holds_on(on) for m in self.memberships if m.programme == programme]
        if True in answers:
            return True
        return None if None in answers else False

    def area_in(self, programme: str, on: DateLike) -> str | None:
        """The area its membership of `programme` names (`Membership.role`) on `on`, if any.

        Of the memberships not known to have ended by then, the first that names one.
        """
        for m in self.memberships:
            if m.programme == programme and m.holds_on(on) is not False and m.role:
                return m.role
        return None

    def legal_form_on(self, on: DateLike) -> LegalForm | None:
        """The legal form the organisation had on `on`, as far as the data know, or None.

        The last form begun by then that is not known to have ended before it; its
        `LegalForm.holds_on` says whether it certainly held (one whose end is unknown may).
        """
        when = as_partial_date(on)
        begun = [
            f
            for f in self.legal_forms
            if f.holds_on(when) is not False
            and (f.start is None or f.start.earliest() <= when.earliest())
        ]
        return begun[-1] if begun else None

    def __str__(self) -> str:
        return self.name

    def _repr_html_(self) -> str:
        nested = ("certifications", "sources", "names", "seats", "memberships", "legal_forms")
        rows: list[tuple[str, object]] = [
            (a.name, "" if (v := getattr(self, a.name)) == () else v)
            for a in attrs.fields(Cluster)
            if a.name not in nested
        ]
        rows += [(f"name from {display(n.since)}", n.name) for n in self.names]
        rows += [
            (f"seat from {display(s.since)}", f"{display(s.municipality)}, {display(s.region)}")
            for s in self.seats
        ]
        rows += [
            (f"member of {m.programme}", f"{display(m.start)} to {display(m.end)}")
            for m in self.memberships
        ]
        rows += [
            (f"legal form {f.form}", f"{display(f.start)} to {display(f.end)}")
            for f in self.legal_forms
        ]
        rows += [
            (
                f"certification: {c.label.value}",
                f"awarded {display(c.awarded)}; seen valid {display(c.seen_valid) or '-'}",
            )
            for c in self.certifications
        ]
        rows += [("source", link(s.url, s.title)) for s in self.sources]
        return html_table(("field", "value"), rows, caption=self.name)
