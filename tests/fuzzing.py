"""Mutations of the shipped registry document, for fuzzing the readers.

Each case starts from the shipped ``clusters.json`` and breaks it in one way a
person or a program might: a key dropped, added or misspelt; a value of the wrong
type; an impossible date; an empty, huge or deeply nested value; a duplicate id; a
reference to a municipality or business area that does not exist; bytes that are
not UTF-8 or that start with a byte-order mark.
"""

from __future__ import annotations

import copy
import json
from collections import Counter
from typing import Any

from hypothesis import strategies as st

import dk_clusters
from dk_clusters._files import read_bytes

SHIPPED: Any = json.loads(read_bytes("clusters.json"))

#: How many cases each reader was given and how each ended, for the test report.
TALLY: Counter[str] = Counter()

json_scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_DEEP = "\x00deeply nested\x00"
bad_dates = st.sampled_from(
    ["2017-13", "2017-02-30", "2017-00", "17", "2017-5", "2017-05-16T00:00", "", "0000"]
)


def _nodes(document: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) pair in `document`, depth first."""
    found = []
    stack = [document]
    while stack:
        node = stack.pop()
        keys = (
            node.keys()
            if isinstance(node, dict)
            else range(len(node))
            if isinstance(node, list)
            else ()
        )
        for key in keys:
            found.append((node, key))
            stack.append(node[key])
    return found


class Case(bytes):
    """A document's bytes whose repr says how it was made, not what it holds."""

    how: str

    def __repr__(self) -> str:
        return f"<{len(self)} bytes: {self.how}>"


@st.composite
def mutated_documents(draw: st.DrawFn) -> Case:
    """The shipped document with one thing broken (or, rarely, nothing), as bytes."""
    document = copy.deepcopy(SHIPPED)
    nodes = _nodes(document)
    container, key = draw(st.sampled_from(nodes))
    kind = draw(
        st.sampled_from(
            [
                "drop",
                "add",
                "rename",
                "wrong-type",
                "bad-date",
                "empty",
                "huge",
                "deep",
                "duplicate-id",
                "dangling-municipality",
                "dangling-area",
                "none",
            ]
        )
    )
    clusters = document["clusters"]
    if kind == "drop":
        del container[key]
    elif kind == "add" and isinstance(container, dict):
        container[draw(st.text(min_size=1, max_size=12))] = draw(json_values)
    elif kind == "rename" and isinstance(container, dict):
        container[str(key)[::-1] + "x"] = container.pop(key)
    elif kind == "wrong-type":
        container[key] = draw(json_values)
    elif kind == "bad-date":
        container[key] = draw(bad_dates)
    elif kind == "empty":
        container[key] = draw(st.sampled_from(["", [], {}, " "]))
    elif kind == "huge":
        container[key] = "x" * draw(st.integers(10_000, 1_000_000))
    elif kind == "deep":
        container[key] = _DEEP
    elif kind == "duplicate-id":
        clusters.append(copy.deepcopy(draw(st.sampled_from(clusters))))
    elif kind == "dangling-municipality":
        draw(st.sampled_from(clusters))["municipality"] = draw(
            st.sampled_from(["9999", "0411", "0000"])
        )
    elif kind == "dangling-area":
        draw(st.sampled_from(clusters))["business_area"] = draw(
            st.sampled_from(["nope", "offshore-x"])
        )
    text = json.dumps(document, ensure_ascii=draw(st.booleans()))
    if kind == "deep":  # too deep for json.dumps: nested in the text instead
        depth = draw(st.sampled_from([10, 100, 5_000, 100_000]))
        text = text.replace(json.dumps(_DEEP), "[" * depth + "]" * depth)
    data = text.encode("utf-8")
    encoding = draw(
        st.sampled_from(["plain", "plain", "plain", "bom", "invalid-utf8", "truncated"])
    )
    if encoding == "bom":
        data = b"\xef\xbb\xbf" + data
    elif encoding == "invalid-utf8":
        at = draw(st.integers(0, len(data)))
        data = (
            data[:at] + draw(st.sampled_from([b"\xff", b"\xc3\x28", b"\xed\xa0\x80"])) + data[at:]
        )
    elif encoding == "truncated":
        data = data[: draw(st.integers(0, len(data) - 1))]
    case = Case(data)
    case.how = f"{kind} at {key!r}, {encoding}"
    return case


def read(data: bytes) -> dk_clusters.Registry | dk_clusters.DataError:
    """Read `data`; any exception other than DataError propagates and fails the caller."""
    TALLY["Registry.from_json"] += 1
    try:
        registry = dk_clusters.Registry.from_json(data)
    except dk_clusters.DataError as e:
        TALLY["DataError"] += 1
        assert e.problems
        for problem in e.problems:
            path, sep, message = problem.partition(": ")
            assert sep
            assert message
            assert path.strip()
            assert not path.startswith(" ")
        return e
    TALLY["valid"] += 1
    return registry
