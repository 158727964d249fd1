"""Places: the five regions of Denmark, and the record of a municipality.

The regions are a closed set fixed by law in 2007, so their codes and names live
here, with their sources. The municipalities are a table of package data, read
by the registry layer.
"""

from __future__ import annotations

import functools
from enum import Enum
from re import compile as regex
from typing import Any, Final, NamedTuple

import attrs

from ._fields import distinct_texts, matching, resolve_annotations, strings, text
from ._layout import Lang
from ._sources import Source, source_items, sources
from ._text import fold, require_text, short_repr, suggest
from .exceptions import FieldError, FieldTypeError, NotFoundError

KOMMUNEKODE = regex(r"[0-9]{4}")


class _Facts(NamedTuple):
    nuts_code: str
    dagi_code: int
    name_da: str
    short_name: str
    name_en: str
    seat: str


class Region(Enum):
    """The five regions of Denmark, valued by their ISO 3166-2 code.

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

    # Members are singletons, so identity hashing is exact (Enum.__hash__ is Python code).
    __hash__ = object.__hash__

    @property
    def _facts(self) -> _Facts:
        return _FACTS[self.value]

    @property
    def iso_code(self) -> str:
        """ISO 3166-2 code, e.g. ``"DK-83"``."""
        return self.value

    @property
    def nuts_code(self) -> str:
        """NUTS-2 code, e.g. ``"DK03"``."""
        return self._facts.nuts_code

    @property
    def dagi_code(self) -> int:
        """DAGI region code, e.g. ``1083``."""
        return self._facts.dagi_code

    @property
    def name_da(self) -> str:
        """Official Danish name, e.g. ``"Region Syddanmark"``."""
        return self._facts.name_da

    @property
    def short_name(self) -> str:
        """Short Danish name, e.g. ``"Syddanmark"``."""
        return self._facts.short_name

    @property
    def name_en(self) -> str:
        """English name, e.g. ``"Region of Southern Denmark"``."""
        return self._facts.name_en

    @property
    def seat(self) -> str:
        """Where the regional council sits, e.g. ``"Vejle"``."""
        return self._facts.seat

    @property
    def aliases(self) -> tuple[str, ...]:
        """Other names in common use, in English, e.g. ``("Southern Denmark",)``."""
        return _ALIASES[self.value]

    @property
    def sources(self) -> tuple[Source, ...]:
        """The public sources of the regions' codes, names and seats."""
        return REGION_SOURCES

    @property
    def inferred(self) -> frozenset[str]:
        """The attributes whose value is an inference rather than stated by a source.

        >>> sorted(Region.SYDDANMARK.inferred), sorted(Region.NORDJYLLAND.inferred)
        (['dagi_code'], [])
        """
        return _INFERRED.get(self.value, frozenset())

    def __str__(self) -> str:
        return self.name_da

    def _display(self, lang: Lang) -> str:
        return self.short_name

    @classmethod
    def parse(cls, value: Region | str | int) -> Region:
        """Find a region by any of its codes or names.

        Accepts the ISO, NUTS and DAGI codes (str or int), the Danish, short and
        English names, the English short names in common use (`aliases`) and the
        member name, folding case and accents. Raises `NotFoundError` with close
        matches otherwise.

        >>> Region.parse("Southern Denmark"), Region.parse("North Jutland")
        (<Region.SYDDANMARK: 'DK-83'>, <Region.NORDJYLLAND: 'DK-81'>)
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


# Sources: ISO 3166-2:DK for the ISO codes and English names, HL7 Denmark's code system
# for the English and short Danish names, the NUTS table for NUTS-2, DAWA for DAGI codes,
# and two secondary sources for the seats (REGION_SOURCES below).
_FACTS: Final = {
    "DK-84": _Facts(
        "DK01", 1084, "Region Hovedstaden", "Hovedstaden", "Capital Region of Denmark", "Hillerød"
    ),
    "DK-85": _Facts("DK02", 1085, "Region Sjælland", "Sjælland", "Region Zealand", "Sorø"),
    "DK-83": _Facts(
        "DK03", 1083, "Region Syddanmark", "Syddanmark", "Region of Southern Denmark", "Vejle"
    ),
    "DK-82": _Facts(
        "DK04", 1082, "Region Midtjylland", "Midtjylland", "Central Denmark Region", "Viborg"
    ),
    "DK-81": _Facts(
        "DK05", 1081, "Region Nordjylland", "Nordjylland", "North Denmark Region", "Aalborg"
    ),
}

#: English short names in common use (REGION_SOURCES): the official English names without
#: "Region (of)", and the direct translations of the Danish names.
_ALIASES: Final = {
    "DK-84": ("Capital Region",),
    "DK-85": ("Zealand",),
    "DK-83": ("Southern Denmark",),
    "DK-82": ("Central Jutland", "Mid-Jutland", "Central Denmark"),
    "DK-81": ("North Jutland", "North Denmark"),
}

#: The seen DAWA output shows DAGI codes 1081 and 1082 only; the others follow their pattern.
_INFERRED: Final = dict.fromkeys(("DK-83", "DK-84", "DK-85"), frozenset({"dagi_code"}))

#: The public sources of the regions' codes, names and seats.
REGION_SOURCES: Final = (
    Source(
        "https://en.wikipedia.org/wiki/ISO_3166-2:DK",
        "ISO 3166-2:DK (Wikipedia)",
        note="ISO 3166-2 region codes (iso_code) and English region names (name_en).",
    ),
    Source(
        "https://github.com/hl7dk/website/blob/adf27df08c05596ccb184b6cfb98b34e85eddcf3/fhir/"
        "core/CodeSystem-dk-core-regional-subdivision-codes.md",
        "DK Regional Subdivision Codes (HL7 Denmark, DK Core)",
        note="ISO 3166-2 region codes (iso_code) with English display names (name_en) and "
        "Danish short names (short_name); file at commit adf27df0. Its English display for "
        "DK-81 reads 'Nord Denmark Region'.",
    ),
    Source(
        "https://en.wikipedia.org/wiki/NUTS_statistical_regions_of_Denmark",
        "NUTS statistical regions of Denmark (Wikipedia)",
        note="NUTS-2 codes DK01–DK05 (nuts_code). The NUTS order differs from the ISO order: "
        "DK01 is Hovedstaden (DK-84).",
    ),
    Source(
        "https://rdrr.io/cran/dawaR/f/tests/testthat/_snaps/base_api.md",
        "dawaR: test snapshot of the DAWA 'regioner' endpoint (rdrr.io)",
        note="DAGI region codes (dagi_code). This snapshot of DAWA output shows kode 1081 "
        "Region Nordjylland (nuts2 DK05) and kode 1082 Region Midtjylland (nuts2 DK04) in the "
        "part seen; 1083, 1084 and 1085 are inferred from that pattern (Region.inferred).",
    ),
    Source(
        "https://en.wikipedia.org/wiki/Central_Denmark_Region",
        "Central Denmark Region (Wikipedia)",
        note="English short names (aliases): Region Midtjylland, 'or more directly translated "
        "as the Central Jutland Region and sometimes simply Mid-Jutland'; Region Nordjylland "
        "'can be translated to \"Region of North Jutland\"'. The other short forms drop "
        "'Region (of)' from the English names.",
    ),
    Source(
        "https://en.wikipedia.org/wiki/Lyngby-Taarb%C3%A6k_Municipality",
        "Lyngby-Taarbæk Municipality (Wikipedia)",
        note="English short name 'Capital Region' for Region Hovedstaden (aliases), as the "
        "article's summary gives the region.",
    ),
    Source(
        "https://nameof.org/name-of-all-regions-in-denmark",
        "Name of all regions in Denmark (nameof.org)",
        note="Seats of the regional councils (seat); secondary source.",
    ),
    Source(
        "https://www.daenemark.de/regionen/",
        "Regionen in Dänemark (daenemark.de)",
        note="Seats of the regional councils: Hillerød, Sorø, Vejle, Viborg, Aalborg (seat); "
        "secondary source, corroborating the one above.",
    ),
)


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
            *region.aliases,
        ):
            keys[fold(name)] = region
    return keys


# --- region fields ----------------------------------------------------------------------------

_BY_CODE: Final = {region.value: region for region in Region}
_CODES: Final = ", ".join(repr(code) for code in _BY_CODE)


def to_region(value: Region | str | None) -> Region | None:
    """A region field's converter: a `Region` from its ISO code (``"DK-83"``).

    Anything else is left for the validator.
    """
    found = _BY_CODE.get(value) if value.__class__ is str else None
    return value if found is None else found  # type: ignore[return-value]


def required_region(value: Region | str) -> Region:
    """`to_region` for a field that must hold a region."""
    return to_region(value)  # type: ignore[return-value]


def _region_check(*, optional: bool) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value.__class__ is Region or (optional and value is None):
            return
        expected = f"must be a Region or one of its codes {_CODES}"
        if isinstance(value, str):
            raise FieldError(attribute.name, f"{expected}, got {short_repr(value)}")
        raise FieldTypeError(attribute.name, f"{expected}, not {type(value).__name__}")

    return check


#: The validators of a region field and of a field that may be unknown.
region = _region_check(optional=False)
optional_region = _region_check(optional=True)
resolve_annotations(to_region, required_region)


# --- municipalities ---------------------------------------------------------------------------


@attrs.frozen
class Municipality:
    """One of Denmark's 98 municipalities (kommuner)."""

    code: str = attrs.field(validator=matching(KOMMUNEKODE, "a four-digit kommunekode"))
    name: str = attrs.field(validator=text)
    official_name: str = attrs.field(validator=text)
    region: Region = attrs.field(converter=required_region, validator=region)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=strings, validator=distinct_texts)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=sources, validator=source_items)

    def __str__(self) -> str:
        return self.name
