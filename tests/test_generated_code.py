"""The generated readers and writers: they refuse record classes they would read wrongly.

A refusal is a `TypeError` when the reader is generated, a mistake in a record class
that the tests catch, never a fallback that hides it.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from dk_clusters import CertificationLabel, PartialDate, Region
from dk_clusters._converter import _fast_builder, _fast_writer
from dk_clusters._model import _items, _text, _texts


@attrs.frozen
class _Stripped:
    name: str = attrs.field(converter=str.strip, validator=_text)


@attrs.frozen
class _Validated:
    name: str = attrs.field(validator=attrs.validators.instance_of(str))


@attrs.frozen
class _Made:
    names: tuple[str, ...] = attrs.field(factory=tuple, validator=_texts)


@attrs.frozen
class _Unchecked:
    names: tuple[str, ...] = attrs.field(default=(), validator=_items(str))


@attrs.frozen(cache_hash=True)
class _Hashed:
    name: str = attrs.field(validator=_text)


@attrs.frozen
class _Lists:
    regions: tuple[Region, ...] = ()
    dates: tuple[PartialDate | None, ...] = ()
    labels: tuple[CertificationLabel, ...] = ()


@pytest.mark.parametrize(
    ("cls", "problem"),
    [
        pytest.param(_Stripped, "_Stripped.name: a converter that does more", id="converter"),
        pytest.param(
            _Validated, "_Validated.name: a validator that is not a check", id="validator"
        ),
        pytest.param(_Made, "_Made.names: a default that is not a value", id="factory"),
        pytest.param(_Unchecked, "_Unchecked.names: no check of its items", id="unchecked-items"),
        pytest.param(_Hashed, "_Hashed: it caches its hash", id="cached-hash"),
    ],
)
def test_a_record_class_the_reader_would_get_wrong_is_refused(cls: type, problem: str) -> None:
    with pytest.raises(TypeError, match=f"no fast path for {problem}"):
        _fast_builder(cls)


def test_the_writer_writes_each_item_of_any_collection() -> None:
    record = _Lists(
        regions=(Region.SYDDANMARK, Region.HOVEDSTADEN),
        dates=(PartialDate(2017, 9), None),
        labels=(CertificationLabel.GOLD,),
    )
    written: dict[str, Any] = _fast_writer(_Lists)(record)
    assert written == {
        "regions": ["DK-83", "DK-84"],
        "dates": ["2017-09", None],
        "labels": ["gold"],
    }
