"""The landscape being served, swapped whole when a newer version is pushed to the store.

Several API replicas can serve from one Neo4j: each polls the store's current version (the roof's
``safeguarding/poller.py``) and, when it changes, reads the new graph, warms it, and calls
:meth:`Landscape.swap`. The swap makes everything that depends on the graph anew (the GraphQL
endpoint with its result cache, the health report) and publishes it with one assignment, so a
request sees either the old landscape or the new one, never a mix; requests already running
finish on the one they started with.

>>> from graph.temporal import TemporalGraph
>>> from api.config import ApiConfig
>>> from api.schema import build_schema
>>> live = Landscape(TemporalGraph().freeze(), ApiConfig(), build_schema(ApiConfig()),
...                  lambda g: {"nodes": len(g)}, version=1)
>>> live.current.version, live.current.health
(1, {'nodes': 0, 'version': 1})
>>> live.swap(TemporalGraph().freeze(), version=2)
>>> live.current.version, live.swaps
(2, 1)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.types import Receive, Scope, Send
from strawberry import Schema

from api.config import ApiConfig
from api.http import GraphQLEndpoint
from graph.temporal import TemporalGraph


@dataclass(frozen=True)
class Served:
    """One landscape and what is made from it, published together."""

    graph: TemporalGraph
    endpoint: GraphQLEndpoint
    health: dict[str, Any]
    version: int | None


class Landscape:
    """The ASGI app of ``/graphql`` for the landscape currently served."""

    def __init__(
        self,
        graph: TemporalGraph,
        config: ApiConfig,
        schema: Schema,
        describe: Callable[[TemporalGraph], dict[str, Any]],
        version: int | None = None,
    ) -> None:
        self.config, self.schema, self.describe = config, schema, describe
        self.swaps = 0
        self._served = self._make(graph, version)

    def _make(self, graph: TemporalGraph, version: int | None) -> Served:
        health = {**self.describe(graph), "version": version}
        return Served(graph, GraphQLEndpoint(self.schema, graph, self.config), health, version)

    @property
    def current(self) -> Served:
        return self._served

    def swap(self, graph: TemporalGraph, version: int | None) -> None:
        """Serve ``graph`` (store version ``version``) from the next request on."""
        served = self._make(graph, version)  # built before it is published
        self._served = served  # one assignment: atomic for every request that follows
        self.swaps += 1

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._served.endpoint(scope, receive, send)
