"""The ``dk-clusters`` command line (also ``python -m dk_clusters``).

Every command reads the shipped registry, or a registry file with ``--registry``;
``--json`` prints machine-readable output and ``--lang`` chooses Danish or English.
Errors are one line on stderr: exit code 2 for usage, 1 for data and lookups.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, NoReturn

from . import _aggregate as agg
from . import _europe as europe
from ._codec import unstructure
from ._criteria import EligibilityReport
from ._dates import PartialDate
from ._eligibility import VAEKSTFORUM_ID, check_eligibility
from ._flat import to_csv
from ._labels import CertificationLabel, NoLabel
from ._layout import Lang, display, text_table
from ._model import Cluster
from ._places import Region
from ._registry import Registry, load
from ._tables import municipalities, municipality
from .exceptions import DataError, DkClustersError

PROG = "dk-clusters"

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
}


def _word(key: str, lang: Lang) -> str:
    return _WORDS[key][lang]


# --- parsing ------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr, exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _date(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _parser() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--registry",
        metavar="FILE",
        type=Path,
        default=argparse.SUPPRESS,
        help="read this registry file instead of the shipped one",
    )
    common.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print JSON instead of a table",
    )
    common.add_argument(
        "--lang",
        choices=("da", "en"),
        default=argparse.SUPPRESS,
        help="language of names and reasons (default: en)",
    )
    parser = _Parser(
        prog=PROG,
        description="The registry of Danish business clusters and their European labels.",
        epilog=f"example:\n  {PROG} list --region Syddanmark --label gold",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help: str, example: str) -> _Parser:
        sub: _Parser = commands.add_parser(
            name,
            help=help,
            description=help,
            epilog=f"example:\n  {PROG} {example}",
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[common],
        )
        return sub

    listing = command("list", "list the clusters, filtered", "list --backer syddansk-vaekstforum")
    listing.add_argument("--region", help="region code or name, e.g. DK-83 or Syddanmark")
    listing.add_argument(
        "--label", help="keep clusters that certainly hold it: gold, silver, bronze"
    )
    listing.add_argument("--backer", help="growth forum id, e.g. syddansk-vaekstforum")
    listing.add_argument(
        "--on", type=_date, metavar="DATE", help="date for --label (YYYY[-MM[-DD]])"
    )

    show = command("show", "show one cluster and its sources", 'show "Odense Robotics"')
    show.add_argument("cluster", metavar="NAME_OR_ID")

    stats = command("stats", "counts and shares; Denmark against Europe", "stats --on 2018-06")
    stats.add_argument("--on", type=_date, metavar="DATE", help="date for labels (YYYY[-MM[-DD]])")

    check = command(
        "check", "check a cluster against Syddansk Vækstforum's criteria", "check d2i --lang da"
    )
    check.add_argument("cluster", metavar="NAME_OR_ID")
    check.add_argument("--on", type=_date, metavar="DATE", help="date of the check")

    command("regions", "list the five regions and their codes", "regions --lang da")

    place = command("municipality", "find a municipality by name or code", "municipality Århus")
    place.add_argument("query", metavar="NAME_OR_CODE")

    export = command("export", "export the registry as JSON or CSV", "export --format csv -o c.csv")
    export.add_argument("--format", choices=("json", "csv"), required=True)
    export.add_argument("--output", "-o", metavar="FILE", type=Path, help="write here, not stdout")

    validate = command("validate", "check a registry file; list every problem", "validate my.json")
    validate.add_argument("file", metavar="FILE", help="the file to check, or - for stdin")
    return parser


# --- the commands --------------------------------------------------------------------------------


def _registry(args: argparse.Namespace) -> Registry:
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
    backed = reg.filter(backer=VAEKSTFORUM_ID)
    if args.json:
        return {
            "clusters": len(reg),
            "snapshot": str(reg.snapshot),
            "by_region": {_json_key(k): n for k, n in agg.count_by_region(reg).items()},
            "backed_by_syddansk_vaekstforum": [c.id for c in backed],
        }
    lines = [
        f"{len(reg)} {_word('clusters', lang)} {_word('as_of', lang)} {reg.snapshot}",
        "",
        _word("by_region", lang) + ":",
        _counts_table(agg.count_by_region(reg), len(reg), lang),
        "",
        f"{_word('backed', lang)}: {len(backed)} {_word('of', lang)} {len(reg)}",
        *(f"  {c.name}" for c in backed),
    ]
    return "\n".join(lines)


def _json_key(key: object) -> str | None:
    if isinstance(key, Region):
        return key.iso_code
    if isinstance(key, CertificationLabel | NoLabel):
        return str(key.value)
    return None if key is None else str(key)


def _cmd_list(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    on = args.on or reg.snapshot
    found = reg.filter(
        region=args.region, label=args.label, backer=args.backer, on=args.on if args.label else None
    )
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


def _cmd_stats(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    on = args.on or reg.snapshot
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
    report = check_eligibility(cluster, registry=reg, on=args.on)
    if args.json:
        return _report_json(report, lang)
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


def _cmd_validate(args: argparse.Namespace) -> Any:
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
        raise _FailedError(f"{name} is not a valid registry ({count})") from None
    if args.json:
        return {"valid": True, "clusters": len(checked), "snapshot": str(checked.snapshot)}
    return f"{name}: a valid registry of {len(checked)} clusters as of {checked.snapshot}"


class _FailedError(Exception):
    """A command that has printed its findings and must exit with 1."""


_COMMANDS: dict[str | None, Callable[[Registry, argparse.Namespace, Lang], Any]] = {
    None: _cmd_summary,
    "list": _cmd_list,
    "show": _cmd_show,
    "stats": _cmd_stats,
    "check": _cmd_check,
    "regions": _cmd_regions,
    "municipality": _cmd_municipality,
    "export": _cmd_export,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: ``sys.argv[1:]``); return the exit code."""
    args = _parser().parse_args(argv)
    args.json = getattr(args, "json", False)
    lang: Lang = getattr(args, "lang", "en")
    try:
        if args.command == "validate":
            output = _cmd_validate(args)
        else:
            output = _COMMANDS[args.command](_registry(args), args, lang)
        if output is not None:
            print(json.dumps(output, ensure_ascii=False, indent=2) if args.json else output)
    except _FailedError as e:
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 1
    except DkClustersError as e:
        print(f"{PROG}: error: {_one_line(e)}", file=sys.stderr)
        return 1
    except ValueError as e:  # a blank or malformed query
        print(f"{PROG}: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader went away (`dk-clusters list | head`)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return 0


def _one_line(error: DkClustersError) -> str:
    if isinstance(error, DataError) and len(error.problems) > 1:
        more = len(error.problems) - 1
        return f"{error.problems[0]} (and {more} more: run `{PROG} validate FILE` to list them)"
    return str(error)
