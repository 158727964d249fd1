"""Bad registry data: every problem is a DataError that names where it is."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest

from dk_clusters import (
    Certification,
    CertificationLabel,
    Cluster,
    DataError,
    DkClustersError,
    FieldError,
    PartialDate,
    Region,
    Registry,
    Source,
)

Document = dict[str, Any]
ROBOTICS = 'clusters[1] ("odense-robotics")'


def _set(path: tuple[str | int, ...], value: object) -> Callable[[Document], None]:
    """A mutation that sets the value at `path` in the document."""

    def mutate(document: Document) -> None:
        node: Any = document
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value

    return mutate


def _delete(path: tuple[str | int, ...]) -> Callable[[Document], None]:
    def mutate(document: Document) -> None:
        node: Any = document
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]

    return mutate


def _problem(error: DataError) -> str:
    assert len(error.problems) == 1, error.problems
    (problem,) = error.problems
    assert str(error) == problem
    return problem


# --- one thing wrong in the shipped document -------------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        pytest.param(_set(("clusters", 1, "nmae"), "x"), f"{ROBOTICS}.nmae", id="unknown-key"),
        pytest.param(
            _set(("clusters", 1, "open_nationwide"), "yes"),
            f"{ROBOTICS}.open_nationwide",
            id="string-for-bool",
        ),
        pytest.param(
            _set(("clusters", 1, "open_nationwide"), 1),
            f"{ROBOTICS}.open_nationwide",
            id="number-for-bool",
        ),
        pytest.param(
            _set(("clusters", 1, "municipality"), 461),
            f"{ROBOTICS}.municipality",
            id="number-for-kommunekode",
        ),
        pytest.param(
            _set(("clusters", 1, "certifications", 0, "awarded"), "2017-13"),
            f"{ROBOTICS}.certifications[0].awarded",
            id="bad-date",
        ),
        pytest.param(
            _set(("clusters", 1, "certifications", 0, "label"), "platinum"),
            f"{ROBOTICS}.certifications[0].label",
            id="unknown-label",
        ),
        pytest.param(
            _set(("clusters", 1, "certifications", 0, "valid_until"), "2016"),
            f"{ROBOTICS}.certifications[0].valid_until",
            id="end-before-award",
        ),
        pytest.param(
            _set(("clusters", 1, "region"), "DK-99"), f"{ROBOTICS}.region", id="unknown-region"
        ),
        pytest.param(
            _set(("clusters", 1, "municipality"), "9999"),
            f"{ROBOTICS}.municipality",
            id="unknown-municipality",
        ),
        pytest.param(
            _set(("clusters", 1, "municipality"), "0751"),  # Aarhus, in Midtjylland
            f"{ROBOTICS}.municipality",
            id="municipality-in-another-region",
        ),
        pytest.param(
            _set(("clusters", 6, "id"), "odense-robotics"),  # BrainsBusiness: in no event
            'clusters[6] ("odense-robotics").id',
            id="duplicate-id",
        ),
        pytest.param(
            _set(("clusters", 1, "business_area"), "robots"),
            f"{ROBOTICS}.business_area",
            id="unknown-business-area",
        ),
        pytest.param(_delete(("clusters", 1, "name")), f"{ROBOTICS}.name", id="missing-name"),
        pytest.param(
            _set(("clusters", 1, "id"), "Odense Robotics"),
            'clusters[1] ("Odense Robotics").id',
            id="id-not-a-slug",
        ),
        pytest.param(
            _set(("clusters", 1, "sources", 0, "url"), "www.example.dk"),
            f"{ROBOTICS}.sources[0].url",
            id="url-without-scheme",
        ),
        pytest.param(
            _set(("clusters", 1, "inferred"), ["nmae"]),
            f"{ROBOTICS}.inferred",
            id="inferred-unknown-field",
        ),
        pytest.param(
            _set(("clusters", 1, "sectors"), ["robotics", " "]),
            f"{ROBOTICS}.sectors[1]",
            id="blank-sector",
        ),
        pytest.param(
            _set(("clusters", 1, "certifications", 0, "seen_valid"), ["2017-09", "2017-09"]),
            f"{ROBOTICS}.certifications[0].seen_valid",
            id="duplicate-date",
        ),
        pytest.param(
            _set(("clusters", 1, "inferred"), ["name", "name"]),
            f"{ROBOTICS}.inferred",
            id="duplicate-inferred-field",
        ),
        pytest.param(_set(("snapshot",), "2017-13"), "snapshot", id="bad-snapshot"),
        pytest.param(_set(("extra",), 1), "extra", id="unknown-top-level-key"),
        pytest.param(_delete(("snapshot",)), "snapshot", id="missing-snapshot"),
        pytest.param(_delete(("clusters",)), "clusters", id="missing-clusters"),
    ],
)
def test_one_bad_field_names_its_path(
    document: Document, mutate: Callable[[Document], None], path: str
) -> None:
    mutate(document)
    with pytest.raises(DataError) as excinfo:
        Registry.from_json(json.dumps(document, ensure_ascii=False))
    assert _problem(excinfo.value).startswith(f"{path}: ")


def test_data_error_is_a_library_error_and_a_value_error(document: Document) -> None:
    _set(("clusters", 1, "nmae"), "x")(document)
    with pytest.raises(DataError) as excinfo:
        Registry.from_json(json.dumps(document))
    assert isinstance(excinfo.value, DkClustersError)
    assert isinstance(excinfo.value, ValueError)
    assert _problem(excinfo.value) == f"{ROBOTICS}.nmae: unknown key (a typo?)"


def test_a_bad_date_says_what_is_wrong(document: Document) -> None:
    _set(("clusters", 1, "certifications", 0, "awarded"), "2017-13")(document)
    with pytest.raises(DataError, match="2017-13") as excinfo:
        Registry.from_json(json.dumps(document))
    assert _problem(excinfo.value).startswith(f"{ROBOTICS}.certifications[0].awarded: ")


def test_several_problems_are_all_listed(document: Document) -> None:
    _set(("clusters", 0, "certifications", 0, "awarded"), "2017-13")(document)
    _set(("clusters", 1, "nmae"), "x")(document)
    _set(("clusters", 3, "region"), "DK-99")(document)
    with pytest.raises(DataError) as excinfo:
        Registry.from_json(json.dumps(document))
    problems = excinfo.value.problems
    expected = [
        'clusters[0] ("clean").certifications[0].awarded: ',
        f"{ROBOTICS}.nmae: ",
        'clusters[3] ("d2i").region: ',
    ]
    assert len(problems) == 3
    for prefix in expected:
        assert sum(p.startswith(prefix) for p in problems) == 1, (prefix, problems)
    message = str(excinfo.value)
    assert message.startswith("3 problems:")
    assert all(p in message for p in problems)


# --- documents that are not registries at all ----------------------------------------------


@pytest.mark.parametrize(
    ("data", "path"),
    [
        pytest.param("{", "$", id="invalid-json"),
        pytest.param("", "$", id="empty-text"),
        pytest.param(b'{"snapshot": "2017", "clusters": [\xff]}', "$", id="invalid-utf8"),
        pytest.param(b"\xff\xfe{}", "$", id="utf16-bom"),
        pytest.param("[]", "$", id="top-level-array"),
        pytest.param("null", "$", id="top-level-null"),
        pytest.param('"registry"', "$", id="top-level-string"),
        pytest.param('{"snapshot": "2017", "clusters": {}}', "clusters", id="clusters-not-array"),
        pytest.param(
            '{"snapshot": "2017", "clusters": [1]}', "clusters[0]", id="cluster-not-object"
        ),
    ],
)
def test_a_document_that_is_no_registry(data: str | bytes, path: str) -> None:
    with pytest.raises(DataError) as excinfo:
        Registry.from_json(data)
    assert _problem(excinfo.value).startswith(f"{path}: ")


def test_a_missing_file_is_a_data_error_not_an_os_error(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-registry.json"
    with pytest.raises(DataError) as excinfo:
        Registry.from_json(missing)
    assert not isinstance(excinfo.value, OSError)
    assert _problem(excinfo.value).startswith(f"{missing}: ")


def test_a_bad_file_names_the_problem_inside_it(tmp_path: Path, document: Document) -> None:
    _set(("clusters", 1, "nmae"), "x")(document)
    path = tmp_path / "registry.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DataError) as excinfo:
        Registry.from_json(path)
    assert _problem(excinfo.value).startswith(f"{ROBOTICS}.nmae: ")


# --- records built in Python -------------------------------------------------------------------


def _certification_ending_before_its_award() -> Certification:
    return Certification(
        CertificationLabel.GOLD, awarded=PartialDate(2017, 5), valid_until=PartialDate(2017, 4)
    )


@pytest.mark.parametrize(
    ("build", "field"),
    [
        pytest.param(lambda: Cluster(id="Bad Id", name="x"), "id", id="id-not-a-slug"),
        pytest.param(lambda: Cluster(id="x", name="  "), "name", id="blank-name"),
        pytest.param(
            lambda: Cluster(id="x", name="x", municipality="461"),
            "municipality",
            id="kommunekode-of-three-digits",
        ),
        pytest.param(
            lambda: Cluster(id="x", name="x", region="DK-99"),
            "region",
            id="unknown-region-code",
        ),
        pytest.param(
            lambda: Cluster(id="x", name="x", region="Syddanmark"),
            "region",
            id="region-by-name",
        ),
        pytest.param(
            lambda: Cluster(id="x", name="x", business_area="Robots"),
            "business_area",
            id="business-area-not-a-slug",
        ),
        pytest.param(
            lambda: Cluster(id="x", name="x", inferred=["nmae"]), "inferred", id="inferred-unknown"
        ),
        pytest.param(
            lambda: Cluster(id="x", name="x", aliases=["A", "A"]), "aliases", id="duplicate-alias"
        ),
        pytest.param(
            _certification_ending_before_its_award, "valid_until", id="certification-end-first"
        ),
        pytest.param(lambda: Source(url="www.example.dk", title="x"), "url", id="url-no-scheme"),
    ],
)
def test_a_bad_record_is_a_value_error_naming_the_field(
    build: Callable[[], object], field: str
) -> None:
    with pytest.raises(FieldError, match=rf"^{field}\b") as excinfo:
        build()
    assert excinfo.value.field == field
    assert isinstance(excinfo.value, DkClustersError)


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        pytest.param(
            lambda: Cluster(id="x", name="x", aliases="Odense"),
            TypeError,
            "aliases: must be a list, tuple or set, not str",
            id="text-for-a-list",
        ),
        pytest.param(
            lambda: Cluster(id="x", name="x", sectors=["robotics", " "]),
            ValueError,
            "sectors[1]: must be a non-blank str, got ' '",
            id="blank-item",
        ),
        pytest.param(
            lambda: Cluster(id="x", name="x", sectors=("robotics", 7)),
            ValueError,
            "sectors[1]: must be a non-blank str, got 7",
            id="number-item",
        ),
        pytest.param(
            lambda: Cluster(id="x", name="x", certifications=["gold"]),
            TypeError,
            "certifications[0]: must be a Certification, not str",
            id="text-for-a-certification",
        ),
        pytest.param(
            lambda: Cluster(id="x", name="x", inferred="name"),
            TypeError,
            "inferred: must be a list, tuple or set, not str",
            id="text-for-inferred",
        ),
        pytest.param(
            lambda: Certification(
                CertificationLabel.GOLD, seen_valid=[PartialDate(2017, 9), PartialDate(2017, 9)]
            ),
            ValueError,
            "seen_valid: has duplicate items: [PartialDate(year=2017, month=9, day=None), "
            "PartialDate(year=2017, month=9, day=None)]",
            id="duplicate-date",
        ),
        pytest.param(
            lambda: PartialDate(2017, "09"),  # type: ignore[arg-type]
            TypeError,
            "month: must be an int, not str",
            id="text-for-a-month",
        ),
    ],
)
def test_a_bad_collection_or_date_says_which_item(
    build: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as excinfo:
        build()
    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    ("clusters", "path"),
    [
        pytest.param(
            [Cluster(id="x", name="X"), Cluster(id="x", name="Another X")],
            'clusters[1] ("x").id',
            id="duplicate-id",
        ),
        pytest.param(
            [Cluster(id="x", name="X"), Cluster(id="y", name="Y", municipality="9999")],
            'clusters[1] ("y").municipality',
            id="unknown-municipality",
        ),
        pytest.param(
            [Cluster(id="x", name="X", region=Region.SYDDANMARK, municipality="0751")],
            'clusters[0] ("x").municipality',
            id="municipality-in-another-region",
        ),
        pytest.param(
            [Cluster(id="x", name="X", business_area="robots")],
            'clusters[0] ("x").business_area',
            id="unknown-business-area",
        ),
        pytest.param(
            [Cluster(id="x", name="X"), "y"],
            "clusters[1]",
            id="not-a-cluster",
        ),
    ],
)
def test_a_bad_registry_built_in_python(clusters: list[Cluster], path: str) -> None:
    with pytest.raises(DataError) as excinfo:
        Registry(clusters, snapshot="2024")
    assert _problem(excinfo.value).startswith(f"{path}: ")


def test_every_cluster_field_but_id_sources_and_inferred_may_be_inferred() -> None:
    from dk_clusters._model import INFERABLE

    fields = {a.name for a in attrs.fields(Cluster)}
    histories = {"names", "seats", "memberships", "legal_forms"}  # each item says if inferred
    coverage = {"labels_complete"}  # what the record holds, not a fact about the organisation
    assert fields - {"id", "sources", "inferred", *histories, *coverage} == INFERABLE
    Cluster(id="x", name="X", inferred=sorted(INFERABLE))


# --- classes of bad input ----------------------------------------------------------------------


def _one_mb_of_bad_clusters() -> str:
    huge = "x" * 200_000
    bad = {"id": huge, "name": 12345, "region": huge, "aliases": [huge], huge: huge}
    return json.dumps({"snapshot": "2024", "clusters": [bad] * 4 + [{"id": "a"}] * 10_000})


def test_a_message_stays_short_however_large_the_input() -> None:
    data = _one_mb_of_bad_clusters()
    assert len(data) > 1_000_000
    with pytest.raises(DataError) as excinfo:
        Registry.from_json(data)
    message = str(excinfo.value)
    assert len(excinfo.value.problems) > 10_000  # every problem is kept ...
    assert len(message) < 8_000  # ... and the message lists the first few
    assert message.endswith("more (all are in .problems)")
    assert max(len(p) for p in excinfo.value.problems) <= 500
    assert 'clusters[0] ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' in message


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(
            '{"snapshot": "2017", "snapshot": "2018", "clusters": []}',
            "snapshot: duplicate key",
            id="top-level",
        ),
        pytest.param(
            '{"snapshot": "2017", "clusters": [{"id": "x", "name": "X", "name": "Y"}]}',
            'clusters[0] ("x").name: duplicate key',
            id="in-a-record",
        ),
    ],
)
def test_a_duplicate_key_is_an_error_with_its_path(data: str, problem: str) -> None:
    with pytest.raises(DataError) as excinfo:
        Registry.from_json(data)
    assert _problem(excinfo.value) == problem


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            '{"snapshot": "2017", "clusters": [{"id": "x", "name": "\\ud800"}]}', id="escaped"
        ),
        pytest.param(
            '{"snapshot": "2017", "clusters": [{"id": "x", "name": "\ud800"}]}', id="in-text"
        ),
        pytest.param(
            b'{"snapshot": "2017", "clusters": [{"id": "x", "name": "a\\udc00b"}]}', id="bytes"
        ),
    ],
)
def test_text_that_cannot_be_written_as_utf8_is_an_error(data: str | bytes) -> None:
    with pytest.raises(DataError) as excinfo:
        Registry.from_json(data)
    assert _problem(excinfo.value).startswith('clusters[0] ("x").name: text with a lone surrogate')


def test_a_surrogate_pair_is_a_character_like_any_other() -> None:
    reg = Registry.from_json(
        '{"snapshot": "2017", "clusters": [{"id": "x", "name": "\\ud83d\\ude00"}]}'
    )
    assert reg[0].name == "😀"
    assert Registry.from_json(reg.to_json()) == reg


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        pytest.param(
            '{"snapshot": "2017", "clusters": [{"id": "x", "name": ' + "9" * 5000 + "}]}",
            "$: not valid JSON (a number has too many digits)",
            id="digits",
        ),
        pytest.param(
            '{"snapshot": "2017", "clusters": [NaN]}',
            "$: not valid JSON (NaN is not a JSON number)",
            id="nan",
        ),
        pytest.param(
            '{"snapshot": "2017", "clusters": [-Infinity]}',
            "$: not valid JSON (-Infinity is not a JSON number)",
            id="infinity",
        ),
        pytest.param(
            '{"snapshot": "0000", "clusters": []}',
            "snapshot: '0000' is not a date: year must be in 1..9999, got 0",
            id="year-0",
        ),
        pytest.param(
            '{"snapshot": "2017", "clusters": [{"id": "x", "name": "X", "open_nationwide": 1e999}]}',
            'clusters[0] ("x").open_nationwide: expected true, false or null, got a number',
            id="huge-float",
        ),
    ],
)
def test_numbers_and_years_out_of_range_are_errors(data: str, problem: str) -> None:
    with pytest.raises(DataError) as excinfo:
        Registry.from_json(data)
    assert _problem(excinfo.value) == problem


@pytest.mark.parametrize("depth", [10, 1_000, 100_000])
def test_deep_nesting_is_a_data_error_never_a_recursion_error(depth: int) -> None:
    deep = "[" * depth + "]" * depth
    for data in (deep, '{"snapshot": "2017", "clusters": [{"id": "x", "name": ' + deep + "}]}"):
        with pytest.raises(DataError) as excinfo:
            Registry.from_json(data)
        assert len(str(excinfo.value)) < 300


def test_reading_leaves_the_garbage_collector_alone(
    monkeypatch: pytest.MonkeyPatch, document: Document
) -> None:
    import gc

    calls: list[str] = []
    for name in ("disable", "enable", "freeze", "unfreeze"):
        monkeypatch.setattr(gc, name, lambda name=name: calls.append(name))
    text = json.dumps(document, ensure_ascii=False)
    Registry.from_json(text).to_json()
    with pytest.raises(DataError):
        Registry.from_json(text.replace('"2017-09"', '"2017-13"', 1))
    assert calls == []
    assert gc.isenabled()


def test_reading_never_changes_the_callers_data(document: Document) -> None:
    text = json.dumps(document, ensure_ascii=False)
    data = bytearray(text.encode())
    Registry.from_json(data)
    assert data == text.encode()
