"""Run the tutorial notebook, docs/tutorial.ipynb, and store its outputs in it.

The documentation shows the notebook with the outputs stored in it, and a test runs
it in a real kernel and compares what it prints with what is stored. After a change
to the notebook or to what the library prints, run

    python scripts/run_tutorial.py

and commit the notebook; ``--check`` only reports whether the stored outputs are
those of a fresh run. The notebook runs in a temporary directory with this
interpreter as its ``python3`` kernel (needs ``pip install -e '.[tests]'``).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "tutorial.ipynb"
#: How long one cell may run, in seconds.
TIMEOUT = 120

#: The output types whose text is compared; images are compared by their type only.
TEXT_TYPES = ("text/plain", "text/html", "text/markdown", "text/latex")
#: What varies from one run to the next: object addresses and matplotlib's artists.
_VOLATILE = re.compile(r"0x[0-9a-fA-F]+|<matplotlib\.[^>]*>")


def _kernel_environment(directory: Path) -> dict[str, str]:
    """A ``python3`` kernelspec running this interpreter, installed under `directory`.

    It goes first on JUPYTER_PATH, so a ``python3`` kernel elsewhere (the user's,
    another interpreter's) cannot shadow it; IPython and Jupyter keep their runtime
    files in `directory`, never in the home directory. Charts come out the same from
    one run to the next: SVG files carry a fixed date and fixed element ids.
    """
    from ipykernel import kernelspec

    prefix = directory / "prefix"
    rc = directory / "matplotlibrc"
    rc.write_text("svg.hashsalt: dk_clusters\n", encoding="utf-8")
    env = {
        "JUPYTER_PATH": str(prefix / "share" / "jupyter"),
        "JUPYTER_RUNTIME_DIR": str(directory / "runtime"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "IPYTHONDIR": str(directory / "ipython"),
        "MATPLOTLIBRC": str(rc),
        "SOURCE_DATE_EPOCH": "0",
    }
    kernelspec.install(kernel_name="python3", prefix=str(prefix), user=False)
    return env


def _check_kernel() -> None:
    """Fail unless the ``python3`` kernel found is the one that runs this interpreter."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    if spec.argv[0] != sys.executable:
        raise RuntimeError(f"the python3 kernel runs {spec.argv[0]}, not {sys.executable}")


def execute(path: Path = NOTEBOOK) -> Any:
    """The notebook at `path`, run top to bottom in a fresh ``python3`` kernel.

    Raises nbclient's ``CellExecutionError`` on the first cell that fails.
    """
    import nbclient
    import nbformat

    nb = nbformat.read(path, as_version=4)
    metadata = nb.metadata
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        env = _kernel_environment(directory)
        saved = {name: os.environ.get(name) for name in env}
        os.environ.update(env)
        try:
            _check_kernel()
            client = nbclient.NotebookClient(
                nb,
                timeout=TIMEOUT,
                kernel_name="python3",
                record_timing=False,
                resources={"metadata": {"path": str(directory)}},
            )
            client.execute()
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    # The kernel's details (its version among them) would change with the interpreter
    # that runs the notebook; the notebook keeps its own.
    nb.metadata = metadata
    return nb


def normalise(text: str) -> str:
    """`text` with what varies between runs replaced by a placeholder."""
    return _VOLATILE.sub("…", text).rstrip()


def outputs(nb: Any) -> dict[str, list[tuple[str, str]]]:
    """Per code cell (by id): its outputs as (kind, normalised text), in order.

    A stream's kind is its name; a result's or a display's is each of its MIME types,
    with the text for the textual ones and nothing for images. Execution counts and
    metadata are left out: they say nothing about what the reader sees.
    """
    cells: dict[str, list[tuple[str, str]]] = {}
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        seen: list[tuple[str, str]] = []
        for output in cell["outputs"]:
            if output["output_type"] == "stream":
                seen.append((output["name"], normalise(_text(output["text"]))))
            elif output["output_type"] == "error":
                seen.append(("error", f"{output['ename']}: {output['evalue']}"))
            else:
                for mime, data in sorted(output.get("data", {}).items()):
                    text = normalise(_text(data)) if mime in TEXT_TYPES else ""
                    seen.append((mime, text))
        cells[cell["id"]] = seen
    return cells


def _text(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "".join(value)


def main(argv: list[str] | None = None) -> int:
    """Run the notebook; store its outputs, or with ``--check`` compare them."""
    import nbformat

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the outputs differ")
    args = parser.parse_args(argv)
    fresh = execute(NOTEBOOK)
    if args.check:
        stored = outputs(nbformat.read(NOTEBOOK, as_version=4))
        stale = [cell for cell, seen in outputs(fresh).items() if stored.get(cell) != seen]
        for cell in stale:
            print(f"cell {cell!r}: the stored outputs differ from a fresh run")
        return 1 if stale else 0
    nbformat.validate(fresh)
    nbformat.write(fresh, NOTEBOOK)
    print(f"wrote {NOTEBOOK.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
