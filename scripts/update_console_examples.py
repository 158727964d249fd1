"""Re-run the ``console`` examples of the docs and write what they print now.

Only the outputs that no longer match (by the docs tests' own comparison) are
replaced, so examples abbreviated with ``...`` stay as they are. Review the diff:

    python scripts/update_console_examples.py [PAGE ...]
"""

from __future__ import annotations

import doctest
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import test_docs_examples as examples  # noqa: E402


def update(path: Path, cwd: Path) -> int:
    """Rewrite the outputs of `path` that changed; return how many."""
    text = path.read_text(encoding="utf-8")
    checker = doctest.OutputChecker()
    changed = 0
    for block in examples._console_blocks(path):
        for command in examples.console_commands(block):
            got = examples.run_command(command.command, cwd)
            if checker.check_output(command.expected, got, examples.FLAGS):
                continue
            old = f"$ {command.command}\n{command.expected}"
            if text.count(old) != 1:
                print(f"{path}: cannot place the output of $ {command.command}", file=sys.stderr)
                continue
            text = text.replace(old, f"$ {command.command}\n{got}")
            changed += 1
    path.write_text(text, encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    """Update the pages named, or every page with console examples."""
    pages = [Path(p).resolve() for p in argv] or list(examples.PAGES_WITH_CONSOLE)
    with tempfile.TemporaryDirectory() as cwd:
        for page in pages:
            print(f"{page.relative_to(ROOT)}: {update(page, Path(cwd))} updated")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
