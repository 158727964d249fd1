"""The commands of the ``dk-clusters`` command line.

Each takes the registry and the parsed arguments and returns what to print: text,
or JSON-ready values; `check` returns a `Reported` that carries its exit status too.
Output goes through `write`, which keeps whatever the terminal cannot show.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

from . import _aggregate as agg
from . import _europe as europe
from ._codec import unstructure
from ._eligibility import VAEKSTFORUM_ID
from ._figures import Figure
from ._flat import to_csv
from ._labels import CertificationLabel
from ._layout import Lang, display, text_table, unknown
from ._model import Cluster
from ._places import Region
from ._registry import Registry, load
from ._rule_commands import cmd_check, cmd_rules
from ._tables import municipalities, municipality
from ._terminal import (
    escape_controls,
    percent,
    width_of,
    word,
    write,
)
from ._timeline import Entry
from .exceptions import DataError

# --- the commands --------------------------------------------------------------------------------


def registry_of(args: argparse.Namespace) -> Registry:
    path: str | None = getattr(args, "registry", None)
    if path is None:
        return load()
    if path == "-":
        return Registry.from_json(sys.stdin.buffer.read())
    return Registry.from_json(Path(path))


def _cluster_json(cluster: Cluster) -> Any:
    return unstructure(cluster)


def _counts_table(counts: agg.Counts[Any], total: int, lang: Lang, what: str, width: int) -> str:
    rows = [
        (display(k, lang), n, percent(Fraction(n, total), lang), f"{n}/{total}")
        for k, n in counts.items()
    ]
    headers = (word(what, lang), word("count", lang), word("share", lang), "")
    return text_table(headers if rows else headers[:3], rows, indent="  ", width=width)


def _cmd_summary(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    now = reg.as_of(reg.snapshot)  # the organisations that exist on the snapshot, as they stood
    backed = now.filter(predicate=lambda c: VAEKSTFORUM_ID in c.backers)
    members = {p: len(now.members(p.id)) for p in now.programmes()}
    by_region = agg.count_by_region(now)
    if args.json:
        return {
            "clusters": len(reg),
            "snapshot": str(reg.snapshot),
            "existing": len(now),
            "by_region": by_region.to_dict(),
            "backed_by_syddansk_vaekstforum": [c.id for c in backed],
            "programme_members": {p.id: n for p, n in members.items()},
        }
    lines = [f"{len(reg)} {word('clusters', lang)} {word('as_of', lang)} {reg.snapshot}"]
    if len(now) < len(reg):
        lines.append(word("existing", lang).format(n=len(now), on=reg.snapshot))
    lines += ["", f"{word('by_region', lang)} ({reg.snapshot}):"]
    lines.append(_counts_table(by_region, len(now), lang, "region", width_of(args)))
    if backed:
        lines += ["", f"{word('backed', lang)}: {len(backed)} {word('of', lang)} {len(now)}"]
        lines += [f"  {c.name}" for c in backed]
    if any(members.values()):
        lines += ["", f"{word('members', lang)} ({reg.snapshot}):"]
        lines += [f"  {n:>3}  {p.name}" for p, n in members.items() if n]
    return "\n".join(lines)


def _cmd_list(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    on = reg.snapshot
    found = reg  # filtered by the command line's --region, --label and --backer
    if args.json:
        return [_cluster_json(c) for c in found]
    rows = [
        (c.id, c.name, display(c.region, lang), display(c.highest_label(on), lang)) for c in found
    ]
    headers = ("id", word("name", lang), word("region", lang), f"{word('label', lang)} {on}")
    return text_table(headers, rows, keep=(0,), width=width_of(args))


def _cmd_show(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    cluster = reg.lookup(args.cluster)
    if args.json:
        return _cluster_json(cluster)
    lineage = getattr(args, "whole", reg).history(cluster.id)  # lineage outside the date too
    place = display(cluster.region, lang)
    if cluster.municipality:
        place = f"{municipality(cluster.municipality).name}, {place}"
    unknown_ = unknown(lang)
    facts = [
        ("id", cluster.id),
        ("name", cluster.name),
        ("aliases", ", ".join(cluster.aliases) or "-"),
        ("location", place),
        ("sectors", ", ".join(cluster.sectors) or "-"),
        ("website", cluster.website or unknown_),
        ("backers", ", ".join(cluster.backers) or "-"),
        ("business_area", cluster.business_area or unknown_),
        ("label", display(cluster.highest_label(reg.snapshot), lang)),
        ("inferred", ", ".join(sorted(cluster.inferred)) or "-"),
        ("note", cluster.note or "-"),
        ("came_from", lineage.lineage_text("back")),
        ("led_to", lineage.lineage_text("forward")),
    ]
    rows = [
        (f"{word(key, lang)} {reg.snapshot}" if key == "label" else word(key, lang), value)
        for key, value in facts
    ]
    certifications = [
        (
            display(c.label, lang),
            str(c.awarded or unknown_),
            ", ".join(str(p) for p in c.seen_valid) or "-",
        )
        for c in cluster.certifications
    ]
    width = width_of(args)
    fill = max(20, width - 2)
    sources = "\n".join(
        textwrap.fill(s.title, fill, initial_indent="  ", subsequent_indent="  ") + f"\n    {s.url}"
        for s in cluster.sources
    )
    headings = (word("label", lang), word("awarded", lang), word("seen_valid", lang))
    return "\n\n".join(
        [
            text_table((word("field", lang), word("value", lang)), rows, width=width),
            text_table(headings, certifications, width=width),
            f"{word('sources', lang)}:\n" + sources,
        ]
    )


def _cmd_history(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    cluster = reg.lookup(args.cluster)
    history = reg.history(cluster)
    if args.json:
        return {
            "cluster": cluster.id,
            "entries": [
                {
                    "kind": e.kind,
                    "start": None if e.start is None else str(e.start),
                    "end": None if e.end is None else str(e.end),
                    "text": e.text,
                    "inferred": e.inferred,
                    "sources": [s.url for s in e.sources],
                }
                for e in history
            ],
            "predecessors": [c.id for c in reg.predecessors(cluster)],
            "successors": [c.id for c in reg.successors(cluster)],
        }
    headers = (word("when", lang), word("what", lang), "", word("sources", lang))
    table = text_table(headers, [_entry_row(e, lang) for e in history], width=width_of(args))
    came_from, led_to = f"{word('came_from', lang)}:", f"{word('led_to', lang)}:"
    pad = max(len(came_from), len(led_to)) + 1
    indent = "\n" + " " * pad
    return "\n".join(
        [
            f"{cluster.name} ({cluster.id})",
            table,
            "",
            came_from.ljust(pad) + history.lineage_text("back", indent),
            led_to.ljust(pad) + history.lineage_text("forward", indent),
        ]
    )


def _entry_row(entry: Entry, lang: Lang) -> tuple[str, str, str, str]:
    start, end = display(entry.start, lang), display(entry.end, lang)
    when = start if entry.start == entry.end else f"{start} – {end}"
    mark = f" {word('is_inferred', lang)}" if entry.inferred else ""
    return when, word(f"kind_{entry.kind}", lang), entry.text + mark, str(len(entry.sources))


def _figure_json(figure: Figure | None) -> tuple[int | None, str | None]:
    return (None, None) if figure is None else (figure.value, figure.qualifier)


def _cmd_stats(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    on = reg.snapshot
    by_region = agg.count_by_region(reg)
    by_backer = agg.count_by_backer(reg)
    by_label = agg.count_by_label(reg, on=on)
    gold_count = europe.european_count(CertificationLabel.GOLD, on=on)
    all_count = europe.european_count(None, on=on)
    gold = None if gold_count is None else gold_count.gold
    labelled = None if all_count is None else all_count.labelled
    share = europe.share_of_europe(reg, on=on)
    if args.json:
        gold_value, gold_qualifier = _figure_json(gold)
        labelled_value, labelled_qualifier = _figure_json(labelled)
        return {
            "clusters": len(reg),
            "on": str(on),
            "by_region": by_region.to_dict(),
            "by_backer": by_backer.to_dict(),
            "by_label": by_label.to_dict(),
            "share_of_european_gold": None if share is None else float(share),
            "european_gold_count": gold_value,
            "european_gold_count_qualifier": gold_qualifier,
            "european_count_date": _date_json(gold_count),
            "european_labelled_count": labelled_value,
            "european_labelled_count_qualifier": labelled_qualifier,
            "european_labelled_count_date": _date_json(all_count),
        }
    width = width_of(args)
    share_text = unknown(lang) if share is None else f"{share} ({percent(share, lang)})"
    counted = []
    if gold is not None and gold_count is not None:
        counted.append(word("gold_count", lang).format(n=gold, on=gold_count.date))
    if labelled is not None and all_count is not None:
        counted.append(word("all_count", lang).format(n=labelled, on=all_count.date))
    return "\n".join(
        [
            f"{len(reg)} {word('clusters', lang)} {word('as_of', lang)} {reg.snapshot}",
            "",
            word("by_region", lang) + ":",
            _counts_table(by_region, len(reg), lang, "region", width),
            "",
            word("by_backer", lang) + ":",
            _counts_table(by_backer, len(reg), lang, "backer", width),
            "",
            f"{word('by_label', lang)} ({on}):",
            _counts_table(by_label, len(reg), lang, "label", width),
            "",
            f"{word('counted', lang)}: {', '.join(counted) or unknown(lang)}",
            f"{word('europe', lang)} ({on}): {share_text}",
        ]
    )


def _date_json(count: Any) -> str | None:
    return None if count is None or count.date is None else str(count.date)


def _cmd_regions(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    rows = [
        (r.iso_code, r.nuts_code, r.dagi_code, r.name_da if lang == "da" else r.name_en, r.seat)
        for r in Region
    ]
    if args.json:
        keys = ("iso_code", "nuts_code", "dagi_code", "name", "seat")
        return [dict(zip(keys, row, strict=True)) for row in rows]
    counts = dict.fromkeys(Region, 0)
    for m in municipalities():
        counts[m.region] += 1
    table = [(*row, counts[r]) for row, r in zip(rows, Region, strict=True)]
    headers = (
        "ISO",
        "NUTS",
        "DAGI",
        word("region", lang),
        word("seat", lang),
        word("municipalities", lang),
    )
    return text_table(headers, table, width=width_of(args))


def _cmd_municipality(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    found = municipality(args.query)
    if args.json:
        return {
            "code": found.code,
            "name": found.name,
            "official_name": found.official_name,
            "region": found.region.iso_code,
        }
    region = found.region.name_da if lang == "da" else found.region.name_en
    return f"{found.code}  {found.official_name}  ({region})"


def _cmd_export(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    csv = args.format == "csv"
    text = to_csv(reg, lang=lang, dialect=args.dialect) if csv else reg.to_json()
    if args.output is None:
        write(text)
        return None
    try:
        # The byte-order mark of the Excel dialect is in the text already.
        args.output.write_text(text, encoding="utf-8", newline="")
    except OSError as e:
        raise DataError(f"{args.output}: cannot write the file ({e.strerror})") from None
    return None


def validate(args: argparse.Namespace, lang: Lang = "en") -> Any:
    name = "<stdin>" if args.file == "-" else args.file
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file)
        checked = Registry.from_json(data)
    except DataError as e:
        if args.json:
            write(json.dumps({"valid": False, "problems": list(e.problems)}, indent=2) + "\n")
        else:
            write("".join(escape_controls(f"{name}: {problem}") + "\n" for problem in e.problems))
        n = len(e.problems)
        problems = word("problem" if n == 1 else "problems", lang)
        raise FailedError(word("invalid", lang).format(name=name, n=n, problems=problems)) from None
    if args.json:
        return {"valid": True, "clusters": len(checked), "snapshot": str(checked.snapshot)}
    return word("valid", lang).format(name=name, n=len(checked), on=checked.snapshot)


class FailedError(Exception):
    """A command that has printed its findings and must exit with 1."""


COMMANDS: dict[str | None, Callable[[Registry, argparse.Namespace, Lang], Any]] = {
    None: _cmd_summary,
    "list": _cmd_list,
    "show": _cmd_show,
    "stats": _cmd_stats,
    "check": cmd_check,
    "regions": _cmd_regions,
    "municipality": _cmd_municipality,
    "export": _cmd_export,
    "history": _cmd_history,
    "rules": cmd_rules,
}
