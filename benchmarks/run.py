"""Benchmarks of dk_clusters: medians over repeated runs, printed as a table.

Run from a clone with ``python benchmarks/run.py`` (``--quick`` for a smoke run).
Timings are medians; compare them within one run, not across machines.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import dk_clusters
from dk_clusters import Certification, CertificationLabel, Cluster, PartialDate


def synthetic_clusters(n: int, seed: int = 1) -> list[Cluster]:
    """`n` valid clusters with random places and zero to two labels awarded 2012–2020."""
    rnd = random.Random(seed)
    municipalities = dk_clusters.municipalities()
    labels = list(CertificationLabel)
    clusters = []
    for i in range(n):
        m = rnd.choice(municipalities) if rnd.random() < 0.9 else None
        certifications = [
            Certification(
                rnd.choice(labels),
                awarded=PartialDate(rnd.randint(2012, 2020), rnd.randint(1, 12)),
            )
            for _ in range(rnd.randint(0, 2))
        ]
        clusters.append(
            Cluster(
                f"cluster-{i}",
                f"Cluster {i}",
                region=m.region if m else None,
                municipality=m.code if m else None,
                certifications=certifications,
            )
        )
    return clusters


def median_seconds(fn: Callable[[], Any], repeat: int) -> float:
    """The median wall time of `repeat` calls of `fn`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def aggregation(n: int, repeat: int) -> list[tuple[str, float]]:
    """Count `n` clusters by region and by label.

    The first label count includes working out each label's validity window;
    later ones reuse it.
    """
    clusters = synthetic_clusters(n)
    first = median_seconds(lambda: dk_clusters.count_by_label(clusters, on="2017-09"), 1)
    return [
        (
            f"count_by_region, {n:,} clusters",
            median_seconds(lambda: dk_clusters.count_by_region(clusters), repeat),
        ),
        (f"count_by_label, {n:,} clusters, first call", first),
        (
            f"count_by_label, {n:,} clusters",
            median_seconds(lambda: dk_clusters.count_by_label(clusters, on="2017-09"), repeat),
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="small N, few repeats: only proves it runs"
    )
    args = parser.parse_args(argv)
    n, repeat = (1_000, 2) if args.quick else (100_000, 5)
    rows = aggregation(n, repeat)
    python = platform.python_version()
    print(f"dk_clusters {dk_clusters.__version__}, Python {python}, {platform.machine()}")
    width = max(len(name) for name, _ in rows)
    print(f"{'what':<{width}}  median")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds * 1000:8.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
