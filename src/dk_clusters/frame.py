"""Clusters as data frames (pandas, polars) and as a bar chart (matplotlib).

pandas, polars and matplotlib are optional: each function imports its library when
called, and ``import dk_clusters.frame`` imports none of them. Install what you need
with ``pip install "dk_clusters[pandas]"`` (or ``[polars]``, ``[matplotlib]``).

A frame has one row per cluster: the flat fields of `Cluster`, in order, as the CSV
export has them (the region as its ISO code; lists of strings; certifications and
sources stay nested, in `Registry.to_json`), then two derived columns:

``label``
    the highest label the cluster certainly holds on `on` (`Cluster.highest_label`):
    ``"gold"``, ``"silver"``, ``"bronze"``, ``"none"`` (certainly no label) or missing
    (the data cannot tell).
``latest_award``
    the latest award date among the cluster's certifications, whatever their label and
    whatever `on`, as text: partial dates stay text (``"2017-05"``, ``"2014"``), never a
    guessed day. Of dates known to different precisions, the one whose last possible day
    is latest counts as the latest. Missing when no award date is known.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from ._aggregate import count_by_label, count_by_region
from ._dates import DateLike, as_partial_date, chronological
from ._flat import BOOL_FIELDS, FLAT_FIELDS, LIST_FIELDS, FlatValue, flat_row
from ._labels import LABELS_HIGH_TO_LOW, CertificationLabel, NoLabel
from ._model import Cluster
from ._places import Region
from ._registry import Registry, resolve_on
from ._series import CountsOverTime

if TYPE_CHECKING:
    import pandas
    import polars
    from matplotlib.axes import Axes

__all__ = ["plot_by_region", "plot_timeline", "to_dataframe", "to_polars"]

_LabelKey: TypeAlias = CertificationLabel | NoLabel | None

#: The label groups, high to low, then certainly none, then unknown (None).
_LABEL_KEYS: Final[tuple[_LabelKey, ...]] = (*LABELS_HIGH_TO_LOW, NoLabel.NO_LABEL, None)
#: Categories of the ``region`` column: ISO codes in `Region` order.
_REGION_CATEGORIES: Final = tuple(region.iso_code for region in Region)
#: Categories of the ``label`` column: ``gold``, ``silver``, ``bronze``, ``none``.
_LABEL_CATEGORIES: Final = tuple(key.value for key in _LABEL_KEYS if key is not None)
#: All columns, in order; ``id`` is the pandas index.
_COLUMNS: Final = (*FLAT_FIELDS, "label", "latest_award")

#: How `plot_by_region` draws each label group: legend entry, colour, edge colour, hatch.
_BAR_STYLE: Final[dict[_LabelKey, tuple[str, str, str | None, str | None]]] = {
    CertificationLabel.GOLD: ("gold", "#d4af37", None, None),
    CertificationLabel.SILVER: ("silver", "#c0c0c0", None, None),
    CertificationLabel.BRONZE: ("bronze", "#cd7f32", None, None),
    NoLabel.NO_LABEL: ("no label", "#5b6f82", None, None),
    None: ("unknown", "white", "#808080", "//"),
}


def _missing(function: str, module: str, extra: str) -> ImportError:
    return ImportError(f'{function}() needs {module}: pip install "dk_clusters[{extra}]"')


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


def to_dataframe(
    clusters: Iterable[Cluster] | CountsOverTime, *, on: DateLike | None = None
) -> pandas.DataFrame:
    """A pandas DataFrame with one row per cluster, indexed by cluster id (the index ``id``).

    Columns, typed: ``region`` and ``label`` are categoricals with every category in a
    fixed order (regions' ISO codes in `Region` order; ``gold``, ``silver``, ``bronze``,
    ``none``), so empty groups still show; the true/false/unknown fields are nullable
    ``boolean``; text is ``string``, ``latest_award`` included (partial dates stay
    text); list fields hold tuples of strings. Unknown is missing (``<NA>`` or NaN),
    never a guess. `on` dates ``label``; it defaults to the snapshot of `clusters`
    if it is a `Registry`, and must be given for any other collection.
    The module docstring describes the derived columns.

    Given a `CountsOverTime` table instead, the frame has a row per date (the index
    ``date``, as text) and a column of integer counts per group, ``unknown`` last.

    >>> import dk_clusters
    >>> gold = dk_clusters.load().as_of("2017-09").filter(label="gold")
    >>> df = to_dataframe(gold, on="2018-06")
    >>> df.loc["odense-robotics", ["region", "label", "latest_award"]].tolist()
    ['DK-83', 'gold', '2017-05']
    >>> int(df["label"].isna().sum())
    7
    """
    try:
        import pandas as pd
    except ImportError as e:
        raise _missing("to_dataframe", "pandas", "pandas") from e

    if isinstance(clusters, CountsOverTime):
        columns = {_group_name(g): [c.get(g, 0) for c in clusters.counts] for g in clusters.groups}
        index = pd.Index([str(d) for d in clusters.dates], dtype="string", name="date")
        return pd.DataFrame(columns, index=index, dtype="int64")
    rows = _rows(clusters, on, "to_dataframe")
    index = pd.Index([row["id"] for row in rows], dtype="string", name="id")
    dtypes: dict[str, Any] = {
        "region": pd.CategoricalDtype(list(_REGION_CATEGORIES)),
        "label": pd.CategoricalDtype(list(_LABEL_CATEGORIES)),
        **dict.fromkeys(BOOL_FIELDS, "boolean"),
        **dict.fromkeys(LIST_FIELDS, object),
    }
    return pd.DataFrame(
        {
            name: pd.Series(
                [row[name] for row in rows], index=index, dtype=dtypes.get(name, "string")
            )
            for name in _COLUMNS
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


def to_polars(clusters: Iterable[Cluster], *, on: DateLike | None = None) -> polars.DataFrame:
    """A polars DataFrame with the columns of `to_dataframe`, ``id`` first (polars has no index).

    ``region`` and ``label`` are ``pl.Enum`` with the same fixed categories, the
    true/false/unknown fields ``pl.Boolean``, text ``pl.Utf8`` (``latest_award``
    included), list fields ``pl.List(pl.Utf8)``; unknown is null.

    >>> import dk_clusters
    >>> import polars as pl
    >>> df = to_polars(dk_clusters.load().as_of("2017-09"))
    >>> df.filter(pl.col("id") == "clean").select("region", "label", "latest_award").row(0)
    (None, 'gold', '2014')
    """
    try:
        import polars as pl
    except ImportError as e:
        raise _missing("to_polars", "polars", "polars") from e

    rows = _rows(clusters, on, "to_polars")
    dtypes: dict[str, pl.DataType] = {
        "region": pl.Enum(list(_REGION_CATEGORIES)),
        "label": pl.Enum(list(_LABEL_CATEGORIES)),
        **dict.fromkeys(BOOL_FIELDS, pl.Boolean()),
        **dict.fromkeys(LIST_FIELDS, pl.List(pl.Utf8)),
    }
    return pl.DataFrame(
        [
            pl.Series(
                name,
                [list(v) if isinstance(v := row[name], tuple) else v for row in rows],
                dtype=dtypes.get(name, pl.Utf8()),
            )
            for name in _COLUMNS
        ]
    )


def plot_by_region(
    clusters: Iterable[Cluster], ax: Axes | None = None, *, on: DateLike | None = None
) -> Axes:
    """A bar chart of clusters per region of their secretariat, stacked by label on `on`.

    One bar for each of the five regions in `Region` order, and an ``unknown`` bar
    when some cluster's region is unknown. The stacks are the highest label each
    cluster certainly holds on `on` (the snapshot of a `Registry` unless given):
    gold, silver, bronze, no label, and unknown where the data cannot tell. The
    numbers are `count_by_region` and `count_by_label`'s. Draws on `ax`, or on a new
    figure when `ax` is None, and returns the axes.

    >>> import dk_clusters
    >>> ax = plot_by_region(dk_clusters.load())
    >>> [tick.get_text() for tick in ax.get_xticklabels()]
    ['Hovedstaden', 'Sjælland', 'Syddanmark', 'Midtjylland', 'Nordjylland', 'unknown']
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)
    """
    try:
        from matplotlib.ticker import MaxNLocator
    except ImportError as e:
        raise _missing("plot_by_region", "matplotlib", "matplotlib") from e

    when = resolve_on(on, clusters, "plot_by_region")
    clusters = tuple(clusters)
    regions = [*Region, *([None] if None in count_by_region(clusters) else [])]
    by_label = {
        region: count_by_label([c for c in clusters if c.region is region], when)
        for region in regions
    }

    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
    positions = list(range(len(regions)))
    bottom = [0] * len(regions)
    for key in _LABEL_KEYS:
        heights = [by_label[region].get(key, 0) for region in regions]
        if not any(heights):
            continue
        name, color, edgecolor, hatch = _BAR_STYLE[key]
        ax.bar(
            positions,
            heights,
            bottom=bottom,
            label=name,
            color=color,
            edgecolor=edgecolor,
            hatch=hatch,
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_xticks(
        positions, ["unknown" if region is None else region.short_name for region in regions]
    )
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Region of the secretariat")
    ax.set_ylabel("Clusters")
    ax.set_title(f"Clusters by region, highest label on {when}")
    if any(bottom):
        ax.legend(title="Highest label")
    return ax


def plot_timeline(
    registry: Registry,
    ax: Axes | None = None,
    *,
    start: DateLike = "2009",
    end: DateLike | None = None,
) -> Axes:
    """A timeline: one row per organisation, its labels and programme memberships over time.

    A label is drawn solid where it is certainly valid and hatched where it may be;
    a membership is a thin bar under it, faded where an end is unknown. The axis
    runs from `start` to `end` (default: the registry's snapshot). Draws on `ax`,
    or on a new figure when `ax` is None, and returns the axes.

    >>> import dk_clusters
    >>> ax = plot_timeline(dk_clusters.load().filter(predicate=lambda c: c.id == "welfare-tech"))
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['Welfare Tech']
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)
    """
    try:
        import matplotlib.dates as mdates
    except ImportError as e:
        raise _missing("plot_timeline", "matplotlib", "matplotlib") from e

    first = as_partial_date(start).earliest()
    last = as_partial_date(registry.snapshot if end is None else end).latest()
    clusters = list(registry)
    if ax is None:
        import matplotlib.pyplot as plt

        height = max(2.5, 0.35 * len(clusters) + 1.2)
        _, ax = plt.subplots(figsize=(10, height), layout="constrained")
    drawn: set[str] = set()
    for row, cluster in enumerate(reversed(clusters)):
        labels, axis = (row + 0.1, 0.5), (first, last)
        for label, (certain, possible) in cluster._labels:
            name, color, _, _ = _BAR_STYLE[label]
            maybe, sure = f"{name} (may be valid)", f"{name} (valid)"
            for days in possible or ():
                _span(ax, labels, days, axis, label=maybe, drawn=drawn, facecolor="none",
                      hatch="//", edgecolor=color)  # fmt: skip
            for days in certain:
                _span(ax, labels, days, axis, label=sure, drawn=drawn, color=color)
        for membership in cluster.memberships:
            a = membership.start.days()[0] if membership.start else first.toordinal()
            b = membership.end.days()[1] if membership.end else last.toordinal()
            faded = membership.start is None or membership.end is None
            _span(ax, (row - 0.25, 0.2), (a, b), axis, label="membership", drawn=drawn,
                  color="#5b6f82", alpha=0.35 if faded else 0.9)  # fmt: skip
    ax.set_yticks(range(len(clusters)), [c.name for c in reversed(clusters)])
    ax.set_ylim(-0.6, max(len(clusters), 1) - 0.2)
    ax.set_xlim(mdates.date2num(first), mdates.date2num(last))  # type: ignore[no-untyped-call]
    ax.xaxis_date()
    until = registry.snapshot if end is None else as_partial_date(end)
    ax.set_title(f"Labels and memberships, {as_partial_date(start)} to {until}")
    if drawn:
        ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
    return ax


def _span(
    ax: Axes,
    rows: tuple[float, float],
    days: tuple[int, int],
    axis: tuple[dt.date, dt.date],
    *,
    label: str,
    drawn: set[str],
    **style: Any,
) -> None:
    """A bar over `rows` (bottom, height) for `days` (ordinals) clipped to `axis`; labels once."""
    import matplotlib.dates as mdates

    lo, hi = max(days[0], axis[0].toordinal()), min(days[1], axis[1].toordinal())
    if lo > hi:
        return
    start = mdates.date2num(dt.date.fromordinal(lo))  # type: ignore[no-untyped-call]
    width = mdates.date2num(dt.date.fromordinal(hi)) - start + 1  # type: ignore[no-untyped-call]
    ax.broken_barh([(start, width)], rows, label=None if label in drawn else label, **style)
    drawn.add(label)
