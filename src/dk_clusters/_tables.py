"""The shipped reference tables: municipalities, business areas, published label counts.

Each is read from package data on first use, once, even from many threads.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._codec import read_table
from ._files import once, read_bytes
from ._model import BusinessArea
from ._places import Municipality, Region
from ._text import fold, require_text, suggest
from .exceptions import NotFoundError

if TYPE_CHECKING:
    from ._figures import LabelCount


@once
def _municipalities() -> tuple[tuple[Municipality, ...], dict[str, Municipality]]:
    rows = read_table(read_bytes("municipalities.json"), "municipalities", Municipality)
    ordered = tuple(sorted(rows, key=lambda m: m.code))
    return ordered, {m.code: m for m in ordered}


@once
def _municipality_keys() -> dict[str, Municipality]:
    """Folded codes, names, official and former names to municipalities, for lookups."""
    keys: dict[str, Municipality] = {}
    for m in municipalities():
        for name in (m.code, m.name, m.official_name, *m.aliases):
            keys.setdefault(fold(name), m)
    return keys


def municipalities(region: Region | str | int | None = None) -> tuple[Municipality, ...]:
    """All 98 Danish municipalities, or those of `region`, ordered by kommunekode.

    Args:
        region: Only the municipalities of this region, in any form `Region.parse`
            takes (``"DK-83"``, ``"Syddanmark"``, ``"Southern Denmark"``).

    >>> ms = municipalities()
    >>> len(ms), ms[0].name, ms[-1].name
    (98, 'København', 'Hjørring')
    >>> len(municipalities(region="Southern Denmark"))
    22
    """
    every = _municipalities()[0]
    if region is None:
        return every
    wanted = Region.parse(region)
    return tuple(m for m in every if m.region is wanted)


def municipality(value: str | int) -> Municipality:
    """Find a municipality by kommunekode (``"0751"`` or ``751``), name, official or former name.

    Args:
        value: A kommunekode, as text or a number; a name, official name or former
            name; or a short form in common use (``"Nordfyn"``, ``"Lyngby"``,
            ``"Copenhagen"``; `Municipality.aliases`, each with its source). Case,
            accents, hyphens and Danish letters fold.

    Raises:
        NotFoundError: No municipality answers to `value`; the message names close
            matches.

    >>> municipality("Århus").official_name
    'Aarhus Kommune'
    >>> municipality(461).name
    'Odense'
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 < value < 10_000:
            raise NotFoundError("municipality", value)
        value = f"{value:04d}"
    query = require_text(value, "a municipality")
    if query.isdigit() and len(query) <= 4:
        query = query.zfill(4)
    keys = _municipality_keys()
    found = keys.get(query)
    if found is None:
        names = {key: m.name for key, m in keys.items() if not key.isdigit()}
        raise NotFoundError("municipality", value, suggest(query, names))
    return found


def municipality_by_code(code: str) -> Municipality | None:
    """The municipality with kommunekode `code`, or None."""
    return _municipalities()[1].get(code)


@once
def business_areas() -> tuple[BusinessArea, ...]:
    """The business areas of Syddansk Vækstforum's strategy, with their sources."""
    return read_table(read_bytes("business_areas.json"), "business_areas", BusinessArea)


@once
def business_areas_by_id() -> dict[str, BusinessArea]:
    """The business areas by id."""
    return {area.id: area for area in business_areas()}


@once
def label_counts() -> tuple[LabelCount, ...]:
    """Every published count of ECEI-labelled cluster organisations that ships, with sources.

    Dated counts come first, by the last day their date stands for; undated ones last.
    """
    from ._figures import LabelCount  # only the European counts need these records

    return read_table(read_bytes("label_counts.json"), "label_counts", LabelCount)
