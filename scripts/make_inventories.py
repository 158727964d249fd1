"""Write the intersphinx inventories the documentation links through.

The docs build reads no network, so the inventories of the projects it links to live
in the repository, in ``docs/_inventories``. The real ``objects.inv`` files could not
be downloaded where these were made, so this script writes inventories of its own:
each lists exactly the objects the documentation refers to, with their real addresses
on the project's site (relative to the base address in ``intersphinx_mapping`` of
``docs/conf.py``), in the format of Sphinx's ``objects.inv`` (version 2, the one
``sphinx.util.inventory.InventoryFile`` reads and writes).

A reference the build cannot resolve fails it (the build is nitpicky): add the object
here, with the address its project's documentation gives it, and run

    python scripts/make_inventories.py

The output is deterministic, so an unchanged list rewrites the same bytes. Replacing a
file with the project's own ``objects.inv`` (for example ``curl -sSfL -o
docs/_inventories/python.inv https://docs.python.org/3/objects.inv``) is a drop-in
change.
"""

from __future__ import annotations

import argparse
import sys
import zlib
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "_inventories"


class Entry(NamedTuple):
    """One object: its name, domain:role, and address relative to the project's base."""

    name: str
    role: str
    uri: str


def _entries(role: str, page: str, *names: str) -> list[Entry]:
    """Objects of one role documented on one page, each at the anchor of its name."""
    return [Entry(name, role, f"{page}#{name}") for name in names]


def _module(name: str, page: str) -> Entry:
    return Entry(name, "py:module", f"{page}#module-{name}")


#: The project's name, and the objects the documentation refers to. The inventories
#: name no version: they list objects of the stable documentation, and links say
#: "(in Python)" rather than claim a release.
PROJECTS: dict[str, tuple[str, list[Entry]]] = {
    "python": (
        "Python",
        [
            *_entries("py:class", "library/functions.html", "bool", "float", "int", "object"),
            *_entries("py:class", "library/functions.html", "type"),
            *_entries(
                "py:class",
                "library/stdtypes.html",
                "bytes",
                "dict",
                "frozenset",
                "list",
                "range",
                "set",
                "str",
                "tuple",
            ),
            *_entries("py:method", "library/stdtypes.html", "dict.get", "dict.items", "dict.keys"),
            Entry("None", "py:data", "library/constants.html#None"),
            Entry("NotImplemented", "py:data", "library/constants.html#NotImplemented"),
            Entry("Ellipsis", "py:data", "library/constants.html#Ellipsis"),
            *_entries(
                "py:exception",
                "library/exceptions.html",
                "Exception",
                "KeyError",
                "LookupError",
                "TypeError",
                "ValueError",
            ),
            *_entries("py:function", "library/functions.html", "len", "repr", "sorted"),
            _module("collections", "library/collections.html"),
            *_entries("py:class", "library/collections.html", "collections.Counter"),
            *_entries(
                "py:method",
                "library/collections.html",
                "collections.Counter.elements",
                "collections.Counter.most_common",
                "collections.Counter.total",
            ),
            _module("collections.abc", "library/collections.abc.html"),
            *_entries(
                "py:class",
                "library/collections.abc.html",
                "collections.abc.Callable",
                "collections.abc.Collection",
                "collections.abc.Hashable",
                "collections.abc.Iterable",
                "collections.abc.Iterator",
                "collections.abc.Mapping",
                "collections.abc.Sequence",
                "collections.abc.Set",
            ),
            _module("datetime", "library/datetime.html"),
            *_entries("py:class", "library/datetime.html", "datetime.date", "datetime.datetime"),
            _module("enum", "library/enum.html"),
            *_entries("py:class", "library/enum.html", "enum.Enum", "enum.StrEnum"),
            _module("fractions", "library/fractions.html"),
            *_entries("py:class", "library/fractions.html", "fractions.Fraction"),
            _module("json", "library/json.html"),
            *_entries("py:function", "library/json.html", "json.dumps", "json.loads"),
            _module("os", "library/os.html"),
            *_entries("py:class", "library/os.html", "os.PathLike"),
            _module("pathlib", "library/pathlib.html"),
            *_entries("py:class", "library/pathlib.html", "pathlib.Path"),
            _module("pickle", "library/pickle.html"),
            _module("typing", "library/typing.html"),
            *_entries(
                "py:data",
                "library/typing.html",
                "typing.Any",
                "typing.Literal",
                "typing.Self",
            ),
            *_entries("py:class", "library/typing.html", "typing.TypeVar"),
            _module("importlib.resources", "library/importlib.resources.html"),
        ],
    ),
    "attrs": (
        "attrs",
        [
            _module("attrs", "api.html"),
            *_entries("py:function", "api.html", "attrs.define", "attrs.evolve", "attrs.field"),
            *_entries("py:function", "api.html", "attrs.frozen", "attrs.fields", "attrs.asdict"),
        ],
    ),
    "cattrs": (
        "cattrs",
        [
            _module("cattrs", "cattrs.html"),
            *_entries("py:class", "cattrs.html", "cattrs.Converter"),
            _module("cattrs.gen", "cattrs.gen.html"),
        ],
    ),
    "pandas": (
        "pandas",
        [
            _module("pandas", "index.html"),
            Entry(
                "pandas.DataFrame",
                "py:class",
                "reference/api/pandas.DataFrame.html#pandas.DataFrame",
            ),
            Entry(
                "pandas.DataFrame.to_csv",
                "py:method",
                "reference/api/pandas.DataFrame.to_csv.html#pandas.DataFrame.to_csv",
            ),
        ],
    ),
    "polars": (
        "Polars",
        [
            _module("polars", "reference/index.html"),
            Entry(
                "polars.DataFrame", "py:class", "reference/dataframe/index.html#polars.DataFrame"
            ),
            Entry(
                "polars.DataFrame.write_csv",
                "py:method",
                "reference/api/polars.DataFrame.write_csv.html#polars.DataFrame.write_csv",
            ),
        ],
    ),
    "matplotlib": (
        "Matplotlib",
        [
            _module("matplotlib", "index.html"),
            Entry(
                "matplotlib.axes.Axes",
                "py:class",
                "api/_as_gen/matplotlib.axes.Axes.html#matplotlib.axes.Axes",
            ),
        ],
    ),
}


def inventory(project: str, entries: list[Entry]) -> bytes:
    """The bytes of an ``objects.inv`` (version 2) listing `entries`."""
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        "# Version: \n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    lines = []
    for entry in sorted(set(entries)):
        # Sphinx's abbreviations: "$" for the name at the end of the address, "-" for
        # a display name equal to the name; priority 1, modules 0.
        uri = (
            entry.uri.removesuffix(entry.name) + "$"
            if entry.uri.endswith(entry.name)
            else entry.uri
        )
        priority = 0 if entry.role == "py:module" else 1
        lines.append(f"{entry.name} {entry.role} {priority} {uri} -\n")
    return header.encode() + zlib.compress("".join(lines).encode(), 9)


def main(argv: list[str] | None = None) -> int:
    """Write each inventory; with ``--check``, only report those that differ."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if a file would change")
    args = parser.parse_args(argv)
    stale = []
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (project, entries) in PROJECTS.items():
        path = OUT / f"{name}.inv"
        data = inventory(project, entries)
        if path.exists() and path.read_bytes() == data:
            continue
        stale.append(path)
        if not args.check:
            path.write_bytes(data)
    for path in stale:
        print(f"{'stale' if args.check else 'wrote'} {path.relative_to(ROOT)}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
