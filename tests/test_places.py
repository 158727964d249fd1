"""The five regions and the 98 municipalities, and finding them by code or name."""

from __future__ import annotations

from collections import Counter

import pytest

import dk_clusters
from dk_clusters import Municipality, NotFoundError, Region

# ISO 3166-2, NUTS-2 and DAGI codes. NUTS runs east to west, ISO the other way:
# DK01 is Hovedstaden (DK-84), DK05 is Nordjylland (DK-81).
CODES = {
    Region.HOVEDSTADEN: ("DK-84", "DK01", 1084),
    Region.SJAELLAND: ("DK-85", "DK02", 1085),
    Region.SYDDANMARK: ("DK-83", "DK03", 1083),
    Region.MIDTJYLLAND: ("DK-82", "DK04", 1082),
    Region.NORDJYLLAND: ("DK-81", "DK05", 1081),
}
NAMES = {
    Region.HOVEDSTADEN: ("Region Hovedstaden", "Hovedstaden", "Capital Region of Denmark"),
    Region.SJAELLAND: ("Region Sjælland", "Sjælland", "Region Zealand"),
    Region.SYDDANMARK: ("Region Syddanmark", "Syddanmark", "Region of Southern Denmark"),
    Region.MIDTJYLLAND: ("Region Midtjylland", "Midtjylland", "Central Denmark Region"),
    Region.NORDJYLLAND: ("Region Nordjylland", "Nordjylland", "North Denmark Region"),
}

# --- regions ---------------------------------------------------------------------------------


def test_there_are_five_regions_in_iso_order() -> None:
    assert list(Region) == [
        Region.HOVEDSTADEN,
        Region.SJAELLAND,
        Region.SYDDANMARK,
        Region.MIDTJYLLAND,
        Region.NORDJYLLAND,
    ]


def test_syddanmark_has_all_its_attributes() -> None:
    r = Region.SYDDANMARK
    assert (r.iso_code, r.nuts_code, r.dagi_code, r.name_da, r.short_name, r.name_en, r.seat) == (
        "DK-83",
        "DK03",
        1083,
        "Region Syddanmark",
        "Syddanmark",
        "Region of Southern Denmark",
        "Vejle",
    )
    assert r.value == "DK-83"
    assert str(r) == "Region Syddanmark"


@pytest.mark.parametrize("region", list(Region), ids=lambda r: r.name)
def test_codes_of_every_region(region: Region) -> None:
    assert (region.iso_code, region.nuts_code, region.dagi_code) == CODES[region]


@pytest.mark.parametrize("region", list(Region), ids=lambda r: r.name)
def test_names_and_sources_of_every_region(region: Region) -> None:
    assert (region.name_da, region.short_name, region.name_en) == NAMES[region]
    assert region.sources
    assert all(s.url.startswith("https://") for s in region.sources)


@pytest.mark.parametrize(
    ("value", "region"),
    [
        *((code, region) for region, codes in CODES.items() for code in codes),
        *((str(codes[2]), region) for region, codes in CODES.items()),
        *((name, region) for region, names in NAMES.items() for name in names),
        *((region.name, region) for region in Region),
        *((region, region) for region in Region),
    ],
    ids=repr,
)
def test_parse_every_code_and_name(value: str | int | Region, region: Region) -> None:
    assert Region.parse(value) is region


@pytest.mark.parametrize(
    "value",
    [
        "sjaelland",
        "SJÆLLAND",
        "region sjælland",
        "Region Sjaelland",
        "sjælland",
        "dk-85",
        "dk02",
        "REGION ZEALAND",
    ],
)
def test_parse_folds_case_and_danish_letters(value: str) -> None:
    assert Region.parse(value) is Region.SJAELLAND


def test_parse_suggests_a_close_region() -> None:
    with pytest.raises(NotFoundError) as excinfo:
        Region.parse("Syddanmrk")
    assert excinfo.value.suggestions[0] == "Syddanmark"
    assert "Syddanmark" in str(excinfo.value)
    assert isinstance(excinfo.value, LookupError)


@pytest.mark.parametrize("value", ["DK-99", 1086, "Skåne"], ids=repr)
def test_parse_rejects_what_is_no_region(value: str | int) -> None:
    with pytest.raises(NotFoundError):
        Region.parse(value)


@pytest.mark.parametrize("value", ["", "   ", "-"], ids=repr)
def test_parse_rejects_blank(value: str) -> None:
    with pytest.raises(ValueError, match="blank"):
        Region.parse(value)


# --- municipalities --------------------------------------------------------------------------


def test_there_are_98_municipalities_ordered_by_code() -> None:
    ms = dk_clusters.municipalities()
    assert len(ms) == 98
    codes = [m.code for m in ms]
    assert codes == sorted(codes)
    assert len(set(codes)) == 98
    assert (ms[0].code, ms[0].name) == ("0101", "København")
    assert (ms[-1].code, ms[-1].name) == ("0860", "Hjørring")
    assert all(isinstance(m, Municipality) for m in ms)


def test_municipalities_per_region() -> None:
    counts = Counter(m.region for m in dk_clusters.municipalities())
    assert counts == {
        Region.HOVEDSTADEN: 29,
        Region.SJAELLAND: 17,
        Region.SYDDANMARK: 22,
        Region.MIDTJYLLAND: 19,
        Region.NORDJYLLAND: 11,
    }


@pytest.mark.parametrize(
    ("code", "name", "region"),
    [
        # near Vejle, but not in Region Syddanmark
        ("0615", "Horsens", Region.MIDTJYLLAND),
        ("0766", "Hedensted", Region.MIDTJYLLAND),
        # in the Copenhagen area, but not in Region Hovedstaden
        ("0253", "Greve", Region.SJAELLAND),
        ("0259", "Køge", Region.SJAELLAND),
        ("0265", "Roskilde", Region.SJAELLAND),
        ("0269", "Solrød", Region.SJAELLAND),
        # places of the shipped clusters
        ("0461", "Odense", Region.SYDDANMARK),
        ("0561", "Esbjerg", Region.SYDDANMARK),
        ("0400", "Bornholm", Region.HOVEDSTADEN),
    ],
    ids=lambda v: v if isinstance(v, str) and not v.isdigit() else None,
)
def test_municipalities_that_are_easy_to_misplace(code: str, name: str, region: Region) -> None:
    m = dk_clusters.municipality(code)
    assert (m.code, m.name, m.region) == (code, name, region)


@pytest.mark.parametrize("value", ["0411", 411, "Christiansø"], ids=repr)
def test_christianso_is_not_a_municipality(value: str | int) -> None:
    assert "0411" not in {m.code for m in dk_clusters.municipalities()}
    with pytest.raises(NotFoundError):
        dk_clusters.municipality(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0751", "0751"),
        (751, "0751"),
        ("751", "0751"),
        ("Aarhus", "0751"),
        ("Århus", "0751"),
        ("aarhus kommune", "0751"),
        ("AARHUS KOMMUNE", "0751"),
        ("Brønderslev-Dronninglund", "0810"),
        ("Brønderslev", "0810"),
        ("Vesthimmerland", "0820"),
        ("Vesthimmerlands", "0820"),
        ("Ærø", "0492"),
        ("Aerø", "0492"),
        ("aero", "0492"),
        ("AERO", "0492"),
        ("Ærø Kommune", "0492"),
        ("Københavns Kommune", "0101"),
        ("kobenhavn", "0101"),
        ("Bornholms Regionskommune", "0400"),
        (101, "0101"),
    ],
    ids=repr,
)
def test_find_a_municipality_by_code_or_name(value: str | int, code: str) -> None:
    assert dk_clusters.municipality(value).code == code


def test_a_municipality_has_its_names() -> None:
    aarhus = dk_clusters.municipality("Århus")
    assert (aarhus.code, aarhus.name, aarhus.official_name, aarhus.region) == (
        "0751",
        "Aarhus",
        "Aarhus Kommune",
        Region.MIDTJYLLAND,
    )
    assert "Århus" in aarhus.aliases
    assert str(aarhus) == "Aarhus"


def test_a_misspelt_municipality_gets_suggestions() -> None:
    with pytest.raises(NotFoundError) as excinfo:
        dk_clusters.municipality("Odnse")
    error = excinfo.value
    assert isinstance(error, LookupError)
    assert isinstance(error, dk_clusters.DkClustersError)
    assert error.suggestions[0] == "Odense"
    assert "'Odense'" in str(error)


@pytest.mark.parametrize("value", [0, 10_000, -751, "9999", "Malmö"], ids=repr)
def test_what_is_no_municipality_is_not_found(value: str | int) -> None:
    with pytest.raises(NotFoundError):
        dk_clusters.municipality(value)


@pytest.mark.parametrize("value", ["", "  ", "--"], ids=repr)
def test_a_blank_municipality_query_is_a_value_error(value: str) -> None:
    with pytest.raises(ValueError, match="blank"):
        dk_clusters.municipality(value)


def test_every_municipality_has_sources() -> None:
    for m in dk_clusters.municipalities():
        assert m.sources, m
        assert all(s.url.startswith("https://") for s in m.sources), m


def test_every_municipality_is_found_by_its_code_and_names() -> None:
    for m in dk_clusters.municipalities():
        for value in (m.code, int(m.code), m.name, m.official_name, *m.aliases):
            assert dk_clusters.municipality(value) is m, value


# --- names as people type them ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "region"),
    [
        ("Southern Denmark", Region.SYDDANMARK),
        ("Zealand", Region.SJAELLAND),
        ("Capital Region", Region.HOVEDSTADEN),
        ("North Jutland", Region.NORDJYLLAND),
        ("Central Jutland", Region.MIDTJYLLAND),
        ("mid-jutland", Region.MIDTJYLLAND),
        ("NORTH DENMARK", Region.NORDJYLLAND),
        ("DK03", Region.SYDDANMARK),
        (1081, Region.NORDJYLLAND),
    ],
    ids=repr,
)
def test_parse_takes_the_english_short_names(value: str | int, region: Region) -> None:
    assert Region.parse(value) is region
    assert dk_clusters.municipalities(region=value) == dk_clusters.municipalities(region=region)


def test_every_english_short_name_is_named_by_a_source() -> None:
    notes = " ".join(s.note or "" for s in dk_clusters.Region.SYDDANMARK.sources)
    for region in Region:
        assert region.aliases
        for alias in region.aliases:
            short = alias in notes or alias in region.name_en
            assert short, f"{region.name}: {alias!r} is in no source's note nor the English name"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Nordfyn", "0480"),
        ("Lyngby", "0173"),
        ("København", "0101"),
        ("Copenhagen", "0101"),
        ("Høje-Taastrup", "0169"),
        ("Høje Taastrup", "0169"),
        ("Hoje Taastrup", "0169"),
    ],
    ids=repr,
)
def test_municipality_takes_the_short_forms_in_common_use(value: str, code: str) -> None:
    assert dk_clusters.municipality(value).code == code


def test_every_municipality_alias_has_a_source_that_names_it() -> None:
    notes = [s.note or "" for s in dk_clusters.municipalities()[0].sources]
    for m in dk_clusters.municipalities():
        for alias in m.aliases:
            assert any(f"'{alias}'" in note and m.code in note for note in notes), (m.code, alias)


def test_municipalities_of_a_region_are_those_it_holds() -> None:
    by_region = {r: dk_clusters.municipalities(region=r) for r in Region}
    counts = Counter(m.region for m in dk_clusters.municipalities())
    assert {r: len(ms) for r, ms in by_region.items()} == counts
    assert len(by_region[Region.SYDDANMARK]) == 22
    assert all(m.region is r for r, ms in by_region.items() for m in ms)
    with pytest.raises(NotFoundError, match="no region matches 'Jutland'"):
        dk_clusters.municipalities(region="Jutland")
