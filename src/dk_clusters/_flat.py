"""Flat views of clusters, one row each: shared by the CSV export and the data frames.

A flat row keeps every field of a cluster that is a single value or a list of
strings; the nested records (certifications, sources, and the histories of names,
seats, memberships and legal forms) stay in the JSON format. Dates are their text.

The CSV adds columns for people: the names of the region and the municipality
next to their codes and, on a date, the highest label held then, when it was
awarded and until when it is valid.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Final, Literal, TypeAlias

import attrs

from ._dates import DateLike, PartialDate, add_years, as_partial_date, chronological
from ._labels import LABEL_VALIDITY_YEARS, CertificationLabel
from ._layout import Lang
from ._model import Cluster
from ._places import Region
from ._registry import Registry
from ._tables import municipality_by_code
from .exceptions import DataError

FlatValue: TypeAlias = str | bool | tuple[str, ...] | None
#: How a CSV is written: ``"csv"`` (``,`` between cells, ``\n`` after rows) or ``"excel-da"``,
#: what Danish Excel opens as it is: ``;`` between cells (its decimal mark is the comma), a
#: UTF-8 byte-order mark first, ``\r\n`` after rows.
Dialect: TypeAlias = Literal["csv", "excel-da"]

#: Fields of `Cluster` that hold a list of strings.
LIST_FIELDS: Final = ("aliases", "sectors", "backers", "inferred")
#: Fields of `Cluster` that hold true, false or unknown.
BOOL_FIELDS: Final = ("open_nationwide", "business_led", "innovation_network", "labels_complete")
#: Fields of `Cluster` that hold records, which a flat row leaves out.
NESTED_FIELDS: Final = (
    "certifications",
    "sources",
    "names",
    "seats",
    "memberships",
    "legal_forms",
)
#: The flat fields, in `Cluster` order.
FLAT_FIELDS: Final = tuple(a.name for a in attrs.fields(Cluster) if a.name not in NESTED_FIELDS)
#: Columns the CSV adds after the code they name.
NAME_COLUMNS: Final = {"region": "region_name", "municipality": "municipality_name"}
#: Columns the CSV adds at the end when it has a date: the highest label then, its award
#: and the end of its validity.
LABEL_COLUMNS: Final = ("label", "label_awarded", "label_valid_until")
#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")

_LIST_MARK = "[]"
_LIST_SEPARATOR = "|"
_NEUTRAL = "'"  # put before a cell that would start a formula
_BOM = "\ufeff"
_DERIVED: Final = frozenset((*NAME_COLUMNS.values(), *LABEL_COLUMNS))


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


def to_csv(
    clusters: Iterable[Cluster],
    *,
    on: DateLike | None = None,
    lang: Lang = "en",
    dialect: Dialect = "csv",
) -> str:
    """CSV with one row per cluster.

    List columns are marked ``[]`` in the header and their items joined with
    ``|`` (an item holding ``|`` is a `DataError`); an unknown value is an empty
    cell; booleans are ``true`` / ``false``. ``region_name`` and
    ``municipality_name`` follow the codes (the region's name in `lang`). With a
    date (`on`, or the snapshot of a `Registry`), the last columns are the highest
    label certainly held then (``gold``, ``silver``, ``bronze``, ``none``; empty
    when unknown), its award date and the end of its validity: the one the sources
    give, else two years after the award (the ECEI rule), as precise as the award.

    A cell that a spreadsheet would run as a formula (one starting with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return) is written with ``'`` before
    it, as is one that starts with ``'`` and then one of those; `read_csv` takes
    the ``'`` away again.
    """
    when = as_partial_date(on) if on is not None else None
    if when is None and isinstance(clusters, Registry):
        when = clusters.snapshot
    out = io.StringIO()
    excel = dialect == "excel-da"
    if excel:
        out.write(_BOM)
    writer = csv.writer(
        out, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n"
    )
    header: list[str] = []
    for name in FLAT_FIELDS:
        header.append(f"{name}{_LIST_MARK}" if name in LIST_FIELDS else name)
        if name in NAME_COLUMNS:
            header.append(NAME_COLUMNS[name])
    if when is not None:
        header += LABEL_COLUMNS
    writer.writerow(header)
    for index, cluster in enumerate(clusters):
        cells: list[str] = []
        for name, value in flat_row(cluster).items():
            cells.append(_csv_cell(value, cluster, index, name))
            if name == "region":
                cells.append(_cell(_region_name(cluster.region, lang)))
            elif name == "municipality":
                found = municipality_by_code(cluster.municipality) if cluster.municipality else None
                cells.append(_cell(None if found is None else found.name))
        if when is not None:
            cells += (_cell(text) for text in label_cells(cluster, when))
        writer.writerow(cells)
    return out.getvalue()


def _region_name(region: Region | None, lang: Lang) -> str | None:
    if region is None:
        return None
    return region.name_da if lang == "da" else region.name_en


def label_cells(cluster: Cluster, on: PartialDate) -> tuple[str | None, str | None, str | None]:
    """The highest label `cluster` certainly holds on `on`, its award and end of validity.

    As text, None where unknown. Of several certifications of that label valid
    on `on`, the one awarded last that gives its award date.
    """
    label = cluster.highest_label(on)
    if not isinstance(label, CertificationLabel):
        return (None if label is None else str(label.value), None, None)
    valid = [c for c in cluster.certifications if c.label is label and c.valid_on(on)]
    dated = [(chronological(c.awarded), i, c) for i, c in enumerate(valid) if c.awarded is not None]
    chosen = max(dated)[2] if dated else valid[0] if valid else None
    if chosen is None:  # certain only from several certifications together
        return label.value, None, None
    awarded = None if chosen.awarded is None else str(chosen.awarded)
    until = chosen.valid_until
    if until is None and chosen.awarded is not None:
        until = _two_years_after(chosen.awarded)
    return label.value, awarded, None if until is None else str(until)


def _two_years_after(day: PartialDate) -> PartialDate:
    moved = add_years(day.earliest(), LABEL_VALIDITY_YEARS)
    if day.precision == "day":
        return PartialDate.from_date(moved)
    return PartialDate(moved.year, None if day.month is None else moved.month)


def _csv_cell(value: FlatValue, cluster: Cluster, index: int, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        for item in value:
            if _LIST_SEPARATOR in item:
                raise DataError(
                    f'clusters[{index}] ("{cluster.id}").{name}: cannot write {item!r} to CSV: '
                    f"an item of a list must not hold {_LIST_SEPARATOR!r}"
                )
        return _cell(_LIST_SEPARATOR.join(value))
    return _cell(value)


def _cell(text: str | None) -> str:
    """`text` as a cell no spreadsheet runs as a formula; None is an empty cell."""
    if text is None:
        return ""
    if text.lstrip(_NEUTRAL).startswith(FORMULA_START):
        return _NEUTRAL + text
    return text


def read_csv(text: str) -> list[dict[str, FlatValue]]:
    """Read what `to_csv` wrote back into flat rows; the columns it adds are left out."""
    delimiter = ","
    if text.startswith(_BOM):
        text, delimiter = text[len(_BOM) :], ";"
    rows = []
    for record in csv.DictReader(io.StringIO(text), delimiter=delimiter):
        row: dict[str, FlatValue] = {}
        for header, raw in record.items():
            if header in _DERIVED:
                continue
            cell = raw[1:] if raw.startswith(_NEUTRAL) and _cell(raw[1:]) == raw else raw
            name = header.removesuffix(_LIST_MARK)
            if header.endswith(_LIST_MARK):
                row[name] = tuple(cell.split(_LIST_SEPARATOR)) if cell else ()
            elif name in BOOL_FIELDS:
                row[name] = {"true": True, "false": False, "": None}[cell]
            else:
                row[name] = cell or None
        rows.append(row)
    return rows
