"""Checks of the built geography against itself: every district placed on every day, and every
change of a district's county, police force or health bodies explained by a change event.

The lookups are snapshots, so a bad row does not look bad on its own: a district given another
police force in one vintage reads as a boundary change; a lookup deleted or emptied leaves the
districts it described without a force, and later districts without any. So after the build
steps, and before a graph is returned:

* on each day that a vintage or an authority begins, every district-level authority alive then
  is in exactly one police force area, in at least one community safety partnership (a council
  made by a decided order excepted: no lookup describes it yet), in one
  county if it is a non-metropolitan district and in none otherwise, in exactly one region if
  a region lookup describes it at all (the only one is of 2024: districts abolished before have
  none), and (on each health vintage) in at least one population block;
* a district that goes on while its county or police force area changes, or while it gains a
  health body from one health vintage to the next, must have a change event that day involving
  it or one of the bodies (a reorganisation, merger, split or recode); otherwise the change is
  reported as unexplained, with the file and line that say it.

Every problem goes to the builder, so all are raised together with the rest of the build's.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from datetime import date, timedelta

from graph.codes import Scheme
from graph.ids import NodeId
from graph.model import Edge, Node, Period
from graph.temporal import TemporalGraph
from loaders import controls
from loaders.builder import Builder
from ontology.vocabulary import DISTRICT_LEVEL, Kind, Relation

_DISTRICT_KINDS = frozenset(k.value for k in DISTRICT_LEVEL)
_PLACES = {
    # relation: the column of the lookups it comes from, and what it is
    Relation.IN_POLICE_FORCE_AREA: ("pfa", "police force area"),
    Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP: ("csp", "community safety partnership"),
    Relation.IN_REGION: ("rgn", "region"),
    Relation.WITHIN_COUNTY: ("cty", "county"),
}
_DAY = timedelta(days=1)


def check(b: Builder) -> None:
    """Record every problem of the built geography in ``b``."""
    g = b.graph
    districts = [n for n in g.all_nodes() if n.kind in _DISTRICT_KINDS]
    days = _days(b, districts)
    region_days = [controls.effective("lad_rgn", sf.vintage) for sf, _ in b.s.of("lad_rgn")]
    events = _events(g)
    for d in districts:
        out = g.out_edges(d.id)
        alive = [day for day in days if d.period.contains(day)]
        county = 1 if d.kind == Kind.DISTRICT.value else 0
        # a council made by a decided order has no community safety partnership until one is
        # recorded: ONS's lookups do not describe it yet, which is unknown, not an error
        csps = 0 if d.attrs.get("decided_by") else 1
        bounds: list[tuple[Relation, int, int | None]] = [
            (Relation.IN_POLICE_FORCE_AREA, 1, 1),
            (Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP, csps, None),
            (Relation.WITHIN_COUNTY, county, county),
        ]
        if any(d.period.contains(day) for day in region_days):
            bounds.append((Relation.IN_REGION, 1, 1))
        for relation, low, high in bounds:
            edges = [e for e in out if e.relation == relation]
            _placed(b, d, edges, alive, relation, low, high)
            if relation in (Relation.IN_POLICE_FORCE_AREA, Relation.WITHIN_COUNTY):
                _explained(b, d, edges, events)
    _health(b, districts, days, events)


def _days(b: Builder, districts: list[Node]) -> list[date]:
    """The days on which a vintage or a district begins, from the start of the data."""
    days = {controls.DATA_START}
    for fmt in b.s.parsed:
        for sf, _ in b.s.of(fmt):
            if sf.vintage:
                days.add(controls.effective(fmt, sf.vintage))
    days.update(d.period.start for d in districts if d.period.start is not None)
    return sorted(day for day in days if day >= controls.DATA_START)


def _events(g: TemporalGraph) -> dict[date, set[NodeId]]:
    """Day -> every entity a change event of that day names, before or after."""
    out: dict[date, set[NodeId]] = defaultdict(set)
    for event in g.all_nodes(Kind.CHANGE_EVENT.value):
        if event.period.start is not None:
            out[event.period.start].update(e.target for e in g.out_edges(event.id))
    return out


def _code(node: Node) -> str:
    codes = node.codes(Scheme.GSS)
    return codes[-1] if codes else node.id


def _where(edge: Edge) -> tuple[str, int | None]:
    """The file and line an edge was read from."""
    for p in edge.provenance:
        if p.locator.startswith("line ") and p.locator[5:].isdigit():
            return p.source, int(p.locator[5:])
    return (edge.provenance[0].source if edge.provenance else "(build)"), None


def _placed(
    b: Builder,
    d: Node,
    edges: list[Edge],
    days: list[date],
    relation: Relation,
    low: int,
    high: int | None,
) -> None:
    """Report the first day on which ``d`` has fewer than ``low`` or more than ``high`` of its
    ``edges`` (of ``relation``), and how many more such days there are."""
    column, what = _PLACES[relation]
    few: list[date] = []
    for day in days:
        held = sorted({e.target for e in edges if e.period.contains(day)})
        if len(held) < low:
            few.append(day)
        elif high is not None and len(held) > high:
            file, line = _where(next(e for e in edges if e.target == held[-1]))
            b.problem(
                file,
                line,
                column,
                _code(d),
                f"{d.name} is in {len(held)} {what}s on {day} ({', '.join(held)}): "
                f"expected {'none' if high == 0 else 'one'}",
            )
            return
    if few:
        later = f" (nor on {len(few) - 1} later days a vintage begins)" if len(few) > 1 else ""
        b.problem(
            str(b.s.directory),
            None,
            column,
            _code(d),
            f"{d.name} has no {what} on {few[0]}{later}: no lookup with a {column} column "
            "places it then; is a file missing or empty?",
        )


def _explained(b: Builder, d: Node, edges: list[Edge], events: dict[date, set[NodeId]]) -> None:
    """Report each change of ``d``'s target that no change event of that day explains."""
    for e in edges:
        day = e.period.start
        if day is None or (d.period.start is not None and day <= d.period.start):
            continue  # the district's first: nothing changed
        before = {x.target for x in edges if x.period.contains(day - _DAY)}
        if not before or e.target in before:
            continue
        if events.get(day, set()) & ({d.id, e.target} | before):
            continue
        file, line = _where(e)
        b.problem(
            file,
            line,
            None,
            _code(d),
            f"{d.name} moves from {', '.join(sorted(before))} to {e.target} on {day} "
            f"(its {_PLACES[Relation(e.relation)][1]}) with no change event: a corrupted row, or a "
            "boundary change the build does not know",
        )


def _health(
    b: Builder, districts: list[Node], days: list[date], events: dict[date, set[NodeId]]
) -> None:
    """Every district in a block on every day; a health body gained explained by an event."""
    g = b.graph
    icb_of: dict[NodeId, list[Edge]] = defaultdict(list)
    for e in g.all_edges(Relation.PART_OF_ICB.value):
        icb_of[e.source].append(e)
    # district -> its blocks: period, file, and the health areas with their ICBs
    blocks: dict[NodeId, list[tuple[Period, str, set[NodeId]]]] = defaultdict(list)
    starts: set[date] = set()
    for block in g.all_nodes(Kind.POPULATION_BLOCK.value):
        out = g.out_edges(block.id)
        bodies = {e.target for e in out if e.relation == Relation.BLOCK_IN_HEALTH_AREA}
        if block.period.start is not None:
            starts.add(block.period.start)
            bodies |= {
                e.target
                for area in bodies
                for e in icb_of[area]
                if e.period.contains(block.period.start)
            }
        vintage = str(block.attrs.get("vintage", "(build)"))
        for e in out:
            if e.relation == Relation.BLOCK_IN_DISTRICT:
                blocks[e.target].append((block.period, vintage, bodies))

    def on(d: Node, day: date) -> tuple[set[NodeId], str | None]:
        held = [(file, bodies) for period, file, bodies in blocks[d.id] if period.contains(day)]
        return set().union(*(x for _, x in held)), held[0][0] if held else None

    for d in districts:
        empty = [day for day in days if d.period.contains(day) and not on(d, day)[0]]
        if empty:
            later = f" (nor on {len(empty) - 1} later days)" if len(empty) > 1 else ""
            b.problem(
                str(b.s.directory),
                None,
                "lsoa",
                _code(d),
                f"{d.name} is in no population block on {empty[0]}{later}: no LSOA lookup to "
                "health bodies places an LSOA in it then; is a file missing or empty?",
            )
        alive = [day for day in sorted(starts) if d.period.contains(day)]
        for before, after in itertools.pairwise(alive):
            (old, _), (new, file) = on(d, before), on(d, after)
            gained = new - old
            known = controls.UNEVENTFUL_HEALTH_CHANGES.get((_code(d), after), frozenset())
            if gained <= known or not old:
                continue
            if not events.get(after, set()) & ({d.id} | old | new):
                b.problem(
                    file or "(build)",
                    None,
                    "lad",
                    _code(d),
                    f"{d.name} gains {', '.join(sorted(gained))} on {after} with no change "
                    "event: a corrupted row, or a health change the build does not know",
                )
