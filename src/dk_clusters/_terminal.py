"""What the terminal gets: exit statuses, words in Danish and English, shares, widths.

The command line writes through `write`, which keeps what the output's encoding
cannot hold as escapes, and shows control characters from the data escaped.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from fractions import Fraction
from typing import IO, Any, Final, Protocol

import attrs

from ._layout import Lang

#: Exit statuses of the command line.
EXIT_OK: Final = 0
#: The data are at fault (an invalid registry, a lookup that found nothing), or the
#: output could not be written (a closed pipe, a full disk).
EXIT_ERROR: Final = 1
#: The command line is at fault.
EXIT_USAGE: Final = 2
#: `check`: a criterion is not met.
EXIT_FAIL: Final = 3
#: `check`: no criterion fails, but the data cannot tell for at least one.
EXIT_UNKNOWN: Final = 4
#: A fault in dk-clusters itself.
EXIT_INTERNAL: Final = 70

#: The width that wraps nothing: output that goes to a pipe or a file.
NO_WRAP: Final = sys.maxsize

_WORDS: dict[str, dict[str, str]] = {
    "none": {"da": "intet", "en": "none"},
    "clusters": {"da": "klynger", "en": "clusters"},
    "as_of": {"da": "pr.", "en": "as of"},
    "by_region": {"da": "Efter sekretariatets region", "en": "By region of secretariat"},
    "by_backer": {"da": "Efter bagland (vækstforum)", "en": "By backer (growth forum)"},
    "by_label": {"da": "Efter mærke", "en": "By label"},
    "backed": {"da": "Støttet af Syddansk Vækstforum", "en": "Backed by Syddansk Vækstforum"},
    "europe": {"da": "Andel af Europas guld", "en": "Share of Europe's gold"},
    "counted": {"da": "Europa, som opgjort da", "en": "Europe, as counted then"},
    "gold_count": {"da": "{n} med guld ({on})", "en": "{n} gold ({on})"},
    "all_count": {"da": "{n} med et mærke ({on})", "en": "{n} labelled ({on})"},
    "share": {"da": "andel", "en": "share"},
    "count": {"da": "antal", "en": "count"},
    "of": {"da": "af", "en": "of"},
    "region": {"da": "region", "en": "region"},
    "backer": {"da": "bagland", "en": "backer"},
    "label": {"da": "mærke", "en": "label"},
    "members": {"da": "Medlemmer af programmer", "en": "Members of programmes"},
    "existing": {
        "da": "{n} af dem fandtes {on}; de øvrige var ophørt før.",
        "en": "{n} of them exist on {on}; the others had ended before it.",
    },
    "gone": {
        "da": "Bemærk: {name} fandtes ikke {on}; brug --on DATO.",
        "en": "Note: {name} did not exist on {on}; use --on DATE.",
    },
    # show
    "field": {"da": "felt", "en": "field"},
    "value": {"da": "værdi", "en": "value"},
    "id": {"da": "id", "en": "id"},
    "name": {"da": "navn", "en": "name"},
    "aliases": {"da": "andre navne", "en": "aliases"},
    "location": {"da": "beliggenhed", "en": "location"},
    "sectors": {"da": "sektorer", "en": "sectors"},
    "website": {"da": "websted", "en": "website"},
    "backers": {"da": "bagland", "en": "backers"},
    "business_area": {"da": "forretningsområde", "en": "business area"},
    "inferred": {"da": "udledt", "en": "inferred"},
    "note": {"da": "note", "en": "note"},
    "came_from": {"da": "kom fra", "en": "came from"},
    "led_to": {"da": "førte til", "en": "led to"},
    "awarded": {"da": "tildelt", "en": "awarded"},
    "seen_valid": {"da": "set gyldigt", "en": "seen valid"},
    "sources": {"da": "kilder", "en": "sources"},
    # history
    "when": {"da": "hvornår", "en": "when"},
    "what": {"da": "hvad", "en": "what"},
    "is_inferred": {"da": "(udledt)", "en": "(inferred)"},
    "kind_founded": {"da": "stiftet", "en": "founded"},
    "kind_ended": {"da": "ophørt", "en": "ended"},
    "kind_event": {"da": "begivenhed", "en": "event"},
    "kind_name": {"da": "navn", "en": "name"},
    "kind_seat": {"da": "sæde", "en": "seat"},
    "kind_membership": {"da": "medlemskab", "en": "membership"},
    "kind_legal_form": {"da": "retsform", "en": "legal form"},
    "kind_label": {"da": "mærke", "en": "label"},
    # check
    "outcome": {"da": "Udfald", "en": "Outcome"},
    "criterion": {"da": "Krav", "en": "Criterion"},
    "reason": {"da": "Begrundelse", "en": "Reason"},
    "cluster": {"da": "klynge", "en": "cluster"},
    "pending": {"da": "afventer", "en": "pending"},
    "not_member": {
        "da": "- ikke med i ordningen på datoen",
        "en": "- not a member of the programme on the date",
    },
    # rules
    "rule_set": {"da": "regelsæt", "en": "rule set"},
    "period": {"da": "periode", "en": "period"},
    "issuer": {"da": "udsteder", "en": "issuer"},
    "criteria": {"da": "krav", "en": "criteria"},
    "wording": {"da": "ordlyd", "en": "wording"},
    "check": {"da": "kontrol", "en": "check"},
    "programme": {"da": "ordning", "en": "programme"},
    # regions
    "seat": {"da": "sæde", "en": "seat"},
    "municipalities": {"da": "kommuner", "en": "municipalities"},
    # validate
    "valid": {
        "da": "{name}: et gyldigt register med {n} klynger pr. {on}",
        "en": "{name}: a valid registry of {n} clusters as of {on}",
    },
    "invalid": {
        "da": "{name} er ikke et gyldigt register ({n} {problems})",
        "en": "{name} is not a valid registry ({n} {problems})",
    },
    "problem": {"da": "problem", "en": "problem"},
    "problems": {"da": "problemer", "en": "problems"},
}


def word(key: str, lang: Lang) -> str:
    """The word or phrase `key` in `lang`."""
    return _WORDS[key][lang]


def percent(share: Fraction, lang: Lang) -> str:
    """A share as a person reads it: ``12.8%``, in Danish ``12,8 %``."""
    if lang == "da":
        return f"{float(share) * 100:.1f}".replace(".", ",") + " %"
    return f"{float(share):.1%}"


# --- output --------------------------------------------------------------------------------------

# C0 and C1 control characters and DEL: what a terminal may act on rather than show.
_CONTROLS: Final = [*range(0x20), *range(0x7F, 0xA0)]
_TEXT_ESCAPES: Final = {
    code: repr(chr(code))[1:-1] for code in _CONTROLS if chr(code) != "\n"
}  # "\x1b" shows as \x1b, a tab as \t
_JSON_ESCAPES: Final = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}  # json escapes C0


def escape_controls(text: str) -> str:
    r"""`text` with its control characters shown escaped (``\x1b``), line breaks kept."""
    return text.translate(_TEXT_ESCAPES)


def escape_json_controls(text: str) -> str:
    """JSON text with DEL and the C1 controls escaped as well (`json` escapes the others)."""
    return text.translate(_JSON_ESCAPES)


class Writer(Protocol):
    """Where text can be written: a text stream, or anything with its `write`."""

    def write(self, text: str, /) -> object:
        """Write `text`."""


def write(text: str, stream: Writer | None = None) -> None:
    """Write `text` to `stream` (default: standard output).

    What the stream's encoding cannot hold is written as a backslash escape, not
    lost and not an error.
    """
    out = sys.stdout if stream is None else stream
    encoding = getattr(out, "encoding", None)
    if encoding:
        text = text.encode(encoding, "backslashreplace").decode(encoding)
    out.write(text)


def output_width(stream: IO[str] | None = None) -> int:
    """The width to lay tables out in: the terminal's, or ``COLUMNS``; `NO_WRAP` for a pipe."""
    out = sys.stdout if stream is None else stream
    columns = os.environ.get("COLUMNS", "").strip()
    isatty = getattr(out, "isatty", None)
    if (columns.isdigit() and int(columns) > 0) or (callable(isatty) and isatty()):
        return shutil.get_terminal_size().columns
    return NO_WRAP


@attrs.frozen
class Reported:
    """What a command prints, and the exit status it ends with."""

    output: Any
    status: int


def width_of(args: argparse.Namespace) -> int:
    """The width the output may take: the terminal's, or what `args` say."""
    width: int = getattr(args, "width", 80)
    return width
