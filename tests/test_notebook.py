"""The tutorial notebook runs top to bottom in a real kernel and shows the press release's numbers."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "tutorial.ipynb"


def test_notebook_is_committed_without_outputs() -> None:
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert code
    for cell in code:
        assert cell["outputs"] == [], cell["id"]
        assert cell["execution_count"] is None, cell["id"]


@pytest.fixture
def python3_kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A ``python3`` kernelspec that runs this interpreter, installed under `tmp_path`.

    The spec goes first on JUPYTER_PATH, so a ``python3`` kernel elsewhere (the user's,
    another interpreter's) cannot shadow it; IPython and Jupyter keep their runtime files in
    `tmp_path`, never in the home directory.
    """
    kernelspec = pytest.importorskip("ipykernel.kernelspec")
    jupyter_kernelspec = pytest.importorskip("jupyter_client.kernelspec")
    prefix = tmp_path / "prefix"
    monkeypatch.setenv("JUPYTER_PATH", str(prefix / "share" / "jupyter"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "runtime"))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    kernelspec.install(kernel_name="python3", prefix=str(prefix), user=False)
    spec = jupyter_kernelspec.KernelSpecManager().get_kernel_spec("python3")
    assert spec.argv[0] == sys.executable
    return "python3"


def _texts(outputs: list[Any]) -> list[str]:
    texts = []
    for output in outputs:
        if output["output_type"] == "stream":
            texts.append(output["text"])
        elif "data" in output:
            texts.append(output["data"].get("text/plain", ""))
    return texts


def test_tutorial_runs_top_to_bottom(python3_kernel: str, tmp_path: Path) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=120, kernel_name=python3_kernel, resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute()  # raises CellExecutionError on the first cell that fails

    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert all(cell.execution_count for cell in code)
    assert not [out for cell in code for out in cell.outputs if out.output_type == "error"]
    texts = [text for cell in code for text in _texts(cell.outputs)]
    assert any("Fraction(11, 86)" in text or "11/86" in text for text in texts)
    assert any("Counts({CertificationLabel.GOLD: 4, None: 7})" in text for text in texts)
    images = [out for cell in code for out in cell.outputs if "image/png" in out.get("data", {})]
    assert len(images) == 2  # the two region charts
