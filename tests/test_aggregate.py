from __future__ import annotations

import json
import random
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import dk_clusters
from dk_clusters import (
    NO_LABEL,
    Certification,
    CertificationLabel,
    Cluster,
    PartialDate,
    Region,
    count_by,
    count_by_backer,
    count_by_label,
    count_by_region,
    shares,
)
from strategies import cluster_lists, on_dates

GOLD, SILVER, BRONZE = CertificationLabel.GOLD, CertificationLabel.SILVER, CertificationLabel.BRONZE


def _cluster(id: str, *certs: Certification, **kw: object) -> Cluster:
    return Cluster(id, id.title(), certifications=certs, **kw)  # type: ignore[arg-type]


def _award(label: CertificationLabel, awarded: str) -> Certification:
    return Certification(label, awarded=PartialDate.parse(awarded))


# --- the shipped registry ----------------------------------------------------------------


def test_count_by_region_keeps_unknown_as_its_own_group(registry: dk_clusters.Registry) -> None:
    counts = count_by_region(registry)
    assert list(counts.items()) == [
        (Region.HOVEDSTADEN, 3),
        (Region.SYDDANMARK, 5),
        (Region.MIDTJYLLAND, 1),
        (Region.NORDJYLLAND, 1),
        (None, 1),
    ]
    assert counts.total() == 11


def test_count_by_label_over_time(registry: dk_clusters.Registry) -> None:
    reg = registry
    # In mid-2018 only awards dated 2016-09 or later certainly still hold; the rest cannot be told.
    counts = count_by_label(reg, on="2018-06")
    assert counts == {GOLD: 4, None: 7}
    certain = {c.id for c in reg.filter(label=GOLD, on="2018-06")}
    assert certain == {
        "odense-robotics",
        "dansk-materiale-netvaerk",
        "gate-21",
        "medicon-valley-alliance",
    }


def test_count_by_backer_counts_clusters_without_backer_as_unknown(
    registry: dk_clusters.Registry,
) -> None:
    assert count_by_backer(registry) == {"syddansk-vaekstforum": 5, None: 6}


def test_the_history_counts_by_region_with_more_unknown_than_in_2017(
    history: dk_clusters.Registry,
) -> None:
    counts = count_by_region(history)
    assert counts.total() == len(history) == 80
    assert counts[Region.HOVEDSTADEN] == 16
    assert counts[None] == 26  # organisations whose seat no source gives at the snapshot


def test_shares_are_exact_fractions_in_count_order(registry: dk_clusters.Registry) -> None:
    s = shares(count_by_region(registry))
    assert list(s) == [
        Region.HOVEDSTADEN,
        Region.SYDDANMARK,
        Region.MIDTJYLLAND,
        Region.NORDJYLLAND,
        None,
    ]
    assert s[Region.SYDDANMARK] == Fraction(5, 11)
    assert sum(s.values()) == 1


def test_label_counts_ship_with_sources_in_date_order() -> None:
    rows = dk_clusters.label_counts()
    assert len(rows) == 32
    assert sum(r.scope == "Denmark" for r in rows) == 10
    dated = [r.date.latest() for r in rows if r.date is not None]
    assert dated == sorted(dated)
    assert [r.date for r in rows[len(dated) :]] == [None] * (len(rows) - len(dated))
    assert all(r.sources and r.sources[0].url.startswith(("https://", "http://")) for r in rows)


@pytest.mark.parametrize(
    ("on", "gold"),
    [
        ("2013-12", "22"),
        ("2017-09", "86"),
        ("2017-09-30", "86"),
        ("2017-12", ">66"),
        ("2021-06", "107"),  # a count dated only "2021" is in force from its end
        ("2022-01", ">120"),
    ],
)
def test_european_count_in_force(on: str, gold: str) -> None:
    count = dk_clusters.european_count(GOLD, on=on)
    assert count is not None
    assert str(count.gold) == gold


def test_no_european_count_before_the_first() -> None:
    assert dk_clusters.european_count(GOLD, on="2011") is None


def test_share_of_europe_is_unknown_when_a_label_is_unknown_or_the_figure_approximate(
    registry: dk_clusters.Registry,
) -> None:
    reg = registry
    assert dk_clusters.share_of_europe(reg, on="2018-06") is None  # seven labels unknown
    gate = reg.filter(predicate=lambda c: c.id == "gate-21")
    assert dk_clusters.share_of_europe(gate, on="2017-09") == Fraction(1, 86)
    assert dk_clusters.share_of_europe(gate, on="2017-12") is None  # ">66" is not exact
    # In 2021 the count (107) is exact, but whether Gate 21's later gold still held is not known.
    assert dk_clusters.share_of_europe(gate, on="2021-06") is None


# --- user-built clusters -----------------------------------------------------------------


def test_count_by_label_separates_no_label_from_unknown() -> None:
    clusters = [
        _cluster("a", _award(GOLD, "2017-05")),
        _cluster("b", _award(SILVER, "2017-01-10")),
        _cluster("c"),  # no label at all
        _cluster("d", Certification(GOLD)),  # gold, but when?
        _cluster("e", _award(GOLD, "2014")),  # expired by 2017-09
        _cluster("f", _award(GOLD, "2015-09"), _award(SILVER, "2017-03")),  # gold may still hold
    ]
    counts = count_by_label(clusters, on="2017-09")
    assert list(counts.items()) == [(GOLD, 1), (SILVER, 1), (NO_LABEL, 2), (None, 2)]


def test_count_by_with_several_values_counts_each() -> None:
    clusters = [
        _cluster("a", backers=("x", "y")),
        _cluster("b", backers=("y",)),
        _cluster("c"),
    ]
    assert count_by(clusters, lambda c: c.backers) == {"x": 1, "y": 2}
    assert count_by_backer(clusters) == {"x": 1, "y": 2, None: 1}
    assert shares(count_by_backer(clusters), total=3)["y"] == Fraction(2, 3)


def test_count_by_takes_lists_and_sets_as_several_groups_and_reads_clusters_once(
    registry: dk_clusters.Registry,
) -> None:
    reg = registry
    by_tuple = count_by(reg, lambda c: c.sectors)
    assert count_by(iter(reg), lambda c: list(c.sectors)) == by_tuple
    assert count_by(reg, lambda c: set(c.sectors)) == by_tuple
    assert by_tuple.total() == sum(len(c.sectors) for c in reg) > len(reg)
    mixed = count_by(reg, lambda c: [c.id] if c.region is None else c.region)
    assert mixed == {**count_by_region(c for c in reg if c.region), "clean": 1}


def test_counts_are_immutable(registry: dk_clusters.Registry) -> None:
    counts = count_by_region(registry)
    with pytest.raises(TypeError):
        counts[None] = 0  # type: ignore[index]
    assert not hasattr(counts, "__dict__")


def test_shares_reject_a_non_positive_total() -> None:
    with pytest.raises(ValueError, match="positive"):
        shares({"a": 0})
    assert shares({}) == {}


# --- properties --------------------------------------------------------------------------


@given(cluster_lists())
def test_single_valued_counts_sum_to_the_number_of_clusters(clusters: list[Cluster]) -> None:
    assert count_by_region(clusters).total() == len(clusters)
    assert count_by_label(clusters, on="2017-09").total() == len(clusters)


@given(cluster_lists())
def test_shares_sum_to_one_or_are_empty(clusters: list[Cluster]) -> None:
    s = shares(count_by_region(clusters))
    assert sum(s.values()) == 1 if clusters else s == {}


@given(cluster_lists(), st.randoms(use_true_random=False), on_dates)
def test_results_do_not_depend_on_input_order(
    clusters: list[Cluster], rnd: random.Random, on: PartialDate | None
) -> None:
    shuffled = clusters[:]
    rnd.shuffle(shuffled)
    when = on or "2017-09"
    for count in (count_by_region, count_by_backer, lambda cs: count_by_label(cs, on=when)):
        assert list(count(clusters).items()) == list(count(shuffled).items())


@given(cluster_lists(), st.sampled_from(Region), on_dates)
def test_filtering_then_counting_agrees_with_counting_then_selecting(
    clusters: list[Cluster], region: Region, on: PartialDate | None
) -> None:
    reg = dk_clusters.Registry(clusters, snapshot="2017-09")
    assert count_by_region(reg.filter(region=region)).get(region, 0) == count_by_region(reg).get(
        region, 0
    )
    when = on or reg.snapshot
    gold = reg.filter(label=GOLD, on=when)
    assert len(gold) == count_by_label(reg, on=when).get(GOLD, 0)


def test_on_defaults_to_the_snapshot_of_a_registry() -> None:
    cluster = _cluster("a", _award(GOLD, "2023-06"))
    reg = dk_clusters.Registry([cluster], snapshot="2024-01")
    assert count_by_label(reg) == {GOLD: 1}
    # A plain list has no snapshot, so the date must be said.
    with pytest.raises(TypeError, match=r"count_by_label\(\) needs on="):
        count_by_label([cluster])
    assert count_by_label([cluster], on="2024-01") == {GOLD: 1}
    assert count_by_label([cluster], on="2017-09") == {NO_LABEL: 1}
    assert dk_clusters.share_of_europe(reg) is None  # no exact European count in force in 2024
    with pytest.raises(TypeError, match=r"share_of_europe\(\) needs on="):
        dk_clusters.share_of_europe([cluster])


# --- Counts as a read-only Counter --------------------------------------------------------


def test_counts_behave_as_a_read_only_counter(registry: dk_clusters.Registry) -> None:
    counts = count_by_region(registry)
    as_counter = Counter(dict(counts))
    assert counts[Region.SJAELLAND] == as_counter[Region.SJAELLAND] == 0
    assert Region.SJAELLAND not in counts
    assert counts.get(Region.SJAELLAND) is None
    assert counts.total() == as_counter.total() == 11
    assert counts.most_common() == as_counter.most_common()
    assert counts.most_common(1) == [(Region.SYDDANMARK, 5)]
    assert sorted(counts.elements(), key=repr) == sorted(as_counter.elements(), key=repr)
    assert counts == as_counter == dict(counts)
    with pytest.raises(TypeError):
        counts[Region.SJAELLAND] = 1  # type: ignore[index]
    assert not hasattr(counts, "update")


def test_counts_have_a_json_ready_form(history: dk_clusters.Registry) -> None:
    september = history.as_of("2017-09")
    by_label = count_by_label(september)
    assert by_label.to_dict() == {"gold": 11, "silver": 2, "unknown": 52}
    by_region = count_by_region(september)
    text = json.dumps(by_region.to_dict())
    assert json.loads(text) == {(k.value if k else "unknown"): n for k, n in by_region.items()}
    assert '"null"' not in text
    assert sum(json.loads(text).values()) == len(september)


# --- every function that takes a label takes its names ----------------------------------------

LABEL_FORMS = ["gold", "GOLD", "Gold", "guld", "Cluster Management Excellence", GOLD]


@pytest.mark.parametrize("form", LABEL_FORMS, ids=str)
def test_each_label_argument_takes_the_forms_parse_takes(
    history: dk_clusters.Registry, form: str | CertificationLabel
) -> None:
    september = history.as_of("2017-09")
    gold = september.filter(label=form)
    assert len(gold) == 11
    assert all(c.holds_label(form, on="2017-09") for c in gold)
    assert dk_clusters.share_of_europe(gold, form) == Fraction(11, 86)
    europe = dk_clusters.european_count(form, on="2017-09")
    assert europe is not None
    assert europe.figure(form) == europe.gold
    assert europe.gold is not None
    assert europe.gold.value == 86


@pytest.mark.parametrize(
    "call",
    [
        lambda reg: reg.filter(label="platinum"),
        lambda reg: reg[0].holds_label("platinum", on="2017-09"),
        lambda reg: dk_clusters.share_of_europe(reg, "platinum"),
        lambda reg: dk_clusters.european_count("platinum", on="2017-09"),
    ],
    ids=["filter", "holds_label", "share_of_europe", "european_count"],
)
def test_each_label_argument_rejects_what_is_no_label(registry: dk_clusters.Registry, call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(dk_clusters.NotFoundError, match=r"^no label matches 'platinum'"):
        call(registry)


def test_share_of_europe_of_every_label_is_the_share_of_the_labelled(
    registry: dk_clusters.Registry,
) -> None:
    europe = dk_clusters.european_count(None, on="2017-09")
    assert europe is not None
    assert europe.labelled is not None
    assert europe.labelled.value == 956
    assert dk_clusters.share_of_europe(registry, None) == Fraction(11, 956)
    # a cluster whose label the data cannot tell leaves the share unknown
    september = dk_clusters.load().as_of("2017-09")
    assert count_by_label(september)[None] > 0
    assert dk_clusters.share_of_europe(september, None) is None
