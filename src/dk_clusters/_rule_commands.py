"""The commands about rule sets: ``check`` (one cluster, or a programme's members) and ``rules``."""

from __future__ import annotations

import argparse
from typing import Any, Final

from ._criteria import CriteriaSet, EligibilityReport, Outcome, combine
from ._eligibility import check_eligibility, check_over_time
from ._layout import Lang, text_table, unknown
from ._registry import Registry
from ._rules import rule_set, rule_sets
from ._terminal import EXIT_FAIL, EXIT_OK, EXIT_UNKNOWN, Reported, width_of, word
from ._text import fold, suggest
from .exceptions import NotFoundError

#: The exit status of `check`, by outcome.
CHECK_EXIT: Final = {Outcome.PASS: EXIT_OK, Outcome.FAIL: EXIT_FAIL, Outcome.UNKNOWN: EXIT_UNKNOWN}


def cmd_check(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    rules = rule_set(args.rules) if args.rules else None
    if args.dates:
        return _check_over_dates(rules or rule_set("vaekstforum-2017"), args, lang)
    if args.cluster is None:
        return _check_members(reg, rules, args, lang)
    cluster = reg.lookup(args.cluster)
    report = check_eligibility(cluster, rules, registry=reg)
    status = CHECK_EXIT[report.outcome]
    if args.json:
        return Reported(report.to_dict(lang), status)
    text = report.to_text(lang, width=width_of(args))
    if cluster.exists_on(reg.snapshot) is False:
        gone = word("gone", lang).format(name=cluster.name, on=reg.snapshot)
        text = f"{text}\n\n{gone}"
    return Reported(text, status)


def _check_members(
    reg: Registry, rules: CriteriaSet | None, args: argparse.Namespace, lang: Lang
) -> Any:
    """Every cluster the rule set's programme had on the date, each against the rule set."""
    rules = rules or rule_set("vaekstforum-2017")
    reports = check_over_time(args.whole, rules, [reg.snapshot])
    status = CHECK_EXIT[combine(r.outcome for r in reports)]
    if args.json:
        return Reported([r.to_dict(lang) for r in reports], status)
    rows = [
        (
            r.cluster.name,
            r.outcome.label(lang),
            *(_PENDING if v.pending else v.outcome.symbol for v in r.verdicts),
        )
        for r in reports
    ]
    numbers = [str(i) for i in range(1, len(rules) + 1)]
    table = text_table(
        (word("cluster", lang), word("outcome", lang), *numbers), rows, width=width_of(args)
    )
    legend = [f"  {n}  {c.title(lang)} ({c.id})" for n, c in zip(numbers, rules, strict=True)]
    key = _marks(lang)
    heading = f"{rules.name} ({rules.id}), {reg.snapshot}"
    return Reported("\n".join([heading, table, "", *legend, "", key]), status)


def _check_over_dates(rules: CriteriaSet, args: argparse.Namespace, lang: Lang) -> Any:
    """The programme's members on each of ``--dates``: a row per cluster, a column per date.

    A cell is the overall outcome, or with ``--criterion`` that criterion's verdict.
    """
    ids = {fold(c.id): c.id for c in rules}
    if args.criterion is not None and args.criterion not in ids.values():
        raise NotFoundError("criterion", args.criterion, suggest(fold(args.criterion), ids))
    reports = check_over_time(args.whole, rules, args.dates)
    if args.cluster is not None:
        wanted = args.whole.lookup(args.cluster).id
        reports = tuple(r for r in reports if r.cluster.id == wanted)
    status = CHECK_EXIT[combine(r.outcome for r in reports)]
    if args.json:
        return Reported([r.to_dict(lang) for r in reports], status)

    def mark(report: EligibilityReport) -> str:
        if args.criterion is None:
            return report.outcome.symbol
        verdict = next(v for v in report.verdicts if v.criterion.id == args.criterion)
        return _PENDING if verdict.pending else verdict.outcome.symbol

    columns = [str(on) for on in args.dates]
    cells: dict[str, dict[str, str]] = {}
    for report in reports:
        cells.setdefault(report.cluster.name, {})[str(report.on)] = mark(report)
    rows = [(name, *(row.get(on, "-") for on in columns)) for name, row in cells.items()]
    table = text_table((word("cluster", lang), *columns), rows, width=width_of(args))
    what = rules[args.criterion].title(lang) if args.criterion else word("outcome", lang)
    key = _marks(lang)
    heading = f"{rules.name} ({rules.id}): {what}"
    return Reported("\n".join([heading, table, "", key, word("not_member", lang)]), status)


def _marks(lang: Lang) -> str:
    """What each mark of the tables means: the outcomes' symbols, and pending."""
    marks = [
        *(f"{o.symbol} {o.label(lang)}" for o in Outcome),
        f"{_PENDING} {word('pending', lang)}",
    ]
    return "  ".join(marks)


#: The mark of an UNKNOWN verdict that is pending: the rule still allows time to meet it.
_PENDING: Final = "…"


def cmd_rules(reg: Registry, args: argparse.Namespace, lang: Lang) -> Any:
    if args.rule_set is None:
        every = rule_sets()
        if args.json:
            return [_rule_set_json(r) for r in every]
        width = max(len(r.id or "") for r in every)
        lines = []
        for r in every:
            count = f"{len(r)} {word('criteria', lang)}"
            lines += [
                f"{r.id or '':<{width}}  {r.period or unknown(lang)}  ({count})",
                f"  {r.name}",
            ]
        return "\n".join(lines)
    found = rule_set(args.rule_set)
    if args.json:
        return _rule_set_json(found)
    criteria: list[tuple[object, ...]] = [
        (c.id, c.title(lang), f"{c.wording_da or '-'}, {c.wording_en or '-'}", c.scope)
        for c in found
    ]
    headers = ("id", word("criterion", lang), f"{word('wording', lang)} (da, en)", "scope")
    lines = [
        f"{found.name} ({found.id})",
        f"{word('issuer', lang)}: {found.issuer or unknown(lang)}",
        f"{word('period', lang)}: {found.period or unknown(lang)}"
        + (f" {word('is_inferred', lang)}" if "period" in found.inferred else ""),
        f"{word('programme', lang)}: {found.programme or '-'}",
        "",
        text_table(headers, criteria, width=width_of(args), keep=(0,)),
        "",
        f"{word('sources', lang)}:",
        *(f"  {s.title} <{s.url}>" for s in found.sources),
    ]
    return "\n".join(lines)


def _rule_set_json(found: CriteriaSet) -> Any:
    period = found.period
    return {
        "id": found.id,
        "name": found.name,
        "issuer": found.issuer,
        "programme": found.programme,
        "start": None if period is None or period.start is None else str(period.start),
        "end": None if period is None or period.end is None else str(period.end),
        "inferred": sorted(found.inferred),
        "criteria": [
            {
                "id": c.id,
                "title_da": c.title_da,
                "title_en": c.title_en,
                "text_da": c.text_da,
                "wording_da": c.wording_da,
                "text_en": c.text_en,
                "wording_en": c.wording_en,
                "scope": c.scope,
                "facts": list(c.facts),
                "sources": [s.url for s in c.sources],
            }
            for c in found
        ],
        "sources": [s.url for s in found.sources],
    }
