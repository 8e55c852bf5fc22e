"""The one error hierarchy of the project.

Every error a user can cause is a :class:`SafeguardingError`; its message names what was wrong and
where (file, line, column and value; or operation and field), and what would have been valid::

    SafeguardingError
    ├── LoadError                 a source file or registry entry is refused
    │   └── (carries Problem rows: file, line, column, value, message)
    ├── VocabularyError           a term that the ontology does not define
    ├── LookupFailure             an unknown code, name or entity
    │   ├── UnknownCode
    │   └── NotInForce            an entity asked about on a date it did not exist
    ├── DateOutOfRange            a date outside the data window
    ├── ProposalError             an invalid boundary-change proposal (operation, field)
    ├── QueryRefused              an API query over the limits (depth, aliases, page size, body)
    └── StoreError                a graph store cannot be reached or written
        └── StoreUnavailable

>>> err = LoadError([Problem("lad.csv", 3, "LAD19CD", "X1", "not a GSS code")])
>>> print(err)
1 problem in lad.csv:
  lad.csv line 3, column LAD19CD, value 'X1': not a GSS code
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class SafeguardingError(Exception):
    """Base of every error the project raises on purpose."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One refused value: where it is and why.

    ``line`` is the 1-based line in the file (the header is line 1), or None where a problem
    concerns a whole file or a registry entry named in ``column``.
    """

    file: str
    line: int | None
    column: str | None
    value: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column}")
        if self.value is not None:
            where.append(f"value {self.value!r}")
        place = f"{self.file} {', '.join(where)}" if where else self.file
        return f"{place}: {self.message}"


class LoadError(SafeguardingError):
    """A load was refused; ``problems`` lists every offending row found, not only the first."""

    MAX_SHOWN = 50

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        files = sorted({p.file for p in self.problems})
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in {', '.join(files)}:"
        shown = [f"  {p}" for p in self.problems[: self.MAX_SHOWN]]
        if n > self.MAX_SHOWN:
            shown.append(f"  … and {n - self.MAX_SHOWN} more")
        super().__init__("\n".join([head, *shown]))

    def __reduce__(self) -> tuple[type[LoadError], tuple[tuple[Problem, ...]]]:
        """Pickled with its problems (a build step in another process raises it in this one).

        >>> import pickle
        >>> err = LoadError([Problem("a.csv", 2, "code", "X", "unknown code")])
        >>> pickle.loads(pickle.dumps(err)).problems == err.problems
        True
        """
        return (type(self), (self.problems,))


class VocabularyError(SafeguardingError, KeyError):
    """A class or relation name that the ontology does not define."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown term"


class LookupFailure(SafeguardingError, LookupError):
    """Something asked for is not in the graph."""


class UnknownCode(LookupFailure):
    """A code that names no entity of the expected kind on the date asked."""

    def __init__(self, scheme: str, code: str, when: object | None = None, hint: str = "") -> None:
        self.scheme, self.code, self.when, self.hint = scheme, code, when, hint
        at = f" as of {when}" if when is not None else ""
        super().__init__(f"unknown {scheme} code {code!r}{at}{': ' + hint if hint else ''}")


class NotInForce(LookupFailure):
    """An entity asked about on a date outside its life; the message says when it ended (or
    began) and what replaced it, instead of answering zeros."""


class DateOutOfRange(SafeguardingError, ValueError):
    """A date before the first date the data describes."""


class ProposalError(SafeguardingError, ValueError):
    """An invalid boundary-change proposal; names the operation (by index and kind) and field."""

    def __init__(self, operation: str, field: str, message: str) -> None:
        self.operation, self.field = operation, field
        super().__init__(f"operation {operation}, field {field}: {message}")


class QueryRefused(SafeguardingError, ValueError):
    """An API request over the configured limits."""


class StoreError(SafeguardingError):
    """A graph store could not be read or written."""


class StoreUnavailable(StoreError):
    """A graph store could not be reached or refused the credentials."""
