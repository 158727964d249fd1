"""The shipped tables: read from package data on first use, once, under a lock."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from ._europe import LabelCount
    from ._model import (
        BusinessArea,
        Municipality,
        PartialDate,
        Region,
        RegionInfo,
    )
    from ._registry import Registry

_T = TypeVar("_T")


def _once(load: Callable[[], _T]) -> Callable[[], _T]:
    """Call `load` at most once, even from many threads, and keep its result."""
    lock = threading.Lock()
    result: list[_T] = []

    def cached() -> _T:
        if not result:
            with lock:
                if not result:
                    result.append(load())
        return result[0]

    cached.__doc__ = load.__doc__
    return cached


def read_bytes(name: str) -> bytes:
    """The bytes of the package data file `name` (under ``dk_clusters/data``).

    Read through the package's loader, as `importlib.resources` does for a
    directory or a zip file, without the cost of importing it.
    """
    origin = __spec__.origin
    get_data = getattr(__spec__.loader, "get_data", None)
    if origin is None or get_data is None:  # pragma: no cover - loaders without files
        from importlib.resources import files

        return files(__package__).joinpath("data").joinpath(name).read_bytes()
    data: bytes = get_data(os.path.join(os.path.dirname(origin), "data", name))
    return data


@_once
def registry() -> Registry:
    """The shipped registry."""
    from ._registry import Registry

    return Registry.from_json(read_bytes("clusters.json"))


@_once
def _municipalities() -> tuple[tuple[Municipality, ...], dict[str, Municipality]]:
    from ._converter import load_table
    from ._model import Municipality

    rows = load_table(read_bytes("municipalities.json"), "municipalities", Municipality)
    ordered = tuple(sorted(rows, key=lambda m: m.code))
    return ordered, {m.code: m for m in ordered}


def municipalities() -> tuple[Municipality, ...]:
    """All municipalities, ordered by code."""
    return _municipalities()[0]


def municipality_by_code(code: str) -> Municipality | None:
    """The municipality with kommunekode `code`, or None."""
    return _municipalities()[1].get(code)


@_once
def _regions() -> dict[Region, RegionInfo]:
    from ._converter import load_table
    from ._model import Region, RegionInfo

    rows = load_table(read_bytes("regions.json"), "regions", RegionInfo)
    return {Region(row.iso_code): row for row in rows}


def region_info(region: Region) -> RegionInfo:
    """The row of the region table for `region`."""
    return _regions()[region]


@_once
def business_areas() -> tuple[BusinessArea, ...]:
    """The business areas of Syddansk Vækstforum's strategy, in the shipped order."""
    from ._converter import load_table
    from ._model import BusinessArea

    return load_table(read_bytes("business_areas.json"), "business_areas", BusinessArea)


@_once
def business_area_ids() -> frozenset[str]:
    """The ids of `business_areas()`."""
    return frozenset(area.id for area in business_areas())


@_once
def label_counts() -> tuple[LabelCount, ...]:
    """The published European label counts, in the shipped order."""
    from ._converter import load_table
    from ._europe import LabelCount

    return load_table(read_bytes("label_counts.json"), "label_counts", LabelCount)


def shipped_snapshot() -> PartialDate:
    """The date the shipped registry describes: the default ``on=`` where no registry is given."""
    return registry().snapshot
