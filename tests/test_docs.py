"""The documentation: its examples run, and the site is built as it promises.

Every example in README.md and in the docstrings runs and prints what it shows. The
site is built nitpicky (every cross-reference resolves) from inventories kept in the
repository, never from the network; the tutorial notebook is one of its pages,
linked from the getting-started page; and the public functions document their
parameters as parameters (an ``Args:`` section, rendered as a field list).
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import inspect
import pkgutil
import re
import runpy
import sys
import tomllib
import zlib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import dk_clusters

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
MODULES = sorted(
    m.name
    for m in pkgutil.iter_modules(dk_clusters.__path__, "dk_clusters.")
    if m.name != "dk_clusters.__main__"
)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
#: The projects the documentation links to, each with an inventory of its own.
LINKED = ("python", "attrs", "cattrs", "pandas", "polars", "matplotlib")


def test_readme_examples() -> None:
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=FLAGS)
    assert result.attempted > 10
    assert result.failed == 0


@pytest.mark.parametrize("name", ["dk_clusters", *MODULES])
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=FLAGS)
    assert result.failed == 0


@pytest.fixture(scope="module")
def conf() -> dict[str, Any]:
    """The names docs/conf.py defines (it changes no state but `sys.path`, restored)."""
    path = list(sys.path)
    try:
        return runpy.run_path(str(DOCS / "conf.py"))
    finally:
        sys.path[:] = path


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _inventory(path: Path) -> list[str]:
    """The object lines of a Sphinx inventory (version 2)."""
    data = path.read_bytes()
    header = data.split(b"\n", 4)
    assert header[0] == b"# Sphinx inventory version 2"
    assert b"zlib" in header[3]
    return zlib.decompress(header[4]).decode().splitlines()


def test_build_is_nitpicky(conf: dict[str, Any]) -> None:
    assert conf["nitpicky"] is True
    assert "sphinx.ext.intersphinx" in conf["extensions"]
    assert not conf.get("nitpick_ignore")
    assert not conf.get("nitpick_ignore_regex")


@pytest.mark.parametrize("project", LINKED)
def test_inventories_are_in_the_repository(conf: dict[str, Any], project: str) -> None:
    base, inventory = conf["intersphinx_mapping"][project]
    assert base.startswith("https://")
    assert isinstance(inventory, str)
    assert "://" not in inventory  # a file, so the build reads no network
    lines = _inventory(DOCS / inventory)
    assert lines
    for line in lines:
        _name, role, priority, uri, display = line.split(" ", 4)
        assert role.startswith(("py:", "std:")), line
        assert priority.lstrip("-").isdigit(), line
        assert "://" not in uri, line  # relative to the base address
        assert display, line


def test_inventories_are_the_ones_the_script_writes() -> None:
    script = _script("make_inventories")
    assert set(script.PROJECTS) == set(LINKED)
    for name, (project, entries) in script.PROJECTS.items():
        path = DOCS / "_inventories" / f"{name}.inv"
        assert path.read_bytes() == script.inventory(project, entries), (
            f"{path.name} is stale: run `python scripts/make_inventories.py`"
        )


def test_tutorial_is_a_page_linked_from_getting_started(conf: dict[str, Any]) -> None:
    assert conf["source_suffix"][".ipynb"]
    assert conf["nb_execution_mode"] == "off"  # rendered from its stored outputs
    toctree = re.search(r"```\{toctree\}\n(.*?)```", (DOCS / "index.md").read_text(), re.S)
    assert toctree is not None
    assert "tutorial" in toctree.group(1).split()
    assert "{doc}`tutorial`" in (DOCS / "getting-started.md").read_text(encoding="utf-8")


def test_docs_extra_installs_what_the_build_needs(conf: dict[str, Any]) -> None:
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["docs"]
    names = {re.split(r"[^A-Za-z0-9_.-]", requirement, maxsplit=1)[0] for requirement in extra}
    local = {path.stem for path in (DOCS / "_ext").glob("*.py")}
    needed = {
        e.split(".")[0].replace("_", "-")
        for e in conf["extensions"]
        if not e.startswith("sphinx.") and e not in local
    }
    assert needed <= names
    assert conf["html_theme"] in names


def _public_functions() -> list[tuple[str, Any]]:
    functions = [
        (name, getattr(dk_clusters, name))
        for name in dk_clusters.__all__
        if inspect.isfunction(getattr(dk_clusters, name))
    ]
    registry = [
        (f"Registry.{name}", getattr(dk_clusters.Registry, name))
        for name in ("as_of", "filter", "members")
    ]
    return functions + registry


@pytest.mark.parametrize(
    ("name", "function"), [pytest.param(n, f, id=n) for n, f in _public_functions()]
)
def test_public_functions_document_their_parameters(name: str, function: Any) -> None:
    parameters = [p for p in inspect.signature(function).parameters if p not in {"self", "cls"}]
    if not parameters:
        return
    doc = inspect.getdoc(function) or ""
    section = re.search(r"^Args:\n((?:    .*\n|\n)+)", doc + "\n", re.M)
    assert section, f"{name} has no Args: section"
    documented = re.findall(r"^    (\w+):", section.group(1), re.M)
    assert documented == parameters, f"{name}: Args: lists {documented}, not {parameters}"
