"""The exceptions dk_clusters raises: all derive from `DkClustersError`."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["DataError", "DkClustersError", "NotFoundError"]


class DkClustersError(Exception):
    """Base class of every error this library raises on purpose."""


class DataError(DkClustersError, ValueError):
    """Registry data (a file or user-built records) is malformed.

    The message names the record, the field and the JSON path, for example
    ``clusters[3] ("odense-robotics").certifications[0].awarded: ...``.
    `problems` holds every problem found, one line each.
    """

    def __init__(self, problems: str | Sequence[str]) -> None:
        self.problems: tuple[str, ...] = (
            (problems,) if isinstance(problems, str) else tuple(problems)
        )
        if len(self.problems) == 1:
            message = self.problems[0]
        else:
            message = f"{len(self.problems)} problems:\n" + "\n".join(
                f"  {p}" for p in self.problems
            )
        super().__init__(message)


class NotFoundError(DkClustersError, LookupError):
    """A lookup found nothing; `suggestions` lists close matches, best first."""

    def __init__(self, kind: str, query: object, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.query = query
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        message = f"no {kind} matches {query!r}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)

    def __str__(self) -> str:
        # LookupError would otherwise repr() the message like a KeyError.
        return str(self.args[0])
