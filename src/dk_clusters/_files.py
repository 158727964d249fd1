"""Bytes in, plain values out: package data through `importlib.resources`, and strict JSON.

`decode_json` accepts only what can be written back as UTF-8 JSON: a duplicate
key, a lone surrogate, a number past the interpreter's digit limit, ``NaN`` or
nesting too deep for the decoder is a `DataError` that says where it is.
"""

from __future__ import annotations

import inspect
import json
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from ._text import quote
from .exceptions import DataError

_T = TypeVar("_T")

#: A JSON escape that may make a lone surrogate (a pair of them makes none).
_SURROGATE_ESCAPE = r"\\u[dD][89a-fA-F]"
_SURROGATE = r"[\ud800-\udfff]"  # patterns compiled on first use, by `re`


def read_bytes(name: str) -> bytes:
    """The bytes of the package data file `name` (under ``dk_clusters/data``)."""
    from importlib.resources import files

    package = __name__.rpartition(".")[0]
    return files(package).joinpath("data", name).read_bytes()


def once(load: Callable[[], _T]) -> Callable[[], _T]:
    """Call `load` at most once, even from many threads, and keep its result."""
    lock = threading.Lock()
    result: list[_T] = []

    def cached() -> _T:
        if not result:
            with lock:
                if not result:
                    result.append(load())
        return result[0]

    # Its name, docstring and signature for people and tools; its annotations, which may
    # name what only a type checker imports, stay those of `cached`.
    for name in ("__module__", "__name__", "__qualname__", "__doc__"):
        setattr(cached, name, getattr(load, name))
    cached.__signature__ = inspect.signature(load)  # type: ignore[attr-defined]
    return cached


# --- decoding ------------------------------------------------------------------------------------


class _DuplicateKeyError(Exception):
    """An object has a key twice; a second, slower decoding finds where."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    d = dict(pairs)
    if len(d) != len(pairs):
        raise _DuplicateKeyError
    return d


class _Duplicates(dict[str, Any]):
    """A decoded object that had keys twice: `duplicates` names them."""

    duplicates: list[str]


def _marking_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    d = dict(pairs)
    if len(d) == len(pairs):
        return d
    from collections import Counter

    marked = _Duplicates(d)
    marked.duplicates = [k for k, n in Counter(k for k, _ in pairs).items() if n > 1]
    return marked


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def decode_json(data: str | bytes) -> Any:
    """Decode a JSON document strictly, as `DataError` when it is not valid UTF-8 JSON."""
    from_bytes = isinstance(data, bytes | bytearray)
    if isinstance(data, bytes | bytearray):
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise DataError(f"$: not valid UTF-8 ({e.reason} at byte {e.start})") from None
    text = data.removeprefix("\ufeff")
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_refuse_constant)
    except _DuplicateKeyError:
        raise DataError(list(_duplicate_keys(text))) from None
    except json.JSONDecodeError as e:
        raise DataError(
            f"$: not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})"
        ) from None
    except RecursionError:
        raise DataError("$: not valid JSON (nested too deeply)") from None
    except ValueError as e:  # NaN and Infinity, or more digits than int() takes
        reason = "a number has too many digits" if "digits" in str(e) else str(e)
        raise DataError(f"$: not valid JSON ({reason})") from None
    if _may_hold_surrogates(text, from_bytes=from_bytes):
        problems = [
            f"{json_path(value, parts)}: text with a lone surrogate ({quote(s)}) "
            "cannot be written as UTF-8"
            for parts, s in _walk(value)
            if re.search(_SURROGATE, s)
        ]
        if problems:
            raise DataError(problems)
    return value


def _may_hold_surrogates(text: str, *, from_bytes: bool) -> bool:
    """Whether decoding `text` may have made a lone surrogate; cheap when it cannot."""
    if "\\" in text and re.search(_SURROGATE_ESCAPE, text):
        return True
    if from_bytes:  # UTF-8 cannot hold a surrogate itself
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _duplicate_keys(text: str) -> Iterator[str]:
    """A problem line for each key that an object of `text` has more than once."""
    value = json.loads(text, object_pairs_hook=_marking_duplicates)
    for parts, node in _containers(value):
        if isinstance(node, _Duplicates):
            for key in node.duplicates:
                yield f"{json_path(value, (*parts, key))}: duplicate key"


def _containers(value: Any) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every object and array of a decoded document with its path, without recursion."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), value)]
    while stack:
        parts, node = stack.pop()
        if isinstance(node, dict):
            yield parts, node
            stack.extend(((*parts, k), v) for k, v in reversed(node.items()))
        elif isinstance(node, list):
            yield parts, node
            stack.extend(((*parts, i), v) for i, v in reversed(list(enumerate(node))))


def _walk(value: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every string of a decoded document, keys included, with its path."""
    if isinstance(value, str):
        yield (), value
    for parts, node in _containers(value):
        if isinstance(node, dict):
            for k, v in node.items():
                yield (*parts, k), k
                if isinstance(v, str):
                    yield (*parts, k), v
        else:
            for i, v in enumerate(node):
                if isinstance(v, str):
                    yield (*parts, i), v


# --- paths ------------------------------------------------------------------------------------


def json_path(raw: Any, parts: tuple[str | int, ...], root: str = "") -> str:
    """Render path parts, naming each record by its id: ``clusters[3] ("x").name``.

    `raw` is the decoded document the parts lead into; `root` the name of its top.
    """
    text = root or "$"
    node = raw
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            ident = node.get("id", node.get("code")) if isinstance(node, dict) else None
            if isinstance(ident, str):
                text += f" ({quote(ident)})"
        else:
            if not part.isidentifier():
                text += f"[{quote(part)}]"
            else:
                text = part if text == "$" else f"{text}.{part}"
            node = node.get(part) if isinstance(node, dict) else None
    return text
