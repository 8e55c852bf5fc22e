"""When an entity ended and what replaced it, from its validity and the change events.

Asked about after its end, an entity answers with this instead of zeros: Cumbria County Council
ended on 2023-04-01, replaced by Cumberland Council and Westmorland and Furness Council (the
change event of that day names both).

>>> from datetime import date
>>> from loaders.landscape import bundled
>>> g = bundled()
>>> c = cessation(g, "la:CMA")
>>> c.ended, [g.node(s).name for s in c.successors]
(datetime.date(2023, 4, 1), ['Cumberland Council', 'Westmorland and Furness Council'])
>>> print(not_in_force(g, g.node("la:CMA"), date(2024, 6, 1)))
Cumbria County Council (la:CMA) did not exist on 2024-06-01: it ended on 2023-04-01 (last day \
2023-03-31), replaced by Cumberland Council (la:CBD), Westmorland and Furness Council (la:WAF); \
ask about them, or about a date before 2023-04-01
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from graph.errors import NotInForce
from graph.model import Node
from graph.temporal import TemporalGraph
from ontology.vocabulary import Relation


@dataclass(frozen=True, slots=True)
class Cessation:
    """The end of an entity: the first day it no longer exists, the change events that ended
    it (ids) and the entities they created (ids; empty where no event records a successor)."""

    ended: date
    events: tuple[str, ...]
    successors: tuple[str, ...]


def cessation(g: TemporalGraph, node_id: str) -> Cessation | None:
    """How ``node_id`` ended, or None while it has no end."""
    node = g.node(node_id)
    if node.period.end is None:
        return None
    events = sorted(
        e.source
        for e in g.in_edges(node_id)
        if e.relation == Relation.ORIGINAL_ORGANIZATION
        and g.node(e.source).period.start == node.period.end
    )
    successors = sorted(
        {
            e.target
            for ev in events
            for e in g.out_edges(ev)
            if e.relation == Relation.RESULTING_ORGANIZATION and e.target != node_id
        }
    )
    return Cessation(node.period.end, tuple(events), tuple(successors))


def not_in_force(g: TemporalGraph, node: Node, when: date) -> NotInForce:
    """The error to raise for a figure of ``node`` asked for on ``when``, outside its life."""
    start, end = node.period.start, node.period.end
    who = f"{node.name} ({node.id}) did not exist on {when}"
    if start is not None and when < start:
        return NotInForce(f"{who}: it began on {start}; ask about a date from {start}")
    assert end is not None  # outside an unbounded-start period means after its end
    ended = cessation(g, node.id)
    last = end - timedelta(days=1)
    if ended and ended.successors:
        names = ", ".join(f"{g.node(s).name} ({s})" for s in ended.successors)
        return NotInForce(
            f"{who}: it ended on {end} (last day {last}), replaced by {names}; "
            f"ask about them, or about a date before {end}"
        )
    return NotInForce(
        f"{who}: it ended on {end} (last day {last}); no change event records a successor; "
        f"ask about a date before {end}"
    )
