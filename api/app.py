"""The web application: GraphQL at ``/graphql`` (GraphiQL in a browser), health at ``/health``.

:func:`create_app` takes the graph and the config; it reads nothing from the environment (the
``serve`` command does, once, at the edge).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse
from starlette.routing import Route

from api.config import ApiConfig
from api.http import BodyLimit, GraphQLEndpoint, error_body
from api.schema import build_schema
from graph.temporal import TemporalGraph
from queries.basis import currency

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


def create_app(graph: TemporalGraph, config: ApiConfig) -> FastAPI:
    """The API serving ``graph`` with the limits of ``config``."""
    app = FastAPI(
        title="Safeguarding Landscape Graph",
        description="England's child-safeguarding landscape over time, as GraphQL.",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    endpoint = GraphQLEndpoint(build_schema(config), graph, config)
    app.router.routes.append(Route(GRAPHQL_PATH, endpoint, include_in_schema=False))
    health = health_report(graph, config)

    @app.get("/health")
    def get_health() -> dict[str, Any]:
        return health

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}.get(exc.status_code, "BAD_REQUEST")
        return JSONResponse(
            error_body(str(exc.detail), code), status_code=exc.status_code, headers=exc.headers
        )

    app.add_middleware(BodyLimit, max_bytes=config.max_body_bytes)
    return app
