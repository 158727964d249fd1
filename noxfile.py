"""Sessions for nox (``pip install nox``): the checks of ``.ci/run``, one at a time.

``nox`` runs the test suite on every Python the classifiers name that nox can find,
the lint and type checks and the docs build; ``nox -s tests-3.12`` runs one of them,
``nox -s tutorial`` re-runs the tutorial notebook and stores its outputs.
"""

from __future__ import annotations

import nox

#: The versions the classifiers in pyproject.toml name; a test keeps the two in step.
PYTHONS = ["3.11", "3.12", "3.13"]
LINTED = ["src", "tests", "typing_tests", "benchmarks", "scripts", ".ci", "docs/_ext"]
LINTED += ["docs/conf.py", "noxfile.py"]

nox.options.sessions = ["tests", "lint", "docs"]
nox.options.reuse_existing_virtualenvs = True


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The test suite, with coverage, as the README's test command runs it."""
    session.install("-e", ".[tests]")
    session.run("python", "-m", "pytest", "-q", "--cov", *session.posargs)


@nox.session(python=PYTHONS[0])
def lint(session: nox.Session) -> None:
    """Ruff, mypy (strict) and pyright."""
    session.install("-e", ".[dev]")
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)
    session.run("mypy", "--strict", "src", "typing_tests")
    session.run("pyright")


@nox.session(python=PYTHONS[0])
def docs(session: nox.Session) -> None:
    """The documentation, nitpicky, warnings as errors, without the network."""
    session.install("-e", ".[docs]")
    session.run(
        "sphinx-build", "-q", "-W", "--keep-going", "-b", "html", "docs", "docs/_build/html"
    )


@nox.session(python=PYTHONS[0])
def tutorial(session: nox.Session) -> None:
    """Run docs/tutorial.ipynb in a fresh kernel and store its outputs in it."""
    session.install("-e", ".[tests]")
    session.run("python", "scripts/run_tutorial.py", *session.posargs)
