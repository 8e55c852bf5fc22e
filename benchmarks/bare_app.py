"""The floor: a bare Starlette app that answers ``POST /bare/{case}`` with stored JSON bytes.

The benchmarks first ask the real server each case's question once (on a date they never ask
again) and store its answer as ``{case}.json`` in the folder named by ``BENCH_ANSWERS``; this app,
on its own uvicorn worker, reads the request body and returns those bytes. Measured beside the
real app, a ratio to it is what the GraphQL layer and the questions cost over HTTP itself.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

_ANSWERS = {
    p.stem: p.read_bytes()
    for p in sorted(Path(os.environ.get("BENCH_ANSWERS", ".")).glob("*.json"))
}


async def answer(request: Request) -> Response:
    await request.body()  # read as the real app reads it
    return Response(_ANSWERS[request.path_params["case"]], media_type="application/json")


async def ready(request: Request) -> Response:
    return Response(b'{"status":"ok"}', media_type="application/json")


app = Starlette(
    routes=[
        Route("/bare/{case}", answer, methods=["POST"]),
        Route("/health", ready, methods=["GET"]),
    ]
)
