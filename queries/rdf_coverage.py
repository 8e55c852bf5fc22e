"""Coverage answered over the RDF export: by SPARQL on the temporal export, and by SHACL on a day.

Two more engines for the question :mod:`queries.coverage` answers in Python (is every upper-tier
LA covered by exactly one partnership on a date?), so each can check the others:

* :func:`coverage_sparql` runs ``coverage.rq`` over :func:`graph.rdf.to_rdf`, with the date bound
  as the parameter ``?asOf``;
* :func:`coverage_shacl` runs the coverage shape of ``ontology/shapes.ttl`` with pyshacl over
  :func:`graph.rdf.view_to_rdf` (only the facts valid that day) and reads the validation report.

>>> from graph.model import Node, Edge, Period, Provenance
>>> from graph.rdf import to_rdf
>>> src = (Provenance("example", "1"),)
>>> g = TemporalGraph()
>>> g.add_node(Node("la:AAA", "UnitaryAuthority", "A Council", Period(), src))
>>> g.add_node(Node("la:BBB", "LondonBorough", "B Council", Period(), src))
>>> g.add_node(Node("partnership:ab", "SafeguardingPartnership", "A and B", Period(), src))
>>> g.add_edge(Edge("partnership:ab", "la:AAA", "hasMember", Period(), src))
>>> when = date(2020, 1, 1)
>>> coverage_sparql(to_rdf(g), when) == coverage_shacl(g, when)
True
>>> sorted(coverage_shacl(g, when).uncovered)
['la:BBB']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import RDF, XSD, Graph, Literal
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import ResultRow

from graph.rdf import COVERAGE_SHAPE, SLG, node_id, view_to_rdf, violations
from graph.temporal import TemporalGraph

QUERY_FILE = Path(__file__).with_name("coverage.rq")


@dataclass(frozen=True)
class CoverageSets:
    """Node ids of the upper-tier LAs on a date, those covered by no partnership, and those
    covered by more than one."""

    las: frozenset[str]
    uncovered: frozenset[str]
    multiply_covered: frozenset[str]


@lru_cache(maxsize=1)
def _query() -> Any:
    return prepareQuery(QUERY_FILE.read_text(encoding="utf-8"))


def coverage_sparql(rdf: Graph, when: date) -> CoverageSets:
    """Coverage on ``when`` by ``coverage.rq`` over the temporal export ``rdf`` (from to_rdf)."""
    counts: dict[str, int] = {}
    for row in rdf.query(_query(), initBindings={"asOf": Literal(when, datatype=XSD.date)}):
        assert isinstance(row, ResultRow)  # a SELECT gives rows
        la, n = row
        counts[node_id(la)] = int(n)
    return CoverageSets(
        frozenset(counts),
        frozenset(la for la, n in counts.items() if n == 0),
        frozenset(la for la, n in counts.items() if n >= 2),
    )


def coverage_shacl(g: TemporalGraph, when: date) -> CoverageSets:
    """Coverage on ``when`` by the SHACL coverage shape over the graph as of that day.

    The shape asks for exactly one partnership per LA: a failed ``sh:qualifiedMinCount`` is an
    uncovered LA, a failed ``sh:qualifiedMaxCount`` one covered more than once.
    """
    day = view_to_rdf(g, when)
    failed: dict[str, set[str]] = {"QualifiedMinCount": set(), "QualifiedMaxCount": set()}
    for v in violations(day, [COVERAGE_SHAPE]):
        failed.setdefault(v.component.removesuffix("ConstraintComponent"), set()).add(
            node_id(v.focus)
        )
    las = {node_id(la) for la in day.subjects(RDF.type, SLG.UpperTierAuthority)}
    return CoverageSets(
        frozenset(las),
        frozenset(failed["QualifiedMinCount"]),
        frozenset(failed["QualifiedMaxCount"]),
    )
