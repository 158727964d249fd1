"""Time across records: an organisation as it stood on a date, its history, its lineage.

These functions read only the records they are given; `Registry` wraps them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Literal

import attrs

from ._dates import DateLike, PartialDate, as_partial_date, chronological
from ._history import Event, Membership, Name, Programme, Seat
from ._labels import Certification
from ._layout import display, html_table, join_html, text_table
from ._layout import link as html_link
from ._model import Cluster
from ._periods import Period
from ._sources import Source
from ._tables import municipality


def as_it_stood(cluster: Cluster, on: DateLike, backing: frozenset[str]) -> Cluster:
    """`cluster` as it stood on `on`: its name, seat and backers then.

    A name the data cannot pin down is the latest that may have been in use, and
    every name the organisation had is an alias; a seat it cannot pin down is
    unknown. `backing` are the ids of the programmes whose members count as
    backers. A fact without a history keeps the value the record has.
    """
    when = as_partial_date(on)
    changes: dict[str, object] = {}
    inferred = set(cluster.inferred)

    def mark(fields: tuple[str, ...], guessed: bool) -> None:
        inferred.difference_update(fields)
        if guessed:
            inferred.update(fields)

    if cluster.names:
        name, _ = cluster.name_on(when)
        others = [n.name for n in cluster.names if n.name != name]
        changes["name"] = name
        known = dict.fromkeys([*cluster.aliases, *others, cluster.name])
        changes["aliases"] = tuple(alias for alias in known if alias != name)
        mark(("name",), any(n.inferred for n in cluster.names if n.name == name))
    if cluster.seats:
        seat, certain = cluster.seat_on(when)
        place = seat if certain and seat is not None else Seat()
        changes["region"], changes["municipality"] = place.region, place.municipality
        mark(("region", "municipality"), place.inferred)
    backed = [m for m in cluster.memberships if m.programme in backing]
    if backed:
        holding = [m for m in backed if m.holds_on(when) is True]
        changes["backers"] = tuple(dict.fromkeys(m.programme for m in holding))
        # A backer is sourced when a sourced membership shows it; else it is an inference.
        sourced = {m.programme for m in holding if not m.inferred}
        mark(("backers",), any(m.programme not in sourced for m in holding))
    if inferred != cluster.inferred:
        changes["inferred"] = frozenset(inferred)
    return attrs.evolve(cluster, **changes) if changes else cluster  # type: ignore[arg-type]


def existing(clusters: Iterable[Cluster], on: DateLike) -> list[Cluster]:
    """The clusters not known to have been founded after `on` or to have ended before it."""
    when = as_partial_date(on)
    return [c for c in clusters if Period(c.founded, c.ended).may_hold_on(when)]


# --- history ---------------------------------------------------------------------------------

EntryKind = Literal[
    "founded", "ended", "event", "name", "seat", "membership", "legal_form", "label"
]


@attrs.frozen
class Entry:
    """One dated line of an organisation's history: what happened, from when to when.

    `start` and `end` are the dates the entry covers (either may be unknown; a
    one-day fact has both the same); `fact` is the record it comes from.
    """

    kind: EntryKind
    start: PartialDate | None
    end: PartialDate | None
    text: str
    fact: object = attrs.field(eq=False, repr=False)
    sources: tuple[Source, ...] = ()
    inferred: bool = False

    def _row(self) -> tuple[str, str, str, str]:
        when = (
            display(self.start)
            if self.start == self.end
            else f"{display(self.start)} – {display(self.end)}"
        )
        mark = " (inferred)" if self.inferred else ""
        return when, self.kind, self.text + mark, str(len(self.sources))


@attrs.frozen
class Link:
    """A step of lineage: `event` links the organisation `before` to `after`, `depth` steps out."""

    before: str
    after: str
    event: Event
    depth: int


@attrs.frozen(repr=False)
class History(Sequence[Entry]):
    """An organisation's history in date order; prints as a table, renders as HTML.

    `came_from` and `led_to` are its lineage (see `Registry.lineage`), nearest first.
    """

    cluster: Cluster
    entries: tuple[Entry, ...]
    came_from: tuple[Link, ...] = ()
    led_to: tuple[Link, ...] = ()
    _names: Mapping[str, str] = attrs.field(
        factory=dict, eq=False, repr=False, hash=False, alias="names"
    )

    def __len__(self) -> int:
        return len(self.entries)

    def __getitem__(self, index: int) -> Entry:  # type: ignore[override]
        return self.entries[index]

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def lineage_text(self, direction: Literal["back", "forward"], sep: str = "; ") -> str:
        """The organisations it came from (``"back"``) or led to, each with its event and date."""
        links = self.came_from if direction == "back" else self.led_to
        parts = []
        for link in links:
            other = link.before if direction == "back" else link.after
            parts.append(
                f"{self._names.get(other, other)} ({link.event.kind}, {_when(link.event)})"
            )
        return sep.join(parts) or "-"

    def to_text(self) -> str:
        """The history as a table for people, then its lineage."""
        table = text_table(("when", "what", "", "sources"), [e._row() for e in self.entries])
        return "\n".join(
            [
                f"{self.cluster.name} ({self.cluster.id})",
                table,
                "",
                "came from: " + self.lineage_text("back", "\n           "),
                "led to:    " + self.lineage_text("forward", "\n           "),
            ]
        )

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return f"<History of {self.cluster.id}: {len(self.entries)} entries>"

    def _repr_html_(self) -> str:
        rows: list[Sequence[object]] = [
            (*e._row()[:3], join_html([html_link(s.url, s.title) for s in e.sources], "; "))
            for e in self.entries
        ]
        rows += [
            ("", "came from", self.lineage_text("back"), ""),
            ("", "led to", self.lineage_text("forward"), ""),
        ]
        return html_table(("when", "what", "", "sources"), rows, caption=self.cluster.name)


def history(
    cluster: Cluster,
    events: Sequence[Event],
    programmes: Mapping[str, Programme],
    names: Mapping[str, str],
) -> History:
    """Every dated fact of `cluster`, and its lineage.

    The facts are its founding, end, events, names, seats, memberships, legal forms
    and labels;
    `names` gives the name of each linked organisation's id.
    """
    entries: list[Entry] = []
    if cluster.founded is not None:
        entries.append(
            Entry(
                "founded",
                cluster.founded,
                cluster.founded,
                "founded",
                cluster,
                inferred="founded" in cluster.inferred,
            )
        )
    if cluster.ended is not None:
        entries.append(
            Entry(
                "ended",
                cluster.ended,
                cluster.ended,
                "ended",
                cluster,
                inferred="ended" in cluster.inferred,
            )
        )
    for event in events:
        if cluster.id in event.before or cluster.id in event.after:
            entries.append(_event_entry(event))
    entries += (_name_entry(n) for n in cluster.names)
    entries += (_seat_entry(s) for s in cluster.seats)
    for m in cluster.memberships:
        entries += _membership_entries(m, programmes.get(m.programme))
    entries += (
        Entry("legal_form", f.start, f.end, f"a {f.form}", f, f.sources, f.inferred)
        for f in cluster.legal_forms
    )
    entries += _label_entries(cluster.certifications)
    came_from = tuple(lineage(cluster.id, events, "back"))
    led_to = tuple(lineage(cluster.id, events, "forward"))
    linked = {link.before for link in came_from} | {link.after for link in led_to}
    return History(
        cluster,
        tuple(sorted(entries, key=_entry_order)),
        came_from,
        led_to,
        names={i: names[i] for i in linked if i in names},
    )


def _when(event: Event) -> str:
    """The event's date, or the window it lies in (``?`` for an unknown bound)."""
    if event.date is not None:
        return str(event.date)
    if event.not_before is None and event.not_after is None:
        return "date unknown"
    return f"{event.not_before or '?'} – {event.not_after or '?'}"


def _entry_order(entry: Entry) -> tuple[int, int]:
    when = entry.start or entry.end
    return (-1, -1) if when is None else when.days()


def _event_entry(event: Event) -> Entry:
    start, end = (event.date, event.date) if event.date else (event.not_before, event.not_after)
    return Entry(
        "event",
        start,
        end,
        f"{event.kind}: {event.description}",
        event,
        event.sources,
        event.inferred,
    )


def _name_entry(name: Name) -> Entry:
    return Entry("name", name.since, None, f"named {name.name}", name, name.sources, name.inferred)


def _seat_entry(seat: Seat) -> Entry:
    town = seat.municipality and municipality(seat.municipality).name
    parts = [town, seat.region and seat.region.short_name]
    place = ", ".join(p for p in parts if p) or "unknown"
    return Entry("seat", seat.since, None, f"seat: {place}", seat, seat.sources, seat.inferred)


def _membership_entries(membership: Membership, programme: Programme | None) -> Iterator[Entry]:
    """The membership's period, if any end of it is known, and each date it was seen."""
    m = membership
    name = m.programme if programme is None else programme.name
    text = f"member of {name}" + (f" ({m.role})" if m.role else "")
    if m.start is not None or m.end is not None or not m.seen:
        yield Entry("membership", m.start, m.end, text, m, m.sources, m.inferred)
    for seen in m.seen:
        yield Entry("membership", seen, seen, f"{text}, seen", m, m.sources, m.inferred)


def _label_entries(certifications: Iterable[Certification]) -> Iterator[Entry]:
    for c in certifications:
        if c.awarded is not None or c.valid_until is not None:
            yield Entry("label", c.awarded, c.valid_until, f"{c.label.value} label", c, c.sources)
        for seen in c.seen_valid:
            yield Entry("label", seen, seen, f"{c.label.value} label seen valid", c, c.sources)


# --- lineage -------------------------------------------------------------------------------------


def lineage(
    start: str, events: Sequence[Event], direction: Literal["back", "forward"]
) -> list[Link]:
    """The links from `start` back to its predecessors or forward to its successors, nearest first.

    Follows events transitively, breadth first, each organisation once; an event
    whose two sides hold the same id (a rename) links nothing.
    """
    by_side: dict[str, list[Event]] = {}
    for event in events:
        for org in event.after if direction == "back" else event.before:
            by_side.setdefault(org, []).append(event)
    seen = {start}
    links: list[Link] = []
    queue = deque([(start, 0)])
    while queue:
        org, depth = queue.popleft()
        for event in sorted(by_side.get(org, ()), key=_event_order):
            for other in event.before if direction == "back" else event.after:
                if other in seen:
                    continue
                seen.add(other)
                before, after = (other, org) if direction == "back" else (org, other)
                links.append(Link(before, after, event, depth + 1))
                queue.append((other, depth + 1))
    return links


def _event_order(event: Event) -> tuple[object, ...]:
    when = event.earliest or event.latest
    return (0,) if when is None else (1, *chronological(when))
