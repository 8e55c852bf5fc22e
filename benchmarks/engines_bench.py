"""The same coverage question by four engines on every change date: Python, SPARQL, SHACL.

Python is timed cold (a fresh graph: the first question about each stretch of time builds its view
and footprint index) and warm. SPARQL runs ``queries/coverage.rq`` over the temporal RDF export
(built once, timed apart) on rdflib and on Oxigraph; SHACL runs the coverage shape over the export
of each day.
Target (issue 4): Python at least 100 times faster than SPARQL.
"""

from __future__ import annotations

import statistics
import time

import pyoxigraph as ox

from benchmarks.table import ms, table
from graph import rdf
from graph.rdf import to_rdf
from loaders.landscape import bundled
from queries.coverage import change_days, coverage
from queries.rdf_coverage import coverage_query, coverage_shacl, coverage_sparql


def main() -> str:
    g = bundled.__wrapped__()
    days = change_days(g)
    cold, warm, sparql, oxi, shacl = [], [], [], [], []
    t = time.perf_counter()
    rdf_graph = to_rdf(g)
    export = time.perf_counter() - t
    store = ox.Store()
    turtle = rdf.write(rdf.temporal_triples(g), rdf.prefixes(g), "turtle").encode("utf-8")
    store.bulk_load(turtle, ox.RdfFormat.TURTLE)
    for d in days:
        t = time.perf_counter()
        coverage(g, d)
        cold.append(time.perf_counter() - t)
        t = time.perf_counter()
        coverage(g, d)
        warm.append(time.perf_counter() - t)
        t = time.perf_counter()
        coverage_sparql(rdf_graph, d)
        sparql.append(time.perf_counter() - t)
        query = coverage_query(d)
        t = time.perf_counter()
        list(store.query(query))
        oxi.append(time.perf_counter() - t)
        t = time.perf_counter()
        coverage_shacl(g, d)
        shacl.append(time.perf_counter() - t)
    s = statistics.median(sparql)
    rows = [
        ["Python, cold", ms(statistics.median(cold)), f"{s / statistics.median(cold):,.0f}x"],
        ["Python, warm", ms(statistics.median(warm)), f"{s / statistics.median(warm):,.0f}x"],
        ["SPARQL (coverage.rq, rdflib)", ms(s), "1x"],
        [
            "SPARQL (coverage.rq, Oxigraph: the /sparql engine)",
            ms(statistics.median(oxi)),
            f"{s / statistics.median(oxi):.0f}x",
        ],
        [
            "SHACL (pyshacl, day's export)",
            ms(statistics.median(shacl)),
            f"{s / statistics.median(shacl):.1f}x",
        ],
        ["(RDF export of the temporal graph, once)", ms(export), "-"],
    ]
    return table(
        f"Coverage by four engines, median over {len(days)} change dates "
        "(target: Python >= 100x SPARQL)",
        ["engine", "per date", "SPARQL time / this"],
        rows,
    )


if __name__ == "__main__":
    print(main())
