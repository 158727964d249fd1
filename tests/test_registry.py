"""The shipped registry: what it holds, how to find clusters in it, and its JSON form."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import dk_clusters
from dk_clusters import (
    Certification,
    CertificationLabel,
    Cluster,
    NotFoundError,
    PartialDate,
    Region,
    Registry,
    Source,
)

GOLD = CertificationLabel.GOLD

#: The order of the press release "Fem gange guld til Syddanmark" (September 2017).
PRESS_RELEASE_ORDER = [
    "clean",
    "odense-robotics",
    "welfare-tech",
    "d2i",
    "offshoreenergy-dk",
    "biopeople",
    "brainsbusiness",
    "dansk-materiale-netvaerk",
    "gate-21",
    "innovation-network-lifestyle",
    "medicon-valley-alliance",
]
BACKED_BY_VAEKSTFORUM = ["clean", "odense-robotics", "welfare-tech", "d2i", "offshoreenergy-dk"]
IN_SYDDANMARK = [
    "odense-robotics",
    "welfare-tech",
    "d2i",
    "offshoreenergy-dk",
    "dansk-materiale-netvaerk",
]


def ids(clusters: Registry | list[Cluster]) -> list[str]:
    return [c.id for c in clusters]


# --- the collection --------------------------------------------------------------------------


def test_eleven_clusters_in_press_release_order(registry: Registry) -> None:
    assert len(registry) == 11
    assert ids(registry) == PRESS_RELEASE_ORDER
    assert ids(registry) == ids(registry)  # iterating twice gives the same order
    assert ids(list(registry.clusters)) == PRESS_RELEASE_ORDER
    assert registry[0].id == "clean"
    assert ids(list(registry[-2:])) == PRESS_RELEASE_ORDER[-2:]


def test_ids_are_unique(registry: Registry) -> None:
    assert len(set(ids(registry))) == len(registry) == 11


def test_snapshot_is_september_2017(registry: Registry) -> None:
    assert registry.snapshot == PartialDate(2017, 9)
    assert str(registry.snapshot) == "2017-09"
    assert repr(registry) == "<Registry of 11 clusters as of 2017-09>"


def test_load_returns_the_same_object_every_call() -> None:
    assert dk_clusters.load() is dk_clusters.load()


def test_membership_by_id_and_by_cluster(registry: Registry) -> None:
    robotics = registry.get("odense-robotics")
    assert robotics is not None
    assert "odense-robotics" in registry
    assert robotics in registry
    assert "Odense Robotics" not in registry  # a name is not an id
    assert "nope" not in registry
    assert attrs.evolve(robotics, note="changed") not in registry
    assert Cluster(id="odense-robotics", name="Odense Robotics") not in registry
    assert 1 not in registry


# --- lookups ---------------------------------------------------------------------------------


def test_get_is_by_exact_id(registry: Registry) -> None:
    robotics = registry.get("odense-robotics")
    assert robotics is not None
    assert robotics.name == "Odense Robotics"
    assert registry.get("Odense Robotics") is None
    assert registry.get("nope") is None


@pytest.mark.parametrize(
    ("text", "cluster_id"),
    [
        ("odense-robotics", "odense-robotics"),
        ("Odense Robotics", "odense-robotics"),
        ("ODENSE ROBOTICS", "odense-robotics"),
        ("Dansk Materiale Netværk", "dansk-materiale-netvaerk"),
        ("Dansk Material Network", "dansk-materiale-netvaerk"),
        ("dansk materiale netvaerk", "dansk-materiale-netvaerk"),
        ("DMN", "dansk-materiale-netvaerk"),
        ("Offshore Center Danmark", "offshoreenergy-dk"),
        ("D2i", "d2i"),
        ("BrainsBusiness", "brainsbusiness"),
        ("Danmarks grønne klynge", "clean"),
    ],
)
def test_lookup_by_id_name_or_alias(registry: Registry, text: str, cluster_id: str) -> None:
    assert registry.lookup(text).id == cluster_id


def test_lookup_of_a_misspelt_name_suggests_the_cluster(registry: Registry) -> None:
    with pytest.raises(NotFoundError) as excinfo:
        registry.lookup("Odense Robotcs")
    assert excinfo.value.suggestions[0] == "Odense Robotics"
    assert "Odense Robotics" in str(excinfo.value)
    assert isinstance(excinfo.value, LookupError)


def test_lookup_of_a_blank_name_is_a_value_error(registry: Registry) -> None:
    with pytest.raises(ValueError, match="blank"):
        registry.lookup("  ")


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("Odense Robotics", "odense-robotics"),
        ("Biopeople", "biopeople"),
        ("Gate 21", "gate-21"),
        ("Welfare Tech", "welfare-tech"),
        ("innovation", "innovation-network-lifestyle"),  # a name that starts with it
        ("Odense Robotcs", "odense-robotics"),  # close in spelling
    ],
)
def test_search_ranks_the_best_match_first(registry: Registry, query: str, first: str) -> None:
    assert registry.search(query)[0].id == first


def test_search_finds_every_name_that_contains_the_query(registry: Registry) -> None:
    found = ids(registry.search("network"))
    assert set(found) == {
        "welfare-tech",
        "dansk-materiale-netvaerk",
        "innovation-network-lifestyle",
    }


def test_search_ranks_exact_then_prefix_then_contains() -> None:
    reg = Registry(
        [
            Cluster(id="odense-robotics", name="Odense Robotics"),
            Cluster(id="robotics-hub", name="Robotics Hub"),
            Cluster(id="robotics", name="Robotics"),
            Cluster(id="food", name="Food Cluster"),
        ],
        snapshot="2024",
    )
    assert ids(reg.search("robotics")) == ["robotics", "robotics-hub", "odense-robotics"]


def test_search_without_a_match_is_empty(registry: Registry) -> None:
    assert registry.search("zzzzqqq") == []


@pytest.mark.parametrize("query", ["", "   ", "--"], ids=repr)
def test_search_for_nothing_is_a_value_error(registry: Registry, query: str) -> None:
    with pytest.raises(ValueError, match="blank"):
        registry.search(query)


# --- filters ---------------------------------------------------------------------------------


def test_five_clusters_are_backed_by_syddansk_vaekstforum(registry: Registry) -> None:
    backed = registry.filter(backer="syddansk-vaekstforum")
    assert isinstance(backed, Registry)
    assert ids(backed) == BACKED_BY_VAEKSTFORUM
    assert backed.snapshot == registry.snapshot
    with pytest.raises(NotFoundError, match=r"^no backer matches 'nobody'"):
        registry.filter(backer="nobody")


@pytest.mark.parametrize(
    "backer", ["syddansk-vaekstforum", "Syddansk Vækstforum", "syddansk vaekstforum"], ids=repr
)
def test_a_backer_is_found_by_id_or_name(registry: Registry, backer: str) -> None:
    assert ids(registry.filter(backer=backer)) == BACKED_BY_VAEKSTFORUM


def test_a_filter_value_that_matches_nothing_raises_with_suggestions(history: Registry) -> None:
    with pytest.raises(NotFoundError) as excinfo:
        history.filter(backer="Syddansk Vaekstfor")
    assert excinfo.value.suggestions[0] == "syddansk-vaekstforum"
    with pytest.raises(NotFoundError) as excinfo:
        history.filter(region="Syddanmrk")
    assert excinfo.value.suggestions == ("Syddanmark",)
    with pytest.raises(NotFoundError):
        history.filter(label="golden")


@pytest.mark.parametrize("unknown", [None, "unknown", "Unknown"], ids=repr)
def test_filter_asks_for_the_unknown_group_as_the_counts_name_it(
    history: Registry, unknown: str | None
) -> None:
    september = history.as_of("2017-09")
    no_region = september.filter(region=unknown)
    assert len(no_region) == dk_clusters.count_by_region(september)[None] > 0
    assert all(c.region is None for c in no_region)
    no_backer = september.filter(backer=unknown)
    assert len(no_backer) == dk_clusters.count_by_backer(september)[None] > 0
    cannot_tell = september.filter(label=unknown)
    assert len(cannot_tell) == dk_clusters.count_by_label(september)[None] > 0
    assert all(c.highest_label("2017-09") is None for c in cannot_tell)


def test_filter_leaves_out_what_it_is_not_given(history: Registry) -> None:
    assert history.filter() == history
    assert len(history.filter(region=None)) < len(history)


@pytest.mark.parametrize(
    ("count", "field"),
    [(dk_clusters.count_by_region, "region"), (dk_clusters.count_by_backer, "backer")],
    ids=["region", "backer"],
)
def test_every_counted_group_filters_to_its_count(history: Registry, count, field: str) -> None:  # type: ignore[no-untyped-def]
    for on in ("2013-12", "2017-09", "2021-06"):
        then = history.as_of(on)
        for key, n in count(then).to_dict().items():
            assert len(then.filter(**{field: key})) == n, (on, key)


def test_the_top_label_groups_filter_to_their_counts(history: Registry) -> None:
    september = history.as_of("2017-09")
    counts = dk_clusters.count_by_label(september)
    for key in (CertificationLabel.GOLD, None, "unknown", "gold"):
        group = None if key == "unknown" else CertificationLabel.parse(key) if key else None
        assert len(september.filter(label=key)) == counts[group]


# --- search by place and sector -------------------------------------------------------------


def test_search_finds_clusters_by_municipality(history: Registry) -> None:
    september = history.as_of("2017-09")
    in_esbjerg = ids(september.search("Esbjerg"))
    assert {"dansk-materiale-netvaerk", "offshoreenergy-dk"} <= set(in_esbjerg)
    assert all(
        "0561" in {c.municipality, *(s.municipality for s in c.seats)}
        for c in september.search("Esbjerg")
    )
    assert ids(september.search("Esbjerg Kommune")) == in_esbjerg


def test_search_finds_clusters_by_sector_after_names(history: Registry) -> None:
    found = history.search("maritime")
    with_sector = {c.id for c in history if "maritime" in c.sectors}
    assert with_sector <= set(ids(found))

    def named(c: Cluster) -> bool:
        names = (c.id, c.name, c.name_en, *c.aliases, *(n.name for n in c.names))
        return any("maritime" in n.casefold() for n in names if n)

    flags = [named(c) for c in found]
    assert flags == sorted(flags, reverse=True)  # names rank before sectors
    assert True in flags
    assert False in flags


@pytest.mark.parametrize("region", [Region.SYDDANMARK, "DK-83", "Syddanmark", 1083], ids=repr)
def test_five_clusters_sit_in_syddanmark_but_not_the_backed_five(
    registry: Registry, region: Region | str | int
) -> None:
    located = ids(registry.filter(region=region))
    assert located == IN_SYDDANMARK
    assert "dansk-materiale-netvaerk" in located  # in Esbjerg, not backed
    assert "clean" not in located  # backed, place unknown
    assert set(located) != set(BACKED_BY_VAEKSTFORUM)


def test_filter_by_region_covers_every_located_cluster(registry: Registry) -> None:
    by_region = {region: ids(registry.filter(region=region)) for region in Region}
    assert by_region == {
        Region.HOVEDSTADEN: ["biopeople", "gate-21", "medicon-valley-alliance"],
        Region.SJAELLAND: [],
        Region.SYDDANMARK: IN_SYDDANMARK,
        Region.MIDTJYLLAND: ["innovation-network-lifestyle"],
        Region.NORDJYLLAND: ["brainsbusiness"],
    }


def test_filter_by_label_and_date(registry: Registry) -> None:
    assert ids(registry.filter(label="gold")) == PRESS_RELEASE_ORDER
    assert ids(registry.filter(label=GOLD, on="2017-09")) == PRESS_RELEASE_ORDER
    assert len(registry.filter(label="silver")) == 0
    assert len(registry.filter(label="gold", on="2010")) == 0


def test_filter_by_predicate_and_combined(registry: Registry) -> None:
    assert ids(registry.filter(predicate=lambda c: c.municipality == "0461")) == [
        "odense-robotics",
        "welfare-tech",
    ]
    both = registry.filter(region=Region.SYDDANMARK, backer="syddansk-vaekstforum")
    assert ids(both) == ["odense-robotics", "welfare-tech", "d2i", "offshoreenergy-dk"]


def test_on_without_label_is_a_value_error(registry: Registry) -> None:
    with pytest.raises(ValueError, match="label"):
        registry.filter(on="2017-09")


# --- labels ----------------------------------------------------------------------------------


def test_all_eleven_certainly_hold_gold_in_september_2017(registry: Registry) -> None:
    for cluster in registry:
        assert cluster.holds_label(GOLD, "2017-09") is True, cluster.id
        assert cluster.holds_label("gold", registry.snapshot) is True, cluster.id
        assert cluster.highest_label("2017-09") is GOLD, cluster.id
        attested = [c for c in cluster.certifications if PartialDate(2017, 9) in c.seen_valid]
        assert attested, cluster.id  # the press release's attestation


def test_brainsbusiness_award_alone_would_have_lapsed(registry: Registry) -> None:
    brains = registry.lookup("BrainsBusiness")
    golds = [c for c in brains.certifications if c.label is GOLD]
    (award,) = [c for c in golds if c.awarded is not None]
    assert award.awarded == PartialDate(2013, 10)
    assert award.valid_on("2015-09") is True
    assert award.valid_on("2017-09") is False  # two years from October 2013 end in 2015
    (attestation,) = [c for c in golds if c.awarded is None]
    assert attestation.valid_on("2017-09") is True


def test_d2i_has_no_award_date(registry: Registry) -> None:
    d2i = registry.lookup("D2i")
    assert d2i.certifications
    assert all(c.awarded is None for c in d2i.certifications)
    assert d2i.holds_label(GOLD, "2017-09") is True
    assert d2i.holds_label(GOLD, "2016") is None


# --- places ----------------------------------------------------------------------------------


def test_cleans_place_is_unknown(registry: Registry) -> None:
    clean = registry.lookup("CLEAN")
    assert clean.region is None
    assert clean.municipality is None
    assert clean.backers == ("syddansk-vaekstforum",)


def test_medicon_valley_alliance_is_in_hovedstaden_somewhere(registry: Registry) -> None:
    mva = registry.lookup("Medicon Valley Alliance")
    assert mva.region is Region.HOVEDSTADEN
    assert mva.municipality is None


@pytest.mark.parametrize(
    ("cluster_id", "region", "municipality"),
    [
        ("odense-robotics", Region.SYDDANMARK, "Odense"),
        ("welfare-tech", Region.SYDDANMARK, "Odense"),
        ("d2i", Region.SYDDANMARK, "Kolding"),
        ("offshoreenergy-dk", Region.SYDDANMARK, "Esbjerg"),
        ("dansk-materiale-netvaerk", Region.SYDDANMARK, "Esbjerg"),
        ("gate-21", Region.HOVEDSTADEN, "Albertslund"),
        ("innovation-network-lifestyle", Region.MIDTJYLLAND, "Herning"),
    ],
)
def test_where_each_located_cluster_sits(
    registry: Registry, cluster_id: str, region: Region, municipality: str
) -> None:
    cluster = registry.get(cluster_id)
    assert cluster is not None
    assert cluster.municipality is not None
    assert cluster.region is region
    assert dk_clusters.municipality(cluster.municipality).name == municipality


@pytest.mark.parametrize(
    ("cluster_id", "region"),
    [("biopeople", Region.HOVEDSTADEN), ("brainsbusiness", Region.NORDJYLLAND)],
)
def test_a_region_without_a_sourced_municipality_stays_a_region(
    registry: Registry, cluster_id: str, region: Region
) -> None:
    # The sources name the region ("Den nordjyske IKT-klynge", "Københavns Universitet",
    # which has campuses in two municipalities), not the municipality.
    cluster = registry.lookup(cluster_id)
    assert (cluster.region, cluster.municipality) == (region, None)


def test_every_region_and_municipality_resolves(registry: Registry) -> None:
    for cluster in registry:
        if cluster.region is not None:
            assert Region.parse(cluster.region.iso_code) is cluster.region
        if cluster.municipality is not None:
            assert dk_clusters.municipality(cluster.municipality).region is cluster.region


# --- sources and inferences ------------------------------------------------------------------


def _has_web_source(sources: tuple[Source, ...]) -> bool:
    return any(s.url.startswith(("https://", "http://")) for s in sources)


def _has_https_source(sources: tuple[Source, ...]) -> bool:
    return any(s.url.startswith("https://") for s in sources)


def test_every_cluster_and_certification_has_a_web_source(history: Registry) -> None:
    # Some label records rest on ESCA's own pages, which are served over http only.
    assert _has_https_source(history.sources)
    for cluster in history:
        assert _has_web_source(cluster.sources), cluster.id
        for i, certification in enumerate(cluster.certifications):
            assert _has_web_source(certification.sources), (cluster.id, i)


def test_every_municipality_has_an_https_source() -> None:
    for m in dk_clusters.municipalities():
        assert _has_https_source(m.sources), m.code


def test_inferred_names_existing_fields(registry: Registry) -> None:
    fields = attrs.fields_dict(Cluster)
    for cluster in registry:
        for name in cluster.inferred:
            assert name in fields, (cluster.id, name)


def test_backing_is_inferred_unless_a_source_states_it_for_the_date(registry: Registry) -> None:
    backed = registry.filter(backer="syddansk-vaekstforum")
    assert ids(backed) == BACKED_BY_VAEKSTFORUM
    # D2i's grant ran to 2019 (d2i.dk, March 2015); the others rest on the press release's
    # "de klynger, vi støtter", an inference.
    assert [c.id for c in backed if "backers" not in c.inferred] == ["d2i"]
    for cluster in registry:
        assert "backers" not in cluster.inferred or cluster.backers, cluster.id


# --- JSON --------------------------------------------------------------------------------------


def test_json_round_trips(registry: Registry, history: Registry) -> None:
    for reg in (registry, history):
        again = Registry.from_json(reg.to_json())
        assert again == reg
        assert again is not reg
        assert hash(again) == hash(reg)
    assert ids(Registry.from_json(registry.to_json())) == PRESS_RELEASE_ORDER


def test_to_json_is_the_shipped_file_byte_for_byte(history: Registry, clusters_json: Path) -> None:
    assert history.to_json().encode("utf-8") == clusters_json.read_bytes()


@pytest.mark.parametrize(
    "read",
    [
        pytest.param(lambda p: p, id="path"),
        pytest.param(lambda p: p.read_bytes(), id="bytes"),
        pytest.param(lambda p: b"\xef\xbb\xbf" + p.read_bytes(), id="bytes-with-bom"),
        pytest.param(lambda p: p.read_text(encoding="utf-8"), id="text"),
    ],
)
def test_from_json_reads_paths_bytes_and_text(
    history: Registry, clusters_json: Path, read: object
) -> None:
    assert Registry.from_json(read(clusters_json)) == history  # type: ignore[operator]


# --- user-built registries ---------------------------------------------------------------------


def _user_clusters() -> list[Cluster]:
    press = Source(url="https://example.org/press", title="Press", published=PartialDate(2024, 3))
    return [
        Cluster(
            id="aero-cluster",
            name="Ærø Cluster",
            aliases=["Aero Cluster"],
            region=Region.SYDDANMARK,
            municipality="0492",
            certifications=[
                Certification(GOLD, awarded=PartialDate(2023, 6), sources=[press]),
            ],
            backers=["syddansk-vaekstforum"],
            sources=[press],
            inferred=["backers"],
        ),
        Cluster(id="north", name="North Cluster", region=Region.NORDJYLLAND, municipality="0851"),
    ]


def test_a_registry_of_user_made_clusters() -> None:
    reg = Registry(_user_clusters(), snapshot="2024-03")
    assert len(reg) == 2
    assert reg.snapshot == PartialDate(2024, 3)
    assert reg.lookup("aero cluster").id == "aero-cluster"
    assert ids(reg.filter(region="Nordjylland")) == ["north"]
    assert ids(reg.filter(label="gold")) == ["aero-cluster"]
    assert ids(reg.filter(backer="syddansk-vaekstforum")) == ["aero-cluster"]
    assert Registry.from_json(reg.to_json()) == reg
    assert reg != dk_clusters.load()


def test_an_empty_registry() -> None:
    reg = Registry([], snapshot="2024")
    assert len(reg) == 0
    assert list(reg) == []
    assert reg.search("anything") == []
    assert Registry.from_json(reg.to_json()) == reg


# --- immutability ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["clusters", "snapshot", "sources", "something_new"])
def test_registry_attributes_cannot_be_assigned(registry: Registry, name: str) -> None:
    with pytest.raises(AttributeError):
        setattr(registry, name, ())
    assert len(dk_clusters.load()) == 80


def test_registry_clusters_is_a_tuple(registry: Registry) -> None:
    assert isinstance(registry.clusters, tuple)
    assert isinstance(registry.sources, tuple)


@pytest.mark.parametrize("name", ["id", "name", "region", "certifications"])
def test_cluster_fields_cannot_be_assigned(registry: Registry, name: str) -> None:
    with pytest.raises(AttributeError):
        setattr(registry[1], name, None)


def test_a_users_lists_do_not_leak_into_the_records() -> None:
    clusters = _user_clusters()
    sources = [Source(url="https://example.org/a", title="A")]
    reg = Registry(clusters, snapshot="2024", sources=sources)
    clusters.append(Cluster(id="late", name="Late"))
    sources.clear()
    assert len(reg) == 2
    assert "late" not in reg
    assert len(reg.sources) == 1

    aliases, sectors, backers = ["Old Name"], ["robotics"], ["syddansk-vaekstforum"]
    seen = [PartialDate(2017, 9)]
    certification = Certification(GOLD, seen_valid=seen)
    cluster = Cluster(
        id="x",
        name="X",
        aliases=aliases,
        sectors=sectors,
        backers=backers,
        certifications=[certification],
    )
    aliases.append("Newer Name")
    sectors.clear()
    backers.append("someone-else")
    seen.append(PartialDate(2018))
    assert cluster.aliases == ("Old Name",)
    assert cluster.sectors == ("robotics",)
    assert cluster.backers == ("syddansk-vaekstforum",)
    assert certification.seen_valid == (PartialDate(2017, 9),)


# --- the main job --------------------------------------------------------------------------------


def test_python_m_dk_clusters_prints_the_summary() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "dk_clusters"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("80 clusters as of 2026-12\n47 of them exist on 2026-12;")
    assert "Backed by" not in result.stdout  # Syddansk Vækstforum's support ended in 2018
    assert result.stderr == ""


def test_a_programme_is_found_by_id_or_by_name(history: Registry) -> None:
    by_id = history.programme("innovationskraft-2021-2024")
    assert history.programme(by_id.name) is by_id
    assert history.programme(by_id.name.upper()) is by_id
    assert history.members(by_id.name, on="2022") == history.members(by_id.id, on="2022")
    with pytest.raises(NotFoundError) as excinfo:
        history.programme("innovationskraft")
    assert "innovationskraft-2021-2024" in excinfo.value.suggestions
