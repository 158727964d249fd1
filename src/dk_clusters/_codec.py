"""The one converter between JSON and records: cattrs, with hooks made once per type.

Reading goes through a strict cattrs converter built by `cattrs.gen`: a string is
no number, a bool no int, an unknown key an error. Its hooks hand each value to
the record's own attrs converters and validators, so JSON is checked exactly as a
record built in Python is. The fast pass runs without detailed validation; only
when it fails does the detailed pass run the same checks one field at a time, in
cattrs' detailed-validation mode, and its exception groups and notes become one
`DataError` line per problem, with the JSON path.

Writing is cattrs unstructuring: dates and figures as their text, enums by value,
tuples as lists and sets sorted.
"""

from __future__ import annotations

import functools
import json
import types
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from itertools import repeat
from operator import attrgetter
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn, override

from ._dates import PartialDate, date, required_date
from ._fields import items, resolve_annotations, to_tuple
from ._files import decode_json, json_path
from ._history import Event, Programme
from ._model import Cluster
from ._sources import Source, source_items, sources
from .exceptions import DataError, FieldError

_T = TypeVar("_T")

#: Records read so often with the same values that each is built once and shared:
#: equal JSON objects of strings give equal, immutable records.
_SHARED_RECORDS = frozenset({Source})
_SHARED_MAX = 4096
#: The longest problem line a `DataError` gets.
_LINE_MAX = 500


def _clusters(value: Iterable[Cluster]) -> tuple[Cluster, ...]:
    return to_tuple(value)


def _programmes(value: Iterable[Programme]) -> tuple[Programme, ...]:
    return to_tuple(value)


def _events(value: Iterable[Event]) -> tuple[Event, ...]:
    return to_tuple(value)


resolve_annotations(_clusters, _programmes, _events)


@attrs.frozen
class RegistryDocument:
    """A registry file: its date, sources, programmes, clusters and lineage events."""

    snapshot: PartialDate = attrs.field(converter=required_date, validator=date)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=sources, validator=source_items)
    programmes: tuple[Programme, ...] = attrs.field(
        default=(), converter=_programmes, validator=items(Programme)
    )
    clusters: tuple[Cluster, ...] = attrs.field(
        kw_only=True, converter=_clusters, validator=items(Cluster)
    )
    events: tuple[Event, ...] = attrs.field(
        default=(), kw_only=True, converter=_events, validator=items(Event)
    )


# --- types ---------------------------------------------------------------------------------------


def _optional(t: Any) -> Any:
    """`X` when `t` is ``X | None``, else None."""
    if get_origin(t) in (Union, types.UnionType):
        args = [a for a in get_args(t) if a is not type(None)]
        if len(args) == 1 and len(get_args(t)) == 2:
            return args[0]
    return None


def _is_record(t: Any) -> bool:
    return attrs.has(t) and not _held_as_text(t)


def _held_as_text(t: Any) -> bool:
    """Whether JSON holds records of type `t` as text (dates, figures): they say so."""
    return isinstance(getattr(t, "text_form", None), str)


def _is_record_tuple(t: Any) -> bool:
    return get_origin(t) is tuple and _is_record(get_args(t)[0])


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


_SCALAR_NAMES = {
    (list, False): "an array",
    (list, True): "an array or null",
    (str, False): "a string",
    (str, True): "a string or null",
    (bool, False): "true or false",
    (bool, True): "true, false or null",
    (int, False): "an integer",
    (int, True): "an integer or null",
}


def _scalar(kind: type, *, optional: bool) -> Callable[[object, Any], object]:
    """A strict hook: a value of exactly `kind` (or None if `optional`), else `TypeError`."""
    expected = _SCALAR_NAMES[kind, optional]

    def structure(value: object, _: Any) -> object:
        if value.__class__ is kind or (optional and value is None):
            return value
        raise TypeError(f"expected {expected}, got {_json_type(value)}")

    return structure


def _is_scalar(t: Any) -> bool:
    return _scalar_of(t) is not None


def _scalar_hook(t: Any) -> Callable[[object, Any], object]:
    hook = _scalar_of(t)
    assert hook is not None
    return hook


def _json_kind(t: Any) -> Callable[[object, Any], object] | None:
    """A hook that lets through only the JSON type a field of type `t` is written as."""
    inner = _optional(t)
    kind = inner if inner is not None else t
    if _held_as_text(kind) or (isinstance(kind, type) and issubclass(kind, Enum)):
        return _scalar(str, optional=inner is not None)
    if get_origin(kind) in (tuple, frozenset):
        return _scalar(list, optional=inner is not None)
    return None


def _scalar_of(t: Any) -> Callable[[object, Any], object] | None:
    """The strict hook of a JSON scalar type, a ``Literal`` of strs or ``X | None`` of either."""
    inner = _optional(t)
    kind = inner if inner is not None else t
    if get_origin(kind) is Literal:
        kind = str
    if kind is not list and (kind, False) in _SCALAR_NAMES:
        return _scalar(kind, optional=inner is not None)
    return None


# --- reading -------------------------------------------------------------------------------------


def _make_reader(*, detailed: bool) -> cattrs.Converter:
    """The strict reading converter: the fast one, or the `detailed` one that explains."""
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        detailed_validation=detailed,
        prefer_attrib_converters=not detailed,
    )
    converter.register_structure_hook_factory(_is_scalar, _scalar_hook)
    for kind in (str, bool, int):  # cattrs would otherwise call str(), bool() and int()
        converter.register_structure_hook(kind, _scalar(kind, optional=False))
    converter.register_structure_hook_factory(
        _is_record_tuple, lambda t: _record_tuple_hook(converter, t, detailed=detailed)
    )
    converter.register_structure_hook_factory(
        _is_record, lambda cls: _record_hook(converter, cls, detailed=detailed)
    )
    return converter


def _record_tuple_hook(
    converter: cattrs.Converter, t: Any, *, detailed: bool
) -> Callable[[Any, Any], tuple[Any, ...]]:
    item = get_args(t)[0]
    structure_item = converter.get_structure_hook(item)

    if not detailed:

        def fast(value: Any, _: Any) -> tuple[Any, ...]:
            if value.__class__ is not list:
                raise TypeError
            return tuple(map(structure_item, value, repeat(item)))

        return fast

    def explained(value: Any, _: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected an array, got {_json_type(value)}")
        built, errors = [], []
        for i, v in enumerate(value):
            try:
                built.append(structure_item(v, item))
            except Exception as e:
                e.add_note(IterableValidationNote(f"Structuring {t!r} @ index {i}", i, item))
                errors.append(e)
        if errors:
            raise IterableValidationError(f"While structuring {t!r}", errors, t)
        return tuple(built)

    return explained


def _record_hook(
    converter: cattrs.Converter, cls: type, *, detailed: bool
) -> Callable[[Any, Any], Any]:
    attrs.resolve_types(cls)
    for f in attrs.fields(cls):  # a mistake in a record class, never bad data
        loose = f.converter is None and _scalar_of(f.type) is None and not _is_record_tuple(f.type)
        if loose or f.validator is None:
            raise TypeError(f"{cls.__name__}.{f.name} would be read unchecked: give it a validator")
    if not detailed:
        overrides = {
            f.name: override(struct_hook=converter.get_structure_hook(f.type))
            for f in attrs.fields(cls)
            if _is_record_tuple(f.type)
        }
        fast: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, converter, **overrides)  # type: ignore[arg-type]
        return _shared(cls, fast) if cls in _SHARED_RECORDS else fast

    overrides = {f.name: override(struct_hook=_field_hook(converter, f)) for f in attrs.fields(cls)}
    explained: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, converter, **overrides)  # type: ignore[arg-type]

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {_json_type(value)}")
        return explained(value, cls)

    return structure


def _field_hook(
    converter: cattrs.Converter, field: attrs.Attribute[Any]
) -> Callable[[Any, Any], Any]:
    """The detailed pass for one field: its type's hook, then the field's converter and validator.

    A field with a converter takes the raw JSON value, as on the fast pass, once
    it is of the JSON type the field is written as (so the message speaks JSON).
    """
    if _is_record_tuple(field.type) or field.converter is None:
        type_hook: Callable[[Any, Any], Any] | None = converter.get_structure_hook(field.type)
    else:
        type_hook = _json_kind(field.type)
    convert: Callable[[Any], Any] | None = field.converter  # type: ignore[assignment]
    validate = field.validator

    def structure(value: Any, t: Any) -> Any:
        if type_hook is not None:
            value = type_hook(value, t)
        if convert is not None:
            value = convert(value)
        if validate is not None:
            validate(None, field, value)
        return value

    return structure


def _shared(cls: type[_T], structure: Callable[[Any, Any], _T]) -> Callable[[Any, Any], _T]:
    """`structure`, remembering the records built from equal JSON objects of strings."""

    @functools.lru_cache(maxsize=_SHARED_MAX)
    def build(pairs: tuple[tuple[str, Any], ...]) -> _T:
        return structure(dict(pairs), cls)

    def shared(value: Any, _: Any) -> _T:
        try:
            return build(tuple(value.items()))
        except (AttributeError, TypeError):  # not an object, or a value that is no string
            return structure(value, cls)

    return shared


@functools.cache
def _reader(*, detailed: bool) -> cattrs.Converter:
    return _make_reader(detailed=detailed)


def structure(raw: Any, cls: type[_T], root: str = "") -> _T:
    """Build `cls` from decoded JSON, turning every problem into one line of a `DataError`."""
    try:
        return _reader(detailed=False).structure(raw, cls)
    except Exception:  # the detailed pass says what is wrong
        pass
    try:
        return _reader(detailed=True).structure(raw, cls)
    except Exception as e:
        problems = [_line(json_path(raw, parts, root), message) for parts, message in _leaves(e)]
        raise DataError(problems or [_line(root or "$", "invalid value")]) from None


def _line(path: str, message: str) -> str:
    line = f"{path}: {message}"
    return line if len(line) <= _LINE_MAX else line[: _LINE_MAX - 3] + "..."


def _leaves(
    error: BaseException, parts: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, message) for each problem in a cattrs error tree, read from its notes."""
    for note in getattr(error, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            parts = (*parts, note.name)
        elif isinstance(note, IterableValidationNote):
            parts = (*parts, note.index)
    if isinstance(error, BaseExceptionGroup):
        for sub in error.exceptions:
            yield from _leaves(sub, parts)
    elif isinstance(error, ForbiddenExtraKeysError):
        for key in sorted(error.extra_fields):
            yield (*parts, key), "unknown key (a typo?)"
    elif isinstance(error, FieldError):
        path = error.path
        if parts and parts[-1] == path[0]:  # the note already named the field
            path = path[1:]
        yield (*parts, *path), error.message
    elif isinstance(error, KeyError) and parts:
        yield parts, "required key missing"
    elif isinstance(error, TypeError | ValueError):
        yield parts, str(error)
    else:
        yield parts, f"invalid value ({type(error).__name__})"


def read_document(data: str | bytes) -> RegistryDocument:
    """Read a registry file."""
    return structure(decode_json(data), RegistryDocument)


def read_table(data: bytes, key: str, cls: type[_T]) -> tuple[_T, ...]:
    """Read a shipped table ``{"sources": [...], key: [...]}``.

    Rows without sources of their own take the table's.
    """
    raw = decode_json(data)
    if not isinstance(raw, dict) or set(raw) != {"sources", key}:
        raise DataError(f"$: expected an object with the keys 'sources' and {key!r}")
    structure(raw["sources"], tuple[Source, ...], "sources")
    rows = raw[key]
    if "sources" in attrs.fields_dict(cls) and isinstance(rows, list):  # type: ignore[arg-type]
        for row in rows:
            if isinstance(row, dict) and row.get("sources", []) == []:
                row["sources"] = raw["sources"]
    return structure(rows, tuple[cls, ...], key)  # type: ignore[valid-type]


# --- writing -------------------------------------------------------------------------------------


def _make_writer() -> cattrs.Converter:
    converter = cattrs.Converter()
    converter.register_unstructure_hook_factory(_held_as_text, lambda _: str)
    converter.register_unstructure_hook_factory(
        lambda t: isinstance(t, type) and issubclass(t, Enum), lambda _: attrgetter("_value_")
    )
    converter.register_unstructure_hook_factory(
        lambda t: _optional(t) is not None,
        lambda t: _optional_writer(converter.get_unstructure_hook(_optional(t))),
    )
    converter.register_unstructure_hook_factory(_is_set, lambda _: sorted)
    converter.register_unstructure_hook_factory(_is_tuple, lambda t: _tuple_writer(converter, t))
    return converter


def _is_set(t: Any) -> bool:
    return get_origin(t) is frozenset


def _is_tuple(t: Any) -> bool:
    return get_origin(t) is tuple


def _optional_writer(write: Callable[[Any], Any]) -> Callable[[Any], Any]:
    if write is identity:
        return identity
    return lambda value: None if value is None else write(value)


def _tuple_writer(converter: cattrs.Converter, t: Any) -> Callable[[Any], list[Any]]:
    write = converter.get_unstructure_hook(get_args(t)[0])
    if write is identity:
        return list
    return lambda values: list(map(write, values))


@functools.cache
def _writer() -> cattrs.Converter:
    return _make_writer()


def unstructure(record: object) -> Any:
    """The JSON-ready form of a record: what a registry file holds for it."""
    return _writer().unstructure(record)


def write_document(document: RegistryDocument) -> str:
    """A registry file: the format `read_document` reads."""
    return json.dumps(unstructure(document), ensure_ascii=False, indent=2) + "\n"
