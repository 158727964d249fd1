from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import dk_clusters
from dk_clusters._files import read_bytes

_SHIPPED: Any = json.loads(read_bytes("clusters.json"))


@pytest.fixture
def registry() -> dk_clusters.Registry:
    """The eleven gold clusters of the press release, as they stood in September 2017."""
    return dk_clusters.load().as_of("2017-09").filter(label="gold")


@pytest.fixture
def history() -> dk_clusters.Registry:
    """The whole shipped registry: every organisation, 2009 to the snapshot."""
    return dk_clusters.load()


@pytest.fixture
def document() -> Any:
    """The shipped clusters.json, decoded, as a fresh copy to mutate."""
    return copy.deepcopy(_SHIPPED)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Report how many fuzz cases each reader was given, and how they ended."""
    try:
        from fuzzing import TALLY
    except ImportError:  # pragma: no cover - the fuzz tests did not run
        return
    if TALLY:
        figures = ", ".join(f"{name}: {count:,}" for name, count in TALLY.items())
        terminalreporter.write_line(f"fuzz cases tried: {figures}")


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """The package data folder, ``dk_clusters/data``, wherever the package is installed."""
    return Path(dk_clusters.__file__).parent / "data"


@pytest.fixture(scope="session")
def clusters_json(data_dir: Path) -> Path:
    """The shipped registry file."""
    return data_dir / "clusters.json"
