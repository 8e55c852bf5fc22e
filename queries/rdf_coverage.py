"""Coverage answered over the RDF export: by SPARQL on the temporal export, and by SHACL on a day.

Two more engines for the question :mod:`queries.coverage` answers in Python (is every upper-tier
LA covered by exactly one partnership on a date?), so each can check the others:

* :func:`coverage_sparql` runs ``coverage.rq`` (standard SPARQL 1.1: the date is the typed
  literal of its ``VALUES ?asOf`` lines, see :func:`coverage_query`) over :func:`graph.rdf.to_rdf`;
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

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from rdflib import RDF, Graph
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import ResultRow

from graph.errors import SafeguardingError
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


DATE_LITERAL = re.compile(r'VALUES \?asOf \{ "\d{4}-\d{2}-\d{2}"\^\^xsd:date \}')


def coverage_query(when: date) -> str:
    """The text of ``coverage.rq`` asking about ``when``: its date literals replaced.

    >>> 'VALUES ?asOf { "2021-04-01"^^xsd:date }' in coverage_query(date(2021, 4, 1))
    True
    """
    text = QUERY_FILE.read_text(encoding="utf-8")
    if len(DATE_LITERAL.findall(text)) != 2:
        raise SafeguardingError(f"{QUERY_FILE.name}: expected a VALUES ?asOf line per branch")
    day = date.fromordinal(when.toordinal())  # a real date, so only digits go into the text
    return DATE_LITERAL.sub(f'VALUES ?asOf {{ "{day.isoformat()}"^^xsd:date }}', text)


@lru_cache(maxsize=64)
def _query(when: date) -> Any:
    return prepareQuery(coverage_query(when))


def coverage_sparql(rdf: Graph, when: date) -> CoverageSets:
    """Coverage on ``when`` by ``coverage.rq`` over the temporal export ``rdf`` (from to_rdf)."""
    counts: dict[str, int] = {}
    for row in rdf.query(_query(when)):
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
