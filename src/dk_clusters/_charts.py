"""Clusters as charts (matplotlib): a bar chart by region, a timeline of labels.

matplotlib is optional: each function imports it when called. `dk_clusters.frame`
gives these functions beside the data frames.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, TypeAlias

from ._aggregate import count_by_label, count_by_region
from ._dates import DateLike, as_partial_date
from ._labels import LABELS_HIGH_TO_LOW, CertificationLabel, NoLabel
from ._model import Cluster
from ._places import Region
from ._registry import Registry, resolve_on

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["LABEL_KEYS", "missing_extra", "plot_by_region", "plot_timeline"]

_LabelKey: TypeAlias = CertificationLabel | NoLabel | None

#: The label groups, high to low, then certainly none, then unknown (None).
LABEL_KEYS: Final[tuple[_LabelKey, ...]] = (*LABELS_HIGH_TO_LOW, NoLabel.NO_LABEL, None)

#: How `plot_by_region` draws each label group: legend entry, colour, edge colour, hatch.
_BAR_STYLE: Final[dict[_LabelKey, tuple[str, str, str | None, str | None]]] = {
    CertificationLabel.GOLD: ("gold", "#d4af37", None, None),
    CertificationLabel.SILVER: ("silver", "#c0c0c0", None, None),
    CertificationLabel.BRONZE: ("bronze", "#cd7f32", None, None),
    NoLabel.NO_LABEL: ("no label", "#5b6f82", None, None),
    None: ("unknown", "white", "#808080", "//"),
}


def missing_extra(function: str, module: str, extra: str) -> ImportError:
    """The error for a missing optional dependency, naming the extra to install."""
    return ImportError(f'{function}() needs {module}: pip install "dk_clusters[{extra}]"')


def plot_by_region(
    clusters: Iterable[Cluster], ax: Axes | None = None, *, on: DateLike | None = None
) -> Axes:
    """A bar chart of clusters per region of their secretariat, stacked by label on `on`.

    One bar for each of the five regions in `Region` order, and an ``unknown`` bar
    when some cluster's region is unknown. The stacks are the highest label each
    cluster certainly holds on `on`: gold, silver, bronze, no label, and unknown
    where the data cannot tell. The numbers are `count_by_region` and
    `count_by_label`'s. Returns the axes drawn on.

    Args:
        clusters: The clusters to draw, a `Registry` or any collection.
        ax: The axes to draw on; by default those of a new figure.
        on: The date of the labels; by default the snapshot of `clusters` if it is a
            `Registry`. For any other collection it must be given.

    >>> import dk_clusters
    >>> ax = plot_by_region(dk_clusters.load())
    >>> [tick.get_text() for tick in ax.get_xticklabels()]
    ['Hovedstaden', 'Sjælland', 'Syddanmark', 'Midtjylland', 'Nordjylland', 'unknown']
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)
    """
    try:
        from matplotlib.ticker import MaxNLocator
    except ImportError as e:
        raise missing_extra("plot_by_region", "matplotlib", "matplotlib") from e

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
    for key in LABEL_KEYS:
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
    a membership is a thin bar under it, faded where an end is unknown. Returns the
    axes drawn on.

    Args:
        registry: The organisations to draw, one row each.
        ax: The axes to draw on; by default those of a new figure.
        start: Where the time axis starts.
        end: Where the time axis ends; by default the registry's snapshot.

    >>> import dk_clusters
    >>> ax = plot_timeline(dk_clusters.load().filter(predicate=lambda c: c.id == "welfare-tech"))
    >>> [label.get_text() for label in ax.get_yticklabels()]
    ['Welfare Tech']
    >>> import matplotlib.pyplot as plt; plt.close(ax.figure)
    """
    try:
        import matplotlib.dates as mdates
    except ImportError as e:
        raise missing_extra("plot_timeline", "matplotlib", "matplotlib") from e

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
