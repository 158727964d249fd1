"""The CI configurations test every Python version the classifiers name.

The GitHub Actions workflow, the nox sessions and ``.ci/run`` each list or find the
versions; they must be the ones in pyproject.toml's classifiers. The files are not
in the sdist, so the tests skip where they are missing.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLASSIFIER = re.compile(r"^Programming Language :: Python :: (3\.\d+)$")


def classified() -> list[str]:
    classifiers = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["classifiers"]
    return [m.group(1) for c in classifiers if (m := CLASSIFIER.match(c))]


def _read(relative: str) -> str:
    path = ROOT / relative
    if not path.exists():
        pytest.skip(f"{relative} is not here (an sdist leaves it out)")
    return path.read_text(encoding="utf-8")


def test_classifiers_name_the_supported_versions() -> None:
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert classified() == ["3.11", "3.12", "3.13"]
    assert requires == f">={classified()[0]}"


def test_workflow_matrix_is_the_classifiers() -> None:
    text = _read(".github/workflows/ci.yml")
    matrix = re.search(r"^\s+python-version: \[(.*)\]$", text, re.M)
    assert matrix is not None
    assert [v.strip().strip("\"'") for v in matrix.group(1).split(",")] == classified()
    assert "run: bash .ci/run" in text


def test_nox_sessions_run_on_the_classifiers() -> None:
    tree = ast.parse(_read("noxfile.py"))
    pythons = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "PYTHONS" for t in node.targets)
    )
    assert pythons == classified()


def test_ci_run_looks_for_each_classified_version() -> None:
    _read(".ci/run")
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash")
    result = subprocess.run(
        [bash, str(ROOT / ".ci" / "run"), "--pythons"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == classified()
    for line in lines:
        version, found = line.split(" ", 1)
        assert found == "not found" or Path(found).name == f"python{version}"
