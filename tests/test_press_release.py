"""The press release "Fem gange guld til Syddanmark" (September 2017), reproduced from the data.

Each test is one claim of the release, computed with one call.
"""

from __future__ import annotations

from fractions import Fraction

import dk_clusters
from dk_clusters import CertificationLabel, Region

SOUTH_DANISH_FIVE = [
    "CLEAN",
    "Odense Robotics",
    "Welfare Tech",
    "D2i – Design to Innovate",
    "Offshoreenergy.dk",
]


def test_eleven_danish_clusters_hold_gold() -> None:
    # "Fem ud af 11 guldcertificerede erhvervsklynger i Danmark ..."
    assert dk_clusters.count_by_label(dk_clusters.load()) == {CertificationLabel.GOLD: 11}


def test_five_of_them_are_south_danish_almost_half() -> None:
    # "... udspringer af syddanske erhvervsstyrker – det er næsten halvdelen"
    reg = dk_clusters.load()
    by_backer = dk_clusters.count_by_backer(reg)
    assert by_backer["syddansk-vaekstforum"] == 5
    share = dk_clusters.shares(by_backer, total=len(reg))["syddansk-vaekstforum"]
    assert share == Fraction(5, 11)
    assert Fraction(2, 5) < share < Fraction(1, 2)  # "almost half"


def test_the_five_are_the_ones_named() -> None:
    backed = dk_clusters.load().filter(backer="syddansk-vaekstforum")
    assert [c.name for c in backed] == SOUTH_DANISH_FIVE


def test_europe_has_956_labelled_clusters_86_of_them_gold() -> None:
    # "956 europæiske klynger er certificeret (guld, sølv eller bronze) – heraf er 86 ... (guld)."
    count = dk_clusters.european_count(on="2017-09")
    assert count is not None
    assert (count.labelled, count.gold) == (
        dk_clusters.Figure(956),
        dk_clusters.Figure(86),
    )


def test_denmarks_share_of_european_gold() -> None:
    assert dk_clusters.share_of_europe(dk_clusters.load()) == Fraction(11, 86)


def test_location_is_not_backing() -> None:
    # The release counts five "syddanske" clusters by backing. Counted by the
    # address of the secretariat, Region Syddanmark also holds five, but not the same five:
    # Dansk Materiale Netværk sits in Esbjerg, and CLEAN's 2017 head office is unknown.
    reg = dk_clusters.load()
    located = {c.name for c in reg.filter(region=Region.SYDDANMARK)}
    backed = {c.name for c in reg.filter(backer="syddansk-vaekstforum")}
    assert dk_clusters.count_by_region(reg)[Region.SYDDANMARK] == 5
    assert located != backed
    assert located - backed == {"Dansk Materiale Netværk"}
    assert backed - located == {"CLEAN"}
    assert dk_clusters.count_by_region(reg)[None] == 1
