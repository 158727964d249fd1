"""The rule sets of Danish cluster policy, shipped as data, and the checks their criteria make.

Each criterion of ``rule_sets.json`` names its check by kind: ``gold-label``,
``gold-or-action-plan``, ``label-at-least-bronze``, ``one-per-area``,
``member-of-programme``, ``flag:<field>`` (a yes/no field of the cluster),
``legal-form`` (names the legal form on the date and the facts still missing) or
``facts`` (facts no field holds: the check answers UNKNOWN and names them).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Final

import cattrs

from ._criteria import Check, CheckContext, CriteriaSet, Criterion, Finding, Outcome
from ._dates import PartialDate
from ._files import decode_json, once, read_bytes
from ._labels import NO_LABEL, CertificationLabel
from ._model import BusinessArea, Cluster
from ._periods import Period
from ._tables import business_areas_by_id
from ._text import fold, suggest
from .exceptions import NotFoundError

#: The programme id of Syddansk Vækstforum's support; its business areas are the shipped ones.
VAEKSTFORUM_ID = "syddansk-vaekstforum"


# --- the checks ---------------------------------------------------------------------------------


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


#: The finding of a portfolio check that is not told which clusters are supported.
_SUPPORTED_NOT_GIVEN: Final = Finding(
    Outcome.UNKNOWN,
    "Det er ikke oplyst, hvilke klynger der allerede støttes.",
    "The clusters already supported are not given.",
    ("supported",),
)


def one_per_business_area(cluster: Cluster, context: CheckContext) -> Finding:
    """FAIL when a supported cluster holds the same area (or one that contains or is part of it).

    The areas are those of Syddansk Vækstforum's strategy (`business_areas`).
    """
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
        return _SUPPORTED_NOT_GIVEN
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


def one_per_programme_area(cluster: Cluster, context: CheckContext) -> Finding:
    """FAIL when another member of the programme on the date names the same area.

    Each member's area is the one its membership of the programme names.
    """
    programme = context.programme
    assert programme is not None
    area = cluster.area_in(programme, context.on)
    if area is None:
        return Finding(
            Outcome.UNKNOWN,
            f"Klyngens område i {programme} er ukendt.",
            f"The cluster's area in {programme} is unknown.",
            ("business_area",),
        )
    if context.supported is None:
        return _SUPPORTED_NOT_GIVEN
    other = context.supported_in_programme_area(area, besides=cluster.id)
    if other is not None:
        return Finding(
            Outcome.FAIL,
            f"{other.name} har også området {area}.",
            f"{other.name} has the area {area} too.",
        )
    return Finding(
        Outcome.PASS,
        f"Ingen anden klynge i {programme} har området {area}.",
        f"No other cluster in {programme} has the area {area}.",
    )


def one_per_area(cluster: Cluster, context: CheckContext) -> Finding:
    """One supported cluster per area: Syddansk Vækstforum's areas, or those a programme names."""
    if context.programme in (None, VAEKSTFORUM_ID):
        return one_per_business_area(cluster, context)
    return one_per_programme_area(cluster, context)


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


def gold_or_action_plan(cluster: Cluster, context: CheckContext) -> Finding:
    """PASS when gold certainly holds; otherwise pending, as the rule sets no deadline.

    The rule ("gold, or an action plan to become gold as soon as possible") gives a
    cluster that is not yet gold time to become so, and no source gives a deadline:
    so it never fails, and a cluster that is not gold is UNKNOWN and pending.
    """
    found = gold_label(cluster, context)
    if found.outcome is Outcome.PASS:
        return found
    return Finding(
        Outcome.UNKNOWN,
        f"{found.reason_da} Afventer: reglen tillader en handlingsplan for at blive "
        "guldcertificeret hurtigst muligt, uden en frist.",
        f"{found.reason_en} Pending: the rule allows an action plan to become gold as soon as "
        "possible, with no deadline.",
        (*found.deciding_fields, "gold_action_plan"),
        pending=True,
    )


def label_at_least_bronze(cluster: Cluster, context: CheckContext) -> Finding:
    """PASS when any label (bronze, silver or gold) certainly holds on the date."""
    found = cluster.highest_label(context.on)
    if found is None:
        return Finding(
            Outcome.UNKNOWN,
            f"Data kan ikke afgøre, om et mærke gælder {context.on}.",
            f"The data cannot tell whether a label is valid on {context.on}.",
            ("certifications",),
        )
    if found is NO_LABEL:
        return Finding(
            Outcome.FAIL,
            f"Intet mærke gælder {context.on}.",
            f"No label is valid on {context.on}.",
        )
    assert isinstance(found, CertificationLabel)
    return Finding(
        Outcome.PASS,
        f"Mærket {found.name_da} gælder {context.on}.",
        f"The {found.value} label is valid on {context.on}.",
    )


def member_of_programme(cluster: Cluster, context: CheckContext) -> Finding:
    """PASS when the cluster certainly belongs to the rule set's programme on the date."""
    programme = context.programme
    held = None if programme is None else cluster.member_of(programme, context.on)
    if held is None:
        return Finding(
            Outcome.UNKNOWN,
            f"Data kan ikke afgøre, om klyngen var med i {programme} {context.on}.",
            f"The data cannot tell whether the cluster belonged to {programme} on {context.on}.",
            ("memberships",),
        )
    if held:
        return Finding(
            Outcome.PASS,
            f"Med i {programme} {context.on}.",
            f"A member of {programme} on {context.on}.",
        )
    return Finding(
        Outcome.FAIL,
        f"Ikke med i {programme} {context.on}.",
        f"Not a member of {programme} on {context.on}.",
    )


def flag(field: str, yes_da: str, yes_en: str, no_da: str, no_en: str) -> Check:
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


def missing_facts(facts: tuple[str, ...]) -> Check:
    """A check of facts no field holds: UNKNOWN, naming them."""
    named = ", ".join(facts) or "-"

    def check(cluster: Cluster, context: CheckContext) -> Finding:
        return Finding(
            Outcome.UNKNOWN,
            f"Data har ingen værdi for det, kravet læser ({named}).",
            f"The data hold no value for what the criterion reads ({named}).",
            facts,
        )

    return check


def legal_form_then(facts: tuple[str, ...]) -> Check:
    """A check of the legal form: it names the form on the date, and the facts still missing.

    A legal form alone decides none of the shipped criteria (a forening says nothing
    of its CVR number or whether it works on a non-profit basis), so the answer is
    UNKNOWN; its reason says what the data know.
    """
    named = ", ".join(facts) or "-"

    def check(cluster: Cluster, context: CheckContext) -> Finding:
        form = cluster.legal_form_on(context.on)
        if form is None:
            return Finding(
                Outcome.UNKNOWN,
                f"Data har ingen retsform for {context.on} og ingen værdi for {named}.",
                f"The data give no legal form on {context.on}, and no value for {named}.",
                ("legal_forms", *facts),
            )
        since = f" fra {form.start}" if form.start else ""
        since_en = f" from {form.start}" if form.start else ""
        return Finding(
            Outcome.UNKNOWN,
            f"En {form.form}{since}; data har ingen værdi for {named}.",
            f"A {form.form}{since_en}; the data hold no value for {named}.",
            facts,
        )

    return check


#: The words of each yes/no field: yes and no, in Danish and English.
_FLAGS: dict[str, tuple[str, str, str, str]] = {
    "open_nationwide": (
        "Virksomheder fra hele landet kan være medlem.",
        "Companies from the whole country can be members.",
        "Medlemskab er ikke åbent for hele landet.",
        "Membership is not open to the whole country.",
    ),
    "business_led": (
        "Virksomheder står i spidsen.",
        "Companies are at the helm.",
        "Virksomheder står ikke i spidsen.",
        "Companies are not at the helm.",
    ),
    "innovation_network": (
        "Klyngen har ambitionen om at blive nationalt innovationsnetværk.",
        "The cluster aims to become a national innovation network.",
        "Klyngen har ikke ambitionen om at blive nationalt innovationsnetværk.",
        "The cluster does not aim to become a national innovation network.",
    ),
}

_CHECKS: dict[str, Check] = {
    "gold-label": gold_label,
    "gold-or-action-plan": gold_or_action_plan,
    "label-at-least-bronze": label_at_least_bronze,
    "one-per-area": one_per_area,
    "member-of-programme": member_of_programme,
    **{f"flag:{field}": flag(field, *words) for field, words in _FLAGS.items()},
}


#: The kinds of check that read the facts a criterion names.
_FACT_CHECKS: dict[str, Callable[[tuple[str, ...]], Check]] = {
    "facts": missing_facts,
    "legal-form": legal_form_then,
}


# --- the shipped rule sets ---------------------------------------------------------------------


@once
def _converter() -> cattrs.Converter:
    """Structures ``rule_sets.json``: dates from text, a criterion's check from its kind."""
    converter = cattrs.Converter(forbid_extra_keys=True)
    converter.register_structure_hook(PartialDate, lambda value, _: PartialDate.parse(value))
    converter.register_structure_hook(Period, lambda value, _: Period(**value))
    converter.register_structure_hook_func(lambda t: t == Check, lambda value, _: value)

    def criterion(raw: dict[str, Any], _: object) -> Criterion:
        kind = raw["check"]
        facts = tuple(raw.get("facts", ()))
        check = _FACT_CHECKS[kind](facts) if kind in _FACT_CHECKS else _CHECKS[kind]
        return converter.structure_attrs_fromdict({**raw, "check": check}, Criterion)

    converter.register_structure_hook(Criterion, criterion)
    return converter


@once
def _rule_sets() -> tuple[CriteriaSet, ...]:
    raw = decode_json(read_bytes("rule_sets.json"))["rule_sets"]
    return tuple(_converter().structure(raw, tuple[CriteriaSet, ...]))


def rule_sets() -> tuple[CriteriaSet, ...]:
    """The rule sets of Danish cluster policy that ship, each with its issuer, period and sources.

    >>> import dk_clusters
    >>> [r.id for r in dk_clusters.rule_sets()][:2]
    ['innovationskraft-2021-2024', 'deb-principles-2020-2023']
    """
    return _rule_sets()


def rule_set(id: str) -> CriteriaSet:
    """The shipped rule set with id `id`; `NotFoundError` with close ids otherwise.

    Args:
        id: The rule set's id, such as ``"innovationskraft-2021-2024"``.

    >>> import dk_clusters
    >>> ik = dk_clusters.rule_set("innovationskraft-2021-2024")
    >>> str(ik.period), len(ik), ik["gold-or-gold-action-plan"].wording_da
    ('2021-01-01 – 2024-12-31', 8, 'quoted')
    """
    for found in _rule_sets():
        if found.id == id:
            return found
    ids = {fold(r.id or ""): r.id or "" for r in _rule_sets()}
    key = fold(id) if isinstance(id, str) else ""  # type: ignore[redundant-expr]
    raise NotFoundError("rule set", id, suggest(key, ids))
