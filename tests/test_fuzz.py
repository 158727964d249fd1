"""Bad input, tried at scale: every case ends in a valid Registry or a DataError with a path.

The normal run tries a few hundred cases; ``python scripts/fuzz.py`` tries 10,000.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

import pytest
from cattrs.errors import BaseValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import dk_clusters
from dk_clusters._codec import RegistryDocument, _reader
from dk_clusters._files import decode_json
from dk_clusters.cli import main
from fuzzing import TALLY, mutated_documents, read


def fast_document(raw: object) -> RegistryDocument:
    """The fast pass alone: a registry document, or any exception."""
    return _reader(detailed=False).structure(raw, RegistryDocument)


def detailed_document(raw: object) -> RegistryDocument:
    """The detailed pass alone: a registry document, or a cattrs error tree."""
    return _reader(detailed=True).structure(raw, RegistryDocument)


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
def test_the_fast_pass_accepts_exactly_what_the_detailed_pass_accepts(data: bytes) -> None:
    try:
        raw = decode_json(data)
    except dk_clusters.DataError:
        return
    TALLY["fast and detailed passes compared"] += 1
    try:
        fast = fast_document(raw)
    except Exception:
        with pytest.raises((BaseValidationError, TypeError)):  # a cattrs error tree
            detailed_document(raw)
    else:
        assert detailed_document(raw) == fast


def test_the_shipped_registry_takes_the_fast_pass_to_the_same_records() -> None:
    raw = decode_json(dk_clusters.load().to_json())
    fast = fast_document(raw)
    assert fast == detailed_document(raw)
    assert len(fast.clusters) == 80
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
