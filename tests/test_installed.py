"""When CI runs the suite against the built wheel, the package really comes from it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import dk_clusters

pytestmark = pytest.mark.skipif(
    not os.environ.get("DK_CLUSTERS_INSTALLED"),
    reason="only in the run against the installed wheel",
)


def test_the_package_comes_from_site_packages() -> None:
    package = Path(dk_clusters.__file__).parent
    assert "site-packages" in package.parts
    assert not (Path.cwd() / "src").exists()


def test_the_wheel_holds_the_data_schemas_and_marker() -> None:
    package = Path(dk_clusters.__file__).parent
    data = sorted(p.name for p in (package / "data").glob("*.json"))
    schemas = sorted(p.name for p in (package / "data" / "schema").glob("*.json"))
    assert data == [
        "business_areas.json",
        "clusters.json",
        "label_counts.json",
        "municipalities.json",
        "rule_sets.json",
    ]
    assert schemas == [name.replace(".json", ".schema.json") for name in data]
    assert (package / "py.typed").is_file()
    assert len(dk_clusters.load()) == 80
    assert len(dk_clusters.load().as_of("2017-09").filter(label="gold")) == 11
