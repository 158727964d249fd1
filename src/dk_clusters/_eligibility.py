"""Eligibility: checking clusters against criteria, and Syddansk Vækstforum's five.

`check_eligibility` checks one cluster on a date, `check_registry` every cluster
of a registry; both answer with explainable reports (see `_criteria`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from ._criteria import (
    Check,
    CheckContext,
    CriteriaSet,
    Criterion,
    EligibilityReport,
    Finding,
    Outcome,
    Verdict,
)
from ._dates import DateLike, PartialDate
from ._labels import CertificationLabel
from ._model import BusinessArea, Cluster
from ._registry import Registry, resolve_on
from ._sources import Source
from ._tables import business_areas_by_id

__all__ = ["VAEKSTFORUM", "VAEKSTFORUM_ID", "check_eligibility", "check_registry"]

VAEKSTFORUM_ID = "syddansk-vaekstforum"


# --- checking ---------------------------------------------------------------------------------


def _backed(registry: Registry) -> tuple[Cluster, ...]:
    """The clusters of `registry` that Syddansk Vækstforum backs (none if it backs none)."""
    return tuple(c for c in registry if VAEKSTFORUM_ID in c.backers)


def check_eligibility(
    cluster: Cluster,
    criteria: CriteriaSet | None = None,
    *,
    registry: Registry | None = None,
    supported: Iterable[Cluster] | None = None,
    on: DateLike | None = None,
) -> EligibilityReport:
    """Check `cluster` against `criteria` on the date `on`.

    Without a registry and without `supported`, a criterion that needs the clusters
    already supported answers UNKNOWN.

    Args:
        cluster: The cluster to check.
        criteria: The criteria; by default `VAEKSTFORUM`, Syddansk Vækstforum's five.
        registry: The registry the cluster is checked within: `on` defaults to its
            snapshot, and the clusters already supported to its clusters backed by
            ``"syddansk-vaekstforum"``.
        supported: The clusters already supported, instead of the registry's; the
            cluster itself is left out of them by id.
        on: The date; it must be given when `registry` is not.
    """
    criteria = VAEKSTFORUM if criteria is None else criteria
    when = resolve_on(on, registry, "check_eligibility")
    if supported is None and registry is not None:
        supported = _backed(registry)
    context = CheckContext(None if supported is None else tuple(supported), when)
    return _report(cluster, criteria, context)


def _report(cluster: Cluster, criteria: CriteriaSet, context: CheckContext) -> EligibilityReport:
    verdicts = []
    for criterion in criteria:
        finding = criterion.check(cluster, context)
        verdicts.append(
            Verdict(
                criterion,
                finding.outcome,
                finding.reason_da,
                finding.reason_en,
                finding.deciding_fields,
            )
        )
    return EligibilityReport(cluster, criteria, context.on, tuple(verdicts))


def check_registry(
    registry: Registry,
    criteria: CriteriaSet | None = None,
    *,
    supported: Iterable[Cluster] | None = None,
    on: DateLike | None = None,
) -> tuple[EligibilityReport, ...]:
    """A report for each cluster of `registry`, in registry order.

    The checks share one index of the supported clusters, so a registry of n
    clusters costs O(n), not O(n²).

    Args:
        registry: The clusters to check.
        criteria: The criteria; by default `VAEKSTFORUM`.
        supported: The clusters already supported; by default the registry's own
            clusters backed by ``"syddansk-vaekstforum"``.
        on: The date; by default the registry's snapshot.
    """
    criteria = VAEKSTFORUM if criteria is None else criteria
    when = resolve_on(on, registry, "check_registry")
    if supported is None:
        supported = _backed(registry)
    context = CheckContext(tuple(supported), when)
    return tuple(_report(c, criteria, context) for c in registry)


# --- the Vækstforum criteria ------------------------------------------------------------------


def _lineage(area: str, areas: dict[str, BusinessArea]) -> list[str]:
    """`area` and its parents, nearest first."""
    chain = [area]
    while (parent := areas[chain[-1]].parent) is not None:
        chain.append(parent)
    return chain


@functools.cache
def _overlapping(area: str) -> tuple[str, ...]:
    """The shipped areas that contain `area`, are part of it, or are it: its lineage first."""
    areas = business_areas_by_id()
    mine = _lineage(area, areas)
    below = [other for other in areas if other != area and area in _lineage(other, areas)]
    return (*mine, *below)


def one_per_business_area(cluster: Cluster, context: CheckContext) -> Finding:
    """FAIL when a supported cluster holds the same area (or one that contains or is part of it)."""
    areas = business_areas_by_id()
    area = cluster.business_area
    if area is None:
        return Finding(
            Outcome.UNKNOWN,
            "Klyngens forretningsområde er ukendt.",
            "The cluster's business area is unknown.",
            ("business_area",),
        )
    if area not in areas:
        return Finding(
            Outcome.FAIL,
            f"{area!r} er ikke et af strategiens forretningsområder.",
            f"{area!r} is not one of the strategy's business areas.",
        )
    if context.supported is None:
        return Finding(
            Outcome.UNKNOWN,
            "Det er ikke oplyst, hvilke klynger der allerede støttes.",
            "The clusters already supported are not given.",
            ("supported",),
        )
    other = context.supported_in(_overlapping(area), besides=cluster.id)
    if other is not None:
        assert other.business_area is not None
        held = areas[other.business_area]
        return Finding(
            Outcome.FAIL,
            f"{other.name} støttes allerede inden for {held.name_da}.",
            f"{other.name} is already supported in {held.name_en}.",
        )
    inferred_da, inferred_en = (
        (" (området er udledt)", " (the area is inferred)")
        if "business_area" in cluster.inferred
        else ("", "")
    )
    return Finding(
        Outcome.PASS,
        f"Ingen anden støttet klynge inden for {areas[area].name_da}{inferred_da}.",
        f"No other supported cluster in {areas[area].name_en}{inferred_en}.",
    )


def gold_label(cluster: Cluster, context: CheckContext) -> Finding:
    """PASS only when a gold label certainly holds on the date."""
    gold = CertificationLabel.GOLD
    held = cluster.holds_label(gold, context.on)
    if held:
        return Finding(
            Outcome.PASS,
            f"Guldmærket gælder {context.on}.",
            f"The gold label is valid on {context.on}.",
        )
    if held is None:
        return Finding(
            Outcome.UNKNOWN,
            f"Data kan ikke afgøre, om guldmærket gælder {context.on}.",
            f"The data cannot tell whether the gold label is valid on {context.on}.",
            ("certifications",),
        )
    if any(c.label is gold for c in cluster.certifications):
        return Finding(
            Outcome.FAIL,
            f"Guldmærket er udløbet eller endnu ikke tildelt {context.on}.",
            f"The gold label has expired or was not yet awarded on {context.on}.",
        )
    others = sorted({c.label for c in cluster.certifications}, reverse=True)
    if others:
        return Finding(
            Outcome.FAIL,
            f"Kun {' og '.join(label.name_da for label in others)}, intet guldmærke.",
            f"Only {' and '.join(label.value for label in others)}, no gold label.",
        )
    return Finding(Outcome.FAIL, "Intet mærke registreret.", "No label recorded.")


def _flag(field: str, yes_da: str, yes_en: str, no_da: str, no_en: str) -> Check:
    """A check that reads one `bool | None` field of the cluster."""

    def check(cluster: Cluster, context: CheckContext) -> Finding:
        value = getattr(cluster, field)
        if value is None:
            return Finding(
                Outcome.UNKNOWN,
                f"Data siger intet om det ({field}).",
                f"The data do not say ({field}).",
                (field,),
            )
        if value:
            return Finding(Outcome.PASS, yes_da, yes_en)
        return Finding(Outcome.FAIL, no_da, no_en)

    check.__name__ = check.__qualname__ = field
    return check


PRESS_RELEASE = Source(
    url=(
        "https://regionsyddanmark.dk/om-region-syddanmark/presse-og-nyheder/nyhedsarkiv/"
        "2017/september-2017/fem-gange-guld-til-syddanmark"
    ),
    title="Fem gange guld til Syddanmark",
    published=PartialDate(2017, 9),
)

#: Syddansk Vækstforum's five requirements, in the order of the press release of 2017.
VAEKSTFORUM = CriteriaSet(
    "Syddansk Vækstforum",
    (
        Criterion(
            "one-per-business-area",
            "Én klynge inden for hvert forretningsområde",
            "One cluster per business area",
            PRESS_RELEASE,
            one_per_business_area,
        ),
        Criterion(
            "open-nationwide",
            "Virksomheder fra hele landet kan være medlem",
            "Open to companies from the whole country",
            PRESS_RELEASE,
            _flag(
                "open_nationwide",
                "Virksomheder fra hele landet kan være medlem.",
                "Companies from the whole country can be members.",
                "Medlemskab er ikke åbent for hele landet.",
                "Membership is not open to the whole country.",
            ),
        ),
        Criterion(
            "business-led",
            "Virksomheder i spidsen",
            "Companies at the helm",
            PRESS_RELEASE,
            _flag(
                "business_led",
                "Virksomheder står i spidsen.",
                "Companies are at the helm.",
                "Virksomheder står ikke i spidsen.",
                "Companies are not at the helm.",
            ),
        ),
        Criterion(
            "gold-label",
            "EU-guldcertificeret",
            "EU gold label",
            PRESS_RELEASE,
            gold_label,
        ),
        Criterion(
            "innovation-network-ambition",
            "Ambition om status som nationalt innovationsnetværk",
            "Ambition to become a national innovation network",
            PRESS_RELEASE,
            _flag(
                "innovation_network",
                "Klyngen har ambitionen om at blive nationalt innovationsnetværk.",
                "The cluster aims to become a national innovation network.",
                "Klyngen har ikke ambitionen om at blive nationalt innovationsnetværk.",
                "The cluster does not aim to become a national innovation network.",
            ),
        ),
    ),
)
