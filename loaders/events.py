"""Change events: every reorganisation, merger, split and recode, linking old and new bodies.

An event is a node of its own (W3C ORG ``ChangeEvent``) valid on its day, with
``originalOrganization`` edges to what ended or changed and ``resultingOrganization`` edges to what
began or went on; a recode links the same entity both ways.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from graph.codes import Scheme
from graph.ids import NodeId, Prefix, local_part, node_id
from graph.model import Edge, Node, Period, Provenance
from graph.temporal import TemporalGraph
from loaders.builder import Builder
from ontology.vocabulary import Kind, Relation


def add_event(
    b: Builder,
    when: date,
    change: str,
    name: str,
    before: list[NodeId],
    after: list[NodeId],
    prov: tuple[Provenance, ...],
) -> None:
    """Add one event on ``when`` linking the ``before`` and ``after`` node ids."""
    slug = local_part((after or before)[0]).lower()
    nid = node_id(Prefix.EVENT, when.isoformat(), change, slug)
    day = Period(when, when + timedelta(days=1))
    attrs = {"date": when.isoformat(), "change": change}
    b.graph.add_node(Node(nid, Kind.CHANGE_EVENT, name, day, prov, attrs=attrs))
    for relation, ends in (
        (Relation.ORIGINAL_ORGANIZATION, before),
        (Relation.RESULTING_ORGANIZATION, after),
    ):
        for end in sorted(set(ends)):
            b.graph.add_edge(Edge(nid, end, relation, day, prov))


def la_events(b: Builder) -> None:
    """One event per reorganisation: authorities ended on a vesting day and their successors."""
    groups: dict[date, list[tuple[NodeId, NodeId]]] = defaultdict(list)
    # the register the authorities were read from, whatever its file is called
    register = next((r.file for _, rs in b.s.of("mysociety_authorities") for r in rs), "")
    for node in b.las.values():
        for succ in node.attrs.get("replaced_by", []):
            if node.period.end is not None and succ in b.las:
                groups[node.period.end].append((node.id, b.las[succ].id))
    for when, pairs in sorted(groups.items()):
        for before, after in components(pairs):
            add_event(
                b,
                when,
                "reorganisation",
                f"{when}: {names(b.graph, before)} replaced by {names(b.graph, after)}",
                before,
                after,
                (Provenance(register, "replaced-by"),),
            )


def recode_events(b: Builder) -> None:
    """An event wherever an entity's GSS code changed while the entity went on."""
    for node in b.graph.all_nodes():
        gss = sorted(
            (
                a
                for a in node.identifiers
                if a.identifier.scheme is Scheme.GSS and a.period.start is not None
            ),
            key=lambda a: a.period.start or date.min,
        )
        for new in gss:
            olds = [
                a
                for a in node.identifiers
                if a.identifier.scheme is Scheme.GSS
                and a.period.end == new.period.start
                and a.identifier != new.identifier
            ]
            if olds and new.period.start is not None:
                add_event(
                    b,
                    new.period.start,
                    "recode",
                    f"{new.period.start}: {node.name} recoded "
                    f"{olds[0].identifier.code} to {new.identifier.code}",
                    [node.id],
                    [node.id],
                    node.provenance[-1:],
                )


def names(g: TemporalGraph, ids: list[NodeId]) -> str:
    """The names of nodes, for a human-readable label."""
    return ", ".join(g.node(i).name for i in ids)


def components(
    pairs: list[tuple[NodeId, NodeId]],
) -> list[tuple[list[NodeId], list[NodeId]]]:
    """Group predecessor-successor pairs into connected reorganisations."""
    parent: dict[NodeId, NodeId] = {}

    def find(x: NodeId) -> NodeId:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[NodeId, tuple[set[NodeId], set[NodeId]]] = defaultdict(lambda: (set(), set()))
    for a, b in pairs:
        root = find(b)
        groups[root][0].add(a)
        groups[root][1].add(b)
    return [(sorted(bs), sorted(as_)) for bs, as_ in groups.values()]
