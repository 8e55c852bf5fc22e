"""The process that answers SPARQL for :mod:`queries.sparql`: Oxigraph over the temporal export.

It imports nothing of the project, so a fresh interpreter starts it quickly. It receives the
Turtle of the export once, then one query at a time, and sends back one answer: for ``SELECT``
and ``ASK`` the ``application/sparql-results+json`` document, for ``CONSTRUCT`` and ``DESCRIBE``
N-Triples; never more than ``max_rows`` solutions or triples (more is refused, not cut, so that
an answer is never silently partial). Only queries can be parsed: an update is a syntax error.
"""

from __future__ import annotations

import json
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox


def term(t: Any) -> dict[str, str]:
    """A term as SPARQL 1.1 Query Results JSON writes it."""
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    out = {"type": "literal", "value": t.value}
    if t.language:
        out["xml:lang"] = t.language
    elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = t.datatype.value
    return out


def answer(store: Any, query: str, max_rows: int) -> tuple[str, str, str]:
    """``("ok", media type, body)`` or ``("refused", "", message)``."""
    try:
        result = store.query(query)
    except SyntaxError as err:
        return "refused", "", f"not a SPARQL 1.1 query (updates are not accepted here): {err}"
    if isinstance(result, ox.QueryBoolean):
        body = json.dumps({"head": {}, "boolean": bool(result)})
        return "ok", "application/sparql-results+json", body
    if isinstance(result, ox.QuerySolutions):
        names = [v.value for v in result.variables]
        rows = []
        for i, solution in enumerate(result):
            if i == max_rows:
                return "refused", "", f"more than {max_rows} solutions: add a LIMIT or narrow it"
            rows.append({n: term(solution[n]) for n in names if solution[n] is not None})
        body = json.dumps({"head": {"vars": names}, "results": {"bindings": rows}})
        return "ok", "application/sparql-results+json", body
    lines = []
    for i, triple in enumerate(result):
        if i == max_rows:
            return "refused", "", f"more than {max_rows} triples: add a LIMIT or narrow it"
        lines.append(f"{triple.subject} {triple.predicate} {triple.object} .")
    return "ok", "application/n-triples", "\n".join(lines) + ("\n" if lines else "")


def main(conn: Connection) -> None:
    """Load the export sent first, then answer queries until the pipe closes."""
    store = ox.Store()
    store.bulk_load(conn.recv_bytes(), ox.RdfFormat.TURTLE)
    conn.send(("ready", "", str(len(store))))
    while True:
        try:
            query, max_rows = conn.recv()
        except EOFError:
            return
        try:
            conn.send(answer(store, query, max_rows))
        except Exception as err:  # an engine failure is this query's, not the worker's end
            conn.send(("refused", "", f"the query failed: {err}"))
