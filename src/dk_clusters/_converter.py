"""JSON to records and back, generated once per record class from its fields.

Reading builds the records straight from decoded JSON, checking every field as
the records' own validators would. If anything fails, the detailed path
(`_detailed`, with cattrs) reads the document again and reports every problem
with its path. Writing turns records into JSON-ready values the same way.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import re
from collections.abc import Callable, Iterator
from itertools import repeat
from types import UnionType
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

import attrs

from ._model import (
    COLLECTION_CONVERTERS,
    CertificationLabel,
    Cluster,
    PartialDate,
    Region,
    Source,
    _Check,
)
from ._registry import Registry
from .exceptions import DataError

_T = TypeVar("_T")


@attrs.frozen
class _RegistryDocument:
    snapshot: PartialDate
    clusters: tuple[Cluster, ...]
    sources: tuple[Source, ...] = ()


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


def registry_from_json(data: str | bytes) -> Registry:
    """Read a registry document.

    The fast path builds the records straight from the decoded JSON, checking
    every field as the records' validators do. On any failure the detailed path
    reads the document again and reports every problem with its path.
    """
    build = _fast_builder(_RegistryDocument)  # outside the try: a failure here is a bug
    with _gc_paused():
        raw = parse_json(data)
        try:
            document: _RegistryDocument = build(raw, {})
        except Exception:  # every failure is reported by the detailed path
            from ._detailed import structure

            document = structure(raw, _RegistryDocument)
        del raw  # freed now, so the collector never walks the decoded JSON
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
#: Records whose fields all have these types are remembered for the document. Only
#: strings (and null) are equal to strings, so equal keys mean equal JSON; numbers
#: and booleans must never be added (true == 1 == 1.0 would share one record).
_MEMO_TYPES = frozenset({str, PartialDate, str | None, PartialDate | None})
#: How the fast path reads a JSON value ``v`` of each plain type, as strictly as the
#: detailed path does (a bool is no int here).
_READ: dict[Any, str] = {
    PartialDate: "_date(v, memo)",
    **{t: f"(v if v.__class__ is {t.__name__} else _slow())" for t in (str, bool, int)},
}


def _written_as_text(t: Any) -> bool:
    """Whether JSON holds records of type `t` as text: `parse` reads one, `str` writes it.

    Dates (``"2017-09"``) and published figures (``">350"``) say so themselves, with
    a description of the text for error messages (`_json_text`).
    """
    return isinstance(getattr(t, "_json_text", None), str)


def _date(value: str, memo: dict[Any, Any]) -> PartialDate:
    """`PartialDate.parse`, remembered for the document: a registry repeats few dates."""
    try:
        return memo[value]  # type: ignore[no-any-return]
    except KeyError:
        date = memo[value] = PartialDate.parse(value)
        return date


def _set_of(items: list[Any]) -> frozenset[Any]:
    """The items as a frozenset; each must come once, as the detailed path requires."""
    result = frozenset(items)
    if len(result) != len(items):
        raise _SlowPathError
    return result


def _optional_of(t: Any) -> Any:
    """`X` when `t` is ``X | None``, else None."""
    args = get_args(t)
    if get_origin(t) in (Union, UnionType) and type(None) in args:
        (inner,) = (a for a in args if a is not type(None))
        return inner
    return None


def _define(source: str, title: str, names: dict[str, Any], name: str) -> Callable[..., Any]:
    """Run generated `source` with `names` as its globals; the function `name` it defines."""
    exec(compile(source, f"<dk_clusters {title}>", "exec"), names)
    function: Callable[..., Any] = names[name]
    return function


def _fast_expression(t: Any, names: dict[str, Any]) -> str:
    """Python source that turns the JSON value ``v`` into a value of type `t`, or fails."""
    args, origin = get_args(t), get_origin(t)
    if (inner := _optional_of(t)) is not None:
        return f"(None if v is None else {_fast_expression(inner, names)})"
    if origin in (tuple, frozenset):
        item = args[0]
        if item is PartialDate:
            items = "map(_date, v, _repeat(memo))"
        elif attrs.has(item):
            names[f"_build_{item.__name__}"] = _fast_builder(item)
            items = f"map(_build_{item.__name__}, v, _repeat(memo))"
        elif item is str:
            items = "v"  # the field's check tests the items (see _require_fast_path)
        else:  # pragma: no cover - no record has one
            raise TypeError(f"no fast path for {t}")
        make = "_set_of" if origin is frozenset else "tuple"
        return (
            f"(({make}({items}) if v else {origin.__name__}()) if v.__class__ is list else _slow())"
        )
    if origin is Literal:
        name = f"_literal_{len(names)}"
        names[name] = args
        return f"(v if v in {name} else _slow())"
    if t in _ENUMS:
        names[f"_{t.__name__}"] = _ENUMS[t]
        return f"_{t.__name__}[v]"
    if t in _READ:
        return _READ[t]
    if not _written_as_text(t):  # pragma: no cover - no record has one
        raise TypeError(f"no fast path for {t}")
    names[f"_parse_{t.__name__}"] = t.parse
    return f"(_parse_{t.__name__}(v) if v.__class__ is str else _slow())"


def _of_strings(hint: Any) -> bool:
    return get_origin(hint) in (tuple, frozenset) and get_args(hint)[0] is str


def _require_fast_path(cls: type, field: attrs.Attribute[Any], hint: Any) -> None:
    """Raise `TypeError` for a field the generated reader would not read as `__init__` does.

    Such a field is a mistake in the record class, never bad data.
    """
    check, converter = field.validator, field.converter
    factory = isinstance(field.default, attrs.Factory)  # type: ignore[arg-type]
    problem = None
    if factory or (field.default is attrs.NOTHING and not field.init):
        problem = "a default that is not a value"
    elif converter is not None and converter not in COLLECTION_CONVERTERS:  # type: ignore[comparison-overlap]
        problem = "a converter that does more than make a collection"
    elif check is not None and not isinstance(check, _Check):
        problem = "a validator that is not a check"
    elif _of_strings(hint) and (not isinstance(check, _Check) or check.type_only):
        problem = "no check of its items"
    if problem:
        raise TypeError(f"no fast path for {cls.__name__}.{field.name}: {problem}")


@functools.cache
def _fast_builder(cls: type) -> Callable[[Any, dict[Any, Any]], Any]:
    """A function from a JSON object to `cls`, generated once from its fields.

    It converts each value as the detailed path would, inlines each field's
    `_Check` and sets the fields without ``__init__``, so every check runs once.
    An object whose keys come in field order is unpacked in one step. Records of
    strings and dates are remembered for the document (`memo`): equal JSON gives
    the same immutable record.
    """
    if "_attrs_cached_hash" in getattr(cls, "__slots__", ()):  # set only by __init__
        raise TypeError(f"no fast path for {cls.__name__}: it caches its hash")
    hints = get_type_hints(cls)
    for field in attrs.fields(cls):
        _require_fast_path(cls, field, hints.get(field.name))
    fields = [f for f in attrs.fields(cls) if f.init]
    variables = ", ".join(f"f_{f.name}" for f in fields)
    names: dict[str, Any] = {
        "cls": cls,
        "_new": object.__new__,
        "_set_of": _set_of,
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
        if isinstance(check, _Check) and not check.type_only:  # the conversion made the type
            names.update({f"_{name}_{key}": value for key, value in check.names.items()})
            lines += [
                f"    if not ({check.inline('v', f'_{name}_')}):",
                "        raise _SlowPathError",
            ]
        lines.append(f"    _set_{name}(o, v)")
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    o.__attrs_post_init__()")
    if remembered:
        lines.append("    memo[key] = o")
    lines.append("    return o")
    return _define("\n".join(lines) + "\n", f"fast path for {cls.__name__}", names, "build")


def load_table(data: bytes, key: str, cls: type[_T]) -> tuple[_T, ...]:
    """Read a shipped table ``{"sources": [...], key: [...]}``.

    Rows without sources of their own take the table's.
    """
    raw = parse_json(data)
    if not isinstance(raw, dict) or set(raw) != {"sources", key}:
        raise DataError(f"$: expected an object with the keys 'sources' and {key!r}")
    if "sources" in attrs.fields_dict(cls) and isinstance(raw[key], list):  # type: ignore[arg-type]
        for row in raw[key]:
            if isinstance(row, dict) and row.get("sources", []) == []:
                row["sources"] = raw["sources"]
    build_source, build_row = _fast_builder(Source), _fast_builder(cls)  # type: ignore[arg-type]
    try:
        memo: dict[Any, Any] = {}
        _fast_records(build_source, raw["sources"], memo)  # checked where no row takes them
        return _fast_records(build_row, raw[key], memo)
    except Exception:  # every failure is reported by the detailed path
        from ._detailed import structure

        structure(raw["sources"], tuple[Source, ...], "sources")
        return structure(raw[key], tuple[cls, ...], key)  # type: ignore[valid-type]


def _fast_records(
    build: Callable[[Any, dict[Any, Any]], _T], value: Any, memo: dict[Any, Any]
) -> tuple[_T, ...]:
    """A JSON array of objects, each built by `build`."""
    if value.__class__ is not list:
        raise _SlowPathError
    return tuple(map(build, value, repeat(memo)))


# --- writing ---------------------------------------------------------------------------------


def registry_to_json(registry: Registry) -> str:
    """Write a registry document: the format `registry_from_json` reads."""
    write_source, write_cluster = _fast_writer(Source), _fast_writer(Cluster)
    with _gc_paused():
        document = {
            "snapshot": str(registry.snapshot),
            "sources": list(map(write_source, registry.sources)),
            "clusters": list(map(write_cluster, registry)),
        }
        return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def unstructure(record: object) -> Any:
    """The JSON-ready form of a record: what `registry_to_json` writes for it."""
    write: Callable[[Any], dict[str, Any]] = _fast_writer(type(record))  # type: ignore[arg-type]
    return write(record)


#: How each plain type is written: enums by value, sets sorted.
_WRITE: dict[Any, str] = {
    frozenset: "sorted({})",
    **dict.fromkeys(_ENUMS, "{}.value"),
}


def _write_expression(t: Any, value: str, names: dict[str, Any]) -> str:
    """Python source that turns `value`, of type `t`, into its JSON-ready form."""
    args, origin = get_args(t), get_origin(t)
    if (inner := _optional_of(t)) is not None:
        expression = _write_expression(inner, value, names)
        return expression if expression == value else f"(None if {value} is None else {expression})"
    if origin is tuple:
        return _write_each(_write_expression(args[0], "x", names), value)
    if _written_as_text(t):
        return f"str({value})"
    if attrs.has(t):
        names[f"_write_{t.__name__}"] = _fast_writer(t)
        return f"_write_{t.__name__}({value})"
    return _WRITE.get(origin or t, "{}").format(value)  # str, int, bool, literals: as they are


def _write_each(item: str, value: str) -> str:
    """Python source that writes each item of `value`, given how an item ``x`` is written."""
    if item == "x":
        return f"list({value})"
    if re.fullmatch(r"\w+\(x\)", item):  # one call per item
        return f"list(map({item.removesuffix('(x)')}, {value}))"
    return f"[{item} for x in {value}]"


@functools.cache
def _fast_writer(cls: type) -> Callable[[Any], dict[str, Any]]:
    """A function from a record to its JSON object, generated once from its fields."""
    hints = get_type_hints(cls)
    names: dict[str, Any] = {}
    items = [
        f"{f.name!r}: {_write_expression(hints[f.name], f'o.{f.name}', names)}"
        for f in attrs.fields(cls)
        if f.init
    ]
    source = f"def write(o):\n    return {{{', '.join(items)}}}\n"
    return _define(source, f"writer for {cls.__name__}", names, "write")
