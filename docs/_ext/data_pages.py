"""Generate the data pages and the file-format reference from the installed package.

At ``builder-inited`` this extension writes MyST Markdown files into
``docs/_generated/`` (ignored by git and excluded from the build as documents); the
pages under ``docs/data/`` and ``docs/reference/file-format.md`` pull them in with
``{include}``. Everything comes from the package itself: the records through the
public API (`dk_clusters.load`, `municipalities`, `business_areas`, `label_counts`),
the regions from the `Region` enum, which holds their codes, names, seats and
sources in code, and the file format from the shipped JSON Schemas, read with
`importlib.resources`. A file is rewritten only when its text changes, so an
unchanged registry does not force a rebuild.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import dk_clusters
from dk_clusters import CertificationLabel, Cluster, NoLabel, PartialDate, Region, Source

OUTDIR = "_generated"

#: The schema files in the order of the page: the user-facing registry format first.
SCHEMAS = (
    "clusters.schema.json",
    "municipalities.schema.json",
    "business_areas.schema.json",
    "label_counts.schema.json",
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


def marked(cluster: Cluster, field: str, text: str) -> str:
    """`text`, followed by *(inferred)* when `field` is an inference."""
    return f"{text} *(inferred)*" if field in cluster.inferred else text


# --- the clusters -----------------------------------------------------------------------------


def cluster_anchor(cluster: Cluster) -> str:
    """The label of a cluster's section on the clusters page."""
    return target("data-cluster", cluster.id)


def render_clusters() -> str:
    """Every cluster of the shipped registry with its certifications and sources."""
    reg = dk_clusters.load()
    areas = {a.id: a for a in dk_clusters.business_areas()}
    on = reg.snapshot
    out = [
        f"The shipped registry describes **{len(reg)} cluster organisations as of {on}**. "
        "A value shown as *unknown* is not known from the sources; a value marked "
        "*(inferred)* is an inference from the sources rather than a fact one of them "
        "states. The highest label is the one the cluster certainly holds throughout "
        f"{on} (`Cluster.highest_label`).",
        "",
        "Sources for the registry as a whole:",
        "",
        source_list(reg.sources),
        "",
        "## Overview",
        "",
        table(
            ("cluster", "region", "municipality", "backers", f"highest label {on}"),
            (
                (
                    ref(c.name, cluster_anchor(c)),
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
        out += ["", *render_cluster(cluster, on, areas)]
    return "\n".join(out) + "\n"


def municipality_text(code_: str | None) -> str:
    """A kommunekode with the municipality's name."""
    if code_ is None:
        return "unknown"
    return f"{esc(dk_clusters.municipality(code_).name)} ({code_})"


def render_cluster(cluster: Cluster, on: PartialDate, areas: dict[str, Any]) -> list[str]:
    """One cluster's section."""

    def area_text(area_id: str) -> str:
        area = areas.get(area_id)
        name = "" if area is None else f"{esc(area.name_da)} "
        return ref(f"{name}({area_id})", target("data-area", area_id))

    listed = ", ".join(esc(v) for v in cluster.aliases) or "none"
    rows = [
        ("`id`", code(cluster.id)),
        ("`name_en`", unknown_or(cluster.name_en)),
        ("`aliases`", listed),
        ("`region`", region_text(cluster.region)),
        ("`municipality`", municipality_text(cluster.municipality)),
        ("`sectors`", ", ".join(esc(s) for s in cluster.sectors) or "none"),
        ("`website`", unknown_or(cluster.website, lambda u: f"<{u}>")),
        ("`backers`", ", ".join(code(b) for b in cluster.backers) or "none recorded"),
        ("`business_area`", unknown_or(cluster.business_area, area_text)),
        ("`open_nationwide`", flag(cluster.open_nationwide)),
        ("`business_led`", flag(cluster.business_led)),
        ("`innovation_network`", flag(cluster.innovation_network)),
    ]
    rows = [(name, marked(cluster, name.strip("`"), value)) for name, value in rows]
    rows.append((f"highest label {on}", label_text(cluster.highest_label(on))))
    out = [
        f"({cluster_anchor(cluster)})=",
        f"## {esc(cluster.name)}",
        "",
        table(("field", "value"), rows),
        "",
        "**Certifications**" + (" *(inferred)*" if "certifications" in cluster.inferred else ""),
        "",
    ]
    if cluster.certifications:
        out.append(
            table(
                ("label", "awarded", "valid until", "awarded by", "seen valid", "sources", "note"),
                (
                    (
                        c.label.value,
                        date_text(c.awarded),
                        date_text(c.valid_until),
                        unknown_or(c.awarded_by),
                        ", ".join(map(str, c.seen_valid)) or "none",
                        "; ".join(link(s.title, s.url) for s in c.sources) or "none",
                        esc(c.note or ""),
                    )
                    for c in cluster.certifications
                ),
            )
        )
    else:
        out.append("None recorded.")
    out += ["", "**Sources**", "", source_list(cluster.sources)]
    if cluster.note:
        out += ["", f"**Note.** {marked(cluster, 'note', esc(cluster.note))}"]
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
        return ", ".join(marked(c, "business_area", ref(c.name, cluster_anchor(c))) for c in found)

    def sources(area: Any) -> str:
        return "; ".join(link(s.title, s.url) for s in area.sources) or "none"

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
                f"Sources: {sources(area)}.",
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
                    f"Sources: {sources(sub)}.",
                ]
    out += ["", "## Sources", "", source_list(s for a in areas for s in a.sources), ""]
    return "\n".join(out)


# --- European label counts -------------------------------------------------------------------


def figure_text(figure: Any) -> str:
    """A published figure in words: 86, more than 350, about 120; empty when not given."""
    if figure is None:
        return ""
    return str(figure.value) if figure.exact else f"{figure.qualifier} {figure.value}"


def render_label_counts() -> str:
    """Every published count of labelled cluster organisations, with what it counts."""
    rows = dk_clusters.label_counts()
    schema = load_schema("label_counts.schema.json")
    columns = schema["$defs"]["LabelCount"]["properties"]
    described = ("scope", "gold", "bronze", "labelled", "countries")
    definitions = "\n\n".join(
        f"`{name}`\n: {esc(columns[name]['description'])}" for name in described
    )
    out = [
        f"{len(rows)} published counts, in the order `dk_clusters.label_counts()` returns "
        "them. "
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
                    "; ".join(link(s.title, s.url) for s in r.sources),
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
    "regions.md": render_regions,
    "municipalities.md": render_municipalities,
    "business-areas.md": render_business_areas,
    "label-counts.md": render_label_counts,
    "file-format.md": render_file_format,
}

HEADER = "<!-- Generated by docs/_ext/data_pages.py from the installed dk_clusters. -->\n\n"


def write_pages(outdir: Path) -> list[Path]:
    """Write every generated page into `outdir`; return the files that changed."""
    outdir.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, render in PAGES.items():
        path = outdir / name
        text = HEADER + render()
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def _on_builder_inited(app: Any) -> None:
    write_pages(Path(app.srcdir) / OUTDIR)


def setup(app: Any) -> dict[str, Any]:
    """Register the page generator with Sphinx."""
    app.connect("builder-inited", _on_builder_inited)
    return {
        "version": dk_clusters.__version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
