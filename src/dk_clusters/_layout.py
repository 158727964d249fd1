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
_NUMBER = r"[0-9][0-9.,/]*(?: ?%)?"  # 12.8%, and in Danish 12,8 %


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


class Html(str):
    """Text that is HTML already: `html_table` writes it as it is and escapes every other cell.

    Build one with `link` or `marked`, which escape what they are given.
    """

    __slots__ = ()


def link(url: str, text: str) -> Html:
    """`text` as a link to `url`; only an http(s) URL links, any other shows `text` alone."""
    from html import escape

    if not url.startswith(("https://", "http://")):
        return Html(escape(text))
    return Html(f'<a href="{escape(url, quote=True)}" rel="noopener">{escape(text)}</a>')


def marked(text: str, css_class: str, style: str = "") -> Html:
    """`text` in a ``<span>`` with a CSS class (and an inline style, for where no CSS is loaded)."""
    from html import escape

    styled = f' style="{escape(style, quote=True)}"' if style else ""
    return Html(f'<span class="{escape(css_class, quote=True)}"{styled}>{escape(text)}</span>')


def join_html(parts: Sequence[Html | str], sep: str = ", ") -> Html:
    """`parts` joined by `sep`; the parts that are not `Html` are escaped, as is `sep`."""
    from html import escape

    return Html(escape(sep).join(p if isinstance(p, Html) else escape(p) for p in parts))


#: As pandas shows a long frame: a table of more rows than this shows only its first
#: and last `EDGE_ROWS`, with a row that says how many are left out.
MAX_ROWS = 60
EDGE_ROWS = 5


def html_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    caption: str | None = None,
    max_rows: int | None = None,
    noun: str = "rows",
) -> str:
    """An HTML table with every cell escaped; cells are shown as `display` shows them.

    A cell that is `Html` is written as it is; a value with an ``_html()`` method
    (an outcome, say) is written as that method gives it.

    The caption, too, may be `Html`.

    With `max_rows`, a table of more rows shows the first and the last `EDGE_ROWS`
    rows, a row "… N more `noun`" between them, and the number of rows under it.
    """
    from html import escape

    head = "".join(f"<th>{escape(str(h))}</th>" for h in headers)
    shown: list[str] = [_html_row(row) for row in rows]
    footer = ""
    if max_rows is not None and len(rows) > max(max_rows, 2 * EDGE_ROWS):
        left_out = len(rows) - 2 * EDGE_ROWS
        more = (
            f'<tr class="dk-more"><td colspan="{len(headers)}" style="text-align: center">'
            f"… {left_out} more {escape(noun)} …</td></tr>"
        )
        shown = [*shown[:EDGE_ROWS], more, *shown[-EDGE_ROWS:]]
        footer = f"<p>{len(rows)} {escape(noun)}, {2 * EDGE_ROWS} shown</p>"
    cap = f"<caption>{_html_cell(caption)}</caption>" if caption else ""
    body = "".join(shown)
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{footer}"


def _html_row(row: Sequence[object]) -> str:
    return "<tr>" + "".join(f"<td>{_html_cell(v)}</td>" for v in row) + "</tr>"


def _html_cell(value: object) -> str:
    from html import escape

    if isinstance(value, Html):
        return value
    html = getattr(value, "_html", None)
    if callable(html):
        return str(html())
    return escape(_cell(value))


def _cell(value: object) -> str:
    return value if isinstance(value, str) else display(value)


def _is_number(value: object) -> bool:
    if isinstance(value, str):
        return bool(re.fullmatch(_NUMBER, value))  # re caches the compiled pattern
    return isinstance(value, int | float) and not isinstance(value, bool)
