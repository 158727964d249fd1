"""The registry of Danish business clusters and their European cluster-management labels.

>>> import dk_clusters
>>> reg = dk_clusters.load()
>>> len(reg), len(reg.filter(backer="syddansk-vaekstforum"))
(11, 5)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._model import (
    BusinessArea,
    Certification,
    CertificationLabel,
    Cluster,
    DateLike,
    Municipality,
    PartialDate,
    Region,
    Source,
)
from ._places import municipalities, municipality
from ._registry import Registry
from .exceptions import DataError, DkClustersError, NotFoundError

if TYPE_CHECKING:
    __version__: str

__all__ = [
    "BusinessArea",
    "Certification",
    "CertificationLabel",
    "Cluster",
    "DataError",
    "DateLike",
    "DkClustersError",
    "Municipality",
    "NotFoundError",
    "PartialDate",
    "Region",
    "Registry",
    "Source",
    "__version__",
    "business_areas",
    "load",
    "municipalities",
    "municipality",
]


def load() -> Registry:
    """The shipped registry: read on the first call, then the same object every time."""
    from ._data import registry

    return registry()


def business_areas() -> tuple[BusinessArea, ...]:
    """The business areas of Syddansk Vækstforum's strategy, with their sources."""
    from ._data import business_areas

    return business_areas()


def __getattr__(name: str) -> str:
    if name == "__version__":
        from ._version import __version__

        return __version__
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
