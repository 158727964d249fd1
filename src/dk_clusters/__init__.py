"""The registry of Danish business clusters and their European cluster-management labels.

>>> import dk_clusters
>>> reg = dk_clusters.load()
>>> len(reg), len(reg.filter(backer="syddansk-vaekstforum"))
(11, 5)

Importing the package is cheap: each name is imported from its module on first
use, and the data are read on the first call that needs them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .exceptions import DataError, DkClustersError, NotFoundError

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
    from ._eligibility import (
        VAEKSTFORUM,
        CheckContext,
        CriteriaSet,
        Criterion,
        EligibilityReport,
        Finding,
        Outcome,
        Verdict,
        check_eligibility,
        check_registry,
    )
    from ._europe import Figure, LabelCount, european_count, label_counts, share_of_europe
    from ._model import (
        NO_LABEL,
        BusinessArea,
        Certification,
        CertificationLabel,
        Cluster,
        DateLike,
        Municipality,
        NoLabel,
        PartialDate,
        Region,
        Source,
    )
    from ._places import municipalities, municipality
    from ._registry import Registry
    from .frame import plot_by_region, to_dataframe, to_polars

    __version__: str

_LAZY = {
    "_aggregate": (
        "Counts",
        "Shares",
        "count_by",
        "count_by_backer",
        "count_by_label",
        "count_by_region",
        "shares",
    ),
    "_europe": ("Figure", "LabelCount", "european_count", "label_counts", "share_of_europe"),
    "_eligibility": (
        "VAEKSTFORUM",
        "CheckContext",
        "CriteriaSet",
        "Criterion",
        "EligibilityReport",
        "Finding",
        "Outcome",
        "Verdict",
        "check_eligibility",
        "check_registry",
    ),
    "_model": (
        "NO_LABEL",
        "BusinessArea",
        "Certification",
        "CertificationLabel",
        "Cluster",
        "DateLike",
        "Municipality",
        "NoLabel",
        "PartialDate",
        "Region",
        "Source",
    ),
    "_places": ("municipalities", "municipality"),
    "_registry": ("Registry",),
    "_version": ("__version__",),
    "frame": ("plot_by_region", "to_dataframe", "to_polars"),
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
    "CriteriaSet",
    "Criterion",
    "DataError",
    "DateLike",
    "DkClustersError",
    "EligibilityReport",
    "Figure",
    "Finding",
    "LabelCount",
    "Municipality",
    "NoLabel",
    "NotFoundError",
    "Outcome",
    "PartialDate",
    "Region",
    "Registry",
    "Shares",
    "Source",
    "Verdict",
    "__version__",
    "business_areas",
    "check_eligibility",
    "check_registry",
    "count_by",
    "count_by_backer",
    "count_by_label",
    "count_by_region",
    "european_count",
    "label_counts",
    "load",
    "municipalities",
    "municipality",
    "plot_by_region",
    "share_of_europe",
    "shares",
    "to_dataframe",
    "to_polars",
]


def load() -> Registry:
    """The shipped registry: read on the first call, then the same object every time."""
    from ._data import registry

    return registry()


def business_areas() -> tuple[BusinessArea, ...]:
    """The business areas of Syddansk Vækstforum's strategy, with their sources."""
    from ._data import business_areas

    return business_areas()


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
