"""Tables as text and as HTML, and values as a person reads them.

The one place where results are laid out for people. Values that know how they
read (regions, labels, outcomes) say so through a ``_display(lang)`` method, so
this module needs none of the records.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Literal, TypeAlias

#: The languages of names, headings and reasons.
Lang: TypeAlias = Literal["da", "en"]

#: The unknown group as text (JSON keys, CSV cells, the command line); None in Python.
UNKNOWN: Final = "unknown"
_UNKNOWN = {"da": "ukendt", "en": UNKNOWN}
_MIN_WRAP = 12
_NUMBER = r"[0-9][0-9.,/]*%?"


def unknown(lang: Lang = "en") -> str:
    """The word for an unknown value."""
    return _UNKNOWN[lang]


def display(value: object, lang: Lang = "en") -> str:
    """A value as a person reads it: regions by short name, labels by level, None as unknown."""
    if value is None:
        return _UNKNOWN[lang]
    shown = getattr(value, "_display", None)
    if callable(shown):
        return str(shown(lang))
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(display(v, lang) for v in value))
    if isinstance(value, list | tuple):
        return ", ".join(display(v, lang) for v in value)
    return str(value)


def text_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    indent: str = "",
    width: int = 80,
    keep: Sequence[int] = (),
) -> str:
    """Columns aligned with two spaces between them, numbers right-aligned.

    Cells that are not text are shown as `display` shows them (in English).

    When the table is wider than `width`, the widest text columns wrap, except
    the columns whose indices are in `keep`.
    """
    import textwrap

    cells = [[str(h) for h in headers], *([_cell(v) for v in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [bool(rows) and all(_is_number(row[i]) for row in rows) for i in range(len(headers))]
    budget = width - len(indent) - 2 * (len(headers) - 1)
    text_columns = [i for i in range(len(headers)) if not numeric[i] and i not in keep]
    while text_columns and sum(widths) > budget:
        widest, *others = sorted(text_columns, key=lambda i: -widths[i])
        if widths[widest] <= _MIN_WRAP:
            break
        runner_up = max((widths[i] for i in others), default=0)
        cut = min(sum(widths) - budget, max(1, widths[widest] - runner_up))
        widths[widest] = max(_MIN_WRAP, widths[widest] - cut)
    lines = []
    for row in cells:
        wrapped = [
            textwrap.wrap(cell, w, break_on_hyphens=False) or [""]
            for cell, w in zip(row, widths, strict=True)
        ]
        for n in range(max(len(part) for part in wrapped)):
            texts = [part[n] if n < len(part) else "" for part in wrapped]
            aligned = [
                text.rjust(w) if right else text.ljust(w)
                for text, w, right in zip(texts, widths, numeric, strict=True)
            ]
            lines.append(indent + "  ".join(aligned).rstrip())
    return "\n".join(lines)


def html_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], *, caption: str | None = None
) -> str:
    """An HTML table with every cell escaped; cells are shown as `display` shows them."""
    from html import escape

    head = "".join(f"<th>{escape(str(h))}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(_cell(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: object) -> str:
    return value if isinstance(value, str) else display(value)


def _is_number(value: object) -> bool:
    if isinstance(value, str):
        return bool(re.fullmatch(_NUMBER, value))  # re caches the compiled pattern
    return isinstance(value, int | float) and not isinstance(value, bool)
