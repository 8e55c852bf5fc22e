"""The temporal graph as text: Turtle or JSON-LD (the RDF of :mod:`graph.rdf`), or GraphML.

:func:`export` is the one entry point (``safeguarding export --format``). GraphML is for graph
tools (Gephi, yEd, networkx): one node per entity with a ``label``, one edge per relation, each
attribute with its GraphML type (``int`` population, ``double``, ``boolean``, else ``string``);
an unbounded side of a validity is left out. The holder of a
post (a person's name, :mod:`graph.personal`) is left out unless ``include_holders`` asks for
it; RDF never carries it.

>>> from graph.model import Node, Period, Provenance
>>> g = TemporalGraph()
>>> g.add_node(Node("pfa:E23000001", "PoliceForceArea", "Metropolitan Police", Period(),
...                 (Provenance("pfa.csv", "line 2"),)))
>>> print(export(g, "turtle").split("\\n\\n")[1])
pfa:E23000001 a slg:Area, slg:LandscapeEntity, slg:PoliceForceArea ;
    rdfs:label "Metropolitan Police" ;
    prov:wasDerivedFrom src:record-... .
>>> import networkx as nx
>>> nx.parse_graphml(export(g, "graphml")).nodes["pfa:E23000001"]["provenance"]
'pfa.csv#line 2 (quoted)'
>>> nx.parse_graphml(export(g, "graphml")).nodes["pfa:E23000001"]["label"]
'Metropolitan Police'
"""

from __future__ import annotations

import json
from typing import Any, Literal

import networkx as nx

from graph import rdf
from graph.errors import SafeguardingError
from graph.model import ALWAYS, Edge, IdentifierAssignment, Node, Period, Provenance
from graph.personal import public
from graph.temporal import TemporalGraph

ExportFormat = Literal["turtle", "jsonld", "graphml"]
FORMATS: tuple[ExportFormat, ...] = ("turtle", "jsonld", "graphml")


def export(g: TemporalGraph, fmt: ExportFormat, include_holders: bool = False) -> str:
    """The whole temporal graph ``g`` as ``turtle``, ``jsonld`` or ``graphml`` text.

    ``include_holders`` adds the holders of posts to GraphML; RDF has no term for them.
    """
    if fmt == "turtle" or fmt == "jsonld":
        # straight from the triples: building an rdflib graph first would only cost time
        triples = rdf.temporal_triples(g)
        return rdf.write(triples, rdf.prefixes(g), "turtle" if fmt == "turtle" else "json-ld")
    if fmt == "graphml":
        return to_graphml(g, include_holders)
    raise SafeguardingError(f"export format {fmt!r}: expected one of {', '.join(FORMATS)}")


def _flat(value: Any) -> str | int | float | bool:
    """A GraphML value: numbers and booleans kept (typed later), anything else as text."""
    if isinstance(value, str | bool | int | float):
        return value
    if value is None:
        return "None"
    return json.dumps(value, sort_keys=True, default=str)


def _common(
    period: Period, provenance: tuple[Provenance, ...], attrs: dict[str, Any]
) -> dict[str, Any]:
    out = {name: _flat(value) for name, value in attrs.items()}
    if period.start is not None:
        out["validFrom"] = period.start.isoformat()
    if period.end is not None:
        out["validTo"] = period.end.isoformat()
    if provenance:
        out["provenance"] = "; ".join(str(p) for p in provenance)
    return out


def _identifier(a: IdentifierAssignment) -> str:
    return str(a.identifier) if a.period == ALWAYS else f"{a.identifier} {a.period}"


def _node(node: Node, include_holders: bool) -> dict[str, Any]:
    out = _common(node.period, node.provenance, public(node.attrs, include_holders))
    out["kind"], out["name"], out["label"] = str(node.kind), node.name, node.name
    if node.identifiers:
        out["identifiers"] = "; ".join(_identifier(a) for a in node.identifiers)
    return out


def _edge(edge: Edge) -> dict[str, Any]:
    out = _common(edge.period, edge.provenance, edge.attrs)
    out["relation"] = out["label"] = str(edge.relation)
    return out


def _typed(rows: list[dict[str, Any]]) -> None:
    """Give each attribute one GraphML type across ``rows``: ``boolean`` where every value is a
    bool, ``int`` where every value is a whole number, ``double`` where every value is a number,
    else ``string`` (the numbers of a mixed attribute become text, so nothing is lost)."""
    kinds: dict[str, set[type]] = {}
    for row in rows:
        for name, value in row.items():
            kinds.setdefault(name, set()).add(type(value))
    for name, types in kinds.items():
        if types <= {bool} or types <= {int} or types == {str}:
            continue
        if types <= {int, float}:
            for row in rows:
                if name in row:
                    row[name] = float(row[name])
            continue
        for row in rows:
            if name in row and not isinstance(row[name], str):
                row[name] = str(row[name])


def to_graphml(g: TemporalGraph, include_holders: bool = False) -> str:
    """GraphML of ``g``: attributes ``label`` (the name, which Gephi and yEd show), ``kind``,
    ``name``, ``validFrom``, ``validTo``, ``identifiers`` (``gss:E10000006 [2019-04-01, …)``; …)
    and ``provenance`` on nodes; ``label`` (the relation), ``relation``, validity and provenance
    on edges; every other attribute typed (``int``, ``double``, ``boolean``, or ``string`` for
    text, lists and mixed values); post holders only with ``include_holders``.
    """
    nodes = g.all_nodes()
    node_rows = [_node(n, include_holders) for n in nodes]
    edges = g.all_edges()
    edge_rows = [_edge(e) for e in edges]
    _typed(node_rows)
    _typed(edge_rows)
    out = nx.MultiDiGraph()
    for node, row in zip(nodes, node_rows, strict=True):
        out.add_node(node.id, **row)
    for i, (edge, row) in enumerate(zip(edges, edge_rows, strict=True)):
        out.add_edge(edge.source, edge.target, key=i, **row)
    return "\n".join(nx.generate_graphml(out)) + "\n"
