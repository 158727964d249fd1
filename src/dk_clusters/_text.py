"""Text for people: Danish-aware folding for lookups, and values quoted short for messages."""

from __future__ import annotations

import functools
import reprlib
import unicodedata
from collections.abc import Mapping
from typing import Final

_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss", "đ": "d", "ł": "l"})
_DIGRAPHS = (("aa", "a"), ("ae", "a"), ("oe", "o"))

#: How much longer than a name a query may be and still be close to it in spelling.
_FUZZY_LENGTH = 2.5
#: How close in spelling a name must be to a query to match it (`difflib` ratio).
_CLOSE = 0.6
#: The longest text a message quotes in full; longer text is cut in the middle.
QUOTED_LENGTH: Final = 60


@functools.lru_cache(maxsize=4096)  # lookups repeat their queries
def fold(text: str) -> str:
    """Return the matching key of `text`.

    Case, accents and punctuation are dropped, and the Danish letters meet their
    transliterations: "Ærø", "Aerø", "aero" and "AERO" all fold to "aro".

    >>> fold("Ærø Kommune") == fold("AERO kommune")
    True
    >>> fold("Brønderslev-Dronninglund")
    'bronderslev dronninglund'
    """
    text = text.casefold().translate(_TRANSLITERATE)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c if c.isalnum() else " " for c in text if not unicodedata.combining(c))
    text = " ".join(text.split())
    for digraph, letter in _DIGRAPHS:
        text = text.replace(digraph, letter)
    return text


def require_text(query: object, what: str) -> str:
    """Return `query` folded; `TypeError` for a non-text query, `ValueError` for a blank one."""
    if not isinstance(query, str):
        raise TypeError(f"{what} must be a str, not {type(query).__name__}")
    key = fold(query)
    if not key:
        raise ValueError(f"{what} must not be blank, got {short_repr(query)}")
    return key


def suggest(key: str, names: Mapping[str, str], n: int = 3) -> list[str]:
    """Return up to `n` display names whose folded key is close to `key`.

    `names` maps folded keys to the names shown to a person.
    """
    from difflib import get_close_matches  # only a failed lookup needs it

    found: list[str] = []
    for match in get_close_matches(key, list(names), n=n * 2, cutoff=0.6):
        if names[match] not in found:
            found.append(names[match])
    return found[:n]


class _ShortRepr(reprlib.Repr):
    """`repr` cut short: long text in the middle, deep or long containers with ``...``."""

    def __init__(self) -> None:
        super().__init__()
        self.maxstring = self.maxother = QUOTED_LENGTH
        self.maxlevel = 3
        self.maxlist = self.maxtuple = self.maxset = self.maxfrozenset = self.maxdict = 6
        self.maxlong = 40

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 4 * self.maxlong:  # repr() of a huge int is slow, or refused
            return f"<an integer of about {int(x.bit_length() * 0.30103)} digits>"
        return super().repr_int(x, level)

    def repr_instance(self, x: object, level: int) -> str:
        try:
            return super().repr_instance(x, level)
        except Exception:  # a value whose repr() fails is shown by its type
            return f"<{type(x).__name__} object>"


_SHORT = _ShortRepr()


def short_repr(value: object) -> str:
    """`repr(value)`, bounded in size whatever the value: safe to put in any message.

    >>> short_repr("x" * 1000)[:20]
    "'xxxxxxxxxxxxxxxxxxx"
    >>> len(short_repr(list(range(10**6)))) < 80
    True
    """
    try:
        return _SHORT.repr(value)
    except Exception:
        return f"<{type(value).__name__} object>"


def quote(text: str) -> str:
    r"""`text` in double quotes on one line, unprintable characters escaped, cut if long.

    >>> print(quote('Odense "Robotics"'))
    "Odense \"Robotics\""
    """
    if len(text) > QUOTED_LENGTH:
        half = QUOTED_LENGTH // 2
        text = f"{text[:half]}...{text[-half:]}"
    return '"' + "".join(map(_escape, text)) + '"'


def _escape(c: str) -> str:
    if c in '"\\':
        return "\\" + c
    return c if c.isprintable() else c.encode("unicode_escape").decode("ascii")


def match_score(key: str, name_key: str) -> float:
    """How well the folded query `key` matches the folded name `name_key`; 0 for not at all.

    Spelling is compared only where the lengths allow a close match, so a long
    query costs no more than a short one.
    """
    if name_key == key:
        return 4.0
    if name_key.startswith(key):
        return 3.0
    if key in name_key:
        return 2.0
    if len(key) > _FUZZY_LENGTH * len(name_key):  # too long to reach the cutoff
        return 0.0
    from difflib import SequenceMatcher

    matcher = SequenceMatcher(None, key, name_key)
    if matcher.real_quick_ratio() < _CLOSE or matcher.quick_ratio() < _CLOSE:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= _CLOSE else 0.0
