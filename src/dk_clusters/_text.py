"""Danish-aware text folding shared by every lookup."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

_TRANSLITERATE = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ß": "ss", "đ": "d", "ł": "l"})
_DIGRAPHS = (("aa", "a"), ("ae", "a"), ("oe", "o"))


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
    """Return `query` folded, raising `ValueError` for a blank or non-text query."""
    if not isinstance(query, str):
        raise TypeError(f"{what} must be a str, not {type(query).__name__}")
    key = fold(query)
    if not key:
        raise ValueError(f"{what} must not be blank, got {query!r}")
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
