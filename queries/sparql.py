"""A read-only SPARQL 1.1 engine over the temporal export, bounded in time and result size.

The export (:func:`graph.rdf.temporal_triples`: every entity with its ONS statistical-geography
URI, validity and provenance) is loaded into Oxigraph in a worker process
(:mod:`queries.sparql_worker`). A query that runs past ``timeout`` seconds has its worker
stopped (a query cannot be interrupted in-process) and a fresh one is started for the next; one
that would answer more than ``max_rows`` solutions is refused. Queries are answered one at a
time. Oxigraph answers ``coverage.rq`` about 40 times faster than rdflib (7 ms against 280 ms on
the real export, measured for issue 16), which is why the endpoint uses it.

>>> from loaders.landscape import bundled
>>> from queries.rdf_coverage import coverage_query
>>> from datetime import date
>>> import json
>>> engine = SparqlEngine(bundled(), timeout=60)
>>> kind, body = engine.run("ASK { ?s ?p ?o }")
>>> kind, json.loads(body)["boolean"]
('application/sparql-results+json', True)
>>> rows = json.loads(engine.run(coverage_query(date(2024, 6, 1)))[1])["results"]["bindings"]
>>> len(rows)
153
>>> engine.close()
"""

from __future__ import annotations

import multiprocessing
import threading
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess

from graph import rdf
from graph.errors import QueryRefused
from graph.temporal import TemporalGraph
from queries import sparql_worker

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_ROWS = 10_000
START_TIMEOUT = 120.0  # loading the export: about a second on the real landscape


class SparqlEngine:
    """Answers SPARQL over the temporal export of one graph (made lazily, on the first query)."""

    def __init__(
        self,
        g: TemporalGraph,
        timeout: float = DEFAULT_TIMEOUT,
        max_rows: int = DEFAULT_MAX_ROWS,
    ) -> None:
        self.graph, self.timeout, self.max_rows = g, timeout, max_rows
        self._lock = threading.Lock()
        self._export: bytes | None = None
        self._worker: tuple[BaseProcess, Connection] | None = None

    def _start(self) -> tuple[BaseProcess, Connection]:
        if self._export is None:
            triples = rdf.temporal_triples(self.graph)
            self._export = rdf.write(triples, rdf.prefixes(self.graph), "turtle").encode("utf-8")
        context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        ours, theirs = context.Pipe()
        process = context.Process(target=sparql_worker.main, args=(theirs,), daemon=True)
        process.start()
        theirs.close()
        ours.send_bytes(self._export)
        if not ours.poll(START_TIMEOUT):
            process.kill()
            raise QueryRefused("the SPARQL engine did not start")
        ours.recv()
        return process, ours

    def run(self, query: str) -> tuple[str, str]:
        """``(media type, body)`` of the answer to ``query``; QueryRefused for a query that is not
        one, runs past the timeout or answers too much."""
        with self._lock:
            if self._worker is None or not self._worker[0].is_alive():
                self._worker = self._start()
            process, conn = self._worker
            conn.send((query, self.max_rows))
            if not conn.poll(self.timeout):
                process.kill()
                process.join()
                self._worker = None
                raise QueryRefused(
                    f"the SPARQL query ran for more than {self.timeout:g} s and was stopped"
                )
            status, media, body = conn.recv()
        if status != "ok":
            raise QueryRefused(body)
        return media, body

    def close(self) -> None:
        with self._lock:
            if self._worker is not None:
                process, conn = self._worker
                conn.close()
                process.join(timeout=5)
                if process.is_alive():
                    process.kill()
                self._worker = None
