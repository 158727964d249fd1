"""The exceptions dk_clusters raises: all derive from `DkClustersError`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ._text import short_repr

__all__ = ["DataError", "DkClustersError", "FieldError", "FieldTypeError", "NotFoundError"]

#: How many problems a `DataError` message lists; `DataError.problems` keeps them all.
SHOWN_PROBLEMS: Final = 20


class DkClustersError(Exception):
    """Base class of every error this library raises on purpose."""


class DataError(DkClustersError, ValueError):
    """Registry data (a file or user-built records) is malformed.

    The message names the record, the field and the JSON path, for example
    ``clusters[3] ("odense-robotics").certifications[0].awarded: ...``.
    `problems` holds every problem found, one line each; the message lists the
    first twenty, so it stays short however bad the data.
    """

    def __init__(self, problems: str | Sequence[str]) -> None:
        self.problems: tuple[str, ...] = (
            (problems,) if isinstance(problems, str) else tuple(problems)
        )
        if len(self.problems) == 1:
            message = self.problems[0]
        else:
            message = f"{len(self.problems)} problems:\n" + "\n".join(
                f"  {p}" for p in self.problems[:SHOWN_PROBLEMS]
            )
            if len(self.problems) > SHOWN_PROBLEMS:
                more = len(self.problems) - SHOWN_PROBLEMS
                message += f"\n  ... and {more:,} more (all are in .problems)"
        super().__init__(message)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))


class FieldError(DkClustersError, ValueError):
    """A field of a record holds a value the record cannot take.

    `field` names the field and `index` the item of a collection field, if the
    problem is one item; `message` says what is wrong.

    >>> str(FieldError("sectors", "must be a non-blank str, got ' '", index=1))
    "sectors[1]: must be a non-blank str, got ' '"
    """

    def __init__(self, field: str, message: str, *, index: int | None = None) -> None:
        self.field = field
        self.index = index
        self.message = message
        where = field if index is None else f"{field}[{index}]"
        super().__init__(f"{where}: {message}")

    @property
    def path(self) -> tuple[str | int, ...]:
        """The field, then the item index if there is one: ``("sectors", 1)``."""
        return (self.field,) if self.index is None else (self.field, self.index)

    def __reduce__(self) -> tuple[object, ...]:
        return (_field_error, (type(self), self.field, self.message, self.index))


def _field_error(cls: type[FieldError], field: str, message: str, index: int | None) -> FieldError:
    return cls(field, message, index=index)


class FieldTypeError(FieldError, TypeError):
    """A field of a record holds a value of the wrong type."""


class NotFoundError(DkClustersError, LookupError):
    """A lookup found nothing; `suggestions` lists close matches, best first."""

    def __init__(self, kind: str, query: object, suggestions: Sequence[str] = ()) -> None:
        self.kind = kind
        self.query = query
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        message = f"no {kind} matches {short_repr(query)}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        super().__init__(message)

    def __str__(self) -> str:
        # LookupError would otherwise repr() the message like a KeyError.
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.kind, self.query, self.suggestions))
