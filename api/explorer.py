"""The explorer's routes, added to the app in one place: pages, feeds, impact and the files.

``/`` is the explorer (a map of England on a date, with a table of the same data); the entity
pages are :mod:`api.pages`, the GeoJSON and TopoJSON feeds :mod:`api.geo`, the impact of a
proposal on the map :mod:`api.impact_map`, the pages' own files :mod:`api.assets`. All of them read
the graph being served and the boundaries the build ships; nothing leaves the host.
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.routing import BaseRoute
from strawberry.schema.base import BaseSchema

from api.assets import asset_routes
from api.config import ApiConfig
from api.geo import geo_routes
from api.impact_map import impact_routes
from api.pages import page_routes
from graph.temporal import TemporalGraph
from graph.topology import Topology


def explorer_routes(
    current: Callable[[], TemporalGraph],
    config: ApiConfig,
    schema: BaseSchema,
    topology: Callable[[], Topology],
) -> list[BaseRoute]:
    """Every route of the explorer over the graph being served (``current()``: it can be swapped
    for a newer version), asking ``schema`` what the API answers; ``topology()`` gives the
    boundaries, read when a map first needs them."""
    return [
        *page_routes(current, config, schema),
        *geo_routes(current, topology),
        *impact_routes(current, topology),
        *asset_routes(str(schema).rstrip("\n") + "\n"),
    ]
