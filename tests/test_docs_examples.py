"""Every example in the documentation (docs/**/*.md) runs and prints what it shows.

Python examples are the ```pycon and ```python code blocks with ``>>>`` prompts: they
run with the standard `doctest` module, one test per Markdown file, in page order and
in one namespace, so a page reads like a session.

Shell examples are the ```console code blocks: each line starting with ``$ `` is a
command, the lines after it its output (stdout and stderr, in the order a terminal
shows them). Commands run with bash in a fresh directory per page, with
``dk-clusters`` standing for this interpreter's ``python -m dk_clusters`` and a
terminal 80 columns wide. A command may carry a here-document (``<<'EOF'`` ... ``EOF``).

Pages generated at build time (docs/_generated) and the build output (docs/_build)
are not read.
"""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parent.parent / "docs"
SKIPPED_DIRS = {"_build", "_generated"}
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
PYTHON_LANGUAGES = {"pycon", "python", "py", "python3"}
CONSOLE_LANGUAGES = {"console", "shell-session"}

_FENCE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>.*)$")
_HEREDOC = re.compile(r"<<-?\s*'?\"?(?P<word>\w+)'?\"?")


@dataclass(frozen=True)
class Block:
    """A fenced code block: its language, first line of code (1-based), and text."""

    language: str
    lineno: int
    text: str


def markdown_files() -> list[Path]:
    """The documentation's Markdown sources, build output and generated pages left out."""
    return sorted(
        path
        for path in DOCS.rglob("*.md")
        if not SKIPPED_DIRS.intersection(path.relative_to(DOCS).parts)
    )


def code_blocks(text: str) -> list[Block]:
    """The fenced code blocks of a Markdown (MyST) text.

    A MyST directive fence such as ```{code-block} pycon counts with the language
    that follows the directive name.
    """
    blocks: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opening = _FENCE.match(lines[i])
        if opening is None:
            i += 1
            continue
        fence = opening["fence"]
        words = opening["info"].split()
        if words and words[0].startswith("{"):
            words = words[1:] if words[0] in ("{code-block}", "{code}", "{sourcecode}") else []
        language = words[0].lower() if words else ""
        body: list[str] = []
        j = i + 1
        while j < len(lines):
            closing = _FENCE.match(lines[j])
            if (
                closing is not None
                and closing["fence"][0] == fence[0]
                and len(closing["fence"]) >= len(fence)
                and not closing["info"].strip()
            ):
                break
            body.append(lines[j])
            j += 1
        blocks.append(Block(language, i + 2, "\n".join(body) + "\n"))
        i = j + 1
    return blocks


def _python_blocks(path: Path) -> list[Block]:
    return [
        block
        for block in code_blocks(path.read_text(encoding="utf-8"))
        if block.language in PYTHON_LANGUAGES and ">>>" in block.text
    ]


def _console_blocks(path: Path) -> list[Block]:
    return [
        block
        for block in code_blocks(path.read_text(encoding="utf-8"))
        if block.language in CONSOLE_LANGUAGES and block.text.lstrip().startswith("$ ")
    ]


def _relative(path: Path) -> str:
    return path.relative_to(DOCS).as_posix()


PAGES_WITH_PYTHON = [p for p in markdown_files() if _python_blocks(p)]
PAGES_WITH_CONSOLE = [p for p in markdown_files() if _console_blocks(p)]


# --- Python examples ---------------------------------------------------------------------------


def run_python_examples(path: Path) -> tuple[doctest.TestResults, str]:
    """Run a page's ``>>>`` examples as one doctest; return the results and the report."""
    parser = doctest.DocTestParser()
    name = _relative(path)
    examples: list[doctest.Example] = []
    for block in _python_blocks(path):
        for example in parser.get_examples(block.text, name):
            example.lineno += block.lineno - 1
            examples.append(example)
    test = doctest.DocTest(
        examples, {"__name__": "__docs__"}, name, str(path), lineno=0, docstring=None
    )
    report: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    results = runner.run(test, out=report.append, clear_globs=True)
    return results, "".join(report)


def _python_ids() -> list[str]:
    return [_relative(p) for p in PAGES_WITH_PYTHON]


@pytest.mark.parametrize("path", PAGES_WITH_PYTHON, ids=_python_ids())
def test_python_examples(path: Path) -> None:
    results, report = run_python_examples(path)
    assert results.attempted > 0, f"{_relative(path)}: code blocks found but no example parsed"
    assert results.failed == 0, f"{results.failed} example(s) failed:\n{report}"


def test_the_guides_have_examples() -> None:
    """Guards against a parser change that would silently find no example at all."""
    pages = set(_python_ids())
    expected = {
        "index.md",
        "getting-started.md",
        "guides/data-model.md",
        "guides/eligibility.md",
        "guides/labels-and-time.md",
        "guides/own-registry.md",
    }
    assert expected <= pages, sorted(expected - pages)
    assert "reference/cli.md" in {_relative(p) for p in PAGES_WITH_CONSOLE}


# --- shell examples ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Command:
    """A shell command of a console block and the output the page shows for it."""

    lineno: int
    command: str
    expected: str


def console_commands(block: Block) -> list[Command]:
    """Split a console block into commands (``$ ``) and their expected output."""
    lines = block.text.splitlines()
    commands: list[Command] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.startswith("$ "):
            raise ValueError(f"line {block.lineno + i}: expected a '$ ' command, got {line!r}")
        command = [line[2:]]
        heredoc = _HEREDOC.search(line[2:])
        i += 1
        if heredoc is not None:
            while i < len(lines):
                command.append(lines[i])
                i += 1
                if lines[i - 1].strip() == heredoc["word"]:
                    break
        output: list[str] = []
        while i < len(lines) and not lines[i].startswith("$ "):
            output.append(lines[i])
            i += 1
        commands.append(Command(block.lineno, "\n".join(command), "\n".join(output) + "\n"))
    return commands


def run_command(command: str, cwd: Path) -> str:
    """Run `command` with bash in `cwd`; return stdout and stderr as a terminal shows them."""
    prelude = f'dk-clusters() {{ "{sys.executable}" -m dk_clusters "$@"; }}\n'
    env = {
        **os.environ,
        "COLUMNS": "80",
        "LINES": "50",
        "PYTHONUNBUFFERED": "1",  # stdout and stderr interleave as on a terminal
        "PYTHONIOENCODING": "utf-8",
        "NO_COLOR": "1",
    }
    completed = subprocess.run(
        ["bash", "-c", prelude + command],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    return completed.stdout


def _console_ids() -> list[str]:
    return [_relative(p) for p in PAGES_WITH_CONSOLE]


@pytest.mark.skipif(shutil.which("bash") is None, reason="the shell examples need bash")
@pytest.mark.parametrize("path", PAGES_WITH_CONSOLE, ids=_console_ids())
def test_console_examples(path: Path, tmp_path: Path) -> None:
    checker = doctest.OutputChecker()
    failures: list[str] = []
    attempted = 0
    for block in _console_blocks(path):
        for command in console_commands(block):
            attempted += 1
            got = run_command(command.command, tmp_path)
            if not checker.check_output(command.expected, got, FLAGS):
                failures.append(
                    f"{_relative(path)}, block at line {command.lineno}: $ {command.command}\n"
                    f"--- expected\n{command.expected}--- got\n{got}"
                )
    assert attempted > 0
    assert not failures, "\n".join(failures)
