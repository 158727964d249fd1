"""Partial dates, the three ECEI labels, and when a certification is valid."""

from __future__ import annotations

import datetime as dt
import operator

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import dk_clusters
from dk_clusters import (
    Certification,
    CertificationLabel,
    Cluster,
    FieldError,
    NotFoundError,
    PartialDate,
)
from strategies import certifications

GOLD, SILVER, BRONZE = CertificationLabel.GOLD, CertificationLabel.SILVER, CertificationLabel.BRONZE
D = dt.date

# --- PartialDate -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "parts", "precision"),
    [
        ("2017", (2017, None, None), "year"),
        ("2017-05", (2017, 5, None), "month"),
        ("2017-05-16", (2017, 5, 16), "day"),
    ],
    ids=["year", "month", "day"],
)
def test_parse_keeps_the_precision_it_was_given(
    text: str, parts: tuple[int, int | None, int | None], precision: str
) -> None:
    date = PartialDate.parse(text)
    assert (date.year, date.month, date.day) == parts
    assert date.precision == precision
    assert date == PartialDate(*parts)
    assert str(date) == text


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2017", D(2017, 1, 1), D(2017, 12, 31)),
        ("2017-05", D(2017, 5, 1), D(2017, 5, 31)),
        ("2017-04", D(2017, 4, 1), D(2017, 4, 30)),
        ("2017-05-16", D(2017, 5, 16), D(2017, 5, 16)),
        ("2016", D(2016, 1, 1), D(2016, 12, 31)),
        ("2016-02", D(2016, 2, 1), D(2016, 2, 29)),
        ("2017-02", D(2017, 2, 1), D(2017, 2, 28)),
        ("2000-02", D(2000, 2, 1), D(2000, 2, 29)),
        ("1900-02", D(1900, 2, 1), D(1900, 2, 28)),
        ("2016-02-29", D(2016, 2, 29), D(2016, 2, 29)),
        ("2017-12", D(2017, 12, 1), D(2017, 12, 31)),
        ("2017-01", D(2017, 1, 1), D(2017, 1, 31)),
        ("0001-01", D(1, 1, 1), D(1, 1, 31)),
        ("9999", D(9999, 1, 1), D(9999, 12, 31)),
        ("9999-12", D(9999, 12, 1), D(9999, 12, 31)),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_earliest_and_latest_bound_the_days_a_date_may_stand_for(
    text: str, earliest: dt.date, latest: dt.date
) -> None:
    date = PartialDate.parse(text)
    assert (date.earliest(), date.latest()) == (earliest, latest)


@pytest.mark.parametrize(
    "text",
    [
        "2017-13",
        "2017-02-30",
        "2017-02-29",
        "17",
        "2017-5",
        "2017-05-1",
        "",
        "2017/05",
        "2017-05-16T00:00",
        " 2017",
        "0000",
        "2017-00",
        "2017-01-00",
        "２０１７",  # fullwidth digits are digits to `re`, not to the format
    ],
    ids=repr,
)
def test_parse_rejects_what_is_not_a_date_of_the_format(text: str) -> None:
    with pytest.raises(ValueError, match="not a date"):
        PartialDate.parse(text)


def test_parse_wants_text() -> None:
    with pytest.raises(TypeError):
        PartialDate.parse(2017)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "parts",
    [(2017, 13), (2017, 0), (2017, 1, 0), (2017, 2, 29), (2017, None, 3), (0,)],
    ids=str,
)
def test_constructor_rejects_impossible_dates(parts: tuple[int | None, ...]) -> None:
    with pytest.raises(FieldError, match=r"must be in|needs a month"):
        PartialDate(*parts)  # type: ignore[arg-type]


def test_from_date_is_the_day() -> None:
    day = PartialDate.from_date(D(2017, 5, 16))
    assert day == PartialDate.parse("2017-05-16")
    assert day.precision == "day"
    assert PartialDate.from_date(dt.datetime(2017, 5, 16, 23, 59)) == day


# --- CertificationLabel ------------------------------------------------------------------


def test_labels_are_ordered_bronze_silver_gold() -> None:
    assert BRONZE < SILVER < GOLD
    assert GOLD > SILVER > BRONZE
    assert sorted([GOLD, BRONZE, SILVER]) == [BRONZE, SILVER, GOLD]
    assert max(CertificationLabel) is GOLD
    assert [label.rank for label in (BRONZE, SILVER, GOLD)] == [1, 2, 3]


@pytest.mark.parametrize("label", list(CertificationLabel), ids=str)
def test_a_label_ranks_level_with_itself(label: CertificationLabel) -> None:
    same = CertificationLabel.parse(label.value)
    assert label <= same
    assert label >= same
    assert not label < same
    assert not label > same


@pytest.mark.parametrize("compare", [operator.lt, operator.le, operator.gt, operator.ge])
def test_labels_do_not_compare_with_other_things(compare: object) -> None:
    with pytest.raises(TypeError):
        compare(GOLD, "silver")  # type: ignore[operator]


@pytest.mark.parametrize(
    ("label", "official_name", "name_da"),
    [
        (BRONZE, "Striving for Cluster Excellence", "bronze"),
        (SILVER, "Dedicated to Cluster Excellence", "sølv"),
        (GOLD, "Proven for Cluster Excellence", "guld"),
    ],
    ids=["bronze", "silver", "gold"],
)
def test_official_names(label: CertificationLabel, official_name: str, name_da: str) -> None:
    assert label.official_name == official_name
    assert label.name_da == name_da


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("gold", GOLD),
        ("GOLD", GOLD),
        (" Gold ", GOLD),
        ("silver", SILVER),
        ("bronze", BRONZE),
        ("Proven for Cluster Excellence", GOLD),
        ("dedicated to cluster excellence", SILVER),
        ("Striving for Cluster Excellence", BRONZE),
        ("guld", GOLD),
        ("Sølv", SILVER),
        ("solv", SILVER),
        ("BRONZE", BRONZE),
        ("Cluster Management Excellence", GOLD),
        ("Cluster Management Excellence Label GOLD", GOLD),
        ("Cluster Management Excellence Label SILVER", SILVER),
        ("Cluster Management Excellence Bronze", BRONZE),
        ("ECEI Gold Label", GOLD),
        ("gold label", GOLD),
        (GOLD, GOLD),
    ],
    ids=str,
)
def test_label_parse(text: str | CertificationLabel, label: CertificationLabel) -> None:
    assert CertificationLabel.parse(text) is label


def test_label_parse_suggests_a_danish_name_close_to_a_danish_query() -> None:
    with pytest.raises(NotFoundError) as excinfo:
        CertificationLabel.parse("guul")
    assert excinfo.value.suggestions == ("guld",)


def test_label_parse_suggests_a_close_label() -> None:
    with pytest.raises(NotFoundError) as excinfo:
        CertificationLabel.parse("golf")
    assert excinfo.value.suggestions == ("gold",)
    assert "'gold'" in str(excinfo.value)


def test_label_parse_rejects_blank() -> None:
    with pytest.raises(ValueError, match="blank"):
        CertificationLabel.parse("  ")


# --- Certification.valid_on ----------------------------------------------------------------


def _gold(
    awarded: str | None = None, valid_until: str | None = None, *seen_valid: str
) -> Certification:
    return Certification(
        GOLD,
        awarded=PartialDate.parse(awarded) if awarded else None,
        valid_until=PartialDate.parse(valid_until) if valid_until else None,
        seen_valid=[PartialDate.parse(s) for s in seen_valid],
    )


@pytest.mark.parametrize(
    ("certification", "on", "expected"),
    [
        # awarded some day in 2014: certainly valid from 31 Dec 2014 to 31 Dec 2015,
        # possibly from 1 Jan 2014 to 30 Dec 2016 (two years from the award).
        (_gold("2014"), "2013", False),
        (_gold("2014"), "2014", None),
        (_gold("2014"), "2014-12-31", True),
        (_gold("2014"), "2015", True),
        (_gold("2014"), "2016", None),
        (_gold("2014"), "2016-12-30", None),
        (_gold("2014"), "2016-12-31", False),
        (_gold("2014"), "2017", False),
        # awarded some day in May 2017
        (_gold("2017-05"), "2017-04", False),
        (_gold("2017-05"), "2017-05", None),
        (_gold("2017-05"), "2017-05-31", True),
        (_gold("2017-05"), "2017-09", True),
        (_gold("2017-05"), "2019-04", True),
        (_gold("2017-05"), "2019-05", None),
        (_gold("2017-05"), "2019-05-31", False),
        (_gold("2017-05"), "2019-06", False),
        # awarded on 16 May 2017: valid to 15 May 2019 exactly
        (_gold("2017-05-16"), "2017-05-15", False),
        (_gold("2017-05-16"), "2017-05-16", True),
        (_gold("2017-05-16"), "2017-05", None),
        (_gold("2017-05-16"), "2018", True),
        (_gold("2017-05-16"), "2019-05-15", True),
        (_gold("2017-05-16"), "2019-05-16", False),
        # awarded on a leap day: either anniversary convention agrees on these
        (_gold("2016-02-29"), "2018-02-27", True),
        (_gold("2016-02-29"), "2018-03-01", False),
        # a stated end wins over the two-year rule, shorter or longer
        (_gold("2017-05-16", "2018-06-30"), "2018-06-30", True),
        (_gold("2017-05-16", "2018-06-30"), "2018-07-01", False),
        (_gold("2017-05-16", "2018-06-30"), "2019-01", False),
        (_gold("2017-05-16", "2020-12"), "2020-06", True),
        (_gold("2017-05-16", "2020-12"), "2020-12", None),
        (_gold("2017-05-16", "2020-12"), "2021", False),
        # an end without an award: never certainly valid, certainly not after the end
        (_gold(None, "2018-06"), "2017", None),
        (_gold(None, "2018-06"), "2018-07", False),
        # seen valid in September 2017 (the press release): unknown outside that month
        (_gold(None, None, "2017-09"), "2017-09", True),
        (_gold(None, None, "2017-09"), "2017-09-15", True),
        (_gold(None, None, "2017-09"), "2017-08-31", None),
        (_gold(None, None, "2017-09"), "2017", None),
        (_gold(None, None, "2017-09"), "2030", None),
        (_gold(None, None, "2017-08", "2017-09"), "2017-08-15", True),
        # nothing known
        (_gold(), "2017-09", None),
        (_gold(), "1900", None),
    ],
    ids=lambda v: str(v) if isinstance(v, str | bool | None) else None,
)
def test_valid_on(certification: Certification, on: str, expected: bool | None) -> None:
    assert certification.valid_on(on) is expected


def test_valid_on_takes_a_date_a_partial_date_or_text() -> None:
    gold = _gold("2017-05-16")
    assert gold.valid_on(D(2017, 9, 1)) is True
    assert gold.valid_on(PartialDate(2017, 9)) is True
    assert gold.valid_on("2017-09") is True
    assert gold.valid_on(D(2017, 5, 15)) is False


@pytest.mark.parametrize("on", ["not a date", "2017-13", 12345])
def test_holds_label_rejects_a_bad_date_even_without_the_label(on: object) -> None:
    cluster = Cluster(id="x", name="X", certifications=[_gold("2017-05-16")])
    with pytest.raises((TypeError, ValueError)):
        cluster.holds_label(CertificationLabel.SILVER, on)  # type: ignore[arg-type]


def test_a_label_awarded_near_the_end_of_time_runs_to_the_last_day() -> None:
    late = Certification(CertificationLabel.BRONZE, awarded=PartialDate(9998))
    cluster = Cluster(id="x", name="X", certifications=[_gold("2016-09"), late])
    assert cluster.highest_label("2017-09") is CertificationLabel.GOLD
    assert late.valid_on("9999-12-30") is True
    assert cluster.holds_label(CertificationLabel.BRONZE, "9998-06") is None


def test_certification_rejects_an_end_before_the_award() -> None:
    with pytest.raises(ValueError, match="valid_until"):
        _gold("2017-05", "2017-04")


# --- properties ------------------------------------------------------------------------------


@st.composite
def date_texts(draw: st.DrawFn, min_year: int = 1, max_year: int = 9998) -> str:
    """Valid ``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD`` text.

    Year 9999 is left to the explicit cases above: its December is the edge of `datetime`.
    """
    day = draw(st.dates(D(min_year, 1, 1), D(max_year, 12, 31)))
    parts = [f"{day.year:04d}", f"{day.month:02d}", f"{day.day:02d}"]
    return "-".join(parts[: draw(st.integers(1, 3))])


@given(date_texts())
def test_text_round_trips(text: str) -> None:
    assert str(PartialDate.parse(text)) == text


@given(date_texts())
def test_earliest_is_never_after_latest(text: str) -> None:
    date = PartialDate.parse(text)
    first, last = date.earliest(), date.latest()
    assert first <= last
    assert first.year == last.year == date.year
    if date.month is not None:
        assert first.month == last.month == date.month
    assert first.day == (date.day or 1)
    # the day after the last is the start of the next month or year (or the same day + 1)
    if date.precision != "day":
        assert (last + dt.timedelta(days=1)).day == 1


@given(st.dates())
def test_a_day_is_its_own_earliest_and_latest(day: dt.date) -> None:
    date = PartialDate.from_date(day)
    assert date.earliest() == date.latest() == day
    assert PartialDate.parse(str(date)) == date


def _last_day_of_two_years_from(day: dt.date) -> dt.date:
    """The last day of a two-year label awarded on `day`, generous for 29 February."""
    try:
        anniversary = day.replace(year=day.year + 2)
    except ValueError:
        anniversary = D(day.year + 2, 3, 1)
    return anniversary - dt.timedelta(days=1)


def _possible_windows(certification: Certification) -> list[tuple[dt.date, dt.date]]:
    """Every (first, last) day the label could be valid, worked out from the fields alone."""
    windows = [(p.earliest(), p.latest()) for p in certification.seen_valid]
    awarded, valid_until = certification.awarded, certification.valid_until
    if awarded is not None or valid_until is not None:
        first = awarded.earliest() if awarded else dt.date.min
        if valid_until is not None:
            last = valid_until.latest()
        else:
            assert awarded is not None
            last = _last_day_of_two_years_from(awarded.latest())
        windows.append((first, last))
    return windows


@given(certifications(), st.dates(D(1995, 1, 1), D(2040, 12, 31)))
def test_valid_on_is_never_true_outside_every_possible_window(
    certification: Certification, day: dt.date
) -> None:
    assume(not any(first <= day <= last for first, last in _possible_windows(certification)))
    valid = certification.valid_on(day)
    assert valid is not True
    if certification.awarded is not None or certification.valid_until is not None:
        # the award or the stated end bounds the label, so the data can tell
        assert valid is False


@given(certifications(), date_texts(1995, 2040))
def test_valid_on_a_period_is_true_only_if_true_on_its_first_and_last_day(
    certification: Certification, text: str
) -> None:
    period = PartialDate.parse(text)
    if certification.valid_on(period) is True:
        assert certification.valid_on(period.earliest()) is True
        assert certification.valid_on(period.latest()) is True


def test_a_label_seen_valid_was_awarded_by_then() -> None:
    # Welfare Tech's first gold: awarded in 2014, seen valid on 4 July 2014.
    gold = Certification("gold", awarded="2014", seen_valid=["2014-07-04"])
    assert [gold.valid_on(d) for d in ("2014-06", "2014-12", "2015-12", "2016-07-04")] == [
        None,
        True,  # awarded by 4 July 2014 at the latest, valid two years from then
        True,
        False,  # expired by 3 July 2016 at the latest
    ]
    assert Certification("gold", awarded="2014").valid_on("2014-12") is None
    welfare = dk_clusters.load().lookup("Welfare Tech")
    assert welfare.holds_label("gold", on="2015-06") is True


@pytest.mark.parametrize(
    ("fields", "seen"),
    [
        ({"awarded": "2014"}, "2013-12"),  # before the award
        ({"awarded": "2014"}, "2017-01"),  # after two years from any day of 2014
        ({"awarded": "2014", "valid_until": "2015-06"}, "2015-07"),
    ],
)
def test_a_label_cannot_be_seen_valid_outside_its_validity(
    fields: dict[str, str], seen: str
) -> None:
    with pytest.raises(dk_clusters.FieldError, match=rf"seen_valid: {seen} is outside"):
        Certification("gold", seen_valid=[seen], **fields)  # type: ignore[arg-type]
