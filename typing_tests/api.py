"""The public API as a user's type checker sees it (mypy --strict, pyright strict).

This file is checked, not run.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal, assert_type

import dk_clusters
from dk_clusters import (
    NO_LABEL,
    VAEKSTFORUM,
    Certification,
    CertificationLabel,
    CheckContext,
    Cluster,
    Counts,
    CriteriaSet,
    Criterion,
    DataError,
    EligibilityReport,
    FieldError,
    Finding,
    LabelCount,
    Municipality,
    NoLabel,
    NotFoundError,
    Outcome,
    PartialDate,
    Region,
    Registry,
    Shares,
    Source,
    Verdict,
)

reg = dk_clusters.load()
assert_type(reg, Registry)
assert_type(len(reg), int)
assert_type(reg.snapshot, PartialDate)
assert_type(reg.get("clean"), Cluster | None)
assert_type(reg.lookup("clean"), Cluster)
assert_type(reg.search("odense"), list[Cluster])
assert_type(reg.filter(region="DK-83", label="gold", backer="x", on="2017-09"), Registry)
assert_type(reg.filter(region=None, label=dk_clusters.NO_LABEL, backer=None), Registry)
assert_type(dk_clusters.share_of_europe(reg, "guld"), Fraction | None)
assert_type(reg[0], Cluster)
assert_type(reg[1:3], tuple[Cluster, ...])
assert_type(Registry.from_json(Path("registry.json")), Registry)
assert_type(Registry.from_json(b"{}"), Registry)
assert_type(reg.to_json(), str)
for cluster in reg:
    assert_type(cluster, Cluster)
    assert_type(cluster.region, Region | None)
    assert_type(cluster.municipality, str | None)
    assert_type(cluster.aliases, tuple[str, ...])
    assert_type(cluster.inferred, frozenset[str])
    assert_type(cluster.certifications, tuple[Certification, ...])
    assert_type(cluster.sources, tuple[Source, ...])
    assert_type(cluster.open_nationwide, bool | None)
    assert_type(cluster.holds_label(CertificationLabel.GOLD, dt.date(2017, 9, 1)), bool | None)
    assert_type(cluster.highest_label(reg.snapshot), CertificationLabel | NoLabel | None)
    assert_type(cluster.holds_label("gold", "2017-09"), bool | None)

assert_type(Region.parse("DK-83"), Region)
assert_type(Region.SYDDANMARK.dagi_code, int)
assert_type(Region.SYDDANMARK.name_da, str)
assert_type(CertificationLabel.parse("gold"), CertificationLabel)
assert_type(CertificationLabel.GOLD < CertificationLabel.SILVER, bool)
assert_type(PartialDate.parse("2017-05").earliest(), dt.date)
assert_type(dk_clusters.municipalities(), tuple[Municipality, ...])
assert_type(dk_clusters.municipalities(region="Southern Denmark"), tuple[Municipality, ...])
assert_type(dk_clusters.municipality(751), Municipality)
assert_type(NO_LABEL, Literal[NoLabel.NO_LABEL])

user = Cluster(
    "my-cluster",
    "My Cluster",
    region="DK-81",
    municipality="0851",
    certifications=[
        Certification(CertificationLabel.GOLD, awarded=PartialDate.parse("2024-05")),
        Certification("silver", awarded="2022", seen_valid=[dt.date(2023, 1, 1)]),
    ],
    sources=[Source("https://example.org/", "Example")],
)
mine = Registry([user], snapshot="2024-06")

by_region = dk_clusters.count_by_region(mine)
assert_type(by_region, Counts[Region | None])
assert_type(by_region.total(), int)
assert_type(by_region.most_common(1), list[tuple[Region | None, int]])
assert_type(by_region.to_dict(), dict[str, int])
assert_type(
    dk_clusters.count_by_label(mine, on="2024"), Counts[CertificationLabel | NoLabel | None]
)
assert_type(dk_clusters.count_by_backer(reg), Counts[str | None])
assert_type(dk_clusters.count_by(reg, lambda c: c.website is not None), Counts[bool | None])
assert_type(dk_clusters.shares(by_region), Shares[Region | None])
assert_type(dk_clusters.share_of_europe(reg), Fraction | None)
assert_type(dk_clusters.european_count(on="2017-09"), LabelCount | None)
assert_type(dk_clusters.european_count(None, on=dt.date(2020, 1, 1)), LabelCount | None)

report = dk_clusters.check_eligibility(user, on="2024-06")
assert_type(report, EligibilityReport)
assert_type(report.outcome, Outcome)
assert_type(report.verdicts, tuple[Verdict, ...])
assert_type(report.to_text("da"), str)
assert_type(dk_clusters.check_registry(reg), tuple[EligibilityReport, ...])
assert_type(report.passed, bool)
assert_type(report.to_dict("da"), dict[str, Any])
assert_type(report.outcome.symbol, str)


def has_website(cluster: Cluster, context: CheckContext) -> Finding:
    """Check a criterion of ones own: does the cluster name a website."""
    if cluster.website is None:
        return Finding(Outcome.UNKNOWN, "Ukendt.", "Unknown.", ("website",))
    return Finding(Outcome.PASS, "Har en hjemmeside.", "Has a website.")


mine_criteria = CriteriaSet(
    "Mine",
    [
        Criterion(
            "website", "Hjemmeside", "Website", Source("https://example.org/", "Ex"), has_website
        ),
        VAEKSTFORUM["gold-label"],
    ],
)
assert_type(dk_clusters.check_eligibility(user, mine_criteria, registry=mine).outcome, Outcome)

try:
    Cluster("x", "X", aliases=5)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
except FieldError as e:
    assert_type(e.field, str)
    assert_type(e.index, int | None)

try:
    reg.lookup("nothing")
except NotFoundError as e:
    assert_type(e.suggestions, tuple[str, ...])
except DataError as e:
    assert_type(e.problems, tuple[str, ...])
