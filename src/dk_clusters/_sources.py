"""Sources: the public documents that state the facts."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ._dates import PartialDate, optional_date, to_date
from ._fields import URL, items, matching, optional_text, resolve_annotations, text, to_tuple


@attrs.frozen
class Source:
    """A public document that states a fact: its URL, its title, when it was published.

    >>> Source("https://example.org/report", "A report", published="2017-09").published
    PartialDate(year=2017, month=9, day=None)
    """

    url: str = attrs.field(validator=matching(URL, "an http(s) URL"))
    title: str = attrs.field(validator=text)
    published: PartialDate | None = attrs.field(
        default=None, converter=to_date, validator=optional_date
    )
    note: str | None = attrs.field(default=None, validator=optional_text)


def sources(value: Iterable[Source]) -> tuple[Source, ...]:
    """A collection of sources as a tuple (the converter of ``sources`` fields)."""
    return to_tuple(value)


#: The validator of ``sources`` fields.
source_items = items(Source)

resolve_annotations(sources)
