"""Data frames and the region chart: typed columns, the shipped registry's values, lazy extras."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given, settings

import dk_clusters
from dk_clusters import (
    NO_LABEL,
    Certification,
    CertificationLabel,
    Cluster,
    PartialDate,
    Region,
    count_by_label,
    count_by_region,
)
from dk_clusters._flat import BOOL_FIELDS, FLAT_FIELDS, LIST_FIELDS
from dk_clusters.frame import plot_by_region, to_dataframe, to_polars
from strategies import cluster_lists, on_dates

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: The eleven gold clusters of the press release, as they stood in September 2017.
ELEVEN = dk_clusters.load().as_of("2017-09").filter(label="gold")
REGION_CODES = ["DK-84", "DK-85", "DK-83", "DK-82", "DK-81"]
LABELS = ["gold", "silver", "bronze", "none"]
DERIVED = ["label", "latest_award"]
STRING_COLUMNS = [
    n for n in FLAT_FIELDS if n not in (*LIST_FIELDS, *BOOL_FIELDS, "id", "region")
] + ["latest_award"]
# Certainly gold in June 2018; the other seven cannot be told (see test_aggregate).
GOLD_IN_JUNE_2018 = {
    "odense-robotics",
    "dansk-materiale-netvaerk",
    "gate-21",
    "medicon-valley-alliance",
}


def _cluster(id: str, *awarded: str, **kw: Any) -> Cluster:
    certs = [Certification(CertificationLabel.GOLD, awarded=PartialDate.parse(a)) for a in awarded]
    return Cluster(id, id.title(), certifications=certs, **kw)


def test_importing_the_module_imports_no_extra() -> None:
    code = (
        "import sys, dk_clusters.frame\n"
        "print([m for m in ('pandas', 'polars', 'matplotlib') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("function", "module"),
    [(to_dataframe, "pandas"), (to_polars, "polars"), (plot_by_region, "matplotlib")],
)
def test_a_missing_extra_names_what_to_install(
    monkeypatch: pytest.MonkeyPatch, function: Any, module: str
) -> None:
    # None in sys.modules makes `import pandas` (and its submodules) raise ImportError.
    for name in [m for m in sys.modules if m.startswith(f"{module}.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, module, None)
    message = f'{function.__name__}() needs {module}: pip install "dk_clusters[{module}]"'
    with pytest.raises(ImportError, match=re.escape(message)):
        function(ELEVEN)


# --- pandas -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pd() -> Any:
    return pytest.importorskip("pandas")


def test_dataframe_has_a_row_per_cluster_indexed_by_id(pd: Any) -> None:
    reg = ELEVEN
    df = to_dataframe(reg)
    assert len(df) == 11
    assert df.index.name == "id"
    assert df.index.dtype == "string"
    assert df.index.tolist() == [c.id for c in reg]
    assert df.columns.tolist() == [n for n in FLAT_FIELDS if n != "id"] + DERIVED


def test_dataframe_dtypes(pd: Any) -> None:
    df = to_dataframe(ELEVEN)
    assert isinstance(df["region"].dtype, pd.CategoricalDtype)
    assert df["region"].cat.categories.tolist() == REGION_CODES
    assert [r.iso_code for r in Region] == REGION_CODES
    assert isinstance(df["label"].dtype, pd.CategoricalDtype)
    assert df["label"].cat.categories.tolist() == LABELS
    for name in BOOL_FIELDS:
        assert df[name].dtype == "boolean", name
    for name in STRING_COLUMNS:
        assert isinstance(df[name].dtype, pd.StringDtype), name
        assert df[name].dtype.na_value is pd.NA, name
    for name in LIST_FIELDS:
        assert df[name].dtype == object, name
        assert all(type(v) is list for v in df[name]), name


def test_dataframe_values_from_the_shipped_registry(pd: Any) -> None:
    df = to_dataframe(ELEVEN)
    robotics = df.loc["odense-robotics"]
    assert robotics["name"] == "Odense Robotics"
    assert robotics["region"] == "DK-83"
    assert robotics["municipality"] == "0461"
    assert robotics["label"] == "gold"
    assert robotics["latest_award"] == "2017-05"
    assert robotics["backers"] == ["syddansk-vaekstforum"]
    assert robotics["inferred"] == ["backers", "business_area", "founded"]
    assert robotics["aliases"] == []
    # CLEAN's 2017 head office is unknown: missing, not a guess.
    assert pd.isna(df.loc["clean", "region"])
    assert pd.isna(df.loc["clean", "municipality"])
    # Located in Syddanmark, not backed by Syddansk Vækstforum.
    assert df.loc["dansk-materiale-netvaerk", "region"] == "DK-83"
    assert df.loc["dansk-materiale-netvaerk", "backers"] == []
    assert pd.isna(df.loc["offshoreenergy-dk", "website"])


def test_dataframe_regions_agree_with_count_by_region(pd: Any) -> None:
    reg = ELEVEN
    counts = to_dataframe(reg)["region"].value_counts(dropna=False, sort=False)
    expected = {r.iso_code if r else None: n for r, n in count_by_region(reg).items()}
    got = {(None if pd.isna(k) else k): int(n) for k, n in counts.items() if n}
    assert got == expected == {"DK-84": 3, "DK-83": 5, "DK-82": 1, "DK-81": 1, None: 1}
    assert counts["DK-85"] == 0  # Sjælland keeps its category


def test_dataframe_label_on_a_date(pd: Any) -> None:
    reg = ELEVEN
    assert to_dataframe(reg)["label"].tolist() == ["gold"] * 11
    label = to_dataframe(reg, on="2018-06")["label"]
    assert int((label == "gold").sum()) == 4
    assert int(label.isna().sum()) == 7
    assert set(label[label == "gold"].index) == GOLD_IN_JUNE_2018


def test_latest_award_stays_a_partial_date_string(pd: Any) -> None:
    df = to_dataframe(ELEVEN)
    assert df["latest_award"].dropna().to_dict() == {
        "clean": "2014",
        "odense-robotics": "2017-05",
        "welfare-tech": "2019-06",  # the latest award whatever `on`
        "biopeople": "2013-08",
        "brainsbusiness": "2013-10",
        "dansk-materiale-netvaerk": "2017",
        "gate-21": "2016-09",
        "medicon-valley-alliance": "2017",
    }
    assert df["latest_award"].isna().sum() == 3  # D2i, Offshoreenergy.dk, Innovation Network


def test_latest_award_is_the_date_whose_last_possible_day_is_latest(pd: Any) -> None:
    clusters = [_cluster("a", "2017-05", "2017", "2016-12-24"), _cluster("b", "2017-12-31", "2017")]
    assert to_dataframe(clusters, on="2018")["latest_award"].tolist() == ["2017", "2017-12-31"]


def test_booleans_are_nullable(pd: Any) -> None:
    df = to_dataframe(ELEVEN)
    for name in ("open_nationwide", "business_led", "innovation_network"):
        assert df[name].isna().all(), name  # the shipped data do not document these facts
    assert str(df["labels_complete"].dtype) == "boolean"
    own = to_dataframe([_cluster("x", open_nationwide=True, business_led=False)], on="2017")
    assert own["open_nationwide"].tolist() == [True]
    assert own["business_led"].tolist() == [False]
    assert own["innovation_network"].isna().all()


def test_no_label_is_its_own_category(pd: Any) -> None:
    df = to_dataframe([_cluster("old", "2010"), _cluster("none")], on="2017-09")
    assert df["label"].tolist() == ["none", "none"]


def test_empty_dataframe_keeps_columns_and_dtypes(pd: Any) -> None:
    empty, full = to_dataframe([], on="2017-09"), to_dataframe(ELEVEN)
    assert len(empty) == 0
    assert empty.dtypes.to_dict() == full.dtypes.to_dict()
    assert empty.index.name == "id"


def test_dataframe_rejects_a_bad_date(pd: Any) -> None:
    with pytest.raises(ValueError, match="2018-13"):
        to_dataframe(ELEVEN, on="2018-13")


def test_a_frame_of_a_list_needs_its_date(pd: Any) -> None:
    clusters = list(ELEVEN)
    with pytest.raises(TypeError, match=r"to_dataframe\(\) needs on="):
        to_dataframe(clusters)
    assert to_dataframe(clusters, on="2017-09")["label"].tolist() == ["gold"] * 11


@settings(max_examples=30, deadline=None)
@given(clusters=cluster_lists(), on=on_dates)
def test_dataframe_agrees_with_the_library(pd: Any, clusters: list[Cluster], on: Any) -> None:
    on = on or "2017-09"
    df = to_dataframe(clusters, on=on)
    assert len(df) == len(clusters)
    labels = count_by_label(clusters, on)
    for key in (*CertificationLabel, NO_LABEL):
        assert (df["label"] == key.value).sum() == labels.get(key, 0)
    assert df["label"].isna().sum() == labels.get(None, 0)
    regions = count_by_region(clusters)
    for region in Region:
        assert (df["region"] == region.iso_code).sum() == regions.get(region, 0)
    assert df["region"].isna().sum() == regions.get(None, 0)


# --- polars -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pl() -> Any:
    return pytest.importorskip("polars")


def test_polars_schema(pl: Any) -> None:
    df = to_polars(ELEVEN)
    expected = dict.fromkeys((*FLAT_FIELDS, *DERIVED), pl.Utf8)
    expected |= dict.fromkeys(BOOL_FIELDS, pl.Boolean)
    expected |= dict.fromkeys(LIST_FIELDS, pl.List(pl.Utf8))
    expected |= {"region": pl.Enum(REGION_CODES), "label": pl.Enum(LABELS)}
    assert dict(df.schema) == expected
    assert df.columns == ["id", *(n for n in FLAT_FIELDS if n != "id"), *DERIVED]
    assert to_polars([], on="2017-09").schema == df.schema


def test_polars_values_from_the_shipped_registry(pl: Any) -> None:
    df = to_polars(ELEVEN)
    assert df.height == 11
    rows = {row["id"]: row for row in df.iter_rows(named=True)}
    assert rows["odense-robotics"]["region"] == "DK-83"
    assert rows["odense-robotics"]["label"] == "gold"
    assert rows["odense-robotics"]["latest_award"] == "2017-05"
    assert rows["odense-robotics"]["backers"] == ["syddansk-vaekstforum"]
    assert rows["clean"]["region"] is None
    assert rows["clean"]["open_nationwide"] is None
    label = to_polars(ELEVEN, on="2018-06")["label"]
    assert label.to_list().count("gold") == 4
    assert label.null_count() == 7


def test_polars_and_pandas_hold_the_same_values(pd: Any, pl: Any) -> None:
    reg = ELEVEN
    frame = to_dataframe(reg, on="2018-06").reset_index().astype(object)
    frame = frame.where(frame.notna(), None)
    assert to_polars(reg, on="2018-06").to_dicts() == frame.to_dict("records")


def test_polars_frame_writes_csv_with_its_lists_joined(pl: Any, tmp_path: Path) -> None:
    df = to_polars(ELEVEN)
    with pytest.raises(pl.exceptions.ComputeError, match="nested data"):
        df.write_csv()  # polars writes no list to CSV: the frame keeps its lists
    path = tmp_path / "eleven.csv"
    to_polars(ELEVEN, join_lists="|").write_csv(path)
    back = pl.read_csv(path, infer_schema=False)
    assert back.columns == df.columns
    rows = {row["id"]: row for row in back.iter_rows(named=True)}
    assert rows["odense-robotics"]["backers"] == "syddansk-vaekstforum"
    assert rows["odense-robotics"]["inferred"] == "backers|business_area|founded"
    assert rows["odense-robotics"]["latest_award"] == "2017-05"
    split = back.with_columns(pl.col(*LIST_FIELDS).fill_null("").str.split("|"))
    for name in LIST_FIELDS:
        assert [[v for v in cell if v] for cell in split[name]] == df[name].to_list(), name


def test_joined_lists_are_text_in_both_frames(pd: Any, pl: Any) -> None:
    joined = to_polars(ELEVEN, join_lists="; ")
    assert {name: joined.schema[name] for name in LIST_FIELDS} == dict.fromkeys(
        LIST_FIELDS, pl.Utf8
    )
    frame = to_dataframe(ELEVEN, join_lists="; ")
    assert frame.loc["odense-robotics", "inferred"] == "backers; business_area; founded"
    assert frame.loc["dansk-materiale-netvaerk", "backers"] == ""
    assert all(isinstance(frame[name].dtype, pd.StringDtype) for name in LIST_FIELDS)
    assert joined["inferred"].to_list() == frame["inferred"].tolist()


def test_joining_refuses_an_item_that_holds_the_separator(pd: Any, pl: Any) -> None:
    odd = [_cluster("odd", aliases=["A | B", "C"])]
    with pytest.raises(ValueError, match=r"cannot join 'A \| B' with '\|'"):
        to_polars(odd, on="2017", join_lists="|")
    assert to_polars(odd, on="2017", join_lists="; ")["aliases"].to_list() == ["A | B; C"]
    with pytest.raises(ValueError, match="join_lists must be a separator"):
        to_dataframe(odd, on="2017", join_lists="")


def test_a_generator_of_clusters_is_read_once(pd: Any, pl: Any) -> None:
    assert len(to_dataframe((c for c in ELEVEN), on="2017-09")) == 11
    assert to_polars((c for c in ELEVEN), on="2017-09").height == 11


# --- eligibility reports ------------------------------------------------------------------

CRITERIA = [c.id for c in dk_clusters.VAEKSTFORUM]
#: Of the eleven in 2017, these five have a business area of the strategy; the others none.
WITH_AREA = ["clean", "odense-robotics", "welfare-tech", "d2i", "offshoreenergy-dk"]


def test_check_registry_results_as_a_pandas_frame(pd: Any) -> None:
    results = dk_clusters.check_registry(ELEVEN)
    df = to_dataframe(results)
    assert df.index.name == "id"
    assert df.index.tolist() == [c.id for c in ELEVEN]
    assert df.columns.tolist() == [
        "name",
        "criteria",
        "on",
        "outcome",
        "passed",
        *CRITERIA,
        "deciding_fields",
    ]
    for name in ("outcome", *CRITERIA):
        assert df[name].cat.categories.tolist() == ["pass", "fail", "unknown"], name
    assert df["passed"].dtype == "boolean"
    # The shipped data document none of the three flags: every outcome is unknown.
    assert df["outcome"].tolist() == ["unknown"] * 11
    assert not df["passed"].any()
    assert df["gold-label"].tolist() == ["pass"] * 11
    passing = df["one-per-business-area"] == "pass"
    assert df.index[passing].tolist() == WITH_AREA
    assert df.loc["welfare-tech", ["name", "criteria", "on"]].tolist() == [
        "Welfare Tech",
        "Syddansk Vækstforum",
        "2017-09",
    ]
    assert df.loc["gate-21", "deciding_fields"] == [
        "business_area",
        "open_nationwide",
        "business_led",
        "innovation_network",
    ]
    assert [r.to_dict()["outcome"] for r in results] == df["outcome"].tolist()


def test_check_registry_results_as_a_polars_frame(pd: Any, pl: Any) -> None:
    results = dk_clusters.check_registry(ELEVEN, on="2018-06")
    df = to_polars(results)
    outcome = pl.Enum(["pass", "fail", "unknown"])
    assert dict(df.schema) == {
        "id": pl.Utf8,
        "name": pl.Utf8,
        "criteria": pl.Utf8,
        "on": pl.Utf8,
        "outcome": outcome,
        "passed": pl.Boolean,
        **dict.fromkeys(CRITERIA, outcome),
        "deciding_fields": pl.List(pl.Utf8),
    }
    gold = df.filter(pl.col("gold-label") == "pass")["id"].to_list()
    assert set(gold) == GOLD_IN_JUNE_2018
    assert df["on"].unique().to_list() == ["2018-06"]
    frame = to_dataframe(results).reset_index().astype(object)
    assert df.to_dicts() == frame.where(frame.notna(), None).to_dict("records")
    to_polars(results, join_lists="|").write_csv()


def test_a_frame_of_reports_takes_no_date_and_no_clusters_beside_them(pd: Any) -> None:
    results = dk_clusters.check_registry(ELEVEN)
    with pytest.raises(TypeError, match=r"to_dataframe\(\) takes no on= with eligibility"):
        to_dataframe(results, on="2017-09")
    with pytest.raises(TypeError, match="clusters or eligibility reports, not both"):
        to_dataframe([*results, ELEVEN[0]])


# --- matplotlib ---------------------------------------------------------------------------


@pytest.fixture
def plt() -> Iterator[Any]:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def _legend(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


def _heights(ax: Axes) -> dict[str, float]:
    """Total bar height at each tick, by tick label."""
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    totals = dict.fromkeys(ticks, 0.0)
    for container in ax.containers:
        for bar in container:
            x = round(bar.get_x() + bar.get_width() / 2)
            totals[ticks[x]] += bar.get_height()
    return totals


def test_plot_by_region_renders_the_counts(plt: Any, tmp_path: Path) -> None:
    reg = ELEVEN
    ax = plot_by_region(reg)
    path = tmp_path / "regions.png"
    from matplotlib.figure import Figure

    figure = ax.figure
    assert isinstance(figure, Figure)
    figure.savefig(path)
    assert path.read_bytes().startswith(b"\x89PNG")
    assert path.stat().st_size > 1000
    expected = {r.short_name: 0 for r in Region}
    expected |= {r.short_name if r else "unknown": n for r, n in count_by_region(reg).items()}
    assert _heights(ax) == expected
    assert list(expected) == [
        "Hovedstaden",
        "Sjælland",
        "Syddanmark",
        "Midtjylland",
        "Nordjylland",
        "unknown",
    ]
    assert _legend(ax) == ["gold"]
    assert ax.get_xlabel() == "Region of the secretariat"
    assert ax.get_ylabel() == "Clusters"
    assert ax.get_title() == "Clusters by region, highest label on 2017-09"


def test_plot_by_region_stacks_labels_on_a_date(plt: Any) -> None:
    reg = ELEVEN
    ax = plot_by_region(reg, on="2018-06")
    assert _legend(ax) == ["gold", "unknown"]
    gold, unknown = ax.containers
    assert sum(bar.get_height() for bar in gold) == 4
    assert sum(bar.get_height() for bar in unknown) == 7
    assert _heights(ax)["Syddanmark"] == count_by_region(reg)[Region.SYDDANMARK] == 5


def test_plot_by_region_draws_on_the_axes_given(plt: Any) -> None:
    fig, ax = plt.subplots()
    located = [c for c in ELEVEN if c.region is not None]
    with pytest.raises(TypeError, match=r"plot_by_region\(\) needs on="):
        plot_by_region(located, ax)
    assert plot_by_region(located, ax, on="2017-09") is ax
    assert [t.get_text() for t in ax.get_xticklabels()] == [r.short_name for r in Region]
    assert len(fig.axes) == 1


# --- time -------------------------------------------------------------------------------------


def test_counts_over_time_as_a_frame(pd: Any) -> None:
    from test_time import small

    table = dk_clusters.counts_over_time(small(), dk_clusters.years(2012, 2016), by="programme")
    df = to_dataframe(table)
    assert df.index.name == "date"
    assert df.index.tolist() == ["2012", "2013", "2014", "2015", "2016"]
    assert df.columns.tolist() == ["forum", "unknown"]
    assert df["forum"].tolist() == [0, 1, 1, 0, 0]
    assert df["unknown"].tolist() == [1, 0, 0, 1, 1]  # a start or end within the year
    labels = to_dataframe(dk_clusters.counts_over_time(small(), ["2017-06"]))
    assert labels.loc["2017-06"].to_dict() == {"gold": 1, "none": 1}


def test_timeline_draws_a_row_per_organisation(plt: Any) -> None:
    from test_time import small

    ax = dk_clusters.plot_timeline(small(), start="2009", end="2024")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Merged", "Other", "New Name"]
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["gold (may be valid)", "gold (valid)", "membership"]
    assert ax.get_title() == "Labels and memberships, 2009 to 2024"
