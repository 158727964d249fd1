"""The registry of Danish business clusters and their European cluster-management labels.

>>> import dk_clusters
>>> history = dk_clusters.load()
>>> september = history.as_of("2017-09")
>>> len(september.filter(label="gold")), len(september.filter(backer="syddansk-vaekstforum"))
(11, 5)

Importing the package is cheap: each name is imported from its module on first
use, and the data are read on the first call that needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .exceptions import DataError, DkClustersError, FieldError, FieldTypeError, NotFoundError

if TYPE_CHECKING:
    from ._aggregate import (
        Counts,
        Shares,
        count_by,
        count_by_backer,
        count_by_label,
        count_by_region,
        shares,
    )
    from ._criteria import (
        CheckContext,
        CriteriaSet,
        Criterion,
        EligibilityReport,
        Finding,
        Outcome,
        Verdict,
    )
    from ._dates import DateLike, PartialDate
    from ._eligibility import VAEKSTFORUM, check_eligibility, check_over_time, check_registry
    from ._europe import european_count, share_of_europe
    from ._figures import Figure, LabelCount
    from ._history import Event, LegalForm, Membership, Name, Programme, Seat
    from ._labels import NO_LABEL, Certification, CertificationLabel, NoLabel
    from ._model import BusinessArea, Cluster
    from ._periods import Period
    from ._places import Municipality, Region
    from ._registry import Registry, load
    from ._rules import rule_set, rule_sets
    from ._series import CountsOverTime, counts_over_time, years
    from ._sources import Source
    from ._tables import business_areas, label_counts, municipalities, municipality
    from ._timeline import Entry, History, Link
    from ._version import __version__
    from .frame import plot_by_region, plot_timeline, to_dataframe, to_polars

#: Where each public name lives; `__all__` and the imports above list the same names.
_LAZY: dict[str, tuple[str, ...]] = {
    "_aggregate": (
        "Counts",
        "Shares",
        "count_by",
        "count_by_backer",
        "count_by_label",
        "count_by_region",
        "shares",
    ),
    "_dates": ("DateLike", "PartialDate"),
    "_criteria": (
        "CheckContext",
        "CriteriaSet",
        "Criterion",
        "EligibilityReport",
        "Finding",
        "Outcome",
        "Verdict",
    ),
    "_eligibility": ("VAEKSTFORUM", "check_eligibility", "check_over_time", "check_registry"),
    "_europe": ("european_count", "share_of_europe"),
    "_figures": ("Figure", "LabelCount"),
    "_history": ("Event", "LegalForm", "Membership", "Name", "Programme", "Seat"),
    "_labels": ("NO_LABEL", "Certification", "CertificationLabel", "NoLabel"),
    "_model": ("BusinessArea", "Cluster"),
    "_periods": ("Period",),
    "_places": ("Municipality", "Region"),
    "_registry": ("Registry", "load"),
    "_rules": ("rule_set", "rule_sets"),
    "_series": ("CountsOverTime", "counts_over_time", "years"),
    "_sources": ("Source",),
    "_tables": ("business_areas", "label_counts", "municipalities", "municipality"),
    "_timeline": ("Entry", "History", "Link"),
    "_version": ("__version__",),
    "frame": ("plot_by_region", "plot_timeline", "to_dataframe", "to_polars"),
}
_MODULE_OF = {name: module for module, names in _LAZY.items() for name in names}

__all__ = [
    "NO_LABEL",
    "VAEKSTFORUM",
    "BusinessArea",
    "Certification",
    "CertificationLabel",
    "CheckContext",
    "Cluster",
    "Counts",
    "CountsOverTime",
    "CriteriaSet",
    "Criterion",
    "DataError",
    "DateLike",
    "DkClustersError",
    "EligibilityReport",
    "Entry",
    "Event",
    "FieldError",
    "FieldTypeError",
    "Figure",
    "Finding",
    "History",
    "LabelCount",
    "LegalForm",
    "Link",
    "Membership",
    "Municipality",
    "Name",
    "NoLabel",
    "NotFoundError",
    "Outcome",
    "PartialDate",
    "Period",
    "Programme",
    "Region",
    "Registry",
    "Seat",
    "Shares",
    "Source",
    "Verdict",
    "__version__",
    "business_areas",
    "check_eligibility",
    "check_over_time",
    "check_registry",
    "count_by",
    "count_by_backer",
    "count_by_label",
    "count_by_region",
    "counts_over_time",
    "european_count",
    "label_counts",
    "load",
    "municipalities",
    "municipality",
    "plot_by_region",
    "plot_timeline",
    "rule_set",
    "rule_sets",
    "share_of_europe",
    "shares",
    "to_dataframe",
    "to_polars",
    "years",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
