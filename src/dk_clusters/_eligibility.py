"""Eligibility: checking clusters against a rule set on a date.

`check_eligibility` checks one cluster, `check_registry` every cluster of a
registry, `check_over_time` a rule set's clusters on each of several dates; all
answer with explainable reports (see `_criteria`). `VAEKSTFORUM` is Syddansk
Vækstforum's five requirements, the default rule set.
"""

from __future__ import annotations

from collections.abc import Iterable

from ._criteria import CheckContext, CriteriaSet, EligibilityReport, Verdict
from ._dates import DateLike, PartialDate, as_partial_date
from ._model import Cluster
from ._registry import Registry, resolve_on
from ._rules import VAEKSTFORUM_ID, rule_set

#: Syddansk Vækstforum's five requirements of 2017, the default rule set: the shipped
#: rule set ``"vaekstforum-2017"``, read on first use.
VAEKSTFORUM: CriteriaSet

__all__ = [
    "VAEKSTFORUM",
    "VAEKSTFORUM_ID",
    "check_eligibility",
    "check_over_time",
    "check_registry",
]

# --- checking ---------------------------------------------------------------------------------


def _rules_of(criteria: CriteriaSet | str | None) -> CriteriaSet:
    """The criteria meant: a rule set, the id of a shipped one, or by default `VAEKSTFORUM`."""
    if criteria is None:
        return rule_set("vaekstforum-2017")
    return rule_set(criteria) if isinstance(criteria, str) else criteria


def _knows(registry: Registry, programme: str) -> bool:
    """Whether `registry` holds the programme `programme`."""
    return any(p.id == programme for p in registry.programmes())


def _supported(registry: Registry, criteria: CriteriaSet, on: PartialDate) -> tuple[Cluster, ...]:
    """The clusters the criteria's funder supported on `on`, read from the registry.

    A programme the registry knows gives its members on the date; one it does not
    know, the clusters that name it as a backer. Criteria of no programme are
    Syddansk Vækstforum's.
    """
    programme = criteria.programme or VAEKSTFORUM_ID
    if _knows(registry, programme):
        return tuple(registry.members(programme, on=on))
    return tuple(c for c in registry if programme in c.backers)


def check_eligibility(
    cluster: Cluster,
    criteria: CriteriaSet | str | None = None,
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
        criteria: A rule set, or the id of a shipped one (`rule_sets`); by default
            `VAEKSTFORUM`, Syddansk Vækstforum's five.
        registry: The registry the cluster is checked within: `on` defaults to its
            snapshot, and the clusters already supported to the members, on that
            date, of the rule set's programme (for `VAEKSTFORUM`, the clusters
            ``"syddansk-vaekstforum"`` backs).
        supported: The clusters already supported, instead of the registry's; the
            cluster itself is left out of them by id.
        on: The date; it must be given when `registry` is not.
    """
    rules = _rules_of(criteria)
    when = resolve_on(on, registry, "check_eligibility")
    if supported is None and registry is not None:
        supported = _supported(registry, rules, when)
    context = CheckContext(None if supported is None else tuple(supported), when, rules.programme)
    return _report(cluster, rules, context)


def _report(cluster: Cluster, criteria: CriteriaSet, context: CheckContext) -> EligibilityReport:
    verdicts = []
    for criterion in criteria:
        found = criterion.check(cluster, context)
        verdicts.append(
            Verdict(
                criterion,
                found.outcome,
                found.reason_da,
                found.reason_en,
                found.deciding_fields,
                found.pending,
            )
        )
    return EligibilityReport(cluster, criteria, context.on, tuple(verdicts))


def check_registry(
    registry: Registry,
    criteria: CriteriaSet | str | None = None,
    *,
    supported: Iterable[Cluster] | None = None,
    on: DateLike | None = None,
) -> tuple[EligibilityReport, ...]:
    """A report for each cluster of `registry`, in registry order.

    The checks share one index of the supported clusters, so a registry of n
    clusters costs O(n), not O(n²).

    Args:
        registry: The clusters to check.
        criteria: A rule set, or the id of a shipped one; by default `VAEKSTFORUM`.
        supported: The clusters already supported; by default the members, on the
            date, of the rule set's programme, read from the registry.
        on: The date; by default the registry's snapshot.

    >>> import dk_clusters
    >>> reports = check_registry(dk_clusters.load(), "innovationskraft-2021-2024", on="2022-06-30")
    >>> reports[0].criteria.issuer.split(" (")[0]
    'Uddannelses- og Forskningsministeriet'
    """
    rules = _rules_of(criteria)
    when = resolve_on(on, registry, "check_registry")
    if supported is None:
        supported = _supported(registry, rules, when)
    context = CheckContext(tuple(supported), when, rules.programme)
    return tuple(_report(c, rules, context) for c in registry)


def check_over_time(
    registry: Registry, criteria: CriteriaSet | str, dates: Iterable[DateLike]
) -> tuple[EligibilityReport, ...]:
    """The rule set's clusters checked on each of `dates`: a report per cluster and date.

    On each date the clusters are the members of the rule set's programme then
    (for a rule set of no programme, every organisation that existed then), as
    the registry stood on that date. `to_dataframe` turns the reports into a table.

    Args:
        registry: The registry, usually the whole history (`dk_clusters.load()`).
        criteria: A rule set, or the id of a shipped one.
        dates: The dates, such as ``years(2021, 2024, month=6, day=30)``.

    >>> import dk_clusters
    >>> mid_years = dk_clusters.years(2021, 2024, month=6, day=30)
    >>> reports = check_over_time(dk_clusters.load(), "innovationskraft-2021-2024", mid_years)
    >>> from collections import Counter
    >>> Counter(str(r.on) for r in reports)
    Counter({'2021-06-30': 14, '2022-06-30': 13, '2023-06-30': 13, '2024-06-30': 13})
    """
    rules = _rules_of(criteria)
    reports: list[EligibilityReport] = []
    for on in dates:
        when = as_partial_date(on)
        then = registry.as_of(when)
        if rules.programme is not None and _knows(then, rules.programme):
            then = then.members(rules.programme, on=when)
        reports.extend(check_registry(then, rules, on=when))
    return tuple(reports)


def __getattr__(name: str) -> CriteriaSet:
    if name == "VAEKSTFORUM":  # read from the shipped rule sets on first use
        return rule_set("vaekstforum-2017")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
