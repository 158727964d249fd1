"""The ``dk-clusters`` command line (also ``python -m dk_clusters``).

Every command reads the shipped registry, or a registry file with ``--registry``
(``-`` for standard input); ``--json`` prints machine-readable output and ``--lang``
chooses Danish or English. Errors are one line on stderr. Exit statuses: 0 success,
1 the data or the output at fault, 2 a bad command line, 3 and 4 `check` found a
criterion not met or undecided, 70 a fault of dk-clusters itself.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from ._commands import COMMANDS, FailedError, registry_of, validate
from ._dates import PartialDate
from ._layout import Lang
from ._terminal import (
    EXIT_ERROR,
    EXIT_FAIL,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_UNKNOWN,
    EXIT_USAGE,
    Reported,
    Writer,
    escape_controls,
    escape_json_controls,
    output_width,
    write,
)
from ._version import __version__
from .exceptions import DataError, DkClustersError

PROG = "dk-clusters"

EXIT_STATUSES = f"""\
exit status:
  {EXIT_OK}   success; for check, every criterion is met
  {EXIT_ERROR}   the data are at fault (an invalid registry file, a lookup that found
      nothing), or the output could not be written (a closed pipe, a full disk)
  {EXIT_USAGE}   the command line is at fault
  {EXIT_FAIL}   check: a criterion is not met
  {EXIT_UNKNOWN}   check: none fails, but the data cannot tell for at least one
  {EXIT_INTERNAL}  a fault of {PROG} itself"""

CSV_COLUMNS = """\
CSV: one row per cluster; list columns are marked [] in the header and their
items joined with "|"; an unknown value is an empty cell; region_name and
municipality_name follow the codes; the last columns are the highest label
certainly held on the date (--on, or the registry's), its award and the end of
its validity. A cell that would start a formula (=, +, -, @, a tab or a carriage
return) is written with ' before it. --dialect excel-da writes what Danish Excel
opens as it is: ; between cells, UTF-8 with a byte-order mark."""

# --- parsing ------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on stderr, exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")

    def _print_message(self, message: str, file: Writer | None = None) -> None:
        if message:  # help, usage and version, through the one writer that never fails
            write(escape_controls(message), sys.stderr if file is None else file)


def _date(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def _text(what: str) -> Callable[[str], str]:
    """An argument type for text that must not be blank."""

    def text(value: str) -> str:
        if not value.strip():
            raise argparse.ArgumentTypeError(f"{what} must not be blank")
        return value

    text.__name__ = what  # argparse names the type in some messages
    return text


def _on(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--on",
        type=_date,
        metavar="DATE",
        help="the registry as it stood on this date (YYYY[-MM[-DD]]); default: its snapshot",
    )


def _filters(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--region", type=_text("a region"), help="region code or name, e.g. DK-83 or Syddanmark"
    )
    command.add_argument(
        "--label",
        type=_text("a label"),
        help="keep clusters that certainly hold it on the date: gold, silver, bronze",
    )
    command.add_argument(
        "--backer", type=_text("a backer"), help="growth forum id, e.g. syddansk-vaekstforum"
    )


def _parser() -> _Parser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--registry",
        metavar="FILE",
        type=_text("a registry file"),
        default=argparse.SUPPRESS,
        help="read this registry file (- for stdin), not the shipped one",
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
        help="language of headings, names, numbers, reasons (default: en)",
    )
    parser = _Parser(
        prog=PROG,
        description="The registry of Danish business clusters and their European labels.",
        epilog=f"example:\n  {PROG} list --on 2017-09 --region Syddanmark --label gold\n\n"
        + EXIT_STATUSES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help: str, example: str, more: str = "") -> _Parser:
        sub: _Parser = commands.add_parser(
            name,
            help=help,
            description=help,
            epilog=f"example:\n  {PROG} {example}" + (f"\n\n{more}" if more else ""),
            formatter_class=argparse.RawDescriptionHelpFormatter,
            parents=[common],
        )
        return sub

    cluster = _text("a cluster name or id")
    listing = command(
        "list", "list the clusters, filtered", "list --on 2017-09 --backer syddansk-vaekstforum"
    )
    _filters(listing)
    _on(listing)

    show = command("show", "show one cluster and its sources", 'show "Odense Robotics"')
    show.add_argument("cluster", metavar="NAME_OR_ID", type=cluster)
    _on(show)

    stats = command(
        "stats", "counts and shares; Denmark against Europe", "stats --on 2017-09 --label gold"
    )
    _filters(stats)
    _on(stats)

    check = command(
        "check",
        "check against Syddansk Vækstforum's or another rule set",
        "check d2i --on 2017-09 --lang da\n"
        f"  {PROG} check --rules innovationskraft-2021-2024 --on 2022-06-30\n"
        f"  {PROG} check --rules innovationskraft-2021-2024 --criterion "
        "gold-or-gold-action-plan --dates 2021-06-30 2022-06-30 2023-06-30 2024-06-30",
        f"""exit status:
  {EXIT_OK}  every criterion is met (outcome pass)
  {EXIT_FAIL}  a criterion is not met (outcome fail)
  {EXIT_UNKNOWN}  none fails, but the data cannot tell for at least one (outcome unknown)
  {EXIT_ERROR}  no such cluster, or the registry file is at fault""",
    )
    check.add_argument(
        "cluster",
        metavar="NAME_OR_ID",
        type=cluster,
        nargs="?",
        help="the cluster; without it, every member of the rule set's programme on the date",
    )
    check.add_argument(
        "--rules",
        metavar="ID",
        help="the rule set, by id (see `rules`); default: vaekstforum-2017",
    )
    _on(check)
    check.add_argument(
        "--dates",
        type=_date,
        nargs="+",
        metavar="DATE",
        help="check the programme's members on each of these dates: a column per date",
    )
    check.add_argument(
        "--criterion",
        metavar="ID",
        help="with --dates, show this criterion's verdict instead of the outcome",
    )

    rules = command(
        "rules",
        "list the rule sets of Danish cluster policy, or show one and its criteria",
        "rules innovationskraft-2021-2024",
    )
    rules.add_argument("rule_set", metavar="ID", nargs="?", help="the rule set to show")

    past = command(
        "history", "a cluster's dated facts, and what it came from and led to", "history clean"
    )
    past.add_argument("cluster", metavar="NAME_OR_ID", type=cluster)

    command("regions", "list the five regions and their codes", "regions --lang da")

    place = command("municipality", "find a municipality by name or code", "municipality Århus")
    place.add_argument("query", metavar="NAME_OR_CODE", type=_text("a municipality"))

    export = command(
        "export",
        "export the registry as JSON or CSV",
        "export --format csv -o c.csv",
        CSV_COLUMNS,
    )
    export.add_argument("--format", choices=("json", "csv"), required=True)
    export.add_argument(
        "--dialect",
        choices=("csv", "excel-da"),
        default="csv",
        help="CSV for programs (the default), or for Danish Excel",
    )
    _filters(export)
    _on(export)
    export.add_argument("--output", "-o", metavar="FILE", type=Path, help="write here, not stdout")

    validate = command("validate", "check a registry file; list every problem", "validate my.json")
    validate.add_argument("file", metavar="FILE", help="the file to check, or - for stdin")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (default: ``sys.argv[1:]``); return the exit code."""
    try:
        args = _parser().parse_args(argv)  # exits with 2 for a bad command line
        args.json = getattr(args, "json", False)
        status = _run(args, getattr(args, "lang", "en"))
        sys.stdout.flush()
    except FailedError as e:
        _error(str(e))
        status = EXIT_ERROR
    except DkClustersError as e:
        _error(_one_line(e))
        status = EXIT_ERROR
    except BrokenPipeError:  # the reader went away (`dk-clusters list | head -1`)
        _silence_stdout()
        status = EXIT_ERROR
    except OSError as e:  # the output cannot be written: a full disk, say
        _silence_stdout()
        _error(f"cannot write the output ({e.strerror or e})")
        status = EXIT_ERROR
    except KeyboardInterrupt:
        status = 128 + signal.SIGINT
    except Exception as e:  # a fault of dk-clusters itself, never the user's
        if sys.flags.dev_mode:
            traceback.print_exc()
        message = str(e) if len(str(e)) <= 200 else str(e)[:199] + "…"
        _error(f"internal error: {type(e).__name__}: {message} (a bug in {PROG}; please report it)")
        status = EXIT_INTERNAL
    return status


def _run(args: argparse.Namespace, lang: Lang) -> int:
    args.width = output_width()
    status = EXIT_OK
    if args.command == "validate":
        output = validate(args, lang)
    else:
        reg = args.whole = registry_of(args)
        if getattr(args, "on", None) is not None:
            reg = reg.as_of(args.on)
        if hasattr(args, "label"):
            given = {k: getattr(args, k) for k in ("region", "label", "backer")}
            reg = reg.filter(**{k: v for k, v in given.items() if v is not None})
        output = COMMANDS[args.command](reg, args, lang)
    if isinstance(output, Reported):
        output, status = output.output, output.status
    if output is not None:
        if args.json:
            text = escape_json_controls(json.dumps(output, ensure_ascii=False, indent=2))
        else:
            text = escape_controls(str(output))
        write(text + "\n")
    return status


def _error(message: str) -> None:
    with contextlib.suppress(OSError):  # nowhere left to say it
        write(f"{PROG}: error: {escape_controls(message)}\n", sys.stderr)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that what is left in its buffer goes."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor: a stream in memory
        pass


def _one_line(error: DkClustersError) -> str:
    if isinstance(error, DataError) and len(error.problems) > 1:
        more = len(error.problems) - 1
        return f"{error.problems[0]} (and {more} more: run `{PROG} validate FILE` to list them)"
    return str(error)
