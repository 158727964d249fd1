"""The smaller surfaces: reprs, HTML, equality, copies, the module entry point, JSON output."""

from __future__ import annotations

import copy
import json
import runpy
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest

import dk_clusters
from dk_clusters import NO_LABEL, CertificationLabel, Cluster, Registry, count_by, count_by_region
from dk_clusters._layout import display, text_table
from dk_clusters.cli import main


class _Table(HTMLParser):
    """The text of each cell of each row (nested tags included), the caption, and the links."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.caption = ""
        self.links: list[tuple[str, str]] = []
        self.classes: list[tuple[str, str]] = []
        self.after = ""
        self._in: str | None = None
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.rows[-1].append("")
            self._in = "cell"
        elif tag == "caption":
            self._in = "caption"
        elif tag == "a":
            self._href = dict(attrs)["href"]
            self.links.append((self._href or "", ""))
        elif tag == "p":
            self._in = "after"
        if tag == "span":
            self.classes.append((dict(attrs).get("class") or "", dict(attrs).get("style") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "caption", "p"):
            self._in = None
        elif tag == "a":
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)
        if self._in == "cell":
            self.rows[-1][-1] += data
        elif self._in == "caption":
            self.caption += data
        elif self._in == "after":
            self.after += data


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
        "Odense (0461)",
        "gold",
        "syddansk-vaekstforum",
    ]
    assert table.rows[1][3] == "unknown"  # where CLEAN sat in 2017 is not known
    assert len(table.rows) == 12
    assert table.after == ""  # eleven rows show whole


def test_cluster_html_escapes_and_lists_sources() -> None:
    cluster = Cluster(
        "odd",
        "<script>alert(1)</script> & Co",
        sources=[dk_clusters.Source("https://x.example/?a=1&b=2", "A & B")],
    )
    table = parse(cluster._repr_html_())
    assert table.caption == "<script>alert(1)</script> & Co"
    assert ["source", "A & B"] in table.rows
    assert table.links == [("https://x.example/?a=1&b=2", "A & B")]
    assert "<script>" not in cluster._repr_html_()


def test_a_long_registry_html_shows_its_first_and_last_rows_and_the_count() -> None:
    reg = dk_clusters.load()
    table = parse(reg._repr_html_())
    ids = [row[0] for row in table.rows[1:]]
    assert ids == [
        *(c.id for c in reg[:5]),
        "… 70 more clusters …",
        *(c.id for c in reg[-5:]),
    ]
    assert ids[:2] == ["clean", "odense-robotics"]
    assert ids[-1] == "we-build-denmark"
    assert table.caption == "<Registry of 80 clusters as of 2026-12>"
    assert table.after == "80 clusters, 10 shown"
    # 60 rows show whole, as pandas shows them.
    sixty = Registry(list(reg)[:60], snapshot=reg.snapshot, programmes=reg.programmes())
    assert len(parse(sixty._repr_html_()).rows) == 61


def _odd_registry() -> Registry:
    odd = Cluster(
        "odd",
        "<script>alert(1)</script> & Co",
        region="DK-84",
        municipality="0101",
        founded="2015",
        certifications=[
            dk_clusters.Certification(
                "gold",
                awarded="2023-05",
                sources=[
                    dk_clusters.Source("https://x.example/?a=1&b=<2>", 'A "quoted" <b>it</b>')
                ],
            )
        ],
    )
    return Registry([odd], snapshot="2024")


def test_html_reprs_escape_names_and_links() -> None:
    reg = _odd_registry()
    odd = reg.get("odd")
    assert odd is not None
    pages = {
        "registry": reg._repr_html_(),
        "history": reg.history("odd")._repr_html_(),
        "report": dk_clusters.check_eligibility(odd, registry=reg)._repr_html_(),
    }
    for name, html in pages.items():
        assert "<script>" not in html, name
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in html, name
    assert parse(pages["registry"]).rows[1][:4] == [
        "odd",
        "<script>alert(1)</script> & Co",
        "Hovedstaden",
        "København (0101)",
    ]
    history = parse(pages["history"])
    assert history.links == [("https://x.example/?a=1&b=<2>", 'A "quoted" <b>it</b>')]
    assert 'href="https://x.example/?a=1&amp;b=&lt;2&gt;"' in pages["history"]
    assert "<b>" not in pages["history"]


def test_history_html_links_its_sources() -> None:
    history = dk_clusters.load().history("clean")
    table = parse(history._repr_html_())
    seat = next(row for row in table.rows if row[2] == "seat: København, Hovedstaden")
    assert seat[3].startswith("regionsyddanmark.dk/om-region-syddanmark/presse-og-nyheder/")
    assert (
        "https://projectzero.dk/artikler/2014/maj/lean-er-nu-clean",
        "LEAN er nu CLEAN (ProjectZero)",
    ) in table.links
    assert len(table.links) == sum(len(entry.sources) for entry in history)
    assert all(href.startswith(("https://", "http://")) for href, _ in table.links)


def test_report_html_marks_each_outcome_for_the_eye() -> None:
    reg = dk_clusters.load().as_of("2017-09")
    robotics = dk_clusters.check_eligibility(reg.lookup("Odense Robotics"), registry=reg)
    table = parse(robotics._repr_html_())
    assert table.caption == "Odense Robotics: ? unknown (Syddansk Vækstforum, 2017-09)"
    assert [row[0] for row in table.rows[1:]] == [
        "✓ pass",
        "? unknown",
        "? unknown",
        "✓ pass",
        "? unknown",
    ]
    assert table.classes[:2] == [
        ("dk-outcome dk-outcome-unknown", "color: #9a6700; font-weight: bold"),
        ("dk-outcome dk-outcome-pass", "color: #1a7f37; font-weight: bold"),
    ]
    # Each criterion links to the press release that states it.
    press_release = dk_clusters.VAEKSTFORUM["gold-label"].source.url
    assert table.links[3] == (press_release, "EU gold label")
    d2i = dk_clusters.check_eligibility(
        Cluster("d2i-again", "D2i again", business_area="kreative-erhverv"), registry=reg
    )
    failed = parse(d2i._repr_html_())
    assert failed.caption == "D2i again: ✗ fail (Syddansk Vækstforum, 2017-09)"
    assert ("dk-outcome dk-outcome-fail", "color: #cf222e; font-weight: bold") in failed.classes


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
    unknown_outcome = 4  # the exit status of a check whose outcome is unknown
    assert main(args) == (unknown_outcome if args[0] == "check" else 0)
    assert json.loads(capsys.readouterr().out)[key] == value


def test_check_json_gives_reasons_in_the_chosen_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    main(["check", "welfare-tech", "--on", "2017-09", "--json", "--lang", "da"])
    verdicts = json.loads(capsys.readouterr().out)["verdicts"]
    assert verdicts[1] == {
        "criterion": "open-nationwide",
        "title": "Virksomheder fra hele landet kan være medlem",
        "outcome": "unknown",
        "reason": "Data siger intet om det (open_nationwide).",
        "deciding_fields": ["open_nationwide"],
        "pending": False,
    }


def test_report_to_dict_is_json_with_outcomes_as_text() -> None:
    reg = dk_clusters.load().as_of("2017-09")
    report = dk_clusters.check_eligibility(reg.lookup("Welfare Tech"), registry=reg)
    plain = report.to_dict()
    assert json.loads(json.dumps(plain)) == plain
    assert {k: v for k, v in plain.items() if k != "verdicts"} == {
        "cluster": "welfare-tech",
        "name": "Welfare Tech",
        "criteria": "Syddansk Vækstforum",
        "rule_set": "vaekstforum-2017",
        "on": "2017-09",
        "outcome": "unknown",
        "passed": False,
        "deciding_fields": ["open_nationwide", "business_led", "innovation_network"],
    }
    assert [v["outcome"] for v in plain["verdicts"]] == [
        "pass",
        "unknown",
        "unknown",
        "pass",
        "unknown",
    ]
    assert plain["verdicts"][3] == {
        "criterion": "gold-label",
        "title": "EU gold label",
        "outcome": "pass",
        "reason": "The gold label is valid on 2017-09.",
        "deciding_fields": [],
        "pending": False,
    }
    danish = report.to_dict("da")["verdicts"][3]
    assert (danish["title"], danish["reason"]) == (
        "EU-guldcertificeret",
        "Guldmærket gælder 2017-09.",
    )


def test_passed_is_true_only_for_pass() -> None:
    reg = dk_clusters.load().as_of("2017-09")
    welfare = dk_clusters.check_eligibility(reg.lookup("Welfare Tech"), registry=reg)
    assert (welfare.outcome, welfare.passed) == (dk_clusters.Outcome.UNKNOWN, False)
    known = {"open_nationwide": True, "business_led": True, "innovation_network": True}
    newcomer = Cluster(
        "newcomer",
        "Newcomer",
        business_area="erhvervsturisme",
        certifications=[dk_clusters.Certification("gold", awarded="2017-05")],
        **known,
    )
    passing = dk_clusters.check_eligibility(newcomer, registry=reg)
    assert (passing.outcome, passing.passed) == (dk_clusters.Outcome.PASS, True)
    offshore = dk_clusters.check_eligibility(
        attrs.evolve(newcomer, business_area="offshore"), registry=reg
    )
    assert offshore.verdicts[0].reason() == "Offshoreenergy.dk is already supported in Offshore."
    assert (offshore.outcome, offshore.passed) == (dk_clusters.Outcome.FAIL, False)
    assert [v.outcome.symbol for v in offshore.verdicts] == ["✗", "✓", "✓", "✓", "✓"]


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
