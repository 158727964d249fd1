"""JSON to records and back: the one cattrs converter, a fast path, and error paths.

Reading a registry first tries a fast path generated once from the record classes,
which leaves all checking to the records' own validators. If anything fails, the
detailed cattrs path reads the document again, and every problem becomes one line
of a `DataError`, with the JSON path to the field and the id of the record it sits
in, e.g. ``clusters[3] ("odense-robotics").certifications[0].awarded: ...``.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import re
from collections.abc import Callable, Iterator
from enum import Enum
from itertools import repeat
from types import UnionType
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

import attrs
import cattrs
from cattrs.errors import ForbiddenExtraKeysError, IterableValidationError
from cattrs.gen import make_dict_structure_fn

from ._model import (
    CertificationLabel,
    Cluster,
    FieldError,
    Figure,
    PartialDate,
    Region,
    Source,
    _Check,
)
from ._registry import Registry
from .exceptions import DataError

_T = TypeVar("_T")
_JSON_TYPE_NAMES = {str: "a string", int: "an integer", bool: "true or false", float: "a number"}


@attrs.frozen
class _RegistryDocument:
    snapshot: PartialDate
    clusters: tuple[Cluster, ...]
    sources: tuple[Source, ...] = ()


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


def _structure_date(value: object, _: type) -> PartialDate:
    if not isinstance(value, str):
        raise TypeError(f"expected a date string like '2017-05', got {_json_type(value)}")
    return PartialDate.parse(value)


def _structure_figure(value: object, _: type) -> Figure:
    if not isinstance(value, str):
        raise TypeError(f"expected a figure string like '86' or '>350', got {_json_type(value)}")
    return Figure.parse(value)


def _enum_hook(cls: type[Enum]) -> Callable[[object, type], Enum]:
    by_value = {member.value: member for member in cls}
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
    return attrs.has(t)


def _record_hook(cls: type, converter: cattrs.Converter) -> Callable[[object, type], object]:
    base: Callable[[Any, Any], object] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True
    )

    def structure(value: object, _: type) -> object:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {_json_type(value)}")
        return base(value, cls)

    return structure


def _is_frozenset(t: Any) -> bool:
    return get_origin(t) is frozenset


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    for scalar in (str, int, bool, float):
        converter.register_structure_hook(scalar, _scalar_hook(scalar))
    converter.register_structure_hook(PartialDate, _structure_date)
    converter.register_unstructure_hook(PartialDate, str)
    converter.register_structure_hook(Figure, _structure_figure)
    converter.register_unstructure_hook(Figure, str)
    for enum in (Region, CertificationLabel):
        converter.register_structure_hook(enum, _enum_hook(enum))
    converter.register_unstructure_hook_func(_is_frozenset, sorted)
    converter.register_structure_hook_factory(_is_collection, _collection_hook)
    converter.register_structure_hook_factory(_is_record, _record_hook)
    return converter


_converter = _make_converter()


# --- reading ---------------------------------------------------------------------------------


def parse_json(data: str | bytes) -> Any:
    """Decode a JSON document, as `DataError` when it is not valid UTF-8 JSON."""
    try:
        if isinstance(data, bytes | bytearray):
            data = bytes(data).decode("utf-8-sig")
        return json.loads(data.removeprefix("\ufeff"))
    except UnicodeDecodeError as e:
        raise DataError(f"$: not valid UTF-8 ({e.reason} at byte {e.start})") from None
    except json.JSONDecodeError as e:
        raise DataError(
            f"$: not valid JSON ({e.msg} at line {e.lineno}, column {e.colno})"
        ) from None
    except RecursionError:
        raise DataError("$: not valid JSON (nested too deeply)") from None


def structure(raw: Any, cls: type[_T], root: str = "") -> _T:
    """Build `cls` from decoded JSON, turning every failure into one `DataError`."""
    try:
        return _converter.structure(raw, cls)
    except Exception as e:
        problems = [f"{_path(raw, root, parts)}: {message}" for parts, message in _walk(e)]
        raise DataError(problems) from None


def registry_from_json(data: str | bytes) -> Registry:
    """Read a registry document.

    The fast path builds the records straight from the decoded JSON; the records
    validate themselves on construction. On any failure the detailed path runs
    again and reports every problem with its path.
    """
    with _gc_paused():
        raw = parse_json(data)
        try:
            document = fast_document(raw)
        except Exception:  # every failure is reported by the detailed path
            document = structure(raw, _RegistryDocument)
    return Registry(document.clusters, snapshot=document.snapshot, sources=document.sources)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: bulk work allocates much and frees nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- the fast path -----------------------------------------------------------------------------


class _SlowPathError(Exception):
    """The fast path cannot tell what is wrong here; the detailed path will."""


def _slow() -> Any:
    raise _SlowPathError


_ENUMS = {cls: {member.value: member for member in cls} for cls in (Region, CertificationLabel)}
_SCALARS = (str, bool, int)
_MEMO_TYPES = frozenset({str, PartialDate, str | None, PartialDate | None})


def _date(value: str, memo: dict[Any, Any]) -> PartialDate:
    """`PartialDate.parse`, remembered for the document: a registry repeats few dates."""
    try:
        return memo[value]  # type: ignore[no-any-return]
    except KeyError:
        date = memo[value] = PartialDate.parse(value)
        return date


def _fast_expression(t: Any, names: dict[str, Any]) -> str:
    """Python source that turns the JSON value ``v`` into a value of type `t`, or fails."""
    args = get_args(t)
    if get_origin(t) in (Union, UnionType) and type(None) in args:
        (inner,) = (a for a in args if a is not type(None))
        return f"(None if v is None else {_fast_expression(inner, names)})"
    if t is PartialDate:
        return "_date(v, memo)"
    if t in _ENUMS:
        names[f"_{t.__name__}"] = _ENUMS[t]
        return f"_{t.__name__}[v]"
    if t in _SCALARS:  # as strict as the detailed path: a bool is no int here
        return f"(v if v.__class__ is {t.__name__} else _slow())"
    origin = get_origin(t)
    if origin in (tuple, frozenset):
        item = args[0]
        if item is PartialDate:
            items = "map(_date, v, _repeat(memo))"
        elif attrs.has(item):
            names[f"_build_{item.__name__}"] = _fast_builder(item)
            items = f"map(_build_{item.__name__}, v, _repeat(memo))"
        elif item is str:
            items = "v"  # the record's check tests the items
        else:  # pragma: no cover - no record has one
            raise TypeError(f"no fast path for {t}")
        make = origin.__name__
        return f"(({make}({items}) if v else {make}()) if v.__class__ is list else _slow())"
    raise TypeError(f"no fast path for {t}")  # pragma: no cover - no record has one


@functools.cache
def _fast_builder(cls: type) -> Callable[[Any, dict[Any, Any]], Any]:
    """A function from a JSON object to `cls`, generated once from its fields.

    It converts each value as the detailed path would, inlines each field's
    `_Check` and sets the fields without ``__init__``, so every check runs once.
    An object whose keys come in field order is unpacked in one step. Records of
    strings and dates are remembered for the document (`memo`): equal JSON gives
    the same immutable record.
    """
    hints = get_type_hints(cls)
    fields = [f for f in attrs.fields(cls) if f.init]
    variables = ", ".join(f"f_{f.name}" for f in fields)
    names: dict[str, Any] = {
        "cls": cls,
        "dict": dict,
        "_new": object.__new__,
        "_date": _date,
        "_repeat": repeat,
        "_slow": _slow,
        "_SlowPathError": _SlowPathError,
        "_MISSING": object(),
        "_KEYS": frozenset(f.name for f in fields),
        "_ORDER": tuple(f.name for f in fields),
    }
    lines = [
        "def build(d, memo):",
        "    if d.__class__ is not dict:",
        "        raise _SlowPathError",
        "    if tuple(d) == _ORDER:",
        f"        {variables}{',' if len(fields) == 1 else ''} = d.values()",
        "    elif d.keys() <= _KEYS:",
        *(
            f"        f_{f.name} = d[{f.name!r}]"
            if f.default is attrs.NOTHING
            else f"        f_{f.name} = d.get({f.name!r}, _MISSING)"
            for f in fields
        ),
        "    else:",
        "        raise _SlowPathError",
    ]
    remembered = all(hints[f.name] in _MEMO_TYPES for f in fields)
    if remembered:
        lines += [
            f"    key = (cls, {variables})",
            "    if key in memo:",
            "        return memo[key]",
        ]
    lines.append("    o = _new(cls)")
    for field in attrs.fields(cls):
        name = field.name
        if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]  # pragma: no cover
            raise TypeError(f"no fast path for the default factory of {cls.__name__}.{name}")
        names[f"_default_{name}"] = field.default
        names[f"_set_{name}"] = getattr(cls, name).__set__  # the slot's own setter
        if not field.init:
            lines.append(f"    _set_{name}(o, _default_{name})")
            continue
        expression = _fast_expression(hints[name], names)
        if field.default is attrs.NOTHING:
            lines.append(f"    v = f_{name}; v = {expression}")
        else:  # a missing key takes the default
            lines.append(
                f"    v = f_{name}; v = _default_{name} if v is _MISSING else {expression}"
            )
        check = field.validator
        if isinstance(check, _Check) and not check.type_only:  # its type is made above
            names.update({f"_{name}_{key}": value for key, value in check.names.items()})
            lines += [
                f"    if not ({check.inline('v', f'_{name}_')}):",
                "        raise _SlowPathError",
            ]
        elif not isinstance(
            check, _Check | None
        ):  # pragma: no cover - every record's validators are checks
            raise TypeError(f"no fast path for the validator of {cls.__name__}.{name}")
        lines.append(f"    _set_{name}(o, v)")
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    o.__attrs_post_init__()")
    if remembered:
        lines.append("    memo[key] = o")
    lines.append("    return o")
    source = "\n".join(lines) + "\n"
    exec(compile(source, f"<dk_clusters fast path for {cls.__name__}>", "exec"), names)
    return names["build"]  # type: ignore[no-any-return]


def fast_document(raw: Any) -> _RegistryDocument:
    """The fast path: a registry document from decoded JSON, or any exception."""
    document: _RegistryDocument = _fast_builder(_RegistryDocument)(raw, {})
    return document


def load_table(data: bytes, key: str, cls: type[_T]) -> tuple[_T, ...]:
    """Read a shipped table ``{"sources": [...], key: [...]}``.

    Rows without sources of their own take the table's.
    """
    raw = parse_json(data)
    if not isinstance(raw, dict) or set(raw) != {"sources", key}:
        raise DataError(f"$: expected an object with the keys 'sources' and {key!r}")
    sources = structure(raw["sources"], tuple[Source, ...], "sources")
    rows: tuple[_T, ...] = structure(raw[key], tuple[cls, ...], key)  # type: ignore[valid-type]
    if "sources" in attrs.fields_dict(cls):  # type: ignore[arg-type]
        rows = tuple(
            row if row.sources else attrs.evolve(row, sources=sources)  # type: ignore[attr-defined,misc]
            for row in rows
        )
    return rows


# --- writing ---------------------------------------------------------------------------------


def registry_to_json(registry: Registry) -> str:
    """Write a registry document: the format `registry_from_json` reads."""
    document = _RegistryDocument(registry.snapshot, tuple(registry), registry.sources)
    with _gc_paused():
        data = _converter.unstructure(document)
        ordered = {key: data[key] for key in ("snapshot", "sources", "clusters")}
        return json.dumps(ordered, ensure_ascii=False, indent=2) + "\n"


def unstructure(record: object) -> Any:
    """The JSON-ready form of a record."""
    return _converter.unstructure(record)


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
