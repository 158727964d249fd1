"""What eligibility checks are made of: criteria, their findings, and reports that explain.

A `Criterion` checks one cluster, given the clusters already supported and a
date, and answers PASS, FAIL or UNKNOWN with a reason in Danish and English. A
report combines the verdicts: FAIL if any criterion fails, PASS only if all pass.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from enum import Enum
from typing import Any, Literal, TypeAlias

import attrs

from ._dates import PartialDate
from ._layout import Html, Lang, html_table, join_html, link, marked, text_table
from ._model import Cluster
from ._periods import Period
from ._sources import Source
from ._text import fold


class Outcome(Enum):
    """The answer to one criterion, or to all of them."""

    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"

    __hash__ = object.__hash__

    def label(self, lang: Lang = "en") -> str:
        """The outcome in words."""
        return _OUTCOME_WORDS[lang][self]

    @property
    def symbol(self) -> str:
        """A mark for the eye: ``"✓"`` (pass), ``"✗"`` (fail), ``"?"`` (unknown)."""
        return _OUTCOME_MARKS[self][0]

    def _display(self, lang: Lang) -> str:
        return self.label(lang)

    def _html(self, lang: Lang = "en") -> Html:
        """The mark and the word, coloured, with the class ``dk-outcome dk-outcome-<value>``."""
        return marked(
            f"{self.symbol} {self.label(lang)}",
            f"dk-outcome dk-outcome-{self.value}",
            f"color: {_OUTCOME_MARKS[self][1]}; font-weight: bold",
        )


_OUTCOME_WORDS: dict[str, dict[Outcome, str]] = {
    "da": {Outcome.PASS: "opfyldt", Outcome.FAIL: "ikke opfyldt", Outcome.UNKNOWN: "ukendt"},
    "en": {Outcome.PASS: "pass", Outcome.FAIL: "fail", Outcome.UNKNOWN: "unknown"},
}
#: Each outcome's mark and colour (green, red, amber: told apart by the mark as well).
_OUTCOME_MARKS: dict[Outcome, tuple[str, str]] = {
    Outcome.PASS: ("✓", "#1a7f37"),
    Outcome.FAIL: ("✗", "#cf222e"),
    Outcome.UNKNOWN: ("?", "#9a6700"),
}


@attrs.frozen
class CheckContext:
    """What a check may look at besides the cluster: who is supported, when, and by whom.

    `supported` is None when nobody said which clusters are supported;
    `programme` is the programme or funder the criteria belong to, if any.
    """

    supported: tuple[Cluster, ...] | None
    on: PartialDate
    programme: str | None = None

    @functools.cached_property
    def _by_area(self) -> dict[str, list[tuple[int, Cluster]]]:
        """The supported clusters by business area, each with its place in `supported`."""
        by_area: dict[str, list[tuple[int, Cluster]]] = {}
        for i, cluster in enumerate(self.supported or ()):
            if cluster.business_area is not None:
                by_area.setdefault(cluster.business_area, []).append((i, cluster))
        return by_area

    @functools.cached_property
    def _by_programme_area(self) -> dict[str, list[Cluster]]:
        """The supported clusters by the area their membership of `programme` names (folded)."""
        by_area: dict[str, list[Cluster]] = {}
        if self.programme is not None:
            for cluster in self.supported or ():
                area = cluster.area_in(self.programme, self.on)
                if area is not None:
                    by_area.setdefault(fold(area), []).append(cluster)
        return by_area

    def supported_in_programme_area(self, area: str, besides: str) -> Cluster | None:
        """The first supported cluster but `besides` (an id) whose programme area is `area`."""
        found = self._by_programme_area.get(fold(area), ())
        return next((c for c in found if c.id != besides), None)

    def supported_in(self, areas: Iterable[str], besides: str) -> Cluster | None:
        """The first supported cluster, other than the one with id `besides`, in one of `areas`."""
        first: tuple[int, Cluster] | None = None
        for area in areas:
            for i, cluster in self._by_area.get(area, ()):
                if cluster.id != besides:
                    if first is None or i < first[0]:
                        first = (i, cluster)
                    break
        return None if first is None else first[1]


@attrs.frozen
class Finding:
    """What a check found: an outcome and its reason in Danish and English.

    For UNKNOWN, `deciding_fields` names the fields whose values would decide it,
    and `pending` says the rule allows time to meet it and that time has not run out.
    """

    outcome: Outcome
    reason_da: str
    reason_en: str
    deciding_fields: tuple[str, ...] = ()
    pending: bool = False


Check: TypeAlias = Callable[[Cluster, CheckContext], Finding]


#: How a criterion's text renders its source: word for word, in other words, or translated.
Wording: TypeAlias = Literal["quoted", "paraphrased", "translated"]


def _sources(value: Source | Iterable[Source]) -> tuple[Source, ...]:
    return (value,) if isinstance(value, Source) else tuple(value)


@attrs.frozen
class Criterion:
    """One requirement: an id, its titles, its sources, and a pure check.

    A criterion of a shipped rule set also has its wording in Danish and English
    (`text_da`, `text_en`, with `wording_da` and `wording_en` saying whether each
    is quoted, paraphrased or translated), its `scope` (one cluster, or the
    funder's whole portfolio), the `facts` it reads, and how solid its source is
    (`solidity`: A the issuer's own page, B a close secondary source, C inferred).
    """

    id: str
    title_da: str
    title_en: str
    sources: tuple[Source, ...] = attrs.field(converter=_sources)
    check: Check = attrs.field(eq=False, repr=False)
    text_da: str | None = attrs.field(default=None, kw_only=True)
    wording_da: Wording | None = attrs.field(default=None, kw_only=True)
    text_en: str | None = attrs.field(default=None, kw_only=True)
    wording_en: Wording | None = attrs.field(default=None, kw_only=True)
    scope: Literal["cluster", "portfolio"] = attrs.field(default="cluster", kw_only=True)
    facts: tuple[str, ...] = attrs.field(default=(), converter=tuple, kw_only=True)
    solidity: Literal["A", "B", "C"] | None = attrs.field(default=None, kw_only=True)
    note: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.sources:
            raise ValueError(f"criterion {self.id!r} names no source")

    @property
    def source(self) -> Source:
        """The first of `sources`: the one that states the criterion."""
        return self.sources[0]

    def title(self, lang: Lang = "en") -> str:
        """The title in `lang`."""
        return self.title_da if lang == "da" else self.title_en


def _to_criteria(criteria: Iterable[Criterion]) -> tuple[Criterion, ...]:
    """The criteria as a tuple, each id once."""
    criteria = tuple(criteria)
    ids = [c.id for c in criteria]
    if len(set(ids)) != len(ids):
        raise ValueError(f"criteria ids must be unique, got {ids}")
    return criteria


@attrs.frozen
class CriteriaSet:
    """An ordered, named collection of criteria; a shipped rule set says whose, and when.

    `id`, `issuer`, `period` (when the rules applied to clusters, either end
    unknown), `programme` (the programme or funder whose clusters they govern),
    `sources` and `note` come with the rule sets of `dk_clusters.rule_sets()`;
    `inferred` names those of them that are inferences.
    """

    name: str
    criteria: tuple[Criterion, ...] = attrs.field(converter=_to_criteria)
    id: str | None = attrs.field(default=None, kw_only=True)
    name_en: str | None = attrs.field(default=None, kw_only=True)
    issuer: str | None = attrs.field(default=None, kw_only=True)
    programme: str | None = attrs.field(default=None, kw_only=True)
    period: Period | None = attrs.field(default=None, kw_only=True)
    period_note: str | None = attrs.field(default=None, kw_only=True)
    inferred: frozenset[str] = attrs.field(default=frozenset(), converter=frozenset, kw_only=True)
    sources: tuple[Source, ...] = attrs.field(default=(), converter=tuple, kw_only=True)
    note: str | None = attrs.field(default=None, kw_only=True)

    def __iter__(self) -> Iterator[Criterion]:
        return iter(self.criteria)

    def __len__(self) -> int:
        return len(self.criteria)

    def __getitem__(self, id: str) -> Criterion:
        for criterion in self.criteria:
            if criterion.id == id:
                return criterion
        raise KeyError(id)


@attrs.frozen
class Verdict:
    """One criterion's outcome for one cluster, with its reason.

    `pending`: UNKNOWN because the rule allows time to meet it, and that time has
    not run out (as "gold, or a plan to become gold as soon as possible").
    """

    criterion: Criterion
    outcome: Outcome
    reason_da: str
    reason_en: str
    deciding_fields: tuple[str, ...] = ()
    pending: bool = False

    def reason(self, lang: Lang = "en") -> str:
        """The reason in `lang`."""
        return self.reason_da if lang == "da" else self.reason_en


def combine(outcomes: Iterable[Outcome]) -> Outcome:
    """FAIL if any fails, PASS if all pass (and there is at least one), else UNKNOWN."""
    seen = set(outcomes)
    if Outcome.FAIL in seen:
        return Outcome.FAIL
    return Outcome.PASS if seen == {Outcome.PASS} else Outcome.UNKNOWN


@attrs.frozen
class EligibilityReport:
    """A cluster checked against a criteria set on a date: an outcome and its verdicts.

    >>> import dk_clusters
    >>> reg = dk_clusters.load().as_of("2017-09")
    >>> report = dk_clusters.check_eligibility(reg.lookup("Welfare Tech"), registry=reg)
    >>> report.outcome, report.passed
    (<Outcome.UNKNOWN: 'unknown'>, False)
    >>> plain = report.to_dict()
    >>> plain["outcome"], plain["deciding_fields"]
    ('unknown', ['open_nationwide', 'business_led', 'innovation_network'])
    >>> plain["verdicts"][3]["criterion"], plain["verdicts"][3]["outcome"]
    ('gold-label', 'pass')
    """

    cluster: Cluster
    criteria: CriteriaSet
    on: PartialDate
    verdicts: tuple[Verdict, ...]

    @property
    def outcome(self) -> Outcome:
        """FAIL if any criterion fails, PASS only if all pass, else UNKNOWN."""
        return combine(v.outcome for v in self.verdicts)

    @property
    def passed(self) -> bool:
        """Whether the outcome is PASS: every criterion certainly passes.

        False for UNKNOWN as for FAIL, since an unknown is never counted as a pass:
        `outcome` tells the two apart (``report.outcome is Outcome.FAIL``).
        """
        return self.outcome is Outcome.PASS

    @property
    def deciding_fields(self) -> tuple[str, ...]:
        """The fields whose values would decide the UNKNOWN verdicts."""
        fields: dict[str, None] = {}
        for verdict in self.verdicts:
            fields.update(dict.fromkeys(verdict.deciding_fields))
        return tuple(fields)

    def to_dict(self, lang: Lang = "en") -> dict[str, Any]:
        """The report as plain values that `json.dumps` takes, reasons and titles in `lang`.

        Keys: ``cluster`` (its id), ``name``, ``criteria`` (the set's name),
        ``rule_set`` (its id, or None for criteria of your own), ``on``
        (the date as text), ``outcome`` (``"pass"``, ``"fail"`` or ``"unknown"``),
        ``passed``, ``deciding_fields``, and ``verdicts``: for each criterion, in
        order, its ``criterion`` id, ``title``, ``outcome``, ``reason``,
        ``deciding_fields`` and ``pending``. Lists are lists.
        """
        return {
            "cluster": self.cluster.id,
            "name": self.cluster.name,
            "criteria": self.criteria.name,
            "rule_set": self.criteria.id,
            "on": str(self.on),
            "outcome": self.outcome.value,
            "passed": self.passed,
            "deciding_fields": list(self.deciding_fields),
            "verdicts": [
                {
                    "criterion": v.criterion.id,
                    "title": v.criterion.title(lang),
                    "outcome": v.outcome.value,
                    "reason": v.reason(lang),
                    "deciding_fields": list(v.deciding_fields),
                    "pending": v.pending,
                }
                for v in self.verdicts
            ],
        }

    def to_text(self, lang: Lang = "en", width: int = 80) -> str:
        """The report for a person to read, in Danish or English, wrapped to `width`."""
        heading = (
            f"{self.cluster.name}: {self.outcome.label(lang)} ({self.criteria.name}, {self.on})"
        )
        rows = [
            (v.outcome.label(lang), v.criterion.title(lang), v.reason(lang)) for v in self.verdicts
        ]
        headers = (
            ("Udfald", "Krav", "Begrundelse")
            if lang == "da"
            else ("Outcome", "Criterion", "Reason")
        )
        return heading + "\n" + text_table(headers, rows, indent="  ", width=width)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        rows = [
            (v.outcome, link(v.criterion.source.url, v.criterion.title_en), v.reason_en)
            for v in self.verdicts
        ]
        caption = join_html(
            [f"{self.cluster.name}: ", self.outcome._html(), f" ({self.criteria.name}, {self.on})"],
            sep="",
        )
        return html_table(("Outcome", "Criterion", "Reason"), rows, caption=caption)
