"""The days on which a map of the landscape changes: the stops of the explorer's date picker.

What a map draws: the authorities, partnerships, boards, police forces and health bodies, the
relations that place districts in them, and their codes. A day on which none of those starts or
ends (a post, a review, a name) draws the same map as the day before, so it is not a stop.
"""

from __future__ import annotations

from datetime import date

from graph.codes import Scheme
from graph.temporal import TemporalGraph
from loaders import controls
from ontology.vocabulary import BOARDS, DISTRICT_LEVEL, HEALTH_BODIES, UPPER_TIER, Kind, Relation
from queries.memo import Memo

_DAYS: Memo[str, list[date]] = Memo()  # per graph
_DRAWN_KINDS = frozenset(
    k.value
    for k in (
        *UPPER_TIER,
        *DISTRICT_LEVEL,
        *BOARDS,
        *HEALTH_BODIES,
        Kind.POLICE_FORCE_AREA,
        Kind.SUB_ICB_LOCATION,
        Kind.SAFEGUARDING_PARTNERSHIP,
    )
)
_DRAWN_RELATIONS = frozenset(
    r.value
    for r in (
        Relation.WITHIN_COUNTY,
        Relation.IN_POLICE_FORCE_AREA,
        Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP,
        Relation.BLOCK_IN_DISTRICT,
        Relation.BLOCK_IN_HEALTH_AREA,
        Relation.PART_OF_ICB,
        Relation.HAS_MEMBER,
    )
)


def map_days(g: TemporalGraph) -> list[date]:
    """The first day of the data and every later day on which something a map draws changes.

    >>> from loaders.landscape import bundled
    >>> days = map_days(bundled())
    >>> [d.isoformat() for d in days if d.year == 2023]
    ['2023-04-01', '2023-09-01']
    """
    return _DAYS.get(g, "map_days", lambda: _map_days(g))


def _map_days(g: TemporalGraph) -> list[date]:
    start = date.fromisoformat(g.meta.get("data_start", controls.DATA_START.isoformat()))

    def signature(when: date) -> tuple[object, ...]:
        view = g.at(when)
        codes = tuple(n.code(Scheme.GSS, when) for k in sorted(_DRAWN_KINDS) for n in view.nodes(k))
        return (
            *(view.node_epoch(k) for k in sorted(_DRAWN_KINDS)),
            *(view.epoch(r) for r in sorted(_DRAWN_RELATIONS)),
            codes,
        )

    days, last = [start], signature(start)
    for day in (d for d in g.change_dates if d > start):
        now = signature(day)
        if now != last:
            days.append(day)
            last = now
    return days
