"""Denmark against Europe: the published European count in force on a date, and a share of it."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from ._dates import DateLike, as_partial_date, chronological
from ._figures import LabelCount
from ._labels import NO_LABEL, CertificationLabel
from ._model import Cluster
from ._registry import resolve_on
from ._tables import label_counts

_EUROPEAN_SCOPES = ("Europe", "EU")


def european_count(
    label: CertificationLabel | str | None = CertificationLabel.GOLD, *, on: DateLike
) -> LabelCount | None:
    """The European count of `label` (None: all labels) in force on `on`.

    A dated count of Europe or the EU is in force once it has certainly been
    published: its date ends no later than `on` does. Of several, the latest
    wins. None when no such count had been published.

    Args:
        label: The label, in any form `CertificationLabel.parse` takes (``"gold"``,
            ``"guld"``); None for all labels.
        on: The date. There is no registry to take it from, so it is always given.

    >>> european_count(on="2017-09").gold
    Figure(value=86, qualifier='exactly')
    """
    wanted = None if label is None else CertificationLabel.parse(label)
    when = as_partial_date(on).latest()
    in_force = [
        (chronological(row.date), row)
        for row in label_counts()
        if row.date is not None
        and row.scope in _EUROPEAN_SCOPES
        and row.figure(wanted) is not None
        and row.date.latest() <= when
    ]
    return max(in_force, key=lambda pair: pair[0], default=(None, None))[1]


def share_of_europe(
    clusters: Iterable[Cluster],
    label: CertificationLabel | str | None = CertificationLabel.GOLD,
    on: DateLike | None = None,
) -> Fraction | None:
    """The clusters' share of the European count of `label` in force on `on`.

    The numerator counts the clusters that certainly hold `label` on `on`; the
    denominator is ``european_count(label, on=on)``. None when either is unknown: a
    cluster whose label the data cannot tell, or no exact European count.

    Args:
        clusters: The clusters to count, a `Registry` or any collection.
        label: The label, in any form `CertificationLabel.parse` takes (``"gold"``,
            ``"guld"``); None for any label.
        on: The date; by default the snapshot of `clusters` if it is a `Registry`.
            For any other collection it must be given.

    >>> import dk_clusters
    >>> gold = dk_clusters.load().as_of("2017-09").filter(label="gold")
    >>> share_of_europe(gold), share_of_europe(gold, None)
    (Fraction(11, 86), Fraction(11, 956))
    """
    wanted = None if label is None else CertificationLabel.parse(label)
    when = resolve_on(on, clusters, "share_of_europe")
    lo, hi = when.days()
    held = 0
    for cluster in clusters:
        if wanted is None:
            highest = cluster._highest_between(lo, hi)
            answer = None if highest is None else highest is not NO_LABEL
        else:
            answer = cluster.holds_label(wanted, when)
        if answer is None:
            return None
        held += answer
    europe = european_count(wanted, on=when)
    figure = europe.figure(wanted) if europe else None
    if figure is None or not figure.exact:
        return None
    return Fraction(held, figure.value)
