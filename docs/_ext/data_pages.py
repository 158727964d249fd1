"""Generate the data pages and the file-format reference from the installed package.

At ``builder-inited`` this extension writes MyST Markdown files into
``docs/_generated/`` (ignored by git and excluded from the build as documents); the
pages under ``docs/data/``, ``docs/guides/rule-sets.md`` and
``docs/reference/file-format.md`` pull them in with ``{include}``. It also writes one
page per shipped rule set into ``docs/rules/`` (ignored by git, read as documents and
listed by the rule-sets guide's toctree), and removes the pages there of rule sets
that no longer ship. Everything comes from the package itself: the records through
the public API (`dk_clusters.load` with its programmes and lineage events,
`municipalities`, `business_areas`, `label_counts`, `rule_sets`), the regions from
the `Region` enum, which holds their codes, names, seats and sources in code, and the
file format, and the kind of check each criterion makes, from the shipped JSON files,
read with `importlib.resources`. A file is rewritten only when its text changes, so an
unchanged registry does not force a rebuild.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import dk_clusters
from dk_clusters import (
    CertificationLabel,
    Cluster,
    CriteriaSet,
    Criterion,
    Event,
    Membership,
    NoLabel,
    PartialDate,
    Programme,
    Region,
    Registry,
    Source,
)

OUTDIR = "_generated"
#: Where the page of each rule set goes, relative to the source directory: a directory
#: of generated documents only.
RULES_DIR = "rules"

#: The schema files in the order of the page: the user-facing registry format first.
SCHEMAS = (
    "clusters.schema.json",
    "municipalities.schema.json",
    "business_areas.schema.json",
    "label_counts.schema.json",
    "rule_sets.schema.json",
)

_ESCAPE = re.compile(r"([\\`*_\[\]<>|#~$])")


# --- Markdown helpers ------------------------------------------------------------------------


def esc(text: object) -> str:
    """Text as literal Markdown: punctuation escaped, on one line."""
    return _ESCAPE.sub(r"\\\1", " ".join(str(text).split()))


def code(text: object) -> str:
    """An inline code span (`table` escapes its pipes when it goes into a cell)."""
    body = str(text)
    fence = "``" if "`" in body else "`"
    return f"{fence}{body}{fence}"


def link(title: str, url: str) -> str:
    """A Markdown link; the URL in angle brackets so that any character is safe."""
    return f"[{esc(title)}](<{url}>)"


_BARE_PIPE = re.compile(r"(?<!\\)\|")


def table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A GitHub-flavoured Markdown table (cells must already be Markdown).

    Text escaped with `esc` has no bare pipe; one left in a cell is inside a code
    span, where only a backslash-escaped pipe keeps the table intact.
    """

    def cell(text: str) -> str:
        return _BARE_PIPE.sub(r"\\|", text)

    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def unknown_or(value: object, render: Callable[[Any], str] = esc) -> str:
    """`render(value)`, or *unknown* for None."""
    return "unknown" if value is None else render(value)


def flag(value: bool | None) -> str:
    """Yes, no or unknown."""
    return {True: "yes", False: "no", None: "unknown"}[value]


def label_text(value: CertificationLabel | NoLabel | None) -> str:
    """A label group as words: gold, silver, bronze, no label, unknown."""
    if value is None:
        return "unknown"
    if isinstance(value, NoLabel):
        return "no label"
    return value.value


def date_text(value: PartialDate | None, none: str = "unknown") -> str:
    """A partial date as its text, or `none`."""
    return none if value is None else str(value)


def source_item(source: Source) -> str:
    """One source as a list item: link, publication date, note."""
    text = f"- {link(source.title, source.url)}"
    if source.published is not None:
        text += f" (published {source.published})"
    if source.note:
        text += f". {esc(source.note)}"
    return text


def source_links(sources: Iterable[Source]) -> str:
    """Sources as links on one line, for a table cell; *none* when there are none."""
    return "; ".join(link(s.title, s.url) for s in sources) or "none"


def source_list(sources: Iterable[Source]) -> str:
    """Sources as a bullet list, each once, in first-seen order."""
    seen: dict[str, Source] = {}
    for source in sources:
        seen.setdefault(source.url, source)
    return "\n".join(source_item(s) for s in seen.values()) or "None recorded."


def target(*parts: str) -> str:
    """A MyST target label made of `parts`."""
    return "-".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in parts)


def ref(text: str, label: str) -> str:
    """A ``{ref}`` role to `label`, shown as `text`."""
    shown = text.replace("`", "").replace("<", "(").replace(">", ")")
    return f"{{ref}}`{shown} <{label}>`"


def region_text(region: Region | None) -> str:
    """A region as its Danish name and ISO code."""
    if region is None:
        return "unknown"
    return f"{esc(region.name_da)} ({region.iso_code})"


def flagged(text: str, inferred: bool) -> str:
    """`text`, followed by *(inferred)* when it states an inference."""
    return f"{text} *(inferred)*" if inferred else text


def marked(cluster: Cluster, field: str, text: str) -> str:
    """`text`, followed by *(inferred)* when the cluster's `field` is an inference."""
    return flagged(text, field in cluster.inferred)


def dates_text(values: Iterable[PartialDate]) -> str:
    """Partial dates as a list on one line, or *none*."""
    return ", ".join(map(str, values)) or "none"


def period_text(start: PartialDate | None, end: PartialDate | None) -> str:
    """A period from `start` to `end`, either end shown as *unknown* when it is."""
    return f"{date_text(start)} – {date_text(end)}"


def window_text(not_before: PartialDate | None, not_after: PartialDate | None) -> str:
    """The bounds of a date the sources only bracket; empty when they give neither."""
    if not_before is not None and not_after is not None:
        return f"between {not_before} and {not_after}"
    if not_before is not None:
        return f"not before {not_before}"
    if not_after is not None:
        return f"not after {not_after}"
    return ""


def event_when(event: Event) -> str:
    """An event's date, the window it lies in, or *unknown*.

    A window that says no more than the date is left out.
    """
    window = window_text(event.not_before, event.not_after)
    if event.date is None:
        return window or "unknown"
    if not window or event.not_before == event.date == event.not_after:
        return str(event.date)
    return f"{event.date} ({window})"


def records_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """`table` of `rows`, or *None recorded.* when there are none."""
    return table(headers, rows) if rows else "None recorded."


def section(title: str, body: str, inferred: bool = False) -> list[str]:
    """A bold heading and its body, as lines; the heading marked when `inferred`."""
    return ["", flagged(f"**{title}**", inferred), "", body]


# --- the clusters -----------------------------------------------------------------------------


def cluster_anchor(cluster_id: str) -> str:
    """The label of a cluster's section on the clusters page."""
    return target("data-cluster", cluster_id)


def programme_anchor(programme_id: str) -> str:
    """The label of a programme's section on the programmes page."""
    return target("data-programme", programme_id)


def event_anchor(event_id: str) -> str:
    """The label of an event's section on the lineage-events page."""
    return target("data-event", event_id)


def cluster_link(reg: Registry, cluster_id: str) -> str:
    """A link to the section of the cluster with id `cluster_id`, shown as its name."""
    found = reg.get(cluster_id)
    return code(cluster_id) if found is None else ref(found.name, cluster_anchor(cluster_id))


def cluster_links(reg: Registry, ids: Iterable[str]) -> str:
    """Links to the clusters with `ids`, or *none*."""
    return ", ".join(cluster_link(reg, i) for i in ids) or "none"


def event_link(event: Event) -> str:
    """A link to an event's section, shown as its id, kind and date."""
    return ref(f"{event.id} ({event.kind}, {event_when(event)})", event_anchor(event.id))


def programme_link(reg: Registry, programme_id: str) -> str:
    """A link to a programme's section, shown as its name."""
    return ref(reg.programme(programme_id).name, programme_anchor(programme_id))


def render_clusters() -> str:
    """Every cluster of the shipped registry with its history, certifications and sources."""
    reg = dk_clusters.load()
    areas = {a.id: a for a in dk_clusters.business_areas()}
    on = reg.snapshot
    out = [
        f"The shipped registry describes **{len(reg)} cluster organisations as of {on}**. "
        "A value shown as *unknown* is not known from the sources; a value marked "
        "*(inferred)* is an inference from the sources rather than a fact one of them "
        "states. The highest label is the one the cluster certainly holds throughout "
        f"{on} (`Cluster.highest_label`); where `labels_complete` is *no*, the "
        "certifications may not list every label the organisation held, so *no label* "
        "is never certain. Each section shows the organisation's names and seats over "
        "time, its memberships of programmes and its lineage: the events it took part "
        "in, and the organisations it came from and led to, following events from one "
        "organisation to the next (*steps* counts how many). The programmes and the "
        "events have pages of their own: {doc}`programmes` and {doc}`events`.",
        "",
        "Sources for the registry as a whole:",
        "",
        source_list(reg.sources),
        "",
        "## Overview",
        "",
        "Each organisation in registry order, linked to its section below. *founded* and "
        "*ended* bound its life; region and municipality are the record's own `region` "
        "and `municipality`.",
        "",
        table(
            (
                "cluster",
                "founded",
                "ended",
                "region",
                "municipality",
                "backers",
                f"highest label {on}",
            ),
            (
                (
                    ref(c.name, cluster_anchor(c.id)),
                    marked(c, "founded", date_text(c.founded)),
                    marked(c, "ended", date_text(c.ended, "not known to have ended")),
                    marked(c, "region", region_text(c.region)),
                    marked(c, "municipality", municipality_text(c.municipality)),
                    marked(c, "backers", ", ".join(map(code, c.backers)) or "none recorded"),
                    label_text(c.highest_label(on)),
                )
                for c in reg
            ),
        ),
    ]
    for cluster in reg:
        out += ["", *render_cluster(cluster, reg, areas)]
    return "\n".join(out) + "\n"


def municipality_text(code_: str | None) -> str:
    """A kommunekode with the municipality's name."""
    if code_ is None:
        return "unknown"
    return f"{esc(dk_clusters.municipality(code_).name)} ({code_})"


def render_cluster(cluster: Cluster, reg: Registry, areas: dict[str, Any]) -> list[str]:
    """One cluster's section: its fields, then each part of its record."""
    out = [
        f"({cluster_anchor(cluster.id)})=",
        f"## {esc(cluster.name)}",
        "",
        table(("field", "value"), cluster_fields(cluster, reg.snapshot, areas)),
    ]
    out += section("Names over time", names_table(cluster))
    out += section("Seats over time", seats_table(cluster))
    out += section("Memberships", cluster_memberships_table(cluster, reg))
    if cluster.legal_forms:
        out += section("Legal forms", legal_forms_table(cluster))
    out += section("Lineage", lineage_text(cluster, reg))
    out += section(
        "Certifications",
        certifications_table(cluster),
        inferred="certifications" in cluster.inferred,
    )
    out += section("Sources", source_list(cluster.sources))
    if cluster.note:
        out += ["", f"**Note.** {marked(cluster, 'note', esc(cluster.note))}"]
    return out


def cluster_fields(
    cluster: Cluster, on: PartialDate, areas: dict[str, Any]
) -> list[tuple[str, str]]:
    """The rows of a cluster's field table, each value marked when it is inferred."""

    def area_text(area_id: str) -> str:
        area = areas.get(area_id)
        name = "" if area is None else f"{esc(area.name_da)} "
        return ref(f"{name}({area_id})", target("data-area", area_id))

    listed = ", ".join(esc(v) for v in cluster.aliases) or "none"
    rows = [
        ("`id`", code(cluster.id)),
        ("`name_en`", unknown_or(cluster.name_en)),
        ("`aliases`", listed),
        ("`founded`", date_text(cluster.founded)),
        ("`ended`", date_text(cluster.ended, "not known to have ended")),
        ("`region`", region_text(cluster.region)),
        ("`municipality`", municipality_text(cluster.municipality)),
        ("`sectors`", ", ".join(esc(s) for s in cluster.sectors) or "none"),
        ("`website`", unknown_or(cluster.website, lambda u: f"<{u}>")),
        ("`backers`", ", ".join(code(b) for b in cluster.backers) or "none recorded"),
        ("`business_area`", unknown_or(cluster.business_area, area_text)),
        ("`open_nationwide`", flag(cluster.open_nationwide)),
        ("`business_led`", flag(cluster.business_led)),
        ("`innovation_network`", flag(cluster.innovation_network)),
        ("`labels_complete`", flag(cluster.labels_complete)),
    ]
    rows = [(name, marked(cluster, name.strip("`"), value)) for name, value in rows]
    rows.append((f"highest label {on}", label_text(cluster.highest_label(on))))
    return rows


def names_table(cluster: Cluster) -> str:
    """The names an organisation went by, each from the date it took effect."""
    return records_table(
        ("since", "name", "sources", "note"),
        [
            (
                date_text(n.since),
                flagged(esc(n.name), n.inferred),
                source_links(n.sources),
                esc(n.note or ""),
            )
            for n in cluster.names
        ],
    )


def seats_table(cluster: Cluster) -> str:
    """Where an organisation's secretariat sat, each seat from the date it took effect."""
    return records_table(
        ("since", "region", "municipality", "sources", "note"),
        [
            (
                date_text(s.since),
                flagged(region_text(s.region), s.inferred),
                flagged(municipality_text(s.municipality), s.inferred),
                source_links(s.sources),
                esc(s.note or ""),
            )
            for s in cluster.seats
        ],
    )


def legal_forms_table(cluster: Cluster) -> str:
    """The legal forms an organisation had, each for its period."""
    return records_table(
        ("form", "period", "sources", "note"),
        [
            (
                flagged(esc(f.form), f.inferred),
                period_text(f.start, f.end),
                source_links(f.sources),
                esc(f.note or ""),
            )
            for f in cluster.legal_forms
        ],
    )


MEMBERSHIP_COLUMNS = ("period", "seen", "role", "sources", "note")


def membership_cells(membership: Membership) -> tuple[str, ...]:
    """The cells of a membership that both the clusters and the programmes pages show."""
    return (
        period_text(membership.start, membership.end),
        dates_text(membership.seen),
        unknown_or(membership.role),
        source_links(membership.sources),
        esc(membership.note or ""),
    )


def cluster_memberships_table(cluster: Cluster, reg: Registry) -> str:
    """A cluster's memberships, each with the programme it belongs to."""
    return records_table(
        ("programme", *MEMBERSHIP_COLUMNS),
        [
            (flagged(programme_link(reg, m.programme), m.inferred), *membership_cells(m))
            for m in cluster.memberships
        ],
    )


def lineage_text(cluster: Cluster, reg: Registry) -> str:
    """The events an organisation took part in, and what it came from and led to."""
    events = [e for e in reg.events if cluster.id in (*e.before, *e.after)]
    listed = ", ".join(flagged(event_link(e), e.inferred) for e in events) or "none"
    parts = [f"Events: {listed}."]
    for direction, heading in (("back", "Came from"), ("forward", "Led to")):
        links = reg.lineage(cluster.id, direction)
        if links:
            rows = [
                (
                    cluster_link(reg, step.before),
                    cluster_link(reg, step.after),
                    flagged(event_link(step.event), step.event.inferred),
                    str(step.depth),
                )
                for step in links
            ]
            parts.append(f"{heading}:\n\n" + table(("from", "to", "event", "steps"), rows))
        else:
            parts.append(f"{heading}: none recorded.")
    return "\n\n".join(parts)


def certifications_table(cluster: Cluster) -> str:
    """A cluster's certifications: awards, and attestations that a label was valid."""
    return records_table(
        ("label", "awarded", "valid until", "awarded by", "seen valid", "sources", "note"),
        [
            (
                c.label.value,
                date_text(c.awarded),
                date_text(c.valid_until),
                unknown_or(c.awarded_by),
                dates_text(c.seen_valid),
                source_links(c.sources),
                esc(c.note or ""),
            )
            for c in cluster.certifications
        ],
    )


# --- programmes and lineage events ---------------------------------------------------------------


def render_programmes() -> str:
    """Every programme of the shipped registry with its members and their periods."""
    reg = dk_clusters.load()
    members: dict[str, list[tuple[Cluster, Membership]]] = {p.id: [] for p in reg.programmes()}
    for cluster in reg:
        for m in cluster.memberships:
            members[m.programme].append((cluster, m))
    out = [
        f"The shipped registry names **{len(members)} programmes**: public programmes "
        "the cluster organisations belonged to, and funders' support for them "
        "(`Registry.programmes()`, in registry order). *memberships* counts a "
        "programme's membership records, *clusters* the organisations they belong to: "
        "one organisation may have several. A membership runs from its start "
        "to its end, either shown as *unknown* when no source gives it; *seen* lists "
        "dates throughout which a source saw it hold. A membership marked *(inferred)* "
        "is an inference from the sources rather than a fact one of them states.",
        "",
        "## Overview",
        "",
        table(
            ("programme", "kind", "funder", "period", "memberships", "clusters"),
            (
                (
                    ref(p.name, programme_anchor(p.id)),
                    esc(p.kind),
                    unknown_or(p.funder),
                    period_text(p.start, p.end),
                    str(len(members[p.id])),
                    str(len({c.id for c, _ in members[p.id]})),
                )
                for p in reg.programmes()
            ),
        ),
    ]
    for programme in reg.programmes():
        out += ["", *render_programme(programme, members[programme.id], reg)]
    return "\n".join(out) + "\n"


def render_programme(
    programme: Programme, members: Sequence[tuple[Cluster, Membership]], reg: Registry
) -> list[str]:
    """One programme's section: its fields, sources and memberships."""
    rows = [
        ("`id`", code(programme.id)),
        ("`name_en`", unknown_or(programme.name_en)),
        ("`kind`", esc(programme.kind)),
        ("`funder`", unknown_or(programme.funder)),
        ("`start`", date_text(programme.start)),
        ("`end`", date_text(programme.end)),
    ]
    out = [
        f"({programme_anchor(programme.id)})=",
        f"## {esc(programme.name)}",
        "",
        table(("field", "value"), rows),
    ]
    if programme.note:
        out += ["", f"**Note.** {esc(programme.note)}"]
    governing = [r for r in dk_clusters.rule_sets() if r.programme == programme.id]
    if governing:
        listed = ", ".join(ref(r.name, rule_set_anchor(r.id or "")) for r in governing)
        out += ["", f"**Rule sets.** {listed}."]
    out += section("Sources", source_list(programme.sources))
    memberships = [
        (flagged(cluster_link(reg, c.id), m.inferred), *membership_cells(m)) for c, m in members
    ]
    out += section("Memberships", records_table(("cluster", *MEMBERSHIP_COLUMNS), memberships))
    return out


def render_events() -> str:
    """Every lineage event of the shipped registry: when, what, from which to which."""
    reg = dk_clusters.load()
    kinds = Counter(e.kind for e in reg.events).most_common()
    counted = ", ".join(f"{n} {esc(kind)}" for kind, n in kinds)
    out = [
        f"The shipped registry records **{len(reg.events)} lineage events** "
        f"(`Registry.events`, in registry order): {counted}. An event links the "
        "organisations it starts from (*before*) to those it leads to (*after*); a rename "
        "or a reorganisation has the same organisation on both sides. Its date is the "
        "best date the sources give; when they only bracket it, the window is shown "
        "instead, and *unknown* when they give neither. An event marked *(inferred)* is "
        "an inference from the sources rather than a fact one of them states. "
        "`Registry.lineage` and `Registry.history` follow these events.",
        "",
        "## Overview",
        "",
        table(
            ("event", "date", "kind", "before", "after"),
            (
                (
                    flagged(ref(e.id, event_anchor(e.id)), e.inferred),
                    event_when(e),
                    esc(e.kind),
                    cluster_links(reg, e.before),
                    cluster_links(reg, e.after),
                )
                for e in reg.events
            ),
        ),
    ]
    for event in reg.events:
        out += ["", *render_event(event, reg)]
    return "\n".join(out) + "\n"


def render_event(event: Event, reg: Registry) -> list[str]:
    """One event's section: what happened, when, the organisations on each side, sources."""
    rows = [
        ("`id`", code(event.id)),
        ("`kind`", esc(event.kind)),
        ("date", event_when(event)),
        ("`before`", cluster_links(reg, event.before)),
        ("`after`", cluster_links(reg, event.after)),
        ("`inferred`", flag(event.inferred)),
    ]
    out = [
        f"({event_anchor(event.id)})=",
        f"## {esc(event.id)}: {esc(event.kind)}, {esc(event_when(event))}",
        "",
        flagged(esc(event.description), event.inferred),
        "",
        table(("field", "value"), rows),
    ]
    if event.note:
        out += ["", f"**Note.** {esc(event.note)}"]
    out += section("Sources", source_list(event.sources))
    return out


# --- regions and municipalities ---------------------------------------------------------------


def render_regions() -> str:
    """The five regions with their codes, names and seats, from the `Region` enum."""
    counts = dict.fromkeys(Region, 0)
    for m in dk_clusters.municipalities():
        counts[m.region] += 1
    rows = [
        (
            r.iso_code,
            r.nuts_code,
            str(r.dagi_code),
            esc(r.name_da),
            esc(r.short_name),
            esc(r.name_en),
            esc(r.seat),
            ref(str(counts[r]), target("data-municipalities", r.iso_code)),
        )
        for r in Region
    ]
    headers = ("ISO 3166-2", "NUTS-2", "DAGI", "name", "short name", "English name", "seat")
    sources = [s for r in Region for s in r.sources]
    return "\n".join(
        [
            f"Denmark has {len(Region)} regions (`dk_clusters.Region`), listed here in the "
            "order of the enum, which is the NUTS order (DK01 to DK05). The regions are a "
            "closed set fixed by law in 2007, so their codes, names and seats live in the "
            "library's code, not in a data file; each member's `sources` lists the sources "
            "below.",
            "",
            table((*headers, "municipalities"), rows),
            "",
            "## Sources",
            "",
            source_list(sources),
            "",
        ]
    )


def render_municipalities() -> str:
    """The 98 municipalities, grouped by region."""
    everything = dk_clusters.municipalities()
    by_region = {region: [m for m in everything if m.region is region] for region in Region}
    summary = ", ".join(f"{esc(r.short_name)} {len(ms)}" for r, ms in by_region.items())
    out = [
        f"Denmark has **{len(everything)} municipalities** (kommuner): {summary}. "
        "Each has a four-digit kommunekode; `dk_clusters.municipality()` finds one by "
        "code, name, official name or one of the other names listed here.",
    ]
    for region, ms in by_region.items():
        out += [
            "",
            f"({target('data-municipalities', region.iso_code)})=",
            f"## {esc(region.name_da)} ({region.iso_code}): {len(ms)} municipalities",
            "",
            table(
                ("kommunekode", "name", "official name", "other names"),
                (
                    (
                        code(m.code),
                        esc(m.name),
                        esc(m.official_name),
                        ", ".join(esc(a) for a in m.aliases) or "",
                    )
                    for m in ms
                ),
            ),
        ]
    out += ["", "## Sources", "", source_list(s for m in everything for s in m.sources), ""]
    return "\n".join(out)


# --- the strategy -------------------------------------------------------------------------------


def render_business_areas() -> str:
    """Syddansk Vækstforum's business areas, sub-areas and growth initiatives."""
    areas = dk_clusters.business_areas()
    clusters = dk_clusters.load()
    attributed: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        if cluster.business_area is not None:
            attributed.setdefault(cluster.business_area, []).append(cluster)
    children: dict[str | None, list[Any]] = {}
    for area in areas:
        children.setdefault(area.parent, []).append(area)

    def cluster_list(area_id: str) -> str:
        found = attributed.get(area_id, [])
        if not found:
            return "none"
        return ", ".join(
            marked(c, "business_area", ref(c.name, cluster_anchor(c.id))) for c in found
        )

    out = [
        "The strategy of Syddansk Vækstforum names three business areas "
        "(forretningsområder); its action plan narrows them to sub-areas and names "
        "large growth initiatives beside them. Clusters are attributed to an area by "
        f"their `business_area` field; in the shipped registry ({clusters.snapshot}) "
        "every attribution is an inference.",
    ]
    kinds = (
        ("area", "Business areas and their sub-areas"),
        ("growth-initiative", "Growth initiatives"),
    )
    for kind, heading in kinds:
        out += ["", f"## {heading}"]
        for area in (a for a in children.get(None, []) if a.kind == kind):
            out += [
                "",
                f"({target('data-area', area.id)})=",
                f"### {esc(area.name_da)} ({esc(area.name_en)})",
                "",
                f"Id {code(area.id)}, kind *{area.kind}*. Clusters: {cluster_list(area.id)}.",
                "",
                f"Sources: {source_links(area.sources)}.",
            ]
            for sub in children.get(area.id, []):
                out += [
                    "",
                    f"({target('data-area', sub.id)})=",
                    f"#### {esc(sub.name_da)} ({esc(sub.name_en)})",
                    "",
                    f"Id {code(sub.id)}, kind *{sub.kind}* of {code(area.id)}. "
                    f"Clusters: {cluster_list(sub.id)}.",
                    "",
                    f"Sources: {source_links(sub.sources)}.",
                ]
    out += ["", "## Sources", "", source_list(s for a in areas for s in a.sources), ""]
    return "\n".join(out)


# --- European label counts -------------------------------------------------------------------


def figure_text(figure: Any) -> str:
    """A published figure in words: 86, more than 350, about 120; empty when not given."""
    if figure is None:
        return ""
    return str(figure.value) if figure.exact else f"{figure.qualifier} {figure.value}"


def column_definition(spec: dict[str, Any]) -> str:
    """A schema column's description, with the values it may take when they are listed."""
    text = esc(spec["description"])
    if "enum" in spec:
        text += " One of " + ", ".join(code(v) for v in spec["enum"]) + "."
    return text


def render_label_counts() -> str:
    """Every published count of labelled cluster organisations, with what it counts."""
    rows = dk_clusters.label_counts()
    schema = load_schema("label_counts.schema.json")
    columns = schema["$defs"]["LabelCount"]["properties"]
    described = ("scope", "gold", "bronze", "labelled", "countries")
    definitions = "\n\n".join(
        f"`{name}`\n: {column_definition(columns[name])}" for name in described
    )
    scopes = columns["scope"]["enum"]
    by_scope = ", ".join(f"{esc(s)} {sum(r.scope == s for r in rows)}" for s in scopes)
    out = [
        f"{len(rows)} published counts, in the order `dk_clusters.label_counts()` returns "
        f"them; by scope: {by_scope}. "
        + esc(schema["description"])
        + " Read each count's note before comparing two of them.",
        "",
        "## What the columns count",
        "",
        definitions,
        "",
        "An empty cell means the source gives no such figure. *more than* and *about* "
        "repeat the source's own wording.",
        "",
        "## The counts",
        "",
        table(
            ("date", "scope", "gold", "bronze", "labelled", "countries", "source"),
            (
                (
                    date_text(r.date, "undated"),
                    esc(r.scope),
                    figure_text(r.gold),
                    figure_text(r.bronze),
                    figure_text(r.labelled),
                    figure_text(r.countries),
                    source_links(r.sources),
                )
                for r in rows
            ),
        ),
        "",
        "## Notes on each count",
        "",
    ]
    for r in rows:
        note = esc(r.note) if r.note else "No note."
        out.append(f"- **{date_text(r.date, 'Undated')}, {esc(r.scope)}.** {note}")
    return "\n".join(out) + "\n"


# --- the rule sets -----------------------------------------------------------------------------

#: What each kind of check makes of a cluster on a date (the ``check`` of a criterion).
CHECKS = {
    "gold-label": (
        "PASS only when a gold label certainly holds on the date; FAIL when the gold "
        "label had expired or was not yet awarded, or the cluster has only lower labels "
        "or none; UNKNOWN when the data cannot tell."
    ),
    "gold-or-action-plan": (
        "PASS when a gold label certainly holds on the date; otherwise UNKNOWN and "
        "*pending* (`Verdict.pending`), since the rule allows an action plan to become "
        "gold with no deadline: it never answers FAIL."
    ),
    "label-at-least-bronze": (
        "PASS when a label of any level (bronze, silver or gold) certainly holds on the "
        "date; FAIL when none does; UNKNOWN when the data cannot tell."
    ),
    "one-per-area": (
        "One supported cluster per area, among the clusters the rule set's programme "
        "supports on the date: FAIL when another of them holds the cluster's area; "
        "UNKNOWN when the cluster's area, or who is supported, is unknown. The areas are "
        "those of Syddansk Vækstforum's strategy (`business_area`) for Vækstforum, and "
        "the area each member's membership names for a programme."
    ),
    "member-of-programme": (
        "PASS when the cluster certainly belongs to the rule set's programme on the "
        "date; FAIL when it certainly does not; UNKNOWN when the data cannot tell."
    ),
    "facts": (
        "No field of the data holds what the criterion reads: the check answers UNKNOWN "
        "and names the facts it would need."
    ),
}

#: What each solidity grade says of a criterion's source.
SOLIDITY = {
    "A": "the issuer's own page states it",
    "B": "a close secondary source states it",
    "C": "inferred from indirect wording",
}

#: What each scope says a criterion is about.
SCOPE = {
    "cluster": "a property of one organisation",
    "portfolio": "the funder's whole portfolio on the date",
}


def rule_set_anchor(rule_set_id: str) -> str:
    """The label of a rule set's page."""
    return target("rule-set", rule_set_id)


def criterion_anchor(rule_set_id: str, criterion_id: str) -> str:
    """The label of a criterion's section on its rule set's page."""
    return target("rule-set", rule_set_id, criterion_id)


def check_kinds() -> dict[tuple[str, str], str]:
    """The kind of check of each criterion, by rule set id and criterion id.

    A `Criterion` holds its check as a function; the kind it was made from is in the
    shipped file, read as package data.
    """
    text = (files("dk_clusters") / "data" / "rule_sets.json").read_text(encoding="utf-8")
    return {
        (r["id"], c["id"]): c["check"] for r in json.loads(text)["rule_sets"] for c in r["criteria"]
    }


def check_text(kind: str) -> str:
    """What a check of `kind` makes of a cluster, in words."""
    if kind.startswith("flag:"):
        field = kind.removeprefix("flag:")
        return (
            f"Reads the cluster's {code(field)}: PASS when it is true, FAIL when it is "
            "false, UNKNOWN when it is unknown."
        )
    return CHECKS.get(kind, "")


def rule_set_period(rule_set: CriteriaSet) -> str:
    """A rule set's period, each end *unknown* when it is, marked when it is inferred."""
    period = rule_set.period
    text = "unknown" if period is None else period_text(period.start, period.end)
    return flagged(text, "period" in rule_set.inferred)


def rule_set_programme(rule_set: CriteriaSet, reg: Registry) -> str:
    """A link to the programme a rule set governs, or its id, or *none*."""
    if rule_set.programme is None:
        return "none"
    if any(p.id == rule_set.programme for p in reg.programmes()):
        return programme_link(reg, rule_set.programme)
    return code(rule_set.programme)


def wording_text(text: str | None, wording: str | None, language: str) -> list[str]:
    """A criterion's text in one language, with how it renders its source.

    A quotation is a block quote; a paraphrase or a translation is a paragraph.
    """
    if text is None:
        return ["", f"**{language} text.** None: no {language} wording was found."]
    mark = f" ({wording})" if wording else ""
    if wording == "quoted":
        return ["", f"**{language} text**{mark}:", "", f"> {esc(text)}"]
    return ["", f"**{language} text**{mark}: {esc(text)}"]


def render_rule_sets() -> str:
    """The overview of the shipped rule sets, with the toctree of their pages."""
    reg = dk_clusters.load()
    everything = dk_clusters.rule_sets()
    rows = [
        (
            ref(r.name, rule_set_anchor(r.id or "")),
            code(r.id),
            rule_set_period(r),
            unknown_or(r.issuer),
            rule_set_programme(r, reg),
            str(len(r)),
        )
        for r in everything
    ]
    entries = [f"/{RULES_DIR}/{r.id}" for r in everything]
    return "\n".join(
        [
            f"The package ships **{len(everything)} rule sets** (`dk_clusters.rule_sets()`, "
            "in this order), "
            f"{sum(len(r) for r in everything)} criteria in all. A period marked "
            "*(inferred)* is an inference from the sources rather than a fact one of them "
            "states; an end shown as *unknown* is not known.",
            "",
            table(("rule set", "id", "period", "issuer", "programme", "criteria"), rows),
            "",
            "```{toctree}",
            ":hidden:",
            ":maxdepth: 1",
            "",
            *entries,
            "```",
            "",
        ]
    )


def render_rule_set(rule_set: CriteriaSet, kinds: dict[tuple[str, str], str]) -> str:
    """The page of one rule set: its fields, note and sources, then each criterion."""
    reg = dk_clusters.load()
    rid = rule_set.id or ""
    rows = [
        ("`id`", code(rid)),
        ("`name`", esc(rule_set.name)),
        ("`name_en`", unknown_or(rule_set.name_en)),
        ("`issuer`", unknown_or(rule_set.issuer)),
        ("`period`", rule_set_period(rule_set)),
        ("`period_note`", esc(rule_set.period_note) if rule_set.period_note else "none"),
        ("`programme`", rule_set_programme(rule_set, reg)),
        ("criteria", str(len(rule_set))),
    ]
    overview = [
        (
            str(n),
            ref(c.title_en, criterion_anchor(rid, c.id)),
            code(c.id),
            esc(c.scope),
            ", ".join(code(f) for f in c.facts) or "none",
            unknown_or(c.solidity),
            code(kinds.get((rid, c.id), "")),
        )
        for n, c in enumerate(rule_set, 1)
    ]
    out = [
        f"({rule_set_anchor(rid)})=",
        f"# {esc(rule_set.name)}",
        "",
        f"{unknown_or(rule_set.name_en)}. Generated from the shipped rule set "
        f"`dk_clusters.rule_set({json.dumps(rid)})` when these pages are built; check "
        f"clusters against it with `check_eligibility(cluster, {json.dumps(rid)}, ...)`, "
        f"`check_registry`, `check_over_time` or `dk-clusters check --rules {rid}`, and "
        "see {doc}`/guides/rule-sets` for all of them.",
        "",
        table(("field", "value"), rows),
    ]
    if rule_set.note:
        out += ["", f"**Note.** {esc(rule_set.note)}"]
    out += section("Sources", source_list(rule_set.sources))
    out += [
        "",
        "## Criteria",
        "",
        "In the order of their sources. *scope* says whether a criterion is about "
        "one organisation or the funder's whole portfolio, *facts* what it reads, "
        "*solidity* how directly its source states it (A: the issuer's own page, B: a "
        "close secondary source, C: inferred from indirect wording), and *check* the "
        "kind of check it makes, described in its section.",
        "",
        table(("", "criterion", "id", "scope", "facts", "solidity", "check"), overview),
    ]
    for n, criterion in enumerate(rule_set, 1):
        out += ["", *render_criterion(n, rid, criterion, kinds.get((rid, criterion.id), ""))]
    return "\n".join(out) + "\n"


def render_criterion(n: int, rule_set_id: str, criterion: Criterion, kind: str) -> list[str]:
    """One criterion's section: titles, fields, its wording, the check, sources and note."""
    solidity = (
        "unknown"
        if criterion.solidity is None
        else f"{criterion.solidity}: {SOLIDITY.get(criterion.solidity, '')}"
    )
    rows = [
        ("`id`", code(criterion.id)),
        ("`title_da`", esc(criterion.title_da)),
        ("`title_en`", esc(criterion.title_en)),
        ("`scope`", f"{esc(criterion.scope)}: {SCOPE.get(criterion.scope, '')}"),
        ("`facts`", ", ".join(code(f) for f in criterion.facts) or "none"),
        ("`solidity`", solidity),
        ("check", code(kind)),
    ]
    out = [
        f"({criterion_anchor(rule_set_id, criterion.id)})=",
        f"### {n}. {esc(criterion.title_en)}",
        "",
        f"*{esc(criterion.title_da)}*",
        "",
        table(("field", "value"), rows),
    ]
    out += wording_text(criterion.text_da, criterion.wording_da, "Danish")
    out += wording_text(criterion.text_en, criterion.wording_en, "English")
    described = check_text(kind)
    if described:
        out += ["", f"**The check.** {described}"]
    out += section("Sources", source_list(criterion.sources))
    if criterion.note:
        out += ["", f"**Note.** {esc(criterion.note)}"]
    return out


def rule_set_pages() -> dict[str, str]:
    """The page of each shipped rule set, by file name."""
    kinds = check_kinds()
    return {f"{r.id}.md": render_rule_set(r, kinds) for r in dk_clusters.rule_sets()}


# --- the file format -----------------------------------------------------------------------------


def load_schema(name: str) -> dict[str, Any]:
    """A shipped JSON Schema, read as package data."""
    text = (files("dk_clusters") / "data" / "schema" / name).read_text(encoding="utf-8")
    result: dict[str, Any] = json.loads(text)
    return result


def schema_stem(name: str) -> str:
    """``clusters`` for ``clusters.schema.json``."""
    return name.removesuffix(".schema.json")


def type_text(spec: dict[str, Any], stem: str) -> str:
    """The type of a schema node, with links to the definitions it refers to."""
    if "$ref" in spec:
        name = spec["$ref"].rsplit("/", 1)[-1]
        return ref(name, target("file-format", stem, name))
    if "anyOf" in spec:
        return " or ".join(type_text(s, stem) for s in spec["anyOf"])
    if "enum" in spec and "type" not in spec:
        return "string"
    kind = spec.get("type")
    if kind == "array":
        return "array of " + type_text(spec.get("items", {}), stem)
    if isinstance(kind, list):
        return " or ".join(kind)
    return str(kind) if kind else "any"


def constraints_text(spec: dict[str, Any]) -> str:
    """The constraints a schema node puts on its value."""
    found: list[str] = []
    if "enum" in spec:
        found.append("one of " + ", ".join(code(json.dumps(v)) for v in spec["enum"]))
    if "pattern" in spec:
        found.append("matches " + code(spec["pattern"]))
    if spec.get("minLength") == 1:
        found.append("not empty")
    if spec.get("uniqueItems"):
        found.append("no duplicates")
    if "minItems" in spec:
        found.append(f"at least {spec['minItems']} items")
    if "maxItems" in spec:
        found.append(f"at most {spec['maxItems']} items")
    if "minimum" in spec and "maximum" in spec:
        found.append(f"from {spec['minimum']} to {spec['maximum']}")
    items = spec.get("items")
    if isinstance(items, dict) and "$ref" not in items:
        inner = constraints_text(items)
        if inner:
            found.append("each item: " + inner)
    return "; ".join(found)


def properties_table(spec: dict[str, Any], stem: str) -> str:
    """A table of an object's keys."""
    required = set(spec.get("required", ()))
    rows = []
    for name, prop in spec.get("properties", {}).items():
        description = prop.get("description", "")
        if "$ref" in prop and not description:
            description = ""
        rows.append(
            (
                code(name),
                type_text(prop, stem),
                "yes" if name in required else "no",
                esc(description),
                constraints_text(prop),
            )
        )
    return table(("key", "type", "required", "description", "constraints"), rows)


def render_schema(name: str) -> str:
    """One schema as a section with its definitions."""
    schema = load_schema(name)
    stem = schema_stem(name)
    data_file = f"{stem}.json"
    closed = "No other keys are allowed." if schema.get("additionalProperties") is False else ""
    out = [
        f"({target('file-format', stem)})=",
        f"## {code(data_file)}: {esc(schema['title'])}",
        "",
        esc(schema.get("description", "")),
        "",
        f"Schema: `src/dk_clusters/data/schema/{name}` "
        f"(JSON Schema draft {draft(schema)}). The file is one object. {closed}",
        "",
        properties_table(schema, stem),
    ]
    for def_name, spec in schema.get("$defs", {}).items():
        out += [
            "",
            f"({target('file-format', stem, def_name)})=",
            f"### {esc(def_name)} ({esc(spec.get('title', def_name))})",
            "",
            esc(spec.get("description", "")),
        ]
        if spec.get("type") == "object":
            closed = (
                " No other keys are allowed." if spec.get("additionalProperties") is False else ""
            )
            out += ["", f"An object.{closed}", "", properties_table(spec, stem)]
        else:
            constraints = constraints_text(spec)
            out += [
                "",
                f"A {type_text(spec, stem)}" + (f": {constraints}." if constraints else "."),
            ]
    return "\n".join(out) + "\n"


def draft(schema: dict[str, Any]) -> str:
    """The draft a schema declares, e.g. ``2020-12``."""
    match = re.search(r"draft/([\d-]+)/", schema.get("$schema", ""))
    return match.group(1) if match else "unknown"


def render_file_format() -> str:
    """Every shipped schema, the user-facing registry format first."""
    return "\n".join(render_schema(name) for name in SCHEMAS)


# --- Sphinx -------------------------------------------------------------------------------------

PAGES: dict[str, Callable[[], str]] = {
    "clusters.md": render_clusters,
    "programmes.md": render_programmes,
    "events.md": render_events,
    "regions.md": render_regions,
    "municipalities.md": render_municipalities,
    "business-areas.md": render_business_areas,
    "label-counts.md": render_label_counts,
    "rule-sets.md": render_rule_sets,
    "file-format.md": render_file_format,
}

HEADER = "<!-- Generated by docs/_ext/data_pages.py from the installed dk_clusters. -->\n\n"


def write_text(path: Path, text: str) -> bool:
    """Write `text` to `path` unless it already holds it; return whether it changed."""
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def write_pages(outdir: Path) -> list[Path]:
    """Write every generated page into `outdir`; return the files that changed."""
    outdir.mkdir(parents=True, exist_ok=True)
    return [
        outdir / name
        for name, render in PAGES.items()
        if write_text(outdir / name, HEADER + render())
    ]


def write_rule_set_pages(rulesdir: Path) -> list[Path]:
    """Write the page of each rule set into `rulesdir`; return the files that changed.

    A generated page there whose rule set no longer ships is removed, so that the
    build does not keep it.
    """
    rulesdir.mkdir(parents=True, exist_ok=True)
    pages = rule_set_pages()
    changed = [
        rulesdir / name
        for name, text in pages.items()
        if write_text(rulesdir / name, HEADER + text)
    ]
    for stale in sorted(rulesdir.glob("*.md")):
        if stale.name not in pages and stale.read_text(encoding="utf-8").startswith(HEADER):
            stale.unlink()
            changed.append(stale)
    return changed


def _on_builder_inited(app: Any) -> None:
    srcdir = Path(app.srcdir)
    write_pages(srcdir / OUTDIR)
    write_rule_set_pages(srcdir / RULES_DIR)


def setup(app: Any) -> dict[str, Any]:
    """Register the page generator with Sphinx."""
    app.connect("builder-inited", _on_builder_inited)
    return {
        "version": dk_clusters.__version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
