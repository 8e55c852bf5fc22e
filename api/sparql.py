"""``/sparql``: the SPARQL 1.1 protocol, read-only, over the temporal export of the landscape.

``GET /sparql?query=…``, ``POST`` with a form field ``query``, or ``POST`` with the query as an
``application/sparql-query`` body; ``SELECT`` and ``ASK`` answer
``application/sparql-results+json``, ``CONSTRUCT`` and ``DESCRIBE`` ``application/n-triples``.
Updates are refused (400): this endpoint only reads. Every query is bounded by the config's
``sparql_timeout`` (seconds) and ``sparql_max_rows``; a refusal is a JSON error naming why.
The engine (:class:`queries.sparql.SparqlEngine`) is made on the first query, for the landscape
being served, and made anew after a swap; its module (rdflib for the RDF export, pyoxigraph) is
imported then too, not at start-up: they cost about a fifth of a second and 20 MiB that a server
nobody asks SPARQL of never needs.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from api.config import ApiConfig
from api.http import error_body
from api.live import Landscape
from graph.errors import QueryRefused

if TYPE_CHECKING:
    from queries.sparql import SparqlEngine

FORM = "application/x-www-form-urlencoded"
QUERY_BODY = "application/sparql-query"


def _refuse(message: str, status: int = 400, code: str = "BAD_REQUEST") -> JSONResponse:
    return JSONResponse(error_body(message, code), status_code=status)


class SparqlEndpoint:
    """The Starlette endpoint of ``/sparql`` for the landscape ``live`` serves."""

    def __init__(self, live: Landscape, config: ApiConfig) -> None:
        self.live, self.config = live, config
        self._engine: SparqlEngine | None = None
        self._lock = threading.Lock()

    def engine(self) -> SparqlEngine:
        # deferred for start-up cost (heavy, optional: see the module's docstring), not a cycle
        from queries.sparql import SparqlEngine

        graph = self.live.current.graph
        with self._lock:
            if self._engine is None or self._engine.graph is not graph:
                if self._engine is not None:
                    self._engine.close()
                self._engine = SparqlEngine(
                    graph, self.config.sparql_timeout, self.config.sparql_max_rows
                )
            return self._engine

    async def handle(self, request: Request) -> Response:
        if request.method == "GET":
            if "update" in request.query_params:
                return _refuse("SPARQL update is not accepted: this endpoint is read-only")
            query = request.query_params.get("query")
        elif request.method == "POST":
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind == QUERY_BODY:
                query = (await request.body()).decode("utf-8", errors="replace")
            elif kind == FORM:  # parsed here: Starlette's form parsing needs python-multipart
                form = parse_qs((await request.body()).decode("utf-8", errors="replace"))
                if "update" in form:
                    return _refuse("SPARQL update is not accepted: this endpoint is read-only")
                query = form.get("query", [""])[0]
            elif kind == "application/sparql-update":
                return _refuse("SPARQL update is not accepted: this endpoint is read-only")
            else:
                return _refuse(
                    f"content type {kind or '(none)'!r}: send {FORM} with a query field, or "
                    f"{QUERY_BODY}",
                    415,
                )
        else:
            return _refuse(f"method {request.method}: use GET or POST", 405, "METHOD_NOT_ALLOWED")
        if not query or not query.strip():
            return _refuse("no query: give the SPARQL text as the query parameter")
        if len(query.encode("utf-8")) > self.config.max_body_bytes:
            return _refuse(f"the query is over {self.config.max_body_bytes} bytes", 413)
        engine = self.engine()
        try:
            media, body = await run_in_threadpool(engine.run, query)
        except QueryRefused as err:
            return _refuse(str(err), code="QUERY_REFUSED")
        return Response(body, media_type=media)
