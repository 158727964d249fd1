"""Sphinx configuration of the dk_clusters documentation.

Build with ``sphinx-build -W --keep-going -b html docs docs/_build/html``. The data
pages and the file-format reference are generated at build time from the installed
package by the local extension ``docs/_ext/data_pages.py``.
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
    "myst_parser",
    "data_pages",
]

source_suffix = {".md": "markdown"}
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

nitpicky = False

html_theme = "furo"
html_title = f"dk_clusters {release}"
html_static_path: list[str] = []
