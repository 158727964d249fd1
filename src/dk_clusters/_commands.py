"""The commands of the ``dk-clusters`` command line.

Each takes the registry and the parsed arguments and returns what to print: text,
or JSON-ready values.
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
from ._criteria import EligibilityReport
from ._eligibility import VAEKSTFORUM_ID, check_eligibility
from ._flat import to_csv
from ._labels import CertificationLabel, NoLabel
from ._layout import Lang, display, text_table
from ._model import Cluster
from ._places import Region
from ._registry import Registry, load
from ._tables import municipalities, municipality
from .exceptions import DataError

_WORDS: dict[str, dict[str, str]] = {
    "unknown": {"da": "ukendt", "en": "unknown"},
    "none": {"da": "intet", "en": "none"},
    "clusters": {"da": "klynger", "en": "clusters"},
    "as_of": {"da": "pr.", "en": "as of"},
    "by_region": {"da": "Efter sekretariatets region", "en": "By region of secretariat"},
    "by_backer": {"da": "Efter bagland (vækstforum)", "en": "By backer (growth forum)"},
    "by_label": {"da": "Efter mærke", "en": "By label"},
    "backed": {"da": "Støttet af Syddansk Vækstforum", "en": "Backed by Syddansk Vækstforum"},
    "europe": {"da": "Andel af Europas", "en": "Share of Europe's"},
    "share": {"da": "andel", "en": "share"},
    "count": {"da": "antal", "en": "count"},
    "of": {"da": "af", "en": "of"},
    "members": {"da": "Medlemmer af programmer", "en": "Members of programmes"},
    "existing": {
        "da": "{n} af dem fandtes {on}; de øvrige var ophørt før.",
        "en": "{n} of them exist on {on}; the others had ended before it.",
    },
    "gone": {
        "da": "Bemærk: {name} fandtes ikke {on}; brug --on DATO.",
        "en": "Note: {name} did not exist on {on}; use --on DATE.",
    },
}


def _word(key: str, lang: Lang) -> str:
    return _WORDS[key][lang]


# --- the commands --------------------------------------------------------------------------------


def registry_of(args: argparse.Namespace) -> Registry:
    path: Path | None = getattr(args, "registry", None)
    if path is None:
        return load()
    return Registry.from_json(path)


def _cluster_json(cluster: Cluster) -> Any:
    return unstructure(cluster)


def _counts_table(counts: agg.Counts[Any], total: int, lang: Lang) -> str:
    rows = [
        (display(k, lang), n, f"{float(Fraction(n, total)):.1%}", f"{n}/{total}")
        for k, n in counts.items()
    ]
    headers = ("", _word("count", lang), _word("share", lang), "")
    return text_table(headers, rows, indent="  ")


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
            "by_region": {_json_key(k): n for k, n in by_region.items()},
            "backed_by_syddansk_vaekstforum": [c.id for c in backed],
            "programme_members": {p.id: n for p, n in members.items()},
        }
    lines = [f"{len(reg)} {_word('clusters', lang)} {_word('as_of', lang)} {reg.snapshot}"]
    if len(now) < len(reg):
        lines.append(_word("existing", lang).format(n=len(now), on=reg.snapshot))
    lines += ["", f"{_word('by_region', lang)} ({reg.snapshot}):"]
    lines.append(_counts_table(by_region, len(now), lang) if now else "  -")
    if backed:
        lines += ["", f"{_word('backed', lang)}: {len(backed)} {_word('of', lang)} {len(now)}"]
        lines += [f"  {c.name}" for c in backed]
    if any(members.values()):
        lines += ["", f"{_word('members', lang)} ({reg.snapshot}):"]
        lines += [f"  {n:>3}  {p.name}" for p, n in members.items() if n]
    return "\n".join(lines)


def _json_key(key: object) -> str | None:
    if isinstance(key, Region):
        return key.iso_code
    if isinstance(key, CertificationLabel | NoLabel):
        return str(key.value)
    return None if key is None else str(key)


def _cmd_list(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    on = reg.snapshot
    found = reg  # filtered by the command line's --region, --label and --backer
    if args.json:
        return [_cluster_json(c) for c in found]
    rows = [
        (c.id, c.name, display(c.region, lang), display(c.highest_label(on), lang)) for c in found
    ]
    label = "mærke" if lang == "da" else "label"
    headers = ("id", "navn" if lang == "da" else "name", "region", f"{label} {on}")
    return text_table(headers, rows, keep=(0,))


def _cmd_show(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    cluster = reg.lookup(args.cluster)
    if args.json:
        return _cluster_json(cluster)
    lineage = getattr(args, "whole", reg).history(cluster.id)  # lineage outside the date too
    place = display(cluster.region, lang)
    if cluster.municipality:
        place = f"{municipality(cluster.municipality).name}, {place}"
    unknown = _word("unknown", lang)
    rows = [
        ("id", cluster.id),
        ("name", cluster.name),
        ("aliases", ", ".join(cluster.aliases) or "-"),
        ("location", place),
        ("sectors", ", ".join(cluster.sectors) or "-"),
        ("website", cluster.website or unknown),
        ("backers", ", ".join(cluster.backers) or "-"),
        ("business area", cluster.business_area or unknown),
        (f"label {reg.snapshot}", display(cluster.highest_label(reg.snapshot), lang)),
        ("inferred", ", ".join(sorted(cluster.inferred)) or "-"),
        ("note", cluster.note or "-"),
        ("came from", lineage.lineage_text("back")),
        ("led to", lineage.lineage_text("forward")),
    ]
    certifications = [
        (c.label.value, str(c.awarded or unknown), ", ".join(str(p) for p in c.seen_valid) or "-")
        for c in cluster.certifications
    ]
    sources = "\n".join(
        textwrap.fill(s.title, 78, initial_indent="  ", subsequent_indent="  ") + f"\n    {s.url}"
        for s in cluster.sources
    )
    return "\n\n".join(
        [
            text_table(("field", "value"), rows),
            text_table(("label", "awarded", "seen valid"), certifications),
            "sources:\n" + sources,
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
    return history.to_text()


def _cmd_stats(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    on = reg.snapshot
    by_region = agg.count_by_region(reg)
    by_backer = agg.count_by_backer(reg)
    by_label = agg.count_by_label(reg, on=on)
    count = europe.european_count(CertificationLabel.GOLD, on=on)
    share = europe.share_of_europe(reg, on=on)
    if args.json:
        return {
            "clusters": len(reg),
            "on": str(on),
            "by_region": {_json_key(k): n for k, n in by_region.items()},
            "by_backer": {_json_key(k): n for k, n in by_backer.items()},
            "by_label": {_json_key(k): n for k, n in by_label.items()},
            "share_of_european_gold": None if share is None else str(share),
            "european_gold_count": None if count is None else str(count.gold),
            "european_count_date": None if count is None or count.date is None else str(count.date),
        }
    share_text = _word("unknown", lang) if share is None else f"{share} ({float(share):.1%})"
    source = "" if count is None or count.date is None else f" [{count.date}: {count.gold}]"
    gold = "guld" if lang == "da" else "gold"
    return "\n".join(
        [
            f"{len(reg)} {_word('clusters', lang)} {_word('as_of', lang)} {reg.snapshot}",
            "",
            _word("by_region", lang) + ":",
            _counts_table(by_region, len(reg), lang),
            "",
            _word("by_backer", lang) + ":",
            _counts_table(by_backer, len(reg), lang),
            "",
            f"{_word('by_label', lang)} ({on}):",
            _counts_table(by_label, len(reg), lang),
            "",
            f"{_word('europe', lang)} {gold} ({on}): {share_text}{source}",
        ]
    )


def _cmd_check(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    cluster = reg.lookup(args.cluster)
    report = check_eligibility(cluster, registry=reg)
    if args.json:
        return _report_json(report, lang)
    if cluster.exists_on(reg.snapshot) is False:
        gone = _word("gone", lang).format(name=cluster.name, on=reg.snapshot)
        return f"{report.to_text(lang)}\n\n{gone}"
    return report.to_text(lang)


def _report_json(report: EligibilityReport, lang: Lang) -> Any:
    return {
        "cluster": report.cluster.id,
        "criteria": report.criteria.name,
        "on": str(report.on),
        "outcome": report.outcome.value,
        "verdicts": [
            {
                "criterion": v.criterion.id,
                "outcome": v.outcome.value,
                "reason": v.reason(lang),
                "deciding_fields": list(v.deciding_fields),
            }
            for v in report.verdicts
        ],
    }


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
    kommuner = "kommuner" if lang == "da" else "municipalities"
    return text_table(("ISO", "NUTS", "DAGI", "region", "seat", kommuner), table)


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
    text = reg.to_json() if args.format == "json" else to_csv(reg)
    if args.output is None:
        sys.stdout.write(text)
        return None
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise DataError(f"{args.output}: cannot write the file ({e.strerror})") from None
    return None


def validate(args: argparse.Namespace) -> Any:
    name = "<stdin>" if args.file == "-" else args.file
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file)
        checked = Registry.from_json(data)
    except DataError as e:
        if args.json:
            print(json.dumps({"valid": False, "problems": list(e.problems)}, indent=2))
        else:
            for problem in e.problems:
                print(f"{name}: {problem}")
        count = f"{len(e.problems)} problem{'' if len(e.problems) == 1 else 's'}"
        raise FailedError(f"{name} is not a valid registry ({count})") from None
    if args.json:
        return {"valid": True, "clusters": len(checked), "snapshot": str(checked.snapshot)}
    return f"{name}: a valid registry of {len(checked)} clusters as of {checked.snapshot}"


class FailedError(Exception):
    """A command that has printed its findings and must exit with 1."""


COMMANDS: dict[str | None, Callable[[Registry, argparse.Namespace, Lang], Any]] = {
    None: _cmd_summary,
    "list": _cmd_list,
    "show": _cmd_show,
    "stats": _cmd_stats,
    "check": _cmd_check,
    "regions": _cmd_regions,
    "municipality": _cmd_municipality,
    "export": _cmd_export,
    "history": _cmd_history,
}
