"""Clusters as data frames (pandas, polars), and the charts of `dk_clusters._charts` (matplotlib).

pandas, polars and matplotlib are optional: each function imports its library when
called, and ``import dk_clusters.frame`` imports none of them. Install what you need
with ``pip install "dk_clusters[pandas]"`` (or ``[polars]``, ``[matplotlib]``).

A frame has one row per cluster: the flat fields of `Cluster`, in order, as the CSV
export has them (the region as its ISO code; lists of strings as lists; certifications
and sources stay nested, in `Registry.to_json`), then two derived columns:

``label``
    the highest label the cluster certainly holds on `on` (`Cluster.highest_label`):
    ``"gold"``, ``"silver"``, ``"bronze"``, ``"none"`` (certainly no label) or missing
    (the data cannot tell).
``latest_award``
    the latest award date among the cluster's certifications, whatever their label and
    whatever `on`, as text: partial dates stay text (``"2017-05"``, ``"2014"``), never a
    guessed day. Of dates known to different precisions, the one whose last possible day
    is latest counts as the latest. Missing when no award date is known.

The results of `check_registry` (any collection of `EligibilityReport`) make a frame
of their own, one row per report; see `to_dataframe`.

A list column holds a list per row (pandas: a Python `list` in an ``object`` column;
polars: ``pl.List(pl.Utf8)``). CSV has no lists, and polars' ``write_csv`` refuses
them, so ``join_lists=`` gives the frame for a CSV file: each list joined into text
with the separator given (``"|"``, as the CSV export joins them, or ``"; "``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final

from ._charts import LABEL_KEYS, missing_extra, plot_by_region, plot_timeline
from ._criteria import EligibilityReport, Outcome
from ._dates import DateLike, chronological
from ._flat import BOOL_FIELDS, FLAT_FIELDS, LIST_FIELDS, FlatValue, flat_row
from ._labels import CertificationLabel, NoLabel
from ._model import Cluster
from ._places import Region
from ._registry import Registry, resolve_on
from ._series import CountsOverTime

if TYPE_CHECKING:
    import pandas
    import polars

__all__ = ["plot_by_region", "plot_timeline", "to_dataframe", "to_polars"]

#: Categories of the ``region`` column: ISO codes in `Region` order.
_REGION_CATEGORIES: Final = tuple(region.iso_code for region in Region)
#: Categories of the ``label`` column: ``gold``, ``silver``, ``bronze``, ``none``.
_LABEL_CATEGORIES: Final = tuple(key.value for key in LABEL_KEYS if key is not None)
#: All columns, in order; ``id`` is the pandas index.
_COLUMNS: Final = (*FLAT_FIELDS, "label", "latest_award")
#: Categories of the outcome columns of a frame of reports.
_OUTCOME_CATEGORIES: Final = tuple(outcome.value for outcome in Outcome)
#: The columns of a frame of reports before and after one column per criterion.
_REPORT_COLUMNS: Final = ("id", "name", "criteria", "on", "outcome", "passed")
_REPORT_LISTS: Final = ("deciding_fields",)


def _rows(
    clusters: Iterable[Cluster], on: DateLike | None, function: str
) -> list[dict[str, FlatValue]]:
    """Flat rows with the derived columns added."""
    when = resolve_on(on, clusters, function)
    rows = []
    for cluster in clusters:
        row = flat_row(cluster)
        label = cluster.highest_label(when)
        row["label"] = None if label is None else label.value
        row["latest_award"] = _latest_award(cluster)
        rows.append(row)
    return rows


def _latest_award(cluster: Cluster) -> str | None:
    dates = [c.awarded for c in cluster.certifications if c.awarded is not None]
    if not dates:
        return None
    return str(max(dates, key=chronological))


def _split(
    items: Iterable[Cluster] | Iterable[EligibilityReport], on: DateLike | None, function: str
) -> tuple[Iterable[Cluster], tuple[EligibilityReport, ...] | None]:
    """`items` read once: as clusters, and as reports if they are reports (else None).

    An empty collection is one of clusters.
    """
    if isinstance(items, Registry):
        return items, None
    found: tuple[object, ...] = tuple(items)
    reports = tuple(item for item in found if isinstance(item, EligibilityReport))
    if not reports:
        return found, None  # type: ignore[return-value]
    if len(reports) != len(found):
        raise TypeError(f"{function}() takes clusters or eligibility reports, not both")
    if on is not None:
        raise TypeError(f"{function}() takes no on= with eligibility reports: each has its date")
    return (), reports


def _report_rows(reports: Iterable[EligibilityReport]) -> tuple[list[str], list[dict[str, Any]]]:
    """The criterion ids among `reports`, in order (a column each), and the frame's rows."""
    criteria: dict[str, None] = {}
    rows = []
    for report in reports:
        row: dict[str, Any] = {
            "id": report.cluster.id,
            "name": report.cluster.name,
            "criteria": report.criteria.name,
            "on": str(report.on),
            "outcome": report.outcome.value,
            "passed": report.passed,
            "deciding_fields": report.deciding_fields,
        }
        for verdict in report.verdicts:
            criteria.setdefault(verdict.criterion.id, None)
            row[verdict.criterion.id] = verdict.outcome.value
        rows.append(row)
    clash = sorted(set(criteria) & {*_REPORT_COLUMNS, *_REPORT_LISTS})
    if clash:
        raise ValueError(f"criterion ids {clash} are names of the frame's own columns")
    return list(criteria), rows


def _joined(values: tuple[str, ...], sep: str) -> str:
    """`values` joined by `sep`; a value that holds `sep` would be read back wrong, so it raises."""
    for value in values:
        if sep in value:
            raise ValueError(f"cannot join {value!r} with {sep!r}: it holds the separator")
    return sep.join(values)


def _check_separator(join_lists: str | None) -> None:
    if join_lists == "":
        raise ValueError("join_lists must be a separator, not empty text")


def _list_cells(values: Iterable[object], join_lists: str | None) -> list[Any]:
    """A list column's cells: a list per row, or its text joined by `join_lists`."""
    if join_lists is None:
        return [list(v) if isinstance(v, tuple) else v for v in values]
    return [_joined(v, join_lists) if isinstance(v, tuple) else v for v in values]


def to_dataframe(
    clusters: Iterable[Cluster] | Iterable[EligibilityReport] | CountsOverTime,
    *,
    on: DateLike | None = None,
    join_lists: str | None = None,
) -> pandas.DataFrame:
    """A pandas DataFrame with one row per cluster, indexed by cluster id (the index ``id``).

    Columns, typed: ``region`` and ``label`` are categoricals with every category in a
    fixed order (regions' ISO codes in `Region` order; ``gold``, ``silver``, ``bronze``,
    ``none``), so empty groups still show; the true/false/unknown fields are nullable
    ``boolean``; text is ``string``, ``latest_award`` included (partial dates stay
    text); list fields hold a Python `list` of strings per row (``object`` columns).
    Unknown is missing (``<NA>`` or NaN), never a guess. The module docstring
    describes the derived columns.

    Given a `CountsOverTime` table instead, the frame has a row per date (the index
    ``date``, as text) and a column of integer counts per group, ``unknown`` last.

    Given the results of `check_registry` (or any collection of `EligibilityReport`),
    the frame has a row per report, indexed by cluster id: ``name``, ``criteria``
    (the set's name), ``on`` (text), ``outcome``, ``passed`` (True only for PASS,
    see `EligibilityReport.passed`), a column per criterion id with its outcome,
    in order, and ``deciding_fields`` (a list). Outcomes are categoricals of
    ``pass``, ``fail``, ``unknown``. An empty collection is taken as one of
    clusters. The reasons are in `EligibilityReport.to_dict`.

    Args:
        clusters: The clusters (a `Registry` or any collection), a `CountsOverTime`
            table, or eligibility reports.
        on: The date of the ``label`` column; by default the snapshot of `clusters`
            if it is a `Registry`, and given for any other collection of clusters.
            Not taken with reports, each of which has its date.
        join_lists: A separator that joins each list into one ``string`` instead,
            for a CSV file; an item that holds the separator raises `ValueError`.

    >>> import dk_clusters
    >>> gold = dk_clusters.load().as_of("2017-09").filter(label="gold")
    >>> df = to_dataframe(gold, on="2018-06")
    >>> df.loc["odense-robotics", ["region", "label", "latest_award"]].tolist()
    ['DK-83', 'gold', '2017-05']
    >>> int(df["label"].isna().sum())
    7
    >>> df.loc["odense-robotics", "backers"]
    ['syddansk-vaekstforum']
    >>> results = to_dataframe(dk_clusters.check_registry(gold))
    >>> results.loc["welfare-tech", ["outcome", "gold-label"]].tolist()
    ['unknown', 'pass']
    >>> int(results["passed"].sum())
    0
    """
    try:
        import pandas as pd
    except ImportError as e:
        raise missing_extra("to_dataframe", "pandas", "pandas") from e

    _check_separator(join_lists)
    if isinstance(clusters, CountsOverTime):
        columns = {_group_name(g): [c.get(g, 0) for c in clusters.counts] for g in clusters.groups}
        index = pd.Index([str(d) for d in clusters.dates], dtype="string", name="date")
        return pd.DataFrame(columns, index=index, dtype="int64")
    clusters, reports = _split(clusters, on, "to_dataframe")
    list_dtype: Any = object if join_lists is None else "string"
    dtypes: dict[str, Any]
    if reports is not None:
        criteria, rows = _report_rows(reports)
        names = [*_REPORT_COLUMNS, *criteria, *_REPORT_LISTS]
        outcome = pd.CategoricalDtype(list(_OUTCOME_CATEGORIES))
        dtypes = {
            **dict.fromkeys(("outcome", *criteria), outcome),
            "passed": "boolean",
            **dict.fromkeys(_REPORT_LISTS, list_dtype),
        }
        lists: tuple[str, ...] = _REPORT_LISTS
    else:
        names = list(_COLUMNS)
        rows = _rows(clusters, on, "to_dataframe")
        dtypes = {
            "region": pd.CategoricalDtype(list(_REGION_CATEGORIES)),
            "label": pd.CategoricalDtype(list(_LABEL_CATEGORIES)),
            **dict.fromkeys(BOOL_FIELDS, "boolean"),
            **dict.fromkeys(LIST_FIELDS, list_dtype),
        }
        lists = LIST_FIELDS
    index = pd.Index([row["id"] for row in rows], dtype="string", name="id")

    def cells(name: str) -> list[Any]:
        values = [row.get(name) for row in rows]
        return _list_cells(values, join_lists) if name in lists else values

    return pd.DataFrame(
        {
            name: pd.Series(cells(name), index=index, dtype=dtypes.get(name, "string"))
            for name in names
            if name != "id"
        },
        index=index,
    )


def _group_name(group: object) -> str:
    """A group of a `CountsOverTime` as a column name: codes and ids, ``unknown`` for None."""
    if group is None:
        return "unknown"
    if isinstance(group, Region):
        return group.iso_code
    if isinstance(group, CertificationLabel | NoLabel):
        return str(group.value)
    return str(group)


def to_polars(
    clusters: Iterable[Cluster] | Iterable[EligibilityReport],
    *,
    on: DateLike | None = None,
    join_lists: str | None = None,
) -> polars.DataFrame:
    """A polars DataFrame with the columns of `to_dataframe`, ``id`` first (polars has no index).

    ``region`` and ``label`` are ``pl.Enum`` with the same fixed categories, the
    true/false/unknown fields ``pl.Boolean``, text ``pl.Utf8`` (``latest_award``
    included), list fields ``pl.List(pl.Utf8)``; unknown is null. Given the results
    of `check_registry`, the frame of reports that `to_dataframe` describes, its
    outcomes ``pl.Enum``. polars writes no list to CSV (``write_csv`` raises
    ``ComputeError``): give `join_lists` for a CSV file.

    Args:
        clusters: The clusters (a `Registry` or any collection), or eligibility
            reports.
        on: The date of the ``label`` column, as for `to_dataframe`.
        join_lists: A separator that joins each list into one ``pl.Utf8``, for a
            CSV file (an item that holds it raises `ValueError`); without it the
            frame keeps its lists.

    >>> import dk_clusters
    >>> import polars as pl
    >>> df = to_polars(dk_clusters.load().as_of("2017-09"))
    >>> df.filter(pl.col("id") == "clean").select("region", "label", "latest_award").row(0)
    (None, 'gold', '2014')
    >>> df.schema["backers"]
    List(String)
    >>> flat = to_polars(dk_clusters.load().as_of("2017-09"), join_lists="|")
    >>> flat.filter(pl.col("id") == "odense-robotics")["inferred"].item()
    'backers|business_area|founded'
    >>> pl.read_csv(flat.write_csv().encode()).height
    65
    """
    try:
        import polars as pl
    except ImportError as e:
        raise missing_extra("to_polars", "polars", "polars") from e

    _check_separator(join_lists)
    list_dtype = pl.List(pl.Utf8) if join_lists is None else pl.Utf8()
    clusters, reports = _split(clusters, on, "to_polars")
    dtypes: dict[str, pl.DataType]
    if reports is not None:
        criteria, rows = _report_rows(reports)
        names = [*_REPORT_COLUMNS, *criteria, *_REPORT_LISTS]
        outcome = pl.Enum(list(_OUTCOME_CATEGORIES))
        dtypes = {
            **dict.fromkeys(("outcome", *criteria), outcome),
            "passed": pl.Boolean(),
            **dict.fromkeys(_REPORT_LISTS, list_dtype),
        }
        lists: tuple[str, ...] = _REPORT_LISTS
    else:
        names = list(_COLUMNS)
        rows = _rows(clusters, on, "to_polars")
        dtypes = {
            "region": pl.Enum(list(_REGION_CATEGORIES)),
            "label": pl.Enum(list(_LABEL_CATEGORIES)),
            **dict.fromkeys(BOOL_FIELDS, pl.Boolean()),
            **dict.fromkeys(LIST_FIELDS, list_dtype),
        }
        lists = LIST_FIELDS

    def cells(name: str) -> list[Any]:
        values = [row.get(name) for row in rows]
        return _list_cells(values, join_lists) if name in lists else values

    return pl.DataFrame(
        [pl.Series(name, cells(name), dtype=dtypes.get(name, pl.Utf8())) for name in names]
    )
