"""Hypothesis strategies for records, shared by the property tests."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

import dk_clusters
from dk_clusters import Certification, CertificationLabel, Cluster, PartialDate, Region, Source

slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(str.strip)


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(st.dates(dt.date(2005, 1, 1), dt.date(2030, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate.from_date(day)


sources = st.builds(
    Source,
    url=slugs.map(lambda s: f"https://{s}.example/"),
    title=names,
    published=st.none() | partial_dates(),
)


@st.composite
def certifications(draw: st.DrawFn) -> Certification:
    awarded = draw(st.none() | partial_dates())
    valid_until = draw(st.none() | partial_dates())
    if awarded and valid_until and valid_until.latest() < awarded.earliest():
        awarded, valid_until = valid_until, awarded
    seen = draw(st.lists(partial_dates(), max_size=2, unique=True))
    if awarded is not None:  # a source sees an awarded label valid only while it is
        seen = [d for d in seen if _possible(awarded, valid_until, d)]
    return Certification(
        draw(st.sampled_from(CertificationLabel)),
        awarded=awarded,
        valid_until=valid_until,
        seen_valid=seen,
        sources=draw(st.lists(sources, max_size=1)),
    )


def _possible(awarded: PartialDate, valid_until: PartialDate | None, seen: PartialDate) -> bool:
    try:
        Certification("gold", awarded=awarded, valid_until=valid_until, seen_valid=[seen])
    except dk_clusters.FieldError:
        return False
    return True


@st.composite
def clusters(draw: st.DrawFn, id: st.SearchStrategy[str] = slugs) -> Cluster:
    municipality = draw(st.none() | st.sampled_from(dk_clusters.municipalities()))
    if municipality is not None:
        region = draw(st.sampled_from([municipality.region, None]))
    else:
        region = draw(st.none() | st.sampled_from(Region))
    return Cluster(
        draw(id),
        draw(names),
        region=region,
        municipality=municipality.code if municipality and region else None,
        aliases=draw(st.lists(names, max_size=2, unique=True)),
        certifications=draw(st.lists(certifications(), max_size=3)),
        backers=draw(
            st.lists(
                st.sampled_from(["syddansk-vaekstforum", "vaekstforum-hovedstaden"]), unique=True
            )
        ),
        business_area=draw(
            st.none() | st.sampled_from([a.id for a in dk_clusters.business_areas()])
        ),
        open_nationwide=draw(st.none() | st.booleans()),
        sources=draw(st.lists(sources, max_size=2)),
    )


@st.composite
def cluster_lists(draw: st.DrawFn, max_size: int = 12) -> list[Cluster]:
    """Clusters with unique ids."""
    ids = draw(st.lists(slugs, max_size=max_size, unique=True))
    return [draw(clusters(id=st.just(i))) for i in ids]


on_dates = st.none() | partial_dates()
