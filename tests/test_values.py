"""Records and registries are values: built from what a person types, answering only from
what they are given, and copied, pickled and compared like values."""

from __future__ import annotations

import ast
import copy
import datetime as dt
import pickle
from pathlib import Path
from typing import Any

import attrs
import pytest

import dk_clusters
from dk_clusters import (
    Certification,
    CertificationLabel,
    Cluster,
    DkClustersError,
    FieldError,
    FieldTypeError,
    NotFoundError,
    PartialDate,
    Region,
    Registry,
    Source,
    check_eligibility,
    count_by_label,
)

GOLD = CertificationLabel.GOLD


def fyn() -> Cluster:
    return Cluster(
        id="fyn",
        name="Fyn",
        certifications=[Certification(GOLD, awarded=PartialDate.parse("2023-11"))],
    )


# --- answers come from what the caller gives -------------------------------------------------


def test_a_registry_of_ones_own_answers_as_of_its_own_snapshot() -> None:
    new = fyn()
    mine = Registry([new], snapshot="2024-06")
    assert count_by_label(mine) == {GOLD: 1}
    assert count_by_label(list(mine), on=mine.snapshot) == {GOLD: 1}
    assert mine[0].holds_label(GOLD, mine.snapshot) is True
    report = check_eligibility(new, registry=mine)
    assert report.on == PartialDate(2024, 6)
    assert report.outcome is not dk_clusters.Outcome.FAIL
    assert report.verdicts[3].outcome is dk_clusters.Outcome.PASS  # gold, as of 2024-06


def test_no_record_method_picks_a_date() -> None:
    new = fyn()
    with pytest.raises(TypeError):
        new.holds_label(GOLD)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        new.highest_label()  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        new.certifications[0].valid_on()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match=r"count_by_label\(\) needs on="):
        count_by_label([new])
    with pytest.raises(TypeError, match=r"check_eligibility\(\) needs on="):
        check_eligibility(new)


# --- constructors take what a person types --------------------------------------------------


def test_constructors_accept_the_forms_people_type() -> None:
    cluster = Cluster(
        "x",
        "X",
        region="DK-83",
        aliases={"Ex"},
        certifications=(c for c in [Certification("gold", awarded=dt.date(2017, 3, 5))]),
        inferred=("name",),
    )
    assert cluster.region is Region.SYDDANMARK
    assert cluster.aliases == ("Ex",)
    (certification,) = cluster.certifications
    assert certification.label is GOLD
    assert certification.awarded == PartialDate(2017, 3, 5)
    assert cluster.inferred == frozenset({"name"})
    assert Certification("silver", seen_valid=["2017-09", dt.date(2018, 1, 2)]).seen_valid == (
        PartialDate(2017, 9),
        PartialDate(2018, 1, 2),
    )
    assert Source("https://example.org/", "Example", published="2017").published == PartialDate(
        2017
    )
    assert cluster == Cluster(
        "x",
        "X",
        region=Region.SYDDANMARK,
        aliases=("Ex",),
        certifications=(Certification(GOLD, awarded=PartialDate(2017, 3, 5)),),
        inferred=frozenset({"name"}),
    )


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: Cluster("x", "X", region="Syddanmark"), FieldError, "region: must be a Region"),
        (lambda: Cluster("x", "X", region=83), FieldTypeError, "region: must be a Region"),
        (lambda: Certification("platinum"), FieldError, "label: must be a CertificationLabel"),
        (lambda: Certification(3), FieldTypeError, "label: must be a CertificationLabel"),
        (
            lambda: Certification("gold", awarded="2017-13"),
            FieldError,
            "awarded: '2017-13' is not a date: month must be in 1..12, got 13",
        ),
        (lambda: Certification("gold", awarded=2017), FieldTypeError, "awarded: must be a"),
        (
            lambda: Certification("gold", seen_valid=["2017-09", "soon"]),
            FieldError,
            "seen_valid[1]: 'soon' is not a date like",
        ),
        (lambda: Cluster("x", "X", sectors={"a": 1}), FieldTypeError, "sectors: must be a list"),
        (lambda: Source(b"https://x.dk", "X"), FieldTypeError, "url: must be a str, not bytes"),
        (lambda: PartialDate(10**30), FieldError, "year: must be in 1..9999"),
        (lambda: PartialDate(True), FieldTypeError, "year: must be an int, not bool"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_constructors_reject_the_rest_naming_the_field(
    build: Any, error: type[FieldError], message: str
) -> None:
    with pytest.raises(error) as excinfo:
        build()
    assert str(excinfo.value).startswith(message)
    assert isinstance(excinfo.value, DkClustersError)
    assert len(str(excinfo.value)) < 300


def test_field_errors_are_the_packages_own() -> None:
    assert dk_clusters.exceptions.FieldError is FieldError
    assert issubclass(FieldError, DkClustersError)
    assert issubclass(FieldError, ValueError)
    assert issubclass(FieldTypeError, FieldError)
    assert issubclass(FieldTypeError, TypeError)
    error = FieldTypeError("sectors", "must be a str, not int", index=2)
    assert (str(error), error.path) == ("sectors[2]: must be a str, not int", ("sectors", 2))
    again = pickle.loads(pickle.dumps(error))
    assert (type(again), str(again), again.index) == (FieldTypeError, str(error), 2)


# --- values behave like values ----------------------------------------------------------------


def _records(registry: Registry) -> list[object]:
    cluster = registry.lookup("Odense Robotics")
    return [
        cluster,
        cluster.certifications[0],
        cluster.sources[0],
        cluster.certifications[0].awarded,
        dk_clusters.municipality("Odense"),
        dk_clusters.business_areas()[0],
        dk_clusters.label_counts()[0],
        dk_clusters.label_counts()[0].gold,
        Region.SYDDANMARK,
        GOLD,
        dk_clusters.NO_LABEL,
    ]


def test_every_record_and_the_registry_pickle_and_copy(registry: Registry) -> None:
    for value in [registry, *_records(registry)]:
        for twin in (
            pickle.loads(pickle.dumps(value)),
            copy.copy(value),
            copy.deepcopy(value),
        ):
            assert twin == value, value
            assert hash(twin) == hash(value), value
    again = pickle.loads(pickle.dumps(registry))
    assert again.lookup("odense robotics") == registry.lookup("odense robotics")
    assert repr(again) == "<Registry of 11 clusters as of 2017-09>"


def test_worked_out_windows_are_no_fields(registry: Registry) -> None:
    cluster = registry.lookup("Odense Robotics")
    before = attrs.asdict(cluster)
    assert cluster.highest_label("2017-09") is GOLD  # works the windows out, once
    assert attrs.asdict(cluster) == before
    names = {f.name for f in attrs.fields(Cluster)} | {f.name for f in attrs.fields(Certification)}
    assert not any(name.startswith("_") for name in names)
    clone = pickle.loads(pickle.dumps(cluster))
    assert clone == cluster
    assert hash(clone) == hash(cluster)
    fresh = attrs.evolve(cluster)
    assert fresh == cluster  # caches never take part in equality


# --- lookups keep every record ------------------------------------------------------------------


def test_search_finds_every_cluster_that_shares_a_name() -> None:
    twins = Registry(
        [
            Cluster("robots-fyn", "Robots", region="DK-83"),
            Cluster("robots-jylland", "Robots", region="DK-82"),
            Cluster("robots", "Robotics Denmark"),
        ],
        snapshot="2024",
    )
    assert [c.id for c in twins.search("robots")] == ["robots-fyn", "robots-jylland", "robots"]
    assert twins.lookup("robots").name == "Robotics Denmark"  # an exact id wins
    with pytest.raises(NotFoundError) as excinfo:
        twins.lookup("ROBOTS")  # folds to the names of two and the id of the third
    assert excinfo.value.suggestions == ("robots-fyn", "robots-jylland", "robots")
    assert "single cluster" in str(excinfo.value)
    assert twins.lookup("robots-fyn").region is Region.SYDDANMARK


# --- one list of public names -------------------------------------------------------------------


def _names_for_type_checkers() -> dict[str, str]:
    """The names the ``if TYPE_CHECKING:`` block of ``__init__`` imports, and their modules."""
    tree = ast.parse(Path(dk_clusters.__file__).read_text(encoding="utf-8"))
    (block,) = (
        n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"
    )
    return {
        alias.name: str(node.module)
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }


def test_the_public_names_are_listed_once_and_agree() -> None:
    lazy = {name for names in dk_clusters._LAZY.values() for name in names}
    eager = set(dk_clusters.exceptions.__all__)
    assert set(dk_clusters.__all__) == lazy | eager
    assert not lazy & eager
    assert _names_for_type_checkers() == dict(dk_clusters._MODULE_OF)
    for module, names in dk_clusters._LAZY.items():
        imported = __import__(f"dk_clusters.{module}", fromlist=["_"])
        declared = getattr(imported, "__all__", None)
        if declared is not None:
            assert set(names) <= set(declared), module
        for name in names:
            assert getattr(dk_clusters, name) is getattr(imported, name)


# --- published figures ------------------------------------------------------------------------


def test_a_label_count_reads_its_figures_from_text() -> None:
    count = dk_clusters.LabelCount("2017-09", "Europe", gold="86", labelled=">350")
    assert count.date == PartialDate(2017, 9)
    assert (count.gold, count.labelled) == (
        dk_clusters.Figure(86),
        dk_clusters.Figure(350, "more than"),
    )
    assert count.figure(None) == count.labelled
    assert count.figure(CertificationLabel.SILVER) is None
    assert str(count.labelled) == ">350"


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: dk_clusters.Figure(-1), FieldError, "value: must not be negative, got -1"),
        (lambda: dk_clusters.Figure("86"), FieldTypeError, "value: must be an int, not str"),
        (lambda: dk_clusters.Figure(86, "roughly"), FieldError, "qualifier: must be one of"),
        (
            lambda: dk_clusters.LabelCount(None, "Europe", gold="lots"),
            FieldError,
            "gold: must be a figure like '86', '>350' or '~120', got 'lots'",
        ),
        (
            lambda: dk_clusters.LabelCount(None, "Europe", gold=86),
            FieldTypeError,
            "gold: must be a Figure or a figure like",
        ),
        (lambda: dk_clusters.LabelCount(None, "Mars"), FieldError, "scope: must be one of"),
    ],
)
def test_a_bad_figure_names_its_field(build: Any, error: type[FieldError], message: str) -> None:
    with pytest.raises(error) as excinfo:
        build()
    assert str(excinfo.value).startswith(message)
    with pytest.raises(ValueError, match="is not a figure"):
        dk_clusters.Figure.parse("eighty-six")
