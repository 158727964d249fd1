"""Bad input, tried at scale: every case ends in a valid Registry or a DataError with a path.

The normal run tries a few hundred cases; ``python scripts/fuzz.py`` tries 10,000.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dk_clusters
from dk_clusters._converter import _fast_builder, _RegistryDocument, parse_json
from dk_clusters._detailed import structure
from dk_clusters.cli import main
from fuzzing import TALLY, mutated_documents, read


def fast_document(raw: object) -> _RegistryDocument:
    """The fast path alone: a registry document, or any exception."""
    document: _RegistryDocument = _fast_builder(_RegistryDocument)(raw, {})
    return document


EXAMPLES = int(os.environ.get("DK_CLUSTERS_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(mutated_documents())
def test_from_json_gives_a_registry_or_a_data_error(data: bytes) -> None:
    read(data)


@FUZZ
@given(mutated_documents())
def test_the_fast_path_accepts_exactly_what_the_detailed_path_accepts(data: bytes) -> None:
    try:
        raw = parse_json(data)
    except dk_clusters.DataError:
        return
    TALLY["fast and detailed paths compared"] += 1
    try:
        fast = fast_document(raw)
    except Exception:
        with pytest.raises(dk_clusters.DataError):
            structure(raw, _RegistryDocument)
    else:
        assert structure(raw, _RegistryDocument) == fast


def test_the_shipped_registry_takes_the_fast_path_to_the_same_records() -> None:
    raw = parse_json(dk_clusters.load().to_json())
    fast = fast_document(raw)
    assert fast == structure(raw, _RegistryDocument)
    assert len(fast.clusters) == 11
    assert fast.clusters[1].certifications[0].sources[0].url.startswith("https://")


@settings(FUZZ, max_examples=max(EXAMPLES // 10, 20))
@given(data=mutated_documents())
def test_validate_command_reports_and_never_crashes(
    data: bytes, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "registry.json"
    path.write_bytes(data)
    TALLY["dk-clusters validate"] += 1
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["validate", str(path)])
    assert code in (0, 1)
    if code:
        assert err.getvalue().startswith(f"dk-clusters: error: {path} is not a valid registry")
        assert all(line.startswith(f"{path}: ") for line in out.getvalue().splitlines())
    else:
        assert out.getvalue().startswith(f"{path}: a valid registry")


@settings(FUZZ, max_examples=EXAMPLES)
@given(st.text())
def test_lookups_return_raise_not_found_or_value_error(text: str) -> None:
    TALLY["lookups"] += 1
    reg = dk_clusters.load()
    lookups = [
        reg.lookup,
        reg.search,
        dk_clusters.municipality,
        dk_clusters.Region.parse,
        dk_clusters.CertificationLabel.parse,
    ]
    for lookup in lookups:
        try:
            lookup(text)
        except dk_clusters.NotFoundError as e:
            assert str(e).startswith("no ")
        except ValueError as e:
            assert not text.strip() or "blank" in str(e)
    assert reg.get(text) is None or reg.get(text) in reg


def test_the_shipped_document_itself_reads() -> None:
    assert isinstance(
        read(Path(dk_clusters.__file__).with_name("data").joinpath("clusters.json").read_bytes()),
        dk_clusters.Registry,
    )
