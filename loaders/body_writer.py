"""Writes the bodies of ``registry/bodies.yaml`` into the landscape graph.

The national Child Safeguarding Practice Review Panel becomes an organisation of its own; each
LSCB a board with its member LAs until the partnership that replaced it began; each community
safety partnership ONS does not list a CSP node with its member LAs (``hasMember``) or districts
(``inCommunitySafetyPartnership``, as ONS's CSPs have); other names of ONS's CSPs become aliases
of their nodes. Every node and edge carries the entry's sources.
"""

from __future__ import annotations

from collections.abc import Iterable

from graph.codes import Identifier, Scheme
from graph.errors import Problem, UnknownCode
from graph.ids import NodeId, Prefix, node_id
from graph.model import Edge, IdentifierAssignment, Node, Period, Provenance
from graph.resolver import LOCAL_AUTHORITY, find
from graph.temporal import TemporalGraph
from loaders.bodies import BODIES_FILE, BoardBodyRecord, Bodies
from loaders.registry_records import MembershipRecord, SourceRecord
from ontology.vocabulary import Kind, Relation


def _prov(sources: Iterable[SourceRecord]) -> tuple[Provenance, ...]:
    return tuple(s.provenance() for s in sources)


def _registry(rid: str) -> tuple[IdentifierAssignment, ...]:
    return (IdentifierAssignment(Identifier(Scheme.REGISTRY, rid)),)


def write_bodies(g: TemporalGraph, bodies: Bodies, problems: list[Problem]) -> None:
    """Add ``bodies`` to ``g``; a code that names nothing is added to ``problems``."""
    for n in bodies.national:
        attrs = {"aliases": list(n.aliases), "notes": n.notes}
        g.add_node(
            Node(
                node_id(Prefix.NATIONAL, n.id),
                Kind.NATIONAL_REVIEW_PANEL,
                n.name,
                n.period,
                _prov(n.sources),
                _registry(n.id),
                attrs,
            )
        )
    for b in bodies.lscbs:
        _board(g, b, Prefix.LSCB, Kind.LOCAL_SAFEGUARDING_CHILDREN_BOARD, problems)
    for b in bodies.csps:
        _board(g, b, Prefix.CSP, Kind.COMMUNITY_SAFETY_PARTNERSHIP, problems)
    for names in bodies.csp_names:
        try:
            node = find(g, names.code, None, {Kind.COMMUNITY_SAFETY_PARTNERSHIP}, Scheme.GSS)
        except UnknownCode as err:
            problems.append(Problem(BODIES_FILE, None, "csp_names.code", names.code, str(err)))
            continue
        node.attrs["aliases"] = [*node.attrs.get("aliases", []), *names.names]
        node.provenance = (*node.provenance, *_prov(names.sources))


def _board(
    g: TemporalGraph, b: BoardBodyRecord, prefix: Prefix, kind: Kind, problems: list[Problem]
) -> None:
    nid = node_id(prefix, b.id)
    prov = _prov(b.sources)
    ends = [m.period.end for m in b.members]
    period = Period(None, None if None in ends or not ends else max(e for e in ends if e))
    attrs = {"aliases": list(b.aliases), "notes": b.notes}
    g.add_node(Node(nid, kind, b.name, period, prov, _registry(b.id), attrs))
    for m in b.members:
        la = _la(g, m, f"{b.id}.members", problems)
        span = m.period.clip(g.node(la).period) if la else None
        if la and span:
            g.add_edge(Edge(nid, la, Relation.HAS_MEMBER, span, _prov(m.sources) or prov))
    for code in b.districts:
        try:
            district = find(g, code, None, {Kind.DISTRICT}, Scheme.GSS)
        except UnknownCode as err:
            problems.append(Problem(BODIES_FILE, None, f"{b.id}.districts", code, str(err)))
            continue
        g.add_edge(
            Edge(district.id, nid, Relation.IN_COMMUNITY_SAFETY_PARTNERSHIP, district.period, prov)
        )


def _la(
    g: TemporalGraph, m: MembershipRecord, where: str, problems: list[Problem]
) -> NodeId | None:
    try:
        return find(g, m.la, m.period.start, LOCAL_AUTHORITY, Scheme.GSS).id
    except UnknownCode as err:
        problems.append(Problem(BODIES_FILE, None, where, m.la, str(err)))
        return None
