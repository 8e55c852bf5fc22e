"""The values every fact in the graph is made of: half-open periods, provenance, nodes and edges.

An organisation is not its code: a node has a stable internal id (:mod:`graph.ids`) and any
number of :class:`~graph.codes.Identifier` assignments, each valid for a :class:`Period`.

>>> from datetime import date
>>> p = Period(date(2019, 4, 1), date(2023, 4, 1))
>>> p.contains(date(2023, 3, 31)), p.contains(date(2023, 4, 1))
(True, False)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from graph.codes import Identifier, Scheme
from graph.errors import SafeguardingError
from graph.ids import NodeId


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A half-open validity ``[start, end)``; None means unbounded on that side."""

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise SafeguardingError(
                f"period ends ({self.end}) on or before it starts ({self.start})"
            )

    def contains(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)

    def overlaps(self, other: Period) -> bool:
        """Whether two periods share a day.

        >>> Period(date(2019, 1, 1), date(2020, 1, 1)).overlaps(Period(date(2020, 1, 1)))
        False
        """
        lo_ok = self.end is None or other.start is None or other.start < self.end
        hi_ok = other.end is None or self.start is None or self.start < other.end
        return lo_ok and hi_ok

    def clip(self, other: Period) -> Period | None:
        """The intersection, or None where they do not overlap."""
        if not self.overlaps(other):
            return None
        starts = [d for d in (self.start, other.start) if d is not None]
        ends = [d for d in (self.end, other.end) if d is not None]
        return Period(max(starts) if starts else None, min(ends) if ends else None)

    def __str__(self) -> str:
        return f"[{self.start or '…'}, {self.end or '…'})"


ALWAYS = Period()


class Confidence(StrEnum):
    """How a fact is known: stated by a source, concluded from indirect evidence, or computed."""

    QUOTED = "quoted"
    INFERRED = "inferred"
    DERIVED = "derived"


class Status(StrEnum):
    """Whether a fact has happened: observed in an official file or source, decided by an order or
    a published decision but not yet in force everywhere the graph shows it, or only proposed.

    Ordered from the most to the least settled; a fact resting on several records has the status of
    the least settled one (:func:`least_settled`).
    """

    OBSERVED = "observed"
    DECIDED = "decided"
    PROPOSED = "proposed"


_SETTLEDNESS = {Status.OBSERVED: 0, Status.DECIDED: 1, Status.PROPOSED: 2}


def least_settled(records: tuple[Provenance, ...] | list[Provenance]) -> Status:
    """The status of a fact resting on ``records``: the least settled of theirs.

    >>> least_settled([Provenance("a.csv"), Provenance("order", status=Status.DECIDED)]).value
    'decided'
    >>> least_settled([]).value
    'observed'
    """
    return max((p.status for p in records), key=_SETTLEDNESS.__getitem__, default=Status.OBSERVED)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a fact comes from: a file and row (``locator``) or a public address, how sure, and
    whether it has happened (``status``).

    >>> str(Provenance("changes.csv", "line 2", Confidence.QUOTED, Status.DECIDED))
    'changes.csv#line 2 (quoted, decided)'
    """

    source: str
    locator: str = ""
    confidence: Confidence = Confidence.QUOTED
    status: Status = Status.OBSERVED

    def __str__(self) -> str:
        where = f"{self.source}#{self.locator}" if self.locator else self.source
        if self.status is Status.OBSERVED:
            return f"{where} ({self.confidence.value})"
        return f"{where} ({self.confidence.value}, {self.status.value})"


@dataclass(frozen=True, slots=True)
class IdentifierAssignment:
    """An identifier held by a node over a period."""

    identifier: Identifier
    period: Period = ALWAYS


@dataclass(slots=True)
class Node:
    """An entity: its kind (an ontology class), a name, a validity and its provenance."""

    id: NodeId
    kind: str
    name: str
    period: Period
    provenance: tuple[Provenance, ...]
    identifiers: tuple[IdentifierAssignment, ...] = ()
    attrs: dict[str, Any] = field(default_factory=dict)

    def name_on(self, when: date) -> str:
        """The name held on ``when``: ``attrs["names"]`` (dated, where it changed), else
        ``name``."""
        for held in self.attrs.get("names", ()):
            start, end = held.get("from"), held.get("to")
            if (start is None or start <= when.isoformat()) and (
                end is None or when.isoformat() < end
            ):
                return str(held["name"])
        return self.name

    def codes(self, scheme: Scheme, when: date | None = None) -> list[str]:
        """Codes of ``scheme`` held on ``when`` (or ever, with no date)."""
        return [
            a.identifier.code
            for a in self.identifiers
            if a.identifier.scheme is scheme and (when is None or a.period.contains(when))
        ]

    def code(self, scheme: Scheme, when: date | None = None) -> str | None:
        """The code of ``scheme`` on ``when``; with no date, the latest one assigned."""
        held = [
            a
            for a in self.identifiers
            if a.identifier.scheme is scheme and (when is None or a.period.contains(when))
        ]
        if not held:
            return None
        latest = max(held, key=lambda a: a.period.start or date.min)
        return latest.identifier.code


@dataclass(slots=True)
class Edge:
    """A relation (an ontology property) from one node to another, valid over a period."""

    source: NodeId
    target: NodeId
    relation: str
    period: Period
    provenance: tuple[Provenance, ...]
    attrs: dict[str, Any] = field(default_factory=dict)
