"""Check a built wheel: it holds every file of the package, and the sdist builds the same wheel.

Usage: python .ci/check_wheel.py WHEEL WHEEL_FROM_SDIST SRC_PACKAGE_DIR
"""

from __future__ import annotations

import hashlib
import sys
import zipfile
from pathlib import Path


def contents(wheel: Path) -> dict[str, str]:
    """Each file of `wheel` and the SHA-256 of its bytes."""
    with zipfile.ZipFile(wheel) as archive:
        return {name: hashlib.sha256(archive.read(name)).hexdigest() for name in archive.namelist()}


def main() -> int:
    """Compare the wheels and the source tree; print what differs; exit 1 if anything does."""
    wheel, from_sdist, package = (Path(arg) for arg in sys.argv[1:4])
    built, rebuilt = contents(wheel), contents(from_sdist)
    expected = {
        f"{package.name}/{path.relative_to(package).as_posix()}"
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    problems = [f"missing from the wheel: {name}" for name in sorted(expected - set(built))]
    problems += [
        f"not in the source tree: {name}"
        for name in sorted(set(built) - expected)
        if not name.startswith(f"{package.name}-")  # the .dist-info folder
    ]
    if built != rebuilt:
        changed = sorted(
            set(built) ^ set(rebuilt) | {n for n in built if built[n] != rebuilt.get(n)}
        )
        problems += [f"the sdist builds a different wheel: {name}" for name in changed]
    for required in ("py.typed", "data/clusters.json", "data/schema/clusters.schema.json"):
        if f"{package.name}/{required}" not in built:
            problems.append(f"the wheel lacks {required}")
    for problem in problems:
        print(problem)
    same = built == rebuilt
    print(f"wheel: {len(built)} files, {len(expected)} of the package; from the sdist: same={same}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
