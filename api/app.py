"""The web application: GraphQL at ``/graphql`` (GraphiQL in a browser), health at ``/health``,
and the explorer (``/``: a map and table; a page per entity; GeoJSON feeds; see
:mod:`api.explorer`).

:func:`create_app` takes the graph, the config and the boundaries to draw (by default those the
build ships); it reads nothing from the environment (the ``serve`` command does, once, at the
edge).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from api.config import ApiConfig
from api.errors import LandscapeSchema
from api.explorer import explorer_routes
from api.http import BodyLimit, KeptAnswers, error_body
from api.live import Landscape
from api.schema import build_schema
from api.sparql import SparqlEndpoint
from graph.errors import DateOutOfRange
from graph.temporal import TemporalGraph
from graph.topology import Topology
from loaders.shipped import bundled_boundaries
from queries.basis import currency
from queries.tables import TABLES, table

GRAPHQL_PATH = "/graphql"


def health_report(graph: TemporalGraph, config: ApiConfig) -> dict[str, Any]:
    """Status, size and data dates of the landscape being served, and how current it is: the
    last vintage of each layer, the last decided change, the last day of evidence, the inputs."""
    dates = graph.change_dates
    return {
        "status": "ok",
        "store": config.store,
        "nodes": len(graph),
        "edges": len(graph.all_edges()),
        "data_start": graph.meta.get("data_start"),
        "last_change": dates[-1].isoformat() if dates else None,
        "sources": [
            {"file": name, "vintage": vintage} for name, vintage in graph.meta.get("sources", [])
        ],
        "currency": currency(graph),
    }


def create_app(
    graph: TemporalGraph,
    config: ApiConfig,
    version: int | None = None,
    boundaries: Topology | Callable[[], Topology] | None = None,
) -> Starlette:
    """The API serving ``graph`` (store version ``version``, where it has one) with the limits of
    ``config``; ``app.state.landscape`` (:class:`~api.live.Landscape`) swaps in a newer graph. The
    explorer draws ``boundaries`` (default: the boundaries shipped beside the bundled snapshot,
    read when a map first needs them: a sixth of a second and 16 MiB that start-up need not pay;
    a function giving them is called then too).

    A Starlette app, routes listed: every route is a plain ASGI endpoint, so FastAPI's request
    models, dependency injection and OpenAPI (with pydantic: a fifth of a second and 15 MiB
    before the first answer) would serve nothing here.
    """
    # the served landscape can be swapped whole for a newer version (api/live.py)
    schema = build_schema(config)
    assert isinstance(schema, LandscapeSchema)  # with its cache of documents
    live = Landscape(graph, config, schema, lambda g: health_report(g, config), version)

    async def get_health(request: Request) -> JSONResponse:
        # on the event loop: health is answered even while every worker thread is busy
        served = live.current
        caches = {**served.endpoint.cache_stats(), "documents": schema.documents.stats()}
        return JSONResponse({**served.health, "caches": caches})

    given = boundaries if boundaries is not None else bundled_boundaries
    topology = given if callable(given) else lambda: given
    routes = [
        Route(GRAPHQL_PATH, live),
        # the explorer: pages, GeoJSON feeds, impact maps and the pages' own files
        *explorer_routes(lambda: live.current.graph, config, schema, topology),
        Route("/health", get_health, methods=["GET"]),
        Route("/export/{table}.csv", _csv_endpoint(live)),
        Route("/sparql", SparqlEndpoint(live, config).handle, methods=["GET", "POST"]),
    ]
    middleware = [
        # kept answers first: a repeated question is answered before anything else reads it
        Middleware(
            KeptAnswers,
            path=GRAPHQL_PATH,
            endpoint=lambda: live.current.endpoint,
            max_bytes=config.max_body_bytes,
        ),
        Middleware(BodyLimit, max_bytes=config.max_body_bytes),
    ]
    if config.cors_origins:
        # CORS for listed origins, outermost: a preflight is answered before the body limit or
        # the routes see it (a route would answer 405)
        cors = Middleware(
            CORSMiddleware,
            allow_origins=list(config.cors_origins),
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["content-type", "accept"],
            max_age=600,
        )
        middleware.insert(0, cors)
    app = Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={StarletteHTTPException: _http_error},
    )
    app.state.landscape = live
    return app


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}.get(exc.status_code, "BAD_REQUEST")
    return JSONResponse(
        error_body(str(exc.detail), code), status_code=exc.status_code, headers=exc.headers
    )


def _csv_endpoint(live: Landscape) -> Any:
    """``GET /export/<table>.csv?asOf=YYYY-MM-DD``: one table of :mod:`queries.tables` as
    ``text/csv``; a missing or bad date is a 400 and an unknown table a 404, each named."""

    async def endpoint(request: Request) -> Response:
        name = request.path_params["table"]
        if name not in TABLES:
            known = ", ".join(f"{t}.csv" for t in TABLES)
            return JSONResponse(
                error_body(f"no table {name!r}: expected one of {known}", "NOT_FOUND"), 404
            )
        raw = request.query_params.get("asOf", "")
        try:
            when = date.fromisoformat(raw)
        except ValueError:
            message = f"query parameter asOf={raw!r}: expected a date YYYY-MM-DD"
            return JSONResponse(error_body(message, "BAD_REQUEST"), 400)
        try:
            graph = live.current.graph
            text = await run_in_threadpool(lambda: table(graph, when, name).to_csv())
        except DateOutOfRange as err:
            return JSONResponse(error_body(f"query parameter asOf: {err}", "BAD_REQUEST"), 400)
        filename = f"{name}-{when.isoformat()}.csv"
        return Response(
            text,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    return endpoint
