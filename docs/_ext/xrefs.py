"""Parameters as field lists, and the names in signatures that are no documented object.

Docstrings document a function's parameters in an ``Args:`` section (the Google
style, readable in ``help()`` too). Sphinx's napoleon turns the section into the
"Parameters" field list. It is applied here to functions, methods and classes only:
the first line of a property's docstring ("The label's level in Danish: ...") is a
sentence, not the ``type: description`` napoleon would read in it.

The build is nitpicky: a reference that resolves nowhere is an error. Single
backticks in a docstring name a Python object (the default role), and three kinds of
name are not found as they are written; they are resolved here:

- a parameter of the function being described (`on` in "`on` defaults to the
  snapshot"): a name in the signature just above, shown as the parameter's name;
- a type variable (``K`` in ``Counts[K]``) is no object a reader could look up: a
  placeholder for a type, private to the module that uses it and explained by the
  signature itself. It is shown as its name, unlinked.
- a name that a module imports only for type checkers (``Axes``, imported from
  ``matplotlib.axes`` under ``if TYPE_CHECKING:``) stays unevaluated in the
  annotation; it is looked up under the name it was imported from.

Every other unresolved reference still fails the build.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
from typing import Any, TypeVar

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.ext import intersphinx
from sphinx.ext.napoleon import Config as NapoleonConfig
from sphinx.ext.napoleon.docstring import GoogleDocstring

#: What autodoc documents whose docstrings may hold an ``Args:`` section.
WITH_PARAMETERS = frozenset({"function", "method", "class", "exception"})

NAPOLEON = NapoleonConfig(
    napoleon_google_docstring=True,
    napoleon_numpy_docstring=False,
    napoleon_use_param=True,
    napoleon_use_rtype=False,
    napoleon_use_ivar=False,
)


def parameters_as_fields(  # noqa: PLR0917 (the event passes six arguments)
    app: Sphinx, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Turn a docstring's ``Args:`` section into ``:param:`` fields."""
    if what in WITH_PARAMETERS:
        lines[:] = GoogleDocstring(lines, NAPOLEON, app, what, name, obj, options).lines()


def _import(dotted: str) -> object:
    """The object a dotted name names, or None."""
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        try:
            for attr in parts[split:]:
                obj = getattr(obj, attr)
        except AttributeError:
            return None
        return obj
    return None


def _documented_object(node: nodes.Node) -> object:
    """The object whose description holds `node`, or None."""
    parent = node.parent
    while parent is not None and not isinstance(parent, addnodes.desc):
        parent = parent.parent
    if parent is None:
        return None
    signature = parent.next_node(addnodes.desc_signature)
    if signature is None or not signature.get("fullname"):
        return None
    return _import(".".join(filter(None, [signature.get("module"), signature["fullname"]])))


def _parameters(obj: object) -> frozenset[str]:
    """The names of the parameters of a callable (a property's getter's, none)."""
    if isinstance(obj, property | functools.cached_property) or not callable(obj):
        return frozenset()
    try:
        return frozenset(inspect.signature(obj).parameters) - {"self", "cls"}
    except (TypeError, ValueError):
        return frozenset()


@functools.cache
def _type_checking_imports(module_name: str) -> dict[str, str]:
    """The names `module_name` imports under ``if TYPE_CHECKING:``, and where from."""
    try:
        tree = ast.parse(inspect.getsource(importlib.import_module(module_name)))
    except (ImportError, OSError, TypeError):
        return {}
    names: dict[str, str] = {}
    for statement in tree.body:
        if not (isinstance(statement, ast.If) and "TYPE_CHECKING" in ast.unparse(statement.test)):
            continue
        for stmt in statement.body:
            if isinstance(stmt, ast.Import):
                for alias in stmt.names:
                    local = alias.asname or alias.name.split(".")[0]
                    names[local] = alias.name if alias.asname else local
            elif isinstance(stmt, ast.ImportFrom) and stmt.module and not stmt.level:
                for alias in stmt.names:
                    names[alias.asname or alias.name] = f"{stmt.module}.{alias.name}"
    return names


def resolve(
    app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref, contnode: nodes.TextElement
) -> nodes.Node | None:
    """Resolve a parameter, a type variable or a name imported for type checkers only."""
    if node.get("refdomain") != "py" or node.get("reftype") not in {"class", "obj", "data"}:
        return None
    target: str = node["reftarget"]
    documented = _documented_object(node)
    if node["reftype"] == "obj" and target in _parameters(documented):
        return nodes.literal(target, target)
    modules = [node.get("py:module"), getattr(documented, "__module__", None)]
    modules = [m for m in modules if isinstance(m, str)]
    if isinstance(_import(target), TypeVar) or any(
        isinstance(_import(f"{m}.{target}"), TypeVar) for m in modules
    ):
        short = target.rsplit(".", 1)[-1]
        return nodes.literal(short, short)
    head, _, rest = target.partition(".")
    for module in modules:
        source = _type_checking_imports(module).get(head)
        if source is None or source == head:
            continue
        full = ".".join(filter(None, [source, rest]))
        retry = node.deepcopy()
        retry["reftarget"] = full
        retry["refspecific"] = False
        domain = env.get_domain("py")
        found = domain.resolve_xref(
            env, node["refdoc"], app.builder, node["reftype"], full, retry, contnode
        )
        return found or intersphinx.missing_reference(app, env, retry, contnode)
    return None


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the handlers; the resolver runs after intersphinx has had its turn."""
    app.setup_extension("sphinx.ext.autodoc")
    app.setup_extension("sphinx.ext.intersphinx")
    app.connect("autodoc-process-docstring", parameters_as_fields)
    app.connect("missing-reference", resolve, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
