"""Facts with periods, and the registry across time, on a small registry built here."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given

import dk_clusters
from dk_clusters import (
    Certification,
    Cluster,
    DataError,
    Event,
    Membership,
    Name,
    NotFoundError,
    PartialDate,
    Period,
    Programme,
    Region,
    Registry,
    Seat,
    Source,
    counts_over_time,
    years,
)
from strategies import partial_dates

SOURCE = Source("https://example.org/history", "A history")
FORUM = Programme("forum", "Vækstforum", "regional-support", sources=[SOURCE])
NETWORKS = Programme("networks", "Innovationsnetværk", "innovation-networks", sources=[SOURCE])


def small() -> Registry:
    """Two clusters that merge into a third in 2020, one renamed and moved on the way."""
    old = Cluster(
        "old",
        "New Name",
        founded="2009",
        ended="2020-07",
        names=[Name("Old Name", sources=[SOURCE]), Name("New Name", since="2014-05")],
        seats=[Seat("DK-83", "0461", sources=[SOURCE]), Seat("DK-84", "0101", since="2016")],
        memberships=[
            Membership("forum", "2012", "2015", sources=[SOURCE]),
            Membership("networks", "2014", None, sources=[SOURCE]),
        ],
        certifications=[Certification("gold", awarded="2016-09")],
    )
    other = Cluster("other", "Other", founded="2011-03", ended="2020-07")
    merged = Cluster("merged", "Merged", founded="2020-07", region="DK-81", municipality="0851")
    events = [
        Event("ev1", "merger", "Old and Other merge.", date="2020-07", before=["old", "other"],
              after=["merged"], sources=[SOURCE]),
        Event("ev2", "rename", "Old is renamed.", not_before="2014", not_after="2014-06",
              before=["old"], after=["old"], sources=[SOURCE]),
    ]  # fmt: skip
    return Registry(
        [old, other, merged], snapshot="2024", programmes=[FORUM, NETWORKS], events=events
    )


# --- periods and states ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "on", "answer"),
    [
        (Period("2019-01", "2020-12"), "2020-06", True),
        (Period("2019-01", "2020-12"), "2021", False),
        (Period("2019-01", "2020-12"), "2018-12-31", False),
        (Period("2019", "2020"), "2019-12-31", True),
        (Period("2019", "2020"), "2019-06-01", None),  # it began some time in 2019
        (Period("2019-06", "2020"), "2019", None),  # the year may begin before June
        (Period("2019"), "2022", None),  # the end is unknown
        (Period(None, "2020"), "2019", None),  # the start is unknown
        (Period(None, "2020"), "2021", False),
        (Period(), "2021", None),
    ],
)
def test_a_period_holds_on_a_date_in_three_values(
    period: Period, on: str, answer: bool | None
) -> None:
    assert period.holds_on(on) is answer


def test_a_period_cannot_end_before_it_starts() -> None:
    with pytest.raises(dk_clusters.FieldError, match="end: 2018 is before start 2019"):
        Period("2019", "2018")


@given(partial_dates(), partial_dates(), partial_dates())
def test_certainly_outside_is_exactly_cannot_overlap(
    a: PartialDate, b: PartialDate, on: PartialDate
) -> None:
    start, end = sorted((a, b), key=lambda d: d.days())
    if end.latest() < start.earliest():
        return
    period = Period(start, end)
    answer = period.holds_on(on)
    assert (answer is False) == (not period.may_hold_on(on))
    if answer is True:
        assert start.earliest() <= on.earliest() <= on.latest() <= end.latest()


def test_a_name_holds_until_the_next_and_uncertainty_is_said() -> None:
    old = small().get("old")
    assert old is not None
    assert old.name_on("2013") == ("Old Name", True)
    assert old.name_on("2014-06") == ("New Name", True)
    assert old.name_on("2014-05") == ("New Name", None)  # renamed within that month
    seat, certain = old.seat_on("2015")
    assert (seat and seat.municipality, certain) == ("0461", True)
    assert old.seat_on("2016")[1] is None  # it moved that year
    assert old.seat_on("2017")[1] is True
    assert Cluster("x", "X", region="DK-83").seat_on("1999")[0] == Seat("DK-83")


def test_existence_and_membership_are_three_valued() -> None:
    old = small().get("old")
    assert old is not None
    assert (old.exists_on("2015"), old.exists_on("2021"), old.exists_on("2020")) == (
        True,
        False,
        None,
    )
    assert old.member_of("forum", "2013") is True
    assert old.member_of("forum", "2016") is False
    assert old.member_of("networks", "2019") is None  # no end known
    assert old.member_of("nothing", "2019") is False


# --- the registry across time ------------------------------------------------------------------


def test_as_of_keeps_what_existed_as_it_stood() -> None:
    reg = small()
    then = reg.as_of("2013")
    assert repr(then) == "<Registry of 2 clusters as of 2013>"
    old = then.lookup("old")
    assert (old.name, old.region, old.municipality, old.backers) == (
        "Old Name",
        Region.SYDDANMARK,
        "0461",
        ("forum",),
    )
    assert "New Name" in old.aliases  # every name finds it
    later = reg.as_of("2017")
    assert later.lookup("old").region is Region.HOVEDSTADEN
    assert later.lookup("old").backers == ()
    assert [c.id for c in reg.as_of("2020-07")] == ["old", "other", "merged"]  # a month of change
    assert [c.id for c in reg.as_of("2021")] == ["merged"]
    assert reg.as_of("2021").events == ()  # the merger's parties are gone
    assert dk_clusters.count_by_label(reg.as_of("2017-06")) == {
        dk_clusters.CertificationLabel.GOLD: 1,
        dk_clusters.NO_LABEL: 1,
    }


def test_history_lists_every_dated_fact_in_order() -> None:
    history = small().history("old")
    assert [(entry.kind, str(entry.start)) for entry in history] == [
        ("name", "None"),
        ("seat", "None"),
        ("founded", "2009"),
        ("membership", "2012"),
        ("event", "2014"),  # the rename, dated only between 2014 and 2014-06
        ("membership", "2014"),
        ("name", "2014-05"),
        ("seat", "2016"),
        ("label", "2016-09"),
        ("ended", "2020-07"),
        ("event", "2020-07"),
    ]
    assert history[0].text == "named Old Name"
    text = history.to_text()
    assert text.splitlines()[0] == "New Name (old)"
    assert "merger: Old and Other merge." in text
    assert "<table>" in history._repr_html_()


def test_lineage_runs_both_ways_transitively() -> None:
    reg = Registry(
        [Cluster(i, i.upper()) for i in ("a", "b", "c", "d")],
        snapshot="2024",
        events=[
            Event("e1", "merger", "a and b merge into c.", date="2018", before=["a", "b"], after=["c"]),
            Event("e2", "takeover", "d takes over c.", date="2021", before=["c"], after=["d"]),
            Event("e3", "rename", "d is renamed.", date="2022", before=["d"], after=["d"]),
        ],
    )  # fmt: skip
    assert [c.id for c in reg.predecessors("d")] == ["c", "a", "b"]
    assert [c.id for c in reg.successors(reg.get("a"))] == ["c", "d"]  # type: ignore[arg-type]
    links = reg.lineage("d")
    assert [(link.before, link.after, link.event.id, link.depth) for link in links] == [
        ("c", "d", "e2", 1),
        ("a", "c", "e1", 2),
        ("b", "c", "e1", 2),
    ]
    assert reg.predecessors("a") == ()
    with pytest.raises(NotFoundError):
        reg.successors("zz")
    with pytest.raises(ValueError, match="direction"):
        reg.lineage("a", "sideways")  # type: ignore[arg-type]


def test_members_of_a_programme_on_a_date() -> None:
    reg = small()
    assert [p.id for p in reg.programmes()] == ["forum", "networks"]
    assert [c.id for c in reg.members("forum", on="2013")] == ["old"]
    assert len(reg.members("forum", on="2016")) == 0
    assert len(reg.members("networks", on="2019")) == 0  # not certain: no end known
    with pytest.raises(NotFoundError, match="forum"):
        reg.members("forumm")


def test_counts_over_time_keep_the_unknown_apart() -> None:
    reg = small()
    table = counts_over_time(reg, ["2013", "2015-06", "2021"], by="programme")
    assert [str(d) for d in table.dates] == ["2013", "2015-06", "2021"]
    assert table.on("2013") == {"forum": 1}
    assert table.on("2015-06") == {None: 1}  # the network membership has no known end
    assert table.on("2021") == {}
    assert table.groups == ("forum", None)
    by_region = counts_over_time(reg, years(2013, 2014), by="region")
    assert by_region.on("2013") == {Region.SYDDANMARK: 1, None: 1}
    assert by_region.groups == (Region.SYDDANMARK, None)
    assert "2013" in by_region.to_text()
    with pytest.raises(ValueError, match="by must be"):
        counts_over_time(reg, ["2013"], by="colour")  # type: ignore[arg-type]


# --- reading, writing and checking ---------------------------------------------------------------


def test_the_history_round_trips_through_json_and_pickle() -> None:
    reg = small()
    again = Registry.from_json(reg.to_json())
    assert again == reg
    assert again.events == reg.events
    assert pickle.loads(pickle.dumps(reg)) == reg


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda r: Registry(
                [Cluster("x", "X", memberships=[Membership("nowhere")])], snapshot="2024"
            ),
            "clusters[0] (\"x\").memberships[0].programme: 'nowhere' is not a programme of the registry",
        ),
        (
            lambda r: Registry(
                [Cluster("x", "X")],
                snapshot="2024",
                events=[Event("e", "closure", "It closes.", before=["y"])],
            ),
            "events[0] (\"e\").before[0]: 'y' is not a cluster of the registry",
        ),
        (
            lambda r: Registry([], snapshot="2024", programmes=[FORUM, FORUM]),
            'programmes[1] ("forum").id: a duplicate',
        ),
        (
            lambda r: Registry([Cluster("x", "X", seats=[Seat("DK-83", "9999")])], snapshot="2024"),
            "clusters[0] (\"x\").seats[0].municipality: '9999' is not a Danish kommunekode",
        ),
        (
            lambda r: Registry([Cluster("x", "X", seats=[Seat("DK-83", "0101")])], snapshot="2024"),
            'clusters[0] ("x").seats[0].municipality: 0101 (København) lies in '
            "Region Hovedstaden, not in Region Syddanmark",
        ),
    ],
)
def test_a_registry_checks_its_histories(change: object, problem: str) -> None:
    with pytest.raises(DataError) as excinfo:
        change(None)  # type: ignore[operator]
    assert str(excinfo.value) == problem


def test_records_of_history_reject_bad_values() -> None:
    with pytest.raises(dk_clusters.FieldError, match="kind: must be one of"):
        Event("e", "explosion", "Boom.")  # type: ignore[arg-type]
    with pytest.raises(dk_clusters.FieldError, match=r"before\[0\]: must be an organisation id"):
        Event("e", "merger", "M.", before=["Not An Id"])
    with pytest.raises(dk_clusters.FieldError, match="end: 2012 is before start 2013"):
        Membership("forum", "2013", "2012")
    with pytest.raises(dk_clusters.FieldTypeError, match="inferred: must be true or false"):
        Name("X", inferred=1)  # type: ignore[arg-type]
    with pytest.raises(dk_clusters.FieldError, match="ended: 2010 is before founded 2011"):
        Cluster("x", "X", founded="2011", ended="2010")


def test_a_membership_seen_on_a_date_holds_then_whatever_its_period() -> None:
    backed = Membership("forum", seen=["2017-09"], sources=[SOURCE])
    assert backed.holds_on("2017-09") is True
    assert backed.holds_on("2017-09-15") is True
    assert backed.holds_on("2017") is None  # seen in one month, not the whole year
    assert backed.holds_on("2018") is None
    assert Membership("forum", end="2016", seen=["2015"]).holds_on("2017") is False


def test_the_shipped_history_shows_lineage_and_places_by_name(
    history: dk_clusters.Registry,
) -> None:
    ecd = history.history("energy-cluster-denmark")
    assert [link.before for link in ecd.came_from][:3] == [
        "clean",
        "energy-innovation-cluster",
        "house-of-energy",
    ]
    assert ecd.led_to == ()
    text = str(ecd)
    assert "came from: CLEAN (merger, 2020-06-01 – 2020-08-01)" in text
    assert "led to:    -" in text
    assert "came from" in ecd._repr_html_()
    clean = str(history.history("clean"))
    assert "seat: København, Hovedstaden" in clean
    assert "seat: Sønderborg, Syddanmark" in clean


def test_an_end_before_the_start_names_its_fields() -> None:
    with pytest.raises(dk_clusters.FieldError, match=r"^ended: 2014 is before founded 2015$"):
        Cluster("x", "X", founded="2015", ended="2014")
    with pytest.raises(
        dk_clusters.FieldError, match=r"^not_after: 2014 is before not_before 2015$"
    ):
        Event("e", "merger", "Merged.", not_before="2015", not_after="2014")


def test_a_history_lists_the_legal_forms(history: dk_clusters.Registry) -> None:
    entries = [e for e in history.history("marlog") if e.kind == "legal_form"]
    assert [(e.text, str(e.start), e.end) for e in entries] == [("a forening", "2020-05", None)]
    assert entries[0].sources
