"""Collecting the problems of a load, a bounded number of each kind.

A load reports every problem it finds, but one fault repeated on every row (a column of bad
codes, a registry entry aliased two thousand times) must not become millions of records: a
:class:`ProblemLog` keeps the first ``per_kind`` problems of each kind and counts the rest, which
it reports as one more problem (``… and 3 more like this``). A kind is the file, the column (with
list indices dropped: ``x-scp.members[7].la`` is ``x-scp.members[].la``) and the message, unless
the caller names another.

>>> log = ProblemLog(per_kind=2)
>>> for line in (2, 3, 4, 5):
...     log.append(Problem("lad.csv", line, "LAD19CD", "X", "not a GSS code"))
>>> [str(p) for p in log]  # doctest: +NORMALIZE_WHITESPACE
["lad.csv line 2, column LAD19CD, value 'X': not a GSS code",
 "lad.csv line 3, column LAD19CD, value 'X': not a GSS code",
 'lad.csv column LAD19CD: … and 2 more like this (not a GSS code)']
>>> len(log), log.found
(3, 4)
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator

from graph.errors import LoadError, Problem

PER_KIND = 20
"""How many problems of one kind a load reports one by one."""

_INDEX = re.compile(r"\[\d+\]")


class ProblemLog:
    """Problems found so far: each kind's first ``per_kind``, and a count of the rest."""

    def __init__(self, per_kind: int = PER_KIND) -> None:
        self.per_kind = per_kind
        self._kept: list[Problem] = []
        self._kinds: dict[Hashable, tuple[Problem, int]] = {}  # kind -> (first problem, count)

    def append(self, problem: Problem, kind: Hashable | None = None) -> None:
        """Record ``problem``; only counted once its kind has ``per_kind`` problems kept."""
        if kind is None:
            kind = (problem.file, _INDEX.sub("[]", problem.column or ""), problem.message)
        first, count = self._kinds.get(kind, (problem, 0))
        self._kinds[kind] = (first, count + 1)
        if count < self.per_kind:
            self._kept.append(problem)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.append(problem)

    @property
    def found(self) -> int:
        """How many problems were recorded, kept or only counted."""
        return sum(count for _, count in self._kinds.values())

    def _summaries(self) -> list[Problem]:
        out = []
        for first, count in self._kinds.values():
            if count > self.per_kind:
                column = _INDEX.sub("[]", first.column) if first.column else None
                extra = count - self.per_kind
                out.append(
                    Problem(
                        first.file,
                        None,
                        column,
                        None,
                        f"… and {extra} more like this ({first.message})",
                    )
                )
        return out

    def __iter__(self) -> Iterator[Problem]:
        """The problems kept, then one for each kind with more than were kept."""
        yield from self._kept
        yield from self._summaries()

    def __len__(self) -> int:
        return len(self._kept) + len(self._summaries())

    def __bool__(self) -> bool:
        return bool(self._kinds)

    def raise_if_any(self) -> None:
        """Raise one :class:`LoadError` with the problems, if there are any."""
        if self:
            raise LoadError(list(self))
