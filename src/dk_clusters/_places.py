"""Finding municipalities by code, name or a former name."""

from __future__ import annotations

import functools

from . import _data
from ._model import Municipality
from ._text import fold, require_text, suggest
from .exceptions import NotFoundError


def municipalities() -> tuple[Municipality, ...]:
    """All 98 Danish municipalities, ordered by kommunekode.

    >>> ms = municipalities()
    >>> len(ms), ms[0].name, ms[-1].name
    (98, 'København', 'Hjørring')
    """
    return _data.municipalities()


def municipality(value: str | int) -> Municipality:
    """Find a municipality by kommunekode (``"0751"`` or ``751``), name, official or former name.

    Case, accents and Danish letters fold. Raises `NotFoundError` with close matches.

    >>> municipality("Århus").official_name
    'Aarhus Kommune'
    >>> municipality(461).name
    'Odense'
    """
    if isinstance(value, int) and not isinstance(value, bool):
        if not 0 < value < 10_000:
            raise NotFoundError("municipality", value)
        value = f"{value:04d}"
    query = require_text(value, "a municipality")
    if query.isdigit() and len(query) <= 4:
        query = query.zfill(4)
    found = _keys().get(query)
    if found is None:
        names = {key: m.name for key, m in _keys().items() if not key.isdigit()}
        raise NotFoundError("municipality", value, suggest(query, names))
    return found


@functools.cache
def _keys() -> dict[str, Municipality]:
    keys: dict[str, Municipality] = {}
    for m in _data.municipalities():
        for name in (m.code, m.name, m.official_name, *m.aliases):
            keys.setdefault(fold(name), m)
    return keys
