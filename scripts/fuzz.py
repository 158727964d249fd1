"""The dedicated fuzz run: 10,000 mutated registry documents (and lookups) per reader.

Run ``python scripts/fuzz.py [N]`` from a clone with the test dependencies installed;
it prints how many cases each reader was given and how they ended.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Run tests/test_fuzz.py with N examples per property (default 10,000)."""
    os.environ["DK_CLUSTERS_FUZZ_EXAMPLES"] = sys.argv[1] if len(sys.argv) > 1 else "10000"
    return pytest.main(["-q", "-p", "no:cacheprovider", str(ROOT / "tests" / "test_fuzz.py")])


if __name__ == "__main__":
    sys.exit(main())
