"""The smaller surfaces: reprs, HTML, equality, copies, the module entry point, JSON output."""

from __future__ import annotations

import copy
import json
import runpy
from html.parser import HTMLParser
from pathlib import Path

import pytest

import dk_clusters
from dk_clusters import NO_LABEL, CertificationLabel, Cluster, Registry, count_by, count_by_region
from dk_clusters._layout import display, text_table
from dk_clusters.cli import main


class _Table(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.caption = ""
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._tag = tag
        if tag == "tr":
            self.rows.append([])

    def handle_data(self, data: str) -> None:
        if self._tag in ("td", "th"):
            self.rows[-1].append(data)
        elif self._tag == "caption":
            self.caption += data


def parse(html: str) -> _Table:
    table = _Table()
    table.feed(html)
    return table


ELEVEN = dk_clusters.load().as_of("2017-09").filter(label="gold")


def test_registry_html_has_a_row_per_cluster() -> None:
    reg = ELEVEN
    table = parse(reg._repr_html_())
    assert table.caption == "<Registry of 11 clusters as of 2017-09>"
    assert table.rows[0] == ["id", "name", "region", "municipality", "label 2017-09", "backers"]
    assert table.rows[2] == [
        "odense-robotics",
        "Odense Robotics",
        "Syddanmark",
        "0461",
        "gold",
        "syddansk-vaekstforum",
    ]
    assert len(table.rows) == 12


def test_cluster_html_escapes_and_lists_sources() -> None:
    cluster = Cluster(
        "odd",
        "<script>alert(1)</script> & Co",
        sources=[dk_clusters.Source("https://x.example/?a=1&b=2", "A & B")],
    )
    table = parse(cluster._repr_html_())
    assert table.caption == "<script>alert(1)</script> & Co"
    assert ["source", "A & B <https://x.example/?a=1&b=2>"] in table.rows
    assert "<script>" not in cluster._repr_html_()


def test_counts_html_and_repr() -> None:
    counts = count_by_region(ELEVEN)
    assert parse(counts._repr_html_()).rows[1:] == [
        ["Hovedstaden", "3"],
        ["Syddanmark", "5"],
        ["Midtjylland", "1"],
        ["Nordjylland", "1"],
        ["unknown", "1"],
    ]
    assert (
        repr(counts)
        == "Counts({Region.HOVEDSTADEN: 3, Region.SYDDANMARK: 5, Region.MIDTJYLLAND: 1, Region.NORDJYLLAND: 1, None: 1})"
    )
    assert counts.shares()[None] == dk_clusters.shares(counts)[None]
    assert len(counts) == 5
    assert hash(counts) == hash(count_by_region(ELEVEN))


def test_count_by_orders_keys_that_do_not_compare() -> None:
    reg = ELEVEN
    counts = count_by(reg, lambda c: 1 if c.region else "none")
    assert list(counts) == ["none", 1]  # by repr: "'none'" < "1"


def test_registry_equality_copies_and_repr() -> None:
    reg = dk_clusters.load()
    tables = {"sources": reg.sources, "programmes": reg.programmes(), "events": reg.events}
    again = Registry(list(reg), snapshot=reg.snapshot, **tables)
    assert again == reg
    assert hash(again) == hash(reg)
    assert again != Registry(list(reg), snapshot="2018", **tables)
    assert again != Registry(list(reg), snapshot=reg.snapshot, **{**tables, "events": ()})
    assert reg != "registry"
    assert copy.copy(reg) is reg
    assert copy.deepcopy(reg) is reg
    with pytest.raises(AttributeError, match="cannot be changed"):
        del reg._clusters  # type: ignore[attr-defined]


def test_from_json_rejects_what_is_not_text_bytes_or_a_path() -> None:
    with pytest.raises(
        dk_clusters.DataError, match=r"\$: expected JSON text, bytes or a path, got int"
    ):
        Registry.from_json(3)  # type: ignore[arg-type]


def test_display() -> None:
    assert display(NO_LABEL, "da") == "intet"
    assert display(CertificationLabel.SILVER, "da") == "sølv"
    assert display(frozenset({"b", "a"})) == "a, b"
    assert display([None, dk_clusters.Region.SJAELLAND]) == "unknown, Sjælland"


def test_text_table_wraps_text_not_numbers() -> None:
    table = text_table(("name", "n"), [("word " * 30, 12345)], width=40)
    assert max(len(line) for line in table.splitlines()) <= 40
    assert table.splitlines()[1].endswith("12345")


def test_python_dash_m(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.argv", ["dk_clusters", "regions"])
    with pytest.raises(SystemExit) as exit_:
        runpy.run_module("dk_clusters", run_name="__main__")
    assert exit_.value.code == 0
    assert "DK-83  DK03  1083  Region of Southern Denmark  Vejle" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "key", "value"),
    [
        (["--json"], "backed_by_syddansk_vaekstforum", []),  # its support ended in 2018
        (["--json"], "snapshot", "2026-12"),
        (["show", "gate 21", "--json"], "municipality", "0165"),
        (["check", "welfare tech", "--json", "--lang", "da"], "outcome", "unknown"),
        (["check", "welfare tech", "--on", "2017-09", "--json"], "on", "2017-09"),
    ],
)
def test_json_output(
    args: list[str], key: str, value: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)[key] == value


def test_check_json_gives_reasons_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["check", "welfare-tech", "--on", "2017-09", "--json", "--lang", "da"])
    verdicts = json.loads(capsys.readouterr().out)["verdicts"]
    assert verdicts[1] == {
        "criterion": "open-nationwide",
        "outcome": "unknown",
        "reason": "Data siger intet om det (open_nationwide).",
        "deciding_fields": ["open_nationwide"],
    }


def test_validate_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.json"
    good.write_text(dk_clusters.load().to_json(), encoding="utf-8")
    assert main(["validate", str(good), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "valid": True,
        "clusters": 80,
        "snapshot": "2026-12",
    }
    bad = tmp_path / "bad.json"
    bad.write_text('{"snapshot": "2017"}', encoding="utf-8")
    assert main(["validate", str(bad), "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {
        "valid": False,
        "problems": ["clusters: required key missing"],
    }
    assert captured.err == f"dk-clusters: error: {bad} is not a valid registry (1 problem)\n"


def test_export_to_an_unwritable_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(["export", "--format", "json", "--output", str(tmp_path / "missing" / "x.json")]) == 1
    )
    assert capsys.readouterr().err.startswith("dk-clusters: error: ")


def test_stats_on_a_date_without_a_european_count(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["stats", "--on", "2011", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["european_gold_count"] is None
    assert stats["share_of_european_gold"] is None
