"""The press release "Fem gange guld til Syddanmark" (September 2017), from the whole history.

Each test is one claim of the release, computed from the shipped history as it stood
in September 2017.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

import dk_clusters
from dk_clusters import CertificationLabel, Region, Registry

SOUTH_DANISH_FIVE = [
    "CLEAN",
    "Odense Robotics",
    "Welfare Tech",
    "D2i – Design to Innovate",
    "Offshoreenergy.dk",
]


@pytest.fixture(scope="module")
def september() -> Registry:
    """The shipped history as it stood in September 2017."""
    return dk_clusters.load().as_of("2017-09")


@pytest.fixture(scope="module")
def gold(september: Registry) -> Registry:
    return september.filter(label="gold")


def test_eleven_danish_clusters_hold_gold(september: Registry) -> None:
    # "Fem ud af 11 guldcertificerede erhvervsklynger i Danmark ..."
    counts = dk_clusters.count_by_label(september)
    assert counts[CertificationLabel.GOLD] == 11
    # Every other organisation of the time: a lower label, or unknown; never gold.
    assert set(counts) <= {
        CertificationLabel.GOLD,
        CertificationLabel.SILVER,
        CertificationLabel.BRONZE,
        None,
    }
    assert counts.total() == len(september) > 11


def test_five_of_them_are_south_danish_almost_half(gold: Registry) -> None:
    # "... udspringer af syddanske erhvervsstyrker – det er næsten halvdelen"
    by_backer = dk_clusters.count_by_backer(gold)
    assert by_backer["syddansk-vaekstforum"] == 5
    share = dk_clusters.shares(by_backer, total=len(gold))["syddansk-vaekstforum"]
    assert share == Fraction(5, 11)
    assert Fraction(2, 5) < share < Fraction(1, 2)  # "almost half"


def test_the_five_are_the_ones_named(september: Registry) -> None:
    backed = september.filter(backer="syddansk-vaekstforum")
    assert [c.name for c in backed] == SOUTH_DANISH_FIVE
    assert all(c.holds_label("gold", september.snapshot) for c in backed)


def test_europe_has_956_labelled_clusters_86_of_them_gold() -> None:
    # "956 europæiske klynger er certificeret (guld, sølv eller bronze) – heraf er 86 ... (guld)."
    count = dk_clusters.european_count(on="2017-09")
    assert count is not None
    assert count.gold == dk_clusters.Figure(86)
    labelled = dk_clusters.european_count(None, on="2017-09")
    assert labelled is not None
    assert labelled.labelled == dk_clusters.Figure(956)


def test_denmarks_share_of_european_gold(gold: Registry, september: Registry) -> None:
    assert dk_clusters.share_of_europe(gold) == Fraction(11, 86)
    # Over every organisation of the time, some labels are unknown: the share is too.
    assert dk_clusters.share_of_europe(september) is None


def test_location_is_not_backing(gold: Registry) -> None:
    # The release counts five "syddanske" clusters by backing, not by address:
    # Dansk Materiale Netværk sits in Esbjerg, and CLEAN's 2017 head office is unknown.
    located = {c.name for c in gold.filter(region=Region.SYDDANMARK)}
    backed = {c.name for c in gold.filter(backer="syddansk-vaekstforum")}
    assert "Dansk Materiale Netværk" in located - backed
    assert "CLEAN" in backed - located
    dmn = gold.lookup("Dansk Materiale Netværk")
    assert (dmn.region, dmn.municipality, dmn.backers) == (Region.SYDDANMARK, "0561", ())
    assert gold.lookup("clean").region is None
