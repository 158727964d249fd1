from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

import dk_clusters
from dk_clusters import (
    VAEKSTFORUM,
    Certification,
    CertificationLabel,
    CheckContext,
    Cluster,
    CriteriaSet,
    Criterion,
    Finding,
    Outcome,
    PartialDate,
    check_eligibility,
    check_registry,
)
from strategies import clusters

PASS, FAIL, UNKNOWN = Outcome.PASS, Outcome.FAIL, Outcome.UNKNOWN
GOLD = CertificationLabel.GOLD
BACKED = ["clean", "odense-robotics", "welfare-tech", "d2i", "offshoreenergy-dk"]
SHIPPED = dk_clusters.load().as_of("2017-09")  # as the press release saw it


def gold(awarded: str) -> Certification:
    return Certification(GOLD, awarded=PartialDate.parse(awarded))


def candidate(**fields: object) -> Cluster:
    base: dict[str, object] = {
        "business_area": "erhvervsturisme",
        "open_nationwide": True,
        "business_led": True,
        "innovation_network": True,
        "certifications": [gold("2017-03")],
    }
    return Cluster("candidate", "Candidate", **{**base, **fields})  # type: ignore[arg-type]


def outcomes(report: dk_clusters.EligibilityReport) -> dict[str, Outcome]:
    return {v.criterion.id: v.outcome for v in report.verdicts}


# --- the criteria set ---------------------------------------------------------------------


def test_vaekstforum_has_the_five_criteria_in_the_press_release_order() -> None:
    assert [c.id for c in VAEKSTFORUM] == [
        "one-per-business-area",
        "open-nationwide",
        "business-led",
        "gold-label",
        "innovation-network-ambition",
    ]
    press_release = SHIPPED.sources[0]
    assert {(c.source.url, c.source.title) for c in VAEKSTFORUM} == {
        (press_release.url, press_release.title)
    }
    assert VAEKSTFORUM["gold-label"].title_da == "EU-guldcertificeret"


# --- the shipped, supported clusters --------------------------------------------------------


@pytest.mark.parametrize("cluster_id", BACKED)
def test_supported_clusters_are_checked_from_the_data(cluster_id: str) -> None:
    cluster = SHIPPED.lookup(cluster_id)
    report = check_eligibility(cluster, registry=SHIPPED)
    # Alone in its (inferred) area, gold attested for 2017-09, the rest undocumented.
    assert outcomes(report) == {
        "one-per-business-area": PASS,
        "open-nationwide": UNKNOWN,
        "business-led": UNKNOWN,
        "gold-label": PASS,
        "innovation-network-ambition": UNKNOWN,
    }
    assert report.outcome is UNKNOWN
    assert report.deciding_fields == ("open_nationwide", "business_led", "innovation_network")
    assert "inferred" in report.verdicts[0].reason_en
    assert str(report.on) == "2017-09"


def test_check_registry_reports_every_cluster_in_order() -> None:
    reg = SHIPPED
    reports = check_registry(reg)
    assert [r.cluster.id for r in reports] == [c.id for c in reg]
    # Clusters outside the strategy have no business area: UNKNOWN, never a guess.
    dmn = reports[[c.id for c in reg].index("dansk-materiale-netvaerk")]
    assert outcomes(dmn)["one-per-business-area"] is UNKNOWN


def test_gold_over_time() -> None:
    d2i = SHIPPED.lookup("d2i")
    # Seen valid in 2017-09 with no award date: whether it was renewed is unknown.
    for on in ("2015-06", "2019-10"):
        report = check_eligibility(d2i, registry=SHIPPED, on=on)
        assert outcomes(report)["gold-label"] is UNKNOWN
        assert report.verdicts[3].deciding_fields == ("certifications",)
    # A gold awarded in 2016-09, and nothing else recorded, has expired by 2019.
    expired = Cluster("x", "X", certifications=[gold("2016-09")])
    verdict = check_eligibility(expired, on="2019-10").verdicts[3]
    assert verdict.outcome is FAIL
    assert verdict.reason_en == "The gold label has expired or was not yet awarded on 2019-10."


def test_a_check_needs_a_date_and_says_so() -> None:
    cluster = candidate()
    with pytest.raises(TypeError, match=r"check_eligibility\(\) needs on="):
        check_eligibility(cluster)
    mine = dk_clusters.Registry([cluster], snapshot="2024-06")
    assert check_eligibility(cluster, registry=mine).on == PartialDate(2024, 6)
    assert check_eligibility(cluster, registry=mine, on="2017-09").on == PartialDate(2017, 9)


def test_without_the_supported_clusters_the_portfolio_criterion_is_unknown() -> None:
    report = check_eligibility(candidate(), on="2017-09")
    verdict = report.verdicts[0]
    assert (verdict.outcome, verdict.deciding_fields) == (UNKNOWN, ("supported",))
    assert verdict.reason_en == "The clusters already supported are not given."
    assert {v.outcome for v in report.verdicts[1:]} == {PASS}
    assert (
        outcomes(check_eligibility(candidate(), on="2017-09", supported=[]))[
            "one-per-business-area"
        ]
        is PASS
    )


# --- user-built clusters: each criterion's three outcomes -----------------------------------


def test_a_candidate_meeting_every_criterion_passes() -> None:
    report = check_eligibility(candidate(), registry=SHIPPED)
    assert report.outcome is PASS
    assert set(outcomes(report).values()) == {PASS}


@pytest.mark.parametrize(
    ("fields", "criterion", "outcome"),
    [
        ({"business_area": None}, "one-per-business-area", UNKNOWN),
        ({"business_area": "offshore"}, "one-per-business-area", FAIL),  # Offshoreenergy.dk's
        (
            {"business_area": "baeredygtig-energi"},
            "one-per-business-area",
            FAIL,
        ),  # contains offshore
        ({"open_nationwide": None}, "open-nationwide", UNKNOWN),
        ({"open_nationwide": False}, "open-nationwide", FAIL),
        ({"business_led": None}, "business-led", UNKNOWN),
        ({"business_led": False}, "business-led", FAIL),
        ({"innovation_network": None}, "innovation-network-ambition", UNKNOWN),
        ({"innovation_network": False}, "innovation-network-ambition", FAIL),
        ({"certifications": []}, "gold-label", FAIL),
        ({"certifications": [gold("2014-05")]}, "gold-label", FAIL),  # expired
        (
            {
                "certifications": [
                    Certification(CertificationLabel.SILVER, awarded=PartialDate.parse("2017"))
                ]
            },
            "gold-label",
            FAIL,
        ),
        ({"certifications": [Certification(GOLD)]}, "gold-label", UNKNOWN),  # gold, but when?
        (
            {"certifications": [gold("2015-09")]},
            "gold-label",
            UNKNOWN,
        ),  # may have expired in September
    ],
)
def test_each_criterion(fields: dict[str, object], criterion: str, outcome: Outcome) -> None:
    report = check_eligibility(candidate(**fields), registry=SHIPPED)
    assert outcomes(report)[criterion] is outcome
    assert report.outcome is outcome  # every other criterion passes
    others = {k: v for k, v in outcomes(report).items() if k != criterion}
    assert set(others.values()) == {PASS}


def test_an_occupied_area_names_the_holder() -> None:
    report = check_eligibility(candidate(business_area="offshore"), registry=SHIPPED)
    verdict = report.verdicts[0]
    assert "Offshoreenergy.dk" in verdict.reason_en
    assert "Offshoreenergy.dk" in verdict.reason_da


def test_a_silver_only_cluster_is_told_so() -> None:
    silver = Certification(CertificationLabel.SILVER, awarded=PartialDate.parse("2017"))
    verdict = check_eligibility(candidate(certifications=[silver]), registry=SHIPPED).verdicts[3]
    assert verdict.reason_en == "Only silver, no gold label."
    assert verdict.reason_da == "Kun sølv, intet guldmærke."


def test_a_supported_cluster_alone_in_its_area_passes_but_a_second_one_fails() -> None:
    offshore = SHIPPED.lookup("offshoreenergy-dk")
    assert outcomes(check_eligibility(offshore, registry=SHIPPED))["one-per-business-area"] is PASS
    twin = candidate(business_area="offshore")
    supported = [*SHIPPED.filter(backer="syddansk-vaekstforum"), twin]
    assert (
        outcomes(check_eligibility(offshore, registry=SHIPPED, supported=supported))[
            "one-per-business-area"
        ]
        is FAIL
    )


# --- a criteria set of one's own ------------------------------------------------------------


def one_publicly_funded_per_area(cluster: Cluster, context: CheckContext) -> Finding:
    rivals = [
        c.name
        for c in context.supported or ()
        if c.sectors and set(c.sectors) & set(cluster.sectors)
    ]
    if not cluster.sectors:
        return Finding(UNKNOWN, "Området er ukendt.", "The area is unknown.", ("sectors",))
    if rivals:
        return Finding(FAIL, f"Optaget af {rivals[0]}.", f"Taken by {rivals[0]}.")
    return Finding(PASS, "Området er ledigt.", "The area is free.")


NATIONAL_2021 = CriteriaSet(
    "National clusters 2021",
    [
        Criterion(
            "one-per-area",
            "Én offentligt finansieret klynge pr. område",
            "One publicly funded cluster per area",
            dk_clusters.Source("https://ufm.dk/", "Uddannelses- og Forskningsministeriet"),
            one_publicly_funded_per_area,
        ),
        VAEKSTFORUM["gold-label"],
    ],
)


def test_a_criteria_set_of_ones_own() -> None:
    robots = Cluster("robots", "Robots", sectors=["robotics"], certifications=[gold("2020-11")])
    drones = Cluster(
        "drones", "Drones", sectors=["robotics", "drones"], certifications=[gold("2021-02")]
    )
    report = check_eligibility(drones, NATIONAL_2021, supported=[robots], on="2021-06")
    assert [(v.criterion.id, v.outcome) for v in report.verdicts] == [
        ("one-per-area", FAIL),
        ("gold-label", PASS),
    ]
    assert report.outcome is FAIL
    assert report.verdicts[0].reason_en == "Taken by Robots."


# --- reading a report ------------------------------------------------------------------------


def test_report_prints_in_danish_and_english() -> None:
    report = check_eligibility(candidate(open_nationwide=None), registry=SHIPPED)
    english, danish = report.to_text("en"), report.to_text("da")
    assert english.splitlines()[0] == "Candidate: unknown (Syddansk Vækstforum, 2017-09)"
    assert danish.splitlines()[0] == "Candidate: ukendt (Syddansk Vækstforum, 2017-09)"
    assert "  unknown  Open to companies from the whole   The data do not say\n" in english
    assert "  ukendt   Virksomheder fra hele landet kan   Data siger intet om det\n" in danish
    assert max(len(line) for line in (english + "\n" + danish).splitlines()) <= 80
    assert report.verdicts[1].reason_da == "Data siger intet om det (open_nationwide)."
    assert str(report) == english


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.caption = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in ("td", "caption"):
            self._in = tag
        if tag == "td":
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "caption"):
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "td":
            self.cells[-1] += data
        elif self._in == "caption":
            self.caption += data


def test_report_html_is_escaped() -> None:
    cluster = Cluster("odd", "<b>Odd</b> & Co", certifications=[gold("2017-03")])
    parser = _Cells()
    parser.feed(check_eligibility(cluster, registry=SHIPPED)._repr_html_())
    assert parser.caption.startswith("<b>Odd</b> & Co: ")
    assert parser.cells[:3] == [
        "? unknown",
        "One cluster per business area",
        "The cluster's business area is unknown.",
    ]


# --- properties ------------------------------------------------------------------------------

FLAGS = ("open_nationwide", "business_led", "innovation_network", "business_area")


@given(clusters(), st.sampled_from(FLAGS), st.data())
def test_resolving_an_unknown_never_turns_fail_into_pass(
    cluster: Cluster, field: str, data: st.DataObject
) -> None:
    before = check_eligibility(cluster, registry=SHIPPED)
    if getattr(cluster, field) is not None:
        return
    value = data.draw(
        st.sampled_from([a.id for a in dk_clusters.business_areas()])
        if field == "business_area"
        else st.booleans()
    )
    import attrs

    after = check_eligibility(attrs.evolve(cluster, **{field: value}), registry=SHIPPED)
    if before.outcome is FAIL:
        assert after.outcome is FAIL
    for old, new in zip(before.verdicts, after.verdicts, strict=True):
        if old.outcome is not UNKNOWN:
            assert new.outcome is old.outcome


@given(clusters())
def test_outcome_combines_the_verdicts(cluster: Cluster) -> None:
    report = check_eligibility(cluster, registry=SHIPPED)
    found = {v.outcome for v in report.verdicts}
    expected = FAIL if FAIL in found else PASS if found == {PASS} else UNKNOWN
    assert report.outcome is expected
    assert len(report.verdicts) == len(VAEKSTFORUM)
    assert all(bool(v.deciding_fields) == (v.outcome is UNKNOWN) for v in report.verdicts)
