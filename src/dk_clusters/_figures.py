"""Published figures: numbers that may not be exact, and counts of labelled clusters."""

from __future__ import annotations

from re import compile as regex
from typing import Any, ClassVar, Final, Literal

import attrs

from ._dates import PartialDate, optional_date, to_date
from ._fields import one_of, optional_text, resolve_annotations
from ._labels import CertificationLabel
from ._sources import Source, source_items, sources
from ._text import short_repr
from .exceptions import FieldError, FieldTypeError

_FIGURE = regex(r"([>~]?)([0-9]+)")
_QUALIFIERS: Final = {"": "exactly", ">": "more than", "~": "about"}
_PREFIXES: Final = {v: k for k, v in _QUALIFIERS.items()}
#: The text form of a figure, for messages.
FIGURE_TEXT: Final = "a figure like '86', '>350' or '~120'"


def _count(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value.__class__ is not int:
        raise FieldTypeError(attribute.name, f"must be an int, not {type(value).__name__}")
    if value < 0:
        raise FieldError(attribute.name, f"must not be negative, got {short_repr(value)}")


@attrs.frozen
class Figure:
    """A published number, exact or not: ``86``, ``>350`` (more than), ``~120`` (about).

    >>> Figure.parse("~120").value, Figure.parse("~120").exact
    (120, False)
    """

    #: JSON holds a figure as this text: `parse` reads it and `str` writes it.
    text_form: ClassVar[str] = FIGURE_TEXT

    value: int = attrs.field(validator=_count)
    qualifier: Literal["exactly", "more than", "about"] = attrs.field(
        default="exactly", validator=one_of("exactly", "more than", "about")
    )

    @classmethod
    def parse(cls, text: str) -> Figure:
        """Read ``"86"``, ``">350"`` or ``"~120"``; `ValueError` otherwise."""
        m = _FIGURE.fullmatch(text) if isinstance(text, str) else None  # type: ignore[redundant-expr]
        if m is None:
            raise ValueError(f"{short_repr(text)} is not {FIGURE_TEXT}")
        return cls(int(m[2]), _QUALIFIERS[m[1]])  # type: ignore[arg-type]

    @property
    def exact(self) -> bool:
        """Whether the figure is exact."""
        return self.qualifier == "exactly"

    def __str__(self) -> str:
        return f"{_PREFIXES[self.qualifier]}{self.value}"


def to_figure(value: Figure | str | None) -> Figure | None:
    """A figure field's converter: a `Figure` from its text; anything else is left as it is."""
    if value.__class__ is str:
        try:
            return Figure.parse(value)
        except ValueError:
            pass
    return value  # type: ignore[return-value]


resolve_annotations(to_figure)


def _optional_figure(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or value.__class__ is Figure:
        return
    if isinstance(value, str):
        raise FieldError(attribute.name, f"must be {FIGURE_TEXT}, got {short_repr(value)}")
    raise FieldTypeError(
        attribute.name, f"must be a Figure or {FIGURE_TEXT}, not {type(value).__name__}"
    )


@attrs.frozen
class LabelCount:
    """A published count of ECEI-labelled cluster organisations.

    Counts are not all comparable: `gold` counts gold labels, `bronze` clusters
    benchmarked for bronze, `labelled` all labels (gold, silver or bronze); some
    sources count labels ever awarded, some labels valid at the time (see `note`).
    `scope` is what the count covers: Europe, the EU, the world, or Denmark alone.
    `date` is None where the source is undated.
    """

    date: PartialDate | None = attrs.field(converter=to_date, validator=optional_date)
    scope: Literal["Europe", "EU", "worldwide", "Denmark"] = attrs.field(
        validator=one_of("Europe", "EU", "worldwide", "Denmark")
    )
    gold: Figure | None = attrs.field(default=None, converter=to_figure, validator=_optional_figure)
    bronze: Figure | None = attrs.field(
        default=None, converter=to_figure, validator=_optional_figure
    )
    labelled: Figure | None = attrs.field(
        default=None, converter=to_figure, validator=_optional_figure
    )
    countries: Figure | None = attrs.field(
        default=None, converter=to_figure, validator=_optional_figure
    )
    note: str | None = attrs.field(default=None, validator=optional_text)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=sources, validator=source_items)

    def figure(self, label: CertificationLabel | str | None) -> Figure | None:
        """The count for `label` (any form `CertificationLabel.parse` takes; None: all labels).

        None if this source gives no such count.
        """
        if label is None:
            return self.labelled
        wanted = CertificationLabel.parse(label)
        return {CertificationLabel.GOLD: self.gold, CertificationLabel.BRONZE: self.bronze}.get(
            wanted
        )
