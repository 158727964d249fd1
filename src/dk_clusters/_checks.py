"""The checks a registry runs when it is built, each problem one line with its path.

Its records are checked against one another and against the shipped tables: a
kommunekode names a municipality in the cluster's region, a business area exists,
a membership's programme and an event's organisations are in the registry.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._history import Event, Programme
from ._model import Cluster
from ._places import Region
from ._sources import Source
from ._tables import business_areas_by_id, municipality_by_code
from ._text import quote


def check(
    clusters: Sequence[Cluster],
    sources: Sequence[Source],
    programmes: Sequence[Programme],
    events: Sequence[Event],
) -> tuple[dict[str, Cluster], dict[str, Programme], list[str]]:
    """The clusters and programmes by id, and every problem, one line each with its path."""
    problems = [
        f"sources[{i}]: expected a Source, got {type(s).__name__}"
        for i, s in enumerate(sources)
        if not isinstance(s, Source)  # type: ignore[redundant-expr]  # callers may be untyped
    ]
    by_programme: dict[str, Programme] = {}
    for i, programme in enumerate(programmes):
        if not isinstance(programme, Programme):  # callers may be untyped
            problems.append(  # type: ignore[unreachable]
                f"programmes[{i}]: expected a Programme, got {type(programme).__name__}"
            )
        elif programme.id in by_programme:
            problems.append(f"programmes[{i}] ({quote(programme.id)}).id: a duplicate")
        else:
            by_programme[programme.id] = programme
    by_id: dict[str, Cluster] = {}
    first_index: dict[str, int] = {}
    for i, cluster in enumerate(clusters):
        if not isinstance(cluster, Cluster):  # callers may be untyped
            problems.append(  # type: ignore[unreachable]
                f"clusters[{i}]: expected a Cluster, got {type(cluster).__name__}"
            )
            continue
        found = _against_tables(cluster)
        found += (
            f"memberships[{j}].programme: {m.programme!r} is not a programme of the registry"
            for j, m in enumerate(cluster.memberships)
            if m.programme not in by_programme
        )
        if cluster.id in by_id:
            found.insert(0, f"id: duplicate of clusters[{first_index[cluster.id]}]")
        else:
            by_id[cluster.id] = cluster
            first_index[cluster.id] = i
        if found:
            problems += (f"clusters[{i}] ({quote(cluster.id)}).{problem}" for problem in found)
    problems += _event_problems(events, by_id)
    return by_id, by_programme, problems


def _against_tables(cluster: Cluster) -> list[str]:
    """The problems of `cluster` that only the shipped tables show, as ``field: message``."""
    problems = _place_problems("", cluster.region, cluster.municipality)
    for i, seat in enumerate(cluster.seats):
        problems += _place_problems(f"seats[{i}].", seat.region, seat.municipality)
    if cluster.business_area is not None:
        areas = business_areas_by_id()
        if cluster.business_area not in areas:
            known = ", ".join(sorted(areas))
            problems.append(
                f"business_area: {cluster.business_area!r} is not one of the strategy's: {known}"
            )
    return problems


def _place_problems(where: str, region: Region | None, code: str | None) -> list[str]:
    """A kommunekode that names no municipality, or one outside `region`."""
    if code is None:
        return []
    found = municipality_by_code(code)
    if found is None:
        return [f"{where}municipality: {code!r} is not a Danish kommunekode"]
    if region is not None and found.region is not region:
        return [
            f"{where}municipality: {code} ({found.name}) lies in "
            f"{found.region.name_da}, not in {region.name_da}"
        ]
    return []


def _event_problems(events: Sequence[Event], clusters: dict[str, Cluster]) -> list[str]:
    """Events of a type other than `Event`, duplicate ids, and ids that name no cluster."""
    problems = []
    seen: set[str] = set()
    for i, event in enumerate(events):
        if not isinstance(event, Event):  # callers may be untyped
            problems.append(f"events[{i}]: expected an Event, got {type(event).__name__}")  # type: ignore[unreachable]
            continue
        where = f"events[{i}] ({quote(event.id)})"
        if event.id in seen:
            problems.append(f"{where}.id: a duplicate")
        seen.add(event.id)
        for side in ("before", "after"):
            for j, org in enumerate(getattr(event, side)):
                if org not in clusters:
                    problems.append(
                        f"{where}.{side}[{j}]: {org!r} is not a cluster of the registry"
                    )
    return problems
