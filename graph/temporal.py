"""The temporal graph: nodes and edges with half-open validity, kept in plain adjacency lists.

A graph is written once, by a build or a snapshot load, then frozen: everything above reads it
through views, and keeps whatever it derives from it itself (:mod:`queries.memo`).

History is never overwritten: a change is a new node or edge with its own period, and a change
event linking old and new. The graph answers a view as of a date, the history of an entity, and
the difference between two dates.

>>> from datetime import date
>>> from graph.model import Node, Edge, Period, Provenance
>>> g = TemporalGraph()
>>> src = (Provenance("example.csv", "2"),)
>>> g.add_node(Node("la:CMA", "County", "Cumbria", Period(None, date(2023, 4, 1)), src))
>>> g.add_node(Node("pfa:E23000002", "PoliceForceArea", "Cumbria", Period(), src))
>>> g.add_edge(Edge("la:CMA", "pfa:E23000002", "inPoliceForceArea",
...                 Period(None, date(2023, 4, 1)), src))
>>> [n.name for n in g.at(date(2022, 1, 1)).nodes("County")]
['Cumbria']
>>> g.at(date(2024, 1, 1)).nodes("County")
[]
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from graph.codes import Identifier
from graph.errors import LookupFailure, SafeguardingError
from graph.model import Edge, Node, Period
from graph.terms import kind, relation


class TemporalGraph:
    """Nodes and edges, each valid over a period. Build it once; read it through views."""

    def __init__(self) -> None:
        # plain dicts, not a networkx graph: importing networkx alone cost a command 0.12 s, and
        # nothing here needs its algorithms (graph.export builds one for the tools that do)
        self._out: dict[str, list[Edge]] = {}
        self._in: dict[str, list[Edge]] = {}
        self._by_kind: dict[str, list[str]] = defaultdict(list)
        self._by_identifier: dict[Identifier, list[tuple[Period, str]]] = defaultdict(list)
        self._edges: list[Edge] = []
        self._edges_by_relation: dict[str, list[Edge]] = defaultdict(list)
        # relation -> period -> edges, and kind -> period -> nodes: most facts share a few periods
        # (a lookup's vintage), so a view tests each distinct period once, not each fact
        self._edge_periods: dict[str, dict[Period, list[Edge]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self._node_periods: dict[str, dict[Period, list[Node]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self._nodes: dict[str, Node] = {}
        self._views: dict[int, View] = {}  # one view per stretch of time between change dates
        self._bounds: dict[tuple[bool, str], list[date]] = {}  # (edges?, name) -> its change days
        self.meta: dict[str, Any] = {}
        self._frozen = False

    # -- writing -----------------------------------------------------------------------------

    def freeze(self) -> TemporalGraph:
        """End the build: from now on the graph is read-only (a write raises). Returns itself."""
        self._frozen = True
        return self

    @property
    def frozen(self) -> bool:
        return self._frozen

    def _writable(self) -> None:
        if self._frozen:
            raise SafeguardingError("the graph is read-only once built: make a new one instead")

    def add_node(self, node: Node) -> None:
        self._writable()
        kind(node.kind)  # a typo in a kind is an error, not a new class
        if node.id in self._nodes:
            raise SafeguardingError(f"node {node.id!r} is already in the graph")
        self._put_node(node)
        self._invalidate()

    def add_edge(self, edge: Edge) -> None:
        self._writable()
        relation(edge.relation)
        for end in (edge.source, edge.target):
            if end not in self._nodes:
                raise LookupFailure(
                    f"edge {edge.relation} names node {end!r}, which is not in the graph"
                )
        self._put_edge(edge)
        self._invalidate()

    def add_all(self, nodes: Sequence[Node], edges: Sequence[Edge]) -> None:
        """:meth:`add_node` for every node, then :meth:`add_edge` for every edge, with the same
        refusals but each check made once per distinct kind, relation and id rather than once
        per fact (a snapshot's thousands of facts share a few dozen terms). All is checked
        before anything is added: a refused batch leaves the graph as it was.

        >>> from graph.model import Node, Edge, Period, Provenance
        >>> g, src = TemporalGraph(), (Provenance("example.csv", "2"),)
        >>> g.add_all([Node("pfa:E23000001", "PoliceForceArea", "Met", Period(), src)],
        ...           [Edge("pfa:E23000001", "pfa:E23000099", "hasMember", Period(), src)])
        Traceback (most recent call last):
        ...
        graph.errors.LookupFailure: edge hasMember names node 'pfa:E23000099', which is not in ...
        >>> len(g)
        0
        """
        self._writable()
        for name in {n.kind for n in nodes}:
            kind(name)
        for name in {e.relation for e in edges}:
            relation(name)
        known = set(self._nodes)
        for node in nodes:
            if node.id in known:
                raise SafeguardingError(f"node {node.id!r} is already in the graph")
            known.add(node.id)
        for edge in edges:
            for end in (edge.source, edge.target):
                if end not in known:
                    raise LookupFailure(
                        f"edge {edge.relation} names node {end!r}, which is not in the graph"
                    )
        for node in nodes:
            self._put_node(node)
        for edge in edges:
            self._put_edge(edge)
        self._invalidate()

    def _put_node(self, node: Node) -> None:
        """Index a node already checked."""
        self._nodes[node.id] = node
        self._out[node.id], self._in[node.id] = [], []
        self._by_kind[node.kind].append(node.id)
        self._node_periods[node.kind][node.period].append(node)
        for a in node.identifiers:
            self._by_identifier[a.identifier].append((a.period, node.id))

    def _put_edge(self, edge: Edge) -> None:
        """Index an edge already checked."""
        self._out[edge.source].append(edge)
        self._in[edge.target].append(edge)
        self._edges.append(edge)
        self._edges_by_relation[edge.relation].append(edge)
        self._edge_periods[edge.relation][edge.period].append(edge)

    def _invalidate(self) -> None:
        self._views.clear()
        self._bounds.clear()
        self.__dict__.pop("_change_dates", None)

    # -- reading -----------------------------------------------------------------------------

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._nodes

    def __len__(self) -> int:
        return len(self._nodes)

    def node(self, node_id: str) -> Node:
        try:
            node = self._nodes[node_id]
        except KeyError:
            raise LookupFailure(f"no node {node_id!r} in the graph") from None
        return node

    def all_nodes(self, kind_name: str | None = None) -> list[Node]:
        if kind_name is None:
            return list(self._nodes.values())
        return [self._nodes[i] for i in self._by_kind.get(kind_name, [])]

    def all_edges(self, relation_name: str | None = None) -> list[Edge]:
        if relation_name is None:
            return list(self._edges)
        return list(self._edges_by_relation.get(relation_name, []))

    def out_edges(self, node_id: str) -> list[Edge]:
        return list(self._out.get(node_id, ()))

    def in_edges(self, node_id: str) -> list[Edge]:
        return list(self._in.get(node_id, ()))

    def holders(self, identifier: Identifier) -> list[tuple[Period, str]]:
        """Every (period, node id) that has held ``identifier`` (to find an entity by a code,
        use :func:`graph.resolver.find`)."""
        return list(self._by_identifier.get(identifier, []))

    @property
    def change_dates(self) -> list[date]:
        """Every date on which some node, edge or identifier starts or ends, in order."""
        cached: list[date] | None = self.__dict__.get("_change_dates")
        if cached is None:
            found: set[date] = set()
            periods: tuple[Period, ...] = (
                *(n.period for n in self.all_nodes()),
                *(e.period for e in self._edges),
                *(a.period for n in self.all_nodes() for a in n.identifiers),
            )
            for p in periods:
                found.update(d for d in (p.start, p.end) if d is not None)
            cached = sorted(found)
            self.__dict__["_change_dates"] = cached
        return cached

    def bounds(self, name: str, edges: bool = True) -> list[date]:
        """The days on which some edge of relation ``name`` (or, with ``edges`` False, some node
        of kind ``name``) starts or ends, in order: that relation's or kind's own change dates.

        >>> from graph.model import Node, Period, Provenance
        >>> g = TemporalGraph()
        >>> g.add_node(Node("la:CMA", "County", "Cumbria", Period(None, date(2023, 4, 1)),
        ...                 (Provenance("example.csv", "2"),)))
        >>> g.bounds("County", edges=False), g.bounds("inPoliceForceArea")
        ([datetime.date(2023, 4, 1)], [])
        """
        key = (edges, name)
        found = self._bounds.get(key)
        if found is None:
            periods = (self._edge_periods if edges else self._node_periods).get(name, {})
            days = {d for p in periods for d in (p.start, p.end) if d is not None}
            found = self._bounds[key] = sorted(days)
        return found

    def at(self, when: date) -> View:
        """The graph as it stood on ``when``: a read-only view, cached per stretch of time."""
        i = bisect.bisect_right(self.change_dates, when)
        return self._segment_view(i)

    def _segment_view(self, segment: int) -> View:
        view = self._views.get(segment)
        if view is None:
            view = self._views[segment] = self._make_view(segment)
        return view

    def _make_view(self, segment: int) -> View:
        dates = self.change_dates
        # any date in the segment gives the same answer: take its first day
        return View(self, dates[segment - 1] if segment > 0 else date.min)

    def history(self, node_id: str) -> History:
        """Everything that happened to one entity: its period, identifiers, edges and events."""
        node = self.node(node_id)
        edges = sorted(
            self.out_edges(node_id) + self.in_edges(node_id),
            key=lambda e: (e.period.start or date.min, e.relation, e.source, e.target),
        )
        event_ids = {
            e.source
            for e in self.in_edges(node_id)
            if e.relation in ("originalOrganization", "resultingOrganization")
        }
        events = [self.node(i) for i in event_ids]
        events.sort(key=lambda n: n.period.start or date.min)
        return History(node, tuple(edges), tuple(events))

    def diff(self, before: date, after: date) -> Diff:
        """What differs between the views on two dates: nodes and edges added and removed."""
        a, b = self.at(before), self.at(after)
        a_edges = {_edge_key(e) for es in a.edges_by_relation().values() for e in es}
        b_edges = {_edge_key(e) for es in b.edges_by_relation().values() for e in es}
        return Diff(
            before,
            after,
            tuple(sorted(set(b.node_ids) - set(a.node_ids))),
            tuple(sorted(set(a.node_ids) - set(b.node_ids))),
            tuple(sorted(b_edges - a_edges)),
            tuple(sorted(a_edges - b_edges)),
        )


def _edge_key(e: Edge) -> tuple[str, str, str]:
    return (e.relation, e.source, e.target)


class View:
    """The graph on one date. Read-only; shared by every query asking about that stretch of time.

    Filled lazily, kind by kind and relation by relation: a question pays only for what it reads.
    """

    def __init__(self, graph: TemporalGraph, when: date) -> None:
        self.graph, self.when = graph, when
        self._kinds: dict[str, list[Node]] = {}
        self._relations: dict[str, list[Edge]] = {}
        self._out: dict[str, dict[str, list[Edge]]] = {}
        self._in: dict[str, dict[str, list[Edge]]] = {}

    def _index(self, relation_name: str, outgoing: bool) -> dict[str, list[Edge]]:
        store = self._out if outgoing else self._in
        index = store.get(relation_name)
        if index is None:
            index = defaultdict(list)
            for e in self.edges(relation_name):
                index[e.source if outgoing else e.target].append(e)
            store[relation_name] = index
        return index

    @property
    def node_ids(self) -> list[str]:
        """Every node valid on the view's date."""
        return [n.id for k in list(self.graph._by_kind) for n in self.nodes(k)]

    def edges_by_relation(self) -> dict[str, list[Edge]]:
        """Every edge valid on the view's date, by relation."""
        return {r: self.edges(r) for r in list(self.graph._edges_by_relation)}

    def has(self, node_id: str) -> bool:
        node = self.graph._nodes.get(node_id)
        return node is not None and node.period.contains(self.when)

    def node(self, node_id: str) -> Node:
        node = self.graph._nodes.get(node_id)
        if node is None or not node.period.contains(self.when):
            raise LookupFailure(f"no entity {node_id!r} exists on {self.when}")
        return node

    def nodes(self, *kinds: str) -> list[Node]:
        out: list[Node] = []
        for k in kinds:
            found = self._kinds.get(k)
            if found is None:
                periods = self.graph._node_periods.get(k, {})
                found = [n for p, ns in periods.items() if p.contains(self.when) for n in ns]
                found.sort(key=lambda n: n.id)
                self._kinds[k] = found
            out.extend(found)
        return out

    def epoch(self, relation_name: str) -> int:
        """The number of the stretch of ``relation_name``'s own change dates the view's date falls
        in: two views with the same number have the same edges of that relation, so what is
        derived from those edges alone can be shared between them.

        >>> from graph.model import Edge, Node, Period, Provenance
        >>> g, src = TemporalGraph(), (Provenance("example.csv", "2"),)
        >>> g.add_all([Node("la:A", "County", "A", Period(), src),
        ...            Node("pfa:E23000002", "PoliceForceArea", "P", Period(), src)],
        ...           [Edge("la:A", "pfa:E23000002", "inPoliceForceArea",
        ...                 Period(None, date(2023, 4, 1)), src)])
        >>> [g.at(date(y, 6, 1)).epoch("inPoliceForceArea") for y in (2022, 2023, 2024)]
        [0, 1, 1]
        """
        return bisect.bisect_right(self.graph.bounds(relation_name), self.when)

    def node_epoch(self, kind_name: str) -> int:
        """As :meth:`epoch`, for the nodes of kind ``kind_name``."""
        return bisect.bisect_right(self.graph.bounds(kind_name, edges=False), self.when)

    def edges(self, relation_name: str) -> list[Edge]:
        found = self._relations.get(relation_name)
        if found is None:
            periods = self.graph._edge_periods.get(relation_name, {})
            found = [e for p, es in periods.items() if p.contains(self.when) for e in es]
            self._relations[relation_name] = found
        return found

    def targets(self, node_id: str, relation_name: str) -> list[str]:
        return [e.target for e in self.out(node_id, relation_name)]

    def sources(self, node_id: str, relation_name: str) -> list[str]:
        return [e.source for e in self.into(node_id, relation_name)]

    def out(self, node_id: str, relation_name: str) -> list[Edge]:
        return self._index(relation_name, True).get(node_id, [])

    def into(self, node_id: str, relation_name: str) -> list[Edge]:
        return self._index(relation_name, False).get(node_id, [])


@dataclass(frozen=True)
class History:
    node: Node
    edges: tuple[Edge, ...]
    events: tuple[Node, ...]


@dataclass(frozen=True)
class Diff:
    before: date
    after: date
    nodes_added: tuple[str, ...]
    nodes_removed: tuple[str, ...]
    edges_added: tuple[tuple[str, str, str], ...]
    edges_removed: tuple[tuple[str, str, str], ...]
