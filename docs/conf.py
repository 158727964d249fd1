"""Sphinx configuration of the dk_clusters documentation.

Build with ``sphinx-build -W --keep-going -b html docs docs/_build/html``. The data
pages and the file-format reference are generated at build time from the installed
package by the local extension ``docs/_ext/data_pages.py``.

The build is nitpicky: every cross-reference must resolve, to these pages or, through
intersphinx, to the documentation of Python, attrs, cattrs, pandas, polars and
matplotlib. Their inventories are kept in ``docs/_inventories`` (written by
``scripts/make_inventories.py``), so the build reads no network. The tutorial notebook
is rendered from the outputs stored in it, never executed here.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

try:
    import dk_clusters
except ImportError:  # not installed: build from the source tree
    sys.path.insert(0, str(DOCS.parent / "src"))
    import dk_clusters

project = "dk_clusters"
author = "dk_clusters contributors"
project_copyright = "dk_clusters contributors"
release = dk_clusters.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "myst_nb",
    "data_pages",
    "xrefs",
]

source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = ["_build", "_generated", ".gitignore", "Thumbs.db", ".DS_Store"]
language = "en"

# MyST: fenced directives with ::: and definition lists (the glossary and the
# file-format reference use them); explicit targets are written as (label)=.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# Single backticks in docstrings refer to Python objects (`Registry`, `load`).
default_role = "py:obj"

autodoc_typehints = "description"
autodoc_member_order = "bysource"
# Docstrings document parameters in "Args:" sections (the Google style), which the
# local extension docs/_ext/xrefs.py turns into field lists; it also resolves the
# names that annotations import for type checkers only.

# The tutorial is rendered from the outputs stored in the notebook; tests run it.
nb_execution_mode = "off"
nb_merge_streams = True

nitpicky = True

# The inventories live in the repository: the build never reaches the network.
INVENTORIES = "_inventories"
intersphinx_mapping = {
    "python": ("https://docs.python.org/3", f"{INVENTORIES}/python.inv"),
    "attrs": ("https://www.attrs.org/en/stable", f"{INVENTORIES}/attrs.inv"),
    "cattrs": ("https://catt.rs/en/stable", f"{INVENTORIES}/cattrs.inv"),
    "pandas": ("https://pandas.pydata.org/docs", f"{INVENTORIES}/pandas.inv"),
    "polars": ("https://docs.pola.rs/api/python/stable", f"{INVENTORIES}/polars.inv"),
    "matplotlib": ("https://matplotlib.org/stable", f"{INVENTORIES}/matplotlib.inv"),
}

html_theme = "furo"
html_title = f"dk_clusters {release}"
html_static_path: list[str] = []
