"""The shipped JSON files against their JSON Schemas, checked with `jsonschema`."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

import dk_clusters
from dk_clusters import Cluster, PartialDate, Region, Registry

DATA = Path(dk_clusters.__file__).parent / "data"
TABLES = sorted(p.stem for p in DATA.glob("*.json"))
PRESS_RELEASE_URL = (
    "https://regionsyddanmark.dk/om-region-syddanmark/presse-og-nyheder/nyhedsarkiv/"
    "2017/september-2017/fem-gange-guld-til-syddanmark"
)


def _read(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _validator(table: str) -> Draft202012Validator:
    return Draft202012Validator(_read(DATA / "schema" / f"{table}.schema.json"))


def _strings(
    node: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string value in a decoded JSON document, with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, (*path, i))
    elif isinstance(node, str):
        yield path, node


# --- every shipped file is valid ---------------------------------------------------------------


def test_the_five_tables_are_shipped() -> None:
    # The five regions are a closed set fixed by law: they live in code (`Region`).
    assert set(TABLES) == {
        "business_areas",
        "clusters",
        "label_counts",
        "municipalities",
        "rule_sets",
    }


@pytest.mark.parametrize("table", TABLES)
def test_each_schema_is_a_valid_2020_12_schema(table: str) -> None:
    schema = _read(DATA / "schema" / f"{table}.schema.json")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("table", TABLES)
def test_each_shipped_file_validates_against_its_schema(table: str) -> None:
    document = _read(DATA / f"{table}.json")
    errors = [f"{e.json_path}: {e.message}" for e in _validator(table).iter_errors(document)]
    assert errors == []
    assert document[table], f"{table}.json has no rows"


def test_what_the_library_writes_validates(registry: Registry) -> None:
    validator = _validator("clusters")
    assert list(validator.iter_errors(json.loads(registry.to_json()))) == []
    mine = Registry(
        [Cluster(id="x", name="X", region=Region.NORDJYLLAND, municipality="0851")],
        snapshot="2024",
    )
    assert list(validator.iter_errors(json.loads(mine.to_json()))) == []


# --- the schemas reject broken records ---------------------------------------------------------


def _set(path: tuple[str | int, ...], value: object) -> Callable[[Any], None]:
    def mutate(document: Any) -> None:
        node = document
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return mutate


def _delete(key: str) -> Callable[[Any], None]:
    return lambda document: document.pop(key)


@pytest.mark.parametrize(
    ("table", "mutate", "error_path"),
    [
        pytest.param(
            "clusters",
            _set(("clusters", 1, "certifications", 0, "awarded"), "2017-13"),
            ["clusters", 1, "certifications", 0, "awarded"],
            id="month-13",
        ),
        pytest.param(
            "clusters",
            _set(("clusters", 1, "certifications", 0, "awarded"), "2017-00"),
            ["clusters", 1, "certifications", 0, "awarded"],
            id="month-00",
        ),
        pytest.param(
            "clusters",
            _set(("snapshot",), "2017-9"),
            ["snapshot"],
            id="one-digit-month",
        ),
        pytest.param("clusters", _set(("clusters", 1, "nmae"), "x"), ["clusters", 1], id="typo"),
        pytest.param(
            "clusters",
            _set(("clusters", 1, "region"), "DK-99"),
            ["clusters", 1, "region"],
            id="region",
        ),
        pytest.param(
            "clusters",
            _set(("clusters", 1, "municipality"), "461"),
            ["clusters", 1, "municipality"],
            id="three-digit-kommunekode",
        ),
        pytest.param(
            "clusters",
            _set(("clusters", 1, "sources", 0, "url"), "www.example.dk"),
            ["clusters", 1, "sources", 0, "url"],
            id="url-without-scheme",
        ),
        pytest.param(
            "clusters",
            _set(("clusters", 1, "id"), "Odense Robotics"),
            ["clusters", 1, "id"],
            id="id-not-a-slug",
        ),
        pytest.param("clusters", _delete("clusters"), [], id="no-clusters"),
        pytest.param(
            "municipalities",
            _set(("municipalities", 0, "code"), "101"),
            ["municipalities", 0, "code"],
            id="municipality-code",
        ),
    ],
)
def test_the_schema_rejects_a_broken_record(
    table: str, mutate: Callable[[Any], None], error_path: list[str | int]
) -> None:
    document = copy.deepcopy(_read(DATA / f"{table}.json"))
    mutate(document)
    errors = list(_validator(table).iter_errors(document))
    assert errors
    assert error_path in [list(e.absolute_path) for e in errors]


@given(st.from_regex(r"\d{4}(-\d{2}(-\d{2})?)?", fullmatch=True) | st.text(max_size=12))
@example("2017-00")
@example("2017-01-00")
@example("２０１７")  # fullwidth digits: digits to `re`, not to the format
def test_the_library_accepts_no_date_the_schema_rejects(text: str) -> None:
    try:
        PartialDate.parse(text)
    except ValueError:
        return
    errors = list(_validator("clusters").iter_errors({"snapshot": text, "clusters": []}))
    assert errors == [], f"the library reads {text!r} as {PartialDate.parse(text)}"


# --- URLs and sources ------------------------------------------------------------------------


@pytest.mark.parametrize("table", TABLES)
def test_no_shipped_url_lacks_a_scheme(table: str) -> None:
    strings = list(_strings(_read(DATA / f"{table}.json")))
    urls = [(path, s) for path, s in strings if path[-1] in ("url", "website")]
    assert urls
    for path, url in urls:
        parts = urlsplit(url)
        assert (parts.scheme, bool(parts.netloc)) in {("https", True), ("http", True)}, path
    for path, s in strings:
        assert not s.startswith(("www.", "//")), path


def test_the_registry_rests_on_the_press_release() -> None:
    document = _read(DATA / "clusters.json")
    (press_release,) = document["sources"]
    assert press_release["url"] == PRESS_RELEASE_URL
    assert press_release["title"] == "Fem gange guld til Syddanmark"
    assert press_release["published"] == "2017-09"


def test_the_eleven_cite_the_press_release_and_every_cluster_a_source() -> None:
    clusters = _read(DATA / "clusters.json")["clusters"]
    assert len(clusters) == 80
    citing = [c["id"] for c in clusters if PRESS_RELEASE_URL in [s["url"] for s in c["sources"]]]
    assert len(citing) == 11
    assert citing == [c["id"] for c in clusters[:11]]  # first, in the press release's order
    for cluster in clusters:
        assert cluster["sources"], cluster["id"]


def _table_with(mutate: Callable[[Any], None]) -> bytes:
    table = _read(DATA / "municipalities.json")
    mutate(table)
    return json.dumps(table, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    ("mutate", "problem"),
    [
        pytest.param(
            lambda t: t["municipalities"][0].update(code="101"),
            "municipalities[0] (\"101\").code: must be a four-digit kommunekode, got '101'",
            id="bad-row",
        ),
        pytest.param(
            lambda t: t["sources"][0].update(url="www.dst.dk"),
            "sources[0].url: must be an http(s) URL, got 'www.dst.dk'",
            id="bad-table-source",
        ),
        pytest.param(
            lambda t: t["municipalities"][0].update(sources=None),
            'municipalities[0] ("0101").sources: expected an array, got null',
            id="null-row-sources",
        ),
        pytest.param(
            lambda t: t.pop("sources"),
            "$: expected an object with the keys 'sources' and 'municipalities'",
            id="no-sources",
        ),
    ],
)
def test_a_bad_shipped_table_names_the_problem(mutate: Callable[[Any], None], problem: str) -> None:
    from dk_clusters._codec import read_table

    with pytest.raises(dk_clusters.DataError) as excinfo:
        read_table(_table_with(mutate), "municipalities", dk_clusters.Municipality)
    assert str(excinfo.value).splitlines()[-1].strip() == problem


def test_rows_without_sources_take_the_tables() -> None:
    from dk_clusters._codec import read_table

    table = _read(DATA / "municipalities.json")
    table["municipalities"][1]["sources"] = [{"url": "https://www.dst.dk/da", "title": "DST"}]
    rows = read_table(json.dumps(table).encode(), "municipalities", dk_clusters.Municipality)
    assert len(rows) == 98
    assert [s.url for s in rows[1].sources] == ["https://www.dst.dk/da"]
    assert rows[0].sources == rows[2].sources != rows[1].sources
    assert [s.url for s in rows[0].sources] == [s["url"] for s in table["sources"]]
