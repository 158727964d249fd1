"""The tutorial notebook is stored with its outputs, and they are those of a fresh run.

The documentation renders docs/tutorial.ipynb from the outputs stored in it; here it
runs top to bottom in a real kernel (this interpreter's), and what each cell shows
must be what is stored, object addresses and execution counts aside. After an
intended change, run ``python scripts/run_tutorial.py`` and review the diff.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "tutorial.ipynb"
IMAGE_TYPES = {"image/png", "image/svg+xml"}


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "run_tutorial", ROOT / "scripts" / "run_tutorial.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _stored() -> dict[str, Any]:
    return json.loads(NOTEBOOK.read_text(encoding="utf-8"))


def test_notebook_is_stored_with_the_outputs_of_one_run() -> None:
    code = [cell for cell in _stored()["cells"] if cell["cell_type"] == "code"]
    assert code
    # run once, top to bottom: the counts are 1, 2, 3, ...
    assert [cell["execution_count"] for cell in code] == list(range(1, len(code) + 1))
    for cell in code:
        assert cell["outputs"], cell["id"]
        assert all(out["output_type"] != "error" for out in cell["outputs"]), cell["id"]
        assert "execution" not in cell["metadata"], cell["id"]  # no timings stored


def test_stored_outputs_show_the_press_release() -> None:
    seen = _script().outputs(_stored())
    texts = [text for outputs in seen.values() for _, text in outputs]
    assert any("Fraction(11, 86)" in text for text in texts)
    assert any("Counts({CertificationLabel.GOLD: 4, None: 7})" in text for text in texts)
    images = [kind for outputs in seen.values() for kind, _ in outputs if kind in IMAGE_TYPES]
    assert images == ["image/png", "image/png", "image/svg+xml"]  # two region charts, a timeline


def test_volatile_parts_are_ignored() -> None:
    script = _script()
    assert script.normalise("<Figure at 0x7f3a2b1c0d90>\n") == script.normalise(
        "<Figure at 0x55d1e2f3a4b0>"
    )
    assert script.normalise("[<matplotlib.patches.Rectangle object>]") == "[…]"


def test_tutorial_runs_and_shows_what_is_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in ("nbformat", "nbclient", "ipykernel", "pandas", "matplotlib"):
        pytest.importorskip(module)
    monkeypatch.chdir(tmp_path)
    script = _script()
    fresh = script.execute(NOTEBOOK)  # raises CellExecutionError on the first cell that fails
    expected, got = script.outputs(_stored()), script.outputs(fresh)
    assert list(got) == list(expected)
    stale = [cell for cell in expected if got[cell] != expected[cell]]
    assert not stale, (
        f"the stored outputs of cells {stale} are not those of a fresh run: "
        "run `python scripts/run_tutorial.py` and review the diff"
    )
