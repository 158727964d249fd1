"""Nothing lost, nothing shared: round trips, immutability, threads, type hints."""

from __future__ import annotations

import inspect
import subprocess
import sys
import typing

import attrs
import pytest
from hypothesis import given, settings

import dk_clusters
import dk_clusters.frame
from dk_clusters import Cluster, Registry
from dk_clusters._flat import FLAT_FIELDS, flat_row, read_csv, to_csv
from strategies import cluster_lists


@settings(max_examples=60, deadline=None)
@given(cluster_lists())
def test_json_round_trip_is_lossless(clusters: list[Cluster]) -> None:
    reg = Registry(clusters, snapshot="2020-02")
    again = Registry.from_json(reg.to_json())
    assert again == reg
    assert list(again) == list(reg)
    assert again.to_json() == reg.to_json()


@settings(max_examples=60, deadline=None)
@given(cluster_lists())
def test_csv_keeps_every_flat_field(clusters: list[Cluster]) -> None:
    clusters = [c for c in clusters if not any("|" in a for a in c.aliases)]
    rows = read_csv(to_csv(clusters))
    assert rows == [flat_row(c) for c in clusters]
    assert all(list(row) == list(FLAT_FIELDS) for row in rows)


def test_shipped_csv_round_trip() -> None:
    reg = dk_clusters.load()
    assert read_csv(to_csv(reg)) == [flat_row(c) for c in reg]


# --- immutability ----------------------------------------------------------------------------


def test_records_cannot_be_changed() -> None:
    reg = dk_clusters.load()
    cluster = reg[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cluster.name = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        reg._clusters = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        reg.snapshot = dk_clusters.PartialDate(2020)  # type: ignore[misc]
    for collection in (
        reg.clusters,
        reg.sources,
        cluster.aliases,
        cluster.certifications,
        cluster.sources,
        dk_clusters.municipalities(),
        dk_clusters.label_counts(),
    ):
        assert isinstance(collection, tuple)
    assert isinstance(cluster.inferred, frozenset)
    with pytest.raises(TypeError):
        dk_clusters.count_by_region(reg)[None] = 0  # type: ignore[index]


def test_a_callers_lists_are_copied() -> None:
    aliases = ["One", "Two"]
    cluster = Cluster("x", "X", aliases=aliases)
    clusters = [cluster]
    reg = Registry(clusters, snapshot="2020")
    aliases.append("Three")
    clusters.append(Cluster("y", "Y"))
    assert cluster.aliases == ("One", "Two")
    assert len(reg) == 1


def test_from_json_does_not_touch_the_callers_bytes() -> None:
    data = bytearray(dk_clusters.load().to_json().encode())
    before = bytes(data)
    Registry.from_json(bytes(data))
    assert data == before


# --- threads ---------------------------------------------------------------------------------

THREADS = """
import sys, threading
opened = []
sys.addaudithook(lambda event, args: event == "open" and "clusters.json" in str(args[0]) and opened.append(args[0]))
import dk_clusters
barrier = threading.Barrier(16)
results = []
def worker():
    barrier.wait()
    results.append(dk_clusters.load())
threads = [threading.Thread(target=worker) for _ in range(16)]
for t in threads: t.start()
for t in threads: t.join()
print(len(results), len({id(r) for r in results}), len(opened))
"""


def test_sixteen_threads_load_one_registry_reading_the_file_once() -> None:
    out = subprocess.run(
        [sys.executable, "-c", THREADS], capture_output=True, text=True, check=True
    )
    assert out.stdout.split() == ["16", "1", "1"]


# --- type hints ------------------------------------------------------------------------------


def _optional_libraries() -> dict[str, object]:
    """The names the data-frame functions' hints use, from the optional extras."""
    pandas = pytest.importorskip("pandas")
    polars = pytest.importorskip("polars")
    axes = pytest.importorskip("matplotlib.axes")
    return {"pandas": pandas, "polars": polars, "Axes": axes.Axes}


@pytest.mark.parametrize("name", [n for n in dk_clusters.__all__ if n != "__version__"])
def test_type_hints_resolve_on_every_public_name(name: str) -> None:
    obj = getattr(dk_clusters, name)
    extras = _optional_libraries() if name in dk_clusters.frame.__all__ else None
    if inspect.isclass(obj):
        typing.get_type_hints(obj)
        for _, member in inspect.getmembers(obj, inspect.isfunction):
            typing.get_type_hints(member)
    elif inspect.isfunction(obj):
        typing.get_type_hints(obj, localns=extras)


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: dk_clusters.Source(None, "Title"), "url"),  # type: ignore[arg-type]
        (lambda: Cluster(None, "Name"), "id"),  # type: ignore[arg-type]
        (
            lambda: dk_clusters.Municipality(None, "X", "X Kommune", dk_clusters.Region.SYDDANMARK),
            "code",
        ),  # type: ignore[arg-type]
    ],
)
def test_required_text_fields_reject_none(build: typing.Callable[[], object], field: str) -> None:
    with pytest.raises(TypeError, match=f"^{field}: must be a str, not NoneType$"):
        build()
