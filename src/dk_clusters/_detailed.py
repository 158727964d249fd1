"""The detailed path: a strict cattrs converter that reports every problem with its path.

Reading tries the fast path in `_converter` first; only a document it rejects comes
here, so cattrs is imported only then. Every problem becomes one line of a
`DataError`, with the JSON path to the field and the id of the record it sits in,
e.g. ``clusters[3] ("odense-robotics").certifications[0].awarded: ...``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from enum import Enum
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn

from ._converter import _ENUMS, _written_as_text
from ._model import FieldError
from .exceptions import DataError

_T = TypeVar("_T")
_JSON_TYPE_NAMES = {str: "a string", int: "an integer", bool: "true or false", float: "a number"}


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    return "an array" if isinstance(value, list) else "an object"


def _scalar_hook(cls: type) -> Callable[[object, type], object]:
    def structure(value: object, _: type) -> object:
        # bool is an int in Python but not in JSON; neither is coerced from a string.
        if type(value) is not cls and not (cls is float and type(value) is int):
            raise TypeError(f"expected {_JSON_TYPE_NAMES[cls]}, got {_json_type(value)}")
        return value

    return structure


def _text_record_hook(cls: Any) -> Callable[[object, type], object]:
    """Read a record that JSON holds as text (a date, a figure) with its `parse`."""

    def structure(value: object, _: type) -> object:
        if not isinstance(value, str):
            raise TypeError(f"expected {cls._json_text}, got {_json_type(value)}")
        return cls.parse(value)

    return structure


def _enum_hook(by_value: Mapping[object, Enum]) -> Callable[[object, type], Enum]:
    expected = ", ".join(repr(v) for v in by_value)

    def structure(value: object, _: type) -> Enum:
        try:
            return by_value[value]
        except (KeyError, TypeError):
            raise ValueError(f"expected one of {expected}, got {value!r}") from None

    return structure


def _is_collection(t: Any) -> bool:
    return get_origin(t) in (tuple, frozenset)


def _collection_hook(t: Any, converter: cattrs.Converter) -> Callable[[object, type], object]:
    origin, item = get_origin(t), get_args(t)[0]
    structure_item = converter.get_structure_hook(item)

    def structure(value: object, _: type) -> object:
        if not isinstance(value, list):
            raise TypeError(f"expected an array, got {_json_type(value)}")
        items: list[object] = []
        errors: list[Exception] = []
        for i, v in enumerate(value):
            try:
                items.append(structure_item(v, item))
            except Exception as e:
                e.add_note(f"Structuring {t!r} @ index {i}")
                errors.append(e)
        if errors:
            raise IterableValidationError(f"While structuring {t!r}", errors, t)
        result = origin(items)
        if len(result) != len(items):
            raise ValueError("has duplicate items")
        return result

    return structure


def _is_record(t: Any) -> bool:
    return attrs.has(t) and not _written_as_text(t)


def _record_hook(cls: type, converter: cattrs.Converter) -> Callable[[object, type], object]:
    base: Callable[[Any, Any], object] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True
    )

    def structure(value: object, _: type) -> object:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {_json_type(value)}")
        return base(value, cls)

    return structure


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for scalar in (str, int, bool, float):
        converter.register_structure_hook(scalar, _scalar_hook(scalar))
    for enum, by_value in _ENUMS.items():
        converter.register_structure_hook(enum, _enum_hook(by_value))
    converter.register_structure_hook_factory(_written_as_text, _text_record_hook)
    converter.register_structure_hook_factory(_is_collection, _collection_hook)
    converter.register_structure_hook_factory(_is_record, _record_hook)
    return converter


_converter = _make_converter()


def structure(raw: Any, cls: type[_T], root: str = "") -> _T:
    """Build `cls` from decoded JSON, turning every failure into one `DataError`."""
    try:
        return _converter.structure(raw, cls)
    except Exception as e:
        problems = [f"{_path(raw, root, parts)}: {message}" for parts, message in _walk(e)]
        raise DataError(problems) from None


# --- error paths -----------------------------------------------------------------------------

_FIELD_PART = re.compile(r"(\w+)|\[([0-9]+)\]")
_NOTE = re.compile(r"Structuring .* @ (?:attribute (?P<attr>\w+)|index (?P<index>\d+))$")


def _walk(
    error: BaseException, parts: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Yield (path, message) for each leaf of a cattrs error tree."""
    for note in getattr(error, "__notes__", ()):
        m = _NOTE.match(note)
        if m:
            parts = (*parts, m["attr"] if m["attr"] else int(m["index"]))
    if isinstance(error, BaseExceptionGroup):
        for sub in error.exceptions:
            yield from _walk(sub, parts)
    elif isinstance(error, ForbiddenExtraKeysError):
        for key in sorted(error.extra_fields):
            yield (*parts, key), "unknown key (a typo?)"
    elif isinstance(error, KeyError) and parts:
        yield parts, "required key missing"
    elif isinstance(error, FieldError):
        field = tuple(int(i) if i else name for name, i in _FIELD_PART.findall(error.field))
        yield (*parts, *field), error.message
    elif isinstance(error, TypeError | ValueError):
        yield parts, str(error)
    else:
        yield parts, f"invalid value ({type(error).__name__}: {error})"


def _path(raw: Any, root: str, parts: tuple[str | int, ...]) -> str:
    """Render path parts, naming each record by its id: ``clusters[3] ("x").name``."""
    text = root or "$"
    node = raw
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
            node = node[part] if isinstance(node, list) and part < len(node) else None
            ident = node.get("id", node.get("code")) if isinstance(node, dict) else None
            if isinstance(ident, str):
                text += f" ({_quote(ident)})"
        else:
            if not part.isidentifier():
                text += f"[{_quote(part)}]"
            else:
                text = part if text == "$" else f"{text}.{part}"
            node = node.get(part) if isinstance(node, dict) else None
    return text


def _quote(text: str) -> str:
    """`text` in double quotes, with anything unprintable escaped: one line, always."""
    quoted = json.dumps(text, ensure_ascii=False)
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in quoted)
