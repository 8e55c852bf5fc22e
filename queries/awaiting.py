"""New local authorities awaiting an arrangement: what must be arranged, by when, with whom.

An LA that a decided change (or a later official file) creates has no children's safeguarding
arrangement until one is published and recorded in the registry: nothing is invented for it. It
is not an LA that *lost* its arrangement (that is an uncovered LA): it is one that must make a
first one, with the safeguarding partners its geography gives (the LA, every police force and
every ICB with any part of its area, with the population shares), in force from the day it comes
into being. Pure functions of a footprint index.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from graph.model import least_settled
from ontology.vocabulary import Relation
from queries.footprint import PARTNERSHIP, AboutAnLA, Footprints, Pop, Ref, ref


@dataclass(frozen=True, slots=True)
class PartnerArea:
    """A police force or health body with part of the LA's area: people, children and shares."""

    body: Ref
    population: int
    share: float
    children: int | None
    children_share: float | None


@dataclass(frozen=True, slots=True)
class Awaiting(AboutAnLA):
    """A new LA with no recorded arrangement.

    ``arrange_by`` is the day the arrangement must be in force: the day the LA comes into being.
    ``status`` is ``decided`` where the LA itself exists by a decided change (an order made, not
    yet in an official file), ``observed`` otherwise. ``from_local_authorities`` and
    ``from_partnerships`` are the predecessors whose area it takes and their partnerships, on the
    day before it began.
    """

    la: Ref
    since: date
    until: date | None
    arrange_by: date
    status: str
    decided_by: str | None
    reason: str
    must_arrange: str
    population: int
    children: int | None
    police_forces: tuple[PartnerArea, ...]
    health_bodies: tuple[PartnerArea, ...]
    from_local_authorities: tuple[Ref, ...]
    from_partnerships: tuple[Ref, ...]


def is_new_without_arrangement(fp: Footprints, la: str, since: date, start: date) -> bool:
    """Whether ``la``, uncovered from ``since``, has had no arrangement since it began.

    Only an LA that began on or after ``start`` (the day arrangements were required everywhere)
    counts: before then every LA was without one.
    """
    begun = fp.view.node(la).period.start
    return begun is not None and begun >= start and since <= begun


def _areas(fp: Footprints, la: str, family: str, whole: Pop) -> tuple[PartnerArea, ...]:
    parts = fp.shares([la], family)
    out = []
    for body, pop in sorted(parts.items(), key=lambda kv: (-kv[1].people, kv[0])):
        if not body:
            continue
        share, kids = pop.fractions(whole)
        out.append(PartnerArea(fp.ref(body), pop.people, share, pop.children, kids))
    return tuple(out)


def _predecessors(fp: Footprints, la: str, begun: date) -> tuple[list[str], list[str]]:
    """The upper-tier LAs whose area ``la`` takes (by the change events of its first day), and
    their partnerships on the day before."""
    g = fp.view.graph
    before = g.at(begun - timedelta(days=1))
    events = [e.source for e in g.in_edges(la) if e.relation == Relation.RESULTING_ORGANIZATION]
    olds: list[str] = sorted(
        {
            e.target
            for ev in events
            for e in g.out_edges(ev)
            if e.relation == Relation.ORIGINAL_ORGANIZATION
            and g.node(ev).period.start == begun
            and before.has(e.target)
            and not before.targets(e.target, Relation.WITHIN_COUNTY)
        }
    )
    partnerships: list[str] = sorted(
        {
            e.source
            for old in olds
            for e in before.into(old, Relation.HAS_MEMBER)
            if g.node(e.source).kind == PARTNERSHIP
        }
    )
    return olds, partnerships


def awaiting(fp: Footprints, la: str, since: date, until: date | None) -> Awaiting:
    """The :class:`Awaiting` entry of ``la`` on the date of ``fp``."""
    node = fp.view.node(la)
    begun = node.period.start or since
    whole = fp.la_population(la)
    police = _areas(fp, la, "police", whole)
    health = _areas(fp, la, "health", whole)
    olds, partnerships = _predecessors(fp, la, begun)
    status = least_settled(node.provenance).value
    order = node.attrs.get("order")
    decided_by = str(node.attrs["decided_by"]) if node.attrs.get("decided_by") else None
    why = f"a new local authority from {begun}"
    if order:
        ref = node.attrs.get("reference")
        why += f", {status} by {order}" + (f" (SI {ref})" if ref else "")
    why += ", with no recorded children's safeguarding arrangement"
    partners = [
        fp.ref(la).name,
        *(f"the chief officer of police for {p.body.name}" for p in police),
    ]
    partners += [p.body.name for p in health]
    must = (
        "multi-agency safeguarding arrangements for its area (alone or jointly with other LAs), "
        f"in force from {begun}, made by its safeguarding partners: " + "; ".join(partners)
    )
    view = fp.view.graph.at(begun - timedelta(days=1))
    return Awaiting(
        fp.ref(la),
        since,
        until,
        begun,
        status,
        decided_by,
        why,
        must,
        whole.people,
        whole.children,
        police,
        health,
        tuple(_ref_on(fp, view.when, x) for x in olds),
        tuple(_ref_on(fp, view.when, x) for x in partnerships),
    )


def _ref_on(fp: Footprints, when: date, node_id: str) -> Ref:
    return ref(fp.view.graph.at(when), node_id)
