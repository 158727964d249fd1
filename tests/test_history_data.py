"""The shipped history against the tables it was built from (``sources/*.csv``), row by row.

Every organisation, membership, lineage event and label event of the tables ships,
with the sources the row names; no value the tables tag as unverified ships as a
fact; every shipped fact names a source.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from dk_clusters import Cluster, PartialDate, Registry

ROOT = Path(__file__).resolve().parent.parent
TABLES = ROOT / "sources"
pytestmark = pytest.mark.skipif(
    not TABLES.is_dir(), reason="the source tables are not in this copy"
)

#: The ids the package kept from before the tables existed.
KEPT = {"gate21": "gate-21", "lifestyle_design_cluster": "innovation-network-lifestyle"}
#: Rows of the label table that name no organisation, so they do not ship.
NOT_ORGANISATIONS = {"copenhagen_finance_truncated", "unnamed_aviation_and_space"}
UNSURE = re.compile(r"\b(UNVERIFIED|UNKNOWN)\b")


def package_id(table_id: str) -> str:
    return KEPT.get(table_id, table_id.replace("_", "-"))


def rows(name: str) -> list[dict[str, str]]:
    with (TABLES / name).open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if not line.startswith("# ")]
    return list(csv.DictReader(lines))


def urls(cell: str) -> list[str]:
    return [u.strip() for u in cell.split(" ; ") if u.strip()]


def _bare(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def cited(cluster: Cluster) -> set[str]:
    """Every URL the cluster's records cite, without scheme, ``www.`` or trailing slash."""
    found = {_bare(s.url) for s in cluster.sources}
    for facts in (cluster.names, cluster.seats, cluster.memberships, cluster.certifications):
        for fact in facts:
            found |= {_bare(s.url) for s in fact.sources}
    return found


# --- every row ships ----------------------------------------------------------------------------


def test_every_organisation_of_the_tables_ships(history: Registry) -> None:
    table = rows("organisations.csv")
    assert len(table) == 73
    for row in table:
        cluster = history.get(package_id(row["id"]))
        assert cluster is not None, row["id"]
        name = re.sub(r" \(innovationsnetværk\)$", "", row["name"])  # a table's gloss
        known = {cluster.name, *cluster.aliases, *(n.name for n in cluster.names)}
        assert name in known, (row["id"], cluster.name)
        missing = {_bare(u) for u in urls(row["sources"])} - cited(cluster)
        assert not missing, (row["id"], missing)


def test_every_membership_row_ships_on_its_organisation(history: Registry) -> None:
    notes = {(c.id, (m.note or "").split(":")[0]): m for c in history for m in c.memberships}
    left_out = set()
    for row in rows("programmes.csv"):
        membership = notes.get((package_id(row["organisation_id"]), row["row_id"]))
        if membership is None:
            left_out.add(row["row_id"])
            continue
        assert membership.programme in {p.id for p in history.programmes()}
        if row["from"] and not UNSURE.search(row["confidence"]):
            assert str(membership.start or (membership.seen or [None])[0]) == row["from"], row[
                "row_id"
            ]
        assert {_bare(u) for u in urls(row["sources"])} <= {
            _bare(s.url) for s in membership.sources
        }
    # Applications whose outcome is unknown are not memberships: each is named in a note.
    assert left_out <= {"p075", "p076", "p090"}, left_out
    programme_notes = " ".join(p.note or "" for p in history.programmes())
    for row_id in left_out:
        assert row_id in programme_notes, row_id


def test_every_lineage_event_ships(history: Registry) -> None:
    events = {e.id: e for e in history.events}
    for row in rows("events.csv"):
        event = events[row["event_id"]]
        before = {package_id(i) for i in urls(row["orgs_before"])}
        after = {package_id(i) for i in urls(row["orgs_after"])}
        assert set(event.before) <= before, row["event_id"]
        assert set(event.after) <= after, row["event_id"]
        assert {_bare(u) for u in urls(row["sources"])} <= {_bare(s.url) for s in event.sources}


def test_every_label_event_ships(history: Registry) -> None:
    for row in rows("dk_labels.csv"):
        if row["id"] in NOT_ORGANISATIONS:
            assert history.get(package_id(row["id"])) is None
            continue
        cluster = history.get(package_id(row["id"]))
        assert cluster is not None, row["id"]
        labels = [c for c in cluster.certifications if c.label.value == row["label"]]
        assert labels, (row["id"], row["label"])
        if row["valid_until"] and not UNSURE.search(row["valid_until"]):
            assert row["valid_until"] in {str(c.valid_until) for c in labels}, row["id"]
        if row["awarded"] and not UNSURE.search(row["awarded"]):
            assert row["awarded"] in {str(c.awarded) for c in labels}, row["id"]


# --- nothing unverified ships as a fact ---------------------------------------------------------


def test_no_unverified_seat_ships_as_a_fact(history: Registry) -> None:
    for row in rows("organisations.csv"):
        if UNSURE.search(row["hq_confidence"]) and row["hq_kommunekode"]:
            cluster = history.get(package_id(row["id"]))
            assert cluster is not None
            stated = [s for s in cluster.seats if not s.inferred]
            assert row["hq_kommunekode"] not in {s.municipality for s in stated}, row["id"]


def test_no_unverified_award_date_ships(history: Registry) -> None:
    checked = 0
    for row in rows("dk_labels.csv"):
        if row["awarded"] != "UNVERIFIED" or row["id"] in NOT_ORGANISATIONS:
            continue
        cluster = history.get(package_id(row["id"]))
        assert cluster is not None, row["id"]
        same = [
            c
            for c in cluster.certifications
            if c.label.value == row["label"] and str(c.valid_until or "") == row["valid_until"]
        ]
        # The row's label ships with its award date unknown, not a guessed one.
        assert any(c.awarded is None for c in same), (row["id"], row["label"])
        checked += 1
    assert checked >= 25


def test_no_founding_or_end_marked_unverified_ships_as_a_fact(history: Registry) -> None:
    for row in rows("organisations.csv"):
        for field in ("founded", "ended"):
            tag = re.search(rf"{field}=(\w+)", row["confidence"])
            if tag and tag[1] in ("UNVERIFIED", "UNKNOWN") and row[field]:
                cluster = history.get(package_id(row["id"]))
                assert cluster is not None
                value = getattr(cluster, field)
                assert value is None or field in cluster.inferred, (row["id"], field, value)


# --- every fact names a source --------------------------------------------------------------------


def _facts(history: Registry) -> Iterator[tuple[str, object, tuple[object, ...]]]:
    for programme in history.programmes():
        yield f"programme {programme.id}", programme, programme.sources
    for event in history.events:
        yield f"event {event.id}", event, event.sources
    for cluster in history:
        yield f"cluster {cluster.id}", cluster, cluster.sources
        for kind in ("names", "seats", "memberships", "certifications"):
            for i, fact in enumerate(getattr(cluster, kind)):
                yield f"{cluster.id}.{kind}[{i}]", fact, fact.sources


def test_every_shipped_fact_names_a_source(history: Registry) -> None:
    unsourced = [where for where, _, sources in _facts(history) if not sources]
    assert unsourced == []
    assert sum(1 for _ in _facts(history)) > 400


def test_the_history_is_whole(history: Registry) -> None:
    assert 50 <= len(history) <= 100
    assert len(history.events) == 36
    assert {"syddansk-vaekstforum", "innovationskraft-2021-2024"} <= {
        p.id for p in history.programmes()
    }
    assert all(not c.labels_complete for c in history)


def test_every_legal_form_is_the_one_its_organisations_row_names(history: Registry) -> None:
    by_id = {package_id(r["id"]): r for r in rows("organisations.csv")}
    with_forms = [c for c in history if c.legal_forms]
    assert len(with_forms) >= 7
    for cluster in with_forms:
        row = " ".join(by_id[cluster.id].values()).casefold()
        for form in cluster.legal_forms:
            assert form.form == "forening"
            assert "forening" in row or "association" in row, cluster.id
            assert form.sources, cluster.id
            assert {_bare(s.url) for s in form.sources} <= {
                _bare(u) for u in urls(by_id[cluster.id]["sources"])
            }
    assert history.lookup("MARLOG").legal_form_on("2021-06").start == PartialDate(2020, 5)
    assert history.lookup("Danish Sound Cluster").legal_form_on("2022") is None
