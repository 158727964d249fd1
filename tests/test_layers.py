"""The package's layers run one way, from the files up; a module imports only from below.

Every import counts, those deferred inside functions included. Within a layer the
modules are ordered too, so no two modules ever import each other.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

import dk_clusters

PACKAGE = Path(dk_clusters.__file__).parent

#: The layers, lowest first, each with its modules in the order they may import each other.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("base", ("_version", "_text", "exceptions", "_layout")),
    ("files", ("_files",)),
    (
        "records",
        (
            "_fields",
            "_dates",
            "_periods",
            "_sources",
            "_places",
            "_history",
            "_labels",
            "_model",
            "_figures",
        ),
    ),
    ("converter", ("_codec",)),
    ("registry", ("_tables", "_checks", "_lookups", "_filters", "_timeline", "_registry")),
    ("functions", ("_aggregate", "_europe", "_criteria", "_rules", "_eligibility", "_series")),
    (
        "renderers",
        (
            "_flat",
            "_charts",
            "frame",
            "_terminal",
            "_rule_commands",
            "_commands",
            "cli",
            "__main__",
        ),
    ),
)
RANK = {module: rank for rank, module in enumerate(m for _, ms in LAYERS for m in ms)}
LAYER_OF = {module: layer for layer, modules in LAYERS for module in modules}
#: The public surface imports any module, lazily, by name.
SURFACE = "__init__"


def imported_modules(source: str, package: str = "dk_clusters") -> Iterator[tuple[int, str]]:
    """(line, module) for every module of the package that `source` imports, anywhere in it."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                if node.module:
                    yield node.lineno, node.module.split(".")[0]
                else:
                    yield from ((node.lineno, alias.name) for alias in node.names)
            elif node.level == 0 and node.module and node.module.startswith(f"{package}."):
                yield node.lineno, node.module.split(".")[1]
            elif node.level == 0 and node.module == package:
                yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(f"{package}."):
                    yield node.lineno, alias.name.split(".")[1]


def violations(module: str, source: str) -> list[str]:
    """The imports of `module` that go against the direction of the layers."""
    found = []
    for line, target in imported_modules(source):
        if target not in RANK:
            continue  # a name from the public surface, checked below
        if RANK[target] >= RANK[module]:
            found.append(
                f"{module} ({LAYER_OF[module]}) line {line} imports {target} ({LAYER_OF[target]})"
            )
    return found


def modules() -> list[str]:
    return sorted(p.stem for p in PACKAGE.glob("*.py"))


def test_every_module_has_its_place_in_a_layer() -> None:
    assert set(modules()) - {SURFACE} == set(RANK)


@pytest.mark.parametrize("module", sorted(RANK))
def test_no_import_goes_against_the_layers(module: str) -> None:
    source = (PACKAGE / f"{module}.py").read_text(encoding="utf-8")
    assert violations(module, source) == []
    names = [target for _, target in imported_modules(source) if target not in RANK]
    assert names == [], f"{module} imports {names} from the public surface"


def test_a_record_module_importing_the_registry_is_caught() -> None:
    deferred = "def lookup():\n    from ._registry import load\n    return load()\n"
    assert violations("_model", deferred) == [
        "_model (records) line 2 imports _registry (registry)"
    ]
    assert violations("_model", "import dk_clusters._codec\n") == [
        "_model (records) line 1 imports _codec (converter)"
    ]
    assert violations("_labels", "from . import _model\n") == [
        "_labels (records) line 1 imports _model (records)"
    ]
    assert violations("_registry", "from ._model import Cluster\n") == []


def test_the_public_surface_names_only_modules_that_exist() -> None:
    assert set(dk_clusters._LAZY) <= set(RANK)


@pytest.mark.parametrize("module", sorted(RANK))
def test_no_module_is_longer_than_about_four_hundred_lines(module: str) -> None:
    lines = (PACKAGE / f"{module}.py").read_text(encoding="utf-8").count("\n")
    assert lines <= 450, f"{module} has {lines} lines: split it by job"
