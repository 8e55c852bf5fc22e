"""The temporal graph as text: Turtle or JSON-LD (the RDF of :mod:`graph.rdf`), or GraphML.

:func:`export` is the one entry point (``safeguarding export --format``). GraphML is for graph
tools (Gephi, yEd, networkx): one node per entity and one edge per relation, every attribute
flattened to a string; an unbounded side of a validity is left out. The holder of a post (a
person's name, :mod:`graph.personal`) is left out unless ``include_holders`` asks for it; RDF never
carries it.

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


def _flat(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, int | float | bool) or value is None:
        return str(value)
    return json.dumps(value, sort_keys=True, default=str)


def _common(
    period: Period, provenance: tuple[Provenance, ...], attrs: dict[str, Any]
) -> dict[str, str]:
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


def _node(node: Node, include_holders: bool) -> dict[str, str]:
    out = _common(node.period, node.provenance, public(node.attrs, include_holders))
    out["kind"], out["name"] = node.kind, node.name
    if node.identifiers:
        out["identifiers"] = "; ".join(_identifier(a) for a in node.identifiers)
    return out


def _edge(edge: Edge) -> dict[str, str]:
    out = _common(edge.period, edge.provenance, edge.attrs)
    out["relation"] = edge.relation
    return out


def to_graphml(g: TemporalGraph, include_holders: bool = False) -> str:
    """GraphML of ``g``: attributes ``kind``, ``name``, ``validFrom``, ``validTo``,
    ``identifiers`` (``gss:E10000006 [2019-04-01, …)``; …) and ``provenance`` on nodes,
    ``relation``, validity and provenance on edges, and every other attribute as a string.
    """
    out = nx.MultiDiGraph()
    for node in g.all_nodes():
        out.add_node(node.id, **_node(node, include_holders))
    for i, edge in enumerate(g.all_edges()):
        out.add_edge(edge.source, edge.target, key=i, **_edge(edge))
    return "\n".join(nx.generate_graphml(out)) + "\n"
