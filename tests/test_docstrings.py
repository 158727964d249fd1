"""Every public name has a docstring: the API reference is built from them.

Public means: every name in ``dk_clusters.__all__`` and in
``dk_clusters.exceptions.__all__``, and the public methods, properties, class methods
and static methods of the public classes (including those inherited from the
package's own private base classes). Enum members and dunder names are left out.

A public constant (an instance, such as ``VAEKSTFORUM``, or a type alias) cannot carry
a docstring of its own; it is documented by a ``#:`` comment on the line before its
assignment in the module that defines it, the convention Sphinx reads.
"""

from __future__ import annotations

import ast
import enum
import importlib
import importlib.util
import inspect
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dk_clusters
import dk_clusters.exceptions

#: Names that are public but documented by convention rather than by a docstring.
NOT_DOCUMENTED_HERE = frozenset({"__version__"})
API_PAGE = Path(__file__).resolve().parent.parent / "docs" / "reference" / "api.md"


def public_names() -> list[tuple[str, Any]]:
    """(qualified name, object) for every name of the public surface."""
    names = [(f"dk_clusters.{n}", getattr(dk_clusters, n)) for n in dk_clusters.__all__]
    names += [
        (f"dk_clusters.exceptions.{n}", getattr(dk_clusters.exceptions, n))
        for n in dk_clusters.exceptions.__all__
    ]
    return [(q, obj) for q, obj in names if q.rsplit(".", 1)[1] not in NOT_DOCUMENTED_HERE]


def _is_ours(cls: type) -> bool:
    return cls.__module__ == "dk_clusters" or cls.__module__.startswith("dk_clusters.")


def _public(name: str) -> bool:
    return not name.startswith("_")


def members(cls: type) -> Iterator[tuple[str, object]]:
    """The public methods and properties of `cls` that the package itself defines.

    Enum members and attributes (attrs fields, slots) are not functions and are left
    out, as are members inherited from outside the package (``object``, ``Enum``,
    ``Exception``, ``Mapping``).
    """
    seen: set[str] = set()
    for klass in cls.__mro__:
        if not _is_ours(klass):
            continue
        for name, value in vars(klass).items():
            if name in seen or not _public(name):
                continue
            seen.add(name)
            if isinstance(value, staticmethod | classmethod):
                yield name, value.__func__
            elif isinstance(value, property):
                yield name, value.fget
            elif inspect.isfunction(value):
                yield name, value


def _has_docstring(obj: object) -> bool:
    doc = getattr(obj, "__doc__", None)
    return isinstance(doc, str) and bool(doc.strip())


def _module_sources() -> dict[str, str]:
    """The source text of every module of the package, read without importing it."""
    sources = {}
    for info in pkgutil.walk_packages(dk_clusters.__path__, "dk_clusters."):
        spec = importlib.util.find_spec(info.name)
        if spec is not None and spec.origin and spec.origin.endswith(".py"):
            sources[info.name] = Path(spec.origin).read_text(encoding="utf-8")
    init = importlib.util.find_spec("dk_clusters")
    assert init is not None
    assert init.origin is not None
    sources["dk_clusters"] = Path(init.origin).read_text(encoding="utf-8")
    return sources


def has_doc_comment(name: str) -> bool:
    """Whether a module of the package assigns `name` at top level under a ``#:`` comment."""
    for source in _module_sources().values():
        lines = source.splitlines()
        for node in ast.parse(source).body:
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, ast.AnnAssign):
                targets = [node.target]
            if not any(isinstance(t, ast.Name) and t.id == name for t in targets):
                continue
            above = lines[node.lineno - 2].strip() if node.lineno >= 2 else ""
            if above.startswith("#:") and above[2:].strip():
                return True
    return False


def missing_docstrings() -> list[str]:
    """Every public name without documentation, qualified."""
    missing: list[str] = []
    for qualified, obj in public_names():
        name = qualified.rsplit(".", 1)[1]
        if isinstance(obj, enum.Enum):
            continue  # an enum member (NO_LABEL): documented with its enum
        if inspect.isclass(obj):
            if not _has_docstring(obj):
                missing.append(qualified)
            for member, function in members(obj):
                if not _has_docstring(function):
                    missing.append(f"{qualified}.{member}")
        elif inspect.isfunction(obj):
            if not _has_docstring(obj):
                missing.append(qualified)
        elif not has_doc_comment(name):
            missing.append(f"{qualified} (a constant: needs a '#:' comment)")
    return missing


def test_every_public_name_is_listed() -> None:
    assert len(public_names()) >= 40
    assert all(hasattr(dk_clusters, n) for n in dk_clusters.__all__)


def test_the_checker_sees_methods_and_properties() -> None:
    found = dict(members(dk_clusters.Registry))
    assert {"from_json", "to_json", "snapshot", "lookup", "filter"} <= set(found)
    assert "total" in dict(members(dk_clusters.Counts))  # a property
    assert "shares" in dict(members(dk_clusters.Counts))  # a method
    assert "parse" in dict(members(dk_clusters.Region))  # a class method
    assert "HOVEDSTADEN" not in dict(members(dk_clusters.Region))  # an enum member


def test_every_public_name_has_a_docstring() -> None:
    missing = missing_docstrings()
    assert not missing, "no docstring:\n  " + "\n  ".join(missing)


def test_the_api_reference_lists_every_public_name() -> None:
    """docs/reference/api.md names each public object explicitly, so a new one needs a place."""
    text = API_PAGE.read_text(encoding="utf-8")
    documented = set(
        re.findall(r"^\.\. (?:auto(?:function|class|exception|data)|py:data):: (\w+)", text, re.M)
    )
    missing = sorted(set(dk_clusters.__all__) - documented)
    assert not missing, f"not in {API_PAGE.name}: {missing}"
    assert "dk_clusters.exceptions" in text
