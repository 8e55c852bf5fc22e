"""The same coverage question by the project's code, by Oxigraph and by rdflib, on every change
date; and SHACL's coverage shape on each day's export, for information.

"cold" is the first question about a date: for the project, on a fresh graph, where the first
question about each stretch of time builds its view and footprint index (every change date
starts a stretch), and shares with earlier stretches only what derives from the same facts;
for the SPARQL engines, the first run of ``queries/coverage.rq`` with that date. Because a
change date on which only facts coverage does not read change (a review, a post) is cheap, the
table also gives the project's cold answer on the change dates where coverage's own facts
change, alone. "warm" is the same question asked again (the median of five). The RDF export of the
temporal graph and Oxigraph's bulk load are done once, apart. Targets (issue 13): the project's
code at least 10x faster than Oxigraph cold and 1,000x warm.
``python -m benchmarks.engines_bench [--quick]``.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from functools import partial

import pyoxigraph as ox

from benchmarks.table import ms, table, timed
from graph import rdf
from graph.rdf import to_rdf
from loaders.landscape import bundled
from queries.coverage import change_days, cores, coverage
from queries.rdf_coverage import coverage_query, coverage_shacl, coverage_sparql


def _cold(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main(quick: bool = False) -> str:
    g = bundled.__wrapped__()  # a fresh graph: no view, index or memo yet
    days = change_days(g)
    if quick:
        days = days[:: max(1, len(days) // 4)]
    t = time.perf_counter()
    rdf_graph = to_rdf(g)
    turtle = rdf.write(rdf.temporal_triples(g), rdf.prefixes(g), "turtle").encode("utf-8")
    store = ox.Store()
    store.bulk_load(turtle, ox.RdfFormat.TURTLE)
    export = time.perf_counter() - t
    times: dict[str, list[float]] = {
        k: [] for k in ("cold", "inputs", "warm", "ox cold", "ox warm", "rdflib", "shacl")
    }
    for d in days:
        query = coverage_query(d)

        def oxigraph(q: str = query) -> object:
            return list(store.query(q))  # type: ignore[arg-type]

        def project(day: date = d) -> object:
            return coverage(g, day)

        before = cores(g)
        times["cold"].append(_cold(project))
        if cores(g) > before:  # coverage's facts changed: a new core was made
            times["inputs"].append(times["cold"][-1])
        times["warm"].append(timed(project, 5))
        times["ox cold"].append(_cold(oxigraph))
        times["ox warm"].append(timed(oxigraph, 5))
        times["rdflib"].append(_cold(partial(coverage_sparql, rdf_graph, d)))
        if not quick:
            times["shacl"].append(_cold(partial(coverage_shacl, g, d)))
    med = {k: statistics.median(v) for k, v in times.items() if v}
    cold_ratio = med["ox cold"] / med["cold"]
    inputs_ratio = med["ox cold"] / med["inputs"]
    warm_ratio = med["ox warm"] / med["warm"]

    def vs(key: str) -> str:
        return f"{med[key] / med['cold']:,.1f}x / {med[key] / med['warm']:,.0f}x"

    rows = [
        ["project, cold (first question about the stretch)", ms(med["cold"]), "1x / -",
         f">= 10x faster than Oxigraph cold: {'met' if cold_ratio >= 10 else 'MISSED'} "
         f"({cold_ratio:,.1f}x)"],
        [f"project, cold where coverage's facts change ({len(times['inputs'])} dates)",
         ms(med["inputs"]), "-",
         f">= 10x on these alone: {'met' if inputs_ratio >= 10 else 'MISSED'} "
         f"({inputs_ratio:,.1f}x)"],
        ["project, warm (asked again)", ms(med["warm"]), "- / 1x",
         f">= 1,000x faster than Oxigraph warm: {'met' if warm_ratio >= 1000 else 'MISSED'} "
         f"({warm_ratio:,.0f}x)"],
        ["Oxigraph, cold (coverage.rq: the /sparql engine)", ms(med["ox cold"]),
         vs("ox cold"), "-"],
        ["Oxigraph, warm (the same query again)", ms(med["ox warm"]), vs("ox warm"), "-"],
        ["rdflib (coverage.rq)", ms(med["rdflib"]), vs("rdflib"), "-"],
    ]  # fmt: skip
    if "shacl" in med:
        rows.append(["SHACL (pyshacl, the day's export)", ms(med["shacl"]), vs("shacl"), "-"])
    rows.append(["(RDF export and Oxigraph bulk load, once)", ms(export), "-", "-"])
    return table(
        f"Coverage by engine, median over {len(days)} change dates",
        ["engine", "per date", "this / project cold / warm", "target"],
        rows,
    )


if __name__ == "__main__":
    print(main("--quick" in sys.argv))
