"""The field checks and conversions records share: attrs validators and converters.

A converter turns the forms a person types into the field's type (a list into a
tuple, ``"2017-05"`` into a date) and leaves anything else as it is; the field's
validator then rejects what is left with a `FieldError` that names the field.
Records read from JSON and records built in Python pass the same checks.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable, Iterable, Mapping
from re import compile as regex
from typing import Any, TypeAlias, TypeVar

import attrs

from ._text import short_repr
from .exceptions import FieldError, FieldTypeError

_T = TypeVar("_T")

#: An attrs validator: called with the instance, the attribute and the value.
Validator: TypeAlias = Callable[[Any, "attrs.Attribute[Any]", Any], None]

SLUG = regex(r"[a-z0-9]+(?:-[a-z0-9]+)*")
URL = regex(r"https?://\S+")


# --- text ---------------------------------------------------------------------------------------


def not_text(name: str, value: object) -> FieldError:
    """The error for a value that is not a non-blank str."""
    if not isinstance(value, str):
        return FieldTypeError(name, f"must be a str, not {type(value).__name__}")
    return FieldError(name, "must not be blank")


def text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-blank str."""
    if not isinstance(value, str) or not value.strip():
        raise not_text(attribute.name, value)


def optional_text(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A non-blank str or None."""
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise not_text(attribute.name, value)


def matching(pattern: re.Pattern[str], what: str, *, optional: bool = False) -> Validator:
    """A str that `pattern` matches in full (described as `what`), or None if `optional`."""
    fullmatch = pattern.fullmatch

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and optional:
            return
        if not isinstance(value, str) or fullmatch(value) is None:
            if not isinstance(value, str) or not value.strip():
                raise not_text(attribute.name, value)
            raise FieldError(attribute.name, f"must be {what}, got {short_repr(value)}")

    return check


def one_of(*values: str) -> Validator:
    """One of `values`."""
    allowed = frozenset(values)
    expected = ", ".join(repr(v) for v in values)

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value.__class__ is not str or value not in allowed:
            raise FieldError(attribute.name, f"must be one of {expected}, got {short_repr(value)}")

    return check


def optional_bool(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """True, False or None (unknown)."""
    if value is not None and value.__class__ is not bool:
        raise FieldTypeError(
            attribute.name, f"must be true, false or null, not {short_repr(value)}"
        )


def instance_of(cls: type, *, optional: bool = False) -> Validator:
    """An instance of `cls`, or None if `optional`."""

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls) and not (optional and value is None):
            raise FieldTypeError(
                attribute.name, f"must be a {cls.__name__}, not {type(value).__name__}"
            )

    return check


# --- collections ------------------------------------------------------------------------------


def not_a_collection(name: str, value: object) -> FieldError:
    """The error for a value that is not a list, tuple or set."""
    return FieldTypeError(name, f"must be a list, tuple or set, not {type(value).__name__}")


def _is_collection(value: object) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, str | bytes | Mapping)


def to_tuple(value: Iterable[_T]) -> tuple[_T, ...]:
    """A list, set or other collection as a tuple; anything else is left for the validator."""
    if value.__class__ is tuple:
        return value
    if value.__class__ is list or _is_collection(value):
        return tuple(value)
    return value  # type: ignore[return-value]


def strings(value: Iterable[str]) -> tuple[str, ...]:
    """`to_tuple` for fields of text."""
    return to_tuple(value)


def string_set(value: Iterable[str]) -> frozenset[str]:
    """A collection of distinct items as a frozenset; anything else is left for the validator.

    A list or tuple that holds an item twice stays as it is, for the validator to
    name the duplicate.
    """
    if value.__class__ is frozenset:
        return value
    if value.__class__ is list or _is_collection(value):
        items = list(value)
        result = frozenset(items)
        if len(result) == len(items):
            return result
        return tuple(items)  # type: ignore[return-value]
    return value  # type: ignore[return-value]


def items(
    kind: type | None = None,
    *,
    unique: bool = False,
    explain: Callable[[object], str | None] | None = None,
) -> Validator:
    """A tuple of `kind` items (None: non-blank strs), each once if `unique`.

    `explain` may say why an item of the wrong kind is wrong (a date text that is
    no date); by default the item's type is named.
    """
    if kind is None:
        valid = _nonblank
    else:

        def valid(item: object) -> bool:
            return item.__class__ is kind or isinstance(item, kind)

    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value.__class__ is tuple:
            for item in value:  # a loop beats map() on the few items a field holds
                if kind is None:
                    if not isinstance(item, str) or not item.strip():
                        break
                elif item.__class__ is not kind and not isinstance(item, kind):
                    break
            else:
                if not unique or len(value) < 2 or len(set(value)) == len(value):
                    return
        raise _item_problem(attribute.name, value, valid, kind, explain)

    return check


def distinct_strings(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A frozenset of non-blank strs (`string_set` makes one)."""
    if isinstance(value, frozenset):
        if all(map(_nonblank, value)):
            return
        value = tuple(sorted(value, key=repr))
    raise _item_problem(attribute.name, value, _nonblank, None, None)


def _nonblank(item: object) -> bool:
    return isinstance(item, str) and bool(item.strip())


def _item_problem(
    name: str,
    value: object,
    valid: Callable[[object], bool],
    kind: type | None,
    explain: Callable[[object], str | None] | None,
) -> FieldError:
    if not isinstance(value, tuple | list):
        return not_a_collection(name, value)
    for i, item in enumerate(value):
        if valid(item):
            continue
        if kind is None:
            return FieldError(name, f"must be a non-blank str, got {short_repr(item)}", index=i)
        reason = explain(item) if explain else None
        if reason:
            return FieldError(name, reason, index=i)
        return FieldTypeError(
            name, f"must be a {kind.__name__}, not {type(item).__name__}", index=i
        )
    return FieldError(name, f"has duplicate items: {short_repr(list(value))}")


#: The validator of a collection of distinct non-blank strs.
distinct_texts = items(unique=True)


def resolve_annotations(*converters: Callable[..., Any]) -> None:
    """Evaluate the converters' annotations in place.

    attrs copies a converter's annotations into the ``__init__`` of each record
    that uses it, where names from the converter's module may be unknown; evaluated
    annotations make ``typing.get_type_hints`` work on every record.
    """
    for converter in converters:
        converter.__annotations__ = typing.get_type_hints(converter)


resolve_annotations(to_tuple, strings, string_set)
