"""Flat views of clusters, one row each: shared by the CSV export and the data frames.

A flat row keeps every field of a cluster that is a single value or a list of
strings; the nested records (certifications, sources, and the histories of names,
seats and memberships) stay in the JSON format. Dates are their text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Final, TypeAlias

import attrs

from ._dates import PartialDate
from ._model import Cluster
from ._places import Region

FlatValue: TypeAlias = str | bool | tuple[str, ...] | None

#: Fields of `Cluster` that hold a list of strings.
LIST_FIELDS: Final = ("aliases", "sectors", "backers", "inferred")
#: Fields of `Cluster` that hold true, false or unknown.
BOOL_FIELDS: Final = ("open_nationwide", "business_led", "innovation_network", "labels_complete")
#: Fields of `Cluster` that hold records, which a flat row leaves out.
NESTED_FIELDS: Final = ("certifications", "sources", "names", "seats", "memberships")
#: The flat fields, in `Cluster` order.
FLAT_FIELDS: Final = tuple(a.name for a in attrs.fields(Cluster) if a.name not in NESTED_FIELDS)

_LIST_MARK = "[]"
_LIST_SEPARATOR = "|"


def flat_row(cluster: Cluster) -> dict[str, FlatValue]:
    """The flat fields of `cluster`; the region as its ISO code, lists as sorted-or-given tuples."""
    row: dict[str, FlatValue] = {}
    for name in FLAT_FIELDS:
        value = getattr(cluster, name)
        if isinstance(value, Region):
            value = value.iso_code
        elif isinstance(value, PartialDate):
            value = str(value)
        elif isinstance(value, frozenset):
            value = tuple(sorted(value))
        row[name] = value
    return row


def to_csv(clusters: Iterable[Cluster]) -> str:
    """CSV with one row per cluster.

    List columns are marked ``[]`` in the header and joined with ``|``; an unknown
    value is an empty cell; booleans are ``true`` / ``false``.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(f"{name}{_LIST_MARK}" if name in LIST_FIELDS else name for name in FLAT_FIELDS)
    for cluster in clusters:
        writer.writerow(_csv_cell(value) for value in flat_row(cluster).values())
    return out.getvalue()


def _csv_cell(value: FlatValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        for item in value:
            if _LIST_SEPARATOR in item:
                raise ValueError(f"cannot write {item!r} to CSV: it holds {_LIST_SEPARATOR!r}")
        return _LIST_SEPARATOR.join(value)
    return value


def read_csv(text: str) -> list[dict[str, FlatValue]]:
    """Read what `to_csv` wrote back into flat rows."""
    rows = []
    for record in csv.DictReader(io.StringIO(text)):
        row: dict[str, FlatValue] = {}
        for header, cell in record.items():
            name = header.removesuffix(_LIST_MARK)
            if header.endswith(_LIST_MARK):
                row[name] = tuple(cell.split(_LIST_SEPARATOR)) if cell else ()
            elif name in BOOL_FIELDS:
                row[name] = {"true": True, "false": False, "": None}[cell]
            else:
                row[name] = cell or None
        rows.append(row)
    return rows
