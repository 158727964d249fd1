"""The conditions of `Registry.filter`: one test per field, from the values people give.

None, or the text ``"unknown"``, asks for the unknown group, as the counts name it;
a value that matches nothing the field can hold raises `NotFoundError`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import Final, TypeVar

from ._dates import PartialDate
from ._history import BACKING, Programme
from ._labels import NO_LABEL, CertificationLabel, NoLabel
from ._layout import UNKNOWN
from ._model import Cluster
from ._places import Region
from ._text import fold, require_text, suggest
from .exceptions import NotFoundError

Test = Callable[[Cluster], bool]
_V = TypeVar("_V")


class Unfiltered(Enum):
    """The default of a filter: no condition on the field."""

    ANY = "any"

    def __repr__(self) -> str:
        return "<any>"


#: A filter's default: keep every value of the field, the unknown one included.
ANY: Final = Unfiltered.ANY

_NO_LABEL_TEXT: Final = frozenset({fold(NO_LABEL.value), fold(str(NO_LABEL))})


def unknown(value: _V) -> _V | None:
    """None for the text spelling of the unknown group, ``"unknown"``; else `value`."""
    return None if isinstance(value, str) and fold(value) == UNKNOWN else value


def region_test(region: Region | str | int | None) -> Test:
    """Secretariat in `region` (any form `Region.parse` takes; None: unknown)."""
    wanted = None if region is None else Region.parse(region)
    return lambda c: c.region is wanted


def label_test(label: CertificationLabel | NoLabel | str | None, when: PartialDate) -> Test:
    """Certainly holds `label` on `when`; None: the data cannot tell, `NO_LABEL`: none."""
    if isinstance(label, str) and fold(label) in _NO_LABEL_TEXT:
        label = NO_LABEL
    if label is None or label is NO_LABEL:
        wanted = label
        lo, hi = when.days()
        return lambda c: c._highest_between(lo, hi) is wanted
    held = CertificationLabel.parse(label)
    return lambda c: c.holds_label(held, when) is True


def backer_test(
    backer: str | None, clusters: Iterable[Cluster], programmes: Mapping[str, Programme]
) -> Test:
    """Backed by `backer`, a backer's id or a backing programme's name; None: no known backer."""
    if backer is None:
        return lambda c: not c.backers
    known = {b for c in clusters for b in c.backers}
    known.update(p.id for p in programmes.values() if p.kind in BACKING)
    if backer not in known:
        names = {fold(b): b for b in known}
        for b in known:
            programme = programmes.get(b)
            if programme is not None:
                names.update((fold(n), b) for n in (programme.name, programme.name_en) if n)
        key = require_text(backer, "a backer")
        if key not in names:
            raise NotFoundError("backer", backer, suggest(key, names))
        backer = names[key]
    return lambda c: backer in c.backers
