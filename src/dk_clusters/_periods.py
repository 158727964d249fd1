"""Facts that change over time: periods, and the states an organisation passes through.

Two shapes of time, each answering "as it stood on a date" with True, False or
None (the data cannot tell):

- a `Period` runs from `start` to `end`, either end unknown (None): a programme
  membership, an organisation's life;
- a state (a name, a seat) holds from the date it took effect (`since`) until
  the next state of the same kind takes effect; the first may have no date.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

import attrs

from ._dates import DateLike, PartialDate, as_partial_date, optional_date, to_date
from .exceptions import FieldError


def in_order(
    start: PartialDate | None, end: PartialDate | None, names: tuple[str, str] = ("start", "end")
) -> None:
    """Raise `FieldError` on the second field if `end` is certainly before `start`."""
    if start is not None and end is not None and end.latest() < start.earliest():
        raise FieldError(names[1], f"{end} is before {names[0]} {start}")


@attrs.frozen
class Period:
    """From `start` to `end`, both included; an end that is None is unknown.

    >>> p = Period("2019-01", "2020-12")
    >>> p.holds_on("2020-06"), p.holds_on("2021"), Period("2019").holds_on("2022")
    (True, False, None)
    """

    start: PartialDate | None = attrs.field(
        default=None, converter=to_date, validator=optional_date
    )
    end: PartialDate | None = attrs.field(default=None, converter=to_date, validator=optional_date)

    def __attrs_post_init__(self) -> None:
        in_order(self.start, self.end)

    def holds_on(self, on: DateLike) -> bool | None:
        """Whether the period covers all of `on`: True, False, or None (unknown)."""
        return covers(self.start, self.end, *as_partial_date(on).days())

    def may_hold_on(self, on: DateLike) -> bool:
        """Whether the period may cover some of `on`: False only when it certainly does not."""
        return overlaps(self.start, self.end, *as_partial_date(on).days())

    def __str__(self) -> str:
        return f"{self.start or '?'} – {self.end or '?'}"


def covers(start: PartialDate | None, end: PartialDate | None, lo: int, hi: int) -> bool | None:
    """Whether a period from `start` to `end` covers every day from `lo` to `hi`; None: unknown."""
    if not overlaps(start, end, lo, hi):
        return False
    if start is None or end is None:
        return None
    began, ended = start.days()[1], end.days()[0]
    return True if began <= lo and hi <= ended else None


def overlaps(start: PartialDate | None, end: PartialDate | None, lo: int, hi: int) -> bool:
    """Whether a period from `start` to `end` may share a day with `lo` to `hi`."""
    if end is not None and end.days()[1] < lo:
        return False
    return start is None or start.days()[0] <= hi


class State(Protocol):
    """A state that takes effect on a date (`since`; None for the first, undated one)."""

    @property
    def since(self) -> PartialDate | None: ...


_S = TypeVar("_S", bound=State)


def state_on(states: Sequence[_S], on: DateLike) -> tuple[_S | None, bool | None]:
    """The state in effect throughout `on`, and whether that is certain.

    `states` come in the order they took effect. Returns ``(state, True)`` when
    one state certainly holds all of `on`, ``(None, False)`` when none can (`on`
    is before the first, dated one), and ``(candidate, None)`` when a change may
    fall within `on` or the order is not certain: the candidate is the latest
    state that may have taken effect by then.
    """
    lo, hi = as_partial_date(on).days()
    candidate: _S | None = None
    certain: bool | None = False
    for state in states:
        if state.since is None:
            candidate, certain = state, True
            continue
        first, last = state.since.days()
        if last <= lo:
            candidate, certain = state, True
        elif first <= hi:  # it may have taken effect within `on`
            candidate, certain = state, None
        else:
            break
    return candidate, certain


def chronology(states: Iterable[_S]) -> list[_S]:
    """`states` sorted by the date each took effect, the undated first, ties in given order."""
    return sorted(states, key=lambda s: (-1, -1) if s.since is None else s.since.days())
