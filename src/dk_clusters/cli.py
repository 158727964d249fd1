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
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from ._commands import COMMANDS, FailedError, registry_of, validate
from ._dates import PartialDate
from ._layout import Lang
from .exceptions import DataError, DkClustersError

PROG = "dk-clusters"

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


def _on(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--on",
        type=_date,
        metavar="DATE",
        help="the registry as it stood on this date (YYYY[-MM[-DD]]); default: its snapshot",
    )


def _filters(command: argparse.ArgumentParser) -> None:
    command.add_argument("--region", help="region code or name, e.g. DK-83 or Syddanmark")
    command.add_argument(
        "--label", help="keep clusters that certainly hold it on the date: gold, silver, bronze"
    )
    command.add_argument("--backer", help="growth forum id, e.g. syddansk-vaekstforum")


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
        epilog=f"example:\n  {PROG} list --on 2017-09 --region Syddanmark --label gold",
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

    listing = command(
        "list", "list the clusters, filtered", "list --on 2017-09 --backer syddansk-vaekstforum"
    )
    _filters(listing)
    _on(listing)

    show = command("show", "show one cluster and its sources", 'show "Odense Robotics"')
    show.add_argument("cluster", metavar="NAME_OR_ID")
    _on(show)

    stats = command(
        "stats", "counts and shares; Denmark against Europe", "stats --on 2017-09 --label gold"
    )
    _filters(stats)
    _on(stats)

    check = command(
        "check",
        "check a cluster against Syddansk Vækstforum's criteria",
        "check d2i --on 2017-09 --lang da",
    )
    check.add_argument("cluster", metavar="NAME_OR_ID")
    _on(check)

    past = command(
        "history", "a cluster's dated facts, and what it came from and led to", "history clean"
    )
    past.add_argument("cluster", metavar="NAME_OR_ID")

    command("regions", "list the five regions and their codes", "regions --lang da")

    place = command("municipality", "find a municipality by name or code", "municipality Århus")
    place.add_argument("query", metavar="NAME_OR_CODE")

    export = command("export", "export the registry as JSON or CSV", "export --format csv -o c.csv")
    export.add_argument("--format", choices=("json", "csv"), required=True)
    _filters(export)
    _on(export)
    export.add_argument("--output", "-o", metavar="FILE", type=Path, help="write here, not stdout")

    validate = command("validate", "check a registry file; list every problem", "validate my.json")
    validate.add_argument("file", metavar="FILE", help="the file to check, or - for stdin")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: ``sys.argv[1:]``); return the exit code."""
    args = _parser().parse_args(argv)
    args.json = getattr(args, "json", False)
    lang: Lang = getattr(args, "lang", "en")
    try:
        if args.command == "validate":
            output = validate(args)
        else:
            reg = args.whole = registry_of(args)
            if getattr(args, "on", None) is not None:
                reg = reg.as_of(args.on)
            if hasattr(args, "label"):
                given = {k: getattr(args, k) for k in ("region", "label", "backer")}
                reg = reg.filter(**{k: v for k, v in given.items() if v is not None})
            output = COMMANDS[args.command](reg, args, lang)
        if output is not None:
            print(json.dumps(output, ensure_ascii=False, indent=2) if args.json else output)
    except FailedError as e:
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
