"""Benchmarks of dk_clusters against plain baselines, printed as two tables of medians.

Run from a clone with ``python benchmarks/run.py`` (about six minutes on two cores)
or ``python benchmarks/run.py --quick`` (under a minute: proves the script runs, nothing
more). Every pair is measured in the same run, alternating A B A B, and start-up
figures come from whole fresh interpreters. Ratios are dk_clusters / baseline: below
1 means dk_clusters is faster or smaller. A second table times the same work at
growing sizes, per item, to show that nothing grows faster than n log n. The targets
are informative; the script exits 0 whatever the figures. See benchmarks/README.md
for what each row means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib.util
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import timeit
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dk_clusters
from dk_clusters import Certification, Cluster, PartialDate, Registry

#: Modules that ``import dk_clusters`` must leave unloaded (json may be loaded).
HEAVY = (
    "cattrs",
    "importlib.resources",
    "importlib_resources",
    "pandas",
    "polars",
    "matplotlib",
)
SEED = 2017
LABEL_DAY = "2017-09"


# --- settings and rows --------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """How much to measure: record counts, repeats, fresh-process pairs and growth sizes.

    A growth sample covers at least `growth_items` items: at a small size, that many
    fresh objects (or calls) are timed together and the time is divided among them.
    """

    sizes: tuple[int, ...]
    repeat: int
    pairs: int
    calls: int
    memory_pairs: int
    growth_sizes: tuple[int, ...]
    growth_items: int
    quick: bool


QUICK = Settings(
    sizes=(200, 1_000),
    repeat=3,
    pairs=3,
    calls=2_000,
    memory_pairs=1,
    growth_sizes=(100, 1_000),
    growth_items=2_000,
    quick=True,
)
FULL = Settings(
    sizes=(1_000, 10_000, 100_000),
    repeat=7,
    pairs=11,
    calls=50_000,
    memory_pairs=3,
    growth_sizes=(100, 1_000, 10_000, 100_000),
    growth_items=20_000,
    quick=False,
)


@dataclass(frozen=True)
class Row:
    """One line of the table: a figure for dk_clusters, one for its baseline, their ratio."""

    name: str
    unit: str
    ours: str
    theirs: str = "-"
    ratio: float | None = None
    target: float | None = None
    skipped: str | None = None


def measured(
    name: str, unit: str, ours: float, theirs: float | None, target: float | None = None
) -> Row:
    """A row of two figures (`theirs` None: no baseline) and their ratio."""
    return Row(
        name,
        unit,
        _number(ours),
        "-" if theirs is None else _number(theirs),
        None if theirs is None else ours / theirs,
        target,
    )


def skipped(name: str, package: str) -> Row:
    """A row that cannot be measured because `package` is not installed."""
    return Row(name, "", "", skipped=f"skipped (pip install {package})")


def _number(value: float) -> str:
    """A figure with three or so significant digits and thousands separators."""
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


COLUMNS: tuple[tuple[str, int, str], ...] = (
    ("what", 38, "<"),
    ("unit", 9, "<"),
    ("dk_clusters", 11, ">"),
    ("baseline", 10, ">"),
    ("ratio", 7, ">"),
    ("target", 7, ">"),
    ("", 4, "<"),
)


def render(rows: Sequence[Row]) -> list[str]:
    """The table, one string per line, aligned, under 100 columns."""
    cells = [
        [row.name, row.unit, row.skipped]
        if row.skipped is not None
        else [
            row.name,
            row.unit,
            row.ours,
            row.theirs,
            "-" if row.ratio is None else f"{row.ratio:.2f}×",
            "" if row.target is None else f"≤{row.target:.1f}×",
            _verdict(row),
        ]
        for row in rows
    ]
    return table(COLUMNS, cells)


def table(columns: Sequence[tuple[str, int, str]], rows: Sequence[Sequence[str]]) -> list[str]:
    """A heading, a rule and the rows, each cell padded to its column (title, width, align)."""
    lines = ["  ".join(f"{title:{align}{width}}" for title, width, align in columns).rstrip()]
    lines.append("-" * len(lines[0]))
    for cells in rows:
        lines.append(
            "  ".join(
                f"{cell:{align}{width}}"
                for cell, (_, width, align) in zip(cells, columns, strict=False)
            ).rstrip()
        )
    return lines


def _verdict(row: Row) -> str:
    """The verdict: "ok" when the ratio meets the target, "over" when not, blank without one."""
    if row.ratio is None or row.target is None:
        return ""
    return "ok" if row.ratio <= row.target else "over"


def _pairs(count: int) -> str:
    """The count with its noun: "1 pair", "3 pairs"."""
    return f"{count} pair" if count == 1 else f"{count} pairs"


def progress(message: str) -> None:
    """Say what is being measured, on stderr, so the table on stdout stays clean."""
    print(f"... {message}", file=sys.stderr, flush=True)


def have(package: str) -> bool:
    """Whether `package` can be imported here (and so in the fresh processes too)."""
    return importlib.util.find_spec(package) is not None


# --- timing ----------------------------------------------------------------------------------


@contextmanager
def settled_heap() -> Iterator[None]:
    """Collect, then freeze the objects alive now, so no collection walks the harness's data."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def alternate(functions: Sequence[Callable[[], object]], repeat: int) -> list[list[float]]:
    """Seconds of each call of each function, called in turn A B A B ... `repeat` times.

    The result of a call is freed after the clock stops, so freeing is never timed.
    """
    samples: list[list[float]] = [[] for _ in functions]
    with settled_heap():
        for _ in range(repeat):
            for function, times in zip(functions, samples, strict=True):
                gc.collect()
                start = time.perf_counter()
                result = function()
                times.append(time.perf_counter() - start)
                del result
    return samples


def medians(samples: Sequence[Sequence[float]]) -> list[float]:
    """The median of each list of samples."""
    return [statistics.median(s) for s in samples]


def run_child(code: str, *args: str) -> list[str]:
    """Run `code` in a fresh interpreter and return the lines it prints.

    The child may write bytecode caches even where the environment says not to
    (``PYTHONDONTWRITEBYTECODE``): an installed package has them, and start-up
    figures should not include compiling dk_clusters from source.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    if result.returncode != 0:
        raise RuntimeError(f"a benchmark child process failed:\n{result.stderr}")
    return result.stdout.splitlines()


def alternate_children(codes: Sequence[str], pairs: int) -> list[list[list[str]]]:
    """The output of each child, run in turn A B A B ... `pairs` times after one warm-up round.

    The warm-up round (not kept) writes any missing bytecode caches.
    """
    for code in codes:
        run_child(code)
    outputs: list[list[list[str]]] = [[] for _ in codes]
    for _ in range(pairs):
        for code, lines in zip(codes, outputs, strict=True):
            lines.append(run_child(code))
    return outputs


# --- 1. import ---------------------------------------------------------------------------------

IMPORT_CHILD = """
import sys
import time
heavy = {heavy!r}
before = {{m for m in heavy if m in sys.modules}}
start = time.perf_counter()
import {module}
seconds = time.perf_counter() - start
print(seconds)
print(",".join(m for m in heavy if m in sys.modules and m not in before))
"""


def import_rows(settings: Settings) -> list[Row]:
    """``import dk_clusters`` against ``import attrs``, and which heavy modules it loads."""
    progress(f"import: {settings.pairs} pairs of fresh processes")
    ours, theirs = alternate_children(
        [IMPORT_CHILD.format(heavy=HEAVY, module=m) for m in ("dk_clusters", "attrs")],
        settings.pairs,
    )
    loaded = sorted({m for lines in ours for m in lines[1].split(",") if m})
    return [
        measured(
            "import dk_clusters vs import attrs",
            "ms",
            statistics.median(float(lines[0]) for lines in ours) * 1e3,
            statistics.median(float(lines[0]) for lines in theirs) * 1e3,
            1.1,
        ),
        Row(
            "import leaves heavy modules out",
            "yes/no",
            "no" if loaded else "yes",
            ", ".join(loaded) or "-",
        ),
    ]


# --- 2. cold start and later lookups -------------------------------------------------------------

#: The package data files that a cold start reads: `load()` reads the registry and
#: the two tables it checks the registry against.
FLOOR_FILES = ("clusters.json", "municipalities.json", "business_areas.json")

COLD_CHILDREN = {
    "dk_clusters": """
        import time
        start = time.perf_counter()
        import dk_clusters
        reg = dk_clusters.load()
        reg.lookup("Odense Robotics")
        dk_clusters.Region.parse("DK-83")
        print(time.perf_counter() - start)
    """,
    # The floor: the libraries a cold start cannot do without, reading the files it
    # reads the way it reads them (importlib.resources) and decoding them, with no
    # record built: the package's records and converter are never imported.
    "floor": f"""
        import time
        start = time.perf_counter()
        import importlib.resources
        import json
        import sys
        import attrs
        import cattrs
        data = importlib.resources.files("dk_clusters").joinpath("data")
        for name in {FLOOR_FILES!r}:
            json.loads(data.joinpath(name).read_bytes())
        seconds = time.perf_counter() - start
        built = any(m in sys.modules for m in ("dk_clusters._model", "dk_clusters._codec"))
        print("dk_clusters imported" if built else "ok")
        print(seconds)
    """,
    "countries": """
        import time
        start = time.perf_counter()
        import pycountry
        pycountry.countries.get(alpha_2="DK")
        print(time.perf_counter() - start)
    """,
    "subdivisions": """
        import time
        start = time.perf_counter()
        import pycountry
        pycountry.subdivisions.get(code="DK-83")
        print(time.perf_counter() - start)
    """,
}
COLD_NAMES = {
    "countries": "cold start vs countries.get",
    "floor": "cold start vs floor",
    "subdivisions": "cold start vs subdivisions.get",
}
COLD_TARGETS: dict[str, float | None] = {"countries": 1.5, "floor": 1.2, "subdivisions": None}
LATER_NAMES = ("later reg.lookup vs countries.get", "later Region.parse vs subdivisions.get")
LATER_TARGETS = (2.0, None)


def cold_start_rows(settings: Settings) -> list[Row]:
    """A fresh process's first lookups against the floor and pycountry's first look-ups."""
    baselines = ["floor", *(["countries", "subdivisions"] if have("pycountry") else [])]
    kinds = ["dk_clusters", *baselines]
    progress(f"cold start: {settings.pairs} rounds of {len(kinds)} fresh processes")
    outputs = alternate_children([COLD_CHILDREN[kind] for kind in kinds], settings.pairs)
    floor_runs = outputs[kinds.index("floor")]
    if any(lines[0] != "ok" for lines in floor_runs):
        raise RuntimeError("the floor's child process built dk_clusters' records")
    figures = {
        kind: statistics.median(float(lines[-1]) for lines in runs) * 1e3
        for kind, runs in zip(kinds, outputs, strict=True)
    }
    return [
        measured(COLD_NAMES[kind], "ms", figures["dk_clusters"], figures[kind], COLD_TARGETS[kind])
        if kind in figures
        else skipped(COLD_NAMES[kind], "pycountry")
        for kind in ("countries", "floor", "subdivisions")
    ]


def per_call_microseconds(
    statements: Sequence[str], env: dict[str, Any], s: Settings
) -> list[float]:
    """Median µs per call of each statement, `s.calls` calls a sample, samples alternated."""
    timers = [timeit.Timer(statement, globals=env) for statement in statements]
    for timer in timers:
        timer.timeit(100)  # warm-up: caches filled, tables read
    samples: list[list[float]] = [[] for _ in timers]
    for _ in range(s.repeat):
        for timer, times in zip(timers, samples, strict=True):
            times.append(timer.timeit(s.calls) / s.calls * 1e6)
    return medians(samples)


def later_lookup_rows(settings: Settings) -> list[Row]:
    """Lookups in a warm process; pycountry's warm look-ups beside them when installed."""
    progress("later lookups")
    env: dict[str, Any] = {"reg": dk_clusters.load(), "Region": dk_clusters.Region}
    statements = ['reg.lookup("Odense Robotics")', 'Region.parse("DK-83")']
    if have("pycountry"):
        import pycountry

        env["pycountry"] = pycountry
        statements += [
            'pycountry.countries.get(alpha_2="DK")',
            'pycountry.subdivisions.get(code="DK-83")',
        ]
    figures = per_call_microseconds(statements, env, settings)
    if len(figures) < 4:
        return [skipped(name, "pycountry") for name in LATER_NAMES]
    return [
        measured(name, "µs", ours, baseline, target)
        for name, ours, baseline, target in zip(
            LATER_NAMES, figures[:2], figures[2:], LATER_TARGETS, strict=True
        )
    ]


# --- generated registries ------------------------------------------------------------------------

PLACES = (
    "Odense", "Aarhus", "Aalborg", "Esbjerg", "Vejle", "Kolding", "Sønderborg", "Herning",
    "Roskilde", "Næstved", "København", "Hjørring", "Viborg", "Horsens", "Fyn", "Nordjysk",
    "Sjællandsk", "Midtjysk", "Syddansk", "Dansk", "Nordisk", "Øresund",
)  # fmt: skip
TOPICS = (
    ("Robot", "robotics"), ("Fødevare", "food"), ("Energi", "energy"),
    ("Vand", "water technology"), ("Design", "design"), ("Sundheds", "health"),
    ("Velfærds", "welfare technology"), ("Offshore", "offshore energy"),
    ("Materiale", "materials"), ("Turisme", "tourism"), ("Maritim", "maritime"),
    ("Byggeri", "construction"), ("Software", "software"), ("Life Science", "life science"),
    ("Bio", "bioeconomy"), ("Mode", "fashion"), ("Logistik", "logistics"), ("Spil", "games"),
    ("Lyd", "sound"), ("Cleantech", "cleantech"),
)  # fmt: skip
KINDS = ("Klynge", "Netværk", "Cluster", "Alliance", "Partnerskab", "Innovationsnetværk", "Hub")
SECTORS = (*(sector for _, sector in TOPICS), "digitalisation", "automation", "export")
NOTES = (
    "The secretariat moved in {year}; the registry gives the address at the snapshot.",
    "Formed in {year} by the merger of two regional networks.",
    "The label was confirmed by the cluster's own annual report for {year}.",
    "Members are mostly small and medium-sized companies ({year} figures).",
)
PAGES = {"om-os": "Om klyngen", "medlemmer": "Medlemmer", "nyheder": "Klyngen får nyt label"}
SHARED_SOURCES = tuple(
    {
        "url": f"https://regionsyddanmark.dk/nyheder/{year}/klynger-{k}",
        "title": f"Klyngerne i regionen, {year} (Region Syddanmark, pressemeddelelse)",
        "published": f"{year}-{k % 12 + 1:02d}",
        "note": None if k % 3 else "Lists the region's cluster organisations and their labels.",
    }
    for k, year in enumerate(range(2010, 2021), start=1)
    for _ in range(2)
)


def partial_date(rnd: random.Random, first: int, last: int) -> str:
    """A random date at year, month or day precision (a fifth, a half, the rest)."""
    year = rnd.randint(first, last)
    roll = rnd.random()
    if roll < 0.2:
        return f"{year}"
    if roll < 0.7:
        return f"{year}-{rnd.randint(1, 12):02d}"
    return f"{year}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"


def source(rnd: random.Random, slug: str, page: str) -> dict[str, Any]:
    """A source: half of them one of a few shared press releases, half a page of the cluster's."""
    if rnd.random() < 0.5:
        return dict(rnd.choice(SHARED_SOURCES))
    return {
        "url": f"https://www.{slug}.dk/{page}/{rnd.randint(1, 999)}",
        "title": f"{PAGES[page]} ({slug}.dk)",
        "published": partial_date(rnd, 2010, 2020) if rnd.random() < 0.9 else None,
        "note": None if rnd.random() < 0.6 else "The page the record's facts are taken from.",
    }


def _a_year_on(awarded: str) -> str:
    """The year after `awarded`, at its precision down to the month."""
    year, *rest = awarded.split("-")
    return "-".join([str(int(year) + 1), *rest[:1]])


def certification(rnd: random.Random, slug: str) -> dict[str, Any]:
    """A label: mostly an award with a date, sometimes only a sighting of a valid label."""
    awarded = partial_date(rnd, 2010, 2020) if rnd.random() < 0.85 else None
    roll = rnd.random()
    seen_valid = (
        [LABEL_DAY]
        if awarded is None
        else [_a_year_on(awarded)]  # within the two years the label is valid
        if roll < 0.15
        else []
    )
    return {
        "label": rnd.choices(("gold", "silver", "bronze"), (3, 2, 5))[0],
        "awarded": awarded,
        "valid_until": None,
        "awarded_by": "ESCA",
        "seen_valid": seen_valid,
        "sources": [source(rnd, slug, "nyheder")],
        "note": None if rnd.random() < 0.7 else "Label assessment by ESCA benchmarking.",
    }


def cluster(rnd: random.Random, i: int, name: str, topic: tuple[str, str]) -> dict[str, Any]:
    """One cluster record in the registry file format, every key present, in to_json's order."""
    place = name.split(maxsplit=1)[0]
    slug = "-".join(name.lower().translate(ASCII).split())
    municipality = rnd.choice(MUNICIPALITIES) if rnd.random() < 0.9 else None
    region = municipality[1] if municipality else None
    backed = rnd.random() < (0.6 if region == "DK-83" else 0.03)
    area = rnd.choice(AREAS) if backed or rnd.random() < 0.1 else None
    aliases = [f"{place} {topic[1]} cluster", "".join(w[0] for w in name.split()).upper()]
    others = [s for s in SECTORS if s != topic[1]]
    return {
        "id": f"cluster-{i:05d}",
        "name": name,
        "name_en": f"{place} {topic[1].title()} Cluster" if rnd.random() < 0.4 else None,
        "aliases": aliases[: rnd.randint(0, 2)],
        "region": region,
        "municipality": municipality[0] if municipality else None,
        "sectors": [topic[1], *rnd.sample(others, rnd.randint(0, 2))],
        "website": f"https://www.{slug}.dk" if rnd.random() < 0.8 else None,
        "certifications": [
            certification(rnd, slug) for _ in range(rnd.choices((0, 1, 2, 3), (30, 45, 18, 7))[0])
        ],
        "backers": ["syddansk-vaekstforum"] if backed else [],
        "business_area": area,
        "open_nationwide": rnd.choice((None, None, True, False)),
        "business_led": rnd.choice((None, None, True, False)),
        "innovation_network": rnd.choice((None, None, True, False)),
        "sources": [
            source(rnd, slug, rnd.choice(("om-os", "medlemmer"))) for _ in range(rnd.randint(1, 2))
        ],
        "inferred": ["business_area"] if area and rnd.random() < 0.3 else [],
        "note": rnd.choice(NOTES).format(year=rnd.randint(2005, 2017))
        if rnd.random() < 0.25
        else None,
        "founded": partial_date(rnd, 2000, 2012) if rnd.random() < 0.7 else None,
        "ended": None,
        "names": [],
        "seats": [],
        "memberships": [membership(rnd, slug)] if backed else [],
        "legal_forms": [],
        "labels_complete": True,
    }


def membership(rnd: random.Random, slug: str) -> dict[str, Any]:
    """Support from the growth forum for a few years, sourced by a page of the cluster's."""
    start = rnd.randint(2012, 2016)
    return {
        "programme": PROGRAMME["id"],
        "start": str(start),
        "end": str(start + rnd.randint(1, 3)),
        "seen": [],
        "role": None,
        "sources": [source(rnd, slug, "nyheder")],
        "inferred": rnd.random() < 0.2,
        "note": None,
    }


ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
#: The programme the generated memberships belong to.
PROGRAMME: dict[str, Any] = {
    "id": "syddansk-vaekstforum",
    "name": "Syddansk Vækstforum",
    "kind": "regional-support",
    "name_en": None,
    "funder": "Region Syddanmark",
    "start": None,
    "end": None,
    "sources": [dict(SHARED_SOURCES[0])],
    "note": None,
}
MUNICIPALITIES = tuple((m.code, m.region.value) for m in dk_clusters.municipalities())
AREAS = tuple(a.id for a in dk_clusters.business_areas())


def generate_document(n: int, seed: int = SEED) -> dict[str, Any]:
    """A registry document of `n` varied, valid clusters, as JSON-ready dicts."""
    rnd = random.Random(seed)
    seen: dict[str, int] = {}
    clusters = []
    for i in range(1, n + 1):
        topic = rnd.choice(TOPICS)
        base = f"{rnd.choice(PLACES)} {topic[0]} {rnd.choice(KINDS)}"
        seen[base] = seen.get(base, 0) + 1
        name = base if seen[base] == 1 else f"{base} {seen[base]}"
        clusters.append(cluster(rnd, i, name, topic))
    return {
        "snapshot": "2020",
        "sources": [],
        "programmes": [PROGRAMME],
        "clusters": clusters,
        "events": [],
    }


def encode(document: dict[str, Any]) -> bytes:
    """The document as UTF-8 JSON bytes."""
    return json.dumps(document, ensure_ascii=False).encode()


# --- 3. reading and writing JSON ------------------------------------------------------------------


@dataclass
class Corpus:
    """One generated registry at one size: its dicts, its bytes and the registry read from them."""

    n: int
    document: dict[str, Any]
    data: bytes
    registry: Registry


def corpus(n: int) -> Corpus:
    """Generate `n` records and check, untimed, that `Registry.from_json` reads them all."""
    document = generate_document(n)
    data = encode(document)
    registry = Registry.from_json(data)
    if len(registry) != n:
        raise RuntimeError(f"Registry.from_json read {len(registry)} clusters, not {n}")
    return Corpus(n, document, data, registry)


def writes_exactly(c: Corpus) -> bool:
    """Whether to_json writes the generated document itself: every key, in the same order."""
    return c.registry.to_json() == json.dumps(c.document, ensure_ascii=False, indent=2) + "\n"


def json_rows(c: Corpus, settings: Settings) -> list[Row]:
    """``Registry.from_json`` against ``json.loads``, and ``to_json`` against ``json.dumps``."""
    progress(f"from_json and to_json, {c.n:,} records, {settings.repeat} repeats")
    data, document, registry = c.data, c.document, c.registry
    reads = medians(
        alternate([lambda: Registry.from_json(data), lambda: json.loads(data)], settings.repeat)
    )
    writes = medians(
        alternate(
            [
                registry.to_json,
                lambda: json.dumps(document, ensure_ascii=False, indent=2),
            ],
            settings.repeat,
        )
    )
    per_record = 1e6 / c.n
    return [
        measured(
            f"from_json {c.n:,} vs json.loads",
            "µs/record",
            reads[0] * per_record,
            reads[1] * per_record,
            4.0,
        ),
        measured(
            f"to_json {c.n:,} vs json.dumps",
            "µs/record",
            writes[0] * per_record,
            writes[1] * per_record,
            1.3,
        ),
    ]


# --- 4. counting -------------------------------------------------------------------------------


def aggregation_rows(c: Corpus, settings: Settings) -> tuple[list[Row], bool | None]:
    """count_by_region and count_by_label against pandas doing the same from the same objects.

    Also whether both give the same counts (None when pandas is missing).
    """
    names = [f"{what} {c.n:,} vs pandas" for what in ("count_by_region", "count_by_label")]
    names.append(f"region + label {c.n:,} vs pandas")
    if not have("pandas"):
        return [skipped(name, "pandas") for name in names], None
    progress(f"counting, {c.n:,} clusters, {settings.repeat} repeats")
    import pandas as pd

    registry = c.registry
    on = PartialDate.parse(LABEL_DAY)

    def pandas_by_region() -> Any:
        frame = pd.DataFrame({"region": [cl.region for cl in registry]})
        return frame.groupby("region", sort=False, dropna=False).size()

    def pandas_by_label() -> Any:
        frame = pd.DataFrame({"label": [cl.highest_label(on) for cl in registry]})
        return frame.groupby("label", sort=False, dropna=False).size()

    functions: list[Callable[[], object]] = [
        lambda: dk_clusters.count_by_region(registry),
        lambda: dk_clusters.count_by_label(registry, on=LABEL_DAY),
        pandas_by_region,
        pandas_by_label,
    ]
    for function in functions:  # warm-up: every label's validity window is worked out once
        function()
    samples = alternate(functions, settings.repeat)
    ours_region, ours_label, theirs_region, theirs_label = medians(samples)
    ours_total = statistics.median(a + b for a, b in zip(samples[0], samples[1], strict=True))
    theirs_total = statistics.median(a + b for a, b in zip(samples[2], samples[3], strict=True))
    same = sorted(dk_clusters.count_by_region(registry).values()) == sorted(
        pandas_by_region().tolist()
    ) and sorted(dk_clusters.count_by_label(registry, on=LABEL_DAY).values()) == sorted(
        pandas_by_label().tolist()
    )
    rows = [
        measured(names[0], "ms", ours_region * 1e3, theirs_region * 1e3),
        measured(names[1], "ms", ours_label * 1e3, theirs_label * 1e3),
        measured(names[2], "ms", ours_total * 1e3, theirs_total * 1e3, 0.5),
    ]
    return rows, same


# --- 5. memory ----------------------------------------------------------------------------------

MEMORY_CHILD = """
import gc
import sys
import tracemalloc
{setup}
with open(sys.argv[1], "rb") as f:
    data = f.read()
gc.collect()
tracemalloc.start()
built = {build}
gc.collect()
current, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
print(current, peak, {count})
"""
MEMORY_CODES = (
    MEMORY_CHILD.format(
        setup="import dk_clusters\ndk_clusters.load()  # the converter and the shipped tables",
        build="dk_clusters.Registry.from_json(data)",
        count="len(built)",
    ),
    MEMORY_CHILD.format(
        setup="import json", build="json.loads(data)", count='len(built["clusters"])'
    ),
)


def memory_rows(c: Corpus, settings: Settings) -> list[Row]:
    """Bytes retained per record: the registry against the same data as decoded dicts.

    Each figure comes from its own fresh process, traced with tracemalloc from
    just before the build to just after it (after a collection), so only what the
    build keeps is counted; fixed costs (modules, shipped tables) are paid before.
    """
    progress(f"memory, {c.n:,} records, {_pairs(settings.memory_pairs)} of fresh processes")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clusters.json"
        path.write_bytes(c.data)
        figures: list[list[float]] = [[], []]
        for _ in range(settings.memory_pairs):
            for code, kept in zip(MEMORY_CODES, figures, strict=True):
                current, _, count = run_child(code, str(path))[-1].split()
                if int(count) != c.n:
                    raise RuntimeError(f"the memory child built {count} records, not {c.n}")
                kept.append(int(current) / c.n)
    ours, theirs = medians(figures)
    return [measured(f"memory {c.n:,} vs json.loads dicts", "B/record", ours, theirs, 0.7)]


# --- 6. growth ----------------------------------------------------------------------------------

#: The size whose per-item time the largest size's is compared with (or the smallest
#: size measured, when this one is the largest).
GROWTH_BASE = 1_000
#: Per item at the largest size ÷ per item at the base: at most this, and the work
#: grows no faster than n log n in practice (n log n gives about 1.7× from 10³ to 10⁵).
GROWTH_TARGET = 2.0
SHORT_QUERY = "Odense Robot"
#: A query of several hundred characters: text pasted from a description.
LONG_QUERY = (
    "Klyngeorganisation for robotteknologi, automatisering og droner i Odense og på Fyn, "
    "med medlemsvirksomheder fra hele Syddanmark, forsknings- og uddannelsesinstitutioner, "
    "kommuner og regionen; netværket arbejder med innovation, internationalisering, "
    "kompetenceudvikling og test af nye løsninger, og klyngen har været guldcertificeret "
    "af ESCA siden 2017 som led i Syddansk Vækstforums strategi for forretningsområderne."
)
GROWTH_NAMES = (
    "windows of 1 cluster, µs/cert",
    "check_registry, µs/cluster",
    f'search "{SHORT_QUERY}", µs/cluster',
    "search, long query, µs/cluster",
)


@dataclass(frozen=True)
class GrowthRow:
    """Time per item of one piece of work at each size, and how much it grows."""

    name: str
    per_item: tuple[float, ...]  # µs, one per size
    base: int  # the index of the size the largest is compared with

    @property
    def ratio(self) -> float:
        """Per item at the largest size ÷ per item at the base size."""
        return self.per_item[-1] / self.per_item[self.base]


def growth_base(sizes: Sequence[int]) -> int:
    """The index of the size to compare the largest with: `GROWTH_BASE`, or the smallest."""
    return sizes.index(GROWTH_BASE) if GROWTH_BASE in sizes[:-1] else 0


#: Builds, untimed, the work for one sample at size n: a call to time and how many
#: items (certifications or clusters) it covers.
Sample = Callable[[int], tuple[Callable[[], object], int]]


def grow(sample: Sample, settings: Settings) -> tuple[float, ...]:
    """Median µs per item of `sample` at each growth size, the sizes taken in turn each round.

    Whatever a sample builds is collected and frozen before the clock starts, so no
    collection walks it; its result is freed after the clock stops.
    """
    samples: list[list[float]] = [[] for _ in settings.growth_sizes]
    with settled_heap():
        for _ in range(settings.repeat):
            for n, times in zip(settings.growth_sizes, samples, strict=True):
                call, items = sample(n)
                gc.collect()
                gc.freeze()
                start = time.perf_counter()
                result = call()
                times.append((time.perf_counter() - start) / items * 1e6)
                del result, call
    return tuple(medians(samples))


def batch(n: int, settings: Settings) -> int:
    """How many objects or calls of size `n` make one sample of at least `growth_items` items."""
    return max(1, math.ceil(settings.growth_items / n))


LABELS = ("gold", "silver", "bronze")


def certification_args(n: int) -> list[dict[str, Any]]:
    """The arguments of `n` certifications with varied labels and dates, in random order.

    Awards fall at year, month or day precision anywhere from the year 1000 to 9990;
    a fifth have an end date, a tenth a sighting, a twentieth only a sighting.
    """
    rnd = random.Random(SEED + n)
    found: list[dict[str, Any]] = []
    for _ in range(n):
        label = rnd.choices(LABELS, (3, 2, 5))[0]
        if rnd.random() < 0.05:
            seen = PartialDate.parse(partial_date(rnd, 1000, 9990))
            found.append({"label": label, "seen_valid": (seen,)})
            continue
        awarded = PartialDate.parse(partial_date(rnd, 1000, 9990))
        until = PartialDate(awarded.year + rnd.randint(1, 3)) if rnd.random() < 0.2 else None
        roll = rnd.random()
        seen_valid = (PartialDate(awarded.year + 1, rnd.randint(1, 12)),) if roll < 0.1 else ()
        found.append(
            {"label": label, "awarded": awarded, "valid_until": until, "seen_valid": seen_valid}
        )
    return found


def windows_sample(settings: Settings) -> Sample:
    """Fresh clusters of n fresh certifications each; the call is each one's first label."""
    args = {n: certification_args(n) for n in settings.growth_sizes}
    on = PartialDate.parse(LABEL_DAY)

    def sample(n: int) -> tuple[Callable[[], object], int]:
        count = batch(n, settings)
        clusters = [
            Cluster(
                f"merge-{k}",
                f"Merge {k}",
                certifications=[Certification(**kwargs) for kwargs in args[n]],
            )
            for k in range(count)
        ]
        return (lambda: [c.highest_label(on) for c in clusters]), count * n

    return sample


def registry_sample(
    corpora: dict[int, Corpus], settings: Settings, work: Callable[[Registry], object]
) -> Sample:
    """Calls of `work` on the generated registry of n clusters, warmed up once first."""
    for n in settings.growth_sizes:
        work(corpora[n].registry)

    def sample(n: int) -> tuple[Callable[[], object], int]:
        registry, count = corpora[n].registry, batch(n, settings)
        return (lambda: [work(registry) for _ in range(count)]), count * n

    return sample


def growth_rows(corpora: dict[int, Corpus], settings: Settings) -> tuple[list[GrowthRow], bool]:
    """Per-item times at growing sizes: label windows, check_registry and search.

    Also whether check_registry gave one report per cluster at every size.
    """
    sizes = ", ".join(f"{n:,}" for n in settings.growth_sizes)
    progress(f"growth at {sizes}, {settings.repeat} rounds")
    reports_all = all(
        len(dk_clusters.check_registry(corpora[n].registry)) == n for n in settings.growth_sizes
    )
    samples = [
        windows_sample(settings),
        registry_sample(corpora, settings, dk_clusters.check_registry),
        registry_sample(corpora, settings, lambda reg: reg.search(SHORT_QUERY)),
        registry_sample(corpora, settings, lambda reg: reg.search(LONG_QUERY)),
    ]
    base = growth_base(settings.growth_sizes)
    rows = []
    for name, sample in zip(GROWTH_NAMES, samples, strict=True):
        progress(f"growth: {name}")
        rows.append(GrowthRow(name, grow(sample, settings), base))
    return rows, reports_all


def render_growth(sizes: Sequence[int], rows: Sequence[GrowthRow]) -> list[str]:
    """The growth table: a column per size, then the ratio, target and verdict."""
    columns = [
        ("growth: time per item at n", 34, "<"),
        *((f"{n:,}", 8, ">") for n in sizes),
        ("ratio", 7, ">"),
        ("target", 7, ">"),
        ("", 4, "<"),
    ]
    cells = [
        [
            row.name,
            *map(_number, row.per_item),
            f"{row.ratio:.2f}×",
            f"≤{GROWTH_TARGET:.1f}×",
            "ok" if row.ratio <= GROWTH_TARGET else "over",
        ]
        for row in rows
    ]
    return table(columns, cells)


# --- the run -----------------------------------------------------------------------------------


def header(settings: Settings) -> list[str]:
    """Date, machine, Python and dk_clusters versions, then the mode."""
    mode = "quick: proves it runs, the figures mean nothing" if settings.quick else "full"
    return [
        f"dk_clusters {dk_clusters.__version__}, {dt.datetime.now():%Y-%m-%d %H:%M}, "
        f"{platform.machine()}, {os.cpu_count()} cpus, "
        f"{platform.python_implementation()} {platform.python_version()}",
        f"mode: {mode}",
    ]


def footer(settings: Settings, checks: dict[str, bool | None]) -> list[str]:
    """How the figures were taken, and the untimed checks."""
    missing = [p for p in ("pycountry", "pandas") if not have(p)]
    lines = [f"baselines missing: pip install {' '.join(missing)}"] if missing else []
    sizes = settings.growth_sizes
    base = sizes[growth_base(sizes)]
    said = "; ".join(
        f"{what}: {'-' if ok is None else 'yes' if ok else 'NO'}" for what, ok in checks.items()
    )
    return [
        *lines,
        f"medians of {settings.repeat} alternated runs; start-up: {settings.pairs} fresh "
        f"processes each; memory: {_pairs(settings.memory_pairs)} of processes.",
        "ratio = dk_clusters / baseline (below 1: dk_clusters is faster or smaller); "
        "targets inform.",
        f"growth: µs per item, each sample at least {settings.growth_items:,} items; "
        f"ratio = at {sizes[-1]:,} / at {base:,}.",
        f"checks: {said}",
    ]


def run(settings: Settings) -> list[str]:
    """Measure every row and return the report's lines."""
    rows = import_rows(settings) + cold_start_rows(settings) + later_lookup_rows(settings)
    wanted = sorted({*settings.sizes, *settings.growth_sizes})
    progress(f"generating {', '.join(f'{n:,}' for n in wanted)} records")
    corpora = {n: corpus(n) for n in wanted}
    exact = writes_exactly(corpora[settings.sizes[0]])
    for n in settings.sizes:
        rows += json_rows(corpora[n], settings)
    largest = corpora[settings.sizes[-1]]
    counting, same_counts = aggregation_rows(largest, settings)
    rows += counting
    rows += memory_rows(largest, settings)
    growth, reports_all = growth_rows(corpora, settings)
    checks = {
        "to_json gives the text back": exact,
        "pandas counts the same": same_counts,
        "a report per cluster": reports_all,
    }
    return [
        *header(settings),
        "",
        *render(rows),
        "",
        *render_growth(settings.growth_sizes, growth),
        "",
        *footer(settings, checks),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; always 0 once it has run."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--quick", action="store_true", help="small sizes, few repeats: only proves it runs"
    )
    args = parser.parse_args(argv)
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")  # µ and × whatever the locale
    started = time.perf_counter()
    lines = run(QUICK if args.quick else FULL)
    print("\n".join(lines))
    print(f"wall time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
