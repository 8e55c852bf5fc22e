"""What every resolver of one request sees: the graph, the config, and per-request helpers.

A :class:`Context` is made for each request (by ``api.http.GraphQLEndpoint``), so nothing a resolver
memoises in it outlives the request. The heavy, date-dependent indexes live in the graph's views
(``queries.footprint``), shared by every request about the same stretch of time.
"""

from __future__ import annotations

from datetime import date

import strawberry

from api.config import ApiConfig
from graph.model import Node
from graph.temporal import TemporalGraph, View
from queries.coverage import check_date
from queries.footprint import Footprints, footprints


class Context:
    """The graph being served, the config, the operation the client named (None: it named
    none), and a per-request memo of checked dates."""

    def __init__(
        self, graph: TemporalGraph, config: ApiConfig, operation_name: str | None = None
    ) -> None:
        self.graph = graph
        self.config = config
        self.operation_name = operation_name
        self.whole_answer = False  # set once executed without errors: the answer may be kept
        self._checked: set[date] = set()

    def view(self, when: date) -> View:
        """The graph on ``when``; raises DateOutOfRange for a date before the data begins."""
        if when not in self._checked:
            check_date(self.graph, when)
            self._checked.add(when)
        return self.graph.at(when)

    def footprints(self, when: date) -> Footprints:
        """The footprint index of the view on ``when`` (built once per stretch of time)."""
        return footprints(self.view(when))

    def node(self, node_id: str) -> Node:
        return self.graph.node(node_id)


Info = strawberry.Info[Context, None]
"""The ``info`` argument of every resolver."""
