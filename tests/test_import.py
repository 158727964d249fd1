"""Importing dk_clusters is cheap, and the data are read once, on first use, even from threads.

Each check runs in a fresh interpreter, where an audit hook records every file opened
under ``dk_clusters/data`` and the report comes back as a Python literal.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import textwrap
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import dk_clusters

HEAVY = ("attrs", "cattrs", "importlib.resources", "importlib_resources")
#: What reads and structures the data: the importlib resources API and cattrs.
STACK = ("cattrs", "importlib.resources")

# Runs first in every fresh interpreter: record each data file opened, in order.
PRELUDE = """
import os
import sys

opened = []


def _audit(event, args):
    if event == "open" and isinstance(args[0], (str, bytes)):
        path = os.fsdecode(args[0]).replace(os.sep, "/")
        if "dk_clusters/data/" in path:
            opened.append(path.rsplit("/", 1)[1])


sys.addaudithook(_audit)
"""


def run_fresh(code: str, tmp_path: Path) -> Any:
    """Run `code` after the prelude in a new interpreter; return the literal it prints last."""
    result = subprocess.run(
        [sys.executable, "-c", PRELUDE + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


def test_import_loads_no_heavy_module_and_opens_no_data_file(tmp_path: Path) -> None:
    report = run_fresh(
        f"""
        heavy = {HEAVY!r}
        preloaded = [m for m in heavy if m in sys.modules]
        import dk_clusters
        after_import = [m for m in heavy if m in sys.modules]
        opened_on_import = list(opened)
        registry = dk_clusters.load()
        print(repr({{
            "preloaded": preloaded,
            "after_import": after_import,
            "opened_on_import": opened_on_import,
            "after_load": [m for m in heavy if m in sys.modules],
            "opened_on_load": opened[len(opened_on_import):],
            "clusters": len(registry),
        }}))
        """,
        tmp_path,
    )
    assert report["preloaded"] == []  # the interpreter itself does not load them
    assert report["after_import"] == []
    assert report["opened_on_import"] == []
    assert set(STACK) <= set(report["after_load"])
    assert sorted(report["opened_on_load"]) == [
        "business_areas.json",
        "clusters.json",
        "municipalities.json",
    ]
    assert report["clusters"] == 80


def test_records_of_ones_own_open_no_file(tmp_path: Path) -> None:
    report = run_fresh(
        """
        import dk_clusters
        from dk_clusters import Certification, Cluster, Registry, Source, count_by_label

        new = Cluster(
            "fyn",
            "Fyn",
            region="DK-83",
            municipality="0461",
            business_area="robotics",
            certifications=[Certification("gold", awarded="2023-11")],
            sources=[Source("https://example.org/", "Example")],
        )
        answers = (
            new.holds_label("gold", "2024-06"),
            str(new.highest_label("2024-06").value),
            str(count_by_label([new], on="2024-06")),
        )
        built = list(opened)
        Registry([Cluster("x", "X")], snapshot="2024")  # nothing to check against a table
        without_places = list(opened)
        print(repr((answers, built, without_places)))
        """,
        tmp_path,
    )
    answers, built, without_places = report
    assert answers == (True, "gold", "Counts({CertificationLabel.GOLD: 1})")
    assert built == []
    assert without_places == []


def test_a_registry_checks_its_places_against_the_shipped_table(tmp_path: Path) -> None:
    report = run_fresh(
        """
        import dk_clusters
        from dk_clusters import Cluster, Registry

        Registry([Cluster("x", "X", municipality="0461")], snapshot="2024")
        print(repr(opened))
        """,
        tmp_path,
    )
    assert report == ["municipalities.json"]


def test_the_package_reads_its_data_from_a_zip_file(tmp_path: Path) -> None:
    package = Path(dk_clusters.__file__).parent
    archive = tmp_path / "dk_clusters.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in package.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                z.write(path, path.relative_to(package.parent).as_posix())
    report = run_fresh(
        f"""
        sys.path.insert(0, {str(archive)!r})
        import dk_clusters
        reg = dk_clusters.load()
        print(repr((dk_clusters.__file__, len(reg), len(dk_clusters.municipalities()))))
        """,
        tmp_path,
    )
    assert report[0].startswith(str(archive))
    assert report[1:] == (80, 98)


def test_sixteen_threads_share_one_load(tmp_path: Path) -> None:
    report = run_fresh(
        """
        import threading

        import dk_clusters

        barrier = threading.Barrier(16)
        results = [None] * 16


        def work(i):
            barrier.wait()
            results[i] = dk_clusters.load()


        threads = [threading.Thread(target=work, args=(i,)) for i in range(16)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(repr({
            "objects": len({id(r) for r in results}),
            "missing": results.count(None),
            "same_as_later": results[0] is dk_clusters.load(),
            "clusters": len(results[0]),
            "opened": opened,
        }))
        """,
        tmp_path,
    )
    assert report["missing"] == 0
    assert report["objects"] == 1
    assert report["same_as_later"] is True
    assert report["clusters"] == 80
    opened = Counter(report["opened"])
    assert opened["clusters.json"] == 1
    assert max(opened.values()) == 1, opened  # no table is read twice either


def test_version_is_a_string() -> None:
    assert isinstance(dk_clusters.__version__, str)
    assert re.match(r"\d+\.\d+", dk_clusters.__version__)


@pytest.mark.parametrize("name", dk_clusters.__all__)
def test_every_public_name_exists(name: str) -> None:
    assert getattr(dk_clusters, name) is not None
    assert name in dir(dk_clusters)


def test_all_has_no_duplicates() -> None:
    assert len(set(dk_clusters.__all__)) == len(dk_clusters.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        _ = dk_clusters.no_such_name
